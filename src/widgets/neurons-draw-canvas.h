/* neurons-draw-canvas.h: where a person draws a digit for the network to read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-drawing.h"
#include "neurons-network-model.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_DRAW_CANVAS (neurons_draw_canvas_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsDrawCanvas, neurons_draw_canvas, NEURONS, DRAW_CANVAS, GtkWidget)

GtkWidget        *neurons_draw_canvas_new          (void);
NeuronsNetworkModel *neurons_draw_canvas_get_net      (NeuronsDrawCanvas *self);
void              neurons_draw_canvas_set_net      (NeuronsDrawCanvas *self,
                                                    NeuronsNetworkModel  *net);
NeuronsDrawing   *neurons_draw_canvas_get_drawing  (NeuronsDrawCanvas *self);
gboolean          neurons_draw_canvas_get_empty    (NeuronsDrawCanvas *self);
gboolean          neurons_draw_canvas_get_input    (NeuronsDrawCanvas *self,
                                                    guint8            *pixels);

void              neurons_draw_canvas_clear        (NeuronsDrawCanvas *self);
void              neurons_draw_canvas_undo         (NeuronsDrawCanvas *self);
void              neurons_draw_canvas_load_file    (NeuronsDrawCanvas *self,
                                                    GFile             *file);
void              neurons_draw_canvas_load_texture (NeuronsDrawCanvas *self,
                                                    GdkTexture        *texture);

G_END_DECLS
