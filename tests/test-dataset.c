/* test-dataset.c: reading MNIST-style IDX files, good and bad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "neurons-dataset.h"

#define IMAGES_MAGIC 0x00000803
#define LABELS_MAGIC 0x00000801

/* Names that the files made below go by, to check that each message names its file. */
#define IMAGES_NAME "images.idx"
#define LABELS_NAME "labels.idx"

static void
append_be32 (GByteArray *array,
             guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (array, bytes, sizeof bytes);
}

/* An IDX file: @magic, the @n_sizes sizes of its dimensions, then @payload_size bytes, byte i
 * being (@first_byte + i) % @modulo. */
static GBytes *
make_idx (guint32        magic,
          const guint32 *sizes,
          guint          n_sizes,
          gsize          payload_size,
          guint8         first_byte,
          guint          modulo)
{
  GByteArray *array = g_byte_array_new ();

  append_be32 (array, magic);
  for (guint i = 0; i < n_sizes; i++)
    append_be32 (array, sizes[i]);
  for (gsize i = 0; i < payload_size; i++)
    {
      guint8 byte = (first_byte + i) % modulo;

      g_byte_array_append (array, &byte, 1);
    }

  return g_byte_array_free_to_bytes (array);
}

/* An image file whose header promises @n_images and which holds @n_pixels pixels. */
static GBytes *
make_images (guint32 n_images,
             gsize   n_pixels)
{
  const guint32 sizes[] = { n_images, 28, 28 };

  return make_idx (IMAGES_MAGIC, sizes, G_N_ELEMENTS (sizes), n_pixels, 0, 256);
}

/* A label file whose header promises @n_labels and which holds @n_values labels, counting
 * up from @first_label modulo 10. */
static GBytes *
make_labels (guint32 n_labels,
             gsize   n_values,
             guint8  first_label)
{
  const guint32 sizes[] = { n_labels };

  return make_idx (LABELS_MAGIC, sizes, G_N_ELEMENTS (sizes), n_values, first_label, 10);
}

static GBytes *
convert_bytes (GBytes     *bytes,
               GConverter *converter)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) output = g_converter_output_stream_new (memory, converter);
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static GBytes *
gzip_bytes (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);

  return convert_bytes (bytes, G_CONVERTER (compressor));
}

static GBytes *
concat_bytes (GBytes *first,
              GBytes *second)
{
  GByteArray *array = g_byte_array_new ();

  g_byte_array_append (array, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  g_byte_array_append (array, g_bytes_get_data (second, NULL), g_bytes_get_size (second));

  return g_byte_array_free_to_bytes (array);
}

/* @bytes with its byte at @offset (from the end if negative) xor'd with @mask. */
static GBytes *
flip_byte (GBytes *bytes,
           gssize  offset,
           guint8  mask)
{
  gsize size = g_bytes_get_size (bytes);
  guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);

  data[offset >= 0 ? (gsize) offset : size + offset] ^= mask;

  return g_bytes_new_take (data, size);
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

/* Checks that the pair is refused with @code, that the message starts with the name of
 * @named_file and that it contains @detail, the fact a person needs to act on. */
static void
assert_refused (GBytes              *images,
                GBytes              *labels,
                NeuronsDatasetError  code,
                const char          *named_file,
                const char          *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) dataset = NULL;

  dataset = neurons_dataset_new_from_bytes (images, IMAGES_NAME, labels, LABELS_NAME, &error);
  g_assert_null (dataset);
  g_assert_error (error, NEURONS_DATASET_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, named_file));
  g_assert_nonnull (strstr (error->message, detail));
}

static void
test_valid (void)
{
  g_autoptr(GBytes) images = make_images (3, 3 * 784);
  g_autoptr(GBytes) labels = make_labels (3, 3, 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) dataset = NULL;

  dataset = neurons_dataset_new_from_bytes (images, IMAGES_NAME, labels, LABELS_NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dataset->n_images, ==, 3);
  g_assert_cmpmem (dataset->pixels, 3 * 784, (const guint8 *) g_bytes_get_data (images, NULL) + 16, 3 * 784);
  g_assert_cmpuint (neurons_dataset_image (dataset, 2)[0], ==, (2 * 784) % 256);
  g_assert_cmpuint (dataset->labels[0], ==, 7);
  g_assert_cmpuint (dataset->labels[1], ==, 8);
  g_assert_cmpuint (dataset->labels[2], ==, 9);
}

static void
assert_same_dataset (const NeuronsDataset *dataset,
                     const NeuronsDataset *expected)
{
  g_assert_cmpuint (dataset->n_images, ==, expected->n_images);
  g_assert_cmpmem (dataset->pixels, (gsize) dataset->n_images * 784,
                   expected->pixels, (gsize) expected->n_images * 784);
  g_assert_cmpmem (dataset->labels, dataset->n_images, expected->labels, expected->n_images);
}

static NeuronsDataset *
new_from_bytes (GBytes *images,
                GBytes *labels)
{
  g_autoptr(GError) error = NULL;
  NeuronsDataset *dataset;

  dataset = neurons_dataset_new_from_bytes (images, IMAGES_NAME, labels, LABELS_NAME, &error);
  g_assert_no_error (error);

  return dataset;
}

static void
test_gzip (void)
{
  g_autoptr(GBytes) images = make_images (5, 5 * 784);
  g_autoptr(GBytes) labels = make_labels (5, 5, 0);
  g_autoptr(GBytes) images_gz = gzip_bytes (images);
  g_autoptr(GBytes) labels_gz = gzip_bytes (labels);
  g_autoptr(NeuronsDataset) plain = new_from_bytes (images, labels);
  g_autoptr(NeuronsDataset) compressed = new_from_bytes (images_gz, labels_gz);
  g_autoptr(NeuronsDataset) mixed = new_from_bytes (images, labels_gz);

  assert_same_dataset (compressed, plain);
  assert_same_dataset (mixed, plain);
}

/* gzip(1) reads concatenated members as one file, and so must we. */
static void
test_gzip_members (void)
{
  g_autoptr(GBytes) images = make_images (2, 2 * 784);
  g_autoptr(GBytes) labels = make_labels (2, 2, 4);
  g_autoptr(GBytes) images_header = g_bytes_new_from_bytes (images, 0, 16 + 100);
  g_autoptr(GBytes) images_rest = g_bytes_new_from_bytes (images, 16 + 100, 2 * 784 - 100);
  g_autoptr(GBytes) header_gz = gzip_bytes (images_header);
  g_autoptr(GBytes) rest_gz = gzip_bytes (images_rest);
  g_autoptr(GBytes) images_gz = concat_bytes (header_gz, rest_gz);
  g_autoptr(NeuronsDataset) plain = new_from_bytes (images, labels);
  g_autoptr(NeuronsDataset) compressed = new_from_bytes (images_gz, labels);

  assert_same_dataset (compressed, plain);
}

static void
test_magic (void)
{
  const guint32 sizes[] = { 1, 28, 28 };
  g_autoptr(GBytes) images = make_images (1, 784);
  g_autoptr(GBytes) labels = make_labels (1, 1, 0);
  g_autoptr(GBytes) float_images = make_idx (0x00000d03, sizes, 3, 4 * 784, 0, 256);
  g_autoptr(GBytes) wrong_labels = make_idx (0x00000901, sizes, 1, 1, 0, 10);
  g_autoptr(GBytes) html = text_bytes ("<!DOCTYPE html><title>403 Forbidden</title>");
  g_autoptr(GBytes) html_gz = gzip_bytes (html);

  assert_refused (float_images, labels, NEURONS_DATASET_ERROR_MAGIC, IMAGES_NAME,
                  "magic number is 0x00000d03, but it should be 0x00000803");
  assert_refused (images, wrong_labels, NEURONS_DATASET_ERROR_MAGIC, LABELS_NAME,
                  "magic number is 0x00000901, but it should be 0x00000801");
  assert_refused (labels, images, NEURONS_DATASET_ERROR_MAGIC, IMAGES_NAME, "swapped");
  assert_refused (images, images, NEURONS_DATASET_ERROR_MAGIC, LABELS_NAME, "swapped");
  assert_refused (html, labels, NEURONS_DATASET_ERROR_MAGIC, IMAGES_NAME, "“<!DO”");
  assert_refused (images, html_gz, NEURONS_DATASET_ERROR_MAGIC, LABELS_NAME, "“<!DO”");
}

static void
test_dimensions (void)
{
  const guint32 large[] = { 1, 32, 32 };
  const guint32 overflowing[] = { 4, 65536, 65536 };
  const guint32 flat[] = { 1, 784, 1 };
  g_autoptr(GBytes) large_images = make_idx (IMAGES_MAGIC, large, 3, 32 * 32, 0, 256);
  g_autoptr(GBytes) overflowing_images = make_idx (IMAGES_MAGIC, overflowing, 3, 784, 0, 256);
  g_autoptr(GBytes) flat_images = make_idx (IMAGES_MAGIC, flat, 3, 784, 0, 256);
  g_autoptr(GBytes) labels = make_labels (1, 1, 0);
  g_autoptr(GBytes) four_labels = make_labels (4, 4, 0);

  assert_refused (large_images, labels, NEURONS_DATASET_ERROR_DIMENSIONS, IMAGES_NAME, "32×32");
  assert_refused (overflowing_images, four_labels, NEURONS_DATASET_ERROR_DIMENSIONS, IMAGES_NAME,
                  "65536×65536");
  assert_refused (flat_images, labels, NEURONS_DATASET_ERROR_DIMENSIONS, IMAGES_NAME, "784×1");
}

static void
test_empty (void)
{
  g_autoptr(GBytes) images = make_images (0, 0);
  g_autoptr(GBytes) labels = make_labels (0, 0, 0);
  g_autoptr(GBytes) one_image = make_images (1, 784);

  assert_refused (images, labels, NEURONS_DATASET_ERROR_DIMENSIONS, IMAGES_NAME, "no images");
  assert_refused (one_image, labels, NEURONS_DATASET_ERROR_DIMENSIONS, LABELS_NAME, "no labels");
}

static void
test_too_large (void)
{
  g_autoptr(GBytes) absurd = make_images (G_MAXINT32 + 1u, 784);
  g_autoptr(GBytes) just_over = make_images (NEURONS_DATASET_MAX_IMAGES + 1, 784);
  g_autoptr(GBytes) absurd_labels = make_labels (G_MAXUINT32, 1, 0);
  g_autoptr(GBytes) labels = make_labels (1, 1, 0);
  g_autoptr(GBytes) images = make_images (1, 784);
  /* The most we accept, promised by a file of a few bytes: refused for what it holds,
   * without first allocating what it promises. */
  g_autoptr(GBytes) most = make_images (NEURONS_DATASET_MAX_IMAGES, 784);
  g_autoptr(GBytes) most_gz = gzip_bytes (most);
  g_autoptr(GBytes) most_labels = make_labels (NEURONS_DATASET_MAX_IMAGES, 1, 0);

  assert_refused (absurd, labels, NEURONS_DATASET_ERROR_TOO_LARGE, IMAGES_NAME, "2147483648 images");
  assert_refused (just_over, labels, NEURONS_DATASET_ERROR_TOO_LARGE, IMAGES_NAME, "1000001 images");
  assert_refused (images, absurd_labels, NEURONS_DATASET_ERROR_TOO_LARGE, LABELS_NAME, "4294967295 labels");
  assert_refused (most_gz, most_labels, NEURONS_DATASET_ERROR_TRUNCATED, IMAGES_NAME,
                  "promises 1000000 images (784000000 bytes) but the file holds only 784 bytes of pixels");
}

static void
test_truncated (void)
{
  g_autoptr(GBytes) images = make_images (3, 3 * 784);
  g_autoptr(GBytes) labels = make_labels (3, 3, 0);
  g_autoptr(GBytes) short_images = make_images (3, 2 * 784 + 392);
  g_autoptr(GBytes) short_labels = make_labels (3, 2, 0);
  g_autoptr(GBytes) short_images_gz = gzip_bytes (short_images);
  g_autoptr(GBytes) short_header = g_bytes_new_from_bytes (images, 0, 10);
  g_autoptr(GBytes) short_header_gz = gzip_bytes (short_header);
  g_autoptr(GBytes) short_labels_header = g_bytes_new_from_bytes (labels, 0, 6);
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);

  assert_refused (short_images, labels, NEURONS_DATASET_ERROR_TRUNCATED, IMAGES_NAME,
                  "the header promises 3 images (2352 bytes) but the file holds only 1960 bytes of pixels");
  assert_refused (short_images_gz, labels, NEURONS_DATASET_ERROR_TRUNCATED, IMAGES_NAME,
                  "only 1960 bytes of pixels");
  assert_refused (images, short_labels, NEURONS_DATASET_ERROR_TRUNCATED, LABELS_NAME,
                  "the header promises 3 labels (3 bytes) but the file holds only 2 bytes of labels");
  assert_refused (short_header, labels, NEURONS_DATASET_ERROR_TRUNCATED, IMAGES_NAME,
                  "only 10 bytes, less than the 16-byte header");
  assert_refused (short_header_gz, labels, NEURONS_DATASET_ERROR_TRUNCATED, IMAGES_NAME,
                  "only 10 bytes, less than the 16-byte header");
  assert_refused (images, short_labels_header, NEURONS_DATASET_ERROR_TRUNCATED, LABELS_NAME,
                  "only 6 bytes, less than the 8-byte header");
  assert_refused (nothing, labels, NEURONS_DATASET_ERROR_TRUNCATED, IMAGES_NAME, "only 0 bytes");
}

static void
test_trailing (void)
{
  g_autoptr(GBytes) long_images = make_images (2, 2 * 784 + 5);
  g_autoptr(GBytes) long_labels = make_labels (2, 3, 0);
  g_autoptr(GBytes) long_labels_gz = gzip_bytes (long_labels);
  g_autoptr(GBytes) images = make_images (2, 2 * 784);
  g_autoptr(GBytes) labels = make_labels (2, 2, 0);

  assert_refused (long_images, labels, NEURONS_DATASET_ERROR_TRAILING, IMAGES_NAME,
                  "promises 2 images (1568 bytes) but 5 more bytes follow them");
  assert_refused (images, long_labels, NEURONS_DATASET_ERROR_TRAILING, LABELS_NAME,
                  "promises 2 labels (2 bytes) but 1 more byte follows them");
  assert_refused (images, long_labels_gz, NEURONS_DATASET_ERROR_TRAILING, LABELS_NAME,
                  "1 more byte follows");
}

static void
test_label (void)
{
  g_autoptr(GBytes) images = make_images (3, 3 * 784);
  g_autoptr(GBytes) labels = make_labels (3, 3, 0);
  g_autoptr(GBytes) bad_labels = flip_byte (labels, 8 + 2, 0x80);

  assert_refused (images, bad_labels, NEURONS_DATASET_ERROR_LABEL, LABELS_NAME,
                  "the label of image 2 (counting from 0) is 130");
}

static void
test_mismatch (void)
{
  g_autoptr(GBytes) images = make_images (3, 3 * 784);
  g_autoptr(GBytes) labels = make_labels (2, 2, 0);

  assert_refused (images, labels, NEURONS_DATASET_ERROR_MISMATCH, IMAGES_NAME,
                  IMAGES_NAME " holds 3 images but " LABELS_NAME " holds 2 labels");
}

static void
test_corrupt_gzip (void)
{
  g_autoptr(GBytes) images = make_images (4, 4 * 784);
  g_autoptr(GBytes) labels = make_labels (4, 4, 0);
  g_autoptr(GBytes) images_gz = gzip_bytes (images);
  g_autoptr(GBytes) bad_data = flip_byte (images_gz, 12, 0xff);
  g_autoptr(GBytes) bad_crc = flip_byte (images_gz, -8, 0x01);
  g_autoptr(GBytes) cut_short = g_bytes_new_from_bytes (images_gz, 0, g_bytes_get_size (images_gz) - 4);
  g_autoptr(GBytes) junk = text_bytes ("junk");
  g_autoptr(GBytes) junk_after = concat_bytes (images_gz, junk);
  g_autoptr(GBytes) just_magic = g_bytes_new_from_bytes (images_gz, 0, 2);

  assert_refused (bad_data, labels, NEURONS_DATASET_ERROR_COMPRESSION, IMAGES_NAME, "corrupt");
  assert_refused (bad_crc, labels, NEURONS_DATASET_ERROR_COMPRESSION, IMAGES_NAME, "corrupt");
  assert_refused (cut_short, labels, NEURONS_DATASET_ERROR_COMPRESSION, IMAGES_NAME, "cut short");
  assert_refused (junk_after, labels, NEURONS_DATASET_ERROR_COMPRESSION, IMAGES_NAME, "corrupt");
  assert_refused (just_magic, labels, NEURONS_DATASET_ERROR_COMPRESSION, IMAGES_NAME, "cut short");
}

static void
test_ref (void)
{
  g_autoptr(GBytes) images = make_images (1, 784);
  g_autoptr(GBytes) labels = make_labels (1, 1, 3);
  NeuronsDataset *dataset = new_from_bytes (images, labels);

  g_assert_true (neurons_dataset_ref (dataset) == dataset);
  neurons_dataset_unref (dataset);
  /* Still alive: the reference taken above is what was released. */
  g_assert_cmpuint (dataset->labels[0], ==, 3);
  neurons_dataset_unref (dataset);
}

/* A temporary folder for files, removed with all it holds. */
static char *
make_temporary_directory (void)
{
  g_autoptr(GError) error = NULL;
  char *directory = g_dir_make_tmp ("neurons-dataset-XXXXXX", &error);

  g_assert_no_error (error);
  return directory;
}

static void
remove_temporary_directory (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (directory), ==, 0);
}

static char *
write_file (const char *directory,
            const char *name,
            GBytes     *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (directory, name, NULL);

  g_file_set_contents (path, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), &error);
  g_assert_no_error (error);

  return path;
}

static void
assert_load_refused (const char          *images_path,
                     const char          *labels_path,
                     NeuronsDatasetError  code,
                     const char          *named_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NeuronsDataset) dataset = neurons_dataset_load (images_path, labels_path, &error);

  g_assert_null (dataset);
  g_assert_error (error, NEURONS_DATASET_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, named_file));
}

static void
test_files (void)
{
  g_autofree char *directory = make_temporary_directory ();
  g_autoptr(GBytes) images = make_images (2, 2 * 784);
  g_autoptr(GBytes) labels = make_labels (2, 2, 1);
  g_autoptr(GBytes) images_gz = gzip_bytes (images);
  g_autoptr(GBytes) short_images = make_images (2, 784);
  /* gzip is told by content, not by name, both ways round. */
  g_autofree char *images_path = write_file (directory, "images-gzipd-without-suffix", images_gz);
  g_autofree char *labels_path = write_file (directory, "labels-plain.gz", labels);
  g_autofree char *short_path = write_file (directory, "short-images", short_images);
  g_autofree char *missing_path = g_build_filename (directory, "missing-images", NULL);
  g_autoptr(NeuronsDataset) expected = new_from_bytes (images, labels);
  g_autoptr(NeuronsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  dataset = neurons_dataset_load (images_path, labels_path, &error);
  g_assert_no_error (error);
  assert_same_dataset (dataset, expected);

  assert_load_refused (short_path, labels_path, NEURONS_DATASET_ERROR_TRUNCATED, "short-images:");
  assert_load_refused (missing_path, labels_path, NEURONS_DATASET_ERROR_IO, "missing-images:");
  assert_load_refused (images_path, directory, NEURONS_DATASET_ERROR_IO, strrchr (directory, '/') + 1);

  remove_temporary_directory (directory);
}

static void
test_directory (void)
{
  g_autofree char *directory = make_temporary_directory ();
  g_autofree char *missing = g_build_filename (directory, "no-such-folder", NULL);
  g_autofree char *directory_name = g_filename_display_name (directory);
  g_autoptr(GBytes) train_images = make_images (3, 3 * 784);
  g_autoptr(GBytes) train_labels = make_labels (3, 3, 2);
  g_autoptr(GBytes) test_images = make_images (1, 784);
  g_autoptr(GBytes) test_labels = make_labels (1, 1, 6);
  g_autoptr(GBytes) train_labels_gz = gzip_bytes (train_labels);
  g_autoptr(GBytes) test_images_gz = gzip_bytes (test_images);
  g_autoptr(NeuronsDataset) expected_train = new_from_bytes (train_images, train_labels);
  g_autoptr(NeuronsDataset) expected_test = new_from_bytes (test_images, test_labels);
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autoptr(GError) error = NULL;

  g_free (write_file (directory, "train-images-idx3-ubyte", train_images));
  g_free (write_file (directory, "train-labels-idx1-ubyte.gz", train_labels_gz));
  g_free (write_file (directory, "t10k-images-idx3-ubyte.gz", test_images_gz));

  g_assert_false (neurons_dataset_load_directory (directory, &train, &test, &error));
  g_assert_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, directory_name));
  g_assert_nonnull (strstr (error->message, "neither t10k-labels-idx1-ubyte nor t10k-labels-idx1-ubyte.gz"));
  g_assert_null (train);
  g_assert_null (test);
  g_clear_error (&error);

  g_assert_false (neurons_dataset_load_directory (missing, &train, &test, &error));
  g_assert_error (error, NEURONS_DATASET_ERROR, NEURONS_DATASET_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_free (write_file (directory, "t10k-labels-idx1-ubyte", test_labels));
  g_assert_true (neurons_dataset_load_directory (directory, &train, &test, &error));
  g_assert_no_error (error);
  assert_same_dataset (train, expected_train);
  assert_same_dataset (test, expected_test);

  remove_temporary_directory (directory);
}

static void
test_default_directory (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("NEURONS_DATA_DIR"));
  g_autofree char *from_environment = NULL;
  g_autofree char *from_build_tree = NULL;

  g_setenv ("NEURONS_DATA_DIR", "/somewhere/else", TRUE);
  from_environment = neurons_dataset_find_default_directory ();
  g_assert_cmpstr (from_environment, ==, "/somewhere/else");

  /* This test runs from the build tree, so it finds the source tree's data. */
  g_unsetenv ("NEURONS_DATA_DIR");
  from_build_tree = neurons_dataset_find_default_directory ();
  g_assert_cmpstr (from_build_tree, ==, NEURONS_SOURCE_DATA_DIR);

  if (saved != NULL)
    g_setenv ("NEURONS_DATA_DIR", saved, TRUE);
}

/* The MNIST in the source tree, loaded once for the tests that look at it. */
static NeuronsDataset *mnist_train;
static NeuronsDataset *mnist_test;

static void
load_mnist (void)
{
  g_autoptr(GError) error = NULL;

  if (mnist_train != NULL)
    return;

  neurons_dataset_load_directory (NEURONS_SOURCE_DATA_DIR, &mnist_train, &mnist_test, &error);
  g_assert_no_error (error);
}

static void
assert_label_counts (const NeuronsDataset *dataset,
                     const guint           expected[10])
{
  guint counts[10] = { 0 };

  for (guint i = 0; i < dataset->n_images; i++)
    counts[dataset->labels[i]]++;
  for (guint digit = 0; digit < 10; digit++)
    g_assert_cmpuint (counts[digit], ==, expected[digit]);
}

static void
test_mnist (void)
{
  /* How many of each digit MNIST holds: they sum to 60000 and to 10000. */
  const guint train_counts[10] = { 5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949 };
  const guint test_counts[10] = { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 };

  load_mnist ();

  g_assert_cmpuint (mnist_train->n_images, ==, 60000);
  g_assert_cmpuint (mnist_test->n_images, ==, 10000);
  g_assert_cmpuint (mnist_train->labels[0], ==, 5);
  g_assert_cmpuint (mnist_test->labels[0], ==, 7);
  assert_label_counts (mnist_train, train_counts);
  assert_label_counts (mnist_test, test_counts);
}

/* The SHA-256 that data/mnist/README.md records for @name. */
static char *
readme_checksum (const char *name)
{
  g_autofree char *readme_path = g_build_filename (NEURONS_SOURCE_DATA_DIR, "README.md", NULL);
  g_autofree char *readme = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (readme_path, &readme, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (readme, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strlen (lines[i]) == 64 + 2 + strlen (name) &&
        g_str_has_prefix (lines[i] + 64, "  ") && strcmp (lines[i] + 66, name) == 0)
      return g_strndup (lines[i], 64);

  g_error ("README.md has no checksum line for %s", name);
}

/* The SHA-256 of the IDX file @dataset came from, put together again from its contents. */
static void
assert_checksums (const NeuronsDataset *dataset,
                  const char           *images_name,
                  const char           *labels_name)
{
  const guint32 image_sizes[] = { dataset->n_images, 28, 28 };
  const guint32 label_sizes[] = { dataset->n_images };
  g_autoptr(GBytes) images_header = make_idx (IMAGES_MAGIC, image_sizes, 3, 0, 0, 1);
  g_autoptr(GBytes) labels_header = make_idx (LABELS_MAGIC, label_sizes, 1, 0, 0, 1);
  g_autoptr(GChecksum) images_checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) labels_checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *images_expected = readme_checksum (images_name);
  g_autofree char *labels_expected = readme_checksum (labels_name);

  g_checksum_update (images_checksum, g_bytes_get_data (images_header, NULL), g_bytes_get_size (images_header));
  g_checksum_update (images_checksum, dataset->pixels, (gssize) dataset->n_images * 784);
  g_checksum_update (labels_checksum, g_bytes_get_data (labels_header, NULL), g_bytes_get_size (labels_header));
  g_checksum_update (labels_checksum, dataset->labels, dataset->n_images);

  g_assert_cmpstr (g_checksum_get_string (images_checksum), ==, images_expected);
  g_assert_cmpstr (g_checksum_get_string (labels_checksum), ==, labels_expected);
}

static void
test_mnist_checksums (void)
{
  load_mnist ();

  assert_checksums (mnist_train, "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
  assert_checksums (mnist_test, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
}

/* Unpacks @name.gz from the source tree into @directory, through GIO's own converter stream
 * rather than the code under test. */
static char *
gunzip_to (const char *directory,
           const char *name)
{
  g_autofree char *compressed_name = g_strconcat (name, ".gz", NULL);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(GFile) source = g_file_new_build_filename (NEURONS_SOURCE_DATA_DIR, compressed_name, NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GFileInputStream) compressed = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  compressed = g_file_read (source, NULL, &error);
  g_assert_no_error (error);
  plain = g_converter_input_stream_new (G_INPUT_STREAM (compressed), G_CONVERTER (decompressor));
  output = g_file_replace (target, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_splice (G_OUTPUT_STREAM (output), plain,
                          G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
test_mnist_plain (void)
{
  g_autofree char *directory = make_temporary_directory ();
  g_autofree char *images_path = gunzip_to (directory, "t10k-images-idx3-ubyte");
  g_autofree char *labels_path = gunzip_to (directory, "t10k-labels-idx1-ubyte");
  g_autoptr(NeuronsDataset) plain = NULL;
  g_autoptr(GError) error = NULL;

  load_mnist ();

  plain = neurons_dataset_load (images_path, labels_path, &error);
  g_assert_no_error (error);
  assert_same_dataset (plain, mnist_test);

  remove_temporary_directory (directory);
}

/* Debian's Fashion-MNIST (dataset-fashion-mnist) has the same names and format; CI installs
 * it and sets NEURONS_REQUIRE_FASHION=1, so that there it cannot be skipped. */
static void
test_fashion (void)
{
  const char *directory = "/usr/share/datasets/fashion-mnist";
  const guint train_counts[10] = { 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000 };
  const guint test_counts[10] = { 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000 };
  g_autoptr(NeuronsDataset) train = NULL;
  g_autoptr(NeuronsDataset) test = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      if (g_strcmp0 (g_getenv ("NEURONS_REQUIRE_FASHION"), "1") == 0)
        g_test_fail_printf ("%s is missing but NEURONS_REQUIRE_FASHION=1; "
                            "install the dataset-fashion-mnist package", directory);
      else
        g_test_skip_printf ("%s is missing; install dataset-fashion-mnist to run this test", directory);
      return;
    }

  neurons_dataset_load_directory (directory, &train, &test, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (train->n_images, ==, 60000);
  g_assert_cmpuint (test->n_images, ==, 10000);
  /* Both sets start with an ankle boot. */
  g_assert_cmpuint (train->labels[0], ==, 9);
  g_assert_cmpuint (test->labels[0], ==, 9);
  assert_label_counts (train, train_counts);
  assert_label_counts (test, test_counts);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nn/dataset/valid", test_valid);
  g_test_add_func ("/nn/dataset/gzip", test_gzip);
  g_test_add_func ("/nn/dataset/gzip-members", test_gzip_members);
  g_test_add_func ("/nn/dataset/magic", test_magic);
  g_test_add_func ("/nn/dataset/dimensions", test_dimensions);
  g_test_add_func ("/nn/dataset/empty", test_empty);
  g_test_add_func ("/nn/dataset/too-large", test_too_large);
  g_test_add_func ("/nn/dataset/truncated", test_truncated);
  g_test_add_func ("/nn/dataset/trailing", test_trailing);
  g_test_add_func ("/nn/dataset/label", test_label);
  g_test_add_func ("/nn/dataset/mismatch", test_mismatch);
  g_test_add_func ("/nn/dataset/corrupt-gzip", test_corrupt_gzip);
  g_test_add_func ("/nn/dataset/ref", test_ref);
  g_test_add_func ("/nn/dataset/files", test_files);
  g_test_add_func ("/nn/dataset/directory", test_directory);
  g_test_add_func ("/nn/dataset/default-directory", test_default_directory);
  g_test_add_func ("/nn/dataset/mnist/contents", test_mnist);
  g_test_add_func ("/nn/dataset/mnist/checksums", test_mnist_checksums);
  g_test_add_func ("/nn/dataset/mnist/plain", test_mnist_plain);
  g_test_add_func ("/nn/dataset/fashion", test_fashion);

  status = g_test_run ();

  g_clear_pointer (&mnist_train, neurons_dataset_unref);
  g_clear_pointer (&mnist_test, neurons_dataset_unref);

  return status;
}
