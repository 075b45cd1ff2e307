/* neurons-race-lane.h: one network of a race: what it is called, its settings and its view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "neurons-race.h"

G_BEGIN_DECLS

#define NEURONS_TYPE_RACE_LANE (neurons_race_lane_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsRaceLane, neurons_race_lane, NEURONS, RACE_LANE, GtkWidget)

GtkWidget       *neurons_race_lane_new      (NeuronsRaceSide  side);
NeuronsRace     *neurons_race_lane_get_race (NeuronsRaceLane *self);
void             neurons_race_lane_set_race (NeuronsRaceLane *self,
                                             NeuronsRace     *race);
NeuronsRaceSide  neurons_race_lane_get_side (NeuronsRaceLane *self);

G_END_DECLS
