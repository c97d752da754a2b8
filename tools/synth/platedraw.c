/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Wider plate styles, part two: the plate around the characters.  EU
 * plates with their national bands, seals and stripes, GB plates with
 * flags, show-plate fonts and supplier legends, US plates with state
 * headers, slogans, scenery, stickers and dealer frames.  Everything is
 * drawn from @spec->detail_seed, in plate millimetres. */

#include "platestyle.h"

#include <math.h>
#include <string.h>

static const gchar *const us_slogans[] = {
  "Sunshine State", "Live Free or Die", "Great Lakes", "Land of Lincoln",
  "dmv.ca.gov", "Empire State", "Garden State", "Lone Star State",
  "visit florida", "Famous Potatoes", "Grand Canyon State", "The Natural State",
  "Centennial State", "Aloha State", "Show Me State", "Big Sky Country",
  "First in Flight", "Keystone State", "Ocean State", "Volunteer State",
  "Green Mountain State", "Evergreen State", "Wild Wonderful",
  "America's Dairyland", "Peace Garden State", "Beehive State",
  "10,000 Lakes", "Sportsman's Paradise", "Heart of Dixie", "Vacationland",
  "Treasure State", "Pure Michigan", "In God We Trust", "Blue Grass State",
  "Land of Enchantment", "Battle Born", "Drive Safely", "Friendly",
  "EXPLORE MINNESOTA", "Endless Possibilities", "Spirit of America",
  "dmv.org", "Discover Texas", "Smile", "Wine Country", "Salute Veterans",
};

static const gchar *const us_counties[] = {
  "MIAMI-DADE", "BROWARD", "ORANGE", "COOK", "HARRIS", "MARICOPA",
  "KING", "WAYNE", "FRANKLIN", "JEFFERSON", "MONTGOMERY", "MADISON",
  "WASHINGTON", "JACKSON", "LINCOLN", "MARION", "POLK", "CLAY", "LAKE",
  "HILLSBOROUGH", "PINELLAS", "DUVAL", "TRAVIS", "DALLAS", "FULTON",
  "COUNTY", "SUFFOLK", "ESSEX", "BERGEN", "ALLEGHENY",
};

static const gchar *const dealers[] = {
  "SMITH FORD", "AUTONATION", "Bob's Auto Mall", "CERTIFIED PRE-OWNED",
  "I'd rather be fishing", "HONDA OF DOWNTOWN", "Toyota of Riverside",
  "CARMAX", "GO BLUE", "Proud Parent", "RIVERSIDE CHEVROLET",
  "SUBARU WORLD", "Hometown Motors", "MY OTHER CAR IS A BOAT",
  "AUTOHAUS MUELLER", "AUTO CENTRUM", "CAR GROUP", "MOTORS LTD",
  "Arnold Clark", "EVANS HALSHAW", "BS AU 145e", "AUTOSALON BRNO",
  "AUTO PLUS", "POLMOTOR", "AUTOKUCA ZAGREB", "KIA CENTAR",
};

static const gdouble us_inks[][3] = {
  {0.06, 0.1, 0.42}, {0.03, 0.03, 0.05}, {0.7, 0.06, 0.08},
  {0.04, 0.3, 0.12}, {0.42, 0.04, 0.1}, {0.1, 0.1, 0.3},
};

static void
rgb (cairo_t * cr, const gdouble c[3])
{
  cairo_set_source_rgb (cr, c[0], c[1], c[2]);
}

static void
mix (gdouble out[3], const gdouble a[3], const gdouble b[3], gdouble t)
{
  for (guint i = 0; i < 3; i++)
    out[i] = a[i] * (1 - t) + b[i] * t;
}

static void
random_hue (GRand * rand, gdouble out[3])
{
  gdouble h = g_rand_double (rand) * 6, f = h - floor (h);
  gdouble v = g_rand_double_range (rand, 0.4, 0.9), s =
      g_rand_double_range (rand, 0.4, 1);
  gdouble p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));

  switch ((gint) h % 6) {
    case 0:
      out[0] = v, out[1] = t, out[2] = p;
      break;
    case 1:
      out[0] = q, out[1] = v, out[2] = p;
      break;
    case 2:
      out[0] = p, out[1] = v, out[2] = t;
      break;
    case 3:
      out[0] = p, out[1] = q, out[2] = v;
      break;
    case 4:
      out[0] = t, out[1] = p, out[2] = v;
      break;
    default:
      out[0] = v, out[1] = p, out[2] = q;
      break;
  }
}

/* Black, very dark grey or very dark blue, faded by wear. */
static void
eu_ink (GRand * rand, const PlateSpec * spec, const gdouble bg[3],
    gdouble ink[3])
{
  gdouble r = g_rand_double (rand);

  if (spec->format == PLATE_EU &&
      (platestyle_country (spec->variant)->flags & COUNTRY_RED_TEXT)) {
    ink[0] = g_rand_double_range (rand, 0.62, 0.8);
    ink[1] = g_rand_double_range (rand, 0.03, 0.1);
    ink[2] = g_rand_double_range (rand, 0.08, 0.16);
  } else if (r < 0.6) {
    ink[0] = ink[1] = ink[2] = g_rand_double_range (rand, 0.01, 0.08);
  } else if (r < 0.8) {
    ink[0] = ink[1] = ink[2] = g_rand_double_range (rand, 0.1, 0.22);
  } else {
    ink[0] = ink[1] = g_rand_double_range (rand, 0.03, 0.08);
    ink[2] = g_rand_double_range (rand, 0.15, 0.28);
  }
  mix (ink, ink, bg, spec->wear * 0.45);
}

static void
plate_background (GRand * rand, gboolean yellow, gdouble bg[3])
{
  if (yellow) {
    bg[0] = 0.97 + g_rand_double_range (rand, -0.03, 0.02);
    bg[1] = g_rand_double_range (rand, 0.74, 0.86);
    bg[2] = g_rand_double_range (rand, 0.0, 0.1);
  } else {
    gdouble v = g_rand_double_range (rand, 0.92, 0.99);
    for (guint i = 0; i < 3; i++)
      bg[i] = v + g_rand_double_range (rand, -0.015, 0.01);
  }
}

/* The union flag, the saltire, St George's cross or a red dragon. */
static void
draw_flag (cairo_t * cr, guint kind, gdouble x, gdouble y, gdouble w,
    gdouble h)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  if (kind == 0 || kind == 1) {
    cairo_set_source_rgb (cr, kind ? 0.0 : 0.0, kind ? 0.37 : 0.14,
        kind ? 0.72 : 0.45);
    cairo_paint (cr);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_set_line_width (cr, h * 0.25);
    cairo_move_to (cr, x, y);
    cairo_line_to (cr, x + w, y + h);
    cairo_move_to (cr, x + w, y);
    cairo_line_to (cr, x, y + h);
    cairo_stroke (cr);
  } else {
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
  }
  if (kind == 0 || kind == 2) {
    if (kind == 0) {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, x, y + h * 0.35, w, h * 0.3);
      cairo_rectangle (cr, x + w / 2 - h * 0.15, y, h * 0.3, h);
      cairo_fill (cr);
    }
    cairo_set_source_rgb (cr, 0.8, 0.07, 0.18);
    cairo_rectangle (cr, x, y + h * 0.42, w, h * 0.16);
    cairo_rectangle (cr, x + w / 2 - h * 0.08, y, h * 0.16, h);
    cairo_fill (cr);
  } else if (kind == 3) {
    cairo_set_source_rgb (cr, 0.0, 0.6, 0.25);
    cairo_rectangle (cr, x, y + h / 2, w, h / 2);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.8, 0.1, 0.15);
    cairo_arc (cr, x + w / 2, y + h / 2, h * 0.3, 0, 2 * G_PI);
    cairo_fill (cr);
  }
  cairo_restore (cr);
}

/* The blue band: stars or a flag, and the country letters. */
static void
draw_band (cairo_t * cr, GRand * rand, const gchar * letters, gint flag,
    gboolean stars, gdouble x, gdouble bw, gdouble h)
{
  gdouble blue[3] = { g_rand_double_range (rand, 0.0, 0.08),
    g_rand_double_range (rand, 0.16, 0.3), g_rand_double_range (rand, 0.5,
        0.7)
  };
  gdouble cx = x + bw / 2, size;

  rgb (cr, blue);
  cairo_rectangle (cr, x, 0, bw, h);
  cairo_fill (cr);
  if (stars) {
    cairo_set_source_rgb (cr, 1.0, g_rand_double_range (rand, 0.75, 0.85),
        0.0);
    for (guint i = 0; i < 12; i++) {
      gdouble a = i * G_PI / 6;
      plategen_star (cr, cx + bw * 0.28 * cos (a), h * 0.3 + bw * 0.28 *
          sin (a), bw * 0.065);
    }
    cairo_fill (cr);
  } else if (flag >= 0) {
    draw_flag (cr, flag, x + bw * 0.14, h * 0.14, bw * 0.72, bw * 0.44);
  }
  size = strlen (letters) > 2 ? h * 0.16 : h * g_rand_double_range (rand,
      0.19, 0.25);
  cairo_set_source_rgb (cr, 1, 1, 1);
  platestyle_show_text (cr, platestyle_font (rand, FONT_SANS), letters, cx,
      h * g_rand_double_range (rand, 0.82, 0.88), size, bw * 0.84);
}

static void
draw_screws (cairo_t * cr, GRand * rand, gdouble x0, gdouble x1, gdouble y,
    const gdouble bg[3])
{
  gboolean chrome = g_rand_boolean (rand);

  plategen_draw_screw (cr, x0, y, chrome, bg[0], bg[1], bg[2]);
  plategen_draw_screw (cr, x1, y, chrome, bg[0], bg[1], bg[2]);
}

/* Maker's legend in tiny print along the bottom edge. */
static void
small_print (cairo_t * cr, GRand * rand, gdouble cx, gdouble y, gdouble max_w)
{
  const gchar *t = dealers[g_rand_int_range (rand, 0, G_N_ELEMENTS (dealers))];

  cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.8);
  platestyle_show_text (cr, platestyle_font (rand, FONT_SANS), t, cx, y,
      g_rand_double_range (rand, 2.8, 4.5), max_w);
}

static void
render_eu (cairo_t * cr, const PlateSpec * spec, GRand * rand, gdouble w,
    gdouble h)
{
  const PlateCountry *c = platestyle_country (spec->variant);
  PlateGlyphStyle gs;
  gdouble bg[3], x0 = 0, x1 = w, top = 0, bottom = h, y_mid, char_h, pad;

  plate_background (rand, c->flags & COUNTRY_YELLOW, bg);
  rgb (cr, bg);
  cairo_paint (cr);

  if (!((c->flags & COUNTRY_NO_BAND) && g_rand_double (rand) < 0.7) &&
      g_rand_double (rand) > 0.03) {
    gdouble bw = g_rand_double_range (rand, 40, 50);
    draw_band (cr, rand, spec->country, !strcmp (c->code, "NO") ? 1 : -1,
        c->flags & COUNTRY_STARS, 0, bw, h);
    x0 = bw;
  }
  if (c->flags & (COUNTRY_RIGHT_BAND | COUNTRY_YEAR_BAND)) {
    gdouble bw = g_rand_double_range (rand, 36, 48), cx = w - bw / 2;
    gchar num[4];
    if (c->flags & COUNTRY_YEAR_BAND)
      cairo_set_source_rgb (cr, 0.97, 0.82, 0.05);
    else
      cairo_set_source_rgb (cr, 0.0, 0.2, 0.6);
    cairo_rectangle (cr, w - bw, 0, bw, h);
    cairo_fill (cr);
    if (!strcmp (c->code, "FR")) {
      /* Region logo over the department number. */
      gdouble logo[3];
      random_hue (rand, logo);
      rgb (cr, logo);
      plategen_rounded_rect (cr, cx - bw * 0.3, h * 0.12, bw * 0.6, h * 0.4,
          4);
      cairo_fill (cr);
    }
    if (!strcmp (c->code, "FR") || (c->flags & COUNTRY_YEAR_BAND) ||
        g_rand_boolean (rand)) {
      g_snprintf (num, sizeof (num), "%02d", g_rand_int_range (rand, 1, 96));
      if (c->flags & COUNTRY_YEAR_BAND)
        cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      platestyle_show_text (cr, platestyle_font (rand, FONT_SANS), num, cx,
          h * 0.85, h * 0.18, bw * 0.8);
    }
    x1 = w - bw;
  }
  if (c->flags & COUNTRY_STRIPES) {
    gdouble s = g_rand_double_range (rand, 6, 10);
    cairo_set_source_rgb (cr, 0.8, 0.08, 0.15);
    cairo_rectangle (cr, x0, 0, w - x0, s);
    cairo_rectangle (cr, x0, h - s, w - x0, s);
    cairo_fill (cr);
    top = s;
    bottom = h - s;
  }
  if (spec->border) {
    gdouble in = g_rand_double_range (rand, 2.5, 4.5);
    cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
    cairo_set_line_width (cr, g_rand_double_range (rand, 1.2, 2.8));
    plategen_rounded_rect (cr, x0 + in, top + in, x1 - x0 - 2 * in,
        bottom - top - 2 * in, 4);
    cairo_stroke (cr);
    top += in;
    bottom -= in;
    x0 += in;
    x1 -= in;
  }

  platestyle_random_glyphs (rand, FONT_GLYPH_EU, bottom - top, 0.55, 0.8, &gs);
  gs.char_h = MIN (gs.char_h, (bottom - top) * 0.86);
  eu_ink (rand, spec, bg, gs.ink);
  if (g_rand_double (rand) < 0.08)
    gs.emboss = g_rand_double_range (rand, 0.5, 1.2);
  y_mid = (top + bottom) / 2 + g_rand_double_range (rand, -2, 2);
  pad = g_rand_double_range (rand, 5, 14);
  char_h = platestyle_draw_text (cr, spec, &gs, x0 + pad, x1 - pad, y_mid);

  if (g_rand_double (rand) < 0.35 && y_mid + char_h / 2 < h - 6)
    small_print (cr, rand, (x0 + x1) / 2, h - 1.8, (x1 - x0) * 0.5);
  if (spec->screws && y_mid - char_h / 2 > 12)
    draw_screws (cr, rand, x0 + (x1 - x0) * 0.25, x0 + (x1 - x0) * 0.75,
        (y_mid - char_h / 2) / 2 + 0.5, bg);
  if (spec->dirt > 0)
    plategen_draw_dirt (cr, rand, w, h, spec->dirt);
}

static void
render_gb (cairo_t * cr, const PlateSpec * spec, GRand * rand, gdouble w,
    gdouble h)
{
  PlateGlyphStyle gs;
  gdouble bg[3], x0 = 0, x1 = w, y_mid, char_h, pad, r;

  plate_background (rand, spec->rear, bg);
  rgb (cr, bg);
  cairo_paint (cr);

  if (spec->band != PLATE_BAND_NONE) {
    gdouble bw = g_rand_double_range (rand, 42, 50);
    gint flag = -1;
    const gchar *letters = "GB";
    const gchar *code = plategen_band_code (spec->format);
    if (spec->band == PLATE_BAND_UK) {
      /* The union flag or a national flag, over "UK". */
      r = g_rand_double (rand);
      flag = r < 0.6 ? 0 : r < 0.75 ? 1 : r < 0.88 ? 2 : 3;
      letters = "UK";
    } else if (spec->band == PLATE_BAND_GB && g_rand_boolean (rand)) {
      flag = code ? -1 : 0;
    }
    if (code)
      letters = code;
    draw_band (cr, rand, letters, flag, spec->band == PLATE_BAND_EU, 0, bw,
        h);
    x0 = bw;
  }
  if (spec->border) {
    cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
    cairo_set_line_width (cr, g_rand_double_range (rand, 1.5, 3));
    plategen_rounded_rect (cr, x0 + 4, 4, w - x0 - 8, h - 8, 5);
    cairo_stroke (cr);
  }

  platestyle_random_glyphs (rand, FONT_GLYPH_GB, h, 0.55, 0.8, &gs);
  eu_ink (rand, spec, bg, gs.ink);
  r = g_rand_double (rand);
  /* Show plates: "3D" gel and "4D" raised acrylic characters. */
  if (r < 0.12)
    gs.shadow = g_rand_double_range (rand, 1.2, 3.0);
  else if (r < 0.2)
    gs.emboss = g_rand_double_range (rand, 0.6, 1.4);
  y_mid = h / 2 + g_rand_double_range (rand, -2, 1);
  pad = g_rand_double_range (rand, 6, 16);
  char_h = platestyle_draw_text (cr, spec, &gs, x0 + pad, x1 - pad, y_mid);

  if (g_rand_double (rand) < 0.6 && y_mid + char_h / 2 < h - 6)
    small_print (cr, rand, (x0 + x1) / 2, h - 1.8, (x1 - x0) * 0.45);
  if (spec->screws && y_mid - char_h / 2 > 12)
    draw_screws (cr, rand, 130, 390, (y_mid - char_h / 2) / 2 + 0.5, bg);
  if (spec->dirt > 0)
    plategen_draw_dirt (cr, rand, w, h, spec->dirt);
}

/* Pale scenery behind US characters: mountains, a sun, waves, a city
 * skyline or rolling hills. */
static void
us_scenery (cairo_t * cr, GRand * rand, gdouble w, gdouble h,
    const gdouble bg[3])
{
  guint n = g_rand_int_range (rand, 1, 3);

  for (guint k = 0; k < n; k++) {
    gdouble c[3];
    guint kind = g_rand_int_range (rand, 0, 5);
    random_hue (rand, c);
    mix (c, c, bg, g_rand_double_range (rand, 0.45, 0.75));
    rgb (cr, c);
    if (kind == 0) {
      gdouble base = h * g_rand_double_range (rand, 0.6, 0.9), x = 0;
      cairo_move_to (cr, 0, h);
      cairo_line_to (cr, 0, base);
      while (x < w) {
        x += g_rand_double_range (rand, 25, 70);
        cairo_line_to (cr, x, base - h * g_rand_double_range (rand, 0.1,
                0.45));
        x += g_rand_double_range (rand, 20, 60);
        cairo_line_to (cr, x, base);
      }
      cairo_line_to (cr, w, h);
      cairo_close_path (cr);
      cairo_fill (cr);
    } else if (kind == 1) {
      gdouble cx = w * g_rand_double_range (rand, 0.15, 0.85);
      gdouble cy = h * g_rand_double_range (rand, 0.3, 0.6);
      gdouble rr = g_rand_double_range (rand, 14, 36);
      cairo_arc (cr, cx, cy, rr, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_line_width (cr, 2.5);
      for (guint i = 0; i < 12; i++) {
        gdouble a = i * G_PI / 6;
        cairo_move_to (cr, cx + rr * 1.2 * cos (a), cy + rr * 1.2 * sin (a));
        cairo_line_to (cr, cx + rr * 1.6 * cos (a), cy + rr * 1.6 * sin (a));
      }
      cairo_stroke (cr);
    } else if (kind == 2) {
      guint bands = g_rand_int_range (rand, 1, 4);
      for (guint b = 0; b < bands; b++) {
        gdouble y0 = h * g_rand_double_range (rand, 0.68, 0.92);
        gdouble amp = g_rand_double_range (rand, 2, 6), ph =
            g_rand_double (rand) * 6;
        cairo_move_to (cr, 0, h);
        for (gdouble x = 0; x <= w; x += 5)
          cairo_line_to (cr, x, y0 + amp * sin (x / 22 + ph));
        cairo_line_to (cr, w, h);
        cairo_close_path (cr);
        cairo_fill (cr);
      }
    } else if (kind == 3) {
      gdouble x = g_rand_double_range (rand, -10, 20);
      gdouble base = h * g_rand_double_range (rand, 0.75, 0.95);
      while (x < w) {
        gdouble bwid = g_rand_double_range (rand, 8, 24);
        cairo_rectangle (cr, x, base - g_rand_double_range (rand, 10, 55),
            bwid, h);
        x += bwid + g_rand_double_range (rand, 0, 6);
      }
      cairo_fill (cr);
    } else {
      gdouble y0 = h * g_rand_double_range (rand, 0.6, 0.85);
      cairo_move_to (cr, 0, h);
      cairo_line_to (cr, 0, y0);
      cairo_curve_to (cr, w * 0.3, y0 - 30, w * 0.6, y0 + 25, w, y0 - 10);
      cairo_line_to (cr, w, h);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  }
}

/* Registration sticker: bright, with the year and month. */
static void
us_sticker (cairo_t * cr, GRand * rand, gdouble x, gdouble y)
{
  static const gchar *const months[] = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
    "NOV", "DEC",
  };
  gdouble c[3], sw = g_rand_double_range (rand, 22, 32), sh =
      g_rand_double_range (rand, 16, 22);
  gchar year[4];

  random_hue (rand, c);
  rgb (cr, c);
  plategen_rounded_rect (cr, x, y, sw, sh, 2);
  cairo_fill (cr);
  g_snprintf (year, sizeof (year), "%02d", g_rand_int_range (rand, 18, 28));
  cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
  platestyle_show_text (cr, platestyle_font (rand, FONT_SANS), year,
      x + sw / 2, y + sh * 0.62, sh * 0.45, sw * 0.8);
  platestyle_show_text (cr, platestyle_font (rand, FONT_SANS),
      months[g_rand_int_range (rand, 0, 12)], x + sw / 2, y + sh * 0.92,
      sh * 0.2, sw * 0.8);
}

/* A dealer's frame over the top and bottom edges, with its name. */
static void
us_frame (cairo_t * cr, GRand * rand, gdouble w, gdouble h, gdouble t,
    gdouble b)
{
  gdouble side = g_rand_double_range (rand, 2, 6), c[3];
  gdouble r = g_rand_double (rand);

  if (r < 0.5)
    c[0] = c[1] = c[2] = g_rand_double_range (rand, 0.02, 0.12);
  else if (r < 0.8)
    c[0] = c[1] = c[2] = g_rand_double_range (rand, 0.6, 0.85);
  else
    random_hue (rand, c);
  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_rectangle (cr, 0, 0, w, h);
  plategen_rounded_rect (cr, side, t, w - 2 * side, h - t - b, 4);
  rgb (cr, c);
  cairo_fill (cr);
  cairo_restore (cr);
  if (c[0] + c[1] + c[2] < 1.5)
    cairo_set_source_rgb (cr, 0.92, 0.92, 0.9);
  else
    cairo_set_source_rgb (cr, 0.05, 0.05, 0.1);
  if (b > 7)
    platestyle_show_text (cr, platestyle_font (rand, FONT_SANS),
        dealers[g_rand_int_range (rand, 0, G_N_ELEMENTS (dealers))], w / 2,
        h - b * 0.28, b * 0.45, w * 0.8);
  if (t > 7 && g_rand_boolean (rand))
    platestyle_show_text (cr, platestyle_font (rand, FONT_SANS),
        dealers[g_rand_int_range (rand, 0, G_N_ELEMENTS (dealers))], w / 2,
        t * 0.72, t * 0.45, w * 0.8);
}

static void
render_us (cairo_t * cr, const PlateSpec * spec, GRand * rand, gdouble w,
    gdouble h)
{
  static const gdouble bgs[][2][3] = {
    {{0.98, 0.98, 0.97}, {0.93, 0.93, 0.92}},
    {{0.97, 0.95, 0.86}, {0.93, 0.9, 0.8}},
    {{0.78, 0.87, 0.98}, {0.98, 0.98, 0.98}},
    {{0.98, 0.97, 0.8}, {0.98, 0.9, 0.65}},
    {{0.99, 0.88, 0.76}, {0.97, 0.96, 0.9}},
    {{0.88, 0.96, 0.88}, {0.97, 0.98, 0.96}},
    {{0.97, 0.97, 0.98}, {0.82, 0.88, 0.97}},
  };
  const gdouble (*bgp)[3] = bgs[g_rand_int_range (rand, 0,
          G_N_ELEMENTS (bgs))];
  const gchar *state = platestyle_us_state (spec->variant);
  PlateGlyphStyle gs;
  cairo_pattern_t *p;
  gdouble bg[3], ink[3], head[3], head_size, head_y, foot_y, top, bottom;
  gdouble frame_t = 0, frame_b = 0, r, y_mid, char_h, pad;
  gboolean frame = g_rand_double (rand) < 0.25, head_at_bottom;
  gchar name[32];

  mix (bg, bgp[0], bgp[1], 0.5);
  p = cairo_pattern_create_linear (0, 0, 0, h);
  cairo_pattern_add_color_stop_rgb (p, 0, bgp[0][0], bgp[0][1], bgp[0][2]);
  cairo_pattern_add_color_stop_rgb (p, 1, bgp[1][0], bgp[1][1], bgp[1][2]);
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);
  if (g_rand_double (rand) < 0.6)
    us_scenery (cr, rand, w, h, bg);

  memcpy (ink, us_inks[g_rand_int_range (rand, 0,
              G_N_ELEMENTS (us_inks))], sizeof (ink));
  if (g_rand_double (rand) < 0.6)
    memcpy (head, ink, sizeof (head));
  else
    memcpy (head, us_inks[g_rand_int_range (rand, 0,
                G_N_ELEMENTS (us_inks))], sizeof (head));
  if (spec->border || g_rand_double (rand) < 0.3) {
    rgb (cr, head);
    cairo_set_line_width (cr, g_rand_double_range (rand, 1.5, 3.5));
    plategen_rounded_rect (cr, 4, 4, w - 8, h - 8, 9);
    cairo_stroke (cr);
  }

  /* State name: serif, script or sans, at the top (rarely the bottom). */
  r = g_rand_double (rand);
  head_at_bottom = g_rand_double (rand) < 0.1;
  g_strlcpy (name, state, sizeof (name));
  head_size = g_rand_double_range (rand, 12, 24);
  rgb (cr, head);
  if (r < 0.25) {
    /* Script lettering is mixed case and larger. */
    for (gchar * s = name + 1; *s; s++)
      if (s[-1] != ' ')
        *s = g_ascii_tolower (*s);
    head_size *= 1.25;
    head_y = head_at_bottom ? h - 6 : head_size + g_rand_double_range (rand,
        5, 10);
    platestyle_show_text (cr, platestyle_font (rand, FONT_SCRIPT), name,
        w / 2, head_y, head_size, w * 0.86);
  } else {
    head_y = head_at_bottom ? h - 6 : head_size + g_rand_double_range (rand,
        5, 10);
    platestyle_show_text (cr, platestyle_font (rand, r < 0.6 ? FONT_SERIF :
            FONT_SANS), name, w / 2, head_y, head_size, w * 0.86);
  }
  top = head_at_bottom ? 10 : head_y + 4;
  bottom = head_at_bottom ? head_y - head_size - 4 : h - 8;

  /* Slogan, website or county along the bottom (or the top). */
  if (g_rand_double (rand) < 0.85) {
    const gchar *t = g_rand_double (rand) < 0.25 ?
        us_counties[g_rand_int_range (rand, 0, G_N_ELEMENTS (us_counties))] :
        us_slogans[g_rand_int_range (rand, 0, G_N_ELEMENTS (us_slogans))];
    gdouble size = g_rand_double_range (rand, 6, 12);
    rgb (cr, g_rand_boolean (rand) ? head : ink);
    foot_y = head_at_bottom ? size + 8 : h - g_rand_double_range (rand, 6, 10);
    platestyle_show_text (cr, platestyle_font (rand, g_rand_double (rand) <
            0.2 ? FONT_SCRIPT : g_rand_boolean (rand) ? FONT_SERIF :
            FONT_SANS), t, w / 2, foot_y, size, w * 0.8);
    if (head_at_bottom)
      top = foot_y + 4;
    else
      bottom = foot_y - size * 1.2 - 3;
  }

  platestyle_random_glyphs (rand, FONT_GLYPH_US, h, 0.4, 0.6, &gs);
  mix (gs.ink, ink, bg, spec->wear * 0.4);
  gs.char_h = MIN (gs.char_h, (bottom - top) * 0.95);
  if (g_rand_double (rand) < 0.4)
    gs.emboss = g_rand_double_range (rand, 0.5, 1.3);
  y_mid = (top + bottom) / 2;
  pad = g_rand_double_range (rand, 10, 22);
  char_h = platestyle_draw_text (cr, spec, &gs, pad, w - pad, y_mid);

  if (g_rand_double (rand) < 0.4) {
    gboolean right = g_rand_boolean (rand);
    us_sticker (cr, rand, right ? w - 40 : 8, g_rand_double_range (rand, 6,
            MAX (y_mid - char_h / 2 - 24, 7)));
  }
  if (spec->screws) {
    draw_screws (cr, rand, 63.6, 241.4, 12, bg);
    if (g_rand_double (rand) < 0.3)
      draw_screws (cr, rand, 63.6, 241.4, h - 12, bg);
  }
  if (spec->dirt > 0)
    plategen_draw_dirt (cr, rand, w, h, spec->dirt);
  if (frame) {
    frame_t = MIN (g_rand_double_range (rand, 3, 13), y_mid - char_h / 2 - 2);
    frame_b = MIN (g_rand_double_range (rand, 6, 20),
        h - y_mid - char_h / 2 - 2);
    us_frame (cr, rand, w, h, MAX (frame_t, 2), MAX (frame_b, 2));
  }
}

void
platestyle_render (cairo_t * cr, const PlateSpec * spec)
{
  GRand *rand = g_rand_new_with_seed (spec->detail_seed);
  gdouble w, h, corner;
  cairo_pattern_t *p;

  plategen_size_mm (spec, &w, &h);
  corner = spec->format == PLATE_US ? g_rand_double_range (rand, 6, 14) :
      g_rand_double_range (rand, 3, 8);
  cairo_save (cr);
  plategen_rounded_rect (cr, 0, 0, w, h, corner);
  cairo_clip (cr);
  if (spec->format == PLATE_US)
    render_us (cr, spec, rand, w, h);
  else if (spec->format == PLATE_EU)
    render_eu (cr, spec, rand, w, h);
  else
    render_gb (cr, spec, rand, w, h);

  /* Sheen, sometimes a glint of sun across the plate. */
  plategen_draw_sheen (cr, h);
  if (g_rand_double (rand) < 0.15) {
    gdouble x = g_rand_double_range (rand, 0, w), d = g_rand_double_range
        (rand, 20, 120);
    p = cairo_pattern_create_linear (x, 0, x + d, h * 0.5);
    cairo_pattern_add_color_stop_rgba (p, 0, 1, 1, 1, 0);
    cairo_pattern_add_color_stop_rgba (p, 0.5, 1, 1, 1,
        g_rand_double_range (rand, 0.1, 0.3));
    cairo_pattern_add_color_stop_rgba (p, 1, 1, 1, 1, 0);
    cairo_set_source (cr, p);
    cairo_paint (cr);
    cairo_pattern_destroy (p);
  }
  cairo_restore (cr);

  plategen_rounded_rect (cr, 0.5, 0.5, w - 1, h - 1, corner);
  cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.6);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  g_rand_free (rand);
}
