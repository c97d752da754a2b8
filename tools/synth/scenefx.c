/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Camera faults as pixel passes over CAIRO_FORMAT_RGB24 surfaces.  They
 * run on every video frame, so they stay O(pixels) with integer maths. */

#include "scenegen.h"

#include <math.h>
#include <string.h>

void
scenefx_night (cairo_surface_t * surface, const SceneLights * lights,
    gdouble ambient)
{
  gint w = cairo_image_surface_get_width (surface);
  gint h = cairo_image_surface_get_height (surface);
  cairo_surface_t *map = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w,
      h);
  cairo_t *cr = cairo_create (map);
  cairo_pattern_t *p;

  /* Light map: dim bluish ambient plus every lamp's pool of light; the
   * scene is then multiplied by it, so unlit paint stays dark while the
   * retroreflective plate under its lamp stays readable. */
  cairo_set_source_rgb (cr, ambient * 0.85, ambient * 0.9, ambient * 1.15);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_ADD);
  for (guint i = 0; i < lights->n; i++) {
    const SceneLight *l = &lights->light[i];
    p = cairo_pattern_create_radial (l->x, l->y, 0, l->x, l->y, l->radius);
    cairo_pattern_add_color_stop_rgba (p, 0, l->r, l->g, l->b, l->strength);
    cairo_pattern_add_color_stop_rgba (p, 0.6, l->r, l->g, l->b,
        l->strength * 0.75);
    cairo_pattern_add_color_stop_rgba (p, 1, l->r, l->g, l->b, 0);
    cairo_set_source (cr, p);
    cairo_paint (cr);
    cairo_pattern_destroy (p);
  }
  cairo_destroy (cr);

  cr = cairo_create (surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_set_source_surface (cr, map, 0, 0);
  cairo_paint (cr);

  /* Lamps facing the camera flare well beyond their glass; tail lamps
   * only glow, plate lamps light the plate and nothing else. */
  cairo_set_operator (cr, CAIRO_OPERATOR_ADD);
  for (guint i = 0; i < lights->n; i++) {
    const SceneLight *l = &lights->light[i];
    gdouble r = l->flare == 2 ? l->radius * 0.7 : l->radius * 0.3;
    if (l->flare == 0)
      continue;
    p = cairo_pattern_create_radial (l->x, l->y, 0, l->x, l->y, r);
    cairo_pattern_add_color_stop_rgba (p, 0, 1, 1, 1, l->flare == 2 ? 1 : 0.5);
    cairo_pattern_add_color_stop_rgba (p, 0.15, l->r, l->g, l->b,
        l->flare == 2 ? 0.8 : 0.4);
    cairo_pattern_add_color_stop_rgba (p, 1, l->r, l->g, l->b, 0);
    cairo_set_source (cr, p);
    cairo_arc (cr, l->x, l->y, r, 0, 2 * G_PI);
    cairo_fill (cr);
    cairo_pattern_destroy (p);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (map);
}

/* One [1 2 1]/4 pass in each direction over the bytes of a region. */
static void
pass_121 (guint8 * data, gint stride, gint x0, gint y0, gint w, gint h,
    gboolean horizontal)
{
  gint n = horizontal ? w : h, step = horizontal ? 4 : stride;
  gint lines = horizontal ? h : w;
  guint8 *tmp = g_malloc (n * 4);

  for (gint l = 0; l < lines; l++) {
    guint8 *base = horizontal ? data + (y0 + l) * stride + x0 * 4
        : data + y0 * stride + (x0 + l) * 4;
    memcpy (tmp, base, 4);      /* keeps edges as they are */
    for (gint i = 0; i < n; i++)
      for (gint c = 0; c < 3; c++)
        tmp[i * 4 + c] = base[i * step + c];
    for (gint i = 1; i < n - 1; i++)
      for (gint c = 0; c < 3; c++)
        base[i * step + c] = (tmp[(i - 1) * 4 + c] + 2 * tmp[i * 4 + c] +
            tmp[(i + 1) * 4 + c] + 2) >> 2;
  }
  g_free (tmp);
}

/* Box filter of odd length @len along one axis, running sums. */
static void
pass_box (guint8 * data, gint stride, gint x0, gint y0, gint w, gint h,
    gboolean horizontal, gint len)
{
  gint n = horizontal ? w : h, step = horizontal ? 4 : stride;
  gint lines = horizontal ? h : w, r = len / 2;
  guint8 *tmp = g_malloc (n * 4);

  for (gint l = 0; l < lines; l++) {
    guint8 *base = horizontal ? data + (y0 + l) * stride + x0 * 4
        : data + y0 * stride + (x0 + l) * 4;
    for (gint i = 0; i < n; i++)
      memcpy (tmp + i * 4, base + i * step, 4);
    for (gint c = 0; c < 3; c++) {
      gint sum = 0;
      /* Edge pixels repeat beyond the border. */
      for (gint k = -r; k <= r; k++)
        sum += tmp[CLAMP (k, 0, n - 1) * 4 + c];
      for (gint i = 0; i < n; i++) {
        base[i * step + c] = (sum + r) / len;
        sum += tmp[MIN (i + r + 1, n - 1) * 4 + c];
        sum -= tmp[MAX (i - r, 0) * 4 + c];
      }
    }
  }
  g_free (tmp);
}

void
scenefx_blur (cairo_surface_t * surface, gdouble sigma)
{
  gint w = cairo_image_surface_get_width (surface);
  gint h = cairo_image_surface_get_height (surface);
  gint stride = cairo_image_surface_get_stride (surface);
  guint8 *data;
  gint n121 = (gint) lround (2 * sigma * sigma);

  if (n121 < 1)
    return;
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  if (n121 <= 4) {
    /* Each [1 2 1] pass adds a variance of 1/2: fine steps for the
     * slight defocus most frames need. */
    for (gint i = 0; i < n121; i++) {
      pass_121 (data, stride, 0, 0, w, h, TRUE);
      pass_121 (data, stride, 0, 0, w, h, FALSE);
    }
  } else {
    /* Three box passes approximate a gaussian: variance (len^2-1)/4. */
    gint len = (gint) lround (sqrt (4 * sigma * sigma + 1));
    len |= 1;
    for (gint i = 0; i < 3; i++) {
      pass_box (data, stride, 0, 0, w, h, TRUE, len);
      pass_box (data, stride, 0, 0, w, h, FALSE, len);
    }
  }
  cairo_surface_mark_dirty (surface);
}

void
scenefx_motion_blur (cairo_surface_t * surface, const SceneBox * box,
    gint length)
{
  gint w = cairo_image_surface_get_width (surface);
  gint h = cairo_image_surface_get_height (surface);
  gint x0 = CLAMP ((gint) floor (box->x), 0, w);
  gint y0 = CLAMP ((gint) floor (box->y), 0, h);
  gint x1 = CLAMP ((gint) ceil (box->x + box->w), 0, w);
  gint y1 = CLAMP ((gint) ceil (box->y + box->h), 0, h);

  if (length < 2 || x1 - x0 < 2 || y1 - y0 < 2)
    return;
  cairo_surface_flush (surface);
  /* Vehicles move mostly along the image rows' normal, so smear
   * vertically over the distance travelled while the shutter is open. */
  pass_box (cairo_image_surface_get_data (surface),
      cairo_image_surface_get_stride (surface), x0, y0, x1 - x0, y1 - y0,
      FALSE, length | 1);
  cairo_surface_mark_dirty (surface);
}

void
scenefx_tone (cairo_surface_t * surface, gdouble gain, gdouble gamma,
    const gdouble tint[3])
{
  gint w = cairo_image_surface_get_width (surface);
  gint h = cairo_image_surface_get_height (surface);
  gint stride = cairo_image_surface_get_stride (surface);
  guint8 lut[3][256];
  guint8 *data;

  /* Cairo's RGB24 is native-endian xRGB: bytes B, G, R on little-endian. */
  for (gint c = 0; c < 3; c++) {
    gdouble t = tint[2 - c];
    for (gint i = 0; i < 256; i++) {
      gdouble v = pow (MIN (i / 255.0 * gain * t, 1.0), 1.0 / gamma);
      lut[c][i] = (guint8) lround (v * 255);
    }
  }
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (gint y = 0; y < h; y++) {
    guint8 *row = data + y * stride;
    for (gint x = 0; x < w; x++)
      for (gint c = 0; c < 3; c++)
        row[x * 4 + c] = lut[c][row[x * 4 + c]];
  }
  cairo_surface_mark_dirty (surface);
}

void
scenefx_noise (cairo_surface_t * surface, guint32 seed, gdouble sigma)
{
  gint w = cairo_image_surface_get_width (surface);
  gint h = cairo_image_surface_get_height (surface);
  gint stride = cairo_image_surface_get_stride (surface);
  guint64 s = ((guint64) seed << 32) ^ 0x9E3779B97F4A7C15ull;
  /* The sum of two uniform bytes is triangular with a variance of
   * 2 * (256^2 - 1) / 12, close enough to sensor noise. */
  gint k = (gint) lround (sigma / 104.5 * 256);
  guint8 *data;

  if (k <= 0)
    return;
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (gint y = 0; y < h; y++) {
    guint8 *row = data + y * stride;
    for (gint x = 0; x < w; x++) {
      gint luma;
      /* xorshift64: deterministic, and far cheaper than GRand here. */
      s ^= s << 13;
      s ^= s >> 7;
      s ^= s << 17;
      /* Mostly luminance noise with a little chroma, as a real sensor
       * after demosaicing. */
      luma = ((gint) (s & 0xff) + (gint) ((s >> 8) & 0xff) - 255) * k;
      for (gint c = 0; c < 3; c++) {
        gint chroma = ((gint) ((s >> (16 + 8 * c)) & 0xff) - 128) * k / 3;
        gint v = row[x * 4 + c] + ((luma + chroma) >> 8);
        row[x * 4 + c] = CLAMP (v, 0, 255);
      }
    }
  }
  cairo_surface_mark_dirty (surface);
}

/* Two headlamps glaring beside plate @b, into the glow plane: discs
 * bright at the centre and fading to nothing at their radius, level with
 * the plate's upper half. */
static void
infrared_flare (guint8 * gdata, gint gstride, gint w, gint h,
    const SceneBox * b, const SceneInfraredHard * hard)
{
  gdouble r = MAX (2.0, b->h * hard->flare_radius);
  gdouble cy = b->y + b->h * 0.3;
  gdouble cxs[2] = { b->x - b->h * hard->flare_gap,
    b->x + b->w + b->h * hard->flare_gap
  };

  for (guint k = 0; k < 2; k++) {
    gint x0 = CLAMP ((gint) floor (cxs[k] - r), 0, w);
    gint x1 = CLAMP ((gint) ceil (cxs[k] + r), 0, w);
    gint y0 = CLAMP ((gint) floor (cy - r), 0, h);
    gint y1 = CLAMP ((gint) ceil (cy + r), 0, h);

    for (gint y = y0; y < y1; y++)
      for (gint x = x0; x < x1; x++) {
        gdouble d = hypot (x + 0.5 - cxs[k], y + 0.5 - cy) / r;
        guint8 *g = gdata + y * gstride + x * 4;
        gint v;

        if (d >= 1.0)
          continue;
        /* a saturated core, then a long soft fall */
        v = (gint) lround (420.0 * pow (1.0 - d, 1.5));
        v = MAX (v, g[0]);
        g[0] = g[1] = g[2] = (guint8) MIN (v, 255);
      }
  }
}

/* An ANPR camera's infrared picture at night: monochrome and lit by the
 * camera's own illuminator, so a retroreflective plate glares near white
 * whatever its colour (yellow and white plates look alike), its black
 * characters stay dark, and the rest of the scene falls to a dim grey
 * (@surround, its share of the luminance).  The glare blooms round each
 * plate and into its characters' strokes (@bloom: the glow's reach as a
 * share of the plate's height).  @hard: (nullable): over-exposure that
 * washes the ink out and thins the strokes, headlamps flaring beside the
 * plate. */
void
scenefx_infrared (cairo_surface_t * surface, const SceneBox * plates,
    guint n_plates, gdouble surround, gdouble bloom,
    const SceneInfraredHard * hard)
{
  gint w = cairo_image_surface_get_width (surface);
  gint h = cairo_image_surface_get_height (surface);
  gint stride = cairo_image_surface_get_stride (surface);
  cairo_surface_t *glow = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w,
      h);
  gint gstride = cairo_image_surface_get_stride (glow);
  guint8 *plate = g_new0 (guint8, (gsize) w * h);
  guint8 *data, *gdata;
  gdouble exposure = hard ? MAX (hard->exposure, 1.0) : 1.0;

  cairo_surface_flush (surface);
  cairo_surface_flush (glow);
  data = cairo_image_surface_get_data (surface);
  gdata = cairo_image_surface_get_data (glow);
  memset (gdata, 0, (gsize) gstride * h);

  /* the plates' sheeting first, from the colour picture: near white,
   * and its glare into the glow plane */
  for (guint i = 0; i < n_plates; i++) {
    const SceneBox *b = &plates[i];
    gint x0 = CLAMP ((gint) floor (b->x), 0, w);
    gint y0 = CLAMP ((gint) floor (b->y), 0, h);
    gint x1 = CLAMP ((gint) ceil (b->x + b->w), 0, w);
    gint y1 = CLAMP ((gint) ceil (b->y + b->h), 0, h);

    for (gint y = y0; y < y1; y++)
      for (gint x = x0; x < x1; x++) {
        guint8 *px = data + y * stride + x * 4;
        /* the plate's sheeting reflects infrared alike in every colour:
         * its brightest channel, not its luminance, says how it glares;
         * over-exposed, the grey edges of the strokes glare too */
        gint v = (gint) (MAX (px[0], MAX (px[1], px[2])) * exposure);
        /* the ink and the car round the plate are left to the dim pass */
        if (v < 110)
          continue;
        v = MIN (255, v * 5 / 4);
        plate[y * w + x] = 1;
        px[0] = px[1] = px[2] = (guint8) v;
        if (v > 200)
          gdata[y * gstride + x * 4] = gdata[y * gstride + x * 4 + 1] =
              gdata[y * gstride + x * 4 + 2] = (guint8) v;
      }
  }
  /* the rest: monochrome, dim */
  for (gint y = 0; y < h; y++) {
    guint8 *row = data + y * stride;
    for (gint x = 0; x < w; x++) {
      guint8 *px = row + x * 4;
      gint luma;
      if (plate[y * w + x])
        continue;
      /* bytes B, G, R on little-endian */
      luma = (px[2] * 77 + px[1] * 150 + px[0] * 29) >> 8;
      px[0] = px[1] = px[2] = (guint8) lround (luma * surround);
    }
  }
  if (hard && hard->flare)
    for (guint i = 0; i < n_plates; i++)
      infrared_flare (gdata, gstride, w, h, &plates[i], hard);
  /* the bloom: the glare spread round each plate, added on top */
  for (guint i = 0; i < n_plates; i++) {
    const SceneBox *b = &plates[i];
    gint r = MAX (1, (gint) lround (b->h * bloom));
    gint x0 = CLAMP ((gint) floor (b->x) - 2 * r, 0, w);
    gint y0 = CLAMP ((gint) floor (b->y) - 2 * r, 0, h);
    gint x1 = CLAMP ((gint) ceil (b->x + b->w) + 2 * r, 0, w);
    gint y1 = CLAMP ((gint) ceil (b->y + b->h) + 2 * r, 0, h);

    if (x1 - x0 < 2 || y1 - y0 < 2)
      continue;
    for (gint k = 0; k < 2; k++) {
      pass_box (gdata, gstride, x0, y0, x1 - x0, y1 - y0, TRUE, r | 1);
      pass_box (gdata, gstride, x0, y0, x1 - x0, y1 - y0, FALSE, r | 1);
    }
  }
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++) {
      guint8 *px = data + y * stride + x * 4;
      gint v = px[0] + gdata[y * gstride + x * 4] * 3 / 4;
      px[0] = px[1] = px[2] = (guint8) MIN (v, 255);
    }
  cairo_surface_mark_dirty (surface);
  cairo_surface_destroy (glow);
  g_free (plate);
}
