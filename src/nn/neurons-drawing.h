/* neurons-drawing.h: a digit drawn by hand, as strokes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "neurons-mlp.h"

G_BEGIN_DECLS

/*
 * Coordinates are canvas units: the canvas is the unit square, x from 0 at its left edge to 1
 * at its right, y from 0 at the top to 1 at the bottom.
 */

/* What a mouse or a finger presses with, as in the W3C's Pointer Events. */
#define NEURONS_DRAWING_DEFAULT_PRESSURE 0.5

/*
 * The pen's width in canvas units at the default pressure: a tenth of the canvas. Measured on
 * MNIST's test set (tests/test-drawing.c, /nn/drawing/pen-like-mnist): a 1, a 7 and a 0 drawn
 * to span 0.55-0.8 of the canvas come out of neurons_preprocess_ink() with strokes 1.7-2.6 px
 * wide and 45-139 pixels' worth of ink, about MNIST's medians of 2.0-2.2 px and 58, 88 and 131
 * for those digits. That is more than a tenth of the 20-pixel box because MNIST's strokes have
 * soft edges that carry ink beyond their solid core: a pen of 0.07 left a digit that fills the
 * canvas with 1.3-1.5 px strokes and 60-80% of MNIST's ink. A digit drawn smaller comes out bolder,
 * as it would with a pen on paper scanned the same way.
 */
#define NEURONS_DRAWING_PEN_WIDTH 0.10

/* The side of the square the strokes are rasterized into before preprocessing: ten times
 * MNIST's, so that the scaling into the 20-pixel box sees smooth edges. */
#define NEURONS_DRAWING_RASTER_SIDE 280

typedef struct
{
  float x;
  float y;
  float pressure;  /* 0..1 */
} NeuronsDrawingPoint;

#define NEURONS_TYPE_DRAWING (neurons_drawing_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsDrawing, neurons_drawing, NEURONS, DRAWING, GObject)

NeuronsDrawing            *neurons_drawing_new            (void);
void                       neurons_drawing_add_point      (NeuronsDrawing *self,
                                                           double          x,
                                                           double          y,
                                                           double          pressure);
void                       neurons_drawing_end_stroke     (NeuronsDrawing *self);
gboolean                   neurons_drawing_undo           (NeuronsDrawing *self);
void                       neurons_drawing_clear          (NeuronsDrawing *self);

gboolean                   neurons_drawing_is_empty       (NeuronsDrawing *self);
gboolean                   neurons_drawing_is_stroke_open (NeuronsDrawing *self);
guint                      neurons_drawing_get_n_strokes  (NeuronsDrawing *self);
const NeuronsDrawingPoint *neurons_drawing_get_stroke     (NeuronsDrawing *self,
                                                           guint           stroke,
                                                           guint          *n_points);
double                     neurons_drawing_segment_width  (const NeuronsDrawingPoint *from,
                                                           const NeuronsDrawingPoint *to);

void                       neurons_drawing_rasterize      (NeuronsDrawing *self,
                                                           float          *ink,
                                                           guint           side);
gboolean                   neurons_drawing_to_input       (NeuronsDrawing *self,
                                                           guint8         *pixels,
                                                           GError        **error);

G_END_DECLS
