/* neurons-export.h: a figure as a picture file, for slides and papers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  NEURONS_EXPORT_PNG,   /* pixels, at a scale fit for a projector */
  NEURONS_EXPORT_SVG,   /* shapes and text that scale to any size */
} NeuronsExportFormat;

/* PNG figures are drawn at this many pixels per screen pixel: a 600-pixel chart becomes
 * 1,800 pixels wide, sharp on a full-HD slide. */
#define NEURONS_EXPORT_PNG_SCALE 3.0

gboolean neurons_export_widget (GtkWidget            *widget,
                                GFile                *file,
                                NeuronsExportFormat   format,
                                double                scale,
                                GError              **error);

G_END_DECLS
