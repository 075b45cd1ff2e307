/* neurons-init-chart.h: the weights each initialisation draws for a 784-input layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-chart.h"
#include "neurons-enums.h"
#include "neurons-mlp.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_INIT_CHART (neurons_init_chart_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsInitChart, neurons_init_chart, NEURONS, INIT_CHART, NeuronsChart)

GtkWidget   *neurons_init_chart_new                (void);
NeuronsInit  neurons_init_chart_get_initialization (NeuronsInitChart *self);
void         neurons_init_chart_set_initialization (NeuronsInitChart *self,
                                                    NeuronsInit       initialization);

G_END_DECLS
