/* neurons-activation-curve.c: one neuron's activation, with its weighted sum marked on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-activation-curve"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "neurons-activation-curve.h"
#include "neurons-colors.h"

/*
 * The small curve of the neuron inspector: the one activation this neuron uses (Sigmoid or
 * ReLU) and the point (z, a) of the sample on show on it. The inspector hands it the engine's
 * z and a; the curve only draws them. A z off the chart is drawn at its edge with an arrow.
 * NeuronsActivationChart, for the lessons, compares both activations and their slopes.
 */

#define Z_LIMIT    6.0
#define N_SEGMENTS 120

struct _NeuronsActivationCurve
{
  NeuronsChart       parent_instance;

  NeuronsActivation  activation;
  float              z;
  float              a;
};

G_DEFINE_FINAL_TYPE (NeuronsActivationCurve, neurons_activation_curve, NEURONS_TYPE_CHART)

static double
to_x (NeuronsActivationCurve *self,
      double                  z)
{
  return neurons_chart_axis_to_pixel (neurons_chart_get_axis (NEURONS_CHART (self), GTK_ORIENTATION_HORIZONTAL), z);
}

static double
to_y (NeuronsActivationCurve *self,
      double                  value)
{
  return neurons_chart_axis_to_pixel (neurons_chart_get_axis (NEURONS_CHART (self), GTK_ORIENTATION_VERTICAL), value);
}

static char *
neurons_activation_curve_describe (NeuronsChart *chart)
{
  NeuronsActivationCurve *self = NEURONS_ACTIVATION_CURVE (chart);

  if (self->activation == NEURONS_ACTIVATION_RELU)
    /* Translators: the accessible description of the inspector's small ReLU curve */
    return g_strdup_printf (_("ReLU curve, a = max(0, z), with this neuron's point marked: z = %.4f, a = %.4f"),
                            self->z, self->a);

  /* Translators: the accessible description of the inspector's small sigmoid curve */
  return g_strdup_printf (_("Sigmoid curve, a = σ(z), with this neuron's point marked: z = %.4f, a = %.4f"),
                          self->z, self->a);
}

static void
neurons_activation_curve_plot (NeuronsChart          *chart,
                               GtkSnapshot           *snapshot,
                               const graphene_rect_t *area)
{
  NeuronsActivationCurve *self = NEURONS_ACTIVATION_CURVE (chart);
  GtkWidget *widget = GTK_WIDGET (chart);
  gboolean dark = neurons_colors_is_dark (widget);
  double shown_z = CLAMP (self->z, -Z_LIMIT, Z_LIMIT);
  double x, y;
  GdkRGBA axis, color, foreground;
  cairo_t *cr;

  neurons_chart_foreground (widget, 0.45, &axis);
  neurons_chart_color (self->activation == NEURONS_ACTIVATION_RELU ? NEURONS_CHART_PURPLE : NEURONS_CHART_GREEN,
                       dark, &color);
  neurons_colors_get_foreground (widget, &foreground);

  cr = gtk_snapshot_append_cairo (snapshot, area);

  /* the zero lines */
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_move_to (cr, area->origin.x, round (to_y (self, 0)) + 0.5);
  cairo_line_to (cr, area->origin.x + area->size.width, round (to_y (self, 0)) + 0.5);
  cairo_move_to (cr, round (to_x (self, 0)) + 0.5, area->origin.y);
  cairo_line_to (cr, round (to_x (self, 0)) + 0.5, area->origin.y + area->size.height);
  cairo_stroke (cr);

  /* the curve; ReLU leaves through the top */
  cairo_save (cr);
  cairo_rectangle (cr, area->origin.x, area->origin.y, area->size.width, area->size.height);
  cairo_clip (cr);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i <= N_SEGMENTS; i++)
    {
      double z = -Z_LIMIT + 2 * Z_LIMIT * i / N_SEGMENTS;

      cairo_line_to (cr, to_x (self, z), to_y (self, neurons_activate (self->activation, z)));
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* the neuron's point, at the chart's edge if z lies beyond it */
  x = to_x (self, shown_z);
  y = to_y (self, MIN (neurons_activate (self->activation, shown_z), Z_LIMIT));
  cairo_set_dash (cr, (double[]) { 2, 3 }, 2, 0);
  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_move_to (cr, x, to_y (self, 0));
  cairo_line_to (cr, x, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &foreground);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  cairo_destroy (cr);

  if (self->z != shown_z)
    neurons_chart_text (widget, snapshot, self->z < 0 ? "<small>◂</small>" : "<small>▸</small>",
                        x + (self->z < 0 ? 8 : -8), y - 6,
                        self->z < 0 ? NEURONS_CHART_ALIGN_START : NEURONS_CHART_ALIGN_END,
                        NEURONS_CHART_ALIGN_END, &foreground);
}

static void
neurons_activation_curve_get_margins (NeuronsChart *chart,
                                      GtkBorder    *margins)
{
  *margins = (GtkBorder) { .left = 8, .top = 8, .right = 8, .bottom = 8 };
}

static void
neurons_activation_curve_class_init (NeuronsActivationCurveClass *klass)
{
  NeuronsChartClass *chart_class = NEURONS_CHART_CLASS (klass);

  chart_class->minimum_width = 120;
  chart_class->minimum_height = 72;
  chart_class->natural_width = 160;
  chart_class->natural_height = 88;
  chart_class->label = N_("Activation curve");
  chart_class->get_margins = neurons_activation_curve_get_margins;
  chart_class->describe = neurons_activation_curve_describe;
  chart_class->plot = neurons_activation_curve_plot;
}

static void
neurons_activation_curve_init (NeuronsActivationCurve *self)
{
  self->activation = NEURONS_ACTIVATION_SIGMOID;

  neurons_chart_set_range (NEURONS_CHART (self), GTK_ORIENTATION_HORIZONTAL, -Z_LIMIT, Z_LIMIT);
  neurons_chart_set_range (NEURONS_CHART (self), GTK_ORIENTATION_VERTICAL, -0.2, 1.2);
}

GtkWidget *
neurons_activation_curve_new (void)
{
  return g_object_new (NEURONS_TYPE_ACTIVATION_CURVE, NULL);
}

/**
 * neurons_activation_curve_set_point:
 * @self: a curve
 * @activation: the curve to draw
 * @z: the neuron's weighted sum, as the engine computed it
 * @a: its activation, likewise
 *
 * Marks (@z, @a) on the curve of @activation. The vertical range follows ReLU's a when it
 * rises above 1.
 */
void
neurons_activation_curve_set_point (NeuronsActivationCurve *self,
                                    NeuronsActivation       activation,
                                    float                   z,
                                    float                   a)
{
  g_return_if_fail (NEURONS_IS_ACTIVATION_CURVE (self));

  if (self->activation == activation && self->z == z && self->a == a)
    return;

  self->activation = activation;
  self->z = z;
  self->a = a;
  neurons_chart_set_range (NEURONS_CHART (self), GTK_ORIENTATION_VERTICAL, -0.2,
                           activation == NEURONS_ACTIVATION_RELU ? MAX (1.2, MIN (a, Z_LIMIT) * 1.1) : 1.2);
  neurons_chart_invalidate (NEURONS_CHART (self));
}
