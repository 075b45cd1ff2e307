/* neurons-lesion.h: hidden neurons silenced on purpose, to see what each one does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "neurons-dataset.h"
#include "neurons-mlp.h"

G_BEGIN_DECLS

#define NEURONS_N_HIDDEN_LAYERS  2
#define NEURONS_N_HIDDEN_NEURONS (NEURONS_HIDDEN1_SIZE + NEURONS_HIDDEN2_SIZE)

/*
 * Which hidden neurons are silenced: a silenced neuron outputs 0 whatever its input, and the
 * layers above it see that 0. A lesion is a way of looking at a network, never a change to
 * its weights. Bit n of silenced[h] is neuron n of hidden layer h (0 is the first hidden
 * layer, the one people call layer 1). A zeroed struct silences nothing.
 */
typedef struct
{
  guint32 silenced[NEURONS_N_HIDDEN_LAYERS];
} NeuronsLesion;

/* What silencing one neuron alone costs on a whole dataset. */
typedef struct
{
  guint hidden_layer;                                /* 0 or 1 */
  guint neuron;
  guint n_correct;
  guint per_digit_correct[NEURONS_OUTPUT_SIZE];
} NeuronsLesionCost;

/* Every hidden neuron silenced in turn, the one that costs most first. */
typedef struct
{
  guint             n_samples;
  guint             n_correct;                       /* with every neuron working */
  guint             per_digit_total[NEURONS_OUTPUT_SIZE];
  guint             per_digit_correct[NEURONS_OUTPUT_SIZE];
  NeuronsLesionCost costs[NEURONS_N_HIDDEN_NEURONS];
} NeuronsLesionRanking;

#define NEURONS_LESION_ERROR (neurons_lesion_error_quark ())

typedef enum
{
  NEURONS_LESION_ERROR_PARSE,
} NeuronsLesionError;

#define NEURONS_TYPE_LESION (neurons_lesion_get_type ())

GType          neurons_lesion_get_type        (void) G_GNUC_CONST;
GQuark         neurons_lesion_error_quark     (void);
NeuronsLesion *neurons_lesion_copy            (const NeuronsLesion  *lesion);
void           neurons_lesion_free            (NeuronsLesion        *lesion);

gboolean       neurons_lesion_is_empty        (const NeuronsLesion  *lesion);
gboolean       neurons_lesion_equal           (const NeuronsLesion  *a,
                                               const NeuronsLesion  *b);
guint          neurons_lesion_count           (const NeuronsLesion  *lesion);
gboolean       neurons_lesion_is_silenced     (const NeuronsLesion  *lesion,
                                               guint                 hidden_layer,
                                               guint                 neuron);
void           neurons_lesion_set_silenced    (NeuronsLesion        *lesion,
                                               guint                 hidden_layer,
                                               guint                 neuron,
                                               gboolean              silenced);
gboolean       neurons_lesion_parse           (const char           *text,
                                               NeuronsLesion        *lesion,
                                               GError              **error);
char          *neurons_lesion_to_string       (const NeuronsLesion  *lesion);

void           neurons_lesion_apply           (const NeuronsMlp     *mlp,
                                               const NeuronsLesion  *lesion,
                                               NeuronsForward       *forward);
void           neurons_lesion_forward         (const NeuronsMlp     *mlp,
                                               const NeuronsLesion  *lesion,
                                               const guint8         *pixels,
                                               NeuronsForward       *forward);
void           neurons_lesion_rank            (const NeuronsMlp     *mlp,
                                               const NeuronsDataset *dataset,
                                               NeuronsLesionRanking *ranking);
double         neurons_lesion_cost_points     (const NeuronsLesionRanking *ranking,
                                               const NeuronsLesionCost    *cost);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NeuronsLesion, neurons_lesion_free)

G_END_DECLS
