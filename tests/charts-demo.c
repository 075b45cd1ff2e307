/* charts-demo.c: every teaching chart beside a training network, for looking and timing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "neurons-activation-chart.h"
#include "neurons-confusion-matrix.h"
#include "neurons-evaluator.h"
#include "neurons-history-chart.h"
#include "neurons-init-chart.h"
#include "neurons-learning-rate-chart.h"
#include "neurons-test-bench.h"
#include "neurons-trainer.h"
#include "neurons-evaluation.h"
#include "neurons-sgd.h"
#include "neurons-weight-histogram.h"

/*
 * charts-demo [--speed=N] [--dark] [--activation=relu|sigmoid] [--samples=N] [--seconds=S]
 *             [--open-cell]
 *
 * Trains on MNIST at N samples per second (0: as fast as it goes), or with --samples trains
 * that many and pauses. The activation chart marks first-layer neuron 0's weighted sum, as
 * if it were hovered. With --seconds it quits after S seconds and prints how many frames per
 * second the window drew. With --open-cell, once training has paused, the confusion matrix
 * shows the images behind its most common mistake. Clicking a test image pauses and prints it.
 */

static double speed = NEURONS_SPEED_MAX;
static gboolean dark;
static char *activation_name;
static gint64 n_samples;
static double seconds;
static gboolean open_cell;

static const GOptionEntry entries[] = {
  { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed, "Samples per second, 0 for as fast as possible", "N" },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
  { "activation", 0, 0, G_OPTION_ARG_STRING, &activation_name, "Hidden activation", "relu|sigmoid" },
  { "samples", 0, 0, G_OPTION_ARG_INT64, &n_samples, "Train this many samples, then pause", "N" },
  { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "Quit after this long and print the frame rate", "S" },
  { "open-cell", 0, 0, G_OPTION_ARG_NONE, &open_cell, "Show the images behind the most common mistake", NULL },
  { NULL }
};

typedef struct
{
  NeuronsNetworkModel *net;
  NeuronsTrainer   *trainer;
  NeuronsEvaluator *evaluator;
  NeuronsDataset   *test;
  GtkWidget        *activation_chart;
  NeuronsHighlight *highlight;
  GtkWidget        *matrix;
  guint             n_frames;
  gint64            first_frame_time;
} Demo;

static void
on_sample_activated (Demo  *demo,
                     guint  test_index)
{
  neurons_trainer_pause (demo->trainer);
  neurons_network_model_show_input (demo->net, neurons_dataset_image (demo->test, test_index),
                                 demo->test->labels[test_index], test_index);
  g_print ("Showing test image %u, a %u\n", test_index, demo->test->labels[test_index]);
}

/* Once the evaluation describes the paused network, opens its most common mistake. */
static void
on_evaluator_updated (Demo *demo)
{
  const NeuronsEvaluation *results = neurons_evaluator_get_evaluation (demo->evaluator);
  guint worst = 1;

  if (results == NULL || neurons_trainer_get_running (demo->trainer)
      || neurons_evaluator_get_samples_seen (demo->evaluator) != neurons_network_model_get_samples_seen (demo->net)
      || neurons_evaluator_get_samples_seen (demo->evaluator) == 0)
    return;

  for (guint cell = 0; cell < 100; cell++)
    if (cell / 10 != cell % 10 && results->confusion[cell / 10][cell % 10] > results->confusion[worst / 10][worst % 10])
      worst = cell;

  g_signal_handlers_disconnect_by_func (demo->evaluator, on_evaluator_updated, demo);
  g_signal_emit_by_name (demo->matrix, "cell-activated", worst / 10, worst % 10);
}

static void
on_after_paint (GdkFrameClock *clock,
                Demo          *demo)
{
  if (demo->n_frames++ == 0)
    demo->first_frame_time = g_get_monotonic_time ();
}

static gboolean
on_quit (gpointer user_data)
{
  Demo *demo = user_data;
  double elapsed = (g_get_monotonic_time () - demo->first_frame_time) / (double) G_USEC_PER_SEC;

  g_print ("%u frames in %.1f s: %.1f frames per second; %" G_GUINT64_FORMAT " samples trained\n",
           demo->n_frames - 1, elapsed, (demo->n_frames - 1) / elapsed,
           neurons_network_model_get_samples_seen (demo->net));
  g_application_quit (g_application_get_default ());
  return G_SOURCE_REMOVE;
}

static GtkWidget *
titled (const char *title,
        GtkWidget  *chart)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_vexpand (chart, TRUE);
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), chart);
  return box;
}

static void
on_activate (GtkApplication *app,
             Demo           *demo)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *init_chart = neurons_init_chart_new ();
  GtkWidget *rate_chart = neurons_learning_rate_chart_new ();
  GtkWidget *weights = neurons_weight_histogram_new ();
  GtkWidget *cost = neurons_history_chart_new (NEURONS_HISTORY_CHART_COST);
  GtkWidget *accuracy = neurons_history_chart_new (NEURONS_HISTORY_CHART_ACCURACY);
  GtkWidget *bench = neurons_test_bench_new ();
  GtkWidget *matrix = neurons_confusion_matrix_new ();

  demo->matrix = matrix;

  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  demo->activation_chart = neurons_activation_chart_new ();
  neurons_activation_chart_set_show_derivatives (NEURONS_ACTIVATION_CHART (demo->activation_chart), TRUE);
  g_object_bind_property (demo->net, "hidden-activation", demo->activation_chart, "activation", G_BINDING_SYNC_CREATE);
  /* the first neuron of layer 1, marked as if pointed at */
  neurons_highlight_select (demo->highlight, NEURONS_HIGHLIGHT_HIDDEN1, 0);
  neurons_activation_chart_set_net (NEURONS_ACTIVATION_CHART (demo->activation_chart), demo->net);
  neurons_activation_chart_set_highlight (NEURONS_ACTIVATION_CHART (demo->activation_chart), demo->highlight);
  g_object_bind_property (demo->net, "initialization", init_chart, "initialization", G_BINDING_SYNC_CREATE);
  g_object_bind_property (demo->net, "hidden-activation", rate_chart, "activation", G_BINDING_SYNC_CREATE);
  g_object_bind_property (demo->net, "learning-rate", rate_chart, "learning-rate", G_BINDING_SYNC_CREATE);
  neurons_weight_histogram_set_net (NEURONS_WEIGHT_HISTOGRAM (weights), demo->net);
  neurons_history_chart_set_evaluator (NEURONS_HISTORY_CHART (cost), demo->evaluator);
  neurons_history_chart_set_evaluator (NEURONS_HISTORY_CHART (accuracy), demo->evaluator);
  neurons_test_bench_set_evaluator (NEURONS_TEST_BENCH (bench), demo->evaluator);
  neurons_confusion_matrix_set_evaluator (NEURONS_CONFUSION_MATRIX (matrix), demo->evaluator);
  g_signal_connect_swapped (bench, "sample-activated", G_CALLBACK (on_sample_activated), demo);
  g_signal_connect_swapped (matrix, "sample-activated", G_CALLBACK (on_sample_activated), demo);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_grid_attach (GTK_GRID (grid), titled ("Activation functions", demo->activation_chart), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), titled ("Initial weights", init_chart), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), titled ("Weights now", weights), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), titled ("Learning rate", rate_chart), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), titled ("Cost", cost), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), titled ("Accuracy", accuracy), 2, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), titled ("Test bench", bench), 0, 2, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), titled ("Confusion matrix", matrix), 2, 2, 1, 1);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), grid);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));

  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), demo);
  if (seconds > 0)
    g_timeout_add ((guint) (seconds * 1000), on_quit, demo);
  if (open_cell)
    g_signal_connect_swapped (demo->evaluator, "updated", G_CALLBACK (on_evaluator_updated), demo);

  neurons_trainer_set_speed (demo->trainer, speed);
  if (n_samples > 0)
    neurons_trainer_run_samples (demo->trainer, n_samples);
  else
    neurons_trainer_play (demo->trainer);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autofree char *directory = NULL;
  NeuronsActivation activation = NEURONS_ACTIVATION_SIGMOID;
  Demo demo = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error)
      || (activation_name != NULL && !neurons_activation_from_string (activation_name, &activation)))
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Unknown activation");
      return 1;
    }

  directory = g_strdup (g_getenv ("NEURONS_DATA_DIR"));
  if (directory == NULL)
    directory = g_strdup (NEURONS_SOURCE_DATA_DIR);
  if (!neurons_dataset_load_directory (directory, &train, &test, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  demo.net = neurons_network_model_new (activation, neurons_suggested_init (activation), NEURONS_DEFAULT_SEED);
  demo.trainer = neurons_trainer_new (demo.net, train);
  demo.evaluator = neurons_evaluator_new (demo.net, test);
  demo.test = test;
  demo.highlight = neurons_highlight_new ();

  app = adw_application_new ("io.github.neurons.ChartsDemo", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &demo);
  status = g_application_run (G_APPLICATION (app), 0, NULL);

  neurons_trainer_pause (demo.trainer);
  g_object_unref (demo.highlight);
  g_object_unref (demo.evaluator);
  g_object_unref (demo.trainer);
  g_object_unref (demo.net);

  return status;
}
