/* neurons-draw-canvas.c: where a person draws a digit for the network to read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-draw-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "neurons-colors.h"
#include "neurons-draw-canvas.h"
#include "neurons-preprocess.h"

/*
 * The canvas is the largest square that fits the widget, centred; NeuronsDrawing's canvas
 * units map onto it, and points outside it are held to its edge. Put the widget in a
 * GtkAspectFrame to make all of it the square.
 *
 * Strokes come from a mouse or a finger (GtkGestureDrag, at the default pressure), from a
 * stylus with its pressure (GtkGestureStylus), or from the keyboard: the arrow keys move a
 * pen, Home, End, Page Up and Page Down move it diagonally, Space puts it down and lifts it.
 * A picture can be dropped or pasted instead; it is read the way a photo is
 * (neurons_preprocess_file()) and shown until the next stroke begins.
 *
 * At most once a frame the drawing is preprocessed and handed on with ::input-changed, for
 * the window to show the network (neurons_experiment_show_drawing()), so every view of the
 * network follows the pen. An empty canvas hands on a blank input. The canvas does the same
 * when it is mapped, so that while it is on screen the network can show what it holds. The
 * canvas only reads the "net", to tell a screen reader what it makes of the drawing: a view
 * never writes into the model.
 */

/* How far one press of an arrow key moves the keyboard pen, in canvas units. */
#define KEYBOARD_STEP 0.025
/* Pictures are decoded for showing at most this many pixels across. */
#define PICTURE_SIDE 1024

struct _NeuronsDrawCanvas
{
  GtkWidget         parent_instance;

  NeuronsNetworkModel *net;
  NeuronsDrawing   *drawing;

  /* A dropped or pasted picture, on show instead of strokes, and what it reads as. */
  GdkTexture       *picture;
  guint8            picture_input[NEURONS_INPUT_SIZE];
  GCancellable     *loading;

  /* What the network was last shown; all zero when has_input is FALSE. */
  guint8            input[NEURONS_INPUT_SIZE];
  gboolean          has_input;
  guint             update_tick;
  gboolean          empty;

  double            drag_start_x;
  double            drag_start_y;
  gboolean          stylus_down;

  /* The keyboard pen, in canvas units. */
  double            pen_x;
  double            pen_y;
  gboolean          pen_down;
  gboolean          keyboard_pen_shown;
};

G_DEFINE_FINAL_TYPE (NeuronsDrawCanvas, neurons_draw_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NET,
  PROP_DRAWING,
  PROP_EMPTY,
  N_PROPS
};

enum {
  ERROR,
  INPUT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The canvas in widget coordinates. */
static gboolean
get_square (NeuronsDrawCanvas *self,
            graphene_rect_t   *square)
{
  float width = gtk_widget_get_width (GTK_WIDGET (self));
  float height = gtk_widget_get_height (GTK_WIDGET (self));
  float side = MIN (width, height);

  graphene_rect_init (square, (width - side) / 2, (height - side) / 2, side, side);

  return side > 0;
}

/* Whether the network's input on show is the canvas's, rather than a training sample. */
static gboolean
net_shows_input (NeuronsDrawCanvas *self)
{
  if (neurons_network_model_get_input_label (self->net) != -1
      || neurons_network_model_get_input_index (self->net) != -1)
    return FALSE;

  return memcmp (neurons_network_model_get_input_pixels (self->net), self->input, sizeof self->input) == 0;
}

/* Tells a screen reader what the network makes of the canvas. */
static void
update_description (NeuronsDrawCanvas *self)
{
  if (!self->has_input)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Draw a digit"),
                                      -1);
    }
  else if (self->net != NULL && net_shows_input (self))
    {
      const NeuronsForward *forward = neurons_network_model_get_forward (self->net);
      /* Translators: the digit the network reads, and how strongly its output neuron fires */
      g_autofree char *description = g_strdup_printf (_("Prediction: %u, %.0f%%"),
                                                      forward->prediction,
                                                      100.0 * forward->a3[forward->prediction]);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Preprocesses what the canvas holds and hands it on. */
static void
update_input (NeuronsDrawCanvas *self)
{
  if (self->update_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->update_tick);
      self->update_tick = 0;
    }

  if (self->picture != NULL)
    {
      memcpy (self->input, self->picture_input, sizeof self->input);
      self->has_input = TRUE;
    }
  else
    {
      /* Fails only when there is nothing drawn. */
      self->has_input = neurons_drawing_to_input (self->drawing, self->input, NULL);
      if (!self->has_input)
        memset (self->input, 0, sizeof self->input);
    }

  {
    g_autoptr(GBytes) pixels = g_bytes_new (self->input, sizeof self->input);

    g_signal_emit (self, signals[INPUT_CHANGED], 0, pixels);
  }

  /* Shown to the network, its "changed" updates the description again. */
  update_description (self);
}

static gboolean
update_on_tick (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  NeuronsDrawCanvas *self = NEURONS_DRAW_CANVAS (widget);

  self->update_tick = 0;
  update_input (self);

  return G_SOURCE_REMOVE;
}

/* The strokes or the picture changed: redraw now, read it again on the next frame. */
static void
contents_changed (NeuronsDrawCanvas *self)
{
  gboolean empty = self->picture == NULL && neurons_drawing_is_empty (self->drawing);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.clear", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.undo", !empty);
  if (self->empty != empty)
    {
      self->empty = empty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->update_tick == 0)
    self->update_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), update_on_tick,
                                                      NULL, NULL);
}

static void
lift_keyboard_pen (NeuronsDrawCanvas *self)
{
  if (self->pen_down)
    {
      self->pen_down = FALSE;
      neurons_drawing_end_stroke (self->drawing);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Replaces whatever is on the canvas with a picture that reads as input. */
static void
show_picture (NeuronsDrawCanvas *self,
              GdkTexture        *picture,
              const guint8      *input)
{
  lift_keyboard_pen (self);
  g_set_object (&self->picture, picture);
  memcpy (self->picture_input, input, sizeof self->picture_input);
  neurons_drawing_clear (self->drawing);
  contents_changed (self);
}

static void
clear_picture (NeuronsDrawCanvas *self)
{
  if (self->picture != NULL)
    {
      g_clear_object (&self->picture);
      contents_changed (self);
    }
}

/* Starts a stroke at a point in canvas units; a stroke replaces a picture. */
static void
begin_stroke (NeuronsDrawCanvas *self,
              double             x,
              double             y,
              double             pressure)
{
  lift_keyboard_pen (self);
  clear_picture (self);
  neurons_drawing_end_stroke (self->drawing);
  neurons_drawing_add_point (self->drawing, x, y, pressure);
}

/* Widget coordinates to canvas units, held to the canvas. */
static void
to_canvas_units (NeuronsDrawCanvas *self,
                 double             x,
                 double             y,
                 double            *canvas_x,
                 double            *canvas_y)
{
  graphene_rect_t square;

  get_square (self, &square);
  *canvas_x = CLAMP ((x - square.origin.x) / MAX (square.size.width, 1), 0.0, 1.0);
  *canvas_y = CLAMP ((y - square.origin.y) / MAX (square.size.height, 1), 0.0, 1.0);
}

static void
on_drag_begin (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               NeuronsDrawCanvas *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  double canvas_x, canvas_y;

  /* A stylus is drawn by the stylus gesture, which knows its pressure. */
  if (event != NULL && gdk_event_get_device_tool (event) != NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->keyboard_pen_shown = FALSE;

  self->drag_start_x = x;
  self->drag_start_y = y;
  to_canvas_units (self, x, y, &canvas_x, &canvas_y);
  begin_stroke (self, canvas_x, canvas_y, NEURONS_DRAWING_DEFAULT_PRESSURE);
}

static void
on_drag_update (GtkGestureDrag    *gesture,
                double             offset_x,
                double             offset_y,
                NeuronsDrawCanvas *self)
{
  double canvas_x, canvas_y;

  if (!neurons_drawing_is_stroke_open (self->drawing))
    return;

  to_canvas_units (self, self->drag_start_x + offset_x, self->drag_start_y + offset_y,
                   &canvas_x, &canvas_y);
  neurons_drawing_add_point (self->drawing, canvas_x, canvas_y, NEURONS_DRAWING_DEFAULT_PRESSURE);
}

static void
on_stroke_end (NeuronsDrawCanvas *self)
{
  self->stylus_down = FALSE;
  neurons_drawing_end_stroke (self->drawing);
}

static double
stylus_pressure (GtkGestureStylus *gesture)
{
  double pressure;

  if (!gtk_gesture_stylus_get_axis (gesture, GDK_AXIS_PRESSURE, &pressure))
    return NEURONS_DRAWING_DEFAULT_PRESSURE;

  return pressure;
}

static void
on_stylus_down (GtkGestureStylus  *gesture,
                double             x,
                double             y,
                NeuronsDrawCanvas *self)
{
  GdkDeviceTool *tool = gtk_gesture_stylus_get_device_tool (gesture);
  double canvas_x, canvas_y;

  /* The eraser end does not draw. */
  if (tool != NULL && gdk_device_tool_get_tool_type (tool) == GDK_DEVICE_TOOL_TYPE_ERASER)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->keyboard_pen_shown = FALSE;
  self->stylus_down = TRUE;
  to_canvas_units (self, x, y, &canvas_x, &canvas_y);
  begin_stroke (self, canvas_x, canvas_y, stylus_pressure (gesture));
}

static void
on_stylus_motion (GtkGestureStylus  *gesture,
                  double             x,
                  double             y,
                  NeuronsDrawCanvas *self)
{
  double canvas_x, canvas_y;

  /* A stylus also moves while it hovers. */
  if (!self->stylus_down || !neurons_drawing_is_stroke_open (self->drawing))
    return;

  to_canvas_units (self, x, y, &canvas_x, &canvas_y);
  neurons_drawing_add_point (self->drawing, canvas_x, canvas_y, stylus_pressure (gesture));
}

/* The keyboard pen shows once its keys are used, until the pointer draws. GTK hides the focus
 * ring while keys do not move the focus, so that is no guide here. */
static void
show_keyboard_pen (NeuronsDrawCanvas *self)
{
  self->keyboard_pen_shown = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
move_pen (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  NeuronsDrawCanvas *self = NEURONS_DRAW_CANVAS (widget);
  int dx, dy;

  g_variant_get (args, "(ii)", &dx, &dy);
  self->pen_x = CLAMP (self->pen_x + dx * KEYBOARD_STEP, 0.0, 1.0);
  self->pen_y = CLAMP (self->pen_y + dy * KEYBOARD_STEP, 0.0, 1.0);

  if (self->pen_down)
    neurons_drawing_add_point (self->drawing, self->pen_x, self->pen_y,
                               NEURONS_DRAWING_DEFAULT_PRESSURE);
  show_keyboard_pen (self);

  return TRUE;
}

static gboolean
toggle_pen (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  NeuronsDrawCanvas *self = NEURONS_DRAW_CANVAS (widget);

  if (self->pen_down)
    {
      lift_keyboard_pen (self);
    }
  else
    {
      begin_stroke (self, self->pen_x, self->pen_y, NEURONS_DRAWING_DEFAULT_PRESSURE);
      self->pen_down = TRUE;
    }
  show_keyboard_pen (self);

  return TRUE;
}

/* Stops reading a picture that has not arrived yet: a newer one replaces it. */
static void
cancel_loading (NeuronsDrawCanvas *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
}

/* Whether a picture that was being read is still wanted, and if so reports a failure. */
static gboolean
finish_loading (NeuronsDrawCanvas *self,
                gboolean           succeeded,
                const GError      *error)
{
  /* A newer picture, or the canvas's end, cancelled it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  g_clear_object (&self->loading);
  if (!succeeded)
    g_signal_emit (self, signals[ERROR], 0, error->message);

  return succeeded;
}

/* The pixbuf's pixels as a texture: gdk-pixbuf keeps them as 8-bit RGB or RGBA, not
 * premultiplied, in rows rowstride bytes apart. */
static GdkTexture *
texture_new_for_pixbuf (GdkPixbuf *pixbuf)
{
  g_autoptr(GBytes) bytes = gdk_pixbuf_read_pixel_bytes (pixbuf);

  return gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf),
                                 gdk_pixbuf_get_height (pixbuf),
                                 gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8,
                                 bytes,
                                 gdk_pixbuf_get_rowstride (pixbuf));
}

/* Whether pixels in this format can be see-through. The formats with no alpha are listed;
 * anything else keeps its alpha, so that nothing new is mistaken for opaque. */
static gboolean
memory_format_has_alpha (GdkMemoryFormat format)
{
  static const GdkMemoryFormat opaque_formats[] = {
    GDK_MEMORY_R8G8B8, GDK_MEMORY_B8G8R8, GDK_MEMORY_R16G16B16, GDK_MEMORY_R16G16B16_FLOAT,
    GDK_MEMORY_R32G32B32_FLOAT, GDK_MEMORY_G8, GDK_MEMORY_G16, GDK_MEMORY_B8G8R8X8,
    GDK_MEMORY_X8R8G8B8, GDK_MEMORY_R8G8B8X8, GDK_MEMORY_X8B8G8R8, GDK_MEMORY_XRGB2101010,
    GDK_MEMORY_XBGR2101010,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (opaque_formats); i++)
    if (format == opaque_formats[i])
      return FALSE;

  return TRUE;
}

/* The texture's pixels as a pixbuf of 8-bit RGB, with alpha when its format has any: as
 * gdk-pixbuf decodes the same picture from a file, so that a picture pasted as pixels reads
 * as that file dropped does. */
static GdkPixbuf *
pixbuf_new_for_texture (GdkTexture *texture)
{
  gboolean has_alpha = memory_format_has_alpha (gdk_texture_get_format (texture));
  g_autoptr(GdkTextureDownloader) downloader = gdk_texture_downloader_new (texture);
  g_autoptr(GBytes) bytes = NULL;
  gsize stride;

  gdk_texture_downloader_set_format (downloader, has_alpha ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8);
  bytes = gdk_texture_downloader_download_bytes (downloader, &stride);

  return gdk_pixbuf_new_from_bytes (bytes, GDK_COLORSPACE_RGB, has_alpha, 8,
                                    gdk_texture_get_width (texture),
                                    gdk_texture_get_height (texture),
                                    (int) stride);
}

typedef struct
{
  guint8      input[NEURONS_INPUT_SIZE];
  GdkTexture *picture;
} LoadedPicture;

static void
loaded_picture_free (LoadedPicture *loaded)
{
  g_clear_object (&loaded->picture);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadedPicture, loaded_picture_free)

/* Reads the picture for the network, then decodes it again at a size for showing. */
static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(LoadedPicture) loaded = g_new0 (LoadedPicture, 1);
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  GError *error = NULL;
  int width, height;

  if (!neurons_preprocess_file (path, loaded->input, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (gdk_pixbuf_get_file_info (path, &width, &height) != NULL
      && MAX (width, height) > PICTURE_SIDE)
    decoded = gdk_pixbuf_new_from_file_at_size (path, PICTURE_SIDE, PICTURE_SIDE, &error);
  else
    decoded = gdk_pixbuf_new_from_file (path, &error);
  if (decoded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Phone cameras store the photo sideways and say which way is up. */
  upright = gdk_pixbuf_apply_embedded_orientation (decoded);
  loaded->picture = texture_new_for_pixbuf (upright);
  g_task_return_pointer (task, g_steal_pointer (&loaded), (GDestroyNotify) loaded_picture_free);
}

static void
on_loaded (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  NeuronsDrawCanvas *self = NEURONS_DRAW_CANVAS (source_object);
  g_autoptr(LoadedPicture) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (!finish_loading (self, loaded != NULL, error))
    return;

  show_picture (self, loaded->picture, loaded->input);
}

static void
on_pasted_files (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(NeuronsDrawCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value;
  GSList *files;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source_object), result, &error);
  if (!finish_loading (self, value != NULL, error))
    return;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files != NULL)
    neurons_draw_canvas_load_file (self, files->data);
  g_slist_free (files);
}

static void
on_pasted_texture (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(NeuronsDrawCanvas) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source_object), result, &error);
  if (!finish_loading (self, texture != NULL, error))
    return;

  neurons_draw_canvas_load_texture (self, texture);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NeuronsDrawCanvas *self = NEURONS_DRAW_CANVAS (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autoptr(GdkContentFormats) formats = NULL;

  /* What the clipboard's contents can be turned into, not just what they are. */
  formats = gdk_content_formats_union_deserialize_gtypes (
    gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    {
      cancel_loading (self);
      self->loading = g_cancellable_new ();
      gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                      self->loading, on_pasted_files, g_object_ref (self));
    }
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    {
      cancel_loading (self);
      self->loading = g_cancellable_new ();
      gdk_clipboard_read_texture_async (clipboard, self->loading, on_pasted_texture,
                                        g_object_ref (self));
    }
  else
    {
      g_signal_emit (self, signals[ERROR], 0,
                     _("There is no picture to paste: copy an image of a digit, or its file, first"));
    }
}

static gboolean
on_drop (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         NeuronsDrawCanvas *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      if (files != NULL)
        neurons_draw_canvas_load_file (self, files->data);
      g_slist_free (files);
    }
  else
    {
      neurons_draw_canvas_load_texture (self, g_value_get_object (value));
    }

  return TRUE;
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  neurons_draw_canvas_clear (NEURONS_DRAW_CANVAS (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  neurons_draw_canvas_undo (NEURONS_DRAW_CANVAS (widget));
}

static void
append_strokes (NeuronsDrawCanvas     *self,
                GtkSnapshot           *snapshot,
                const graphene_rect_t *square,
                const GdkRGBA         *ink)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, square);

  cairo_translate (cr, square->origin.x, square->origin.y);
  cairo_scale (cr, square->size.width, square->size.height);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Where strokes cross there is one layer of ink, not two of a translucent one. */
  cairo_push_group (cr);
  cairo_set_source_rgb (cr, ink->red, ink->green, ink->blue);

  for (guint stroke = 0; stroke < neurons_drawing_get_n_strokes (self->drawing); stroke++)
    {
      guint n_points;
      const NeuronsDrawingPoint *points = neurons_drawing_get_stroke (self->drawing, stroke,
                                                                      &n_points);
      double width = 0;

      /*
       * As NeuronsDrawing rasterizes it: each segment with its own width and round ends, a
       * lone point as a dot. Runs of segments of one width are one path with round joins,
       * which covers the same pixels.
       */
      for (guint i = 0; i < MAX (n_points, 2) - 1; i++)
        {
          const NeuronsDrawingPoint *from = &points[i];
          const NeuronsDrawingPoint *to = &points[MIN (i + 1, n_points - 1)];
          double segment_width = neurons_drawing_segment_width (from, to);

          if (segment_width != width)
            {
              if (width > 0)
                cairo_stroke (cr);
              cairo_set_line_width (cr, segment_width);
              cairo_move_to (cr, from->x, from->y);
              width = segment_width;
            }
          cairo_line_to (cr, to->x, to->y);
        }
      cairo_stroke (cr);
    }

  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, ink->alpha);
  cairo_destroy (cr);
}

/* The picture, as large as fits. */
static void
append_picture (NeuronsDrawCanvas     *self,
                GtkSnapshot           *snapshot,
                const graphene_rect_t *square)
{
  float width = gdk_texture_get_width (self->picture);
  float height = gdk_texture_get_height (self->picture);
  float scale = MIN (square->size.width / width, square->size.height / height);

  gtk_snapshot_append_texture (snapshot, self->picture,
                               &GRAPHENE_RECT_INIT (square->origin.x + (square->size.width - width * scale) / 2,
                                                    square->origin.y + (square->size.height - height * scale) / 2,
                                                    width * scale, height * scale));
}

static void
append_placeholder (NeuronsDrawCanvas     *self,
                    GtkSnapshot           *snapshot,
                    const graphene_rect_t *square,
                    const GdkRGBA         *ink)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autofree char *markup = NULL;
  GdkRGBA dim = *ink;
  int height;

  markup = g_markup_printf_escaped ("<span size='x-large' weight='bold'>%s</span>\n%s",
                                    _("Draw a digit"),
                                    _("or drop a picture of one here"));
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_width (layout, (int) (square->size.width * 0.9 * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, &height);

  dim.alpha *= 0.45f;
  gtk_snapshot_save (snapshot);
  /* The layout is as wide as it was told to be, its lines centred inside. */
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (square->origin.x + square->size.width * 0.05f,
                                                square->origin.y + (square->size.height - height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &dim);
  gtk_snapshot_restore (snapshot);
}

/* The keyboard pen: a ring just outside the ink it leaves, dashed while it is lifted. */
static void
append_keyboard_pen (NeuronsDrawCanvas     *self,
                     GtkSnapshot           *snapshot,
                     const graphene_rect_t *square,
                     const GdkRGBA         *ink)
{
  const double dashes[] = { 3, 3 };
  double radius = NEURONS_DRAWING_PEN_WIDTH * square->size.width / 2;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, square);

  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, ink->alpha * 0.7);
  cairo_set_line_width (cr, 2);
  if (!self->pen_down)
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_arc (cr,
             square->origin.x + self->pen_x * square->size.width,
             square->origin.y + self->pen_y * square->size.height,
             radius + 3, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

/* Something is being dragged over the canvas that it would take. */
static void
append_drop_highlight (GtkSnapshot           *snapshot,
                       const graphene_rect_t *square,
                       const GdkRGBA         *ink)
{
  const float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colors[4];
  GskRoundedRect outline;

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      colors[i] = *ink;
      colors[i].alpha *= 0.5f;
    }
  gsk_rounded_rect_init_from_rect (&outline, square, 12);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
neurons_draw_canvas_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  NeuronsDrawCanvas *self = NEURONS_DRAW_CANVAS (widget);
  GtkStateFlags state = gtk_widget_get_state_flags (widget);
  graphene_rect_t square;
  GdkRGBA ink;

  if (!get_square (self, &square))
    return;

  neurons_colors_get_foreground (widget, &ink);

  gtk_snapshot_push_clip (snapshot, &square);

  if (self->picture != NULL)
    append_picture (self, snapshot, &square);
  else if (neurons_drawing_is_empty (self->drawing))
    append_placeholder (self, snapshot, &square, &ink);
  else
    append_strokes (self, snapshot, &square, &ink);

  if (gtk_widget_has_focus (widget)
      && (self->keyboard_pen_shown || (state & GTK_STATE_FLAG_FOCUS_VISIBLE) != 0))
    append_keyboard_pen (self, snapshot, &square, &ink);
  if ((state & GTK_STATE_FLAG_DROP_ACTIVE) != 0)
    append_drop_highlight (snapshot, &square, &ink);

  gtk_snapshot_pop (snapshot);
}

static void
neurons_draw_canvas_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = 140;
  *natural = 400;

  /* Square: as tall as it is wide, so that a column holding it has no gaps above and below */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    *natural = MAX (*minimum, for_size);
}

static GtkSizeRequestMode
neurons_draw_canvas_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
neurons_draw_canvas_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (neurons_draw_canvas_parent_class)->map (widget);

  /* The network may have shown other inputs while the canvas was away. */
  update_input (NEURONS_DRAW_CANVAS (widget));
}

static void
neurons_draw_canvas_state_flags_changed (GtkWidget     *widget,
                                         GtkStateFlags  previous_state)
{
  GTK_WIDGET_CLASS (neurons_draw_canvas_parent_class)->state_flags_changed (widget, previous_state);

  /* The keyboard pen and the drop highlight follow the focus and the drag. */
  gtk_widget_queue_draw (widget);
}

static void
neurons_draw_canvas_dispose (GObject *object)
{
  NeuronsDrawCanvas *self = (NeuronsDrawCanvas *) object;

  if (self->update_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->update_tick);
      self->update_tick = 0;
    }
  cancel_loading (self);
  if (self->net != NULL)
    g_signal_handlers_disconnect_by_data (self->net, self);
  g_clear_object (&self->net);
  g_clear_object (&self->picture);
  g_clear_object (&self->drawing);

  G_OBJECT_CLASS (neurons_draw_canvas_parent_class)->dispose (object);
}

static void
neurons_draw_canvas_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NeuronsDrawCanvas *self = NEURONS_DRAW_CANVAS (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, self->net);
      break;

    case PROP_DRAWING:
      g_value_set_object (value, self->drawing);
      break;

    case PROP_EMPTY:
      g_value_set_boolean (value, self->empty);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_draw_canvas_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  NeuronsDrawCanvas *self = NEURONS_DRAW_CANVAS (object);

  switch (prop_id)
    {
    case PROP_NET:
      neurons_draw_canvas_set_net (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The canvas's keys: its actions, and a pen that moves with the arrows (and the keypad's
 * diagonals) and touches the paper with Space. */
static void
class_add_key_bindings (GtkWidgetClass *widget_class)
{
  static const struct
  {
    guint keyval;
    int   dx;
    int   dy;
  } pen_moves[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_KP_Left, -1, 0 },
    { GDK_KEY_Right, 1, 0 }, { GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, 0, -1 }, { GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_Down, 0, 1 }, { GDK_KEY_KP_Down, 0, 1 },
    /* The diagonals, where they are on the keypad. */
    { GDK_KEY_Home, -1, -1 }, { GDK_KEY_KP_Home, -1, -1 },
    { GDK_KEY_Page_Up, 1, -1 }, { GDK_KEY_KP_Page_Up, 1, -1 },
    { GDK_KEY_End, -1, 1 }, { GDK_KEY_KP_End, -1, 1 },
    { GDK_KEY_Page_Down, 1, 1 }, { GDK_KEY_KP_Page_Down, 1, 1 },
  };

  gtk_widget_class_install_action (widget_class, "canvas.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "canvas.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, 0, "canvas.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "canvas.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pen_moves); i++)
    gtk_widget_class_add_binding (widget_class, pen_moves[i].keyval, 0, move_pen,
                                  "(ii)", pen_moves[i].dx, pen_moves[i].dy);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, toggle_pen, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Space, 0, toggle_pen, NULL);
}

static void
neurons_draw_canvas_class_init (NeuronsDrawCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_draw_canvas_dispose;
  object_class->get_property = neurons_draw_canvas_get_property;
  object_class->set_property = neurons_draw_canvas_set_property;

  widget_class->snapshot = neurons_draw_canvas_snapshot;
  widget_class->measure = neurons_draw_canvas_measure;
  widget_class->get_request_mode = neurons_draw_canvas_get_request_mode;
  widget_class->map = neurons_draw_canvas_map;
  widget_class->state_flags_changed = neurons_draw_canvas_state_flags_changed;

  /**
   * NeuronsDrawCanvas:net:
   *
   * The network that reads the canvas, or %NULL: the canvas describes what it predicts when
   * it is shown the canvas's input (see #NeuronsDrawCanvas::input-changed).
   */
  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsDrawCanvas:drawing:
   *
   * The strokes on the canvas. Adding to them draws on the canvas.
   */
  properties[PROP_DRAWING] =
    g_param_spec_object ("drawing", NULL, NULL,
                         NEURONS_TYPE_DRAWING,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsDrawCanvas:empty:
   *
   * Whether the canvas holds neither a stroke nor a picture.
   */
  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NeuronsDrawCanvas::error:
   * @message: what went wrong, for a person: which file, and why
   *
   * A dropped or pasted picture could not be read. The canvas is as it was.
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * NeuronsDrawCanvas::input-changed:
   * @pixels: the input, NEURONS_INPUT_SIZE bytes, 28 × 28, row-major, 0 = background,
   *   255 = full ink; all zero for an empty canvas
   *
   * The drawing or the picture was read again, at most once a frame, and when the canvas
   * was mapped: show the network these pixels to have it follow the pen.
   */
  signals[INPUT_CHANGED] =
    g_signal_new ("input-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BYTES);

  class_add_key_bindings (widget_class);

  gtk_widget_class_set_css_name (widget_class, "neurons-draw-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
neurons_draw_canvas_init (NeuronsDrawCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *stylus = gtk_gesture_stylus_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType drop_types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  self->drawing = neurons_drawing_new ();
  self->empty = TRUE;
  self->pen_x = 0.5;
  self->pen_y = 0.5;
  g_signal_connect_object (self->drawing, "changed", G_CALLBACK (contents_changed), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_stroke_end), self);
  g_signal_connect_swapped (drag, "cancel", G_CALLBACK (on_stroke_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (stylus, "down", G_CALLBACK (on_stylus_down), self);
  g_signal_connect (stylus, "motion", G_CALLBACK (on_stylus_motion), self);
  g_signal_connect_swapped (stylus, "up", G_CALLBACK (on_stroke_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (stylus));

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (lift_keyboard_pen), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.clear", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.undo", FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Drawing canvas"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Draw a digit"),
                                  -1);
}

GtkWidget *
neurons_draw_canvas_new (void)
{
  return g_object_new (NEURONS_TYPE_DRAW_CANVAS, NULL);
}

NeuronsNetworkModel *
neurons_draw_canvas_get_net (NeuronsDrawCanvas *self)
{
  g_return_val_if_fail (NEURONS_IS_DRAW_CANVAS (self), NULL);

  return self->net;
}

void
neurons_draw_canvas_set_net (NeuronsDrawCanvas *self,
                             NeuronsNetworkModel  *net)
{
  g_return_if_fail (NEURONS_IS_DRAW_CANVAS (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NETWORK_MODEL (net));

  if (self->net == net)
    return;

  if (self->net != NULL)
    g_signal_handlers_disconnect_by_data (self->net, self);
  g_set_object (&self->net, net);
  if (net != NULL)
    g_signal_connect_object (net, "changed", G_CALLBACK (update_description), self,
                             G_CONNECT_SWAPPED);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_input (self);
  else
    update_description (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}

/**
 * neurons_draw_canvas_get_drawing:
 * @self: a canvas
 *
 * Returns: (transfer none): the strokes on the canvas
 */
NeuronsDrawing *
neurons_draw_canvas_get_drawing (NeuronsDrawCanvas *self)
{
  g_return_val_if_fail (NEURONS_IS_DRAW_CANVAS (self), NULL);

  return self->drawing;
}

gboolean
neurons_draw_canvas_get_empty (NeuronsDrawCanvas *self)
{
  g_return_val_if_fail (NEURONS_IS_DRAW_CANVAS (self), TRUE);

  return self->empty;
}

/**
 * neurons_draw_canvas_get_input:
 * @self: a canvas
 * @pixels: (out caller-allocates) (array fixed-size=784): the input last shown to the network
 *
 * What the network was last shown: the drawing or picture after preprocessing, as of the
 * last frame.
 *
 * Returns: %FALSE, with @pixels all zero, if the canvas was empty then
 */
gboolean
neurons_draw_canvas_get_input (NeuronsDrawCanvas *self,
                               guint8            *pixels)
{
  g_return_val_if_fail (NEURONS_IS_DRAW_CANVAS (self), FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);

  memcpy (pixels, self->input, sizeof self->input);

  return self->has_input;
}

/* Takes away every stroke, or the picture. */
void
neurons_draw_canvas_clear (NeuronsDrawCanvas *self)
{
  g_return_if_fail (NEURONS_IS_DRAW_CANVAS (self));

  lift_keyboard_pen (self);
  clear_picture (self);
  neurons_drawing_clear (self->drawing);
}

/* Takes away the last stroke, or the picture. */
void
neurons_draw_canvas_undo (NeuronsDrawCanvas *self)
{
  g_return_if_fail (NEURONS_IS_DRAW_CANVAS (self));

  lift_keyboard_pen (self);
  if (!neurons_drawing_undo (self->drawing))
    clear_picture (self);
}

/**
 * neurons_draw_canvas_load_file:
 * @self: a canvas
 * @file: a picture of a digit: a photo of paper, a scan, a screenshot
 *
 * Reads the picture in the background and puts it on the canvas for the network to read.
 * If it cannot be read, #NeuronsDrawCanvas::error says why and the canvas stays as it was.
 */
void
neurons_draw_canvas_load_file (NeuronsDrawCanvas *self,
                               GFile             *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (NEURONS_IS_DRAW_CANVAS (self));
  g_return_if_fail (G_IS_FILE (file));

  cancel_loading (self);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = g_strdup_printf (_("Could not read “%s”: only files on this "
                                                    "computer can be read; save it first"),
                                                  name);

      g_signal_emit (self, signals[ERROR], 0, message);
      return;
    }

  self->loading = g_cancellable_new ();
  task = g_task_new (self, self->loading, on_loaded, NULL);
  g_task_set_source_tag (task, neurons_draw_canvas_load_file);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * neurons_draw_canvas_load_texture:
 * @self: a canvas
 * @texture: a picture of a digit
 *
 * Puts the picture on the canvas for the network to read. If it holds no digit,
 * #NeuronsDrawCanvas::error says so and the canvas stays as it was.
 */
void
neurons_draw_canvas_load_texture (NeuronsDrawCanvas *self,
                                  GdkTexture        *texture)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  guint8 input[NEURONS_INPUT_SIZE];

  g_return_if_fail (NEURONS_IS_DRAW_CANVAS (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  cancel_loading (self);

  pixbuf = pixbuf_new_for_texture (texture);
  if (!neurons_preprocess_pixbuf (pixbuf, input, &error))
    {
      g_signal_emit (self, signals[ERROR], 0, error->message);
      return;
    }

  show_picture (self, texture, input);
}
