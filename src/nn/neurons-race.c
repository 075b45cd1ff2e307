/* neurons-race.c: two networks trained side by side on the same digits, and who learns faster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-race"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#endif

#include "neurons-display-names.h"
#include "neurons-enums.h"
#include "neurons-network-model-private.h"
#include "neurons-race.h"
#include "neurons-sgd.h"

/*
 * A race trains two networks, each on a worker thread of its own, on the same stream of
 * training samples: both runs share the dataset and the seed, so sample number s is the same
 * image for both. Networks whose initialisation agrees start from the same weights, since the
 * weights are drawn from the initialisation and the seed alone.
 *
 * Every `interval` samples both racers stop at a checkpoint, measure their network on the
 * test set and wait for each other there. Measuring all 10 000 test images costs as much as
 * training some 15 000 samples, so a race may measure its checkpoints on fewer, spread evenly
 * over the set; the last checkpoint, the one the winner is named at, is always measured on
 * all of them. The one that arrives second decides, from
 * both measurements, whether the race goes on; so the curves, the finish and the winner
 * depend on the settings and the seed only, never on how the threads were scheduled, and the
 * window shows exactly what `neurons-cli race` prints. The checkpoints reach the main thread
 * in order, through the main context; the networks' pictures are published to their
 * NeuronsNetworkModel at most once per frame, as the trainer does, so the views can follow.
 */

#define FRAME_USEC        (G_USEC_PER_SEC / 60)
/* How much the racers give way: two of them fill a two-core machine, and the window drawing
 * them must still get a frame out every 1/60 s. */
#define RACER_NICENESS    5
/* Samples between looks at the clock and the stop flag (well under 1 ms). */
#define BATCH_SAMPLES     256
#define HISTORY_CAPACITY  512

typedef struct
{
  NeuronsRace          *race;          /* not owned: the race joins the thread before it goes */
  NeuronsRaceSide       side;
  NeuronsRacerSettings  settings;
  NeuronsNetworkModel  *net;

  /* The worker's own; the main thread touches them only while no worker runs */
  GThread              *thread;
  NeuronsMlp           *work;
  NeuronsSgd           *sgd;
  NeuronsMlp           *last_good;     /* the weights last published, to show after divergence */
  gint64                last_publish;

  /* Under the race's mutex */
  NeuronsSnapshot      *pending;       /* the newest picture the main thread has not taken */
  double                accuracy;      /* at the last checkpoint */
  double                cost;
  gboolean              diverged;

  NeuronsHistory       *accuracy_history;
  NeuronsHistory       *cost_history;
} Racer;

struct _NeuronsRace
{
  GObject           parent_instance;

  NeuronsDataset   *train;
  NeuronsDataset   *test;
  guint64           seed;
  guint64           max_samples;
  double            target_accuracy;   /* 0 for none */
  guint64           interval;
  guint             measure_stride;    /* checkpoints measure every this-many-th test image */
  Racer             racers[NEURONS_RACE_N_SIDES];

  NeuronsRaceState  state;
  GArray           *checkpoints;       /* of NeuronsRaceCheckpoint, as the main thread saw them */
  int               winner;            /* a side, or -1 for a tie */
  char             *result;
  gint64            start_time;
  GMainContext     *context;
  GSource          *frame_source;      /* the pictures between checkpoints, while it runs */

  /* Shared with the workers */
  GMutex            mutex;
  GCond             cond;
  gboolean          stop_requested;
  gboolean          finished;          /* decided at the last checkpoint */
  guint             arrived;           /* racers waiting at the current checkpoint */
  guint64           generation;        /* checkpoints passed */
  GQueue            reached;           /* of NeuronsRaceCheckpoint, for the main thread */
  NeuronsRaceCheckpoint *last;         /* the last one, kept back until measured on all images */
  GSource          *deliver_source;    /* takes them there */
};

G_DEFINE_FINAL_TYPE (NeuronsRace, neurons_race, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_RESULT,
  N_PROPS
};

enum {
  CHECKPOINT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Settings */

/*
 * Adam's own learning rate in a race. Adam divides each step by a running measure of the
 * gradient's size, so its steps are about as long as its rate whatever the cost's scale: it
 * wants a rate some hundred times smaller than plain SGD's 0.3. Measured on the sigmoid
 * network, one sample at a time, 60 000 samples, seed 7: at 0.001 (PyTorch's default) Adam
 * reaches 92.6 % against SGD's 91.6 %; at 0.003 it is level with SGD (91.5 %) and at 0.01 it
 * overshoots (87.3 %). So 0.001, the rate a person would be told to start from.
 */
#define RACE_ADAM_LEARNING_RATE 0.001

/**
 * neurons_racer_settings_init:
 * @hidden_activation: the activation of the hidden layers
 *
 * The settings a network of this activation starts with in the window: its suggested
 * initialisation and its default learning rate, every training option off.
 */
void
neurons_racer_settings_init (NeuronsRacerSettings *settings,
                             NeuronsActivation     hidden_activation)
{
  g_return_if_fail (settings != NULL);

  memset (settings, 0, sizeof *settings);
  settings->hidden_activation = hidden_activation;
  settings->initialization = neurons_suggested_init (hidden_activation);
  neurons_training_options_init (&settings->options);
  settings->learning_rate = neurons_racer_suggested_learning_rate (hidden_activation, &settings->options);
}

/**
 * neurons_racer_suggested_learning_rate:
 *
 * Returns: the learning rate a racer of this activation and these options starts with: the
 *   activation's default, or Adam's own
 */
double
neurons_racer_suggested_learning_rate (NeuronsActivation             hidden_activation,
                                       const NeuronsTrainingOptions *options)
{
  g_return_val_if_fail (options != NULL, 0);

  if (options->optimizer == NEURONS_OPTIMIZER_ADAM)
    return RACE_ADAM_LEARNING_RATE;
  return neurons_default_learning_rate (hidden_activation);
}

/**
 * neurons_racer_settings_validate:
 *
 * Returns: whether a race can train with these settings; if not, @error says why
 */
gboolean
neurons_racer_settings_validate (const NeuronsRacerSettings  *settings,
                                 GError                     **error)
{
  NeuronsTrainingOptions options;

  g_return_val_if_fail (settings != NULL, FALSE);

  /* a schedule's span, unless given, is the race's, set when it starts */
  options = settings->options;
  if (options.schedule_samples == 0)
    options.schedule_samples = 1;

  return neurons_validate_learning_rate (settings->learning_rate, error)
         && neurons_training_options_validate (&options, error);
}

gboolean
neurons_racer_settings_equal (const NeuronsRacerSettings *a,
                              const NeuronsRacerSettings *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->hidden_activation == b->hidden_activation
         && a->initialization == b->initialization
         && a->learning_rate == b->learning_rate
         && neurons_training_options_equal (&a->options, &b->options);
}

static const char *
output_title (NeuronsOutput output)
{
  return output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY ? _("Cross-entropy") : _("Quadratic cost");
}

static const char *
optimizer_title (NeuronsOptimizer optimizer)
{
  switch (optimizer)
    {
    case NEURONS_OPTIMIZER_MOMENTUM:
      return _("Momentum");
    case NEURONS_OPTIMIZER_ADAM:
      return _("Adam");
    case NEURONS_OPTIMIZER_SGD:
    default:
      return _("SGD");
    }
}

static const char *
schedule_title (NeuronsSchedule schedule)
{
  switch (schedule)
    {
    case NEURONS_SCHEDULE_STEP:
      return _("Step decay");
    case NEURONS_SCHEDULE_COSINE:
      return _("Cosine schedule");
    case NEURONS_SCHEDULE_ONE_CYCLE:
      return _("One-cycle schedule");
    case NEURONS_SCHEDULE_CONSTANT:
    default:
      return _("Constant rate");
    }
}

static gboolean
augmented (const NeuronsTrainingOptions *options)
{
  return options->augment_shift > 0 || options->augment_rotate > 0 || options->augment_scale > 0;
}

static char *
learning_rate_title (double learning_rate)
{
  /* Translators: a network's learning rate, as in "Sigmoid · Xavier · rate 0.3" */
  return g_strdup_printf (_("rate %g"), learning_rate);
}

/**
 * neurons_racer_settings_describe:
 *
 * Returns: (transfer full): every setting, short, as written above the network: the
 *   activation, the initialisation and the rate, then each training option that is not off
 */
char *
neurons_racer_settings_describe (const NeuronsRacerSettings *settings)
{
  const NeuronsTrainingOptions *options;
  GString *description;
  g_autofree char *rate = NULL;

  g_return_val_if_fail (settings != NULL, NULL);

  options = &settings->options;
  rate = learning_rate_title (settings->learning_rate);
  description = g_string_new (NULL);
  g_string_append_printf (description, "%s · %s · %s",
                          neurons_activation_display_name (settings->hidden_activation),
                          neurons_init_display_name (settings->initialization), rate);

  if (options->output != NEURONS_OUTPUT_SIGMOID_QUADRATIC)
    g_string_append_printf (description, " · %s", output_title (options->output));
  if (options->optimizer != NEURONS_OPTIMIZER_SGD)
    g_string_append_printf (description, " · %s", optimizer_title (options->optimizer));
  if (options->optimizer != NEURONS_OPTIMIZER_SGD && options->momentum != 0.9)
    /* Translators: β of momentum, β₁ of Adam, when it is not 0.9 */
    g_string_append_printf (description, _(" · β %g"), options->momentum);
  if (options->batch_size > 1)
    /* Translators: samples per step, as in "ReLU · He · rate 0.003 · Adam · batch 32" */
    g_string_append_printf (description, _(" · batch %u"), options->batch_size);
  if (options->schedule != NEURONS_SCHEDULE_CONSTANT)
    g_string_append_printf (description, " · %s", schedule_title (options->schedule));
  if (options->l2 > 0)
    /* Translators: the L2 weight decay λ */
    g_string_append_printf (description, _(" · L2 %g"), options->l2);
  if (options->dropout > 0)
    /* Translators: the dropout probability */
    g_string_append_printf (description, _(" · dropout %g"), options->dropout);
  if (options->augment_shift > 0)
    /* Translators: random shifts of the training images, as in "shifts ±2 px" */
    g_string_append_printf (description, _(" · shifts ±%u px"), options->augment_shift);
  if (options->augment_rotate > 0)
    /* Translators: random rotations of the training images, as in "rotations ±10°" */
    g_string_append_printf (description, _(" · rotations ±%g°"), options->augment_rotate);
  if (options->augment_scale > 0)
    /* Translators: random scaling of the training images, as in "scaling ±0.1" */
    g_string_append_printf (description, _(" · scaling ±%g"), options->augment_scale);

  return g_string_free (description, FALSE);
}

const char *
neurons_race_preset_get_title (NeuronsRacePreset preset)
{
  switch (preset)
    {
    case NEURONS_RACE_PRESET_SGD_ADAM:
      return _("SGD vs Adam");
    case NEURONS_RACE_PRESET_QUADRATIC_CROSS_ENTROPY:
      return _("Quadratic vs Cross-Entropy");
    case NEURONS_RACE_PRESET_AUGMENTATION:
      return _("With and Without Augmentation");
    case NEURONS_RACE_PRESET_SIGMOID_RELU:
    default:
      return _("Sigmoid vs ReLU");
    }
}

/*
 * Each preset changes one idea of lesson 9 on the network the window starts with (sigmoid,
 * Xavier, rate 0.3, one sample at a time), so that the race shows what that idea does:
 *
 * - SGD vs Adam: both learn one sample at a time from the same weights, each at its own
 *   rate (Adam's is above). Batches would change two things at once: with batches of 32 Adam
 *   takes 32 times fewer steps in the same samples and, at 0.001, loses (90.8 % against
 *   91.6 %), which says more about the batch than about the optimiser.
 * - Quadratic vs cross-entropy: softmax with cross-entropy drops the σ′ factor (at most ¼)
 *   that damps the quadratic cost's gradient at the output, so the same rate takes steps up
 *   to four times longer: at 0.3 it overshoots (83.8 % against 91.6 %), at 0.1 it wins
 *   (92.8 %). Each at its own rate, as in the SGD vs Adam race.
 * - With and without augmentation: shifts of up to ±2 pixels, as in the reference runs. In a
 *   race of one epoch the shifted images are harder to learn and the plain ones win
 *   (91.6 % against 88.5 %); augmentation pays off over many epochs, when the plain network starts learning its
 *   training images by heart.
 */
void
neurons_race_preset_get_settings (NeuronsRacePreset     preset,
                                  NeuronsRacerSettings *a,
                                  NeuronsRacerSettings *b)
{
  g_return_if_fail (a != NULL && b != NULL);

  neurons_racer_settings_init (a, NEURONS_ACTIVATION_SIGMOID);
  neurons_racer_settings_init (b, NEURONS_ACTIVATION_SIGMOID);
  switch (preset)
    {
    case NEURONS_RACE_PRESET_SGD_ADAM:
      b->options.optimizer = NEURONS_OPTIMIZER_ADAM;
      b->learning_rate = neurons_racer_suggested_learning_rate (b->hidden_activation, &b->options);
      break;

    case NEURONS_RACE_PRESET_QUADRATIC_CROSS_ENTROPY:
      b->options.output = NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY;
      b->learning_rate = 0.1;
      break;

    case NEURONS_RACE_PRESET_AUGMENTATION:
      a->options.augment_shift = 2;
      break;

    case NEURONS_RACE_PRESET_SIGMOID_RELU:
    default:
      neurons_racer_settings_init (b, NEURONS_ACTIVATION_RELU);
      break;
    }
}

/* The workers */

/* A picture of the network for the views: the weights now, or after divergence, the last
 * finite ones, marked diverged. */
static void
publish_now (Racer *racer)
{
  NeuronsSnapshot *snapshot = neurons_snapshot_new ();
  NeuronsSgd *sgd = racer->sgd;
  guint index = neurons_sgd_sample_index (sgd, sgd->samples_seen > 0 ? sgd->samples_seen - 1 : 0);
  const guint8 *pixels = neurons_dataset_image (sgd->dataset, index);

  if (!racer->diverged)
    memcpy (racer->last_good, racer->work, sizeof *racer->last_good);
  memcpy (&snapshot->mlp, racer->last_good, sizeof snapshot->mlp);
  memcpy (&snapshot->previous, racer->last_good, sizeof snapshot->previous);
  memcpy (snapshot->input_pixels, pixels, sizeof snapshot->input_pixels);
  neurons_mlp_forward (racer->last_good, pixels, &snapshot->forward);
  snapshot->samples_seen = sgd->samples_seen;
  snapshot->sample_index = index;
  snapshot->label = sgd->dataset->labels[index];
  snapshot->running_cost = sgd->running_cost;
  snapshot->single = FALSE;
  snapshot->diverged = racer->diverged;

  g_mutex_lock (&racer->race->mutex);
  g_clear_pointer (&racer->pending, neurons_snapshot_free);
  racer->pending = snapshot;
  g_mutex_unlock (&racer->race->mutex);
  racer->last_publish = g_get_monotonic_time ();
}

static gboolean
stop_requested (NeuronsRace *self)
{
  gboolean stop;

  g_mutex_lock (&self->mutex);
  stop = self->stop_requested;
  g_mutex_unlock (&self->mutex);

  return stop;
}

/* Trains up to the next checkpoint; FALSE if asked to stop meanwhile. A racer that diverged
 * stays where it diverged. */
static gboolean
train_leg (Racer   *racer,
           guint64  checkpoint)
{
  float learning_rate = (float) racer->settings.learning_rate;

  while (!racer->diverged && racer->sgd->samples_seen < checkpoint)
    {
      guint64 batch = MIN (BATCH_SAMPLES, checkpoint - racer->sgd->samples_seen);

      if (!neurons_sgd_train (racer->sgd, racer->work, learning_rate, batch))
        racer->diverged = TRUE;
      else if (g_get_monotonic_time () - racer->last_publish >= FRAME_USEC)
        publish_now (racer);

      if (stop_requested (racer->race))
        return FALSE;
    }

  return TRUE;
}

/* The share of every stride-th test image the network gets right; with a stride of 1, the
 * accuracy neurons_evaluate() gives. */
static double
measure (const NeuronsMlp     *mlp,
         const NeuronsDataset *test,
         guint                 stride)
{
  guint correct = 0;
  guint measured = 0;

  for (guint s = 0; s < test->n_images; s += stride, measured++)
    correct += neurons_mlp_predict (mlp, neurons_dataset_image (test, s)) == test->labels[s];

  return (double) correct / measured;
}

/* The last racer at a checkpoint: both results are in, and whether the race ends there. */
static void
close_checkpoint (NeuronsRace *self,
                  guint64      checkpoint)
{
  NeuronsRaceCheckpoint *reached = g_new0 (NeuronsRaceCheckpoint, 1);
  gboolean target_reached = FALSE;
  gboolean any_diverged = FALSE;

  reached->samples_seen = checkpoint;
  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    {
      Racer *racer = &self->racers[side];

      reached->accuracy[side] = racer->accuracy;
      reached->cost[side] = racer->cost;
      reached->diverged[side] = racer->diverged;
      any_diverged |= racer->diverged;
      target_reached |= self->target_accuracy > 0 && racer->accuracy >= self->target_accuracy;
    }

  self->finished = checkpoint >= self->max_samples || target_reached || any_diverged;
  /* the last is measured again on every image before the main thread sees it */
  if (self->finished)
    self->last = reached;
  else
    g_queue_push_tail (&self->reached, reached);
  self->arrived = 0;
  self->generation++;
  g_cond_broadcast (&self->cond);
}

static gboolean deliver_checkpoints (gpointer user_data);

static gpointer
racer_main (gpointer user_data)
{
  Racer *racer = user_data;
  NeuronsRace *self = racer->race;
  guint64 checkpoint = 0;

#ifdef __linux__
  /* On Linux the nice value is the calling thread's own: the main thread keeps its own. */
  if (setpriority (PRIO_PROCESS, 0, RACER_NICENESS) != 0)
    g_debug ("The racer could not give way to the window: %s", g_strerror (errno));
#endif

  for (;;)
    {
      double accuracy;
      guint64 generation;
      gboolean go_on, last;

      checkpoint = MIN (checkpoint + self->interval, self->max_samples);
      if (!train_leg (racer, checkpoint))
        break;

      accuracy = measure (racer->work, self->test, checkpoint >= self->max_samples ? 1 : self->measure_stride);
      publish_now (racer);

      g_mutex_lock (&self->mutex);
      /* A diverged network guesses nothing right any more. */
      racer->accuracy = racer->diverged ? 0 : accuracy;
      racer->cost = racer->sgd->running_cost;
      generation = self->generation;
      if (++self->arrived == NEURONS_RACE_N_SIDES)
        {
          close_checkpoint (self, checkpoint);
          if (self->deliver_source == NULL)
            {
              self->deliver_source = g_idle_source_new ();
              g_source_set_priority (self->deliver_source, G_PRIORITY_DEFAULT);
              g_source_set_callback (self->deliver_source, deliver_checkpoints, self, NULL);
              g_source_attach (self->deliver_source, self->context);
            }
        }
      while (self->generation == generation && !self->stop_requested)
        g_cond_wait (&self->cond, &self->mutex);
      go_on = !self->finished && !self->stop_requested;
      /* whether or not the main thread, seeing the finish, asks the racers to stop meanwhile */
      last = self->finished;
      g_mutex_unlock (&self->mutex);

      /* A race that ends early, at the target, is judged on all images too. */
      if (last && checkpoint < self->max_samples && self->measure_stride > 1 && !racer->diverged)
        {
          accuracy = measure (racer->work, self->test, 1);
          g_mutex_lock (&self->mutex);
          self->last->accuracy[racer->side] = accuracy;
          g_mutex_unlock (&self->mutex);
        }

      if (!go_on)
        break;
    }

  return NULL;
}

/* The main thread */

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Stops the workers and waits for them; nothing reaches the main context from them after. */
static void
join_racers (NeuronsRace *self)
{
  g_mutex_lock (&self->mutex);
  self->stop_requested = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    if (self->racers[side].thread != NULL)
      g_thread_join (g_steal_pointer (&self->racers[side].thread));

  destroy_source (&self->deliver_source);
  destroy_source (&self->frame_source);
}

static char *
format_accuracy (double accuracy)
{
  /* Translators: an accuracy, as in "93.1 %"; German puts a no-break space before % */
  return g_strdup_printf (_("%.1f %%"), 100 * accuracy);
}

static char *
format_samples (guint64 samples)
{
  /* the locale's thousands separator: 60,000 in English, 60.000 in German */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, samples);
}

/* The sentence that ends the race, from its last checkpoint. */
static void
settle (NeuronsRace *self)
{
  const NeuronsRaceCheckpoint *last;
  g_autofree char *samples = NULL;
  g_autofree char *name_a = neurons_race_get_name (self, NEURONS_RACE_SIDE_A);
  g_autofree char *name_b = neurons_race_get_name (self, NEURONS_RACE_SIDE_B);
  const char *names[NEURONS_RACE_N_SIDES] = { name_a, name_b };

  g_clear_pointer (&self->result, g_free);
  if (self->checkpoints->len == 0)
    {
      self->winner = -1;
      self->result = g_strdup (_("The race was stopped before the first measurement."));
      return;
    }

  last = &g_array_index (self->checkpoints, NeuronsRaceCheckpoint, self->checkpoints->len - 1);
  samples = format_samples (last->samples_seen);

  if (last->diverged[NEURONS_RACE_SIDE_A] != last->diverged[NEURONS_RACE_SIDE_B])
    {
      int loser = last->diverged[NEURONS_RACE_SIDE_A] ? NEURONS_RACE_SIDE_A : NEURONS_RACE_SIDE_B;

      self->winner = 1 - loser;
      /* Translators: "ReLU won: Sigmoid diverged after 12,000 samples" */
      self->result = g_strdup_printf (_("%s won: %s diverged after %s samples"),
                                      names[self->winner], names[loser], samples);
    }
  else if (last->diverged[NEURONS_RACE_SIDE_A])
    {
      self->winner = -1;
      self->result = g_strdup_printf (_("Both networks diverged after %s samples"), samples);
    }
  else if (last->accuracy[NEURONS_RACE_SIDE_A] == last->accuracy[NEURONS_RACE_SIDE_B])
    {
      g_autofree char *accuracy = format_accuracy (last->accuracy[NEURONS_RACE_SIDE_A]);

      self->winner = -1;
      self->result = g_strdup_printf (_("A tie: both reached %s after %s samples"), accuracy, samples);
    }
  else
    {
      int winner = last->accuracy[NEURONS_RACE_SIDE_B] > last->accuracy[NEURONS_RACE_SIDE_A];
      g_autofree char *won = format_accuracy (last->accuracy[winner]);
      g_autofree char *lost = format_accuracy (last->accuracy[1 - winner]);

      self->winner = winner;
      /* Translators: "ReLU won by 2.7 points: 93.1 % against 90.4 % after 60,000 samples" */
      self->result = g_strdup_printf (_("%s won by %.1f points: %s against %s after %s samples"),
                                      names[winner],
                                      100 * (last->accuracy[winner] - last->accuracy[1 - winner]),
                                      won, lost, samples);
    }
}

static void
set_state (NeuronsRace      *self,
           NeuronsRaceState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void take_checkpoints (NeuronsRace *self);

static void
finish (NeuronsRace *self)
{
  join_racers (self);
  /* what the workers reached and published before they stopped, and the last checkpoint */
  if (self->last != NULL)
    g_queue_push_tail (&self->reached, g_steal_pointer (&self->last));
  take_checkpoints (self);
  settle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  set_state (self, NEURONS_RACE_FINISHED);
}

/* Applies the newest pictures of both networks, so the views follow the race. */
static void
apply_pictures (NeuronsRace *self)
{
  NeuronsSnapshot *pictures[NEURONS_RACE_N_SIDES];

  g_mutex_lock (&self->mutex);
  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    pictures[side] = g_steal_pointer (&self->racers[side].pending);
  g_mutex_unlock (&self->mutex);

  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    if (pictures[side] != NULL)
      {
        neurons_network_model_apply_snapshot (self->racers[side].net, pictures[side]);
        neurons_snapshot_free (pictures[side]);
      }
}

/* Takes the checkpoints the workers reached, in order. */
static void
take_checkpoints (NeuronsRace *self)
{
  GQueue queue;
  NeuronsRaceCheckpoint *reached;

  g_mutex_lock (&self->mutex);
  queue = self->reached;
  g_queue_init (&self->reached);
  g_mutex_unlock (&self->mutex);

  while ((reached = g_queue_pop_head (&queue)) != NULL)
    {
      for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
        {
          neurons_history_append (self->racers[side].accuracy_history, reached->samples_seen,
                                  reached->accuracy[side]);
          neurons_history_append (self->racers[side].cost_history, reached->samples_seen,
                                  reached->cost[side]);
        }
      g_array_append_val (self->checkpoints, *reached);
      g_free (reached);

      g_signal_emit (self, signals[CHECKPOINT], 0, self->checkpoints->len - 1);
    }

  apply_pictures (self);
}

/* At the last checkpoint, the race is over. */
static gboolean
deliver_checkpoints (gpointer user_data)
{
  NeuronsRace *self = user_data;
  gboolean last;

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->deliver_source, g_source_unref);
  last = self->finished;
  g_mutex_unlock (&self->mutex);

  if (last)
    finish (self);
  else
    take_checkpoints (self);

  return G_SOURCE_REMOVE;
}

/* Between checkpoints the pictures come at most once a frame. */
static gboolean
on_frame (gpointer user_data)
{
  NeuronsRace *self = user_data;

  apply_pictures (self);
  return G_SOURCE_CONTINUE;
}

/* The object */

static void
neurons_race_dispose (GObject *object)
{
  NeuronsRace *self = (NeuronsRace *) object;

  join_racers (self);
  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    g_clear_object (&self->racers[side].net);

  G_OBJECT_CLASS (neurons_race_parent_class)->dispose (object);
}

static void
neurons_race_finalize (GObject *object)
{
  NeuronsRace *self = (NeuronsRace *) object;

  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    {
      Racer *racer = &self->racers[side];

      g_clear_pointer (&racer->work, neurons_mlp_free);
      g_clear_pointer (&racer->last_good, neurons_mlp_free);
      g_clear_pointer (&racer->sgd, neurons_sgd_free);
      g_clear_pointer (&racer->pending, neurons_snapshot_free);
      g_clear_pointer (&racer->accuracy_history, neurons_history_free);
      g_clear_pointer (&racer->cost_history, neurons_history_free);
    }
  g_queue_clear_full (&self->reached, g_free);
  g_clear_pointer (&self->last, g_free);
  g_clear_pointer (&self->checkpoints, g_array_unref);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->train, neurons_dataset_unref);
  g_clear_pointer (&self->test, neurons_dataset_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (neurons_race_parent_class)->finalize (object);
}

static void
neurons_race_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NeuronsRace *self = NEURONS_RACE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_race_class_init (NeuronsRaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = neurons_race_dispose;
  object_class->finalize = neurons_race_finalize;
  object_class->get_property = neurons_race_get_property;

  /**
   * NeuronsRace:state:
   *
   * Not started, running, or finished with a result.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       NEURONS_TYPE_RACE_STATE, NEURONS_RACE_READY,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsRace:result:
   *
   * Who won, by how much and after how many samples, in a sentence; %NULL until the race
   * is over.
   */
  properties[PROP_RESULT] =
    g_param_spec_string ("result", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NeuronsRace::checkpoint:
   * @index: the checkpoint's index, for neurons_race_get_checkpoint()
   *
   * Both networks were measured at the same sample count. Emitted on the main thread, in
   * order, before #NeuronsRace:state becomes finished.
   */
  signals[CHECKPOINT] =
    g_signal_new ("checkpoint",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
neurons_race_init (NeuronsRace *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->reached);
  self->checkpoints = g_array_new (FALSE, FALSE, sizeof (NeuronsRaceCheckpoint));
  self->max_samples = NEURONS_RACE_DEFAULT_SAMPLES;
  self->interval = NEURONS_RACE_DEFAULT_INTERVAL;
  self->measure_stride = 1;
  self->winner = -1;
}

/**
 * neurons_race_new:
 * @train: the training set both networks learn from
 * @test: the test set both are measured on
 * @a: the first network's settings
 * @b: the second's
 * @seed: of the starting weights and of the sample order, the same for both
 *
 * A race, ready to start, to the default finish: NEURONS_RACE_DEFAULT_SAMPLES samples,
 * measured every NEURONS_RACE_DEFAULT_INTERVAL.
 */
NeuronsRace *
neurons_race_new (NeuronsDataset             *train,
                  NeuronsDataset             *test,
                  const NeuronsRacerSettings *a,
                  const NeuronsRacerSettings *b,
                  guint64                     seed)
{
  const NeuronsRacerSettings *settings[NEURONS_RACE_N_SIDES] = { a, b };
  NeuronsRace *self;

  g_return_val_if_fail (train != NULL && train->n_images > 0, NULL);
  g_return_val_if_fail (test != NULL && test->n_images > 0, NULL);
  g_return_val_if_fail (a != NULL && b != NULL, NULL);
  g_return_val_if_fail (neurons_racer_settings_validate (a, NULL), NULL);
  g_return_val_if_fail (neurons_racer_settings_validate (b, NULL), NULL);

  self = g_object_new (NEURONS_TYPE_RACE, NULL);
  self->train = neurons_dataset_ref (train);
  self->test = neurons_dataset_ref (test);
  self->seed = seed;

  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    {
      Racer *racer = &self->racers[side];

      racer->race = self;
      racer->side = side;
      racer->settings = *settings[side];
      /* the same initialisation and seed draw the same weights, whatever the output layer */
      racer->net = neurons_network_model_new (racer->settings.hidden_activation,
                                              racer->settings.initialization, seed);
      neurons_network_model_set_output (racer->net, racer->settings.options.output);
      neurons_network_model_set_learning_rate (racer->net, racer->settings.learning_rate, NULL);
      racer->accuracy_history = neurons_history_new (HISTORY_CAPACITY);
      racer->cost_history = neurons_history_new (HISTORY_CAPACITY);
    }

  return self;
}

/**
 * neurons_race_set_finish:
 * @max_samples: the race ends when both networks have seen this many samples
 * @target_accuracy: or at the first checkpoint where either reaches this accuracy (0 to 1);
 *   0 for no such finish
 * @interval: samples between checkpoints, where both are measured on the test set
 *
 * Where the race ends. Only before it starts.
 */
void
neurons_race_set_finish (NeuronsRace *self,
                         guint64      max_samples,
                         double       target_accuracy,
                         guint64      interval)
{
  g_return_if_fail (NEURONS_IS_RACE (self));
  g_return_if_fail (self->state == NEURONS_RACE_READY);
  g_return_if_fail (max_samples > 0 && interval > 0);
  g_return_if_fail (target_accuracy >= 0 && target_accuracy <= 1);

  self->max_samples = max_samples;
  self->target_accuracy = target_accuracy;
  self->interval = interval;
}

/**
 * neurons_race_set_measured_images:
 * @n_images: how many test images each checkpoint is measured on, spread evenly over the
 *   set; 0 for all of them
 *
 * Fewer images measure faster and less precisely: 1 000 are within a point or so. The last
 * checkpoint, where the race is judged, is measured on all of them whatever this says. Only
 * before the race starts.
 */
void
neurons_race_set_measured_images (NeuronsRace *self,
                                  guint        n_images)
{
  g_return_if_fail (NEURONS_IS_RACE (self));
  g_return_if_fail (self->state == NEURONS_RACE_READY);

  self->measure_stride = n_images == 0 || n_images >= self->test->n_images ? 1 : self->test->n_images / n_images;
}

guint64
neurons_race_get_max_samples (NeuronsRace *self)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), 0);

  return self->max_samples;
}

double
neurons_race_get_target_accuracy (NeuronsRace *self)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), 0);

  return self->target_accuracy;
}

guint64
neurons_race_get_interval (NeuronsRace *self)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), 0);

  return self->interval;
}

/**
 * neurons_race_start:
 *
 * Starts both networks, each on a thread of its own. The checkpoints and the finish arrive
 * through the thread-default main context of the caller, which must run.
 */
void
neurons_race_start (NeuronsRace *self)
{
  g_return_if_fail (NEURONS_IS_RACE (self));
  g_return_if_fail (self->state == NEURONS_RACE_READY);

  self->context = g_main_context_ref_thread_default ();
  self->start_time = g_get_monotonic_time ();
  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    {
      Racer *racer = &self->racers[side];

      racer->work = neurons_mlp_copy (neurons_network_model_get_mlp (racer->net));
      racer->last_good = neurons_mlp_copy (racer->work);
      racer->sgd = neurons_sgd_new (self->train, self->seed, NEURONS_SAMPLE_ORDER_SHUFFLED);
      /* a schedule with no span given spans the race */
      if (racer->settings.options.schedule != NEURONS_SCHEDULE_CONSTANT
          && racer->settings.options.schedule_samples == 0)
        racer->settings.options.schedule_samples = self->max_samples;
      neurons_sgd_set_options (racer->sgd, &racer->settings.options);
    }

  set_state (self, NEURONS_RACE_RUNNING);
  for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
    self->racers[side].thread = g_thread_new ("neurons-racer", racer_main, &self->racers[side]);

  self->frame_source = g_timeout_source_new (FRAME_USEC / 1000);
  g_source_set_callback (self->frame_source, on_frame, self, NULL);
  g_source_attach (self->frame_source, self->context);
}

/**
 * neurons_race_stop:
 *
 * Ends a running race now; the result is that of the last checkpoint both reached.
 */
void
neurons_race_stop (NeuronsRace *self)
{
  g_return_if_fail (NEURONS_IS_RACE (self));

  if (self->state != NEURONS_RACE_RUNNING)
    return;

  finish (self);
}

NeuronsRaceState
neurons_race_get_state (NeuronsRace *self)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), NEURONS_RACE_READY);

  return self->state;
}

const NeuronsRacerSettings *
neurons_race_get_settings (NeuronsRace     *self,
                           NeuronsRaceSide  side)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), NULL);
  g_return_val_if_fail (side < NEURONS_RACE_N_SIDES, NULL);

  return &self->racers[side].settings;
}

/**
 * neurons_race_get_name:
 *
 * Returns: (transfer full): what tells this network from the other, short: the first
 *   setting that differs, in the order of the headlines of the presets (activation, output,
 *   optimiser with its batch, augmentation), then the initialisation and the other options,
 *   the learning rate last, since it follows most of the others ("ReLU", "Adam", "Batch 32",
 *   "Learning rate 0.1"); "Network A" and "Network B" when nothing does
 */
char *
neurons_race_get_name (NeuronsRace     *self,
                       NeuronsRaceSide  side)
{
  const NeuronsRacerSettings *mine, *other;
  const NeuronsTrainingOptions *options, *other_options;

  g_return_val_if_fail (NEURONS_IS_RACE (self), NULL);
  g_return_val_if_fail (side < NEURONS_RACE_N_SIDES, NULL);

  mine = &self->racers[side].settings;
  other = &self->racers[1 - side].settings;
  options = &mine->options;
  other_options = &other->options;
  if (mine->hidden_activation != other->hidden_activation)
    return g_strdup (neurons_activation_display_name (mine->hidden_activation));
  if (options->output != other_options->output)
    return g_strdup (output_title (options->output));
  if (options->optimizer != other_options->optimizer && options->batch_size != other_options->batch_size)
    /* Translators: a network's name in a race, its optimiser and batch size: "Adam, batch 32" */
    return g_strdup_printf (_("%s, batch %u"), optimizer_title (options->optimizer), options->batch_size);
  if (options->optimizer != other_options->optimizer)
    return g_strdup (optimizer_title (options->optimizer));
  if (options->batch_size != other_options->batch_size)
    /* Translators: a network's name in a race, when its batch size tells it apart */
    return g_strdup_printf (_("Batch %u"), options->batch_size);
  if (augmented (options) != augmented (other_options))
    return g_strdup (augmented (options) ? _("With augmentation") : _("Without augmentation"));
  if (options->augment_shift != other_options->augment_shift)
    /* Translators: a network's name in a race, its random shifts of the images */
    return g_strdup_printf (_("Shifts ±%u px"), options->augment_shift);
  if (mine->initialization != other->initialization)
    return g_strdup (neurons_init_display_name (mine->initialization));
  if (options->momentum != other_options->momentum && options->optimizer != NEURONS_OPTIMIZER_SGD)
    /* Translators: a network's name in a race, its β of momentum or β₁ of Adam */
    return g_strdup_printf (_("β %g"), options->momentum);
  if (options->schedule != other_options->schedule)
    return g_strdup (schedule_title (options->schedule));
  if (options->l2 != other_options->l2)
    /* Translators: a network's name in a race, its L2 weight decay */
    return g_strdup_printf (_("L2 %g"), options->l2);
  if (options->dropout != other_options->dropout)
    /* Translators: a network's name in a race, its dropout probability */
    return g_strdup_printf (_("Dropout %g"), options->dropout);
  if (mine->learning_rate != other->learning_rate)
    /* Translators: a network's name in a race, when only its learning rate tells it apart */
    return g_strdup_printf (_("Learning rate %g"), mine->learning_rate);

  return g_strdup (side == NEURONS_RACE_SIDE_A ? _("Network A") : _("Network B"));
}

NeuronsNetworkModel *
neurons_race_get_net (NeuronsRace     *self,
                      NeuronsRaceSide  side)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), NULL);
  g_return_val_if_fail (side < NEURONS_RACE_N_SIDES, NULL);

  return self->racers[side].net;
}

const NeuronsHistory *
neurons_race_get_accuracy_history (NeuronsRace     *self,
                                   NeuronsRaceSide  side)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), NULL);
  g_return_val_if_fail (side < NEURONS_RACE_N_SIDES, NULL);

  return self->racers[side].accuracy_history;
}

const NeuronsHistory *
neurons_race_get_cost_history (NeuronsRace     *self,
                               NeuronsRaceSide  side)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), NULL);
  g_return_val_if_fail (side < NEURONS_RACE_N_SIDES, NULL);

  return self->racers[side].cost_history;
}

guint
neurons_race_get_n_checkpoints (NeuronsRace *self)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), 0);

  return self->checkpoints->len;
}

const NeuronsRaceCheckpoint *
neurons_race_get_checkpoint (NeuronsRace *self,
                             guint        index)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), NULL);
  g_return_val_if_fail (index < self->checkpoints->len, NULL);

  return &g_array_index (self->checkpoints, NeuronsRaceCheckpoint, index);
}

/**
 * neurons_race_get_throughput:
 *
 * Returns: the samples per second this network has trained since the race started,
 *   measurements and waits at the checkpoints included; 0 before it starts
 */
double
neurons_race_get_throughput (NeuronsRace     *self,
                             NeuronsRaceSide  side)
{
  gint64 elapsed;

  g_return_val_if_fail (NEURONS_IS_RACE (self), 0);
  g_return_val_if_fail (side < NEURONS_RACE_N_SIDES, 0);

  elapsed = g_get_monotonic_time () - self->start_time;
  if (self->state == NEURONS_RACE_READY || elapsed <= 0)
    return 0;

  return neurons_network_model_get_samples_seen (self->racers[side].net) * (double) G_USEC_PER_SEC / elapsed;
}

/**
 * neurons_race_get_winner:
 *
 * Returns: the #NeuronsRaceSide that won, or -1 for a tie or a race not finished
 */
int
neurons_race_get_winner (NeuronsRace *self)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), -1);

  return self->state == NEURONS_RACE_FINISHED ? self->winner : -1;
}

const char *
neurons_race_get_result (NeuronsRace *self)
{
  g_return_val_if_fail (NEURONS_IS_RACE (self), NULL);

  return self->result;
}
