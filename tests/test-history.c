/* test-history.c: the bounded time series behind the charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "neurons-history.h"

static void
test_short (void)
{
  g_autoptr(NeuronsHistory) history = neurons_history_new (16);
  NeuronsHistoryPoint point;

  g_assert_cmpuint (neurons_history_get_length (history), ==, 0);
  g_assert_false (neurons_history_get_range (history, NULL, NULL));

  for (guint i = 0; i < 10; i++)
    neurons_history_append (history, i * 100, i * 0.5);

  /* Below capacity nothing is merged: every value is its own point */
  g_assert_cmpuint (neurons_history_get_length (history), ==, 10);
  g_assert_cmpuint (neurons_history_get_stride (history), ==, 1);
  for (guint i = 0; i < 10; i++)
    {
      neurons_history_get_point (history, i, &point);
      g_assert_cmpfloat (point.samples_seen, ==, i * 100);
      g_assert_cmpfloat (point.value, ==, i * 0.5);
    }
}

/* A million values, as from an evening of training: the first and last stay exact, the
 * length stays within capacity, and the buckets still describe the values they hold. */
static void
test_million (void)
{
  const guint64 n = 1000000;
  g_autoptr(NeuronsHistory) history = neurons_history_new (512);
  NeuronsHistoryPoint point;
  double previous = -1;
  double minimum, maximum;
  guint length;

  for (guint64 i = 0; i < n; i++)
    {
      /* a value that is a known function of time, with a wiggle for min and max */
      neurons_history_append (history, 3 * i, 3.0 * i + (i % 2 ? 1 : -1));
      g_assert_cmpuint (neurons_history_get_length (history), <=, 512);
    }

  length = neurons_history_get_length (history);
  g_assert_cmpuint (length, >=, 256);
  g_assert_cmpuint (neurons_history_get_stride (history), >, 1);

  neurons_history_get_point (history, 0, &point);
  g_assert_cmpfloat (point.samples_seen, ==, 0);
  g_assert_cmpfloat (point.value, ==, -1);

  neurons_history_get_point (history, length - 1, &point);
  g_assert_cmpfloat (point.samples_seen, ==, 3 * (n - 1));
  g_assert_cmpfloat (point.value, ==, 3.0 * (n - 1) + 1);

  for (guint i = 0; i < length; i++)
    {
      neurons_history_get_point (history, i, &point);
      g_assert_cmpfloat (point.samples_seen, >, previous);
      previous = point.samples_seen;
      /* the mean of a straight line over a span is its value at the middle of the span,
       * up to the wiggle of an odd count */
      g_assert_cmpfloat_with_epsilon (point.value, point.samples_seen, 1.0 + 1e-6);
      g_assert_cmpfloat (point.minimum, <=, point.value);
      g_assert_cmpfloat (point.maximum, >=, point.value);
    }

  g_assert_true (neurons_history_get_range (history, &minimum, &maximum));
  g_assert_cmpfloat (minimum, ==, -1);
  g_assert_cmpfloat (maximum, ==, 3.0 * (n - 1) + 1);
}

/* The points stay spread over the whole run rather than piling up at one end. */
static void
test_even_spread (void)
{
  g_autoptr(NeuronsHistory) history = neurons_history_new (64);
  NeuronsHistoryPoint a, b;
  double widest = 0, narrowest = G_MAXDOUBLE;
  guint length;

  for (guint i = 0; i < 100000; i++)
    neurons_history_append (history, i, 0);

  length = neurons_history_get_length (history);
  /* gaps between the merged buckets, leaving out the exact ends and the pending bucket */
  for (guint i = 1; i + 3 < length; i++)
    {
      neurons_history_get_point (history, i, &a);
      neurons_history_get_point (history, i + 1, &b);
      widest = MAX (widest, b.samples_seen - a.samples_seen);
      narrowest = MIN (narrowest, b.samples_seen - a.samples_seen);
    }
  g_assert_cmpfloat (widest, ==, narrowest);
  g_assert_cmpfloat (widest, ==, neurons_history_get_stride (history));
  g_assert_cmpfloat (widest * length, >, 100000 / 2.0);
}

static void
test_clear (void)
{
  g_autoptr(NeuronsHistory) history = neurons_history_new (8);
  NeuronsHistoryPoint point;

  for (guint i = 0; i < 1000; i++)
    neurons_history_append (history, i, i);
  neurons_history_clear (history);
  g_assert_cmpuint (neurons_history_get_length (history), ==, 0);
  g_assert_cmpuint (neurons_history_get_stride (history), ==, 1);

  neurons_history_append (history, 5, 42);
  g_assert_cmpuint (neurons_history_get_length (history), ==, 1);
  neurons_history_get_point (history, 0, &point);
  g_assert_cmpfloat (point.samples_seen, ==, 5);
  g_assert_cmpfloat (point.value, ==, 42);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nn/history/short", test_short);
  g_test_add_func ("/nn/history/million", test_million);
  g_test_add_func ("/nn/history/even-spread", test_even_spread);
  g_test_add_func ("/nn/history/clear", test_clear);

  return g_test_run ();
}
