/* neurons-window-draw.c: draw mode, where people draw a digit and watch the network read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window-draw"

#include "config.h"

#include <math.h>

#include "neurons-window-private.h"

/*
 * Draw mode puts a canvas beside the network on the Network page (above it on a phone), in
 * place of the controls; the lessons make way for it where they would cover it. The canvas shows the network what
 * it holds (neurons_neural_net_show_input()), so the outputs, the prediction, the tile glows
 * and the hover contributions all follow the pen. Training pauses meanwhile. Leaving draw
 * mode puts back the input that was on show and resumes training if it was running; so does
 * switching to another page. Training from the window (Play, Step) ends draw mode first,
 * since a training sample would replace the drawing.
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
  const NeuronsForward *forward = neurons_neural_net_get_forward (self->net);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  /* The network keeps its input as pixel ÷ 255, which gives the pixels back exactly. */
  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    self->draw_saved_pixels[i] = (guint8) lrintf (forward->input[i] * 255.0f);
  self->draw_saved_label = neurons_neural_net_get_input_label (self->net);
  self->draw_saved_index = neurons_neural_net_get_input_index (self->net);

  self->draw_resumes_training = neurons_trainer_get_running (self->trainer);
  neurons_trainer_pause (self->trainer);

  adw_view_stack_set_visible_child_name (self->view_stack, "network");
  adw_overlay_split_view_set_show_sidebar (self->controls_split, FALSE);
  /* Once mapped, the canvas shows the network what it holds. */
  gtk_widget_set_visible (self->draw_pane, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->draw_canvas));

  if (frame_clock != NULL)
    g_signal_connect_object (frame_clock, "layout",
                             G_CALLBACK (on_draw_mode_layout), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
leave_draw_mode (NeuronsWindow *self,
                 gboolean       resume_training)
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

  neurons_neural_net_show_input (self->net, self->draw_saved_pixels,
                                 self->draw_saved_label, self->draw_saved_index);
  if (resume_training && self->draw_resumes_training)
    neurons_trainer_play (self->trainer);

  /* Not back onto the Draw button: there Space would draw again instead of training. */
  if (canvas_focused)
    gtk_widget_grab_focus (GTK_WIDGET (self->play_button));
}

static void
set_draw_mode (NeuronsWindow *self,
               gboolean       draw_mode,
               gboolean       resume_training)
{
  if (self->draw_mode == draw_mode)
    return;

  self->draw_mode = draw_mode;
  if (draw_mode)
    enter_draw_mode (self);
  else
    leave_draw_mode (self, resume_training);

  g_simple_action_set_state (self->draw_mode_action, g_variant_new_boolean (draw_mode));
  _neurons_window_draw_update_actions (self);
}

/**
 * _neurons_window_end_draw_mode:
 * @self: a window
 * @resume_training: whether training that ran before draw mode starts again
 *
 * Leaves draw mode, if the window is in it, and puts back the input that was on show.
 *
 * Returns: whether the window was in draw mode
 */
gboolean
_neurons_window_end_draw_mode (NeuronsWindow *self,
                               gboolean       resume_training)
{
  if (!self->draw_mode)
    return FALSE;

  set_draw_mode (self, FALSE, resume_training);
  return TRUE;
}

static void
on_draw_mode_change_state (NeuronsWindow *self,
                           GVariant      *state,
                           GSimpleAction *action)
{
  set_draw_mode (self, g_variant_get_boolean (state), TRUE);
}

static void
on_visible_page (NeuronsWindow *self,
                 GParamSpec    *pspec,
                 AdwViewStack  *view_stack)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (view_stack), "network") != 0)
    _neurons_window_end_draw_mode (self, TRUE);
}

/* Other digits are being loaded: the network will show one of them, not the drawing. */
static void
on_data_page (NeuronsWindow *self,
              GParamSpec    *pspec,
              GtkStack      *data_stack)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (data_stack), "network") != 0)
    _neurons_window_end_draw_mode (self, FALSE);
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

  neurons_draw_canvas_set_net (self->draw_canvas, self->net);
  neurons_seen_preview_set_net (self->seen_preview, self->net);
  g_signal_connect_object (self->draw_canvas, "notify::empty",
                           G_CALLBACK (_neurons_window_draw_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->data_stack, "notify::visible-child-name",
                           G_CALLBACK (on_data_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lessons_split, "notify::collapsed",
                           G_CALLBACK (make_way_for_canvas), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->controls_split, "notify::collapsed",
                           G_CALLBACK (make_way_for_canvas), self, G_CONNECT_SWAPPED);
}

/* Draw mode waits for the digits: until then the Network page is not on screen, and there is
 * no trainer to pause. */
void
_neurons_window_draw_update_actions (NeuronsWindow *self)
{
  gboolean has_contents = self->draw_mode && !neurons_draw_canvas_get_empty (self->draw_canvas);

  g_simple_action_set_enabled (self->draw_mode_action, self->trainer != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-drawing", has_contents);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-stroke", has_contents);
}
