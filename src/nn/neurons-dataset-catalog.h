/* neurons-dataset-catalog.h: the datasets Neurons can learn, and what their classes are called
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  NEURONS_DATASET_MNIST,          /* handwritten digits, shipped with Neurons */
  NEURONS_DATASET_FASHION_MNIST,  /* photos of clothes, installed separately */
} NeuronsDatasetKind;

/* Where Debian's dataset-fashion-mnist puts it */
#define NEURONS_FASHION_MNIST_SYSTEM_DIR "/usr/share/datasets/fashion-mnist"

const char         *neurons_datasets_get_id          (NeuronsDatasetKind  kind);
gboolean            neurons_datasets_parse_id        (const char         *id,
                                                      NeuronsDatasetKind *kind);
const char         *neurons_datasets_get_title       (NeuronsDatasetKind  kind);
const char * const *neurons_datasets_get_class_names (NeuronsDatasetKind  kind);
char               *neurons_datasets_find_folder     (NeuronsDatasetKind  kind,
                                                      GSettings          *settings);

G_END_DECLS
