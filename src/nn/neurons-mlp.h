/* neurons-mlp.h: the 784 → 16 → 16 → 10 perceptron, plain C
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "neurons-activation.h"

G_BEGIN_DECLS

#define NEURONS_IMAGE_SIDE   28
#define NEURONS_INPUT_SIZE   (NEURONS_IMAGE_SIDE * NEURONS_IMAGE_SIDE)
#define NEURONS_HIDDEN1_SIZE 16
#define NEURONS_HIDDEN2_SIZE 16
#define NEURONS_OUTPUT_SIZE  10
#define NEURONS_N_LAYERS     3
/* 784·16 + 16 + 16·16 + 16 + 16·10 + 10 */
#define NEURONS_N_PARAMETERS 13002

/* The output layer and the cost it is trained with. */
typedef enum
{
  NEURONS_OUTPUT_SIGMOID_QUADRATIC,      /* a3 = σ (z3), C = ½ Σ (a3 − y)² */
  NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY,  /* a3 = softmax (z3), C = −log a3[label] */
} NeuronsOutput;

typedef enum
{
  NEURONS_INIT_HE,
  NEURONS_INIT_XAVIER,
  NEURONS_INIT_UNIFORM,
} NeuronsInit;

/*
 * The parameters, in the layout the training kernel wants. Only the first layer is stored
 * transposed: one pixel's 16 outgoing weights form one 64-byte vector, so a sample touches
 * only the rows of its inked pixels (about a fifth of them in MNIST).
 *
 * The hidden activation and the output layer live beside the weights because the math cannot
 * run without them.
 * dormant_samples[j] counts the training samples since first-layer neuron j last had a
 * positive output; a ReLU neuron whose count keeps growing is dead.
 */
typedef struct
{
  /* w1t is (784, 16): w1t[i * 16 + j] is the weight from pixel i to first-layer neuron j */
  float w1t[NEURONS_INPUT_SIZE * NEURONS_HIDDEN1_SIZE] __attribute__ ((aligned (64)));
  float b1[NEURONS_HIDDEN1_SIZE] __attribute__ ((aligned (64)));
  /* w2 is (16, 16), row-major: w2[k * 16 + j] is the weight from neuron j of layer 1 to k */
  float w2[NEURONS_HIDDEN2_SIZE * NEURONS_HIDDEN1_SIZE] __attribute__ ((aligned (64)));
  float b2[NEURONS_HIDDEN2_SIZE] __attribute__ ((aligned (64)));
  /* w3 is (10, 16), row-major: w3[o * 16 + k] is the weight from neuron k of layer 2 to output o */
  float w3[NEURONS_OUTPUT_SIZE * NEURONS_HIDDEN2_SIZE] __attribute__ ((aligned (64)));
  float b3[NEURONS_OUTPUT_SIZE] __attribute__ ((aligned (64)));
  guint32 dormant_samples[NEURONS_HIDDEN1_SIZE];
  NeuronsActivation hidden_activation;
  NeuronsOutput output;
} NeuronsMlp;

/* Everything one forward pass computes, for the views and for backpropagation. */
typedef struct
{
  float input[NEURONS_INPUT_SIZE];    /* pixel / 255 */
  float z1[NEURONS_HIDDEN1_SIZE];     /* weighted sums of layer 1 */
  float a1[NEURONS_HIDDEN1_SIZE];     /* activations of layer 1 */
  float z2[NEURONS_HIDDEN2_SIZE];
  float a2[NEURONS_HIDDEN2_SIZE];
  float z3[NEURONS_OUTPUT_SIZE];
  float a3[NEURONS_OUTPUT_SIZE];      /* the outputs, one per digit: sigmoids or a softmax */
  guint prediction;                   /* index of the largest output */
} NeuronsForward;

/* What backpropagation finds for one sample: the cost and, per layer, dC/dz. */
typedef struct
{
  float delta1[NEURONS_HIDDEN1_SIZE];
  float delta2[NEURONS_HIDDEN2_SIZE];
  float delta3[NEURONS_OUTPUT_SIZE];
  float cost;
} NeuronsBackward;

/*
 * The inked pixels of many images, gathered once so that training on them again and again
 * skips the blank ones for free: image s has the offsets[s + 1] − offsets[s] inked pixels
 * indices[offsets[s] …] with values[offsets[s] …] (1-255).
 */
typedef struct
{
  guint    n_images;
  guint32 *offsets;   /* (n_images + 1) */
  guint16 *indices;
  guint8  *values;
} NeuronsInkList;

/*
 * How one sample's step goes beyond the plain one (neurons_mlp_train_sparse):
 *   keep1, keep2  (16) each hidden neuron's dropout factor, 0 or 1 / (1 − p); NULL: no dropout
 *   gradient      where dC/dθ is added, in the weights' layout, for a step later
 *                 (neurons_optimizer_step); NULL: θ −= learning_rate · dC/dθ at once
 */
typedef struct
{
  const float *keep1;
  const float *keep2;
  NeuronsMlp  *gradient;
  float        learning_rate;
} NeuronsSampleStep;

NeuronsMlp  *neurons_mlp_new             (void);
NeuronsMlp  *neurons_mlp_copy            (const NeuronsMlp      *mlp);
void         neurons_mlp_free            (NeuronsMlp            *mlp);
void         neurons_mlp_init            (NeuronsMlp            *mlp,
                                          NeuronsActivation      hidden_activation,
                                          NeuronsInit            initialization,
                                          guint64                seed);
gboolean     neurons_mlp_is_finite       (const NeuronsMlp      *mlp);

float        neurons_mlp_get_weight      (const NeuronsMlp      *mlp,
                                          guint                  layer,
                                          guint                  to,
                                          guint                  from);
void         neurons_mlp_set_weight      (NeuronsMlp            *mlp,
                                          guint                  layer,
                                          guint                  to,
                                          guint                  from,
                                          float                  value);
float        neurons_mlp_get_bias        (const NeuronsMlp      *mlp,
                                          guint                  layer,
                                          guint                  to);
void         neurons_mlp_set_bias        (NeuronsMlp            *mlp,
                                          guint                  layer,
                                          guint                  to,
                                          float                  value);
void         neurons_mlp_copy_layer_weights (const NeuronsMlp   *mlp,
                                          guint                  layer,
                                          float                 *weights);

void         neurons_mlp_forward         (const NeuronsMlp      *mlp,
                                          const guint8          *pixels,
                                          NeuronsForward        *forward);
guint        neurons_mlp_predict         (const NeuronsMlp      *mlp,
                                          const guint8          *pixels);
float        neurons_mlp_train_sample    (NeuronsMlp            *mlp,
                                          const guint8          *pixels,
                                          guint                  label,
                                          float                  learning_rate,
                                          NeuronsForward        *forward,
                                          NeuronsBackward       *backward);
float        neurons_mlp_train_ink       (NeuronsMlp            *mlp,
                                          const NeuronsInkList  *ink,
                                          guint                  image,
                                          guint                  label,
                                          float                  learning_rate);
float        neurons_mlp_train_sparse    (NeuronsMlp            *mlp,
                                          const guint16         *indices,
                                          const guint8          *values,
                                          guint                  n_ink,
                                          guint                  label,
                                          const NeuronsSampleStep *step,
                                          NeuronsForward        *forward,
                                          NeuronsBackward       *backward);
guint        neurons_mlp_gather_ink      (const guint8          *pixels,
                                          guint16               *indices,
                                          guint8                *values);
float        neurons_input_scale         (guint8                 pixel);
void         neurons_mlp_contributions   (const NeuronsMlp      *mlp,
                                          const NeuronsForward  *forward,
                                          guint                  neuron,
                                          float                 *contributions);

guint        neurons_layer_n_inputs      (guint                  layer);
guint        neurons_layer_n_outputs     (guint                  layer);
const char  *neurons_init_to_string      (NeuronsInit            initialization);
gboolean     neurons_init_from_string    (const char            *string,
                                          NeuronsInit           *initialization);

/* Asks the caches for an image's ink list ahead of its turn: in shuffled order each list
 * is a cache miss otherwise, and the kernel would wait on it. */
static inline void
neurons_ink_list_prefetch (const NeuronsInkList *ink,
                           guint                 image)
{
  guint32 start = ink->offsets[image];
  guint32 end = ink->offsets[image + 1];

  for (guint32 i = start; i < end; i += 32)
    {
      __builtin_prefetch (ink->indices + i);
      __builtin_prefetch (ink->values + i);
    }
}

NeuronsInkList *neurons_ink_list_new     (const guint8          *pixels,
                                          guint                  n_images);
void         neurons_ink_list_free       (NeuronsInkList        *ink);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NeuronsMlp, neurons_mlp_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NeuronsInkList, neurons_ink_list_free)

G_END_DECLS
