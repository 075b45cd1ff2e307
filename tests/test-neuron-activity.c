/* test-neuron-activity.c: the dead-neuron rule, and the scale a neuron's activity is read on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "neurons-mlp.h"
#include "neurons-neuron-activity.h"

/* A ReLU neuron silent for longer than the limit is dead; a sigmoid one never is. */
static void
test_dead_neurons (void)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();

  mlp->hidden_activation = NEURONS_ACTIVATION_RELU;
  mlp->dormant_samples[0] = NEURONS_DEAD_AFTER_SAMPLES;
  mlp->dormant_samples[1] = NEURONS_DEAD_AFTER_SAMPLES + 1;
  mlp->dormant_samples[NEURONS_HIDDEN1_SIZE - 1] = G_MAXUINT32;

  g_assert_false (neurons_neuron_is_dead (mlp, 0));
  g_assert_true (neurons_neuron_is_dead (mlp, 1));
  g_assert_true (neurons_neuron_is_dead (mlp, NEURONS_HIDDEN1_SIZE - 1));
  g_assert_cmpuint (neurons_neuron_count_dead (mlp), ==, 2);

  mlp->hidden_activation = NEURONS_ACTIVATION_SIGMOID;
  g_assert_false (neurons_neuron_is_dead (mlp, 1));
  g_assert_cmpuint (neurons_neuron_count_dead (mlp), ==, 0);
}

/* A sigmoid is read as it is; a ReLU layer by its strongest output, never below 1. */
static void
test_activity_scale (void)
{
  const float weak[4] = { 0.1f, 0.5f, 0, 0.9f };
  const float strong[4] = { 0.1f, 3.5f, 0, 2 };

  g_assert_cmpfloat (neurons_neuron_activity_scale (NEURONS_ACTIVATION_SIGMOID, strong, 4), ==, 1);
  g_assert_cmpfloat (neurons_neuron_activity_scale (NEURONS_ACTIVATION_RELU, weak, 4), ==, 1);
  g_assert_cmpfloat (neurons_neuron_activity_scale (NEURONS_ACTIVATION_RELU, strong, 4), ==, 3.5f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nn/neuron-activity/dead", test_dead_neurons);
  g_test_add_func ("/nn/neuron-activity/scale", test_activity_scale);

  return g_test_run ();
}
