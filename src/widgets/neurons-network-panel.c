/* neurons-network-panel.c: everything the window shows of the network, in one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-network-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-color-legend.h"
#include "neurons-highlight.h"
#include "neurons-network-panel.h"
#include "neurons-network-view.h"
#include "neurons-neuron-activity.h"
#include "neurons-weight-tiles.h"

/*
 * The network view on the left, the first layer's weight tiles with their colour scale on
 * the right, and a caption below that says what a highlight means. The views share one
 * NeuronsHighlight, so hovering a neuron in one lights it up in the other.
 */
struct _NeuronsNetworkPanel
{
  GtkWidget         parent_instance;

  NeuronsNeuralNet *net;
  NeuronsHighlight *highlight;

  GtkWidget        *columns;
  GtkWidget        *view;
  GtkWidget        *tiles;
  GtkWidget        *legend;
  GtkWidget        *caption_title;
  GtkWidget        *caption_detail;
};

G_DEFINE_FINAL_TYPE (NeuronsNetworkPanel, neurons_network_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_caption (NeuronsNetworkPanel *self)
{
  int neuron = neurons_highlight_get_neuron (self->highlight) + 1;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  const char *linear = _("This is the linear contribution, before the bias and the activation.");

  switch (neurons_highlight_get_layer (self->highlight))
    {
    case NEURONS_HIGHLIGHT_HIDDEN1:
      title = g_strdup_printf (_("First-layer neuron %d: the digit shows only the pixels that excite it "
                                 "(pixel × weight above zero)."), neuron);
      break;

    case NEURONS_HIGHLIGHT_HIDDEN2:
      title = g_strdup_printf (_("Second-layer neuron %d: each tile is framed by the weight this neuron "
                                 "gives it, orange to excite, blue to inhibit."), neuron);
      break;

    case NEURONS_HIGHLIGHT_NONE:
    default:
      gtk_label_set_text (GTK_LABEL (self->caption_title),
                          _("Point at a weight tile or a hidden neuron to see what it responds to; "
                            "click to pin it."));
      gtk_label_set_text (GTK_LABEL (self->caption_detail),
                          _("From the keyboard: arrow keys move the selection, Enter pins it, "
                            "Escape lets go."));
      return;
    }

  if (neurons_highlight_get_pinned (self->highlight))
    detail = g_strdup_printf ("%s %s", linear, _("Pinned: click it again or press Escape to let go."));
  else
    detail = g_strdup (linear);

  gtk_label_set_text (GTK_LABEL (self->caption_title), title);
  gtk_label_set_text (GTK_LABEL (self->caption_detail), detail);
}

static GtkWidget *
caption_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* one line each, so that the panel does not jump as the highlight moves */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
neurons_network_panel_dispose (GObject *object)
{
  NeuronsNetworkPanel *self = (NeuronsNetworkPanel *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->net);
  g_clear_object (&self->highlight);

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
  GtkWidget *side;
  GtkWidget *heading;
  GtkWidget *note;
  g_autofree char *note_text = NULL;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  self->highlight = neurons_highlight_new ();
  g_signal_connect_object (self->highlight, "notify", G_CALLBACK (update_caption),
                           self, G_CONNECT_SWAPPED);

  self->columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_vexpand (self->columns, TRUE);
  gtk_widget_set_parent (self->columns, GTK_WIDGET (self));

  self->view = neurons_network_view_new ();
  neurons_neuron_view_set_highlight (NEURONS_NEURON_VIEW (self->view), self->highlight);
  gtk_widget_set_hexpand (self->view, TRUE);
  gtk_widget_set_vexpand (self->view, TRUE);
  gtk_box_append (GTK_BOX (self->columns), self->view);

  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->columns), side);

  heading = gtk_label_new (_("First-layer weights"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (side), heading);

  self->tiles = neurons_weight_tiles_new ();
  neurons_neuron_view_set_highlight (NEURONS_NEURON_VIEW (self->tiles), self->highlight);
  gtk_box_append (GTK_BOX (side), self->tiles);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->tiles),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);

  self->legend = neurons_color_legend_new ();
  gtk_widget_set_margin_start (self->legend, 10);
  gtk_widget_set_margin_end (self->legend, 10);
  g_object_bind_property (self->tiles, "range", self->legend, "range", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (side), self->legend);

  note_text = g_strdup_printf (_("Each tile: one neuron's 784 weights, laid out like the image. "
                                 "Glow: how strongly it fires for this digit. "
                                 "✕ dead: a ReLU neuron silent for over %d samples."),
                               NEURONS_DEAD_AFTER_SAMPLES);
  note = gtk_label_new (note_text);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 30);
  gtk_label_set_width_chars (GTK_LABEL (note), 20);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_set_margin_start (note, 10);
  gtk_widget_set_margin_end (note, 10);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (side), note);

  self->caption_title = caption_label (NULL);
  gtk_widget_set_parent (self->caption_title, GTK_WIDGET (self));
  self->caption_detail = caption_label ("dim-label");
  gtk_widget_set_parent (self->caption_detail, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network"),
                                  -1);
  update_caption (self);
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

/* The neuron the views point at (hovered, pinned or chosen from the keyboard), shared by all. */
NeuronsHighlight *
neurons_network_panel_get_highlight (NeuronsNetworkPanel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_PANEL (self), NULL);

  return self->highlight;
}

void
neurons_network_panel_set_net (NeuronsNetworkPanel *self,
                               NeuronsNeuralNet    *net)
{
  g_return_if_fail (NEURONS_IS_NETWORK_PANEL (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NEURAL_NET (net));

  if (!g_set_object (&self->net, net))
    return;

  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (self->view), net);
  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (self->tiles), net);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}
