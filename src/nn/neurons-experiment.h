/* neurons-experiment.h: one network, its trainer, its data, its state and what is on show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "neurons-dataset-catalog.h"
#include "neurons-dataset.h"
#include "neurons-evaluator.h"
#include "neurons-network-model.h"
#include "neurons-trainer.h"

G_BEGIN_DECLS

/* Whether there is data to learn from. A switch to other data keeps READY throughout. */
typedef enum
{
  NEURONS_EXPERIMENT_LOADING,  /* the first data is being read; nothing to train yet */
  NEURONS_EXPERIMENT_READY,    /* the data is in: the trainer and the evaluator exist */
  NEURONS_EXPERIMENT_FAILED,   /* the data could not be read, and there is none from before */
} NeuronsExperimentState;

/* What the network is shown */
typedef enum
{
  NEURONS_INPUT_SOURCE_TRAINING,    /* the training samples, in their order */
  NEURONS_INPUT_SOURCE_DRAWING,     /* a person's drawing; training is paused */
  NEURONS_INPUT_SOURCE_TEST_IMAGE,  /* one image of the test set; training is paused */
} NeuronsInputSource;

#define NEURONS_TYPE_EXPERIMENT (neurons_experiment_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsExperiment, neurons_experiment, NEURONS, EXPERIMENT, GObject)

NeuronsExperiment      *neurons_experiment_new                   (NeuronsNetworkModel     *net);

NeuronsExperimentState  neurons_experiment_get_state             (NeuronsExperiment    *self);
const GError           *neurons_experiment_get_error             (NeuronsExperiment    *self);
gboolean                neurons_experiment_get_loading           (NeuronsExperiment    *self);
NeuronsNetworkModel       *neurons_experiment_get_net               (NeuronsExperiment    *self);
NeuronsTrainer         *neurons_experiment_get_trainer           (NeuronsExperiment    *self);
NeuronsEvaluator       *neurons_experiment_get_evaluator         (NeuronsExperiment    *self);
NeuronsDataset         *neurons_experiment_get_training_set      (NeuronsExperiment    *self);
NeuronsDataset         *neurons_experiment_get_test_set          (NeuronsExperiment    *self);
NeuronsDatasetKind      neurons_experiment_get_dataset_kind      (NeuronsExperiment    *self);
const char             *neurons_experiment_get_folder            (NeuronsExperiment    *self);

void                    neurons_experiment_load_async            (NeuronsExperiment    *self,
                                                                  NeuronsDatasetKind    kind,
                                                                  const char           *folder,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean                neurons_experiment_load_finish           (NeuronsExperiment    *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

gboolean                neurons_experiment_get_playing           (NeuronsExperiment    *self);
void                    neurons_experiment_set_playing           (NeuronsExperiment    *self,
                                                                  gboolean              playing);
double                  neurons_experiment_get_speed             (NeuronsExperiment    *self);
void                    neurons_experiment_set_speed             (NeuronsExperiment    *self,
                                                                  double                samples_per_second);
void                    neurons_experiment_play                  (NeuronsExperiment    *self);
void                    neurons_experiment_pause                 (NeuronsExperiment    *self);
void                    neurons_experiment_toggle                (NeuronsExperiment    *self);
void                    neurons_experiment_step                  (NeuronsExperiment    *self);
void                    neurons_experiment_reset                 (NeuronsExperiment    *self,
                                                                  NeuronsActivation     hidden_activation,
                                                                  NeuronsInit           initialization,
                                                                  guint64               seed);
gboolean                neurons_experiment_set_learning_rate     (NeuronsExperiment    *self,
                                                                  double                learning_rate,
                                                                  GError              **error);
gboolean                neurons_experiment_open_file             (NeuronsExperiment    *self,
                                                                  const char           *path,
                                                                  GError              **error);
gboolean                neurons_experiment_save_file             (NeuronsExperiment    *self,
                                                                  const char           *path,
                                                                  GError              **error);

NeuronsInputSource      neurons_experiment_get_input_source      (NeuronsExperiment    *self);
void                    neurons_experiment_show_drawing          (NeuronsExperiment    *self,
                                                                  const guint8         *pixels);
void                    neurons_experiment_show_test_image       (NeuronsExperiment    *self,
                                                                  guint                 test_index);
void                    neurons_experiment_resume_training_stream (NeuronsExperiment   *self,
                                                                  gboolean              resume);

NeuronsCheckpoints     *neurons_experiment_get_checkpoints       (NeuronsExperiment    *self);
gboolean                neurons_experiment_get_rewound           (NeuronsExperiment    *self);
void                    neurons_experiment_rewind                (NeuronsExperiment    *self,
                                                                  guint                 index);
void                    neurons_experiment_return_to_newest      (NeuronsExperiment    *self);

G_END_DECLS
