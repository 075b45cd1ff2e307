/* neurons-seen-preview.c: the 28×28 input as the network sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-seen-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-colors.h"
#include "neurons-pixels.h"
#include "neurons-seen-preview.h"

/*
 * The network's input on show, pixel by pixel, each enlarged to a crisp square: beside the
 * drawing canvas it shows that wherever and however large a digit is drawn it arrives the
 * same size in the middle, and that a thicker pen makes heavier pixels. Ink is drawn in the
 * foreground colour, as activity is everywhere else; the 28×28 field is outlined.
 */

struct _NeuronsSeenPreview
{
  GtkWidget         parent_instance;

  NeuronsNetworkModel *net;

  GdkTexture       *texture;
  GdkRGBA           texture_ink;   /* the colour the texture was built with */
  gboolean          texture_dirty;
};

G_DEFINE_FINAL_TYPE (NeuronsSeenPreview, neurons_seen_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
input_changed (NeuronsSeenPreview *self)
{
  self->texture_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rebuild_texture (NeuronsSeenPreview *self,
                 const GdkRGBA      *ink)
{
  const NeuronsForward *forward = neurons_network_model_get_forward (self->net);
  guint8 rgba[NEURONS_INPUT_SIZE * 4];

  /* Premultiplied: each pixel is the ink at the strength of the input. */
  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    {
      float alpha = ink->alpha * CLAMP (forward->input[i], 0.0f, 1.0f);

      rgba[i * 4 + 0] = (guint8) (255 * ink->red * alpha + 0.5f);
      rgba[i * 4 + 1] = (guint8) (255 * ink->green * alpha + 0.5f);
      rgba[i * 4 + 2] = (guint8) (255 * ink->blue * alpha + 0.5f);
      rgba[i * 4 + 3] = (guint8) (255 * alpha + 0.5f);
    }

  g_clear_object (&self->texture);
  self->texture = neurons_pixels_texture_new (rgba, NEURONS_IMAGE_SIDE, NEURONS_IMAGE_SIDE);
  self->texture_ink = *ink;
  self->texture_dirty = FALSE;
}

static void
neurons_seen_preview_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  NeuronsSeenPreview *self = NEURONS_SEEN_PREVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const float frame_widths[4] = { 1, 1, 1, 1 };
  GdkRGBA frame_colors[4];
  GdkRGBA ink, field;
  GskRoundedRect frame;
  graphene_rect_t bounds;
  /* Room for the frame around the field. */
  float side = MIN (width, height) - 2;

  if (side <= 0)
    return;

  /* Whole screen pixels per input pixel, so that every input pixel is the same size. */
  if (side >= NEURONS_IMAGE_SIDE)
    side = NEURONS_IMAGE_SIDE * (int) (side / NEURONS_IMAGE_SIDE);
  graphene_rect_init (&bounds, (int) ((width - side) / 2), (int) ((height - side) / 2),
                      side, side);

  neurons_colors_get_foreground (widget, &ink);

  field = ink;
  field.alpha *= 0.04f;
  gtk_snapshot_append_color (snapshot, &field, &bounds);

  if (self->net != NULL)
    {
      if (self->texture_dirty || !gdk_rgba_equal (&ink, &self->texture_ink))
        rebuild_texture (self, &ink);
      neurons_pixels_append (snapshot, self->texture, &bounds);
    }

  for (guint i = 0; i < G_N_ELEMENTS (frame_colors); i++)
    {
      frame_colors[i] = ink;
      frame_colors[i].alpha *= 0.3f;
    }
  gsk_rounded_rect_init_from_rect (&frame, &bounds, 0);
  gsk_rounded_rect_shrink (&frame, -1, -1, -1, -1);
  gtk_snapshot_append_border (snapshot, &frame, frame_widths, frame_colors);
}

static void
neurons_seen_preview_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  /* Two and five screen pixels per input pixel, and the frame around them. */
  *minimum = 2 * NEURONS_IMAGE_SIDE + 2;
  *natural = 5 * NEURONS_IMAGE_SIDE + 2;
}

static void
neurons_seen_preview_dispose (GObject *object)
{
  NeuronsSeenPreview *self = (NeuronsSeenPreview *) object;

  if (self->net != NULL)
    g_signal_handlers_disconnect_by_data (self->net, self);
  g_clear_object (&self->net);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (neurons_seen_preview_parent_class)->dispose (object);
}

static void
neurons_seen_preview_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  NeuronsSeenPreview *self = NEURONS_SEEN_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, self->net);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_seen_preview_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  NeuronsSeenPreview *self = NEURONS_SEEN_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_NET:
      neurons_seen_preview_set_net (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_seen_preview_class_init (NeuronsSeenPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_seen_preview_dispose;
  object_class->get_property = neurons_seen_preview_get_property;
  object_class->set_property = neurons_seen_preview_set_property;

  widget_class->snapshot = neurons_seen_preview_snapshot;
  widget_class->measure = neurons_seen_preview_measure;

  /**
   * NeuronsSeenPreview:net:
   *
   * The network whose input on show is drawn, or %NULL for an empty field.
   */
  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "neurons-seen-preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
neurons_seen_preview_init (NeuronsSeenPreview *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What the network sees"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The input scaled and centred into 28 by 28 pixels"),
                                  -1);
}

GtkWidget *
neurons_seen_preview_new (void)
{
  return g_object_new (NEURONS_TYPE_SEEN_PREVIEW, NULL);
}

NeuronsNetworkModel *
neurons_seen_preview_get_net (NeuronsSeenPreview *self)
{
  g_return_val_if_fail (NEURONS_IS_SEEN_PREVIEW (self), NULL);

  return self->net;
}

void
neurons_seen_preview_set_net (NeuronsSeenPreview *self,
                              NeuronsNetworkModel   *net)
{
  g_return_if_fail (NEURONS_IS_SEEN_PREVIEW (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NETWORK_MODEL (net));

  if (self->net == net)
    return;

  if (self->net != NULL)
    g_signal_handlers_disconnect_by_data (self->net, self);
  g_set_object (&self->net, net);
  if (net != NULL)
    g_signal_connect_object (net, "changed", G_CALLBACK (input_changed), self, G_CONNECT_SWAPPED);
  input_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}
