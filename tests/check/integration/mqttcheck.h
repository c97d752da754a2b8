/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* What the MQTT integration tests (mqtt.c, mqtttls.c, mqttspool.c) share:
 * a real mosquitto broker per test, made by the fixture (anprbroker.h: it
 * is always killed, however the test ends), the hotlist beside it, and
 * hotlistmatch in a harness publishing to it. */

#ifndef __MQTT_CHECK_H__
#define __MQTT_CHECK_H__

#include <string.h>
#include <gst/check/gstharness.h>
#include <gst/anpr/anpr.h>

#include "anprcheck.h"
#include "anprbroker.h"

/* a variable framerate: the tests push a frame now and then, which is not
 * a loss of frames (see test_status_health for that) */
#define CAPS "video/x-raw,format=GRAY8,width=64,height=48,framerate=0/1"
#define CAMERA "cam1"

static const gchar *hotlist_csv =
    "plate,list,reason,priority,action,expires,notes\n"
    "AB12CDE,stolen,\"Stolen 2026-11-01, burglary\",1,stop,2099-12-31,"
    "\"Blue \"\"Ford\"\" Focus\"\n"
    "XY51ABC,wanted,linked to burglaries,2,observe,,\n";

static AnprBroker *broker;
static gchar *hotlist_path;

/* ---- element ------------------------------------------------------------- */

/* @bus: (nullable): set on the element before it starts */
static inline GstHarness *
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

static inline GstHarness *
make_harness (const gchar * first_prop, ...)
{
  GstHarness *h;
  va_list args;

  va_start (args, first_prop);
  h = make_harness_valist (NULL, first_prop, args);
  va_end (args);
  return h;
}

static inline GstHarness *
make_harness_on_bus (GstBus * bus, const gchar * first_prop, ...)
{
  GstHarness *h;
  va_list args;

  va_start (args, first_prop);
  h = make_harness_valist (bus, first_prop, args);
  va_end (args);
  return h;
}

/* The next warning on @bus says @part (a drop count, say). */
static inline void
expect_warning (GstBus * bus, const gchar * part)
{
  GstMessage *msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  GError *err = NULL;

  fail_unless (msg != NULL, "no warning saying '%s'", part);
  gst_message_parse_warning (msg, &err, NULL);
  fail_unless (strstr (err->message, part) != NULL, "%s", err->message);
  g_clear_error (&err);
  gst_message_unref (msg);
}

/* @payload is the retained status JSON (docs/mqtt.md) of CAMERA in
 * @state; returns its object, owned by *@parser. */
static inline JsonObject *
parse_status (const gchar * payload, const gchar * state, JsonParser ** parser)
{
  JsonObject *o;

  *parser = json_parser_new ();
  fail_unless (json_parser_load_from_data (*parser, payload, -1, NULL),
      "status is not JSON: %s", payload);
  fail_unless (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (*parser)));
  o = json_node_get_object (json_parser_get_root (*parser));
  fail_unless_equals_string (json_object_get_string_member (o, "camera_id"),
      CAMERA);
  fail_unless_equals_string (json_object_get_string_member (o, "state"),
      state);
  return o;
}

static inline void
expect_status (const gchar * payload, const gchar * state)
{
  JsonParser *parser;

  parse_status (payload, state, &parser);
  g_object_unref (parser);
}

static inline void
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

static inline void
setup (void)
{
  anpr_check_fatal_log_domains ();
  broker = anpr_broker_new ();
  hotlist_path = g_build_filename (anpr_broker_get_dir (broker),
      "hotlist.csv", NULL);
  fail_unless (g_file_set_contents (hotlist_path, hotlist_csv, -1, NULL));
}

static inline void
teardown (void)
{
  g_clear_pointer (&broker, anpr_broker_free);
  g_clear_pointer (&hotlist_path, g_free);
}

/* Receives @n matches and checks they are the plates pushed at stream
 * times first_s, first_s + 1, ... in that order; with @ids, that none is
 * an event seen before (its event_id is added to @ids). */
static inline void
expect_matches_once_in_order (AnprSubscriber * sub, GHashTable * ids,
    guint n, gdouble first_s, gdouble timeout_s)
{
  guint i;

  for (i = 0; i < n; i++) {
    AnprReceived *r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match",
        timeout_s, TRUE);
    JsonParser *parser;
    JsonObject *o = anpr_check_event (r->payload, &parser);

    fail_unless_equals_float (json_object_get_double_member (o,
            "stream_time"), first_s + i);
    if (ids)
      fail_unless (g_hash_table_add (ids,
              g_strdup (json_object_get_string_member (o, "event_id"))),
          "event_id twice");
    g_object_unref (parser);
    anpr_received_free (r);
  }
}

static inline void
expect_matches_in_order (AnprSubscriber * sub, guint n, gdouble first_s,
    gdouble timeout_s)
{
  expect_matches_once_in_order (sub, NULL, n, first_s, timeout_s);
}

#endif
