/* neurons-trainer.c: the SGD loop run on a worker thread, at a chosen speed, shown as it goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-trainer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-network-model-private.h"
#include "neurons-trainer.h"
#include "neurons-sgd.h"

/*
 * Training runs on a worker thread with its own copy of the weights. The main thread never
 * waits for it and it never waits for the main thread: at most once per frame the worker
 * copies a consistent picture of its state into the `pending` queue and, if none is queued
 * yet, asks the main loop to apply it to the NeuronsNetworkModel. A newer summary replaces one the
 * main loop has not taken yet, so a slow main loop just gets the newer picture later; single
 * steps are never dropped that way, since each is shown by itself. Slowly (≤ NEURONS_SPEED_STEPWISE_LIMIT samples/s) every step is published by
 * itself, with the weights before it and its errors, so a view can show its three phases.
 *
 * While paused, the NeuronsNetworkModel's weights are the truth: play() copies them to the
 * worker, pause() joins the worker and publishes its final state, and single steps run on
 * the main thread through neurons_network_model_train_sgd_step(), with the same loop.
 *
 * With a checkpoint store, the worker keeps a copy of its whole training state at each
 * checkpoint the schedule names: a batch ends there, so the copy is of exactly that moment,
 * and the store reuses the memory of thinned checkpoints, so a checkpoint is one memcpy.
 */

#define FRAME_USEC            (G_USEC_PER_SEC / 60)
/* At full speed, samples between looks at the clock and the pause flag (well under 1 ms). */
#define BATCH_SAMPLES         256
/* Single steps waiting for a busy main loop; beyond this the oldest are shown no more. */
#define MAX_QUEUED_STEPS      64

struct _NeuronsTrainer
{
  GObject           parent_instance;

  NeuronsNetworkModel *net;
  NeuronsDataset   *dataset;
  GThread          *thread;
  guint             finish_source;
  guint             publish_source;
  guint64           epoch;
  gboolean          running;

  /* Shared with the worker, under mutex */
  GMutex            mutex;
  GCond             cond;
  gboolean          stop_requested;
  gboolean          worker_done;
  double            speed;
  float             learning_rate;
  double            throughput;
  GQueue            pending;       /* of NeuronsSnapshot, oldest first */

  /* The worker's own; the main thread touches them only while no worker runs */
  NeuronsMlp       *work;
  NeuronsSgd       *sgd;           /* the run: which sample is next, the running cost, the
                                    * training options and the optimiser's state */
  NeuronsSnapshot  *last_good;     /* what was last published, to fall back to on divergence */
  guint64           remaining;     /* samples left in a bounded run; G_MAXUINT64 when unbounded */
  NeuronsCheckpoints *checkpoints; /* (nullable) where the run's checkpoints go */
  guint64           next_checkpoint; /* the sample count of the next one */
};

G_DEFINE_FINAL_TYPE (NeuronsTrainer, neurons_trainer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NET,
  PROP_RUNNING,
  PROP_SPEED,
  PROP_EPOCH,
  PROP_THROUGHPUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void stop_worker (NeuronsTrainer *self,
                         gboolean        publish);

/* The dataset index of the training sample number `sample` (counting from the first). */
static guint
sample_at (NeuronsTrainer *self,
           guint64         sample)
{
  return neurons_sgd_sample_index (self->sgd, sample);
}

static void
fill_snapshot (NeuronsTrainer  *self,
               NeuronsSnapshot *snapshot,
               guint            index)
{
  const guint8 *pixels = neurons_dataset_image (self->dataset, index);

  memcpy (&snapshot->mlp, self->work, sizeof snapshot->mlp);
  memcpy (snapshot->input_pixels, pixels, sizeof snapshot->input_pixels);
  neurons_mlp_forward (self->work, pixels, &snapshot->forward);
  snapshot->samples_seen = self->sgd->samples_seen;
  snapshot->sample_index = index;
  snapshot->label = self->dataset->labels[index];
  snapshot->running_cost = self->sgd->running_cost;
  snapshot->single = FALSE;
  snapshot->diverged = FALSE;
}

/* The next checkpoint due after this many samples, or never without a store. */
static guint64
next_checkpoint (NeuronsTrainer *self,
                 guint64         samples_seen)
{
  if (self->checkpoints == NULL)
    return G_MAXUINT64;
  return neurons_checkpoints_next_due (self->checkpoints, samples_seen, self->dataset->n_images);
}

/* Keeps the training state, the optimiser's with it, if a checkpoint is due now. */
static void
keep_checkpoint (NeuronsTrainer   *self,
                 const NeuronsMlp *mlp,
                 guint64           samples_seen,
                 double            running_cost,
                 float             learning_rate)
{
  if (self->checkpoints == NULL || samples_seen != self->next_checkpoint)
    return;

  neurons_checkpoints_record_training (self->checkpoints, mlp, samples_seen, running_cost, learning_rate,
                                       &self->sgd->options, neurons_sgd_get_optimizer_state (self->sgd),
                                       self->dataset->n_images);
  self->next_checkpoint = next_checkpoint (self, samples_seen);
}

/* Main thread: shows a snapshot in the network, and keeps the epoch in step with it. */
static void
apply_snapshot (NeuronsTrainer        *self,
                const NeuronsSnapshot *snapshot)
{
  guint64 epoch = snapshot->samples_seen / self->dataset->n_images;

  neurons_network_model_apply_snapshot (self->net, snapshot);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THROUGHPUT]);
  if (epoch != self->epoch)
    {
      self->epoch = epoch;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPOCH]);
    }
}

/* Applies every queued snapshot, oldest first, and empties the queue. */
static void
apply_queue (NeuronsTrainer *self,
             GQueue         *queue)
{
  NeuronsSnapshot *snapshot;

  while ((snapshot = g_queue_pop_head (queue)) != NULL)
    {
      apply_snapshot (self, snapshot);
      neurons_snapshot_free (snapshot);
    }
}

static gboolean
apply_pending (gpointer user_data)
{
  NeuronsTrainer *self = user_data;
  GQueue queue;

  g_mutex_lock (&self->mutex);
  queue = self->pending;
  g_queue_init (&self->pending);
  self->publish_source = 0;
  g_mutex_unlock (&self->mutex);

  apply_queue (self, &queue);

  return G_SOURCE_REMOVE;
}

/* Worker side: queues a snapshot. A summary not yet taken is superseded by the next one; single
 * steps stay, up to a bound that only a stalled main loop reaches. */
static void
publish (NeuronsTrainer  *self,
         NeuronsSnapshot *snapshot)
{
  NeuronsSnapshot *tail;

  g_mutex_lock (&self->mutex);
  tail = g_queue_peek_tail (&self->pending);
  if (tail != NULL && !tail->single)
    neurons_snapshot_free (g_queue_pop_tail (&self->pending));
  g_queue_push_tail (&self->pending, snapshot);
  while (self->pending.length > MAX_QUEUED_STEPS)
    neurons_snapshot_free (g_queue_pop_head (&self->pending));
  if (self->publish_source == 0)
    self->publish_source = g_idle_add_full (G_PRIORITY_DEFAULT, apply_pending, self, NULL);
  g_mutex_unlock (&self->mutex);
}

static gboolean
finish_run (gpointer user_data)
{
  NeuronsTrainer *self = user_data;

  self->finish_source = 0;
  stop_worker (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Waits until `deadline` or a stop request; returns FALSE when asked to stop. */
static gboolean
wait_until (NeuronsTrainer *self,
            gint64          deadline)
{
  gboolean go_on;

  g_mutex_lock (&self->mutex);
  while (!self->stop_requested && g_get_monotonic_time () < deadline)
    g_cond_wait_until (&self->cond, &self->mutex, deadline);
  go_on = !self->stop_requested;
  g_mutex_unlock (&self->mutex);

  return go_on;
}

/* Reads what the main thread controls; FALSE when it asks the worker to stop. */
static gboolean
read_controls (NeuronsTrainer *self,
               double         *speed,
               float          *learning_rate)
{
  gboolean stop;

  g_mutex_lock (&self->mutex);
  stop = self->stop_requested;
  *speed = self->speed;
  *learning_rate = self->learning_rate;
  g_mutex_unlock (&self->mutex);

  return !stop;
}

/* Paced: naps until the next sample is due; FALSE when asked to stop meanwhile. */
static gboolean
wait_for_next_sample (NeuronsTrainer *self,
                      double          speed,
                      gint64         *next_due)
{
  if (!wait_until (self, *next_due))
    return FALSE;

  *next_due = MAX (*next_due + (gint64) (G_USEC_PER_SEC / speed), g_get_monotonic_time () - FRAME_USEC);
  return TRUE;
}

/* Stepwise: one step, published by itself with the weights before it and what it did. FALSE
 * if it diverged. */
static gboolean
train_shown_step (NeuronsTrainer *self,
                  float           learning_rate)
{
  NeuronsSnapshot *snapshot = neurons_snapshot_new ();
  guint index = sample_at (self, self->sgd->samples_seen);

  memcpy (&snapshot->previous, self->work, sizeof snapshot->previous);
  if (!neurons_sgd_step (self->sgd, self->work, learning_rate, &snapshot->forward, &snapshot->backward))
    {
      neurons_snapshot_free (snapshot);
      return FALSE;
    }
  self->remaining--;

  memcpy (&snapshot->mlp, self->work, sizeof snapshot->mlp);
  memcpy (snapshot->input_pixels, neurons_dataset_image (self->dataset, index), sizeof snapshot->input_pixels);
  snapshot->samples_seen = self->sgd->samples_seen;
  snapshot->sample_index = index;
  snapshot->label = self->dataset->labels[index];
  snapshot->running_cost = self->sgd->running_cost;
  snapshot->single = TRUE;
  snapshot->diverged = FALSE;
  memcpy (self->last_good, snapshot, sizeof *snapshot);
  publish (self, snapshot);
  keep_checkpoint (self, self->work, self->sgd->samples_seen, self->sgd->running_cost, learning_rate);
  return TRUE;
}

/* Samples per second, measured over half-second spans. */
typedef struct
{
  gint64  start;
  guint64 start_samples;
} Throughput;

static void
measure_throughput (NeuronsTrainer *self,
                    Throughput     *rate,
                    gint64          now)
{
  if (now - rate->start < G_USEC_PER_SEC / 2)
    return;

  g_mutex_lock (&self->mutex);
  self->throughput = (self->sgd->samples_seen - rate->start_samples) * (double) G_USEC_PER_SEC / (now - rate->start);
  g_mutex_unlock (&self->mutex);
  rate->start = now;
  rate->start_samples = self->sgd->samples_seen;
}

/* A summary of every step since the last one published. */
static void
publish_summary (NeuronsTrainer *self)
{
  NeuronsSnapshot *snapshot = neurons_snapshot_new ();

  fill_snapshot (self, snapshot, sample_at (self, self->sgd->samples_seen - 1));
  memcpy (self->last_good, snapshot, sizeof *snapshot);
  publish (self, snapshot);
}

/* After divergence: back to the last published weights, which were finite, and report it. */
static void
roll_back (NeuronsTrainer *self)
{
  NeuronsSnapshot *snapshot = neurons_snapshot_new ();

  memcpy (snapshot, self->last_good, sizeof *snapshot);
  memcpy (self->work, &snapshot->mlp, sizeof *self->work);
  neurons_sgd_resume (self->sgd, self->sgd->seed, snapshot->samples_seen, snapshot->running_cost);
  snapshot->diverged = TRUE;
  publish (self, snapshot);
}

/*
 * The worker thread: runs the SGD loop until asked to stop, the bounded run is done or it
 * diverges. At full speed it trains in batches and publishes a summary at most once a frame;
 * paced, it trains one sample when it is due; stepwise, it publishes every step by itself.
 */
static gpointer
worker_main (gpointer user_data)
{
  NeuronsTrainer *self = user_data;
  gint64 last_publish = g_get_monotonic_time ();
  gint64 next_due = last_publish;
  Throughput rate = { last_publish, self->sgd->samples_seen };
  gboolean diverged = FALSE;
  double speed;
  float learning_rate;

  if (read_controls (self, &speed, &learning_rate) && self->checkpoints != NULL
      && neurons_checkpoints_is_due (self->checkpoints, self->sgd->samples_seen, self->dataset->n_images))
    {
      self->next_checkpoint = self->sgd->samples_seen;
      keep_checkpoint (self, self->work, self->sgd->samples_seen, self->sgd->running_cost, learning_rate);
    }

  while (read_controls (self, &speed, &learning_rate) && self->remaining > 0)
    {
      gboolean paced = speed > NEURONS_SPEED_MAX;
      /* a batch ends at the next checkpoint, so that it keeps exactly that moment */
      guint batch = paced ? 1 : (guint) MIN (MIN (BATCH_SAMPLES, self->remaining),
                                             self->next_checkpoint - self->sgd->samples_seen);
      gint64 now;

      if (paced && !wait_for_next_sample (self, speed, &next_due))
        break;

      if (paced && speed <= NEURONS_SPEED_STEPWISE_LIMIT)
        {
          diverged = !train_shown_step (self, learning_rate);
          if (diverged)
            break;
          last_publish = g_get_monotonic_time ();
          continue;
        }

      diverged = !neurons_sgd_train (self->sgd, self->work, learning_rate, batch);
      if (diverged)
        break;
      self->remaining -= batch;
      keep_checkpoint (self, self->work, self->sgd->samples_seen, self->sgd->running_cost, learning_rate);

      now = g_get_monotonic_time ();
      measure_throughput (self, &rate, now);
      if (now - last_publish >= FRAME_USEC)
        {
          publish_summary (self);
          last_publish = now;
        }
    }

  if (diverged)
    roll_back (self);

  g_mutex_lock (&self->mutex);
  self->worker_done = TRUE;
  g_mutex_unlock (&self->mutex);

  /* A run that ended by itself (a bounded run, or divergence) is wound up on the main thread. */
  if (self->remaining == 0 || diverged)
    g_idle_add_full (G_PRIORITY_DEFAULT, finish_run, g_object_ref (self), g_object_unref);

  return NULL;
}

static void
set_running (NeuronsTrainer *self,
             gboolean        running)
{
  if (self->running != running)
    {
      self->running = running;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

/* Joins the worker. With publish, its final state becomes the network's; without, it is
 * dropped (the network was given new weights meanwhile). */
static void
stop_worker (NeuronsTrainer *self,
             gboolean        publish_final)
{
  GQueue queue;
  gboolean diverged;

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->stop_requested = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_thread_join (g_steal_pointer (&self->thread));

  g_mutex_lock (&self->mutex);
  queue = self->pending;
  g_queue_init (&self->pending);
  g_mutex_unlock (&self->mutex);

  if (!publish_final)
    {
      g_queue_clear_full (&queue, (GDestroyNotify) neurons_snapshot_free);
      set_running (self, FALSE);
      return;
    }

  diverged = queue.tail != NULL && ((NeuronsSnapshot *) queue.tail->data)->diverged;
  apply_queue (self, &queue);

  /* Steps the worker took after its last snapshot */
  if (!diverged && self->sgd->samples_seen != neurons_network_model_get_samples_seen (self->net))
    {
      g_autoptr(NeuronsSnapshot) final = neurons_snapshot_new ();

      fill_snapshot (self, final, sample_at (self, self->sgd->samples_seen - 1));
      apply_snapshot (self, final);
    }

  set_running (self, FALSE);
}

static void
on_net_reset (NeuronsTrainer   *self,
              NeuronsNetworkModel *net)
{
  gboolean was_running = self->running;

  /* The worker's weights are stale now: drop them, and go on from the new ones with a fresh
   * optimiser. */
  stop_worker (self, FALSE);
  neurons_sgd_set_optimizer_state (self->sgd, NULL);
  if (was_running && self->remaining > 0)
    neurons_trainer_play (self);
}

static void
on_net_learning_rate (NeuronsTrainer   *self,
                      GParamSpec       *pspec,
                      NeuronsNetworkModel *net)
{
  g_mutex_lock (&self->mutex);
  self->learning_rate = (float) neurons_network_model_get_learning_rate (net);
  g_mutex_unlock (&self->mutex);
}

static void
neurons_trainer_dispose (GObject *object)
{
  NeuronsTrainer *self = (NeuronsTrainer *) object;

  stop_worker (self, FALSE);
  g_clear_handle_id (&self->finish_source, g_source_remove);
  g_clear_handle_id (&self->publish_source, g_source_remove);
  g_clear_object (&self->net);

  G_OBJECT_CLASS (neurons_trainer_parent_class)->dispose (object);
}

static void
neurons_trainer_finalize (GObject *object)
{
  NeuronsTrainer *self = (NeuronsTrainer *) object;

  g_clear_pointer (&self->dataset, neurons_dataset_unref);
  g_clear_pointer (&self->work, neurons_mlp_free);
  g_clear_pointer (&self->sgd, neurons_sgd_free);
  g_clear_pointer (&self->last_good, neurons_snapshot_free);
  g_clear_pointer (&self->checkpoints, neurons_checkpoints_unref);
  g_queue_clear_full (&self->pending, (GDestroyNotify) neurons_snapshot_free);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (neurons_trainer_parent_class)->finalize (object);
}

static void
neurons_trainer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NeuronsTrainer *self = NEURONS_TRAINER (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, self->net);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_SPEED:
      g_value_set_double (value, neurons_trainer_get_speed (self));
      break;

    case PROP_EPOCH:
      g_value_set_uint64 (value, neurons_trainer_get_epoch (self));
      break;

    case PROP_THROUGHPUT:
      g_value_set_double (value, neurons_trainer_get_throughput (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_trainer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  NeuronsTrainer *self = NEURONS_TRAINER (object);

  switch (prop_id)
    {
    case PROP_SPEED:
      neurons_trainer_set_speed (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_trainer_class_init (NeuronsTrainerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = neurons_trainer_dispose;
  object_class->finalize = neurons_trainer_finalize;
  object_class->get_property = neurons_trainer_get_property;
  object_class->set_property = neurons_trainer_set_property;

  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Samples per second; NEURONS_SPEED_MAX (0) for as fast as it goes. */
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL,
                         0, 1e9, NEURONS_SPEED_MAX,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EPOCH] =
    g_param_spec_uint64 ("epoch", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Measured training samples per second while running. */
  properties[PROP_THROUGHPUT] =
    g_param_spec_double ("throughput", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
neurons_trainer_init (NeuronsTrainer *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->speed = NEURONS_SPEED_MAX;
  self->work = neurons_mlp_new ();
  self->last_good = neurons_snapshot_new ();
}

NeuronsTrainer *
neurons_trainer_new (NeuronsNetworkModel *net,
                     NeuronsDataset   *train)
{
  NeuronsTrainer *self;

  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (net), NULL);
  g_return_val_if_fail (train != NULL && train->n_images > 0, NULL);

  self = g_object_new (NEURONS_TYPE_TRAINER, NULL);
  self->net = g_object_ref (net);
  self->dataset = neurons_dataset_ref (train);
  self->sgd = neurons_sgd_new (train, neurons_network_model_get_seed (net), NEURONS_SAMPLE_ORDER_SHUFFLED);
  self->learning_rate = (float) neurons_network_model_get_learning_rate (net);
  self->epoch = neurons_network_model_get_samples_seen (net) / train->n_images;

  g_signal_connect_object (net, "reset", G_CALLBACK (on_net_reset), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (net, "notify::learning-rate", G_CALLBACK (on_net_learning_rate),
                           self, G_CONNECT_SWAPPED);

  return self;
}

NeuronsNetworkModel *
neurons_trainer_get_net (NeuronsTrainer *self)
{
  g_return_val_if_fail (NEURONS_IS_TRAINER (self), NULL);

  return self->net;
}

NeuronsDataset *
neurons_trainer_get_dataset (NeuronsTrainer *self)
{
  g_return_val_if_fail (NEURONS_IS_TRAINER (self), NULL);

  return self->dataset;
}

/* Trains on another dataset from now on (the sample order is that of the new one). */
void
neurons_trainer_set_dataset (NeuronsTrainer *self,
                             NeuronsDataset *train)
{
  g_autoptr(NeuronsOptimizerState) state = NULL;
  NeuronsTrainingOptions options;
  gboolean was_running;

  g_return_if_fail (NEURONS_IS_TRAINER (self));
  g_return_if_fail (train != NULL && train->n_images > 0);

  if (train == self->dataset)
    return;

  was_running = self->running;
  stop_worker (self, TRUE);
  options = self->sgd->options;
  state = neurons_optimizer_state_copy (neurons_sgd_get_optimizer_state (self->sgd));
  g_clear_pointer (&self->dataset, neurons_dataset_unref);
  g_clear_pointer (&self->sgd, neurons_sgd_free);
  self->dataset = neurons_dataset_ref (train);
  self->sgd = neurons_sgd_new (train, neurons_network_model_get_seed (self->net), NEURONS_SAMPLE_ORDER_SHUFFLED);
  neurons_sgd_set_options (self->sgd, &options);
  neurons_sgd_set_optimizer_state (self->sgd, state);
  if (was_running)
    neurons_trainer_play (self);
}

void
neurons_trainer_get_training_options (NeuronsTrainer         *self,
                                      NeuronsTrainingOptions *options)
{
  g_return_if_fail (NEURONS_IS_TRAINER (self));
  g_return_if_fail (options != NULL);

  *options = self->sgd->options;
}

/*
 * How to train from the next sample on (options->output is the network's, and ignored here).
 * A change of optimiser, of its constants or of the batch size starts the optimiser afresh;
 * training that runs goes on with the new options.
 */
void
neurons_trainer_set_training_options (NeuronsTrainer               *self,
                                      const NeuronsTrainingOptions *options)
{
  NeuronsTrainingOptions before;
  gboolean was_running;

  g_return_if_fail (NEURONS_IS_TRAINER (self));
  g_return_if_fail (options != NULL);
  g_return_if_fail (neurons_training_options_validate (options, NULL));

  before = self->sgd->options;
  if (neurons_training_options_equal (&before, options))
    return;

  was_running = self->running;
  stop_worker (self, TRUE);
  neurons_sgd_set_options (self->sgd, options);
  if (before.optimizer != options->optimizer || before.batch_size != options->batch_size
      || before.momentum != options->momentum || before.beta2 != options->beta2
      || before.epsilon != options->epsilon)
    neurons_sgd_set_optimizer_state (self->sgd, NULL);
  if (was_running)
    neurons_trainer_play (self);
}

/* Where the optimiser is, for a checkpoint: a copy, taken between runs of the worker. */
NeuronsOptimizerState *
neurons_trainer_copy_optimizer_state (NeuronsTrainer *self)
{
  g_return_val_if_fail (NEURONS_IS_TRAINER (self), NULL);
  g_return_val_if_fail (!self->running, NULL);

  return neurons_optimizer_state_copy (neurons_sgd_get_optimizer_state (self->sgd));
}

/* Goes on from a copied state (NULL: afresh), between runs of the worker. */
void
neurons_trainer_set_optimizer_state (NeuronsTrainer              *self,
                                     const NeuronsOptimizerState *state)
{
  g_return_if_fail (NEURONS_IS_TRAINER (self));
  g_return_if_fail (!self->running);

  neurons_sgd_set_optimizer_state (self->sgd, state);
}

gboolean
neurons_trainer_get_running (NeuronsTrainer *self)
{
  g_return_val_if_fail (NEURONS_IS_TRAINER (self), FALSE);

  return self->running;
}

double
neurons_trainer_get_speed (NeuronsTrainer *self)
{
  double speed;

  g_return_val_if_fail (NEURONS_IS_TRAINER (self), 0);

  g_mutex_lock (&self->mutex);
  speed = self->speed;
  g_mutex_unlock (&self->mutex);

  return speed;
}

void
neurons_trainer_set_speed (NeuronsTrainer *self,
                           double          samples_per_second)
{
  g_return_if_fail (NEURONS_IS_TRAINER (self));
  g_return_if_fail (samples_per_second >= 0 && isfinite (samples_per_second));

  g_mutex_lock (&self->mutex);
  if (self->speed == samples_per_second)
    {
      g_mutex_unlock (&self->mutex);
      return;
    }
  self->speed = samples_per_second;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

guint64
neurons_trainer_get_epoch (NeuronsTrainer *self)
{
  g_return_val_if_fail (NEURONS_IS_TRAINER (self), 0);

  return self->epoch;
}

double
neurons_trainer_get_throughput (NeuronsTrainer *self)
{
  double throughput;

  g_return_val_if_fail (NEURONS_IS_TRAINER (self), 0);

  g_mutex_lock (&self->mutex);
  throughput = self->running ? self->throughput : 0;
  g_mutex_unlock (&self->mutex);

  return throughput;
}

/* The run goes on from the network's weights, seed and samples seen. */
static void
resume_from_net (NeuronsTrainer *self)
{
  neurons_sgd_resume (self->sgd, neurons_network_model_get_seed (self->net),
                      neurons_network_model_get_samples_seen (self->net),
                      neurons_network_model_get_running_cost (self->net));
}

static void
start_worker (NeuronsTrainer *self,
              guint64         n_samples)
{
  g_assert (self->thread == NULL);

  if (neurons_network_model_get_diverged (self->net))
    return;

  memcpy (self->work, neurons_network_model_get_mlp (self->net), sizeof *self->work);
  resume_from_net (self);
  self->remaining = n_samples;
  self->next_checkpoint = next_checkpoint (self, self->sgd->samples_seen);
  /* If the very first batch diverges, fall back to where we started. */
  fill_snapshot (self, self->last_good, sample_at (self, self->sgd->samples_seen));
  memcpy (&self->last_good->previous, self->work, sizeof *self->work);

  self->stop_requested = FALSE;
  self->worker_done = FALSE;
  self->learning_rate = (float) neurons_network_model_get_learning_rate (self->net);
  self->thread = g_thread_new ("neurons-trainer", worker_main, self);
  set_running (self, TRUE);
}

/* Trains until paused. Does nothing while the network is diverged: reset it first. */
void
neurons_trainer_play (NeuronsTrainer *self)
{
  g_return_if_fail (NEURONS_IS_TRAINER (self));

  if (self->running)
    return;

  start_worker (self, G_MAXUINT64);
}

/* Stops training; when it returns, the network holds exactly the weights trained so far. */
void
neurons_trainer_pause (NeuronsTrainer *self)
{
  g_return_if_fail (NEURONS_IS_TRAINER (self));

  g_clear_handle_id (&self->finish_source, g_source_remove);
  stop_worker (self, TRUE);
}

/* Trains on exactly one more sample, on the main thread, and shows that step. */
void
neurons_trainer_step (NeuronsTrainer *self)
{
  g_return_if_fail (NEURONS_IS_TRAINER (self));

  neurons_trainer_pause (self);
  if (neurons_network_model_get_diverged (self->net))
    return;

  resume_from_net (self);
  neurons_network_model_train_sgd_step (self->net, self->sgd);
  if (self->checkpoints != NULL && !neurons_network_model_get_diverged (self->net))
    {
      guint64 samples_seen = neurons_network_model_get_samples_seen (self->net);

      if (samples_seen == 1)
        /* the moment before the first step, with a fresh optimiser */
        neurons_checkpoints_record_training (self->checkpoints, neurons_network_model_get_previous_mlp (self->net),
                                             0, 0, neurons_network_model_get_learning_rate (self->net),
                                             &self->sgd->options, NULL, self->dataset->n_images);
      self->next_checkpoint = samples_seen;
      if (neurons_checkpoints_is_due (self->checkpoints, samples_seen, self->dataset->n_images))
        keep_checkpoint (self, neurons_network_model_get_mlp (self->net), samples_seen,
                         neurons_network_model_get_running_cost (self->net),
                         (float) neurons_network_model_get_learning_rate (self->net));
    }

  if (self->epoch != neurons_network_model_get_samples_seen (self->net) / self->dataset->n_images)
    {
      self->epoch = neurons_network_model_get_samples_seen (self->net) / self->dataset->n_images;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPOCH]);
    }
}

/**
 * neurons_trainer_set_checkpoints:
 * @checkpoints: (nullable): where to keep the run's checkpoints, or %NULL to keep none
 *
 * From the next run on, the worker records a checkpoint whenever the schedule says so.
 */
void
neurons_trainer_set_checkpoints (NeuronsTrainer     *self,
                                 NeuronsCheckpoints *checkpoints)
{
  g_return_if_fail (NEURONS_IS_TRAINER (self));

  if (checkpoints == self->checkpoints)
    return;

  neurons_trainer_pause (self);
  g_clear_pointer (&self->checkpoints, neurons_checkpoints_unref);
  if (checkpoints != NULL)
    self->checkpoints = neurons_checkpoints_ref (checkpoints);
}

NeuronsCheckpoints *
neurons_trainer_get_checkpoints (NeuronsTrainer *self)
{
  g_return_val_if_fail (NEURONS_IS_TRAINER (self), NULL);

  return self->checkpoints;
}

/* Trains on n_samples more samples at the current speed, then stops by itself. */
void
neurons_trainer_run_samples (NeuronsTrainer *self,
                             guint64         n_samples)
{
  g_return_if_fail (NEURONS_IS_TRAINER (self));

  neurons_trainer_pause (self);
  if (n_samples > 0)
    start_worker (self, n_samples);
}
