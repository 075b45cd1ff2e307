/* neurons-lessons-pane.c: the guided lessons, beside the network they talk about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-lessons-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "neurons-activation-chart.h"
#include "neurons-history-chart.h"
#include "neurons-init-chart.h"
#include "neurons-learning-rate-chart.h"
#include "neurons-lessons-pane.h"
#include "neurons-settings.h"
#include "neurons-weight-histogram.h"

/*
 * Each lesson is a GtkBuilder file in the resources, lessons/<id>.ui, whose object "lesson" is
 * the body of its page: paragraphs, live figures, "What to notice" callouts and "Try it"
 * buttons. The pane puts the lesson's title above the body, builds each page the first time it
 * is opened, and shows itself to the builder as "pane", so that a figure follows the network
 * with a binding such as
 *
 *   <binding name="activation">
 *     <lookup name="hidden-activation" type="NeuronsNetworkModel">
 *       <lookup name="net">pane</lookup>
 *     </lookup>
 *   </binding>
 *
 * which keeps working when the network or the evaluator is set later. Try-it buttons activate
 * win.lesson-try with the name of a setup, which the window carries out (see
 * neurons-window-lessons.c); links activate lessons.open-uri.
 *
 * Progress is kept in GSettings: "lesson" names the lesson open last, and "lessons-completed"
 * those the reader has moved on from with Next (the last lesson counts once it is opened).
 */

typedef struct
{
  const char *id;      /* the resource's name and the settings' value: never renamed */
  const char *title;
} NeuronsLesson;

static const NeuronsLesson lessons[] = {
  { "chain-of-voters", N_("A Chain of Voters") },
  { "firing", N_("Firing") },
  { "where-to-start", N_("Where to Start") },
  { "weights-as-templates", N_("Weights as Templates") },
  { "one-sample-at-a-time", N_("Learning One Sample at a Time") },
  { "how-big-a-step", N_("How Big a Step") },
  { "did-it-learn", N_("Did It Learn?") },
  { "what-each-neuron-does", N_("What Each Neuron Does") },
  { "your-turn", N_("Your Turn") },
  { "where-to-go-next", N_("Where to Go Next") },
};

#define N_LESSONS G_N_ELEMENTS (lessons)

struct _NeuronsLessonsPane
{
  GtkWidget         parent_instance;

  /* Template children */
  GtkRevealer      *other_data_revealer;
  GtkStack         *page_stack;
  GtkMenuButton    *list_button;
  GtkPopover       *list_popover;
  GtkListBox       *lesson_list;

  NeuronsNetworkModel *net;
  NeuronsEvaluator *evaluator;
  NeuronsHighlight *highlight;
  GSettings        *settings;
  guint             current;

  /* Built the first time each lesson is opened; owned by page_stack */
  GtkScrolledWindow *pages[N_LESSONS];
  /* The check marks of completed lessons in the list */
  GtkWidget        *done_marks[N_LESSONS];
};

G_DEFINE_FINAL_TYPE (NeuronsLessonsPane, neurons_lessons_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NET,
  PROP_EVALUATOR,
  PROP_HIGHLIGHT,
  PROP_LESSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
find_lesson (const char *id)
{
  for (guint i = 0; i < N_LESSONS; i++)
    if (g_strcmp0 (lessons[i].id, id) == 0)
      return i;

  return -1;
}

static gboolean
is_completed (NeuronsLessonsPane *self,
              guint               index)
{
  g_auto(GStrv) completed = g_settings_get_strv (self->settings, "lessons-completed");

  return g_strv_contains ((const char * const *) completed, lessons[index].id);
}

static void
mark_completed (NeuronsLessonsPane *self,
                guint               index)
{
  g_auto(GStrv) completed = g_settings_get_strv (self->settings, "lessons-completed");
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;

  if (g_strv_contains ((const char * const *) completed, lessons[index].id))
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) completed);
  g_strv_builder_add (builder, lessons[index].id);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "lessons-completed", (const char * const *) updated);
}

/* The list's check marks and what a screen reader says of each lesson in it. */
static void
update_list (NeuronsLessonsPane *self)
{
  for (guint i = 0; i < N_LESSONS; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lesson_list, i);
      gboolean completed = is_completed (self, i);
      g_autofree char *label = NULL;

      gtk_widget_set_visible (self->done_marks[i], completed);
      if (completed)
        /* Translators: a lesson in the list of lessons, for screen readers: "Lesson 3: Where to Start, completed" */
        label = g_strdup_printf (_("Lesson %u: %s, completed"), i + 1, _(lessons[i].title));
      else
        /* Translators: a lesson in the list of lessons, for screen readers: "Lesson 3: Where to Start" */
        label = g_strdup_printf (_("Lesson %u: %s"), i + 1, _(lessons[i].title));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

/* The lessons' tables are written as grids of one-line labels; in a narrow pane they would
 * make it wider than the screen, so there their words wrap instead (the numbers stay whole).
 * Wide, nothing changes: a wrapping label still asks for its whole line. */
static void
let_tables_wrap (GtkWidget *widget,
                 gboolean   in_table)
{
  in_table = in_table || GTK_IS_GRID (widget);

  if (in_table && GTK_IS_LABEL (widget) && !gtk_label_get_wrap (GTK_LABEL (widget))
      && !gtk_widget_has_css_class (widget, "numeric"))
    {
      gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    let_tables_wrap (child, in_table);
}

/* A lesson's page: its title, then the body from its resource, scrolling together. */
static GtkScrolledWindow *
build_page (NeuronsLessonsPane *self,
            guint               index)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *scroller, *viewport, *box, *title;
  GObject *body;

  path = g_strdup_printf ("/io/github/neurons/Neurons/lessons/%s.ui", lessons[index].id);
  gtk_builder_expose_object (builder, "pane", G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, path, &error))
    g_error ("The lesson “%s” cannot be built from %s: %s", lessons[index].id, path, error->message);
  body = gtk_builder_get_object (builder, "lesson");
  if (!GTK_IS_WIDGET (body))
    g_error ("The lesson “%s” has no widget called “lesson” in %s", lessons[index].id, path);
  let_tables_wrap (GTK_WIDGET (body), FALSE);

  title = g_object_new (GTK_TYPE_LABEL,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                        "label", _(lessons[index].title),
                        "wrap", TRUE,
                        "xalign", 0.0f,
                        NULL);
  gtk_widget_add_css_class (title, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (body));

  /* Tabbing to a button further down the lesson brings it into view. */
  viewport = gtk_viewport_new (NULL, NULL);
  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), box);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), viewport);

  return GTK_SCROLLED_WINDOW (scroller);
}

static void
show_lesson (NeuronsLessonsPane *self,
             guint               index)
{
  g_autofree char *position = NULL;

  g_assert (index < N_LESSONS);

  if (self->pages[index] == NULL)
    {
      self->pages[index] = build_page (self, index);
      gtk_stack_add_named (self->page_stack, GTK_WIDGET (self->pages[index]), lessons[index].id);
    }

  /* A lesson opens at its beginning, wherever it was left. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->pages[index]), 0);
  gtk_stack_set_visible_child (self->page_stack, GTK_WIDGET (self->pages[index]));

  /* Translators: where the reader is, on the button that lists the lessons: "Lesson 3 of 9" */
  position = g_strdup_printf (_("Lesson %u of %u"), index + 1, (guint) N_LESSONS);
  gtk_menu_button_set_label (self->list_button, position);
  gtk_list_box_select_row (self->lesson_list, gtk_list_box_get_row_at_index (self->lesson_list, index));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lessons.previous", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lessons.next", index + 1 < N_LESSONS);

  g_settings_set_string (self->settings, "lesson", lessons[index].id);
  /* The last lesson has no Next to move on with: reading it is finishing it. */
  if (index + 1 == N_LESSONS)
    mark_completed (self, index);

  if (self->current != index)
    {
      self->current = index;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
    }
}

/* The lessons quote the digits' numbers: say so when the network learns something else. */
static void
update_other_data (NeuronsLessonsPane *self)
{
  gboolean digits = TRUE;

  if (self->net != NULL)
    for (guint k = 0; k < NEURONS_OUTPUT_SIZE; k++)
      {
        char digit[2] = { '0' + k, '\0' };

        digits &= g_str_equal (neurons_network_model_get_class_name (self->net, k), digit);
      }
  gtk_revealer_set_reveal_child (self->other_data_revealer, !digits);
}

static void
on_lesson_row_activated (NeuronsLessonsPane *self,
                         GtkListBoxRow      *row,
                         GtkListBox         *list)
{
  gtk_popover_popdown (self->list_popover);
  show_lesson (self, gtk_list_box_row_get_index (row));
}

static void
on_completed_changed (NeuronsLessonsPane *self,
                      const char         *key,
                      GSettings          *settings)
{
  update_list (self);
}

static void
neurons_lessons_pane_previous (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  NeuronsLessonsPane *self = NEURONS_LESSONS_PANE (widget);

  if (self->current > 0)
    show_lesson (self, self->current - 1);
}

static void
neurons_lessons_pane_next (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  NeuronsLessonsPane *self = NEURONS_LESSONS_PANE (widget);

  if (self->current + 1 >= N_LESSONS)
    return;

  mark_completed (self, self->current);
  show_lesson (self, self->current + 1);
}

static void
on_uri_launched (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error)
      && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open %s in a web browser: %s",
               gtk_uri_launcher_get_uri (GTK_URI_LAUNCHER (object)), error->message);
}

/* Opens a link of the further reading in the web browser. */
static void
neurons_lessons_pane_open_uri (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  const char *uri = g_variant_get_string (parameter, NULL);

  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

  gtk_uri_launcher_launch (launcher, window, NULL, on_uri_launched, NULL);
}

static GtkWidget *
create_list_row (NeuronsLessonsPane *self,
                 guint               index)
{
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  GtkWidget *row, *box, *number_label, *title_label;

  number_label = gtk_label_new (number);
  gtk_widget_add_css_class (number_label, "numeric");
  gtk_widget_add_css_class (number_label, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (number_label), 2);
  gtk_label_set_xalign (GTK_LABEL (number_label), 1);

  title_label = gtk_label_new (_(lessons[index].title));
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_set_hexpand (title_label, TRUE);

  self->done_marks[index] = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  gtk_widget_set_tooltip_text (self->done_marks[index], _("Completed"));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), number_label);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), self->done_marks[index]);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
neurons_lessons_pane_dispose (GObject *object)
{
  NeuronsLessonsPane *self = (NeuronsLessonsPane *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_LESSONS_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  memset (self->pages, 0, sizeof self->pages);
  memset (self->done_marks, 0, sizeof self->done_marks);
  if (self->net != NULL)
    g_signal_handlers_disconnect_by_func (self->net, update_other_data, self);
  g_clear_object (&self->net);
  g_clear_object (&self->evaluator);
  g_clear_object (&self->highlight);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (neurons_lessons_pane_parent_class)->dispose (object);
}

static void
neurons_lessons_pane_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  NeuronsLessonsPane *self = NEURONS_LESSONS_PANE (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, self->net);
      break;

    case PROP_EVALUATOR:
      g_value_set_object (value, self->evaluator);
      break;

    case PROP_HIGHLIGHT:
      g_value_set_object (value, self->highlight);
      break;

    case PROP_LESSON:
      g_value_set_string (value, neurons_lessons_pane_get_lesson (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_lessons_pane_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  NeuronsLessonsPane *self = NEURONS_LESSONS_PANE (object);

  switch (prop_id)
    {
    case PROP_NET:
      neurons_lessons_pane_set_net (self, g_value_get_object (value));
      break;

    case PROP_EVALUATOR:
      neurons_lessons_pane_set_evaluator (self, g_value_get_object (value));
      break;

    case PROP_HIGHLIGHT:
      neurons_lessons_pane_set_highlight (self, g_value_get_object (value));
      break;

    case PROP_LESSON:
      neurons_lessons_pane_set_lesson (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_lessons_pane_class_init (NeuronsLessonsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_lessons_pane_dispose;
  object_class->get_property = neurons_lessons_pane_get_property;
  object_class->set_property = neurons_lessons_pane_set_property;

  /**
   * NeuronsLessonsPane:net:
   *
   * The network the lessons' figures show and their text talks about.
   */
  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsLessonsPane:evaluator:
   *
   * What the network scores on the test images, for the figures that follow it.
   */
  properties[PROP_EVALUATOR] =
    g_param_spec_object ("evaluator", NULL, NULL,
                         NEURONS_TYPE_EVALUATOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsLessonsPane:highlight:
   *
   * The hidden neuron pointed at in the network view, for the figures that mark it.
   */
  properties[PROP_HIGHLIGHT] =
    g_param_spec_object ("highlight", NULL, NULL,
                         NEURONS_TYPE_HIGHLIGHT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsLessonsPane:lesson:
   *
   * The id of the lesson on show, such as "how-big-a-step".
   */
  properties[PROP_LESSON] =
    g_param_spec_string ("lesson", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The figures the lessons' builder files name */
  g_type_ensure (NEURONS_TYPE_ACTIVATION_CHART);
  g_type_ensure (NEURONS_TYPE_HISTORY_CHART);
  g_type_ensure (NEURONS_TYPE_INIT_CHART);
  g_type_ensure (NEURONS_TYPE_LEARNING_RATE_CHART);
  g_type_ensure (NEURONS_TYPE_WEIGHT_HISTOGRAM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-lessons-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsLessonsPane, other_data_revealer);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLessonsPane, page_stack);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLessonsPane, list_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLessonsPane, list_popover);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLessonsPane, lesson_list);
  gtk_widget_class_bind_template_callback (widget_class, on_lesson_row_activated);

  gtk_widget_class_install_action (widget_class, "lessons.previous", NULL, neurons_lessons_pane_previous);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "lessons.previous", NULL);
  gtk_widget_class_install_action (widget_class, "lessons.next", NULL, neurons_lessons_pane_next);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "lessons.next", NULL);
  gtk_widget_class_install_action (widget_class, "lessons.open-uri", "s", neurons_lessons_pane_open_uri);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lessons-pane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
neurons_lessons_pane_init (NeuronsLessonsPane *self)
{
  g_autofree char *lesson = NULL;
  int index;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lessons"), -1);

  for (guint i = 0; i < N_LESSONS; i++)
    gtk_list_box_append (self->lesson_list, create_list_row (self, i));

  self->settings = neurons_settings_new ();
  g_signal_connect_object (self->settings, "changed::lessons-completed",
                           G_CALLBACK (on_completed_changed), self, G_CONNECT_SWAPPED);
  update_list (self);

  /* A lesson that no longer exists, or none yet, opens the first. */
  lesson = g_settings_get_string (self->settings, "lesson");
  index = find_lesson (lesson);
  show_lesson (self, MAX (index, 0));
}

GtkWidget *
neurons_lessons_pane_new (void)
{
  return g_object_new (NEURONS_TYPE_LESSONS_PANE, NULL);
}

NeuronsNetworkModel *
neurons_lessons_pane_get_net (NeuronsLessonsPane *self)
{
  g_return_val_if_fail (NEURONS_IS_LESSONS_PANE (self), NULL);

  return self->net;
}

void
neurons_lessons_pane_set_net (NeuronsLessonsPane *self,
                              NeuronsNetworkModel   *net)
{
  g_return_if_fail (NEURONS_IS_LESSONS_PANE (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NETWORK_MODEL (net));

  if (self->net == net)
    return;

  if (self->net != NULL)
    g_signal_handlers_disconnect_by_func (self->net, update_other_data, self);
  g_set_object (&self->net, net);
  if (net != NULL)
    g_signal_connect_object (net, "notify::class-names", G_CALLBACK (update_other_data), self, G_CONNECT_SWAPPED);
  update_other_data (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}

NeuronsEvaluator *
neurons_lessons_pane_get_evaluator (NeuronsLessonsPane *self)
{
  g_return_val_if_fail (NEURONS_IS_LESSONS_PANE (self), NULL);

  return self->evaluator;
}

void
neurons_lessons_pane_set_evaluator (NeuronsLessonsPane *self,
                                    NeuronsEvaluator   *evaluator)
{
  g_return_if_fail (NEURONS_IS_LESSONS_PANE (self));
  g_return_if_fail (evaluator == NULL || NEURONS_IS_EVALUATOR (evaluator));

  if (g_set_object (&self->evaluator, evaluator))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVALUATOR]);
}

NeuronsHighlight *
neurons_lessons_pane_get_highlight (NeuronsLessonsPane *self)
{
  g_return_val_if_fail (NEURONS_IS_LESSONS_PANE (self), NULL);

  return self->highlight;
}

void
neurons_lessons_pane_set_highlight (NeuronsLessonsPane *self,
                                    NeuronsHighlight   *highlight)
{
  g_return_if_fail (NEURONS_IS_LESSONS_PANE (self));
  g_return_if_fail (highlight == NULL || NEURONS_IS_HIGHLIGHT (highlight));

  if (g_set_object (&self->highlight, highlight))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

const char *
neurons_lessons_pane_get_lesson (NeuronsLessonsPane *self)
{
  g_return_val_if_fail (NEURONS_IS_LESSONS_PANE (self), NULL);

  return lessons[self->current].id;
}

void
neurons_lessons_pane_set_lesson (NeuronsLessonsPane *self,
                                 const char         *lesson)
{
  int index;

  g_return_if_fail (NEURONS_IS_LESSONS_PANE (self));
  g_return_if_fail (lesson != NULL);

  index = find_lesson (lesson);
  g_return_if_fail (index >= 0);

  show_lesson (self, index);
}
