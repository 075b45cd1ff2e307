/* neurons-init-chart.c: the weights each initialisation draws for a 784-input layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-init-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "neurons-colors.h"
#include "neurons-display-names.h"
#include "neurons-init-chart.h"
#include "neurons-sgd.h"

/*
 * What He, Xavier and Uniform actually give the first layer, whose neurons each sum 784
 * inputs: the weights come from the engine's own initialiser, so the picture cannot drift
 * from the code. All three share one horizontal axis, so that Uniform's ±0.5, which ignores
 * how many inputs a neuron sums, shows up as many times wider than the other two; each row
 * is scaled to its own peak so that the shapes stay readable.
 */

#define N_INITS   3
#define N_BINS    96
#define AXIS_HALF 0.6

struct _NeuronsInitChart
{
  NeuronsChart parent_instance;

  NeuronsInit  initialization;
  guint        counts[N_INITS][N_BINS];
  guint        max_count[N_INITS];
  double       deviation[N_INITS];
};

G_DEFINE_FINAL_TYPE (NeuronsInitChart, neurons_init_chart, NEURONS_TYPE_CHART)

enum {
  PROP_0,
  PROP_INITIALIZATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Top to bottom */
static const NeuronsInit rows[N_INITS] = { NEURONS_INIT_HE, NEURONS_INIT_XAVIER, NEURONS_INIT_UNIFORM };

/* How the engine sets each one's spread, for the label */
static const char *
init_rule (NeuronsInit initialization)
{
  switch (initialization)
    {
    case NEURONS_INIT_HE:
      return "√(2/784)";
    case NEURONS_INIT_XAVIER:
      return "√(1/784)";
    case NEURONS_INIT_UNIFORM:
    default:
      return "±0.5";
    }
}

static char *
neurons_init_chart_describe (NeuronsChart *chart)
{
  NeuronsInitChart *self = NEURONS_INIT_CHART (chart);

  return g_strdup_printf (_("Starting weights of a layer with 784 inputs. He spreads them with "
                                   "standard deviation %.3f, Xavier %.3f, Uniform %.3f: Uniform ignores "
                                   "how many inputs a neuron adds up and starts %.0f times wider than He. "
                                   "In use: %s."),
                                 self->deviation[0], self->deviation[1], self->deviation[2],
                                 self->deviation[2] / self->deviation[0],
                                 neurons_init_display_name (self->initialization));
}

/* The row's band when it is in use, and ±σ as a bracket under its bars. */
static void
draw_row_frame (NeuronsInitChart      *self,
                cairo_t               *cr,
                guint                  row,
                const graphene_rect_t *area,
                double                 row_height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean in_use = rows[row] == self->initialization;
  double top = area->origin.y + row * row_height;
  double centre = area->origin.x + area->size.width / 2;
  double sigma = self->deviation[row] / (2 * AXIS_HALF) * area->size.width;
  GdkRGBA band, bracket;

  if (in_use)
    {
      neurons_chart_foreground (widget, 0.06, &band);
      gdk_cairo_set_source_rgba (cr, &band);
      cairo_rectangle (cr, 0, top + 1, gtk_widget_get_width (widget), row_height - 2);
      cairo_fill (cr);
    }

  neurons_chart_foreground (widget, in_use ? 1.0 : 0.65, &bracket);
  gdk_cairo_set_source_rgba (cr, &bracket);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, centre - sigma, top + row_height - 8);
  cairo_line_to (cr, centre - sigma, top + row_height - 4);
  cairo_line_to (cr, centre + sigma, top + row_height - 4);
  cairo_line_to (cr, centre + sigma, top + row_height - 8);
  cairo_stroke (cr);
}

static void
draw_row_labels (NeuronsInitChart *self,
                 GtkSnapshot      *snapshot,
                 guint             row,
                 double            row_height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  NeuronsInit initialization = rows[row];
  gboolean in_use = initialization == self->initialization;
  double middle = row * row_height + row_height / 2;
  g_autofree char *name = NULL;
  g_autofree char *spread = NULL;
  GdkRGBA color;

  neurons_chart_foreground (widget, in_use ? 1.0 : 0.65, &color);
  name = g_markup_printf_escaped (in_use ? "<b>%s</b> ✓" : "%s", neurons_init_display_name (initialization));
  spread = g_markup_printf_escaped ("<small>σ = %.3f %s</small>", self->deviation[row], init_rule (initialization));
  neurons_chart_text (widget, snapshot, name, 4, middle,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_END, &color);
  neurons_chart_text (widget, snapshot, spread, 4, middle + 1,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &color);
}

static void
neurons_init_chart_plot (NeuronsChart          *chart,
                         GtkSnapshot           *snapshot,
                         const graphene_rect_t *area)
{
  NeuronsInitChart *self = NEURONS_INIT_CHART (chart);
  GtkWidget *widget = GTK_WIDGET (chart);
  gboolean dark = neurons_colors_is_dark (widget);
  double row_height = area->size.height / N_INITS;
  GdkRGBA muted, faint;
  cairo_t *cr;

  if (row_height <= 8)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                                 gtk_widget_get_height (widget)));
  for (guint row = 0; row < N_INITS; row++)
    draw_row_frame (self, cr, row, area, row_height);
  cairo_destroy (cr);

  /* the bars span the whole axis, so that rows compare */
  neurons_chart_foreground (widget, 0.25, &muted);
  for (guint row = 0; row < N_INITS; row++)
    neurons_chart_snapshot_histogram (snapshot,
                                      &GRAPHENE_RECT_INIT (area->origin.x, area->origin.y + row * row_height + 6,
                                                           area->size.width, row_height - 14),
                                      self->counts[row], N_BINS, self->max_count[row],
                                      rows[row] == self->initialization ? NULL : &muted, dark);

  for (guint row = 0; row < N_INITS; row++)
    draw_row_labels (self, snapshot, row, row_height);

  neurons_chart_foreground (widget, 0.65, &faint);
  neurons_chart_text (widget, snapshot, _("<small>weight</small>"), 4, area->origin.y + area->size.height + 3,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &faint);
}

static void
neurons_init_chart_get_margins (NeuronsChart *chart,
                                GtkBorder    *margins)
{
  int label_width, label_height;

  neurons_chart_text_size (GTK_WIDGET (chart), "<small>σ = 0.000 √(2/784)</small>", &label_width, &label_height);
  *margins = (GtkBorder) { .left = label_width + 12, .top = 0, .right = 8, .bottom = label_height + 4 };
}

static void
neurons_init_chart_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NeuronsInitChart *self = NEURONS_INIT_CHART (object);

  switch (prop_id)
    {
    case PROP_INITIALIZATION:
      g_value_set_enum (value, self->initialization);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_init_chart_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NeuronsInitChart *self = NEURONS_INIT_CHART (object);

  switch (prop_id)
    {
    case PROP_INITIALIZATION:
      neurons_init_chart_set_initialization (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_init_chart_class_init (NeuronsInitChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NeuronsChartClass *chart_class = NEURONS_CHART_CLASS (klass);

  object_class->get_property = neurons_init_chart_get_property;
  object_class->set_property = neurons_init_chart_set_property;

  chart_class->minimum_width = 240;  /* with the lessons' margins, within their narrowest 290 */
  chart_class->minimum_height = 150;
  chart_class->natural_width = 420;
  chart_class->natural_height = 220;
  chart_class->label = N_("Initial weight distributions");
  chart_class->get_margins = neurons_init_chart_get_margins;
  chart_class->describe = neurons_init_chart_describe;
  chart_class->plot = neurons_init_chart_plot;

  /**
   * NeuronsInitChart:initialization:
   *
   * The initialisation in use, highlighted.
   */
  properties[PROP_INITIALIZATION] =
    g_param_spec_enum ("initialization", NULL, NULL,
                       NEURONS_TYPE_INIT, NEURONS_INIT_XAVIER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
neurons_init_chart_init (NeuronsInitChart *self)
{
  g_autoptr(NeuronsMlp) scratch = neurons_mlp_new ();
  gsize n_weights = NEURONS_INPUT_SIZE * NEURONS_HIDDEN1_SIZE;
  g_autofree float *weights = g_new (float, n_weights);

  self->initialization = NEURONS_INIT_XAVIER;
  neurons_chart_set_range (NEURONS_CHART (self), GTK_ORIENTATION_HORIZONTAL, -AXIS_HALF, AXIS_HALF);
  neurons_chart_set_ticks (NEURONS_CHART (self), GTK_ORIENTATION_HORIZONTAL, 6, 0);

  for (guint row = 0; row < N_INITS; row++)
    {
      /* The activation does not change the weights drawn, only which rule suits it */
      neurons_mlp_init (scratch, NEURONS_ACTIVATION_SIGMOID, rows[row], NEURONS_DEFAULT_SEED);
      neurons_mlp_copy_layer_weights (scratch, 0, weights);
      neurons_chart_histogram (weights, n_weights, -AXIS_HALF, AXIS_HALF, self->counts[row], N_BINS);
      self->deviation[row] = neurons_chart_standard_deviation (weights, n_weights);
      for (guint bin = 0; bin < N_BINS; bin++)
        self->max_count[row] = MAX (self->max_count[row], self->counts[row][bin]);
    }
}

GtkWidget *
neurons_init_chart_new (void)
{
  return g_object_new (NEURONS_TYPE_INIT_CHART, NULL);
}

NeuronsInit
neurons_init_chart_get_initialization (NeuronsInitChart *self)
{
  g_return_val_if_fail (NEURONS_IS_INIT_CHART (self), NEURONS_INIT_XAVIER);

  return self->initialization;
}

void
neurons_init_chart_set_initialization (NeuronsInitChart *self,
                                       NeuronsInit       initialization)
{
  g_return_if_fail (NEURONS_IS_INIT_CHART (self));

  if (self->initialization == initialization)
    return;

  self->initialization = initialization;
  neurons_chart_invalidate (NEURONS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIALIZATION]);
}
