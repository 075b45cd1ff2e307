/* neurons-test-page.h: the window's page of how the network does on images it never trains on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-evaluator.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_TEST_PAGE (neurons_test_page_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsTestPage, neurons_test_page, NEURONS, TEST_PAGE, GtkWidget)

GtkWidget        *neurons_test_page_new           (void);
NeuronsEvaluator *neurons_test_page_get_evaluator (NeuronsTestPage  *self);
void              neurons_test_page_set_evaluator (NeuronsTestPage  *self,
                                                   NeuronsEvaluator *evaluator);

G_END_DECLS
