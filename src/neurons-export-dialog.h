/* neurons-export-dialog.h: choosing a figure of the window and writing it to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NEURONS_TYPE_EXPORT_DIALOG (neurons_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsExportDialog, neurons_export_dialog, NEURONS, EXPORT_DIALOG, AdwDialog)

AdwDialog *neurons_export_dialog_new (GtkWindow *window);

G_END_DECLS
