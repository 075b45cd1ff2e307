/* neurons-color-legend.c: what the weight colours mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-color-legend"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-color-legend.h"
#include "neurons-colors.h"

#define BAR_HEIGHT 12
#define SPACING    3
#define N_STOPS    11

struct _NeuronsColorLegend
{
  GtkWidget parent_instance;

  double    range;
};

G_DEFINE_FINAL_TYPE (NeuronsColorLegend, neurons_color_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RANGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  ALIGN_START,
  ALIGN_CENTER,
  ALIGN_END,
} Align;

static int
append_text (GtkWidget   *widget,
             GtkSnapshot *snapshot,
             const char  *text,
             float        x,
             float        y,
             Align        align,
             float        alpha)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  GdkRGBA color;
  int width, height;

  neurons_colors_get_foreground (widget, &color);
  color.alpha *= alpha;
  pango_layout_get_pixel_size (layout, &width, &height);

  if (align == ALIGN_CENTER)
    x -= width / 2;
  else if (align == ALIGN_END)
    x -= width;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((int) x, (int) y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);

  return height;
}

static void
neurons_color_legend_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  NeuronsColorLegend *self = NEURONS_COLOR_LEGEND (widget);
  float width = gtk_widget_get_width (widget);
  gboolean dark = neurons_colors_is_dark (widget);
  GskColorStop stops[N_STOPS];
  g_autofree char *lowest = NULL;
  g_autofree char *highest = NULL;
  float y;

  if (width <= 0 || gtk_widget_get_height (widget) <= 0)
    return;

  for (guint i = 0; i < N_STOPS; i++)
    {
      stops[i].offset = (float) i / (N_STOPS - 1);
      neurons_colors_diverging (2 * stops[i].offset - 1, dark, &stops[i].color);
    }

  gtk_snapshot_append_linear_gradient (snapshot,
                                       &GRAPHENE_RECT_INIT (0, 0, width, BAR_HEIGHT),
                                       &GRAPHENE_POINT_INIT (0, 0),
                                       &GRAPHENE_POINT_INIT (width, 0),
                                       stops, N_STOPS);

  /* a tick at zero */
  {
    GdkRGBA tick;

    neurons_colors_get_foreground (widget, &tick);
    tick.alpha *= 0.6f;
    gtk_snapshot_append_color (snapshot, &tick,
                               &GRAPHENE_RECT_INIT ((int) (width / 2), 0, 1, BAR_HEIGHT + SPACING));
  }

  y = BAR_HEIGHT + SPACING;
  lowest = g_strdup_printf ("−%.2g", self->range);
  highest = g_strdup_printf ("+%.2g", self->range);
  append_text (widget, snapshot, lowest, 0, y, ALIGN_START, 1);
  append_text (widget, snapshot, "0", width / 2, y, ALIGN_CENTER, 1);
  y += append_text (widget, snapshot, highest, width, y, ALIGN_END, 1);

  append_text (widget, snapshot, _("← inhibitory"), 0, y, ALIGN_START, 0.75f);
  append_text (widget, snapshot, _("excitatory →"), width, y, ALIGN_END, 0.75f);
}

static void
neurons_color_legend_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  g_autoptr(PangoLayout) layout =
    gtk_widget_create_pango_layout (widget, _("← inhibitory   excitatory →"));
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = width;
      *natural = MAX (width, 280);
    }
  else
    {
      *minimum = *natural = BAR_HEIGHT + SPACING + 2 * height;
    }
}

static void
update_description (NeuronsColorLegend *self)
{
  g_autofree char *description =
    g_strdup_printf (_("Weights from −%.2g, inhibitory, in blue, through zero, to +%.2g, "
                       "excitatory, in orange; larger ones get the end colours"),
                     self->range, self->range);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
neurons_color_legend_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  NeuronsColorLegend *self = NEURONS_COLOR_LEGEND (object);

  switch (prop_id)
    {
    case PROP_RANGE:
      g_value_set_double (value, self->range);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_color_legend_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  NeuronsColorLegend *self = NEURONS_COLOR_LEGEND (object);

  switch (prop_id)
    {
    case PROP_RANGE:
      neurons_color_legend_set_range (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_color_legend_class_init (NeuronsColorLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = neurons_color_legend_get_property;
  object_class->set_property = neurons_color_legend_set_property;

  widget_class->snapshot = neurons_color_legend_snapshot;
  widget_class->measure = neurons_color_legend_measure;

  /**
   * NeuronsColorLegend:range:
   *
   * The weight size at the ends of the scale.
   */
  properties[PROP_RANGE] =
    g_param_spec_double ("range", NULL, NULL,
                         0, G_MAXDOUBLE, 1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "neurons-color-legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
neurons_color_legend_init (NeuronsColorLegend *self)
{
  self->range = 1;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Weight colour scale"),
                                  -1);
  update_description (self);
}

GtkWidget *
neurons_color_legend_new (void)
{
  return g_object_new (NEURONS_TYPE_COLOR_LEGEND, NULL);
}

double
neurons_color_legend_get_range (NeuronsColorLegend *self)
{
  g_return_val_if_fail (NEURONS_IS_COLOR_LEGEND (self), 0);

  return self->range;
}

void
neurons_color_legend_set_range (NeuronsColorLegend *self,
                                double              range)
{
  g_return_if_fail (NEURONS_IS_COLOR_LEGEND (self));
  g_return_if_fail (range >= 0);

  if (self->range == range)
    return;

  self->range = range;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
}
