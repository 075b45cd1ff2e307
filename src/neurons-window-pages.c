/* neurons-window-pages.c: the window's pages, Network, Learning and Test, and moving between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window-pages"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-window-private.h"

/*
 * The network panel, the Learning page and the Test page share the view stack; the controls
 * beside it stay on show whichever page is up. A test image picked on the Test page is put
 * through the network on the Network page, with training paused, so people can see why it
 * was read the way it was.
 */

/* Only the page on show is there for screen readers: the others are not on screen, and their
 * hundreds of figures and images would only be in the way. */
static void
update_hidden_pages (NeuronsWindow *self)
{
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    gtk_accessible_update_state (GTK_ACCESSIBLE (page),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, page != visible,
                                 -1);
}

static void
neurons_window_pages_show_page (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  NeuronsWindow *self = NEURONS_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
on_test_sample_activated (NeuronsWindow   *self,
                          guint            test_index,
                          NeuronsTestPage *page)
{
  NeuronsNetworkModel *net = _neurons_window_get_net (self);
  gboolean was_running = neurons_experiment_get_playing (self->experiment);
  g_autofree char *number = g_strdup_printf ("%'u", test_index);
  g_autofree char *message = NULL;
  guint label;
  guint prediction;
  AdwToast *toast;

  neurons_experiment_show_test_image (self->experiment, test_index);
  label = neurons_network_model_get_input_label (net);
  /* The focus leaves the image first: the page switch would hand it to the network view, which
   * would select a neuron and show only the pixels that excite it. From Play, Space resumes. */
  gtk_widget_grab_focus (GTK_WIDGET (self->play_button));
  adw_view_stack_set_visible_child_name (self->view_stack, "network");

  prediction = neurons_network_model_get_forward (net)->prediction;
  if (prediction == label)
    /* Translators: after picking a test image: "Test image 1,234: 7, read right." The
     * second %s is the class's name: a digit, or a garment with Fashion-MNIST. */
    message = g_strdup_printf (_("Test image %s: %s, read right."), number,
                               neurons_network_model_get_class_name (net, label));
  else
    /* Translators: after picking a test image: "Test image 1,234: 7, read as 1." The second
     * and third %s are class names: digits, or garments with Fashion-MNIST. */
    message = g_strdup_printf (_("Test image %s: %s, read as %s."), number,
                               neurons_network_model_get_class_name (net, label),
                               neurons_network_model_get_class_name (net, prediction));

  toast = adw_toast_new (message);
  /* Only what was running is offered back; Space resumes as ever. */
  if (was_running)
    {
      adw_toast_set_button_label (toast, _("_Resume Training"));
      adw_toast_set_action_name (toast, "win.play-pause");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A lesion panel in a dialog, which libadwaita shows as a bottom sheet on a phone. */
static NeuronsLesionPanel *
present_lesion_dialog (NeuronsWindow *self)
{
  AdwDialog *dialog = adw_dialog_new ();
  GtkWidget *toolbar = adw_toolbar_view_new ();
  GtkWidget *panel = neurons_lesion_panel_new ();

  adw_dialog_set_title (dialog, _("Silence Neurons"));
  adw_dialog_set_content_width (dialog, 360);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (toolbar), adw_header_bar_new ());
  gtk_widget_set_margin_start (panel, 12);
  gtk_widget_set_margin_end (panel, 12);
  gtk_widget_set_margin_bottom (panel, 12);
  g_object_bind_property (self->experiment, "evaluator", panel, "evaluator", G_BINDING_SYNC_CREATE);
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (toolbar), panel);
  adw_dialog_set_child (dialog, toolbar);
  adw_dialog_present (dialog, GTK_WIDGET (self));

  return NEURONS_LESION_PANEL (panel);
}

/* On a phone the header has no room for the lesion button: the main menu opens the same
 * panel as a dialog. */
static void
neurons_window_pages_show_lesions (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  present_lesion_dialog (NEURONS_WINDOW (widget));
}

/* Shows the lesion panel where the window has room for it, and returns it. */
NeuronsLesionPanel *
_neurons_window_show_lesion_panel (NeuronsWindow *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->lesion_button)))
    return present_lesion_dialog (self);

  gtk_menu_button_popup (self->lesion_button);
  return self->lesion_panel;
}

/* While neurons are silenced the lesion button stands out and says how many, so that a
 * lower accuracy is never a mystery with the panel closed. */
static void
update_lesion_button (NeuronsWindow *self)
{
  guint n_silenced = 0;
  g_autofree char *tooltip = NULL;

  g_object_get (self->lesion_panel, "n-silenced", &n_silenced, NULL);
  if (n_silenced > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->lesion_button), "accent");
      tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Silence Neurons: %u neuron is silenced",
                                              "Silence Neurons: %u neurons are silenced", n_silenced),
                                 n_silenced);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->lesion_button), "accent");
      tooltip = g_strdup (_("Silence Neurons"));
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lesion_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lesion_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  tooltip, -1);
}

void
_neurons_window_class_pages_init (NeuronsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *pages[] = { "network", "learning", "test" };

  g_type_ensure (NEURONS_TYPE_LEARNING_PAGE);
  g_type_ensure (NEURONS_TYPE_TEST_PAGE);
  g_type_ensure (NEURONS_TYPE_LESION_PANEL);

  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, learning_page);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, test_page);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, lesion_panel);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, lesion_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsWindow, controls_split);
  gtk_widget_class_bind_template_callback (widget_class, on_test_sample_activated);

  /* Alt+1, Alt+2 and Alt+3, as browsers switch tabs */
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", neurons_window_pages_show_page);
  gtk_widget_class_install_action (widget_class, "win.show-lesions", NULL, neurons_window_pages_show_lesions);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", pages[i]);
}

void
_neurons_window_pages_init (NeuronsWindow *self)
{
  /* The pages show the experiment's network and its evaluator's figures, which come with
   * the first data. */
  g_object_bind_property (self->experiment, "net", self->learning_page, "net", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->experiment, "evaluator", self->learning_page, "evaluator", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->experiment, "evaluator", self->test_page, "evaluator", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->experiment, "evaluator", self->lesion_panel, "evaluator", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->lesion_panel, "notify::n-silenced", G_CALLBACK (update_lesion_button),
                           self, G_CONNECT_SWAPPED);
  update_lesion_button (self);

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (update_hidden_pages), self, G_CONNECT_SWAPPED);
  update_hidden_pages (self);
}
