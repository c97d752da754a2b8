/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* hotlistmatch's matching: exact, fuzzy and partial hits and what their
 * anpr-match messages say, max-distance, reads that match nothing, two
 * plates on one frame, and dedup.  The hotlist file and its live reload
 * are in hotlistmatchload.c, the properties in hotlistmatchprops.c, the
 * evidence pictures in hotlistmatchevidence.c. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <json-glib/json-glib.h>

#include "hotlistmatchcheck.h"

GST_START_TEST (test_exact_match)
{
  GstHarness *h = make_harness ("camera-id", "north-gate", NULL);
  GList *m;
  const GstStructure *s;
  GstClockTime t;
  const gchar *json;
  JsonParser *parser = json_parser_new ();
  JsonObject *o;
  gint prio;
  gdouble dist;

  push (h, 2 * GST_SECOND, "AB12CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  s = m->data;
  GST_INFO ("%" GST_PTR_FORMAT, s);

  fail_unless (gst_structure_get_clock_time (s, "timestamp", &t));
  fail_unless_equals_uint64 (t, 2 * GST_SECOND);
  fail_unless (gst_structure_get_clock_time (s, "stream-time", &t));
  fail_unless_equals_uint64 (t, 2 * GST_SECOND);
  fail_unless (gst_structure_get_clock_time (s, "running-time", &t));
  fail_unless_equals_uint64 (t, 2 * GST_SECOND);
  fail_unless_equals_string (gst_structure_get_string (s, "camera-id"),
      "north-gate");
  fail_unless_equals_string (gst_structure_get_string (s, "plate"),
      "AB12CDE");
  fail_unless_equals_string (gst_structure_get_string (s, "hotlist-plate"),
      "AB12CDE");
  fail_unless_equals_string (gst_structure_get_string (s, "hotlist-list"),
      "stolen");
  fail_unless_equals_string (gst_structure_get_string (s, "reason"),
      "Stolen 2026-11-01, burglary");
  fail_unless (gst_structure_get_int (s, "priority", &prio));
  fail_unless_equals_int (prio, 1);
  fail_unless_equals_string (gst_structure_get_string (s, "action"), "stop");
  fail_unless_equals_string (gst_structure_get_string (s, "notes"),
      "Blue \"Ford\" Focus");
  fail_unless_equals_string (gst_structure_get_string (s, "match-kind"),
      "exact");
  fail_unless (gst_structure_get_double (s, "distance", &dist));
  fail_unless_equals_float (dist, 0.0);

  /* json is the MQTT payload */
  json = gst_structure_get_string (s, "json");
  fail_unless (json != NULL);
  fail_unless (json_parser_load_from_data (parser, json, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  fail_unless_equals_string (json_object_get_string_member (o, "type"),
      "match");
  fail_unless_equals_string (json_object_get_string_member (o, "camera_id"),
      "north-gate");
  fail_unless_equals_string (json_object_get_string_member (o, "event_id"),
      gst_structure_get_string (s, "event-id"));
  fail_unless_equals_float (json_object_get_double_member (o, "stream_time"),
      2.0);
  fail_unless_equals_string (json_object_get_string_member
      (json_object_get_object_member (o, "hotlist"), "list"), "stolen");
  fail_unless_equals_string (json_object_get_string_member
      (json_object_get_object_member (o, "plate"), "text"), "AB12CDE");

  g_object_unref (parser);
  free_matches (m);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_fuzzy_and_partial)
{
  GstHarness *h = make_harness (NULL, NULL);
  GList *m;
  gdouble dist;

  /* 8/B confusion: fuzzy at 0.5 */
  push (h, 0, "A812CDE", NULL);
  /* partial CD34?FG */
  push (h, GST_SECOND, "CD34XFG", NULL);
  /* the read misses, its second candidate is listed */
  push (h, 2 * GST_SECOND, "QQ11QQQ", "XY51ABC");
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 3);

  fail_unless_equals_string (gst_structure_get_string (m->data,
          "match-kind"), "fuzzy");
  fail_unless (gst_structure_get_double (m->data, "distance", &dist));
  fail_unless_equals_float (dist, 0.5);
  fail_unless_equals_string (gst_structure_get_string (m->data,
          "hotlist-plate"), "AB12CDE");
  fail_unless_equals_string (gst_structure_get_string (m->data,
          "matched-text"), "A812CDE");

  fail_unless_equals_string (gst_structure_get_string (m->next->data,
          "match-kind"), "partial");
  fail_unless_equals_string (gst_structure_get_string (m->next->data,
          "hotlist-plate"), "CD34?FG");

  fail_unless_equals_string (gst_structure_get_string (m->next->next->data,
          "match-kind"), "exact");
  fail_unless_equals_string (gst_structure_get_string (m->next->next->data,
          "matched-text"), "XY51ABC");
  fail_unless_equals_string (gst_structure_get_string (m->next->next->data,
          "plate"), "QQ11QQQ");
  free_matches (m);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_max_distance)
{
  GstHarness *h = make_harness ("max-distance", 0.0, NULL);
  GList *m;

  push (h, 0, "A812CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 0);

  g_object_set (h->element, "max-distance", 1.0, NULL);
  push (h, GST_SECOND, "A812CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  free_matches (m);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_no_match)
{
  GstHarness *h = make_harness (NULL, NULL);
  GstBuffer *buf;
  GList *m;

  push (h, 0, "ZZ99ZZZ", NULL);
  /* expired entry */
  push (h, GST_SECOND, "EF56GHJ", NULL);
  /* no meta, and a meta without a reading */
  push (h, 2 * GST_SECOND, NULL, NULL);
  buf = gst_buffer_new_allocate (NULL, 64 * 48, NULL);
  gst_buffer_add_anpr_plate_meta (buf, 1, 1, 10, 5, 0.5f);
  fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));

  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 0);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_two_plates_one_buffer)
{
  GstHarness *h = make_harness (NULL, NULL);
  GstBuffer *buf = plate_buffer (0, "AB12CDE", NULL);
  GList *m;

  add_plate (buf, "XY51ABC");
  fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 2);
  fail_unless_equals_string (gst_structure_get_string (m->next->data,
          "hotlist-list"), "wanted");
  free_matches (m);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_dedup)
{
  GstHarness *h = make_harness (NULL, NULL);
  GList *m;

  push (h, 0, "AB12CDE", NULL);
  /* the same vehicle in later frames, read slightly differently */
  push (h, 40 * GST_MSECOND, "AB12CDE", NULL);
  push (h, 10 * GST_SECOND, "A812CDE", NULL);
  /* a different vehicle alerts */
  push (h, 11 * GST_SECOND, "XY51ABC", NULL);
  /* still in view 50 s after its last sighting: suppressed (window slides) */
  push (h, 60 * GST_SECOND, "AB12CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 2);
  fail_unless_equals_string (gst_structure_get_string (m->data, "plate"),
      "AB12CDE");
  fail_unless_equals_string (gst_structure_get_string (m->next->data,
          "plate"), "XY51ABC");
  free_matches (m);

  /* gone for more than the window: a new pass, a new alert */
  push (h, 121 * GST_SECOND, "AB12CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  free_matches (m);

  /* 0 disables */
  g_object_set (h->element, "dedup-window", 0.0, NULL);
  push (h, 122 * GST_SECOND, "AB12CDE", NULL);
  push (h, 123 * GST_SECOND, "AB12CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 2);
  free_matches (m);
  gst_harness_teardown (h);
}

GST_END_TEST;

static Suite *
hotlistmatch_suite (void)
{
  Suite *s = suite_create ("hotlistmatch");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_exact_match);
  tcase_add_test (tc, test_fuzzy_and_partial);
  tcase_add_test (tc, test_max_distance);
  tcase_add_test (tc, test_no_match);
  tcase_add_test (tc, test_two_plates_one_buffer);
  tcase_add_test (tc, test_dedup);
  return s;
}

GST_CHECK_MAIN (hotlistmatch);
