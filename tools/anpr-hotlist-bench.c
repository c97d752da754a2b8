/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* anpr-hotlist-bench: how a large hotlist loads and answers.
 *
 * Writes N realistic GB plates (current, prefix, suffix and dateless
 * formats, the columns a control room fills in), generated
 * deterministically from --seed, to a CSV in a temporary folder; loads it,
 * timing the load and reading the peak resident memory (VmHWM); then times
 * exact lookups of listed and unlisted plates and fuzzy lookups (budget
 * --max-distance) of listed plates read with one confusable substitution,
 * one other substitution, an insertion or a deletion, each read coming
 * with --candidates other readings as plateocr gives them.  Prints a table
 * and, last, one line:
 *
 *   entries=1000000 load_s=.. rss_mb=.. exact_us=.. fuzzy_us=..
 *
 * (exact_us and fuzzy_us: the slowest kind).  With --check, exits 1 when
 * the targets are missed (load 2 s, 200 MB, 10 us exact, 100 us
 * fuzzy).
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/anpr/anpr.h>

static gint64 opt_entries = 1000000;
static gint64 opt_seed = 1;
static gint opt_queries = 20000;
static gint opt_candidates = 4;
static gdouble opt_max_distance = GST_ANPR_HOTLIST_DEFAULT_MAX_DISTANCE;
static gchar *opt_keep = NULL;
static gboolean opt_check = FALSE;

static GOptionEntry options[] = {
  {"entries", 'n', 0, G_OPTION_ARG_INT64, &opt_entries,
      "Hotlist entries (default 1000000)", "N"},
  {"seed", 's', 0, G_OPTION_ARG_INT64, &opt_seed,
      "Seed of the generated plates (default 1)", "S"},
  {"queries", 'q', 0, G_OPTION_ARG_INT, &opt_queries,
      "Lookups per kind (default 20000; exact ones 10 times as many)", "Q"},
  {"candidates", 'c', 0, G_OPTION_ARG_INT, &opt_candidates,
      "Other readings tried with each fuzzy read (default 4)", "C"},
  {"max-distance", 'd', 0, G_OPTION_ARG_DOUBLE, &opt_max_distance,
      "Fuzzy budget (default 1.0)", "D"},
  {"keep-csv", 'k', 0, G_OPTION_ARG_FILENAME, &opt_keep,
      "Write the CSV here and keep it", "FILE"},
  {"check", 0, 0, G_OPTION_ARG_NONE, &opt_check,
      "Exit 1 when a target is missed", NULL},
  {NULL}
};

/* ---- deterministic generation ---------------------------------------- */

static guint64
splitmix64 (guint64 * s)
{
  guint64 z = (*s += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static guint
rnd (guint64 * s, guint n)
{
  return (guint) (splitmix64 (s) % n);
}

/* Letters of the random part of current plates: no I, Q or Z. */
static const gchar letters[] = "ABCDEFGHJKLMNOPRSTUVWXY";
/* First letter of the memory tag (a region). */
static const gchar regions[] = "ABCDEFGHKLMNOPRSVWY";

static gchar
pick (guint64 * s, const gchar * set)
{
  return set[rnd (s, strlen (set))];
}

/* Plate @i of the generated population (A-Z0-9, no spaces). */
static void
plate_for (guint64 i, gchar out[GST_ANPR_MAX_TEXT + 1])
{
  guint64 s = i * G_GUINT64_CONSTANT (0x2545f4914f6cdd1d) + (guint64) opt_seed;
  guint kind = rnd (&s, 100), n = 0, k, len;

  if (kind < 80) {
    /* current: AB12CDE; age identifier 02..26 or 51..75 */
    guint age = rnd (&s, 2) ? 2 + rnd (&s, 25) : 51 + rnd (&s, 25);
    out[n++] = pick (&s, regions);
    out[n++] = pick (&s, letters);
    out[n++] = '0' + age / 10;
    out[n++] = '0' + age % 10;
    for (k = 0; k < 3; k++)
      out[n++] = pick (&s, letters);
  } else if (kind < 90) {
    /* prefix: A123BCD */
    out[n++] = pick (&s, letters);
    len = 1 + rnd (&s, 3);
    for (k = 0; k < len; k++)
      out[n++] = '0' + (k == 0 ? 1 + rnd (&s, 9) : rnd (&s, 10));
    for (k = 0; k < 3; k++)
      out[n++] = pick (&s, letters);
  } else if (kind < 96) {
    /* suffix: ABC123D */
    for (k = 0; k < 3; k++)
      out[n++] = pick (&s, letters);
    len = 1 + rnd (&s, 3);
    for (k = 0; k < len; k++)
      out[n++] = '0' + (k == 0 ? 1 + rnd (&s, 9) : rnd (&s, 10));
    out[n++] = pick (&s, letters);
  } else {
    /* dateless: 1-3 letters and 1-4 digits */
    len = 1 + rnd (&s, 3);
    for (k = 0; k < len; k++)
      out[n++] = pick (&s, letters);
    len = 1 + rnd (&s, 4);
    for (k = 0; k < len; k++)
      out[n++] = '0' + (k == 0 ? 1 + rnd (&s, 9) : rnd (&s, 10));
  }
  out[n] = '\0';
}

static const gchar *const lists[] = {
  "stolen", "wanted", "no-insurance", "burglary", "no-tax", "missing-person"
};
static const gchar *const reasons[] = {
  "Reported stolen", "Linked to burglaries in the borough",
  "No insurance on record", "Driver wanted on warrant", "", ""
};
static const gchar *const actions[] = {
  "stop", "intercept", "observe", "report"
};
static const gchar *const expiries[] = {
  "", "", "2099-12-31", "2099-06-30T23:59:59Z"
};
static const gchar *const notes[] = {
  "", "", "", "Blue Ford Focus", "Silver \"\"VW\"\" Golf, tinted windows",
  "Black Transit van"
};

static gboolean
write_csv (const gchar * path, GError ** error)
{
  FILE *f = g_fopen (path, "w");
  guint64 i;
  gchar p[GST_ANPR_MAX_TEXT + 1];

  if (!f) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "cannot write %s: %s", path, g_strerror (errno));
    return FALSE;
  }
  fputs ("plate,list,reason,priority,action,expires,notes\n", f);
  for (i = 0; i < (guint64) opt_entries; i++) {
    guint64 s = i ^ G_GUINT64_CONSTANT (0xa0761d6478bd642f);
    const gchar *note = notes[rnd (&s, G_N_ELEMENTS (notes))];

    plate_for (i, p);
    fprintf (f, "%s,%s,%s,%u,%s,%s,%s%s%s\n", p,
        lists[rnd (&s, G_N_ELEMENTS (lists))],
        reasons[rnd (&s, G_N_ELEMENTS (reasons))], 1 + rnd (&s, 3),
        actions[rnd (&s, G_N_ELEMENTS (actions))],
        expiries[rnd (&s, G_N_ELEMENTS (expiries))],
        *note ? "\"" : "", note, *note ? "\"" : "");
  }
  if (fclose (f) != 0) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "cannot write %s: %s", path, g_strerror (errno));
    return FALSE;
  }
  return TRUE;
}

/* ---- reads ----------------------------------------------------------- */

/* Confusable partner of @c (gst_anpr_chars_confusable()), or 0. */
static gchar
confusable_of (gchar c, guint64 * s)
{
  static const gchar *const groups[] = {
    "0ODQ", "1ILT", "2Z", "5S", "6G", "8B", "4A"
  };
  guint g;

  for (g = 0; g < G_N_ELEMENTS (groups); g++) {
    const gchar *grp = groups[g];
    if (strchr (grp, c)) {
      gchar o;
      do
        o = grp[rnd (s, strlen (grp))];
      while (o == c);
      return o;
    }
  }
  return 0;
}

static const gchar all_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

typedef enum
{
  READ_CONFUSABLE,
  READ_OTHER,
  READ_INSERTION,
  READ_DELETION,
  N_READ_KINDS
} ReadKind;

static const gchar *const read_names[] = {
  "one confusable substitution", "one other substitution", "one insertion",
  "one deletion"
};

/* @p read with one error of @kind. */
static void
misread (const gchar * p, ReadKind kind, guint64 * s,
    gchar out[GST_ANPR_MAX_TEXT + 1])
{
  guint len = strlen (p), pos, tries;
  gchar c;

  g_strlcpy (out, p, GST_ANPR_MAX_TEXT + 1);
  switch (kind) {
    case READ_CONFUSABLE:
      for (tries = 0; tries < 32; tries++) {
        pos = rnd (s, len);
        if ((c = confusable_of (p[pos], s))) {
          out[pos] = c;
          return;
        }
      }
      /* no confusable character: fall back to another substitution */
      /* fall through */
    case READ_OTHER:
      pos = rnd (s, len);
      do
        c = pick (s, all_chars);
      while (c == p[pos] || gst_anpr_chars_confusable (c, p[pos]));
      out[pos] = c;
      return;
    case READ_INSERTION:
      if (len >= GST_ANPR_MAX_TEXT)
        return;
      pos = rnd (s, len + 1);
      memmove (out + pos + 1, out + pos, len - pos + 1);
      out[pos] = pick (s, all_chars);
      return;
    case READ_DELETION:
      pos = rnd (s, len);
      memmove (out + pos, out + pos + 1, len - pos);
      return;
    default:
      g_assert_not_reached ();
  }
}

/* ---- measuring ------------------------------------------------------- */

static gint64
vm_kb (const gchar * field)
{
  gchar *status = NULL;
  const gchar *p;
  gint64 kb = -1;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, field);
  if (p)
    kb = g_ascii_strtoll (p + strlen (field) + 1, NULL, 10);
  g_free (status);
  return kb;
}

typedef gchar Text[GST_ANPR_MAX_TEXT + 1];

typedef struct
{
  const gchar *name;
  gdouble us;
  guint hits;
  guint n;
} Row;

static void
print_row (const Row * r)
{
  g_print ("  %-44s %9.2f us %8u/%u matched\n", r->name, r->us, r->hits, r->n);
}

/* Exact lookups: plates @base .. @base + @n of the population. */
static Row
time_exact (GstAnprHotlist * hl, const gchar * name, guint64 base, guint n)
{
  Row r = { name, 0, 0, n };
  Text *texts = g_new (Text, n);
  guint64 s = base;
  gint64 t0;
  guint i;

  for (i = 0; i < n; i++)
    plate_for (base + rnd (&s, (guint) MIN (opt_entries, G_MAXUINT)), texts[i]);
  t0 = g_get_monotonic_time ();
  for (i = 0; i < n; i++) {
    GArray *m = gst_anpr_hotlist_lookup (hl, texts[i], NULL, 0, 0.0, 0);
    r.hits += m->len > 0;
    g_array_unref (m);
  }
  r.us = (gdouble) (g_get_monotonic_time () - t0) / n;
  g_free (texts);
  return r;
}

/* Fuzzy lookups of listed plates read with one error of @kind, each with
 * opt_candidates other readings (other errors of the same plate). */
static Row
time_fuzzy (GstAnprHotlist * hl, ReadKind kind, guint n)
{
  Row r = { read_names[kind], 0, 0, n };
  guint per = 1 + opt_candidates;
  Text *texts = g_new (Text, (gsize) n * per);
  const gchar **cands = g_new (const gchar *, per);
  guint64 s = 7919 + kind;
  gint64 t0;
  guint i, j;

  for (i = 0; i < n; i++) {
    gchar p[GST_ANPR_MAX_TEXT + 1];

    plate_for (rnd (&s, (guint) MIN (opt_entries, G_MAXUINT)), p);
    misread (p, kind, &s, texts[(gsize) i * per]);
    for (j = 1; j < per; j++)
      misread (p, rnd (&s, N_READ_KINDS), &s, texts[(gsize) i * per + j]);
  }
  t0 = g_get_monotonic_time ();
  for (i = 0; i < n; i++) {
    GArray *m;

    for (j = 1; j < per; j++)
      cands[j - 1] = texts[(gsize) i * per + j];
    m = gst_anpr_hotlist_lookup (hl, texts[(gsize) i * per], cands, per - 1,
        opt_max_distance, 0);
    r.hits += m->len > 0;
    g_array_unref (m);
  }
  r.us = (gdouble) (g_get_monotonic_time () - t0) / n;
  g_free (cands);
  g_free (texts);
  return r;
}

int
main (int argc, char **argv)
{
  GOptionContext *ctx;
  GError *err = NULL;
  GPtrArray *warnings = NULL;
  GstAnprHotlist *hl;
  gchar *dir = NULL, *path;
  gint64 t0, base_kb, hwm_kb;
  gdouble load_s, rss_mb, exact_us = 0, fuzzy_us = 0;
  Row rows[2 + N_READ_KINDS];
  guint i, n_rows = 0;
  gboolean ok = TRUE;

  ctx = g_option_context_new ("- time loading and looking up a large hotlist");
  g_option_context_add_main_entries (ctx, options, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    g_printerr ("%s\n", err->message);
    return 2;
  }
  g_option_context_free (ctx);
  if (opt_entries < 1 || opt_queries < 1 || opt_candidates < 0 ||
      opt_candidates >= GST_ANPR_MAX_CANDIDATES) {
    g_printerr ("invalid --entries, --queries or --candidates\n");
    return 2;
  }

  if (opt_keep) {
    path = g_strdup (opt_keep);
  } else {
    dir = g_dir_make_tmp ("anpr-hotlist-bench-XXXXXX", &err);
    if (!dir) {
      g_printerr ("%s\n", err->message);
      return 1;
    }
    path = g_build_filename (dir, "hotlist.csv", NULL);
  }

  t0 = g_get_monotonic_time ();
  if (!write_csv (path, &err)) {
    g_printerr ("%s\n", err->message);
    return 1;
  }
  g_print ("generated %" G_GINT64_FORMAT " plates in %.2f s: %s\n",
      opt_entries, (g_get_monotonic_time () - t0) / 1e6, path);

  base_kb = vm_kb ("VmHWM:");
  t0 = g_get_monotonic_time ();
  hl = gst_anpr_hotlist_load_file (path, &warnings, &err);
  load_s = (g_get_monotonic_time () - t0) / 1e6;
  hwm_kb = vm_kb ("VmHWM:");
  if (!hl) {
    g_printerr ("load failed: %s\n", err->message);
    return 1;
  }
  rss_mb = hwm_kb / 1024.0;
  g_print ("loaded %u entries (%u lines skipped) in %.3f s; peak RSS %.1f MB "
      "(%.1f MB before loading), RSS now %.1f MB\n",
      gst_anpr_hotlist_get_n_entries (hl), warnings ? warnings->len : 0,
      load_s, rss_mb, base_kb / 1024.0, vm_kb ("VmRSS:") / 1024.0);

  g_print ("\nlookups (mean per lookup, max-distance %.1f for fuzzy, "
      "%d other readings each):\n", opt_max_distance, opt_candidates);
  rows[n_rows++] = time_exact (hl, "exact, listed plate", 0,
      (guint) opt_queries * 10);
  rows[n_rows++] = time_exact (hl, "exact, unlisted plate",
      (guint64) opt_entries, (guint) opt_queries * 10);
  for (i = 0; i < N_READ_KINDS; i++)
    rows[n_rows++] = time_fuzzy (hl, i, (guint) opt_queries);
  for (i = 0; i < n_rows; i++) {
    print_row (&rows[i]);
    if (i < 2)
      exact_us = MAX (exact_us, rows[i].us);
    else
      fuzzy_us = MAX (fuzzy_us, rows[i].us);
  }

  if (opt_check) {
    ok = load_s < 2.0 && rss_mb < 200.0 && exact_us < 10.0 && fuzzy_us < 100.0;
    g_print ("\ntargets (load < 2 s, RSS < 200 MB, exact < 10 us, "
        "fuzzy < 100 us): %s\n", ok ? "met" : "MISSED");
  }
  g_print ("entries=%u load_s=%.3f rss_mb=%.1f exact_us=%.2f fuzzy_us=%.2f\n",
      gst_anpr_hotlist_get_n_entries (hl), load_s, rss_mb, exact_us, fuzzy_us);

  gst_anpr_hotlist_unref (hl);
  if (warnings)
    g_ptr_array_unref (warnings);
  if (dir) {
    g_unlink (path);
    g_rmdir (dir);
  }
  g_free (dir);
  g_free (path);
  g_free (opt_keep);
  return ok ? 0 : 1;
}
