/* neurons-neuron-activity.h: the dead-neuron rule, and the scale a neuron's activity is read on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-mlp.h"

G_BEGIN_DECLS

/* A ReLU neuron silent for this many training samples in a row is shown as dead: a live one
 * fires for some digit within a few hundred samples. */
#define NEURONS_DEAD_AFTER_SAMPLES 2000

gboolean neurons_neuron_is_dead        (const NeuronsMlp *mlp,
                                        guint             neuron);
guint    neurons_neuron_count_dead     (const NeuronsMlp *mlp);
float    neurons_neuron_activity_scale (NeuronsActivation activation,
                                        const float      *activations,
                                        guint             n_neurons);

G_END_DECLS
