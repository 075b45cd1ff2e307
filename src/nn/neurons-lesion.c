/* neurons-lesion.c: the network's answers with some hidden neurons silenced, and which ones matter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-lesion"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "neurons-lesion.h"

#define H1  NEURONS_HIDDEN1_SIZE
#define H2  NEURONS_HIDDEN2_SIZE
#define OUT NEURONS_OUTPUT_SIZE

/*
 * A lesioned forward pass is the ordinary one up to the first layer's activations, which the
 * fast kernel computes; from there on the layers above are computed again here with the
 * silenced activations set to 0. The first layer is most of the work (784 inputs against 16
 * and 16 above it), so a lesion costs little, and silencing each of the 32 hidden neurons in
 * turn needs the first layer only once per image.
 *
 * The sums run in the kernel's order, so a lesion that silences nothing gives the kernel's
 * bits, and the window, the CLI and the ranking, which all come through here, agree exactly.
 */

G_DEFINE_BOXED_TYPE (NeuronsLesion, neurons_lesion, neurons_lesion_copy, neurons_lesion_free)

G_DEFINE_QUARK (neurons-lesion-error-quark, neurons_lesion_error)

NeuronsLesion *
neurons_lesion_copy (const NeuronsLesion *lesion)
{
  return g_memdup2 (lesion, sizeof *lesion);
}

void
neurons_lesion_free (NeuronsLesion *lesion)
{
  g_free (lesion);
}

static guint
layer_size (guint hidden_layer)
{
  return hidden_layer == 0 ? H1 : H2;
}

gboolean
neurons_lesion_is_empty (const NeuronsLesion *lesion)
{
  return lesion == NULL || (lesion->silenced[0] == 0 && lesion->silenced[1] == 0);
}

gboolean
neurons_lesion_equal (const NeuronsLesion *a,
                      const NeuronsLesion *b)
{
  if (neurons_lesion_is_empty (a) || neurons_lesion_is_empty (b))
    return neurons_lesion_is_empty (a) && neurons_lesion_is_empty (b);

  return a->silenced[0] == b->silenced[0] && a->silenced[1] == b->silenced[1];
}

/* How many neurons are silenced. */
guint
neurons_lesion_count (const NeuronsLesion *lesion)
{
  if (lesion == NULL)
    return 0;

  return (guint) (__builtin_popcount (lesion->silenced[0]) + __builtin_popcount (lesion->silenced[1]));
}

gboolean
neurons_lesion_is_silenced (const NeuronsLesion *lesion,
                            guint                hidden_layer,
                            guint                neuron)
{
  g_return_val_if_fail (hidden_layer < NEURONS_N_HIDDEN_LAYERS, FALSE);
  g_return_val_if_fail (neuron < layer_size (hidden_layer), FALSE);

  return lesion != NULL && (lesion->silenced[hidden_layer] & (1u << neuron)) != 0;
}

void
neurons_lesion_set_silenced (NeuronsLesion *lesion,
                             guint          hidden_layer,
                             guint          neuron,
                             gboolean       silenced)
{
  g_return_if_fail (lesion != NULL);
  g_return_if_fail (hidden_layer < NEURONS_N_HIDDEN_LAYERS);
  g_return_if_fail (neuron < layer_size (hidden_layer));

  if (silenced)
    lesion->silenced[hidden_layer] |= 1u << neuron;
  else
    lesion->silenced[hidden_layer] &= ~(1u << neuron);
}

static gboolean
parse_number (const char *text,
              guint       max,
              guint      *value)
{
  char *end = NULL;
  guint64 number;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  number = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0' || number > max)
    return FALSE;

  *value = (guint) number;
  return TRUE;
}

/**
 * neurons_lesion_parse:
 * @text: neurons as "LAYER:NEURON" separated by commas, as "1:7,2:3": layers 1 and 2 are
 *   the hidden layers, and neurons count from 1, as the window and
 *   `neurons-cli classify --neuron` count them
 * @lesion: (out): what @text silences
 *
 * Returns: %TRUE, or %FALSE with @error set to a message that names the bad part
 */
gboolean
neurons_lesion_parse (const char     *text,
                      NeuronsLesion  *lesion,
                      GError        **error)
{
  g_auto(GStrv) parts = NULL;
  NeuronsLesion parsed = { { 0 } };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (lesion != NULL, FALSE);

  parts = g_strsplit (text, ",", -1);
  if (parts[0] == NULL)
    {
      g_set_error_literal (error, NEURONS_LESION_ERROR, NEURONS_LESION_ERROR_PARSE,
                           _("no neuron given: write LAYER:NEURON, as 1:7"));
      return FALSE;
    }
  for (guint p = 0; parts[p] != NULL; p++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[p]));
      char *colon = strchr (part, ':');
      guint layer, neuron;

      if (colon == NULL)
        {
          g_set_error (error, NEURONS_LESION_ERROR, NEURONS_LESION_ERROR_PARSE,
                       _("“%s” is not a neuron: write LAYER:NEURON, as 1:7"), part);
          return FALSE;
        }
      *colon = '\0';
      if (!parse_number (part, NEURONS_N_HIDDEN_LAYERS, &layer) || layer == 0)
        {
          g_set_error (error, NEURONS_LESION_ERROR, NEURONS_LESION_ERROR_PARSE,
                       _("“%s” is not a hidden layer: only layers 1 and 2 can be silenced"), part);
          return FALSE;
        }
      if (!parse_number (colon + 1, layer_size (layer - 1), &neuron) || neuron == 0)
        {
          g_set_error (error, NEURONS_LESION_ERROR, NEURONS_LESION_ERROR_PARSE,
                       _("“%s” is not a neuron of layer %u: they are numbered 1 to %u"),
                       colon + 1, layer, layer_size (layer - 1));
          return FALSE;
        }
      neurons_lesion_set_silenced (&parsed, layer - 1, neuron - 1, TRUE);
    }

  *lesion = parsed;
  return TRUE;
}

/* The silenced neurons as neurons_lesion_parse() reads them; "" for none. */
char *
neurons_lesion_to_string (const NeuronsLesion *lesion)
{
  GString *text = g_string_new (NULL);

  for (guint h = 0; h < NEURONS_N_HIDDEN_LAYERS; h++)
    for (guint n = 0; n < layer_size (h); n++)
      if (neurons_lesion_is_silenced (lesion, h, n))
        g_string_append_printf (text, "%s%u:%u", text->len > 0 ? "," : "", h + 1, n + 1);

  return g_string_free (text, FALSE);
}

/* The activations above the first layer's, with the silenced ones at 0. */
typedef struct
{
  float a1[H1];
  float z2[H2];
  float a2[H2];
  float z3[OUT];
  float a3[OUT];
  guint prediction;
} Upper;

/*
 * From the first layer's activations on, with silenced neurons set to 0. The second layer is
 * summed again only when a first-layer neuron is silenced; the sums run as in the kernel.
 * a1, z2 and a2 come in as the intact pass left them.
 */
static inline void
upper_forward (const NeuronsMlp *mlp,
               guint32           silenced1,
               guint32           silenced2,
               Upper            *upper)
{
  NeuronsActivation activation = mlp->hidden_activation;

  /* a1_j = 0 for the silenced */
  for (guint j = 0; j < H1; j++)
    if (silenced1 & (1u << j))
      upper->a1[j] = 0;

  /* z2 = b2 + w2 · a1;  a2 = act (z2), then a2_k = 0 for the silenced */
  if (silenced1 != 0)
    for (guint k = 0; k < H2; k++)
      {
        float sum = mlp->b2[k];

        for (guint j = 0; j < H1; j++)
          sum += mlp->w2[k * H1 + j] * upper->a1[j];
        upper->z2[k] = sum;
        upper->a2[k] = neurons_activatef (activation, sum);
      }
  for (guint k = 0; k < H2; k++)
    if (silenced2 & (1u << k))
      upper->a2[k] = 0;

  /* z3 = b3 + w3 · a2;  a3 = σ (z3); the prediction is the first largest output */
  upper->prediction = 0;
  for (guint o = 0; o < OUT; o++)
    {
      float sum = mlp->b3[o];

      for (guint k = 0; k < H2; k++)
        sum += mlp->w3[o * H2 + k] * upper->a2[k];
      upper->z3[o] = sum;
      upper->a3[o] = neurons_sigmoidf (sum);
      if (upper->a3[o] > upper->a3[upper->prediction])
        upper->prediction = o;
    }
}

static void
upper_from_forward (Upper                *upper,
                    const NeuronsForward *forward)
{
  memcpy (upper->a1, forward->a1, sizeof upper->a1);
  memcpy (upper->z2, forward->z2, sizeof upper->z2);
  memcpy (upper->a2, forward->a2, sizeof upper->a2);
}

/**
 * neurons_lesion_apply:
 * @forward: an intact forward pass of @mlp, which becomes the lesioned one
 *
 * Silences @lesion's neurons in @forward: their activations become 0 (their sums z stay, as
 * what the neuron would have said) and the layers above are computed again. Nothing changes
 * for an empty lesion.
 */
void
neurons_lesion_apply (const NeuronsMlp    *mlp,
                      const NeuronsLesion *lesion,
                      NeuronsForward      *forward)
{
  Upper upper;

  g_return_if_fail (mlp != NULL);
  g_return_if_fail (forward != NULL);

  if (neurons_lesion_is_empty (lesion))
    return;

  upper_from_forward (&upper, forward);
  upper_forward (mlp, lesion->silenced[0], lesion->silenced[1], &upper);
  memcpy (forward->a1, upper.a1, sizeof upper.a1);
  memcpy (forward->z2, upper.z2, sizeof upper.z2);
  memcpy (forward->a2, upper.a2, sizeof upper.a2);
  memcpy (forward->z3, upper.z3, sizeof upper.z3);
  memcpy (forward->a3, upper.a3, sizeof upper.a3);
  forward->prediction = upper.prediction;
}

/* The forward pass of @pixels with @lesion's neurons silenced (none when %NULL). */
void
neurons_lesion_forward (const NeuronsMlp    *mlp,
                        const NeuronsLesion *lesion,
                        const guint8        *pixels,
                        NeuronsForward      *forward)
{
  neurons_mlp_forward (mlp, pixels, forward);
  neurons_lesion_apply (mlp, lesion, forward);
}

static int
compare_costs (const void *a,
               const void *b)
{
  const NeuronsLesionCost *cost_a = a;
  const NeuronsLesionCost *cost_b = b;

  /* fewest right first; ties in layer and neuron order, so that the order is stable */
  if (cost_a->n_correct != cost_b->n_correct)
    return cost_a->n_correct < cost_b->n_correct ? -1 : 1;
  if (cost_a->hidden_layer != cost_b->hidden_layer)
    return cost_a->hidden_layer < cost_b->hidden_layer ? -1 : 1;
  return cost_a->neuron < cost_b->neuron ? -1 : cost_a->neuron > cost_b->neuron;
}

/**
 * neurons_lesion_rank:
 * @ranking: (out): what each hidden neuron, silenced alone, costs on @dataset
 *
 * Silences each of the 32 hidden neurons in turn, alone, and counts what the network still
 * gets right; each count equals that of neurons_evaluate_lesioned() with that one neuron
 * silenced. The costs come sorted, the neuron that costs most first.
 */
void
neurons_lesion_rank (const NeuronsMlp     *mlp,
                     const NeuronsDataset *dataset,
                     NeuronsLesionRanking *ranking)
{
  NeuronsLesionCost *costs;

  g_return_if_fail (mlp != NULL);
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (ranking != NULL);

  memset (ranking, 0, sizeof *ranking);
  ranking->n_samples = dataset->n_images;
  costs = ranking->costs;
  for (guint c = 0; c < NEURONS_N_HIDDEN_NEURONS; c++)
    {
      costs[c].hidden_layer = c < H1 ? 0 : 1;
      costs[c].neuron = c < H1 ? c : c - H1;
    }

  for (guint s = 0; s < dataset->n_images; s++)
    {
      NeuronsForward forward;
      guint label = dataset->labels[s];

      neurons_mlp_forward (mlp, neurons_dataset_image (dataset, s), &forward);
      ranking->per_digit_total[label]++;
      if (forward.prediction == label)
        {
          ranking->n_correct++;
          ranking->per_digit_correct[label]++;
        }

      for (guint c = 0; c < NEURONS_N_HIDDEN_NEURONS; c++)
        {
          guint32 bit = 1u << costs[c].neuron;
          Upper upper;

          upper_from_forward (&upper, &forward);
          upper_forward (mlp, costs[c].hidden_layer == 0 ? bit : 0,
                         costs[c].hidden_layer == 1 ? bit : 0, &upper);
          if (upper.prediction == label)
            {
              costs[c].n_correct++;
              costs[c].per_digit_correct[label]++;
            }
        }
    }

  qsort (costs, NEURONS_N_HIDDEN_NEURONS, sizeof *costs, compare_costs);
}

/* The accuracy that silencing @cost's neuron alone costs, in percentage points. */
double
neurons_lesion_cost_points (const NeuronsLesionRanking *ranking,
                            const NeuronsLesionCost    *cost)
{
  g_return_val_if_fail (ranking != NULL, 0);
  g_return_val_if_fail (cost != NULL, 0);

  if (ranking->n_samples == 0)
    return 0;
  return 100.0 * ((double) ranking->n_correct - cost->n_correct) / ranking->n_samples;
}
