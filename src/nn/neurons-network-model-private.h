/* neurons-network-model-private.h: how the trainer hands its results to the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-network-model.h"
#include "neurons-sgd.h"

G_BEGIN_DECLS

/* One consistent picture of the network, taken by the worker thread and applied on the main
 * thread. When single is TRUE it describes exactly one step (previous holds the weights before
 * it, backward its errors); otherwise it sums up every step since the last one. */
typedef struct
{
  NeuronsMlp      mlp;
  NeuronsMlp      previous;
  NeuronsForward  forward;
  NeuronsBackward backward;
  guint8          input_pixels[NEURONS_INPUT_SIZE];
  guint64         samples_seen;
  gint64          sample_index;
  int             label;
  double          running_cost;
  gboolean        single;
  gboolean        diverged;
} NeuronsSnapshot;

/* A snapshot holds NeuronsMlp, whose arrays are aligned for vector loads and stores: it must
 * come from here, never from g_new(), whose memory is aligned for less. */
NeuronsSnapshot *neurons_snapshot_new  (void);
void             neurons_snapshot_free (NeuronsSnapshot *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NeuronsSnapshot, neurons_snapshot_free)

void neurons_network_model_apply_snapshot (NeuronsNetworkModel      *self,
                                        const NeuronsSnapshot *snapshot);
void neurons_network_model_mark_diverged  (NeuronsNetworkModel      *self);
double neurons_network_model_train_sgd_step (NeuronsNetworkModel    *self,
                                             NeuronsSgd             *sgd);

G_END_DECLS
