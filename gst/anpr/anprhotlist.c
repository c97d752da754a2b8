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
 * Lookups try the read's text and then its candidates: exact matches come
 * from a hash table, partial entries and fuzzy matches from scans of
 * arrays (fuzzy ones only over entries whose length is within the edit
 * budget).  Entries whose expiry has passed never match.
 *
 * A loaded #GstAnprHotlist never changes: take a reference to keep using
 * it while a newer one replaces it.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>
#include <gio/gio.h>

#include "anprhotlist.h"
#include "anprplaterules.h"

struct _GstAnprHotlist
{
  gint refcount;

  GStringChunk *strings;
  GArray *entries;              /* GstAnprHotlistEntry, never resized after load */

  /* normalised plate -> index + 1 of its first entry; further entries with
   * the same plate (several lists) are chained through next_same */
  GHashTable *exact;
  GArray *next_same;            /* guint: index + 1 of the next, 0 ends */

  GArray *partial;              /* guint indices of wildcard entries */
  /* guint indices of plain entries, by plate length: fuzzy lookups only
   * scan the lengths within the edit budget.  A later index (BK-tree,
   * deletion neighbourhoods) replaces these scans without changing the
   * API. */
  GArray *by_len[GST_ANPR_MAX_TEXT + 1];
};

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
  guint i;

  hl->refcount = 1;
  hl->strings = g_string_chunk_new (4096);
  hl->entries = g_array_new (FALSE, TRUE, sizeof (GstAnprHotlistEntry));
  hl->exact = g_hash_table_new (g_str_hash, g_str_equal);
  hl->next_same = g_array_new (FALSE, TRUE, sizeof (guint));
  hl->partial = g_array_new (FALSE, FALSE, sizeof (guint));
  for (i = 0; i <= GST_ANPR_MAX_TEXT; i++)
    hl->by_len[i] = g_array_new (FALSE, FALSE, sizeof (guint));
  return hl;
}

/* Builds the indexes once every entry is in (entry strings live in the
 * string chunk, so the keys stay valid). */
static void
hotlist_index (GstAnprHotlist * hl)
{
  guint i;
  /* index + 1 of the last entry seen per plate, to append to chains */
  GHashTable *last = g_hash_table_new (g_str_hash, g_str_equal);

  g_array_set_size (hl->next_same, hl->entries->len);
  for (i = 0; i < hl->entries->len; i++) {
    GstAnprHotlistEntry *e = &g_array_index (hl->entries,
        GstAnprHotlistEntry, i);
    gpointer prev;

    if (e->partial) {
      g_array_append_val (hl->partial, i);
      continue;
    }
    g_array_append_val (hl->by_len[strlen (e->plate)], i);
    prev = g_hash_table_lookup (last, e->plate);
    if (prev)
      g_array_index (hl->next_same, guint, GPOINTER_TO_UINT (prev) - 1) =
          i + 1;
    else
      g_hash_table_insert (hl->exact, e->plate, GUINT_TO_POINTER (i + 1));
    g_hash_table_insert (last, e->plate, GUINT_TO_POINTER (i + 1));
  }
  g_hash_table_destroy (last);
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
  guint i;

  g_return_if_fail (hotlist != NULL);
  if (!g_atomic_int_dec_and_test (&hotlist->refcount))
    return;

  g_hash_table_destroy (hotlist->exact);
  g_array_free (hotlist->next_same, TRUE);
  g_array_free (hotlist->partial, TRUE);
  for (i = 0; i <= GST_ANPR_MAX_TEXT; i++)
    g_array_free (hotlist->by_len[i], TRUE);
  g_array_free (hotlist->entries, TRUE);
  g_string_chunk_free (hotlist->strings);
  g_free (hotlist);
}

/* ---- CSV ------------------------------------------------------------- */

enum
{
  COL_IGNORED = -1,
  COL_PLATE = 0,
  COL_LIST,
  COL_REASON,
  COL_PRIORITY,
  COL_ACTION,
  COL_EXPIRES,
  COL_NOTES,
  N_COLS
};

static const gchar *const col_names[N_COLS] = {
  "plate", "list", "reason", "priority", "action", "expires", "notes"
};

/* Splits one line into fields (RFC 4180 quoting, no line breaks inside
 * quotes).  Unquoted fields are trimmed.  Returns FALSE with *reason set on
 * a malformed line. */
static gboolean
csv_split (const gchar * line, GPtrArray * fields, const gchar ** reason)
{
  const gchar *p = line;
  GString *f = g_string_new (NULL);

  g_ptr_array_set_size (fields, 0);
  for (;;) {
    g_string_truncate (f, 0);
    while (*p == ' ' || *p == '\t')
      p++;
    if (*p == '"') {
      p++;
      for (;;) {
        if (*p == '\0') {
          *reason = "unterminated quoted field";
          g_string_free (f, TRUE);
          return FALSE;
        }
        if (*p == '"') {
          if (p[1] == '"') {
            g_string_append_c (f, '"');
            p += 2;
            continue;
          }
          p++;
          break;
        }
        g_string_append_c (f, *p++);
      }
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p != ',' && *p != '\0') {
        *reason = "unexpected character after closing quote";
        g_string_free (f, TRUE);
        return FALSE;
      }
    } else {
      while (*p != ',' && *p != '\0')
        g_string_append_c (f, *p++);
      while (f->len > 0 && (f->str[f->len - 1] == ' '
              || f->str[f->len - 1] == '\t'))
        g_string_truncate (f, f->len - 1);
    }
    g_ptr_array_add (fields, g_strndup (f->str, f->len));
    if (*p == '\0')
      break;
    p++;                        /* ',' */
  }
  g_string_free (f, TRUE);
  return TRUE;
}

/* Normalises a listed plate, keeping the wildcards: the runs between them
 * go through gst_anpr_plate_normalise() like a read does.  Returns FALSE
 * with *reason when nothing usable is left. */
static gboolean
normalise_listed (const gchar * in, gchar * out, gsize out_len,
    gboolean * partial, const gchar ** reason)
{
  GString *res = g_string_new (NULL);
  GString *seg = g_string_new (NULL);
  gchar buf[GST_ANPR_HOTLIST_MAX_PLATE * 4 + 1];
  guint literals = 0;
  const gchar *p;

  *partial = FALSE;
  for (p = in;; p++) {
    if (*p == '?' || *p == '*' || *p == '\0') {
      if (seg->len > 0) {
        gst_anpr_plate_normalise (seg->str, buf, sizeof (buf));
        literals += strlen (buf);
        g_string_append (res, buf);
        g_string_truncate (seg, 0);
      }
      if (*p == '\0')
        break;
      *partial = TRUE;
      /* "**" is "*" */
      if (*p == '*' && res->len > 0 && res->str[res->len - 1] == '*')
        continue;
      g_string_append_c (res, *p);
    } else {
      g_string_append_c (seg, *p);
    }
  }
  g_string_free (seg, TRUE);

  if (literals == 0 && !*partial) {
    *reason = "empty or invalid plate";
  } else if (*partial && literals < 2) {
    *reason = "partial plate needs at least two known characters";
  } else if (!*partial && res->len > GST_ANPR_MAX_TEXT) {
    *reason = "plate longer than " G_STRINGIFY (GST_ANPR_MAX_TEXT)
        " characters";
  } else if (res->len >= out_len) {
    *reason = "partial plate too long";
  } else {
    g_strlcpy (out, res->str, out_len);
    g_string_free (res, TRUE);
    return TRUE;
  }
  g_string_free (res, TRUE);
  return FALSE;
}

static gboolean
parse_expires (const gchar * s, gint64 * out_us)
{
  GTimeZone *utc = g_time_zone_new_utc ();
  GDateTime *dt = NULL;
  gint y, m, d;
  gchar tail;

  /* A bare date: listed through the end of that day, UTC. */
  if (strlen (s) == 10 && sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3) {
    GDateTime *day = g_date_time_new (utc, y, m, d, 0, 0, 0);
    if (day) {
      dt = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
    }
  } else {
    dt = g_date_time_new_from_iso8601 (s, utc);
  }
  g_time_zone_unref (utc);
  if (!dt)
    return FALSE;
  *out_us = g_date_time_to_unix (dt) * G_USEC_PER_SEC +
      g_date_time_get_microsecond (dt);
  g_date_time_unref (dt);
  return TRUE;
}

static const gchar *
chunk_str (GStringChunk * chunk, const gchar * s, gboolean shared)
{
  if (!s || !*s)
    return NULL;
  return shared ? g_string_chunk_insert_const (chunk, s) :
      g_string_chunk_insert (chunk, s);
}

static void
add_warning (GPtrArray * warnings, const gchar * source, guint line,
    const gchar * reason)
{
  if (warnings)
    g_ptr_array_add (warnings, g_strdup_printf ("%s:%u: %s", source, line,
            reason));
}

static gboolean
hotlist_parse (GstAnprHotlist * hl, const gchar * data, gsize len,
    const gchar * source, GPtrArray * warnings, GError ** error)
{
  const gchar *p = data, *end = data + len;
  const gchar *src = g_string_chunk_insert_const (hl->strings, source);
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  gint *colmap = NULL;
  guint n_header = 0, lineno = 0;
  gboolean have_header = FALSE, ok = TRUE;

  /* UTF-8 byte order mark, as spreadsheets write it */
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end) {
    const gchar *nl = memchr (p, '\n', end - p);
    const gchar *le = nl ? nl : end;
    gchar *line;
    const gchar *s, *reason = NULL;

    lineno++;
    if (le > p && le[-1] == '\r')
      line = g_strndup (p, le - 1 - p);
    else
      line = g_strndup (p, le - p);
    p = nl ? nl + 1 : end;

    for (s = line; *s == ' ' || *s == '\t'; s++);
    if (*s == '\0' || *s == '#') {
      g_free (line);
      continue;
    }

    if (!csv_split (line, fields, &reason)) {
      if (!have_header) {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
            "%s:%u: malformed header row: %s", source, lineno, reason);
        g_free (line);
        ok = FALSE;
        break;
      }
      add_warning (warnings, source, lineno, reason);
      g_free (line);
      continue;
    }
    g_free (line);

    if (!have_header) {
      guint i, c;
      gboolean have_plate = FALSE;

      n_header = fields->len;
      colmap = g_new (gint, n_header);
      for (i = 0; i < n_header; i++) {
        gchar *name = g_ascii_strdown (g_ptr_array_index (fields, i), -1);
        colmap[i] = COL_IGNORED;
        for (c = 0; c < N_COLS; c++) {
          if (strcmp (name, col_names[c]) == 0) {
            guint j;
            gboolean dup = FALSE;
            for (j = 0; j < i; j++)
              dup |= colmap[j] == (gint) c;
            if (dup) {
              gchar *w = g_strdup_printf ("duplicate column '%s' ignored",
                  name);
              add_warning (warnings, source, lineno, w);
              g_free (w);
            } else {
              colmap[i] = c;
              have_plate |= c == COL_PLATE;
            }
          }
        }
        g_free (name);
      }
      if (!have_plate) {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
            "%s:%u: header row has no 'plate' column", source, lineno);
        ok = FALSE;
        break;
      }
      have_header = TRUE;
      continue;
    }

    if (fields->len != n_header) {
      gchar *w = g_strdup_printf ("expected %u fields, found %u", n_header,
          fields->len);
      add_warning (warnings, source, lineno, w);
      g_free (w);
      continue;
    }

    {
      GstAnprHotlistEntry e = { 0, };
      const gchar *col[N_COLS] = { NULL, };
      gchar plate[GST_ANPR_HOTLIST_MAX_PLATE + 1];
      guint i;

      for (i = 0; i < n_header; i++)
        if (colmap[i] != COL_IGNORED)
          col[colmap[i]] = g_ptr_array_index (fields, i);

      if (!normalise_listed (col[COL_PLATE], plate, sizeof (plate),
              &e.partial, &reason)) {
        gchar *w = g_strdup_printf ("%s '%s'", reason, col[COL_PLATE]);
        add_warning (warnings, source, lineno, w);
        g_free (w);
        continue;
      }

      e.priority = GST_ANPR_HOTLIST_NO_PRIORITY;
      if (col[COL_PRIORITY] && *col[COL_PRIORITY]) {
        gint64 v;
        if (!g_ascii_string_to_signed (col[COL_PRIORITY], 10, 1, G_MAXINT, &v,
                NULL)) {
          gchar *w = g_strdup_printf ("invalid priority '%s' (an integer, "
              "1 highest)", col[COL_PRIORITY]);
          add_warning (warnings, source, lineno, w);
          g_free (w);
          continue;
        }
        e.priority = (gint) v;
      }

      e.expires_us = GST_ANPR_HOTLIST_NO_EXPIRY;
      if (col[COL_EXPIRES] && *col[COL_EXPIRES]) {
        if (!parse_expires (col[COL_EXPIRES], &e.expires_us)) {
          gchar *w = g_strdup_printf ("invalid expires '%s' (ISO 8601, for "
              "example 2026-12-31 or 2026-12-31T23:59:59Z)", col[COL_EXPIRES]);
          add_warning (warnings, source, lineno, w);
          g_free (w);
          continue;
        }
      }

      e.plate = (gchar *) g_string_chunk_insert (hl->strings, plate);
      e.listed = (gchar *) g_string_chunk_insert (hl->strings,
          col[COL_PLATE]);
      e.list = (gchar *) chunk_str (hl->strings, col[COL_LIST], TRUE);
      e.reason = (gchar *) chunk_str (hl->strings, col[COL_REASON], TRUE);
      e.action = (gchar *) chunk_str (hl->strings, col[COL_ACTION], TRUE);
      e.expires = (gchar *) chunk_str (hl->strings, col[COL_EXPIRES], TRUE);
      e.notes = (gchar *) chunk_str (hl->strings, col[COL_NOTES], FALSE);
      e.source = (gchar *) src;
      e.line = lineno;
      g_array_append_val (hl->entries, e);
    }
  }

  if (ok && !have_header)
    add_warning (warnings, source, lineno ? lineno : 1,
        "no header row: file holds no entries");

  g_free (colmap);
  g_ptr_array_unref (fields);
  return ok;
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
    if (!hotlist_parse (hl, data, len, paths[i], warnings_array (warnings),
            error)) {
      g_free (data);
      gst_anpr_hotlist_unref (hl);
      return NULL;
    }
    g_free (data);
  }
  hotlist_index (hl);
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
  if (!hotlist_parse (hl, data, len, source ? source : "<data>",
          warnings_array (warnings), error)) {
    gst_anpr_hotlist_unref (hl);
    return NULL;
  }
  hotlist_index (hl);
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

/**
 * gst_anpr_plate_distance:
 * @a: a normalised plate
 * @b: another
 * @max_distance: give up above this
 *
 * Weighted edit distance: substituting one character for a visually
 * confusable one (gst_anpr_chars_confusable()) costs
 * %GST_ANPR_HOTLIST_COST_CONFUSABLE, any other substitution, insertion or
 * deletion %GST_ANPR_HOTLIST_COST_EDIT.
 *
 * Returns: the distance, or a value above @max_distance once it is certain
 *   to exceed it
 */
gdouble
gst_anpr_plate_distance (const gchar * a, const gchar * b,
    gdouble max_distance)
{
  gdouble row0[GST_ANPR_HOTLIST_MAX_PLATE + 2];
  gdouble row1[GST_ANPR_HOTLIST_MAX_PLATE + 2];
  gdouble *prev = row0, *cur = row1;
  gsize la, lb, i, j;
  gdouble over = max_distance + GST_ANPR_HOTLIST_COST_EDIT;

  g_return_val_if_fail (a != NULL && b != NULL, G_MAXDOUBLE);
  la = strlen (a);
  lb = strlen (b);
  if (la > GST_ANPR_HOTLIST_MAX_PLATE || lb > GST_ANPR_HOTLIST_MAX_PLATE)
    return over;
  if ((gdouble) (la > lb ? la - lb : lb - la) * GST_ANPR_HOTLIST_COST_EDIT >
      max_distance)
    return over;

  for (j = 0; j <= lb; j++)
    prev[j] = j * GST_ANPR_HOTLIST_COST_EDIT;
  for (i = 1; i <= la; i++) {
    gdouble row_min;
    gdouble *tmp;

    cur[0] = i * GST_ANPR_HOTLIST_COST_EDIT;
    row_min = cur[0];
    for (j = 1; j <= lb; j++) {
      gdouble sub, v;

      if (a[i - 1] == b[j - 1])
        sub = 0.0;
      else if (gst_anpr_chars_confusable (a[i - 1], b[j - 1]))
        sub = GST_ANPR_HOTLIST_COST_CONFUSABLE;
      else
        sub = GST_ANPR_HOTLIST_COST_EDIT;
      v = prev[j - 1] + sub;
      v = MIN (v, prev[j] + GST_ANPR_HOTLIST_COST_EDIT);
      v = MIN (v, cur[j - 1] + GST_ANPR_HOTLIST_COST_EDIT);
      cur[j] = v;
      row_min = MIN (row_min, v);
    }
    /* every path crosses this row: none can come back under the budget */
    if (row_min > max_distance)
      return over;
    tmp = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[lb];
}

/**
 * gst_anpr_plate_wildcard_match:
 * @pattern: a listed partial plate: `?` matches one character, `*` any run
 *   (possibly empty)
 * @text: a normalised read
 *
 * Returns: %TRUE if @pattern matches the whole of @text
 */
gboolean
gst_anpr_plate_wildcard_match (const gchar * pattern, const gchar * text)
{
  const gchar *star_p = NULL, *star_t = NULL;

  g_return_val_if_fail (pattern != NULL && text != NULL, FALSE);
  while (*text) {
    if (*pattern == '?' || (*pattern && *pattern != '*' && *pattern == *text)) {
      pattern++;
      text++;
    } else if (*pattern == '*') {
      star_p = ++pattern;
      star_t = text;
    } else if (star_p) {
      pattern = star_p;
      text = ++star_t;
    } else {
      return FALSE;
    }
  }
  while (*pattern == '*')
    pattern++;
  return *pattern == '\0';
}

/* Keeps the best match per entry. */
static void
add_match (GArray * out, const GstAnprHotlistEntry * e, GstAnprMatchKind kind,
    gdouble distance, const gchar * text, guint cand)
{
  GstAnprHotlistMatch m = { 0, };
  guint i;

  for (i = 0; i < out->len; i++) {
    GstAnprHotlistMatch *o = &g_array_index (out, GstAnprHotlistMatch, i);
    if (o->entry != e)
      continue;
    if (kind < o->kind || (kind == o->kind && (distance < o->distance ||
                (distance == o->distance && cand < o->candidate)))) {
      o->kind = kind;
      o->distance = distance;
      o->candidate = cand;
      g_strlcpy (o->matched_text, text, sizeof (o->matched_text));
    }
    return;
  }
  m.entry = e;
  m.kind = kind;
  m.distance = distance;
  m.candidate = cand;
  g_strlcpy (m.matched_text, text, sizeof (m.matched_text));
  g_array_append_val (out, m);
}

static gint
compare_matches (gconstpointer pa, gconstpointer pb)
{
  const GstAnprHotlistMatch *a = pa, *b = pb;
  guint prio_a, prio_b;

  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->distance != b->distance)
    return a->distance < b->distance ? -1 : 1;
  if (a->candidate != b->candidate)
    return a->candidate < b->candidate ? -1 : 1;
  /* no priority sorts after every given priority */
  prio_a = a->entry->priority ? (guint) a->entry->priority : G_MAXUINT;
  prio_b = b->entry->priority ? (guint) b->entry->priority : G_MAXUINT;
  if (prio_a != prio_b)
    return prio_a < prio_b ? -1 : 1;
  return a->entry < b->entry ? -1 : (a->entry > b->entry ? 1 : 0);
}

static void
lookup_one (const GstAnprHotlist * hl, const gchar * text, guint cand,
    gdouble max_distance, gint64 now, GArray * out)
{
  const GstAnprHotlistEntry *entries =
      (const GstAnprHotlistEntry *) hl->entries->data;
  gsize len = strlen (text);
  guint idx, i;
  gsize l, lmin, lmax, span;

  /* exact */
  idx = GPOINTER_TO_UINT (g_hash_table_lookup (hl->exact, text));
  while (idx) {
    const GstAnprHotlistEntry *e = &entries[idx - 1];
    if (!gst_anpr_hotlist_entry_is_expired (e, now))
      add_match (out, e, GST_ANPR_MATCH_EXACT, 0.0, text, cand);
    idx = g_array_index (hl->next_same, guint, idx - 1);
  }

  /* partial */
  for (i = 0; i < hl->partial->len; i++) {
    const GstAnprHotlistEntry *e =
        &entries[g_array_index (hl->partial, guint, i)];
    if (gst_anpr_plate_wildcard_match (e->plate, text) &&
        !gst_anpr_hotlist_entry_is_expired (e, now))
      add_match (out, e, GST_ANPR_MATCH_PARTIAL, 0.0, text, cand);
  }

  /* fuzzy: only lengths an insertion/deletion budget can reach */
  if (max_distance <= 0.0)
    return;
  span = (gsize) (max_distance / GST_ANPR_HOTLIST_COST_EDIT);
  lmin = len > span ? len - span : 0;
  lmax = MIN (len + span, (gsize) GST_ANPR_MAX_TEXT);
  for (l = lmin; l <= lmax; l++) {
    GArray *bucket = hl->by_len[l];
    for (i = 0; i < bucket->len; i++) {
      const GstAnprHotlistEntry *e =
          &entries[g_array_index (bucket, guint, i)];
      gdouble d = gst_anpr_plate_distance (text, e->plate, max_distance);
      if (d > 0.0 && d <= max_distance &&
          !gst_anpr_hotlist_entry_is_expired (e, now))
        add_match (out, e, GST_ANPR_MATCH_FUZZY, d, text, cand);
    }
  }
}

/**
 * gst_anpr_hotlist_lookup:
 * @hotlist: a #GstAnprHotlist
 * @text: the read (normalised here again, so "ab12 cde" works)
 * @candidates: (array length=n_candidates) (nullable): the reader's other
 *   readings, best first (a repeat of @text is skipped)
 * @n_candidates: how many
 * @max_distance: fuzzy budget (0 disables fuzzy matching;
 *   %GST_ANPR_HOTLIST_DEFAULT_MAX_DISTANCE is one confusion-cost pair or
 *   one real edit)
 * @now_us: wall clock, microseconds since the Unix epoch, to skip expired
 *   entries (0: now)
 *
 * Tries @text and then every candidate.  Every entry appears at most once,
 * with the best way it matched.  The result is sorted best first: exact
 * before partial before fuzzy, then by distance, then by which text
 * matched (the read before its candidates), then by priority (1 first,
 * none last), then file order.
 *
 * Returns: (transfer full) (element-type GstAnprHotlistMatch): the matches,
 *   possibly none
 */
GArray *
gst_anpr_hotlist_lookup (const GstAnprHotlist * hotlist, const gchar * text,
    const gchar * const *candidates, guint n_candidates,
    gdouble max_distance, gint64 now_us)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (GstAnprHotlistMatch));
  gchar norm[GST_ANPR_MAX_CANDIDATES + 1][GST_ANPR_MAX_TEXT + 1];
  guint n = 0, i, j;

  g_return_val_if_fail (hotlist != NULL, out);
  if (now_us == 0)
    now_us = g_get_real_time ();

  for (i = 0; i <= n_candidates && n <= GST_ANPR_MAX_CANDIDATES; i++) {
    const gchar *t = i == 0 ? text : candidates ? candidates[i - 1] : NULL;
    gboolean dup = FALSE;

    if (!t)
      continue;
    gst_anpr_plate_normalise (t, norm[n], sizeof (norm[n]));
    if (!norm[n][0])
      continue;
    for (j = 0; j < n; j++)
      dup |= strcmp (norm[j], norm[n]) == 0;
    if (dup)
      continue;
    lookup_one (hotlist, norm[n], i, max_distance, now_us, out);
    n++;
  }
  g_array_sort (out, compare_matches);
  return out;
}

/**
 * gst_anpr_hotlist_lookup_meta:
 * @hotlist: a #GstAnprHotlist
 * @meta: a read plate
 * @max_distance: see gst_anpr_hotlist_lookup()
 * @now_us: see gst_anpr_hotlist_lookup()
 *
 * gst_anpr_hotlist_lookup() on @meta's text and candidates; the candidate
 * index of a match is its index in @meta->candidates + 1 (0 is @meta->text).
 *
 * Returns: (transfer full) (element-type GstAnprHotlistMatch): the matches
 */
GArray *
gst_anpr_hotlist_lookup_meta (const GstAnprHotlist * hotlist,
    const GstAnprPlateMeta * meta, gdouble max_distance, gint64 now_us)
{
  const gchar *cands[GST_ANPR_MAX_CANDIDATES];
  guint i, n;

  g_return_val_if_fail (meta != NULL, NULL);
  n = MIN (meta->n_candidates, GST_ANPR_MAX_CANDIDATES);
  for (i = 0; i < n; i++)
    cands[i] = meta->candidates[i].text;
  return gst_anpr_hotlist_lookup (hotlist, meta->text, cands, n,
      max_distance, now_us);
}
