/* neurons-evaluator.c: the test-set accuracy, the panel and their histories, measured off the main thread while training runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-evaluator"

#include "config.h"

#include <string.h>

#include "neurons-evaluator.h"

/*
 * Measures the network on the test set while it trains, without ever making the main thread
 * wait: each evaluation runs on a worker thread with its own copy of the weights, and its
 * results are applied on the main thread when it is done.
 *
 * When: at once on a reset; soon after the samples stop advancing (a pause, a single step);
 * and while they advance, at most every EVALUATION_INTERVAL_USEC, so that the measurement
 * takes a few percent of one core at full training speed. At most one evaluation of the
 * current weights runs at a time; one that finishes after a reset describes weights that are
 * gone, and the generation it carries tells it apart so that it is dropped.
 *
 * Silencing neurons (the network's lesion) is measured at once, as a new generation. While a
 * lesion is on, each evaluation also measures the intact network, so that what the lesion
 * costs each digit can be shown; that doubles its cost only while neurons are silenced.
 */

#define EVALUATION_INTERVAL_USEC (3 * G_USEC_PER_SEC / 2)
/* No new samples for this long means training paused or took a single step. */
#define SETTLE_USEC              (G_USEC_PER_SEC / 5)
#define HISTORY_CAPACITY         512

struct _NeuronsEvaluator
{
  GObject             parent_instance;

  NeuronsNetworkModel   *net;
  NeuronsDataset     *test;
  guint               n_panel;

  /* Scheduling */
  guint               generation;
  gboolean            dirty;           /* the weights changed since the last evaluation began */
  gboolean            in_flight;       /* an evaluation of this generation is running */
  gint64              last_start;
  gint64              last_change;
  guint64             last_samples_seen;
  guint               timeout_source;
  GCancellable       *cancellable;

  /* Results, valid when has_results */
  gboolean            has_results;
  guint64             samples_seen;
  NeuronsEvaluation   evaluation;
  NeuronsEvaluation   intact_evaluation;  /* with no neuron silenced */
  NeuronsLesion       lesion;          /* what evaluation silenced */
  guint8             *predictions;     /* (test->n_images) */
  NeuronsPanelSample  panel[NEURONS_PANEL_SIZE];   /* which images from the start */
  guint               panel_digit_correct[NEURONS_OUTPUT_SIZE];
  guint               panel_digit_total[NEURONS_OUTPUT_SIZE];
  guint               panel_correct;

  NeuronsHistory     *cost_history;
  NeuronsHistory     *panel_history;
  NeuronsHistory     *digit_histories[NEURONS_OUTPUT_SIZE];
  NeuronsHistory     *test_history;
  guint64             history_end;     /* the furthest point of the histories: a rewind to an
                                        * earlier checkpoint adds none before it */
};

G_DEFINE_FINAL_TYPE (NeuronsEvaluator, neurons_evaluator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NET,
  PROP_TEST_ACCURACY,
  PROP_PANEL_ACCURACY,
  PROP_TEST_SET,
  N_PROPS
};

enum {
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a worker thread gets and gives back. */
typedef struct
{
  guint               generation;
  guint64             samples_seen;
  NeuronsMlp         *mlp;
  NeuronsDataset     *test;
  guint               n_panel;
  NeuronsLesion       lesion;
  NeuronsEvaluation   evaluation;
  NeuronsEvaluation   intact_evaluation;
  guint8             *predictions;
  NeuronsPanelSample  panel[NEURONS_PANEL_SIZE];
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  neurons_mlp_free (job->mlp);
  neurons_dataset_unref (job->test);
  g_free (job->predictions);
  g_free (job);
}

static void schedule (NeuronsEvaluator *self);

/* Worker thread: the whole test set, then the panel's output activations. */
static void
evaluate_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Job *job = task_data;

  neurons_evaluate_lesioned (job->mlp, &job->lesion, job->test, &job->evaluation, job->predictions);
  if (neurons_lesion_is_empty (&job->lesion))
    job->intact_evaluation = job->evaluation;
  else
    neurons_evaluate (job->mlp, job->test, &job->intact_evaluation);

  for (guint p = 0; p < job->n_panel; p++)
    {
      NeuronsPanelSample *sample = &job->panel[p];
      NeuronsForward forward;

      neurons_lesion_forward (job->mlp, &job->lesion,
                              neurons_dataset_image (job->test, sample->test_index), &forward);
      sample->prediction = forward.prediction;
      memcpy (sample->outputs, forward.a3, sizeof sample->outputs);
    }

  g_task_return_boolean (task, TRUE);
}

static double
ratio (guint numerator,
       guint denominator)
{
  return denominator == 0 ? 0 : (double) numerator / denominator;
}

static void
apply_job (NeuronsEvaluator *self,
           Job              *job)
{
  gboolean had_results = self->has_results;
  double old_test_accuracy = neurons_evaluator_get_test_accuracy (self);
  double old_panel_accuracy = neurons_evaluator_get_panel_accuracy (self);

  self->has_results = TRUE;
  self->samples_seen = job->samples_seen;
  self->evaluation = job->evaluation;
  self->intact_evaluation = job->intact_evaluation;
  self->lesion = job->lesion;
  g_free (self->predictions);
  self->predictions = g_steal_pointer (&job->predictions);
  memcpy (self->panel, job->panel, sizeof self->panel);

  self->panel_correct = 0;
  memset (self->panel_digit_correct, 0, sizeof self->panel_digit_correct);
  memset (self->panel_digit_total, 0, sizeof self->panel_digit_total);
  for (guint p = 0; p < self->n_panel; p++)
    {
      const NeuronsPanelSample *sample = &self->panel[p];
      gboolean correct = sample->prediction == sample->label;

      self->panel_digit_total[sample->label]++;
      self->panel_digit_correct[sample->label] += correct;
      self->panel_correct += correct;
    }

  if (job->samples_seen >= self->history_end)
    {
      self->history_end = job->samples_seen;
      neurons_history_append (self->test_history, job->samples_seen,
                              neurons_evaluation_accuracy (&self->evaluation));
      neurons_history_append (self->panel_history, job->samples_seen,
                              ratio (self->panel_correct, self->n_panel));
      for (guint digit = 0; digit < NEURONS_OUTPUT_SIZE; digit++)
        neurons_history_append (self->digit_histories[digit], job->samples_seen,
                                ratio (self->panel_digit_correct[digit], self->panel_digit_total[digit]));
    }

  if (!had_results || old_test_accuracy != neurons_evaluator_get_test_accuracy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEST_ACCURACY]);
  if (!had_results || old_panel_accuracy != neurons_evaluator_get_panel_accuracy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_ACCURACY]);

  g_signal_emit (self, signals[UPDATED], 0);
}

static void
evaluation_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NeuronsEvaluator *self = NEURONS_EVALUATOR (object);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  /* The weights it measured were replaced by a reset meanwhile */
  if (job->generation != self->generation)
    return;

  self->in_flight = FALSE;
  apply_job (self, job);
  schedule (self);
}

static void
start_evaluation (NeuronsEvaluator *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_assert (!self->in_flight);

  job = g_new0 (Job, 1);
  job->generation = self->generation;
  job->samples_seen = neurons_network_model_get_samples_seen (self->net);
  job->mlp = neurons_mlp_copy (neurons_network_model_get_mlp (self->net));
  job->lesion = *neurons_network_model_get_lesion (self->net);
  job->test = neurons_dataset_ref (self->test);
  job->predictions = g_new (guint8, self->test->n_images);
  job->n_panel = self->n_panel;
  memcpy (job->panel, self->panel, sizeof job->panel);

  self->dirty = FALSE;
  self->in_flight = TRUE;
  self->last_start = g_get_monotonic_time ();

  task = g_task_new (self, self->cancellable, evaluation_done, NULL);
  g_task_set_source_tag (task, start_evaluation);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, evaluate_in_thread);
}

static gboolean
on_timeout (gpointer user_data)
{
  NeuronsEvaluator *self = user_data;

  self->timeout_source = 0;
  schedule (self);

  return G_SOURCE_REMOVE;
}

/* Starts an evaluation if one is due, or sets a timer for when it will be. */
static void
schedule (NeuronsEvaluator *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 due;

  g_clear_handle_id (&self->timeout_source, g_source_remove);

  if (!self->dirty || self->in_flight)
    return;

  due = MIN (self->last_change + SETTLE_USEC, self->last_start + EVALUATION_INTERVAL_USEC);
  if (now >= due)
    {
      start_evaluation (self);
      return;
    }

  self->timeout_source = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((due - now + 999) / 1000),
                                             on_timeout, self, NULL);
}

static void
on_net_changed (NeuronsEvaluator *self)
{
  guint64 samples_seen = neurons_network_model_get_samples_seen (self->net);

  if (samples_seen == self->last_samples_seen)
    return;

  self->last_samples_seen = samples_seen;
  self->last_change = g_get_monotonic_time ();
  self->dirty = TRUE;
  if (samples_seen > 0 && samples_seen > self->history_end)
    neurons_history_append (self->cost_history, samples_seen,
                            neurons_network_model_get_running_cost (self->net));
  schedule (self);
}

/* Measures again at once, dropping the evaluation under way: it silences other neurons. */
static void
on_lesion_changed (NeuronsEvaluator *self)
{
  self->generation++;
  self->in_flight = FALSE;
  self->dirty = TRUE;
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  start_evaluation (self);
}

/* Forgets every result and history and measures again: the weights were replaced, or the
 * test set was. */
static void
start_over (NeuronsEvaluator *self)
{
  self->generation++;
  self->in_flight = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->has_results = FALSE;
  self->samples_seen = 0;
  self->history_end = 0;
  g_clear_pointer (&self->predictions, g_free);
  neurons_history_clear (self->cost_history);
  neurons_history_clear (self->panel_history);
  neurons_history_clear (self->test_history);
  for (guint digit = 0; digit < NEURONS_OUTPUT_SIZE; digit++)
    neurons_history_clear (self->digit_histories[digit]);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEST_ACCURACY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_ACCURACY]);
  g_signal_emit (self, signals[UPDATED], 0);

  self->last_samples_seen = neurons_network_model_get_samples_seen (self->net);
  self->last_change = g_get_monotonic_time ();
  self->dirty = TRUE;
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  start_evaluation (self);
}

static void
neurons_evaluator_constructed (GObject *object)
{
  NeuronsEvaluator *self = (NeuronsEvaluator *) object;

  G_OBJECT_CLASS (neurons_evaluator_parent_class)->constructed (object);

  g_assert (self->net != NULL);

  g_signal_connect_object (self->net, "changed", G_CALLBACK (on_net_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->net, "reset", G_CALLBACK (start_over), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->net, "notify::lesion", G_CALLBACK (on_lesion_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
neurons_evaluator_dispose (GObject *object)
{
  NeuronsEvaluator *self = (NeuronsEvaluator *) object;

  g_clear_handle_id (&self->timeout_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->net != NULL)
    g_signal_handlers_disconnect_by_data (self->net, self);
  g_clear_object (&self->net);

  G_OBJECT_CLASS (neurons_evaluator_parent_class)->dispose (object);
}

static void
neurons_evaluator_finalize (GObject *object)
{
  NeuronsEvaluator *self = (NeuronsEvaluator *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->test, neurons_dataset_unref);
  g_clear_pointer (&self->predictions, g_free);
  g_clear_pointer (&self->cost_history, neurons_history_free);
  g_clear_pointer (&self->panel_history, neurons_history_free);
  g_clear_pointer (&self->test_history, neurons_history_free);
  for (guint digit = 0; digit < NEURONS_OUTPUT_SIZE; digit++)
    g_clear_pointer (&self->digit_histories[digit], neurons_history_free);

  G_OBJECT_CLASS (neurons_evaluator_parent_class)->finalize (object);
}

static void
neurons_evaluator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NeuronsEvaluator *self = NEURONS_EVALUATOR (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, self->net);
      break;

    case PROP_TEST_ACCURACY:
      g_value_set_double (value, neurons_evaluator_get_test_accuracy (self));
      break;

    case PROP_PANEL_ACCURACY:
      g_value_set_double (value, neurons_evaluator_get_panel_accuracy (self));
      break;

    case PROP_TEST_SET:
      g_value_set_pointer (value, self->test);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_evaluator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NeuronsEvaluator *self = NEURONS_EVALUATOR (object);

  switch (prop_id)
    {
    case PROP_NET:
      self->net = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_evaluator_class_init (NeuronsEvaluatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = neurons_evaluator_constructed;
  object_class->dispose = neurons_evaluator_dispose;
  object_class->finalize = neurons_evaluator_finalize;
  object_class->get_property = neurons_evaluator_get_property;
  object_class->set_property = neurons_evaluator_set_property;

  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEST_ACCURACY] =
    g_param_spec_double ("test-accuracy", NULL, NULL,
                         -1, 1, -1,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PANEL_ACCURACY] =
    g_param_spec_double ("panel-accuracy", NULL, NULL,
                         -1, 1, -1,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsEvaluator:test-set:
   *
   * The held-out images the network is measured on. When it changes, so does the test
   * panel: views that show the panel's images build them again.
   */
  properties[PROP_TEST_SET] =
    g_param_spec_pointer ("test-set", NULL, NULL,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NeuronsEvaluator::updated:
   *
   * New results arrived, or old ones were dropped because the network was reset (then
   * neurons_evaluator_has_results() is %FALSE until the next ones). The histories may also
   * have grown. Emitted on the main thread.
   */
  signals[UPDATED] =
    g_signal_new ("updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
neurons_evaluator_init (NeuronsEvaluator *self)
{
  self->cancellable = g_cancellable_new ();
  self->cost_history = neurons_history_new (HISTORY_CAPACITY);
  self->panel_history = neurons_history_new (HISTORY_CAPACITY);
  self->test_history = neurons_history_new (HISTORY_CAPACITY);
  for (guint digit = 0; digit < NEURONS_OUTPUT_SIZE; digit++)
    self->digit_histories[digit] = neurons_history_new (HISTORY_CAPACITY);
}

/* The test panel's images, chosen once for each test set. */
static void
choose_panel (NeuronsEvaluator *self)
{
  guint indices[NEURONS_PANEL_SIZE];

  memset (self->panel, 0, sizeof self->panel);
  self->n_panel = neurons_test_panel_indices (self->test, indices);
  for (guint p = 0; p < self->n_panel; p++)
    {
      self->panel[p].test_index = indices[p];
      self->panel[p].label = self->test->labels[indices[p]];
    }
}

/**
 * neurons_evaluator_new:
 * @net: the network to measure
 * @test: the held-out images, never trained on
 *
 * Starts measuring at once, and again whenever the network changes.
 *
 * Returns: (transfer full): a new evaluator
 */
NeuronsEvaluator *
neurons_evaluator_new (NeuronsNetworkModel *net,
                       NeuronsDataset   *test)
{
  NeuronsEvaluator *self;

  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (net), NULL);
  g_return_val_if_fail (test != NULL && test->n_images > 0, NULL);

  self = g_object_new (NEURONS_TYPE_EVALUATOR, "net", net, NULL);
  self->test = neurons_dataset_ref (test);
  choose_panel (self);
  self->last_samples_seen = neurons_network_model_get_samples_seen (net);
  self->dirty = TRUE;
  start_evaluation (self);

  return self;
}

NeuronsNetworkModel *
neurons_evaluator_get_net (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);

  return self->net;
}

NeuronsDataset *
neurons_evaluator_get_test_set (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);

  return self->test;
}

/**
 * neurons_evaluator_set_test_set:
 * @test: other held-out images, never trained on
 *
 * Measures the network on @test from now on, with a test panel chosen from it; the results
 * and histories so far, which describe the old test set, are dropped.
 */
void
neurons_evaluator_set_test_set (NeuronsEvaluator *self,
                                NeuronsDataset   *test)
{
  g_return_if_fail (NEURONS_IS_EVALUATOR (self));
  g_return_if_fail (test != NULL && test->n_images > 0);

  if (test == self->test)
    return;

  neurons_dataset_unref (self->test);
  self->test = neurons_dataset_ref (test);
  choose_panel (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEST_SET]);
  start_over (self);
}

gboolean
neurons_evaluator_has_results (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), FALSE);

  return self->has_results;
}

/* The training samples the network had seen when the current results were measured. */
guint64
neurons_evaluator_get_samples_seen (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), 0);

  return self->samples_seen;
}

/* The fraction of the whole test set classified right, or -1 until it is known. */
double
neurons_evaluator_get_test_accuracy (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), -1);

  return self->has_results ? neurons_evaluation_accuracy (&self->evaluation) : -1;
}

/* The fraction of the test panel classified right, or -1 until it is known. */
double
neurons_evaluator_get_panel_accuracy (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), -1);

  return self->has_results ? ratio (self->panel_correct, self->n_panel) : -1;
}

/* The fraction of the panel's images of one digit classified right, or -1. */
double
neurons_evaluator_get_panel_digit_accuracy (NeuronsEvaluator *self,
                                            guint             digit)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), -1);
  g_return_val_if_fail (digit < NEURONS_OUTPUT_SIZE, -1);

  return self->has_results ? ratio (self->panel_digit_correct[digit], self->panel_digit_total[digit]) : -1;
}

/* The whole test set's results, or NULL until they are known. */
const NeuronsEvaluation *
neurons_evaluator_get_evaluation (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);

  return self->has_results ? &self->evaluation : NULL;
}

/* The whole test set's results with no neuron silenced, or NULL until they are known; the
 * same as neurons_evaluator_get_evaluation() while no neuron is. */
const NeuronsEvaluation *
neurons_evaluator_get_intact_evaluation (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);

  return self->has_results ? &self->intact_evaluation : NULL;
}

/* The neurons the current results were measured with silenced. */
const NeuronsLesion *
neurons_evaluator_get_lesion (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);

  return &self->lesion;
}

/* Each test image's predicted digit, in test set order, or NULL until known. */
const guint8 *
neurons_evaluator_get_predictions (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);

  return self->has_results ? self->predictions : NULL;
}

/**
 * neurons_evaluator_get_panel:
 * @self: an evaluator
 * @n_samples: (out): how many (NEURONS_PANEL_SIZE for a real test set)
 *
 * The test panel, digit by digit. Which images it holds is known from the start; their
 * predictions and outputs only when neurons_evaluator_has_results() says so.
 *
 * Returns: (array length=n_samples): the panel
 */
const NeuronsPanelSample *
neurons_evaluator_get_panel (NeuronsEvaluator *self,
                             guint            *n_samples)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);
  g_return_val_if_fail (n_samples != NULL, NULL);

  *n_samples = self->n_panel;
  return self->panel;
}

/* The running cost against samples seen, recorded whenever the network publishes. */
const NeuronsHistory *
neurons_evaluator_get_cost_history (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);

  return self->cost_history;
}

const NeuronsHistory *
neurons_evaluator_get_panel_accuracy_history (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);

  return self->panel_history;
}

const NeuronsHistory *
neurons_evaluator_get_digit_accuracy_history (NeuronsEvaluator *self,
                                              guint             digit)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);
  g_return_val_if_fail (digit < NEURONS_OUTPUT_SIZE, NULL);

  return self->digit_histories[digit];
}

const NeuronsHistory *
neurons_evaluator_get_test_accuracy_history (NeuronsEvaluator *self)
{
  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), NULL);

  return self->test_history;
}

/* What a ranking's worker thread gets and gives back. */
typedef struct
{
  NeuronsMlp           *mlp;
  NeuronsDataset       *test;
  NeuronsLesionRanking  ranking;
} RankJob;

static void
rank_job_free (gpointer data)
{
  RankJob *job = data;

  neurons_mlp_free (job->mlp);
  neurons_dataset_unref (job->test);
  g_free (job);
}

static void
rank_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RankJob *job = task_data;

  neurons_lesion_rank (job->mlp, job->test, &job->ranking);
  g_task_return_boolean (task, TRUE);
}

/**
 * neurons_evaluator_rank_async:
 *
 * Silences each hidden neuron of the network as it is now, alone, on the whole test set, on
 * a worker thread; neurons_evaluator_rank_finish() gives the ranking.
 */
void
neurons_evaluator_rank_async (NeuronsEvaluator    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RankJob *job;

  g_return_if_fail (NEURONS_IS_EVALUATOR (self));

  job = g_new0 (RankJob, 1);
  job->mlp = neurons_mlp_copy (neurons_network_model_get_mlp (self->net));
  job->test = neurons_dataset_ref (self->test);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, neurons_evaluator_rank_async);
  g_task_set_task_data (task, job, rank_job_free);
  g_task_run_in_thread (task, rank_in_thread);
}

gboolean
neurons_evaluator_rank_finish (NeuronsEvaluator      *self,
                               GAsyncResult          *result,
                               NeuronsLesionRanking  *ranking,
                               GError               **error)
{
  RankJob *job;

  g_return_val_if_fail (NEURONS_IS_EVALUATOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (ranking != NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  *ranking = job->ranking;
  return TRUE;
}
