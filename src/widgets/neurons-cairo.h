/* neurons-cairo.h: drawing with Cairo into a snapshot so that it also exports as SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

cairo_t *neurons_cairo_append (GtkSnapshot           *snapshot,
                                        const graphene_rect_t *bounds);

G_END_DECLS
