/* test-race.c: two networks on the same digits: the same stream, the same start, a fair finish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "neurons-evaluation.h"
#include "neurons-race.h"
#include "neurons-sgd.h"

static NeuronsDataset *train_set;
static NeuronsDataset *test_set;

static void
on_state (NeuronsRace *race,
          GParamSpec  *pspec,
          GMainLoop   *loop)
{
  if (neurons_race_get_state (race) == NEURONS_RACE_FINISHED)
    g_main_loop_quit (loop);
}

/* Runs a race to its finish on the main loop, as the window and the CLI do, measured on
 * measured_images test images (0 for all). */
static NeuronsRace *
run_measured_race (const NeuronsRacerSettings *a,
                   const NeuronsRacerSettings *b,
                   guint64                     max_samples,
                   double                      target_accuracy,
                   guint64                     interval,
                   guint                       measured_images)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  NeuronsRace *race = neurons_race_new (train_set, test_set, a, b, NEURONS_DEFAULT_SEED);

  neurons_race_set_finish (race, max_samples, target_accuracy, interval);
  neurons_race_set_measured_images (race, measured_images);
  g_signal_connect (race, "notify::state", G_CALLBACK (on_state), loop);
  neurons_race_start (race);
  g_assert_cmpint (neurons_race_get_state (race), ==, NEURONS_RACE_RUNNING);
  g_main_loop_run (loop);
  g_signal_handlers_disconnect_by_func (race, on_state, loop);

  g_assert_cmpint (neurons_race_get_state (race), ==, NEURONS_RACE_FINISHED);
  g_assert_nonnull (neurons_race_get_result (race));
  return race;
}

static NeuronsRace *
run_race (const NeuronsRacerSettings *a,
          const NeuronsRacerSettings *b,
          guint64                     max_samples,
          double                      target_accuracy,
          guint64                     interval)
{
  return run_measured_race (a, b, max_samples, target_accuracy, interval, 0);
}

/* The share of every stride-th test image the network gets right. */
static double
accuracy_every (const NeuronsMlp *mlp,
                guint             stride)
{
  guint correct = 0, measured = 0;

  for (guint s = 0; s < test_set->n_images; s += stride, measured++)
    correct += neurons_mlp_predict (mlp, neurons_dataset_image (test_set, s)) == test_set->labels[s];
  return (double) correct / measured;
}

static void
sigmoid_relu (NeuronsRacerSettings *a,
              NeuronsRacerSettings *b)
{
  neurons_race_preset_get_settings (NEURONS_RACE_PRESET_SIGMOID_RELU, a, b);
  g_assert_cmpint (a->hidden_activation, ==, NEURONS_ACTIVATION_SIGMOID);
  g_assert_cmpint (b->hidden_activation, ==, NEURONS_ACTIVATION_RELU);
}

/* Two networks with the same settings see the same samples from the same weights: every
 * checkpoint is the same for both, and the race is a tie. */
static void
test_race_identical_sides (void)
{
  NeuronsRacerSettings a;
  g_autoptr(NeuronsRace) race = NULL;

  neurons_racer_settings_init (&a, NEURONS_ACTIVATION_RELU);
  race = run_race (&a, &a, 3000, 0, 1000);

  g_assert_cmpuint (neurons_race_get_n_checkpoints (race), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const NeuronsRaceCheckpoint *checkpoint = neurons_race_get_checkpoint (race, i);

      g_assert_cmpuint (checkpoint->samples_seen, ==, 1000 * (i + 1));
      g_assert_cmpfloat (checkpoint->accuracy[0], ==, checkpoint->accuracy[1]);
      g_assert_cmpfloat (checkpoint->cost[0], ==, checkpoint->cost[1]);
      g_assert_cmpfloat (checkpoint->accuracy[0], >, 0.1);
    }
  g_assert_cmpint (neurons_race_get_winner (race), ==, -1);
  g_assert_nonnull (strstr (neurons_race_get_result (race), "tie"));
  g_assert_cmpuint (neurons_network_model_get_samples_seen (neurons_race_get_net (race, NEURONS_RACE_SIDE_B)), ==, 3000);
}

/* Each side trains exactly as the one SGD loop trains that network alone: the threads and
 * the checkpoints change nothing. */
static void
test_race_matches_solo_training (void)
{
  NeuronsRacerSettings a, b;
  g_autoptr(NeuronsRace) race = NULL;
  const NeuronsRacerSettings *settings[2] = { &a, &b };

  sigmoid_relu (&a, &b);
  race = run_race (&a, &b, 2500, 0, 1000);
  g_assert_cmpuint (neurons_race_get_n_checkpoints (race), ==, 3);
  g_assert_cmpuint (neurons_race_get_checkpoint (race, 2)->samples_seen, ==, 2500);

  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
      g_autoptr(NeuronsSgd) sgd = neurons_sgd_new (train_set, NEURONS_DEFAULT_SEED, NEURONS_SAMPLE_ORDER_SHUFFLED);
      guint64 done = 0;

      neurons_mlp_init (mlp, settings[side]->hidden_activation, settings[side]->initialization, NEURONS_DEFAULT_SEED);
      for (guint i = 0; i < 3; i++)
        {
          const NeuronsRaceCheckpoint *checkpoint = neurons_race_get_checkpoint (race, i);
          NeuronsEvaluation evaluation;

          g_assert_true (neurons_sgd_train (sgd, mlp, (float) settings[side]->learning_rate,
                                            checkpoint->samples_seen - done));
          done = checkpoint->samples_seen;
          neurons_evaluate (mlp, test_set, &evaluation);
          g_assert_cmpfloat (checkpoint->accuracy[side], ==, neurons_evaluation_accuracy (&evaluation));
          g_assert_cmpfloat (checkpoint->cost[side], ==, sgd->running_cost);
        }

      /* and the network on show is where the race ended */
      g_assert_cmpmem (neurons_network_model_get_mlp (neurons_race_get_net (race, side))->w3, sizeof mlp->w3,
                       mlp->w3, sizeof mlp->w3);
    }
}

/* The same race twice: the same checkpoints, the same winner, the same sentence. */
static void
test_race_deterministic (void)
{
  NeuronsRacerSettings a, b;
  g_autoptr(NeuronsRace) first = NULL;
  g_autoptr(NeuronsRace) second = NULL;
  const NeuronsRaceCheckpoint *last;
  g_autofree char *after = g_strdup_printf ("after %'d samples", 4000);
  int winner;

  sigmoid_relu (&a, &b);
  first = run_race (&a, &b, 4000, 0, 500);
  second = run_race (&a, &b, 4000, 0, 500);

  g_assert_cmpuint (neurons_race_get_n_checkpoints (first), ==, 8);
  g_assert_cmpuint (neurons_race_get_n_checkpoints (second), ==, 8);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpmem (neurons_race_get_checkpoint (first, i), sizeof (NeuronsRaceCheckpoint),
                     neurons_race_get_checkpoint (second, i), sizeof (NeuronsRaceCheckpoint));
  g_assert_cmpstr (neurons_race_get_result (first), ==, neurons_race_get_result (second));

  /* the winner is the one with the higher accuracy at the finish, and the sentence names it */
  last = neurons_race_get_checkpoint (first, 7);
  winner = neurons_race_get_winner (first);
  g_assert_true (winner == NEURONS_RACE_SIDE_A || winner == NEURONS_RACE_SIDE_B);
  g_assert_cmpfloat (last->accuracy[winner & 1], >, last->accuracy[1 - (winner & 1)]);
  g_assert_true (g_str_has_prefix (neurons_race_get_result (first), winner == 0 ? "Sigmoid won by" : "ReLU won by"));
  g_assert_nonnull (strstr (neurons_race_get_result (first), after));

  /* the histories the charts draw hold the same points */
  g_assert_cmpuint (neurons_history_get_length (neurons_race_get_accuracy_history (first, 1)), ==, 8);
}

/* The race stops at the first checkpoint where either network reaches the target. */
static void
test_race_target_accuracy (void)
{
  NeuronsRacerSettings a, b;
  g_autoptr(NeuronsRace) race = NULL;
  const NeuronsRaceCheckpoint *last;
  guint n;

  sigmoid_relu (&a, &b);
  race = run_race (&a, &b, 60000, 0.7, 1000);

  n = neurons_race_get_n_checkpoints (race);
  g_assert_cmpuint (n, <, 60);
  last = neurons_race_get_checkpoint (race, n - 1);
  g_assert_cmpfloat (MAX (last->accuracy[0], last->accuracy[1]), >=, 0.7);
  for (guint i = 0; i + 1 < n; i++)
    {
      const NeuronsRaceCheckpoint *checkpoint = neurons_race_get_checkpoint (race, i);

      g_assert_cmpfloat (MAX (checkpoint->accuracy[0], checkpoint->accuracy[1]), <, 0.7);
    }
}

/* Stopped early, a race says who led at the last checkpoint; stopped at once, that none was. */
static void
test_race_stop (void)
{
  NeuronsRacerSettings a, b;
  g_autoptr(NeuronsRace) race = NULL;
  g_autoptr(NeuronsRace) dropped = NULL;

  sigmoid_relu (&a, &b);
  race = neurons_race_new (train_set, test_set, &a, &b, NEURONS_DEFAULT_SEED);
  neurons_race_start (race);
  neurons_race_stop (race);
  g_assert_cmpint (neurons_race_get_state (race), ==, NEURONS_RACE_FINISHED);
  g_assert_nonnull (neurons_race_get_result (race));
  neurons_race_stop (race);

  /* a race dropped while it runs takes its threads with it */
  dropped = neurons_race_new (train_set, test_set, &a, &b, NEURONS_DEFAULT_SEED);
  neurons_race_start (dropped);
  g_usleep (G_USEC_PER_SEC / 20);
  g_clear_object (&dropped);
}

/* Networks with the same initialisation start from the same weights; the names say what
 * tells the two apart. */
static void
test_race_start_and_names (void)
{
  NeuronsRacerSettings a, b;
  g_autoptr(NeuronsRace) race = NULL;
  g_autoptr(NeuronsRace) rates = NULL;
  g_autoptr(NeuronsRace) same = NULL;
  const NeuronsMlp *mlp_a, *mlp_b;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  g_autofree char *rate_name = NULL;
  g_autofree char *same_name = NULL;
  g_autofree char *description = NULL;

  sigmoid_relu (&a, &b);
  race = neurons_race_new (train_set, test_set, &a, &b, NEURONS_DEFAULT_SEED);
  name_a = neurons_race_get_name (race, NEURONS_RACE_SIDE_A);
  name_b = neurons_race_get_name (race, NEURONS_RACE_SIDE_B);
  g_assert_cmpstr (name_a, ==, "Sigmoid");
  g_assert_cmpstr (name_b, ==, "ReLU");
  description = neurons_racer_settings_describe (&a);
  g_assert_cmpstr (description, ==, "Sigmoid · Xavier · rate 0.3");

  /* the same initialisation draws the same weights, whatever else differs */
  b = a;
  b.learning_rate = 1;
  rates = neurons_race_new (train_set, test_set, &a, &b, NEURONS_DEFAULT_SEED);
  mlp_a = neurons_network_model_get_mlp (neurons_race_get_net (rates, NEURONS_RACE_SIDE_A));
  mlp_b = neurons_network_model_get_mlp (neurons_race_get_net (rates, NEURONS_RACE_SIDE_B));
  g_assert_cmpmem (mlp_a->w1t, sizeof mlp_a->w1t, mlp_b->w1t, sizeof mlp_b->w1t);
  g_assert_cmpmem (mlp_a->w3, sizeof mlp_a->w3, mlp_b->w3, sizeof mlp_b->w3);
  rate_name = neurons_race_get_name (rates, NEURONS_RACE_SIDE_B);
  g_assert_cmpstr (rate_name, ==, "Learning rate 1");

  same = neurons_race_new (train_set, test_set, &a, &a, NEURONS_DEFAULT_SEED);
  same_name = neurons_race_get_name (same, NEURONS_RACE_SIDE_A);
  g_assert_cmpstr (same_name, ==, "Network A");
}

/* A network whose weights blow up loses at the next checkpoint, and stays on show with its last
 * finite weights, marked diverged. */
static void
test_race_divergence (void)
{
  NeuronsRacerSettings a, b;
  g_autoptr(NeuronsRace) race = NULL;
  NeuronsNetworkModel *diverged;
  const NeuronsRaceCheckpoint *last;

  neurons_racer_settings_init (&a, NEURONS_ACTIVATION_RELU);
  neurons_racer_settings_init (&b, NEURONS_ACTIVATION_RELU);
  a.learning_rate = 1e30;
  race = run_race (&a, &b, 60000, 0, 1000);

  last = neurons_race_get_checkpoint (race, neurons_race_get_n_checkpoints (race) - 1);
  g_assert_true (last->diverged[NEURONS_RACE_SIDE_A]);
  g_assert_false (last->diverged[NEURONS_RACE_SIDE_B]);
  g_assert_cmpuint (last->samples_seen, <, 60000);
  g_assert_cmpint (neurons_race_get_winner (race), ==, NEURONS_RACE_SIDE_B);
  g_assert_true (g_str_has_prefix (neurons_race_get_result (race), "Learning rate 0.05 won: Learning rate 1e+30 diverged after "));

  diverged = neurons_race_get_net (race, NEURONS_RACE_SIDE_A);
  g_assert_true (neurons_network_model_get_diverged (diverged));
  g_assert_true (neurons_mlp_is_finite (neurons_network_model_get_mlp (diverged)));
}

/* Measured on 1 000 test images, the checkpoints are those images' accuracy, and the last,
 * where the race is judged, is on all 10 000; so too when the race stops early at its target. */
static void
test_race_measured_images (void)
{
  NeuronsRacerSettings a, b;
  g_autoptr(NeuronsRace) race = NULL;
  g_autoptr(NeuronsRace) early = NULL;
  const NeuronsRacerSettings *settings[2] = { &a, &b };
  guint n_early;

  sigmoid_relu (&a, &b);
  race = run_measured_race (&a, &b, 3000, 0, 1000, 1000);
  early = run_measured_race (&a, &b, 60000, 0.75, 1000, 1000);
  g_assert_cmpuint (neurons_race_get_n_checkpoints (race), ==, 3);
  n_early = neurons_race_get_n_checkpoints (early);
  g_assert_cmpuint (n_early, <, 60);

  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
      g_autoptr(NeuronsSgd) sgd = neurons_sgd_new (train_set, NEURONS_DEFAULT_SEED, NEURONS_SAMPLE_ORDER_SHUFFLED);

      neurons_mlp_init (mlp, settings[side]->hidden_activation, settings[side]->initialization, NEURONS_DEFAULT_SEED);
      for (guint i = 0; i < n_early; i++)
        {
          const NeuronsRaceCheckpoint *checkpoint = neurons_race_get_checkpoint (early, i);
          gboolean last = i + 1 == n_early;

          g_assert_true (neurons_sgd_train (sgd, mlp, (float) settings[side]->learning_rate, 1000));
          g_assert_cmpuint (checkpoint->samples_seen, ==, sgd->samples_seen);
          g_assert_cmpfloat (checkpoint->accuracy[side], ==, accuracy_every (mlp, last ? 1 : 10));
          if (i < 3)
            g_assert_cmpfloat (neurons_race_get_checkpoint (race, i)->accuracy[side], ==,
                               accuracy_every (mlp, i == 2 ? 1 : 10));
        }
    }
}

/* A side with training options trains exactly as the one SGD loop does with those options
 * alone, and a side with the default options as the plain loop: the options reach the
 * racer's loop, and its network has the output layer they name. */
static void
test_race_options_match_solo_training (void)
{
  NeuronsRacerSettings a, b;
  g_autoptr(NeuronsRace) race = NULL;
  const NeuronsRacerSettings *settings[2] = { &a, &b };

  neurons_racer_settings_init (&a, NEURONS_ACTIVATION_SIGMOID);
  neurons_racer_settings_init (&b, NEURONS_ACTIVATION_RELU);
  g_assert_true (neurons_training_options_is_default (&a.options));
  b.options.output = NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY;
  b.options.optimizer = NEURONS_OPTIMIZER_ADAM;
  b.options.batch_size = 32;
  b.options.augment_shift = 1;
  b.options.schedule = NEURONS_SCHEDULE_COSINE;
  b.learning_rate = neurons_racer_suggested_learning_rate (b.hidden_activation, &b.options);
  g_assert_cmpfloat (b.learning_rate, ==, 0.001);
  race = run_race (&a, &b, 2500, 0, 1000);
  g_assert_cmpint (neurons_network_model_get_mlp (neurons_race_get_net (race, NEURONS_RACE_SIDE_B))->output, ==,
                   NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY);

  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
      g_autoptr(NeuronsSgd) sgd = neurons_sgd_new (train_set, NEURONS_DEFAULT_SEED, NEURONS_SAMPLE_ORDER_SHUFFLED);
      NeuronsTrainingOptions options = settings[side]->options;
      guint64 done = 0;

      /* the cosine schedule spans the race */
      if (options.schedule != NEURONS_SCHEDULE_CONSTANT)
        options.schedule_samples = 2500;
      neurons_sgd_set_options (sgd, &options);
      neurons_mlp_init (mlp, settings[side]->hidden_activation, settings[side]->initialization, NEURONS_DEFAULT_SEED);
      mlp->output = options.output;
      for (guint i = 0; i < 3; i++)
        {
          const NeuronsRaceCheckpoint *checkpoint = neurons_race_get_checkpoint (race, i);
          NeuronsEvaluation evaluation;

          g_assert_true (neurons_sgd_train (sgd, mlp, (float) settings[side]->learning_rate,
                                            checkpoint->samples_seen - done));
          done = checkpoint->samples_seen;
          neurons_evaluate (mlp, test_set, &evaluation);
          g_assert_cmpfloat (checkpoint->accuracy[side], ==, neurons_evaluation_accuracy (&evaluation));
          g_assert_cmpfloat (checkpoint->cost[side], ==, sgd->running_cost);
        }
      g_assert_cmpmem (neurons_network_model_get_mlp (neurons_race_get_net (race, side))->w3, sizeof mlp->w3,
                       mlp->w3, sizeof mlp->w3);
    }
}

/* The "SGD vs Adam" race twice: the same checkpoints and the same sentence, which names the
 * optimisers; and every preset is a race of one difference from the same starting weights. */
static void
test_race_presets (void)
{
  NeuronsRacerSettings a, b;
  g_autoptr(NeuronsRace) first = NULL;
  g_autoptr(NeuronsRace) second = NULL;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  g_autofree char *description = NULL;
  const char *names[][2] = {
    [NEURONS_RACE_PRESET_SIGMOID_RELU] = { "Sigmoid", "ReLU" },
    [NEURONS_RACE_PRESET_SGD_ADAM] = { "SGD", "Adam" },
    [NEURONS_RACE_PRESET_QUADRATIC_CROSS_ENTROPY] = { "Quadratic cost", "Cross-entropy" },
    [NEURONS_RACE_PRESET_AUGMENTATION] = { "With augmentation", "Without augmentation" },
  };

  neurons_race_preset_get_settings (NEURONS_RACE_PRESET_SGD_ADAM, &a, &b);
  g_assert_cmpint (a.options.optimizer, ==, NEURONS_OPTIMIZER_SGD);
  g_assert_cmpint (b.options.optimizer, ==, NEURONS_OPTIMIZER_ADAM);
  first = run_race (&a, &b, 3000, 0, 1000);
  second = run_race (&a, &b, 3000, 0, 1000);
  g_assert_cmpuint (neurons_race_get_n_checkpoints (first), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpmem (neurons_race_get_checkpoint (first, i), sizeof (NeuronsRaceCheckpoint),
                     neurons_race_get_checkpoint (second, i), sizeof (NeuronsRaceCheckpoint));
  g_assert_cmpstr (neurons_race_get_result (first), ==, neurons_race_get_result (second));
  g_assert_true (g_str_has_prefix (neurons_race_get_result (first), "SGD won by")
                 || g_str_has_prefix (neurons_race_get_result (first), "Adam won by"));
  description = neurons_racer_settings_describe (&b);
  g_assert_cmpstr (description, ==, "Sigmoid · Xavier · rate 0.001 · Adam");

  for (guint preset = 0; preset < NEURONS_RACE_N_PRESETS; preset++)
    {
      g_autoptr(NeuronsRace) race = NULL;
      g_autofree char *preset_a = NULL;
      g_autofree char *preset_b = NULL;
      const NeuronsMlp *mlp_a, *mlp_b;

      neurons_race_preset_get_settings (preset, &a, &b);
      g_assert_true (neurons_racer_settings_validate (&a, NULL));
      g_assert_true (neurons_racer_settings_validate (&b, NULL));
      g_assert_false (neurons_racer_settings_equal (&a, &b));
      race = neurons_race_new (train_set, test_set, &a, &b, NEURONS_DEFAULT_SEED);
      preset_a = neurons_race_get_name (race, NEURONS_RACE_SIDE_A);
      preset_b = neurons_race_get_name (race, NEURONS_RACE_SIDE_B);
      g_assert_cmpstr (preset_a, ==, names[preset][0]);
      g_assert_cmpstr (preset_b, ==, names[preset][1]);
      if (a.initialization != b.initialization)
        continue;
      /* the output layer changes no shape: the same weights to start from */
      mlp_a = neurons_network_model_get_mlp (neurons_race_get_net (race, NEURONS_RACE_SIDE_A));
      mlp_b = neurons_network_model_get_mlp (neurons_race_get_net (race, NEURONS_RACE_SIDE_B));
      g_assert_cmpmem (mlp_a->w1t, sizeof mlp_a->w1t, mlp_b->w1t, sizeof mlp_b->w1t);
      g_assert_cmpmem (mlp_a->w3, sizeof mlp_a->w3, mlp_b->w3, sizeof mlp_b->w3);
      g_assert_cmpint (mlp_b->output, ==, b.options.output);
    }

  /* an optimiser and a batch that differ both name the network */
  neurons_race_preset_get_settings (NEURONS_RACE_PRESET_SGD_ADAM, &a, &b);
  b.options.batch_size = 32;
  g_clear_object (&first);
  first = neurons_race_new (train_set, test_set, &a, &b, NEURONS_DEFAULT_SEED);
  name_a = neurons_race_get_name (first, NEURONS_RACE_SIDE_A);
  name_b = neurons_race_get_name (first, NEURONS_RACE_SIDE_B);
  g_assert_cmpstr (name_a, ==, "SGD, batch 1");
  g_assert_cmpstr (name_b, ==, "Adam, batch 32");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  int status;

  /* the sentences in English */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  directory = neurons_dataset_find_default_directory ();
  if (!neurons_dataset_load_directory (directory, &train_set, &test_set, &error))
    g_error ("Cannot load MNIST from %s: %s", directory, error->message);

  g_test_add_func ("/nn/race/identical-sides", test_race_identical_sides);
  g_test_add_func ("/nn/race/matches-solo-training", test_race_matches_solo_training);
  g_test_add_func ("/nn/race/deterministic", test_race_deterministic);
  g_test_add_func ("/nn/race/target-accuracy", test_race_target_accuracy);
  g_test_add_func ("/nn/race/stop", test_race_stop);
  g_test_add_func ("/nn/race/divergence", test_race_divergence);
  g_test_add_func ("/nn/race/measured-images", test_race_measured_images);
  g_test_add_func ("/nn/race/start-and-names", test_race_start_and_names);
  g_test_add_func ("/nn/race/options-match-solo-training", test_race_options_match_solo_training);
  g_test_add_func ("/nn/race/presets", test_race_presets);

  status = g_test_run ();
  neurons_dataset_unref (train_set);
  neurons_dataset_unref (test_set);
  return status;
}
