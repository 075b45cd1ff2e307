/* neurons-drawing.c: a digit drawn by hand, as strokes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-drawing"

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-drawing.h"
#include "neurons-preprocess.h"

/*
 * The strokes, in the order they were drawn. A stroke is a run of points, drawn as a round
 * pen dragged straight from each point to the next; each segment has one width, the mean of
 * its ends' (so a canvas drawing it with Cairo strokes each segment with round caps, and the
 * two pictures agree). The last stroke is open while the pen is down.
 */
struct _NeuronsDrawing
{
  GObject  parent_instance;

  GArray  *points;         /* of NeuronsDrawingPoint, every stroke's one after the other */
  GArray  *stroke_starts;  /* of guint: where in points each stroke begins */
  gboolean stroke_open;
};

G_DEFINE_FINAL_TYPE (NeuronsDrawing, neurons_drawing, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
neurons_drawing_finalize (GObject *object)
{
  NeuronsDrawing *self = (NeuronsDrawing *) object;

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->stroke_starts, g_array_unref);

  G_OBJECT_CLASS (neurons_drawing_parent_class)->finalize (object);
}

static void
neurons_drawing_class_init (NeuronsDrawingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = neurons_drawing_finalize;

  /**
   * NeuronsDrawing::changed:
   *
   * A point or a stroke was added or taken away. Views connect it to a redraw.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
neurons_drawing_init (NeuronsDrawing *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (NeuronsDrawingPoint));
  self->stroke_starts = g_array_new (FALSE, FALSE, sizeof (guint));
}

NeuronsDrawing *
neurons_drawing_new (void)
{
  return g_object_new (NEURONS_TYPE_DRAWING, NULL);
}

/**
 * neurons_drawing_add_point:
 * @self: a drawing
 * @x: across the canvas, 0..1 from the left
 * @y: down the canvas, 0..1 from the top
 * @pressure: how hard the pen presses, 0..1 (%NEURONS_DRAWING_DEFAULT_PRESSURE without a
 *   stylus); values outside are clamped
 *
 * Extends the open stroke to the point, or starts a stroke there.
 */
void
neurons_drawing_add_point (NeuronsDrawing *self,
                           double          x,
                           double          y,
                           double          pressure)
{
  NeuronsDrawingPoint point;

  g_return_if_fail (NEURONS_IS_DRAWING (self));
  g_return_if_fail (isfinite (x) && isfinite (y) && isfinite (pressure));

  if (!self->stroke_open)
    {
      guint start = self->points->len;

      g_array_append_val (self->stroke_starts, start);
      self->stroke_open = TRUE;
    }

  point.x = (float) x;
  point.y = (float) y;
  point.pressure = (float) CLAMP (pressure, 0.0, 1.0);
  g_array_append_val (self->points, point);

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * neurons_drawing_end_stroke:
 * @self: a drawing
 *
 * Lifts the pen: the next point starts a new stroke. Does nothing when the pen is up.
 */
void
neurons_drawing_end_stroke (NeuronsDrawing *self)
{
  g_return_if_fail (NEURONS_IS_DRAWING (self));

  self->stroke_open = FALSE;
}

/**
 * neurons_drawing_undo:
 * @self: a drawing
 *
 * Takes away the last stroke, even while it is being drawn.
 *
 * Returns: %FALSE if there was no stroke to take away
 */
gboolean
neurons_drawing_undo (NeuronsDrawing *self)
{
  guint last;

  g_return_val_if_fail (NEURONS_IS_DRAWING (self), FALSE);

  if (self->stroke_starts->len == 0)
    return FALSE;

  last = self->stroke_starts->len - 1;
  g_array_set_size (self->points, g_array_index (self->stroke_starts, guint, last));
  g_array_set_size (self->stroke_starts, last);
  self->stroke_open = FALSE;

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * neurons_drawing_clear:
 * @self: a drawing
 *
 * Takes away every stroke.
 */
void
neurons_drawing_clear (NeuronsDrawing *self)
{
  g_return_if_fail (NEURONS_IS_DRAWING (self));

  self->stroke_open = FALSE;
  if (self->stroke_starts->len == 0)
    return;

  g_array_set_size (self->points, 0);
  g_array_set_size (self->stroke_starts, 0);

  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
neurons_drawing_is_empty (NeuronsDrawing *self)
{
  g_return_val_if_fail (NEURONS_IS_DRAWING (self), TRUE);

  return self->stroke_starts->len == 0;
}

/* Whether the pen is down: the last stroke still grows. */
gboolean
neurons_drawing_is_stroke_open (NeuronsDrawing *self)
{
  g_return_val_if_fail (NEURONS_IS_DRAWING (self), FALSE);

  return self->stroke_open;
}

guint
neurons_drawing_get_n_strokes (NeuronsDrawing *self)
{
  g_return_val_if_fail (NEURONS_IS_DRAWING (self), 0);

  return self->stroke_starts->len;
}

/**
 * neurons_drawing_get_stroke:
 * @self: a drawing
 * @stroke: which stroke, from 0 for the first drawn
 * @n_points: (out): how many points it has, at least one
 *
 * Returns: (array length=n_points): the stroke's points, valid until the drawing changes
 */
const NeuronsDrawingPoint *
neurons_drawing_get_stroke (NeuronsDrawing *self,
                            guint           stroke,
                            guint          *n_points)
{
  guint start, end;

  g_return_val_if_fail (NEURONS_IS_DRAWING (self), NULL);
  g_return_val_if_fail (stroke < self->stroke_starts->len, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  start = g_array_index (self->stroke_starts, guint, stroke);
  end = stroke + 1 < self->stroke_starts->len
        ? g_array_index (self->stroke_starts, guint, stroke + 1)
        : self->points->len;
  *n_points = end - start;

  return &g_array_index (self->points, NeuronsDrawingPoint, start);
}

/**
 * neurons_drawing_segment_width:
 * @from: where the segment starts
 * @to: where it ends; the same point for a dot
 *
 * The pen's width along a segment, in canvas units: %NEURONS_DRAWING_PEN_WIDTH at the default
 * pressure, half of it at none, one and a half times it at full pressure.
 */
double
neurons_drawing_segment_width (const NeuronsDrawingPoint *from,
                               const NeuronsDrawingPoint *to)
{
  double pressure;

  g_return_val_if_fail (from != NULL && to != NULL, 0);

  pressure = (from->pressure + to->pressure) / 2.0;

  return NEURONS_DRAWING_PEN_WIDTH * (0.5 + pressure);
}

/*
 * Adds one segment's ink to ink, (side, side): a round pen of the given radius dragged from
 * (x0, y0) to (x1, y1), all in pixels. Each pixel is covered as far as its centre lies inside
 * the pen's outline, ramping over one pixel across the edge, which is how much of a pixel an
 * edge through it covers when the outline is locally straight. Strokes are opaque, so where
 * they overlap the ink is the larger of the two, not their sum.
 */
static void
rasterize_segment (float  *ink,
                   guint   side,
                   double  x0,
                   double  y0,
                   double  x1,
                   double  y1,
                   double  radius)
{
  double dx = x1 - x0, dy = y1 - y0;
  double length2 = dx * dx + dy * dy;
  /* Pixels whose centres are this far from the segment are blank, and this near, solid. */
  double outer = radius + 0.5, inner = MAX (radius - 0.5, 0.0);
  int left = MAX ((int) floor (MIN (x0, x1) - radius - 1), 0);
  int right = MIN ((int) ceil (MAX (x0, x1) + radius + 1), (int) side - 1);
  int top = MAX ((int) floor (MIN (y0, y1) - radius - 1), 0);
  int bottom = MIN ((int) ceil (MAX (y0, y1) + radius + 1), (int) side - 1);

  for (int y = top; y <= bottom; y++)
    for (int x = left; x <= right; x++)
      {
        float *pixel = &ink[(gsize) y * side + x];
        double px = x + 0.5, py = y + 0.5;
        double along, nearest_x, nearest_y, distance2;
        float coverage;

        if (*pixel == 1.0f)
          continue;

        /* The nearest point of the segment: its projection, held to the segment's ends. */
        along = length2 > 0 ? CLAMP (((px - x0) * dx + (py - y0) * dy) / length2, 0.0, 1.0) : 0.0;
        nearest_x = px - (x0 + along * dx);
        nearest_y = py - (y0 + along * dy);
        distance2 = nearest_x * nearest_x + nearest_y * nearest_y;
        if (distance2 >= outer * outer)
          continue;

        coverage = distance2 <= inner * inner
                   ? 1.0f
                   : (float) CLAMP (outer - sqrt (distance2), 0.0, 1.0);
        *pixel = MAX (*pixel, coverage);
      }
}

/**
 * neurons_drawing_rasterize:
 * @self: a drawing
 * @ink: (out caller-allocates) (array): (side, side) row-major, 0 = paper, 1 = full ink
 * @side: how many pixels the canvas spans each way
 *
 * Paints the strokes, anti-aliased, the way the canvas shows them.
 */
void
neurons_drawing_rasterize (NeuronsDrawing *self,
                           float          *ink,
                           guint           side)
{
  g_return_if_fail (NEURONS_IS_DRAWING (self));
  g_return_if_fail (ink != NULL);
  g_return_if_fail (side > 0);

  memset (ink, 0, (gsize) side * side * sizeof (float));

  for (guint stroke = 0; stroke < self->stroke_starts->len; stroke++)
    {
      guint n_points;
      const NeuronsDrawingPoint *points = neurons_drawing_get_stroke (self, stroke, &n_points);

      /* A stroke of one point is a dot: a segment from the point to itself. */
      for (guint i = 0; i < MAX (n_points, 2) - 1; i++)
        {
          const NeuronsDrawingPoint *from = &points[i];
          const NeuronsDrawingPoint *to = &points[MIN (i + 1, n_points - 1)];

          rasterize_segment (ink, side,
                             from->x * side, from->y * side,
                             to->x * side, to->y * side,
                             neurons_drawing_segment_width (from, to) * side / 2.0);
        }
    }
}

/**
 * neurons_drawing_to_input:
 * @self: a drawing
 * @pixels: (out caller-allocates) (array fixed-size=784): the network's input
 * @error: where to say why there is none
 *
 * Turns the drawing into an input the way MNIST was made (neurons_preprocess_ink()).
 *
 * Returns: %FALSE, with %NEURONS_PREPROCESS_ERROR_EMPTY, when nothing is drawn
 */
gboolean
neurons_drawing_to_input (NeuronsDrawing *self,
                          guint8         *pixels,
                          GError        **error)
{
  g_autofree float *ink = NULL;

  g_return_val_if_fail (NEURONS_IS_DRAWING (self), FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ink = g_new (float, NEURONS_DRAWING_RASTER_SIDE * NEURONS_DRAWING_RASTER_SIDE);
  neurons_drawing_rasterize (self, ink, NEURONS_DRAWING_RASTER_SIDE);

  return neurons_preprocess_ink (ink, NEURONS_DRAWING_RASTER_SIDE, NEURONS_DRAWING_RASTER_SIDE,
                                 pixels, error);
}
