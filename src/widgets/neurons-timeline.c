/* neurons-timeline.c: the run's checkpoints as a slider, to rewind training and train on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "neurons-timeline.h"

/*
 * One position per checkpoint, oldest at the left, and one more at the right for the newest
 * moment when that is not a checkpoint itself. Since the checkpoints are dense early (every
 * 100 samples, then 1-2-5 per decade, then every epoch), equal steps per checkpoint space the
 * run about logarithmically, and the fast early part gets most of the room. A mark under the
 * slider shows where a branch starts: training went on from a rewound checkpoint with another
 * learning rate.
 *
 * Moving the slider, by dragging or with the keyboard, rewinds the experiment (which pauses
 * training); every view then shows that checkpoint. While rewound, two buttons appear: train
 * on from here (as Play does), and back to the newest moment.
 *
 * While training runs the slider follows the newest moment; the text is refreshed at most
 * REFRESH_MSEC apart, since the network changes every frame.
 *
 * Wide, it is one row: slider, text, buttons. Below WIDE_WIDTH the text takes a row of its
 * own under the slider, so that on a phone the slider keeps the room to be dragged.
 */

#define REFRESH_MSEC 250
#define WIDE_WIDTH   560
#define SPACING      6

struct _NeuronsTimeline
{
  GtkWidget          parent_instance;

  NeuronsExperiment *experiment;
  NeuronsNetworkModel *net;
  NeuronsEvaluator  *evaluator;
  GtkAdjustment     *adjustment;
  GtkWidget         *scale;
  GtkWidget         *label;
  GtkWidget         *train_on_button;
  GtkWidget         *newest_button;

  guint              n_positions;     /* as the slider has them */
  guint              marked_length;   /* the checkpoints the marks were made for */
  guint              refresh_source;
  gboolean           updating;        /* the slider is being moved by the code, not a person */
};

G_DEFINE_FINAL_TYPE (NeuronsTimeline, neurons_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXPERIMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_count (guint64 count)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

/* The branch marks, made again when the checkpoints changed. */
static void
update_marks (NeuronsTimeline    *self,
              NeuronsCheckpoints *checkpoints,
              guint               length)
{
  NeuronsCheckpoint checkpoint;
  guint branch = 0;

  if (length == self->marked_length)
    return;
  self->marked_length = length;

  gtk_scale_clear_marks (GTK_SCALE (self->scale));
  for (guint i = 0; neurons_checkpoints_get (checkpoints, i, &checkpoint, NULL); i++)
    {
      if (i > 0 && checkpoint.branch != branch)
        gtk_scale_add_mark (GTK_SCALE (self->scale), i - 1, GTK_POS_BOTTOM, NULL);
      branch = checkpoint.branch;
    }
}

/* The test-set accuracy of the moment on show, if it was measured: just measured by the
 * evaluator, as every other view shows it (with any silenced neurons at 0), or else kept with
 * its checkpoint (always of the whole network). */
static double
accuracy_on_show (NeuronsTimeline    *self,
                  NeuronsCheckpoints *checkpoints,
                  guint64             samples_seen)
{
  NeuronsCheckpoint checkpoint;
  int index;

  if (self->evaluator != NULL && neurons_evaluator_has_results (self->evaluator)
      && neurons_evaluator_get_samples_seen (self->evaluator) == samples_seen)
    return neurons_evaluator_get_test_accuracy (self->evaluator);
  index = neurons_checkpoints_find (checkpoints, samples_seen);
  if (index >= 0 && neurons_checkpoints_get (checkpoints, index, &checkpoint, NULL)
      && !isnan (checkpoint.test_accuracy))
    return checkpoint.test_accuracy;
  return NAN;
}

static void
update_text (NeuronsTimeline    *self,
             NeuronsCheckpoints *checkpoints,
             guint               length,
             gboolean            rewound)
{
  guint64 samples_seen = neurons_network_model_get_samples_seen (self->net);
  double accuracy = accuracy_on_show (self, checkpoints, samples_seen);
  g_autofree char *samples = format_count (samples_seen);
  g_autofree char *text = NULL;
  g_autofree char *value_text = NULL;

  if (length == 0)
    {
      text = g_strdup (_("No checkpoints to rewind to yet"));
      value_text = g_strdup (_("no checkpoints yet"));
    }
  else if (!isnan (accuracy))
    {
      /* Translators: the moment of training on show: "After 2,000 samples: 87.1 % on the test set" */
      text = g_strdup_printf (_("After %s samples: %.1f %% on the test set"), samples, 100 * accuracy);
      /* Translators: the timeline's value for screen readers: "after 2,000 samples, 87.1 % on the test set" */
      value_text = g_strdup_printf (_("after %s samples, %.1f %% on the test set"), samples, 100 * accuracy);
    }
  else if (rewound)
    {
      /* Translators: a rewound moment whose accuracy is being measured */
      text = g_strdup_printf (_("After %s samples: measuring…"), samples);
      value_text = g_strdup_printf (_("after %s samples"), samples);
    }
  else
    {
      /* Translators: the timeline at the newest moment of training */
      text = g_strdup_printf (_("Newest: after %s samples"), samples);
      value_text = g_strdup_printf (_("newest, after %s samples"), samples);
    }

  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (self->label)), text) != 0)
    gtk_label_set_label (GTK_LABEL (self->label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, value_text,
                                  -1);
}

/* The slider, the marks, the text and the buttons, as the experiment stands. */
static void
refresh (NeuronsTimeline *self)
{
  NeuronsCheckpoints *checkpoints;
  NeuronsCheckpoint newest;
  gboolean rewound;
  guint length;
  guint position;
  guint n_positions;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->experiment == NULL)
    return;

  checkpoints = neurons_experiment_get_checkpoints (self->experiment);
  rewound = neurons_experiment_get_rewound (self->experiment);
  length = neurons_checkpoints_get_length (checkpoints);

  /* the newest moment has a position of its own unless it is the last checkpoint */
  n_positions = length;
  if (length == 0
      || (neurons_checkpoints_get (checkpoints, length - 1, &newest, NULL)
          && !rewound && newest.samples_seen != neurons_network_model_get_samples_seen (self->net)))
    n_positions++;

  if (rewound)
    position = MAX (0, neurons_checkpoints_find_nearest (checkpoints,
                                                         neurons_network_model_get_samples_seen (self->net)));
  else
    position = n_positions - 1;

  self->updating = TRUE;
  self->n_positions = n_positions;
  gtk_adjustment_configure (self->adjustment, position, 0, MAX (n_positions - 1, 1), 1,
                            MAX (1, n_positions / 10), 0);
  self->updating = FALSE;

  update_marks (self, checkpoints, length);
  update_text (self, checkpoints, length, rewound);

  /* a diverged network is reset, not rewound: the window offers that */
  gtk_widget_set_sensitive (self->scale, length > 0 && !neurons_network_model_get_diverged (self->net));
  gtk_widget_set_visible (self->train_on_button, rewound);
  gtk_widget_set_visible (self->newest_button, rewound);
}

static gboolean
on_refresh_due (gpointer user_data)
{
  NeuronsTimeline *self = user_data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* The network changes every frame while training: the timeline follows a few times a second. */
static void
on_net_changed (NeuronsTimeline *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_MSEC, on_refresh_due, self);
}

/* A person moved the slider: show that checkpoint, or the newest moment. */
static void
on_value_changed (NeuronsTimeline *self,
                  GtkAdjustment   *adjustment)
{
  guint position;
  guint length;

  if (self->updating || self->experiment == NULL)
    return;

  position = (guint) lround (gtk_adjustment_get_value (adjustment));
  length = neurons_checkpoints_get_length (neurons_experiment_get_checkpoints (self->experiment));
  if (length == 0)
    return;

  if (position + 1 >= self->n_positions && position >= length - 1)
    {
      if (neurons_experiment_get_rewound (self->experiment))
        neurons_experiment_return_to_newest (self->experiment);
    }
  else
    neurons_experiment_rewind (self->experiment, position);

  refresh (self);
}

static void
on_train_on_clicked (NeuronsTimeline *self)
{
  if (self->experiment != NULL && neurons_experiment_get_trainer (self->experiment) != NULL)
    neurons_experiment_play (self->experiment);
}

static void
on_newest_clicked (NeuronsTimeline *self)
{
  if (self->experiment != NULL)
    neurons_experiment_return_to_newest (self->experiment);
  refresh (self);
}

static void
set_evaluator (NeuronsTimeline *self)
{
  NeuronsEvaluator *evaluator = neurons_experiment_get_evaluator (self->experiment);

  if (evaluator == self->evaluator)
    return;

  if (self->evaluator != NULL)
    g_signal_handlers_disconnect_by_data (self->evaluator, self);
  g_set_object (&self->evaluator, evaluator);
  if (evaluator != NULL)
    g_signal_connect_object (evaluator, "updated", G_CALLBACK (on_net_changed), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
neurons_timeline_dispose (GObject *object)
{
  NeuronsTimeline *self = (NeuronsTimeline *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->evaluator);
  g_clear_object (&self->net);
  g_clear_object (&self->experiment);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (neurons_timeline_parent_class)->dispose (object);
}

/* The buttons, side by side; hidden ones take no room. */
static void
measure_buttons (NeuronsTimeline *self,
                 GtkOrientation   orientation,
                 int             *minimum,
                 int             *natural)
{
  GtkWidget *buttons[] = { self->train_on_button, self->newest_button };

  *minimum = *natural = 0;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      int child_minimum, child_natural;

      if (!gtk_widget_get_visible (buttons[i]))
        continue;
      gtk_widget_measure (buttons[i], orientation, -1, &child_minimum, &child_natural, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum += child_minimum + SPACING;
          *natural += child_natural + SPACING;
        }
      else
        {
          *minimum = MAX (*minimum, child_minimum);
          *natural = MAX (*natural, child_natural);
        }
    }
}

static void
neurons_timeline_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  NeuronsTimeline *self = NEURONS_TIMELINE (widget);
  int scale_minimum, scale_natural, label_minimum, label_natural, buttons_minimum, buttons_natural;

  gtk_widget_measure (self->scale, orientation, -1, &scale_minimum, &scale_natural, NULL, NULL);
  gtk_widget_measure (self->label, orientation, -1, &label_minimum, &label_natural, NULL, NULL);
  measure_buttons (self, orientation, &buttons_minimum, &buttons_natural);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* narrow, the text goes under the slider */
      *minimum = MAX (scale_minimum + buttons_minimum, label_minimum);
      *natural = scale_natural + SPACING + label_natural + buttons_natural;
    }
  else
    {
      int row = MAX (scale_minimum, buttons_minimum);

      if (for_size >= 0 && for_size < WIDE_WIDTH)
        *minimum = *natural = row + label_natural;
      else
        *minimum = *natural = MAX (row, label_natural);
    }
}

static void
neurons_timeline_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  NeuronsTimeline *self = NEURONS_TIMELINE (widget);
  GtkWidget *buttons[] = { self->train_on_button, self->newest_button };
  gboolean wide = width >= WIDE_WIDTH;
  int label_minimum, label_natural, label_height, buttons_minimum, buttons_natural;
  int label_width, scale_width, row_height, x;

  gtk_widget_measure (self->label, GTK_ORIENTATION_HORIZONTAL, -1, &label_minimum, &label_natural, NULL, NULL);
  gtk_widget_measure (self->label, GTK_ORIENTATION_VERTICAL, -1, NULL, &label_height, NULL, NULL);
  measure_buttons (self, GTK_ORIENTATION_HORIZONTAL, &buttons_minimum, &buttons_natural);

  label_width = wide ? MIN (label_natural, width / 2) : width;
  scale_width = MAX (0, width - buttons_natural - (wide ? label_width + SPACING : 0));
  row_height = wide ? height : height - label_height;

  gtk_widget_allocate (self->scale, scale_width, row_height, -1, NULL);
  x = scale_width;
  if (wide)
    {
      gtk_widget_allocate (self->label, label_width, height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x + SPACING, 0)));
      x += SPACING + label_width;
    }
  else
    gtk_widget_allocate (self->label, width, label_height, -1,
                         gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, row_height)));

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      int button_width;

      if (!gtk_widget_get_visible (buttons[i]))
        continue;
      gtk_widget_measure (buttons[i], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button_width, NULL, NULL);
      gtk_widget_allocate (buttons[i], button_width, row_height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x + SPACING, 0)));
      x += SPACING + button_width;
    }
}

static GtkSizeRequestMode
neurons_timeline_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
neurons_timeline_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NeuronsTimeline *self = NEURONS_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      g_value_set_object (value, self->experiment);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_timeline_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NeuronsTimeline *self = NEURONS_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      neurons_timeline_set_experiment (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_timeline_class_init (NeuronsTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_timeline_dispose;
  object_class->get_property = neurons_timeline_get_property;
  object_class->set_property = neurons_timeline_set_property;

  /**
   * NeuronsTimeline:experiment:
   *
   * The experiment whose run the timeline shows and rewinds.
   */
  properties[PROP_EXPERIMENT] =
    g_param_spec_object ("experiment", NULL, NULL,
                         NEURONS_TYPE_EXPERIMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = neurons_timeline_measure;
  widget_class->size_allocate = neurons_timeline_size_allocate;
  widget_class->get_request_mode = neurons_timeline_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
icon_button (NeuronsTimeline *self,
             const char      *icon_name,
             const char      *tooltip,
             GCallback        callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (button, FALSE);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (button, GTK_WIDGET (self));
  return button;
}

static void
neurons_timeline_init (NeuronsTimeline *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "toolbar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rewind"), -1);

  self->adjustment = gtk_adjustment_new (0, 0, 1, 1, 1, 0);
  self->scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->adjustment);
  gtk_scale_set_draw_value (GTK_SCALE (self->scale), FALSE);
  gtk_widget_set_hexpand (self->scale, TRUE);
  gtk_widget_set_size_request (self->scale, 96, -1);
  gtk_widget_set_valign (self->scale, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (self->scale, FALSE);
  gtk_widget_set_tooltip_text (self->scale, _("Drag back to an earlier moment of training"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Training timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Moving it pauses training and shows the network as it was then. "
                                    "A mark under it shows where training went on from an earlier "
                                    "moment with another learning rate."),
                                  -1);
  gtk_widget_set_parent (self->scale, GTK_WIDGET (self));
  g_signal_connect_object (self->adjustment, "value-changed", G_CALLBACK (on_value_changed),
                           self, G_CONNECT_SWAPPED);

  self->label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_width_chars (GTK_LABEL (self->label), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 44);
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  self->train_on_button = icon_button (self, "media-playback-start-symbolic", _("Train On From Here"),
                                       G_CALLBACK (on_train_on_clicked));
  self->newest_button = icon_button (self, "go-last-symbolic", _("Back to the Newest Moment"),
                                     G_CALLBACK (on_newest_clicked));
}

GtkWidget *
neurons_timeline_new (void)
{
  return g_object_new (NEURONS_TYPE_TIMELINE, NULL);
}

NeuronsExperiment *
neurons_timeline_get_experiment (NeuronsTimeline *self)
{
  g_return_val_if_fail (NEURONS_IS_TIMELINE (self), NULL);

  return self->experiment;
}

void
neurons_timeline_set_experiment (NeuronsTimeline   *self,
                                 NeuronsExperiment *experiment)
{
  g_return_if_fail (NEURONS_IS_TIMELINE (self));
  g_return_if_fail (experiment == NULL || NEURONS_IS_EXPERIMENT (experiment));

  if (self->experiment == experiment)
    return;

  if (self->experiment != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->experiment, self);
      g_signal_handlers_disconnect_by_data (self->net, self);
      if (self->evaluator != NULL)
        g_signal_handlers_disconnect_by_data (self->evaluator, self);
    }
  g_clear_object (&self->evaluator);
  g_clear_object (&self->net);
  g_set_object (&self->experiment, experiment);
  self->marked_length = G_MAXUINT;

  if (experiment != NULL)
    {
      self->net = g_object_ref (neurons_experiment_get_net (experiment));
      g_signal_connect_object (self->net, "changed", G_CALLBACK (on_net_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (experiment, "checkpoints-changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (experiment, "notify::rewound", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (experiment, "notify::evaluator", G_CALLBACK (set_evaluator), self, G_CONNECT_SWAPPED);
      set_evaluator (self);
    }

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPERIMENT]);
}
