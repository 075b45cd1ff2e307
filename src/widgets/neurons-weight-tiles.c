/* neurons-weight-tiles.c: the first layer's weights, one 28×28 tile per neuron
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-weight-tiles"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "neurons-colors.h"
#include "neurons-neuron-activity.h"
#include "neurons-pixels.h"
#include "neurons-cairo.h"
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
  NeuronsNeuronView  parent_instance;

  GdkTexture        *textures[NEURONS_HIDDEN1_SIZE];
  gboolean           textures_dirty;
  double             range;
};

G_DEFINE_FINAL_TYPE (NeuronsWeightTiles, neurons_weight_tiles, NEURONS_TYPE_NEURON_VIEW)

enum {
  PROP_0,
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

static void
compute_layout (NeuronsWeightTiles *self,
                Layout             *layout)
{
  float width = gtk_widget_get_width (GTK_WIDGET (self));
  float height = gtk_widget_get_height (GTK_WIDGET (self));
  float by_width, by_height;

  layout->label_height = neurons_neuron_view_get_line_height (NEURONS_NEURON_VIEW (self));

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

static gboolean
neurons_weight_tiles_neuron_at (NeuronsNeuronView     *view,
                                double                 x,
                                double                 y,
                                NeuronsHighlightLayer *layer,
                                int                   *neuron)
{
  Layout layout;

  compute_layout (NEURONS_WEIGHT_TILES (view), &layout);

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    {
      graphene_rect_t bounds;

      tile_bounds (&layout, j, &bounds);
      /* the label under a tile belongs to it */
      bounds.size.height += layout.label_height;
      if (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)))
        {
          *layer = NEURONS_HIGHLIGHT_HIDDEN1;
          *neuron = j;
          return TRUE;
        }
    }

  return FALSE;
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

static char *
neurons_weight_tiles_describe (NeuronsNeuronView *view)
{
  NeuronsNetworkModel *net = neurons_neuron_view_get_net (view);
  NeuronsHighlight *highlight = neurons_neuron_view_get_highlight (view);
  g_autofree char *counts = NULL;
  guint n_dead = 0, n_silenced = 0;

  if (net != NULL)
    {
      n_dead = neurons_neuron_count_dead (neurons_network_model_get_mlp (net));
      n_silenced = __builtin_popcount (neurons_network_model_get_lesion (net)->silenced[0]);
    }

  if (n_silenced > 0)
    counts = g_strdup_printf (_("%d first-layer neurons, %u dead, %u silenced."), NEURONS_HIDDEN1_SIZE, n_dead, n_silenced);
  else
    counts = g_strdup_printf (_("%d first-layer neurons, %u dead."), NEURONS_HIDDEN1_SIZE, n_dead);

  if (neurons_highlight_get_layer (highlight) == NEURONS_HIGHLIGHT_HIDDEN1)
    {
      int neuron = neurons_highlight_get_neuron (highlight);

      return g_strdup_printf (net != NULL && neurons_network_model_is_silenced (net, 0, neuron)
                              ? _("%s Neuron %d selected, silenced.") : _("%s Neuron %d selected."),
                              counts, neuron + 1);
    }

  return g_steal_pointer (&counts);
}

static void
rebuild_textures (NeuronsWeightTiles *self)
{
  const NeuronsMlp *mlp = neurons_network_model_get_mlp (neurons_neuron_view_get_net (NEURONS_NEURON_VIEW (self)));
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
append_cross_mark (GtkSnapshot           *snapshot,
                   const graphene_rect_t *tile,
                   const GdkRGBA         *cover,
                   const GdkRGBA         *cross)
{
  float inset = tile->size.width * 0.3f;
  cairo_t *cr;

  gtk_snapshot_append_color (snapshot, cover, tile);

  cr = neurons_cairo_append (snapshot, tile);
  gdk_cairo_set_source_rgba (cr, cross);
  cairo_set_line_width (cr, MAX (2.0, tile->size.width * 0.06));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, tile->origin.x + inset, tile->origin.y + inset);
  cairo_line_to (cr, tile->origin.x + tile->size.width - inset, tile->origin.y + tile->size.height - inset);
  cairo_move_to (cr, tile->origin.x + tile->size.width - inset, tile->origin.y + inset);
  cairo_line_to (cr, tile->origin.x + inset, tile->origin.y + tile->size.height - inset);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

/* What every tile is drawn with: the net's state now and the highlight. */
typedef struct
{
  const NeuronsMlp     *mlp;
  const NeuronsForward *forward;
  const NeuronsLesion  *lesion;
  NeuronsHighlight     *highlight;
  gboolean              dark;
  float                 activity_scale;
  float                 largest_weight;  /* the highlighted second-layer neuron's largest */
  GdkRGBA               foreground;
} Scene;

/* Neuron j's tile: its weights, a glow for its activity, or, while a second-layer neuron is
 * highlighted, a frame for the weight it gets from that one; marked when dead or pinned. */
static void
append_tile (NeuronsWeightTiles    *self,
             GtkSnapshot           *snapshot,
             const Scene           *scene,
             guint                  j,
             const graphene_rect_t *tile)
{
  NeuronsHighlightLayer highlight_layer = neurons_highlight_get_layer (scene->highlight);
  gboolean highlighted = neurons_highlight_is (scene->highlight, NEURONS_HIGHLIGHT_HIDDEN1, j);
  gboolean dead = neurons_neuron_is_dead (scene->mlp, j);
  gboolean silenced = neurons_lesion_is_silenced (scene->lesion, 0, j);
  g_autofree char *label = NULL;
  GdkRGBA label_color = scene->foreground;

  if (highlight_layer == NEURONS_HIGHLIGHT_HIDDEN2)
    {
      /* what the second-layer neuron makes of this one: framed by sign, faded by size */
      float weight = neurons_mlp_get_weight (scene->mlp, 1, neurons_highlight_get_neuron (scene->highlight), j);
      float size = scene->largest_weight > 0 ? fabsf (weight) / scene->largest_weight : 0;
      GdkRGBA dimming = scene->dark ? (GdkRGBA) { 0.14f, 0.14f, 0.14f, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
      GdkRGBA frame;

      neurons_colors_diverging (copysignf (0.6f + 0.4f * size, weight), scene->dark, &frame);
      neurons_pixels_append (snapshot, self->textures[j], tile);
      dimming.alpha = 0.8f * (1 - size);
      gtk_snapshot_append_color (snapshot, &dimming, tile);
      append_frame (snapshot, tile, 1.0f + 5.0f * size, &frame);
      label = g_strdup_printf ("%+.2f", weight);
    }
  else
    {
      float activity = CLAMP (scene->forward->a1[j] / scene->activity_scale, 0, 1);

      if (activity > 0.02f && !dead && !silenced)
        append_glow (snapshot, tile, activity, &scene->foreground);

      neurons_pixels_append (snapshot, self->textures[j], tile);

      if (highlighted)
        append_frame (snapshot, tile, 3, &scene->foreground);
      label = g_strdup_printf ("%u", j + 1);
    }

  if (dead)
    {
      append_cross_mark (snapshot, tile, &(GdkRGBA) { 0.05f, 0.05f, 0.05f, 0.88f }, &(GdkRGBA) { 1, 1, 1, 0.85f });
      g_free (label);
      /* Translators: a first-layer neuron that stopped firing; keep it short */
      label = g_strdup_printf (_("%u · dead"), j + 1);
    }
  else if (silenced)
    {
      /* greyed under a cross in the text colour: the weights are still there, unused */
      GdkRGBA grey = scene->dark ? (GdkRGBA) { 0.2f, 0.2f, 0.2f, 0.8f } : (GdkRGBA) { 0.85f, 0.85f, 0.85f, 0.8f };
      GdkRGBA cross = scene->foreground;

      cross.alpha *= 0.8f;
      append_cross_mark (snapshot, tile, &grey, &cross);
      g_free (label);
      /* Translators: a first-layer neuron the person switched off; keep it short */
      label = g_strdup_printf (_("%u · silenced"), j + 1);
    }

  if (highlighted && neurons_highlight_get_pinned (scene->highlight))
    {
      g_autofree char *plain = g_steal_pointer (&label);

      /* Translators: the label under a tile the person pinned by clicking it */
      label = g_strdup_printf (_("%s · pinned"), plain);
    }
  else if (highlight_layer != NEURONS_HIGHLIGHT_HIDDEN2)
    label_color.alpha *= 0.7f;

  append_label (self, snapshot, label, tile, &label_color);
}

static void
neurons_weight_tiles_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  NeuronsWeightTiles *self = NEURONS_WEIGHT_TILES (widget);
  NeuronsNetworkModel *net = neurons_neuron_view_get_net (NEURONS_NEURON_VIEW (self));
  Scene scene = { 0 };
  Layout layout;

  if (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0 || net == NULL)
    return;

  if (self->textures_dirty)
    rebuild_textures (self);

  scene.mlp = neurons_network_model_get_mlp (net);
  scene.forward = neurons_network_model_get_forward (net);
  scene.lesion = neurons_network_model_get_lesion (net);
  scene.highlight = neurons_neuron_view_get_highlight (NEURONS_NEURON_VIEW (self));
  scene.dark = neurons_colors_is_dark (widget);
  neurons_colors_get_foreground (widget, &scene.foreground);
  scene.activity_scale = neurons_neuron_activity_scale (scene.mlp->hidden_activation, scene.forward->a1,
                                                        NEURONS_HIDDEN1_SIZE);
  compute_layout (self, &layout);

  if (neurons_highlight_get_layer (scene.highlight) == NEURONS_HIGHLIGHT_HIDDEN2)
    for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
      scene.largest_weight = MAX (scene.largest_weight,
                                  fabsf (neurons_mlp_get_weight (scene.mlp, 1, neurons_highlight_get_neuron (scene.highlight), j)));

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    {
      graphene_rect_t tile;

      tile_bounds (&layout, j, &tile);
      append_tile (self, snapshot, &scene, j, &tile);
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
      float labels = N_ROWS * neurons_neuron_view_get_line_height (NEURONS_NEURON_VIEW (widget));
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

/* The tiles show the weights, coloured for the style: drawn again in the next frame. */
static void
neurons_weight_tiles_net_changed (NeuronsNeuronView *view)
{
  NEURONS_WEIGHT_TILES (view)->textures_dirty = TRUE;
}

/* The tiles walk as they are laid out: in rows, to the edges and no further. */
static void
neurons_weight_tiles_move (NeuronsNeuronView     *view,
                           int                    dx,
                           int                    dy,
                           NeuronsHighlightLayer *layer,
                           int                   *neuron)
{
  int column = CLAMP (*neuron % N_COLUMNS + dx, 0, N_COLUMNS - 1);
  int row = CLAMP (*neuron / N_COLUMNS + dy, 0, N_ROWS - 1);

  *neuron = row * N_COLUMNS + column;
}

/* Only the first layer has tiles. */
static gboolean
neurons_weight_tiles_shows_layer (NeuronsNeuronView     *view,
                                  NeuronsHighlightLayer  layer)
{
  return layer == NEURONS_HIGHLIGHT_HIDDEN1;
}

static void
neurons_weight_tiles_dispose (GObject *object)
{
  NeuronsWeightTiles *self = (NeuronsWeightTiles *)object;

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    g_clear_object (&self->textures[j]);

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
    case PROP_RANGE:
      g_value_set_double (value, self->range);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
neurons_weight_tiles_class_init (NeuronsWeightTilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  NeuronsNeuronViewClass *view_class = NEURONS_NEURON_VIEW_CLASS (klass);

  object_class->dispose = neurons_weight_tiles_dispose;
  object_class->get_property = neurons_weight_tiles_get_property;

  widget_class->snapshot = neurons_weight_tiles_snapshot;
  widget_class->get_request_mode = neurons_weight_tiles_get_request_mode;
  widget_class->measure = neurons_weight_tiles_measure;
  widget_class->css_changed = neurons_weight_tiles_css_changed;

  view_class->neuron_at = neurons_weight_tiles_neuron_at;
  view_class->shows_layer = neurons_weight_tiles_shows_layer;
  view_class->move = neurons_weight_tiles_move;
  view_class->net_changed = neurons_weight_tiles_net_changed;
  view_class->describe = neurons_weight_tiles_describe;

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

  gtk_widget_class_set_css_name (widget_class, "neurons-weight-tiles");
}

static void
neurons_weight_tiles_init (NeuronsWeightTiles *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("First-layer weights"),
                                  -1);
}

GtkWidget *
neurons_weight_tiles_new (void)
{
  return g_object_new (NEURONS_TYPE_WEIGHT_TILES, NULL);
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
