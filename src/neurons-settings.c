/* neurons-settings.c: the app's settings, wherever it runs from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-settings"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <string.h>

#include "neurons-settings.h"

/*
 * The schema is looked for where GSettings looks (installed, or GSETTINGS_SCHEMA_DIR), then,
 * when this program runs from its build tree, in <build>/data, where the build compiles it.
 * Failing both, Neurons still starts: it takes the schema compiled into its own binary, keeps
 * the settings in memory for this run and says so once. g_settings_new() would abort instead.
 */

#define SCHEMA_RESOURCE "/io/github/neurons/Neurons/schema/gschemas.compiled"

typedef struct
{
  GSettingsSchema  *schema;
  GSettingsBackend *backend;   /* NULL for the default one */
} SettingsSource;

/* Whether this program is a file inside the build tree. */
static gboolean
runs_from_build_tree (void)
{
  g_autofree char *executable = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *build_root = g_canonicalize_filename (NEURONS_BUILD_ROOT, NULL);

  return executable != NULL && g_str_has_prefix (executable, build_root)
         && executable[strlen (build_root)] == G_DIR_SEPARATOR;
}

static GSettingsSchema *
lookup_in_directory (const char *directory,
                     GError    **error)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  GSettingsSchema *schema;

  source = g_settings_schema_source_new_from_directory (directory, NULL, TRUE, error);
  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);
  if (schema == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "%s/gschemas.compiled has no schema %s", directory, APPLICATION_ID);
  return schema;
}

/* The schema in this binary's resources. A schema source reads a directory only, so the
 * compiled schema is written to a private one, which goes once the source has mapped it. */
static GSettingsSchema *
lookup_in_resources (GError **error)
{
  g_autoptr(GBytes) compiled = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;
  GSettingsSchema *schema;

  compiled = g_resources_lookup_data (SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (compiled == NULL)
    return NULL;

  directory = g_dir_make_tmp ("neurons-schema-XXXXXX", error);
  if (directory == NULL)
    return NULL;

  path = g_build_filename (directory, "gschemas.compiled", NULL);
  if (g_file_set_contents (path, g_bytes_get_data (compiled, NULL), g_bytes_get_size (compiled), error))
    schema = lookup_in_directory (directory, error);
  else
    schema = NULL;

  g_unlink (path);
  g_rmdir (directory);
  return schema;
}

static gpointer
find_source (gpointer user_data)
{
  SettingsSource *found = g_new0 (SettingsSource, 1);
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr(GError) error = NULL;

  if (installed != NULL)
    found->schema = g_settings_schema_source_lookup (installed, APPLICATION_ID, TRUE);

  if (found->schema == NULL && runs_from_build_tree ())
    {
      g_autofree char *directory = g_build_filename (NEURONS_BUILD_ROOT, "data", NULL);
      g_autoptr(GError) build_error = NULL;

      found->schema = lookup_in_directory (directory, &build_error);
      if (found->schema == NULL)
        g_debug ("No settings schema in the build tree: %s", build_error->message);
    }

  if (found->schema == NULL)
    {
      found->schema = lookup_in_resources (&error);
      /* the resource is built into this binary: only a broken build lacks it */
      if (found->schema == NULL)
        g_error ("The settings schema built into Neurons cannot be read: %s", error->message);

      found->backend = g_memory_settings_backend_new ();
      g_message ("The settings schema %s is not installed: settings are kept in memory "
                 "and forgotten when Neurons quits", APPLICATION_ID);
    }

  return found;
}

/**
 * neurons_settings_new:
 *
 * The app's settings, from the installed schema, the build tree's or, failing both, the one
 * built into the program, kept in memory. Every GSettings it returns in a process shares one
 * backend, so that a change made through one reaches the others.
 *
 * Returns: (transfer full): the settings of %APPLICATION_ID
 */
GSettings *
neurons_settings_new (void)
{
  static GOnce once = G_ONCE_INIT;
  const SettingsSource *source = g_once (&once, find_source, NULL);

  return g_settings_new_full (source->schema, source->backend, NULL);
}
