/* neurons-weight-histogram.c: how one layer's weights are spread now, and at the start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-weight-histogram"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "neurons-colors.h"
#include "neurons-weight-histogram.h"

/*
 * One layer's weights as a histogram, coloured by sign like weights everywhere else, with
 * the distribution they started from drawn as a grey ghost behind: training pulls the
 * weights apart from their start, and this shows by how much. The start is recomputed from
 * the network's own settings (activation, initialisation, seed), which fix it exactly.
 *
 * The network changes at frame rate while it trains; the histogram is counted again at most
 * RECOUNT_INTERVAL_MS apart, which is calm to watch and costs nothing.
 */

#define N_BINS              64
#define RECOUNT_INTERVAL_MS 250

struct _NeuronsWeightHistogram
{
  NeuronsChart          parent_instance;

  NeuronsNetworkModel     *net;
  guint                 layer;

  double                half_range;          /* the axis runs from −half_range to +half_range */
  guint                 counts[N_BINS];
  guint                 initial_counts[N_BINS];
  double                deviation;
  double                initial_deviation;
  guint64               samples_seen;
  NeuronsMlp           *initial;             /* the weights before any training */
};

G_DEFINE_FINAL_TYPE (NeuronsWeightHistogram, neurons_weight_histogram, NEURONS_TYPE_CHART)

enum {
  PROP_0,
  PROP_NET,
  PROP_LAYER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
layer_name (guint layer)
{
  switch (layer)
    {
    case 0:
      return _("Input → hidden layer 1");
    case 1:
      return _("Hidden layer 1 → hidden layer 2");
    case 2:
    default:
      return _("Hidden layer 2 → output");
    }
}

static int
compare_floats (const void *a,
                const void *b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return (x > y) - (x < y);
}

/* A round axis end that holds all but the most extreme 0.2 % of either set of weights:
 * one runaway weight should not squeeze the rest into a single bar. */
static double
axis_half_range (const float *current,
                 const float *initial,
                 gsize        n_weights)
{
  g_autofree float *magnitudes = g_new (float, 2 * n_weights);
  double reach;

  for (gsize i = 0; i < n_weights; i++)
    {
      magnitudes[i] = fabsf (current[i]);
      magnitudes[n_weights + i] = fabsf (initial[i]);
    }
  qsort (magnitudes, 2 * n_weights, sizeof *magnitudes, compare_floats);
  reach = MAX (magnitudes[(gsize) (0.998 * (2 * n_weights - 1))], 1e-3);

  return neurons_chart_nice_ceiling (reach);
}

static char *
neurons_weight_histogram_describe (NeuronsChart *chart)
{
  NeuronsWeightHistogram *self = NEURONS_WEIGHT_HISTOGRAM (chart);
  g_autofree char *samples = neurons_chart_format_count (self->samples_seen);

  if (self->net == NULL)
    return g_strdup (_("No network"));

  return g_strdup_printf (_("%s: after %s training samples the weights spread with standard "
                            "deviation %.3f; they started at %.3f."),
                          layer_name (self->layer), samples,
                          self->deviation, self->initial_deviation);
}

/* Counts the weights again, now and at the start, on an axis that holds them both. */
static void
neurons_weight_histogram_update (NeuronsChart *chart)
{
  NeuronsWeightHistogram *self = NEURONS_WEIGHT_HISTOGRAM (chart);
  gsize n_weights = (gsize) neurons_layer_n_inputs (self->layer) * neurons_layer_n_outputs (self->layer);
  g_autofree float *current = NULL;
  g_autofree float *initial = NULL;

  if (self->net == NULL)
    return;

  current = g_new (float, n_weights);
  initial = g_new (float, n_weights);
  neurons_mlp_copy_layer_weights (neurons_network_model_get_mlp (self->net), self->layer, current);
  neurons_mlp_copy_layer_weights (self->initial, self->layer, initial);

  self->half_range = axis_half_range (current, initial, n_weights);
  neurons_chart_histogram (current, n_weights, -self->half_range, self->half_range, self->counts, N_BINS);
  neurons_chart_histogram (initial, n_weights, -self->half_range, self->half_range, self->initial_counts, N_BINS);
  self->deviation = neurons_chart_standard_deviation (current, n_weights);
  self->initial_deviation = neurons_chart_standard_deviation (initial, n_weights);
  self->samples_seen = neurons_network_model_get_samples_seen (self->net);

  neurons_chart_set_range (chart, GTK_ORIENTATION_HORIZONTAL, -self->half_range, self->half_range);
}

/* The ghost: the weights this network started from, drawn again by its own settings. */
static void
reinitialize_ghost (NeuronsWeightHistogram *self)
{
  if (self->net != NULL)
    neurons_mlp_init (self->initial,
                      neurons_network_model_get_hidden_activation (self->net),
                      neurons_network_model_get_initialization (self->net),
                      neurons_network_model_get_seed (self->net));
  neurons_chart_update (NEURONS_CHART (self));
}

/* The start over the bars as a dashed outline, so that neither hides the other. */
static void
draw_ghost (NeuronsWeightHistogram *self,
            GtkSnapshot            *snapshot,
            const graphene_rect_t  *area,
            guint                   max_count)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double bin_width = area->size.width / N_BINS;
  double bottom = area->origin.y + area->size.height;
  GdkRGBA fill, line;
  cairo_t *cr;

  neurons_chart_foreground (widget, 0.10, &fill);
  neurons_chart_foreground (widget, 0.45, &line);

  /* the outline's width reaches a little past the bars' area */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (area->origin.x - 2, area->origin.y - 2,
                                                                 area->size.width + 4, area->size.height + 4));
  gdk_cairo_set_source_rgba (cr, &line);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 4, 2 }, 2, 0);
  cairo_move_to (cr, area->origin.x, bottom);
  for (guint bin = 0; bin < N_BINS; bin++)
    {
      double y = area->origin.y + area->size.height * (1 - (double) self->initial_counts[bin] / max_count);

      cairo_line_to (cr, area->origin.x + bin * bin_width, y);
      cairo_line_to (cr, area->origin.x + (bin + 1) * bin_width, y);
    }
  cairo_line_to (cr, area->origin.x + area->size.width, bottom);
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &fill);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
neurons_weight_histogram_plot (NeuronsChart          *chart,
                               GtkSnapshot           *snapshot,
                               const graphene_rect_t *area)
{
  NeuronsWeightHistogram *self = NEURONS_WEIGHT_HISTOGRAM (chart);
  GtkWidget *widget = GTK_WIDGET (chart);
  guint n_weights = neurons_layer_n_inputs (self->layer) * neurons_layer_n_outputs (self->layer);
  guint max_count = 0;
  int label_height;
  GdkRGBA text, faint;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  g_autofree char *legend = NULL;

  if (self->net == NULL)
    return;

  for (guint bin = 0; bin < N_BINS; bin++)
    max_count = MAX (max_count, MAX (self->counts[bin], self->initial_counts[bin]));
  if (max_count > 0)
    {
      neurons_chart_snapshot_histogram (snapshot, area, self->counts, N_BINS, max_count, NULL,
                                        neurons_colors_is_dark (widget));
      draw_ghost (self, snapshot, area, max_count);
    }

  neurons_chart_foreground (widget, 1.0, &text);
  neurons_chart_foreground (widget, 0.65, &faint);
  neurons_chart_text_size (widget, "<small>0.5</small>", NULL, &label_height);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u weight", "%u weights", n_weights), n_weights);
  title = g_markup_printf_escaped ("<small><b>%s</b> · %s</small>", layer_name (self->layer), count);
  neurons_chart_text (widget, snapshot, title, 8, 2,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &text);
  legend = g_strdup_printf (_("<small>σ now %.3f · - - at the start %.3f</small>"),
                            self->deviation, self->initial_deviation);
  neurons_chart_text (widget, snapshot, legend, 8, 2 + label_height + 2,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &faint);
}

static void
neurons_weight_histogram_get_margins (NeuronsChart *chart,
                                      GtkBorder    *margins)
{
  int label_height;

  /* the title and the legend above, the axis's labels below */
  neurons_chart_text_size (GTK_WIDGET (chart), "<small>0.5</small>", NULL, &label_height);
  *margins = (GtkBorder) { .left = 8, .top = 2 * label_height + 8, .right = 8, .bottom = label_height + 6 };
}

static void
neurons_weight_histogram_dispose (GObject *object)
{
  NeuronsWeightHistogram *self = (NeuronsWeightHistogram *) object;

  neurons_weight_histogram_set_net (self, NULL);

  G_OBJECT_CLASS (neurons_weight_histogram_parent_class)->dispose (object);
}

static void
neurons_weight_histogram_finalize (GObject *object)
{
  NeuronsWeightHistogram *self = (NeuronsWeightHistogram *) object;

  g_clear_pointer (&self->initial, neurons_mlp_free);

  G_OBJECT_CLASS (neurons_weight_histogram_parent_class)->finalize (object);
}

static void
neurons_weight_histogram_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  NeuronsWeightHistogram *self = NEURONS_WEIGHT_HISTOGRAM (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, self->net);
      break;

    case PROP_LAYER:
      g_value_set_uint (value, self->layer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_weight_histogram_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  NeuronsWeightHistogram *self = NEURONS_WEIGHT_HISTOGRAM (object);

  switch (prop_id)
    {
    case PROP_NET:
      neurons_weight_histogram_set_net (self, g_value_get_object (value));
      break;

    case PROP_LAYER:
      neurons_weight_histogram_set_layer (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_weight_histogram_class_init (NeuronsWeightHistogramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NeuronsChartClass *chart_class = NEURONS_CHART_CLASS (klass);

  object_class->dispose = neurons_weight_histogram_dispose;
  object_class->finalize = neurons_weight_histogram_finalize;
  object_class->get_property = neurons_weight_histogram_get_property;
  object_class->set_property = neurons_weight_histogram_set_property;

  chart_class->minimum_width = 200;
  chart_class->minimum_height = 120;
  chart_class->natural_width = 360;
  chart_class->natural_height = 180;
  chart_class->update_interval_ms = RECOUNT_INTERVAL_MS;
  chart_class->label = N_("Weight distribution");
  chart_class->get_margins = neurons_weight_histogram_get_margins;
  chart_class->update = neurons_weight_histogram_update;
  chart_class->describe = neurons_weight_histogram_describe;
  chart_class->plot = neurons_weight_histogram_plot;

  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsWeightHistogram:layer:
   *
   * Whose weights: 0 from the input to hidden layer 1, 1 between the hidden layers, 2 from
   * hidden layer 2 to the output.
   */
  properties[PROP_LAYER] =
    g_param_spec_uint ("layer", NULL, NULL,
                       0, NEURONS_N_LAYERS - 1, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
neurons_weight_histogram_init (NeuronsWeightHistogram *self)
{
  self->initial = neurons_mlp_new ();
  self->half_range = 1;
  neurons_chart_set_range (NEURONS_CHART (self), GTK_ORIENTATION_HORIZONTAL, -1, 1);
  neurons_chart_set_ticks (NEURONS_CHART (self), GTK_ORIENTATION_HORIZONTAL, 4, 0);
}

GtkWidget *
neurons_weight_histogram_new (void)
{
  return g_object_new (NEURONS_TYPE_WEIGHT_HISTOGRAM, NULL);
}

NeuronsNetworkModel *
neurons_weight_histogram_get_net (NeuronsWeightHistogram *self)
{
  g_return_val_if_fail (NEURONS_IS_WEIGHT_HISTOGRAM (self), NULL);

  return self->net;
}

void
neurons_weight_histogram_set_net (NeuronsWeightHistogram *self,
                                  NeuronsNetworkModel       *net)
{
  g_return_if_fail (NEURONS_IS_WEIGHT_HISTOGRAM (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NETWORK_MODEL (net));

  if (self->net == net)
    return;

  if (self->net != NULL)
    g_signal_handlers_disconnect_by_data (self->net, self);
  g_set_object (&self->net, net);

  if (net != NULL)
    {
      g_signal_connect_object (net, "changed", G_CALLBACK (neurons_chart_queue_update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (net, "reset", G_CALLBACK (reinitialize_ghost), self, G_CONNECT_SWAPPED);
    }

  reinitialize_ghost (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}

guint
neurons_weight_histogram_get_layer (NeuronsWeightHistogram *self)
{
  g_return_val_if_fail (NEURONS_IS_WEIGHT_HISTOGRAM (self), 0);

  return self->layer;
}

void
neurons_weight_histogram_set_layer (NeuronsWeightHistogram *self,
                                    guint                   layer)
{
  g_return_if_fail (NEURONS_IS_WEIGHT_HISTOGRAM (self));
  g_return_if_fail (layer < NEURONS_N_LAYERS);

  if (self->layer == layer)
    return;

  self->layer = layer;
  neurons_chart_update (NEURONS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYER]);
}
