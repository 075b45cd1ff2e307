/* neurons-activation.h: the hidden activations and their slopes, the one definition of each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

typedef enum
{
  NEURONS_ACTIVATION_SIGMOID,
  NEURONS_ACTIVATION_RELU,
} NeuronsActivation;

/*
 * Each function comes twice, as float for the fast kernel (neurons-mlp.c) and as double for the
 * reference (neurons-mlp-reference.c) and the charts; the two do the same operations in the same
 * order. They are inline so that the kernel's vector clones compile them for their own units,
 * and so that the bits do not depend on a call: the core is built with -ffp-contract=off, and
 * none of these has a multiply followed by an add that a compiler could fuse anyway.
 */

/* σ(z) = 1 / (1 + e^−z); the output layer is always a sigmoid */
G_ALWAYS_INLINE static inline float
neurons_sigmoidf (float z)
{
  return 1.0f / (1.0f + expf (-z));
}

G_ALWAYS_INLINE static inline double
neurons_sigmoid (double z)
{
  return 1 / (1 + exp (-z));
}

/* ReLU(z) = max (z, 0) */
G_ALWAYS_INLINE static inline float
neurons_reluf (float z)
{
  return z > 0 ? z : 0;
}

G_ALWAYS_INLINE static inline double
neurons_relu (double z)
{
  return z > 0 ? z : 0;
}

/* a = act (z) for the chosen hidden activation */
G_ALWAYS_INLINE static inline float
neurons_activatef (NeuronsActivation activation,
                   float             z)
{
  return activation == NEURONS_ACTIVATION_RELU ? neurons_reluf (z) : neurons_sigmoidf (z);
}

G_ALWAYS_INLINE static inline double
neurons_activate (NeuronsActivation activation,
                  double            z)
{
  return activation == NEURONS_ACTIVATION_RELU ? neurons_relu (z) : neurons_sigmoid (z);
}

/*
 * The slope act'(z), which backpropagation multiplies by. The sigmoid's comes from its output
 * a = σ(z), as σ'(z) = a (1 − a), at most 0.25; ReLU's is 1 where the neuron fires and 0 where
 * it does not.
 */
G_ALWAYS_INLINE static inline float
neurons_activation_slopef (NeuronsActivation activation,
                           float             z,
                           float             a)
{
  if (activation == NEURONS_ACTIVATION_RELU)
    return z > 0 ? 1 : 0;
  return a * (1 - a);
}

G_ALWAYS_INLINE static inline double
neurons_activation_slope (NeuronsActivation activation,
                          double            z,
                          double            a)
{
  if (activation == NEURONS_ACTIVATION_RELU)
    return z > 0 ? 1 : 0;
  return a * (1 - a);
}

/*
 * dC/dz = dC/da · σ'(z) through an output sigmoid, given a = σ(z). The fast kernel multiplies
 * the output layer's error this way, left to right, rather than by the slope above: the two
 * round differently, and every network trained so far (and the tests that pin their bits) was
 * trained with this order.
 */
G_ALWAYS_INLINE static inline float
neurons_sigmoid_backwardf (float dout,
                           float a)
{
  return dout * a * (1 - a);
}

const char *neurons_activation_to_string   (NeuronsActivation  activation);
gboolean    neurons_activation_from_string (const char        *string,
                                            NeuronsActivation *activation);

G_END_DECLS
