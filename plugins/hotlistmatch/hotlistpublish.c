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
#include "hotlistpublish.h"

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

void
gst_hotlist_match_post_match (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, const GstAnprHotlistMatch * m,
    const GstAnprEventContext * ctx, const gchar * event_id,
    const gchar * json)
{
  const GstAnprHotlistEntry *e = m->entry;
  GstStructure *s;

  s = analysis_message_structure_new ("anpr-match",
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
      "track-id", G_TYPE_UINT64, meta->track_id,
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
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* Overflow is reported at most every DROP_WARNING_INTERVAL_US, with the
 * number dropped since the last report. */
void
gst_hotlist_match_publish (GstHotlistMatch * self, const gchar * topic,
    const gchar * json, gint qos, const gchar * event_id)
{
  guint dropped =
      mqtt_publisher_publish (self->mqtt, topic, json, qos, event_id);
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
