/* neurons-dataset-catalog.c: the datasets Neurons can learn, and what their classes are called
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-dataset-catalog"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-dataset.h"
#include "neurons-dataset-catalog.h"

/*
 * Both datasets are ten classes of 28 × 28 grey images in the same IDX files, so the same
 * network learns either; only what the outputs are called differs. The id is what the
 * GSettings key "last-dataset" holds.
 */

const char *
neurons_datasets_get_id (NeuronsDatasetKind kind)
{
  switch (kind)
    {
    case NEURONS_DATASET_FASHION_MNIST:
      return "fashion-mnist";
    case NEURONS_DATASET_MNIST:
    default:
      return "mnist";
    }
}

gboolean
neurons_datasets_parse_id (const char         *id,
                           NeuronsDatasetKind *kind)
{
  if (g_strcmp0 (id, "mnist") == 0)
    *kind = NEURONS_DATASET_MNIST;
  else if (g_strcmp0 (id, "fashion-mnist") == 0)
    *kind = NEURONS_DATASET_FASHION_MNIST;
  else
    return FALSE;

  return TRUE;
}

/* As the Preferences and the toasts name it */
const char *
neurons_datasets_get_title (NeuronsDatasetKind kind)
{
  switch (kind)
    {
    case NEURONS_DATASET_FASHION_MNIST:
      return _("Clothes (Fashion-MNIST)");
    case NEURONS_DATASET_MNIST:
    default:
      return _("Handwritten Digits (MNIST)");
    }
}

/**
 * neurons_datasets_get_class_names:
 *
 * Returns: (transfer none) (nullable): the ten class names, translated, or %NULL for the
 *   digits, which the network names "0" to "9" by itself
 */
const char * const *
neurons_datasets_get_class_names (NeuronsDatasetKind kind)
{
  /* The labels of Fashion-MNIST, in the order of its label values 0 to 9 */
  static const char *clothes[] = {
    NC_("clothing", "T-shirt/top"),
    NC_("clothing", "Trouser"),
    NC_("clothing", "Pullover"),
    NC_("clothing", "Dress"),
    NC_("clothing", "Coat"),
    NC_("clothing", "Sandal"),
    NC_("clothing", "Shirt"),
    NC_("clothing", "Sneaker"),
    NC_("clothing", "Bag"),
    NC_("clothing", "Ankle boot"),
  };
  static const char *translated[G_N_ELEMENTS (clothes) + 1];

  switch (kind)
    {
    case NEURONS_DATASET_FASHION_MNIST:
      for (guint k = 0; k < G_N_ELEMENTS (clothes); k++)
        translated[k] = g_dpgettext2 (GETTEXT_PACKAGE, "clothing", clothes[k]);
      return translated;

    case NEURONS_DATASET_MNIST:
    default:
      return NULL;
    }
}

/**
 * neurons_datasets_find_folder:
 * @settings: (nullable): the app's settings, for a Fashion-MNIST folder chosen by hand, or
 *   %NULL outside the app (the command line, the tests), which look only where it is found
 *
 * Where the dataset is: the digits that come with Neurons (or $NEURONS_DATA_DIR), and for
 * Fashion-MNIST the folder chosen in Preferences, else where Debian installs it.
 *
 * Returns: (transfer full) (nullable): the folder, or %NULL when Fashion-MNIST is not there
 */
char *
neurons_datasets_find_folder (NeuronsDatasetKind  kind,
                              GSettings          *settings)
{
  g_autofree char *chosen = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  switch (kind)
    {
    case NEURONS_DATASET_FASHION_MNIST:
      if (settings != NULL)
        chosen = g_settings_get_string (settings, "fashion-mnist-folder");
      if (chosen != NULL && chosen[0] != '\0' && g_file_test (chosen, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&chosen);
      if (g_file_test (NEURONS_FASHION_MNIST_SYSTEM_DIR, G_FILE_TEST_IS_DIR))
        return g_strdup (NEURONS_FASHION_MNIST_SYSTEM_DIR);
      return NULL;

    case NEURONS_DATASET_MNIST:
    default:
      return neurons_dataset_find_default_directory ();
    }
}
