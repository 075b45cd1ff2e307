/* neurons-weight-tiles.c: the first layer's weights, one 28×28 tile per neuron
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-weight-tiles"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "neurons-colors.h"
#include "neurons-neuron-state.h"
#include "neurons-pixels.h"
#include "neurons-snapshot.h"
#include "neurons-weight-tiles.h"

/*
 * Each first-layer neuron weighs all 784 pixels; laid out as the image they look at, its
 * weights show the stroke it looks for. One texture per tile is rebuilt when the weights
 * changed, at most once per frame (in snapshot()), and drawn enlarged with sharp pixels.
 * Around each tile a glow shows how strongly the neuron fires for the sample on show.
 */

#define N_COLUMNS 4
#define N_ROWS    (NEURONS_HIDDEN1_SIZE / N_COLUMNS)
/* room around the grid for the glow and the frames */
#define MARGIN    10.0f
#define MIN_TILE  (float) NEURONS_IMAGE_SIDE
#define NAT_TILE  (3.0f * NEURONS_IMAGE_SIDE)

struct _NeuronsWeightTiles
{
  GtkWidget         parent_instance;

  NeuronsNeuralNet *net;
  NeuronsHighlight *highlight;

  GdkTexture       *textures[NEURONS_HIDDEN1_SIZE];
  gboolean          textures_dirty;
  double            range;
  char             *description;
};

G_DEFINE_FINAL_TYPE (NeuronsWeightTiles, neurons_weight_tiles, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NET,
  PROP_HIGHLIGHT,
  PROP_RANGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  float tile;
  float gap;
  float label_height;
  float x;
  float y;
} Layout;

static float
label_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

static void
compute_layout (NeuronsWeightTiles *self,
                Layout             *layout)
{
  float width = gtk_widget_get_width (GTK_WIDGET (self));
  float height = gtk_widget_get_height (GTK_WIDGET (self));
  float by_width, by_height;

  layout->label_height = label_height (GTK_WIDGET (self));

  /* the gaps hold the glow and the labels, so they grow with the tiles */
  by_width = (width - 2 * MARGIN) / (N_COLUMNS + (N_COLUMNS - 1) * 0.15f);
  by_height = (height - 2 * MARGIN - N_ROWS * layout->label_height) / (N_ROWS + (N_ROWS - 1) * 0.15f);
  layout->tile = floorf (MAX (1.0f, MIN (by_width, by_height)));
  layout->gap = floorf (MAX (6.0f, layout->tile * 0.15f));

  /* centred across, at the top: the legend follows right below */
  layout->x = floorf ((width - N_COLUMNS * layout->tile - (N_COLUMNS - 1) * layout->gap) / 2);
  layout->y = MARGIN;
}

static void
tile_bounds (const Layout    *layout,
             guint            neuron,
             graphene_rect_t *bounds)
{
  guint column = neuron % N_COLUMNS;
  guint row = neuron / N_COLUMNS;

  graphene_rect_init (bounds,
                      layout->x + column * (layout->tile + layout->gap),
                      layout->y + row * (layout->tile + layout->label_height + layout->gap),
                      layout->tile, layout->tile);
}

static int
neuron_at (NeuronsWeightTiles *self,
           double              x,
           double              y)
{
  Layout layout;

  compute_layout (self, &layout);

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    {
      graphene_rect_t bounds;

      tile_bounds (&layout, j, &bounds);
      /* the label under a tile belongs to it */
      bounds.size.height += layout.label_height;
      if (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)))
        return j;
    }

  return -1;
}

/* The k-th smallest of values[0..n), rearranging them (Wirth's selection). */
static float
select_nth (float *values,
            int    n,
            int    k)
{
  int left = 0;
  int right = n - 1;

  g_assert (k >= 0 && k < n);

  while (left < right)
    {
      float pivot = values[k];
      int i = left;
      int j = right;

      do
        {
          while (values[i] < pivot)
            i++;
          while (pivot < values[j])
            j--;
          if (i <= j)
            {
              float swap = values[i];

              values[i++] = values[j];
              values[j--] = swap;
            }
        }
      while (i <= j);

      if (j < k)
        left = i;
      if (k < i)
        right = j;
    }

  return values[k];
}

/*
 * The size of weight that gets the scale's strongest colour: the 99th percentile of all the
 * first-layer weights' sizes, so that a few outliers do not wash out the rest, rounded up to
 * two significant digits so that the legend's numbers stay still while training runs.
 */
static double
weight_range (const NeuronsMlp *mlp)
{
  float sizes[NEURONS_INPUT_SIZE * NEURONS_HIDDEN1_SIZE];
  const int n = G_N_ELEMENTS (sizes);
  double percentile, step;

  for (int i = 0; i < n; i++)
    sizes[i] = fabsf (mlp->w1t[i]);

  percentile = select_nth (sizes, n, n * 99 / 100);
  if (!(percentile > 1e-6))
    return 1e-6;

  step = pow (10, floor (log10 (percentile)) - 1);

  return ceil (percentile / step - 1e-9) * step;
}

static void
update_description (NeuronsWeightTiles *self)
{
  g_autofree char *description = NULL;
  guint n_dead = 0;

  if (self->net != NULL)
    n_dead = neurons_neuron_count_dead (neurons_neural_net_get_mlp (self->net));

  if (neurons_highlight_get_layer (self->highlight) == NEURONS_HIGHLIGHT_HIDDEN1)
    description = g_strdup_printf (_("%d first-layer neurons, %u dead. Neuron %d selected."),
                                   NEURONS_HIDDEN1_SIZE, n_dead,
                                   neurons_highlight_get_neuron (self->highlight) + 1);
  else
    description = g_strdup_printf (_("%d first-layer neurons, %u dead."),
                                   NEURONS_HIDDEN1_SIZE, n_dead);

  if (g_strcmp0 (description, self->description) == 0)
    return;

  g_free (self->description);
  self->description = g_steal_pointer (&description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static void
rebuild_textures (NeuronsWeightTiles *self)
{
  const NeuronsMlp *mlp = neurons_neural_net_get_mlp (self->net);
  gboolean dark = neurons_colors_is_dark (GTK_WIDGET (self));
  guint8 rgba[NEURONS_INPUT_SIZE * 4];
  double range = weight_range (mlp);

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    {
      for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
        {
          neurons_colors_diverging_bytes (mlp->w1t[i * NEURONS_HIDDEN1_SIZE + j] / range, dark,
                                          &rgba[i * 4]);
          rgba[i * 4 + 3] = 255;
        }

      g_clear_object (&self->textures[j]);
      self->textures[j] = neurons_pixels_texture_new (rgba, NEURONS_IMAGE_SIDE, NEURONS_IMAGE_SIDE);
    }

  self->textures_dirty = FALSE;

  if (self->range != range)
    {
      self->range = range;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
    }
}

static void
append_label (NeuronsWeightTiles    *self,
              GtkSnapshot           *snapshot,
              const char            *text,
              const graphene_rect_t *tile,
              const GdkRGBA         *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (roundf (tile->origin.x + (tile->size.width - width) / 2),
                                                tile->origin.y + tile->size.height));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* A frame of the given width just outside the tile. */
static void
append_frame (GtkSnapshot           *snapshot,
              const graphene_rect_t *tile,
              float                  width,
              const GdkRGBA         *color)
{
  GskRoundedRect outline;
  const GdkRGBA colors[4] = { *color, *color, *color, *color };
  const float widths[4] = { width, width, width, width };

  gsk_rounded_rect_init_from_rect (&outline, tile, 0);
  gsk_rounded_rect_shrink (&outline, -width - 1, -width - 1, -width - 1, -width - 1);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* A soft halo that widens and strengthens with the activity, in rings of fading ink. */
static void
append_glow (GtkSnapshot           *snapshot,
             const graphene_rect_t *tile,
             float                  activity,
             const GdkRGBA         *ink)
{
  int n_rings = 2 + (int) (8 * activity);

  for (int ring = 1; ring <= n_rings; ring++)
    {
      float fade = 1.0f - (float) ring / (n_rings + 1);
      GskRoundedRect outline;
      GdkRGBA color = *ink;
      GdkRGBA colors[4];
      const float widths[4] = { 1, 1, 1, 1 };

      color.alpha *= (0.2f + 0.6f * activity) * fade * fade;
      for (guint side = 0; side < 4; side++)
        colors[side] = color;

      gsk_rounded_rect_init_from_rect (&outline, tile, ring);
      gsk_rounded_rect_shrink (&outline, -ring, -ring, -ring, -ring);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
append_dead_mark (GtkSnapshot           *snapshot,
                  const graphene_rect_t *tile)
{
  float inset = tile->size.width * 0.3f;
  cairo_t *cr;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.05f, 0.05f, 0.05f, 0.88f }, tile);

  cr = neurons_snapshot_append_cairo (snapshot, tile);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, MAX (2.0, tile->size.width * 0.06));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, tile->origin.x + inset, tile->origin.y + inset);
  cairo_line_to (cr, tile->origin.x + tile->size.width - inset, tile->origin.y + tile->size.height - inset);
  cairo_move_to (cr, tile->origin.x + tile->size.width - inset, tile->origin.y + inset);
  cairo_line_to (cr, tile->origin.x + inset, tile->origin.y + tile->size.height - inset);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
neurons_weight_tiles_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  NeuronsWeightTiles *self = NEURONS_WEIGHT_TILES (widget);
  const NeuronsMlp *mlp;
  const NeuronsForward *forward;
  NeuronsHighlightLayer highlight_layer;
  int highlight_neuron;
  gboolean dark;
  float activity_scale, largest_weight = 0;
  GdkRGBA foreground, dimming;
  Layout layout;

  if (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0 || self->net == NULL)
    return;

  if (self->textures_dirty)
    rebuild_textures (self);

  mlp = neurons_neural_net_get_mlp (self->net);
  forward = neurons_neural_net_get_forward (self->net);
  highlight_layer = neurons_highlight_get_layer (self->highlight);
  highlight_neuron = neurons_highlight_get_neuron (self->highlight);
  dark = neurons_colors_is_dark (widget);
  neurons_colors_get_foreground (widget, &foreground);
  activity_scale = neurons_neuron_activity_scale (mlp->hidden_activation, forward->a1, NEURONS_HIDDEN1_SIZE);
  dimming = dark ? (GdkRGBA) { 0.14f, 0.14f, 0.14f, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
  compute_layout (self, &layout);

  if (highlight_layer == NEURONS_HIGHLIGHT_HIDDEN2)
    for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
      largest_weight = MAX (largest_weight, fabsf (neurons_mlp_get_weight (mlp, 1, highlight_neuron, j)));

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    {
      gboolean dead = neurons_neuron_is_dead (mlp, j);
      graphene_rect_t tile;
      g_autofree char *label = NULL;
      GdkRGBA label_color = foreground;

      tile_bounds (&layout, j, &tile);

      if (highlight_layer == NEURONS_HIGHLIGHT_HIDDEN2)
        {
          /* what the second-layer neuron makes of this one: framed by sign, faded by size */
          float weight = neurons_mlp_get_weight (mlp, 1, highlight_neuron, j);
          float size = largest_weight > 0 ? fabsf (weight) / largest_weight : 0;
          GdkRGBA frame;

          neurons_colors_diverging (copysignf (0.6f + 0.4f * size, weight), dark, &frame);
          neurons_pixels_append (snapshot, self->textures[j], &tile);
          dimming.alpha = 0.8f * (1 - size);
          gtk_snapshot_append_color (snapshot, &dimming, &tile);
          append_frame (snapshot, &tile, 1.0f + 5.0f * size, &frame);
          label = g_strdup_printf ("%+.2f", weight);
        }
      else
        {
          float activity = CLAMP (forward->a1[j] / activity_scale, 0, 1);

          if (activity > 0.02f && !dead)
            append_glow (snapshot, &tile, activity, &foreground);

          neurons_pixels_append (snapshot, self->textures[j], &tile);

          if (highlight_layer == NEURONS_HIGHLIGHT_HIDDEN1 && highlight_neuron == (int) j)
            append_frame (snapshot, &tile, 3, &foreground);
          label = g_strdup_printf ("%u", j + 1);
        }

      if (dead)
        {
          append_dead_mark (snapshot, &tile);
          g_free (label);
          /* Translators: a first-layer neuron that stopped firing; keep it short */
          label = g_strdup_printf (_("%u · dead"), j + 1);
        }

      if (highlight_layer == NEURONS_HIGHLIGHT_HIDDEN1 && highlight_neuron == (int) j &&
          neurons_highlight_get_pinned (self->highlight))
        {
          g_autofree char *plain = g_steal_pointer (&label);

          /* Translators: the label under a tile the person pinned by clicking it */
          label = g_strdup_printf (_("%s · pinned"), plain);
        }
      else if (highlight_layer != NEURONS_HIGHLIGHT_HIDDEN2)
        label_color.alpha *= 0.7f;

      append_label (self, snapshot, label, &tile, &label_color);
    }
}

static GtkSizeRequestMode
neurons_weight_tiles_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The tiles are square, so their width decides how tall the grid wants to be. */
static void
neurons_weight_tiles_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  const float gap_share = (N_COLUMNS - 1) * 0.15f;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ceilf (N_COLUMNS * MIN_TILE + (N_COLUMNS - 1) * 6 + 2 * MARGIN);
      *natural = ceilf ((N_COLUMNS + gap_share) * NAT_TILE + 2 * MARGIN);
    }
  else
    {
      float labels = N_ROWS * label_height (widget);
      float tile = NAT_TILE;

      if (for_size >= 0)
        tile = floorf (MAX (MIN_TILE, (for_size - 2 * MARGIN) / (N_COLUMNS + gap_share)));

      *minimum = ceilf (N_ROWS * MIN_TILE + (N_ROWS - 1) * 6 + 2 * MARGIN + labels);
      *natural = MAX (*minimum, ceilf ((N_ROWS + gap_share) * tile + 2 * MARGIN + labels));
    }
}

static void
neurons_weight_tiles_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  NeuronsWeightTiles *self = NEURONS_WEIGHT_TILES (widget);

  GTK_WIDGET_CLASS (neurons_weight_tiles_parent_class)->css_changed (widget, change);

  /* the colours depend on whether the style is dark */
  self->textures_dirty = TRUE;
  gtk_widget_queue_draw (widget);
}

static void
on_net_changed (NeuronsWeightTiles *self)
{
  self->textures_dirty = TRUE;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_highlight_changed (NeuronsWeightTiles *self)
{
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           NeuronsWeightTiles       *self)
{
  int neuron = neuron_at (self, x, y);

  if (neuron >= 0)
    neurons_highlight_hover (self->highlight, NEURONS_HIGHLIGHT_HIDDEN1, neuron);
  else
    neurons_highlight_hover_end (self->highlight);
}

static void
on_leave (GtkEventControllerMotion *controller,
          NeuronsWeightTiles       *self)
{
  neurons_highlight_hover_end (self->highlight);
}

static void
on_pressed (GtkGestureClick    *gesture,
            int                 n_press,
            double              x,
            double              y,
            NeuronsWeightTiles *self)
{
  int neuron = neuron_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (neuron >= 0)
    neurons_highlight_toggle_pin (self->highlight, NEURONS_HIGHLIGHT_HIDDEN1, neuron);
  else
    neurons_highlight_unpin (self->highlight);
}

static void
on_focus_enter (NeuronsWeightTiles *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Arriving from the keyboard, show where the selection is; the window's first focus
   * when it opens, or a click, selects nothing by itself. */
  if (GTK_IS_WINDOW (root) && gtk_window_get_focus_visible (GTK_WINDOW (root)) &&
      neurons_highlight_get_layer (self->highlight) == NEURONS_HIGHLIGHT_NONE)
    neurons_highlight_select (self->highlight, NEURONS_HIGHLIGHT_HIDDEN1, 0);
}

static void
on_focus_leave (NeuronsWeightTiles *self)
{
  neurons_highlight_clear (self->highlight);
}

static gboolean
move_selection (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  NeuronsWeightTiles *self = NEURONS_WEIGHT_TILES (widget);
  int dx, dy, neuron, column, row;

  g_variant_get (args, "(ii)", &dx, &dy);

  if (neurons_highlight_get_layer (self->highlight) != NEURONS_HIGHLIGHT_HIDDEN1)
    {
      neurons_highlight_select (self->highlight, NEURONS_HIGHLIGHT_HIDDEN1, 0);
      return TRUE;
    }

  neuron = neurons_highlight_get_neuron (self->highlight);
  column = CLAMP (neuron % N_COLUMNS + dx, 0, N_COLUMNS - 1);
  row = CLAMP (neuron / N_COLUMNS + dy, 0, N_ROWS - 1);
  neurons_highlight_select (self->highlight, NEURONS_HIGHLIGHT_HIDDEN1, row * N_COLUMNS + column);

  return TRUE;
}

static gboolean
toggle_pin (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  NeuronsWeightTiles *self = NEURONS_WEIGHT_TILES (widget);

  if (neurons_highlight_get_layer (self->highlight) != NEURONS_HIGHLIGHT_HIDDEN1)
    return FALSE;

  neurons_highlight_toggle_pin (self->highlight, NEURONS_HIGHLIGHT_HIDDEN1,
                                neurons_highlight_get_neuron (self->highlight));

  return TRUE;
}

static gboolean
unpin (GtkWidget *widget,
       GVariant  *args,
       gpointer   user_data)
{
  NeuronsWeightTiles *self = NEURONS_WEIGHT_TILES (widget);

  /* let Escape reach the window when there is nothing to let go of */
  if (!neurons_highlight_get_pinned (self->highlight))
    return FALSE;

  neurons_highlight_unpin (self->highlight);

  return TRUE;
}

static void
neurons_weight_tiles_dispose (GObject *object)
{
  NeuronsWeightTiles *self = (NeuronsWeightTiles *)object;

  g_clear_object (&self->net);
  g_clear_object (&self->highlight);
  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    g_clear_object (&self->textures[j]);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (neurons_weight_tiles_parent_class)->dispose (object);
}

static void
neurons_weight_tiles_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  NeuronsWeightTiles *self = NEURONS_WEIGHT_TILES (object);

  switch (prop_id)
    {
    case PROP_NET:
      g_value_set_object (value, self->net);
      break;

    case PROP_HIGHLIGHT:
      g_value_set_object (value, self->highlight);
      break;

    case PROP_RANGE:
      g_value_set_double (value, self->range);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_weight_tiles_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  NeuronsWeightTiles *self = NEURONS_WEIGHT_TILES (object);

  switch (prop_id)
    {
    case PROP_NET:
      neurons_weight_tiles_set_net (self, g_value_get_object (value));
      break;

    case PROP_HIGHLIGHT:
      neurons_weight_tiles_set_highlight (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  guint           keypad_keyval,
                  int             dx,
                  int             dy)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, move_selection, "(ii)", dx, dy);
  gtk_widget_class_add_binding (widget_class, keypad_keyval, 0, move_selection, "(ii)", dx, dy);
}

static void
neurons_weight_tiles_class_init (NeuronsWeightTilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = neurons_weight_tiles_dispose;
  object_class->get_property = neurons_weight_tiles_get_property;
  object_class->set_property = neurons_weight_tiles_set_property;

  widget_class->snapshot = neurons_weight_tiles_snapshot;
  widget_class->get_request_mode = neurons_weight_tiles_get_request_mode;
  widget_class->measure = neurons_weight_tiles_measure;
  widget_class->css_changed = neurons_weight_tiles_css_changed;

  /**
   * NeuronsWeightTiles:net:
   *
   * The network whose first layer is shown.
   */
  properties[PROP_NET] =
    g_param_spec_object ("net", NULL, NULL,
                         NEURONS_TYPE_NEURAL_NET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsWeightTiles:highlight:
   *
   * The highlighted neuron, shared with the other views.
   */
  properties[PROP_HIGHLIGHT] =
    g_param_spec_object ("highlight", NULL, NULL,
                         NEURONS_TYPE_HIGHLIGHT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NeuronsWeightTiles:range:
   *
   * The weight size drawn in the strongest colours; larger ones are drawn the same.
   */
  properties[PROP_RANGE] =
    g_param_spec_double ("range", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  add_move_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0);
  add_move_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0);
  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, toggle_pin, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, toggle_pin, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, toggle_pin, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, unpin, NULL);

  gtk_widget_class_set_css_name (widget_class, "neurons-weight-tiles");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
neurons_weight_tiles_init (NeuronsWeightTiles *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  self->highlight = neurons_highlight_new ();
  g_signal_connect_object (self->highlight, "notify", G_CALLBACK (on_highlight_changed),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("First-layer weights"),
                                  -1);
  update_description (self);
}

GtkWidget *
neurons_weight_tiles_new (void)
{
  return g_object_new (NEURONS_TYPE_WEIGHT_TILES, NULL);
}

NeuronsNeuralNet *
neurons_weight_tiles_get_net (NeuronsWeightTiles *self)
{
  g_return_val_if_fail (NEURONS_IS_WEIGHT_TILES (self), NULL);

  return self->net;
}

void
neurons_weight_tiles_set_net (NeuronsWeightTiles *self,
                              NeuronsNeuralNet   *net)
{
  g_return_if_fail (NEURONS_IS_WEIGHT_TILES (self));
  g_return_if_fail (net == NULL || NEURONS_IS_NEURAL_NET (net));

  if (self->net == net)
    return;

  if (self->net != NULL)
    g_signal_handlers_disconnect_by_data (self->net, self);

  g_set_object (&self->net, net);

  if (net != NULL)
    g_signal_connect_object (net, "changed", G_CALLBACK (on_net_changed), self, G_CONNECT_SWAPPED);

  on_net_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NET]);
}

NeuronsHighlight *
neurons_weight_tiles_get_highlight (NeuronsWeightTiles *self)
{
  g_return_val_if_fail (NEURONS_IS_WEIGHT_TILES (self), NULL);

  return self->highlight;
}

void
neurons_weight_tiles_set_highlight (NeuronsWeightTiles *self,
                                    NeuronsHighlight   *highlight)
{
  g_return_if_fail (NEURONS_IS_WEIGHT_TILES (self));
  g_return_if_fail (NEURONS_IS_HIGHLIGHT (highlight));

  if (self->highlight == highlight)
    return;

  g_signal_handlers_disconnect_by_data (self->highlight, self);
  g_set_object (&self->highlight, highlight);
  g_signal_connect_object (highlight, "notify", G_CALLBACK (on_highlight_changed),
                           self, G_CONNECT_SWAPPED);

  on_highlight_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

double
neurons_weight_tiles_get_range (NeuronsWeightTiles *self)
{
  g_return_val_if_fail (NEURONS_IS_WEIGHT_TILES (self), 0);

  return self->range;
}

/**
 * neurons_weight_tiles_get_tile_bounds:
 * @self: a #NeuronsWeightTiles
 * @neuron: a first-layer neuron
 * @bounds: (out): where its tile is drawn, in the widget's coordinates
 *
 * Returns: %FALSE when the widget has no size yet
 */
gboolean
neurons_weight_tiles_get_tile_bounds (NeuronsWeightTiles *self,
                                      guint               neuron,
                                      graphene_rect_t    *bounds)
{
  Layout layout;

  g_return_val_if_fail (NEURONS_IS_WEIGHT_TILES (self), FALSE);
  g_return_val_if_fail (neuron < NEURONS_HIDDEN1_SIZE, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return FALSE;

  compute_layout (self, &layout);
  tile_bounds (&layout, neuron, bounds);

  return TRUE;
}
