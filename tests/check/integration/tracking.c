/* gst-anpr: traffic, not stills.
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The generated traffic video (anpr-synth video --scenario traffic: speeds,
 * sizes, both directions, overtaking, a bus hiding a car, two abreast, a
 * burnt-in clock) through platedetect ! plateocr ! hotlistmatch, with a
 * real mosquitto: one read event per vehicle, the right text and direction,
 * one match per listed vehicle, none for decoys, the evidence from the best
 * frame; the same from a real RTSP camera; a car parked two minutes alerts
 * once. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "anprbroker.h"
#include "anprcheck.h"
#include "rtspcamera.h"

typedef struct
{
  gchar *plate;
  gchar *direction;
  gchar *kind;
  gint first, last, best_h;
  gint occluded_from, occluded_to;
} Vehicle;

typedef struct
{
  GPtrArray *vehicles;          /* Vehicle */
  GHashTable *listed;           /* normalised listed plate -> TRUE */
  GHashTable *decoys;           /* plate -> kind */
  gint fps;
} Truth;

typedef struct
{
  GPtrArray *reads;             /* JsonObject (owned by parsers) */
  GPtrArray *matches;
  GPtrArray *parsers;
} Events;

static void
vehicle_free (gpointer p)
{
  Vehicle *v = p;

  g_free (v->plate);
  g_free (v->direction);
  g_free (v->kind);
  g_free (v);
}

/* The truth TSV (with its .decoys) and the hotlist anpr-synth wrote. */
static Truth *
truth_load (const gchar * truth, const gchar * hotlist, gint fps)
{
  Truth *t = g_new0 (Truth, 1);
  gchar *text = NULL, *decoys_path;
  gchar **lines;
  guint i;

  t->fps = fps;
  t->vehicles = g_ptr_array_new_with_free_func (vehicle_free);
  t->listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->decoys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  fail_unless (g_file_get_contents (truth, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (i = 1; lines[i]; i++) {
    gchar **f = g_strsplit (lines[i], "\t", -1);

    if (g_strv_length (f) >= 15) {
      Vehicle *v = g_new0 (Vehicle, 1);
      v->plate = g_strdup (f[0]);
      v->first = atoi (f[1]);
      v->last = atoi (f[2]);
      v->direction = g_strdup (f[5]);
      v->best_h = atoi (f[10]);
      v->kind = g_strdup (f[11]);
      v->occluded_from = atoi (f[13]);
      v->occluded_to = atoi (f[14]);
      g_ptr_array_add (t->vehicles, v);
    }
    g_strfreev (f);
  }
  g_strfreev (lines);
  g_free (text);

  fail_unless (g_file_get_contents (hotlist, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (i = 1; lines[i]; i++) {
    gchar **f = g_strsplit (lines[i], ",", 2);
    gchar norm[64];

    if (f[0] && *f[0]) {
      gst_anpr_plate_normalise (f[0], norm, sizeof (norm));
      g_hash_table_add (t->listed, g_strdup (norm));
    }
    g_strfreev (f);
  }
  g_strfreev (lines);
  g_free (text);

  decoys_path = g_strconcat (truth, ".decoys", NULL);
  if (g_file_get_contents (decoys_path, &text, NULL, NULL)) {
    lines = g_strsplit (text, "\n", -1);
    for (i = 0; lines[i]; i++) {
      gchar **f = g_strsplit (lines[i], "\t", 2);
      if (f[0] && *f[0] && f[1])
        g_hash_table_insert (t->decoys, g_strdup (f[0]), g_strdup (f[1]));
      g_strfreev (f);
    }
    g_strfreev (lines);
    g_free (text);
  }
  g_free (decoys_path);
  fail_unless (t->vehicles->len > 0, "no vehicle in %s", truth);
  return t;
}

static void
truth_free (Truth * t)
{
  g_ptr_array_unref (t->vehicles);
  g_hash_table_unref (t->listed);
  g_hash_table_unref (t->decoys);
  g_free (t);
}

static void
events_free (Events * e)
{
  g_ptr_array_unref (e->reads);
  g_ptr_array_unref (e->matches);
  g_ptr_array_unref (e->parsers);
  g_free (e);
}

static JsonObject *
member (JsonObject * o, const gchar * a)
{
  return json_object_get_object_member (o, a);
}

static const gchar *
plate_text (JsonObject * ev)
{
  return json_object_get_string_member (member (ev, "plate"), "text");
}

static const Vehicle *
find_vehicle (const Truth * t, const gchar * plate)
{
  guint i;

  for (i = 0; i < t->vehicles->len; i++) {
    const Vehicle *v = g_ptr_array_index (t->vehicles, i);
    if (strcmp (v->plate, plate) == 0)
      return v;
  }
  return NULL;
}

/* Runs @launch (its hotlistmatch named "match") to EOS, or for
 * @timeout_s, and gathers what the broker received. */
static Events *
run_pipeline (AnprBroker * broker, const gchar * launch, const gchar * hotlist,
    gdouble timeout_s, GArray * latencies)
{
  AnprSubscriber *sub = anpr_subscriber_new (broker, "tracking-test", FALSE);
  Events *e = g_new0 (Events, 1);
  GstElement *pipe = anpr_check_parse_launch (launch);
  GstElement *match = gst_bin_get_by_name (GST_BIN (pipe), "match");
  gchar *url = anpr_broker_get_url (broker);
  GstBus *bus = gst_element_get_bus (pipe);
  GstMessage *msg;
  AnprReceived *r;

  e->reads = g_ptr_array_new ();
  e->matches = g_ptr_array_new ();
  e->parsers = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_set (match, "hotlist", hotlist, "mqtt-url", url, NULL);
  fail_if (gst_element_set_state (pipe, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_timed_pop_filtered (bus,
      (GstClockTime) (timeout_s * GST_SECOND),
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (msg != NULL, "no EOS within %.0f s", timeout_s);
  fail_unless (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS, "pipeline error");
  gst_message_unref (msg);
  gst_element_set_state (pipe, GST_STATE_NULL);

  /* EOS waited for the broker's acknowledgements: everything is there */
  while ((r = anpr_subscriber_pop (sub, 2.0))) {
    JsonParser *p = NULL;
    JsonObject *o;

    if (g_str_has_suffix (r->topic, "/status")) {
      anpr_received_free (r);
      continue;
    }
    o = anpr_check_event (r->payload, &p);
    g_ptr_array_add (e->parsers, p);
    if (g_str_has_suffix (r->topic, "/read"))
      g_ptr_array_add (e->reads, o);
    else if (g_str_has_suffix (r->topic, "/match"))
      g_ptr_array_add (e->matches, o);
    anpr_received_free (r);
  }

  g_free (url);
  gst_object_unref (bus);
  gst_object_unref (match);
  gst_object_unref (pipe);
  anpr_subscriber_free (sub);
  return e;
}

/* Every check the issue sets, on @e against @t. */
static void
check_events (const Truth * t, Events * e)
{
  guint i, right = 0, listed_seen = 0;
  GHashTable *matched = g_hash_table_new (g_str_hash, g_str_equal);

  for (i = 0; i < e->reads->len; i++) {
    JsonObject *ev = g_ptr_array_index (e->reads, i);
    JsonObject *veh = member (ev, "vehicle");
    const Vehicle *v = find_vehicle (t, plate_text (ev));

    g_print ("read %s %s %s (%s)\n", plate_text (ev),
        json_object_get_string_member (veh, "direction"),
        json_object_get_string_member_with_default (veh, "passage", "-"),
        json_object_get_string_member (veh, "decided"));
    fail_unless (veh != NULL, "a read without its vehicle");
    if (!v)
      continue;
    right++;
    /* the right direction, and the passage it gives with entering=towards */
    fail_unless_equals_string (json_object_get_string_member (veh,
            "direction"), v->direction);
    fail_unless_equals_string (json_object_get_string_member (veh,
            "passage"), strcmp (v->direction, "towards") == 0 ? "entering" :
        "leaving");
    /* one track across the bus that hid it */
    if (v->occluded_from >= 0) {
      gdouble first = json_object_get_double_member (veh, "first_pts");
      gdouble last = json_object_get_double_member (veh, "last_pts");
      fail_unless (first * t->fps <= v->occluded_from + 1 &&
          last * t->fps >= v->occluded_to - 1, "%s: track %.2f-%.2f s does "
          "not span its occlusion (frames %d-%d)", v->plate, first, last,
          v->occluded_from, v->occluded_to);
    }
  }
  /* N vehicles, N reads, at least 98% of them right */
  fail_unless_equals_int (e->reads->len, t->vehicles->len);
  fail_unless (right * 100 >= 98 * t->vehicles->len, "%u of %u read right",
      right, t->vehicles->len);

  for (i = 0; i < e->matches->len; i++) {
    JsonObject *ev = g_ptr_array_index (e->matches, i);
    const gchar *listed = json_object_get_string_member (member (ev,
            "hotlist"), "plate");
    JsonObject *crop;
    const Vehicle *v = find_vehicle (t, listed);

    g_print ("match %s listed %s (%s)\n", plate_text (ev), listed,
        json_object_get_string_member (member (ev, "match"), "kind"));
    fail_if (g_hash_table_contains (t->decoys, listed), "decoy %s (%s) "
        "alerted on %s", listed, (gchar *) g_hash_table_lookup (t->decoys,
            listed), plate_text (ev));
    fail_unless (v != NULL, "%s alerted, no such vehicle", listed);
    fail_if (g_hash_table_contains (matched, listed), "%s alerted twice",
        listed);
    g_hash_table_add (matched, (gpointer) listed);
    fail_unless_equals_string (plate_text (ev), listed);
    /* the crop is the best frame's: about the largest sighting's size.
     * Heights: the detector may box a short plate's characters rather
     * than its whole width, a plate's height it boxes whole */
    crop = member (member (ev, "evidence"), "crop");
    fail_unless (crop != NULL);
    {
      gint h = json_object_get_int_member (member (crop, "box"), "height");
      fail_unless (h >= 0.8 * v->best_h && h <= 1.3 * v->best_h,
          "%s: evidence %d px high, largest sighting %d", listed, h,
          v->best_h);
    }
  }
  for (i = 0; i < t->vehicles->len; i++) {
    const Vehicle *v = g_ptr_array_index (t->vehicles, i);
    if (g_hash_table_contains (t->listed, v->plate)) {
      listed_seen++;
      fail_unless (g_hash_table_contains (matched, v->plate),
          "listed %s passed without an alert", v->plate);
    }
  }
  fail_unless (listed_seen > 0);
  fail_unless_equals_int (g_hash_table_size (matched), listed_seen);
  g_hash_table_unref (matched);
}

#define ELEMENTS "platedetect ! plateocr region=gb ! hotlistmatch name=match " \
  "camera-id=tracking publish-reads=true entering=towards evidence=crop " \
  "flush-timeout=10 ! fakesink sync=false"

static gchar *
file_launch (const gchar * video)
{
  gchar *loc = g_strescape (video, NULL);
  gchar *l = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! "
      ELEMENTS, loc);

  g_free (loc);
  return l;
}

GST_START_TEST (test_vehicles_from_file)
{
  const gchar *video = g_getenv ("ANPR_TRAFFIC_VIDEO");
  Truth *t = truth_load (g_getenv ("ANPR_TRAFFIC_TRUTH"),
      g_getenv ("ANPR_TRAFFIC_HOTLIST"), 25);
  AnprBroker *b = anpr_broker_new ();
  gchar *launch = file_launch (video);
  Events *e;

  anpr_broker_start (b);
  e = run_pipeline (b, launch, g_getenv ("ANPR_TRAFFIC_HOTLIST"), 600, NULL);
  check_events (t, e);
  events_free (e);
  g_free (launch);
  anpr_broker_free (b);
  truth_free (t);
}

GST_END_TEST;

/* The same video from a real RTSP camera gives the same events. */
GST_START_TEST (test_vehicles_over_rtsp)
{
  Truth *t = truth_load (g_getenv ("ANPR_TRAFFIC_TRUTH"),
      g_getenv ("ANPR_TRAFFIC_HOTLIST"), 25);
  AnprBroker *b = anpr_broker_new ();
  Camera cam = { NULL, 0 };
  gchar *launch, *file;
  Events *live, *ref;
  guint i;

  anpr_broker_start (b);
  camera_start_video (&cam, g_getenv ("ANPR_TRAFFIC_VIDEO"));
  /* an unbounded queue: the camera never waits for the analysis and no
   * frame is dropped, so the events can be the file's */
  launch = g_strdup_printf ("rtspsrc location=rtsp://127.0.0.1:%d/camera1 "
      "protocols=tcp latency=200 ! decodebin ! queue max-size-buffers=0 "
      "max-size-bytes=0 max-size-time=0 ! " ELEMENTS, cam.port);
  live = run_pipeline (b, launch, g_getenv ("ANPR_TRAFFIC_HOTLIST"), 600,
      NULL);
  camera_kill (&cam);
  check_events (t, live);

  file = file_launch (g_getenv ("ANPR_TRAFFIC_VIDEO"));
  ref = run_pipeline (b, file, g_getenv ("ANPR_TRAFFIC_HOTLIST"), 600, NULL);
  fail_unless_equals_int (live->reads->len, ref->reads->len);
  fail_unless_equals_int (live->matches->len, ref->matches->len);
  for (i = 0; i < ref->reads->len; i++) {
    const gchar *text = plate_text (g_ptr_array_index (ref->reads, i));
    guint j;
    gboolean found = FALSE;

    for (j = 0; j < live->reads->len && !found; j++)
      found = strcmp (text, plate_text (g_ptr_array_index (live->reads,
                  j))) == 0;
    fail_unless (found, "%s read from the file, not from the camera", text);
  }
  events_free (live);
  events_free (ref);
  g_free (launch);
  g_free (file);
  anpr_broker_free (b);
  truth_free (t);
}

GST_END_TEST;

/* A car parked in view for two minutes alerts once, and is one read. */
GST_START_TEST (test_parked_alerts_once)
{
  Truth *t = truth_load (g_getenv ("ANPR_PARKED_TRUTH"),
      g_getenv ("ANPR_PARKED_HOTLIST"), 10);
  AnprBroker *b = anpr_broker_new ();
  gchar *launch = file_launch (g_getenv ("ANPR_PARKED_VIDEO"));
  const Vehicle *parked = NULL;
  gchar *hotlist, *path;
  Events *e;
  guint i, reads = 0, matches = 0;

  for (i = 0; i < t->vehicles->len; i++)
    if (strcmp (((Vehicle *) g_ptr_array_index (t->vehicles, i))->kind,
            "parked") == 0)
      parked = g_ptr_array_index (t->vehicles, i);
  fail_unless (parked != NULL);
  fail_unless ((parked->last - parked->first) / 10 >= 120);
  /* the parked car is listed */
  path = g_build_filename (g_get_tmp_dir (), "anpr-parked-XXXXXX.csv", NULL);
  {
    gint fd = g_mkstemp (path);
    fail_unless (fd >= 0);
    close (fd);
  }
  hotlist = g_strdup_printf ("plate,list,reason,priority,action\n"
      "%s,stolen,Stolen vehicle,1,stop\n", parked->plate);
  fail_unless (g_file_set_contents (path, hotlist, -1, NULL));

  anpr_broker_start (b);
  e = run_pipeline (b, launch, path, 900, NULL);
  for (i = 0; i < e->reads->len; i++)
    reads += strcmp (plate_text (g_ptr_array_index (e->reads, i)),
        parked->plate) == 0;
  for (i = 0; i < e->matches->len; i++)
    matches += strcmp (plate_text (g_ptr_array_index (e->matches, i)),
        parked->plate) == 0;
  fail_unless_equals_int (reads, 1);
  fail_unless_equals_int (matches, 1);
  fail_unless_equals_int (e->matches->len, 1);

  g_unlink (path);
  g_free (path);
  g_free (hotlist);
  events_free (e);
  g_free (launch);
  anpr_broker_free (b);
  truth_free (t);
}

GST_END_TEST;

static gchar *
missing_material (void)
{
  gchar *why = anpr_check_missing_env_path ("ANPR_TRAFFIC_VIDEO");

  if (!why)
    why = anpr_check_missing_env_path ("ANPR_TRAFFIC_TRUTH");
  if (!why)
    why = anpr_check_missing_programs ("mosquitto", NULL);
  return why;
}

static Suite *
tracking_suite (void)
{
  Suite *s = suite_create ("tracking");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 1800);
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_vehicles_from_file,
      missing_material ());
  {
    gchar *why = missing_material ();
    if (!why)
      why = anpr_check_missing_env_path ("ANPR_RTSP_SERVE");
    ANPR_CHECK_ADD_TEST_UNLESS (tc, test_vehicles_over_rtsp, why);
  }
  {
    gchar *why = anpr_check_missing_env_path ("ANPR_PARKED_VIDEO");
    if (!why)
      why = anpr_check_missing_programs ("mosquitto", NULL);
    ANPR_CHECK_ADD_TEST_UNLESS (tc, test_parked_alerts_once, why);
  }
  return s;
}

ANPR_CHECK_MAIN (tracking);
