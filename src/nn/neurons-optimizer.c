/* neurons-optimizer.c: the step a batch's gradient makes: SGD, momentum or Adam
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-optimizer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-optimizer.h"

/*
 * The kernel gathers a batch's gradient sample by sample into state->gradient (sparsely: only
 * the inked pixels' rows of w1t). Here, once per batch, every parameter takes its step from the
 * average, and the gradient is cleared for the next batch. The parameters are walked as flat
 * arrays, each with the same array of the moments and of the gradient beside it, so that a
 * batch of 32 pays for the 13 002 updates once. The formulas are PyTorch's (torch.optim.SGD
 * with dampening 0, torch.optim.Adam), L2 coupled as its weight_decay, on the weights only:
 *
 *   g = Σ dC/dθ / B + λ θ
 *   sgd       θ −= η g
 *   momentum  v = β v + g;  θ −= η v
 *   adam      m = β₁ m + (1 − β₁) g;  v = β₂ v + (1 − β₂) g²;
 *             θ −= η / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 *
 * neurons-mlp-reference.c has the same in double precision; tests/test-mlp.c holds them together.
 */

typedef struct
{
  float scale;          /* 1 / B */
  float l2;             /* λ, or 0 for a bias */
  float learning_rate;  /* η, or η / (1 − β₁ᵗ) for Adam */
  float beta1, beta2;
  float one_minus_beta1, one_minus_beta2;
  float root_correction2;  /* √(1 − β₂ᵗ) */
  float epsilon;
} StepConstants;

/* Clones for the wider vector units, as the kernel has. This file is built without
 * math-errno (src/nn/meson.build), so that the square roots become vector instructions. The
 * constants are read into locals first: they are floats too, and the compiler would
 * otherwise reload them after every store. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
# define VECTOR_MATH __attribute__ ((target_clones ("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
# define VECTOR_MATH
#endif

static VECTOR_MATH void
sgd_update (float               *restrict theta,
            float               *restrict gradient,
            gsize                n,
            const StepConstants *c)
{
  const float scale = c->scale, l2 = c->l2, learning_rate = c->learning_rate;

  for (gsize i = 0; i < n; i++)
    {
      float g = gradient[i] * scale + l2 * theta[i];

      theta[i] -= learning_rate * g;
      gradient[i] = 0;
    }
}

static VECTOR_MATH void
momentum_update (float               *restrict theta,
                 float               *restrict velocity,
                 float               *restrict gradient,
                 gsize                n,
                 const StepConstants *c)
{
  const float scale = c->scale, l2 = c->l2, learning_rate = c->learning_rate, beta1 = c->beta1;

  for (gsize i = 0; i < n; i++)
    {
      float g = gradient[i] * scale + l2 * theta[i];

      velocity[i] = beta1 * velocity[i] + g;
      theta[i] -= learning_rate * velocity[i];
      gradient[i] = 0;
    }
}

static VECTOR_MATH void
adam_update (float               *restrict theta,
             float               *restrict m,
             float               *restrict v,
             float               *restrict gradient,
             gsize                n,
             const StepConstants *c)
{
  const float scale = c->scale, l2 = c->l2, learning_rate = c->learning_rate;
  const float beta1 = c->beta1, beta2 = c->beta2;
  const float one_minus_beta1 = c->one_minus_beta1, one_minus_beta2 = c->one_minus_beta2;
  const float root_correction2 = c->root_correction2, epsilon = c->epsilon;

  for (gsize i = 0; i < n; i++)
    {
      float g = gradient[i] * scale + l2 * theta[i];

      m[i] = beta1 * m[i] + one_minus_beta1 * g;
      v[i] = beta2 * v[i] + one_minus_beta2 * (g * g);
      theta[i] -= learning_rate * (m[i] / (sqrtf (v[i]) / root_correction2 + epsilon));
      gradient[i] = 0;
    }
}

static void
update (NeuronsOptimizer     optimizer,
        float               *theta,
        float               *first,
        float               *second,
        float               *gradient,
        gsize                n,
        const StepConstants *constants)
{
  switch (optimizer)
    {
    case NEURONS_OPTIMIZER_MOMENTUM:
      momentum_update (theta, first, gradient, n, constants);
      break;
    case NEURONS_OPTIMIZER_ADAM:
      adam_update (theta, first, second, gradient, n, constants);
      break;
    case NEURONS_OPTIMIZER_SGD:
    default:
      sgd_update (theta, gradient, n, constants);
      break;
    }
}

/* One step from the gradient gathered in state, of state->batch_filled samples; then the
 * next batch begins. */
void
neurons_optimizer_step (NeuronsMlp                   *mlp,
                        NeuronsOptimizerState        *state,
                        const NeuronsTrainingOptions *options,
                        float                         learning_rate)
{
  StepConstants weights, biases;
  NeuronsMlp *m, *v, *g;

  g_return_if_fail (mlp != NULL);
  g_return_if_fail (state != NULL);
  g_return_if_fail (options != NULL);

  if (state->batch_filled == 0)
    return;

  state->n_updates++;
  weights = (StepConstants) {
    .scale = 1.0f / state->batch_filled,
    .l2 = (float) options->l2,
    .learning_rate = learning_rate,
    .beta1 = (float) options->momentum,
    .beta2 = (float) options->beta2,
    .one_minus_beta1 = (float) (1 - options->momentum),
    .one_minus_beta2 = (float) (1 - options->beta2),
    .root_correction2 = 1,
    .epsilon = (float) options->epsilon,
  };
  if (options->optimizer == NEURONS_OPTIMIZER_ADAM)
    {
      double t = (double) state->n_updates;

      weights.learning_rate = (float) (learning_rate / (1 - pow (options->momentum, t)));
      weights.root_correction2 = (float) sqrt (1 - pow (options->beta2, t));
    }
  biases = weights;
  biases.l2 = 0;

  m = &state->first_moment;
  v = &state->second_moment;
  g = &state->gradient;
  update (options->optimizer, mlp->w1t, m->w1t, v->w1t, g->w1t, G_N_ELEMENTS (mlp->w1t), &weights);
  update (options->optimizer, mlp->b1, m->b1, v->b1, g->b1, G_N_ELEMENTS (mlp->b1), &biases);
  update (options->optimizer, mlp->w2, m->w2, v->w2, g->w2, G_N_ELEMENTS (mlp->w2), &weights);
  update (options->optimizer, mlp->b2, m->b2, v->b2, g->b2, G_N_ELEMENTS (mlp->b2), &biases);
  update (options->optimizer, mlp->w3, m->w3, v->w3, g->w3, G_N_ELEMENTS (mlp->w3), &weights);
  update (options->optimizer, mlp->b3, m->b3, v->b3, g->b3, G_N_ELEMENTS (mlp->b3), &biases);
  state->batch_filled = 0;
}
