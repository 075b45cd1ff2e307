/* test-network-file.c: networks saved as JSON and read back, and files that must be refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "neurons-network-file.h"

/* A valid network file, made once by the code under test; the malformed cases edit it. */
static char *valid_data;
static NeuronsMlp *valid_network;   /* the network valid_data holds */

static NeuronsMlp *
make_network (NeuronsActivation activation,
              NeuronsInit       initialization,
              guint64           seed)
{
  NeuronsMlp *mlp = neurons_mlp_new ();

  neurons_mlp_init (mlp, activation, initialization, seed);
  return mlp;
}

static guint32
float_bits (float value)
{
  guint32 bits;

  memcpy (&bits, &value, sizeof bits);
  return bits;
}

static float
float_from_bits (guint32 bits)
{
  float value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

/* Every parameter, bit for bit, so that -0.0 differs from 0.0. */
static void
assert_same_network (const NeuronsMlp *expected,
                     const NeuronsMlp *actual)
{
  g_assert_cmpint (actual->hidden_activation, ==, expected->hidden_activation);

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    for (guint to = 0; to < neurons_layer_n_outputs (layer); to++)
      {
        for (guint from = 0; from < neurons_layer_n_inputs (layer); from++)
          g_assert_cmphex (float_bits (neurons_mlp_get_weight (actual, layer, to, from)), ==,
                           float_bits (neurons_mlp_get_weight (expected, layer, to, from)));
        g_assert_cmphex (float_bits (neurons_mlp_get_bias (actual, layer, to)), ==,
                         float_bits (neurons_mlp_get_bias (expected, layer, to)));
      }
}

static void
assert_same_settings (const NeuronsNetworkSettings *expected,
                      const NeuronsNetworkSettings *actual)
{
  g_assert_cmpint (actual->initialization, ==, expected->initialization);
  g_assert_true (memcmp (&actual->learning_rate, &expected->learning_rate,
                         sizeof expected->learning_rate) == 0);
  g_assert_cmpuint (actual->seed, ==, expected->seed);
  g_assert_cmpuint (actual->samples_seen, ==, expected->samples_seen);
}

/* Writes @mlp as text, reads the text back and checks that nothing changed. */
static void
assert_round_trip (const NeuronsMlp             *mlp,
                   const NeuronsNetworkSettings *settings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsMlp) parsed = NULL;
  g_autofree char *data = NULL;
  NeuronsNetworkSettings parsed_settings;
  gsize length;

  data = neurons_network_file_to_data (mlp, settings, &length);
  g_assert_nonnull (data);
  g_assert_cmpuint (length, ==, strlen (data));

  parsed = neurons_network_file_parse (data, length, &parsed_settings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  assert_same_network (mlp, parsed);
  assert_same_settings (settings, &parsed_settings);
}

/* Sets every weight and bias, in file order, to @values[k % @n_values]. */
static void
fill_network (NeuronsMlp  *mlp,
              const float *values,
              gsize        n_values)
{
  gsize k = 0;

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    for (guint to = 0; to < neurons_layer_n_outputs (layer); to++)
      {
        for (guint from = 0; from < neurons_layer_n_inputs (layer); from++)
          neurons_mlp_set_weight (mlp, layer, to, from, values[k++ % n_values]);
        neurons_mlp_set_bias (mlp, layer, to, values[k++ % n_values]);
      }
  g_assert_cmpuint (k, ==, NEURONS_N_PARAMETERS);
}

static void
test_round_trip (void)
{
  const NeuronsActivation activations[] = { NEURONS_ACTIVATION_SIGMOID, NEURONS_ACTIVATION_RELU };
  const NeuronsInit initializations[] = { NEURONS_INIT_HE, NEURONS_INIT_XAVIER, NEURONS_INIT_UNIFORM };

  for (guint a = 0; a < G_N_ELEMENTS (activations); a++)
    for (guint i = 0; i < G_N_ELEMENTS (initializations); i++)
      {
        g_autoptr(NeuronsMlp) mlp = make_network (activations[a], initializations[i], 100 + 10 * a + i);
        NeuronsNetworkSettings settings = {
          .initialization = initializations[i],
          .learning_rate = a == 0 ? 0.3 : 0.05,
          .seed = 100 + 10 * a + i,
          .samples_seen = 60000 * (i + 1),
        };

        assert_round_trip (mlp, &settings);
      }
}

/* Values that a careless writer loses: the sign of zero, denormals, the ends of the range,
 * and decimals that have no exact binary form. */
static void
test_awkward_floats (void)
{
  const float awkward[] = {
    0.1f, -0.0f, 0.0f, FLT_MAX, -FLT_MAX, FLT_MIN, -FLT_MIN, FLT_TRUE_MIN, -FLT_TRUE_MIN,
    1e-38f, 1e-40f, 1.17549421e-38f /* the largest denormal */, 1.0f, 1.0f / 3.0f, 0.3f,
    1.00000012f, 16777215.0f, 123456.789f, -2.5e-7f, 6.02214076e23f,
  };
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  NeuronsNetworkSettings settings = { NEURONS_INIT_HE, 0.1, 0, 0 };

  for (gsize shift = 0; shift < G_N_ELEMENTS (awkward); shift++)
    {
      float shifted[G_N_ELEMENTS (awkward)];

      for (gsize k = 0; k < G_N_ELEMENTS (awkward); k++)
        shifted[k] = awkward[(k + shift) % G_N_ELEMENTS (awkward)];
      fill_network (mlp, shifted, G_N_ELEMENTS (shifted));
      mlp->hidden_activation = shift % 2 ? NEURONS_ACTIVATION_RELU : NEURONS_ACTIVATION_SIGMOID;
      assert_round_trip (mlp, &settings);
    }
}

/* Random bit patterns reach every exponent and mantissa, not only the values training makes. */
static void
test_random_bits (void)
{
  g_autoptr(NeuronsMlp) mlp = neurons_mlp_new ();
  g_autofree float *values = g_new (float, NEURONS_N_PARAMETERS);
  NeuronsNetworkSettings settings = { NEURONS_INIT_UNIFORM, 2.5, 1, 1 };

  for (guint round = 0; round < 4; round++)
    {
      for (guint k = 0; k < NEURONS_N_PARAMETERS; k++)
        do
          values[k] = float_from_bits (g_test_rand_int ());
        while (!isfinite (values[k]));
      fill_network (mlp, values, NEURONS_N_PARAMETERS);
      assert_round_trip (mlp, &settings);
    }
}

static void
test_settings (void)
{
  const NeuronsNetworkSettings cases[] = {
    { NEURONS_INIT_HE, 0.1, 0, 0 },
    { NEURONS_INIT_XAVIER, 1e-3, G_MAXINT64, G_MAXINT64 },
    /* 2^53 + 1 has no double: the counts must travel as integers */
    { NEURONS_INIT_UNIFORM, 10.0, (G_GUINT64_CONSTANT (1) << 53) + 1, 7 },
    { NEURONS_INIT_HE, 1.0 / 3.0, 7, 60000 },
  };
  g_autoptr(NeuronsMlp) mlp = make_network (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_round_trip (mlp, &cases[i]);
}

/* The file lays weights out as PyTorch's nn.Linear does: weights[to][from]. */
static void
test_layout (void)
{
  g_autoptr(NeuronsMlp) mlp = make_network (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const gint64 sizes[] = { 784, 16, 16, 10 };
  JsonObject *root;
  JsonArray *layer_sizes;
  JsonArray *layers;

  json_parser_load_from_data (parser, valid_data, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "neurons-network");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (root, "hidden_activation"), ==, "sigmoid");
  g_assert_cmpstr (json_object_get_string_member (root, "output_activation"), ==, "sigmoid");
  g_assert_cmpstr (json_object_get_string_member (root, "cost"), ==, "quadratic");
  g_assert_cmpstr (json_object_get_string_member (root, "initialization"), ==, "xavier");
  g_assert_cmpfloat (json_object_get_double_member (root, "learning_rate"), ==, 0.3);
  g_assert_cmpint (json_object_get_int_member (root, "seed"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (root, "samples_seen"), ==, 60000);

  layer_sizes = json_object_get_array_member (root, "layer_sizes");
  g_assert_cmpuint (json_array_get_length (layer_sizes), ==, G_N_ELEMENTS (sizes));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_assert_cmpint (json_array_get_int_element (layer_sizes, i), ==, sizes[i]);

  layers = json_object_get_array_member (root, "layers");
  g_assert_cmpuint (json_array_get_length (layers), ==, NEURONS_N_LAYERS);
  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    {
      JsonObject *object = json_array_get_object_element (layers, layer);
      JsonArray *weights = json_object_get_array_member (object, "weights");
      JsonArray *biases = json_object_get_array_member (object, "biases");

      g_assert_cmpuint (json_array_get_length (weights), ==, sizes[layer + 1]);
      g_assert_cmpuint (json_array_get_length (biases), ==, sizes[layer + 1]);
      for (guint to = 0; to < sizes[layer + 1]; to++)
        {
          JsonArray *row = json_array_get_array_element (weights, to);

          g_assert_cmpuint (json_array_get_length (row), ==, sizes[layer]);
          for (guint from = 0; from < sizes[layer]; from++)
            g_assert_cmpfloat (json_array_get_double_element (row, from), ==,
                               neurons_mlp_get_weight (mlp, layer, to, from));
        }
    }
}

typedef enum
{
  EDIT_REPLACE,  /* replace the value at the path, or add it to its object */
  EDIT_REMOVE,   /* remove the value at the path */
  EDIT_APPEND,   /* append the value to the array at the path */
} EditKind;

/* Stands for the new value in the generated text until the raw JSON text replaces it, so
 * that a case can put in what json-glib would not write, such as 1e999. */
#define PLACEHOLDER "@new-value@"

static JsonNode *
find_node (JsonNode   *node,
           char      **segments,
           guint       n_segments)
{
  for (guint i = 0; i < n_segments; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), segments[i]);
      else
        node = json_array_get_element (json_node_get_array (node),
                                       g_ascii_strtoull (segments[i], NULL, 10));
      g_assert_nonnull (node);
    }

  return node;
}

/* Puts the placeholder at @position of the array in @node. The array is rebuilt because
 * json-glib 1.6 reads freed memory when json_node_init_string() reuses a value node. */
static void
replace_element (JsonNode *node,
                 guint     position)
{
  JsonArray *array = json_node_get_array (node);
  guint length = json_array_get_length (array);
  JsonArray *replaced = json_array_sized_new (length);

  g_assert_cmpuint (position, <, length);
  for (guint i = 0; i < length; i++)
    {
      if (i == position)
        json_array_add_string_element (replaced, PLACEHOLDER);
      else
        json_array_add_element (replaced, json_node_copy (json_array_get_element (array, i)));
    }
  json_node_take_array (node, replaced);
}

/* The valid file with one edit at @path ("layers/0/weights/3": keys and array positions). */
static char *
edit_valid_data (const char *path,
                 EditKind    kind,
                 const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  guint n_segments = g_strv_length (segments);
  const char *last = segments[n_segments - 1];
  g_autofree char *generated = NULL;
  JsonNode *parent;
  GString *text;

  json_parser_load_from_data (parser, valid_data, -1, &error);
  g_assert_no_error (error);
  parent = find_node (json_parser_get_root (parser), segments, n_segments - 1);

  switch (kind)
    {
    case EDIT_REPLACE:
      if (JSON_NODE_HOLDS_OBJECT (parent))
        json_object_set_string_member (json_node_get_object (parent), last, PLACEHOLDER);
      else
        replace_element (parent, g_ascii_strtoull (last, NULL, 10));
      break;
    case EDIT_APPEND:
      json_array_add_string_element (json_node_get_array (find_node (parent, &segments[n_segments - 1], 1)),
                                     PLACEHOLDER);
      break;
    case EDIT_REMOVE:
      if (JSON_NODE_HOLDS_OBJECT (parent))
        json_object_remove_member (json_node_get_object (parent), last);
      else
        json_array_remove_element (json_node_get_array (parent), g_ascii_strtoull (last, NULL, 10));
      break;
    default:
      g_assert_not_reached ();
    }

  json_generator_set_root (generator, json_parser_get_root (parser));
  generated = json_generator_to_data (generator, NULL);
  text = g_string_new (generated);
  if (kind != EDIT_REMOVE)
    g_assert_cmpuint (g_string_replace (text, "\"" PLACEHOLDER "\"", value, 0), ==, 1);
  return g_string_free (text, FALSE);
}

typedef struct
{
  const char             *name;
  const char             *path;
  EditKind                kind;
  const char             *value;    /* raw JSON text, for EDIT_REPLACE and EDIT_APPEND */
  NeuronsNetworkFileError code;
  const char             *message;  /* what the error message must contain */
} Malformed;

static const Malformed malformed_cases[] = {
  { "format/missing", "format", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_FORMAT, "missing key “format”" },
  { "format/other", "format", EDIT_REPLACE, "\"neurons-network-2\"",
    NEURONS_NETWORK_FILE_ERROR_FORMAT, "format is “neurons-network-2”; expected “neurons-network”" },
  /* json-glib 1.6 decodes a lone surrogate to bytes that are not UTF-8 */
  { "format/lone-surrogate", "format", EDIT_REPLACE, "\"\\ude00x\"",
    NEURONS_NETWORK_FILE_ERROR_FORMAT, "format is “\ufffd\ufffd\ufffd" },
  { "format/type", "format", EDIT_REPLACE, "[]",
    NEURONS_NETWORK_FILE_ERROR_FORMAT, "format is an array, expected a string" },
  { "version/newer", "version", EDIT_REPLACE, "3",
    NEURONS_NETWORK_FILE_ERROR_FORMAT,
    "the file is version 3 of the network format; this Neurons reads versions 1 to 2" },
  { "version/zero", "version", EDIT_REPLACE, "0",
    NEURONS_NETWORK_FILE_ERROR_FORMAT,
    "the file is version 0 of the network format; this Neurons reads versions 1 to 2" },
  { "version/string", "version", EDIT_REPLACE, "\"1\"",
    NEURONS_NETWORK_FILE_ERROR_FORMAT, "version is a string, expected an integer" },
  { "version/missing", "version", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_FORMAT, "missing key “version”" },
  { "layer-sizes/other", "layer_sizes", EDIT_REPLACE, "[784, 32, 16, 10]",
    NEURONS_NETWORK_FILE_ERROR_FORMAT,
    "layer_sizes is [784, 32, 16, 10]; Neurons reads only networks of [784, 16, 16, 10]" },
  { "layer-sizes/longer", "layer_sizes", EDIT_APPEND, "10",
    NEURONS_NETWORK_FILE_ERROR_FORMAT,
    "layer_sizes has 5 entries; Neurons reads only networks of [784, 16, 16, 10]" },
  { "layer-sizes/string", "layer_sizes/1", EDIT_REPLACE, "\"16\"",
    NEURONS_NETWORK_FILE_ERROR_FORMAT, "layer_sizes[1] is a string, expected an integer" },
  { "layer-sizes/fraction", "layer_sizes/3", EDIT_REPLACE, "10.5",
    NEURONS_NETWORK_FILE_ERROR_FORMAT, "layer_sizes[3] is 10.5; expected an integer" },
  { "hidden-activation/missing", "hidden_activation", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_INVALID, "missing key “hidden_activation”" },
  { "hidden-activation/unknown", "hidden_activation", EDIT_REPLACE, "\"tanh\"",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "hidden_activation is “tanh”; expected “sigmoid” or “relu”" },
  { "hidden-activation/type", "hidden_activation", EDIT_REPLACE, "1",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "hidden_activation is an integer, expected a string" },
  { "hidden-activation/long", "hidden_activation", EDIT_REPLACE,
    "\"relu relu relu relu relu relu relu relu relu relu relu relu relu\"",
    NEURONS_NETWORK_FILE_ERROR_INVALID,
    "hidden_activation is “relu relu relu relu relu relu relu relu …”; expected" },
  { "output-activation/other", "output_activation", EDIT_REPLACE, "\"relu\"",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "output_activation is “relu”; expected “sigmoid”" },
  { "cost/other", "cost", EDIT_REPLACE, "\"cross-entropy\"",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "cost is “cross-entropy”; expected “quadratic”" },
  { "initialization/unknown", "initialization", EDIT_REPLACE, "\"zeros\"",
    NEURONS_NETWORK_FILE_ERROR_INVALID,
    "initialization is “zeros”; expected “he”, “xavier” or “uniform”" },
  { "learning-rate/zero", "learning_rate", EDIT_REPLACE, "0",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "learning_rate: " },
  { "learning-rate/negative", "learning_rate", EDIT_REPLACE, "-0.5",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "learning_rate: " },
  { "learning-rate/infinite", "learning_rate", EDIT_REPLACE, "1e999",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "learning_rate is not a finite number" },
  { "learning-rate/string", "learning_rate", EDIT_REPLACE, "\"0.3\"",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "learning_rate is a string, expected a number" },
  { "seed/negative", "seed", EDIT_REPLACE, "-1",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "seed is -1; expected an integer of 0 or more" },
  { "seed/fraction", "seed", EDIT_REPLACE, "7.5",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "seed is 7.5; expected an integer" },
  { "seed/null", "seed", EDIT_REPLACE, "null",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "seed is null, expected an integer" },
  { "samples-seen/negative", "samples_seen", EDIT_REPLACE, "-5",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "samples_seen is -5; expected an integer of 0 or more" },
  { "samples-seen/missing", "samples_seen", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_INVALID, "missing key “samples_seen”" },
  { "layers/missing", "layers", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_INVALID, "missing key “layers”" },
  { "layers/type", "layers", EDIT_REPLACE, "{}",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers is an object, expected an array of 3 layers" },
  { "layers/fewer", "layers/2", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers has 2 entries, expected 3" },
  { "layers/layer-type", "layers/1", EDIT_REPLACE, "[]",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[1] is an array, expected an object" },
  { "weights/missing", "layers/1/weights", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_INVALID, "missing key “weights” in layers[1]" },
  { "weights/type", "layers/0/weights", EDIT_REPLACE, "true",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[0].weights is a boolean, expected an array of 16 rows" },
  { "weights/short-row", "layers/0/weights/3/783", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[0].weights[3] has 783 numbers, expected 784" },
  { "weights/long-row", "layers/0/weights/3", EDIT_APPEND, "0.5",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[0].weights[3] has 785 numbers, expected 784" },
  { "weights/fewer-rows", "layers/2/weights/9", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[2].weights has 9 rows, expected 10" },
  { "weights/extra-row", "layers/2/weights", EDIT_APPEND, "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[2].weights has 11 rows, expected 10" },
  { "weights/row-type", "layers/1/weights/2", EDIT_REPLACE, "{}",
    NEURONS_NETWORK_FILE_ERROR_INVALID,
    "layers[1].weights[2] is an object, expected an array of 16 numbers" },
  { "weights/null", "layers/1/weights/2/3", EDIT_REPLACE, "null",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[1].weights[2][3] is null, expected a number" },
  { "weights/string", "layers/0/weights/15/783", EDIT_REPLACE, "\"0.25\"",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[0].weights[15][783] is a string, expected a number" },
  { "weights/beyond-float", "layers/0/weights/15/0", EDIT_REPLACE, "1e39",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[0].weights[15][0] is 1e+39, too large for a 32-bit float" },
  { "weights/beyond-float-negative", "layers/2/weights/0/0", EDIT_REPLACE, "-3.5e38",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[2].weights[0][0] is -3.5e+38, too large for a 32-bit float" },
  { "weights/infinite", "layers/0/weights/0/0", EDIT_REPLACE, "1e999",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[0].weights[0][0] is not a finite number" },
  { "biases/missing", "layers/1/biases", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_INVALID, "missing key “biases” in layers[1]" },
  { "biases/fewer", "layers/2/biases/9", EDIT_REMOVE, NULL,
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[2].biases has 9 numbers, expected 10" },
  { "biases/infinite", "layers/1/biases/4", EDIT_REPLACE, "1e999",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[1].biases[4] is not a finite number" },
  { "biases/negative-infinite", "layers/1/biases/4", EDIT_REPLACE, "-1e999",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[1].biases[4] is not a finite number" },
  { "biases/string", "layers/1/biases/4", EDIT_REPLACE, "\"0.5\"",
    NEURONS_NETWORK_FILE_ERROR_INVALID, "layers[1].biases[4] is a string, expected a number" },
};

static void
test_malformed (gconstpointer data)
{
  const Malformed *malformed = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsMlp) mlp = NULL;
  g_autofree char *text = edit_valid_data (malformed->path, malformed->kind, malformed->value);
  NeuronsNetworkSettings settings = { NEURONS_INIT_UNIFORM, 42.0, 42, 42 };
  const NeuronsNetworkSettings untouched = settings;

  mlp = neurons_network_file_parse (text, -1, &settings, &error);
  g_assert_error (error, NEURONS_NETWORK_FILE_ERROR, malformed->code);
  g_assert_null (mlp);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, malformed->message));
  assert_same_settings (&untouched, &settings);
}

static NeuronsMlp *
parse_edited (const char *path,
              EditKind    kind,
              const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = edit_valid_data (path, kind, value);
  NeuronsMlp *mlp = neurons_network_file_parse (text, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mlp);
  return mlp;
}

/* What other writers may put in a file that still holds a valid network. */
static void
test_accepted (void)
{
  g_autoptr(NeuronsMlp) near_max = NULL;
  g_autoptr(NeuronsMlp) integer = NULL;
  g_autoptr(NeuronsMlp) underflow = NULL;
  g_autoptr(NeuronsMlp) double_precision = NULL;
  g_autoptr(NeuronsMlp) extra_key = NULL;
  g_autoptr(NeuronsMlp) version_1 = NULL;

  /* NumPy prints FLT_MAX as its shortest decimal, a little above it, that rounds to it */
  near_max = parse_edited ("layers/0/weights/0/1", EDIT_REPLACE, "3.4028235e+38");
  g_assert_cmpfloat (neurons_mlp_get_weight (near_max, 0, 0, 1), ==, FLT_MAX);

  integer = parse_edited ("layers/2/biases/0", EDIT_REPLACE, "-2");
  g_assert_cmpfloat (neurons_mlp_get_bias (integer, 2, 0), ==, -2.0f);

  underflow = parse_edited ("layers/1/biases/3", EDIT_REPLACE, "1e-400");
  g_assert_cmpfloat (neurons_mlp_get_bias (underflow, 1, 3), ==, 0.0f);

  double_precision = parse_edited ("layers/1/weights/4/5", EDIT_REPLACE, "0.1");
  g_assert_cmpfloat (neurons_mlp_get_weight (double_precision, 1, 4, 5), ==, 0.1f);

  extra_key = parse_edited ("comment", EDIT_REPLACE, "\"trained on a Sunday\"");
  g_assert_nonnull (extra_key);

  /* version 1, from before the checkpoints, reads as it did */
  version_1 = parse_edited ("version", EDIT_REPLACE, "1");
  g_assert_cmpmem (version_1, sizeof *version_1, valid_network, sizeof *valid_network);
}

static void
assert_parse_error (const char             *data,
                    gssize                  length,
                    NeuronsNetworkFileError code,
                    const char             *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsMlp) mlp = neurons_network_file_parse (data, length, NULL, &error);

  g_assert_error (error, NEURONS_NETWORK_FILE_ERROR, code);
  g_assert_null (mlp);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, message));
}

/* Every cut of a valid file leaves its top-level object open. */
static void
test_truncated (void)
{
  gsize length = strlen (valid_data);

  for (gsize cut = 0; cut < length; cut += length / 101 + 1)
    assert_parse_error (valid_data, cut, NEURONS_NETWORK_FILE_ERROR_SYNTAX, "");
  assert_parse_error (valid_data, length - 1, NEURONS_NETWORK_FILE_ERROR_SYNTAX, "not valid JSON: ");
  assert_parse_error (valid_data, length / 2, NEURONS_NETWORK_FILE_ERROR_SYNTAX, "not valid JSON: ");
}

static void
test_not_a_network (void)
{
  assert_parse_error ("[1, 2, 3]", -1, NEURONS_NETWORK_FILE_ERROR_FORMAT,
                      "not a network file: the top level is an array, expected an object");
  assert_parse_error ("\"neurons-network\"", -1, NEURONS_NETWORK_FILE_ERROR_FORMAT,
                      "the top level is a string, expected an object");
  assert_parse_error ("{}", -1, NEURONS_NETWORK_FILE_ERROR_FORMAT, "missing key “format”");
  assert_parse_error ("", -1, NEURONS_NETWORK_FILE_ERROR_SYNTAX, "empty");
  assert_parse_error (" \n\t", -1, NEURONS_NETWORK_FILE_ERROR_SYNTAX, "empty");
  assert_parse_error ("hello", -1, NEURONS_NETWORK_FILE_ERROR_SYNTAX, "not valid JSON: ");
  assert_parse_error ("{\"format\": NaN}", -1, NEURONS_NETWORK_FILE_ERROR_SYNTAX, "not valid JSON: ");
  assert_parse_error ("{\"format\": \"\xff\"}", -1, NEURONS_NETWORK_FILE_ERROR_SYNTAX,
                      "not valid JSON: ");
  assert_parse_error ("{}\0{}", 5, NEURONS_NETWORK_FILE_ERROR_SYNTAX, "not valid JSON: ");
  /* json-glib quotes the key, a lone surrogate and all, in its message */
  assert_parse_error ("{\"a\":1,\"x\\ude00*\"}", -1, NEURONS_NETWORK_FILE_ERROR_SYNTAX, "\ufffd");
}

/* Text that is no JSON is told in our words, where it goes wrong, whatever json-glib's
 * version: these messages are whole, not parts of json-glib's. */
static void
test_syntax_messages (void)
{
  const struct
  {
    const char *data;
    const char *message;
  } cases[] = {
    { "hello", "not valid JSON: 1:1: expected a value, found “hello”" },
    { "{\"format\": NaN}", "not valid JSON: 1:12: expected a value, found “NaN”" },
    { "{\"format\": \"\xff\"}", "not valid JSON: 1:13: bytes that are not UTF-8 text" },
    { "[1,\n 2,\n ]", "not valid JSON: 3:2: expected a value, found “]”" },
    { "[1 2]", "not valid JSON: 1:4: expected “,” or “]”, found “2”" },
    { "{\"a\": 1 \"b\": 2}", "not valid JSON: 1:9: expected “,” or “}”, found “\"”" },
    { "{\"a\":1,\"x\\ude00*\"}", "not valid JSON: 1:18: expected “:” after the key “x\ufffd*”, found “}”" },
    { "{\"\\u00e9t\\u00e9\" 1}", "expected “:” after the key “été”, found “1”" },
    { "{1: 2}", "not valid JSON: 1:2: expected a key in double quotes, found “1”" },
    { "[01]", "not valid JSON: 1:2: “01” is not a number as JSON writes one" },
    { "[1.]", "not valid JSON: 1:2: “1.” is not a number as JSON writes one" },
    { "[\"abc", "not valid JSON: 1:2: the string that starts here never ends" },
    { "[\"a\tb\"]", "not valid JSON: 1:4: a control character inside a string" },
    { "[\"a\\xb\"]", "not valid JSON: 1:4: “\\” starts no escape that JSON knows" },
    { "{} {}", "not valid JSON: 1:4: “{” after the end of the value" },
    { "[true, nul]", "not valid JSON: 1:8: expected a value, found “nul”" },
    { "[", "not valid JSON: 1:2: expected a value, found the end of the text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NeuronsMlp) mlp = neurons_network_file_parse (cases[i].data, -1, NULL, &error);

      g_assert_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_SYNTAX);
      g_assert_null (mlp);
      if (g_str_has_prefix (cases[i].message, "not valid JSON: "))
        g_assert_cmpstr (error->message, ==, cases[i].message);
      else
        g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  /* a lone surrogate, in a value or in a key, is no reason to refuse a network */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *edited = edit_valid_data ("comment", EDIT_REPLACE,
                                                 i == 0 ? "\"a \\ud800 b\"" : "{\"\\udfff\": \"\\ud83d\\ude00\"}");
      g_autoptr(GError) error = NULL;
      g_autoptr(NeuronsMlp) mlp = neurons_network_file_parse (edited, -1, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (mlp);
    }
}

/* json-glib's parser recurses once per level and runs out of stack at about 200 000. */
static void
test_nesting (void)
{
  const guint depths[] = { 1000, 200000, 2000000 };

  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      g_autofree char *opening = g_strnfill (depths[i], '[');
      g_autofree char *closing = g_strnfill (depths[i], ']');
      g_autofree char *nested = g_strconcat (opening, closing, NULL);

      if (depths[i] <= 1024)
        assert_parse_error (nested, -1, NEURONS_NETWORK_FILE_ERROR_FORMAT, "the top level is an array");
      else
        assert_parse_error (nested, -1, NEURONS_NETWORK_FILE_ERROR_FORMAT,
                            "too many arrays and objects");
    }
}

static void
test_too_large (void)
{
  const gsize length = 4 * 1000 * 1000 + 1;
  g_autofree char *spaces = g_strnfill (length, ' ');
  g_autofree char *limit = g_format_size (length - 1);
  g_autofree char *message = g_strdup_printf ("too large: over %s, where a network file is about 300 kB",
                                              limit);

  g_assert_cmpstr (limit, ==, "4.0\u00a0MB");
  memcpy (spaces, "{}", 2);
  assert_parse_error (spaces, length, NEURONS_NETWORK_FILE_ERROR_FORMAT, message);
  /* one byte less is parsed, and found to be no network */
  assert_parse_error (spaces, length - 1, NEURONS_NETWORK_FILE_ERROR_FORMAT, "missing key “format”");
}

static char *
make_scratch_directory (void)
{
  g_autoptr(GError) error = NULL;
  char *directory = g_dir_make_tmp ("neurons-test-network-file-XXXXXX", &error);

  g_assert_no_error (error);
  return directory;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) directory = g_dir_open (path, 0, NULL);
      const char *name;

      g_assert_nonnull (directory);
      while ((name = g_dir_read_name (directory)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_remove (path), ==, 0);
}

/* A failed save must not leave its temporary file behind. */
static guint
count_entries (const char *path)
{
  g_autoptr(GDir) directory = g_dir_open (path, 0, NULL);
  guint n_entries = 0;

  g_assert_nonnull (directory);
  while (g_dir_read_name (directory) != NULL)
    n_entries++;
  return n_entries;
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
assert_file_contents (const char *path,
                      const char *expected,
                      gsize       expected_length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, expected, expected_length);
}

static void
assert_load_error (const char             *path,
                   NeuronsNetworkFileError code,
                   const char             *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsMlp) mlp = neurons_network_file_load (path, NULL, &error);
  g_autofree char *named = g_strdup_printf ("Cannot load “%s”: ", path);

  g_assert_error (error, NEURONS_NETWORK_FILE_ERROR, code);
  g_assert_null (mlp);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_prefix (error->message, named));
  g_assert_nonnull (strstr (error->message, message));
}

static void
test_save_load (void)
{
  g_autofree char *directory = make_scratch_directory ();
  g_autofree char *path = g_build_filename (directory, "digits.json", NULL);
  g_autoptr(NeuronsMlp) mlp = make_network (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 11);
  g_autoptr(NeuronsMlp) loaded = NULL;
  g_autoptr(GError) error = NULL;
  NeuronsNetworkSettings settings = { NEURONS_INIT_HE, 0.05, 11, 123456 };
  NeuronsNetworkSettings loaded_settings;

  g_assert_true (neurons_network_file_save (path, mlp, &settings, &error));
  g_assert_no_error (error);

  loaded = neurons_network_file_load (path, &loaded_settings, &error);
  g_assert_no_error (error);
  assert_same_network (mlp, loaded);
  assert_same_settings (&settings, &loaded_settings);
  g_assert_cmpuint (count_entries (directory), ==, 1);

  remove_tree (directory);
}

/* Messages from loading name the file, then the place in it. */
static void
test_load_errors (void)
{
  g_autofree char *directory = make_scratch_directory ();
  g_autofree char *missing = g_build_filename (directory, "missing.json", NULL);
  g_autofree char *truncated = g_build_filename (directory, "truncated.json", NULL);
  g_autofree char *short_row = g_build_filename (directory, "short-row.json", NULL);
  g_autofree char *huge = g_build_filename (directory, "huge.json", NULL);
  g_autofree char *short_row_data = edit_valid_data ("layers/0/weights/3/0", EDIT_REMOVE, NULL);
  FILE *huge_file;

  assert_load_error (missing, NEURONS_NETWORK_FILE_ERROR_IO, "No such file or directory");
  assert_load_error (directory, NEURONS_NETWORK_FILE_ERROR_IO, "Is a directory");

  write_file (truncated, valid_data, strlen (valid_data) / 3);
  assert_load_error (truncated, NEURONS_NETWORK_FILE_ERROR_SYNTAX, "not valid JSON: ");

  write_file (short_row, short_row_data, -1);
  assert_load_error (short_row, NEURONS_NETWORK_FILE_ERROR_INVALID,
                     "layers[0].weights[3] has 783 numbers, expected 784");

  /* a sparse gigabyte: refused after reading the first 4 MB of it */
  huge_file = g_fopen (huge, "w");
  g_assert_nonnull (huge_file);
  g_assert_cmpint (fseek (huge_file, 1000 * 1000 * 1000, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('}', huge_file), ==, '}');
  g_assert_cmpint (fclose (huge_file), ==, 0);
  assert_load_error (huge, NEURONS_NETWORK_FILE_ERROR_FORMAT, "too large: over 4.0\u00a0MB");

  remove_tree (directory);
}

/* Saving over a longer file leaves exactly the new network, not its tail. */
static void
test_save_replaces (void)
{
  g_autofree char *directory = make_scratch_directory ();
  g_autofree char *path = g_build_filename (directory, "digits.json", NULL);
  g_autofree char *junk = g_strnfill (1000 * 1000, 'x');
  g_autoptr(NeuronsMlp) mlp = make_network (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_UNIFORM, 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  NeuronsNetworkSettings settings = { NEURONS_INIT_UNIFORM, 0.3, 5, 0 };
  gsize expected_length;

  write_file (path, junk, -1);
  g_assert_true (neurons_network_file_save (path, mlp, &settings, &error));
  g_assert_no_error (error);

  expected = neurons_network_file_to_data (mlp, &settings, &expected_length);
  assert_file_contents (path, expected, expected_length);
  g_assert_cmpuint (count_entries (directory), ==, 1);

  remove_tree (directory);
}

#define OLD_CONTENTS "the previous network"

/* A save that fails names the file, leaves what was there, and cleans up after itself. */
static void
assert_save_fails (const char *directory,
                   const char *path,
                   guint       n_entries)
{
  g_autoptr(NeuronsMlp) mlp = make_network (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 1);
  g_autoptr(GError) error = NULL;
  NeuronsNetworkSettings settings = { NEURONS_INIT_XAVIER, 0.3, 1, 0 };
  g_autofree char *named = g_strdup_printf ("Cannot save “%s”: ", path);

  g_assert_false (neurons_network_file_save (path, mlp, &settings, &error));
  g_assert_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_prefix (error->message, named));
  g_assert_cmpuint (count_entries (directory), ==, n_entries);
}

static void
test_save_read_only_directory (void)
{
  g_autofree char *directory = make_scratch_directory ();
  g_autofree char *path = g_build_filename (directory, "digits.json", NULL);
  g_autofree char *probe = g_build_filename (directory, "probe", NULL);

  write_file (path, OLD_CONTENTS, -1);
  g_assert_cmpint (g_chmod (directory, 0500), ==, 0);

  if (g_file_set_contents (probe, "", 0, NULL))
    {
      g_test_skip ("this user writes into read-only directories (root?); "
                   "/nn/network-file/save/file-size-limit covers a failed write instead");
    }
  else
    {
      assert_save_fails (directory, path, 1);
      assert_file_contents (path, OLD_CONTENTS, strlen (OLD_CONTENTS));
    }

  g_assert_cmpint (g_chmod (directory, 0700), ==, 0);
  remove_tree (directory);
}

/* The write itself fails half-way, as on a full disk; this binds root too. */
static void
test_save_file_size_limit (void)
{
  g_autofree char *directory = make_scratch_directory ();
  g_autofree char *path = g_build_filename (directory, "digits.json", NULL);
  struct rlimit saved_limit;
  struct rlimit limit;
  void (*saved_handler) (int);

  write_file (path, OLD_CONTENTS, -1);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  limit = saved_limit;
  limit.rlim_cur = 64 * 1024;
  /* past the limit, write() fails with EFBIG instead of the process being killed */
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  assert_save_fails (directory, path, 1);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  signal (SIGXFSZ, saved_handler);

  assert_file_contents (path, OLD_CONTENTS, strlen (OLD_CONTENTS));
  remove_tree (directory);
}

static void
test_save_over_directory (void)
{
  g_autofree char *directory = make_scratch_directory ();
  g_autofree char *path = g_build_filename (directory, "digits.json", NULL);
  g_autofree char *inside = g_build_filename (path, "kept", NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  write_file (inside, OLD_CONTENTS, -1);

  assert_save_fails (directory, path, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  assert_file_contents (inside, OLD_CONTENTS, strlen (OLD_CONTENTS));

  remove_tree (directory);
}

static void
test_save_under_file (void)
{
  g_autofree char *directory = make_scratch_directory ();
  g_autofree char *parent = g_build_filename (directory, "not-a-directory", NULL);
  g_autofree char *path = g_build_filename (parent, "digits.json", NULL);

  write_file (parent, OLD_CONTENTS, -1);
  assert_save_fails (directory, path, 1);
  assert_file_contents (parent, OLD_CONTENTS, strlen (OLD_CONTENTS));

  remove_tree (directory);
}

/* A network that training blew up cannot be written as JSON; the old file stays. */
static void
test_save_diverged (void)
{
  g_autofree char *directory = make_scratch_directory ();
  g_autofree char *path = g_build_filename (directory, "digits.json", NULL);
  g_autoptr(NeuronsMlp) mlp = make_network (NEURONS_ACTIVATION_RELU, NEURONS_INIT_HE, 2);
  g_autoptr(GError) error = NULL;
  NeuronsNetworkSettings settings = { NEURONS_INIT_HE, 0.05, 2, 10 };

  write_file (path, OLD_CONTENTS, -1);
  neurons_mlp_set_weight (mlp, 1, 3, 4, NAN);

  g_assert_false (neurons_network_file_save (path, mlp, &settings, &error));
  g_assert_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  assert_file_contents (path, OLD_CONTENTS, strlen (OLD_CONTENTS));
  g_assert_cmpuint (count_entries (directory), ==, 1);

  remove_tree (directory);
}

int
main (int   argc,
      char *argv[])
{
  NeuronsNetworkSettings valid_settings = { NEURONS_INIT_XAVIER, 0.3, 7, 60000 };
  int status;

  g_test_init (&argc, &argv, NULL);

  valid_network = make_network (NEURONS_ACTIVATION_SIGMOID, NEURONS_INIT_XAVIER, 7);
  valid_data = neurons_network_file_to_data (valid_network, &valid_settings, NULL);

  g_test_add_func ("/nn/network-file/round-trip", test_round_trip);
  g_test_add_func ("/nn/network-file/awkward-floats", test_awkward_floats);
  g_test_add_func ("/nn/network-file/random-bits", test_random_bits);
  g_test_add_func ("/nn/network-file/settings", test_settings);
  g_test_add_func ("/nn/network-file/layout", test_layout);
  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/nn/network-file/malformed/%s", malformed_cases[i].name);

      g_test_add_data_func (name, &malformed_cases[i], test_malformed);
    }
  g_test_add_func ("/nn/network-file/accepted", test_accepted);
  g_test_add_func ("/nn/network-file/truncated", test_truncated);
  g_test_add_func ("/nn/network-file/not-a-network", test_not_a_network);
  g_test_add_func ("/nn/network-file/syntax-messages", test_syntax_messages);
  g_test_add_func ("/nn/network-file/nesting", test_nesting);
  g_test_add_func ("/nn/network-file/too-large", test_too_large);
  g_test_add_func ("/nn/network-file/save-load", test_save_load);
  g_test_add_func ("/nn/network-file/load-errors", test_load_errors);
  g_test_add_func ("/nn/network-file/save/replaces", test_save_replaces);
  g_test_add_func ("/nn/network-file/save/read-only-directory", test_save_read_only_directory);
  g_test_add_func ("/nn/network-file/save/file-size-limit", test_save_file_size_limit);
  g_test_add_func ("/nn/network-file/save/over-directory", test_save_over_directory);
  g_test_add_func ("/nn/network-file/save/under-file", test_save_under_file);
  g_test_add_func ("/nn/network-file/save/diverged", test_save_diverged);

  status = g_test_run ();
  g_free (valid_data);
  neurons_mlp_free (valid_network);
  return status;
}
