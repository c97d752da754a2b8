/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* hotlistmatch against a real mosquitto broker on a free loopback port
 * (see anprbroker.h: the broker is always killed, however the test ends). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <gst/check/gstharness.h>
#include <gst/anpr/anpr.h>

#include "anprcheck.h"
#include "anprbroker.h"

#define CAPS "video/x-raw,format=GRAY8,width=64,height=48,framerate=25/1"
#define CAMERA "cam1"
#define TS_REGEX "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"

static const gchar *hotlist_csv =
    "plate,list,reason,priority,action,expires,notes\n"
    "AB12CDE,stolen,\"Stolen 2026-11-01, burglary\",1,stop,2099-12-31,"
    "\"Blue \"\"Ford\"\" Focus\"\n"
    "XY51ABC,wanted,linked to burglaries,2,observe,,\n";

static AnprBroker *broker;
static gchar *hotlist_path;

/* ---- element ------------------------------------------------------------- */

static GstHarness *
make_harness (const gchar * first_prop, ...)
{
  GstElement *e = gst_element_factory_make ("hotlistmatch", NULL);
  gchar *url = anpr_broker_get_url (broker);
  GstHarness *h;
  va_list args;

  fail_unless (e != NULL);
  g_object_set (e, "hotlist", hotlist_path, "mqtt-url", url, "camera-id",
      CAMERA, NULL);
  va_start (args, first_prop);
  if (first_prop)
    g_object_set_valist (G_OBJECT (e), first_prop, args);
  va_end (args);
  g_free (url);

  h = gst_harness_new_with_element (e, "sink", "src");
  gst_object_unref (e);
  gst_harness_set_src_caps_str (h, CAPS);
  gst_harness_play (h);
  return h;
}

static void
push (GstHarness * h, GstClockTime pts, const gchar * text)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, 64 * 48, NULL);
  GstAnprPlateMeta *meta = gst_buffer_add_anpr_plate_meta (buf, 8, 30, 40,
      10, 0.95f);
  GstAnprCandidate c;

  GST_BUFFER_PTS (buf) = pts;
  g_strlcpy (c.text, text, sizeof (c.text));
  c.confidence = 0.9f;
  gst_anpr_plate_meta_set_reading (meta, "gb", "gb-current", &c, 1, NULL);
  fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
}

static void
setup (void)
{
  anpr_check_fatal_log_domains ();
  broker = anpr_broker_new ();
  hotlist_path = g_build_filename (anpr_broker_get_dir (broker),
      "hotlist.csv", NULL);
  fail_unless (g_file_set_contents (hotlist_path, hotlist_csv, -1, NULL));
}

static void
teardown (void)
{
  g_clear_pointer (&broker, anpr_broker_free);
  g_clear_pointer (&hotlist_path, g_free);
}

/* ---- tests ----------------------------------------------------------------- */

GST_START_TEST (test_match_read_status)
{
  AnprSubscriber *sub, *late;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  AnprReceived *r;
  JsonParser *parser;
  JsonObject *o, *hl, *match, *plate;
  GstMessage *msg;
  const gchar *bus_json;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-sub", FALSE);

  h = make_harness ("publish-reads", TRUE, NULL);
  gst_element_set_bus (h->element, bus);

  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/status", 10, FALSE);
  fail_unless_equals_string (r->payload, "online");
  anpr_received_free (r);

  /* a listed plate: read and match; an unlisted one: read only */
  push (h, 5 * GST_SECOND, "AB12CDE");
  push (h, 6 * GST_SECOND, "ZZ99ZZZ");

  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match", 10, TRUE);
  GST_INFO ("match: %s", r->payload);
  o = anpr_check_event (r->payload, &parser);
  fail_unless_equals_string (json_object_get_string_member (o, "schema"),
      "gst-anpr.event");
  fail_unless_equals_string (json_object_get_string_member (o,
          "schema_version"), GST_ANPR_EVENT_SCHEMA_VERSION);
  fail_unless_equals_string (json_object_get_string_member (o, "type"),
      "match");
  fail_unless_equals_string (json_object_get_string_member (o, "camera_id"),
      CAMERA);
  fail_unless (g_regex_match_simple (TS_REGEX,
          json_object_get_string_member (o, "timestamp"), 0, 0));
  fail_unless_equals_float (json_object_get_double_member (o, "stream_time"),
      5.0);
  plate = json_object_get_object_member (o, "plate");
  fail_unless_equals_string (json_object_get_string_member (plate, "text"),
      "AB12CDE");
  hl = json_object_get_object_member (o, "hotlist");
  fail_unless_equals_string (json_object_get_string_member (hl, "plate"),
      "AB12CDE");
  fail_unless_equals_string (json_object_get_string_member (hl, "list"),
      "stolen");
  fail_unless_equals_string (json_object_get_string_member (hl, "reason"),
      "Stolen 2026-11-01, burglary");
  fail_unless_equals_int (json_object_get_int_member (hl, "priority"), 1);
  fail_unless_equals_string (json_object_get_string_member (hl, "action"),
      "stop");
  fail_unless_equals_string (json_object_get_string_member (hl, "notes"),
      "Blue \"Ford\" Focus");
  fail_unless_equals_string (json_object_get_string_member (hl, "source"),
      "hotlist.csv");
  match = json_object_get_object_member (o, "match");
  fail_unless_equals_string (json_object_get_string_member (match, "kind"),
      "exact");

  /* the bus message carries the same payload */
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT);
  fail_unless (msg != NULL);
  bus_json = gst_structure_get_string (gst_message_get_structure (msg),
      "json");
  fail_unless_equals_string (bus_json, r->payload);
  gst_message_unref (msg);
  g_object_unref (parser);
  anpr_received_free (r);

  /* reads: both vehicles, valid events of type read, on the read topic */
  {
    guint n_reads = 0;
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    /* the reads may have arrived before the match: look at all we have */
    while (n_reads < 2) {
      AnprReceived *rr = anpr_subscriber_pop (sub,
          (end - g_get_monotonic_time ()) / 1e6);
      fail_unless (rr != NULL, "only %u reads", n_reads);
      if (!strcmp (rr->topic, "anpr/" CAMERA "/read")) {
        o = anpr_check_event (rr->payload, &parser);
        fail_unless_equals_string (json_object_get_string_member (o, "type"),
            "read");
        fail_if (json_object_has_member (o, "hotlist"));
        n_reads++;
        g_object_unref (parser);
      }
      anpr_received_free (rr);
    }
  }

  /* a late subscriber gets the retained status */
  late = anpr_subscriber_new (broker, "test-late", FALSE);
  r = anpr_subscriber_expect (late, "anpr/" CAMERA "/status", 5, FALSE);
  fail_unless_equals_string (r->payload, "online");
  fail_unless (r->retain);
  anpr_received_free (r);
  anpr_subscriber_free (late);

  /* a clean stop leaves a retained "offline" */
  gst_harness_teardown (h);
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/status", 5, TRUE);
  fail_unless_equals_string (r->payload, "offline");
  anpr_received_free (r);
  late = anpr_subscriber_new (broker, "test-late2", FALSE);
  r = anpr_subscriber_expect (late, "anpr/" CAMERA "/status", 5, FALSE);
  fail_unless_equals_string (r->payload, "offline");
  fail_unless (r->retain);
  anpr_received_free (r);
  anpr_subscriber_free (late);

  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

/* Receives @n matches and checks they are the plates pushed at stream
 * times first_s, first_s + 1, ... in that order. */
static void
expect_matches_in_order (AnprSubscriber * sub, guint n, gdouble first_s,
    gdouble timeout_s)
{
  guint i;

  for (i = 0; i < n; i++) {
    AnprReceived *r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match",
        timeout_s, TRUE);
    JsonParser *parser;
    JsonObject *o = anpr_check_event (r->payload, &parser);

    fail_unless_equals_float (json_object_get_double_member (o,
            "stream_time"), first_s + i);
    g_object_unref (parser);
    anpr_received_free (r);
  }
}

GST_START_TEST (test_queued_while_broker_down)
{
  AnprSubscriber *sub;
  GstHarness *h;
  guint i;

  /* a persistent subscriber session, so the broker keeps what arrives for
   * it while it reconnects */
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-persistent", TRUE);

  h = make_harness ("dedup-window", 0.0, NULL);
  push (h, 0, "AB12CDE");
  expect_matches_in_order (sub, 1, 0.0, 10);

  /* the broker goes away; alerts keep coming */
  anpr_broker_stop (broker, TRUE);
  for (i = 1; i <= 5; i++)
    push (h, i * GST_SECOND, i % 2 ? "AB12CDE" : "XY51ABC");

  /* back: every alert arrives, oldest first, none twice */
  anpr_broker_start (broker);
  expect_matches_in_order (sub, 5, 1.0, 60);
  anpr_subscriber_expect_nothing (sub, 1.0, "anpr/" CAMERA "/match");

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

GST_START_TEST (test_element_before_broker)
{
  AnprSubscriber *sub;
  GstHarness *h;
  AnprReceived *r;
  guint i;

  /* make the subscriber's session, then take the broker down */
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-early", TRUE);
  anpr_broker_stop (broker, TRUE);

  /* the element starts with no broker: not an error, alerts queue */
  h = make_harness ("dedup-window", 0.0, NULL);
  for (i = 0; i < 4; i++)
    push (h, i * GST_SECOND, "XY51ABC");

  anpr_broker_start (broker);
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/status", 60, FALSE);
  fail_unless_equals_string (r->payload, "online");
  anpr_received_free (r);
  expect_matches_in_order (sub, 4, 0.0, 60);

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

GST_START_TEST (test_overflow_drops_oldest)
{
  AnprSubscriber *sub;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;
  guint i;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-overflow", TRUE);
  h = make_harness ("dedup-window", 0.0, "queue-size", 3, NULL);
  gst_element_set_bus (h->element, bus);
  push (h, 0, "AB12CDE");
  expect_matches_in_order (sub, 1, 0.0, 10);

  anpr_broker_stop (broker, TRUE);
  /* let the element notice */
  g_usleep (500 * 1000);
  for (i = 1; i <= 6; i++)
    push (h, i * GST_SECOND, "AB12CDE");

  /* the overflow is reported, with a count */
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (msg != NULL);
  gst_message_parse_warning (msg, &err, NULL);
  fail_unless (strstr (err->message, "dropped 1 ") != NULL, "%s",
      err->message);
  g_clear_error (&err);
  gst_message_unref (msg);

  /* the three newest survive, in order */
  anpr_broker_start (broker);
  expect_matches_in_order (sub, 3, 4.0, 60);
  anpr_subscriber_expect_nothing (sub, 1.0, "anpr/" CAMERA "/match");

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

GST_START_TEST (test_eos_flushes)
{
  AnprSubscriber *sub;
  GstHarness *h;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-eos", FALSE);
  h = make_harness (NULL, NULL);
  push (h, 0, "AB12CDE");
  /* stop right away: the alert still goes out */
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  gst_harness_teardown (h);
  expect_matches_in_order (sub, 1, 0.0, 5);
  anpr_subscriber_free (sub);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

static Suite *
mqtt_suite (void)
{
  Suite *s = suite_create ("mqtt");
  TCase *tc = tcase_create ("broker");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 240);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_match_read_status);
  tcase_add_test (tc, test_eos_flushes);
  tcase_add_test (tc, test_queued_while_broker_down);
  tcase_add_test (tc, test_element_before_broker);
  tcase_add_test (tc, test_overflow_drops_oldest);
  return s;
}

GST_CHECK_MAIN (mqtt);
