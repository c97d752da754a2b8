/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "hotlistcheck.h"

GST_START_TEST (test_parse_quoting)
{
  const gchar *csv =
      "\xef\xbb\xbf" "Notes , colour ,PLATE,reason,list,priority,action\r\n"
      "# a comment line\r\n"
      "\r\n"
      "\"Blue \"\"Ford\"\" Focus, dented\",blue,AB12CDE,"
      "\"Stolen 2026-11-01, burglary\",stolen,1,stop\r\n"
      "  # indented comment\n"
      ",, xy51 abc ,,,,\n";
  GPtrArray *warnings = NULL;
  GstAnprHotlist *hl = load_ok (csv, &warnings);
  const GstAnprHotlistEntry *e;

  fail_unless_equals_int (warnings ? warnings->len : 0, 0);
  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 2);

  e = gst_anpr_hotlist_get_entry (hl, 0);
  fail_unless_equals_string (e->plate, "AB12CDE");
  fail_unless_equals_string (e->listed, "AB12CDE");
  fail_unless_equals_string (e->notes, "Blue \"Ford\" Focus, dented");
  fail_unless_equals_string (e->reason, "Stolen 2026-11-01, burglary");
  fail_unless_equals_string (e->list, "stolen");
  fail_unless_equals_int (e->priority, 1);
  fail_unless_equals_string (e->action, "stop");
  fail_unless (e->expires == NULL);
  fail_unless (e->expires_us == GST_ANPR_HOTLIST_NO_EXPIRY);
  fail_unless_equals_string (e->source, "test.csv");
  fail_unless_equals_int (e->line, 4);
  fail_if (e->partial);

  e = gst_anpr_hotlist_get_entry (hl, 1);
  fail_unless_equals_string (e->plate, "XY51ABC");
  fail_unless_equals_string (e->listed, "xy51 abc");
  fail_unless (e->list == NULL);
  fail_unless (e->notes == NULL);
  fail_unless_equals_int (e->priority, GST_ANPR_HOTLIST_NO_PRIORITY);
  fail_unless_equals_int (e->line, 6);
  fail_unless (gst_anpr_hotlist_get_entry (hl, 2) == NULL);

  g_ptr_array_unref (warnings);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_normalise)
{
  GstAnprHotlist *hl = load_ok ("plate\nab12 cde\n\"ab12-c?e\"\n"
      "x*  9 9\n**ab**12\n", NULL);
  GArray *m;

  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 0)->plate,
      "AB12CDE");
  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 1)->plate,
      "AB12C?E");
  fail_unless (gst_anpr_hotlist_get_entry (hl, 1)->partial);
  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 2)->plate,
      "X*99");
  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 3)->plate,
      "*AB*12");

  /* the read is normalised too */
  m = lookup (hl, "ab12 cde", 0.0);
  fail_unless (best (m) != NULL);
  fail_unless_equals_int (best (m)->kind, GST_ANPR_MATCH_EXACT);
  fail_unless_equals_string (best (m)->matched_text, "AB12CDE");
  g_array_unref (m);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_malformed_lines)
{
  const gchar *csv =
      "plate,list,priority,expires\n"   /* 1 */
      "AB12CDE,stolen,1,2099-01-01\n"   /* 2 ok */
      "AB12CDF,stolen\n"                /* 3 too few fields */
      ",stolen,1,\n"                    /* 4 empty plate */
      "---,stolen,1,\n"                 /* 5 invalid plate */
      "AB12CDG,stolen,high,\n"          /* 6 bad priority */
      "AB12CDH,stolen,0,\n"             /* 7 priority 0 */
      "AB12CDJ,stolen,2,next week\n"    /* 8 bad expires */
      "\"AB12CDK,stolen,2,\n"           /* 9 unterminated quote */
      "AB12CDL,\"stolen\"x,2,\n"        /* 10 junk after quote */
      "A?,stolen,2,\n"                  /* 11 partial too vague */
      "AB12CDEFGHIJKLMNOP,stolen,2,\n"  /* 12 too long */
      "AB12CDM,stolen,2,,extra\n"       /* 13 too many fields */
      "CD34EFG,wanted,3,2099-01-01T12:00:00Z\n";        /* 14 ok */
  GPtrArray *w = NULL;
  GstAnprHotlist *hl = load_ok (csv, &w);
  const guint bad[] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 };
  guint i;

  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 2);
  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 1)->plate,
      "CD34EFG");
  fail_unless (w != NULL);
  fail_unless_equals_int (w->len, G_N_ELEMENTS (bad));
  for (i = 0; i < G_N_ELEMENTS (bad); i++) {
    gchar *prefix = g_strdup_printf ("test.csv:%u: ", bad[i]);
    const gchar *msg = g_ptr_array_index (w, i);
    fail_unless (g_str_has_prefix (msg, prefix), "'%s' lacks '%s'", msg,
        prefix);
    g_free (prefix);
  }
  fail_unless (strstr (g_ptr_array_index (w, 0), "fields") != NULL);
  fail_unless (strstr (g_ptr_array_index (w, 3), "priority") != NULL);
  fail_unless (strstr (g_ptr_array_index (w, 5), "expires") != NULL);
  fail_unless (strstr (g_ptr_array_index (w, 6), "unterminated") != NULL);
  g_ptr_array_unref (w);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_file_errors)
{
  GError *err = NULL;
  GPtrArray *w = NULL;
  gchar *missing = g_build_filename (tmpdir, "nope.csv", NULL);
  gchar *noplate = write_file ("noplate.csv", "reg,list\nAB12CDE,x\n");
  gchar *empty = write_file ("empty.csv", "");
  GstAnprHotlist *hl;

  hl = gst_anpr_hotlist_load_file (missing, NULL, &err);
  fail_unless (hl == NULL);
  fail_unless (g_error_matches (err, G_FILE_ERROR, G_FILE_ERROR_NOENT));
  fail_unless (strstr (err->message, missing) != NULL, "%s", err->message);
  g_clear_error (&err);

  hl = gst_anpr_hotlist_load_file (noplate, NULL, &err);
  fail_unless (hl == NULL);
  fail_unless (strstr (err->message, "noplate.csv:1:") != NULL, "%s",
      err->message);
  fail_unless (strstr (err->message, "plate") != NULL);
  g_clear_error (&err);

  /* an empty file is no list (libs/hotlistinput has the cases) */
  hl = gst_anpr_hotlist_load_file (empty, &w, &err);
  fail_unless (hl == NULL);
  fail_unless (strstr (err->message, "empty.csv: empty file") != NULL, "%s",
      err->message);
  g_clear_error (&err);
  g_clear_pointer (&w, g_ptr_array_unref);

  g_free (missing);
  g_free (noplate);
  g_free (empty);
}

GST_END_TEST;

GST_START_TEST (test_multiple_files)
{
  gchar *a = write_file ("a.csv", "plate,list\nAB12CDE,stolen\n");
  gchar *b = write_file ("b.csv", "list,plate\nwanted,CD34EFG\n"
      "insurance,AB12CDE\n");
  gchar *joined = g_strdup_printf (" %s ; %s,", a, b);
  gchar **paths = gst_anpr_hotlist_split_paths (joined);
  GError *err = NULL;
  GstAnprHotlist *hl;
  GArray *m;

  fail_unless_equals_int (g_strv_length (paths), 2);
  fail_unless_equals_string (paths[0], a);
  fail_unless_equals_string (paths[1], b);

  hl = gst_anpr_hotlist_load_files ((const gchar * const *) paths, NULL,
      &err);
  fail_unless (hl != NULL);
  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 3);
  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 2)->source, b);
  fail_unless_equals_int (gst_anpr_hotlist_get_entry (hl, 2)->line, 3);

  /* one plate on two lists: both reported */
  m = lookup (hl, "AB12CDE", 1.0);
  fail_unless_equals_int (m->len, 2);
  fail_unless_equals_string (g_array_index (m, GstAnprHotlistMatch,
          0).entry->list, "stolen");
  fail_unless_equals_string (g_array_index (m, GstAnprHotlistMatch,
          1).entry->list, "insurance");
  g_array_unref (m);

  /* one bad file fails the lot */
  g_free (paths[1]);
  paths[1] = g_build_filename (tmpdir, "missing.csv", NULL);
  fail_unless (gst_anpr_hotlist_load_files ((const gchar * const *) paths,
          NULL, &err) == NULL);
  g_clear_error (&err);

  gst_anpr_hotlist_unref (hl);
  g_strfreev (paths);
  g_free (joined);
  g_free (a);
  g_free (b);
}

GST_END_TEST;

GST_START_TEST (test_exact)
{
  GstAnprHotlist *hl = load_ok ("plate,list,priority\n"
      "AB12CDE,stolen,2\nXY51ABC,wanted,1\n", NULL);
  GArray *m;

  m = lookup (hl, "XY51ABC", 0.0);
  fail_unless_equals_int (m->len, 1);
  fail_unless_equals_int (best (m)->kind, GST_ANPR_MATCH_EXACT);
  fail_unless_equals_float (best (m)->distance, 0.0);
  fail_unless_equals_string (best (m)->entry->list, "wanted");
  fail_unless_equals_int (best (m)->candidate, 0);
  g_array_unref (m);

  m = lookup (hl, "ZZ99ZZZ", 1.0);
  fail_unless_equals_int (m->len, 0);
  g_array_unref (m);

  m = lookup (hl, "", 1.0);
  fail_unless_equals_int (m->len, 0);
  g_array_unref (m);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_distance)
{
  /* confusable substitutions cost half */
  fail_unless_equals_float (gst_anpr_plate_distance ("AB12CDE", "AB12CDE",
          1.0), 0.0);
  fail_unless_equals_float (gst_anpr_plate_distance ("AB12CDE", "A812CDE",
          1.0), 0.5);
  fail_unless_equals_float (gst_anpr_plate_distance ("AB12CDE", "ABI2CDE",
          1.0), 0.5);
  fail_unless_equals_float (gst_anpr_plate_distance ("AB12CDE", "AB1ZCDE",
          1.0), 0.5);
  fail_unless_equals_float (gst_anpr_plate_distance ("AB12CDE", "AB12C0E",
          1.0), 0.5);
  fail_unless_equals_float (gst_anpr_plate_distance ("AB12CDE", "A8I2CDE",
          2.0), 1.0);
  /* other edits cost one */
  fail_unless_equals_float (gst_anpr_plate_distance ("AB12CDE", "AB12CDF",
          1.0), 1.0);
  fail_unless_equals_float (gst_anpr_plate_distance ("AB12CDE", "AB12CD",
          1.0), 1.0);
  fail_unless_equals_float (gst_anpr_plate_distance ("AB12CDE", "AB12CDEX",
          1.0), 1.0);
  /* beyond the budget */
  fail_unless (gst_anpr_plate_distance ("AB12CDE", "XY12CDE", 1.0) > 1.0);
  fail_unless (gst_anpr_plate_distance ("AB12CDE", "AB1", 1.0) > 1.0);
}

GST_END_TEST;

GST_START_TEST (test_fuzzy)
{
  GstAnprHotlist *hl = load_ok ("plate,list\nAB12CDE,stolen\n", NULL);
  GArray *m;

  /* one confusion */
  m = lookup (hl, "A812CDE", 1.0);
  fail_unless_equals_int (m->len, 1);
  fail_unless_equals_int (best (m)->kind, GST_ANPR_MATCH_FUZZY);
  fail_unless_equals_float (best (m)->distance, 0.5);
  fail_unless_equals_string (best (m)->matched_text, "A812CDE");
  g_array_unref (m);

  /* the default budget: one confusion, not an ordinary edit (RL64MWS is
   * another car as often as a misread RL54MWS) ... */
  m = lookup (hl, "A812CDE", GST_ANPR_HOTLIST_DEFAULT_MAX_DISTANCE);
  fail_unless_equals_int (m->len, 1);
  g_array_unref (m);
  m = lookup (hl, "AB13CDE", GST_ANPR_HOTLIST_DEFAULT_MAX_DISTANCE);
  fail_unless_equals_int (m->len, 0);
  g_array_unref (m);

  /* two confusions fit a budget of 1 ... */
  m = lookup (hl, "A8I2CDE", 1.0);
  fail_unless_equals_int (m->len, 1);
  fail_unless_equals_float (best (m)->distance, 1.0);
  g_array_unref (m);

  /* ... as does one real edit ... */
  m = lookup (hl, "AB12CDF", 1.0);
  fail_unless_equals_int (m->len, 1);
  fail_unless_equals_float (best (m)->distance, 1.0);
  g_array_unref (m);
  m = lookup (hl, "AB12CD", 1.0);
  fail_unless_equals_int (m->len, 1);
  g_array_unref (m);

  /* ... but not a confusion and an edit */
  m = lookup (hl, "A812CDF", 1.0);
  fail_unless_equals_int (m->len, 0);
  g_array_unref (m);

  /* a tighter budget keeps only the confusion */
  m = lookup (hl, "A812CDE", 0.5);
  fail_unless_equals_int (m->len, 1);
  g_array_unref (m);
  m = lookup (hl, "AB12CDF", 0.5);
  fail_unless_equals_int (m->len, 0);
  g_array_unref (m);

  /* 0 disables fuzzy matching */
  m = lookup (hl, "A812CDE", 0.0);
  fail_unless_equals_int (m->len, 0);
  g_array_unref (m);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_partial)
{
  GstAnprHotlist *hl = load_ok ("plate,list\nAB12C?E,witness\n"
      "*51ABC,witness2\n", NULL);
  GArray *m;

  fail_unless (gst_anpr_plate_wildcard_match ("AB12C?E", "AB12CXE"));
  fail_if (gst_anpr_plate_wildcard_match ("AB12C?E", "AB12CE"));
  fail_if (gst_anpr_plate_wildcard_match ("AB12C?E", "AB12CXXE"));
  fail_unless (gst_anpr_plate_wildcard_match ("AB*E", "ABE"));
  fail_unless (gst_anpr_plate_wildcard_match ("AB*E", "AB12CDE"));
  fail_unless (gst_anpr_plate_wildcard_match ("*DE", "AB12CDE"));
  fail_if (gst_anpr_plate_wildcard_match ("*DE", "AB12CDX"));
  fail_unless (gst_anpr_plate_wildcard_match ("A?1*", "AB12CDE"));

  m = lookup (hl, "AB12CXE", 0.0);
  fail_unless_equals_int (m->len, 1);
  fail_unless_equals_int (best (m)->kind, GST_ANPR_MATCH_PARTIAL);
  fail_unless_equals_string (best (m)->entry->plate, "AB12C?E");
  g_array_unref (m);

  m = lookup (hl, "XY51ABC", 0.0);
  fail_unless_equals_int (m->len, 1);
  fail_unless_equals_string (best (m)->entry->list, "witness2");
  g_array_unref (m);

  m = lookup (hl, "AB12CXXE", 0.0);
  fail_unless_equals_int (m->len, 0);
  g_array_unref (m);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_expired)
{
  GstAnprHotlist *hl = load_ok ("plate,expires\n"
      "AB12CDE,2026-01-01T00:00:00Z\n"
      "CD34EFG,2026-01-01\n"
      "EF56GHJ,2000-01-01T00:00:00+01:00\n"
      "GH78JKL,\n", NULL);
  /* 2026-01-01T00:00:00Z */
  const gint64 t = G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC;
  GArray *m;

  fail_unless_equals_int64 (gst_anpr_hotlist_get_entry (hl, 0)->expires_us,
      t);
  /* a bare date runs to the end of that day */
  fail_unless_equals_int64 (gst_anpr_hotlist_get_entry (hl, 1)->expires_us,
      t + G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC);
  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 1)->expires,
      "2026-01-01");

  m = gst_anpr_hotlist_lookup (hl, "AB12CDE", NULL, 0, 1.0, t - 1);
  fail_unless_equals_int (m->len, 1);
  g_array_unref (m);
  m = gst_anpr_hotlist_lookup (hl, "AB12CDE", NULL, 0, 1.0, t);
  fail_unless_equals_int (m->len, 0);
  g_array_unref (m);

  m = gst_anpr_hotlist_lookup (hl, "CD34EFG", NULL, 0, 1.0, t + 1);
  fail_unless_equals_int (m->len, 1);
  g_array_unref (m);

  /* long expired: no match, exact or fuzzy, whatever the clock */
  m = lookup (hl, "EF56GHJ", 1.0);
  fail_unless_equals_int (m->len, 0);
  g_array_unref (m);
  m = lookup (hl, "EF56GHI", 1.0);
  fail_unless_equals_int (m->len, 0);
  g_array_unref (m);

  /* no expiry */
  m = lookup (hl, "GH78JKL", 1.0);
  fail_unless_equals_int (m->len, 1);
  g_array_unref (m);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_candidates)
{
  GstAnprHotlist *hl = load_ok ("plate,list,priority\nAB12CDE,stolen,1\n"
      "XY51ABC,wanted,2\n", NULL);
  const gchar *cands[] = { "AB12COE", "XY51ABC", "AB12CDE" };
  GstBuffer *buf;
  GstAnprPlateMeta *meta;
  GstAnprCandidate c[3];
  GArray *m;
  guint i;

  /* the read misses, candidates hit: every entry once, exact first */
  m = gst_anpr_hotlist_lookup (hl, "QQ11QQQ", cands, 3, 1.0, 0);
  fail_unless_equals_int (m->len, 2);
  fail_unless_equals_int (best (m)->kind, GST_ANPR_MATCH_EXACT);
  fail_unless_equals_string (best (m)->entry->plate, "XY51ABC");
  fail_unless_equals_int (best (m)->candidate, 2);
  fail_unless_equals_string (best (m)->matched_text, "XY51ABC");
  /* AB12CDE matched fuzzily via candidate 1 and exactly via candidate 3:
   * the exact one is kept */
  fail_unless_equals_string (g_array_index (m, GstAnprHotlistMatch,
          1).entry->plate, "AB12CDE");
  fail_unless_equals_int (g_array_index (m, GstAnprHotlistMatch, 1).kind,
      GST_ANPR_MATCH_EXACT);
  fail_unless_equals_int (g_array_index (m, GstAnprHotlistMatch, 1).candidate,
      3);
  g_array_unref (m);

  /* the same through a plate meta */
  buf = gst_buffer_new ();
  meta = gst_buffer_add_anpr_plate_meta (buf, 10, 20, 100, 25, 0.9f);
  for (i = 0; i < 3; i++) {
    g_strlcpy (c[i].text, i == 0 ? "AB12COE" : cands[i], sizeof (c[i].text));
    c[i].confidence = 0.8f - 0.1f * i;
  }
  gst_anpr_plate_meta_set_reading (meta, "gb", "gb-current", c, 3, NULL);
  m = gst_anpr_hotlist_lookup_meta (hl, meta, 1.0, 0);
  fail_unless_equals_int (m->len, 2);
  /* the read AB12COE is a confusion away from AB12CDE, but the exact
   * candidate hits come first */
  fail_unless_equals_int (best (m)->kind, GST_ANPR_MATCH_EXACT);
  fail_unless_equals_string (best (m)->entry->plate, "XY51ABC");
  g_array_unref (m);
  gst_buffer_unref (buf);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_ordering)
{
  GstAnprHotlist *hl = load_ok ("plate,list,priority\n"
      "AB12CDF,low,\n"
      "AB12CD?,partial,5\n"
      "AB12CDE,exact,9\n"
      "A812CDE,conf,3\n" "AB12C0E,conf2,1\n", NULL);
  GArray *m = lookup (hl, "AB12CDE", 1.0);
  const gchar *order[] = { "exact", "partial", "conf2", "conf", "low" };
  guint i;

  fail_unless_equals_int (m->len, G_N_ELEMENTS (order));
  for (i = 0; i < m->len; i++)
    fail_unless_equals_string (g_array_index (m, GstAnprHotlistMatch,
            i).entry->list, order[i]);
  /* the order, for merging several lists' matches */
  for (i = 0; i + 1 < m->len; i++) {
    const GstAnprHotlistMatch *a = &g_array_index (m, GstAnprHotlistMatch, i);
    const GstAnprHotlistMatch *b = a + 1;

    fail_unless (gst_anpr_hotlist_match_compare (a, b) < 0);
    fail_unless (gst_anpr_hotlist_match_compare (b, a) > 0);
    fail_unless_equals_int (gst_anpr_hotlist_match_compare (a, a), 0);
  }
  g_array_unref (m);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_refcount)
{
  GstAnprHotlist *hl = load_ok ("plate\nAB12CDE\n", NULL);
  GValue v = G_VALUE_INIT;
  const GstAnprHotlistEntry *e = gst_anpr_hotlist_get_entry (hl, 0);

  g_value_init (&v, GST_ANPR_TYPE_HOTLIST);
  g_value_set_boxed (&v, hl);
  gst_anpr_hotlist_unref (hl);
  /* the value's reference keeps the entries alive */
  fail_unless_equals_string (e->plate, "AB12CDE");
  g_value_unset (&v);
}

GST_END_TEST;

static Suite *
hotlist_suite (void)
{
  Suite *s = suite_create ("hotlist");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_parse_quoting);
  tcase_add_test (tc, test_normalise);
  tcase_add_test (tc, test_malformed_lines);
  tcase_add_test (tc, test_file_errors);
  tcase_add_test (tc, test_multiple_files);
  tcase_add_test (tc, test_exact);
  tcase_add_test (tc, test_distance);
  tcase_add_test (tc, test_fuzzy);
  tcase_add_test (tc, test_partial);
  tcase_add_test (tc, test_expired);
  tcase_add_test (tc, test_candidates);
  tcase_add_test (tc, test_ordering);
  tcase_add_test (tc, test_refcount);
  return s;
}

GST_CHECK_MAIN (hotlist);
