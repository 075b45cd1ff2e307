/* neurons-preprocess.c: MNIST's own normalisation, applied to a drawing or a photo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-preprocess"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "neurons-preprocess.h"

/*
 * MNIST's digits were made like this (LeCun et al.): the ink's bounding box was scaled, keeping
 * its aspect ratio, so that its long side spans a 20×20 box, with anti-aliasing; the box was
 * then placed in the 28×28 field so that the centre of mass of the ink lies at the centre.
 * Measured on the real test set, that centre of mass is within half a pixel of (14, 14) in
 * pixel-index coordinates (pixel x covers [x, x + 1)), so the box is moved by whole pixels, as
 * MNIST did; the ink therefore never leaves a 20×20 square and is never blurred by a
 * sub-pixel shift.
 *
 * The scaling averages the ink over each output pixel's footprint (a box filter), so a
 * 1000-pixel photo comes out smooth instead of aliased. The footprint is never narrower than
 * one input pixel: when a small drawing is enlarged, averaging over one input pixel's width is
 * exactly bilinear interpolation, so enlargements are smooth too, and an image that already
 * spans 20 pixels is copied unchanged.
 */

#define BOX_SIDE 20
/* Where the centre of mass goes, in pixel-index coordinates. */
#define FIELD_CENTRE 14.0
/* Without a pixel of at least this much ink there is no digit... */
#define INK_PRESENT 0.05f
/* ...and the bounding box holds all the ink that would show in an 8-bit image. */
#define INK_VISIBLE (0.5f / 255.0f)

/* Photos are brought down to this long side first: the digit ends up 20 pixels tall anyway. */
#define WORKING_SIDE 1024
/* Files with more pixels are refused before they are decoded. */
#define MAX_FILE_MEGAPIXELS 64
/* Which way the ink goes is judged by this far into each tail of the luminances... */
#define EXTREME_FRACTION 0.0005
/* ...and full ink is what this fraction of the clearly inked pixels reach. */
#define FULL_INK_FRACTION 0.1
#define CONTRAST_HISTOGRAM_BINS 1024
/* Less contrast than this (of full black to white) between ink and paper is no ink at all. */
#define MIN_CONTRAST 0.08f
/* Ink must stand out from the paper's noise by this many standard deviations... */
#define MIN_CONTRAST_SIGMAS 8.0f
/* ...and each pixel by at least this fraction of the contrast, or this many sigmas. */
#define NOISE_THRESHOLD 0.25f
#define NOISE_THRESHOLD_SIGMAS 4.0f
/* Patches of ink lighter than this fraction of the heaviest patch are specks, not strokes. */
#define SPECK_FRACTION 0.05

G_DEFINE_QUARK (neurons-preprocess-error-quark, neurons_preprocess_error)

static gboolean
no_ink_error (GError **error)
{
  g_set_error_literal (error, NEURONS_PREPROCESS_ERROR, NEURONS_PREPROCESS_ERROR_EMPTY,
                       _("The image has no ink to read: draw a digit or choose a picture of one"));
  return FALSE;
}

/*
 * How one axis of the bounding box is scaled into the box: output pixel j reads input pixels
 * first[j] .. first[j] + count[j] - 1, with weights[j * stride ...] that sum to at most 1
 * (less where its footprint leaves the bounding box, whose outside is blank).
 */
typedef struct
{
  guint  first[BOX_SIDE];
  guint  count[BOX_SIDE];
  guint  stride;
  float *weights;   /* (BOX_SIDE, stride) */
} NeuronsResampling;

static void
neurons_resampling_clear (NeuronsResampling *resampling)
{
  g_clear_pointer (&resampling->weights, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NeuronsResampling, neurons_resampling_clear)

/* Input pixels start .. start + length - 1 are scaled by scale, starting at output pixel 0. */
static void
neurons_resampling_init (NeuronsResampling *resampling,
                         guint              start,
                         guint              length,
                         double             scale)
{
  /* Half the footprint of one output pixel in input pixels, never less than half a pixel. */
  double radius = MAX (1.0 / scale, 1.0) / 2.0;
  double end = (double) start + length;

  resampling->stride = (guint) ceil (2.0 * radius) + 1;
  resampling->weights = g_new0 (float, BOX_SIDE * resampling->stride);

  for (guint j = 0; j < BOX_SIDE; j++)
    {
      /* The footprint of output pixel j, mapped back into input coordinates. */
      double centre = start + (j + 0.5) / scale;
      double low = MAX (centre - radius, (double) start);
      double high = MIN (centre + radius, end);
      float *weights = resampling->weights + j * resampling->stride;

      resampling->first[j] = (guint) floor (low);
      resampling->count[j] = 0;

      /* Each input pixel weighs as much as it overlaps the footprint. */
      for (guint i = resampling->first[j]; i < high; i++)
        {
          double overlap = MIN (i + 1.0, high) - MAX ((double) i, low);

          g_assert (resampling->count[j] < resampling->stride);
          weights[resampling->count[j]++] = (float) (overlap / (2.0 * radius));
        }
    }
}

/* The bounding box of the ink, inclusive: what is above INK_VISIBLE. Returns the strongest ink. */
static float
find_ink_bounds (const float *ink,
                 guint        width,
                 guint        height,
                 guint       *left,
                 guint       *right,
                 guint       *top,
                 guint       *bottom)
{
  float strongest = 0;

  *left = G_MAXUINT, *right = 0, *top = G_MAXUINT, *bottom = 0;
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        float value = ink[(gsize) y * width + x];

        strongest = MAX (strongest, value);
        if (value > INK_VISIBLE)
          {
            *left = MIN (*left, x);
            *right = MAX (*right, x);
            *top = MIN (*top, y);
            *bottom = MAX (*bottom, y);
          }
      }

  return strongest;
}

/* box is (BOX_SIDE, BOX_SIDE): the bounding box of ink from (left, top), box_width × box_height,
 * scaled so its long side fills the box's side; the short side keeps the aspect ratio. */
static void
scale_into_box (float       *box,
                const float *ink,
                guint        width,
                guint        left,
                guint        top,
                guint        box_width,
                guint        box_height)
{
  g_auto (NeuronsResampling) columns = { 0 };
  g_auto (NeuronsResampling) rows = { 0 };
  g_autofree float *scaled_rows = NULL;
  double scale = (double) BOX_SIDE / MAX (box_width, box_height);

  neurons_resampling_init (&columns, left, box_width, scale);
  neurons_resampling_init (&rows, top, box_height, scale);

  /* scaled_rows is (box_height, BOX_SIDE): each row of the bounding box, scaled across. */
  scaled_rows = g_new (float, (gsize) box_height * BOX_SIDE);
  for (guint y = 0; y < box_height; y++)
    {
      const float *ink_row = ink + (gsize) (top + y) * width;

      for (guint j = 0; j < BOX_SIDE; j++)
        {
          const float *weights = columns.weights + j * columns.stride;
          float sum = 0;

          for (guint k = 0; k < columns.count[j]; k++)
            sum += weights[k] * ink_row[columns.first[j] + k];
          scaled_rows[y * BOX_SIDE + j] = sum;
        }
    }

  /* box: the scaled rows, scaled down the columns. */
  for (guint j = 0; j < BOX_SIDE; j++)
    {
      const float *weights = rows.weights + j * rows.stride;

      for (guint x = 0; x < BOX_SIDE; x++)
        {
          float sum = 0;

          for (guint k = 0; k < rows.count[j]; k++)
            sum += weights[k] * scaled_rows[(rows.first[j] - top + k) * BOX_SIDE + x];
          box[j * BOX_SIDE + x] = sum;
        }
    }
}

/* Quantises the box and places it in the field so that its centre of mass is within half a
 * pixel of the centre. FALSE if nothing is left of the ink. */
static gboolean
centre_by_mass (guint8      *pixels,
                const float *box)
{
  guint8 box_pixels[BOX_SIDE * BOX_SIDE];
  double mass = 0, moment_x = 0, moment_y = 0;
  int shift_x, shift_y;

  /* Quantise first, so the centre of mass is that of the pixels handed back. */
  for (guint i = 0; i < BOX_SIDE * BOX_SIDE; i++)
    {
      box_pixels[i] = (guint8) lrintf (CLAMP (box[i], 0.0f, 1.0f) * 255.0f);
      mass += box_pixels[i];
      moment_x += (double) box_pixels[i] * (i % BOX_SIDE);
      moment_y += (double) box_pixels[i] * (i / BOX_SIDE);
    }
  /* Faint ink spread over a large box can average away to nothing. */
  if (mass == 0)
    return FALSE;

  /* Move by whole pixels so the centre of mass lands within half a pixel of the centre. */
  shift_x = (int) lround (FIELD_CENTRE - moment_x / mass);
  shift_y = (int) lround (FIELD_CENTRE - moment_y / mass);

  /* Ink pushed past the field's edge by a lopsided digit is cut off, as in MNIST. */
  memset (pixels, 0, NEURONS_INPUT_SIZE);
  for (int y = 0; y < BOX_SIDE; y++)
    for (int x = 0; x < BOX_SIDE; x++)
      {
        int field_x = x + shift_x;
        int field_y = y + shift_y;

        if (field_x >= 0 && field_x < NEURONS_IMAGE_SIDE
            && field_y >= 0 && field_y < NEURONS_IMAGE_SIDE)
          pixels[field_y * NEURONS_IMAGE_SIDE + field_x] = box_pixels[y * BOX_SIDE + x];
      }

  return TRUE;
}

/*
 * Finds the bounding box of the ink, scales it into the box and moves it so its centre of
 * mass is at the centre of the field.
 */
gboolean
neurons_preprocess_ink (const float  *ink,
                        guint         width,
                        guint         height,
                        guint8       *pixels,
                        GError      **error)
{
  float box[BOX_SIDE * BOX_SIDE];
  guint left, right, top, bottom;

  g_return_val_if_fail (ink != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (find_ink_bounds (ink, width, height, &left, &right, &top, &bottom) <= INK_PRESENT)
    return no_ink_error (error);

  scale_into_box (box, ink, width, left, top, right - left + 1, bottom - top + 1);
  if (!centre_by_mass (pixels, box))
    return no_ink_error (error);

  return TRUE;
}

static int
compare_floats (gconstpointer a,
                gconstpointer b)
{
  float left = *(const float *) a;
  float right = *(const float *) b;

  return (left > right) - (left < right);
}

static float
median_of (float *values,
           gsize  n_values)
{
  qsort (values, n_values, sizeof (float), compare_floats);
  return n_values % 2 == 1
         ? values[n_values / 2]
         : (values[n_values / 2 - 1] + values[n_values / 2]) / 2.0f;
}

/* Copies the outermost ring of pixels of a (height, width) image into ring; returns how many. */
static gsize
copy_border (float       *ring,
             const float *image,
             guint        width,
             guint        height)
{
  gsize n = 0;

  for (guint y = 0; y < height; y++)
    {
      if (y == 0 || y == height - 1)
        for (guint x = 0; x < width; x++)
          ring[n++] = image[(gsize) y * width + x];
      else
        {
          ring[n++] = image[(gsize) y * width];
          if (width > 1)
            ring[n++] = image[(gsize) y * width + width - 1];
        }
    }

  return n;
}

/* The histogram bin step bins in from the dark end, or from the light end. */
static guint
tail_bin (guint    step,
          gboolean from_dark)
{
  return from_dark ? step : CONTRAST_HISTOGRAM_BINS - 1 - step;
}

/* The luminance of the count-th darkest (or lightest) pixel; count is at least 1. */
static float
tail_luminance (const guint *histogram,
                gsize        count,
                gboolean     from_dark)
{
  guint step = 0;
  gsize seen = histogram[tail_bin (0, from_dark)];

  /* count never exceeds the pixels in the histogram, so this stops inside it. */
  while (seen < count)
    seen += histogram[tail_bin (++step, from_dark)];

  return (tail_bin (step, from_dark) + 0.5f) / CONTRAST_HISTOGRAM_BINS;
}

/* How many pixels are darker (or lighter) than luminance. */
static gsize
tail_count (const guint *histogram,
            float        luminance,
            gboolean     from_dark)
{
  gsize count = 0;

  for (guint step = 0; step < CONTRAST_HISTOGRAM_BINS; step++)
    {
      guint bin = tail_bin (step, from_dark);
      float bin_luminance = (bin + 0.5f) / CONTRAST_HISTOGRAM_BINS;

      if (from_dark ? bin_luminance >= luminance : bin_luminance <= luminance)
        break;
      count += histogram[bin];
    }

  return count;
}

/*
 * Clears the specks: 8-connected patches of ink whose total ink is under SPECK_FRACTION of the
 * heaviest patch's. Dust, paper grain and the odd noisy pixel would otherwise stretch the
 * bounding box, and with it shrink the digit; the strokes of a digit are far heavier.
 */
static void
remove_specks (float *ink,
               guint  width,
               guint  height)
{
  gsize n_pixels = (gsize) width * height;
  /* labels[i] is 0 for blank or unvisited pixels, else 1 + the index of its patch. */
  g_autofree guint32 *labels = g_new0 (guint32, n_pixels);
  g_autofree gsize *pending = g_new (gsize, n_pixels);
  g_autoptr(GArray) patch_masses = g_array_new (FALSE, FALSE, sizeof (double));
  double heaviest = 0;

  for (gsize seed = 0; seed < n_pixels; seed++)
    {
      guint32 label;
      gsize n_pending = 0;
      double mass = 0;

      if (ink[seed] <= 0 || labels[seed] != 0)
        continue;

      /* Flood the patch from seed; a pixel is labelled when queued, so it is queued once. */
      label = patch_masses->len + 1;
      labels[seed] = label;
      pending[n_pending++] = seed;
      while (n_pending > 0)
        {
          gsize pixel = pending[--n_pending];
          guint x = pixel % width;
          guint y = pixel / width;

          mass += ink[pixel];
          for (guint ny = MAX (y, 1) - 1; ny <= MIN (y + 1, height - 1); ny++)
            for (guint nx = MAX (x, 1) - 1; nx <= MIN (x + 1, width - 1); nx++)
              {
                gsize neighbour = (gsize) ny * width + nx;

                if (ink[neighbour] > 0 && labels[neighbour] == 0)
                  {
                    labels[neighbour] = label;
                    pending[n_pending++] = neighbour;
                  }
              }
        }

      g_array_append_val (patch_masses, mass);
      heaviest = MAX (heaviest, mass);
    }

  for (gsize i = 0; i < n_pixels; i++)
    if (labels[i] != 0
        && g_array_index (patch_masses, double, labels[i] - 1) < SPECK_FRACTION * heaviest)
      ink[i] = 0;
}

/* pixbuf itself, or a copy brought down to WORKING_SIDE with area averaging. */
static GdkPixbuf *
working_copy (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double shrink;

  if (MAX (width, height) <= WORKING_SIDE)
    return g_object_ref (pixbuf);

  shrink = (double) WORKING_SIDE / MAX (width, height);
  /* For reduction, GDK_INTERP_BILINEAR integrates over each pixel's coverage. */
  return gdk_pixbuf_scale_simple (pixbuf,
                                  MAX ((int) lround (width * shrink), 1),
                                  MAX ((int) lround (height * shrink), 1),
                                  GDK_INTERP_BILINEAR);
}

/* 1. The luminance of the image, (height, width) from 0 to 1, flattened onto its paper: the
 * opaque part of the border, or else the opposite of the strokes. */
static float *
luminance_on_paper (GdkPixbuf *working,
                    float     *paper)
{
  guint width = gdk_pixbuf_get_width (working);
  guint height = gdk_pixbuf_get_height (working);
  guint n_channels = gdk_pixbuf_get_n_channels (working);
  guint rowstride = gdk_pixbuf_get_rowstride (working);
  gboolean has_alpha = gdk_pixbuf_get_has_alpha (working);
  const guint8 *data = gdk_pixbuf_read_pixels (working);
  gsize n_pixels = (gsize) width * height;
  float *luminance = g_new (float, n_pixels);
  g_autofree float *opacity = g_new (float, n_pixels);
  g_autofree float *border_luminance = g_new (float, 2 * ((gsize) width + height));
  g_autofree float *border_opacity = g_new (float, 2 * ((gsize) width + height));
  gsize n_border, n_opaque_border = 0;
  double opacity_sum = 0, opaque_luminance_sum = 0;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        const guint8 *pixel = data + (gsize) y * rowstride + x * n_channels;
        gsize i = (gsize) y * width + x;

        luminance[i] = (0.2126f * pixel[0] + 0.7152f * pixel[1] + 0.0722f * pixel[2]) / 255.0f;
        opacity[i] = has_alpha ? pixel[3] / 255.0f : 1.0f;
        opacity_sum += opacity[i];
        opaque_luminance_sum += opacity[i] * luminance[i];
      }

  n_border = copy_border (border_luminance, luminance, width, height);
  copy_border (border_opacity, opacity, width, height);
  for (gsize i = 0; i < n_border; i++)
    if (border_opacity[i] >= 0.5f)
      border_luminance[n_opaque_border++] = border_luminance[i];
  if (2 * n_opaque_border >= n_border)
    *paper = median_of (border_luminance, n_opaque_border);
  else
    *paper = opaque_luminance_sum < 0.5 * opacity_sum ? 1.0f : 0.0f;

  for (gsize i = 0; i < n_pixels; i++)
    luminance[i] = opacity[i] * luminance[i] + (1.0f - opacity[i]) * *paper;

  return luminance;
}

/* 2. The paper's noise, from the border's spread around it. */
static float
paper_noise (const float *luminance,
             guint        width,
             guint        height,
             float        paper)
{
  g_autofree float *border = g_new (float, 2 * ((gsize) width + height));
  gsize n_border = copy_border (border, luminance, width, height);

  for (gsize i = 0; i < n_border; i++)
    border[i] = fabsf (border[i] - paper);
  return 1.4826f * median_of (border, n_border);
}

/* 3. and 4. Polarity and contrast, from the tails of the luminance histogram. Returns the
 * contrast of full ink against the paper, or 0 when that is too faint to tell from noise. */
static float
find_contrast (const float *luminance,
               gsize        n_pixels,
               float        paper,
               float        noise_sigma,
               gboolean    *dark_ink)
{
  g_autofree guint *histogram = g_new0 (guint, CONTRAST_HISTOGRAM_BINS);
  gsize n_extreme, n_inked;
  float dark_contrast, light_contrast, full_ink, contrast;

  for (gsize i = 0; i < n_pixels; i++)
    histogram[MIN ((guint) (luminance[i] * CONTRAST_HISTOGRAM_BINS),
                   CONTRAST_HISTOGRAM_BINS - 1)]++;
  n_extreme = MAX ((gsize) (EXTREME_FRACTION * n_pixels), 1);
  dark_contrast = paper - tail_luminance (histogram, n_extreme, TRUE);
  light_contrast = tail_luminance (histogram, n_extreme, FALSE) - paper;
  *dark_ink = dark_contrast >= light_contrast;
  n_inked = tail_count (histogram,
                        *dark_ink ? paper - dark_contrast / 2 : paper + light_contrast / 2,
                        *dark_ink);
  full_ink = tail_luminance (histogram, MAX ((gsize) (FULL_INK_FRACTION * n_inked), 1), *dark_ink);
  contrast = fabsf (full_ink - paper);
  if (contrast < MAX (MIN_CONTRAST, MIN_CONTRAST_SIGMAS * noise_sigma))
    return 0;
  return contrast;
}

/* 5. The luminance becomes ink in place, less the noise threshold. */
static void
luminance_to_ink (float    *luminance,
                  gsize     n_pixels,
                  float     paper,
                  float     contrast,
                  gboolean  dark_ink,
                  float     noise_sigma)
{
  float threshold = MAX (NOISE_THRESHOLD, NOISE_THRESHOLD_SIGMAS * noise_sigma / contrast);

  for (gsize i = 0; i < n_pixels; i++)
    {
      float strength = (dark_ink ? paper - luminance[i] : luminance[i] - paper) / contrast;

      luminance[i] = CLAMP ((strength - threshold) / (1.0f - threshold), 0.0f, 1.0f);
    }
}

/*
 * Turns a picture into ink:
 *
 * 1. Luminance (Rec. 709 weights), with transparent parts composited over the paper. The
 *    paper is the median of the opaque pixels on the border; when the border is mostly
 *    transparent the picture is strokes on nothing, and the paper is white under dark
 *    strokes, black under light ones.
 * 2. Noise: 1.4826 × the median absolute deviation of the border from the paper estimates the
 *    standard deviation of the paper's grain, even where a stroke reaches the border.
 * 3. Polarity: the ink is whichever way the picture strays further from the paper, dark
 *    (pencil on paper) or light (chalk on a board, a screenshot of a dark theme), judged by
 *    the few most extreme pixels (EXTREME_FRACTION) each way.
 * 4. Contrast: full ink is what the strongest tenth of the clearly inked pixels (those past
 *    half the extreme) reach, and becomes 1, so grey pencil reads like black ink. Taking a
 *    tenth of the strokes rather than the single strongest pixel keeps the grain and the odd
 *    fleck of dirt from setting it. Less contrast than MIN_CONTRAST, or than
 *    MIN_CONTRAST_SIGMAS of the noise, is no ink at all.
 * 5. Threshold: each pixel loses NOISE_THRESHOLD of the contrast, or NOISE_THRESHOLD_SIGMAS of
 *    the noise if that is more, and what is left is stretched back to 0..1. A quarter of the
 *    contrast is well above the grain and the uneven lighting of a photographed sheet, yet
 *    keeps the body and the soft edges of a stroke: the ink ramps up from the threshold
 *    rather than jumping, so anti-aliasing survives.
 * 6. Specks that got through are cleared (remove_specks()).
 */
gboolean
neurons_preprocess_pixbuf (GdkPixbuf  *pixbuf,
                           guint8     *pixels,
                           GError    **error)
{
  g_autoptr(GdkPixbuf) working = NULL;
  g_autofree float *luminance = NULL;
  guint width, height;
  float paper, noise_sigma, contrast;
  gboolean dark_ink;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  working = working_copy (pixbuf);
  if (working == NULL)
    {
      g_set_error_literal (error, NEURONS_PREPROCESS_ERROR, NEURONS_PREPROCESS_ERROR_IMAGE,
                           _("There is not enough memory to scale the image down"));
      return FALSE;
    }

  g_assert (gdk_pixbuf_get_colorspace (working) == GDK_COLORSPACE_RGB);
  g_assert (gdk_pixbuf_get_bits_per_sample (working) == 8);
  width = gdk_pixbuf_get_width (working);
  height = gdk_pixbuf_get_height (working);

  /* 1. and the paper */
  luminance = luminance_on_paper (working, &paper);
  /* 2. */
  noise_sigma = paper_noise (luminance, width, height, paper);
  /* 3. and 4. */
  contrast = find_contrast (luminance, (gsize) width * height, paper, noise_sigma, &dark_ink);
  if (contrast <= 0)
    return no_ink_error (error);
  /* 5. */
  luminance_to_ink (luminance, (gsize) width * height, paper, contrast, dark_ink, noise_sigma);
  /* 6. */
  remove_specks (luminance, width, height);

  return neurons_preprocess_ink (luminance, width, height, pixels, error);
}

gboolean
neurons_preprocess_file (const char  *path,
                         guint8      *pixels,
                         GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  int width = 0, height = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_name (path);

  /* Read the size from the header, so a huge image is refused before it is decoded. */
  if (gdk_pixbuf_get_file_info (path, &width, &height) != NULL
      && (gint64) width * height > (gint64) MAX_FILE_MEGAPIXELS * 1000 * 1000)
    {
      g_set_error (error, NEURONS_PREPROCESS_ERROR, NEURONS_PREPROCESS_ERROR_IMAGE,
                   _("“%s” is too large to read (%d × %d pixels): "
                     "scale it below %d megapixels"),
                   display_name, width, height, MAX_FILE_MEGAPIXELS);
      return FALSE;
    }

  /* Loaders that can decode at a reduced size (JPEG) then never hold the full photo. */
  if (MAX (width, height) > WORKING_SIDE)
    pixbuf = gdk_pixbuf_new_from_file_at_size (path, WORKING_SIDE, WORKING_SIDE, &local_error);
  else
    pixbuf = gdk_pixbuf_new_from_file (path, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, NEURONS_PREPROCESS_ERROR, NEURONS_PREPROCESS_ERROR_IMAGE,
                   _("Could not read “%s” as an image: %s"),
                   display_name, local_error->message);
      return FALSE;
    }

  /* Phone cameras store the photo sideways and say which way is up. */
  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);

  if (!neurons_preprocess_pixbuf (upright, pixels, error))
    {
      g_prefix_error (error, _("“%s”: "), display_name);
      return FALSE;
    }

  return TRUE;
}
