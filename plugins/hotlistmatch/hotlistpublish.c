/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* What the element reports, and how often: the dedup window (one report
 * per vehicle), the anpr-match bus message, and publishing events over
 * MQTT with rate-limited warnings when the queue overflows. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "analysis.h"
#include "hotlistevidence.h"
#include "hotlistload.h"
#include "hotlistpublish.h"
#include "hotlistremote.h"

#define GST_CAT_DEFAULT gst_hotlist_match_debug

/* Queue overflow warnings, at most this often. */
#define DROP_WARNING_INTERVAL_US (10 * G_USEC_PER_SEC)

gboolean
gst_hotlist_match_dedup_seen (GstHotlistMatch * self, const gchar * key,
    gint64 now, gint64 window_ns)
{
  gint64 *last;
  gboolean seen = FALSE;

  if (window_ns <= 0)
    return FALSE;

  /* forget what the window has passed, now and then */
  if (++self->seen_calls % 256 == 0) {
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init (&it, self->seen);
    while (g_hash_table_iter_next (&it, &k, &v)) {
      gint64 t = *(gint64 *) v;
      if (now < t || now - t >= window_ns)
        g_hash_table_iter_remove (&it);
    }
  }

  last = g_hash_table_lookup (self->seen, key);
  if (last) {
    /* time going backwards (a seek, a new segment): not a repeat */
    seen = now >= *last && now - *last < window_ns;
    *last = now;
  } else {
    last = g_new (gint64, 1);
    *last = now;
    g_hash_table_insert (self->seen, g_strdup (key), last);
  }
  return seen;
}

/* Fields of a vehicle's messages: what its "vehicle" object says. */
static void
set_vehicle_fields (GstStructure * s, const GstAnprEventContext * ctx,
    GstSample * best_frame)
{
  JsonObject *v;

  if (!ctx->vehicle || !JSON_NODE_HOLDS_OBJECT (ctx->vehicle))
    return;
  v = json_node_get_object (ctx->vehicle);
  gst_structure_set (s,
      "direction", G_TYPE_STRING,
      json_object_get_string_member_with_default (v, "direction", NULL),
      "image-direction", G_TYPE_STRING,
      json_object_get_string_member_with_default (v, "image_direction", NULL),
      "passage", G_TYPE_STRING,
      json_object_get_string_member_with_default (v, "passage", NULL),
      "sightings", G_TYPE_UINT,
      (guint) json_object_get_int_member_with_default (v, "sightings", 0),
      NULL);
  if (best_frame)
    gst_structure_set (s, "best-frame", GST_TYPE_SAMPLE, best_frame, NULL);
}

/* The message @name about @meta: its times, and the fields every message
 * about a plate carries. */
static GstStructure *
plate_message_new (GstHotlistMatch * self, const gchar * name,
    GstBuffer * buf, const GstAnprPlateMeta * meta,
    const GstAnprEventContext * ctx, const gchar * event_id)
{
  GstStructure *s = analysis_message_structure_new (name,
      &GST_BASE_TRANSFORM (self)->segment, buf);

  gst_structure_set (s,
      "event-id", G_TYPE_STRING, event_id,
      "camera-id", G_TYPE_STRING, ctx->camera_id,
      "plate", G_TYPE_STRING, meta->text,
      "confidence", G_TYPE_DOUBLE, (gdouble) meta->confidence,
      "region", G_TYPE_STRING, meta->region,
      "format", G_TYPE_STRING, meta->format,
      "x", G_TYPE_INT, meta->x, "y", G_TYPE_INT, meta->y,
      "width", G_TYPE_INT, meta->width, "height", G_TYPE_INT, meta->height,
      "track-id", G_TYPE_UINT64, meta->track_id, NULL);
  return s;
}

void
gst_hotlist_match_post_match (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, const GstAnprHotlistMatch * m,
    const GstAnprEventContext * ctx, const gchar * event_id,
    const gchar * json, GstSample * best_frame)
{
  const GstAnprHotlistEntry *e = m->entry;
  GstStructure *s;

  s = plate_message_new (self, "anpr-match", buf, meta, ctx, event_id);
  gst_structure_set (s,
      "meta-id", G_TYPE_UINT, meta->id,
      "hotlist-plate", G_TYPE_STRING, e->plate,
      "hotlist-list", G_TYPE_STRING, e->list,
      "reason", G_TYPE_STRING, e->reason,
      "priority", G_TYPE_INT, e->priority,
      "action", G_TYPE_STRING, e->action,
      "expires", G_TYPE_STRING, e->expires,
      "notes", G_TYPE_STRING, e->notes,
      "source", G_TYPE_STRING, e->source,
      "match-kind", G_TYPE_STRING, gst_anpr_match_kind_to_string (m->kind),
      "distance", G_TYPE_DOUBLE, m->distance,
      "matched-text", G_TYPE_STRING, m->matched_text,
      "json", G_TYPE_STRING, json, NULL);
  set_vehicle_fields (s, ctx, best_frame);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* Overflow is reported at most every DROP_WARNING_INTERVAL_US, with the
 * number dropped since the last report. */
void
gst_hotlist_match_publish (GstHotlistMatch * self, const gchar * topic,
    const gchar * json, gint qos, const gchar * event_id, gint64 expires)
{
  guint dropped = mqtt_publisher_publish_expiring (self->mqtt, topic, json,
      qos, event_id, expires);
  gint64 now;

  if (!dropped && !self->drops_unreported)
    return;
  self->drops_unreported += dropped;
  now = g_get_monotonic_time ();
  if (self->last_drop_warning && now - self->last_drop_warning <
      DROP_WARNING_INTERVAL_US)
    return;
  GST_ELEMENT_WARNING (self, RESOURCE, WRITE,
      ("MQTT queue full: dropped %u undelivered message(s)",
          self->drops_unreported),
      ("the broker has been unreachable or slow for longer than queue-size "
          "(with spool-dir: the spool's bounds and queue-size more) "
          "messages last"));
  self->drops_unreported = 0;
  self->last_drop_warning = now;
}

static void
post_vehicle (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, const GstAnprEventContext * ctx,
    const gchar * event_id, const gchar * json, GstSample * best_frame,
    gboolean matched)
{
  GstStructure *s = plate_message_new (self, "anpr-vehicle", buf, meta, ctx,
      event_id);

  gst_structure_set (s,
      "matched", G_TYPE_BOOLEAN, matched,
      "json", G_TYPE_STRING, json, NULL);
  set_vehicle_fields (s, ctx, best_frame);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

void
gst_hotlist_match_report (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, GstAnprEventContext * ctx,
    GstSample * best_frame, gboolean may_alert)
{
  GstAnprHotlist *hl, *remote;
  gboolean publish_reads, matched = FALSE;
  gint qos, evidence;
  guint evidence_max_bytes, read_max_age;
  gdouble max_distance;
  gint64 window_ns, now_ns;
  gboolean vehicle = ctx->vehicle != NULL;

  GST_OBJECT_LOCK (self);
  hl = self->hotlist ? gst_anpr_hotlist_ref (self->hotlist) : NULL;
  /* the list received over MQTT, matched beside the files' */
  remote = self->remote_hotlist ?
      gst_anpr_hotlist_ref (self->remote_hotlist) : NULL;
  publish_reads = self->publish_reads;
  qos = self->mqtt_qos;
  max_distance = self->max_distance;
  window_ns = (gint64) (self->dedup_window * GST_SECOND);
  evidence = self->evidence;
  evidence_max_bytes = self->evidence_max_bytes;
  read_max_age = self->read_max_age;
  GST_OBJECT_UNLOCK (self);

  now_ns = GST_CLOCK_TIME_IS_VALID (ctx->running_time) ?
      (gint64) ctx->running_time : g_get_monotonic_time () * GST_USECOND;

  if ((hl || remote) && may_alert) {
    GArray *matches = gst_hotlist_match_lookup (hl, remote, meta,
        max_distance, ctx->wall_time_us);

    if (matches->len > 0) {
      const GstAnprHotlistMatch *m =
          &g_array_index (matches, GstAnprHotlistMatch, 0);
      gchar *key = g_strdup_printf ("m\x1f%s\x1f%s", m->entry->plate,
          GST_STR_NULL (m->entry->list));

      matched = TRUE;
      /* a track split in two by a long occlusion is still one vehicle */
      if (gst_hotlist_match_dedup_seen (self, key, now_ns, window_ns)) {
        GST_DEBUG_OBJECT (self, "%s matches %s again, suppressed",
            meta->text, m->entry->plate);
      } else {
        gchar *event_id = NULL;
        gchar *json;

        ctx->evidence =
            gst_hotlist_match_make_evidence (self, buf, meta, evidence,
            evidence_max_bytes);
        json = gst_anpr_event_to_json (meta, m, ctx, &event_id);
        g_clear_pointer (&ctx->evidence, json_node_unref);

        GST_INFO_OBJECT (self, "%s matches hotlist %s (%s, %s, distance "
            "%.1f), event %s", meta->text, m->entry->plate,
            GST_STR_NULL (m->entry->list),
            gst_anpr_match_kind_to_string (m->kind), m->distance, event_id);
        gst_hotlist_match_post_match (self, buf, meta, m, ctx, event_id, json,
            best_frame);
        if (self->mqtt)
          gst_hotlist_match_publish (self, self->topic_match, json, qos,
              event_id, 0);
        g_free (json);
        g_free (event_id);
      }
      g_free (key);
    }
    g_array_unref (matches);
  }

  if (vehicle || (publish_reads && self->mqtt)) {
    gchar *key = g_strdup_printf ("r\x1f%s", meta->text);

    /* a vehicle is one read by construction; frames are deduplicated */
    if (vehicle || !gst_hotlist_match_dedup_seen (self, key, now_ns,
            window_ns)) {
      gchar *event_id = NULL;
      gchar *json = gst_anpr_event_to_json (meta, NULL, ctx, &event_id);

      if (publish_reads && self->mqtt)
        gst_hotlist_match_publish (self, self->topic_read, json, qos,
            event_id, read_max_age ? g_get_real_time () +
            (gint64) read_max_age * G_USEC_PER_SEC : 0);
      if (vehicle)
        post_vehicle (self, buf, meta, ctx, event_id, json, best_frame,
            matched);
      g_free (json);
      g_free (event_id);
    }
    g_free (key);
  }
  gst_hotlist_match_release_hotlist (self, hl);
  gst_hotlist_match_release_hotlist (self, remote);
}
