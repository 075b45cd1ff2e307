/* neurons-learning-page.h: the window's page of figures about how the network learns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-evaluator.h"
#include "neurons-highlight.h"
#include "neurons-network-model.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_LEARNING_PAGE (neurons_learning_page_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsLearningPage, neurons_learning_page, NEURONS, LEARNING_PAGE, GtkWidget)

GtkWidget        *neurons_learning_page_new           (void);
NeuronsNetworkModel *neurons_learning_page_get_net       (NeuronsLearningPage *self);
void              neurons_learning_page_set_net       (NeuronsLearningPage *self,
                                                       NeuronsNetworkModel    *net);
NeuronsEvaluator *neurons_learning_page_get_evaluator (NeuronsLearningPage *self);
void              neurons_learning_page_set_evaluator (NeuronsLearningPage *self,
                                                       NeuronsEvaluator    *evaluator);
NeuronsHighlight *neurons_learning_page_get_highlight (NeuronsLearningPage *self);
void              neurons_learning_page_set_highlight (NeuronsLearningPage *self,
                                                       NeuronsHighlight    *highlight);

G_END_DECLS
