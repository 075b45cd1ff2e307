/* neurons-init-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-init-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "neurons-chart.h"
#include "neurons-colors.h"
#include "neurons-init-chart.h"
#include "neurons-training.h"

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
  GtkWidget    parent_instance;

  NeuronsInit  initialization;
  guint        counts[N_INITS][N_BINS];
  guint        max_count[N_INITS];
  double       deviation[N_INITS];
};

G_DEFINE_FINAL_TYPE (NeuronsInitChart, neurons_init_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INITIALIZATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Top to bottom */
static const NeuronsInit rows[N_INITS] = { NEURONS_INIT_HE, NEURONS_INIT_XAVIER, NEURONS_INIT_UNIFORM };

static const char *
init_name (NeuronsInit initialization)
{
  switch (initialization)
    {
    case NEURONS_INIT_HE:
      return _("He");
    case NEURONS_INIT_XAVIER:
      return _("Xavier");
    case NEURONS_INIT_UNIFORM:
    default:
      return _("Uniform");
    }
}

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

static void
update_description (NeuronsInitChart *self)
{
  g_autofree char *description = NULL;

  description = g_strdup_printf (_("Starting weights of a layer with 784 inputs. He spreads them with "
                                   "standard deviation %.3f, Xavier %.3f, Uniform %.3f: Uniform ignores "
                                   "how many inputs a neuron adds up and starts %.0f times wider than He. "
                                   "In use: %s."),
                                 self->deviation[0], self->deviation[1], self->deviation[2],
                                 self->deviation[2] / self->deviation[0],
                                 init_name (self->initialization));
  neurons_chart_set_description (GTK_WIDGET (self), description);
}

static void
neurons_init_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  NeuronsInitChart *self = NEURONS_INIT_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = neurons_colors_is_dark (widget);
  int label_width, label_height;
  double left, plot_width, row_height, axis_y;
  GdkRGBA text, faint, axis, muted;
  double ticks[8];
  guint n_ticks;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  neurons_chart_foreground (widget, 1.0, &text);
  neurons_chart_foreground (widget, 0.65, &faint);
  neurons_chart_foreground (widget, 0.4, &axis);
  neurons_chart_foreground (widget, 0.25, &muted);

  neurons_chart_text_size (widget, "<small>σ = 0.000 √(2/784)</small>", &label_width, &label_height);
  left = label_width + 12;
  plot_width = width - left - 8;
  axis_y = height - label_height - 4;
  row_height = axis_y / N_INITS;
  if (plot_width <= 0 || row_height <= 8)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint row = 0; row < N_INITS; row++)
    {
      NeuronsInit initialization = rows[row];
      gboolean in_use = initialization == self->initialization;
      double top = row * row_height;
      graphene_rect_t bars = GRAPHENE_RECT_INIT (left, top + 6, plot_width, row_height - 14);
      double centre = left + plot_width / 2;
      double sigma = self->deviation[row] / (2 * AXIS_HALF) * plot_width;
      g_autofree char *name = NULL;
      g_autofree char *spread = NULL;

      if (in_use)
        {
          GdkRGBA band;

          neurons_chart_foreground (widget, 0.06, &band);
          gdk_cairo_set_source_rgba (cr, &band);
          cairo_rectangle (cr, 0, top + 1, width, row_height - 2);
          cairo_fill (cr);
        }

      /* the bars span the whole axis, so that rows compare */
      neurons_chart_draw_histogram (cr, &bars, self->counts[row], N_BINS, self->max_count[row],
                                    in_use ? NULL : &muted, dark);

      /* ±σ as a bracket under the bars */
      gdk_cairo_set_source_rgba (cr, in_use ? &text : &faint);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, centre - sigma, top + row_height - 8);
      cairo_line_to (cr, centre - sigma, top + row_height - 4);
      cairo_line_to (cr, centre + sigma, top + row_height - 4);
      cairo_line_to (cr, centre + sigma, top + row_height - 8);
      cairo_stroke (cr);

      name = g_markup_printf_escaped (in_use ? "<b>%s</b> ✓" : "%s", init_name (initialization));
      spread = g_markup_printf_escaped ("<small>σ = %.3f %s</small>", self->deviation[row], init_rule (initialization));
      neurons_chart_text (widget, snapshot, name, 4, top + row_height / 2,
                          NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_END, in_use ? &text : &faint);
      neurons_chart_text (widget, snapshot, spread, 4, top + row_height / 2 + 1,
                          NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, in_use ? &text : &faint);
    }

  /* The shared axis */
  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, round (axis_y) + 0.5);
  cairo_line_to (cr, left + plot_width, round (axis_y) + 0.5);
  cairo_stroke (cr);

  n_ticks = neurons_chart_nice_ticks (-AXIS_HALF, AXIS_HALF, 6, ticks);
  for (guint i = 0; i < n_ticks; i++)
    {
      double x = left + (ticks[i] + AXIS_HALF) / (2 * AXIS_HALF) * plot_width;
      g_autofree char *label = g_strdup_printf ("<small>%g</small>", ticks[i]);

      cairo_move_to (cr, round (x) + 0.5, axis_y);
      cairo_line_to (cr, round (x) + 0.5, axis_y + 3);
      neurons_chart_text (widget, snapshot, label, x, axis_y + 3,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_START, &faint);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);

  neurons_chart_text (widget, snapshot, _("<small>weight</small>"), 4, axis_y + 3,
                      NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &faint);
}

static void
neurons_init_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 260 : 150;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 420 : 220;
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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = neurons_init_chart_get_property;
  object_class->set_property = neurons_init_chart_set_property;

  widget_class->snapshot = neurons_init_chart_snapshot;
  widget_class->measure = neurons_init_chart_measure;

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

  gtk_widget_class_set_css_name (widget_class, "init-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
neurons_init_chart_init (NeuronsInitChart *self)
{
  g_autoptr(NeuronsMlp) scratch = neurons_mlp_new ();

  self->initialization = NEURONS_INIT_XAVIER;

  for (guint row = 0; row < N_INITS; row++)
    {
      const float *weights;
      gsize n_weights;

      /* The activation does not change the weights drawn, only which rule suits it */
      neurons_mlp_init (scratch, NEURONS_ACTIVATION_SIGMOID, rows[row], NEURONS_DEFAULT_SEED);
      weights = neurons_chart_layer_weights (scratch, 0, &n_weights);
      neurons_chart_histogram (weights, n_weights, -AXIS_HALF, AXIS_HALF, self->counts[row], N_BINS);
      self->deviation[row] = neurons_chart_standard_deviation (weights, n_weights);
      for (guint bin = 0; bin < N_BINS; bin++)
        self->max_count[row] = MAX (self->max_count[row], self->counts[row][bin]);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Initial weight distributions"),
                                  -1);
  update_description (self);
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
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIALIZATION]);
}
