/* test-lesion.c: silencing hidden neurons, held to a plain reference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "neurons-evaluator.h"
#include "neurons-lesion.h"
#include "neurons-mlp-reference.h"
#include "neurons-test-digits.h"

#define H1  NEURONS_HIDDEN1_SIZE
#define H2  NEURONS_HIDDEN2_SIZE
#define OUT NEURONS_OUTPUT_SIZE
#define IN  NEURONS_INPUT_SIZE

static NeuronsDataset *train_set;
static NeuronsDataset *test_set;
static NeuronsMlp *trained;

/* The textbook forward pass in double precision, with the silenced activations forced to 0
 * right after they are computed: what a lesion means, written plainly. */
static void
reference_lesioned_forward (const NeuronsReferenceMlp *ref,
                            const NeuronsLesion       *lesion,
                            const guint8              *pixels,
                            double                    *a1,
                            double                    *a2,
                            double                    *a3)
{
  double input[IN];

  for (guint i = 0; i < IN; i++)
    input[i] = pixels[i] / 255.0;

  for (guint j = 0; j < H1; j++)
    {
      double z = ref->b1[j];

      for (guint i = 0; i < IN; i++)
        z += ref->w1[j * IN + i] * input[i];
      a1[j] = neurons_lesion_is_silenced (lesion, 0, j) ? 0 : neurons_activate (ref->hidden_activation, z);
    }
  for (guint k = 0; k < H2; k++)
    {
      double z = ref->b2[k];

      for (guint j = 0; j < H1; j++)
        z += ref->w2[k * H1 + j] * a1[j];
      a2[k] = neurons_lesion_is_silenced (lesion, 1, k) ? 0 : neurons_activate (ref->hidden_activation, z);
    }
  for (guint o = 0; o < OUT; o++)
    {
      double z = ref->b3[o];

      for (guint k = 0; k < H2; k++)
        z += ref->w3[o * H2 + k] * a2[k];
      a3[o] = neurons_activate (NEURONS_ACTIVATION_SIGMOID, z);
    }
}

static void
test_parse (void)
{
  struct { const char *text; guint32 silenced1, silenced2; } good[] = {
    { "1:7", 1u << 6, 0 },
    { "1:1,2:16", 1u << 0, 1u << 15 },
    { " 2:3 , 2:4,1:16", 1u << 15, (1u << 2) | (1u << 3) },
    { "1:7,1:7", 1u << 6, 0 },
  };
  const char *bad[] = { "", "7", "0:1", "3:1", "1:0", "1:17", "2:-1", "1:", ":3", "1:2:3", "a:b", "1:7,", "1:0x3", "1:+3" };

  for (guint t = 0; t < G_N_ELEMENTS (good); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      NeuronsLesion lesion, again;

      g_assert_true (neurons_lesion_parse (good[t].text, &lesion, &error));
      g_assert_no_error (error);
      g_assert_cmphex (lesion.silenced[0], ==, good[t].silenced1);
      g_assert_cmphex (lesion.silenced[1], ==, good[t].silenced2);

      text = neurons_lesion_to_string (&lesion);
      g_assert_true (neurons_lesion_parse (text, &again, NULL));
      g_assert_true (neurons_lesion_equal (&lesion, &again));
    }

  for (guint t = 0; t < G_N_ELEMENTS (bad); t++)
    {
      g_autoptr(GError) error = NULL;
      NeuronsLesion lesion = { { 0xdead, 0xbeef } };

      g_test_message ("refusing “%s”", bad[t]);
      g_assert_false (neurons_lesion_parse (bad[t], &lesion, &error));
      g_assert_error (error, NEURONS_LESION_ERROR, NEURONS_LESION_ERROR_PARSE);
      /* untouched on failure */
      g_assert_cmphex (lesion.silenced[0], ==, 0xdead);
    }
}

static void
test_forward_matches_reference (void)
{
  g_autofree NeuronsReferenceMlp *reference = g_new (NeuronsReferenceMlp, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  neurons_reference_from_mlp (reference, trained);

  for (guint trial = 0; trial < 200; trial++)
    {
      guint s = g_rand_int_range (rand, 0, (gint32) test_set->n_images);
      const guint8 *pixels = neurons_dataset_image (test_set, s);
      NeuronsLesion lesion = { { g_rand_int (rand) & g_rand_int (rand), g_rand_int (rand) & g_rand_int (rand) } };
      NeuronsForward forward;
      double a1[H1], a2[H2], a3[OUT];

      lesion.silenced[0] &= (1u << H1) - 1;
      lesion.silenced[1] &= (1u << H2) - 1;
      if (trial % 4 == 0)
        lesion.silenced[trial % 8 == 0] = 0;   /* one layer alone, too */

      neurons_lesion_forward (trained, &lesion, pixels, &forward);
      reference_lesioned_forward (reference, &lesion, pixels, a1, a2, a3);

      for (guint j = 0; j < H1; j++)
        g_assert_cmpfloat_with_epsilon (forward.a1[j], a1[j], 1e-4);
      for (guint k = 0; k < H2; k++)
        g_assert_cmpfloat_with_epsilon (forward.a2[k], a2[k], 1e-4);
      for (guint o = 0; o < OUT; o++)
        g_assert_cmpfloat_with_epsilon (forward.a3[o], a3[o], 1e-4);
      for (guint j = 0; j < H1; j++)
        if (neurons_lesion_is_silenced (&lesion, 0, j))
          g_assert_cmpfloat (forward.a1[j], ==, 0);
    }
}

/* An empty lesion is the kernel, bit for bit, and a lesion never touches the weights. */
static void
test_empty_is_kernel (void)
{
  g_autoptr(NeuronsMlp) before = neurons_mlp_copy (trained);
  NeuronsLesion none = { { 0 } };
  NeuronsLesion some = { { 0x00f0, 0x0101 } };
  NeuronsEvaluation plain, empty, lesioned;

  for (guint s = 0; s < 100; s++)
    {
      NeuronsForward kernel, lesion_forward;

      neurons_mlp_forward (trained, neurons_dataset_image (test_set, s), &kernel);
      neurons_lesion_forward (trained, &none, neurons_dataset_image (test_set, s), &lesion_forward);
      g_assert_cmpmem (&kernel, sizeof kernel, &lesion_forward, sizeof lesion_forward);
    }

  neurons_evaluate (trained, test_set, &plain);
  neurons_evaluate_lesioned (trained, &none, test_set, &empty, NULL);
  neurons_evaluate_lesioned (trained, &some, test_set, &lesioned, NULL);
  g_assert_cmpmem (&plain, sizeof plain, &empty, sizeof empty);
  g_assert_cmpuint (lesioned.n_correct, <, plain.n_correct);
  /* a silenced neuron is not a dead one */
  g_assert_cmpuint (lesioned.dead_hidden1, ==, plain.dead_hidden1);
  g_assert_cmpmem (before, sizeof *before, trained, sizeof *trained);
}

/* Each entry of the ranking is an evaluation with that neuron alone silenced. */
static void
test_rank (void)
{
  g_autoptr(NeuronsMlp) before = neurons_mlp_copy (trained);
  NeuronsLesionRanking ranking;
  NeuronsEvaluation intact;
  gboolean seen[NEURONS_N_HIDDEN_LAYERS][16] = { { FALSE } };

  neurons_lesion_rank (trained, test_set, &ranking);
  neurons_evaluate (trained, test_set, &intact);
  g_assert_cmpuint (ranking.n_samples, ==, test_set->n_images);
  g_assert_cmpuint (ranking.n_correct, ==, intact.n_correct);
  g_assert_cmpmem (ranking.per_digit_correct, sizeof ranking.per_digit_correct,
                   intact.per_digit_correct, sizeof intact.per_digit_correct);

  for (guint c = 0; c < NEURONS_N_HIDDEN_NEURONS; c++)
    {
      const NeuronsLesionCost *cost = &ranking.costs[c];
      NeuronsLesion lesion = { { 0 } };
      NeuronsEvaluation evaluation;

      g_assert_false (seen[cost->hidden_layer][cost->neuron]);
      seen[cost->hidden_layer][cost->neuron] = TRUE;
      if (c > 0)
        g_assert_cmpuint (ranking.costs[c - 1].n_correct, <=, cost->n_correct);

      neurons_lesion_set_silenced (&lesion, cost->hidden_layer, cost->neuron, TRUE);
      neurons_evaluate_lesioned (trained, &lesion, test_set, &evaluation, NULL);
      g_assert_cmpuint (cost->n_correct, ==, evaluation.n_correct);
      g_assert_cmpmem (cost->per_digit_correct, sizeof cost->per_digit_correct,
                       evaluation.per_digit_correct, sizeof evaluation.per_digit_correct);
      g_assert_cmpfloat_with_epsilon (neurons_lesion_cost_points (&ranking, cost),
                                      100.0 * (intact.n_correct - (double) evaluation.n_correct) / intact.n_samples,
                                      1e-9);
    }

  /* the neurons are not all alike: some matter more than others */
  g_assert_cmpuint (ranking.costs[0].n_correct, <, ranking.costs[NEURONS_N_HIDDEN_NEURONS - 1].n_correct);
  g_assert_cmpmem (before, sizeof *before, trained, sizeof *trained);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *n_notifies)
{
  (*n_notifies)++;
}

/* The network model shows the lesion, keeps its weights, and trains every neuron. */
static void
test_network_model (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_test_trained_net_new ();
  g_autoptr(NeuronsMlp) weights = neurons_mlp_copy (neurons_network_model_get_mlp (net));
  NeuronsForward intact, expected;
  guint n_notifies = 0;
  float before, after;

  neurons_network_model_show_input (net, neurons_dataset_image (test_set, 0), test_set->labels[0], 0);
  intact = *neurons_network_model_get_forward (net);
  g_signal_connect (net, "notify::lesion", G_CALLBACK (on_notify), &n_notifies);

  neurons_network_model_set_silenced (net, 0, 7, TRUE);
  neurons_network_model_set_silenced (net, 0, 7, TRUE);
  neurons_network_model_set_silenced (net, 1, 3, TRUE);
  g_assert_cmpuint (n_notifies, ==, 2);
  g_assert_cmpuint (neurons_lesion_count (neurons_network_model_get_lesion (net)), ==, 2);
  g_assert_true (neurons_network_model_is_silenced (net, 0, 7));
  g_assert_false (neurons_network_model_is_silenced (net, 0, 6));
  g_assert_cmpfloat (neurons_network_model_get_forward (net)->a1[7], ==, 0);
  g_assert_cmpfloat (neurons_network_model_get_forward (net)->a2[3], ==, 0);
  neurons_lesion_forward (weights, neurons_network_model_get_lesion (net),
                          neurons_dataset_image (test_set, 0), &expected);
  g_assert_cmpmem (&expected, sizeof expected, neurons_network_model_get_forward (net), sizeof expected);
  g_assert_cmpmem (weights, sizeof *weights, neurons_network_model_get_mlp (net), sizeof *weights);

  /* a new input on show is shown lesioned too */
  neurons_network_model_show_input (net, neurons_dataset_image (test_set, 1), test_set->labels[1], 1);
  g_assert_cmpfloat (neurons_network_model_get_forward (net)->a1[7], ==, 0);

  /* training trains the silenced neurons as well: their weights move */
  before = neurons_mlp_get_bias (neurons_network_model_get_mlp (net), 0, 7);
  for (guint s = 0; s < 20; s++)
    neurons_network_model_train_step (net, neurons_dataset_image (train_set, s), train_set->labels[s], s);
  after = neurons_mlp_get_bias (neurons_network_model_get_mlp (net), 0, 7);
  g_assert_cmpfloat (before, !=, after);
  g_assert_cmpfloat (neurons_network_model_get_forward (net)->a1[7], ==, 0);

  /* Restore */
  neurons_network_model_set_lesion (net, NULL);
  g_assert_cmpuint (n_notifies, ==, 3);
  g_assert_true (neurons_lesion_is_empty (neurons_network_model_get_lesion (net)));
  neurons_network_model_show_input (net, neurons_dataset_image (test_set, 0), test_set->labels[0], 0);
  neurons_mlp_forward (neurons_network_model_get_mlp (net), neurons_dataset_image (test_set, 0), &expected);
  g_assert_cmpmem (&expected, sizeof expected, neurons_network_model_get_forward (net), sizeof expected);
  (void) intact;
}

static void
on_updated (NeuronsEvaluator *evaluator,
            gboolean         *updated)
{
  *updated = TRUE;
}

/* Runs the main loop until the evaluator has results that silence exactly @lesion. */
static void
wait_for_lesion (NeuronsEvaluator    *evaluator,
                 const NeuronsLesion *lesion)
{
  gboolean updated = FALSE;
  gulong handler = g_signal_connect (evaluator, "updated", G_CALLBACK (on_updated), &updated);

  while (!updated || !neurons_evaluator_has_results (evaluator)
         || !neurons_lesion_equal (neurons_evaluator_get_lesion (evaluator), lesion))
    {
      updated = FALSE;
      g_main_context_iteration (NULL, TRUE);
    }

  g_signal_handler_disconnect (evaluator, handler);
}

static void
on_ranked (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  NeuronsLesionRanking *ranking = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (neurons_evaluator_rank_finish (NEURONS_EVALUATOR (object), result, ranking, &error));
  g_assert_no_error (error);
}

/* The evaluator measures the lesion at once, the intact network beside it, and ranks. */
static void
test_evaluator (void)
{
  g_autoptr(NeuronsNetworkModel) net = neurons_test_trained_net_new ();
  g_autoptr(NeuronsEvaluator) evaluator = neurons_evaluator_new (net, test_set);
  NeuronsLesion lesion = { { 1u << 7, 1u << 3 } };
  NeuronsLesion none = { { 0 } };
  NeuronsEvaluation expected, intact;
  NeuronsLesionRanking ranking = { 0 }, direct;

  wait_for_lesion (evaluator, &none);
  neurons_network_model_set_lesion (net, &lesion);
  wait_for_lesion (evaluator, &lesion);

  neurons_evaluate_lesioned (neurons_network_model_get_mlp (net), &lesion, test_set, &expected, NULL);
  neurons_evaluate (neurons_network_model_get_mlp (net), test_set, &intact);
  g_assert_cmpmem (neurons_evaluator_get_evaluation (evaluator), sizeof expected, &expected, sizeof expected);
  g_assert_cmpmem (neurons_evaluator_get_intact_evaluation (evaluator), sizeof intact, &intact, sizeof intact);
  g_assert_cmpfloat (neurons_evaluator_get_test_accuracy (evaluator), ==, neurons_evaluation_accuracy (&expected));

  neurons_evaluator_rank_async (evaluator, NULL, on_ranked, &ranking);
  while (ranking.n_samples == 0)
    g_main_context_iteration (NULL, TRUE);
  neurons_lesion_rank (neurons_network_model_get_mlp (net), test_set, &direct);
  g_assert_cmpmem (&ranking, sizeof ranking, &direct, sizeof direct);

  neurons_network_model_set_lesion (net, NULL);
  wait_for_lesion (evaluator, &none);
  g_assert_cmpmem (neurons_evaluator_get_evaluation (evaluator), sizeof intact, &intact, sizeof intact);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *directory = g_getenv ("NEURONS_DATA_DIR");
  int result;

  g_test_init (&argc, &argv, NULL);

  if (directory == NULL)
    directory = NEURONS_SOURCE_DATA_DIR;
  if (!neurons_dataset_load_directory (directory, &train_set, &test_set, &error))
    g_error ("%s", error->message);
  trained = neurons_test_trained_mlp_new ();

  g_test_add_func ("/nn/lesion/parse", test_parse);
  g_test_add_func ("/nn/lesion/forward-matches-reference", test_forward_matches_reference);
  g_test_add_func ("/nn/lesion/empty-is-kernel", test_empty_is_kernel);
  g_test_add_func ("/nn/lesion/rank", test_rank);
  g_test_add_func ("/nn/lesion/network-model", test_network_model);
  g_test_add_func ("/nn/lesion/evaluator", test_evaluator);

  result = g_test_run ();

  neurons_mlp_free (trained);
  neurons_dataset_unref (train_set);
  neurons_dataset_unref (test_set);

  return result;
}
