/* neurons-sgd.h: the one per-sample SGD loop: the order of the samples, divergence and the running cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "neurons-dataset.h"
#include "neurons-mlp.h"
#include "neurons-training-options.h"

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

typedef enum
{
  NEURONS_SAMPLE_ORDER_SHUFFLED,    /* a new shuffle each epoch, from the seed and the epoch */
  NEURONS_SAMPLE_ORDER_SEQUENTIAL,  /* the dataset's own order, every epoch */
} NeuronsSampleOrder;

/*
 * Stochastic gradient descent over a training set, epoch after epoch. Sample number s is the
 * one at position s % n of epoch s / n, so a run stopped and resumed anywhere trains the same
 * network as one run. The weights and the base learning rate are the caller's, passed to each
 * call; this is where the run is, and how it trains (options: per-sample SGD by default, or
 * batches, momentum, Adam, a schedule, regularisation, augmentation) with the optimiser's
 * state. Used by the trainer thread, the CLI and the benchmark.
 */
typedef struct
{
  NeuronsDataset     *dataset;        /* (owned) the training set */
  guint64             seed;           /* of the shuffles */
  NeuronsSampleOrder  sample_order;
  guint64             samples_seen;   /* steps taken, a step that diverged included */
  double              running_cost;   /* the cost averaged over roughly the last 100 steps */

  NeuronsTrainingOptions options;    /* set with neurons_sgd_set_options() */
  NeuronsOptimizerState *state;      /* (owned) the optimiser's moments and the batch begun */

  /* The loop's own */
  gboolean            plain;          /* the default options: the original per-sample loop */
  NeuronsInkList     *ink;            /* the dataset's inked pixels, gathered by the first run */
  guint32            *order;          /* (dataset->n_images) the order of epoch order_epoch */
  guint64             order_epoch;    /* G_MAXUINT64 before the first */
} NeuronsSgd;

/* The running cost shown while training: an exponential average over roughly the last 100
 * samples. */
static inline double
neurons_running_cost_update (double  running_cost,
                             guint64 samples_seen,
                             double  cost)
{
  return samples_seen == 0 ? cost : running_cost + 0.01 * (cost - running_cost);
}

GQuark       neurons_training_error_quark   (void);

double       neurons_default_learning_rate  (NeuronsActivation   hidden_activation);
NeuronsInit  neurons_suggested_init         (NeuronsActivation   hidden_activation);
gboolean     neurons_validate_learning_rate (double              learning_rate,
                                             GError            **error);

void         neurons_epoch_order            (guint64             seed,
                                             guint64             epoch,
                                             guint32            *order,
                                             guint               n_samples);

NeuronsSgd  *neurons_sgd_new                (NeuronsDataset     *train,
                                             guint64             seed,
                                             NeuronsSampleOrder  sample_order);
void         neurons_sgd_free               (NeuronsSgd         *sgd);
void         neurons_sgd_resume             (NeuronsSgd         *sgd,
                                             guint64             seed,
                                             guint64             samples_seen,
                                             double              running_cost);
guint        neurons_sgd_sample_index       (NeuronsSgd         *sgd,
                                             guint64             sample);
gboolean     neurons_sgd_train              (NeuronsSgd         *sgd,
                                             NeuronsMlp         *mlp,
                                             float               learning_rate,
                                             guint64             n_samples);
gboolean     neurons_sgd_step               (NeuronsSgd         *sgd,
                                             NeuronsMlp         *mlp,
                                             float               learning_rate,
                                             NeuronsForward     *forward,
                                             NeuronsBackward    *backward);

void         neurons_sgd_set_options        (NeuronsSgd                   *sgd,
                                             const NeuronsTrainingOptions *options);
const NeuronsOptimizerState *
             neurons_sgd_get_optimizer_state (NeuronsSgd                  *sgd);
void         neurons_sgd_set_optimizer_state (NeuronsSgd                  *sgd,
                                             const NeuronsOptimizerState  *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NeuronsSgd, neurons_sgd_free)

G_END_DECLS
