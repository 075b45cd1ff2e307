/* neurons-window-dataset.c: which dataset the window starts with, and how its loading shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window-dataset"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-file-chooser.h"
#include "neurons-window-private.h"

/*
 * The window starts with the dataset chosen last (GSettings "last-dataset"), unless a folder
 * was given with --data, which wins for that run. The experiment reads it on a worker thread
 * (neurons_experiment_load_async()); the window follows its state: a spinner while the first
 * data loads, an error page if it could not be read, the network once it is in. Another
 * dataset (from Preferences) is read while the old one trains on; once it is in, a fresh
 * network learns it, and the window says so.
 */

/* Whether two folder names are the same folder */
static gboolean
same_folder (const char *a,
             const char *b)
{
  g_autofree char *canonical_a = NULL;
  g_autofree char *canonical_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  canonical_a = g_canonicalize_filename (a, NULL);
  canonical_b = g_canonicalize_filename (b, NULL);
  return g_str_equal (canonical_a, canonical_b);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A failure shows on the error page, through the experiment's state. */
  if (!neurons_experiment_load_finish (NEURONS_EXPERIMENT (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The data could not be loaded: %s", error->message);
}

static void
load (NeuronsWindow      *self,
      NeuronsDatasetKind  kind,
      const char         *folder)
{
  neurons_experiment_load_async (self->experiment, kind, folder, self->cancellable, on_loaded, NULL);
}

/**
 * _neurons_window_load_first:
 * @data_directory: (nullable): the folder given with --data, or %NULL
 *
 * Loads the data the window starts with: @data_directory (the digits, unless it names the
 * folder where Fashion-MNIST is found), else the dataset chosen last.
 */
void
_neurons_window_load_first (NeuronsWindow *self,
                            const char    *data_directory)
{
  g_autofree char *fashion_folder = neurons_datasets_find_folder (NEURONS_DATASET_FASHION_MNIST, self->settings);
  g_autofree char *remembered = NULL;
  g_autofree char *folder = NULL;
  NeuronsDatasetKind kind;

  if (data_directory != NULL)
    {
      load (self, same_folder (data_directory, fashion_folder) ? NEURONS_DATASET_FASHION_MNIST
                                                               : NEURONS_DATASET_MNIST,
            data_directory);
      return;
    }

  remembered = g_settings_get_string (self->settings, "last-dataset");
  if (!neurons_datasets_parse_id (remembered, &kind))
    kind = NEURONS_DATASET_MNIST;
  folder = neurons_datasets_find_folder (kind, self->settings);

  /* Fashion-MNIST was removed since: the digits are always there */
  if (folder == NULL)
    {
      g_message ("Fashion-MNIST is no longer installed; loading the handwritten digits");
      kind = NEURONS_DATASET_MNIST;
      folder = neurons_datasets_find_folder (kind, self->settings);
    }
  load (self, kind, folder);
}

static void
on_data_folder_chosen (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(NeuronsWindow) self = user_data;
  g_autoptr(GFile) folder = neurons_file_chooser_finish (result, NULL);
  g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

  if (path != NULL)
    load (self, NEURONS_DATASET_MNIST, path);
}

static void
neurons_window_dataset_choose_folder (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  NeuronsWindow *self = NEURONS_WINDOW (widget);

  neurons_file_chooser_run (GTK_WINDOW (self), NEURONS_FILE_CHOOSER_SELECT_FOLDER,
                            _("Choose a Folder of MNIST Files"), _("_Open"), NULL, NULL, NULL,
                            on_data_folder_chosen, g_object_ref (self));
}

/* The data stack shows the experiment's state. */
static void
on_state (NeuronsWindow     *self,
          GParamSpec        *pspec,
          NeuronsExperiment *experiment)
{
  switch (neurons_experiment_get_state (experiment))
    {
    case NEURONS_EXPERIMENT_LOADING:
      gtk_stack_set_visible_child_name (self->data_stack, "loading");
      break;

    case NEURONS_EXPERIMENT_FAILED:
      adw_status_page_set_description (self->error_page, neurons_experiment_get_error (experiment)->message);
      gtk_stack_set_visible_child_name (self->data_stack, "error");
      break;

    case NEURONS_EXPERIMENT_READY:
    default:
      gtk_stack_set_visible_child_name (self->data_stack, "network");
      /* The buttons were insensitive while loading, so the focus went elsewhere; Space and
       * the first Tab start from Play. */
      gtk_widget_grab_focus (GTK_WIDGET (self->play_button));
      break;
    }
}

/* Other data replaced the data the experiment had: a fresh network learns it. The first data
 * comes in before the experiment is ready, and needs no word. */
static void
on_training_set (NeuronsWindow     *self,
                 GParamSpec        *pspec,
                 NeuronsExperiment *experiment)
{
  g_autofree char *message = NULL;

  if (neurons_experiment_get_state (experiment) != NEURONS_EXPERIMENT_READY)
    return;

  /* Translators: "Switched to Clothes (Fashion-MNIST): a fresh network starts learning" */
  message = g_strdup_printf (_("Switched to %s: a fresh network starts learning"),
                             neurons_datasets_get_title (neurons_experiment_get_dataset_kind (experiment)));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
_neurons_window_class_dataset_init (NeuronsWindowClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "win.choose-data-folder", NULL,
                                   neurons_window_dataset_choose_folder);
}

void
_neurons_window_dataset_init (NeuronsWindow *self)
{
  g_signal_connect_object (self->experiment, "notify::state",
                           G_CALLBACK (on_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->experiment, "notify::training-set",
                           G_CALLBACK (on_training_set), self, G_CONNECT_SWAPPED);
  on_state (self, NULL, self->experiment);
}
