/* neurons-network-panel.c: everything the window shows of the network, in one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-network-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

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
 *
 * Where the two columns do not fit side by side, the tiles go below the diagram; where even
 * the diagram's own minimum does not fit (a phone held upright), the diagram is drawn at that
 * minimum and scaled down to the width there is, so that the panel never scrolls sideways.
 */

/* the tiles keep a margin of their own for their glow */
#define COLUMN_SPACING 6
#define ROW_SPACING    6
/* between the diagram and the tiles below it */
#define STACK_SPACING  12
/* below this the diagram's labels would be too small to read */
#define SMALLEST_WIDTH 280
struct _NeuronsNetworkPanel
{
  GtkWidget         parent_instance;

  NeuronsNetworkModel *net;
  NeuronsHighlight *highlight;

  GtkWidget        *view;
  GtkWidget        *side;
  GtkWidget        *tiles;
  GtkWidget        *legend;
  GtkWidget        *caption_title;
  GtkWidget        *caption_detail;

  int               upper;  /* the height above the captions, at the last allocation */
};

G_DEFINE_FINAL_TYPE (NeuronsNetworkPanel, neurons_network_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where the diagram and the tiles go in a given width */
typedef struct
{
  gboolean side_by_side;
  int      view_width;    /* before scaling */
  float    view_scale;
  int      side_width;
} Layout;

static int
measure_width (GtkWidget *widget,
               gboolean   natural)
{
  int minimum, natural_width;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural_width, NULL, NULL);

  return natural ? natural_width : minimum;
}

static void
measure_height (GtkWidget *widget,
                int        for_width,
                int       *minimum,
                int       *natural)
{
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, for_width, minimum, natural, NULL, NULL);
}

static void
compute_layout (NeuronsNetworkPanel *self,
                int                  width,
                Layout              *layout)
{
  GtkRequestedSize sizes[2];
  int view_min = measure_width (self->view, FALSE);
  int side_min = measure_width (self->side, FALSE);
  int side_nat = measure_width (self->side, TRUE);
  int extra;

  layout->view_scale = 1;
  layout->side_by_side = width >= view_min + COLUMN_SPACING + side_min;

  if (!layout->side_by_side)
    {
      /* the tiles below, no wider than they like to be */
      layout->side_width = MIN (width, side_nat);
      layout->view_width = MAX (width, view_min);
      if (width < view_min)
        layout->view_scale = (float) MAX (width, 1) / view_min;
      return;
    }

  /* As a horizontal GtkBox would: both columns grow towards their natural widths, then the
   * diagram takes the rest. */
  sizes[0] = (GtkRequestedSize) { self->view, view_min, measure_width (self->view, TRUE) };
  sizes[1] = (GtkRequestedSize) { self->side, side_min, side_nat };
  extra = gtk_distribute_natural_allocation (width - view_min - COLUMN_SPACING - side_min, 2, sizes);
  layout->view_width = sizes[0].minimum_size + extra;
  layout->side_width = sizes[1].minimum_size;
}

static int
captions_height (NeuronsNetworkPanel *self,
                 int                  width,
                 gboolean             natural)
{
  int total = 0;

  for (GtkWidget *label = self->caption_title; label != NULL; label = gtk_widget_get_next_sibling (label))
    {
      int minimum, natural_height;

      measure_height (label, width, &minimum, &natural_height);
      total += ROW_SPACING + (natural ? natural_height : minimum);
    }

  return total;
}

static GtkSizeRequestMode
neurons_network_panel_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
neurons_network_panel_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  NeuronsNetworkPanel *self = NEURONS_NETWORK_PANEL (widget);
  int view_min, view_nat, side_min, side_nat;
  Layout layout;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int caption_min = MAX (measure_width (self->caption_title, FALSE),
                             measure_width (self->caption_detail, FALSE));
      int caption_nat = MAX (measure_width (self->caption_title, TRUE),
                             measure_width (self->caption_detail, TRUE));

      *minimum = MAX (MAX (SMALLEST_WIDTH, caption_min), measure_width (self->side, FALSE));
      *natural = MAX (measure_width (self->view, TRUE) + COLUMN_SPACING + measure_width (self->side, TRUE),
                      caption_nat);
      return;
    }

  if (for_size < 0)
    for_size = measure_width (widget, TRUE);

  compute_layout (self, for_size, &layout);
  measure_height (self->view, layout.view_width, &view_min, &view_nat);
  measure_height (self->side, layout.side_width, &side_min, &side_nat);

  if (layout.side_by_side)
    {
      *minimum = MAX (view_min, side_min);
      *natural = MAX (view_nat, side_nat);
    }
  else
    {
      /* one above the other they scroll anyway: neither need be squeezed */
      *minimum = *natural = ceilf (view_nat * layout.view_scale) + STACK_SPACING + side_nat;
    }

  *minimum += captions_height (self, for_size, FALSE);
  *natural += captions_height (self, for_size, TRUE);
}

static void
neurons_network_panel_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  NeuronsNetworkPanel *self = NEURONS_NETWORK_PANEL (widget);
  int captions = captions_height (self, width, FALSE);
  int upper = MAX (0, height - captions);
  int y = upper;
  Layout layout;

  compute_layout (self, width, &layout);
  self->upper = upper;

  if (layout.side_by_side)
    {
      gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
      int view_x = rtl ? width - layout.view_width : 0;
      int side_x = rtl ? 0 : width - layout.side_width;

      gtk_widget_size_allocate (self->view, &(GtkAllocation) { view_x, 0, layout.view_width, upper }, -1);
      gtk_widget_size_allocate (self->side, &(GtkAllocation) { side_x, 0, layout.side_width, upper }, -1);
    }
  else
    {
      int side_height, view_height, view_minimum, unused;
      GskTransform *transform;

      measure_height (self->side, layout.side_width, &unused, &side_height);
      measure_height (self->view, layout.view_width, &view_minimum, &unused);
      /* Given less height than asked for (beside the drawing pane, whose box does not ask for
       * our height at our width), the diagram keeps its minimum and the tiles are cut off at
       * the captions' line rather than drawn under them (the side clips what it cannot show). */
      view_height = MAX (upper - STACK_SPACING - side_height, ceilf (view_minimum * layout.view_scale));
      gtk_widget_size_allocate (self->side,
                                &(GtkAllocation) { (width - layout.side_width) / 2, view_height + STACK_SPACING,
                                                   layout.side_width, side_height },
                                -1);

      transform = gsk_transform_scale (NULL, layout.view_scale, layout.view_scale);
      gtk_widget_allocate (self->view, layout.view_width, view_height / layout.view_scale, -1, transform);
    }

  for (GtkWidget *label = self->caption_title; label != NULL; label = gtk_widget_get_next_sibling (label))
    {
      int label_height, unused;

      measure_height (label, width, &label_height, &unused);
      y += ROW_SPACING;
      gtk_widget_size_allocate (label, &(GtkAllocation) { 0, y, width, label_height }, -1);
      y += label_height;
    }
}

/* The children in order, with the tiles clipped to the space above the captions, which they
 * would otherwise run into where the panel gets less height than it asked for. */
static void
neurons_network_panel_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  NeuronsNetworkPanel *self = NEURONS_NETWORK_PANEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (child != self->side)
        {
          gtk_widget_snapshot_child (widget, child, snapshot);
          continue;
        }
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), self->upper));
      gtk_widget_snapshot_child (widget, child, snapshot);
      gtk_snapshot_pop (snapshot);
    }
}

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
    detail = g_strdup_printf ("%s %s", linear, _("Pinned: Enter or I looks inside it; click it again or press Escape to let go."));
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
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->get_request_mode = neurons_network_panel_get_request_mode;
  widget_class->measure = neurons_network_panel_measure;
  widget_class->size_allocate = neurons_network_panel_size_allocate;
  widget_class->snapshot = neurons_network_panel_snapshot;

  gtk_widget_class_set_css_name (widget_class, "neurons-network-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
neurons_network_panel_init (NeuronsNetworkPanel *self)
{
  GtkWidget *heading;
  GtkWidget *note;
  g_autofree char *note_text = NULL;

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->highlight = neurons_highlight_new ();
  g_signal_connect_object (self->highlight, "notify", G_CALLBACK (update_caption),
                           self, G_CONNECT_SWAPPED);

  self->view = neurons_network_view_new ();
  neurons_neuron_view_set_highlight (NEURONS_NEURON_VIEW (self->view), self->highlight);
  gtk_widget_set_parent (self->view, GTK_WIDGET (self));

  self->side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->side, GTK_WIDGET (self));

  heading = gtk_label_new (_("First-layer weights"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (self->side), heading);

  self->tiles = neurons_weight_tiles_new ();
  neurons_neuron_view_set_highlight (NEURONS_NEURON_VIEW (self->tiles), self->highlight);
  gtk_box_append (GTK_BOX (self->side), self->tiles);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->tiles),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);

  self->legend = neurons_color_legend_new ();
  gtk_widget_set_margin_start (self->legend, 6);
  gtk_widget_set_margin_end (self->legend, 6);
  g_object_bind_property (self->tiles, "range", self->legend, "range", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (self->side), self->legend);

  note_text = g_strdup_printf (_("Each tile: one neuron's 784 weights, laid out like the image. "
                                 "Glow: how strongly it fires for this digit. "
                                 "✕ dead: a ReLU neuron silent for over %d samples."),
                               NEURONS_DEAD_AFTER_SAMPLES);
  note = gtk_label_new (note_text);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 30);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_set_margin_start (note, 10);
  gtk_widget_set_margin_end (note, 10);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (self->side), note);

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

NeuronsNetworkModel *
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
                               NeuronsNetworkModel    *net)
{
  g_return_if_fail (NEURONS_IS_NETWORK_PANEL (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NETWORK_MODEL (net));

  if (!g_set_object (&self->net, net))
    return;

  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (self->view), net);
  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (self->tiles), net);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}
