/* neurons-digit-button.h: one test image as a small button, badged when guessed wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-dataset.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_DIGIT_BUTTON (neurons_digit_button_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsDigitButton, neurons_digit_button, NEURONS, DIGIT_BUTTON, GtkWidget)

GtkWidget *neurons_digit_button_new            (const NeuronsDataset *dataset,
                                                guint                 index);
guint      neurons_digit_button_get_index      (NeuronsDigitButton   *self);
guint      neurons_digit_button_get_label      (NeuronsDigitButton   *self);
int        neurons_digit_button_get_prediction (NeuronsDigitButton   *self);
void       neurons_digit_button_set_prediction (NeuronsDigitButton   *self,
                                                int                   prediction);
void       neurons_digit_button_set_class_names (NeuronsDigitButton  *self,
                                                const char * const   *class_names);
gboolean   neurons_digit_button_get_wrong      (NeuronsDigitButton   *self);
void       neurons_digit_button_get_badge_bounds (NeuronsDigitButton *self,
                                                graphene_rect_t      *bounds);

G_END_DECLS
