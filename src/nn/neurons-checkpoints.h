/* neurons-checkpoints.h: the moments of a training run kept to rewind to, in a fixed budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "neurons-mlp.h"
#include "neurons-training-options.h"

G_BEGIN_DECLS

/* At most this much memory goes to the checkpoints of one run. */
#define NEURONS_CHECKPOINTS_BUDGET (50 * 1000 * 1000)

/*
 * What a checkpoint says about itself. Its training state, the NeuronsMlp (weights, biases,
 * the dormant counters, the activation and the output layer), comes with
 * neurons_checkpoints_get(), and the optimiser's (moments, the batch begun, the steps taken)
 * with neurons_checkpoints_get_optimizer_state() when the options keep one: with
 * samples_seen, running_cost and the options, that is everything the next step depends on
 * besides the seed and the data, so training on from a checkpoint retraces the run bit for bit.
 */
typedef struct
{
  guint64 samples_seen;
  double  running_cost;
  double  learning_rate;   /* the rate the run trained with up to here */
  guint   branch;          /* 0 for the first line of the run; one more each time training went
                            * on differently from a rewound point */
  double  test_accuracy;   /* on the test set, or NAN until measured */
  NeuronsTrainingOptions options;  /* the options the run trained with up to here; options.output
                                    * is the network's */
  gboolean has_optimizer_state;    /* the options keep one (neurons_training_options_needs_state) */
} NeuronsCheckpoint;

typedef struct _NeuronsCheckpoints NeuronsCheckpoints;

NeuronsCheckpoints *neurons_checkpoints_new               (gsize                     budget);
NeuronsCheckpoints *neurons_checkpoints_ref               (NeuronsCheckpoints       *self);
void                neurons_checkpoints_unref             (NeuronsCheckpoints       *self);

guint               neurons_checkpoints_get_capacity      (NeuronsCheckpoints       *self);
guint               neurons_checkpoints_get_length        (NeuronsCheckpoints       *self);
guint               neurons_checkpoints_get_branch        (NeuronsCheckpoints       *self);
gboolean            neurons_checkpoints_get               (NeuronsCheckpoints       *self,
                                                           guint                     index,
                                                           NeuronsCheckpoint        *checkpoint,
                                                           NeuronsMlp               *mlp);
gboolean            neurons_checkpoints_get_optimizer_state (NeuronsCheckpoints     *self,
                                                           guint                     index,
                                                           NeuronsOptimizerState    *state);
int                 neurons_checkpoints_find              (NeuronsCheckpoints       *self,
                                                           guint64                   samples_seen);
int                 neurons_checkpoints_find_nearest      (NeuronsCheckpoints       *self,
                                                           guint64                   samples_seen);

guint64             neurons_checkpoints_next_due          (NeuronsCheckpoints       *self,
                                                           guint64                   samples_seen,
                                                           guint                     epoch_size);
gboolean            neurons_checkpoints_is_due            (NeuronsCheckpoints       *self,
                                                           guint64                   samples_seen,
                                                           guint                     epoch_size);
void                neurons_checkpoints_record            (NeuronsCheckpoints       *self,
                                                           const NeuronsMlp         *mlp,
                                                           guint64                   samples_seen,
                                                           double                    running_cost,
                                                           double                    learning_rate,
                                                           guint                     epoch_size);
void                neurons_checkpoints_record_training   (NeuronsCheckpoints       *self,
                                                           const NeuronsMlp         *mlp,
                                                           guint64                   samples_seen,
                                                           double                    running_cost,
                                                           double                    learning_rate,
                                                           const NeuronsTrainingOptions *options,
                                                           const NeuronsOptimizerState  *state,
                                                           guint                     epoch_size);
void                neurons_checkpoints_truncate          (NeuronsCheckpoints       *self,
                                                           guint64                   samples_seen);
void                neurons_checkpoints_begin_branch      (NeuronsCheckpoints       *self);
void                neurons_checkpoints_clear             (NeuronsCheckpoints       *self);
void                neurons_checkpoints_take              (NeuronsCheckpoints       *self,
                                                           NeuronsCheckpoints       *other);
gboolean            neurons_checkpoints_set_test_accuracy (NeuronsCheckpoints       *self,
                                                           guint64                   samples_seen,
                                                           double                    test_accuracy);

JsonNode           *neurons_checkpoints_to_json           (NeuronsCheckpoints       *self);
NeuronsCheckpoints *neurons_checkpoints_from_json         (JsonNode                 *node,
                                                           NeuronsActivation         hidden_activation,
                                                           GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NeuronsCheckpoints, neurons_checkpoints_unref)

G_END_DECLS
