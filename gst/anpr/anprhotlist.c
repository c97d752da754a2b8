/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/**
 * SECTION:anprhotlist
 * @title: GstAnprHotlist
 * @short_description: hotlist (watch list) of plates and matching reads
 *   against it
 *
 * A hotlist is loaded from one or more CSV files (RFC 4180 quoting) with a
 * header row naming the columns, in any order:
 *
 * |[
 * plate,list,reason,priority,action,expires,notes
 * AB12CDE,stolen,"Stolen 2026-11-01, burglary",1,stop,2026-12-31,"Blue ""Ford"" Focus"
 * AB12C?E,burglary,partial plate from witness,2,observe,,
 * ]|
 *
 * Only `plate` is required; unknown columns are ignored.  Blank lines and
 * lines whose first non-blank character is `#` are skipped.  Quoted fields
 * may hold commas and doubled quotes, but not line breaks: a quote left
 * open at the end of the line makes that line malformed (so one stray quote
 * cannot swallow the rest of the file).
 *
 * Plates are normalised with gst_anpr_plate_normalise(), exactly as the
 * reader normalises what it reads ("ab12 cde" is AB12CDE); listed plates may
 * also hold `?` (one character) and `*` (any run, possibly empty) to list a
 * partial plate, which needs at least two known characters.
 *
 * A malformed line (wrong number of fields, empty or invalid plate, bad
 * priority or expiry, unterminated quote) is skipped and reported as
 * "FILE:LINE: reason"; the rest of the file loads.  A file that cannot be
 * read, or whose header has no `plate` column, fails the whole load.
 *
 * Lookups try the read's text and then its candidates.  Plain entries are
 * indexed by key: the plate with its confusable characters mapped to one
 * per class (0/O/D/Q, 1/I/L/T, ...), and that with each position deleted
 * (a symmetric-delete index).  Exact lookups probe one key; fuzzy lookups
 * with a budget of up to one edit (the default) probe the read's keys and
 * check each candidate with gst_anpr_plate_distance(), so they return
 * exactly what a scan of every entry would, in microseconds on a
 * million-entry list (tools/anpr-hotlist-bench).  Larger budgets, and
 * partial entries (few), are scans.  Entries whose expiry has passed never
 * match.
 *
 * A loaded #GstAnprHotlist never changes: take a reference to keep using
 * it while a newer one replaces it.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "anprhotlistprivate.h"

G_DEFINE_BOXED_TYPE (GstAnprHotlist, gst_anpr_hotlist, gst_anpr_hotlist_ref,
    gst_anpr_hotlist_unref);

/**
 * gst_anpr_match_kind_to_string:
 * @kind: a #GstAnprMatchKind
 *
 * Returns: "exact", "partial" or "fuzzy", as in the event JSON
 */
const gchar *
gst_anpr_match_kind_to_string (GstAnprMatchKind kind)
{
  switch (kind) {
    case GST_ANPR_MATCH_EXACT:
      return "exact";
    case GST_ANPR_MATCH_PARTIAL:
      return "partial";
    case GST_ANPR_MATCH_FUZZY:
      return "fuzzy";
  }
  return "unknown";
}

/* ---- construction ---------------------------------------------------- */

static GstAnprHotlist *
hotlist_new (void)
{
  GstAnprHotlist *hl = g_new0 (GstAnprHotlist, 1);

  hl->refcount = 1;
  hl->strings = g_string_chunk_new (64 * 1024);
  hl->entries = g_array_new (FALSE, TRUE, sizeof (GstAnprHotlistEntry));
  hl->partial = g_array_new (FALSE, FALSE, sizeof (guint));
  return hl;
}

/**
 * gst_anpr_hotlist_ref:
 * @hotlist: a #GstAnprHotlist
 *
 * Returns: (transfer full): @hotlist
 */
GstAnprHotlist *
gst_anpr_hotlist_ref (GstAnprHotlist * hotlist)
{
  g_return_val_if_fail (hotlist != NULL, NULL);
  g_atomic_int_inc (&hotlist->refcount);
  return hotlist;
}

/**
 * gst_anpr_hotlist_unref:
 * @hotlist: (transfer full): a #GstAnprHotlist
 */
void
gst_anpr_hotlist_unref (GstAnprHotlist * hotlist)
{
  g_return_if_fail (hotlist != NULL);
  if (!g_atomic_int_dec_and_test (&hotlist->refcount))
    return;

  g_free (hotlist->offsets);
  g_free (hotlist->idx);
  g_free (hotlist->tags);
  g_array_free (hotlist->partial, TRUE);
  g_array_free (hotlist->entries, TRUE);
  g_string_chunk_free (hotlist->strings);
  g_free (hotlist);
}

/**
 * gst_anpr_hotlist_split_paths:
 * @paths: file names separated by ',' or ';'
 *
 * Returns: (transfer full): the trimmed, non-empty file names
 */
gchar **
gst_anpr_hotlist_split_paths (const gchar * paths)
{
  GPtrArray *out = g_ptr_array_new ();
  gchar **parts;
  guint i;

  parts = g_strsplit_set (paths ? paths : "", ",;", -1);
  for (i = 0; parts[i]; i++) {
    gchar *s = g_strstrip (parts[i]);
    if (*s)
      g_ptr_array_add (out, g_strdup (s));
  }
  g_strfreev (parts);
  g_ptr_array_add (out, NULL);
  return (gchar **) g_ptr_array_free (out, FALSE);
}

static GPtrArray *
warnings_array (GPtrArray ** warnings)
{
  if (!warnings)
    return NULL;
  if (!*warnings)
    *warnings = g_ptr_array_new_with_free_func (g_free);
  return *warnings;
}

/**
 * gst_anpr_hotlist_load_files:
 * @paths: (array zero-terminated=1): CSV files, loaded into one hotlist
 * @warnings: (out) (optional) (transfer full) (element-type utf8): where to
 *   append "FILE:LINE: reason" for every skipped line; created when *NULL
 * @error: a #GError, set when a file cannot be read or has no `plate`
 *   column (the message names the file)
 *
 * Returns: (transfer full) (nullable): the hotlist, or %NULL on error
 */
GstAnprHotlist *
gst_anpr_hotlist_load_files (const gchar * const *paths,
    GPtrArray ** warnings, GError ** error)
{
  GstAnprHotlist *hl;
  guint i;

  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hl = hotlist_new ();
  for (i = 0; paths[i]; i++) {
    gchar *data = NULL;
    gsize len = 0;

    if (!g_file_get_contents (paths[i], &data, &len, error)) {
      gst_anpr_hotlist_unref (hl);
      return NULL;
    }
    if (!_gst_anpr_hotlist_parse (hl, data, len, paths[i],
            warnings_array (warnings), error)) {
      g_free (data);
      gst_anpr_hotlist_unref (hl);
      return NULL;
    }
    g_free (data);
  }
  _gst_anpr_hotlist_index (hl);
  return hl;
}

/**
 * gst_anpr_hotlist_load_file:
 * @path: a CSV file
 * @warnings: (out) (optional) (transfer full) (element-type utf8): see
 *   gst_anpr_hotlist_load_files()
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the hotlist, or %NULL on error
 */
GstAnprHotlist *
gst_anpr_hotlist_load_file (const gchar * path, GPtrArray ** warnings,
    GError ** error)
{
  const gchar *paths[2] = { path, NULL };

  g_return_val_if_fail (path != NULL, NULL);
  return gst_anpr_hotlist_load_files (paths, warnings, error);
}

/**
 * gst_anpr_hotlist_load_data:
 * @data: CSV text
 * @len: length of @data, or -1 when NUL terminated
 * @source: name used for the entries' source and in warnings
 * @warnings: (out) (optional) (transfer full) (element-type utf8): see
 *   gst_anpr_hotlist_load_files()
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the hotlist, or %NULL on error
 */
GstAnprHotlist *
gst_anpr_hotlist_load_data (const gchar * data, gssize len,
    const gchar * source, GPtrArray ** warnings, GError ** error)
{
  GstAnprHotlist *hl;

  g_return_val_if_fail (data != NULL, NULL);
  if (len < 0)
    len = strlen (data);
  hl = hotlist_new ();
  if (!_gst_anpr_hotlist_parse (hl, data, len, source ? source : "<data>",
          warnings_array (warnings), error)) {
    gst_anpr_hotlist_unref (hl);
    return NULL;
  }
  _gst_anpr_hotlist_index (hl);
  return hl;
}

/* ---- queries ---------------------------------------------------------- */

/**
 * gst_anpr_hotlist_get_n_entries:
 * @hotlist: a #GstAnprHotlist
 *
 * Returns: how many entries loaded (expired ones included)
 */
guint
gst_anpr_hotlist_get_n_entries (const GstAnprHotlist * hotlist)
{
  g_return_val_if_fail (hotlist != NULL, 0);
  return hotlist->entries->len;
}

/**
 * gst_anpr_hotlist_get_entry:
 * @hotlist: a #GstAnprHotlist
 * @index: 0 .. gst_anpr_hotlist_get_n_entries() - 1, in file order
 *
 * Returns: (transfer none) (nullable): the entry
 */
const GstAnprHotlistEntry *
gst_anpr_hotlist_get_entry (const GstAnprHotlist * hotlist, guint index)
{
  g_return_val_if_fail (hotlist != NULL, NULL);
  if (index >= hotlist->entries->len)
    return NULL;
  return &g_array_index (hotlist->entries, GstAnprHotlistEntry, index);
}

/**
 * gst_anpr_hotlist_entry_is_expired:
 * @entry: an entry
 * @now_us: wall clock, microseconds since the Unix epoch (0: now)
 *
 * Returns: %TRUE once @now_us has reached the entry's expiry
 */
gboolean
gst_anpr_hotlist_entry_is_expired (const GstAnprHotlistEntry * entry,
    gint64 now_us)
{
  g_return_val_if_fail (entry != NULL, TRUE);
  if (entry->expires_us == GST_ANPR_HOTLIST_NO_EXPIRY)
    return FALSE;
  if (now_us == 0)
    now_us = g_get_real_time ();
  return now_us >= entry->expires_us;
}
