/* neurons-window.h: the main window, where the network trains in view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "neurons-application.h"
#include "neurons-dataset-catalog.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_WINDOW (neurons_window_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsWindow, neurons_window, NEURONS, WINDOW, AdwApplicationWindow)

NeuronsWindow *neurons_window_new           (NeuronsApplication *application,
                                             const char         *data_directory);
void           neurons_window_open_file     (NeuronsWindow      *self,
                                             GFile              *file);
void           neurons_window_run_benchmark (NeuronsWindow      *self,
                                             guint               seconds);

NeuronsDatasetKind neurons_window_get_dataset           (NeuronsWindow       *self);
void               neurons_window_switch_dataset        (NeuronsWindow       *self,
                                                         NeuronsDatasetKind   kind,
                                                         const char          *folder,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean           neurons_window_switch_dataset_finish (NeuronsWindow       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
