/* neurons-seen-preview.h: the 28×28 input as the network sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-network-model.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_SEEN_PREVIEW (neurons_seen_preview_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsSeenPreview, neurons_seen_preview, NEURONS, SEEN_PREVIEW, GtkWidget)

GtkWidget        *neurons_seen_preview_new     (void);
NeuronsNetworkModel *neurons_seen_preview_get_net (NeuronsSeenPreview *self);
void              neurons_seen_preview_set_net (NeuronsSeenPreview *self,
                                                NeuronsNetworkModel   *net);

G_END_DECLS
