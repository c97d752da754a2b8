/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Wider plate styles, part two: the line of characters (its font, size
 * and spacing) with whatever stands between its groups (national badges,
 * seals, emblems, state graphics).  The fonts and registrations are
 * platestyle.c, the plate around the line platedraw.c. */

#include "platestyle.h"

#include <math.h>
#include <string.h>

void
platestyle_random_glyphs (GRand * rand, PlateFontRole role, gdouble plate_h,
    gdouble h_lo, gdouble h_hi, PlateGlyphStyle * gs)
{
  gdouble r;

  memset (gs, 0, sizeof (*gs));
  gs->face = platestyle_font (rand, role);
  gs->char_h = plate_h * g_rand_double_range (rand, h_lo, h_hi);
  gs->width = g_rand_double_range (rand, 0.75, 1.25);
  gs->cell = g_rand_double (rand) < (role == FONT_GLYPH_GB ? 0.6 : 0.2);
  gs->spacing = gs->char_h * g_rand_double_range (rand, 0.04, 0.2);
  gs->group_gap = gs->char_h * g_rand_double_range (rand, 0.2, 0.6);
  if (g_rand_double (rand) < 0.12)
    gs->shear = g_rand_double_range (rand, -0.06, 0.2);
  r = g_rand_double (rand);
  if (r < 0.25)
    gs->weight = -gs->char_h * g_rand_double_range (rand, 0.01, 0.035);
  else if (r < 0.75)
    gs->weight = gs->char_h * g_rand_double_range (rand, 0.0, 0.05);
  gs->graphic = g_rand_int_range (rand, 0, 4);

  /* The stroke typeface, in the family of the role's real plates:
   * Charles Wright on GB, DIN on the EU's, US gothic on half the US
   * stroked ones (Texas's and California's condensed monoline faces,
   * whose M and W readers trained on fonts take for H). */
  r = g_rand_double (rand);
  if (r < (role == FONT_GLYPH_GB ? 0.5 : role == FONT_GLYPH_EU ? 0.3 :
          role == FONT_GLYPH_US ? 0.45 : 0)) {
    static const PlateStrokeFamily families[][4] = {
      {PLATESTROKE_DIN, PLATESTROKE_CHARLES_WRIGHT, PLATESTROKE_MIX},
      {PLATESTROKE_CHARLES_WRIGHT, PLATESTROKE_DIN, PLATESTROKE_MIX},
      {PLATESTROKE_US_GOTHIC, PLATESTROKE_MIX, PLATESTROKE_CHARLES_WRIGHT,
          PLATESTROKE_DIN},
    };
    /* cumulative odds of all but the last family of the role */
    static const gdouble odds[][3] = { {0.75, 0.85, 1.0}, {0.8, 0.9, 1.0},
    {0.5, 0.8, 0.9}
    };
    guint k = 0;

    r = g_rand_double (rand);
    while (k < 3 && r >= odds[role][k])
      k++;
    platestroke_random (rand, families[role][k], &gs->stroke);
    gs->stroked = TRUE;
    /* The typeface has its own width; the font's 0.75 .. 1.25 would
     * undo it. */
    gs->width = g_rand_double_range (rand, 0.95, 1.05);
  }
  /* Arizona's cactus and the like stand just left of the first
   * character, as tall as it: a reader must not take them for one. */
  if (role == FONT_GLYPH_US)
    gs->emblem = g_rand_double (rand) < 0.15;
}

/* The coat of arms of a district or country: a shield, simplified to
 * what a camera resolves. */
static void
draw_badge (cairo_t * cr, GRand * rand, const gchar * code, gdouble cx,
    gdouble cy, gdouble bw, gdouble bh)
{
  gdouble x = cx - bw / 2, y = cy - bh / 2;

  cairo_save (cr);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + bw, y);
  cairo_line_to (cr, x + bw, y + bh * 0.55);
  cairo_curve_to (cr, x + bw, y + bh * 0.85, cx + bw * 0.1, y + bh * 0.95,
      cx, y + bh);
  cairo_curve_to (cr, cx - bw * 0.1, y + bh * 0.95, x, y + bh * 0.85,
      x, y + bh * 0.55);
  cairo_close_path (cr);
  cairo_save (cr);
  cairo_clip_preserve (cr);
  if (!strcmp (code, "HR")) {
    /* Red and white checks under a crown of five small shields. */
    cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.8, 0.1, 0.15);
    for (gint i = 0; i < 5; i++)
      for (gint j = 0; j < 5; j++)
        if ((i + j) % 2 == 0)
          cairo_rectangle (cr, x + i * bw / 5, y + j * bh / 5, bw / 5,
              bh / 5);
    cairo_fill (cr);
  } else if (!strcmp (code, "SK")) {
    /* White double cross on blue hills, on red. */
    cairo_set_source_rgb (cr, 0.85, 0.1, 0.15);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.1, 0.25, 0.65);
    cairo_arc (cr, cx, y + bh * 1.05, bw * 0.45, G_PI, 2 * G_PI);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_rectangle (cr, cx - bw * 0.06, y + bh * 0.12, bw * 0.12, bh * 0.62);
    cairo_rectangle (cr, cx - bw * 0.3, y + bh * 0.25, bw * 0.6, bh * 0.08);
    cairo_rectangle (cr, cx - bw * 0.38, y + bh * 0.42, bw * 0.76, bh * 0.09);
    cairo_fill (cr);
  } else if (!strcmp (code, "SI")) {
    cairo_set_source_rgb (cr, 0.1, 0.3, 0.7);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_move_to (cr, x, y + bh * 0.75);
    cairo_line_to (cr, cx - bw * 0.2, y + bh * 0.45);
    cairo_line_to (cr, cx, y + bh * 0.3);
    cairo_line_to (cr, cx + bw * 0.2, y + bh * 0.45);
    cairo_line_to (cr, x + bw, y + bh * 0.75);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.95, 0.8, 0.1);
    plategen_star (cr, cx, y + bh * 0.15, bw * 0.09);
    cairo_fill (cr);
  } else if (!strcmp (code, "RS")) {
    /* White eagle on red. */
    cairo_set_source_rgb (cr, 0.78, 0.1, 0.15);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.97, 0.97, 0.95);
    cairo_arc (cr, cx, y + bh * 0.42, bw * 0.25, 0, 2 * G_PI);
    cairo_rectangle (cr, cx - bw * 0.06, y + bh * 0.5, bw * 0.12, bh * 0.3);
    cairo_fill (cr);
  } else {
    /* A province's arms (AT and the rest): a field split in two
     * colours with a charge, never a plain bar that reads as a sign. */
    static const gdouble tinct[][3] = {
      {0.8, 0.1, 0.15}, {0.1, 0.55, 0.25}, {0.95, 0.8, 0.1},
      {0.1, 0.25, 0.65}, {0.97, 0.97, 0.95}, {0.05, 0.05, 0.05},
    };
    guint n = G_N_ELEMENTS (tinct), a = g_rand_int_range (rand, 0, n);
    guint b = (a + g_rand_int_range (rand, 1, n)) % n;
    guint c = (b + g_rand_int_range (rand, 1, n)) % n;
    cairo_set_source_rgb (cr, tinct[a][0], tinct[a][1], tinct[a][2]);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, tinct[b][0], tinct[b][1], tinct[b][2]);
    cairo_move_to (cr, x, y);
    cairo_line_to (cr, x + bw, y + bh);
    cairo_line_to (cr, x, y + bh);
    cairo_close_path (cr);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, tinct[c][0], tinct[c][1], tinct[c][2]);
    cairo_arc (cr, cx, y + bh * 0.4, bw * 0.2, 0, 2 * G_PI);
    cairo_fill (cr);
  }
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, bw * 0.05);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* German registration seal and inspection sticker, stacked. */
static void
draw_seals (cairo_t * cr, GRand * rand, gdouble cx, gdouble y_mid,
    gdouble char_h, gboolean both)
{
  static const gdouble hu[][3] = {
    {0.95, 0.5, 0.1}, {0.2, 0.5, 0.85}, {0.95, 0.85, 0.2},
    {0.55, 0.35, 0.2}, {0.95, 0.6, 0.75}, {0.3, 0.7, 0.3},
  };
  gdouble d = char_h * 0.42;
  gdouble cy[2] = { y_mid - char_h * 0.24, y_mid + char_h * 0.24 };

  for (guint k = both ? 0 : 1; k < 2; k++) {
    cairo_arc (cr, cx, cy[k], d / 2, 0, 2 * G_PI);
    if (k == 0) {
      const gdouble *c = hu[g_rand_int_range (rand, 0, G_N_ELEMENTS (hu))];
      cairo_set_source_rgb (cr, c[0], c[1], c[2]);
      cairo_fill (cr);
      /* The month segments and the year in the middle. */
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.7);
      cairo_set_line_width (cr, d * 0.03);
      for (guint i = 0; i < 12; i++) {
        gdouble a = i * G_PI / 6;
        cairo_move_to (cr, cx + d * 0.22 * cos (a), cy[k] + d * 0.22 * sin (a));
        cairo_line_to (cr, cx + d * 0.48 * cos (a), cy[k] + d * 0.48 * sin (a));
      }
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy[k], d * 0.2, 0, 2 * G_PI);
      cairo_fill (cr);
    } else {
      cairo_set_source_rgb (cr, 0.85, 0.85, 0.82);
      cairo_fill (cr);
      cairo_set_line_width (cr, d * 0.06);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      cairo_arc (cr, cx, cy[k], d * 0.44, 0, 2 * G_PI);
      cairo_stroke (cr);
      /* The state's arms, in the colours of most of them. */
      cairo_set_source_rgb (cr, g_rand_boolean (rand) ? 0.75 : 0.1,
          0.15, g_rand_boolean (rand) ? 0.15 : 0.55);
      cairo_rectangle (cr, cx - d * 0.16, cy[k] - d * 0.2, d * 0.32, d * 0.38);
      cairo_fill (cr);
    }
  }
}

/* Width left of the characters for an emblem, in character heights. */
#define EMBLEM_ROOM 0.6

/* A cactus standing on @base, @h high, its stem's right side at @right. */
static void
draw_emblem (cairo_t * cr, GRand * rand, gdouble right, gdouble base,
    gdouble h, const gdouble ink[3])
{
  gdouble w = h * g_rand_double_range (rand, 0.12, 0.2);
  gdouble cx = right - w / 2 - h * 0.18;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, w);
  cairo_move_to (cr, cx, base);
  cairo_line_to (cr, cx, base - h + w / 2);
  /* an arm either side, up from part-way */
  cairo_move_to (cr, cx, base - h * 0.35);
  cairo_line_to (cr, cx - h * 0.18, base - h * 0.35);
  cairo_line_to (cr, cx - h * 0.18, base - h * 0.65);
  cairo_move_to (cr, cx, base - h * 0.5);
  cairo_line_to (cr, cx + h * 0.18, base - h * 0.5);
  cairo_line_to (cr, cx + h * 0.18, base - h * 0.75);
  if (g_rand_boolean (rand))
    cairo_set_source_rgb (cr, 0.15, 0.4, 0.25);
  else
    cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* US: a state outline (a random blob), a star, a heart in a circle or a
 * fruit (Florida's orange). */
static void
draw_graphic (cairo_t * cr, GRand * rand, guint kind, gdouble cx, gdouble cy,
    gdouble size, const gdouble ink[3])
{
  if (kind == 3) {
    gdouble r = size * 0.5;
    cairo_arc (cr, cx, cy + r * 0.1, r, 0, 2 * G_PI);
    cairo_set_source_rgb (cr, 0.97, 0.55, 0.1);
    cairo_fill (cr);
    cairo_save (cr);
    cairo_translate (cr, cx + r * 0.45, cy - r * 0.85);
    cairo_rotate (cr, -0.5);
    cairo_scale (cr, r * 0.6, r * 0.28);
    cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
    cairo_restore (cr);
    cairo_set_source_rgb (cr, 0.2, 0.5, 0.2);
    cairo_fill (cr);
  } else if (kind == 0) {
    guint n = g_rand_int_range (rand, 7, 12);
    for (guint i = 0; i < n; i++) {
      gdouble a = i * 2 * G_PI / n, rr = size * 0.5 *
          g_rand_double_range (rand, 0.6, 1.0);
      if (i == 0)
        cairo_move_to (cr, cx + rr * cos (a), cy + rr * sin (a));
      else
        cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
    }
    cairo_close_path (cr);
    cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
    cairo_fill (cr);
  } else if (kind == 1) {
    plategen_star (cr, cx, cy, size * 0.45);
    cairo_set_source_rgb (cr, 0.8, 0.15, 0.15);
    cairo_fill (cr);
  } else {
    gdouble s = size * 0.22;
    cairo_arc (cr, cx, cy, size * 0.48, 0, 2 * G_PI);
    cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
    cairo_fill (cr);
    cairo_move_to (cr, cx, cy + s * 1.4);
    cairo_curve_to (cr, cx - s * 2.2, cy, cx - s, cy - s * 1.6,
        cx, cy - s * 0.5);
    cairo_curve_to (cr, cx + s, cy - s * 1.6, cx + s * 2.2, cy,
        cx, cy + s * 1.4);
    cairo_set_source_rgb (cr, 0.9, 0.2, 0.25);
    cairo_fill (cr);
  }
}

static gdouble
sep_width (PlateSep s, const PlateGlyphStyle * gs, gdouble char_h)
{
  switch (s) {
    case PLATE_SEP_SPACE:
      return gs->group_gap * char_h / gs->char_h;
    case PLATE_SEP_HYPHEN:
      return 2 * gs->spacing + char_h * 0.3;
    case PLATE_SEP_DOT:
      return 2 * gs->spacing + char_h * 0.14;
    case PLATE_SEP_SEALS:
      return 2 * gs->spacing + char_h * 0.46;
    case PLATE_SEP_BADGE:
      return 2 * gs->spacing + char_h * 0.42;
    case PLATE_SEP_GRAPHIC:
      return 2 * gs->spacing + char_h * 0.55;
    case PLATE_SEP_NONE:
    default:
      return gs->spacing;
  }
}

gdouble
platestyle_draw_text (cairo_t * cr, const PlateSpec * spec,
    const PlateGlyphStyle * gs, gdouble x0, gdouble x1, gdouble y_mid)
{
  cairo_text_extents_t ext[PLATE_TEXT_MAX], e;
  gdouble cw[PLATE_TEXT_MAX], sxs[PLATE_TEXT_MAX], sepw[PLATE_TEXT_MAX];
  gdouble char_h = gs->char_h, cap, sy, total, fit = 1, x, lw, room;
  guint n = strlen (spec->text);
  GRand *rand = g_rand_new_with_seed (spec->detail_seed ^ 0x5eed);
  cairo_pattern_t *mask;

  cairo_save (cr);
  if (gs->stroked) {
    /* Extents as a font of size 100 with a cap height of 100 would
     * give, so the layout below serves both. */
    cap = 100;
    memset (ext, 0, sizeof (ext));
    for (guint i = 0; i < n; i++)
      ext[i].width = 100 * platestroke_advance (&gs->stroke, spec->text[i]);
  } else {
    cairo_set_font_face (cr, gs->face);
    cairo_set_font_size (cr, 100);
    cairo_text_extents (cr, "H", &e);
    cap = MAX (-e.y_bearing, 1);
    for (guint i = 0; i < n; i++) {
      gchar s[2] = { spec->text[i], 0 };
      cairo_text_extents (cr, s, &ext[i]);
    }
  }

  /* Long registrations squeeze; past 0.7 they lose height as well, as
   * the narrow fonts of real long plates. */
  for (guint pass = 0; pass < 2; pass++) {
    gdouble cell_w = char_h * (gs->stroked ? gs->stroke.width : 0.63) *
        gs->width;
    sy = char_h / cap;
    total = 0;
    for (guint i = 0; i < n; i++) {
      gdouble natural = sy * gs->width;
      gchar c = spec->text[i];
      /* The stroke typeface's narrow characters (0, M, W) keep their
       * width in a cell. */
      if (gs->cell && !gs->stroked && c != '1' && c != 'I' &&
          ext[i].width > 0) {
        sxs[i] = CLAMP (cell_w / ext[i].width, 0.8 * natural, 1.5 * natural);
        cw[i] = cell_w;
      } else {
        sxs[i] = natural;
        cw[i] = gs->cell ? cell_w : ext[i].width * natural;
      }
      sepw[i] = i ? sep_width (spec->sep[i], gs, char_h) : 0;
      total += cw[i] + sepw[i];
    }
    /* Slanted tops reach further by the shear over the cap height; an
     * emblem takes room on the left. */
    fit = MIN (1.0, (x1 - x0 - fabs (gs->shear) * char_h -
            (gs->emblem ? char_h * EMBLEM_ROOM : 0)) / total);
    if (fit >= 0.7)
      break;
    char_h *= fit / 0.7;
  }
  room = gs->emblem ? char_h * EMBLEM_ROOM : 0;

  /* Characters, hyphens and dots as one mask, so the stroke that
   * thickens or thins them treats them alike. */
  cairo_push_group_with_content (cr, CAIRO_CONTENT_ALPHA);
  cairo_set_source_rgb (cr, 0, 0, 0);
  /* The stroke typeface takes the weight into its line width. */
  lw = gs->stroke.stroke * char_h + gs->weight;
  lw = CLAMP (lw, 0.07 * char_h, 0.24 * char_h);
  x = x0 + room + ((x1 - x0 - room) - total * fit) / 2;
  for (guint i = 0; i < n; i++) {
    gchar s[2] = { spec->text[i], 0 };
    gdouble sx = sxs[i] * fit, ink_w = ext[i].width * sx;
    cairo_matrix_t shear;
    if (i > 0) {
      gdouble sc = x + sepw[i] * fit / 2;
      if (spec->sep[i] == PLATE_SEP_HYPHEN)
        cairo_rectangle (cr, sc - char_h * 0.15 * fit,
            y_mid - char_h * 0.055, char_h * 0.3 * fit, char_h * 0.11);
      else if (spec->sep[i] == PLATE_SEP_DOT) {
        cairo_new_sub_path (cr);
        cairo_arc (cr, sc, y_mid, char_h * 0.065, 0, 2 * G_PI);
      }
      x += sepw[i] * fit;
    }
    if (gs->stroked) {
      /* Separators are filled, the characters stroked, each at once. */
      cairo_fill (cr);
      cairo_save (cr);
      cairo_translate (cr, x + (cw[i] * fit - ink_w) / 2 -
          gs->shear * char_h / 2, y_mid + char_h / 2);
      platestroke_draw (cr, &gs->stroke, spec->text[i], ink_w, char_h, lw,
          gs->shear);
      cairo_restore (cr);
      x += cw[i] * fit;
      continue;
    }
    cairo_save (cr);
    cairo_translate (cr, x + (cw[i] * fit - ink_w) / 2 -
        ext[i].x_bearing * sx - gs->shear * char_h / 2, y_mid + char_h / 2);
    cairo_matrix_init (&shear, 1, 0, -gs->shear, 1, 0, 0);
    cairo_transform (cr, &shear);
    cairo_scale (cr, sx, sy);
    cairo_move_to (cr, 0, 0);
    cairo_text_path (cr, s);
    cairo_restore (cr);
    x += cw[i] * fit;
  }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_fill_preserve (cr);
  if (gs->weight != 0 && !gs->stroked) {
    if (gs->weight < 0)
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
    cairo_set_line_width (cr, fabs (gs->weight));
    cairo_stroke (cr);
  }
  cairo_new_path (cr);
  mask = cairo_pop_group (cr);

  if (gs->shadow > 0) {
    cairo_save (cr);
    cairo_translate (cr, gs->shadow, gs->shadow);
    cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
    cairo_mask (cr, mask);
    cairo_restore (cr);
  }
  if (gs->emboss > 0) {
    cairo_save (cr);
    cairo_translate (cr, -gs->emboss, -gs->emboss);
    cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
    cairo_mask (cr, mask);
    cairo_translate (cr, 2 * gs->emboss, 2 * gs->emboss);
    cairo_set_source_rgba (cr, 0, 0, 0, 0.4);
    cairo_mask (cr, mask);
    cairo_restore (cr);
  }
  cairo_set_source_rgb (cr, gs->ink[0], gs->ink[1], gs->ink[2]);
  cairo_mask (cr, mask);
  cairo_pattern_destroy (mask);

  /* Seals, arms and graphics in their own colours. */
  x = x0 + room + ((x1 - x0 - room) - total * fit) / 2;
  if (gs->emblem)
    draw_emblem (cr, rand, x - char_h * 0.05, y_mid + char_h / 2,
        char_h * g_rand_double_range (rand, 0.8, 1.0), gs->ink);
  for (guint i = 0; i < n; i++) {
    if (i > 0) {
      gdouble sc = x + sepw[i] * fit / 2;
      switch (spec->sep[i]) {
        case PLATE_SEP_SEALS:
          draw_seals (cr, rand, sc, y_mid, char_h,
              g_rand_double (rand) < 0.7);
          break;
        case PLATE_SEP_BADGE:
          draw_badge (cr, rand, platestyle_country (spec->variant)->code, sc,
              y_mid, char_h * 0.36 * MAX (fit, 0.8), char_h * 0.48);
          break;
        case PLATE_SEP_GRAPHIC:
          draw_graphic (cr, rand, gs->graphic, sc, y_mid,
              char_h * 0.5 * MAX (fit, 0.8), gs->ink);
          break;
        default:
          break;
      }
      x += sepw[i] * fit;
    }
    x += cw[i] * fit;
  }
  cairo_restore (cr);
  g_rand_free (rand);
  return char_h;
}

void
platestyle_show_text (cairo_t * cr, cairo_font_face_t * font,
    const gchar * text, gdouble cx, gdouble y, gdouble size, gdouble max_w)
{
  cairo_text_extents_t e;
  gdouble cap, scale;

  cairo_save (cr);
  cairo_set_font_face (cr, font);
  cairo_set_font_size (cr, 100);
  cairo_text_extents (cr, "H", &e);
  cap = MAX (-e.y_bearing, 1);
  scale = size / cap;
  cairo_text_extents (cr, text, &e);
  if (e.width * scale > max_w)
    scale = max_w / MAX (e.width, 1);
  cairo_translate (cr, cx - (e.width / 2 + e.x_bearing) * scale, y);
  cairo_scale (cr, scale, scale);
  cairo_move_to (cr, 0, 0);
  cairo_show_text (cr, text);
  cairo_restore (cr);
}
