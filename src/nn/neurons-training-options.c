/* neurons-training-options.c: the training options, their names, limits and schedule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-training-options"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "neurons-training-options.h"

G_DEFINE_QUARK (neurons-training-options-error-quark, neurons_training_options_error)

void
neurons_training_options_init (NeuronsTrainingOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->output = NEURONS_OUTPUT_SIGMOID_QUADRATIC;
  options->optimizer = NEURONS_OPTIMIZER_SGD;
  options->momentum = 0.9;
  options->beta2 = 0.999;
  options->epsilon = 1e-8;
  options->batch_size = 1;
  options->schedule = NEURONS_SCHEDULE_CONSTANT;
}

gboolean
neurons_training_options_equal (const NeuronsTrainingOptions *a,
                                const NeuronsTrainingOptions *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->output == b->output && a->optimizer == b->optimizer && a->momentum == b->momentum
         && a->beta2 == b->beta2 && a->epsilon == b->epsilon && a->batch_size == b->batch_size
         && a->schedule == b->schedule && a->schedule_samples == b->schedule_samples
         && a->l2 == b->l2 && a->dropout == b->dropout && a->augment_shift == b->augment_shift
         && a->augment_rotate == b->augment_rotate && a->augment_scale == b->augment_scale;
}

/* Whether these are the original per-sample SGD, which trains on the fast path of old. */
gboolean
neurons_training_options_is_default (const NeuronsTrainingOptions *options)
{
  NeuronsTrainingOptions defaults;

  neurons_training_options_init (&defaults);
  return neurons_training_options_equal (options, &defaults);
}

/* Whether the optimiser keeps anything between steps: moments, or a batch half gathered. */
gboolean
neurons_training_options_needs_state (const NeuronsTrainingOptions *options)
{
  return options->optimizer != NEURONS_OPTIMIZER_SGD || options->batch_size > 1;
}

static gboolean G_GNUC_PRINTF (2, 3)
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (NEURONS_TRAINING_OPTIONS_ERROR,
                                                NEURONS_TRAINING_OPTIONS_ERROR_RANGE, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
in_range (double value,
          double min,
          double max,
          gboolean include_min)
{
  return isfinite (value) && (include_min ? value >= min : value > min) && value <= max;
}

gboolean
neurons_training_options_validate (const NeuronsTrainingOptions *options,
                                   GError                      **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if ((guint) options->output > NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY)
    return refuse (error, _("Unknown output layer %d"), options->output);
  if ((guint) options->optimizer > NEURONS_OPTIMIZER_ADAM)
    return refuse (error, _("Unknown optimizer %d"), options->optimizer);
  if ((guint) options->schedule > NEURONS_SCHEDULE_ONE_CYCLE)
    return refuse (error, _("Unknown learning-rate schedule %d"), options->schedule);
  if (!(isfinite (options->momentum) && options->momentum >= 0 && options->momentum < 1))
    return refuse (error, _("The momentum must be at least 0 and below 1, not %g"), options->momentum);
  if (!(isfinite (options->beta2) && options->beta2 >= 0 && options->beta2 < 1))
    return refuse (error, _("Adam's β₂ must be at least 0 and below 1, not %g"), options->beta2);
  if (!in_range (options->epsilon, 0, 1, FALSE))
    return refuse (error, _("Adam's ε must be above 0 and at most 1, not %g"), options->epsilon);
  if (options->batch_size < 1 || options->batch_size > NEURONS_BATCH_SIZE_MAX)
    return refuse (error, _("The batch size must be from 1 to %d, not %u"),
                   NEURONS_BATCH_SIZE_MAX, options->batch_size);
  if (options->schedule != NEURONS_SCHEDULE_CONSTANT && options->schedule_samples == 0)
    return refuse (error, _("A learning-rate schedule needs the number of samples it spans"));
  if (options->schedule_samples > G_MAXINT64)
    return refuse (error, _("A learning-rate schedule cannot span that many samples"));
  if (!in_range (options->l2, 0, NEURONS_L2_MAX, TRUE))
    return refuse (error, _("The L2 weight decay must be from 0 to %g, not %g"),
                   NEURONS_L2_MAX, options->l2);
  if (!in_range (options->dropout, 0, NEURONS_DROPOUT_MAX, TRUE))
    return refuse (error, _("The dropout probability must be from 0 to %g, not %g"),
                   NEURONS_DROPOUT_MAX, options->dropout);
  if (options->augment_shift > NEURONS_AUGMENT_SHIFT_MAX)
    return refuse (error, _("Shifts may be at most %d pixels, not %u"),
                   NEURONS_AUGMENT_SHIFT_MAX, options->augment_shift);
  if (!in_range (options->augment_rotate, 0, NEURONS_AUGMENT_ROTATE_MAX, TRUE))
    return refuse (error, _("Rotations may be at most %g degrees, not %g"),
                   NEURONS_AUGMENT_ROTATE_MAX, options->augment_rotate);
  if (!in_range (options->augment_scale, 0, NEURONS_AUGMENT_SCALE_MAX, TRUE))
    return refuse (error, _("Scaling may be by at most %g, not %g"),
                   NEURONS_AUGMENT_SCALE_MAX, options->augment_scale);

  return TRUE;
}

/* The cosine half-wave from `from` down to `to` as progress goes from 0 to 1. */
static double
cosine_anneal (double from,
               double to,
               double progress)
{
  return to + (from - to) * 0.5 * (1 + cos (G_PI * progress));
}

/*
 * The learning rate of the step that starts at sample `sample` of the run. One-cycle follows
 * PyTorch's OneCycleLR with its defaults (30 % warm-up from η/25, cosine both ways, down to
 * η/25 · 10⁻⁴), counted in samples rather than steps.
 */
double
neurons_training_options_learning_rate (const NeuronsTrainingOptions *options,
                                        double                        base_rate,
                                        guint64                       sample)
{
  double progress;

  g_return_val_if_fail (options != NULL, base_rate);

  if (options->schedule == NEURONS_SCHEDULE_CONSTANT || options->schedule_samples == 0)
    return base_rate;

  progress = MIN (1.0, (double) sample / (double) options->schedule_samples);
  switch (options->schedule)
    {
    case NEURONS_SCHEDULE_STEP:
      return progress < 0.5 ? base_rate : progress < 0.75 ? base_rate / 10 : base_rate / 100;
    case NEURONS_SCHEDULE_COSINE:
      return cosine_anneal (base_rate, 0, progress);
    case NEURONS_SCHEDULE_ONE_CYCLE:
      {
        const double warm_up = 0.3;
        double initial = base_rate / 25, final = initial / 1e4;

        if (progress < warm_up)
          return cosine_anneal (base_rate, initial, 1 - progress / warm_up);
        return cosine_anneal (base_rate, final, (progress - warm_up) / (1 - warm_up));
      }
    case NEURONS_SCHEDULE_CONSTANT:
    default:
      return base_rate;
    }
}

typedef struct
{
  const char *name;
  int         value;
} Name;

static const Name optimizer_names[] = {
  { "sgd", NEURONS_OPTIMIZER_SGD },
  { "momentum", NEURONS_OPTIMIZER_MOMENTUM },
  { "adam", NEURONS_OPTIMIZER_ADAM },
};

static const Name schedule_names[] = {
  { "constant", NEURONS_SCHEDULE_CONSTANT },
  { "step", NEURONS_SCHEDULE_STEP },
  { "cosine", NEURONS_SCHEDULE_COSINE },
  { "one-cycle", NEURONS_SCHEDULE_ONE_CYCLE },
};

static const Name output_names[] = {
  { "sigmoid", NEURONS_OUTPUT_SIGMOID_QUADRATIC },
  { "softmax", NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY },
};

static const char *
name_of (const Name *names,
         guint       n_names,
         int         value)
{
  for (guint i = 0; i < n_names; i++)
    if (names[i].value == value)
      return names[i].name;
  g_return_val_if_reached (NULL);
}

static gboolean
value_of (const Name *names,
          guint       n_names,
          const char *string,
          int        *value)
{
  g_return_val_if_fail (string != NULL, FALSE);

  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (names[i].name, string))
      {
        *value = names[i].value;
        return TRUE;
      }
  return FALSE;
}

const char *
neurons_optimizer_to_string (NeuronsOptimizer optimizer)
{
  return name_of (optimizer_names, G_N_ELEMENTS (optimizer_names), optimizer);
}

gboolean
neurons_optimizer_from_string (const char       *string,
                               NeuronsOptimizer *optimizer)
{
  int value;

  if (!value_of (optimizer_names, G_N_ELEMENTS (optimizer_names), string, &value))
    return FALSE;
  *optimizer = value;
  return TRUE;
}

const char *
neurons_schedule_to_string (NeuronsSchedule schedule)
{
  return name_of (schedule_names, G_N_ELEMENTS (schedule_names), schedule);
}

gboolean
neurons_schedule_from_string (const char      *string,
                              NeuronsSchedule *schedule)
{
  int value;

  if (!value_of (schedule_names, G_N_ELEMENTS (schedule_names), string, &value))
    return FALSE;
  *schedule = value;
  return TRUE;
}

/* "sigmoid" (with the quadratic cost) or "softmax" (with cross-entropy) */
const char *
neurons_output_to_string (NeuronsOutput output)
{
  return name_of (output_names, G_N_ELEMENTS (output_names), output);
}

gboolean
neurons_output_from_string (const char    *string,
                            NeuronsOutput *output)
{
  int value;

  if (!value_of (output_names, G_N_ELEMENTS (output_names), string, &value))
    return FALSE;
  *output = value;
  return TRUE;
}

/* "shift:2,rotate:10,scale:0.1", only the parts in use; "none" for none. */
char *
neurons_augmentation_to_string (const NeuronsTrainingOptions *options)
{
  GString *string = g_string_new (NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (options != NULL, NULL);

  if (options->augment_shift > 0)
    g_string_append_printf (string, "shift:%u,", options->augment_shift);
  if (options->augment_rotate > 0)
    g_string_append_printf (string, "rotate:%s,",
                            g_ascii_dtostr (number, sizeof number, options->augment_rotate));
  if (options->augment_scale > 0)
    g_string_append_printf (string, "scale:%s,",
                            g_ascii_dtostr (number, sizeof number, options->augment_scale));
  if (string->len == 0)
    g_string_append (string, "none");
  else
    g_string_truncate (string, string->len - 1);

  return g_string_free (string, FALSE);
}

/* Reads "shift:N", "rotate:DEGREES" and "scale:FRACTION", comma-separated, or "none", into
 * options; the values are checked by neurons_training_options_validate(). */
gboolean
neurons_augmentation_parse (const char              *string,
                            NeuronsTrainingOptions  *options,
                            GError                 **error)
{
  g_auto(GStrv) parts = NULL;
  NeuronsTrainingOptions parsed;

  g_return_val_if_fail (string != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  parsed = *options;
  parsed.augment_shift = 0;
  parsed.augment_rotate = 0;
  parsed.augment_scale = 0;

  if (g_str_equal (string, "none"))
    {
      *options = parsed;
      return TRUE;
    }

  parts = g_strsplit (string, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *colon = strchr (parts[i], ':');
      g_autofree char *kind = NULL;
      const char *value_text;
      char *end = NULL;
      double value;

      if (colon == NULL)
        return refuse (error, _("“%s” is no augmentation; write shift:N, rotate:DEGREES or scale:FRACTION"),
                       parts[i]);
      kind = g_strndup (parts[i], colon - parts[i]);
      value_text = colon + 1;
      errno = 0;
      value = g_ascii_strtod (value_text, &end);
      if (value_text[0] == '\0' || *end != '\0' || errno != 0 || !isfinite (value) || value < 0)
        return refuse (error, _("%s wants a number of at least 0, not “%s”"), kind, value_text);

      if (g_str_equal (kind, "shift"))
        {
          if (value != floor (value) || value > NEURONS_AUGMENT_SHIFT_MAX)
            return refuse (error, _("Shifts may be a whole number of pixels up to %d, not “%s”"),
                           NEURONS_AUGMENT_SHIFT_MAX, value_text);
          parsed.augment_shift = (guint) value;
        }
      else if (g_str_equal (kind, "rotate"))
        parsed.augment_rotate = value;
      else if (g_str_equal (kind, "scale"))
        parsed.augment_scale = value;
      else
        return refuse (error, _("Unknown augmentation “%s”; use shift, rotate or scale"), kind);
    }

  /* The augmentation's own limits, whatever the other options are */
  {
    NeuronsTrainingOptions augmentation;

    neurons_training_options_init (&augmentation);
    augmentation.augment_shift = parsed.augment_shift;
    augmentation.augment_rotate = parsed.augment_rotate;
    augmentation.augment_scale = parsed.augment_scale;
    if (!neurons_training_options_validate (&augmentation, error))
      return FALSE;
  }

  *options = parsed;
  return TRUE;
}

NeuronsOptimizerState *
neurons_optimizer_state_new (void)
{
  return g_aligned_alloc0 (1, sizeof (NeuronsOptimizerState), 64);
}

NeuronsOptimizerState *
neurons_optimizer_state_copy (const NeuronsOptimizerState *state)
{
  NeuronsOptimizerState *copy;

  g_return_val_if_fail (state != NULL, NULL);

  copy = neurons_optimizer_state_new ();
  memcpy (copy, state, sizeof *copy);
  return copy;
}

void
neurons_optimizer_state_free (NeuronsOptimizerState *state)
{
  g_aligned_free (state);
}

/* Back to a fresh start: no moments, no batch begun. */
void
neurons_optimizer_state_reset (NeuronsOptimizerState *state)
{
  g_return_if_fail (state != NULL);

  memset (state, 0, sizeof *state);
}
