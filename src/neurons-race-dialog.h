/* neurons-race-dialog.h: two networks race on the same digits, chosen and watched in a dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "neurons-experiment.h"
#include "neurons-race.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_RACE_DIALOG (neurons_race_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsRaceDialog, neurons_race_dialog, NEURONS, RACE_DIALOG, AdwDialog)

AdwDialog   *neurons_race_dialog_new      (NeuronsExperiment *experiment);
void         neurons_race_dialog_start    (NeuronsRaceDialog *self,
                                           NeuronsRacePreset  preset,
                                           guint64            max_samples);
NeuronsRace *neurons_race_dialog_get_race (NeuronsRaceDialog *self);

G_END_DECLS
