/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* hotlistmatch's spool (spool-dir): alerts made while the broker is away
 * survive a restart of the element and are delivered once, in order;
 * spool-max-messages bounds it, dropping the oldest and saying how many. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "mqttcheck.h"

static guint
count_spool_files (const gchar * dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const gchar *name;
  guint n = 0;

  fail_unless (d != NULL);
  while ((name = g_dir_read_name (d)))
    n += g_str_has_suffix (name, ".msg");
  g_dir_close (d);
  return n;
}

GST_START_TEST (test_spool_across_restart)
{
  AnprSubscriber *sub;
  GstHarness *h;
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  gchar *spool = g_build_filename (anpr_broker_get_dir (broker), "spool",
      NULL);
  guint i;

  /* the subscriber's session exists; then the broker is away */
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-spool", TRUE);
  anpr_broker_stop (broker, TRUE);

  /* alerts while the broker is away, then the process "restarts" */
  h = make_harness ("dedup-window", 0.0, "spool-dir", spool, NULL);
  for (i = 0; i < 5; i++)
    push (h, i * GST_SECOND, i % 2 ? "XY51ABC" : "AB12CDE");
  gst_harness_teardown (h);
  fail_unless_equals_int (count_spool_files (spool), 5);

  /* a new element on the same spool, the broker back */
  anpr_broker_start (broker);
  h = make_harness ("dedup-window", 0.0, "spool-dir", spool, NULL);
  for (i = 0; i < 5; i++) {
    AnprReceived *r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match",
        60, TRUE);
    JsonParser *parser;
    JsonObject *o = anpr_check_event (r->payload, &parser);

    fail_unless_equals_float (json_object_get_double_member (o,
            "stream_time"), (gdouble) i);
    fail_unless (g_hash_table_add (ids,
            g_strdup (json_object_get_string_member (o, "event_id"))),
        "event_id twice");
    g_object_unref (parser);
    anpr_received_free (r);
  }
  anpr_subscriber_expect_nothing (sub, 1.5, "anpr/" CAMERA "/match");

  /* new alerts follow the spooled ones */
  push (h, 5 * GST_SECOND, "AB12CDE");
  expect_matches_in_order (sub, 1, 5.0, 10);
  gst_harness_teardown (h);
  /* everything acknowledged: nothing left on disk */
  fail_unless_equals_int (count_spool_files (spool), 0);

  anpr_subscriber_free (sub);
  anpr_broker_stop (broker, TRUE);
  g_hash_table_unref (ids);
  g_free (spool);
}

GST_END_TEST;

GST_START_TEST (test_spool_bounded)
{
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  gchar *spool = g_build_filename (anpr_broker_get_dir (broker), "spool",
      NULL);
  guint i;

  /* no broker at all */
  h = make_harness ("dedup-window", 0.0, "spool-dir", spool,
      "spool-max-messages", 3, NULL);
  gst_element_set_bus (h->element, bus);
  for (i = 0; i < 5; i++)
    push (h, i * GST_SECOND, "AB12CDE");
  expect_warning (bus, "dropped 1 ");
  gst_harness_teardown (h);
  fail_unless_equals_int (count_spool_files (spool), 3);

  /* lowered further: the restart drops the oldest and says how many */
  h = make_harness_on_bus (bus, "spool-dir", spool, "spool-max-messages", 1,
      NULL);
  expect_warning (bus, "dropped 2 ");
  gst_harness_teardown (h);
  fail_unless_equals_int (count_spool_files (spool), 1);

  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  g_free (spool);
}

GST_END_TEST;

static Suite *
mqttspool_suite (void)
{
  Suite *s = suite_create ("mqttspool");
  TCase *tc = tcase_create ("broker");

  suite_add_tcase (s, tc);
  if (anpr_check_skip_suite ("mqttspool",
          anpr_check_missing_programs ("mosquitto", NULL)))
    return s;
  tcase_set_timeout (tc, 240);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_spool_across_restart);
  tcase_add_test (tc, test_spool_bounded);
  return s;
}

ANPR_CHECK_MAIN (mqttspool);
