/* render-helper.c: widgets drawn in a real window and read back as pixels, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */


#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "neurons-colors.h"
#include "render-helper.h"

/*
 * A widget is drawn in a real window (the tests need a display: Xvfb in CI), then rendered
 * again through gtk_widget_paintable_new() into a texture over the style's window
 * background, so that the pictures are opaque and their pixels can be compared with the
 * colours that carry meaning. Each picture is saved as a PNG in the build folder for a
 * person to look at.
 */

/* The Adwaita window backgrounds */
static const GdkRGBA light_background = { 0.98f, 0.98f, 0.98f, 1 };
static const GdkRGBA dark_background = { 0.14f, 0.14f, 0.14f, 1 };

/* The warnings GTK gives only on an X server without a compositor, such as Xvfb, as
 * "DOMAIN\tMESSAGE" lines: tests/xvfb-only-warnings.txt, which the end-to-end tests read too. */
static char **xvfb_only_warnings;

static void
read_xvfb_only_warnings (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "xvfb-only-warnings.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();

  /* Without the list (a test run by hand without G_TEST_SRCDIR) nothing is let through. */
  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_printerr ("%s; every warning fails the test\n", error->message);
  else
    {
      g_auto(GStrv) all = g_strsplit (contents, "\n", -1);

      for (guint i = 0; all[i] != NULL; i++)
        if (all[i][0] != '\0' && all[i][0] != '#')
          g_strv_builder_add (lines, all[i]);
    }
  xvfb_only_warnings = g_strv_builder_end (lines);
}

static gboolean
is_xvfb_only_warning (const char *domain,
                      const char *message)
{
  g_autofree char *line = g_strdup_printf ("%s\t%s", domain, message);

  return g_strv_contains ((const char * const *) xvfb_only_warnings, line);
}

/* GDK logs structured, so the default writer would make any warning fatal; only those in
 * the list are written and let through: every other warning and critical still fails the
 * test. */
static GLogWriterOutput
write_log (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) != 0 && domain != NULL && message != NULL
      && is_xvfb_only_warning (domain, message))
    return g_log_writer_standard_streams (log_level, fields, n_fields, user_data);

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* GTK and libadwaita on the X11 display the caller provides, drawn with Cairo so that the
 * pictures are the same on every machine. */
void
neurons_test_init_display (int    *argc,
                           char ***argv)
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (argc, argv, NULL);
  read_xvfb_only_warnings ();
  g_log_set_writer_func (write_log, NULL, NULL);
  if (!gtk_init_check ())
    g_error ("No display to draw on: run the widget tests under an X server (Xvfb in CI)");
  adw_init ();
}

void
neurons_test_image_free (NeuronsTestImage *image)
{
  g_free (image->data);
  g_free (image);
}

/* Red, green, blue from 0 to 1 of an opaque picture. */
void
neurons_test_image_get (const NeuronsTestImage *image,
                        int                     x,
                        int                     y,
                        double                 *rgb)
{
  const guint8 *pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, image->width);
  g_assert_cmpint (y, <, image->height);

  pixel = image->data + y * image->stride + x * 4;
  rgb[0] = pixel[2] / 255.0;
  rgb[1] = pixel[1] / 255.0;
  rgb[2] = pixel[0] / 255.0;
}

/* Whether the pixel is within tolerance of the colour in each channel. */
gboolean
neurons_test_image_near (const NeuronsTestImage *image,
                         int                     x,
                         int                     y,
                         const GdkRGBA          *color,
                         double                  tolerance)
{
  double rgb[3];

  neurons_test_image_get (image, x, y, rgb);
  return fabs (rgb[0] - color->red) <= tolerance
      && fabs (rgb[1] - color->green) <= tolerance
      && fabs (rgb[2] - color->blue) <= tolerance;
}

void
neurons_test_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("The window was not drawn within 20 seconds: is there a display?");
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until the window has drawn a frame with everything queued so far. */
void
neurons_test_wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;
  guint timeout;

  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (window);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  timeout = g_timeout_add_seconds (20, on_timeout, NULL);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_signal_handler_disconnect (clock, handler);
}

/**
 * neurons_test_show_in_window:
 * @widget: a widget without a parent
 * @width: the window's width
 * @height: the window's height
 *
 * Returns: (transfer none): an undecorated window showing @widget, drawn once; destroy it
 *   with gtk_window_destroy()
 */
GtkWidget *
neurons_test_show_in_window (GtkWidget *widget,
                             int        width,
                             int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  /* The tests set hover and selection themselves; the real pointer of the shared X server,
   * wherever it rests, must not reach the widget and change them. */
  gtk_widget_set_can_target (widget, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  neurons_test_wait_for_frame (window);

  return window;
}

/* Renders the widget as it is now, over the window background, and saves it as name.png. */
NeuronsTestImage *
neurons_test_render (GtkWidget  *widget,
                     const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  NeuronsTestImage *image;
  GtkSnapshot *snapshot;
  graphene_rect_t bounds;

  neurons_test_wait_for_frame (GTK_WIDGET (gtk_widget_get_root (widget)));

  graphene_rect_init (&bounds, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  g_assert_cmpfloat (bounds.size.width, >, 0);
  g_assert_cmpfloat (bounds.size.height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot,
                             neurons_colors_is_dark (widget) ? &dark_background : &light_background,
                             &bounds);
  gdk_paintable_snapshot (paintable, snapshot, bounds.size.width, bounds.size.height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, &bounds);

  file_name = g_strconcat (name, ".png", NULL);
  path = g_test_build_filename (G_TEST_BUILT, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);

  image = g_new0 (NeuronsTestImage, 1);
  image->width = gdk_texture_get_width (texture);
  image->height = gdk_texture_get_height (texture);
  image->stride = image->width * 4;
  image->data = g_malloc (image->stride * image->height);
  gdk_texture_download (texture, image->data, image->stride);

  return image;
}
