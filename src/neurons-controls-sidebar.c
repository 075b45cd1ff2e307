/* neurons-controls-sidebar.c: the progress figures and the network's settings beside the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-controls-sidebar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "neurons-controls-sidebar.h"
#include "neurons-display-names.h"

/*
 * The sidebar shows how training goes (samples seen, epoch, cost, accuracies, speed) and
 * offers the choices that shape the network (activation, initialisation, learning rate). It
 * observes one experiment: a binding group follows the experiment's network, trainer and
 * evaluator, which come and go, into a signal group each. The activation and initialisation
 * choices are the window's actions (win.hidden-activation, win.initialization), which start
 * a fresh network and say so; the learning rate goes straight to the experiment.
 *
 * The figures are refreshed at most ten times a second, however fast the network changes;
 * the accuracies come from the evaluator, which measures on a worker thread.
 *
 * The Training section, collapsed at first, sets the trainer's options (output and cost,
 * optimiser, batches, schedule, regularisation, augmentation). They apply from the next step,
 * except the output, which changes the network's arithmetic and so starts a fresh network;
 * that, and a learning rate changed to suit Adam, is said in a toast. The rows show the
 * options again whenever the network is reset, which is how every other way of changing them
 * (a lesson, the preset, a file) ends.
 */

#define FIGURES_INTERVAL_USEC (G_USEC_PER_SEC / 10)

struct _NeuronsControlsSidebar
{
  GtkWidget          parent_instance;

  NeuronsExperiment *experiment;
  char              *file_status;

  /* The experiment's network, trainer and evaluator, each into the signal group for it */
  GBindingGroup     *experiment_bindings;
  GSignalGroup      *experiment_signals;
  GSignalGroup      *net_signals;
  GSignalGroup      *trainer_signals;
  GSignalGroup      *evaluator_signals;

  guint              figures_source;
  gint64             figures_time;
  gboolean           syncing_learning_rate;
  gboolean           syncing_training;

  /* Template children */
  GtkLabel          *file_label;
  GtkLabel          *samples_label;
  GtkLabel          *epoch_label;
  GtkLabel          *cost_label;
  GtkLabel          *panel_accuracy_label;
  GtkLabel          *test_accuracy_label;
  GtkLabel          *throughput_label;
  GtkCheckButton    *he_check;
  GtkCheckButton    *xavier_check;
  GtkCheckButton    *uniform_check;
  GtkAdjustment     *learning_rate_adjustment;
  GtkAdjustment     *learning_rate_log_adjustment;
  AdwExpanderRow    *training_row;
  AdwComboRow       *output_row;
  AdwComboRow       *optimizer_row;
  AdwSpinRow        *momentum_row;
  AdwSpinRow        *batch_row;
  AdwComboRow       *schedule_row;
  AdwSpinRow        *schedule_epochs_row;
  AdwSpinRow        *l2_row;
  AdwSpinRow        *dropout_row;
  AdwSpinRow        *shift_row;
  AdwSpinRow        *rotate_row;
  AdwSpinRow        *scale_row;
};

G_DEFINE_FINAL_TYPE (NeuronsControlsSidebar, neurons_controls_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXPERIMENT,
  PROP_FILE_STATUS,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A count with the locale's thousands separators: "12,345" */
static char *
format_count (guint64 count)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

/* Sets a figure and the description a screen reader gives for it, e.g. "Samples seen: 1,200",
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

/* "2 (45 %)": the epoch under way and how far into it training is, or NULL without data */
static char *
format_epoch (NeuronsDataset *training_set,
              guint64         samples_seen)
{
  guint n_images;
  g_autofree char *number = NULL;

  if (training_set == NULL)
    return NULL;

  n_images = training_set->n_images;
  number = format_count (samples_seen / n_images + 1);
  /* Translators: the epoch under way and how far into it training is: "2 (45 %)" */
  return g_strdup_printf (_("%s (%u %%)"), number, (guint) (samples_seen % n_images * 100 / n_images));
}

/* How fast training goes: measured at full speed, the speed asked for below it, or paused */
static char *
format_throughput (NeuronsExperiment *experiment)
{
  double speed = neurons_experiment_get_speed (experiment);
  NeuronsTrainer *trainer = neurons_experiment_get_trainer (experiment);
  double measured;

  if (!neurons_experiment_get_playing (experiment))
    return g_strdup (_("Paused"));

  /* Slow speeds are kept exactly; only full speed needs measuring. */
  measured = trainer != NULL ? neurons_trainer_get_throughput (trainer) : 0;
  if (measured > 0)
    return g_strdup_printf ("%'.0f", measured);
  else if (speed > NEURONS_SPEED_MAX)
    return g_strdup_printf ("%'.0f", speed);
  else
    return g_strdup (_("Measuring…"));
}

static void
update_figures (NeuronsControlsSidebar *self)
{
  NeuronsNetworkModel *net;
  guint64 samples_seen;
  g_autofree char *samples = NULL;
  g_autofree char *epoch = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *throughput = NULL;

  self->figures_time = g_get_monotonic_time ();

  if (self->experiment == NULL)
    return;

  net = neurons_experiment_get_net (self->experiment);
  samples_seen = neurons_network_model_get_samples_seen (net);

  samples = format_count (samples_seen);
  set_figure (self->samples_label, _("Samples seen"), samples, NULL);

  epoch = format_epoch (neurons_experiment_get_training_set (self->experiment), samples_seen);
  set_figure (self->epoch_label, _("Epoch"), epoch != NULL ? epoch : "—", NULL);

  /* A network read from a file comes without its running cost, which reads 0 until it trains */
  if (samples_seen > 0 && neurons_network_model_get_running_cost (net) > 0)
    cost = g_strdup_printf ("%.4f", neurons_network_model_get_running_cost (net));
  set_figure (self->cost_label, _("Running cost"), cost != NULL ? cost : "—", NULL);

  throughput = format_throughput (self->experiment);
  set_figure (self->throughput_label, _("Samples per second"), throughput, NULL);
}

static gboolean
update_figures_timeout (gpointer user_data)
{
  NeuronsControlsSidebar *self = user_data;

  self->figures_source = 0;
  update_figures (self);

  return G_SOURCE_REMOVE;
}

/* Refreshes the figures now if they have not been for a while, else a little later. */
static void
queue_update_figures (NeuronsControlsSidebar *self)
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

/* The accuracies, as the evaluator last measured them; a dash until there is an evaluator. */
static void
update_accuracy (NeuronsControlsSidebar *self)
{
  NeuronsEvaluator *evaluator = g_signal_group_dup_target (self->evaluator_signals);
  g_autofree char *test = NULL;
  g_autofree char *panel = NULL;
  g_autofree char *samples = NULL;
  g_autofree char *detail = NULL;
  guint n_panel;

  if (evaluator == NULL || !neurons_evaluator_has_results (evaluator))
    {
      const char *value = evaluator == NULL ? "—" : "…";

      set_figure (self->test_accuracy_label, _("Test set accuracy"), value, NULL);
      set_figure (self->panel_accuracy_label, _("Test panel accuracy"), value, NULL);
      g_clear_object (&evaluator);
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
  g_clear_object (&evaluator);
}

/* Marks the initialisation that suits the chosen activation: "Xavier (suits Sigmoid)". */
static void
update_initialization_labels (NeuronsControlsSidebar *self)
{
  NeuronsActivation activation;
  NeuronsInit suggested;
  struct {
    GtkCheckButton *check;
    NeuronsInit     initialization;
  } checks[] = {
    { self->he_check, NEURONS_INIT_HE },
    { self->xavier_check, NEURONS_INIT_XAVIER },
    { self->uniform_check, NEURONS_INIT_UNIFORM },
  };

  if (self->experiment == NULL)
    return;

  activation = neurons_network_model_get_hidden_activation (neurons_experiment_get_net (self->experiment));
  suggested = neurons_suggested_init (activation);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      const char *name = neurons_init_display_name (checks[i].initialization);
      g_autofree char *label = NULL;

      if (checks[i].initialization == suggested)
        /* Translators: an initialisation and the activation it suits: "Xavier (suits Sigmoid)" */
        label = g_strdup_printf (_("%s (suits %s)"), name, neurons_activation_display_name (activation));
      gtk_check_button_set_label (checks[i].check, label != NULL ? label : name);
    }
}

/* The spin button and the slider show the network's learning rate. */
static void
sync_learning_rate (NeuronsControlsSidebar *self)
{
  double learning_rate;

  if (self->experiment == NULL)
    return;

  learning_rate = neurons_network_model_get_learning_rate (neurons_experiment_get_net (self->experiment));
  self->syncing_learning_rate = TRUE;
  gtk_adjustment_set_value (self->learning_rate_adjustment, learning_rate);
  gtk_adjustment_set_value (self->learning_rate_log_adjustment, log10 (learning_rate));
  self->syncing_learning_rate = FALSE;
}

static void
set_learning_rate (NeuronsControlsSidebar *self,
                   double                  learning_rate)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing_learning_rate || self->experiment == NULL)
    return;

  if (!neurons_experiment_set_learning_rate (self->experiment, learning_rate, &error))
    g_signal_emit (self, signals[ERROR], 0, error->message);
  sync_learning_rate (self);
}

static void
on_learning_rate_value_changed (NeuronsControlsSidebar *self,
                                GtkAdjustment          *adjustment)
{
  set_learning_rate (self, gtk_adjustment_get_value (adjustment));
}

static void
on_learning_rate_log_value_changed (NeuronsControlsSidebar *self,
                                    GtkAdjustment          *adjustment)
{
  /* The slider moves in powers of ten; the rate keeps the three decimals the spin button shows. */
  double learning_rate = round (pow (10, gtk_adjustment_get_value (adjustment)) * 1000) / 1000;

  set_learning_rate (self, CLAMP (learning_rate, NEURONS_LEARNING_RATE_MIN, NEURONS_LEARNING_RATE_MAX));
}

/* Adam wants a rate of about 0.001 to 0.01 (Kingma and Ba use 0.001): the one suggested on
 * switching to it, measured in bench/recipes.md. */
#define ADAM_LEARNING_RATE      0.003
#define ADAM_LEARNING_RATE_MAX  0.01

static void
say (NeuronsControlsSidebar *self,
     const char             *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_debug ("%s", message);
}

static guint
n_training_images (NeuronsControlsSidebar *self)
{
  NeuronsDataset *training_set = neurons_experiment_get_training_set (self->experiment);

  return training_set != NULL && training_set->n_images > 0 ? training_set->n_images : 60000;
}

/* The rows show the options the experiment trains with. */
static void
sync_training (NeuronsControlsSidebar *self)
{
  NeuronsTrainingOptions options;
  guint epochs;

  if (self->experiment == NULL || neurons_experiment_get_trainer (self->experiment) == NULL)
    return;

  neurons_experiment_get_training_options (self->experiment, &options);
  epochs = options.schedule_samples > 0
    ? (guint) MAX (1, (options.schedule_samples + n_training_images (self) / 2) / n_training_images (self))
    : (guint) adw_spin_row_get_value (self->schedule_epochs_row);

  self->syncing_training = TRUE;
  adw_combo_row_set_selected (self->output_row, options.output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY ? 1 : 0);
  adw_combo_row_set_selected (self->optimizer_row, options.optimizer);
  adw_spin_row_set_value (self->momentum_row, options.momentum);
  adw_spin_row_set_value (self->batch_row, options.batch_size);
  adw_combo_row_set_selected (self->schedule_row, options.schedule);
  adw_spin_row_set_value (self->schedule_epochs_row, epochs);
  adw_spin_row_set_value (self->l2_row, options.l2);
  adw_spin_row_set_value (self->dropout_row, options.dropout);
  adw_spin_row_set_value (self->shift_row, options.augment_shift);
  adw_spin_row_set_value (self->rotate_row, options.augment_rotate);
  adw_spin_row_set_value (self->scale_row, options.augment_scale);
  self->syncing_training = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->momentum_row), options.optimizer != NEURONS_OPTIMIZER_SGD);
  gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_epochs_row), options.schedule != NEURONS_SCHEDULE_CONSTANT);
}

/* The options as the rows set them */
static void
read_training_rows (NeuronsControlsSidebar *self,
                    NeuronsTrainingOptions *options)
{
  options->output = adw_combo_row_get_selected (self->output_row) == 1 ? NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY : NEURONS_OUTPUT_SIGMOID_QUADRATIC;
  options->optimizer = (NeuronsOptimizer) MIN (adw_combo_row_get_selected (self->optimizer_row), NEURONS_OPTIMIZER_ADAM);
  options->momentum = adw_spin_row_get_value (self->momentum_row);
  options->batch_size = (guint) adw_spin_row_get_value (self->batch_row);
  options->schedule = (NeuronsSchedule) MIN (adw_combo_row_get_selected (self->schedule_row), NEURONS_SCHEDULE_ONE_CYCLE);
  options->schedule_samples = options->schedule == NEURONS_SCHEDULE_CONSTANT
    ? 0 : (guint64) adw_spin_row_get_value (self->schedule_epochs_row) * n_training_images (self);
  options->l2 = adw_spin_row_get_value (self->l2_row);
  options->dropout = adw_spin_row_get_value (self->dropout_row);
  options->augment_shift = (guint) adw_spin_row_get_value (self->shift_row);
  options->augment_rotate = adw_spin_row_get_value (self->rotate_row);
  options->augment_scale = adw_spin_row_get_value (self->scale_row);
}

/* A learning rate that suits a change of optimiser, or 0 to keep the rate: Adam's own, and
 * back to the activation's usual one on leaving Adam with a rate too small for plain steps. */
static double
suggested_learning_rate (NeuronsControlsSidebar       *self,
                         const NeuronsTrainingOptions *before,
                         const NeuronsTrainingOptions *options)
{
  NeuronsNetworkModel *net = neurons_experiment_get_net (self->experiment);
  double learning_rate = neurons_network_model_get_learning_rate (net);

  if (options->optimizer == before->optimizer)
    return 0;
  if (options->optimizer == NEURONS_OPTIMIZER_ADAM && learning_rate > ADAM_LEARNING_RATE_MAX)
    return ADAM_LEARNING_RATE;
  if (before->optimizer == NEURONS_OPTIMIZER_ADAM && learning_rate <= ADAM_LEARNING_RATE_MAX)
    return neurons_default_learning_rate (neurons_network_model_get_hidden_activation (net));
  return 0;
}

static void
on_training_row_changed (NeuronsControlsSidebar *self)
{
  NeuronsTrainingOptions before;
  NeuronsTrainingOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  double learning_rate;

  if (self->syncing_training || self->experiment == NULL
      || neurons_experiment_get_trainer (self->experiment) == NULL)
    return;

  neurons_experiment_get_training_options (self->experiment, &before);
  options = before;
  read_training_rows (self, &options);
  if (neurons_training_options_equal (&before, &options))
    return;

  learning_rate = suggested_learning_rate (self, &before, &options);
  if (!neurons_experiment_set_training_options (self->experiment, &options, &error))
    {
      g_signal_emit (self, signals[ERROR], 0, error->message);
      sync_training (self);
      return;
    }
  if (learning_rate > 0)
    neurons_experiment_set_learning_rate (self->experiment, learning_rate, NULL);

  if (options.output != before.output && options.output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    message = g_strdup (_("Softmax with cross-entropy: a fresh network"));
  else if (options.output != before.output)
    message = g_strdup (_("Sigmoid with the quadratic cost: a fresh network"));
  else if (learning_rate > 0 && options.optimizer == NEURONS_OPTIMIZER_ADAM)
    /* Translators: "Adam from the next step: learning rate 0.003, as Adam wants about 0.001 to 0.01" */
    message = g_strdup_printf (_("Adam from the next step: learning rate %.3f, as Adam wants about 0.001 to 0.01"), learning_rate);
  else if (learning_rate > 0)
    /* Translators: "SGD from the next step: learning rate 0.05, the usual one for ReLU" */
    message = g_strdup_printf (_("%s from the next step: learning rate %.2f, the usual one for %s"),
                               adw_combo_row_get_selected_item (self->optimizer_row) != NULL
                                 ? gtk_string_object_get_string (adw_combo_row_get_selected_item (self->optimizer_row)) : "",
                               learning_rate,
                               neurons_activation_display_name (neurons_network_model_get_hidden_activation (neurons_experiment_get_net (self->experiment))));
  if (message != NULL)
    say (self, message);

  sync_training (self);
}

/**
 * neurons_recipe_best:
 * @n_training_images: the training set's size, for the schedule's span
 *
 * The best recipe found for this network: NEURONS_BEST_RECIPE_COMMAND_LINE, 96.94 % on the
 * test set with neurons-cli (bench/recipes.md).
 */
void
neurons_recipe_best (NeuronsRecipe *recipe,
                     guint          n_training_images)
{
  g_return_if_fail (recipe != NULL);

  recipe->hidden_activation = NEURONS_ACTIVATION_RELU;
  recipe->initialization = neurons_suggested_init (NEURONS_ACTIVATION_RELU);
  recipe->learning_rate = 0.01;
  recipe->epochs = 20;
  neurons_training_options_init (&recipe->options);
  recipe->options.output = NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY;
  recipe->options.optimizer = NEURONS_OPTIMIZER_ADAM;
  recipe->options.batch_size = 32;
  recipe->options.schedule = NEURONS_SCHEDULE_ONE_CYCLE;
  recipe->options.schedule_samples = (guint64) recipe->epochs * n_training_images;
  recipe->options.augment_shift = 1;
}

/* A fresh network from the default seed, trained by the recipe from its first step */
void
neurons_recipe_apply (const NeuronsRecipe *recipe,
                      NeuronsExperiment   *experiment)
{
  gboolean valid;

  g_return_if_fail (recipe != NULL);
  g_return_if_fail (NEURONS_IS_EXPERIMENT (experiment));

  /* The options first: the reset after them is what the views and the rows follow. */
  valid = neurons_experiment_set_training_options (experiment, &recipe->options, NULL);
  g_assert (valid);
  neurons_experiment_reset (experiment, recipe->hidden_activation, recipe->initialization,
                            NEURONS_DEFAULT_SEED);
  valid = neurons_experiment_set_learning_rate (experiment, recipe->learning_rate, NULL);
  g_assert (valid);
}

/**
 * neurons_controls_sidebar_apply_best:
 *
 * Sets the "Best 16 + 16" recipe on a fresh network, paused, and says what it did.
 */
void
neurons_controls_sidebar_apply_best (NeuronsControlsSidebar *self)
{
  NeuronsRecipe recipe;

  g_return_if_fail (NEURONS_IS_CONTROLS_SIDEBAR (self));

  if (self->experiment == NULL || neurons_experiment_get_trainer (self->experiment) == NULL)
    return;

  neurons_experiment_pause (self->experiment);
  neurons_recipe_best (&recipe, n_training_images (self));
  neurons_recipe_apply (&recipe, self->experiment);
  sync_training (self);
  say (self, _("Best 16 + 16 on a fresh network: ReLU, softmax, Adam, batches of 32, one-cycle to 0.01, ±1 pixel shifts"));
}

static void
on_best_activated (NeuronsControlsSidebar *self)
{
  neurons_controls_sidebar_apply_best (self);
}

/* A network in view, whether the experiment's first or another: everything it shows */
static void
on_net_bind (NeuronsControlsSidebar *self,
             GObject                *net,
             GSignalGroup           *group)
{
  sync_learning_rate (self);
  update_initialization_labels (self);
  sync_training (self);
  update_figures (self);
}

static void
update_file_label (NeuronsControlsSidebar *self)
{
  gtk_label_set_label (self->file_label, self->file_status);
  gtk_widget_set_visible (GTK_WIDGET (self->file_label), self->file_status != NULL);
}

static void
neurons_controls_sidebar_dispose (GObject *object)
{
  NeuronsControlsSidebar *self = NEURONS_CONTROLS_SIDEBAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->figures_source, g_source_remove);
  neurons_controls_sidebar_set_experiment (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_CONTROLS_SIDEBAR);
  /* The template's outer child has no id, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (neurons_controls_sidebar_parent_class)->dispose (object);
}

static void
neurons_controls_sidebar_finalize (GObject *object)
{
  NeuronsControlsSidebar *self = NEURONS_CONTROLS_SIDEBAR (object);

  g_clear_object (&self->experiment_bindings);
  g_clear_object (&self->experiment_signals);
  g_clear_object (&self->net_signals);
  g_clear_object (&self->trainer_signals);
  g_clear_object (&self->evaluator_signals);
  g_clear_pointer (&self->file_status, g_free);

  G_OBJECT_CLASS (neurons_controls_sidebar_parent_class)->finalize (object);
}

static void
neurons_controls_sidebar_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  NeuronsControlsSidebar *self = NEURONS_CONTROLS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      g_value_set_object (value, self->experiment);
      break;

    case PROP_FILE_STATUS:
      g_value_set_string (value, self->file_status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_controls_sidebar_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  NeuronsControlsSidebar *self = NEURONS_CONTROLS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      neurons_controls_sidebar_set_experiment (self, g_value_get_object (value));
      break;

    case PROP_FILE_STATUS:
      neurons_controls_sidebar_set_file_status (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_controls_sidebar_class_init (NeuronsControlsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_controls_sidebar_dispose;
  object_class->finalize = neurons_controls_sidebar_finalize;
  object_class->get_property = neurons_controls_sidebar_get_property;
  object_class->set_property = neurons_controls_sidebar_set_property;

  /**
   * NeuronsControlsSidebar:experiment:
   *
   * The experiment whose progress the sidebar shows and whose network it sets up.
   */
  properties[PROP_EXPERIMENT] =
    g_param_spec_object ("experiment", NULL, NULL,
                         NEURONS_TYPE_EXPERIMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsControlsSidebar:file-status:
   *
   * The line under "Progress" about the network's file ("Saved as net.json"), or %NULL for none.
   */
  properties[PROP_FILE_STATUS] =
    g_param_spec_string ("file-status", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NeuronsControlsSidebar::error:
   * @message: what went wrong, in words a person can act on
   *
   * The network refused a setting made here; the controls show the setting it kept.
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-controls-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, file_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, samples_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, cost_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, panel_accuracy_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, test_accuracy_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, throughput_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, he_check);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, xavier_check);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, uniform_check);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, learning_rate_adjustment);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, learning_rate_log_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_learning_rate_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_learning_rate_log_value_changed);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, training_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, output_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, optimizer_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, momentum_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, batch_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, schedule_epochs_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, l2_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, dropout_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, shift_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, rotate_row);
  gtk_widget_class_bind_template_child (widget_class, NeuronsControlsSidebar, scale_row);
  gtk_widget_class_bind_template_callback (widget_class, on_training_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_best_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* What the sidebar follows, and what each change refreshes */
static void
init_signal_groups (NeuronsControlsSidebar *self)
{
  self->experiment_signals = g_signal_group_new (NEURONS_TYPE_EXPERIMENT);
  g_signal_group_connect_swapped (self->experiment_signals, "notify::playing",
                                  G_CALLBACK (update_figures), self);
  g_signal_group_connect_swapped (self->experiment_signals, "notify::training-set",
                                  G_CALLBACK (update_figures), self);

  self->net_signals = g_signal_group_new (NEURONS_TYPE_NETWORK_MODEL);
  g_signal_connect_object (self->net_signals, "bind", G_CALLBACK (on_net_bind), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_swapped (self->net_signals, "changed", G_CALLBACK (queue_update_figures), self);
  g_signal_group_connect_swapped (self->net_signals, "reset", G_CALLBACK (update_figures), self);
  g_signal_group_connect_swapped (self->net_signals, "reset", G_CALLBACK (sync_training), self);
  g_signal_group_connect_swapped (self->net_signals, "notify::learning-rate",
                                  G_CALLBACK (sync_learning_rate), self);
  g_signal_group_connect_swapped (self->net_signals, "notify::hidden-activation",
                                  G_CALLBACK (update_initialization_labels), self);

  /* The trainer and the evaluator are made with the first data, and stay. */
  self->trainer_signals = g_signal_group_new (NEURONS_TYPE_TRAINER);
  g_signal_connect_object (self->trainer_signals, "bind", G_CALLBACK (update_figures), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->trainer_signals, "bind", G_CALLBACK (sync_training), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_swapped (self->trainer_signals, "notify::throughput",
                                  G_CALLBACK (queue_update_figures), self);

  self->evaluator_signals = g_signal_group_new (NEURONS_TYPE_EVALUATOR);
  g_signal_connect_object (self->evaluator_signals, "bind", G_CALLBACK (update_accuracy), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->evaluator_signals, "unbind", G_CALLBACK (update_accuracy), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_swapped (self->evaluator_signals, "updated", G_CALLBACK (update_accuracy), self);

  self->experiment_bindings = g_binding_group_new ();
  g_binding_group_bind (self->experiment_bindings, "net", self->net_signals, "target", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->experiment_bindings, "trainer", self->trainer_signals, "target", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->experiment_bindings, "evaluator", self->evaluator_signals, "target", G_BINDING_SYNC_CREATE);
}

static void
neurons_controls_sidebar_init (NeuronsControlsSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  init_signal_groups (self);
  update_accuracy (self);
}

GtkWidget *
neurons_controls_sidebar_new (void)
{
  return g_object_new (NEURONS_TYPE_CONTROLS_SIDEBAR, NULL);
}

NeuronsExperiment *
neurons_controls_sidebar_get_experiment (NeuronsControlsSidebar *self)
{
  g_return_val_if_fail (NEURONS_IS_CONTROLS_SIDEBAR (self), NULL);

  return self->experiment;
}

void
neurons_controls_sidebar_set_experiment (NeuronsControlsSidebar *self,
                                         NeuronsExperiment      *experiment)
{
  g_return_if_fail (NEURONS_IS_CONTROLS_SIDEBAR (self));
  g_return_if_fail (experiment == NULL || NEURONS_IS_EXPERIMENT (experiment));

  if (self->experiment == experiment)
    return;

  /* Stored first: binding the new network, trainer and evaluator refreshes from it. */
  g_set_object (&self->experiment, experiment);
  g_signal_group_set_target (self->experiment_signals, experiment);
  g_binding_group_set_source (self->experiment_bindings, experiment);
  if (experiment == NULL)
    {
      /* Without a source the bindings stop, but they leave their last values behind. */
      g_signal_group_set_target (self->net_signals, NULL);
      g_signal_group_set_target (self->trainer_signals, NULL);
      g_signal_group_set_target (self->evaluator_signals, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPERIMENT]);
}

const char *
neurons_controls_sidebar_get_file_status (NeuronsControlsSidebar *self)
{
  g_return_val_if_fail (NEURONS_IS_CONTROLS_SIDEBAR (self), NULL);

  return self->file_status;
}

void
neurons_controls_sidebar_set_file_status (NeuronsControlsSidebar *self,
                                          const char             *file_status)
{
  g_return_if_fail (NEURONS_IS_CONTROLS_SIDEBAR (self));

  if (g_strcmp0 (self->file_status, file_status) == 0)
    return;

  g_free (self->file_status);
  self->file_status = g_strdup (file_status);

  update_file_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_STATUS]);
}
