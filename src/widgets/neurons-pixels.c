/* neurons-pixels.c: small images (a digit, a neuron's weights) with sharp pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-pixels"

#include "config.h"

#include "neurons-pixels.h"
#include "neurons-snapshot.h"

/**
 * neurons_pixels_texture_new:
 * @rgba: (array): width × height pixels, 4 bytes each, alpha premultiplied, row-major
 * @width: the width in pixels
 * @height: the height in pixels
 *
 * Copies the pixels into a texture, to be built once per change and drawn every frame.
 *
 * Returns: (transfer full): the texture
 */
GdkTexture *
neurons_pixels_texture_new (const guint8 *rgba,
                            int           width,
                            int           height)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (rgba != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  bytes = g_bytes_new (rgba, (gsize) width * height * 4);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8_PREMULTIPLIED, bytes, width * 4);
}

/**
 * neurons_pixels_append:
 * @snapshot: where to draw
 * @texture: a texture from neurons_pixels_texture_new()
 * @bounds: the rectangle to fill
 *
 * Draws the texture enlarged with nearest-neighbour scaling, so that each pixel stays a
 * crisp square instead of a blur.
 */
void
neurons_pixels_append (GtkSnapshot           *snapshot,
                       GdkTexture            *texture,
                       const graphene_rect_t *bounds)
{
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (GDK_IS_TEXTURE (texture));
  g_return_if_fail (bounds != NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_snapshot_append_scaled_texture (snapshot, texture, GSK_SCALING_FILTER_NEAREST, bounds);
#else
  {
    /* GTK 4.8 scales textures only linearly; Cairo can do better for a few hundred pixels */
    int width = gdk_texture_get_width (texture);
    int height = gdk_texture_get_height (texture);
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    cairo_t *cr;

    cairo_surface_flush (surface);
    gdk_texture_download (texture,
                          cairo_image_surface_get_data (surface),
                          cairo_image_surface_get_stride (surface));
    cairo_surface_mark_dirty (surface);

    cr = neurons_snapshot_append_cairo (snapshot, bounds);
    cairo_translate (cr, bounds->origin.x, bounds->origin.y);
    cairo_scale (cr, bounds->size.width / width, bounds->size.height / height);
    cairo_set_source_surface (cr, surface, 0, 0);
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
    cairo_paint (cr);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
#endif
}
