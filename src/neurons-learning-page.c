/* neurons-learning-page.c: the window's page of figures about how the network learns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-learning-page"

#include "config.h"

#include "neurons-activation-chart.h"
#include "neurons-history-chart.h"
#include "neurons-init-chart.h"
#include "neurons-learning-rate-chart.h"
#include "neurons-learning-page.h"
#include "neurons-weight-histogram.h"

/*
 * Six figures in pairs: the cost and the accuracy over time; the weights now and the
 * spreads they could have started from; the learning rate and the activations. The charts
 * follow the network's settings through property bindings and redraw on its signals; while
 * the page is not on screen they are unmapped, and GTK draws nothing of them.
 */

struct _NeuronsLearningPage
{
  GtkWidget                 parent_instance;

  NeuronsNetworkModel         *net;
  NeuronsEvaluator         *evaluator;

  /* The net's settings, bound to the charts that draw them */
  GBinding                 *bindings[4];

  /* Template children */
  NeuronsHistoryChart      *cost_chart;
  NeuronsHistoryChart      *accuracy_chart;
  NeuronsWeightHistogram   *weight_histogram;
  NeuronsInitChart         *init_chart;
  NeuronsLearningRateChart *learning_rate_chart;
  NeuronsActivationChart   *activation_chart;
  GtkToggleButton          *layer1_button;
  GtkToggleButton          *layer2_button;
};

G_DEFINE_FINAL_TYPE (NeuronsLearningPage, neurons_learning_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NET,
  PROP_EVALUATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
unbind_net (NeuronsLearningPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->bindings); i++)
    if (self->bindings[i] != NULL)
      {
        g_binding_unbind (self->bindings[i]);
        self->bindings[i] = NULL;
      }
}

/* The histogram's layers: 0 from the pixels into layer 1, 1 into layer 2, 2 into the outputs */
static void
on_layer_toggled (NeuronsLearningPage *self,
                  GtkToggleButton     *button)
{
  guint layer;

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->layer1_button)
    layer = 0;
  else if (button == self->layer2_button)
    layer = 1;
  else
    layer = 2;
  neurons_weight_histogram_set_layer (self->weight_histogram, layer);
}

static void
neurons_learning_page_dispose (GObject *object)
{
  NeuronsLearningPage *self = (NeuronsLearningPage *) object;
  GtkWidget *child;

  unbind_net (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NEURONS_TYPE_LEARNING_PAGE);
  /* The template's outer child has no id, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->net);
  g_clear_object (&self->evaluator);

  G_OBJECT_CLASS (neurons_learning_page_parent_class)->dispose (object);
}

static void
neurons_learning_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  NeuronsLearningPage *self = NEURONS_LEARNING_PAGE (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, self->net);
      break;

    case PROP_EVALUATOR:
      g_value_set_object (value, self->evaluator);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_learning_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  NeuronsLearningPage *self = NEURONS_LEARNING_PAGE (object);

  switch (prop_id)
    {
    case PROP_NET:
      neurons_learning_page_set_net (self, g_value_get_object (value));
      break;

    case PROP_EVALUATOR:
      neurons_learning_page_set_evaluator (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_learning_page_class_init (NeuronsLearningPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_learning_page_dispose;
  object_class->get_property = neurons_learning_page_get_property;
  object_class->set_property = neurons_learning_page_set_property;

  /**
   * NeuronsLearningPage:net:
   *
   * The network whose weights and settings the page draws.
   */
  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NETWORK_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsLearningPage:evaluator:
   *
   * Where the cost and accuracy histories come from, or %NULL until the digits are loaded.
   */
  properties[PROP_EVALUATOR] =
    g_param_spec_object ("evaluator", NULL, NULL,
                         NEURONS_TYPE_EVALUATOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NEURONS_TYPE_ACTIVATION_CHART);
  g_type_ensure (NEURONS_TYPE_HISTORY_CHART);
  g_type_ensure (NEURONS_TYPE_INIT_CHART);
  g_type_ensure (NEURONS_TYPE_LEARNING_RATE_CHART);
  g_type_ensure (NEURONS_TYPE_WEIGHT_HISTOGRAM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neurons/Neurons/ui/neurons-learning-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NeuronsLearningPage, cost_chart);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLearningPage, accuracy_chart);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLearningPage, weight_histogram);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLearningPage, init_chart);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLearningPage, learning_rate_chart);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLearningPage, activation_chart);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLearningPage, layer1_button);
  gtk_widget_class_bind_template_child (widget_class, NeuronsLearningPage, layer2_button);
  gtk_widget_class_bind_template_callback (widget_class, on_layer_toggled);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
neurons_learning_page_init (NeuronsLearningPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
neurons_learning_page_new (void)
{
  return g_object_new (NEURONS_TYPE_LEARNING_PAGE, NULL);
}

NeuronsNetworkModel *
neurons_learning_page_get_net (NeuronsLearningPage *self)
{
  g_return_val_if_fail (NEURONS_IS_LEARNING_PAGE (self), NULL);

  return self->net;
}

void
neurons_learning_page_set_net (NeuronsLearningPage *self,
                               NeuronsNetworkModel    *net)
{
  g_return_if_fail (NEURONS_IS_LEARNING_PAGE (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NETWORK_MODEL (net));

  if (self->net == net)
    return;

  unbind_net (self);
  g_set_object (&self->net, net);
  neurons_weight_histogram_set_net (self->weight_histogram, net);
  neurons_activation_chart_set_net (self->activation_chart, net);

  if (net != NULL)
    {
      self->bindings[0] = g_object_bind_property (net, "initialization", self->init_chart, "initialization",
                                                  G_BINDING_SYNC_CREATE);
      self->bindings[1] = g_object_bind_property (net, "learning-rate", self->learning_rate_chart, "learning-rate",
                                                  G_BINDING_SYNC_CREATE);
      self->bindings[2] = g_object_bind_property (net, "hidden-activation", self->learning_rate_chart, "activation",
                                                  G_BINDING_SYNC_CREATE);
      self->bindings[3] = g_object_bind_property (net, "hidden-activation", self->activation_chart, "activation",
                                                  G_BINDING_SYNC_CREATE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}

NeuronsEvaluator *
neurons_learning_page_get_evaluator (NeuronsLearningPage *self)
{
  g_return_val_if_fail (NEURONS_IS_LEARNING_PAGE (self), NULL);

  return self->evaluator;
}

void
neurons_learning_page_set_evaluator (NeuronsLearningPage *self,
                                     NeuronsEvaluator    *evaluator)
{
  g_return_if_fail (NEURONS_IS_LEARNING_PAGE (self));
  g_return_if_fail (evaluator == NULL || NEURONS_IS_EVALUATOR (evaluator));

  if (!g_set_object (&self->evaluator, evaluator))
    return;

  neurons_history_chart_set_evaluator (self->cost_chart, evaluator);
  neurons_history_chart_set_evaluator (self->accuracy_chart, evaluator);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVALUATOR]);
}

NeuronsHighlight *
neurons_learning_page_get_highlight (NeuronsLearningPage *self)
{
  g_return_val_if_fail (NEURONS_IS_LEARNING_PAGE (self), NULL);

  return neurons_activation_chart_get_highlight (self->activation_chart);
}

/* The hidden neuron pointed at, whose weighted sum the activation curves mark. */
void
neurons_learning_page_set_highlight (NeuronsLearningPage *self,
                                     NeuronsHighlight    *highlight)
{
  g_return_if_fail (NEURONS_IS_LEARNING_PAGE (self));
  g_return_if_fail (highlight == NULL || NEURONS_IS_HIGHLIGHT (highlight));

  neurons_activation_chart_set_highlight (self->activation_chart, highlight);
}
