/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#include "plategen.h"
#include "platestyle.h"

#include <math.h>
#include <string.h>

/* GB letters: I, Q and Z never appear in the random part of a current
 * plate (I and Z mark Northern Ireland, Q is for vehicles of unknown age). */
static const gchar gb_random_letters[] = "ABCDEFGHJKLMNOPRSTUVWXY";
/* First letter of the memory tag: the DVLA regions. */
static const gchar gb_region_letters[] = "ABCDEFGHKLMNOPRSTVWXY";
/* Year letters of prefix and suffix plates: I, O, Q, U and Z were never
 * issued there because they read as digits or as each other. */
static const gchar gb_year_letters[] = "ABCDEFGHJKLMNPRSTVWXY";
static const gchar all_letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/* Northern Ireland county codes all carry an I or a Z. */
static const gchar *const ni_codes[] = {
  "IA", "IB", "IG", "IJ", "IL", "IW", "JI", "JZ", "KZ", "LZ", "MZ", "NZ",
  "OI", "PZ", "RZ", "SZ", "TZ", "UI", "UZ", "WZ", "XI", "YZ", "AZ", "BZ",
  "CZ", "DZ", "EZ", "FZ", "GZ", "HZ",
};

/* Manx serial letters: I, Q, S and Z were left out as look-alikes. */
static const gchar iom_letters[] = "ABCDEFGHJKLMNOPRTUVWXY";

static const gchar *const us_states[] = {
  "CALIFORNIA", "TEXAS", "OREGON", "NEVADA", "OHIO", "FLORIDA", "NEW YORK",
  "ARIZONA", "UTAH", "COLORADO", "GEORGIA", "VIRGINIA",
};

/* BS AU 145e geometry, millimetres. */
#define GB_W 520.0
#define GB_H 111.0
#define GB_CHAR_H 79.0
#define GB_CHAR_W 50.0
#define GB_CHAR_GAP 11.0
#define GB_GROUP_GAP 33.0
#define GB_BAND_W 50.0

#define US_W 305.0
#define US_H 152.0

static gchar
pick (GRand * rand, const gchar * set)
{
  return set[g_rand_int_range (rand, 0, strlen (set))];
}

/* A number of up to @max_digits digits (at most 7) with a realistic
 * spread of lengths, written into @out. */
static guint
put_number (GRand * rand, gchar * out, guint max_digits)
{
  guint nd, v, lo = 1, hi;

  /* Longer numbers were issued more often, so weight towards them. */
  gdouble r = g_rand_double (rand);
  nd = r < 0.6 ? max_digits : (r < 0.85 ? max_digits - 1 : 1);
  nd = MAX (nd, 1);
  for (guint i = 1; i < nd; i++)
    lo *= 10;
  hi = lo * 10;
  v = g_rand_int_range (rand, lo, hi);
  return g_snprintf (out, 8, "%u", v);
}

/* The letter a digit is drawn as on a misrepresented plate, or 0 when
 * none stands for it. */
static gchar
digit_look_alike (gchar d)
{
  static const gchar letters[] = "OIZEASGTB";

  return d >= '0' && d <= '8' ? letters[d - '0'] : 0;
}

/* A private registration drawn to spell a word, as police want them
 * caught: its digits drawn as the letters they resemble (at least one),
 * often with its groups moved together; or, a quarter of the time, a
 * show or novelty text of letters.  Writes what is drawn to @out and
 * returns the group gap (0 for none). */
static guint
styled_text (GRand * rand, gchar * out)
{
  static const PlateFormat bases[] = {
    PLATE_GB_PREFIX, PLATE_GB_DATELESS, PLATE_GB_CURRENT,
  };
  guint n, gap, i, changed = 0;

  if (g_rand_double (rand) < 0.25) {
    n = g_rand_int_range (rand, 3, 8);
    for (i = 0; i < n; i++)
      out[i] = pick (rand, all_letters);
    out[n] = '\0';
    return g_rand_boolean (rand) ? g_rand_int_range (rand, 1, n) : 0;
  }
  do
    gap = plategen_random_text (rand, bases[g_rand_int_range (rand, 0,
                G_N_ELEMENTS (bases))], out, NULL);
  while (!strpbrk (out, "012345678"));
  n = strlen (out);
  for (i = 0; i < n; i++) {
    gchar l = digit_look_alike (out[i]);
    if (l && g_rand_double (rand) < 0.7) {
      out[i] = l;
      changed++;
    }
  }
  for (i = 0; i < n && !changed; i++) {
    gchar l = digit_look_alike (out[i]);
    if (l) {
      out[i] = l;
      changed++;
    }
  }
  return g_rand_boolean (rand) ? gap : 0;
}

guint
plategen_random_text (GRand * rand, PlateFormat format, gchar * out,
    guint * gap2)
{
  guint n = 0, gap = 0;

  if (gap2)
    *gap2 = 0;
  switch (format) {
    case PLATE_GB_CURRENT:{
      /* Age identifier: March plates 02..26 are the year, September
       * plates 51..76 are the year + 50. */
      guint age = g_rand_boolean (rand) ? g_rand_int_range (rand, 2, 27)
          : g_rand_int_range (rand, 51, 77);
      out[n++] = pick (rand, gb_region_letters);
      out[n++] = pick (rand, gb_random_letters);
      n += g_snprintf (out + n, 3, "%02u", age);
      gap = n;
      for (guint i = 0; i < 3; i++)
        out[n++] = pick (rand, gb_random_letters);
      break;
    }
    case PLATE_GB_PREFIX:
      out[n++] = pick (rand, gb_year_letters);
      n += put_number (rand, out + n, 3);
      gap = n;
      for (guint i = 0; i < 3; i++)
        out[n++] = pick (rand, gb_random_letters);
      break;
    case PLATE_GB_SUFFIX:
      for (guint i = 0; i < 3; i++)
        out[n++] = pick (rand, gb_random_letters);
      gap = n;
      n += put_number (rand, out + n, 3);
      out[n++] = pick (rand, gb_year_letters);
      break;
    case PLATE_GB_DATELESS:{
      guint nl = g_rand_int_range (rand, 1, 4);
      gboolean digits_first = g_rand_double (rand) < 0.3;
      if (digits_first) {
        n += put_number (rand, out + n, 4);
        gap = n;
      }
      for (guint i = 0; i < nl; i++)
        out[n++] = pick (rand, gb_random_letters);
      if (!digits_first) {
        gap = n;
        n += put_number (rand, out + n, 4);
      }
      break;
    }
    case PLATE_GB_NI:{
      const gchar *code = ni_codes[g_rand_int_range (rand, 0,
              G_N_ELEMENTS (ni_codes))];
      out[n++] = pick (rand, gb_random_letters);
      out[n++] = code[0];
      out[n++] = code[1];
      gap = n;
      n += put_number (rand, out + n, 4);
      break;
    }
    case PLATE_GB_IOM:{
      /* Most Manx cars carry the current series (B MN 123 A); the older
       * MN and MAN series, in either order, the rest. */
      gdouble r = g_rand_double (rand);
      if (r < 0.6) {
        out[n++] = pick (rand, iom_letters);
        out[n++] = 'M';
        out[n++] = 'N';
        gap = n;
        n += put_number (rand, out + n, 3);
        if (gap2)
          *gap2 = n;
        out[n++] = pick (rand, iom_letters);
      } else {
        const gchar *code = r < 0.75 ? "MN" : r < 0.9 ? "MAN" : NULL;
        gboolean digits_first = g_rand_boolean (rand);
        gchar xmn[4] = { pick (rand, iom_letters), 'M', 'N', '\0' };
        guint digits;
        if (!code)
          code = xmn;
        /* three-letter codes ran to 999, MN to 9999 */
        digits = strlen (code) == 3 ? 3 : 4;
        if (digits_first) {
          n += put_number (rand, out + n, digits);
          gap = n;
        }
        n += g_strlcpy (out + n, code, 4);
        if (!digits_first) {
          gap = n;
          n += put_number (rand, out + n, digits);
        }
      }
      break;
    }
    case PLATE_GB_JERSEY:
      out[n++] = 'J';
      gap = n;
      n += put_number (rand, out + n, g_rand_int_range (rand, 5, 7));
      break;
    case PLATE_GB_GUERNSEY:
      /* numbers from four digits: shorter ones are rare (and read as
       * no plate) */
      n += put_number (rand, out + n, 5);
      if (n < 4)
        n = g_snprintf (out, 8, "%u", g_rand_int_range (rand, 1000, 10000));
      break;
    case PLATE_GB_ALDERNEY:
      out[n++] = 'A';
      out[n++] = 'Y';
      gap = n;
      n += put_number (rand, out + n, 4);
      break;
    case PLATE_GB_DIPLOMATIC:
      for (guint i = 0; i < 3; i++)
        out[n++] = '0' + g_rand_int_range (rand, i ? 0 : 1, 10);
      gap = n;
      out[n++] = g_rand_double (rand) < 0.7 ? 'D' : 'X';
      if (gap2)
        *gap2 = n;
      for (guint i = 0; i < 3; i++)
        out[n++] = '0' + g_rand_int_range (rand, 0, 10);
      break;
    case PLATE_GB_STYLED:
      gap = styled_text (rand, out);
      n = strlen (out);
      break;
    case PLATE_EU:{
      /* Shapes of the common continental layouts: FR/IT, ES, PL. */
      guint kind = g_rand_int_range (rand, 0, 3);
      if (kind == 0) {
        out[n++] = pick (rand, gb_random_letters);
        out[n++] = pick (rand, gb_random_letters);
        gap = n;
        for (guint i = 0; i < 3; i++)
          out[n++] = '0' + g_rand_int_range (rand, i ? 0 : 1, 10);
        if (gap2)
          *gap2 = n;
        out[n++] = pick (rand, gb_random_letters);
        out[n++] = pick (rand, gb_random_letters);
      } else if (kind == 1) {
        for (guint i = 0; i < 4; i++)
          out[n++] = '0' + g_rand_int_range (rand, 0, 10);
        gap = n;
        for (guint i = 0; i < 3; i++)
          out[n++] = pick (rand, "BCDFGHJKLMNPRSTVWXYZ");
      } else {
        for (guint i = 0; i < 3; i++)
          out[n++] = pick (rand, all_letters);
        gap = n;
        for (guint i = 0; i < 4; i++)
          out[n++] = '0' + g_rand_int_range (rand, 0, 10);
      }
      break;
    }
    case PLATE_US:
    default:{
      guint kind = g_rand_int_range (rand, 0, 3);
      if (kind == 0) {
        /* California style, no gap. */
        out[n++] = '1' + g_rand_int_range (rand, 0, 9);
        for (guint i = 0; i < 3; i++)
          out[n++] = pick (rand, all_letters);
        for (guint i = 0; i < 3; i++)
          out[n++] = '0' + g_rand_int_range (rand, 0, 10);
      } else {
        for (guint i = 0; i < 3; i++)
          out[n++] = pick (rand, all_letters);
        gap = n;
        for (guint i = 0; i < (kind == 1 ? 4u : 3u); i++)
          out[n++] = '0' + g_rand_int_range (rand, 0, 10);
      }
      break;
    }
  }
  out[n] = '\0';
  return gap;
}

PlateRegions
plategen_parse_regions (const gchar * str)
{
  PlateRegions r = 0;
  gchar **parts = g_strsplit (str, ",", -1);

  for (gchar ** p = parts; *p; p++) {
    gchar *s = g_strstrip (*p);
    if (!g_ascii_strcasecmp (s, "gb") || !g_ascii_strcasecmp (s, "uk"))
      r |= PLATE_REGION_GB;
    else if (!g_ascii_strcasecmp (s, "eu"))
      r |= PLATE_REGION_EU;
    else if (!g_ascii_strcasecmp (s, "us"))
      r |= PLATE_REGION_US;
    else if (!g_ascii_strcasecmp (s, "gb-every"))
      r |= PLATE_REGION_GB | PLATE_REGION_GB_EVERY;
    else if (!g_ascii_strcasecmp (s, "gb-styled"))
      r |= PLATE_REGION_GB | PLATE_REGION_GB_STYLED;
    else if (!g_ascii_strcasecmp (s, "all"))
      r |= PLATE_REGION_GB | PLATE_REGION_EU | PLATE_REGION_US;
    else {
      r = 0;
      break;
    }
  }
  g_strfreev (parts);
  return r;
}

PlateFormat
plategen_pick_region (GRand * rand, PlateRegions regions)
{
  PlateFormat pool[3];
  guint n = 0;

  if (regions & PLATE_REGION_GB)
    pool[n++] = PLATE_GB_CURRENT;
  if (regions & PLATE_REGION_EU)
    pool[n++] = PLATE_EU;
  if (regions & PLATE_REGION_US)
    pool[n++] = PLATE_US;
  if (n == 0)
    pool[n++] = PLATE_GB_CURRENT;
  return pool[g_rand_int_range (rand, 0, n)];
}

PlateFormat
plategen_pick_gb_format (GRand * rand, PlateRegions regions)
{
  gdouble r = g_rand_double (rand);

  if (regions & PLATE_REGION_GB_EVERY) {
    PlateFormat last = (regions & PLATE_REGION_GB_STYLED) ? PLATE_GB_STYLED :
        PLATE_GB_DIPLOMATIC;
    return (PlateFormat) (PLATE_GB_CURRENT + (guint) (r *
            (last - PLATE_GB_CURRENT + 1)));
  }
  if (regions & PLATE_REGION_GB_STYLED)
    return PLATE_GB_STYLED;
  /* Roughly the mix on British roads today. */
  return r < 0.72 ? PLATE_GB_CURRENT : r < 0.84 ? PLATE_GB_PREFIX :
      r < 0.90 ? PLATE_GB_SUFFIX : r < 0.95 ? PLATE_GB_DATELESS : PLATE_GB_NI;
}

const gchar *
plategen_band_code (PlateFormat format)
{
  switch (format) {
    case PLATE_GB_JERSEY:
      return "GBJ";
    case PLATE_GB_GUERNSEY:
      return "GBG";
    case PLATE_GB_IOM:
      return "GBM";
    case PLATE_GB_ALDERNEY:
      return "GBA";
    default:
      return NULL;
  }
}

void
plategen_random_spec (GRand * rand, PlateRegions regions, gboolean rear,
    PlateSpec * spec)
{
  PlateFormat f;
  gdouble r;

  memset (spec, 0, sizeof (*spec));
  f = plategen_pick_region (rand, regions);

  if (f == PLATE_GB_CURRENT)
    f = plategen_pick_gb_format (rand, regions);
  spec->format = f;
  spec->gap = plategen_random_text (rand, f, spec->text, &spec->gap2);
  spec->rear = rear;
  spec->detail_seed = g_rand_int (rand);

  if (f == PLATE_EU) {
    static const gchar *const countries[] = { "F", "E", "PL" };
    guint kind = g_ascii_isdigit (spec->text[0]) ? 1 :
        g_ascii_isdigit (spec->text[2]) ? 0 : 2;
    spec->band = PLATE_BAND_EU;
    g_strlcpy (spec->country, countries[kind], sizeof (spec->country));
    spec->rear = FALSE;
  } else if (f != PLATE_US) {
    /* Bands are optional in GB; older plates rarely have one. */
    r = g_rand_double (rand);
    if (f == PLATE_GB_CURRENT && r < 0.35)
      spec->band = r < 0.12 ? PLATE_BAND_UK : r < 0.22 ? PLATE_BAND_GB :
          PLATE_BAND_EU;
    if (spec->band == PLATE_BAND_EU)
      g_strlcpy (spec->country, "GB", sizeof (spec->country));
    /* the islands' own letters, never UK */
    if (plategen_band_code (f) && r < 0.35) {
      spec->band = PLATE_BAND_GB;
      g_strlcpy (spec->country, plategen_band_code (f),
          sizeof (spec->country));
    }
  }
  plategen_random_finish (rand, 0.25, 0.6, 2.0, 0.8, 3.0, spec);
}

void
plategen_size_mm (const PlateSpec * spec, gdouble * w, gdouble * h)
{
  if (spec->variety) {
    *w = spec->w_mm;
    *h = spec->h_mm;
  } else if (spec->format == PLATE_US) {
    *w = US_W;
    *h = US_H;
  } else {
    *w = GB_W;
    *h = GB_H;
  }
}

void
plategen_display_text (const PlateSpec * spec, gchar * out, gsize len)
{
  gsize o = 0;

  for (guint i = 0; spec->text[i] && o + 2 < len; i++) {
    if (spec->variety) {
      if (spec->sep[i] == PLATE_SEP_HYPHEN)
        out[o++] = '-';
      else if (spec->sep[i] != PLATE_SEP_NONE)
        out[o++] = ' ';
    } else if (i > 0 && (i == spec->gap || i == spec->gap2))
      out[o++] = ' ';
    out[o++] = spec->text[i];
  }
  out[o] = '\0';
}

void
plategen_rounded_rect (cairo_t * cr, gdouble x, gdouble y, gdouble w,
    gdouble h, gdouble r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

void
plategen_star (cairo_t * cr, gdouble cx, gdouble cy, gdouble r)
{
  for (guint i = 0; i < 10; i++) {
    gdouble a = -G_PI / 2 + i * G_PI / 5;
    gdouble rr = (i % 2) ? r * 0.4 : r;
    if (i == 0)
      cairo_move_to (cr, cx + rr * cos (a), cy + rr * sin (a));
    else
      cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
  }
  cairo_close_path (cr);
}

/* Band identifier: blue strip, the flag or the EU stars, and letters. */
static void
draw_band (cairo_t * cr, const PlateSpec * spec, gdouble h)
{
  const gchar *letters = spec->band == PLATE_BAND_UK ? "UK" :
      spec->band == PLATE_BAND_GB ? (spec->country[0] ? spec->country : "GB")
      : spec->country;
  cairo_text_extents_t ext;
  gdouble cx = GB_BAND_W / 2, size;

  cairo_set_source_rgb (cr, 0.0, 0.2, 0.6);
  cairo_rectangle (cr, 0, 0, GB_BAND_W, h);
  cairo_fill (cr);

  if (spec->band == PLATE_BAND_EU) {
    cairo_set_source_rgb (cr, 1.0, 0.8, 0.0);
    for (guint i = 0; i < 12; i++) {
      gdouble a = i * G_PI / 6;
      plategen_star (cr, cx + 14 * cos (a), 30 + 14 * sin (a), 3.2);
    }
    cairo_fill (cr);
  } else if (spec->band == PLATE_BAND_UK) {
    /* A simplified union flag is enough at the sizes a camera sees it. */
    cairo_save (cr);
    cairo_rectangle (cr, 8, 14, 34, 20);
    cairo_clip (cr);
    cairo_set_source_rgb (cr, 0.0, 0.14, 0.45);
    cairo_paint (cr);
    cairo_set_line_width (cr, 5);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_move_to (cr, 8, 14);
    cairo_line_to (cr, 42, 34);
    cairo_move_to (cr, 42, 14);
    cairo_line_to (cr, 8, 34);
    cairo_stroke (cr);
    cairo_rectangle (cr, 8, 21, 34, 6);
    cairo_rectangle (cr, 22, 14, 6, 20);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.8, 0.07, 0.18);
    cairo_rectangle (cr, 8, 22.5, 34, 3);
    cairo_rectangle (cr, 23.5, 14, 3, 20);
    cairo_fill (cr);
    cairo_restore (cr);
  }

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
      CAIRO_FONT_WEIGHT_BOLD);
  size = strlen (letters) > 1 ? 26 : 34;
  cairo_set_font_size (cr, size);
  cairo_text_extents (cr, letters, &ext);
  if (ext.width > GB_BAND_W - 8) {
    size *= (GB_BAND_W - 8) / ext.width;
    cairo_set_font_size (cr, size);
    cairo_text_extents (cr, letters, &ext);
  }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, cx - ext.width / 2 - ext.x_bearing, h - 12);
  cairo_show_text (cr, letters);
}

/* Lays out and fills the registration.  Each glyph of Liberation Sans
 * Narrow Bold is scaled on its own to the Charles Wright cell (79 mm high,
 * 50 mm wide) so the spacing of the font does not leak into the plate:
 * readers and detectors tuned on real plates rely on that fixed pitch. */
static void
draw_characters (cairo_t * cr, const PlateSpec * spec, gdouble x0,
    gdouble x1, gdouble y_mid, gdouble char_h, gboolean fixed_pitch)
{
  cairo_text_extents_t ext;
  gdouble cap, sx_common, sy, total = 0, x, fit = 1.0;
  gdouble cw[PLATE_TEXT_MAX], sxs[PLATE_TEXT_MAX];
  gdouble char_gap = fixed_pitch ? GB_CHAR_GAP : 7.0;
  gdouble group_gap = fixed_pitch ? GB_GROUP_GAP : 24.0;
  guint n = strlen (spec->text);

  cairo_select_font_face (cr, "Liberation Sans Narrow",
      CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 100);
  cairo_text_extents (cr, "H", &ext);
  cap = -ext.y_bearing;
  sy = char_h / cap;
  cairo_text_extents (cr, "0", &ext);
  sx_common = GB_CHAR_W / ext.width;
  if (!fixed_pitch)
    sx_common = sy * 1.05;

  for (guint i = 0; i < n; i++) {
    gchar s[2] = { spec->text[i], 0 };
    cairo_text_extents (cr, s, &ext);
    if (!fixed_pitch || s[0] == '1' || s[0] == 'I') {
      sxs[i] = sx_common;
      cw[i] = fixed_pitch ? GB_CHAR_W : ext.width * sx_common;
    } else {
      sxs[i] = CLAMP (GB_CHAR_W / ext.width, 0.8 * sx_common,
          1.5 * sx_common);
      cw[i] = GB_CHAR_W;
    }
    total += cw[i];
    if (i > 0)
      total += (i == spec->gap || i == spec->gap2) ? group_gap : char_gap;
  }
  /* Personalised or long foreign registrations may not fit the standard
   * pitch; squeeze them rather than run off the plate. */
  if (total > x1 - x0 - 8)
    fit = (x1 - x0 - 8) / total;

  x = x0 + ((x1 - x0) - total * fit) / 2;
  for (guint i = 0; i < n; i++) {
    gchar s[2] = { spec->text[i], 0 };
    gdouble sx = sxs[i] * fit, ink_w;
    if (i > 0)
      x += fit * ((i == spec->gap || i == spec->gap2) ? group_gap : char_gap);
    cairo_text_extents (cr, s, &ext);
    ink_w = ext.width * sx;
    cairo_save (cr);
    cairo_translate (cr, x + (cw[i] * fit - ink_w) / 2 - ext.x_bearing * sx,
        y_mid + char_h / 2);
    cairo_scale (cr, sx, sy);
    cairo_move_to (cr, 0, 0);
    cairo_text_path (cr, s);
    cairo_restore (cr);
    x += cw[i] * fit;
  }
  cairo_fill_preserve (cr);
  /* Liberation's stems are thinner than the 14 mm Charles Wright stroke
   * once narrowed; a thin outline brings the weight up to it. */
  cairo_set_line_width (cr, fixed_pitch ? 2.2 : 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

void
plategen_draw_screw (cairo_t * cr, gdouble x, gdouble y,
    gboolean chrome, gdouble r, gdouble g, gdouble b)
{
  cairo_pattern_t *p;

  if (chrome) {
    p = cairo_pattern_create_radial (x - 1.5, y - 1.5, 0.5, x, y, 5.5);
    cairo_pattern_add_color_stop_rgb (p, 0, 0.95, 0.95, 0.95);
    cairo_pattern_add_color_stop_rgb (p, 1, 0.45, 0.45, 0.48);
  } else {
    /* Caps coloured like the plate, as fitters use on show plates. */
    p = cairo_pattern_create_radial (x - 1.5, y - 1.5, 0.5, x, y, 5.5);
    cairo_pattern_add_color_stop_rgb (p, 0, MIN (r + 0.1, 1), MIN (g + 0.1,
            1), MIN (b + 0.1, 1));
    cairo_pattern_add_color_stop_rgb (p, 1, r * 0.75, g * 0.75, b * 0.75);
  }
  cairo_set_source (cr, p);
  cairo_arc (cr, x, y, 5.5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  if (chrome) {
    cairo_set_source_rgba (cr, 0.2, 0.2, 0.2, 0.8);
    cairo_set_line_width (cr, 1.2);
    cairo_move_to (cr, x - 3.5, y + 1);
    cairo_line_to (cr, x + 3.5, y - 1);
    cairo_stroke (cr);
  }
}

void
plategen_draw_dirt (cairo_t * cr, GRand * rand, gdouble w, gdouble h,
    gdouble dirt)
{
  cairo_pattern_t *p;
  guint n = 6 + dirt * 30;

  /* Road spray collects towards the bottom edge. */
  p = cairo_pattern_create_linear (0, 0, 0, h);
  cairo_pattern_add_color_stop_rgba (p, 0, 0.35, 0.3, 0.2, 0.0);
  cairo_pattern_add_color_stop_rgba (p, 1, 0.35, 0.3, 0.2, 0.35 * dirt);
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);

  for (guint i = 0; i < n; i++) {
    gdouble x = g_rand_double_range (rand, 0, w);
    gdouble y = g_rand_double_range (rand, 0, h);
    gdouble rad = g_rand_double_range (rand, 3, 25);
    p = cairo_pattern_create_radial (x, y, 0, x, y, rad);
    cairo_pattern_add_color_stop_rgba (p, 0, 0.3, 0.25, 0.18,
        g_rand_double_range (rand, 0.1, 0.35) * dirt);
    cairo_pattern_add_color_stop_rgba (p, 1, 0.3, 0.25, 0.18, 0);
    cairo_set_source (cr, p);
    cairo_arc (cr, x, y, rad, 0, 2 * G_PI);
    cairo_fill (cr);
    cairo_pattern_destroy (p);
  }
}

static void
render_us (cairo_t * cr, const PlateSpec * spec, GRand * rand)
{
  static const gdouble bgs[][3] = {
    {0.97, 0.97, 0.96}, {0.90, 0.94, 0.99}, {0.99, 0.96, 0.80},
    {0.95, 0.92, 0.85}, {0.85, 0.93, 0.88},
  };
  static const gdouble fgs[][3] = {
    {0.08, 0.12, 0.45}, {0.55, 0.05, 0.08}, {0.05, 0.05, 0.05},
    {0.05, 0.30, 0.12},
  };
  const gdouble *bg = bgs[g_rand_int_range (rand, 0, G_N_ELEMENTS (bgs))];
  const gdouble *fg = fgs[g_rand_int_range (rand, 0, G_N_ELEMENTS (fgs))];
  const gchar *state = us_states[g_rand_int_range (rand, 0,
          G_N_ELEMENTS (us_states))];
  cairo_text_extents_t ext;
  cairo_pattern_t *p;

  p = cairo_pattern_create_linear (0, 0, 0, US_H);
  cairo_pattern_add_color_stop_rgb (p, 0, bg[0], bg[1], bg[2]);
  cairo_pattern_add_color_stop_rgb (p, 1, bg[0] * 0.9, bg[1] * 0.92,
      bg[2] * 0.95);
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);

  cairo_set_source_rgb (cr, fg[0], fg[1], fg[2]);
  plategen_rounded_rect (cr, 4, 4, US_W - 8, US_H - 8, 10);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);

  cairo_select_font_face (cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL,
      CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 24);
  cairo_text_extents (cr, state, &ext);
  cairo_move_to (cr, US_W / 2 - ext.width / 2 - ext.x_bearing, 32);
  cairo_show_text (cr, state);

  cairo_set_font_size (cr, 12);
  cairo_text_extents (cr, "DRIVE SAFELY", &ext);
  cairo_move_to (cr, US_W / 2 - ext.width / 2 - ext.x_bearing, US_H - 12);
  cairo_show_text (cr, "DRIVE SAFELY");

  draw_characters (cr, spec, 14, US_W - 14, US_H / 2 + 4, 68, FALSE);
}

void
plategen_render (cairo_t * cr, const PlateSpec * spec)
{
  gdouble w, h, x0 = 0, r, g, b, ink;
  GRand *rand;

  if (spec->variety) {
    platestyle_render (cr, spec);
    return;
  }
  rand = g_rand_new_with_seed (spec->detail_seed);
  plategen_size_mm (spec, &w, &h);
  cairo_save (cr);
  plategen_rounded_rect (cr, 0, 0, w, h, spec->format == PLATE_US ? 12 : 7);
  cairo_clip (cr);

  if (spec->format == PLATE_US) {
    render_us (cr, spec, rand);
  } else {
    if (spec->rear) {
      /* Retroreflective yellow, varying a little between makers. */
      r = 0.97 + g_rand_double_range (rand, -0.02, 0.02);
      g = 0.81 + g_rand_double_range (rand, -0.04, 0.03);
      b = g_rand_double_range (rand, 0.0, 0.08);
    } else {
      r = g = b = 0.96 + g_rand_double_range (rand, -0.03, 0.03);
      b -= 0.01;
    }
    cairo_set_source_rgb (cr, r, g, b);
    cairo_paint (cr);

    if (spec->band != PLATE_BAND_NONE) {
      draw_band (cr, spec, h);
      x0 = GB_BAND_W;
    }
    if (spec->border) {
      cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
      cairo_set_line_width (cr, 2.5);
      plategen_rounded_rect (cr, x0 + 4, 4, w - x0 - 8, h - 8, 5);
      cairo_stroke (cr);
    }
    ink = 0.06 + 0.25 * spec->wear;
    cairo_set_source_rgb (cr, ink, ink, ink);
    if (spec->format == PLATE_EU)
      draw_characters (cr, spec, x0 + 4, w - 6, h / 2, 75, FALSE);
    else
      draw_characters (cr, spec, x0, w, h / 2, GB_CHAR_H, TRUE);

    if (spec->screws) {
      gboolean chrome = g_rand_boolean (rand);
      /* Fitters drill in the margins or in the group gap, clear of
       * the characters. */
      if (g_rand_boolean (rand) && spec->band == PLATE_BAND_NONE) {
        plategen_draw_screw (cr, 17, h / 2, chrome, r, g, b);
        plategen_draw_screw (cr, w - 17, h / 2, chrome, r, g, b);
      } else {
        plategen_draw_screw (cr, 130, 10.5, chrome, r, g, b);
        plategen_draw_screw (cr, 390, 10.5, chrome, r, g, b);
      }
    }
  }

  if (spec->dirt > 0)
    plategen_draw_dirt (cr, rand, w, h, spec->dirt);

  /* Gentle sheen: plates are lit from above and bent at the mounting. */
  plategen_draw_sheen (cr, h);
  cairo_restore (cr);

  /* The plastic edge stays visible against a bumper of the same colour. */
  plategen_rounded_rect (cr, 0.5, 0.5, w - 1, h - 1, 7);
  cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 0.6);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  g_rand_free (rand);
}

void
plategen_draw_sheen (cairo_t * cr, gdouble h)
{
  cairo_pattern_t *p = cairo_pattern_create_linear (0, 0, 0, h);

  cairo_pattern_add_color_stop_rgba (p, 0, 1, 1, 1, 0.06);
  cairo_pattern_add_color_stop_rgba (p, 0.5, 1, 1, 1, 0.0);
  cairo_pattern_add_color_stop_rgba (p, 1, 0, 0, 0, 0.08);
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);
}

void
plategen_random_finish (GRand * rand, gdouble p_border, gdouble dirt_from,
    gdouble dirt_scale, gdouble wear_from, gdouble wear_scale,
    PlateSpec * spec)
{
  gdouble r;

  spec->border = g_rand_double (rand) < p_border;
  spec->screws = g_rand_double (rand) < 0.5;
  r = g_rand_double (rand);
  spec->dirt = r < dirt_from ? 0.0 : (r - dirt_from) * dirt_scale;
  r = g_rand_double (rand);
  spec->wear = r < wear_from ? 0.0 : (r - wear_from) * wear_scale;
}
