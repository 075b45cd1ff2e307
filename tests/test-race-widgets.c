/* test-race-widgets.c: a race drawn: both curves on one chart, and each network in its lane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "neurons-chart.h"
#include "neurons-history-chart.h"
#include "neurons-race-lane.h"
#include "render-helper.h"

static NeuronsDataset *train_set;
static NeuronsDataset *test_set;

static void
on_state (NeuronsRace *race,
          GParamSpec  *pspec,
          GMainLoop   *loop)
{
  if (neurons_race_get_state (race) == NEURONS_RACE_FINISHED)
    g_main_loop_quit (loop);
}

/* "Sigmoid vs ReLU" over 3,000 samples, measured every 1,000. */
static NeuronsRace *
finished_race (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  NeuronsRacerSettings a, b;
  NeuronsRace *race;

  neurons_race_preset_get_settings (NEURONS_RACE_PRESET_SIGMOID_RELU, &a, &b);
  race = neurons_race_new (train_set, test_set, &a, &b, 7);
  neurons_race_set_finish (race, 3000, 0, 1000);
  g_signal_connect (race, "notify::state", G_CALLBACK (on_state), loop);
  neurons_race_start (race);
  g_main_loop_run (loop);
  g_signal_handlers_disconnect_by_func (race, on_state, loop);

  return race;
}

static guint
count_near (const NeuronsTestImage *image,
            const GdkRGBA          *color)
{
  guint count = 0;

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      count += neurons_test_image_near (image, x, y, color, 0.08);

  return count;
}

/* Both networks' curves, each in its own colour, and a description that names both with
 * their latest figures. */
static void
check_race_charts (gboolean dark)
{
  g_autoptr(NeuronsRace) race = finished_race ();
  const NeuronsRaceCheckpoint *last = neurons_race_get_checkpoint (race, 2);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *accuracy = neurons_history_chart_new (NEURONS_HISTORY_CHART_ACCURACY);
  GtkWidget *cost = neurons_history_chart_new (NEURONS_HISTORY_CHART_COST);
  g_autoptr(NeuronsTestImage) accuracy_image = NULL;
  g_autoptr(NeuronsTestImage) cost_image = NULL;
  g_autofree char *accuracy_description = NULL;
  g_autofree char *cost_description = NULL;
  GdkRGBA green, purple;
  GtkWidget *window;

  neurons_test_set_dark (dark);
  neurons_history_chart_set_race (NEURONS_HISTORY_CHART (accuracy), race);
  neurons_history_chart_set_race (NEURONS_HISTORY_CHART (cost), race);
  g_assert_true (neurons_history_chart_get_race (NEURONS_HISTORY_CHART (accuracy)) == race);
  gtk_widget_set_vexpand (accuracy, TRUE);
  gtk_widget_set_vexpand (cost, TRUE);
  gtk_box_append (GTK_BOX (box), accuracy);
  gtk_box_append (GTK_BOX (box), cost);
  window = neurons_test_show_in_window (box, 560, 440);
  accuracy_image = neurons_test_render (accuracy, dark ? "race-accuracy-dark" : "race-accuracy-light");
  cost_image = neurons_test_render (cost, dark ? "race-cost-dark" : "race-cost-light");

  neurons_chart_color (NEURONS_CHART_GREEN, dark, &green);
  neurons_chart_color (NEURONS_CHART_PURPLE, dark, &purple);
  /* a line across the chart in each colour, besides the legend */
  g_assert_cmpuint (count_near (accuracy_image, &green), >, 200);
  g_assert_cmpuint (count_near (accuracy_image, &purple), >, 150);
  g_assert_cmpuint (count_near (cost_image, &green), >, 200);
  g_assert_cmpuint (count_near (cost_image, &purple), >, 150);

  accuracy_description = g_strdup_printf ("Test accuracy after 3k samples: Sigmoid %.1f %%, ReLU %.1f %%.",
                                          100 * last->accuracy[0], 100 * last->accuracy[1]);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (accuracy), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       accuracy_description);
  cost_description = g_strdup_printf ("Running cost after 3k samples: Sigmoid %.3f, ReLU %.3f.",
                                      last->cost[0], last->cost[1]);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cost), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       cost_description);

  /* back to no race: the chart is empty again, not left pointing at it */
  neurons_history_chart_set_race (NEURONS_HISTORY_CHART (accuracy), NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (accuracy), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No network");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_race_charts_light (void)
{
  check_race_charts (FALSE);
}

static void
test_race_charts_dark (void)
{
  check_race_charts (TRUE);
}

/* A lane is a group named for its network, described by its settings, and shows that
 * network's view, scaled down rather than cut off where it is narrow. */
static void
test_race_lane (void)
{
  g_autoptr(NeuronsRace) race = finished_race ();
  GtkWidget *lane = neurons_race_lane_new (NEURONS_RACE_SIDE_B);
  g_autoptr(NeuronsTestImage) image = NULL;
  GtkWidget *window;
  int minimum, natural;

  neurons_test_set_dark (FALSE);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (lane), GTK_ACCESSIBLE_ROLE_GROUP);
  neurons_race_lane_set_race (NEURONS_RACE_LANE (lane), race);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (lane), GTK_ACCESSIBLE_PROPERTY_LABEL, "ReLU");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (lane), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "ReLU · He · rate 0.05");

  gtk_widget_measure (lane, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 320);
  g_assert_cmpint (natural, >=, 520);
  window = neurons_test_show_in_window (lane, 300, 400);
  image = neurons_test_render (lane, "race-lane-narrow");
  g_assert_cmpint (image->width, ==, 300);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;

  neurons_test_init_display (&argc, &argv);
  /* the descriptions in English, with a full stop for decimals */
  setlocale (LC_ALL, "C.UTF-8");

  directory = neurons_dataset_find_default_directory ();
  if (!neurons_dataset_load_directory (directory, &train_set, &test_set, &error))
    g_error ("Cannot load MNIST from %s: %s", directory, error->message);

  g_test_add_func ("/widgets/race/charts-light", test_race_charts_light);
  g_test_add_func ("/widgets/race/charts-dark", test_race_charts_dark);
  g_test_add_func ("/widgets/race/lane", test_race_lane);

  return g_test_run ();
}
