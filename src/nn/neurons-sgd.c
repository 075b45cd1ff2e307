/* neurons-sgd.c: SGD over a training set, the loop that every trainer runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-sgd"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "neurons-augment.h"
#include "neurons-optimizer.h"
#include "neurons-random.h"
#include "neurons-sgd.h"

G_DEFINE_QUARK (neurons-training-error-quark, neurons_training_error)

/* The rates that work for per-sample SGD with the quadratic cost: Sigmoid's slope is at most
 * 0.25, so its gradients arrive weakened and it wants the larger step. */
double
neurons_default_learning_rate (NeuronsActivation hidden_activation)
{
  return hidden_activation == NEURONS_ACTIVATION_RELU ? 0.05 : 0.30;
}

NeuronsInit
neurons_suggested_init (NeuronsActivation hidden_activation)
{
  return hidden_activation == NEURONS_ACTIVATION_RELU ? NEURONS_INIT_HE : NEURONS_INIT_XAVIER;
}

gboolean
neurons_validate_learning_rate (double   learning_rate,
                                GError **error)
{
  if (isfinite (learning_rate) && learning_rate > 0)
    return TRUE;

  g_set_error (error, NEURONS_TRAINING_ERROR, NEURONS_TRAINING_ERROR_LEARNING_RATE,
               _("The learning rate must be a number above zero, not %g"), learning_rate);
  return FALSE;
}

/* The order in which epoch `epoch` visits the samples: a shuffle that depends only on the seed
 * and the epoch, so that training can stop and resume anywhere and still see the same order. */
void
neurons_epoch_order (guint64  seed,
                     guint64  epoch,
                     guint32 *order,
                     guint    n_samples)
{
  NeuronsRandom random;

  g_return_if_fail (order != NULL || n_samples == 0);

  for (guint i = 0; i < n_samples; i++)
    order[i] = i;

  /* A different stream from the one that drew the initial weights */
  neurons_random_init (&random, seed ^ (G_GUINT64_CONSTANT (0x5eed0f0e90c4) + epoch * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)));
  neurons_random_shuffle (&random, order, n_samples);
}

/* sequential, or the shuffle of neurons_epoch_order() */
static void
fill_order (NeuronsSgd *sgd,
            guint64     epoch)
{
  guint n = sgd->dataset->n_images;

  if (sgd->sample_order == NEURONS_SAMPLE_ORDER_SEQUENTIAL)
    for (guint i = 0; i < n; i++)
      sgd->order[i] = i;
  else
    neurons_epoch_order (sgd->seed, epoch, sgd->order, n);
  sgd->order_epoch = epoch;
}

/* The order of `epoch`, drawn once per epoch. */
static const guint32 *
epoch_order (NeuronsSgd *sgd,
             guint64     epoch)
{
  if (sgd->order_epoch != epoch)
    fill_order (sgd, epoch);
  return sgd->order;
}

/* A run over `train` from its first sample. The ink lists are gathered by the first
 * neurons_sgd_train(), on the thread that trains. */
NeuronsSgd *
neurons_sgd_new (NeuronsDataset     *train,
                 guint64             seed,
                 NeuronsSampleOrder  sample_order)
{
  NeuronsSgd *sgd;

  g_return_val_if_fail (train != NULL && train->n_images > 0, NULL);

  sgd = g_new0 (NeuronsSgd, 1);
  sgd->dataset = neurons_dataset_ref (train);
  sgd->seed = seed;
  sgd->sample_order = sample_order;
  sgd->order = g_new (guint32, train->n_images);
  sgd->order_epoch = G_MAXUINT64;
  sgd->state = neurons_optimizer_state_new ();
  neurons_training_options_init (&sgd->options);
  sgd->plain = TRUE;
  return sgd;
}

/* How to train from now on. The optimiser's state stays as it is: a run that changes its
 * options midway clears it with neurons_sgd_set_optimizer_state() if it wants a fresh start. */
void
neurons_sgd_set_options (NeuronsSgd                   *sgd,
                         const NeuronsTrainingOptions *options)
{
  g_return_if_fail (sgd != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (neurons_training_options_validate (options, NULL));

  sgd->options = *options;
  sgd->plain = neurons_training_options_is_default (options);
}

/* The optimiser's moments and the batch begun, to save or to keep in a checkpoint. */
const NeuronsOptimizerState *
neurons_sgd_get_optimizer_state (NeuronsSgd *sgd)
{
  g_return_val_if_fail (sgd != NULL, NULL);

  return sgd->state;
}

/* Goes on from a saved state; NULL starts afresh. */
void
neurons_sgd_set_optimizer_state (NeuronsSgd                  *sgd,
                                 const NeuronsOptimizerState *state)
{
  g_return_if_fail (sgd != NULL);

  if (state != NULL)
    memcpy (sgd->state, state, sizeof *state);
  else
    neurons_optimizer_state_reset (sgd->state);
}

void
neurons_sgd_free (NeuronsSgd *sgd)
{
  if (sgd == NULL)
    return;

  neurons_dataset_unref (sgd->dataset);
  g_clear_pointer (&sgd->ink, neurons_ink_list_free);
  neurons_optimizer_state_free (sgd->state);
  g_free (sgd->order);
  g_free (sgd);
}

/* Goes on from a network that has seen samples_seen samples of the run with this seed. */
void
neurons_sgd_resume (NeuronsSgd *sgd,
                    guint64     seed,
                    guint64     samples_seen,
                    double      running_cost)
{
  g_return_if_fail (sgd != NULL);

  if (sgd->seed != seed)
    {
      sgd->seed = seed;
      sgd->order_epoch = G_MAXUINT64;
    }
  sgd->samples_seen = samples_seen;
  sgd->running_cost = running_cost;
}

/* The dataset index of sample number `sample` of the run (counting from the first). */
guint
neurons_sgd_sample_index (NeuronsSgd *sgd,
                          guint64     sample)
{
  guint n;

  g_return_val_if_fail (sgd != NULL, 0);

  n = sgd->dataset->n_images;
  return epoch_order (sgd, sample / n)[sample % n];
}

/* Takes the step of one sample, and the running cost with it; FALSE if the cost is not finite. */
static inline gboolean
count_step (NeuronsSgd *sgd,
            float       cost)
{
  if (!isfinite (cost))
    {
      sgd->samples_seen++;
      return FALSE;
    }

  sgd->running_cost = neurons_running_cost_update (sgd->running_cost, sgd->samples_seen, cost);
  sgd->samples_seen++;
  return TRUE;
}

/* Whether each sample's gradient waits in the optimiser's state for a step later. */
static gboolean
gathers_gradient (const NeuronsTrainingOptions *options)
{
  return neurons_training_options_needs_state (options) || options->l2 > 0;
}

/*
 * Trains on sample number sgd->samples_seen, dataset image `index`, with every option: the
 * image moved and the hidden neurons dropped as drawn for this sample; a step at once, or the
 * gradient gathered and the step taken when the batch is full. The rate comes from the
 * schedule at the batch's first sample. Returns the cost; forward and backward, if given,
 * receive what the sample computed.
 */
static float
train_with_options (NeuronsSgd      *sgd,
                    NeuronsMlp      *mlp,
                    guint            index,
                    float            base_rate,
                    NeuronsForward  *forward,
                    NeuronsBackward *backward)
{
  const NeuronsTrainingOptions *options = &sgd->options;
  guint64 sample = sgd->samples_seen;
  const guint8 *pixels = neurons_dataset_image (sgd->dataset, index);
  guint8 moved[NEURONS_INPUT_SIZE];
  guint16 gathered_indices[NEURONS_INPUT_SIZE];
  guint8 gathered_values[NEURONS_INPUT_SIZE];
  float keep1[NEURONS_HIDDEN1_SIZE], keep2[NEURONS_HIDDEN2_SIZE];
  NeuronsSampleStep step = { 0 };
  const guint16 *indices;
  const guint8 *values;
  NeuronsRandom random;
  guint n_ink;
  float cost;

  if (options->dropout > 0 || neurons_augment_is_on (options))
    neurons_sample_random (&random, sgd->seed, sample);

  if (neurons_augment_is_on (options))
    {
      neurons_augment_image (moved, pixels, options, &random);
      pixels = moved;
    }

  if (pixels == moved || sgd->ink == NULL)
    {
      n_ink = neurons_mlp_gather_ink (pixels, gathered_indices, gathered_values);
      indices = gathered_indices;
      values = gathered_values;
    }
  else
    {
      guint32 start = sgd->ink->offsets[index];

      n_ink = sgd->ink->offsets[index + 1] - start;
      indices = sgd->ink->indices + start;
      values = sgd->ink->values + start;
    }

  if (options->dropout > 0)
    {
      neurons_dropout_mask (keep1, NEURONS_HIDDEN1_SIZE, options->dropout, &random);
      neurons_dropout_mask (keep2, NEURONS_HIDDEN2_SIZE, options->dropout, &random);
      step.keep1 = keep1;
      step.keep2 = keep2;
    }

  if (gathers_gradient (options))
    step.gradient = &sgd->state->gradient;
  else
    step.learning_rate = (float) neurons_training_options_learning_rate (options, base_rate, sample);

  cost = neurons_mlp_train_sparse (mlp, indices, values, n_ink, sgd->dataset->labels[index],
                                   &step, forward, backward);

  if (step.gradient != NULL && ++sgd->state->batch_filled == options->batch_size)
    {
      guint64 first = sample + 1 - options->batch_size;

      neurons_optimizer_step (mlp, sgd->state, options,
                              (float) neurons_training_options_learning_rate (options, base_rate, first));
    }

  if (forward != NULL)
    for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
      forward->input[i] = neurons_input_scale (pixels[i]);

  return cost;
}

/*
 * Trains mlp on the next n_samples samples as the options say, and returns TRUE; or FALSE as
 * soon as it diverges: a cost that is not finite, or at the end a weight that is not (a weight
 * can overflow while the sigmoid outputs, and so the cost, stay finite). The weights are then
 * no good, and samples_seen counts the steps up to the one that showed it.
 */
gboolean
neurons_sgd_train (NeuronsSgd *sgd,
                   NeuronsMlp *mlp,
                   float       learning_rate,
                   guint64     n_samples)
{
  guint n;
  guint64 end;

  g_return_val_if_fail (sgd != NULL, FALSE);
  g_return_val_if_fail (mlp != NULL, FALSE);

  n = sgd->dataset->n_images;
  end = sgd->samples_seen + n_samples;
  if (sgd->ink == NULL)
    sgd->ink = neurons_ink_list_new (sgd->dataset->pixels, n);

  while (sgd->samples_seen < end)
    {
      const guint32 *order = epoch_order (sgd, sgd->samples_seen / n);
      guint position = (guint) (sgd->samples_seen % n);
      guint stop = (guint) MIN (n, position + (end - sgd->samples_seen));

      for (; position < stop; position++)
        {
          guint index = order[position];
          float cost;

          /* An image's ink list is a cache miss in shuffled order: ask for the next one early */
          if (position + 1 < n)
            neurons_ink_list_prefetch (sgd->ink, order[position + 1]);
          if (sgd->plain)
            cost = neurons_mlp_train_ink (mlp, sgd->ink, index, sgd->dataset->labels[index],
                                          learning_rate);
          else
            cost = train_with_options (sgd, mlp, index, learning_rate, NULL, NULL);
          if (!count_step (sgd, cost))
            return FALSE;
        }
    }

  return neurons_mlp_is_finite (mlp);
}

/* One step, on the next sample, that shows what it did: forward and backward receive its
 * activations and errors. Returns FALSE if it diverged, as neurons_sgd_train(). */
gboolean
neurons_sgd_step (NeuronsSgd      *sgd,
                  NeuronsMlp      *mlp,
                  float            learning_rate,
                  NeuronsForward  *forward,
                  NeuronsBackward *backward)
{
  guint index;
  float cost;

  g_return_val_if_fail (sgd != NULL, FALSE);
  g_return_val_if_fail (mlp != NULL, FALSE);

  index = neurons_sgd_sample_index (sgd, sgd->samples_seen);
  if (sgd->plain)
    cost = neurons_mlp_train_sample (mlp, neurons_dataset_image (sgd->dataset, index),
                                     sgd->dataset->labels[index], learning_rate, forward, backward);
  else
    cost = train_with_options (sgd, mlp, index, learning_rate, forward, backward);

  return count_step (sgd, cost) && neurons_mlp_is_finite (mlp);
}
