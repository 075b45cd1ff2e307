/* neurons-training.h: the old name of neurons-sgd.h and neurons-evaluation.h, for the files outside src/nn that still include it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The window, the charts, the demos and some tests include this; once they include the two
 * headers they use, this file goes. */
#include "neurons-evaluation.h"
#include "neurons-sgd.h"
