/* neurons-colors.c: the colours every view of the network shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "neurons-colors"

#include "config.h"

#include "neurons-colors.h"

#define N_STOPS 11
#define LUT_SIZE 256

/* From -1 to +1 in steps of 0.2. The blue half follows ColorBrewer's RdBu, the orange half
 * its PuOr; the dark variant mirrors their lightness around a dark middle. */
static const guint8 light_stops[N_STOPS][3] = {
  { 0x05, 0x30, 0x61 }, { 0x21, 0x66, 0xac }, { 0x43, 0x93, 0xc3 }, { 0x92, 0xc5, 0xde },
  { 0xd1, 0xe5, 0xf0 }, { 0xf7, 0xf7, 0xf7 }, { 0xfe, 0xe0, 0xb6 }, { 0xfd, 0xb8, 0x63 },
  { 0xe0, 0x82, 0x14 }, { 0xb3, 0x58, 0x06 }, { 0x7f, 0x3b, 0x08 },
};

static const guint8 dark_stops[N_STOPS][3] = {
  { 0xa6, 0xd8, 0xff }, { 0x6c, 0xb4, 0xf0 }, { 0x3d, 0x8c, 0xd0 }, { 0x2a, 0x63, 0x9a },
  { 0x25, 0x3e, 0x5a }, { 0x2a, 0x2a, 0x2a }, { 0x5a, 0x3c, 0x1e }, { 0x94, 0x5c, 0x1c },
  { 0xcc, 0x7f, 0x22 }, { 0xf0, 0xa5, 0x3c }, { 0xff, 0xd0, 0x8a },
};

/* [dark][index][channel]: the scale sampled once, so that textures cost a lookup per pixel */
static guint8 lut[2][LUT_SIZE][3];

static gpointer
build_lookup_tables (gpointer data)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      const guint8 (*stops)[3] = dark ? dark_stops : light_stops;

      for (guint i = 0; i < LUT_SIZE; i++)
        {
          double position = (double) i / (LUT_SIZE - 1) * (N_STOPS - 1);
          guint lower = MIN ((guint) position, N_STOPS - 2);
          double t = position - lower;

          for (guint c = 0; c < 3; c++)
            lut[dark][i][c] = (guint8) (stops[lower][c] * (1 - t) + stops[lower + 1][c] * t + 0.5);
        }
    }

  return NULL;
}

static const guint8 *
lookup (float    value,
        gboolean dark)
{
  static GOnce once = G_ONCE_INIT;
  int index;

  g_once (&once, build_lookup_tables, NULL);

  /* NaN lands in the middle rather than at an end */
  if (!(value > -1.0f))
    value = value < 0 ? -1.0f : 0.0f;
  index = (int) ((MIN (value, 1.0f) + 1.0f) * 0.5f * (LUT_SIZE - 1) + 0.5f);

  return lut[dark ? 1 : 0][index];
}

/**
 * neurons_colors_diverging:
 * @value: the value divided by the largest one the scale shows; clamped to -1…+1
 * @dark: whether the variant for a dark style is wanted
 * @color: (out): where to store the colour
 *
 * The diverging colour of a signed value.
 */
void
neurons_colors_diverging (float    value,
                          gboolean dark,
                          GdkRGBA *color)
{
  const guint8 *rgb = lookup (value, dark);

  g_return_if_fail (color != NULL);

  *color = (GdkRGBA) { rgb[0] / 255.0f, rgb[1] / 255.0f, rgb[2] / 255.0f, 1.0f };
}

/**
 * neurons_colors_diverging_bytes:
 * @value: as for neurons_colors_diverging()
 * @dark: whether the variant for a dark style is wanted
 * @rgb: (out) (array fixed-size=3): red, green and blue, 0-255
 *
 * The same colour as neurons_colors_diverging(), for filling textures.
 */
void
neurons_colors_diverging_bytes (float    value,
                                gboolean dark,
                                guint8  *rgb)
{
  const guint8 *entry = lookup (value, dark);

  rgb[0] = entry[0];
  rgb[1] = entry[1];
  rgb[2] = entry[2];
}

/**
 * neurons_colors_get_foreground:
 * @widget: a widget
 * @color: (out): where to store the colour
 *
 * The widget's text colour from the current style: the colour of activity.
 */
void
neurons_colors_get_foreground (GtkWidget *widget,
                               GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (color != NULL);

  gtk_widget_get_color (widget, color);
}

/**
 * neurons_colors_is_dark:
 * @widget: a widget
 *
 * Whether the widget is drawn in a dark style, judged by its text colour so that it also
 * holds for a high-contrast or custom style.
 *
 * Returns: %TRUE for light text on a dark background
 */
gboolean
neurons_colors_is_dark (GtkWidget *widget)
{
  GdkRGBA foreground;

  neurons_colors_get_foreground (widget, &foreground);

  return 0.2126 * foreground.red + 0.7152 * foreground.green + 0.0722 * foreground.blue > 0.5;
}
