/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_ANPR_EVENT_H__
#define __GST_ANPR_EVENT_H__

#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <gst/anpr/anprplatemeta.h>
#include <gst/anpr/anprhotlist.h>

G_BEGIN_DECLS

/* Value of "schema" in every event; see docs/mqtt.md and
 * docs/event.schema.json. */
#define GST_ANPR_EVENT_SCHEMA "gst-anpr.event"
/* Value of "schema_version": MAJOR.MINOR.  MINOR grows when fields are
 * added, MAJOR when a field changes meaning or type or goes away. */
#define GST_ANPR_EVENT_SCHEMA_VERSION "1.2"

/**
 * GstAnprEventContext:
 * @camera_id: the camera (element property camera-id)
 * @wall_time_us: wall clock when the frame was analysed, microseconds since
 *   the Unix epoch (0: now)
 * @stream_time: stream time of the frame, or %GST_CLOCK_TIME_NONE (null in
 *   the JSON)
 * @running_time: running time of the frame, or %GST_CLOCK_TIME_NONE
 * @event_id: the event's id, or %NULL (or "") to make a random UUID
 * @evidence: (nullable): a JSON object added as "evidence" to match events
 *   (pictures, see docs/mqtt.md); not taken over
 * @vehicle: (nullable): a JSON object added as "vehicle" (the track the
 *   read sums up: direction, passage, best frame, see docs/mqtt.md); not
 *   taken over
 *
 * What an event needs beyond the plate.
 */
typedef struct
{
  const gchar *camera_id;
  gint64 wall_time_us;
  GstClockTime stream_time;
  GstClockTime running_time;
  const gchar *event_id;
  JsonNode *evidence;
  JsonNode *vehicle;
} GstAnprEventContext;

GST_API_EXPORT
void gst_anpr_event_context_init (GstAnprEventContext * ctx);

GST_API_EXPORT
gchar *gst_anpr_event_format_timestamp (gint64 wall_time_us);

GST_API_EXPORT
JsonNode *gst_anpr_event_build (const GstAnprPlateMeta * meta,
    const GstAnprHotlistMatch * match, const GstAnprEventContext * ctx);

GST_API_EXPORT
gchar *gst_anpr_event_to_json (const GstAnprPlateMeta * meta,
    const GstAnprHotlistMatch * match, const GstAnprEventContext * ctx,
    gchar ** event_id);

G_END_DECLS

#endif /* __GST_ANPR_EVENT_H__ */
