/* neurons-race.h: two networks trained side by side on the same digits, and who learns faster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "neurons-dataset.h"
#include "neurons-history.h"
#include "neurons-network-model.h"
#include "neurons-training-options.h"

G_BEGIN_DECLS

/* One side's settings: everything that makes the two networks differ. Made with
 * neurons_racer_settings_init(); a copy with = is a copy. A schedule with no span given spans
 * the race. */
typedef struct
{
  NeuronsActivation      hidden_activation;
  NeuronsInit            initialization;
  double                 learning_rate;
  NeuronsTrainingOptions options;
} NeuronsRacerSettings;

typedef enum
{
  NEURONS_RACE_SIDE_A,
  NEURONS_RACE_SIDE_B,
} NeuronsRaceSide;

#define NEURONS_RACE_N_SIDES 2

/* The ready-made races. Those that need training options come with them. */
typedef enum
{
  NEURONS_RACE_PRESET_SIGMOID_RELU,
  NEURONS_RACE_PRESET_SGD_ADAM,
  NEURONS_RACE_PRESET_QUADRATIC_CROSS_ENTROPY,
  NEURONS_RACE_PRESET_AUGMENTATION,
} NeuronsRacePreset;

#define NEURONS_RACE_N_PRESETS 4

typedef enum
{
  NEURONS_RACE_READY,     /* not started */
  NEURONS_RACE_RUNNING,
  NEURONS_RACE_FINISHED,  /* at the finish, or stopped: the result is in */
} NeuronsRaceState;

/* Both networks measured at the same sample count. */
typedef struct
{
  guint64  samples_seen;
  double   accuracy[NEURONS_RACE_N_SIDES];  /* on the test set, or the share of it measured */
  double   cost[NEURONS_RACE_N_SIDES];      /* the running cost of the training samples */
  gboolean diverged[NEURONS_RACE_N_SIDES];
} NeuronsRaceCheckpoint;

#define NEURONS_RACE_DEFAULT_SAMPLES  60000
#define NEURONS_RACE_DEFAULT_INTERVAL 1000

void        neurons_racer_settings_init       (NeuronsRacerSettings       *settings,
                                               NeuronsActivation           hidden_activation);
double      neurons_racer_suggested_learning_rate (NeuronsActivation        hidden_activation,
                                                   const NeuronsTrainingOptions *options);
gboolean    neurons_racer_settings_validate   (const NeuronsRacerSettings *settings,
                                               GError                    **error);
gboolean    neurons_racer_settings_equal      (const NeuronsRacerSettings *a,
                                               const NeuronsRacerSettings *b);
char       *neurons_racer_settings_describe   (const NeuronsRacerSettings *settings);

const char *neurons_race_preset_get_title     (NeuronsRacePreset           preset);
void        neurons_race_preset_get_settings  (NeuronsRacePreset           preset,
                                               NeuronsRacerSettings       *a,
                                               NeuronsRacerSettings       *b);

#define NEURONS_TYPE_RACE (neurons_race_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsRace, neurons_race, NEURONS, RACE, GObject)

NeuronsRace                 *neurons_race_new                  (NeuronsDataset             *train,
                                                                NeuronsDataset             *test,
                                                                const NeuronsRacerSettings *a,
                                                                const NeuronsRacerSettings *b,
                                                                guint64                     seed);
void                         neurons_race_set_finish           (NeuronsRace                *self,
                                                                guint64                     max_samples,
                                                                double                      target_accuracy,
                                                                guint64                     interval);
void                         neurons_race_set_measured_images  (NeuronsRace                *self,
                                                                guint                       n_images);
guint64                      neurons_race_get_max_samples      (NeuronsRace                *self);
double                       neurons_race_get_target_accuracy  (NeuronsRace                *self);
guint64                      neurons_race_get_interval         (NeuronsRace                *self);

void                         neurons_race_start                (NeuronsRace                *self);
void                         neurons_race_stop                 (NeuronsRace                *self);
NeuronsRaceState             neurons_race_get_state            (NeuronsRace                *self);

const NeuronsRacerSettings  *neurons_race_get_settings         (NeuronsRace                *self,
                                                                NeuronsRaceSide             side);
char                        *neurons_race_get_name             (NeuronsRace                *self,
                                                                NeuronsRaceSide             side);
NeuronsNetworkModel         *neurons_race_get_net              (NeuronsRace                *self,
                                                                NeuronsRaceSide             side);
const NeuronsHistory        *neurons_race_get_accuracy_history (NeuronsRace                *self,
                                                                NeuronsRaceSide             side);
const NeuronsHistory        *neurons_race_get_cost_history     (NeuronsRace                *self,
                                                                NeuronsRaceSide             side);
guint                        neurons_race_get_n_checkpoints    (NeuronsRace                *self);
const NeuronsRaceCheckpoint *neurons_race_get_checkpoint       (NeuronsRace                *self,
                                                                guint                       index);
double                       neurons_race_get_throughput       (NeuronsRace                *self,
                                                                NeuronsRaceSide             side);

int                          neurons_race_get_winner           (NeuronsRace                *self);
const char                  *neurons_race_get_result           (NeuronsRace                *self);

G_END_DECLS
