/* test-experiment.c: the experiment's loading states, its training controls and what it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "neurons-experiment.h"
#include "neurons-lesion.h"
#include "neurons-sgd.h"

/* However busy the machine, nothing here should take this long. */
#define WAIT_SECONDS 60

static const char *data_folder;

/* Waiting on the main loop, as the window does */

typedef gboolean (*Condition) (gpointer data);

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; fails the test after WAIT_SECONDS. */
static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (WAIT_SECONDS, on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Waited %d s in vain for %s", WAIT_SECONDS, what);
  g_source_remove (source);
}

/* Runs the main loop for a while, so that anything due from the trainer arrives. */
static void
run_main_loop_for (guint milliseconds)
{
  gboolean timed_out = FALSE;

  g_timeout_add (milliseconds, on_timeout, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  NeuronsNetworkModel *net;
  guint64           samples_seen;
} SamplesAbove;

static gboolean
samples_above (gpointer data)
{
  SamplesAbove *wait = data;

  return neurons_network_model_get_samples_seen (wait->net) > wait->samples_seen;
}

/* Runs the main loop until the trainer has published more than @samples_seen samples. */
static void
wait_for_samples_above (NeuronsExperiment *experiment,
                        guint64            samples_seen)
{
  SamplesAbove wait = { neurons_experiment_get_net (experiment), samples_seen };

  wait_until (samples_above, &wait, "training to go on");
}

/* Loading */

typedef struct
{
  gboolean  done;
  gboolean  loaded;
  GError   *error;
} LoadResult;

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadResult *load = user_data;

  load->loaded = neurons_experiment_load_finish (NEURONS_EXPERIMENT (object), result, &load->error);
  load->done = TRUE;
}

static gboolean
load_done (gpointer data)
{
  return ((LoadResult *) data)->done;
}

/* Loads a dataset and waits for the end of it; returns whether it came in. */
static gboolean
load (NeuronsExperiment   *experiment,
      NeuronsDatasetKind   kind,
      const char          *folder,
      GError             **error)
{
  LoadResult result = { 0 };

  neurons_experiment_load_async (experiment, kind, folder, NULL, on_loaded, &result);
  wait_until (load_done, &result, "the data");

  g_assert_true (result.loaded == (result.error == NULL));
  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return result.loaded;
}

static NeuronsExperiment *
new_ready_experiment (void)
{
  NeuronsExperiment *experiment = neurons_experiment_new (NULL);
  g_autoptr(GError) error = NULL;

  load (experiment, NEURONS_DATASET_MNIST, data_folder, &error);
  g_assert_no_error (error);
  g_assert_cmpint (neurons_experiment_get_state (experiment), ==, NEURONS_EXPERIMENT_READY);

  return experiment;
}

/* Drops the experiment and checks that nothing else held on to it. */
static void
free_experiment (NeuronsExperiment *experiment)
{
  neurons_experiment_pause (experiment);
  g_object_add_weak_pointer (G_OBJECT (experiment), (gpointer *) &experiment);
  g_object_unref (experiment);
  g_assert_null (experiment);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* What the network is shown */

typedef struct
{
  guint8 pixels[NEURONS_INPUT_SIZE];
  int    label;
  gint64 index;
} Shown;

static void
get_shown (NeuronsExperiment *experiment,
           Shown             *shown)
{
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  const NeuronsForward *forward = neurons_network_model_get_forward (net);

  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    shown->pixels[i] = (guint8) lrintf (forward->input[i] * 255.0f);
  shown->label = neurons_network_model_get_input_label (net);
  shown->index = neurons_network_model_get_input_index (net);
}

static void
assert_shown (NeuronsExperiment *experiment,
              const guint8      *pixels,
              int                label,
              gint64             index)
{
  Shown shown;

  get_shown (experiment, &shown);
  g_assert_cmpint (shown.label, ==, label);
  g_assert_cmpint (shown.index, ==, index);
  g_assert_cmpmem (shown.pixels, sizeof shown.pixels, pixels, NEURONS_INPUT_SIZE);
}

/* The training sample that training sample number @sample (from 0) is, in the net's order */
static guint
training_index (NeuronsExperiment *experiment,
                guint64            sample)
{
  NeuronsDataset *training_set = neurons_experiment_get_training_set (experiment);
  g_autofree guint32 *order = g_new (guint32, training_set->n_images);

  neurons_epoch_order (neurons_network_model_get_seed (neurons_experiment_get_net (experiment)),
                       sample / training_set->n_images, order, training_set->n_images);
  return order[sample % training_set->n_images];
}

static void
assert_training_sample_shown (NeuronsExperiment *experiment,
                              guint              index)
{
  NeuronsDataset *training_set = neurons_experiment_get_training_set (experiment);

  assert_shown (experiment, neurons_dataset_image (training_set, index), training_set->labels[index], index);
}

/* A stroke down the middle, as a person might draw a 1 */
static void
make_drawing (guint8 *pixels,
              guint   column)
{
  memset (pixels, 0, NEURONS_INPUT_SIZE);
  for (guint row = 4; row < 24; row++)
    pixels[row * 28 + column] = 255;
}

/* The tests */

/* A new experiment loads, then has a trainer and an evaluator, and shows the first sample. */
static void
test_load (void)
{
  g_autoptr(NeuronsExperiment) experiment = neurons_experiment_new (NULL);
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  LoadResult result = { 0 };
  guint n_state = 0;

  g_assert_nonnull (net);
  g_assert_cmpint (neurons_experiment_get_state (experiment), ==, NEURONS_EXPERIMENT_LOADING);
  g_assert_null (neurons_experiment_get_trainer (experiment));
  g_assert_null (neurons_experiment_get_evaluator (experiment));
  g_assert_null (neurons_experiment_get_training_set (experiment));
  g_assert_false (neurons_experiment_get_loading (experiment));
  g_assert_false (neurons_experiment_get_playing (experiment));

  g_signal_connect (experiment, "notify::state", G_CALLBACK (count_notify), &n_state);
  neurons_experiment_load_async (experiment, NEURONS_DATASET_MNIST, data_folder, NULL, on_loaded, &result);
  g_assert_true (neurons_experiment_get_loading (experiment));
  g_assert_cmpint (neurons_experiment_get_state (experiment), ==, NEURONS_EXPERIMENT_LOADING);
  wait_until (load_done, &result, "the data");

  g_assert_no_error (result.error);
  g_assert_true (result.loaded);
  g_assert_cmpint (neurons_experiment_get_state (experiment), ==, NEURONS_EXPERIMENT_READY);
  g_assert_cmpuint (n_state, ==, 1);
  g_assert_false (neurons_experiment_get_loading (experiment));
  g_assert_null (neurons_experiment_get_error (experiment));
  g_assert_cmpint (neurons_experiment_get_dataset_kind (experiment), ==, NEURONS_DATASET_MNIST);
  g_assert_cmpstr (neurons_experiment_get_folder (experiment), ==, data_folder);
  g_assert_cmpuint (neurons_experiment_get_training_set (experiment)->n_images, ==, 60000);
  g_assert_cmpuint (neurons_experiment_get_test_set (experiment)->n_images, ==, 10000);
  g_assert_true (neurons_trainer_get_dataset (neurons_experiment_get_trainer (experiment))
                 == neurons_experiment_get_training_set (experiment));
  g_assert_true (neurons_evaluator_get_test_set (neurons_experiment_get_evaluator (experiment))
                 == neurons_experiment_get_test_set (experiment));
  g_assert_cmpstr (neurons_network_model_get_class_name (net, 0), ==, "0");
  g_assert_cmpint (neurons_experiment_get_input_source (experiment), ==, NEURONS_INPUT_SOURCE_TRAINING);
  /* The sample the first step trains on */
  assert_training_sample_shown (experiment, training_index (experiment, 0));

  free_experiment (g_steal_pointer (&experiment));
}

/* A first load that fails leaves the experiment failed, with the reason; a good one then
 * makes it ready. */
static void
test_load_failure (void)
{
  g_autoptr(NeuronsExperiment) experiment = neurons_experiment_new (NULL);
  g_autofree char *missing = g_build_filename (data_folder, "no-such-folder", NULL);
  g_autoptr(GError) error = NULL;
  guint n_error = 0;

  g_signal_connect (experiment, "notify::error", G_CALLBACK (count_notify), &n_error);
  g_assert_false (load (experiment, NEURONS_DATASET_MNIST, missing, &error));
  g_assert_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_NOT_FOUND);
  g_assert_cmpint (neurons_experiment_get_state (experiment), ==, NEURONS_EXPERIMENT_FAILED);
  g_assert_error ((GError *) neurons_experiment_get_error (experiment),
                  NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_NOT_FOUND);
  g_assert_cmpstr (neurons_experiment_get_error (experiment)->message, ==, error->message);
  g_assert_cmpuint (n_error, ==, 1);
  g_assert_null (neurons_experiment_get_trainer (experiment));
  g_assert_null (neurons_experiment_get_folder (experiment));
  g_clear_error (&error);

  g_assert_true (load (experiment, NEURONS_DATASET_MNIST, data_folder, &error));
  g_assert_no_error (error);
  g_assert_cmpint (neurons_experiment_get_state (experiment), ==, NEURONS_EXPERIMENT_READY);
  g_assert_null (neurons_experiment_get_error (experiment));
  g_assert_cmpuint (n_error, ==, 2);
  g_assert_nonnull (neurons_experiment_get_trainer (experiment));

  free_experiment (g_steal_pointer (&experiment));
}

/* Bad input loses nothing: a failed switch keeps the network training on its data. */
static void
test_switch_failure (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  g_autofree char *missing = g_build_filename (data_folder, "no-such-folder", NULL);
  NeuronsTrainer *trainer = neurons_experiment_get_trainer (experiment);
  NeuronsEvaluator *evaluator = neurons_experiment_get_evaluator (experiment);
  NeuronsDataset *training_set = neurons_experiment_get_training_set (experiment);
  NeuronsDataset *test_set = neurons_experiment_get_test_set (experiment);
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  g_autoptr(GError) error = NULL;
  guint64 seed = neurons_network_model_get_seed (net);
  guint64 samples_seen;
  guint n_state = 0;

  neurons_experiment_play (experiment);
  wait_for_samples_above (experiment, 0);
  g_signal_connect (experiment, "notify::state", G_CALLBACK (count_notify), &n_state);

  g_assert_false (load (experiment, NEURONS_DATASET_FASHION_MNIST, missing, &error));
  g_assert_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (neurons_experiment_get_error (experiment));
  /* Ready throughout: there was a network to show all along */
  g_assert_cmpuint (n_state, ==, 0);
  g_assert_cmpint (neurons_experiment_get_state (experiment), ==, NEURONS_EXPERIMENT_READY);
  g_assert_false (neurons_experiment_get_loading (experiment));
  g_assert_true (neurons_experiment_get_trainer (experiment) == trainer);
  g_assert_true (neurons_experiment_get_evaluator (experiment) == evaluator);
  g_assert_true (neurons_experiment_get_training_set (experiment) == training_set);
  g_assert_true (neurons_experiment_get_test_set (experiment) == test_set);
  g_assert_cmpint (neurons_experiment_get_dataset_kind (experiment), ==, NEURONS_DATASET_MNIST);
  g_assert_cmpstr (neurons_experiment_get_folder (experiment), ==, data_folder);
  g_assert_cmpstr (neurons_network_model_get_class_name (net, 0), ==, "0");
  g_assert_cmpuint (neurons_network_model_get_seed (net), ==, seed);

  /* Still training */
  g_assert_true (neurons_experiment_get_playing (experiment));
  samples_seen = neurons_network_model_get_samples_seen (net);
  wait_for_samples_above (experiment, samples_seen);

  /* Fashion-MNIST looked for where it is installed, when it is not there */
  if (!g_file_test (NEURONS_FASHION_MNIST_SYSTEM_DIR, G_FILE_TEST_IS_DIR))
    {
      g_clear_error (&error);
      g_assert_false (load (experiment, NEURONS_DATASET_FASHION_MNIST, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_cmpint (neurons_experiment_get_state (experiment), ==, NEURONS_EXPERIMENT_READY);
      g_assert_true (neurons_experiment_get_playing (experiment));
    }

  free_experiment (g_steal_pointer (&experiment));
}

/* Another dataset replaces the data, names the outputs and starts a fresh network, paused. */
static void
test_switch_kind (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsTrainer *trainer = neurons_experiment_get_trainer (experiment);
  NeuronsDataset *training_set = neurons_experiment_get_training_set (experiment);
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  g_autoptr(GError) error = NULL;
  guint n_kind = 0;
  guint8 drawing[NEURONS_INPUT_SIZE];

  g_signal_connect (experiment, "notify::dataset-kind", G_CALLBACK (count_notify), &n_kind);
  for (guint i = 0; i < 5; i++)
    neurons_experiment_step (experiment);
  neurons_experiment_play (experiment);
  /* A drawing on show when the new data comes in gives way to it. */
  make_drawing (drawing, 14);
  neurons_experiment_show_drawing (experiment, drawing);

  /* Fashion-MNIST comes in the same IDX files; the digits stand in for it. */
  g_assert_true (load (experiment, NEURONS_DATASET_FASHION_MNIST, data_folder, &error));
  g_assert_no_error (error);
  g_assert_cmpint (neurons_experiment_get_dataset_kind (experiment), ==, NEURONS_DATASET_FASHION_MNIST);
  g_assert_cmpuint (n_kind, ==, 1);
  g_assert_cmpstr (neurons_network_model_get_class_name (net, 0), ==, "T-shirt/top");
  g_assert_cmpstr (neurons_network_model_get_class_name (net, 9), ==, "Ankle boot");
  g_assert_true (neurons_experiment_get_training_set (experiment) != training_set);
  g_assert_true (neurons_experiment_get_trainer (experiment) == trainer);
  g_assert_true (neurons_trainer_get_dataset (trainer) == neurons_experiment_get_training_set (experiment));
  g_assert_true (neurons_evaluator_get_test_set (neurons_experiment_get_evaluator (experiment))
                 == neurons_experiment_get_test_set (experiment));
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 0);
  g_assert_false (neurons_experiment_get_playing (experiment));
  g_assert_cmpint (neurons_experiment_get_input_source (experiment), ==, NEURONS_INPUT_SOURCE_TRAINING);
  assert_training_sample_shown (experiment, training_index (experiment, 0));

  /* And back, found where it is: the outputs are digits again */
  g_assert_true (load (experiment, NEURONS_DATASET_MNIST, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (neurons_experiment_get_dataset_kind (experiment), ==, NEURONS_DATASET_MNIST);
  g_assert_cmpuint (n_kind, ==, 2);
  g_assert_cmpstr (neurons_network_model_get_class_name (net, 0), ==, "0");

  free_experiment (g_steal_pointer (&experiment));
}

/* A load started while another runs supersedes it: the older one changes nothing. */
static void
test_load_superseded (void)
{
  g_autoptr(NeuronsExperiment) experiment = neurons_experiment_new (NULL);
  LoadResult first = { 0 };
  LoadResult second = { 0 };

  neurons_experiment_load_async (experiment, NEURONS_DATASET_MNIST, data_folder, NULL, on_loaded, &first);
  neurons_experiment_load_async (experiment, NEURONS_DATASET_FASHION_MNIST, data_folder, NULL, on_loaded, &second);
  wait_until (load_done, &first, "the first load");
  wait_until (load_done, &second, "the second load");

  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (second.error);
  g_assert_cmpint (neurons_experiment_get_state (experiment), ==, NEURONS_EXPERIMENT_READY);
  g_assert_cmpint (neurons_experiment_get_dataset_kind (experiment), ==, NEURONS_DATASET_FASHION_MNIST);
  g_assert_null (neurons_experiment_get_error (experiment));
  g_assert_false (neurons_experiment_get_loading (experiment));
  g_clear_error (&first.error);

  free_experiment (g_steal_pointer (&experiment));
}

/* An experiment that is disposed of while it loads takes nothing in: no trainer comes back to
 * life for it, and it goes away once the load is done with it. */
static void
test_load_disposed (void)
{
  NeuronsExperiment *experiment = neurons_experiment_new (NULL);
  LoadResult result = { 0 };

  neurons_experiment_load_async (experiment, NEURONS_DATASET_MNIST, data_folder, NULL, on_loaded, &result);
  g_object_run_dispose (G_OBJECT (experiment));
  wait_until (load_done, &result, "the load");

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (neurons_experiment_get_trainer (experiment));
  g_assert_null (neurons_experiment_get_training_set (experiment));
  g_clear_error (&result.error);
  free_experiment (experiment);
}

/* Step trains on exactly one sample each time, paused, and shows it. */
static void
test_step (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);

  for (guint i = 0; i < 3; i++)
    neurons_experiment_step (experiment);

  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 3);
  g_assert_false (neurons_experiment_get_playing (experiment));
  assert_training_sample_shown (experiment, training_index (experiment, 2));

  /* From a running network too: it pauses, then takes one step */
  neurons_experiment_play (experiment);
  wait_for_samples_above (experiment, 3);
  neurons_experiment_pause (experiment);
  {
    guint64 samples_seen = neurons_network_model_get_samples_seen (net);

    neurons_experiment_play (experiment);
    neurons_experiment_step (experiment);
    g_assert_false (neurons_experiment_get_playing (experiment));
    g_assert_cmpuint (neurons_network_model_get_samples_seen (net), >, samples_seen);
    samples_seen = neurons_network_model_get_samples_seen (net);
    run_main_loop_for (100);
    g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, samples_seen);
  }

  free_experiment (g_steal_pointer (&experiment));
}

/* Play, pause and toggle, as the Play button and Space use them; pause stops for real. */
static void
test_play_pause (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  guint64 samples_seen;
  guint n_playing = 0;
  gboolean playing;

  g_signal_connect (experiment, "notify::playing", G_CALLBACK (count_notify), &n_playing);
  neurons_experiment_play (experiment);
  g_assert_true (neurons_experiment_get_playing (experiment));
  g_assert_cmpuint (n_playing, ==, 1);
  wait_for_samples_above (experiment, 1000);

  neurons_experiment_pause (experiment);
  g_assert_false (neurons_experiment_get_playing (experiment));
  g_assert_cmpuint (n_playing, ==, 2);
  samples_seen = neurons_network_model_get_samples_seen (net);
  run_main_loop_for (100);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, samples_seen);

  neurons_experiment_toggle (experiment);
  g_assert_true (neurons_experiment_get_playing (experiment));
  neurons_experiment_toggle (experiment);
  g_assert_false (neurons_experiment_get_playing (experiment));
  g_assert_cmpuint (n_playing, ==, 4);

  g_object_set (experiment, "playing", TRUE, NULL);
  g_object_get (experiment, "playing", &playing, NULL);
  g_assert_true (playing);
  g_object_set (experiment, "playing", FALSE, NULL);
  g_assert_false (neurons_experiment_get_playing (experiment));

  free_experiment (g_steal_pointer (&experiment));
}

/* The speed reaches the trainer, and a slow one holds training back. */
static void
test_speed (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  guint n_speed = 0;
  gint64 start;
  double seconds;
  guint64 samples_seen;

  g_signal_connect (experiment, "notify::speed", G_CALLBACK (count_notify), &n_speed);
  neurons_experiment_set_speed (experiment, 20);
  neurons_experiment_set_speed (experiment, 20);
  g_assert_cmpuint (n_speed, ==, 1);
  g_assert_cmpfloat (neurons_experiment_get_speed (experiment), ==, 20);
  g_assert_cmpfloat (neurons_trainer_get_speed (neurons_experiment_get_trainer (experiment)), ==, 20);

  start = g_get_monotonic_time ();
  neurons_experiment_play (experiment);
  wait_for_samples_above (experiment, 2);
  neurons_experiment_pause (experiment);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  samples_seen = neurons_network_model_get_samples_seen (net);

  /* 20 a second, the first at once; never more, however busy the machine (at full speed,
   * the first few samples would come as thousands) */
  g_assert_cmpfloat (samples_seen, <=, 20 * seconds + 2);

  free_experiment (g_steal_pointer (&experiment));
}

/* A drawing pauses training; leaving it puts back the training sample, and training stays
 * paused if it was. */
static void
test_drawing_paused (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  guint8 drawing[NEURONS_INPUT_SIZE];
  Shown before;
  guint n_source = 0;

  for (guint i = 0; i < 3; i++)
    neurons_experiment_step (experiment);
  get_shown (experiment, &before);
  g_signal_connect (experiment, "notify::input-source", G_CALLBACK (count_notify), &n_source);

  make_drawing (drawing, 14);
  neurons_experiment_show_drawing (experiment, drawing);
  g_assert_cmpint (neurons_experiment_get_input_source (experiment), ==, NEURONS_INPUT_SOURCE_DRAWING);
  g_assert_cmpuint (n_source, ==, 1);
  g_assert_false (neurons_experiment_get_playing (experiment));
  assert_shown (experiment, drawing, -1, -1);

  /* The pen moves on: the drawing follows, and what is kept stays the training sample */
  make_drawing (drawing, 15);
  neurons_experiment_show_drawing (experiment, drawing);
  assert_shown (experiment, drawing, -1, -1);
  g_assert_cmpuint (n_source, ==, 1);

  neurons_experiment_resume_training_stream (experiment, TRUE);
  g_assert_cmpint (neurons_experiment_get_input_source (experiment), ==, NEURONS_INPUT_SOURCE_TRAINING);
  g_assert_cmpuint (n_source, ==, 2);
  assert_shown (experiment, before.pixels, before.label, before.index);
  g_assert_false (neurons_experiment_get_playing (experiment));
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 3);

  /* Back on the stream already: nothing more happens */
  neurons_experiment_resume_training_stream (experiment, TRUE);
  g_assert_cmpuint (n_source, ==, 2);

  free_experiment (g_steal_pointer (&experiment));
}

/* Training that ran before a drawing pauses for it, and resumes after it when asked to. */
static void
test_drawing_running (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  guint8 drawing[NEURONS_INPUT_SIZE];
  guint64 samples_seen;

  neurons_experiment_play (experiment);
  wait_for_samples_above (experiment, 100);

  make_drawing (drawing, 14);
  neurons_experiment_show_drawing (experiment, drawing);
  g_assert_false (neurons_experiment_get_playing (experiment));
  samples_seen = neurons_network_model_get_samples_seen (net);
  run_main_loop_for (100);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, samples_seen);
  assert_shown (experiment, drawing, -1, -1);

  /* The sample the trainer stopped on comes back, and training runs again */
  neurons_experiment_resume_training_stream (experiment, TRUE);
  g_assert_true (neurons_experiment_get_playing (experiment));
  assert_training_sample_shown (experiment, training_index (experiment, samples_seen - 1));
  wait_for_samples_above (experiment, samples_seen);

  /* Without resume, it stays paused, with the sample back (draw mode left for a lesson) */
  neurons_experiment_show_drawing (experiment, drawing);
  samples_seen = neurons_network_model_get_samples_seen (net);
  neurons_experiment_resume_training_stream (experiment, FALSE);
  g_assert_false (neurons_experiment_get_playing (experiment));
  assert_training_sample_shown (experiment, training_index (experiment, samples_seen - 1));

  free_experiment (g_steal_pointer (&experiment));
}

/* Play and Step under a drawing go back to the training stream first; Pause there means
 * training does not resume after it. */
static void
test_drawing_controls (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  guint8 drawing[NEURONS_INPUT_SIZE];

  make_drawing (drawing, 14);

  /* Toggle under a drawing always plays, even though training was paused before it */
  neurons_experiment_show_drawing (experiment, drawing);
  neurons_experiment_toggle (experiment);
  g_assert_cmpint (neurons_experiment_get_input_source (experiment), ==, NEURONS_INPUT_SOURCE_TRAINING);
  g_assert_true (neurons_experiment_get_playing (experiment));
  wait_for_samples_above (experiment, 0);

  /* Step: back to the stream, one sample trained and shown */
  neurons_experiment_show_drawing (experiment, drawing);
  {
    guint64 samples_seen = neurons_network_model_get_samples_seen (net);

    neurons_experiment_step (experiment);
    g_assert_cmpint (neurons_experiment_get_input_source (experiment), ==, NEURONS_INPUT_SOURCE_TRAINING);
    g_assert_false (neurons_experiment_get_playing (experiment));
    g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, samples_seen + 1);
    assert_training_sample_shown (experiment, training_index (experiment, samples_seen));
  }

  /* Pause under a drawing of a running network: leaving it does not resume */
  neurons_experiment_play (experiment);
  neurons_experiment_show_drawing (experiment, drawing);
  neurons_experiment_pause (experiment);
  neurons_experiment_resume_training_stream (experiment, TRUE);
  g_assert_false (neurons_experiment_get_playing (experiment));

  free_experiment (g_steal_pointer (&experiment));
}

/* A test image pauses training as a drawing does, and the training sample comes back. */
static void
test_test_image (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsDataset *test_set = neurons_experiment_get_test_set (experiment);
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  guint8 drawing[NEURONS_INPUT_SIZE];
  guint64 samples_seen;
  Shown before;

  /* Paused */
  neurons_experiment_step (experiment);
  neurons_experiment_step (experiment);
  get_shown (experiment, &before);
  neurons_experiment_show_test_image (experiment, 7);
  g_assert_cmpint (neurons_experiment_get_input_source (experiment), ==, NEURONS_INPUT_SOURCE_TEST_IMAGE);
  assert_shown (experiment, neurons_dataset_image (test_set, 7), test_set->labels[7], 7);
  g_assert_false (neurons_experiment_get_playing (experiment));
  neurons_experiment_resume_training_stream (experiment, TRUE);
  assert_shown (experiment, before.pixels, before.label, before.index);
  g_assert_false (neurons_experiment_get_playing (experiment));

  /* Running: paused for the image, resumed after it */
  neurons_experiment_play (experiment);
  wait_for_samples_above (experiment, 100);
  neurons_experiment_show_test_image (experiment, 3);
  g_assert_false (neurons_experiment_get_playing (experiment));
  samples_seen = neurons_network_model_get_samples_seen (net);
  assert_shown (experiment, neurons_dataset_image (test_set, 3), test_set->labels[3], 3);

  /* Another image, then a drawing: what is kept is still the training stream's */
  neurons_experiment_show_test_image (experiment, 4);
  make_drawing (drawing, 14);
  neurons_experiment_show_drawing (experiment, drawing);
  g_assert_cmpint (neurons_experiment_get_input_source (experiment), ==, NEURONS_INPUT_SOURCE_DRAWING);

  neurons_experiment_resume_training_stream (experiment, TRUE);
  g_assert_true (neurons_experiment_get_playing (experiment));
  assert_training_sample_shown (experiment, training_index (experiment, samples_seen - 1));
  wait_for_samples_above (experiment, samples_seen);

  free_experiment (g_steal_pointer (&experiment));
}

/* A network file opens paused on the training stream; one that cannot be read changes
 * nothing, and training goes on. */
static void
test_files (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  g_autofree char *directory = g_dir_make_tmp ("neurons-experiment-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "five.neurons.json", NULL);
  g_autofree char *missing = g_build_filename (directory, "missing.neurons.json", NULL);
  g_autoptr(GError) error = NULL;
  guint8 drawing[NEURONS_INPUT_SIZE];

  for (guint i = 0; i < 5; i++)
    neurons_experiment_step (experiment);
  g_assert_true (neurons_experiment_save_file (experiment, path, &error));
  g_assert_no_error (error);

  /* Saving a running network pauses it only meanwhile */
  neurons_experiment_play (experiment);
  g_assert_true (neurons_experiment_save_file (experiment, missing, &error));
  g_assert_true (neurons_experiment_get_playing (experiment));
  g_assert_cmpint (g_unlink (missing), ==, 0);

  make_drawing (drawing, 14);
  neurons_experiment_show_drawing (experiment, drawing);
  g_assert_true (neurons_experiment_open_file (experiment, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 5);
  g_assert_cmpint (neurons_experiment_get_input_source (experiment), ==, NEURONS_INPUT_SOURCE_TRAINING);
  g_assert_false (neurons_experiment_get_playing (experiment));

  neurons_experiment_play (experiment);
  g_assert_false (neurons_experiment_open_file (experiment, missing, &error));
  g_assert_nonnull (error);
  g_assert_true (neurons_experiment_get_playing (experiment));
  wait_for_samples_above (experiment, 5);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (directory), ==, 0);
  free_experiment (g_steal_pointer (&experiment));
}

typedef struct
{
  NeuronsExperiment *experiment;
  guint64            samples_seen;
} StoppedAt;

static gboolean
stopped_at (gpointer data)
{
  StoppedAt *wait = data;

  return !neurons_experiment_get_playing (wait->experiment)
         && neurons_network_model_get_samples_seen (neurons_experiment_get_net (wait->experiment))
            == wait->samples_seen;
}

/* Trains @n_samples more through the trainer's worker thread, and waits for the end. */
static void
train_samples (NeuronsExperiment *experiment,
               guint64            n_samples)
{
  StoppedAt wait = { experiment,
                     neurons_network_model_get_samples_seen (neurons_experiment_get_net (experiment)) + n_samples };

  neurons_trainer_run_samples (neurons_experiment_get_trainer (experiment), n_samples);
  wait_until (stopped_at, &wait, "the samples to be trained");
}

/* Train to 10,000, rewind to 2,000, train to 10,000 again: the same weights, bit for bit. The
 * newest moment comes back exactly; a new learning rate after a rewind starts a branch; the
 * test-set accuracy of a rewound checkpoint is measured and kept; a saved run brings its
 * checkpoints back. */
static void
test_rewind (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  NeuronsCheckpoints *checkpoints = neurons_experiment_get_checkpoints (experiment);
  g_autoptr(NeuronsMlp) first = NULL;
  g_autofree char *directory = g_dir_make_tmp ("neurons-experiment-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "run.neurons.json", NULL);
  g_autoptr(GError) error = NULL;
  NeuronsCheckpoint checkpoint;
  double first_cost;
  guint length;
  int at_2000;

  train_samples (experiment, 10000);
  first = neurons_mlp_copy (neurons_network_model_get_mlp (net));
  first_cost = neurons_network_model_get_running_cost (net);

  /* 0, 100, … 1,000, 2,000, 5,000, 10,000 */
  g_assert_cmpuint (neurons_checkpoints_get_length (checkpoints), ==, 14);
  at_2000 = neurons_checkpoints_find (checkpoints, 2000);
  g_assert_cmpint (at_2000, ==, 11);

  neurons_experiment_rewind (experiment, at_2000);
  g_assert_true (neurons_experiment_get_rewound (experiment));
  g_assert_false (neurons_experiment_get_playing (experiment));
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 2000);
  g_assert_true (memcmp (neurons_network_model_get_mlp (net), first, sizeof *first) != 0);

  /* the evaluator measures the checkpoint, and its accuracy is kept */
  while (!neurons_checkpoints_get (checkpoints, at_2000, &checkpoint, NULL) || isnan (checkpoint.test_accuracy))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (checkpoint.test_accuracy, >, 0.5);
  g_assert_cmpfloat (checkpoint.test_accuracy, ==,
                     neurons_evaluator_get_test_accuracy (neurons_experiment_get_evaluator (experiment)));

  /* With the whole first layer silenced, a checkpoint still keeps the whole network's
   * accuracy: a lesion is a view, and the timeline shows the lesioned figure beside it */
  {
    NeuronsEvaluator *evaluator = neurons_experiment_get_evaluator (experiment);
    NeuronsLesion lesion;
    int at_5000 = neurons_checkpoints_find (checkpoints, 5000);

    g_assert_true (neurons_lesion_parse ("1:1,1:2,1:3,1:4,1:5,1:6,1:7,1:8,1:9,1:10,1:11,1:12,1:13,1:14,1:15,1:16",
                                         &lesion, NULL));
    neurons_network_model_set_lesion (net, &lesion);
    neurons_experiment_rewind (experiment, at_5000);
    while (!neurons_checkpoints_get (checkpoints, at_5000, &checkpoint, NULL) || isnan (checkpoint.test_accuracy))
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (neurons_lesion_equal (neurons_evaluator_get_lesion (evaluator), &lesion));
    g_assert_cmpfloat (checkpoint.test_accuracy, ==,
                       neurons_evaluation_accuracy (neurons_evaluator_get_intact_evaluation (evaluator)));
    g_assert_cmpfloat (checkpoint.test_accuracy, >, neurons_evaluator_get_test_accuracy (evaluator) + 0.2);
    neurons_network_model_set_lesion (net, &(NeuronsLesion) { { 0 } });
  }

  neurons_experiment_return_to_newest (experiment);
  g_assert_false (neurons_experiment_get_rewound (experiment));
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 10000);
  g_assert_cmpmem (neurons_network_model_get_mlp (net), sizeof *first, first, sizeof *first);

  /* A saved run brings its checkpoints back */
  g_assert_true (neurons_experiment_save_file (experiment, path, &error));
  g_assert_no_error (error);
  neurons_experiment_reset (experiment, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 3);
  g_assert_cmpuint (neurons_checkpoints_get_length (checkpoints), ==, 0);
  g_assert_true (neurons_experiment_open_file (experiment, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (neurons_checkpoints_get_length (checkpoints), ==, 14);
  g_assert_cmpmem (neurons_network_model_get_mlp (net), sizeof *first, first, sizeof *first);

  /* Train on from 2,000 (one step on the main thread, then the worker): the same run */
  neurons_experiment_rewind (experiment, at_2000);
  neurons_experiment_step (experiment);
  g_assert_false (neurons_experiment_get_rewound (experiment));
  g_assert_cmpuint (neurons_checkpoints_get_length (checkpoints), ==, 12);
  train_samples (experiment, 7999);
  g_assert_cmpmem (neurons_network_model_get_mlp (net), sizeof *first, first, sizeof *first);
  g_assert_cmpfloat (neurons_network_model_get_running_cost (net), ==, first_cost);
  g_assert_cmpuint (neurons_checkpoints_get_branch (checkpoints), ==, 0);

  /* Another learning rate after a rewind: a new branch, from 5,000 on */
  neurons_experiment_rewind (experiment, neurons_checkpoints_find (checkpoints, 5000));
  g_assert_true (neurons_experiment_set_learning_rate (experiment, 0.1, &error));
  neurons_experiment_step (experiment);
  train_samples (experiment, 4999);
  length = neurons_checkpoints_get_length (checkpoints);
  g_assert_true (neurons_checkpoints_get (checkpoints, length - 1, &checkpoint, NULL));
  g_assert_cmpuint (checkpoint.samples_seen, ==, 10000);
  g_assert_cmpuint (checkpoint.branch, ==, 1);
  g_assert_true (neurons_checkpoints_get (checkpoints, length - 2, &checkpoint, NULL));
  g_assert_cmpuint (checkpoint.samples_seen, ==, 5000);
  g_assert_cmpuint (checkpoint.branch, ==, 0);
  g_assert_true (memcmp (neurons_network_model_get_mlp (net), first, sizeof *first) != 0);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (directory), ==, 0);
  free_experiment (g_steal_pointer (&experiment));
}

/* Adam with batches of 32, softmax outputs, dropout and shifted images, at a rate Adam takes. */
static void
train_with_every_option (NeuronsExperiment *experiment)
{
  g_autoptr(GError) error = NULL;
  NeuronsTrainingOptions options;

  neurons_training_options_init (&options);
  options.output = NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY;
  options.optimizer = NEURONS_OPTIMIZER_ADAM;
  options.batch_size = 32;
  options.dropout = 0.1;
  options.augment_shift = 2;
  g_assert_true (neurons_experiment_set_training_options (experiment, &options, &error));
  g_assert_no_error (error);
  g_assert_true (neurons_experiment_set_learning_rate (experiment, 0.002, &error));
  g_assert_no_error (error);
}

/* The trainer's optimiser state equals @expected, bit for bit. */
static void
assert_optimizer_state (NeuronsExperiment           *experiment,
                        const NeuronsOptimizerState *expected)
{
  g_autoptr(NeuronsOptimizerState) state =
    neurons_trainer_copy_optimizer_state (neurons_experiment_get_trainer (experiment));

  g_assert_cmpuint (state->n_updates, ==, expected->n_updates);
  g_assert_cmpuint (state->batch_filled, ==, expected->batch_filled);
  g_assert_cmpmem (state, sizeof *state, expected, sizeof *expected);
}

/* The same with every training option on: the checkpoints keep the optimiser's state (2,000 is
 * half into a batch of 32) and the options, so training on from one retraces the run; another
 * option after a rewind starts a branch, and rewinding brings a checkpoint's options back. */
static void
test_rewind_options (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  NeuronsCheckpoints *checkpoints = neurons_experiment_get_checkpoints (experiment);
  g_autoptr(NeuronsMlp) first = NULL;
  g_autoptr(NeuronsOptimizerState) first_state = NULL;
  g_autoptr(GError) error = NULL;
  NeuronsTrainingOptions options, other;
  NeuronsCheckpoint checkpoint;
  double first_cost;
  guint length;
  int at_2000;

  train_with_every_option (experiment);
  neurons_experiment_get_training_options (experiment, &options);
  train_samples (experiment, 10000);
  first = neurons_mlp_copy (neurons_network_model_get_mlp (net));
  first_cost = neurons_network_model_get_running_cost (net);
  first_state = neurons_trainer_copy_optimizer_state (neurons_experiment_get_trainer (experiment));
  g_assert_cmpuint (first_state->n_updates, ==, 10000 / 32);

  g_assert_cmpuint (neurons_checkpoints_get_length (checkpoints), ==, 14);
  at_2000 = neurons_checkpoints_find (checkpoints, 2000);
  g_assert_true (neurons_checkpoints_get (checkpoints, at_2000, &checkpoint, NULL));
  g_assert_true (checkpoint.has_optimizer_state);
  g_assert_true (neurons_training_options_equal (&checkpoint.options, &options));

  /* Rewound and back: the newest moment, its optimiser included */
  neurons_experiment_rewind (experiment, at_2000);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 2000);
  neurons_experiment_return_to_newest (experiment);
  g_assert_cmpmem (neurons_network_model_get_mlp (net), sizeof *first, first, sizeof *first);
  assert_optimizer_state (experiment, first_state);

  /* Train on from 2,000, one step on the main thread, then the worker: the same run */
  neurons_experiment_rewind (experiment, at_2000);
  neurons_experiment_step (experiment);
  train_samples (experiment, 7999);
  g_assert_cmpmem (neurons_network_model_get_mlp (net), sizeof *first, first, sizeof *first);
  g_assert_cmpfloat (neurons_network_model_get_running_cost (net), ==, first_cost);
  assert_optimizer_state (experiment, first_state);
  g_assert_cmpuint (neurons_checkpoints_get_branch (checkpoints), ==, 0);

  /* Another option after a rewind, at the same rate: a new branch, from 5,000 on */
  neurons_experiment_rewind (experiment, neurons_checkpoints_find (checkpoints, 5000));
  other = options;
  other.dropout = 0.2;
  g_assert_true (neurons_experiment_set_training_options (experiment, &other, &error));
  g_assert_no_error (error);
  neurons_experiment_step (experiment);
  train_samples (experiment, 4999);
  length = neurons_checkpoints_get_length (checkpoints);
  g_assert_true (neurons_checkpoints_get (checkpoints, length - 1, &checkpoint, NULL));
  g_assert_cmpuint (checkpoint.samples_seen, ==, 10000);
  g_assert_cmpuint (checkpoint.branch, ==, 1);
  g_assert_cmpfloat (checkpoint.options.dropout, ==, 0.2);
  g_assert_true (neurons_checkpoints_get (checkpoints, length - 2, &checkpoint, NULL));
  g_assert_cmpuint (checkpoint.samples_seen, ==, 5000);
  g_assert_cmpuint (checkpoint.branch, ==, 0);
  g_assert_true (memcmp (neurons_network_model_get_mlp (net), first, sizeof *first) != 0);

  /* Rewinding before the change brings the run's options back */
  neurons_experiment_rewind (experiment, at_2000);
  neurons_experiment_get_training_options (experiment, &other);
  g_assert_true (neurons_training_options_equal (&other, &options));

  free_experiment (g_steal_pointer (&experiment));
}

/* A run with Adam saved half into a batch and opened again goes on exactly as the run that
 * was never interrupted, and the opened file shows its options. */
static void
test_files_options (void)
{
  g_autoptr(NeuronsExperiment) experiment = new_ready_experiment ();
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  g_autofree char *directory = g_dir_make_tmp ("neurons-experiment-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "adam.neurons.json", NULL);
  g_autoptr(NeuronsMlp) uninterrupted = NULL;
  g_autoptr(GError) error = NULL;
  NeuronsTrainingOptions options, opened;

  train_with_every_option (experiment);
  neurons_experiment_get_training_options (experiment, &options);
  train_samples (experiment, 5000);
  g_assert_true (neurons_experiment_save_file (experiment, path, &error));
  g_assert_no_error (error);
  train_samples (experiment, 5000);
  uninterrupted = neurons_mlp_copy (neurons_network_model_get_mlp (net));

  /* another network and other options in between, as a person might have */
  neurons_experiment_reset (experiment, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 3);
  neurons_training_options_init (&opened);
  g_assert_true (neurons_experiment_set_training_options (experiment, &opened, &error));
  g_assert_no_error (error);

  g_assert_true (neurons_experiment_open_file (experiment, path, &error));
  g_assert_no_error (error);
  neurons_experiment_get_training_options (experiment, &opened);
  g_assert_true (neurons_training_options_equal (&opened, &options));
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 5000);
  train_samples (experiment, 5000);
  g_assert_cmpmem (neurons_network_model_get_mlp (net), sizeof *uninterrupted,
                   uninterrupted, sizeof *uninterrupted);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (directory), ==, 0);
  free_experiment (g_steal_pointer (&experiment));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  data_folder = g_getenv ("NEURONS_DATA_DIR");
  if (data_folder == NULL)
    data_folder = NEURONS_SOURCE_DATA_DIR;

  g_test_add_func ("/nn/experiment/load", test_load);
  g_test_add_func ("/nn/experiment/load-failure", test_load_failure);
  g_test_add_func ("/nn/experiment/switch-failure", test_switch_failure);
  g_test_add_func ("/nn/experiment/switch-kind", test_switch_kind);
  g_test_add_func ("/nn/experiment/load-superseded", test_load_superseded);
  g_test_add_func ("/nn/experiment/load-disposed", test_load_disposed);
  g_test_add_func ("/nn/experiment/step", test_step);
  g_test_add_func ("/nn/experiment/play-pause", test_play_pause);
  g_test_add_func ("/nn/experiment/speed", test_speed);
  g_test_add_func ("/nn/experiment/drawing-paused", test_drawing_paused);
  g_test_add_func ("/nn/experiment/drawing-running", test_drawing_running);
  g_test_add_func ("/nn/experiment/drawing-controls", test_drawing_controls);
  g_test_add_func ("/nn/experiment/test-image", test_test_image);
  g_test_add_func ("/nn/experiment/files", test_files);
  g_test_add_func ("/nn/experiment/rewind", test_rewind);
  g_test_add_func ("/nn/experiment/rewind-options", test_rewind_options);
  g_test_add_func ("/nn/experiment/files-options", test_files_options);

  return g_test_run ();
}
