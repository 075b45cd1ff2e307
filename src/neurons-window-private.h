/* neurons-window-private.h: what the files of the window (neurons-window-*.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-controls-sidebar.h"
#include "neurons-draw-canvas.h"
#include "neurons-experiment.h"
#include "neurons-learning-page.h"
#include "neurons-lesion-panel.h"
#include "neurons-lessons-pane.h"
#include "neurons-network-panel.h"
#include "neurons-seen-preview.h"
#include "neurons-test-page.h"
#include "neurons-timeline.h"
#include "neurons-window.h"

G_BEGIN_DECLS

struct _NeuronsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *play_button;
  GtkMenuButton        *speed_button;
  GtkMenuButton        *primary_menu_button;
  AdwBreakpoint        *narrow_breakpoint;
  AdwBreakpoint        *phone_breakpoint;
  GMenuModel           *training_menu;
  AdwBanner            *diverged_banner;
  AdwBanner            *dead_banner;
  GtkStack             *data_stack;
  AdwStatusPage        *error_page;
  NeuronsNetworkPanel  *network_panel;
  NeuronsTimeline      *timeline;
  NeuronsControlsSidebar *controls_sidebar;

  /* What the window shows and drives: the network, its trainer, its data, its state */
  NeuronsExperiment    *experiment;
  GCancellable         *cancellable;

  /* The pages (neurons-window-pages.c) */
  AdwViewStack         *view_stack;
  NeuronsLearningPage  *learning_page;
  NeuronsTestPage      *test_page;
  NeuronsLesionPanel   *lesion_panel;
  GtkMenuButton        *lesion_button;
  AdwOverlaySplitView  *controls_split;

  /* Draw mode (neurons-window-draw.c): on while the experiment shows the drawing */
  GtkWidget            *draw_pane;
  NeuronsDrawCanvas    *draw_canvas;
  NeuronsSeenPreview   *seen_preview;
  GSimpleAction        *draw_mode_action;
  gboolean              draw_mode;
  gboolean              draw_closed_lessons;

  /* The file the network belongs to, and its unsaved progress (neurons-window-files.c) */
  GFile                *file;
  guint64               saved_samples_seen;
  gboolean              unsaved;
  gboolean              close_confirmed;
  AdwDialog            *unsaved_dialog;

  /* What is remembered (neurons-window-settings.c) */
  GSettings            *settings;

  /* The lessons beside the network (neurons-window-lessons.c) */
  AdwOverlaySplitView  *lessons_split;
  NeuronsLessonsPane   *lessons_pane;
};

void _neurons_window_class_actions_init (NeuronsWindowClass *klass);
void _neurons_window_actions_init       (NeuronsWindow      *self);

void     _neurons_window_class_pages_init    (NeuronsWindowClass *klass);
void     _neurons_window_pages_init          (NeuronsWindow      *self);
NeuronsLesionPanel *_neurons_window_show_lesion_panel (NeuronsWindow *self);

void     _neurons_window_class_draw_init     (NeuronsWindowClass *klass);
void     _neurons_window_draw_init           (NeuronsWindow      *self);
void     _neurons_window_draw_update_actions (NeuronsWindow      *self);

void _neurons_window_class_files_init   (NeuronsWindowClass *klass);
void _neurons_window_files_init         (NeuronsWindow      *self);

void   _neurons_window_class_dataset_init     (NeuronsWindowClass *klass);
void   _neurons_window_dataset_init           (NeuronsWindow     *self);
void   _neurons_window_load_first             (NeuronsWindow     *self,
                                               const char        *data_directory);

void   _neurons_window_settings_init          (NeuronsWindow     *self);
double _neurons_window_settings_learning_rate (NeuronsWindow     *self,
                                               NeuronsActivation  activation);

void _neurons_window_class_lessons_init (NeuronsWindowClass *klass);
void _neurons_window_lessons_init       (NeuronsWindow      *self);

/* The network the experiment trains: the same one for the window's whole life */
static inline NeuronsNetworkModel *
_neurons_window_get_net (NeuronsWindow *self)
{
  return neurons_experiment_get_net (self->experiment);
}

G_END_DECLS
