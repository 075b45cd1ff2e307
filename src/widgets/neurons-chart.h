/* neurons-chart.h: what the charts share: colours, text, axes, a calm redraw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-mlp.h"

G_BEGIN_DECLS

/*
 * Series colours from the Okabe-Ito palette, which stays apart for every common kind of
 * colour blindness, each with a lighter variant for a dark style. Blue and orange are left
 * to the diverging scale of neurons-colors.h, where they mean a sign.
 */
typedef enum
{
  NEURONS_CHART_GREEN,        /* sigmoid; the whole test set */
  NEURONS_CHART_PURPLE,       /* ReLU; the test panel */
  NEURONS_CHART_SKY,          /* a learning rate that is too small */
  NEURONS_CHART_YELLOW,       /* a learning rate that is too large */
  NEURONS_CHART_WRONG,        /* a wrong guess: a red that carries white text */
} NeuronsChartColor;

void     neurons_chart_color            (NeuronsChartColor      color,
                                         gboolean               dark,
                                         GdkRGBA               *rgba);
void     neurons_chart_foreground       (GtkWidget             *widget,
                                         double                 alpha,
                                         GdkRGBA               *rgba);

/* Where a text is anchored: its left, centre or right edge; its top, middle or bottom. */
typedef enum
{
  NEURONS_CHART_ALIGN_START,
  NEURONS_CHART_ALIGN_CENTER,
  NEURONS_CHART_ALIGN_END,
} NeuronsChartAlign;

void     neurons_chart_text             (GtkWidget             *widget,
                                         GtkSnapshot           *snapshot,
                                         const char            *markup,
                                         double                 x,
                                         double                 y,
                                         NeuronsChartAlign      horizontal,
                                         NeuronsChartAlign      vertical,
                                         const GdkRGBA         *color);
void     neurons_chart_text_size        (GtkWidget             *widget,
                                         const char            *markup,
                                         int                   *width,
                                         int                   *height);

guint    neurons_chart_nice_ticks       (double                 minimum,
                                         double                 maximum,
                                         guint                  max_ticks,
                                         double                *ticks);
double   neurons_chart_nice_ceiling     (double                 value);
char    *neurons_chart_format_count     (double                 value);

void     neurons_chart_set_description  (GtkWidget             *widget,
                                         const char            *description);

const float *neurons_chart_layer_weights (const NeuronsMlp     *mlp,
                                         guint                  layer,
                                         gsize                 *n_weights);
void     neurons_chart_histogram        (const float           *values,
                                         gsize                  n_values,
                                         double                 low,
                                         double                 high,
                                         guint                 *counts,
                                         guint                  n_bins);
double   neurons_chart_standard_deviation (const float         *values,
                                         gsize                  n_values);
void     neurons_chart_draw_histogram   (cairo_t               *cr,
                                         const graphene_rect_t *area,
                                         const guint           *counts,
                                         guint                  n_bins,
                                         guint                  max_count,
                                         const GdkRGBA         *fill,
                                         gboolean               dark);

/*
 * Runs a callback at most once per interval however often it is asked for, and soon
 * after the last request: for recomputing what a chart shows when its model changes at
 * frame rate.
 */
typedef struct
{
  guint        source_id;
  guint        interval_ms;
  gint64       last_run;
  GSourceFunc  callback;
  gpointer     user_data;
} NeuronsChartThrottle;

void     neurons_chart_throttle_init    (NeuronsChartThrottle  *throttle,
                                         guint                  interval_ms,
                                         GSourceFunc            callback,
                                         gpointer               user_data);
void     neurons_chart_throttle_request (NeuronsChartThrottle  *throttle);
void     neurons_chart_throttle_clear   (NeuronsChartThrottle  *throttle);

G_END_DECLS
