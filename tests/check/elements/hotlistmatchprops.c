/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* hotlistmatch's properties: defaults, settings refused at start, no
 * network thread without mqtt-url, qos and mqtt-qos, and every property
 * that may change while playing changed under a stream of plates. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/base/gstbasetransform.h>

#include "hotlistmatchcheck.h"

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
  fail_unless_equals_float (dist, 0.5);
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

  /* a camera id that would break the topic tree, or take the hotlists'
   * or the service's subtree */
  {
    const gchar *bad[] = { "a/b", "hotlist", "service" };
    guint i;

    for (i = 0; i < G_N_ELEMENTS (bad); i++) {
      e = gst_element_factory_make ("hotlistmatch", NULL);
      g_object_set (e, "hotlist", hotlist_path, "camera-id", bad[i], NULL);
      msg = start_expecting_error (e);
      gst_message_parse_error (msg, &err, NULL);
      fail_unless (strstr (err->message, bad[i]) != NULL, "%s", err->message);
      g_clear_error (&err);
      gst_message_unref (msg);
      gst_object_unref (e);
    }
  }

  /* a password file that is not there */
  e = gst_element_factory_make ("hotlistmatch", NULL);
  g_object_set (e, "hotlist", hotlist_path, "mqtt-url", "mqtt://127.0.0.1:1",
      "mqtt-password-file", "/nonexistent/anpr-password", NULL);
  msg = start_expecting_error (e);
  gst_message_unref (msg);
  gst_object_unref (e);
}

GST_END_TEST;

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
hotlistmatchprops_suite (void)
{
  Suite *s = suite_create ("hotlistmatchprops");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_properties);
  tcase_add_test (tc, test_bad_settings_errors);
  tcase_add_test (tc, test_no_mqtt_without_url);
  tcase_add_test (tc, test_qos_and_mqtt_qos);
  tcase_add_test (tc, test_stress_playing_properties);
  return s;
}

GST_CHECK_MAIN (hotlistmatchprops);
