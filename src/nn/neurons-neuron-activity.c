/* neurons-neuron-activity.c: the dead-neuron rule, and the scale a neuron's activity is read on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-neuron-activity"

#include "config.h"

#include "neurons-neuron-activity.h"

/**
 * neurons_neuron_is_dead:
 * @mlp: the network
 * @neuron: a first-layer neuron
 *
 * Returns: whether the first-layer neuron is a ReLU that stopped firing long ago
 */
gboolean
neurons_neuron_is_dead (const NeuronsMlp *mlp,
                        guint             neuron)
{
  g_return_val_if_fail (mlp != NULL, FALSE);
  g_return_val_if_fail (neuron < NEURONS_HIDDEN1_SIZE, FALSE);

  return mlp->hidden_activation == NEURONS_ACTIVATION_RELU &&
         mlp->dormant_samples[neuron] > NEURONS_DEAD_AFTER_SAMPLES;
}

guint
neurons_neuron_count_dead (const NeuronsMlp *mlp)
{
  guint n_dead = 0;

  g_return_val_if_fail (mlp != NULL, 0);

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    n_dead += neurons_neuron_is_dead (mlp, j);

  return n_dead;
}

/**
 * neurons_neuron_activity_scale:
 * @activation: the layer's activation function
 * @activations: (array length=n_neurons): the layer's outputs
 * @n_neurons: the size of the layer
 *
 * What an output is divided by to tell how strongly it fires, from 0 to 1. A sigmoid is
 * already there. A ReLU has no top, so the layer's strongest output sets the scale, but
 * never below 1, so that a layer of weak outputs looks weak.
 *
 * Returns: the divisor, above zero
 */
float
neurons_neuron_activity_scale (NeuronsActivation  activation,
                               const float       *activations,
                               guint              n_neurons)
{
  float largest = 1.0f;

  g_return_val_if_fail (activations != NULL, 1.0f);

  if (activation == NEURONS_ACTIVATION_SIGMOID)
    return 1.0f;

  for (guint j = 0; j < n_neurons; j++)
    largest = MAX (largest, activations[j]);

  return largest;
}
