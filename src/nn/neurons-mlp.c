/* neurons-mlp.c: the optimised forward pass and per-sample SGD step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-mlp"

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-mlp.h"
#include "neurons-random.h"

/*
 * How this is fast. A sample costs three things: layer 1 forward, layer 1 weight update, and
 * everything else (about 700 multiply-adds). Layer 1 dominates, and MNIST is mostly background:
 * about 150 of 784 pixels have ink. Both layer-1 steps therefore walk only the inked pixels,
 * and for each one touch its 16 outgoing weights as one 64-byte vector (w1t is stored
 * transposed for exactly this). The sums keep four partial accumulators so the additions do
 * not wait on each other.
 *
 * The results do not depend on the vector width the compiler picks, because every lane does
 * the same IEEE operations in the same order and fused multiply-adds are off for this library.
 * neurons-mlp-reference.c is the plain double-precision version; tests/test-mlp.c holds the two
 * together.
 */

#define H1 NEURONS_HIDDEN1_SIZE
#define H2 NEURONS_HIDDEN2_SIZE
#define OUT NEURONS_OUTPUT_SIZE
#define IN NEURONS_INPUT_SIZE

G_STATIC_ASSERT (H1 == 16);

typedef float v16sf __attribute__ ((vector_size (64), aligned (64)));

/* Clones of the hot functions for wider vector units, picked once at load time. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
# define NEURONS_HOT __attribute__ ((target_clones ("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
# define NEURONS_HOT
#endif

/* The kernels are inlined into each clone, so that each is compiled for that clone's vectors. */
#define ALWAYS_INLINE __attribute__ ((always_inline))

/* pixel / 255 for every byte value, folded by the compiler, so every path scales a pixel alike. */
#define SCALE1(p)  ((float) (p) / 255.0f)
#define SCALE4(p)  SCALE1 (p), SCALE1 (p + 1), SCALE1 (p + 2), SCALE1 (p + 3)
#define SCALE16(p) SCALE4 (p), SCALE4 (p + 4), SCALE4 (p + 8), SCALE4 (p + 12)
#define SCALE64(p) SCALE16 (p), SCALE16 (p + 16), SCALE16 (p + 32), SCALE16 (p + 48)
static const float input_scale[256] = { SCALE64 (0), SCALE64 (64), SCALE64 (128), SCALE64 (192) };

NeuronsMlp *
neurons_mlp_new (void)
{
  return g_aligned_alloc0 (1, sizeof (NeuronsMlp), 64);
}

NeuronsMlp *
neurons_mlp_copy (const NeuronsMlp *mlp)
{
  NeuronsMlp *copy;

  g_return_val_if_fail (mlp != NULL, NULL);

  copy = neurons_mlp_new ();
  memcpy (copy, mlp, sizeof *copy);
  return copy;
}

void
neurons_mlp_free (NeuronsMlp *mlp)
{
  g_aligned_free (mlp);
}

guint
neurons_layer_n_inputs (guint layer)
{
  static const guint n_inputs[NEURONS_N_LAYERS] = { IN, H1, H2 };

  g_return_val_if_fail (layer < NEURONS_N_LAYERS, 0);
  return n_inputs[layer];
}

guint
neurons_layer_n_outputs (guint layer)
{
  static const guint n_outputs[NEURONS_N_LAYERS] = { H1, H2, OUT };

  g_return_val_if_fail (layer < NEURONS_N_LAYERS, 0);
  return n_outputs[layer];
}

static float *
weight_slot (NeuronsMlp *mlp,
             guint       layer,
             guint       to,
             guint       from)
{
  g_assert (layer < NEURONS_N_LAYERS);
  g_assert (to < neurons_layer_n_outputs (layer));
  g_assert (from < neurons_layer_n_inputs (layer));

  switch (layer)
    {
    case 0:
      return &mlp->w1t[from * H1 + to];
    case 1:
      return &mlp->w2[to * H1 + from];
    default:
      return &mlp->w3[to * H2 + from];
    }
}

static float *
bias_slot (NeuronsMlp *mlp,
           guint       layer,
           guint       to)
{
  g_assert (layer < NEURONS_N_LAYERS);
  g_assert (to < neurons_layer_n_outputs (layer));

  switch (layer)
    {
    case 0:
      return &mlp->b1[to];
    case 1:
      return &mlp->b2[to];
    default:
      return &mlp->b3[to];
    }
}

/* Weight from neuron `from` of the layer below to neuron `to` of `layer` (0, 1 or 2). */
float
neurons_mlp_get_weight (const NeuronsMlp *mlp,
                        guint             layer,
                        guint             to,
                        guint             from)
{
  g_return_val_if_fail (mlp != NULL, 0);
  g_return_val_if_fail (layer < NEURONS_N_LAYERS, 0);

  return *weight_slot ((NeuronsMlp *) mlp, layer, to, from);
}

void
neurons_mlp_set_weight (NeuronsMlp *mlp,
                        guint       layer,
                        guint       to,
                        guint       from,
                        float       value)
{
  g_return_if_fail (mlp != NULL);
  g_return_if_fail (layer < NEURONS_N_LAYERS);

  *weight_slot (mlp, layer, to, from) = value;
}

float
neurons_mlp_get_bias (const NeuronsMlp *mlp,
                      guint             layer,
                      guint             to)
{
  g_return_val_if_fail (mlp != NULL, 0);
  g_return_val_if_fail (layer < NEURONS_N_LAYERS, 0);

  return *bias_slot ((NeuronsMlp *) mlp, layer, to);
}

void
neurons_mlp_set_bias (NeuronsMlp *mlp,
                      guint       layer,
                      guint       to,
                      float       value)
{
  g_return_if_fail (mlp != NULL);
  g_return_if_fail (layer < NEURONS_N_LAYERS);

  *bias_slot (mlp, layer, to) = value;
}

/**
 * neurons_mlp_copy_layer_weights:
 * @mlp: a network
 * @layer: 0 for input → hidden 1, 1 for hidden 1 → hidden 2, 2 for hidden 2 → output
 * @weights: (out caller-allocates): room for n_outputs × n_inputs floats
 *
 * A layer's weights in the order of the network file, whatever the layout in memory:
 * row-major (n_outputs, n_inputs), weights[to * n_inputs + from].
 */
void
neurons_mlp_copy_layer_weights (const NeuronsMlp *mlp,
                                guint             layer,
                                float            *weights)
{
  g_return_if_fail (mlp != NULL);
  g_return_if_fail (layer < NEURONS_N_LAYERS);
  g_return_if_fail (weights != NULL);

  switch (layer)
    {
    case 0:
      /* w1t is (784, 16): transpose it back to (16, 784) */
      for (guint to = 0; to < H1; to++)
        for (guint from = 0; from < NEURONS_INPUT_SIZE; from++)
          weights[to * NEURONS_INPUT_SIZE + from] = mlp->w1t[from * H1 + to];
      break;
    case 1:
      memcpy (weights, mlp->w2, sizeof mlp->w2);
      break;
    default:
      memcpy (weights, mlp->w3, sizeof mlp->w3);
      break;
    }
}

/*
 * Initialisation, layer by layer in the order of the network file (row-major, weights[to][from]),
 * so that a seed means the same network whatever the in-memory layout:
 *   he      normal, std √(2 / fan_in)
 *   xavier  normal, std √(1 / fan_in)   (the fan-in variant)
 *   uniform uniform on [−0.5, 0.5]
 * Biases start at zero.
 */
void
neurons_mlp_init (NeuronsMlp        *mlp,
                  NeuronsActivation  hidden_activation,
                  NeuronsInit        initialization,
                  guint64            seed)
{
  NeuronsRandom random;

  g_return_if_fail (mlp != NULL);

  memset (mlp, 0, sizeof *mlp);
  mlp->hidden_activation = hidden_activation;
  neurons_random_init (&random, seed);

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    {
      guint fan_in = neurons_layer_n_inputs (layer);
      double std = 0;

      switch (initialization)
        {
        case NEURONS_INIT_HE:
          std = sqrt (2.0 / fan_in);
          break;
        case NEURONS_INIT_XAVIER:
          std = sqrt (1.0 / fan_in);
          break;
        case NEURONS_INIT_UNIFORM:
        default:
          break;
        }

      for (guint to = 0; to < neurons_layer_n_outputs (layer); to++)
        for (guint from = 0; from < fan_in; from++)
          {
            double value;

            if (initialization == NEURONS_INIT_UNIFORM)
              value = neurons_random_uniform (&random) - 0.5;
            else
              value = std * neurons_random_normal (&random);

            *weight_slot (mlp, layer, to, from) = (float) value;
          }
    }
}

/* Whether no value is NaN or infinite: such a float has every exponent bit set. Integer tests
 * can be taken in any order, so the compiler walks the arrays a vector at a time; a float sum
 * of x · 0 could not be reordered and took ten times as long. */
static gboolean
all_finite (const float *values,
            gsize        n_values)
{
  guint32 non_finite = 0;

  for (gsize i = 0; i < n_values; i++)
    {
      guint32 bits;

      memcpy (&bits, &values[i], sizeof bits);
      non_finite |= (bits & 0x7f800000) == 0x7f800000;
    }

  return non_finite == 0;
}

gboolean
neurons_mlp_is_finite (const NeuronsMlp *mlp)
{
  g_return_val_if_fail (mlp != NULL, FALSE);

  return all_finite (mlp->w1t, IN * H1) && all_finite (mlp->b1, H1)
         && all_finite (mlp->w2, H2 * H1) && all_finite (mlp->b2, H2)
         && all_finite (mlp->w3, OUT * H2) && all_finite (mlp->b3, OUT);
}

/*
 * The inked pixels of an image: their indices and values. Returns how many. Blank 8-pixel runs
 * (most of an MNIST image) are skipped whole; inside a run with ink every pixel is written and
 * the count moves only past inked ones, so there is no branch per pixel to mispredict.
 */
static inline ALWAYS_INLINE guint
gather_ink (const guint8 *pixels,
            guint16      *indices,
            guint8       *values)
{
  guint n = 0;

  for (guint word = 0; word < IN / 8; word++)
    {
      guint64 bits;

      memcpy (&bits, pixels + word * 8, 8);
      if (bits == 0)
        continue;

      for (guint i = word * 8; i < word * 8 + 8; i++)
        {
          indices[n] = (guint16) i;
          values[n] = pixels[i];
          n += pixels[i] != 0;
        }
    }

  return n;
}

/* z1 = b1 + Σ over inked pixels of x_i · w1t[i], with four independent partial sums. */
static inline ALWAYS_INLINE void
layer1_forward (const NeuronsMlp *mlp,
                const guint16    *indices,
                const guint8     *values,
                guint             n_ink,
                float            *z1)
{
  const v16sf *w1t = (const v16sf *) mlp->w1t;
  v16sf sum0 = { 0 }, sum1 = { 0 }, sum2 = { 0 }, sum3 = { 0 };
  guint k = 0;

  for (; k + 4 <= n_ink; k += 4)
    {
      sum0 += input_scale[values[k]] * w1t[indices[k]];
      sum1 += input_scale[values[k + 1]] * w1t[indices[k + 1]];
      sum2 += input_scale[values[k + 2]] * w1t[indices[k + 2]];
      sum3 += input_scale[values[k + 3]] * w1t[indices[k + 3]];
    }
  if (k < n_ink)
    sum0 += input_scale[values[k]] * w1t[indices[k]];
  if (k + 1 < n_ink)
    sum1 += input_scale[values[k + 1]] * w1t[indices[k + 1]];
  if (k + 2 < n_ink)
    sum2 += input_scale[values[k + 2]] * w1t[indices[k + 2]];

  *(v16sf *) z1 = *(const v16sf *) mlp->b1 + ((sum0 + sum1) + (sum2 + sum3));
}

/* a3 = softmax (z3) = e^(z3 − max) / Σ e^(z3 − max): shifted by the largest, so that no
 * exponential overflows. */
static inline ALWAYS_INLINE void
softmax_forward (float       *a3,
                 const float *z3)
{
  float largest = z3[0], sum = 0;

  for (guint o = 1; o < OUT; o++)
    largest = MAX (largest, z3[o]);
  for (guint o = 0; o < OUT; o++)
    {
      a3[o] = expf (z3[o] - largest);
      sum += a3[o];
    }
  for (guint o = 0; o < OUT; o++)
    a3[o] /= sum;
}

/* Layers 2 and 3 and the activations, from z1 on. With dropout, keep1 and keep2 scale each
 * hidden neuron's output as the layer above sees it (0 drops it), and in2 and in3 receive
 * what layers 2 and 3 saw; without, they are a1 and a2. output is mlp->output, passed as a
 * constant by each caller so that each inlined copy has one path. */
static inline ALWAYS_INLINE void
upper_forward (const NeuronsMlp *mlp,
               NeuronsOutput     output,
               const float      *z1,
               const float      *keep1,
               const float      *keep2,
               float            *in2,
               float            *in3,
               NeuronsForward   *forward)
{
  NeuronsActivation activation = mlp->hidden_activation;

  /* a1 = act (z1) */
  for (guint j = 0; j < H1; j++)
    {
      forward->z1[j] = z1[j];
      forward->a1[j] = neurons_activatef (activation, z1[j]);
    }

  /* With dropout, layer 2 sees a1 ⊙ keep1. (Without, the loops read a1 itself, as a field
   * of forward, which the compiler knows the stores to z2 and a2 do not touch.) */
  if (keep1 != NULL)
    for (guint j = 0; j < H1; j++)
      in2[j] = forward->a1[j] * keep1[j];

  /* z2 = b2 + w2 · a1;  a2 = act (z2) */
  for (guint k = 0; k < H2; k++)
    {
      float sum = mlp->b2[k];

      for (guint j = 0; j < H1; j++)
        sum += mlp->w2[k * H1 + j] * (keep1 != NULL ? in2[j] : forward->a1[j]);
      forward->z2[k] = sum;
      forward->a2[k] = neurons_activatef (activation, sum);
    }

  if (keep2 != NULL)
    for (guint k = 0; k < H2; k++)
      in3[k] = forward->a2[k] * keep2[k];

  if (output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    {
      /* z3 = b3 + w3 · a2;  a3 = softmax (z3) */
      for (guint o = 0; o < OUT; o++)
        {
          float sum = mlp->b3[o];

          for (guint k = 0; k < H2; k++)
            sum += mlp->w3[o * H2 + k] * (keep2 != NULL ? in3[k] : forward->a2[k]);
          forward->z3[o] = sum;
        }
      softmax_forward (forward->a3, forward->z3);
      forward->prediction = 0;
      for (guint o = 1; o < OUT; o++)
        if (forward->a3[o] > forward->a3[forward->prediction])
          forward->prediction = o;
      return;
    }

  /* z3 = b3 + w3 · a2;  a3 = σ (z3) */
  forward->prediction = 0;
  for (guint o = 0; o < OUT; o++)
    {
      float sum = mlp->b3[o];

      for (guint k = 0; k < H2; k++)
        sum += mlp->w3[o * H2 + k] * (keep2 != NULL ? in3[k] : forward->a2[k]);
      forward->z3[o] = sum;
      forward->a3[o] = neurons_sigmoidf (sum);
      if (forward->a3[o] > forward->a3[forward->prediction])
        forward->prediction = o;
    }
}

NEURONS_HOT void
neurons_mlp_forward (const NeuronsMlp *mlp,
                     const guint8     *pixels,
                     NeuronsForward   *forward)
{
  guint16 indices[IN];
  guint8 values[IN];
  float z1[H1] __attribute__ ((aligned (64)));
  guint n_ink;

  g_return_if_fail (mlp != NULL);
  g_return_if_fail (pixels != NULL);
  g_return_if_fail (forward != NULL);

  for (guint i = 0; i < IN; i++)
    forward->input[i] = input_scale[pixels[i]];

  n_ink = gather_ink (pixels, indices, values);
  layer1_forward (mlp, indices, values, n_ink, z1);
  if (mlp->output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    upper_forward (mlp, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY, z1, NULL, NULL, NULL, NULL, forward);
  else
    upper_forward (mlp, NEURONS_OUTPUT_SIGMOID_QUADRATIC, z1, NULL, NULL, NULL, NULL, forward);
}

guint
neurons_mlp_predict (const NeuronsMlp *mlp,
                     const guint8     *pixels)
{
  NeuronsForward forward;

  neurons_mlp_forward (mlp, pixels, &forward);
  return forward.prediction;
}

/*
 * Backpropagation through the activations act of one forward pass: delta1..3 receive dC/dz of
 * each layer. Returns C. The cost is the quadratic C = ½ Σ_o (a3_o − y_o)² after sigmoid
 * outputs, or the cross-entropy C = −log a3[label] after a softmax, y the one-hot label. With
 * dropout, keep1 and keep2 are the factors the forward pass used.
 */
static inline ALWAYS_INLINE float
backward_deltas (float                *delta1,
                 float                *delta2,
                 float                *delta3,
                 const NeuronsMlp     *mlp,
                 NeuronsOutput         output,
                 const NeuronsForward *act,
                 const float          *keep1,
                 const float          *keep2,
                 guint                 label)
{
  NeuronsActivation activation = mlp->hidden_activation;
  float cost = 0;

  if (output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    {
      float largest = act->z3[0], sum = 0;

      /* Softmax and cross-entropy together: δ3 = a3 − y; C = log Σ e^z3 − z3[label] */
      for (guint o = 0; o < OUT; o++)
        {
          delta3[o] = act->a3[o] - (o == label ? 1.0f : 0.0f);
          largest = MAX (largest, act->z3[o]);
        }
      for (guint o = 0; o < OUT; o++)
        sum += expf (act->z3[o] - largest);
      cost = logf (sum) - (act->z3[label] - largest);
    }
  else
    {
      /* Output error: δ3 = (a3 − y) ⊙ σ'(z3), and the cost */
      for (guint o = 0; o < OUT; o++)
        {
          float error = act->a3[o] - (o == label ? 1.0f : 0.0f);

          cost += error * error;
          delta3[o] = neurons_sigmoid_backwardf (error, act->a3[o]);
        }
      cost = 0.5f * cost;
    }

  /* Backpropagate to layer 2: δ2 = (w3ᵀ δ3) ⊙ keep2 ⊙ act'(z2) */
  for (guint k = 0; k < H2; k++)
    {
      float sum = 0;

      for (guint o = 0; o < OUT; o++)
        sum += mlp->w3[o * H2 + k] * delta3[o];
      if (keep2 != NULL)
        sum *= keep2[k];
      delta2[k] = sum * neurons_activation_slopef (activation, act->z2[k], act->a2[k]);
    }

  /* Backpropagate to layer 1: δ1 = (w2ᵀ δ2) ⊙ keep1 ⊙ act'(z1) */
  for (guint j = 0; j < H1; j++)
    {
      float sum = 0;

      for (guint k = 0; k < H2; k++)
        sum += mlp->w2[k * H1 + j] * delta2[k];
      if (keep1 != NULL)
        sum *= keep1[j];
      delta1[j] = sum * neurons_activation_slopef (activation, act->z1[j], act->a1[j]);
    }

  return cost;
}

/* θ −= η · dC/dθ for every layer, from the deltas and the inputs each layer saw (in2 = a1 and
 * in3 = a2 without dropout); layer 1 only where the input has ink. delta1 is 64-byte aligned. */
static inline ALWAYS_INLINE void
gradient_step (NeuronsMlp           *mlp,
               const float          *delta1,
               const float          *delta2,
               const float          *delta3,
               const float          *in2,
               const float          *in3,
               const guint16        *indices,
               const guint8         *values,
               guint                 n_ink,
               float                 learning_rate)
{
  v16sf *w1t = (v16sf *) mlp->w1t;
  v16sf step1;

  /* Layer 3: w3 −= η δ3 a2ᵀ, b3 −= η δ3 */
  for (guint o = 0; o < OUT; o++)
    {
      float step = learning_rate * delta3[o];

      for (guint k = 0; k < H2; k++)
        mlp->w3[o * H2 + k] -= step * in3[k];
      mlp->b3[o] -= step;
    }

  /* Layer 2: w2 −= η δ2 a1ᵀ, b2 −= η δ2 */
  for (guint k = 0; k < H2; k++)
    {
      float step = learning_rate * delta2[k];

      for (guint j = 0; j < H1; j++)
        mlp->w2[k * H1 + j] -= step * in2[j];
      mlp->b2[k] -= step;
    }

  /* Layer 1: w1 −= η δ1 xᵀ, touching only the inked pixels (x_i = 0 elsewhere) */
  step1 = learning_rate * *(const v16sf *) delta1;
  for (guint k = 0; k < n_ink; k++)
    w1t[indices[k]] -= input_scale[values[k]] * step1;
  *(v16sf *) mlp->b1 -= step1;
}

/* gradient += dC/dθ for every layer, as gradient_step() without the step: the gradient of a
 * batch is gathered sample by sample, and layer 1 again only where the input has ink. */
static inline ALWAYS_INLINE void
gradient_accumulate (NeuronsMlp           *gradient,
                     const float          *delta1,
                     const float          *delta2,
                     const float          *delta3,
                     const float          *in2,
                     const float          *in3,
                     const guint16        *indices,
                     const guint8         *values,
                     guint                 n_ink)
{
  v16sf *dw1t = (v16sf *) gradient->w1t;
  v16sf d1 = *(const v16sf *) delta1;

  /* dw3 += δ3 a2ᵀ, db3 += δ3 */
  for (guint o = 0; o < OUT; o++)
    {
      for (guint k = 0; k < H2; k++)
        gradient->w3[o * H2 + k] += delta3[o] * in3[k];
      gradient->b3[o] += delta3[o];
    }

  /* dw2 += δ2 a1ᵀ, db2 += δ2 */
  for (guint k = 0; k < H2; k++)
    {
      for (guint j = 0; j < H1; j++)
        gradient->w2[k * H1 + j] += delta2[k] * in2[j];
      gradient->b2[k] += delta2[k];
    }

  /* dw1 += δ1 xᵀ over the inked pixels, db1 += δ1 */
  for (guint k = 0; k < n_ink; k++)
    dw1t[indices[k]] += input_scale[values[k]] * d1;
  *(v16sf *) gradient->b1 += d1;
}

/*
 * One sample of training: forward, backward, and either the step of stochastic gradient
 * descent at learning_rate or, with gradient, the gradient added to a batch's. keep1 and keep2
 * are the dropout factors (NULL: none). Returns the cost before the step. act receives this
 * sample's activations, and backward, if given, its errors. The plain step passes constant
 * NULLs, so that its inlined copy is the kernel as it was before the options.
 */
static inline ALWAYS_INLINE float
train_step (NeuronsMlp              *mlp,
            NeuronsOutput            output,
            const guint16           *indices,
            const guint8            *values,
            guint                    n_ink,
            guint                    label,
            const float             *keep1,
            const float             *keep2,
            NeuronsMlp              *gradient,
            float                    learning_rate,
            NeuronsForward          *act,
            NeuronsBackward         *backward)
{
  float delta1[H1] __attribute__ ((aligned (64)));
  float delta2[H2], delta3[OUT];
  float z1[H1] __attribute__ ((aligned (64)));
  float in2[H1], in3[H2];
  float cost;

  g_assert (label < OUT);

  layer1_forward (mlp, indices, values, n_ink, z1);
  upper_forward (mlp, output, z1, keep1, keep2, in2, in3, act);
  cost = backward_deltas (delta1, delta2, delta3, mlp, output, act, keep1, keep2, label);
  if (gradient != NULL)
    gradient_accumulate (gradient, delta1, delta2, delta3, keep1 != NULL ? in2 : act->a1,
                         keep2 != NULL ? in3 : act->a2, indices, values, n_ink);
  else
    gradient_step (mlp, delta1, delta2, delta3, keep1 != NULL ? in2 : act->a1,
                   keep2 != NULL ? in3 : act->a2, indices, values, n_ink, learning_rate);

  /* Dead-neuron bookkeeping: samples since each first-layer neuron last fired */
  for (guint j = 0; j < H1; j++)
    mlp->dormant_samples[j] = act->a1[j] > 0 ? 0 : mlp->dormant_samples[j] + (mlp->dormant_samples[j] < G_MAXUINT32);

  if (backward != NULL)
    {
      memcpy (backward->delta1, delta1, sizeof backward->delta1);
      memcpy (backward->delta2, delta2, sizeof backward->delta2);
      memcpy (backward->delta3, delta3, sizeof backward->delta3);
      backward->cost = cost;
    }

  return cost;
}

NEURONS_HOT float
neurons_mlp_train_sample (NeuronsMlp      *mlp,
                          const guint8    *pixels,
                          guint            label,
                          float            learning_rate,
                          NeuronsForward  *forward,
                          NeuronsBackward *backward)
{
  guint16 indices[IN];
  guint8 values[IN];
  NeuronsForward scratch;
  guint n_ink;
  float cost;

  g_return_val_if_fail (mlp != NULL, NAN);
  g_return_val_if_fail (pixels != NULL, NAN);
  g_return_val_if_fail (label < OUT, NAN);

  n_ink = gather_ink (pixels, indices, values);
  if (mlp->output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    cost = train_step (mlp, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY, indices, values, n_ink, label,
                       NULL, NULL, NULL, learning_rate, forward != NULL ? forward : &scratch,
                       backward);
  else
    cost = train_step (mlp, NEURONS_OUTPUT_SIGMOID_QUADRATIC, indices, values, n_ink, label,
                       NULL, NULL, NULL, learning_rate, forward != NULL ? forward : &scratch,
                       backward);

  /* The input is copied only for a caller who wants to show it. */
  if (forward != NULL)
    for (guint i = 0; i < IN; i++)
      forward->input[i] = input_scale[pixels[i]];

  return cost;
}

/* The same step for image `image` of an ink list, without the gathering. */
NEURONS_HOT float
neurons_mlp_train_ink (NeuronsMlp           *mlp,
                       const NeuronsInkList *ink,
                       guint                 image,
                       guint                 label,
                       float                 learning_rate)
{
  NeuronsForward scratch;
  guint32 start;

  g_assert (image < ink->n_images);

  start = ink->offsets[image];

  /* Softmax outputs take the general kernel: a second inlined copy here made this, the
   * default path, some 12 % slower, though its own code did not change. */
  if (mlp->output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    return neurons_mlp_train_sparse (mlp, ink->indices + start, ink->values + start,
                                     ink->offsets[image + 1] - start, label,
                                     &(NeuronsSampleStep) { .learning_rate = learning_rate },
                                     NULL, NULL);
  return train_step (mlp, NEURONS_OUTPUT_SIGMOID_QUADRATIC, ink->indices + start,
                     ink->values + start, ink->offsets[image + 1] - start, label,
                     NULL, NULL, NULL, learning_rate, &scratch, NULL);
}

/*
 * The step of one sample whose inked pixels are given, with dropout or into a batch's
 * gradient as step says. forward and backward, if given, receive what it computed (the
 * input pixels excepted).
 */
NEURONS_HOT float
neurons_mlp_train_sparse (NeuronsMlp              *mlp,
                          const guint16           *indices,
                          const guint8            *values,
                          guint                    n_ink,
                          guint                    label,
                          const NeuronsSampleStep *step,
                          NeuronsForward          *forward,
                          NeuronsBackward         *backward)
{
  NeuronsForward scratch;

  g_assert (label < OUT);
  g_assert (step != NULL);

  if (mlp->output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    return train_step (mlp, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY, indices, values, n_ink, label,
                       step->keep1, step->keep2, step->gradient, step->learning_rate,
                       forward != NULL ? forward : &scratch, backward);
  return train_step (mlp, NEURONS_OUTPUT_SIGMOID_QUADRATIC, indices, values, n_ink, label,
                     step->keep1, step->keep2, step->gradient, step->learning_rate,
                     forward != NULL ? forward : &scratch, backward);
}

/* The inked pixels of one image: room for 784 of each. Returns how many. */
guint
neurons_mlp_gather_ink (const guint8 *pixels,
                        guint16      *indices,
                        guint8       *values)
{
  return gather_ink (pixels, indices, values);
}

/* pixel / 255, exactly as the kernel scales it */
float
neurons_input_scale (guint8 pixel)
{
  return input_scale[pixel];
}

/* Gathers the inked pixels of n_images images of 784 pixels each, once. */
NeuronsInkList *
neurons_ink_list_new (const guint8 *pixels,
                      guint         n_images)
{
  NeuronsInkList *ink = g_new0 (NeuronsInkList, 1);
  gsize n_total = 0, capacity = (gsize) n_images * 160 + IN;

  ink->n_images = n_images;
  ink->offsets = g_new (guint32, (gsize) n_images + 1);
  ink->indices = g_new (guint16, capacity);
  ink->values = g_new (guint8, capacity);

  for (guint s = 0; s < n_images; s++)
    {
      if (n_total + IN > capacity)
        {
          capacity = MAX (capacity * 3 / 2, n_total + IN);
          ink->indices = g_renew (guint16, ink->indices, capacity);
          ink->values = g_renew (guint8, ink->values, capacity);
        }
      /* A list for every image fits in 32-bit offsets: at most 784 × 10⁶ pixels */
      ink->offsets[s] = (guint32) n_total;
      n_total += gather_ink (pixels + (gsize) s * IN, ink->indices + n_total, ink->values + n_total);
    }
  ink->offsets[n_images] = (guint32) n_total;

  return ink;
}

void
neurons_ink_list_free (NeuronsInkList *ink)
{
  if (ink == NULL)
    return;

  g_free (ink->offsets);
  g_free (ink->indices);
  g_free (ink->values);
  g_free (ink);
}

/* contributions[i] = x_i · w1[neuron][i]: how much pixel i pushes neuron's weighted sum. */
void
neurons_mlp_contributions (const NeuronsMlp     *mlp,
                           const NeuronsForward *forward,
                           guint                 neuron,
                           float                *contributions)
{
  g_return_if_fail (mlp != NULL);
  g_return_if_fail (forward != NULL);
  g_return_if_fail (neuron < H1);
  g_return_if_fail (contributions != NULL);

  for (guint i = 0; i < IN; i++)
    contributions[i] = forward->input[i] * mlp->w1t[i * H1 + neuron];
}

const char *
neurons_init_to_string (NeuronsInit initialization)
{
  switch (initialization)
    {
    case NEURONS_INIT_HE:
      return "he";
    case NEURONS_INIT_XAVIER:
      return "xavier";
    case NEURONS_INIT_UNIFORM:
      return "uniform";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
neurons_init_from_string (const char  *string,
                          NeuronsInit *initialization)
{
  g_return_val_if_fail (string != NULL, FALSE);

  if (g_str_equal (string, "he"))
    *initialization = NEURONS_INIT_HE;
  else if (g_str_equal (string, "xavier"))
    *initialization = NEURONS_INIT_XAVIER;
  else if (g_str_equal (string, "uniform"))
    *initialization = NEURONS_INIT_UNIFORM;
  else
    return FALSE;

  return TRUE;
}
