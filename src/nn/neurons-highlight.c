/* neurons-highlight.c: the hidden neuron a person points at, shared by the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-highlight"

#include "config.h"

#include "neurons-highlight.h"
#include "neurons-mlp.h"

/*
 * Hovering a neuron in any view highlights it in all of them; a click pins it so that the
 * pointer can wander off, and a second click on it or Escape lets it go. While pinned,
 * hovering changes nothing, but the keyboard still moves the pinned selection.
 *
 * A selection made from the keyboard is not the pointer's to drop: GTK reports pointer
 * motion when the views change under a resting pointer, and that must not undo it.
 */
struct _NeuronsHighlight
{
  GObject               parent_instance;

  NeuronsHighlightLayer layer;
  int                   neuron;
  gboolean              pinned;
  gboolean              from_pointer;  /* the unpinned highlight follows the pointer */
};

G_DEFINE_FINAL_TYPE (NeuronsHighlight, neurons_highlight, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LAYER,
  PROP_NEURON,
  PROP_PINNED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
neurons_highlight_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NeuronsHighlight *self = NEURONS_HIGHLIGHT (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_int (value, self->layer);
      break;

    case PROP_NEURON:
      g_value_set_int (value, self->neuron);
      break;

    case PROP_PINNED:
      g_value_set_boolean (value, self->pinned);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_highlight_class_init (NeuronsHighlightClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = neurons_highlight_get_property;

  /**
   * NeuronsHighlight:layer:
   *
   * The hidden layer of the highlighted neuron (a #NeuronsHighlightLayer), or
   * %NEURONS_HIGHLIGHT_NONE.
   */
  properties[PROP_LAYER] =
    g_param_spec_int ("layer", NULL, NULL,
                      NEURONS_HIGHLIGHT_NONE, NEURONS_HIGHLIGHT_HIDDEN2, NEURONS_HIGHLIGHT_NONE,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsHighlight:neuron:
   *
   * The index of the highlighted neuron in its layer, or -1.
   */
  properties[PROP_NEURON] =
    g_param_spec_int ("neuron", NULL, NULL,
                      -1, NEURONS_HIDDEN1_SIZE - 1, -1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsHighlight:pinned:
   *
   * Whether the highlight stays when the pointer leaves the neuron.
   */
  properties[PROP_PINNED] =
    g_param_spec_boolean ("pinned", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
neurons_highlight_init (NeuronsHighlight *self)
{
  self->layer = NEURONS_HIGHLIGHT_NONE;
  self->neuron = -1;
}

NeuronsHighlight *
neurons_highlight_new (void)
{
  return g_object_new (NEURONS_TYPE_HIGHLIGHT, NULL);
}

NeuronsHighlightLayer
neurons_highlight_get_layer (NeuronsHighlight *self)
{
  g_return_val_if_fail (NEURONS_IS_HIGHLIGHT (self), NEURONS_HIGHLIGHT_NONE);

  return self->layer;
}

int
neurons_highlight_get_neuron (NeuronsHighlight *self)
{
  g_return_val_if_fail (NEURONS_IS_HIGHLIGHT (self), -1);

  return self->neuron;
}

gboolean
neurons_highlight_get_pinned (NeuronsHighlight *self)
{
  g_return_val_if_fail (NEURONS_IS_HIGHLIGHT (self), FALSE);

  return self->pinned;
}

/**
 * neurons_highlight_is:
 * @self: a #NeuronsHighlight
 * @layer: a hidden layer
 * @neuron: a neuron in it
 *
 * Returns: whether exactly this neuron is highlighted
 */
gboolean
neurons_highlight_is (NeuronsHighlight      *self,
                      NeuronsHighlightLayer  layer,
                      int                    neuron)
{
  g_return_val_if_fail (NEURONS_IS_HIGHLIGHT (self), FALSE);

  return self->layer == layer && self->layer != NEURONS_HIGHLIGHT_NONE && self->neuron == neuron;
}

static void
set_state (NeuronsHighlight      *self,
           NeuronsHighlightLayer  layer,
           int                    neuron,
           gboolean               pinned)
{
  if (layer == NEURONS_HIGHLIGHT_NONE)
    neuron = -1;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->layer != layer)
    {
      self->layer = layer;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYER]);
    }

  if (self->neuron != neuron)
    {
      self->neuron = neuron;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEURON]);
    }

  if (self->pinned != pinned)
    {
      self->pinned = pinned;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PINNED]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
is_valid (NeuronsHighlightLayer layer,
          int                   neuron)
{
  switch (layer)
    {
    case NEURONS_HIGHLIGHT_HIDDEN1:
      return neuron >= 0 && neuron < NEURONS_HIDDEN1_SIZE;

    case NEURONS_HIGHLIGHT_HIDDEN2:
      return neuron >= 0 && neuron < NEURONS_HIDDEN2_SIZE;

    case NEURONS_HIGHLIGHT_NONE:
    default:
      return FALSE;
    }
}

/**
 * neurons_highlight_hover:
 * @self: a #NeuronsHighlight
 * @layer: the hidden layer under the pointer
 * @neuron: the neuron under the pointer
 *
 * Highlights the neuron under the pointer, unless another one is pinned.
 */
void
neurons_highlight_hover (NeuronsHighlight      *self,
                         NeuronsHighlightLayer  layer,
                         int                    neuron)
{
  g_return_if_fail (NEURONS_IS_HIGHLIGHT (self));
  g_return_if_fail (is_valid (layer, neuron));

  if (!self->pinned)
    {
      set_state (self, layer, neuron, FALSE);
      self->from_pointer = TRUE;
    }
}

/**
 * neurons_highlight_hover_end:
 * @self: a #NeuronsHighlight
 *
 * The pointer left the neurons: drops the highlight it made, unless it is pinned.
 */
void
neurons_highlight_hover_end (NeuronsHighlight *self)
{
  g_return_if_fail (NEURONS_IS_HIGHLIGHT (self));

  if (!self->pinned && self->from_pointer)
    set_state (self, NEURONS_HIGHLIGHT_NONE, -1, FALSE);
}

/**
 * neurons_highlight_clear:
 * @self: a #NeuronsHighlight
 *
 * The keyboard focus left the views: drops the highlight, however it was made, unless it is
 * pinned.
 */
void
neurons_highlight_clear (NeuronsHighlight *self)
{
  g_return_if_fail (NEURONS_IS_HIGHLIGHT (self));

  if (!self->pinned)
    set_state (self, NEURONS_HIGHLIGHT_NONE, -1, FALSE);
}

/**
 * neurons_highlight_select:
 * @self: a #NeuronsHighlight
 * @layer: a hidden layer
 * @neuron: a neuron in it
 *
 * Moves the highlight from the keyboard; a pinned highlight stays pinned on its new neuron.
 */
void
neurons_highlight_select (NeuronsHighlight      *self,
                          NeuronsHighlightLayer  layer,
                          int                    neuron)
{
  g_return_if_fail (NEURONS_IS_HIGHLIGHT (self));
  g_return_if_fail (is_valid (layer, neuron));

  set_state (self, layer, neuron, self->pinned);
  self->from_pointer = FALSE;
}

/**
 * neurons_highlight_toggle_pin:
 * @self: a #NeuronsHighlight
 * @layer: a hidden layer
 * @neuron: a neuron in it
 *
 * Pins the neuron, or unpins it when it already is the pinned one.
 */
void
neurons_highlight_toggle_pin (NeuronsHighlight      *self,
                              NeuronsHighlightLayer  layer,
                              int                    neuron)
{
  g_return_if_fail (NEURONS_IS_HIGHLIGHT (self));
  g_return_if_fail (is_valid (layer, neuron));

  /* Unpinning leaves the neuron highlighted: the pointer or the keyboard is still on it. */
  if (self->pinned && neurons_highlight_is (self, layer, neuron))
    set_state (self, layer, neuron, FALSE);
  else
    set_state (self, layer, neuron, TRUE);
}

/**
 * neurons_highlight_unpin:
 * @self: a #NeuronsHighlight
 *
 * Lets go of the pinned neuron and drops the highlight.
 */
void
neurons_highlight_unpin (NeuronsHighlight *self)
{
  g_return_if_fail (NEURONS_IS_HIGHLIGHT (self));

  set_state (self, NEURONS_HIGHLIGHT_NONE, -1, FALSE);
}
