/* neurons-dataset.h: MNIST-style IDX image and label files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NEURONS_DATASET_ERROR (neurons_dataset_error_quark ())

typedef enum
{
  NEURONS_DATASET_ERROR_IO,          /* the file cannot be opened or read */
  NEURONS_DATASET_ERROR_COMPRESSION, /* the gzip stream is corrupt */
  NEURONS_DATASET_ERROR_MAGIC,       /* not an IDX file of the expected kind */
  NEURONS_DATASET_ERROR_DIMENSIONS,  /* images that are not 28×28 */
  NEURONS_DATASET_ERROR_TOO_LARGE,   /* a header that claims more than we accept */
  NEURONS_DATASET_ERROR_TRUNCATED,   /* fewer bytes than the header promises */
  NEURONS_DATASET_ERROR_TRAILING,    /* more bytes than the header promises */
  NEURONS_DATASET_ERROR_LABEL,       /* a label outside 0-9 */
  NEURONS_DATASET_ERROR_MISMATCH,    /* image and label counts differ */
  NEURONS_DATASET_ERROR_NOT_FOUND,   /* a data folder without the expected files */
} NeuronsDatasetError;

/* No IDX file of ours holds more images than this; a header that claims more is refused
 * before anything is allocated. */
#define NEURONS_DATASET_MAX_IMAGES 1000000

/* Reference counted (g_atomic_rc_box), so that a worker thread can hold it safely. */
typedef struct
{
  guint   n_images;
  guint8 *pixels;   /* (n_images, 784), row-major, 0 = background, 255 = full ink */
  guint8 *labels;   /* (n_images), each 0-9 */
} NeuronsDataset;

/* A boxed type, so that a dataset can be a property (NeuronsExperiment:training-set) */
#define NEURONS_TYPE_DATASET (neurons_dataset_get_type ())

GQuark          neurons_dataset_error_quark      (void);
GType           neurons_dataset_get_type         (void) G_GNUC_CONST;

NeuronsDataset *neurons_dataset_load             (const char      *images_path,
                                                  const char      *labels_path,
                                                  GError         **error);
NeuronsDataset *neurons_dataset_new_from_bytes   (GBytes          *images,
                                                  const char      *images_name,
                                                  GBytes          *labels,
                                                  const char      *labels_name,
                                                  GError         **error);
NeuronsDataset *neurons_dataset_ref              (NeuronsDataset  *dataset);
void            neurons_dataset_unref            (NeuronsDataset  *dataset);

static inline const guint8 *
neurons_dataset_image (const NeuronsDataset *dataset,
                       guint                 index)
{
  return dataset->pixels + (gsize) index * 784;
}

/* A folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte
 * and t10k-labels-idx1-ubyte, each plain or gzip'd (.gz). */
gboolean        neurons_dataset_load_directory   (const char      *directory,
                                                  NeuronsDataset **train,
                                                  NeuronsDataset **test,
                                                  GError         **error);
char           *neurons_dataset_find_default_directory (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NeuronsDataset, neurons_dataset_unref)

G_END_DECLS
