/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* What the plate rules' source files share: the format tables
 * (anprplateformats.c) in the form the decoder (anprplaterules.c) walks.
 * Not installed. */

#ifndef __GST_ANPR_PLATE_RULES_PRIVATE_H__
#define __GST_ANPR_PLATE_RULES_PRIVATE_H__

#include "anprplaterules.h"

G_BEGIN_DECLS

/* Character classes as bit masks over the 36 symbols: bit 0-25 A-Z,
 * bit 26-35 0-9. */
typedef guint64 CharMask;

static inline gint
symbol_index (gchar c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= '0' && c <= '9')
    return 26 + (c - '0');
  return -1;
}

static inline gboolean
mask_has (CharMask m, gchar c)
{
  gint i = symbol_index (c);
  return i >= 0 && (m & (G_GUINT64_CONSTANT (1) << i));
}

typedef gboolean (*FormatCheck) (const gchar * text);

/* A format is a list of tokens, each a character class (@cls, one class
 * letter) repeated between min and max times; it is expanded into
 * fixed-length templates once.  "=" and letters after it stand for those
 * letters, one a position (min and max their number): the fixed code of a
 * series ("=MN" on Manx plates). */
typedef struct
{
  const gchar *cls;
  guint8 min, max;
} Token;

#define MAX_TOKENS 6

typedef struct
{
  const gchar *name;
  GstAnprRegion region;
  /* How common the format is on the road: ranks readings that fit
   * several formats equally well (current plates outnumber prefix ones
   * many times over), but is not part of the reported confidence. */
  gfloat prior;
  Token tokens[MAX_TOKENS];
  FormatCheck check;
  /* The catch-all of a region (vanity and unlisted plates): only kept
   * where no national format explains the reading better. */
  gboolean fallback;
} FormatDef;

#define MAX_TEMPLATE_LEN 10

typedef struct
{
  const FormatDef *def;
  guint len;
  CharMask cls[MAX_TEMPLATE_LEN];
  /* positions (bits) holding an emblem or sticker: read, then dropped */
  guint16 junk;
} Template;

/* Every format of every region, in the order they are tried. */
G_GNUC_INTERNAL
extern const FormatDef _gst_anpr_plate_formats[];
G_GNUC_INTERNAL
extern const guint _gst_anpr_plate_n_formats;

/* The formats expanded into fixed-length templates (of Template), built
 * on first use and kept for the life of the process. */
G_GNUC_INTERNAL
GArray *_gst_anpr_plate_templates (void);

G_END_DECLS

#endif /* __GST_ANPR_PLATE_RULES_PRIVATE_H__ */
