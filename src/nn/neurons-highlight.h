/* neurons-highlight.h: the hidden neuron a person points at, shared by the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Which hidden layer a highlighted neuron is in. */
typedef enum
{
  NEURONS_HIGHLIGHT_NONE = -1,
  NEURONS_HIGHLIGHT_HIDDEN1 = 0,
  NEURONS_HIGHLIGHT_HIDDEN2 = 1,
} NeuronsHighlightLayer;

#define NEURONS_TYPE_HIGHLIGHT (neurons_highlight_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsHighlight, neurons_highlight, NEURONS, HIGHLIGHT, GObject)

NeuronsHighlight      *neurons_highlight_new        (void);
NeuronsHighlightLayer  neurons_highlight_get_layer  (NeuronsHighlight      *self);
int                    neurons_highlight_get_neuron (NeuronsHighlight      *self);
gboolean               neurons_highlight_get_pinned (NeuronsHighlight      *self);
gboolean               neurons_highlight_is         (NeuronsHighlight      *self,
                                                     NeuronsHighlightLayer  layer,
                                                     int                    neuron);
void                   neurons_highlight_hover      (NeuronsHighlight      *self,
                                                     NeuronsHighlightLayer  layer,
                                                     int                    neuron);
void                   neurons_highlight_hover_end  (NeuronsHighlight      *self);
void                   neurons_highlight_clear      (NeuronsHighlight      *self);
void                   neurons_highlight_select     (NeuronsHighlight      *self,
                                                     NeuronsHighlightLayer  layer,
                                                     int                    neuron);
void                   neurons_highlight_toggle_pin (NeuronsHighlight      *self,
                                                     NeuronsHighlightLayer  layer,
                                                     int                    neuron);
void                   neurons_highlight_unpin      (NeuronsHighlight      *self);

G_END_DECLS
