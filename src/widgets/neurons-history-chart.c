/* neurons-history-chart.c: the cost, or the accuracy, over the course of training
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
 *
 * Given a race instead, it draws both networks' curves on one axis that runs to the finish:
 * the first network's solid in green, the second's dashed in purple (sigmoid's and ReLU's
 * colours everywhere else), so the two stay apart without colour too, each named with its
 * latest value in the legend.
 */

#define REDRAW_INTERVAL_MS 250

struct _NeuronsHistoryChart
{
  NeuronsChart             parent_instance;

  NeuronsHistoryChartKind  kind;
  NeuronsEvaluator        *evaluator;
  NeuronsRace             *race;
};

G_DEFINE_ENUM_TYPE (NeuronsHistoryChartKind, neurons_history_chart_kind,
                    G_DEFINE_ENUM_VALUE (NEURONS_HISTORY_CHART_COST, "cost"),
                    G_DEFINE_ENUM_VALUE (NEURONS_HISTORY_CHART_ACCURACY, "accuracy"))

G_DEFINE_FINAL_TYPE (NeuronsHistoryChart, neurons_history_chart, NEURONS_TYPE_CHART)

enum {
  PROP_0,
  PROP_KIND,
  PROP_EVALUATOR,
  PROP_RACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
last_value (const NeuronsHistory *history,
            NeuronsHistoryPoint  *point)
{
  neurons_history_get_point (history, neurons_history_get_length (history) - 1, point);
  return point->value;
}

/* The two series of a race */

static const NeuronsHistory *
race_history (NeuronsHistoryChart *self,
              NeuronsRaceSide      side)
{
  if (self->kind == NEURONS_HISTORY_CHART_COST)
    return neurons_race_get_cost_history (self->race, side);

  return neurons_race_get_accuracy_history (self->race, side);
}

static void
race_color (NeuronsHistoryChart *self,
            NeuronsRaceSide      side,
            GdkRGBA             *color)
{
  neurons_chart_color (side == NEURONS_RACE_SIDE_A ? NEURONS_CHART_GREEN : NEURONS_CHART_PURPLE,
                       neurons_colors_is_dark (GTK_WIDGET (self)), color);
}

/* A value as the legend and the description give it: "90.2 %" or "0.073". */
static char *
race_format_value (NeuronsHistoryChart *self,
                   double               value)
{
  if (self->kind == NEURONS_HISTORY_CHART_COST)
    return g_strdup_printf ("%.3f", value);

  return g_strdup_printf (_("%.1f %%"), 100 * value);
}

static char *
describe_race (NeuronsHistoryChart *self)
{
  g_autofree char *name_a = neurons_race_get_name (self->race, NEURONS_RACE_SIDE_A);
  g_autofree char *name_b = neurons_race_get_name (self->race, NEURONS_RACE_SIDE_B);
  g_autofree char *value_a = NULL;
  g_autofree char *value_b = NULL;
  g_autofree char *samples = NULL;
  NeuronsHistoryPoint last_a, last_b;

  if (neurons_history_get_length (race_history (self, NEURONS_RACE_SIDE_A)) == 0)
    return g_strdup (_("Both curves appear here at the first measurement."));

  last_value (race_history (self, NEURONS_RACE_SIDE_A), &last_a);
  last_value (race_history (self, NEURONS_RACE_SIDE_B), &last_b);
  value_a = race_format_value (self, last_a.value);
  value_b = race_format_value (self, last_b.value);
  samples = neurons_chart_format_count (last_a.samples_seen);
  if (self->kind == NEURONS_HISTORY_CHART_COST)
    /* Translators: "Running cost after 12k samples: Sigmoid 0.073, ReLU 0.075." */
    return g_strdup_printf (_("Running cost after %s samples: %s %s, %s %s."),
                            samples, name_a, value_a, name_b, value_b);

  /* Translators: "Test accuracy after 12k samples: Sigmoid 90.2 %, ReLU 89.7 %." */
  return g_strdup_printf (_("Test accuracy after %s samples: %s %s, %s %s."),
                          samples, name_a, value_a, name_b, value_b);
}

static void
update_race (NeuronsHistoryChart *self)
{
  NeuronsChart *chart = NEURONS_CHART (self);
  double maximum = 0.01;

  if (neurons_history_get_length (race_history (self, NEURONS_RACE_SIDE_A)) == 0)
    {
      neurons_chart_set_ticks (chart, GTK_ORIENTATION_HORIZONTAL, 0, 0);
      neurons_chart_set_ticks (chart, GTK_ORIENTATION_VERTICAL, 0, 0);
      return;
    }

  /* the axis runs to the finish, so the curves show how far the race has come */
  neurons_chart_set_range (chart, GTK_ORIENTATION_HORIZONTAL, 0, neurons_race_get_max_samples (self->race));
  if (self->kind == NEURONS_HISTORY_CHART_COST)
    {
      for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
        {
          double side_maximum;

          if (neurons_history_get_range (race_history (self, side), NULL, &side_maximum) && isfinite (side_maximum))
            maximum = MAX (maximum, side_maximum);
        }
      neurons_chart_set_range (chart, GTK_ORIENTATION_VERTICAL, 0, neurons_chart_nice_ceiling (maximum));
    }
  else
    {
      double minimum = 1;

      /* from a round ten below both curves: a race is often won by a point or two, which a
       * scale from 0 would flatten */
      for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
        {
          double side_minimum;

          if (neurons_history_get_range (race_history (self, side), &side_minimum, NULL))
            minimum = MIN (minimum, side_minimum);
        }
      neurons_chart_set_range (chart, GTK_ORIENTATION_VERTICAL, MIN (floor (minimum * 10) / 10, 0.9), 1);
    }

  neurons_chart_set_ticks (chart, GTK_ORIENTATION_HORIZONTAL, 4, 110);
  neurons_chart_set_ticks (chart, GTK_ORIENTATION_VERTICAL, 4, 0);
}

static char *
neurons_history_chart_describe (NeuronsChart *chart)
{
  NeuronsHistoryChart *self = NEURONS_HISTORY_CHART (chart);
  char *description = NULL;
  NeuronsHistoryPoint first, last;

  if (self->race != NULL)
    description = describe_race (self);
  else if (self->evaluator == NULL)
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

  return description;
}

static const NeuronsHistory *
main_history (NeuronsHistoryChart *self)
{
  if (self->kind == NEURONS_HISTORY_CHART_COST)
    return neurons_evaluator_get_cost_history (self->evaluator);

  return neurons_evaluator_get_test_accuracy_history (self->evaluator);
}

/* The ranges: samples seen up to a round number past the last point; the cost up to a
 * round number over its highest, the accuracy up to 100 %. No axes while there is no line. */
static void
neurons_history_chart_update (NeuronsChart *chart)
{
  NeuronsHistoryChart *self = NEURONS_HISTORY_CHART (chart);
  const NeuronsHistory *history;
  NeuronsHistoryPoint last;
  double maximum;

  if (self->race != NULL)
    {
      update_race (self);
      return;
    }

  if (self->evaluator == NULL || neurons_history_get_length (history = main_history (self)) == 0)
    {
      neurons_chart_set_ticks (chart, GTK_ORIENTATION_HORIZONTAL, 0, 0);
      neurons_chart_set_ticks (chart, GTK_ORIENTATION_VERTICAL, 0, 0);
      return;
    }

  last_value (history, &last);
  neurons_chart_set_range (chart, GTK_ORIENTATION_HORIZONTAL, 0, neurons_chart_nice_ceiling (MAX (last.samples_seen, 1000)));
  if (self->kind == NEURONS_HISTORY_CHART_COST)
    {
      neurons_history_get_range (history, NULL, &maximum);
      neurons_chart_set_range (chart, GTK_ORIENTATION_VERTICAL, 0, neurons_chart_nice_ceiling (MAX (maximum, 0.01)));
    }
  else
    neurons_chart_set_range (chart, GTK_ORIENTATION_VERTICAL, 0, 1);

  /* ticks some 110 pixels apart at least, room for the last one's "20M samples" */
  neurons_chart_set_ticks (chart, GTK_ORIENTATION_HORIZONTAL, 4, 110);
  neurons_chart_set_ticks (chart, GTK_ORIENTATION_VERTICAL, 4, 0);
}

static char *
neurons_history_chart_format_tick (NeuronsChart   *chart,
                                   GtkOrientation  orientation,
                                   double          value,
                                   gboolean        last)
{
  NeuronsHistoryChart *self = NEURONS_HISTORY_CHART (chart);
  g_autofree char *count = NULL;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      if (self->kind == NEURONS_HISTORY_CHART_ACCURACY)
        return g_strdup_printf ("<small>%.0f%%</small>", 100 * value);
      return g_strdup_printf ("<small>%g</small>", value);
    }

  count = neurons_chart_format_count (value);
  /* the last tick carries the unit */
  if (last)
    return g_strdup_printf (_("<small>%s samples</small>"), count);
  return g_strdup_printf ("<small>%s</small>", count);
}

static double
to_x (NeuronsHistoryChart *self,
      double               samples_seen)
{
  return neurons_chart_axis_to_pixel (neurons_chart_get_axis (NEURONS_CHART (self), GTK_ORIENTATION_HORIZONTAL),
                                      samples_seen);
}

static double
to_y (NeuronsHistoryChart *self,
      double               value)
{
  return neurons_chart_axis_to_pixel (neurons_chart_get_axis (NEURONS_CHART (self), GTK_ORIENTATION_VERTICAL), value);
}

/* The latest point, as a dot: where training is now, and visible from the first point on. */
static void
mark_last (NeuronsHistoryChart  *self,
           cairo_t              *cr,
           const NeuronsHistory *history,
           double                radius)
{
  NeuronsHistoryPoint point;

  if (neurons_history_get_length (history) == 0)
    return;

  last_value (history, &point);
  cairo_arc (cr, to_x (self, point.samples_seen), to_y (self, point.value), radius, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
trace_history (NeuronsHistoryChart  *self,
               cairo_t              *cr,
               const NeuronsHistory *history)
{
  guint length = neurons_history_get_length (history);

  for (guint i = 0; i < length; i++)
    {
      NeuronsHistoryPoint point;

      neurons_history_get_point (history, i, &point);
      if (i == 0)
        cairo_move_to (cr, to_x (self, point.samples_seen), to_y (self, point.value));
      else
        cairo_line_to (cr, to_x (self, point.samples_seen), to_y (self, point.value));
    }
}

/* The band between each bucket's smallest and largest value. */
static void
trace_spread (NeuronsHistoryChart  *self,
              cairo_t              *cr,
              const NeuronsHistory *history)
{
  guint length = neurons_history_get_length (history);
  NeuronsHistoryPoint point;

  for (guint i = 0; i < length; i++)
    {
      neurons_history_get_point (history, i, &point);
      if (i == 0)
        cairo_move_to (cr, to_x (self, point.samples_seen), to_y (self, point.maximum));
      else
        cairo_line_to (cr, to_x (self, point.samples_seen), to_y (self, point.maximum));
    }
  for (guint i = length; i-- > 0;)
    {
      neurons_history_get_point (history, i, &point);
      cairo_line_to (cr, to_x (self, point.samples_seen), to_y (self, point.minimum));
    }
  cairo_close_path (cr);
}

/* Chance, one digit in ten, and the panel's line under the test set's. */
static void
draw_panel_and_chance (NeuronsHistoryChart   *self,
                       cairo_t               *cr,
                       const graphene_rect_t *area,
                       const GdkRGBA         *faint,
                       const GdkRGBA         *panel_color)
{
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, faint);
  cairo_set_dash (cr, (double[]) { 2, 3 }, 2, 0);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, area->origin.x, round (to_y (self, 0.1)) + 0.5);
  cairo_line_to (cr, area->origin.x + area->size.width, round (to_y (self, 0.1)) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);

  gdk_cairo_set_source_rgba (cr, panel_color);
  cairo_set_line_width (cr, 1.5);
  trace_history (self, cr, neurons_evaluator_get_panel_accuracy_history (self->evaluator));
  cairo_stroke (cr);
  mark_last (self, cr, neurons_evaluator_get_panel_accuracy_history (self->evaluator), 3);
}

static void
draw_lines (NeuronsHistoryChart   *self,
            GtkSnapshot           *snapshot,
            const graphene_rect_t *area,
            const GdkRGBA         *main_color,
            const GdkRGBA         *panel_color,
            const GdkRGBA         *faint)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const NeuronsHistory *history = main_history (self);
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                                 gtk_widget_get_height (widget)));
  cairo_rectangle (cr, area->origin.x, area->origin.y - 2, area->size.width + 2, area->size.height + 4);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (self->kind == NEURONS_HISTORY_CHART_COST)
    {
      GdkRGBA spread = *main_color;

      spread.alpha = 0.15f;
      gdk_cairo_set_source_rgba (cr, &spread);
      trace_spread (self, cr, history);
      cairo_fill (cr);
    }
  else
    draw_panel_and_chance (self, cr, area, faint, panel_color);

  gdk_cairo_set_source_rgba (cr, main_color);
  cairo_set_line_width (cr, 2.5);
  trace_history (self, cr, history);
  cairo_stroke (cr);
  mark_last (self, cr, history, 4);
  cairo_destroy (cr);
}

static void
draw_accuracy_legend (NeuronsHistoryChart   *self,
                      GtkSnapshot           *snapshot,
                      const graphene_rect_t *area,
                      const GdkRGBA         *main_color,
                      const GdkRGBA         *panel_color,
                      const GdkRGBA         *faint)
{
  GtkWidget *widget = GTK_WIDGET (self);
  NeuronsHistoryPoint last, panel_last;
  g_autofree char *test_legend = NULL;
  g_autofree char *legend = NULL;
  guint n_test_images = neurons_evaluator_get_test_set (self->evaluator)->n_images;
  int test_width, panel_width;

  last_value (main_history (self), &last);
  last_value (neurons_evaluator_get_panel_accuracy_history (self->evaluator), &panel_last);
  neurons_chart_text (widget, snapshot, _("<small>chance</small>"),
                      area->origin.x + area->size.width, to_y (self, 0.1) - 1,
                      NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_END, faint);
  test_legend = g_strdup_printf (_("<small>━ all %u test images <b>%.1f%%</b></small>"),
                                 n_test_images, 100 * last.value);
  legend = g_strdup_printf (_("<small>─ 90-sample panel <b>%.0f%%</b></small>"), 100 * panel_last.value);
  /* A narrow chart, as in a lesson beside the network, names them short. */
  neurons_chart_text_size (widget, test_legend, &test_width, NULL);
  neurons_chart_text_size (widget, legend, &panel_width, NULL);
  if (test_width + panel_width + 12 > area->size.width)
    {
      g_free (test_legend);
      g_free (legend);
      test_legend = g_strdup_printf (_("<small>━ test set <b>%.1f%%</b></small>"), 100 * last.value);
      legend = g_strdup_printf (_("<small>─ panel <b>%.0f%%</b></small>"), 100 * panel_last.value);
    }
  neurons_chart_text (widget, snapshot, test_legend, area->origin.x, 2,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, main_color);
  neurons_chart_text (widget, snapshot, legend, area->origin.x + area->size.width, 2,
                      NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_START, panel_color);
}

/* Both networks' curves, the second dashed, and a legend that names them. */
static void
plot_race (NeuronsHistoryChart   *self,
           GtkSnapshot           *snapshot,
           const graphene_rect_t *area)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA colors[NEURONS_RACE_N_SIDES], faint;
  cairo_t *cr;

  neurons_chart_foreground (widget, 0.65, &faint);
  if (neurons_history_get_length (race_history (self, NEURONS_RACE_SIDE_A)) == 0)
    {
      neurons_chart_text (widget, snapshot, _("<small>Both curves appear at the first measurement</small>"),
                          gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_CENTER, &faint);
      return;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                                 gtk_widget_get_height (widget)));
  cairo_rectangle (cr, area->origin.x, area->origin.y - 2, area->size.width + 2, area->size.height + 4);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2.5);
  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    {
      race_color (self, side, &colors[side]);
      gdk_cairo_set_source_rgba (cr, &colors[side]);
      cairo_set_dash (cr, (double[]) { 7, 4 }, side == NEURONS_RACE_SIDE_B ? 2 : 0, 0);
      trace_history (self, cr, race_history (self, side));
      cairo_stroke (cr);
      mark_last (self, cr, race_history (self, side), 4);
    }
  cairo_destroy (cr);

  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    {
      g_autofree char *name = neurons_race_get_name (self->race, side);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *value = NULL;
      g_autofree char *legend = NULL;
      NeuronsHistoryPoint last;

      last_value (race_history (self, side), &last);
      value = race_format_value (self, last.value);
      /* solid and dashed, as the lines are drawn */
      legend = g_strdup_printf ("<small>%s %s <b>%s</b></small>",
                                side == NEURONS_RACE_SIDE_A ? "━━" : "╍╍", escaped, value);
      neurons_chart_text (widget, snapshot, legend,
                          side == NEURONS_RACE_SIDE_A ? area->origin.x : area->origin.x + area->size.width, 2,
                          side == NEURONS_RACE_SIDE_A ? NEURONS_CHART_ALIGN_START : NEURONS_CHART_ALIGN_END,
                          NEURONS_CHART_ALIGN_START, &colors[side]);
    }
}

static void
neurons_history_chart_plot (NeuronsChart          *chart,
                            GtkSnapshot           *snapshot,
                            const graphene_rect_t *area)
{
  NeuronsHistoryChart *self = NEURONS_HISTORY_CHART (chart);
  GtkWidget *widget = GTK_WIDGET (chart);
  gboolean dark = neurons_colors_is_dark (widget);
  GdkRGBA main_color, panel_color, faint;
  NeuronsHistoryPoint last;
  g_autofree char *legend = NULL;

  if (self->race != NULL)
    {
      plot_race (self, snapshot, area);
      return;
    }

  if (self->evaluator == NULL)
    return;

  neurons_chart_foreground (widget, 0.65, &faint);
  if (neurons_history_get_length (main_history (self)) == 0)
    {
      neurons_chart_text (widget, snapshot,
                          self->kind == NEURONS_HISTORY_CHART_COST
                            ? _("<small>The cost appears here once training starts</small>")
                            : _("<small>Measuring the accuracy…</small>"),
                          gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_CENTER, &faint);
      return;
    }

  if (self->kind == NEURONS_HISTORY_CHART_COST)
    neurons_chart_foreground (widget, 0.9, &main_color);
  else
    {
      neurons_chart_color (NEURONS_CHART_GREEN, dark, &main_color);
      neurons_chart_color (NEURONS_CHART_PURPLE, dark, &panel_color);
    }

  draw_lines (self, snapshot, area, &main_color, &panel_color, &faint);

  if (self->kind == NEURONS_HISTORY_CHART_ACCURACY)
    draw_accuracy_legend (self, snapshot, area, &main_color, &panel_color, &faint);
  else
    {
      last_value (main_history (self), &last);
      legend = g_strdup_printf (_("<small>running cost <b>%.3f</b> · averaged over the last ~100 samples</small>"), last.value);
      neurons_chart_text (widget, snapshot, legend, area->origin.x, 2,
                          NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &main_color);
    }
}

static void
neurons_history_chart_get_margins (NeuronsChart *chart,
                                   GtkBorder    *margins)
{
  int label_width, label_height;

  neurons_chart_text_size (GTK_WIDGET (chart), "<small>100%</small>", &label_width, &label_height);
  *margins = (GtkBorder) {
    .left = label_width + 8,
    .top = label_height + 8,
    .right = 10,
    .bottom = label_height + 6,
  };
}
static void
neurons_history_chart_constructed (GObject *object)
{
  NeuronsHistoryChart *self = (NeuronsHistoryChart *) object;

  G_OBJECT_CLASS (neurons_history_chart_parent_class)->constructed (object);

  neurons_chart_set_label (NEURONS_CHART (self),
                           self->kind == NEURONS_HISTORY_CHART_COST ? _("Cost over time") : _("Accuracy over time"));
}

static void
neurons_history_chart_dispose (GObject *object)
{
  NeuronsHistoryChart *self = (NeuronsHistoryChart *) object;

  neurons_history_chart_set_evaluator (self, NULL);
  neurons_history_chart_set_race (self, NULL);

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

    case PROP_RACE:
      g_value_set_object (value, self->race);
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

    case PROP_RACE:
      neurons_history_chart_set_race (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_history_chart_class_init (NeuronsHistoryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NeuronsChartClass *chart_class = NEURONS_CHART_CLASS (klass);

  object_class->constructed = neurons_history_chart_constructed;
  object_class->dispose = neurons_history_chart_dispose;
  object_class->get_property = neurons_history_chart_get_property;
  object_class->set_property = neurons_history_chart_set_property;

  chart_class->minimum_width = 220;
  chart_class->minimum_height = 120;
  chart_class->natural_width = 400;
  chart_class->natural_height = 180;
  chart_class->update_interval_ms = REDRAW_INTERVAL_MS;
  chart_class->get_margins = neurons_history_chart_get_margins;
  chart_class->update = neurons_history_chart_update;
  chart_class->describe = neurons_history_chart_describe;
  chart_class->format_tick = neurons_history_chart_format_tick;
  chart_class->plot = neurons_history_chart_plot;

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

  /**
   * NeuronsHistoryChart:race:
   *
   * A race whose two networks the chart follows instead of the evaluator's one, or %NULL.
   */
  properties[PROP_RACE] =
    g_param_spec_object ("race", NULL, NULL,
                         NEURONS_TYPE_RACE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
neurons_history_chart_init (NeuronsHistoryChart *self)
{
  neurons_chart_set_unit_on_last_tick (NEURONS_CHART (self), TRUE);
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
      g_signal_connect_object (evaluator, "updated", G_CALLBACK (neurons_chart_queue_update), self, G_CONNECT_SWAPPED);
      /* the cost grows with every publication, not only with each evaluation */
      if (self->kind == NEURONS_HISTORY_CHART_COST)
        g_signal_connect_object (neurons_evaluator_get_net (evaluator), "changed",
                                 G_CALLBACK (neurons_chart_queue_update), self, G_CONNECT_SWAPPED);
    }

  neurons_chart_update (NEURONS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVALUATOR]);
}

NeuronsRace *
neurons_history_chart_get_race (NeuronsHistoryChart *self)
{
  g_return_val_if_fail (NEURONS_IS_HISTORY_CHART (self), NULL);

  return self->race;
}

/**
 * neurons_history_chart_set_race:
 * @race: (nullable): a race to follow both networks of
 *
 * Draws the two networks of @race, each with its own curve, instead of the evaluator's.
 */
void
neurons_history_chart_set_race (NeuronsHistoryChart *self,
                                NeuronsRace         *race)
{
  g_return_if_fail (NEURONS_IS_HISTORY_CHART (self));
  g_return_if_fail (race == NULL || NEURONS_IS_RACE (race));

  if (self->race == race)
    return;

  if (self->race != NULL)
    g_signal_handlers_disconnect_by_data (self->race, self);
  g_set_object (&self->race, race);
  if (race != NULL)
    g_signal_connect_object (race, "checkpoint", G_CALLBACK (neurons_chart_queue_update), self, G_CONNECT_SWAPPED);

  neurons_chart_update (NEURONS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RACE]);
}
