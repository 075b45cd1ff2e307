/* neurons-evaluator.h: how well the network does on held-out images, kept current
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "neurons-dataset.h"
#include "neurons-history.h"
#include "neurons-network-model.h"
#include "neurons-evaluation.h"
#include "neurons-sgd.h"

G_BEGIN_DECLS

/* One image of the test panel and what the network made of it. */
typedef struct
{
  guint test_index;                       /* its index in the test set */
  guint label;                            /* its true digit */
  guint prediction;                       /* the network's guess, once evaluated */
  float outputs[NEURONS_OUTPUT_SIZE];     /* the output activations behind the guess */
} NeuronsPanelSample;

#define NEURONS_TYPE_EVALUATOR (neurons_evaluator_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsEvaluator, neurons_evaluator, NEURONS, EVALUATOR, GObject)

NeuronsEvaluator         *neurons_evaluator_new                         (NeuronsNetworkModel *net,
                                                                         NeuronsDataset   *test);
NeuronsNetworkModel         *neurons_evaluator_get_net                     (NeuronsEvaluator *self);
NeuronsDataset           *neurons_evaluator_get_test_set                (NeuronsEvaluator *self);
void                      neurons_evaluator_set_test_set                (NeuronsEvaluator *self,
                                                                         NeuronsDataset   *test);

gboolean                  neurons_evaluator_has_results                 (NeuronsEvaluator *self);
guint64                   neurons_evaluator_get_samples_seen            (NeuronsEvaluator *self);
double                    neurons_evaluator_get_test_accuracy           (NeuronsEvaluator *self);
double                    neurons_evaluator_get_panel_accuracy          (NeuronsEvaluator *self);
double                    neurons_evaluator_get_panel_digit_accuracy    (NeuronsEvaluator *self,
                                                                         guint             digit);
const NeuronsEvaluation  *neurons_evaluator_get_evaluation              (NeuronsEvaluator *self);
const NeuronsEvaluation  *neurons_evaluator_get_intact_evaluation       (NeuronsEvaluator *self);
const NeuronsLesion      *neurons_evaluator_get_lesion                  (NeuronsEvaluator *self);
const guint8             *neurons_evaluator_get_predictions             (NeuronsEvaluator *self);
const NeuronsPanelSample *neurons_evaluator_get_panel                   (NeuronsEvaluator *self,
                                                                         guint            *n_samples);

const NeuronsHistory     *neurons_evaluator_get_cost_history            (NeuronsEvaluator *self);
const NeuronsHistory     *neurons_evaluator_get_panel_accuracy_history  (NeuronsEvaluator *self);
const NeuronsHistory     *neurons_evaluator_get_digit_accuracy_history  (NeuronsEvaluator *self,
                                                                         guint             digit);
const NeuronsHistory     *neurons_evaluator_get_test_accuracy_history   (NeuronsEvaluator *self);

void                      neurons_evaluator_rank_async                  (NeuronsEvaluator     *self,
                                                                         GCancellable         *cancellable,
                                                                         GAsyncReadyCallback   callback,
                                                                         gpointer              user_data);
gboolean                  neurons_evaluator_rank_finish                 (NeuronsEvaluator     *self,
                                                                         GAsyncResult         *result,
                                                                         NeuronsLesionRanking *ranking,
                                                                         GError              **error);

G_END_DECLS
