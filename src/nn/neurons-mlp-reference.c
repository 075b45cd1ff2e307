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
  double z1[H1], a1[H1], d1[H1];   /* d: after dropout, what the layer above sees */
  double z2[H2], a2[H2], d2[H2];
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

/* out[j] = inp[j] · keep[j]: inverted dropout, or a copy when keep is NULL */
static void
dropout_forward (double       *out,
                 const double *inp,
                 const double *keep,
                 guint         n)
{
  for (guint j = 0; j < n; j++)
    out[j] = keep != NULL ? inp[j] * keep[j] : inp[j];
}

/* dinp[j] = dout[j] · keep[j] */
static void
dropout_backward (double       *dinp,
                  const double *dout,
                  const double *keep,
                  guint         n)
{
  dropout_forward (dinp, dout, keep, n);
}

/* out = softmax (inp) = e^(inp − max) / Σ e^(inp − max) */
static void
softmax_forward (double       *out,
                 const double *inp,
                 guint         n)
{
  double largest = inp[0], sum = 0;

  for (guint j = 1; j < n; j++)
    largest = MAX (largest, inp[j]);
  for (guint j = 0; j < n; j++)
    sum += out[j] = exp (inp[j] - largest);
  for (guint j = 0; j < n; j++)
    out[j] /= sum;
}

/* The forward pass; returns C = ½ Σ (a3 − y)² after sigmoid outputs, C = −log a3[label] after
 * a softmax, plus λ/2 Σ w² over the weights. */
static double
reference_forward (const NeuronsReferenceMlp            *ref,
                   const guint8                         *pixels,
                   guint                                 label,
                   const NeuronsReferenceRegularization *regularization,
                   ReferenceActivations                 *act)
{
  const double *keep1 = regularization != NULL ? regularization->keep1 : NULL;
  const double *keep2 = regularization != NULL ? regularization->keep2 : NULL;
  double cost = 0;

  for (guint i = 0; i < IN; i++)
    act->input[i] = pixels[i] / 255.0;

  layer_forward (act->z1, act->input, ref->w1, ref->b1, IN, H1);
  activation_forward (act->a1, act->z1, H1, ref->hidden_activation);
  dropout_forward (act->d1, act->a1, keep1, H1);
  layer_forward (act->z2, act->d1, ref->w2, ref->b2, H1, H2);
  activation_forward (act->a2, act->z2, H2, ref->hidden_activation);
  dropout_forward (act->d2, act->a2, keep2, H2);
  layer_forward (act->z3, act->d2, ref->w3, ref->b3, H2, OUT);

  if (ref->output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    {
      softmax_forward (act->a3, act->z3, OUT);
      cost = -log (act->a3[label]);
    }
  else
    {
      activation_forward (act->a3, act->z3, OUT, NEURONS_ACTIVATION_SIGMOID);
      for (guint o = 0; o < OUT; o++)
        {
          double error = act->a3[o] - (o == label ? 1.0 : 0.0);

          cost += 0.5 * error * error;
        }
    }

  if (regularization != NULL && regularization->l2 > 0)
    {
      double sum = 0;

      for (guint p = 0; p < G_N_ELEMENTS (ref->w1); p++)
        sum += ref->w1[p] * ref->w1[p];
      for (guint p = 0; p < G_N_ELEMENTS (ref->w2); p++)
        sum += ref->w2[p] * ref->w2[p];
      for (guint p = 0; p < G_N_ELEMENTS (ref->w3); p++)
        sum += ref->w3[p] * ref->w3[p];
      cost += 0.5 * regularization->l2 * sum;
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
  reference->output = mlp->output;
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
  return neurons_reference_cost_regularized (reference, pixels, label, NULL);
}

double
neurons_reference_cost_regularized (const NeuronsReferenceMlp            *reference,
                                    const guint8                         *pixels,
                                    guint                                 label,
                                    const NeuronsReferenceRegularization *regularization)
{
  ReferenceActivations act;

  return reference_forward (reference, pixels, label, regularization, &act);
}

/* Backpropagation: fills gradients with dC/dθ for every parameter; returns C. */
double
neurons_reference_gradients (const NeuronsReferenceMlp *reference,
                             const guint8              *pixels,
                             guint                      label,
                             NeuronsReferenceMlp       *gradients)
{
  return neurons_reference_gradients_regularized (reference, pixels, label, NULL, gradients);
}

double
neurons_reference_gradients_regularized (const NeuronsReferenceMlp            *reference,
                                         const guint8                         *pixels,
                                         guint                                 label,
                                         const NeuronsReferenceRegularization *regularization,
                                         NeuronsReferenceMlp                  *gradients)
{
  const double *keep1 = regularization != NULL ? regularization->keep1 : NULL;
  const double *keep2 = regularization != NULL ? regularization->keep2 : NULL;
  ReferenceActivations act;
  double dz3[OUT], dd2[H2], da2[H2], dz2[H2], dd1[H1], da1[H1], dz1[H1];
  double cost;

  g_return_val_if_fail (label < OUT, NAN);

  cost = reference_forward (reference, pixels, label, regularization, &act);
  gradients->hidden_activation = reference->hidden_activation;
  gradients->output = reference->output;

  if (reference->output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    {
      /* Softmax and cross-entropy together: dC/dz3 = a3 − y */
      for (guint o = 0; o < OUT; o++)
        dz3[o] = act.a3[o] - (o == label ? 1.0 : 0.0);
    }
  else
    {
      double da3[OUT];

      /* dC/da3 = a3 − y, then through the sigmoid */
      for (guint o = 0; o < OUT; o++)
        da3[o] = act.a3[o] - (o == label ? 1.0 : 0.0);
      activation_backward (dz3, da3, act.z3, act.a3, OUT, NEURONS_ACTIVATION_SIGMOID);
    }

  /* Output layer, then back through each dropout and hidden layer */
  layer_backward (dd2, gradients->w3, gradients->b3, dz3, act.d2, reference->w3, H2, OUT);
  dropout_backward (da2, dd2, keep2, H2);
  activation_backward (dz2, da2, act.z2, act.a2, H2, reference->hidden_activation);
  layer_backward (dd1, gradients->w2, gradients->b2, dz2, act.d1, reference->w2, H1, H2);
  dropout_backward (da1, dd1, keep1, H1);
  activation_backward (dz1, da1, act.z1, act.a1, H1, reference->hidden_activation);
  layer_backward (NULL, gradients->w1, gradients->b1, dz1, act.input, reference->w1, IN, H1);

  /* L2: d(λ/2 Σ w²)/dw = λ w */
  if (regularization != NULL && regularization->l2 > 0)
    {
      for (guint p = 0; p < G_N_ELEMENTS (reference->w1); p++)
        gradients->w1[p] += regularization->l2 * reference->w1[p];
      for (guint p = 0; p < G_N_ELEMENTS (reference->w2); p++)
        gradients->w2[p] += regularization->l2 * reference->w2[p];
      for (guint p = 0; p < G_N_ELEMENTS (reference->w3); p++)
        gradients->w3[p] += regularization->l2 * reference->w3[p];
    }

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

/*
 * One optimiser step from a gradient (averaged over the batch, L2 included), every parameter
 * alike, as in neurons-optimizer.c:
 *   sgd       θ −= η g
 *   momentum  v = β v + g;  θ −= η v
 *   adam      m = β₁ m + (1 − β₁) g;  v = β₂ v + (1 − β₂) g²;
 *             θ −= η / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 */
void
neurons_reference_optimizer_step (NeuronsReferenceMlp          *reference,
                                  NeuronsReferenceOptimizer    *state,
                                  const NeuronsReferenceMlp    *gradient,
                                  const NeuronsTrainingOptions *options,
                                  double                        learning_rate)
{
  double beta1 = options->momentum, beta2 = options->beta2;
  double correction1, root_correction2;

  state->n_updates++;
  correction1 = 1 - pow (beta1, (double) state->n_updates);
  root_correction2 = sqrt (1 - pow (beta2, (double) state->n_updates));

  for (guint p = 0; p < NEURONS_N_PARAMETERS; p++)
    {
      double *theta = neurons_reference_parameter (reference, p);
      double g = *neurons_reference_parameter ((NeuronsReferenceMlp *) gradient, p);
      double *m = neurons_reference_parameter (&state->first_moment, p);
      double *v = neurons_reference_parameter (&state->second_moment, p);

      switch (options->optimizer)
        {
        case NEURONS_OPTIMIZER_MOMENTUM:
          *m = beta1 * *m + g;
          *theta -= learning_rate * *m;
          break;
        case NEURONS_OPTIMIZER_ADAM:
          *m = beta1 * *m + (1 - beta1) * g;
          *v = beta2 * *v + (1 - beta2) * g * g;
          *theta -= learning_rate / correction1 * *m / (sqrt (*v) / root_correction2 + options->epsilon);
          break;
        case NEURONS_OPTIMIZER_SGD:
        default:
          *theta -= learning_rate * g;
          break;
        }
    }
}

/* One step on a batch of n_samples: the gradients averaged, then the optimiser's step.
 * keep, if given, holds each sample's two dropout factors, keep[2 s] and keep[2 s + 1].
 * Returns the average cost before the step. */
double
neurons_reference_train_batch (NeuronsReferenceMlp          *reference,
                               NeuronsReferenceOptimizer    *state,
                               const guint8 * const         *pixels,
                               const guint                  *labels,
                               const double * const         *keep,
                               guint                         n_samples,
                               const NeuronsTrainingOptions *options,
                               double                        learning_rate)
{
  g_autofree NeuronsReferenceMlp *sum = g_new0 (NeuronsReferenceMlp, 1);
  g_autofree NeuronsReferenceMlp *gradients = g_new (NeuronsReferenceMlp, 1);
  double cost = 0;

  g_return_val_if_fail (n_samples > 0, NAN);

  for (guint s = 0; s < n_samples; s++)
    {
      NeuronsReferenceRegularization regularization = {
        keep != NULL ? keep[2 * s] : NULL, keep != NULL ? keep[2 * s + 1] : NULL, options->l2
      };

      cost += neurons_reference_gradients_regularized (reference, pixels[s], labels[s],
                                                       &regularization, gradients);
      for (guint p = 0; p < NEURONS_N_PARAMETERS; p++)
        *neurons_reference_parameter (sum, p) += *neurons_reference_parameter (gradients, p) / n_samples;
    }

  neurons_reference_optimizer_step (reference, state, sum, options, learning_rate);
  return cost / n_samples;
}
