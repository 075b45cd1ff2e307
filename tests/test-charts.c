/* test-charts.c: the teaching charts, rendered to pixels and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-activation-chart.h"
#include "neurons-activation-curve.h"
#include "neurons-chart.h"
#include "neurons-colors.h"
#include "neurons-confusion-matrix.h"
#include "neurons-evaluator.h"
#include "neurons-history-chart.h"
#include "neurons-init-chart.h"
#include "neurons-learning-rate-chart.h"
#include "neurons-test-bench.h"
#include "neurons-weight-histogram.h"
#include "render-helper.h"

/*
 * Each chart is asked what it means, in pixels: where a curve lies, how wide a histogram
 * spreads, whether a wrong guess carries its tag. Evaluations use the real MNIST test set
 * and a network that has not trained, which gets most test images wrong and a few right.
 */

static NeuronsDataset *test_set;

/* The row where a horizontal line of faint foreground crosses the most of the picture. */
static int
find_zero_line (const NeuronsTestImage *image,
                int                     left,
                int                     right)
{
  int best_row = -1, best_count = 0;

  for (int y = 0; y < image->height; y++)
    {
      int count = 0;

      for (int x = left; x < right; x++)
        {
          double rgb[3];

          neurons_test_image_get (image, x, y, rgb);
          /* grey, and clearly darker than the light background */
          count += fabs (rgb[0] - rgb[2]) < 0.05 && rgb[1] < 0.75;
        }
      if (count > best_count)
        {
          best_count = count;
          best_row = y;
        }
    }

  g_assert_cmpint (best_count, >, (right - left) / 2);
  return best_row;
}

/* ReLU is 0 for every negative weighted sum: its pixels left of the vertical axis all lie on
 * the horizontal zero line, while right of it they climb. */
static void
test_activation_relu_flat (void)
{
  GtkWidget *chart = neurons_activation_chart_new ();
  GtkWidget *window;
  g_autoptr(NeuronsTestImage) image = NULL;
  GdkRGBA relu;
  int zero_row, middle, left_min = G_MAXINT, left_max = -1, right_min = G_MAXINT, right_max = -1;
  guint left_count = 0;

  neurons_test_set_dark (FALSE);
  neurons_activation_chart_set_activation (NEURONS_ACTIVATION_CHART (chart), NEURONS_ACTIVATION_RELU);
  window = neurons_test_show_in_window (chart, 480, 300);
  image = neurons_test_render (chart, "charts-activation-relu");
  neurons_chart_color (NEURONS_CHART_PURPLE, FALSE, &relu);

  /* the plot spans from x = 34 to the right edge less 8; z = 0 is in its middle */
  middle = 34 + (image->width - 42) / 2;
  /* ReLU itself covers the axis on the left */
  zero_row = find_zero_line (image, middle + 4, image->width - 8);

  /* below the legend, which is written in the curves' colours */
  for (int y = image->height / 3; y < image->height; y++)
    for (int x = 36; x < image->width - 10; x++)
      {
        if (abs (x - middle) < 4 || !neurons_test_image_near (image, x, y, &relu, 0.08))
          continue;
        if (x < middle)
          {
            left_min = MIN (left_min, y);
            left_max = MAX (left_max, y);
            left_count++;
          }
        else
          {
            right_min = MIN (right_min, y);
            right_max = MAX (right_max, y);
          }
      }

  g_assert_cmpuint (left_count, >, (middle - 36) / 2);
  g_assert_cmpint (left_min, >=, zero_row - 2);
  g_assert_cmpint (left_max, <=, zero_row + 2);
  /* to the right it rises from the zero line to the top of the picture */
  g_assert_cmpint (right_max - right_min, >, image->height / 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Shows a test image and highlights the first-layer neuron whose weighted sum lies farthest
 * from zero, so that its mark stays clear of the slope's peak at z = 0. */
static void
mark_far_neuron (NeuronsNetworkModel *net,
                 NeuronsHighlight *highlight)
{
  const NeuronsForward *forward;
  guint farthest = 0;

  neurons_network_model_show_input (net, neurons_dataset_image (test_set, 0), test_set->labels[0], 0);
  forward = neurons_network_model_get_forward (net);
  for (guint j = 1; j < NEURONS_HIDDEN1_SIZE; j++)
    if (fabsf (forward->z1[j]) > fabsf (forward->z1[farthest]))
      farthest = j;
  g_assert_cmpfloat (fabsf (forward->z1[farthest]), >, 0.5);
  neurons_highlight_select (highlight, NEURONS_HIGHLIGHT_HIDDEN1, farthest);
}

/* The chart follows the highlight and the net itself: pointing at a neuron marks its weighted
 * sum, training moves the mark, and letting go clears it. */
static void
test_activation_follows_highlight (void)
{
  GtkWidget *chart = g_object_ref_sink (neurons_activation_chart_new ());
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  g_autoptr(NeuronsHighlight) highlight = neurons_highlight_new ();
  NeuronsActivationChart *activation = NEURONS_ACTIVATION_CHART (chart);
  char *mismatch;
  double before;

  neurons_activation_chart_set_net (activation, net);
  neurons_activation_chart_set_highlight (activation, highlight);
  neurons_network_model_show_input (net, neurons_dataset_image (test_set, 0), test_set->labels[0], 0);
  g_assert_true (isnan (neurons_activation_chart_get_marked_input (activation)));

  neurons_highlight_hover (highlight, NEURONS_HIGHLIGHT_HIDDEN2, 3);
  before = neurons_activation_chart_get_marked_input (activation);
  g_assert_cmpfloat (before, ==, neurons_network_model_get_forward (net)->z2[3]);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
  g_assert_nonnull (strstr (mismatch, "weighted sum is"));
  g_free (mismatch);

  neurons_network_model_show_input (net, neurons_dataset_image (test_set, 1), test_set->labels[1], 1);
  g_assert_cmpfloat (neurons_activation_chart_get_marked_input (activation), !=, before);

  neurons_highlight_hover_end (highlight);
  g_assert_true (isnan (neurons_activation_chart_get_marked_input (activation)));
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
  g_assert_null (strstr (mismatch, "weighted sum is"));
  g_free (mismatch);

  g_object_unref (chart);
}

/* Whether the inspector's curve has its mark's colour a few pixels above and below where
 * (z, a) falls, where the thin curve itself does not pass. */
static gboolean
curve_marked_at (GtkWidget *curve,
                 double     z,
                 double     a)
{
  g_autoptr(NeuronsTestImage) image = neurons_test_render (curve, "charts-activation-curve");
  /* the plot area is inset 8 pixels and spans z from −6 to 6, a from −0.2 to 1.2 */
  int x = (int) round (8 + (image->width - 16) * (z + 6) / 12);
  int y = (int) round (8 + (image->height - 16) * (1.2 - a) / 1.4);
  GdkRGBA green;

  neurons_chart_color (NEURONS_CHART_GREEN, FALSE, &green);
  return neurons_test_image_near (image, x, y - 3, &green, 0.1) && neurons_test_image_near (image, x, y + 3, &green, 0.1);
}

/* The inspector's curve marks the point it is given, says it, and moves the mark with it. */
static void
test_activation_curve_mark (void)
{
  GtkWidget *curve = neurons_activation_curve_new ();
  GtkWidget *window;
  float a = 1 / (1 + expf (-2));
  char *mismatch;

  neurons_test_set_dark (FALSE);
  neurons_activation_curve_set_point (NEURONS_ACTIVATION_CURVE (curve), NEURONS_ACTIVATION_SIGMOID, 2, a);
  window = neurons_test_show_in_window (curve, 240, 140);
  g_assert_true (curve_marked_at (curve, 2, a));
  g_assert_false (curve_marked_at (curve, -2, 1 - a));
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (curve), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
  g_assert_nonnull (strstr (mismatch, "z = 2.0000, a = 0.8808"));
  g_free (mismatch);

  neurons_activation_curve_set_point (NEURONS_ACTIVATION_CURVE (curve), NEURONS_ACTIVATION_SIGMOID, -2, 1 - a);
  neurons_test_wait_for_frame (window);
  g_assert_true (curve_marked_at (curve, -2, 1 - a));
  g_assert_false (curve_marked_at (curve, 2, a));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The derivatives: Sigmoid's tops out at 0.25, a quarter of the way up to ReLU's 1. */
static void
test_activation_derivatives (void)
{
  GtkWidget *chart = neurons_activation_chart_new ();
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  g_autoptr(NeuronsHighlight) highlight = neurons_highlight_new ();
  GtkWidget *window;
  g_autoptr(NeuronsTestImage) plain = NULL;
  g_autoptr(NeuronsTestImage) with_slopes = NULL;
  GdkRGBA sigmoid;
  int zero_row, middle, sigmoid_top = G_MAXINT;
  double top_value;

  neurons_test_set_dark (FALSE);
  window = neurons_test_show_in_window (chart, 480, 300);
  plain = neurons_test_render (chart, "charts-activation-sigmoid");
  neurons_activation_chart_set_show_derivatives (NEURONS_ACTIVATION_CHART (chart), TRUE);
  neurons_activation_chart_set_net (NEURONS_ACTIVATION_CHART (chart), net);
  neurons_activation_chart_set_highlight (NEURONS_ACTIVATION_CHART (chart), highlight);
  mark_far_neuron (net, highlight);
  with_slopes = neurons_test_render (chart, "charts-activation-derivatives");
  neurons_chart_color (NEURONS_CHART_GREEN, FALSE, &sigmoid);

  middle = 34 + (with_slopes->width - 42) / 2;
  zero_row = find_zero_line (with_slopes, middle + 4, with_slopes->width - 8);

  /* Sigmoid's dashed slope is highest at z = 0, where Sigmoid itself crosses 0.5: take the
   * green pixels in the column at z = 0 that are not on the curve itself (it passes at 0.5) */
  for (int x = middle - 12; x < middle - 2; x++)   /* a few columns: the line is dashed */
    for (int y = with_slopes->height / 3; y < zero_row; y++)
      if (neurons_test_image_near (with_slopes, x, y, &sigmoid, 0.08)
          && !neurons_test_image_near (plain, x, y, &sigmoid, 0.08))
        sigmoid_top = MIN (sigmoid_top, y);

  /* the plot runs from y = 6 (value 1.5) down to the zero row (value 0); the line is 2.5 px
   * wide, so its top edge lies a pixel above its value */
  top_value = (zero_row - sigmoid_top - 1) / ((zero_row - 6) / 1.5);
  g_assert_cmpfloat_with_epsilon (top_value, 0.25, 0.03);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  double mean;
  double deviation;
  guint  count;
} Spread;

/* The horizontal spread of the coloured (by sign) pixels: the highlighted histogram's. */
static Spread
coloured_spread (const NeuronsTestImage *image)
{
  double sum = 0, sum_squares = 0;
  guint count = 0;

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        double rgb[3];

        neurons_test_image_get (image, x, y, rgb);
        if (MAX (rgb[0], rgb[2]) - MIN (rgb[0], rgb[2]) > 0.25)
          {
            sum += x;
            sum_squares += (double) x * x;
            count++;
          }
      }

  g_assert_cmpuint (count, >, 100);
  return (Spread) { sum / count, sqrt (sum_squares / count - (sum / count) * (sum / count)), count };
}

/* He draws wider than Xavier by √2, and Uniform far wider than both: measured in pixels. */
static void
test_init_spread (void)
{
  GtkWidget *chart = neurons_init_chart_new ();
  GtkWidget *window;
  Spread spread[3];
  static const NeuronsInit inits[] = { NEURONS_INIT_HE, NEURONS_INIT_XAVIER, NEURONS_INIT_UNIFORM };
  static const char *names[] = { "charts-init-he", "charts-init-xavier", "charts-init-uniform" };

  neurons_test_set_dark (FALSE);
  window = neurons_test_show_in_window (chart, 720, 330);
  for (guint i = 0; i < G_N_ELEMENTS (inits); i++)
    {
      g_autoptr(NeuronsTestImage) image = NULL;

      neurons_init_chart_set_initialization (NEURONS_INIT_CHART (chart), inits[i]);
      image = neurons_test_render (chart, names[i]);
      spread[i] = coloured_spread (image);
      g_test_message ("%s: spread %.1f px around %.1f", names[i], spread[i].deviation, spread[i].mean);
    }

  /* the bars are one pixel wide at most a few bins apart: allow for that */
  g_assert_cmpfloat (spread[0].deviation, >, 1.2 * spread[1].deviation);
  g_assert_cmpfloat (spread[0].deviation / spread[1].deviation, <, 1.7);
  g_assert_cmpfloat (spread[2].deviation, >, 3 * spread[0].deviation);
  /* all centred on the same zero */
  g_assert_cmpfloat_with_epsilon (spread[0].mean, spread[1].mean, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_updated (NeuronsEvaluator *evaluator,
            gboolean         *updated)
{
  *updated = TRUE;
}

static NeuronsEvaluator *
evaluated_untrained_net (NeuronsNetworkModel **net)
{
  NeuronsEvaluator *evaluator;
  gboolean updated = FALSE;

  *net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  evaluator = neurons_evaluator_new (*net, test_set);
  g_signal_connect (evaluator, "updated", G_CALLBACK (on_updated), &updated);
  while (!updated || !neurons_evaluator_has_results (evaluator))
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (evaluator, &updated);

  return evaluator;
}

/* The share of a rectangle's pixels close to a colour. */
static double
share_near (const NeuronsTestImage *image,
            const graphene_rect_t  *area,
            const GdkRGBA          *color)
{
  guint near = 0, all = 0;

  for (int y = ceil (area->origin.y); y < floor (area->origin.y + area->size.height); y++)
    for (int x = ceil (area->origin.x); x < floor (area->origin.x + area->size.width); x++)
      {
        near += neurons_test_image_near (image, x, y, color, 0.1);
        all++;
      }

  g_assert_cmpuint (all, >, 0);
  return (double) near / all;
}

static void
on_sample_activated (GtkWidget *widget,
                     guint      test_index,
                     guint     *activated)
{
  *activated = test_index;
}

/* Every wrong image, and only those, carries a red tag with white writing; its accessible
 * name says what the network guessed. */
static void
check_bench (gboolean dark)
{
  g_autoptr(NeuronsNetworkModel) net = NULL;
  g_autoptr(NeuronsEvaluator) evaluator = evaluated_untrained_net (&net);
  g_autoptr(NeuronsTestImage) image = NULL;
  GtkWidget *bench = neurons_test_bench_new ();
  const NeuronsPanelSample *panel;
  GtkWidget *window;
  guint n_panel, n_wrong = 0, activated = G_MAXUINT;
  GdkRGBA red, white = { 1, 1, 1, 1 };

  neurons_test_set_dark (dark);
  neurons_test_bench_set_evaluator (NEURONS_TEST_BENCH (bench), evaluator);
  window = neurons_test_show_in_window (bench, 600, 600);
  image = neurons_test_render (bench, dark ? "charts-bench-dark" : "charts-bench-light");
  neurons_chart_color (NEURONS_CHART_WRONG, dark, &red);

  panel = neurons_evaluator_get_panel (evaluator, &n_panel);
  g_assert_cmpuint (n_panel, ==, NEURONS_PANEL_SIZE);
  for (guint p = 0; p < n_panel; p++)
    {
      NeuronsDigitButton *button = neurons_test_bench_get_button (NEURONS_TEST_BENCH (bench), p);
      gboolean wrong = panel[p].prediction != panel[p].label;
      graphene_rect_t in_button, badge;
      g_autofree char *name = NULL;

      g_assert_cmpuint (neurons_digit_button_get_index (button), ==, panel[p].test_index);
      g_assert_cmpint (neurons_digit_button_get_wrong (button), ==, wrong);

      neurons_digit_button_get_badge_bounds (button, &in_button);
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (button), bench, &badge));
      badge.origin.x += in_button.origin.x + 1;
      badge.origin.y += in_button.origin.y + 1;
      badge.size = GRAPHENE_SIZE_INIT (in_button.size.width - 2, in_button.size.height - 2);

      if (wrong)
        {
          name = g_strdup_printf ("Test image %u, a %u, guessed %u: wrong",
                                  panel[p].test_index, panel[p].label, panel[p].prediction);
          g_assert_cmpfloat (share_near (image, &badge, &red), >, 0.4);
          g_assert_cmpfloat (share_near (image, &badge, &white), >, 0.03);
          n_wrong++;
        }
      else
        {
          name = g_strdup_printf ("Test image %u, a %u, guessed right", panel[p].test_index, panel[p].label);
          g_assert_cmpfloat (share_near (image, &badge, &red), <, 0.05);
        }
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
    }

  /* an untrained network gets most wrong, and some right */
  g_assert_cmpuint (n_wrong, >, n_panel / 2);
  g_assert_cmpuint (n_wrong, <, n_panel);

  /* The images take the keyboard focus, in reading order, and arrows move between them */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (neurons_test_bench_get_button (NEURONS_TEST_BENCH (bench), 0))));
  g_assert_true (gtk_widget_child_focus (bench, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (neurons_test_bench_get_button (NEURONS_TEST_BENCH (bench), 1)));
  g_assert_true (gtk_widget_child_focus (bench, GTK_DIR_LEFT));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (neurons_test_bench_get_button (NEURONS_TEST_BENCH (bench), 0)));
  g_assert_true (gtk_widget_child_focus (bench, GTK_DIR_DOWN));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (neurons_test_bench_get_button (NEURONS_TEST_BENCH (bench), NEURONS_PANEL_PER_DIGIT)));
  g_assert_true (gtk_widget_child_focus (bench, GTK_DIR_RIGHT));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (neurons_test_bench_get_button (NEURONS_TEST_BENCH (bench), NEURONS_PANEL_PER_DIGIT + 1)));

  /* Enter, Space or a click on an image asks the window to show it */
  g_signal_connect (bench, "sample-activated", G_CALLBACK (on_sample_activated), &activated);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (neurons_test_bench_get_button (NEURONS_TEST_BENCH (bench), 40))));
  g_assert_cmpuint (activated, ==, panel[40].test_index);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bench_light (void)
{
  check_bench (FALSE);
}

static void
test_bench_dark (void)
{
  check_bench (TRUE);
}

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const NeuronsEvaluation *results = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  guint count_x = results->confusion[x / 10][x % 10], count_y = results->confusion[y / 10][y % 10];

  return (count_y > count_x) - (count_y < count_x);
}

static char *
expected_confusion_description (const NeuronsEvaluation *results)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *description = g_string_new (NULL);

  for (guint cell = 0; cell < 100; cell++)
    if (cell / 10 != cell % 10 && results->confusion[cell / 10][cell % 10] > 0)
      g_array_append_val (cells, cell);
  /* stable: ties stay in row order, as the chart takes them */
  g_array_sort_with_data (cells, compare_cells, (gpointer) results);

  g_string_append_printf (description, "Of %u test images, %u are on the diagonal, guessed right.",
                          results->n_samples, results->n_correct);
  for (guint i = 0; i < MIN (cells->len, 3); i++)
    {
      guint cell = g_array_index (cells, guint, i);

      g_string_append_printf (description, i == 0 ? " Most common mistake: %u taken for %u, %u times."
                                                  : " Then %u taken for %u, %u times.",
                              cell / 10, cell % 10, results->confusion[cell / 10][cell % 10]);
    }

  return g_string_free (description, FALSE);
}

static void
collect_digit_buttons (GtkWidget *widget,
                       GPtrArray *buttons)
{
  if (NEURONS_IS_DIGIT_BUTTON (widget))
    g_ptr_array_add (buttons, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_digit_buttons (child, buttons);
}

/* The matrix holds every test image once, row by true digit; activating a cell shows the
 * very images behind it. */
static void
test_confusion_matrix (void)
{
  g_autoptr(NeuronsNetworkModel) net = NULL;
  g_autoptr(NeuronsEvaluator) evaluator = evaluated_untrained_net (&net);
  g_autoptr(NeuronsTestImage) image = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  const NeuronsEvaluation *results = neurons_evaluator_get_evaluation (evaluator);
  GtkWidget *matrix = neurons_confusion_matrix_new ();
  GtkWidget *window;
  guint worst_true = 0, worst_predicted = 1, count;
  graphene_rect_t worst_cell, empty_cell = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gboolean found_empty = FALSE;
  GdkRGBA red;
  g_autofree char *description = NULL;

  neurons_test_set_dark (FALSE);
  neurons_confusion_matrix_set_evaluator (NEURONS_CONFUSION_MATRIX (matrix), evaluator);
  window = neurons_test_show_in_window (matrix, 520, 480);
  image = neurons_test_render (matrix, "charts-confusion");
  neurons_chart_color (NEURONS_CHART_WRONG, FALSE, &red);

  for (guint t = 0; t < NEURONS_OUTPUT_SIZE; t++)
    {
      guint row = 0;

      for (guint p = 0; p < NEURONS_OUTPUT_SIZE; p++)
        {
          row += results->confusion[t][p];
          if (t != p && results->confusion[t][p] > results->confusion[worst_true][worst_predicted])
            {
              worst_true = t;
              worst_predicted = p;
            }
          if (t != p && results->confusion[t][p] == 0 && !found_empty)
            found_empty = neurons_confusion_matrix_get_cell_bounds (NEURONS_CONFUSION_MATRIX (matrix), t, p, &empty_cell);
        }
      g_assert_cmpuint (row, ==, results->per_digit_total[t]);
    }

  /* the worst confusion is the reddest cell; an empty one has no red at all */
  g_assert_true (neurons_confusion_matrix_get_cell_bounds (NEURONS_CONFUSION_MATRIX (matrix),
                                                           worst_true, worst_predicted, &worst_cell));
  g_assert_cmpfloat (share_near (image, &GRAPHENE_RECT_INIT (worst_cell.origin.x + 3, worst_cell.origin.y + 3, 6, 6), &red), >, 0.8);
  if (found_empty)
    g_assert_cmpfloat (share_near (image, &empty_cell, &red), ==, 0);

  /* The description names the three most common mistakes, largest first */
  description = expected_confusion_description (results);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (matrix), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  g_signal_emit_by_name (matrix, "cell-activated", worst_true, worst_predicted);
  collect_digit_buttons (gtk_popover_get_child (GTK_POPOVER (neurons_confusion_matrix_get_popover (NEURONS_CONFUSION_MATRIX (matrix)))),
                         buttons);
  count = results->confusion[worst_true][worst_predicted];
  g_assert_cmpuint (buttons->len, ==, MIN (count, 40));
  for (guint i = 0; i < buttons->len; i++)
    {
      NeuronsDigitButton *button = g_ptr_array_index (buttons, i);

      g_assert_cmpuint (neurons_digit_button_get_label (button), ==, worst_true);
      g_assert_cmpint (neurons_digit_button_get_prediction (button), ==, worst_predicted);
      g_assert_cmpuint (test_set->labels[neurons_digit_button_get_index (button)], ==, worst_true);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The accessible after @accessible, whose reference it takes. */
static GtkAccessible *
next_accessible_sibling (GtkAccessible *accessible)
{
  GtkAccessible *next = gtk_accessible_get_next_accessible_sibling (accessible);

  g_object_unref (accessible);
  return next;
}

/* A screen reader walks the matrix as a grid: ten rows of ten cells, each naming its digits
 * and its count; the cell under the keyboard cursor is the grid's active descendant. */
static void
test_confusion_matrix_cells (void)
{
  g_autoptr(NeuronsNetworkModel) net = NULL;
  g_autoptr(NeuronsEvaluator) evaluator = evaluated_untrained_net (&net);
  const NeuronsEvaluation *results = neurons_evaluator_get_evaluation (evaluator);
  GtkWidget *matrix = neurons_confusion_matrix_new ();
  GtkAccessible *first_cell = NULL;
  GtkWidget *window;
  guint n_rows = 0;

  neurons_confusion_matrix_set_evaluator (NEURONS_CONFUSION_MATRIX (matrix), evaluator);
  window = neurons_test_show_in_window (matrix, 520, 480);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (matrix), GTK_ACCESSIBLE_ROLE_GRID);
  for (GtkAccessible *row = gtk_accessible_get_first_accessible_child (GTK_ACCESSIBLE (matrix));
       row != NULL;
       row = next_accessible_sibling (row))
    {
      g_autofree char *row_label = NULL;
      guint n_cells = 0;

      if (gtk_accessible_get_accessible_role (row) != GTK_ACCESSIBLE_ROLE_ROW)
        continue;

      g_assert_cmpuint (n_rows, <, NEURONS_OUTPUT_SIZE);
      row_label = g_strdup_printf ("True %u", n_rows);
      gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, row_label);

      for (GtkAccessible *cell = gtk_accessible_get_first_accessible_child (row);
           cell != NULL;
           cell = next_accessible_sibling (cell))
        {
          guint count = results->confusion[n_rows][n_cells];
          g_autofree char *label = g_strdup_printf (count == 1 ? "True %u, guessed %u: %u image"
                                                               : "True %u, guessed %u: %u images",
                                                    n_rows, n_cells, count);

          g_assert_cmpuint (n_cells, <, NEURONS_OUTPUT_SIZE);
          gtk_test_accessible_assert_role (cell, GTK_ACCESSIBLE_ROLE_GRID_CELL);
          gtk_test_accessible_assert_property (cell, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
          gtk_test_accessible_assert_relation (cell, GTK_ACCESSIBLE_RELATION_ROW_INDEX, n_rows + 1);
          gtk_test_accessible_assert_relation (cell, GTK_ACCESSIBLE_RELATION_COL_INDEX, n_cells + 1);
          gtk_test_accessible_assert_state (cell, GTK_ACCESSIBLE_STATE_SELECTED, n_rows == 0 && n_cells == 0);
          if (n_rows == 0 && n_cells == 0)
            first_cell = cell;
          n_cells++;
        }
      g_assert_cmpuint (n_cells, ==, NEURONS_OUTPUT_SIZE);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, NEURONS_OUTPUT_SIZE);

  /* the keyboard cursor starts on the first cell */
  g_assert_nonnull (first_cell);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (matrix), GTK_ACCESSIBLE_RELATION_ACTIVE_DESCENDANT, first_cell);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
on_deadline (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the widget's description is the expected one, for up to 5 s. */
static void
wait_for_description (GtkWidget  *widget,
                      const char *expected)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add_seconds (5, on_deadline, &expired);
  char *mismatch;

  while ((mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected)) != NULL && !expired)
    {
      g_free (mismatch);
      g_main_context_iteration (NULL, TRUE);
    }

  if (!expired)
    g_source_remove (deadline);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
}

/* Before training the weights are where they started; training spreads them, and the
 * description follows. */
static void
test_weight_histogram (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 3);
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *images = g_build_filename (g_getenv ("NEURONS_DATA_DIR"), "train-images-idx3-ubyte.gz", NULL);
  g_autofree char *labels = g_build_filename (g_getenv ("NEURONS_DATA_DIR"), "train-labels-idx1-ubyte.gz", NULL);
  g_autoptr(NeuronsTestImage) image = NULL;
  GtkWidget *histogram = neurons_weight_histogram_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  float weights[NEURONS_HIDDEN2_SIZE * NEURONS_HIDDEN1_SIZE];
  gsize n_weights = G_N_ELEMENTS (weights);
  GtkWidget *window;
  double initial_deviation;

  neurons_test_set_dark (FALSE);
  neurons_weight_histogram_set_net (NEURONS_WEIGHT_HISTOGRAM (histogram), net);
  neurons_weight_histogram_set_layer (NEURONS_WEIGHT_HISTOGRAM (histogram), 1);
  window = neurons_test_show_in_window (histogram, 420, 220);

  neurons_mlp_copy_layer_weights (neurons_network_model_get_mlp (net), 1, weights);
  g_assert_cmpuint (n_weights, ==, 256);
  initial_deviation = neurons_chart_standard_deviation (weights, n_weights);
  before = g_strdup_printf ("Hidden layer 1 → hidden layer 2: after 0 training samples the weights spread with "
                            "standard deviation %.3f; they started at %.3f.", initial_deviation, initial_deviation);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (histogram), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, before);

  train = neurons_dataset_load (images, labels, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < 3000; s++)
    neurons_network_model_train_step (net, neurons_dataset_image (train, s), train->labels[s], s);
  image = neurons_test_render (histogram, "charts-weights");
  neurons_mlp_copy_layer_weights (neurons_network_model_get_mlp (net), 1, weights);
  after = g_strdup_printf ("Hidden layer 1 → hidden layer 2: after 3k training samples the weights spread with "
                           "standard deviation %.3f; they started at %.3f.",
                           neurons_chart_standard_deviation (weights, n_weights), initial_deviation);
  g_assert_cmpstr (before, !=, after);
  /* the histogram recounts a moment after the steps, not on every one */
  wait_for_description (histogram, after);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The progress charts and the learning-rate picture draw their lines in both styles. */
static void
check_progress (gboolean dark)
{
  g_autoptr(NeuronsNetworkModel) net = NULL;
  g_autoptr(NeuronsEvaluator) evaluator = evaluated_untrained_net (&net);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *accuracy = neurons_history_chart_new (NEURONS_HISTORY_CHART_ACCURACY);
  GtkWidget *rates = neurons_learning_rate_chart_new ();
  g_autoptr(NeuronsTestImage) accuracy_image = NULL;
  g_autoptr(NeuronsTestImage) rates_image = NULL;
  GtkWidget *window;
  GdkRGBA green, yellow;
  guint green_pixels = 0, yellow_pixels = 0;

  neurons_test_set_dark (dark);
  neurons_history_chart_set_evaluator (NEURONS_HISTORY_CHART (accuracy), evaluator);
  gtk_widget_set_vexpand (accuracy, TRUE);
  gtk_widget_set_vexpand (rates, TRUE);
  gtk_box_append (GTK_BOX (box), accuracy);
  gtk_box_append (GTK_BOX (box), rates);
  window = neurons_test_show_in_window (box, 560, 480);
  accuracy_image = neurons_test_render (accuracy, dark ? "charts-accuracy-dark" : "charts-accuracy-light");
  rates_image = neurons_test_render (rates, dark ? "charts-rates-dark" : "charts-rates-light");
  neurons_chart_color (NEURONS_CHART_GREEN, dark, &green);
  neurons_chart_color (NEURONS_CHART_YELLOW, dark, &yellow);

  for (int y = 0; y < accuracy_image->height; y++)
    for (int x = 0; x < accuracy_image->width; x++)
      green_pixels += neurons_test_image_near (accuracy_image, x, y, &green, 0.08);
  for (int y = 0; y < rates_image->height; y++)
    for (int x = 0; x < rates_image->width; x++)
      yellow_pixels += neurons_test_image_near (rates_image, x, y, &yellow, 0.08);

  /* one evaluation: the legend in green, and its point */
  g_assert_cmpuint (green_pixels, >, 20);
  /* the too-large path, in yellow */
  g_assert_cmpuint (yellow_pixels, >, 50);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_progress_light (void)
{
  check_progress (FALSE);
}

static void
test_progress_dark (void)
{
  check_progress (TRUE);
}

/* A dataset of clothes names its classes: the test bench's images, the confusion matrix and its
 * rows say "a Sneaker" where the digits say "a 7"; back to the digits, they say "a 7" again. */
static void
test_class_names (void)
{
  static const char *clothes[] = { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot", NULL };
  g_autoptr(NeuronsNetworkModel) net = NULL;
  g_autoptr(NeuronsEvaluator) evaluator = evaluated_untrained_net (&net);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *bench = neurons_test_bench_new ();
  GtkWidget *matrix = neurons_confusion_matrix_new ();
  g_autofree char *matrix_label = NULL;
  const NeuronsPanelSample *panel;
  GtkWidget *window;
  guint n_panel;

  neurons_network_model_set_class_names (net, clothes);
  neurons_test_bench_set_evaluator (NEURONS_TEST_BENCH (bench), evaluator);
  neurons_confusion_matrix_set_evaluator (NEURONS_CONFUSION_MATRIX (matrix), evaluator);
  gtk_box_append (GTK_BOX (box), bench);
  gtk_box_append (GTK_BOX (box), matrix);
  window = neurons_test_show_in_window (box, 1100, 520);

  panel = neurons_evaluator_get_panel (evaluator, &n_panel);
  for (guint p = 0; p < n_panel; p += 13)
    {
      NeuronsDigitButton *button = neurons_test_bench_get_button (NEURONS_TEST_BENCH (bench), p);
      g_autofree char *name = NULL;

      if (panel[p].prediction != panel[p].label)
        name = g_strdup_printf ("Test image %u, a %s, guessed %s: wrong", panel[p].test_index,
                                clothes[panel[p].label], clothes[panel[p].prediction]);
      else
        name = g_strdup_printf ("Test image %u, a %s, guessed right", panel[p].test_index, clothes[panel[p].label]);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
    }
  matrix_label = g_strdup_printf ("Confusion matrix, at true T-shirt/top, guessed T-shirt/top: %u images",
                                  neurons_evaluator_get_evaluation (evaluator)->confusion[0][0]);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (matrix), GTK_ACCESSIBLE_PROPERTY_LABEL, matrix_label);
  /* the row labels have room: the grid starts right of "Ankle boot" */
  {
    graphene_rect_t first_cell;
    int label_width;

    neurons_chart_text_size (matrix, "<small><b>Ankle boot</b></small>", &label_width, NULL);
    g_assert_true (neurons_confusion_matrix_get_cell_bounds (NEURONS_CONFUSION_MATRIX (matrix), 0, 0, &first_cell));
    g_assert_cmpfloat (first_cell.origin.x, >, label_width);
  }

  neurons_network_model_set_class_names (net, NULL);
  neurons_test_wait_for_frame (window);
  {
    NeuronsDigitButton *button = neurons_test_bench_get_button (NEURONS_TEST_BENCH (bench), 0);
    g_autofree char *name = NULL;

    if (panel[0].prediction != panel[0].label)
      name = g_strdup_printf ("Test image %u, a %u, guessed %u: wrong", panel[0].test_index,
                              panel[0].label, panel[0].prediction);
    else
      name = g_strdup_printf ("Test image %u, a %u, guessed right", panel[0].test_index, panel[0].label);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_ticks (double        minimum,
              double        maximum,
              guint         max_ticks,
              const double *expected,
              guint         n_expected)
{
  NeuronsChartAxis axis;
  double ticks[16];
  guint n_ticks;

  neurons_chart_axis_init (&axis, minimum, maximum, 0, 100);
  n_ticks = neurons_chart_axis_ticks (&axis, max_ticks, ticks);
  g_test_message ("%g … %g, at most %u: %u ticks", minimum, maximum, max_ticks, n_ticks);
  g_assert_cmpuint (n_ticks, ==, n_expected);
  for (guint i = 0; i < n_ticks; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i], expected[i], 1e-9);
}

/* Ticks fall on 1, 2 or 5 times a power of ten, within the range, at most max_ticks + 1 of
 * them, and zero is zero exactly. */
static void
test_axis_nice_ticks (void)
{
  NeuronsChartAxis axis;
  double ticks[16];

  assert_ticks (0, 1, 4, (double[]) { 0, 0.5, 1 }, 3);
  assert_ticks (-0.6, 0.6, 6, (double[]) { -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6 }, 7);
  assert_ticks (-0.2, 0.2, 4, (double[]) { -0.2, -0.1, 0, 0.1, 0.2 }, 5);
  assert_ticks (0, 2000, 3, (double[]) { 0, 1000, 2000 }, 3);
  assert_ticks (0, 5000, 4, (double[]) { 0, 2000, 4000 }, 3);
  assert_ticks (0, 1e6, 4, (double[]) { 0, 5e5, 1e6 }, 3);
  assert_ticks (0.013, 0.031, 4, (double[]) { 0.015, 0.02, 0.025, 0.03 }, 4);
  /* a range given high to low has the same ticks */
  assert_ticks (1, 0, 4, (double[]) { 0, 0.5, 1 }, 3);

  neurons_chart_axis_init (&axis, -0.3, 0.3, 0, 100);
  g_assert_cmpuint (neurons_chart_axis_ticks (&axis, 6, ticks), ==, 7);
  g_assert_true (ticks[3] == 0 && !signbit (ticks[3]));
}

/* value → pixel → value gives the value back, on a horizontal axis and on one that runs up. */
static void
test_axis_round_trip (void)
{
  static const double values[] = { -4, -1.5, 0, 0.25, 1, 3.999, 4, 7 };
  NeuronsChartAxis x_axis, y_axis;

  neurons_chart_axis_init (&x_axis, -4, 4, 34, 472);
  g_assert_cmpfloat (neurons_chart_axis_to_pixel (&x_axis, -4), ==, 34);
  g_assert_cmpfloat (neurons_chart_axis_to_pixel (&x_axis, 0), ==, 253);
  g_assert_cmpfloat (neurons_chart_axis_to_pixel (&x_axis, 4), ==, 472);

  neurons_chart_axis_init (&y_axis, -0.25, 1.5, 294, 6);
  g_assert_cmpfloat_with_epsilon (neurons_chart_axis_to_pixel (&y_axis, 1.5), 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (neurons_chart_axis_to_pixel (&y_axis, -0.25), 294, 1e-9);
  g_assert_cmpfloat (neurons_chart_axis_to_pixel (&y_axis, 1), <, neurons_chart_axis_to_pixel (&y_axis, 0));

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double pixel = neurons_chart_axis_to_pixel (&x_axis, values[i]);

      g_assert_cmpfloat_with_epsilon (neurons_chart_axis_to_value (&x_axis, pixel), values[i], 1e-9);
      pixel = neurons_chart_axis_to_pixel (&y_axis, values[i]);
      g_assert_cmpfloat_with_epsilon (neurons_chart_axis_to_value (&y_axis, pixel), values[i], 1e-9);
    }
}

/* A range of one value, or of none, neither divides by zero nor invents ticks. */
static void
test_axis_degenerate (void)
{
  NeuronsChartAxis axis;
  double ticks[8];

  neurons_chart_axis_init (&axis, 3, 3, 10, 110);
  g_assert_cmpfloat (neurons_chart_axis_to_pixel (&axis, 3), ==, 60);
  g_assert_cmpfloat (neurons_chart_axis_to_pixel (&axis, 100), ==, 60);
  g_assert_cmpfloat (neurons_chart_axis_to_value (&axis, 25), ==, 3);
  g_assert_cmpuint (neurons_chart_axis_ticks (&axis, 4, ticks), ==, 1);
  g_assert_cmpfloat (ticks[0], ==, 3);

  /* no pixels to spread it over */
  neurons_chart_axis_init (&axis, 0, 1, 50, 50);
  g_assert_cmpfloat (neurons_chart_axis_to_pixel (&axis, 0.7), ==, 50);
  g_assert_cmpfloat (neurons_chart_axis_to_value (&axis, 50), ==, 0);

  neurons_chart_axis_init (&axis, NAN, 1, 0, 100);
  g_assert_cmpuint (neurons_chart_axis_ticks (&axis, 4, ticks), ==, 0);
  g_assert_false (isnan (neurons_chart_axis_to_pixel (&axis, 0.5)));
}

/* Every chart inherits from the base its CSS name, its role and a fixed natural size, and
 * carries a name and a description from the start. */
static void
test_chart_base (void)
{
  static const struct { int width, height; } natural[] = {
    { 360, 220 }, { 400, 180 }, { 420, 220 }, { 520, 200 }, { 360, 180 },
  };
  static const char *labels[] = {
    "Activation functions", "Cost over time", "Initial weight distributions", "Learning rate",
    "Weight distribution",
  };
  GtkWidget *charts[] = {
    neurons_activation_chart_new (),
    neurons_history_chart_new (NEURONS_HISTORY_CHART_COST),
    neurons_init_chart_new (),
    neurons_learning_rate_chart_new (),
    neurons_weight_histogram_new (),
  };

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      GtkWidget *chart = g_object_ref_sink (charts[i]);
      int minimum, width, height;

      g_assert_true (NEURONS_IS_CHART (chart));
      g_assert_cmpstr (gtk_widget_get_css_name (chart), ==, "chart");
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==, GTK_ACCESSIBLE_ROLE_IMG);
      gtk_widget_measure (chart, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &width, NULL, NULL);
      gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &minimum, &height, NULL, NULL);
      g_assert_cmpint (width, ==, natural[i].width);
      g_assert_cmpint (height, ==, natural[i].height);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, labels[i]);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
      g_object_unref (chart);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *images = NULL;
  g_autofree char *labels = NULL;
  int result;

  neurons_test_init_display (&argc, &argv);

  images = g_build_filename (g_getenv ("NEURONS_DATA_DIR"), "t10k-images-idx3-ubyte.gz", NULL);
  labels = g_build_filename (g_getenv ("NEURONS_DATA_DIR"), "t10k-labels-idx1-ubyte.gz", NULL);
  test_set = neurons_dataset_load (images, labels, &error);
  g_assert_no_error (error);

  g_test_add_func ("/widgets/charts/axis/nice-ticks", test_axis_nice_ticks);
  g_test_add_func ("/widgets/charts/axis/round-trip", test_axis_round_trip);
  g_test_add_func ("/widgets/charts/axis/degenerate", test_axis_degenerate);
  g_test_add_func ("/widgets/charts/base", test_chart_base);
  g_test_add_func ("/widgets/charts/activation-relu-flat", test_activation_relu_flat);
  g_test_add_func ("/widgets/charts/activation-derivatives", test_activation_derivatives);
  g_test_add_func ("/widgets/charts/activation-follows-highlight", test_activation_follows_highlight);
  g_test_add_func ("/widgets/charts/activation-curve-mark", test_activation_curve_mark);
  g_test_add_func ("/widgets/charts/init-spread", test_init_spread);
  g_test_add_func ("/widgets/charts/bench-light", test_bench_light);
  g_test_add_func ("/widgets/charts/bench-dark", test_bench_dark);
  g_test_add_func ("/widgets/charts/confusion-matrix", test_confusion_matrix);
  g_test_add_func ("/widgets/charts/confusion-matrix-cells", test_confusion_matrix_cells);
  g_test_add_func ("/widgets/charts/weight-histogram", test_weight_histogram);
  g_test_add_func ("/widgets/charts/progress-light", test_progress_light);
  g_test_add_func ("/widgets/charts/progress-dark", test_progress_dark);
  g_test_add_func ("/widgets/charts/class-names", test_class_names);

  result = g_test_run ();
  neurons_dataset_unref (test_set);

  return result;
}
