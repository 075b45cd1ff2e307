/* test-settings.c: the app's settings, from the build tree, and in memory without a schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "neurons-settings.h"

/*
 * Which schema neurons_settings_new() finds is decided once per process, so each case runs
 * this program again, as "test-settings --child", in an environment with no schema installed:
 * GSETTINGS_SCHEMA_DIR unset and the XDG data folders empty. From the build tree the child
 * finds <build>/data; a copy of it in a folder of its own, outside the build tree, falls back
 * to the schema built into it and keeps the settings in memory.
 */

/* The child: two settings objects, a change made through one and read through the other. */
static int
run_child (void)
{
  g_autoptr(GSettings) first = neurons_settings_new ();
  g_autoptr(GSettings) second = neurons_settings_new ();
  g_autofree char *default_lesson = g_settings_get_string (second, "lesson");
  g_autofree char *lesson = NULL;

  g_settings_set_string (first, "lesson", "firing");
  lesson = g_settings_get_string (second, "lesson");
  g_print ("default=%s\nshared=%s\n", default_lesson, lesson);
  return 0;
}

typedef struct
{
  char *scratch;      /* empty XDG folders, and the copy of this program */
  char *stdout_text;
  char *stderr_text;
} Child;

static void
child_clear (Child *child)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", child->scratch);

  g_assert_cmpint (system (command), ==, 0);
  g_free (child->scratch);
  g_free (child->stdout_text);
  g_free (child->stderr_text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Child, child_clear)

/* Runs @program --child where no schema is installed. */
static void
run_without_schema (Child      *child,
                    const char *program)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) environment = g_get_environ ();
  g_autofree char *empty = g_build_filename (child->scratch, "empty", NULL);
  const char *argv[] = { program, "--child", NULL };
  int status;

  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  environment = g_environ_unsetenv (environment, "GSETTINGS_SCHEMA_DIR");
  environment = g_environ_setenv (environment, "XDG_DATA_DIRS", empty, TRUE);
  environment = g_environ_setenv (environment, "XDG_DATA_HOME", empty, TRUE);
  environment = g_environ_setenv (environment, "G_MESSAGES_DEBUG", "", TRUE);

  g_spawn_sync (NULL, (char **) argv, environment, G_SPAWN_DEFAULT, NULL, NULL,
                &child->stdout_text, &child->stderr_text, &status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s", child->stdout_text);
  g_test_message ("stderr: %s", child->stderr_text);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  /* the schema's default, and one backend for every settings object of the process */
  g_assert_cmpstr (child->stdout_text, ==, "default=\nshared=firing\n");
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* Run from the build tree, the app finds the schema compiled there, and says nothing. */
static void
test_build_tree (void)
{
  g_auto(Child) child = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (program, NEURONS_BUILD_ROOT));
  child.scratch = g_dir_make_tmp ("neurons-test-settings-XXXXXX", &error);
  g_assert_no_error (error);

  run_without_schema (&child, program);
  g_assert_cmpstr (child.stderr_text, ==, "");
}

/* Anywhere else, with no schema installed, it starts all the same, with settings in memory,
 * and says so once on stderr, as a message rather than a warning. */
static void
test_in_memory (void)
{
  g_auto(Child) child = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  gsize length;

  g_assert_no_error (error);
  child.scratch = g_dir_make_tmp ("neurons-test-settings-XXXXXX", &error);
  g_assert_no_error (error);
  copy = g_build_filename (child.scratch, "neurons", NULL);
  g_file_get_contents (program, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (copy, 0700), ==, 0);

  run_without_schema (&child, copy);
  g_assert_cmpuint (count (child.stderr_text, "is not installed: settings are kept in memory"), ==, 1);
  g_assert_cmpuint (count (child.stderr_text, "-Message:"), ==, 1);
  g_assert_null (strstr (child.stderr_text, "WARNING"));
  g_assert_null (strstr (child.stderr_text, "CRITICAL"));
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 2 && g_str_equal (argv[1], "--child"))
    return run_child ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/build-tree", test_build_tree);
  g_test_add_func ("/settings/in-memory", test_in_memory);

  return g_test_run ();
}
