/* neurons-checkpoints.c: the moments of a training run kept to rewind to, in a fixed budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-checkpoints"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "neurons-checkpoints.h"

/*
 * The schedule is dense where the network changes fast: every 100 samples up to 1,000, then
 * at 1-2-5 steps per decade (2,000, 5,000, 10,000, …) while under one epoch, then every
 * epoch. When the budget is full, every other checkpoint of the epoch-spaced part goes and the
 * epochs between checkpoints double, so what is left stays evenly spaced and the early part
 * stays whole. The budget counts bytes: a checkpoint of a run whose optimiser keeps a state
 * (momentum, Adam, batches) holds that state too, three more networks' worth, so fewer fit.
 *
 * The trainer's worker thread records, the main thread reads: every call takes the mutex, and
 * a reader gets copies. The memory of thinned checkpoints is kept for the next ones, so a
 * full store records without allocating.
 *
 * In a network file the store is one object with a list per field (the options as objects
 * like the file's "training" member, with the output layer) and the training states as
 * one base64 string of little-endian 32-bit values, checkpoint after checkpoint: each layer's
 * weights in the file's order (weights[to][from]) and biases, then the 16 dormant counters.
 * The optimiser states of the checkpoints that have one are a second such string: the steps
 * taken (64 bits, low half first), the samples in the batch begun, then the first moment, the
 * second moment and the batch's gradient, each as the weights and biases above.
 */

#define DENSE_END          1000
#define DENSE_STEP         100
#define STATE_FLOATS       NEURONS_N_PARAMETERS
#define STATE_COUNTERS     NEURONS_HIDDEN1_SIZE
#define STATE_SIZE         ((STATE_FLOATS + STATE_COUNTERS) * 4)
#define STATE_LAYOUT       "weights-biases-dormant-le32"
#define OPTIMIZER_SIZE     ((3 + 3 * STATE_FLOATS) * 4)
#define OPTIMIZER_LAYOUT   "updates-filled-moments-gradient-le32"

typedef struct
{
  NeuronsCheckpoint      info;
  NeuronsMlp            *mlp;
  NeuronsOptimizerState *state;  /* (nullable) when info.has_optimizer_state */
} Entry;

struct _NeuronsCheckpoints
{
  GMutex      mutex;
  guint       capacity;      /* of checkpoints without an optimiser state */
  gsize       budget;        /* bytes */
  gsize       used;          /* bytes of the entries' states */
  GPtrArray  *entries;       /* of Entry, by samples_seen */
  GPtrArray  *spare;         /* of NeuronsMlp, memory of thinned checkpoints */
  GPtrArray  *spare_states;  /* of NeuronsOptimizerState, the same */
  guint64     epoch_stride;  /* epochs between the epoch-spaced checkpoints */
  guint       branch;        /* of the checkpoints recorded from now on */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  neurons_mlp_free (entry->mlp);
  g_clear_pointer (&entry->state, neurons_optimizer_state_free);
  g_free (entry);
}

static void
checkpoints_clear (gpointer data)
{
  NeuronsCheckpoints *self = data;

  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->spare);
  g_ptr_array_unref (self->spare_states);
  g_mutex_clear (&self->mutex);
}

/* The bytes one checkpoint holds. */
static gsize
entry_size (gboolean with_optimizer_state)
{
  return sizeof (NeuronsMlp) + (with_optimizer_state ? sizeof (NeuronsOptimizerState) : 0);
}

/* A store that holds at most @budget bytes of training states and optimiser states, spare
 * memory included (at least two checkpoints). */
NeuronsCheckpoints *
neurons_checkpoints_new (gsize budget)
{
  NeuronsCheckpoints *self = g_atomic_rc_box_new0 (NeuronsCheckpoints);

  g_mutex_init (&self->mutex);
  self->capacity = MAX (2, budget / sizeof (NeuronsMlp));
  self->budget = MAX (budget, 2 * entry_size (TRUE));
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->spare = g_ptr_array_new_with_free_func ((GDestroyNotify) neurons_mlp_free);
  self->spare_states = g_ptr_array_new_with_free_func ((GDestroyNotify) neurons_optimizer_state_free);
  self->epoch_stride = 1;
  return self;
}

NeuronsCheckpoints *
neurons_checkpoints_ref (NeuronsCheckpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
neurons_checkpoints_unref (NeuronsCheckpoints *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, checkpoints_clear);
}

guint
neurons_checkpoints_get_capacity (NeuronsCheckpoints *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->capacity;
}

guint
neurons_checkpoints_get_length (NeuronsCheckpoints *self)
{
  guint length;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  length = self->entries->len;
  g_mutex_unlock (&self->mutex);
  return length;
}

/* The branch the next checkpoint will belong to. */
guint
neurons_checkpoints_get_branch (NeuronsCheckpoints *self)
{
  guint branch;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  branch = self->branch;
  g_mutex_unlock (&self->mutex);
  return branch;
}

/**
 * neurons_checkpoints_get:
 * @checkpoint: (out) (optional): what the checkpoint says about itself
 * @mlp: (out caller-allocates) (optional): its training state
 *
 * Returns: whether there is a checkpoint @index (counting from the oldest)
 */
gboolean
neurons_checkpoints_get (NeuronsCheckpoints *self,
                         guint               index,
                         NeuronsCheckpoint  *checkpoint,
                         NeuronsMlp         *mlp)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  if (index >= self->entries->len)
    {
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }
  entry = g_ptr_array_index (self->entries, index);
  if (checkpoint != NULL)
    *checkpoint = entry->info;
  if (mlp != NULL)
    memcpy (mlp, entry->mlp, sizeof *mlp);
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

/**
 * neurons_checkpoints_get_optimizer_state:
 * @state: (out caller-allocates): the optimiser's state at checkpoint @index, or a fresh one
 *   when it keeps none
 *
 * Returns: whether checkpoint @index has an optimiser state
 */
gboolean
neurons_checkpoints_get_optimizer_state (NeuronsCheckpoints    *self,
                                         guint                  index,
                                         NeuronsOptimizerState *state)
{
  Entry *entry;
  gboolean found = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  neurons_optimizer_state_reset (state);
  g_mutex_lock (&self->mutex);
  if (index < self->entries->len)
    {
      entry = g_ptr_array_index (self->entries, index);
      if (entry->state != NULL)
        {
          memcpy (state, entry->state, sizeof *state);
          found = TRUE;
        }
    }
  g_mutex_unlock (&self->mutex);
  return found;
}

/* The index of the first entry at or after samples_seen; under the mutex. */
static guint
lower_bound (NeuronsCheckpoints *self,
             guint64             samples_seen)
{
  guint low = 0;
  guint high = self->entries->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      Entry *entry = g_ptr_array_index (self->entries, middle);

      if (entry->info.samples_seen < samples_seen)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* The index of the checkpoint taken at exactly @samples_seen, or -1. */
int
neurons_checkpoints_find (NeuronsCheckpoints *self,
                          guint64             samples_seen)
{
  int found = -1;
  guint index;

  g_return_val_if_fail (self != NULL, -1);

  g_mutex_lock (&self->mutex);
  index = lower_bound (self, samples_seen);
  if (index < self->entries->len
      && ((Entry *) g_ptr_array_index (self->entries, index))->info.samples_seen == samples_seen)
    found = index;
  g_mutex_unlock (&self->mutex);
  return found;
}

/* The index of the checkpoint nearest to @samples_seen, or -1 when there is none. */
int
neurons_checkpoints_find_nearest (NeuronsCheckpoints *self,
                                  guint64             samples_seen)
{
  int found = -1;
  guint index;

  g_return_val_if_fail (self != NULL, -1);

  g_mutex_lock (&self->mutex);
  index = lower_bound (self, samples_seen);
  if (index < self->entries->len)
    found = index;
  if (index > 0)
    {
      Entry *before = g_ptr_array_index (self->entries, index - 1);

      if (found < 0
          || samples_seen - before->info.samples_seen
             <= ((Entry *) g_ptr_array_index (self->entries, index))->info.samples_seen - samples_seen)
        found = index - 1;
    }
  g_mutex_unlock (&self->mutex);
  return found;
}

/* 1,000, 2,000, 5,000, 10,000, …: the first of them above @samples_seen. */
static guint64
next_one_two_five (guint64 samples_seen)
{
  guint64 decade = DENSE_END;

  while (TRUE)
    {
      if (decade > samples_seen)
        return decade;
      if (2 * decade > samples_seen)
        return 2 * decade;
      if (5 * decade > samples_seen)
        return 5 * decade;
      if (decade > G_MAXUINT64 / 100)
        return G_MAXUINT64;
      decade *= 10;
    }
}

static guint64
next_due (guint64 samples_seen,
          guint   epoch_size,
          guint64 epoch_stride)
{
  guint64 every = (guint64) epoch_size * MIN (epoch_stride, G_MAXUINT64 / epoch_size);
  guint64 due = samples_seen / every < G_MAXUINT64 / every - 1 ? (samples_seen / every + 1) * every
                                                                : G_MAXUINT64;
  guint64 one_two_five = next_one_two_five (samples_seen);

  if (samples_seen < DENSE_END)
    due = MIN (due, (samples_seen / DENSE_STEP + 1) * DENSE_STEP);
  if (one_two_five < epoch_size)
    due = MIN (due, one_two_five);
  return due;
}

/* The first sample count after @samples_seen at which a checkpoint is due, in a run whose
 * epochs have @epoch_size samples. */
guint64
neurons_checkpoints_next_due (NeuronsCheckpoints *self,
                              guint64             samples_seen,
                              guint               epoch_size)
{
  guint64 due;

  g_return_val_if_fail (self != NULL, G_MAXUINT64);
  g_return_val_if_fail (epoch_size > 0, G_MAXUINT64);

  g_mutex_lock (&self->mutex);
  due = next_due (samples_seen, epoch_size, self->epoch_stride);
  g_mutex_unlock (&self->mutex);
  return due;
}

gboolean
neurons_checkpoints_is_due (NeuronsCheckpoints *self,
                            guint64             samples_seen,
                            guint               epoch_size)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return samples_seen == 0
         || neurons_checkpoints_next_due (self, samples_seen - 1, epoch_size) == samples_seen;
}

/* Whether @more bytes of checkpoints would pass the budget; under the mutex. */
static gboolean
over_budget (NeuronsCheckpoints *self,
             gsize               more)
{
  return self->used + more > self->budget;
}

/* Frees spare memory beyond what the budget leaves; under the mutex. */
static void
trim_spare (NeuronsCheckpoints *self)
{
  while (self->spare_states->len > 0
         && over_budget (self, self->spare->len * sizeof (NeuronsMlp)
                               + self->spare_states->len * sizeof (NeuronsOptimizerState)))
    g_ptr_array_remove_index_fast (self->spare_states, self->spare_states->len - 1);
  while (self->spare->len > 0 && over_budget (self, self->spare->len * sizeof (NeuronsMlp)))
    g_ptr_array_remove_index_fast (self->spare, self->spare->len - 1);
}

/* Drops one entry; its memory becomes spare. Under the mutex. */
static void
drop_entry (NeuronsCheckpoints *self,
            guint               index)
{
  Entry *entry = g_ptr_array_index (self->entries, index);

  self->used -= entry_size (entry->state != NULL);
  g_ptr_array_add (self->spare, g_steal_pointer (&entry->mlp));
  if (entry->state != NULL)
    g_ptr_array_add (self->spare_states, g_steal_pointer (&entry->state));
  g_ptr_array_remove_index (self->entries, index);
}

/* Makes room for @more bytes: every other epoch-spaced checkpoint goes (those off the doubled
 * grid). A budget too small for that thins the whole run evenly instead. */
static void
thin (NeuronsCheckpoints *self,
      guint               epoch_size,
      gsize               more)
{
  guint64 grid = (guint64) epoch_size * self->epoch_stride * 2;

  for (guint i = self->entries->len; i-- > 0;)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->info.samples_seen >= epoch_size && entry->info.samples_seen % grid != 0)
        drop_entry (self, i);
    }
  self->epoch_stride *= 2;

  while (over_budget (self, more) && self->entries->len > 2)
    for (guint i = self->entries->len - 1; i-- > 1;)
      if (i % 2 == 1)
        drop_entry (self, i);
}

/**
 * neurons_checkpoints_record:
 * @mlp: the training state at @samples_seen
 * @learning_rate: the rate it trained with
 * @epoch_size: the samples of one epoch, for the schedule
 *
 * As neurons_checkpoints_record_training(), for a run trained with the default options.
 */
void
neurons_checkpoints_record (NeuronsCheckpoints *self,
                            const NeuronsMlp   *mlp,
                            guint64             samples_seen,
                            double              running_cost,
                            double              learning_rate,
                            guint               epoch_size)
{
  neurons_checkpoints_record_training (self, mlp, samples_seen, running_cost, learning_rate,
                                       NULL, NULL, epoch_size);
}

/**
 * neurons_checkpoints_record_training:
 * @mlp: the training state at @samples_seen
 * @learning_rate: the rate it trained with
 * @options: (nullable): the options it trained with; %NULL for the defaults
 * @state: (nullable): the optimiser's state, kept when @options need one; %NULL for a fresh one
 * @epoch_size: the samples of one epoch, for the schedule
 *
 * Keeps a copy of @mlp, and of @state when the options need one. Training went on from here,
 * so checkpoints after @samples_seen belong to a past that is no more and go; one at
 * @samples_seen is replaced. When the budget is full, the store is thinned first.
 */
void
neurons_checkpoints_record_training (NeuronsCheckpoints           *self,
                                     const NeuronsMlp             *mlp,
                                     guint64                       samples_seen,
                                     double                        running_cost,
                                     double                        learning_rate,
                                     const NeuronsTrainingOptions *options,
                                     const NeuronsOptimizerState  *state,
                                     guint                         epoch_size)
{
  NeuronsTrainingOptions used_options;
  gboolean with_state;
  Entry *entry;
  guint index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (mlp != NULL);
  g_return_if_fail (epoch_size > 0);

  if (options != NULL)
    used_options = *options;
  else
    neurons_training_options_init (&used_options);
  used_options.output = mlp->output;
  with_state = neurons_training_options_needs_state (&used_options);

  g_mutex_lock (&self->mutex);

  index = lower_bound (self, samples_seen);
  while (self->entries->len > index)
    drop_entry (self, self->entries->len - 1);

  /* A checkpoint off the schedule (the newest moment kept on a rewind, or one recorded just
   * before a thinning) stays only while it is the newest. */
  if (self->entries->len > 0)
    {
      guint64 newest = ((Entry *) g_ptr_array_index (self->entries, self->entries->len - 1))->info.samples_seen;

      if (newest > 0 && next_due (newest - 1, epoch_size, self->epoch_stride) != newest)
        drop_entry (self, self->entries->len - 1);
    }

  if (over_budget (self, entry_size (with_state)) && self->entries->len >= 2)
    thin (self, epoch_size, entry_size (with_state));

  entry = g_new0 (Entry, 1);
  entry->mlp = self->spare->len > 0 ? g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1)
                                    : neurons_mlp_new ();
  memcpy (entry->mlp, mlp, sizeof *mlp);
  if (with_state)
    {
      entry->state = self->spare_states->len > 0
                     ? g_ptr_array_steal_index_fast (self->spare_states, self->spare_states->len - 1)
                     : neurons_optimizer_state_new ();
      if (state != NULL)
        memcpy (entry->state, state, sizeof *state);
      else
        neurons_optimizer_state_reset (entry->state);
    }
  entry->info.options = used_options;
  entry->info.has_optimizer_state = with_state;
  self->used += entry_size (with_state);
  entry->info.samples_seen = samples_seen;
  entry->info.running_cost = running_cost;
  entry->info.learning_rate = learning_rate;
  entry->info.branch = self->branch;
  entry->info.test_accuracy = NAN;
  g_ptr_array_add (self->entries, entry);
  trim_spare (self);

  g_mutex_unlock (&self->mutex);
}

/* Forgets the checkpoints after @samples_seen. */
void
neurons_checkpoints_truncate (NeuronsCheckpoints *self,
                              guint64             samples_seen)
{
  guint index;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  index = lower_bound (self, samples_seen + 1);
  while (self->entries->len > index)
    drop_entry (self, self->entries->len - 1);
  g_mutex_unlock (&self->mutex);
}

/* The checkpoints recorded from now on start a new branch of the run. */
void
neurons_checkpoints_begin_branch (NeuronsCheckpoints *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->branch++;
  g_mutex_unlock (&self->mutex);
}

/* Forgets every checkpoint, for a new run. */
void
neurons_checkpoints_clear (NeuronsCheckpoints *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  while (self->entries->len > 0)
    drop_entry (self, self->entries->len - 1);
  self->epoch_stride = 1;
  self->branch = 0;
  g_mutex_unlock (&self->mutex);
}

/* Replaces the checkpoints with those of @other, which is left empty. */
void
neurons_checkpoints_take (NeuronsCheckpoints *self,
                          NeuronsCheckpoints *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL && other != self);

  neurons_checkpoints_clear (self);

  g_mutex_lock (&other->mutex);
  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < other->entries->len; i++)
    g_ptr_array_add (self->entries, g_ptr_array_index (other->entries, i));
  g_ptr_array_set_free_func (other->entries, NULL);
  g_ptr_array_set_size (other->entries, 0);
  g_ptr_array_set_free_func (other->entries, entry_free);
  self->used += other->used;
  other->used = 0;
  self->epoch_stride = other->epoch_stride;
  self->branch = other->branch;
  while (over_budget (self, 0) && self->entries->len > 2)
    drop_entry (self, self->entries->len - 2);
  trim_spare (self);
  g_mutex_unlock (&self->mutex);
  g_mutex_unlock (&other->mutex);
}

/* Keeps the test accuracy measured for the checkpoint at @samples_seen; FALSE if there is
 * none there or it had that accuracy already. */
gboolean
neurons_checkpoints_set_test_accuracy (NeuronsCheckpoints *self,
                                       guint64             samples_seen,
                                       double              test_accuracy)
{
  gboolean changed = FALSE;
  guint index;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  index = lower_bound (self, samples_seen);
  if (index < self->entries->len)
    {
      Entry *entry = g_ptr_array_index (self->entries, index);

      if (entry->info.samples_seen == samples_seen && entry->info.test_accuracy != test_accuracy)
        {
          entry->info.test_accuracy = test_accuracy;
          changed = TRUE;
        }
    }
  g_mutex_unlock (&self->mutex);
  return changed;
}

/* The file */

static void
put_le32 (guint8  *out,
          guint32  value)
{
  value = GUINT32_TO_LE (value);
  memcpy (out, &value, 4);
}

static guint32
get_le32 (const guint8 *in)
{
  guint32 value;

  memcpy (&value, in, 4);
  return GUINT32_FROM_LE (value);
}

static void
put_float (guint8 *out,
           float   value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  put_le32 (out, bits);
}

static float
get_float (const guint8 *in)
{
  guint32 bits = get_le32 (in);
  float value;

  memcpy (&value, &bits, 4);
  return value;
}

/* Each layer's weights and biases; returns where they end. */
static guint8 *
pack_parameters (const NeuronsMlp *mlp,
                 guint8           *out)
{
  g_autofree float *values = g_new (float, NEURONS_INPUT_SIZE * NEURONS_HIDDEN1_SIZE);

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    {
      guint n_inputs = neurons_layer_n_inputs (layer);
      guint n_outputs = neurons_layer_n_outputs (layer);

      neurons_mlp_copy_layer_weights (mlp, layer, values);
      for (guint i = 0; i < n_inputs * n_outputs; i++, out += 4)
        put_float (out, values[i]);
      for (guint to = 0; to < n_outputs; to++, out += 4)
        put_float (out, neurons_mlp_get_bias (mlp, layer, to));
    }
  return out;
}

static void
pack_state (const NeuronsMlp *mlp,
            guint8           *out)
{
  out = pack_parameters (mlp, out);
  for (guint j = 0; j < STATE_COUNTERS; j++, out += 4)
    put_le32 (out, mlp->dormant_samples[j]);
}

static void
pack_optimizer_state (const NeuronsOptimizerState *state,
                      guint8                      *out)
{
  put_le32 (out, (guint32) state->n_updates);
  put_le32 (out + 4, (guint32) (state->n_updates >> 32));
  put_le32 (out + 8, state->batch_filled);
  out = pack_parameters (&state->first_moment, out + 12);
  out = pack_parameters (&state->second_moment, out);
  pack_parameters (&state->gradient, out);
}

/* Each layer's weights and biases; NULL when a value is not a finite float, else where they
 * end. */
static const guint8 *
unpack_parameters (const guint8 *in,
                   NeuronsMlp   *mlp)
{
  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    {
      guint n_inputs = neurons_layer_n_inputs (layer);
      guint n_outputs = neurons_layer_n_outputs (layer);

      for (guint to = 0; to < n_outputs; to++)
        for (guint from = 0; from < n_inputs; from++, in += 4)
          {
            float value = get_float (in);

            if (!isfinite (value))
              return FALSE;
            neurons_mlp_set_weight (mlp, layer, to, from, value);
          }
      for (guint to = 0; to < n_outputs; to++, in += 4)
        {
          float value = get_float (in);

          if (!isfinite (value))
            return NULL;
          neurons_mlp_set_bias (mlp, layer, to, value);
        }
    }
  return in;
}

/* FALSE when a value is not a finite float. */
static gboolean
unpack_state (const guint8 *in,
              NeuronsMlp   *mlp)
{
  if ((in = unpack_parameters (in, mlp)) == NULL)
    return FALSE;
  for (guint j = 0; j < STATE_COUNTERS; j++, in += 4)
    mlp->dormant_samples[j] = get_le32 (in);
  return TRUE;
}

/* FALSE when a value is not a finite float, or the batch begun is not below @batch_size. */
static gboolean
unpack_optimizer_state (const guint8          *in,
                        guint                  batch_size,
                        NeuronsOptimizerState *state)
{
  neurons_optimizer_state_reset (state);
  state->n_updates = get_le32 (in) | ((guint64) get_le32 (in + 4) << 32);
  state->batch_filled = get_le32 (in + 8);
  if (state->batch_filled >= batch_size)
    return FALSE;
  return (in = unpack_parameters (in + 12, &state->first_moment)) != NULL
         && (in = unpack_parameters (in, &state->second_moment)) != NULL
         && unpack_parameters (in, &state->gradient) != NULL;
}

/* The options of one checkpoint, as in the file's "training" member, with the output. */
static void
build_options (JsonBuilder                  *builder,
               const NeuronsTrainingOptions *options)
{
  g_autofree char *augment = neurons_augmentation_to_string (options);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "output");
  json_builder_add_string_value (builder, neurons_output_to_string (options->output));
  json_builder_set_member_name (builder, "optimizer");
  json_builder_add_string_value (builder, neurons_optimizer_to_string (options->optimizer));
  json_builder_set_member_name (builder, "momentum");
  json_builder_add_double_value (builder, options->momentum);
  json_builder_set_member_name (builder, "beta2");
  json_builder_add_double_value (builder, options->beta2);
  json_builder_set_member_name (builder, "epsilon");
  json_builder_add_double_value (builder, options->epsilon);
  json_builder_set_member_name (builder, "batch_size");
  json_builder_add_int_value (builder, options->batch_size);
  json_builder_set_member_name (builder, "schedule");
  json_builder_add_string_value (builder, neurons_schedule_to_string (options->schedule));
  json_builder_set_member_name (builder, "schedule_samples");
  json_builder_add_int_value (builder, (gint64) MIN (options->schedule_samples, G_MAXINT64));
  json_builder_set_member_name (builder, "l2");
  json_builder_add_double_value (builder, options->l2);
  json_builder_set_member_name (builder, "dropout");
  json_builder_add_double_value (builder, options->dropout);
  json_builder_set_member_name (builder, "augment");
  json_builder_add_string_value (builder, augment);
  json_builder_end_object (builder);
}

/**
 * neurons_checkpoints_to_json:
 *
 * Returns: (transfer full): the "checkpoints" member of a network file
 */
JsonNode *
neurons_checkpoints_to_json (NeuronsCheckpoints *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree guint8 *states = NULL;
  g_autofree char *encoded = NULL;
  const char *const lists[] = { "samples_seen", "running_cost", "learning_rate", "branch",
                                "test_accuracy", "options" };
  guint n_optimizer_states = 0;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->mutex);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "state_layout");
  json_builder_add_string_value (builder, STATE_LAYOUT);
  json_builder_set_member_name (builder, "optimizer_layout");
  json_builder_add_string_value (builder, OPTIMIZER_LAYOUT);
  json_builder_set_member_name (builder, "epoch_stride");
  json_builder_add_int_value (builder, (gint64) MIN (self->epoch_stride, G_MAXINT64));
  json_builder_set_member_name (builder, "current_branch");
  json_builder_add_int_value (builder, self->branch);

  for (guint list = 0; list < G_N_ELEMENTS (lists); list++)
    {
      json_builder_set_member_name (builder, lists[list]);
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->entries->len; i++)
        {
          const NeuronsCheckpoint *info = &((Entry *) g_ptr_array_index (self->entries, i))->info;

          switch (list)
            {
            case 0:
              json_builder_add_int_value (builder, (gint64) MIN (info->samples_seen, G_MAXINT64));
              break;
            case 1:
              json_builder_add_double_value (builder, isfinite (info->running_cost) ? info->running_cost : 0);
              break;
            case 2:
              json_builder_add_double_value (builder, info->learning_rate);
              break;
            case 3:
              json_builder_add_int_value (builder, info->branch);
              break;
            case 5:
              build_options (builder, &info->options);
              break;
            default:
              if (isnan (info->test_accuracy))
                json_builder_add_null_value (builder);
              else
                json_builder_add_double_value (builder, info->test_accuracy);
              break;
            }
        }
      json_builder_end_array (builder);
    }

  states = g_malloc ((gsize) STATE_SIZE * MAX (self->entries->len, 1));
  for (guint i = 0; i < self->entries->len; i++)
    pack_state (((Entry *) g_ptr_array_index (self->entries, i))->mlp, states + (gsize) i * STATE_SIZE);
  encoded = g_base64_encode (states, (gsize) STATE_SIZE * self->entries->len);
  json_builder_set_member_name (builder, "states");
  json_builder_add_string_value (builder, encoded);
  g_clear_pointer (&states, g_free);
  g_clear_pointer (&encoded, g_free);

  /* the optimiser states, of the checkpoints whose options keep one */
  for (guint i = 0; i < self->entries->len; i++)
    n_optimizer_states += ((Entry *) g_ptr_array_index (self->entries, i))->state != NULL;
  states = g_malloc ((gsize) OPTIMIZER_SIZE * MAX (n_optimizer_states, 1));
  for (guint i = 0, n = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->state != NULL)
        pack_optimizer_state (entry->state, states + (gsize) n++ * OPTIMIZER_SIZE);
    }
  encoded = g_base64_encode (states, (gsize) OPTIMIZER_SIZE * n_optimizer_states);
  json_builder_set_member_name (builder, "optimizer_states");
  json_builder_add_string_value (builder, encoded);

  json_builder_end_object (builder);

  g_mutex_unlock (&self->mutex);

  return json_builder_get_root (builder);
}

/* Reading it back: every message names what is wrong, as "checkpoints.samples_seen[3] …". */

static gboolean G_GNUC_PRINTF (2, 3)
invalid (GError    **error,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "checkpoints.%s", what);
  return FALSE;
}

static JsonArray *
read_list (JsonObject *object,
           const char *key,
           guint       length,
           GError    **error)
{
  JsonNode *node = json_object_get_member (object, key);
  JsonArray *array;

  if (node == NULL)
    {
      invalid (error, _("%s is missing"), key);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, _("%s is not an array"), key);
      return NULL;
    }
  array = json_node_get_array (node);
  if (length != G_MAXUINT && json_array_get_length (array) != length)
    {
      invalid (error, _("%s has %u entries, expected %u as in samples_seen"), key,
               json_array_get_length (array), length);
      return NULL;
    }
  return array;
}

/* An integer of @minimum (0 or 1) or more; @position < 0 for a member of its own. */
static gboolean
read_count (JsonNode   *node,
            const char *key,
            int         position,
            int         minimum,
            gint64     *value,
            GError    **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < minimum)
    {
      if (position < 0)
        return invalid (error, _("%s is not an integer of %d or more"), key, minimum);
      return invalid (error, _("%s[%d] is not an integer of %d or more"), key, position, minimum);
    }
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_number (JsonNode   *node,
             const char *key,
             guint       position,
             gboolean    nullable,
             double     *value,
             GError    **error)
{
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *value = NAN;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node)
      && (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64)
      && isfinite (json_node_get_double (node)))
    {
      *value = json_node_get_double (node);
      return TRUE;
    }
  return invalid (error, _("%s[%u] is not a finite number"), key, position);
}

/* A string member of an options object; NULL, with @error set, when there is none. */
static const char *
read_option_string (JsonObject *object,
                    const char *key,
                    guint       position,
                    GError    **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      invalid (error, _("options[%u].%s is not a string"), position, key);
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
read_option_number (JsonObject *object,
                    const char *key,
                    guint       position,
                    double     *value,
                    GError    **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64)
      && isfinite (json_node_get_double (node)))
    {
      *value = json_node_get_double (node);
      return TRUE;
    }
  return invalid (error, _("options[%u].%s is not a finite number"), position, key);
}

static gboolean
read_option_count (JsonObject *object,
                   const char *key,
                   guint       position,
                   guint64    *value,
                   GError    **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
      && json_node_get_int (node) >= 0)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  return invalid (error, _("options[%u].%s is not an integer of 0 or more"), position, key);
}

/* The options of checkpoint @position, which must be valid ones. */
static gboolean
read_options (JsonNode               *node,
              guint                   position,
              NeuronsTrainingOptions *options,
              GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  const char *string;
  guint64 batch_size = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("options[%u] is not an object"), position);
  object = json_node_get_object (node);

  neurons_training_options_init (options);
  if ((string = read_option_string (object, "output", position, error)) == NULL)
    return FALSE;
  if (!neurons_output_from_string (string, &options->output))
    return invalid (error, _("options[%u].output “%s” is unknown"), position, string);
  if ((string = read_option_string (object, "optimizer", position, error)) == NULL)
    return FALSE;
  if (!neurons_optimizer_from_string (string, &options->optimizer))
    return invalid (error, _("options[%u].optimizer “%s” is unknown"), position, string);
  if ((string = read_option_string (object, "schedule", position, error)) == NULL)
    return FALSE;
  if (!neurons_schedule_from_string (string, &options->schedule))
    return invalid (error, _("options[%u].schedule “%s” is unknown"), position, string);
  if (!read_option_number (object, "momentum", position, &options->momentum, error)
      || !read_option_number (object, "beta2", position, &options->beta2, error)
      || !read_option_number (object, "epsilon", position, &options->epsilon, error)
      || !read_option_number (object, "l2", position, &options->l2, error)
      || !read_option_number (object, "dropout", position, &options->dropout, error)
      || !read_option_count (object, "batch_size", position, &batch_size, error)
      || !read_option_count (object, "schedule_samples", position, &options->schedule_samples, error))
    return FALSE;
  options->batch_size = (guint) MIN (batch_size, G_MAXUINT);
  if ((string = read_option_string (object, "augment", position, error)) == NULL)
    return FALSE;
  if (!neurons_augmentation_parse (string, options, &local_error)
      || !neurons_training_options_validate (options, &local_error))
    return invalid (error, "options[%u]: %s", position, local_error->message);
  return TRUE;
}

/**
 * neurons_checkpoints_from_json:
 * @node: the "checkpoints" member of a network file
 * @hidden_activation: the network's, which its checkpoints share
 * @error: a #G_IO_ERROR_INVALID_DATA whose message names the value that is wrong
 *
 * Returns: (transfer full) (nullable): a store of the budget's size with the checkpoints in
 *   @node, or %NULL with @error set
 */
NeuronsCheckpoints *
neurons_checkpoints_from_json (JsonNode           *node,
                               NeuronsActivation   hidden_activation,
                               GError            **error)
{
  g_autoptr(NeuronsCheckpoints) self = NULL;
  g_autofree guint8 *states = NULL;
  g_autofree guint8 *optimizer_states = NULL;
  JsonArray *lists[6];
  gsize optimizer_states_length;
  guint n_optimizer_states = 0;
  JsonObject *object;
  JsonNode *member;
  gsize states_length;
  gint64 stride = 1, branch = 0;
  guint length;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("checkpoints is not an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  member = json_object_get_member (object, "state_layout");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING
      || !g_str_equal (json_node_get_string (member), STATE_LAYOUT))
    {
      invalid (error, _("state_layout is not “%s”"), STATE_LAYOUT);
      return NULL;
    }
  member = json_object_get_member (object, "optimizer_layout");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING
      || !g_str_equal (json_node_get_string (member), OPTIMIZER_LAYOUT))
    {
      invalid (error, _("optimizer_layout is not “%s”"), OPTIMIZER_LAYOUT);
      return NULL;
    }
  if (!read_count (json_object_get_member (object, "epoch_stride"), "epoch_stride", -1, 1, &stride, error)
      || !read_count (json_object_get_member (object, "current_branch"), "current_branch", -1, 0,
                      &branch, error))
    return NULL;
  if (branch > G_MAXUINT)
    {
      invalid (error, _("current_branch is too large"));
      return NULL;
    }

  if ((lists[0] = read_list (object, "samples_seen", G_MAXUINT, error)) == NULL)
    return NULL;
  length = json_array_get_length (lists[0]);
  if ((lists[1] = read_list (object, "running_cost", length, error)) == NULL
      || (lists[2] = read_list (object, "learning_rate", length, error)) == NULL
      || (lists[3] = read_list (object, "branch", length, error)) == NULL
      || (lists[4] = read_list (object, "test_accuracy", length, error)) == NULL
      || (lists[5] = read_list (object, "options", length, error)) == NULL)
    return NULL;

  member = json_object_get_member (object, "states");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    {
      invalid (error, _("states is not a string"));
      return NULL;
    }
  states = g_base64_decode (json_node_get_string (member), &states_length);
  if (states_length != (gsize) length * STATE_SIZE)
    {
      invalid (error, _("states holds %zu bytes, expected %u checkpoints of %u bytes"),
               states_length, length, (guint) STATE_SIZE);
      return NULL;
    }

  member = json_object_get_member (object, "optimizer_states");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    {
      invalid (error, _("optimizer_states is not a string"));
      return NULL;
    }
  optimizer_states = g_base64_decode (json_node_get_string (member), &optimizer_states_length);

  self = neurons_checkpoints_new (NEURONS_CHECKPOINTS_BUDGET);
  if (length > self->capacity)
    {
      invalid (error, _("samples_seen has %u checkpoints, more than the %u that fit in memory"),
               length, self->capacity);
      return NULL;
    }
  self->epoch_stride = stride;
  self->branch = branch;

  for (guint i = 0; i < length; i++)
    {
      g_autofree Entry *entry = g_new0 (Entry, 1);
      g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
      gint64 samples_seen, entry_branch;

      if (!read_count (json_array_get_element (lists[0], i), "samples_seen", i, 0, &samples_seen, error)
          || !read_number (json_array_get_element (lists[1], i), "running_cost", i, FALSE,
                           &entry->info.running_cost, error)
          || !read_number (json_array_get_element (lists[2], i), "learning_rate", i, FALSE,
                           &entry->info.learning_rate, error)
          || !read_count (json_array_get_element (lists[3], i), "branch", i, 0, &entry_branch, error)
          || !read_number (json_array_get_element (lists[4], i), "test_accuracy", i, TRUE,
                           &entry->info.test_accuracy, error)
          || !read_options (json_array_get_element (lists[5], i), i, &entry->info.options, error))
        return NULL;

      if (i > 0 && (guint64) samples_seen
                   <= ((Entry *) g_ptr_array_index (self->entries, i - 1))->info.samples_seen)
        {
          invalid (error, _("samples_seen[%u] is not above the one before it"), i);
          return NULL;
        }
      if (entry_branch > branch)
        {
          invalid (error, _("branch[%u] is beyond the run’s current_branch %u"), i, (guint) branch);
          return NULL;
        }

      mlp->hidden_activation = hidden_activation;
      mlp->output = entry->info.options.output;
      if (!unpack_state (states + (gsize) i * STATE_SIZE, mlp))
        {
          invalid (error, _("states holds a value that is not a finite number in checkpoint %u"), i);
          return NULL;
        }

      entry->info.has_optimizer_state = neurons_training_options_needs_state (&entry->info.options);
      if (entry->info.has_optimizer_state)
        {
          if (optimizer_states_length < (gsize) (n_optimizer_states + 1) * OPTIMIZER_SIZE)
            {
              invalid (error, _("optimizer_states holds fewer states than the options of checkpoint %u need"), i);
              return NULL;
            }
          entry->state = neurons_optimizer_state_new ();
          if (!unpack_optimizer_state (optimizer_states + (gsize) n_optimizer_states * OPTIMIZER_SIZE,
                                       entry->info.options.batch_size, entry->state))
            {
              neurons_optimizer_state_free (entry->state);
              invalid (error, _("optimizer_states holds a value out of range in checkpoint %u"), i);
              return NULL;
            }
          n_optimizer_states++;
        }

      entry->info.samples_seen = samples_seen;
      entry->info.branch = entry_branch;
      entry->mlp = g_steal_pointer (&mlp);
      self->used += entry_size (entry->state != NULL);
      if (self->used > self->budget)
        {
          entry_free (g_steal_pointer (&entry));
          invalid (error, _("samples_seen has %u checkpoints, more than fit in memory"), length);
          return NULL;
        }
      g_ptr_array_add (self->entries, g_steal_pointer (&entry));
    }

  if (optimizer_states_length != (gsize) n_optimizer_states * OPTIMIZER_SIZE)
    {
      invalid (error, _("optimizer_states holds %zu bytes, expected %u states of %u bytes"),
               optimizer_states_length, n_optimizer_states, (guint) OPTIMIZER_SIZE);
      return NULL;
    }

  return g_steal_pointer (&self);
}
