/* render-helper.h: widgets drawn in a real window and read back as pixels, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  int     width;
  int     height;
  gsize   stride;
  guint8 *data;   /* GDK_MEMORY_DEFAULT: B, G, R, A, premultiplied */
} NeuronsTestImage;

void              neurons_test_init_display    (int              *argc,
                                                char           ***argv);
void              neurons_test_image_free      (NeuronsTestImage *image);
void              neurons_test_image_get       (const NeuronsTestImage *image,
                                                int               x,
                                                int               y,
                                                double           *rgb);
gboolean          neurons_test_image_near      (const NeuronsTestImage *image,
                                                int               x,
                                                int               y,
                                                const GdkRGBA    *color,
                                                double            tolerance);
void              neurons_test_set_dark        (gboolean          dark);
void              neurons_test_wait_for_frame  (GtkWidget        *window);
GtkWidget        *neurons_test_show_in_window  (GtkWidget        *widget,
                                                int               width,
                                                int               height);
NeuronsTestImage *neurons_test_render          (GtkWidget        *widget,
                                                const char       *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NeuronsTestImage, neurons_test_image_free)

G_END_DECLS
