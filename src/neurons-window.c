/* neurons-window.c: the main window, where the network trains in view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "neurons-file-chooser.h"
#include "neurons-neuron-activity.h"
#include "neurons-window-private.h"

/*
 * The window owns the experiment: one NeuronsNeuralNet, and once the digits are loaded, the
 * NeuronsTrainer that trains it on a worker thread. The network panel draws the network; the
 * window keeps the controls and the figures in step with it. The figures are refreshed at
 * most ten times a second; the accuracies come from a NeuronsEvaluator, which measures a copy
 * of the weights on a worker thread, so that neither ever holds up a frame.
 */

#define FIGURES_INTERVAL_USEC (G_USEC_PER_SEC / 10)

G_DEFINE_FINAL_TYPE (NeuronsWindow, neurons_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATA_DIRECTORY,
  PROP_HIDDEN_ACTIVATION,
  PROP_INITIALIZATION,
  PROP_SPEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
activation_name (NeuronsActivation activation)
{
  switch (activation)
    {
    case NEURONS_ACTIVATION_RELU:
      return _("ReLU");
    case NEURONS_ACTIVATION_SIGMOID:
    default:
      return _("Sigmoid");
    }
}

static const char *
initialization_name (NeuronsInit initialization)
{
  switch (initialization)
    {
    case NEURONS_INIT_HE:
      return _("He");
    case NEURONS_INIT_UNIFORM:
      return _("Uniform");
    case NEURONS_INIT_XAVIER:
    default:
      return _("Xavier");
    }
}

/* A count with the locale's thousands separators: "12,345" */
static char *
format_count (guint64 count)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

/* Sets a figure and the description a screen reader gives for it, e.g. "Prediction: 7",
 * or with a detail that the screen does not show: "Test set: 91.2 %, after 1,200 samples". */
static void
set_figure (GtkLabel   *label,
            const char *name,
            const char *value,
            const char *detail)
{
  g_autofree char *description = NULL;

  if (detail == NULL && g_strcmp0 (gtk_label_get_label (label), value) == 0)
    return;

  if (detail != NULL)
    /* Translators: how a screen reader announces a figure with a detail */
    description = g_strdup_printf (_("%s: %s, %s"), name, value, detail);
  else
    /* Translators: how a screen reader announces a figure: "Samples seen: 1,200" */
    description = g_strdup_printf (_("%s: %s"), name, value);

  gtk_label_set_label (label, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
update_figures (NeuronsWindow *self)
{
  guint64 samples_seen = neurons_neural_net_get_samples_seen (self->net);
  gboolean running = self->trainer != NULL && neurons_trainer_get_running (self->trainer);
  g_autofree char *samples = NULL;
  g_autofree char *epoch = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *throughput = NULL;

  self->figures_time = g_get_monotonic_time ();

  samples = format_count (samples_seen);
  set_figure (self->samples_label, _("Samples seen"), samples, NULL);

  if (self->train != NULL)
    {
      g_autofree char *number = format_count (samples_seen / self->train->n_images + 1);

      /* Translators: the epoch under way and how far into it training is: "2 (45 %)" */
      epoch = g_strdup_printf (_("%s (%u %%)"), number,
                               (guint) (samples_seen % self->train->n_images * 100 / self->train->n_images));
    }
  set_figure (self->epoch_label, _("Epoch"), epoch != NULL ? epoch : "—", NULL);

  /* A network read from a file comes without its running cost, which reads 0 until it trains */
  if (samples_seen > 0 && neurons_neural_net_get_running_cost (self->net) > 0)
    cost = g_strdup_printf ("%.4f", neurons_neural_net_get_running_cost (self->net));
  set_figure (self->cost_label, _("Running cost"), cost != NULL ? cost : "—", NULL);

  if (running)
    {
      double measured = neurons_trainer_get_throughput (self->trainer);

      /* Slow speeds are kept exactly; only full speed needs measuring. */
      if (measured > 0)
        throughput = g_strdup_printf ("%'.0f", measured);
      else if (self->speed > NEURONS_SPEED_MAX)
        throughput = g_strdup_printf ("%'.0f", self->speed);
      else
        throughput = g_strdup (_("Measuring…"));
    }
  else
    throughput = g_strdup (_("Paused"));
  set_figure (self->throughput_label, _("Samples per second"), throughput, NULL);

  /* Dead as the views show it: a ReLU silent for NEURONS_DEAD_AFTER_SAMPLES samples in a row */
  adw_banner_set_revealed (self->dead_banner,
                           neurons_neuron_count_dead (neurons_neural_net_get_mlp (self->net)) == NEURONS_HIDDEN1_SIZE);
}

static gboolean
update_figures_timeout (gpointer user_data)
{
  NeuronsWindow *self = user_data;

  self->figures_source = 0;
  update_figures (self);

  return G_SOURCE_REMOVE;
}

/* Refreshes the figures now if they have not been for a while, else a little later. */
static void
queue_update_figures (NeuronsWindow *self)
{
  gint64 due = self->figures_time + FIGURES_INTERVAL_USEC;
  gint64 now = g_get_monotonic_time ();

  if (self->figures_source != 0)
    return;

  if (now >= due)
    update_figures (self);
  else
    self->figures_source = g_timeout_add_full (G_PRIORITY_DEFAULT, (due - now) / 1000 + 1,
                                               update_figures_timeout, self, NULL);
}

/* The accuracies, as the evaluator last measured them. */
static void
update_accuracy (NeuronsWindow    *self,
                 NeuronsEvaluator *evaluator)
{
  g_autofree char *test = NULL;
  g_autofree char *panel = NULL;
  g_autofree char *samples = NULL;
  g_autofree char *detail = NULL;
  guint n_panel;

  if (!neurons_evaluator_has_results (evaluator))
    {
      set_figure (self->test_accuracy_label, _("Test set accuracy"), "…", NULL);
      set_figure (self->panel_accuracy_label, _("Test panel accuracy"), "…", NULL);
      return;
    }

  samples = format_count (neurons_evaluator_get_samples_seen (evaluator));
  /* Translators: when an accuracy was measured, for screen readers: "measured after 1,200 samples" */
  detail = g_strdup_printf (_("measured after %s samples"), samples);

  test = g_strdup_printf ("%.1f %%", 100 * neurons_evaluator_get_test_accuracy (evaluator));
  set_figure (self->test_accuracy_label, _("Test set accuracy"), test, detail);

  neurons_evaluator_get_panel (evaluator, &n_panel);
  /* Translators: accuracy on the test panel: "87 % (78 of 90)" */
  panel = g_strdup_printf (_("%.0f %% (%ld of %u)"),
                           100 * neurons_evaluator_get_panel_accuracy (evaluator),
                           lround (neurons_evaluator_get_panel_accuracy (evaluator) * n_panel), n_panel);
  set_figure (self->panel_accuracy_label, _("Test panel accuracy"), panel, detail);
}

/* Puts the next training sample on show, so that the first step trains on what is seen. */
void
_neurons_window_show_next_sample (NeuronsWindow *self)
{
  guint64 samples_seen = neurons_neural_net_get_samples_seen (self->net);
  guint n_images = self->train->n_images;
  g_autofree guint32 *order = g_new (guint32, n_images);
  guint index;

  neurons_epoch_order (neurons_neural_net_get_seed (self->net), samples_seen / n_images,
                       order, n_images);
  index = order[samples_seen % n_images];
  neurons_neural_net_show_input (self->net, neurons_dataset_image (self->train, index),
                                 self->train->labels[index], index);
}

static void
update_title (NeuronsWindow *self)
{
  g_autofree char *subtitle = NULL;

  /* Translators: the experiment in the window's subtitle: "ReLU · He initialisation" */
  subtitle = g_strdup_printf (_("%s · %s initialisation"),
                              activation_name (neurons_neural_net_get_hidden_activation (self->net)),
                              initialization_name (neurons_neural_net_get_initialization (self->net)));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* Marks the initialisation that suits the chosen activation: "Xavier (suits Sigmoid)". */
static void
update_initialization_labels (NeuronsWindow *self)
{
  NeuronsActivation activation = neurons_neural_net_get_hidden_activation (self->net);
  NeuronsInit suggested = neurons_suggested_init (activation);
  struct {
    GtkCheckButton *check;
    NeuronsInit     initialization;
  } checks[] = {
    { self->he_check, NEURONS_INIT_HE },
    { self->xavier_check, NEURONS_INIT_XAVIER },
    { self->uniform_check, NEURONS_INIT_UNIFORM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      const char *name = initialization_name (checks[i].initialization);
      g_autofree char *label = NULL;

      if (checks[i].initialization == suggested)
        /* Translators: an initialisation and the activation it suits: "Xavier (suits Sigmoid)" */
        label = g_strdup_printf (_("%s (suits %s)"), name, activation_name (activation));
      gtk_check_button_set_label (checks[i].check, label != NULL ? label : name);
    }
}

static void
update_play_button (NeuronsWindow *self)
{
  gboolean running = self->trainer != NULL && neurons_trainer_get_running (self->trainer);

  gtk_button_set_icon_name (self->play_button, running ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               running ? _("Pause Training (Space)") : _("Start Training (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Pause training") : _("Start training"),
                                  -1);
}

static void
update_speed_button (NeuronsWindow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->speed > NEURONS_SPEED_MAX)
    label = g_strdup_printf (_("%'.0f/s"), self->speed);
  else
    label = g_strdup (_("Max"));
  gtk_menu_button_set_label (self->speed_button, label);

  /* Translators: the speed button as a screen reader announces it */
  description = g_strdup_printf (_("Training speed: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speed_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
sync_learning_rate (NeuronsWindow *self)
{
  double learning_rate = neurons_neural_net_get_learning_rate (self->net);

  self->syncing_learning_rate = TRUE;
  gtk_adjustment_set_value (self->learning_rate_adjustment, learning_rate);
  gtk_adjustment_set_value (self->learning_rate_log_adjustment, log10 (learning_rate));
  self->syncing_learning_rate = FALSE;
}

static void
set_learning_rate (NeuronsWindow *self,
                   double         learning_rate)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing_learning_rate)
    return;

  if (!neurons_neural_net_set_learning_rate (self->net, learning_rate, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  sync_learning_rate (self);
}

static void
on_learning_rate_value_changed (NeuronsWindow *self,
                                GtkAdjustment *adjustment)
{
  set_learning_rate (self, gtk_adjustment_get_value (adjustment));
}

static void
on_learning_rate_log_value_changed (NeuronsWindow *self,
                                    GtkAdjustment *adjustment)
{
  /* The slider moves in powers of ten; the rate keeps the three decimals the spin button shows. */
  double learning_rate = round (pow (10, gtk_adjustment_get_value (adjustment)) * 1000) / 1000;

  set_learning_rate (self, CLAMP (learning_rate, NEURONS_LEARNING_RATE_MIN, NEURONS_LEARNING_RATE_MAX));
}

static void
on_net_learning_rate (NeuronsWindow    *self,
                      GParamSpec       *pspec,
                      NeuronsNeuralNet *net)
{
  sync_learning_rate (self);
}

static void
on_net_changed (NeuronsWindow    *self,
                NeuronsNeuralNet *net)
{
  queue_update_figures (self);
}

static void
on_net_reset (NeuronsWindow    *self,
              NeuronsNeuralNet *net)
{
  adw_banner_set_revealed (self->diverged_banner, FALSE);
  adw_banner_set_revealed (self->dead_banner, FALSE);
  update_figures (self);
  _neurons_window_actions_update (self);
}

static void
on_net_diverged (NeuronsWindow    *self,
                 NeuronsNeuralNet *net)
{
  g_autofree char *message = NULL;

  if (self->trainer != NULL)
    neurons_trainer_pause (self->trainer);

  message = g_strdup_printf (_("Training stopped: a weight became too large to compute. A learning rate of %g is too high for %s. Lower it, then reset to start again from fresh weights."),
                             neurons_neural_net_get_learning_rate (net),
                             activation_name (neurons_neural_net_get_hidden_activation (net)));
  adw_banner_set_title (self->diverged_banner, message);
  adw_banner_set_revealed (self->diverged_banner, TRUE);
  _neurons_window_actions_update (self);
}

static void
on_net_hidden_activation (NeuronsWindow    *self,
                          GParamSpec       *pspec,
                          NeuronsNeuralNet *net)
{
  update_title (self);
  update_initialization_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_ACTIVATION]);
}

static void
on_net_initialization (NeuronsWindow    *self,
                       GParamSpec       *pspec,
                       NeuronsNeuralNet *net)
{
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIALIZATION]);
}

static void
on_trainer_running (NeuronsWindow  *self,
                    GParamSpec     *pspec,
                    NeuronsTrainer *trainer)
{
  update_play_button (self);
  update_figures (self);
}

static void
on_trainer_throughput (NeuronsWindow  *self,
                       GParamSpec     *pspec,
                       NeuronsTrainer *trainer)
{
  queue_update_figures (self);
}

static void benchmark_start (NeuronsWindow *self);

static void
load_data_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  NeuronsWindow *self = NEURONS_WINDOW (object);
  g_autoptr(GError) error = NULL;
  NeuronsDataset **datasets;

  datasets = g_task_propagate_pointer (G_TASK (result), &error);
  if (datasets == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->data_stack, "error");
      return;
    }

  self->train = datasets[0];
  self->test = datasets[1];
  g_free (datasets);

  self->trainer = neurons_trainer_new (self->net, self->train);
  neurons_trainer_set_speed (self->trainer, self->speed);
  g_signal_connect_object (self->trainer, "notify::running",
                           G_CALLBACK (on_trainer_running), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->trainer, "notify::throughput",
                           G_CALLBACK (on_trainer_throughput), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->data_stack, "network");
  _neurons_window_actions_update (self);
  /* The buttons were insensitive while loading, so the focus went elsewhere; Space and the
   * first Tab start from Play. */
  gtk_widget_grab_focus (GTK_WIDGET (self->play_button));

  if (neurons_neural_net_get_input_index (self->net) < 0)
    _neurons_window_show_next_sample (self);

  self->evaluator = neurons_evaluator_new (self->net, self->test);
  g_signal_connect_object (self->evaluator, "updated", G_CALLBACK (update_accuracy), self, G_CONNECT_SWAPPED);
  update_accuracy (self, self->evaluator);
  _neurons_window_pages_set_evaluator (self);
  neurons_lessons_pane_set_evaluator (self->lessons_pane, self->evaluator);
  update_figures (self);

  if (self->benchmark_seconds > 0)
    benchmark_start (self);
}

static void
load_data_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *directory = task_data;
  NeuronsDataset **datasets = g_new0 (NeuronsDataset *, 2);
  GError *error = NULL;

  if (!neurons_dataset_load_directory (directory, &datasets[0], &datasets[1], &error))
    {
      g_free (datasets);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, datasets, NULL);
}

/* Reads the digits on a worker thread; the window shows that it is loading meanwhile. */
void
_neurons_window_load_data (NeuronsWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_assert (self->trainer == NULL);

  gtk_stack_set_visible_child_name (self->data_stack, "loading");

  task = g_task_new (self, self->cancellable, load_data_done, NULL);
  g_task_set_source_tag (task, _neurons_window_load_data);
  g_task_set_task_data (task, g_strdup (self->data_directory), g_free);
  g_task_run_in_thread (task, load_data_thread);
}

static void
on_data_folder_chosen (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(NeuronsWindow) self = user_data;
  g_autoptr(GFile) folder = neurons_file_chooser_finish (result, NULL);

  if (folder != NULL)
    {
      g_free (self->data_directory);
      self->data_directory = g_file_get_path (folder);
      _neurons_window_load_data (self);
    }
}

void
_neurons_window_choose_data_folder (NeuronsWindow *self)
{
  neurons_file_chooser_run (GTK_WINDOW (self), NEURONS_FILE_CHOOSER_SELECT_FOLDER,
                            _("Choose a Folder of MNIST Files"), _("_Open"), NULL, NULL, NULL,
                            on_data_folder_chosen, g_object_ref (self));
}

/* Fresh weights from a new seed, with the same activation and initialisation. */
void
_neurons_window_reset (NeuronsWindow *self)
{
  guint64 seed = (guint64) g_random_int () << 32 | g_random_int ();

  neurons_neural_net_reinitialize (self->net,
                                   neurons_neural_net_get_hidden_activation (self->net),
                                   neurons_neural_net_get_initialization (self->net),
                                   seed);
}

static void
set_hidden_activation (NeuronsWindow     *self,
                       NeuronsActivation  activation)
{
  NeuronsInit initialization = neurons_suggested_init (activation);
  /* Always the rate that suits the activation, whatever was tried before (a lesson's ReLU at
   * 0.30, say): a switch is how people get back to a network that learns. */
  double learning_rate = neurons_default_learning_rate (activation);
  g_autofree char *message = NULL;

  if (activation == neurons_neural_net_get_hidden_activation (self->net))
    return;

  /* Each activation learns at its own pace and from its own spread of starting weights. The
   * rate is set once the activation is, so that the settings keep it for that activation. */
  neurons_neural_net_reinitialize (self->net, activation, initialization,
                                   neurons_neural_net_get_seed (self->net));
  neurons_neural_net_set_learning_rate (self->net, learning_rate, NULL);

  /* Translators: "Switched to ReLU: learning rate 0.05, fresh weights with He initialisation" */
  message = g_strdup_printf (_("Switched to %s: learning rate %.2f, fresh weights with %s initialisation"),
                             activation_name (activation), learning_rate,
                             initialization_name (initialization));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
set_initialization (NeuronsWindow *self,
                    NeuronsInit    initialization)
{
  g_autofree char *message = NULL;

  if (initialization == neurons_neural_net_get_initialization (self->net))
    return;

  neurons_neural_net_reinitialize (self->net,
                                   neurons_neural_net_get_hidden_activation (self->net),
                                   initialization,
                                   neurons_neural_net_get_seed (self->net));

  message = g_strdup_printf (_("Fresh weights with %s initialisation"), initialization_name (initialization));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
set_speed (NeuronsWindow *self,
           double         speed)
{
  if (self->speed == speed)
    return;

  self->speed = speed;
  if (self->trainer != NULL)
    neurons_trainer_set_speed (self->trainer, speed);
  update_speed_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

/* Replaces the network with the one in a file; a file that cannot be used changes nothing
 * and says why. */
void
neurons_window_open_file (NeuronsWindow *self,
                          GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *samples = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (NEURONS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  path = g_file_get_path (file);

  if (self->trainer != NULL)
    neurons_trainer_pause (self->trainer);

  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("“%s” is not on this computer; copy it here first"), name);
  else
    neurons_neural_net_load_file (self->net, path, &error);

  if (error != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      AdwDialog *dialog = adw_alert_dialog_new (heading, error->message);

      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
      adw_dialog_present (dialog, GTK_WIDGET (self));
      return;
    }

  _neurons_window_set_file (self, file);
  /* The opened network is shown a training sample, as ever: the drawing belonged to the last. */
  _neurons_window_end_draw_mode (self, FALSE);
  if (self->trainer != NULL && neurons_neural_net_get_input_index (self->net) < 0)
    _neurons_window_show_next_sample (self);

  samples = format_count (neurons_neural_net_get_samples_seen (self->net));
  /* Translators: "Opened “net.json”: ReLU, 12,000 samples seen" */
  message = g_strdup_printf (_("Opened “%s”: %s, %s samples seen"), name,
                             activation_name (neurons_neural_net_get_hidden_activation (self->net)),
                             samples);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_benchmark_paint (NeuronsWindow *self,
                    GdkFrameClock *frame_clock)
{
  self->benchmark_frames++;
}

static gboolean
benchmark_finish (gpointer user_data)
{
  NeuronsWindow *self = user_data;
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  double seconds = (g_get_monotonic_time () - self->benchmark_start) / (double) G_USEC_PER_SEC;
  guint64 samples = neurons_neural_net_get_samples_seen (self->net) - self->benchmark_start_samples;

  g_clear_signal_handler (&self->benchmark_paint_handler, frame_clock);
  g_print ("frames/s: %.1f  samples/s: %.0f\n", self->benchmark_frames / seconds, samples / seconds);
  gtk_window_destroy (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
benchmark_start (NeuronsWindow *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_return_if_fail (frame_clock != NULL);

  set_speed (self, NEURONS_SPEED_MAX);
  neurons_trainer_play (self->trainer);

  self->benchmark_start = g_get_monotonic_time ();
  self->benchmark_start_samples = neurons_neural_net_get_samples_seen (self->net);
  self->benchmark_frames = 0;
  self->benchmark_paint_handler =
    g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (on_benchmark_paint),
                             self, G_CONNECT_SWAPPED);
  g_timeout_add_full (G_PRIORITY_DEFAULT, self->benchmark_seconds * 1000,
                      benchmark_finish, g_object_ref (self), g_object_unref);
}

/* Trains at full speed for `seconds` once the data is in, prints how many frames and how
 * many samples went by each second, and closes the window. */
void
neurons_window_run_benchmark (NeuronsWindow *self,
                              guint          seconds)
{
  g_return_if_fail (NEURONS_IS_WINDOW (self));
  g_return_if_fail (seconds > 0);

  self->benchmark_seconds = seconds;
  if (self->trainer != NULL)
    benchmark_start (self);
}

static void
neurons_window_constructed (GObject *object)
{
  NeuronsWindow *self = (NeuronsWindow *) object;

  G_OBJECT_CLASS (neurons_window_parent_class)->constructed (object);

  _neurons_window_dataset_init (self);
  _neurons_window_load_data (self);
}

static void
neurons_window_dispose (GObject *object)
{
  NeuronsWindow *self = (NeuronsWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->figures_source, g_source_remove);
  if (self->trainer != NULL)
    neurons_trainer_pause (self->trainer);
  g_clear_object (&self->trainer);
  g_clear_object (&self->evaluator);

  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_WINDOW);

  G_OBJECT_CLASS (neurons_window_parent_class)->dispose (object);
}

static void
neurons_window_finalize (GObject *object)
{
  NeuronsWindow *self = (NeuronsWindow *) object;

  g_clear_object (&self->net);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->train, neurons_dataset_unref);
  g_clear_pointer (&self->test, neurons_dataset_unref);
  g_clear_pointer (&self->data_directory, g_free);

  G_OBJECT_CLASS (neurons_window_parent_class)->finalize (object);
}

static void
neurons_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NeuronsWindow *self = NEURONS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATA_DIRECTORY:
      g_value_set_string (value, self->data_directory);
      break;

    case PROP_HIDDEN_ACTIVATION:
      g_value_set_enum (value, neurons_neural_net_get_hidden_activation (self->net));
      break;

    case PROP_INITIALIZATION:
      g_value_set_enum (value, neurons_neural_net_get_initialization (self->net));
      break;

    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NeuronsWindow *self = NEURONS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATA_DIRECTORY:
      self->data_directory = g_value_dup_string (value);
      break;

    case PROP_HIDDEN_ACTIVATION:
      set_hidden_activation (self, g_value_get_enum (value));
      break;

    case PROP_INITIALIZATION:
      set_initialization (self, g_value_get_enum (value));
      break;

    case PROP_SPEED:
      set_speed (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_window_class_init (NeuronsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = neurons_window_constructed;
  object_class->dispose = neurons_window_dispose;
  object_class->finalize = neurons_window_finalize;
  object_class->get_property = neurons_window_get_property;
  object_class->set_property = neurons_window_set_property;

  /**
   * NeuronsWindow:data-directory:
   *
   * The folder of MNIST IDX files to train and test on, or %NULL for the default one.
   */
  properties[PROP_DATA_DIRECTORY] =
    g_param_spec_string ("data-directory", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsWindow:hidden-activation:
   *
   * The network's hidden activation. Setting it starts a fresh network with the
   * initialisation and the learning rate that suit the new activation.
   */
  properties[PROP_HIDDEN_ACTIVATION] =
    g_param_spec_enum ("hidden-activation", NULL, NULL,
                       NEURONS_TYPE_ACTIVATION, NEURONS_ACTIVATION_SIGMOID,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsWindow:initialization:
   *
   * How the network's starting weights are drawn. Setting it starts a fresh network.
   */
  properties[PROP_INITIALIZATION] =
    g_param_spec_enum ("initialization", NULL, NULL,
                       NEURONS_TYPE_INIT, NEURONS_INIT_XAVIER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsWindow:speed:
   *
   * Training speed in samples per second, or %NEURONS_SPEED_MAX for as fast as it goes.
   */
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL,
                         0, 1e9, NEURONS_SPEED_MAX,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NEURONS_TYPE_NETWORK_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, speed_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, narrow_breakpoint);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, phone_breakpoint);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, training_menu);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, diverged_banner);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, dead_banner);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, data_stack);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, network_panel);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, he_check);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, xavier_check);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, uniform_check);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, learning_rate_adjustment);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, learning_rate_log_adjustment);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, samples_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, cost_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, panel_accuracy_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, test_accuracy_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, throughput_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, file_label);
  gtk_widget_class_bind_template_callback (widget_class, on_learning_rate_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_learning_rate_log_value_changed);

  _neurons_window_class_actions_init (klass);
  _neurons_window_class_pages_init (klass);
  _neurons_window_class_draw_init (klass);
  _neurons_window_class_lessons_init (klass);
}

/* On a phone the speed, Train on One Sample and Start Again buttons make way for the others:
 * what they do joins the main menu. */
static void
init_narrow_menu (NeuronsWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_auto(GValue) value = G_VALUE_INIT;

  g_menu_append_section (menu, NULL, self->training_menu);
  g_menu_append_section (menu, NULL, gtk_menu_button_get_menu_model (self->speed_button));
  g_menu_append_section (menu, NULL, gtk_menu_button_get_menu_model (self->primary_menu_button));
  g_value_init (&value, G_TYPE_MENU_MODEL);
  g_value_set_object (&value, menu);
  adw_breakpoint_add_setter (self->narrow_breakpoint, G_OBJECT (self->primary_menu_button),
                             "menu-model", &value);
  adw_breakpoint_add_setter (self->phone_breakpoint, G_OBJECT (self->primary_menu_button),
                             "menu-model", &value);
}

static void
neurons_window_init (NeuronsWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->speed = NEURONS_SPEED_MAX;
  self->net = neurons_neural_net_new (NEURONS_ACTIVATION_SIGMOID,
                                      neurons_suggested_init (NEURONS_ACTIVATION_SIGMOID),
                                      NEURONS_DEFAULT_SEED);

  gtk_widget_init_template (GTK_WIDGET (self));

  neurons_network_panel_set_net (self->network_panel, self->net);
  init_narrow_menu (self);
  _neurons_window_pages_init (self);
  _neurons_window_draw_init (self);
  /* the activation curves mark the neuron pointed at in the network view */
  neurons_learning_page_set_highlight (self->learning_page, neurons_network_panel_get_highlight (self->network_panel));
  neurons_lessons_pane_set_highlight (self->lessons_pane, neurons_network_panel_get_highlight (self->network_panel));

  g_signal_connect_object (self->net, "changed", G_CALLBACK (on_net_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->net, "reset", G_CALLBACK (on_net_reset), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->net, "diverged", G_CALLBACK (on_net_diverged), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->net, "notify::hidden-activation",
                           G_CALLBACK (on_net_hidden_activation), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->net, "notify::initialization",
                           G_CALLBACK (on_net_initialization), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->net, "notify::learning-rate",
                           G_CALLBACK (on_net_learning_rate), self, G_CONNECT_SWAPPED);

  sync_learning_rate (self);
  update_title (self);
  update_initialization_labels (self);
  update_play_button (self);
  update_speed_button (self);
  set_figure (self->test_accuracy_label, _("Test set accuracy"), "—", NULL);
  set_figure (self->panel_accuracy_label, _("Test panel accuracy"), "—", NULL);
  update_figures (self);

  _neurons_window_settings_init (self);
  _neurons_window_files_init (self);
  _neurons_window_lessons_init (self);
  _neurons_window_actions_init (self);
  _neurons_window_actions_update (self);
}

NeuronsWindow *
neurons_window_new (NeuronsApplication *application,
                    const char         *data_directory)
{
  g_return_val_if_fail (NEURONS_IS_APPLICATION (application), NULL);

  return g_object_new (NEURONS_TYPE_WINDOW,
                       "application", application,
                       "data-directory", data_directory,
                       NULL);
}
