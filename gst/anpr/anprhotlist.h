/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_ANPR_HOTLIST_H__
#define __GST_ANPR_HOTLIST_H__

#include <glib-object.h>
#include <gst/gst.h>
#include <gst/anpr/anprplatemeta.h>

G_BEGIN_DECLS

/* Longest listed plate, wildcards included. */
#define GST_ANPR_HOTLIST_MAX_PLATE 32

/* Default fuzzy budget: one look-alike confusion, the mistake a reader
 * makes.  One other edit (a 6 for a 5) is as often another vehicle as a
 * misread, and alerting on it sends officers after the wrong car. */
#define GST_ANPR_HOTLIST_DEFAULT_MAX_DISTANCE 0.5

/* Edit costs of the fuzzy match. */
#define GST_ANPR_HOTLIST_COST_CONFUSABLE 0.5
#define GST_ANPR_HOTLIST_COST_EDIT 1.0

/* Largest hotlist file read, in bytes: room for ten million lines of
 * every column, and a bound on what a mistaken path (a disk image, a log)
 * can make the loader allocate. */
#define GST_ANPR_HOTLIST_MAX_FILE_SIZE (G_GINT64_CONSTANT (1) << 30)

/* No expiry / no priority. */
#define GST_ANPR_HOTLIST_NO_EXPIRY G_MAXINT64
#define GST_ANPR_HOTLIST_NO_PRIORITY 0

/**
 * GstAnprMatchKind:
 * @GST_ANPR_MATCH_EXACT: the read (or one of its candidates) is the listed
 *   plate
 * @GST_ANPR_MATCH_PARTIAL: a listed partial plate (`?` one character, `*`
 *   any run, possibly empty) matches the read
 * @GST_ANPR_MATCH_FUZZY: the read is within the edit budget of the listed
 *   plate (confusable substitutions cost
 *   %GST_ANPR_HOTLIST_COST_CONFUSABLE, other edits
 *   %GST_ANPR_HOTLIST_COST_EDIT)
 *
 * How a read matched a hotlist entry, best first.
 */
typedef enum
{
  GST_ANPR_MATCH_EXACT,
  GST_ANPR_MATCH_PARTIAL,
  GST_ANPR_MATCH_FUZZY,
} GstAnprMatchKind;

GST_API_EXPORT
const gchar *gst_anpr_match_kind_to_string (GstAnprMatchKind kind);

/**
 * GstAnprHotlistEntry:
 * @plate: normalised listed plate (A-Z, 0-9, and `?` / `*` for partial
 *   plates)
 * @listed: the plate as written in the file
 * @list: name of the list (column `list`), or %NULL
 * @reason: why the vehicle is listed, or %NULL
 * @priority: 1 is highest, %GST_ANPR_HOTLIST_NO_PRIORITY (0) when not given
 * @action: what to do (stop, intercept, observe, report, ...), or %NULL
 * @expires: expiry as written in the file (ISO 8601), or %NULL
 * @expires_us: expiry, microseconds since the Unix epoch, UTC;
 *   %GST_ANPR_HOTLIST_NO_EXPIRY when none.  A date without a time expires at
 *   the end of that day (UTC).
 * @notes: free text, or %NULL
 * @source: file the entry came from (as given to the loader)
 * @line: line number of the entry in @source (1-based)
 * @partial: %TRUE when @plate holds wildcards
 *
 * One vehicle of interest.  Entries are owned by their #GstAnprHotlist and
 * never change after loading.
 */
typedef struct
{
  gchar *plate;
  gchar *listed;
  gchar *list;
  gchar *reason;
  gint priority;
  gchar *action;
  gchar *expires;
  gint64 expires_us;
  gchar *notes;
  gchar *source;
  guint line;
  gboolean partial;
} GstAnprHotlistEntry;

/**
 * GstAnprHotlistMatch:
 * @entry: the matched entry, owned by the hotlist (valid while the caller
 *   holds a reference to it)
 * @kind: how it matched
 * @distance: weighted edit distance (0 for exact and partial matches)
 * @matched_text: the text that matched: the read itself or one of its
 *   candidates
 * @candidate: 0 for the read's best text, i for its candidate i
 *
 * One hit of a lookup.
 */
typedef struct
{
  const GstAnprHotlistEntry *entry;
  GstAnprMatchKind kind;
  gdouble distance;
  gchar matched_text[GST_ANPR_MAX_TEXT + 1];
  guint candidate;
} GstAnprHotlistMatch;

/**
 * GstAnprHotlist:
 *
 * A loaded hotlist: reference counted and immutable, so a reader may keep
 * using the list it holds while a new one is swapped in.
 */
typedef struct _GstAnprHotlist GstAnprHotlist;

#define GST_ANPR_TYPE_HOTLIST (gst_anpr_hotlist_get_type ())
GST_API_EXPORT
GType gst_anpr_hotlist_get_type (void);

GST_API_EXPORT
GstAnprHotlist *gst_anpr_hotlist_load_files (const gchar * const *paths,
    GPtrArray ** warnings, GError ** error);

GST_API_EXPORT
GstAnprHotlist *gst_anpr_hotlist_load_files_full (const gchar * const *paths,
    const gchar * encoding, GPtrArray ** warnings, GError ** error);

GST_API_EXPORT
GstAnprHotlist *gst_anpr_hotlist_load_file (const gchar * path,
    GPtrArray ** warnings, GError ** error);

GST_API_EXPORT
GstAnprHotlist *gst_anpr_hotlist_load_data (const gchar * data, gssize len,
    const gchar * source, GPtrArray ** warnings, GError ** error);

GST_API_EXPORT
GstAnprHotlist *gst_anpr_hotlist_load_data_full (const gchar * data,
    gssize len, const gchar * source, const gchar * encoding,
    GPtrArray ** warnings, GError ** error);

GST_API_EXPORT
gchar **gst_anpr_hotlist_split_paths (const gchar * paths);

GST_API_EXPORT
GstAnprHotlist *gst_anpr_hotlist_ref (GstAnprHotlist * hotlist);

GST_API_EXPORT
void gst_anpr_hotlist_unref (GstAnprHotlist * hotlist);

GST_API_EXPORT
guint gst_anpr_hotlist_get_n_entries (const GstAnprHotlist * hotlist);

GST_API_EXPORT
const GstAnprHotlistEntry *gst_anpr_hotlist_get_entry (const GstAnprHotlist *
    hotlist, guint index);

GST_API_EXPORT
gboolean gst_anpr_hotlist_entry_is_expired (const GstAnprHotlistEntry * entry,
    gint64 now_us);

GST_API_EXPORT
gdouble gst_anpr_plate_distance (const gchar * a, const gchar * b,
    gdouble max_distance);

GST_API_EXPORT
gboolean gst_anpr_plate_wildcard_match (const gchar * pattern,
    const gchar * text);

GST_API_EXPORT
GArray *gst_anpr_hotlist_lookup (const GstAnprHotlist * hotlist,
    const gchar * text, const gchar * const *candidates, guint n_candidates,
    gdouble max_distance, gint64 now_us);

GST_API_EXPORT
gint gst_anpr_hotlist_match_compare (const GstAnprHotlistMatch * a,
    const GstAnprHotlistMatch * b);

GST_API_EXPORT
GArray *gst_anpr_hotlist_lookup_meta (const GstAnprHotlist * hotlist,
    const GstAnprPlateMeta * meta, gdouble max_distance, gint64 now_us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstAnprHotlist, gst_anpr_hotlist_unref)

G_END_DECLS

#endif /* __GST_ANPR_HOTLIST_H__ */
