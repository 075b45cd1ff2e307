/* neurons-file-chooser.c: the file dialogs, asked for one way and answered as a GAsyncResult
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-file-chooser"

#include "config.h"

#include "neurons-file-chooser.h"

/*
 * One GtkFileDialog for opening, saving and choosing a folder, so that the rest of the app
 * asks for a file one way and gets it back as a GAsyncResult: the file, or
 * G_IO_ERROR_CANCELLED when the person closed the dialog without choosing. The dialog is
 * the desktop's file chooser portal where there is one (in the Flatpak), and GTK's own
 * elsewhere.
 */

/* A filter by MIME type and by name: the type is known to the desktop only once Neurons is
 * installed, the name pattern always. */
GtkFileFilter *
neurons_file_chooser_filter_new (const char *name,
                                 const char *mime_type,
                                 const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);

  return filter;
}

static void
on_file_dialog_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (object);
  NeuronsFileChooserMode mode = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  GFile *file;

  switch (mode)
    {
    case NEURONS_FILE_CHOOSER_OPEN:
      file = gtk_file_dialog_open_finish (dialog, result, &error);
      break;

    case NEURONS_FILE_CHOOSER_SAVE:
      file = gtk_file_dialog_save_finish (dialog, result, &error);
      break;

    case NEURONS_FILE_CHOOSER_SELECT_FOLDER:
    default:
      file = gtk_file_dialog_select_folder_finish (dialog, result, &error);
      break;
    }

  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * neurons_file_chooser_run:
 * @parent: the window the dialog belongs to
 * @mode: what to choose
 * @title: the dialog's title
 * @accept_label: the label of the button that chooses, with a mnemonic: "_Save"
 * @filters: (nullable): #GtkFileFilter items, the first one chosen at first
 * @initial_file: (nullable): a file to start from: its folder, and its name when saving
 * @initial_name: (nullable): when saving without @initial_file, the name to suggest
 * @callback: called when a file was chosen or the dialog closed
 * @user_data: for @callback
 *
 * Shows a modal file dialog; @callback gets the answer from neurons_file_chooser_finish().
 */
void
neurons_file_chooser_run (GtkWindow              *parent,
                          NeuronsFileChooserMode  mode,
                          const char             *title,
                          const char             *accept_label,
                          GListModel             *filters,
                          GFile                  *initial_file,
                          const char             *initial_name,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (mode <= NEURONS_FILE_CHOOSER_SELECT_FOLDER);
  g_return_if_fail (filters == NULL || G_IS_LIST_MODEL (filters));
  g_return_if_fail (initial_file == NULL || G_IS_FILE (initial_file));

  task = g_task_new (parent, NULL, callback, user_data);
  g_task_set_source_tag (task, neurons_file_chooser_run);
  g_task_set_task_data (task, GINT_TO_POINTER (mode), NULL);

  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (filters != NULL && g_list_model_get_n_items (filters) > 0)
    {
      g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

      gtk_file_dialog_set_filters (dialog, filters);
      gtk_file_dialog_set_default_filter (dialog, first);
    }
  if (initial_file != NULL)
    gtk_file_dialog_set_initial_file (dialog, initial_file);
  else if (initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, initial_name);

  switch (mode)
    {
    case NEURONS_FILE_CHOOSER_OPEN:
      gtk_file_dialog_open (dialog, parent, NULL, on_file_dialog_done, g_steal_pointer (&task));
      break;

    case NEURONS_FILE_CHOOSER_SAVE:
      gtk_file_dialog_save (dialog, parent, NULL, on_file_dialog_done, g_steal_pointer (&task));
      break;

    case NEURONS_FILE_CHOOSER_SELECT_FOLDER:
    default:
      gtk_file_dialog_select_folder (dialog, parent, NULL, on_file_dialog_done, g_steal_pointer (&task));
      break;
    }
}

/**
 * neurons_file_chooser_finish:
 * @result: what the callback of neurons_file_chooser_run() got
 * @error: G_IO_ERROR_CANCELLED when the dialog was closed without a choice
 *
 * Returns: (transfer full) (nullable): the chosen file or folder
 */
GFile *
neurons_file_chooser_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == neurons_file_chooser_run, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
