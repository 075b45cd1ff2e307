/* neurons-sgd.c: per-sample SGD over a training set, the loop that every trainer runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-sgd"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

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
  return sgd;
}

void
neurons_sgd_free (NeuronsSgd *sgd)
{
  if (sgd == NULL)
    return;

  neurons_dataset_unref (sgd->dataset);
  g_clear_pointer (&sgd->ink, neurons_ink_list_free);
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

/*
 * Trains mlp on the next n_samples samples, one SGD step each, and returns TRUE; or FALSE as
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
          cost = neurons_mlp_train_ink (mlp, sgd->ink, index, sgd->dataset->labels[index],
                                        learning_rate);
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
  cost = neurons_mlp_train_sample (mlp, neurons_dataset_image (sgd->dataset, index),
                                   sgd->dataset->labels[index], learning_rate, forward, backward);

  return count_step (sgd, cost) && neurons_mlp_is_finite (mlp);
}
