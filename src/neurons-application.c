/* neurons-application.c: the application, its command line and its app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-application"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-application.h"
#include "neurons-window.h"

struct _NeuronsApplication
{
  AdwApplication  parent_instance;

  char           *data_directory;   /* from --data, or NULL for the default */
};

G_DEFINE_FINAL_TYPE (NeuronsApplication, neurons_application, ADW_TYPE_APPLICATION)

/* One window holds the one network being trained; opening a file replaces that network. The
 * active window may be a file chooser, so the main window is looked for by type. */
static NeuronsWindow *
get_window (NeuronsApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (NEURONS_IS_WINDOW (l->data))
      return l->data;

  return neurons_window_new (GTK_APPLICATION (self), self->data_directory);
}

static void
neurons_application_activate (GApplication *application)
{
  NeuronsApplication *self = NEURONS_APPLICATION (application);

  gtk_window_present (GTK_WINDOW (get_window (self)));
}

static void
neurons_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  NeuronsApplication *self = NEURONS_APPLICATION (application);
  NeuronsWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));

  /* The window trains one network at a time, so of several files only the first is opened. */
  if (n_files > 1)
    g_message ("Opening only %s of the %d files given: Neurons shows one network at a time",
               g_file_peek_path (files[0]), n_files);
  neurons_window_open_file (window, files[0]);
}

static int
neurons_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  NeuronsApplication *self = NEURONS_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  char *data_directory;

  if (!g_variant_dict_lookup (options, "data", "^ay", &data_directory))
    return -1;

  /* The folder is read by this process; an instance already running keeps its own. */
  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      g_free (data_directory);
      return 1;
    }
  if (g_application_get_is_remote (application))
    {
      g_printerr (_("Neurons is already running with its own data folder; close it to use %s\n"),
                  data_directory);
      g_free (data_directory);
      return 1;
    }

  g_free (self->data_directory);
  self->data_directory = g_canonicalize_filename (data_directory, NULL);
  g_free (data_directory);

  return -1;
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  NeuronsApplication *self = user_data;
  const char *developers[] = { _("The Neurons developers"), NULL };
  const char *digits[] = {
    "Yann LeCun, Corinna Cortes and Christopher J. C. Burges http://yann.lecun.com/exdb/mnist/",
    NULL
  };
  const char *clothes[] = {
    "Zalando Research https://github.com/zalandoresearch/fashion-mnist",
    NULL
  };
  AdwAboutDialog *about = ADW_ABOUT_DIALOG (adw_about_dialog_new ());
  NeuronsWindow *window;

  adw_about_dialog_set_application_name (about, _("Neurons"));
  adw_about_dialog_set_application_icon (about, APPLICATION_ID);
  adw_about_dialog_set_version (about, PACKAGE_VERSION);
  adw_about_dialog_set_comments (about, _("Watch a small neural network learn to read handwritten digits."));
  adw_about_dialog_set_developer_name (about, developers[0]);
  adw_about_dialog_set_developers (about, developers);
  adw_about_dialog_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_dialog_set_website (about, "https://github.com/neurons-app/neurons");
  adw_about_dialog_set_issue_url (about, "https://github.com/neurons-app/neurons/issues");
  /* Translators: your name and e-mail address, one translator a line */
  adw_about_dialog_set_translator_credits (about, _("translator-credits"));
  adw_about_dialog_add_acknowledgement_section (about, _("Handwritten digits (the MNIST database)"), digits);
  adw_about_dialog_add_acknowledgement_section (about, _("Photos of clothes (Fashion-MNIST)"), clothes);
  adw_about_dialog_add_legal_section (about, _("The MNIST database"),
                                      "© Yann LeCun, Corinna Cortes, Christopher J. C. Burges",
                                      GTK_LICENSE_CUSTOM,
                                      _("Made from NIST's Special Databases 1 and 3, and available under the Creative Commons Attribution-Share Alike 3.0 licence (<a href=\"https://creativecommons.org/licenses/by-sa/3.0/\">CC BY-SA 3.0</a>)."));
  adw_about_dialog_add_legal_section (about, _("Fashion-MNIST"),
                                      "© 2017 Zalando SE, https://tech.zalando.com",
                                      GTK_LICENSE_MIT_X11, NULL);
  window = get_window (self);
  gtk_window_present (GTK_WINDOW (window));
  adw_dialog_present (ADW_DIALOG (about), GTK_WIDGET (window));
}

/* Quitting closes the main window, which first asks to save progress that would be lost;
 * its dialogs go with it, and the application with its last window. */
static void
quit (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  NeuronsApplication *self = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (NEURONS_IS_WINDOW (l->data))
      {
        gtk_window_close (l->data);
        return;
      }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "quit", quit },
};

/* Run from the build tree, the app's icon (in About, and the window's) is not installed yet:
 * it is found in the source tree, as the digits are. */
static void
add_uninstalled_icons (void)
{
  g_autofree char *executable = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *data = NULL;
  g_autofree char *icons = NULL;

  if (executable == NULL || !g_str_has_prefix (executable, NEURONS_BUILD_ROOT G_DIR_SEPARATOR_S))
    return;

  data = g_path_get_dirname (NEURONS_SOURCE_DATA_DIR);
  icons = g_build_filename (data, "icons", NULL);
  gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()), icons);
}

static void
neurons_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (neurons_application_parent_class)->startup (application);

  add_uninstalled_icons ();

  /* The lessons' paragraphs are selectable, to copy from. When the lessons open over the
   * network on a narrow screen, the first paragraph takes the focus, and GTK would select all
   * of it, which looks like a stray highlight; selecting stays one drag or Shift+arrow away. */
  g_object_set (gtk_settings_get_default (), "gtk-label-select-on-focus", FALSE, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
neurons_application_finalize (GObject *object)
{
  NeuronsApplication *self = (NeuronsApplication *) object;

  g_clear_pointer (&self->data_directory, g_free);

  G_OBJECT_CLASS (neurons_application_parent_class)->finalize (object);
}

static void
neurons_application_class_init (NeuronsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = neurons_application_finalize;

  application_class->activate = neurons_application_activate;
  application_class->open = neurons_application_open;
  application_class->startup = neurons_application_startup;
  application_class->handle_local_options = neurons_application_handle_local_options;
}

static void
neurons_application_init (NeuronsApplication *self)
{
  const GOptionEntry entries[] = {
    { "data", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Read the handwritten digits from the IDX files in DIR"), N_("DIR") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[NETWORK-FILE]"));
}

NeuronsApplication *
neurons_application_new (void)
{
  return g_object_new (NEURONS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/neurons/Neurons",
                       NULL);
}
