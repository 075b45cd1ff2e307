/* neurons-optimizer.h: the step a batch's gradient makes: SGD, momentum or Adam
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-mlp.h"
#include "neurons-training-options.h"

G_BEGIN_DECLS

void  neurons_optimizer_step  (NeuronsMlp                   *mlp,
                               NeuronsOptimizerState        *state,
                               const NeuronsTrainingOptions *options,
                               float                         learning_rate);

G_END_DECLS
