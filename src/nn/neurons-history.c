/* neurons-history.c: a bounded time series that halves its resolution instead of dropping the start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-history"

#include "config.h"

#include "neurons-history.h"

/*
 * A history keeps the first value ever appended and the latest one exactly: a chart must
 * start where training started and end where it is now. Everything in between goes into
 * buckets of `stride` consecutive values. When the buckets fill their space, neighbouring
 * pairs merge into one and the stride doubles, so an hour of training keeps the same number
 * of points, spread evenly over the whole run, as the first minute.
 */

typedef struct
{
  double samples_seen_sum;
  double value_sum;
  double minimum;
  double maximum;
  guint64 count;
} Bucket;

struct _NeuronsHistory
{
  guint capacity;
  guint max_buckets;          /* even, so that merging leaves none alone */
  guint n_buckets;
  guint64 stride;             /* values per full bucket */
  guint64 n_appended;
  NeuronsHistoryPoint first;
  NeuronsHistoryPoint last;
  Bucket pending;             /* the bucket being filled, after the full ones */
  Bucket *buckets;            /* (max_buckets) */
};

/* The first point, the full buckets, the pending one and the last point must fit. */
#define FIXED_POINTS 3

NeuronsHistory *
neurons_history_new (guint capacity)
{
  NeuronsHistory *history;

  g_return_val_if_fail (capacity >= FIXED_POINTS + 2, NULL);

  history = g_new0 (NeuronsHistory, 1);
  history->capacity = capacity;
  history->max_buckets = (capacity - FIXED_POINTS) & ~1u;
  history->buckets = g_new0 (Bucket, history->max_buckets);
  history->stride = 1;

  return history;
}

void
neurons_history_free (NeuronsHistory *history)
{
  if (history == NULL)
    return;

  g_free (history->buckets);
  g_free (history);
}

void
neurons_history_clear (NeuronsHistory *history)
{
  g_return_if_fail (history != NULL);

  history->n_buckets = 0;
  history->stride = 1;
  history->n_appended = 0;
  history->pending = (Bucket) { 0 };
}

static void
bucket_add (Bucket       *bucket,
            const Bucket *other)
{
  if (bucket->count == 0)
    {
      *bucket = *other;
      return;
    }

  bucket->samples_seen_sum += other->samples_seen_sum;
  bucket->value_sum += other->value_sum;
  bucket->minimum = MIN (bucket->minimum, other->minimum);
  bucket->maximum = MAX (bucket->maximum, other->maximum);
  bucket->count += other->count;
}

/* Halves the number of buckets by merging neighbours; the pending bucket stays pending,
 * now part of a bucket twice as wide. */
static void
merge_pairs (NeuronsHistory *history)
{
  g_assert (history->n_buckets % 2 == 0);

  for (guint i = 0; i < history->n_buckets / 2; i++)
    {
      Bucket merged = history->buckets[2 * i];

      bucket_add (&merged, &history->buckets[2 * i + 1]);
      history->buckets[i] = merged;
    }

  history->n_buckets /= 2;
  history->stride *= 2;
}

/* A value that is no longer the last one joins the buckets. */
static void
push_middle (NeuronsHistory            *history,
             const NeuronsHistoryPoint *point)
{
  Bucket single = {
    .samples_seen_sum = point->samples_seen,
    .value_sum = point->value,
    .minimum = point->value,
    .maximum = point->value,
    .count = 1,
  };

  bucket_add (&history->pending, &single);
  if (history->pending.count < history->stride)
    return;

  if (history->n_buckets == history->max_buckets)
    merge_pairs (history);

  if (history->pending.count < history->stride)
    return;

  history->buckets[history->n_buckets++] = history->pending;
  history->pending = (Bucket) { 0 };
}

/**
 * neurons_history_append:
 * @history: a history
 * @samples_seen: when the value was taken, in training samples
 * @value: the value
 *
 * Adds a value after the others; @samples_seen should not go back in time.
 */
void
neurons_history_append (NeuronsHistory *history,
                        guint64         samples_seen,
                        double          value)
{
  NeuronsHistoryPoint point = {
    .samples_seen = (double) samples_seen,
    .value = value,
    .minimum = value,
    .maximum = value,
  };

  g_return_if_fail (history != NULL);

  if (history->n_appended == 0)
    history->first = point;
  else
    {
      if (history->n_appended >= 2)
        push_middle (history, &history->last);
      history->last = point;
    }

  history->n_appended++;
}

/**
 * neurons_history_get_length:
 * @history: a history
 *
 * Returns: how many points the history has now, never more than its capacity
 */
guint
neurons_history_get_length (const NeuronsHistory *history)
{
  g_return_val_if_fail (history != NULL, 0);

  if (history->n_appended <= 2)
    return (guint) history->n_appended;

  return 2 + history->n_buckets + (history->pending.count > 0 ? 1 : 0);
}

guint
neurons_history_get_capacity (const NeuronsHistory *history)
{
  g_return_val_if_fail (history != NULL, 0);

  return history->capacity;
}

/* How many values one full bucket holds now. */
guint64
neurons_history_get_stride (const NeuronsHistory *history)
{
  g_return_val_if_fail (history != NULL, 0);

  return history->stride;
}

static void
bucket_to_point (const Bucket        *bucket,
                 NeuronsHistoryPoint *point)
{
  point->samples_seen = bucket->samples_seen_sum / bucket->count;
  point->value = bucket->value_sum / bucket->count;
  point->minimum = bucket->minimum;
  point->maximum = bucket->maximum;
}

/**
 * neurons_history_get_point:
 * @history: a history
 * @index: from 0 to the length − 1
 * @point: (out): where to store the point
 *
 * Point 0 is the first value ever appended and the point at length − 1 the latest.
 */
void
neurons_history_get_point (const NeuronsHistory *history,
                           guint                 index,
                           NeuronsHistoryPoint  *point)
{
  guint length;

  g_return_if_fail (history != NULL);
  g_return_if_fail (point != NULL);

  length = neurons_history_get_length (history);
  g_return_if_fail (index < length);

  if (index == 0)
    *point = history->first;
  else if (index == length - 1)
    *point = history->last;
  else if (index - 1 < history->n_buckets)
    bucket_to_point (&history->buckets[index - 1], point);
  else
    bucket_to_point (&history->pending, point);
}

/**
 * neurons_history_get_range:
 * @history: a history
 * @minimum: (out) (optional): the smallest value ever appended
 * @maximum: (out) (optional): the largest
 *
 * Returns: %FALSE when the history is empty
 */
gboolean
neurons_history_get_range (const NeuronsHistory *history,
                           double               *minimum,
                           double               *maximum)
{
  guint length;
  double low = G_MAXDOUBLE;
  double high = -G_MAXDOUBLE;

  g_return_val_if_fail (history != NULL, FALSE);

  length = neurons_history_get_length (history);
  for (guint i = 0; i < length; i++)
    {
      NeuronsHistoryPoint point;

      neurons_history_get_point (history, i, &point);
      low = MIN (low, point.minimum);
      high = MAX (high, point.maximum);
    }

  if (minimum != NULL)
    *minimum = low;
  if (maximum != NULL)
    *maximum = high;

  return length > 0;
}
