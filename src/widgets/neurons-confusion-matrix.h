/* neurons-confusion-matrix.h: which digits the network takes for which, on the whole test set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-evaluator.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_CONFUSION_MATRIX (neurons_confusion_matrix_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsConfusionMatrix, neurons_confusion_matrix, NEURONS, CONFUSION_MATRIX, GtkWidget)

GtkWidget        *neurons_confusion_matrix_new            (void);
NeuronsEvaluator *neurons_confusion_matrix_get_evaluator  (NeuronsConfusionMatrix *self);
void              neurons_confusion_matrix_set_evaluator  (NeuronsConfusionMatrix *self,
                                                           NeuronsEvaluator       *evaluator);
gboolean          neurons_confusion_matrix_get_cell_bounds (NeuronsConfusionMatrix *self,
                                                           guint                   true_digit,
                                                           guint                   predicted_digit,
                                                           graphene_rect_t        *bounds);
GtkWidget        *neurons_confusion_matrix_get_popover    (NeuronsConfusionMatrix *self);

G_END_DECLS
