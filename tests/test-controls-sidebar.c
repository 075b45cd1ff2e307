/* test-controls-sidebar.c: the controls sidebar follows the experiment it is given, and sets it up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "neurons-controls-sidebar.h"
#include "render-helper.h"

/*
 * The sidebar is built from its template in the app's resources, given an experiment, and
 * read back through its template children: the figures and their accessible descriptions,
 * the initialisation labels, the learning rate. GLib's test framework makes every warning
 * fatal, so a sidebar that GTK builds with a complaint fails here too.
 */

static gpointer
child (NeuronsControlsSidebar *sidebar,
       const char             *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (sidebar), NEURONS_TYPE_CONTROLS_SIDEBAR, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
label_text (NeuronsControlsSidebar *sidebar,
            const char             *name)
{
  return gtk_label_get_label (GTK_LABEL (child (sidebar, name)));
}

static const char *
check_label (NeuronsControlsSidebar *sidebar,
             const char             *name)
{
  return gtk_check_button_get_label (GTK_CHECK_BUTTON (child (sidebar, name)));
}

static double
shown_learning_rate (NeuronsControlsSidebar *sidebar)
{
  return gtk_adjustment_get_value (GTK_ADJUSTMENT (child (sidebar, "learning_rate_adjustment")));
}

static NeuronsControlsSidebar *
new_sidebar (void)
{
  return g_object_ref_sink (NEURONS_CONTROLS_SIDEBAR (neurons_controls_sidebar_new ()));
}

/* Before it has an experiment the figures are dashes; with one, they are its network's. */
static void
test_figures (void)
{
  g_autoptr(NeuronsControlsSidebar) sidebar = new_sidebar ();
  g_autoptr(NeuronsExperiment) experiment = neurons_experiment_new (NULL);

  g_assert_cmpstr (label_text (sidebar, "test_accuracy_label"), ==, "—");
  g_assert_cmpstr (label_text (sidebar, "panel_accuracy_label"), ==, "—");

  neurons_controls_sidebar_set_experiment (sidebar, experiment);
  g_assert_true (neurons_controls_sidebar_get_experiment (sidebar) == experiment);
  g_assert_cmpstr (label_text (sidebar, "samples_label"), ==, "0");
  /* no data yet: no epoch, and no evaluator to measure with */
  g_assert_cmpstr (label_text (sidebar, "epoch_label"), ==, "—");
  g_assert_cmpstr (label_text (sidebar, "cost_label"), ==, "—");
  g_assert_cmpstr (label_text (sidebar, "throughput_label"), ==, "Paused");
  g_assert_cmpstr (label_text (sidebar, "test_accuracy_label"), ==, "—");

  neurons_controls_sidebar_set_experiment (sidebar, NULL);
  g_assert_null (neurons_controls_sidebar_get_experiment (sidebar));
}

/* The initialisation that suits the activation is marked, and follows a switch. */
static void
test_initialization_labels (void)
{
  g_autoptr(NeuronsControlsSidebar) sidebar = new_sidebar ();
  g_autoptr(NeuronsExperiment) experiment = neurons_experiment_new (NULL);

  neurons_controls_sidebar_set_experiment (sidebar, experiment);
  g_assert_cmpstr (check_label (sidebar, "xavier_check"), ==, "Xavier (suits Sigmoid)");
  g_assert_cmpstr (check_label (sidebar, "he_check"), ==, "He");

  neurons_experiment_reset (experiment, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 1);
  g_assert_cmpstr (check_label (sidebar, "he_check"), ==, "He (suits ReLU)");
  g_assert_cmpstr (check_label (sidebar, "xavier_check"), ==, "Xavier");
  g_assert_cmpstr (check_label (sidebar, "uniform_check"), ==, "Uniform");
}

/* The spin button and the slider show the network's rate, and set it. */
static void
test_learning_rate (void)
{
  g_autoptr(NeuronsControlsSidebar) sidebar = new_sidebar ();
  g_autoptr(NeuronsExperiment) experiment = neurons_experiment_new (NULL);
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);

  neurons_controls_sidebar_set_experiment (sidebar, experiment);
  g_assert_cmpfloat_with_epsilon (shown_learning_rate (sidebar), neurons_network_model_get_learning_rate (net), 1e-9);

  g_assert_true (neurons_experiment_set_learning_rate (experiment, 0.05, NULL));
  g_assert_cmpfloat_with_epsilon (shown_learning_rate (sidebar), 0.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (GTK_ADJUSTMENT (child (sidebar, "learning_rate_log_adjustment"))),
                                  log10 (0.05), 1e-9);

  gtk_adjustment_set_value (GTK_ADJUSTMENT (child (sidebar, "learning_rate_adjustment")), 1.5);
  g_assert_cmpfloat_with_epsilon (neurons_network_model_get_learning_rate (net), 1.5, 1e-9);

  /* The slider moves in powers of ten, and the rate keeps three decimals. */
  gtk_adjustment_set_value (GTK_ADJUSTMENT (child (sidebar, "learning_rate_log_adjustment")), -1);
  g_assert_cmpfloat_with_epsilon (neurons_network_model_get_learning_rate (net), 0.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (shown_learning_rate (sidebar), 0.1, 1e-9);
}

/* Given another experiment, the sidebar follows it and lets the first go. */
static void
test_other_experiment (void)
{
  g_autoptr(NeuronsControlsSidebar) sidebar = new_sidebar ();
  g_autoptr(NeuronsExperiment) first = neurons_experiment_new (NULL);
  g_autoptr(NeuronsExperiment) second = neurons_experiment_new (NULL);

  neurons_experiment_reset (second, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 1);
  g_assert_true (neurons_experiment_set_learning_rate (second, 0.05, NULL));

  neurons_controls_sidebar_set_experiment (sidebar, first);
  neurons_controls_sidebar_set_experiment (sidebar, second);
  g_assert_cmpstr (check_label (sidebar, "he_check"), ==, "He (suits ReLU)");
  g_assert_cmpfloat_with_epsilon (shown_learning_rate (sidebar), 0.05, 1e-9);

  g_assert_true (neurons_experiment_set_learning_rate (first, 0.7, NULL));
  g_assert_cmpfloat_with_epsilon (shown_learning_rate (sidebar), 0.05, 1e-9);

  gtk_adjustment_set_value (GTK_ADJUSTMENT (child (sidebar, "learning_rate_adjustment")), 0.2);
  g_assert_cmpfloat_with_epsilon (neurons_network_model_get_learning_rate (neurons_experiment_get_net (second)), 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (neurons_network_model_get_learning_rate (neurons_experiment_get_net (first)), 0.7, 1e-9);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (neurons_experiment_load_finish (NEURONS_EXPERIMENT (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Once the data is in, the trainer and the evaluator it brings are followed too: the epoch
 * shows, and the accuracies wait for their first measurement, then show it. */
static void
test_loaded_data (void)
{
  g_autoptr(NeuronsControlsSidebar) sidebar = new_sidebar ();
  g_autoptr(NeuronsExperiment) experiment = neurons_experiment_new (NULL);
  gboolean done = FALSE;

  neurons_controls_sidebar_set_experiment (sidebar, experiment);
  neurons_experiment_load_async (experiment, NEURONS_DATASET_MNIST, g_getenv ("NEURONS_DATA_DIR"),
                                 NULL, on_loaded, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (label_text (sidebar, "epoch_label"), ==, "1 (0 %)");
  while (!neurons_evaluator_has_results (neurons_experiment_get_evaluator (experiment)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_suffix (label_text (sidebar, "test_accuracy_label"), " %"));
}

/* The line about the network's file shows only when there is one. */
static void
test_file_status (void)
{
  g_autoptr(NeuronsControlsSidebar) sidebar = new_sidebar ();
  GtkWidget *file_label = child (sidebar, "file_label");

  g_assert_false (gtk_widget_get_visible (file_label));
  neurons_controls_sidebar_set_file_status (sidebar, "Saved as net.neurons.json");
  g_assert_true (gtk_widget_get_visible (file_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (file_label)), ==, "Saved as net.neurons.json");
  g_assert_cmpstr (neurons_controls_sidebar_get_file_status (sidebar), ==, "Saved as net.neurons.json");
  neurons_controls_sidebar_set_file_status (sidebar, NULL);
  g_assert_false (gtk_widget_get_visible (file_label));
}

static void
increment_count (guint *count)
{
  (*count)++;
}

static NeuronsExperiment *
loaded_experiment (NeuronsControlsSidebar *sidebar)
{
  NeuronsExperiment *experiment = neurons_experiment_new (NULL);
  gboolean done = FALSE;

  neurons_controls_sidebar_set_experiment (sidebar, experiment);
  neurons_experiment_load_async (experiment, NEURONS_DATASET_MNIST, g_getenv ("NEURONS_DATA_DIR"),
                                 NULL, on_loaded, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return experiment;
}

/* The Training section starts collapsed and shows the options in force; a new output starts a
 * fresh network, Adam brings a rate it can use, and the rest apply as they are. */
static void
test_training (void)
{
  g_autoptr(NeuronsControlsSidebar) sidebar = new_sidebar ();
  g_autoptr(NeuronsExperiment) experiment = loaded_experiment (sidebar);
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  NeuronsTrainingOptions options;
  guint resets = 0;

  g_assert_false (adw_expander_row_get_expanded (child (sidebar, "training_row")));
  g_assert_cmpuint (adw_combo_row_get_selected (child (sidebar, "output_row")), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (child (sidebar, "optimizer_row")), ==, 0);
  g_assert_cmpfloat (adw_spin_row_get_value (child (sidebar, "batch_row")), ==, 1);

  g_signal_connect_swapped (net, "reset", G_CALLBACK (increment_count), &resets);
  adw_spin_row_set_value (child (sidebar, "batch_row"), 32);
  neurons_experiment_get_training_options (experiment, &options);
  g_assert_cmpuint (options.batch_size, ==, 32);
  g_assert_cmpuint (resets, ==, 0);

  adw_combo_row_set_selected (child (sidebar, "output_row"), 1);
  neurons_experiment_get_training_options (experiment, &options);
  g_assert_cmpint (options.output, ==, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY);
  g_assert_cmpuint (options.batch_size, ==, 32);
  g_assert_cmpuint (resets, ==, 1);

  g_assert_cmpfloat (neurons_network_model_get_learning_rate (net), ==, 0.3);
  adw_combo_row_set_selected (child (sidebar, "optimizer_row"), NEURONS_OPTIMIZER_ADAM);
  neurons_experiment_get_training_options (experiment, &options);
  g_assert_cmpint (options.optimizer, ==, NEURONS_OPTIMIZER_ADAM);
  g_assert_cmpfloat (neurons_network_model_get_learning_rate (net), ==, 0.003);
  g_assert_cmpuint (resets, ==, 1);

  adw_combo_row_set_selected (child (sidebar, "schedule_row"), NEURONS_SCHEDULE_COSINE);
  neurons_experiment_get_training_options (experiment, &options);
  g_assert_cmpint (options.schedule, ==, NEURONS_SCHEDULE_COSINE);
  g_assert_cmpuint (options.schedule_samples, ==, 20 * 60000);

  /* Options set elsewhere (a lesson, a file) show once the network is reset. */
  neurons_training_options_init (&options);
  options.dropout = 0.2;
  g_assert_true (neurons_experiment_set_training_options (experiment, &options, NULL));
  neurons_experiment_reset (experiment, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 7);
  g_assert_cmpuint (adw_combo_row_get_selected (child (sidebar, "output_row")), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (child (sidebar, "optimizer_row")), ==, 0);
  g_assert_cmpfloat (adw_spin_row_get_value (child (sidebar, "dropout_row")), ==, 0.2);
  g_assert_cmpfloat (adw_spin_row_get_value (child (sidebar, "batch_row")), ==, 1);

  neurons_controls_sidebar_set_experiment (sidebar, NULL);
}

/* The README's best command line, read as neurons-cli reads it */
static void
parse_command_line (const char    *command_line,
                    NeuronsRecipe *recipe,
                    guint          n_training_images)
{
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  gboolean init_given = FALSE, rate_given = FALSE;

  g_assert_true (g_shell_parse_argv (command_line, NULL, &argv, &error));
  g_assert_cmpstr (argv[0], ==, "neurons-cli");
  g_assert_cmpstr (argv[1], ==, "train");

  recipe->hidden_activation = NEURONS_ACTIVATION_SIGMOID;
  recipe->epochs = 1;
  neurons_training_options_init (&recipe->options);
  for (guint i = 2; argv[i] != NULL; i += 2)
    {
      const char *flag = argv[i];
      const char *value = argv[i + 1];

      g_assert_nonnull (value);
      if (g_str_equal (flag, "--epochs"))
        recipe->epochs = atoi (value);
      else if (g_str_equal (flag, "--activation"))
        g_assert_true (neurons_activation_from_string (value, &recipe->hidden_activation));
      else if (g_str_equal (flag, "--init"))
        init_given = neurons_init_from_string (value, &recipe->initialization);
      else if (g_str_equal (flag, "--lr"))
        rate_given = (recipe->learning_rate = g_ascii_strtod (value, NULL)) > 0;
      else if (g_str_equal (flag, "--output"))
        g_assert_true (neurons_output_from_string (value, &recipe->options.output));
      else if (g_str_equal (flag, "--optimizer"))
        g_assert_true (neurons_optimizer_from_string (value, &recipe->options.optimizer));
      else if (g_str_equal (flag, "--batch"))
        recipe->options.batch_size = atoi (value);
      else if (g_str_equal (flag, "--schedule"))
        g_assert_true (neurons_schedule_from_string (value, &recipe->options.schedule));
      else if (g_str_equal (flag, "--augment"))
        g_assert_true (neurons_augmentation_parse (value, &recipe->options, NULL));
      else
        g_error ("The test does not know the flag %s of the README's command line", flag);
    }

  /* neurons-cli's defaults: the activation's initialisation and rate, a schedule over the run */
  if (!init_given)
    recipe->initialization = neurons_suggested_init (recipe->hidden_activation);
  if (!rate_given)
    recipe->learning_rate = neurons_default_learning_rate (recipe->hidden_activation);
  if (recipe->options.schedule != NEURONS_SCHEDULE_CONSTANT)
    recipe->options.schedule_samples = (guint64) recipe->epochs * n_training_images;
}

/* "Best 16 + 16" is the README's best command line, and sets it on a fresh network. */
static void
test_best_recipe (void)
{
  g_autofree char *readme_path = g_test_build_filename (G_TEST_DIST, "..", "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsControlsSidebar) sidebar = new_sidebar ();
  g_autoptr(NeuronsExperiment) experiment = NULL;
  NeuronsTrainingOptions options;
  NeuronsRecipe best, readme_recipe, macro_recipe;
  NeuronsNetworkModel *net;

  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, &error));
  g_assert_nonnull (strstr (readme, "\n    " NEURONS_BEST_RECIPE_COMMAND_LINE "\n"));

  neurons_recipe_best (&best, 60000);
  parse_command_line (NEURONS_BEST_RECIPE_COMMAND_LINE, &macro_recipe, 60000);
  {
    /* The line as the README has it, parsed on its own */
    const char *start = strstr (readme, "\n    neurons-cli train ");
    g_autofree char *line = NULL;

    g_assert_nonnull (start);
    line = g_strndup (start + 5, strchr (start + 5, '\n') - (start + 5));
    parse_command_line (line, &readme_recipe, 60000);
  }

  for (guint i = 0; i < 2; i++)
    {
      const NeuronsRecipe *parsed = i == 0 ? &readme_recipe : &macro_recipe;

      g_assert_cmpint (parsed->hidden_activation, ==, best.hidden_activation);
      g_assert_cmpint (parsed->initialization, ==, best.initialization);
      g_assert_cmpfloat (parsed->learning_rate, ==, best.learning_rate);
      g_assert_cmpuint (parsed->epochs, ==, best.epochs);
      g_assert_true (neurons_training_options_equal (&parsed->options, &best.options));
    }

  experiment = loaded_experiment (sidebar);
  net = neurons_experiment_get_net (experiment);
  neurons_controls_sidebar_apply_best (sidebar);
  neurons_experiment_get_training_options (experiment, &options);
  g_assert_true (neurons_training_options_equal (&options, &best.options));
  g_assert_cmpint (neurons_network_model_get_hidden_activation (net), ==, NEURONS_ACTIVATION_RELU);
  g_assert_cmpint (neurons_network_model_get_initialization (net), ==, NEURONS_INIT_HE);
  g_assert_cmpfloat (neurons_network_model_get_learning_rate (net), ==, 0.01);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 0);
  g_assert_false (neurons_experiment_get_playing (experiment));
  g_assert_cmpuint (adw_combo_row_get_selected (child (sidebar, "output_row")), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (child (sidebar, "optimizer_row")), ==, NEURONS_OPTIMIZER_ADAM);
  g_assert_cmpfloat (adw_spin_row_get_value (child (sidebar, "schedule_epochs_row")), ==, 20);
  g_assert_cmpfloat (adw_spin_row_get_value (child (sidebar, "shift_row")), ==, 1);

  neurons_controls_sidebar_set_experiment (sidebar, NULL);
}

int
main (int   argc,
      char *argv[])
{
  neurons_test_init_display (&argc, &argv);

  g_test_add_func ("/widgets/controls-sidebar/figures", test_figures);
  g_test_add_func ("/widgets/controls-sidebar/initialization-labels", test_initialization_labels);
  g_test_add_func ("/widgets/controls-sidebar/learning-rate", test_learning_rate);
  g_test_add_func ("/widgets/controls-sidebar/other-experiment", test_other_experiment);
  g_test_add_func ("/widgets/controls-sidebar/loaded-data", test_loaded_data);
  g_test_add_func ("/widgets/controls-sidebar/file-status", test_file_status);
  g_test_add_func ("/widgets/controls-sidebar/training", test_training);
  g_test_add_func ("/widgets/controls-sidebar/best-recipe", test_best_recipe);

  return g_test_run ();
}
