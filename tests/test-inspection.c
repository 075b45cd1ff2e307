/* test-inspection.c: the inspector's numbers, held against the double-precision reference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-inspection.h"
#include "neurons-mlp-reference.h"
#include "neurons-random.h"

#define LABEL 3
#define LEARNING_RATE 0.3f

/* A digit-like sample: a few blobs of ink on a blank field. */
static void
make_sample (guint8 *pixels)
{
  NeuronsRandom random;

  neurons_random_init (&random, 11);
  memset (pixels, 0, NEURONS_INPUT_SIZE);
  for (guint blob = 0; blob < 6; blob++)
    {
      guint cx = 6 + neurons_random_below (&random, 16);
      guint cy = 6 + neurons_random_below (&random, 16);

      for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++)
          {
            guint i = (cy + dy) * NEURONS_IMAGE_SIDE + cx + dx;

            pixels[i] = MAX (pixels[i], 80 + neurons_random_below (&random, 176));
          }
    }
}

/* The reference's forward pass, layer by layer: the reference keeps only the cost. */
typedef struct
{
  double x[NEURONS_INPUT_SIZE];
  double z[NEURONS_N_LAYERS][NEURONS_INPUT_SIZE];
  double a[NEURONS_N_LAYERS][NEURONS_INPUT_SIZE];
} ReferencePass;

static const double *
reference_weights (const NeuronsReferenceMlp *reference,
                   guint                      layer,
                   const double             **bias)
{
  switch (layer)
    {
    case 0:
      *bias = reference->b1;
      return reference->w1;
    case 1:
      *bias = reference->b2;
      return reference->w2;
    default:
      *bias = reference->b3;
      return reference->w3;
    }
}

static void
reference_pass (const NeuronsReferenceMlp *reference,
                const guint8              *pixels,
                ReferencePass             *pass)
{
  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    pass->x[i] = pixels[i] / 255.0;

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    {
      const double *inputs = layer == 0 ? pass->x : pass->a[layer - 1];
      const double *bias;
      const double *weights = reference_weights (reference, layer, &bias);
      guint n_in = neurons_layer_n_inputs (layer);
      NeuronsActivation activation = layer == NEURONS_N_LAYERS - 1 ? NEURONS_ACTIVATION_SIGMOID
                                                                   : reference->hidden_activation;
      double total = 0;

      for (guint j = 0; j < neurons_layer_n_outputs (layer); j++)
        {
          double sum = bias[j];

          for (guint i = 0; i < n_in; i++)
            sum += weights[j * n_in + i] * inputs[i];
          pass->z[layer][j] = sum;
          pass->a[layer][j] = neurons_activate (activation, sum);
        }

      /* a softmax output: a = e^z / Σ e^z over the outputs */
      if (layer == NEURONS_N_LAYERS - 1 && reference->output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
        {
          for (guint j = 0; j < NEURONS_OUTPUT_SIZE; j++)
            total += exp (pass->z[layer][j]);
          for (guint j = 0; j < NEURONS_OUTPUT_SIZE; j++)
            pass->a[layer][j] = exp (pass->z[layer][j]) / total;
        }
    }
}

/* Within float rounding of a sum whose terms add up to about `scale` in size. */
static void
assert_close (double      value,
              double      expected,
              double      scale,
              const char *what)
{
  double tolerance = 1e-5 * (fabs (scale) + fabs (expected)) + 1e-7;

  if (fabs (value - expected) > tolerance)
    g_error ("%s: %.9g, the reference says %.9g (tolerance %.3g)", what, value, expected, tolerance);
}

/* Inspects every neuron of every layer after one real step of the engine, and compares each
 * number with the reference's forward pass, gradients and step. */
static void
check_step (NeuronsActivation activation,
            NeuronsInit       initialization,
            NeuronsOutput     output)
{
  g_autoptr(NeuronsMlp) before = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) after = NULL;
  g_autofree NeuronsReferenceMlp *reference = g_new (NeuronsReferenceMlp, 1);
  g_autofree NeuronsReferenceMlp *gradients = g_new (NeuronsReferenceMlp, 1);
  g_autofree NeuronsReferenceMlp *stepped = g_new (NeuronsReferenceMlp, 1);
  g_autofree ReferencePass *pass = g_new (ReferencePass, 1);
  NeuronsForward forward;
  NeuronsBackward backward;
  guint8 pixels[NEURONS_INPUT_SIZE];
  double reference_cost;
  guint n_hidden_firing = 0;

  make_sample (pixels);
  neurons_mlp_init (before, activation, initialization, 7);
  before->output = output;
  after = neurons_mlp_copy (before);
  neurons_mlp_train_sample (after, pixels, LABEL, LEARNING_RATE, &forward, &backward);

  neurons_reference_from_mlp (reference, before);
  reference_pass (reference, pixels, pass);
  reference_cost = neurons_reference_gradients (reference, pixels, LABEL, gradients);
  memcpy (stepped, reference, sizeof *stepped);
  neurons_reference_train_sample (stepped, pixels, LABEL, LEARNING_RATE);

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    for (guint neuron = 0; neuron < neurons_layer_n_outputs (layer); neuron++)
      {
        NeuronsInspection inspection, worked_out;
        const double *bias;
        const double *weights = reference_weights (reference, layer, &bias);
        const double *dbias;
        const double *dweights = reference_weights (gradients, layer, &dbias);
        const double *new_bias;
        const double *new_weights = reference_weights (stepped, layer, &new_bias);
        const double *inputs = layer == 0 ? pass->x : pass->a[layer - 1];
        guint n_in = neurons_layer_n_inputs (layer);
        double magnitude = fabs (bias[neuron]), listed = 0, expected_error = 0;
        guint n_zero = 0, n_nonzero = 0;

        neurons_inspection_fill (&inspection, before, &forward, &backward, LEARNING_RATE, after,
                                 layer, neuron, LABEL);
        g_assert_cmpuint (inspection.layer, ==, layer);
        g_assert_cmpuint (inspection.neuron, ==, neuron);
        g_assert_cmpuint (inspection.n_inputs, ==, n_in);
        g_assert_true (inspection.has_label);
        g_assert_true (inspection.has_step);

        /* Forward: the terms, the blank inputs and the rest add up to the reference's z */
        for (guint i = 0; i < n_in; i++)
          {
            magnitude += fabs (weights[neuron * n_in + i] * inputs[i]);
            if (inputs[i] == 0)
              n_zero++;
            else
              n_nonzero++;
          }
        g_assert_cmpuint (inspection.n_zero_inputs, ==, n_zero);
        g_assert_cmpuint (inspection.n_terms + inspection.n_rest, ==, n_nonzero);
        g_assert_cmpuint (inspection.n_terms, ==, MIN (n_nonzero, NEURONS_INSPECTION_MAX_TERMS));
        for (guint t = 0; t < inspection.n_terms; t++)
          {
            const NeuronsInspectionTerm *term = &inspection.terms[t];
            double expected = weights[neuron * n_in + term->index] * inputs[term->index];

            g_assert_cmpfloat (term->weight, ==, (float) weights[neuron * n_in + term->index]);
            assert_close (term->value, inputs[term->index], 0, "input");
            assert_close (term->product, expected, 0, "term");
            if (t > 0)
              g_assert_cmpfloat (fabsf (term->product), <=, fabsf (inspection.terms[t - 1].product));
            listed += term->product;
          }
        /* every term left out is no larger than the smallest listed */
        for (guint i = 0; i < n_in && inspection.n_rest > 0; i++)
          {
            gboolean is_listed = FALSE;

            for (guint t = 0; t < inspection.n_terms; t++)
              is_listed |= inspection.terms[t].index == i;
            if (!is_listed)
              g_assert_cmpfloat (fabs (weights[neuron * n_in + i] * inputs[i]), <=,
                                 fabsf (inspection.terms[inspection.n_terms - 1].product) * (1 + 1e-6));
          }
        assert_close (inspection.bias, bias[neuron], 0, "bias");
        assert_close (listed + inspection.rest_sum + inspection.bias, pass->z[layer][neuron], magnitude, "sum of terms + b");
        assert_close (inspection.z, pass->z[layer][neuron], magnitude, "z");
        assert_close (inspection.a, pass->a[layer][neuron], magnitude, "a");
        if (layer < NEURONS_N_LAYERS - 1)
          n_hidden_firing += inspection.a > 0;

        /* The cost, and at an output the neuron's share of it */
        assert_close (inspection.cost, reference_cost, 0, "cost");
        if (layer == NEURONS_N_LAYERS - 1)
          {
            double y = neuron == LABEL ? 1 : 0;

            expected_error = pass->a[layer][neuron] - y;
            g_assert_cmpfloat (inspection.target, ==, y);
            g_assert_cmpint (inspection.output, ==, output);
            if (output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
              {
                /* cross-entropy: −ln a of the true class, which is all of the cost; δ = a − y */
                assert_close (inspection.cost_share, neuron == LABEL ? -log (pass->a[layer][LABEL]) : 0, 0,
                              "cost share");
                assert_close (inspection.cost, -log (pass->a[layer][LABEL]), 0, "cost, −ln a_y");
                g_assert_cmpfloat (inspection.slope, ==, 1);
                g_assert_cmpfloat (inspection.error, ==, inspection.delta);
              }
            else
              assert_close (inspection.cost_share, 0.5 * expected_error * expected_error, 0, "cost share");
            g_assert_cmpuint (inspection.n_upstream, ==, 0);
          }
        else
          {
            /* ∂C/∂a = Σₖ wₖⱼ δₖ, from the reference's own deltas (its bias gradients) above */
            const double *above_bias;
            const double *above = reference_weights (reference, layer + 1, &above_bias);
            const double *above_delta;
            guint n_above = neurons_layer_n_outputs (layer + 1);
            double upstream_magnitude = 0;

            reference_weights (gradients, layer + 1, &above_delta);
            for (guint k = 0; k < n_above; k++)
              {
                expected_error += above[k * neurons_layer_n_inputs (layer + 1) + neuron] * above_delta[k];
                upstream_magnitude += fabs (above[k * neurons_layer_n_inputs (layer + 1) + neuron] * above_delta[k]);
              }
            g_assert_cmpuint (inspection.n_above, ==, n_above);
            g_assert_cmpuint (inspection.n_upstream, ==, MIN (n_above, NEURONS_INSPECTION_MAX_TERMS));
            for (guint t = 0; t < inspection.n_upstream; t++)
              {
                const NeuronsInspectionTerm *term = &inspection.upstream[t];
                double w = above[term->index * neurons_layer_n_inputs (layer + 1) + neuron];

                g_assert_cmpfloat (term->weight, ==, (float) w);
                assert_close (term->value, above_delta[term->index], upstream_magnitude, "delta above");
                assert_close (term->product, w * above_delta[term->index], upstream_magnitude, "w_kj delta_k");
              }
            assert_close (inspection.error, expected_error, upstream_magnitude, "sum of w_kj delta_k");
            /* the hidden δ is the error times the slope, to the bit, as the engine computes it */
            g_assert_cmpfloat (inspection.error * inspection.slope, ==, inspection.delta);
          }

        /* Backward: δ = error · slope = ∂C/∂b of the reference */
        assert_close (inspection.error, expected_error, 1e-3, "error");
        if (layer < NEURONS_N_LAYERS - 1 || output != NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
          assert_close (inspection.slope,
                        neurons_activation_slope (inspection.activation, pass->z[layer][neuron], pass->a[layer][neuron]),
                        0, "slope");
        assert_close (inspection.delta, dbias[neuron], 1e-3, "delta");
        assert_close (inspection.error * inspection.slope, inspection.delta, 1e-3, "error * slope");

        /* The step: each listed weight before and after, and its gradient, against the
         * reference's; the bias too */
        g_assert_cmpfloat (inspection.learning_rate, ==, LEARNING_RATE);
        for (guint u = 0; u < inspection.n_updates; u++)
          {
            const NeuronsInspectionUpdate *update = &inspection.updates[u];
            guint from = update->index;
            double gradient = dweights[neuron * n_in + from];

            assert_close (update->input, inputs[from], 0, "x");
            assert_close (update->gradient, gradient, 1e-3, "dC/dw");
            g_assert_cmpfloat (update->before, ==, (float) weights[neuron * n_in + from]);
            assert_close (update->after, new_weights[neuron * n_in + from], 1, "w after");
            if (u > 0)
              g_assert_cmpfloat (fabsf (update->gradient), <=, fabsf (inspection.updates[u - 1].gradient));
          }
        g_assert_cmpfloat (inspection.bias_before, ==, inspection.bias);
        assert_close (inspection.bias_after, new_bias[neuron], 1, "b after");

        /* Without the weights after, the step is worked out as the engine takes it: the same
         * numbers to the bit */
        neurons_inspection_fill (&worked_out, before, &forward, &backward, LEARNING_RATE, NULL,
                                 layer, neuron, LABEL);
        for (guint u = 0; u < inspection.n_updates; u++)
          g_assert_cmpfloat (worked_out.updates[u].after, ==, inspection.updates[u].after);
        g_assert_cmpfloat (worked_out.bias_after, ==, inspection.bias_after);
      }

  /* the sample reaches into every layer: not every hidden neuron is silent */
  g_assert_cmpuint (n_hidden_firing, >, 4);
}

static void
test_step_sigmoid (void)
{
  check_step (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, NEURONS_OUTPUT_SIGMOID_QUADRATIC);
}

static void
test_step_relu (void)
{
  check_step (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, NEURONS_OUTPUT_SIGMOID_QUADRATIC);
}

static void
test_step_softmax (void)
{
  check_step (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY);
  check_step (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY);
}

/* With batches, a step that only gathers leaves the weights where they were, and says how many
 * samples are still to come; the step that ends the batch, or any step of Adam, shows what
 * the optimiser wrote. */
static void
test_batch (void)
{
  g_autoptr(NeuronsMlp) before = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) after = NULL;
  NeuronsTrainingOptions options;
  NeuronsForward forward;
  NeuronsBackward backward;
  NeuronsInspection inspection;
  guint8 pixels[NEURONS_INPUT_SIZE];

  make_sample (pixels);
  neurons_mlp_init (before, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 5);
  after = neurons_mlp_copy (before);
  neurons_mlp_train_sample (after, pixels, LABEL, LEARNING_RATE, &forward, &backward);
  neurons_training_options_init (&options);
  options.batch_size = 32;

  /* the fifth sample of a batch of 32, at the label's output: gathered, 27 to come, nothing
   * moved */
  neurons_inspection_fill (&inspection, before, &forward, &backward, LEARNING_RATE, before, 2, LABEL, LABEL);
  neurons_inspection_set_training (&inspection, &options, 5);
  g_assert_cmpuint (inspection.batch_size, ==, 32);
  g_assert_cmpuint (inspection.batch_pending, ==, 27);
  g_assert_cmpuint (inspection.n_updates, >, 0);
  for (guint u = 0; u < inspection.n_updates; u++)
    {
      g_assert_cmpfloat (inspection.updates[u].after, ==, inspection.updates[u].before);
      g_assert_cmpfloat (inspection.updates[u].gradient, !=, 0);
    }
  g_assert_cmpfloat (inspection.bias_after, ==, inspection.bias_before);

  /* Adam ending a batch: the weights the optimiser wrote */
  options.optimizer = NEURONS_OPTIMIZER_ADAM;
  neurons_inspection_fill (&inspection, before, &forward, &backward, LEARNING_RATE, after, 2, LABEL, LABEL);
  neurons_inspection_set_training (&inspection, &options, 0);
  g_assert_cmpint (inspection.optimizer, ==, NEURONS_OPTIMIZER_ADAM);
  g_assert_cmpuint (inspection.batch_pending, ==, 0);
  for (guint u = 0; u < inspection.n_updates; u++)
    g_assert_cmpfloat (inspection.updates[u].after, ==,
                       neurons_mlp_get_weight (after, 2, LABEL, inspection.updates[u].index));
  g_assert_cmpfloat (inspection.bias_after, ==, neurons_mlp_get_bias (after, 2, LABEL));
}

/* A pixel's row and column; the layers above have neurons, not pixels. */
static void
test_input_position (void)
{
  guint row = 0, column = 0;

  g_assert_true (neurons_inspection_input_position (0, 14 * 28 + 9, &row, &column));
  g_assert_cmpuint (row, ==, 14);
  g_assert_cmpuint (column, ==, 9);
  g_assert_false (neurons_inspection_input_position (1, 3, &row, &column));
}

/* Without a step, or without a label, the backward half stays empty; a test image still has
 * its cost, a drawing has none. */
static void
test_forward_only (void)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  NeuronsForward forward;
  NeuronsBackward backward = { 0 };
  NeuronsInspection inspection;
  guint8 pixels[NEURONS_INPUT_SIZE];

  make_sample (pixels);
  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 3);
  neurons_mlp_forward (mlp, pixels, &forward);

  neurons_inspection_fill (&inspection, mlp, &forward, NULL, LEARNING_RATE, NULL, 2, LABEL, LABEL);
  g_assert_true (inspection.has_label);
  g_assert_false (inspection.has_step);
  g_assert_cmpfloat (inspection.target, ==, 1);
  g_assert_cmpfloat (inspection.z, ==, forward.z3[LABEL]);
  g_assert_cmpfloat (inspection.cost, >, inspection.cost_share);
  g_assert_cmpuint (inspection.n_updates, ==, 0);

  neurons_inspection_fill (&inspection, mlp, &forward, &backward, LEARNING_RATE, NULL, 0, 5, -1);
  g_assert_false (inspection.has_label);
  g_assert_false (inspection.has_step);
  g_assert_cmpfloat (inspection.cost, ==, 0);
  g_assert_cmpfloat (inspection.z, ==, forward.z1[5]);
  g_assert_cmpfloat (inspection.a, ==, forward.a1[5]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nn/inspection/step-sigmoid", test_step_sigmoid);
  g_test_add_func ("/nn/inspection/step-relu", test_step_relu);
  g_test_add_func ("/nn/inspection/step-softmax", test_step_softmax);
  g_test_add_func ("/nn/inspection/batch", test_batch);
  g_test_add_func ("/nn/inspection/input-position", test_input_position);
  g_test_add_func ("/nn/inspection/forward-only", test_forward_only);

  return g_test_run ();
}
