/* neurons-application.h: the application, its command line and its app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NEURONS_TYPE_APPLICATION (neurons_application_get_type ())

G_DECLARE_FINAL_TYPE (NeuronsApplication, neurons_application, NEURONS, APPLICATION, AdwApplication)

NeuronsApplication *neurons_application_new (void);

G_END_DECLS
