/* neurons-window.h: the main window, where the network trains in view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "neurons-experiment.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_WINDOW (neurons_window_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsWindow, neurons_window, NEURONS, WINDOW, AdwApplicationWindow)

NeuronsWindow     *neurons_window_new            (GtkApplication     *application,
                                                 const char         *data_directory);
NeuronsExperiment *neurons_window_get_experiment (NeuronsWindow      *self);
void               neurons_window_open_file      (NeuronsWindow      *self,
                                                 GFile              *file);

G_END_DECLS
