/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Reading hotlist CSV files into a #GstAnprHotlist's entries (the format
 * is described in anprhotlist.c). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>
#include <gio/gio.h>

#include "anprhotlistprivate.h"
#include "anprplaterules.h"

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

/* Longest part of a field quoted in a warning: a warning names the field,
 * it does not carry a megabyte of it to the bus and the logs. */
#define EXCERPT_BYTES 32

/* @s quoted for a warning: 'AB12CDE', or its first EXCERPT_BYTES bytes (cut
 * between two characters) and its length when longer. */
gchar *
_gst_anpr_hotlist_excerpt (const gchar * s)
{
  gsize len = strlen (s), n;

  if (len <= EXCERPT_BYTES)
    return g_strdup_printf ("'%s'", s);
  n = EXCERPT_BYTES;
  /* back to the start of a UTF-8 character */
  while (n > 0 && ((guchar) s[n] & 0xc0) == 0x80)
    n--;
  return g_strdup_printf ("'%.*s...' (%" G_GSIZE_FORMAT " bytes)", (gint) n,
      s, len);
}

/* Lines of one kind reported one by one in a file; the rest are counted
 * and summed up in one warning at the end of the file. */
#define MAX_WARNINGS_OF_A_KIND 5

typedef struct
{
  guint n;
  guint last;
} WarningRun;

/* Reports @reason on @line, or only counts it once MAX_WARNINGS_OF_A_KIND
 * lines got it. */
static void
add_counted_warning (GPtrArray * warnings, WarningRun * run,
    const gchar * source, guint line, const gchar * reason)
{
  if (run->n++ < MAX_WARNINGS_OF_A_KIND)
    add_warning (warnings, source, line, reason);
  run->last = line;
}

static void
finish_counted_warnings (GPtrArray * warnings, WarningRun * run,
    const gchar * source, const gchar * what)
{
  gchar *w;

  if (run->n <= MAX_WARNINGS_OF_A_KIND)
    return;
  w = g_strdup_printf ("%u more lines with %s, the last on line %u",
      run->n - MAX_WARNINGS_OF_A_KIND, what, run->last);
  add_warning (warnings, source, run->last, w);
  g_free (w);
}

/* Finds line ends with memchr(): the next LF and the next CR after the
 * current line, each searched again only once the lines have passed it
 * (a file without any CR is not searched for one at every line). */
typedef struct
{
  const gchar *end;
  const gchar *lf;
  const gchar *cr;
} LineScanner;

static inline const gchar *
next_byte (const gchar * p, const gchar * end, gchar c)
{
  const gchar *q = memchr (p, c, end - p);

  return q ? q : end;
}

static inline gboolean
all_ascii (const gchar * p, gsize n)
{
  guint64 acc = 0, w;
  gsize i = 0;

  for (; i + 8 <= n; i += 8) {
    memcpy (&w, p + i, 8);
    acc |= w;
  }
  for (; i < n; i++)
    acc |= (guchar) p[i];
  return (acc & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

/* The end of the line starting at @p: its first CR or LF, or the end of
 * the data.  Says whether the line holds a NUL byte or bytes outside
 * ASCII. */
static const gchar *
line_end (LineScanner * sc, const gchar * p, gboolean * has_nul,
    gboolean * non_ascii)
{
  const gchar *le;

  if (sc->lf < p)
    sc->lf = next_byte (p, sc->end, '\n');
  if (sc->cr < p)
    sc->cr = next_byte (p, sc->end, '\r');
  le = MIN (sc->lf, sc->cr);
  *has_nul = memchr (p, '\0', le - p) != NULL;
  *non_ascii = !all_ascii (p, le - p);
  return le;
}

/* Appends the entries of one CSV file to @hl (not yet indexed): FALSE
 * with @error set when the file as a whole is unusable.  Lines end with
 * LF, CRLF or a lone CR (old Mac editors). */
gboolean
_gst_anpr_hotlist_parse (GstAnprHotlist * hl, const gchar * data,
    gsize len, const gchar * source, GPtrArray * warnings,
    GstAnprHotlistParseStats * stats, GError ** error)
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
  guint n_header = 0, lineno = 0, first_entry = hl->entries->len;
  gboolean have_header = FALSE, ok = TRUE;
  WarningRun bad_utf8 = { 0, 0 };
  LineScanner sc;

  stats->skipped = 0;

  /* room for one entry a line, allocated once */
  {
    const gchar *q = data;
    guint n_lines = 1, have = hl->entries->len;

    while ((q = memchr (q, '\n', end - q))) {
      q++;
      n_lines++;
    }
    if (n_lines == 1) {
      /* perhaps CR line ends */
      for (q = data; (q = memchr (q, '\r', end - q)); q++)
        n_lines++;
    }
    g_array_set_size (hl->entries, have + n_lines);
    g_array_set_size (hl->entries, have);
  }

  /* UTF-8 byte order mark, as spreadsheets write it */
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  sc.end = end;
  sc.lf = next_byte (p, end, '\n');
  sc.cr = next_byte (p, end, '\r');

  while (p < end) {
    gboolean has_nul, non_ascii;
    const gchar *le = line_end (&sc, p, &has_nul, &non_ascii);
    const gchar *line;
    const gchar *s, *reason = NULL;

    lineno++;
    g_string_truncate (line_buf, 0);
    g_string_append_len (line_buf, p, le - p);
    line = line_buf->str;
    if (le < end && *le == '\r' && le + 1 < end && le[1] == '\n')
      le++;
    p = le < end ? le + 1 : end;

    if (has_nul) {
      /* C strings would cut the line at the NUL and load what comes
       * before as if it were the whole line */
      if (!have_header) {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
            "%s:%u: NUL byte in the header row (not CSV text, or UTF-16 "
            "without its encoding named)",
            source, lineno);
        ok = FALSE;
        break;
      }
      add_warning (warnings, source, lineno, "NUL byte in the line: line "
          "skipped");
      stats->skipped++;
      continue;
    }

    if (non_ascii && !g_utf8_validate_len (line, line_buf->len, NULL)) {
      /* a listed vehicle must still match: keep the line, with the bytes
       * that are not UTF-8 replaced */
      gchar *valid = g_utf8_make_valid (line, line_buf->len);

      g_string_assign (line_buf, valid);
      g_free (valid);
      line = line_buf->str;
      add_counted_warning (warnings, &bad_utf8, source, lineno,
          "invalid UTF-8, replaced with U+FFFD (if the file is in another "
          "encoding, such as ISO-8859-1 or WINDOWS-1252, name it: "
          "hotlistmatch's hotlist-encoding property)");
    }

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
      stats->skipped++;
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
              gchar *q = _gst_anpr_hotlist_excerpt (name);
              gchar *w = g_strdup_printf ("duplicate column %s ignored", q);
              add_warning (warnings, source, lineno, w);
              g_free (w);
              g_free (q);
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
      stats->skipped++;
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
        gchar *q = _gst_anpr_hotlist_excerpt (col[COL_PLATE]);
        gchar *w = g_strdup_printf ("%s %s", reason, q);
        add_warning (warnings, source, lineno, w);
        g_free (w);
        g_free (q);
        stats->skipped++;
        continue;
      }

      e.priority = GST_ANPR_HOTLIST_NO_PRIORITY;
      if (col[COL_PRIORITY] && *col[COL_PRIORITY]) {
        gint64 v;
        if (!g_ascii_string_to_signed (col[COL_PRIORITY], 10, 1, G_MAXINT, &v,
                NULL)) {
          gchar *q = _gst_anpr_hotlist_excerpt (col[COL_PRIORITY]);
          gchar *w = g_strdup_printf ("invalid priority %s (an integer, "
              "1 highest)", q);
          add_warning (warnings, source, lineno, w);
          g_free (w);
          g_free (q);
          stats->skipped++;
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
          gchar *q = _gst_anpr_hotlist_excerpt (col[COL_EXPIRES]);
          gchar *w = g_strdup_printf ("invalid expires %s (ISO 8601, for "
              "example 2026-12-31 or 2026-12-31T23:59:59Z)", q);
          add_warning (warnings, source, lineno, w);
          g_free (w);
          g_free (q);
          stats->skipped++;
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

  finish_counted_warnings (warnings, &bad_utf8, source, "invalid UTF-8");

  stats->entries = hl->entries->len - first_entry;
  stats->header = have_header;
  g_free (colmap);
  g_free (last_expires);
  g_ptr_array_unref (fields);
  g_array_unref (offsets);
  g_string_free (field_buf, TRUE);
  g_string_free (line_buf, TRUE);
  return ok;
}
