/* neurons-confusion-matrix.c: which digits the network takes for which, on the whole test set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-confusion-matrix"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "neurons-chart.h"
#include "neurons-colors.h"
#include "neurons-confusion-matrix.h"
#include "neurons-digit-button.h"

/*
 * The whole test set as a 10 × 10 table: row is the true digit, column the guess, each cell
 * the number of images. The diagonal (right) is shaded in the text colour by the share of
 * its row it holds; mistakes in red by their share of the row, so that a common confusion
 * stands out whatever the digit's count; the few most common mistakes are also framed, for
 * those who cannot tell the shades apart. Every cell shows its count, and each row its sum.
 *
 * Clicking a cell, or Enter on the cell under the keyboard cursor, emits "cell-activated";
 * unless a handler stops it, a popover then shows the images behind the cell, each a button
 * that emits "sample-activated".
 *
 * For a screen reader the matrix is a grid: ten rows, one per true digit, of ten cells that
 * each name their count ("True 3, guessed 5: 12 images"). Rows and cells are small widgets
 * that draw nothing and take no input: the matrix draws them and keeps the keyboard cursor,
 * and points at the cell under it as its active descendant.
 */

#define N_DIGITS       NEURONS_OUTPUT_SIZE
#define N_FRAMED       3
#define MAX_SHOWN      40
#define SHOWN_PER_ROW  10

struct _NeuronsConfusionMatrix
{
  GtkWidget         parent_instance;

  NeuronsEvaluator *evaluator;
  GtkWidget        *popover;
  GtkWidget        *rows[N_DIGITS];
  GtkWidget        *cells[N_DIGITS][N_DIGITS];   /* [true][predicted] */
  guint             cursor_true;
  guint             cursor_predicted;
  int               hover_true;        /* −1 for none */
  int               hover_predicted;

  /* layout, from size_allocate */
  double            left, top, cell;
};

G_DEFINE_FINAL_TYPE (NeuronsConfusionMatrix, neurons_confusion_matrix, GTK_TYPE_WIDGET)

/* A cell, for assistive technologies; the matrix draws it. */
#define NEURONS_TYPE_CONFUSION_CELL (neurons_confusion_cell_get_type ())
G_DECLARE_FINAL_TYPE (NeuronsConfusionCell, neurons_confusion_cell, NEURONS, CONFUSION_CELL, GtkWidget)

struct _NeuronsConfusionCell
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (NeuronsConfusionCell, neurons_confusion_cell, GTK_TYPE_WIDGET)

static void
neurons_confusion_cell_class_init (NeuronsConfusionCellClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "confusion-cell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID_CELL);
}

static void
neurons_confusion_cell_init (NeuronsConfusionCell *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/* A row of cells, one true digit, for assistive technologies; its cells share its width. */
#define NEURONS_TYPE_CONFUSION_ROW (neurons_confusion_row_get_type ())
G_DECLARE_FINAL_TYPE (NeuronsConfusionRow, neurons_confusion_row, NEURONS, CONFUSION_ROW, GtkWidget)

struct _NeuronsConfusionRow
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (NeuronsConfusionRow, neurons_confusion_row, GTK_TYPE_WIDGET)

static void
neurons_confusion_row_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  int column = 0;

  for (GtkWidget *cell = gtk_widget_get_first_child (widget); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      int left = column * width / N_DIGITS, right = (column + 1) * width / N_DIGITS;

      gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (cell, &(GtkAllocation) { left, 0, right - left, height }, -1);
      column++;
    }
}

static void
neurons_confusion_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (neurons_confusion_row_parent_class)->dispose (object);
}

static void
neurons_confusion_row_class_init (NeuronsConfusionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_confusion_row_dispose;
  widget_class->size_allocate = neurons_confusion_row_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "confusion-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ROW);
}

static void
neurons_confusion_row_init (NeuronsConfusionRow *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

enum {
  PROP_0,
  PROP_EVALUATOR,
  N_PROPS
};

enum {
  CELL_ACTIVATED,
  SAMPLE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const NeuronsEvaluation *
evaluation (NeuronsConfusionMatrix *self)
{
  return self->evaluator != NULL ? neurons_evaluator_get_evaluation (self->evaluator) : NULL;
}

/* The N_FRAMED largest off-diagonal cells, largest first, as true * N_DIGITS + predicted. */
static guint
common_confusions (const NeuronsEvaluation *results,
                   guint                   *cells)
{
  guint n = 0;

  for (guint k = 0; k < N_FRAMED; k++)
    {
      guint best_count = 0, best = 0;

      for (guint cell = 0; cell < N_DIGITS * N_DIGITS; cell++)
        {
          guint t = cell / N_DIGITS, p = cell % N_DIGITS;
          guint count = results->confusion[t][p];
          gboolean taken = FALSE;

          for (guint i = 0; i < n; i++)
            taken |= cells[i] == cell;
          if (t != p && !taken && count > best_count)
            {
              best_count = count;
              best = cell;
            }
        }

      if (best_count == 0)
        break;
      cells[n++] = best;
    }

  return n;
}

/* What row or column k is: a digit, or a class name such as "Sneaker" */
static char *
class_name (NeuronsConfusionMatrix *self,
            guint                   k)
{
  if (self->evaluator == NULL)
    return g_strdup_printf ("%u", k);

  return g_strdup (neurons_network_model_get_class_name (neurons_evaluator_get_net (self->evaluator), k));
}

static char *
class_label (NeuronsConfusionMatrix *self,
             guint                   k)
{
  g_autofree char *name = class_name (self, k);

  return g_markup_printf_escaped ("<small><b>%s</b></small>", name);
}

/* The widest class label; names longer than a digit stand upright above the columns. */
static int
class_label_width (NeuronsConfusionMatrix *self,
                   gboolean               *upright)
{
  int widest = 0;

  *upright = FALSE;
  for (guint k = 0; k < N_DIGITS; k++)
    {
      g_autofree char *name = class_name (self, k);
      g_autofree char *label = class_label (self, k);
      int width;

      neurons_chart_text_size (GTK_WIDGET (self), label, &width, NULL);
      widest = MAX (widest, width);
      *upright |= g_utf8_strlen (name, -1) > 2;
    }

  return widest;
}

static void
update_description (NeuronsConfusionMatrix *self)
{
  const NeuronsEvaluation *results = evaluation (self);
  g_autoptr(GString) description = g_string_new (NULL);
  guint common[N_FRAMED];
  guint n_common;

  if (results == NULL)
    {
      neurons_chart_set_description (GTK_WIDGET (self), _("Measuring the network on the test images…"));
      return;
    }

  g_string_append_printf (description, _("Of %u test images, %u are on the diagonal, guessed right."),
                          results->n_samples, results->n_correct);
  n_common = common_confusions (results, common);
  for (guint i = 0; i < n_common; i++)
    {
      guint t = common[i] / N_DIGITS, p = common[i] % N_DIGITS;
      g_autofree char *true_name = class_name (self, t);
      g_autofree char *predicted_name = class_name (self, p);

      g_string_append_c (description, ' ');
      g_string_append_printf (description, i == 0 ? _("Most common mistake: %s taken for %s, %u times.")
                                                  : _("Then %s taken for %s, %u times."),
                              true_name, predicted_name, results->confusion[t][p]);
    }

  neurons_chart_set_description (GTK_WIDGET (self), description->str);
}

static void
update_cursor_label (NeuronsConfusionMatrix *self)
{
  const NeuronsEvaluation *results = evaluation (self);
  g_autofree char *label = NULL;

  if (results == NULL)
    label = g_strdup (_("Confusion matrix"));
  else
    {
      g_autofree char *true_name = class_name (self, self->cursor_true);
      g_autofree char *predicted_name = class_name (self, self->cursor_predicted);

      label = g_strdup_printf (_("Confusion matrix, at true %s, guessed %s: %u images"),
                               true_name, predicted_name,
                               results->confusion[self->cursor_true][self->cursor_predicted]);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_ACTIVE_DESCENDANT,
                                  self->cells[self->cursor_true][self->cursor_predicted],
                                  -1);
  for (guint t = 0; t < N_DIGITS; t++)
    for (guint p = 0; p < N_DIGITS; p++)
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->cells[t][p]),
                                   GTK_ACCESSIBLE_STATE_SELECTED,
                                   t == self->cursor_true && p == self->cursor_predicted,
                                   -1);
}

/* What each row and cell says to a screen reader: its digits and its count. */
static void
update_cell_labels (NeuronsConfusionMatrix *self)
{
  const NeuronsEvaluation *results = evaluation (self);

  for (guint t = 0; t < N_DIGITS; t++)
    {
      g_autofree char *true_name = class_name (self, t);
      g_autofree char *row_label = g_strdup_printf (_("True %s"), true_name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[t]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, row_label,
                                      -1);
      for (guint p = 0; p < N_DIGITS; p++)
        {
          g_autofree char *predicted_name = class_name (self, p);
          g_autofree char *label = NULL;

          if (results == NULL)
            label = g_strdup_printf (_("True %s, guessed %s"), true_name, predicted_name);
          else
            {
              guint count = results->confusion[t][p];

              /* Translators: a cell of the confusion matrix, "True 3, guessed 5: 12 images" */
              label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "True %s, guessed %s: %u image",
                                                    "True %s, guessed %s: %u images", count),
                                       true_name, predicted_name, count);
            }
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->cells[t][p]),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                          -1);
        }
    }
}

static void
on_updated (NeuronsConfusionMatrix *self)
{
  update_description (self);
  update_cursor_label (self);
  update_cell_labels (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * neurons_confusion_matrix_get_cell_bounds:
 * @self: a confusion matrix
 * @true_digit: the row
 * @predicted_digit: the column
 * @bounds: (out): the cell, in the widget's coordinates
 *
 * Returns: %FALSE before the widget has a size
 */
gboolean
neurons_confusion_matrix_get_cell_bounds (NeuronsConfusionMatrix *self,
                                          guint                   true_digit,
                                          guint                   predicted_digit,
                                          graphene_rect_t        *bounds)
{
  g_return_val_if_fail (NEURONS_IS_CONFUSION_MATRIX (self), FALSE);
  g_return_val_if_fail (true_digit < N_DIGITS && predicted_digit < N_DIGITS, FALSE);

  *bounds = GRAPHENE_RECT_INIT (self->left + predicted_digit * self->cell, self->top + true_digit * self->cell,
                                self->cell, self->cell);
  return self->cell > 0;
}

static gboolean
cell_at (NeuronsConfusionMatrix *self,
         double                  x,
         double                  y,
         guint                  *true_digit,
         guint                  *predicted_digit)
{
  double column = floor ((x - self->left) / self->cell);
  double row = floor ((y - self->top) / self->cell);

  if (self->cell <= 0 || column < 0 || column >= N_DIGITS || row < 0 || row >= N_DIGITS)
    return FALSE;

  *true_digit = (guint) row;
  *predicted_digit = (guint) column;
  return TRUE;
}

static int
count_width (GtkWidget *widget)
{
  int width;

  neurons_chart_text_size (widget, "<small>= 1135</small>", &width, NULL);
  return width + 6;
}

static void
neurons_confusion_matrix_size_allocate (GtkWidget *widget,
                                        int        width,
                                        int        height,
                                        int        baseline)
{
  NeuronsConfusionMatrix *self = NEURONS_CONFUSION_MATRIX (widget);
  int label_width, label_height, class_width;
  gboolean upright;

  neurons_chart_text_size (widget, "<small>guessed</small>", &label_width, &label_height);
  class_width = class_label_width (self, &upright);
  self->left = label_height + 4 + MAX (14, class_width + 4);
  self->top = label_height + 4 + (upright ? class_width + 4 : label_height + 2);
  self->cell = floor (MIN ((width - self->left - count_width (widget)) / N_DIGITS, (height - self->top - 2) / N_DIGITS));
  self->cell = MAX (self->cell, 0);

  for (guint t = 0; t < N_DIGITS; t++)
    {
      gtk_widget_measure (self->rows[t], GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (self->rows[t],
                                &(GtkAllocation) { (int) self->left, (int) (self->top + t * self->cell),
                                                   (int) (N_DIGITS * self->cell), (int) self->cell },
                                -1);
    }

  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
neurons_confusion_matrix_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  int label_height, class_width, left, top;
  gboolean upright;

  /* as size_allocate lays it out */
  neurons_chart_text_size (widget, "<small>guessed</small>", NULL, &label_height);
  class_width = class_label_width (NEURONS_CONFUSION_MATRIX (widget), &upright);
  left = label_height + 4 + MAX (14, class_width + 4);
  top = label_height + 4 + (upright ? class_width + 4 : label_height + 2);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* class names take room from the cells, so that the window still fits a small screen */
      *minimum = left + N_DIGITS * (upright ? 18 : 22) + count_width (widget);
      *natural = left + N_DIGITS * 36 + count_width (widget);
    }
  else
    {
      *minimum = top + 2 + N_DIGITS * 22;
      *natural = top + 2 + N_DIGITS * 36;
    }
}

/* The colours the matrix draws with, picked once per frame */
typedef struct
{
  gboolean dark;
  GdkRGBA  text;
  GdkRGBA  faint;
  GdkRGBA  right;
  GdkRGBA  wrong;
} Palette;

static void
palette_init (Palette   *palette,
              GtkWidget *widget)
{
  palette->dark = neurons_colors_is_dark (widget);
  neurons_chart_foreground (widget, 1.0, &palette->text);
  neurons_chart_foreground (widget, 0.65, &palette->faint);
  neurons_chart_foreground (widget, 1.0, &palette->right);
  neurons_chart_color (NEURONS_CHART_WRONG, palette->dark, &palette->wrong);
}

/* The axis titles, and the digits along the top (upright where they are long) and the side */
static void
snapshot_axes (NeuronsConfusionMatrix *self,
               GtkSnapshot            *snapshot,
               const Palette          *palette)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean upright;

  neurons_chart_text (widget, snapshot, _("<small>guessed →</small>"), self->left, 2,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &palette->faint);
  class_label_width (self, &upright);
  for (guint d = 0; d < N_DIGITS; d++)
    {
      g_autofree char *digit = class_label (self, d);

      if (upright)
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->left + (d + 0.5) * self->cell, self->top - 4));
          gtk_snapshot_rotate (snapshot, -90);
          neurons_chart_text (widget, snapshot, digit, 0, 0,
                              NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_CENTER, &palette->text);
          gtk_snapshot_restore (snapshot);
        }
      else
        neurons_chart_text (widget, snapshot, digit, self->left + (d + 0.5) * self->cell, self->top - 2,
                            NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_END, &palette->text);
      neurons_chart_text (widget, snapshot, digit, self->left - 3, self->top + (d + 0.5) * self->cell,
                          NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_CENTER, &palette->text);
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (2, self->top + 5 * self->cell));
  gtk_snapshot_rotate (snapshot, -90);
  neurons_chart_text (widget, snapshot, _("<small>true digit</small>"), 0, 0,
                      NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_START, &palette->faint);
  gtk_snapshot_restore (snapshot);
}

/* One cell: its colour says how many of the true digit were guessed as this one, its label
 * how many exactly. */
static void
snapshot_cell (NeuronsConfusionMatrix  *self,
               GtkSnapshot             *snapshot,
               cairo_t                 *cr,
               const Palette           *palette,
               const NeuronsEvaluation *results,
               guint                    t,
               guint                    p)
{
  static const GdkRGBA white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 1 };
  GtkWidget *widget = GTK_WIDGET (self);
  guint count = results->confusion[t][p];
  double share = results->per_digit_total[t] > 0 ? (double) count / results->per_digit_total[t] : 0;
  double x = self->left + p * self->cell, y = self->top + t * self->cell;
  GdkRGBA fill = t == p ? palette->right : palette->wrong;
  g_autofree char *label = NULL;
  const GdkRGBA *label_color;

  /* mistakes are rarely more than a few percent of a row: stretch them to be seen */
  fill.alpha = (float) (t == p ? 0.15 + 0.6 * share : (count > 0 ? 0.12 + MIN (1.0, sqrt (share / 0.25)) * 0.83 : 0));
  gdk_cairo_set_source_rgba (cr, &fill);
  cairo_rectangle (cr, x + 1, y + 1, self->cell - 2, self->cell - 2);
  cairo_fill (cr);

  label = g_strdup_printf ("<small>%u</small>", count);
  /* four digits outgrow a small cell: a size smaller still */
  if (count >= 1000)
    {
      int label_width;

      neurons_chart_text_size (widget, label, &label_width, NULL);
      if (label_width > self->cell - 3)
        {
          g_free (label);
          label = g_strdup_printf ("<span size=\"x-small\">%u</span>", count);
        }
    }
  if (fill.alpha > 0.5)
    label_color = t == p && palette->dark ? &black : &white;
  else
    label_color = count == 0 ? &palette->faint : &palette->text;
  neurons_chart_text (widget, snapshot, label, x + self->cell / 2, y + self->cell / 2,
                      NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_CENTER, label_color);
}

/* Every cell, and each row's total beside it */
static void
snapshot_cells (NeuronsConfusionMatrix  *self,
                GtkSnapshot             *snapshot,
                cairo_t                 *cr,
                const Palette           *palette,
                const NeuronsEvaluation *results)
{
  for (guint t = 0; t < N_DIGITS; t++)
    {
      guint row_total = 0;
      g_autofree char *total = NULL;

      for (guint p = 0; p < N_DIGITS; p++)
        {
          snapshot_cell (self, snapshot, cr, palette, results, t, p);
          row_total += results->confusion[t][p];
        }

      total = g_strdup_printf ("<small>= %u</small>", row_total);
      neurons_chart_text (GTK_WIDGET (self), snapshot, total,
                          self->left + N_DIGITS * self->cell + 4, self->top + (t + 0.5) * self->cell,
                          NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_CENTER, &palette->faint);
    }
}

/* The most common confusions framed, so that they do not depend on telling reds apart; then
 * the cell under the pointer and the keyboard cursor. */
static void
stroke_frames (NeuronsConfusionMatrix  *self,
               cairo_t                 *cr,
               const Palette           *palette,
               const NeuronsEvaluation *results)
{
  guint common[N_FRAMED];
  guint n_common = common_confusions (results, common);
  graphene_rect_t bounds;

  gdk_cairo_set_source_rgba (cr, &palette->text);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < n_common; i++)
    {
      neurons_confusion_matrix_get_cell_bounds (self, common[i] / N_DIGITS, common[i] % N_DIGITS, &bounds);
      cairo_rectangle (cr, bounds.origin.x + 1, bounds.origin.y + 1, bounds.size.width - 2, bounds.size.height - 2);
    }
  cairo_stroke (cr);

  if (self->hover_true >= 0)
    {
      neurons_confusion_matrix_get_cell_bounds (self, self->hover_true, self->hover_predicted, &bounds);
      gdk_cairo_set_source_rgba (cr, &palette->faint);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, bounds.origin.x + 0.5, bounds.origin.y + 0.5, bounds.size.width - 1, bounds.size.height - 1);
      cairo_stroke (cr);
    }
  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    {
      neurons_confusion_matrix_get_cell_bounds (self, self->cursor_true, self->cursor_predicted, &bounds);
      gdk_cairo_set_source_rgba (cr, &palette->text);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
      cairo_rectangle (cr, bounds.origin.x - 1, bounds.origin.y - 1, bounds.size.width + 2, bounds.size.height + 2);
      cairo_stroke (cr);
    }
}

static void
neurons_confusion_matrix_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  NeuronsConfusionMatrix *self = NEURONS_CONFUSION_MATRIX (widget);
  const NeuronsEvaluation *results = evaluation (self);
  Palette palette;
  cairo_t *cr;

  if (self->cell <= 0)
    return;

  palette_init (&palette, widget);
  snapshot_axes (self, snapshot, &palette);

  if (results == NULL)
    {
      neurons_chart_text (widget, snapshot, _("<small>Measuring…</small>"),
                          self->left + 5 * self->cell, self->top + 5 * self->cell,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_CENTER, &palette.faint);
      return;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget)));
  snapshot_cells (self, snapshot, cr, &palette, results);
  stroke_frames (self, cr, &palette, results);
  cairo_destroy (cr);
}

static void
on_sample_button_activate (NeuronsConfusionMatrix *self,
                           NeuronsDigitButton     *button)
{
  g_signal_emit (self, signals[SAMPLE_ACTIVATED], 0, neurons_digit_button_get_index (button));
}

/* The class handler of "cell-activated": the images behind the cell, in a popover. */
static void
neurons_confusion_matrix_real_cell_activated (NeuronsConfusionMatrix *self,
                                              guint                   true_digit,
                                              guint                   predicted_digit)
{
  const NeuronsEvaluation *results = evaluation (self);
  const guint8 *predictions;
  NeuronsDataset *test;
  GtkWidget *box, *grid, *title;
  g_autofree char *heading = NULL;
  g_autofree char *true_name = NULL;
  g_autofree char *predicted_name = NULL;
  graphene_rect_t bounds;
  guint count, shown = 0;

  if (results == NULL)
    return;

  test = neurons_evaluator_get_test_set (self->evaluator);
  predictions = neurons_evaluator_get_predictions (self->evaluator);
  count = results->confusion[true_digit][predicted_digit];

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  true_name = class_name (self, true_digit);
  predicted_name = class_name (self, predicted_digit);
  if (true_digit == predicted_digit)
    /* Translators: "12 images of a 7, guessed right", or "… of a Sneaker …" */
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image of a %s, guessed right",
                                            "%u images of a %s, guessed right", count),
                               count, true_name);
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image of a %s, taken for a %s",
                                            "%u images of a %s, taken for a %s", count),
                               count, true_name, predicted_name);
  title = gtk_label_new (heading);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 3);
  for (guint s = 0; s < test->n_images && shown < MAX_SHOWN; s++)
    {
      GtkWidget *button;

      if (test->labels[s] != true_digit || predictions[s] != predicted_digit)
        continue;

      button = neurons_digit_button_new (test, s);
      neurons_digit_button_set_class_names (NEURONS_DIGIT_BUTTON (button),
                                            neurons_network_model_get_class_names (neurons_evaluator_get_net (self->evaluator)));
      neurons_digit_button_set_prediction (NEURONS_DIGIT_BUTTON (button), predictions[s]);
      gtk_widget_set_size_request (button, 36, 36);
      g_signal_connect_object (button, "activate", G_CALLBACK (on_sample_button_activate), self, G_CONNECT_SWAPPED);
      gtk_grid_attach (GTK_GRID (grid), button, shown % SHOWN_PER_ROW, shown / SHOWN_PER_ROW, 1, 1);
      shown++;
    }
  if (shown > 0)
    gtk_box_append (GTK_BOX (box), grid);

  if (count > shown)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), count - shown);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  neurons_confusion_matrix_get_cell_bounds (self, true_digit, predicted_digit, &bounds);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                                 (int) bounds.size.width, (int) bounds.size.height });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
activate_cell (NeuronsConfusionMatrix *self,
               guint                   true_digit,
               guint                   predicted_digit)
{
  if (evaluation (self) == NULL)
    return;

  g_signal_emit (self, signals[CELL_ACTIVATED], 0, true_digit, predicted_digit);
}

static void
on_pressed (GtkGestureClick        *gesture,
            int                     n_press,
            double                  x,
            double                  y,
            NeuronsConfusionMatrix *self)
{
  guint true_digit, predicted_digit;

  if (!cell_at (self, x, y, &true_digit, &predicted_digit))
    return;

  self->cursor_true = true_digit;
  self->cursor_predicted = predicted_digit;
  update_cursor_label (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  activate_cell (self, true_digit, predicted_digit);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           NeuronsConfusionMatrix   *self)
{
  guint true_digit, predicted_digit;
  int hover_true = -1, hover_predicted = -1;

  if (cell_at (self, x, y, &true_digit, &predicted_digit))
    {
      hover_true = true_digit;
      hover_predicted = predicted_digit;
    }

  if (hover_true != self->hover_true || hover_predicted != self->hover_predicted)
    {
      self->hover_true = hover_true;
      self->hover_predicted = hover_predicted;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *motion,
          NeuronsConfusionMatrix   *self)
{
  self->hover_true = self->hover_predicted = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_key_pressed (GtkEventControllerKey  *controller,
                guint                   keyval,
                guint                   keycode,
                GdkModifierType         state,
                NeuronsConfusionMatrix *self)
{
  int row = self->cursor_true, column = self->cursor_predicted;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      row--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      row++;
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      column--;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      column++;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      activate_cell (self, self->cursor_true, self->cursor_predicted);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  /* At an edge the arrow moves the focus on, out of the matrix */
  if (row < 0 || row >= N_DIGITS || column < 0 || column >= N_DIGITS)
    return GDK_EVENT_PROPAGATE;

  self->cursor_true = row;
  self->cursor_predicted = column;
  update_cursor_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return GDK_EVENT_STOP;
}

static void
neurons_confusion_matrix_dispose (GObject *object)
{
  NeuronsConfusionMatrix *self = (NeuronsConfusionMatrix *) object;

  neurons_confusion_matrix_set_evaluator (self, NULL);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  for (guint t = 0; t < N_DIGITS; t++)
    g_clear_pointer (&self->rows[t], gtk_widget_unparent);
  memset (self->cells, 0, sizeof self->cells);

  G_OBJECT_CLASS (neurons_confusion_matrix_parent_class)->dispose (object);
}

static void
neurons_confusion_matrix_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  NeuronsConfusionMatrix *self = NEURONS_CONFUSION_MATRIX (object);

  switch (prop_id)
    {
    case PROP_EVALUATOR:
      g_value_set_object (value, self->evaluator);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_confusion_matrix_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  NeuronsConfusionMatrix *self = NEURONS_CONFUSION_MATRIX (object);

  switch (prop_id)
    {
    case PROP_EVALUATOR:
      neurons_confusion_matrix_set_evaluator (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_confusion_matrix_class_init (NeuronsConfusionMatrixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_confusion_matrix_dispose;
  object_class->get_property = neurons_confusion_matrix_get_property;
  object_class->set_property = neurons_confusion_matrix_set_property;

  widget_class->snapshot = neurons_confusion_matrix_snapshot;
  widget_class->measure = neurons_confusion_matrix_measure;
  widget_class->size_allocate = neurons_confusion_matrix_size_allocate;

  properties[PROP_EVALUATOR] =
    g_param_spec_object ("evaluator", NULL, NULL,
                         NEURONS_TYPE_EVALUATOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NeuronsConfusionMatrix::cell-activated:
   * @true_digit: the cell's row
   * @predicted_digit: the cell's column
   *
   * A person clicked a cell, or pressed Enter on it. The default handler shows the test
   * images behind it in a popover; stop the emission to show them elsewhere.
   */
  signals[CELL_ACTIVATED] =
    g_signal_new_class_handler ("cell-activated",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (neurons_confusion_matrix_real_cell_activated),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * NeuronsConfusionMatrix::sample-activated:
   * @test_index: the image's index in the test set
   *
   * A person picked one of the images in the popover, to look at it closely.
   */
  signals[SAMPLE_ACTIVATED] =
    g_signal_new ("sample-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "confusion-matrix");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
neurons_confusion_matrix_init (NeuronsConfusionMatrix *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->hover_true = self->hover_predicted = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->popover = gtk_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));

  for (guint t = 0; t < N_DIGITS; t++)
    {
      self->rows[t] = g_object_new (NEURONS_TYPE_CONFUSION_ROW, NULL);
      gtk_widget_set_parent (self->rows[t], GTK_WIDGET (self));
      for (guint p = 0; p < N_DIGITS; p++)
        {
          self->cells[t][p] = g_object_new (NEURONS_TYPE_CONFUSION_CELL, NULL);
          gtk_widget_set_parent (self->cells[t][p], self->rows[t]);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (self->cells[t][p]),
                                          GTK_ACCESSIBLE_RELATION_ROW_INDEX, t + 1,
                                          GTK_ACCESSIBLE_RELATION_COL_INDEX, p + 1,
                                          -1);
        }
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_ROW_COUNT, N_DIGITS,
                                  GTK_ACCESSIBLE_RELATION_COL_COUNT, N_DIGITS,
                                  -1);

  update_cursor_label (self);
  update_cell_labels (self);
  update_description (self);
}

GtkWidget *
neurons_confusion_matrix_new (void)
{
  return g_object_new (NEURONS_TYPE_CONFUSION_MATRIX, NULL);
}

NeuronsEvaluator *
neurons_confusion_matrix_get_evaluator (NeuronsConfusionMatrix *self)
{
  g_return_val_if_fail (NEURONS_IS_CONFUSION_MATRIX (self), NULL);

  return self->evaluator;
}

void
neurons_confusion_matrix_set_evaluator (NeuronsConfusionMatrix *self,
                                        NeuronsEvaluator       *evaluator)
{
  g_return_if_fail (NEURONS_IS_CONFUSION_MATRIX (self));
  g_return_if_fail (evaluator == NULL || NEURONS_IS_EVALUATOR (evaluator));

  if (self->evaluator == evaluator)
    return;

  if (self->evaluator != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->evaluator, self);
      g_signal_handlers_disconnect_by_data (neurons_evaluator_get_net (self->evaluator), self);
    }
  g_set_object (&self->evaluator, evaluator);
  if (evaluator != NULL)
    {
      g_signal_connect_object (evaluator, "updated", G_CALLBACK (on_updated), self, G_CONNECT_SWAPPED);
      /* class names as long as "Ankle boot" need room that digits do not */
      g_signal_connect_object (neurons_evaluator_get_net (evaluator), "notify::class-names",
                               G_CALLBACK (gtk_widget_queue_resize), self, G_CONNECT_SWAPPED);
    }

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_widget_queue_resize (GTK_WIDGET (self));
  on_updated (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVALUATOR]);
}

/**
 * neurons_confusion_matrix_get_popover:
 * @self: a confusion matrix
 *
 * Returns: (transfer none): the popover that shows the images behind a cell
 */
GtkWidget *
neurons_confusion_matrix_get_popover (NeuronsConfusionMatrix *self)
{
  g_return_val_if_fail (NEURONS_IS_CONFUSION_MATRIX (self), NULL);

  return self->popover;
}
