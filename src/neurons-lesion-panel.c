/* neurons-lesion-panel.c: silence hidden neurons and see what each one costs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-lesion-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "neurons-lesion-panel.h"

/*
 * The lesion panel: a switch for each of the 32 hidden neurons, the test accuracy with the
 * switched-off ones silenced beside the intact network's, a bar per digit with what it lost,
 * "Which Matter Most?" (each neuron silenced alone, ranked by what it costs) and Restore All.
 *
 * It only reads and asks: the network model holds the lesion, the evaluator measures it and
 * ranks. The switches follow the lesion, however it was set (here, by S on a neuron, or by a
 * lesson's Try It).
 */

struct _NeuronsLesionPanel
{
  GtkWidget             parent_instance;

  NeuronsEvaluator     *evaluator;
  NeuronsNetworkModel  *net;
  GCancellable         *rank_cancellable;
  NeuronsLesionRanking  ranking;
  gboolean              has_ranking;
  gboolean              silence_first;  /* silence the top neuron when the ranking comes */
  guint64               ranked_samples_seen;
  gboolean              syncing;        /* the switches are being set from the lesion */

  /* Template widgets */
  GtkLabel             *accuracy_label;
  GtkLabel             *worst_label;
  GtkGrid              *digit_grid;
  GtkWidget            *training_note;
  GtkWidget            *rank_button;
  GtkWidget            *restore_button;
  GtkLabel             *rank_label;
  GtkListBox           *neuron_list;

  GtkWidget            *digit_names[NEURONS_OUTPUT_SIZE];
  GtkLevelBar          *digit_bars[NEURONS_OUTPUT_SIZE];
  GtkLabel             *digit_accuracies[NEURONS_OUTPUT_SIZE];
  GtkLabel             *digit_losses[NEURONS_OUTPUT_SIZE];
  AdwSwitchRow         *rows[NEURONS_N_HIDDEN_NEURONS];  /* layer 1's neurons, then layer 2's */
  int                   rank_of[NEURONS_N_HIDDEN_NEURONS];
};

G_DEFINE_FINAL_TYPE (NeuronsLesionPanel, neurons_lesion_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVALUATOR,
  PROP_N_SILENCED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
row_index (guint hidden_layer,
           guint neuron)
{
  return hidden_layer * NEURONS_HIDDEN1_SIZE + neuron;
}

static double
ratio (guint numerator,
       guint denominator)
{
  return denominator == 0 ? 0 : (double) numerator / denominator;
}

/* The accuracy points digit @d lost to the lesion, rounded. */
static int
digit_loss (const NeuronsEvaluation *intact,
            const NeuronsEvaluation *lesioned,
            guint                    d)
{
  return (int) lround (100 * (ratio (intact->per_digit_correct[d], intact->per_digit_total[d])
                              - ratio (lesioned->per_digit_correct[d], lesioned->per_digit_total[d])));
}

static char *
neuron_name (guint hidden_layer,
             guint neuron)
{
  /* Translators: a hidden neuron, counted from 1 as the tiles and the diagram show it */
  return g_strdup_printf (_("Neuron %u of layer %u"), neuron + 1, hidden_layer + 1);
}

static void
update_digits (NeuronsLesionPanel      *self,
               const NeuronsEvaluation *intact,
               const NeuronsEvaluation *lesioned,
               gboolean                 lesion_on)
{
  for (guint d = 0; d < NEURONS_OUTPUT_SIZE; d++)
    {
      const char *name = neurons_network_model_get_class_name (self->net, d);
      double accuracy = ratio (lesioned->per_digit_correct[d], lesioned->per_digit_total[d]);
      int loss = digit_loss (intact, lesioned, d);
      g_autofree char *loss_text = NULL;
      g_autofree char *description = NULL;
      g_autofree char *accuracy_text = g_strdup_printf ("%.0f %%", 100 * accuracy);

      gtk_label_set_label (GTK_LABEL (self->digit_names[d]), name);
      gtk_level_bar_set_value (self->digit_bars[d], accuracy);
      gtk_label_set_label (self->digit_accuracies[d], accuracy_text);
      if (lesion_on && loss != 0)
        {
          /* a real minus sign, U+2212 */
          loss_text = loss > 0 ? g_strdup_printf ("−%d", loss) : g_strdup_printf ("+%d", -loss);
          /* Translators: the accessible text of a digit's bar: the class, its accuracy, the
           * accuracy points silencing took from it (−) or gave it (+) */
          description = g_strdup_printf (_("%s: %.0f %%, %s points"), name, 100 * accuracy, loss_text);
        }
      else
        {
          loss_text = g_strdup ("");
          description = g_strdup_printf (_("%s: %.0f %%"), name, 100 * accuracy);
        }
      gtk_label_set_label (self->digit_losses[d], loss_text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->digit_losses[d]), "error");
      if (loss > 0 && lesion_on)
        gtk_widget_add_css_class (GTK_WIDGET (self->digit_losses[d]), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->digit_bars[d]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
}

/* "Silencing neuron 8 of layer 1 costs the 0s 31 points." */
static char *
describe_worst (NeuronsLesionPanel      *self,
                const NeuronsEvaluation *intact,
                const NeuronsEvaluation *lesioned,
                const NeuronsLesion     *lesion)
{
  guint worst = 0;

  for (guint d = 1; d < NEURONS_OUTPUT_SIZE; d++)
    if (digit_loss (intact, lesioned, d) > digit_loss (intact, lesioned, worst))
      worst = d;

  if (digit_loss (intact, lesioned, worst) <= 0)
    return g_strdup (_("No digit gets worse."));

  if (neurons_lesion_count (lesion) == 1)
    {
      guint layer = lesion->silenced[0] != 0 ? 0 : 1;
      guint neuron = (guint) __builtin_ctz (lesion->silenced[layer]);

      /* Translators: "Silencing neuron 8 of layer 1 costs the 0s 31 points."; %3$s is a digit */
      return g_strdup_printf (_("Silencing neuron %1$u of layer %2$u costs the %3$ss %4$d points."),
                              neuron + 1, layer + 1, neurons_network_model_get_class_name (self->net, worst),
                              digit_loss (intact, lesioned, worst));
    }

  /* Translators: "Silencing these 2 neurons costs the 0s most: 31 points." */
  return g_strdup_printf (_("Silencing these %1$u neurons costs the %2$ss most: %3$d points."),
                          neurons_lesion_count (lesion), neurons_network_model_get_class_name (self->net, worst),
                          digit_loss (intact, lesioned, worst));
}

/* The accuracy, the bars and the sentence, from the evaluator's latest results. */
static void
update_results (NeuronsLesionPanel *self)
{
  const NeuronsLesion *lesion;
  const NeuronsEvaluation *lesioned, *intact;
  gboolean lesion_on;
  g_autofree char *accuracy = NULL;
  g_autofree char *worst = NULL;

  if (self->evaluator == NULL)
    return;

  lesion = neurons_network_model_get_lesion (self->net);
  lesion_on = !neurons_lesion_is_empty (lesion);
  gtk_widget_set_sensitive (self->restore_button, lesion_on);
  gtk_widget_set_visible (GTK_WIDGET (self->worst_label), lesion_on);

  lesioned = neurons_evaluator_get_evaluation (self->evaluator);
  intact = neurons_evaluator_get_intact_evaluation (self->evaluator);
  if (lesioned == NULL || !neurons_lesion_equal (neurons_evaluator_get_lesion (self->evaluator), lesion))
    {
      gtk_label_set_label (self->accuracy_label, _("Measuring the test accuracy…"));
      return;
    }

  if (lesion_on)
    {
      /* Translators: with neurons silenced; the counts stay plain numbers so that tools can read them */
      accuracy = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Test accuracy with %u neuron silenced: %.2f %% (%u of %u images), intact %.2f %%",
                                               "Test accuracy with %u neurons silenced: %.2f %% (%u of %u images), intact %.2f %%",
                                               neurons_lesion_count (lesion)),
                                  neurons_lesion_count (lesion), 100 * neurons_evaluation_accuracy (lesioned),
                                  lesioned->n_correct, lesioned->n_samples, 100 * neurons_evaluation_accuracy (intact));
      worst = describe_worst (self, intact, lesioned, lesion);
      gtk_label_set_label (self->worst_label, worst);
    }
  else
    accuracy = g_strdup_printf (_("Test accuracy with every neuron working: %.2f %% (%u of %u images)"),
                                100 * neurons_evaluation_accuracy (lesioned), lesioned->n_correct,
                                lesioned->n_samples);

  gtk_label_set_label (self->accuracy_label, accuracy);
  update_digits (self, intact, lesioned, lesion_on);
}

/* The switches follow the lesion. */
static void
sync_switches (NeuronsLesionPanel *self)
{
  const NeuronsLesion *lesion = neurons_network_model_get_lesion (self->net);

  self->syncing = TRUE;
  for (guint h = 0; h < NEURONS_N_HIDDEN_LAYERS; h++)
    for (guint n = 0; n < neurons_layer_n_outputs (h); n++)
      adw_switch_row_set_active (self->rows[row_index (h, n)], neurons_lesion_is_silenced (lesion, h, n));
  self->syncing = FALSE;
}

static void
on_lesion_changed (NeuronsLesionPanel *self)
{
  sync_switches (self);
  update_results (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SILENCED]);
}

static void
on_switch_toggled (AdwSwitchRow       *row,
                   GParamSpec         *pspec,
                   NeuronsLesionPanel *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "neurons-index"));

  if (self->syncing || self->net == NULL)
    return;

  neurons_network_model_set_silenced (self->net, index / NEURONS_HIDDEN1_SIZE, index % NEURONS_HIDDEN1_SIZE,
                                      adw_switch_row_get_active (row));
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  NeuronsLesionPanel *self = user_data;
  guint index_a = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (a), "neurons-index"));
  guint index_b = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "neurons-index"));

  if (self->has_ranking)
    return self->rank_of[index_a] - self->rank_of[index_b];
  return (int) index_a - (int) index_b;
}

static void
show_ranking (NeuronsLesionPanel *self)
{
  const NeuronsLesionCost *first = &self->ranking.costs[0];
  const NeuronsLesionCost *last = &self->ranking.costs[NEURONS_N_HIDDEN_NEURONS - 1];
  g_autofree char *first_name = neuron_name (first->hidden_layer, first->neuron);
  g_autofree char *last_name = neuron_name (last->hidden_layer, last->neuron);
  g_autofree char *summary = NULL;

  for (guint c = 0; c < NEURONS_N_HIDDEN_NEURONS; c++)
    {
      const NeuronsLesionCost *cost = &self->ranking.costs[c];
      guint index = row_index (cost->hidden_layer, cost->neuron);
      g_autofree char *subtitle = NULL;

      self->rank_of[index] = (int) c;
      /* Translators: what silencing this neuron alone costs; %1$u is its place in the ranking */
      subtitle = g_strdup_printf (_("#%1$u: alone, costs %2$.2f points"), c + 1,
                                  neurons_lesion_cost_points (&self->ranking, cost));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[index]), subtitle);
    }
  gtk_list_box_invalidate_sort (self->neuron_list);

  /* Translators: the ranking's summary; the network is measured as it was at %5$s samples */
  summary = g_strdup_printf (_("Each neuron silenced alone on all %1$u test images. Matters most: %2$s, "
                               "%3$.2f points. Matters least: %4$s, %5$.2f points."),
                             self->ranking.n_samples,
                             first_name, neurons_lesion_cost_points (&self->ranking, first),
                             last_name, neurons_lesion_cost_points (&self->ranking, last));
  gtk_label_set_label (self->rank_label, summary);
}

static void
on_ranked (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(NeuronsLesionPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  NeuronsLesionRanking ranking;

  if (!neurons_evaluator_rank_finish (NEURONS_EVALUATOR (object), result, &ranking, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not rank the neurons: %s", error->message);
      return;
    }

  /* the answer of an evaluator the panel no longer shows */
  if (NEURONS_EVALUATOR (object) != self->evaluator)
    return;

  self->ranking = ranking;
  self->has_ranking = TRUE;
  gtk_widget_set_sensitive (self->rank_button, TRUE);
  show_ranking (self);

  if (self->silence_first)
    {
      NeuronsLesion lesion = { { 0 } };

      self->silence_first = FALSE;
      neurons_lesion_set_silenced (&lesion, ranking.costs[0].hidden_layer, ranking.costs[0].neuron, TRUE);
      neurons_network_model_set_lesion (self->net, &lesion);
    }
}

static void
on_rank_clicked (NeuronsLesionPanel *self)
{
  neurons_lesion_panel_rank (self, FALSE);
}

/**
 * neurons_lesion_panel_rank:
 * @silence_first: whether to silence the neuron that matters most, alone, once it is known
 *
 * Ranks the hidden neurons as "Which Matter Most?" does.
 */
void
neurons_lesion_panel_rank (NeuronsLesionPanel *self,
                           gboolean            silence_first)
{
  g_return_if_fail (NEURONS_IS_LESION_PANEL (self));

  if (self->evaluator == NULL)
    return;

  self->silence_first = silence_first;

  g_cancellable_cancel (self->rank_cancellable);
  g_clear_object (&self->rank_cancellable);
  self->rank_cancellable = g_cancellable_new ();

  gtk_widget_set_sensitive (self->rank_button, FALSE);
  gtk_label_set_label (self->rank_label, _("Silencing each neuron in turn…"));
  neurons_evaluator_rank_async (self->evaluator, self->rank_cancellable, on_ranked, g_object_ref (self));
}

static void
on_restore_clicked (NeuronsLesionPanel *self)
{
  if (self->net != NULL)
    neurons_network_model_set_lesion (self->net, NULL);
}

static void
build_digit_grid (NeuronsLesionPanel *self)
{
  for (guint d = 0; d < NEURONS_OUTPUT_SIZE; d++)
    {
      self->digit_names[d] = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->digit_names[d]), 1);
      gtk_label_set_ellipsize (GTK_LABEL (self->digit_names[d]), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (self->digit_names[d]), 8);
      gtk_widget_add_css_class (self->digit_names[d], "numeric");
      gtk_grid_attach (self->digit_grid, self->digit_names[d], 0, (int) d, 1, 1);

      self->digit_bars[d] = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0, 1));
      gtk_widget_set_hexpand (GTK_WIDGET (self->digit_bars[d]), TRUE);
      gtk_widget_set_valign (GTK_WIDGET (self->digit_bars[d]), GTK_ALIGN_CENTER);
      gtk_grid_attach (self->digit_grid, GTK_WIDGET (self->digit_bars[d]), 1, (int) d, 1, 1);

      self->digit_accuracies[d] = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (self->digit_accuracies[d], 1);
      gtk_label_set_width_chars (self->digit_accuracies[d], 5);
      gtk_widget_add_css_class (GTK_WIDGET (self->digit_accuracies[d]), "numeric");
      gtk_widget_add_css_class (GTK_WIDGET (self->digit_accuracies[d]), "caption");
      gtk_grid_attach (self->digit_grid, GTK_WIDGET (self->digit_accuracies[d]), 2, (int) d, 1, 1);

      /* what the lesion took from the digit, in accuracy points */
      self->digit_losses[d] = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (self->digit_losses[d], 1);
      gtk_label_set_width_chars (self->digit_losses[d], 4);
      gtk_widget_add_css_class (GTK_WIDGET (self->digit_losses[d]), "numeric");
      gtk_widget_add_css_class (GTK_WIDGET (self->digit_losses[d]), "caption-heading");
      gtk_grid_attach (self->digit_grid, GTK_WIDGET (self->digit_losses[d]), 3, (int) d, 1, 1);
    }
}

static void
build_neuron_list (NeuronsLesionPanel *self)
{
  gtk_list_box_set_sort_func (self->neuron_list, sort_rows, self, NULL);

  for (guint h = 0; h < NEURONS_N_HIDDEN_LAYERS; h++)
    for (guint n = 0; n < neurons_layer_n_outputs (h); n++)
      {
        guint index = row_index (h, n);
        g_autofree char *title = neuron_name (h, n);
        AdwSwitchRow *row = ADW_SWITCH_ROW (adw_switch_row_new ());

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        g_object_set_data (G_OBJECT (row), "neurons-index", GUINT_TO_POINTER (index));
        g_signal_connect (row, "notify::active", G_CALLBACK (on_switch_toggled), self);
        gtk_list_box_append (self->neuron_list, GTK_WIDGET (row));
        self->rows[index] = row;
      }
}

static void
neurons_lesion_panel_dispose (GObject *object)
{
  NeuronsLesionPanel *self = (NeuronsLesionPanel *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->rank_cancellable);
  g_clear_object (&self->rank_cancellable);
  neurons_lesion_panel_set_evaluator (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_LESION_PANEL);
  /* The template's outer box has no id, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (neurons_lesion_panel_parent_class)->dispose (object);
}

static void
neurons_lesion_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  NeuronsLesionPanel *self = NEURONS_LESION_PANEL (object);

  switch (prop_id)
    {
    case PROP_EVALUATOR:
      g_value_set_object (value, self->evaluator);
      break;

    case PROP_N_SILENCED:
      g_value_set_uint (value, self->net != NULL ? neurons_lesion_count (neurons_network_model_get_lesion (self->net)) : 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_lesion_panel_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  NeuronsLesionPanel *self = NEURONS_LESION_PANEL (object);

  switch (prop_id)
    {
    case PROP_EVALUATOR:
      neurons_lesion_panel_set_evaluator (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_lesion_panel_class_init (NeuronsLesionPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_lesion_panel_dispose;
  object_class->get_property = neurons_lesion_panel_get_property;
  object_class->set_property = neurons_lesion_panel_set_property;

  /**
   * NeuronsLesionPanel:evaluator:
   *
   * What measures the network, and through it the network whose neurons are silenced; %NULL
   * until the digits are loaded.
   */
  properties[PROP_EVALUATOR] =
    g_param_spec_object ("evaluator", NULL, NULL,
                         NEURONS_TYPE_EVALUATOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsLesionPanel:n-silenced:
   *
   * How many hidden neurons are silenced now, so that the window can show it while the
   * panel is closed.
   */
  properties[PROP_N_SILENCED] =
    g_param_spec_uint ("n-silenced", NULL, NULL,
                       0, NEURONS_N_HIDDEN_NEURONS, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-lesion-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsLesionPanel, accuracy_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLesionPanel, worst_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLesionPanel, digit_grid);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLesionPanel, training_note);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLesionPanel, rank_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLesionPanel, restore_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLesionPanel, rank_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLesionPanel, neuron_list);
  gtk_widget_class_bind_template_callback (widget_class, on_rank_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
neurons_lesion_panel_init (NeuronsLesionPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_digit_grid (self);
  build_neuron_list (self);
  gtk_label_set_label (self->rank_label, _("Not ranked yet."));
  gtk_widget_set_sensitive (self->rank_button, FALSE);
  gtk_widget_set_sensitive (self->restore_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->worst_label), FALSE);
}

GtkWidget *
neurons_lesion_panel_new (void)
{
  return g_object_new (NEURONS_TYPE_LESION_PANEL, NULL);
}

NeuronsEvaluator *
neurons_lesion_panel_get_evaluator (NeuronsLesionPanel *self)
{
  g_return_val_if_fail (NEURONS_IS_LESION_PANEL (self), NULL);

  return self->evaluator;
}

void
neurons_lesion_panel_set_evaluator (NeuronsLesionPanel *self,
                                    NeuronsEvaluator   *evaluator)
{
  NeuronsNetworkModel *net = evaluator != NULL ? neurons_evaluator_get_net (evaluator) : NULL;

  g_return_if_fail (NEURONS_IS_LESION_PANEL (self));
  g_return_if_fail (evaluator == NULL || NEURONS_IS_EVALUATOR (evaluator));

  if (self->evaluator == evaluator)
    return;

  if (self->evaluator != NULL)
    g_signal_handlers_disconnect_by_data (self->evaluator, self);
  if (self->net != NULL)
    g_signal_handlers_disconnect_by_data (self->net, self);
  g_cancellable_cancel (self->rank_cancellable);
  g_set_object (&self->evaluator, evaluator);
  g_set_object (&self->net, net);
  self->has_ranking = FALSE;

  if (evaluator != NULL)
    {
      g_signal_connect_object (evaluator, "updated", G_CALLBACK (update_results), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->net, "notify::lesion", G_CALLBACK (on_lesion_changed), self,
                               G_CONNECT_SWAPPED);
      sync_switches (self);
      update_results (self);
    }

  gtk_widget_set_sensitive (self->rank_button, evaluator != NULL);
  gtk_label_set_label (self->rank_label, _("Not ranked yet."));
  for (guint i = 0; i < NEURONS_N_HIDDEN_NEURONS; i++)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[i]), "");
  gtk_list_box_invalidate_sort (self->neuron_list);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVALUATOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SILENCED]);
}
