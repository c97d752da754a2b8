/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Plate crops with surroundings: the plate is drawn flat, then mapped
 * through a homography (rotation, shear, a little perspective) onto a
 * piece of car: paint, highlights, bumper edge, grille, recess, holder,
 * shadows and the odd badge or sticker near it.  The plate's box comes
 * from its four mapped corners, so it is exact. */

#include "platestyle.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <zlib.h>

static const gchar *const badges[] = {
  "HYBRID", "TDI", "4MOTION", "XLE", "1.6 16V", "quattro", "AWD", "GTI",
  "Sport", "CRDi", "dCi", "LIMITED", "4x4", "TURBO", "ECO", "SE",
};

static const gchar *const ovals[] = {
  "D", "CZ", "SK", "GB", "NL", "PL", "HR", "SRB", "BIH", "A", "F", "I",
  "USA", "CH",
};

/* Unit square to quad @q (corners (0,0), (1,0), (1,1), (0,1)). */
static void
square_to_quad (const gdouble q[8], gdouble m[9])
{
  gdouble dx1 = q[2] - q[4], dx2 = q[6] - q[4], dx3 = q[0] - q[2] + q[4] -
      q[6];
  gdouble dy1 = q[3] - q[5], dy2 = q[7] - q[5], dy3 = q[1] - q[3] + q[5] -
      q[7];
  gdouble den = dx1 * dy2 - dx2 * dy1, g = 0, h = 0;

  if (fabs (den) > 1e-12) {
    g = (dx3 * dy2 - dx2 * dy3) / den;
    h = (dx1 * dy3 - dx3 * dy1) / den;
  }
  m[0] = q[2] - q[0] + g * q[2];
  m[1] = q[6] - q[0] + h * q[6];
  m[2] = q[0];
  m[3] = q[3] - q[1] + g * q[3];
  m[4] = q[7] - q[1] + h * q[7];
  m[5] = q[1];
  m[6] = g;
  m[7] = h;
  m[8] = 1;
}

static void
invert3 (const gdouble m[9], gdouble r[9])
{
  gdouble det = m[0] * (m[4] * m[8] - m[5] * m[7]) -
      m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);

  r[0] = (m[4] * m[8] - m[5] * m[7]) / det;
  r[1] = (m[2] * m[7] - m[1] * m[8]) / det;
  r[2] = (m[1] * m[5] - m[2] * m[4]) / det;
  r[3] = (m[5] * m[6] - m[3] * m[8]) / det;
  r[4] = (m[0] * m[8] - m[2] * m[6]) / det;
  r[5] = (m[2] * m[3] - m[0] * m[5]) / det;
  r[6] = (m[3] * m[7] - m[4] * m[6]) / det;
  r[7] = (m[1] * m[6] - m[0] * m[7]) / det;
  r[8] = (m[0] * m[4] - m[1] * m[3]) / det;
}

static void
apply3 (const gdouble m[9], gdouble u, gdouble v, gdouble * x, gdouble * y)
{
  gdouble w = m[6] * u + m[7] * v + m[8];

  *x = (m[0] * u + m[1] * v + m[2]) / w;
  *y = (m[3] * u + m[4] * v + m[5]) / w;
}

/* Composites premultiplied ARGB @src over the RGB24 @dst where the
 * inverse map @inv sends destination pixels into @src (bilinear). */
static void
warp_over (cairo_surface_t * dst, cairo_surface_t * src, const gdouble inv[9],
    gint x0, gint y0, gint x1, gint y1)
{
  gint dw = cairo_image_surface_get_width (dst);
  gint dh = cairo_image_surface_get_height (dst);
  gint ds = cairo_image_surface_get_stride (dst);
  gint sw = cairo_image_surface_get_width (src);
  gint sh = cairo_image_surface_get_height (src);
  gint ss = cairo_image_surface_get_stride (src);
  guint8 *dd, *sd;

  cairo_surface_flush (dst);
  cairo_surface_flush (src);
  dd = cairo_image_surface_get_data (dst);
  sd = cairo_image_surface_get_data (src);
  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, dw);
  y1 = MIN (y1, dh);
  for (gint y = y0; y < y1; y++) {
    guint32 *row = (guint32 *) (dd + y * ds);
    for (gint x = x0; x < x1; x++) {
      guint32 t[4] = { 0, 0, 0, 0 }, d = row[x], out = 0;
      guint wt[4], acc[4] = { 0, 0, 0, 0 }, fx, fy;
      gdouble sx, sy;
      gint ix, iy;
      apply3 (inv, x + 0.5, y + 0.5, &sx, &sy);
      sx -= 0.5;
      sy -= 0.5;
      if (sx <= -1 || sy <= -1 || sx >= sw || sy >= sh)
        continue;
      ix = (gint) floor (sx);
      iy = (gint) floor (sy);
      /* Bilinear in 8-bit fixed point; texels outside are transparent. */
      fx = (guint) ((sx - ix) * 256);
      fy = (guint) ((sy - iy) * 256);
      wt[0] = (256 - fx) * (256 - fy);
      wt[1] = fx * (256 - fy);
      wt[2] = (256 - fx) * fy;
      wt[3] = fx * fy;
      for (gint k = 0; k < 4; k++) {
        gint tx = ix + (k & 1), ty = iy + (k >> 1);
        if (tx >= 0 && ty >= 0 && tx < sw && ty < sh)
          t[k] = ((const guint32 *) (sd + ty * ss))[tx];
      }
      if (!(t[0] | t[1] | t[2] | t[3]))
        continue;
      for (gint c = 0; c < 4; c++) {
        for (gint k = 0; k < 4; k++)
          acc[c] += wt[k] * ((t[k] >> (8 * c)) & 0xff);
        acc[c] = (acc[c] + 32768) >> 16;
      }
      for (gint c = 0; c < 3; c++) {
        guint v = acc[c] + (((d >> (8 * c)) & 0xff) * (255 - acc[3]) + 127) /
            255;
        out |= MIN (v, 255u) << (8 * c);
      }
      row[x] = out;
    }
  }
  cairo_surface_mark_dirty (dst);
}

static void
paint_colour (GRand * rand, gdouble c[3])
{
  gdouble r = g_rand_double (rand);

  if (r < 0.22) {
    c[0] = c[1] = c[2] = g_rand_double_range (rand, 0.82, 0.97);
  } else if (r < 0.42) {
    c[0] = c[1] = c[2] = g_rand_double_range (rand, 0.02, 0.12);
  } else if (r < 0.62) {
    c[0] = c[1] = c[2] = g_rand_double_range (rand, 0.35, 0.75);
    c[2] += 0.03;
  } else {
    guint hi = g_rand_int_range (rand, 0, 3);
    /* One channel leads: car paint is rarely grey-brown. */
    c[hi] = g_rand_double_range (rand, 0.35, 1.0);
    for (guint i = 0; i < 3; i++)
      if (i != hi)
        c[i] = g_rand_double_range (rand, 0.0, 0.9) * c[hi];
  }
}

static void
shade (cairo_t * cr, const gdouble c[3], gdouble k)
{
  cairo_set_source_rgb (cr, MIN (c[0] * k, 1), MIN (c[1] * k, 1),
      MIN (c[2] * k, 1));
}

static gboolean
overlaps (gdouble x, gdouble y, gdouble w, gdouble h, const gdouble box[4])
{
  return x < box[2] && box[0] < x + w && y < box[3] && box[1] < y + h;
}

/* A model badge, a country oval or a sticker in the margin, clear of the
 * plate (@keep: x0, y0, x1, y1). */
static void
draw_extra (cairo_t * cr, GRand * rand, gint w, gint h, gdouble plate_h,
    const gdouble keep[4])
{
  gboolean oval = g_rand_double (rand) < 0.35;
  const gchar *t = oval ? ovals[g_rand_int_range (rand, 0,
          G_N_ELEMENTS (ovals))] : badges[g_rand_int_range (rand, 0,
          G_N_ELEMENTS (badges))];
  gdouble size = plate_h * g_rand_double_range (rand, 0.12, 0.3), tw, th;
  cairo_font_face_t *font = platestyle_font (rand, FONT_SANS);
  cairo_text_extents_t e;

  cairo_save (cr);
  cairo_set_font_face (cr, font);
  cairo_set_font_size (cr, size * 1.4);
  cairo_text_extents (cr, t, &e);
  tw = e.width + (oval ? size * 1.6 : 0);
  th = size * (oval ? 1.9 : 1.0);
  for (guint attempt = 0; attempt < 12; attempt++) {
    gdouble x = g_rand_double_range (rand, 0, MAX (w - tw, 1));
    gdouble y = g_rand_double_range (rand, 0, MAX (h - th, 1));
    if (overlaps (x - 3, y - 3, tw + 6, th + 6, keep))
      continue;
    if (oval) {
      cairo_save (cr);
      cairo_translate (cr, x + tw / 2, y + th / 2);
      cairo_scale (cr, tw / 2, th / 2);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0.96, 0.96, 0.94);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
      cairo_set_line_width (cr, MAX (size * 0.08, 0.8));
      cairo_stroke (cr);
      cairo_move_to (cr, x + tw / 2 - e.width / 2 - e.x_bearing,
          y + th / 2 - e.height / 2 - e.y_bearing);
    } else {
      gdouble v = g_rand_boolean (rand) ? 0.85 : 0.1;
      cairo_set_source_rgb (cr, v, v, v + 0.02);
      cairo_move_to (cr, x - e.x_bearing, y - e.y_bearing);
    }
    cairo_show_text (cr, t);
    break;
  }
  cairo_restore (cr);
}

/* Car paint, its highlights and its parts around the plate. */
static void
draw_car (cairo_t * cr, GRand * rand, gint w, gint h, const gdouble box[4],
    gboolean rich)
{
  gdouble c[3], bh = box[3] - box[1], bw = box[2] - box[0];
  cairo_pattern_t *p;

  paint_colour (rand, c);
  p = cairo_pattern_create_linear (0, 0, g_rand_double_range (rand, -0.5,
          0.5) * w, h);
  cairo_pattern_add_color_stop_rgb (p, 0, MIN (c[0] * 1.15, 1),
      MIN (c[1] * 1.15, 1), MIN (c[2] * 1.15, 1));
  cairo_pattern_add_color_stop_rgb (p, 1, c[0] * 0.6, c[1] * 0.6,
      c[2] * 0.6);
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);
  if (!rich)
    return;

  /* Bumper edge above or below, plastic or paint beyond it. */
  if (g_rand_double (rand) < 0.6) {
    gboolean above = g_rand_boolean (rand);
    gdouble y = above ? box[1] - bh * g_rand_double_range (rand, 0.1, 0.6) :
        box[3] + bh * g_rand_double_range (rand, 0.1, 0.6);
    gdouble bend = bh * g_rand_double_range (rand, -0.3, 0.3);
    gdouble v = g_rand_double_range (rand, 0.05, 0.3);
    cairo_move_to (cr, 0, y);
    cairo_curve_to (cr, w * 0.3, y + bend, w * 0.7, y + bend, w, y);
    cairo_line_to (cr, w, above ? 0 : h);
    cairo_line_to (cr, 0, above ? 0 : h);
    cairo_close_path (cr);
    if (g_rand_boolean (rand))
      cairo_set_source_rgb (cr, v, v, v);
    else
      shade (cr, c, g_rand_double_range (rand, 0.5, 1.3));
    cairo_fill (cr);
    cairo_move_to (cr, 0, y);
    cairo_curve_to (cr, w * 0.3, y + bend, w * 0.7, y + bend, w, y);
    cairo_set_source_rgba (cr, 1, 1, 1, g_rand_double_range (rand, 0.2, 0.6));
    cairo_set_line_width (cr, MAX (bh * 0.04, 1));
    cairo_stroke (cr);
  }
  /* Grille slats or mesh in the margin above or below. */
  if (g_rand_double (rand) < 0.3) {
    gboolean above = g_rand_boolean (rand);
    gdouble y0 = above ? 0 : box[3] + bh * 0.15, y1 = above ?
        box[1] - bh * 0.15 : h, step = MAX (bh * g_rand_double_range (rand,
            0.08, 0.25), 3);
    gdouble gx0 = box[0] - bw * g_rand_double_range (rand, 0, 0.4);
    gdouble gx1 = box[2] + bw * g_rand_double_range (rand, 0, 0.4);
    if (y1 - y0 > step) {
      cairo_set_source_rgb (cr, 0.04, 0.04, 0.05);
      cairo_rectangle (cr, gx0, y0, gx1 - gx0, y1 - y0);
      cairo_fill (cr);
      shade (cr, c, 0.6);
      if (g_rand_boolean (rand)) {
        cairo_set_line_width (cr, step * 0.35);
        for (gdouble y = y0 + step / 2; y < y1; y += step) {
          cairo_move_to (cr, gx0, y);
          cairo_line_to (cr, gx1, y);
        }
        cairo_stroke (cr);
      } else {
        cairo_set_source_rgb (cr, 0.25, 0.25, 0.27);
        cairo_set_line_width (cr, MAX (step * 0.15, 0.8));
        for (gdouble y = y0; y < y1 + step; y += step)
          for (gdouble x = gx0; x < gx1; x += step * 1.5) {
            cairo_new_sub_path (cr);
            cairo_arc (cr, x, y, step * 0.45, 0, 2 * G_PI);
          }
        cairo_stroke (cr);
      }
    }
  }
  /* The recess the plate sits in. */
  if (g_rand_double (rand) < 0.45) {
    gdouble ex = bw * g_rand_double_range (rand, 0.03, 0.2);
    gdouble ey = bh * g_rand_double_range (rand, 0.08, 0.4);
    plategen_rounded_rect (cr, box[0] - ex, box[1] - ey, bw + 2 * ex,
        bh + 2 * ey, MIN (ex, ey) * 0.8);
    shade (cr, c, g_rand_double_range (rand, 0.45, 0.85));
    cairo_fill_preserve (cr);
    cairo_set_source_rgba (cr, 1, 1, 1, 0.25);
    cairo_set_line_width (cr, MAX (bh * 0.03, 1));
    cairo_stroke (cr);
  }
  /* Reflectors, parking sensors. */
  if (g_rand_double (rand) < 0.25) {
    gdouble y = (box[1] + box[3]) / 2 + bh * g_rand_double_range (rand, -1,
        1), rw = bw * 0.25, rh = bh * 0.2;
    cairo_set_source_rgb (cr, 0.55, 0.05, 0.05);
    cairo_rectangle (cr, box[0] - bw * 0.35 - rw, y, rw, rh);
    cairo_rectangle (cr, box[2] + bw * 0.35, y, rw, rh);
    cairo_fill (cr);
  }
  if (g_rand_double (rand) < 0.3) {
    gdouble y = g_rand_boolean (rand) ? box[1] - bh * 0.5 : box[3] + bh * 0.5;
    shade (cr, c, 0.8);
    for (gint i = -2; i <= 2; i++) {
      if (i == 0)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, (box[0] + box[2]) / 2 + i * bw * 0.45, y, bh * 0.1, 0,
          2 * G_PI);
    }
    cairo_fill (cr);
  }
  /* Specular highlights of curved, polished paint. */
  for (guint i = g_rand_int_range (rand, 0, 3); i > 0; i--) {
    gdouble x = g_rand_double_range (rand, 0, w), y =
        g_rand_double_range (rand, 0, h), rr =
        g_rand_double_range (rand, 0.2, 1.0) * MAX (bw, bh);
    p = cairo_pattern_create_radial (x, y, 0, x, y, rr);
    cairo_pattern_add_color_stop_rgba (p, 0, 1, 1, 1,
        g_rand_double_range (rand, 0.15, 0.55));
    cairo_pattern_add_color_stop_rgba (p, 1, 1, 1, 1, 0);
    cairo_set_source (cr, p);
    cairo_arc (cr, x, y, rr, 0, 2 * G_PI);
    cairo_fill (cr);
    cairo_pattern_destroy (p);
  }
  if (g_rand_double (rand) < 0.3)
    draw_extra (cr, rand, w, h, bh, box);
}

/* Black plastic holder around the plate, in plate millimetres, with the
 * dealer's name on its lower edge now and then. */
static void
draw_holder (cairo_t * cr, GRand * rand, gdouble pw, gdouble ph,
    const gdouble pad[4])
{
  gdouble v = g_rand_double (rand) < 0.8 ? g_rand_double_range (rand, 0.02,
      0.12) : g_rand_double_range (rand, 0.6, 0.85);

  plategen_rounded_rect (cr, -pad[0], -pad[1], pw + pad[0] + pad[2],
      ph + pad[1] + pad[3], 6);
  cairo_set_source_rgb (cr, v, v, v);
  cairo_fill (cr);
  if (pad[3] > 9 && g_rand_boolean (rand)) {
    static const gchar *const names[] = {
      "AUTOHAUS MUELLER", "AUTO CENTRUM", "www.autoplus.sk", "KIA CENTAR",
      "Toyota of Riverside", "ARNOLD CLARK", "POLMOTOR", "AUTOSALON",
    };
    if (v < 0.5)
      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
    else
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
    platestyle_show_text (cr, platestyle_font (rand, FONT_SANS),
        names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))], pw / 2,
        ph + pad[3] * 0.72, pad[3] * 0.45, pw * 0.7);
  }
}

cairo_surface_t *
platecrop_render (GRand * rand, const PlateSpec * spec, gboolean variety,
    gdouble margin, SceneBox * box)
{
  gdouble pw, ph, px, scale, rot, shear, xs, kv = 0, kh = 0, m[9], inv[9];
  gdouble q[8], pq[8], pad[4] = { 0, 0, 0, 0 }, side[4], keep[4];
  gdouble minx = G_MAXDOUBLE, miny = G_MAXDOUBLE, maxx = -G_MAXDOUBLE,
      maxy = -G_MAXDOUBLE, sxs, sys, ox, oy;
  gint w, h, sw, sh;
  cairo_matrix_t aff, shear_m;
  cairo_surface_t *s, *ps;
  cairo_t *cr;

  plategen_size_mm (spec, &pw, &ph);
  px = 90 * pow (4.0, g_rand_double (rand));
  scale = px / pw;
  if (variety && g_rand_double (rand) < 0.35) {
    rot = g_rand_double_range (rand, -0.14, 0.14);
    shear = g_rand_double_range (rand, -0.2, 0.2);
    xs = g_rand_double_range (rand, 0.75, 1.0);
  } else {
    rot = g_rand_double_range (rand, -0.05, 0.05);
    shear = g_rand_double_range (rand, -0.08, 0.08);
    xs = g_rand_double_range (rand, 0.9, 1.0);
  }
  if (variety && g_rand_double (rand) < 0.5) {
    /* Keystone: a camera above or beside the plate. */
    kv = g_rand_double_range (rand, -0.08, 0.08);
    kh = g_rand_double_range (rand, -0.08, 0.08);
  }
  cairo_matrix_init_scale (&aff, scale * xs, scale);
  cairo_matrix_init (&shear_m, 1, shear, 0, 1, 0, 0);
  cairo_matrix_multiply (&aff, &aff, &shear_m);
  cairo_matrix_rotate (&aff, rot);
  for (guint i = 0; i < 4; i++) {
    /* Corners in the order (0,0), (1,0), (1,1), (0,1) of the plate. */
    gdouble sx = (i == 1 || i == 2) ? 1 : -1, sy = i >= 2 ? 1 : -1;
    gdouble x = sx * pw / 2 * (1 + kv * sy), y = sy * ph / 2 * (1 + kh * sx);
    cairo_matrix_transform_point (&aff, &x, &y);
    q[2 * i] = x;
    q[2 * i + 1] = y;
    minx = MIN (minx, x);
    maxx = MAX (maxx, x);
    miny = MIN (miny, y);
    maxy = MAX (maxy, y);
  }

  /* Margins: left, top, right, bottom. */
  for (guint i = 0; i < 4; i++)
    side[i] = margin > 0 ? g_rand_double (rand) * margin *
        ((i % 2) ? maxy - miny : maxx - minx) : 0;
  if (margin <= 0) {
    gdouble mg = g_rand_double_range (rand, 0.04, 0.12) * ph * scale;
    for (guint i = 0; i < 4; i++)
      side[i] = mg;
  }
  w = MAX ((gint) ceil (side[0] + maxx - minx + side[2]), 8);
  h = MAX ((gint) ceil (side[1] + maxy - miny + side[3]), 8);
  ox = side[0] - minx;
  oy = side[1] - miny;
  for (guint i = 0; i < 4; i++) {
    q[2 * i] += ox;
    q[2 * i + 1] += oy;
  }
  keep[0] = side[0];
  keep[1] = side[1];
  keep[2] = side[0] + maxx - minx;
  keep[3] = side[1] + maxy - miny;

  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (s);
  draw_car (cr, rand, w, h, keep, margin > 0);

  /* Plate to image: unit square to quad, after plate millimetres to the
   * unit square. */
  square_to_quad (q, m);
  for (guint i = 0; i < 3; i++) {
    m[3 * i] /= pw;
    m[3 * i + 1] /= ph;
  }
  if (g_rand_double (rand) < (margin > 0 ? 0.35 : 0.1)) {
    pad[0] = pad[2] = g_rand_double_range (rand, 3, 8);
    pad[1] = g_rand_double_range (rand, 3, 8);
    pad[3] = g_rand_double_range (rand, 3, 18);
  }
  /* The plate's shadow on the car. */
  if (margin > 0) {
    gdouble dx = g_rand_double_range (rand, -0.02, 0.02) * (maxx - minx);
    gdouble dy = g_rand_double_range (rand, 0.02, 0.1) * (maxy - miny);
    for (guint k = 1; k <= 2; k++) {
      for (guint i = 0; i < 4; i++) {
        gdouble x, y;
        apply3 (m, (i == 1 || i == 2) ? pw + pad[2] : -pad[0],
            i >= 2 ? ph + pad[3] : -pad[1], &x, &y);
        if (i == 0)
          cairo_move_to (cr, x + dx * k, y + dy * k);
        else
          cairo_line_to (cr, x + dx * k, y + dy * k);
      }
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.3 / k);
      cairo_fill (cr);
    }
  }

  /* The plate drawn flat at about its size in the image, then warped. */
  sxs = MAX (hypot (q[2] - q[0], q[3] - q[1]), hypot (q[4] - q[6],
          q[5] - q[7])) / pw;
  sys = MAX (hypot (q[6] - q[0], q[7] - q[1]), hypot (q[4] - q[2],
          q[5] - q[3])) / ph;
  sw = (gint) ceil ((pw + pad[0] + pad[2]) * sxs) + 2;
  sh = (gint) ceil ((ph + pad[1] + pad[3]) * sys) + 2;
  ps = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sw, sh);
  {
    cairo_t *pcr = cairo_create (ps);
    cairo_translate (pcr, 1, 1);
    cairo_scale (pcr, sxs, sys);
    cairo_translate (pcr, pad[0], pad[1]);
    if (pad[3] > 0)
      draw_holder (pcr, rand, pw, ph, pad);
    plategen_render (pcr, spec);
    cairo_destroy (pcr);
  }
  /* Image to source pixels: invert plate-mm-to-image, then mm to px. */
  invert3 (m, inv);
  {
    gdouble t[9] = { sxs, 0, 1 + pad[0] * sxs, 0, sys, 1 + pad[1] * sys,
      0, 0, 1
    };
    gdouble r[9];
    for (guint i = 0; i < 3; i++)
      for (guint j = 0; j < 3; j++)
        r[3 * i + j] = t[3 * i] * inv[j] + t[3 * i + 1] * inv[3 + j] +
            t[3 * i + 2] * inv[6 + j];
    memcpy (inv, r, sizeof (r));
  }
  {
    gdouble bx0 = G_MAXDOUBLE, by0 = G_MAXDOUBLE, bx1 = -G_MAXDOUBLE,
        by1 = -G_MAXDOUBLE;
    for (guint i = 0; i < 4; i++) {
      apply3 (m, (i == 1 || i == 2) ? pw + pad[2] + 1 : -pad[0] - 1,
          i >= 2 ? ph + pad[3] + 1 : -pad[1] - 1, &pq[2 * i], &pq[2 * i + 1]);
      bx0 = MIN (bx0, pq[2 * i]);
      bx1 = MAX (bx1, pq[2 * i]);
      by0 = MIN (by0, pq[2 * i + 1]);
      by1 = MAX (by1, pq[2 * i + 1]);
    }
    warp_over (s, ps, inv, (gint) floor (bx0) - 1, (gint) floor (by0) - 1,
        (gint) ceil (bx1) + 1, (gint) ceil (by1) + 1);
  }
  cairo_surface_destroy (ps);

  /* A shadow edge across the whole scene now and then. */
  if (variety && g_rand_double (rand) < 0.15) {
    gdouble a = g_rand_double (rand) * 2 * G_PI, d = hypot (w, h);
    gdouble cx = g_rand_double_range (rand, 0, w), cy =
        g_rand_double_range (rand, 0, h);
    cairo_move_to (cr, cx - d * cos (a), cy - d * sin (a));
    cairo_line_to (cr, cx + d * cos (a), cy + d * sin (a));
    cairo_line_to (cr, cx + d * cos (a) + d * sin (a),
        cy + d * sin (a) - d * cos (a));
    cairo_line_to (cr, cx - d * cos (a) + d * sin (a),
        cy - d * sin (a) - d * cos (a));
    cairo_close_path (cr);
    cairo_set_source_rgba (cr, 0, 0, 0.03, g_rand_double_range (rand, 0.2,
            0.45));
    cairo_fill (cr);
  }
  cairo_destroy (cr);

  if (margin > 0) {
    box->x = keep[0];
    box->y = keep[1];
    box->w = keep[2] - keep[0];
    box->h = keep[3] - keep[1];
  } else {
    box->x = box->y = 0;
    box->w = w;
    box->h = h;
  }
  return s;
}

static void
put_be32 (guint8 * p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static gboolean
write_chunk (FILE * f, const gchar * type, const guint8 * data, gsize len)
{
  guint8 head[8];
  guint32 crc;

  put_be32 (head, len);
  memcpy (head + 4, type, 4);
  crc = crc32 (0, head + 4, 4);
  if (len)
    crc = crc32 (crc, data, len);
  if (fwrite (head, 1, 8, f) != 8 || (len && fwrite (data, 1, len, f) != len))
    return FALSE;
  put_be32 (head, crc);
  return fwrite (head, 1, 4, f) == 4;
}

gboolean
platecrop_write_png (cairo_surface_t * surface, const gchar * path)
{
  static const guint8 sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
    '\n'
  };
  gint w = cairo_image_surface_get_width (surface);
  gint h = cairo_image_surface_get_height (surface);
  gint stride = cairo_image_surface_get_stride (surface);
  gsize rowlen = (gsize) w * 3 + 1, rawlen = rowlen * h;
  guint8 ihdr[13] = { 0 }, *raw, *z, *data;
  uLongf zlen;
  gboolean ok;
  FILE *f;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  raw = g_malloc (rawlen);
  for (gint y = 0; y < h; y++) {
    const guint32 *src = (const guint32 *) (data + y * stride);
    guint8 *row = raw + y * rowlen, prev[3] = { 0, 0, 0 };
    /* Sub filter: each byte less the one to its left. */
    row[0] = 1;
    for (gint x = 0; x < w; x++) {
      guint8 px[3] = { src[x] >> 16, src[x] >> 8, src[x] };
      for (gint c = 0; c < 3; c++) {
        row[1 + x * 3 + c] = px[c] - prev[c];
        prev[c] = px[c];
      }
    }
  }
  zlen = compressBound (rawlen);
  z = g_malloc (zlen);
  {
    /* Huffman only: as small as full deflate on noisy crops, faster. */
    z_stream zs = { 0 };
    ok = deflateInit2 (&zs, 1, Z_DEFLATED, 15, 8, Z_HUFFMAN_ONLY) == Z_OK;
    zs.next_in = raw;
    zs.avail_in = rawlen;
    zs.next_out = z;
    zs.avail_out = zlen;
    ok = ok && deflate (&zs, Z_FINISH) == Z_STREAM_END;
    zlen = zs.total_out;
    deflateEnd (&zs);
  }
  g_free (raw);

  put_be32 (ihdr, w);
  put_be32 (ihdr + 4, h);
  ihdr[8] = 8;                  /* bit depth */
  ihdr[9] = 2;                  /* RGB */
  f = ok ? fopen (path, "wb") : NULL;
  ok = f && fwrite (sig, 1, 8, f) == 8 &&
      write_chunk (f, "IHDR", ihdr, sizeof (ihdr)) &&
      write_chunk (f, "IDAT", z, zlen) && write_chunk (f, "IEND", NULL, 0);
  if (f && fclose (f) != 0)
    ok = FALSE;
  g_free (z);
  return ok;
}
