/* test-mlp.c: the math, held against finite differences and the reference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-augment.h"
#include "neurons-mlp-reference.h"
#include "neurons-mlp.h"
#include "neurons-optimizer.h"
#include "neurons-random.h"
#include "neurons-sgd.h"
#include "neurons-training-options.h"

/* A digit-like sample: a few blobs of ink on a blank field, about a fifth of the pixels set. */
static void
make_sample (NeuronsRandom *random,
             guint8        *pixels)
{
  memset (pixels, 0, NEURONS_INPUT_SIZE);
  for (guint blob = 0; blob < 6; blob++)
    {
      guint cx = 6 + neurons_random_below (random, 16);
      guint cy = 6 + neurons_random_below (random, 16);

      for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++)
          {
            guint value = 80 + neurons_random_below (random, 176);
            guint i = (cy + dy) * NEURONS_IMAGE_SIDE + cx + dx;

            pixels[i] = MAX (pixels[i], value);
          }
    }
}

static void
test_random_repeatable (void)
{
  NeuronsRandom a, b, c;
  gboolean all_same = TRUE;

  neurons_random_init (&a, 42);
  neurons_random_init (&b, 42);
  neurons_random_init (&c, 43);
  for (guint i = 0; i < 1000; i++)
    {
      guint64 x = neurons_random_next (&a);

      g_assert_cmpuint (x, ==, neurons_random_next (&b));
      all_same &= x == neurons_random_next (&c);
    }
  g_assert_false (all_same);
}

static void
test_random_distributions (void)
{
  NeuronsRandom random;
  double sum = 0, sum2 = 0, usum = 0;
  guint counts[7] = { 0 };
  const guint n = 200000;

  neurons_random_init (&random, 1);
  for (guint i = 0; i < n; i++)
    {
      double x = neurons_random_normal (&random);
      double u = neurons_random_uniform (&random);

      sum += x;
      sum2 += x * x;
      g_assert_cmpfloat (u, >=, 0);
      g_assert_cmpfloat (u, <, 1);
      usum += u;
      counts[neurons_random_below (&random, 7)]++;
    }

  g_assert_cmpfloat_with_epsilon (sum / n, 0, 0.01);
  g_assert_cmpfloat_with_epsilon (sqrt (sum2 / n), 1, 0.01);
  g_assert_cmpfloat_with_epsilon (usum / n, 0.5, 0.005);
  for (guint k = 0; k < 7; k++)
    g_assert_cmpfloat_with_epsilon (counts[k] / (double) n, 1 / 7.0, 0.005);
}

static void
test_random_shuffle (void)
{
  NeuronsRandom random;
  guint32 order[1000];
  gboolean seen[1000] = { FALSE };
  guint fixed = 0;

  for (guint i = 0; i < 1000; i++)
    order[i] = i;
  neurons_random_init (&random, 5);
  neurons_random_shuffle (&random, order, 1000);

  for (guint i = 0; i < 1000; i++)
    {
      g_assert_cmpuint (order[i], <, 1000);
      g_assert_false (seen[order[i]]);
      seen[order[i]] = TRUE;
      fixed += order[i] == i;
    }
  /* A permutation, and not the identity (about one fixed point is expected) */
  g_assert_cmpuint (fixed, <, 10);
}

static void
test_portable_log (void)
{
  static const double values[] = { 1e-300, 1e-10, 0.001, 0.3, 0.70710678, 1, 1.5, 2, 10, 12345.678, 1e300 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double expected = log (values[i]);
      double got = neurons_portable_log (values[i]);

      g_assert_cmpfloat (fabs (got - expected), <=, 4e-16 * MAX (1, fabs (expected)));
    }
}

/* The parameters in file order, hashed: the bits of a seeded network. */
static char *
weights_checksum (const NeuronsMlp *mlp)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    for (guint to = 0; to < neurons_layer_n_outputs (layer); to++)
      {
        for (guint from = 0; from < neurons_layer_n_inputs (layer); from++)
          {
            float w = neurons_mlp_get_weight (mlp, layer, to, from);
            guint32 bits;

            memcpy (&bits, &w, 4);
            bits = GUINT32_TO_LE (bits);
            g_checksum_update (checksum, (const guchar *) &bits, 4);
          }
        g_assert_cmpfloat (neurons_mlp_get_bias (mlp, layer, to), ==, 0);
      }

  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_init_repeatable (void)
{
  g_autoptr(NeuronsMlp) a = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) b = neurons_mlp_new ();
  g_autofree char *sum_a = NULL;
  g_autofree char *sum_c = NULL;

  neurons_mlp_init (a, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  neurons_mlp_init (b, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  g_assert_cmpmem (a, sizeof *a, b, sizeof *b);

  neurons_mlp_init (b, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 8);
  sum_a = weights_checksum (a);
  sum_c = weights_checksum (b);
  g_assert_cmpstr (sum_a, !=, sum_c);

  /* The same seed must give these bits on every machine and compiler: the generator, the
   * normal draws and the order of the draws are all ours. If this changes, saved seeds
   * no longer mean the same network. */
  g_assert_cmpstr (sum_a, ==, "984d1cea79d9e54d7ef2b2b6fa32db2d6b63f5076f1cbe1d7cf8e8890f449744");
}

static void
measure_spread (NeuronsInit  initialization,
                double      *mean,
                double      *std,
                double      *min,
                double      *max)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  double sum = 0, sum2 = 0;
  guint n = NEURONS_INPUT_SIZE * NEURONS_HIDDEN1_SIZE;

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_RELU, initialization, 11);
  *min = G_MAXDOUBLE;
  *max = -G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      double w = mlp->w1t[i];

      sum += w;
      sum2 += w * w;
      *min = MIN (*min, w);
      *max = MAX (*max, w);
    }
  *mean = sum / n;
  *std = sqrt (sum2 / n - *mean * *mean);
}

static void
test_init_spread (void)
{
  double mean, std, min, max;

  measure_spread (NEURONS_INIT_HE, &mean, &std, &min, &max);
  g_assert_cmpfloat_with_epsilon (mean, 0, 0.002);
  g_assert_cmpfloat_with_epsilon (std / sqrt (2.0 / 784), 1, 0.03);

  measure_spread (NEURONS_INIT_XAVIER, &mean, &std, &min, &max);
  g_assert_cmpfloat_with_epsilon (mean, 0, 0.002);
  g_assert_cmpfloat_with_epsilon (std / sqrt (1.0 / 784), 1, 0.03);

  measure_spread (NEURONS_INIT_UNIFORM, &mean, &std, &min, &max);
  g_assert_cmpfloat_with_epsilon (mean, 0, 0.01);
  g_assert_cmpfloat_with_epsilon (std, 1 / sqrt (12.0), 0.01);
  g_assert_cmpfloat (min, >=, -0.5);
  g_assert_cmpfloat (max, <=, 0.5);
  g_assert_cmpfloat (min, <, -0.49);
  g_assert_cmpfloat (max, >, 0.49);
}

static void
test_weight_layout (void)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  NeuronsForward forward;
  guint8 pixels[NEURONS_INPUT_SIZE] = { 0 };
  float contributions[NEURONS_INPUT_SIZE];

  /* One pixel, one weight: only that neuron's sum moves, by exactly pixel × weight. */
  neurons_mlp_init (mlp, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 3);
  memset (mlp->w1t, 0, sizeof mlp->w1t);
  neurons_mlp_set_weight (mlp, 0, 5, 300, 2.0f);
  neurons_mlp_set_bias (mlp, 0, 5, 0.25f);
  pixels[300] = 255;
  neurons_mlp_forward (mlp, pixels, &forward);

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    g_assert_cmpfloat (forward.z1[j], ==, j == 5 ? 2.25f : 0.0f);
  g_assert_cmpfloat (neurons_mlp_get_weight (mlp, 0, 5, 300), ==, 2.0f);
  g_assert_cmpfloat (forward.input[300], ==, 1.0f);

  neurons_mlp_contributions (mlp, &forward, 5, contributions);
  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    g_assert_cmpfloat (contributions[i], ==, i == 300 ? 2.0f : 0.0f);
}

/* Every layer's weights come out in the network file's order, which the reference keeps. */
static void
test_copy_layer_weights (void)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autofree NeuronsReferenceMlp *reference = g_new0 (NeuronsReferenceMlp, 1);
  const double *expected[NEURONS_N_LAYERS] = { reference->w1, reference->w2, reference->w3 };
  float weights[NEURONS_HIDDEN1_SIZE * NEURONS_INPUT_SIZE];

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 11);
  neurons_reference_from_mlp (reference, mlp);

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    {
      guint n_inputs = neurons_layer_n_inputs (layer);
      guint n_weights = n_inputs * neurons_layer_n_outputs (layer);

      neurons_mlp_copy_layer_weights (mlp, layer, weights);
      for (guint i = 0; i < n_weights; i++)
        {
          g_assert_cmpfloat (weights[i], ==, (float) expected[layer][i]);
          g_assert_cmpfloat (weights[i], ==, neurons_mlp_get_weight (mlp, layer, i / n_inputs, i % n_inputs));
        }
    }

  /* the first layer is stored transposed: the copy is not the memory as it lies */
  g_assert_cmpint (memcmp (weights, mlp->w3, sizeof mlp->w3), ==, 0);
  neurons_mlp_copy_layer_weights (mlp, 0, weights);
  g_assert_cmpint (memcmp (weights, mlp->w1t, sizeof mlp->w1t), !=, 0);
  g_assert_cmpfloat (weights[1], ==, mlp->w1t[NEURONS_HIDDEN1_SIZE]);
}

/* Central differences of the reference cost against its backpropagated gradient, with the
 * output, L2 and dropout factors given. */
static void
gradient_check_with (NeuronsActivation                     activation,
                     NeuronsInit                           initialization,
                     NeuronsOutput                         output,
                     const NeuronsReferenceRegularization *regularization)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autofree NeuronsReferenceMlp *reference = g_new (NeuronsReferenceMlp, 1);
  g_autofree NeuronsReferenceMlp *gradients = g_new (NeuronsReferenceMlp, 1);
  NeuronsRandom random;
  guint8 pixels[NEURONS_INPUT_SIZE];
  const guint label = 3;
  const double h = 1e-6;
  double worst = 0;
  guint checked = 0, layer1_inked = 0;

  neurons_random_init (&random, 99);
  make_sample (&random, pixels);
  neurons_mlp_init (mlp, activation, initialization, 21);
  /* Nonzero biases, so that their gradients are exercised away from the start */
  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    neurons_mlp_set_bias (mlp, 0, j, 0.1f * ((int) j - 8));
  mlp->output = output;
  neurons_reference_from_mlp (reference, mlp);
  neurons_reference_gradients_regularized (reference, pixels, label, regularization, gradients);

  for (guint p = 0; p < NEURONS_N_PARAMETERS; p++)
    {
      gboolean layer1_weight = p < NEURONS_HIDDEN1_SIZE * NEURONS_INPUT_SIZE;
      double *theta = neurons_reference_parameter (reference, p);
      double saved = *theta, plus, minus, numeric, analytic, error;

      /* Every parameter above layer 1, and every layer-1 weight of a few neurons */
      if (layer1_weight && (p / NEURONS_INPUT_SIZE) % 5 != 0)
        continue;

      *theta = saved + h;
      plus = neurons_reference_cost_regularized (reference, pixels, label, regularization);
      *theta = saved - h;
      minus = neurons_reference_cost_regularized (reference, pixels, label, regularization);
      *theta = saved;

      numeric = (plus - minus) / (2 * h);
      analytic = *neurons_reference_parameter (gradients, p);
      error = fabs (numeric - analytic) / MAX (1e-4, fabs (numeric) + fabs (analytic));
      worst = MAX (worst, error);
      checked++;
      if (layer1_weight && pixels[p % NEURONS_INPUT_SIZE] != 0 && analytic != 0)
        layer1_inked++;
    }

  g_test_message ("%s/%s/%s: %u parameters checked, worst relative error %.2e",
                  neurons_activation_to_string (activation), neurons_init_to_string (initialization),
                  neurons_output_to_string (output), checked, worst);
  g_assert_cmpuint (checked, >, 3000);
  g_assert_cmpuint (layer1_inked, >, 100);
  /* Dropout's factors of 4/3 steepen the cost a little, and its finite differences lose a
   * little precision with it; a missing factor would be off by a quarter. */
  g_assert_cmpfloat (worst, <, regularization != NULL ? 1e-5 : 1e-6);
}

static void
gradient_check (NeuronsActivation activation,
                NeuronsInit       initialization)
{
  gradient_check_with (activation, initialization, NEURONS_OUTPUT_SIGMOID_QUADRATIC, NULL);
}

static void
test_gradient_check_softmax (void)
{
  gradient_check_with (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER,
                       NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY, NULL);
  gradient_check_with (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE,
                       NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY, NULL);
}

/* L2 and dropout, on each output: the masks drop a few neurons and scale the rest. */
static void
test_gradient_check_regularized (void)
{
  double keep1[NEURONS_HIDDEN1_SIZE], keep2[NEURONS_HIDDEN2_SIZE];
  NeuronsReferenceRegularization regularization = { keep1, keep2, 0.01 };

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    keep1[j] = j % 4 == 1 ? 0 : 1 / 0.75;
  for (guint k = 0; k < NEURONS_HIDDEN2_SIZE; k++)
    keep2[k] = k % 4 == 2 ? 0 : 1 / 0.75;

  gradient_check_with (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER,
                       NEURONS_OUTPUT_SIGMOID_QUADRATIC, &regularization);
  gradient_check_with (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE,
                       NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY, &regularization);
}

/* Softmax's outputs are probabilities: each in (0, 1), adding up to 1. */
static void
test_softmax_outputs (void)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  NeuronsForward forward;
  NeuronsRandom random;
  guint8 pixels[NEURONS_INPUT_SIZE];
  double sum = 0;

  neurons_random_init (&random, 3);
  make_sample (&random, pixels);
  neurons_mlp_init (mlp, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 4);
  mlp->output = NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY;
  neurons_mlp_forward (mlp, pixels, &forward);
  for (guint o = 0; o < NEURONS_OUTPUT_SIZE; o++)
    {
      g_assert_cmpfloat (forward.a3[o], >, 0);
      g_assert_cmpfloat (forward.a3[o], <, 1);
      g_assert_cmpfloat (forward.a3[o], <=, forward.a3[forward.prediction]);
      sum += forward.a3[o];
    }
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-6);
}

/*
 * Twenty steps of the fast kernel with the options (each sample's gradient gathered sparsely,
 * the optimiser's step once per batch, the same dropout masks) against the reference in double
 * precision: every parameter within 1e-4.
 */
static void
options_match_reference (NeuronsOptimizer optimizer,
                         NeuronsOutput    output,
                         NeuronsActivation activation,
                         guint            batch_size,
                         double           l2,
                         double           dropout,
                         double           learning_rate)
{
  enum { N_STEPS = 20 };
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autoptr(NeuronsOptimizerState) state = neurons_optimizer_state_new ();
  g_autofree NeuronsReferenceMlp *reference = g_new (NeuronsReferenceMlp, 1);
  g_autofree NeuronsReferenceMlp *fast = g_new (NeuronsReferenceMlp, 1);
  g_autofree NeuronsReferenceOptimizer *reference_state = g_new0 (NeuronsReferenceOptimizer, 1);
  g_autofree guint8 *pixels = g_new (guint8, (gsize) batch_size * NEURONS_INPUT_SIZE);
  g_autofree const guint8 **sample_pixels = g_new (const guint8 *, batch_size);
  g_autofree guint *labels = g_new (guint, batch_size);
  g_autofree double *keep_values = g_new (double, (gsize) batch_size * 32);
  g_autofree const double **keep = g_new (const double *, 2 * batch_size);
  NeuronsTrainingOptions options;
  NeuronsRandom random;
  double worst = 0, largest_move = 0;

  neurons_training_options_init (&options);
  options.output = output;
  options.optimizer = optimizer;
  options.batch_size = batch_size;
  options.l2 = l2;
  options.dropout = dropout;

  neurons_mlp_init (mlp, activation, neurons_suggested_init (activation), 41);
  mlp->output = output;
  neurons_reference_from_mlp (reference, mlp);
  neurons_random_init (&random, 43);

  for (guint step = 0; step < N_STEPS; step++)
    {
      for (guint s = 0; s < batch_size; s++)
        {
          guint8 *image = pixels + (gsize) s * NEURONS_INPUT_SIZE;
          float keep1[NEURONS_HIDDEN1_SIZE], keep2[NEURONS_HIDDEN2_SIZE];
          NeuronsSampleStep sample_step = { 0 };
          guint16 indices[NEURONS_INPUT_SIZE];
          guint8 values[NEURONS_INPUT_SIZE];
          guint n_ink;

          make_sample (&random, image);
          labels[s] = neurons_random_below (&random, 10);
          sample_pixels[s] = image;
          if (dropout > 0)
            {
              neurons_dropout_mask (keep1, NEURONS_HIDDEN1_SIZE, dropout, &random);
              neurons_dropout_mask (keep2, NEURONS_HIDDEN2_SIZE, dropout, &random);
              sample_step.keep1 = keep1;
              sample_step.keep2 = keep2;
              for (guint j = 0; j < 16; j++)
                {
                  keep_values[s * 32 + j] = keep1[j];
                  keep_values[s * 32 + 16 + j] = keep2[j];
                }
            }
          keep[2 * s] = keep_values + s * 32;
          keep[2 * s + 1] = keep_values + s * 32 + 16;

          sample_step.gradient = &state->gradient;
          n_ink = neurons_mlp_gather_ink (image, indices, values);
          neurons_mlp_train_sparse (mlp, indices, values, n_ink, labels[s], &sample_step, NULL, NULL);
          state->batch_filled++;
        }
      neurons_optimizer_step (mlp, state, &options, (float) learning_rate);
      neurons_reference_train_batch (reference, reference_state, sample_pixels, labels,
                                     dropout > 0 ? keep : NULL, batch_size, &options, learning_rate);
    }

  neurons_reference_from_mlp (fast, mlp);
  {
    g_autofree NeuronsReferenceMlp *start = g_new (NeuronsReferenceMlp, 1);
    g_autoptr(NeuronsMlp) initial = neurons_mlp_new ();

    neurons_mlp_init (initial, activation, neurons_suggested_init (activation), 41);
    neurons_reference_from_mlp (start, initial);
    for (guint p = 0; p < NEURONS_N_PARAMETERS; p++)
      {
        double fast_value = *neurons_reference_parameter (fast, p);
        double reference_value = *neurons_reference_parameter (reference, p);

        worst = MAX (worst, fabs (fast_value - reference_value));
        largest_move = MAX (largest_move, fabs (reference_value - *neurons_reference_parameter (start, p)));
      }
  }
  g_test_message ("%s, %s, %s, batch %u, l2 %g, dropout %g: largest move %.3e, worst difference %.3e",
                  neurons_optimizer_to_string (optimizer), neurons_output_to_string (output),
                  neurons_activation_to_string (activation), batch_size, l2, dropout,
                  largest_move, worst);
  g_assert_cmpfloat (largest_move, >, 1e-3);
  g_assert_cmpfloat (worst, <, 1e-4);
}

static void
test_optimizers_match_reference (void)
{
  for (guint o = 0; o < 3; o++)
    for (guint output = 0; output < 2; output++)
      {
        double rate = o == NEURONS_OPTIMIZER_ADAM ? 0.001 : 0.1;

        options_match_reference (o, output, NEURONS_ACTIVATION_SIGMOID, 1, 0, 0, rate);
        options_match_reference (o, output, NEURONS_ACTIVATION_RELU, 8, 0, 0, rate);
      }
}

static void
test_regularization_matches_reference (void)
{
  options_match_reference (NEURONS_OPTIMIZER_SGD, NEURONS_OUTPUT_SIGMOID_QUADRATIC,
                           NEURONS_ACTIVATION_SIGMOID, 1, 0.001, 0, 0.3);
  options_match_reference (NEURONS_OPTIMIZER_MOMENTUM, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY,
                           NEURONS_ACTIVATION_RELU, 4, 0.001, 0.25, 0.05);
  options_match_reference (NEURONS_OPTIMIZER_ADAM, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY,
                           NEURONS_ACTIVATION_SIGMOID, 8, 0.0001, 0.5, 0.001);
}

static void
test_gradient_check_sigmoid (void)
{
  gradient_check (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER);
}

static void
test_gradient_check_relu (void)
{
  gradient_check (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE);
}

/* One step of the fast kernel is the reference step, to float precision. */
static void
single_step_matches (NeuronsActivation activation,
                     NeuronsInit       initialization)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) before = NULL;
  g_autofree NeuronsReferenceMlp *reference = g_new (NeuronsReferenceMlp, 1);
  g_autofree NeuronsReferenceMlp *gradients = g_new (NeuronsReferenceMlp, 1);
  g_autofree NeuronsReferenceMlp *fast_step = g_new (NeuronsReferenceMlp, 1);
  g_autofree NeuronsReferenceMlp *start = g_new (NeuronsReferenceMlp, 1);
  NeuronsForward forward;
  NeuronsBackward backward;
  NeuronsRandom random;
  guint8 pixels[NEURONS_INPUT_SIZE];
  const float learning_rate = 0.5f;
  double reference_cost, worst = 0, largest = 0;
  float cost;

  neurons_random_init (&random, 17);
  make_sample (&random, pixels);
  neurons_mlp_init (mlp, activation, initialization, 5);
  before = neurons_mlp_copy (mlp);
  neurons_reference_from_mlp (start, mlp);
  neurons_reference_from_mlp (reference, mlp);
  reference_cost = neurons_reference_gradients (reference, pixels, 8, gradients);

  cost = neurons_mlp_train_sample (mlp, pixels, 8, learning_rate, &forward, &backward);
  g_assert_cmpfloat_with_epsilon (cost, reference_cost, 1e-5 * reference_cost);
  g_assert_cmpfloat (backward.cost, ==, cost);
  neurons_reference_from_mlp (fast_step, mlp);

  /* What the fast step moved each parameter by, against −η · gradient */
  for (guint p = 0; p < NEURONS_N_PARAMETERS; p++)
    {
      double moved = *neurons_reference_parameter (fast_step, p) - *neurons_reference_parameter (start, p);
      double expected = -learning_rate * *neurons_reference_parameter (gradients, p);

      worst = MAX (worst, fabs (moved - expected));
      largest = MAX (largest, fabs (expected));
    }
  g_test_message ("largest step %.3e, worst difference %.3e", largest, worst);
  g_assert_cmpfloat (largest, >, 1e-4);
  g_assert_cmpfloat (worst, <, 1e-4 * largest + 1e-7);

  /* The activations it reports are those of the weights before the step */
  {
    NeuronsForward again;

    neurons_mlp_forward (before, pixels, &again);
    g_assert_cmpmem (&forward, sizeof forward, &again, sizeof again);
  }
}

static void
test_matches_reference_step (void)
{
  single_step_matches (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER);
  single_step_matches (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE);
  single_step_matches (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_UNIFORM);
}

/* A thousand steps of each stay together: float rounding does not add up to a different net. */
static void
test_matches_reference_training (void)
{
  for (guint a = 0; a < 2; a++)
    {
      NeuronsActivation activation = a == 0 ? NEURONS_ACTIVATION_SIGMOID : NEURONS_ACTIVATION_RELU;
      float learning_rate = a == 0 ? 0.3f : 0.05f;
      g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
      g_autofree NeuronsReferenceMlp *reference = g_new (NeuronsReferenceMlp, 1);
      g_autofree NeuronsReferenceMlp *fast = g_new (NeuronsReferenceMlp, 1);
      NeuronsRandom random;
      guint8 pixels[NEURONS_INPUT_SIZE];
      double worst = 0;

      neurons_mlp_init (mlp, activation, neurons_suggested_init (activation), 23);
      neurons_reference_from_mlp (reference, mlp);
      neurons_random_init (&random, 31);
      for (guint step = 0; step < 1000; step++)
        {
          guint label = neurons_random_below (&random, 10);

          make_sample (&random, pixels);
          neurons_mlp_train_sample (mlp, pixels, label, learning_rate, NULL, NULL);
          neurons_reference_train_sample (reference, pixels, label, learning_rate);
        }

      neurons_reference_from_mlp (fast, mlp);
      for (guint p = 0; p < NEURONS_N_PARAMETERS; p++)
        worst = MAX (worst, fabs (*neurons_reference_parameter (fast, p) - *neurons_reference_parameter (reference, p)));
      g_test_message ("%s: worst weight difference after 1000 steps %.3e",
                      neurons_activation_to_string (activation), worst);
      g_assert_cmpfloat (worst, <, 1e-3);
    }
}

static void
test_dormant_counts (void)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  guint expected[NEURONS_HIDDEN1_SIZE] = { 0 };
  NeuronsRandom random;
  guint8 pixels[NEURONS_INPUT_SIZE];
  gboolean some_fired = FALSE;

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 2);
  /* Neuron 4 can never fire: a bias far below anything its weights can add */
  neurons_mlp_set_bias (mlp, 0, 4, -1000);
  neurons_random_init (&random, 3);
  for (guint step = 0; step < 50; step++)
    {
      NeuronsForward forward;

      make_sample (&random, pixels);
      neurons_mlp_train_sample (mlp, pixels, step % 10, 0.01f, &forward, NULL);
      for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
        {
          expected[j] = forward.a1[j] > 0 ? 0 : expected[j] + 1;
          some_fired |= forward.a1[j] > 0;
        }
    }

  g_assert_true (some_fired);
  g_assert_cmpuint (mlp->dormant_samples[4], ==, 50);
  g_assert_cmpmem (mlp->dormant_samples, sizeof expected, expected, sizeof expected);
}

/* Training from a gathered ink list is training from the pixels, bit for bit. */
static void
test_ink_list_matches_pixels (void)
{
  g_autoptr(NeuronsMlp) from_pixels = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) from_ink = NULL;
  g_autoptr(NeuronsInkList) ink = NULL;
  g_autofree guint8 *images = g_new (guint8, 50 * NEURONS_INPUT_SIZE);
  NeuronsRandom random;

  neurons_random_init (&random, 8);
  for (guint s = 0; s < 50; s++)
    make_sample (&random, images + s * NEURONS_INPUT_SIZE);
  /* An image with ink in its very first and last pixel, and a blank one */
  images[0] = 255;
  images[NEURONS_INPUT_SIZE - 1] = 1;
  memset (images + 7 * NEURONS_INPUT_SIZE, 0, NEURONS_INPUT_SIZE);

  ink = neurons_ink_list_new (images, 50);
  g_assert_cmpuint (ink->offsets[8] - ink->offsets[7], ==, 0);
  g_assert_cmpuint (ink->indices[0], ==, 0);
  g_assert_cmpuint (ink->values[0], ==, 255);

  neurons_mlp_init (from_pixels, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 4);
  from_ink = neurons_mlp_copy (from_pixels);
  for (guint round = 0; round < 3; round++)
    for (guint s = 0; s < 50; s++)
      {
        float a = neurons_mlp_train_sample (from_pixels, images + s * NEURONS_INPUT_SIZE, s % 10, 0.1f, NULL, NULL);
        float b = neurons_mlp_train_ink (from_ink, ink, s, s % 10, 0.1f);

        g_assert_cmpfloat (a, ==, b);
      }
  g_assert_cmpmem (from_pixels, sizeof *from_pixels, from_ink, sizeof *from_ink);
}

/* The float and double activations agree, and each slope is the derivative of its function. */
static void
test_activation_slopes (void)
{
  static const NeuronsActivation activations[] = { NEURONS_ACTIVATION_SIGMOID, NEURONS_ACTIVATION_RELU };

  for (guint a = 0; a < G_N_ELEMENTS (activations); a++)
    for (double z = -8.05; z < 8; z += 0.1)
      {
        NeuronsActivation activation = activations[a];
        double out = neurons_activate (activation, z);
        double h = 1e-6;
        double numeric = (neurons_activate (activation, z + h) - neurons_activate (activation, z - h)) / (2 * h);
        double slope = neurons_activation_slope (activation, z, out);
        float outf = neurons_activatef (activation, (float) z);

        g_assert_cmpfloat_with_epsilon (outf, out, 1e-6);
        g_assert_cmpfloat_with_epsilon (neurons_activation_slopef (activation, (float) z, outf), slope, 1e-6);
        g_assert_cmpfloat_with_epsilon (slope, numeric, 1e-8);
      }

  g_assert_cmpfloat (neurons_sigmoid (0), ==, 0.5);
  g_assert_cmpfloat (neurons_activation_slope (NEURONS_ACTIVATION_SIGMOID, 0, 0.5), ==, 0.25);
  g_assert_cmpfloat (neurons_reluf (-2), ==, 0);
  g_assert_cmpfloat (neurons_activation_slopef (NEURONS_ACTIVATION_RELU, 0, 0), ==, 0);
  g_assert_cmpfloat (neurons_sigmoid_backwardf (2, 0.5f), ==, 0.5f);
}

static void
test_activation_names (void)
{
  NeuronsActivation activation;

  g_assert_true (neurons_activation_from_string ("relu", &activation));
  g_assert_cmpint (activation, ==, NEURONS_ACTIVATION_RELU);
  g_assert_cmpstr (neurons_activation_to_string (activation), ==, "relu");
  g_assert_true (neurons_activation_from_string ("sigmoid", &activation));
  g_assert_cmpstr (neurons_activation_to_string (activation), ==, "sigmoid");
  g_assert_false (neurons_activation_from_string ("tanh", &activation));
}

static void
test_is_finite (void)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 1);
  g_assert_true (neurons_mlp_is_finite (mlp));
  neurons_mlp_set_weight (mlp, 0, 15, 783, INFINITY);
  g_assert_false (neurons_mlp_is_finite (mlp));
  neurons_mlp_set_weight (mlp, 0, 15, 783, 0);
  neurons_mlp_set_bias (mlp, 2, 9, NAN);
  g_assert_false (neurons_mlp_is_finite (mlp));
  neurons_mlp_set_bias (mlp, 2, 9, G_MAXFLOAT);
  g_assert_true (neurons_mlp_is_finite (mlp));
  /* every array is looked at, and infinity of either sign */
  neurons_mlp_set_weight (mlp, 1, 3, 4, -INFINITY);
  g_assert_false (neurons_mlp_is_finite (mlp));
  neurons_mlp_set_weight (mlp, 1, 3, 4, -G_MAXFLOAT);
  neurons_mlp_set_bias (mlp, 1, 0, NAN);
  g_assert_false (neurons_mlp_is_finite (mlp));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nn/random/repeatable", test_random_repeatable);
  g_test_add_func ("/nn/random/distributions", test_random_distributions);
  g_test_add_func ("/nn/random/shuffle", test_random_shuffle);
  g_test_add_func ("/nn/random/portable-log", test_portable_log);
  g_test_add_func ("/nn/activation/slopes", test_activation_slopes);
  g_test_add_func ("/nn/activation/names", test_activation_names);
  g_test_add_func ("/nn/mlp/init-repeatable", test_init_repeatable);
  g_test_add_func ("/nn/mlp/init-spread", test_init_spread);
  g_test_add_func ("/nn/mlp/weight-layout", test_weight_layout);
  g_test_add_func ("/nn/mlp/copy-layer-weights", test_copy_layer_weights);
  g_test_add_func ("/nn/mlp/gradient-check/sigmoid", test_gradient_check_sigmoid);
  g_test_add_func ("/nn/mlp/gradient-check/relu", test_gradient_check_relu);
  g_test_add_func ("/nn/mlp/gradient-check/softmax", test_gradient_check_softmax);
  g_test_add_func ("/nn/mlp/gradient-check/regularized", test_gradient_check_regularized);
  g_test_add_func ("/nn/mlp/softmax-outputs", test_softmax_outputs);
  g_test_add_func ("/nn/mlp/matches-reference/optimizers", test_optimizers_match_reference);
  g_test_add_func ("/nn/mlp/matches-reference/regularization", test_regularization_matches_reference);
  g_test_add_func ("/nn/mlp/matches-reference/step", test_matches_reference_step);
  g_test_add_func ("/nn/mlp/matches-reference/training", test_matches_reference_training);
  g_test_add_func ("/nn/mlp/dormant-counts", test_dormant_counts);
  g_test_add_func ("/nn/mlp/is-finite", test_is_finite);
  g_test_add_func ("/nn/mlp/ink-list-matches-pixels", test_ink_list_matches_pixels);

  return g_test_run ();
}
