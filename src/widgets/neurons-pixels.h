/* neurons-pixels.h: small images (a digit, a neuron's weights) with sharp pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GdkTexture *neurons_pixels_texture_new (const guint8          *rgba,
                                        int                    width,
                                        int                    height);
void        neurons_pixels_append      (GtkSnapshot           *snapshot,
                                        GdkTexture            *texture,
                                        const graphene_rect_t *bounds);

G_END_DECLS
