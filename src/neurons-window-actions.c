/* neurons-window-actions.c: what can be done in the window, and the keys that do it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window-actions"

#include "config.h"

#include "neurons-inspector-dialog.h"
#include "neurons-preferences-dialog.h"
#include "neurons-race-dialog.h"
#include "neurons-window-private.h"

static void
neurons_window_actions_play_pause (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  /* Under a drawing or a test image, Play puts the training sample back and trains: it
   * never pauses. */
  neurons_experiment_toggle (NEURONS_WINDOW (widget)->experiment);
}

static void
neurons_window_actions_step (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  neurons_experiment_step (NEURONS_WINDOW (widget)->experiment);
}

static void
neurons_window_actions_reset (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  NeuronsWindow *self = NEURONS_WINDOW (widget);
  NeuronsNetworkModel *net = _neurons_window_get_net (self);
  guint64 seed = (guint64) g_random_int () << 32 | g_random_int ();

  /* Fresh weights from a new seed, with the same activation and initialisation */
  neurons_experiment_reset (self->experiment, neurons_network_model_get_hidden_activation (net),
                            neurons_network_model_get_initialization (net), seed);
}

static void
neurons_window_actions_toggle_lessons (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  NeuronsWindow *self = NEURONS_WINDOW (widget);

  adw_overlay_split_view_set_show_sidebar (self->lessons_split,
                                           !adw_overlay_split_view_get_show_sidebar (self->lessons_split));
}

static void
neurons_window_actions_preferences (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  NeuronsWindow *self = NEURONS_WINDOW (widget);

  adw_dialog_present (neurons_preferences_dialog_new (GTK_WINDOW (self), self->experiment), widget);
}

/* The inspector opens on the neuron the views point at, or on the first one. */
static void
neurons_window_actions_inspect_neuron (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  NeuronsWindow *self = NEURONS_WINDOW (widget);
  NeuronsHighlight *highlight = neurons_network_panel_get_highlight (self->network_panel);
  NeuronsHighlightLayer layer = neurons_highlight_get_layer (highlight);

  adw_dialog_present (neurons_inspector_dialog_new (self->experiment,
                                                    layer == NEURONS_HIGHLIGHT_NONE ? 0 : (guint) layer,
                                                    layer == NEURONS_HIGHLIGHT_NONE ? 0 : (guint) neurons_highlight_get_neuron (highlight)),
                      widget);
}

static void
neurons_window_actions_race (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  adw_dialog_present (neurons_race_dialog_new (NEURONS_WINDOW (widget)->experiment), widget);
}

/* Space and → act on the network unless a menu is open: menus use those keys themselves. */
static gboolean
neurons_window_actions_activate_unless_in_menu (GtkWidget *widget,
                                                GVariant  *args,
                                                gpointer   user_data)
{
  const char *action_name = user_data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return FALSE;

  return gtk_widget_activate_action (widget, action_name, NULL);
}

static void
add_content_shortcut (GtkShortcutController *controller,
                      guint                  keyval,
                      const char            *action_name)
{
  GtkShortcut *shortcut;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                               gtk_callback_action_new (neurons_window_actions_activate_unless_in_menu,
                                                        (gpointer) action_name, NULL));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

void
_neurons_window_class_actions_init (NeuronsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* Space and → are bound in _neurons_window_actions_init() */
  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, neurons_window_actions_play_pause);

  gtk_widget_class_install_action (widget_class, "win.step", NULL, neurons_window_actions_step);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "win.step", NULL);

  gtk_widget_class_install_action (widget_class, "win.reset", NULL, neurons_window_actions_reset);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reset", NULL);

  gtk_widget_class_install_action (widget_class, "win.toggle-lessons", NULL, neurons_window_actions_toggle_lessons);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-lessons", NULL);

  /* The files' actions are in neurons-window-files.c, the data folder's in -dataset.c,
   * draw mode's in -draw.c. */

  gtk_widget_class_install_action (widget_class, "win.race", NULL, neurons_window_actions_race);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.race", NULL);

  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, neurons_window_actions_preferences);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);

  /* Enter on a pinned neuron in the network view opens it too (neurons-neuron-view.c) */
  gtk_widget_class_install_action (widget_class, "win.inspect-neuron", NULL, neurons_window_actions_inspect_neuron);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, 0, "win.inspect-neuron", NULL);

  gtk_widget_class_install_property_action (widget_class, "win.hidden-activation", "hidden-activation");
  gtk_widget_class_install_property_action (widget_class, "win.initialization", "initialization");
  gtk_widget_class_install_property_action (widget_class, "win.speed", "speed");
}

/* Training needs the data, and a network that diverged must be reset before it trains again. */
static void
update_actions (NeuronsWindow *self)
{
  gboolean can_train = neurons_experiment_get_state (self->experiment) == NEURONS_EXPERIMENT_READY
                      && !neurons_network_model_get_diverged (_neurons_window_get_net (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play-pause", can_train);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step", can_train);
  _neurons_window_draw_update_actions (self);
}

void
_neurons_window_actions_init (NeuronsWindow *self)
{
  NeuronsNetworkModel *net = _neurons_window_get_net (self);
  GtkEventController *controller;

  /* GtkWindow binds Space to activating the focused widget and the arrow keys to moving the
   * focus, and a parent class's bindings come before ours. So Space and → are caught on their
   * way up from the focused widget, just below the window: whatever uses them itself (a
   * button, a text field, the network view) keeps them, and everything else lets them by. */
  controller = gtk_shortcut_controller_new ();
  add_content_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_space, "win.play-pause");
  add_content_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Right, "win.step");
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), controller);

  /* Connected before the other parts of the window follow the state, so that Play is
   * enabled by the time they give it the focus. */
  g_signal_connect_object (self->experiment, "notify::state",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (net, "reset", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (net, "diverged", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

