/* neurons-evaluation.h: one network measured on a whole dataset: accuracy, per digit, confusion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "neurons-dataset.h"
#include "neurons-lesion.h"
#include "neurons-mlp.h"

G_BEGIN_DECLS

/* The test panel: the first 9 test images of each digit. */
#define NEURONS_PANEL_PER_DIGIT   9
#define NEURONS_PANEL_SIZE        (NEURONS_PANEL_PER_DIGIT * NEURONS_OUTPUT_SIZE)

typedef struct
{
  guint n_samples;
  guint n_correct;
  guint per_digit_total[NEURONS_OUTPUT_SIZE];
  guint per_digit_correct[NEURONS_OUTPUT_SIZE];
  guint confusion[NEURONS_OUTPUT_SIZE][NEURONS_OUTPUT_SIZE];  /* [true label][prediction] */
  guint dead_hidden1;          /* first-layer neurons that fire for none of the samples */
} NeuronsEvaluation;

void     neurons_evaluate                  (const NeuronsMlp        *mlp,
                                            const NeuronsDataset    *dataset,
                                            NeuronsEvaluation       *evaluation);
void     neurons_evaluate_with_predictions (const NeuronsMlp        *mlp,
                                            const NeuronsDataset    *dataset,
                                            NeuronsEvaluation       *evaluation,
                                            guint8                  *predictions);
void     neurons_evaluate_lesioned         (const NeuronsMlp        *mlp,
                                            const NeuronsLesion     *lesion,
                                            const NeuronsDataset    *dataset,
                                            NeuronsEvaluation       *evaluation,
                                            guint8                  *predictions);
double   neurons_evaluation_accuracy       (const NeuronsEvaluation *evaluation);
guint    neurons_test_panel_indices        (const NeuronsDataset    *test,
                                            guint                   *indices);

G_END_DECLS
