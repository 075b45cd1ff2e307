/* neurons-learning-rate-chart.h: gradient descent with steps too small, good and too large
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-chart.h"
#include "neurons-enums.h"
#include "neurons-mlp.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_LEARNING_RATE_CHART (neurons_learning_rate_chart_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsLearningRateChart, neurons_learning_rate_chart, NEURONS, LEARNING_RATE_CHART, NeuronsChart)

GtkWidget         *neurons_learning_rate_chart_new               (void);
double             neurons_learning_rate_chart_get_learning_rate (NeuronsLearningRateChart *self);
void               neurons_learning_rate_chart_set_learning_rate (NeuronsLearningRateChart *self,
                                                                  double                    learning_rate);
NeuronsActivation  neurons_learning_rate_chart_get_activation    (NeuronsLearningRateChart *self);
void               neurons_learning_rate_chart_set_activation    (NeuronsLearningRateChart *self,
                                                                  NeuronsActivation         activation);

G_END_DECLS
