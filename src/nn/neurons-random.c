/* neurons-random.c: seeded xoshiro256** numbers, normal draws and shuffles, the same bits on every machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-random"

#include "config.h"

#include <math.h>

#include "neurons-random.h"

/*
 * Why our own generator: GLib's GRand and libc's rand() are free to change between versions,
 * and libm's log() may differ in the last bit between platforms. Everything here uses only
 * integer arithmetic and IEEE-754 +, −, ×, ÷ and √ (with fused multiply-add turned off for this
 * library), so the same seed gives the same bits on every machine.
 */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotate_left (guint64 x,
             int     k)
{
  return (x << k) | (x >> (64 - k));
}

void
neurons_random_init (NeuronsRandom *random,
                     guint64        seed)
{
  guint64 state = seed;

  g_return_if_fail (random != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (random->state); i++)
    random->state[i] = splitmix64 (&state);
}

/* xoshiro256** by David Blackman and Sebastiano Vigna (public domain) */
guint64
neurons_random_next (NeuronsRandom *random)
{
  guint64 *s = random->state;
  guint64 result = rotate_left (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotate_left (s[3], 45);

  return result;
}

/* Uniform on [0, 1), with 53 random bits. */
double
neurons_random_uniform (NeuronsRandom *random)
{
  return (double) (neurons_random_next (random) >> 11) * 0x1.0p-53;
}

/* Uniform on {0, …, bound − 1}, without modulo bias (Lemire's method). */
guint32
neurons_random_below (NeuronsRandom *random,
                      guint32        bound)
{
  guint64 product;
  guint32 low;

  g_return_val_if_fail (bound > 0, 0);

  product = (neurons_random_next (random) >> 32) * (guint64) bound;
  low = (guint32) product;
  if (low < bound)
    {
      guint32 threshold = -bound % bound;

      while (low < threshold)
        {
          product = (neurons_random_next (random) >> 32) * (guint64) bound;
          low = (guint32) product;
        }
    }

  return (guint32) (product >> 32);
}

/*
 * Natural logarithm from basic arithmetic: x = m · 2^e with m in [√½, √2), then
 * ln m = 2 atanh t = 2 (t + t³/3 + t⁵/5 + …) with t = (m − 1) / (m + 1), |t| < 0.172.
 * Twelve terms take the series below 1e-18.
 */
double
neurons_portable_log (double x)
{
  double m, t, t2, series;
  int exponent;

  g_return_val_if_fail (x > 0 && isfinite (x), NAN);

  m = frexp (x, &exponent);
  if (m < G_SQRT2 / 2)
    {
      m *= 2;
      exponent--;
    }

  t = (m - 1) / (m + 1);
  t2 = t * t;
  series = 1.0 / 23;
  for (int k = 21; k >= 1; k -= 2)
    series = 1.0 / k + t2 * series;

  return exponent * G_LN2 + 2 * t * series;
}

/* Standard normal, by Marsaglia's polar method. */
double
neurons_random_normal (NeuronsRandom *random)
{
  double u, v, s;

  do
    {
      u = 2 * neurons_random_uniform (random) - 1;
      v = 2 * neurons_random_uniform (random) - 1;
      s = u * u + v * v;
    }
  while (s >= 1 || s == 0);

  /* The second variate (v · factor) is dropped so that one draw is one call. */
  return u * sqrt (-2 * neurons_portable_log (s) / s);
}

/* Fisher–Yates. */
void
neurons_random_shuffle (NeuronsRandom *random,
                        guint32       *array,
                        guint          length)
{
  for (guint i = length; i > 1; i--)
    {
      guint32 j = neurons_random_below (random, i);
      guint32 swap = array[i - 1];

      array[i - 1] = array[j];
      array[j] = swap;
    }
}
