/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The stroke-drawn plate typeface of platestroke.h.  Every character is
 * a few centreline strokes in a unit box, u from the left stroke's
 * centre to the right one's, v from the top stroke's centre to the
 * bottom one's; the box is mapped to millimetres before stroking, so
 * condensing a character never thins its vertical strokes. */

#include "platestroke.h"

#include <math.h>

static gdouble
range (GRand * rand, gdouble lo, gdouble hi)
{
  return g_rand_double_range (rand, lo, hi);
}

static gboolean
chance (GRand * rand, gdouble p)
{
  return g_rand_double (rand) < p;
}

void
platestroke_random (GRand * rand, PlateStrokeFamily family,
    PlateStrokeStyle * st)
{
  st->family = family;
  st->w_foot = 0.25;
  switch (family) {
    case PLATESTROKE_CHARLES_WRIGHT:
      /* BS AU 145e: 79 mm high, 50 mm wide, 14 mm strokes. */
      st->width = range (rand, 0.58, 0.68);
      st->stroke = range (rand, 0.155, 0.19);
      st->ellipse = range (rand, 0.6, 1.0);
      st->corner = 1.0;
      st->m_depth = range (rand, 0.6, 0.75);
      st->w_peak = range (rand, 0.65, 0.9);
      st->zero_w = range (rand, 0.84, 0.92);
      st->mw_w = range (rand, 1.0, 1.08);
      st->one_foot = chance (rand, 0.05);
      st->four_open = chance (rand, 0.05);
      st->seven_bar = chance (rand, 0.02);
      st->g_spur = chance (rand, 0.85);
      st->round_caps = chance (rand, 0.9);
      break;
    case PLATESTROKE_DIN:
      /* DIN 1451 Mittelschrift and the German FE-Schrift: condensed,
       * squarish bowls, and an M whose V stops high. */
      st->width = range (rand, 0.5, 0.62);
      st->stroke = range (rand, 0.12, 0.16);
      st->ellipse = range (rand, 0.0, 0.25);
      st->corner = range (rand, 0.75, 1.0);
      st->m_depth = chance (rand, 0.85) ? range (rand, 0.3, 0.5) :
          range (rand, 0.5, 0.7);
      st->w_peak = range (rand, 0.45, 0.72);
      st->zero_w = range (rand, 0.85, 0.95);
      st->mw_w = range (rand, 1.05, 1.18);
      st->one_foot = chance (rand, 0.1);
      st->four_open = chance (rand, 0.25);
      st->seven_bar = chance (rand, 0.03);
      st->g_spur = chance (rand, 0.3);
      st->round_caps = chance (rand, 0.3);
      break;
    case PLATESTROKE_US_GOTHIC:
      /* Penitentiary Gothic and its kin, on most US plates: narrow
       * letters, a W whose middle apex reaches the top between near
       * upright sides and an M whose V runs deep.  Drawn small, such a W
       * looks like H, which is what a reader that never saw one reads. */
      st->width = range (rand, 0.44, 0.56);
      st->stroke = range (rand, 0.12, 0.17);
      st->ellipse = range (rand, 0.3, 0.9);
      st->corner = range (rand, 0.8, 1.0);
      st->m_depth = range (rand, 0.65, 0.95);
      st->w_peak = range (rand, 0.85, 1.0);
      st->w_foot = range (rand, 0.12, 0.25);
      st->zero_w = range (rand, 0.85, 0.95);
      st->mw_w = range (rand, 0.95, 1.1);
      st->one_foot = chance (rand, 0.2);
      st->four_open = chance (rand, 0.2);
      st->seven_bar = chance (rand, 0.02);
      st->g_spur = chance (rand, 0.6);
      st->round_caps = chance (rand, 0.5);
      break;
    case PLATESTROKE_MIX:
    default:
      st->family = PLATESTROKE_MIX;
      st->width = range (rand, 0.5, 0.72);
      st->stroke = range (rand, 0.11, 0.2);
      st->ellipse = range (rand, 0.0, 1.0);
      st->corner = range (rand, 0.6, 1.0);
      st->m_depth = range (rand, 0.3, 1.0);
      st->w_peak = range (rand, 0.3, 1.0);
      st->zero_w = range (rand, 0.8, 1.0);
      st->mw_w = range (rand, 0.95, 1.2);
      st->one_foot = chance (rand, 0.35);
      st->four_open = chance (rand, 0.35);
      st->seven_bar = chance (rand, 0.1);
      st->g_spur = chance (rand, 0.5);
      st->round_caps = chance (rand, 0.5);
      break;
  }
}

gdouble
platestroke_advance (const PlateStrokeStyle * st, gchar c)
{
  switch (c) {
    case 'I':
      return st->stroke;
    case '1':
      return st->one_foot ? st->width * 0.8 : st->width * 0.4 +
          st->stroke * 0.5;
    case '0':
      return st->width * st->zero_w;
    case 'M':
    case 'W':
      return st->width * st->mw_w;
    default:
      return st->width;
  }
}

static void
set_pen (cairo_t * cr, const PlateStrokeStyle * st, gdouble lw)
{
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, st->round_caps ? CAIRO_LINE_CAP_ROUND :
      CAIRO_LINE_CAP_SQUARE);
  /* Mitred corners for the cut styles, but a sharp apex (A, V, M) is
   * bevelled rather than spiking out of the box. */
  cairo_set_line_join (cr, st->round_caps ? CAIRO_LINE_JOIN_ROUND :
      CAIRO_LINE_JOIN_MITER);
  cairo_set_miter_limit (cr, 2.0);
}

/* ---- Drawing in the unit box ---- */

typedef struct
{
  cairo_t *cr;
  gdouble x0, y0, w, h;         /* the centreline box, mm */
  gdouble ellipse, corner;
} Pen;

static void
mv (Pen * p, gdouble u, gdouble v)
{
  cairo_move_to (p->cr, p->x0 + u * p->w, p->y0 + v * p->h);
}

static void
ln (Pen * p, gdouble u, gdouble v)
{
  cairo_line_to (p->cr, p->x0 + u * p->w, p->y0 + v * p->h);
}

/* Part of a bowl centred at (@cu, @cv) with half sizes @a, @b, from angle
 * @t0 to @t1 (degrees, 0 right, 90 down; @t1 < @t0 runs backwards).  The
 * bowl is a box whose corners are quarter ellipses: at ellipse 1 the
 * whole box (an oval), at 0 circles of the corner radius, with straight
 * sides between. */
static void
bowl (Pen * p, gdouble cu, gdouble cv, gdouble a, gdouble b, gdouble t0,
    gdouble t1)
{
  gdouble A = a * p->w, B = b * p->h, rc = MIN (A * p->corner, B);
  gdouble rx = rc + (A - rc) * p->ellipse, ry = rc + (B - rc) * p->ellipse;
  gdouble cx = p->x0 + cu * p->w, cy = p->y0 + cv * p->h, t = t0;
  gint dir = t1 >= t0 ? 1 : -1;

  while (dir * (t1 - t) > 1e-6) {
    /* One quadrant at a time: its corner's centre is fixed. */
    gdouble q = dir > 0 ? (floor (t / 90 + 1e-6) + 1) * 90 :
        (ceil (t / 90 - 1e-6) - 1) * 90;
    gdouble e = dir > 0 ? MIN (q, t1) : MAX (q, t1);
    gdouble m = (t + e) / 2 * G_PI / 180;
    gdouble ox = (cos (m) > 0 ? 1 : -1) * (A - rx);
    gdouble oy = (sin (m) > 0 ? 1 : -1) * (B - ry);
    gint n = (gint) ceil (fabs (e - t) / 6);

    for (gint k = 0; k <= n; k++) {
      gdouble tt = (t + (e - t) * k / n) * G_PI / 180;
      gdouble x = cx + ox + rx * cos (tt), y = cy + oy + ry * sin (tt);
      if (k == 0 && !cairo_has_current_point (p->cr))
        cairo_move_to (p->cr, x, y);
      else
        cairo_line_to (p->cr, x, y);
    }
    t = e;
  }
}

static void
ring (Pen * p, gdouble cu, gdouble cv, gdouble a, gdouble b)
{
  cairo_new_sub_path (p->cr);
  bowl (p, cu, cv, a, b, 0, 360);
  cairo_close_path (p->cr);
}

/* The centreline of @c, whose ink fills (0, -@h) to (@w, 0) when
 * stroked at @lw. */
static void
glyph_path (cairo_t * cr, const PlateStrokeStyle * st, gchar c, gdouble w,
    gdouble h, gdouble lw)
{
  Pen pen = { cr, lw / 2, -h + lw / 2, MAX (w - lw, 0), MAX (h - lw, 0),
    st->ellipse, st->corner
  };
  Pen *p = &pen;
  gdouble d;

  cairo_new_sub_path (cr);
  switch (c) {
    case 'A':
      mv (p, 0, 1);
      ln (p, 0.5, 0);
      ln (p, 1, 1);
      mv (p, 0.16, 0.68);
      ln (p, 0.84, 0.68);
      break;
    case 'B':
      mv (p, 0, 0.48);
      bowl (p, 0.46, 0.24, 0.46, 0.24, 90, -90);
      ln (p, 0, 0);
      ln (p, 0, 1);
      bowl (p, 0.5, 0.74, 0.5, 0.26, 90, -90);
      ln (p, 0, 0.48);
      break;
    case 'C':
      bowl (p, 0.5, 0.5, 0.5, 0.5, -38, -322);
      break;
    case 'D':
      mv (p, 0, 0);
      bowl (p, 0.5, 0.5, 0.5, 0.5, -90, 90);
      ln (p, 0, 1);
      cairo_close_path (cr);
      break;
    case 'E':
      mv (p, 1, 0);
      ln (p, 0, 0);
      ln (p, 0, 1);
      ln (p, 1, 1);
      mv (p, 0, 0.49);
      ln (p, 0.82, 0.49);
      break;
    case 'F':
      mv (p, 1, 0);
      ln (p, 0, 0);
      ln (p, 0, 1);
      mv (p, 0, 0.5);
      ln (p, 0.82, 0.5);
      break;
    case 'G':
      /* A C whose lower end turns up into a bar; CW's upright runs on
       * down to the baseline as a spur. */
      bowl (p, 0.5, 0.5, 0.5, 0.5, -38, -360);
      ln (p, 1, 0.56);
      ln (p, 0.55, 0.56);
      if (st->g_spur) {
        mv (p, 1, 0.56);
        ln (p, 1, 1);
      }
      break;
    case 'H':
      mv (p, 0, 0);
      ln (p, 0, 1);
      mv (p, 1, 0);
      ln (p, 1, 1);
      mv (p, 0, 0.5);
      ln (p, 1, 0.5);
      break;
    case 'I':
      mv (p, 0.5, 0);
      ln (p, 0.5, 1);
      break;
    case 'J':
      mv (p, 1, 0);
      bowl (p, 0.5, 0.7, 0.5, 0.3, 0, 165);
      break;
    case 'K':
      mv (p, 0, 0);
      ln (p, 0, 1);
      /* The arm runs on down the stem so that a square cap never
       * pokes out of its far side. */
      mv (p, 1, 0);
      ln (p, 0, 0.64);
      ln (p, 0, 1);
      mv (p, 0.36, 0.41);
      ln (p, 1, 1);
      break;
    case 'L':
      mv (p, 0, 0);
      ln (p, 0, 1);
      ln (p, 0.95, 1);
      break;
    case 'M':
      mv (p, 0, 1);
      ln (p, 0, 0);
      ln (p, 0.5, st->m_depth);
      ln (p, 1, 0);
      ln (p, 1, 1);
      break;
    case 'N':
      mv (p, 0, 1);
      ln (p, 0, 0);
      ln (p, 1, 1);
      ln (p, 1, 0);
      break;
    case 'O':
    case '0':
      ring (p, 0.5, 0.5, 0.5, 0.5);
      break;
    case 'P':
    case 'R':
      mv (p, 0, 1);
      ln (p, 0, 0);
      bowl (p, 0.5, 0.27, 0.5, 0.27, -90, 90);
      ln (p, 0, 0.54);
      if (c == 'R') {
        mv (p, 0.42, 0.54);
        ln (p, 1, 1);
      }
      break;
    case 'Q':
      ring (p, 0.5, 0.5, 0.5, 0.5);
      mv (p, 0.56, 0.66);
      ln (p, 1.02, 1.04);
      break;
    case 'S':
      bowl (p, 0.5, 0.25, 0.47, 0.25, -30, -270);
      bowl (p, 0.5, 0.75, 0.5, 0.25, -90, 150);
      break;
    case 'T':
      mv (p, 0, 0);
      ln (p, 1, 0);
      mv (p, 0.5, 0);
      ln (p, 0.5, 1);
      break;
    case 'U':
      mv (p, 0, 0);
      bowl (p, 0.5, 0.55, 0.5, 0.45, 180, 0);
      ln (p, 1, 0);
      break;
    case 'V':
      mv (p, 0, 0);
      ln (p, 0.5, 1);
      ln (p, 1, 0);
      break;
    case 'W':
      mv (p, 0, 0);
      ln (p, st->w_foot, 1);
      ln (p, 0.5, 1 - st->w_peak);
      ln (p, 1 - st->w_foot, 1);
      ln (p, 1, 0);
      break;
    case 'X':
      mv (p, 0, 0);
      ln (p, 1, 1);
      mv (p, 1, 0);
      ln (p, 0, 1);
      break;
    case 'Y':
      mv (p, 0, 0);
      ln (p, 0.5, 0.52);
      ln (p, 1, 0);
      mv (p, 0.5, 0.52);
      ln (p, 0.5, 1);
      break;
    case 'Z':
      mv (p, 0, 0);
      ln (p, 1, 0);
      ln (p, 0, 1);
      ln (p, 1, 1);
      break;
    case '1':
      /* Charles Wright's 1 is a flag and an upright, no foot. */
      d = st->one_foot ? 0.55 : 1;
      mv (p, 0, 0.3);
      ln (p, d, 0);
      ln (p, d, 1);
      if (st->one_foot) {
        mv (p, 0, 1);
        ln (p, 1, 1);
      }
      break;
    case '2':
      bowl (p, 0.5, 0.28, 0.5, 0.28, 200, 385);
      ln (p, 0, 1);
      ln (p, 1, 1);
      break;
    case '3':
      bowl (p, 0.5, 0.24, 0.45, 0.24, 205, 450);
      ln (p, 0.38, 0.48);
      bowl (p, 0.5, 0.74, 0.5, 0.26, -90, 155);
      break;
    case '4':
      if (st->four_open) {
        mv (p, 0.3, 0);
        ln (p, 0, 0.7);
        ln (p, 1, 0.7);
        mv (p, 0.74, 0.35);
        ln (p, 0.74, 1);
      } else {
        mv (p, 0.74, 1);
        ln (p, 0.74, 0);
        ln (p, 0, 0.7);
        ln (p, 1, 0.7);
      }
      break;
    case '5':
      mv (p, 0.92, 0);
      ln (p, 0.06, 0);
      ln (p, 0.02, 0.47);
      bowl (p, 0.5, 0.69, 0.5, 0.31, 235, 515);
      break;
    case '6':
      ring (p, 0.5, 0.67, 0.5, 0.33);
      mv (p, 0, 0.67);
      bowl (p, 0.5, 0.5, 0.5, 0.5, 180, 300);
      break;
    case '7':
      mv (p, 0, 0);
      ln (p, 1, 0);
      ln (p, 0.3, 1);
      if (st->seven_bar) {
        mv (p, 0.35, 0.52);
        ln (p, 0.95, 0.52);
      }
      break;
    case '8':
      ring (p, 0.5, 0.24, 0.44, 0.24);
      ring (p, 0.5, 0.74, 0.5, 0.26);
      break;
    case '9':
      ring (p, 0.5, 0.33, 0.5, 0.33);
      mv (p, 1, 0.33);
      bowl (p, 0.5, 0.5, 0.5, 0.5, 0, 120);
      break;
    default:
      break;
  }
}

void
platestroke_draw (cairo_t * cr, const PlateStrokeStyle * st, gchar c,
    gdouble w, gdouble h, gdouble lw, gdouble shear)
{
  cairo_matrix_t m0, sh;

  cairo_save (cr);
  cairo_get_matrix (cr, &m0);
  cairo_matrix_init (&sh, 1, 0, -shear, 1, 0, 0);
  cairo_transform (cr, &sh);
  /* Square caps of slanted strokes (A, V, X) would poke out below the
   * baseline and above the top: cut them flat, as the plate faces are. */
  cairo_rectangle (cr, -h, -h, w + 2 * h, h);
  cairo_clip (cr);
  glyph_path (cr, st, c, w, h, lw);
  /* Stroked in the unsheared space, so the pen stays round. */
  cairo_set_matrix (cr, &m0);
  set_pen (cr, st, lw);
  cairo_stroke (cr);
  cairo_restore (cr);
}
