/* neurons-window-hover.c: the neuron people point at, marked on every activation curve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window-hover"

#include "config.h"

#include <math.h>

#include "neurons-activation-chart.h"
#include "neurons-window-private.h"

/*
 * When a hidden neuron is hovered, pinned or chosen from the keyboard in the network view, the
 * activation curves (on the Learning page and inline in the lessons) mark its weighted sum for
 * the input on show, so people see where on the curve that neuron sits now. The curves live in
 * different parts of the window, some built only when their lesson opens, so they are found by
 * walking the window's widgets: a few hundred, at most once per frame, and only while a neuron
 * is highlighted (plus once to clear the mark).
 */

static double
highlighted_weighted_sum (NeuronsWindow *self)
{
  NeuronsHighlight *highlight = neurons_network_panel_get_highlight (self->network_panel);
  const NeuronsForward *forward = neurons_neural_net_get_forward (self->net);
  int neuron = neurons_highlight_get_neuron (highlight);

  switch (neurons_highlight_get_layer (highlight))
    {
    case NEURONS_HIGHLIGHT_HIDDEN1:
      return neuron >= 0 && neuron < NEURONS_HIDDEN1_SIZE ? forward->z1[neuron] : NAN;
    case NEURONS_HIGHLIGHT_HIDDEN2:
      return neuron >= 0 && neuron < NEURONS_HIDDEN2_SIZE ? forward->z2[neuron] : NAN;
    case NEURONS_HIGHLIGHT_NONE:
    default:
      return NAN;
    }
}

static void
mark_curves (GtkWidget *widget,
             double     weighted_sum)
{
  if (NEURONS_IS_ACTIVATION_CHART (widget))
    g_object_set (widget, "marked-input", weighted_sum, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mark_curves (child, weighted_sum);
}

static void
update_marks (NeuronsWindow *self)
{
  double weighted_sum = highlighted_weighted_sum (self);

  if (isnan (weighted_sum) && isnan (self->marked_weighted_sum))
    return;

  self->marked_weighted_sum = weighted_sum;
  mark_curves (GTK_WIDGET (self), weighted_sum);
}

void
_neurons_window_hover_init (NeuronsWindow *self)
{
  NeuronsHighlight *highlight = neurons_network_panel_get_highlight (self->network_panel);

  self->marked_weighted_sum = NAN;
  g_signal_connect_object (highlight, "notify", G_CALLBACK (update_marks), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->net, "changed", G_CALLBACK (update_marks), self, G_CONNECT_SWAPPED);
}
