/* neurons-activation.c: the names of the hidden activations, as the CLI and network files spell them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-activation"

#include "config.h"

#include "neurons-activation.h"

const char *
neurons_activation_to_string (NeuronsActivation activation)
{
  switch (activation)
    {
    case NEURONS_ACTIVATION_SIGMOID:
      return "sigmoid";
    case NEURONS_ACTIVATION_RELU:
      return "relu";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
neurons_activation_from_string (const char        *string,
                                NeuronsActivation *activation)
{
  g_return_val_if_fail (string != NULL, FALSE);

  if (g_str_equal (string, "sigmoid"))
    *activation = NEURONS_ACTIVATION_SIGMOID;
  else if (g_str_equal (string, "relu"))
    *activation = NEURONS_ACTIVATION_RELU;
  else
    return FALSE;

  return TRUE;
}
