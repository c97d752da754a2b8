/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* What the hotlist's source files share and applications never see:
 * the loaded list's layout, the CSV parser (anprhotlistcsv.c) and the key
 * index (anprhotlistmatch.c).  Not installed. */

#ifndef __GST_ANPR_HOTLIST_PRIVATE_H__
#define __GST_ANPR_HOTLIST_PRIVATE_H__

#include "anprhotlist.h"

G_BEGIN_DECLS

struct _GstAnprHotlist
{
  gint refcount;

  GStringChunk *strings;
  GArray *entries;              /* GstAnprHotlistEntry, never resized after load */
  GArray *partial;              /* guint indices of wildcard entries */

  /* Plain (non-wildcard) entries, indexed by key: the plate with its
   * confusable characters mapped to one per class (0ODQ -> 0, ...), and
   * that canonical plate with one position deleted.  Two plates within
   * one edit share a key, so exact lookups probe the read's full key and
   * fuzzy lookups (budget up to one edit) probe the read's keys; every
   * candidate is then checked with gst_anpr_plate_distance(), so the
   * index gives exactly what a scan would.  Buckets are a compressed
   * table: the keys of bucket b are idx[offsets[b] .. offsets[b + 1]),
   * with an 8-bit tag of each key's hash to skip most strangers. */
  guint32 mask;                 /* buckets - 1 */
  guint32 *offsets;             /* buckets + 1 */
  guint32 *idx;                 /* entry index per key */
  guint8 *tags;
  guint n_keys;
};

/* What one file gave, to say why it gave no entries. */
typedef struct
{
  guint entries;                /* entries appended */
  guint skipped;                /* lines reported and skipped */
  gboolean header;              /* a header row was found */
} GstAnprHotlistParseStats;

G_GNUC_INTERNAL
gboolean _gst_anpr_hotlist_parse (GstAnprHotlist * hl, const gchar * data,
    gsize len, const gchar * source, GPtrArray * warnings,
    GstAnprHotlistParseStats * stats, GError ** error);

G_GNUC_INTERNAL
gchar *_gst_anpr_hotlist_excerpt (const gchar * s);

G_GNUC_INTERNAL
void _gst_anpr_hotlist_dedup (GstAnprHotlist * hl, GPtrArray * warnings);

G_GNUC_INTERNAL
void _gst_anpr_hotlist_index (GstAnprHotlist * hl);

/* One edit of the cheapest alignment of a read with a listed plate. */
typedef enum
{
  GST_ANPR_EDIT_SUBSTITUTION,
  GST_ANPR_EDIT_EXTRA,          /* read, not listed */
  GST_ANPR_EDIT_MISSING,        /* listed, not read */
} GstAnprEditKind;

typedef struct
{
  GstAnprEditKind kind;
  guint read_pos;               /* in the read (where a missing one goes) */
  gchar read, listed;           /* '\0' where there is none */
} GstAnprEdit;

/* The edits of gst_anpr_plate_distance()'s cheapest alignment of @read
 * with @listed (both normalised), in reading order; GstAnprEdit. */
G_GNUC_INTERNAL
GArray *_gst_anpr_plate_edits (const gchar * read, const gchar * listed);

G_END_DECLS

#endif /* __GST_ANPR_HOTLIST_PRIVATE_H__ */
