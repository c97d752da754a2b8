/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Hotlists over MQTT (hotlist-name) against a real mosquitto on a free
 * loopback port: a full list published by anpr-hotlist-publish applied
 * and alerting beside the hotlist file, with its version in the status; a
 * delta applied; an older version, a checksum that does not match, JSON
 * that is not a message, another format, a refused line: each refused
 * with a warning, the running list kept; a delta that arrives before the
 * list it applies to kept and applied after it; a restart with the broker
 * down matching from the cached copy, and a damaged cache refused; the
 * publisher refusing what the cameras would refuse. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/stat.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "mqttcheck.h"
#include "hotlistmsg.h"

#define NAME "national"
#define FULL_TOPIC "anpr/hotlist/" NAME "/full"
#define DELTA_TOPIC "anpr/hotlist/" NAME "/delta"

/* two versions of the central list; none of its plates is in the file */
static const gchar *list_a = "plate,list,reason,priority,action\n"
    "MQ70AAA,stolen,central list,1,stop\n"
    "MQ70BBB,wanted,central list,2,observe\n";
static const gchar *list_b = "plate,list,reason,priority,action\n"
    "MQ70BBB,wanted,central list,2,observe\n"
    "MQ70CCC,stolen,added centrally,1,stop\n";

/* ---- publishing ---------------------------------------------------------- */

static gchar *
write_list (const gchar * name, const gchar * csv)
{
  gchar *path = g_build_filename (anpr_broker_get_dir (broker), name, NULL);

  fail_unless (g_file_set_contents (path, csv, -1, NULL));
  return path;
}

static GstAnprHotlist *
load (const gchar * csv)
{
  GError *err = NULL;
  GstAnprHotlist *hl = gst_anpr_hotlist_load_data (csv, -1, "t.csv", NULL,
      &err);

  fail_unless (hl != NULL, "%s", err ? err->message : "");
  return hl;
}

/* A full message of @csv as @version, as the publisher makes it. */
static gchar *
full_message (guint64 version, const gchar * csv)
{
  GstAnprHotlist *hl = load (csv);
  gchar *canonical = hotlist_msg_canonical (hl);
  gchar *json = hotlist_msg_full_json (NAME, version, canonical, NULL);

  g_free (canonical);
  gst_anpr_hotlist_unref (hl);
  return json;
}

/* The delta from @from to @to, @base_version to @version. */
static gchar *
delta_message (guint64 base_version, guint64 version, const gchar * from,
    const gchar * to)
{
  GstAnprHotlist *a = load (from), *b = load (to);
  gchar *canonical = hotlist_msg_canonical (b);
  gchar *sum = hotlist_msg_sha256 (canonical), *add, *remove, *json;

  hotlist_msg_diff (a, b, &add, &remove);
  json = hotlist_msg_delta_json (NAME, base_version, version, sum, add,
      remove, NULL);
  g_free (add);
  g_free (remove);
  g_free (sum);
  g_free (canonical);
  gst_anpr_hotlist_unref (a);
  gst_anpr_hotlist_unref (b);
  return json;
}

static void
publish (const gchar * topic, gchar * json)
{
  anpr_broker_publish (broker, topic, json, -1, TRUE);
  g_free (json);
}

/* Runs anpr-hotlist-publish with @args (NULL-terminated, after the URL
 * and name); returns its exit status, its standard error in *@err. */
static gint
run_publisher (gchar ** err, const gchar * first, ...)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  gchar *out = NULL;
  gint status = -1;
  GError *error = NULL;
  const gchar *a;
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("ANPR_HOTLIST_PUBLISH")));
  g_ptr_array_add (argv, g_strdup ("--mqtt-url"));
  g_ptr_array_add (argv, anpr_broker_get_url (broker));
  g_ptr_array_add (argv, g_strdup ("--name"));
  g_ptr_array_add (argv, g_strdup (NAME));
  va_start (args, first);
  for (a = first; a; a = va_arg (args, const gchar *))
    g_ptr_array_add (argv, g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  fail_unless (g_spawn_sync (NULL, (gchar **) argv->pdata, NULL,
          G_SPAWN_DEFAULT, NULL, NULL, &out, err, &status, &error), "%s",
      error ? error->message : "");
  GST_INFO ("anpr-hotlist-publish: %s%s", out, *err);
  g_free (out);
  g_ptr_array_unref (argv);
  return g_spawn_check_wait_status (status, NULL) ? 0 :
      (WIFEXITED (status) ? WEXITSTATUS (status) : -1);
}

static void
run_publisher_ok (const gchar * part, const gchar * first, ...)
{
  GPtrArray *argv = g_ptr_array_new ();
  gchar *err = NULL;
  const gchar *a;
  va_list args;
  gint status;

  va_start (args, first);
  for (a = first; a; a = va_arg (args, const gchar *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  while (argv->len < 4)
    g_ptr_array_add (argv, NULL);
  status = run_publisher (&err, g_ptr_array_index (argv, 0),
      g_ptr_array_index (argv, 1), g_ptr_array_index (argv, 2),
      g_ptr_array_index (argv, 3), NULL);
  fail_unless_equals_int (status, 0);
  if (part)
    fail_unless (strstr (err, part) != NULL, "'%s' without '%s'", err, part);
  g_free (err);
  g_ptr_array_unref (argv);
}

/* ---- the element --------------------------------------------------------- */

/* @msg says an MQTT list was applied. */
static gboolean
is_mqtt_list (GstMessage * msg)
{
  const GstStructure *s = gst_message_get_structure (msg);

  return gst_structure_has_name (s, "anpr-hotlist-loaded") &&
      !g_strcmp0 (gst_structure_get_string (s, "source"), "mqtt");
}

/* The next anpr-hotlist-loaded of the MQTT list on @bus is @version,
 * applied from @from; no warning comes first. */
static void
wait_loaded (GstBus * bus, guint64 version, const gchar * from,
    const gchar * kind)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  for (;;) {
    gint64 left = end - g_get_monotonic_time ();
    GstMessage *msg = left > 0 ? gst_bus_timed_pop_filtered (bus,
        left * GST_USECOND, GST_MESSAGE_ELEMENT | GST_MESSAGE_WARNING) : NULL;
    const GstStructure *s;
    guint64 v = 0;

    fail_unless (msg != NULL, "version %" G_GUINT64_FORMAT " not applied",
        version);
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_WARNING) {
      GError *err = NULL;

      gst_message_parse_warning (msg, &err, NULL);
      ck_abort_msg ("warning before version %" G_GUINT64_FORMAT ": %s", version,
          err->message);
    }
    s = gst_message_get_structure (msg);
    if (is_mqtt_list (msg)) {
      fail_unless (gst_structure_get_uint64 (s, "version", &v));
      fail_unless_equals_int (v, version);
      fail_unless_equals_string (gst_structure_get_string (s, "from"), from);
      if (kind)
        fail_unless_equals_string (gst_structure_get_string (s, "kind"),
            kind);
      gst_message_unref (msg);
      return;
    }
    gst_message_unref (msg);
  }
}

/* The next warning on @bus within @timeout_s says @part; no MQTT list is
 * applied before. */
static void
wait_warning (GstBus * bus, const gchar * part, gdouble timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * 1e6);

  for (;;) {
    gint64 left = end - g_get_monotonic_time ();
    GstMessage *msg = left > 0 ? gst_bus_timed_pop_filtered (bus,
        left * GST_USECOND, GST_MESSAGE_ELEMENT | GST_MESSAGE_WARNING) : NULL;

    fail_unless (msg != NULL, "no warning saying '%s'", part);
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_WARNING) {
      GError *err = NULL;

      gst_message_parse_warning (msg, &err, NULL);
      fail_unless (strstr (err->message, part) != NULL, "'%s' without '%s'",
          err->message, part);
      g_clear_error (&err);
      gst_message_unref (msg);
      return;
    }
    fail_if (is_mqtt_list (msg), "a list applied, no warning '%s'", part);
    gst_message_unref (msg);
  }
}

/* No warning and no list applied on @bus for @seconds. */
static void
expect_quiet (GstBus * bus, gdouble seconds)
{
  GstMessage *msg;

  while ((msg = gst_bus_timed_pop_filtered (bus, seconds * GST_SECOND,
              GST_MESSAGE_ELEMENT | GST_MESSAGE_WARNING))) {
    fail_if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_WARNING,
        "unexpected warning");
    fail_if (is_mqtt_list (msg), "unexpected list");
    gst_message_unref (msg);
  }
}

static guint64
running_version (GstHarness * h)
{
  guint64 v = 0;

  g_object_get (h->element, "hotlist-version", &v, NULL);
  return v;
}

static GstHarness *
start_element (GstBus * bus, const gchar * cache)
{
  return make_harness_on_bus (bus, "hotlist-name", NAME, "hotlist-cache",
      cache, "dedup-window", 0.0, "flush-timeout", 0.0, NULL);
}

static guint push_time;

/* @plate alerts, from the list named @source. */
static void
expect_alert (GstHarness * h, AnprSubscriber * sub, const gchar * plate,
    const gchar * source)
{
  AnprReceived *r;
  JsonParser *parser;
  JsonObject *o, *hl;

  push (h, ++push_time * GST_SECOND, plate);
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match", 10, TRUE);
  o = anpr_check_event (r->payload, &parser);
  hl = json_object_get_object_member (o, "hotlist");
  fail_unless_equals_string (json_object_get_string_member (hl, "plate"),
      plate);
  fail_unless_equals_string (json_object_get_string_member (hl, "source"),
      source);
  g_object_unref (parser);
  anpr_received_free (r);
}

static void
expect_no_alert (GstHarness * h, AnprSubscriber * sub, const gchar * plate)
{
  push (h, ++push_time * GST_SECOND, plate);
  anpr_subscriber_expect_nothing (sub, 1.0, "anpr/" CAMERA "/match");
}

/* ---- tests --------------------------------------------------------------- */

GST_START_TEST (test_full_list_applied)
{
  GstBus *bus = gst_bus_new ();
  AnprSubscriber *sub;
  GstHarness *h;
  gchar *a = write_list ("a.csv", list_a);
  JsonParser *parser;
  JsonObject *o = NULL, *hot, *mqtt = NULL;
  gint64 end;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-sub", FALSE);
  run_publisher_ok (NULL, "--version", "1", a, NULL);

  h = start_element (bus, NULL);
  wait_loaded (bus, 1, "broker", "full");
  fail_unless_equals_int (running_version (h), 1);

  /* both lists alert, each naming itself */
  expect_alert (h, sub, "MQ70AAA", "mqtt:" NAME "@v1");
  expect_alert (h, sub, "AB12CDE", "hotlist.csv");
  expect_no_alert (h, sub, "MQ70CCC");

  /* the status says which version runs */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;) {
    AnprReceived *r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/status",
        (end - g_get_monotonic_time ()) / 1e6, TRUE);

    parser = json_parser_new ();
    fail_unless (json_parser_load_from_data (parser, r->payload, -1, NULL));
    o = json_node_get_object (json_parser_get_root (parser));
    anpr_received_free (r);
    hot = json_object_get_object_member (o, "hotlist");
    fail_unless (hot != NULL);
    if (!json_object_get_null_member (hot, "mqtt")) {
      mqtt = json_object_get_object_member (hot, "mqtt");
      if (!json_object_get_null_member (mqtt, "version"))
        break;
    }
    g_object_unref (parser);
  }
  fail_unless_equals_int (json_object_get_int_member (hot, "file_entries"),
      2);
  fail_unless_equals_string (json_object_get_string_member (mqtt, "name"),
      NAME);
  fail_unless_equals_int (json_object_get_int_member (mqtt, "version"), 1);
  fail_unless_equals_int (json_object_get_int_member (mqtt, "entries"), 2);
  fail_unless_equals_int (strlen (json_object_get_string_member (mqtt,
              "sha256")), 64);
  fail_unless_equals_string (json_object_get_string_member (mqtt, "from"),
      "broker");
  fail_unless (json_object_get_null_member (mqtt, "refused"));
  g_object_unref (parser);

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  g_free (a);
}

GST_END_TEST;

GST_START_TEST (test_delta_applied)
{
  GstBus *bus = gst_bus_new ();
  AnprSubscriber *sub;
  GstHarness *h;
  gchar *a = write_list ("a.csv", list_a), *b = write_list ("b.csv", list_b);
  gchar *c = write_list ("c.csv", "plate,list\nMQ70DDD,stolen\n");

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-sub", FALSE);
  run_publisher_ok (NULL, "--version", "1", a, NULL);
  h = start_element (bus, NULL);
  wait_loaded (bus, 1, "broker", "full");

  /* the change from a to b: MQ70AAA removed, MQ70CCC added */
  run_publisher_ok ("broker holds version 1", "--delta-from", a, b, NULL);
  wait_loaded (bus, 2, "broker", "delta");
  fail_unless_equals_int (running_version (h), 2);
  expect_alert (h, sub, "MQ70CCC", "mqtt:" NAME "@v2");
  expect_alert (h, sub, "MQ70BBB", "mqtt:" NAME "@v2");
  expect_no_alert (h, sub, "MQ70AAA");

  /* a delta sits on the full list now: the next change goes whole */
  run_publisher_ok ("publishing the whole list instead", "--delta-from", b,
      c, NULL);
  wait_loaded (bus, 3, "broker", "full");
  expect_alert (h, sub, "MQ70DDD", "mqtt:" NAME "@v3");
  expect_no_alert (h, sub, "MQ70CCC");

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  g_free (a);
  g_free (b);
  g_free (c);
}

GST_END_TEST;

GST_START_TEST (test_older_refused)
{
  GstBus *bus = gst_bus_new ();
  AnprSubscriber *sub;
  GstHarness *h;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-sub", FALSE);
  h = start_element (bus, NULL);
  publish (FULL_TOPIC, full_message (5, list_a));
  wait_loaded (bus, 5, "broker", "full");

  /* an older version: refused, version 5 stays */
  publish (FULL_TOPIC, full_message (4, list_b));
  wait_warning (bus, "full list version 4 refused (running: version 5): "
      "older than the running list", 10);
  /* the same version with another list */
  publish (FULL_TOPIC, full_message (5, list_b));
  wait_warning (bus, "has this version with another checksum", 10);
  fail_unless_equals_int (running_version (h), 5);
  expect_alert (h, sub, "MQ70AAA", "mqtt:" NAME "@v5");
  expect_no_alert (h, sub, "MQ70CCC");

  /* the same message again (a reconnection): said once */
  publish (FULL_TOPIC, full_message (5, list_b));
  expect_quiet (bus, 1.0);

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
}

GST_END_TEST;

GST_START_TEST (test_malformed_refused)
{
  GstBus *bus = gst_bus_new ();
  AnprSubscriber *sub;
  GstHarness *h;
  gchar *json, **parts;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-sub", FALSE);
  publish (FULL_TOPIC, full_message (1, list_a));
  h = start_element (bus, NULL);
  wait_loaded (bus, 1, "broker", "full");

  /* a checksum that is not the list's: an entry changed after it was
   * made */
  json = full_message (2, list_b);
  parts = g_strsplit (json, "MQ70CCC", 2);
  g_free (json);
  publish (FULL_TOPIC, g_strjoinv ("MQ70EEE", parts));
  g_strfreev (parts);
  wait_warning (bus, "full list version 2 refused (running: version 1): "
      "checksum mismatch", 10);

  /* not JSON, another format, a line the parser refuses */
  publish (FULL_TOPIC, g_strdup ("{\"format\":1,\"kind\":\"full\""));
  wait_warning (bus, "full message refused (running: version 1): not JSON",
      10);
  publish (FULL_TOPIC, g_strdup ("{\"format\":2,\"kind\":\"full\","
          "\"version\":9}"));
  wait_warning (bus, "format 2, only format 1 is read", 10);
  json = hotlist_msg_full_json (NAME, 3, "plate,list\nMQ70EEE,x\n!!,y\n",
      NULL);
  publish (FULL_TOPIC, json);
  wait_warning (bus, "mqtt:" NAME "@v3:3: empty or invalid plate", 10);
  /* a delta on the full topic */
  publish (FULL_TOPIC, delta_message (1, 2, list_a, list_b));
  wait_warning (bus, "not what this topic carries", 10);

  /* through all that, version 1 ran */
  fail_unless_equals_int (running_version (h), 1);
  expect_alert (h, sub, "MQ70AAA", "mqtt:" NAME "@v1");
  expect_no_alert (h, sub, "MQ70EEE");

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
}

GST_END_TEST;

GST_START_TEST (test_delta_before_its_full_list)
{
  const gchar *list_c = "plate,list\nMQ70DDD,stolen\n";
  GstBus *bus = gst_bus_new ();
  AnprSubscriber *sub;
  GstHarness *h;

  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-sub", FALSE);

  /* the delta is there first: kept, quietly, until its full list */
  publish (DELTA_TOPIC, delta_message (1, 2, list_a, list_b));
  h = start_element (bus, NULL);
  expect_quiet (bus, 1.0);
  fail_unless_equals_int (running_version (h), 0);
  publish (FULL_TOPIC, full_message (1, list_a));
  wait_loaded (bus, 1, "broker", "full");
  wait_loaded (bus, 2, "broker", "delta");
  expect_alert (h, sub, "MQ70CCC", "mqtt:" NAME "@v2");

  /* a delta whose base never came here: said, kept, applied after the
   * full list it needs */
  publish (DELTA_TOPIC, delta_message (3, 4, list_b, list_c));
  wait_warning (bus, "delta 3 -> 4 not applied (running: version 2): it "
      "applies to version 3 (an update was missed)", 10);
  fail_unless_equals_int (running_version (h), 2);
  publish (FULL_TOPIC, full_message (3, list_b));
  wait_loaded (bus, 3, "broker", "full");
  wait_loaded (bus, 4, "broker", "delta");
  expect_alert (h, sub, "MQ70DDD", "mqtt:" NAME "@v4");
  gst_harness_teardown (h);

  /* a camera starting now gets the retained full list 3 and delta 3 -> 4,
   * and ends at 4 */
  h = start_element (bus, NULL);
  wait_loaded (bus, 3, "broker", "full");
  wait_loaded (bus, 4, "broker", "delta");
  expect_alert (h, sub, "MQ70DDD", "mqtt:" NAME "@v4");
  gst_harness_teardown (h);

  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
}

GST_END_TEST;

/* The anpr-match bus message of the next alert names @source. */
static void
expect_bus_alert (GstHarness * h, GstBus * bus, const gchar * plate,
    const gchar * source)
{
  GstMessage *msg;

  push (h, ++push_time * GST_SECOND, plate);
  for (;;) {
    const GstStructure *s;

    msg = gst_bus_timed_pop_filtered (bus, 5 * GST_SECOND,
        GST_MESSAGE_ELEMENT);
    fail_unless (msg != NULL, "no anpr-match for %s", plate);
    s = gst_message_get_structure (msg);
    if (gst_structure_has_name (s, "anpr-match")) {
      fail_unless_equals_string (gst_structure_get_string (s,
              "hotlist-plate"), plate);
      fail_unless_equals_string (gst_structure_get_string (s, "source"),
          source);
      gst_message_unref (msg);
      return;
    }
    gst_message_unref (msg);
  }
}

GST_START_TEST (test_cache_without_broker)
{
  GstBus *bus = gst_bus_new ();
  GstHarness *h;
  gchar *cache = g_build_filename (anpr_broker_get_dir (broker), "state",
      "hotlist", CAMERA ".json", NULL);
  gchar *data = NULL;
  GStatBuf st;

  /* applied from the broker, kept on disk */
  anpr_broker_start (broker);
  publish (FULL_TOPIC, full_message (7, list_a));
  h = start_element (bus, cache);
  wait_loaded (bus, 7, "broker", "full");
  gst_harness_teardown (h);
  fail_unless_equals_int (g_stat (cache, &st), 0);
  fail_unless_equals_int (st.st_mode & 0777, 0600);
  fail_unless (g_file_get_contents (cache, &data, NULL, NULL));
  fail_unless (strstr (data, "\"version\":7") != NULL, "%s", data);

  /* a restart with the broker away: the cached list at once */
  anpr_broker_stop (broker, TRUE);
  h = start_element (bus, cache);
  wait_loaded (bus, 7, "cache", "full");
  fail_unless_equals_int (running_version (h), 7);
  expect_bus_alert (h, bus, "MQ70AAA", "mqtt:" NAME "@v7");
  gst_harness_teardown (h);
  /* (the alert could not be delivered: said) */
  gst_bus_set_flushing (bus, TRUE);
  gst_bus_set_flushing (bus, FALSE);

  /* a damaged copy is not used */
  {
    gchar **parts = g_strsplit (data, "MQ70AAA", 2);
    gchar *bad = g_strjoinv ("MQ70AAB", parts);

    fail_unless (g_file_set_contents (cache, bad, -1, NULL));
    g_free (bad);
    g_strfreev (parts);
  }
  h = start_element (bus, cache);
  wait_warning (bus, "not used: checksum mismatch", 5);
  fail_unless_equals_int (running_version (h), 0);
  gst_harness_teardown (h);

  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  g_free (data);
  g_free (cache);
}

GST_END_TEST;

GST_START_TEST (test_publisher_refuses)
{
  gchar *a = write_list ("a.csv", list_a), *b = write_list ("b.csv", list_b);
  gchar *c = write_list ("c.csv", "plate,list\nMQ70DDD,stolen\n");
  gchar *bad = write_list ("bad.csv", "plate,list\nMQ70AAA,x\n!!,y\n");
  gchar *err = NULL;
  AnprSubscriber *sub;
  AnprReceived *r;

  anpr_broker_start (broker);
  /* nothing on the broker: the clock as version, above any cache */
  run_publisher_ok ("publishing as version", a, NULL);
  /* the same list again: nothing to do */
  run_publisher_ok ("nothing published", a, NULL);
  /* a version the cameras would refuse */
  fail_unless_equals_int (run_publisher (&err, "--version", "1", b, NULL), 1);
  fail_unless (strstr (err, "not newer") != NULL, "%s", err);
  g_free (err);
  /* a delta from a list that is not the broker's version */
  fail_unless_equals_int (run_publisher (&err, "--delta-from", b, c, NULL),
      1);
  fail_unless (strstr (err, "checksum differs") != NULL, "%s", err);
  g_free (err);
  /* a file with a bad line, unless forced */
  fail_unless_equals_int (run_publisher (&err, bad, NULL), 1);
  fail_unless (strstr (err, "bad.csv:3:") != NULL, "%s", err);
  g_free (err);

  /* what the broker retains: the first publication, as it was */
  sub = anpr_subscriber_new (broker, "test-late", FALSE);
  r = anpr_subscriber_expect (sub, FULL_TOPIC, 5, TRUE);
  fail_unless (r->retain);
  {
    HotlistMsg *msg = hotlist_msg_parse (r->payload, strlen (r->payload),
        NULL);

    fail_unless (msg != NULL);
    fail_unless (msg->version > 1700000000 &&
        msg->version <= (guint64) (g_get_real_time () / G_USEC_PER_SEC),
        "version %" G_GUINT64_FORMAT, msg->version);
    fail_unless (strstr (msg->entries, "MQ70AAA") != NULL);
    hotlist_msg_free (msg);
  }
  anpr_received_free (r);
  anpr_subscriber_free (sub);
  g_free (a);
  g_free (b);
  g_free (c);
  g_free (bad);
}

GST_END_TEST;

static gchar *
missing_publisher (void)
{
  const gchar *p = g_getenv ("ANPR_HOTLIST_PUBLISH");

  if (p && g_file_test (p, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  return g_strdup ("anpr-hotlist-publish not built (ANPR_HOTLIST_PUBLISH)");
}

static Suite *
mqtthotlist_suite (void)
{
  Suite *s = suite_create ("mqtthotlist");
  TCase *tc = tcase_create ("broker");

  suite_add_tcase (s, tc);
  if (anpr_check_skip_suite ("mqtthotlist",
          anpr_check_missing_programs ("mosquitto", NULL)))
    return s;
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_full_list_applied,
      missing_publisher ());
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_delta_applied, missing_publisher ());
  tcase_add_test (tc, test_older_refused);
  tcase_add_test (tc, test_malformed_refused);
  tcase_add_test (tc, test_delta_before_its_full_list);
  tcase_add_test (tc, test_cache_without_broker);
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_publisher_refuses,
      missing_publisher ());
  return s;
}

ANPR_CHECK_MAIN (mqtthotlist);
