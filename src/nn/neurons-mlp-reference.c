/* neurons-mlp-reference.c: forward and backward, plainly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-mlp"

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-mlp-reference.h"

/*
 * The textbook network in double precision, dense, in the layout of the network file. It is
 * slow on purpose: each step is written as it is derived, so it can be read and trusted. The
 * gradient check holds it against finite differences, and the fast float kernel in
 * neurons-mlp.c is held against it.
 */

#define H1 NEURONS_HIDDEN1_SIZE
#define H2 NEURONS_HIDDEN2_SIZE
#define OUT NEURONS_OUTPUT_SIZE
#define IN NEURONS_INPUT_SIZE

G_STATIC_ASSERT (sizeof (((NeuronsReferenceMlp *) 0)->w1) + sizeof (((NeuronsReferenceMlp *) 0)->b1)
                 + sizeof (((NeuronsReferenceMlp *) 0)->w2) + sizeof (((NeuronsReferenceMlp *) 0)->b2)
                 + sizeof (((NeuronsReferenceMlp *) 0)->w3) + sizeof (((NeuronsReferenceMlp *) 0)->b3)
                 == NEURONS_N_PARAMETERS * sizeof (double));
G_STATIC_ASSERT (G_STRUCT_OFFSET (NeuronsReferenceMlp, b3) == (NEURONS_N_PARAMETERS - OUT) * sizeof (double));

typedef struct
{
  double input[IN];
  double z1[H1], a1[H1];
  double z2[H2], a2[H2];
  double z3[OUT], a3[OUT];
} ReferenceActivations;

/* out[j] = bias[j] + Σ_i weight[j * n_in + i] · inp[i] */
static void
layer_forward (double       *out,
               const double *inp,
               const double *weight,
               const double *bias,
               guint         n_in,
               guint         n_out)
{
  for (guint j = 0; j < n_out; j++)
    {
      double sum = bias[j];

      for (guint i = 0; i < n_in; i++)
        sum += weight[j * n_in + i] * inp[i];
      out[j] = sum;
    }
}

/* Given dC/dout: dweight[j][i] = dout[j] · inp[i], dbias[j] = dout[j], and, when asked,
 * dinp[i] = Σ_j weight[j][i] · dout[j]. */
static void
layer_backward (double       *dinp,
                double       *dweight,
                double       *dbias,
                const double *dout,
                const double *inp,
                const double *weight,
                guint         n_in,
                guint         n_out)
{
  for (guint j = 0; j < n_out; j++)
    {
      for (guint i = 0; i < n_in; i++)
        dweight[j * n_in + i] = dout[j] * inp[i];
      dbias[j] = dout[j];
    }

  if (dinp == NULL)
    return;

  for (guint i = 0; i < n_in; i++)
    {
      double sum = 0;

      for (guint j = 0; j < n_out; j++)
        sum += weight[j * n_in + i] * dout[j];
      dinp[i] = sum;
    }
}

/* out[j] = act (inp[j]) */
static void
activation_forward (double            *out,
                    const double      *inp,
                    guint              n,
                    NeuronsActivation  activation)
{
  for (guint j = 0; j < n; j++)
    out[j] = neurons_activate (activation, inp[j]);
}

/* dinp[j] = dout[j] · act'(inp[j]); out is act (inp), which gives the sigmoid's slope. */
static void
activation_backward (double            *dinp,
                     const double      *dout,
                     const double      *inp,
                     const double      *out,
                     guint              n,
                     NeuronsActivation  activation)
{
  for (guint j = 0; j < n; j++)
    dinp[j] = dout[j] * neurons_activation_slope (activation, inp[j], out[j]);
}

/* The forward pass; returns C = ½ Σ (a3 − y)². */
static double
reference_forward (const NeuronsReferenceMlp *ref,
                   const guint8              *pixels,
                   guint                      label,
                   ReferenceActivations      *act)
{
  double cost = 0;

  for (guint i = 0; i < IN; i++)
    act->input[i] = pixels[i] / 255.0;

  layer_forward (act->z1, act->input, ref->w1, ref->b1, IN, H1);
  activation_forward (act->a1, act->z1, H1, ref->hidden_activation);
  layer_forward (act->z2, act->a1, ref->w2, ref->b2, H1, H2);
  activation_forward (act->a2, act->z2, H2, ref->hidden_activation);
  layer_forward (act->z3, act->a2, ref->w3, ref->b3, H2, OUT);
  activation_forward (act->a3, act->z3, OUT, NEURONS_ACTIVATION_SIGMOID);

  for (guint o = 0; o < OUT; o++)
    {
      double error = act->a3[o] - (o == label ? 1.0 : 0.0);

      cost += 0.5 * error * error;
    }

  return cost;
}

void
neurons_reference_from_mlp (NeuronsReferenceMlp *reference,
                            const NeuronsMlp    *mlp)
{
  g_return_if_fail (reference != NULL);
  g_return_if_fail (mlp != NULL);

  reference->hidden_activation = mlp->hidden_activation;
  for (guint j = 0; j < H1; j++)
    {
      for (guint i = 0; i < IN; i++)
        reference->w1[j * IN + i] = neurons_mlp_get_weight (mlp, 0, j, i);
      reference->b1[j] = mlp->b1[j];
    }
  for (guint k = 0; k < H2; k++)
    {
      for (guint j = 0; j < H1; j++)
        reference->w2[k * H1 + j] = neurons_mlp_get_weight (mlp, 1, k, j);
      reference->b2[k] = mlp->b2[k];
    }
  for (guint o = 0; o < OUT; o++)
    {
      for (guint k = 0; k < H2; k++)
        reference->w3[o * H2 + k] = neurons_mlp_get_weight (mlp, 2, o, k);
      reference->b3[o] = mlp->b3[o];
    }
}

/* Parameter `index` in the order w1, b1, w2, b2, w3, b3. */
double *
neurons_reference_parameter (NeuronsReferenceMlp *reference,
                             guint                index)
{
  g_return_val_if_fail (index < NEURONS_N_PARAMETERS, NULL);

  return (double *) reference + index;
}

double
neurons_reference_cost (const NeuronsReferenceMlp *reference,
                        const guint8              *pixels,
                        guint                      label)
{
  ReferenceActivations act;

  return reference_forward (reference, pixels, label, &act);
}

/* Backpropagation: fills gradients with dC/dθ for every parameter; returns C. */
double
neurons_reference_gradients (const NeuronsReferenceMlp *reference,
                             const guint8              *pixels,
                             guint                      label,
                             NeuronsReferenceMlp       *gradients)
{
  ReferenceActivations act;
  double da3[OUT], dz3[OUT], da2[H2], dz2[H2], da1[H1], dz1[H1];
  double cost;

  g_return_val_if_fail (label < OUT, NAN);

  cost = reference_forward (reference, pixels, label, &act);
  gradients->hidden_activation = reference->hidden_activation;

  /* dC/da3 = a3 − y */
  for (guint o = 0; o < OUT; o++)
    da3[o] = act.a3[o] - (o == label ? 1.0 : 0.0);

  /* Output layer, then back through each hidden layer */
  activation_backward (dz3, da3, act.z3, act.a3, OUT, NEURONS_ACTIVATION_SIGMOID);
  layer_backward (da2, gradients->w3, gradients->b3, dz3, act.a2, reference->w3, H2, OUT);
  activation_backward (dz2, da2, act.z2, act.a2, H2, reference->hidden_activation);
  layer_backward (da1, gradients->w2, gradients->b2, dz2, act.a1, reference->w2, H1, H2);
  activation_backward (dz1, da1, act.z1, act.a1, H1, reference->hidden_activation);
  layer_backward (NULL, gradients->w1, gradients->b1, dz1, act.input, reference->w1, IN, H1);

  return cost;
}

/* θ −= η · dC/dθ; returns C before the step. */
double
neurons_reference_train_sample (NeuronsReferenceMlp *reference,
                                const guint8        *pixels,
                                guint                label,
                                double               learning_rate)
{
  g_autofree NeuronsReferenceMlp *gradients = g_new (NeuronsReferenceMlp, 1);
  double cost = neurons_reference_gradients (reference, pixels, label, gradients);

  for (guint p = 0; p < NEURONS_N_PARAMETERS; p++)
    *neurons_reference_parameter (reference, p) -= learning_rate * *neurons_reference_parameter (gradients, p);

  return cost;
}
