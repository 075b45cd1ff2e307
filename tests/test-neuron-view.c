/* test-neuron-view.c: pointing at, pinning and walking neurons, in the base and both views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "neurons-network-view.h"
#include "neurons-neuron-view.h"
#include "neurons-weight-tiles.h"
#include "render-helper.h"

/*
 * The views are driven as a person drives them: the pointer through the view's own motion
 * and click controllers, the keys through the bindings its class installed, found by their
 * key in its shortcut controller and activated with their arguments, and the focus through
 * its focus controller. A tiny view in the test, two rows of square cells, checks the base's
 * rules; the network view and the weight tiles check their own walks.
 */

#define CELL 10.0

#define TEST_TYPE_ROW_VIEW (test_row_view_get_type ())

G_DECLARE_FINAL_TYPE (TestRowView, test_row_view, TEST, ROW_VIEW, NeuronsNeuronView)

struct _TestRowView
{
  NeuronsNeuronView parent_instance;

  guint             n_net_changed;
};

G_DEFINE_FINAL_TYPE (TestRowView, test_row_view, NEURONS_TYPE_NEURON_VIEW)

/* The first hidden layer in the top row of cells, the second below it. */
static gboolean
test_row_view_neuron_at (NeuronsNeuronView     *view,
                         double                 x,
                         double                 y,
                         NeuronsHighlightLayer *layer,
                         int                   *neuron)
{
  int column = floor (x / CELL);
  int row = floor (y / CELL);

  if (column < 0 || column >= NEURONS_HIDDEN1_SIZE || row < 0 || row > 1)
    return FALSE;

  *layer = row == 0 ? NEURONS_HIGHLIGHT_HIDDEN1 : NEURONS_HIGHLIGHT_HIDDEN2;
  *neuron = column;

  return TRUE;
}

/* Left and right along a row, round from one end to the other; up and down between rows. */
static void
test_row_view_move (NeuronsNeuronView     *view,
                    int                    dx,
                    int                    dy,
                    NeuronsHighlightLayer *layer,
                    int                   *neuron)
{
  *neuron = (*neuron + dx + NEURONS_HIDDEN1_SIZE) % NEURONS_HIDDEN1_SIZE;
  if (dy != 0)
    *layer = dy < 0 ? NEURONS_HIGHLIGHT_HIDDEN1 : NEURONS_HIGHLIGHT_HIDDEN2;
}

static void
test_row_view_net_changed (NeuronsNeuronView *view)
{
  TEST_ROW_VIEW (view)->n_net_changed++;
}

static char *
test_row_view_describe (NeuronsNeuronView *view)
{
  NeuronsHighlight *highlight = neurons_neuron_view_get_highlight (view);

  return g_strdup_printf ("layer %d, neuron %d", neurons_highlight_get_layer (highlight),
                          neurons_highlight_get_neuron (highlight));
}

static void
test_row_view_class_init (TestRowViewClass *klass)
{
  NeuronsNeuronViewClass *view_class = NEURONS_NEURON_VIEW_CLASS (klass);

  view_class->neuron_at = test_row_view_neuron_at;
  view_class->move = test_row_view_move;
  view_class->net_changed = test_row_view_net_changed;
  view_class->describe = test_row_view_describe;
}

static void
test_row_view_init (TestRowView *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), NEURONS_HIDDEN1_SIZE * CELL, 4 * CELL);
}

/* The widget's own controller of the type; the widget keeps it. */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      GtkEventController *controller = g_list_model_get_item (controllers, i);

      g_object_unref (controller);
      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  g_error ("No %s on the widget", g_type_name (type));
}

/* The binding of the class for keyval without modifiers, run as a key press would run it.
 * Returns whether it handled the key (an unhandled one goes on to the window). */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_error ("No binding for %s", gdk_keyval_name (keyval));
}

static void
point_at (GtkWidget *widget,
          double     x,
          double     y)
{
  g_signal_emit_by_name (find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_MOTION), "motion", x, y);
}

static void
leave (GtkWidget *widget)
{
  g_signal_emit_by_name (find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_MOTION), "leave");
}

static void
click (GtkWidget *widget,
       double     x,
       double     y)
{
  g_signal_emit_by_name (find_controller (widget, GTK_TYPE_GESTURE_CLICK), "pressed", 1, x, y);
}

/* Shows the view in a window with nothing highlighted and the focus nowhere, whatever the
 * window's first focus did. */
static GtkWidget *
show_view (GtkWidget *view)
{
  GtkWidget *window = neurons_test_show_in_window (view, 480, 520);

  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gtk_window_set_focus_visible (GTK_WINDOW (window), FALSE);
  neurons_highlight_unpin (neurons_neuron_view_get_highlight (NEURONS_NEURON_VIEW (view)));

  return window;
}

static NeuronsHighlight *
highlight_of (GtkWidget *widget)
{
  return neurons_neuron_view_get_highlight (NEURONS_NEURON_VIEW (widget));
}

static void
assert_highlighted (GtkWidget             *widget,
                    NeuronsHighlightLayer  layer,
                    int                    neuron,
                    gboolean               pinned)
{
  NeuronsHighlight *highlight = highlight_of (widget);

  g_assert_cmpint (neurons_highlight_get_layer (highlight), ==, layer);
  g_assert_cmpint (neurons_highlight_get_neuron (highlight), ==, neuron);
  g_assert_cmpint (neurons_highlight_get_pinned (highlight), ==, pinned);
}

/* The arrow keys start at the first neuron and then follow the view's walk; the keys to pin
 * and let go act on the neuron walked to. */
static void
test_keyboard_walk (void)
{
  GtkWidget *view = g_object_new (TEST_TYPE_ROW_VIEW, NULL);
  GtkWidget *window = show_view (view);

  g_assert_true (gtk_widget_get_focusable (view));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_GROUP);

  /* nothing to pin or let go of: the keys go on to the window */
  g_assert_false (press_key (view, GDK_KEY_Return));
  g_assert_false (press_key (view, GDK_KEY_Escape));

  g_assert_true (press_key (view, GDK_KEY_Right));
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, FALSE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "layer 0, neuron 0");

  g_assert_true (press_key (view, GDK_KEY_Right));
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 1, FALSE);
  press_key (view, GDK_KEY_Left);
  press_key (view, GDK_KEY_KP_Left);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, NEURONS_HIDDEN1_SIZE - 1, FALSE);
  press_key (view, GDK_KEY_Down);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN2, NEURONS_HIDDEN1_SIZE - 1, FALSE);
  press_key (view, GDK_KEY_KP_Right);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN2, 0, FALSE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "layer 1, neuron 0");

  /* pinned, walked on pinned, toggled off, pinned again and let go */
  g_assert_true (press_key (view, GDK_KEY_Return));
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN2, 0, TRUE);
  press_key (view, GDK_KEY_KP_Up);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, TRUE);
  g_assert_true (press_key (view, GDK_KEY_space));
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, FALSE);
  g_assert_true (press_key (view, GDK_KEY_KP_Enter));
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, TRUE);
  g_assert_true (press_key (view, GDK_KEY_Escape));
  assert_highlighted (view, NEURONS_HIGHLIGHT_NONE, -1, FALSE);
  g_assert_false (press_key (view, GDK_KEY_Escape));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_activation (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* Return on the pinned neuron asks the window for a closer look (win.inspect-neuron) and
 * keeps it pinned; where no window offers that, it lets the neuron go as before. */
static void
test_enter_inspects (void)
{
  GtkWidget *view = g_object_new (TEST_TYPE_ROW_VIEW, NULL);
  GtkWidget *window = show_view (view);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) inspect = g_simple_action_new ("inspect-neuron", NULL);
  guint inspected = 0;

  /* no window action: Return pins, then lets go */
  press_key (view, GDK_KEY_Right);
  g_assert_true (press_key (view, GDK_KEY_Return));
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, TRUE);
  g_assert_true (press_key (view, GDK_KEY_Return));
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, FALSE);

  g_signal_connect (inspect, "activate", G_CALLBACK (count_activation), &inspected);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (inspect));
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (group));

  /* the first Return pins, the second inspects the pinned neuron, Space still lets go */
  g_assert_true (press_key (view, GDK_KEY_Return));
  g_assert_cmpuint (inspected, ==, 0);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, TRUE);
  g_assert_true (press_key (view, GDK_KEY_KP_Enter));
  g_assert_cmpuint (inspected, ==, 1);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, TRUE);
  press_key (view, GDK_KEY_Right);
  g_assert_true (press_key (view, GDK_KEY_Return));
  g_assert_cmpuint (inspected, ==, 2);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 1, TRUE);
  g_assert_true (press_key (view, GDK_KEY_space));
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 1, FALSE);
  g_assert_cmpuint (inspected, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A highlight the pointer made goes when the pointer leaves the neurons; one made from the
 * keyboard stays, though GTK reports motion when a view changes under a resting pointer. */
static void
test_pointer (void)
{
  GtkWidget *view = g_object_new (TEST_TYPE_ROW_VIEW, NULL);
  GtkWidget *window = show_view (view);

  point_at (view, 2.5 * CELL, 0.5 * CELL);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 2, FALSE);
  point_at (view, 4.5 * CELL, 1.5 * CELL);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN2, 4, FALSE);
  leave (view);
  assert_highlighted (view, NEURONS_HIGHLIGHT_NONE, -1, FALSE);

  point_at (view, 0.5 * CELL, 0.5 * CELL);
  point_at (view, 0.5 * CELL, 3.5 * CELL);
  assert_highlighted (view, NEURONS_HIGHLIGHT_NONE, -1, FALSE);

  /* from the keyboard: the pointer resting beside the neurons, then leaving, changes nothing */
  press_key (view, GDK_KEY_Down);
  press_key (view, GDK_KEY_Right);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 1, FALSE);
  point_at (view, 0.5 * CELL, 3.5 * CELL);
  leave (view);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 1, FALSE);

  /* the pointer takes it over by hovering a neuron, and then it is the pointer's to drop */
  point_at (view, 5.5 * CELL, 0.5 * CELL);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 5, FALSE);
  leave (view);
  assert_highlighted (view, NEURONS_HIGHLIGHT_NONE, -1, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A click pins the neuron under the pointer and takes the focus; a second click on it lets it
 * go, and so does a click beside the neurons. */
static void
test_pinning (void)
{
  GtkWidget *view = g_object_new (TEST_TYPE_ROW_VIEW, NULL);
  GtkWidget *window = show_view (view);

  g_assert_false (gtk_widget_is_focus (view));
  point_at (view, 3.5 * CELL, 0.5 * CELL);
  click (view, 3.5 * CELL, 0.5 * CELL);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 3, TRUE);
  g_assert_true (gtk_widget_is_focus (view));

  /* pinned: the pointer wanders and leaves */
  point_at (view, 7.5 * CELL, 1.5 * CELL);
  leave (view);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 3, TRUE);

  /* back on it, a click unpins it, and the pointer still shows it until it goes */
  point_at (view, 3.5 * CELL, 0.5 * CELL);
  click (view, 3.5 * CELL, 0.5 * CELL);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 3, FALSE);
  leave (view);
  assert_highlighted (view, NEURONS_HIGHLIGHT_NONE, -1, FALSE);

  /* a click on another neuron pins that one; a click beside the neurons lets go */
  click (view, 1.5 * CELL, 1.5 * CELL);
  click (view, 9.5 * CELL, 0.5 * CELL);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 9, TRUE);
  click (view, 9.5 * CELL, 3.5 * CELL);
  assert_highlighted (view, NEURONS_HIGHLIGHT_NONE, -1, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
focus_enter (GtkWidget *widget)
{
  g_signal_emit_by_name (find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_FOCUS), "enter");
}

static void
focus_leave (GtkWidget *widget)
{
  g_signal_emit_by_name (find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_FOCUS), "leave");
}

/* Focus arriving from the keyboard shows the first neuron; the focus leaving drops what is
 * not pinned. */
static void
test_focus (void)
{
  GtkWidget *view = g_object_new (TEST_TYPE_ROW_VIEW, NULL);
  GtkWidget *window = show_view (view);

  /* the window's first focus, or a click, selects nothing by itself */
  gtk_window_set_focus_visible (GTK_WINDOW (window), FALSE);
  focus_enter (view);
  assert_highlighted (view, NEURONS_HIGHLIGHT_NONE, -1, FALSE);

  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  focus_enter (view);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, FALSE);
  focus_leave (view);
  assert_highlighted (view, NEURONS_HIGHLIGHT_NONE, -1, FALSE);

  /* a highlight already there stays where it is, and a pinned one stays when the focus goes */
  press_key (view, GDK_KEY_Down);
  press_key (view, GDK_KEY_Down);
  press_key (view, GDK_KEY_Return);
  focus_enter (view);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN2, 0, TRUE);
  focus_leave (view);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN2, 0, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The net and the highlight are notified when they change only; a view given a highlight
 * follows it, and leaves the one it had. */
static void
test_properties (void)
{
  GtkWidget *view = g_object_ref_sink (g_object_new (TEST_TYPE_ROW_VIEW, NULL));
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 1);
  g_autoptr(NeuronsHighlight) shared = neurons_highlight_new ();
  guint n_net = 0, n_highlight = 0;

  g_signal_connect (view, "notify::net", G_CALLBACK (count_notify), &n_net);
  g_signal_connect (view, "notify::highlight", G_CALLBACK (count_notify), &n_highlight);

  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (view), net);
  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (view), net);
  g_assert_cmpuint (n_net, ==, 1);
  g_assert_true (neurons_neuron_view_get_net (NEURONS_NEURON_VIEW (view)) == net);
  g_assert_cmpuint (TEST_ROW_VIEW (view)->n_net_changed, ==, 1);

  /* the net's changes reach the view; the old net's, once replaced, no longer */
  g_signal_emit_by_name (net, "changed");
  g_assert_cmpuint (TEST_ROW_VIEW (view)->n_net_changed, ==, 2);
  g_object_set (view, "net", NULL, NULL);
  g_signal_emit_by_name (net, "changed");
  g_assert_cmpuint (TEST_ROW_VIEW (view)->n_net_changed, ==, 3);
  g_assert_cmpuint (n_net, ==, 2);

  g_object_set (view, "highlight", shared, NULL);
  neurons_neuron_view_set_highlight (NEURONS_NEURON_VIEW (view), shared);
  g_assert_cmpuint (n_highlight, ==, 1);
  g_assert_true (highlight_of (view) == shared);

  neurons_highlight_select (shared, NEURONS_HIGHLIGHT_HIDDEN2, 6);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "layer 1, neuron 6");

  /* disposed while something still holds it, the view no longer follows what it shared */
  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (view), net);
  g_object_run_dispose (G_OBJECT (view));
  neurons_highlight_select (shared, NEURONS_HIGHLIGHT_HIDDEN1, 2);
  g_signal_emit_by_name (net, "changed");
  g_assert_cmpuint (TEST_ROW_VIEW (view)->n_net_changed, ==, 4);

  g_object_unref (view);
}

/* The network view walks a hidden layer up and down, to its ends and no further, and goes
 * across between the two layers. */
static void
test_network_view_walk (void)
{
  GtkWidget *view = neurons_network_view_new ();
  GtkWidget *window = show_view (view);

  g_assert_false (press_key (view, GDK_KEY_Return));
  press_key (view, GDK_KEY_Down);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, FALSE);
  press_key (view, GDK_KEY_Up);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, FALSE);

  for (guint i = 0; i < NEURONS_HIDDEN1_SIZE + 3; i++)
    press_key (view, GDK_KEY_Down);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, NEURONS_HIDDEN1_SIZE - 1, FALSE);

  press_key (view, GDK_KEY_Right);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN2, NEURONS_HIDDEN2_SIZE - 1, FALSE);
  press_key (view, GDK_KEY_Right);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN2, NEURONS_HIDDEN2_SIZE - 1, FALSE);
  press_key (view, GDK_KEY_Up);
  press_key (view, GDK_KEY_Left);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, NEURONS_HIDDEN1_SIZE - 2, FALSE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No network. First-layer neuron 15 selected.");

  /* without a net, nothing is drawn, and the pointer finds nothing to point at */
  leave (view);
  focus_leave (view);
  point_at (view, 450, 300);
  assert_highlighted (view, NEURONS_HIGHLIGHT_NONE, -1, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The tiles walk the first layer in rows of four, to the edges and no further; a second-layer
 * neuron, highlighted in another view, is not theirs to pin, and the walk starts over. */
static void
test_weight_tiles_walk (void)
{
  GtkWidget *tiles = neurons_weight_tiles_new ();
  GtkWidget *window = show_view (tiles);
  g_autoptr(NeuronsHighlight) shared = neurons_highlight_new ();
  GtkWidget *view = g_object_ref_sink (neurons_network_view_new ());

  press_key (tiles, GDK_KEY_Left);
  assert_highlighted (tiles, NEURONS_HIGHLIGHT_HIDDEN1, 0, FALSE);
  press_key (tiles, GDK_KEY_Left);
  press_key (tiles, GDK_KEY_Up);
  assert_highlighted (tiles, NEURONS_HIGHLIGHT_HIDDEN1, 0, FALSE);

  for (guint i = 0; i < 6; i++)
    press_key (tiles, GDK_KEY_Right);
  assert_highlighted (tiles, NEURONS_HIGHLIGHT_HIDDEN1, 3, FALSE);
  for (guint i = 0; i < 6; i++)
    press_key (tiles, GDK_KEY_KP_Down);
  assert_highlighted (tiles, NEURONS_HIGHLIGHT_HIDDEN1, NEURONS_HIDDEN1_SIZE - 1, FALSE);
  press_key (tiles, GDK_KEY_Left);
  press_key (tiles, GDK_KEY_Up);
  assert_highlighted (tiles, NEURONS_HIGHLIGHT_HIDDEN1, NEURONS_HIDDEN1_SIZE - 6, FALSE);

  /* shared with the network view, in which a second-layer neuron is chosen */
  neurons_neuron_view_set_highlight (NEURONS_NEURON_VIEW (tiles), shared);
  neurons_neuron_view_set_highlight (NEURONS_NEURON_VIEW (view), shared);
  press_key (view, GDK_KEY_Right);
  press_key (view, GDK_KEY_Right);
  assert_highlighted (tiles, NEURONS_HIGHLIGHT_HIDDEN2, 0, FALSE);
  g_assert_false (press_key (tiles, GDK_KEY_Return));
  g_assert_true (press_key (view, GDK_KEY_Return));
  assert_highlighted (tiles, NEURONS_HIGHLIGHT_HIDDEN2, 0, TRUE);
  press_key (tiles, GDK_KEY_Right);
  assert_highlighted (view, NEURONS_HIGHLIGHT_HIDDEN1, 0, TRUE);
  g_assert_true (press_key (tiles, GDK_KEY_Escape));
  assert_highlighted (view, NEURONS_HIGHLIGHT_NONE, -1, FALSE);

  g_object_unref (view);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* S silences the chosen neuron in the net the view shows, and brings it back; the views say
 * so, and the weights stay as they were. */
static void
test_silence_key (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  g_autoptr(NeuronsMlp) weights = neurons_mlp_copy (neurons_network_model_get_mlp (net));
  g_autoptr(NeuronsHighlight) shared = neurons_highlight_new ();
  GtkWidget *view = neurons_network_view_new ();
  GtkWidget *tiles = g_object_ref_sink (neurons_weight_tiles_new ());
  GtkWidget *window = show_view (view);
  g_autofree char *description = NULL;

  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (view), net);
  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (tiles), net);
  neurons_neuron_view_set_highlight (NEURONS_NEURON_VIEW (view), shared);
  neurons_neuron_view_set_highlight (NEURONS_NEURON_VIEW (tiles), shared);

  /* nothing chosen: S goes on to the window */
  g_assert_false (press_key (view, GDK_KEY_s));
  g_assert_true (neurons_lesion_is_empty (neurons_network_model_get_lesion (net)));

  for (guint i = 0; i < 3; i++)
    press_key (view, GDK_KEY_Down);
  g_assert_true (press_key (view, GDK_KEY_s));
  g_assert_true (neurons_network_model_is_silenced (net, 0, 2));
  g_assert_cmpuint (neurons_lesion_count (neurons_network_model_get_lesion (net)), ==, 1);
  g_assert_cmpfloat (neurons_network_model_get_forward (net)->a1[2], ==, 0);
  description = g_strdup_printf ("Prediction: %s, true label unknown. First-layer neuron 3 selected, silenced.",
                                 neurons_network_model_get_class_name (net, neurons_network_model_get_forward (net)->prediction));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tiles), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "16 first-layer neurons, 0 dead, 1 silenced. Neuron 3 selected, silenced.");

  /* a second-layer neuron too, then both back */
  press_key (view, GDK_KEY_Right);
  g_assert_true (press_key (view, GDK_KEY_s));
  g_assert_cmpuint (neurons_lesion_count (neurons_network_model_get_lesion (net)), ==, 2);
  press_key (view, GDK_KEY_s);
  press_key (view, GDK_KEY_Left);
  press_key (view, GDK_KEY_s);
  g_assert_true (neurons_lesion_is_empty (neurons_network_model_get_lesion (net)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tiles), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "16 first-layer neurons, 0 dead. Neuron 3 selected.");
  g_assert_cmpmem (weights, sizeof *weights, neurons_network_model_get_mlp (net), sizeof *weights);

  g_object_unref (tiles);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  neurons_test_init_display (&argc, &argv);

  g_test_add_func ("/widgets/neuron-view/keyboard-walk", test_keyboard_walk);
  g_test_add_func ("/widgets/neuron-view/enter-inspects", test_enter_inspects);
  g_test_add_func ("/widgets/neuron-view/pointer", test_pointer);
  g_test_add_func ("/widgets/neuron-view/pinning", test_pinning);
  g_test_add_func ("/widgets/neuron-view/focus", test_focus);
  g_test_add_func ("/widgets/neuron-view/properties", test_properties);
  g_test_add_func ("/widgets/neuron-view/network-view-walk", test_network_view_walk);
  g_test_add_func ("/widgets/neuron-view/weight-tiles-walk", test_weight_tiles_walk);
  g_test_add_func ("/widgets/neuron-view/silence-key", test_silence_key);

  return g_test_run ();
}
