/* neurons-window.c: the main window, where the network trains in view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-display-names.h"
#include "neurons-neuron-activity.h"
#include "neurons-window-private.h"

/*
 * The window holds one NeuronsExperiment: the network, and once the data is in, the trainer
 * that trains it on a worker thread and the evaluator that measures it. The pages and panes
 * and the controls sidebar bind to the experiment; the window keeps its header (the play and
 * speed buttons, the title), its banners and its toasts in step with it, and turns its actions
 * into the experiment's methods.
 */

G_DEFINE_FINAL_TYPE (NeuronsWindow, neurons_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_HIDDEN_ACTIVATION,
  PROP_INITIALIZATION,
  PROP_SPEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (NeuronsWindow *self)
{
  NeuronsNetworkModel *net = _neurons_window_get_net (self);
  g_autofree char *subtitle = NULL;

  /* Translators: the experiment in the window's subtitle: "ReLU · He initialisation" */
  subtitle = g_strdup_printf (_("%s · %s initialisation"),
                              neurons_activation_display_name (neurons_network_model_get_hidden_activation (net)),
                              neurons_init_display_name (neurons_network_model_get_initialization (net)));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_play_button (NeuronsWindow *self)
{
  gboolean running = neurons_experiment_get_playing (self->experiment);

  gtk_button_set_icon_name (self->play_button, running ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               running ? _("Pause Training (Space)") : _("Start Training (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Pause training") : _("Start training"),
                                  -1);
}

static void
update_speed_button (NeuronsWindow *self)
{
  double speed = neurons_experiment_get_speed (self->experiment);
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (speed > NEURONS_SPEED_MAX)
    label = g_strdup_printf (_("%'.0f/s"), speed);
  else
    label = g_strdup (_("Max"));
  gtk_menu_button_set_label (self->speed_button, label);

  /* Translators: the speed button as a screen reader announces it */
  description = g_strdup_printf (_("Training speed: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speed_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

/* Dead as the views show it: a ReLU silent for NEURONS_DEAD_AFTER_SAMPLES samples in a row.
 * Counting looks at 16 counters, cheap enough for every change. */
static void
on_net_changed (NeuronsWindow       *self,
                NeuronsNetworkModel *net)
{
  adw_banner_set_revealed (self->dead_banner,
                           neurons_neuron_count_dead (neurons_network_model_get_mlp (net)) == NEURONS_HIDDEN1_SIZE);
}

static void
on_net_reset (NeuronsWindow    *self,
              NeuronsNetworkModel *net)
{
  adw_banner_set_revealed (self->diverged_banner, FALSE);
  adw_banner_set_revealed (self->dead_banner, FALSE);
}

static void
on_net_diverged (NeuronsWindow    *self,
                 NeuronsNetworkModel *net)
{
  g_autofree char *message = NULL;

  /* The trainer has stopped by itself, and rolled back to the last good weights. */
  message = g_strdup_printf (_("Training stopped: a weight became too large to compute. A learning rate of %g is too high for %s. Lower it, then reset to start again from fresh weights."),
                             neurons_network_model_get_learning_rate (net),
                             neurons_activation_display_name (neurons_network_model_get_hidden_activation (net)));
  adw_banner_set_title (self->diverged_banner, message);
  adw_banner_set_revealed (self->diverged_banner, TRUE);
}

static void
on_net_hidden_activation (NeuronsWindow    *self,
                          GParamSpec       *pspec,
                          NeuronsNetworkModel *net)
{
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_ACTIVATION]);
}

static void
on_net_initialization (NeuronsWindow    *self,
                       GParamSpec       *pspec,
                       NeuronsNetworkModel *net)
{
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIALIZATION]);
}

static void
on_playing (NeuronsWindow     *self,
            GParamSpec        *pspec,
            NeuronsExperiment *experiment)
{
  update_play_button (self);
}

static void
on_speed (NeuronsWindow     *self,
          GParamSpec        *pspec,
          NeuronsExperiment *experiment)
{
  update_speed_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

/* A learning rate the network refused */
static void
on_controls_sidebar_error (NeuronsWindow          *self,
                           const char             *message,
                           NeuronsControlsSidebar *sidebar)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
set_hidden_activation (NeuronsWindow     *self,
                       NeuronsActivation  activation)
{
  NeuronsNetworkModel *net = _neurons_window_get_net (self);
  NeuronsInit initialization = neurons_suggested_init (activation);
  /* Always the rate that suits the activation, whatever was tried before (a lesson's ReLU at
   * 0.30, say): a switch is how people get back to a network that learns. */
  double learning_rate = neurons_default_learning_rate (activation);
  g_autofree char *message = NULL;

  if (activation == neurons_network_model_get_hidden_activation (net))
    return;

  /* Each activation learns at its own pace and from its own spread of starting weights. The
   * rate is set once the activation is, so that the settings keep it for that activation. */
  neurons_experiment_reset (self->experiment, activation, initialization, neurons_network_model_get_seed (net));
  neurons_experiment_set_learning_rate (self->experiment, learning_rate, NULL);

  /* Translators: "Switched to ReLU: learning rate 0.05, fresh weights with He initialisation" */
  message = g_strdup_printf (_("Switched to %s: learning rate %.2f, fresh weights with %s initialisation"),
                             neurons_activation_display_name (activation), learning_rate,
                             neurons_init_display_name (initialization));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
set_initialization (NeuronsWindow *self,
                    NeuronsInit    initialization)
{
  NeuronsNetworkModel *net = _neurons_window_get_net (self);
  g_autofree char *message = NULL;

  if (initialization == neurons_network_model_get_initialization (net))
    return;

  neurons_experiment_reset (self->experiment, neurons_network_model_get_hidden_activation (net),
                            initialization, neurons_network_model_get_seed (net));

  message = g_strdup_printf (_("Fresh weights with %s initialisation"), neurons_init_display_name (initialization));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
neurons_window_dispose (GObject *object)
{
  NeuronsWindow *self = (NeuronsWindow *) object;

  g_cancellable_cancel (self->cancellable);
  /* A load may still hold the experiment for a moment: it trains no more meanwhile. */
  if (self->experiment != NULL)
    neurons_experiment_pause (self->experiment);
  g_clear_object (&self->experiment);

  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_WINDOW);

  G_OBJECT_CLASS (neurons_window_parent_class)->dispose (object);
}

static void
neurons_window_finalize (GObject *object)
{
  NeuronsWindow *self = (NeuronsWindow *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (neurons_window_parent_class)->finalize (object);
}

static void
neurons_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NeuronsWindow *self = NEURONS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HIDDEN_ACTIVATION:
      g_value_set_enum (value, neurons_network_model_get_hidden_activation (_neurons_window_get_net (self)));
      break;

    case PROP_INITIALIZATION:
      g_value_set_enum (value, neurons_network_model_get_initialization (_neurons_window_get_net (self)));
      break;

    case PROP_SPEED:
      g_value_set_double (value, neurons_experiment_get_speed (self->experiment));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NeuronsWindow *self = NEURONS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HIDDEN_ACTIVATION:
      set_hidden_activation (self, g_value_get_enum (value));
      break;

    case PROP_INITIALIZATION:
      set_initialization (self, g_value_get_enum (value));
      break;

    case PROP_SPEED:
      neurons_experiment_set_speed (self->experiment, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_window_class_init (NeuronsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_window_dispose;
  object_class->finalize = neurons_window_finalize;
  object_class->get_property = neurons_window_get_property;
  object_class->set_property = neurons_window_set_property;

  /**
   * NeuronsWindow:hidden-activation:
   *
   * The network's hidden activation. Setting it starts a fresh network with the
   * initialisation and the learning rate that suit the new activation.
   */
  properties[PROP_HIDDEN_ACTIVATION] =
    g_param_spec_enum ("hidden-activation", NULL, NULL,
                       NEURONS_TYPE_ACTIVATION, NEURONS_ACTIVATION_SIGMOID,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsWindow:initialization:
   *
   * How the network's starting weights are drawn. Setting it starts a fresh network.
   */
  properties[PROP_INITIALIZATION] =
    g_param_spec_enum ("initialization", NULL, NULL,
                       NEURONS_TYPE_INIT, NEURONS_INIT_XAVIER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsWindow:speed:
   *
   * Training speed in samples per second, or %NEURONS_SPEED_MAX for as fast as it goes.
   */
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL,
                         0, 1e9, NEURONS_SPEED_MAX,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NEURONS_TYPE_CONTROLS_SIDEBAR);
  g_type_ensure (NEURONS_TYPE_NETWORK_PANEL);
  g_type_ensure (NEURONS_TYPE_TIMELINE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, speed_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, narrow_breakpoint);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, phone_breakpoint);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, training_menu);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, diverged_banner);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, dead_banner);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, data_stack);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, network_panel);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, controls_sidebar);
  gtk_widget_class_bind_template_callback (widget_class, on_controls_sidebar_error);

  _neurons_window_class_actions_init (klass);
  _neurons_window_class_files_init (klass);
  _neurons_window_class_dataset_init (klass);
  _neurons_window_class_pages_init (klass);
  _neurons_window_class_draw_init (klass);
  _neurons_window_class_lessons_init (klass);
}

/* On a phone the speed, Train on One Sample and Start Again buttons make way for the others:
 * what they do joins the main menu. */
static void
init_narrow_menu (NeuronsWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_auto(GValue) value = G_VALUE_INIT;

  g_menu_append_section (menu, NULL, self->training_menu);
  g_menu_append_section (menu, NULL, gtk_menu_button_get_menu_model (self->speed_button));
  g_menu_append_section (menu, NULL, gtk_menu_button_get_menu_model (self->primary_menu_button));
  g_value_init (&value, G_TYPE_MENU_MODEL);
  g_value_set_object (&value, menu);
  adw_breakpoint_add_setter (self->narrow_breakpoint, G_OBJECT (self->primary_menu_button),
                             "menu-model", &value);
  adw_breakpoint_add_setter (self->phone_breakpoint, G_OBJECT (self->primary_menu_button),
                             "menu-model", &value);
}

/* The window follows the network and the experiment: banners, title, buttons. */
static void
connect_experiment (NeuronsWindow *self)
{
  NeuronsNetworkModel *net = _neurons_window_get_net (self);

  g_signal_connect_object (net, "changed", G_CALLBACK (on_net_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (net, "reset", G_CALLBACK (on_net_reset), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (net, "diverged", G_CALLBACK (on_net_diverged), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (net, "notify::hidden-activation",
                           G_CALLBACK (on_net_hidden_activation), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (net, "notify::initialization",
                           G_CALLBACK (on_net_initialization), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->experiment, "notify::playing",
                           G_CALLBACK (on_playing), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->experiment, "notify::speed",
                           G_CALLBACK (on_speed), self, G_CONNECT_SWAPPED);

  /* The controls sidebar shows the experiment's progress and sets up its network. */
  neurons_controls_sidebar_set_experiment (self->controls_sidebar, self->experiment);

  /* The network panel, and the pages and panes (see _neurons_window_pages_init()), show the
   * experiment's network; the activation curves and the lessons mark the neuron pointed at
   * in the network view. */
  g_object_bind_property (self->experiment, "net", self->network_panel, "net", G_BINDING_SYNC_CREATE);
  neurons_timeline_set_experiment (self->timeline, self->experiment);
  neurons_learning_page_set_highlight (self->learning_page, neurons_network_panel_get_highlight (self->network_panel));
  neurons_lessons_pane_set_highlight (self->lessons_pane, neurons_network_panel_get_highlight (self->network_panel));
}

static void
neurons_window_init (NeuronsWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->experiment = neurons_experiment_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  init_narrow_menu (self);
  connect_experiment (self);
  _neurons_window_pages_init (self);
  _neurons_window_draw_init (self);

  update_title (self);
  update_play_button (self);
  update_speed_button (self);

  _neurons_window_settings_init (self);
  _neurons_window_files_init (self);
  _neurons_window_lessons_init (self);
  _neurons_window_actions_init (self);
  _neurons_window_dataset_init (self);
}

/**
 * neurons_window_new:
 * @application: the application (a GtkApplication, so that the window needs nothing of
 *   NeuronsApplication, which makes the windows)
 * @data_directory: (nullable): a folder of IDX files to learn from (--data), or %NULL for
 *   the dataset chosen last
 *
 * Returns: a new window, which starts loading its data
 */
NeuronsWindow *
neurons_window_new (GtkApplication *application,
                    const char     *data_directory)
{
  NeuronsWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (NEURONS_TYPE_WINDOW, "application", application, NULL);
  _neurons_window_load_first (self, data_directory);

  return self;
}

/**
 * neurons_window_get_experiment:
 *
 * Returns: (transfer none): what the window shows and drives
 */
NeuronsExperiment *
neurons_window_get_experiment (NeuronsWindow *self)
{
  g_return_val_if_fail (NEURONS_IS_WINDOW (self), NULL);

  return self->experiment;
}
