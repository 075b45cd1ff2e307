/* neurons-chart.c: what the charts share: colours, text, axes, a calm redraw
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
 * neurons_chart_layer_weights:
 * @mlp: a network
 * @layer: 0 for input → hidden 1, 1 for hidden 1 → hidden 2, 2 for hidden 2 → output
 * @n_weights: (out): how many
 *
 * A layer's weights in some order, for statistics where the order does not matter.
 *
 * Returns: (array length=n_weights): the weights, owned by @mlp
 */
const float *
neurons_chart_layer_weights (const NeuronsMlp *mlp,
                             guint             layer,
                             gsize            *n_weights)
{
  g_return_val_if_fail (mlp != NULL, NULL);
  g_return_val_if_fail (layer < NEURONS_N_LAYERS, NULL);

  *n_weights = (gsize) neurons_layer_n_inputs (layer) * neurons_layer_n_outputs (layer);
  switch (layer)
    {
    case 0:
      return mlp->w1t;
    case 1:
      return mlp->w2;
    case 2:
    default:
      return mlp->w3;
    }
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
 * neurons_chart_draw_histogram:
 * @cr: where to draw
 * @area: the bars' rectangle; the bins span its width, @max_count its height
 * @counts: (array length=n_bins): counts over a range symmetric about zero
 * @n_bins: how many, even, so that zero is an edge
 * @max_count: the count that reaches the top
 * @fill: (nullable): one colour for every bar, or %NULL to colour them by sign with the
 *   diverging scale, as weights are drawn everywhere else
 * @dark: whether the style is dark, for the diverging scale
 */
void
neurons_chart_draw_histogram (cairo_t               *cr,
                              const graphene_rect_t *area,
                              const guint           *counts,
                              guint                  n_bins,
                              guint                  max_count,
                              const GdkRGBA         *fill,
                              gboolean               dark)
{
  double bin_width = area->size.width / n_bins;

  if (max_count == 0)
    return;

  for (guint half = 0; half < 2; half++)
    {
      GdkRGBA color;

      if (fill != NULL)
        color = *fill;
      else
        neurons_colors_diverging (half == 0 ? -0.75f : 0.75f, dark, &color);
      gdk_cairo_set_source_rgba (cr, &color);

      for (guint bin = half * n_bins / 2; bin < (half + 1) * n_bins / 2; bin++)
        {
          double bar = area->size.height * counts[bin] / max_count;

          if (counts[bin] == 0)
            continue;
          /* a bin with anything in it shows at least a sliver */
          bar = MAX (bar, 1);
          cairo_rectangle (cr, area->origin.x + bin * bin_width,
                           area->origin.y + area->size.height - bar,
                           bin_width, bar);
        }
      cairo_fill (cr);
    }
}

void
neurons_chart_throttle_init (NeuronsChartThrottle *throttle,
                             guint                 interval_ms,
                             GSourceFunc           callback,
                             gpointer              user_data)
{
  g_return_if_fail (throttle != NULL);
  g_return_if_fail (callback != NULL);

  *throttle = (NeuronsChartThrottle) {
    .interval_ms = interval_ms,
    .callback = callback,
    .user_data = user_data,
  };
}

static gboolean
throttle_fire (gpointer data)
{
  NeuronsChartThrottle *throttle = data;

  throttle->source_id = 0;
  throttle->last_run = g_get_monotonic_time ();
  throttle->callback (throttle->user_data);

  return G_SOURCE_REMOVE;
}

/* Asks for the callback to run: at once if it has rested for an interval, else when it has. */
void
neurons_chart_throttle_request (NeuronsChartThrottle *throttle)
{
  gint64 since;
  gint64 wait_ms;

  g_return_if_fail (throttle != NULL);

  if (throttle->source_id != 0)
    return;

  since = (g_get_monotonic_time () - throttle->last_run) / 1000;
  wait_ms = CLAMP ((gint64) throttle->interval_ms - since, 0, (gint64) throttle->interval_ms);
  throttle->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) wait_ms, throttle_fire, throttle, NULL);
}

/* Cancels a pending run; call it before the throttle's owner goes away. */
void
neurons_chart_throttle_clear (NeuronsChartThrottle *throttle)
{
  g_return_if_fail (throttle != NULL);

  g_clear_handle_id (&throttle->source_id, g_source_remove);
}
