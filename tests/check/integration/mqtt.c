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

/* @bus: (nullable): set on the element before it starts */
static GstHarness *
make_harness_valist (GstBus * bus, const gchar * first_prop, va_list args)
{
  GstElement *e = gst_element_factory_make ("hotlistmatch", NULL);
  gchar *url = anpr_broker_get_url (broker);
  GstHarness *h;

  fail_unless (e != NULL);
  g_object_set (e, "hotlist", hotlist_path, "mqtt-url", url, "camera-id",
      CAMERA, NULL);
  if (first_prop)
    g_object_set_valist (G_OBJECT (e), first_prop, args);
  g_free (url);
  if (bus)
    gst_element_set_bus (e, bus);

  h = gst_harness_new_with_element (e, "sink", "src");
  gst_object_unref (e);
  gst_harness_set_src_caps_str (h, CAPS);
  gst_harness_play (h);
  return h;
}

static GstHarness *
make_harness (const gchar * first_prop, ...)
{
  GstHarness *h;
  va_list args;

  va_start (args, first_prop);
  h = make_harness_valist (NULL, first_prop, args);
  va_end (args);
  return h;
}

static GstHarness *
make_harness_on_bus (GstBus * bus, const gchar * first_prop, ...)
{
  GstHarness *h;
  va_list args;

  va_start (args, first_prop);
  h = make_harness_valist (bus, first_prop, args);
  va_end (args);
  return h;
}

static void
push (GstHarness * h, GstClockTime pts, const gchar * text)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, 64 * 48, NULL);
  GstAnprPlateMeta *meta = gst_buffer_add_anpr_plate_meta (buf, 8, 30, 40,
      10, 0.95f);
  GstAnprCandidate c;
  GstMapInfo map;
  guint i;

  /* busy pixels: a JPEG of them is not tiny */
  fail_unless (gst_buffer_map (buf, &map, GST_MAP_WRITE));
  for (i = 0; i < map.size; i++)
    map.data[i] = (guint8) ((i * 2654435761u) >> 24);
  gst_buffer_unmap (buf, &map);

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

/* A subscriber that connects now is told @status, retained. */
static void
expect_retained_status (const gchar * client_id, const gchar * status)
{
  AnprSubscriber *late = anpr_subscriber_new (broker, client_id, FALSE);
  AnprReceived *r = anpr_subscriber_expect (late, "anpr/" CAMERA "/status",
      5, FALSE);

  fail_unless_equals_string (r->payload, status);
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
  expect_retained_status ("test-late", "online");

  /* a clean stop leaves a retained "offline" */
  gst_harness_teardown (h);
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/status", 5, TRUE);
  fail_unless_equals_string (r->payload, "offline");
  anpr_received_free (r);
  expect_retained_status ("test-late2", "offline");

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
    /* two confusable substitutions, 0.5 each */
    {"5N69GX0", "SN69GXO", "wanted", "fuzzy", 1.0},
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

/* ---- TLS and credentials ---------------------------------------------------- */

#define TLS_USER "camera1"
#define TLS_PASSWORD "Tls-Pa55-7f3a"
#define WRONG_PASSWORD "Wrong-Pa55-91c2"

/* Replaces the fixture's broker by one made with @opts. */
static void
use_broker (const AnprBrokerOptions * opts)
{
  anpr_broker_free (broker);
  g_free (hotlist_path);
  broker = anpr_broker_new_full (opts);
  hotlist_path = g_build_filename (anpr_broker_get_dir (broker),
      "hotlist.csv", NULL);
  fail_unless (g_file_set_contents (hotlist_path, hotlist_csv, -1, NULL));
}

static gchar *
write_password_file (const gchar * name, const gchar * password)
{
  gchar *path = g_build_filename (anpr_broker_get_dir (broker), name, NULL);
  gchar *text = g_strdup_printf ("%s\n", password);

  fail_unless (g_file_set_contents (path, text, -1, NULL));
  g_free (text);
  return path;
}

/* @bus: (nullable): set on the element before it starts */
static GstHarness *
make_tls_harness (GstBus * bus, const gchar * pwfile)
{
  gchar *ca = g_strdup (anpr_broker_get_tls_file (broker, "ca.crt"));
  gchar *crt = g_strdup (anpr_broker_get_tls_file (broker, "client.crt"));
  gchar *key = g_strdup (anpr_broker_get_tls_file (broker, "client.key"));
  GstHarness *h = make_harness_on_bus (bus, "mqtt-ca-file", ca, "mqtt-cert-file", crt,
      "mqtt-key-file", key, "mqtt-username", TLS_USER,
      "mqtt-password-file", pwfile, "mqtt-keepalive", 10, NULL);

  g_free (ca);
  g_free (crt);
  g_free (key);
  return h;
}

GST_START_TEST (test_tls_with_credentials)
{
  AnprBrokerOptions opts = { TRUE, TRUE, TLS_USER, TLS_PASSWORD };
  AnprSubscriber *sub;
  GstHarness *h;
  AnprReceived *r;
  JsonParser *parser;
  JsonObject *o;
  gchar *url, *pwfile;
  guint keepalive = 0;

  use_broker (&opts);
  url = anpr_broker_get_url (broker);
  fail_unless (g_str_has_prefix (url, "mqtts://"));
  g_free (url);
  pwfile = write_password_file ("camera1.pw", TLS_PASSWORD);
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-tls", FALSE);

  h = make_tls_harness (NULL, pwfile);
  g_object_get (h->element, "mqtt-keepalive", &keepalive, NULL);
  fail_unless_equals_int (keepalive, 10);
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/status", 10, FALSE);
  fail_unless_equals_string (r->payload, "online");
  anpr_received_free (r);

  push (h, 2 * GST_SECOND, "AB12CDE");
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match", 10, TRUE);
  o = anpr_check_event (r->payload, &parser);
  fail_unless_equals_string (json_object_get_string_member
      (json_object_get_object_member (o, "plate"), "text"), "AB12CDE");
  g_object_unref (parser);
  anpr_received_free (r);

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  anpr_broker_stop (broker, TRUE);
  g_free (pwfile);
}

GST_END_TEST;

static GMutex log_lock;
static GString *log_text;

static void
capture_log (GstDebugCategory * category, GstDebugLevel level,
    const gchar * file, const gchar * function, gint line, GObject * object,
    GstDebugMessage * message, gpointer user_data)
{
  const gchar *text = gst_debug_message_get (message);

  g_mutex_lock (&log_lock);
  if (log_text && text) {
    g_string_append (log_text, text);
    g_string_append_c (log_text, '\n');
  }
  g_mutex_unlock (&log_lock);
}

GST_START_TEST (test_tls_wrong_password)
{
  AnprBrokerOptions opts = { TRUE, TRUE, TLS_USER, TLS_PASSWORD };
  AnprSubscriber *sub;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;
  gchar *dbg = NULL, *pwfile;
  gboolean refused = FALSE;

  use_broker (&opts);
  pwfile = write_password_file ("wrong.pw", WRONG_PASSWORD);
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-tls-wrong", FALSE);

  /* everything the element and the MQTT client log, down to LOG level */
  log_text = g_string_new (NULL);
  gst_debug_add_log_function (capture_log, NULL, NULL);
  gst_debug_set_threshold_for_name ("hotlistmatch", GST_LEVEL_LOG);
  gst_debug_set_threshold_for_name ("mqttpublisher", GST_LEVEL_LOG);

  h = make_tls_harness (bus, pwfile);
  push (h, 0, "AB12CDE");

  /* refused, said once on the bus, without the password */
  while (!refused && (msg = gst_bus_timed_pop_filtered (bus,
              10 * GST_SECOND, GST_MESSAGE_WARNING))) {
    gst_message_parse_warning (msg, &err, &dbg);
    GST_INFO ("warning: %s (%s)", err->message, GST_STR_NULL (dbg));
    refused = strstr (err->message, "refused") != NULL;
    fail_if (strstr (err->message, WRONG_PASSWORD) != NULL);
    fail_if (dbg && strstr (dbg, WRONG_PASSWORD) != NULL);
    g_clear_error (&err);
    g_free (dbg);
    gst_message_unref (msg);
  }
  fail_unless (refused, "no warning about the refused connection");
  anpr_subscriber_expect_nothing (sub, 1.5, "anpr/" CAMERA "/match");

  gst_harness_teardown (h);
  gst_debug_remove_log_function (capture_log);
  gst_debug_set_threshold_for_name ("hotlistmatch", GST_LEVEL_WARNING);
  gst_debug_set_threshold_for_name ("mqttpublisher", GST_LEVEL_WARNING);
  g_mutex_lock (&log_lock);
  fail_unless (strstr (log_text->str, "refused") != NULL, "log: %s",
      log_text->str);
  fail_if (strstr (log_text->str, WRONG_PASSWORD) != NULL);
  fail_if (strstr (log_text->str, TLS_PASSWORD) != NULL);
  g_string_free (log_text, TRUE);
  log_text = NULL;
  g_mutex_unlock (&log_lock);

  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
  g_free (pwfile);
}

GST_END_TEST;

/* ---- evidence ---------------------------------------------------------------- */

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

/* ---- spool ------------------------------------------------------------------- */

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
  GstMessage *msg;
  GError *err = NULL;
  gchar *spool = g_build_filename (anpr_broker_get_dir (broker), "spool",
      NULL);
  guint i;

  /* no broker at all */
  h = make_harness ("dedup-window", 0.0, "spool-dir", spool,
      "spool-max-messages", 3, NULL);
  gst_element_set_bus (h->element, bus);
  for (i = 0; i < 5; i++)
    push (h, i * GST_SECOND, "AB12CDE");
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (msg != NULL);
  gst_message_parse_warning (msg, &err, NULL);
  fail_unless (strstr (err->message, "dropped 1 ") != NULL, "%s",
      err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  gst_harness_teardown (h);
  fail_unless_equals_int (count_spool_files (spool), 3);

  /* lowered further: the restart drops the oldest and says how many */
  h = make_harness_on_bus (bus, "spool-dir", spool, "spool-max-messages", 1,
      NULL);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (msg != NULL);
  gst_message_parse_warning (msg, &err, NULL);
  fail_unless (strstr (err->message, "dropped 2 ") != NULL, "%s",
      err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
  gst_harness_teardown (h);
  fail_unless_equals_int (count_spool_files (spool), 1);

  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  g_free (spool);
}

GST_END_TEST;

static Suite *
mqtt_suite (void)
{
  Suite *s = suite_create ("mqtt");
  TCase *tc = tcase_create ("broker");

  suite_add_tcase (s, tc);
  if (anpr_check_skip_suite ("mqtt", anpr_check_missing_program ("mosquitto")))
    return s;
  tcase_set_timeout (tc, 240);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_match_read_status);
  tcase_add_test (tc, test_eos_flushes);
  tcase_add_test (tc, test_queued_while_broker_down);
  tcase_add_test (tc, test_exact_fuzzy_partial_over_mqtt);
  tcase_add_test (tc, test_element_before_broker);
  tcase_add_test (tc, test_overflow_drops_oldest);
  tcase_add_test (tc, test_tls_with_credentials);
  tcase_add_test (tc, test_tls_wrong_password);
  tcase_add_test (tc, test_spool_across_restart);
  tcase_add_test (tc, test_spool_bounded);
  tcase_add_test (tc, test_evidence);
  return s;
}

ANPR_CHECK_MAIN (mqtt);
