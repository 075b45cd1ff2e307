/* neurons-window-lessons.c: the lessons pane in the window, and what its Try-it buttons do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window-lessons"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-window-private.h"

/*
 * A lesson's Try-it button activates win.lesson-try with the name of a setup, and the setup
 * puts the window in the state the lesson describes, then says in a toast what it did. The
 * setups use the window's own actions where there is one (speed, play, step, the pages, draw
 * mode). An experiment with fresh weights has no single action, so it is made the way the
 * controls make theirs, on the network itself, which the window and its controls follow.
 *
 * Fresh weights always come from the seed Neurons starts with, so the network does what the
 * lesson says it will: the numbers the lessons quote are measured from that seed, in
 * tests/test-lessons.c. Ctrl+R afterwards tries other random weights.
 */

static void
say (NeuronsWindow *self,
     const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  /* A toast from the button before makes way rather than holding this one up. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* In a narrow window the lessons make way for what was set up; this brings them back. */
  if (adw_overlay_split_view_get_collapsed (self->lessons_split))
    {
      adw_toast_set_button_label (toast, _("_Back to the Lesson"));
      adw_toast_set_action_name (toast, "win.toggle-lessons");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_page (NeuronsWindow *self,
           const char    *page)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", page);
}

static void
pause_training (NeuronsWindow *self)
{
  neurons_experiment_resume_training_stream (self->experiment, FALSE);
  neurons_experiment_pause (self->experiment);
}

static void
play_at (NeuronsWindow *self,
         double         speed)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.speed", "d", speed);
  if (!neurons_experiment_get_playing (self->experiment))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.play-pause", NULL);
}

/* A fresh, paused network with this experiment, on the Network page, trained with options
 * (the original training if NULL). */
static void
start_fresh_with (NeuronsWindow                *self,
                  NeuronsActivation             activation,
                  NeuronsInit                   initialization,
                  double                        learning_rate,
                  const NeuronsTrainingOptions *options)
{
  NeuronsTrainingOptions original;
  gboolean valid;

  pause_training (self);
  if (options == NULL)
    {
      neurons_training_options_init (&original);
      options = &original;
    }
  /* The options before the reset, which the views and the controls follow; the activation
   * before the rate, so that the rate is remembered for it, as the controls do. */
  valid = neurons_experiment_set_training_options (self->experiment, options, NULL);
  g_assert (valid);
  neurons_experiment_reset (self->experiment, activation, initialization, NEURONS_DEFAULT_SEED);
  valid = neurons_experiment_set_learning_rate (self->experiment, learning_rate, NULL);
  g_assert (valid);
  show_page (self, "network");
}

static void
start_fresh (NeuronsWindow     *self,
             NeuronsActivation  activation,
             NeuronsInit        initialization,
             double             learning_rate)
{
  start_fresh_with (self, activation, initialization, learning_rate, NULL);
}

/* Lesson 1: the network as it starts. */
static void
try_fresh_start (NeuronsWindow *self)
{
  start_fresh (self, NEURONS_ACTIVATION_SIGMOID, neurons_suggested_init (NEURONS_ACTIVATION_SIGMOID),
               neurons_default_learning_rate (NEURONS_ACTIVATION_SIGMOID));
  say (self, _("A fresh network, as Neurons starts: Sigmoid, Xavier initialisation, learning rate 0.30. Press Play to train."));
}

/* Lesson 2: each activation with the initialisation and the rate that suit it. */
static void
try_activation (NeuronsWindow     *self,
                NeuronsActivation  activation,
                const char        *message)
{
  start_fresh (self, activation, neurons_suggested_init (activation), neurons_default_learning_rate (activation));
  say (self, message);
}

static void
try_activation_relu (NeuronsWindow *self)
{
  try_activation (self, NEURONS_ACTIVATION_RELU,
                  _("A fresh network with ReLU, He initialisation and learning rate 0.05."));
}

static void
try_activation_sigmoid (NeuronsWindow *self)
{
  try_activation (self, NEURONS_ACTIVATION_SIGMOID,
                  _("A fresh network with Sigmoid, Xavier initialisation and learning rate 0.30."));
}

/* Lesson 3: the same experiment from each initialisation. */
static void
try_initialization (NeuronsWindow *self,
                    NeuronsInit    initialization,
                    const char    *message)
{
  NeuronsNetworkModel *net = _neurons_window_get_net (self);

  start_fresh (self, neurons_network_model_get_hidden_activation (net), initialization,
               neurons_network_model_get_learning_rate (net));
  say (self, message);
}

static void
try_init_he (NeuronsWindow *self)
{
  try_initialization (self, NEURONS_INIT_HE,
                      _("Fresh weights with He initialisation: compare the tiles and their colour scale."));
}

static void
try_init_xavier (NeuronsWindow *self)
{
  try_initialization (self, NEURONS_INIT_XAVIER,
                      _("Fresh weights with Xavier initialisation: compare the tiles and their colour scale."));
}

static void
try_init_uniform (NeuronsWindow *self)
{
  try_initialization (self, NEURONS_INIT_UNIFORM,
                      _("Fresh weights with Uniform initialisation: compare the tiles and their colour scale."));
}

/* Lesson 4: the tiles turning from noise into features, slowly enough to see. */
static void
try_watch_tiles (NeuronsWindow *self)
{
  start_fresh (self, NEURONS_ACTIVATION_SIGMOID, neurons_suggested_init (NEURONS_ACTIVATION_SIGMOID),
               neurons_default_learning_rate (NEURONS_ACTIVATION_SIGMOID));
  play_at (self, 100);
  say (self, _("A fresh network, training at 100 digits per second: watch the tiles."));
}

/* Lesson 5: one step, or one a second, with its three phases on show. */
static void
try_step_once (NeuronsWindow *self)
{
  pause_training (self);
  show_page (self, "network");
  gtk_widget_activate_action (GTK_WIDGET (self), "win.step", NULL);
  say (self, _("Paused, then trained on one digit. Press → or N for the next."));
}

static void
try_one_per_second (NeuronsWindow *self)
{
  show_page (self, "network");
  play_at (self, 1);
  say (self, _("Training one digit per second."));
}

/* Lesson 6: learning rates, too high and as usual. */
static void
try_rate (NeuronsWindow     *self,
          NeuronsActivation  activation,
          double             learning_rate,
          const char        *message)
{
  start_fresh (self, activation, neurons_suggested_init (activation), learning_rate);
  play_at (self, NEURONS_SPEED_MAX);
  say (self, message);
}

static void
try_relu_high_rate (NeuronsWindow *self)
{
  try_rate (self, NEURONS_ACTIVATION_RELU, 0.30,
            _("A fresh network with ReLU at learning rate 0.30, training at full speed."));
}

static void
try_relu_usual_rate (NeuronsWindow *self)
{
  try_rate (self, NEURONS_ACTIVATION_RELU, neurons_default_learning_rate (NEURONS_ACTIVATION_RELU),
            _("A fresh network with ReLU at learning rate 0.05, training at full speed."));
}

static void
try_sigmoid_high_rate (NeuronsWindow *self)
{
  try_rate (self, NEURONS_ACTIVATION_SIGMOID, 3.0,
            _("A fresh network with Sigmoid at learning rate 3.0, training at full speed."));
}

/* Lesson 7: the test panel and the confusion matrix. */
static void
try_show_test (NeuronsWindow *self)
{
  show_page (self, "test");
  say (self, _("The Test page: the test panel and the confusion matrix."));
}

/* Lesson 8: draw mode. */
static void
try_draw (NeuronsWindow *self)
{
  show_page (self, "network");
  g_action_group_change_action_state (G_ACTION_GROUP (self), "draw-mode", g_variant_new_boolean (TRUE));
  say (self, _("Draw mode: draw a digit with the mouse, a finger, or the arrow keys and Space."));
}

/* Lessons 4 and 8: which neurons matter, measured by silencing each in turn. */
static void
try_lesion_rank (NeuronsWindow *self)
{
  pause_training (self);
  show_page (self, "network");
  neurons_lesion_panel_rank (_neurons_window_show_lesion_panel (self), FALSE);
  say (self, _("Paused. Each hidden neuron is silenced alone on the 10,000 test images, and the panel ranks them."));
}

static void
try_lesion_most (NeuronsWindow *self)
{
  pause_training (self);
  show_page (self, "network");
  neurons_lesion_panel_rank (_neurons_window_show_lesion_panel (self), TRUE);
  say (self, _("Paused. The neuron that costs the most test accuracy is silenced; Restore All brings it back."));
}

/* Lesson 10, Where to Go Next: each idea switched on, from the same seed, at full speed (tests/test-lessons.c
 * measures what the lesson says they do). */
static void
try_options (NeuronsWindow                *self,
             NeuronsActivation             activation,
             double                        learning_rate,
             const NeuronsTrainingOptions *options,
             const char                   *message)
{
  start_fresh_with (self, activation, neurons_suggested_init (activation), learning_rate, options);
  play_at (self, NEURONS_SPEED_MAX);
  say (self, message);
}

static void
try_batch_32 (NeuronsWindow *self)
{
  NeuronsTrainingOptions options;

  neurons_training_options_init (&options);
  options.batch_size = 32;
  try_options (self, NEURONS_ACTIVATION_RELU, neurons_default_learning_rate (NEURONS_ACTIVATION_RELU), &options,
               _("A fresh network with ReLU at 0.05 in batches of 32, training at full speed."));
}

static void
try_adam (NeuronsWindow *self)
{
  NeuronsTrainingOptions options;

  neurons_training_options_init (&options);
  options.optimizer = NEURONS_OPTIMIZER_ADAM;
  try_options (self, NEURONS_ACTIVATION_SIGMOID, 0.003, &options,
               _("A fresh network with Sigmoid, trained by Adam at 0.003 at full speed."));
}

/* The softmax network that the dropout and shift Try-its start from */
static void
softmax_options (NeuronsTrainingOptions *options)
{
  neurons_training_options_init (options);
  options->output = NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY;
}

static void
try_softmax (NeuronsWindow *self)
{
  NeuronsTrainingOptions options;

  softmax_options (&options);
  try_options (self, NEURONS_ACTIVATION_RELU, 0.02, &options,
               _("A fresh network with ReLU and softmax outputs at 0.02, training at full speed."));
}

static void
try_dropout (NeuronsWindow *self)
{
  NeuronsTrainingOptions options;

  softmax_options (&options);
  options.dropout = 0.2;
  try_options (self, NEURONS_ACTIVATION_RELU, 0.02, &options,
               _("The softmax network with dropout 0.2, training at full speed."));
}

static void
try_augment (NeuronsWindow *self)
{
  NeuronsTrainingOptions options;

  softmax_options (&options);
  options.augment_shift = 2;
  try_options (self, NEURONS_ACTIVATION_RELU, 0.02, &options,
               _("The softmax network, each digit shifted by up to 2 pixels, training at full speed."));
}

static void
try_best (NeuronsWindow *self)
{
  NeuronsDataset *training_set = neurons_experiment_get_training_set (self->experiment);
  NeuronsRecipe recipe;

  neurons_recipe_best (&recipe, training_set->n_images);
  try_options (self, recipe.hidden_activation, recipe.learning_rate, &recipe.options,
               _("Best 16 + 16, training at full speed: ReLU, softmax, Adam, batches of 32, one-cycle, ±1 pixel shifts"));
}

static const struct {
  const char *name;
  void      (*run) (NeuronsWindow *self);
} setups[] = {
  { "fresh-start", try_fresh_start },
  { "activation-relu", try_activation_relu },
  { "activation-sigmoid", try_activation_sigmoid },
  { "init-he", try_init_he },
  { "init-xavier", try_init_xavier },
  { "init-uniform", try_init_uniform },
  { "watch-tiles", try_watch_tiles },
  { "step-once", try_step_once },
  { "one-per-second", try_one_per_second },
  { "relu-high-rate", try_relu_high_rate },
  { "relu-usual-rate", try_relu_usual_rate },
  { "sigmoid-high-rate", try_sigmoid_high_rate },
  { "show-test", try_show_test },
  { "draw", try_draw },
  { "lesion-rank", try_lesion_rank },
  { "lesion-most", try_lesion_most },
  { "batch-32", try_batch_32 },
  { "adam", try_adam },
  { "softmax", try_softmax },
  { "dropout", try_dropout },
  { "augment", try_augment },
  { "best", try_best },
};

static void
neurons_window_lessons_try (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  NeuronsWindow *self = NEURONS_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  /* The lessons are on the Network page, which waits for the digits. */
  g_return_if_fail (neurons_experiment_get_state (self->experiment) == NEURONS_EXPERIMENT_READY);

  for (guint i = 0; i < G_N_ELEMENTS (setups); i++)
    if (g_str_equal (setups[i].name, name))
      {
        setups[i].run (self);
        /* In a narrow window the lessons cover the network: make way for what was set up
         * (the toast offers the way back). */
        if (adw_overlay_split_view_get_collapsed (self->lessons_split))
          adw_overlay_split_view_set_show_sidebar (self->lessons_split, FALSE);
        return;
      }

  g_critical ("A lesson asks for a setup that does not exist: “%s”", name);
}

void
_neurons_window_class_lessons_init (NeuronsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (NEURONS_TYPE_LESSONS_PANE);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, lessons_split);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, lessons_pane);
  gtk_widget_class_install_action (widget_class, "win.lesson-try", "s", neurons_window_lessons_try);
}

void
_neurons_window_lessons_init (NeuronsWindow *self)
{
  g_object_bind_property (self->experiment, "net", self->lessons_pane, "net", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->experiment, "evaluator", self->lessons_pane, "evaluator", G_BINDING_SYNC_CREATE);
}
