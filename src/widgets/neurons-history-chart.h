/* neurons-history-chart.h: the cost, or the accuracy, over the course of training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-chart.h"
#include "neurons-evaluator.h"
#include "neurons-race.h"

G_BEGIN_DECLS

typedef enum
{
  NEURONS_HISTORY_CHART_COST,       /* the running cost of the training samples */
  NEURONS_HISTORY_CHART_ACCURACY,   /* accuracy on the test panel and the whole test set */
} NeuronsHistoryChartKind;

#define NEURONS_TYPE_HISTORY_CHART_KIND (neurons_history_chart_kind_get_type ())
GType neurons_history_chart_kind_get_type (void) G_GNUC_CONST;

#define NEURONS_TYPE_HISTORY_CHART (neurons_history_chart_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsHistoryChart, neurons_history_chart, NEURONS, HISTORY_CHART, NeuronsChart)

GtkWidget               *neurons_history_chart_new           (NeuronsHistoryChartKind  kind);
NeuronsHistoryChartKind  neurons_history_chart_get_kind      (NeuronsHistoryChart     *self);
NeuronsEvaluator        *neurons_history_chart_get_evaluator (NeuronsHistoryChart     *self);
void                     neurons_history_chart_set_evaluator (NeuronsHistoryChart     *self,
                                                              NeuronsEvaluator        *evaluator);
NeuronsRace             *neurons_history_chart_get_race      (NeuronsHistoryChart     *self);
void                     neurons_history_chart_set_race      (NeuronsHistoryChart     *self,
                                                              NeuronsRace             *race);

G_END_DECLS
