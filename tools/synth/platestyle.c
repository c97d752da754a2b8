/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Wider plate styles, part one: the fonts and the registrations of EU
 * countries and US states.  The line of characters is platetext.c, the
 * plate around it platedraw.c. */

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

/* Fonts that no training set draws in (the training scripts never pass
 * --held-out-fonts, and no font here is in the table above): a test set
 * drawn in them measures how a reader does on faces it never saw, and
 * depends on these packages alone, not on which of the training's fonts a
 * machine has.  Debian's fonts-inter, fonts-lato, fonts-cantarell,
 * fonts-clear-sans, fonts-yanone-kaffeesatz, fonts-manrope, fonts-sora,
 * fonts-dosis, fonts-hack, fonts-jetbrains-mono, fonts-adf-accanthis and
 * fonts-isabella; for the characters, condensed ones weigh most, as
 * above. */
static const FontEntry held_out_fonts[] = {
  {"Yanone Kaffeesatz", TRUE, GLYPHS, {2, 3, 3}},
  {"Dosis", TRUE, GLYPHS, {2, 3, 3}},
  {"Clear Sans", TRUE, GLYPHS, {2, 2, 2}},
  {"Inter", TRUE, GLYPHS, {2, 2, 1.5}},
  {"Lato", TRUE, GLYPHS, {1.5, 1.5, 1.5}},
  {"Cantarell", TRUE, GLYPHS, {1, 1, 1}},
  {"Manrope", TRUE, GLYPHS, {1, 1, 1}},
  {"Sora", TRUE, GLYPHS, {1, 1, 1}},
  {"Hack", TRUE, GLYPHS, {0.5, 0.5, 1}},
  {"JetBrains Mono", TRUE, GLYPHS, {0.5, 0.5, 1}},
  {"Accanthis ADF Std", TRUE, FONT_SERIF, {1}},
  {"Isabella", FALSE, FONT_SCRIPT, {1}},
  {"Inter", TRUE, FONT_SANS, {1}},
  {"Lato", TRUE, FONT_SANS, {1}},
  {"Cantarell", TRUE, FONT_SANS, {1}},
  {"Dosis", TRUE, FONT_SANS, {1}},
};

static cairo_font_face_t *faces[G_N_ELEMENTS (fonts)];
static cairo_font_face_t *held_out_faces[G_N_ELEMENTS (held_out_fonts)];
static gboolean use_held_out;

void
platestyle_use_held_out_fonts (gboolean use)
{
  use_held_out = use;
}

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

/* @f's face, or NULL (said once per family in @warned) when it is not
 * installed */
static cairo_font_face_t *
load_face (const FontEntry * f, GHashTable * warned)
{
  if (!font_installed (f->family, f->bold)) {
    if (g_hash_table_add (warned, (gpointer) f->family))
      g_printerr ("anpr-synth: font '%s' is not installed, not used\n",
          f->family);
    return NULL;
  }
  return cairo_toy_font_face_create (f->family, CAIRO_FONT_SLANT_NORMAL,
      f->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
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
  if (use_held_out)
    for (guint i = 0; i < G_N_ELEMENTS (held_out_fonts); i++)
      held_out_faces[i] = load_face (&held_out_fonts[i], warned);
  else
    for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
      faces[i] = load_face (&fonts[i], warned);
  g_hash_table_destroy (warned);
}

cairo_font_face_t *
platestyle_font (GRand * rand, PlateFontRole role)
{
  static cairo_font_face_t *fallback;
  gint kind = role <= FONT_GLYPH_US ? GLYPHS : (gint) role;
  guint col = role <= FONT_GLYPH_US ? (guint) role : 0;
  const FontEntry *table = use_held_out ? held_out_fonts : fonts;
  cairo_font_face_t **loaded = use_held_out ? held_out_faces : faces;
  guint n = use_held_out ? G_N_ELEMENTS (held_out_fonts) :
      G_N_ELEMENTS (fonts);
  gdouble total = 0, r;

  platestyle_init ();
  for (guint i = 0; i < n; i++)
    if (loaded[i] && table[i].kind == kind)
      total += table[i].weight[col];
  r = g_rand_double (rand) * total;
  for (guint i = 0; i < n; i++) {
    if (!loaded[i] || table[i].kind != kind)
      continue;
    r -= table[i].weight[col];
    if (r < 0)
      return loaded[i];
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
    PlateFormat f = plategen_pick_gb_format (rand, regions);
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
    /* the islands' own letters, never UK */
    if (plategen_band_code (f) && spec->band != PLATE_BAND_NONE) {
      spec->band = PLATE_BAND_GB;
      g_strlcpy (spec->country, plategen_band_code (f),
          sizeof (spec->country));
    }
    spec->w_mm = 520;
    spec->h_mm = 111;
  }
  spec->detail_seed = g_rand_int (rand);
  plategen_random_finish (rand, 0.35, 0.55, 2.0, 0.75, 2.4, spec);
}
