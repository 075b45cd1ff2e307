/* neurons-color-legend.h: what the weight colours mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NEURONS_TYPE_COLOR_LEGEND (neurons_color_legend_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsColorLegend, neurons_color_legend, NEURONS, COLOR_LEGEND, GtkWidget)

GtkWidget *neurons_color_legend_new       (void);
double     neurons_color_legend_get_range (NeuronsColorLegend *self);
void       neurons_color_legend_set_range (NeuronsColorLegend *self,
                                           double              range);

G_END_DECLS
