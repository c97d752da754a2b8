/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* hotlistmatch against a real mosquitto broker on a free loopback port:
 * what it publishes (matches, reads, its status, evidence pictures), each
 * event checked against docs/event.schema.json, and that it arrives: on
 * EOS, with the broker down or started late, and when the queue
 * overflows.  TLS and credentials are in mqtttls.c, the spool on disk in
 * mqttspool.c. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "mqttcheck.h"

#define TS_REGEX "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"

/* ---- delivery ------------------------------------------------------------ */

/* A subscriber that connects now is told @status, retained. */
static void
expect_retained_status (const gchar * client_id, const gchar * status)
{
  AnprSubscriber *late = anpr_subscriber_new (broker, client_id, FALSE);
  AnprReceived *r = anpr_subscriber_expect (late, "anpr/" CAMERA "/status",
      5, FALSE);

  expect_status (r->payload, status);
  fail_unless (r->retain);
  anpr_received_free (r);
  anpr_subscriber_free (late);
}

GST_START_TEST (test_match_read_status)
{
  AnprSubscriber *sub;
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
  o = parse_status (r->payload, "online", &parser);
  /* every field of docs/mqtt.md; nothing analysed yet */
  fail_unless_equals_int (json_object_get_int_member (o, "frames_analysed"),
      0);
  fail_unless_equals_int (json_object_get_int_member (o, "frames_dropped"),
      0);
  fail_unless (json_object_get_null_member (o, "last_read_age_s"));
  fail_unless_equals_int (json_object_get_int_member (o, "queue_depth"), 0);
  fail_unless_equals_int (json_object_get_int_member (o, "spool_depth"), 0);
  fail_unless (json_object_has_member (o, "fps"));
  /* no platedetect upstream: its counts are unknown */
  fail_unless (json_object_get_null_member (o, "frames_searched"));
  fail_unless (json_object_get_null_member (o, "frames_skipped"));
  fail_unless (g_regex_match_simple (TS_REGEX,
          json_object_get_string_member (o, "timestamp"), 0, 0));
  g_object_unref (parser);
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
  expect_retained_status ("test-late", "online");

  /* a clean stop leaves a retained "offline" */
  gst_harness_teardown (h);
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/status", 5, TRUE);
  fail_unless_equals_string (r->payload,
      "{\"camera_id\":\"" CAMERA "\",\"state\":\"offline\"}");
  anpr_received_free (r);
  expect_retained_status ("test-late2", "offline");

  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

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

  /* the broker goes away for 10 s mid-stream; alerts keep coming */
  anpr_broker_stop (broker, TRUE);
  for (i = 1; i <= 5; i++) {
    push (h, i * GST_SECOND, i % 2 ? "AB12CDE" : "XY51ABC");
    g_usleep (2 * G_USEC_PER_SEC);
  }

  /* back: every alert arrives, oldest first, none twice */
  anpr_broker_start (broker);
  expect_matches_in_order (sub, 5, 1.0, 60);
  anpr_subscriber_expect_nothing (sub, 1.0, "anpr/" CAMERA "/match");

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

/* Each kind of hit reaches dispatch through a real broker, saying how it
 * matched. */
GST_START_TEST (test_exact_fuzzy_partial_over_mqtt)
{
  static const struct
  {
    const gchar *read, *listed, *list, *kind;
    gdouble distance;
  } hits[] = {
    {"AB12CDE", "AB12CDE", "stolen", "exact", 0.0},
    /* one confusable substitution: the default budget */
    {"SN69GX0", "SN69GXO", "wanted", "fuzzy", 0.5},
    {"WR71ABC", "WR7?ABC", "witness", "partial", -1.0},
  };
  AnprSubscriber *sub;
  GstHarness *h;
  gchar *path;
  guint i;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-kinds", FALSE);
  path = g_build_filename (anpr_broker_get_dir (broker), "kinds.csv", NULL);
  fail_unless (g_file_set_contents (path,
          "plate,list,reason,priority,action\n"
          "AB12CDE,stolen,Stolen vehicle,1,stop\n"
          "SN69 GXO,wanted,Wanted: burglary,2,intercept\n"
          "WR7? ABC,witness,Witness partial plate,3,observe\n", -1, NULL));
  h = make_harness ("hotlist", path, "dedup-window", 0.0, NULL);
  for (i = 0; i < G_N_ELEMENTS (hits); i++)
    push (h, i * GST_SECOND, hits[i].read);
  push (h, 3 * GST_SECOND, "ZZ99ZZZ");  /* listed nowhere */

  for (i = 0; i < G_N_ELEMENTS (hits); i++) {
    AnprReceived *r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match",
        10, TRUE);
    JsonParser *parser;
    JsonObject *o = anpr_check_event (r->payload, &parser);
    JsonObject *plate = json_object_get_object_member (o, "plate");
    JsonObject *hl = json_object_get_object_member (o, "hotlist");
    JsonObject *m = json_object_get_object_member (o, "match");

    fail_unless_equals_string (json_object_get_string_member (plate, "text"),
        hits[i].read);
    fail_unless_equals_string (json_object_get_string_member (hl, "plate"),
        hits[i].listed);
    fail_unless_equals_string (json_object_get_string_member (hl, "list"),
        hits[i].list);
    fail_unless_equals_string (json_object_get_string_member (m, "kind"),
        hits[i].kind);
    if (hits[i].distance >= 0)
      fail_unless_equals_float (json_object_get_double_member (m, "distance"),
          hits[i].distance);
    g_object_unref (parser);
    anpr_received_free (r);
  }
  anpr_subscriber_expect_nothing (sub, 1.0, "anpr/" CAMERA "/match");

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  anpr_broker_stop (broker, TRUE);
  g_free (path);
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
  expect_status (r->payload, "online");
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
  expect_warning (bus, "dropped 1 ");

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

/* ---- health and failures ------------------------------------------------ */

/* Status messages until one in @state (NULL: any) that @check accepts
 * (NULL: any), within @timeout_s. */
static void
wait_status (AnprSubscriber * sub, const gchar * state,
    gboolean (*check) (JsonObject * o), gdouble timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  for (;;) {
    gdouble left = (end - g_get_monotonic_time ()) / 1e6;
    AnprReceived *r;
    JsonParser *parser;
    JsonObject *o;
    gboolean done;

    fail_unless (left > 0, "no status '%s'", state);
    r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/status", left, TRUE);
    GST_INFO ("status: %s", r->payload);
    parser = json_parser_new ();
    fail_unless (json_parser_load_from_data (parser, r->payload, -1, NULL));
    o = json_node_get_object (json_parser_get_root (parser));
    done = (!state ||
        !g_strcmp0 (json_object_get_string_member (o, "state"), state)) &&
        (!check || check (o));
    g_object_unref (parser);
    anpr_received_free (r);
    if (done)
      return;
  }
}

static void
push_frame (GstHarness * h, GstClockTime pts)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, 64 * 48, NULL);

  gst_buffer_memset (buf, 0, 0x80, 64 * 48);
  GST_BUFFER_PTS (buf) = pts;
  fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
}

static gboolean
ten_frames (JsonObject * o)
{
  return json_object_get_int_member (o, "frames_analysed") == 10 &&
      json_object_get_int_member (o, "frames_dropped") == 0 &&
      json_object_get_double_member (o, "fps") >= 0;
}

static gboolean
seven_dropped (JsonObject * o)
{
  return json_object_get_int_member (o, "frames_dropped") == 7;
}

static gboolean
read_seen (JsonObject * o)
{
  return !json_object_get_null_member (o, "last_read_age_s") &&
      json_object_get_double_member (o, "last_read_age_s") >= 0;
}

static gpointer
set_reconnecting (gpointer element)
{
  g_object_set (element, "source-state", 1, NULL);
  return NULL;
}

/* The retained status tells a camera that delivers frames from one that
 * has stalled or is being reconnected, and counts frames lost upstream. */
GST_START_TEST (test_status_health)
{
  AnprSubscriber *sub;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;
  gint source_state = -1;
  guint i;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-health", FALSE);
  h = make_harness_on_bus (bus, "status-interval", 1, "no-video-timeout",
      2.0, NULL);
  /* 25 frames a second from here: gaps in the timestamps are losses */
  gst_harness_set_src_caps_str (h, "video/x-raw,format=GRAY8,width=64,"
      "height=48,framerate=25/1");
  for (i = 0; i < 10; i++)
    push_frame (h, i * 40 * GST_MSECOND);
  /* (on a busy machine the connection may come after no-video-timeout) */
  wait_status (sub, NULL, ten_frames, 10);

  /* 5 frames missing: a warning at once; 2 more soon after: counted, but
   * not warned about again so soon */
  push_frame (h, 15 * 40 * GST_MSECOND);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (msg != NULL, "no warning about the lost frames");
  gst_message_parse_warning (msg, &err, NULL);
  fail_unless (strstr (err->message, "5 video frame(s) lost") != NULL, "%s",
      err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  push_frame (h, 18 * 40 * GST_MSECOND);
  fail_if (gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING) != NULL);
  /* (no-video may come first: the timeout is short) */
  wait_status (sub, NULL, seven_dropped, 5);

  /* no buffer for no-video-timeout: said without any buffer arriving */
  wait_status (sub, "no-video", NULL, 6);

  /* the application reconnects its source, from a thread of its own */
  g_thread_join (g_thread_new ("app", set_reconnecting, h->element));
  wait_status (sub, "reconnecting", NULL, 5);

  /* video again (with a plate read): live, online */
  push (h, 19 * 40 * GST_MSECOND, "ZZ99ZZZ");
  g_object_get (h->element, "source-state", &source_state, NULL);
  fail_unless_equals_int (source_state, 0);
  wait_status (sub, "online", read_seen, 5);

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

/* Nothing listens on the broker's port: one warning after a short grace,
 * not one per attempt; at EOS the undelivered alert is counted in a
 * warning an application can read; the broker's return is an INFO. */
GST_START_TEST (test_broker_unreachable_reported)
{
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;
  const GstStructure *details = NULL;
  guint count = 0;

  h = make_harness_on_bus (bus, "flush-timeout", 1.0, NULL);
  push (h, 0, "AB12CDE");

  msg = gst_bus_timed_pop_filtered (bus, 15 * GST_SECOND,
      GST_MESSAGE_WARNING);
  fail_unless (msg != NULL, "no warning about the unreachable broker");
  gst_message_parse_warning (msg, &err, NULL);
  fail_unless (strstr (err->message, "not reachable") != NULL, "%s",
      err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  /* once, not on every attempt */
  msg = gst_bus_timed_pop_filtered (bus, 4 * GST_SECOND, GST_MESSAGE_WARNING);
  fail_if (msg != NULL, "a second warning");

  /* EOS: waits flush-timeout, then says how many are lost */
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (msg != NULL, "no warning about the undelivered alert");
  gst_message_parse_warning_details (msg, &details);
  fail_unless (details != NULL);
  fail_unless (gst_structure_has_name (details, "anpr-undelivered"));
  fail_unless (gst_structure_get_uint (details, "count", &count));
  fail_unless_equals_int (count, 1);
  gst_message_unref (msg);

  /* the broker comes: said as an INFO */
  anpr_broker_start (broker);
  msg = gst_bus_timed_pop_filtered (bus, 40 * GST_SECOND, GST_MESSAGE_INFO);
  fail_unless (msg != NULL, "no info about the broker's return");
  gst_message_parse_info (msg, &err, NULL);
  fail_unless (strstr (err->message, "reachable again") != NULL, "%s",
      err->message);
  g_clear_error (&err);
  gst_message_unref (msg);

  gst_harness_teardown (h);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

/* The broker killed (SIGKILL) while alerts are published, then restarted:
 * every alert arrives, once, by event_id. */
GST_START_TEST (test_broker_killed)
{
  AnprSubscriber *sub;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  GHashTable *sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  GHashTable *got = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  GstMessage *msg;
  guint i;

  /* the subscriber's session on disk, so it outlives the SIGKILL */
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-killed", TRUE);
  anpr_broker_stop (broker, TRUE);
  anpr_broker_start (broker);

  h = make_harness_on_bus (bus, "dedup-window", 0.0, NULL);
  for (i = 0; i < 20; i++) {
    push (h, i * GST_SECOND, i % 2 ? "XY51ABC" : "AB12CDE");
    if (i == 9) {
      g_usleep (300 * 1000);
      anpr_broker_stop (broker, FALSE);
    } else if (i == 14) {
      anpr_broker_start (broker);
    }
    g_usleep (100 * 1000);
  }
  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    const GstStructure *st = gst_message_get_structure (msg);
    if (gst_structure_has_name (st, "anpr-match"))
      g_hash_table_add (sent, g_strdup (gst_structure_get_string (st,
                  "event-id")));
    gst_message_unref (msg);
  }
  fail_unless_equals_int (g_hash_table_size (sent), 20);

  while (g_hash_table_size (got) < 20) {
    AnprReceived *r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match",
        60, TRUE);
    JsonParser *parser;
    JsonObject *o = anpr_check_event (r->payload, &parser);
    const gchar *id = json_object_get_string_member (o, "event_id");

    fail_unless (g_hash_table_contains (sent, id), "unknown event %s", id);
    fail_unless (g_hash_table_add (got, g_strdup (id)), "event %s twice",
        id);
    g_object_unref (parser);
    anpr_received_free (r);
  }
  anpr_subscriber_expect_nothing (sub, 1.0, "anpr/" CAMERA "/match");

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  g_hash_table_unref (sent);
  g_hash_table_unref (got);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

/* A broker that wants a password the element does not have: a warning,
 * retries, and a clean stop. */
GST_START_TEST (test_bad_credentials)
{
  AnprBrokerOptions opts = { FALSE, FALSE, "camera1", "Right-Pa55", NULL };
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;

  anpr_broker_free (broker);
  g_free (hotlist_path);
  broker = anpr_broker_new_full (&opts);
  hotlist_path = g_build_filename (anpr_broker_get_dir (broker),
      "hotlist.csv", NULL);
  fail_unless (g_file_set_contents (hotlist_path, hotlist_csv, -1, NULL));
  anpr_broker_start (broker);

  g_setenv ("ANPR_MQTT_PASSWORD", "Wrong-Pa55", TRUE);
  h = make_harness_on_bus (bus, "mqtt-username", "camera1", "flush-timeout",
      0.5, NULL);
  g_unsetenv ("ANPR_MQTT_PASSWORD");
  push (h, 0, "AB12CDE");
  msg = gst_bus_timed_pop_filtered (bus, 10 * GST_SECOND,
      GST_MESSAGE_WARNING);
  fail_unless (msg != NULL, "no warning about the refused connection");
  gst_message_parse_warning (msg, &err, NULL);
  fail_unless (strstr (err->message, "refused") != NULL, "%s", err->message);
  fail_if (strstr (err->message, "Wrong-Pa55") != NULL);
  g_clear_error (&err);
  gst_message_unref (msg);
  /* retried (at 1 s, 2 s...) without another warning or a crash */
  g_usleep (3500 * 1000);
  gst_harness_teardown (h);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
}

GST_END_TEST;

/* ---- evidence ------------------------------------------------------------ */

/* Checks one picture of the evidence: a JPEG within @max_bytes of at most
 * @w x @h pixels showing @box. */
static void
check_picture (JsonObject * pic, guint max_bytes, gint x, gint y, gint w,
    gint h)
{
  JsonObject *box = json_object_get_object_member (pic, "box");
  guchar *jpeg;
  gsize len = 0;

  jpeg = g_base64_decode (json_object_get_string_member (pic,
          "jpeg_base64"), &len);
  fail_unless (len > 4);
  fail_unless (len <= max_bytes, "JPEG of %" G_GSIZE_FORMAT " bytes", len);
  fail_unless (jpeg[0] == 0xff && jpeg[1] == 0xd8, "not a JPEG");
  fail_unless (jpeg[len - 2] == 0xff && jpeg[len - 1] == 0xd9);
  fail_unless_equals_int (json_object_get_int_member (box, "x"), x);
  fail_unless_equals_int (json_object_get_int_member (box, "y"), y);
  fail_unless_equals_int (json_object_get_int_member (box, "width"), w);
  fail_unless_equals_int (json_object_get_int_member (box, "height"), h);
  fail_unless (json_object_get_int_member (pic, "width") <= w);
  fail_unless (json_object_get_int_member (pic, "height") <= h);
  g_free (jpeg);
}

GST_START_TEST (test_evidence)
{
  AnprSubscriber *sub;
  GstHarness *h;
  AnprReceived *r;
  JsonParser *parser;
  JsonObject *o, *ev;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-evidence", FALSE);

  /* the default: no pictures */
  h = make_harness (NULL, NULL);
  push (h, 0, "AB12CDE");
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match", 10, TRUE);
  o = anpr_check_event (r->payload, &parser);
  fail_if (json_object_has_member (o, "evidence"));
  g_object_unref (parser);
  anpr_received_free (r);
  gst_harness_teardown (h);

  /* crop and frame, the frame only fits at a lower quality or size */
  h = make_harness ("evidence-max-bytes", 1024, NULL);
  gst_util_set_object_arg (G_OBJECT (h->element), "evidence", "crop+frame");
  push (h, 0, "AB12CDE");
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match", 10, TRUE);
  o = anpr_check_event (r->payload, &parser);
  ev = json_object_get_object_member (o, "evidence");
  fail_unless (ev != NULL);
  check_picture (json_object_get_object_member (ev, "crop"), 1024, 8, 30, 40,
      10);
  check_picture (json_object_get_object_member (ev, "frame"), 1024, 0, 0,
      64, 48);
  g_object_unref (parser);
  anpr_received_free (r);

  /* reads never carry pictures */
  g_object_set (h->element, "publish-reads", TRUE, NULL);
  push (h, 100 * GST_SECOND, "ZZ99ZZZ");
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/read", 10, TRUE);
  o = anpr_check_event (r->payload, &parser);
  fail_if (json_object_has_member (o, "evidence"));
  g_object_unref (parser);
  anpr_received_free (r);

  gst_harness_teardown (h);
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
  if (anpr_check_skip_suite ("mqtt", anpr_check_missing_programs ("mosquitto", NULL)))
    return s;
  tcase_set_timeout (tc, 240);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_match_read_status);
  tcase_add_test (tc, test_eos_flushes);
  tcase_add_test (tc, test_queued_while_broker_down);
  tcase_add_test (tc, test_exact_fuzzy_partial_over_mqtt);
  tcase_add_test (tc, test_element_before_broker);
  tcase_add_test (tc, test_overflow_drops_oldest);
  tcase_add_test (tc, test_evidence);
  tcase_add_test (tc, test_status_health);
  tcase_add_test (tc, test_broker_unreachable_reported);
  tcase_add_test (tc, test_broker_killed);
  tcase_add_test (tc, test_bad_credentials);
  return s;
}

ANPR_CHECK_MAIN (mqtt);
