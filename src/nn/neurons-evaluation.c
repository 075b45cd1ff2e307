/* neurons-evaluation.c: a network run over a whole dataset, counting what it gets right and wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-evaluation"

#include "config.h"

#include <string.h>

#include "neurons-evaluation.h"

void
neurons_evaluate (const NeuronsMlp     *mlp,
                  const NeuronsDataset *dataset,
                  NeuronsEvaluation    *evaluation)
{
  neurons_evaluate_with_predictions (mlp, dataset, evaluation, NULL);
}

/* As neurons_evaluate(), and stores each sample's prediction in predictions (n_images
 * bytes) when it is not NULL, for finding the images behind a cell of the confusion matrix. */
void
neurons_evaluate_with_predictions (const NeuronsMlp     *mlp,
                                   const NeuronsDataset *dataset,
                                   NeuronsEvaluation    *evaluation,
                                   guint8               *predictions)
{
  neurons_evaluate_lesioned (mlp, NULL, dataset, evaluation, predictions);
}

/*
 * As neurons_evaluate_with_predictions(), with @lesion's neurons silenced (none when %NULL).
 * A first-layer neuron counts as dead by what it would say, silenced or not.
 */
void
neurons_evaluate_lesioned (const NeuronsMlp     *mlp,
                           const NeuronsLesion  *lesion,
                           const NeuronsDataset *dataset,
                           NeuronsEvaluation    *evaluation,
                           guint8               *predictions)
{
  gboolean lesioned = !neurons_lesion_is_empty (lesion);
  gboolean fired[NEURONS_HIDDEN1_SIZE] = { FALSE };

  g_return_if_fail (mlp != NULL);
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (evaluation != NULL);

  memset (evaluation, 0, sizeof *evaluation);
  evaluation->n_samples = dataset->n_images;

  for (guint s = 0; s < dataset->n_images; s++)
    {
      NeuronsForward forward;
      guint label = dataset->labels[s];

      neurons_mlp_forward (mlp, neurons_dataset_image (dataset, s), &forward);
      for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
        fired[j] |= forward.a1[j] > 0;
      if (lesioned)
        neurons_lesion_apply (mlp, lesion, &forward);

      evaluation->per_digit_total[label]++;
      evaluation->confusion[label][forward.prediction]++;
      if (predictions != NULL)
        predictions[s] = (guint8) forward.prediction;
      if (forward.prediction == label)
        {
          evaluation->n_correct++;
          evaluation->per_digit_correct[label]++;
        }
    }

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    evaluation->dead_hidden1 += !fired[j];
}

double
neurons_evaluation_accuracy (const NeuronsEvaluation *evaluation)
{
  g_return_val_if_fail (evaluation != NULL, 0);

  if (evaluation->n_samples == 0)
    return 0;
  return (double) evaluation->n_correct / evaluation->n_samples;
}

/* The test panel: the first NEURONS_PANEL_PER_DIGIT test images of each digit, digit by digit.
 * Returns how many were found (NEURONS_PANEL_SIZE for any real test set). */
guint
neurons_test_panel_indices (const NeuronsDataset *test,
                            guint                *indices)
{
  guint found[NEURONS_OUTPUT_SIZE] = { 0 };
  guint n = 0;

  g_return_val_if_fail (test != NULL, 0);
  g_return_val_if_fail (indices != NULL, 0);

  for (guint s = 0; s < test->n_images && n < NEURONS_PANEL_SIZE; s++)
    {
      guint label = test->labels[s];

      if (found[label] < NEURONS_PANEL_PER_DIGIT)
        {
          indices[label * NEURONS_PANEL_PER_DIGIT + found[label]] = s;
          found[label]++;
          n++;
        }
    }

  return n;
}
