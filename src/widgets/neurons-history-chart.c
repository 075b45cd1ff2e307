/* neurons-history-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-history-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "neurons-chart.h"
#include "neurons-colors.h"
#include "neurons-history-chart.h"

/*
 * A line chart over training samples seen, drawn from the evaluator's bounded histories:
 * either the running cost (with the spread of each merged bucket as a faint band), or the
 * accuracy on the whole test set beside the coarser one on the 90-sample panel, with chance
 * (10 %) marked. The cost grows a point whenever the network publishes, at frame rate; the
 * chart redraws at most every REDRAW_INTERVAL_MS, which is smooth enough for a line that
 * moves a pixel at a time.
 */

#define REDRAW_INTERVAL_MS 250

struct _NeuronsHistoryChart
{
  GtkWidget                parent_instance;

  NeuronsHistoryChartKind  kind;
  NeuronsEvaluator        *evaluator;
  NeuronsChartThrottle     redraw;
};

G_DEFINE_ENUM_TYPE (NeuronsHistoryChartKind, neurons_history_chart_kind,
                    G_DEFINE_ENUM_VALUE (NEURONS_HISTORY_CHART_COST, "cost"),
                    G_DEFINE_ENUM_VALUE (NEURONS_HISTORY_CHART_ACCURACY, "accuracy"))

G_DEFINE_FINAL_TYPE (NeuronsHistoryChart, neurons_history_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_EVALUATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  double left, top, width, height;
  double x_max, y_max;
} Plot;

static double
last_value (const NeuronsHistory *history,
            NeuronsHistoryPoint  *point)
{
  neurons_history_get_point (history, neurons_history_get_length (history) - 1, point);
  return point->value;
}

static void
update_description (NeuronsHistoryChart *self)
{
  g_autofree char *description = NULL;
  NeuronsHistoryPoint first, last;

  if (self->evaluator == NULL)
    description = g_strdup (_("No network"));
  else if (self->kind == NEURONS_HISTORY_CHART_COST)
    {
      const NeuronsHistory *cost = neurons_evaluator_get_cost_history (self->evaluator);

      if (neurons_history_get_length (cost) == 0)
        description = g_strdup (_("The cost appears here once training starts."));
      else
        {
          g_autofree char *samples = NULL;

          neurons_history_get_point (cost, 0, &first);
          last_value (cost, &last);
          samples = neurons_chart_format_count (last.samples_seen);
          description = g_strdup_printf (_("Running cost %.3f after %s training samples, from %.3f at the start."),
                                         last.value, samples, first.value);
        }
    }
  else
    {
      const NeuronsHistory *test = neurons_evaluator_get_test_accuracy_history (self->evaluator);
      const NeuronsHistory *panel = neurons_evaluator_get_panel_accuracy_history (self->evaluator);

      if (neurons_history_get_length (test) == 0 || neurons_history_get_length (panel) == 0)
        description = g_strdup (_("Measuring the accuracy on the test images…"));
      else
        {
          g_autofree char *samples = NULL;
          NeuronsHistoryPoint panel_last;

          neurons_history_get_point (test, 0, &first);
          last_value (test, &last);
          last_value (panel, &panel_last);
          samples = neurons_chart_format_count (last.samples_seen);
          description = g_strdup_printf (_("Accuracy after %s training samples: %.1f%% on all %u test images, "
                                           "%.0f%% on the 90-sample panel; %.1f%% at the start, 10%% is chance."),
                                         samples, 100 * last.value,
                                         neurons_evaluator_get_test_set (self->evaluator)->n_images,
                                         100 * panel_last.value, 100 * first.value);
        }
    }

  neurons_chart_set_description (GTK_WIDGET (self), description);
}

static gboolean
on_redraw (gpointer user_data)
{
  NeuronsHistoryChart *self = user_data;

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
on_changed (NeuronsHistoryChart *self)
{
  neurons_chart_throttle_request (&self->redraw);
}

static double
to_x (const Plot *plot,
      double      samples_seen)
{
  return plot->left + samples_seen / plot->x_max * plot->width;
}

static double
to_y (const Plot *plot,
      double      value)
{
  return plot->top + (1 - value / plot->y_max) * plot->height;
}

/* The latest point, as a dot: where training is now, and visible from the first point on. */
static void
mark_last (cairo_t              *cr,
           const Plot           *plot,
           const NeuronsHistory *history,
           double                radius)
{
  NeuronsHistoryPoint point;

  if (neurons_history_get_length (history) == 0)
    return;

  last_value (history, &point);
  cairo_arc (cr, to_x (plot, point.samples_seen), to_y (plot, point.value), radius, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
trace_history (cairo_t              *cr,
               const Plot           *plot,
               const NeuronsHistory *history)
{
  guint length = neurons_history_get_length (history);

  for (guint i = 0; i < length; i++)
    {
      NeuronsHistoryPoint point;

      neurons_history_get_point (history, i, &point);
      if (i == 0)
        cairo_move_to (cr, to_x (plot, point.samples_seen), to_y (plot, point.value));
      else
        cairo_line_to (cr, to_x (plot, point.samples_seen), to_y (plot, point.value));
    }
}

/* The band between each bucket's smallest and largest value. */
static void
trace_spread (cairo_t              *cr,
              const Plot           *plot,
              const NeuronsHistory *history)
{
  guint length = neurons_history_get_length (history);
  NeuronsHistoryPoint point;

  for (guint i = 0; i < length; i++)
    {
      neurons_history_get_point (history, i, &point);
      if (i == 0)
        cairo_move_to (cr, to_x (plot, point.samples_seen), to_y (plot, point.maximum));
      else
        cairo_line_to (cr, to_x (plot, point.samples_seen), to_y (plot, point.maximum));
    }
  for (guint i = length; i-- > 0;)
    {
      neurons_history_get_point (history, i, &point);
      cairo_line_to (cr, to_x (plot, point.samples_seen), to_y (plot, point.minimum));
    }
  cairo_close_path (cr);
}

static void
draw_axes (NeuronsHistoryChart *self,
           GtkSnapshot         *snapshot,
           cairo_t             *cr,
           const Plot          *plot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA grid, axis, faint;
  double ticks[8];
  guint n_ticks;

  neurons_chart_foreground (widget, 0.10, &grid);
  neurons_chart_foreground (widget, 0.45, &axis);
  neurons_chart_foreground (widget, 0.65, &faint);

  cairo_set_line_width (cr, 1);
  n_ticks = neurons_chart_nice_ticks (0, plot->y_max, 4, ticks);
  for (guint i = 0; i < n_ticks; i++)
    {
      double y = round (to_y (plot, ticks[i])) + 0.5;
      g_autofree char *label = NULL;

      if (self->kind == NEURONS_HISTORY_CHART_ACCURACY)
        label = g_strdup_printf ("<small>%.0f%%</small>", 100 * ticks[i]);
      else
        label = g_strdup_printf ("<small>%g</small>", ticks[i]);

      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_move_to (cr, plot->left, y);
      cairo_line_to (cr, plot->left + plot->width, y);
      cairo_stroke (cr);
      neurons_chart_text (widget, snapshot, label, plot->left - 4, y,
                          NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_CENTER, &faint);
    }

  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_move_to (cr, plot->left, round (plot->top + plot->height) + 0.5);
  cairo_line_to (cr, plot->left + plot->width, round (plot->top + plot->height) + 0.5);
  /* ticks some 110 pixels apart at least, room for the last one's "20M samples" */
  n_ticks = neurons_chart_nice_ticks (0, plot->x_max, CLAMP ((guint) (plot->width / 110), 1, 4), ticks);
  for (guint i = 0; i < n_ticks; i++)
    {
      double x = round (to_x (plot, ticks[i])) + 0.5;
      g_autofree char *count = neurons_chart_format_count (ticks[i]);
      g_autofree char *label = NULL;
      gboolean last = i + 1 == n_ticks;

      /* the last tick carries the unit */
      if (last)
        label = g_strdup_printf (_("<small>%s samples</small>"), count);
      else
        label = g_strdup_printf ("<small>%s</small>", count);

      cairo_move_to (cr, x, plot->top + plot->height);
      cairo_line_to (cr, x, plot->top + plot->height + 3);
      neurons_chart_text (widget, snapshot, label, last ? MIN (x + 8, plot->left + plot->width + 8) : x,
                          plot->top + plot->height + 3,
                          last ? NEURONS_CHART_ALIGN_END : NEURONS_CHART_ALIGN_CENTER,
                          NEURONS_CHART_ALIGN_START, &faint);
    }
  cairo_stroke (cr);
}

static void
neurons_history_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  NeuronsHistoryChart *self = NEURONS_HISTORY_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = neurons_colors_is_dark (widget);
  const NeuronsHistory *main_history, *panel_history = NULL;
  NeuronsHistoryPoint last;
  int label_width, label_height;
  GdkRGBA main_color, panel_color, faint, spread;
  g_autofree char *legend = NULL;
  double maximum;
  Plot plot;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->evaluator == NULL)
    return;

  if (self->kind == NEURONS_HISTORY_CHART_COST)
    {
      main_history = neurons_evaluator_get_cost_history (self->evaluator);
      neurons_chart_foreground (widget, 0.9, &main_color);
    }
  else
    {
      main_history = neurons_evaluator_get_test_accuracy_history (self->evaluator);
      panel_history = neurons_evaluator_get_panel_accuracy_history (self->evaluator);
      neurons_chart_color (NEURONS_CHART_GREEN, dark, &main_color);
      neurons_chart_color (NEURONS_CHART_PURPLE, dark, &panel_color);
    }
  neurons_chart_foreground (widget, 0.65, &faint);

  neurons_chart_text_size (widget, "<small>100%</small>", &label_width, &label_height);
  plot = (Plot) {
    .left = label_width + 8,
    .top = label_height + 8,
    .width = width - label_width - 8 - 10,
    .height = height - 2 * label_height - 14,
  };
  if (plot.width <= 0 || plot.height <= 0)
    return;

  if (neurons_history_get_length (main_history) == 0)
    {
      neurons_chart_text (widget, snapshot,
                          self->kind == NEURONS_HISTORY_CHART_COST
                            ? _("<small>The cost appears here once training starts</small>")
                            : _("<small>Measuring the accuracy…</small>"),
                          width / 2.0, height / 2.0,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_CENTER, &faint);
      return;
    }

  last_value (main_history, &last);
  plot.x_max = neurons_chart_nice_ceiling (MAX (last.samples_seen, 1000));
  if (self->kind == NEURONS_HISTORY_CHART_COST)
    {
      neurons_history_get_range (main_history, NULL, &maximum);
      plot.y_max = neurons_chart_nice_ceiling (MAX (maximum, 0.01));
    }
  else
    plot.y_max = 1;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_axes (self, snapshot, cr, &plot);

  cairo_save (cr);
  cairo_rectangle (cr, plot.left, plot.top - 2, plot.width + 2, plot.height + 4);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (self->kind == NEURONS_HISTORY_CHART_COST)
    {
      spread = main_color;
      spread.alpha = 0.15f;
      gdk_cairo_set_source_rgba (cr, &spread);
      trace_spread (cr, &plot, main_history);
      cairo_fill (cr);
    }
  else
    {
      /* chance: one digit in ten */
      cairo_save (cr);
      gdk_cairo_set_source_rgba (cr, &faint);
      cairo_set_dash (cr, (double[]) { 2, 3 }, 2, 0);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, plot.left, round (to_y (&plot, 0.1)) + 0.5);
      cairo_line_to (cr, plot.left + plot.width, round (to_y (&plot, 0.1)) + 0.5);
      cairo_stroke (cr);
      cairo_restore (cr);

      gdk_cairo_set_source_rgba (cr, &panel_color);
      cairo_set_line_width (cr, 1.5);
      trace_history (cr, &plot, panel_history);
      cairo_stroke (cr);
      mark_last (cr, &plot, panel_history, 3);
    }

  gdk_cairo_set_source_rgba (cr, &main_color);
  cairo_set_line_width (cr, 2.5);
  trace_history (cr, &plot, main_history);
  cairo_stroke (cr);
  mark_last (cr, &plot, main_history, 4);
  cairo_restore (cr);
  cairo_destroy (cr);

  if (self->kind == NEURONS_HISTORY_CHART_ACCURACY)
    {
      NeuronsHistoryPoint panel_last;
      g_autofree char *test_legend = NULL;
      guint n_test_images = neurons_evaluator_get_test_set (self->evaluator)->n_images;
      int test_width, panel_width;

      last_value (panel_history, &panel_last);
      neurons_chart_text (widget, snapshot, _("<small>chance</small>"),
                          plot.left + plot.width, to_y (&plot, 0.1) - 1,
                          NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_END, &faint);
      test_legend = g_strdup_printf (_("<small>━ all %u test images <b>%.1f%%</b></small>"),
                                     n_test_images, 100 * last.value);
      legend = g_strdup_printf (_("<small>─ 90-sample panel <b>%.0f%%</b></small>"), 100 * panel_last.value);
      /* A narrow chart, as in a lesson beside the network, names them short. */
      neurons_chart_text_size (widget, test_legend, &test_width, NULL);
      neurons_chart_text_size (widget, legend, &panel_width, NULL);
      if (test_width + panel_width + 12 > plot.width)
        {
          g_free (test_legend);
          g_free (legend);
          test_legend = g_strdup_printf (_("<small>━ test set <b>%.1f%%</b></small>"), 100 * last.value);
          legend = g_strdup_printf (_("<small>─ panel <b>%.0f%%</b></small>"), 100 * panel_last.value);
        }
      neurons_chart_text (widget, snapshot, test_legend, plot.left, 2,
                          NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &main_color);
      neurons_chart_text (widget, snapshot, legend, plot.left + plot.width, 2,
                          NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_START, &panel_color);
    }
  else
    {
      legend = g_strdup_printf (_("<small>running cost <b>%.3f</b> · averaged over the last ~100 samples</small>"), last.value);
      neurons_chart_text (widget, snapshot, legend, plot.left, 2,
                          NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &main_color);
    }

}

static void
neurons_history_chart_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 220 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : 180;
}

static void
neurons_history_chart_constructed (GObject *object)
{
  NeuronsHistoryChart *self = (NeuronsHistoryChart *) object;

  G_OBJECT_CLASS (neurons_history_chart_parent_class)->constructed (object);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->kind == NEURONS_HISTORY_CHART_COST ? _("Cost over time") : _("Accuracy over time"),
                                  -1);
  update_description (self);
}

static void
neurons_history_chart_dispose (GObject *object)
{
  NeuronsHistoryChart *self = (NeuronsHistoryChart *) object;

  neurons_history_chart_set_evaluator (self, NULL);
  neurons_chart_throttle_clear (&self->redraw);

  G_OBJECT_CLASS (neurons_history_chart_parent_class)->dispose (object);
}

static void
neurons_history_chart_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  NeuronsHistoryChart *self = NEURONS_HISTORY_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_EVALUATOR:
      g_value_set_object (value, self->evaluator);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_history_chart_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  NeuronsHistoryChart *self = NEURONS_HISTORY_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_EVALUATOR:
      neurons_history_chart_set_evaluator (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_history_chart_class_init (NeuronsHistoryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = neurons_history_chart_constructed;
  object_class->dispose = neurons_history_chart_dispose;
  object_class->get_property = neurons_history_chart_get_property;
  object_class->set_property = neurons_history_chart_set_property;

  widget_class->snapshot = neurons_history_chart_snapshot;
  widget_class->measure = neurons_history_chart_measure;

  /**
   * NeuronsHistoryChart:kind:
   *
   * What the chart follows: the cost or the accuracy.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       NEURONS_TYPE_HISTORY_CHART_KIND, NEURONS_HISTORY_CHART_COST,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EVALUATOR] =
    g_param_spec_object ("evaluator", NULL, NULL,
                         NEURONS_TYPE_EVALUATOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "history-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
neurons_history_chart_init (NeuronsHistoryChart *self)
{
  neurons_chart_throttle_init (&self->redraw, REDRAW_INTERVAL_MS, on_redraw, self);
}

GtkWidget *
neurons_history_chart_new (NeuronsHistoryChartKind kind)
{
  return g_object_new (NEURONS_TYPE_HISTORY_CHART, "kind", kind, NULL);
}

NeuronsHistoryChartKind
neurons_history_chart_get_kind (NeuronsHistoryChart *self)
{
  g_return_val_if_fail (NEURONS_IS_HISTORY_CHART (self), NEURONS_HISTORY_CHART_COST);

  return self->kind;
}

NeuronsEvaluator *
neurons_history_chart_get_evaluator (NeuronsHistoryChart *self)
{
  g_return_val_if_fail (NEURONS_IS_HISTORY_CHART (self), NULL);

  return self->evaluator;
}

void
neurons_history_chart_set_evaluator (NeuronsHistoryChart *self,
                                     NeuronsEvaluator    *evaluator)
{
  g_return_if_fail (NEURONS_IS_HISTORY_CHART (self));
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
      g_signal_connect_object (evaluator, "updated", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
      /* the cost grows with every publication, not only with each evaluation */
      if (self->kind == NEURONS_HISTORY_CHART_COST)
        g_signal_connect_object (neurons_evaluator_get_net (evaluator), "changed",
                                 G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
    }

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVALUATOR]);
}
