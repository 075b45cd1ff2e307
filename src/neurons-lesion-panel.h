/* neurons-lesion-panel.h: silence hidden neurons and see what each one costs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-evaluator.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_LESION_PANEL (neurons_lesion_panel_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsLesionPanel, neurons_lesion_panel, NEURONS, LESION_PANEL, GtkWidget)

GtkWidget        *neurons_lesion_panel_new           (void);
NeuronsEvaluator *neurons_lesion_panel_get_evaluator (NeuronsLesionPanel *self);
void              neurons_lesion_panel_set_evaluator (NeuronsLesionPanel *self,
                                                      NeuronsEvaluator   *evaluator);
void              neurons_lesion_panel_rank          (NeuronsLesionPanel *self,
                                                      gboolean            silence_first);

G_END_DECLS
