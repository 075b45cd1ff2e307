/* neurons-inspector-dialog.h: one neuron's arithmetic for the sample on show, written out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "neurons-experiment.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_INSPECTOR_DIALOG (neurons_inspector_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsInspectorDialog, neurons_inspector_dialog, NEURONS, INSPECTOR_DIALOG, AdwDialog)

AdwDialog *neurons_inspector_dialog_new        (NeuronsExperiment      *experiment,
                                                guint                   layer,
                                                guint                   neuron);
void       neurons_inspector_dialog_set_neuron (NeuronsInspectorDialog *self,
                                                guint                   layer,
                                                guint                   neuron);

G_END_DECLS
