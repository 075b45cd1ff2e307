/* neurons-race-dialog.c: two networks race on the same digits, chosen and watched in a dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-race-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-history-chart.h"
#include "neurons-race-dialog.h"
#include "neurons-race-lane.h"
#include "neurons-race.h"
#include "neurons-sgd.h"

/*
 * A race is a detour from the window's own network, so it lives in a dialog over it, which
 * Escape leaves like any other: the first page chooses the race (a preset, or any two
 * settings a person picks) and its finish, the second shows it, the two networks side by side
 * over one accuracy chart and one cost chart that draw both, and says in a sentence who won.
 * Going back to the first page, or closing the dialog, ends the race. The window's own
 * training pauses while the networks race, so that each racer has a core, and goes on after.
 */

struct _NeuronsRaceDialog
{
  AdwDialog          parent_instance;

  NeuronsExperiment *experiment;
  NeuronsRace       *race;
  gboolean           window_was_playing;
  gboolean           applying_preset;

  AdwNavigationView *navigation;
  AdwNavigationPage *race_page;
  AdwComboRow       *preset_row;
  GtkStringList     *preset_list;
  AdwComboRow       *activation_rows[NEURONS_RACE_N_SIDES];
  AdwComboRow       *init_rows[NEURONS_RACE_N_SIDES];
  AdwSpinRow        *rate_rows[NEURONS_RACE_N_SIDES];
  AdwComboRow       *output_rows[NEURONS_RACE_N_SIDES];
  AdwComboRow       *optimizer_rows[NEURONS_RACE_N_SIDES];
  AdwSpinRow        *batch_rows[NEURONS_RACE_N_SIDES];
  AdwSpinRow        *shift_rows[NEURONS_RACE_N_SIDES];
  AdwSpinRow        *samples_row;
  AdwSwitchRow      *target_switch_row;
  AdwSpinRow        *target_row;
  GtkLabel          *race_title_label;
  GtkLabel          *result_label;
  GtkProgressBar    *progress_bar;
  GtkStack          *race_buttons;
  GtkWidget         *stop_button;
  GtkWidget         *again_button;
  NeuronsRaceLane   *lanes[NEURONS_RACE_N_SIDES];
  NeuronsHistoryChart *accuracy_chart;
  NeuronsHistoryChart *cost_chart;
};

G_DEFINE_FINAL_TYPE (NeuronsRaceDialog, neurons_race_dialog, ADW_TYPE_DIALOG)

/* The rows of the initialisation list, in the order of the .ui file */
static const NeuronsInit init_rows_order[] = { NEURONS_INIT_HE, NEURONS_INIT_XAVIER, NEURONS_INIT_UNIFORM };

/* The rows of the optimiser list, in the order of the .ui file */
static const NeuronsOptimizer optimizer_rows_order[] = { NEURONS_OPTIMIZER_SGD, NEURONS_OPTIMIZER_MOMENTUM, NEURONS_OPTIMIZER_ADAM };

static NeuronsRaceSide
side_of_row (NeuronsRaceDialog *self,
             gpointer           row,
             gpointer          *rows)
{
  return row == rows[NEURONS_RACE_SIDE_A] ? NEURONS_RACE_SIDE_A : NEURONS_RACE_SIDE_B;
}

/* One side's settings, as the rows show them: the options a person can pick here, the
 * others off. */
static void
read_settings (NeuronsRaceDialog    *self,
               NeuronsRaceSide       side,
               NeuronsRacerSettings *settings)
{
  guint init = adw_combo_row_get_selected (self->init_rows[side]);
  guint optimizer = adw_combo_row_get_selected (self->optimizer_rows[side]);

  neurons_racer_settings_init (settings, adw_combo_row_get_selected (self->activation_rows[side]) == 1
                                          ? NEURONS_ACTIVATION_RELU : NEURONS_ACTIVATION_SIGMOID);
  settings->initialization = init_rows_order[MIN (init, G_N_ELEMENTS (init_rows_order) - 1)];
  settings->learning_rate = adw_spin_row_get_value (self->rate_rows[side]);
  settings->options.output = adw_combo_row_get_selected (self->output_rows[side]) == 1
                               ? NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY : NEURONS_OUTPUT_SIGMOID_QUADRATIC;
  settings->options.optimizer = optimizer_rows_order[MIN (optimizer, G_N_ELEMENTS (optimizer_rows_order) - 1)];
  settings->options.batch_size = (guint) adw_spin_row_get_value (self->batch_rows[side]);
  settings->options.augment_shift = (guint) adw_spin_row_get_value (self->shift_rows[side]);
}

static void
show_settings (NeuronsRaceDialog          *self,
               NeuronsRaceSide             side,
               const NeuronsRacerSettings *settings)
{
  for (guint i = 0; i < G_N_ELEMENTS (init_rows_order); i++)
    if (init_rows_order[i] == settings->initialization)
      adw_combo_row_set_selected (self->init_rows[side], i);
  adw_combo_row_set_selected (self->activation_rows[side],
                              settings->hidden_activation == NEURONS_ACTIVATION_RELU ? 1 : 0);
  adw_spin_row_set_value (self->rate_rows[side], settings->learning_rate);
  adw_combo_row_set_selected (self->output_rows[side],
                              settings->options.output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY ? 1 : 0);
  for (guint i = 0; i < G_N_ELEMENTS (optimizer_rows_order); i++)
    if (optimizer_rows_order[i] == settings->options.optimizer)
      adw_combo_row_set_selected (self->optimizer_rows[side], i);
  adw_spin_row_set_value (self->batch_rows[side], settings->options.batch_size);
  adw_spin_row_set_value (self->shift_rows[side], settings->options.augment_shift);
}

/* The preset the rows show, or NEURONS_RACE_N_PRESETS for a person's own choice. */
static guint
matching_preset (NeuronsRaceDialog *self)
{
  NeuronsRacerSettings a, b;

  read_settings (self, NEURONS_RACE_SIDE_A, &a);
  read_settings (self, NEURONS_RACE_SIDE_B, &b);
  for (guint preset = 0; preset < NEURONS_RACE_N_PRESETS; preset++)
    {
      NeuronsRacerSettings preset_a, preset_b;

      neurons_race_preset_get_settings (preset, &preset_a, &preset_b);
      if (neurons_racer_settings_equal (&a, &preset_a) && neurons_racer_settings_equal (&b, &preset_b))
        return preset;
    }

  return NEURONS_RACE_N_PRESETS;
}

static void
on_preset_selected (NeuronsRaceDialog *self)
{
  guint preset = adw_combo_row_get_selected (self->preset_row);
  NeuronsRacerSettings a, b;

  if (preset >= NEURONS_RACE_N_PRESETS || self->applying_preset)
    return;

  self->applying_preset = TRUE;
  neurons_race_preset_get_settings (preset, &a, &b);
  show_settings (self, NEURONS_RACE_SIDE_A, &a);
  show_settings (self, NEURONS_RACE_SIDE_B, &b);
  self->applying_preset = FALSE;
}

/* A person's change: the preset that matches, or their own choice. */
static void
on_setting_changed (NeuronsRaceDialog *self)
{
  if (self->applying_preset)
    return;

  self->applying_preset = TRUE;
  adw_combo_row_set_selected (self->preset_row, matching_preset (self));
  self->applying_preset = FALSE;
}

/* Another activation brings its own suggested initialisation and learning rate, as in the
 * window, and another optimiser its learning rate; the other choices stay. */
static void
suggest_settings (NeuronsRaceDialog *self,
                  NeuronsRaceSide    side,
                  gboolean           initialization)
{
  NeuronsRacerSettings settings;

  if (self->applying_preset)
    return;

  self->applying_preset = TRUE;
  read_settings (self, side, &settings);
  if (initialization)
    settings.initialization = neurons_suggested_init (settings.hidden_activation);
  settings.learning_rate = neurons_racer_suggested_learning_rate (settings.hidden_activation, &settings.options);
  show_settings (self, side, &settings);
  self->applying_preset = FALSE;
  on_setting_changed (self);
}

static void
on_activation_selected (NeuronsRaceDialog *self,
                        GParamSpec        *pspec,
                        AdwComboRow       *row)
{
  suggest_settings (self, side_of_row (self, row, (gpointer *) self->activation_rows), TRUE);
}

static void
on_optimizer_selected (NeuronsRaceDialog *self,
                       GParamSpec        *pspec,
                       AdwComboRow       *row)
{
  suggest_settings (self, side_of_row (self, row, (gpointer *) self->optimizer_rows), FALSE);
}

/* The race on show */

static void
update_progress (NeuronsRaceDialog *self)
{
  guint n = neurons_race_get_n_checkpoints (self->race);
  guint64 max_samples = neurons_race_get_max_samples (self->race);
  guint64 samples = n > 0 ? neurons_race_get_checkpoint (self->race, n - 1)->samples_seen : 0;
  g_autofree char *done = g_strdup_printf ("%'" G_GUINT64_FORMAT, samples);
  g_autofree char *total = g_strdup_printf ("%'" G_GUINT64_FORMAT, max_samples);
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, (double) samples / max_samples);
  if (neurons_race_get_state (self->race) == NEURONS_RACE_FINISHED)
    return;

  /* Translators: "Racing: 12,000 of 60,000 samples" */
  text = g_strdup_printf (_("Racing: %s of %s samples"), done, total);
  gtk_label_set_text (self->result_label, text);
}

static void
on_race_state (NeuronsRaceDialog *self)
{
  gboolean finished = neurons_race_get_state (self->race) == NEURONS_RACE_FINISHED;
  gboolean had_focus = gtk_widget_has_focus (self->stop_button) || gtk_widget_has_focus (self->again_button);

  gtk_stack_set_visible_child_name (self->race_buttons, finished ? "finished" : "running");
  /* the focus stays on the button that takes the place of the one it was on */
  if (had_focus)
    gtk_widget_grab_focus (finished ? self->again_button : self->stop_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "race.stop", !finished);
  if (finished)
    gtk_label_set_text (self->result_label, neurons_race_get_result (self->race));
  else
    update_progress (self);
}

static void
drop_race (NeuronsRaceDialog *self)
{
  if (self->race == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->race, self);
  neurons_race_stop (self->race);
  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    neurons_race_lane_set_race (self->lanes[side], NULL);
  neurons_history_chart_set_race (self->accuracy_chart, NULL);
  neurons_history_chart_set_race (self->cost_chart, NULL);
  g_clear_object (&self->race);
}

/* Samples between measurements: some 30 points per curve, in whole thousands. Each is taken
 * on RACE_MEASURED_IMAGES test images, the last on all: all 10 000 at every point would take
 * ten times longer than a race of 60 000 samples trains. */
#define RACE_MEASURED_IMAGES 1000

static guint64
measurement_interval (guint64 max_samples)
{
  return MAX (1000, (max_samples / 30 + 999) / 1000 * 1000);
}

static void
start_race (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  NeuronsRaceDialog *self = NEURONS_RACE_DIALOG (widget);
  NeuronsRacerSettings a, b;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  g_autofree char *title = NULL;
  guint preset;
  guint64 max_samples = (guint64) adw_spin_row_get_value (self->samples_row);
  double target = adw_switch_row_get_active (self->target_switch_row)
                    ? adw_spin_row_get_value (self->target_row) / 100 : 0;

  if (neurons_experiment_get_training_set (self->experiment) == NULL)
    return;

  drop_race (self);
  read_settings (self, NEURONS_RACE_SIDE_A, &a);
  read_settings (self, NEURONS_RACE_SIDE_B, &b);
  self->race = neurons_race_new (neurons_experiment_get_training_set (self->experiment),
                                 neurons_experiment_get_test_set (self->experiment),
                                 &a, &b, NEURONS_DEFAULT_SEED);
  neurons_race_set_finish (self->race, max_samples, target, measurement_interval (max_samples));
  neurons_race_set_measured_images (self->race, RACE_MEASURED_IMAGES);

  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    neurons_race_lane_set_race (self->lanes[side], self->race);
  neurons_history_chart_set_race (self->accuracy_chart, self->race);
  neurons_history_chart_set_race (self->cost_chart, self->race);
  g_signal_connect_object (self->race, "checkpoint", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->race, "notify::state", G_CALLBACK (on_race_state), self, G_CONNECT_SWAPPED);

  name_a = neurons_race_get_name (self->race, NEURONS_RACE_SIDE_A);
  name_b = neurons_race_get_name (self->race, NEURONS_RACE_SIDE_B);
  /* a preset's own title, or the two names */
  preset = adw_combo_row_get_selected (self->preset_row);
  if (preset < NEURONS_RACE_N_PRESETS)
    title = g_strdup (neurons_race_preset_get_title (preset));
  else
    /* Translators: the race's title, "Sigmoid vs ReLU" */
    title = g_strdup_printf (_("%s vs %s"), name_a, name_b);
  adw_navigation_page_set_title (self->race_page, title);
  gtk_label_set_text (self->race_title_label, title);

  /* each racer gets a core: the window's own network waits */
  if (neurons_experiment_get_playing (self->experiment))
    {
      self->window_was_playing = TRUE;
      neurons_experiment_pause (self->experiment);
    }

  neurons_race_start (self->race);
  on_race_state (self);
  if (adw_navigation_view_get_visible_page (self->navigation) != self->race_page)
    {
      adw_navigation_view_push_by_tag (self->navigation, "race");
      /* on the race's controls rather than in a network view, where focus picks a neuron */
      gtk_widget_grab_focus (self->stop_button);
    }
}

static void
stop_race (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  NeuronsRaceDialog *self = NEURONS_RACE_DIALOG (widget);

  if (self->race != NULL)
    neurons_race_stop (self->race);
}

static void
on_race_page_hidden (NeuronsRaceDialog *self)
{
  drop_race (self);
}

static void
update_start (NeuronsRaceDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "race.start",
                                 neurons_experiment_get_training_set (self->experiment) != NULL);
}

static void
neurons_race_dialog_closed (AdwDialog *dialog)
{
  NeuronsRaceDialog *self = NEURONS_RACE_DIALOG (dialog);

  drop_race (self);
  if (self->window_was_playing)
    neurons_experiment_play (self->experiment);
  self->window_was_playing = FALSE;

  if (ADW_DIALOG_CLASS (neurons_race_dialog_parent_class)->closed != NULL)
    ADW_DIALOG_CLASS (neurons_race_dialog_parent_class)->closed (dialog);
}

static void
neurons_race_dialog_dispose (GObject *object)
{
  NeuronsRaceDialog *self = (NeuronsRaceDialog *) object;

  drop_race (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_RACE_DIALOG);
  g_clear_object (&self->experiment);

  G_OBJECT_CLASS (neurons_race_dialog_parent_class)->dispose (object);
}

static void
neurons_race_dialog_class_init (NeuronsRaceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwDialogClass *dialog_class = ADW_DIALOG_CLASS (klass);

  object_class->dispose = neurons_race_dialog_dispose;
  dialog_class->closed = neurons_race_dialog_closed;

  g_type_ensure (NEURONS_TYPE_HISTORY_CHART);
  g_type_ensure (NEURONS_TYPE_RACE_LANE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-race-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, navigation);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, race_page);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, preset_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, preset_list);
  gtk_widget_class_bind_template_child_full (widget_class, "activation_a_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, activation_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "activation_b_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, activation_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "init_a_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, init_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "init_b_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, init_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "rate_a_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, rate_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "rate_b_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, rate_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "output_a_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, output_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "output_b_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, output_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "optimizer_a_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, optimizer_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "optimizer_b_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, optimizer_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "batch_a_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, batch_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "batch_b_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, batch_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "shift_a_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, shift_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "shift_b_row", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, shift_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "lane_a", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, lanes[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "lane_b", FALSE,
                                             G_STRUCT_OFFSET (NeuronsRaceDialog, lanes[1]));
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, samples_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, target_switch_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, race_title_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, race_buttons);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, again_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, accuracy_chart);
  gtk_widget_class_bind_template_child (widget_class, NeuronsRaceDialog, cost_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_preset_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_setting_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activation_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_optimizer_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_race_page_hidden);

  gtk_widget_class_install_action (widget_class, "race.start", NULL, start_race);
  gtk_widget_class_install_action (widget_class, "race.stop", NULL, stop_race);
}

static void
neurons_race_dialog_init (NeuronsRaceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->applying_preset = TRUE;
  for (guint preset = 0; preset < NEURONS_RACE_N_PRESETS; preset++)
    gtk_string_list_append (self->preset_list, neurons_race_preset_get_title (preset));
  gtk_string_list_append (self->preset_list, _("Your Own Choice"));
  self->applying_preset = FALSE;
  adw_combo_row_set_selected (self->preset_row, NEURONS_RACE_PRESET_SIGMOID_RELU);
  on_preset_selected (self);
}

/**
 * neurons_race_dialog_new:
 * @experiment: the window's experiment, whose data the networks race on
 *
 * Returns: (transfer floating): the dialog, to present over the window
 */
AdwDialog *
neurons_race_dialog_new (NeuronsExperiment *experiment)
{
  NeuronsRaceDialog *self;

  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (experiment), NULL);

  self = g_object_new (NEURONS_TYPE_RACE_DIALOG, NULL);
  self->experiment = g_object_ref (experiment);
  g_signal_connect_object (experiment, "notify::training-set", G_CALLBACK (update_start), self, G_CONNECT_SWAPPED);
  update_start (self);

  return ADW_DIALOG (self);
}

/**
 * neurons_race_dialog_start:
 * @preset: the race to run
 * @max_samples: where it ends
 *
 * Shows these choices and starts the race, as the Start button does: for a lesson's
 * Try-it, or a benchmark.
 */
void
neurons_race_dialog_start (NeuronsRaceDialog *self,
                           NeuronsRacePreset  preset,
                           guint64            max_samples)
{
  g_return_if_fail (NEURONS_IS_RACE_DIALOG (self));
  g_return_if_fail (preset < NEURONS_RACE_N_PRESETS);

  adw_combo_row_set_selected (self->preset_row, preset);
  adw_spin_row_set_value (self->samples_row, max_samples);
  adw_switch_row_set_active (self->target_switch_row, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (self), "race.start", NULL);
}

/**
 * neurons_race_dialog_get_race:
 *
 * Returns: (transfer none) (nullable): the race on show, or %NULL before the first
 */
NeuronsRace *
neurons_race_dialog_get_race (NeuronsRaceDialog *self)
{
  g_return_val_if_fail (NEURONS_IS_RACE_DIALOG (self), NULL);

  return self->race;
}
