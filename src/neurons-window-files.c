/* neurons-window-files.c: opening and saving the network, and not losing what it learned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window-files"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-display-names.h"
#include "neurons-export-dialog.h"
#include "neurons-file-chooser.h"
#include "neurons-window-private.h"

/*
 * The window's network may belong to a file: the one it was opened from or last saved to.
 * Its progress is unsaved when it has trained on samples since then (or, without a file,
 * since it started); closing the window or opening another network then asks first. Fresh
 * weights (a reset, another activation, another dataset) start from a clean slate: nothing
 * they have not trained on can be lost.
 */

#define NETWORK_MIME_TYPE "application/x-neurons-network"
#define SUGGESTED_NAME    "network.neurons.json"

/* What to do once the progress is safe, or given up. */
typedef void (*NeuronsWindowThen) (NeuronsWindow *self);

typedef struct
{
  NeuronsWindow     *self;
  NeuronsWindowThen  then;
} Continuation;

static Continuation *
continuation_new (NeuronsWindow     *self,
                  NeuronsWindowThen  then)
{
  Continuation *continuation = g_new (Continuation, 1);

  continuation->self = g_object_ref (self);
  continuation->then = then;

  return continuation;
}

static void
continuation_free (Continuation *continuation)
{
  g_object_unref (continuation->self);
  g_free (continuation);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Continuation, continuation_free)

static guint64
unsaved_samples (NeuronsWindow *self)
{
  guint64 samples_seen = neurons_network_model_get_samples_seen (_neurons_window_get_net (self));

  return samples_seen > self->saved_samples_seen ? samples_seen - self->saved_samples_seen : 0;
}

static char *
get_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_basename (file);
}

/* "network.neurons.json" once there is a file, with "•" before it while progress is unsaved;
 * the window's own title ("network.neurons.json — Neurons") names the app as well, for the
 * window list. The header bar shows the title only when it is too narrow for the view
 * switcher, so the sidebar says it too, in words, above the progress it is about. */
static void
update_title (NeuronsWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *file_text = NULL;

  name = self->file != NULL ? get_display_name (self->file) : g_strdup (_("Neurons"));
  if (self->unsaved)
    /* Translators: the window title of a network with unsaved progress */
    title = g_strdup_printf (_("• %s"), name);
  else
    title = g_strdup (name);
  adw_window_title_set_title (self->window_title, title);

  if (self->file != NULL)
    /* Translators: the window's title in the list of windows: "network.neurons.json — Neurons" */
    window_title = g_strdup_printf (_("%s — Neurons"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title != NULL ? window_title : title);

  if (self->file != NULL && self->unsaved)
    /* Translators: under “Progress” in the sidebar: "Unsaved progress · network.neurons.json" */
    file_text = g_strdup_printf (_("Unsaved progress · %s"), name);
  else if (self->file != NULL)
    /* Translators: under “Progress” in the sidebar */
    file_text = g_strdup_printf (_("Saved as %s"), name);
  else if (self->unsaved)
    file_text = g_strdup (_("Unsaved progress"));
  neurons_controls_sidebar_set_file_status (self->controls_sidebar, file_text);
}

static void
update_unsaved (NeuronsWindow *self)
{
  gboolean unsaved = unsaved_samples (self) > 0;

  if (unsaved == self->unsaved)
    return;

  self->unsaved = unsaved;
  update_title (self);
}

static void
on_net_changed (NeuronsWindow    *self,
                NeuronsNetworkModel *net)
{
  update_unsaved (self);
}

/* Fresh weights or a network from a file: what it knows now is not at risk. */
static void
on_net_reset (NeuronsWindow    *self,
              NeuronsNetworkModel *net)
{
  self->saved_samples_seen = neurons_network_model_get_samples_seen (net);
  update_unsaved (self);
}

/* The file the network now belongs to, after it was opened or saved. */
static void
set_file (NeuronsWindow *self,
          GFile         *file)
{
  g_assert (G_IS_FILE (file));

  g_set_object (&self->file, file);
  self->saved_samples_seen = neurons_network_model_get_samples_seen (_neurons_window_get_net (self));
  self->unsaved = unsaved_samples (self) > 0;
  update_title (self);
}

static void
show_error (NeuronsWindow *self,
            const char    *heading,
            const char    *body)
{
  AdwDialog *dialog = adw_alert_dialog_new (heading, body);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

/* Writes the network to file; training pauses meanwhile, so the file holds one moment of
 * it. The engine writes atomically: a failed save leaves what was there. */
static gboolean
save_to_file (NeuronsWindow *self,
              GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = get_display_name (file);

  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("“%s” is not a file on this computer; choose a folder here to save in"), name);
  else
    neurons_experiment_save_file (self->experiment, path, &error);

  if (error != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      show_error (self, heading, error->message);
      return FALSE;
    }

  set_file (self, file);
  {
    g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  }

  return TRUE;
}

static GListModel *
network_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) networks = NULL;
  g_autoptr(GtkFileFilter) json = NULL;

  networks = neurons_file_chooser_filter_new (_("Neurons Networks"), NETWORK_MIME_TYPE, "*.neurons.json");
  json = neurons_file_chooser_filter_new (_("All JSON Files"), "application/json", "*.json");
  g_list_store_append (filters, networks);
  g_list_store_append (filters, json);

  return G_LIST_MODEL (filters);
}

static void
on_save_as_chosen (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Continuation) continuation = user_data;
  g_autoptr(GFile) file = NULL;

  file = neurons_file_chooser_finish (result, NULL);
  if (file == NULL)
    return;

  if (save_to_file (continuation->self, file) && continuation->then != NULL)
    continuation->then (continuation->self);
}

/* Asks where to save, saves, and then goes on, unless the dialog was closed or saving
 * failed. */
static void
save_as (NeuronsWindow     *self,
         NeuronsWindowThen  then)
{
  g_autoptr(GListModel) filters = network_filters ();

  neurons_file_chooser_run (GTK_WINDOW (self), NEURONS_FILE_CHOOSER_SAVE,
                            _("Save Network"), _("_Save"), filters,
                            self->file, SUGGESTED_NAME,
                            on_save_as_chosen, continuation_new (self, then));
}

static void
save (NeuronsWindow     *self,
      NeuronsWindowThen  then)
{
  if (self->file == NULL)
    save_as (self, then);
  else if (save_to_file (self, self->file) && then != NULL)
    then (self);
}

static void
neurons_window_files_save (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  save (NEURONS_WINDOW (widget), NULL);
}

static void
neurons_window_files_save_as (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  save_as (NEURONS_WINDOW (widget), NULL);
}

static void
on_unsaved_response (AdwAlertDialog *dialog,
                     const char     *response,
                     gpointer        user_data)
{
  Continuation *continuation = user_data;

  if (g_str_equal (response, "discard"))
    continuation->then (continuation->self);
  else if (g_str_equal (response, "save"))
    save (continuation->self, continuation->then);
}

/* Goes on at once when nothing would be lost; else asks whether to save first. */
static void
confirm_unsaved (NeuronsWindow     *self,
                 NeuronsWindowThen  then)
{
  AdwAlertDialog *dialog;
  guint64 samples = unsaved_samples (self);
  g_autofree char *count = NULL;
  g_autofree char *body = NULL;

  if (samples == 0)
    {
      then (self);
      return;
    }

  /* Asked already: Ctrl+Q while the question is open brings it forward */
  if (self->unsaved_dialog != NULL)
    {
      adw_dialog_present (self->unsaved_dialog, GTK_WIDGET (self));
      return;
    }

  count = g_strdup_printf ("%'" G_GUINT64_FORMAT, samples);
  if (self->file != NULL)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The network has learned from %s sample since it was last saved. "
                                         "If you don’t save, what it learned will be permanently lost.",
                                         "The network has learned from %s samples since it was last saved. "
                                         "If you don’t save, what it learned will be permanently lost.",
                                         samples),
                            count);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The network has learned from %s sample. "
                                         "If you don’t save it, what it learned will be permanently lost.",
                                         "The network has learned from %s samples. "
                                         "If you don’t save it, what it learned will be permanently lost.",
                                         samples),
                            count);
  dialog = ADW_ALERT_DIALOG (adw_alert_dialog_new (_("Save Progress?"), body));
  adw_alert_dialog_add_responses (dialog,
                                  "cancel", _("_Cancel"),
                                  "discard", _("_Discard"),
                                  "save", _("_Save"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_alert_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (dialog, "save");
  adw_alert_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_unsaved_response),
                         continuation_new (self, then), (GClosureNotify) continuation_free, 0);
  self->unsaved_dialog = ADW_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unsaved_dialog);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

static void
on_open_chosen (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NeuronsWindow) self = user_data;
  g_autoptr(GFile) file = NULL;

  file = neurons_file_chooser_finish (result, NULL);
  if (file != NULL)
    neurons_window_open_file (self, file);
}

static void
choose_file_to_open (NeuronsWindow *self)
{
  g_autoptr(GListModel) filters = network_filters ();

  neurons_file_chooser_run (GTK_WINDOW (self), NEURONS_FILE_CHOOSER_OPEN,
                            _("Open Network"), _("_Open"), filters,
                            self->file, NULL,
                            on_open_chosen, g_object_ref (self));
}

static void
neurons_window_files_open (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  confirm_unsaved (NEURONS_WINDOW (widget), choose_file_to_open);
}

/* Replaces the network with the one in a file; a file that cannot be used changes nothing
 * and says why. */
void
neurons_window_open_file (NeuronsWindow *self,
                          GFile         *file)
{
  NeuronsNetworkModel *net;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *samples = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (NEURONS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  net = _neurons_window_get_net (self);
  name = g_file_get_basename (file);
  path = g_file_get_path (file);

  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("“%s” is not on this computer; copy it here first"), name);
  else
    neurons_experiment_open_file (self->experiment, path, &error);

  if (error != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      show_error (self, heading, error->message);
      return;
    }

  set_file (self, file);

  samples = g_strdup_printf ("%'" G_GUINT64_FORMAT, neurons_network_model_get_samples_seen (net));
  /* Translators: "Opened “net.json”: ReLU, 12,000 samples seen" */
  message = g_strdup_printf (_("Opened “%s”: %s, %s samples seen"), name,
                             neurons_activation_display_name (neurons_network_model_get_hidden_activation (net)),
                             samples);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_figure_exported (NeuronsWindow *self,
                    GFile         *file)
{
  g_autofree char *name = get_display_name (file);
  g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Offers the figures on screen, on whichever page is open. */
static void
neurons_window_files_export_figure (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  NeuronsWindow *self = NEURONS_WINDOW (widget);
  AdwDialog *dialog = neurons_export_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_figure_exported), self, G_CONNECT_SWAPPED);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
close_now (NeuronsWindow *self)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request (NeuronsWindow *self,
                  GtkWindow     *window)
{
  if (self->close_confirmed || unsaved_samples (self) == 0)
    return FALSE;

  confirm_unsaved (self, close_now);
  return TRUE;
}

void
_neurons_window_class_files_init (NeuronsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, neurons_window_files_open);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, neurons_window_files_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);

  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, neurons_window_files_save_as);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);

  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, neurons_window_files_export_figure);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-figure", NULL);
}

void
_neurons_window_files_init (NeuronsWindow *self)
{
  NeuronsNetworkModel *net = _neurons_window_get_net (self);

  g_signal_connect_object (net, "changed", G_CALLBACK (on_net_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (net, "reset", G_CALLBACK (on_net_reset), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self, "close-request", G_CALLBACK (on_close_request), self);

  self->saved_samples_seen = neurons_network_model_get_samples_seen (_neurons_window_get_net (self));
  update_title (self);
}
