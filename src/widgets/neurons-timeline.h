/* neurons-timeline.h: the run's checkpoints as a slider, to rewind training and train on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-experiment.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_TIMELINE (neurons_timeline_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsTimeline, neurons_timeline, NEURONS, TIMELINE, GtkWidget)

GtkWidget         *neurons_timeline_new            (void);
NeuronsExperiment *neurons_timeline_get_experiment (NeuronsTimeline   *self);
void               neurons_timeline_set_experiment (NeuronsTimeline   *self,
                                                    NeuronsExperiment *experiment);

G_END_DECLS
