/* neurons-window-dataset.c: which dataset the window learns, and switching to another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-window-dataset"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-window-private.h"

/*
 * The window starts with the dataset chosen last (GSettings "last-dataset"), unless a folder
 * was given with --data, which wins for that run. Another dataset is read on a worker
 * thread while the old one trains on; once it is in, the trainer and the evaluator take it,
 * the outputs get its class names and a fresh network starts, since weights learned on
 * digits mean nothing for clothes. A dataset that cannot be read changes nothing.
 */

/* Whether two folder names are the same folder */
static gboolean
same_folder (const char *a,
             const char *b)
{
  g_autofree char *canonical_a = NULL;
  g_autofree char *canonical_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  canonical_a = g_canonicalize_filename (a, NULL);
  canonical_b = g_canonicalize_filename (b, NULL);
  return g_str_equal (canonical_a, canonical_b);
}

static void
set_kind (NeuronsWindow      *self,
          NeuronsDatasetKind  kind)
{
  self->dataset_kind = kind;
  neurons_neural_net_set_class_names (self->net, neurons_datasets_get_class_names (kind));
}

/* Chooses the folder to load at start, and the class names that go with it. */
void
_neurons_window_dataset_init (NeuronsWindow *self)
{
  g_autofree char *fashion_folder = neurons_datasets_find_folder (NEURONS_DATASET_FASHION_MNIST, self->settings);
  g_autofree char *remembered = NULL;
  NeuronsDatasetKind kind;

  /* --data: the digits, unless it names the folder where Fashion-MNIST is found */
  if (self->data_directory != NULL)
    {
      set_kind (self, same_folder (self->data_directory, fashion_folder) ? NEURONS_DATASET_FASHION_MNIST
                                                                         : NEURONS_DATASET_MNIST);
      return;
    }

  remembered = g_settings_get_string (self->settings, "last-dataset");
  if (!neurons_datasets_parse_id (remembered, &kind))
    kind = NEURONS_DATASET_MNIST;
  self->data_directory = neurons_datasets_find_folder (kind, self->settings);

  /* Fashion-MNIST was removed since: the digits are always there */
  if (self->data_directory == NULL)
    {
      g_message ("Fashion-MNIST is no longer installed; loading the handwritten digits");
      kind = NEURONS_DATASET_MNIST;
      self->data_directory = neurons_datasets_find_folder (kind, self->settings);
    }
  set_kind (self, kind);
}

NeuronsDatasetKind
neurons_window_get_dataset (NeuronsWindow *self)
{
  g_return_val_if_fail (NEURONS_IS_WINDOW (self), NEURONS_DATASET_MNIST);

  return self->dataset_kind;
}

typedef struct
{
  NeuronsDatasetKind  kind;
  char               *folder;
  gboolean            chosen_folder;   /* picked by hand rather than found */
  NeuronsDataset     *train;
  NeuronsDataset     *test;
} Switch;

static void
switch_free (Switch *job)
{
  g_free (job->folder);
  g_clear_pointer (&job->train, neurons_dataset_unref);
  g_clear_pointer (&job->test, neurons_dataset_unref);
  g_free (job);
}

static void
switch_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Switch *job = task_data;
  GError *error = NULL;

  if (!neurons_dataset_load_directory (job->folder, &job->train, &job->test, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
remember (NeuronsWindow *self,
          Switch        *job)
{
  g_settings_set_string (self->settings, "last-dataset", neurons_datasets_get_id (job->kind));
  if (job->chosen_folder)
    g_settings_set_string (self->settings, "fashion-mnist-folder", job->folder);
}

static void
switch_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  NeuronsWindow *self = NEURONS_WINDOW (object);
  g_autoptr(GTask) task = user_data;
  Switch *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  neurons_trainer_pause (self->trainer);
  neurons_trainer_set_dataset (self->trainer, job->train);
  neurons_evaluator_set_test_set (self->evaluator, job->test);
  g_clear_pointer (&self->train, neurons_dataset_unref);
  g_clear_pointer (&self->test, neurons_dataset_unref);
  self->train = g_steal_pointer (&job->train);
  self->test = g_steal_pointer (&job->test);
  g_free (self->data_directory);
  self->data_directory = g_strdup (job->folder);
  set_kind (self, job->kind);
  remember (self, job);

  _neurons_window_reset (self);
  _neurons_window_show_next_sample (self);

  /* Translators: "Switched to Clothes (Fashion-MNIST): a fresh network starts learning" */
  message = g_strdup_printf (_("Switched to %s: a fresh network starts learning"),
                             neurons_datasets_get_title (job->kind));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));

  g_task_return_boolean (task, TRUE);
}

/**
 * neurons_window_switch_dataset:
 * @kind: the dataset to learn
 * @folder: (nullable): where it is, or %NULL to look where it is usually found
 * @callback: called once the dataset is in, or could not be read
 * @user_data: for @callback
 *
 * Reads the dataset in the background; once it is in, a fresh network learns it and the
 * choice is remembered. If it cannot be read, nothing changes and
 * neurons_window_switch_dataset_finish() says why.
 */
void
neurons_window_switch_dataset (NeuronsWindow       *self,
                               NeuronsDatasetKind   kind,
                               const char          *folder,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *load;
  Switch *job;

  g_return_if_fail (NEURONS_IS_WINDOW (self));

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, neurons_window_switch_dataset);

  job = g_new0 (Switch, 1);
  job->kind = kind;
  job->chosen_folder = folder != NULL;
  job->folder = folder != NULL ? g_strdup (folder) : neurons_datasets_find_folder (kind, self->settings);
  if (job->folder == NULL)
    {
      switch_free (job);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("Fashion-MNIST is not in %s; choose the folder that holds its four IDX files"),
                               NEURONS_FASHION_MNIST_SYSTEM_DIR);
      return;
    }

  /* The first dataset could not be read: the window shows how the new one goes */
  if (self->trainer == NULL)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->data_stack), "loading") == 0)
        {
          switch_free (job);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                                   _("The dataset is still loading; choose again once it is in"));
          return;
        }
      g_free (self->data_directory);
      self->data_directory = g_strdup (job->folder);
      set_kind (self, kind);
      remember (self, job);
      switch_free (job);
      _neurons_window_load_data (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  load = g_task_new (self, self->cancellable, switch_done, g_steal_pointer (&task));
  g_task_set_source_tag (load, switch_thread);
  g_task_set_task_data (load, job, (GDestroyNotify) switch_free);
  g_task_run_in_thread (load, switch_thread);
  g_object_unref (load);
}

gboolean
neurons_window_switch_dataset_finish (NeuronsWindow  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (NEURONS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
