/* neurons-race-lane.c: one network of a race: what it is called, its settings and its view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-race-lane"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "neurons-network-view.h"
#include "neurons-race-lane.h"

/*
 * The name of one racer over its settings, and under them its network, as the main window
 * draws it but smaller: two lanes stand side by side, so the view is laid out at its own
 * minimum width and scaled down to the width there is, never cut off and never scrolled.
 */

#define SPACING 4

struct _NeuronsRaceLane
{
  GtkWidget        parent_instance;

  NeuronsRace     *race;
  NeuronsRaceSide  side;

  GtkWidget       *title;
  GtkWidget       *settings;
  GtkWidget       *view;
};

G_DEFINE_FINAL_TYPE (NeuronsRaceLane, neurons_race_lane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RACE,
  PROP_SIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
view_minimum_width (NeuronsRaceLane *self)
{
  int minimum;

  gtk_widget_measure (self->view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return MAX (minimum, 1);
}

/* How much the view is scaled down in this width, and the width it is laid out in. */
static float
view_scale (NeuronsRaceLane *self,
            int              width,
            int             *view_width)
{
  int minimum = view_minimum_width (self);

  *view_width = MAX (width, minimum);
  return width >= minimum ? 1.0f : (float) MAX (width, 1) / minimum;
}

static int
labels_height (NeuronsRaceLane *self,
               int              width)
{
  int height = 0;

  for (GtkWidget *label = self->title; label != self->view; label = gtk_widget_get_next_sibling (label))
    {
      int natural;

      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
      height += natural + SPACING;
    }

  return height;
}

static void
neurons_race_lane_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  NeuronsRaceLane *self = NEURONS_RACE_LANE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int title_minimum, settings_minimum;

      gtk_widget_measure (self->title, orientation, -1, &title_minimum, NULL, NULL, NULL);
      gtk_widget_measure (self->settings, orientation, -1, &settings_minimum, NULL, NULL, NULL);
      /* small enough for two lanes on a phone held upright, one above the other */
      *minimum = MAX (MAX (title_minimum, settings_minimum), 240);
      *natural = MAX (*minimum, view_minimum_width (self));
    }
  else
    {
      int width = for_size < 0 ? view_minimum_width (self) : for_size;
      int view_width, view_minimum, view_natural;
      float scale = view_scale (self, width, &view_width);

      gtk_widget_measure (self->view, orientation, view_width, &view_minimum, &view_natural, NULL, NULL);
      *minimum = labels_height (self, width) + ceilf (view_minimum * scale);
      *natural = labels_height (self, width) + ceilf (view_natural * scale);
    }
}

static void
neurons_race_lane_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  NeuronsRaceLane *self = NEURONS_RACE_LANE (widget);
  int y = 0;
  int view_width;
  float scale = view_scale (self, width, &view_width);
  GskTransform *transform;

  for (GtkWidget *label = self->title; label != self->view; label = gtk_widget_get_next_sibling (label))
    {
      int natural;

      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
      gtk_widget_size_allocate (label, &(GtkAllocation) { 0, y, width, natural }, -1);
      y += natural + SPACING;
    }

  transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, y));
  transform = gsk_transform_scale (transform, scale, scale);
  gtk_widget_allocate (self->view, view_width, MAX (0, height - y) / scale, -1, transform);
}

static void
update_labels (NeuronsRaceLane *self)
{
  g_autofree char *name = NULL;
  g_autofree char *settings = NULL;

  if (self->race == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->title), self->side == NEURONS_RACE_SIDE_A ? _("Network A") : _("Network B"));
      gtk_label_set_text (GTK_LABEL (self->settings), "");
      return;
    }

  name = neurons_race_get_name (self->race, self->side);
  settings = neurons_racer_settings_describe (neurons_race_get_settings (self->race, self->side));
  gtk_label_set_text (GTK_LABEL (self->title), name);
  gtk_label_set_text (GTK_LABEL (self->settings), settings);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, settings,
                                  -1);
}

static void
neurons_race_lane_dispose (GObject *object)
{
  NeuronsRaceLane *self = (NeuronsRaceLane *) object;

  g_clear_pointer (&self->title, gtk_widget_unparent);
  g_clear_pointer (&self->settings, gtk_widget_unparent);
  g_clear_pointer (&self->view, gtk_widget_unparent);
  g_clear_object (&self->race);

  G_OBJECT_CLASS (neurons_race_lane_parent_class)->dispose (object);
}

static void
neurons_race_lane_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NeuronsRaceLane *self = NEURONS_RACE_LANE (object);

  switch (prop_id)
    {
    case PROP_RACE:
      g_value_set_object (value, self->race);
      break;

    case PROP_SIDE:
      g_value_set_int (value, self->side);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_race_lane_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NeuronsRaceLane *self = NEURONS_RACE_LANE (object);

  switch (prop_id)
    {
    case PROP_RACE:
      neurons_race_lane_set_race (self, g_value_get_object (value));
      break;

    case PROP_SIDE:
      self->side = g_value_get_int (value);
      update_labels (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_race_lane_class_init (NeuronsRaceLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_race_lane_dispose;
  object_class->get_property = neurons_race_lane_get_property;
  object_class->set_property = neurons_race_lane_set_property;
  widget_class->measure = neurons_race_lane_measure;
  widget_class->size_allocate = neurons_race_lane_size_allocate;

  /**
   * NeuronsRaceLane:race:
   *
   * The race whose network this lane shows, or %NULL.
   */
  properties[PROP_RACE] =
    g_param_spec_object ("race", NULL, NULL,
                         NEURONS_TYPE_RACE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsRaceLane:side:
   *
   * Which of the race's two networks: 0 for the first, 1 for the second.
   */
  properties[PROP_SIDE] =
    g_param_spec_int ("side", NULL, NULL,
                      NEURONS_RACE_SIDE_A, NEURONS_RACE_SIDE_B, NEURONS_RACE_SIDE_A,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "racelane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
neurons_race_lane_init (NeuronsRaceLane *self)
{
  self->title = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE, NULL);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));

  self->settings = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE, NULL);
  gtk_widget_add_css_class (self->settings, "dim-label");
  gtk_widget_add_css_class (self->settings, "caption");
  gtk_widget_set_parent (self->settings, GTK_WIDGET (self));

  self->view = neurons_network_view_new ();
  gtk_widget_set_parent (self->view, GTK_WIDGET (self));
}

GtkWidget *
neurons_race_lane_new (NeuronsRaceSide side)
{
  return g_object_new (NEURONS_TYPE_RACE_LANE, "side", side, NULL);
}

NeuronsRace *
neurons_race_lane_get_race (NeuronsRaceLane *self)
{
  g_return_val_if_fail (NEURONS_IS_RACE_LANE (self), NULL);

  return self->race;
}

void
neurons_race_lane_set_race (NeuronsRaceLane *self,
                            NeuronsRace     *race)
{
  g_return_if_fail (NEURONS_IS_RACE_LANE (self));
  g_return_if_fail (race == NULL || NEURONS_IS_RACE (race));

  if (!g_set_object (&self->race, race))
    return;

  neurons_neuron_view_set_net (NEURONS_NEURON_VIEW (self->view),
                               race != NULL ? neurons_race_get_net (race, self->side) : NULL);
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RACE]);
}

NeuronsRaceSide
neurons_race_lane_get_side (NeuronsRaceLane *self)
{
  g_return_val_if_fail (NEURONS_IS_RACE_LANE (self), NEURONS_RACE_SIDE_A);

  return self->side;
}
