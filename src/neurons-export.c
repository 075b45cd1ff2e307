/* neurons-export.c: a figure as a picture file, for slides and papers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-export"

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>

#include "neurons-colors.h"
#include "neurons-export.h"

/*
 * A widget is drawn as it is on screen, through gtk_widget_paintable_new(), into a render
 * node over the window's background, so that the picture is opaque and its text stays
 * readable on a white slide whatever the style. For PNG the node is rendered scaled by the
 * widget's own renderer; the figures draw text and curves as shapes, so a larger scale
 * gives sharper pictures, not blown-up pixels. For SVG Cairo replays the node onto an SVG
 * surface: curves and text stay shapes, and pictures within (the digit, the weight tiles)
 * become embedded images.
 */

/* The Adwaita window backgrounds, light and dark */
static const GdkRGBA light_background = { 0.98f, 0.98f, 0.98f, 1 };
static const GdkRGBA dark_background = { 0.14f, 0.14f, 0.14f, 1 };

static GskRenderNode *
snapshot_widget (GtkWidget  *widget,
                 int         width,
                 int         height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gtk_snapshot_append_color (snapshot,
                             neurons_colors_is_dark (widget) ? &dark_background : &light_background,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);

  return gtk_snapshot_free_to_node (snapshot);
}

static GBytes *
render_png (GtkWidget      *widget,
            GskRenderNode  *node,
            int             width,
            int             height,
            double          scale,
            GError        **error)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  g_autoptr(GskTransform) transform = gsk_transform_scale (NULL, scale, scale);
  /* a scale of 1 is no transform at all */
  g_autoptr(GskRenderNode) scaled = transform != NULL ? gsk_transform_node_new (node, transform)
                                                      : gsk_render_node_ref (node);
  g_autoptr(GdkTexture) texture = NULL;

  if (renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The figure is not on screen, so it cannot be drawn; show it first"));
      return NULL;
    }

  texture = gsk_renderer_render_texture (renderer, scaled,
                                         &GRAPHENE_RECT_INIT (0, 0, ceil (width * scale), ceil (height * scale)));
  return gdk_texture_save_to_png_bytes (texture);
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_svg (GskRenderNode  *node,
            int             width,
            int             height,
            GError        **error)
{
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (append_to_byte_array, svg, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The figure could not be drawn as SVG: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&svg));
}

/**
 * neurons_export_widget:
 * @widget: a widget on screen
 * @file: where to write the picture; an existing file is replaced
 * @format: PNG or SVG
 * @scale: for PNG, pixels per screen pixel (%NEURONS_EXPORT_PNG_SCALE); SVG ignores it
 * @error: a message naming the file and what went wrong
 *
 * Writes the widget as it is drawn now, over the window's background. The file is replaced
 * at once when it is complete, so a failure leaves what was there.
 *
 * Returns: whether the picture was written
 */
gboolean
neurons_export_widget (GtkWidget            *widget,
                       GFile                *file,
                       NeuronsExportFormat   format,
                       double                scale,
                       GError              **error)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format == NEURONS_EXPORT_PNG || format == NEURONS_EXPORT_SVG, FALSE);
  g_return_val_if_fail (scale > 0, FALSE);

  if (width <= 0 || height <= 0 || !gtk_widget_get_mapped (widget))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The figure is not on screen, so it cannot be drawn; show it first"));
      return FALSE;
    }

  node = snapshot_widget (widget, width, height);
  if (format == NEURONS_EXPORT_PNG)
    bytes = render_png (widget, node, width, height, scale, error);
  else
    bytes = render_svg (node, width, height, error);
  if (bytes == NULL)
    return FALSE;

  /* GIO's messages name the file and the reason: "Error opening file /x.png: Permission denied" */
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
