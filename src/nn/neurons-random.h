/* neurons-random.h: a seeded generator that gives the same numbers on every machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 state[4];   /* xoshiro256** */
} NeuronsRandom;

void    neurons_random_init     (NeuronsRandom *random,
                                 guint64        seed);
guint64 neurons_random_next     (NeuronsRandom *random);
double  neurons_random_uniform  (NeuronsRandom *random);
guint32 neurons_random_below    (NeuronsRandom *random,
                                 guint32        bound);
double  neurons_random_normal   (NeuronsRandom *random);
void    neurons_random_shuffle  (NeuronsRandom *random,
                                 guint32       *array,
                                 guint          length);
double  neurons_portable_log    (double         x);

G_END_DECLS
