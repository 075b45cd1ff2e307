/* neurons-line-canvas.c: many thin antialiased lines, drawn in software into a texture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-line-canvas"

#include "config.h"

#include <math.h>

#include "neurons-line-canvas.h"
#include "neurons-cairo.h"

/*
 * The network view draws about 500 connections every frame. Stroked with Cairo they cost
 * some 25 ms a frame (its scan converter walks each long diagonal's whole bounding box), so
 * training at full speed could not be watched at 50 frames per second. Here a line is a
 * parallelogram swept along its major axis: each device pixel it touches gets the area it
 * covers, which costs a few nanoseconds per touched pixel, 2-3 ms for all of them.
 *
 * The pixels go to the snapshot as a Cairo image surface in a Cairo node. A GdkMemoryTexture
 * would look simpler, but GTK 4.8's Cairo renderer converts every texture through floats on
 * each frame, which costs another 2.5 ms for the view's 600×800 pixels.
 */

/**
 * neurons_line_canvas_init:
 * @canvas: (out caller-allocates): the canvas
 * @width: the width in widget pixels
 * @height: the height in widget pixels
 * @scale: device pixels per widget pixel
 *
 * Starts a transparent canvas; lines are given in widget pixels.
 */
void
neurons_line_canvas_init (NeuronsLineCanvas *canvas,
                          float              width,
                          float              height,
                          float              scale)
{
  g_return_if_fail (canvas != NULL);
  g_return_if_fail (scale > 0);

  canvas->scale = scale;
  canvas->width = MAX (1, (int) ceilf (width * scale));
  canvas->height = MAX (1, (int) ceilf (height * scale));
  canvas->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, canvas->width, canvas->height);
  cairo_surface_set_device_scale (canvas->surface, scale, scale);
  cairo_surface_flush (canvas->surface);
  canvas->pixels = (guint32 *) cairo_image_surface_get_data (canvas->surface);
  canvas->stride = cairo_image_surface_get_stride (canvas->surface) / sizeof (guint32);
}

/* Premultiplied "over", in fixed point: the colour's premultiplied channels are 0-255 and
 * the coverage 0-256. */
static inline void
blend (guint32       *pixel,
       const guint32 *premultiplied,
       guint32        coverage)
{
  guint32 below = *pixel;
  guint32 keep = 256 - ((premultiplied[3] * coverage + 128) >> 8);
  guint32 a = (premultiplied[3] * coverage + (below >> 24) * keep + 128) >> 8;
  guint32 r = (premultiplied[0] * coverage + ((below >> 16) & 0xff) * keep + 128) >> 8;
  guint32 g = (premultiplied[1] * coverage + ((below >> 8) & 0xff) * keep + 128) >> 8;
  guint32 b = (premultiplied[2] * coverage + (below & 0xff) * keep + 128) >> 8;

  *pixel = (MIN (a, 255) << 24) | (MIN (r, 255) << 16) | (MIN (g, 255) << 8) | MIN (b, 255);
}

/**
 * neurons_line_canvas_draw_line:
 * @canvas: a canvas
 * @x0: where the line starts, in widget pixels
 * @y0: where the line starts
 * @x1: where the line ends
 * @y1: where the line ends
 * @line_width: its width, in widget pixels
 * @color: its colour
 *
 * Draws a straight line with butt ends, antialiased by the area each pixel has of it.
 */
void
neurons_line_canvas_draw_line (NeuronsLineCanvas *canvas,
                               float              x0,
                               float              y0,
                               float              x1,
                               float              y1,
                               float              line_width,
                               const GdkRGBA     *color)
{
  guint32 premultiplied[4] = {
    (guint32) (color->red * color->alpha * 255 + 0.5f), (guint32) (color->green * color->alpha * 255 + 0.5f),
    (guint32) (color->blue * color->alpha * 255 + 0.5f), (guint32) (color->alpha * 255 + 0.5f),
  };
  gboolean steep;
  float slope, half_span;
  int major_end, minor_end, first, last;

  g_return_if_fail (canvas != NULL && canvas->surface != NULL);
  g_return_if_fail (color != NULL);

  x0 *= canvas->scale;
  y0 *= canvas->scale;
  x1 *= canvas->scale;
  y1 *= canvas->scale;
  line_width *= canvas->scale;

  /* walk along the longer axis, u, and cover a span across it, v */
  steep = fabsf (y1 - y0) > fabsf (x1 - x0);
  if (steep)
    {
      float swap;

      swap = x0, x0 = y0, y0 = swap;
      swap = x1, x1 = y1, y1 = swap;
    }
  if (x0 > x1)
    {
      float swap;

      swap = x0, x0 = x1, x1 = swap;
      swap = y0, y0 = y1, y1 = swap;
    }
  if (!(x1 - x0 > 1e-3f) || !(line_width > 0) || !(color->alpha > 0))
    return;

  slope = (y1 - y0) / (x1 - x0);
  /* a line of width w crosses a column over w / cos θ */
  half_span = line_width / 2 * sqrtf (1 + slope * slope);
  major_end = steep ? canvas->height : canvas->width;
  minor_end = steep ? canvas->width : canvas->height;
  first = MAX (0, (int) floorf (x0));
  last = MIN (major_end, (int) ceilf (x1));

  for (int u = first; u < last; u++)
    {
      float start = MAX ((float) u, x0);
      float end = MIN ((float) u + 1, x1);
      float center = y0 + ((start + end) / 2 - x0) * slope;
      float low = center - half_span;
      float high = center + half_span;
      int v_first = MAX (0, (int) floorf (low));
      int v_last = MIN (minor_end, (int) ceilf (high));

      for (int v = v_first; v < v_last; v++)
        {
          float coverage = (MIN ((float) v + 1, high) - MAX ((float) v, low)) * (end - start);
          guint32 *pixel = steep ? &canvas->pixels[(gsize) u * canvas->stride + v]
                                 : &canvas->pixels[(gsize) v * canvas->stride + u];

          if (coverage > 0)
            blend (pixel, premultiplied, (guint32) (MIN (coverage, 1.0f) * 256 + 0.5f));
        }
    }
}

/**
 * neurons_line_canvas_finish:
 * @canvas: a canvas
 * @snapshot: where to draw the lines
 * @origin: where the canvas's top left corner goes
 *
 * Draws the lines and lets go of the canvas.
 */
void
neurons_line_canvas_finish (NeuronsLineCanvas      *canvas,
                            GtkSnapshot            *snapshot,
                            const graphene_point_t *origin)
{
  float width = canvas->width / canvas->scale;
  float height = canvas->height / canvas->scale;
  cairo_t *cr;

  g_return_if_fail (canvas != NULL && canvas->surface != NULL);
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (origin != NULL);

  cairo_surface_mark_dirty (canvas->surface);

  cr = neurons_cairo_append (snapshot, &GRAPHENE_RECT_INIT (origin->x, origin->y, width, height));
  cairo_set_source_surface (cr, canvas->surface, origin->x, origin->y);
  cairo_paint (cr);
  cairo_destroy (cr);

  g_clear_pointer (&canvas->surface, cairo_surface_destroy);
  canvas->pixels = NULL;
}
