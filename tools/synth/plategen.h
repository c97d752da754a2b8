/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Synthetic number plates: random valid registrations per format and a
 * cairo renderer that draws them to scale, in millimetres, so the caller
 * only has to set up the matrix that places the plate in its scene. */

#ifndef __PLATEGEN_H__
#define __PLATEGEN_H__

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

typedef enum
{
  PLATE_GB_CURRENT,             /* AB12 CDE, 2001 onwards */
  PLATE_GB_PREFIX,              /* A123 BCD, 1983-2001 */
  PLATE_GB_SUFFIX,              /* ABC 123D, 1963-1983 */
  PLATE_GB_DATELESS,            /* ABC 123 or 123 ABC */
  PLATE_GB_NI,                  /* ABZ 1234, Northern Ireland */
  PLATE_GB_IOM,                 /* BMN 123 A and the older MN/MAN series */
  PLATE_GB_JERSEY,              /* J 12345 */
  PLATE_GB_GUERNSEY,            /* 12345 */
  PLATE_GB_ALDERNEY,            /* AY 1234 */
  PLATE_GB_DIPLOMATIC,          /* 123 D 456, 123 X 456 */
  PLATE_GB_STYLED,              /* B16 BOY drawn BIG BOY, or a show text */
  PLATE_EU,                     /* AB 123 CD on a white plate, blue band */
  PLATE_US,                     /* ABC 1234 / 7ABC123 on a 12x6 inch plate */
  PLATE_N_FORMATS
} PlateFormat;

/* Bit set of the regions a caller wants (the --formats option). */
typedef enum
{
  PLATE_REGION_GB = 1 << 0,
  PLATE_REGION_EU = 1 << 1,
  PLATE_REGION_US = 1 << 2,
  /* GB plates of every format in equal shares (the Crown dependencies'
   * and diplomatic ones too), for sets where each must be present */
  PLATE_REGION_GB_EVERY = 1 << 3,
  /* GB plates drawn to spell a word (misrepresented) or a novelty text:
   * alone, only those; with gb-every, one more share */
  PLATE_REGION_GB_STYLED = 1 << 4,
} PlateRegions;

typedef enum
{
  PLATE_BAND_NONE,
  PLATE_BAND_GB,                /* blue band with "GB" */
  PLATE_BAND_UK,                /* blue band with "UK" and a union flag */
  PLATE_BAND_EU,                /* blue band with the star circle */
} PlateBand;

#define PLATE_TEXT_MAX 16

/* What is drawn in front of a character on the plates of the wider
 * styles (platestyle.c); never part of the text. */
typedef enum
{
  PLATE_SEP_NONE,
  PLATE_SEP_SPACE,
  PLATE_SEP_HYPHEN,
  PLATE_SEP_DOT,
  PLATE_SEP_SEALS,              /* DE: registration and state seals */
  PLATE_SEP_BADGE,              /* coat of arms: HR, SK, RS, AT, SI */
  PLATE_SEP_GRAPHIC,            /* US: state outline, star or heart */
} PlateSep;

typedef struct
{
  PlateFormat format;
  /* Normalised registration: A-Z and 0-9 only, what truth.tsv holds. */
  gchar text[PLATE_TEXT_MAX];
  /* Index in @text where the wider group gap goes, 0 for none; for
   * formats with two gaps (EU) @gap2 is the second one. */
  guint gap;
  guint gap2;
  gboolean rear;                /* GB: yellow rear plate, else white front */
  PlateBand band;
  gchar country[4];             /* band letters: EU plates, and the GB band
                                 * of a Crown dependency (GBJ ...) */
  gboolean border;
  gboolean screws;
  gdouble dirt;                 /* 0 clean .. 1 filthy */
  gdouble wear;                 /* faded characters, 0 .. 1 */
  guint32 detail_seed;          /* placement of dirt, screws, US colours */
  /* Wider styles (anpr-synth plates --variety, platestyle.c): when set,
   * the fields below replace @gap, @gap2 and the fixed plate sizes. */
  gboolean variety;
  guint8 sep[PLATE_TEXT_MAX];   /* a PlateSep before each character */
  guint16 variant;              /* EU country or US state, platestyle.c */
  gdouble w_mm, h_mm;
} PlateSpec;

/* Fills @out (at least PLATE_TEXT_MAX bytes) with a valid registration for
 * @format and returns the index of the group gap (0 if none). */
guint plategen_random_text (GRand * rand, PlateFormat format, gchar * out,
    guint * gap2);

/* One region of @regions, equally likely (GB if none), as the format
 * that stands for it: PLATE_GB_CURRENT, PLATE_EU or PLATE_US. */
PlateFormat plategen_pick_region (GRand * rand, PlateRegions regions);

/* A GB format: roughly the mix on British roads, or with
 * PLATE_REGION_GB_EVERY in @regions every GB format equally. */
PlateFormat plategen_pick_gb_format (GRand * rand, PlateRegions regions);

/* The letters a Crown dependency's plates carry in their band (GBJ
 * Jersey, GBG Guernsey, GBM Isle of Man, GBA Alderney), NULL for other
 * formats. */
const gchar *plategen_band_code (PlateFormat format);

/* Picks a format among @regions (GB weighted towards current plates) and
 * random but plausible styling. */
void plategen_random_spec (GRand * rand, PlateRegions regions,
    gboolean rear, PlateSpec * spec);

/* Parses "gb,eu,us" (and "gb-every"); returns 0 on an unknown name. */
PlateRegions plategen_parse_regions (const gchar * str);

/* Physical plate size in millimetres (520x111 for GB and EU). */
void plategen_size_mm (const PlateSpec * spec, gdouble * w, gdouble * h);

/* The registration as printed, with its spaces ("AB12 CDE"). */
void plategen_display_text (const PlateSpec * spec, gchar * out, gsize len);

/* Draws the plate with its top left corner at the user-space origin, one
 * unit per millimetre: the caller's matrix places, scales and skews it. */
void plategen_render (cairo_t * cr, const PlateSpec * spec);

/* Drawing helpers shared with platestyle.c, plate millimetres. */
void plategen_rounded_rect (cairo_t * cr, gdouble x, gdouble y, gdouble w,
    gdouble h, gdouble r);
void plategen_star (cairo_t * cr, gdouble cx, gdouble cy, gdouble r);
void plategen_draw_screw (cairo_t * cr, gdouble x, gdouble y,
    gboolean chrome, gdouble r, gdouble g, gdouble b);
void plategen_draw_dirt (cairo_t * cr, GRand * rand, gdouble w, gdouble h,
    gdouble dirt);

/* The light from above across a plate @h high. */
void plategen_draw_sheen (cairo_t * cr, gdouble h);

/* Border, screws, dirt and wear, drawn in this order from @rand: a border
 * with probability @p_border, dirt rising linearly above @dirt_from at
 * @dirt_scale, wear likewise. */
void plategen_random_finish (GRand * rand, gdouble p_border,
    gdouble dirt_from, gdouble dirt_scale, gdouble wear_from,
    gdouble wear_scale, PlateSpec * spec);

G_END_DECLS

#endif /* __PLATEGEN_H__ */
