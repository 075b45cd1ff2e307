/* neurons-activation-chart.c: Sigmoid and ReLU, with their slopes, on shared axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-activation-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "neurons-activation-chart.h"
#include "neurons-activation.h"
#include "neurons-colors.h"
#include "neurons-display-names.h"

/*
 * Sigmoid and ReLU drawn on the same axes, so that their shapes compare at a glance: one
 * squeezes every weighted sum into 0…1, the other is flat below zero and the sum itself
 * above. Their slopes, on request, show why Sigmoid learns slowly: backpropagation multiplies
 * by the slope, and Sigmoid's is at most 0.25 while ReLU's is 1 wherever the neuron fires.
 * The activation the network uses is drawn strong, the other faint. The chart follows the
 * highlight itself: a hidden neuron pointed at in the network view has its weighted sum for
 * the input on show marked on the curve.
 *
 * Its axes are a frame of its own: the grid sits at the values that matter (0.25 is
 * Sigmoid's top slope) and the zero lines cross in the middle, so the base draws none.
 */

#define Z_MIN  -4.0
#define Z_MAX   4.0
#define Y_MIN  -0.25
#define Y_MAX   1.5
#define N_SEGMENTS 200

struct _NeuronsActivationChart
{
  NeuronsChart       parent_instance;

  NeuronsActivation  activation;
  gboolean           show_derivatives;
  NeuronsNetworkModel  *net;
  NeuronsHighlight  *highlight;
  gboolean           marked;            /* whether the last description had a mark */
};

G_DEFINE_FINAL_TYPE (NeuronsActivationChart, neurons_activation_chart, NEURONS_TYPE_CHART)

enum {
  PROP_0,
  PROP_ACTIVATION,
  PROP_SHOW_DERIVATIVES,
  PROP_NET,
  PROP_HIGHLIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The slope at z, as backpropagation takes it: from the definitions the network trains with */
static double
slope (NeuronsActivation activation,
       double            z)
{
  return neurons_activation_slope (activation, z, neurons_activate (activation, z));
}

static double
to_x (NeuronsActivationChart *self,
      double                  z)
{
  return neurons_chart_axis_to_pixel (neurons_chart_get_axis (NEURONS_CHART (self), GTK_ORIENTATION_HORIZONTAL), z);
}

static double
to_y (NeuronsActivationChart *self,
      double                  value)
{
  return neurons_chart_axis_to_pixel (neurons_chart_get_axis (NEURONS_CHART (self), GTK_ORIENTATION_VERTICAL), value);
}

static NeuronsChartColor
curve_color (NeuronsActivation activation)
{
  return activation == NEURONS_ACTIVATION_RELU ? NEURONS_CHART_PURPLE : NEURONS_CHART_GREEN;
}

static char *
neurons_activation_chart_describe (NeuronsChart *chart)
{
  NeuronsActivationChart *self = NEURONS_ACTIVATION_CHART (chart);
  g_autoptr(GString) description = g_string_new (NULL);
  const char *name = neurons_activation_display_name (self->activation);
  double marked_input = neurons_activation_chart_get_marked_input (self);

  g_string_append (description,
                   _("Sigmoid squeezes every weighted sum into 0 to 1; ReLU is 0 below zero "
                     "and the sum itself above. Sigmoid's slope is at most 0.25, ReLU's is 1 "
                     "where the neuron fires, so ReLU passes errors back undiminished."));
  g_string_append_c (description, ' ');
  g_string_append_printf (description, _("The network uses %s."), name);

  self->marked = !isnan (marked_input);
  if (self->marked)
    {
      g_string_append_c (description, ' ');
      g_string_append_printf (description, _("The hovered neuron's weighted sum is %.2f, which gives %.2f with slope %.2f."),
                              marked_input,
                              neurons_activate (self->activation, marked_input),
                              slope (self->activation, marked_input));
    }

  return g_string_free (g_steal_pointer (&description), FALSE);
}

static void
trace_curve (NeuronsActivationChart *self,
             cairo_t                *cr,
             NeuronsActivation       activation,
             gboolean                derivative)
{
  if (derivative && activation == NEURONS_ACTIVATION_RELU)
    {
      /* ReLU's slope jumps from 0 to 1 at zero: a step */
      cairo_move_to (cr, to_x (self, Z_MIN), to_y (self, 0));
      cairo_line_to (cr, to_x (self, 0), to_y (self, 0));
      cairo_line_to (cr, to_x (self, 0), to_y (self, 1));
      cairo_line_to (cr, to_x (self, Z_MAX), to_y (self, 1));
      return;
    }

  for (guint i = 0; i <= N_SEGMENTS; i++)
    {
      double z = Z_MIN + (Z_MAX - Z_MIN) * i / N_SEGMENTS;
      double value = derivative ? slope (activation, z) : neurons_activate (activation, z);

      if (i == 0)
        cairo_move_to (cr, to_x (self, z), to_y (self, value));
      else
        cairo_line_to (cr, to_x (self, z), to_y (self, value));
    }
}

static void
draw_axes (NeuronsActivationChart *self,
           GtkSnapshot            *snapshot,
           cairo_t                *cr,
           const graphene_rect_t  *area)
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
      cairo_move_to (cr, area->origin.x, round (to_y (self, value)) + 0.5);
      cairo_line_to (cr, area->origin.x + area->size.width, round (to_y (self, value)) + 0.5);
    }
  for (double z = Z_MIN; z <= Z_MAX; z += 1)
    {
      cairo_move_to (cr, round (to_x (self, z)) + 0.5, area->origin.y);
      cairo_line_to (cr, round (to_x (self, z)) + 0.5, area->origin.y + area->size.height);
    }
  cairo_stroke (cr);

  /* The zero lines */
  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_move_to (cr, area->origin.x, round (to_y (self, 0)) + 0.5);
  cairo_line_to (cr, area->origin.x + area->size.width, round (to_y (self, 0)) + 0.5);
  cairo_move_to (cr, round (to_x (self, 0)) + 0.5, area->origin.y);
  cairo_line_to (cr, round (to_x (self, 0)) + 0.5, area->origin.y + area->size.height);
  cairo_stroke (cr);

  for (double value = 0; value <= 1.0; value += 0.25)
    {
      g_autofree char *label = g_strdup_printf ("<small>%g</small>", value);

      neurons_chart_text (widget, snapshot, label, area->origin.x - 4, to_y (self, value),
                          NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_CENTER, &text);
    }
  for (double z = Z_MIN; z <= Z_MAX; z += 2)
    {
      g_autofree char *label = g_strdup_printf ("<small>%g</small>", z);

      neurons_chart_text (widget, snapshot, label, to_x (self, z), area->origin.y + area->size.height + 2,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_START, &text);
    }
  /* Between the tick labels 2 and 4; where they leave no room, as in a lesson beside the
   * network, inside the plot under the zero line, where no curve goes. */
  neurons_chart_text_size (widget, axis_label, &axis_label_width, NULL);
  neurons_chart_text_size (widget, "<small>4</small>", &tick_width, NULL);
  if (axis_label_width + 2 * tick_width + 8 <= to_x (self, 4) - to_x (self, 2))
    neurons_chart_text (widget, snapshot, axis_label,
                        to_x (self, 3), area->origin.y + area->size.height + 2,
                        NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_START, &text);
  else
    neurons_chart_text (widget, snapshot, axis_label,
                        area->origin.x + area->size.width - 2, to_y (self, 0) + 2,
                        NEURONS_CHART_ALIGN_END, NEURONS_CHART_ALIGN_START, &text);
}

static void
draw_legend (NeuronsActivationChart *self,
             GtkSnapshot            *snapshot,
             const graphene_rect_t  *area,
             gboolean                dark)
{
  GtkWidget *widget = GTK_WIDGET (self);
  static const NeuronsActivation order[] = { NEURONS_ACTIVATION_SIGMOID, NEURONS_ACTIVATION_RELU };
  double y = area->origin.y + 4;

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

      neurons_chart_text (widget, snapshot, label, area->origin.x + 6, y,
                          NEURONS_CHART_ALIGN_START, NEURONS_CHART_ALIGN_START, &color);
      neurons_chart_text_size (widget, label, NULL, &height);
      y += height;
    }
}

static void
draw_mark (NeuronsActivationChart *self,
           GtkSnapshot            *snapshot,
           cairo_t                *cr,
           const graphene_rect_t  *area,
           gboolean                dark)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double z = neurons_activation_chart_get_marked_input (self);
  double shown_z = CLAMP (z, Z_MIN, Z_MAX);
  double value = neurons_activate (self->activation, z);
  double x = to_x (self, shown_z);
  double y = to_y (self, MIN (neurons_activate (self->activation, shown_z), Y_MAX));
  g_autofree char *label = NULL;
  GdkRGBA color, guide;

  neurons_chart_color (curve_color (self->activation), dark, &color);
  neurons_chart_foreground (widget, 0.6, &guide);

  /* a dotted guide from the axis up to the curve */
  cairo_save (cr);
  cairo_set_dash (cr, (double[]) { 2, 3 }, 2, 0);
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &guide);
  cairo_move_to (cr, x, to_y (self, 0));
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
      double slope_y = to_y (self, slope (self->activation, shown_z));

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
                      CLAMP (x, area->origin.x + 60, area->origin.x + area->size.width - 60), MAX (y - 8, area->origin.y + 30),
                      NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_END, &guide);
}

static void
draw_curves (NeuronsActivationChart *self,
             cairo_t                *cr,
             gboolean                dark)
{
  static const NeuronsActivation order[] = { NEURONS_ACTIVATION_SIGMOID, NEURONS_ACTIVATION_RELU };

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
        trace_curve (self, cr, activation, FALSE);
        cairo_stroke (cr);

        if (self->show_derivatives)
          {
            cairo_save (cr);
            cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
            cairo_set_line_width (cr, in_use ? 2.5 : 1.5);
            trace_curve (self, cr, activation, TRUE);
            cairo_stroke (cr);
            cairo_restore (cr);
          }
      }
}

static void
neurons_activation_chart_plot (NeuronsChart          *chart,
                               GtkSnapshot           *snapshot,
                               const graphene_rect_t *area)
{
  NeuronsActivationChart *self = NEURONS_ACTIVATION_CHART (chart);
  GtkWidget *widget = GTK_WIDGET (chart);
  gboolean dark = neurons_colors_is_dark (widget);
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                                 gtk_widget_get_height (widget)));
  draw_axes (self, snapshot, cr, area);

  /* ReLU leaves through the top: it has no ceiling */
  cairo_save (cr);
  cairo_rectangle (cr, area->origin.x, area->origin.y, area->size.width, area->size.height);
  cairo_clip (cr);
  draw_curves (self, cr, dark);
  cairo_restore (cr);

  if (!isnan (neurons_activation_chart_get_marked_input (self)))
    draw_mark (self, snapshot, cr, area, dark);

  cairo_destroy (cr);

  draw_legend (self, snapshot, area, dark);
}

static void
neurons_activation_chart_get_margins (NeuronsChart *chart,
                                      GtkBorder    *margins)
{
  int label_height;

  neurons_chart_text_size (GTK_WIDGET (chart), "<small>0.25</small>", NULL, &label_height);
  *margins = (GtkBorder) { .left = 34, .top = 6, .right = 8, .bottom = label_height + 4 };
}

static void
neurons_activation_chart_dispose (GObject *object)
{
  NeuronsActivationChart *self = NEURONS_ACTIVATION_CHART (object);

  neurons_activation_chart_set_net (self, NULL);
  neurons_activation_chart_set_highlight (self, NULL);

  G_OBJECT_CLASS (neurons_activation_chart_parent_class)->dispose (object);
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

    case PROP_NET:
      g_value_set_object (value, self->net);
      break;

    case PROP_HIGHLIGHT:
      g_value_set_object (value, self->highlight);
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

    case PROP_NET:
      neurons_activation_chart_set_net (self, g_value_get_object (value));
      break;

    case PROP_HIGHLIGHT:
      neurons_activation_chart_set_highlight (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_activation_chart_class_init (NeuronsActivationChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NeuronsChartClass *chart_class = NEURONS_CHART_CLASS (klass);

  object_class->dispose = neurons_activation_chart_dispose;
  object_class->get_property = neurons_activation_chart_get_property;
  object_class->set_property = neurons_activation_chart_set_property;

  chart_class->minimum_width = 200;
  chart_class->minimum_height = 140;
  chart_class->natural_width = 360;
  chart_class->natural_height = 220;
  chart_class->label = N_("Activation functions");
  chart_class->get_margins = neurons_activation_chart_get_margins;
  chart_class->describe = neurons_activation_chart_describe;
  chart_class->plot = neurons_activation_chart_plot;

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
   * NeuronsActivationChart:net:
   *
   * The network whose weighted sums, for the input on show, are marked.
   */
  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsActivationChart:highlight:
   *
   * The hidden neuron pointed at, whose weighted sum is marked on the curve in use.
   */
  properties[PROP_HIGHLIGHT] =
    g_param_spec_object ("highlight", NULL, NULL,
                         NEURONS_TYPE_HIGHLIGHT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
neurons_activation_chart_init (NeuronsActivationChart *self)
{
  self->activation = NEURONS_ACTIVATION_SIGMOID;

  neurons_chart_set_range (NEURONS_CHART (self), GTK_ORIENTATION_HORIZONTAL, Z_MIN, Z_MAX);
  neurons_chart_set_range (NEURONS_CHART (self), GTK_ORIENTATION_VERTICAL, Y_MIN, Y_MAX);
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
  neurons_chart_invalidate (NEURONS_CHART (self));
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
  neurons_chart_invalidate (NEURONS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_DERIVATIVES]);
}

/* The net publishes at frame rate while it trains: only a mark, shown or just gone, follows. */
static void
on_net_changed (NeuronsActivationChart *self)
{
  if (self->marked || !isnan (neurons_activation_chart_get_marked_input (self)))
    neurons_chart_invalidate (NEURONS_CHART (self));
}

NeuronsNetworkModel *
neurons_activation_chart_get_net (NeuronsActivationChart *self)
{
  g_return_val_if_fail (NEURONS_IS_ACTIVATION_CHART (self), NULL);

  return self->net;
}

void
neurons_activation_chart_set_net (NeuronsActivationChart *self,
                                  NeuronsNetworkModel       *net)
{
  g_return_if_fail (NEURONS_IS_ACTIVATION_CHART (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NETWORK_MODEL (net));

  if (self->net == net)
    return;

  if (self->net != NULL)
    g_signal_handlers_disconnect_by_data (self->net, self);
  g_set_object (&self->net, net);
  if (net != NULL)
    g_signal_connect_object (net, "changed", G_CALLBACK (on_net_changed), self, G_CONNECT_SWAPPED);

  neurons_chart_invalidate (NEURONS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}

NeuronsHighlight *
neurons_activation_chart_get_highlight (NeuronsActivationChart *self)
{
  g_return_val_if_fail (NEURONS_IS_ACTIVATION_CHART (self), NULL);

  return self->highlight;
}

void
neurons_activation_chart_set_highlight (NeuronsActivationChart *self,
                                        NeuronsHighlight       *highlight)
{
  g_return_if_fail (NEURONS_IS_ACTIVATION_CHART (self));
  g_return_if_fail (highlight == NULL || NEURONS_IS_HIGHLIGHT (highlight));

  if (self->highlight == highlight)
    return;

  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_data (self->highlight, self);
  g_set_object (&self->highlight, highlight);
  if (highlight != NULL)
    g_signal_connect_object (highlight, "notify", G_CALLBACK (neurons_chart_invalidate), self, G_CONNECT_SWAPPED);

  neurons_chart_invalidate (NEURONS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

/**
 * neurons_activation_chart_get_marked_input:
 * @self: a chart
 *
 * The highlighted hidden neuron's weighted sum for the input on show, as marked.
 *
 * Returns: the weighted sum, or NAN when no hidden neuron is highlighted
 */
double
neurons_activation_chart_get_marked_input (NeuronsActivationChart *self)
{
  const NeuronsForward *forward;
  int neuron;

  g_return_val_if_fail (NEURONS_IS_ACTIVATION_CHART (self), NAN);

  if (self->net == NULL || self->highlight == NULL)
    return NAN;

  forward = neurons_network_model_get_forward (self->net);
  neuron = neurons_highlight_get_neuron (self->highlight);
  switch (neurons_highlight_get_layer (self->highlight))
    {
    case NEURONS_HIGHLIGHT_HIDDEN1:
      return neuron >= 0 && neuron < NEURONS_HIDDEN1_SIZE ? forward->z1[neuron] : NAN;
    case NEURONS_HIGHLIGHT_HIDDEN2:
      return neuron >= 0 && neuron < NEURONS_HIDDEN2_SIZE ? forward->z2[neuron] : NAN;
    case NEURONS_HIGHLIGHT_NONE:
    default:
      return NAN;
    }
}
