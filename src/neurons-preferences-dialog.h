/* neurons-preferences-dialog.h: the choices that outlast an experiment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "neurons-experiment.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_PREFERENCES_DIALOG (neurons_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsPreferencesDialog, neurons_preferences_dialog, NEURONS, PREFERENCES_DIALOG, AdwPreferencesDialog)

AdwDialog *neurons_preferences_dialog_new (GtkWindow         *window,
                                           NeuronsExperiment *experiment);

G_END_DECLS
