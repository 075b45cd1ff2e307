/* neurons-chart.h: the base of the teaching charts: plot area, axes, throttle, description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

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

void     neurons_chart_histogram        (const float           *values,
                                         gsize                  n_values,
                                         double                 low,
                                         double                 high,
                                         guint                 *counts,
                                         guint                  n_bins);
double   neurons_chart_standard_deviation (const float         *values,
                                         gsize                  n_values);
void     neurons_chart_snapshot_histogram (GtkSnapshot         *snapshot,
                                         const graphene_rect_t *area,
                                         const guint           *counts,
                                         guint                  n_bins,
                                         guint                  max_count,
                                         const GdkRGBA         *fill,
                                         gboolean               dark);

/*
 * One axis: a range of values laid along a run of pixels. A vertical axis runs up, so its
 * end pixel is above (smaller than) its start. A degenerate range (minimum == maximum) puts
 * its one value in the middle of the run.
 */
typedef struct
{
  double minimum;       /* the value at start */
  double maximum;       /* the value at end */
  double start;         /* in pixels */
  double end;
} NeuronsChartAxis;

void     neurons_chart_axis_init        (NeuronsChartAxis      *axis,
                                         double                 minimum,
                                         double                 maximum,
                                         double                 start,
                                         double                 end);
double   neurons_chart_axis_to_pixel    (const NeuronsChartAxis *axis,
                                         double                 value);
double   neurons_chart_axis_to_value    (const NeuronsChartAxis *axis,
                                         double                 pixel);
guint    neurons_chart_axis_ticks       (const NeuronsChartAxis *axis,
                                         guint                  max_ticks,
                                         double                *ticks);

#define NEURONS_TYPE_CHART (neurons_chart_get_type ())

G_DECLARE_DERIVABLE_TYPE (NeuronsChart, neurons_chart, NEURONS, CHART, GtkWidget)

/**
 * NeuronsChartClass:
 * @minimum_width: the narrowest the chart can be drawn
 * @minimum_height: likewise, the lowest
 * @natural_width: the width it asks for
 * @natural_height: likewise
 * @update_interval_ms: how close together @update may run while the model changes
 * @label: the accessible name, marked for translation but not yet translated, or %NULL to set it otherwise
 * @get_margins: the room around the plot area, for the axes' labels and legends
 * @update: recomputes what the chart shows from its model; the base calls it at most once
 *   per @update_interval_ms, however often the model changes
 * @describe: the chart's message in a sentence or two, for assistive technologies
 * @format_tick: a tick's label, as Pango markup; @last is the one at the far end
 * @plot: draws what lies in the plot area and around it, over the axes
 */
struct _NeuronsChartClass
{
  GtkWidgetClass parent_class;

  int          minimum_width;
  int          minimum_height;
  int          natural_width;
  int          natural_height;
  guint        update_interval_ms;
  const char  *label;

  void  (*get_margins) (NeuronsChart          *chart,
                        GtkBorder             *margins);
  void  (*update)      (NeuronsChart          *chart);
  char *(*describe)    (NeuronsChart          *chart);
  char *(*format_tick) (NeuronsChart          *chart,
                        GtkOrientation         orientation,
                        double                 value,
                        gboolean               last);
  void  (*plot)        (NeuronsChart          *chart,
                        GtkSnapshot           *snapshot,
                        const graphene_rect_t *area);
};

const NeuronsChartAxis *neurons_chart_get_axis      (NeuronsChart      *chart,
                                                     GtkOrientation     orientation);
void     neurons_chart_set_range        (NeuronsChart          *chart,
                                         GtkOrientation         orientation,
                                         double                 minimum,
                                         double                 maximum);
void     neurons_chart_set_ticks        (NeuronsChart          *chart,
                                         GtkOrientation         orientation,
                                         guint                  max_ticks,
                                         guint                  min_spacing);
void     neurons_chart_set_unit_on_last_tick (NeuronsChart     *chart,
                                         gboolean               unit_on_last_tick);
void     neurons_chart_set_label        (NeuronsChart          *chart,
                                         const char            *label);
void     neurons_chart_invalidate       (NeuronsChart          *chart);
void     neurons_chart_queue_update     (NeuronsChart          *chart);
void     neurons_chart_update           (NeuronsChart          *chart);

G_END_DECLS
