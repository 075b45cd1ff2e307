/* neurons-learning-rate-chart.c: gradient descent with steps too small, good and too large
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-learning-rate-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "neurons-colors.h"
#include "neurons-learning-rate-chart.h"
#include "neurons-sgd.h"

/*
 * Gradient descent run for real on the simplest cost there is, C(w) = w², whose slope is
 * 2w: each step moves w to w − η·2w = (1 − 2η)·w. So the picture's step η decides everything:
 * below 0.5 w creeps towards the bottom from one side (very slowly when η is small), between
 * 0.5 and 1 it jumps across the bottom and back, shrinking, and from 1 on every jump lands
 * higher than the last: descent diverges.
 *
 * How the app's learning rate maps onto η, honestly: the network's cost is not one parabola,
 * so no formula carries its rates over exactly. The picture is pinned to two rates measured
 * on the engine (one epoch of MNIST, seed 7, neurons-cli train):
 *
 *   rate / default     Sigmoid (default 0.30)   ReLU (default 0.05)
 *   1/10               87.8 %                   82.9 %      slower: "too small"
 *   1                  91.6 %                   91.1 %      "good"
 *   3.5                88.3 %                   89.3 %      worse, still learning
 *   10                 67.1 %                   21.5 %      breaks down: "too large"
 *
 * The default rate of the activation in use (neurons_default_learning_rate()) becomes
 * η = GOOD_STEP, which reaches the bottom in a few steps, and ten times the default becomes
 * η = TOO_LARGE_STEP, just past the η = 1 where descent on a parabola diverges; between and
 * beyond, η follows a power of the rate's ratio to the default, η = GOOD_STEP · ratio^k, which
 * keeps the order of rates and puts the picture's instability (from about 9× the default)
 * where the engine's is. The three reference paths are the default divided by ten, the
 * default, and the default times ten, labelled with the app's rates they stand for. The
 * picture claims the shape of what happens and the direction of a change, not an exact rate.
 */

#define GOOD_STEP        0.3
#define TOO_LARGE_STEP   1.05
#define TOO_SMALL_FACTOR 10.0
#define TOO_LARGE_FACTOR 10.0
#define N_STEPS          8
#define START_W          -1.2
#define W_HALF_RANGE     2.2
#define N_PANELS         4

struct _NeuronsLearningRateChart
{
  NeuronsChart       parent_instance;

  double             learning_rate;
  NeuronsActivation  activation;
};

G_DEFINE_FINAL_TYPE (NeuronsLearningRateChart, neurons_learning_rate_chart, NEURONS_TYPE_CHART)

enum {
  PROP_0,
  PROP_LEARNING_RATE,
  PROP_ACTIVATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The exponent k that takes TOO_LARGE_FACTOR × the default to TOO_LARGE_STEP */
static double
step_exponent (void)
{
  return log (TOO_LARGE_STEP / GOOD_STEP) / log (TOO_LARGE_FACTOR);
}

static double
picture_step (NeuronsLearningRateChart *self,
              double                    learning_rate)
{
  return GOOD_STEP * pow (learning_rate / neurons_default_learning_rate (self->activation), step_exponent ());
}

static double
panel_rate (NeuronsLearningRateChart *self,
            guint                     panel)
{
  double good = neurons_default_learning_rate (self->activation);

  switch (panel)
    {
    case 0:
      return good / TOO_SMALL_FACTOR;
    case 1:
      return good;
    case 2:
      return good * TOO_LARGE_FACTOR;
    default:
      return self->learning_rate;
    }
}

/* What descent does with step η, in a few words a person can read off the path. */
static char *
describe_step (double step)
{
  double factor = fabs (1 - 2 * step);
  guint steps_needed;

  if (factor >= 1)
    return g_strdup (_("diverges"));

  /* moves until w is within 5 % of where it started from the bottom */
  steps_needed = factor == 0 ? 1 : (guint) ceil (log (0.05) / log (factor));
  if (steps_needed > 3 * N_STEPS)
    return g_strdup (_("crawls"));
  if (step > 0.5)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "bounces, %u step", "bounces, %u steps", steps_needed),
                            steps_needed);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", steps_needed),
                          steps_needed);
}

static NeuronsChartColor
panel_color (guint panel)
{
  static const NeuronsChartColor colors[] = { NEURONS_CHART_SKY, NEURONS_CHART_GREEN, NEURONS_CHART_YELLOW };

  return colors[MIN (panel, G_N_ELEMENTS (colors) - 1)];
}

static char *
neurons_learning_rate_chart_describe (NeuronsChart *chart)
{
  NeuronsLearningRateChart *self = NEURONS_LEARNING_RATE_CHART (chart);
  g_autofree char *small = describe_step (picture_step (self, panel_rate (self, 0)));
  g_autofree char *good = describe_step (picture_step (self, panel_rate (self, 1)));
  g_autofree char *large = describe_step (picture_step (self, panel_rate (self, 2)));
  g_autofree char *now = describe_step (picture_step (self, self->learning_rate));

  return g_strdup_printf (_("Gradient descent on a bowl-shaped cost, with steps scaled so that the "
                                   "default learning rate %.2f reaches the bottom in a few steps. "
                                   "Rate %.3g: %s; rate %.3g: %s; rate %.3g: %s. The current rate %.3g: %s."),
                                 panel_rate (self, 1),
                                 panel_rate (self, 0), small,
                                 panel_rate (self, 1), good,
                                 panel_rate (self, 2), large,
                                 self->learning_rate, now);
}

static char *
panel_title (guint  panel,
             double rate)
{
  switch (panel)
    {
    case 0:
      return g_strdup_printf (_("<small><b>Too small</b> %.3g</small>"), rate);
    case 1:
      return g_strdup_printf (_("<small><b>Good</b> %.3g</small>"), rate);
    case 2:
      return g_strdup_printf (_("<small><b>Too large</b> %.3g</small>"), rate);
    default:
      return g_strdup_printf (_("<small><b>Now</b> %.3g</small>"), rate);
    }
}

/* The bowl C(w) = w², and the path of N_STEPS steps of size step down it from START_W,
 * each a straight jump from one point on the bowl to the next. */
static void
draw_descent (cairo_t                *cr,
              const NeuronsChartAxis *w_axis,
              const NeuronsChartAxis *cost_axis,
              double                  step,
              const GdkRGBA          *bowl,
              const GdkRGBA          *color)
{
  double w = START_W;
  gboolean escaped = FALSE;

#define X(w_) neurons_chart_axis_to_pixel (w_axis, (w_))
#define Y(c_) neurons_chart_axis_to_pixel (cost_axis, (c_))

  gdk_cairo_set_source_rgba (cr, bowl);
  cairo_set_line_width (cr, 1.5);
  for (guint i = 0; i <= 60; i++)
    {
      double x = -W_HALF_RANGE + 2 * W_HALF_RANGE * i / 60;

      if (i == 0)
        cairo_move_to (cr, X (x), Y (x * x));
      else
        cairo_line_to (cr, X (x), Y (x * x));
    }
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, X (w), Y (w * w));
  for (guint k = 0; k < N_STEPS && !escaped; k++)
    {
      w = w - step * 2 * w;
      cairo_line_to (cr, X (w), Y (w * w));
      escaped = fabs (w) > W_HALF_RANGE;
    }
  cairo_stroke (cr);

  w = START_W;
  for (guint k = 0; k <= N_STEPS && fabs (w) <= W_HALF_RANGE; k++)
    {
      cairo_arc (cr, X (w), Y (w * w), k == 0 ? 4 : 3, 0, 2 * G_PI);
      cairo_fill (cr);
      w = w - step * 2 * w;
    }

#undef X
#undef Y
}

static void
draw_panel (NeuronsLearningRateChart *self,
            GtkSnapshot              *snapshot,
            cairo_t                  *cr,
            guint                     panel,
            const graphene_rect_t    *area,
            gboolean                  dark)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean is_now = panel == N_PANELS - 1;
  double step = picture_step (self, panel_rate (self, panel));
  double left = area->origin.x, width = area->size.width;
  double top, height;
  int title_height;
  g_autofree char *title = panel_title (panel, panel_rate (self, panel));
  g_autofree char *words = describe_step (step);
  g_autofree char *behaviour = g_markup_printf_escaped ("<small>%s</small>", words);
  NeuronsChartAxis w_axis, cost_axis;
  GdkRGBA color, bowl, text, faint, frame;

  neurons_chart_foreground (widget, 1.0, &text);
  neurons_chart_foreground (widget, 0.65, &faint);
  neurons_chart_foreground (widget, 0.3, &bowl);
  neurons_chart_foreground (widget, 0.15, &frame);
  if (is_now)
    neurons_chart_foreground (widget, 1.0, &color);
  else
    neurons_chart_color (panel_color (panel), dark, &color);

  neurons_chart_text_size (widget, title, NULL, &title_height);
  neurons_chart_text (widget, snapshot, title, left + width / 2, area->origin.y + 2,
                      NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_START, &text);
  neurons_chart_text (widget, snapshot, behaviour, left + width / 2, area->origin.y + area->size.height,
                      NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_END, is_now ? &text : &faint);

  top = area->origin.y + title_height + 6;
  height = area->size.height - 2 * title_height - 10;
  if (height <= 10)
    return;

  /* the frame of the current one stands out */
  cairo_set_line_width (cr, is_now ? 2 : 1);
  gdk_cairo_set_source_rgba (cr, is_now ? &faint : &frame);
  cairo_rectangle (cr, left + 0.5, top + 0.5, width - 1, height - 1);
  cairo_stroke (cr);

  neurons_chart_axis_init (&w_axis, -W_HALF_RANGE, W_HALF_RANGE, left, left + width);
  neurons_chart_axis_init (&cost_axis, 0, W_HALF_RANGE * W_HALF_RANGE, top + height, top);
  cairo_save (cr);
  cairo_rectangle (cr, left, top, width, height);
  cairo_clip (cr);
  draw_descent (cr, &w_axis, &cost_axis, step, &bowl, &color);
  cairo_restore (cr);
}

/* The scale's line with a tick and a label at each power of ten, where descent diverges
 * shaded in the wrong colour. */
static void
draw_rate_axis (NeuronsLearningRateChart *self,
                GtkSnapshot              *snapshot,
                cairo_t                  *cr,
                const NeuronsChartAxis   *axis,
                double                    y,
                gboolean                  dark)
{
  GtkWidget *widget = GTK_WIDGET (self);
  /* where the picture's η reaches 1 */
  double rate_of_divergence = neurons_default_learning_rate (self->activation) * pow (1 / GOOD_STEP, 1 / step_exponent ());
  double divergence_x = neurons_chart_axis_to_pixel (axis, log10 (MIN (rate_of_divergence, NEURONS_LEARNING_RATE_MAX)));
  GdkRGBA line, faint, zone;

  neurons_chart_foreground (widget, 0.45, &line);
  neurons_chart_foreground (widget, 0.65, &faint);

  neurons_chart_color (NEURONS_CHART_WRONG, dark, &zone);
  zone.alpha = 0.25f;
  gdk_cairo_set_source_rgba (cr, &zone);
  cairo_rectangle (cr, divergence_x, y - 4, axis->end - divergence_x, 8);
  cairo_fill (cr);

  gdk_cairo_set_source_rgba (cr, &line);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, axis->start, round (y) + 0.5);
  cairo_line_to (cr, axis->end, round (y) + 0.5);
  cairo_stroke (cr);

  for (double rate = NEURONS_LEARNING_RATE_MIN; rate <= NEURONS_LEARNING_RATE_MAX * 1.001; rate *= 10)
    {
      double x = neurons_chart_axis_to_pixel (axis, log10 (rate));
      g_autofree char *label = g_strdup_printf ("<small>%g</small>", rate);

      cairo_move_to (cr, round (x) + 0.5, y - 3);
      cairo_line_to (cr, round (x) + 0.5, y + 3);
      neurons_chart_text (widget, snapshot, label, x, y + 5,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_START, &faint);
    }
  cairo_stroke (cr);
}

/* The rates of the panels as dots on a log scale, the current one as a triangle above. */
static void
draw_rate_scale (NeuronsLearningRateChart *self,
                 GtkSnapshot              *snapshot,
                 cairo_t                  *cr,
                 const graphene_rect_t    *area,
                 gboolean                  dark)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double y = area->origin.y + 8;
  NeuronsChartAxis axis;
  GdkRGBA faint, text;
  double x_now;
  gboolean title_at_start;

  neurons_chart_axis_init (&axis, log10 (NEURONS_LEARNING_RATE_MIN), log10 (NEURONS_LEARNING_RATE_MAX),
                           area->origin.x, area->origin.x + area->size.width);
  neurons_chart_foreground (widget, 0.65, &faint);
  neurons_chart_foreground (widget, 1.0, &text);

  draw_rate_axis (self, snapshot, cr, &axis, y, dark);

  for (guint panel = 0; panel < N_PANELS - 1; panel++)
    {
      GdkRGBA color;

      neurons_chart_color (panel_color (panel), dark, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_arc (cr, neurons_chart_axis_to_pixel (&axis, log10 (panel_rate (self, panel))), y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  x_now = neurons_chart_axis_to_pixel (&axis, log10 (CLAMP (self->learning_rate, NEURONS_LEARNING_RATE_MIN,
                                                            NEURONS_LEARNING_RATE_MAX)));
  gdk_cairo_set_source_rgba (cr, &text);
  cairo_move_to (cr, x_now, y - 3);
  cairo_line_to (cr, x_now - 6, y - 11);
  cairo_line_to (cr, x_now + 6, y - 11);
  cairo_close_path (cr);
  cairo_fill (cr);

  /* the axis title, at the end away from the triangle so that the two never overlap */
  title_at_start = x_now > area->origin.x + area->size.width / 2;
  neurons_chart_text (widget, snapshot, _("<small>learning rate (log scale)</small>"),
                      title_at_start ? area->origin.x : area->origin.x + area->size.width, y - 3,
                      title_at_start ? NEURONS_CHART_ALIGN_START : NEURONS_CHART_ALIGN_END,
                      NEURONS_CHART_ALIGN_END, &faint);
}

/* The plot area holds the four panels side by side; the rate scale runs under it. */
static void
neurons_learning_rate_chart_plot (NeuronsChart          *chart,
                                  GtkSnapshot           *snapshot,
                                  const graphene_rect_t *area)
{
  NeuronsLearningRateChart *self = NEURONS_LEARNING_RATE_CHART (chart);
  GtkWidget *widget = GTK_WIDGET (chart);
  int width = gtk_widget_get_width (widget);
  gboolean dark = neurons_colors_is_dark (widget);
  double gap = 10, panel_width = (area->size.width - gap * (N_PANELS - 1)) / N_PANELS;
  int label_height;
  cairo_t *cr;

  neurons_chart_text_size (widget, "<small>0.1</small>", NULL, &label_height);
  if (panel_width <= 20 || area->size.height <= 3 * label_height)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, gtk_widget_get_height (widget)));
  for (guint panel = 0; panel < N_PANELS; panel++)
    draw_panel (self, snapshot, cr, panel,
                &GRAPHENE_RECT_INIT (area->origin.x + panel * (panel_width + gap), area->origin.y,
                                     panel_width, area->size.height),
                dark);
  draw_rate_scale (self, snapshot, cr,
                   &GRAPHENE_RECT_INIT (24, area->size.height + label_height + 4, width - 48, label_height + 18), dark);
  cairo_destroy (cr);
}

static void
neurons_learning_rate_chart_get_margins (NeuronsChart *chart,
                                         GtkBorder    *margins)
{
  int label_height;

  /* under the panels, room for the rate scale and its labels */
  neurons_chart_text_size (GTK_WIDGET (chart), "<small>0.1</small>", NULL, &label_height);
  *margins = (GtkBorder) { .left = 8, .top = 0, .right = 8, .bottom = 2 * label_height + 22 };
}

static void
neurons_learning_rate_chart_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  NeuronsLearningRateChart *self = NEURONS_LEARNING_RATE_CHART (object);

  switch (prop_id)
    {
    case PROP_LEARNING_RATE:
      g_value_set_double (value, self->learning_rate);
      break;

    case PROP_ACTIVATION:
      g_value_set_enum (value, self->activation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_learning_rate_chart_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  NeuronsLearningRateChart *self = NEURONS_LEARNING_RATE_CHART (object);

  switch (prop_id)
    {
    case PROP_LEARNING_RATE:
      neurons_learning_rate_chart_set_learning_rate (self, g_value_get_double (value));
      break;

    case PROP_ACTIVATION:
      neurons_learning_rate_chart_set_activation (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_learning_rate_chart_class_init (NeuronsLearningRateChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NeuronsChartClass *chart_class = NEURONS_CHART_CLASS (klass);

  object_class->get_property = neurons_learning_rate_chart_get_property;
  object_class->set_property = neurons_learning_rate_chart_set_property;

  chart_class->minimum_width = 240;  /* with the lessons' margins, within their narrowest 290 */
  chart_class->minimum_height = 160;
  chart_class->natural_width = 520;
  chart_class->natural_height = 200;
  chart_class->label = N_("Learning rate");
  chart_class->get_margins = neurons_learning_rate_chart_get_margins;
  chart_class->describe = neurons_learning_rate_chart_describe;
  chart_class->plot = neurons_learning_rate_chart_plot;

  /**
   * NeuronsLearningRateChart:learning-rate:
   *
   * The network's learning rate, drawn as the fourth path and marked on the scale.
   */
  properties[PROP_LEARNING_RATE] =
    g_param_spec_double ("learning-rate", NULL, NULL,
                         G_MINDOUBLE, G_MAXDOUBLE, 0.30,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsLearningRateChart:activation:
   *
   * The hidden activation in use, whose default learning rate anchors the picture.
   */
  properties[PROP_ACTIVATION] =
    g_param_spec_enum ("activation", NULL, NULL,
                       NEURONS_TYPE_ACTIVATION, NEURONS_ACTIVATION_SIGMOID,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
neurons_learning_rate_chart_init (NeuronsLearningRateChart *self)
{
  self->activation = NEURONS_ACTIVATION_SIGMOID;
  self->learning_rate = neurons_default_learning_rate (self->activation);
}

GtkWidget *
neurons_learning_rate_chart_new (void)
{
  return g_object_new (NEURONS_TYPE_LEARNING_RATE_CHART, NULL);
}

double
neurons_learning_rate_chart_get_learning_rate (NeuronsLearningRateChart *self)
{
  g_return_val_if_fail (NEURONS_IS_LEARNING_RATE_CHART (self), 0);

  return self->learning_rate;
}

void
neurons_learning_rate_chart_set_learning_rate (NeuronsLearningRateChart *self,
                                               double                    learning_rate)
{
  g_return_if_fail (NEURONS_IS_LEARNING_RATE_CHART (self));
  g_return_if_fail (learning_rate > 0);

  if (self->learning_rate == learning_rate)
    return;

  self->learning_rate = learning_rate;
  neurons_chart_invalidate (NEURONS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEARNING_RATE]);
}

NeuronsActivation
neurons_learning_rate_chart_get_activation (NeuronsLearningRateChart *self)
{
  g_return_val_if_fail (NEURONS_IS_LEARNING_RATE_CHART (self), NEURONS_ACTIVATION_SIGMOID);

  return self->activation;
}

void
neurons_learning_rate_chart_set_activation (NeuronsLearningRateChart *self,
                                            NeuronsActivation         activation)
{
  g_return_if_fail (NEURONS_IS_LEARNING_RATE_CHART (self));

  if (self->activation == activation)
    return;

  self->activation = activation;
  neurons_chart_invalidate (NEURONS_CHART (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATION]);
}
