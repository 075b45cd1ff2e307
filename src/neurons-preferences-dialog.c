/* neurons-preferences-dialog.c: the choices that outlast an experiment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-preferences-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-file-chooser.h"
#include "neurons-preferences-dialog.h"
#include "neurons-settings.h"

/*
 * For now one choice: the dataset. Choosing one has the window's experiment load it
 * (neurons_experiment_load_async()), in the background; the row shows a spinner meanwhile.
 * Once it is in, the choice is remembered; if it cannot be read, the choice goes back to the
 * dataset still in use and a dialog says why. A load that another superseded says nothing.
 */

struct _NeuronsPreferencesDialog
{
  AdwPreferencesDialog  parent_instance;

  GtkWindow            *window;
  NeuronsExperiment    *experiment;
  GSettings            *settings;
  gboolean              switching;
  gboolean              syncing;

  /* Template children */
  AdwActionRow         *fashion_row;
  GtkCheckButton       *mnist_check;
  GtkCheckButton       *fashion_check;
  GtkWidget            *mnist_spinner;
  GtkWidget            *fashion_spinner;
  GtkWidget            *folder_button;
};

G_DEFINE_FINAL_TYPE (NeuronsPreferencesDialog, neurons_preferences_dialog, ADW_TYPE_PREFERENCES_DIALOG)

/* The checks show the dataset in use; Fashion-MNIST can be chosen once it is found. */
static void
sync_rows (NeuronsPreferencesDialog *self)
{
  NeuronsDatasetKind kind = neurons_experiment_get_dataset_kind (self->experiment);
  g_autofree char *fashion_folder = neurons_datasets_find_folder (NEURONS_DATASET_FASHION_MNIST, self->settings);
  g_autofree char *subtitle = NULL;

  self->syncing = TRUE;
  gtk_check_button_set_active (kind == NEURONS_DATASET_MNIST ? self->mnist_check : self->fashion_check, TRUE);
  self->syncing = FALSE;

  if (fashion_folder != NULL)
    /* Translators: the subtitle of Fashion-MNIST in Preferences, with the folder it is in */
    subtitle = g_strdup_printf (_("70,000 photos of clothes of ten kinds, from %s"), fashion_folder);
  else
    /* Translators: the subtitle of Fashion-MNIST in Preferences when it is not installed */
    subtitle = g_strdup_printf (_("Not found in %s: install it, or choose the folder that holds it"),
                                NEURONS_FASHION_MNIST_SYSTEM_DIR);
  adw_action_row_set_subtitle (self->fashion_row, subtitle);

  gtk_widget_set_sensitive (GTK_WIDGET (self->mnist_check), !self->switching);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fashion_check), !self->switching && fashion_folder != NULL);
  gtk_widget_set_sensitive (self->folder_button, !self->switching);
}

/* The dataset in use, and a Fashion-MNIST folder chosen by hand, for the next run */
static void
remember (NeuronsPreferencesDialog *self,
          NeuronsExperiment        *experiment,
          gboolean                  chosen_folder)
{
  NeuronsDatasetKind kind = neurons_experiment_get_dataset_kind (experiment);

  g_settings_set_string (self->settings, "last-dataset", neurons_datasets_get_id (kind));
  if (chosen_folder && kind == NEURONS_DATASET_FASHION_MNIST)
    g_settings_set_string (self->settings, "fashion-mnist-folder", neurons_experiment_get_folder (experiment));
}

typedef struct
{
  NeuronsPreferencesDialog *self;
  gboolean                  chosen_folder;
} Switch;

static void
on_switched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autofree Switch *job = user_data;
  g_autoptr(NeuronsPreferencesDialog) self = job->self;
  g_autoptr(GError) error = NULL;

  self->switching = FALSE;
  gtk_widget_set_visible (self->mnist_spinner, FALSE);
  gtk_widget_set_visible (self->fashion_spinner, FALSE);

  if (neurons_experiment_load_finish (NEURONS_EXPERIMENT (object), result, &error))
    remember (self, NEURONS_EXPERIMENT (object), job->chosen_folder);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Load %s"), neurons_datasets_get_title (
                                                    gtk_check_button_get_active (self->fashion_check)
                                                    ? NEURONS_DATASET_FASHION_MNIST : NEURONS_DATASET_MNIST));
      AdwDialog *dialog = adw_alert_dialog_new (heading, error->message);

      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
      /* in the window: Preferences may have been closed while the dataset was read */
      adw_dialog_present (dialog, GTK_WIDGET (self->window));
    }

  sync_rows (self);
}

static void
switch_to (NeuronsPreferencesDialog *self,
           NeuronsDatasetKind        kind,
           const char               *folder)
{
  g_autofree char *found = folder == NULL ? neurons_datasets_find_folder (kind, self->settings) : NULL;
  Switch *job = g_new0 (Switch, 1);

  self->switching = TRUE;
  gtk_widget_set_visible (kind == NEURONS_DATASET_MNIST ? self->mnist_spinner : self->fashion_spinner, TRUE);
  sync_rows (self);
  self->syncing = TRUE;
  gtk_check_button_set_active (kind == NEURONS_DATASET_MNIST ? self->mnist_check : self->fashion_check, TRUE);
  self->syncing = FALSE;

  job->self = g_object_ref (self);
  job->chosen_folder = folder != NULL;
  /* Without a folder (Fashion-MNIST not found), the experiment says where it looked. */
  neurons_experiment_load_async (self->experiment, kind, folder != NULL ? folder : found,
                                 NULL, on_switched, job);
}

static void
on_check_toggled (NeuronsPreferencesDialog *self,
                  GtkCheckButton           *check)
{
  NeuronsDatasetKind kind = check == self->mnist_check ? NEURONS_DATASET_MNIST : NEURONS_DATASET_FASHION_MNIST;

  if (self->syncing || self->switching || !gtk_check_button_get_active (check)
      || kind == neurons_experiment_get_dataset_kind (self->experiment))
    return;

  switch_to (self, kind, NULL);
}

static void
on_folder_chosen (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(NeuronsPreferencesDialog) self = user_data;
  g_autoptr(GFile) folder = neurons_file_chooser_finish (result, NULL);
  g_autofree char *path = NULL;

  if (folder == NULL)
    return;

  path = g_file_get_path (folder);
  if (path != NULL)
    switch_to (self, NEURONS_DATASET_FASHION_MNIST, path);
}

static void
on_folder_clicked (NeuronsPreferencesDialog *self)
{
  g_autofree char *current = neurons_datasets_find_folder (NEURONS_DATASET_FASHION_MNIST, self->settings);
  g_autoptr(GFile) initial = current != NULL ? g_file_new_for_path (current) : NULL;

  neurons_file_chooser_run (self->window, NEURONS_FILE_CHOOSER_SELECT_FOLDER,
                            _("Choose the Folder of Fashion-MNIST"), _("_Choose"), NULL,
                            initial, NULL,
                            on_folder_chosen, g_object_ref (self));
}

static void
neurons_preferences_dialog_dispose (GObject *object)
{
  NeuronsPreferencesDialog *self = (NeuronsPreferencesDialog *) object;

  g_clear_object (&self->window);
  g_clear_object (&self->experiment);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_PREFERENCES_DIALOG);

  G_OBJECT_CLASS (neurons_preferences_dialog_parent_class)->dispose (object);
}

static void
neurons_preferences_dialog_class_init (NeuronsPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_preferences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsPreferencesDialog, fashion_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsPreferencesDialog, mnist_check);
  gtk_widget_class_bind_template_child (widget_class, NeuronsPreferencesDialog, fashion_check);
  gtk_widget_class_bind_template_child (widget_class, NeuronsPreferencesDialog, mnist_spinner);
  gtk_widget_class_bind_template_child (widget_class, NeuronsPreferencesDialog, fashion_spinner);
  gtk_widget_class_bind_template_child (widget_class, NeuronsPreferencesDialog, folder_button);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_clicked);
}

static void
neurons_preferences_dialog_init (NeuronsPreferencesDialog *self)
{
  self->settings = neurons_settings_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * neurons_preferences_dialog_new:
 * @window: the window where errors are shown
 * @experiment: the experiment the choices apply to
 *
 * Returns: the Preferences dialog; present it in @window with adw_dialog_present()
 */
AdwDialog *
neurons_preferences_dialog_new (GtkWindow         *window,
                                NeuronsExperiment *experiment)
{
  NeuronsPreferencesDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (experiment), NULL);

  self = g_object_new (NEURONS_TYPE_PREFERENCES_DIALOG, NULL);
  self->window = g_object_ref (window);
  self->experiment = g_object_ref (experiment);
  sync_rows (self);

  return ADW_DIALOG (self);
}
