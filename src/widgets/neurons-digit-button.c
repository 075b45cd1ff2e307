/* neurons-digit-button.c: one test image as a small button, badged when guessed wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-digit-button"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "neurons-chart.h"
#include "neurons-colors.h"
#include "neurons-digit-button.h"
#include "neurons-mlp.h"
#include "neurons-pixels.h"

/*
 * A test image, drawn in the text colour so that it reads in a light and a dark style. When
 * the network's guess is known and wrong, a tag in the corner says what it guessed ("→3"):
 * red, but also a tag with a digit in it and a dashed frame, so that it does not rely on
 * colour. Clicking it, or Enter or Space while it has the focus, emits "activate".
 */

struct _NeuronsDigitButton
{
  GtkWidget   parent_instance;

  guint8      pixels[NEURONS_INPUT_SIZE];
  guint       index;
  guint       label;
  int         prediction;       /* −1 until known */
  char      **class_names;      /* NULL for the digits */

  GdkTexture *texture;          /* the ink in ink_color */
  GdkRGBA     ink_color;
};

G_DEFINE_FINAL_TYPE (NeuronsDigitButton, neurons_digit_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PREDICTION,
  N_PROPS
};

enum {
  ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What class k is called: "7", or "Sneaker" */
static char *
class_name (NeuronsDigitButton *self,
            guint               k)
{
  if (self->class_names == NULL)
    return g_strdup_printf ("%u", k);

  return g_strdup (self->class_names[k]);
}

static void
update_accessible_label (NeuronsDigitButton *self)
{
  g_autofree char *label = NULL;
  g_autofree char *truth = class_name (self, self->label);

  if (self->prediction < 0)
    label = g_strdup_printf (_("Test image %u, a %s"), self->index, truth);
  else if ((guint) self->prediction == self->label)
    label = g_strdup_printf (_("Test image %u, a %s, guessed right"), self->index, truth);
  else
    {
      g_autofree char *guess = class_name (self, self->prediction);

      label = g_strdup_printf (_("Test image %u, a %s, guessed %s: wrong"), self->index, truth, guess);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static GdkTexture *
ink_texture (NeuronsDigitButton *self)
{
  GdkRGBA ink;

  neurons_colors_get_foreground (GTK_WIDGET (self), &ink);
  if (self->texture == NULL || !gdk_rgba_equal (&ink, &self->ink_color))
    {
      guint8 rgba[NEURONS_INPUT_SIZE * 4];

      for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
        {
          float alpha = self->pixels[i] / 255.0f * ink.alpha;

          /* premultiplied */
          rgba[4 * i + 0] = (guint8) (ink.red * alpha * 255 + 0.5f);
          rgba[4 * i + 1] = (guint8) (ink.green * alpha * 255 + 0.5f);
          rgba[4 * i + 2] = (guint8) (ink.blue * alpha * 255 + 0.5f);
          rgba[4 * i + 3] = (guint8) (alpha * 255 + 0.5f);
        }
      g_clear_object (&self->texture);
      self->texture = neurons_pixels_texture_new (rgba, NEURONS_IMAGE_SIDE, NEURONS_IMAGE_SIDE);
      self->ink_color = ink;
    }

  return self->texture;
}

static char *
badge_markup (NeuronsDigitButton *self)
{
  /* the size of the tag stays put while the guess is unknown; a class name such as "Ankle
   * boot" would hide the image, so it is only marked wrong, and named to screen readers */
  if (self->class_names != NULL)
    return g_strdup ("<small><b>✗</b></small>");
  return g_strdup_printf ("<small><b>→%d</b></small>", MAX (self->prediction, 0));
}

/**
 * neurons_digit_button_get_badge_bounds:
 * @self: a digit button
 * @bounds: (out): where its "wrong" tag is, or would be, in its own coordinates
 */
void
neurons_digit_button_get_badge_bounds (NeuronsDigitButton *self,
                                       graphene_rect_t    *bounds)
{
  g_autofree char *markup = NULL;
  int text_width, text_height;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  g_return_if_fail (NEURONS_IS_DIGIT_BUTTON (self));

  markup = badge_markup (self);
  neurons_chart_text_size (GTK_WIDGET (self), markup, &text_width, &text_height);
  *bounds = GRAPHENE_RECT_INIT (width - text_width - 6, 0, text_width + 6, text_height);
}

static void
neurons_digit_button_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  NeuronsDigitButton *self = NEURONS_DIGIT_BUTTON (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = neurons_colors_is_dark (widget);
  gboolean wrong = neurons_digit_button_get_wrong (self);
  double side = MIN (width, height);
  GdkRGBA background, wrong_color, white = { 1, 1, 1, 1 };
  GskRoundedRect frame;

  if (width <= 0 || height <= 0)
    return;

  neurons_chart_foreground (widget, gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_PRELIGHT ? 0.12 : 0.05,
                            &background);
  neurons_chart_color (NEURONS_CHART_WRONG, dark, &wrong_color);

  gsk_rounded_rect_init_from_rect (&frame, &GRAPHENE_RECT_INIT (0, 0, width, height), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &frame);
  gtk_snapshot_append_color (snapshot, &background, &frame.bounds);
  gtk_snapshot_pop (snapshot);

  neurons_pixels_append (snapshot, ink_texture (self),
                         &GRAPHENE_RECT_INIT ((width - side) / 2 + 1, (height - side) / 2 + 1, side - 2, side - 2));

  if (wrong || gtk_widget_has_visible_focus (widget))
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      if (gtk_widget_has_visible_focus (widget))
        {
          GdkRGBA focus;

          neurons_chart_foreground (widget, 0.8, &focus);
          gdk_cairo_set_source_rgba (cr, &focus);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, 1, 1, width - 2, height - 2);
          cairo_stroke (cr);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, &wrong_color);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
          cairo_rectangle (cr, 0.75, 0.75, width - 1.5, height - 1.5);
          cairo_stroke (cr);
        }
      cairo_destroy (cr);
    }

  if (wrong)
    {
      g_autofree char *markup = badge_markup (self);
      graphene_rect_t badge;
      GskRoundedRect tag;

      neurons_digit_button_get_badge_bounds (self, &badge);
      gsk_rounded_rect_init (&tag, &badge,
                             &GRAPHENE_SIZE_INIT (0, 0), &GRAPHENE_SIZE_INIT (4, 4),
                             &GRAPHENE_SIZE_INIT (4, 4), &GRAPHENE_SIZE_INIT (4, 4));
      gtk_snapshot_push_rounded_clip (snapshot, &tag);
      gtk_snapshot_append_color (snapshot, &wrong_color, &badge);
      gtk_snapshot_pop (snapshot);
      neurons_chart_text (widget, snapshot, markup,
                          badge.origin.x + badge.size.width / 2, badge.origin.y + badge.size.height / 2,
                          NEURONS_CHART_ALIGN_CENTER, NEURONS_CHART_ALIGN_CENTER, &white);
    }
}

static void
neurons_digit_button_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = 20;
  *natural = 40;
}

static void
on_released (GtkGestureClick    *gesture,
             int                 n_press,
             double              x,
             double              y,
             NeuronsDigitButton *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
neurons_digit_button_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (neurons_digit_button_parent_class)->css_changed (widget, change);

  /* the ink follows the text colour; ink_texture() notices the change */
  gtk_widget_queue_draw (widget);
}

static void
neurons_digit_button_finalize (GObject *object)
{
  NeuronsDigitButton *self = (NeuronsDigitButton *) object;

  g_clear_object (&self->texture);

  g_clear_pointer (&self->class_names, g_strfreev);

  G_OBJECT_CLASS (neurons_digit_button_parent_class)->finalize (object);
}

static void
neurons_digit_button_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  NeuronsDigitButton *self = NEURONS_DIGIT_BUTTON (object);

  switch (prop_id)
    {
    case PROP_PREDICTION:
      g_value_set_int (value, self->prediction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_digit_button_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  NeuronsDigitButton *self = NEURONS_DIGIT_BUTTON (object);

  switch (prop_id)
    {
    case PROP_PREDICTION:
      neurons_digit_button_set_prediction (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_digit_button_class_init (NeuronsDigitButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = neurons_digit_button_finalize;
  object_class->get_property = neurons_digit_button_get_property;
  object_class->set_property = neurons_digit_button_set_property;

  widget_class->snapshot = neurons_digit_button_snapshot;
  widget_class->measure = neurons_digit_button_measure;
  widget_class->css_changed = neurons_digit_button_css_changed;

  /**
   * NeuronsDigitButton:prediction:
   *
   * The network's guess for the image, or -1 while unknown.
   */
  properties[PROP_PREDICTION] =
    g_param_spec_int ("prediction", NULL, NULL,
                      -1, NEURONS_OUTPUT_SIZE - 1, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NeuronsDigitButton::activate:
   *
   * The image was clicked, or Enter or Space pressed on it.
   */
  signals[ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Return, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_KP_Enter, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_space, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_KP_Space, 0, "activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "digit-button");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
neurons_digit_button_init (NeuronsDigitButton *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->prediction = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/**
 * neurons_digit_button_new:
 * @dataset: the images
 * @index: which one
 *
 * Returns: (transfer floating): a button showing image @index of @dataset
 */
GtkWidget *
neurons_digit_button_new (const NeuronsDataset *dataset,
                          guint                 index)
{
  NeuronsDigitButton *self;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (index < dataset->n_images, NULL);

  self = g_object_new (NEURONS_TYPE_DIGIT_BUTTON, NULL);
  memcpy (self->pixels, neurons_dataset_image (dataset, index), sizeof self->pixels);
  self->index = index;
  self->label = dataset->labels[index];
  update_accessible_label (self);

  return GTK_WIDGET (self);
}

/* The image's index in its dataset. */
guint
neurons_digit_button_get_index (NeuronsDigitButton *self)
{
  g_return_val_if_fail (NEURONS_IS_DIGIT_BUTTON (self), 0);

  return self->index;
}

/* The image's true digit. */
guint
neurons_digit_button_get_label (NeuronsDigitButton *self)
{
  g_return_val_if_fail (NEURONS_IS_DIGIT_BUTTON (self), 0);

  return self->label;
}

int
neurons_digit_button_get_prediction (NeuronsDigitButton *self)
{
  g_return_val_if_fail (NEURONS_IS_DIGIT_BUTTON (self), -1);

  return self->prediction;
}

void
neurons_digit_button_set_prediction (NeuronsDigitButton *self,
                                     int                 prediction)
{
  g_return_if_fail (NEURONS_IS_DIGIT_BUTTON (self));
  g_return_if_fail (prediction >= -1 && prediction < NEURONS_OUTPUT_SIZE);

  if (self->prediction == prediction)
    return;

  self->prediction = prediction;
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREDICTION]);
}

/**
 * neurons_digit_button_set_class_names:
 * @class_names: (nullable): what the classes are called, as the network names its
 *   outputs, or %NULL for the digits
 */
void
neurons_digit_button_set_class_names (NeuronsDigitButton *self,
                                      const char * const *class_names)
{
  gboolean digits = TRUE;

  g_return_if_fail (NEURONS_IS_DIGIT_BUTTON (self));

  /* "0" to "9" are the digits, drawn with their number on the tag */
  for (guint k = 0; class_names != NULL && k < NEURONS_OUTPUT_SIZE; k++)
    digits &= g_utf8_strlen (class_names[k], -1) <= 1 && class_names[k][0] == '0' + k;

  g_clear_pointer (&self->class_names, g_strfreev);
  self->class_names = digits ? NULL : g_strdupv ((char **) class_names);
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Whether the guess is known and wrong, which is when the tag shows. */
gboolean
neurons_digit_button_get_wrong (NeuronsDigitButton *self)
{
  g_return_val_if_fail (NEURONS_IS_DIGIT_BUTTON (self), FALSE);

  return self->prediction >= 0 && (guint) self->prediction != self->label;
}
