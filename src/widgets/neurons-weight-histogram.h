/* neurons-weight-histogram.h: how one layer's weights are spread now, and at the start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-chart.h"
#include "neurons-network-model.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_WEIGHT_HISTOGRAM (neurons_weight_histogram_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsWeightHistogram, neurons_weight_histogram, NEURONS, WEIGHT_HISTOGRAM, NeuronsChart)

GtkWidget        *neurons_weight_histogram_new       (void);
NeuronsNetworkModel *neurons_weight_histogram_get_net   (NeuronsWeightHistogram *self);
void              neurons_weight_histogram_set_net   (NeuronsWeightHistogram *self,
                                                      NeuronsNetworkModel       *net);
guint             neurons_weight_histogram_get_layer (NeuronsWeightHistogram *self);
void              neurons_weight_histogram_set_layer (NeuronsWeightHistogram *self,
                                                      guint                   layer);

G_END_DECLS
