/* neurons-inspection.h: one neuron's arithmetic for one sample, in the engine's own numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "neurons-mlp.h"
#include "neurons-training-options.h"

G_BEGIN_DECLS

/* How many of the largest terms of a sum are listed one by one; the others are summed up. */
#define NEURONS_INSPECTION_MAX_TERMS 6

/* One product of a sum, w · x forward or w · δ backward, as the engine multiplies it. */
typedef struct
{
  guint index;    /* the input's index: the pixel (row-major), the neuron below, or above */
  float weight;   /* the weight, before the step */
  float value;    /* what it multiplies: x forward, δ of the neuron above backward */
  float product;  /* weight × value, rounded to float */
} NeuronsInspectionTerm;

/* One weight's change in the step: w_after = w_before − η · δ · x with plain SGD one sample
 * at a time; with batches, momentum or Adam, whatever the optimiser wrote. */
typedef struct
{
  guint index;     /* the input the weight comes from */
  float input;     /* x */
  float gradient;  /* ∂C/∂w = δ · x */
  float before;
  float after;
} NeuronsInspectionUpdate;

/*
 * Everything the inspector says about neuron `neuron` of `layer` (0 and 1 the hidden layers,
 * 2 the output) for one sample. Every number is the engine's: the weights it used, its z and
 * a, its δ, the weights it wrote; the few it does not keep (the products, the partial sums)
 * are recomputed in float in the engine's order.
 */
typedef struct
{
  guint                   layer;
  guint                   neuron;
  NeuronsActivation       activation;   /* this neuron's: the hidden one, or the output sigmoid */
  NeuronsOutput           output;       /* the network's output layer and cost */
  guint                   n_inputs;

  /* Forward: z = Σ wᵢ·xᵢ + b, a = act (z) */
  NeuronsInspectionTerm   terms[NEURONS_INSPECTION_MAX_TERMS];  /* the largest |wᵢ·xᵢ| first */
  guint                   n_terms;
  guint                   n_zero_inputs;  /* terms that are 0 because xᵢ is: blank pixels, silent neurons */
  guint                   n_rest;         /* the other non-zero terms */
  double                  rest_sum;       /* and their total */
  float                   bias;
  float                   z;
  float                   a;

  /* The sample's label, if it has one, and at an output what the cost makes of it */
  gboolean                has_label;
  float                   target;       /* y: 1 for the output of the label, else 0 */
  float                   cost_share;   /* ½ (a − y)² at a sigmoid output; with softmax and
                                         * cross-entropy −ln a at the label's output, else 0 */
  float                   cost;         /* C, the whole sample's: Σ of the shares */

  /* Backward, when the sample was trained on: δ = ∂C/∂z = error · slope */
  gboolean                has_step;
  float                   error;        /* ∂C/∂a: a − y at an output, Σₖ wₖⱼ δₖ in a hidden layer
                                         * (with softmax and cross-entropy, a − y is ∂C/∂z) */
  float                   slope;        /* act′(z); 1 at a softmax output */
  float                   delta;        /* the engine's δ */
  NeuronsInspectionTerm   upstream[NEURONS_INSPECTION_MAX_TERMS];  /* wₖⱼ · δₖ, largest first */
  guint                   n_upstream;
  guint                   n_above;      /* how many neurons the layer above has; 0 at an output */
  float                   learning_rate;
  NeuronsInspectionUpdate updates[NEURONS_INSPECTION_MAX_TERMS];   /* largest |δ·x| first */
  guint                   n_updates;
  float                   bias_before;
  float                   bias_after;

  /* How the step was taken (neurons_inspection_set_training; plain SGD until then) */
  NeuronsOptimizer        optimizer;
  guint                   batch_size;
  guint                   batch_pending;  /* samples still to come before the weights move; 0
                                           * when this step moved them */
} NeuronsInspection;

void     neurons_inspection_fill           (NeuronsInspection     *inspection,
                                            const NeuronsMlp      *before,
                                            const NeuronsForward  *forward,
                                            const NeuronsBackward *backward,
                                            float                  learning_rate,
                                            const NeuronsMlp      *after,
                                            guint                  layer,
                                            guint                  neuron,
                                            int                    label);
void     neurons_inspection_set_training   (NeuronsInspection            *inspection,
                                            const NeuronsTrainingOptions *options,
                                            guint                         batch_filled);
gboolean neurons_inspection_input_position (guint                  layer,
                                            guint                  index,
                                            guint                 *row,
                                            guint                 *column);

G_END_DECLS
