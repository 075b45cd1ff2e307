/* neurons-trainer.h: training on a worker thread at a chosen speed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "neurons-checkpoints.h"
#include "neurons-dataset.h"
#include "neurons-network-model.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_TRAINER (neurons_trainer_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsTrainer, neurons_trainer, NEURONS, TRAINER, GObject)

/* Speeds are in samples per second; this one means as fast as the machine goes. */
#define NEURONS_SPEED_MAX 0.0
/* At or below this speed every step is published on its own, with its three phases. */
#define NEURONS_SPEED_STEPWISE_LIMIT 10.0

NeuronsTrainer   *neurons_trainer_new             (NeuronsNetworkModel *net,
                                                   NeuronsDataset   *train);
NeuronsNetworkModel *neurons_trainer_get_net         (NeuronsTrainer   *self);
NeuronsDataset   *neurons_trainer_get_dataset     (NeuronsTrainer   *self);
void              neurons_trainer_set_dataset     (NeuronsTrainer   *self,
                                                   NeuronsDataset   *train);
gboolean          neurons_trainer_get_running     (NeuronsTrainer   *self);
double            neurons_trainer_get_speed       (NeuronsTrainer   *self);
void              neurons_trainer_set_speed       (NeuronsTrainer   *self,
                                                   double            samples_per_second);
guint64           neurons_trainer_get_epoch       (NeuronsTrainer   *self);
double            neurons_trainer_get_throughput  (NeuronsTrainer   *self);

void              neurons_trainer_play            (NeuronsTrainer   *self);
void              neurons_trainer_pause           (NeuronsTrainer   *self);
void              neurons_trainer_step            (NeuronsTrainer   *self);
void              neurons_trainer_run_samples     (NeuronsTrainer   *self,
                                                   guint64           n_samples);
NeuronsCheckpoints *neurons_trainer_get_checkpoints (NeuronsTrainer   *self);
void              neurons_trainer_set_checkpoints (NeuronsTrainer   *self,
                                                   NeuronsCheckpoints *checkpoints);

G_END_DECLS
