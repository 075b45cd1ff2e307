/* neurons-window-private.h: what neurons-window.c and neurons-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-dataset.h"
#include "neurons-draw-canvas.h"
#include "neurons-evaluator.h"
#include "neurons-learning-page.h"
#include "neurons-lessons-pane.h"
#include "neurons-neural-net.h"
#include "neurons-network-panel.h"
#include "neurons-seen-preview.h"
#include "neurons-test-page.h"
#include "neurons-trainer.h"
#include "neurons-training.h"
#include "neurons-window.h"

G_BEGIN_DECLS

struct _NeuronsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  GtkButton            *play_button;
  GtkMenuButton        *speed_button;
  GtkRevealer          *diverged_revealer;
  GtkLabel             *diverged_label;
  GtkRevealer          *dead_revealer;
  GtkStack             *data_stack;
  AdwStatusPage        *error_page;
  AdwFlap              *about_flap;
  NeuronsNetworkPanel  *network_panel;
  GtkCheckButton       *he_check;
  GtkCheckButton       *xavier_check;
  GtkCheckButton       *uniform_check;
  GtkAdjustment        *learning_rate_adjustment;
  GtkAdjustment        *learning_rate_log_adjustment;
  GtkLabel             *samples_label;
  GtkLabel             *epoch_label;
  GtkLabel             *cost_label;
  GtkLabel             *panel_accuracy_label;
  GtkLabel             *test_accuracy_label;
  GtkLabel             *throughput_label;

  /* The experiment */
  NeuronsNeuralNet     *net;
  NeuronsTrainer       *trainer;      /* NULL until the data is loaded */
  NeuronsDataset       *train;
  NeuronsDataset       *test;
  NeuronsEvaluator     *evaluator;    /* NULL until the data is loaded */
  char                 *data_directory;
  double                speed;
  GCancellable         *cancellable;

  /* The figures are refreshed at most this often, however fast the network changes */
  guint                 figures_source;
  gint64                figures_time;

  gboolean              syncing_learning_rate;

  /* NEURONS_BENCH_SECONDS */
  guint                 benchmark_seconds;
  gint64                benchmark_start;
  guint64               benchmark_start_samples;
  guint                 benchmark_frames;
  gulong                benchmark_paint_handler;

  /* The pages (neurons-window-pages.c) */
  AdwViewStack         *view_stack;
  NeuronsLearningPage  *learning_page;
  NeuronsTestPage      *test_page;
  GtkWidget            *controls_separator;
  GtkWidget            *controls_sidebar;

  /* Draw mode (neurons-window-draw.c): the input on show and whether training ran before */
  GtkWidget            *draw_pane;
  NeuronsDrawCanvas    *draw_canvas;
  NeuronsSeenPreview   *seen_preview;
  GSimpleAction        *draw_mode_action;
  gboolean              draw_mode;
  gboolean              draw_closed_flap;
  gboolean              draw_resumes_training;
  guint8                draw_saved_pixels[NEURONS_INPUT_SIZE];
  int                   draw_saved_label;
  gint64                draw_saved_index;

  /* The file the network belongs to, and its unsaved progress (neurons-window-files.c) */
  GtkLabel             *file_label;
  GFile                *file;
  guint64               saved_samples_seen;
  gboolean              unsaved;
  gboolean              close_confirmed;
  AdwDialog            *unsaved_dialog;

  /* What is remembered (neurons-window-settings.c) */
  GSettings            *settings;

  /* The lessons beside the network (neurons-window-lessons.c) */
  NeuronsLessonsPane   *lessons_pane;

  /* Which dataset is loaded, or being loaded (neurons-window-dataset.c) */
  NeuronsDatasetKind    dataset_kind;
};

void _neurons_window_class_actions_init (NeuronsWindowClass *klass);
void _neurons_window_actions_init       (NeuronsWindow      *self);
void _neurons_window_actions_update     (NeuronsWindow      *self);

void _neurons_window_reset              (NeuronsWindow      *self);
void _neurons_window_load_data          (NeuronsWindow      *self);
void _neurons_window_show_next_sample   (NeuronsWindow      *self);
void _neurons_window_choose_data_folder (NeuronsWindow      *self);

void     _neurons_window_class_pages_init    (NeuronsWindowClass *klass);
void     _neurons_window_pages_init          (NeuronsWindow      *self);
void     _neurons_window_pages_set_evaluator (NeuronsWindow      *self);

void     _neurons_window_class_draw_init     (NeuronsWindowClass *klass);
void     _neurons_window_draw_init           (NeuronsWindow      *self);
void     _neurons_window_draw_update_actions (NeuronsWindow      *self);
gboolean _neurons_window_end_draw_mode       (NeuronsWindow      *self,
                                              gboolean            resume_training);

void _neurons_window_files_init         (NeuronsWindow      *self);
void _neurons_window_set_file           (NeuronsWindow      *self,
                                         GFile              *file);
void _neurons_window_open               (NeuronsWindow      *self);
void _neurons_window_save               (NeuronsWindow      *self);
void _neurons_window_save_as            (NeuronsWindow      *self);
void _neurons_window_export_figure      (NeuronsWindow      *self);

void   _neurons_window_dataset_init           (NeuronsWindow     *self);

void   _neurons_window_settings_init          (NeuronsWindow     *self);
double _neurons_window_settings_learning_rate (NeuronsWindow     *self,
                                               NeuronsActivation  activation);

void _neurons_window_class_lessons_init (NeuronsWindowClass *klass);
void _neurons_window_lessons_init       (NeuronsWindow      *self);

G_END_DECLS
