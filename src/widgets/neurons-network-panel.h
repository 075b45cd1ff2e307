/* neurons-network-panel.h: everything the window shows of the network, in one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-highlight.h"
#include "neurons-network-model.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_NETWORK_PANEL (neurons_network_panel_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsNetworkPanel, neurons_network_panel, NEURONS, NETWORK_PANEL, GtkWidget)

GtkWidget        *neurons_network_panel_new     (void);
NeuronsNetworkModel *neurons_network_panel_get_net (NeuronsNetworkPanel *self);
void              neurons_network_panel_set_net (NeuronsNetworkPanel *self,
                                                 NeuronsNetworkModel    *net);
NeuronsHighlight *neurons_network_panel_get_highlight (NeuronsNetworkPanel *self);

G_END_DECLS
