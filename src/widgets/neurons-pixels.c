/* neurons-pixels.c: small images (a digit, a neuron's weights) with sharp pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-pixels"

#include "config.h"

#include "neurons-pixels.h"

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

  gtk_snapshot_append_scaled_texture (snapshot, texture, GSK_SCALING_FILTER_NEAREST, bounds);
}
