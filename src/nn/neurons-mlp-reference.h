/* neurons-mlp-reference.h: the plain double-precision network the fast one is held to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-mlp.h"

G_BEGIN_DECLS

/* Every layer row-major as in the network file: w1[j * 784 + i] is the weight from pixel i to
 * first-layer neuron j. The six arrays follow each other with no gap, so the parameters can also
 * be walked as one array of NEURONS_N_PARAMETERS doubles (neurons_reference_parameter). */
typedef struct
{
  double w1[NEURONS_HIDDEN1_SIZE * NEURONS_INPUT_SIZE];
  double b1[NEURONS_HIDDEN1_SIZE];
  double w2[NEURONS_HIDDEN2_SIZE * NEURONS_HIDDEN1_SIZE];
  double b2[NEURONS_HIDDEN2_SIZE];
  double w3[NEURONS_OUTPUT_SIZE * NEURONS_HIDDEN2_SIZE];
  double b3[NEURONS_OUTPUT_SIZE];
  NeuronsActivation hidden_activation;
} NeuronsReferenceMlp;

void     neurons_reference_from_mlp       (NeuronsReferenceMlp       *reference,
                                           const NeuronsMlp          *mlp);
double  *neurons_reference_parameter      (NeuronsReferenceMlp       *reference,
                                           guint                      index);
double   neurons_reference_cost           (const NeuronsReferenceMlp *reference,
                                           const guint8              *pixels,
                                           guint                      label);
double   neurons_reference_gradients      (const NeuronsReferenceMlp *reference,
                                           const guint8              *pixels,
                                           guint                      label,
                                           NeuronsReferenceMlp       *gradients);
double   neurons_reference_train_sample   (NeuronsReferenceMlp       *reference,
                                           const guint8              *pixels,
                                           guint                      label,
                                           double                     learning_rate);

G_END_DECLS
