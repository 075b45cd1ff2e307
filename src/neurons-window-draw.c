/* neurons-window-draw.c: draw mode, where people draw a digit and watch the network read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window-draw"

#include "config.h"

#include "neurons-window-private.h"

/*
 * Draw mode puts a canvas beside the network on the Network page (above it on a phone), in
 * place of the controls; the lessons make way for it where they would cover it. What the
 * canvas reads goes to the experiment (neurons_experiment_show_drawing()), so the outputs,
 * the prediction, the tile glows and the hover contributions all follow the pen; the
 * experiment pauses training meanwhile. Draw mode is on while the experiment shows the
 * drawing (#NeuronsExperiment:input-source). Leaving it puts back the training sample and
 * resumes training if it was running; so does switching to another page. Whatever takes the
 * experiment back to its training stream (Play, Step, a network opened, other data) or to a
 * test image ends draw mode too.
 */

/* Where the window is too narrow for the lessons beside the canvas, they overlay it: then
 * they close until draw mode ends. The controls make way wherever they are, beside the
 * network or over it; a window that widens would bring them back beside it. */
static void
make_way_for_canvas (NeuronsWindow *self)
{
  if (!self->draw_mode)
    return;

  adw_overlay_split_view_set_show_sidebar (self->controls_split, FALSE);
  if (adw_overlay_split_view_get_collapsed (self->lessons_split)
      && adw_overlay_split_view_get_show_sidebar (self->lessons_split))
    {
      self->draw_closed_lessons = TRUE;
      adw_overlay_split_view_set_show_sidebar (self->lessons_split, FALSE);
    }
}

/* Lessons that collapse as the canvas appears say so (notify::collapsed); lessons collapsed
 * already stay so, which shows once the window has laid out draw mode. */
static void
on_draw_mode_layout (NeuronsWindow *self,
                     GdkFrameClock *frame_clock)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_draw_mode_layout, self);
  make_way_for_canvas (self);
}

static void
enter_draw_mode (NeuronsWindow *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "network");
  adw_overlay_split_view_set_show_sidebar (self->controls_split, FALSE);
  /* Once mapped, the canvas hands on what it holds again. */
  gtk_widget_set_visible (self->draw_pane, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->draw_canvas));

  if (frame_clock != NULL)
    g_signal_connect_object (frame_clock, "layout",
                             G_CALLBACK (on_draw_mode_layout), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
leave_draw_mode (NeuronsWindow *self)
{
  gboolean canvas_focused = gtk_widget_has_focus (GTK_WIDGET (self->draw_canvas));

  gtk_widget_set_visible (self->draw_pane, FALSE);
  /* The controls come back beside the network; over it, they wait to be asked for. */
  adw_overlay_split_view_set_show_sidebar (self->controls_split,
                                           !adw_overlay_split_view_get_collapsed (self->controls_split));
  if (self->draw_closed_lessons)
    {
      self->draw_closed_lessons = FALSE;
      adw_overlay_split_view_set_show_sidebar (self->lessons_split, TRUE);
    }

  /* Not back onto the Draw button: there Space would draw again instead of training. */
  if (canvas_focused)
    gtk_widget_grab_focus (GTK_WIDGET (self->play_button));
}

/* Draw mode follows what the experiment shows. */
static void
on_input_source (NeuronsWindow     *self,
                 GParamSpec        *pspec,
                 NeuronsExperiment *experiment)
{
  gboolean draw_mode = neurons_experiment_get_input_source (experiment) == NEURONS_INPUT_SOURCE_DRAWING;

  if (self->draw_mode == draw_mode)
    return;

  self->draw_mode = draw_mode;
  if (draw_mode)
    enter_draw_mode (self);
  else
    leave_draw_mode (self);

  g_simple_action_set_state (self->draw_mode_action, g_variant_new_boolean (draw_mode));
  _neurons_window_draw_update_actions (self);
}

/* The drawing goes to the network while the canvas is on show; pen strokes pause training. */
static void
on_canvas_input (NeuronsWindow     *self,
                 GBytes            *pixels,
                 NeuronsDrawCanvas *canvas)
{
  if (gtk_widget_get_visible (self->draw_pane))
    neurons_experiment_show_drawing (self->experiment, g_bytes_get_data (pixels, NULL));
}

static void
on_draw_mode_change_state (NeuronsWindow *self,
                           GVariant      *state,
                           GSimpleAction *action)
{
  guint8 pixels[NEURONS_INPUT_SIZE];

  if (!g_variant_get_boolean (state))
    {
      neurons_experiment_resume_training_stream (self->experiment, TRUE);
      return;
    }

  if (self->draw_mode)
    return;

  /* What the canvas read last; once mapped, it reads it again. */
  neurons_draw_canvas_get_input (self->draw_canvas, pixels);
  neurons_experiment_show_drawing (self->experiment, pixels);
}

/* Another page: back to the training samples, and to training if it ran before the drawing. */
static void
on_visible_page (NeuronsWindow *self,
                 GParamSpec    *pspec,
                 AdwViewStack  *view_stack)
{
  if (self->draw_mode && g_strcmp0 (adw_view_stack_get_visible_child_name (view_stack), "network") != 0)
    neurons_experiment_resume_training_stream (self->experiment, TRUE);
}

static void
on_draw_canvas_error (NeuronsWindow     *self,
                      const char        *message,
                      NeuronsDrawCanvas *canvas)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
neurons_window_draw_clear (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  neurons_draw_canvas_clear (NEURONS_WINDOW (widget)->draw_canvas);
}

static void
neurons_window_draw_undo (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  neurons_draw_canvas_undo (NEURONS_WINDOW (widget)->draw_canvas);
}

void
_neurons_window_class_draw_init (NeuronsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (NEURONS_TYPE_DRAW_CANVAS);
  g_type_ensure (NEURONS_TYPE_SEEN_PREVIEW);

  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, draw_pane);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, draw_canvas);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, seen_preview);
  gtk_widget_class_bind_template_callback (widget_class, on_draw_canvas_error);

  /* "win.draw-mode" itself is stateful, so it lives in the window's action map. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, 0, "win.draw-mode", NULL);

  /* The canvas binds the same keys to its own actions; these work wherever the focus is. */
  gtk_widget_class_install_action (widget_class, "win.clear-drawing", NULL, neurons_window_draw_clear);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, 0, "win.clear-drawing", NULL);
  gtk_widget_class_install_action (widget_class, "win.undo-stroke", NULL, neurons_window_draw_undo);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo-stroke", NULL);
}

void
_neurons_window_draw_init (NeuronsWindow *self)
{
  self->draw_mode_action = g_simple_action_new_stateful ("draw-mode", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect_object (self->draw_mode_action, "change-state",
                           G_CALLBACK (on_draw_mode_change_state), self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->draw_mode_action));
  g_object_unref (self->draw_mode_action);

  g_object_bind_property (self->experiment, "net", self->draw_canvas, "net", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->experiment, "net", self->seen_preview, "net", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->draw_canvas, "input-changed",
                           G_CALLBACK (on_canvas_input), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->experiment, "notify::input-source",
                           G_CALLBACK (on_input_source), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draw_canvas, "notify::empty",
                           G_CALLBACK (_neurons_window_draw_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lessons_split, "notify::collapsed",
                           G_CALLBACK (make_way_for_canvas), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->controls_split, "notify::collapsed",
                           G_CALLBACK (make_way_for_canvas), self, G_CONNECT_SWAPPED);
}

/* Draw mode waits for the data: until then the Network page is not on screen. */
void
_neurons_window_draw_update_actions (NeuronsWindow *self)
{
  gboolean has_contents = self->draw_mode && !neurons_draw_canvas_get_empty (self->draw_canvas);

  g_simple_action_set_enabled (self->draw_mode_action,
                               neurons_experiment_get_state (self->experiment) == NEURONS_EXPERIMENT_READY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-drawing", has_contents);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-stroke", has_contents);
}
