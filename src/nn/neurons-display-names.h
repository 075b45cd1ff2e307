/* neurons-display-names.h: the names a person reads for the network's settings ("ReLU", "He")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-mlp.h"

G_BEGIN_DECLS

const char *neurons_activation_display_name (NeuronsActivation activation);
const char *neurons_init_display_name       (NeuronsInit       initialization);

G_END_DECLS
