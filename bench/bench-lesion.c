/* bench-lesion.c: how long "Which neurons matter most?" takes: 32 lesions of the whole test set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-lesion [NETWORK-FILE]   (NEURONS_DATA_DIR names the MNIST folder)
 *
 * Silences each of the 32 hidden neurons in turn on all 10,000 test images, as the window's
 * ranking does, five times, and prints the fastest and the slowest run beside the 2 s the
 * ranking must stay under. Without a file it trains the default network for one epoch first,
 * so that the lesions meet a network that has learned something.
 */

#define G_LOG_DOMAIN "bench-lesion"

#include "config.h"

#include <stdlib.h>

#include "neurons-dataset.h"
#include "neurons-lesion.h"
#include "neurons-network-file.h"
#include "neurons-random.h"
#include "neurons-sgd.h"

#define RUNS          5
#define LIMIT_SECONDS 2.0

static NeuronsMlp *
train_one_epoch (const NeuronsDataset *train)
{
  g_autofree guint32 *order = g_new (guint32, train->n_images);
  NeuronsMlp *mlp = neurons_mlp_new ();
  float learning_rate = (float) neurons_default_learning_rate (NEURONS_ACTIVATION_SIGMOID);

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, NEURONS_DEFAULT_SEED);
  neurons_epoch_order (NEURONS_DEFAULT_SEED, 0, order, train->n_images);
  for (guint s = 0; s < train->n_images; s++)
    neurons_mlp_train_sample (mlp, neurons_dataset_image (train, order[s]), train->labels[order[s]],
                              learning_rate, NULL, NULL);
  return mlp;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autoptr(NeuronsMlp) mlp = NULL;
  g_autofree char *directory = NULL;
  NeuronsLesionRanking ranking;
  double fastest = G_MAXDOUBLE, slowest = 0;

  directory = g_strdup (g_getenv ("NEURONS_DATA_DIR"));
  if (directory == NULL)
    directory = neurons_dataset_find_default_directory ();
  if (!neurons_dataset_load_directory (directory, &train, &test, &error))
    g_error ("Cannot load MNIST from %s: %s", directory, error->message);

  if (argc > 1)
    {
      NeuronsNetworkSettings settings;

      mlp = neurons_network_file_load (argv[1], &settings, &error);
      if (mlp == NULL)
        g_error ("%s", error->message);
    }
  else
    mlp = train_one_epoch (train);

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double seconds;

      neurons_lesion_rank (mlp, test, &ranking);
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      fastest = MIN (fastest, seconds);
      slowest = MAX (slowest, seconds);
    }

  g_print ("rank 32 hidden neurons on %u test images: fastest %.3f s, slowest %.3f s (limit %.1f s)\n",
           test->n_images, fastest, slowest, LIMIT_SECONDS);
  g_print ("most important: %u:%u, costs %.2f points; least: %u:%u, %.2f points (LAYER:NEURON as eval --silence reads it)\n",
           ranking.costs[0].hidden_layer + 1, ranking.costs[0].neuron + 1,
           neurons_lesion_cost_points (&ranking, &ranking.costs[0]),
           ranking.costs[NEURONS_N_HIDDEN_NEURONS - 1].hidden_layer + 1,
           ranking.costs[NEURONS_N_HIDDEN_NEURONS - 1].neuron + 1,
           neurons_lesion_cost_points (&ranking, &ranking.costs[NEURONS_N_HIDDEN_NEURONS - 1]));

  return slowest < LIMIT_SECONDS ? EXIT_SUCCESS : EXIT_FAILURE;
}
