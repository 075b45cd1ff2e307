/* fuzz-idx.c: libFuzzer target for the IDX reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is two files in one: its first two bytes (little-endian) say how many of the
 * bytes after them are the image file; the rest is the label file. Either may be gzip'd.
 */

#define G_LOG_DOMAIN "neurons-fuzz"

#include "config.h"

#include "neurons-dataset.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) images = NULL;
  g_autoptr(GBytes) labels = NULL;
  g_autoptr(NeuronsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  gsize images_size;

  if (size < 2)
    return 0;

  images_size = MIN (data[0] | (gsize) data[1] << 8, size - 2);
  images = g_bytes_new_static (data + 2, images_size);
  labels = g_bytes_new_static (data + 2 + images_size, size - 2 - images_size);

  dataset = neurons_dataset_new_from_bytes (images, "images", labels, "labels", &error);

  /* Exactly one of a dataset and an error, and a dataset keeps the promises of its type. */
  g_assert ((dataset == NULL) != (error == NULL));
  if (dataset != NULL)
    {
      /* Reading the last pixel lets the address sanitizer check that the pixels are all
       * there. */
      volatile guint8 last_pixel = neurons_dataset_image (dataset, dataset->n_images - 1)[783];

      (void) last_pixel;
      g_assert (dataset->n_images > 0 && dataset->n_images <= NEURONS_DATASET_MAX_IMAGES);
      for (guint i = 0; i < dataset->n_images; i++)
        g_assert (dataset->labels[i] <= 9);
    }
  else
    {
      g_assert (error->domain == NEURONS_DATASET_ERROR);
      g_assert (g_str_has_prefix (error->message, "images") ||
                g_str_has_prefix (error->message, "labels"));
    }

  return 0;
}
