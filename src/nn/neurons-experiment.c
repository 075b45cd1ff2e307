/* neurons-experiment.c: one network, its trainer, its data, its state and what is on show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-experiment"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "neurons-enums.h"
#include "neurons-experiment.h"
#include "neurons-sgd.h"

/*
 * The experiment is what the window, the lessons and the views share: the network, and once
 * a dataset is in, the trainer that trains it on a worker thread and the evaluator that
 * measures it on the test set.
 *
 * Data is read by one loader, on a worker thread. The first load moves the state from
 * LOADING to READY or FAILED. Once there is data, loading another dataset keeps the state
 * READY and the old data training on while the new one is read; if it cannot be read,
 * nothing changes but the error, so a bad folder loses nothing. A newer load supersedes one
 * still under way.
 *
 * The network is shown the training samples, or a person's drawing, or a test image. A
 * drawing or a test image pauses training and remembers the training sample on show and
 * whether training ran; going back to the training stream puts that sample back, and
 * resumes training if asked to and if it ran before. Play and Step go back to the stream
 * first, since a training sample would replace what is on show anyway.
 *
 * The trainer keeps checkpoints of the run in the experiment's store. Rewinding puts one in
 * the network, paused, and every view shows that moment; the newest state is kept as a
 * checkpoint first, so going back to it is exact. Play or Step from a rewound moment trains
 * on from there: the later checkpoints go, and if the learning rate is not the one the run
 * had after that moment, the run takes a new branch. New weights (a reset, other data) start
 * a new run with no checkpoints; a file brings its own.
 */

struct _NeuronsExperiment
{
  GObject                 parent_instance;

  NeuronsNetworkModel       *net;
  NeuronsTrainer         *trainer;        /* NULL until the first data is in */
  NeuronsEvaluator       *evaluator;      /* NULL until the first data is in */
  NeuronsDataset         *training_set;
  NeuronsDataset         *test_set;
  NeuronsDatasetKind      dataset_kind;
  char                   *folder;
  double                  speed;

  NeuronsExperimentState  state;
  GError                 *error;          /* of the last load, if it failed */
  guint                   load_serial;    /* of the newest load; older ones are superseded */
  gboolean                loading;

  /* What is on show, and what the training stream had on show before it was left */
  NeuronsInputSource      input_source;
  guint8                  saved_pixels[NEURONS_INPUT_SIZE];
  int                     saved_label;
  gint64                  saved_index;
  gboolean                saved_playing;

  /* Rewinding */
  NeuronsCheckpoints     *checkpoints;
  gboolean                rewound;        /* the network is a checkpoint before the newest */
  gboolean                taking_file;    /* a file's network comes in, with its checkpoints */
};

G_DEFINE_FINAL_TYPE (NeuronsExperiment, neurons_experiment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NET,
  PROP_STATE,
  PROP_ERROR,
  PROP_LOADING,
  PROP_TRAINER,
  PROP_EVALUATOR,
  PROP_TRAINING_SET,
  PROP_TEST_SET,
  PROP_DATASET_KIND,
  PROP_FOLDER,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_INPUT_SOURCE,
  PROP_REWOUND,
  N_PROPS
};

enum {
  CHECKPOINTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
notify (NeuronsExperiment *self,
        guint              prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_state (NeuronsExperiment      *self,
           NeuronsExperimentState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  notify (self, PROP_STATE);
}

static void
set_loading (NeuronsExperiment *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  notify (self, PROP_LOADING);
}

static void
set_input_source (NeuronsExperiment  *self,
                  NeuronsInputSource  input_source)
{
  if (self->input_source == input_source)
    return;

  self->input_source = input_source;
  notify (self, PROP_INPUT_SOURCE);
}

static gboolean
trainer_running (NeuronsExperiment *self)
{
  return self->trainer != NULL && neurons_trainer_get_running (self->trainer);
}

/* Puts the next training sample on show, so that the next step trains on what is seen. */
static void
show_next_sample (NeuronsExperiment *self)
{
  guint64 samples_seen = neurons_network_model_get_samples_seen (self->net);
  guint n_images = self->training_set->n_images;
  g_autofree guint32 *order = g_new (guint32, n_images);
  guint index;

  neurons_epoch_order (neurons_network_model_get_seed (self->net), samples_seen / n_images,
                       order, n_images);
  index = order[samples_seen % n_images];
  neurons_network_model_show_input (self->net, neurons_dataset_image (self->training_set, index),
                                 self->training_set->labels[index], index);
}

/* Leaves the training stream for a drawing or a test image: training pauses, and what it
 * showed and whether it ran are kept. From one of those to the other, what was kept stays. */
static void
leave_training_stream (NeuronsExperiment  *self,
                       NeuronsInputSource  input_source)
{
  if (self->input_source == NEURONS_INPUT_SOURCE_TRAINING)
    {
      self->saved_playing = trainer_running (self);
      if (self->trainer != NULL)
        neurons_trainer_pause (self->trainer);

      memcpy (self->saved_pixels, neurons_network_model_get_input_pixels (self->net),
              sizeof self->saved_pixels);
      self->saved_label = neurons_network_model_get_input_label (self->net);
      self->saved_index = neurons_network_model_get_input_index (self->net);
    }

  set_input_source (self, input_source);
}

/* Back to the training stream, with the sample it had on show; returns whether training ran
 * when the stream was left. */
static gboolean
return_to_training_stream (NeuronsExperiment *self)
{
  gboolean was_playing = self->saved_playing;

  if (self->input_source == NEURONS_INPUT_SOURCE_TRAINING)
    return FALSE;

  self->saved_playing = FALSE;
  neurons_network_model_show_input (self->net, self->saved_pixels, self->saved_label, self->saved_index);
  set_input_source (self, NEURONS_INPUT_SOURCE_TRAINING);

  return was_playing;
}

static void
on_trainer_running (NeuronsExperiment *self,
                    GParamSpec        *pspec,
                    NeuronsTrainer    *trainer)
{
  notify (self, PROP_PLAYING);
}

/* Rewinding */

static void
set_rewound (NeuronsExperiment *self,
             gboolean           rewound)
{
  if (self->rewound == rewound)
    return;

  self->rewound = rewound;
  notify (self, PROP_REWOUND);
}

static void
checkpoints_changed (NeuronsExperiment *self)
{
  g_signal_emit (self, signals[CHECKPOINTS_CHANGED], 0);
}

static guint
epoch_size (NeuronsExperiment *self)
{
  return self->training_set != NULL ? self->training_set->n_images : 60000;
}

/* New weights that did not come from training: a new run, or a file's with its own. */
static void
on_net_reset (NeuronsExperiment *self)
{
  if (!self->taking_file)
    neurons_checkpoints_clear (self->checkpoints);
  set_rewound (self, FALSE);
  checkpoints_changed (self);
}

/* The evaluator measured the network: if that is a checkpoint, its accuracy is kept, that of
 * the whole network even while neurons are silenced, since a lesion is only a view. */
static void
on_evaluator_updated (NeuronsExperiment *self,
                      NeuronsEvaluator  *evaluator)
{
  if (neurons_evaluator_has_results (evaluator)
      && neurons_evaluator_get_samples_seen (evaluator) == neurons_network_model_get_samples_seen (self->net)
      && neurons_checkpoints_set_test_accuracy (self->checkpoints,
                                                neurons_evaluator_get_samples_seen (evaluator),
                                                neurons_evaluation_accuracy (neurons_evaluator_get_intact_evaluation (evaluator))))
    checkpoints_changed (self);
}

/* Training goes on from the rewound moment: what came after it is no more, and with another
 * learning rate or other training options than the run had then, this is a new branch. */
static void
train_on_from_here (NeuronsExperiment *self)
{
  guint64 samples_seen = neurons_network_model_get_samples_seen (self->net);
  NeuronsTrainingOptions options;
  NeuronsCheckpoint after;
  int index;

  if (!self->rewound)
    return;

  neurons_experiment_get_training_options (self, &options);
  index = neurons_checkpoints_find (self->checkpoints, samples_seen);
  if (index >= 0 && neurons_checkpoints_get (self->checkpoints, index + 1, &after, NULL)
      /* the rate as the math uses it */
      && ((float) after.learning_rate != (float) neurons_network_model_get_learning_rate (self->net)
          || !neurons_training_options_equal (&after.options, &options)))
    neurons_checkpoints_begin_branch (self->checkpoints);
  neurons_checkpoints_truncate (self->checkpoints, samples_seen);

  set_rewound (self, FALSE);
  checkpoints_changed (self);
}

/* Loading */

typedef struct
{
  NeuronsDatasetKind  kind;
  char               *folder;
  guint               serial;
  NeuronsDataset     *training_set;
  NeuronsDataset     *test_set;
} Load;

static void
load_free (Load *load)
{
  g_free (load->folder);
  g_clear_pointer (&load->training_set, neurons_dataset_unref);
  g_clear_pointer (&load->test_set, neurons_dataset_unref);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  if (!neurons_dataset_load_directory (load->folder, &load->training_set, &load->test_set, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The end of the newest load: the error stays until the next load, and without data from
 * before, the experiment has failed. */
static void
finish_loading (NeuronsExperiment *self,
                const GError      *error)
{
  if (self->error != NULL || error != NULL)
    {
      g_clear_error (&self->error);
      self->error = error != NULL ? g_error_copy (error) : NULL;
      notify (self, PROP_ERROR);
    }

  set_loading (self, FALSE);
  set_state (self, self->trainer != NULL ? NEURONS_EXPERIMENT_READY : NEURONS_EXPERIMENT_FAILED);
}

/* The first data: the trainer and the evaluator are made for it. */
static void
attach_first_data (NeuronsExperiment *self)
{
  self->trainer = neurons_trainer_new (self->net, self->training_set);
  neurons_trainer_set_speed (self->trainer, self->speed);
  neurons_trainer_set_checkpoints (self->trainer, self->checkpoints);
  g_signal_connect_object (self->trainer, "notify::running",
                           G_CALLBACK (on_trainer_running), self, G_CONNECT_SWAPPED);
  self->evaluator = neurons_evaluator_new (self->net, self->test_set);
  g_signal_connect_object (self->evaluator, "updated",
                           G_CALLBACK (on_evaluator_updated), self, G_CONNECT_SWAPPED);

  /* A network opened before the data came keeps what it had on show. */
  if (neurons_network_model_get_input_index (self->net) < 0)
    show_next_sample (self);

  notify (self, PROP_TRAINER);
  notify (self, PROP_EVALUATOR);
}

/* Other data: a fresh network learns it, since weights learned on digits mean nothing for
 * clothes; it waits for Play. */
static void
attach_other_data (NeuronsExperiment *self)
{
  guint64 seed = (guint64) g_random_int () << 32 | g_random_int ();

  neurons_trainer_pause (self->trainer);
  neurons_trainer_set_dataset (self->trainer, self->training_set);
  neurons_evaluator_set_test_set (self->evaluator, self->test_set);
  neurons_network_model_reinitialize (self->net,
                                   neurons_network_model_get_hidden_activation (self->net),
                                   neurons_network_model_get_initialization (self->net),
                                   seed);
  show_next_sample (self);
}

static void
take_data (NeuronsExperiment *self,
           Load              *load)
{
  gboolean first = self->trainer == NULL;

  g_object_freeze_notify (G_OBJECT (self));

  /* What was kept from the stream belongs to the old data. */
  self->saved_playing = FALSE;
  set_input_source (self, NEURONS_INPUT_SOURCE_TRAINING);

  g_clear_pointer (&self->training_set, neurons_dataset_unref);
  g_clear_pointer (&self->test_set, neurons_dataset_unref);
  self->training_set = g_steal_pointer (&load->training_set);
  self->test_set = g_steal_pointer (&load->test_set);
  neurons_network_model_set_class_names (self->net, neurons_datasets_get_class_names (load->kind));

  if (first)
    attach_first_data (self);
  else
    attach_other_data (self);

  if (self->dataset_kind != load->kind)
    {
      self->dataset_kind = load->kind;
      notify (self, PROP_DATASET_KIND);
    }
  g_free (self->folder);
  self->folder = g_strdup (load->folder);
  notify (self, PROP_FOLDER);
  notify (self, PROP_TRAINING_SET);
  notify (self, PROP_TEST_SET);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NeuronsExperiment *self = g_task_get_source_object (task);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (load->serial != self->load_serial)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Another dataset was chosen meanwhile"));
      return;
    }

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error);

  if (error != NULL)
    {
      finish_loading (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  take_data (self, load);
  finish_loading (self, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * neurons_experiment_load_async:
 * @kind: the dataset to learn
 * @folder: (nullable): where it is, or %NULL to look where it is installed
 * @cancellable: (nullable): to give up on it
 * @callback: called once the data is in, or could not be read
 * @user_data: for @callback
 *
 * Reads both sets of a dataset on a worker thread. The first data creates the trainer and
 * the evaluator; other data replaces what there was, with a fresh network, paused. If the
 * data cannot be read, the experiment keeps what it had, and #NeuronsExperiment:error and
 * neurons_experiment_load_finish() say why. A newer load supersedes this one, which then
 * finishes with %G_IO_ERROR_CANCELLED and changes nothing.
 */
void
neurons_experiment_load_async (NeuronsExperiment   *self,
                               NeuronsDatasetKind   kind,
                               const char          *folder,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  g_autoptr(GError) error = NULL;
  Load *load;

  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, neurons_experiment_load_async);

  self->load_serial++;
  set_loading (self, TRUE);
  if (self->trainer == NULL)
    set_state (self, NEURONS_EXPERIMENT_LOADING);

  load = g_new0 (Load, 1);
  load->kind = kind;
  load->serial = self->load_serial;
  load->folder = folder != NULL ? g_strdup (folder) : neurons_datasets_find_folder (kind, NULL);
  if (load->folder == NULL)
    {
      load_free (load);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Fashion-MNIST is not in %s; choose the folder that holds its four IDX files"),
                   NEURONS_FASHION_MNIST_SYSTEM_DIR);
      finish_loading (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The thread's task holds no reference to the experiment: the worker thread may drop the
   * task last, and the experiment must never be finalized there. */
  thread_task = g_task_new (NULL, NULL, load_done, g_steal_pointer (&task));
  g_task_set_source_tag (thread_task, load_thread);
  g_task_set_task_data (thread_task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (thread_task, load_thread);
}

/**
 * neurons_experiment_load_finish:
 *
 * Returns: whether the data is in; else @error says why
 */
gboolean
neurons_experiment_load_finish (NeuronsExperiment  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == neurons_experiment_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The object */

static void
neurons_experiment_constructed (GObject *object)
{
  NeuronsExperiment *self = (NeuronsExperiment *) object;

  G_OBJECT_CLASS (neurons_experiment_parent_class)->constructed (object);

  if (self->net == NULL)
    self->net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID,
                                        neurons_suggested_init (NEURONS_ACTIVATION_SIGMOID),
                                        NEURONS_DEFAULT_SEED);

  g_signal_connect_object (self->net, "reset", G_CALLBACK (on_net_reset), self, G_CONNECT_SWAPPED);
}

static void
neurons_experiment_dispose (GObject *object)
{
  NeuronsExperiment *self = (NeuronsExperiment *) object;

  /* A load still under way finds itself superseded and changes nothing: without this it
   * would make a fresh trainer for an experiment that is going away. */
  self->load_serial++;
  if (self->trainer != NULL)
    neurons_trainer_pause (self->trainer);
  g_clear_object (&self->trainer);
  g_clear_object (&self->evaluator);

  G_OBJECT_CLASS (neurons_experiment_parent_class)->dispose (object);
}

static void
neurons_experiment_finalize (GObject *object)
{
  NeuronsExperiment *self = (NeuronsExperiment *) object;

  g_clear_object (&self->net);
  g_clear_pointer (&self->training_set, neurons_dataset_unref);
  g_clear_pointer (&self->test_set, neurons_dataset_unref);
  g_clear_pointer (&self->folder, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->checkpoints, neurons_checkpoints_unref);

  G_OBJECT_CLASS (neurons_experiment_parent_class)->finalize (object);
}

static void
neurons_experiment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NeuronsExperiment *self = NEURONS_EXPERIMENT (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, self->net);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_TRAINER:
      g_value_set_object (value, self->trainer);
      break;
    case PROP_EVALUATOR:
      g_value_set_object (value, self->evaluator);
      break;
    case PROP_TRAINING_SET:
      g_value_set_boxed (value, self->training_set);
      break;
    case PROP_TEST_SET:
      g_value_set_boxed (value, self->test_set);
      break;
    case PROP_DATASET_KIND:
      g_value_set_enum (value, self->dataset_kind);
      break;
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, trainer_running (self));
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_INPUT_SOURCE:
      g_value_set_enum (value, self->input_source);
      break;
    case PROP_REWOUND:
      g_value_set_boolean (value, self->rewound);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_experiment_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NeuronsExperiment *self = NEURONS_EXPERIMENT (object);

  switch (prop_id)
    {
    case PROP_NET:
      self->net = g_value_dup_object (value);
      break;
    case PROP_PLAYING:
      neurons_experiment_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      neurons_experiment_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_data_properties (void)
{
  /**
   * NeuronsExperiment:state:
   *
   * Whether there is data to learn from: %NEURONS_EXPERIMENT_LOADING while the first
   * dataset is read, %NEURONS_EXPERIMENT_READY once one is in (and through any later load),
   * %NEURONS_EXPERIMENT_FAILED when the first could not be read.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       NEURONS_TYPE_EXPERIMENT_STATE, NEURONS_EXPERIMENT_LOADING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:error:
   *
   * Why the last load failed, a #GError with a message a person can act on; %NULL once a
   * load succeeds.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:loading:
   *
   * Whether a dataset is being read, the first or another one.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:training-set:
   *
   * The images the network learns from, or %NULL until the first data is in.
   */
  properties[PROP_TRAINING_SET] =
    g_param_spec_boxed ("training-set", NULL, NULL,
                        NEURONS_TYPE_DATASET,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:test-set:
   *
   * The images the network is measured on and never learns from, or %NULL until the first
   * data is in.
   */
  properties[PROP_TEST_SET] =
    g_param_spec_boxed ("test-set", NULL, NULL,
                        NEURONS_TYPE_DATASET,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:dataset-kind:
   *
   * Which dataset the data is, which names the network's outputs.
   */
  properties[PROP_DATASET_KIND] =
    g_param_spec_enum ("dataset-kind", NULL, NULL,
                       NEURONS_TYPE_DATASET_KIND, NEURONS_DATASET_MNIST,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:folder:
   *
   * The folder the data was read from, or %NULL until the first data is in.
   */
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static void
install_training_properties (void)
{
  /**
   * NeuronsExperiment:net:
   *
   * The network that learns; a fresh one unless given at construction.
   */
  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:trainer:
   *
   * What trains the network on a worker thread, or %NULL until the first data is in.
   */
  properties[PROP_TRAINER] =
    g_param_spec_object ("trainer", NULL, NULL,
                         NEURONS_TYPE_TRAINER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:evaluator:
   *
   * What measures the network on the test set, or %NULL until the first data is in.
   */
  properties[PROP_EVALUATOR] =
    g_param_spec_object ("evaluator", NULL, NULL,
                         NEURONS_TYPE_EVALUATOR,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:playing:
   *
   * Whether the network is training. Setting it plays or pauses, as
   * neurons_experiment_play() and neurons_experiment_pause() do.
   */
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:speed:
   *
   * Training speed in samples per second, or %NEURONS_SPEED_MAX (0) for as fast as it goes.
   */
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL,
                         0, 1e9, NEURONS_SPEED_MAX,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsExperiment:input-source:
   *
   * What the network is shown: the training samples, a drawing or a test image.
   */
  properties[PROP_INPUT_SOURCE] =
    g_param_spec_enum ("input-source", NULL, NULL,
                       NEURONS_TYPE_INPUT_SOURCE, NEURONS_INPUT_SOURCE_TRAINING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static void
neurons_experiment_class_init (NeuronsExperimentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = neurons_experiment_constructed;
  object_class->dispose = neurons_experiment_dispose;
  object_class->finalize = neurons_experiment_finalize;
  object_class->get_property = neurons_experiment_get_property;
  object_class->set_property = neurons_experiment_set_property;

  install_data_properties ();
  install_training_properties ();

  /**
   * NeuronsExperiment:rewound:
   *
   * Whether the network shows a checkpoint before the newest moment of the run.
   */
  properties[PROP_REWOUND] =
    g_param_spec_boolean ("rewound", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NeuronsExperiment::checkpoints-changed:
   *
   * The checkpoints changed other than by training: a rewind, a new run or file, a new
   * branch, or an accuracy measured for one. While training, new checkpoints come with the
   * network's "changed".
   */
  signals[CHECKPOINTS_CHANGED] =
    g_signal_new ("checkpoints-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
neurons_experiment_init (NeuronsExperiment *self)
{
  self->state = NEURONS_EXPERIMENT_LOADING;
  self->speed = NEURONS_SPEED_MAX;
  self->input_source = NEURONS_INPUT_SOURCE_TRAINING;
  self->saved_label = -1;
  self->saved_index = -1;
  self->checkpoints = neurons_checkpoints_new (NEURONS_CHECKPOINTS_BUDGET);
}

/**
 * neurons_experiment_new:
 * @net: (nullable): the network to train, or %NULL for a fresh one
 *
 * An experiment without data: load some with neurons_experiment_load_async().
 */
NeuronsExperiment *
neurons_experiment_new (NeuronsNetworkModel *net)
{
  g_return_val_if_fail (net == NULL || NEURONS_IS_NETWORK_MODEL (net), NULL);

  return g_object_new (NEURONS_TYPE_EXPERIMENT, "net", net, NULL);
}

/* Getters */

NeuronsExperimentState
neurons_experiment_get_state (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NEURONS_EXPERIMENT_FAILED);

  return self->state;
}

const GError *
neurons_experiment_get_error (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NULL);

  return self->error;
}

gboolean
neurons_experiment_get_loading (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), FALSE);

  return self->loading;
}

NeuronsNetworkModel *
neurons_experiment_get_net (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NULL);

  return self->net;
}

NeuronsTrainer *
neurons_experiment_get_trainer (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NULL);

  return self->trainer;
}

NeuronsEvaluator *
neurons_experiment_get_evaluator (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NULL);

  return self->evaluator;
}

NeuronsDataset *
neurons_experiment_get_training_set (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NULL);

  return self->training_set;
}

NeuronsDataset *
neurons_experiment_get_test_set (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NULL);

  return self->test_set;
}

NeuronsDatasetKind
neurons_experiment_get_dataset_kind (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NEURONS_DATASET_MNIST);

  return self->dataset_kind;
}

const char *
neurons_experiment_get_folder (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NULL);

  return self->folder;
}

NeuronsInputSource
neurons_experiment_get_input_source (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NEURONS_INPUT_SOURCE_TRAINING);

  return self->input_source;
}

/* Training */

gboolean
neurons_experiment_get_playing (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), FALSE);

  return trainer_running (self);
}

void
neurons_experiment_set_playing (NeuronsExperiment *self,
                                gboolean           playing)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));

  if (playing)
    neurons_experiment_play (self);
  else
    neurons_experiment_pause (self);
}

double
neurons_experiment_get_speed (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NEURONS_SPEED_MAX);

  return self->speed;
}

void
neurons_experiment_set_speed (NeuronsExperiment *self,
                              double             samples_per_second)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));
  g_return_if_fail (samples_per_second >= 0 && isfinite (samples_per_second));

  if (self->speed == samples_per_second)
    return;

  self->speed = samples_per_second;
  if (self->trainer != NULL)
    neurons_trainer_set_speed (self->trainer, samples_per_second);
  notify (self, PROP_SPEED);
}

/**
 * neurons_experiment_play:
 *
 * Trains until paused, from the training sample that was on show before any drawing or
 * test image. Needs data (#NeuronsExperiment:state is %NEURONS_EXPERIMENT_READY).
 */
void
neurons_experiment_play (NeuronsExperiment *self)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));
  g_return_if_fail (self->trainer != NULL);

  return_to_training_stream (self);
  train_on_from_here (self);
  neurons_trainer_play (self->trainer);
}

/**
 * neurons_experiment_pause:
 *
 * Stops training. Under a drawing or a test image, it also stops training from resuming
 * when the training stream comes back: a person asked for it paused.
 */
void
neurons_experiment_pause (NeuronsExperiment *self)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));

  self->saved_playing = FALSE;
  if (self->trainer != NULL)
    neurons_trainer_pause (self->trainer);
}

/**
 * neurons_experiment_toggle:
 *
 * Play or pause, as the Play button does. Under a drawing or a test image it always plays:
 * the training sample comes back and training runs.
 */
void
neurons_experiment_toggle (NeuronsExperiment *self)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));
  g_return_if_fail (self->trainer != NULL);

  if (self->input_source == NEURONS_INPUT_SOURCE_TRAINING && trainer_running (self))
    neurons_experiment_pause (self);
  else
    neurons_experiment_play (self);
}

/**
 * neurons_experiment_step:
 *
 * Pauses, and trains on exactly one more training sample, which it shows.
 */
void
neurons_experiment_step (NeuronsExperiment *self)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));
  g_return_if_fail (self->trainer != NULL);

  return_to_training_stream (self);
  train_on_from_here (self);
  neurons_trainer_step (self->trainer);
}

/**
 * neurons_experiment_reset:
 *
 * Fresh weights for these choices, from this seed; the learning rate stays. Training that
 * runs goes on from the fresh weights.
 */
void
neurons_experiment_reset (NeuronsExperiment *self,
                          NeuronsActivation  hidden_activation,
                          NeuronsInit        initialization,
                          guint64            seed)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));

  neurons_network_model_reinitialize (self->net, hidden_activation, initialization, seed);
}

/* The training options in force; options->output is the network's. */
void
neurons_experiment_get_training_options (NeuronsExperiment      *self,
                                         NeuronsTrainingOptions *options)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));
  g_return_if_fail (options != NULL);

  if (self->trainer != NULL)
    neurons_trainer_get_training_options (self->trainer, options);
  else
    neurons_training_options_init (options);
  options->output = neurons_network_model_get_mlp (self->net)->output;
}

/**
 * neurons_experiment_set_training_options:
 *
 * Trains with these options from now on. Another output layer changes the network's
 * arithmetic, so it starts a fresh network, as another activation does.
 *
 * Returns: whether the options were valid; else nothing changes and @error says why
 */
gboolean
neurons_experiment_set_training_options (NeuronsExperiment             *self,
                                         const NeuronsTrainingOptions  *options,
                                         GError                       **error)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (self->trainer != NULL, FALSE);

  if (!neurons_training_options_validate (options, error))
    return FALSE;

  neurons_trainer_set_training_options (self->trainer, options);
  neurons_network_model_set_output (self->net, options->output);
  return TRUE;
}

/* Returns: whether the rate was valid; else the rate stays and @error says why */
gboolean
neurons_experiment_set_learning_rate (NeuronsExperiment  *self,
                                      double              learning_rate,
                                      GError            **error)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), FALSE);

  return neurons_network_model_set_learning_rate (self->net, learning_rate, error);
}

/**
 * neurons_experiment_open_file:
 * @path: a network file
 *
 * Replaces the network's weights and settings with the file's, paused, back on the
 * training stream. A file that cannot be used changes nothing, and training that ran goes on.
 *
 * Returns: whether the file was read; else @error says why
 */
gboolean
neurons_experiment_open_file (NeuronsExperiment  *self,
                              const char         *path,
                              GError            **error)
{
  g_autoptr(NeuronsMlp) mlp = NULL;
  g_autoptr(NeuronsCheckpoints) checkpoints = NULL;
  g_auto(NeuronsNetworkTraining) training = { { 0 } };
  NeuronsNetworkSettings settings;
  gboolean was_playing;

  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Paused first: otherwise the trainer would go on from the new weights by itself. */
  was_playing = trainer_running (self);
  if (self->trainer != NULL)
    neurons_trainer_pause (self->trainer);

  neurons_network_training_init (&training);
  mlp = neurons_network_file_load_full (path, &settings, &training, &checkpoints, error);
  if (mlp == NULL)
    {
      if (was_playing)
        neurons_trainer_play (self->trainer);
      return FALSE;
    }

  /* The file's run comes with its checkpoints, or with none. */
  if (checkpoints != NULL)
    neurons_checkpoints_take (self->checkpoints, checkpoints);
  else
    neurons_checkpoints_clear (self->checkpoints);
  self->taking_file = TRUE;
  neurons_network_model_set_network (self->net, mlp, &settings);
  self->taking_file = FALSE;
  /* The run goes on as it trained: its options, and its optimiser where it was. After the
   * network, whose new weights start the trainer's optimiser afresh. */
  if (self->trainer != NULL)
    {
      neurons_trainer_set_training_options (self->trainer, &training.options);
      neurons_trainer_set_optimizer_state (self->trainer, training.optimizer_state);
    }

  /* The drawing or the test image belonged to the last network. */
  return_to_training_stream (self);
  if (self->training_set != NULL && neurons_network_model_get_input_index (self->net) < 0)
    show_next_sample (self);

  return TRUE;
}

/* The network on show, with the checkpoints of its run. */
static gboolean
save_run (NeuronsExperiment  *self,
          const char         *path,
          GError            **error)
{
  g_auto(NeuronsNetworkTraining) training = { { 0 } };
  NeuronsNetworkSettings settings;

  neurons_network_model_get_settings (self->net, &settings);
  neurons_network_training_init (&training);
  if (self->trainer != NULL)
    {
      neurons_trainer_get_training_options (self->trainer, &training.options);
      if (neurons_training_options_needs_state (&training.options))
        training.optimizer_state = neurons_trainer_copy_optimizer_state (self->trainer);
    }
  return neurons_network_file_save_full (path, neurons_network_model_get_mlp (self->net), &settings,
                                         &training, self->checkpoints, error);
}

/**
 * neurons_experiment_save_file:
 * @path: where to write the network
 *
 * Writes the network; training pauses meanwhile, so that the file holds one moment of it.
 * A failed save leaves what was at @path.
 *
 * Returns: whether the file was written; else @error says why
 */
gboolean
neurons_experiment_save_file (NeuronsExperiment  *self,
                              const char         *path,
                              GError            **error)
{
  gboolean was_playing;
  gboolean saved;

  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  was_playing = trainer_running (self);
  if (was_playing)
    neurons_trainer_pause (self->trainer);

  saved = save_run (self, path, error);

  if (was_playing)
    neurons_trainer_play (self->trainer);

  return saved;
}

/* What is on show */

/**
 * neurons_experiment_show_drawing:
 * @pixels: (array fixed-size=784): the drawing, 28 × 28, row-major, 0 = background,
 *   255 = full ink
 *
 * Shows the network a drawing, with no true label. Coming from the training stream, it
 * pauses training and keeps the training sample on show and whether training ran, for
 * neurons_experiment_resume_training_stream(). Call it again as the drawing changes.
 */
void
neurons_experiment_show_drawing (NeuronsExperiment *self,
                                 const guint8      *pixels)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));
  g_return_if_fail (pixels != NULL);

  leave_training_stream (self, NEURONS_INPUT_SOURCE_DRAWING);
  neurons_network_model_show_input (self->net, pixels, -1, -1);
}

/**
 * neurons_experiment_show_test_image:
 * @test_index: the image's index in the test set
 *
 * Shows the network one test image, with its true label. Coming from the training stream,
 * it pauses training and keeps what the stream showed, as neurons_experiment_show_drawing()
 * does.
 */
void
neurons_experiment_show_test_image (NeuronsExperiment *self,
                                    guint              test_index)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));
  g_return_if_fail (self->test_set != NULL);
  g_return_if_fail (test_index < self->test_set->n_images);

  leave_training_stream (self, NEURONS_INPUT_SOURCE_TEST_IMAGE);
  neurons_network_model_show_input (self->net, neurons_dataset_image (self->test_set, test_index),
                                 self->test_set->labels[test_index], test_index);
}

/**
 * neurons_experiment_resume_training_stream:
 * @resume: whether training that ran before the drawing or the test image starts again
 *
 * Leaves the drawing or the test image: the training sample that was on show comes back,
 * and with @resume, training runs again if it ran before. On the training stream already,
 * it does nothing.
 */
void
neurons_experiment_resume_training_stream (NeuronsExperiment *self,
                                           gboolean           resume)
{
  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));

  if (return_to_training_stream (self) && resume && self->trainer != NULL)
    neurons_trainer_play (self->trainer);
}

/* Rewinding */

/**
 * neurons_experiment_get_checkpoints:
 *
 * Returns: (transfer none): the checkpoints of the run, oldest first
 */
NeuronsCheckpoints *
neurons_experiment_get_checkpoints (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), NULL);

  return self->checkpoints;
}

gboolean
neurons_experiment_get_rewound (NeuronsExperiment *self)
{
  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (self), FALSE);

  return self->rewound;
}

/**
 * neurons_experiment_rewind:
 * @index: a checkpoint, counting from the oldest
 *
 * Pauses training and shows the network as it was at that checkpoint, in every view. The
 * newest moment is kept as a checkpoint first, so neurons_experiment_return_to_newest()
 * brings it back exactly. Play or Step trains on from the checkpoint.
 */
void
neurons_experiment_rewind (NeuronsExperiment *self,
                           guint              index)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  NeuronsCheckpoint checkpoint;
  guint length;

  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));

  neurons_experiment_pause (self);
  if (neurons_network_model_get_diverged (self->net))
    return;

  if (!self->rewound
      && neurons_checkpoints_find (self->checkpoints, neurons_network_model_get_samples_seen (self->net)) < 0)
    {
      g_autoptr(NeuronsOptimizerState) state = NULL;
      NeuronsTrainingOptions options;

      neurons_experiment_get_training_options (self, &options);
      if (self->trainer != NULL)
        state = neurons_trainer_copy_optimizer_state (self->trainer);
      neurons_checkpoints_record_training (self->checkpoints, neurons_network_model_get_mlp (self->net),
                                           neurons_network_model_get_samples_seen (self->net),
                                           neurons_network_model_get_running_cost (self->net),
                                           neurons_network_model_get_learning_rate (self->net),
                                           &options, state, epoch_size (self));
    }

  length = neurons_checkpoints_get_length (self->checkpoints);
  index = MIN (index, length - 1);
  if (!neurons_checkpoints_get (self->checkpoints, index, &checkpoint, mlp))
    return;

  neurons_network_model_restore (self->net, mlp, checkpoint.samples_seen, checkpoint.running_cost);
  /* The trainer goes on as the run did from there: its options, its optimiser where it was */
  if (self->trainer != NULL)
    {
      g_autoptr(NeuronsOptimizerState) state = neurons_optimizer_state_new ();

      neurons_checkpoints_get_optimizer_state (self->checkpoints, index, state);
      neurons_trainer_set_training_options (self->trainer, &checkpoint.options);
      neurons_trainer_set_optimizer_state (self->trainer, state);
    }
  set_rewound (self, index + 1 < length);
  if (self->input_source == NEURONS_INPUT_SOURCE_TRAINING && self->training_set != NULL)
    show_next_sample (self);
  checkpoints_changed (self);
}

/**
 * neurons_experiment_return_to_newest:
 *
 * After a rewind, back to the newest moment of the run, paused.
 */
void
neurons_experiment_return_to_newest (NeuronsExperiment *self)
{
  guint length;

  g_return_if_fail (NEURONS_IS_EXPERIMENT (self));

  length = neurons_checkpoints_get_length (self->checkpoints);
  if (self->rewound && length > 0)
    neurons_experiment_rewind (self, length - 1);
}
