/* neurons-augment.h: random shifts, rotations and scaling of training images, and dropout masks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "neurons-random.h"
#include "neurons-training-options.h"

G_BEGIN_DECLS

void     neurons_sample_random     (NeuronsRandom                *random,
                                    guint64                       seed,
                                    guint64                       sample);
gboolean neurons_augment_is_on     (const NeuronsTrainingOptions *options);
void     neurons_augment_image     (guint8                       *out,
                                    const guint8                 *pixels,
                                    const NeuronsTrainingOptions *options,
                                    NeuronsRandom                *random);
void     neurons_dropout_mask      (float                        *keep,
                                    guint                         n,
                                    double                        dropout,
                                    NeuronsRandom                *random);

G_END_DECLS
