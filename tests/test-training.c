/* test-training.c: learning on the real MNIST, and the trainer thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "neurons-augment.h"
#include "neurons-dataset.h"
#include "neurons-evaluation.h"
#include "neurons-network-model-private.h"
#include "neurons-sgd.h"
#include "neurons-trainer.h"

static NeuronsDataset *train_set;
static NeuronsDataset *test_set;

/* One epoch of the plain loop, in the order the trainer and the CLI use. */
static void
train_epochs (NeuronsMlp *mlp,
              guint64     seed,
              float       learning_rate,
              guint64     first_sample,
              guint64     n_samples)
{
  g_autofree guint32 *order = g_new (guint32, train_set->n_images);
  guint64 order_epoch = G_MAXUINT64;

  for (guint64 s = first_sample; s < first_sample + n_samples; s++)
    {
      guint64 epoch = s / train_set->n_images;
      guint index;

      if (epoch != order_epoch)
        {
          neurons_epoch_order (seed, epoch, order, train_set->n_images);
          order_epoch = epoch;
        }
      index = order[s % train_set->n_images];
      neurons_mlp_train_sample (mlp, neurons_dataset_image (train_set, index),
                                train_set->labels[index], learning_rate, NULL, NULL);
    }
}

static double
epoch_accuracy (NeuronsActivation  activation,
                NeuronsInit        initialization,
                float              learning_rate,
                guint64            seed,
                guint             *dead)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  NeuronsEvaluation evaluation;

  neurons_mlp_init (mlp, activation, initialization, seed);
  train_epochs (mlp, seed, learning_rate, 0, train_set->n_images);
  g_assert_true (neurons_mlp_is_finite (mlp));
  neurons_evaluate (mlp, test_set, &evaluation);
  if (dead != NULL)
    *dead = evaluation.dead_hidden1;

  g_test_message ("%s + %s at %.2f, seed %" G_GUINT64_FORMAT ": %.2f%% after one epoch, %u dead",
                  neurons_activation_to_string (activation), neurons_init_to_string (initialization),
                  learning_rate, seed, 100 * neurons_evaluation_accuracy (&evaluation),
                  evaluation.dead_hidden1);
  return neurons_evaluation_accuracy (&evaluation);
}

static void
test_epoch_defaults (void)
{
  double accuracy = epoch_accuracy (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER,
                                    neurons_default_learning_rate (NEURONS_ACTIVATION_SIGMOID),
                                    NEURONS_DEFAULT_SEED, NULL);

  g_assert_cmpfloat (accuracy, >=, 0.90);
}

static void
test_epoch_relu (void)
{
  double accuracy = epoch_accuracy (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE,
                                    neurons_default_learning_rate (NEURONS_ACTIVATION_RELU),
                                    NEURONS_DEFAULT_SEED, NULL);

  g_assert_cmpfloat (accuracy, >=, 0.88);
}

/* The lessons say: too large a step kills ReLU neurons and costs accuracy. */
static void
test_relu_dies_at_high_rate (void)
{
  static const guint64 seeds[] = { 1, 2, 3, 4, 5 };
  guint dead_low_total = 0, dead_high_total = 0;
  double accuracy_low_total = 0, accuracy_high_total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      guint dead_low, dead_high;

      accuracy_low_total += epoch_accuracy (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 0.05f, seeds[i], &dead_low);
      accuracy_high_total += epoch_accuracy (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 0.30f, seeds[i], &dead_high);
      dead_low_total += dead_low;
      dead_high_total += dead_high;
    }

  g_test_message ("over %u seeds: %u dead at 0.05 (%.1f%% mean accuracy), %u dead at 0.30 (%.1f%%)",
                  (guint) G_N_ELEMENTS (seeds), dead_low_total, 100 * accuracy_low_total / G_N_ELEMENTS (seeds),
                  dead_high_total, 100 * accuracy_high_total / G_N_ELEMENTS (seeds));
  g_assert_cmpuint (dead_high_total, >, dead_low_total);
  g_assert_cmpfloat (accuracy_high_total, <, accuracy_low_total);
}

static void
test_evaluation_counts (void)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  NeuronsEvaluation evaluation;
  guint panel[NEURONS_PANEL_SIZE];
  guint total = 0, correct = 0;

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 3);
  train_epochs (mlp, 3, 0.3f, 0, 5000);
  neurons_evaluate (mlp, test_set, &evaluation);

  g_assert_cmpuint (evaluation.n_samples, ==, test_set->n_images);
  for (guint d = 0; d < NEURONS_OUTPUT_SIZE; d++)
    {
      guint row = 0;

      for (guint p = 0; p < NEURONS_OUTPUT_SIZE; p++)
        row += evaluation.confusion[d][p];
      g_assert_cmpuint (row, ==, evaluation.per_digit_total[d]);
      g_assert_cmpuint (evaluation.confusion[d][d], ==, evaluation.per_digit_correct[d]);
      total += row;
      correct += evaluation.confusion[d][d];
    }
  g_assert_cmpuint (total, ==, test_set->n_images);
  g_assert_cmpuint (correct, ==, evaluation.n_correct);
  g_assert_cmpuint (evaluation.dead_hidden1, ==, 0);

  /* The panel: 9 per digit, in digit order, the first of each in the test set */
  g_assert_cmpuint (neurons_test_panel_indices (test_set, panel), ==, NEURONS_PANEL_SIZE);
  for (guint k = 0; k < NEURONS_PANEL_SIZE; k++)
    {
      guint digit = k / NEURONS_PANEL_PER_DIGIT;

      g_assert_cmpuint (test_set->labels[panel[k]], ==, digit);
      if (k % NEURONS_PANEL_PER_DIGIT > 0)
        g_assert_cmpuint (panel[k], >, panel[k - 1]);
      for (guint s = 0; s < panel[k]; s++)
        if (test_set->labels[s] == digit)
          {
            gboolean earlier_in_panel = FALSE;

            for (guint e = digit * NEURONS_PANEL_PER_DIGIT; e < k; e++)
              earlier_in_panel |= panel[e] == s;
            g_assert_true (earlier_in_panel);
          }
    }
}

static void
test_epoch_order (void)
{
  g_autofree guint32 *a = g_new (guint32, 1000);
  g_autofree guint32 *b = g_new (guint32, 1000);

  neurons_epoch_order (7, 0, a, 1000);
  neurons_epoch_order (7, 0, b, 1000);
  g_assert_cmpmem (a, 4000, b, 4000);
  neurons_epoch_order (7, 1, b, 1000);
  g_assert_true (memcmp (a, b, 4000) != 0);
  neurons_epoch_order (8, 0, b, 1000);
  g_assert_true (memcmp (a, b, 4000) != 0);
}

/* The core's loop, run in pieces of any size (across epochs, and resumed from a saved count),
 * trains exactly the network of the plain loop, and keeps the running cost as defined. */
/* The weights in the file's order as little-endian floats, hashed. */
static char *
weights_digest (const NeuronsMlp *mlp)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree float *values = g_new (float, NEURONS_INPUT_SIZE * NEURONS_HIDDEN1_SIZE);

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    {
      guint n_outputs = neurons_layer_n_outputs (layer);
      guint n_weights = n_outputs * neurons_layer_n_inputs (layer);

      neurons_mlp_copy_layer_weights (mlp, layer, values);
      g_checksum_update (checksum, (const guchar *) values, n_weights * sizeof (float));
      for (guint to = 0; to < n_outputs; to++)
        values[to] = neurons_mlp_get_bias (mlp, layer, to);
      g_checksum_update (checksum, (const guchar *) values, n_outputs * sizeof (float));
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/*
 * The default options train exactly the network they trained before the options came: the
 * digests are of the weights that the code before them made (neurons-cli train --steps 5000,
 * seed 7, each activation with its suggested initialisation and rate).
 */
static void
test_sgd_defaults_unchanged (void)
{
  static const struct
  {
    NeuronsActivation activation;
    const char       *digest;
  } cases[] = {
    { NEURONS_ACTIVATION_SIGMOID, "19bb74074d2705650c3f8d5dc6145ea8a9f06fd748cebdefe8f3899d1c6e689f" },
    { NEURONS_ACTIVATION_RELU, "adcad46261e801b24cbac61ceb52cab2812c6f7d26701dd2b2ac439805666347" },
  };

  if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
    {
      g_test_skip ("the digests are of little-endian floats");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
      g_autoptr(NeuronsSgd) sgd = neurons_sgd_new (train_set, NEURONS_DEFAULT_SEED,
                                                   NEURONS_SAMPLE_ORDER_SHUFFLED);
      NeuronsTrainingOptions options;
      g_autofree char *digest = NULL;

      neurons_training_options_init (&options);
      neurons_sgd_set_options (sgd, &options);
      neurons_mlp_init (mlp, cases[i].activation, neurons_suggested_init (cases[i].activation),
                        NEURONS_DEFAULT_SEED);
      g_assert_true (neurons_sgd_train (sgd, mlp, (float) neurons_default_learning_rate (cases[i].activation), 5000));
      digest = weights_digest (mlp);
      g_assert_cmpstr (digest, ==, cases[i].digest);
    }
}

/* Options that use everything: batches, Adam, a schedule, L2, dropout and augmentation. */
static void
every_option (NeuronsTrainingOptions *options)
{
  neurons_training_options_init (options);
  options->output = NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY;
  options->optimizer = NEURONS_OPTIMIZER_ADAM;
  options->batch_size = 16;
  options->schedule = NEURONS_SCHEDULE_ONE_CYCLE;
  options->schedule_samples = 3000;
  options->l2 = 1e-4;
  options->dropout = 0.1;
  options->augment_shift = 2;
  options->augment_rotate = 10;
  options->augment_scale = 0.1;
}

/* With every option, stepping one sample at a time (as the window does) and training in
 * chunks, or stopping with the optimiser's state copied and going on from the copy, all train
 * the same network, bit for bit. */
static void
test_sgd_options_resume_exactly (void)
{
  g_autoptr(NeuronsMlp) whole = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) stepped = NULL;
  g_autoptr(NeuronsMlp) resumed = NULL;
  g_autoptr(NeuronsSgd) sgd = neurons_sgd_new (train_set, 3, NEURONS_SAMPLE_ORDER_SHUFFLED);
  g_autoptr(NeuronsSgd) again = neurons_sgd_new (train_set, 3, NEURONS_SAMPLE_ORDER_SHUFFLED);
  g_autoptr(NeuronsOptimizerState) saved = NULL;
  NeuronsTrainingOptions options;
  NeuronsEvaluation evaluation;

  every_option (&options);
  neurons_mlp_init (whole, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 3);
  whole->output = options.output;
  stepped = neurons_mlp_copy (whole);

  neurons_sgd_set_options (sgd, &options);
  g_assert_true (neurons_sgd_train (sgd, whole, 0.01f, 3000));

  neurons_sgd_set_options (again, &options);
  for (guint s = 0; s < 1000; s++)
    {
      NeuronsForward forward;
      NeuronsBackward backward;

      g_assert_true (neurons_sgd_step (again, stepped, 0.01f, &forward, &backward));
      g_assert_cmpfloat (backward.cost, >, 0);
    }
  g_assert_true (neurons_sgd_train (again, stepped, 0.01f, 1003));
  g_assert_cmpuint (neurons_sgd_get_optimizer_state (again)->batch_filled, ==, 3);

  /* Stop mid-batch, keep a copy, and go on in a new loop */
  saved = neurons_optimizer_state_copy (neurons_sgd_get_optimizer_state (again));
  resumed = neurons_mlp_copy (stepped);
  g_clear_pointer (&again, neurons_sgd_free);
  again = neurons_sgd_new (train_set, 3, NEURONS_SAMPLE_ORDER_SHUFFLED);
  neurons_sgd_set_options (again, &options);
  neurons_sgd_resume (again, 3, 2003, 0);
  neurons_sgd_set_optimizer_state (again, saved);
  g_assert_true (neurons_sgd_train (again, resumed, 0.01f, 997));

  g_assert_cmpmem (whole->w1t, sizeof whole->w1t, resumed->w1t, sizeof resumed->w1t);
  g_assert_cmpmem (whole->b3, sizeof whole->b3, resumed->b3, sizeof resumed->b3);
  g_assert_cmpmem (neurons_sgd_get_optimizer_state (sgd), sizeof (NeuronsOptimizerState),
                   neurons_sgd_get_optimizer_state (again), sizeof (NeuronsOptimizerState));

  /* And it learned */
  neurons_evaluate (whole, test_set, &evaluation);
  g_test_message ("every option, 3000 samples: %.2f %%", 100 * neurons_evaluation_accuracy (&evaluation));
  g_assert_cmpfloat (neurons_evaluation_accuracy (&evaluation), >, 0.6);
}

/* The schedules at their landmarks. */
static void
test_schedules (void)
{
  NeuronsTrainingOptions options;

  neurons_training_options_init (&options);
  g_assert_cmpfloat (neurons_training_options_learning_rate (&options, 0.5, 123456), ==, 0.5);

  options.schedule_samples = 1000;
  options.schedule = NEURONS_SCHEDULE_STEP;
  g_assert_cmpfloat (neurons_training_options_learning_rate (&options, 0.5, 499), ==, 0.5);
  g_assert_cmpfloat_with_epsilon (neurons_training_options_learning_rate (&options, 0.5, 500), 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (neurons_training_options_learning_rate (&options, 0.5, 750), 0.005, 1e-12);

  options.schedule = NEURONS_SCHEDULE_COSINE;
  g_assert_cmpfloat_with_epsilon (neurons_training_options_learning_rate (&options, 0.5, 0), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (neurons_training_options_learning_rate (&options, 0.5, 500), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (neurons_training_options_learning_rate (&options, 0.5, 1000), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (neurons_training_options_learning_rate (&options, 0.5, 5000), 0, 1e-12);

  /* PyTorch's OneCycleLR: from η/25 up to η at 30 %, down to η/25·10⁻⁴ */
  options.schedule = NEURONS_SCHEDULE_ONE_CYCLE;
  g_assert_cmpfloat_with_epsilon (neurons_training_options_learning_rate (&options, 0.5, 0), 0.02, 1e-12);
  g_assert_cmpfloat_with_epsilon (neurons_training_options_learning_rate (&options, 0.5, 300), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (neurons_training_options_learning_rate (&options, 0.5, 1000), 2e-6, 1e-12);
}

/* Out-of-range options are refused with a message; the names read back. */
static void
test_options_validation (void)
{
  static const char *const augmentations[] = { "shift:5", "rotate:45", "scale:0.5", "shift:1.5",
                                               "flip:1", "shift", "shift:-1", "rotate:x" };
  NeuronsTrainingOptions options, changed;
  g_autofree char *spec = NULL;

  neurons_training_options_init (&options);
  g_assert_true (neurons_training_options_validate (&options, NULL));
  g_assert_true (neurons_training_options_is_default (&options));

#define REFUSED(field, value) \
  G_STMT_START { \
    g_autoptr(GError) error = NULL; \
    changed = options; \
    changed.field = value; \
    g_assert_false (neurons_training_options_validate (&changed, &error)); \
    g_assert_error (error, NEURONS_TRAINING_OPTIONS_ERROR, NEURONS_TRAINING_OPTIONS_ERROR_RANGE); \
  } G_STMT_END
  REFUSED (batch_size, 0);
  REFUSED (batch_size, 257);
  REFUSED (momentum, 1.0);
  REFUSED (momentum, -0.1);
  REFUSED (momentum, NAN);
  REFUSED (beta2, 1.0);
  REFUSED (epsilon, 0);
  REFUSED (l2, -1e-3);
  REFUSED (l2, 0.5);
  REFUSED (dropout, 0.95);
  REFUSED (dropout, -0.1);
  REFUSED (schedule, NEURONS_SCHEDULE_COSINE);   /* with no span */
#undef REFUSED

  for (guint i = 0; i < G_N_ELEMENTS (augmentations); i++)
    {
      g_autoptr(GError) error = NULL;

      changed = options;
      g_assert_false (neurons_augmentation_parse (augmentations[i], &changed, &error));
      g_assert_error (error, NEURONS_TRAINING_OPTIONS_ERROR, NEURONS_TRAINING_OPTIONS_ERROR_RANGE);
      g_assert_true (neurons_training_options_equal (&changed, &options));
    }

  g_assert_true (neurons_augmentation_parse ("shift:2,rotate:10,scale:0.1", &changed, NULL));
  g_assert_cmpuint (changed.augment_shift, ==, 2);
  g_assert_cmpfloat (changed.augment_rotate, ==, 10);
  g_assert_cmpfloat (changed.augment_scale, ==, 0.1);
  spec = neurons_augmentation_to_string (&changed);
  g_assert_cmpstr (spec, ==, "shift:2,rotate:10,scale:0.10000000000000001");
  g_assert_true (neurons_augmentation_parse (spec, &options, NULL));
  g_assert_true (neurons_training_options_equal (&changed, &options));
}

/* A shift moves the ink whole; a turn and a scaling keep most of it; the same draw, the same
 * image. */
static void
test_augmentation (void)
{
  const guint8 *image = neurons_dataset_image (train_set, 0);
  guint8 moved[NEURONS_INPUT_SIZE], again[NEURONS_INPUT_SIZE];
  NeuronsTrainingOptions options;
  NeuronsRandom random;
  guint ink_before = 0, ink_after = 0, differs = 0;

  neurons_training_options_init (&options);
  options.augment_shift = 3;
  for (guint sample = 0; sample < 20; sample++)
    {
      guint sum_before = 0, sum_after = 0;

      neurons_sample_random (&random, 7, sample);
      neurons_augment_image (moved, image, &options, &random);
      for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
        {
          sum_before += image[i];
          sum_after += moved[i];
          differs += moved[i] != image[i];
        }
      /* MNIST's digits sit in the middle 20 × 20: a shift of 3 loses no ink */
      g_assert_cmpuint (sum_before, ==, sum_after);
    }
  g_assert_cmpuint (differs, >, 0);

  options.augment_rotate = 15;
  options.augment_scale = 0.1;
  neurons_sample_random (&random, 7, 99);
  neurons_augment_image (moved, image, &options, &random);
  neurons_sample_random (&random, 7, 99);
  neurons_augment_image (again, image, &options, &random);
  g_assert_cmpmem (moved, sizeof moved, again, sizeof again);
  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    {
      ink_before += image[i];
      ink_after += moved[i];
    }
  g_assert_cmpfloat (ink_after, >, 0.7 * ink_before);
  g_assert_cmpfloat (ink_after, <, 1.4 * ink_before);
}

static void
test_sgd_matches_plain_loop (void)
{
  static const guint64 pieces[] = { 1, 4095, 50000, 7, 5900, 0, 2500 };   /* 62 503 in all */
  g_autoptr(NeuronsMlp) plain = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autoptr(NeuronsSgd) sgd = neurons_sgd_new (train_set, 5, NEURONS_SAMPLE_ORDER_SHUFFLED);
  g_autoptr(NeuronsSgd) resumed = neurons_sgd_new (train_set, 99, NEURONS_SAMPLE_ORDER_SHUFFLED);
  g_autoptr(NeuronsMlp) copy = NULL;
  double running_cost = 0;
  guint64 total = 0;

  neurons_mlp_init (plain, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 5);
  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 5);

  /* The running cost of the first 300 samples, by its definition */
  for (guint64 s = 0; s < 300; s++)
    {
      guint index = neurons_sgd_sample_index (sgd, s);
      float cost = neurons_mlp_train_sample (plain, neurons_dataset_image (train_set, index),
                                             train_set->labels[index], 0.3f, NULL, NULL);

      running_cost = neurons_running_cost_update (running_cost, s, cost);
    }
  g_assert_true (neurons_sgd_train (sgd, mlp, 0.3f, 300));
  g_assert_cmpuint (sgd->samples_seen, ==, 300);
  g_assert_cmpfloat (sgd->running_cost, ==, running_cost);
  g_assert_cmpmem (mlp, sizeof *mlp, plain, sizeof *plain);

  neurons_mlp_init (plain, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 5);
  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 5);
  train_epochs (plain, 5, 0.3f, 0, 62503);
  neurons_sgd_resume (sgd, 5, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_assert_true (neurons_sgd_train (sgd, mlp, 0.3f, pieces[i]));
      total += pieces[i];
      g_assert_cmpuint (sgd->samples_seen, ==, total);

      /* Half way, another run takes over from the count alone, and its seed */
      if (i == 2)
        {
          copy = neurons_mlp_copy (mlp);
          neurons_sgd_resume (resumed, 5, sgd->samples_seen, sgd->running_cost);
        }
    }
  g_assert_cmpuint (total, ==, 62503);
  g_assert_cmpmem (mlp, sizeof *mlp, plain, sizeof *plain);

  g_assert_true (neurons_sgd_train (resumed, copy, 0.3f, 62503 - resumed->samples_seen));
  g_assert_cmpmem (copy, sizeof *copy, plain, sizeof *plain);
  g_assert_cmpfloat (resumed->running_cost, ==, sgd->running_cost);
}

/* Sequential order is the file's, every epoch; a step shown is the step trained. */
static void
test_sgd_sequential_and_step (void)
{
  g_autoptr(NeuronsSgd) sgd = neurons_sgd_new (train_set, 3, NEURONS_SAMPLE_ORDER_SEQUENTIAL);
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autoptr(NeuronsMlp) plain = neurons_mlp_new ();
  NeuronsForward forward;
  NeuronsBackward backward;
  guint n = train_set->n_images;

  g_assert_cmpuint (neurons_sgd_sample_index (sgd, 0), ==, 0);
  g_assert_cmpuint (neurons_sgd_sample_index (sgd, n + 17), ==, 17);

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 3);
  neurons_mlp_init (plain, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 3);
  for (guint s = 0; s < 3; s++)
    {
      float cost = neurons_mlp_train_sample (plain, neurons_dataset_image (train_set, s),
                                             train_set->labels[s], 0.05f, NULL, NULL);

      g_assert_true (neurons_sgd_step (sgd, mlp, 0.05f, &forward, &backward));
      g_assert_cmpfloat (backward.cost, ==, cost);
    }
  g_assert_cmpuint (sgd->samples_seen, ==, 3);
  g_assert_cmpmem (mlp, sizeof *mlp, plain, sizeof *plain);
}

/* Divergence is reported at the step that shows it, by its cost or by its weights. */
static void
test_sgd_divergence (void)
{
  g_autoptr(NeuronsSgd) sgd = neurons_sgd_new (train_set, 9, NEURONS_SAMPLE_ORDER_SHUFFLED);
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 9);
  g_assert_false (neurons_sgd_train (sgd, mlp, 1e38f, 60000));
  g_assert_cmpuint (sgd->samples_seen, >, 0);
  g_assert_cmpuint (sgd->samples_seen, <, 100);

  /* Weights that overflowed while the cost stayed finite */
  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 9);
  neurons_sgd_resume (sgd, 9, 0, 0);
  mlp->w1t[0] = INFINITY;
  g_assert_false (neurons_sgd_train (sgd, mlp, 0.3f, 10));
  g_assert_cmpuint (sgd->samples_seen, ==, 10);
}

static void
test_learning_rate_refused (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 1);
  static const double bad[] = { 0, -0.1, NAN, INFINITY, -INFINITY };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (neurons_network_model_set_learning_rate (net, bad[i], &error));
      g_assert_error (error, NEURONS_TRAINING_ERROR, NEURONS_TRAINING_ERROR_LEARNING_RATE);
      g_assert_nonnull (strstr (error->message, "above zero"));
      g_assert_cmpfloat (neurons_network_model_get_learning_rate (net), ==, 0.30);
    }
  g_assert_true (neurons_network_model_set_learning_rate (net, 2.5, NULL));
  g_assert_cmpfloat (neurons_network_model_get_learning_rate (net), ==, 2.5);
}

static void
wait_until_stopped (NeuronsTrainer *trainer)
{
  while (neurons_trainer_get_running (trainer))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The bytes of the input on show, whichever way it came: shown, trained on, or published by the
 * trainer; and the same bytes the activations were computed from. */
static void
test_input_pixels (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 1);
  g_autoptr(NeuronsTrainer) trainer = neurons_trainer_new (net, train_set);
  const guint8 *shown;
  guint8 blank[NEURONS_INPUT_SIZE] = { 0 };
  gint64 index;

  g_assert_cmpmem (neurons_network_model_get_input_pixels (net), NEURONS_INPUT_SIZE, blank, sizeof blank);

  neurons_network_model_show_input (net, neurons_dataset_image (test_set, 4), test_set->labels[4], 4);
  shown = neurons_network_model_get_input_pixels (net);
  g_assert_cmpmem (shown, NEURONS_INPUT_SIZE, neurons_dataset_image (test_set, 4), NEURONS_INPUT_SIZE);
  for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
    g_assert_cmpint (lrintf (neurons_network_model_get_forward (net)->input[i] * 255.0f), ==, shown[i]);

  neurons_network_model_train_step (net, neurons_dataset_image (train_set, 9), train_set->labels[9], 9);
  g_assert_cmpmem (neurons_network_model_get_input_pixels (net), NEURONS_INPUT_SIZE,
                   neurons_dataset_image (train_set, 9), NEURONS_INPUT_SIZE);

  neurons_trainer_run_samples (trainer, 1000);
  wait_until_stopped (trainer);
  index = neurons_network_model_get_input_index (net);
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpmem (neurons_network_model_get_input_pixels (net), NEURONS_INPUT_SIZE,
                   neurons_dataset_image (train_set, index), NEURONS_INPUT_SIZE);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* The outputs are digits until a dataset names them otherwise; names keep no weight from
 * changing, and a wrong number of them is refused. */
static void
test_class_names (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 1);
  const char *clothes[] = { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot", NULL };
  const char *too_few[] = { "Cat", "Dog", NULL };
  g_autoptr(NeuronsMlp) before = neurons_mlp_copy (neurons_network_model_get_mlp (net));
  g_auto(GStrv) property = NULL;
  guint notified = 0;

  g_signal_connect_swapped (net, "notify::class-names", G_CALLBACK (count_notify), &notified);

  g_assert_cmpstr (neurons_network_model_get_class_name (net, 0), ==, "0");
  g_assert_cmpstr (neurons_network_model_get_class_name (net, 9), ==, "9");
  g_assert_cmpuint (g_strv_length ((char **) neurons_network_model_get_class_names (net)), ==, NEURONS_OUTPUT_SIZE);

  neurons_network_model_set_class_names (net, clothes);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (neurons_network_model_get_class_name (net, 7), ==, "Sneaker");
  g_object_get (net, "class-names", &property, NULL);
  g_assert_true (g_strv_equal ((const char * const *) property, clothes));
  g_assert_cmpmem (neurons_network_model_get_mlp (net), sizeof *before, before, sizeof *before);

  /* the same names again are no change */
  neurons_network_model_set_class_names (net, clothes);
  g_assert_cmpuint (notified, ==, 1);

  g_test_expect_message ("neurons-neural-net", G_LOG_LEVEL_CRITICAL, "*NEURONS_OUTPUT_SIZE*");
  neurons_network_model_set_class_names (net, too_few);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (neurons_network_model_get_class_name (net, 0), ==, "T-shirt/top");

  neurons_network_model_set_class_names (net, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (neurons_network_model_get_class_name (net, 3), ==, "3");
}

/* The worker thread ends with exactly the weights of the plain loop. */
static void
test_trainer_matches_plain_loop (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 12);
  g_autoptr(NeuronsTrainer) trainer = neurons_trainer_new (net, train_set);
  g_autoptr(NeuronsMlp) plain = neurons_mlp_new ();
  const guint64 n = 60000 + 2500;    /* across an epoch boundary */
  guint steps = 0;

  neurons_mlp_init (plain, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 12);
  train_epochs (plain, 12, 0.05f, 0, n + 3);

  neurons_trainer_run_samples (trainer, n);
  g_assert_true (neurons_trainer_get_running (trainer));
  wait_until_stopped (trainer);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, n);
  g_assert_cmpuint (neurons_trainer_get_epoch (trainer), ==, 1);

  /* Three single steps on the main thread continue the same sequence */
  g_signal_connect_swapped (net, "step", G_CALLBACK (g_atomic_int_inc), &steps);
  for (guint i = 0; i < 3; i++)
    neurons_trainer_step (trainer);
  g_assert_cmpuint (steps, ==, 3);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, n + 3);

  g_assert_cmpmem (neurons_network_model_get_mlp (net)->w1t, sizeof plain->w1t, plain->w1t, sizeof plain->w1t);
  g_assert_cmpmem (neurons_network_model_get_mlp (net)->w3, sizeof plain->w3, plain->w3, sizeof plain->w3);
  g_assert_cmpmem (neurons_network_model_get_mlp (net)->b1, sizeof plain->b1, plain->b1, sizeof plain->b1);
}

/* With options, the trainer's run, its single steps and a run continued from a copied
 * optimiser state train what the loop trains by itself. */
static void
test_trainer_options_match_loop (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 12);
  g_autoptr(NeuronsTrainer) trainer = neurons_trainer_new (net, train_set);
  g_autoptr(NeuronsSgd) sgd = neurons_sgd_new (train_set, 12, NEURONS_SAMPLE_ORDER_SHUFFLED);
  g_autoptr(NeuronsMlp) plain = neurons_mlp_new ();
  g_autoptr(NeuronsOptimizerState) state = NULL;
  NeuronsTrainingOptions options, read_back;
  const guint64 n = 5003;

  every_option (&options);
  options.output = NEURONS_OUTPUT_SIGMOID_QUADRATIC;
  neurons_mlp_init (plain, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 12);
  neurons_sgd_set_options (sgd, &options);
  g_assert_true (neurons_sgd_train (sgd, plain, 0.05f, n + 3));

  neurons_trainer_set_training_options (trainer, &options);
  neurons_trainer_get_training_options (trainer, &read_back);
  g_assert_true (neurons_training_options_equal (&options, &read_back));
  neurons_trainer_run_samples (trainer, n);
  wait_until_stopped (trainer);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, n);

  /* A checkpoint's copy of the state, put back, changes nothing */
  state = neurons_trainer_copy_optimizer_state (trainer);
  g_assert_cmpuint (state->batch_filled, ==, n % options.batch_size);
  neurons_trainer_set_optimizer_state (trainer, state);
  for (guint i = 0; i < 3; i++)
    neurons_trainer_step (trainer);

  g_assert_cmpmem (neurons_network_model_get_mlp (net)->w1t, sizeof plain->w1t, plain->w1t, sizeof plain->w1t);
  g_assert_cmpmem (neurons_network_model_get_mlp (net)->w3, sizeof plain->w3, plain->w3, sizeof plain->w3);
}

/* Another output layer is a fresh network, and a fresh network keeps its output layer. */
static void
test_network_model_output (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 12);
  g_autoptr(NeuronsMlp) fresh = neurons_mlp_new ();
  guint resets = 0;
  double sum = 0;

  neurons_network_model_train_step (net, neurons_dataset_image (train_set, 0), train_set->labels[0], 0);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 1);
  g_signal_connect_swapped (net, "reset", G_CALLBACK (g_atomic_int_inc), &resets);

  neurons_network_model_set_output (net, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY);
  g_assert_cmpuint (resets, ==, 1);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 0);
  g_assert_cmpint (neurons_network_model_get_mlp (net)->output, ==, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY);
  neurons_mlp_init (fresh, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 12);
  g_assert_cmpmem (neurons_network_model_get_mlp (net)->w1t, sizeof fresh->w1t, fresh->w1t, sizeof fresh->w1t);

  neurons_network_model_set_output (net, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY);
  g_assert_cmpuint (resets, ==, 1);
  neurons_network_model_reinitialize (net, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 3);
  g_assert_cmpint (neurons_network_model_get_mlp (net)->output, ==, NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY);

  /* What the window shows is a softmax now: the outputs add up to 1 */
  neurons_network_model_train_step (net, neurons_dataset_image (train_set, 1), train_set->labels[1], 1);
  {
    NeuronsForward forward;

    neurons_mlp_forward (neurons_network_model_get_mlp (net), neurons_dataset_image (train_set, 2), &forward);
    for (guint o = 0; o < NEURONS_OUTPUT_SIZE; o++)
      sum += forward.a3[o];
  }
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-5);
}

/* Play and pause many times: whatever the timing, nothing is lost or trained twice. */
static void
test_trainer_pause_keeps_every_step (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 4);
  g_autoptr(NeuronsTrainer) trainer = neurons_trainer_new (net, train_set);
  g_autoptr(NeuronsMlp) plain = neurons_mlp_new ();
  guint changes = 0;

  g_signal_connect_swapped (net, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
  for (guint round = 0; round < 20; round++)
    {
      gint64 until = g_get_monotonic_time () + 2000 * (round % 5);

      neurons_trainer_play (trainer);
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      neurons_trainer_pause (trainer);
      g_assert_false (neurons_trainer_get_running (trainer));
    }

  g_assert_cmpuint (changes, >, 0);
  neurons_mlp_init (plain, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 4);
  train_epochs (plain, 4, 0.3f, 0, neurons_network_model_get_samples_seen (net));
  g_test_message ("%" G_GUINT64_FORMAT " samples in 20 rounds", neurons_network_model_get_samples_seen (net));
  g_assert_cmpmem (neurons_network_model_get_mlp (net), sizeof *plain, plain, sizeof *plain);
}

/* Slow speeds publish every step on its own, with the weights before it. */
static void
test_trainer_stepwise (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 4);
  g_autoptr(NeuronsTrainer) trainer = neurons_trainer_new (net, train_set);
  guint steps = 0;

  neurons_trainer_set_speed (trainer, NEURONS_SPEED_STEPWISE_LIMIT);
  g_signal_connect_swapped (net, "step", G_CALLBACK (g_atomic_int_inc), &steps);
  neurons_trainer_run_samples (trainer, 3);
  /* A main loop too busy to look while the steps are taken still gets to show each one */
  g_usleep (3 * G_USEC_PER_SEC / NEURONS_SPEED_STEPWISE_LIMIT + 50000);
  wait_until_stopped (trainer);

  g_assert_cmpuint (steps, ==, 3);
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 3);
  g_assert_true (memcmp (neurons_network_model_get_previous_mlp (net), neurons_network_model_get_mlp (net),
                         sizeof (NeuronsMlp)) != 0);
  g_assert_cmpfloat (neurons_network_model_get_backward (net)->cost, >, 0);
}

/* A rate far too high: the run stops, says so, and keeps the last finite weights. */
static void
test_trainer_divergence (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 9);
  g_autoptr(NeuronsTrainer) trainer = neurons_trainer_new (net, train_set);
  guint diverged = 0;

  g_signal_connect_swapped (net, "diverged", G_CALLBACK (g_atomic_int_inc), &diverged);
  g_assert_true (neurons_network_model_set_learning_rate (net, 1e38, NULL));
  neurons_trainer_run_samples (trainer, 60000);
  wait_until_stopped (trainer);

  g_assert_cmpuint (diverged, ==, 1);
  g_assert_true (neurons_network_model_get_diverged (net));
  g_assert_true (neurons_mlp_is_finite (neurons_network_model_get_mlp (net)));
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), <, 60000);

  /* Diverged, it refuses to go on until given fresh weights */
  neurons_trainer_play (trainer);
  g_assert_false (neurons_trainer_get_running (trainer));
  neurons_network_model_reinitialize (net, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 10);
  g_assert_false (neurons_network_model_get_diverged (net));
  g_assert_cmpuint (neurons_network_model_get_samples_seen (net), ==, 0);
}

/* Divergence in a single step undoes the step. */
static void
test_step_divergence (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 9);
  g_autoptr(NeuronsMlp) before = NULL;
  guint diverged = 0;

  g_signal_connect_swapped (net, "diverged", G_CALLBACK (g_atomic_int_inc), &diverged);
  g_assert_true (neurons_network_model_set_learning_rate (net, 1e38, NULL));
  for (guint s = 0; s < 100 && diverged == 0; s++)
    {
      g_clear_pointer (&before, neurons_mlp_free);
      before = neurons_mlp_copy (neurons_network_model_get_mlp (net));
      neurons_network_model_train_step (net, neurons_dataset_image (train_set, s), train_set->labels[s], s);
    }
  g_assert_cmpuint (diverged, ==, 1);
  g_assert_true (neurons_mlp_is_finite (neurons_network_model_get_mlp (net)));
  g_assert_cmpmem (neurons_network_model_get_mlp (net), sizeof *before, before, sizeof *before);
}

/* Fresh weights while the worker runs: nothing of the old run leaks into the new one. */
static void
test_trainer_reset_while_running (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 4);
  g_autoptr(NeuronsTrainer) trainer = neurons_trainer_new (net, train_set);
  g_autoptr(NeuronsMlp) fresh = neurons_mlp_new ();
  gint64 until;

  neurons_trainer_play (trainer);
  until = g_get_monotonic_time () + 50000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  neurons_network_model_reinitialize (net, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 77);
  neurons_trainer_pause (trainer);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* It went on training the new net from its start, in its own order */
  neurons_mlp_init (fresh, NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 77);
  train_epochs (fresh, 77, 0.3f, 0, neurons_network_model_get_samples_seen (net));
  g_assert_cmpint (neurons_network_model_get_hidden_activation (net), ==, NEURONS_ACTIVATION_RELU);
  g_assert_cmpmem (neurons_network_model_get_mlp (net), sizeof *fresh, fresh, sizeof *fresh);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  directory = neurons_dataset_find_default_directory ();
  if (!neurons_dataset_load_directory (directory, &train_set, &test_set, &error))
    g_error ("Cannot load MNIST from %s: %s", directory, error->message);

  g_test_add_func ("/nn/training/epoch-order", test_epoch_order);
  g_test_add_func ("/nn/training/evaluation-counts", test_evaluation_counts);
  g_test_add_func ("/nn/sgd/matches-plain-loop", test_sgd_matches_plain_loop);
  g_test_add_func ("/nn/sgd/defaults-unchanged", test_sgd_defaults_unchanged);
  g_test_add_func ("/nn/sgd/options-resume-exactly", test_sgd_options_resume_exactly);
  g_test_add_func ("/nn/sgd/schedules", test_schedules);
  g_test_add_func ("/nn/sgd/options-validation", test_options_validation);
  g_test_add_func ("/nn/sgd/augmentation", test_augmentation);
  g_test_add_func ("/nn/sgd/sequential-and-step", test_sgd_sequential_and_step);
  g_test_add_func ("/nn/sgd/divergence", test_sgd_divergence);
  g_test_add_func ("/nn/training/epoch/sigmoid-xavier", test_epoch_defaults);
  g_test_add_func ("/nn/training/epoch/relu-he", test_epoch_relu);
  g_test_add_func ("/nn/training/relu-dies-at-high-rate", test_relu_dies_at_high_rate);
  g_test_add_func ("/nn/neural-net/learning-rate-refused", test_learning_rate_refused);
  g_test_add_func ("/nn/neural-net/step-divergence", test_step_divergence);
  g_test_add_func ("/nn/neural-net/class-names", test_class_names);
  g_test_add_func ("/nn/neural-net/input-pixels", test_input_pixels);
  g_test_add_func ("/nn/trainer/matches-plain-loop", test_trainer_matches_plain_loop);
  g_test_add_func ("/nn/trainer/pause-keeps-every-step", test_trainer_pause_keeps_every_step);
  g_test_add_func ("/nn/trainer/options-match-loop", test_trainer_options_match_loop);
  g_test_add_func ("/nn/neural-net/output", test_network_model_output);
  g_test_add_func ("/nn/trainer/stepwise", test_trainer_stepwise);
  g_test_add_func ("/nn/trainer/divergence", test_trainer_divergence);
  g_test_add_func ("/nn/trainer/reset-while-running", test_trainer_reset_while_running);

  status = g_test_run ();

  neurons_dataset_unref (train_set);
  neurons_dataset_unref (test_set);
  return status;
}
