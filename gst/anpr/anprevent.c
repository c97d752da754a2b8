/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/**
 * SECTION:anprevent
 * @title: ANPR events
 * @short_description: the versioned JSON event of a read or a hotlist match
 *
 * Builds the JSON that hotlistmatch publishes over MQTT and puts in its
 * `anpr-match` bus messages.  The schema ("schema": "gst-anpr.event",
 * "schema_version": "1.1") is documented field by field in docs/mqtt.md
 * and as JSON Schema in docs/event.schema.json.
 *
 * Numbers are written in their shortest form that reads back to the same
 * value (confidences rounded to 4 decimals, times to the microsecond), and
 * non-integer fields always carry a decimal point, so a JSON parser sees a
 * double where the schema says number.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "anprevent.h"
#include "anprhotlistprivate.h"
#include "anprplaterules.h"

/**
 * gst_anpr_event_context_init:
 * @ctx: a #GstAnprEventContext
 *
 * Sets every field to "unknown": no camera, now, no stream or running
 * time, a fresh id.
 */
void
gst_anpr_event_context_init (GstAnprEventContext * ctx)
{
  g_return_if_fail (ctx != NULL);
  memset (ctx, 0, sizeof (*ctx));
  ctx->stream_time = GST_CLOCK_TIME_NONE;
  ctx->running_time = GST_CLOCK_TIME_NONE;
}

/**
 * gst_anpr_event_format_timestamp:
 * @wall_time_us: microseconds since the Unix epoch (0: now)
 *
 * Returns: (transfer full): UTC ISO 8601 with milliseconds and Z, for
 *   example "2026-11-21T10:15:30.123Z"
 */
gchar *
gst_anpr_event_format_timestamp (gint64 wall_time_us)
{
  GDateTime *dt;
  gchar *base, *res;
  gint64 secs;
  gint ms;

  if (wall_time_us == 0)
    wall_time_us = g_get_real_time ();
  secs = wall_time_us / G_USEC_PER_SEC;
  ms = (gint) ((wall_time_us % G_USEC_PER_SEC) / 1000);
  if (ms < 0) {
    secs--;
    ms += 1000;
  }
  dt = g_date_time_new_from_unix_utc (secs);
  if (!dt)
    return g_strdup ("1970-01-01T00:00:00.000Z");
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  res = g_strdup_printf ("%s.%03dZ", base, ms);
  g_free (base);
  g_date_time_unref (dt);
  return res;
}

static gdouble
round4 (gfloat v)
{
  return round ((gdouble) v * 10000.0) / 10000.0;
}

static void
add_string (JsonBuilder * b, const gchar * name, const gchar * value)
{
  json_builder_set_member_name (b, name);
  if (value && *value) {
    gchar *valid = g_utf8_make_valid (value, -1);
    json_builder_add_string_value (b, valid);
    g_free (valid);
  } else {
    json_builder_add_null_value (b);
  }
}

static void
add_double (JsonBuilder * b, const gchar * name, gdouble value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

static void
add_int (JsonBuilder * b, const gchar * name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_time (JsonBuilder * b, const gchar * name, GstClockTime t)
{
  json_builder_set_member_name (b, name);
  if (GST_CLOCK_TIME_IS_VALID (t))
    json_builder_add_double_value (b, (gdouble) (t / GST_USECOND) / 1e6);
  else
    json_builder_add_null_value (b);
}

static void
add_difference (JsonBuilder * b, const gchar * kind, guint position,
    gchar read, gchar listed)
{
  gchar r[2] = { read, 0 }, l[2] = { listed, 0 };

  json_builder_begin_object (b);
  add_string (b, "kind", kind);
  add_int (b, "position", position);
  add_string (b, "read", r);
  add_string (b, "listed", l);
  json_builder_set_member_name (b, "lookalike");
  json_builder_add_boolean_value (b, read && listed &&
      gst_anpr_chars_confusable (read, listed));
  json_builder_end_object (b);
}

/* "differences": the edits of the cheapest alignment that turn the read
 * @a into the listed @b_text: what an operator checks on the picture.
 * Positions are in the read text. */
static void
add_differences (JsonBuilder * b, const gchar * a, const gchar * b_text)
{
  static const gchar *const kinds[] = { "substitution", "extra", "missing" };
  gchar bn[GST_ANPR_HOTLIST_MAX_PLATE + 1];
  GArray *edits;
  guint i;

  gst_anpr_plate_normalise (b_text, bn, sizeof (bn));
  edits = _gst_anpr_plate_edits (a, bn);
  json_builder_set_member_name (b, "differences");
  json_builder_begin_array (b);
  for (i = 0; i < edits->len; i++) {
    const GstAnprEdit *e = &g_array_index (edits, GstAnprEdit, i);

    add_difference (b, kinds[e->kind], e->read_pos, e->read, e->listed);
  }
  json_builder_end_array (b);
  g_array_free (edits, TRUE);
}

/**
 * gst_anpr_event_build:
 * @meta: the read plate
 * @match: (nullable): the hotlist hit, or %NULL for a "read" event
 * @ctx: camera, times and id
 *
 * Returns: (transfer full): the event as a JSON object
 */
JsonNode *
gst_anpr_event_build (const GstAnprPlateMeta * meta,
    const GstAnprHotlistMatch * match, const GstAnprEventContext * ctx)
{
  JsonBuilder *b;
  JsonNode *root;
  gchar *id, *ts;
  guint i;

  g_return_val_if_fail (meta != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);
  g_return_val_if_fail (match == NULL || match->entry != NULL, NULL);

  /* an empty id is none: "event_id" is never null */
  id = ctx->event_id && *ctx->event_id ? g_strdup (ctx->event_id) :
      g_uuid_string_random ();
  ts = gst_anpr_event_format_timestamp (ctx->wall_time_us);

  b = json_builder_new ();
  json_builder_begin_object (b);
  add_string (b, "schema", GST_ANPR_EVENT_SCHEMA);
  add_string (b, "schema_version", GST_ANPR_EVENT_SCHEMA_VERSION);
  add_string (b, "event_id", id);
  add_string (b, "type", match ? "match" : "read");
  json_builder_set_member_name (b, "camera_id");
  json_builder_add_string_value (b, ctx->camera_id ? ctx->camera_id : "");
  add_string (b, "timestamp", ts);
  add_time (b, "stream_time", ctx->stream_time);
  add_time (b, "running_time", ctx->running_time);

  json_builder_set_member_name (b, "plate");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, meta->text);
  add_double (b, "confidence", round4 (meta->confidence));
  add_string (b, "region", meta->region);
  add_string (b, "format", meta->format);
  json_builder_set_member_name (b, "box");
  json_builder_begin_object (b);
  add_int (b, "x", meta->x);
  add_int (b, "y", meta->y);
  add_int (b, "width", meta->width);
  add_int (b, "height", meta->height);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "candidates");
  json_builder_begin_array (b);
  for (i = 0; i < MIN (meta->n_candidates, GST_ANPR_MAX_CANDIDATES); i++) {
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "text");
    json_builder_add_string_value (b, meta->candidates[i].text);
    add_double (b, "confidence", round4 (meta->candidates[i].confidence));
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  add_double (b, "detect_confidence", round4 (meta->detect_confidence));
  json_builder_set_member_name (b, "track_id");
  if (meta->track_id)
    json_builder_add_int_value (b, (gint64) meta->track_id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);

  if (match) {
    const GstAnprHotlistEntry *e = match->entry;

    json_builder_set_member_name (b, "hotlist");
    json_builder_begin_object (b);
    add_string (b, "plate", e->plate);
    add_string (b, "listed", e->listed);
    add_string (b, "list", e->list);
    add_string (b, "reason", e->reason);
    json_builder_set_member_name (b, "priority");
    if (e->priority != GST_ANPR_HOTLIST_NO_PRIORITY)
      json_builder_add_int_value (b, e->priority);
    else
      json_builder_add_null_value (b);
    add_string (b, "action", e->action);
    add_string (b, "expires", e->expires);
    add_string (b, "notes", e->notes);
    {
      gchar *src = e->source ? g_path_get_basename (e->source) : NULL;
      add_string (b, "source", src);
      g_free (src);
    }
    json_builder_set_member_name (b, "source_line");
    if (e->line)
      json_builder_add_int_value (b, e->line);
    else
      json_builder_add_null_value (b);
    json_builder_end_object (b);

    json_builder_set_member_name (b, "match");
    json_builder_begin_object (b);
    add_string (b, "kind", gst_anpr_match_kind_to_string (match->kind));
    add_double (b, "distance", match->distance);
    json_builder_set_member_name (b, "matched_text");
    json_builder_add_string_value (b, match->matched_text);
    add_int (b, "candidate", match->candidate);
    /* 1.2: how a fuzzy match differs from the listed plate */
    if (match->kind == GST_ANPR_MATCH_FUZZY)
      add_differences (b, match->matched_text, e->plate);
    json_builder_end_object (b);

    /* 1.1: pictures, only when there are some */
    if (ctx->evidence && JSON_NODE_HOLDS_OBJECT (ctx->evidence)) {
      json_builder_set_member_name (b, "evidence");
      json_builder_add_value (b, json_node_copy (ctx->evidence));
    }
  }

  /* 1.2: the vehicle a tracked read sums up */
  if (ctx->vehicle && JSON_NODE_HOLDS_OBJECT (ctx->vehicle)) {
    json_builder_set_member_name (b, "vehicle");
    json_builder_add_value (b, json_node_copy (ctx->vehicle));
  }

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  g_object_unref (b);
  g_free (id);
  g_free (ts);
  return root;
}

/* ---- compact writer ---------------------------------------------------
 * json-glib 1.6 writes doubles with 17 significant digits
 * (0.9 becomes 0.90000000000000002); dispatch systems and people read these
 * messages, so write the shortest exact form ourselves. */

static void
write_string (GString * s, const gchar * str)
{
  const guchar *p;
  gchar *valid = NULL;

  /* what goes on the wire is UTF-8 JSON, whatever a caller set: a camera
   * id in Latin-1, a plate text or an evidence key that is not text gets
   * its bad bytes replaced, as add_string () does */
  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);
  g_string_append_c (s, '"');
  for (p = (const guchar *) str; *p; p++) {
    switch (*p) {
      case '"':
        g_string_append (s, "\\\"");
        break;
      case '\\':
        g_string_append (s, "\\\\");
        break;
      case '\n':
        g_string_append (s, "\\n");
        break;
      case '\r':
        g_string_append (s, "\\r");
        break;
      case '\t':
        g_string_append (s, "\\t");
        break;
      default:
        if (*p < 0x20 || *p == 0x7f)
          g_string_append_printf (s, "\\u%04x", *p);
        else
          g_string_append_c (s, *p);
    }
  }
  g_string_append_c (s, '"');
  g_free (valid);
}

static void
write_double (GString * s, gdouble v)
{
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v)) {
    g_string_append (s, "null");
    return;
  }
  g_ascii_formatd (buf, sizeof (buf), "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, sizeof (buf), "%.17g", v);
  g_string_append (s, buf);
  if (!strpbrk (buf, ".eE"))
    g_string_append (s, ".0");
}

static void write_node (GString * s, JsonNode * node);

static void
write_object (GString * s, JsonObject * obj)
{
  GList *members = json_object_get_members (obj), *l;

  g_string_append_c (s, '{');
  for (l = members; l; l = l->next) {
    if (l != members)
      g_string_append_c (s, ',');
    write_string (s, l->data);
    g_string_append_c (s, ':');
    write_node (s, json_object_get_member (obj, l->data));
  }
  g_string_append_c (s, '}');
  g_list_free (members);
}

static void
write_node (GString * s, JsonNode * node)
{
  switch (JSON_NODE_TYPE (node)) {
    case JSON_NODE_OBJECT:
      write_object (s, json_node_get_object (node));
      break;
    case JSON_NODE_ARRAY:{
      JsonArray *arr = json_node_get_array (node);
      guint i, n = json_array_get_length (arr);

      g_string_append_c (s, '[');
      for (i = 0; i < n; i++) {
        if (i)
          g_string_append_c (s, ',');
        write_node (s, json_array_get_element (arr, i));
      }
      g_string_append_c (s, ']');
      break;
    }
    case JSON_NODE_NULL:
      g_string_append (s, "null");
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node)) {
        case G_TYPE_INT64:
          g_string_append_printf (s, "%" G_GINT64_FORMAT,
              json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          write_double (s, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (s, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          write_string (s, json_node_get_string (node));
          break;
        default:
          g_string_append (s, "null");
      }
      break;
  }
}

/**
 * gst_anpr_event_to_json:
 * @meta: the read plate
 * @match: (nullable): the hotlist hit, or %NULL for a "read" event
 * @ctx: camera, times and id
 * @event_id: (out) (optional) (transfer full): the event's id
 *
 * Returns: (transfer full): the event as compact JSON text (UTF-8, one
 *   line), exactly what goes on the wire
 */
gchar *
gst_anpr_event_to_json (const GstAnprPlateMeta * meta,
    const GstAnprHotlistMatch * match, const GstAnprEventContext * ctx,
    gchar ** event_id)
{
  JsonNode *root;
  GString *s;

  root = gst_anpr_event_build (meta, match, ctx);
  if (!root)
    return NULL;
  s = g_string_sized_new (1024);
  write_node (s, root);
  if (event_id)
    *event_id = g_strdup (json_object_get_string_member (json_node_get_object
            (root), "event_id"));
  json_node_unref (root);
  return g_string_free (s, FALSE);
}
