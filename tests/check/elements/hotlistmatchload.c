/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* hotlistmatch's hotlist: loading it (malformed lines warn, a missing file
 * is an error), setting another while playing, and reloading the file
 * when it changes on disk (a broken or deleted file keeps the list in
 * force). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/stat.h>

#include "hotlistmatchcheck.h"

GST_START_TEST (test_malformed_hotlist_warnings)
{
  GstHarness *h;
  GstMessage *msg;
  GList *warnings = NULL, *l;
  gchar *bad = write_file ("bad.csv",
      "plate,list,priority\n"
      "AB12CDE,stolen,1\n"
      "XY51ABC,wanted\n" "# comment\n" "CD34EFG,wanted,soon\n");

  g_free (hotlist_path);
  hotlist_path = bad;
  h = make_harness (NULL, NULL);

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING))) {
    GError *err = NULL;
    gst_message_parse_warning (msg, &err, NULL);
    warnings = g_list_append (warnings, g_strdup (err->message));
    g_clear_error (&err);
    gst_message_unref (msg);
  }
  fail_unless_equals_int (g_list_length (warnings), 2);
  l = warnings;
  fail_unless (strstr (l->data, "bad.csv:3: ") != NULL, "%s",
      (gchar *) l->data);
  fail_unless (strstr (l->next->data, "bad.csv:5: ") != NULL, "%s",
      (gchar *) l->next->data);
  fail_unless (strstr (l->next->data, "priority") != NULL);
  g_list_free_full (warnings, g_free);

  /* the good line loaded */
  push (h, 0, "AB12CDE", NULL);
  l = pop_matches ();
  fail_unless_equals_int (g_list_length (l), 1);
  free_matches (l);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_missing_hotlist_error)
{
  GstElement *e = gst_element_factory_make ("hotlistmatch", NULL);
  gchar *missing = g_build_filename (tmpdir, "missing.csv", NULL);
  gchar *paths = g_strdup_printf ("%s,%s", hotlist_path, missing);
  GstMessage *msg;
  GError *err = NULL;

  g_object_set (e, "hotlist", paths, NULL);
  msg = start_expecting_error (e);
  gst_message_parse_error (msg, &err, NULL);
  fail_unless (g_error_matches (err, GST_RESOURCE_ERROR,
          GST_RESOURCE_ERROR_NOT_FOUND));
  fail_unless (strstr (err->message, missing) != NULL, "%s", err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  gst_object_unref (e);
  g_free (missing);
  g_free (paths);
}

GST_END_TEST;

GST_START_TEST (test_live_reload)
{
  GstHarness *h = make_harness (NULL, NULL);
  gchar *other = write_file ("other.csv", "plate,list\nGH78JKL,new\n");
  gchar *broken = g_build_filename (tmpdir, "gone.csv", NULL);
  GstMessage *msg;
  GList *m;

  g_object_set (h->element, "hotlist", other, NULL);
  push (h, 0, "GH78JKL", NULL);
  push (h, GST_SECOND, "AB12CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  fail_unless_equals_string (gst_structure_get_string (m->data,
          "hotlist-list"), "new");
  free_matches (m);

  /* a failed reload warns and keeps the current list */
  g_object_set (h->element, "hotlist", broken, NULL);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (msg != NULL);
  gst_message_unref (msg);
  fail_unless (gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR) == NULL);
  push (h, 200 * GST_SECOND, "GH78JKL", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  free_matches (m);

  g_free (other);
  g_free (broken);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* ---- hotlist file watching -------------------------------------------- */

/* anpr-hotlist-loaded structures push_matches() came across */
static GQueue loaded_seen = G_QUEUE_INIT;

/* Pops the next anpr-hotlist-loaded message within @timeout_us. */
static GstStructure *
wait_hotlist_loaded (gint64 timeout_us)
{
  gint64 end = g_get_monotonic_time () + timeout_us;

  if (!g_queue_is_empty (&loaded_seen))
    return g_queue_pop_head (&loaded_seen);
  for (;;) {
    gint64 left = end - g_get_monotonic_time ();
    GstMessage *msg;
    GstStructure *s = NULL;

    if (left <= 0)
      return NULL;
    msg = gst_bus_timed_pop_filtered (bus, left * GST_USECOND,
        GST_MESSAGE_ELEMENT);
    if (!msg)
      return NULL;
    if (gst_structure_has_name (gst_message_get_structure (msg),
            "anpr-hotlist-loaded"))
      s = gst_structure_copy (gst_message_get_structure (msg));
    gst_message_unref (msg);
    if (s)
      return s;
  }
}

/* Pushes @text and says whether it matched, and how (hotlist-list). */
static gboolean
push_matches (GstHarness * h, GstClockTime pts, const gchar * text,
    const gchar * list)
{
  GstMessage *msg;
  gboolean hit = FALSE;

  push (h, pts, text, NULL);
  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    const GstStructure *s = gst_message_get_structure (msg);

    if (gst_structure_has_name (s, "anpr-match"))
      hit |= g_strcmp0 (gst_structure_get_string (s, "hotlist-list"),
          list) == 0;
    else if (gst_structure_has_name (s, "anpr-hotlist-loaded"))
      g_queue_push_tail (&loaded_seen, gst_structure_copy (s));
    gst_message_unref (msg);
  }
  return hit;
}

GST_START_TEST (test_reload_on_file_change)
{
  GstHarness *h;
  GstStructure *s;
  gint64 t0, took = -1;
  GstClockTime pts = 0;
  guint entries, warnings;
  gboolean reload;

  h = make_harness ("dedup-window", 0.0, NULL);
  fail_unless (push_matches (h, pts, "AB12CDE", "stolen"));
  fail_if (push_matches (h, pts, "GH78JKL", "new"));
  /* the first load */
  s = wait_hotlist_loaded (0);
  fail_unless (s != NULL);
  fail_unless (gst_structure_get (s, "entries", G_TYPE_UINT, &entries,
          "reload", G_TYPE_BOOLEAN, &reload, NULL));
  fail_unless_equals_int (entries, 4);
  fail_if (reload);
  gst_structure_free (s);

  /* replace the file the way list managers should: write a new one and
   * rename it over the old (g_file_set_contents() does) while frames flow */
  fail_unless (g_file_set_contents (hotlist_path,
          "plate,list\nGH78JKL,new\nXY51ABC,wanted\n", -1, NULL));
  t0 = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < 3 * G_USEC_PER_SEC) {
    gboolean added, removed;

    pts += GST_SECOND / 25;
    added = push_matches (h, pts, "GH78JKL", "new");
    removed = !push_matches (h, pts, "AB12CDE", "stolen");
    if (added && removed) {
      took = g_get_monotonic_time () - t0;
      break;
    }
    /* never one without the other: the list is swapped as a whole */
    fail_unless (added == removed);
    g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  }
  fail_unless (took >= 0, "the new list never took effect");
  fail_unless (took < 1500 * G_TIME_SPAN_MILLISECOND, "took %" G_GINT64_FORMAT
      " us", took);

  s = wait_hotlist_loaded (G_USEC_PER_SEC);
  fail_unless (s != NULL);
  fail_unless (gst_structure_get (s, "entries", G_TYPE_UINT, &entries,
          "warnings", G_TYPE_UINT, &warnings, "reload", G_TYPE_BOOLEAN,
          &reload, NULL));
  fail_unless_equals_int (entries, 2);
  fail_unless_equals_int (warnings, 0);
  fail_unless (reload);
  fail_unless_equals_string (gst_structure_get_string (s, "hotlist"),
      hotlist_path);
  gst_structure_free (s);

  /* an edit in place is picked up too */
  fail_unless (g_file_set_contents (hotlist_path,
          "plate,list\nGH78JKL,new\nXY51ABC,wanted\nAB12CDE,back\n", -1,
          NULL));
  s = wait_hotlist_loaded (1500 * G_TIME_SPAN_MILLISECOND);
  fail_unless (s != NULL);
  gst_structure_free (s);
  fail_unless (push_matches (h, pts + GST_SECOND, "AB12CDE", "back"));

  /* nothing changes: no reload */
  fail_unless (wait_hotlist_loaded (1200 * G_TIME_SPAN_MILLISECOND) == NULL);
  gst_harness_teardown (h);
  g_queue_clear_full (&loaded_seen, (GDestroyNotify) gst_structure_free);
}

GST_END_TEST;

GST_START_TEST (test_reload_broken_keeps_old)
{
  GstHarness *h;
  GstMessage *msg;
  GError *err = NULL;
  GstStructure *s;
  GstClockTime pts = 0;

  h = make_harness ("dedup-window", 0.0, NULL);
  fail_unless (push_matches (h, pts, "AB12CDE", "stolen"));
  while ((msg = gst_bus_pop (bus)))
    gst_message_unref (msg);
  g_queue_clear_full (&loaded_seen, (GDestroyNotify) gst_structure_free);

  /* no plate column: the file cannot load */
  fail_unless (g_file_set_contents (hotlist_path,
          "number,list\nGH78JKL,new\n", -1, NULL));
  msg = gst_bus_timed_pop_filtered (bus, 1500 * GST_MSECOND,
      GST_MESSAGE_WARNING);
  fail_unless (msg != NULL, "no warning about the broken list");
  gst_message_parse_warning (msg, &err, NULL);
  fail_unless (strstr (err->message, "keeping the previous one") != NULL,
      "%s", err->message);
  fail_unless (strstr (err->message, "plate") != NULL, "%s", err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  fail_unless (gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR) == NULL);

  /* the old list is still in force, and the broken file is reported once */
  fail_unless (push_matches (h, pts + GST_SECOND, "AB12CDE", "stolen"));
  fail_if (push_matches (h, pts + GST_SECOND, "GH78JKL", "new"));
  msg = gst_bus_timed_pop_filtered (bus, 1200 * GST_MSECOND,
      GST_MESSAGE_WARNING);
  fail_unless (msg == NULL);

  /* a missing file (deleted, not replaced) keeps it too */
  fail_unless_equals_int (g_unlink (hotlist_path), 0);
  msg = gst_bus_timed_pop_filtered (bus, 1500 * GST_MSECOND,
      GST_MESSAGE_WARNING);
  fail_unless (msg != NULL);
  gst_message_unref (msg);
  fail_unless (push_matches (h, pts + 2 * GST_SECOND, "AB12CDE", "stolen"));

  /* fixed: loads */
  fail_unless (g_file_set_contents (hotlist_path,
          "plate,list\nGH78JKL,new\n", -1, NULL));
  s = wait_hotlist_loaded (1500 * G_TIME_SPAN_MILLISECOND);
  fail_unless (s != NULL);
  gst_structure_free (s);
  fail_unless (push_matches (h, pts + 3 * GST_SECOND, "GH78JKL", "new"));
  fail_if (push_matches (h, pts + 3 * GST_SECOND, "AB12CDE", "stolen"));
  gst_harness_teardown (h);
  g_queue_clear_full (&loaded_seen, (GDestroyNotify) gst_structure_free);
}

GST_END_TEST;

/* ---- hostile hotlists ------------------------------------------------- */

/* Pops the next WARNING within @timeout and returns its text. */
static gchar *
next_warning (GstClockTime timeout)
{
  GstMessage *msg = gst_bus_timed_pop_filtered (bus, timeout,
      GST_MESSAGE_WARNING);
  GError *err = NULL;
  gchar *text;

  if (!msg)
    return NULL;
  gst_message_parse_warning (msg, &err, NULL);
  text = g_strdup (err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  return text;
}

static void
drain_bus (void)
{
  GstMessage *msg;

  while ((msg = gst_bus_pop (bus)))
    gst_message_unref (msg);
  g_queue_clear_full (&loaded_seen, (GDestroyNotify) gst_structure_free);
}

GST_START_TEST (test_reload_empty_keeps_old)
{
  const gchar *emptied[] = {
    "plate,list,reason\n",      /* header only */
    "",                         /* truncated */
    "plate,list\n# all removed\n",
  };
  GstHarness *h;
  GstClockTime pts = 0;
  GstStructure *s;
  guint i;

  h = make_harness ("dedup-window", 0.0, NULL);
  fail_unless (push_matches (h, pts, "AB12CDE", "stolen"));
  drain_bus ();

  for (i = 0; i < G_N_ELEMENTS (emptied); i++) {
    gchar *w;

    fail_unless (g_file_set_contents (hotlist_path, emptied[i], -1, NULL));
    w = next_warning (1500 * GST_MSECOND);
    fail_unless (w != NULL, "no warning about the emptied list '%s'",
        emptied[i]);
    fail_unless (strstr (w, "keeping the previous one") != NULL, "%s", w);
    fail_unless (strstr (w, "no entries") != NULL, "%s", w);
    fail_unless (strstr (w, hotlist_path) != NULL, "%s", w);
    g_free (w);
    pts += GST_SECOND;
    /* still matches */
    fail_unless (push_matches (h, pts, "AB12CDE", "stolen"));
  }
  fail_unless (gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR) == NULL);

  /* saved by an old Mac editor: lines end with CR, and it loads */
  fail_unless (g_file_set_contents (hotlist_path,
          "plate,list\rGH78JKL,new\rXY51ABC,new\r", -1, NULL));
  s = wait_hotlist_loaded (1500 * G_TIME_SPAN_MILLISECOND);
  fail_unless (s != NULL);
  fail_unless_equals_int (g_value_get_uint (gst_structure_get_value (s,
              "entries")), 2);
  gst_structure_free (s);
  fail_unless (push_matches (h, pts + GST_SECOND, "GH78JKL", "new"));
  fail_if (push_matches (h, pts + GST_SECOND, "AB12CDE", "stolen"));

  /* and so does setting the property to an empty list */
  g_free (hotlist_path);
  hotlist_path = write_file ("empty.csv", "plate\n");
  g_object_set (h->element, "hotlist", hotlist_path, NULL);
  fail_unless (push_matches (h, pts + 2 * GST_SECOND, "GH78JKL", "new"));

  gst_harness_teardown (h);
  g_queue_clear_full (&loaded_seen, (GDestroyNotify) gst_structure_free);
}

GST_END_TEST;

GST_START_TEST (test_start_empty_is_error)
{
  GstElement *e = gst_element_factory_make ("hotlistmatch", NULL);
  gchar *empty = write_file ("empty.csv", "plate,list,reason\r\n");
  GstMessage *msg;
  GError *err = NULL;

  g_object_set (e, "hotlist", empty, NULL);
  msg = start_expecting_error (e);
  gst_message_parse_error (msg, &err, NULL);
  fail_unless (g_error_matches (err, GST_RESOURCE_ERROR,
          GST_RESOURCE_ERROR_READ));
  fail_unless (strstr (err->message, empty) != NULL, "%s", err->message);
  fail_unless (strstr (err->message, "header row only") != NULL, "%s",
      err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  gst_object_unref (e);
  g_free (empty);
}

GST_END_TEST;

GST_START_TEST (test_fifo_hotlist)
{
  GstElement *e = gst_element_factory_make ("hotlistmatch", NULL);
  gchar *fifo = g_build_filename (tmpdir, "fifo.csv", NULL);
  GstHarness *h;
  GstMessage *msg;
  GError *err = NULL;
  gchar *w;
  gint64 t0;

  fail_unless_equals_int (mkfifo (fifo, 0600), 0);

  /* at start: an error at once, not a hang in open() */
  t0 = g_get_monotonic_time ();
  g_object_set (e, "hotlist", fifo, NULL);
  msg = start_expecting_error (e);
  fail_unless (g_get_monotonic_time () - t0 < 2 * G_USEC_PER_SEC);
  gst_message_parse_error (msg, &err, NULL);
  fail_unless (strstr (err->message, fifo) != NULL, "%s", err->message);
  fail_unless (strstr (err->message, "FIFO") != NULL, "%s", err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  gst_object_unref (e);

  /* renamed over the list while running: a warning, the list stays, and
   * stopping does not wait on the FIFO */
  h = make_harness ("dedup-window", 0.0, NULL);
  drain_bus ();
  fail_unless_equals_int (g_rename (fifo, hotlist_path), 0);
  w = next_warning (1500 * GST_MSECOND);
  fail_unless (w != NULL);
  fail_unless (strstr (w, "not a regular file") != NULL, "%s", w);
  g_free (w);
  fail_unless (push_matches (h, GST_SECOND, "AB12CDE", "stolen"));
  t0 = g_get_monotonic_time ();
  gst_harness_teardown (h);
  fail_unless (g_get_monotonic_time () - t0 < 2 * G_USEC_PER_SEC);
  g_queue_clear_full (&loaded_seen, (GDestroyNotify) gst_structure_free);
  g_free (fifo);
}

GST_END_TEST;

/* Latin-1, as an old spreadsheet saves it. */
static const gchar latin1_csv[] = "plate,list,reason\n"
    "AB12CDE,stolen,Vol \xe0 Li\xe8ge\n";

GST_START_TEST (test_hotlist_encoding)
{
  GstHarness *h;
  GList *m;
  gchar *w;

  g_free (hotlist_path);
  hotlist_path = write_file ("latin1.csv", latin1_csv);

  /* as UTF-8: the vehicle still matches, the warning says what to set */
  h = make_harness (NULL, NULL);
  w = next_warning (0);
  fail_unless (w != NULL);
  fail_unless (strstr (w, "latin1.csv:2:") != NULL, "%s", w);
  fail_unless (strstr (w, "hotlist-encoding") != NULL, "%s", w);
  g_free (w);
  push (h, 0, "AB12CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  fail_unless_equals_string (gst_structure_get_string (m->data, "reason"),
      "Vol \xef\xbf\xbd Li\xef\xbf\xbdge");
  free_matches (m);
  gst_harness_teardown (h);
  drain_bus ();

  /* named: converted, no warning */
  h = make_harness ("hotlist-encoding", "ISO-8859-1", NULL);
  fail_unless (gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING) == NULL);
  push (h, 0, "AB12CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  fail_unless_equals_string (gst_structure_get_string (m->data, "reason"),
      "Vol \xc3\xa0 Li\xc3\xa8ge");
  free_matches (m);
  gst_harness_teardown (h);
}

GST_END_TEST;

static Suite *
hotlistmatchload_suite (void)
{
  Suite *s = suite_create ("hotlistmatchload");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_malformed_hotlist_warnings);
  tcase_add_test (tc, test_missing_hotlist_error);
  tcase_add_test (tc, test_live_reload);
  tcase_add_test (tc, test_reload_on_file_change);
  tcase_add_test (tc, test_reload_broken_keeps_old);
  tcase_add_test (tc, test_reload_empty_keeps_old);
  tcase_add_test (tc, test_start_empty_is_error);
  tcase_add_test (tc, test_fifo_hotlist);
  tcase_add_test (tc, test_hotlist_encoding);
  return s;
}

GST_CHECK_MAIN (hotlistmatchload);
