/* neurons-network-view.h: the chain of voters, from the input digit to the prediction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-neuron-view.h"

G_BEGIN_DECLS

/* The parts of a training step, shown one after the other when stepping slowly. */
typedef enum
{
  NEURONS_STEP_PHASE_NONE,
  NEURONS_STEP_PHASE_FORWARD,
  NEURONS_STEP_PHASE_BACKWARD,
  NEURONS_STEP_PHASE_UPDATE,
} NeuronsStepPhase;

#define NEURONS_TYPE_NETWORK_VIEW (neurons_network_view_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsNetworkView, neurons_network_view, NEURONS, NETWORK_VIEW, NeuronsNeuronView)

GtkWidget        *neurons_network_view_new                   (void);
NeuronsStepPhase  neurons_network_view_get_phase             (NeuronsNetworkView *self);
gboolean          neurons_network_view_get_output_bar_bounds (NeuronsNetworkView *self,
                                                              guint               digit,
                                                              graphene_rect_t    *bounds);
gboolean          neurons_network_view_get_image_bounds      (NeuronsNetworkView *self,
                                                              graphene_rect_t    *bounds);

G_END_DECLS
