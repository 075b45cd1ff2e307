/* neurons-mlp-reference.h: the plain double-precision network the fast one is held to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-mlp.h"
#include "neurons-training-options.h"

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
  NeuronsOutput output;
} NeuronsReferenceMlp;

/* What regularises one sample's cost: C + λ/2 Σ w² over the weights (not the biases), and the
 * hidden neurons' dropout factors (16 each, 0 or 1 / (1 − p); NULL: no dropout). */
typedef struct
{
  const double *keep1;
  const double *keep2;
  double        l2;
} NeuronsReferenceRegularization;

/* An optimiser's moments, in the reference layout. */
typedef struct
{
  NeuronsReferenceMlp first_moment;
  NeuronsReferenceMlp second_moment;
  guint64             n_updates;
} NeuronsReferenceOptimizer;

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
double   neurons_reference_cost_regularized (const NeuronsReferenceMlp *reference,
                                           const guint8              *pixels,
                                           guint                      label,
                                           const NeuronsReferenceRegularization *regularization);
double   neurons_reference_gradients_regularized (const NeuronsReferenceMlp *reference,
                                           const guint8              *pixels,
                                           guint                      label,
                                           const NeuronsReferenceRegularization *regularization,
                                           NeuronsReferenceMlp       *gradients);
void     neurons_reference_optimizer_step (NeuronsReferenceMlp       *reference,
                                           NeuronsReferenceOptimizer *state,
                                           const NeuronsReferenceMlp *gradient,
                                           const NeuronsTrainingOptions *options,
                                           double                     learning_rate);
double   neurons_reference_train_batch    (NeuronsReferenceMlp       *reference,
                                           NeuronsReferenceOptimizer *state,
                                           const guint8 * const      *pixels,
                                           const guint               *labels,
                                           const double * const      *keep,
                                           guint                      n_samples,
                                           const NeuronsTrainingOptions *options,
                                           double                     learning_rate);

G_END_DECLS
