/* neurons-augment.c: random shifts, rotations and scaling of training images, and dropout masks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-augment"

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-augment.h"

#define SIDE NEURONS_IMAGE_SIDE

/*
 * Everything random about one training sample (its dropout masks, how its image is moved) is
 * drawn from a stream of its own that depends only on the seed and the sample's number. So a
 * run stopped anywhere and resumed, or trained in other chunks, draws the same numbers.
 */
void
neurons_sample_random (NeuronsRandom *random,
                       guint64        seed,
                       guint64        sample)
{
  neurons_random_init (random, seed ^ (G_GUINT64_CONSTANT (0xa0c3e7d5b1f29486)
                                       + sample * G_GUINT64_CONSTANT (0xd1b54a32d192ed03)));
}

gboolean
neurons_augment_is_on (const NeuronsTrainingOptions *options)
{
  return options->augment_shift > 0 || options->augment_rotate > 0 || options->augment_scale > 0;
}

/* A uniform number in [−limit, limit]. */
static double
symmetric (NeuronsRandom *random,
           double         limit)
{
  return limit * (2 * neurons_random_uniform (random) - 1);
}

/*
 * out is pixels moved by a random shift of up to ± augment_shift pixels each way, turned by up
 * to ± augment_rotate degrees and scaled by a factor within 1 ± augment_scale, both about the
 * image's centre. Each output pixel is read from where the inverse movement puts it, by
 * bilinear interpolation, with blank outside the image; a shift alone moves whole pixels and
 * keeps every value.
 */
void
neurons_augment_image (guint8                       *out,
                       const guint8                 *pixels,
                       const NeuronsTrainingOptions *options,
                       NeuronsRandom                *random)
{
  int shift_x = 0, shift_y = 0;
  double angle = 0, scale = 1, cosine, sine;
  const double centre = (SIDE - 1) / 2.0;

  if (options->augment_shift > 0)
    {
      guint span = 2 * options->augment_shift + 1;

      shift_x = (int) neurons_random_below (random, span) - (int) options->augment_shift;
      shift_y = (int) neurons_random_below (random, span) - (int) options->augment_shift;
    }
  if (options->augment_rotate > 0)
    angle = symmetric (random, options->augment_rotate) * G_PI / 180;
  if (options->augment_scale > 0)
    scale = 1 + symmetric (random, options->augment_scale);

  if (angle == 0 && scale == 1)
    {
      memset (out, 0, SIDE * SIDE);
      for (int y = 0; y < SIDE; y++)
        for (int x = 0; x < SIDE; x++)
          {
            int from_x = x - shift_x, from_y = y - shift_y;

            if (from_x >= 0 && from_x < SIDE && from_y >= 0 && from_y < SIDE)
              out[y * SIDE + x] = pixels[from_y * SIDE + from_x];
          }
      return;
    }

  /* Inverse of: scale and rotate about the centre, then shift */
  cosine = cos (angle) / scale;
  sine = sin (angle) / scale;
  for (int y = 0; y < SIDE; y++)
    for (int x = 0; x < SIDE; x++)
      {
        double dx = x - shift_x - centre, dy = y - shift_y - centre;
        double source_x = cosine * dx + sine * dy + centre;
        double source_y = -sine * dx + cosine * dy + centre;
        int x0 = (int) floor (source_x), y0 = (int) floor (source_y);
        double fx = source_x - x0, fy = source_y - y0, value = 0;

        for (int j = 0; j < 2; j++)
          for (int i = 0; i < 2; i++)
            {
              int px = x0 + i, py = y0 + j;

              if (px >= 0 && px < SIDE && py >= 0 && py < SIDE)
                value += (i ? fx : 1 - fx) * (j ? fy : 1 - fy) * pixels[py * SIDE + px];
            }
        out[y * SIDE + x] = (guint8) MIN (255, (int) (value + 0.5));
      }
}

/* Inverted dropout: keep[j] is 0 with probability p, else 1 / (1 − p), so that the expected
 * input of the next layer is what it is without dropout, and evaluation needs no change. */
void
neurons_dropout_mask (float         *keep,
                      guint          n,
                      double         dropout,
                      NeuronsRandom *random)
{
  float kept = (float) (1 / (1 - dropout));

  for (guint j = 0; j < n; j++)
    keep[j] = neurons_random_uniform (random) < dropout ? 0.0f : kept;
}
