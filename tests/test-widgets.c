/* test-widgets.c: the network views, rendered to pixels and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-test"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "neurons-color-legend.h"
#include "neurons-colors.h"
#include "neurons-highlight.h"
#include "neurons-line-canvas.h"
#include "neurons-network-panel.h"
#include "neurons-network-view.h"
#include "neurons-network-model-private.h"
#include "neurons-neuron-activity.h"
#include "neurons-timeline.h"
#include "neurons-weight-tiles.h"
#include "render-helper.h"

/*
 * The widgets are drawn in a real window (the tests need a display: Xvfb in CI), rendered
 * again through gtk_widget_paintable_new() into a texture, and the pixels that carry meaning
 * are read back: the colour of a weight's sign, a dead neuron's darkness, a bar's length.
 * Each picture is saved as a PNG in the build folder for a person to look at.
 */

#define DEAD_NEURON     3
#define SIGNED_NEURON   0
#define PLAIN_NEURON    1
#define LABEL           3
#define PINNED_HIDDEN2  5
#define PREDICTION      7

static double
luminance (const double *rgb)
{
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median, so that a mark drawn over an area does not count. */
static double
median_luminance (const NeuronsTestImage *image,
                  const graphene_rect_t *area)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (int y = ceilf (area->origin.y); y < floorf (area->origin.y + area->size.height); y++)
    for (int x = ceilf (area->origin.x); x < floorf (area->origin.x + area->size.width); x++)
      {
        double rgb[3];
        double value;

        neurons_test_image_get (image, x, y, rgb);
        value = luminance (rgb);
        g_array_append_val (values, value);
      }

  g_assert_cmpuint (values->len, >, 0);
  g_array_sort (values, compare_doubles);

  return g_array_index (values, double, values->len / 2);
}

/* Orange: red well above blue. Blue: the other way round. */
static void
assert_excitatory (const NeuronsTestImage *image,
                   float        x,
                   float        y)
{
  double rgb[3];

  neurons_test_image_get (image, x, y, rgb);
  g_assert_cmpfloat (rgb[0] - rgb[2], >, 0.25);
}

static void
assert_inhibitory (const NeuronsTestImage *image,
                   float        x,
                   float        y)
{
  double rgb[3];

  neurons_test_image_get (image, x, y, rgb);
  g_assert_cmpfloat (rgb[2] - rgb[0], >, 0.25);
}

/* An ink blob in the middle of the image, like a fat zero. */
static void
make_digit (guint8 *pixels)
{
  for (int y = 0; y < NEURONS_IMAGE_SIDE; y++)
    for (int x = 0; x < NEURONS_IMAGE_SIDE; x++)
      pixels[y * NEURONS_IMAGE_SIDE + x] = (x >= 6 && x < 22 && y >= 4 && y < 24) ? 255 : 0;
}

/*
 * A network in a known state, put in place as the trainer would: the first neuron's weights
 * are +0.5 on the top half of the image and -0.5 on the bottom half, the others small; one
 * neuron has been silent for long; the outputs say 7, and the label is 3.
 */
static NeuronsNetworkModel *
make_net (void)
{
  NeuronsNetworkModel *net = neurons_network_model_new (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 7);
  g_autoptr(NeuronsSnapshot) snapshot = neurons_snapshot_new ();
  NeuronsMlp *mlp = &snapshot->mlp;

  memcpy (mlp, neurons_network_model_get_mlp (net), sizeof *mlp);
  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    {
      for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
        neurons_mlp_set_weight (mlp, 0, j, i, neurons_mlp_get_weight (mlp, 0, j, i) * 0.1f);
      neurons_mlp_set_weight (mlp, 0, SIGNED_NEURON, i, i < NEURONS_INPUT_SIZE / 2 ? 0.5f : -0.5f);
    }
  mlp->dormant_samples[DEAD_NEURON] = NEURONS_DEAD_AFTER_SAMPLES * 2;

  /* the second-layer neuron leans on neuron 0 and against neuron 1 more than on any other */
  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    neurons_mlp_set_weight (mlp, 1, PINNED_HIDDEN2, j, 0.05f);
  neurons_mlp_set_weight (mlp, 1, PINNED_HIDDEN2, SIGNED_NEURON, 1.0f);
  neurons_mlp_set_weight (mlp, 1, PINNED_HIDDEN2, PLAIN_NEURON, -1.0f);

  /* the outputs leave no doubt: 7, whatever the hidden layers say */
  for (guint o = 0; o < NEURONS_OUTPUT_SIZE; o++)
    {
      for (guint k = 0; k < NEURONS_HIDDEN2_SIZE; k++)
        neurons_mlp_set_weight (mlp, 2, o, k, neurons_mlp_get_weight (mlp, 2, o, k) * 0.01f);
      neurons_mlp_set_bias (mlp, 2, o, o == PREDICTION ? 3.0f : -1.0f - 0.2f * o);
    }

  make_digit (snapshot->input_pixels);
  neurons_mlp_forward (mlp, snapshot->input_pixels, &snapshot->forward);
  memcpy (&snapshot->previous, mlp, sizeof *mlp);
  snapshot->sample_index = 0;
  snapshot->label = LABEL;
  snapshot->samples_seen = 1;
  neurons_network_model_apply_snapshot (net, snapshot);

  return net;
}

static void
test_colors_diverging (void)
{
  for (int dark = 0; dark < 2; dark++)
    {
      GdkRGBA positive, negative, zero, weak;
      guint8 bytes[3];

      neurons_colors_diverging (1, dark, &positive);
      neurons_colors_diverging (-1, dark, &negative);
      neurons_colors_diverging (0, dark, &zero);
      neurons_colors_diverging (0.2f, dark, &weak);

      /* orange one way, blue the other, grey in the middle */
      g_assert_cmpfloat (positive.red - positive.blue, >, 0.3);
      g_assert_cmpfloat (negative.blue - negative.red, >, 0.3);
      g_assert_cmpfloat (fabsf (zero.red - zero.blue), <, 0.02);
      g_assert_cmpfloat (fabsf (zero.red - zero.green), <, 0.02);

      /* a larger value stands further from the neutral middle */
      g_assert_cmpfloat (fabsf (positive.red - zero.red) + fabsf (positive.blue - zero.blue), >,
                         fabsf (weak.red - zero.red) + fabsf (weak.blue - zero.blue));

      /* out of range is clamped, and the byte version agrees */
      neurons_colors_diverging_bytes (7, dark, bytes);
      g_assert_cmpint (bytes[0], ==, (int) roundf (positive.red * 255));
      g_assert_cmpint (bytes[2], ==, (int) roundf (positive.blue * 255));
    }
}

static double
covered_area (const NeuronsLineCanvas *canvas)
{
  double area = 0;

  for (int y = 0; y < canvas->height; y++)
    for (int x = 0; x < canvas->width; x++)
      area += (canvas->pixels[y * canvas->stride + x] >> 24) / 255.0;

  return area;
}

/* A line covers each pixel by the share of it that lies under the line, and no more. */
static void
test_line_canvas_coverage (void)
{
  const GdkRGBA white = { 1, 1, 1, 1 };
  g_autoptr(GskRenderNode) node = NULL;
  NeuronsLineCanvas canvas;
  GtkSnapshot *snapshot;

  /* horizontal, 2 wide, centred on a pixel edge: a full row between two half rows */
  neurons_line_canvas_init (&canvas, 100, 80, 1);
  neurons_line_canvas_draw_line (&canvas, 10, 20.5f, 60, 20.5f, 2, &white);
  g_assert_cmpuint (canvas.pixels[20 * canvas.stride + 30], ==, 0xffffffff);
  g_assert_cmpuint (canvas.pixels[19 * canvas.stride + 30] >> 24, ==, 128);
  g_assert_cmpuint (canvas.pixels[21 * canvas.stride + 30] >> 24, ==, 128);
  g_assert_cmpuint (canvas.pixels[23 * canvas.stride + 30], ==, 0);
  g_assert_cmpuint (canvas.pixels[20 * canvas.stride + 5], ==, 0);
  g_assert_cmpfloat_with_epsilon (covered_area (&canvas), 50 * 2, 0.5);

  /* steep and diagonal, at twice the density: the area is length × width, in device pixels */
  snapshot = gtk_snapshot_new ();
  neurons_line_canvas_finish (&canvas, snapshot, &GRAPHENE_POINT_INIT (0, 0));
  neurons_line_canvas_init (&canvas, 100, 80, 2);
  neurons_line_canvas_draw_line (&canvas, 12, 3, 40, 70, 0.75f, &white);
  g_assert_cmpfloat (fabs (covered_area (&canvas) / (4 * hypot (28, 67) * 0.75) - 1), <, 0.02);

  /* the lines arrive in the snapshot */
  neurons_line_canvas_finish (&canvas, snapshot, &GRAPHENE_POINT_INIT (5, 5));
  g_assert_null (canvas.surface);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
}

static void
check_tiles (gboolean dark)
{
  g_autoptr(NeuronsNetworkModel) net = make_net ();
  GtkWidget *tiles = neurons_weight_tiles_new ();
  GtkWidget *window;
  g_autoptr(NeuronsTestImage) image = NULL;
  graphene_rect_t tile, dead, plain;
  float pixel;

  neurons_test_set_dark (dark);
  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (tiles), net);
  window = neurons_test_show_in_window (tiles, 480, 520);
  image = neurons_test_render (tiles, dark ? "widgets-tiles-dark" : "widgets-tiles-light");

  /* the signed neuron: its top half is excitatory, its bottom half inhibitory */
  g_assert_true (neurons_weight_tiles_get_tile_bounds (NEURONS_WEIGHT_TILES (tiles), SIGNED_NEURON, &tile));
  pixel = tile.size.width / NEURONS_IMAGE_SIDE;
  g_assert_cmpfloat (pixel, >=, 2);
  for (int row = 1; row < NEURONS_IMAGE_SIDE; row += 4)
    for (int column = 1; column < NEURONS_IMAGE_SIDE; column += 4)
      {
        float x = tile.origin.x + (column + 0.5f) * pixel;
        float y = tile.origin.y + (row + 0.5f) * pixel;

        if (row < NEURONS_IMAGE_SIDE / 2)
          assert_excitatory (image, x, y);
        else
          assert_inhibitory (image, x, y);
      }

  /* the legend's scale is set by the weights: the ±0.5 ones are the 99th percentile */
  g_assert_cmpfloat_with_epsilon (neurons_weight_tiles_get_range (NEURONS_WEIGHT_TILES (tiles)), 0.5, 1e-9);

  /* a dead neuron is dark, in either style, and darker than a live one of small weights */
  g_assert_true (neurons_weight_tiles_get_tile_bounds (NEURONS_WEIGHT_TILES (tiles), DEAD_NEURON, &dead));
  g_assert_true (neurons_weight_tiles_get_tile_bounds (NEURONS_WEIGHT_TILES (tiles), PLAIN_NEURON, &plain));
  g_assert_cmpfloat (median_luminance (image, &dead), <, 0.2);
  if (!dark)
    g_assert_cmpfloat (median_luminance (image, &plain), >, 0.7);
  g_assert_cmpfloat (median_luminance (image, &plain) - median_luminance (image, &dead), >, 0.08);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (tiles), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tiles), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "16 first-layer neurons, 1 dead.");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_tiles_light (void)
{
  check_tiles (FALSE);
}

static void
test_tiles_dark (void)
{
  check_tiles (TRUE);
}

/* Highlighting a second-layer neuron frames each tile by the weight it gets. */
static void
test_tiles_second_layer (void)
{
  g_autoptr(NeuronsNetworkModel) net = make_net ();
  GtkWidget *tiles = neurons_weight_tiles_new ();
  NeuronsHighlight *highlight = neurons_neuron_view_get_highlight (NEURONS_NEURON_VIEW (tiles));
  GtkWidget *window;
  g_autoptr(NeuronsTestImage) image = NULL;
  graphene_rect_t excited, inhibited, other;

  neurons_test_set_dark (FALSE);
  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (tiles), net);
  window = neurons_test_show_in_window (tiles, 480, 520);
  neurons_highlight_toggle_pin (highlight, NEURONS_HIGHLIGHT_HIDDEN2, PINNED_HIDDEN2);
  image = neurons_test_render (tiles, "widgets-tiles-second-layer");

  neurons_weight_tiles_get_tile_bounds (NEURONS_WEIGHT_TILES (tiles), SIGNED_NEURON, &excited);
  neurons_weight_tiles_get_tile_bounds (NEURONS_WEIGHT_TILES (tiles), PLAIN_NEURON, &inhibited);
  neurons_weight_tiles_get_tile_bounds (NEURONS_WEIGHT_TILES (tiles), 2, &other);

  /* just left of each tile, where the frame is */
  assert_excitatory (image, excited.origin.x - 3, excited.origin.y + excited.size.height / 2);
  assert_inhibitory (image, inhibited.origin.x - 3, inhibited.origin.y + inhibited.size.height / 2);

  /* a tile the neuron barely weighs is faded towards the background */
  g_assert_cmpfloat (median_luminance (image, &other), >, 0.9);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_view_outputs (void)
{
  g_autoptr(NeuronsNetworkModel) net = make_net ();
  const NeuronsForward *forward = neurons_network_model_get_forward (net);
  GtkWidget *view = neurons_network_view_new ();
  GtkWidget *window;
  g_autoptr(NeuronsTestImage) image = NULL;
  g_autofree char *description = NULL;
  int lengths[NEURONS_OUTPUT_SIZE];
  int longest = 0;

  neurons_test_set_dark (FALSE);
  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (view), net);
  window = neurons_test_show_in_window (view, 1000, 620);
  image = neurons_test_render (view, "widgets-view");

  /* each bar's length, counted in dark pixels along its middle */
  for (guint o = 0; o < NEURONS_OUTPUT_SIZE; o++)
    {
      graphene_rect_t bar;
      int y;

      g_assert_true (neurons_network_view_get_output_bar_bounds (NEURONS_NETWORK_VIEW (view), o, &bar));
      y = bar.origin.y + bar.size.height / 2;
      lengths[o] = 0;
      for (int x = bar.origin.x; x < bar.origin.x + bar.size.width; x++)
        {
          double rgb[3];

          neurons_test_image_get (image, x, y, rgb);
          lengths[o] += luminance (rgb) < 0.6;
        }

      /* as long as the output says, to within a pixel */
      g_assert_cmpfloat (fabs (lengths[o] - forward->a3[o] * bar.size.width), <=, 1.5);
      longest = lengths[o] > lengths[longest] ? (int) o : longest;
    }

  g_assert_cmpint (forward->prediction, ==, PREDICTION);
  g_assert_cmpint (longest, ==, PREDICTION);
  g_assert_cmpint (lengths[forward->prediction], >, 0);

  description = g_strdup_printf ("Prediction: %u, true label: %d", forward->prediction, LABEL);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Highlighting a first-layer neuron shows only the ink that excites it. */
static void
test_view_contributions (void)
{
  g_autoptr(NeuronsNetworkModel) net = make_net ();
  GtkWidget *view = neurons_network_view_new ();
  NeuronsHighlight *highlight = neurons_neuron_view_get_highlight (NEURONS_NEURON_VIEW (view));
  GtkWidget *window;
  g_autoptr(NeuronsTestImage) image = NULL;
  g_autofree char *description = NULL;
  graphene_rect_t bounds;
  float pixel;

  neurons_test_set_dark (FALSE);
  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (view), net);
  window = neurons_test_show_in_window (view, 1000, 620);
  /* Pinned, not hovered: the X pointer may sit over the window, and its crossing events
   * would end a hover before the frame is drawn. */
  neurons_highlight_toggle_pin (highlight, NEURONS_HIGHLIGHT_HIDDEN1, SIGNED_NEURON);
  image = neurons_test_render (view, "widgets-view-contributions");

  g_assert_true (neurons_network_view_get_image_bounds (NEURONS_NETWORK_VIEW (view), &bounds));
  pixel = bounds.size.width / NEURONS_IMAGE_SIDE;

  for (int row = 4; row < 24; row += 3)
    {
      double rgb[3];

      neurons_test_image_get (image, bounds.origin.x + 14.5f * pixel, bounds.origin.y + (row + 0.5f) * pixel, rgb);

      if (row < NEURONS_IMAGE_SIDE / 2)
        /* inked, positive weight: excites, drawn orange */
        g_assert_cmpfloat (rgb[0] - rgb[2], >, 0.25);
      else
        /* inked, negative weight: only a faint grey ghost */
        g_assert_cmpfloat (fabs (rgb[0] - rgb[2]), <, 0.05);
    }

  description = g_strdup_printf ("Prediction: %u, true label: %d. First-layer neuron 1 selected.",
                                 neurons_network_model_get_forward (net)->prediction, LABEL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A single step plays its three phases in order, then rests. */
static void
test_view_phases (void)
{
  g_autoptr(NeuronsNetworkModel) net = make_net ();
  GtkWidget *view = neurons_network_view_new ();
  GtkWidget *window;
  guint8 pixels[NEURONS_INPUT_SIZE];
  NeuronsStepPhase last;
  guint n_phases_seen = 0;

  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (view), net);
  window = neurons_test_show_in_window (view, 1000, 620);
  g_assert_cmpint (neurons_network_view_get_phase (NEURONS_NETWORK_VIEW (view)), ==, NEURONS_STEP_PHASE_NONE);

  make_digit (pixels);
  neurons_network_model_train_step (net, pixels, LABEL, 0);
  last = neurons_network_view_get_phase (NEURONS_NETWORK_VIEW (view));
  g_assert_cmpint (last, ==, NEURONS_STEP_PHASE_FORWARD);

  while (last != NEURONS_STEP_PHASE_NONE)
    {
      NeuronsStepPhase phase;

      neurons_test_wait_for_frame (window);
      phase = neurons_network_view_get_phase (NEURONS_NETWORK_VIEW (view));
      if (phase != last)
        {
          /* forward, backward, update, rest: never back, and never skipping the rest */
          g_assert_true (phase == NEURONS_STEP_PHASE_NONE || phase > last);
          n_phases_seen++;
          last = phase;
        }
    }

  g_assert_cmpuint (n_phases_seen, >=, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The whole panel fits in the smallest window the app allows. */
static void
test_panel_small (void)
{
  g_autoptr(NeuronsNetworkModel) net = make_net ();
  GtkWidget *panel = neurons_network_panel_new ();
  GtkWidget *window;
  g_autoptr(NeuronsTestImage) image = NULL;
  int minimum_width, minimum_height;

  neurons_test_set_dark (FALSE);
  neurons_network_panel_set_net (NEURONS_NETWORK_PANEL (panel), net);
  gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, &minimum_width, NULL, NULL, NULL);
  gtk_widget_measure (panel, GTK_ORIENTATION_VERTICAL, 1024, &minimum_height, NULL, NULL, NULL);
  g_assert_cmpint (minimum_width, <=, 1000);
  g_assert_cmpint (minimum_height, <=, 500);

  window = neurons_test_show_in_window (panel, 1000, 500);
  image = neurons_test_render (panel, "widgets-panel-small");
  g_assert_cmpint (image->width, ==, 1000);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A count as the locale writes it: "1,000" */
static char *
format_count (guint64 count)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

/* The timeline: one position per checkpoint; moving it rewinds, and its value text says when
 * and how well; the buttons come while rewound; narrow, the text goes under the slider. */
static void
test_timeline (void)
{
  g_autoptr(NeuronsExperiment) experiment = neurons_experiment_new (NULL);
  NeuronsNetworkModel *net = neurons_experiment_get_net (experiment);
  NeuronsCheckpoints *checkpoints = neurons_experiment_get_checkpoints (experiment);
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_copy (neurons_network_model_get_mlp (net));
  GtkWidget *timeline = neurons_timeline_new ();
  GtkWidget *scale, *label, *train_on, *newest;
  GtkAdjustment *adjustment;
  GtkWidget *window;
  g_autoptr(NeuronsTestImage) image = NULL;
  g_autofree char *rewound_text = NULL;
  g_autofree char *newest_text = NULL;
  g_autofree char *thousand = format_count (1000);
  g_autofree char *two_hundred = format_count (200);
  graphene_rect_t scale_bounds, label_bounds;

  for (guint i = 0; i <= 10; i++)
    {
      mlp->b3[0] = i;
      /* a branch from 500 on */
      if (i == 6)
        neurons_checkpoints_begin_branch (checkpoints);
      neurons_checkpoints_record (checkpoints, mlp, i * 100, 0.5, 0.3, 60000);
    }
  neurons_checkpoints_set_test_accuracy (checkpoints, 200, 0.55);
  neurons_network_model_restore (net, mlp, 1000, 0.5);

  neurons_timeline_set_experiment (NEURONS_TIMELINE (timeline), experiment);
  scale = gtk_widget_get_first_child (timeline);
  label = gtk_widget_get_next_sibling (scale);
  train_on = gtk_widget_get_next_sibling (label);
  newest = gtk_widget_get_next_sibling (train_on);
  adjustment = gtk_range_get_adjustment (GTK_RANGE (scale));

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_ROLE_SLIDER);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL, "Training timeline");
  newest_text = g_strdup_printf ("newest, after %s samples", thousand);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, newest_text);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 10);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 10);
  g_assert_false (gtk_widget_get_visible (train_on));

  /* a person moves it two steps from the start */
  gtk_adjustment_set_value (adjustment, 2);
  g_assert_true (neurons_experiment_get_rewound (experiment));
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 200);
  g_assert_cmpfloat (neurons_network_model_get_mlp (net)->b3[0], ==, 2);
  rewound_text = g_strdup_printf ("after %s samples, 55.0 %% on the test set", two_hundred);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, rewound_text);
  g_assert_true (gtk_widget_get_visible (train_on));
  g_assert_true (gtk_widget_get_visible (newest));

  window = neurons_test_show_in_window (timeline, 360, 80);
  image = neurons_test_render (timeline, "widgets-timeline-narrow");
  g_assert_true (gtk_widget_compute_bounds (scale, timeline, &scale_bounds));
  g_assert_true (gtk_widget_compute_bounds (label, timeline, &label_bounds));
  g_assert_cmpfloat (label_bounds.origin.y, >=, scale_bounds.origin.y + scale_bounds.size.height);

  /* back to the newest moment, in one click */
  g_signal_emit_by_name (newest, "clicked");
  g_assert_false (neurons_experiment_get_rewound (experiment));
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 1000);
  g_assert_cmpfloat (neurons_network_model_get_mlp (net)->b3[0], ==, 10);
  g_assert_false (gtk_widget_get_visible (train_on));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  neurons_test_init_display (&argc, &argv);

  g_test_add_func ("/widgets/colors/diverging", test_colors_diverging);
  g_test_add_func ("/widgets/line-canvas/coverage", test_line_canvas_coverage);
  g_test_add_func ("/widgets/weight-tiles/light", test_tiles_light);
  g_test_add_func ("/widgets/weight-tiles/dark", test_tiles_dark);
  g_test_add_func ("/widgets/weight-tiles/second-layer", test_tiles_second_layer);
  g_test_add_func ("/widgets/network-view/outputs", test_view_outputs);
  g_test_add_func ("/widgets/network-view/contributions", test_view_contributions);
  g_test_add_func ("/widgets/network-view/phases", test_view_phases);
  g_test_add_func ("/widgets/network-panel/small", test_panel_small);
  g_test_add_func ("/widgets/timeline", test_timeline);

  return g_test_run ();
}
