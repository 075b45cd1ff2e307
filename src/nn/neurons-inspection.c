/* neurons-inspection.c: one neuron's arithmetic for one sample, in the engine's own numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-inspection"

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-inspection.h"

/*
 * The inspector writes a neuron's sum and its step out in full, so every number must be the
 * one the engine used. z, a and δ are read from the engine's forward and backward pass; the
 * weights before and after the step from the two networks. What the engine does not keep (each
 * product wᵢ·xᵢ, ∂C/∂a, the slope) is recomputed here in float, in the engine's order, so that
 * the error times the slope is the engine's δ to the bit (tests/test-inspection.c holds both to
 * the double-precision reference).
 */

#define MAX_TERMS NEURONS_INSPECTION_MAX_TERMS

/* The activations the layer feeds on: the pixels for layer 0, else the layer below's. */
static const float *
layer_inputs (const NeuronsForward *forward,
              guint                 layer)
{
  switch (layer)
    {
    case 0:
      return forward->input;
    case 1:
      return forward->a1;
    default:
      return forward->a2;
    }
}

static void
layer_sums (const NeuronsForward *forward,
            guint                 layer,
            const float         **z,
            const float         **a)
{
  switch (layer)
    {
    case 0:
      *z = forward->z1;
      *a = forward->a1;
      break;
    case 1:
      *z = forward->z2;
      *a = forward->a2;
      break;
    default:
      *z = forward->z3;
      *a = forward->a3;
      break;
    }
}

static const float *
layer_deltas (const NeuronsBackward *backward,
              guint                  layer)
{
  switch (layer)
    {
    case 0:
      return backward->delta1;
    case 1:
      return backward->delta2;
    default:
      return backward->delta3;
    }
}

/* Keeps the `capacity` terms of largest |product| in order, largest first; returns the new count.
 * Returns the term pushed out, or the one refused, in *dropped when there is one. */
static guint
keep_largest (NeuronsInspectionTerm       *terms,
              guint                        n_terms,
              guint                        capacity,
              const NeuronsInspectionTerm *term,
              NeuronsInspectionTerm       *dropped,
              gboolean                    *has_dropped)
{
  guint position = n_terms;

  *has_dropped = FALSE;
  while (position > 0 && fabsf (terms[position - 1].product) < fabsf (term->product))
    position--;

  if (position >= capacity)
    {
      *dropped = *term;
      *has_dropped = TRUE;
      return n_terms;
    }

  if (n_terms == capacity)
    {
      *dropped = terms[capacity - 1];
      *has_dropped = TRUE;
      n_terms--;
    }

  memmove (&terms[position + 1], &terms[position], (n_terms - position) * sizeof *terms);
  terms[position] = *term;
  return n_terms + 1;
}

/* z = Σ wᵢ·xᵢ + b: the largest terms, the blank ones, the rest. */
static void
fill_forward (NeuronsInspection    *inspection,
              const NeuronsMlp     *before,
              const NeuronsForward *forward)
{
  const float *inputs = layer_inputs (forward, inspection->layer);
  const float *z, *a;

  for (guint i = 0; i < inspection->n_inputs; i++)
    {
      NeuronsInspectionTerm term, dropped;
      gboolean has_dropped;

      if (inputs[i] == 0)
        {
          inspection->n_zero_inputs++;
          continue;
        }

      term.index = i;
      term.weight = neurons_mlp_get_weight (before, inspection->layer, inspection->neuron, i);
      term.value = inputs[i];
      term.product = term.weight * term.value;
      inspection->n_terms = keep_largest (inspection->terms, inspection->n_terms, MAX_TERMS,
                                          &term, &dropped, &has_dropped);
      if (has_dropped)
        {
          inspection->n_rest++;
          inspection->rest_sum += dropped.product;
        }
    }

  layer_sums (forward, inspection->layer, &z, &a);
  inspection->bias = neurons_mlp_get_bias (before, inspection->layer, inspection->neuron);
  inspection->z = z[inspection->neuron];
  inspection->a = a[inspection->neuron];
}

/*
 * The error and the slope whose product is δ at an output. For the quadratic cost through
 * the output sigmoid: (a − y) · a (1 − a). For softmax with cross-entropy, the two derivatives
 * cancel into δ = a − y: no σ′, a slope of 1.
 */
static void
output_factors (NeuronsOutput  output,
                float          a,
                float          target,
                float         *error,
                float         *slope)
{
  *error = a - target;
  *slope = output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY ? 1 : a * (1 - a);
}

/* The cost of the sample as the engine computes it: ½ Σ (a − y)², or with softmax −ln a[label],
 * which it takes as log Σ e^(z − max z) − (z[label] − max z). */
static float
sample_cost (NeuronsOutput         output,
             const NeuronsForward *forward,
             guint                 label)
{
  float cost = 0;

  if (output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    {
      float largest = forward->z3[0], sum = 0;

      for (guint o = 1; o < NEURONS_OUTPUT_SIZE; o++)
        largest = MAX (largest, forward->z3[o]);
      for (guint o = 0; o < NEURONS_OUTPUT_SIZE; o++)
        sum += expf (forward->z3[o] - largest);
      return logf (sum) - (forward->z3[label] - largest);
    }

  for (guint o = 0; o < NEURONS_OUTPUT_SIZE; o++)
    {
      float error = forward->a3[o] - (o == label ? 1.0f : 0.0f);

      cost += error * error;
    }

  return 0.5f * cost;
}

/* δ = error · slope, with the error's terms from the layer above in a hidden layer. */
static void
fill_delta (NeuronsInspection     *inspection,
            const NeuronsMlp      *before,
            const NeuronsBackward *backward)
{
  guint layer = inspection->layer;

  if (layer == NEURONS_N_LAYERS - 1)
    {
      output_factors (inspection->output, inspection->a, inspection->target, &inspection->error,
                      &inspection->slope);
    }
  else
    {
      const float *deltas_above = layer_deltas (backward, layer + 1);
      float sum = 0;

      inspection->n_above = neurons_layer_n_outputs (layer + 1);
      for (guint k = 0; k < inspection->n_above; k++)
        {
          NeuronsInspectionTerm term, dropped;
          gboolean has_dropped;

          term.index = k;
          term.weight = neurons_mlp_get_weight (before, layer + 1, k, inspection->neuron);
          term.value = deltas_above[k];
          term.product = term.weight * term.value;
          sum += term.product;
          inspection->n_upstream = keep_largest (inspection->upstream, inspection->n_upstream,
                                                 MAX_TERMS, &term, &dropped, &has_dropped);
        }
      inspection->error = sum;
      inspection->slope = neurons_activation_slopef (inspection->activation, inspection->z,
                                                     inspection->a);
    }

  inspection->delta = layer_deltas (backward, layer)[inspection->neuron];
}

/* The step: w −= η · δ · x for the weights that moved most, and b −= η · δ. */
static void
fill_updates (NeuronsInspection    *inspection,
              const NeuronsMlp     *before,
              const NeuronsForward *forward,
              const NeuronsMlp     *after)
{
  const float *inputs = layer_inputs (forward, inspection->layer);
  /* the engine scales δ by η first, then multiplies by each input */
  float step = inspection->learning_rate * inspection->delta;
  NeuronsInspectionTerm largest[MAX_TERMS];
  guint n_largest = 0;

  for (guint i = 0; i < inspection->n_inputs; i++)
    {
      NeuronsInspectionTerm term, dropped;
      gboolean has_dropped;

      if (inputs[i] == 0)
        continue;

      term.index = i;
      term.weight = 0;
      term.value = inputs[i];
      term.product = inspection->delta * inputs[i];
      n_largest = keep_largest (largest, n_largest, MAX_TERMS, &term, &dropped, &has_dropped);
    }

  for (guint u = 0; u < n_largest; u++)
    {
      NeuronsInspectionUpdate *update = &inspection->updates[u];
      guint from = largest[u].index;

      update->index = from;
      update->input = largest[u].value;
      update->gradient = largest[u].product;
      update->before = neurons_mlp_get_weight (before, inspection->layer, inspection->neuron, from);
      if (after != NULL)
        update->after = neurons_mlp_get_weight (after, inspection->layer, inspection->neuron, from);
      else
        update->after = update->before - step * update->input;
    }
  inspection->n_updates = n_largest;

  inspection->bias_before = inspection->bias;
  if (after != NULL)
    inspection->bias_after = neurons_mlp_get_bias (after, inspection->layer, inspection->neuron);
  else
    inspection->bias_after = inspection->bias_before - step;
}

/**
 * neurons_inspection_fill:
 * @inspection: (out caller-allocates): what to fill
 * @before: the weights @forward was computed with (before the step, if there was one)
 * @forward: the engine's forward pass of the sample
 * @backward: (nullable): the engine's backward pass of the sample, if it was trained on
 * @learning_rate: η of the step
 * @after: (nullable): the weights after the step; without them, the step is worked out from
 *   the update rule as the engine would have taken it
 * @layer: 0 or 1 for a hidden layer, 2 for the output
 * @neuron: the neuron in it
 * @label: the sample's true class, or -1 if it has none (a drawing)
 *
 * Writes out the neuron's arithmetic for the sample. The backward half is filled when
 * @backward is given and the sample has a label.
 */
void
neurons_inspection_fill (NeuronsInspection     *inspection,
                         const NeuronsMlp      *before,
                         const NeuronsForward  *forward,
                         const NeuronsBackward *backward,
                         float                  learning_rate,
                         const NeuronsMlp      *after,
                         guint                  layer,
                         guint                  neuron,
                         int                    label)
{
  g_return_if_fail (inspection != NULL);
  g_return_if_fail (before != NULL);
  g_return_if_fail (forward != NULL);
  g_return_if_fail (layer < NEURONS_N_LAYERS);
  g_return_if_fail (neuron < neurons_layer_n_outputs (layer));
  g_return_if_fail (label >= -1 && label < NEURONS_OUTPUT_SIZE);

  memset (inspection, 0, sizeof *inspection);
  inspection->layer = layer;
  inspection->neuron = neuron;
  inspection->n_inputs = neurons_layer_n_inputs (layer);
  inspection->activation = layer == NEURONS_N_LAYERS - 1 ? NEURONS_ACTIVATION_SIGMOID
                                                         : before->hidden_activation;
  inspection->output = before->output;
  inspection->learning_rate = learning_rate;
  inspection->optimizer = NEURONS_OPTIMIZER_SGD;
  inspection->batch_size = 1;

  fill_forward (inspection, before, forward);

  inspection->has_label = label >= 0;
  if (inspection->has_label)
    {
      inspection->cost = sample_cost (inspection->output, forward, label);
      if (layer == NEURONS_N_LAYERS - 1)
        {
          float error;

          inspection->target = (guint) label == neuron ? 1.0f : 0.0f;
          error = inspection->a - inspection->target;
          if (inspection->output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
            /* cross-entropy counts the true class's output only: its share is the whole cost */
            inspection->cost_share = (guint) label == neuron ? inspection->cost : 0;
          else
            inspection->cost_share = 0.5f * (error * error);
        }
    }

  inspection->has_step = backward != NULL && inspection->has_label;
  if (!inspection->has_step)
    return;

  inspection->cost = backward->cost;
  if (layer == NEURONS_N_LAYERS - 1 && inspection->output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    inspection->cost_share = (guint) label == neuron ? inspection->cost : 0;
  fill_delta (inspection, before, backward);
  fill_updates (inspection, before, forward, after);
}

/**
 * neurons_inspection_set_training:
 * @options: how the run trains
 * @batch_filled: the samples in the optimiser's batch after the step, 0 when the step ended a
 *   batch
 *
 * Says how the step was taken. With batches, this sample's gradient may only have been
 * gathered: then the weights did not move, and the update says so rather than show a step
 * that was not taken. With momentum or Adam, or at the end of a batch, the weights moved by
 * the optimiser's rule: "after" holds what it wrote, which the caller gave fill().
 */
void
neurons_inspection_set_training (NeuronsInspection            *inspection,
                                 const NeuronsTrainingOptions *options,
                                 guint                         batch_filled)
{
  g_return_if_fail (inspection != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (batch_filled < MAX (options->batch_size, 1));

  inspection->optimizer = options->optimizer;
  inspection->batch_size = options->batch_size;
  inspection->batch_pending = batch_filled > 0 ? options->batch_size - batch_filled : 0;
  if (inspection->batch_pending == 0)
    return;

  for (guint u = 0; u < inspection->n_updates; u++)
    inspection->updates[u].after = inspection->updates[u].before;
  inspection->bias_after = inspection->bias_before;
}

/**
 * neurons_inspection_input_position:
 * @layer: the layer whose input @index is
 * @index: the input
 * @row: (out): the pixel's row, 0 at the top
 * @column: (out): the pixel's column, 0 at the left
 *
 * Returns: whether the input is a pixel (layer 0), and where it is
 */
gboolean
neurons_inspection_input_position (guint  layer,
                                   guint  index,
                                   guint *row,
                                   guint *column)
{
  if (layer != 0 || index >= NEURONS_INPUT_SIZE)
    return FALSE;

  *row = index / NEURONS_IMAGE_SIDE;
  *column = index % NEURONS_IMAGE_SIDE;
  return TRUE;
}
