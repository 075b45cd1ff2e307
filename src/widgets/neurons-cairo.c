/* neurons-cairo.c: drawing with Cairo into a snapshot so that it also exports as SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-snapshot"

#include "config.h"

#include "neurons-cairo.h"

/**
 * neurons_cairo_append:
 * @snapshot: where to draw
 * @bounds: the area to draw in, in the snapshot's coordinates
 *
 * As gtk_snapshot_append_cairo(), and the returned context draws in the same coordinates,
 * but the node itself starts at (0, 0), moved into place by a translation. A Cairo node
 * keeps its drawing as a recording surface whose extents are its bounds, and Cairo before
 * 1.17 writes a recording surface that does not start at (0, 0) into an SVG file as an
 * empty group: Export Figure would lose that part of the figure.
 *
 * Returns: (transfer full): a context to draw with; cairo_destroy() it when done
 */
cairo_t *
neurons_cairo_append (GtkSnapshot           *snapshot,
                               const graphene_rect_t *bounds)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderNode) placed = NULL;
  g_autoptr(GskTransform) transform = NULL;
  cairo_t *cr;

  g_return_val_if_fail (GTK_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (bounds != NULL, NULL);

  /* Made by hand: GtkSnapshot folds a translation into a Cairo node's bounds. */
  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, bounds->size.width, bounds->size.height));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_translate (cr, -bounds->origin.x, -bounds->origin.y);

  transform = gsk_transform_translate (NULL, &bounds->origin);
  placed = transform != NULL ? gsk_transform_node_new (node, transform) : gsk_render_node_ref (node);
  gtk_snapshot_append_node (snapshot, placed);

  return cr;
}
