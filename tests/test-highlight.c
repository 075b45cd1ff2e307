/* test-highlight.c: the highlighted neuron the views share: pointer, keyboard and pin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "neurons-highlight.h"
#include "neurons-mlp.h"

static void
test_pinning (void)
{
  g_autoptr(NeuronsHighlight) highlight = neurons_highlight_new ();

  neurons_highlight_hover (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 4);
  g_assert_true (neurons_highlight_is (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 4));
  neurons_highlight_hover_end (highlight);
  g_assert_cmpint (neurons_highlight_get_layer (highlight), ==, NEURONS_HIGHLIGHT_NONE);

  /* a keyboard selection is not the pointer's to drop, but leaving the views drops it */
  neurons_highlight_select (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 3);
  neurons_highlight_hover_end (highlight);
  g_assert_true (neurons_highlight_is (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 3));
  neurons_highlight_clear (highlight);
  g_assert_cmpint (neurons_highlight_get_layer (highlight), ==, NEURONS_HIGHLIGHT_NONE);

  /* a pinned neuron stays while the pointer wanders */
  neurons_highlight_toggle_pin (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 2);
  neurons_highlight_hover (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 9);
  neurons_highlight_hover_end (highlight);
  g_assert_true (neurons_highlight_is (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 2));
  g_assert_true (neurons_highlight_get_pinned (highlight));

  /* the keyboard moves the pin; clicking the pinned one lets go */
  neurons_highlight_select (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 3);
  g_assert_true (neurons_highlight_is (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 3));
  g_assert_true (neurons_highlight_get_pinned (highlight));
  neurons_highlight_toggle_pin (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 3);
  g_assert_false (neurons_highlight_get_pinned (highlight));

  neurons_highlight_toggle_pin (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 1);
  neurons_highlight_unpin (highlight);
  g_assert_false (neurons_highlight_get_pinned (highlight));
  g_assert_cmpint (neurons_highlight_get_neuron (highlight), ==, -1);
}

/* Only a highlight the pointer made is the pointer's to drop, and the pointer may take over
 * a keyboard selection by hovering another neuron. */
static void
test_pointer_rule (void)
{
  g_autoptr(NeuronsHighlight) highlight = neurons_highlight_new ();

  /* hovered, then walked from the keyboard: the pointer's end no longer drops it */
  neurons_highlight_hover (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 7);
  neurons_highlight_select (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 8);
  neurons_highlight_hover_end (highlight);
  g_assert_true (neurons_highlight_is (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 8));
  g_assert_false (neurons_highlight_get_pinned (highlight));

  /* hovered again: the pointer's once more */
  neurons_highlight_hover (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 0);
  g_assert_true (neurons_highlight_is (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 0));
  neurons_highlight_hover_end (highlight);
  g_assert_cmpint (neurons_highlight_get_layer (highlight), ==, NEURONS_HIGHLIGHT_NONE);
  g_assert_cmpint (neurons_highlight_get_neuron (highlight), ==, -1);

  /* unpinned by a click, the neuron stays highlighted for the pointer still on it */
  neurons_highlight_hover (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 2);
  neurons_highlight_toggle_pin (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 2);
  neurons_highlight_toggle_pin (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 2);
  g_assert_true (neurons_highlight_is (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 2));
  neurons_highlight_hover_end (highlight);
  g_assert_cmpint (neurons_highlight_get_layer (highlight), ==, NEURONS_HIGHLIGHT_NONE);

  /* the focus leaving drops any unpinned highlight, and no pinned one */
  neurons_highlight_select (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 5);
  neurons_highlight_toggle_pin (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 5);
  neurons_highlight_clear (highlight);
  g_assert_true (neurons_highlight_is (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 5));
  g_assert_true (neurons_highlight_get_pinned (highlight));
}

typedef struct
{
  guint layer;
  guint neuron;
  guint pinned;
} Notified;

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              Notified   *notified)
{
  if (g_str_equal (pspec->name, "layer"))
    notified->layer++;
  else if (g_str_equal (pspec->name, "neuron"))
    notified->neuron++;
  else if (g_str_equal (pspec->name, "pinned"))
    notified->pinned++;
  else
    g_assert_not_reached ();
}

/* Each property is notified once when it changes, and never when it does not. */
static void
test_notify (void)
{
  g_autoptr(NeuronsHighlight) highlight = neurons_highlight_new ();
  Notified notified = { 0 };

  g_signal_connect (highlight, "notify", G_CALLBACK (count_notify), &notified);

  neurons_highlight_hover (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 4);
  g_assert_cmpuint (notified.layer, ==, 1);
  g_assert_cmpuint (notified.neuron, ==, 1);
  g_assert_cmpuint (notified.pinned, ==, 0);

  /* the same neuron again, by the pointer or the keyboard, then dropped */
  neurons_highlight_hover (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 4);
  neurons_highlight_select (highlight, NEURONS_HIGHLIGHT_HIDDEN1, 4);
  neurons_highlight_clear (highlight);
  g_assert_cmpuint (notified.layer, ==, 2);
  g_assert_cmpuint (notified.neuron, ==, 2);

  /* nothing to drop or let go of */
  neurons_highlight_hover_end (highlight);
  neurons_highlight_unpin (highlight);
  g_assert_cmpuint (notified.layer, ==, 2);
  g_assert_cmpuint (notified.neuron, ==, 2);
  g_assert_cmpuint (notified.pinned, ==, 0);

  /* another neuron in the same layer: only the neuron changes */
  neurons_highlight_toggle_pin (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 4);
  neurons_highlight_select (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 5);
  g_assert_cmpuint (notified.layer, ==, 3);
  g_assert_cmpuint (notified.neuron, ==, 4);
  g_assert_cmpuint (notified.pinned, ==, 1);
}

/* A neuron out of its layer is refused, and changes nothing. */
static void
test_out_of_range (void)
{
  g_autoptr(NeuronsHighlight) highlight = neurons_highlight_new ();

  g_test_expect_message ("neurons-highlight", G_LOG_LEVEL_CRITICAL, "*is_valid*");
  neurons_highlight_select (highlight, NEURONS_HIGHLIGHT_HIDDEN2, NEURONS_HIDDEN2_SIZE);
  g_test_assert_expected_messages ();

  g_test_expect_message ("neurons-highlight", G_LOG_LEVEL_CRITICAL, "*is_valid*");
  neurons_highlight_hover (highlight, NEURONS_HIGHLIGHT_NONE, 0);
  g_test_assert_expected_messages ();

  g_assert_cmpint (neurons_highlight_get_layer (highlight), ==, NEURONS_HIGHLIGHT_NONE);
  g_assert_false (neurons_highlight_is (highlight, NEURONS_HIGHLIGHT_NONE, -1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nn/highlight/pinning", test_pinning);
  g_test_add_func ("/nn/highlight/pointer-rule", test_pointer_rule);
  g_test_add_func ("/nn/highlight/notify", test_notify);
  g_test_add_func ("/nn/highlight/out-of-range", test_out_of_range);

  return g_test_run ();
}
