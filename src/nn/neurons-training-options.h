/* neurons-training-options.h: how a network is trained, beyond the learning rate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "neurons-mlp.h"

G_BEGIN_DECLS

#define NEURONS_TRAINING_OPTIONS_ERROR (neurons_training_options_error_quark ())

typedef enum
{
  NEURONS_TRAINING_OPTIONS_ERROR_RANGE,  /* an option out of its range, or unknown */
} NeuronsTrainingOptionsError;

typedef enum
{
  NEURONS_OPTIMIZER_SGD,       /* θ −= η g */
  NEURONS_OPTIMIZER_MOMENTUM,  /* v = β v + g;  θ −= η v */
  NEURONS_OPTIMIZER_ADAM,      /* Kingma and Ba, with bias correction */
} NeuronsOptimizer;

typedef enum
{
  NEURONS_SCHEDULE_CONSTANT,   /* η all along */
  NEURONS_SCHEDULE_STEP,       /* η, then η/10 from half the run, η/100 from three quarters */
  NEURONS_SCHEDULE_COSINE,     /* η · ½ (1 + cos (π s / T)) */
  NEURONS_SCHEDULE_ONE_CYCLE,  /* up from η/25 to η in 30 % of the run, then down to η/25·10⁻⁴ */
} NeuronsSchedule;

#define NEURONS_BATCH_SIZE_MAX      256
#define NEURONS_AUGMENT_SHIFT_MAX   4
#define NEURONS_AUGMENT_ROTATE_MAX  30.0
#define NEURONS_AUGMENT_SCALE_MAX   0.3
#define NEURONS_DROPOUT_MAX         0.9
#define NEURONS_L2_MAX              0.1

/*
 * Every way of training beyond the learning rate. The defaults (neurons_training_options_init)
 * are the network's original training: sigmoid outputs with the quadratic cost, plain SGD one
 * sample at a time at a constant rate, no regularisation and the images as they are.
 * A plain struct: copy it with =, compare it with neurons_training_options_equal().
 */
typedef struct
{
  NeuronsOutput     output;          /* of the network; fixed once it is made */
  NeuronsOptimizer  optimizer;
  double            momentum;        /* β of momentum, β₁ of Adam: [0, 1) */
  double            beta2;           /* β₂ of Adam: [0, 1) */
  double            epsilon;         /* ε of Adam: above 0 */
  guint             batch_size;      /* samples per step, 1 to 256; gradients are averaged */
  NeuronsSchedule   schedule;
  guint64           schedule_samples;/* T: the samples the schedule spans; 0 with a constant rate */
  double            l2;              /* λ: the cost gains λ/2 Σ w² over the weights, not biases */
  double            dropout;         /* p: each hidden neuron is dropped with this probability */
  guint             augment_shift;   /* random shifts of up to ± this many pixels */
  double            augment_rotate;  /* random rotations of up to ± this many degrees */
  double            augment_scale;   /* random scaling by up to ± this fraction */
} NeuronsTrainingOptions;

/*
 * What an optimiser keeps between steps, in the layout of the weights, and the gradient of
 * the batch being gathered. A plain struct: a copy (neurons_optimizer_state_copy) is all a
 * checkpoint needs to go on exactly.
 */
typedef struct
{
  NeuronsMlp  first_moment;   /* momentum's velocity, Adam's m */
  NeuronsMlp  second_moment;  /* Adam's v */
  NeuronsMlp  gradient;       /* the sum of the gradients of the batch so far */
  guint64     n_updates;      /* steps taken: Adam's t */
  guint       batch_filled;   /* samples in gradient */
} NeuronsOptimizerState;

GQuark       neurons_training_options_error_quark (void);

void         neurons_training_options_init        (NeuronsTrainingOptions       *options);
gboolean     neurons_training_options_is_default  (const NeuronsTrainingOptions *options);
gboolean     neurons_training_options_equal       (const NeuronsTrainingOptions *a,
                                                   const NeuronsTrainingOptions *b);
gboolean     neurons_training_options_validate    (const NeuronsTrainingOptions *options,
                                                   GError                      **error);
gboolean     neurons_training_options_needs_state (const NeuronsTrainingOptions *options);
double       neurons_training_options_learning_rate (const NeuronsTrainingOptions *options,
                                                   double                        base_rate,
                                                   guint64                       sample);

const char  *neurons_optimizer_to_string          (NeuronsOptimizer              optimizer);
gboolean     neurons_optimizer_from_string        (const char                   *string,
                                                   NeuronsOptimizer             *optimizer);
const char  *neurons_schedule_to_string           (NeuronsSchedule               schedule);
gboolean     neurons_schedule_from_string         (const char                   *string,
                                                   NeuronsSchedule              *schedule);
const char  *neurons_output_to_string             (NeuronsOutput                 output);
gboolean     neurons_output_from_string           (const char                   *string,
                                                   NeuronsOutput                *output);
char        *neurons_augmentation_to_string       (const NeuronsTrainingOptions *options);
gboolean     neurons_augmentation_parse           (const char                   *string,
                                                   NeuronsTrainingOptions       *options,
                                                   GError                      **error);

NeuronsOptimizerState *neurons_optimizer_state_new  (void);
NeuronsOptimizerState *neurons_optimizer_state_copy (const NeuronsOptimizerState *state);
void         neurons_optimizer_state_free         (NeuronsOptimizerState        *state);
void         neurons_optimizer_state_reset        (NeuronsOptimizerState        *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NeuronsOptimizerState, neurons_optimizer_state_free)

G_END_DECLS
