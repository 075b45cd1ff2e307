/* fuzz-network-file.c: libFuzzer target for the network file reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the text of a network file. Whatever it holds, the reader must return either a
 * network or an error; a network it returns must survive being written and read again
 * unchanged.
 */

#define G_LOG_DOMAIN "neurons-fuzz"

#include "config.h"

#include <string.h>

#include "neurons-network-file.h"
#include "neurons-sgd.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical is a broken promise of the API, so it counts as a crash. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
assert_same_network (const NeuronsMlp *expected,
                     const NeuronsMlp *actual)
{
  g_assert (actual->hidden_activation == expected->hidden_activation);

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    for (guint to = 0; to < neurons_layer_n_outputs (layer); to++)
      {
        float expected_bias = neurons_mlp_get_bias (expected, layer, to);
        float actual_bias = neurons_mlp_get_bias (actual, layer, to);

        for (guint from = 0; from < neurons_layer_n_inputs (layer); from++)
          {
            float expected_weight = neurons_mlp_get_weight (expected, layer, to, from);
            float actual_weight = neurons_mlp_get_weight (actual, layer, to, from);

            g_assert (memcmp (&expected_weight, &actual_weight, sizeof (float)) == 0);
          }
        g_assert (memcmp (&expected_bias, &actual_bias, sizeof (float)) == 0);
      }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(NeuronsMlp) mlp = NULL;
  g_autoptr(NeuronsMlp) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  NeuronsNetworkSettings settings;
  NeuronsNetworkSettings reread_settings;
  gsize written_length;

  /* libFuzzer may hand over no buffer at all for an empty input */
  mlp = neurons_network_file_parse (size > 0 ? (const char *) data : "", size, &settings, &error);

  g_assert ((mlp == NULL) != (error == NULL));
  if (mlp == NULL)
    {
      g_assert (error->domain == NEURONS_NETWORK_FILE_ERROR);
      g_assert (error->code == NEURONS_NETWORK_FILE_ERROR_SYNTAX
                || error->code == NEURONS_NETWORK_FILE_ERROR_FORMAT
                || error->code == NEURONS_NETWORK_FILE_ERROR_INVALID);
      g_assert (error->message[0] != '\0');
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert (neurons_mlp_is_finite (mlp));
  g_assert (neurons_validate_learning_rate (settings.learning_rate, NULL));
  g_assert (settings.seed <= G_MAXINT64 && settings.samples_seen <= G_MAXINT64);

  written = neurons_network_file_to_data (mlp, &settings, &written_length);
  reread = neurons_network_file_parse (written, written_length, &reread_settings, &error);
  g_assert (reread != NULL && error == NULL);
  assert_same_network (mlp, reread);
  g_assert (reread_settings.initialization == settings.initialization);
  g_assert (memcmp (&reread_settings.learning_rate, &settings.learning_rate, sizeof (double)) == 0);
  g_assert (reread_settings.seed == settings.seed);
  g_assert (reread_settings.samples_seen == settings.samples_seen);

  return 0;
}
