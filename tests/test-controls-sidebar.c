/* test-controls-sidebar.c: the controls sidebar follows the experiment it is given, and sets it up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

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

  return g_test_run ();
}
