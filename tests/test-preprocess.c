/* test-preprocess.c: drawings and pictures of digits come out as MNIST would have them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "neurons-preprocess.h"

#define CANVAS_WIDTH  400
#define CANVAS_HEIGHT 300

/* A digit as one stroke through points in the unit square, y pointing down. */
typedef struct
{
  guint  n_points;
  double x[48];
  double y[48];
} Polyline;

/* Where and how big a digit is drawn, in canvas pixels; the pen grows with the digit. */
typedef struct
{
  double left;
  double top;
  double size;
} Placement;

/* How a sheet is printed: luminance of the paper and of full ink, 0..1. */
typedef struct
{
  double paper;
  double ink;
  double shading;   /* how much darker the right edge is than the left */
  double noise;     /* standard deviation of the grain */
} Sheet;

static const Sheet black_on_white = { 1.0, 0.0, 0.0, 0.0 };
static const Sheet white_on_black = { 0.0, 1.0, 0.0, 0.0 };
/* A photo of a pencil digit: grey on off-white, unevenly lit, with grain. */
static const Sheet pencil_photo = { 0.88, 0.45, 0.06, 0.02 };

static Polyline
seven (void)
{
  return (Polyline) { 3, { 0.15, 0.85, 0.4 }, { 0.1, 0.1, 0.95 } };
}

static Polyline
zero (void)
{
  Polyline zero = { 41, { 0 }, { 0 } };

  for (guint i = 0; i < zero.n_points; i++)
    {
      double angle = 2 * G_PI * i / (zero.n_points - 1);

      zero.x[i] = 0.5 + 0.3 * sin (angle);
      zero.y[i] = 0.5 - 0.42 * cos (angle);
    }

  return zero;
}

/* A bare upright stroke: eight times taller than wide. */
static Polyline
one (void)
{
  return (Polyline) { 2, { 0.5, 0.5 }, { 0.05, 0.95 } };
}

/* Ink of a round pen of radius radius along one segment, anti-aliased by distance. */
static void
draw_segment (float  *canvas,
              guint   width,
              guint   height,
              double  x0,
              double  y0,
              double  x1,
              double  y1,
              double  radius)
{
  double dx = x1 - x0, dy = y1 - y0;
  double length2 = dx * dx + dy * dy;
  int left = MAX ((int) floor (MIN (x0, x1) - radius - 1), 0);
  int right = MIN ((int) ceil (MAX (x0, x1) + radius + 1), (int) width - 1);
  int top = MAX ((int) floor (MIN (y0, y1) - radius - 1), 0);
  int bottom = MIN ((int) ceil (MAX (y0, y1) + radius + 1), (int) height - 1);

  for (int y = top; y <= bottom; y++)
    for (int x = left; x <= right; x++)
      {
        double px = x + 0.5, py = y + 0.5;
        double along = CLAMP (((px - x0) * dx + (py - y0) * dy) / length2, 0.0, 1.0);
        double distance = hypot (px - (x0 + along * dx), py - (y0 + along * dy));
        float coverage = (float) CLAMP (radius + 0.5 - distance, 0.0, 1.0);

        canvas[y * width + x] = MAX (canvas[y * width + x], coverage);
      }
}

/* canvas is (height, width), blank or already drawn on. */
static void
draw_digit (float           *canvas,
            guint            width,
            guint            height,
            const Polyline  *digit,
            const Placement *placement)
{
  double radius = 0.06 * placement->size;

  for (guint i = 0; i + 1 < digit->n_points; i++)
    draw_segment (canvas, width, height,
                  placement->left + digit->x[i] * placement->size,
                  placement->top + digit->y[i] * placement->size,
                  placement->left + digit->x[i + 1] * placement->size,
                  placement->top + digit->y[i + 1] * placement->size,
                  radius);
}

static float *
new_canvas (guint           width,
            guint           height,
            const Polyline  *digit,
            const Placement *placement)
{
  float *canvas = g_new0 (float, width * height);

  draw_digit (canvas, width, height, digit, placement);
  return canvas;
}

static void
preprocess_ink_or_fail (const float *ink,
                        guint        width,
                        guint        height,
                        guint8      *pixels)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (neurons_preprocess_ink (ink, width, height, pixels, &error));
  g_assert_no_error (error);
}

static void
preprocess_drawing (const Polyline  *digit,
                    const Placement *placement,
                    guint8          *pixels)
{
  g_autofree float *canvas = new_canvas (CANVAS_WIDTH, CANVAS_HEIGHT, digit, placement);

  preprocess_ink_or_fail (canvas, CANVAS_WIDTH, CANVAS_HEIGHT, pixels);
}

static double
gaussian (GRand *rand)
{
  double u = 1.0 - g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2 * G_PI * g_rand_double (rand));
}

/* An RGB photo of the ink on sheet; rand may be NULL for a sheet without grain. */
static GdkPixbuf *
print_on_sheet (const float *ink,
                guint        width,
                guint        height,
                const Sheet *sheet,
                GRand       *rand)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *data = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        double paper = sheet->paper - sheet->shading * x / width;
        double luminance = paper + (sheet->ink - paper) * ink[y * width + x];
        guint8 *pixel = data + y * rowstride + x * 3;

        if (sheet->noise > 0)
          luminance += sheet->noise * gaussian (rand);
        pixel[0] = pixel[1] = pixel[2] = (guint8) lround (CLAMP (luminance, 0.0, 1.0) * 255);
      }

  return pixbuf;
}

static void
preprocess_pixbuf_or_fail (GdkPixbuf *pixbuf,
                           guint8    *pixels)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (neurons_preprocess_pixbuf (pixbuf, pixels, &error));
  g_assert_no_error (error);
}

/* Mean absolute difference per pixel, in 0..255 units. */
static double
mean_difference (const guint8 *a,
                 const guint8 *b)
{
  double sum = 0;

  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    sum += abs ((int) a[i] - (int) b[i]);

  return sum / NEURONS_INPUT_SIZE;
}

static int
max_difference (const guint8 *a,
                const guint8 *b)
{
  int largest = 0;

  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    largest = MAX (largest, abs ((int) a[i] - (int) b[i]));

  return largest;
}

static void
assert_centred_in_box (const guint8 *pixels)
{
  guint left = G_MAXUINT, right = 0, top = G_MAXUINT, bottom = 0;
  double mass = 0, moment_x = 0, moment_y = 0;

  for (guint y = 0; y < NEURONS_IMAGE_SIDE; y++)
    for (guint x = 0; x < NEURONS_IMAGE_SIDE; x++)
      {
        guint8 value = pixels[y * NEURONS_IMAGE_SIDE + x];

        if (value == 0)
          continue;
        left = MIN (left, x);
        right = MAX (right, x);
        top = MIN (top, y);
        bottom = MAX (bottom, y);
        mass += value;
        moment_x += (double) value * x;
        moment_y += (double) value * y;
      }

  g_assert_cmpuint (left, !=, G_MAXUINT);
  g_assert_cmpuint (right - left + 1, <=, 20);
  g_assert_cmpuint (bottom - top + 1, <=, 20);
  /* The long side spans the box. */
  g_assert_cmpuint (MAX (right - left, bottom - top) + 1, ==, 20);
  /* MNIST's centre of mass, in pixel-index coordinates, is within half a pixel of (14, 14). */
  g_assert_cmpfloat (fabs (moment_x / mass - 14.0), <=, 0.5);
  g_assert_cmpfloat (fabs (moment_y / mass - 14.0), <=, 0.5);
}

static const Placement reference_placement = { 40, 30, 100 };
static const Placement moved_placements[] = {
  { 237.3, 171.6, 100 },   /* shifted, off the pixel grid */
  { 100, 40, 200 },        /* twice the size */
  { 300.4, 220.2, 50 },    /* half the size */
};

static void
test_same_digit_anywhere (void)
{
  Polyline digit = seven ();
  Polyline other_digit = zero ();
  guint8 reference[NEURONS_INPUT_SIZE];
  guint8 other[NEURONS_INPUT_SIZE];
  double other_difference;

  preprocess_drawing (&digit, &reference_placement, reference);

  for (guint i = 0; i < G_N_ELEMENTS (moved_placements); i++)
    {
      guint8 moved[NEURONS_INPUT_SIZE];
      double difference;

      preprocess_drawing (&digit, &moved_placements[i], moved);
      difference = mean_difference (reference, moved);
      g_test_message ("7 at %g,%g size %g: mean difference %.2f / 255",
                      moved_placements[i].left, moved_placements[i].top,
                      moved_placements[i].size, difference);
      g_assert_cmpfloat (difference, <, 5.0);
    }

  preprocess_drawing (&other_digit, &reference_placement, other);
  other_difference = mean_difference (reference, other);
  g_test_message ("7 against 0: mean difference %.2f / 255", other_difference);
  g_assert_cmpfloat (other_difference, >, 40.0);
}

static void
test_centred_in_box (void)
{
  Polyline digits[] = { seven (), zero (), one () };

  for (guint d = 0; d < G_N_ELEMENTS (digits); d++)
    {
      guint8 pixels[NEURONS_INPUT_SIZE];

      preprocess_drawing (&digits[d], &reference_placement, pixels);
      assert_centred_in_box (pixels);
      for (guint i = 0; i < G_N_ELEMENTS (moved_placements); i++)
        {
          preprocess_drawing (&digits[d], &moved_placements[i], pixels);
          assert_centred_in_box (pixels);
        }
    }
}

static void
test_keeps_aspect (void)
{
  Polyline digit = one ();
  Placement placement = { 120, 20, 250 };
  guint8 pixels[NEURONS_INPUT_SIZE];
  guint columns = 0, rows = 0;

  preprocess_drawing (&digit, &placement, pixels);

  for (guint x = 0; x < NEURONS_IMAGE_SIDE; x++)
    for (guint y = 0; y < NEURONS_IMAGE_SIDE; y++)
      if (pixels[y * NEURONS_IMAGE_SIDE + x] != 0)
        {
          columns++;
          break;
        }
  for (guint y = 0; y < NEURONS_IMAGE_SIDE; y++)
    for (guint x = 0; x < NEURONS_IMAGE_SIDE; x++)
      if (pixels[y * NEURONS_IMAGE_SIDE + x] != 0)
        {
          rows++;
          break;
        }

  /* The stroke is 30 × 255 pixels, so 20 tall and about 2.4 wide once scaled. */
  g_test_message ("upright stroke: %u rows, %u columns", rows, columns);
  g_assert_cmpuint (rows, ==, 20);
  g_assert_cmpuint (columns, <=, 4);
}

static void
test_either_polarity (void)
{
  Polyline digit = seven ();
  g_autofree float *canvas = new_canvas (CANVAS_WIDTH, CANVAS_HEIGHT, &digit,
                                         &reference_placement);
  g_autoptr(GdkPixbuf) dark_ink = print_on_sheet (canvas, CANVAS_WIDTH, CANVAS_HEIGHT,
                                                  &black_on_white, NULL);
  g_autoptr(GdkPixbuf) light_ink = print_on_sheet (canvas, CANVAS_WIDTH, CANVAS_HEIGHT,
                                                   &white_on_black, NULL);
  guint8 from_ink[NEURONS_INPUT_SIZE];
  guint8 from_dark[NEURONS_INPUT_SIZE];
  guint8 from_light[NEURONS_INPUT_SIZE];

  preprocess_ink_or_fail (canvas, CANVAS_WIDTH, CANVAS_HEIGHT, from_ink);
  preprocess_pixbuf_or_fail (dark_ink, from_dark);
  preprocess_pixbuf_or_fail (light_ink, from_light);

  g_test_message ("black on white against white on black: largest difference %d / 255",
                  max_difference (from_dark, from_light));
  g_assert_cmpint (max_difference (from_dark, from_light), <=, 1);
  /* Clean ink loses only its faintest quarter to the noise threshold. */
  g_test_message ("black on white against the ink itself: mean difference %.2f / 255",
                  mean_difference (from_dark, from_ink));
  g_assert_cmpfloat (mean_difference (from_dark, from_ink), <, 6.0);
}

/* Strokes on nothing: the transparent parts are the paper, whatever colour they hide. */
static void
test_transparent_background (void)
{
  Polyline digit = seven ();
  g_autofree float *canvas = new_canvas (CANVAS_WIDTH, CANVAS_HEIGHT, &digit,
                                         &reference_placement);
  g_autoptr(GdkPixbuf) on_white = print_on_sheet (canvas, CANVAS_WIDTH, CANVAS_HEIGHT,
                                                  &black_on_white, NULL);
  g_autoptr(GdkPixbuf) black_strokes = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8,
                                                       CANVAS_WIDTH, CANVAS_HEIGHT);
  g_autoptr(GdkPixbuf) white_strokes = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8,
                                                       CANVAS_WIDTH, CANVAS_HEIGHT);
  guint8 from_white_paper[NEURONS_INPUT_SIZE];
  guint8 from_black_strokes[NEURONS_INPUT_SIZE];
  guint8 from_white_strokes[NEURONS_INPUT_SIZE];

  /* Transparent pixels hide black in one and white in the other. */
  for (guint y = 0; y < CANVAS_HEIGHT; y++)
    for (guint x = 0; x < CANVAS_WIDTH; x++)
      {
        guint8 opacity = (guint8) lround (canvas[y * CANVAS_WIDTH + x] * 255);
        guint8 *black = gdk_pixbuf_get_pixels (black_strokes)
                        + y * gdk_pixbuf_get_rowstride (black_strokes) + x * 4;
        guint8 *white = gdk_pixbuf_get_pixels (white_strokes)
                        + y * gdk_pixbuf_get_rowstride (white_strokes) + x * 4;

        black[0] = black[1] = black[2] = 0;
        white[0] = white[1] = white[2] = 255;
        black[3] = white[3] = opacity;
      }

  preprocess_pixbuf_or_fail (on_white, from_white_paper);
  preprocess_pixbuf_or_fail (black_strokes, from_black_strokes);
  preprocess_pixbuf_or_fail (white_strokes, from_white_strokes);

  g_assert_cmpint (max_difference (from_white_paper, from_black_strokes), <=, 1);
  g_assert_cmpint (max_difference (from_white_paper, from_white_strokes), <=, 1);
}

static void
test_pencil_photo (void)
{
  Polyline digit = seven ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree float *canvas = new_canvas (CANVAS_WIDTH, CANVAS_HEIGHT, &digit,
                                         &reference_placement);
  g_autoptr(GdkPixbuf) clean = print_on_sheet (canvas, CANVAS_WIDTH, CANVAS_HEIGHT,
                                               &black_on_white, NULL);
  g_autoptr(GdkPixbuf) pencil = NULL;
  guint8 from_clean[NEURONS_INPUT_SIZE];
  guint8 from_pencil[NEURONS_INPUT_SIZE];
  guint8 from_dusty[NEURONS_INPUT_SIZE];
  double difference;

  preprocess_pixbuf_or_fail (clean, from_clean);

  pencil = print_on_sheet (canvas, CANVAS_WIDTH, CANVAS_HEIGHT, &pencil_photo, rand);
  preprocess_pixbuf_or_fail (pencil, from_pencil);
  difference = mean_difference (from_clean, from_pencil);
  g_test_message ("pencil photo against black ink: mean difference %.2f / 255", difference);
  g_assert_cmpfloat (difference, <, 3.0);

  /* Flecks of dirt far from the digit, as dark as the pencil, must not move or shrink it. */
  g_clear_object (&pencil);
  draw_segment (canvas, CANVAS_WIDTH, CANVAS_HEIGHT, 380, 280, 381, 281, 2);
  draw_segment (canvas, CANVAS_WIDTH, CANVAS_HEIGHT, 10, 270, 10, 270, 1.5);
  draw_segment (canvas, CANVAS_WIDTH, CANVAS_HEIGHT, 350, 15, 352, 15, 1);
  pencil = print_on_sheet (canvas, CANVAS_WIDTH, CANVAS_HEIGHT, &pencil_photo, rand);
  preprocess_pixbuf_or_fail (pencil, from_dusty);
  difference = mean_difference (from_clean, from_dusty);
  g_test_message ("dusty pencil photo against black ink: mean difference %.2f / 255", difference);
  g_assert_cmpfloat (difference, <, 3.0);
}

/*
 * The test images of MNIST itself come back as they were: their long side already spans the
 * box and their centre of mass is already within half a pixel of the centre. The few whose
 * long side is 19 pixels are enlarged to 20, which is what changes them.
 */
static void
test_mnist_unchanged (void)
{
  const char *data_dir = g_getenv ("NEURONS_DATA_DIR");
  g_autofree char *path = g_build_filename (data_dir != NULL ? data_dir : NEURONS_SOURCE_DATA_DIR,
                                            "t10k-images-idx3-ubyte.gz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) compressed = g_file_read (file, NULL, &error);
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) stream = NULL;
  guint8 header[16];
  guint32 n_images, n_rows;
  double total_difference = 0, worst_difference = 0;
  guint n_changed = 0;

  g_assert_no_error (error);
  stream = g_converter_input_stream_new (G_INPUT_STREAM (compressed), G_CONVERTER (gunzip));
  g_assert_true (g_input_stream_read_all (stream, header, sizeof header, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The IDX magic for unsigned bytes in three dimensions, the count, then 28 × 28. */
  g_assert_cmpmem (header, 4, "\0\0\x08\x03", 4);
  memcpy (&n_images, header + 4, sizeof n_images);
  memcpy (&n_rows, header + 8, sizeof n_rows);
  n_images = GUINT32_FROM_BE (n_images);
  g_assert_cmpuint (n_images, ==, 10000);
  g_assert_cmpuint (GUINT32_FROM_BE (n_rows), ==, NEURONS_IMAGE_SIDE);

  for (guint n = 0; n < n_images; n++)
    {
      guint8 image[NEURONS_INPUT_SIZE];
      guint8 again[NEURONS_INPUT_SIZE];
      float ink[NEURONS_INPUT_SIZE];
      gsize n_read = 0;
      double difference;

      g_assert_true (g_input_stream_read_all (stream, image, sizeof image, &n_read, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_read, ==, sizeof image);

      for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
        ink[i] = image[i] / 255.0f;
      preprocess_ink_or_fail (ink, NEURONS_IMAGE_SIDE, NEURONS_IMAGE_SIDE, again);

      difference = mean_difference (image, again);
      total_difference += difference;
      worst_difference = MAX (worst_difference, difference);
      n_changed += difference > 0;
    }

  g_test_message ("%u MNIST images: %u changed, mean difference %.4f / 255, worst %.2f / 255",
                  n_images, n_changed, total_difference / n_images, worst_difference);
  g_assert_cmpuint (n_changed, <=, n_images / 1000);
  g_assert_cmpfloat (total_difference / n_images, <, 0.01);
}

/*
 * A big drawing with hairline strokes keeps all its ink when shrunk 50 times: each output pixel
 * is the mean of its footprint, so the strokes come out faint but whole, not as dots.
 */
static void
test_area_average (void)
{
  Polyline digit = zero ();
  g_autofree float *canvas = g_new0 (float, 1000 * 1000);
  guint8 pixels[NEURONS_INPUT_SIZE];
  double ink_mass = 0, pixel_mass = 0, expected_mass;
  guint ring_top = G_MAXUINT, ring_bottom = 0, top = G_MAXUINT, bottom = 0;

  for (guint i = 0; i + 1 < digit.n_points; i++)
    draw_segment (canvas, 1000, 1000,
                  digit.x[i] * 1000, digit.y[i] * 1000,
                  digit.x[i + 1] * 1000, digit.y[i + 1] * 1000, 1.5);
  /* The ring is taller than wide; its height is that of all the ink that shows in 8 bits. */
  for (guint i = 0; i < 1000 * 1000; i++)
    {
      ink_mass += canvas[i];
      if (canvas[i] * 255 > 0.5)
        {
          ring_top = MIN (ring_top, i / 1000);
          ring_bottom = MAX (ring_bottom, i / 1000);
        }
    }
  preprocess_ink_or_fail (canvas, 1000, 1000, pixels);

  for (guint y = 0; y < NEURONS_IMAGE_SIDE; y++)
    for (guint x = 0; x < NEURONS_IMAGE_SIDE; x++)
      if (pixels[y * NEURONS_IMAGE_SIDE + x] != 0)
        {
          pixel_mass += pixels[y * NEURONS_IMAGE_SIDE + x] / 255.0;
          top = MIN (top, y);
          bottom = MAX (bottom, y);
        }

  /* Area shrinks with the square of the scale. */
  expected_mass = ink_mass * pow (20.0 / (ring_bottom - ring_top + 1), 2);
  g_test_message ("hairline 0, %u pixels tall: ink %.2f, expected %.2f",
                  ring_bottom - ring_top + 1, pixel_mass, expected_mass);
  g_assert_cmpfloat (fabs (pixel_mass - expected_mass), <, 0.02 * expected_mass);

  /* Every row the ring spans has ink on both sides of it. */
  for (guint y = top; y <= bottom; y++)
    {
      guint left_ink = 0, right_ink = 0;

      for (guint x = 0; x < NEURONS_IMAGE_SIDE; x++)
        {
          if (x < NEURONS_IMAGE_SIDE / 2)
            left_ink += pixels[y * NEURONS_IMAGE_SIDE + x];
          else
            right_ink += pixels[y * NEURONS_IMAGE_SIDE + x];
        }
      g_assert_cmpuint (left_ink, >, 0);
      g_assert_cmpuint (right_ink, >, 0);
    }
}

/*
 * A small drawing is enlarged by interpolating between its pixels, not by repeating them: a ramp
 * of four pixels comes out as a ramp of twenty, rising at every pixel, rather than four steps.
 */
static void
test_smooth_enlargement (void)
{
  static const float ramp[] = { 0.25f, 0.5f, 0.75f, 1.0f };
  guint8 pixels[NEURONS_INPUT_SIZE];
  const guint8 *row = NULL;
  guint start = 0;

  preprocess_ink_or_fail (ramp, G_N_ELEMENTS (ramp), 1, pixels);

  for (guint i = 0; i < NEURONS_INPUT_SIZE && row == NULL; i++)
    if (pixels[i] != 0)
      {
        row = pixels + i / NEURONS_IMAGE_SIDE * NEURONS_IMAGE_SIDE;
        start = i % NEURONS_IMAGE_SIDE;
      }
  g_assert_nonnull (row);
  g_assert_cmpuint (start + 17, <=, NEURONS_IMAGE_SIDE);

  /* Up to the centre of the last input pixel, 17.5 of the 20 output pixels. */
  for (guint x = start + 1; x < start + 17; x++)
    g_assert_cmpuint (row[x], >, row[x - 1]);
}

/* What preprocessing makes is a fixed point of it. */
static void
test_idempotent (void)
{
  Polyline digits[] = { seven (), zero (), one () };

  for (guint d = 0; d < G_N_ELEMENTS (digits); d++)
    {
      guint8 once[NEURONS_INPUT_SIZE];
      guint8 twice[NEURONS_INPUT_SIZE];
      float ink[NEURONS_INPUT_SIZE];

      preprocess_drawing (&digits[d], &moved_placements[0], once);
      for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
        ink[i] = once[i] / 255.0f;
      preprocess_ink_or_fail (ink, NEURONS_IMAGE_SIDE, NEURONS_IMAGE_SIDE, twice);

      g_assert_cmpmem (once, sizeof once, twice, sizeof twice);
    }
}

static void
test_empty (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  g_autofree float *blank = g_new0 (float, CANVAS_WIDTH * CANVAS_HEIGHT);
  g_autoptr(GdkPixbuf) white = print_on_sheet (blank, CANVAS_WIDTH, CANVAS_HEIGHT,
                                               &black_on_white, NULL);
  g_autoptr(GdkPixbuf) grainy = print_on_sheet (blank, CANVAS_WIDTH, CANVAS_HEIGHT,
                                                &pencil_photo, rand);
  g_autofree float *haze = g_new (float, CANVAS_WIDTH * CANVAS_HEIGHT);
  GdkPixbuf *blank_pictures[] = { white, grainy };
  guint8 pixels[NEURONS_INPUT_SIZE];

  for (guint i = 0; i < CANVAS_WIDTH * CANVAS_HEIGHT; i++)
    haze[i] = 0.03f;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (neurons_preprocess_ink (i == 0 ? blank : haze, CANVAS_WIDTH, CANVAS_HEIGHT,
                                              pixels, &error));
      g_assert_error (error, NEURONS_PREPROCESS_ERROR, NEURONS_PREPROCESS_ERROR_EMPTY);
    }

  /* Neither clean paper nor grain and shading alone are a digit. */
  for (guint i = 0; i < G_N_ELEMENTS (blank_pictures); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (neurons_preprocess_pixbuf (blank_pictures[i], pixels, &error));
      g_assert_error (error, NEURONS_PREPROCESS_ERROR, NEURONS_PREPROCESS_ERROR_EMPTY);
    }
}

/* A scratch directory, and the path of name inside it. */
static char *
scratch_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("neurons-preprocess-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (directory, name, NULL);
}

static void
remove_scratch (const char *path)
{
  g_autofree char *directory = g_path_get_dirname (path);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (directory), ==, 0);
}

/* A scratch file holding contents, refused as an image, and why. */
static void
assert_file_refused (const char *name,
                     const char *contents,
                     gssize      length,
                     const char *reason)
{
  g_autofree char *path = scratch_path (name);
  g_autoptr(GError) error = NULL;
  guint8 pixels[NEURONS_INPUT_SIZE];

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);

  g_assert_false (neurons_preprocess_file (path, pixels, &error));
  g_assert_error (error, NEURONS_PREPROCESS_ERROR, NEURONS_PREPROCESS_ERROR_IMAGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  if (reason != NULL)
    g_assert_nonnull (strstr (error->message, reason));
  else
    {
      g_autoptr(GError) pixbuf_error = NULL;
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &pixbuf_error);

      /* gdk-pixbuf's own reason follows ours. */
      g_assert_null (pixbuf);
      g_assert_nonnull (pixbuf_error);
      g_assert_nonnull (strstr (error->message, pixbuf_error->message));
    }

  remove_scratch (path);
}

static void
test_not_an_image (void)
{
  assert_file_refused ("shopping-list.txt", "eggs, milk, flour\n", -1, NULL);
}

/* A header claiming 10 gigapixels is refused before anything is allocated for it. */
static void
test_huge_image (void)
{
  static const char header[] = "P5\n100000 100000\n255\n\0\0\0\0";

  assert_file_refused ("huge.pgm", header, sizeof header - 1, "100000 × 100000");
}

static void
test_png_round_trip (void)
{
  Polyline digit = seven ();
  g_autofree char *path = scratch_path ("seven.png");
  g_autofree float *canvas = new_canvas (CANVAS_WIDTH, CANVAS_HEIGHT, &digit,
                                         &reference_placement);
  g_autoptr(GdkPixbuf) pixbuf = print_on_sheet (canvas, CANVAS_WIDTH, CANVAS_HEIGHT,
                                                &black_on_white, NULL);
  g_autofree float *blank = g_new0 (float, CANVAS_WIDTH * CANVAS_HEIGHT);
  g_autoptr(GdkPixbuf) blank_pixbuf = print_on_sheet (blank, CANVAS_WIDTH, CANVAS_HEIGHT,
                                                      &black_on_white, NULL);
  g_autoptr(GError) error = NULL;
  guint8 from_pixbuf[NEURONS_INPUT_SIZE];
  guint8 from_file[NEURONS_INPUT_SIZE];

  preprocess_pixbuf_or_fail (pixbuf, from_pixbuf);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  g_assert_true (neurons_preprocess_file (path, from_file, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (from_pixbuf, sizeof from_pixbuf, from_file, sizeof from_file);

  /* A blank picture is read, but has no digit, and the message says which file. */
  g_assert_true (gdk_pixbuf_save (blank_pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  g_assert_false (neurons_preprocess_file (path, from_file, &error));
  g_assert_error (error, NEURONS_PREPROCESS_ERROR, NEURONS_PREPROCESS_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "seven.png"));

  remove_scratch (path);
}

/* A photo much larger than the working size is read shrunk, and comes out as the drawing. */
static void
test_large_photo (void)
{
  Polyline digit = seven ();
  Placement placement = { 500, 150, 1000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree char *path = scratch_path ("photo.jpg");
  g_autofree float *canvas = new_canvas (2000, 1500, &digit, &placement);
  g_autoptr(GdkPixbuf) photo = print_on_sheet (canvas, 2000, 1500, &pencil_photo, rand);
  g_autoptr(GError) error = NULL;
  guint8 drawn[NEURONS_INPUT_SIZE];
  guint8 from_photo[NEURONS_INPUT_SIZE];
  double difference;

  preprocess_drawing (&digit, &reference_placement, drawn);
  g_assert_true (gdk_pixbuf_save (photo, path, "jpeg", &error, "quality", "85", NULL));
  g_assert_no_error (error);
  g_assert_true (neurons_preprocess_file (path, from_photo, &error));
  g_assert_no_error (error);

  assert_centred_in_box (from_photo);
  difference = mean_difference (drawn, from_photo);
  g_test_message ("2000 × 1500 JPEG against the 400 × 300 drawing: mean difference %.2f / 255",
                  difference);
  g_assert_cmpfloat (difference, <, 6.0);

  remove_scratch (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nn/preprocess/same-digit-anywhere", test_same_digit_anywhere);
  g_test_add_func ("/nn/preprocess/centred-in-box", test_centred_in_box);
  g_test_add_func ("/nn/preprocess/keeps-aspect", test_keeps_aspect);
  g_test_add_func ("/nn/preprocess/either-polarity", test_either_polarity);
  g_test_add_func ("/nn/preprocess/transparent-background", test_transparent_background);
  g_test_add_func ("/nn/preprocess/pencil-photo", test_pencil_photo);
  g_test_add_func ("/nn/preprocess/mnist-unchanged", test_mnist_unchanged);
  g_test_add_func ("/nn/preprocess/area-average", test_area_average);
  g_test_add_func ("/nn/preprocess/smooth-enlargement", test_smooth_enlargement);
  g_test_add_func ("/nn/preprocess/idempotent", test_idempotent);
  g_test_add_func ("/nn/preprocess/empty", test_empty);
  g_test_add_func ("/nn/preprocess/not-an-image", test_not_an_image);
  g_test_add_func ("/nn/preprocess/huge-image", test_huge_image);
  g_test_add_func ("/nn/preprocess/png-round-trip", test_png_round_trip);
  g_test_add_func ("/nn/preprocess/large-photo", test_large_photo);

  return g_test_run ();
}
