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
 * Only `plate` is required; unknown columns are ignored.  Lines end with
 * LF, CRLF or a lone CR; a UTF-8 byte order mark is skipped.  Blank lines
 * and lines whose first non-blank character is `#` are skipped.  Quoted
 * fields may hold commas and doubled quotes, but not line breaks: a quote
 * left open at the end of the line makes that line malformed (so one stray
 * quote cannot swallow the rest of the file).
 *
 * Files are UTF-8 unless another character set is named
 * (gst_anpr_hotlist_load_files_full()).  A line with bytes that are not
 * UTF-8 still loads, with those bytes replaced by U+FFFD, and is reported
 * (the first five lines of a file one by one, then a count): a listed
 * vehicle is never dropped for the spelling of its notes.
 *
 * Plates are normalised with gst_anpr_plate_normalise(), exactly as the
 * reader normalises what it reads ("ab12 cde" is AB12CDE); listed plates may
 * also hold `?` (one character) and `*` (any run, possibly empty) to list a
 * partial plate, which needs at least two known characters.
 *
 * A malformed line (wrong number of fields, empty or invalid plate, bad
 * priority or expiry, unterminated quote, a NUL byte) is skipped and
 * reported as "FILE:LINE: reason"; the rest of the file loads.  Fields
 * quoted in reports are cut to their first 32 bytes, with their length.
 * A file that cannot be read, is not a regular file (a FIFO or a device is
 * refused without being opened for long), is larger than
 * %GST_ANPR_HOTLIST_MAX_FILE_SIZE, or whose header has no `plate` column,
 * fails the whole load; so do files that hold no entries at all (empty,
 * header row only, every line malformed), which are far more likely a
 * mistake than a list with nobody on it.  One file without entries among
 * others that have some is reported.
 *
 * The same normalised plate on the same list twice is one listing: the
 * copy that stays in force longest is kept (no expiry, else the latest
 * expiry), the first of equal copies, so dropping a copy never ends a
 * listing early; every other copy is reported (the first ten, then a
 * count).  The same plate on two lists is two entries.
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

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

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
  /* every entry is written whole: nothing to clear */
  hl->entries = g_array_new (FALSE, FALSE, sizeof (GstAnprHotlistEntry));
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

static const gchar *
file_kind (mode_t mode)
{
  if (S_ISDIR (mode))
    return "a directory";
  if (S_ISFIFO (mode))
    return "a FIFO";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a regular file";
}

/* Reads @path whole.  Only a regular file of at most
 * GST_ANPR_HOTLIST_MAX_FILE_SIZE bytes is read: opening does not wait (a
 * FIFO would block open() until a writer comes, and with it whoever waits
 * for the loading thread), and a device or an endless file is refused
 * before anything is allocated for it. */
static gboolean
read_hotlist_file (const gchar * path, gchar ** data, gsize * len,
    GError ** error)
{
  const gsize cap = (gsize) GST_ANPR_HOTLIST_MAX_FILE_SIZE;
  struct stat st;
  gchar *buf;
  gsize have = 0, size;
  gint fd, saved;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0) {
    saved = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
        "Failed to open file \u201c%s\u201d: %s", path, g_strerror (saved));
    return FALSE;
  }
  if (fstat (fd, &st) != 0) {
    saved = errno;
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
        "Failed to read file \u201c%s\u201d: %s", path, g_strerror (saved));
    close (fd);
    return FALSE;
  }
  if (!S_ISREG (st.st_mode)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
        "%s is %s, not a regular file: a hotlist must be a CSV file", path,
        file_kind (st.st_mode));
    close (fd);
    return FALSE;
  }
  if (st.st_size < 0 || (guint64) st.st_size > (guint64) cap) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
        "%s is too large for a hotlist: %" G_GINT64_FORMAT " bytes, at most "
        "%" G_GSIZE_FORMAT, path, (gint64) st.st_size, cap);
    close (fd);
    return FALSE;
  }

  /* the file may still grow while it is read: up to the cap */
  size = (gsize) st.st_size + 1;
  buf = g_malloc (size + 1);
  for (;;) {
    gssize n;

    if (have == size) {
      if (size > cap) {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
            "%s is too large for a hotlist: more than %" G_GSIZE_FORMAT
            " bytes", path, cap);
        g_free (buf);
        close (fd);
        return FALSE;
      }
      size = MIN (size * 2, cap + 1);
      buf = g_realloc (buf, size + 1);
    }
    n = read (fd, buf + have, size - have);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
          "Failed to read from file \u201c%s\u201d: %s", path,
          g_strerror (saved));
      g_free (buf);
      close (fd);
      return FALSE;
    }
    if (n == 0)
      break;
    have += n;
  }
  close (fd);
  buf[have] = '\0';
  *data = buf;
  *len = have;
  return TRUE;
}

/* TRUE when @encoding needs no conversion. */
static gboolean
encoding_is_utf8 (const gchar * encoding)
{
  return !encoding || !*encoding || g_ascii_strcasecmp (encoding, "UTF-8") == 0
      || g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

/* @data in @encoding converted to UTF-8 (a new string), or NULL with
 * @error set naming @source. */
static gchar *
convert_to_utf8 (const gchar * data, gsize len, const gchar * encoding,
    const gchar * source, gsize * out_len, GError ** error)
{
  GError *err = NULL;
  gsize read = 0;
  gchar *out;

  out = g_convert (data, len, "UTF-8", encoding, &read, out_len, &err);
  if (out)
    return out;
  if (g_error_matches (err, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION,
        "%s: unknown encoding '%s'", source, encoding);
  else
    g_set_error (error, G_CONVERT_ERROR, err->code,
        "%s: not %s text at byte %" G_GSIZE_FORMAT ": %s", source, encoding,
        read, err->message);
  g_clear_error (&err);
  return NULL;
}

/* Parses @data (@len bytes in @encoding) from @source into @hl.  Appends
 * to @why_empty why the file gave no entries, when it gave none. */
static gboolean
parse_source (GstAnprHotlist * hl, const gchar * data, gsize len,
    const gchar * source, const gchar * encoding, GPtrArray * warnings,
    GString * why_empty, GError ** error)
{
  GstAnprHotlistParseStats stats = { 0, };
  gchar *converted = NULL;
  gboolean ok;

  if (!encoding_is_utf8 (encoding) && len > 0) {
    converted = convert_to_utf8 (data, len, encoding, source, &len, error);
    if (!converted)
      return FALSE;
    data = converted;
  }
  ok = _gst_anpr_hotlist_parse (hl, data, len, source, warnings, &stats,
      error);
  g_free (converted);
  if (ok && stats.entries == 0) {
    const gchar *why;
    gchar *w;

    if (len == 0)
      why = "empty file";
    else if (!stats.header)
      why = "no header row";
    else if (stats.skipped == 0)
      why = "header row only";
    else
      why = "every line malformed";
    g_string_append_printf (why_empty, "%s%s: %s", why_empty->len ? "; " :
        "", source, why);
    /* noticed even when other files hold entries */
    w = g_strdup_printf ("%s: holds no entries (%s)", source, why);
    if (warnings)
      g_ptr_array_add (warnings, w);
    else
      g_free (w);
  }
  return ok;
}

/* Loading gives no entries at all: an emptied or truncated file, or one
 * the parser could not split into lines, must not pass for a list with
 * nobody on it. */
static gboolean
check_not_empty (GstAnprHotlist * hl, GString * why_empty, GError ** error)
{
  if (hl->entries->len > 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
      "hotlist holds no entries (%s)", why_empty->str);
  return FALSE;
}

/* Entries with the same normalised plate on the same list are one listing:
 * keeps the copy that stays in force longest (no expiry, else the latest),
 * the first of equals, and drops the others, so the list cannot lose a
 * vehicle early and a lookup never wades through copies of one plate.
 * Reports the first few dropped lines one by one, then a count. */
#define MAX_DUPLICATE_WARNINGS 10

static inline guint32
dedup_hash (const GstAnprHotlistEntry * e)
{
  /* lists are shared strings (g_string_chunk_insert_const): one pointer
   * per name */
  return g_str_hash (e->plate) ^ (guint32) (GPOINTER_TO_SIZE (e->list) *
      2654435761U);
}

/* One slot of the duplicate table: an entry index + 1 (0: free) and its
 * hash, so that strangers are told apart without reading their entries. */
typedef struct
{
  guint32 idx;
  guint32 hash;
} DedupSlot;

/* The slot of @table holding @e's plate and list, or the free one where
 * it goes. */
static inline guint32
dedup_slot (const DedupSlot * table, guint32 mask,
    const GstAnprHotlistEntry * entries, const GstAnprHotlistEntry * e,
    guint32 h)
{
  guint32 b = h & mask;

  for (;; b = (b + 1) & mask) {
    const GstAnprHotlistEntry *o;

    if (table[b].idx == 0)
      return b;
    if (table[b].hash != h)
      continue;
    o = &entries[table[b].idx - 1];
    if (o->list == e->list && strcmp (o->plate, e->plate) == 0)
      return b;
  }
}

void
_gst_anpr_hotlist_dedup (GstAnprHotlist * hl, GPtrArray * warnings)
{
  GstAnprHotlistEntry *entries = (GstAnprHotlistEntry *) hl->entries->data;
  guint n = hl->entries->len, i, out, n_dups = 0, n_told = 0;
  guint64 slots = 16;
  guint32 mask;
  DedupSlot *table;
  guint8 *dropped;
  const GstAnprHotlistEntry *last = NULL;

  if (n < 2)
    return;
  while (slots < (guint64) n * 2)
    slots <<= 1;
  mask = (guint32) (slots - 1);
  table = g_new0 (DedupSlot, slots);
  dropped = g_new0 (guint8, n);

  for (i = 0; i < n; i++) {
    guint32 h = dedup_hash (&entries[i]);
    guint32 b = dedup_slot (table, mask, entries, &entries[i], h);
    guint k = table[b].idx;

    if (k == 0) {
      table[b].idx = i + 1;
      table[b].hash = h;
      continue;
    }
    n_dups++;
    if (entries[i].expires_us > entries[k - 1].expires_us) {
      dropped[k - 1] = 1;
      table[b].idx = i + 1;
    } else {
      dropped[i] = 1;
    }
  }

  /* in file order, naming the copy finally kept */
  for (i = 0; i < n && n_dups > 0; i++) {
    const GstAnprHotlistEntry *e = &entries[i], *kept;
    gchar *q, *l;

    if (!dropped[i])
      continue;
    last = e;
    if (!warnings || n_told++ >= MAX_DUPLICATE_WARNINGS)
      continue;
    kept = &entries[table[dedup_slot (table, mask, entries, e,
                dedup_hash (e))].idx - 1];
    q = _gst_anpr_hotlist_excerpt (kept->plate);
    l = kept->list ? _gst_anpr_hotlist_excerpt (kept->list) : NULL;
    g_ptr_array_add (warnings, g_strdup_printf ("%s:%u: plate %s%s%s also "
            "listed at %s:%u, which is kept (%s): this line ignored",
            e->source, e->line, q, l ? " on list " : "", l ? l : "",
            kept->source, kept->line, kept->expires_us > e->expires_us ?
            "it expires later" : "the first of equal copies"));
    g_free (l);
    g_free (q);
  }
  g_free (table);

  if (warnings && n_dups > MAX_DUPLICATE_WARNINGS)
    g_ptr_array_add (warnings, g_strdup_printf ("%s:%u: %u more duplicate "
            "lines ignored (one entry kept per plate and list), the last "
            "this one", last->source, last->line,
            n_dups - MAX_DUPLICATE_WARNINGS));

  if (n_dups > 0) {
    for (i = 0, out = 0; i < n; i++)
      if (!dropped[i])
        entries[out++] = entries[i];
    g_array_set_size (hl->entries, out);
  }
  g_free (dropped);
}

/**
 * gst_anpr_hotlist_load_files_full:
 * @paths: (array zero-terminated=1): CSV files, loaded into one hotlist
 * @encoding: (nullable): the files' character set: %NULL or "UTF-8", or
 *   any other g_convert() knows ("ISO-8859-1", "WINDOWS-1252", ...), which
 *   is converted to UTF-8
 * @warnings: (out) (optional) (transfer full) (element-type utf8): where to
 *   append "FILE:LINE: reason" for every skipped or repaired line; created
 *   when *NULL
 * @error: a #GError, set when a file cannot be read (missing, not a regular
 *   file, larger than %GST_ANPR_HOTLIST_MAX_FILE_SIZE), is not in
 *   @encoding, has no `plate` column, or when the files hold no entries at
 *   all (the message names the files and says why)
 *
 * Returns: (transfer full) (nullable): the hotlist, or %NULL on error
 */
GstAnprHotlist *
gst_anpr_hotlist_load_files_full (const gchar * const *paths,
    const gchar * encoding, GPtrArray ** warnings, GError ** error)
{
  GstAnprHotlist *hl;
  GString *why_empty;
  guint i;

  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hl = hotlist_new ();
  why_empty = g_string_new (NULL);
  for (i = 0; paths[i]; i++) {
    gchar *data = NULL;
    gsize len = 0;
    gboolean ok;

    if (!read_hotlist_file (paths[i], &data, &len, error))
      goto failed;
    ok = parse_source (hl, data, len, paths[i], encoding,
        warnings_array (warnings), why_empty, error);
    g_free (data);
    if (!ok)
      goto failed;
  }
  if (!check_not_empty (hl, why_empty, error))
    goto failed;
  g_string_free (why_empty, TRUE);
  _gst_anpr_hotlist_dedup (hl, warnings_array (warnings));
  _gst_anpr_hotlist_index (hl);
  return hl;

failed:
  g_string_free (why_empty, TRUE);
  gst_anpr_hotlist_unref (hl);
  return NULL;
}

/**
 * gst_anpr_hotlist_load_files:
 * @paths: (array zero-terminated=1): CSV files, loaded into one hotlist
 * @warnings: (out) (optional) (transfer full) (element-type utf8): see
 *   gst_anpr_hotlist_load_files_full()
 * @error: a #GError, see gst_anpr_hotlist_load_files_full()
 *
 * gst_anpr_hotlist_load_files_full() of UTF-8 files.
 *
 * Returns: (transfer full) (nullable): the hotlist, or %NULL on error
 */
GstAnprHotlist *
gst_anpr_hotlist_load_files (const gchar * const *paths,
    GPtrArray ** warnings, GError ** error)
{
  return gst_anpr_hotlist_load_files_full (paths, NULL, warnings, error);
}

/**
 * gst_anpr_hotlist_load_file:
 * @path: a CSV file
 * @warnings: (out) (optional) (transfer full) (element-type utf8): see
 *   gst_anpr_hotlist_load_files_full()
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
  return gst_anpr_hotlist_load_files_full (paths, NULL, warnings, error);
}

/**
 * gst_anpr_hotlist_load_data_full:
 * @data: CSV text
 * @len: length of @data, or -1 when NUL terminated
 * @source: name used for the entries' source and in warnings
 * @encoding: (nullable): see gst_anpr_hotlist_load_files_full()
 * @warnings: (out) (optional) (transfer full) (element-type utf8): see
 *   gst_anpr_hotlist_load_files_full()
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the hotlist, or %NULL on error
 */
GstAnprHotlist *
gst_anpr_hotlist_load_data_full (const gchar * data, gssize len,
    const gchar * source, const gchar * encoding, GPtrArray ** warnings,
    GError ** error)
{
  GstAnprHotlist *hl;
  GString *why_empty;
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (len < 0)
    len = strlen (data);
  hl = hotlist_new ();
  why_empty = g_string_new (NULL);
  ok = parse_source (hl, data, len, source ? source : "<data>", encoding,
      warnings_array (warnings), why_empty, error) &&
      check_not_empty (hl, why_empty, error);
  g_string_free (why_empty, TRUE);
  if (!ok) {
    gst_anpr_hotlist_unref (hl);
    return NULL;
  }
  _gst_anpr_hotlist_dedup (hl, warnings_array (warnings));
  _gst_anpr_hotlist_index (hl);
  return hl;
}

/**
 * gst_anpr_hotlist_load_data:
 * @data: CSV text (UTF-8)
 * @len: length of @data, or -1 when NUL terminated
 * @source: name used for the entries' source and in warnings
 * @warnings: (out) (optional) (transfer full) (element-type utf8): see
 *   gst_anpr_hotlist_load_files_full()
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the hotlist, or %NULL on error
 */
GstAnprHotlist *
gst_anpr_hotlist_load_data (const gchar * data, gssize len,
    const gchar * source, GPtrArray ** warnings, GError ** error)
{
  return gst_anpr_hotlist_load_data_full (data, len, source, NULL, warnings,
      error);
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
