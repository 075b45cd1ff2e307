/* neurons-network-view.c: the chain of voters, from the input digit to the prediction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-network-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "neurons-colors.h"
#include "neurons-line-canvas.h"
#include "neurons-network-view.h"
#include "neurons-neuron-activity.h"
#include "neurons-pixels.h"
#include "neurons-cairo.h"

/*
 * Left to right: the digit, a few of its 784 pixels as input nodes, the two hidden layers
 * and the ten outputs with their bars, then the verdict. Node fill is activity, drawn in the
 * text colour; a connection's colour is the sign of its weight and its width and opacity
 * its size, relative to the largest weight between the same two layers.
 *
 * A single step (the "step" signal) is played in three phases: the forward pass reveals the
 * activity column by column, backpropagation rings each neuron with its error from right to
 * left, and the gradient step morphs the connections from the old weights to the new ones.
 * At full speed only "changed" arrives, and each frame shows the latest snapshot.
 */

/* A few pixels stand for all 784 inputs; these are inked in most digits. */
static const struct { guint8 row, column; } shown_pixels[] = {
  { 6, 14 }, { 9, 10 }, { 12, 17 }, { 15, 12 }, { 18, 16 }, { 21, 11 },
};
#define N_SHOWN_INPUTS G_N_ELEMENTS (shown_pixels)

/* Calm enough to follow, and shrunk to fit when the steps come faster than three of them. */
#define PHASE_DURATION_US      (300 * G_TIME_SPAN_MILLISECOND)
#define MIN_PHASE_DURATION_US  (20 * G_TIME_SPAN_MILLISECOND)
#define N_PHASES               3

#define MARGIN 12.0f

struct _NeuronsNetworkView
{
  NeuronsNeuronView  parent_instance;

  GdkTexture        *input_texture;
  gboolean           input_dirty;

  /* the step being played: when it arrived and how long each of its phases lasts */
  gint64             step_time;
  gint64             phase_duration;
  guint              tick_id;
};

G_DEFINE_FINAL_TYPE (NeuronsNetworkView, neurons_network_view, NEURONS_TYPE_NEURON_VIEW)

enum {
  COLUMN_INPUT,
  COLUMN_HIDDEN1,
  COLUMN_HIDDEN2,
  COLUMN_OUTPUT,
  N_COLUMNS
};

static const guint column_sizes[N_COLUMNS] = {
  N_SHOWN_INPUTS, NEURONS_HIDDEN1_SIZE, NEURONS_HIDDEN2_SIZE, NEURONS_OUTPUT_SIZE,
};

typedef struct
{
  float           line_height;
  float           phase_y;        /* the phase names */
  float           heading_y;      /* the column headings */
  graphene_rect_t image;          /* the enlarged digit */
  float           x[N_COLUMNS];
  float          *y[N_COLUMNS];
  float           input_y[N_SHOWN_INPUTS];
  float           hidden1_y[NEURONS_HIDDEN1_SIZE];
  float           hidden2_y[NEURONS_HIDDEN2_SIZE];
  float           output_y[NEURONS_OUTPUT_SIZE];
  float           radius;
  float           digit_x;        /* the output labels 0-9 */
  float           bar_x;
  float           bar_width;
  float           bar_height;
  float           verdict_x;
  float           note_y;         /* "6 of 784 pixels" */
} Layout;

/* What a frame shows: the weights and how far each column has been reached. */
typedef struct
{
  NeuronsStepPhase phase;
  double           progress;                /* within the phase, 0 to 1 */
  float            reached[N_COLUMNS];      /* forward pass: how visible the activity is */
  float            error_shown[N_COLUMNS];  /* backpropagation: how visible the errors are */
  float            input_weights[NEURONS_HIDDEN1_SIZE * N_SHOWN_INPUTS];   /* [to][from] */
  float            hidden_weights[NEURONS_HIDDEN2_SIZE * NEURONS_HIDDEN1_SIZE];
  float            output_weights[NEURONS_OUTPUT_SIZE * NEURONS_HIDDEN2_SIZE];
} Frame;

static NeuronsNetworkModel *
get_net (NeuronsNetworkView *self)
{
  return neurons_neuron_view_get_net (NEURONS_NEURON_VIEW (self));
}

static NeuronsHighlight *
get_highlight (NeuronsNetworkView *self)
{
  return neurons_neuron_view_get_highlight (NEURONS_NEURON_VIEW (self));
}

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);

  return width;
}

/* Digits are shown large; a class name such as "Ankle boot" smaller, so that it fits. */
static gboolean
short_class_names (NeuronsNetworkView *self)
{
  NeuronsNetworkModel *net = get_net (self);

  for (guint k = 0; net != NULL && k < NEURONS_OUTPUT_SIZE; k++)
    if (g_utf8_strlen (neurons_network_model_get_class_name (net, k), -1) > 2)
      return FALSE;

  return TRUE;
}

/* The prediction (large) or the true label under it, e.g. "<span size='300%' ...>7</span>" */
static char *
verdict_markup (NeuronsNetworkView *self,
                guint               k,
                gboolean            prediction)
{
  gboolean digits = short_class_names (self);
  const char *size = prediction ? (digits ? "300%" : "125%") : (digits ? "200%" : "110%");

  return g_markup_printf_escaped ("<span size='%s' weight='bold'>%s</span>", size,
                                  neurons_network_model_get_class_name (get_net (self), k));
}

static int
markup_width (GtkWidget  *widget,
              const char *markup)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  int width;

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);

  return width;
}

static void
spread (float *y,
        guint  n,
        float  top,
        float  bottom)
{
  float step = (bottom - top) / n;

  for (guint i = 0; i < n; i++)
    y[i] = roundf (top + (i + 0.5f) * step);
}

static void
compute_layout (NeuronsNetworkView *self,
                Layout             *layout)
{
  GtkWidget *widget = GTK_WIDGET (self);
  NeuronsNetworkModel *net = get_net (self);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float top, bottom, image_side, verdict_width, digit_width, right_part, span, left;

  layout->line_height = neurons_neuron_view_get_line_height (NEURONS_NEURON_VIEW (self));
  layout->phase_y = MARGIN;
  layout->heading_y = MARGIN + 2.6f * layout->line_height;
  top = layout->heading_y + 1.6f * layout->line_height;
  layout->note_y = height - MARGIN - layout->line_height;
  bottom = layout->note_y - 0.4f * layout->line_height;

  layout->radius = CLAMP ((bottom - top) / NEURONS_HIDDEN1_SIZE * 0.36f, 3.0f, 11.0f);

  verdict_width = MAX (text_width (widget, _("Prediction")), text_width (widget, _("True label")));
  digit_width = text_width (widget, "8");
  for (guint k = 0; net != NULL && k < NEURONS_OUTPUT_SIZE; k++)
    {
      g_autofree char *prediction = verdict_markup (self, k, TRUE);
      /* as the output the network picks is labelled: in bold */
      g_autofree char *label = g_markup_printf_escaped ("<b>%s</b>", neurons_network_model_get_class_name (net, k));

      digit_width = MAX (digit_width, markup_width (widget, label));
      verdict_width = MAX (verdict_width, markup_width (widget, prediction));
    }
  verdict_width += 8;
  /* names as long as "Ankle boot" leave the bars less room, so that the layers keep theirs */
  layout->bar_width = roundf (short_class_names (self) ? CLAMP (width * 0.09f, 40, 140) : CLAMP (width * 0.07f, 28, 120));
  right_part = layout->radius + 6 + digit_width + 6 + layout->bar_width + 16 + verdict_width;

  image_side = floorf (MIN (MIN (width * 0.18f, (bottom - top) * 0.7f), 10.0f * NEURONS_IMAGE_SIDE));
  graphene_rect_init (&layout->image, MARGIN, roundf ((top + bottom - image_side) / 2), image_side, image_side);

  left = MARGIN + image_side;
  layout->x[COLUMN_OUTPUT] = roundf (width - MARGIN - right_part + layout->radius);
  span = layout->x[COLUMN_OUTPUT] - left;
  layout->x[COLUMN_INPUT] = roundf (left + span * 0.17f);
  layout->x[COLUMN_HIDDEN1] = roundf (left + span * 0.45f);
  layout->x[COLUMN_HIDDEN2] = roundf (left + span * 0.73f);

  layout->digit_x = layout->x[COLUMN_OUTPUT] + layout->radius + 6;
  layout->bar_x = layout->digit_x + digit_width + 6;
  layout->verdict_x = layout->bar_x + layout->bar_width + 16;

  layout->y[COLUMN_INPUT] = layout->input_y;
  layout->y[COLUMN_HIDDEN1] = layout->hidden1_y;
  layout->y[COLUMN_HIDDEN2] = layout->hidden2_y;
  layout->y[COLUMN_OUTPUT] = layout->output_y;
  spread (layout->hidden1_y, NEURONS_HIDDEN1_SIZE, top, bottom);
  spread (layout->hidden2_y, NEURONS_HIDDEN2_SIZE, top, bottom);
  spread (layout->output_y, NEURONS_OUTPUT_SIZE, top + (bottom - top) * 0.1f, bottom - (bottom - top) * 0.1f);
  layout->bar_height = MAX (4, roundf ((layout->output_y[1] - layout->output_y[0]) * 0.5f));

  /* the input nodes leave a gap in the middle for the ellipsis that stands for the rest */
  {
    float slots[N_SHOWN_INPUTS + 1];

    spread (slots, N_SHOWN_INPUTS + 1, top + (bottom - top) * 0.15f, bottom - (bottom - top) * 0.15f);
    for (guint i = 0; i < N_SHOWN_INPUTS; i++)
      layout->input_y[i] = slots[i < N_SHOWN_INPUTS / 2 ? i : i + 1];
  }
}

static NeuronsStepPhase
phase_at (NeuronsNetworkView *self,
          gint64              now,
          double             *progress)
{
  /* a step that arrived after the frame clock's idea of now has just begun */
  gint64 elapsed = MAX (0, now - self->step_time);
  gint64 phase;

  *progress = 0;

  if (self->step_time == 0 || elapsed >= N_PHASES * self->phase_duration)
    return NEURONS_STEP_PHASE_NONE;

  phase = elapsed / self->phase_duration;
  *progress = (double) (elapsed - phase * self->phase_duration) / self->phase_duration;

  return NEURONS_STEP_PHASE_FORWARD + phase;
}

static gint64
frame_time (NeuronsNetworkView *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
}

static float
lerp (float from,
      float to,
      float t)
{
  return from + (to - from) * t;
}

static void
prepare_frame (NeuronsNetworkView *self,
               Frame              *frame)
{
  const NeuronsMlp *current = neurons_network_model_get_mlp (get_net (self));
  const NeuronsMlp *previous = neurons_network_model_get_previous_mlp (get_net (self));
  float morph = 1;

  frame->phase = phase_at (self, frame_time (self), &frame->progress);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      frame->reached[c] = 1;
      frame->error_shown[c] = 0;
    }

  switch (frame->phase)
    {
    case NEURONS_STEP_PHASE_FORWARD:
      /* the input is there from the start; each layer after it lights up in turn */
      for (guint c = 1; c < N_COLUMNS; c++)
        frame->reached[c] = CLAMP (frame->progress * (N_COLUMNS - 1) - (c - 1), 0, 1);
      morph = 0;
      break;

    case NEURONS_STEP_PHASE_BACKWARD:
      /* the error starts at the outputs and reaches the first hidden layer last */
      for (guint c = 1; c < N_COLUMNS; c++)
        frame->error_shown[c] = CLAMP (frame->progress * (N_COLUMNS - 1) - (N_COLUMNS - 1 - c), 0, 1);
      morph = 0;
      break;

    case NEURONS_STEP_PHASE_UPDATE:
      morph = frame->progress;
      break;

    case NEURONS_STEP_PHASE_NONE:
    default:
      break;
    }

  for (guint j = 0; j < NEURONS_HIDDEN1_SIZE; j++)
    for (guint i = 0; i < N_SHOWN_INPUTS; i++)
      {
        guint pixel = shown_pixels[i].row * NEURONS_IMAGE_SIDE + shown_pixels[i].column;

        frame->input_weights[j * N_SHOWN_INPUTS + i] =
          lerp (neurons_mlp_get_weight (previous, 0, j, pixel), neurons_mlp_get_weight (current, 0, j, pixel), morph);
      }

  for (guint k = 0; k < NEURONS_HIDDEN2_SIZE * NEURONS_HIDDEN1_SIZE; k++)
    frame->hidden_weights[k] = lerp (previous->w2[k], current->w2[k], morph);

  for (guint k = 0; k < NEURONS_OUTPUT_SIZE * NEURONS_HIDDEN2_SIZE; k++)
    frame->output_weights[k] = lerp (previous->w3[k], current->w3[k], morph);
}

static float
largest_size (const float *values,
              guint        n)
{
  float largest = 0;

  for (guint i = 0; i < n; i++)
    largest = MAX (largest, fabsf (values[i]));

  return largest;
}

/*
 * Draws the connections from column `from` to column `to`, values[t * n_from + f] for each,
 * coloured by sign and sized by the value over the largest one. `emphasis` says, per
 * connection, whether it belongs to the highlighted neuron (2), is ordinary (1) or fades
 * behind a highlight (0); the highlighted ones are drawn last, on top. A connection from or
 * to a silenced neuron (bits of silenced_from and silenced_to) carries nothing: it is grey.
 */
static void
draw_connections (NeuronsLineCanvas     *canvas,
                  const graphene_point_t *origin,
                  const Layout          *layout,
                  guint                  from,
                  guint                  to,
                  const float           *values,
                  const guint8          *emphasis,
                  guint32                silenced_from,
                  guint32                silenced_to,
                  float                  opacity,
                  gboolean               dark)
{
  guint n_from = column_sizes[from];
  guint n_to = column_sizes[to];
  float largest = largest_size (values, n_from * n_to);

  if (!(largest > 0) || opacity <= 0)
    return;

  for (guint8 pass = 0; pass < 2; pass++)
    for (guint t = 0; t < n_to; t++)
      for (guint f = 0; f < n_from; f++)
        {
          float value = values[t * n_from + f];
          float size = MIN (1.0f, fabsf (value) / largest);
          guint8 level = emphasis != NULL ? emphasis[t * n_from + f] : 1;
          const float alpha_by_level[3] = { 0.08f, 0.2f + 0.6f * size, 0.35f + 0.65f * size };
          GdkRGBA color;
          float dx = layout->x[to] - layout->x[from];
          float dy = layout->y[to][t] - layout->y[from][f];
          /* from rim to rim, so that hollow nodes stay hollow */
          float rim = layout->radius / hypotf (dx, dy);

          if ((level == 2) != (pass == 1))
            continue;

          if ((silenced_from & (1u << f)) || (silenced_to & (1u << t)))
            {
              color = dark ? (GdkRGBA) { 0.6f, 0.6f, 0.6f, 1 } : (GdkRGBA) { 0.45f, 0.45f, 0.45f, 1 };
              size = MIN (size, 0.2f);
              color.alpha = MIN (alpha_by_level[level], 0.15f) * opacity;
            }
          else
            {
              neurons_colors_diverging (copysignf (0.55f + 0.45f * size, value), dark, &color);
              color.alpha = alpha_by_level[level] * opacity;
            }
          neurons_line_canvas_draw_line (canvas,
                                         layout->x[from] + dx * rim - origin->x,
                                         layout->y[from][f] + dy * rim - origin->y,
                                         layout->x[to] - dx * rim - origin->x,
                                         layout->y[to][t] - dy * rim - origin->y,
                                         (0.4f + 2.6f * size) * (level == 2 ? 1.4f : 1.0f),
                                         &color);
        }
}

/* Which connections belong to the highlighted neuron, for each pair of columns. */
static void
compute_emphasis (NeuronsNetworkView *self,
                  guint               from,
                  guint8             *emphasis)
{
  guint n_from = column_sizes[from];
  guint n_to = column_sizes[from + 1];
  NeuronsHighlight *highlight = get_highlight (self);
  NeuronsHighlightLayer layer = neurons_highlight_get_layer (highlight);
  int neuron = neurons_highlight_get_neuron (highlight);
  /* the highlighted neuron's column */
  guint column = layer == NEURONS_HIGHLIGHT_HIDDEN1 ? COLUMN_HIDDEN1 : COLUMN_HIDDEN2;

  for (guint t = 0; t < n_to; t++)
    for (guint f = 0; f < n_from; f++)
      {
        guint8 level = 1;

        if (layer != NEURONS_HIGHLIGHT_NONE)
          level = ((column == from && (int) f == neuron) || (column == from + 1 && (int) t == neuron)) ? 2 : 0;

        emphasis[t * n_from + f] = level;
      }
}

static void
append_text (NeuronsNetworkView *self,
             GtkSnapshot        *snapshot,
             const char         *markup,
             float               x,
             float               y,
             float               align,
             const GdkRGBA      *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  int width;

  pango_layout_set_markup (layout, markup, -1);
  if (align == 0.5f)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &width, NULL);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (roundf (x - width * align), roundf (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
rebuild_input_texture (NeuronsNetworkView *self)
{
  NeuronsHighlight *highlight = get_highlight (self);
  const NeuronsForward *forward = neurons_network_model_get_forward (get_net (self));
  gboolean dark = neurons_colors_is_dark (GTK_WIDGET (self));
  guint8 rgba[NEURONS_INPUT_SIZE * 4];
  GdkRGBA ink;

  neurons_colors_get_foreground (GTK_WIDGET (self), &ink);

  if (neurons_highlight_get_layer (highlight) == NEURONS_HIGHLIGHT_HIDDEN1)
    {
      /* only the pixels that push the neuron up, over a faint ghost of the digit */
      float contributions[NEURONS_INPUT_SIZE];
      float largest = 0;

      neurons_mlp_contributions (neurons_network_model_get_mlp (get_net (self)), forward,
                                 neurons_highlight_get_neuron (highlight), contributions);
      for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
        largest = MAX (largest, contributions[i]);

      for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
        {
          guint8 *pixel = &rgba[i * 4];

          if (largest > 0 && contributions[i] > 0)
            {
              float share = contributions[i] / largest;
              float alpha = 0.3f + 0.7f * share;

              neurons_colors_diverging_bytes (0.4f + 0.6f * share, dark, pixel);
              for (guint c = 0; c < 3; c++)
                pixel[c] = (guint8) (pixel[c] * alpha + 0.5f);
              pixel[3] = (guint8) (255 * alpha + 0.5f);
            }
          else
            {
              float alpha = 0.15f * forward->input[i];

              pixel[0] = (guint8) (255 * ink.red * alpha + 0.5f);
              pixel[1] = (guint8) (255 * ink.green * alpha + 0.5f);
              pixel[2] = (guint8) (255 * ink.blue * alpha + 0.5f);
              pixel[3] = (guint8) (255 * alpha + 0.5f);
            }
        }
    }
  else
    {
      for (guint i = 0; i < NEURONS_INPUT_SIZE; i++)
        {
          float alpha = ink.alpha * CLAMP (forward->input[i], 0, 1);

          rgba[i * 4 + 0] = (guint8) (255 * ink.red * alpha + 0.5f);
          rgba[i * 4 + 1] = (guint8) (255 * ink.green * alpha + 0.5f);
          rgba[i * 4 + 2] = (guint8) (255 * ink.blue * alpha + 0.5f);
          rgba[i * 4 + 3] = (guint8) (255 * alpha + 0.5f);
        }
    }

  g_clear_object (&self->input_texture);
  self->input_texture = neurons_pixels_texture_new (rgba, NEURONS_IMAGE_SIDE, NEURONS_IMAGE_SIDE);
  self->input_dirty = FALSE;
}

static void
append_input (NeuronsNetworkView *self,
              GtkSnapshot        *snapshot,
              const Layout       *layout,
              const GdkRGBA      *foreground)
{
  const float frame_widths[4] = { 1, 1, 1, 1 };
  GdkRGBA frame_colors[4];
  GskRoundedRect frame;
  GdkRGBA faint = *foreground;
  cairo_t *cr;
  float pixel_size = layout->image.size.width / NEURONS_IMAGE_SIDE;

  if (self->input_dirty)
    rebuild_input_texture (self);

  neurons_pixels_append (snapshot, self->input_texture, &layout->image);

  for (guint i = 0; i < 4; i++)
    {
      frame_colors[i] = *foreground;
      frame_colors[i].alpha *= 0.3f;
    }
  gsk_rounded_rect_init_from_rect (&frame, &layout->image, 0);
  gsk_rounded_rect_shrink (&frame, -1, -1, -1, -1);
  gtk_snapshot_append_border (snapshot, &frame, frame_widths, frame_colors);

  /* leader lines from each shown pixel to its input node */
  cr = neurons_cairo_append (snapshot,
                                      &GRAPHENE_RECT_INIT (layout->image.origin.x, 0,
                                                           layout->x[COLUMN_INPUT] - layout->image.origin.x,
                                                           gtk_widget_get_height (GTK_WIDGET (self))));
  faint.alpha *= 0.35f;
  gdk_cairo_set_source_rgba (cr, &faint);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < N_SHOWN_INPUTS; i++)
    {
      float x = layout->image.origin.x + (shown_pixels[i].column + 0.5f) * pixel_size;
      float y = layout->image.origin.y + (shown_pixels[i].row + 0.5f) * pixel_size;

      cairo_rectangle (cr, x - pixel_size / 2, y - pixel_size / 2, pixel_size, pixel_size);
      cairo_move_to (cr, x + pixel_size / 2, y);
      cairo_line_to (cr, layout->x[COLUMN_INPUT] - layout->radius, layout->input_y[i]);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
draw_cross (cairo_t *cr,
            float    x,
            float    y,
            float    size)
{
  cairo_move_to (cr, x - size, y - size);
  cairo_line_to (cr, x + size, y + size);
  cairo_move_to (cr, x + size, y - size);
  cairo_line_to (cr, x - size, y + size);
}

/* The connections, faint where the forward pass has not reached yet, and in the gradient step
 * what moved. */
static void
append_connections (NeuronsNetworkView *self,
                    GtkSnapshot        *snapshot,
                    const Layout       *layout,
                    const Frame        *frame,
                    gboolean            dark)
{
  const NeuronsMlp *mlp = neurons_network_model_get_mlp (get_net (self));
  const NeuronsMlp *previous = neurons_network_model_get_previous_mlp (get_net (self));
  const float *weights[N_COLUMNS - 1] = { frame->input_weights, frame->hidden_weights, frame->output_weights };
  const NeuronsLesion *lesion = neurons_network_model_get_lesion (get_net (self));
  /* the silenced neurons of each column: none among the inputs and outputs */
  const guint32 silenced[N_COLUMNS] = { 0, lesion->silenced[0], lesion->silenced[1], 0 };
  guint8 emphasis[NEURONS_HIDDEN2_SIZE * NEURONS_HIDDEN1_SIZE];
  NeuronsLineCanvas canvas;
  graphene_rect_t area;

  graphene_rect_init (&area, layout->x[COLUMN_INPUT], 0,
                      layout->x[COLUMN_OUTPUT] - layout->x[COLUMN_INPUT] + 1,
                      gtk_widget_get_height (GTK_WIDGET (self)));
  neurons_line_canvas_init (&canvas, area.size.width, area.size.height,
                            gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  for (guint from = COLUMN_INPUT; from < COLUMN_OUTPUT; from++)
    {
      compute_emphasis (self, from, emphasis);
      draw_connections (&canvas, &area.origin, layout, from, from + 1, weights[from], emphasis,
                        silenced[from], silenced[from + 1], 0.25f + 0.75f * frame->reached[from + 1], dark);
    }

  /* the gradient step: what moved, orange for up and blue for down, brightest midway */
  if (frame->phase == NEURONS_STEP_PHASE_UPDATE)
    {
      float changes[NEURONS_HIDDEN2_SIZE * NEURONS_HIDDEN1_SIZE];
      float glow = sinf (G_PI * frame->progress);

      for (guint k = 0; k < NEURONS_HIDDEN2_SIZE * NEURONS_HIDDEN1_SIZE; k++)
        changes[k] = mlp->w2[k] - previous->w2[k];
      draw_connections (&canvas, &area.origin, layout, COLUMN_HIDDEN1, COLUMN_HIDDEN2, changes, NULL, 0, 0, glow, dark);

      for (guint k = 0; k < NEURONS_OUTPUT_SIZE * NEURONS_HIDDEN2_SIZE; k++)
        changes[k] = mlp->w3[k] - previous->w3[k];
      draw_connections (&canvas, &area.origin, layout, COLUMN_HIDDEN2, COLUMN_OUTPUT, changes, NULL, 0, 0, glow, dark);
    }

  neurons_line_canvas_finish (&canvas, snapshot, &area.origin);
}

/* The nodes, filled by how strongly they fire; a dead one dark and crossed, a silenced one
 * grey and crossed. */
static void
draw_nodes (NeuronsNetworkView *self,
            cairo_t            *cr,
            const Layout       *layout,
            const Frame        *frame,
            const GdkRGBA      *foreground)
{
  const NeuronsMlp *mlp = neurons_network_model_get_mlp (get_net (self));
  const NeuronsForward *forward = neurons_network_model_get_forward (get_net (self));
  const NeuronsLesion *lesion = neurons_network_model_get_lesion (get_net (self));
  const float *activities[N_COLUMNS];
  float shown_inputs[N_SHOWN_INPUTS];
  float activity_scale[N_COLUMNS];

  for (guint i = 0; i < N_SHOWN_INPUTS; i++)
    shown_inputs[i] = forward->input[shown_pixels[i].row * NEURONS_IMAGE_SIDE + shown_pixels[i].column];
  activities[COLUMN_INPUT] = shown_inputs;
  activities[COLUMN_HIDDEN1] = forward->a1;
  activities[COLUMN_HIDDEN2] = forward->a2;
  activities[COLUMN_OUTPUT] = forward->a3;
  activity_scale[COLUMN_INPUT] = 1;
  activity_scale[COLUMN_HIDDEN1] = neurons_neuron_activity_scale (mlp->hidden_activation, forward->a1, NEURONS_HIDDEN1_SIZE);
  activity_scale[COLUMN_HIDDEN2] = neurons_neuron_activity_scale (mlp->hidden_activation, forward->a2, NEURONS_HIDDEN2_SIZE);
  activity_scale[COLUMN_OUTPUT] = 1;

  for (guint c = 0; c < N_COLUMNS; c++)
    for (guint n = 0; n < column_sizes[c]; n++)
      {
        float x = layout->x[c];
        float y = layout->y[c][n];
        float activity = CLAMP (activities[c][n] / activity_scale[c], 0, 1) * frame->reached[c];
        gboolean dead = c == COLUMN_HIDDEN1 && neurons_neuron_is_dead (mlp, n);
        gboolean silenced = (c == COLUMN_HIDDEN1 || c == COLUMN_HIDDEN2)
                            && neurons_lesion_is_silenced (lesion, c - COLUMN_HIDDEN1, n);

        cairo_new_path (cr);
        cairo_arc (cr, x, y, layout->radius, 0, 2 * G_PI);
        if (dead)
          cairo_set_source_rgba (cr, 0.05, 0.05, 0.05, 0.85);
        else if (silenced)
          cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.35);
        else
          cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue,
                                 foreground->alpha * activity);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue, foreground->alpha * 0.55);
        cairo_set_line_width (cr, 1);
        cairo_stroke (cr);

        if (dead)
          {
            cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
            cairo_set_line_width (cr, 1.5);
            draw_cross (cr, x, y, layout->radius * 0.5f);
            cairo_stroke (cr);
          }
        else if (silenced)
          {
            cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue, foreground->alpha * 0.9);
            cairo_set_line_width (cr, 2);
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
            draw_cross (cr, x, y, layout->radius * 1.1f);
            cairo_stroke (cr);
          }
      }
}

/* Backpropagation: each neuron's error, orange when it should fire more, blue when less. */
static void
draw_errors (NeuronsNetworkView *self,
             cairo_t            *cr,
             const Layout       *layout,
             const Frame        *frame,
             gboolean            dark)
{
  const NeuronsBackward *backward = neurons_network_model_get_backward (get_net (self));
  const float *errors[N_COLUMNS] = { NULL, backward->delta1, backward->delta2, backward->delta3 };

  for (guint c = COLUMN_HIDDEN1; c < N_COLUMNS; c++)
    {
      float largest;

      if (frame->error_shown[c] <= 0)
        continue;

      largest = largest_size (errors[c], column_sizes[c]);
      if (!(largest > 0))
        continue;

      for (guint n = 0; n < column_sizes[c]; n++)
        {
          float error = errors[c][n];
          float size = fabsf (error) / largest;
          GdkRGBA color;

          neurons_colors_diverging (copysignf (0.6f + 0.4f * size, -error), dark, &color);
          cairo_new_path (cr);
          cairo_arc (cr, layout->x[c], layout->y[c][n], layout->radius + 2 + 2 * size, 0, 2 * G_PI);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue,
                                 frame->error_shown[c] * (0.3f + 0.7f * size));
          cairo_set_line_width (cr, 1 + 3 * size);
          cairo_stroke (cr);
        }
    }
}

/* The highlighted neuron: ringed, more boldly when pinned, and dashed around when focused. */
static void
draw_highlighted (NeuronsNetworkView *self,
                  cairo_t            *cr,
                  const Layout       *layout,
                  const GdkRGBA      *foreground)
{
  NeuronsHighlight *highlight = get_highlight (self);
  NeuronsHighlightLayer layer = neurons_highlight_get_layer (highlight);
  int neuron = neurons_highlight_get_neuron (highlight);
  guint column = layer == NEURONS_HIGHLIGHT_HIDDEN1 ? COLUMN_HIDDEN1 : COLUMN_HIDDEN2;

  if (layer == NEURONS_HIGHLIGHT_NONE)
    return;

  cairo_new_path (cr);
  cairo_arc (cr, layout->x[column], layout->y[column][neuron], layout->radius + 4, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, foreground);
  cairo_set_line_width (cr, neurons_highlight_get_pinned (highlight) ? 3 : 2);
  cairo_stroke (cr);

  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    {
      const double dashes[] = { 2, 2 };

      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_arc (cr, layout->x[column], layout->y[column][neuron], layout->radius + 7, 0, 2 * G_PI);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
append_network (NeuronsNetworkView *self,
                GtkSnapshot        *snapshot,
                const Layout       *layout,
                const Frame        *frame,
                const GdkRGBA      *foreground,
                gboolean            dark)
{
  GdkRGBA dim = *foreground;
  cairo_t *cr;

  append_connections (self, snapshot, layout, frame, dark);

  cr = neurons_cairo_append (snapshot,
                                      &GRAPHENE_RECT_INIT (layout->x[COLUMN_INPUT] - layout->radius - 8, 0,
                                                           layout->x[COLUMN_OUTPUT] - layout->x[COLUMN_INPUT] + 2 * layout->radius + 16,
                                                           gtk_widget_get_height (GTK_WIDGET (self))));
  draw_nodes (self, cr, layout, frame, foreground);
  draw_errors (self, cr, layout, frame, dark);
  draw_highlighted (self, cr, layout, foreground);
  cairo_destroy (cr);

  /* the ellipsis standing for the 778 inputs not shown */
  dim.alpha *= 0.6f;
  append_text (self, snapshot, "⋮", layout->x[COLUMN_INPUT],
               (layout->input_y[N_SHOWN_INPUTS / 2 - 1] + layout->input_y[N_SHOWN_INPUTS / 2]) / 2 - layout->line_height / 2,
               0.5f, &dim);
}

static void
append_outputs (NeuronsNetworkView *self,
                GtkSnapshot        *snapshot,
                const Layout       *layout,
                const Frame        *frame,
                const GdkRGBA      *foreground)
{
  NeuronsNetworkModel *net = get_net (self);
  const NeuronsForward *forward = neurons_network_model_get_forward (net);
  int label = neurons_network_model_get_input_label (net);
  GdkRGBA track = *foreground;
  GdkRGBA bar = *foreground;
  GdkRGBA dim = *foreground;
  g_autofree char *prediction = NULL;
  g_autofree char *truth = NULL;
  float y;

  track.alpha *= 0.1f;
  bar.alpha *= 0.85f;
  dim.alpha *= 0.7f;

  for (guint o = 0; o < NEURONS_OUTPUT_SIZE; o++)
    {
      float top = layout->output_y[o] - layout->bar_height / 2;
      float length = roundf (layout->bar_width * CLAMP (forward->a3[o], 0, 1) * frame->reached[COLUMN_OUTPUT]);
      g_autofree char *digit = NULL;

      if (o == forward->prediction && frame->reached[COLUMN_OUTPUT] >= 1)
        digit = g_markup_printf_escaped ("<b>%s</b>", neurons_network_model_get_class_name (net, o));
      else
        digit = g_markup_escape_text (neurons_network_model_get_class_name (net, o), -1);

      append_text (self, snapshot, digit, layout->digit_x, layout->output_y[o] - layout->line_height / 2, 0,
                   o == forward->prediction ? foreground : &dim);
      gtk_snapshot_append_color (snapshot, &track,
                                 &GRAPHENE_RECT_INIT (layout->bar_x, top, layout->bar_width, layout->bar_height));
      if (length > 0)
        gtk_snapshot_append_color (snapshot, &bar,
                                   &GRAPHENE_RECT_INIT (layout->bar_x, top, length, layout->bar_height));
    }

  /* the verdict, once the forward pass has arrived */
  if (frame->reached[COLUMN_OUTPUT] < 1)
    return;

  y = layout->output_y[0] - layout->line_height / 2;
  append_text (self, snapshot, _("Prediction"), layout->verdict_x, y, 0, &dim);
  y += layout->line_height;
  prediction = verdict_markup (self, forward->prediction, TRUE);
  append_text (self, snapshot, prediction, layout->verdict_x, y, 0, foreground);
  y += 3.6f * layout->line_height;
  append_text (self, snapshot, _("True label"), layout->verdict_x, y, 0, &dim);
  y += layout->line_height;

  if (label >= 0)
    {
      gboolean right = (guint) label == forward->prediction;

      truth = verdict_markup (self, label, FALSE);
      append_text (self, snapshot, truth, layout->verdict_x, y, 0, foreground);
      y += 2.6f * layout->line_height;
      append_text (self, snapshot, right ? _("✓ right") : _("✗ wrong"), layout->verdict_x, y, 0, foreground);
    }
  else
    {
      append_text (self, snapshot, _("unknown"), layout->verdict_x, y, 0, foreground);
    }
}

static void
append_headings (NeuronsNetworkView *self,
                 GtkSnapshot        *snapshot,
                 const Layout       *layout,
                 const Frame        *frame,
                 const GdkRGBA      *foreground)
{
  const char *phase_names[N_PHASES] = {
    _("1 Forward pass"), _("2 Backpropagation"), _("3 Gradient step"),
  };
  const char *phase_explanations[N_PHASES] = {
    _("Activity flows left to right: each neuron weighs the ones before it."),
    _("The error flows back right to left: orange rings should fire more, blue ones less."),
    _("Every weight moves a little against its gradient: orange grew, blue shrank."),
  };
  float width = gtk_widget_get_width (GTK_WIDGET (self));
  GdkRGBA dim = *foreground;
  float x;

  dim.alpha *= 0.5f;

  /* the three phases side by side, the one playing in full colour */
  x = MARGIN;
  for (guint p = 0; p < N_PHASES; p++)
    {
      gboolean active = frame->phase == NEURONS_STEP_PHASE_FORWARD + p;
      g_autofree char *markup = g_markup_printf_escaped (active ? "<b>%s</b>" : "%s", phase_names[p]);
      float name_width = text_width (GTK_WIDGET (self), phase_names[p]) + 4;

      append_text (self, snapshot, markup, x, layout->phase_y, 0, active ? foreground : &dim);
      if (active)
        gtk_snapshot_append_color (snapshot, foreground,
                                   &GRAPHENE_RECT_INIT (x, layout->phase_y + layout->line_height + 1, name_width, 2));
      x += name_width + 12;
      if (p + 1 < N_PHASES)
        {
          append_text (self, snapshot, "→", x, layout->phase_y, 0, &dim);
          x += text_width (GTK_WIDGET (self), "→") + 12;
        }
    }

  if (frame->phase != NEURONS_STEP_PHASE_NONE)
    append_text (self, snapshot, phase_explanations[frame->phase - NEURONS_STEP_PHASE_FORWARD],
                 MARGIN, layout->phase_y + 1.3f * layout->line_height, 0, foreground);

  append_text (self, snapshot, _("<b>Input</b> 28×28"), layout->image.origin.x, layout->heading_y, 0, foreground);

  if (neurons_highlight_get_layer (get_highlight (self)) == NEURONS_HIGHLIGHT_HIDDEN1)
    {
      /* Translators: under the input image, which shows only what excites the neuron */
      g_autofree char *note = g_strdup_printf (_("Ink that excites\nneuron %d"),
                                               neurons_highlight_get_neuron (get_highlight (self)) + 1);

      append_text (self, snapshot, note, layout->image.origin.x + layout->image.size.width / 2,
                   layout->image.origin.y + layout->image.size.height + 4, 0.5f, &dim);
    }
  append_text (self, snapshot, _("<b>Pixels</b>"), layout->x[COLUMN_INPUT], layout->heading_y, 0.5f, foreground);
  append_text (self, snapshot, _("<b>Layer 1</b>"), layout->x[COLUMN_HIDDEN1], layout->heading_y, 0.5f, foreground);
  append_text (self, snapshot, _("<b>Layer 2</b>"), layout->x[COLUMN_HIDDEN2], layout->heading_y, 0.5f, foreground);
  append_text (self, snapshot, _("<b>Output</b>"), layout->x[COLUMN_OUTPUT], layout->heading_y, 0.5f, foreground);

  {
    g_autofree char *note = g_strdup_printf (_("%u of the %d input pixels shown"),
                                             (guint) N_SHOWN_INPUTS, NEURONS_INPUT_SIZE);

    append_text (self, snapshot, note, MIN (layout->x[COLUMN_INPUT], width / 2), layout->note_y, 0.5f, &dim);
  }
}

static void
neurons_network_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  NeuronsNetworkView *self = NEURONS_NETWORK_VIEW (widget);
  gboolean dark;
  GdkRGBA foreground;
  Layout layout;
  Frame frame;

  if (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0 || get_net (self) == NULL)
    return;

  dark = neurons_colors_is_dark (widget);
  neurons_colors_get_foreground (widget, &foreground);
  compute_layout (self, &layout);
  prepare_frame (self, &frame);

  append_headings (self, snapshot, &layout, &frame, &foreground);
  append_input (self, snapshot, &layout, &foreground);
  append_network (self, snapshot, &layout, &frame, &foreground, dark);
  append_outputs (self, snapshot, &layout, &frame, &foreground);
}

static void
neurons_network_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  float line_height = neurons_neuron_view_get_line_height (NEURONS_NEURON_VIEW (widget));

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 520;
      *natural = 860;
    }
  else
    {
      /* the headings, the note, and sixteen small nodes */
      *minimum = 2 * MARGIN + 5 * line_height + NEURONS_HIDDEN1_SIZE * 14;
      *natural = 2 * MARGIN + 5 * line_height + NEURONS_HIDDEN1_SIZE * 28;
    }
}

static void
neurons_network_view_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  NeuronsNetworkView *self = NEURONS_NETWORK_VIEW (widget);

  GTK_WIDGET_CLASS (neurons_network_view_parent_class)->css_changed (widget, change);

  self->input_dirty = TRUE;
  gtk_widget_queue_draw (widget);
}

static char *
neurons_network_view_describe (NeuronsNeuronView *view)
{
  NeuronsNetworkModel *net = neurons_neuron_view_get_net (view);
  NeuronsHighlight *highlight = neurons_neuron_view_get_highlight (view);
  NeuronsHighlightLayer layer = neurons_highlight_get_layer (highlight);
  g_autofree char *verdict = NULL;

  if (net == NULL)
    verdict = g_strdup (_("No network"));
  else if (neurons_network_model_get_input_label (net) >= 0)
    verdict = g_strdup_printf (_("Prediction: %s, true label: %s"),
                               neurons_network_model_get_class_name (net, neurons_network_model_get_forward (net)->prediction),
                               neurons_network_model_get_class_name (net, neurons_network_model_get_input_label (net)));
  else
    verdict = g_strdup_printf (_("Prediction: %s, true label unknown"),
                               neurons_network_model_get_class_name (net, neurons_network_model_get_forward (net)->prediction));

  if (layer == NEURONS_HIGHLIGHT_NONE)
    return g_steal_pointer (&verdict);

  if (net != NULL && neurons_network_model_is_silenced (net, layer, neurons_highlight_get_neuron (highlight)))
    return g_strdup_printf (layer == NEURONS_HIGHLIGHT_HIDDEN1
                            ? _("%s. First-layer neuron %d selected, silenced.")
                            : _("%s. Second-layer neuron %d selected, silenced."),
                            verdict, neurons_highlight_get_neuron (highlight) + 1);

  return g_strdup_printf (layer == NEURONS_HIGHLIGHT_HIDDEN1
                          ? _("%s. First-layer neuron %d selected.")
                          : _("%s. Second-layer neuron %d selected."),
                          verdict, neurons_highlight_get_neuron (highlight) + 1);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  NeuronsNetworkView *self = NEURONS_NETWORK_VIEW (widget);
  double progress;

  gtk_widget_queue_draw (widget);

  if (phase_at (self, gdk_frame_clock_get_frame_time (clock), &progress) != NEURONS_STEP_PHASE_NONE)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;

  return G_SOURCE_REMOVE;
}

static void
stop_animation (NeuronsNetworkView *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->step_time = 0;
}

static void
on_net_step (NeuronsNetworkView *self)
{
  gint64 now = frame_time (self);

  /* Three phases that end before the next step arrives: a bit under a third of the time
   * since the last one, when that was recent. */
  if (self->step_time != 0)
    self->phase_duration = CLAMP ((now - self->step_time) * 3 / 10, MIN_PHASE_DURATION_US, PHASE_DURATION_US);
  else
    self->phase_duration = PHASE_DURATION_US;

  self->step_time = now;

  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
}

/* A new net: the step being played was the old one's. The base has disconnected this view
 * from the old net; the single steps of the new one are played. */
static void
on_notify_net (NeuronsNetworkView *self,
               GParamSpec         *pspec,
               gpointer            user_data)
{
  NeuronsNetworkModel *net = get_net (self);

  stop_animation (self);

  if (net != NULL)
    {
      g_signal_connect_object (net, "step", G_CALLBACK (on_net_step), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (net, "reset", G_CALLBACK (stop_animation), self, G_CONNECT_SWAPPED);
    }
}

/* The digit shows the highlighted neuron's contributions, and it shows the net's input. */
static void
neurons_network_view_input_changed (NeuronsNeuronView *view)
{
  NEURONS_NETWORK_VIEW (view)->input_dirty = TRUE;
}

static gboolean
neurons_network_view_neuron_at (NeuronsNeuronView     *view,
                                double                 x,
                                double                 y,
                                NeuronsHighlightLayer *layer,
                                int                   *neuron)
{
  NeuronsNetworkView *self = NEURONS_NETWORK_VIEW (view);
  Layout layout;
  float reach;

  if (get_net (self) == NULL)
    return FALSE;

  compute_layout (self, &layout);
  /* generous targets: half the distance between two nodes */
  reach = MAX (layout.radius + 3, (layout.hidden1_y[1] - layout.hidden1_y[0]) / 2);

  for (guint c = COLUMN_HIDDEN1; c <= COLUMN_HIDDEN2; c++)
    for (guint n = 0; n < column_sizes[c]; n++)
      if (fabs (x - layout.x[c]) <= reach && fabs (y - layout.y[c][n]) <= reach)
        {
          *layer = c == COLUMN_HIDDEN1 ? NEURONS_HIGHLIGHT_HIDDEN1 : NEURONS_HIGHLIGHT_HIDDEN2;
          *neuron = n;
          return TRUE;
        }

  return FALSE;
}

/* Up and down move within a hidden layer; left and right go to the other one. */
static void
neurons_network_view_move (NeuronsNeuronView     *view,
                           int                    dx,
                           int                    dy,
                           NeuronsHighlightLayer *layer,
                           int                   *neuron)
{
  int layer_size;

  if (dx != 0)
    *layer = dx < 0 ? NEURONS_HIGHLIGHT_HIDDEN1 : NEURONS_HIGHLIGHT_HIDDEN2;
  layer_size = *layer == NEURONS_HIGHLIGHT_HIDDEN1 ? NEURONS_HIDDEN1_SIZE : NEURONS_HIDDEN2_SIZE;
  *neuron = CLAMP (*neuron + dy, 0, layer_size - 1);
}

static void
neurons_network_view_dispose (GObject *object)
{
  NeuronsNetworkView *self = (NeuronsNetworkView *)object;

  stop_animation (self);
  g_clear_object (&self->input_texture);

  G_OBJECT_CLASS (neurons_network_view_parent_class)->dispose (object);
}

static void
neurons_network_view_class_init (NeuronsNetworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  NeuronsNeuronViewClass *view_class = NEURONS_NEURON_VIEW_CLASS (klass);

  object_class->dispose = neurons_network_view_dispose;

  widget_class->snapshot = neurons_network_view_snapshot;
  widget_class->measure = neurons_network_view_measure;
  widget_class->css_changed = neurons_network_view_css_changed;

  view_class->neuron_at = neurons_network_view_neuron_at;
  view_class->move = neurons_network_view_move;
  view_class->net_changed = neurons_network_view_input_changed;
  view_class->highlight_changed = neurons_network_view_input_changed;
  view_class->describe = neurons_network_view_describe;

  gtk_widget_class_set_css_name (widget_class, "neurons-network-view");
}

static void
neurons_network_view_init (NeuronsNetworkView *self)
{
  self->phase_duration = PHASE_DURATION_US;
  g_signal_connect (self, "notify::net", G_CALLBACK (on_notify_net), NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network diagram"),
                                  -1);
}

GtkWidget *
neurons_network_view_new (void)
{
  return g_object_new (NEURONS_TYPE_NETWORK_VIEW, NULL);
}

/**
 * neurons_network_view_get_phase:
 * @self: a #NeuronsNetworkView
 *
 * Returns: the phase of a single step being played now, or %NEURONS_STEP_PHASE_NONE
 */
NeuronsStepPhase
neurons_network_view_get_phase (NeuronsNetworkView *self)
{
  double progress;

  g_return_val_if_fail (NEURONS_IS_NETWORK_VIEW (self), NEURONS_STEP_PHASE_NONE);

  return phase_at (self, frame_time (self), &progress);
}

/**
 * neurons_network_view_get_output_bar_bounds:
 * @self: a #NeuronsNetworkView
 * @digit: an output, 0-9
 * @bounds: (out): the bar's full length, in the widget's coordinates
 *
 * Returns: %FALSE when the widget has no size yet
 */
gboolean
neurons_network_view_get_output_bar_bounds (NeuronsNetworkView *self,
                                            guint               digit,
                                            graphene_rect_t    *bounds)
{
  Layout layout;

  g_return_val_if_fail (NEURONS_IS_NETWORK_VIEW (self), FALSE);
  g_return_val_if_fail (digit < NEURONS_OUTPUT_SIZE, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return FALSE;

  compute_layout (self, &layout);
  graphene_rect_init (bounds, layout.bar_x, layout.output_y[digit] - layout.bar_height / 2,
                      layout.bar_width, layout.bar_height);

  return TRUE;
}

/**
 * neurons_network_view_get_image_bounds:
 * @self: a #NeuronsNetworkView
 * @bounds: (out): where the input digit is drawn, in the widget's coordinates
 *
 * Returns: %FALSE when the widget has no size yet
 */
gboolean
neurons_network_view_get_image_bounds (NeuronsNetworkView *self,
                                       graphene_rect_t    *bounds)
{
  Layout layout;

  g_return_val_if_fail (NEURONS_IS_NETWORK_VIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return FALSE;

  compute_layout (self, &layout);
  *bounds = layout.image;

  return TRUE;
}
