/* neurons-controls-sidebar.h: the progress figures and the network's settings beside the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-experiment.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_CONTROLS_SIDEBAR (neurons_controls_sidebar_get_type ())

/* The best recipe found for this 784-16-16-10 network (README, "Beat 96 %"): what the
 * "Best 16 + 16" preset sets, as neurons-cli's command line would. */
typedef struct
{
  NeuronsActivation      hidden_activation;
  NeuronsInit            initialization;
  double                 learning_rate;    /* the schedule's peak */
  guint                  epochs;           /* the schedule's span */
  NeuronsTrainingOptions options;
} NeuronsRecipe;

#define NEURONS_BEST_RECIPE_COMMAND_LINE \
  "neurons-cli train --epochs 20 --activation relu --output softmax --optimizer adam --batch 32 --lr 0.01 --schedule one-cycle --augment shift:1"

void               neurons_recipe_best                      (NeuronsRecipe          *recipe,
                                                             guint                   n_training_images);
void               neurons_recipe_apply                     (const NeuronsRecipe    *recipe,
                                                             NeuronsExperiment      *experiment);

G_DECLARE_FINAL_TYPE (NeuronsControlsSidebar, neurons_controls_sidebar, NEURONS, CONTROLS_SIDEBAR, GtkWidget)

GtkWidget         *neurons_controls_sidebar_new             (void);
NeuronsExperiment *neurons_controls_sidebar_get_experiment  (NeuronsControlsSidebar *self);
void               neurons_controls_sidebar_set_experiment  (NeuronsControlsSidebar *self,
                                                             NeuronsExperiment      *experiment);
const char        *neurons_controls_sidebar_get_file_status (NeuronsControlsSidebar *self);
void               neurons_controls_sidebar_set_file_status (NeuronsControlsSidebar *self,
                                                             const char             *file_status);
void               neurons_controls_sidebar_apply_best      (NeuronsControlsSidebar *self);

G_END_DECLS
