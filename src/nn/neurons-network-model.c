/* neurons-network-model.c: the network on show, as a GObject: its weights, settings and the sample in view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-neural-net"

#include "config.h"

#include <string.h>

#include "neurons-network-model-private.h"
#include "neurons-sgd.h"

/*
 * The network as the main thread sees it: the weights last published, the activations and
 * errors of the sample on show, and the experiment's settings. Widgets read it in snapshot()
 * and redraw on "changed". Training at speed happens elsewhere (NeuronsTrainer, on a worker
 * thread, with its own copy of the weights) and arrives here as whole snapshots, so a reader
 * never sees half-updated weights.
 */

struct _NeuronsNetworkModel
{
  GObject          parent_instance;

  NeuronsMlp      *mlp;
  NeuronsMlp      *previous;       /* the weights before the last single step */
  NeuronsForward   forward;
  NeuronsBackward  backward;
  guint8           input_pixels[NEURONS_INPUT_SIZE];

  NeuronsInit      initialization;
  double           learning_rate;
  guint64          seed;
  guint64          samples_seen;
  double           running_cost;
  gint64           input_index;
  int              input_label;
  guint            diverged : 1;
  NeuronsLesion    lesion;         /* the neurons silenced in what is on show */

  char           **class_names;    /* (NEURONS_OUTPUT_SIZE) what each output stands for */
};

G_DEFINE_FINAL_TYPE (NeuronsNetworkModel, neurons_network_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HIDDEN_ACTIVATION,
  PROP_INITIALIZATION,
  PROP_LEARNING_RATE,
  PROP_SEED,
  PROP_SAMPLES_SEEN,
  PROP_RUNNING_COST,
  PROP_DIVERGED,
  PROP_CLASS_NAMES,
  PROP_LESION,
  N_PROPS
};

enum {
  CHANGED,
  STEP,
  RESET,
  DIVERGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
neurons_network_model_finalize (GObject *object)
{
  NeuronsNetworkModel *self = (NeuronsNetworkModel *) object;

  g_clear_pointer (&self->mlp, neurons_mlp_free);
  g_clear_pointer (&self->previous, neurons_mlp_free);
  g_clear_pointer (&self->class_names, g_strfreev);

  G_OBJECT_CLASS (neurons_network_model_parent_class)->finalize (object);
}

static void
neurons_network_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NeuronsNetworkModel *self = NEURONS_NETWORK_MODEL (object);

  switch (prop_id)
    {
    case PROP_HIDDEN_ACTIVATION:
      g_value_set_enum (value, self->mlp->hidden_activation);
      break;

    case PROP_INITIALIZATION:
      g_value_set_enum (value, self->initialization);
      break;

    case PROP_LEARNING_RATE:
      g_value_set_double (value, self->learning_rate);
      break;

    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;

    case PROP_SAMPLES_SEEN:
      g_value_set_uint64 (value, self->samples_seen);
      break;

    case PROP_RUNNING_COST:
      g_value_set_double (value, self->running_cost);
      break;

    case PROP_DIVERGED:
      g_value_set_boolean (value, self->diverged);
      break;

    case PROP_CLASS_NAMES:
      g_value_set_boxed (value, self->class_names);
      break;

    case PROP_LESION:
      g_value_set_boxed (value, &self->lesion);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_network_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NeuronsNetworkModel *self = NEURONS_NETWORK_MODEL (object);

  switch (prop_id)
    {
    case PROP_LEARNING_RATE:
      {
        g_autoptr(GError) error = NULL;

        if (!neurons_network_model_set_learning_rate (self, g_value_get_double (value), &error))
          g_warning ("%s", error->message);
      }
      break;

    case PROP_CLASS_NAMES:
      neurons_network_model_set_class_names (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Over 80 lines, and kept whole: it is the list of the object's properties and signals, each
 * with its documentation, and reads best as one list. */
static void
neurons_network_model_class_init (NeuronsNetworkModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = neurons_network_model_finalize;
  object_class->get_property = neurons_network_model_get_property;
  object_class->set_property = neurons_network_model_set_property;

  properties[PROP_HIDDEN_ACTIVATION] =
    g_param_spec_enum ("hidden-activation", NULL, NULL,
                       NEURONS_TYPE_ACTIVATION, NEURONS_ACTIVATION_SIGMOID,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INITIALIZATION] =
    g_param_spec_enum ("initialization", NULL, NULL,
                       NEURONS_TYPE_INIT, NEURONS_INIT_XAVIER,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LEARNING_RATE] =
    g_param_spec_double ("learning-rate", NULL, NULL,
                         G_MINDOUBLE, G_MAXDOUBLE, 0.30,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL,
                         0, G_MAXUINT64, NEURONS_DEFAULT_SEED,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SAMPLES_SEEN] =
    g_param_spec_uint64 ("samples-seen", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING_COST] =
    g_param_spec_double ("running-cost", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DIVERGED] =
    g_param_spec_boolean ("diverged", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsNetworkModel:class-names:
   *
   * What each of the outputs stands for, as people read it: "0" to "9" for the digits,
   * "T-shirt/top" to "Ankle boot" for Fashion-MNIST. Setting %NULL brings back the digits.
   */
  properties[PROP_CLASS_NAMES] =
    g_param_spec_boxed ("class-names", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsNetworkModel:lesion:
   *
   * The hidden neurons silenced in what the network shows (the activations of the input on
   * show) and in how it is measured; training still trains every neuron, and the weights
   * are never touched.
   */
  properties[PROP_LESION] =
    g_param_spec_boxed ("lesion", NULL, NULL,
                        NEURONS_TYPE_LESION,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NeuronsNetworkModel::changed:
   *
   * Something that can be seen changed: the weights, the activations or the input on show.
   * Emitted last, after any of the other signals; views connect it to a redraw.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * NeuronsNetworkModel::step:
   * @sample_index: the training sample's index in its dataset
   * @label: its true digit
   * @prediction: the digit the network guessed before the step
   * @cost: the sample's cost before the step
   *
   * One training step was taken and is on show by itself: the previous weights, the
   * activations and the errors all describe this step. At full speed steps are not announced
   * one by one; "changed" tells of many at once.
   */
  signals[STEP] =
    g_signal_new ("step",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_DOUBLE);

  /**
   * NeuronsNetworkModel::reset:
   *
   * The network got new weights that did not come from training: fresh ones, or a file.
   */
  signals[RESET] =
    g_signal_new ("reset",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * NeuronsNetworkModel::diverged:
   *
   * Training made a weight NaN or infinite. The network went back to its last finite weights
   * and training stopped; the learning rate is too high for this activation.
   */
  signals[DIVERGED] =
    g_signal_new ("diverged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

/* "0" to "9" */
static char **
digit_names (void)
{
  char **names = g_new0 (char *, NEURONS_OUTPUT_SIZE + 1);

  for (guint k = 0; k < NEURONS_OUTPUT_SIZE; k++)
    names[k] = g_strdup_printf ("%u", k);

  return names;
}

static void
neurons_network_model_init (NeuronsNetworkModel *self)
{
  self->mlp = neurons_mlp_new ();
  self->previous = neurons_mlp_new ();
  self->learning_rate = neurons_default_learning_rate (NEURONS_ACTIVATION_SIGMOID);
  self->initialization = NEURONS_INIT_XAVIER;
  self->seed = NEURONS_DEFAULT_SEED;
  self->input_label = -1;
  self->input_index = -1;
  self->class_names = digit_names ();
}

/* Recomputes the activations of the input on show, for new weights or a new lesion. */
static void
refresh_forward (NeuronsNetworkModel *self)
{
  neurons_lesion_forward (self->mlp, &self->lesion, self->input_pixels, &self->forward);
  memset (&self->backward, 0, sizeof self->backward);
}

static void
set_samples_seen (NeuronsNetworkModel *self,
                  guint64           samples_seen,
                  double            running_cost)
{
  if (self->samples_seen != samples_seen)
    {
      self->samples_seen = samples_seen;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLES_SEEN]);
    }

  if (self->running_cost != running_cost)
    {
      self->running_cost = running_cost;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING_COST]);
    }
}

static void
set_diverged (NeuronsNetworkModel *self,
              gboolean          diverged)
{
  if (self->diverged != !!diverged)
    {
      self->diverged = !!diverged;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIVERGED]);
    }
}

NeuronsNetworkModel *
neurons_network_model_new (NeuronsActivation hidden_activation,
                        NeuronsInit       initialization,
                        guint64           seed)
{
  NeuronsNetworkModel *self = g_object_new (NEURONS_TYPE_NETWORK_MODEL, NULL);

  self->learning_rate = neurons_default_learning_rate (hidden_activation);
  self->initialization = initialization;
  self->seed = seed;
  neurons_mlp_init (self->mlp, hidden_activation, initialization, seed);
  memcpy (self->previous, self->mlp, sizeof *self->mlp);
  refresh_forward (self);

  return self;
}

NeuronsNetworkModel *
neurons_network_model_new_from_file (const char  *path,
                                  GError     **error)
{
  g_autoptr(NeuronsNetworkModel) self = neurons_network_model_new (NEURONS_ACTIVATION_SIGMOID,
                                                             NEURONS_INIT_XAVIER,
                                                             NEURONS_DEFAULT_SEED);

  if (!neurons_network_model_load_file (self, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Replaces the network with the one in path; on any error the network stays as it was. */
gboolean
neurons_network_model_load_file (NeuronsNetworkModel  *self,
                              const char        *path,
                              GError           **error)
{
  NeuronsNetworkSettings settings;
  g_autoptr(NeuronsMlp) loaded = NULL;

  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  loaded = neurons_network_file_load (path, &settings, error);
  if (loaded == NULL)
    return FALSE;

  neurons_network_model_set_network (self, loaded, &settings);
  return TRUE;
}

/**
 * neurons_network_model_set_network:
 * @mlp: the new weights
 * @settings: what came with them, as a network file holds it
 *
 * Replaces the network, as opening a file does ("reset").
 */
void
neurons_network_model_set_network (NeuronsNetworkModel          *self,
                                   const NeuronsMlp             *mlp,
                                   const NeuronsNetworkSettings *settings)
{
  NeuronsActivation old_activation;

  g_return_if_fail (NEURONS_IS_NETWORK_MODEL (self));
  g_return_if_fail (mlp != NULL);
  g_return_if_fail (settings != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  old_activation = self->mlp->hidden_activation;
  memcpy (self->mlp, mlp, sizeof *mlp);
  memcpy (self->previous, mlp, sizeof *mlp);
  if (old_activation != self->mlp->hidden_activation)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_ACTIVATION]);

  if (self->initialization != settings->initialization)
    {
      self->initialization = settings->initialization;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIALIZATION]);
    }
  if (self->seed != settings->seed)
    {
      self->seed = settings->seed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
    }
  if (self->learning_rate != settings->learning_rate)
    {
      self->learning_rate = settings->learning_rate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEARNING_RATE]);
    }
  set_samples_seen (self, settings->samples_seen, 0);
  set_diverged (self, FALSE);
  refresh_forward (self);

  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[RESET], 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * neurons_network_model_restore:
 * @mlp: the training state of an earlier moment of this run
 *
 * Goes back to a checkpoint of the run: its weights, sample count and running cost, with
 * the settings unchanged. This is not a new network, so only "changed" is emitted: the
 * views show the earlier moment, and training goes on from it.
 */
void
neurons_network_model_restore (NeuronsNetworkModel *self,
                               const NeuronsMlp    *mlp,
                               guint64              samples_seen,
                               double               running_cost)
{
  g_return_if_fail (NEURONS_IS_NETWORK_MODEL (self));
  g_return_if_fail (mlp != NULL);
  g_return_if_fail (mlp->hidden_activation == self->mlp->hidden_activation);

  memcpy (self->mlp, mlp, sizeof *mlp);
  memcpy (self->previous, mlp, sizeof *mlp);
  set_samples_seen (self, samples_seen, running_cost);
  set_diverged (self, FALSE);
  refresh_forward (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
neurons_network_model_save_file (NeuronsNetworkModel  *self,
                              const char        *path,
                              GError           **error)
{
  NeuronsNetworkSettings settings;

  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  neurons_network_model_get_settings (self, &settings);
  return neurons_network_file_save (path, self->mlp, &settings, error);
}

void
neurons_network_model_get_settings (NeuronsNetworkModel       *self,
                                 NeuronsNetworkSettings *settings)
{
  g_return_if_fail (NEURONS_IS_NETWORK_MODEL (self));
  g_return_if_fail (settings != NULL);

  settings->initialization = self->initialization;
  settings->learning_rate = self->learning_rate;
  settings->seed = self->seed;
  settings->samples_seen = self->samples_seen;
}

NeuronsActivation
neurons_network_model_get_hidden_activation (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), NEURONS_ACTIVATION_SIGMOID);

  return self->mlp->hidden_activation;
}

NeuronsInit
neurons_network_model_get_initialization (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), NEURONS_INIT_XAVIER);

  return self->initialization;
}

double
neurons_network_model_get_learning_rate (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), 0);

  return self->learning_rate;
}

/* Refuses anything but a finite rate above zero, and says why. */
gboolean
neurons_network_model_set_learning_rate (NeuronsNetworkModel  *self,
                                      double             learning_rate,
                                      GError           **error)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), FALSE);

  if (!neurons_validate_learning_rate (learning_rate, error))
    return FALSE;

  if (self->learning_rate != learning_rate)
    {
      self->learning_rate = learning_rate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEARNING_RATE]);
    }

  return TRUE;
}

guint64
neurons_network_model_get_seed (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), 0);

  return self->seed;
}

guint64
neurons_network_model_get_samples_seen (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), 0);

  return self->samples_seen;
}

double
neurons_network_model_get_running_cost (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), 0);

  return self->running_cost;
}

gboolean
neurons_network_model_get_diverged (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), FALSE);

  return self->diverged;
}

/**
 * neurons_network_model_get_class_names:
 *
 * Returns: (transfer none): what each output stands for, NEURONS_OUTPUT_SIZE names
 */
const char * const *
neurons_network_model_get_class_names (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), NULL);

  return (const char * const *) self->class_names;
}

/* What output k stands for: "7", or "Sneaker". */
const char *
neurons_network_model_get_class_name (NeuronsNetworkModel *self,
                                   guint             k)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), NULL);
  g_return_val_if_fail (k < NEURONS_OUTPUT_SIZE, NULL);

  return self->class_names[k];
}

/**
 * neurons_network_model_set_class_names:
 * @class_names: (nullable): NEURONS_OUTPUT_SIZE names, or %NULL for the digits "0" to "9"
 *
 * Names the outputs for the dataset the network learns, so that the views say "Sneaker"
 * where they would say "7". The weights do not change.
 */
void
neurons_network_model_set_class_names (NeuronsNetworkModel   *self,
                                    const char * const *class_names)
{
  g_auto(GStrv) names = NULL;

  g_return_if_fail (NEURONS_IS_NETWORK_MODEL (self));
  g_return_if_fail (class_names == NULL || g_strv_length ((char **) class_names) == NEURONS_OUTPUT_SIZE);

  names = class_names != NULL ? g_strdupv ((char **) class_names) : digit_names ();
  if (g_strv_equal ((const char * const *) names, (const char * const *) self->class_names))
    return;

  g_strfreev (self->class_names);
  self->class_names = g_steal_pointer (&names);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASS_NAMES]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Fresh weights for the given choices; the learning rate stays what it is. */
void
neurons_network_model_reinitialize (NeuronsNetworkModel  *self,
                                 NeuronsActivation  hidden_activation,
                                 NeuronsInit        initialization,
                                 guint64            seed)
{
  NeuronsActivation old_activation;

  g_return_if_fail (NEURONS_IS_NETWORK_MODEL (self));

  g_object_freeze_notify (G_OBJECT (self));

  old_activation = self->mlp->hidden_activation;
  neurons_mlp_init (self->mlp, hidden_activation, initialization, seed);
  memcpy (self->previous, self->mlp, sizeof *self->mlp);
  if (old_activation != hidden_activation)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_ACTIVATION]);
  if (self->initialization != initialization)
    {
      self->initialization = initialization;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIALIZATION]);
    }
  if (self->seed != seed)
    {
      self->seed = seed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
    }
  set_samples_seen (self, 0, 0);
  set_diverged (self, FALSE);
  refresh_forward (self);

  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[RESET], 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

const NeuronsMlp *
neurons_network_model_get_mlp (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), NULL);

  return self->mlp;
}

const NeuronsMlp *
neurons_network_model_get_previous_mlp (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), NULL);

  return self->previous;
}

const NeuronsForward *
neurons_network_model_get_forward (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), NULL);

  return &self->forward;
}

const NeuronsBackward *
neurons_network_model_get_backward (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), NULL);

  return &self->backward;
}

/* The true digit of the input on show, or -1 when it has none (a drawing). */
int
neurons_network_model_get_input_label (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), -1);

  return self->input_label;
}

/* The input's index in its dataset, or -1. */
gint64
neurons_network_model_get_input_index (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), -1);

  return self->input_index;
}

/**
 * neurons_network_model_get_input_pixels:
 *
 * The input on show as the network got it, one byte per pixel (0 blank, 255 full ink), row
 * by row: the training sample, the drawing or the test image.
 *
 * Returns: (transfer none) (array fixed-size=784): NEURONS_INPUT_SIZE bytes, valid until the
 *   input changes ("changed")
 */
const guint8 *
neurons_network_model_get_input_pixels (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), NULL);

  return self->input_pixels;
}

/* Runs an input through the network without learning from it. */
void
neurons_network_model_show_input (NeuronsNetworkModel *self,
                               const guint8     *pixels,
                               int               label,
                               gint64            sample_index)
{
  g_return_if_fail (NEURONS_IS_NETWORK_MODEL (self));
  g_return_if_fail (pixels != NULL);
  g_return_if_fail (label >= -1 && label < NEURONS_OUTPUT_SIZE);

  memcpy (self->input_pixels, pixels, sizeof self->input_pixels);
  self->input_label = label;
  self->input_index = sample_index;
  refresh_forward (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

/*
 * One training step on the main thread, shown as a single step. If it leaves a weight
 * NaN or infinite, the step is undone and the network reports that it diverged.
 * Returns the sample's cost before the step.
 */
double
neurons_network_model_train_step (NeuronsNetworkModel *self,
                               const guint8     *pixels,
                               guint             label,
                               gint64            sample_index)
{
  float cost;

  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), 0);
  g_return_val_if_fail (pixels != NULL, 0);
  g_return_val_if_fail (label < NEURONS_OUTPUT_SIZE, 0);

  memcpy (self->previous, self->mlp, sizeof *self->mlp);
  memcpy (self->input_pixels, pixels, sizeof self->input_pixels);
  self->input_label = label;
  self->input_index = sample_index;

  cost = neurons_mlp_train_sample (self->mlp, pixels, label, (float) self->learning_rate,
                                   &self->forward, &self->backward);

  if (!neurons_mlp_is_finite (self->mlp))
    {
      memcpy (self->mlp, self->previous, sizeof *self->mlp);
      refresh_forward (self);
      neurons_network_model_mark_diverged (self);
      return cost;
    }

  set_samples_seen (self, self->samples_seen + 1,
                    neurons_running_cost_update (self->running_cost, self->samples_seen, cost));
  set_diverged (self, FALSE);
  /* training saw every neuron; what is on show has the silenced ones at 0 */
  neurons_lesion_apply (self->previous, &self->lesion, &self->forward);

  g_signal_emit (self, signals[STEP], 0, sample_index, label, self->forward.prediction, (double) cost);
  g_signal_emit (self, signals[CHANGED], 0);

  return cost;
}

void
neurons_network_model_mark_diverged (NeuronsNetworkModel *self)
{
  g_return_if_fail (NEURONS_IS_NETWORK_MODEL (self));

  set_diverged (self, TRUE);
  g_signal_emit (self, signals[DIVERGED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Zeroed, and aligned as NeuronsMlp needs. */
NeuronsSnapshot *
neurons_snapshot_new (void)
{
  return g_aligned_alloc0 (1, sizeof (NeuronsSnapshot), G_ALIGNOF (NeuronsSnapshot));
}

void
neurons_snapshot_free (NeuronsSnapshot *snapshot)
{
  g_aligned_free (snapshot);
}

void
neurons_network_model_apply_snapshot (NeuronsNetworkModel      *self,
                                   const NeuronsSnapshot *snapshot)
{
  g_return_if_fail (NEURONS_IS_NETWORK_MODEL (self));
  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (snapshot->mlp.hidden_activation == self->mlp->hidden_activation);

  memcpy (self->mlp, &snapshot->mlp, sizeof *self->mlp);
  memcpy (self->previous, snapshot->single ? &snapshot->previous : &snapshot->mlp, sizeof *self->mlp);
  self->forward = snapshot->forward;
  neurons_lesion_apply (self->previous, &self->lesion, &self->forward);
  self->backward = snapshot->backward;
  if (snapshot->sample_index >= 0)
    memcpy (self->input_pixels, snapshot->input_pixels, sizeof self->input_pixels);
  self->input_index = snapshot->sample_index;
  self->input_label = snapshot->label;
  set_samples_seen (self, snapshot->samples_seen, snapshot->running_cost);

  if (snapshot->diverged)
    {
      neurons_network_model_mark_diverged (self);
      return;
    }

  set_diverged (self, FALSE);
  if (snapshot->single)
    g_signal_emit (self, signals[STEP], 0, snapshot->sample_index, (guint) snapshot->label,
                   snapshot->forward.prediction, (double) snapshot->backward.cost);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The neurons silenced in what is on show; never %NULL, empty when none is. */
const NeuronsLesion *
neurons_network_model_get_lesion (NeuronsNetworkModel *self)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), NULL);

  return &self->lesion;
}

/**
 * neurons_network_model_set_lesion:
 * @lesion: (nullable): the neurons to silence, %NULL or empty for none
 *
 * Silences @lesion's neurons in what the network shows, from now on; the activations on
 * show are computed again. The weights stay as they are.
 */
void
neurons_network_model_set_lesion (NeuronsNetworkModel *self,
                                  const NeuronsLesion *lesion)
{
  static const NeuronsLesion none = { { 0 } };

  g_return_if_fail (NEURONS_IS_NETWORK_MODEL (self));

  if (lesion == NULL)
    lesion = &none;
  if (neurons_lesion_equal (&self->lesion, lesion))
    return;

  self->lesion = *lesion;
  neurons_mlp_forward (self->mlp, self->input_pixels, &self->forward);
  neurons_lesion_apply (self->mlp, &self->lesion, &self->forward);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESION]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Silences one hidden neuron (@hidden_layer 0 or 1), or brings it back. */
void
neurons_network_model_set_silenced (NeuronsNetworkModel *self,
                                    guint                hidden_layer,
                                    guint                neuron,
                                    gboolean             silenced)
{
  NeuronsLesion lesion;

  g_return_if_fail (NEURONS_IS_NETWORK_MODEL (self));
  g_return_if_fail (hidden_layer < NEURONS_N_HIDDEN_LAYERS);
  g_return_if_fail (neuron < neurons_layer_n_outputs (hidden_layer));

  lesion = self->lesion;
  neurons_lesion_set_silenced (&lesion, hidden_layer, neuron, silenced);
  neurons_network_model_set_lesion (self, &lesion);
}

gboolean
neurons_network_model_is_silenced (NeuronsNetworkModel *self,
                                   guint                hidden_layer,
                                   guint                neuron)
{
  g_return_val_if_fail (NEURONS_IS_NETWORK_MODEL (self), FALSE);

  return neurons_lesion_is_silenced (&self->lesion, hidden_layer, neuron);
}
