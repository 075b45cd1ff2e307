/* bench-window.c: the application's window training at full speed, its frames and samples per second
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-window [--inspector | --race] [SECONDS [--no-checkpoints]]   (default 10; run it
 *        under an X server, see bench-window.sh)
 *
 * Starts the application as `neurons` does, waits for its window's experiment to have its
 * data, plays it at full speed, counts the frames the window paints (its frame clock's
 * "after-paint") for SECONDS, and prints "frames/s: X  samples/s: Y  main thread: Z ms/frame";
 * then quits. Z, the main thread's CPU time per frame, does not depend on what else the
 * machine runs: under 20 ms leaves room for 50 frames/s on a free core. With
 * --inspector, the neuron inspector is open over the window all the while, as a person
 * watching one neuron's numbers change would have it. With --no-checkpoints the trainer
 * keeps none, to measure what keeping them costs.
 *
 * With --race, the window's own network stays paused and the race dialog runs "Sigmoid vs
 * ReLU" instead, long enough not to finish; samples/s then gives each racer's, "A B",
 * measurements on the test set included.
 */

#define G_LOG_DOMAIN "bench-window"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <time.h>

#include "neurons-application.h"
#include "neurons-race-dialog.h"
#include "neurons-window.h"

/* Longer than any bench: the race must not finish while it is measured. */
#define RACE_SAMPLES 100000000

typedef struct
{
  NeuronsWindow *window;
  guint          seconds;
  gboolean       inspector;
  gboolean       no_checkpoints;
  gboolean       race;
  AdwDialog     *race_dialog;   /* with --race: made with the window, shown when the data is in */
  guint64        start_racer_samples[NEURONS_RACE_N_SIDES];
  gint64         start_time;
  double         start_cpu;
  guint64        start_samples;
  guint          frames;
  gulong         paint_handler;
} Bench;

static NeuronsNetworkModel *
get_net (Bench *bench)
{
  return neurons_experiment_get_net (neurons_window_get_experiment (bench->window));
}

static void
on_after_paint (GdkFrameClock *frame_clock,
                Bench         *bench)
{
  bench->frames++;
}

/* The CPU time the calling thread has used, in seconds. */
static double
thread_cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

static gboolean
finish (gpointer user_data)
{
  Bench *bench = user_data;
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));
  double seconds = (g_get_monotonic_time () - bench->start_time) / (double) G_USEC_PER_SEC;
  guint64 samples = neurons_network_model_get_samples_seen (get_net (bench)) - bench->start_samples;
  double cpu = thread_cpu_seconds () - bench->start_cpu;

  g_clear_signal_handler (&bench->paint_handler, frame_clock);
  if (bench->race_dialog != NULL)
    {
      NeuronsRace *race = neurons_race_dialog_get_race (NEURONS_RACE_DIALOG (bench->race_dialog));
      double rates[NEURONS_RACE_N_SIDES];

      for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
        rates[side] = (neurons_network_model_get_samples_seen (neurons_race_get_net (race, side))
                       - bench->start_racer_samples[side]) / seconds;
      g_print ("frames/s: %.1f  samples/s: %.0f %.0f  main thread: %.1f ms/frame\n", bench->frames / seconds,
               rates[0], rates[1], 1000 * cpu / MAX (bench->frames, 1));
      adw_dialog_force_close (bench->race_dialog);
    }
  else
    g_print ("frames/s: %.1f  samples/s: %.0f  main thread: %.1f ms/frame\n", bench->frames / seconds,
             samples / seconds, 1000 * cpu / MAX (bench->frames, 1));
  neurons_experiment_pause (neurons_window_get_experiment (bench->window));
  gtk_window_destroy (GTK_WINDOW (bench->window));

  return G_SOURCE_REMOVE;
}

static void
start (Bench *bench)
{
  NeuronsExperiment *experiment = neurons_window_get_experiment (bench->window);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));

  g_assert (frame_clock != NULL);

  if (bench->inspector && !gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.inspect-neuron", NULL))
    g_error ("The window has no inspector to open");

  if (bench->race_dialog != NULL)
    {
      NeuronsRace *race;

      adw_dialog_present (bench->race_dialog, GTK_WIDGET (bench->window));
      neurons_race_dialog_start (NEURONS_RACE_DIALOG (bench->race_dialog), NEURONS_RACE_PRESET_SIGMOID_RELU,
                                 RACE_SAMPLES);
      race = neurons_race_dialog_get_race (NEURONS_RACE_DIALOG (bench->race_dialog));
      for (guint side = 0; side < NEURONS_RACE_N_SIDES; side++)
        bench->start_racer_samples[side] = neurons_network_model_get_samples_seen (neurons_race_get_net (race, side));
    }
  else
    {
      neurons_experiment_set_speed (experiment, NEURONS_SPEED_MAX);
      if (bench->no_checkpoints)
        neurons_trainer_set_checkpoints (neurons_experiment_get_trainer (experiment), NULL);
      neurons_experiment_play (experiment);
    }

  bench->start_time = g_get_monotonic_time ();
  bench->start_cpu = thread_cpu_seconds ();
  bench->start_samples = neurons_network_model_get_samples_seen (get_net (bench));
  bench->frames = 0;
  bench->paint_handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint), bench);
  g_timeout_add (bench->seconds * 1000, finish, bench);
}

static void
on_state (NeuronsExperiment *experiment,
          GParamSpec        *pspec,
          Bench             *bench)
{
  switch (neurons_experiment_get_state (experiment))
    {
    case NEURONS_EXPERIMENT_READY:
      g_signal_handlers_disconnect_by_func (experiment, on_state, bench);
      start (bench);
      break;

    case NEURONS_EXPERIMENT_FAILED:
      g_printerr ("The data could not be loaded: %s\n", neurons_experiment_get_error (experiment)->message);
      gtk_window_destroy (GTK_WINDOW (bench->window));
      break;

    case NEURONS_EXPERIMENT_LOADING:
    default:
      break;
    }
}

/* After the application's own "activate", which made and presented the window */
static void
on_activate (GApplication *application,
             Bench        *bench)
{
  NeuronsExperiment *experiment;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (NEURONS_IS_WINDOW (l->data))
      bench->window = l->data;
  g_assert (bench->window != NULL);

  experiment = neurons_window_get_experiment (bench->window);
  if (bench->race)
    bench->race_dialog = g_object_ref_sink (neurons_race_dialog_new (experiment));
  g_signal_connect (experiment, "notify::state", G_CALLBACK (on_state), bench);
  on_state (experiment, NULL, bench);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(NeuronsApplication) app = NULL;
  Bench bench = { 0 };
  char *program[] = { argv[0], NULL };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  bench.inspector = argc > 1 && g_str_equal (argv[1], "--inspector");
  bench.race = argc > 1 && g_str_equal (argv[1], "--race");
  if (bench.inspector || bench.race)
    {
      argc--;
      argv++;
    }
  bench.seconds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10;
  bench.no_checkpoints = argc > 2 && g_str_equal (argv[2], "--no-checkpoints");
  if (bench.seconds == 0 || (argc > 2 && !bench.no_checkpoints))
    {
      g_printerr ("Usage: %s [--inspector | --race] [SECONDS [--no-checkpoints]]\n", program[0]);
      return 1;
    }

  app = neurons_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &bench);

  status = g_application_run (G_APPLICATION (app), 1, program);
  g_clear_object (&bench.race_dialog);
  return status;
}
