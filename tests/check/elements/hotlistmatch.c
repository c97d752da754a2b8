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

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <gst/check/gstharness.h>
#include <gst/base/gstbasetransform.h>
#include <gst/anpr/anpr.h>

#include "anprcheck.h"

#define CAPS "video/x-raw,format=GRAY8,width=64,height=48,framerate=25/1"

static const gchar *hotlist_csv =
    "plate,list,reason,priority,action,expires,notes\n"
    "AB12CDE,stolen,\"Stolen 2026-11-01, burglary\",1,stop,2099-12-31,"
    "\"Blue \"\"Ford\"\" Focus\"\n"
    "XY51ABC,wanted,linked to burglaries,2,observe,,\n"
    "CD34?FG,witness,partial plate,3,report,,\n"
    "EF56GHJ,expired,old,1,stop,2001-01-01,\n";

static gchar *tmpdir;
static gchar *hotlist_path;
static GstBus *bus;

static gchar *
write_file (const gchar * name, const gchar * contents)
{
  gchar *path = g_build_filename (tmpdir, name, NULL);

  fail_unless (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
setup (void)
{
  anpr_check_fatal_log_domains ();
  tmpdir = g_dir_make_tmp ("anpr-hlm-XXXXXX", NULL);
  hotlist_path = write_file ("hotlist.csv", hotlist_csv);
  bus = gst_bus_new ();
}

static void
teardown (void)
{
  anpr_check_remove_dir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&hotlist_path, g_free);
  gst_bus_set_flushing (bus, TRUE);
  gst_clear_object (&bus);
}

/* hotlistmatch with @props set ("name", value, ..., NULL), posting on the
 * test bus, in PLAYING */
static GstHarness *
make_harness (const gchar * first_prop, ...)
{
  GstElement *e = gst_element_factory_make ("hotlistmatch", NULL);
  GstHarness *h;
  va_list args;

  fail_unless (e != NULL);
  g_object_set (e, "hotlist", hotlist_path, NULL);
  va_start (args, first_prop);
  if (first_prop)
    g_object_set_valist (G_OBJECT (e), first_prop, args);
  va_end (args);
  gst_element_set_bus (e, bus);

  h = gst_harness_new_with_element (e, "sink", "src");
  gst_object_unref (e);
  gst_harness_set_src_caps_str (h, CAPS);
  gst_harness_play (h);
  return h;
}

static GstBuffer *
plate_buffer (GstClockTime pts, const gchar * text, const gchar * cand2)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, 64 * 48, NULL);

  /* evidence encodes the pixels: none may be uninitialised */
  gst_buffer_memset (buf, 0, 0x80, 64 * 48);
  GST_BUFFER_PTS (buf) = pts;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 25;
  if (text) {
    GstAnprPlateMeta *meta =
        gst_buffer_add_anpr_plate_meta (buf, 8, 30, 40, 10, 0.95f);
    GstAnprCandidate c[2];
    guint n = 1;

    g_strlcpy (c[0].text, text, sizeof (c[0].text));
    c[0].confidence = 0.9f;
    if (cand2) {
      g_strlcpy (c[1].text, cand2, sizeof (c[1].text));
      c[1].confidence = 0.4f;
      n = 2;
    }
    gst_anpr_plate_meta_set_reading (meta, "gb", "gb-current", c, n, NULL);
    meta->track_id = 7;
  }
  return buf;
}

/* Adds a second plate to @buf, read as @text. */
static void
add_plate (GstBuffer * buf, const gchar * text)
{
  GstAnprPlateMeta *meta = gst_buffer_add_anpr_plate_meta (buf, 50, 30, 12,
      5, 0.8f);
  GstAnprCandidate c = { "", 0.8f };

  g_strlcpy (c.text, text, sizeof (c.text));
  gst_anpr_plate_meta_set_reading (meta, "gb", NULL, &c, 1, NULL);
}

static void
push (GstHarness * h, GstClockTime pts, const gchar * text,
    const gchar * cand2)
{
  GstBuffer *out;

  fail_unless_equals_int (gst_harness_push (h, plate_buffer (pts, text,
              cand2)), GST_FLOW_OK);
  /* passes through, meta intact */
  out = gst_harness_pull (h);
  fail_unless (out != NULL);
  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out),
      text ? 1 : 0);
  gst_buffer_unref (out);
}

/* Pops every anpr-match message (their structures, in order). */
static GList *
pop_matches (void)
{
  GList *res = NULL;
  GstMessage *msg;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    const GstStructure *s = gst_message_get_structure (msg);
    if (gst_structure_has_name (s, "anpr-match"))
      res = g_list_append (res, gst_structure_copy (s));
    gst_message_unref (msg);
  }
  return res;
}

static void
free_matches (GList * l)
{
  g_list_free_full (l, (GDestroyNotify) gst_structure_free);
}

static guint
n_threads (void)
{
  gchar *status = NULL;
  const gchar *p;
  guint n = 0;

  fail_unless (g_file_get_contents ("/proc/self/status", &status, NULL,
          NULL));
  p = strstr (status, "\nThreads:");
  fail_unless (p != NULL);
  n = (guint) g_ascii_strtoull (p + 9, NULL, 10);
  g_free (status);
  return n;
}

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

static GstMessage *
start_expecting_error (GstElement * e)
{
  GstMessage *msg;

  gst_element_set_bus (e, bus);
  fail_unless_equals_int (gst_element_set_state (e, GST_STATE_PAUSED),
      GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  fail_unless (msg != NULL);
  gst_element_set_state (e, GST_STATE_NULL);
  return msg;
}

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

GST_START_TEST (test_bad_settings_errors)
{
  GstElement *e;
  GstMessage *msg;
  GError *err = NULL;
  gchar *dbg = NULL;

  /* credentials in the URL are refused, and never echoed */
  e = gst_element_factory_make ("hotlistmatch", NULL);
  g_object_set (e, "hotlist", hotlist_path, "mqtt-url",
      "mqtt://user:s3cr3t@127.0.0.1:1", NULL);
  msg = start_expecting_error (e);
  gst_message_parse_error (msg, &err, &dbg);
  fail_unless (strstr (err->message, "s3cr3t") == NULL);
  fail_unless (dbg == NULL || strstr (dbg, "s3cr3t") == NULL);
  g_clear_error (&err);
  g_free (dbg);
  gst_message_unref (msg);
  gst_object_unref (e);

  /* a camera id that would break the topic tree */
  e = gst_element_factory_make ("hotlistmatch", NULL);
  g_object_set (e, "hotlist", hotlist_path, "camera-id", "a/b", NULL);
  msg = start_expecting_error (e);
  gst_message_unref (msg);
  gst_object_unref (e);

  /* a password file that is not there */
  e = gst_element_factory_make ("hotlistmatch", NULL);
  g_object_set (e, "hotlist", hotlist_path, "mqtt-url", "mqtt://127.0.0.1:1",
      "mqtt-password-file", "/nonexistent/anpr-password", NULL);
  msg = start_expecting_error (e);
  gst_message_unref (msg);
  gst_object_unref (e);
}

GST_END_TEST;

GST_START_TEST (test_no_mqtt_without_url)
{
  GstHarness *h;
  guint before = n_threads (), during;
  GList *m;

  /* no mqtt-url: no network thread, matches still on the bus (and no
   * file watch thread either, to count) */
  h = make_harness ("reload-interval", 0.0, NULL);
  push (h, 0, "AB12CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  free_matches (m);
  fail_unless_equals_int (n_threads (), before);
  gst_harness_teardown (h);

  /* control: an (unreachable) broker starts the network thread, and is no
   * reason to fail */
  h = make_harness ("mqtt-url", "mqtt://127.0.0.1:1", "publish-reads", TRUE,
      "reload-interval", 0.0, NULL);
  during = n_threads ();
  fail_unless (during > before, "%u threads, %u before", during, before);
  push (h, 0, "AB12CDE", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  free_matches (m);
  gst_harness_teardown (h);
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

GST_START_TEST (test_properties)
{
  GstElement *e = gst_element_factory_make ("hotlistmatch", NULL);
  gchar *camera, *prefix, *url;
  gint mqtt_qos;
  gdouble window, dist;
  guint qsize;
  gboolean reads;

  g_object_get (e, "camera-id", &camera, "topic-prefix", &prefix,
      "mqtt-url", &url, "mqtt-qos", &mqtt_qos, "dedup-window", &window,
      "max-distance", &dist, "queue-size", &qsize, "publish-reads", &reads,
      NULL);
  fail_unless_equals_string (camera, "camera0");
  fail_unless_equals_string (prefix, "anpr");
  fail_unless (url == NULL);
  fail_unless_equals_int (mqtt_qos, 1);
  fail_unless_equals_float (window, 60.0);
  fail_unless_equals_float (dist, 1.0);
  fail_unless_equals_int (qsize, 1000);
  fail_if (reads);
  /* no property holds a password */
  fail_unless (g_object_class_find_property (G_OBJECT_GET_CLASS (e),
          "mqtt-password") == NULL);
  g_free (camera);
  g_free (prefix);
  gst_object_unref (e);
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

/* qos is GstBaseTransform's Quality-of-Service switch, mqtt-qos the QoS of
 * the MQTT messages: both settable from a launch line. */
GST_START_TEST (test_qos_and_mqtt_qos)
{
  static const gchar *lines[] = {
    "fakesrc ! hotlistmatch name=m qos=false mqtt-qos=2 ! fakesink",
    "fakesrc ! hotlistmatch name=m qos=true mqtt-qos=0 ! fakesink",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (lines); i++) {
    GError *err = NULL;
    GstElement *pipeline = gst_parse_launch (lines[i], &err);
    GstElement *m;
    GParamSpec *pspec;
    gboolean qos;
    gint mqtt_qos;

    fail_unless (pipeline != NULL);
    fail_unless (err == NULL, "%s: %s", lines[i], err ? err->message : "");
    m = gst_bin_get_by_name (GST_BIN (pipeline), "m");
    g_object_get (m, "qos", &qos, "mqtt-qos", &mqtt_qos, NULL);
    fail_unless_equals_int (qos, i == 1);
    fail_unless_equals_int (mqtt_qos, i == 0 ? 2 : 0);
    fail_unless_equals_int (gst_base_transform_is_qos_enabled
        (GST_BASE_TRANSFORM (m)), i == 1);
    pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (m), "qos");
    fail_unless (pspec->owner_type == GST_TYPE_BASE_TRANSFORM);
    gst_object_unref (m);
    gst_object_unref (pipeline);
  }
}

GST_END_TEST;

/* The evidence member of the event in anpr-match @s; NULL when it has
 * none.  Free the parser. */
static JsonObject *
match_evidence (const GstStructure * s, JsonParser ** parser)
{
  JsonObject *o;

  *parser = json_parser_new ();
  fail_unless (json_parser_load_from_data (*parser,
          gst_structure_get_string (s, "json"), -1, NULL));
  o = json_node_get_object (json_parser_get_root (*parser));
  return json_object_has_member (o, "evidence") ?
      json_object_get_object_member (o, "evidence") : NULL;
}

/* Pushes @buf, expects one anpr-match and returns how many warnings were
 * posted; *@width: the width of the evidence frame, -1 without evidence. */
static guint
push_for_evidence (GstHarness * h, GstBuffer * buf, gint * width)
{
  JsonParser *parser;
  JsonObject *ev;
  GstMessage *msg;
  GList *m = NULL;
  guint warnings = 0;

  fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
  while ((msg = gst_bus_pop (bus))) {
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_WARNING)
      warnings++;
    else if (gst_message_has_name (msg, "anpr-match"))
      m = g_list_append (m,
          gst_structure_copy (gst_message_get_structure (msg)));
    gst_message_unref (msg);
  }
  fail_unless_equals_int (g_list_length (m), 1);
  ev = match_evidence (m->data, &parser);
  *width = ev ? json_object_get_int_member (json_object_get_object_member
      (json_object_get_object_member (ev, "frame"), "box"), "width") : -1;
  g_object_unref (parser);
  free_matches (m);
  return warnings;
}

/* Evidence reads frames as the caps last set say; a frame that cannot be
 * mapped still alerts, without pictures, and is reported by the shared
 * rate-limited warning; video in other memory gives no evidence. */
GST_START_TEST (test_evidence_frames)
{
  GstHarness *h = make_harness ("dedup-window", 0.0, NULL);
  GstBuffer *buf;
  gint width;

  gst_util_set_object_arg (G_OBJECT (h->element), "evidence", "crop+frame");
  fail_unless_equals_int (push_for_evidence (h, plate_buffer (0, "AB12CDE",
              NULL), &width), 0);
  fail_unless_equals_int (width, 64);

  /* smaller than the caps say: twice, one warning */
  buf = plate_buffer (GST_SECOND, "AB12CDE", NULL);
  gst_buffer_resize (buf, 0, 100);
  fail_unless_equals_int (push_for_evidence (h, buf, &width), 1);
  fail_unless_equals_int (width, -1);
  buf = plate_buffer (2 * GST_SECOND, "AB12CDE", NULL);
  gst_buffer_resize (buf, 0, 100);
  fail_unless_equals_int (push_for_evidence (h, buf, &width), 0);
  fail_unless_equals_int (width, -1);

  /* new caps, a smaller frame */
  gst_harness_set_src_caps_str (h,
      "video/x-raw,format=GRAY8,width=32,height=24,framerate=25/1");
  buf = plate_buffer (3 * GST_SECOND, "AB12CDE", NULL);
  gst_buffer_resize (buf, 0, 32 * 24);
  fail_unless_equals_int (push_for_evidence (h, buf, &width), 0);
  fail_unless_equals_int (width, 32);

  /* not system memory: alerts, no pictures, nothing to warn about */
  gst_harness_set_src_caps_str (h, "video/x-raw(memory:GLMemory),"
      "format=RGBA,width=16,height=12,framerate=25/1");
  fail_unless_equals_int (push_for_evidence (h, plate_buffer (4 * GST_SECOND,
              "AB12CDE", NULL), &width), 0);
  fail_unless_equals_int (width, -1);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Sets the next of the properties that may change while playing to its
 * next value (gst_harness_stress_custom_start () callback). */
static void
change_playing_properties (gpointer thread, gpointer data)
{
  static const gchar *evidence[] = { "none", "crop", "crop+frame" };
  GObject *e = data;
  guint n = GPOINTER_TO_UINT (g_object_get_data (e, "stress-step"));

  switch (n % 6) {
    case 0:
      g_object_set (e, "dedup-window", (n / 6) % 2 ? 0.0 : 30.0, NULL);
      break;
    case 1:
      g_object_set (e, "max-distance", (n / 6) % 2 ? 0.0 : 2.0, NULL);
      break;
    case 2:
      g_object_set (e, "publish-reads", (n / 6) % 2 == 0, NULL);
      break;
    case 3:
      g_object_set (e, "mqtt-qos", (gint) ((n / 6) % 3), NULL);
      break;
    case 4:
      gst_util_set_object_arg (e, "evidence", evidence[(n / 6) % 3]);
      break;
    case 5:
      g_object_set (e, "evidence-max-bytes", (n / 6) % 2 ? 1024 : 65536,
          NULL);
      break;
  }
  g_object_set_data (e, "stress-step", GUINT_TO_POINTER (n + 1));
}

/* Plates flow while other threads change every property that may change
 * while playing and set the hotlist again and again (a reload each time):
 * every buffer passes with its metas and the listed plate alerts every
 * time (frames further apart than any dedup window). */
GST_START_TEST (test_stress_playing_properties)
{
  GstHarness *h = make_harness ("mqtt-url", "mqtt://127.0.0.1:1",
      "queue-size", 20, NULL);
  GstHarnessThread *props, *hotlist;
  GValue path = G_VALUE_INIT;
  guint i, exact = 0, fuzzy = 0, n = 200;
  GstMessage *msg;
  GList *m;

  g_value_init (&path, G_TYPE_STRING);
  g_value_set_string (&path, hotlist_path);
  props = gst_harness_stress_custom_start (h, NULL,
      change_playing_properties, h->element, 100);
  hotlist = gst_harness_stress_property_start_full (h, "hotlist", &path,
      1000);

  for (i = 0; i < n; i++) {
    GstBuffer *buf = plate_buffer (i * 60 * GST_SECOND, "AB12CDE", NULL);
    GstBuffer *out;

    /* listed as XY51ABC: matches only while max-distance allows it */
    add_plate (buf, "XY51A8C");
    fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
    out = gst_harness_pull (h);
    fail_unless (out != NULL);
    fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 2);
    gst_buffer_unref (out);

    while ((msg = gst_bus_pop (bus))) {
      const GstStructure *s = gst_message_get_structure (msg);

      if (gst_message_has_name (msg, "anpr-match")) {
        const gchar *listed = gst_structure_get_string (s, "hotlist-plate");

        if (g_strcmp0 (listed, "AB12CDE") == 0)
          exact++;
        else if (g_strcmp0 (listed, "XY51ABC") == 0)
          fuzzy++;
        else
          fail ("unexpected match of %s", listed);
      }
      gst_message_unref (msg);
    }
  }

  fail_unless (gst_harness_stress_thread_stop (props) > 0);
  fail_unless (gst_harness_stress_thread_stop (hotlist) > 0);
  g_value_unset (&path);
  fail_unless_equals_int (exact, n);
  fail_unless (fuzzy <= n);
  GST_INFO ("%u exact and %u fuzzy matches", exact, fuzzy);

  /* settled: the last values set are the ones in force */
  g_object_set (h->element, "max-distance", 1.0, "dedup-window", 60.0,
      NULL);
  push (h, (n + 1) * 60 * GST_SECOND, "XY51A8C", NULL);
  push (h, (n + 1) * 60 * GST_SECOND + GST_SECOND, "XY51A8C", NULL);
  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  fail_unless_equals_string (gst_structure_get_string (m->data,
          "match-kind"), "fuzzy");
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
  tcase_add_test (tc, test_properties);
  tcase_add_test (tc, test_exact_match);
  tcase_add_test (tc, test_fuzzy_and_partial);
  tcase_add_test (tc, test_max_distance);
  tcase_add_test (tc, test_no_match);
  tcase_add_test (tc, test_two_plates_one_buffer);
  tcase_add_test (tc, test_dedup);
  tcase_add_test (tc, test_malformed_hotlist_warnings);
  tcase_add_test (tc, test_missing_hotlist_error);
  tcase_add_test (tc, test_bad_settings_errors);
  tcase_add_test (tc, test_no_mqtt_without_url);
  tcase_add_test (tc, test_live_reload);
  tcase_add_test (tc, test_reload_on_file_change);
  tcase_add_test (tc, test_reload_broken_keeps_old);
  tcase_add_test (tc, test_qos_and_mqtt_qos);
  tcase_add_test (tc, test_evidence_frames);
  tcase_add_test (tc, test_stress_playing_properties);
  return s;
}

GST_CHECK_MAIN (hotlistmatch);
