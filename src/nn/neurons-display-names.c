/* neurons-display-names.c: the names a person reads for the network's settings ("ReLU", "He")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-display-names"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-display-names.h"

/* The window's title and toasts, the controls sidebar, the charts and the race all name the
 * settings: one place keeps them the same. The core's own names
 * (neurons_activation_to_string()) are for files. */

/**
 * neurons_activation_display_name:
 *
 * Returns: the activation's name, translated: "Sigmoid", "ReLU"
 */
const char *
neurons_activation_display_name (NeuronsActivation activation)
{
  switch (activation)
    {
    case NEURONS_ACTIVATION_RELU:
      return _("ReLU");
    case NEURONS_ACTIVATION_SIGMOID:
    default:
      return _("Sigmoid");
    }
}

/**
 * neurons_init_display_name:
 *
 * Returns: the initialisation's name, translated: "He", "Xavier", "Uniform"
 */
const char *
neurons_init_display_name (NeuronsInit initialization)
{
  switch (initialization)
    {
    case NEURONS_INIT_HE:
      return _("He");
    case NEURONS_INIT_UNIFORM:
      return _("Uniform");
    case NEURONS_INIT_XAVIER:
    default:
      return _("Xavier");
    }
}
