/* neurons-network-file.h: saving and loading a network as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "neurons-checkpoints.h"
#include "neurons-mlp.h"

G_BEGIN_DECLS

#define NEURONS_NETWORK_FILE_ERROR (neurons_network_file_error_quark ())

typedef enum
{
  NEURONS_NETWORK_FILE_ERROR_IO,       /* cannot read or write the file */
  NEURONS_NETWORK_FILE_ERROR_SYNTAX,   /* not JSON */
  NEURONS_NETWORK_FILE_ERROR_FORMAT,   /* JSON, but not a network file we understand */
  NEURONS_NETWORK_FILE_ERROR_INVALID,  /* a network file with a wrong or missing value */
} NeuronsNetworkFileError;

/* What a network file holds beside the weights. */
typedef struct
{
  NeuronsInit initialization;
  double      learning_rate;
  guint64     seed;
  guint64     samples_seen;
} NeuronsNetworkSettings;

GQuark      neurons_network_file_error_quark (void);

char       *neurons_network_file_to_data     (const NeuronsMlp             *mlp,
                                              const NeuronsNetworkSettings *settings,
                                              gsize                        *length);
NeuronsMlp *neurons_network_file_parse       (const char                   *data,
                                              gssize                        length,
                                              NeuronsNetworkSettings       *settings,
                                              GError                      **error);
gboolean    neurons_network_file_save        (const char                   *path,
                                              const NeuronsMlp             *mlp,
                                              const NeuronsNetworkSettings *settings,
                                              GError                      **error);
NeuronsMlp *neurons_network_file_load        (const char                   *path,
                                              NeuronsNetworkSettings       *settings,
                                              GError                      **error);

char       *neurons_network_file_to_data_full (const NeuronsMlp             *mlp,
                                               const NeuronsNetworkSettings *settings,
                                               NeuronsCheckpoints           *checkpoints,
                                               gsize                        *length);
NeuronsMlp *neurons_network_file_parse_full  (const char                   *data,
                                              gssize                        length,
                                              NeuronsNetworkSettings       *settings,
                                              NeuronsCheckpoints          **checkpoints,
                                              GError                      **error);
gboolean    neurons_network_file_save_full   (const char                   *path,
                                              const NeuronsMlp             *mlp,
                                              const NeuronsNetworkSettings *settings,
                                              NeuronsCheckpoints           *checkpoints,
                                              GError                      **error);
NeuronsMlp *neurons_network_file_load_full   (const char                   *path,
                                              NeuronsNetworkSettings       *settings,
                                              NeuronsCheckpoints          **checkpoints,
                                              GError                      **error);

G_END_DECLS
