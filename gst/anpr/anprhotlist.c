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

/* ---- keys ------------------------------------------------------------ */

/* Most keys one plate or read has: its full key and one per deleted
 * position. */
#define MAX_KEYS (GST_ANPR_MAX_TEXT + 1)

static inline guint32
key_mix (guint32 h)
{
  /* murmur3 finaliser */
  h ^= h >> 16;
  h *= 0x85ebca6bU;
  h ^= h >> 13;
  h *= 0xc2b2ae35U;
  h ^= h >> 16;
  return h;
}

/* FNV-1a of @c[0..n) without position @skip (n: none), mixed. */
static inline guint32
key_hash (const guchar * c, guint n, guint skip)
{
  guint32 h = 2166136261U;
  guint i;

  for (i = 0; i < n; i++) {
    if (i == skip)
      continue;
    h ^= c[i];
    h *= 16777619U;
  }
  return key_mix (h ^ (n - (skip < n)));
}

/* The hashes of @plate's keys (a normalised plate of at most
 * GST_ANPR_MAX_TEXT characters): the full key first, then one per deleted
 * position, skipping deletions that give the same key as the one before
 * (a run of one class).  With @full_only, only the full key.  Returns how
 * many. */
static guint
plate_keys (const gchar * plate, guint32 * keys, gboolean full_only)
{
  guchar c[GST_ANPR_MAX_TEXT];
  guint n, i, k = 0;

  for (n = 0; plate[n] && n < GST_ANPR_MAX_TEXT; n++)
    c[n] = gst_anpr_char_confusion_class (plate[n]);
  keys[k++] = key_hash (c, n, n);
  if (full_only || n < 2)
    return k;
  for (i = 0; i < n; i++) {
    if (i > 0 && c[i] == c[i - 1])
      continue;
    keys[k++] = key_hash (c, n, i);
  }
  return k;
}

static inline guint8
key_tag (guint32 h)
{
  return (guint8) (h >> 24);
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

/* Builds the key index once every entry is in, in two passes over the
 * entries (count, then fill) so nothing but the index itself is
 * allocated. */
static void
hotlist_index (GstAnprHotlist * hl)
{
  const GstAnprHotlistEntry *entries =
      (const GstAnprHotlistEntry *) hl->entries->data;
  guint32 keys[MAX_KEYS];
  guint64 n_keys = 0;
  guint32 buckets = 16, i;
  guint k, nk;

  for (i = 0; i < hl->entries->len; i++) {
    if (entries[i].partial)
      g_array_append_val (hl->partial, i);
    else
      n_keys += plate_keys (entries[i].plate, keys, FALSE);
  }
  g_assert (n_keys < G_MAXUINT32);
  /* about two keys a bucket */
  while (buckets < n_keys / 2 && buckets < (1U << 31))
    buckets <<= 1;
  hl->mask = buckets - 1;
  hl->n_keys = (guint) n_keys;
  hl->offsets = g_new0 (guint32, (gsize) buckets + 1);
  hl->idx = g_new (guint32, MAX (n_keys, 1));
  hl->tags = g_new (guint8, MAX (n_keys, 1));

  /* offsets[b] = keys in buckets 0..b, then counted down while filling so
   * that it ends as the start of bucket b */
  for (i = 0; i < hl->entries->len; i++) {
    if (entries[i].partial)
      continue;
    nk = plate_keys (entries[i].plate, keys, FALSE);
    for (k = 0; k < nk; k++)
      hl->offsets[keys[k] & hl->mask]++;
  }
  for (i = 1; i <= hl->mask; i++)
    hl->offsets[i] += hl->offsets[i - 1];
  hl->offsets[buckets] = (guint32) n_keys;
  for (i = 0; i < hl->entries->len; i++) {
    if (entries[i].partial)
      continue;
    nk = plate_keys (entries[i].plate, keys, FALSE);
    for (k = 0; k < nk; k++) {
      guint32 pos = --hl->offsets[keys[k] & hl->mask];
      hl->idx[pos] = i;
      hl->tags[pos] = key_tag (keys[k]);
    }
  }
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
 * quotes).  Unquoted fields are trimmed.  The fields are stored one after
 * the other, NUL terminated, in @buf and @fields points into it (both are
 * reused from line to line: nothing is allocated per line).  Returns FALSE
 * with *reason set on a malformed line. */
static gboolean
csv_split (const gchar * line, GString * buf, GArray * offsets,
    GPtrArray * fields, const gchar ** reason)
{
  const gchar *p = line;
  guint i;

  g_string_truncate (buf, 0);
  g_array_set_size (offsets, 0);
  g_ptr_array_set_size (fields, 0);
  for (;;) {
    guint start = buf->len;

    g_array_append_val (offsets, start);
    while (*p == ' ' || *p == '\t')
      p++;
    if (*p == '"') {
      p++;
      for (;;) {
        const gchar *q = p;

        while (*q && *q != '"')
          q++;
        g_string_append_len (buf, p, q - p);
        p = q;
        if (*p == '\0') {
          *reason = "unterminated quoted field";
          return FALSE;
        }
        if (p[1] == '"') {
          g_string_append_c (buf, '"');
          p += 2;
          continue;
        }
        p++;
        break;
      }
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p != ',' && *p != '\0') {
        *reason = "unexpected character after closing quote";
        return FALSE;
      }
    } else {
      const gchar *q = p;

      while (*q != ',' && *q != '\0')
        q++;
      g_string_append_len (buf, p, q - p);
      p = q;
      while (buf->len > start && (buf->str[buf->len - 1] == ' '
              || buf->str[buf->len - 1] == '\t'))
        g_string_truncate (buf, buf->len - 1);
    }
    g_string_append_c (buf, '\0');
    if (*p == '\0')
      break;
    p++;                        /* ',' */
  }
  for (i = 0; i < offsets->len; i++)
    g_ptr_array_add (fields, buf->str + g_array_index (offsets, guint, i));
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
  GPtrArray *fields = g_ptr_array_new ();
  GString *field_buf = g_string_sized_new (256);
  GString *line_buf = g_string_sized_new (256);
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  gchar *last_expires = NULL;
  gint64 last_expires_us = 0;
  gint *colmap = NULL;
  guint n_header = 0, lineno = 0;
  gboolean have_header = FALSE, ok = TRUE;

  /* room for one entry a line, allocated once */
  {
    const gchar *q = data;
    guint n_lines = 1, have = hl->entries->len;

    while ((q = memchr (q, '\n', end - q))) {
      q++;
      n_lines++;
    }
    g_array_set_size (hl->entries, have + n_lines);
    g_array_set_size (hl->entries, have);
  }

  /* UTF-8 byte order mark, as spreadsheets write it */
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end) {
    const gchar *nl = memchr (p, '\n', end - p);
    const gchar *le = nl ? nl : end;
    const gchar *line;
    const gchar *s, *reason = NULL;

    lineno++;
    g_string_truncate (line_buf, 0);
    if (le > p && le[-1] == '\r')
      g_string_append_len (line_buf, p, le - 1 - p);
    else
      g_string_append_len (line_buf, p, le - p);
    line = line_buf->str;
    p = nl ? nl + 1 : end;

    for (s = line; *s == ' ' || *s == '\t'; s++);
    if (*s == '\0' || *s == '#')
      continue;

    if (!csv_split (line, field_buf, offsets, fields, &reason)) {
      if (!have_header) {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
            "%s:%u: malformed header row: %s", source, lineno, reason);
        ok = FALSE;
        break;
      }
      add_warning (warnings, source, lineno, reason);
      continue;
    }

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
      if (col[COL_EXPIRES] && *col[COL_EXPIRES] && last_expires &&
          strcmp (col[COL_EXPIRES], last_expires) == 0) {
        /* lists tend to repeat a few expiry dates */
        e.expires_us = last_expires_us;
      } else if (col[COL_EXPIRES] && *col[COL_EXPIRES]) {
        if (!parse_expires (col[COL_EXPIRES], &e.expires_us)) {
          gchar *w = g_strdup_printf ("invalid expires '%s' (ISO 8601, for "
              "example 2026-12-31 or 2026-12-31T23:59:59Z)", col[COL_EXPIRES]);
          add_warning (warnings, source, lineno, w);
          g_free (w);
          continue;
        }
        g_free (last_expires);
        last_expires = g_strdup (col[COL_EXPIRES]);
        last_expires_us = e.expires_us;
      }

      e.plate = (gchar *) g_string_chunk_insert (hl->strings, plate);
      /* mostly written as normalised: share the string */
      e.listed = strcmp (plate, col[COL_PLATE]) == 0 ? e.plate :
          (gchar *) g_string_chunk_insert (hl->strings, col[COL_PLATE]);
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
  g_free (last_expires);
  g_ptr_array_unref (fields);
  g_array_unref (offsets);
  g_string_free (field_buf, TRUE);
  g_string_free (line_buf, TRUE);
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

/* Calls @func on every plain entry sharing a key with @text (all of its
 * keys, or only the full one with @full_only); an entry may come more than
 * once. */
static inline void
probe_keys (const GstAnprHotlist * hl, const gchar * text, gboolean full_only,
    void (*func) (const GstAnprHotlist *, guint, gpointer), gpointer data)
{
  guint32 keys[MAX_KEYS];
  guint nk, k;

  if (hl->n_keys == 0)
    return;
  nk = plate_keys (text, keys, full_only);
  for (k = 0; k < nk; k++) {
    guint32 b = keys[k] & hl->mask;
    guint8 tag = key_tag (keys[k]);
    guint32 j;

    for (j = hl->offsets[b]; j < hl->offsets[b + 1]; j++)
      if (hl->tags[j] == tag)
        func (hl, hl->idx[j], data);
  }
}

typedef struct
{
  const gchar *text;
  guint cand;
  gdouble max_distance;
  gint64 now;
  GArray *out;
  /* entries already tried by this lookup (most; beyond, tried again) */
  guint32 tried[64];
  guint n_tried;
} LookupCtx;

static void
try_exact (const GstAnprHotlist * hl, guint index, gpointer data)
{
  LookupCtx *ctx = data;
  const GstAnprHotlistEntry *e =
      &g_array_index (hl->entries, GstAnprHotlistEntry, index);

  if (strcmp (e->plate, ctx->text) == 0 &&
      !gst_anpr_hotlist_entry_is_expired (e, ctx->now))
    add_match (ctx->out, e, GST_ANPR_MATCH_EXACT, 0.0, ctx->text, ctx->cand);
}

static void
try_fuzzy (const GstAnprHotlist * hl, guint index, gpointer data)
{
  LookupCtx *ctx = data;
  const GstAnprHotlistEntry *e =
      &g_array_index (hl->entries, GstAnprHotlistEntry, index);
  gdouble d;
  guint i;

  for (i = 0; i < ctx->n_tried; i++)
    if (ctx->tried[i] == index)
      return;
  if (ctx->n_tried < G_N_ELEMENTS (ctx->tried))
    ctx->tried[ctx->n_tried++] = index;

  d = gst_anpr_plate_distance (ctx->text, e->plate, ctx->max_distance);
  if (d > 0.0 && d <= ctx->max_distance &&
      !gst_anpr_hotlist_entry_is_expired (e, ctx->now))
    add_match (ctx->out, e, GST_ANPR_MATCH_FUZZY, d, ctx->text, ctx->cand);
}

static void
lookup_one (const GstAnprHotlist * hl, const gchar * text, guint cand,
    gdouble max_distance, gint64 now, GArray * out)
{
  const GstAnprHotlistEntry *entries =
      (const GstAnprHotlistEntry *) hl->entries->data;
  LookupCtx ctx;
  guint i;

  ctx.text = text;
  ctx.cand = cand;
  ctx.max_distance = max_distance;
  ctx.now = now;
  ctx.out = out;
  ctx.n_tried = 0;

  /* exact: the entries sharing the read's full key, then the same plate */
  probe_keys (hl, text, TRUE, try_exact, &ctx);

  /* partial: a scan, there are few */
  for (i = 0; i < hl->partial->len; i++) {
    const GstAnprHotlistEntry *e =
        &entries[g_array_index (hl->partial, guint, i)];
    if (gst_anpr_plate_wildcard_match (e->plate, text) &&
        !gst_anpr_hotlist_entry_is_expired (e, now))
      add_match (out, e, GST_ANPR_MATCH_PARTIAL, 0.0, text, cand);
  }

  if (max_distance <= 0.0)
    return;
  if (max_distance <= GST_ANPR_HOTLIST_COST_EDIT) {
    /* Within one edit budget a listed plate is either the read with
     * confusable substitutions only (same full key), one other
     * substitution at i (same key with i deleted from both), or one
     * insertion or deletion (the shorter one's full key is a deletion key
     * of the longer): every one shares a key with the read. */
    probe_keys (hl, text, FALSE, try_fuzzy, &ctx);
    return;
  }
  /* larger budgets: a scan */
  for (i = 0; i < hl->entries->len; i++) {
    const GstAnprHotlistEntry *e = &entries[i];
    gdouble d;

    if (e->partial)
      continue;
    d = gst_anpr_plate_distance (text, e->plate, max_distance);
    if (d > 0.0 && d <= max_distance &&
        !gst_anpr_hotlist_entry_is_expired (e, now))
      add_match (out, e, GST_ANPR_MATCH_FUZZY, d, text, cand);
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
