/* neurons-training.h: what training and evaluation share beyond one sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "neurons-dataset.h"
#include "neurons-mlp.h"

G_BEGIN_DECLS

#define NEURONS_TRAINING_ERROR (neurons_training_error_quark ())

typedef enum
{
  NEURONS_TRAINING_ERROR_LEARNING_RATE,  /* not a finite number above zero */
  NEURONS_TRAINING_ERROR_DIVERGED,       /* the weights became NaN or infinite */
} NeuronsTrainingError;

#define NEURONS_LEARNING_RATE_MIN 0.001
#define NEURONS_LEARNING_RATE_MAX 10.0
#define NEURONS_DEFAULT_SEED      7

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

/* The running cost shown while training: an exponential average over roughly the last 100
 * samples. */
static inline double
neurons_running_cost_update (double  running_cost,
                             guint64 samples_seen,
                             double  cost)
{
  return samples_seen == 0 ? cost : running_cost + 0.01 * (cost - running_cost);
}

GQuark   neurons_training_error_quark      (void);

double   neurons_default_learning_rate     (NeuronsActivation        hidden_activation);
NeuronsInit neurons_suggested_init         (NeuronsActivation        hidden_activation);
gboolean neurons_validate_learning_rate    (double                   learning_rate,
                                            GError                 **error);

void     neurons_epoch_order               (guint64                  seed,
                                            guint64                  epoch,
                                            guint32                 *order,
                                            guint                    n_samples);

void     neurons_evaluate                  (const NeuronsMlp        *mlp,
                                            const NeuronsDataset    *dataset,
                                            NeuronsEvaluation       *evaluation);
void     neurons_evaluate_with_predictions (const NeuronsMlp        *mlp,
                                            const NeuronsDataset    *dataset,
                                            NeuronsEvaluation       *evaluation,
                                            guint8                  *predictions);
double   neurons_evaluation_accuracy       (const NeuronsEvaluation *evaluation);
guint    neurons_test_panel_indices        (const NeuronsDataset    *test,
                                            guint                   *indices);

G_END_DECLS
