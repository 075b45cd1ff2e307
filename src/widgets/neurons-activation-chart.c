/* neurons-activation-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-activation-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "neurons-activation-chart.h"
#include "neurons-chart.h"
#include "neurons-colors.h"

/*
 * Sigmoid and ReLU drawn on the same axes, so that their shapes compare at a glance: one
 * squeezes every weighted sum into 0…1, the other is flat below zero and the sum itself
 * above. Their slopes, on request, show why Sigmoid learns slowly: backpropagation multiplies
 * by the slope, and Sigmoid's is at most 0.25 while ReLU's is 1 wherever the neuron fires.
 * The activation the network uses is drawn strong, the other faint; a hovered neuron's
 * weighted sum is marked on it.
 */

#define Z_MIN  -4.0
#define Z_MAX   4.0
#define Y_MIN  -0.25
#define Y_MAX   1.5
#define N_SEGMENTS 200

struct _NeuronsActivationChart
{
  GtkWidget          parent_instance;

  NeuronsActivation  activation;
  gboolean           show_derivatives;
  double             marked_input;
};

G_DEFINE_FINAL_TYPE (NeuronsActivationChart, neurons_activation_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACTIVATION,
  PROP_SHOW_DERIVATIVES,
  PROP_MARKED_INPUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  double left, top, width, height;
} Plot;

static double
activate (NeuronsActivation activation,
          double            z)
{
  return activation == NEURONS_ACTIVATION_RELU ? MAX (z, 0) : 1 / (1 + exp (-z));
}

static double
slope (NeuronsActivation activation,
       double            z)
{
  double s;

  if (activation == NEURONS_ACTIVATION_RELU)
    return z > 0 ? 1 : 0;

  s = 1 / (1 + exp (-z));
  return s * (1 - s);
}

static double
to_x (const Plot *plot,
      double      z)
{
  return plot->left + (z - Z_MIN) / (Z_MAX - Z_MIN) * plot->width;
}

static double
to_y (const Plot *plot,
      double      value)
{
  return plot->top + (Y_MAX - value) / (Y_MAX - Y_MIN) * plot->height;
}

static NeuronsChartColor
curve_color (NeuronsActivation activation)
{
  return activation == NEURONS_ACTIVATION_RELU ? NEURONS_CHART_PURPLE : NEURONS_CHART_GREEN;
}

static void
update_description (NeuronsActivationChart *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  const char *name = self->activation == NEURONS_ACTIVATION_RELU ? _("ReLU") : _("Sigmoid");

  g_string_append (description,
                   _("Sigmoid squeezes every weighted sum into 0 to 1; ReLU is 0 below zero "
                     "and the sum itself above. Sigmoid's slope is at most 0.25, ReLU's is 1 "
                     "where the neuron fires, so ReLU passes errors back undiminished."));
  g_string_append_c (description, ' ');
  g_string_append_printf (description, _("The network uses %s."), name);

  if (!isnan (self->marked_input))
    {
      g_string_append_c (description, ' ');
      g_string_append_printf (description, _("The hovered neuron's weighted sum is %.2f, which gives %.2f with slope %.2f."),
                              self->marked_input,
                              activate (self->activation, self->marked_input),
                              slope (self->activation, self->marked_input));
    }

  neurons_chart_set_description (GTK_WIDGET (self), description->str);
}

static void
trace_curve (cairo_t           *cr,
             const Plot        *plot,
             NeuronsActivation  activation,
             gboolean           derivative)
{
  if (derivative && activation == NEURONS_ACTIVATION_RELU)
    {
      /* ReLU's slope jumps from 0 to 1 at zero: a step */
      cairo_move_to (cr, to_x (plot, Z_MIN), to_y (plot, 0));
      cairo_line_to (cr, to_x (plot, 0), to_y (plot, 0));
      cairo_line_to (cr, to_x (plot, 0), to_y (plot, 1));
      cairo_line_to (cr, to_x (plot, Z_MAX), to_y (plot, 1));
      return;
    }

  for (guint i = 0; i <= N_SEGMENTS; i++)
    {
      double z = Z_MIN + (Z_MAX - Z_MIN) * i / N_SEGMENTS;
      double value = derivative ? slope (activation, z) : activate (activation, z);

      if (i == 0)
        cairo_move_to (cr, to_x (plot, z), to_y (plot, value));
      else
        cairo_line_to (cr, to_x (plot, z), to_y (plot, value));
    }
}

static void
draw_axes (NeuronsActivationChart *self,
           GtkSnapshot            *snapshot,
           cairo_t                *cr,
           const Plot             *plot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *axis_label = _("<small>weighted sum z</small>");
  int axis_label_width, tick_width;
  GdkRGBA grid, axis, text;

  neurons_chart_foreground (widget, 0.12, &grid);
  neurons_chart_foreground (widget, 0.55, &axis);
  neurons_chart_foreground (widget, 0.7, &text);

  /* Grid at the values that matter: 0.25 (Sigmoid's top slope), 0.5, 1 */
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &grid);
  for (double value = 0.25; value <= 1.0; value += 0.25)
    {
      cairo_move_to (cr, plot->left, round (to_y (plot, value)) + 0.5);
      cairo_line_to (cr, plot->left + plot->width, round (to_y (plot, value)) + 0.5);
    }
  for (double z = Z_MIN; z <= Z_MAX; z += 1)
    {
      cairo_move_to (cr, round (to_x (plot, z)) + 0.5, plot->top);
      cairo_line_to (cr, round (to_x (plot, z)) + 0.5, plot->top + plot->height);
    }
  cairo_stroke (cr);

  /* The zero lines */
  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_move_to (cr, plot->left, round (to_y (plot, 0)) + 0.5);
  cairo_line_to (cr, plot->left + plot->width, round (to_y (plot, 0)) + 0.5);
  cairo_move_to (cr, round (to_x (plot, 0)) + 0.5, plot->top);
  cairo_line_to (cr, round (to_x (plot, 0)) + 0.5, plot->top + plot->height);
  cairo_stroke (cr);

  for (double value = 0; value <= 1.0; value += 0.25)
    {
      g_autofree char *label = g_strdup_printf ("<small>%g</small>", value);

      neurons_chart_text (widget, snapshot, label, plot->left - 4, to_y (plot, value),
                          NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_CENTER, &text);
    }
  for (double z = Z_MIN; z <= Z_MAX; z += 2)
    {
      g_autofree char *label = g_strdup_printf ("<small>%g</small>", z);

      neurons_chart_text (widget, snapshot, label, to_x (plot, z), plot->top + plot->height + 2,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_START, &text);
    }
  /* Between the tick labels 2 and 4; where they leave no room, as in a lesson beside the
   * network, inside the plot under the zero line, where no curve goes. */
  neurons_chart_text_size (widget, axis_label, &axis_label_width, NULL);
  neurons_chart_text_size (widget, "<small>4</small>", &tick_width, NULL);
  if (axis_label_width + 2 * tick_width + 8 <= to_x (plot, 4) - to_x (plot, 2))
    neurons_chart_text (widget, snapshot, axis_label,
                        to_x (plot, 3), plot->top + plot->height + 2,
                        NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_START, &text);
  else
    neurons_chart_text (widget, snapshot, axis_label,
                        plot->left + plot->width - 2, to_y (plot, 0) + 2,
                        NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_START, &text);
}

static void
draw_legend (NeuronsActivationChart *self,
             GtkSnapshot            *snapshot,
             const Plot             *plot,
             gboolean                dark)
{
  GtkWidget *widget = GTK_WIDGET (self);
  static const NeuronsActivation order[] = { NEURONS_ACTIVATION_SIGMOID, NEURONS_ACTIVATION_RELU };
  double y = plot->top + 4;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      NeuronsActivation activation = order[i];
      gboolean in_use = activation == self->activation;
      g_autofree char *label = NULL;
      GdkRGBA color;
      int height;

      neurons_chart_color (curve_color (activation), dark, &color);
      if (activation == NEURONS_ACTIVATION_RELU)
        label = g_strdup_printf ("<small>%s%s%s</small>",
                                 in_use ? "<b>" : "",
                                 self->show_derivatives ? _("ReLU, slope 1 or 0 (dashed)") : _("ReLU"),
                                 in_use ? "</b>" : "");
      else
        label = g_strdup_printf ("<small>%s%s%s</small>",
                                 in_use ? "<b>" : "",
                                 self->show_derivatives ? _("Sigmoid, slope ≤ 0.25 (dashed)") : _("Sigmoid"),
                                 in_use ? "</b>" : "");

      neurons_chart_text (widget, snapshot, label, plot->left + 6, y,
                          NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &color);
      neurons_chart_text_size (widget, label, NULL, &height);
      y += height;
    }
}

static void
draw_mark (NeuronsActivationChart *self,
           GtkSnapshot            *snapshot,
           cairo_t                *cr,
           const Plot             *plot,
           gboolean                dark)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double z = self->marked_input;
  double shown_z = CLAMP (z, Z_MIN, Z_MAX);
  double value = activate (self->activation, z);
  double x = to_x (plot, shown_z);
  double y = to_y (plot, MIN (activate (self->activation, shown_z), Y_MAX));
  g_autofree char *label = NULL;
  GdkRGBA color, guide;

  neurons_chart_color (curve_color (self->activation), dark, &color);
  neurons_chart_foreground (widget, 0.6, &guide);

  /* a dotted guide from the axis up to the curve */
  cairo_save (cr);
  cairo_set_dash (cr, (double[]) { 2, 3 }, 2, 0);
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &guide);
  cairo_move_to (cr, x, to_y (plot, 0));
  cairo_line_to (cr, x, y);
  cairo_stroke (cr);
  cairo_restore (cr);

  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
  cairo_fill (cr);
  neurons_colors_get_foreground (widget, &guide);
  gdk_cairo_set_source_rgba (cr, &guide);
  cairo_set_line_width (cr, 1.5);
  cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
  cairo_stroke (cr);

  if (self->show_derivatives)
    {
      double slope_y = to_y (plot, slope (self->activation, shown_z));

      cairo_rectangle (cr, x - 4, slope_y - 4, 8, 8);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill (cr);
      /* Translators: the weighted sum z, an arrow when it lies off the chart, the activation
       * it gives and the slope of the curve there */
      label = g_strdup_printf (_("<small>z = %.2f%s → %.2f, slope %.2f</small>"),
                               z, z == shown_z ? "" : (z < Z_MIN ? " ◂" : " ▸"),
                               value, slope (self->activation, z));
    }
  else
    label = g_strdup_printf ("<small>z = %.2f%s → %.2f</small>",
                             z, z == shown_z ? "" : (z < Z_MIN ? " ◂" : " ▸"), value);

  neurons_chart_text (widget, snapshot, label,
                      CLAMP (x, plot->left + 60, plot->left + plot->width - 60), MAX (y - 8, plot->top + 30),
                      NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_END, &guide);
}

static void
neurons_activation_chart_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  NeuronsActivationChart *self = NEURONS_ACTIVATION_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = neurons_colors_is_dark (widget);
  static const NeuronsActivation order[] = { NEURONS_ACTIVATION_SIGMOID, NEURONS_ACTIVATION_RELU };
  int label_height;
  Plot plot;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  neurons_chart_text_size (widget, "<small>0.25</small>", NULL, &label_height);
  plot = (Plot) { 34, 6, width - 34 - 8, height - 6 - label_height - 4 };
  if (plot.width <= 0 || plot.height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_axes (self, snapshot, cr, &plot);

  /* ReLU leaves through the top: it has no ceiling */
  cairo_save (cr);
  cairo_rectangle (cr, plot.left, plot.top, plot.width, plot.height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* The one in use last, on top */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        NeuronsActivation activation = order[i];
        gboolean in_use = activation == self->activation;
        GdkRGBA color;

        if (in_use != (pass == 1))
          continue;

        neurons_chart_color (curve_color (activation), dark, &color);
        if (!in_use)
          color.alpha = 0.55f;
        gdk_cairo_set_source_rgba (cr, &color);

        cairo_set_line_width (cr, in_use ? 3 : 2);
        trace_curve (cr, &plot, activation, FALSE);
        cairo_stroke (cr);

        if (self->show_derivatives)
          {
            cairo_save (cr);
            cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
            cairo_set_line_width (cr, in_use ? 2.5 : 1.5);
            trace_curve (cr, &plot, activation, TRUE);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
      }

  cairo_restore (cr);

  if (!isnan (self->marked_input))
    draw_mark (self, snapshot, cr, &plot, dark);

  cairo_destroy (cr);

  draw_legend (self, snapshot, &plot, dark);
}

static void
neurons_activation_chart_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 140;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 220;
}

static void
neurons_activation_chart_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  NeuronsActivationChart *self = NEURONS_ACTIVATION_CHART (object);

  switch (prop_id)
    {
    case PROP_ACTIVATION:
      g_value_set_enum (value, self->activation);
      break;

    case PROP_SHOW_DERIVATIVES:
      g_value_set_boolean (value, self->show_derivatives);
      break;

    case PROP_MARKED_INPUT:
      g_value_set_double (value, self->marked_input);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_activation_chart_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  NeuronsActivationChart *self = NEURONS_ACTIVATION_CHART (object);

  switch (prop_id)
    {
    case PROP_ACTIVATION:
      neurons_activation_chart_set_activation (self, g_value_get_enum (value));
      break;

    case PROP_SHOW_DERIVATIVES:
      neurons_activation_chart_set_show_derivatives (self, g_value_get_boolean (value));
      break;

    case PROP_MARKED_INPUT:
      neurons_activation_chart_set_marked_input (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_activation_chart_class_init (NeuronsActivationChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = neurons_activation_chart_get_property;
  object_class->set_property = neurons_activation_chart_set_property;

  widget_class->snapshot = neurons_activation_chart_snapshot;
  widget_class->measure = neurons_activation_chart_measure;

  /**
   * NeuronsActivationChart:activation:
   *
   * The activation the network's hidden layers use, drawn strong.
   */
  properties[PROP_ACTIVATION] =
    g_param_spec_enum ("activation", NULL, NULL,
                       NEURONS_TYPE_ACTIVATION, NEURONS_ACTIVATION_SIGMOID,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsActivationChart:show-derivatives:
   *
   * Whether the slopes are drawn too, dashed.
   */
  properties[PROP_SHOW_DERIVATIVES] =
    g_param_spec_boolean ("show-derivatives", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsActivationChart:marked-input:
   *
   * A weighted sum to mark on the curve in use, such as a hovered neuron's; NAN, which it
   * starts as, for none. A GParamSpec cannot hold NAN as its default, so the spec says 0 and
   * lets NAN through validation.
   */
  properties[PROP_MARKED_INPUT] =
    g_param_spec_double ("marked-input", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_LAX_VALIDATION | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "activation-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
neurons_activation_chart_init (NeuronsActivationChart *self)
{
  self->activation = NEURONS_ACTIVATION_SIGMOID;
  self->marked_input = NAN;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Activation functions"),
                                  -1);
  update_description (self);
}

GtkWidget *
neurons_activation_chart_new (void)
{
  return g_object_new (NEURONS_TYPE_ACTIVATION_CHART, NULL);
}

NeuronsActivation
neurons_activation_chart_get_activation (NeuronsActivationChart *self)
{
  g_return_val_if_fail (NEURONS_IS_ACTIVATION_CHART (self), NEURONS_ACTIVATION_SIGMOID);

  return self->activation;
}

void
neurons_activation_chart_set_activation (NeuronsActivationChart *self,
                                         NeuronsActivation       activation)
{
  g_return_if_fail (NEURONS_IS_ACTIVATION_CHART (self));

  if (self->activation == activation)
    return;

  self->activation = activation;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATION]);
}

gboolean
neurons_activation_chart_get_show_derivatives (NeuronsActivationChart *self)
{
  g_return_val_if_fail (NEURONS_IS_ACTIVATION_CHART (self), FALSE);

  return self->show_derivatives;
}

void
neurons_activation_chart_set_show_derivatives (NeuronsActivationChart *self,
                                               gboolean                show_derivatives)
{
  g_return_if_fail (NEURONS_IS_ACTIVATION_CHART (self));

  show_derivatives = !!show_derivatives;
  if (self->show_derivatives == show_derivatives)
    return;

  self->show_derivatives = show_derivatives;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_DERIVATIVES]);
}

double
neurons_activation_chart_get_marked_input (NeuronsActivationChart *self)
{
  g_return_val_if_fail (NEURONS_IS_ACTIVATION_CHART (self), NAN);

  return self->marked_input;
}

/* A weighted sum to mark on the curve, or NAN for none. */
void
neurons_activation_chart_set_marked_input (NeuronsActivationChart *self,
                                           double                  marked_input)
{
  g_return_if_fail (NEURONS_IS_ACTIVATION_CHART (self));

  if (self->marked_input == marked_input || (isnan (self->marked_input) && isnan (marked_input)))
    return;

  self->marked_input = marked_input;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKED_INPUT]);
}
