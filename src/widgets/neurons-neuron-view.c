/* neurons-neuron-view.c: the base of the views that point at, pin and walk the hidden neurons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-neuron-view"

#include "config.h"

#include "neurons-neuron-view.h"

/*
 * A view draws a network's hidden neurons; this base lets a person point at them. Hovering a
 * neuron highlights it in every view that shares the NeuronsHighlight, a click pins it, a
 * second click on it or a click beside the neurons lets it go. From the keyboard, focus
 * arriving by Tab shows where the selection is, the arrow keys walk it (how is the view's
 * own: its move()), Return, Enter or Space pin it and Escape lets it go. Return or Enter on
 * the neuron already pinned asks for a closer look: they activate "win.inspect-neuron" where
 * a window offers it, and let the neuron go where none does. S silences the selected neuron,
 * or brings it back: the net shows it at 0 (a lesion, never a change to the weights).
 *
 * Only a highlight the pointer made is the pointer's to drop: GTK reports pointer motion when
 * a view changes under a resting pointer, and a neuron chosen from the keyboard must not
 * vanish then. NeuronsHighlight keeps that rule; the views report hovering as hovering and
 * keys as selection.
 *
 * The subclass draws, hit-tests (neuron_at()), walks (move()) and describes (describe()); the
 * base redraws and updates the accessible description when the net or the highlight changes.
 */

typedef struct
{
  NeuronsNetworkModel *net;
  NeuronsHighlight *highlight;
  char             *description;
} NeuronsNeuronViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (NeuronsNeuronView, neurons_neuron_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NET,
  PROP_HIGHLIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_description (NeuronsNeuronView *self)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);
  g_autofree char *description = NEURONS_NEURON_VIEW_GET_CLASS (self)->describe (self);

  if (g_strcmp0 (description, priv->description) == 0)
    return;

  g_free (priv->description);
  priv->description = g_steal_pointer (&description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, priv->description,
                                  -1);
}

static void
on_net_changed (NeuronsNeuronView *self)
{
  NeuronsNeuronViewClass *klass = NEURONS_NEURON_VIEW_GET_CLASS (self);

  if (klass->net_changed != NULL)
    klass->net_changed (self);

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_highlight_changed (NeuronsNeuronView *self)
{
  NeuronsNeuronViewClass *klass = NEURONS_NEURON_VIEW_GET_CLASS (self);

  if (klass->highlight_changed != NULL)
    klass->highlight_changed (self);

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
neuron_at (NeuronsNeuronView     *self,
           double                 x,
           double                 y,
           NeuronsHighlightLayer *layer,
           int                   *neuron)
{
  return NEURONS_NEURON_VIEW_GET_CLASS (self)->neuron_at (self, x, y, layer, neuron);
}

static gboolean
shows_layer (NeuronsNeuronView     *self,
             NeuronsHighlightLayer  layer)
{
  return NEURONS_NEURON_VIEW_GET_CLASS (self)->shows_layer (self, layer);
}

static gboolean
neurons_neuron_view_real_shows_layer (NeuronsNeuronView     *self,
                                      NeuronsHighlightLayer  layer)
{
  return layer == NEURONS_HIGHLIGHT_HIDDEN1 || layer == NEURONS_HIGHLIGHT_HIDDEN2;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           NeuronsNeuronView        *self)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);
  NeuronsHighlightLayer layer;
  int neuron;

  if (neuron_at (self, x, y, &layer, &neuron))
    neurons_highlight_hover (priv->highlight, layer, neuron);
  else
    neurons_highlight_hover_end (priv->highlight);
}

static void
on_leave (GtkEventControllerMotion *controller,
          NeuronsNeuronView        *self)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);

  neurons_highlight_hover_end (priv->highlight);
}

static void
on_pressed (GtkGestureClick   *gesture,
            int                n_press,
            double             x,
            double             y,
            NeuronsNeuronView *self)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);
  NeuronsHighlightLayer layer;
  int neuron;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (neuron_at (self, x, y, &layer, &neuron))
    neurons_highlight_toggle_pin (priv->highlight, layer, neuron);
  else
    neurons_highlight_unpin (priv->highlight);
}

static void
on_focus_enter (NeuronsNeuronView *self)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Arriving from the keyboard, show where the selection is; the window's first focus
   * when it opens, or a click, selects nothing by itself. */
  if (GTK_IS_WINDOW (root) && gtk_window_get_focus_visible (GTK_WINDOW (root)) &&
      neurons_highlight_get_layer (priv->highlight) == NEURONS_HIGHLIGHT_NONE)
    neurons_highlight_select (priv->highlight, NEURONS_HIGHLIGHT_HIDDEN1, 0);
}

static void
on_focus_leave (NeuronsNeuronView *self)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);

  neurons_highlight_clear (priv->highlight);
}

/* The arrow keys: from nothing the view shows, to the first neuron; else one step of the
 * view's walk. */
static gboolean
move_selection (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  NeuronsNeuronView *self = NEURONS_NEURON_VIEW (widget);
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);
  NeuronsHighlightLayer layer = neurons_highlight_get_layer (priv->highlight);
  int neuron = neurons_highlight_get_neuron (priv->highlight);
  int dx, dy;

  g_variant_get (args, "(ii)", &dx, &dy);

  if (!shows_layer (self, layer))
    {
      neurons_highlight_select (priv->highlight, NEURONS_HIGHLIGHT_HIDDEN1, 0);
      return TRUE;
    }

  NEURONS_NEURON_VIEW_GET_CLASS (self)->move (self, dx, dy, &layer, &neuron);
  neurons_highlight_select (priv->highlight, layer, neuron);

  return TRUE;
}

static gboolean
toggle_pin (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  NeuronsNeuronView *self = NEURONS_NEURON_VIEW (widget);
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);
  NeuronsHighlightLayer layer = neurons_highlight_get_layer (priv->highlight);

  if (!shows_layer (self, layer))
    return FALSE;

  neurons_highlight_toggle_pin (priv->highlight, layer, neurons_highlight_get_neuron (priv->highlight));

  return TRUE;
}

/* Return and Enter: pin the neuron, or look inside the one pinned (see the top). */
static gboolean
pin_or_inspect (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  NeuronsNeuronView *self = NEURONS_NEURON_VIEW (widget);
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);

  if (neurons_highlight_get_pinned (priv->highlight) &&
      shows_layer (self, neurons_highlight_get_layer (priv->highlight)) &&
      gtk_widget_activate_action (widget, "win.inspect-neuron", NULL))
    return TRUE;

  return toggle_pin (widget, args, user_data);
}

/* S: silence the selected neuron, or bring it back. */
static gboolean
toggle_silenced (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  NeuronsNeuronView *self = NEURONS_NEURON_VIEW (widget);
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);
  NeuronsHighlightLayer layer = neurons_highlight_get_layer (priv->highlight);
  int neuron = neurons_highlight_get_neuron (priv->highlight);

  if (priv->net == NULL || !shows_layer (self, layer))
    return FALSE;

  neurons_network_model_set_silenced (priv->net, layer, neuron,
                                      !neurons_network_model_is_silenced (priv->net, layer, neuron));

  return TRUE;
}

static gboolean
unpin (GtkWidget *widget,
       GVariant  *args,
       gpointer   user_data)
{
  NeuronsNeuronView *self = NEURONS_NEURON_VIEW (widget);
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);

  /* let Escape reach the window when there is nothing to let go of */
  if (!neurons_highlight_get_pinned (priv->highlight))
    return FALSE;

  neurons_highlight_unpin (priv->highlight);

  return TRUE;
}

static void
neurons_neuron_view_constructed (GObject *object)
{
  G_OBJECT_CLASS (neurons_neuron_view_parent_class)->constructed (object);

  update_description (NEURONS_NEURON_VIEW (object));
}

static void
neurons_neuron_view_dispose (GObject *object)
{
  NeuronsNeuronView *self = NEURONS_NEURON_VIEW (object);
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);

  /* the highlight may be shared with views that live on, and the net with the window */
  if (priv->net != NULL)
    g_signal_handlers_disconnect_by_data (priv->net, self);
  if (priv->highlight != NULL)
    g_signal_handlers_disconnect_by_data (priv->highlight, self);

  g_clear_object (&priv->net);
  g_clear_object (&priv->highlight);
  g_clear_pointer (&priv->description, g_free);

  G_OBJECT_CLASS (neurons_neuron_view_parent_class)->dispose (object);
}

static void
neurons_neuron_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NeuronsNeuronView *self = NEURONS_NEURON_VIEW (object);
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, priv->net);
      break;

    case PROP_HIGHLIGHT:
      g_value_set_object (value, priv->highlight);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_neuron_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  NeuronsNeuronView *self = NEURONS_NEURON_VIEW (object);

  switch (prop_id)
    {
    case PROP_NET:
      neurons_neuron_view_set_net (self, g_value_get_object (value));
      break;

    case PROP_HIGHLIGHT:
      neurons_neuron_view_set_highlight (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  guint           keypad_keyval,
                  int             dx,
                  int             dy)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, move_selection, "(ii)", dx, dy);
  gtk_widget_class_add_binding (widget_class, keypad_keyval, 0, move_selection, "(ii)", dx, dy);
}

static void
neurons_neuron_view_class_init (NeuronsNeuronViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = neurons_neuron_view_constructed;
  object_class->dispose = neurons_neuron_view_dispose;
  object_class->get_property = neurons_neuron_view_get_property;
  object_class->set_property = neurons_neuron_view_set_property;

  klass->shows_layer = neurons_neuron_view_real_shows_layer;

  /**
   * NeuronsNeuronView:net:
   *
   * The network shown.
   */
  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsNeuronView:highlight:
   *
   * The highlighted neuron, shared with the other views.
   */
  properties[PROP_HIGHLIGHT] =
    g_param_spec_object ("highlight", NULL, NULL,
                         NEURONS_TYPE_HIGHLIGHT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the subclasses inherit the bindings and the role */
  add_move_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0);
  add_move_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0);
  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, pin_or_inspect, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, pin_or_inspect, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, toggle_pin, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, unpin, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, 0, toggle_silenced, NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
neurons_neuron_view_init (NeuronsNeuronView *self)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);
  GtkEventController *controller;
  GtkGesture *click;

  priv->highlight = neurons_highlight_new ();
  g_signal_connect_object (priv->highlight, "notify", G_CALLBACK (on_highlight_changed),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/**
 * neurons_neuron_view_get_net:
 * @self: a #NeuronsNeuronView
 *
 * Returns: (nullable) (transfer none): the network shown
 */
NeuronsNetworkModel *
neurons_neuron_view_get_net (NeuronsNeuronView *self)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);

  g_return_val_if_fail (NEURONS_IS_NEURON_VIEW (self), NULL);

  return priv->net;
}

/**
 * neurons_neuron_view_set_net:
 * @self: a #NeuronsNeuronView
 * @net: (nullable): the network to show
 *
 * Shows @net. Every handler the view connected to the old net with itself as the data is
 * disconnected from it, the subclasses' too: a subclass that listens to more of the net's
 * signals connects them again on #GObject::notify of #NeuronsNeuronView:net.
 */
void
neurons_neuron_view_set_net (NeuronsNeuronView *self,
                             NeuronsNetworkModel  *net)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);

  g_return_if_fail (NEURONS_IS_NEURON_VIEW (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NETWORK_MODEL (net));

  if (priv->net == net)
    return;

  if (priv->net != NULL)
    g_signal_handlers_disconnect_by_data (priv->net, self);

  g_set_object (&priv->net, net);

  if (net != NULL)
    g_signal_connect_object (net, "changed", G_CALLBACK (on_net_changed), self, G_CONNECT_SWAPPED);

  on_net_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}

/**
 * neurons_neuron_view_get_highlight:
 * @self: a #NeuronsNeuronView
 *
 * Returns: (transfer none): the highlighted neuron; each view has its own until it is given
 *   one to share
 */
NeuronsHighlight *
neurons_neuron_view_get_highlight (NeuronsNeuronView *self)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);

  g_return_val_if_fail (NEURONS_IS_NEURON_VIEW (self), NULL);

  return priv->highlight;
}

void
neurons_neuron_view_set_highlight (NeuronsNeuronView *self,
                                   NeuronsHighlight  *highlight)
{
  NeuronsNeuronViewPrivate *priv = neurons_neuron_view_get_instance_private (self);

  g_return_if_fail (NEURONS_IS_NEURON_VIEW (self));
  g_return_if_fail (NEURONS_IS_HIGHLIGHT (highlight));

  if (priv->highlight == highlight)
    return;

  g_signal_handlers_disconnect_by_data (priv->highlight, self);
  g_set_object (&priv->highlight, highlight);
  g_signal_connect_object (highlight, "notify", G_CALLBACK (on_highlight_changed),
                           self, G_CONNECT_SWAPPED);

  on_highlight_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

/**
 * neurons_neuron_view_get_line_height:
 * @self: a #NeuronsNeuronView
 *
 * Returns: the height in pixels of a line of the view's text, which its captions and
 *   labels make room for
 */
float
neurons_neuron_view_get_line_height (NeuronsNeuronView *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  int height;

  g_return_val_if_fail (NEURONS_IS_NEURON_VIEW (self), 0);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0");
  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}
