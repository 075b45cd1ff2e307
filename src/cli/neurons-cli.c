/* neurons-cli.c: train, evaluate and use the network from a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "neurons-checkpoints.h"
#include "neurons-dataset.h"
#include "neurons-evaluation.h"
#include "neurons-mlp.h"
#include "neurons-network-file.h"
#include "neurons-preprocess.h"
#include "neurons-race.h"
#include "neurons-sgd.h"
#include "neurons-training-options.h"

/* Training runs in chunks of this many samples; between chunks the weights are checked and
 * the progress is shown, so neither costs anything per sample. */
#define CHUNK_SAMPLES 4096
#define MAX_EPOCHS    1000000
#define BENCH_RUNS    5

/* Every failure of this program is reported this way, on stderr, and makes it exit with 1. */
static int fail (const char *format,
                 ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the message after "error:" is translated on its own */
  g_printerr (_("neurons-cli: error: %s\n"), message);
  return EXIT_FAILURE;
}

static int
report_error (const GError *error)
{
  return fail ("%s", error->message);
}

static GOptionContext *
command_option_context_new (const char         *command,
                            const char         *parameters,
                            const char         *summary,
                            const char         *description,
                            const GOptionEntry *entries)
{
  g_autofree char *program = g_strdup_printf ("neurons-cli %s", command);
  GOptionContext *context = g_option_context_new (parameters);

  /* "Usage: neurons-cli train [OPTION…]" in --help */
  g_set_prgname (program);
  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

/* Parses a command's options; on a mistake, says what is wrong and where to read more. */
static gboolean
parse_command_line (GOptionContext   *context,
                    const char       *command,
                    int              *argc,
                    char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;

  report_error (error);
  g_printerr (_("Run “neurons-cli %s --help” to see the options.\n"), command);
  return FALSE;
}

static gboolean
parse_count (const char  *option,
             const char  *text,
             guint64      max,
             guint64     *value,
             GError     **error)
{
  g_autofree char *max_text = NULL;

  if (g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL))
    return TRUE;

  max_text = g_strdup_printf ("%" G_GUINT64_FORMAT, max);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s wants a whole number from 0 to %s, not “%s”"), option, max_text, text);
  return FALSE;
}

/* Numbers on the command line are read the same way in every locale: 0.3, never 0,3. */
static gboolean
parse_number (const char  *option,
              const char  *text,
              double      *value,
              GError     **error)
{
  char *end = NULL;

  errno = 0;
  *value = g_ascii_strtod (text, &end);
  if (text[0] != '\0' && *end == '\0' && errno == 0)
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s wants a number such as 0.3, not “%s”"), option, text);
  return FALSE;
}

static gboolean
refuse_arguments (const char  *command,
                  int          argc,
                  char       **argv,
                  int          expected,
                  GError     **error)
{
  if (argc <= expected)
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
               _("“neurons-cli %s” does not take the argument “%s”"), command, argv[expected]);
  return FALSE;
}

static gboolean
load_datasets (const char      *data_directory,
               NeuronsDataset **train,
               NeuronsDataset **test,
               GError         **error)
{
  g_autofree char *default_directory = NULL;

  if (data_directory == NULL)
    data_directory = default_directory = neurons_dataset_find_default_directory ();

  return neurons_dataset_load_directory (data_directory, train, test, error);
}

static char *
format_percent (double fraction)
{
  return g_strdup_printf ("%.2f %%", 100 * fraction);
}

/* Progress on stderr: a bar that redraws itself on a terminal, a line per tenth otherwise. */
typedef struct
{
  gboolean terminal;
  guint64  total;
  guint64  next_line;
  gint64   last_draw;
} Progress;

static void
progress_init (Progress *progress,
               guint64   total)
{
  progress->terminal = isatty (STDERR_FILENO);
  progress->total = total;
  progress->next_line = (total + 9) / 10;
  progress->last_draw = 0;
}

static void
progress_update (Progress *progress,
                 guint64   done)
{
  guint percent;

  if (progress->total == 0)
    return;

  percent = (guint) (100 * done / progress->total);

  if (progress->terminal)
    {
      enum { BAR_WIDTH = 40 };
      char bar[BAR_WIDTH + 1];
      guint filled = (guint) (BAR_WIDTH * done / progress->total);
      gint64 now = g_get_monotonic_time ();

      if (done < progress->total && now - progress->last_draw < G_USEC_PER_SEC / 10)
        return;
      progress->last_draw = now;

      for (guint i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < filled ? '#' : '-';
      bar[BAR_WIDTH] = '\0';
      g_printerr ("\r[%s] %3u %%  %" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT,
                  bar, percent, done, progress->total);
    }
  else if (done >= progress->next_line)
    {
      g_printerr (_("trained %llu of %llu samples (%u %%)\n"),
                  (unsigned long long) done, (unsigned long long) progress->total, percent);
      while (progress->next_line <= done)
        progress->next_line += (progress->total + 9) / 10;
    }
}

/* Makes room on a terminal for a line of results under the bar. */
static void
progress_clear (Progress *progress)
{
  if (progress->terminal && progress->total > 0)
    g_printerr ("\r\033[K");
  progress->last_draw = 0;
}

static void
print_test_accuracy (const NeuronsMlp     *mlp,
                     const NeuronsDataset *test,
                     guint64               samples_seen,
                     guint                 n_train)
{
  NeuronsEvaluation evaluation;
  g_autofree char *accuracy = NULL;

  neurons_evaluate (mlp, test, &evaluation);
  accuracy = format_percent (neurons_evaluation_accuracy (&evaluation));

  if (n_train > 0 && samples_seen > 0 && samples_seen % n_train == 0)
    g_print (_("epoch %llu (%llu samples seen): test accuracy %s\n"),
             (unsigned long long) (samples_seen / n_train), (unsigned long long) samples_seen,
             accuracy);
  else
    g_print (_("%llu samples seen: test accuracy %s\n"), (unsigned long long) samples_seen,
             accuracy);
}

static void
set_diverged_error (GError  **error,
                    guint64   n_samples,
                    double    learning_rate)
{
  g_set_error (error, NEURONS_TRAINING_ERROR, NEURONS_TRAINING_ERROR_DIVERGED,
               _("training diverged after %llu samples: the weights became NaN or infinite; "
                 "try a smaller learning rate (now %g)"),
               (unsigned long long) n_samples, learning_rate);
}

/* How far a training run goes before it stops to check the weights and show its progress. */
static guint64
chunk_end (const NeuronsSgd   *sgd,
           const Progress     *progress,
           NeuronsCheckpoints *checkpoints,
           guint64             first,
           guint64             end)
{
  guint n = sgd->dataset->n_images;
  guint64 s = sgd->samples_seen;
  guint64 stop = MIN (end, MIN ((s / n + 1) * n, s + CHUNK_SAMPLES));

  if (checkpoints != NULL)
    stop = MIN (stop, neurons_checkpoints_next_due (checkpoints, s, n));

  /* Plain progress lines fall on whole tenths of the run. */
  if (!progress->terminal)
    stop = MIN (stop, first + progress->next_line);
  return stop;
}

/* Keeps a checkpoint if one is due after this many samples. */
static void
keep_checkpoint (NeuronsCheckpoints           *checkpoints,
                 const NeuronsMlp             *mlp,
                 const NeuronsSgd             *sgd,
                 const NeuronsNetworkSettings *settings)
{
  if (checkpoints != NULL
      && neurons_checkpoints_is_due (checkpoints, sgd->samples_seen, sgd->dataset->n_images))
    neurons_checkpoints_record_training (checkpoints, mlp, sgd->samples_seen, sgd->running_cost,
                                         (float) settings->learning_rate, &sgd->options,
                                         sgd->state, sgd->dataset->n_images);
}

/*
 * Trains n_steps samples, continuing from settings->samples_seen: sample number s is the one at
 * position s % n of epoch s / n, so a run split in two gives the same network as one run.
 * Prints the test accuracy after every epoch, and once more at the end if that is mid-epoch.
 * With @checkpoints, keeps the run's checkpoints there, as the window does.
 */
static gboolean
train_samples (NeuronsMlp             *mlp,
               NeuronsNetworkSettings *settings,
               NeuronsNetworkTraining *training,
               NeuronsSampleOrder      sample_order,
               guint64                 n_steps,
               NeuronsDataset         *train,
               const NeuronsDataset   *test,
               NeuronsCheckpoints     *checkpoints,
               GError                **error)
{
  g_autoptr(NeuronsSgd) sgd = neurons_sgd_new (train, settings->seed, sample_order);
  guint n = train->n_images;
  guint64 first = settings->samples_seen;
  guint64 end = first + n_steps;
  Progress progress;

  neurons_sgd_resume (sgd, settings->seed, first, 0);
  neurons_sgd_set_options (sgd, &training->options);
  neurons_sgd_set_optimizer_state (sgd, training->optimizer_state);
  progress_init (&progress, n_steps);
  keep_checkpoint (checkpoints, mlp, sgd, settings);

  while (sgd->samples_seen < end)
    {
      guint64 stop = chunk_end (sgd, &progress, checkpoints, first, end);

      if (!neurons_sgd_train (sgd, mlp, (float) settings->learning_rate, stop - sgd->samples_seen))
        {
          progress_clear (&progress);
          set_diverged_error (error, sgd->samples_seen - first, settings->learning_rate);
          return FALSE;
        }

      settings->samples_seen = sgd->samples_seen;
      progress_update (&progress, sgd->samples_seen - first);
      keep_checkpoint (checkpoints, mlp, sgd, settings);

      if (sgd->samples_seen % n == 0)
        {
          progress_clear (&progress);
          print_test_accuracy (mlp, test, sgd->samples_seen, n);
        }
    }

  progress_clear (&progress);
  if (n_steps == 0 || end % n != 0)
    print_test_accuracy (mlp, test, end, n);

  g_clear_pointer (&training->optimizer_state, neurons_optimizer_state_free);
  if (neurons_training_options_needs_state (&training->options))
    training->optimizer_state = neurons_optimizer_state_copy (neurons_sgd_get_optimizer_state (sgd));

  /* The end of the run is a checkpoint too, off the schedule: it goes when the run goes on. */
  if (checkpoints != NULL)
    neurons_checkpoints_record_training (checkpoints, mlp, sgd->samples_seen, sgd->running_cost,
                                         (float) settings->learning_rate, &sgd->options,
                                         neurons_sgd_get_optimizer_state (sgd), n);

  return TRUE;
}

/* How the network trains, as typed: shared by train and bench. */
typedef struct
{
  char *output_name;
  char *optimizer_name;
  char *momentum_text;
  char *batch_text;
  char *schedule_name;
  char *schedule_samples_text;
  char *l2_text;
  char *dropout_text;
  char *augment_text;
} OptionArguments;

static void
option_arguments_clear (OptionArguments *arguments)
{
  g_free (arguments->output_name);
  g_free (arguments->optimizer_name);
  g_free (arguments->momentum_text);
  g_free (arguments->batch_text);
  g_free (arguments->schedule_name);
  g_free (arguments->schedule_samples_text);
  g_free (arguments->l2_text);
  g_free (arguments->dropout_text);
  g_free (arguments->augment_text);
}

#define OPTION_ENTRIES(arguments) \
    { "output", 0, 0, G_OPTION_ARG_STRING, &(arguments)->output_name, \
      N_("Output layer: sigmoid (with the quadratic cost, the default) or softmax (with cross-entropy)"), \
      N_("NAME") }, \
    { "optimizer", 0, 0, G_OPTION_ARG_STRING, &(arguments)->optimizer_name, \
      N_("sgd (the default), momentum or adam"), N_("NAME") }, \
    { "momentum", 0, 0, G_OPTION_ARG_STRING, &(arguments)->momentum_text, \
      N_("β of momentum, β₁ of Adam: at least 0 and below 1 (default: 0.9)"), N_("B") }, \
    { "batch", 0, 0, G_OPTION_ARG_STRING, &(arguments)->batch_text, \
      N_("Samples per step, 1 to 256, their gradients averaged (default: 1)"), N_("N") }, \
    { "schedule", 0, 0, G_OPTION_ARG_STRING, &(arguments)->schedule_name, \
      N_("Learning rate over the run: constant (the default), step, cosine or one-cycle"), \
      N_("NAME") }, \
    { "schedule-samples", 0, 0, G_OPTION_ARG_STRING, &(arguments)->schedule_samples_text, \
      N_("Samples the schedule spans (default: to the end of this run)"), N_("N") }, \
    { "l2", 0, 0, G_OPTION_ARG_STRING, &(arguments)->l2_text, \
      N_("L2 weight decay λ, 0 to 0.1 (default: 0)"), N_("X") }, \
    { "dropout", 0, 0, G_OPTION_ARG_STRING, &(arguments)->dropout_text, \
      N_("Probability of dropping each hidden neuron in training, 0 to 0.9 (default: 0)"), \
      N_("P") }, \
    { "augment", 0, 0, G_OPTION_ARG_STRING, &(arguments)->augment_text, \
      N_("Move each training image at random, as in shift:2,rotate:10,scale:0.1 (default: none)"), \
      N_("SPEC") }

/* Which options were given, to override those of a network read with --in. */
typedef enum
{
  GIVEN_OPTIMIZER = 1 << 0,
  GIVEN_MOMENTUM  = 1 << 1,
  GIVEN_BATCH     = 1 << 2,
  GIVEN_SCHEDULE  = 1 << 3,
  GIVEN_SCHEDULE_SAMPLES = 1 << 4,
  GIVEN_L2        = 1 << 5,
  GIVEN_DROPOUT   = 1 << 6,
  GIVEN_AUGMENT   = 1 << 7,
  GIVEN_OUTPUT    = 1 << 8,
} GivenOptions;

static gboolean refuse (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Reads the options as typed into options, and which were given; each is checked. The
 * schedule's span, unless given, is left for the caller to set. The options are named with
 * the prefix in messages: "" for train's --batch, "a-" for race's --a-batch. */
static gboolean
plan_options (const char              *prefix,
              const OptionArguments   *arguments,
              NeuronsTrainingOptions  *options,
              GivenOptions            *given,
              GError                 **error)
{
  g_autofree char *momentum_option = g_strdup_printf ("--%smomentum", prefix);
  g_autofree char *batch_option = g_strdup_printf ("--%sbatch", prefix);
  g_autofree char *schedule_samples_option = g_strdup_printf ("--%sschedule-samples", prefix);
  g_autofree char *l2_option = g_strdup_printf ("--%sl2", prefix);
  g_autofree char *dropout_option = g_strdup_printf ("--%sdropout", prefix);
  guint64 count;

  neurons_training_options_init (options);
  *given = 0;

  if (arguments->output_name != NULL)
    {
      if (!neurons_output_from_string (arguments->output_name, &options->output))
        return refuse (error, _("unknown output “%s”; use sigmoid or softmax"), arguments->output_name);
      *given |= GIVEN_OUTPUT;
    }
  if (arguments->optimizer_name != NULL)
    {
      if (!neurons_optimizer_from_string (arguments->optimizer_name, &options->optimizer))
        return refuse (error, _("unknown optimizer “%s”; use sgd, momentum or adam"),
                       arguments->optimizer_name);
      *given |= GIVEN_OPTIMIZER;
    }
  if (arguments->momentum_text != NULL)
    {
      if (!parse_number (momentum_option, arguments->momentum_text, &options->momentum, error))
        return FALSE;
      *given |= GIVEN_MOMENTUM;
    }
  if (arguments->batch_text != NULL)
    {
      if (!parse_count (batch_option, arguments->batch_text, G_MAXUINT32, &count, error))
        return FALSE;
      options->batch_size = (guint) count;
      *given |= GIVEN_BATCH;
    }
  if (arguments->schedule_name != NULL)
    {
      if (!neurons_schedule_from_string (arguments->schedule_name, &options->schedule))
        return refuse (error, _("unknown schedule “%s”; use constant, step, cosine or one-cycle"),
                       arguments->schedule_name);
      *given |= GIVEN_SCHEDULE;
    }
  if (arguments->schedule_samples_text != NULL)
    {
      if (!parse_count (schedule_samples_option, arguments->schedule_samples_text, G_MAXINT64,
                        &options->schedule_samples, error))
        return FALSE;
      if (options->schedule_samples == 0)
        return refuse (error, _("%s wants a number of samples above 0"), schedule_samples_option);
      *given |= GIVEN_SCHEDULE_SAMPLES;
    }
  if (arguments->l2_text != NULL)
    {
      if (!parse_number (l2_option, arguments->l2_text, &options->l2, error))
        return FALSE;
      *given |= GIVEN_L2;
    }
  if (arguments->dropout_text != NULL)
    {
      if (!parse_number (dropout_option, arguments->dropout_text, &options->dropout, error))
        return FALSE;
      *given |= GIVEN_DROPOUT;
    }
  if (arguments->augment_text != NULL)
    {
      if (!neurons_augmentation_parse (arguments->augment_text, options, error))
        return FALSE;
      *given |= GIVEN_AUGMENT;
    }

  /* Checked with a span in place, which the caller may still set */
  {
    NeuronsTrainingOptions checked = *options;

    if (checked.schedule_samples == 0)
      checked.schedule_samples = 1;
    if (!neurons_training_options_validate (&checked, error))
      return FALSE;
  }

  return TRUE;
}

/* Options, with those given on the command line instead: a network's read with --in, or a
 * race's preset's. */
static void
apply_given_options (NeuronsTrainingOptions       *options,
                     const NeuronsTrainingOptions *given_options,
                     GivenOptions                  given)
{
  if (given & GIVEN_OUTPUT)
    options->output = given_options->output;
  if (given & GIVEN_OPTIMIZER)
    options->optimizer = given_options->optimizer;
  if (given & GIVEN_MOMENTUM)
    options->momentum = given_options->momentum;
  if (given & GIVEN_BATCH)
    options->batch_size = given_options->batch_size;
  if (given & GIVEN_SCHEDULE)
    {
      options->schedule = given_options->schedule;
      options->schedule_samples = 0;
    }
  if (given & GIVEN_SCHEDULE_SAMPLES)
    options->schedule_samples = given_options->schedule_samples;
  if (given & GIVEN_L2)
    options->l2 = given_options->l2;
  if (given & GIVEN_DROPOUT)
    options->dropout = given_options->dropout;
  if (given & GIVEN_AUGMENT)
    {
      options->augment_shift = given_options->augment_shift;
      options->augment_rotate = given_options->augment_rotate;
      options->augment_scale = given_options->augment_scale;
    }
}

/* The options of a network read with --in, with those given on the command line instead. A
 * change of optimiser or batch starts the optimiser afresh. */
static void
override_options (NeuronsNetworkTraining       *training,
                  const NeuronsTrainingOptions *given_options,
                  GivenOptions                  given)
{
  NeuronsTrainingOptions *options = &training->options;
  NeuronsTrainingOptions before = *options;

  apply_given_options (options, given_options, given);
  if (options->optimizer != before.optimizer || options->batch_size != before.batch_size
      || options->momentum != before.momentum)
    g_clear_pointer (&training->optimizer_state, neurons_optimizer_state_free);
}

/* What `train` was told, as typed. */
typedef struct
{
  char *data_directory;
  char *activation_name;
  char *init_name;
  char *learning_rate_text;
  char *seed_text;
  char *epochs_text;
  char *steps_text;
  char *order_name;
  char *in_path;
  char *out_path;
  char *checkpoints_path;
  OptionArguments options;
} TrainArguments;

static void
train_arguments_clear (TrainArguments *arguments)
{
  g_free (arguments->data_directory);
  g_free (arguments->activation_name);
  g_free (arguments->init_name);
  g_free (arguments->learning_rate_text);
  g_free (arguments->seed_text);
  g_free (arguments->epochs_text);
  g_free (arguments->steps_text);
  g_free (arguments->order_name);
  g_free (arguments->in_path);
  g_free (arguments->out_path);
  g_free (arguments->checkpoints_path);
  option_arguments_clear (&arguments->options);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrainArguments, train_arguments_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OptionArguments, option_arguments_clear)

/* What `train` will do, once every argument is checked. */
typedef struct
{
  NeuronsActivation       activation;
  NeuronsNetworkSettings  settings;         /* of a new network */
  NeuronsSampleOrder      sample_order;
  gboolean                has_learning_rate;
  double                  learning_rate;
  gboolean                count_in_steps;
  guint64                 count;            /* epochs, or steps with count_in_steps */
  NeuronsTrainingOptions  options;
  GivenOptions            given;            /* which options override those of --in */
} TrainPlan;

static gboolean
parse_train_arguments (TrainArguments   *arguments,
                       int              *argc,
                       char           ***argv)
{
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &arguments->data_directory,
      N_("Folder with the MNIST files (default: the one that comes with Neurons)"), N_("DIR") },
    { "activation", 0, 0, G_OPTION_ARG_STRING, &arguments->activation_name,
      N_("Activation of the hidden layers: sigmoid or relu (default: sigmoid)"), N_("NAME") },
    { "init", 0, 0, G_OPTION_ARG_STRING, &arguments->init_name,
      N_("Initial weights: he, xavier or uniform (default: the one that suits the activation)"),
      N_("NAME") },
    { "lr", 0, 0, G_OPTION_ARG_STRING, &arguments->learning_rate_text,
      N_("Learning rate (default: 0.30 for sigmoid, 0.05 for relu)"), N_("X") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &arguments->seed_text,
      N_("Seed of the initial weights and of the shuffles (default: 7)"), N_("N") },
    { "epochs", 0, 0, G_OPTION_ARG_STRING, &arguments->epochs_text,
      N_("Train N passes over the training set (default: 1)"), N_("N") },
    { "steps", 0, 0, G_OPTION_ARG_STRING, &arguments->steps_text,
      N_("Train N samples instead (0: only initialise the network)"), N_("N") },
    { "order", 0, 0, G_OPTION_ARG_STRING, &arguments->order_name,
      N_("shuffled (a new order each epoch, the default) or sequential (file order)"),
      N_("ORDER") },
    { "in", 0, 0, G_OPTION_ARG_FILENAME, &arguments->in_path,
      N_("Continue training a saved network"), N_("FILE") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &arguments->out_path,
      N_("Save the trained network here (without it, nothing is saved)"), N_("FILE") },
    { "checkpoints", 0, 0, G_OPTION_ARG_FILENAME, &arguments->checkpoints_path,
      N_("Save the trained network here with the checkpoints of its run, to rewind to or to "
         "measure with eval --checkpoints"), N_("FILE") },
    OPTION_ENTRIES (&arguments->options),
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = command_option_context_new ("train", NULL,
    _("Trains the 784 → 16 → 16 → 10 network on MNIST, one sample at a time unless told "
      "otherwise, and prints the test accuracy after each epoch."),
    _("Without --init, relu starts from he and sigmoid from xavier; without --lr, relu uses "
      "0.05 and sigmoid 0.30.\n"
      "With --in, the saved network keeps its activation, initial weights, seed and learning rate "
      "(--lr changes it) and continues where its epochs left off, and its checkpoints with it.\n"
      "It keeps its training options and its optimiser's state too; an option given changes it, "
      "and a change of optimizer, momentum or batch starts the optimiser afresh.\n"
      "The same options give the same file, bit for bit."),
    entries);
  if (!parse_command_line (context, "train", argc, argv))
    return FALSE;
  if (!refuse_arguments ("train", *argc, *argv, 1, &error))
    {
      report_error (error);
      return FALSE;
    }
  return TRUE;
}

/* Sets a GError with the message, so that it is reported like any other. */
static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, format, args));
  va_end (args);
  return FALSE;
}

/* Every option is checked before anything is read, so a typo fails at once. */
static gboolean
plan_training (const TrainArguments  *arguments,
               TrainPlan             *plan,
               GError               **error)
{
  memset (plan, 0, sizeof *plan);
  plan->activation = NEURONS_ACTIVATION_SIGMOID;
  plan->sample_order = NEURONS_SAMPLE_ORDER_SHUFFLED;
  plan->count = 1;
  plan->count_in_steps = arguments->steps_text != NULL;
  plan->has_learning_rate = arguments->learning_rate_text != NULL;

  if (arguments->in_path != NULL
      && (arguments->activation_name != NULL || arguments->init_name != NULL || arguments->seed_text != NULL))
    return refuse (error, _("--activation, --init and --seed describe a new network; "
                            "a network read with --in keeps its own"));
  if (arguments->in_path != NULL && arguments->options.output_name != NULL)
    return refuse (error, _("--output describes a new network; a network read with --in keeps its own"));
  if (arguments->epochs_text != NULL && arguments->steps_text != NULL)
    return refuse (error, _("give either --epochs or --steps, not both"));
  if (arguments->activation_name != NULL
      && !neurons_activation_from_string (arguments->activation_name, &plan->activation))
    return refuse (error, _("unknown activation “%s”; use sigmoid or relu"), arguments->activation_name);
  plan->settings.initialization = neurons_suggested_init (plan->activation);
  if (arguments->init_name != NULL
      && !neurons_init_from_string (arguments->init_name, &plan->settings.initialization))
    return refuse (error, _("unknown initialisation “%s”; use he, xavier or uniform"), arguments->init_name);
  if (arguments->order_name != NULL && !g_str_equal (arguments->order_name, "shuffled"))
    {
      if (!g_str_equal (arguments->order_name, "sequential"))
        return refuse (error, _("unknown order “%s”; use shuffled or sequential"), arguments->order_name);
      plan->sample_order = NEURONS_SAMPLE_ORDER_SEQUENTIAL;
    }
  plan->settings.seed = NEURONS_DEFAULT_SEED;
  if (arguments->seed_text != NULL
      && !parse_count ("--seed", arguments->seed_text, G_MAXINT64, &plan->settings.seed, error))
    return FALSE;
  if (arguments->epochs_text != NULL
      && !parse_count ("--epochs", arguments->epochs_text, MAX_EPOCHS, &plan->count, error))
    return FALSE;
  if (arguments->steps_text != NULL
      && !parse_count ("--steps", arguments->steps_text, G_MAXINT64, &plan->count, error))
    return FALSE;
  if (arguments->learning_rate_text != NULL
      && (!parse_number ("--lr", arguments->learning_rate_text, &plan->learning_rate, error)
          || !neurons_validate_learning_rate (plan->learning_rate, error)))
    return FALSE;

  return plan_options ("", &arguments->options, &plan->options, &plan->given, error);
}

/* The network to train: the one read with --in, or a new one as the plan says. */
static NeuronsMlp *
open_network (const TrainArguments    *arguments,
              const TrainPlan         *plan,
              NeuronsNetworkSettings  *settings,
              NeuronsNetworkTraining  *training,
              NeuronsCheckpoints     **checkpoints,
              GError                 **error)
{
  NeuronsMlp *mlp;

  if (arguments->in_path != NULL)
    {
      mlp = neurons_network_file_load_full (arguments->in_path, settings, training, checkpoints, error);
      if (mlp == NULL)
        return NULL;
      override_options (training, &plan->options, plan->given);
    }
  else
    {
      *settings = plan->settings;
      mlp = neurons_mlp_new ();
      neurons_mlp_init (mlp, plan->activation, settings->initialization, settings->seed);
      mlp->output = plan->options.output;
      settings->learning_rate = neurons_default_learning_rate (plan->activation);
      training->options = plan->options;
    }
  if (plan->has_learning_rate)
    settings->learning_rate = plan->learning_rate;

  return mlp;
}

static int
command_train (int    argc,
               char **argv)
{
  g_auto(TrainArguments) arguments = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autoptr(NeuronsMlp) mlp = NULL;
  g_autoptr(NeuronsCheckpoints) checkpoints = NULL;
  g_auto(NeuronsNetworkTraining) training = { { 0 } };
  NeuronsNetworkSettings settings = { 0 };
  TrainPlan plan;
  guint64 n_steps;

  if (!parse_train_arguments (&arguments, &argc, &argv))
    return EXIT_FAILURE;
  if (!plan_training (&arguments, &plan, &error))
    return report_error (error);

  neurons_network_training_init (&training);
  mlp = open_network (&arguments, &plan, &settings, &training, &checkpoints, &error);
  if (mlp == NULL || !load_datasets (arguments.data_directory, &train, &test, &error))
    return report_error (error);

  n_steps = plan.count_in_steps ? plan.count : plan.count * train->n_images;
  if (n_steps > (guint64) G_MAXINT64 - settings.samples_seen)
    return fail (_("that many samples cannot be counted"));

  /* A run read with --in goes on with its own checkpoints. */
  if (arguments.checkpoints_path == NULL)
    g_clear_pointer (&checkpoints, neurons_checkpoints_unref);
  else if (checkpoints == NULL)
    checkpoints = neurons_checkpoints_new (NEURONS_CHECKPOINTS_BUDGET);

  /* A schedule with no span given spans the run up to the end of this one */
  if (training.options.schedule != NEURONS_SCHEDULE_CONSTANT && training.options.schedule_samples == 0)
    training.options.schedule_samples = MAX (1, settings.samples_seen + n_steps);

  if (!train_samples (mlp, &settings, &training, plan.sample_order, n_steps, train, test, checkpoints, &error))
    return report_error (error);

  if (arguments.out_path != NULL)
    {
      if (!neurons_network_file_save_full (arguments.out_path, mlp, &settings, &training, NULL,
                                           &error))
        return report_error (error);
      g_print (_("saved to %s\n"), arguments.out_path);
    }
  if (arguments.checkpoints_path != NULL)
    {
      if (!neurons_network_file_save_full (arguments.checkpoints_path, mlp, &settings, &training,
                                           checkpoints, &error))
        return report_error (error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "saved with %u checkpoint to %s\n",
                            "saved with %u checkpoints to %s\n",
                            neurons_checkpoints_get_length (checkpoints)),
               neurons_checkpoints_get_length (checkpoints), arguments.checkpoints_path);
    }

  return EXIT_SUCCESS;
}

/* One CSV line per checkpoint of a saved run: how accuracy grew. */
static int
eval_checkpoints (const char *path,
                  const char *data_directory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autoptr(NeuronsMlp) mlp = NULL;
  g_autoptr(NeuronsCheckpoints) checkpoints = NULL;
  NeuronsNetworkSettings settings;

  mlp = neurons_network_file_load_full (path, &settings, NULL, &checkpoints, &error);
  if (mlp == NULL || !load_datasets (data_directory, &train, &test, &error))
    return report_error (error);
  if (checkpoints == NULL)
    return fail (_("%s has no checkpoints; save a run with neurons-cli train --checkpoints, "
                   "or from the window"), path);

  g_print ("samples,accuracy,cost\n");
  for (guint i = 0; i < neurons_checkpoints_get_length (checkpoints); i++)
    {
      NeuronsCheckpoint checkpoint;
      NeuronsEvaluation evaluation;
      char accuracy[G_ASCII_DTOSTR_BUF_SIZE];
      char cost[G_ASCII_DTOSTR_BUF_SIZE];

      neurons_checkpoints_get (checkpoints, i, &checkpoint, mlp);
      neurons_evaluate (mlp, test, &evaluation);
      g_ascii_formatd (accuracy, sizeof accuracy, "%.4f", neurons_evaluation_accuracy (&evaluation));
      g_ascii_formatd (cost, sizeof cost, "%.6f", checkpoint.running_cost);
      g_print ("%" G_GUINT64_FORMAT ",%s,%s\n", checkpoint.samples_seen, accuracy, cost);
    }

  return EXIT_SUCCESS;
}

/* The options as the flags of train that give them, in the C locale: one line to read and to
 * paste. */
static char *
options_as_flags (const NeuronsTrainingOptions *options)
{
  GString *flags = g_string_new (NULL);
  g_autofree char *augment = neurons_augmentation_to_string (options);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (flags, "--output %s --optimizer %s", neurons_output_to_string (options->output),
                          neurons_optimizer_to_string (options->optimizer));
  if (options->optimizer != NEURONS_OPTIMIZER_SGD)
    g_string_append_printf (flags, " --momentum %s",
                            g_ascii_formatd (number, sizeof number, "%g", options->momentum));
  g_string_append_printf (flags, " --batch %u --schedule %s", options->batch_size,
                          neurons_schedule_to_string (options->schedule));
  if (options->schedule != NEURONS_SCHEDULE_CONSTANT)
    g_string_append_printf (flags, " --schedule-samples %" G_GUINT64_FORMAT, options->schedule_samples);
  g_string_append_printf (flags, " --l2 %s", g_ascii_formatd (number, sizeof number, "%g", options->l2));
  g_string_append_printf (flags, " --dropout %s --augment %s",
                          g_ascii_formatd (number, sizeof number, "%g", options->dropout), augment);
  return g_string_free (flags, FALSE);
}

static int
command_eval (int    argc,
              char **argv)
{
  g_autofree char *data_directory = NULL;
  g_autofree char *checkpoints_path = NULL;
  g_autofree char *silence = NULL;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_directory,
      N_("Folder with the MNIST files (default: the one that comes with Neurons)"), N_("DIR") },
    { "checkpoints", 0, 0, G_OPTION_ARG_FILENAME, &checkpoints_path,
      N_("Measure every checkpoint of a saved run instead, and print CSV: samples, test "
         "accuracy (0 to 1) and running training cost"), N_("FILE") },
    { "silence", 0, 0, G_OPTION_ARG_STRING, &silence,
      N_("Hidden neurons to silence (they output 0), as LAYER:NEURON,…: layers 1 and 2, neurons 1 to 16, counted as the window counts them"),
      N_("L:N,…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autoptr(NeuronsMlp) mlp = NULL;
  g_autofree char *accuracy = NULL;
  g_autofree char *flags = NULL;
  g_auto(NeuronsNetworkTraining) training = { { 0 } };
  NeuronsNetworkSettings settings;
  NeuronsEvaluation evaluation;
  NeuronsLesion lesion = { { 0 } };

  context = command_option_context_new ("eval", _("FILE"),
    _("Measures a saved network on the 10 000 test images: the accuracy, the accuracy per "
      "digit, and which digits it takes for which."),
    NULL, entries);
  if (!parse_command_line (context, "eval", &argc, &argv))
    return EXIT_FAILURE;
  if (checkpoints_path != NULL)
    {
      if (!refuse_arguments ("eval", argc, argv, 1, &error))
        return report_error (error);
      return eval_checkpoints (checkpoints_path, data_directory);
    }
  if (argc < 2)
    return fail (_("eval needs the network file to measure"));
  if (!refuse_arguments ("eval", argc, argv, 2, &error))
    return report_error (error);
  if (silence != NULL && !neurons_lesion_parse (silence, &lesion, &error))
    return fail (_("--silence: %s"), error->message);

  neurons_network_training_init (&training);
  mlp = neurons_network_file_load_full (argv[1], &settings, &training, NULL, &error);
  if (mlp == NULL || !load_datasets (data_directory, &train, &test, &error))
    return report_error (error);

  neurons_evaluate_lesioned (mlp, &lesion, test, &evaluation, NULL);
  accuracy = format_percent (neurons_evaluation_accuracy (&evaluation));

  g_print (_("%s: %s hidden layers, %s initial weights, learning rate %g, %llu samples seen\n"),
           argv[1], neurons_activation_to_string (mlp->hidden_activation),
           neurons_init_to_string (settings.initialization), settings.learning_rate,
           (unsigned long long) settings.samples_seen);
  training.options.output = mlp->output;
  flags = options_as_flags (&training.options);
  /* Translators: %s is the options as the flags of neurons-cli train, which stay as they are */
  g_print (_("Trained with: %s\n"), flags);
  if (!neurons_lesion_is_empty (&lesion))
    {
      g_autofree char *silenced = neurons_lesion_to_string (&lesion);

      g_print (_("Silenced neurons (layer:neuron): %s\n"), silenced);
    }
  g_print (_("Test accuracy: %s (%u of %u images)\n"),
           accuracy, evaluation.n_correct, evaluation.n_samples);
  g_print (_("First-layer neurons that fire for no test image: %u of %u\n"),
           evaluation.dead_hidden1, NEURONS_HIDDEN1_SIZE);

  g_print ("\n%s\n", _("Digit  Correct  Images  Accuracy"));
  for (guint digit = 0; digit < NEURONS_OUTPUT_SIZE; digit++)
    {
      guint total = evaluation.per_digit_total[digit];
      g_autofree char *digit_accuracy =
        format_percent (total > 0 ? (double) evaluation.per_digit_correct[digit] / total : 0);

      g_print ("%5u  %7u  %6u  %8s\n", digit, evaluation.per_digit_correct[digit], total,
               digit_accuracy);
    }

  g_print ("\n%s\n", _("Confusion matrix (rows: true digit, columns: the network's answer)"));
  g_print ("     ");
  for (guint predicted = 0; predicted < NEURONS_OUTPUT_SIZE; predicted++)
    g_print ("%6u", predicted);
  g_print ("\n");
  for (guint digit = 0; digit < NEURONS_OUTPUT_SIZE; digit++)
    {
      g_print ("%5u", digit);
      for (guint predicted = 0; predicted < NEURONS_OUTPUT_SIZE; predicted++)
        g_print ("%6u", evaluation.confusion[digit][predicted]);
      g_print ("\n");
    }

  return EXIT_SUCCESS;
}

/* "L:N", a layer (1 and 2 hidden, 3 the output) and a neuron in it, both counted from 1 as the
 * window counts them; stored counted from 0. */
static gboolean
parse_neuron (const char  *text,
              int         *layer,
              int         *neuron,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint64 l, n;

  if (g_strv_length (parts) == 2
      && g_ascii_string_to_unsigned (parts[0], 10, 1, NEURONS_N_LAYERS, &l, NULL)
      && g_ascii_string_to_unsigned (parts[1], 10, 1, neurons_layer_n_outputs (l - 1), &n, NULL))
    {
      *layer = (int) l - 1;
      *neuron = (int) n - 1;
      return TRUE;
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--neuron wants a layer from 1 to 3 and a neuron in it, such as 1:5, not “%s”"), text);
  return FALSE;
}

/* One line: the name, a tab, the digit, a tab, the ten outputs, and with --neuron a tab, its z,
 * a tab and its a. The numbers are in the C locale, for scripts. */
static void
print_classification (const char           *name,
                      const NeuronsForward *forward,
                      int                   layer,
                      int                   neuron)
{
  g_autoptr(GString) line = g_string_new (name);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (line, "\t%u\t", forward->prediction);
  for (guint o = 0; o < NEURONS_OUTPUT_SIZE; o++)
    {
      g_string_append (line, g_ascii_formatd (number, sizeof number, "%.6f", forward->a3[o]));
      if (o + 1 < NEURONS_OUTPUT_SIZE)
        g_string_append_c (line, ' ');
    }

  if (layer >= 0)
    {
      const float *z = layer == 0 ? forward->z1 : layer == 1 ? forward->z2 : forward->z3;
      const float *a = layer == 0 ? forward->a1 : layer == 1 ? forward->a2 : forward->a3;

      g_string_append_c (line, '\t');
      g_string_append (line, g_ascii_formatd (number, sizeof number, "%.6f", z[neuron]));
      g_string_append_c (line, '\t');
      g_string_append (line, g_ascii_formatd (number, sizeof number, "%.6f", a[neuron]));
    }

  g_string_append_c (line, '\n');
  fputs (line->str, stdout);
}

/* Image `index` of a dataset, by number, as the window names the image it shows. */
static gboolean
dataset_image (const NeuronsDataset  *dataset,
               const char            *option,
               gint64                 index,
               guint8                *pixels,
               GError               **error)
{
  guint64 checked;
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, index);

  if (!parse_count (option, text, dataset->n_images - 1, &checked, error))
    return FALSE;

  memcpy (pixels, neurons_dataset_image (dataset, (guint) checked), NEURONS_INPUT_SIZE);
  return TRUE;
}

/* An image that cannot be read is reported and skipped; the others are still classified, and the
 * exit status says that something failed. */
static int
command_classify (int    argc,
                  char **argv)
{
  g_autofree char *neuron_text = NULL;
  g_autofree char *data_directory = NULL;
  gint64 training_image = -1, test_image = -1;
  const GOptionEntry entries[] = {
    { "neuron", 0, 0, G_OPTION_ARG_STRING, &neuron_text,
      N_("Also print the weighted sum z and the activation a of this neuron: layer 1 or 2 "
         "(hidden) or 3 (output), and its number, counted from 1"), N_("LAYER:NEURON") },
    { "training-image", 0, 0, G_OPTION_ARG_INT64, &training_image,
      N_("Classify this image of the training set, counted from 0, as the window numbers it"), N_("INDEX") },
    { "test-image", 0, 0, G_OPTION_ARG_INT64, &test_image,
      N_("Classify this image of the test set, counted from 0"), N_("INDEX") },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_directory,
      N_("Folder with the MNIST files (default: the one that comes with Neurons)"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsMlp) mlp = NULL;
  NeuronsNetworkSettings settings;
  int layer = -1, neuron = -1;
  gboolean from_dataset;
  int status = EXIT_SUCCESS;

  context = command_option_context_new ("classify", _("FILE [IMAGE…]"),
    _("Reads the digit in each PNG or JPEG image with a saved network. Any size and either "
      "polarity will do: the digit is cropped, scaled and centred like MNIST's. An image of "
      "MNIST itself can be named by its number instead."),
    _("Prints one line per image: its name, a tab, the digit, a tab, and the ten outputs of the "
      "network for 0 to 9; with --neuron, then a tab, the neuron's z, a tab and its a.\n"
      "An image that cannot be read is reported on stderr; the others are still classified, "
      "and the exit status is then 1."),
    entries);
  if (!parse_command_line (context, "classify", &argc, &argv))
    return EXIT_FAILURE;
  from_dataset = training_image >= 0 || test_image >= 0;
  if (argc < 2 || (argc < 3 && !from_dataset))
    return fail (_("classify needs a network file and at least one image"));
  if (neuron_text != NULL && !parse_neuron (neuron_text, &layer, &neuron, &error))
    return report_error (error);

  mlp = neurons_network_file_load (argv[1], &settings, &error);
  if (mlp == NULL)
    return report_error (error);

  if (from_dataset)
    {
      g_autoptr(NeuronsDataset) train = NULL;
      g_autoptr(NeuronsDataset) test = NULL;
      const struct { const char *option, *prefix; gint64 index; } picks[] = {
        { "--training-image", "training", training_image },
        { "--test-image", "test", test_image },
      };

      if (!load_datasets (data_directory, &train, &test, &error))
        return report_error (error);

      for (guint p = 0; p < G_N_ELEMENTS (picks); p++)
        {
          guint8 pixels[NEURONS_INPUT_SIZE];
          NeuronsForward forward;
          g_autofree char *name = NULL;

          if (picks[p].index < 0)
            continue;
          if (!dataset_image (p == 0 ? train : test, picks[p].option, picks[p].index, pixels, &error))
            return report_error (error);

          neurons_mlp_forward (mlp, pixels, &forward);
          name = g_strdup_printf ("%s:%" G_GINT64_FORMAT, picks[p].prefix, picks[p].index);
          print_classification (name, &forward, layer, neuron);
        }
    }

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GError) image_error = NULL;
      guint8 pixels[NEURONS_INPUT_SIZE];
      NeuronsForward forward;

      if (!neurons_preprocess_file (argv[i], pixels, &image_error))
        {
          report_error (image_error);
          status = EXIT_FAILURE;
          continue;
        }

      neurons_mlp_forward (mlp, pixels, &forward);
      /* the file name as given, byte for byte */
      print_classification (argv[i], &forward, layer, neuron);
    }

  return status;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Samples per second of one run: a fresh default network trained for run_time microseconds, in
 * the chunks `train` uses, keeping checkpoints as `train --checkpoints` does when given a store. */
static double
bench_run (NeuronsSgd                   *sgd,
           NeuronsMlp                   *mlp,
           const NeuronsTrainingOptions *options,
           NeuronsCheckpoints           *checkpoints,
           gint64                        run_time)
{
  float learning_rate = (float) neurons_default_learning_rate (NEURONS_ACTIVATION_SIGMOID);
  NeuronsNetworkSettings settings = { NEURONS_INIT_XAVIER, learning_rate, NEURONS_DEFAULT_SEED, 0 };
  guint n = sgd->dataset->n_images;
  gint64 start, elapsed;

  /* Adam's steps are of a size of their own: the rate PyTorch suggests */
  if (options->optimizer == NEURONS_OPTIMIZER_ADAM)
    learning_rate = 0.001f;

  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, NEURONS_DEFAULT_SEED);
  mlp->output = options->output;
  neurons_sgd_resume (sgd, NEURONS_DEFAULT_SEED, 0, 0);
  neurons_sgd_set_optimizer_state (sgd, NULL);

  start = g_get_monotonic_time ();
  keep_checkpoint (checkpoints, mlp, sgd, &settings);
  do
    {
      guint64 stop = sgd->samples_seen + CHUNK_SAMPLES;

      if (checkpoints != NULL)
        stop = MIN (stop, neurons_checkpoints_next_due (checkpoints, sgd->samples_seen, n));
      neurons_sgd_train (sgd, mlp, learning_rate, stop - sgd->samples_seen);
      keep_checkpoint (checkpoints, mlp, sgd, &settings);
      elapsed = g_get_monotonic_time () - start;
    }
  while (elapsed < run_time);

  return sgd->samples_seen * (double) G_USEC_PER_SEC / elapsed;
}

/*
 * The training speed of one core: BENCH_RUNS runs, each training a fresh default network for its
 * share of the time over the shuffled training set with the loop `train` uses. The median is the
 * figure to quote; the ink lists and the first shuffle are ready before the clock starts.
 */
static int
command_bench (int    argc,
               char **argv)
{
  g_autofree char *data_directory = NULL;
  g_autofree char *seconds_text = NULL;
  gboolean compare_checkpoints = FALSE;
  g_auto(OptionArguments) option_arguments = { NULL };
  NeuronsTrainingOptions options;
  GivenOptions given;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_directory,
      N_("Folder with the MNIST files (default: the one that comes with Neurons)"), N_("DIR") },
    { "seconds", 0, 0, G_OPTION_ARG_STRING, &seconds_text,
      N_("How long to measure in all (default: 5)"), N_("S") },
    { "checkpoints", 0, 0, G_OPTION_ARG_NONE, &compare_checkpoints,
      N_("Measure with and without keeping checkpoints, run for run, and what they cost"), NULL },
    OPTION_ENTRIES (&option_arguments),
    { NULL }
  };
  g_autoptr(NeuronsCheckpoints) checkpoints = neurons_checkpoints_new (NEURONS_CHECKPOINTS_BUDGET);
  double rates_with[BENCH_RUNS];
  double median, median_with;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autoptr(NeuronsSgd) sgd = NULL;
  double rates[BENCH_RUNS];
  double seconds = 5;

  context = command_option_context_new ("bench", NULL,
    _("Measures how many samples per second one core trains: the default 784 → 16 → 16 → 10 "
      "sigmoid network, per-sample SGD over the shuffled MNIST training set, or as the "
      "options say."),
    _("Prints the figure of each run and their median. Adam trains at a rate of 0.001, "
      "anything else at 0.30; a schedule spans a million samples."),
    entries);
  if (!parse_command_line (context, "bench", &argc, &argv))
    return EXIT_FAILURE;
  if (!refuse_arguments ("bench", argc, argv, 1, &error))
    return report_error (error);
  if (seconds_text != NULL && !parse_number ("--seconds", seconds_text, &seconds, &error))
    return report_error (error);
  if (!(seconds > 0 && seconds <= 3600))
    return fail (_("--seconds wants a time above 0 and at most 3600, not %s"), seconds_text);
  if (!plan_options ("", &option_arguments, &options, &given, &error))
    return report_error (error);
  if (options.schedule != NEURONS_SCHEDULE_CONSTANT && options.schedule_samples == 0)
    options.schedule_samples = 1000000;

  if (!load_datasets (data_directory, &train, &test, &error))
    return report_error (error);

  /* A run of no samples gathers the ink lists, and the first sample's index draws the first
   * epoch's order, both outside the clock. */
  sgd = neurons_sgd_new (train, NEURONS_DEFAULT_SEED, NEURONS_SAMPLE_ORDER_SHUFFLED);
  neurons_sgd_set_options (sgd, &options);
  neurons_mlp_init (mlp, NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, NEURONS_DEFAULT_SEED);
  neurons_sgd_train (sgd, mlp, 0, 0);
  neurons_sgd_sample_index (sgd, 0);

  if (compare_checkpoints)
    seconds /= 2;

  /* With checkpoints, the runs alternate, so that whatever else the machine does weighs on
   * both alike. */
  for (guint run = 0; run < BENCH_RUNS; run++)
    {
      gint64 run_time = (gint64) (seconds * G_USEC_PER_SEC / BENCH_RUNS);

      /* which goes first alternates too */
      if (compare_checkpoints && run % 2 == 1)
        rates_with[run] = bench_run (sgd, mlp, &options, checkpoints, run_time);
      rates[run] = bench_run (sgd, mlp, &options, NULL, run_time);
      if (compare_checkpoints && run % 2 == 0)
        rates_with[run] = bench_run (sgd, mlp, &options, checkpoints, run_time);

      g_print (_("run %u: %.0f samples/s\n"), run + 1, rates[run]);
      if (compare_checkpoints)
        g_print (_("run %u keeping checkpoints: %.0f samples/s\n"), run + 1, rates_with[run]);
    }

  qsort (rates, BENCH_RUNS, sizeof rates[0], compare_doubles);
  median = rates[BENCH_RUNS / 2];
  g_print ("median: %.0f samples/s\n", median);
  if (compare_checkpoints)
    {
      qsort (rates_with, BENCH_RUNS, sizeof rates_with[0], compare_doubles);
      median_with = rates_with[BENCH_RUNS / 2];
      g_print ("median keeping checkpoints: %.0f samples/s\n", median_with);
      g_print (_("checkpoints cost %.1f %% of the training speed\n"), 100 * (1 - median_with / median));
    }

  return EXIT_SUCCESS;
}

/* race: two networks on the same stream, as CSV */

/* What `race` was told about one side, as typed. */
typedef struct
{
  char *activation_name;
  char *init_name;
  char *learning_rate_text;
  OptionArguments options;
} RacerArguments;

static void
racer_arguments_clear (RacerArguments *arguments)
{
  g_free (arguments->activation_name);
  g_free (arguments->init_name);
  g_free (arguments->learning_rate_text);
  option_arguments_clear (&arguments->options);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RacerArguments, racer_arguments_clear)

/* train's options for one side of a race, named --a-batch and --b-batch; a schedule spans
 * the race. */
#define RACER_OPTION_ENTRIES(side, arguments) \
    { side "-output", 0, 0, G_OPTION_ARG_STRING, &(arguments)->output_name, \
      N_("Output layer: sigmoid (with the quadratic cost, the default) or softmax (with cross-entropy)"), \
      N_("NAME") }, \
    { side "-optimizer", 0, 0, G_OPTION_ARG_STRING, &(arguments)->optimizer_name, \
      N_("sgd (the default), momentum or adam"), N_("NAME") }, \
    { side "-momentum", 0, 0, G_OPTION_ARG_STRING, &(arguments)->momentum_text, \
      N_("β of momentum, β₁ of Adam: at least 0 and below 1 (default: 0.9)"), N_("B") }, \
    { side "-batch", 0, 0, G_OPTION_ARG_STRING, &(arguments)->batch_text, \
      N_("Samples per step, 1 to 256, their gradients averaged (default: 1)"), N_("N") }, \
    { side "-schedule", 0, 0, G_OPTION_ARG_STRING, &(arguments)->schedule_name, \
      N_("Learning rate over the run: constant (the default), step, cosine or one-cycle"), \
      N_("NAME") }, \
    { side "-l2", 0, 0, G_OPTION_ARG_STRING, &(arguments)->l2_text, \
      N_("L2 weight decay λ, 0 to 0.1 (default: 0)"), N_("X") }, \
    { side "-dropout", 0, 0, G_OPTION_ARG_STRING, &(arguments)->dropout_text, \
      N_("Probability of dropping each hidden neuron in training, 0 to 0.9 (default: 0)"), \
      N_("P") }, \
    { side "-augment", 0, 0, G_OPTION_ARG_STRING, &(arguments)->augment_text, \
      N_("Move each training image at random, as in shift:2,rotate:10,scale:0.1 (default: none)"), \
      N_("SPEC") }

/* One side's settings: the preset's, or a sigmoid network's, changed by the side's options.
 * Another activation brings its initial weights, and it or another optimiser the learning
 * rate that suits them, unless these are given too. */
static gboolean
plan_racer (const char           *side,
            const RacerArguments *arguments,
            NeuronsRacerSettings *settings,
            GError              **error)
{
  g_autofree char *option = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s-", side);
  g_autofree char *side_name = g_ascii_strup (side, -1);
  NeuronsTrainingOptions given_options;
  GivenOptions given;

  if (arguments->activation_name != NULL)
    {
      if (!neurons_activation_from_string (arguments->activation_name, &settings->hidden_activation))
        return refuse (error, _("unknown activation “%s”; use sigmoid or relu"), arguments->activation_name);
      settings->initialization = neurons_suggested_init (settings->hidden_activation);
    }
  if (arguments->init_name != NULL
      && !neurons_init_from_string (arguments->init_name, &settings->initialization))
    return refuse (error, _("unknown initialisation “%s”; use he, xavier or uniform"), arguments->init_name);
  if (!plan_options (prefix, &arguments->options, &given_options, &given, error))
    {
      /* Translators: before a message about one side of a race, "network B: The batch size …" */
      g_prefix_error (error, _("network %s: "), side_name);
      return FALSE;
    }
  apply_given_options (&settings->options, &given_options, given);
  if (arguments->activation_name != NULL || (given & GIVEN_OPTIMIZER))
    settings->learning_rate = neurons_racer_suggested_learning_rate (settings->hidden_activation,
                                                                     &settings->options);

  option = g_strdup_printf ("--%s-lr", side);
  if (arguments->learning_rate_text != NULL
      && (!parse_number (option, arguments->learning_rate_text, &settings->learning_rate, error)
          || !neurons_validate_learning_rate (settings->learning_rate, error)))
    return FALSE;

  return neurons_racer_settings_validate (settings, error);
}

static const char *race_presets[NEURONS_RACE_N_PRESETS] = {
  [NEURONS_RACE_PRESET_SIGMOID_RELU] = "sigmoid-relu",
  [NEURONS_RACE_PRESET_SGD_ADAM] = "sgd-adam",
  [NEURONS_RACE_PRESET_QUADRATIC_CROSS_ENTROPY] = "quadratic-cross-entropy",
  [NEURONS_RACE_PRESET_AUGMENTATION] = "augmentation",
};

static void
print_checkpoint (NeuronsRace *race,
                  guint        index)
{
  const NeuronsRaceCheckpoint *checkpoint = neurons_race_get_checkpoint (race, index);
  char numbers[4][G_ASCII_DTOSTR_BUF_SIZE];

  /* numbers for scripts: a full stop for decimals in every locale */
  g_ascii_formatd (numbers[0], sizeof numbers[0], "%.4f", checkpoint->accuracy[NEURONS_RACE_SIDE_A]);
  g_ascii_formatd (numbers[1], sizeof numbers[1], "%.4f", checkpoint->accuracy[NEURONS_RACE_SIDE_B]);
  g_ascii_formatd (numbers[2], sizeof numbers[2], "%.6f", checkpoint->cost[NEURONS_RACE_SIDE_A]);
  g_ascii_formatd (numbers[3], sizeof numbers[3], "%.6f", checkpoint->cost[NEURONS_RACE_SIDE_B]);
  g_print ("%" G_GUINT64_FORMAT ",%s,%s,%s,%s\n", checkpoint->samples_seen,
           numbers[0], numbers[1], numbers[2], numbers[3]);
}

static void
quit_when_finished (NeuronsRace *race,
                    GParamSpec  *pspec,
                    GMainLoop   *loop)
{
  if (neurons_race_get_state (race) == NEURONS_RACE_FINISHED)
    g_main_loop_quit (loop);
}

static int
command_race (int    argc,
              char **argv)
{
  g_autofree char *data_directory = NULL;
  g_autofree char *preset_name = NULL;
  g_autofree char *samples_text = NULL;
  g_autofree char *every_text = NULL;
  g_autofree char *accuracy_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *measured_text = NULL;
  g_auto(RacerArguments) a = { NULL };
  g_auto(RacerArguments) b = { NULL };
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_directory,
      N_("Folder with the MNIST files (default: the one that comes with Neurons)"), N_("DIR") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset_name,
      N_("Start from a ready-made race: sigmoid-relu, sgd-adam, quadratic-cross-entropy or "
         "augmentation"), N_("NAME") },
    { "a-activation", 0, 0, G_OPTION_ARG_STRING, &a.activation_name,
      N_("Activation of network A: sigmoid or relu (default: sigmoid)"), N_("NAME") },
    { "a-init", 0, 0, G_OPTION_ARG_STRING, &a.init_name,
      N_("Initial weights of network A: he, xavier or uniform"), N_("NAME") },
    { "a-lr", 0, 0, G_OPTION_ARG_STRING, &a.learning_rate_text,
      N_("Learning rate of network A"), N_("X") },
    RACER_OPTION_ENTRIES ("a", &a.options),
    { "b-activation", 0, 0, G_OPTION_ARG_STRING, &b.activation_name,
      N_("Activation of network B: sigmoid or relu (default: sigmoid)"), N_("NAME") },
    { "b-init", 0, 0, G_OPTION_ARG_STRING, &b.init_name,
      N_("Initial weights of network B: he, xavier or uniform"), N_("NAME") },
    { "b-lr", 0, 0, G_OPTION_ARG_STRING, &b.learning_rate_text,
      N_("Learning rate of network B"), N_("X") },
    RACER_OPTION_ENTRIES ("b", &b.options),
    { "samples", 0, 0, G_OPTION_ARG_STRING, &samples_text,
      N_("Stop when both have seen N samples (default: 60000)"), N_("N") },
    { "accuracy", 0, 0, G_OPTION_ARG_STRING, &accuracy_text,
      N_("Or stop as soon as either reaches this test accuracy, from 0 to 1"), N_("X") },
    { "every", 0, 0, G_OPTION_ARG_STRING, &every_text,
      N_("Measure both on the test set every N samples (default: 1000)"), N_("N") },
    { "measured-images", 0, 0, G_OPTION_ARG_STRING, &measured_text,
      N_("Measure on N test images spread over the set, the last row on all (default: all)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the initial weights and of the shuffles, the same for both (default: 7)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autoptr(NeuronsRace) race = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  NeuronsRacerSettings settings_a, settings_b;
  guint64 samples = NEURONS_RACE_DEFAULT_SAMPLES;
  guint64 every = NEURONS_RACE_DEFAULT_INTERVAL;
  guint64 seed = NEURONS_DEFAULT_SEED;
  guint64 measured = 0;
  double accuracy = 0;

  context = command_option_context_new ("race", NULL,
    _("Trains two networks on the same samples in the same order, each on a thread of its own, "
      "measures both on the test set at the same sample counts and prints both curves as CSV: "
      "samples, accuracy_a, accuracy_b, cost_a, cost_b."),
    _("Each side starts as a sigmoid network (or as the preset's side); --a-activation and "
      "--b-activation bring that activation's initial weights and learning rate, which --a-init, "
      "--a-lr, --b-init and --b-lr change. Each side takes train's training options as well, "
      "named for it: --a-optimizer, --b-batch and so on; an optimizer given brings its learning "
      "rate too (adam: 0.001), and a schedule spans the race. Networks with the same initial "
      "weights start from the same weights. Who won is said on stderr. The window measures on 1000 images, every 1/30 "
      "of the race: --measured-images 1000 --every 2000 prints its curves for 60000 samples.\n"
      "The same options give the same CSV, bit for bit."),
    entries);
  if (!parse_command_line (context, "race", &argc, &argv))
    return EXIT_FAILURE;
  if (!refuse_arguments ("race", argc, argv, 1, &error))
    return report_error (error);

  neurons_racer_settings_init (&settings_a, NEURONS_ACTIVATION_SIGMOID);
  neurons_racer_settings_init (&settings_b, NEURONS_ACTIVATION_SIGMOID);
  if (preset_name != NULL)
    {
      guint preset = 0;

      while (preset < NEURONS_RACE_N_PRESETS && !g_str_equal (preset_name, race_presets[preset]))
        preset++;
      if (preset == NEURONS_RACE_N_PRESETS)
        return fail (_("unknown preset “%s”; use sigmoid-relu, sgd-adam, quadratic-cross-entropy "
                       "or augmentation"), preset_name);
      neurons_race_preset_get_settings (preset, &settings_a, &settings_b);
    }
  if (!plan_racer ("a", &a, &settings_a, &error) || !plan_racer ("b", &b, &settings_b, &error))
    return report_error (error);
  if ((samples_text != NULL && !parse_count ("--samples", samples_text, G_MAXINT64, &samples, &error))
      || (every_text != NULL && !parse_count ("--every", every_text, G_MAXINT64, &every, &error))
      || (seed_text != NULL && !parse_count ("--seed", seed_text, G_MAXINT64, &seed, &error))
      || (measured_text != NULL && !parse_count ("--measured-images", measured_text, G_MAXUINT, &measured, &error))
      || (accuracy_text != NULL && !parse_number ("--accuracy", accuracy_text, &accuracy, &error)))
    return report_error (error);
  if (samples == 0 || every == 0)
    return fail (_("--samples and --every want a whole number above 0"));
  if (!(accuracy > 0 && accuracy <= 1) && accuracy_text != NULL)
    return fail (_("--accuracy wants a number above 0 and at most 1, such as 0.9, not %s"), accuracy_text);

  if (!load_datasets (data_directory, &train, &test, &error))
    return report_error (error);

  race = neurons_race_new (train, test, &settings_a, &settings_b, seed);
  neurons_race_set_finish (race, samples, accuracy, every);
  neurons_race_set_measured_images (race, (guint) measured);
  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (race, "checkpoint", G_CALLBACK (print_checkpoint), NULL);
  g_signal_connect (race, "notify::state", G_CALLBACK (quit_when_finished), loop);

  g_print ("samples,accuracy_a,accuracy_b,cost_a,cost_b\n");
  neurons_race_start (race);
  g_main_loop_run (loop);

  g_printerr ("%s\n", neurons_race_get_result (race));
  return EXIT_SUCCESS;
}

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "train", command_train, N_("Train a network on MNIST and save it") },
  { "eval", command_eval, N_("Measure a saved network on the test set") },
  { "classify", command_classify, N_("Read the digits in PNG or JPEG images") },
  { "bench", command_bench, N_("Measure how fast one core trains") },
  { "race", command_race, N_("Train two networks on the same samples and compare them") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n", _("Usage: neurons-cli COMMAND [OPTION…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “neurons-cli COMMAND --help” to see a command's options."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      fail (_("no command given"));
      print_usage (stderr);
      return EXIT_FAILURE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("neurons-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  fail (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return EXIT_FAILURE;
}
