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
#include <json-glib/json-glib.h>
#include <gst/anpr/anpr.h>

#include "anprcheck.h"

#define TS_REGEX "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"
#define UUID_REGEX \
  "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"

static GstBuffer *buf;
static GstAnprPlateMeta *meta;
static GstAnprHotlist *hotlist;

static void
setup (void)
{
  GstAnprCandidate c[2] = { {"AB12CDE", 0.91f}, {"AB12C0E", 0.42f} };
  const gfloat cc[7] = { 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f };

  anpr_check_fatal_log_domains ();
  buf = gst_buffer_new ();
  meta = gst_buffer_add_anpr_plate_meta (buf, 120, 340, 210, 48, 0.87f);
  gst_anpr_plate_meta_set_reading (meta, "gb", "gb-current", c, 2, cc);
  meta->track_id = 42;
  hotlist = gst_anpr_hotlist_load_data ("plate,list,reason,priority,action,"
      "expires,notes\nAB12CDE,stolen,\"Stolen, 2026-11-01\",1,stop,"
      "2099-12-31,\"Blue \"\"Ford\"\"\ttab\"\nXY51ABC,,,,,,\n", -1,
      "/etc/anpr/hotlist.csv", NULL, NULL);
  fail_unless (hotlist != NULL);
}

static void
teardown (void)
{
  gst_buffer_unref (buf);
  gst_anpr_hotlist_unref (hotlist);
}

static JsonObject *
parse (const gchar * json, JsonParser ** parser)
{
  GError *err = NULL;
  JsonNode *root;

  *parser = json_parser_new ();
  fail_unless (json_parser_load_from_data (*parser, json, -1, &err),
      "invalid JSON: %s\n%s", err ? err->message : "", json);
  root = json_parser_get_root (*parser);
  fail_unless (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static void
assert_type (JsonObject * o, const gchar * name, GType type)
{
  JsonNode *n;

  fail_unless (json_object_has_member (o, name), "no member '%s'", name);
  n = json_object_get_member (o, name);
  if (type == G_TYPE_NONE) {
    fail_unless (JSON_NODE_HOLDS_NULL (n), "'%s' is not null", name);
  } else if (type == JSON_TYPE_OBJECT) {
    fail_unless (JSON_NODE_HOLDS_OBJECT (n), "'%s' is not an object", name);
  } else if (type == JSON_TYPE_ARRAY) {
    fail_unless (JSON_NODE_HOLDS_ARRAY (n), "'%s' is not an array", name);
  } else {
    fail_unless (JSON_NODE_HOLDS_VALUE (n), "'%s' is not a value", name);
    fail_unless (json_node_get_value_type (n) == type,
        "'%s' is %s, not %s", name,
        g_type_name (json_node_get_value_type (n)), g_type_name (type));
  }
}

static GstAnprHotlistMatch
make_match (const gchar * read)
{
  GArray *m = gst_anpr_hotlist_lookup (hotlist, read, NULL, 0, 1.0, 0);
  GstAnprHotlistMatch res;

  fail_unless (m->len > 0);
  res = g_array_index (m, GstAnprHotlistMatch, 0);
  g_array_unref (m);
  return res;
}

GST_START_TEST (test_timestamp_format)
{
  gchar *ts;

  /* 2026-11-21T10:15:30.123456Z */
  ts = gst_anpr_event_format_timestamp (G_GINT64_CONSTANT (1795256130123456));
  fail_unless_equals_string (ts, "2026-11-21T10:15:30.123Z");
  g_free (ts);

  ts = gst_anpr_event_format_timestamp (0);
  fail_unless (g_regex_match_simple (TS_REGEX, ts, 0, 0), "%s", ts);
  g_free (ts);
}

GST_END_TEST;

GST_START_TEST (test_match_event)
{
  GstAnprHotlistMatch m = make_match ("AB12C0E");
  GstAnprEventContext ctx;
  JsonParser *parser;
  JsonObject *o, *plate, *box, *hl, *match, *cand;
  JsonArray *cands;
  gchar *json, *id = NULL;

  gst_anpr_event_context_init (&ctx);
  ctx.camera_id = "north-gate";
  ctx.wall_time_us = G_GINT64_CONSTANT (1795256130123456);
  ctx.stream_time = 12 * GST_SECOND + 500 * GST_MSECOND;
  ctx.running_time = 3 * GST_SECOND;

  json = gst_anpr_event_to_json (meta, &m, &ctx, &id);
  fail_unless (json != NULL);
  fail_unless (strchr (json, '\n') == NULL, "not one line");
  GST_INFO ("%s", json);
  o = parse (json, &parser);

  assert_type (o, "schema", G_TYPE_STRING);
  fail_unless_equals_string (json_object_get_string_member (o, "schema"),
      GST_ANPR_EVENT_SCHEMA);
  fail_unless_equals_string (json_object_get_string_member (o,
          "schema_version"), "1.2");
  assert_type (o, "event_id", G_TYPE_STRING);
  fail_unless (g_regex_match_simple (UUID_REGEX,
          json_object_get_string_member (o, "event_id"), 0, 0));
  fail_unless_equals_string (json_object_get_string_member (o, "event_id"),
      id);
  fail_unless_equals_string (json_object_get_string_member (o, "type"),
      "match");
  fail_unless_equals_string (json_object_get_string_member (o, "camera_id"),
      "north-gate");
  fail_unless_equals_string (json_object_get_string_member (o, "timestamp"),
      "2026-11-21T10:15:30.123Z");
  assert_type (o, "stream_time", G_TYPE_DOUBLE);
  fail_unless_equals_float (json_object_get_double_member (o, "stream_time"),
      12.5);
  assert_type (o, "running_time", G_TYPE_DOUBLE);
  fail_unless_equals_float (json_object_get_double_member (o,
          "running_time"), 3.0);

  assert_type (o, "plate", JSON_TYPE_OBJECT);
  plate = json_object_get_object_member (o, "plate");
  fail_unless_equals_string (json_object_get_string_member (plate, "text"),
      "AB12CDE");
  assert_type (plate, "confidence", G_TYPE_DOUBLE);
  fail_unless_equals_float (json_object_get_double_member (plate,
          "confidence"), 0.91);
  /* short numbers on the wire, not 0.9100000262260437 */
  fail_unless (strstr (json, "\"confidence\":0.91,") != NULL, "%s", json);
  fail_unless_equals_string (json_object_get_string_member (plate, "region"),
      "gb");
  fail_unless_equals_string (json_object_get_string_member (plate, "format"),
      "gb-current");
  assert_type (plate, "box", JSON_TYPE_OBJECT);
  box = json_object_get_object_member (plate, "box");
  assert_type (box, "x", G_TYPE_INT64);
  fail_unless_equals_int (json_object_get_int_member (box, "x"), 120);
  fail_unless_equals_int (json_object_get_int_member (box, "y"), 340);
  fail_unless_equals_int (json_object_get_int_member (box, "width"), 210);
  fail_unless_equals_int (json_object_get_int_member (box, "height"), 48);
  assert_type (plate, "candidates", JSON_TYPE_ARRAY);
  cands = json_object_get_array_member (plate, "candidates");
  fail_unless_equals_int (json_array_get_length (cands), 2);
  cand = json_array_get_object_element (cands, 1);
  fail_unless_equals_string (json_object_get_string_member (cand, "text"),
      "AB12C0E");
  assert_type (cand, "confidence", G_TYPE_DOUBLE);
  fail_unless_equals_float (json_object_get_double_member (cand,
          "confidence"), 0.42);
  assert_type (plate, "detect_confidence", G_TYPE_DOUBLE);
  fail_unless_equals_float (json_object_get_double_member (plate,
          "detect_confidence"), 0.87);
  assert_type (plate, "track_id", G_TYPE_INT64);
  fail_unless_equals_int (json_object_get_int_member (plate, "track_id"), 42);

  assert_type (o, "hotlist", JSON_TYPE_OBJECT);
  hl = json_object_get_object_member (o, "hotlist");
  fail_unless_equals_string (json_object_get_string_member (hl, "plate"),
      "AB12CDE");
  fail_unless_equals_string (json_object_get_string_member (hl, "list"),
      "stolen");
  fail_unless_equals_string (json_object_get_string_member (hl, "reason"),
      "Stolen, 2026-11-01");
  assert_type (hl, "priority", G_TYPE_INT64);
  fail_unless_equals_int (json_object_get_int_member (hl, "priority"), 1);
  fail_unless_equals_string (json_object_get_string_member (hl, "action"),
      "stop");
  fail_unless_equals_string (json_object_get_string_member (hl, "expires"),
      "2099-12-31");
  /* quotes and control characters survive the escaping */
  fail_unless_equals_string (json_object_get_string_member (hl, "notes"),
      "Blue \"Ford\"\ttab");
  fail_unless_equals_string (json_object_get_string_member (hl, "source"),
      "hotlist.csv");
  assert_type (hl, "source_line", G_TYPE_INT64);
  fail_unless_equals_int (json_object_get_int_member (hl, "source_line"), 2);

  assert_type (o, "match", JSON_TYPE_OBJECT);
  match = json_object_get_object_member (o, "match");
  fail_unless_equals_string (json_object_get_string_member (match, "kind"),
      "fuzzy");
  assert_type (match, "distance", G_TYPE_DOUBLE);
  fail_unless_equals_float (json_object_get_double_member (match,
          "distance"), 0.5);
  fail_unless_equals_string (json_object_get_string_member (match,
          "matched_text"), "AB12C0E");

  g_object_unref (parser);
  g_free (json);
  g_free (id);
}

GST_END_TEST;

GST_START_TEST (test_read_event_nulls)
{
  GstAnprEventContext ctx;
  GstAnprHotlistMatch m;
  JsonParser *parser;
  JsonObject *o, *plate, *hl;
  gchar *json;

  /* unknown times, no track, no format: null, not missing */
  gst_anpr_event_context_init (&ctx);
  ctx.camera_id = "camera0";
  meta->track_id = 0;
  meta->format[0] = '\0';
  json = gst_anpr_event_to_json (meta, NULL, &ctx, NULL);
  o = parse (json, &parser);
  fail_unless_equals_string (json_object_get_string_member (o, "type"),
      "read");
  fail_unless (g_regex_match_simple (TS_REGEX,
          json_object_get_string_member (o, "timestamp"), 0, 0));
  assert_type (o, "stream_time", G_TYPE_NONE);
  assert_type (o, "running_time", G_TYPE_NONE);
  fail_if (json_object_has_member (o, "hotlist"));
  fail_if (json_object_has_member (o, "match"));
  plate = json_object_get_object_member (o, "plate");
  assert_type (plate, "format", G_TYPE_NONE);
  assert_type (plate, "track_id", G_TYPE_NONE);
  g_object_unref (parser);
  g_free (json);

  /* an entry with only a plate: optional fields null */
  m = make_match ("XY51ABC");
  json = gst_anpr_event_to_json (meta, &m, &ctx, NULL);
  o = parse (json, &parser);
  hl = json_object_get_object_member (o, "hotlist");
  assert_type (hl, "list", G_TYPE_NONE);
  assert_type (hl, "priority", G_TYPE_NONE);
  assert_type (hl, "expires", G_TYPE_NONE);
  assert_type (json_object_get_object_member (o, "match"), "distance",
      G_TYPE_DOUBLE);
  fail_unless_equals_string (json_object_get_string_member
      (json_object_get_object_member (o, "match"), "kind"), "exact");
  g_object_unref (parser);
  g_free (json);
}

GST_END_TEST;

GST_START_TEST (test_evidence)
{
  GstAnprHotlistMatch m = make_match ("AB12CDE");
  GstAnprEventContext ctx;
  JsonParser *parser, *ev_parser = json_parser_new ();
  JsonObject *o, *ev;
  gchar *json;

  fail_unless (json_parser_load_from_data (ev_parser, "{\"crop\":{"
          "\"jpeg_base64\":\"/9j/\",\"box\":{\"x\":8,\"y\":30,\"width\":40,"
          "\"height\":10},\"width\":40,\"height\":10},\"frame\":null}", -1,
          NULL));
  gst_anpr_event_context_init (&ctx);
  ctx.evidence = json_parser_get_root (ev_parser);

  /* a match carries it as given */
  json = gst_anpr_event_to_json (meta, &m, &ctx, NULL);
  o = parse (json, &parser);
  assert_type (o, "evidence", JSON_TYPE_OBJECT);
  ev = json_object_get_object_member (o, "evidence");
  fail_unless_equals_string (json_object_get_string_member
      (json_object_get_object_member (ev, "crop"), "jpeg_base64"), "/9j/");
  assert_type (ev, "frame", G_TYPE_NONE);
  fail_unless (strstr (json, "\"width\":40,\"height\":10}") != NULL);
  g_object_unref (parser);
  g_free (json);

  /* a read never does; no evidence: no member */
  json = gst_anpr_event_to_json (meta, NULL, &ctx, NULL);
  o = parse (json, &parser);
  fail_if (json_object_has_member (o, "evidence"));
  g_object_unref (parser);
  g_free (json);
  ctx.evidence = NULL;
  json = gst_anpr_event_to_json (meta, &m, &ctx, NULL);
  o = parse (json, &parser);
  fail_if (json_object_has_member (o, "evidence"));
  g_object_unref (parser);
  g_free (json);
  g_object_unref (ev_parser);
}

GST_END_TEST;

/* A camera id in Latin-1, or a key of the evidence that is not text
 * (tests/fuzz/fuzz-event.c found it): what goes on the wire is still
 * UTF-8 JSON, the bad bytes replaced. */
GST_START_TEST (test_invalid_utf8)
{
  GstAnprHotlistMatch m = make_match ("AB12CDE");
  GstAnprEventContext ctx;
  JsonParser *parser;
  JsonObject *o, *ev;
  JsonNode *evidence = json_node_new (JSON_NODE_OBJECT);
  gchar *json;

  ev = json_object_new ();
  json_object_set_string_member (ev, "k\xe9y", "v\xe2\x82");
  json_node_take_object (evidence, ev);
  gst_anpr_event_context_init (&ctx);
  ctx.camera_id = "gare-\xe9st";
  ctx.evidence = evidence;
  g_strlcpy (m.matched_text, "AB\xff", sizeof (m.matched_text));

  json = gst_anpr_event_to_json (meta, &m, &ctx, NULL);
  fail_unless (g_utf8_validate (json, -1, NULL), "not UTF-8: %s", json);
  o = parse (json, &parser);
  fail_unless_equals_string (json_object_get_string_member (o, "camera_id"),
      "gare-\xef\xbf\xbdst");
  fail_unless_equals_string (json_object_get_string_member
      (json_object_get_object_member (o, "match"), "matched_text"),
      "AB\xef\xbf\xbd");
  ev = json_object_get_object_member (o, "evidence");
  fail_unless (g_str_has_prefix (json_object_get_string_member (ev,
              "k\xef\xbf\xbdy"), "v\xef\xbf\xbd"));
  g_object_unref (parser);
  g_free (json);
  json_node_unref (evidence);
}

GST_END_TEST;

GST_START_TEST (test_unique_ids)
{
  GstAnprEventContext ctx;
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  guint i;
  gchar *json, *id;

  gst_anpr_event_context_init (&ctx);
  for (i = 0; i < 1000; i++) {
    json = gst_anpr_event_to_json (meta, NULL, &ctx, &id);
    fail_unless (g_regex_match_simple (UUID_REGEX, id, 0, 0));
    fail_unless (g_hash_table_add (ids, id), "duplicate id %s", id);
    g_free (json);
  }
  g_hash_table_unref (ids);

  /* a given id is kept (a resent event keeps its id) */
  ctx.event_id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  json = gst_anpr_event_to_json (meta, NULL, &ctx, &id);
  fail_unless_equals_string (id, ctx.event_id);
  fail_unless (strstr (json, ctx.event_id) != NULL);
  g_free (json);
  g_free (id);

  /* an empty one is none: the event still gets an id, never a null
   * (tests/fuzz/fuzz-event.c found it) */
  ctx.event_id = "";
  json = gst_anpr_event_to_json (meta, NULL, &ctx, &id);
  fail_unless (id != NULL && g_regex_match_simple (UUID_REGEX, id, 0, 0),
      "no id: %s", json);
  g_free (json);
  g_free (id);
}

GST_END_TEST;

static Suite *
event_suite (void)
{
  Suite *s = suite_create ("event");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_timestamp_format);
  tcase_add_test (tc, test_match_event);
  tcase_add_test (tc, test_read_event_nulls);
  tcase_add_test (tc, test_unique_ids);
  tcase_add_test (tc, test_evidence);
  tcase_add_test (tc, test_invalid_utf8);
  return s;
}

GST_CHECK_MAIN (event);
