/* neurons-export-dialog.c: choosing a figure of the window and writing it to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-activation-chart.h"
#include "neurons-confusion-matrix.h"
#include "neurons-draw-canvas.h"
#include "neurons-export.h"
#include "neurons-export-dialog.h"
#include "neurons-file-chooser.h"
#include "neurons-history-chart.h"
#include "neurons-init-chart.h"
#include "neurons-learning-rate-chart.h"
#include "neurons-network-view.h"
#include "neurons-seen-preview.h"
#include "neurons-test-bench.h"
#include "neurons-weight-histogram.h"
#include "neurons-weight-tiles.h"

/*
 * The figures offered are those on screen in the parent window: whatever page is open, so
 * the dialog needs to know nothing of how the window lays them out. Each is written as it is
 * drawn at that moment, while training goes on.
 */

struct _NeuronsExportDialog
{
  AdwDialog   parent_instance;

  GPtrArray  *figures;       /* (element-type GtkWidget) in the order of figure_list */
  GtkWidget  *chosen;        /* the figure being exported, while the file dialog is open */

  /* Template children */
  GtkListBox *figure_list;
  GtkWidget  *png_check;
  GtkWidget  *export_button;
};

G_DEFINE_FINAL_TYPE (NeuronsExportDialog, neurons_export_dialog, ADW_TYPE_DIALOG)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a figure is called in the dialog, and the file name it suggests. */
typedef struct
{
  const char *title;
  const char *file_name;
} FigureName;

static gboolean
figure_name (GtkWidget  *widget,
             FigureName *name)
{
  if (NEURONS_IS_NETWORK_VIEW (widget))
    *name = (FigureName) { _("Network"), "network" };
  else if (NEURONS_IS_WEIGHT_TILES (widget))
    *name = (FigureName) { _("First-Layer Weights"), "first-layer-weights" };
  else if (NEURONS_IS_SEEN_PREVIEW (widget))
    *name = (FigureName) { _("What the Network Sees"), "what-the-network-sees" };
  else if (NEURONS_IS_DRAW_CANVAS (widget))
    *name = (FigureName) { _("Drawing"), "drawing" };
  else if (NEURONS_IS_ACTIVATION_CHART (widget))
    *name = (FigureName) { _("Activation Functions"), "activation-functions" };
  else if (NEURONS_IS_INIT_CHART (widget))
    *name = (FigureName) { _("Starting Weights"), "starting-weights" };
  else if (NEURONS_IS_LEARNING_RATE_CHART (widget))
    *name = (FigureName) { _("Learning Rates"), "learning-rates" };
  else if (NEURONS_IS_WEIGHT_HISTOGRAM (widget))
    *name = (FigureName) { _("Weight Spread"), "weight-spread" };
  else if (NEURONS_IS_HISTORY_CHART (widget)
           && neurons_history_chart_get_kind (NEURONS_HISTORY_CHART (widget)) == NEURONS_HISTORY_CHART_COST)
    *name = (FigureName) { _("Cost over Training"), "cost" };
  else if (NEURONS_IS_HISTORY_CHART (widget))
    *name = (FigureName) { _("Accuracy over Training"), "accuracy" };
  else if (NEURONS_IS_TEST_BENCH (widget))
    *name = (FigureName) { _("Test Panel"), "test-panel" };
  else if (NEURONS_IS_CONFUSION_MATRIX (widget))
    *name = (FigureName) { _("Confusion Matrix"), "confusion-matrix" };
  else
    return FALSE;

  return TRUE;
}

/* The figures on screen under widget, depth first: a hidden page is not mapped. */
static void
collect_figures (GtkWidget *widget,
                 GPtrArray *figures)
{
  FigureName name;

  if (!gtk_widget_get_mapped (widget))
    return;

  if (figure_name (widget, &name))
    {
      if (gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0)
        g_ptr_array_add (figures, g_object_ref (widget));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_figures (child, figures);
}

static GtkWidget *
chosen_figure (NeuronsExportDialog *self)
{
  for (guint i = 0; i < self->figures->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->figure_list, (int) i);
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        return g_ptr_array_index (self->figures, i);
    }

  return NULL;
}

/* Said in the window, once this dialog has closed. */
static void
show_error (GtkWidget  *window,
            GFile      *file,
            const char *message)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);
  AdwDialog *dialog = adw_alert_dialog_new (heading, message);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, window);
}

/* The format a name asks for; a name with neither ending gets the chosen format's. */
static GFile *
with_extension (GFile               *file,
                NeuronsExportFormat  format)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_utf8_strdown (name, -1);
  g_autofree char *full_name = NULL;
  g_autoptr(GFile) folder = NULL;

  if (g_str_has_suffix (lower, format == NEURONS_EXPORT_PNG ? ".png" : ".svg"))
    return g_object_ref (file);

  full_name = g_strconcat (name, format == NEURONS_EXPORT_PNG ? ".png" : ".svg", NULL);
  folder = g_file_get_parent (file);
  return g_file_get_child (folder, full_name);
}

static void
on_file_chosen (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(NeuronsExportDialog) self = user_data;
  NeuronsExportFormat format = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->png_check))
                               ? NEURONS_EXPORT_PNG : NEURONS_EXPORT_SVG;
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) figure = g_steal_pointer (&self->chosen);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  gtk_widget_set_sensitive (self->export_button, TRUE);
  chosen = neurons_file_chooser_finish (result, NULL);
  if (chosen == NULL)
    return;

  file = with_extension (chosen, format);
  if (!neurons_export_widget (figure, file, format, NEURONS_EXPORT_PNG_SCALE, &error))
    {
      adw_dialog_close (ADW_DIALOG (self));
      show_error (window, file, error->message);
      return;
    }

  g_signal_emit (self, signals[EXPORTED], 0, file);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_cancel_clicked (NeuronsExportDialog *self)
{
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_export_clicked (NeuronsExportDialog *self)
{
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) png = NULL;
  g_autoptr(GtkFileFilter) svg = NULL;
  g_autofree char *suggested = NULL;
  GtkWidget *figure = chosen_figure (self);
  gboolean as_png = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->png_check));
  FigureName name;

  g_return_if_fail (figure != NULL);

  figure_name (figure, &name);
  suggested = g_strconcat (name.file_name, as_png ? ".png" : ".svg", NULL);
  png = neurons_file_chooser_filter_new (_("PNG Pictures"), "image/png", "*.png");
  svg = neurons_file_chooser_filter_new (_("SVG Drawings"), "image/svg+xml", "*.svg");
  g_list_store_append (filters, as_png ? png : svg);
  g_list_store_append (filters, as_png ? svg : png);

  self->chosen = g_object_ref (figure);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  neurons_file_chooser_run (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NEURONS_FILE_CHOOSER_SAVE,
                            _("Export Figure"), _("_Export"), G_LIST_MODEL (filters),
                            NULL, suggested,
                            on_file_chosen, g_object_ref (self));
}

static void
add_figure_rows (NeuronsExportDialog *self,
                 GtkWindow           *window)
{
  GtkWidget *group = NULL;
  guint largest = 0;
  double largest_area = 0;

  collect_figures (GTK_WIDGET (window), self->figures);

  for (guint i = 0; i < self->figures->len; i++)
    {
      GtkWidget *figure = g_ptr_array_index (self->figures, i);
      double area = (double) gtk_widget_get_width (figure) * gtk_widget_get_height (figure);
      g_autofree char *size = NULL;
      GtkWidget *row, *check;
      FigureName name;

      figure_name (figure, &name);
      /* Translators: a figure's size on screen, in pixels: "640 × 480" */
      size = g_strdup_printf (_("%d × %d"), gtk_widget_get_width (figure), gtk_widget_get_height (figure));
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
      else
        group = check;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name.title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->figure_list, row);

      if (area > largest_area)
        {
          largest = i;
          largest_area = area;
        }
    }

  if (self->figures->len > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->figure_list, (int) largest);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), TRUE);
    }
  gtk_widget_set_sensitive (self->export_button, self->figures->len > 0);
}

static void
neurons_export_dialog_dispose (GObject *object)
{
  NeuronsExportDialog *self = (NeuronsExportDialog *) object;

  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_clear_object (&self->chosen);

  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (neurons_export_dialog_parent_class)->dispose (object);
}

static void
neurons_export_dialog_class_init (NeuronsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsExportDialog, figure_list);
  gtk_widget_class_bind_template_child (widget_class, NeuronsExportDialog, png_check);
  gtk_widget_class_bind_template_child (widget_class, NeuronsExportDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  /**
   * NeuronsExportDialog::exported:
   * @file: the picture written
   *
   * A figure was written to @file; the dialog closes.
   */
  signals[EXPORTED] =
    g_signal_new ("exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);
}

static void
neurons_export_dialog_init (NeuronsExportDialog *self)
{
  self->figures = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * neurons_export_dialog_new:
 * @window: the window whose figures are offered
 *
 * Returns: a dialog listing the figures on screen in @window, the largest chosen; present
 *   it in @window with adw_dialog_present()
 */
AdwDialog *
neurons_export_dialog_new (GtkWindow *window)
{
  NeuronsExportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  self = g_object_new (NEURONS_TYPE_EXPORT_DIALOG, NULL);
  add_figure_rows (self, window);

  return ADW_DIALOG (self);
}
