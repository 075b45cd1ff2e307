/* neurons-neuron-view.h: the base of the views that point at, pin and walk the hidden neurons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-highlight.h"
#include "neurons-network-model.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_NEURON_VIEW (neurons_neuron_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (NeuronsNeuronView, neurons_neuron_view, NEURONS, NEURON_VIEW, GtkWidget)

/**
 * NeuronsNeuronViewClass:
 * @parent_class: the parent class
 * @neuron_at: the hidden neuron drawn at (@x, @y), with its generous target around it;
 *   %FALSE where there is none. Must be implemented.
 * @shows_layer: whether the view draws the neurons of @layer; by default, both hidden layers
 * @move: one step of the keyboard walk, @dx columns and @dy rows away from the neuron in
 *   @layer and @neuron (one the view shows), which it replaces with the neuron to go to.
 *   Must be implemented.
 * @net_changed: the net was replaced or changed, before the redraw; may be %NULL
 * @highlight_changed: the highlight was replaced or moved, before the redraw; may be %NULL
 * @describe: the accessible description of what the view shows now. Must be implemented.
 *
 * Every view shows the first hidden layer: the keyboard walk starts at its first neuron.
 */
struct _NeuronsNeuronViewClass
{
  GtkWidgetClass parent_class;

  gboolean   (*neuron_at)         (NeuronsNeuronView     *self,
                                   double                 x,
                                   double                 y,
                                   NeuronsHighlightLayer *layer,
                                   int                   *neuron);
  gboolean   (*shows_layer)       (NeuronsNeuronView     *self,
                                   NeuronsHighlightLayer  layer);
  void       (*move)              (NeuronsNeuronView     *self,
                                   int                    dx,
                                   int                    dy,
                                   NeuronsHighlightLayer *layer,
                                   int                   *neuron);
  void       (*net_changed)       (NeuronsNeuronView     *self);
  void       (*highlight_changed) (NeuronsNeuronView     *self);
  char      *(*describe)          (NeuronsNeuronView     *self);
};

NeuronsNetworkModel *neurons_neuron_view_get_net       (NeuronsNeuronView *self);
void              neurons_neuron_view_set_net       (NeuronsNeuronView *self,
                                                     NeuronsNetworkModel  *net);
NeuronsHighlight *neurons_neuron_view_get_highlight (NeuronsNeuronView *self);
void              neurons_neuron_view_set_highlight (NeuronsNeuronView *self,
                                                     NeuronsHighlight  *highlight);
float             neurons_neuron_view_get_line_height (NeuronsNeuronView *self);

G_END_DECLS
