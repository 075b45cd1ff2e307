/* neurons-line-canvas.h: many thin antialiased lines, drawn in software into a texture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lives on the stack for one frame: init, draw the lines, then finish into a snapshot. */
typedef struct
{
  cairo_surface_t *surface;
  guint32         *pixels;   /* (height, stride), premultiplied ARGB in native byte order */
  int              width;    /* in device pixels */
  int              height;
  int              stride;   /* in pixels */
  float            scale;    /* device pixels per widget pixel */
} NeuronsLineCanvas;

void        neurons_line_canvas_init        (NeuronsLineCanvas *canvas,
                                             float              width,
                                             float              height,
                                             float              scale);
void        neurons_line_canvas_draw_line   (NeuronsLineCanvas *canvas,
                                             float              x0,
                                             float              y0,
                                             float              x1,
                                             float              y1,
                                             float              line_width,
                                             const GdkRGBA     *color);
void        neurons_line_canvas_finish      (NeuronsLineCanvas *canvas,
                                             GtkSnapshot       *snapshot,
                                             const graphene_point_t *origin);

G_END_DECLS
