/* neurons-colors.h: the colours every view of the network shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Signed values (weights, contributions, errors) use one diverging scale everywhere:
 * inhibitory, negative, blue ← neutral at zero → excitatory, positive, orange. Blue against
 * orange stays apart for every common kind of colour blindness. The light variant has a pale
 * middle that melts into a light window, the dark one a dark middle for a dark window; both
 * grow in contrast with the size of the value.
 *
 * Activity (how strongly a neuron fires, how much ink a pixel has) is drawn in the
 * foreground colour, so that it never reads as a sign.
 */

void     neurons_colors_diverging       (float        value,
                                         gboolean     dark,
                                         GdkRGBA     *color);
void     neurons_colors_diverging_bytes (float        value,
                                         gboolean     dark,
                                         guint8      *rgb);
void     neurons_colors_get_foreground  (GtkWidget   *widget,
                                         GdkRGBA     *color);
gboolean neurons_colors_is_dark         (GtkWidget   *widget);

G_END_DECLS
