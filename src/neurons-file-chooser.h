/* neurons-file-chooser.h: the file dialogs, asked for one way and answered as a GAsyncResult
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  NEURONS_FILE_CHOOSER_OPEN,
  NEURONS_FILE_CHOOSER_SAVE,
  NEURONS_FILE_CHOOSER_SELECT_FOLDER,
} NeuronsFileChooserMode;

GtkFileFilter *neurons_file_chooser_filter_new (const char              *name,
                                                const char              *mime_type,
                                                const char              *pattern);

void           neurons_file_chooser_run        (GtkWindow               *parent,
                                                NeuronsFileChooserMode   mode,
                                                const char              *title,
                                                const char              *accept_label,
                                                GListModel              *filters,
                                                GFile                   *initial_file,
                                                const char              *initial_name,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data);
GFile         *neurons_file_chooser_finish     (GAsyncResult            *result,
                                                GError                 **error);

G_END_DECLS
