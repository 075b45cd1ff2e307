/* draw-demo.c: the drawing canvas and what a trained network makes of it, to try by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "neurons-draw-canvas.h"
#include "neurons-seen-preview.h"
#include "neurons-test-digits.h"

/*
 * Trains the default network for one epoch (well under a second), then shows the canvas,
 * the preview of what the network sees and its ten outputs. Built, never installed.
 */

typedef struct
{
  NeuronsNetworkModel  *net;
  NeuronsDrawCanvas *canvas;
  GtkLabel          *prediction;
  GtkLevelBar       *outputs[NEURONS_OUTPUT_SIZE];
} Demo;

static void
demo_free (Demo *demo)
{
  g_signal_handlers_disconnect_by_data (demo->net, demo);
  g_clear_object (&demo->net);
  g_free (demo);
}

static void
update_outputs (Demo *demo)
{
  const NeuronsForward *forward = neurons_network_model_get_forward (demo->net);
  gboolean empty = neurons_draw_canvas_get_empty (demo->canvas);
  g_autofree char *prediction = NULL;

  for (guint digit = 0; digit < NEURONS_OUTPUT_SIZE; digit++)
    gtk_level_bar_set_value (demo->outputs[digit], empty ? 0 : forward->a3[digit]);

  prediction = empty ? g_strdup ("–") : g_strdup_printf ("%u", forward->prediction);
  gtk_label_set_label (demo->prediction, prediction);
}

/* The canvas hands on what it reads; the demo shows it to the network, as the window does. */
static void
on_input_changed (NeuronsDrawCanvas *canvas,
                  GBytes            *pixels,
                  Demo              *demo)
{
  neurons_network_model_show_input (demo->net, g_bytes_get_data (pixels, NULL), -1, -1);
}

static void
on_error (NeuronsDrawCanvas *canvas,
          const char        *message,
          AdwToastOverlay   *toasts)
{
  adw_toast_overlay_add_toast (toasts, adw_toast_new (message));
}

static GtkWidget *
new_outputs (Demo *demo)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  for (guint digit = 0; digit < NEURONS_OUTPUT_SIZE; digit++)
    {
      g_autofree char *text = g_strdup_printf ("%u", digit);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *bar = gtk_level_bar_new ();

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (grid), label, 0, digit, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), bar, 1, digit, 1, 1);
      demo->outputs[digit] = GTK_LEVEL_BAR (bar);
    }

  return grid;
}

static void
on_activate (GtkApplication *app)
{
  Demo *demo = g_new0 (Demo, 1);
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *toasts = adw_toast_overlay_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *undo = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  GtkWidget *clear = gtk_button_new_with_label ("Clear");
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *frame = gtk_aspect_frame_new (0.5, 0.5, 1, FALSE);
  GtkWidget *canvas = neurons_draw_canvas_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new ("What the network sees");
  GtkWidget *preview = neurons_seen_preview_new ();
  GtkWidget *prediction = gtk_label_new ("–");

  demo->net = neurons_test_trained_net_new ();
  demo->canvas = NEURONS_DRAW_CANVAS (canvas);
  demo->prediction = GTK_LABEL (prediction);

  gtk_widget_set_tooltip_text (undo, "Undo the last stroke (Ctrl+Z)");
  gtk_widget_set_tooltip_text (clear, "Clear the canvas (C)");
  g_signal_connect_swapped (undo, "clicked", G_CALLBACK (neurons_draw_canvas_undo), canvas);
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (neurons_draw_canvas_clear), canvas);
  g_object_bind_property (canvas, "empty", undo, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (canvas, "empty", clear, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), undo);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), clear);

  neurons_draw_canvas_set_net (demo->canvas, demo->net);
  neurons_seen_preview_set_net (NEURONS_SEEN_PREVIEW (preview), demo->net);
  g_signal_connect (canvas, "error", G_CALLBACK (on_error), toasts);
  g_signal_connect (canvas, "input-changed", G_CALLBACK (on_input_changed), demo);

  gtk_widget_set_hexpand (frame, TRUE);
  gtk_widget_set_vexpand (frame, TRUE);
  gtk_aspect_frame_set_child (GTK_ASPECT_FRAME (frame), canvas);

  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (prediction, "title-1");
  gtk_widget_set_halign (preview, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (side, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (side, 220, -1);
  gtk_box_append (GTK_BOX (side), heading);
  gtk_box_append (GTK_BOX (side), preview);
  gtk_box_append (GTK_BOX (side), prediction);
  gtk_box_append (GTK_BOX (side), new_outputs (demo));

  gtk_widget_set_margin_start (content, 24);
  gtk_widget_set_margin_end (content, 24);
  gtk_widget_set_margin_top (content, 24);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_box_append (GTK_BOX (content), frame);
  gtk_box_append (GTK_BOX (content), side);

  gtk_box_append (GTK_BOX (page), header);
  gtk_box_append (GTK_BOX (page), content);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (toasts), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), toasts);

  g_signal_connect_swapped (demo->net, "changed", G_CALLBACK (update_outputs), demo);
  g_object_set_data_full (G_OBJECT (window), "demo", demo, (GDestroyNotify) demo_free);

  gtk_window_set_title (GTK_WINDOW (window), "Draw a Digit");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (canvas);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.neurons.Neurons.DrawDemo",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
