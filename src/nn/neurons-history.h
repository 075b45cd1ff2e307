/* neurons-history.h: a time series that keeps its shape however long training runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One point of a history. Between the first and the last point a point may stand for a
 * bucket of several values: then samples_seen is the middle of the span they cover, value
 * their mean, and minimum and maximum their extremes. */
typedef struct
{
  double samples_seen;
  double value;
  double minimum;
  double maximum;
} NeuronsHistoryPoint;

typedef struct _NeuronsHistory NeuronsHistory;

NeuronsHistory *neurons_history_new          (guint                  capacity);
void            neurons_history_free         (NeuronsHistory        *history);
void            neurons_history_clear        (NeuronsHistory        *history);
void            neurons_history_append       (NeuronsHistory        *history,
                                              guint64                samples_seen,
                                              double                 value);
guint           neurons_history_get_length   (const NeuronsHistory  *history);
guint           neurons_history_get_capacity (const NeuronsHistory  *history);
guint64         neurons_history_get_stride   (const NeuronsHistory  *history);
void            neurons_history_get_point    (const NeuronsHistory  *history,
                                              guint                  index,
                                              NeuronsHistoryPoint   *point);
gboolean        neurons_history_get_range    (const NeuronsHistory  *history,
                                              double                *minimum,
                                              double                *maximum);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NeuronsHistory, neurons_history_free)

G_END_DECLS
