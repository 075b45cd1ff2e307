/* neurons-learning-rate-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-learning-rate-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "neurons-chart.h"
#include "neurons-colors.h"
#include "neurons-learning-rate-chart.h"
#include "neurons-training.h"

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
  GtkWidget          parent_instance;

  double             learning_rate;
  NeuronsActivation  activation;
};

G_DEFINE_FINAL_TYPE (NeuronsLearningRateChart, neurons_learning_rate_chart, GTK_TYPE_WIDGET)

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

static void
update_description (NeuronsLearningRateChart *self)
{
  g_autofree char *small = describe_step (picture_step (self, panel_rate (self, 0)));
  g_autofree char *good = describe_step (picture_step (self, panel_rate (self, 1)));
  g_autofree char *large = describe_step (picture_step (self, panel_rate (self, 2)));
  g_autofree char *now = describe_step (picture_step (self, self->learning_rate));
  g_autofree char *description = NULL;

  description = g_strdup_printf (_("Gradient descent on a bowl-shaped cost, with steps scaled so that the "
                                   "default learning rate %.2f reaches the bottom in a few steps. "
                                   "Rate %.3g: %s; rate %.3g: %s; rate %.3g: %s. The current rate %.3g: %s."),
                                 panel_rate (self, 1),
                                 panel_rate (self, 0), small,
                                 panel_rate (self, 1), good,
                                 panel_rate (self, 2), large,
                                 self->learning_rate, now);
  neurons_chart_set_description (GTK_WIDGET (self), description);
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
  double rate = panel_rate (self, panel);
  double step = picture_step (self, rate);
  double cost_max = W_HALF_RANGE * W_HALF_RANGE;
  double left = area->origin.x, width = area->size.width;
  double top, height;
  int title_height;
  g_autofree char *title = NULL;
  g_autofree char *words = NULL;
  g_autofree char *behaviour = NULL;
  GdkRGBA color, bowl, text, faint, frame;
  double w = START_W;
  gboolean escaped = FALSE;

  neurons_chart_foreground (widget, 1.0, &text);
  neurons_chart_foreground (widget, 0.65, &faint);
  neurons_chart_foreground (widget, 0.3, &bowl);
  neurons_chart_foreground (widget, 0.15, &frame);
  if (is_now)
    neurons_chart_foreground (widget, 1.0, &color);
  else
    neurons_chart_color (panel_color (panel), dark, &color);

  switch (panel)
    {
    case 0:
      title = g_strdup_printf (_("<small><b>Too small</b> %.3g</small>"), rate);
      break;
    case 1:
      title = g_strdup_printf (_("<small><b>Good</b> %.3g</small>"), rate);
      break;
    case 2:
      title = g_strdup_printf (_("<small><b>Too large</b> %.3g</small>"), rate);
      break;
    default:
      title = g_strdup_printf (_("<small><b>Now</b> %.3g</small>"), rate);
      break;
    }
  words = describe_step (step);
  behaviour = g_markup_printf_escaped ("<small>%s</small>", words);

  neurons_chart_text_size (widget, title, NULL, &title_height);
  neurons_chart_text (widget, snapshot, title, left + width / 2, area->origin.y + 2,
                      NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_START, &text);
  neurons_chart_text (widget, snapshot, behaviour, left + width / 2, area->origin.y + area->size.height,
                      NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_END, is_now ? &text : &faint);

  top = area->origin.y + title_height + 6;
  height = area->size.height - 2 * title_height - 10;
  if (height <= 10)
    return;

#define X(w_) (left + ((w_) + W_HALF_RANGE) / (2 * W_HALF_RANGE) * width)
#define Y(c_) (top + height * (1 - (c_) / cost_max))

  /* the frame of the current one stands out */
  cairo_set_line_width (cr, is_now ? 2 : 1);
  gdk_cairo_set_source_rgba (cr, is_now ? &faint : &frame);
  cairo_rectangle (cr, left + 0.5, top + 0.5, width - 1, height - 1);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_rectangle (cr, left, top, width, height);
  cairo_clip (cr);

  /* the bowl */
  gdk_cairo_set_source_rgba (cr, &bowl);
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

  /* the path, each step a straight jump from one point on the bowl to the next */
  gdk_cairo_set_source_rgba (cr, &color);
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
  cairo_restore (cr);

#undef X
#undef Y
}

static void
draw_rate_scale (NeuronsLearningRateChart *self,
                 GtkSnapshot              *snapshot,
                 cairo_t                  *cr,
                 const graphene_rect_t    *area,
                 gboolean                  dark)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double log_min = log10 (NEURONS_LEARNING_RATE_MIN), log_max = log10 (NEURONS_LEARNING_RATE_MAX);
  double y = area->origin.y + 8;
  /* where the picture's η reaches 1 */
  double rate_of_divergence = neurons_default_learning_rate (self->activation) * pow (1 / GOOD_STEP, 1 / step_exponent ());
  GdkRGBA axis, faint, text, zone;
  double x_now;
  gboolean title_at_start;

#define X(rate_) (area->origin.x + (log10 (rate_) - log_min) / (log_max - log_min) * area->size.width)

  neurons_chart_foreground (widget, 0.45, &axis);
  neurons_chart_foreground (widget, 0.65, &faint);
  neurons_chart_foreground (widget, 1.0, &text);

  /* where the picture diverges (η ≥ 1), shaded in the wrong colour */
  neurons_chart_color (NEURONS_CHART_WRONG, dark, &zone);
  zone.alpha = 0.25f;
  gdk_cairo_set_source_rgba (cr, &zone);
  cairo_rectangle (cr, X (MIN (rate_of_divergence, NEURONS_LEARNING_RATE_MAX)), y - 4,
                   area->origin.x + area->size.width - X (MIN (rate_of_divergence, NEURONS_LEARNING_RATE_MAX)), 8);
  cairo_fill (cr);

  gdk_cairo_set_source_rgba (cr, &axis);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, area->origin.x, round (y) + 0.5);
  cairo_line_to (cr, area->origin.x + area->size.width, round (y) + 0.5);
  cairo_stroke (cr);

  for (double rate = NEURONS_LEARNING_RATE_MIN; rate <= NEURONS_LEARNING_RATE_MAX * 1.001; rate *= 10)
    {
      g_autofree char *label = g_strdup_printf ("<small>%g</small>", rate);

      cairo_move_to (cr, round (X (rate)) + 0.5, y - 3);
      cairo_line_to (cr, round (X (rate)) + 0.5, y + 3);
      neurons_chart_text (widget, snapshot, label, X (rate), y + 5,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_START, &faint);
    }
  cairo_stroke (cr);

  for (guint panel = 0; panel < N_PANELS - 1; panel++)
    {
      GdkRGBA color;

      neurons_chart_color (panel_color (panel), dark, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_arc (cr, X (panel_rate (self, panel)), y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  /* the current rate: a triangle pointing at the scale */
  x_now = X (CLAMP (self->learning_rate, NEURONS_LEARNING_RATE_MIN, NEURONS_LEARNING_RATE_MAX));
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

#undef X
}

static void
neurons_learning_rate_chart_snapshot (GtkWidget   *widget,
                                      GtkSnapshot *snapshot)
{
  NeuronsLearningRateChart *self = NEURONS_LEARNING_RATE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = neurons_colors_is_dark (widget);
  double gap = 10, panel_width, panels_height;
  int label_height;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  neurons_chart_text_size (widget, "<small>0.1</small>", NULL, &label_height);
  panels_height = height - (2 * label_height + 22);
  panel_width = (width - 16 - gap * (N_PANELS - 1)) / N_PANELS;
  if (panel_width <= 20 || panels_height <= 3 * label_height)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint panel = 0; panel < N_PANELS; panel++)
    draw_panel (self, snapshot, cr, panel,
                &GRAPHENE_RECT_INIT (8 + panel * (panel_width + gap), 0, panel_width, panels_height),
                dark);
  draw_rate_scale (self, snapshot, cr,
                   &GRAPHENE_RECT_INIT (24, panels_height + label_height + 4, width - 48, label_height + 18), dark);
  cairo_destroy (cr);
}

static void
neurons_learning_rate_chart_measure (GtkWidget      *widget,
                                     GtkOrientation  orientation,
                                     int             for_size,
                                     int            *minimum,
                                     int            *natural,
                                     int            *minimum_baseline,
                                     int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 520 : 200;
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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = neurons_learning_rate_chart_get_property;
  object_class->set_property = neurons_learning_rate_chart_set_property;

  widget_class->snapshot = neurons_learning_rate_chart_snapshot;
  widget_class->measure = neurons_learning_rate_chart_measure;

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

  gtk_widget_class_set_css_name (widget_class, "learning-rate-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
neurons_learning_rate_chart_init (NeuronsLearningRateChart *self)
{
  self->activation = NEURONS_ACTIVATION_SIGMOID;
  self->learning_rate = neurons_default_learning_rate (self->activation);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Learning rate"),
                                  -1);
  update_description (self);
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
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATION]);
}
