/* neurons-training.h: the old name of neurons-sgd.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-sgd.h"
