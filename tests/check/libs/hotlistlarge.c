/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* A national-scale hotlist: ten million lines load completely, and the
 * plates at the start, middle and end of the file all match.  Prints the
 * load time and the peak resident memory. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>

#include "hotlistcheck.h"

#define FULL_LINES 10000000
/* under valgrind (ANPR_TEST_LIGHT, tests/meson.build) the same checks on
 * a list small enough to finish: each line costs fifty times as much */
#define LIGHT_LINES 100000
#define N_LINES (g_getenv ("ANPR_TEST_LIGHT") ? LIGHT_LINES : FULL_LINES)

/* Plate @i, distinct for every @i below FULL_LINES: two letters, two digits,
 * three letters (the current GB shape). */
static void
plate_for (guint i, gchar out[8])
{
  static const gchar letters[] = "ABCDEFGHJKLMNOPRSTUVWXYZ";
  const guint nl = sizeof (letters) - 1;

  out[0] = letters[i % nl];
  i /= nl;
  out[1] = letters[i % nl];
  i /= nl;
  out[2] = '0' + i % 10;
  i /= 10;
  out[3] = '0' + i % 10;
  i /= 10;
  out[4] = letters[i % nl];
  i /= nl;
  out[5] = letters[i % nl];
  i /= nl;
  out[6] = letters[i % nl];
  out[7] = '\0';
}

/* Peak resident memory so far, in MB (VmHWM), or -1. */
static gdouble
peak_rss_mb (void)
{
  gchar *status = NULL, *p;
  gdouble mb = -1;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (p = strstr (status, "VmHWM:")))
    mb = g_ascii_strtod (p + 6, NULL) / 1024.0;
  g_free (status);
  return mb;
}

GST_START_TEST (test_ten_million_lines)
{
  gchar *path = g_build_filename (tmpdir, "national.csv", NULL);
  const guint n_lines = N_LINES;
  const guint probes[] = { 0, n_lines / 2, n_lines - 1 };
  GPtrArray *w = NULL;
  GError *err = NULL;
  GstAnprHotlist *hl;
  FILE *f;
  gint64 t0, t_load;
  gchar plate[8];
  guint i;

  f = fopen (path, "w");
  fail_unless (f != NULL);
  fputs ("plate,list,priority\n", f);
  for (i = 0; i < n_lines; i++) {
    plate_for (i, plate);
    fputs (plate, f);
    fputs (i % 3 ? ",stolen,1\n" : ",wanted,2\n", f);
  }
  fail_unless_equals_int (fclose (f), 0);

  t0 = g_get_monotonic_time ();
  hl = gst_anpr_hotlist_load_file (path, &w, &err);
  t_load = g_get_monotonic_time () - t0;
  fail_unless (hl != NULL, "%s", err ? err->message : "");
  /* complete: every line, none skipped */
  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), n_lines);
  fail_unless (w == NULL || w->len == 0, "%s",
      w ? (gchar *) g_ptr_array_index (w, 0) : "");
  g_print ("loaded %u entries in %.2f s, peak RSS %.0f MB\n",
      gst_anpr_hotlist_get_n_entries (hl), t_load / 1e6, peak_rss_mb ());

  for (i = 0; i < G_N_ELEMENTS (probes); i++) {
    const GstAnprHotlistEntry *e;
    GArray *m;

    plate_for (probes[i], plate);
    m = lookup (hl, plate, 1.0);
    fail_unless (m->len >= 1, "%s not found", plate);
    e = g_array_index (m, GstAnprHotlistMatch, 0).entry;
    fail_unless_equals_string (e->plate, plate);
    fail_unless_equals_int (e->line, probes[i] + 2);
    g_array_unref (m);
  }

  gst_anpr_hotlist_unref (hl);
  if (w)
    g_ptr_array_unref (w);
  g_free (path);
}

GST_END_TEST;

static Suite *
hotlistlarge_suite (void)
{
  Suite *s = suite_create ("hotlistlarge");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 280);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_ten_million_lines);
  return s;
}

GST_CHECK_MAIN (hotlistlarge);
