/* test-evaluator.c: measuring the network in the background while it trains
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "neurons-evaluator.h"

static NeuronsDataset *train_set;
static NeuronsDataset *test_set;

static void
on_updated (NeuronsEvaluator *evaluator,
            guint            *n_updates)
{
  (*n_updates)++;
}

/* Runs the main loop until the evaluator has applied results. */
static void
wait_for_results (NeuronsEvaluator *evaluator)
{
  guint n_updates = 0;
  gulong handler = g_signal_connect (evaluator, "updated", G_CALLBACK (on_updated), &n_updates);

  while (n_updates == 0 || !neurons_evaluator_has_results (evaluator))
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (evaluator, handler);
}

static void
train (NeuronsNetworkModel *net,
       guint             first,
       guint             n_samples)
{
  for (guint s = first; s < first + n_samples; s++)
    neurons_network_model_train_step (net, neurons_dataset_image (train_set, s), train_set->labels[s], s);
}

static guint
history_length (const NeuronsHistory *history)
{
  return neurons_history_get_length (history);
}

static double
history_last_samples_seen (const NeuronsHistory *history)
{
  NeuronsHistoryPoint point;

  neurons_history_get_point (history, history_length (history) - 1, &point);
  return point.samples_seen;
}

/* The results match a plain evaluation of the same weights, in every part. */
static void
assert_results_match (NeuronsEvaluator *evaluator)
{
  const NeuronsMlp *mlp = neurons_network_model_get_mlp (neurons_evaluator_get_net (evaluator));
  NeuronsDataset *test = neurons_evaluator_get_test_set (evaluator);
  const NeuronsEvaluation *evaluation = neurons_evaluator_get_evaluation (evaluator);
  const guint8 *predictions = neurons_evaluator_get_predictions (evaluator);
  const NeuronsPanelSample *panel;
  NeuronsEvaluation expected;
  guint panel_correct = 0;
  guint n_panel;

  neurons_evaluate (mlp, test, &expected);
  g_assert_nonnull (evaluation);
  g_assert_cmpmem (evaluation, sizeof *evaluation, &expected, sizeof expected);
  g_assert_cmpfloat (neurons_evaluator_get_test_accuracy (evaluator), ==, neurons_evaluation_accuracy (&expected));

  for (guint s = 0; s < test->n_images; s += 97)
    g_assert_cmpuint (predictions[s], ==, neurons_mlp_predict (mlp, neurons_dataset_image (test, s)));

  /* Each confusion row holds every test image of its digit once */
  for (guint label = 0; label < NEURONS_OUTPUT_SIZE; label++)
    {
      guint row = 0;

      for (guint predicted = 0; predicted < NEURONS_OUTPUT_SIZE; predicted++)
        row += evaluation->confusion[label][predicted];
      g_assert_cmpuint (row, ==, evaluation->per_digit_total[label]);
    }

  panel = neurons_evaluator_get_panel (evaluator, &n_panel);
  g_assert_cmpuint (n_panel, ==, NEURONS_PANEL_SIZE);
  for (guint p = 0; p < n_panel; p++)
    {
      NeuronsForward forward;

      g_assert_cmpuint (panel[p].label, ==, p / NEURONS_PANEL_PER_DIGIT);
      g_assert_cmpuint (test->labels[panel[p].test_index], ==, panel[p].label);
      neurons_mlp_forward (mlp, neurons_dataset_image (test, panel[p].test_index), &forward);
      g_assert_cmpuint (panel[p].prediction, ==, forward.prediction);
      g_assert_cmpmem (panel[p].outputs, sizeof panel[p].outputs, forward.a3, sizeof forward.a3);
      panel_correct += panel[p].prediction == panel[p].label;
    }
  g_assert_cmpfloat_with_epsilon (neurons_evaluator_get_panel_accuracy (evaluator),
                                  panel_correct / (double) NEURONS_PANEL_SIZE, 1e-12);
}

static void
test_initial (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  g_autoptr(NeuronsEvaluator) evaluator = neurons_evaluator_new (net, test_set);
  double accuracy;

  g_assert_cmpfloat (neurons_evaluator_get_test_accuracy (evaluator), ==, -1);
  g_assert_cmpfloat (neurons_evaluator_get_panel_accuracy (evaluator), ==, -1);
  g_assert_null (neurons_evaluator_get_evaluation (evaluator));

  wait_for_results (evaluator);
  assert_results_match (evaluator);
  g_assert_cmpuint (neurons_evaluator_get_samples_seen (evaluator), ==, 0);
  g_object_get (evaluator, "test-accuracy", &accuracy, NULL);
  g_assert_cmpfloat (accuracy, >=, 0);
  g_assert_cmpfloat (accuracy, <, 0.3);   /* untrained: near chance */

  g_assert_cmpuint (history_length (neurons_evaluator_get_test_accuracy_history (evaluator)), ==, 1);
  g_assert_cmpuint (history_length (neurons_evaluator_get_panel_accuracy_history (evaluator)), ==, 1);
  g_assert_cmpuint (history_length (neurons_evaluator_get_digit_accuracy_history (evaluator, 9)), ==, 1);
  g_assert_cmpuint (history_length (neurons_evaluator_get_cost_history (evaluator)), ==, 0);
}

/* After training pauses, the results describe the trained weights and the histories grew. */
static void
test_after_training (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  g_autoptr(NeuronsEvaluator) evaluator = neurons_evaluator_new (net, test_set);
  const NeuronsHistory *cost;
  double initial;

  wait_for_results (evaluator);
  initial = neurons_evaluator_get_test_accuracy (evaluator);

  train (net, 0, 3000);
  while (neurons_evaluator_get_samples_seen (evaluator) != 3000)
    wait_for_results (evaluator);

  assert_results_match (evaluator);
  g_assert_cmpfloat (neurons_evaluator_get_test_accuracy (evaluator), >, initial + 0.2);

  cost = neurons_evaluator_get_cost_history (evaluator);
  g_assert_cmpuint (history_length (cost), >, 2);
  g_assert_cmpuint (history_length (cost), <=, neurons_history_get_capacity (cost));
  g_assert_cmpfloat (history_last_samples_seen (cost), ==, 3000);
  g_assert_cmpuint (history_length (neurons_evaluator_get_test_accuracy_history (evaluator)), >=, 2);
  g_assert_cmpfloat (history_last_samples_seen (neurons_evaluator_get_test_accuracy_history (evaluator)), ==, 3000);
  g_assert_cmpfloat (history_last_samples_seen (neurons_evaluator_get_digit_accuracy_history (evaluator, 3)), ==, 3000);
}

/* An evaluation still running when the network is reset describes weights that are gone:
 * its results must never show up. */
static void
test_stale_dropped (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  g_autoptr(NeuronsEvaluator) evaluator = neurons_evaluator_new (net, test_set);
  guint n_updates = 0;
  gint64 deadline;

  wait_for_results (evaluator);
  train (net, 0, 2000);

  /* Past the evaluator's interval, the next step starts an evaluation at once ... */
  g_usleep (2 * G_USEC_PER_SEC);
  train (net, 2000, 1);
  /* ... which a reset then makes stale */
  neurons_network_model_reinitialize (net, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 11);
  g_assert_false (neurons_evaluator_has_results (evaluator));
  g_assert_cmpuint (history_length (neurons_evaluator_get_cost_history (evaluator)), ==, 0);

  wait_for_results (evaluator);
  g_assert_cmpuint (neurons_evaluator_get_samples_seen (evaluator), ==, 0);
  assert_results_match (evaluator);

  /* Give the stale evaluation every chance to arrive; nothing may change */
  g_signal_connect (evaluator, "updated", G_CALLBACK (on_updated), &n_updates);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpuint (n_updates, ==, 0);
  g_assert_cmpuint (neurons_evaluator_get_samples_seen (evaluator), ==, 0);
  g_assert_cmpuint (history_length (neurons_evaluator_get_test_accuracy_history (evaluator)), ==, 1);
  g_assert_cmpfloat (history_last_samples_seen (neurons_evaluator_get_test_accuracy_history (evaluator)), ==, 0);
  assert_results_match (evaluator);
}

/* The images of the test set from first on, as a dataset of their own. */
static NeuronsDataset *
test_set_tail (guint first)
{
  guint n_images = test_set->n_images - first;
  g_autoptr(GByteArray) images = g_byte_array_new ();
  g_autoptr(GByteArray) labels = g_byte_array_new ();
  const guint32 image_header[] = { GUINT32_TO_BE (0x803), GUINT32_TO_BE (n_images), GUINT32_TO_BE (28), GUINT32_TO_BE (28) };
  const guint32 label_header[] = { GUINT32_TO_BE (0x801), GUINT32_TO_BE (n_images) };
  g_autoptr(GBytes) image_bytes = NULL;
  g_autoptr(GBytes) label_bytes = NULL;
  g_autoptr(GError) error = NULL;
  NeuronsDataset *tail;

  g_byte_array_append (images, (const guint8 *) image_header, sizeof image_header);
  g_byte_array_append (images, neurons_dataset_image (test_set, first), (gsize) n_images * 784);
  g_byte_array_append (labels, (const guint8 *) label_header, sizeof label_header);
  g_byte_array_append (labels, test_set->labels + first, n_images);
  image_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&images));
  label_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&labels));

  tail = neurons_dataset_new_from_bytes (image_bytes, "tail-images", label_bytes, "tail-labels", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tail->n_images, ==, n_images);

  return tail;
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* Another test set (as when the dataset is switched) drops the old results, chooses its own
 * panel and is measured from then on. */
static void
test_switch_test_set (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  g_autoptr(NeuronsEvaluator) evaluator = neurons_evaluator_new (net, test_set);
  g_autoptr(NeuronsDataset) tail = test_set_tail (6000);
  const NeuronsPanelSample *panel;
  NeuronsDataset *notified = NULL;
  guint n_notified = 0;
  guint n_panel;

  train (net, 0, 1000);
  while (neurons_evaluator_get_samples_seen (evaluator) != 1000)
    wait_for_results (evaluator);

  g_signal_connect_swapped (evaluator, "notify::test-set", G_CALLBACK (count_notify), &n_notified);
  neurons_evaluator_set_test_set (evaluator, tail);
  g_assert_cmpuint (n_notified, ==, 1);
  g_object_get (evaluator, "test-set", &notified, NULL);
  g_assert_true (notified == tail);
  g_assert_false (neurons_evaluator_has_results (evaluator));
  g_assert_cmpuint (history_length (neurons_evaluator_get_test_accuracy_history (evaluator)), ==, 0);

  /* the panel comes from the new images, chosen before any result */
  panel = neurons_evaluator_get_panel (evaluator, &n_panel);
  g_assert_cmpuint (n_panel, ==, NEURONS_PANEL_SIZE);
  for (guint p = 0; p < n_panel; p++)
    {
      g_assert_cmpuint (panel[p].test_index, <, tail->n_images);
      g_assert_cmpuint (tail->labels[panel[p].test_index], ==, panel[p].label);
    }

  wait_for_results (evaluator);
  g_assert_cmpuint (neurons_evaluator_get_evaluation (evaluator)->n_samples, ==, tail->n_images);
  g_assert_cmpuint (neurons_evaluator_get_samples_seen (evaluator), ==, 1000);
  assert_results_match (evaluator);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *directory = g_getenv ("NEURONS_DATA_DIR");
  int result;

  g_test_init (&argc, &argv, NULL);

  if (directory == NULL)
    directory = NEURONS_SOURCE_DATA_DIR;
  if (!neurons_dataset_load_directory (directory, &train_set, &test_set, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/nn/evaluator/initial", test_initial);
  g_test_add_func ("/nn/evaluator/after-training", test_after_training);
  g_test_add_func ("/nn/evaluator/stale-dropped", test_stale_dropped);
  g_test_add_func ("/nn/evaluator/switch-test-set", test_switch_test_set);

  result = g_test_run ();

  neurons_dataset_unref (train_set);
  neurons_dataset_unref (test_set);

  return result;
}
