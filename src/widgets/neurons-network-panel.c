/* neurons-network-panel.c: everything the window shows of the network, in one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-network-panel"

#include "config.h"

#include "neurons-network-panel.h"

struct _NeuronsNetworkPanel
{
  GtkWidget         parent_instance;

  NeuronsNeuralNet *net;
};

G_DEFINE_FINAL_TYPE (NeuronsNetworkPanel, neurons_network_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
neurons_network_panel_dispose (GObject *object)
{
  NeuronsNetworkPanel *self = (NeuronsNetworkPanel *)object;

  g_clear_object (&self->net);

  G_OBJECT_CLASS (neurons_network_panel_parent_class)->dispose (object);
}

static void
neurons_network_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  NeuronsNetworkPanel *self = NEURONS_NETWORK_PANEL (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, self->net);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_network_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  NeuronsNetworkPanel *self = NEURONS_NETWORK_PANEL (object);

  switch (prop_id)
    {
    case PROP_NET:
      neurons_network_panel_set_net (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_network_panel_class_init (NeuronsNetworkPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_network_panel_dispose;
  object_class->get_property = neurons_network_panel_get_property;
  object_class->set_property = neurons_network_panel_set_property;

  /**
   * NeuronsNetworkPanel:net:
   *
   * The network shown, or %NULL for an empty panel.
   */
  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NEURAL_NET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "neurons-network-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
neurons_network_panel_init (NeuronsNetworkPanel *self)
{
}

GtkWidget *
neurons_network_panel_new (void)
{
  return g_object_new (NEURONS_TYPE_NETWORK_PANEL, NULL);
}

NeuronsNeuralNet *
neurons_network_panel_get_net (NeuronsNetworkPanel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_PANEL (self), NULL);

  return self->net;
}

void
neurons_network_panel_set_net (NeuronsNetworkPanel *self,
                               NeuronsNeuralNet    *net)
{
  g_return_if_fail (NEURONS_IS_NETWORK_PANEL (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NEURAL_NET (net));

  if (g_set_object (&self->net, net))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}
