/* neurons-lessons-pane.h: the guided lessons, beside the network they talk about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-evaluator.h"
#include "neurons-highlight.h"
#include "neurons-network-model.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_LESSONS_PANE (neurons_lessons_pane_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsLessonsPane, neurons_lessons_pane, NEURONS, LESSONS_PANE, GtkWidget)

GtkWidget        *neurons_lessons_pane_new           (void);
NeuronsNetworkModel *neurons_lessons_pane_get_net       (NeuronsLessonsPane *self);
void              neurons_lessons_pane_set_net       (NeuronsLessonsPane *self,
                                                      NeuronsNetworkModel   *net);
NeuronsEvaluator *neurons_lessons_pane_get_evaluator (NeuronsLessonsPane *self);
void              neurons_lessons_pane_set_evaluator (NeuronsLessonsPane *self,
                                                      NeuronsEvaluator   *evaluator);
NeuronsHighlight *neurons_lessons_pane_get_highlight (NeuronsLessonsPane *self);
void              neurons_lessons_pane_set_highlight (NeuronsLessonsPane *self,
                                                      NeuronsHighlight   *highlight);
const char       *neurons_lessons_pane_get_lesson    (NeuronsLessonsPane *self);
void              neurons_lessons_pane_set_lesson    (NeuronsLessonsPane *self,
                                                      const char         *lesson);

G_END_DECLS
