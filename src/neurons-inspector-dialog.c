/* neurons-inspector-dialog.c: one neuron's arithmetic for the sample on show, written out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-inspector-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "neurons-activation-curve.h"
#include "neurons-inspection.h"
#include "neurons-inspector-dialog.h"

/*
 * The inspector writes out what one neuron computed for the sample on show: its weighted sum
 * term by term, its activation, and, after a single training step, its δ and how its weights
 * moved. The numbers come from NeuronsInspection, which takes them from the engine's own pass.
 *
 * What it shows is what the network model last published. A single step is announced by
 * "step" just before "changed": then the model holds the weights before the step (previous),
 * the pass of that step (forward, backward) and the weights after it, and the inspector shows
 * the backward half. Anything else published (a summary while training at speed, a test
 * image, a drawing) has no backward pass, and the forward half is computed with the weights
 * on show. The labels are refreshed at most once per frame, in a tick callback, however often
 * the model publishes; while training runs at speed, at most every REFRESH_INTERVAL_US, like
 * the charts: numbers that change sixty times a second cannot be read, and each new text lays
 * the dialog out again.
 */

#define REFRESH_INTERVAL_US (G_USEC_PER_SEC / 5)

#define MAX_TERMS NEURONS_INSPECTION_MAX_TERMS

struct _NeuronsInspectorDialog
{
  AdwDialog                parent_instance;

  NeuronsExperiment       *experiment;
  NeuronsNetworkModel     *net;
  guint                    layer;
  guint                    neuron;
  gboolean                 step_announced;  /* "step" came, its "changed" not yet */
  gboolean                 shows_step;      /* what the model holds is one step */
  guint                    tick_id;
  gint64                   refresh_time;    /* of the last refresh, in frame time */
  gboolean                 choosing;

  /* Template children */
  GtkDropDown             *layer_dropdown;
  GtkAdjustment           *neuron_adjustment;
  GtkLabel                *title_label;
  GtkLabel                *sample_label;
  GtkLabel                *lesion_label;
  GtkLabel                *formula_label;
  GtkLabel                *terms_heading;
  GtkWidget               *terms_box;
  GtkLabel                *zero_label;
  GtkLabel                *rest_label;
  GtkLabel                *bias_label;
  GtkLabel                *z_label;
  GtkLabel                *a_label;
  NeuronsActivationCurve  *curve;
  GtkWidget               *cost_box;
  GtkLabel                *target_label;
  GtkLabel                *cost_share_label;
  GtkLabel                *cost_label;
  GtkLabel                *no_step_label;
  GtkLabel                *delta_label;
  GtkLabel                *upstream_heading;
  GtkWidget               *upstream_box;
  GtkLabel                *updates_heading;
  GtkWidget               *updates_box;
  GtkLabel                *bias_update_label;

  /* One label per listed term, made once */
  GtkLabel                *term_labels[MAX_TERMS];
  GtkLabel                *upstream_labels[MAX_TERMS];
  GtkLabel                *update_labels[MAX_TERMS];
};

G_DEFINE_FINAL_TYPE (NeuronsInspectorDialog, neurons_inspector_dialog, ADW_TYPE_DIALOG)

/* The neurons are counted from 1 and the layers named as the network view names them. */

/* "pixel (row 14, col 9)" or "neuron 5 of layer 1": input `index` of `layer` */
static char *
input_name (guint layer,
            guint index)
{
  guint row, column;

  if (neurons_inspection_input_position (layer, index, &row, &column))
    /* Translators: an input of a first-layer neuron: one pixel of the 28 × 28 image */
    return g_strdup_printf (_("pixel (row %u, col %u)"), row + 1, column + 1);

  /* Translators: an input of a neuron deeper in: a neuron of the layer below */
  return g_strdup_printf (_("neuron %u of layer %u"), index + 1, layer);
}

/* "neuron 3 of layer 2" or "output 7": neuron `index` of the layer above `layer` */
static char *
above_name (NeuronsInspectorDialog *self,
            guint                   layer,
            guint                   index)
{
  if (layer + 1 == NEURONS_N_LAYERS - 1)
    /* Translators: an output neuron, named by the class it stands for, e.g. output “7” */
    return g_strdup_printf (_("output “%s”"), neurons_network_model_get_class_name (self->net, index));

  return g_strdup_printf (_("neuron %u of layer %u"), index + 1, layer + 2);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  if (text != NULL && g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

/* Silenced neurons are a view: the forward numbers here are those on show, with silenced
 * outputs at 0, while the step was taken by the whole network; the dialog says which is which. */
static void
show_lesion (NeuronsInspectorDialog *self)
{
  const char *text = NULL;

  if (self->layer < NEURONS_N_LAYERS - 1
      && neurons_network_model_is_silenced (self->net, self->layer, self->neuron))
    text = _("This neuron is silenced: its output is held at 0, as in the other views. Training still uses its real output, so the backward numbers are those of the whole network.");
  else if (!neurons_lesion_is_empty (neurons_network_model_get_lesion (self->net)))
    text = _("Some neurons are silenced: the sums here take their outputs as 0, as the other views do. Training still uses the whole network, so the backward numbers are its own.");

  set_label (self->lesion_label, text);
}

/* Which neuron, and what is on show: which image, and what it really is. */
static void
show_sample (NeuronsInspectorDialog *self)
{
  g_autofree char *title = NULL;
  int label = neurons_network_model_get_input_label (self->net);
  gint64 index = neurons_network_model_get_input_index (self->net);
  const char *class_name = label >= 0 ? neurons_network_model_get_class_name (self->net, label) : NULL;
  g_autofree char *text = NULL;

  switch (neurons_experiment_get_input_source (self->experiment))
    {
    case NEURONS_INPUT_SOURCE_DRAWING:
      text = g_strdup (_("The sample on show is your drawing. It has no true label, so it has no cost, and the network learns nothing from it."));
      break;

    case NEURONS_INPUT_SOURCE_TEST_IMAGE:
      /* Translators: the image put through the network; the last %s is its true class */
      text = g_strdup_printf (_("The sample on show is test image %u, a “%s”."),
                              (guint) index, class_name != NULL ? class_name : "?");
      break;

    case NEURONS_INPUT_SOURCE_TRAINING:
    default:
      if (index < 0)
        text = g_strdup (_("The sample on show is a blank image."));
      else
        /* Translators: the image put through the network; the last %s is its true class */
        text = g_strdup_printf (_("The sample on show is training image %u, a “%s”."),
                                (guint) index, class_name != NULL ? class_name : "?");
      break;
    }

  set_label (self->sample_label, text);
  show_lesion (self);

  if (self->layer == NEURONS_N_LAYERS - 1)
    /* Translators: the inspector's title for an output neuron: its number and the class it stands for */
    title = g_strdup_printf (_("Output %u, for “%s”"), self->neuron + 1,
                             neurons_network_model_get_class_name (self->net, self->neuron));
  else
    /* Translators: the inspector's title for a hidden neuron */
    title = g_strdup_printf (_("Neuron %u of layer %u"), self->neuron + 1, self->layer + 1);
  set_label (self->title_label, title);
}

/* Whether the neuron is an output of a softmax with cross-entropy. */
static gboolean
softmax_output (const NeuronsInspection *inspection)
{
  return inspection->layer == NEURONS_N_LAYERS - 1
         && inspection->output == NEURONS_OUTPUT_SOFTMAX_CROSS_ENTROPY;
}

static void
show_forward (NeuronsInspectorDialog  *self,
              const NeuronsInspection *inspection)
{
  g_autofree char *formula = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *bias = NULL;
  g_autofree char *z = NULL;
  g_autofree char *a = NULL;

  /* Translators: the neuron's sum; %u is how many inputs it has (784 pixels, or 16 neurons) */
  formula = g_strdup_printf (_("z = Σ wᵢ·xᵢ + b, over its %u inputs"), inspection->n_inputs);
  set_label (self->formula_label, formula);
  set_label (self->terms_heading, inspection->n_terms > 0 ? _("The largest terms, input x × weight w:") : NULL);

  for (guint t = 0; t < MAX_TERMS; t++)
    {
      const NeuronsInspectionTerm *term = &inspection->terms[t];
      g_autofree char *name = NULL;
      g_autofree char *line = NULL;

      if (t < inspection->n_terms)
        {
          name = input_name (inspection->layer, term->index);
          /* Translators: one term of the sum: an input, its value x, its weight w, and x × w */
          line = g_strdup_printf (_("%s: %.2f × %.2f = %+.2f"), name, term->value, term->weight, term->product);
        }
      set_label (self->term_labels[t], line);
    }

  if (inspection->layer == 0)
    zero = g_strdup_printf (ngettext ("%u term is 0 because its pixel is blank (x = 0)",
                                         "%u terms are 0 because their pixels are blank (x = 0)",
                                         inspection->n_zero_inputs),
                            inspection->n_zero_inputs);
  else
    zero = g_strdup_printf (ngettext ("%u term is 0 because its neuron is silent (x = 0)",
                                         "%u terms are 0 because their neurons are silent (x = 0)",
                                         inspection->n_zero_inputs),
                            inspection->n_zero_inputs);
  set_label (self->zero_label, inspection->n_zero_inputs > 0 ? zero : NULL);

  if (inspection->n_rest > 0)
    rest = g_strdup_printf (ngettext ("the %u other term adds %+.4f",
                                         "the %u other terms add up to %+.4f",
                                         inspection->n_rest),
                            inspection->n_rest, inspection->rest_sum);
  set_label (self->rest_label, rest);

  /* Translators: the neuron's bias, added to the sum */
  bias = g_strdup_printf (_("bias b = %+.4f"), inspection->bias);
  set_label (self->bias_label, bias);

  /* Translators: the weighted sum; keep “z = ” as it is, tools read it */
  z = g_strdup_printf (_("z = %.4f"), inspection->z);
  set_label (self->z_label, z);

  if (softmax_output (inspection))
    /* Translators: the softmax of an output: e to its z over the sum for all ten outputs; keep “a = ” as it is, tools read it */
    a = g_strdup_printf (_("a = eᶻ / Σ eᶻ over the 10 outputs (softmax) = %.4f"), inspection->a);
  else if (inspection->activation == NEURONS_ACTIVATION_RELU)
    /* Translators: the ReLU activation; keep “a = ” as it is, tools read it */
    a = g_strdup_printf (_("a = max(0, z) = %.4f"), inspection->a);
  else
    /* Translators: the sigmoid activation; keep “a = ” as it is, tools read it */
    a = g_strdup_printf (_("a = σ(z) = %.4f"), inspection->a);
  set_label (self->a_label, a);

  /* a softmax output depends on all ten sums: it has no curve of its own z */
  gtk_widget_set_visible (GTK_WIDGET (self->curve), !softmax_output (inspection));
  neurons_activation_curve_set_point (self->curve, inspection->activation, inspection->z, inspection->a);
}

/* At an output: what the cost makes of it. */
static void
show_cost (NeuronsInspectorDialog  *self,
           const NeuronsInspection *inspection)
{
  g_autofree char *target = NULL;
  g_autofree char *share = NULL;
  g_autofree char *cost = NULL;
  const char *class_name;

  gtk_widget_set_visible (self->cost_box, inspection->layer == NEURONS_N_LAYERS - 1 && inspection->has_label);
  if (!gtk_widget_get_visible (self->cost_box))
    return;

  class_name = neurons_network_model_get_class_name (self->net, inspection->neuron);
  if (inspection->target > 0)
    /* Translators: %s is the class this output stands for, and the sample is one */
    target = g_strdup_printf (_("The sample is a “%s”, so this output should be y = 1."), class_name);
  else
    /* Translators: %s is the class this output stands for; the sample is something else */
    target = g_strdup_printf (_("The sample is not a “%s”, so this output should be y = 0."), class_name);
  set_label (self->target_label, target);

  if (softmax_output (inspection) && inspection->target > 0)
    /* Translators: the share of the cost of the true class's output under cross-entropy: −ln a, with a filled in */
    share = g_strdup_printf (_("its share: −ln a = −ln %.4f = %.4f, all of the cost: cross-entropy counts only the true class’s output"),
                             inspection->a, inspection->cost_share);
  else if (softmax_output (inspection))
    /* Translators: an output that is not the true class's, under cross-entropy */
    share = g_strdup (_("its share: 0, since cross-entropy counts only the true class’s output; this one still learns, through the softmax"));
  else
    /* Translators: the output's share of the cost: its a, its target y, and ½ (a − y)² */
    share = g_strdup_printf (_("its share: ½(a − y)² = ½(%.4f − %.0f)² = %.4f"),
                             inspection->a, inspection->target, inspection->cost_share);
  set_label (self->cost_share_label, share);

  if (softmax_output (inspection))
    /* Translators: the cross-entropy cost C of the whole sample: −ln of the true class's output */
    cost = g_strdup_printf (_("the whole sample’s cost: C = −ln a of the true class = %.4f"), inspection->cost);
  else
    /* Translators: the cost C of the whole sample, the sum of the ten outputs' shares */
    cost = g_strdup_printf (_("the whole sample’s cost, over all outputs: C = %.4f"), inspection->cost);
  set_label (self->cost_label, cost);
}

static void
show_delta (NeuronsInspectorDialog  *self,
            const NeuronsInspection *inspection)
{
  g_autofree char *delta = NULL;
  g_autofree char *upstream = NULL;
  gboolean relu = inspection->activation == NEURONS_ACTIVATION_RELU;

  if (softmax_output (inspection))
    /* Translators: δ of a softmax output under cross-entropy: a − y, each filled in */
    delta = g_strdup_printf (_("δ = a − y = %.4f − %.0f = %.3g (softmax with cross-entropy: no σ′)"),
                             inspection->a, inspection->target, inspection->delta);
  else if (inspection->layer == NEURONS_N_LAYERS - 1)
    /* Translators: δ of an output: (a − y) times the sigmoid's slope σ′(z), each filled in */
    delta = g_strdup_printf (_("δ = (a − y) · σ′(z) = (%.4f − %.0f) × %.4f = %.3g"),
                             inspection->a, inspection->target, inspection->slope, inspection->delta);
  else if (relu)
    /* Translators: δ of a hidden ReLU neuron: what comes back from the layer above times the slope (0 or 1) */
    delta = g_strdup_printf (_("δ = (Σ wₖⱼ δₖ) · ReLU′(z) = %.3g × %.0f = %.3g"),
                             inspection->error, inspection->slope, inspection->delta);
  else
    /* Translators: δ of a hidden sigmoid neuron: what comes back from the layer above times σ′(z) */
    delta = g_strdup_printf (_("δ = (Σ wₖⱼ δₖ) · σ′(z) = %.3g × %.4f = %.3g"),
                             inspection->error, inspection->slope, inspection->delta);
  set_label (self->delta_label, delta);

  if (inspection->n_above > 0 && inspection->layer + 1 == NEURONS_N_LAYERS - 1)
    /* Translators: the neurons δ comes back from, here the outputs */
    upstream = g_strdup_printf (_("Σ wₖⱼ δₖ gathers what comes back from the %u outputs, largest first (weight w × δ):"),
                                inspection->n_above);
  else if (inspection->n_above > 0)
    /* Translators: the neurons δ comes back from, in the hidden layer above */
    upstream = g_strdup_printf (_("Σ wₖⱼ δₖ gathers what comes back from the %u neurons of layer %u, largest first (weight w × δ):"),
                                inspection->n_above, inspection->layer + 2);
  set_label (self->upstream_heading, upstream);

  for (guint t = 0; t < MAX_TERMS; t++)
    {
      const NeuronsInspectionTerm *term = &inspection->upstream[t];
      g_autofree char *name = NULL;
      g_autofree char *line = NULL;

      if (t < inspection->n_upstream)
        {
          name = above_name (self, inspection->layer, term->index);
          /* Translators: one term coming back: the neuron above, the weight to it, its δ, and their product */
          line = g_strdup_printf (_("from %s: %.3f × %.3g = %+.3g"), name, term->weight, term->value, term->product);
        }
      set_label (self->upstream_labels[t], line);
    }
}

static void
show_updates (NeuronsInspectorDialog  *self,
              const NeuronsInspection *inspection)
{
  g_autofree char *heading = NULL;
  g_autofree char *bias = NULL;
  char rate[G_ASCII_DTOSTR_BUF_SIZE];

  gboolean pending = inspection->batch_pending > 0;
  gboolean plain = inspection->optimizer == NEURONS_OPTIMIZER_SGD && inspection->batch_size <= 1;

  g_snprintf (rate, sizeof rate, "%.3g", inspection->learning_rate);
  if (pending)
    /* Translators: the first %u is the batch size, the second how many samples are still to come */
    heading = g_strdup_printf (ngettext ("This sample’s gradient ∂C/∂w = δ × x is gathered into the batch of %u; the weights move after %u more sample:",
                                         "This sample’s gradient ∂C/∂w = δ × x is gathered into the batch of %u; the weights move after %u more samples:",
                                         inspection->batch_pending),
                               inspection->batch_size, inspection->batch_pending);
  else if (inspection->optimizer == NEURONS_OPTIMIZER_ADAM)
    /* Translators: Adam is a name */
    heading = g_strdup (_("The weights that moved most, as Adam moved them from its running averages of the gradients, not by −η × δ × x (this sample’s gradient ∂C/∂w = δ × x):"));
  else if (inspection->optimizer == NEURONS_OPTIMIZER_MOMENTUM)
    heading = g_strdup (_("The weights that moved most, as momentum moved them from the gradients of this step and the steps before, not by −η × δ × x (this sample’s gradient ∂C/∂w = δ × x):"));
  else if (!plain)
    /* Translators: %s is the learning rate η, %u the batch size */
    heading = g_strdup_printf (_("The weights that moved most, each by −%s × the average gradient of the last %u samples (this sample’s gradient ∂C/∂w = δ × x):"),
                               rate, inspection->batch_size);
  else
    /* Translators: %s is the learning rate η; each weight w moves by −η × δ × x */
    heading = g_strdup_printf (_("The weights that moved most, each by −%s × δ × x (gradient ∂C/∂w = δ × x):"), rate);
  set_label (self->updates_heading, inspection->n_updates > 0 || pending ? heading : NULL);

  for (guint u = 0; u < MAX_TERMS; u++)
    {
      const NeuronsInspectionUpdate *update = &inspection->updates[u];
      g_autofree char *name = NULL;
      g_autofree char *line = NULL;

      if (u < inspection->n_updates)
        {
          name = input_name (inspection->layer, update->index);
          if (pending)
            /* Translators: a weight that does not move yet: its input, its value, this sample's gradient */
            line = g_strdup_printf (_("w from %s: stays %.4f for now (gradient %+.3g)"),
                                    name, update->before, update->gradient);
          else
            /* Translators: one weight's step: its input, the weight before → after, and the gradient */
            line = g_strdup_printf (_("w from %s: %.4f → %.4f (gradient %+.3g)"),
                                    name, update->before, update->after, update->gradient);
        }
      set_label (self->update_labels[u], line);
    }

  if (pending)
    /* Translators: the bias does not move yet: its value, and this sample's gradient δ */
    bias = g_strdup_printf (_("bias b: stays %.4f for now (gradient δ = %+.3g)"), inspection->bias_before,
                            inspection->delta);
  else if (!plain)
    /* Translators: the bias's step as the optimiser took it: before → after */
    bias = g_strdup_printf (_("bias b: %.4f → %.4f (as the optimiser moved it)"), inspection->bias_before,
                            inspection->bias_after);
  else
    /* Translators: the bias's step: before → after, by −η × δ */
    bias = g_strdup_printf (_("bias b: %.4f → %.4f (−%s × δ)"), inspection->bias_before, inspection->bias_after, rate);
  set_label (self->bias_update_label, bias);
}

static void
show_backward (NeuronsInspectorDialog  *self,
               const NeuronsInspection *inspection)
{
  gboolean step = inspection->has_step;
  const char *no_step = NULL;

  if (!step && !inspection->has_label)
    no_step = _("A drawing has no true label, so there is no error to learn from.");
  else if (!step)
    no_step = _("Train on one sample (→ or the Step button) to see how this neuron learns from it: "
                "while training runs at speed there are too many steps to show one.");
  set_label (self->no_step_label, no_step);

  gtk_widget_set_visible (GTK_WIDGET (self->delta_label), step);
  gtk_widget_set_visible (GTK_WIDGET (self->upstream_heading), step);
  gtk_widget_set_visible (self->upstream_box, step);
  gtk_widget_set_visible (GTK_WIDGET (self->updates_heading), step);
  gtk_widget_set_visible (self->updates_box, step);
  gtk_widget_set_visible (GTK_WIDGET (self->bias_update_label), step);
  if (!step)
    return;

  show_delta (self, inspection);
  show_updates (self, inspection);
}

/* The samples in the optimiser's batch after the step on show. */
static guint
batch_filled (NeuronsInspectorDialog       *self,
              const NeuronsTrainingOptions *options)
{
  NeuronsTrainer *trainer = neurons_experiment_get_trainer (self->experiment);
  g_autoptr(NeuronsOptimizerState) state = NULL;

  if (options->batch_size <= 1)
    return 0;
  /* Stepping slowly, the worker holds the state: batches follow the sample count then */
  if (trainer == NULL || neurons_trainer_get_running (trainer))
    return neurons_network_model_get_samples_seen (self->net) % options->batch_size;
  state = neurons_trainer_copy_optimizer_state (trainer);
  return MIN (state->batch_filled, options->batch_size - 1);
}

static void
refresh (NeuronsInspectorDialog *self)
{
  NeuronsInspection inspection;
  const NeuronsMlp *before, *after = NULL;
  const NeuronsBackward *backward = NULL;

  /* After a single step: the pass was made with the weights before it */
  if (self->shows_step)
    {
      before = neurons_network_model_get_previous_mlp (self->net);
      after = neurons_network_model_get_mlp (self->net);
      backward = neurons_network_model_get_backward (self->net);
    }
  else
    before = neurons_network_model_get_mlp (self->net);

  neurons_inspection_fill (&inspection, before, neurons_network_model_get_forward (self->net), backward,
                           (float) neurons_network_model_get_learning_rate (self->net), after,
                           self->layer, self->neuron, neurons_network_model_get_input_label (self->net));

  if (backward != NULL)
    {
      NeuronsTrainingOptions options;

      neurons_experiment_get_training_options (self->experiment, &options);
      neurons_inspection_set_training (&inspection, &options, batch_filled (self, &options));
    }

  show_sample (self);
  show_forward (self, &inspection);
  show_cost (self, &inspection);
  show_backward (self, &inspection);
}

static gboolean
refresh_on_tick (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       user_data)
{
  NeuronsInspectorDialog *self = NEURONS_INSPECTOR_DIALOG (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);

  /* A single step shows at once; a stream of summaries waits its turn */
  if (!self->shows_step && now - self->refresh_time < REFRESH_INTERVAL_US)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  self->refresh_time = now;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (NeuronsInspectorDialog *self)
{
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), refresh_on_tick, NULL, NULL);
}

static void
on_net_step (NeuronsInspectorDialog *self)
{
  self->step_announced = TRUE;
}

/* Whether what the model now holds is one step is known here, at once; the labels follow on
 * the next frame. */
static void
on_net_changed (NeuronsInspectorDialog *self)
{
  self->shows_step = self->step_announced;
  self->step_announced = FALSE;
  queue_refresh (self);
}

static void
on_neuron_chosen (NeuronsInspectorDialog *self)
{
  guint layer = gtk_drop_down_get_selected (self->layer_dropdown);

  if (self->choosing || layer >= NEURONS_N_LAYERS)
    return;

  neurons_inspector_dialog_set_neuron (self, layer, (guint) gtk_adjustment_get_value (self->neuron_adjustment) - 1);
}

/* → steps here too: the dialog keeps the keyboard while it is open. It is caught on its way
 * down, before the focused control moves the focus with it, except in the neuron's number,
 * where → moves the cursor. */
static gboolean
step_unless_editing (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) != NULL)
    return FALSE;

  return gtk_widget_activate_action (widget, "win.step", NULL);
}

static GtkLabel *
term_label (GtkWidget *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);

  return GTK_LABEL (label);
}

static void
neurons_inspector_dialog_dispose (GObject *object)
{
  NeuronsInspectorDialog *self = NEURONS_INSPECTOR_DIALOG (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_object (&self->net);
  g_clear_object (&self->experiment);

  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_INSPECTOR_DIALOG);

  G_OBJECT_CLASS (neurons_inspector_dialog_parent_class)->dispose (object);
}

static void
neurons_inspector_dialog_class_init (NeuronsInspectorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_inspector_dialog_dispose;

  g_type_ensure (NEURONS_TYPE_ACTIVATION_CURVE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-inspector-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, layer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, neuron_adjustment);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, sample_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, lesion_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, formula_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, terms_heading);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, terms_box);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, zero_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, rest_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, bias_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, z_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, a_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, curve);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, cost_box);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, target_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, cost_share_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, cost_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, no_step_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, delta_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, upstream_heading);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, upstream_box);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, updates_heading);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, updates_box);
  gtk_widget_class_bind_template_child (widget_class, NeuronsInspectorDialog, bias_update_label);
  gtk_widget_class_bind_template_callback (widget_class, on_neuron_chosen);
}

static void
neurons_inspector_dialog_init (NeuronsInspectorDialog *self)
{
  GtkEventController *controller;
  GtkShortcutAction *step;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  step = gtk_callback_action_new (step_unless_editing, NULL, NULL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Right, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_KP_Right, 0)),
                                                          step));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  for (guint t = 0; t < MAX_TERMS; t++)
    {
      self->term_labels[t] = term_label (self->terms_box);
      self->upstream_labels[t] = term_label (self->upstream_box);
      self->update_labels[t] = term_label (self->updates_box);
    }
}

/**
 * neurons_inspector_dialog_new:
 * @experiment: the experiment whose network is on show
 * @layer: 0 or 1 for a hidden layer, 2 for the output
 * @neuron: the neuron in it
 *
 * Returns: (transfer floating): the inspector of that neuron
 */
AdwDialog *
neurons_inspector_dialog_new (NeuronsExperiment *experiment,
                              guint              layer,
                              guint              neuron)
{
  NeuronsInspectorDialog *self;
  const NeuronsMlp *mlp, *previous;

  g_return_val_if_fail (NEURONS_IS_EXPERIMENT (experiment), NULL);

  self = g_object_new (NEURONS_TYPE_INSPECTOR_DIALOG, NULL);
  self->experiment = g_object_ref (experiment);
  self->net = g_object_ref (neurons_experiment_get_net (experiment));

  /* Opened just after a single step, the model still holds it: the weights moved and the
   * backward pass is there (any other publication clears it) */
  mlp = neurons_network_model_get_mlp (self->net);
  previous = neurons_network_model_get_previous_mlp (self->net);
  self->shows_step = neurons_network_model_get_backward (self->net)->cost > 0
                     && memcmp (mlp, previous, sizeof *mlp) != 0;

  g_signal_connect_object (self->net, "step", G_CALLBACK (on_net_step), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->net, "changed", G_CALLBACK (on_net_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->net, "notify::lesion", G_CALLBACK (show_lesion), self, G_CONNECT_SWAPPED);

  neurons_inspector_dialog_set_neuron (self, layer, neuron);

  return ADW_DIALOG (self);
}

/* Shows neuron `neuron` of `layer` (0 and 1 hidden, 2 the output). */
void
neurons_inspector_dialog_set_neuron (NeuronsInspectorDialog *self,
                                     guint                   layer,
                                     guint                   neuron)
{
  guint n_neurons;

  g_return_if_fail (NEURONS_IS_INSPECTOR_DIALOG (self));
  g_return_if_fail (layer < NEURONS_N_LAYERS);

  n_neurons = neurons_layer_n_outputs (layer);
  self->layer = layer;
  self->neuron = MIN (neuron, n_neurons - 1);

  self->choosing = TRUE;
  gtk_drop_down_set_selected (self->layer_dropdown, layer);
  gtk_adjustment_set_upper (self->neuron_adjustment, n_neurons);
  gtk_adjustment_set_value (self->neuron_adjustment, self->neuron + 1);
  self->choosing = FALSE;

  refresh (self);
}
