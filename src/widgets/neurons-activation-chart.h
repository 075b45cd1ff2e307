/* neurons-activation-chart.h: Sigmoid and ReLU, with their slopes, on shared axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-chart.h"
#include "neurons-enums.h"
#include "neurons-highlight.h"
#include "neurons-network-model.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_ACTIVATION_CHART (neurons_activation_chart_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsActivationChart, neurons_activation_chart, NEURONS, ACTIVATION_CHART, NeuronsChart)

GtkWidget         *neurons_activation_chart_new                  (void);
NeuronsActivation  neurons_activation_chart_get_activation       (NeuronsActivationChart *self);
void               neurons_activation_chart_set_activation       (NeuronsActivationChart *self,
                                                                  NeuronsActivation       activation);
gboolean           neurons_activation_chart_get_show_derivatives (NeuronsActivationChart *self);
void               neurons_activation_chart_set_show_derivatives (NeuronsActivationChart *self,
                                                                  gboolean                show_derivatives);
NeuronsNetworkModel  *neurons_activation_chart_get_net              (NeuronsActivationChart *self);
void               neurons_activation_chart_set_net              (NeuronsActivationChart *self,
                                                                  NeuronsNetworkModel       *net);
NeuronsHighlight  *neurons_activation_chart_get_highlight        (NeuronsActivationChart *self);
void               neurons_activation_chart_set_highlight        (NeuronsActivationChart *self,
                                                                  NeuronsHighlight       *highlight);
double             neurons_activation_chart_get_marked_input     (NeuronsActivationChart *self);

G_END_DECLS
