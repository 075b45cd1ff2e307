/* test-lessons-pane.c: the lessons pane, built, walked and drawn in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "neurons-dataset.h"
#include "neurons-lessons-pane.h"
#include "neurons-learning-rate-chart.h"
#include "neurons-activation-chart.h"
#include "neurons-history-chart.h"
#include "neurons-init-chart.h"
#include "neurons-weight-histogram.h"
#include "render-helper.h"

/*
 * GLib's test framework makes every warning and critical fatal, so a lesson that GTK builds,
 * lays out or draws with a complaint fails here. Settings live in the memory backend
 * (GSETTINGS_BACKEND=memory), reset before each test.
 */

/* The lessons in their order, and the setups each one's Try-it buttons ask the window for
 * (win.lesson-try, carried out in src/neurons-window-lessons.c). */
static const struct {
  const char *id;
  const char *title;
  const char *setups;   /* space-separated, in the order of the buttons */
} expected_lessons[] = {
  { "chain-of-voters", "A Chain of Voters", "fresh-start" },
  { "firing", "Firing", "activation-relu activation-sigmoid" },
  { "where-to-start", "Where to Start", "init-he init-xavier init-uniform" },
  { "weights-as-templates", "Weights as Templates", "watch-tiles lesion-rank" },
  { "one-sample-at-a-time", "Learning One Sample at a Time", "step-once one-per-second" },
  { "how-big-a-step", "How Big a Step", "relu-high-rate relu-usual-rate sigmoid-high-rate" },
  { "did-it-learn", "Did It Learn?", "show-test" },
  { "what-each-neuron-does", "What Each Neuron Does", "lesion-most" },
  { "your-turn", "Your Turn", "draw" },
  { "where-to-go-next", "Where to Go Next", "batch-32 adam softmax dropout augment best" },
};

#define N_LESSONS G_N_ELEMENTS (expected_lessons)

/* The narrowest the window's split view makes the lessons (data/ui/neurons-window.ui): the pane
   must fit it, on a phone too */
#define NARROWEST_PANE 290

static NeuronsDataset *test_set;

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "lesson");
  g_settings_reset (settings, "lessons-completed");
}

/* The pane in a window the size of the side pane, with a network and its evaluator. */
typedef struct
{
  GtkWidget          *window;
  NeuronsLessonsPane *pane;
  NeuronsNetworkModel   *net;
  NeuronsEvaluator   *evaluator;
  GString            *tried;      /* the setups asked for with win.lesson-try */
} Fixture;

static void
on_lesson_try (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *fixture = user_data;

  if (fixture->tried->len > 0)
    g_string_append_c (fixture->tried, ' ');
  g_string_append (fixture->tried, g_variant_get_string (parameter, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("lesson-try", G_VARIANT_TYPE_STRING);

  if (data == NULL)
    reset_settings ();

  fixture->tried = g_string_new (NULL);
  fixture->net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  fixture->evaluator = neurons_evaluator_new (fixture->net, test_set);
  fixture->pane = NEURONS_LESSONS_PANE (neurons_lessons_pane_new ());
  neurons_lessons_pane_set_net (fixture->pane, fixture->net);
  neurons_lessons_pane_set_evaluator (fixture->pane, fixture->evaluator);

  fixture->window = neurons_test_show_in_window (GTK_WIDGET (fixture->pane), 400, 900);
  g_signal_connect (action, "activate", G_CALLBACK (on_lesson_try), fixture);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (fixture->window, "win", G_ACTION_GROUP (group));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->evaluator);
  g_clear_object (&fixture->net);
  g_string_free (fixture->tried, TRUE);
}

/* The widgets of a type on show, in the order of the page. */
static void
collect_mapped (GtkWidget *widget,
                GType      type,
                GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_mapped (child, type, found);
}

static GPtrArray *
find_on_show (Fixture *fixture,
              GType    type)
{
  GPtrArray *found = g_ptr_array_new ();

  neurons_test_wait_for_frame (fixture->window);
  collect_mapped (GTK_WIDGET (fixture->pane), type, found);

  return found;
}

static GtkWidget *
find_one_on_show (Fixture *fixture,
                  GType    type)
{
  g_autoptr(GPtrArray) found = find_on_show (fixture, type);

  g_assert_cmpuint (found->len, ==, 1);
  return found->pdata[0];
}

/* The page on show: its title is a heading, and its Try-it buttons ask for its setups. */
static void
check_page (Fixture *fixture,
            guint    index)
{
  g_autoptr(GPtrArray) labels = find_on_show (fixture, GTK_TYPE_LABEL);
  g_autoptr(GPtrArray) buttons = find_on_show (fixture, GTK_TYPE_BUTTON);
  gboolean has_title = FALSE;
  int minimum, natural;

  g_assert_cmpstr (neurons_lessons_pane_get_lesson (fixture->pane), ==, expected_lessons[index].id);

  /* Everything fits the narrowest pane. The window's split view gives the lessons their width,
     whatever a lesson asks for, so the pane no longer grows as lessons are opened: each must
     only fit the narrowest, on a phone too. */
  gtk_widget_measure (GTK_WIDGET (fixture->pane), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("lesson %u asks for %d to %d pixels", index + 1, minimum, natural);
  g_assert_cmpint (minimum, <=, NARROWEST_PANE);
  g_assert_cmpint (natural, >=, minimum);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), expected_lessons[index].title) == 0)
      {
        g_assert_cmpint (gtk_accessible_get_accessible_role (labels->pdata[i]), ==, GTK_ACCESSIBLE_ROLE_HEADING);
        has_title = TRUE;
      }
  g_assert_true (has_title);

  g_string_truncate (fixture->tried, 0);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), "win.lesson-try") == 0)
      {
        g_assert_true (gtk_widget_is_sensitive (buttons->pdata[i]));
        g_signal_emit_by_name (buttons->pdata[i], "clicked");
      }
  g_assert_cmpstr (fixture->tried->str, ==, expected_lessons[index].setups);
}

/* Next walks through every lesson in order and stops at the last; Previous walks back. */
static void
test_walk (Fixture       *fixture,
           gconstpointer  data)
{
  for (guint i = 0; i < N_LESSONS; i++)
    {
      if (i > 0)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "lessons.next", NULL));
      check_page (fixture, i);
      g_test_message ("lesson %u: %s", i + 1, expected_lessons[i].id);
    }

  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "lessons.next", NULL);
  g_assert_cmpstr (neurons_lessons_pane_get_lesson (fixture->pane), ==, expected_lessons[N_LESSONS - 1].id);

  for (guint i = N_LESSONS - 1; i > 0; i--)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "lessons.previous", NULL);
      g_assert_cmpstr (neurons_lessons_pane_get_lesson (fixture->pane), ==, expected_lessons[i - 1].id);
    }
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "lessons.previous", NULL);
  g_assert_cmpstr (neurons_lessons_pane_get_lesson (fixture->pane), ==, expected_lessons[0].id);
}

static void
assert_completed (const char * const *expected)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) completed = g_settings_get_strv (settings, "lessons-completed");

  g_assert_cmpstrv (completed, expected);
}

/* Moving on with Next completes a lesson; the lesson open last opens again next time. */
static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  const char *first_two[] = { "chain-of-voters", "firing", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *lesson = NULL;
  Fixture reopened = { NULL, };

  assert_completed ((const char *[]) { NULL });
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "lessons.next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "lessons.next", NULL);
  assert_completed (first_two);
  lesson = g_settings_get_string (settings, "lesson");
  g_assert_cmpstr (lesson, ==, "where-to-start");

  /* Going back and forth completes nothing twice. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "lessons.previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "lessons.next", NULL);
  assert_completed (first_two);

  fixture_set_up (&reopened, GINT_TO_POINTER (TRUE));
  g_assert_cmpstr (neurons_lessons_pane_get_lesson (reopened.pane), ==, "where-to-start");
  fixture_tear_down (&reopened, NULL);

  /* The last lesson has no Next: opening it completes it. */
  neurons_lessons_pane_set_lesson (fixture->pane, "where-to-go-next");
  assert_completed ((const char *[]) { "chain-of-voters", "firing", "where-to-go-next", NULL });

  /* A lesson that no longer exists opens the first. */
  g_settings_set_string (settings, "lesson", "a-lesson-since-removed");
  fixture_set_up (&reopened, GINT_TO_POINTER (TRUE));
  g_assert_cmpstr (neurons_lessons_pane_get_lesson (reopened.pane), ==, "chain-of-voters");
  fixture_tear_down (&reopened, NULL);
}

/* The list of lessons opens any of them and tells a screen reader which are done. */
static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *list_button = NULL;
  g_autoptr(GPtrArray) buttons = find_on_show (fixture, GTK_TYPE_MENU_BUTTON);

  g_assert_cmpuint (buttons->len, ==, 1);
  list_button = buttons->pdata[0];
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (list_button)), ==, "Lesson 1 of 10");

  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "lessons.next", NULL);
  gtk_menu_button_popup (GTK_MENU_BUTTON (list_button));
  neurons_test_wait_for_frame (fixture->window);
  collect_mapped (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (list_button))), GTK_TYPE_LIST_BOX_ROW, rows);
  g_assert_cmpuint (rows->len, ==, N_LESSONS);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (rows->pdata[0]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Lesson 1: A Chain of Voters, completed");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (rows->pdata[5]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Lesson 6: How Big a Step");

  g_signal_emit_by_name (gtk_widget_get_parent (rows->pdata[5]), "row-activated", rows->pdata[5]);
  g_assert_cmpstr (neurons_lessons_pane_get_lesson (fixture->pane), ==, "how-big-a-step");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (list_button)), ==, "Lesson 6 of 10");
}

/* The figures follow the network and the evaluator the pane is given. */
static void
test_figures_follow_net (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) history_charts = NULL;
  GtkWidget *chart;

  neurons_lessons_pane_set_lesson (fixture->pane, "firing");
  chart = find_one_on_show (fixture, NEURONS_TYPE_ACTIVATION_CHART);
  g_assert_cmpint (neurons_activation_chart_get_activation (NEURONS_ACTIVATION_CHART (chart)), ==, NEURONS_ACTIVATION_SIGMOID);
  neurons_network_model_reinitialize (fixture->net, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 7);
  g_assert_cmpint (neurons_activation_chart_get_activation (NEURONS_ACTIVATION_CHART (chart)), ==, NEURONS_ACTIVATION_RELU);

  neurons_lessons_pane_set_lesson (fixture->pane, "where-to-start");
  chart = find_one_on_show (fixture, NEURONS_TYPE_INIT_CHART);
  g_assert_cmpint (neurons_init_chart_get_initialization (NEURONS_INIT_CHART (chart)), ==, NEURONS_INIT_HE);
  neurons_network_model_reinitialize (fixture->net, NEURONS_ACTIVATION_RELU, NEURONS_INIT_UNIFORM, 7);
  g_assert_cmpint (neurons_init_chart_get_initialization (NEURONS_INIT_CHART (chart)), ==, NEURONS_INIT_UNIFORM);

  neurons_lessons_pane_set_lesson (fixture->pane, "weights-as-templates");
  chart = find_one_on_show (fixture, NEURONS_TYPE_WEIGHT_HISTOGRAM);
  g_assert_true (neurons_weight_histogram_get_net (NEURONS_WEIGHT_HISTOGRAM (chart)) == fixture->net);

  neurons_lessons_pane_set_lesson (fixture->pane, "how-big-a-step");
  chart = find_one_on_show (fixture, NEURONS_TYPE_LEARNING_RATE_CHART);
  g_assert_true (neurons_network_model_set_learning_rate (fixture->net, 0.3, NULL));
  g_assert_cmpfloat (neurons_learning_rate_chart_get_learning_rate (NEURONS_LEARNING_RATE_CHART (chart)), ==, 0.3);
  g_assert_cmpint (neurons_learning_rate_chart_get_activation (NEURONS_LEARNING_RATE_CHART (chart)), ==, NEURONS_ACTIVATION_RELU);

  neurons_lessons_pane_set_lesson (fixture->pane, "one-sample-at-a-time");
  chart = find_one_on_show (fixture, NEURONS_TYPE_HISTORY_CHART);
  g_assert_cmpint (neurons_history_chart_get_kind (NEURONS_HISTORY_CHART (chart)), ==, NEURONS_HISTORY_CHART_COST);
  g_assert_true (neurons_history_chart_get_evaluator (NEURONS_HISTORY_CHART (chart)) == fixture->evaluator);

  /* An evaluator given later, as the window does once the digits are loaded, still arrives. */
  neurons_lessons_pane_set_lesson (fixture->pane, "did-it-learn");
  chart = find_one_on_show (fixture, NEURONS_TYPE_HISTORY_CHART);
  g_assert_cmpint (neurons_history_chart_get_kind (NEURONS_HISTORY_CHART (chart)), ==, NEURONS_HISTORY_CHART_ACCURACY);
  neurons_lessons_pane_set_evaluator (fixture->pane, NULL);
  g_assert_null (neurons_history_chart_get_evaluator (NEURONS_HISTORY_CHART (chart)));
  neurons_lessons_pane_set_evaluator (fixture->pane, fixture->evaluator);
  g_assert_true (neurons_history_chart_get_evaluator (NEURONS_HISTORY_CHART (chart)) == fixture->evaluator);
}

/* A note says that the lessons' numbers are the digits' when the network learns other images. */
static void
test_other_data (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *clothes[] = { "T-shirt", "Trouser", "Pullover", "Dress", "Coat",
                            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot", NULL };
  GtkWidget *note = find_one_on_show (fixture, GTK_TYPE_REVEALER);

  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (note)));
  neurons_network_model_set_class_names (fixture->net, clothes);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (note)));
  neurons_network_model_set_class_names (fixture->net, NULL);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (note)));
}

/* The further reading opens web addresses through the pane's lessons.open-uri. */
static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  neurons_lessons_pane_set_lesson (fixture->pane, "where-to-go-next");
  rows = find_on_show (fixture, ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    {
      GVariant *target = gtk_actionable_get_action_target_value (rows->pdata[i]);
      const char *uri;

      g_assert_cmpstr (gtk_actionable_get_action_name (rows->pdata[i]), ==, "lessons.open-uri");
      g_assert_nonnull (target);
      uri = g_variant_get_string (target, NULL);
      g_assert_true (g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL));
      g_assert_true (g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://"));
      g_assert_true (gtk_list_box_row_get_activatable (rows->pdata[i]));
    }
}

/* Every page, light and dark, saved in the build folder to look at. */
static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      neurons_test_set_dark (dark);
      for (guint i = 0; i < N_LESSONS; i++)
        {
          g_autofree char *name = g_strdup_printf ("lesson-%u-%s-%s", i + 1, expected_lessons[i].id, dark ? "dark" : "light");
          g_autoptr(NeuronsTestImage) image = NULL;

          neurons_lessons_pane_set_lesson (fixture->pane, expected_lessons[i].id);
          image = neurons_test_render (GTK_WIDGET (fixture->pane), name);
          g_assert_cmpint (image->width, ==, 400);
        }
    }
  neurons_test_set_dark (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *images = NULL;
  g_autofree char *labels = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  neurons_test_init_display (&argc, &argv);
  /* A page on its way out stays mapped while a transition lasts. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* Where GtkApplication would find the app's own icons */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/neurons/Neurons/icons");

  images = g_build_filename (g_getenv ("NEURONS_DATA_DIR"), "t10k-images-idx3-ubyte.gz", NULL);
  labels = g_build_filename (g_getenv ("NEURONS_DATA_DIR"), "t10k-labels-idx1-ubyte.gz", NULL);
  test_set = neurons_dataset_load (images, labels, &error);
  g_assert_no_error (error);

  g_test_add ("/widgets/lessons-pane/walk", Fixture, NULL, fixture_set_up, test_walk, fixture_tear_down);
  g_test_add ("/widgets/lessons-pane/progress", Fixture, NULL, fixture_set_up, test_progress, fixture_tear_down);
  g_test_add ("/widgets/lessons-pane/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/widgets/lessons-pane/figures-follow-net", Fixture, NULL, fixture_set_up, test_figures_follow_net, fixture_tear_down);
  g_test_add ("/widgets/lessons-pane/other-data", Fixture, NULL, fixture_set_up, test_other_data, fixture_tear_down);
  g_test_add ("/widgets/lessons-pane/links", Fixture, NULL, fixture_set_up, test_links, fixture_tear_down);
  g_test_add ("/widgets/lessons-pane/render", Fixture, NULL, fixture_set_up, test_render, fixture_tear_down);

  status = g_test_run ();
  neurons_dataset_unref (test_set);

  return status;
}
