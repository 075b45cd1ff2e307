/* neurons-chart.c: the base of the teaching charts, and the drawing helpers they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-chart.h"
#include "neurons-colors.h"

/* [color][dark]: Okabe-Ito, lightened for a dark background */
static const guint8 palette[][2][3] = {
  [NEURONS_CHART_GREEN] = { { 0x00, 0x9e, 0x73 }, { 0x3d, 0xd6, 0xa3 } },
  [NEURONS_CHART_PURPLE] = { { 0xb5, 0x4f, 0x93 }, { 0xe0, 0x97, 0xc4 } },
  [NEURONS_CHART_SKY] = { { 0x3a, 0x9a, 0xd9 }, { 0x7c, 0xc6, 0xf2 } },
  [NEURONS_CHART_YELLOW] = { { 0xc9, 0xa2, 0x00 }, { 0xf0, 0xe4, 0x42 } },
  [NEURONS_CHART_WRONG] = { { 0xc0, 0x1c, 0x28 }, { 0xc0, 0x1c, 0x28 } },
};

/**
 * neurons_chart_color:
 * @color: which colour
 * @dark: whether the variant for a dark style is wanted
 * @rgba: (out): where to store it
 */
void
neurons_chart_color (NeuronsChartColor  color,
                     gboolean           dark,
                     GdkRGBA           *rgba)
{
  const guint8 *rgb;

  g_return_if_fail (color < G_N_ELEMENTS (palette));
  g_return_if_fail (rgba != NULL);

  rgb = palette[color][dark ? 1 : 0];
  *rgba = (GdkRGBA) { rgb[0] / 255.0f, rgb[1] / 255.0f, rgb[2] / 255.0f, 1.0f };
}

/**
 * neurons_chart_foreground:
 * @widget: a widget
 * @alpha: how much of the text colour's opacity to keep, 0-1
 * @rgba: (out): where to store it
 *
 * The widget's text colour, faded for axes, grids and things in the background.
 */
void
neurons_chart_foreground (GtkWidget *widget,
                          double     alpha,
                          GdkRGBA   *rgba)
{
  neurons_colors_get_foreground (widget, rgba);
  rgba->alpha *= (float) alpha;
}

static PangoLayout *
create_layout (GtkWidget  *widget,
               const char *markup)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);

  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
aligned (double            position,
         int               size,
         NeuronsChartAlign align)
{
  switch (align)
    {
    case NEURONS_CHART_ALIGN_CENTER:
      return position - size / 2.0;
    case NEURONS_CHART_ALIGN_END:
      return position - size;
    case NEURONS_CHART_ALIGN_START:
    default:
      return position;
    }
}

/**
 * neurons_chart_text:
 * @widget: the widget that draws, for its font
 * @snapshot: where to draw
 * @markup: Pango markup
 * @x: where the text's anchor goes
 * @y: likewise
 * @horizontal: which edge of the text @x is
 * @vertical: which edge of the text @y is
 * @color: the text colour
 *
 * Draws a label in the widget's font, anchored at a point.
 */
void
neurons_chart_text (GtkWidget         *widget,
                    GtkSnapshot       *snapshot,
                    const char        *markup,
                    double             x,
                    double             y,
                    NeuronsChartAlign  horizontal,
                    NeuronsChartAlign  vertical,
                    const GdkRGBA     *color)
{
  g_autoptr(PangoLayout) layout = NULL;
  int width, height;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (markup != NULL);

  layout = create_layout (widget, markup);
  pango_layout_get_pixel_size (layout, &width, &height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (round (aligned (x, width, horizontal)),
                                                round (aligned (y, height, vertical))));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The size in pixels that neurons_chart_text() would give the markup. */
void
neurons_chart_text_size (GtkWidget  *widget,
                         const char *markup,
                         int        *width,
                         int        *height)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  layout = create_layout (widget, markup);
  pango_layout_get_pixel_size (layout, width, height);
}

/**
 * neurons_chart_nice_ticks:
 * @minimum: the low end of the axis
 * @maximum: the high end
 * @max_ticks: room for at most this many
 * @ticks: (out caller-allocates) (array): at least @max_ticks + 1 doubles
 *
 * Round values (1, 2 or 5 times a power of ten apart) that fall within the axis.
 *
 * Returns: how many ticks were stored
 */
guint
neurons_chart_nice_ticks (double  minimum,
                          double  maximum,
                          guint   max_ticks,
                          double *ticks)
{
  static const double steps[] = { 1, 2, 5, 10 };
  double span = maximum - minimum;
  double magnitude, step = 0;
  guint n = 0;

  g_return_val_if_fail (max_ticks >= 1, 0);

  if (!(span > 0))
    return 0;

  magnitude = pow (10, floor (log10 (span / max_ticks)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      step = steps[i] * magnitude;
      if (span / step <= max_ticks)
        break;
    }

  for (double tick = ceil (minimum / step - 1e-9) * step; tick <= maximum + step * 1e-9 && n <= max_ticks; tick += step)
    ticks[n++] = fabs (tick) < step * 1e-9 ? 0 : tick;

  return n;
}

/* The smallest of 1, 2 or 5 times a power of ten that is at least value (> 0). */
double
neurons_chart_nice_ceiling (double value)
{
  static const double multiples[] = { 1, 2, 5 };
  double magnitude;

  g_return_val_if_fail (value > 0, 1);

  magnitude = pow (10, floor (log10 (value)));
  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * magnitude >= value * (1 - 1e-9))
      return multiples[i] * magnitude;

  return 10 * magnitude;
}

/* A count of samples, short: 950, 12.5k, 60k, 1.2M. */
char *
neurons_chart_format_count (double value)
{
  if (value >= 1e6)
    return g_strdup_printf ("%.3gM", value / 1e6);
  if (value >= 1e3)
    return g_strdup_printf ("%.3gk", value / 1e3);
  return g_strdup_printf ("%.0f", value);
}

/**
 * neurons_chart_set_description:
 * @widget: a chart
 * @description: what the chart shows now, in a sentence or two
 *
 * Tells assistive technologies the figure's message, only when it changed.
 */
void
neurons_chart_set_description (GtkWidget  *widget,
                               const char *description)
{
  static GQuark quark;
  const char *current;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (quark == 0)
    quark = g_quark_from_static_string ("neurons-chart-description");

  current = g_object_get_qdata (G_OBJECT (widget), quark);
  if (g_strcmp0 (current, description) == 0)
    return;

  g_object_set_qdata_full (G_OBJECT (widget), quark, g_strdup (description), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/**
 * neurons_chart_histogram:
 * @values: (array length=n_values): the values
 * @n_values: how many
 * @low: the left edge of the first bin
 * @high: the right edge of the last
 * @counts: (out caller-allocates) (array length=n_bins): the counts
 * @n_bins: how many bins of equal width
 *
 * Counts the values per bin; values beyond either edge count in the bin at that edge.
 */
void
neurons_chart_histogram (const float *values,
                         gsize        n_values,
                         double       low,
                         double       high,
                         guint       *counts,
                         guint        n_bins)
{
  double scale = n_bins / (high - low);

  g_return_if_fail (high > low);
  g_return_if_fail (n_bins > 0);

  memset (counts, 0, n_bins * sizeof *counts);
  for (gsize i = 0; i < n_values; i++)
    {
      double position = (values[i] - low) * scale;
      int bin = position < 0 ? 0 : (int) MIN (position, n_bins - 1);

      counts[bin]++;
    }
}

double
neurons_chart_standard_deviation (const float *values,
                                  gsize        n_values)
{
  double sum = 0, sum_squares = 0, mean;

  if (n_values == 0)
    return 0;

  for (gsize i = 0; i < n_values; i++)
    sum += values[i];
  mean = sum / n_values;
  for (gsize i = 0; i < n_values; i++)
    sum_squares += (values[i] - mean) * (values[i] - mean);

  return sqrt (sum_squares / n_values);
}


/**
 * neurons_chart_snapshot_histogram:
 * @snapshot: where to draw
 * @area: the bars' rectangle; the bins span its width, @max_count its height
 * @counts: (array length=n_bins): counts over a range symmetric about zero
 * @n_bins: how many, even, so that zero is an edge
 * @max_count: the count that reaches the top
 * @fill: (nullable): one colour for every bar, or %NULL to colour them by sign with the
 *   diverging scale, as weights are drawn everywhere else
 * @dark: whether the style is dark, for the diverging scale
 *
 * Plain rectangles, so plain colour nodes; their sides fall on whole pixels, so that
 * neighbouring bars meet without a seam.
 */
void
neurons_chart_snapshot_histogram (GtkSnapshot           *snapshot,
                                  const graphene_rect_t *area,
                                  const guint           *counts,
                                  guint                  n_bins,
                                  guint                  max_count,
                                  const GdkRGBA         *fill,
                                  gboolean               dark)
{
  double bin_width = area->size.width / n_bins;
  double bottom = area->origin.y + area->size.height;
  GdkRGBA negative, positive;

  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));

  if (max_count == 0)
    return;

  neurons_colors_diverging (-0.75f, dark, &negative);
  neurons_colors_diverging (0.75f, dark, &positive);

  for (guint bin = 0; bin < n_bins; bin++)
    {
      double left = round (area->origin.x + bin * bin_width);
      double right = round (area->origin.x + (bin + 1) * bin_width);
      /* a bin with anything in it shows at least a sliver */
      double bar = MAX (area->size.height * counts[bin] / max_count, 1);

      if (counts[bin] == 0)
        continue;

      gtk_snapshot_append_color (snapshot,
                                 fill != NULL ? fill : bin < n_bins / 2 ? &negative : &positive,
                                 &GRAPHENE_RECT_INIT (left, bottom - bar, right - left, bar));
    }
}

/**
 * neurons_chart_axis_init:
 * @axis: (out caller-allocates): the axis
 * @minimum: the value at @start
 * @maximum: the value at @end
 * @start: a pixel position
 * @end: another; below @start for a vertical axis that runs up
 */
void
neurons_chart_axis_init (NeuronsChartAxis *axis,
                         double            minimum,
                         double            maximum,
                         double            start,
                         double            end)
{
  g_return_if_fail (axis != NULL);

  *axis = (NeuronsChartAxis) { minimum, maximum, start, end };
}

/* A range of one value, or with an end that is not a number, has no scale. */
static gboolean
is_degenerate (const NeuronsChartAxis *axis)
{
  double span = axis->maximum - axis->minimum;

  return !isfinite (span) || span == 0;
}

/* Where a value lies, in pixels; values beyond the range lie beyond the run. */
double
neurons_chart_axis_to_pixel (const NeuronsChartAxis *axis,
                             double                  value)
{
  g_return_val_if_fail (axis != NULL, 0);

  if (is_degenerate (axis))
    return (axis->start + axis->end) / 2;

  return axis->start + (value - axis->minimum) / (axis->maximum - axis->minimum) * (axis->end - axis->start);
}

/* The value at a pixel: the inverse of neurons_chart_axis_to_pixel(). */
double
neurons_chart_axis_to_value (const NeuronsChartAxis *axis,
                             double                  pixel)
{
  g_return_val_if_fail (axis != NULL, 0);

  if (is_degenerate (axis) || axis->end == axis->start)
    return axis->minimum;

  return axis->minimum + (pixel - axis->start) / (axis->end - axis->start) * (axis->maximum - axis->minimum);
}

/**
 * neurons_chart_axis_ticks:
 * @axis: an axis
 * @max_ticks: room for at most this many (at least 1)
 * @ticks: (out caller-allocates) (array): at least @max_ticks + 1 doubles
 *
 * Round values within the axis's range, as neurons_chart_nice_ticks(); a degenerate range
 * has its one value as its one tick.
 *
 * Returns: how many ticks were stored
 */
guint
neurons_chart_axis_ticks (const NeuronsChartAxis *axis,
                          guint                   max_ticks,
                          double                 *ticks)
{
  double low, high;

  g_return_val_if_fail (axis != NULL, 0);
  g_return_val_if_fail (max_ticks >= 1, 0);

  if (!isfinite (axis->minimum) || !isfinite (axis->maximum))
    return 0;

  if (axis->minimum == axis->maximum)
    {
      ticks[0] = axis->minimum;
      return 1;
    }

  low = MIN (axis->minimum, axis->maximum);
  high = MAX (axis->minimum, axis->maximum);
  return neurons_chart_nice_ticks (low, high, max_ticks, ticks);
}

/*
 * The base class. Subclasses observe their model and call neurons_chart_queue_update() on
 * each change, which runs their update() at most once per update_interval_ms and soon after
 * the last change; cheap changes of their own properties call neurons_chart_invalidate().
 * Either way the description is asked for again and the chart redrawn: snapshot() lays out
 * the plot area, draws the axes the subclass asked for, and leaves the rest to plot().
 */

#define DEFAULT_UPDATE_INTERVAL_MS 250
#define TICK_LENGTH                3

typedef struct
{
  NeuronsChartAxis  axes[2];            /* by GtkOrientation */
  guint             max_ticks[2];       /* 0: that axis is not drawn */
  guint             min_spacing[2];     /* in pixels between ticks, 0 for any */
  gboolean          unit_on_last_tick;  /* the last x label names the unit and ends near it */

  guint             update_source;
  gint64            last_update;        /* monotonic µs */
} NeuronsChartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (NeuronsChart, neurons_chart, GTK_TYPE_WIDGET)

static void
describe (NeuronsChart *self)
{
  g_autofree char *description = NULL;

  if (NEURONS_CHART_GET_CLASS (self)->describe == NULL)
    return;

  description = NEURONS_CHART_GET_CLASS (self)->describe (self);
  neurons_chart_set_description (GTK_WIDGET (self), description);
}

static gboolean
run_update (gpointer user_data)
{
  NeuronsChart *self = user_data;
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (self);

  priv->update_source = 0;
  priv->last_update = g_get_monotonic_time ();
  if (NEURONS_CHART_GET_CLASS (self)->update != NULL)
    NEURONS_CHART_GET_CLASS (self)->update (self);
  neurons_chart_invalidate (self);

  return G_SOURCE_REMOVE;
}

static char *
format_tick (NeuronsChart   *self,
             GtkOrientation  orientation,
             double          value,
             gboolean        last)
{
  return g_strdup_printf ("<small>%g</small>", value);
}

/* Along the bottom of the plot: a base line, a short tick and a label under each tick. */
static void
draw_horizontal_axis (NeuronsChart          *self,
                      GtkSnapshot           *snapshot,
                      cairo_t               *cr,
                      const graphene_rect_t *area)
{
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (self);
  GtkWidget *widget = GTK_WIDGET (self);
  const NeuronsChartAxis *axis = &priv->axes[GTK_ORIENTATION_HORIZONTAL];
  double bottom = area->origin.y + area->size.height;
  double right = area->origin.x + area->size.width;
  guint max_ticks = priv->max_ticks[GTK_ORIENTATION_HORIZONTAL];
  guint spacing = priv->min_spacing[GTK_ORIENTATION_HORIZONTAL];
  double ticks[16];
  guint n_ticks;
  GdkRGBA line, text;

  neurons_chart_foreground (widget, 0.4, &line);
  neurons_chart_foreground (widget, 0.65, &text);
  if (spacing > 0)
    max_ticks = CLAMP ((guint) (area->size.width / spacing), 1, max_ticks);

  gdk_cairo_set_source_rgba (cr, &line);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, area->origin.x, round (bottom) + 0.5);
  cairo_line_to (cr, right, round (bottom) + 0.5);

  n_ticks = neurons_chart_axis_ticks (axis, MIN (max_ticks, G_N_ELEMENTS (ticks) - 1), ticks);
  for (guint i = 0; i < n_ticks; i++)
    {
      double x = neurons_chart_axis_to_pixel (axis, ticks[i]);
      gboolean last = i + 1 == n_ticks;
      gboolean unit = last && priv->unit_on_last_tick;
      g_autofree char *label = NEURONS_CHART_GET_CLASS (self)->format_tick (self, GTK_ORIENTATION_HORIZONTAL,
                                                                            ticks[i], last);

      cairo_move_to (cr, round (x) + 0.5, bottom);
      cairo_line_to (cr, round (x) + 0.5, bottom + TICK_LENGTH);
      /* a label that names the unit is long: it ends just past its tick, inside the widget */
      neurons_chart_text (widget, snapshot, label, unit ? MIN (round (x) + 0.5 + 8, right + 8) : x,
                          bottom + TICK_LENGTH,
                          unit ? NEURONS_CHART_ALIGN_END : NEURONS_CHART_ALIGN_CENTER,
                          NEURONS_CHART_ALIGN_START, &text);
    }
  cairo_stroke (cr);
}

/* Up the left of the plot: a faint grid line across it at each tick, labelled on the left. */
static void
draw_vertical_axis (NeuronsChart          *self,
                    GtkSnapshot           *snapshot,
                    cairo_t               *cr,
                    const graphene_rect_t *area)
{
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (self);
  GtkWidget *widget = GTK_WIDGET (self);
  const NeuronsChartAxis *axis = &priv->axes[GTK_ORIENTATION_VERTICAL];
  double ticks[16];
  guint n_ticks;
  GdkRGBA grid, text;

  neurons_chart_foreground (widget, 0.10, &grid);
  neurons_chart_foreground (widget, 0.65, &text);

  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_set_line_width (cr, 1);
  n_ticks = neurons_chart_axis_ticks (axis, MIN (priv->max_ticks[GTK_ORIENTATION_VERTICAL], G_N_ELEMENTS (ticks) - 1),
                                      ticks);
  for (guint i = 0; i < n_ticks; i++)
    {
      double y = round (neurons_chart_axis_to_pixel (axis, ticks[i])) + 0.5;
      g_autofree char *label = NEURONS_CHART_GET_CLASS (self)->format_tick (self, GTK_ORIENTATION_VERTICAL,
                                                                            ticks[i], i + 1 == n_ticks);

      cairo_move_to (cr, area->origin.x, y);
      cairo_line_to (cr, area->origin.x + area->size.width, y);
      neurons_chart_text (widget, snapshot, label, area->origin.x - 4, y,
                          NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_CENTER, &text);
    }
  cairo_stroke (cr);
}

static void
neurons_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  NeuronsChart *self = NEURONS_CHART (widget);
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (self);
  NeuronsChartClass *klass = NEURONS_CHART_GET_CLASS (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkBorder margins = { 0 };
  graphene_rect_t area;

  if (width <= 0 || height <= 0)
    return;

  if (klass->get_margins != NULL)
    klass->get_margins (self, &margins);
  area = GRAPHENE_RECT_INIT (margins.left, margins.top,
                             width - margins.left - margins.right,
                             height - margins.top - margins.bottom);
  if (area.size.width <= 0 || area.size.height <= 0)
    return;

  /* the axes follow the plot area, wherever the widget's size puts it */
  for (guint orientation = 0; orientation < 2; orientation++)
    {
      NeuronsChartAxis *axis = &priv->axes[orientation];

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        axis->start = area.origin.x, axis->end = area.origin.x + area.size.width;
      else
        axis->start = area.origin.y + area.size.height, axis->end = area.origin.y;
    }

  if (priv->max_ticks[GTK_ORIENTATION_HORIZONTAL] > 0 || priv->max_ticks[GTK_ORIENTATION_VERTICAL] > 0)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      if (priv->max_ticks[GTK_ORIENTATION_VERTICAL] > 0)
        draw_vertical_axis (self, snapshot, cr, &area);
      if (priv->max_ticks[GTK_ORIENTATION_HORIZONTAL] > 0)
        draw_horizontal_axis (self, snapshot, cr, &area);
      cairo_destroy (cr);
    }

  if (klass->plot != NULL)
    klass->plot (self, snapshot, &area);
}

static void
neurons_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  NeuronsChartClass *klass = NEURONS_CHART_GET_CLASS (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = klass->minimum_width;
      *natural = MAX (klass->natural_width, klass->minimum_width);
    }
  else
    {
      *minimum = klass->minimum_height;
      *natural = MAX (klass->natural_height, klass->minimum_height);
    }
}

static void
neurons_chart_constructed (GObject *object)
{
  NeuronsChart *self = NEURONS_CHART (object);
  const char *label = NEURONS_CHART_GET_CLASS (self)->label;

  G_OBJECT_CLASS (neurons_chart_parent_class)->constructed (object);

  if (label != NULL)
    neurons_chart_set_label (self, g_dgettext (GETTEXT_PACKAGE, label));
  neurons_chart_update (self);
}

static void
neurons_chart_dispose (GObject *object)
{
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (NEURONS_CHART (object));

  g_clear_handle_id (&priv->update_source, g_source_remove);

  G_OBJECT_CLASS (neurons_chart_parent_class)->dispose (object);
}

static void
neurons_chart_class_init (NeuronsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = neurons_chart_constructed;
  object_class->dispose = neurons_chart_dispose;

  widget_class->snapshot = neurons_chart_snapshot;
  widget_class->measure = neurons_chart_measure;

  klass->format_tick = format_tick;
  klass->update_interval_ms = DEFAULT_UPDATE_INTERVAL_MS;

  /* every chart is a picture to assistive technologies, and shares the CSS name */
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
neurons_chart_init (NeuronsChart *self)
{
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (self);

  neurons_chart_axis_init (&priv->axes[GTK_ORIENTATION_HORIZONTAL], 0, 1, 0, 1);
  neurons_chart_axis_init (&priv->axes[GTK_ORIENTATION_VERTICAL], 0, 1, 1, 0);
}

/**
 * neurons_chart_get_axis:
 * @chart: a chart
 * @orientation: horizontal for the x axis, vertical for the y axis
 *
 * The axis, laid along the plot area of the last snapshot(); plot() can rely on it.
 */
const NeuronsChartAxis *
neurons_chart_get_axis (NeuronsChart   *chart,
                        GtkOrientation  orientation)
{
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (chart);

  g_return_val_if_fail (NEURONS_IS_CHART (chart), NULL);
  g_return_val_if_fail (orientation <= GTK_ORIENTATION_VERTICAL, NULL);

  return &priv->axes[orientation];
}

/* The values at the ends of an axis: the left and right, or the bottom and top. */
void
neurons_chart_set_range (NeuronsChart   *chart,
                         GtkOrientation  orientation,
                         double          minimum,
                         double          maximum)
{
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (chart);

  g_return_if_fail (NEURONS_IS_CHART (chart));
  g_return_if_fail (orientation <= GTK_ORIENTATION_VERTICAL);

  if (priv->axes[orientation].minimum == minimum && priv->axes[orientation].maximum == maximum)
    return;

  priv->axes[orientation].minimum = minimum;
  priv->axes[orientation].maximum = maximum;
  gtk_widget_queue_draw (GTK_WIDGET (chart));
}

/**
 * neurons_chart_set_ticks:
 * @chart: a chart
 * @orientation: which axis
 * @max_ticks: how many labelled ticks at most; 0 not to draw the axis
 * @min_spacing: the fewest pixels between ticks, 0 for no limit
 *
 * Asks the base to draw an axis: the x axis as a line under the plot with ticks and labels,
 * the y axis as a faint grid across it labelled on the left.
 */
void
neurons_chart_set_ticks (NeuronsChart   *chart,
                         GtkOrientation  orientation,
                         guint           max_ticks,
                         guint           min_spacing)
{
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (chart);

  g_return_if_fail (NEURONS_IS_CHART (chart));
  g_return_if_fail (orientation <= GTK_ORIENTATION_VERTICAL);

  if (priv->max_ticks[orientation] == max_ticks && priv->min_spacing[orientation] == min_spacing)
    return;

  priv->max_ticks[orientation] = max_ticks;
  priv->min_spacing[orientation] = min_spacing;
  gtk_widget_queue_draw (GTK_WIDGET (chart));
}

/* Whether the last label of the x axis names the unit, and so ends near its tick. */
void
neurons_chart_set_unit_on_last_tick (NeuronsChart *chart,
                                     gboolean      unit_on_last_tick)
{
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (chart);

  g_return_if_fail (NEURONS_IS_CHART (chart));

  priv->unit_on_last_tick = !!unit_on_last_tick;
  gtk_widget_queue_draw (GTK_WIDGET (chart));
}

/* The accessible name, for a chart whose name is not the same for its whole class. */
void
neurons_chart_set_label (NeuronsChart *chart,
                         const char   *label)
{
  g_return_if_fail (NEURONS_IS_CHART (chart));

  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Something cheap changed, such as a property: describe the chart again and redraw it. */
void
neurons_chart_invalidate (NeuronsChart *chart)
{
  g_return_if_fail (NEURONS_IS_CHART (chart));

  describe (chart);
  gtk_widget_queue_draw (GTK_WIDGET (chart));
}

/**
 * neurons_chart_queue_update:
 * @chart: a chart
 *
 * The model changed: runs update() at once if it has rested for an interval, else when it
 * has, so that a model that changes at frame rate costs one update per interval.
 */
void
neurons_chart_queue_update (NeuronsChart *chart)
{
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (chart);
  gint64 interval_ms, since_ms, wait_ms;

  g_return_if_fail (NEURONS_IS_CHART (chart));

  if (priv->update_source != 0)
    return;

  interval_ms = NEURONS_CHART_GET_CLASS (chart)->update_interval_ms;
  since_ms = (g_get_monotonic_time () - priv->last_update) / 1000;
  wait_ms = CLAMP (interval_ms - since_ms, 0, interval_ms);
  priv->update_source = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) wait_ms, run_update, chart, NULL);
}

/* The model was replaced: update now, and drop any update waiting for its turn. */
void
neurons_chart_update (NeuronsChart *chart)
{
  NeuronsChartPrivate *priv = neurons_chart_get_instance_private (chart);

  g_return_if_fail (NEURONS_IS_CHART (chart));

  g_clear_handle_id (&priv->update_source, g_source_remove);
  run_update (chart);
}
