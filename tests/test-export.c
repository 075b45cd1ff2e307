/* test-export.c: figures written as PNG and SVG files, read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "neurons-export.h"
#include "neurons-network-view.h"
#include "render-helper.h"

#define VIEW_WIDTH  800
#define VIEW_HEIGHT 500

typedef struct
{
  NeuronsNetworkModel *net;
  GtkWidget        *view;
  GtkWidget        *window;
  char             *directory;
} Fixture;

/* The network view, the largest figure, showing an untrained network's answer to a digit. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint8 pixels[28 * 28] = { 0 };

  for (guint y = 6; y < 22; y++)
    pixels[y * 28 + 14] = 255;

  fixture->net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 3);
  neurons_network_model_show_input (fixture->net, pixels, 1, 0);
  fixture->view = neurons_network_view_new ();
  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (fixture->view), fixture->net);
  fixture->window = neurons_test_show_in_window (fixture->view, VIEW_WIDTH, VIEW_HEIGHT);
  fixture->directory = g_dir_make_tmp ("neurons-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->directory, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->directory, name, NULL);

      g_assert_no_errno (g_unlink (path));
    }
  g_assert_no_errno (g_rmdir (fixture->directory));
  g_free (fixture->directory);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_object_unref (fixture->net);
}

static GFile *
fixture_file (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (fixture->directory, name, NULL);

  return g_file_new_for_path (path);
}

/* The PNG is the widget's size times the scale, opaque, and shows a figure: many pixels
 * stand out from the background. */
static void
test_png (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GFile) file = fixture_file (fixture, "view.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *data = NULL;
  int width = gtk_widget_get_width (fixture->view);
  int height = gtk_widget_get_height (fixture->view);
  gsize stride, n_inked = 0, n_transparent = 0;
  const guint8 *corner;

  g_assert_cmpint (width, ==, VIEW_WIDTH);
  g_assert_cmpint (height, ==, VIEW_HEIGHT);

  g_assert_true (neurons_export_widget (fixture->view, file, NEURONS_EXPORT_PNG, NEURONS_EXPORT_PNG_SCALE, &error));
  g_assert_no_error (error);

  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width * NEURONS_EXPORT_PNG_SCALE);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height * NEURONS_EXPORT_PNG_SCALE);

  stride = gdk_texture_get_width (texture) * 4;
  data = g_malloc (stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, data, stride);

  /* B, G, R, A: the top-left corner is the light window background */
  corner = data;
  g_assert_cmpuint (corner[3], ==, 255);
  g_assert_cmpuint (corner[0], >=, 240);
  for (gsize offset = 0; offset < stride * gdk_texture_get_height (texture); offset += 4)
    {
      const guint8 *pixel = data + offset;

      n_transparent += pixel[3] != 255;
      n_inked += abs (pixel[0] - corner[0]) + abs (pixel[1] - corner[1]) + abs (pixel[2] - corner[2]) > 60;
    }
  g_assert_cmpuint (n_transparent, ==, 0);
  /* nodes, lines, bars, the digit and the text: well over one percent of the picture */
  g_assert_cmpuint (n_inked, >, gdk_texture_get_width (texture) * gdk_texture_get_height (texture) / 100);
}

static gboolean
has_attribute (const char *svg_tag,
               const char *attribute,
               const char *value)
{
  g_autofree char *expected = g_strdup_printf ("%s=\"%s\"", attribute, value);

  return strstr (svg_tag, expected) != NULL;
}

/* The SVG is an XML document whose size is the widget's, in pixels, and which draws the
 * figure as shapes and text. */
static void
test_svg (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GFile) file = fixture_file (fixture, "view.svg");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *svg_tag = NULL;
  g_autofree char *width = g_strdup_printf ("%dpx", VIEW_WIDTH);
  g_autofree char *height = g_strdup_printf ("%dpx", VIEW_HEIGHT);
  const char *svg_start, *svg_end, *at;
  gsize length;
  guint n_shapes = 0;

  g_assert_true (neurons_export_widget (fixture->view, file, NEURONS_EXPORT_SVG, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_true (g_utf8_validate (contents, length, NULL));
  svg_start = strstr (contents, "<svg");
  g_assert_nonnull (svg_start);
  svg_end = strchr (svg_start, '>');
  g_assert_nonnull (svg_end);
  svg_tag = g_strndup (svg_start, svg_end - svg_start);
  g_assert_true (has_attribute (svg_tag, "width", width));
  g_assert_true (has_attribute (svg_tag, "height", height));
  g_assert_nonnull (strstr (contents, "</svg>"));

  /* the 42 nodes and the layers' connections alone are dozens of shapes; the digit an image */
  for (at = contents; (at = strstr (at, "<path")) != NULL; at++)
    n_shapes++;
  g_assert_cmpuint (n_shapes, >, 50);
  g_assert_nonnull (strstr (contents, "<image"));
}

static guint8 *
download (GdkTexture *texture,
          gsize      *stride)
{
  guint8 *data;

  *stride = gdk_texture_get_width (texture) * 4;
  data = g_malloc (*stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, data, *stride);

  return data;
}

/* The SVG, drawn by librsvg (GTK's own icon loader), looks like the PNG at the same size:
 * every part of the figure is in the file and in its place. */
static void
test_svg_matches_png (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GFile) svg_file = fixture_file (fixture, "view.svg");
  g_autoptr(GFile) png_file = fixture_file (fixture, "view.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GBytes) pixbuf_bytes = NULL;
  g_autoptr(GdkTexture) svg = NULL;
  g_autoptr(GdkTexture) png = NULL;
  g_autofree guint8 *svg_data = NULL;
  g_autofree guint8 *png_data = NULL;
  g_autofree char *svg_path = g_file_get_path (svg_file);
  gsize stride, n_far = 0;
  double total_difference = 0;

  g_assert_true (neurons_export_widget (fixture->view, svg_file, NEURONS_EXPORT_SVG, 1, &error));
  g_assert_true (neurons_export_widget (fixture->view, png_file, NEURONS_EXPORT_PNG, 1, &error));
  g_assert_no_error (error);

  pixbuf = gdk_pixbuf_new_from_file_at_size (svg_path, VIEW_WIDTH, VIEW_HEIGHT, &error);
  g_assert_no_error (error);
  /* librsvg draws into 8-bit RGBA, not premultiplied */
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  pixbuf_bytes = gdk_pixbuf_read_pixel_bytes (pixbuf);
  svg = gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                                GDK_MEMORY_R8G8B8A8, pixbuf_bytes, gdk_pixbuf_get_rowstride (pixbuf));
  png = gdk_texture_new_from_file (png_file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (svg), ==, gdk_texture_get_width (png));
  g_assert_cmpint (gdk_texture_get_height (svg), ==, gdk_texture_get_height (png));

  svg_data = download (svg, &stride);
  png_data = download (png, &stride);
  for (gsize offset = 0; offset < stride * VIEW_HEIGHT; offset += 4)
    {
      int difference = 0;

      for (guint channel = 0; channel < 3; channel++)
        difference = MAX (difference, abs (svg_data[offset + channel] - png_data[offset + channel]));
      total_difference += difference;
      n_far += difference > 96;
    }

  g_test_message ("mean difference %.2f, %" G_GSIZE_FORMAT " pixels far apart",
                  total_difference / (VIEW_WIDTH * VIEW_HEIGHT), n_far);
  /* text and curves are smoothed a little differently by the two renderers */
  g_assert_cmpfloat (total_difference / (VIEW_WIDTH * VIEW_HEIGHT), <, 4);
  g_assert_cmpuint (n_far, <, VIEW_WIDTH * VIEW_HEIGHT / 100);
}

/* A folder that is not there: nothing is written, and the message names the file. */
static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "missing", "view.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (neurons_export_widget (fixture->view, file, NEURONS_EXPORT_PNG, 2, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "view.png"));
  g_assert_false (g_file_query_exists (file, NULL));
}

/* A figure that is not on screen has nothing to draw, and says so. */
static void
test_hidden (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GFile) file = fixture_file (fixture, "hidden.svg");
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (fixture->view, FALSE);
  g_assert_false (neurons_export_widget (fixture->view, file, NEURONS_EXPORT_SVG, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_assert_false (g_file_query_exists (file, NULL));
}

int
main (int   argc,
      char *argv[])
{
  neurons_test_init_display (&argc, &argv);
  neurons_test_set_dark (FALSE);

  g_test_add ("/widgets/export/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/widgets/export/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add ("/widgets/export/svg-matches-png", Fixture, NULL, fixture_set_up, test_svg_matches_png, fixture_tear_down);
  g_test_add ("/widgets/export/unwritable", Fixture, NULL, fixture_set_up, test_unwritable, fixture_tear_down);
  g_test_add ("/widgets/export/hidden", Fixture, NULL, fixture_set_up, test_hidden, fixture_tear_down);

  return g_test_run ();
}
