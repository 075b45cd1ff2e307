/* test-checkpoints.c: the checkpoint schedule, the budget and its thinning, the file member,
 * and that training on from a checkpoint retraces the run bit for bit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-checkpoints.h"
#include "neurons-network-file.h"
#include "neurons-sgd.h"

static const char *data_folder;

/* 100, 200, … 1,000, then 1-2-5 per decade under one epoch, then every epoch. */
static void
test_schedule (void)
{
  g_autoptr(NeuronsCheckpoints) checkpoints = neurons_checkpoints_new (NEURONS_CHECKPOINTS_BUDGET);
  const guint64 expected[] = { 0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 2000, 5000,
                               10000, 20000, 50000, 60000, 120000, 180000 };
  guint64 samples_seen = 0;

  for (guint i = 1; i < G_N_ELEMENTS (expected); i++)
    {
      samples_seen = neurons_checkpoints_next_due (checkpoints, samples_seen, 60000);
      g_assert_cmpuint (samples_seen, ==, expected[i]);
      g_assert_true (neurons_checkpoints_is_due (checkpoints, samples_seen, 60000));
      g_assert_false (neurons_checkpoints_is_due (checkpoints, samples_seen + 1, 60000));
    }
  g_assert_true (neurons_checkpoints_is_due (checkpoints, 0, 60000));
  g_assert_cmpuint (neurons_checkpoints_next_due (checkpoints, 150, 60000), ==, 200);
  g_assert_cmpuint (neurons_checkpoints_next_due (checkpoints, 3000, 60000), ==, 5000);

  /* 50 MB hold some 950 networks of 52 kB */
  g_assert_cmpuint (neurons_checkpoints_get_capacity (checkpoints), >=, 900);
  g_assert_cmpuint (neurons_checkpoints_get_capacity (checkpoints) * sizeof (NeuronsMlp), <=,
                    NEURONS_CHECKPOINTS_BUDGET);
}

/* A long run in a budget of 20: the count never exceeds it, the early part stays whole, the
 * epoch-spaced part stays evenly spaced, and the newest is always there. */
static void
test_thinning (void)
{
  const guint epoch = 5000;
  g_autoptr(NeuronsCheckpoints) checkpoints = neurons_checkpoints_new (20 * sizeof (NeuronsMlp));
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  guint64 samples_seen = 0;
  guint64 last_gap = 0;
  guint n_early = 0;

  g_assert_cmpuint (neurons_checkpoints_get_capacity (checkpoints), ==, 20);
  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 1);

  while (samples_seen <= 500 * (guint64) epoch)
    {
      NeuronsCheckpoint newest;

      mlp->b1[0] = (float) samples_seen;
      neurons_checkpoints_record (checkpoints, mlp, samples_seen, 0.5, 0.3, epoch);
      g_assert_cmpuint (neurons_checkpoints_get_length (checkpoints), <=, 20);
      g_assert_true (neurons_checkpoints_get (checkpoints, neurons_checkpoints_get_length (checkpoints) - 1,
                                              &newest, NULL));
      g_assert_cmpuint (newest.samples_seen, ==, samples_seen);
      samples_seen = neurons_checkpoints_next_due (checkpoints, samples_seen, epoch);
    }

  for (guint i = 0; i < neurons_checkpoints_get_length (checkpoints); i++)
    {
      g_autoptr(NeuronsMlp) state = neurons_mlp_new ();
      NeuronsCheckpoint checkpoint, next;

      g_assert_true (neurons_checkpoints_get (checkpoints, i, &checkpoint, state));
      /* each keeps its own state */
      g_assert_cmpfloat (state->b1[0], ==, (float) checkpoint.samples_seen);
      if (checkpoint.samples_seen < epoch)
        {
          n_early++;
          continue;
        }
      if (!neurons_checkpoints_get (checkpoints, i + 2, NULL, NULL))
        continue;   /* the newest may sit off the grid */
      g_assert_true (neurons_checkpoints_get (checkpoints, i + 1, &next, NULL));
      if (last_gap != 0)
        g_assert_cmpuint (next.samples_seen - checkpoint.samples_seen, ==, last_gap);
      last_gap = next.samples_seen - checkpoint.samples_seen;
    }

  /* 0, 100, … 1,000 and 2,000 */
  g_assert_cmpuint (n_early, ==, 12);
  g_assert_cmpuint (last_gap, >, epoch);
}

static NeuronsCheckpoints *
make_checkpoints (guint n)
{
  NeuronsCheckpoints *checkpoints = neurons_checkpoints_new (NEURONS_CHECKPOINTS_BUDGET);
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();

  for (guint i = 0; i < n; i++)
    {
      neurons_mlp_init (mlp, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, i);
      mlp->dormant_samples[3] = i * 7;
      if (i == 2)
        neurons_checkpoints_begin_branch (checkpoints);
      neurons_checkpoints_record (checkpoints, mlp, i * 100, 0.1 * i, 0.05, 60000);
    }
  neurons_checkpoints_set_test_accuracy (checkpoints, 100, 0.875);
  return checkpoints;
}

/* Written to JSON and read back: the same states, bit for bit, and the same facts. */
static void
test_json (void)
{
  g_autoptr(NeuronsCheckpoints) checkpoints = make_checkpoints (3);
  g_autoptr(NeuronsCheckpoints) read = NULL;
  g_autoptr(JsonNode) node = neurons_checkpoints_to_json (checkpoints);
  g_autoptr(GError) error = NULL;

  read = neurons_checkpoints_from_json (node, NEURONS_ACTIVATION_RELU, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (neurons_checkpoints_get_length (read), ==, 3);
  g_assert_cmpuint (neurons_checkpoints_get_branch (read), ==, 1);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(NeuronsMlp) a = neurons_mlp_new ();
      g_autoptr(NeuronsMlp) b = neurons_mlp_new ();
      NeuronsCheckpoint ca, cb;

      g_assert_true (neurons_checkpoints_get (checkpoints, i, &ca, a));
      g_assert_true (neurons_checkpoints_get (read, i, &cb, b));
      g_assert_cmpmem (a, sizeof *a, b, sizeof *b);
      g_assert_cmpuint (ca.samples_seen, ==, cb.samples_seen);
      g_assert_cmpfloat (ca.running_cost, ==, cb.running_cost);
      g_assert_cmpfloat (ca.learning_rate, ==, cb.learning_rate);
      g_assert_cmpuint (ca.branch, ==, cb.branch);
      g_assert_true (isnan (ca.test_accuracy) ? isnan (cb.test_accuracy)
                                              : ca.test_accuracy == cb.test_accuracy);
    }
  g_assert_cmpuint (neurons_checkpoints_find (read, 100), ==, 1);
}

/* A whole network file, with its checkpoints; a damaged member is refused by name. */
static void
test_file (void)
{
  g_autoptr(NeuronsCheckpoints) checkpoints = make_checkpoints (4);
  g_autoptr(NeuronsCheckpoints) read = NULL;
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  NeuronsNetworkSettings settings = { NEURONS_INIT_HE, 0.05, 3, 300 };
  const struct { const char *from, *to, *message; } damages[] = {
    { "\"states\":\"", "\"states\":\"AAAA",
      "the checkpoints to rewind to are damaged: checkpoints.states holds" },
    { "\"samples_seen\":[0,100", "\"samples_seen\":[0,0",
      "checkpoints.samples_seen[1] is not above the one before it" },
    { "\"samples_seen\":[0,", "\"samples_seen\":[-1,",
      "checkpoints.samples_seen[0] is not an integer of 0 or more" },
    { "\"learning_rate\":[", "\"learning_rate\":[\"fast\",",
      "checkpoints.learning_rate has 5 entries, expected 4 as in samples_seen" },
    { "\"state_layout\":\"", "\"state_layout\":\"x",
      "checkpoints.state_layout is not" },
  };

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 3);
  data = neurons_network_file_to_data_full (mlp, &settings, NULL, checkpoints, NULL);
  g_assert_nonnull (strstr (data, "\"version\":2"));
  parsed = neurons_network_file_parse_full (data, -1, NULL, NULL, &read, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  g_assert_cmpuint (neurons_checkpoints_get_length (read), ==, 4);
  g_clear_pointer (&read, neurons_checkpoints_unref);
  g_clear_pointer (&parsed, neurons_mlp_free);

  /* a file without checkpoints has none */
  g_clear_pointer (&data, g_free);
  data = neurons_network_file_to_data (mlp, &settings, NULL);
  parsed = neurons_network_file_parse_full (data, -1, NULL, NULL, &read, &error);
  g_assert_no_error (error);
  g_assert_null (read);
  g_clear_pointer (&parsed, neurons_mlp_free);

  g_clear_pointer (&data, g_free);
  data = neurons_network_file_to_data_full (mlp, &settings, NULL, checkpoints, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *damaged = NULL;
      char *at = strstr (data, damages[i].from);
      g_autoptr(GString) text = g_string_new (data);

      g_assert_nonnull (at);
      g_string_erase (text, at - data, strlen (damages[i].from));
      g_string_insert (text, at - data, damages[i].to);
      damaged = g_string_free (g_steal_pointer (&text), FALSE);

      g_assert_null (neurons_network_file_parse_full (damaged, -1, NULL, NULL, &read, &error));
      g_assert_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID);
      if (strstr (error->message, damages[i].message) == NULL)
        g_error ("“%s” does not say “%s”", error->message, damages[i].message);
      g_assert_null (read);
      g_clear_error (&error);
    }
}

/* Train to 10,000 samples, go back to the checkpoint at 2,000 and train to 10,000 again: the
 * same network, bit for bit, dormant counters and running cost included. */
static void
test_rewind_bit_exact (void)
{
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autoptr(NeuronsCheckpoints) checkpoints = neurons_checkpoints_new (NEURONS_CHECKPOINTS_BUDGET);
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) first = NULL;
  g_autoptr(NeuronsSgd) sgd = NULL;
  g_autoptr(GError) error = NULL;
  NeuronsCheckpoint checkpoint;
  double first_cost;
  int index;

  g_assert_true (neurons_dataset_load_directory (data_folder, &train, &test, &error));
  g_assert_no_error (error);

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 11);
  sgd = neurons_sgd_new (train, 11, NEURONS_SAMPLE_ORDER_SHUFFLED);
  neurons_checkpoints_record (checkpoints, mlp, 0, 0, 0.05, train->n_images);
  while (sgd->samples_seen < 10000)
    {
      guint64 due = neurons_checkpoints_next_due (checkpoints, sgd->samples_seen, train->n_images);

      g_assert_true (neurons_sgd_train (sgd, mlp, 0.05f, MIN (due, 10000) - sgd->samples_seen));
      if (sgd->samples_seen == due)
        neurons_checkpoints_record (checkpoints, mlp, due, sgd->running_cost, 0.05, train->n_images);
    }
  first = neurons_mlp_copy (mlp);
  first_cost = sgd->running_cost;

  index = neurons_checkpoints_find (checkpoints, 2000);
  g_assert_cmpint (index, >=, 0);
  g_assert_true (neurons_checkpoints_get (checkpoints, index, &checkpoint, mlp));
  g_assert_cmpuint (checkpoint.samples_seen, ==, 2000);
  g_assert_true (memcmp (mlp, first, sizeof *mlp) != 0);

  /* a fresh loop, as after reopening a file */
  g_clear_pointer (&sgd, neurons_sgd_free);
  sgd = neurons_sgd_new (train, 11, NEURONS_SAMPLE_ORDER_SHUFFLED);
  neurons_sgd_resume (sgd, 11, checkpoint.samples_seen, checkpoint.running_cost);
  g_assert_true (neurons_sgd_train (sgd, mlp, 0.05f, 10000 - checkpoint.samples_seen));

  g_assert_cmpmem (mlp, sizeof *mlp, first, sizeof *first);
  g_assert_cmpfloat (sgd->running_cost, ==, first_cost);
}

/* Trains @mlp on to @until, recording a checkpoint, with the optimiser's state, at each one
 * due. */
static void
train_recording (NeuronsCheckpoints *checkpoints,
                 NeuronsSgd         *sgd,
                 NeuronsMlp         *mlp,
                 guint64             until)
{
  while (sgd->samples_seen < until)
    {
      guint64 due = neurons_checkpoints_next_due (checkpoints, sgd->samples_seen, sgd->dataset->n_images);

      g_assert_true (neurons_sgd_train (sgd, mlp, 0.002f, MIN (due, until) - sgd->samples_seen));
      if (sgd->samples_seen == due)
        neurons_checkpoints_record_training (checkpoints, mlp, due, sgd->running_cost, 0.002,
                                             &sgd->options, neurons_sgd_get_optimizer_state (sgd),
                                             sgd->dataset->n_images);
    }
}

/* A run with Adam, batches of 32, softmax outputs, dropout and shifts: its checkpoints keep
 * the options and the optimiser's state (at 2,000, half into a batch), which a network file
 * carries bit for bit; training on from the read checkpoint retraces the run; and states
 * count in the budget. */
static void
test_optimizer_states (void)
{
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autoptr(NeuronsCheckpoints) checkpoints = neurons_checkpoints_new (NEURONS_CHECKPOINTS_BUDGET);
  g_autoptr(NeuronsCheckpoints) read = NULL;
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) first = NULL;
  g_autoptr(NeuronsMlp) parsed = NULL;
  g_autoptr(NeuronsOptimizerState) state = neurons_optimizer_state_new ();
  g_autoptr(NeuronsOptimizerState) state_read = neurons_optimizer_state_new ();
  g_autoptr(NeuronsSgd) sgd = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *damaged = NULL;
  NeuronsNetworkSettings settings = { NEURONS_INIT_HE, 0.002, 11, 5000 };
  NeuronsTrainingOptions options;
  NeuronsCheckpoint checkpoint;
  char *at;
  int index;

  g_assert_true (neurons_dataset_load_directory (data_folder, &train, &test, &error));
  g_assert_no_error (error);

  neurons_training_options_init (&options);
  options.output = NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY;
  options.optimizer = NEURONS_OPTIMIZER_ADAM;
  options.batch_size = 32;
  options.dropout = 0.1;
  options.augment_shift = 2;
  neurons_mlp_init (mlp, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 11);
  mlp->output = options.output;
  sgd = neurons_sgd_new (train, 11, NEURONS_SAMPLE_ORDER_SHUFFLED);
  neurons_sgd_set_options (sgd, &options);
  neurons_checkpoints_record_training (checkpoints, mlp, 0, 0, 0.002, &options, NULL, train->n_images);
  train_recording (checkpoints, sgd, mlp, 5000);
  first = neurons_mlp_copy (mlp);

  index = neurons_checkpoints_find (checkpoints, 2000);
  g_assert_true (neurons_checkpoints_get (checkpoints, index, &checkpoint, NULL));
  g_assert_true (checkpoint.has_optimizer_state);
  g_assert_true (neurons_training_options_equal (&checkpoint.options, &options));
  g_assert_true (neurons_checkpoints_get_optimizer_state (checkpoints, index, state));
  g_assert_cmpuint (state->batch_filled, ==, 2000 % 32);
  g_assert_cmpuint (state->n_updates, ==, 2000 / 32);

  /* through a network file and back */
  data = neurons_network_file_to_data_full (mlp, &settings, NULL, checkpoints, NULL);
  parsed = neurons_network_file_parse_full (data, -1, NULL, NULL, &read, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  g_assert_cmpuint (neurons_checkpoints_get_length (read), ==, neurons_checkpoints_get_length (checkpoints));
  for (guint i = 0; i < neurons_checkpoints_get_length (checkpoints); i++)
    {
      g_autoptr(NeuronsMlp) a = neurons_mlp_new ();
      g_autoptr(NeuronsMlp) b = neurons_mlp_new ();
      NeuronsCheckpoint ca, cb;

      g_assert_true (neurons_checkpoints_get (checkpoints, i, &ca, a));
      g_assert_true (neurons_checkpoints_get (read, i, &cb, b));
      g_assert_cmpmem (a, sizeof *a, b, sizeof *b);
      g_assert_cmpuint (ca.samples_seen, ==, cb.samples_seen);
      g_assert_true (neurons_training_options_equal (&ca.options, &cb.options));
      g_assert_cmpint (ca.has_optimizer_state, ==, cb.has_optimizer_state);
      g_assert_true (neurons_checkpoints_get_optimizer_state (checkpoints, i, state));
      g_assert_true (neurons_checkpoints_get_optimizer_state (read, i, state_read));
      g_assert_cmpmem (state, sizeof *state, state_read, sizeof *state_read);
    }

  /* on from the read checkpoint at 2,000 with a fresh loop: the same network at 5,000 */
  g_assert_true (neurons_checkpoints_get (read, index, &checkpoint, mlp));
  g_assert_true (neurons_checkpoints_get_optimizer_state (read, index, state_read));
  g_clear_pointer (&sgd, neurons_sgd_free);
  sgd = neurons_sgd_new (train, 11, NEURONS_SAMPLE_ORDER_SHUFFLED);
  neurons_sgd_set_options (sgd, &checkpoint.options);
  neurons_sgd_set_optimizer_state (sgd, state_read);
  neurons_sgd_resume (sgd, 11, checkpoint.samples_seen, checkpoint.running_cost);
  g_assert_true (neurons_sgd_train (sgd, mlp, 0.002f, 5000 - checkpoint.samples_seen));
  g_assert_cmpmem (mlp, sizeof *mlp, first, sizeof *first);

  /* a damaged state is refused by name */
  at = strstr (data, "\"optimizer_states\":\"");
  g_assert_nonnull (at);
  damaged = g_strdup_printf ("%.*s\"optimizer_states\":\"AAAA%s", (int) (at - data), data,
                             at + strlen ("\"optimizer_states\":\""));
  g_clear_pointer (&read, neurons_checkpoints_unref);
  g_assert_null (neurons_network_file_parse_full (damaged, -1, NULL, NULL, &read, &error));
  g_assert_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "checkpoints.optimizer_states holds"));
  g_clear_error (&error);

  /* a long run in 50 MB: checkpoints with Adam's state take four networks' room each */
  for (guint64 samples_seen = 5000; samples_seen <= 3000 * (guint64) 5000;
       samples_seen = neurons_checkpoints_next_due (checkpoints, samples_seen, 5000))
    {
      neurons_checkpoints_record_training (checkpoints, first, samples_seen, 0.5, 0.002, &options,
                                           state, 5000);
      g_assert_cmpuint (neurons_checkpoints_get_length (checkpoints) * (sizeof (NeuronsMlp) + sizeof *state),
                        <=, NEURONS_CHECKPOINTS_BUDGET);
    }
  g_assert_cmpuint (neurons_checkpoints_get_length (checkpoints), >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  data_folder = g_getenv ("NEURONS_DATA_DIR");
  if (data_folder == NULL)
    data_folder = NEURONS_SOURCE_DATA_DIR;

  g_test_add_func ("/nn/checkpoints/schedule", test_schedule);
  g_test_add_func ("/nn/checkpoints/thinning", test_thinning);
  g_test_add_func ("/nn/checkpoints/json", test_json);
  g_test_add_func ("/nn/checkpoints/file", test_file);
  g_test_add_func ("/nn/checkpoints/rewind-bit-exact", test_rewind_bit_exact);
  g_test_add_func ("/nn/checkpoints/optimizer-states", test_optimizer_states);

  return g_test_run ();
}
