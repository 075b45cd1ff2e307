/* neurons-settings.h: the app's settings, wherever it runs from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *neurons_settings_new (void);

G_END_DECLS
