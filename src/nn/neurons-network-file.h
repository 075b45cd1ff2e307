/* neurons-network-file.h: saving and loading a network as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "neurons-checkpoints.h"
#include "neurons-mlp.h"
#include "neurons-training-options.h"

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

/* The file's "training" member: how the network trains, and where its optimiser is. */
typedef struct
{
  NeuronsTrainingOptions  options;          /* options.output is the network's own */
  NeuronsOptimizerState  *optimizer_state;  /* (nullable) (owned) none: a fresh start */
} NeuronsNetworkTraining;

GQuark      neurons_network_file_error_quark (void);

void        neurons_network_training_init    (NeuronsNetworkTraining       *training);
void        neurons_network_training_clear   (NeuronsNetworkTraining       *training);

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
                                               const NeuronsNetworkTraining *training,
                                               NeuronsCheckpoints           *checkpoints,
                                               gsize                        *length);
NeuronsMlp *neurons_network_file_parse_full  (const char                   *data,
                                              gssize                        length,
                                              NeuronsNetworkSettings       *settings,
                                              NeuronsNetworkTraining       *training,
                                              NeuronsCheckpoints          **checkpoints,
                                              GError                      **error);
gboolean    neurons_network_file_save_full   (const char                   *path,
                                              const NeuronsMlp             *mlp,
                                              const NeuronsNetworkSettings *settings,
                                              const NeuronsNetworkTraining *training,
                                              NeuronsCheckpoints           *checkpoints,
                                              GError                      **error);
NeuronsMlp *neurons_network_file_load_full   (const char                   *path,
                                              NeuronsNetworkSettings       *settings,
                                              NeuronsNetworkTraining       *training,
                                              NeuronsCheckpoints          **checkpoints,
                                              GError                      **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NeuronsNetworkTraining, neurons_network_training_clear)

G_END_DECLS
