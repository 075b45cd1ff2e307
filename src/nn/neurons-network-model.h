/* neurons-network-model.h: the network as the window sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "neurons-enums.h"
#include "neurons-lesion.h"
#include "neurons-mlp.h"
#include "neurons-network-file.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_NETWORK_MODEL (neurons_network_model_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsNetworkModel, neurons_network_model, NEURONS, NETWORK_MODEL, GObject)

NeuronsNetworkModel      *neurons_network_model_new                (NeuronsActivation   hidden_activation,
                                                              NeuronsInit         initialization,
                                                              guint64             seed);
NeuronsNetworkModel      *neurons_network_model_new_from_file      (const char         *path,
                                                              GError            **error);
gboolean               neurons_network_model_load_file          (NeuronsNetworkModel   *self,
                                                              const char         *path,
                                                              GError            **error);
gboolean               neurons_network_model_save_file          (NeuronsNetworkModel   *self,
                                                              const char         *path,
                                                              GError            **error);

NeuronsActivation      neurons_network_model_get_hidden_activation (NeuronsNetworkModel *self);
NeuronsInit            neurons_network_model_get_initialization (NeuronsNetworkModel   *self);
double                 neurons_network_model_get_learning_rate  (NeuronsNetworkModel   *self);
gboolean               neurons_network_model_set_learning_rate  (NeuronsNetworkModel   *self,
                                                              double              learning_rate,
                                                              GError            **error);
guint64                neurons_network_model_get_seed           (NeuronsNetworkModel   *self);
guint64                neurons_network_model_get_samples_seen   (NeuronsNetworkModel   *self);
double                 neurons_network_model_get_running_cost   (NeuronsNetworkModel   *self);
gboolean               neurons_network_model_get_diverged       (NeuronsNetworkModel   *self);
const char * const    *neurons_network_model_get_class_names    (NeuronsNetworkModel   *self);
const char            *neurons_network_model_get_class_name     (NeuronsNetworkModel   *self,
                                                              guint               k);
void                   neurons_network_model_set_class_names    (NeuronsNetworkModel   *self,
                                                              const char * const *class_names);

void                   neurons_network_model_reinitialize       (NeuronsNetworkModel   *self,
                                                              NeuronsActivation   hidden_activation,
                                                              NeuronsInit         initialization,
                                                              guint64             seed);

const NeuronsMlp      *neurons_network_model_get_mlp            (NeuronsNetworkModel   *self);
const NeuronsMlp      *neurons_network_model_get_previous_mlp   (NeuronsNetworkModel   *self);
const NeuronsForward  *neurons_network_model_get_forward        (NeuronsNetworkModel   *self);
const NeuronsBackward *neurons_network_model_get_backward       (NeuronsNetworkModel   *self);
int                    neurons_network_model_get_input_label    (NeuronsNetworkModel   *self);
gint64                 neurons_network_model_get_input_index    (NeuronsNetworkModel   *self);
const guint8          *neurons_network_model_get_input_pixels   (NeuronsNetworkModel   *self);

void                   neurons_network_model_show_input         (NeuronsNetworkModel   *self,
                                                              const guint8       *pixels,
                                                              int                 label,
                                                              gint64              sample_index);
double                 neurons_network_model_train_step         (NeuronsNetworkModel   *self,
                                                              const guint8       *pixels,
                                                              guint               label,
                                                              gint64              sample_index);
void                   neurons_network_model_set_network        (NeuronsNetworkModel   *self,
                                                              const NeuronsMlp   *mlp,
                                                              const NeuronsNetworkSettings *settings);
void                   neurons_network_model_restore            (NeuronsNetworkModel   *self,
                                                              const NeuronsMlp   *mlp,
                                                              guint64             samples_seen,
                                                              double              running_cost);
const NeuronsLesion   *neurons_network_model_get_lesion         (NeuronsNetworkModel   *self);
void                   neurons_network_model_set_lesion         (NeuronsNetworkModel   *self,
                                                                 const NeuronsLesion   *lesion);
void                   neurons_network_model_set_silenced       (NeuronsNetworkModel   *self,
                                                                 guint                  hidden_layer,
                                                                 guint                  neuron,
                                                                 gboolean               silenced);
gboolean               neurons_network_model_is_silenced        (NeuronsNetworkModel   *self,
                                                                 guint                  hidden_layer,
                                                                 guint                  neuron);
void                   neurons_network_model_get_settings       (NeuronsNetworkModel   *self,
                                                              NeuronsNetworkSettings *settings);

G_END_DECLS
