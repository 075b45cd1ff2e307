/* neurons-test-digits.h: digits drawn as a person draws them, and a network to read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-drawing.h"
#include "neurons-mlp.h"
#include "neurons-network-model.h"

G_BEGIN_DECLS

/* One stroke of a digit, as the mouse reported it, in a unit box: x and y from 0 to 1. */
typedef struct
{
  guint        digit;
  guint        n_points;
  const float (*points)[2];
} NeuronsTestDigit;

extern const NeuronsTestDigit neurons_test_digits[];
extern const guint neurons_test_n_digits;

void              neurons_test_digit_draw      (const NeuronsTestDigit *digit,
                                                NeuronsDrawing         *drawing,
                                                double                  left,
                                                double                  top,
                                                double                  size);
NeuronsMlp       *neurons_test_trained_mlp_new (void);
NeuronsNetworkModel *neurons_test_trained_net_new (void);

G_END_DECLS
