/* test-drawing.c: strokes drawn by hand become inputs the network reads as MNIST digits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-dataset.h"
#include "neurons-drawing.h"
#include "neurons-preprocess.h"
#include "neurons-test-digits.h"

static NeuronsDataset *test_set;
static NeuronsMlp *trained_mlp;

static void
count_changes (guint *n_changes)
{
  (*n_changes)++;
}

static NeuronsDrawing *
counted_drawing_new (guint *n_changes)
{
  NeuronsDrawing *drawing = neurons_drawing_new ();

  g_signal_connect_swapped (drawing, "changed", G_CALLBACK (count_changes), n_changes);
  return drawing;
}

static void
test_strokes (void)
{
  guint n_changes = 0;
  g_autoptr(NeuronsDrawing) drawing = counted_drawing_new (&n_changes);
  const NeuronsDrawingPoint *points;
  guint n_points;

  g_assert_true (neurons_drawing_is_empty (drawing));
  g_assert_false (neurons_drawing_is_stroke_open (drawing));

  neurons_drawing_add_point (drawing, 0.1, 0.2, 0.5);
  neurons_drawing_add_point (drawing, 0.3, 0.4, 2.0);
  g_assert_true (neurons_drawing_is_stroke_open (drawing));
  neurons_drawing_end_stroke (drawing);
  g_assert_false (neurons_drawing_is_stroke_open (drawing));
  neurons_drawing_add_point (drawing, 0.9, 0.8, 0.0);
  neurons_drawing_end_stroke (drawing);

  g_assert_cmpuint (n_changes, ==, 3);
  g_assert_false (neurons_drawing_is_empty (drawing));
  g_assert_cmpuint (neurons_drawing_get_n_strokes (drawing), ==, 2);

  points = neurons_drawing_get_stroke (drawing, 0, &n_points);
  g_assert_cmpuint (n_points, ==, 2);
  g_assert_cmpfloat_with_epsilon (points[0].x, 0.1, 1e-6);
  g_assert_cmpfloat_with_epsilon (points[0].y, 0.2, 1e-6);
  g_assert_cmpfloat_with_epsilon (points[0].pressure, 0.5, 1e-6);
  /* Pressure is held to 0..1. */
  g_assert_cmpfloat (points[1].pressure, ==, 1.0);

  points = neurons_drawing_get_stroke (drawing, 1, &n_points);
  g_assert_cmpuint (n_points, ==, 1);
  g_assert_cmpfloat_with_epsilon (points[0].x, 0.9, 1e-6);
}

static void
test_undo_clear (void)
{
  guint n_changes = 0;
  g_autoptr(NeuronsDrawing) drawing = counted_drawing_new (&n_changes);
  guint n_points;

  g_assert_false (neurons_drawing_undo (drawing));
  neurons_drawing_clear (drawing);
  g_assert_cmpuint (n_changes, ==, 0);

  neurons_drawing_add_point (drawing, 0.1, 0.1, 0.5);
  neurons_drawing_add_point (drawing, 0.2, 0.2, 0.5);
  neurons_drawing_end_stroke (drawing);
  neurons_drawing_add_point (drawing, 0.5, 0.5, 0.5);
  neurons_drawing_add_point (drawing, 0.6, 0.6, 0.5);
  neurons_drawing_add_point (drawing, 0.7, 0.7, 0.5);
  n_changes = 0;

  /* Undo takes the stroke being drawn; the next point starts a new one. */
  g_assert_true (neurons_drawing_undo (drawing));
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (neurons_drawing_get_n_strokes (drawing), ==, 1);
  g_assert_false (neurons_drawing_is_stroke_open (drawing));
  neurons_drawing_get_stroke (drawing, 0, &n_points);
  g_assert_cmpuint (n_points, ==, 2);

  neurons_drawing_add_point (drawing, 0.9, 0.9, 0.5);
  g_assert_cmpuint (neurons_drawing_get_n_strokes (drawing), ==, 2);
  neurons_drawing_get_stroke (drawing, 0, &n_points);
  g_assert_cmpuint (n_points, ==, 2);

  n_changes = 0;
  neurons_drawing_clear (drawing);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_true (neurons_drawing_is_empty (drawing));
  g_assert_false (neurons_drawing_is_stroke_open (drawing));
  g_assert_false (neurons_drawing_undo (drawing));
}

/* The ink down one column of the raster: a stroke's width where it crosses the column. */
static double
column_ink (const float *ink,
            guint        side,
            guint        column)
{
  double sum = 0;

  for (guint row = 0; row < side; row++)
    sum += ink[row * side + column];

  return sum;
}

static void
test_rasterize (void)
{
  const guint side = 100;
  g_autoptr(NeuronsDrawing) drawing = neurons_drawing_new ();
  g_autofree float *ink = g_new (float, side * side);
  double width = NEURONS_DRAWING_PEN_WIDTH * side;
  static const double pressures[] = { 0.0, NEURONS_DRAWING_DEFAULT_PRESSURE, 1.0 };

  /* Across the middle of a segment the ink adds up to the pen's width, which the pressure
   * scales from a half to one and a half times, whatever the sub-pixel position. */
  for (guint i = 0; i < G_N_ELEMENTS (pressures); i++)
    {
      neurons_drawing_clear (drawing);
      neurons_drawing_add_point (drawing, 0.2, 0.503, pressures[i]);
      neurons_drawing_add_point (drawing, 0.8, 0.503, pressures[i]);
      neurons_drawing_rasterize (drawing, ink, side);
      g_assert_cmpfloat_with_epsilon (column_ink (ink, side, 50),
                                      width * (0.5 + pressures[i]), 1e-3);
    }

  /* Solid in the middle, blank well outside. */
  g_assert_cmpfloat (ink[50 * side + 50], ==, 1.0);
  g_assert_cmpfloat (ink[(50 - (guint) width) * side + 50], ==, 0.0);
  /* Round ends: ink past the last point along the stroke, but not past the pen's radius. */
  g_assert_cmpfloat (ink[50 * side + 80 + (guint) (0.75 * width) - 1], >, 0.5);
  g_assert_cmpfloat (ink[50 * side + 80 + (guint) (0.75 * width) + 1], ==, 0.0);
  g_assert_cmpfloat (ink[(50 + (guint) (0.75 * width) - 1) * side + 80], >, 0.5);

  /* A click leaves a dot; rasterizing starts from blank paper. */
  neurons_drawing_clear (drawing);
  neurons_drawing_add_point (drawing, 0.3, 0.3, NEURONS_DRAWING_DEFAULT_PRESSURE);
  neurons_drawing_rasterize (drawing, ink, side);
  g_assert_cmpfloat (ink[30 * side + 30], ==, 1.0);
  g_assert_cmpfloat (ink[50 * side + 50], ==, 0.0);
  g_assert_cmpfloat (ink[30 * side + 30 + (guint) width], ==, 0.0);
}

static void
test_empty_input (void)
{
  g_autoptr(NeuronsDrawing) drawing = neurons_drawing_new ();
  g_autoptr(GError) error = NULL;
  guint8 pixels[NEURONS_INPUT_SIZE];

  g_assert_false (neurons_drawing_to_input (drawing, pixels, &error));
  g_assert_error (error, NEURONS_PREPROCESS_ERROR, NEURONS_PREPROCESS_ERROR_EMPTY);
}

static void
to_input_or_fail (NeuronsDrawing *drawing,
                  guint8         *pixels)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (neurons_drawing_to_input (drawing, pixels, &error));
  g_assert_no_error (error);
}

/* Taking back a stray stroke gives the input the digit had without it. */
static void
test_undo_restores_input (void)
{
  g_autoptr(NeuronsDrawing) drawing = neurons_drawing_new ();
  guint8 seven[NEURONS_INPUT_SIZE];
  guint8 with_stray[NEURONS_INPUT_SIZE];
  guint8 undone[NEURONS_INPUT_SIZE];

  neurons_test_digit_draw (&neurons_test_digits[1], drawing, 0.1, 0.1, 0.8);
  to_input_or_fail (drawing, seven);

  neurons_drawing_add_point (drawing, 0.2, 0.8, NEURONS_DRAWING_DEFAULT_PRESSURE);
  neurons_drawing_add_point (drawing, 0.3, 0.85, NEURONS_DRAWING_DEFAULT_PRESSURE);
  neurons_drawing_end_stroke (drawing);
  to_input_or_fail (drawing, with_stray);
  g_assert_true (memcmp (seven, with_stray, sizeof seven) != 0);

  g_assert_true (neurons_drawing_undo (drawing));
  to_input_or_fail (drawing, undone);
  g_assert_cmpmem (seven, sizeof seven, undone, sizeof undone);
}

/*
 * How thick and how heavy a digit's strokes are at 28×28. The width is twice the area over
 * the perimeter of the pixels at least half inked (a long stroke of width w has area w·L and
 * perimeter 2L); the mass is the sum of the ink, 0..1 a pixel.
 */
static void
measure_strokes (const guint8 *pixels,
                 double       *width,
                 double       *mass)
{
  guint area = 0, perimeter = 0;

  *mass = 0;
  for (int y = 0; y < NEURONS_IMAGE_SIDE; y++)
    for (int x = 0; x < NEURONS_IMAGE_SIDE; x++)
      {
        static const int neighbours[4][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };

        *mass += pixels[y * NEURONS_IMAGE_SIDE + x] / 255.0;
        if (pixels[y * NEURONS_IMAGE_SIDE + x] < 128)
          continue;

        area++;
        for (guint k = 0; k < G_N_ELEMENTS (neighbours); k++)
          {
            int nx = x + neighbours[k][0], ny = y + neighbours[k][1];

            if (nx < 0 || ny < 0 || nx >= NEURONS_IMAGE_SIDE || ny >= NEURONS_IMAGE_SIDE
                || pixels[ny * NEURONS_IMAGE_SIDE + nx] < 128)
              perimeter++;
          }
      }

  g_assert_cmpuint (perimeter, >, 0);
  *width = 2.0 * area / perimeter;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double left = *(const double *) a, right = *(const double *) b;

  return (left > right) - (left < right);
}

/*
 * With the default pen, a digit drawn to fill most of the canvas has strokes as thick and as
 * heavy as MNIST's own of that digit: within the middle 80% of the test set's.
 */
static void
test_pen_like_mnist (void)
{
  static const double sizes[] = { 0.6, 0.85 };

  for (guint d = 0; d < neurons_test_n_digits; d++)
    {
      const NeuronsTestDigit *digit = &neurons_test_digits[d];
      g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) masses = g_array_new (FALSE, FALSE, sizeof (double));
      double width_low, width_high, mass_low, mass_high;

      for (guint i = 0; i < test_set->n_images; i++)
        if (test_set->labels[i] == digit->digit)
          {
            double width, mass;

            measure_strokes (neurons_dataset_image (test_set, i), &width, &mass);
            g_array_append_val (widths, width);
            g_array_append_val (masses, mass);
          }
      g_array_sort (widths, compare_doubles);
      g_array_sort (masses, compare_doubles);
      width_low = g_array_index (widths, double, widths->len / 10);
      width_high = g_array_index (widths, double, widths->len * 9 / 10);
      mass_low = g_array_index (masses, double, masses->len / 10);
      mass_high = g_array_index (masses, double, masses->len * 9 / 10);

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(NeuronsDrawing) drawing = neurons_drawing_new ();
          guint8 pixels[NEURONS_INPUT_SIZE];
          double width, mass;

          neurons_test_digit_draw (digit, drawing, 0.05, 0.05, sizes[s]);
          to_input_or_fail (drawing, pixels);
          measure_strokes (pixels, &width, &mass);
          g_test_message ("%u drawn %.2f of the canvas: width %.2f px (MNIST %.2f-%.2f), "
                          "mass %.1f (MNIST %.1f-%.1f)",
                          digit->digit, sizes[s], width, width_low, width_high,
                          mass, mass_low, mass_high);
          g_assert_cmpfloat (width, >=, width_low);
          g_assert_cmpfloat (width, <=, width_high);
          g_assert_cmpfloat (mass, >=, mass_low);
          g_assert_cmpfloat (mass, <=, mass_high);
        }
    }
}

/* Drawn large in the middle, small in a corner, anywhere: the network reads the digit. */
static void
test_classified (void)
{
  static const struct
  {
    double left;
    double top;
    double size;
  } placements[] = {
    { 0.1, 0.08, 0.85 },   /* filling the canvas */
    { 0.02, 0.03, 0.6 },   /* top left */
    { 0.38, 0.36, 0.62 },  /* bottom right */
    { 0.3, 0.05, 0.5 },    /* small, near the top */
  };

  for (guint d = 0; d < neurons_test_n_digits; d++)
    for (guint p = 0; p < G_N_ELEMENTS (placements); p++)
      {
        g_autoptr(NeuronsDrawing) drawing = neurons_drawing_new ();
        guint8 pixels[NEURONS_INPUT_SIZE];
        NeuronsForward forward;

        neurons_test_digit_draw (&neurons_test_digits[d], drawing,
                                 placements[p].left, placements[p].top, placements[p].size);
        to_input_or_fail (drawing, pixels);
        neurons_mlp_forward (trained_mlp, pixels, &forward);
        g_test_message ("%u at (%.2f, %.2f), %.2f across: read as %u (%.0f%%)",
                        neurons_test_digits[d].digit, placements[p].left, placements[p].top,
                        placements[p].size, forward.prediction,
                        100 * forward.a3[forward.prediction]);
        g_assert_cmpuint (forward.prediction, ==, neurons_test_digits[d].digit);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *directory = NULL;
  g_autoptr(NeuronsDataset) train_set = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  directory = neurons_dataset_find_default_directory ();
  if (!neurons_dataset_load_directory (directory, &train_set, &test_set, &error))
    g_error ("Cannot load MNIST from %s: %s", directory, error->message);
  trained_mlp = neurons_test_trained_mlp_new ();

  g_test_add_func ("/nn/drawing/strokes", test_strokes);
  g_test_add_func ("/nn/drawing/undo-clear", test_undo_clear);
  g_test_add_func ("/nn/drawing/rasterize", test_rasterize);
  g_test_add_func ("/nn/drawing/empty-input", test_empty_input);
  g_test_add_func ("/nn/drawing/undo-restores-input", test_undo_restores_input);
  g_test_add_func ("/nn/drawing/pen-like-mnist", test_pen_like_mnist);
  g_test_add_func ("/nn/drawing/classified", test_classified);

  status = g_test_run ();

  neurons_mlp_free (trained_mlp);
  neurons_dataset_unref (test_set);
  return status;
}
