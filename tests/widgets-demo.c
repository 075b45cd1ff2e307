/* widgets-demo.c: the network panel on its own, training, for looking at and timing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-widgets-demo"

#include "config.h"

#include <adwaita.h>
#include <time.h>

#include "neurons-network-panel.h"
#include "neurons-network-view.h"
#include "neurons-trainer.h"
#include "neurons-sgd.h"

/*
 * widgets-demo [--speed=N] [--dark] [--size=WxH] [--activation=relu|sigmoid]
 *              [--learning-rate=R] [--seconds=S]
 *
 * Trains on MNIST at N samples per second (0: as fast as it goes) and, with --seconds,
 * quits after S seconds and prints how many frames per second the window drew.
 */

static double speed = NEURONS_SPEED_MAX;
static gboolean dark;
static char *size = NULL;
static char *activation_name = NULL;
static double learning_rate;
static double seconds;

static guint n_frames;
static gint64 first_frame_time;
static double first_frame_cpu;

static const GOptionEntry entries[] = {
  { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed, "Samples per second, 0 for as fast as possible", "N" },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
  { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size", "WxH" },
  { "activation", 0, 0, G_OPTION_ARG_STRING, &activation_name, "Hidden activation", "relu|sigmoid" },
  { "learning-rate", 0, 0, G_OPTION_ARG_DOUBLE, &learning_rate, "Learning rate", "R" },
  { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "Quit after this long and print the frame rate", "S" },
  { NULL }
};

/* CPU seconds the main thread has used: what drawing costs, however busy the machine is */
static double
main_thread_cpu (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return now.tv_sec + now.tv_nsec * 1e-9;
}

static void
on_after_paint (GdkFrameClock *clock)
{
  if (n_frames++ == 0)
    {
      first_frame_time = gdk_frame_clock_get_frame_time (clock);
      first_frame_cpu = main_thread_cpu ();
    }
}

static gboolean
quit (gpointer user_data)
{
  GtkWindow *window = user_data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  double elapsed = (gdk_frame_clock_get_frame_time (clock) - first_frame_time) / (double) G_USEC_PER_SEC;

  g_print ("%u frames in %.2f s: %.1f frames per second, %.1f ms of main-thread CPU per frame\n",
           n_frames - 1, elapsed, (n_frames - 1) / elapsed,
           (main_thread_cpu () - first_frame_cpu) * 1000 / (n_frames - 1));
  gtk_window_destroy (window);

  return G_SOURCE_REMOVE;
}

static void
on_map (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  if (seconds > 0)
    g_timeout_add ((guint) (seconds * 1000), quit, window);
}

static void
activate (GtkApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autofree char *directory = neurons_dataset_find_default_directory ();
  g_autoptr(NeuronsNetworkModel) net = NULL;
  NeuronsActivation activation = NEURONS_ACTIVATION_RELU;
  NeuronsTrainer *trainer;
  GtkWidget *window, *panel;
  int width = 1440, height = 900;

  if (!neurons_dataset_load_directory (directory, &train, &test, &error))
    g_error ("%s", error->message);

  if (activation_name != NULL && !neurons_activation_from_string (activation_name, &activation))
    g_error ("Unknown activation “%s”", activation_name);
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    g_error ("The size should look like 1024x640, not “%s”", size);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  net = neurons_network_model_new (activation, neurons_suggested_init (activation), NEURONS_DEFAULT_SEED);
  if (learning_rate > 0 && !neurons_network_model_set_learning_rate (net, learning_rate, &error))
    g_error ("%s", error->message);

  trainer = neurons_trainer_new (net, train);
  neurons_trainer_set_speed (trainer, speed);

  window = adw_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_object_set_data_full (G_OBJECT (window), "trainer", trainer, g_object_unref);

  panel = neurons_network_panel_new ();
  neurons_network_panel_set_net (NEURONS_NETWORK_PANEL (panel), net);
  gtk_widget_set_margin_top (panel, 12);
  gtk_widget_set_margin_bottom (panel, 12);
  gtk_widget_set_margin_start (panel, 12);
  gtk_widget_set_margin_end (panel, 12);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), panel);

  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
  neurons_trainer_play (trainer);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.neurons.Neurons.WidgetsDemo",
                                                       G_APPLICATION_NON_UNIQUE);

  g_application_add_main_option_entries (G_APPLICATION (app), entries);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
