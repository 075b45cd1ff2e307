/* neurons-test-page.c: the window's page of how the network does on images it never trains on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-test-page"

#include "config.h"

#include <glib/gi18n.h>

#include "neurons-confusion-matrix.h"
#include "neurons-test-bench.h"
#include "neurons-test-page.h"

/*
 * The test bench of 90 images on one side; on the other, the accuracy on the whole test set
 * and its confusion matrix. Either can hand one test image on ("sample-activated") for the
 * window to put through the network in view.
 */

struct _NeuronsTestPage
{
  GtkWidget               parent_instance;

  NeuronsEvaluator       *evaluator;

  /* Template children */
  NeuronsTestBench       *test_bench;
  NeuronsConfusionMatrix *confusion_matrix;
  GtkLabel               *accuracy_label;
  GtkLabel               *accuracy_detail_label;
};

G_DEFINE_FINAL_TYPE (NeuronsTestPage, neurons_test_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVALUATOR,
  N_PROPS
};

enum {
  SAMPLE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_accuracy (NeuronsTestPage *self)
{
  g_autofree char *accuracy = NULL;
  g_autofree char *images = NULL;
  g_autofree char *samples = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *description = NULL;

  if (self->evaluator == NULL || !neurons_evaluator_has_results (self->evaluator))
    {
      gtk_label_set_label (self->accuracy_label, "…");
      gtk_label_set_label (self->accuracy_detail_label, _("Measuring the network on the test images…"));
      return;
    }

  accuracy = g_strdup_printf ("%.1f %%", 100 * neurons_evaluator_get_test_accuracy (self->evaluator));
  images = g_strdup_printf ("%'u", neurons_evaluator_get_test_set (self->evaluator)->n_images);
  samples = g_strdup_printf ("%'" G_GUINT64_FORMAT, neurons_evaluator_get_samples_seen (self->evaluator));
  /* Translators: under the accuracy on the test set: "of the 10,000 test images read right,
   * after 1,200 training samples" */
  detail = g_strdup_printf (_("of the %s test images read right, after %s training samples"), images, samples);
  /* Translators: how a screen reader announces the accuracy: "Whole test set: 91.2 %, of the …" */
  description = g_strdup_printf (_("Whole test set: %s, %s"), accuracy, detail);

  gtk_label_set_label (self->accuracy_label, accuracy);
  gtk_label_set_label (self->accuracy_detail_label, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->accuracy_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
on_sample_activated (NeuronsTestPage *self,
                     guint            test_index)
{
  g_signal_emit (self, signals[SAMPLE_ACTIVATED], 0, test_index);
}

static void
neurons_test_page_dispose (GObject *object)
{
  NeuronsTestPage *self = (NeuronsTestPage *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_TEST_PAGE);
  /* The template's outer child has no id, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->evaluator);

  G_OBJECT_CLASS (neurons_test_page_parent_class)->dispose (object);
}

static void
neurons_test_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NeuronsTestPage *self = NEURONS_TEST_PAGE (object);

  switch (prop_id)
    {
    case PROP_EVALUATOR:
      g_value_set_object (value, self->evaluator);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_test_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NeuronsTestPage *self = NEURONS_TEST_PAGE (object);

  switch (prop_id)
    {
    case PROP_EVALUATOR:
      neurons_test_page_set_evaluator (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_test_page_class_init (NeuronsTestPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_test_page_dispose;
  object_class->get_property = neurons_test_page_get_property;
  object_class->set_property = neurons_test_page_set_property;

  /**
   * NeuronsTestPage:evaluator:
   *
   * What the network makes of the test images, or %NULL until the digits are loaded.
   */
  properties[PROP_EVALUATOR] =
    g_param_spec_object ("evaluator", NULL, NULL,
                         NEURONS_TYPE_EVALUATOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NeuronsTestPage::sample-activated:
   * @test_index: the image's index in the test set
   *
   * A person picked a test image, on the test bench or behind a cell of the confusion
   * matrix, to see how the network reads it.
   */
  signals[SAMPLE_ACTIVATED] =
    g_signal_new ("sample-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (NEURONS_TYPE_CONFUSION_MATRIX);
  g_type_ensure (NEURONS_TYPE_TEST_BENCH);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-test-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsTestPage, test_bench);
  gtk_widget_class_bind_template_child (widget_class, NeuronsTestPage, confusion_matrix);
  gtk_widget_class_bind_template_child (widget_class, NeuronsTestPage, accuracy_label);
  gtk_widget_class_bind_template_child (widget_class, NeuronsTestPage, accuracy_detail_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sample_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
neurons_test_page_init (NeuronsTestPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_accuracy (self);
}

GtkWidget *
neurons_test_page_new (void)
{
  return g_object_new (NEURONS_TYPE_TEST_PAGE, NULL);
}

NeuronsEvaluator *
neurons_test_page_get_evaluator (NeuronsTestPage *self)
{
  g_return_val_if_fail (NEURONS_IS_TEST_PAGE (self), NULL);

  return self->evaluator;
}

void
neurons_test_page_set_evaluator (NeuronsTestPage  *self,
                                 NeuronsEvaluator *evaluator)
{
  g_return_if_fail (NEURONS_IS_TEST_PAGE (self));
  g_return_if_fail (evaluator == NULL || NEURONS_IS_EVALUATOR (evaluator));

  if (self->evaluator == evaluator)
    return;

  if (self->evaluator != NULL)
    g_signal_handlers_disconnect_by_data (self->evaluator, self);
  g_set_object (&self->evaluator, evaluator);
  if (evaluator != NULL)
    g_signal_connect_object (evaluator, "updated", G_CALLBACK (update_accuracy), self, G_CONNECT_SWAPPED);

  neurons_test_bench_set_evaluator (self->test_bench, evaluator);
  neurons_confusion_matrix_set_evaluator (self->confusion_matrix, evaluator);
  update_accuracy (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVALUATOR]);
}
