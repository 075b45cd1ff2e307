/* neurons-activation-curve.h: one neuron's activation, with its weighted sum marked on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-activation.h"
#include "neurons-chart.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_ACTIVATION_CURVE (neurons_activation_curve_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsActivationCurve, neurons_activation_curve, NEURONS, ACTIVATION_CURVE, NeuronsChart)

GtkWidget *neurons_activation_curve_new       (void);
void       neurons_activation_curve_set_point (NeuronsActivationCurve *self,
                                               NeuronsActivation       activation,
                                               float                   z,
                                               float                   a);

G_END_DECLS
