/* neurons-dataset.c: MNIST-style IDX image and label files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-dataset"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "neurons-dataset.h"

/* An IDX file is a big-endian header (a magic number whose third byte is the element type,
 * 0x08 for unsigned bytes, and whose fourth byte is the number of dimensions, then one 32-bit
 * size per dimension) followed by the elements, row-major. An image file has 3 dimensions
 * (count, rows, columns), a label file 1 (count). */

#define IMAGE_SIDE 28
#define IMAGE_SIZE (IMAGE_SIDE * IMAGE_SIDE)

/* Input is read this much at a time and inflated straight into the dataset's buffer, in one
 * call per chunk. Larger chunks load MNIST no faster (inflating is the cost), and smaller ones
 * keep small inputs cheap, as the fuzzer finds. */
#define INPUT_CHUNK_SIZE (64 * 1024)

/* The payload buffer starts at this size and doubles as data arrives, so that a header which
 * promises more than the file holds costs memory only for what the file does hold. */
#define PAYLOAD_INITIAL_SIZE (1024 * 1024)

typedef enum
{
  IDX_IMAGES,
  IDX_LABELS,
} IdxKind;

typedef struct
{
  guint32     magic;
  gsize       header_size;
  gsize       item_size;
  /* Words the messages put in, marked for translation; IDX_WORD translates them. */
  const char *file_kind;  /* "an IDX %s file" */
  const char *items;      /* what the header counts */
  const char *payload;    /* what the bytes after the header are */
} IdxFormat;

#define IDX_WORD(word) g_dpgettext2 (GETTEXT_PACKAGE, "IDX file", word)

static const IdxFormat idx_formats[] = {
  [IDX_IMAGES] = { 0x00000803, 16, IMAGE_SIZE,
                   /* Translators: the words of an IDX file, which the messages about a broken
                    * file put in: "an IDX image file", "the header claims 70000 images", "only
                    * 1024 bytes of pixels". */
                   NC_("IDX file", "image"), NC_("IDX file", "images"), NC_("IDX file", "pixels") },
  [IDX_LABELS] = { 0x00000801, 8, 1,
                   NC_("IDX file", "label"), NC_("IDX file", "labels"), NC_("IDX file", "labels") },
};

/* One IDX file being read, plain or gzip'd. */
typedef struct
{
  const char      *name;          /* the file as messages name it */
  const IdxFormat *format;
  GInputStream    *input;
  GConverter      *decompressor;  /* NULL when the input is not gzip'd */
  guint8          *chunk;         /* (INPUT_CHUNK_SIZE) input read but not used yet */
  gsize            chunk_start;
  gsize            chunk_end;
  gboolean         input_at_end;  /* nothing left in input beyond the chunk */
  gboolean         data_at_end;   /* the last gzip member has ended */
  guint            n_items;       /* as the header says */
} IdxReader;

G_DEFINE_QUARK (neurons-dataset-error-quark, neurons_dataset_error)
G_DEFINE_BOXED_TYPE (NeuronsDataset, neurons_dataset, neurons_dataset_ref, neurons_dataset_unref)

static void
idx_reader_clear (IdxReader *reader)
{
  g_clear_object (&reader->input);
  g_clear_object (&reader->decompressor);
  g_clear_pointer (&reader->chunk, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IdxReader, idx_reader_clear)

static gboolean
idx_reader_refill (IdxReader  *reader,
                   GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize n_read;

  g_assert (reader->chunk_start == reader->chunk_end);

  if (!g_input_stream_read_all (reader->input, reader->chunk, INPUT_CHUNK_SIZE,
                                &n_read, NULL, &local_error))
    {
      g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_IO,
                   _("%s: cannot read the file: %s"), reader->name, local_error->message);
      return FALSE;
    }

  reader->chunk_start = 0;
  reader->chunk_end = n_read;
  reader->input_at_end = n_read < INPUT_CHUNK_SIZE;

  return TRUE;
}

static gboolean
idx_reader_read_plain (IdxReader  *reader,
                       guint8     *buffer,
                       gsize       size,
                       gsize      *bytes_read,
                       GError    **error)
{
  gsize from_chunk = MIN (size, reader->chunk_end - reader->chunk_start);
  gsize from_input = 0;

  memcpy (buffer, reader->chunk + reader->chunk_start, from_chunk);
  reader->chunk_start += from_chunk;

  /* Past the first chunk, plain data goes from the file straight into the buffer. */
  if (from_chunk < size && !reader->input_at_end)
    {
      g_autoptr(GError) local_error = NULL;

      if (!g_input_stream_read_all (reader->input, buffer + from_chunk, size - from_chunk,
                                    &from_input, NULL, &local_error))
        {
          g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_IO,
                       _("%s: cannot read the file: %s"), reader->name, local_error->message);
          return FALSE;
        }
      reader->input_at_end = from_input < size - from_chunk;
    }

  *bytes_read = from_chunk + from_input;
  return TRUE;
}

static gboolean
idx_reader_read_gzip (IdxReader  *reader,
                      guint8     *buffer,
                      gsize       size,
                      gsize      *bytes_read,
                      GError    **error)
{
  gsize filled = 0;

  while (filled < size && !reader->data_at_end)
    {
      g_autoptr(GError) local_error = NULL;
      GConverterResult result;
      gsize consumed;
      gsize produced;

      if (reader->chunk_start == reader->chunk_end && !reader->input_at_end &&
          !idx_reader_refill (reader, error))
        return FALSE;

      result = g_converter_convert (reader->decompressor,
                                    reader->chunk + reader->chunk_start,
                                    reader->chunk_end - reader->chunk_start,
                                    buffer + filled, size - filled,
                                    reader->input_at_end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &consumed, &produced, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          /* The decompressor always has room to write and is fed all there is, so asking
           * for more input means the input has run out. */
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_COMPRESSION,
                         _("%s: the gzip data stops before its end: the file is cut short, "
                           "perhaps by an interrupted download"), reader->name);
          else
            g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_COMPRESSION,
                         _("%s: the gzip data is corrupt (%s); fetch the file again"),
                         reader->name, local_error->message);
          return FALSE;
        }

      reader->chunk_start += consumed;
      filled += produced;

      if (result == G_CONVERTER_FINISHED)
        {
          if (reader->chunk_start == reader->chunk_end && !reader->input_at_end &&
              !idx_reader_refill (reader, error))
            return FALSE;

          /* Like gzip(1), read concatenated gzip members as one stream. */
          if (reader->chunk_start == reader->chunk_end)
            reader->data_at_end = TRUE;
          else
            g_converter_reset (reader->decompressor);
        }
    }

  *bytes_read = filled;
  return TRUE;
}

/* Fills @buffer with the next @size bytes of IDX data, inflated if the file is gzip'd;
 * @bytes_read is less than @size only at the end of the data. */
static gboolean
idx_reader_read (IdxReader  *reader,
                 guint8     *buffer,
                 gsize       size,
                 gsize      *bytes_read,
                 GError    **error)
{
  if (reader->decompressor != NULL)
    return idx_reader_read_gzip (reader, buffer, size, bytes_read, error);
  else
    return idx_reader_read_plain (reader, buffer, size, bytes_read, error);
}

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) | bytes[3];
}

/* @other is the format of the other file of the pair, which this one may have been
 * mistaken for. */
static void
set_magic_error (const IdxReader  *reader,
                 const IdxFormat  *other,
                 const guint8     *header,
                 GError          **error)
{
  guint32 magic = read_be32 (header);
  gboolean is_text = TRUE;

  for (guint i = 0; i < 4; i++)
    is_text &= g_ascii_isprint (header[i]);

  if (magic == other->magic)
    g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_MAGIC,
                 _("%s: this is an IDX %s file (magic number 0x%08x) where an IDX %s file "
                   "(0x%08x) was expected; are the image and label files swapped?"),
                 reader->name, IDX_WORD (other->file_kind), magic,
                 IDX_WORD (reader->format->file_kind), reader->format->magic);
  else if (is_text)
    g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_MAGIC,
                 _("%s: not an IDX %s file: it starts with the text “%.4s”, perhaps an error "
                   "page saved by a failed download"),
                 reader->name, IDX_WORD (reader->format->file_kind), (const char *) header);
  else
    g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_MAGIC,
                 _("%s: not an IDX %s file: its magic number is 0x%08x, but it should be 0x%08x"),
                 reader->name, IDX_WORD (reader->format->file_kind), magic, reader->format->magic);
}

/* Opens @input, detects gzip by its magic bytes, and reads and checks the IDX header. */
static gboolean
idx_reader_start (IdxReader     *reader,
                  GInputStream  *input,
                  const char    *name,
                  IdxKind        kind,
                  GError       **error)
{
  const IdxFormat *format = &idx_formats[kind];
  guint8 header[16];
  gsize header_read;

  g_assert (format->header_size <= sizeof header);

  reader->name = name;
  reader->format = format;
  reader->input = g_object_ref (input);
  reader->chunk = g_malloc (INPUT_CHUNK_SIZE);

  if (!idx_reader_refill (reader, error))
    return FALSE;

  if (reader->chunk_end >= 2 && reader->chunk[0] == 0x1f && reader->chunk[1] == 0x8b)
    reader->decompressor = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));

  if (!idx_reader_read (reader, header, format->header_size, &header_read, error))
    return FALSE;

  /* The magic number comes first: a short file of the wrong kind is better described by
   * what it is than by its length. */
  if (header_read >= 4 && read_be32 (header) != format->magic)
    {
      set_magic_error (reader, &idx_formats[kind == IDX_IMAGES ? IDX_LABELS : IDX_IMAGES],
                       header, error);
      return FALSE;
    }

  if (header_read < format->header_size)
    {
      g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_TRUNCATED,
                   _("%s: truncated: the file holds only %zu bytes, less than the %zu-byte "
                     "header of an IDX %s file"),
                   name, header_read, format->header_size, IDX_WORD (format->file_kind));
      return FALSE;
    }

  reader->n_items = read_be32 (header + 4);

  /* Refused before anything is allocated for them. */
  if (reader->n_items > NEURONS_DATASET_MAX_IMAGES)
    {
      g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_TOO_LARGE,
                   _("%s: the header claims %u %s, more than the %u this program accepts; "
                     "the header is probably corrupt"),
                   name, reader->n_items, IDX_WORD (format->items), NEURONS_DATASET_MAX_IMAGES);
      return FALSE;
    }

  /* In IDX terms the count is the first dimension, and an empty set can neither train nor
   * test anything, so it is refused like any other unusable shape. */
  if (reader->n_items == 0)
    {
      g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_DIMENSIONS,
                   _("%s: the header says the file holds no %s; an empty set is of no use "
                     "for training or testing"), name, IDX_WORD (format->items));
      return FALSE;
    }

  /* Only 28×28 is accepted, so no product of the sizes is ever formed that could overflow. */
  if (kind == IDX_IMAGES &&
      (read_be32 (header + 8) != IMAGE_SIDE || read_be32 (header + 12) != IMAGE_SIDE))
    {
      g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_DIMENSIONS,
                   _("%s: the images are %u×%u pixels, but only %d×%d images (the MNIST size) "
                     "can be used"), name, read_be32 (header + 8), read_be32 (header + 12),
                   IMAGE_SIDE, IMAGE_SIDE);
      return FALSE;
    }

  return TRUE;
}

/* Reads the items the header promises, and makes sure nothing follows them. */
static guint8 *
idx_reader_read_payload (IdxReader  *reader,
                         GError    **error)
{
  gsize expected = (gsize) reader->n_items * reader->format->item_size;
  g_autofree guint8 *payload = NULL;
  gsize capacity = 0;
  gsize filled = 0;
  gsize n_read;
  gsize trailing = 0;
  guint8 scratch[4096];

  do
    {
      if (filled == capacity)
        {
          capacity = MIN (expected, MAX (2 * capacity, PAYLOAD_INITIAL_SIZE));
          payload = g_realloc (payload, capacity);
        }
      if (!idx_reader_read (reader, payload + filled, capacity - filled, &n_read, error))
        return NULL;
      filled += n_read;
    }
  while (filled < expected && n_read > 0);

  if (filled < expected)
    {
      g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_TRUNCATED,
                   _("%s: truncated: the header promises %u %s (%zu bytes) but the file holds "
                     "only %zu bytes of %s"),
                   reader->name, reader->n_items, IDX_WORD (reader->format->items), expected,
                   filled, IDX_WORD (reader->format->payload));
      return NULL;
    }

  do
    {
      if (!idx_reader_read (reader, scratch, sizeof scratch, &n_read, error))
        return NULL;
      trailing += n_read;
    }
  while (n_read > 0);

  if (trailing > 0)
    {
      g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_TRAILING,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: trailing data: the header promises %u %s (%zu bytes) but "
                                "%zu more byte follows them; the file is corrupt or its header "
                                "is wrong",
                                "%s: trailing data: the header promises %u %s (%zu bytes) but "
                                "%zu more bytes follow them; the file is corrupt or its header "
                                "is wrong", trailing),
                   reader->name, reader->n_items, IDX_WORD (reader->format->items), expected,
                   trailing);
      return NULL;
    }

  return g_steal_pointer (&payload);
}

static void
neurons_dataset_clear (NeuronsDataset *dataset)
{
  g_free (dataset->pixels);
  g_free (dataset->labels);
}

static NeuronsDataset *
dataset_new_from_streams (GInputStream  *images_input,
                          const char    *images_name,
                          GInputStream  *labels_input,
                          const char    *labels_name,
                          GError       **error)
{
  g_auto(IdxReader) images = { 0 };
  g_auto(IdxReader) labels = { 0 };
  g_autofree guint8 *pixels = NULL;
  g_autofree guint8 *label_values = NULL;
  NeuronsDataset *dataset;

  /* Both headers are checked before any payload is read, so that a mismatch is reported
   * without first inflating 47 MB of pixels. */
  if (!idx_reader_start (&images, images_input, images_name, IDX_IMAGES, error) ||
      !idx_reader_start (&labels, labels_input, labels_name, IDX_LABELS, error))
    return NULL;

  if (images.n_items != labels.n_items)
    {
      g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_MISMATCH,
                   _("%s holds %u images but %s holds %u labels; each image needs exactly one "
                     "label, so the two files must come from the same set"),
                   images_name, images.n_items, labels_name, labels.n_items);
      return NULL;
    }

  pixels = idx_reader_read_payload (&images, error);
  if (pixels == NULL)
    return NULL;

  label_values = idx_reader_read_payload (&labels, error);
  if (label_values == NULL)
    return NULL;

  for (guint i = 0; i < labels.n_items; i++)
    if (label_values[i] > 9)
      {
        g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_LABEL,
                     _("%s: the label of image %u (counting from 0) is %u, but labels must be "
                       "digits from 0 to 9"), labels_name, i, label_values[i]);
        return NULL;
      }

  dataset = g_atomic_rc_box_new0 (NeuronsDataset);
  dataset->n_images = images.n_items;
  dataset->pixels = g_steal_pointer (&pixels);
  dataset->labels = g_steal_pointer (&label_values);

  return dataset;
}

/**
 * neurons_dataset_new_from_bytes:
 * @images: an IDX image file, plain or gzip'd
 * @images_name: how error messages name @images
 * @labels: the IDX label file that goes with @images, plain or gzip'd
 * @labels_name: how error messages name @labels
 * @error: a #NEURONS_DATASET_ERROR if the data is not a usable set
 *
 * Returns: (transfer full) (nullable): the images and their labels
 */
NeuronsDataset *
neurons_dataset_new_from_bytes (GBytes      *images,
                                const char  *images_name,
                                GBytes      *labels,
                                const char  *labels_name,
                                GError     **error)
{
  g_autoptr(GInputStream) images_input = NULL;
  g_autoptr(GInputStream) labels_input = NULL;

  g_return_val_if_fail (images != NULL, NULL);
  g_return_val_if_fail (images_name != NULL, NULL);
  g_return_val_if_fail (labels != NULL, NULL);
  g_return_val_if_fail (labels_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  images_input = g_memory_input_stream_new_from_bytes (images);
  labels_input = g_memory_input_stream_new_from_bytes (labels);

  return dataset_new_from_streams (images_input, images_name, labels_input, labels_name, error);
}

static GInputStream *
open_file (const char  *path,
           const char  *name,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  GFileInputStream *input;

  input = g_file_read (file, NULL, &local_error);
  if (input == NULL)
    {
      g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_IO,
                   _("%s: cannot open the file: %s"), name, local_error->message);
      return NULL;
    }

  return G_INPUT_STREAM (input);
}

/**
 * neurons_dataset_load:
 * @images_path: an IDX image file, plain or gzip'd (told apart by content, not by name)
 * @labels_path: the IDX label file that goes with @images_path
 * @error: a #NEURONS_DATASET_ERROR naming the file and what is wrong with it
 *
 * Returns: (transfer full) (nullable): the images and their labels
 */
NeuronsDataset *
neurons_dataset_load (const char  *images_path,
                      const char  *labels_path,
                      GError     **error)
{
  g_autofree char *images_name = NULL;
  g_autofree char *labels_name = NULL;
  g_autoptr(GInputStream) images_input = NULL;
  g_autoptr(GInputStream) labels_input = NULL;

  g_return_val_if_fail (images_path != NULL, NULL);
  g_return_val_if_fail (labels_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  images_name = g_filename_display_basename (images_path);
  labels_name = g_filename_display_basename (labels_path);

  images_input = open_file (images_path, images_name, error);
  if (images_input == NULL)
    return NULL;

  labels_input = open_file (labels_path, labels_name, error);
  if (labels_input == NULL)
    return NULL;

  return dataset_new_from_streams (images_input, images_name, labels_input, labels_name, error);
}

NeuronsDataset *
neurons_dataset_ref (NeuronsDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, NULL);

  return g_atomic_rc_box_acquire (dataset);
}

void
neurons_dataset_unref (NeuronsDataset *dataset)
{
  g_return_if_fail (dataset != NULL);

  g_atomic_rc_box_release_full (dataset, (GDestroyNotify) neurons_dataset_clear);
}

/* The file called @name in @directory, as it is or gzip'd; the plain one wins if both are
 * there, since someone took the trouble to unpack it. */
static char *
find_idx_file (const char  *directory,
               const char  *name,
               GError     **error)
{
  g_autofree char *plain = g_build_filename (directory, name, NULL);
  g_autofree char *compressed = g_strconcat (plain, ".gz", NULL);
  g_autofree char *directory_name = NULL;

  if (g_file_test (plain, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&plain);
  if (g_file_test (compressed, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&compressed);

  directory_name = g_filename_display_name (directory);
  g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_NOT_FOUND,
               _("The folder %s has neither %s nor %s.gz; an MNIST data folder holds "
                 "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte "
                 "and t10k-labels-idx1-ubyte, each plain or gzip'd"),
               directory_name, name, name);
  return NULL;
}

static NeuronsDataset *
load_from_directory (const char  *directory,
                     const char  *images_name,
                     const char  *labels_name,
                     GError     **error)
{
  g_autofree char *images_path = NULL;
  g_autofree char *labels_path = NULL;

  images_path = find_idx_file (directory, images_name, error);
  if (images_path == NULL)
    return NULL;

  labels_path = find_idx_file (directory, labels_name, error);
  if (labels_path == NULL)
    return NULL;

  return neurons_dataset_load (images_path, labels_path, error);
}

/**
 * neurons_dataset_load_directory:
 * @directory: a folder with the four MNIST files, each plain or gzip'd
 * @train: (out): the training set
 * @test: (out): the test set
 * @error: a #NEURONS_DATASET_ERROR naming the folder or file and what is wrong
 *
 * On failure @train and @test are left as they were.
 *
 * Returns: whether both sets were loaded
 */
gboolean
neurons_dataset_load_directory (const char      *directory,
                                NeuronsDataset **train,
                                NeuronsDataset **test,
                                GError         **error)
{
  g_autoptr(NeuronsDataset) train_set = NULL;
  g_autoptr(NeuronsDataset) test_set = NULL;

  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (train != NULL, FALSE);
  g_return_val_if_fail (test != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *directory_name = g_filename_display_name (directory);

      g_set_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_NOT_FOUND,
                   _("There is no folder %s to load the MNIST files from"), directory_name);
      return FALSE;
    }

  train_set = load_from_directory (directory, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", error);
  if (train_set == NULL)
    return FALSE;

  test_set = load_from_directory (directory, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", error);
  if (test_set == NULL)
    return FALSE;

  *train = g_steal_pointer (&train_set);
  *test = g_steal_pointer (&test_set);

  return TRUE;
}

/**
 * neurons_dataset_find_default_directory:
 *
 * The folder to load MNIST from: $NEURONS_DATA_DIR if set; the source tree's data/mnist
 * when the running binary is in the build tree, so that nothing needs installing to try
 * it; else the installed copy.
 *
 * Returns: (transfer full): a folder name; it is not checked that the folder exists
 */
char *
neurons_dataset_find_default_directory (void)
{
  const char *from_environment = g_getenv ("NEURONS_DATA_DIR");
  g_autofree char *executable = NULL;

  if (from_environment != NULL && from_environment[0] != '\0')
    return g_strdup (from_environment);

  executable = g_file_read_link ("/proc/self/exe", NULL);
  if (executable != NULL && g_str_has_prefix (executable, NEURONS_BUILD_ROOT G_DIR_SEPARATOR_S))
    return g_strdup (NEURONS_SOURCE_DATA_DIR);

  return g_build_filename (PKGDATADIR, "mnist", NULL);
}
