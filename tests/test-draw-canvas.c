/* test-draw-canvas.c: the drawing canvas and the preview of what the network sees, on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "neurons-draw-canvas.h"
#include "neurons-seen-preview.h"
#include "neurons-test-digits.h"
#include "render-helper.h"

/*
 * The widgets live in a real window (render-helper.c). Strokes are added to the canvas's
 * drawing as the pointer would add them; the rendered canvas is compared pixel by pixel with
 * NeuronsDrawing's own raster, which is what the network reads.
 */


static NeuronsNetworkModel *trained_net;

static double
image_luminance (const NeuronsTestImage *image,
                 int                     x,
                 int                     y)
{
  double rgb[3];

  neurons_test_image_get (image, x, y, rgb);

  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/* Shows the widgets side by side, each at its natural size. */
static GtkWidget *
show_in_window (GtkWidget *canvas,
                GtkWidget *preview)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_halign (canvas, GTK_ALIGN_START);
  gtk_widget_set_valign (canvas, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), canvas);
  if (preview != NULL)
    {
      gtk_widget_set_valign (preview, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), preview);
    }

  return neurons_test_show_in_window (box, -1, -1);
}

/* What the window does with the canvas's input: shows it to the network, unlabelled. */
static void
show_on_net (NeuronsDrawCanvas *canvas,
             GBytes            *pixels,
             NeuronsNetworkModel  *net)
{
  neurons_network_model_show_input (net, g_bytes_get_data (pixels, NULL), -1, -1);
}

/* Iterates the main loop until the canvas has read its drawing as it is now. */
static void
wait_for_input (NeuronsDrawCanvas *canvas)
{
  NeuronsDrawing *drawing = neurons_draw_canvas_get_drawing (canvas);
  guint8 expected[NEURONS_INPUT_SIZE];
  guint8 input[NEURONS_INPUT_SIZE];
  gboolean has_input = neurons_drawing_to_input (drawing, expected, NULL);

  if (!has_input)
    memset (expected, 0, sizeof expected);

  while (neurons_draw_canvas_get_input (canvas, input) != has_input
         || memcmp (input, expected, sizeof input) != 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_description (GtkWidget  *widget,
                    const char *expected)
{
  g_autofree char *failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                 expected);

  if (failure != NULL)
    g_error ("Expected the description “%s”, got “%s”", expected, failure);
}

/*
 * The canvas shows the strokes where they are, as thick as the network reads them: the
 * rendered ink matches NeuronsDrawing's raster at the same size, pixel by pixel.
 */
static void
test_render_matches_raster (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  GtkWidget *canvas = neurons_draw_canvas_new ();
  GtkWidget *window = show_in_window (canvas, NULL);
  NeuronsDrawing *drawing = neurons_draw_canvas_get_drawing (NEURONS_DRAW_CANVAS (canvas));
  int side = gtk_widget_get_width (canvas);
  g_autofree float *raster = g_new (float, side * side);
  g_autoptr(NeuronsTestImage) image = NULL;
  double paper, full_ink, total_difference = 0, largest_difference = 0;
  guint n_compared = 0;

  neurons_test_set_dark (dark);
  g_assert_true (neurons_draw_canvas_get_empty (NEURONS_DRAW_CANVAS (canvas)));
  neurons_test_digit_draw (&neurons_test_digits[1], drawing, 0.1, 0.1, 0.8);
  /* A second stroke, pressed hard, crossing the seven. */
  neurons_drawing_add_point (drawing, 0.3, 0.55, 1.0);
  neurons_drawing_add_point (drawing, 0.8, 0.55, 1.0);
  neurons_drawing_end_stroke (drawing);
  g_assert_false (neurons_draw_canvas_get_empty (NEURONS_DRAW_CANVAS (canvas)));

  /* The whole widget is the canvas. */
  g_assert_cmpint (gtk_widget_get_height (canvas), ==, side);
  image = neurons_test_render (canvas, dark ? "draw-strokes-dark" : "draw-strokes");
  neurons_drawing_rasterize (drawing, raster, side);

  /* The paper away from the strokes, and the ink where both strokes are solid. */
  g_assert_cmpfloat (raster[side / 2], ==, 0);
  paper = image_luminance (image, side / 2, 1);
  g_assert_cmpfloat (raster[(int) (0.55 * side) * side + side / 2], ==, 1);
  full_ink = image_luminance (image, side / 2, 0.55 * side);
  g_assert_cmpfloat (fabs (paper - full_ink), >, 0.5);

  /* Inside the rounded corners, every pixel's ink against the raster's. */
  for (int y = 12; y < side - 12; y++)
    for (int x = 12; x < side - 12; x++)
      {
        double ink = (paper - image_luminance (image, x, y)) / (paper - full_ink);
        double difference = fabs (ink - raster[y * side + x]);

        total_difference += difference;
        largest_difference = MAX (largest_difference, difference);
        n_compared++;
      }

  g_test_message ("rendered ink against the raster: mean difference %.4f, largest %.3f",
                  total_difference / n_compared, largest_difference);
  /* Cairo covers edge pixels by area, the raster by distance: they differ only there. */
  g_assert_cmpfloat (total_difference / n_compared, <, 0.01);
  g_assert_cmpfloat (largest_difference, <, 0.3);

  neurons_test_set_dark (FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Drawing shows the network the digit; the description carries what it reads. */
static void
test_prediction (void)
{
  GtkWidget *canvas = neurons_draw_canvas_new ();
  GtkWidget *window = show_in_window (canvas, NULL);
  NeuronsDrawCanvas *draw_canvas = NEURONS_DRAW_CANVAS (canvas);
  NeuronsDrawing *drawing = neurons_draw_canvas_get_drawing (draw_canvas);
  const NeuronsForward *forward;
  g_autofree char *expected = NULL;
  guint8 input[NEURONS_INPUT_SIZE];

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Drawing canvas");
  g_assert_true (gtk_widget_get_focusable (canvas));
  assert_description (canvas, "Draw a digit");

  neurons_draw_canvas_set_net (draw_canvas, trained_net);
  g_signal_connect (draw_canvas, "input-changed", G_CALLBACK (show_on_net), trained_net);
  neurons_test_digit_draw (&neurons_test_digits[1], drawing, 0.3, 0.05, 0.6);
  wait_for_input (draw_canvas);

  /* The network shows the canvas's input, unlabelled, and reads it as a seven. */
  g_assert_true (neurons_draw_canvas_get_input (draw_canvas, input));
  forward = neurons_network_model_get_forward (trained_net);
  g_assert_cmpint (neurons_network_model_get_input_label (trained_net), ==, -1);
  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    g_assert_cmpint (lrintf (forward->input[i] * 255), ==, input[i]);
  g_assert_cmpuint (forward->prediction, ==, 7);
  expected = g_strdup_printf ("Prediction: 7, %.0f%%", 100.0 * forward->a3[7]);
  assert_description (canvas, expected);

  /* Cleared through its action, the canvas shows the network a blank input. */
  gtk_widget_activate_action (canvas, "canvas.clear", NULL);
  g_assert_true (neurons_draw_canvas_get_empty (draw_canvas));
  wait_for_input (draw_canvas);
  assert_description (canvas, "Draw a digit");
  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    g_assert_cmpfloat (forward->input[i], ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Undo takes back the last stroke only. */
static void
test_undo_action (void)
{
  GtkWidget *canvas = neurons_draw_canvas_new ();
  GtkWidget *window = show_in_window (canvas, NULL);
  NeuronsDrawCanvas *draw_canvas = NEURONS_DRAW_CANVAS (canvas);
  NeuronsDrawing *drawing = neurons_draw_canvas_get_drawing (draw_canvas);

  neurons_test_digit_draw (&neurons_test_digits[0], drawing, 0.2, 0.1, 0.8);
  neurons_test_digit_draw (&neurons_test_digits[2], drawing, 0.1, 0.1, 0.8);
  wait_for_input (draw_canvas);

  g_assert_true (gtk_widget_activate_action (canvas, "canvas.undo", NULL));
  g_assert_cmpuint (neurons_drawing_get_n_strokes (drawing), ==, 1);
  wait_for_input (draw_canvas);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.undo", NULL));
  g_assert_true (neurons_draw_canvas_get_empty (draw_canvas));

  /* With nothing left, undo does nothing. */
  gtk_widget_activate_action (canvas, "canvas.undo", NULL);
  g_assert_true (neurons_draw_canvas_get_empty (draw_canvas));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_error (NeuronsDrawCanvas  *canvas,
          const char         *message,
          char              **error_message)
{
  *error_message = g_strdup (message);
}

/* A file that is not a picture is refused with its name and the reason; nothing changes. */
static void
test_unreadable_file (void)
{
  GtkWidget *canvas = neurons_draw_canvas_new ();
  GtkWidget *window = show_in_window (canvas, NULL);
  NeuronsDrawCanvas *draw_canvas = NEURONS_DRAW_CANVAS (canvas);
  NeuronsDrawing *drawing = neurons_draw_canvas_get_drawing (draw_canvas);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "draw-not-a-picture.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *error_message = NULL;
  guint8 before[NEURONS_INPUT_SIZE];
  guint8 after[NEURONS_INPUT_SIZE];
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "these are words, not pixels\n", -1, &error);
  g_assert_no_error (error);

  neurons_test_digit_draw (&neurons_test_digits[1], drawing, 0.1, 0.1, 0.8);
  wait_for_input (draw_canvas);
  neurons_draw_canvas_get_input (draw_canvas, before);

  g_signal_connect (canvas, "error", G_CALLBACK (on_error), &error_message);
  neurons_draw_canvas_load_file (draw_canvas, file);
  while (error_message == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("%s", error_message);
  g_assert_nonnull (strstr (error_message, "draw-not-a-picture.png"));
  g_assert_cmpuint (neurons_drawing_get_n_strokes (drawing), ==, 1);
  neurons_test_wait_for_frame (window);
  g_assert_true (neurons_draw_canvas_get_input (draw_canvas, after));
  g_assert_cmpmem (before, sizeof before, after, sizeof after);

  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A photo of a one, thick grey pencil on light grey paper, well off to the right. */
static GFile *
photo_new (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "draw-photo.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.85, 0.85, 0.82);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.35);
  cairo_set_line_width (cr, 14);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, 215, 30);
  cairo_line_to (cr, 205, 170);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_file_new_for_path (path);
}

static void
on_notify_empty (NeuronsDrawCanvas *canvas,
                 GParamSpec        *pspec,
                 guint             *n_notifications)
{
  (*n_notifications)++;
}

/*
 * A photographed digit, dark pencil on grey paper, replaces the strokes and is read like
 * them; the next stroke replaces it again, and undo takes it away.
 */
static void
test_picture (void)
{
  GtkWidget *canvas = neurons_draw_canvas_new ();
  GtkWidget *preview = neurons_seen_preview_new ();
  GtkWidget *window = show_in_window (canvas, preview);
  NeuronsDrawCanvas *draw_canvas = NEURONS_DRAW_CANVAS (canvas);
  NeuronsDrawing *drawing = neurons_draw_canvas_get_drawing (draw_canvas);
  g_autoptr(GFile) file = photo_new ();
  g_autoptr(NeuronsTestImage) image = NULL;
  int scale, origin;
  double paper, full_ink = 0;
  guint8 zero_input[NEURONS_INPUT_SIZE];
  guint8 input[NEURONS_INPUT_SIZE];
  guint top = G_MAXUINT, bottom = 0;
  guint n_notifications = 0;
  const NeuronsForward *forward;

  neurons_draw_canvas_set_net (draw_canvas, trained_net);
  g_signal_connect (draw_canvas, "input-changed", G_CALLBACK (show_on_net), trained_net);
  neurons_seen_preview_set_net (NEURONS_SEEN_PREVIEW (preview), trained_net);
  neurons_test_digit_draw (&neurons_test_digits[2], drawing, 0.1, 0.1, 0.8);
  wait_for_input (draw_canvas);
  neurons_draw_canvas_get_input (draw_canvas, zero_input);

  g_signal_connect (canvas, "notify::empty", G_CALLBACK (on_notify_empty), &n_notifications);
  neurons_draw_canvas_load_file (draw_canvas, file);
  while (neurons_drawing_get_n_strokes (drawing) != 0)
    g_main_context_iteration (NULL, TRUE);
  /* The picture takes the strokes' place: the canvas was never empty in between. */
  g_assert_false (neurons_draw_canvas_get_empty (draw_canvas));
  g_assert_cmpuint (n_notifications, ==, 0);

  while (!neurons_draw_canvas_get_input (draw_canvas, input)
         || memcmp (input, zero_input, sizeof input) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* What the network reads: the one, scaled to 20 pixels tall, in the middle columns. */
  for (guint y = 0; y < NEURONS_IMAGE_SIDE; y++)
    for (guint x = 0; x < NEURONS_IMAGE_SIDE; x++)
      if (input[y * NEURONS_IMAGE_SIDE + x] > 0)
        {
          top = MIN (top, y);
          bottom = MAX (bottom, y);
          g_assert_cmpuint (x, >=, 12);
          g_assert_cmpuint (x, <=, 16);
        }
  g_assert_cmpuint (bottom - top + 1, ==, 20);
  forward = neurons_network_model_get_forward (trained_net);
  g_assert_cmpuint (forward->prediction, ==, 1);

  /* The preview shows those pixels, each a square of whole screen pixels, one colour right
   * up to its edges and darker in proportion to its ink. */
  image = neurons_test_render (preview, "draw-preview");
  g_assert_cmpint (image->width, ==, image->height);
  scale = (image->width - 2) / NEURONS_IMAGE_SIDE;
  origin = (image->width - scale * NEURONS_IMAGE_SIDE) / 2;
  g_assert_cmpint (scale, >=, 2);
  paper = image_luminance (image, origin + scale / 2, origin + scale / 2);
  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    if (input[i] == 255)
      full_ink = image_luminance (image, origin + (i % NEURONS_IMAGE_SIDE) * scale,
                                  origin + (i / NEURONS_IMAGE_SIDE) * scale);
  g_assert_cmpfloat (paper - full_ink, >, 0.5);
  for (guint y = 0; y < NEURONS_IMAGE_SIDE; y++)
    for (guint x = 0; x < NEURONS_IMAGE_SIDE; x++)
      {
        double first = image_luminance (image, origin + x * scale, origin + y * scale);
        double last = image_luminance (image, origin + (x + 1) * scale - 1,
                                       origin + (y + 1) * scale - 1);
        double ink = input[y * NEURONS_IMAGE_SIDE + x] / 255.0;

        g_assert_cmpfloat (fabs (first - last), <, 0.01);
        g_assert_cmpfloat (fabs (paper - first - ink * (paper - full_ink)), <, 0.02);
      }

  neurons_test_image_free (neurons_test_render (canvas, "draw-picture"));

  g_assert_cmpuint (n_notifications, ==, 0);
  gtk_widget_activate_action (canvas, "canvas.undo", NULL);
  g_assert_true (neurons_draw_canvas_get_empty (draw_canvas));
  g_assert_cmpuint (n_notifications, ==, 1);

  g_file_delete (file, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ctrl+V takes a copied picture or a copied picture file, and says so when there is neither. */
static void
test_paste (void)
{
  GtkWidget *canvas = neurons_draw_canvas_new ();
  GtkWidget *window = show_in_window (canvas, NULL);
  NeuronsDrawCanvas *draw_canvas = NEURONS_DRAW_CANVAS (canvas);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (canvas);
  g_autoptr(GFile) file = photo_new ();
  GdkFileList *files = gdk_file_list_new_from_array (&file, 1);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *error_message = NULL;
  guint8 from_file[NEURONS_INPUT_SIZE];
  guint8 from_texture[NEURONS_INPUT_SIZE];

  g_signal_connect (canvas, "error", G_CALLBACK (on_error), &error_message);

  gdk_clipboard_set_text (clipboard, "seven");
  gtk_widget_activate_action (canvas, "canvas.paste", NULL);
  g_assert_nonnull (error_message);
  g_test_message ("%s", error_message);
  g_assert_true (neurons_draw_canvas_get_empty (draw_canvas));

  gdk_clipboard_set (clipboard, GDK_TYPE_FILE_LIST, files);
  g_boxed_free (GDK_TYPE_FILE_LIST, files);
  gtk_widget_activate_action (canvas, "canvas.paste", NULL);
  while (neurons_draw_canvas_get_empty (draw_canvas))
    g_main_context_iteration (NULL, TRUE);
  while (!neurons_draw_canvas_get_input (draw_canvas, from_file))
    g_main_context_iteration (NULL, TRUE);

  /* The same picture as pixels reads the same. */
  gtk_widget_activate_action (canvas, "canvas.clear", NULL);
  wait_for_input (draw_canvas);
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  gdk_clipboard_set_texture (clipboard, texture);
  gtk_widget_activate_action (canvas, "canvas.paste", NULL);
  while (!neurons_draw_canvas_get_input (draw_canvas, from_texture))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpmem (from_file, sizeof from_file, from_texture, sizeof from_texture);

  g_file_delete (file, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  neurons_test_init_display (&argc, &argv);

  trained_net = neurons_test_trained_net_new ();

  g_test_add_data_func ("/widgets/draw-canvas/render-matches-raster/light", GINT_TO_POINTER (FALSE),
                        test_render_matches_raster);
  g_test_add_data_func ("/widgets/draw-canvas/render-matches-raster/dark", GINT_TO_POINTER (TRUE),
                        test_render_matches_raster);
  g_test_add_func ("/widgets/draw-canvas/prediction", test_prediction);
  g_test_add_func ("/widgets/draw-canvas/undo-action", test_undo_action);
  g_test_add_func ("/widgets/draw-canvas/unreadable-file", test_unreadable_file);
  g_test_add_func ("/widgets/draw-canvas/picture", test_picture);
  g_test_add_func ("/widgets/draw-canvas/paste", test_paste);

  status = g_test_run ();

  g_object_unref (trained_net);
  return status;
}
