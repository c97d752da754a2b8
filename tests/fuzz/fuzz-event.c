/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* libFuzzer target: the event JSON (tests/fuzz/run.sh).  The input is a
 * header of numbers (times, box, confidences, flags) and then the texts of
 * a plate, its hotlist entry and the context, one a line; the last line,
 * if it parses as a JSON object, is the evidence.  gst_anpr_event_to_json()
 * must give what a JSON parser reads back as an object with the same event
 * id, whatever bytes the texts hold. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gst/anpr/anpr.h>

int LLVMFuzzerTestOneInput (const uint8_t * data, size_t size);

typedef struct
{
  const uint8_t *data;
  size_t size, pos;
} Reader;

static guint64
read_u64 (Reader * r, guint bytes)
{
  guint64 v = 0;
  guint i;

  for (i = 0; i < bytes; i++)
    v = (v << 8) | (r->pos < r->size ? r->data[r->pos++] : 0);
  return v;
}

static gfloat
read_conf (Reader * r)
{
  guint8 b = (guint8) read_u64 (r, 1);

  /* now and then a value out of range, as a careless caller may set */
  if (b == 0xff)
    return 1e30f;
  if (b == 0xfe)
    return -1.0f;
  return b / 250.0f;
}

/* the next line of the text part, or "" past its end */
static const gchar *
next_line (gchar *** lines)
{
  if (!**lines)
    return "";
  return *(*lines)++;
}

int
LLVMFuzzerTestOneInput (const uint8_t * data, size_t size)
{
  Reader r = { data, size, 0 };
  GstAnprPlateMeta meta;
  GstAnprHotlistEntry entry;
  GstAnprHotlistMatch match;
  GstAnprEventContext ctx;
  JsonParser *parser;
  JsonNode *evidence = NULL;
  JsonObject *obj;
  gchar *text, **lines, **l, *json, *event_id = NULL;
  const gchar *ev;
  guint flags, i;

  memset (&meta, 0, sizeof (meta));
  memset (&entry, 0, sizeof (entry));
  memset (&match, 0, sizeof (match));
  gst_anpr_event_context_init (&ctx);

  flags = (guint) read_u64 (&r, 1);
  ctx.wall_time_us = (gint64) read_u64 (&r, 8);
  if (flags & 1)
    ctx.stream_time = read_u64 (&r, 8);
  if (flags & 2)
    ctx.running_time = read_u64 (&r, 8);
  meta.x = (gint) read_u64 (&r, 4);
  meta.y = (gint) read_u64 (&r, 4);
  meta.width = (gint) read_u64 (&r, 2);
  meta.height = (gint) read_u64 (&r, 2);
  meta.detect_confidence = read_conf (&r);
  meta.confidence = read_conf (&r);
  meta.track_id = read_u64 (&r, (flags & 4) ? 8 : 0);
  meta.n_candidates = (guint) read_u64 (&r, 1) % (GST_ANPR_MAX_CANDIDATES + 3);
  entry.priority = (gint) read_u64 (&r, 1) - 8;
  entry.line = (guint) read_u64 (&r, 4);
  match.kind = (GstAnprMatchKind) (read_u64 (&r, 1) % 3);
  memcpy (&match.distance, &(guint64) {
      read_u64 (&r, 8)}, sizeof (match.distance));
  match.candidate = (guint) read_u64 (&r, 1);

  text = g_strndup ((const gchar *) data + r.pos, size - r.pos);
  lines = l = g_strsplit (text, "\n", -1);
  ctx.camera_id = next_line (&l);
  if (flags & 8)
    ctx.event_id = next_line (&l);
  g_strlcpy (meta.region, next_line (&l), sizeof (meta.region));
  g_strlcpy (meta.format, next_line (&l), sizeof (meta.format));
  g_strlcpy (meta.text, next_line (&l), sizeof (meta.text));
  for (i = 0; i < MIN (meta.n_candidates, GST_ANPR_MAX_CANDIDATES); i++) {
    g_strlcpy (meta.candidates[i].text, next_line (&l),
        sizeof (meta.candidates[i].text));
    meta.candidates[i].confidence = read_conf (&r);
  }
  entry.plate = (gchar *) next_line (&l);
  entry.listed = (gchar *) next_line (&l);
  entry.list = (gchar *) next_line (&l);
  entry.reason = (gchar *) next_line (&l);
  entry.action = (gchar *) next_line (&l);
  entry.expires = (gchar *) next_line (&l);
  entry.notes = (gchar *) next_line (&l);
  entry.source = (gchar *) next_line (&l);
  g_strlcpy (match.matched_text, next_line (&l), sizeof (match.matched_text));
  match.entry = &entry;

  parser = json_parser_new ();
  ev = next_line (&l);
  /* blank text parses to no root */
  if (*ev && json_parser_load_from_data (parser, ev, -1, NULL)
      && json_parser_get_root (parser))
    evidence = json_node_copy (json_parser_get_root (parser));
  ctx.evidence = evidence;

  json = gst_anpr_event_to_json (&meta, (flags & 16) ? &match : NULL, &ctx,
      &event_id);
  if (!json || !event_id)
    abort ();
  /* what the broker carries is JSON, and says which event it is */
  if (!g_utf8_validate (json, -1, NULL))
    abort ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    abort ();
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    abort ();
  obj = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (obj,
              "event_id", NULL), event_id) != 0)
    abort ();

  g_free (json);
  g_free (event_id);
  if (evidence)
    json_node_unref (evidence);
  g_object_unref (parser);
  g_strfreev (lines);
  g_free (text);
  return 0;
}
