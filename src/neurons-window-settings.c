/* neurons-window-settings.c: what the window remembers from one run to the next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window-settings"

#include "config.h"

#include "neurons-settings.h"
#include "neurons-window-private.h"

/*
 * The experiment (activation, initialisation, learning rates, speed) and the window's size
 * and panes are kept in GSettings. The network starts from the remembered experiment
 * without a word; after that the keys and the window follow each other both ways, so a
 * change made elsewhere (dconf Editor) acts as if it was made in the window.
 *
 * Each activation keeps the learning rate last used with it, so that the next run starts with
 * the rate this one ended with. Switching activation in a running window always sets the rate
 * that suits the new one (0.30 for sigmoid, 0.05 for ReLU) and says so.
 */

static const char *
learning_rate_key (NeuronsActivation activation)
{
  switch (activation)
    {
    case NEURONS_ACTIVATION_RELU:
      return "learning-rate-relu";
    case NEURONS_ACTIVATION_SIGMOID:
    default:
      return "learning-rate-sigmoid";
    }
}

/* The learning rate an activation had when it was last used: for the start of a run. */
double
_neurons_window_settings_learning_rate (NeuronsWindow     *self,
                                        NeuronsActivation  activation)
{
  return g_settings_get_double (self->settings, learning_rate_key (activation));
}

static void
on_net_learning_rate (NeuronsWindow    *self,
                      GParamSpec       *pspec,
                      NeuronsNetworkModel *net)
{
  const char *key = learning_rate_key (neurons_network_model_get_hidden_activation (net));
  g_autoptr(GVariant) learning_rate = g_variant_ref_sink (g_variant_new_double (neurons_network_model_get_learning_rate (net)));
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;

  /* a network from a file may hold a rate outside the range the keys allow */
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  if (g_settings_schema_key_range_check (schema_key, learning_rate))
    g_settings_set_value (self->settings, key, learning_rate);
}

static gboolean
on_close_request (NeuronsWindow *self,
                  GtkWindow     *window)
{
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return FALSE;
}

void
_neurons_window_settings_init (NeuronsWindow *self)
{
  NeuronsNetworkModel *net = _neurons_window_get_net (self);
  NeuronsActivation activation;
  NeuronsInit initialization;

  self->settings = neurons_settings_new ();

  /* The remembered experiment, without the toasts that a switch brings */
  activation = g_settings_get_enum (self->settings, "hidden-activation");
  initialization = g_settings_get_enum (self->settings, "initialization");
  neurons_experiment_reset (self->experiment, activation, initialization, neurons_network_model_get_seed (net));
  neurons_experiment_set_learning_rate (self->experiment, _neurons_window_settings_learning_rate (self, activation), NULL);

  g_settings_bind (self->settings, "hidden-activation", self, "hidden-activation", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "initialization", self, "initialization", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "speed", self, "speed", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (net, "notify::learning-rate", G_CALLBACK (on_net_learning_rate),
                           self, G_CONNECT_SWAPPED);

  g_settings_bind (self->settings, "lessons-pane-visible", self->lessons_split, "show-sidebar", G_SETTINGS_BIND_DEFAULT);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect_swapped (self, "close-request", G_CALLBACK (on_close_request), self);
}
