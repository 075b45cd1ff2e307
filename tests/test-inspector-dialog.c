/* test-inspector-dialog.c: the neuron inspector, shown in a real window and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "neurons-inspector-dialog.h"
#include "render-helper.h"

/*
 * The inspector shows what the network model holds: the forward pass of the sample on show,
 * and after a single step the δ and the weights before and after it. These tests read its
 * lines as a screen reader would, as text, and hold them to the model's own numbers.
 */

#define LABEL 3

static void
make_sample (guint8 *pixels,
             guint   offset)
{
  memset (pixels, 0, NEURONS_INPUT_SIZE);
  for (guint row = 6; row < 22; row++)
    for (guint column = 10 + offset; column < 16 + offset; column++)
      pixels[row * NEURONS_IMAGE_SIDE + column] = (guint8) (120 + 7 * row);
}

/* The text of the label on show below widget whose text starts with prefix, or NULL. */
static const char *
find_line (GtkWidget  *widget,
           const char *prefix)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;

  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return gtk_label_get_text (GTK_LABEL (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_line (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
assert_line (GtkWidget  *dialog,
             const char *expected)
{
  g_autofree char *prefix = g_strndup (expected, strlen (expected) / 2);
  const char *line = find_line (dialog, prefix);

  if (line == NULL)
    g_error ("no line starts with “%s”", prefix);
  g_assert_cmpstr (line, ==, expected);
}

/* A few frames, for the inspector's tick callback to refresh it. */
static void
wait_frames (GtkWidget *window)
{
  for (guint i = 0; i < 3; i++)
    neurons_test_wait_for_frame (window);
}

static void
test_forward_and_step (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  g_autoptr(NeuronsExperiment) experiment = neurons_experiment_new (net);
  g_autoptr(NeuronsMlp) before = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *host = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *dialog;
  const NeuronsForward *forward;
  const NeuronsMlp *after;
  guint8 pixels[NEURONS_INPUT_SIZE];
  g_autofree char *z = NULL;
  g_autofree char *a = NULL;
  g_autofree char *bias = NULL;
  g_autofree char *delta = NULL;
  g_autofree char *share = NULL;
  float error;

  make_sample (pixels, 0);
  neurons_network_model_show_input (net, pixels, LABEL, 42);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  adw_window_set_content (ADW_WINDOW (window), host);
  gtk_window_present (GTK_WINDOW (window));
  dialog = GTK_WIDGET (neurons_inspector_dialog_new (experiment, 0, 4));
  adw_dialog_present (ADW_DIALOG (dialog), host);
  wait_frames (window);

  /* Forward only: the sample, z and a as the model computed them, and no step */
  forward = neurons_network_model_get_forward (net);
  assert_line (dialog, "Neuron 5 of layer 1");
  assert_line (dialog, "The sample on show is training image 42, a “3”.");
  z = g_strdup_printf ("z = %.4f", forward->z1[4]);
  assert_line (dialog, z);
  a = g_strdup_printf ("a = σ(z) = %.4f", forward->a1[4]);
  assert_line (dialog, a);
  g_assert_null (find_line (dialog, "δ = ("));
  g_assert_null (find_line (dialog, "its share"));

  /* One step: δ as the engine found it, and the bias before and after that step */
  before = neurons_mlp_copy (neurons_network_model_get_mlp (net));
  make_sample (pixels, 4);
  neurons_network_model_train_step (net, pixels, LABEL, 43);
  wait_frames (window);
  after = neurons_network_model_get_mlp (net);
  g_assert_cmpfloat (before->b1[4], !=, after->b1[4]);
  bias = g_strdup_printf ("bias b: %.4f → %.4f (−0.3 × δ)", before->b1[4], after->b1[4]);
  assert_line (dialog, bias);
  delta = g_strdup_printf ("%.3g", neurons_network_model_get_backward (net)->delta1[4]);
  g_assert_true (g_str_has_suffix (find_line (dialog, "δ = (Σ wₖⱼ δₖ) · σ′(z) = "), delta));
  assert_line (dialog, "The sample on show is training image 43, a “3”.");

  /* An output: its share of the cost */
  neurons_inspector_dialog_set_neuron (NEURONS_INSPECTOR_DIALOG (dialog), 2, LABEL);
  wait_frames (window);
  assert_line (dialog, "Output 4, for “3”");
  forward = neurons_network_model_get_forward (net);
  error = forward->a3[LABEL] - 1;
  share = g_strdup_printf ("its share: ½(a − y)² = ½(%.4f − 1)² = %.4f", forward->a3[LABEL], 0.5f * (error * error));
  assert_line (dialog, share);
  g_assert_nonnull (find_line (dialog, "δ = (a − y) · σ′(z) = "));

  /* Silenced neurons: the dialog says its numbers are the whole network's */
  g_assert_null (find_line (dialog, "Some neurons are silenced"));
  neurons_network_model_set_silenced (net, 0, 4, TRUE);
  wait_frames (window);
  g_assert_nonnull (find_line (dialog, "Some neurons are silenced"));
  neurons_inspector_dialog_set_neuron (NEURONS_INSPECTOR_DIALOG (dialog), 0, 4);
  wait_frames (window);
  g_assert_nonnull (find_line (dialog, "This neuron is silenced"));
  neurons_network_model_set_silenced (net, 0, 4, FALSE);
  wait_frames (window);
  g_assert_null (find_line (dialog, "This neuron is silenced"));
  g_assert_null (find_line (dialog, "Some neurons are silenced"));
  neurons_inspector_dialog_set_neuron (NEURONS_INSPECTOR_DIALOG (dialog), 2, LABEL);

  /* Another input shown without learning: the step is gone */
  neurons_network_model_show_input (net, pixels, LABEL, 44);
  wait_frames (window);
  g_assert_null (find_line (dialog, "δ = ("));
  g_assert_nonnull (find_line (dialog, "Train on one sample"));

  adw_dialog_force_close (ADW_DIALOG (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (neurons_experiment_load_finish (NEURONS_EXPERIMENT (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
set_options (NeuronsExperiment            *experiment,
             const NeuronsTrainingOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (neurons_experiment_set_training_options (experiment, options, &error));
  g_assert_no_error (error);
}

/* With batches a step may only gather, and the inspector says so; with Adam it shows what
 * the optimiser wrote and names it; at a softmax output it writes out eᶻ / Σ eᶻ, δ = a − y and
 * the cross-entropy of the true class. */
static void
test_optimizers (void)
{
  g_autoptr(NeuronsExperiment) experiment = neurons_experiment_new (NULL);
  NeuronsNetworkModel *net;
  GtkWidget *window = adw_window_new ();
  GtkWidget *host = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *dialog;
  NeuronsTrainingOptions options;
  gboolean loaded = FALSE;
  guint label;

  neurons_experiment_load_async (experiment, NEURONS_DATASET_MNIST, g_getenv ("NEURONS_DATA_DIR"),
                                 NULL, on_loaded, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  net = neurons_experiment_get_net (experiment);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  adw_window_set_content (ADW_WINDOW (window), host);
  gtk_window_present (GTK_WINDOW (window));
  dialog = GTK_WIDGET (neurons_inspector_dialog_new (experiment, 2, 0));
  adw_dialog_present (ADW_DIALOG (dialog), host);

  /* Batches of 4: the first sample is gathered, and nothing moves */
  neurons_training_options_init (&options);
  options.batch_size = 4;
  set_options (experiment, &options);
  neurons_experiment_step (experiment);
  wait_frames (window);
  {
    g_autofree char *bias = g_strdup_printf ("bias b: stays %.4f for now (gradient δ = %+.3g)",
                                             neurons_network_model_get_mlp (net)->b3[0],
                                             neurons_network_model_get_backward (net)->delta3[0]);

    g_assert_cmpfloat (neurons_network_model_get_mlp (net)->b3[0], ==,
                       neurons_network_model_get_previous_mlp (net)->b3[0]);
    assert_line (dialog, bias);
    assert_line (dialog, "This sample’s gradient ∂C/∂w = δ × x is gathered into the batch of 4; the weights move after 3 more samples:");
    g_assert_null (find_line (dialog, "bias b: 0"));
  }

  /* The fourth ends the batch: the weights move by the batch's average gradient */
  for (guint i = 0; i < 3; i++)
    neurons_experiment_step (experiment);
  wait_frames (window);
  {
    g_autofree char *bias = g_strdup_printf ("bias b: %.4f → %.4f (as the optimiser moved it)",
                                             neurons_network_model_get_previous_mlp (net)->b3[0],
                                             neurons_network_model_get_mlp (net)->b3[0]);

    g_assert_cmpfloat (neurons_network_model_get_mlp (net)->b3[0], !=,
                       neurons_network_model_get_previous_mlp (net)->b3[0]);
    assert_line (dialog, bias);
    g_assert_nonnull (strstr (find_line (dialog, "The weights that moved most, each by −"),
                              "the average gradient of the last 4 samples"));
    g_assert_null (find_line (dialog, "This sample’s gradient"));
  }

  /* Adam, one sample at a time: its step, named */
  options.batch_size = 1;
  options.optimizer = NEURONS_OPTIMIZER_ADAM;
  set_options (experiment, &options);
  g_assert_true (neurons_experiment_set_learning_rate (experiment, 0.002, NULL));
  neurons_experiment_step (experiment);
  wait_frames (window);
  {
    g_autofree char *bias = g_strdup_printf ("bias b: %.4f → %.4f (as the optimiser moved it)",
                                             neurons_network_model_get_previous_mlp (net)->b3[0],
                                             neurons_network_model_get_mlp (net)->b3[0]);

    assert_line (dialog, bias);
    g_assert_nonnull (find_line (dialog, "The weights that moved most, as Adam moved them"));
  }

  /* Softmax with cross-entropy, at the output of the true class */
  options.output = NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY;
  set_options (experiment, &options);
  neurons_experiment_step (experiment);
  label = (guint) neurons_network_model_get_input_label (net);
  neurons_inspector_dialog_set_neuron (NEURONS_INSPECTOR_DIALOG (dialog), 2, label);
  wait_frames (window);
  {
    const NeuronsForward *forward = neurons_network_model_get_forward (net);
    const NeuronsBackward *backward = neurons_network_model_get_backward (net);
    g_autofree char *a = g_strdup_printf ("a = eᶻ / Σ eᶻ over the 10 outputs (softmax) = %.4f", forward->a3[label]);
    g_autofree char *delta = g_strdup_printf ("δ = a − y = %.4f − 1 = %.3g (softmax with cross-entropy: no σ′)",
                                              forward->a3[label], backward->delta3[label]);
    g_autofree char *cost = g_strdup_printf ("the whole sample’s cost: C = −ln a of the true class = %.4f",
                                             backward->cost);
    g_autofree char *share = g_strdup_printf ("its share: −ln a = −ln %.4f = %.4f, all of the cost: cross-entropy counts only the true class’s output",
                                              forward->a3[label], backward->cost);

    assert_line (dialog, a);
    assert_line (dialog, delta);
    assert_line (dialog, cost);
    assert_line (dialog, share);
    g_assert_null (find_line (dialog, "δ = (a − y) · σ′(z)"));
  }
  neurons_inspector_dialog_set_neuron (NEURONS_INSPECTOR_DIALOG (dialog), 2, (label + 1) % NEURONS_OUTPUT_SIZE);
  wait_frames (window);
  g_assert_nonnull (find_line (dialog, "its share: 0, since cross-entropy counts only the true class’s output"));

  adw_dialog_force_close (ADW_DIALOG (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  neurons_experiment_pause (experiment);
}

int
main (int   argc,
      char *argv[])
{
  neurons_test_init_display (&argc, &argv);

  g_test_add_func ("/widgets/inspector-dialog/forward-and-step", test_forward_and_step);
  g_test_add_func ("/widgets/inspector-dialog/optimizers", test_optimizers);

  return g_test_run ();
}
