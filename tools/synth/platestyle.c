/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Wider plate styles, part one: the fonts, the registrations of EU
 * countries and US states, and the line of characters with whatever
 * stands between its groups.  The plate around it is platedraw.c. */

#include "platestyle.h"

#include <math.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

static const gchar all_letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* ---- Fonts ---- */

typedef struct
{
  const gchar *family;
  gboolean bold;
  gint kind;                    /* -1 glyphs, else a PlateFontRole */
  gdouble weight[3];            /* glyphs: EU, GB, US; else [0] */
} FontEntry;

#define GLYPHS -1

/* Installed Debian fonts (fonts-opendin, fonts-liberation, fonts-dejavu,
 * fonts-urw-base35, fonts-roboto, fonts-texgyre, fonts-open-sans,
 * fonts-croscore, fonts-freefont-ttf, fonts-bebas-neue,
 * fonts-league-spartan, fonts-b612).  DIN (EU) and narrow or condensed
 * grotesques (GB, US) weigh most: they are what plates use. */
static const FontEntry fonts[] = {
  {"OSP-DIN", FALSE, GLYPHS, {10, 1.5, 2}},
  {"Liberation Sans Narrow", TRUE, GLYPHS, {2.5, 6, 4}},
  {"Nimbus Sans Narrow", TRUE, GLYPHS, {2.5, 5, 4}},
  {"TeX Gyre Heros Cn", TRUE, GLYPHS, {2.5, 4, 4}},
  {"DejaVu Sans Condensed", TRUE, GLYPHS, {2.5, 3, 3}},
  {"Roboto Condensed", TRUE, GLYPHS, {2.5, 3, 3}},
  {"Roboto Condensed", FALSE, GLYPHS, {1, 1, 2}},
  {"Open Sans Condensed", TRUE, GLYPHS, {2, 2, 3}},
  {"Bebas Neue", TRUE, GLYPHS, {1.5, 1, 3}},
  {"DejaVu Sans", TRUE, GLYPHS, {1, 1, 1.5}},
  {"Arimo", TRUE, GLYPHS, {1, 1, 1.5}},
  {"FreeSans", TRUE, GLYPHS, {1, 1, 1.5}},
  {"Nimbus Sans", TRUE, GLYPHS, {1, 1, 1.5}},
  {"Roboto Medium", FALSE, GLYPHS, {1, 1, 1}},
  {"Roboto", TRUE, GLYPHS, {1, 1, 1}},
  {"League Spartan", TRUE, GLYPHS, {0.6, 0.6, 1.2}},
  {"B612", TRUE, GLYPHS, {0.6, 0.6, 1}},
  {"URW Gothic", TRUE, GLYPHS, {0.4, 0.4, 1}},
  {"DejaVu Sans Mono", TRUE, GLYPHS, {0.6, 0.6, 1.2}},
  {"Liberation Mono", TRUE, GLYPHS, {0.4, 0.4, 0.8}},
  {"DejaVu Serif", TRUE, FONT_SERIF, {1}},
  {"Nimbus Roman", TRUE, FONT_SERIF, {1}},
  {"TeX Gyre Termes", TRUE, FONT_SERIF, {1}},
  {"C059", TRUE, FONT_SERIF, {1}},
  {"P052", TRUE, FONT_SERIF, {1}},
  {"Liberation Serif", TRUE, FONT_SERIF, {1}},
  {"Z003", FALSE, FONT_SCRIPT, {1}},
  {"TeX Gyre Chorus", FALSE, FONT_SCRIPT, {1}},
  {"DejaVu Sans", TRUE, FONT_SANS, {1}},
  {"Liberation Sans", TRUE, FONT_SANS, {1}},
  {"Nimbus Sans", TRUE, FONT_SANS, {1}},
  {"Roboto", TRUE, FONT_SANS, {1}},
  {"URW Gothic", TRUE, FONT_SANS, {1}},
  {"Bebas Neue", TRUE, FONT_SANS, {1}},
  {"League Spartan", TRUE, FONT_SANS, {1}},
  {"Roboto Condensed", TRUE, FONT_SANS, {1}},
  {"OSP-DIN", FALSE, FONT_SANS, {1}},
};

static cairo_font_face_t *faces[G_N_ELEMENTS (fonts)];

/* Whether fontconfig resolves @family to itself rather than to a
 * fallback, as cairo's toy font faces would. */
static gboolean
font_installed (const gchar * family, gboolean bold)
{
  FcPattern *pat = FcPatternCreate (), *match;
  FcResult res;
  FcChar8 *got;
  gboolean ok = FALSE;

  FcPatternAddString (pat, FC_FAMILY, (const FcChar8 *) family);
  FcPatternAddInteger (pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD :
      FC_WEIGHT_REGULAR);
  FcConfigSubstitute (NULL, pat, FcMatchPattern);
  FcDefaultSubstitute (pat);
  match = FcFontMatch (NULL, pat, &res);
  for (gint i = 0; match && !ok &&
      FcPatternGetString (match, FC_FAMILY, i, &got) == FcResultMatch; i++)
    ok = !g_ascii_strcasecmp ((const gchar *) got, family);
  if (match)
    FcPatternDestroy (match);
  FcPatternDestroy (pat);
  return ok;
}

void
platestyle_init (void)
{
  static gboolean done;
  GHashTable *warned;

  if (done)
    return;
  done = TRUE;
  warned = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++) {
    if (!font_installed (fonts[i].family, fonts[i].bold)) {
      if (g_hash_table_add (warned, (gpointer) fonts[i].family))
        g_printerr ("anpr-synth: font '%s' is not installed, not used\n",
            fonts[i].family);
      continue;
    }
    faces[i] = cairo_toy_font_face_create (fonts[i].family,
        CAIRO_FONT_SLANT_NORMAL, fonts[i].bold ? CAIRO_FONT_WEIGHT_BOLD :
        CAIRO_FONT_WEIGHT_NORMAL);
  }
  g_hash_table_destroy (warned);
}

cairo_font_face_t *
platestyle_font (GRand * rand, PlateFontRole role)
{
  static cairo_font_face_t *fallback;
  gint kind = role <= FONT_GLYPH_US ? GLYPHS : (gint) role;
  guint col = role <= FONT_GLYPH_US ? (guint) role : 0;
  gdouble total = 0, r;

  platestyle_init ();
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
    if (faces[i] && fonts[i].kind == kind)
      total += fonts[i].weight[col];
  r = g_rand_double (rand) * total;
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++) {
    if (!faces[i] || fonts[i].kind != kind)
      continue;
    r -= fonts[i].weight[col];
    if (r < 0)
      return faces[i];
  }
  /* None of the family installed: whatever fontconfig gives for sans. */
  if (!fallback)
    fallback = cairo_toy_font_face_create ("sans-serif",
        CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  return fallback;
}

/* ---- Registrations ---- */

/* Pattern letters: L letter, l letter or nothing, D digit, N digit 1-9,
 * d digit or nothing, A letter or digit, C district code (1-3 letters);
 * between groups ' ' space, '-' hyphen, '.' dot, '*' coat of arms,
 * ':' seals (DE), '^' graphic (US).  Only letters and digits go into the
 * text: the rest is drawn. */
#define P(...) (const gchar *const[]) { __VA_ARGS__, NULL }

static const PlateCountry countries[] = {
  {"SK", "SK", P ("C*DDDLL", "C*DDDLL", "C-DDDLL", "CDDDLL"),
      P ("BA", "BL", "BT", "KE", "KI", "NR", "ZA", "PO", "TT", "TN", "BB",
          "PP", "LV", "MI", "NZ", "TO", "SC", "PE", "MT", "TS"), NULL,
      COUNTRY_STARS, 3},
  /* CZ: a digit, the region's letter, a letter or digit. */
  {"CZ", "CZ", P ("NCA DDDD", "NCD DDDD", "NCL DDDD"),
      P ("A", "B", "C", "E", "H", "J", "K", "L", "M", "P", "S", "T", "U",
          "Z"), "ABCDEFHIJKLMNPRSTUVXYZ", COUNTRY_STARS, 3},
  {"PL", "PL", P ("LL DDDDD", "LL DDDDL", "LL DDDLL", "LLL DDDD",
          "LLL DDDLL", "LLL LDDD", "LLL DDDDD", "LL DLDDD"), NULL, NULL,
      COUNTRY_STARS, 3},
  {"DE", "D", P ("C:Ll Dddd", "C:Ll Dddd", "C:LL DDdd", "C:Ll DddE"),
      P ("M", "B", "HH", "K", "F", "S", "KA", "WOB", "BN", "HB", "DO", "MZ",
          "HD", "LB", "RE", "OF", "BOR", "GAP", "N", "DD", "L", "H", "EF",
          "WI", "MKK", "SAW"), NULL, COUNTRY_STARS, 3},
  {"HR", "HR", P ("C*DDD-LL", "C*DDDD-LL", "C*DDDD-L", "C*DDD-L"),
      P ("ZG", "ST", "RI", "OS", "ZD", "PU", "SB", "KA", "VZ", "SK", "DU",
          "BJ", "KR", "PZ", "VK", "GS", "DA", "NG"), NULL, COUNTRY_STARS, 3},
  {"RS", "SRB", P ("C*DDD-LL", "C*DDDD-LL", "C*DDDDD-LL"),
      P ("BG", "NS", "NI", "KG", "SU", "ZR", "CA", "KV", "SA", "PO", "VA",
          "SM", "LE", "UE", "ZA", "PA"), NULL, 0, 2.5},
  {"BA", "BIH", P ("LDD-L-DDD"), NULL, "AEJKMOT", COUNTRY_NO_BAND, 2},
  {"NL", "NL", P ("DD-LLL-D", "D-LLL-DD", "LL-DDD-L", "L-DDD-LL",
          "LLL-DD-L", "D-LL-DDD", "DDD-LL-D", "LL-DD-LL", "DD-LL-LL",
          "LL-LL-DD"), NULL, "BDFGHJKLNPRSTVXZ",
      COUNTRY_STARS | COUNTRY_YELLOW, 1.5},
  {"IT", "I", P ("LL DDD LL", "LL DDDLL"), NULL, "ABCDEFGHJKLMNPRSTVWXYZ",
      COUNTRY_STARS | COUNTRY_RIGHT_BAND, 1.5},
  {"FR", "F", P ("LL-DDD-LL"), NULL, "ABCDEFGHJKLMNPQRSTVWXYZ",
      COUNTRY_STARS | COUNTRY_RIGHT_BAND, 1.5},
  {"ES", "E", P ("DDDD LLL"), NULL, "BCDFGHJKLMNPRSTVWXYZ", COUNTRY_STARS,
      1},
  {"AT", "A", P ("C*DDDLL", "C*DDDDL", "C*DDDDD", "C*DDLLL"),
      P ("W", "G", "L", "S", "I", "K", "B", "GU", "LL", "VB", "SW", "BN",
          "MD", "KO", "WU"), NULL, COUNTRY_STARS | COUNTRY_STRIPES, 1},
  {"HU", "H", P ("LLL-DDD", "LL LL-DDD"), NULL, NULL, COUNTRY_STARS, 1},
  {"SI", "SLO", P ("C*LL-DDD", "C*DD-DDL", "C*DL-DDD"),
      P ("LJ", "MB", "CE", "KR", "NM", "KP", "GO", "KK", "MS", "PO", "SG"),
      NULL, COUNTRY_STARS, 1},
  {"BE", "B", P ("D-LLL-DDD"), NULL, NULL,
      COUNTRY_STARS | COUNTRY_RED_TEXT, 1},
  {"LU", "L", P ("LL DDDD", "DDDDD"), NULL, NULL,
      COUNTRY_STARS | COUNTRY_YELLOW, 0.5},
  {"RO", "RO", P ("C DD LLL"), P ("B", "CJ", "TM", "IS", "CT", "BV", "AG",
          "BH", "PH", "SV", "DJ", "GL"), NULL, COUNTRY_STARS, 1},
  {"BG", "BG", P ("C DDDD LL"), P ("CA", "CB", "PB", "B", "E", "A", "H",
          "PA", "CO", "TX", "EB", "KH"), "ABEKMHOPCTYX", COUNTRY_STARS, 1},
  {"LT", "LT", P ("LLL DDD"), NULL, NULL, COUNTRY_STARS, 0.5},
  {"LV", "LV", P ("LL-DDDD", "LL-DDD"), NULL, NULL, COUNTRY_STARS, 0.5},
  {"EE", "EST", P ("DDD LLL"), NULL, NULL, COUNTRY_STARS, 0.5},
  {"SE", "S", P ("LLL DDD", "LLL DDL"), NULL, NULL, COUNTRY_STARS, 0.7},
  {"DK", "DK", P ("LL DD DDD"), NULL, NULL, COUNTRY_STARS, 0.7},
  {"FI", "FIN", P ("LLL-DDD", "LL-DDD"), NULL, NULL, COUNTRY_STARS, 0.7},
  {"PT", "P", P ("LL-DD-LL", "DD-LL-DD", "DD-DD-LL"), NULL, NULL,
      COUNTRY_STARS | COUNTRY_YEAR_BAND, 0.7},
  {"IE", "IRL", P ("DDD-L-DDDD", "DD-LL-DDDd", "DDD-LL-DDD"), NULL, NULL,
      COUNTRY_STARS, 0.7},
  {"GR", "GR", P ("LLL-DDDD"), NULL, "ABEZHIKMNOPTYX", COUNTRY_STARS, 0.7},
  {"NO", "N", P ("LL DDDDD"), NULL, NULL, 0, 0.5},
  /* Anything of the common shape: district, digits, letters. */
  {"XX", NULL, P ("C DDdd", "C DDDdd l", "CDDddll", "C DDd-LLl",
          "C-DDDd-L"), NULL, NULL, COUNTRY_STARS, 1.5},
};

/* US shapes; ' ' is the group break, drawn per plate as a space, a
 * hyphen, a dot or a small graphic. */
static const gchar *const us_patterns[] = {
  "NLLLDDD", "NLLLDDD", "LLL DDDD", "LLL DDDD", "LLL DDD", "DDD LLL",
  "LL DDDDD", "NLLLDD", "LLLL DDD", "DLL DDDD", "LLLDDD", "DDDLLL",
  "LDD LLL", "NLL DDD", "DDD DDD", "LLL DDL", "DL DDDD", "LLLLDD",
  "LLLLL", "LLLLLL", "LLLLLLL", "DDDDDD", "D DDDDD", "LLLDDDD", "LLDDDDD",
  "LLLL DDDD",
};

/* US states do not issue O on standard plates (most use one glyph for O
 * and 0), and Q only rarely: the letters of every US pattern. */
static const PlateCountry us_plates = {
  "US", NULL, NULL, NULL, "ABCDEFGHIJKLMNPRSTUVWXYZ", 0, 0
};

static const gchar *const us_states[] = {
  "ALABAMA", "ALASKA", "ARIZONA", "ARKANSAS", "CALIFORNIA", "COLORADO",
  "CONNECTICUT", "DELAWARE", "FLORIDA", "GEORGIA", "HAWAII", "IDAHO",
  "ILLINOIS", "INDIANA", "IOWA", "KANSAS", "KENTUCKY", "LOUISIANA", "MAINE",
  "MARYLAND", "MASSACHUSETTS", "MICHIGAN", "MINNESOTA", "MISSISSIPPI",
  "MISSOURI", "MONTANA", "NEBRASKA", "NEVADA", "NEW HAMPSHIRE",
  "NEW JERSEY", "NEW MEXICO", "NEW YORK", "NORTH CAROLINA", "NORTH DAKOTA",
  "OHIO", "OKLAHOMA", "OREGON", "PENNSYLVANIA", "RHODE ISLAND",
  "SOUTH CAROLINA", "SOUTH DAKOTA", "TENNESSEE", "TEXAS", "UTAH", "VERMONT",
  "VIRGINIA", "WASHINGTON", "WEST VIRGINIA", "WISCONSIN", "WYOMING",
  "DISTRICT OF COLUMBIA",
};

const PlateCountry *
platestyle_country (guint variant)
{
  return &countries[MIN (variant, G_N_ELEMENTS (countries) - 1)];
}

const gchar *
platestyle_us_state (guint variant)
{
  return us_states[variant % G_N_ELEMENTS (us_states)];
}

static gchar
pick (GRand * rand, const gchar * set)
{
  return set[g_rand_int_range (rand, 0, strlen (set))];
}

/* Expands @pat into @spec's text and separators; returns the length. */
static guint
expand (GRand * rand, const PlateCountry * c, const gchar * pat,
    PlateSep brk, PlateSpec * spec)
{
  const gchar *letters = c && c->letters ? c->letters : all_letters;
  guint8 pending = PLATE_SEP_NONE;
  guint n = 0;

  memset (spec->sep, 0, sizeof (spec->sep));
  for (const gchar * p = pat; *p && n < PLATE_TEXT_MAX - 4; p++) {
    gchar ch = 0;
    switch (*p) {
      case ' ':
        pending = brk;
        continue;
      case '-':
        pending = PLATE_SEP_HYPHEN;
        continue;
      case '.':
        pending = PLATE_SEP_DOT;
        continue;
      case '*':
        pending = PLATE_SEP_BADGE;
        continue;
      case ':':
        pending = PLATE_SEP_SEALS;
        continue;
      case '^':
        pending = PLATE_SEP_GRAPHIC;
        continue;
      case 'L':
        ch = pick (rand, letters);
        break;
      case 'l':
        if (g_rand_boolean (rand))
          ch = pick (rand, letters);
        break;
      case 'D':
        ch = '0' + g_rand_int_range (rand, 0, 10);
        break;
      case 'N':
        ch = '1' + g_rand_int_range (rand, 0, 9);
        break;
      case 'd':
        if (g_rand_boolean (rand))
          ch = '0' + g_rand_int_range (rand, 0, 10);
        break;
      case 'A':
        ch = g_rand_boolean (rand) ? pick (rand, letters) :
            '0' + g_rand_int_range (rand, 0, 10);
        break;
      case 'C':{
        gchar code[4];
        guint k = 0;
        if (c && c->districts) {
          guint nd = 0;
          while (c->districts[nd])
            nd++;
          g_strlcpy (code, c->districts[g_rand_int_range (rand, 0, nd)],
              sizeof (code));
        } else {
          guint nl = g_rand_int_range (rand, 1, 4);
          for (k = 0; k < nl; k++)
            code[k] = pick (rand, letters);
          code[nl] = '\0';
        }
        for (k = 0; code[k]; k++) {
          spec->sep[n] = k ? PLATE_SEP_NONE : pending;
          spec->text[n++] = code[k];
        }
        pending = PLATE_SEP_NONE;
        continue;
      }
      default:
        ch = *p;                /* a fixed letter (DE electric "E") */
        break;
    }
    if (ch) {
      spec->sep[n] = pending;
      spec->text[n++] = ch;
      pending = PLATE_SEP_NONE;
    }
  }
  spec->text[n] = '\0';
  spec->sep[0] = PLATE_SEP_NONE;
  return n;
}

static guint
pick_country (GRand * rand)
{
  gdouble total = 0, r;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    total += countries[i].weight;
  r = g_rand_double (rand) * total;
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++) {
    r -= countries[i].weight;
    if (r < 0)
      return i;
  }
  return 0;
}

static const gchar *
pick_pattern (GRand * rand, const gchar * const *patterns)
{
  guint n = 0;

  while (patterns[n])
    n++;
  return patterns[g_rand_int_range (rand, 0, n)];
}

void
platestyle_random_spec (GRand * rand, PlateRegions regions, gboolean rear,
    PlateSpec * spec)
{
  guint len;
  gdouble r;

  memset (spec, 0, sizeof (*spec));
  spec->variety = TRUE;
  spec->format = plategen_pick_region (rand, regions);

  if (spec->format == PLATE_EU) {
    const PlateCountry *c;
    do {
      spec->variant = pick_country (rand);
      c = &countries[spec->variant];
      len = expand (rand, c, pick_pattern (rand, c->patterns),
          PLATE_SEP_SPACE, spec);
    } while (len < 5 || len > (strcmp (c->code, "DE") ? 9u : 8u));
    /* The common shape borrows any band. */
    if (!c->band)
      c = &countries[g_rand_int_range (rand, 0,
              G_N_ELEMENTS (countries) - 1)];
    g_strlcpy (spec->country, c->band, sizeof (spec->country));
    spec->band = PLATE_BAND_EU;
    spec->rear = FALSE;
    spec->w_mm = g_rand_double (rand) < 0.8 ? 520 :
        g_rand_double_range (rand, 440, 510);
    spec->h_mm = 110;
  } else if (spec->format == PLATE_US) {
    static const PlateSep breaks[] = {
      PLATE_SEP_SPACE, PLATE_SEP_SPACE, PLATE_SEP_SPACE, PLATE_SEP_HYPHEN,
      PLATE_SEP_HYPHEN, PLATE_SEP_GRAPHIC, PLATE_SEP_GRAPHIC, PLATE_SEP_DOT,
    };
    PlateSep brk = breaks[g_rand_int_range (rand, 0, G_N_ELEMENTS (breaks))];
    spec->variant = g_rand_int_range (rand, 0, G_N_ELEMENTS (us_states));
    expand (rand, &us_plates, us_patterns[g_rand_int_range (rand, 0,
                G_N_ELEMENTS (us_patterns))], brk, spec);
    spec->rear = FALSE;
    spec->w_mm = 305;
    spec->h_mm = 152;
  } else {
    PlateFormat f;
    /* Roughly the mix on British roads today, as plategen.c. */
    r = g_rand_double (rand);
    f = r < 0.72 ? PLATE_GB_CURRENT : r < 0.84 ? PLATE_GB_PREFIX :
        r < 0.90 ? PLATE_GB_SUFFIX : r < 0.95 ? PLATE_GB_DATELESS :
        PLATE_GB_NI;
    spec->format = f;
    spec->gap = plategen_random_text (rand, f, spec->text, &spec->gap2);
    if (spec->gap)
      spec->sep[spec->gap] = PLATE_SEP_SPACE;
    if (spec->gap2)
      spec->sep[spec->gap2] = PLATE_SEP_SPACE;
    spec->rear = rear;
    r = g_rand_double (rand);
    if (r < 0.45)
      spec->band = r < 0.18 ? PLATE_BAND_UK : r < 0.3 ? PLATE_BAND_GB :
          PLATE_BAND_EU;
    g_strlcpy (spec->country, "GB", sizeof (spec->country));
    spec->w_mm = 520;
    spec->h_mm = 111;
  }
  spec->detail_seed = g_rand_int (rand);
  plategen_random_finish (rand, 0.35, 0.55, 2.0, 0.75, 2.4, spec);
}

/* ---- The line of characters ---- */

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
