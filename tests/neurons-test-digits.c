/* neurons-test-digits.c: digits drawn as a person draws them, and a network to read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "neurons-dataset.h"
#include "neurons-network-file.h"
#include "neurons-test-digits.h"
#include "neurons-sgd.h"

/*
 * Each digit is one stroke as a mouse reports it: a few dozen points, close together where
 * the hand starts, stops and turns, further apart where it moves fast, and never quite on a
 * straight line.
 */

/* A downstroke, leaning a little to the left and bowed a little. */
static const float one[][2] = {
  { 0.56, 0.04 }, { 0.554, 0.054 }, { 0.56, 0.073 }, { 0.555, 0.102 }, { 0.558, 0.146 },
  { 0.556, 0.181 }, { 0.549, 0.224 }, { 0.541, 0.271 }, { 0.535, 0.318 }, { 0.538, 0.37 },
  { 0.528, 0.431 }, { 0.523, 0.473 }, { 0.517, 0.527 }, { 0.507, 0.581 }, { 0.508, 0.635 },
  { 0.493, 0.688 }, { 0.492, 0.732 }, { 0.473, 0.788 }, { 0.462, 0.818 }, { 0.463, 0.866 },
  { 0.45, 0.88 }, { 0.451, 0.916 }, { 0.442, 0.943 }, { 0.44, 0.96 },
};

/* A bar rising slightly to the right, then a long curved diagonal down to the left. */
static const float seven[][2] = {
  { 0.12, 0.14 }, { 0.14, 0.14 }, { 0.16, 0.142 }, { 0.194, 0.135 }, { 0.215, 0.135 },
  { 0.251, 0.126 }, { 0.283, 0.131 }, { 0.323, 0.123 }, { 0.365, 0.121 }, { 0.408, 0.11 },
  { 0.461, 0.114 }, { 0.499, 0.114 }, { 0.555, 0.109 }, { 0.611, 0.116 }, { 0.663, 0.112 },
  { 0.726, 0.1 }, { 0.772, 0.105 }, { 0.825, 0.1 }, { 0.855, 0.133 }, { 0.832, 0.177 },
  { 0.819, 0.242 }, { 0.791, 0.297 }, { 0.759, 0.344 }, { 0.738, 0.411 }, { 0.715, 0.454 },
  { 0.692, 0.507 }, { 0.67, 0.554 }, { 0.637, 0.586 }, { 0.616, 0.643 }, { 0.595, 0.683 },
  { 0.562, 0.725 }, { 0.534, 0.755 }, { 0.513, 0.795 }, { 0.504, 0.828 }, { 0.48, 0.855 },
  { 0.458, 0.879 }, { 0.438, 0.895 }, { 0.42, 0.921 }, { 0.415, 0.947 }, { 0.4, 0.96 },
};

/* An oval from the top, anticlockwise, overshooting where it closes. */
static const float zero[][2] = {
  { 0.5, 0.05 }, { 0.482, 0.058 }, { 0.451, 0.062 }, { 0.433, 0.069 }, { 0.401, 0.085 },
  { 0.363, 0.109 }, { 0.339, 0.137 }, { 0.314, 0.171 }, { 0.283, 0.216 }, { 0.275, 0.248 },
  { 0.245, 0.296 }, { 0.234, 0.347 }, { 0.218, 0.391 }, { 0.201, 0.462 }, { 0.2, 0.51 },
  { 0.194, 0.572 }, { 0.199, 0.646 }, { 0.216, 0.71 }, { 0.241, 0.762 }, { 0.271, 0.836 },
  { 0.316, 0.874 }, { 0.381, 0.919 }, { 0.442, 0.949 }, { 0.505, 0.951 }, { 0.577, 0.931 },
  { 0.642, 0.911 }, { 0.698, 0.853 }, { 0.736, 0.811 }, { 0.775, 0.739 }, { 0.8, 0.676 },
  { 0.795, 0.611 }, { 0.806, 0.553 }, { 0.802, 0.481 }, { 0.786, 0.416 }, { 0.774, 0.361 },
  { 0.757, 0.303 }, { 0.732, 0.253 }, { 0.705, 0.205 }, { 0.678, 0.163 }, { 0.655, 0.131 },
  { 0.615, 0.101 }, { 0.587, 0.081 }, { 0.55, 0.058 }, { 0.513, 0.051 }, { 0.485, 0.052 },
  { 0.453, 0.059 }, { 0.43, 0.067 }, { 0.41, 0.077 },
};

const NeuronsTestDigit neurons_test_digits[] = {
  { 1, G_N_ELEMENTS (one), one },
  { 7, G_N_ELEMENTS (seven), seven },
  { 0, G_N_ELEMENTS (zero), zero },
};
const guint neurons_test_n_digits = G_N_ELEMENTS (neurons_test_digits);

/* Draws the digit as one stroke with a mouse, its unit box placed at (left, top) on the
 * canvas and size across. */
void
neurons_test_digit_draw (const NeuronsTestDigit *digit,
                         NeuronsDrawing         *drawing,
                         double                  left,
                         double                  top,
                         double                  size)
{
  for (guint i = 0; i < digit->n_points; i++)
    neurons_drawing_add_point (drawing,
                               left + digit->points[i][0] * size,
                               top + digit->points[i][1] * size,
                               NEURONS_DRAWING_DEFAULT_PRESSURE);
  neurons_drawing_end_stroke (drawing);
}

/* The default network (Sigmoid, Xavier, the default rate and seed) after one epoch of the
 * real MNIST, in the order the trainer uses. */
NeuronsMlp *
neurons_test_trained_mlp_new (void)
{
  g_autofree char *directory = neurons_dataset_find_default_directory ();
  g_autoptr(NeuronsDataset) train_set = NULL;
  g_autoptr(NeuronsDataset) test_set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *order = NULL;
  NeuronsMlp *mlp;
  float learning_rate = (float) neurons_default_learning_rate (NEURONS_ACTIVATION_SIGMOID);

  if (!neurons_dataset_load_directory (directory, &train_set, &test_set, &error))
    g_error ("Cannot load MNIST from %s: %s", directory, error->message);

  mlp = neurons_mlp_new ();
  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, NEURONS_DEFAULT_SEED);
  order = g_new (guint32, train_set->n_images);
  neurons_epoch_order (NEURONS_DEFAULT_SEED, 0, order, train_set->n_images);
  for (guint s = 0; s < train_set->n_images; s++)
    neurons_mlp_train_sample (mlp, neurons_dataset_image (train_set, order[s]),
                              train_set->labels[order[s]], learning_rate, NULL, NULL);

  return mlp;
}

/* The same network as a NeuralNet, which takes its weights only from a file. */
NeuronsNetworkModel *
neurons_test_trained_net_new (void)
{
  g_autoptr(NeuronsMlp) mlp = neurons_test_trained_mlp_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  NeuronsNetworkModel *net;
  NeuronsNetworkSettings settings = {
    .initialization = NEURONS_INIT_XAVIER,
    .learning_rate = neurons_default_learning_rate (NEURONS_ACTIVATION_SIGMOID),
    .seed = NEURONS_DEFAULT_SEED,
  };
  int fd;

  fd = g_file_open_tmp ("neurons-test-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);

  neurons_network_file_save (path, mlp, &settings, &error);
  g_assert_no_error (error);
  net = neurons_network_model_new_from_file (path, &error);
  g_assert_no_error (error);
  g_unlink (path);

  return net;
}
