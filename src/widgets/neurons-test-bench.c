/* neurons-test-bench.c: the 90 held-out images, how the network does on each, per digit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-test-bench"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "neurons-chart.h"
#include "neurons-colors.h"
#include "neurons-test-bench.h"

/*
 * The test panel as a person sees it: ten rows, one per digit, of nine images the network
 * never trains on. Each image it gets wrong carries a tag with its guess. Beside each row,
 * how many of the nine it gets right and a sparkline of that over training; above, the
 * overall figure, a reminder of how coarse nine samples are, and the accuracy on the whole
 * test set for comparison. The images are real focusable buttons, so arrow keys move
 * between them and a screen reader names each with its guess.
 */

#define ROW_LABEL_WIDTH 22
#define SPARKLINE_WIDTH 56
#define CELL_GAP        3

struct _NeuronsTestBench
{
  GtkWidget          parent_instance;

  NeuronsEvaluator  *evaluator;
  GtkWidget         *buttons[NEURONS_PANEL_SIZE];
  guint              n_buttons;

  /* layout, from size_allocate */
  double             row_label_width;
  double             header_height;
  double             cell;
  double             grid_left;
  double             grid_width;
};

G_DEFINE_FINAL_TYPE (NeuronsTestBench, neurons_test_bench, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVALUATOR,
  N_PROPS
};

enum {
  SAMPLE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_description (NeuronsTestBench *self)
{
  g_autofree char *description = NULL;
  double weakest_accuracy = 2;
  guint weakest = 0;

  if (self->evaluator == NULL || !neurons_evaluator_has_results (self->evaluator))
    {
      neurons_chart_set_description (GTK_WIDGET (self), _("Measuring the network on the test images…"));
      return;
    }

  for (guint digit = 0; digit < NEURONS_OUTPUT_SIZE; digit++)
    {
      double accuracy = neurons_evaluator_get_panel_digit_accuracy (self->evaluator, digit);

      if (accuracy < weakest_accuracy)
        {
          weakest_accuracy = accuracy;
          weakest = digit;
        }
    }

  description = g_strdup_printf (_("Accuracy on %u test samples: %.0f%%; %s weakest at %.0f%%. "
                                   "On all %u test images: %.1f%%."),
                                 self->n_buttons,
                                 100 * neurons_evaluator_get_panel_accuracy (self->evaluator),
                                 neurons_network_model_get_class_name (neurons_evaluator_get_net (self->evaluator), weakest),
                                 100 * weakest_accuracy,
                                 neurons_evaluator_get_test_set (self->evaluator)->n_images,
                                 100 * neurons_evaluator_get_test_accuracy (self->evaluator));
  neurons_chart_set_description (GTK_WIDGET (self), description);
}

static void
on_updated (NeuronsTestBench *self)
{
  const NeuronsPanelSample *panel;
  guint n_samples;
  gboolean known = neurons_evaluator_has_results (self->evaluator);

  panel = neurons_evaluator_get_panel (self->evaluator, &n_samples);
  for (guint p = 0; p < MIN (n_samples, self->n_buttons); p++)
    neurons_digit_button_set_prediction (NEURONS_DIGIT_BUTTON (self->buttons[p]),
                                         known ? (int) panel[p].prediction : -1);

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_button_activate (NeuronsTestBench   *self,
                    NeuronsDigitButton *button)
{
  g_signal_emit (self, signals[SAMPLE_ACTIVATED], 0, neurons_digit_button_get_index (button));
}

static void
clear_buttons (NeuronsTestBench *self)
{
  for (guint p = 0; p < self->n_buttons; p++)
    g_clear_pointer (&self->buttons[p], gtk_widget_unparent);
  self->n_buttons = 0;
}

static void
create_buttons (NeuronsTestBench *self)
{
  const NeuronsPanelSample *panel = neurons_evaluator_get_panel (self->evaluator, &self->n_buttons);
  NeuronsDataset *test = neurons_evaluator_get_test_set (self->evaluator);

  for (guint p = 0; p < self->n_buttons; p++)
    {
      self->buttons[p] = neurons_digit_button_new (test, panel[p].test_index);
      neurons_digit_button_set_class_names (NEURONS_DIGIT_BUTTON (self->buttons[p]),
                                            neurons_network_model_get_class_names (neurons_evaluator_get_net (self->evaluator)));
      g_signal_connect_object (self->buttons[p], "activate", G_CALLBACK (on_button_activate), self, G_CONNECT_SWAPPED);
      gtk_widget_set_parent (self->buttons[p], GTK_WIDGET (self));
    }
}

/* A row's label: its digit, or its class name, smaller ("Ankle boot") */
static char *
row_label (NeuronsTestBench *self,
           guint             k)
{
  const char *name = neurons_network_model_get_class_name (neurons_evaluator_get_net (self->evaluator), k);

  if (g_utf8_strlen (name, -1) > 2)
    return g_markup_printf_escaped ("<small><b>%s</b></small>", name);
  return g_markup_printf_escaped ("<b>%s</b>", name);
}

static int
row_label_width (NeuronsTestBench *self)
{
  int width = ROW_LABEL_WIDTH;

  for (guint k = 0; self->evaluator != NULL && k < NEURONS_OUTPUT_SIZE; k++)
    {
      g_autofree char *label = row_label (self, k);
      int label_width;

      neurons_chart_text_size (GTK_WIDGET (self), label, &label_width, NULL);
      width = MAX (width, label_width + 8);
    }

  return width;
}

static int
header_height (GtkWidget *widget)
{
  int line_height;

  neurons_chart_text_size (widget, "<b>100%</b>", NULL, &line_height);
  return 2 * line_height + 10;
}

static int
side_width (GtkWidget *widget)
{
  int text_width;

  neurons_chart_text_size (widget, "<small>9/9</small>", &text_width, NULL);
  return text_width + 8 + SPARKLINE_WIDTH + 4;
}

static void
neurons_test_bench_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  NeuronsTestBench *self = NEURONS_TEST_BENCH (widget);

  self->header_height = header_height (widget);
  self->row_label_width = row_label_width (self);
  self->grid_left = self->row_label_width;
  self->cell = floor (MIN ((width - self->row_label_width - side_width (widget)) / (double) NEURONS_PANEL_PER_DIGIT,
                           (height - self->header_height) / (double) NEURONS_OUTPUT_SIZE));
  self->cell = MAX (self->cell, 1 + CELL_GAP);
  self->grid_width = self->cell * NEURONS_PANEL_PER_DIGIT;

  for (guint p = 0; p < self->n_buttons; p++)
    {
      guint row = p / NEURONS_PANEL_PER_DIGIT, column = p % NEURONS_PANEL_PER_DIGIT;
      GtkAllocation allocation = {
        (int) (self->grid_left + column * self->cell),
        (int) (self->header_height + row * self->cell),
        (int) self->cell - CELL_GAP,
        (int) self->cell - CELL_GAP,
      };

      gtk_widget_size_allocate (self->buttons[p], &allocation, -1);
    }
}

static void
neurons_test_bench_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int label_width = row_label_width (NEURONS_TEST_BENCH (widget));
      /* class names take room from the images, so that the window still fits a small screen */
      int min_cell = label_width > ROW_LABEL_WIDTH ? 16 : 22;

      *minimum = label_width + NEURONS_PANEL_PER_DIGIT * min_cell + side_width (widget);
      *natural = label_width + NEURONS_PANEL_PER_DIGIT * 40 + side_width (widget);
    }
  else
    {
      *minimum = header_height (widget) + NEURONS_OUTPUT_SIZE * 22;
      *natural = header_height (widget) + NEURONS_OUTPUT_SIZE * 40;
    }
}

static void
draw_sparkline (cairo_t              *cr,
                const NeuronsHistory *history,
                const graphene_rect_t *area)
{
  guint length = neurons_history_get_length (history);
  NeuronsHistoryPoint point;
  double x_max;

  if (length == 0)
    return;

  neurons_history_get_point (history, length - 1, &point);
  x_max = MAX (point.samples_seen, 1);

  for (guint i = 0; i < length; i++)
    {
      double x, y;

      neurons_history_get_point (history, i, &point);
      x = area->origin.x + (length == 1 ? area->size.width : point.samples_seen / x_max * area->size.width);
      y = area->origin.y + (1 - point.value) * area->size.height;
      if (i == 0)
        cairo_move_to (cr, length == 1 ? area->origin.x : x, y);
      cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
}

/* Beside a row: how many of its images are right, and a sparkline of that over training. */
static void
draw_row_summary (NeuronsTestBench *self,
                  GtkSnapshot      *snapshot,
                  cairo_t          *cr,
                  guint             digit,
                  double            top)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double middle = top + (self->cell - CELL_GAP) / 2;
  double side = self->grid_left + self->grid_width + 4;
  guint right = (guint) round (neurons_evaluator_get_panel_digit_accuracy (self->evaluator, digit) * NEURONS_PANEL_PER_DIGIT);
  g_autofree char *count = g_strdup_printf ("<small>%u/%u</small>", right, NEURONS_PANEL_PER_DIGIT);
  GdkRGBA text, faint, guide, spark;
  graphene_rect_t area;
  int text_width;

  neurons_chart_foreground (widget, 1.0, &text);
  neurons_chart_foreground (widget, 0.65, &faint);
  neurons_chart_foreground (widget, 0.15, &guide);
  neurons_chart_color (NEURONS_CHART_PURPLE, neurons_colors_is_dark (widget), &spark);

  neurons_chart_text (widget, snapshot, count, side, middle,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_CENTER,
                      right == NEURONS_PANEL_PER_DIGIT ? &faint : &text);
  neurons_chart_text_size (widget, "<small>9/9</small>", &text_width, NULL);
  area = GRAPHENE_RECT_INIT (side + text_width + 8, top + 4, SPARKLINE_WIDTH, MAX (self->cell - CELL_GAP - 8, 4));

  /* the sparkline's frame: 0 % and 100 % */
  gdk_cairo_set_source_rgba (cr, &guide);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, area.origin.x, round (area.origin.y) + 0.5);
  cairo_line_to (cr, area.origin.x + area.size.width, round (area.origin.y) + 0.5);
  cairo_move_to (cr, area.origin.x, round (area.origin.y + area.size.height) + 0.5);
  cairo_line_to (cr, area.origin.x + area.size.width, round (area.origin.y + area.size.height) + 0.5);
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, &spark);
  cairo_set_line_width (cr, 1.5);
  draw_sparkline (cr, neurons_evaluator_get_digit_accuracy_history (self->evaluator, digit), &area);
}

static void
neurons_test_bench_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  NeuronsTestBench *self = NEURONS_TEST_BENCH (widget);
  int width = gtk_widget_get_width (widget);
  gboolean known;
  GdkRGBA text, faint;
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;
  int line_height;
  cairo_t *cr;

  if (width <= 0 || self->evaluator == NULL)
    return;

  known = neurons_evaluator_has_results (self->evaluator);
  neurons_chart_foreground (widget, 1.0, &text);
  neurons_chart_foreground (widget, 0.65, &faint);

  /* The overall figure, how coarse it is, and the whole test set beside it */
  if (known)
    summary = g_strdup_printf (_("<b>%.0f%%</b> of %u test images right · all %u: <b>%.1f%%</b>"),
                               100 * neurons_evaluator_get_panel_accuracy (self->evaluator), self->n_buttons,
                               neurons_evaluator_get_test_set (self->evaluator)->n_images,
                               100 * neurons_evaluator_get_test_accuracy (self->evaluator));
  else
    summary = g_strdup (_("Measuring…"));
  note = g_strdup_printf (_("<small>%u images per digit, so one image moves a row by %.0f%%</small>"),
                          NEURONS_PANEL_PER_DIGIT, 100.0 / NEURONS_PANEL_PER_DIGIT);
  neurons_chart_text_size (widget, summary, NULL, &line_height);
  neurons_chart_text (widget, snapshot, summary, 2, 2,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &text);
  neurons_chart_text (widget, snapshot, note, 2, 2 + line_height + 2,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &faint);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, gtk_widget_get_height (widget)));
  for (guint digit = 0; digit < NEURONS_OUTPUT_SIZE; digit++)
    {
      double top = self->header_height + digit * self->cell;
      g_autofree char *label = row_label (self, digit);

      neurons_chart_text (widget, snapshot, label, self->row_label_width / 2.0, top + (self->cell - CELL_GAP) / 2,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_CENTER, &text);
      if (known)
        draw_row_summary (self, snapshot, cr, digit, top);
    }
  cairo_destroy (cr);

  for (guint p = 0; p < self->n_buttons; p++)
    gtk_widget_snapshot_child (widget, self->buttons[p], snapshot);
}

static void
neurons_test_bench_dispose (GObject *object)
{
  NeuronsTestBench *self = (NeuronsTestBench *) object;

  neurons_test_bench_set_evaluator (self, NULL);

  G_OBJECT_CLASS (neurons_test_bench_parent_class)->dispose (object);
}

static void
neurons_test_bench_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NeuronsTestBench *self = NEURONS_TEST_BENCH (object);

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
neurons_test_bench_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NeuronsTestBench *self = NEURONS_TEST_BENCH (object);

  switch (prop_id)
    {
    case PROP_EVALUATOR:
      neurons_test_bench_set_evaluator (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_test_bench_class_init (NeuronsTestBenchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_test_bench_dispose;
  object_class->get_property = neurons_test_bench_get_property;
  object_class->set_property = neurons_test_bench_set_property;

  widget_class->snapshot = neurons_test_bench_snapshot;
  widget_class->measure = neurons_test_bench_measure;
  widget_class->size_allocate = neurons_test_bench_size_allocate;

  properties[PROP_EVALUATOR] =
    g_param_spec_object ("evaluator", NULL, NULL,
                         NEURONS_TYPE_EVALUATOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NeuronsTestBench::sample-activated:
   * @test_index: the image's index in the test set
   *
   * A person clicked an image, or pressed Enter on it, to look at it closely.
   */
  signals[SAMPLE_ACTIVATED] =
    g_signal_new ("sample-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "test-bench");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
neurons_test_bench_init (NeuronsTestBench *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Test bench"),
                                  -1);
  update_description (self);
}

GtkWidget *
neurons_test_bench_new (void)
{
  return g_object_new (NEURONS_TYPE_TEST_BENCH, NULL);
}

NeuronsEvaluator *
neurons_test_bench_get_evaluator (NeuronsTestBench *self)
{
  g_return_val_if_fail (NEURONS_IS_TEST_BENCH (self), NULL);

  return self->evaluator;
}

/* Another test set comes with another panel of images, other class names with other labels */
static void
on_test_set (NeuronsTestBench *self)
{
  clear_buttons (self);
  create_buttons (self);
  on_updated (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
neurons_test_bench_set_evaluator (NeuronsTestBench *self,
                                  NeuronsEvaluator *evaluator)
{
  g_return_if_fail (NEURONS_IS_TEST_BENCH (self));
  g_return_if_fail (evaluator == NULL || NEURONS_IS_EVALUATOR (evaluator));

  if (self->evaluator == evaluator)
    return;

  if (self->evaluator != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->evaluator, self);
      g_signal_handlers_disconnect_by_data (neurons_evaluator_get_net (self->evaluator), self);
    }
  clear_buttons (self);
  g_set_object (&self->evaluator, evaluator);

  if (evaluator != NULL)
    {
      create_buttons (self);
      g_signal_connect_object (evaluator, "updated", G_CALLBACK (on_updated), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (evaluator, "notify::test-set", G_CALLBACK (on_test_set), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (neurons_evaluator_get_net (evaluator), "notify::class-names",
                               G_CALLBACK (on_test_set), self, G_CONNECT_SWAPPED);
      on_updated (self);
    }
  else
    update_description (self);

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVALUATOR]);
}

/**
 * neurons_test_bench_get_button:
 * @self: a test bench
 * @position: an image's place in the panel, row by row
 *
 * Returns: (transfer none) (nullable): the image's button, or %NULL without an evaluator
 */
NeuronsDigitButton *
neurons_test_bench_get_button (NeuronsTestBench *self,
                               guint             position)
{
  g_return_val_if_fail (NEURONS_IS_TEST_BENCH (self), NULL);

  if (position >= self->n_buttons)
    return NULL;

  return NEURONS_DIGIT_BUTTON (self->buttons[position]);
}
