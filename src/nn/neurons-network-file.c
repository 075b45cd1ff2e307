/* neurons-network-file.c: saving and loading a network as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-network-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "neurons-enums.h"
#include "neurons-network-file.h"
#include "neurons-sgd.h"

/*
 * A network file, with weights[j][i] the weight from neuron i of the layer below to neuron j
 * (row-major, as PyTorch's nn.Linear stores it):
 *
 *   { "format": "neurons-network", "version": 1, "layer_sizes": [784, 16, 16, 10],
 *     "hidden_activation": "sigmoid", "output_activation": "sigmoid", "cost": "quadratic",
 *     "initialization": "xavier", "learning_rate": 0.3, "seed": 7, "samples_seen": 60000,
 *     "layers": [ { "weights": [[784 numbers] × 16], "biases": [16 numbers] }, … ],
 *     "checkpoints": { … } }
 *
 * Version 2 added the optional "checkpoints" member, the moments of the run to rewind to
 * (neurons-checkpoints.c writes and reads it); version 1 files are read as they were.
 *
 * json-glib writes a double with 17 significant digits, which reads back as the same double;
 * a float widened to double therefore reads back as the same float, bit for bit.
 */

#define NETWORK_FILE_FORMAT   "neurons-network"
#define NETWORK_FILE_VERSION  2
#define NETWORK_FILE_OLDEST_VERSION 1
#define NETWORK_FILE_COST     "quadratic"
#define OUTPUT_ACTIVATION     NEURONS_ACTIVATION_SIGMOID

/* A network file is about 300 kB. json-glib keeps every number as a node of its own and
 * needs some 700 MB to parse 16 MB of them, so the limit stays well below that while leaving
 * room for any layout of the 13002 numbers. It counts the text outside strings: the
 * checkpoints' training states are one base64 string, up to 4/3 of their memory budget, which
 * json-glib holds as one block, so a file as a whole may be larger by that much. */
#define NETWORK_FILE_MAX_SIZE (4 * 1000 * 1000)
#define NETWORK_FILE_MAX_TOTAL_SIZE (NETWORK_FILE_MAX_SIZE + NEURONS_CHECKPOINTS_BUDGET / 3 * 4 + 1000 * 1000)

/* json-glib's parser recurses once per level of nesting, and 200 000 nested arrays overflow
 * its stack. A network file opens 57 arrays and objects in all. Counting every '[' and '{'
 * byte, those inside strings too, can only overcount, so it bounds the nesting without a
 * parser of our own. */
#define NETWORK_FILE_MAX_CONTAINERS 1024

/* Strings from the file are quoted in messages up to this many characters. */
#define QUOTED_STRING_MAX 40

G_DEFINE_QUARK (neurons-network-file-error-quark, neurons_network_file_error)

typedef const char *(*NameFunc) (int value);

static const char *
activation_name (int value)
{
  return neurons_activation_to_string (value);
}

static const char *
init_name (int value)
{
  return neurons_init_to_string (value);
}

static gboolean
settings_are_writable (const NeuronsNetworkSettings *settings)
{
  return neurons_validate_learning_rate (settings->learning_rate, NULL)
         && settings->seed <= G_MAXINT64
         && settings->samples_seen <= G_MAXINT64;
}

static void
build_float_array (JsonBuilder *builder,
                   const float *values,
                   guint        n_values)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_values; i++)
    json_builder_add_double_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
build_layer (JsonBuilder      *builder,
             const NeuronsMlp *mlp,
             guint             layer)
{
  guint n_inputs = neurons_layer_n_inputs (layer);
  guint n_outputs = neurons_layer_n_outputs (layer);
  g_autofree float *values = g_new (float, MAX (n_inputs, n_outputs));

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "weights");
  json_builder_begin_array (builder);
  for (guint to = 0; to < n_outputs; to++)
    {
      for (guint from = 0; from < n_inputs; from++)
        values[from] = neurons_mlp_get_weight (mlp, layer, to, from);
      build_float_array (builder, values, n_inputs);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "biases");
  for (guint to = 0; to < n_outputs; to++)
    values[to] = neurons_mlp_get_bias (mlp, layer, to);
  build_float_array (builder, values, n_outputs);

  json_builder_end_object (builder);
}

/**
 * neurons_network_file_to_data:
 * @mlp: a network whose weights are all finite
 * @settings: the settings to store beside it; the learning rate must be valid, and the seed
 *   and sample count at most %G_MAXINT64 (JSON integers are signed 64-bit in json-glib)
 * @length: (out) (optional): the length of the returned text
 *
 * Returns: (transfer full): the network file as JSON text
 */
char *
neurons_network_file_to_data (const NeuronsMlp             *mlp,
                              const NeuronsNetworkSettings *settings,
                              gsize                        *length)
{
  return neurons_network_file_to_data_full (mlp, settings, NULL, length);
}

/**
 * neurons_network_file_to_data_full:
 * @checkpoints: (nullable): the run's checkpoints, to store with it
 *
 * As neurons_network_file_to_data(), with the checkpoints.
 */
char *
neurons_network_file_to_data_full (const NeuronsMlp             *mlp,
                                   const NeuronsNetworkSettings *settings,
                                   NeuronsCheckpoints           *checkpoints,
                                   gsize                        *length)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (mlp != NULL, NULL);
  g_return_val_if_fail (neurons_mlp_is_finite (mlp), NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (settings_are_writable (settings), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, NETWORK_FILE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, NETWORK_FILE_VERSION);

  json_builder_set_member_name (builder, "layer_sizes");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, neurons_layer_n_inputs (0));
  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    json_builder_add_int_value (builder, neurons_layer_n_outputs (layer));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "hidden_activation");
  json_builder_add_string_value (builder, activation_name (mlp->hidden_activation));
  json_builder_set_member_name (builder, "output_activation");
  json_builder_add_string_value (builder, activation_name (OUTPUT_ACTIVATION));
  json_builder_set_member_name (builder, "cost");
  json_builder_add_string_value (builder, NETWORK_FILE_COST);
  json_builder_set_member_name (builder, "initialization");
  json_builder_add_string_value (builder, init_name (settings->initialization));
  json_builder_set_member_name (builder, "learning_rate");
  json_builder_add_double_value (builder, settings->learning_rate);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) settings->seed);
  json_builder_set_member_name (builder, "samples_seen");
  json_builder_add_int_value (builder, (gint64) settings->samples_seen);

  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    build_layer (builder, mlp, layer);
  json_builder_end_array (builder);

  if (checkpoints != NULL)
    {
      json_builder_set_member_name (builder, "checkpoints");
      json_builder_add_value (builder, neurons_checkpoints_to_json (checkpoints));
    }

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

/* Where a value sits, as in "layers[0].weights[3]"; @position < 0 names @path itself. */
static char *
locate (const char *path,
        gint64      position)
{
  if (position < 0)
    return g_strdup (path);
  return g_strdup_printf ("%s[%" G_GINT64_FORMAT "]", path, position);
}

/* What a node holds, for "… is an array, expected an object". */
static const char *
describe_node (JsonNode *node)
{
  GType value_type;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  value_type = json_node_get_value_type (node);
  if (value_type == G_TYPE_STRING)
    return _("a string");
  if (value_type == G_TYPE_BOOLEAN)
    return _("a boolean");
  if (value_type == G_TYPE_INT64)
    return _("an integer");
  return _("a number");
}

/* A string from the file, shortened so that a message stays readable. check_syntax() has
 * rewritten lone surrogates, but a string is made valid UTF-8 all the same before it is
 * measured or shown. */
static char *
quote_string (const char *string)
{
  g_autofree char *valid = g_utf8_make_valid (string, -1);
  g_autofree char *head = NULL;

  if (g_utf8_strlen (valid, -1) <= QUOTED_STRING_MAX)
    return g_strdup_printf ("“%s”", valid);

  head = g_utf8_substring (valid, 0, QUOTED_STRING_MAX);
  return g_strdup_printf ("“%s…”", head);
}

/* “a”, “b” or “c”: every value of @enum_type, as a file names it. */
static char *
list_names (GType    enum_type,
            NameFunc name)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (enum_type);
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < enum_class->n_values; i++)
    {
      if (i > 0)
        g_string_append (list, i + 1 < enum_class->n_values ? ", " : _(" or "));
      g_string_append_printf (list, "“%s”", name (enum_class->values[i].value));
    }

  return g_string_free (list, FALSE);
}

static gboolean
node_is_number (JsonNode *node)
{
  GType value_type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  value_type = json_node_get_value_type (node);
  return value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE;
}

/* @path names @object in messages; it is empty for the top level. */
static JsonNode *
get_member (JsonObject             *object,
            const char             *path,
            const char             *key,
            NeuronsNetworkFileError code,
            GError                **error)
{
  JsonNode *member = json_object_get_member (object, key);

  if (member != NULL)
    return member;

  if (*path == '\0')
    g_set_error (error, NEURONS_NETWORK_FILE_ERROR, code, _("missing key “%s”"), key);
  else
    g_set_error (error, NEURONS_NETWORK_FILE_ERROR, code, _("missing key “%s” in %s"), key, path);
  return NULL;
}

static gboolean
read_string (JsonObject             *object,
             const char             *key,
             NeuronsNetworkFileError code,
             const char            **string,
             GError                **error)
{
  JsonNode *node = get_member (object, "", key, code, error);

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, code,
                   _("%s is %s, expected a string"), key, describe_node (node));
      return FALSE;
    }

  *string = json_node_get_string (node);
  return TRUE;
}

/* Reads a key whose only valid value is @expected. */
static gboolean
read_fixed_string (JsonObject             *object,
                   const char             *key,
                   const char             *expected,
                   NeuronsNetworkFileError code,
                   GError                **error)
{
  const char *string;
  g_autofree char *quoted = NULL;

  if (!read_string (object, key, code, &string, error))
    return FALSE;

  if (g_str_equal (string, expected))
    return TRUE;

  quoted = quote_string (string);
  g_set_error (error, NEURONS_NETWORK_FILE_ERROR, code,
               _("%s is %s; expected “%s”"), key, quoted, expected);
  return FALSE;
}

/* Reads a key that names one value of @enum_type, as @name names them. */
static gboolean
read_enum (JsonObject *object,
           const char *key,
           GType       enum_type,
           NameFunc    name,
           int        *value,
           GError    **error)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *expected = NULL;
  const char *string;

  if (!read_string (object, key, NEURONS_NETWORK_FILE_ERROR_INVALID, &string, error))
    return FALSE;

  enum_class = g_type_class_ref (enum_type);
  for (guint i = 0; i < enum_class->n_values; i++)
    if (g_str_equal (string, name (enum_class->values[i].value)))
      {
        *value = enum_class->values[i].value;
        return TRUE;
      }

  quoted = quote_string (string);
  expected = list_names (enum_type, name);
  g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
               _("%s is %s; expected %s"), key, quoted, expected);
  return FALSE;
}

static gboolean
read_integer (JsonNode               *node,
              const char             *path,
              gint64                  position,
              NeuronsNetworkFileError code,
              gint64                 *value,
              GError                **error)
{
  g_autofree char *where = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  where = locate (path, position);
  if (node_is_number (node))
    g_set_error (error, NEURONS_NETWORK_FILE_ERROR, code,
                 _("%s is %g; expected an integer"), where, json_node_get_double (node));
  else
    g_set_error (error, NEURONS_NETWORK_FILE_ERROR, code,
                 _("%s is %s, expected an integer"), where, describe_node (node));
  return FALSE;
}

/* Reads a count such as the seed: an integer of zero or more. */
static gboolean
read_count (JsonObject *object,
            const char *key,
            guint64    *count,
            GError    **error)
{
  JsonNode *node = get_member (object, "", key, NEURONS_NETWORK_FILE_ERROR_INVALID, error);
  gint64 value;

  if (node == NULL
      || !read_integer (node, key, -1, NEURONS_NETWORK_FILE_ERROR_INVALID, &value, error))
    return FALSE;

  if (value < 0)
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   _("%s is %" PRId64 "; expected an integer of 0 or more"), key, value);
      return FALSE;
    }

  *count = value;
  return TRUE;
}

static gboolean
read_number (JsonNode   *node,
             const char *path,
             gint64      position,
             double     *value,
             GError    **error)
{
  g_autofree char *where = NULL;

  if (node_is_number (node))
    {
      *value = json_node_get_double (node);
      if (isfinite (*value))
        return TRUE;
    }

  where = locate (path, position);
  if (node_is_number (node))
    g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                 _("%s is not a finite number"), where);
  else
    g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                 _("%s is %s, expected a number"), where, describe_node (node));
  return FALSE;
}

/* A weight or bias: a number that stays finite as a float. Numbers a little beyond FLT_MAX
 * that round to it, such as the 3.4028235e+38 that NumPy prints for it, are taken. */
static gboolean
read_float (JsonNode   *node,
            const char *path,
            gint64      position,
            float      *value,
            GError    **error)
{
  g_autofree char *where = NULL;
  double number;

  if (!read_number (node, path, position, &number, error))
    return FALSE;

  *value = (float) number;
  if (isfinite (*value))
    return TRUE;

  where = locate (path, position);
  g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
               _("%s is %g, too large for a 32-bit float"), where, number);
  return FALSE;
}

static gboolean
read_float_array (JsonNode   *node,
                  const char *path,
                  float      *values,
                  guint       n_values,
                  GError    **error)
{
  JsonArray *array;
  guint length;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   _("%s is %s, expected an array of %u numbers"),
                   path, describe_node (node), n_values);
      return FALSE;
    }

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  if (length != n_values)
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s has %u number, expected %u",
                               "%s has %u numbers, expected %u", length),
                   path, length, n_values);
      return FALSE;
    }

  for (guint i = 0; i < n_values; i++)
    if (!read_float (json_array_get_element (array, i), path, i, &values[i], error))
      return FALSE;

  return TRUE;
}

/* The size of text that is not a network file can be told before parsing it. */
static gboolean
check_size (const char *data,
            gsize       length,
            GError    **error)
{
  gsize n_containers = 0;
  gsize outside_strings = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (in_string && data[i] == '\\')
        i++;
      else if (data[i] == '"')
        in_string = !in_string;
      else if (!in_string)
        outside_strings++;
    }

  if (outside_strings > NETWORK_FILE_MAX_SIZE || length > NETWORK_FILE_MAX_TOTAL_SIZE)
    {
      g_autofree char *max_size = g_format_size (NETWORK_FILE_MAX_SIZE);

      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_FORMAT,
                   _("too large: over %s, where a network file is about 300 kB"), max_size);
      return FALSE;
    }

  /* Brackets inside strings count too: that can only overcount. */
  for (gsize i = 0; i < length; i++)
    n_containers += data[i] == '[' || data[i] == '{';

  if (n_containers > NETWORK_FILE_MAX_CONTAINERS)
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_FORMAT,
                   _("too many arrays and objects (%zu), where a network file"
                     " has fewer than %u"),
                   n_containers, NETWORK_FILE_MAX_CONTAINERS);
      return FALSE;
    }

  return TRUE;
}

/* The syntax of JSON (RFC 8259), checked by us before json-glib parses the text, so that a
 * file that is no JSON gets a message in our words, the same whatever json-glib's version.
 * The check also rewrites a lone UTF-16 surrogate escape such as "\ude00", which has no
 * character: json-glib 1.6 decodes it to three bytes that are not UTF-8 and 1.10 refuses
 * the file; we read it as three U+FFFD, one for each of those bytes. */
typedef struct
{
  const char *data;
  const char *end;
  const char *position;
  GString    *rewritten;     /* the text with lone surrogates replaced, once one is met */
  const char *copied_up_to;  /* how much of @data @rewritten holds */
} JsonScanner;

/* "3:14", the line and the character in it, as json-glib numbers them. */
static char *
scanner_locate (const JsonScanner *scanner,
                const char        *at)
{
  guint line = 1;
  guint column = 1;

  for (const char *c = scanner->data; c < at; c++)
    {
      if (*c == '\n')
        {
          line++;
          column = 1;
        }
      else if ((*c & 0xc0) != 0x80)
        column++;
    }

  return g_strdup_printf ("%u:%u", line, column);
}

static gboolean G_GNUC_PRINTF (4, 5)
scanner_fail (const JsonScanner *scanner,
              const char        *at,
              GError           **error,
              const char        *format,
              ...)
{
  g_autofree char *where = scanner_locate (scanner, at);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s is a line and column, as in "3:14"; the second says what is
   * wrong there */
  g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_SYNTAX,
               _("not valid JSON: %s: %s"), where, what);
  return FALSE;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '+' || c == '.';
}

/* What stands at @at, as in "found “NaN”": a word, one character, or the end. */
static char *
scanner_describe (const JsonScanner *scanner,
                  const char        *at)
{
  const char *word_end = at;

  if (at >= scanner->end)
    return g_strdup (_("the end of the text"));

  while (word_end < scanner->end && is_word_char (*word_end)
         && word_end - at < QUOTED_STRING_MAX)
    word_end++;
  if (word_end == at)
    word_end = g_utf8_next_char (at);

  return g_strdup_printf ("“%.*s”", (int) (word_end - at), at);
}

static void
scanner_skip_space (JsonScanner *scanner)
{
  while (scanner->position < scanner->end
         && (*scanner->position == ' ' || *scanner->position == '\t'
             || *scanner->position == '\n' || *scanner->position == '\r'))
    scanner->position++;
}

/* The character a one-letter escape such as "\n" stands for. */
static char
unescape (char letter)
{
  switch (letter)
    {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return letter;
    }
}

static gboolean
scanner_read_hex4 (const char *text,
                   const char *end,
                   gunichar   *value)
{
  *value = 0;
  if (end - text < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (text[i]))
        return FALSE;
      *value = *value * 16 + g_ascii_xdigit_value (text[i]);
    }
  return TRUE;
}

/* A string at the opening quote; @decoded, if given, receives its text, a lone surrogate as
 * U+FFFD, for quoting in messages. */
static gboolean
scanner_read_string (JsonScanner *scanner,
                     GString     *decoded,
                     GError     **error)
{
  const char *start = scanner->position;
  const char *c = start + 1;

  while (c < scanner->end && *c != '"')
    {
      const char *escape = c;
      gunichar code;
      gunichar low;

      if ((guchar) *c < 0x20)
        return scanner_fail (scanner, c, error, _("a control character inside a string"));

      if (*c != '\\')
        {
          const char *next = g_utf8_next_char (c);

          if (decoded != NULL)
            g_string_append_len (decoded, c, next - c);
          c = next;
          continue;
        }

      c++;
      if (c >= scanner->end)
        break;
      if (strchr ("\"\\/bfnrt", *c) != NULL && *c != '\0')
        {
          if (decoded != NULL)
            g_string_append_c (decoded, unescape (*c));
          c++;
          continue;
        }
      if (*c != 'u' || !scanner_read_hex4 (c + 1, scanner->end, &code))
        {
          g_autofree char *found = scanner_describe (scanner, escape);

          return scanner_fail (scanner, escape, error,
                               _("%s starts no escape that JSON knows"), found);
        }
      c += 5;

      /* a high surrogate followed by a low one is one character */
      if (code >= 0xd800 && code <= 0xdbff && scanner->end - c >= 6 && c[0] == '\\'
          && c[1] == 'u' && scanner_read_hex4 (c + 2, scanner->end, &low)
          && low >= 0xdc00 && low <= 0xdfff)
        {
          c += 6;
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        }
      else if (code >= 0xd800 && code <= 0xdfff)
        {
          if (scanner->rewritten == NULL)
            scanner->rewritten = g_string_sized_new (scanner->end - scanner->data);
          g_string_append_len (scanner->rewritten, scanner->copied_up_to,
                               escape - scanner->copied_up_to);
          g_string_append (scanner->rewritten, "\\ufffd\\ufffd\\ufffd");
          scanner->copied_up_to = c;
          code = 0xfffd;
        }

      if (decoded != NULL)
        g_string_append_unichar (decoded, code);
    }

  if (c >= scanner->end)
    return scanner_fail (scanner, start, error, _("the string that starts here never ends"));

  scanner->position = c + 1;
  return TRUE;
}

/* A number, as JSON writes one: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
scanner_read_number (JsonScanner *scanner,
                     GError     **error)
{
  const char *start = scanner->position;
  const char *end = scanner->end;
  const char *c = start;
  g_autofree char *found = NULL;

  if (c < end && *c == '-')
    c++;
  if (c < end && *c == '0')
    c++;
  else if (c < end && g_ascii_isdigit (*c))
    while (c < end && g_ascii_isdigit (*c))
      c++;
  else
    goto bad_number;

  if (c < end && *c == '.')
    {
      c++;
      if (c >= end || !g_ascii_isdigit (*c))
        goto bad_number;
      while (c < end && g_ascii_isdigit (*c))
        c++;
    }

  if (c < end && (*c == 'e' || *c == 'E'))
    {
      c++;
      if (c < end && (*c == '+' || *c == '-'))
        c++;
      if (c >= end || !g_ascii_isdigit (*c))
        goto bad_number;
      while (c < end && g_ascii_isdigit (*c))
        c++;
    }

  if (c < end && is_word_char (*c))
    goto bad_number;

  scanner->position = c;
  return TRUE;

bad_number:
  found = scanner_describe (scanner, start);
  return scanner_fail (scanner, start, error, _("%s is not a number as JSON writes one"), found);
}

static gboolean scanner_read_value (JsonScanner *scanner,
                                    GError     **error);

/* An object or an array at its opening bracket. */
static gboolean
scanner_read_container (JsonScanner *scanner,
                        GError     **error)
{
  gboolean is_object = *scanner->position == '{';
  char closing = is_object ? '}' : ']';

  scanner->position++;
  scanner_skip_space (scanner);
  if (scanner->position < scanner->end && *scanner->position == closing)
    {
      scanner->position++;
      return TRUE;
    }

  while (TRUE)
    {
      g_autofree char *found = NULL;

      if (is_object)
        {
          g_autoptr(GString) key = g_string_new (NULL);
          g_autofree char *quoted_key = NULL;

          if (scanner->position >= scanner->end || *scanner->position != '"')
            {
              found = scanner_describe (scanner, scanner->position);
              return scanner_fail (scanner, scanner->position, error,
                                   _("expected a key in double quotes, found %s"), found);
            }
          if (!scanner_read_string (scanner, key, error))
            return FALSE;

          scanner_skip_space (scanner);
          if (scanner->position >= scanner->end || *scanner->position != ':')
            {
              quoted_key = quote_string (key->str);
              found = scanner_describe (scanner, scanner->position);
              return scanner_fail (scanner, scanner->position, error,
                                   _("expected “:” after the key %s, found %s"),
                                   quoted_key, found);
            }
          scanner->position++;
        }

      if (!scanner_read_value (scanner, error))
        return FALSE;

      scanner_skip_space (scanner);
      if (scanner->position < scanner->end && *scanner->position == closing)
        {
          scanner->position++;
          return TRUE;
        }
      if (scanner->position >= scanner->end || *scanner->position != ',')
        {
          found = scanner_describe (scanner, scanner->position);
          return scanner_fail (scanner, scanner->position, error,
                               is_object ? _("expected “,” or “}”, found %s")
                                         : _("expected “,” or “]”, found %s"),
                               found);
        }
      scanner->position++;
      scanner_skip_space (scanner);
    }
}

static gboolean
scanner_read_value (JsonScanner *scanner,
                    GError     **error)
{
  const char *const literals[] = { "true", "false", "null" };
  const char *start;
  g_autofree char *found = NULL;

  scanner_skip_space (scanner);
  start = scanner->position;
  if (start < scanner->end)
    {
      if (*start == '{' || *start == '[')
        return scanner_read_container (scanner, error);
      if (*start == '"')
        return scanner_read_string (scanner, NULL, error);
      if (*start == '-' || g_ascii_isdigit (*start))
        return scanner_read_number (scanner, error);

      for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
        {
          gsize length = strlen (literals[i]);

          if ((gsize) (scanner->end - start) >= length && strncmp (start, literals[i], length) == 0
              && (start + length == scanner->end || !is_word_char (start[length])))
            {
              scanner->position += length;
              return TRUE;
            }
        }
    }

  found = scanner_describe (scanner, start);
  return scanner_fail (scanner, start, error, _("expected a value, found %s"), found);
}

/* Checks that @data is one JSON value in UTF-8, or only white space (which json-glib reads as
 * no value). Sets @rewritten to the text json-glib is to parse, if it differs from @data. */
static gboolean
check_syntax (const char *data,
              gsize       length,
              GString   **rewritten,
              GError    **error)
{
  JsonScanner scanner = { data, data + length, data, NULL, data };
  const char *valid_end;

  if (!g_utf8_validate_len (data, length, &valid_end))
    return scanner_fail (&scanner, valid_end, error,
                         *valid_end == '\0' ? _("a NUL byte, where the text must go on or end")
                                            : _("bytes that are not UTF-8 text"));

  scanner_skip_space (&scanner);
  if (scanner.position == scanner.end)
    return TRUE;

  if (!scanner_read_value (&scanner, error))
    {
      if (scanner.rewritten != NULL)
        g_string_free (scanner.rewritten, TRUE);
      return FALSE;
    }

  scanner_skip_space (&scanner);
  if (scanner.position < scanner.end)
    {
      g_autofree char *found = scanner_describe (&scanner, scanner.position);

      if (scanner.rewritten != NULL)
        g_string_free (scanner.rewritten, TRUE);
      return scanner_fail (&scanner, scanner.position, error,
                           _("%s after the end of the value"), found);
    }

  if (scanner.rewritten != NULL)
    g_string_append_len (scanner.rewritten, scanner.copied_up_to,
                         scanner.end - scanner.copied_up_to);
  *rewritten = scanner.rewritten;
  return TRUE;
}

static gboolean
check_layer_sizes (JsonObject *root,
                   GError    **error)
{
  gint64 expected[NEURONS_N_LAYERS + 1];
  gint64 found[NEURONS_N_LAYERS + 1];
  JsonNode *node;
  JsonArray *array;
  guint length;

  expected[0] = neurons_layer_n_inputs (0);
  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    expected[layer + 1] = neurons_layer_n_outputs (layer);

  node = get_member (root, "", "layer_sizes", NEURONS_NETWORK_FILE_ERROR_FORMAT, error);
  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_FORMAT,
                   _("layer_sizes is %s, expected an array of integers"), describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  if (length != G_N_ELEMENTS (expected))
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_FORMAT,
                   g_dngettext (GETTEXT_PACKAGE,
                               "layer_sizes has %u entry; Neurons reads only networks of"
                               " [%" PRId64 ", %" PRId64
                               ", %" PRId64 ", %" PRId64 "]",
                               "layer_sizes has %u entries; Neurons reads only networks of"
                               " [%" PRId64 ", %" PRId64
                               ", %" PRId64 ", %" PRId64 "]", length),
                   length, expected[0], expected[1], expected[2], expected[3]);
      return FALSE;
    }

  for (guint i = 0; i < length; i++)
    if (!read_integer (json_array_get_element (array, i), "layer_sizes", i,
                       NEURONS_NETWORK_FILE_ERROR_FORMAT, &found[i], error))
      return FALSE;

  if (memcmp (found, expected, sizeof expected) != 0)
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_FORMAT,
                   _("layer_sizes is [%" PRId64 ", %" PRId64
                     ", %" PRId64 ", %" PRId64 "]; Neurons reads only"
                     " networks of [%" PRId64 ", %" PRId64
                     ", %" PRId64 ", %" PRId64 "]"),
                   found[0], found[1], found[2], found[3],
                   expected[0], expected[1], expected[2], expected[3]);
      return FALSE;
    }

  return TRUE;
}

/* Whether this is a network file, of a version and shape this code reads. */
static gboolean
check_format (JsonObject *root,
              GError    **error)
{
  JsonNode *node;
  gint64 version;

  if (!read_fixed_string (root, "format", NETWORK_FILE_FORMAT,
                          NEURONS_NETWORK_FILE_ERROR_FORMAT, error))
    return FALSE;

  node = get_member (root, "", "version", NEURONS_NETWORK_FILE_ERROR_FORMAT, error);
  if (node == NULL
      || !read_integer (node, "version", -1, NEURONS_NETWORK_FILE_ERROR_FORMAT, &version, error))
    return FALSE;

  if (version < NETWORK_FILE_OLDEST_VERSION || version > NETWORK_FILE_VERSION)
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_FORMAT,
                   _("the file is version %" PRId64 " of the network format;"
                     " this Neurons reads versions %d to %d"),
                   version, NETWORK_FILE_OLDEST_VERSION, NETWORK_FILE_VERSION);
      return FALSE;
    }

  return check_layer_sizes (root, error);
}

static gboolean
read_settings (JsonObject             *root,
               NeuronsActivation      *hidden_activation,
               NeuronsNetworkSettings *settings,
               GError                **error)
{
  g_autoptr(GError) training_error = NULL;
  JsonNode *node;
  int activation;
  int initialization;

  if (!read_enum (root, "hidden_activation", NEURONS_TYPE_ACTIVATION, activation_name,
                  &activation, error)
      || !read_fixed_string (root, "output_activation", activation_name (OUTPUT_ACTIVATION),
                             NEURONS_NETWORK_FILE_ERROR_INVALID, error)
      || !read_fixed_string (root, "cost", NETWORK_FILE_COST,
                             NEURONS_NETWORK_FILE_ERROR_INVALID, error)
      || !read_enum (root, "initialization", NEURONS_TYPE_INIT, init_name,
                     &initialization, error))
    return FALSE;

  node = get_member (root, "", "learning_rate", NEURONS_NETWORK_FILE_ERROR_INVALID, error);
  if (node == NULL
      || !read_number (node, "learning_rate", -1, &settings->learning_rate, error))
    return FALSE;

  if (!neurons_validate_learning_rate (settings->learning_rate, &training_error))
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   _("learning_rate: %s"), training_error->message);
      return FALSE;
    }

  if (!read_count (root, "seed", &settings->seed, error)
      || !read_count (root, "samples_seen", &settings->samples_seen, error))
    return FALSE;

  *hidden_activation = activation;
  settings->initialization = initialization;
  return TRUE;
}

static gboolean
read_layer (JsonNode   *node,
            guint       layer,
            NeuronsMlp *mlp,
            GError    **error)
{
  guint n_inputs = neurons_layer_n_inputs (layer);
  guint n_outputs = neurons_layer_n_outputs (layer);
  g_autofree float *values = g_new (float, MAX (n_inputs, n_outputs));
  g_autofree char *path = g_strdup_printf ("layers[%u]", layer);
  g_autofree char *weights_path = g_strdup_printf ("%s.weights", path);
  g_autofree char *biases_path = g_strdup_printf ("%s.biases", path);
  JsonObject *object;
  JsonNode *weights;
  JsonNode *biases;
  JsonArray *rows;
  guint n_rows;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   _("%s is %s, expected an object"), path, describe_node (node));
      return FALSE;
    }

  object = json_node_get_object (node);
  weights = get_member (object, path, "weights", NEURONS_NETWORK_FILE_ERROR_INVALID, error);
  if (weights == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (weights))
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   _("%s is %s, expected an array of %u rows"),
                   weights_path, describe_node (weights), n_outputs);
      return FALSE;
    }

  rows = json_node_get_array (weights);
  n_rows = json_array_get_length (rows);
  if (n_rows != n_outputs)
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s has %u row, expected %u",
                               "%s has %u rows, expected %u", n_rows),
                   weights_path, n_rows, n_outputs);
      return FALSE;
    }

  for (guint to = 0; to < n_outputs; to++)
    {
      g_autofree char *row_path = g_strdup_printf ("%s[%u]", weights_path, to);

      if (!read_float_array (json_array_get_element (rows, to), row_path,
                             values, n_inputs, error))
        return FALSE;
      for (guint from = 0; from < n_inputs; from++)
        neurons_mlp_set_weight (mlp, layer, to, from, values[from]);
    }

  biases = get_member (object, path, "biases", NEURONS_NETWORK_FILE_ERROR_INVALID, error);
  if (biases == NULL || !read_float_array (biases, biases_path, values, n_outputs, error))
    return FALSE;
  for (guint to = 0; to < n_outputs; to++)
    neurons_mlp_set_bias (mlp, layer, to, values[to]);

  return TRUE;
}

static gboolean
read_layers (JsonObject *root,
             NeuronsMlp *mlp,
             GError    **error)
{
  JsonNode *node = get_member (root, "", "layers", NEURONS_NETWORK_FILE_ERROR_INVALID, error);
  JsonArray *layers;
  guint n_layers;

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   _("layers is %s, expected an array of %u layers"),
                   describe_node (node), NEURONS_N_LAYERS);
      return FALSE;
    }

  layers = json_node_get_array (node);
  n_layers = json_array_get_length (layers);
  if (n_layers != NEURONS_N_LAYERS)
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "layers has %u entry, expected %u",
                               "layers has %u entries, expected %u", n_layers),
                   n_layers, NEURONS_N_LAYERS);
      return FALSE;
    }

  for (guint layer = 0; layer < NEURONS_N_LAYERS; layer++)
    if (!read_layer (json_array_get_element (layers, layer), layer, mlp, error))
      return FALSE;

  return TRUE;
}

/**
 * neurons_network_file_parse:
 * @data: the text of a network file
 * @length: the length of @data, or -1 if it ends with a NUL byte
 * @settings: (out) (optional): where to store the settings read with the network
 * @error: a #NeuronsNetworkFileError naming what is wrong and where, as in
 *   "layers[0].weights[3] has 783 numbers, expected 784"
 *
 * Returns: (transfer full) (nullable): the network, or %NULL with @error set and @settings
 *   left alone
 */
NeuronsMlp *
neurons_network_file_parse (const char             *data,
                            gssize                  length,
                            NeuronsNetworkSettings *settings,
                            GError                **error)
{
  return neurons_network_file_parse_full (data, length, settings, NULL, error);
}

/* The "checkpoints" member, if there is one: a malformed one makes the whole file unusable,
 * with a message that says so, so that opening it changes nothing. */
static gboolean
read_checkpoints (JsonObject          *root,
                  NeuronsActivation    hidden_activation,
                  NeuronsCheckpoints **checkpoints,
                  GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = json_object_get_member (root, "checkpoints");

  *checkpoints = NULL;
  if (node == NULL)
    return TRUE;

  *checkpoints = neurons_checkpoints_from_json (node, hidden_activation, &local_error);
  if (*checkpoints == NULL)
    {
      /* Translators: %s says which value is wrong, as in "checkpoints.states is not a string" */
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   _("the checkpoints to rewind to are damaged: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * neurons_network_file_parse_full:
 * @checkpoints: (out) (optional) (nullable): the run's checkpoints, or %NULL when the file
 *   has none
 *
 * As neurons_network_file_parse(), with the checkpoints. A file whose checkpoints are
 * malformed is refused, even without @checkpoints.
 */
NeuronsMlp *
neurons_network_file_parse_full (const char             *data,
                                 gssize                  length,
                                 NeuronsNetworkSettings *settings,
                                 NeuronsCheckpoints    **checkpoints,
                                 GError                **error)
{
  g_autoptr(NeuronsCheckpoints) parsed_checkpoints = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GString) rewritten = NULL;
  g_autoptr(NeuronsMlp) mlp = NULL;
  NeuronsNetworkSettings parsed;
  NeuronsActivation hidden_activation;
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (!check_size (data, length, error))
    return NULL;

  if (!check_syntax (data, length, &rewritten, error))
    return NULL;
  if (rewritten != NULL)
    {
      data = rewritten->str;
      length = rewritten->len;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      /* Text that passed check_syntax() should parse; should json-glib still refuse it, its
       * message is all there is to say. json-glib names text that came without a file name
       * "<data>"; the caller names it. */
      const char *reason = json_error->message;
      g_autofree char *valid_reason = NULL;

      if (g_str_has_prefix (reason, "<data>:"))
        reason += strlen ("<data>:");
      valid_reason = g_utf8_make_valid (reason, -1);
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_SYNTAX,
                   _("not valid JSON: %s"), valid_reason);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_SYNTAX,
                           _("empty, not a network file"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_FORMAT,
                   _("not a network file: the top level is %s, expected an object"),
                   describe_node (root));
      return NULL;
    }

  object = json_node_get_object (root);
  if (!check_format (object, error)
      || !read_settings (object, &hidden_activation, &parsed, error))
    return NULL;

  mlp = neurons_mlp_new ();
  mlp->hidden_activation = hidden_activation;
  if (!read_layers (object, mlp, error)
      || !read_checkpoints (object, hidden_activation, &parsed_checkpoints, error))
    return NULL;

  if (settings != NULL)
    *settings = parsed;
  if (checkpoints != NULL)
    *checkpoints = g_steal_pointer (&parsed_checkpoints);
  return g_steal_pointer (&mlp);
}

/**
 * neurons_network_file_save:
 *
 * Writes the network to a new file beside @path and renames it over @path, so that a failed
 * save leaves the old file as it was.
 *
 * Returns: whether the file was written; if not, @error says why, naming @path
 */
gboolean
neurons_network_file_save (const char                   *path,
                           const NeuronsMlp             *mlp,
                           const NeuronsNetworkSettings *settings,
                           GError                      **error)
{
  return neurons_network_file_save_full (path, mlp, settings, NULL, error);
}

/**
 * neurons_network_file_save_full:
 * @checkpoints: (nullable): the run's checkpoints, to save with it
 *
 * As neurons_network_file_save(), with the checkpoints.
 */
gboolean
neurons_network_file_save_full (const char                   *path,
                                const NeuronsMlp             *mlp,
                                const NeuronsNetworkSettings *settings,
                                NeuronsCheckpoints           *checkpoints,
                                GError                      **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) file_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (mlp != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (settings_are_writable (settings), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_name (path);

  /* A diverged network happens in training; it is not a mistake of the caller. */
  if (!neurons_mlp_is_finite (mlp))
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_INVALID,
                   _("Cannot save “%s”: the network has weights that are not finite numbers"
                     " (training diverged); start again with a smaller learning rate"),
                   display_name);
      return FALSE;
    }

  data = neurons_network_file_to_data_full (mlp, settings, checkpoints, &length);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                 &file_error))
    {
      g_set_error (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_IO,
                   _("Cannot save “%s”: %s"), display_name, file_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Reads at most @max_length + 1 bytes: enough to tell that a file is too large without
 * reading all of it, whatever kind of file it is. */
static char *
read_file_head (const char *path,
                gsize       max_length,
                gsize      *length,
                GError    **error)
{
  g_autofree char *data = NULL;
  gsize filled = 0;
  gsize allocated;
  int saved_errno = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error_literal (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_IO,
                           g_strerror (saved_errno));
      return NULL;
    }

  /* grown as it fills: most files are far below the limit */
  allocated = MIN (max_length + 1, 1024 * 1024);
  data = g_malloc (allocated);
  while (filled < max_length + 1)
    {
      gssize n_read;

      if (filled == allocated)
        {
          allocated = MIN (max_length + 1, allocated * 2);
          data = g_realloc (data, allocated);
        }
      n_read = read (fd, data + filled, allocated - filled);

      if (n_read < 0 && errno == EINTR)
        continue;
      if (n_read < 0)
        saved_errno = errno;
      if (n_read <= 0)
        break;
      filled += n_read;
    }
  g_close (fd, NULL);

  if (saved_errno != 0)
    {
      g_set_error_literal (error, NEURONS_NETWORK_FILE_ERROR, NEURONS_NETWORK_FILE_ERROR_IO,
                           g_strerror (saved_errno));
      return NULL;
    }

  *length = filled;
  return g_steal_pointer (&data);
}

/**
 * neurons_network_file_load:
 *
 * Returns: (transfer full) (nullable): the network in @path, or %NULL with @error set, its
 *   message naming @path and what is wrong in it
 */
NeuronsMlp *
neurons_network_file_load (const char             *path,
                           NeuronsNetworkSettings *settings,
                           GError                **error)
{
  return neurons_network_file_load_full (path, settings, NULL, error);
}

/**
 * neurons_network_file_load_full:
 * @checkpoints: (out) (optional) (nullable): the run's checkpoints, or %NULL when the file
 *   has none
 *
 * As neurons_network_file_load(), with the checkpoints.
 */
NeuronsMlp *
neurons_network_file_load_full (const char             *path,
                                NeuronsNetworkSettings *settings,
                                NeuronsCheckpoints    **checkpoints,
                                GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *data = NULL;
  NeuronsMlp *mlp = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = read_file_head (path, NETWORK_FILE_MAX_TOTAL_SIZE, &length, &local_error);
  if (data != NULL)
    mlp = neurons_network_file_parse_full (data, length, settings, checkpoints, &local_error);

  if (mlp == NULL)
    {
      display_name = g_filename_display_name (path);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot load “%s”: "), display_name);
    }

  return mlp;
}
