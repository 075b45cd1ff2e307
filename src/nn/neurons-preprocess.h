/* neurons-preprocess.h: turning a drawn or photographed digit into an MNIST-like input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "neurons-mlp.h"

G_BEGIN_DECLS

#define NEURONS_PREPROCESS_ERROR (neurons_preprocess_error_quark ())

typedef enum
{
  NEURONS_PREPROCESS_ERROR_EMPTY,  /* no ink at all */
  NEURONS_PREPROCESS_ERROR_IMAGE,  /* the file is not an image we can read */
} NeuronsPreprocessError;

GQuark   neurons_preprocess_error_quark (void);

/* ink is (height, width), row-major, 0 = background, 1 = full ink. */
gboolean neurons_preprocess_ink     (const float  *ink,
                                     guint         width,
                                     guint         height,
                                     guint8       *pixels,
                                     GError      **error);
gboolean neurons_preprocess_pixbuf  (GdkPixbuf    *pixbuf,
                                     guint8       *pixels,
                                     GError      **error);
gboolean neurons_preprocess_file    (const char   *path,
                                     guint8       *pixels,
                                     GError      **error);

G_END_DECLS
