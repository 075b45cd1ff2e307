/* neurons-test-bench.h: the 90 held-out images, how the network does on each, per digit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-digit-button.h"
#include "neurons-evaluator.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_TEST_BENCH (neurons_test_bench_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsTestBench, neurons_test_bench, NEURONS, TEST_BENCH, GtkWidget)

GtkWidget          *neurons_test_bench_new           (void);
NeuronsEvaluator   *neurons_test_bench_get_evaluator (NeuronsTestBench *self);
void                neurons_test_bench_set_evaluator (NeuronsTestBench *self,
                                                      NeuronsEvaluator *evaluator);
NeuronsDigitButton *neurons_test_bench_get_button    (NeuronsTestBench *self,
                                                      guint             position);

G_END_DECLS
