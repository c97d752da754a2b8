/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* A parametric plate typeface drawn as monoline centreline strokes, for
 * `anpr-synth plates --variety`: the plate faces themselves (Charles
 * Wright 2001 on GB plates, DIN 1451 Mittelschrift on SK, CZ, DE) look
 * like none of the installed fonts closely enough, and their telling
 * shapes (the shallow DIN M, the flagged 1 without a foot) are what the
 * reader has to learn. */

#ifndef __PLATESTROKE_H__
#define __PLATESTROKE_H__

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

typedef enum
{
  PLATESTROKE_CHARLES_WRIGHT,   /* GB: round bowls, deep M, flagged 1 */
  PLATESTROKE_DIN,              /* EU: condensed, squarish bowls, shallow M */
  PLATESTROKE_MIX,              /* anything in between */
  PLATESTROKE_US_GOTHIC,        /* US (CA, TX, ...): narrow, W and M whose
                                 * middle strokes reach the far edge */
} PlateStrokeFamily;

/* All lengths in units of the character height. */
typedef struct
{
  PlateStrokeFamily family;
  gdouble width;                /* ink width of a normal character */
  gdouble stroke;               /* line width */
  gdouble ellipse;              /* bowls: 1 ellipses, 0 round-cornered boxes */
  gdouble corner;               /* bowl corner radius, of the half width */
  gdouble m_depth;              /* M's vertex below the top */
  gdouble w_peak;               /* W's middle peak above the baseline */
  gdouble w_foot;               /* W's feet in from its sides, of its width */
  gdouble zero_w;               /* 0's width against O's */
  gdouble mw_w;                 /* M and W's width against the rest */
  gboolean one_foot;            /* 1 with a foot as well as the flag */
  gboolean four_open;           /* 4 with an open top */
  gboolean seven_bar;           /* 7 crossed */
  gboolean g_spur;              /* G's upright runs down to the baseline */
  gboolean round_caps;          /* else square cut ends */
} PlateStrokeStyle;

void platestroke_random (GRand * rand, PlateStrokeFamily family,
    PlateStrokeStyle * st);

/* Ink width of @c, in units of the character height. */
gdouble platestroke_advance (const PlateStrokeStyle * st, gchar c);

/* Strokes @c so that its ink fills the box from (0, -@h) to (@w, 0) of
 * the current user space, sheared by @shear (x offset per unit of height
 * upwards), with a monoline pen of width @lw in that space. */
void platestroke_draw (cairo_t * cr, const PlateStrokeStyle * st, gchar c,
    gdouble w, gdouble h, gdouble lw, gdouble shear);

G_END_DECLS

#endif /* __PLATESTROKE_H__ */
