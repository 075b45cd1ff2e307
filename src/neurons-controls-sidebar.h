/* neurons-controls-sidebar.h: the progress figures and the network's settings beside the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-experiment.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_CONTROLS_SIDEBAR (neurons_controls_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsControlsSidebar, neurons_controls_sidebar, NEURONS, CONTROLS_SIDEBAR, GtkWidget)

GtkWidget         *neurons_controls_sidebar_new             (void);
NeuronsExperiment *neurons_controls_sidebar_get_experiment  (NeuronsControlsSidebar *self);
void               neurons_controls_sidebar_set_experiment  (NeuronsControlsSidebar *self,
                                                             NeuronsExperiment      *experiment);
const char        *neurons_controls_sidebar_get_file_status (NeuronsControlsSidebar *self);
void               neurons_controls_sidebar_set_file_status (NeuronsControlsSidebar *self,
                                                             const char             *file_status);

G_END_DECLS
