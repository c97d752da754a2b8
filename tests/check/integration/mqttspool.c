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
 * spool-max-messages bounds what is on disk (more stay in memory, with a
 * warning), a restart with lower bounds drops the oldest and says how
 * many.  A spool that cannot be used (not writable, open to other users)
 * is refused with a warning and alerts go from memory; a spool file for a
 * topic that is not the camera's is set aside, never published.  Reads
 * (publish-reads) older than read-max-age are deleted unsent, in memory,
 * on disk and in a spool found at start; matches never are. */

#include <sys/stat.h>
#include <glib/gstdio.h>

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

/* The spool thread writes soon after a message is queued. */
static void
wait_spool_files (const gchar * dir, guint n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (count_spool_files (dir) != n && g_get_monotonic_time () < end)
    g_usleep (20 * 1000);
  fail_unless_equals_int (count_spool_files (dir), n);
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
  expect_matches_once_in_order (sub, ids, 5, 0.0, 60);
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

/* The next warning on @bus within @timeout_s says @part. */
static void
wait_warning (GstBus * bus, const gchar * part, gdouble timeout_s)
{
  GstMessage *msg = gst_bus_timed_pop_filtered (bus,
      timeout_s * GST_SECOND, GST_MESSAGE_WARNING);
  GError *err = NULL;

  fail_unless (msg != NULL, "no warning saying '%s'", part);
  gst_message_parse_warning (msg, &err, NULL);
  fail_unless (strstr (err->message, part) != NULL, "%s", err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
}

GST_START_TEST (test_spool_bounded)
{
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  gchar *spool = g_build_filename (anpr_broker_get_dir (broker), "spool",
      NULL);
  guint i;

  /* no broker at all: 3 on disk, 2 in memory only, said */
  h = make_harness ("dedup-window", 0.0, "spool-dir", spool,
      "spool-max-messages", 3, "flush-timeout", 0.2, NULL);
  gst_element_set_bus (h->element, bus);
  for (i = 0; i < 5; i++)
    push (h, i * GST_SECOND, "AB12CDE");
  expect_warning (bus, "spool");
  gst_harness_teardown (h);
  fail_unless_equals_int (count_spool_files (spool), 3);
  /* the two in memory only are lost at the stop, and counted */
  {
    GstMessage *msg;
    const GstStructure *details = NULL;
    guint count = 0;

    while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING))) {
      gst_message_parse_warning_details (msg, &details);
      if (details && gst_structure_has_name (details, "anpr-undelivered"))
        fail_unless (gst_structure_get_uint (details, "count", &count));
      gst_message_unref (msg);
      if (count)
        break;
    }
    fail_unless_equals_int (count, 2);
  }

  /* lowered further: the restart drops the oldest and says how many */
  h = make_harness_on_bus (bus, "spool-dir", spool, "spool-max-messages", 1,
      "flush-timeout", 0.2, NULL);
  expect_warning (bus, "dropped 2 ");
  gst_harness_teardown (h);
  fail_unless_equals_int (count_spool_files (spool), 1);

  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  g_free (spool);
}

GST_END_TEST;

/* The spool full while the broker is away: nothing that fits in memory
 * (queue-size) is lost. */
GST_START_TEST (test_spool_full_kept_in_memory)
{
  AnprSubscriber *sub;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  gchar *spool = g_build_filename (anpr_broker_get_dir (broker), "spool",
      NULL);
  guint i;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-spool-full", TRUE);
  anpr_broker_stop (broker, TRUE);

  h = make_harness_on_bus (bus, "dedup-window", 0.0, "spool-dir", spool,
      "spool-max-messages", 3, NULL);
  for (i = 0; i < 6; i++)
    push (h, i * GST_SECOND, "AB12CDE");
  expect_warning (bus, "spool");
  wait_spool_files (spool, 3);

  anpr_broker_start (broker);
  expect_matches_in_order (sub, 6, 0.0, 60);
  anpr_subscriber_expect_nothing (sub, 1.0, "anpr/" CAMERA "/match");
  gst_harness_teardown (h);
  fail_unless_equals_int (count_spool_files (spool), 0);

  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
  g_free (spool);
}

GST_END_TEST;

/* Starts the element with @spool against a running broker: the warning
 * says @why, and an alert still arrives, from memory. */
static void
check_spool_refused (const gchar * spool, const gchar * why)
{
  AnprSubscriber *sub = anpr_subscriber_new (broker, "test-spool-refused",
      FALSE);
  GstBus *bus = gst_bus_new ();
  GstHarness *h = make_harness_on_bus (bus, "spool-dir", spool, NULL);

  fail_unless (h != NULL);
  wait_warning (bus, why, 5);
  push (h, 0, "AB12CDE");
  expect_matches_in_order (sub, 1, 0.0, 10);
  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
}

GST_START_TEST (test_spool_unwritable)
{
  gchar *file = g_build_filename (anpr_broker_get_dir (broker), "a-file",
      NULL);
  gchar *spool = g_build_filename (file, "spool", NULL);

  /* a directory that cannot be made (its parent is a file): even as root */
  fail_unless (g_file_set_contents (file, "", 0, NULL));
  anpr_broker_start (broker);
  check_spool_refused (spool, "spool not used");
  anpr_broker_stop (broker, TRUE);
  g_free (spool);
  g_free (file);
}

GST_END_TEST;

GST_START_TEST (test_spool_open_to_others)
{
  gchar *spool = g_build_filename (anpr_broker_get_dir (broker), "open",
      NULL);
  gchar *fresh = g_build_filename (anpr_broker_get_dir (broker), "new",
      "spool", NULL);
  GstHarness *h;
  GStatBuf st;

  anpr_broker_start (broker);
  fail_unless (g_mkdir (spool, 0700) == 0);
  fail_unless (g_chmod (spool, 0777) == 0);
  check_spool_refused (spool, "writable by other users");
  fail_unless_equals_int (count_spool_files (spool), 0);
  fail_unless (g_chmod (spool, 0770) == 0);
  check_spool_refused (spool, "writable by other users");

  /* one made by the element is the user's alone */
  h = make_harness ("spool-dir", fresh, NULL);
  gst_harness_teardown (h);
  fail_unless (g_stat (fresh, &st) == 0);
  fail_unless_equals_int (st.st_mode & 0777, 0700);

  anpr_broker_stop (broker, TRUE);
  g_free (spool);
  g_free (fresh);
}

GST_END_TEST;

/* A file dropped in the spool for another camera's topic is not published
 * with this camera's credentials: set aside, said, kept. */
GST_START_TEST (test_spool_foreign_topic)
{
  AnprSubscriber *sub;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  gchar *spool = g_build_filename (anpr_broker_get_dir (broker), "spool",
      NULL);
  gchar *foreign = g_build_filename (spool,
      "00000000000000000001-x.msg", NULL);
  gchar *aside = g_strconcat (foreign, ".rejected", NULL);
  gchar *own = g_build_filename (spool, "00000000000000000002-y.msg", NULL);

  fail_unless (g_mkdir (spool, 0700) == 0);
  fail_unless (g_file_set_contents (foreign, "gst-anpr-spool 1\n1\n"
          "anpr/othercam/match\n{\"forged\":true}", -1, NULL));
  fail_unless (g_file_set_contents (own, "gst-anpr-spool 1\n1\n"
          "anpr/" CAMERA "/read\n{\"own\":true}", -1, NULL));
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-spool-foreign", FALSE);

  h = make_harness_on_bus (bus, "spool-dir", spool, NULL);
  wait_warning (bus, "anpr/othercam/match", 5);
  {
    AnprReceived *r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/read",
        10, TRUE);
    fail_unless_equals_string (r->payload, "{\"own\":true}");
    anpr_received_free (r);
  }
  anpr_subscriber_expect_nothing (sub, 1.5, "anpr/othercam/match");
  gst_harness_teardown (h);
  fail_if (g_file_test (foreign, G_FILE_TEST_EXISTS));
  fail_unless (g_file_test (aside, G_FILE_TEST_IS_REGULAR));

  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
  g_free (spool);
  g_free (foreign);
  g_free (aside);
  g_free (own);
}

GST_END_TEST;

/* The next INFO message on @bus within @timeout_s saying @part. */
static void
wait_info (GstBus * bus, const gchar * part, gdouble timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  gboolean seen = FALSE;

  while (!seen && g_get_monotonic_time () < end) {
    GstMessage *msg = gst_bus_timed_pop_filtered (bus, 100 * GST_MSECOND,
        GST_MESSAGE_INFO);
    GError *err = NULL;

    if (!msg)
      continue;
    gst_message_parse_info (msg, &err, NULL);
    seen = strstr (err->message, part) != NULL;
    g_clear_error (&err);
    gst_message_unref (msg);
  }
  fail_unless (seen, "no INFO message saying '%s'", part);
}

/* The retained status of CAMERA says @n reads expired. */
static void
expect_reads_expired (guint n)
{
  AnprSubscriber *sub = anpr_subscriber_new (broker, "test-status", FALSE);
  AnprReceived *r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/status", 10,
      TRUE);
  JsonParser *parser;
  JsonObject *o = parse_status (r->payload, "online", &parser);

  fail_unless_equals_int (json_object_get_int_member (o, "reads_expired"), n);
  g_object_unref (parser);
  anpr_received_free (r);
  anpr_subscriber_free (sub);
}

/* A long outage: the reads are deleted at read-max-age, from the spool
 * too; the match waits and is delivered; the status counts the reads. */
GST_START_TEST (test_spool_reads_expire)
{
  AnprSubscriber *sub;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  gchar *spool = g_build_filename (anpr_broker_get_dir (broker), "spool",
      NULL);

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-spool-expire", TRUE);
  anpr_broker_stop (broker, TRUE);

  h = make_harness_on_bus (bus, "dedup-window", 0.0, "spool-dir", spool,
      "publish-reads", TRUE, "read-max-age", 1, NULL);
  /* a listed vehicle (match and read), then one on no list (read) */
  push (h, 0, "AB12CDE");
  push (h, GST_SECOND, "ZZ99ZZZ");
  wait_spool_files (spool, 3);
  /* said, and within about two seconds only the match is left */
  wait_info (bus, "read-max-age", 5);
  wait_spool_files (spool, 1);

  anpr_broker_start (broker);
  expect_matches_in_order (sub, 1, 0.0, 30);
  anpr_subscriber_expect_nothing (sub, 1.5, "anpr/" CAMERA "/read");
  expect_reads_expired (2);
  gst_harness_teardown (h);
  fail_unless_equals_int (count_spool_files (spool), 0);

  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
  g_free (spool);
}

GST_END_TEST;

/* A spool found at start (the process was down for longer than the
 * reads may be kept): expired reads are deleted, not published, and
 * said; a read still in time and a match without an expiry are sent. */
GST_START_TEST (test_spool_expired_at_start)
{
  AnprSubscriber *sub;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  gchar *spool = g_build_filename (anpr_broker_get_dir (broker), "spool",
      NULL);
  gchar *stale = g_build_filename (spool, "00000000000000000001-a.msg",
      NULL);
  gchar *fresh = g_build_filename (spool, "00000000000000000002-b.msg",
      NULL);
  gchar *match = g_build_filename (spool, "00000000000000000003-c.msg",
      NULL);
  gchar *text;
  AnprReceived *r;

  fail_unless (g_mkdir (spool, 0700) == 0);
  text = g_strdup_printf ("gst-anpr-spool 2\n1\n%" G_GINT64_FORMAT "\n"
      "anpr/" CAMERA "/read\n{\"stale\":true}",
      g_get_real_time () - G_USEC_PER_SEC);
  fail_unless (g_file_set_contents (stale, text, -1, NULL));
  g_free (text);
  text = g_strdup_printf ("gst-anpr-spool 2\n1\n%" G_GINT64_FORMAT "\n"
      "anpr/" CAMERA "/read\n{\"fresh\":true}",
      g_get_real_time () + (gint64) 3600 * G_USEC_PER_SEC);
  fail_unless (g_file_set_contents (fresh, text, -1, NULL));
  g_free (text);
  fail_unless (g_file_set_contents (match, "gst-anpr-spool 2\n1\n0\n"
          "anpr/" CAMERA "/match\n{\"match\":true}", -1, NULL));
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-spool-stale", FALSE);

  h = make_harness_on_bus (bus, "spool-dir", spool, NULL);
  wait_info (bus, "deleted 1 message", 5);
  fail_if (g_file_test (stale, G_FILE_TEST_EXISTS));
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/read", 10, TRUE);
  fail_unless_equals_string (r->payload, "{\"fresh\":true}");
  anpr_received_free (r);
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match", 10, TRUE);
  fail_unless_equals_string (r->payload, "{\"match\":true}");
  anpr_received_free (r);
  anpr_subscriber_expect_nothing (sub, 1.0, "anpr/" CAMERA "/read");
  gst_harness_teardown (h);
  fail_unless_equals_int (count_spool_files (spool), 0);

  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
  g_free (spool);
  g_free (stale);
  g_free (fresh);
  g_free (match);
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
  tcase_add_test (tc, test_spool_full_kept_in_memory);
  tcase_add_test (tc, test_spool_unwritable);
  tcase_add_test (tc, test_spool_open_to_others);
  tcase_add_test (tc, test_spool_foreign_topic);
  tcase_add_test (tc, test_spool_reads_expire);
  tcase_add_test (tc, test_spool_expired_at_start);
  return s;
}

ANPR_CHECK_MAIN (mqttspool);
