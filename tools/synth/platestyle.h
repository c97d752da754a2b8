/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The wider plate styles behind `anpr-synth plates --variety`: national
 * EU and US state registrations, a font per plate from the installed
 * Debian fonts, separators (hyphens, seals, coats of arms), US state
 * headers, slogans and scenery (platestyle.c, platetext.c, platedraw.c),
 * and crops with perspective and car surroundings (platecrop.c).  Nothing
 * here draws from the random sequence of the default styles. */

#ifndef __PLATESTYLE_H__
#define __PLATESTYLE_H__

#include <glib.h>
#include <cairo.h>

#include "plategen.h"
#include "scenegen.h"
#include "platestroke.h"

G_BEGIN_DECLS

/* Looks the fonts up once and warns once about each missing one; called
 * by the functions below when needed. */
void platestyle_init (void);

/* Like plategen_random_spec(), with the wider registrations and styling;
 * sets @spec->variety. */
void platestyle_random_spec (GRand * rand, PlateRegions regions,
    gboolean rear, PlateSpec * spec);

/* plategen_render() of a @spec with @spec->variety set (platedraw.c). */
void platestyle_render (cairo_t * cr, const PlateSpec * spec);

/* One plate crop (platecrop.c): @spec drawn with a random perspective
 * (stronger when @variety) on a car, with up to @margin times the plate's
 * size of surroundings on each side.  @box gets the plate's axis-aligned
 * box in the image, or the whole image when @margin is 0. */
cairo_surface_t *platecrop_render (GRand * rand, const PlateSpec * spec,
    gboolean variety, gdouble margin, SceneBox * box);

/* Writes an RGB24 surface as an 8-bit RGB PNG, quicker than cairo's
 * writer (fast deflate): the crops are mostly noise and compress poorly
 * whatever the effort. */
gboolean platecrop_write_png (cairo_surface_t * surface, const gchar * path);

/* ---- Shared by platestyle.c and platedraw.c ---- */

typedef enum
{
  COUNTRY_STARS = 1 << 0,       /* EU member: the star circle on the band */
  COUNTRY_YELLOW = 1 << 1,      /* yellow plates front and rear (NL, LU) */
  COUNTRY_RED_TEXT = 1 << 2,    /* BE */
  COUNTRY_NO_BAND = 1 << 3,     /* often without a band (BA) */
  COUNTRY_RIGHT_BAND = 1 << 4,  /* blue band on the right too (FR, IT) */
  COUNTRY_YEAR_BAND = 1 << 5,   /* yellow year band on the right (PT) */
  COUNTRY_STRIPES = 1 << 6,     /* red stripes top and bottom (AT) */
} PlateCountryFlags;

typedef struct
{
  const gchar *code;            /* ISO code, for reading the table */
  const gchar *band;            /* letters on the band */
  const gchar *const *patterns; /* see platestyle.c */
  const gchar *const *districts;
  const gchar *letters;         /* letters in use, NULL for A-Z */
  guint flags;
  gdouble weight;
} PlateCountry;

const PlateCountry *platestyle_country (guint variant);
const gchar *platestyle_us_state (guint variant);

typedef enum
{
  FONT_GLYPH_EU,
  FONT_GLYPH_GB,
  FONT_GLYPH_US,
  FONT_SERIF,
  FONT_SCRIPT,
  FONT_SANS,
  FONT_N_ROLES
} PlateFontRole;

/* A random installed font for @role (weighted towards the plate-like). */
cairo_font_face_t *platestyle_font (GRand * rand, PlateFontRole role);

/* Everything drawn in fonts no training set uses (before the first
 * platestyle_font ()). */
void platestyle_use_held_out_fonts (gboolean use);

/* How the registration is drawn: picked per plate. */
typedef struct
{
  cairo_font_face_t *face;
  gdouble char_h;               /* cap height, mm */
  gdouble width;                /* glyph width factor, 0.75 .. 1.25 */
  gboolean cell;                /* every glyph stretched to one cell */
  gdouble spacing;              /* between characters, mm */
  gdouble group_gap;            /* a space between groups, mm */
  gdouble shear;                /* italic: x offset per unit of height */
  gdouble weight;               /* extra stroke, mm; negative thins */
  gdouble ink[3];
  gdouble emboss;               /* raised characters: light offset, mm */
  gdouble shadow;               /* "3D" gel characters: shadow offset, mm */
  guint graphic;                /* US separator: outline, star, heart,
                                 * fruit */
  gboolean emblem;              /* US: a figure left of the characters */
  gboolean stroked;             /* drawn with @stroke instead of @face */
  PlateStrokeStyle stroke;
} PlateGlyphStyle;

void platestyle_random_glyphs (GRand * rand, PlateFontRole role,
    gdouble plate_h, gdouble h_lo, gdouble h_hi, PlateGlyphStyle * gs);

/* Draws the registration of @spec with its separators, centred between
 * @x0 and @x1 about @y_mid, squeezed when it does not fit; returns the
 * cap height used. */
gdouble platestyle_draw_text (cairo_t * cr, const PlateSpec * spec,
    const PlateGlyphStyle * gs, gdouble x0, gdouble x1, gdouble y_mid);

/* Fits @text in @font between @x0 and @x1 at baseline @y, at most
 * @size mm high (cap height), centred; for headers and small print. */
void platestyle_show_text (cairo_t * cr, cairo_font_face_t * font,
    const gchar * text, gdouble cx, gdouble y, gdouble size,
    gdouble max_w);

G_END_DECLS

#endif /* __PLATESTYLE_H__ */
