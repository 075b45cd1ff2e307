/* neurons-weight-tiles.h: the first layer's weights, one 28×28 tile per neuron
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-neuron-view.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_WEIGHT_TILES (neurons_weight_tiles_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsWeightTiles, neurons_weight_tiles, NEURONS, WEIGHT_TILES, NeuronsNeuronView)

GtkWidget        *neurons_weight_tiles_new             (void);
double            neurons_weight_tiles_get_range       (NeuronsWeightTiles *self);
gboolean          neurons_weight_tiles_get_tile_bounds (NeuronsWeightTiles *self,
                                                        guint               neuron,
                                                        graphene_rect_t    *bounds);

G_END_DECLS
