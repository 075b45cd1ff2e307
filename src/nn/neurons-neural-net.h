/* neurons-neural-net.h: the network as the window sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "neurons-enums.h"
#include "neurons-mlp.h"
#include "neurons-network-file.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_NEURAL_NET (neurons_neural_net_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsNeuralNet, neurons_neural_net, NEURONS, NEURAL_NET, GObject)

NeuronsNeuralNet      *neurons_neural_net_new                (NeuronsActivation   hidden_activation,
                                                              NeuronsInit         initialization,
                                                              guint64             seed);
NeuronsNeuralNet      *neurons_neural_net_new_from_file      (const char         *path,
                                                              GError            **error);
gboolean               neurons_neural_net_load_file          (NeuronsNeuralNet   *self,
                                                              const char         *path,
                                                              GError            **error);
gboolean               neurons_neural_net_save_file          (NeuronsNeuralNet   *self,
                                                              const char         *path,
                                                              GError            **error);

NeuronsActivation      neurons_neural_net_get_hidden_activation (NeuronsNeuralNet *self);
NeuronsInit            neurons_neural_net_get_initialization (NeuronsNeuralNet   *self);
double                 neurons_neural_net_get_learning_rate  (NeuronsNeuralNet   *self);
gboolean               neurons_neural_net_set_learning_rate  (NeuronsNeuralNet   *self,
                                                              double              learning_rate,
                                                              GError            **error);
guint64                neurons_neural_net_get_seed           (NeuronsNeuralNet   *self);
guint64                neurons_neural_net_get_samples_seen   (NeuronsNeuralNet   *self);
double                 neurons_neural_net_get_running_cost   (NeuronsNeuralNet   *self);
gboolean               neurons_neural_net_get_diverged       (NeuronsNeuralNet   *self);
const char * const    *neurons_neural_net_get_class_names    (NeuronsNeuralNet   *self);
const char            *neurons_neural_net_get_class_name     (NeuronsNeuralNet   *self,
                                                              guint               k);
void                   neurons_neural_net_set_class_names    (NeuronsNeuralNet   *self,
                                                              const char * const *class_names);

void                   neurons_neural_net_reinitialize       (NeuronsNeuralNet   *self,
                                                              NeuronsActivation   hidden_activation,
                                                              NeuronsInit         initialization,
                                                              guint64             seed);

const NeuronsMlp      *neurons_neural_net_get_mlp            (NeuronsNeuralNet   *self);
const NeuronsMlp      *neurons_neural_net_get_previous_mlp   (NeuronsNeuralNet   *self);
const NeuronsForward  *neurons_neural_net_get_forward        (NeuronsNeuralNet   *self);
const NeuronsBackward *neurons_neural_net_get_backward       (NeuronsNeuralNet   *self);
int                    neurons_neural_net_get_input_label    (NeuronsNeuralNet   *self);
gint64                 neurons_neural_net_get_input_index    (NeuronsNeuralNet   *self);
const guint8          *neurons_neural_net_get_input_pixels   (NeuronsNeuralNet   *self);

void                   neurons_neural_net_show_input         (NeuronsNeuralNet   *self,
                                                              const guint8       *pixels,
                                                              int                 label,
                                                              gint64              sample_index);
double                 neurons_neural_net_train_step         (NeuronsNeuralNet   *self,
                                                              const guint8       *pixels,
                                                              guint               label,
                                                              gint64              sample_index);
void                   neurons_neural_net_get_settings       (NeuronsNeuralNet   *self,
                                                              NeuronsNetworkSettings *settings);

G_END_DECLS
