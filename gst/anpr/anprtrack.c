/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/**
 * SECTION:gstanprtrack
 * @title: Tracks
 * @short_description: plates followed across frames
 *
 * platedetect follows each plate from frame to frame and gives all its
 * sightings one #GstAnprPlateMeta.track_id.  When a track ends (not seen
 * for the tracker's timeout, or the stream ends) it sends a custom
 * downstream event, in order with the frames, that elements downstream
 * parse with gst_anpr_track_end_event_parse(): hotlistmatch publishes the
 * vehicle's read then.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "anprtrack.h"

/**
 * gst_anpr_track_end_event_new:
 * @track_id: the track that ended
 * @frames: frames it was detected in
 * @last_seen: PTS of its last sighting, or %GST_CLOCK_TIME_NONE
 *
 * Returns: (transfer full): a serialized custom downstream event named
 *   %GST_ANPR_TRACK_END_EVENT
 */
GstEvent *
gst_anpr_track_end_event_new (guint64 track_id, guint frames,
    GstClockTime last_seen)
{
  return gst_event_new_custom (GST_EVENT_CUSTOM_DOWNSTREAM,
      gst_structure_new (GST_ANPR_TRACK_END_EVENT,
          "track-id", G_TYPE_UINT64, track_id,
          "frames", G_TYPE_UINT, frames,
          "last-seen", G_TYPE_UINT64, (guint64) last_seen, NULL));
}

/**
 * gst_anpr_track_end_event_parse:
 * @event: any event
 * @track_id: (out) (optional): the track that ended
 * @frames: (out) (optional): frames it was detected in
 * @last_seen: (out) (optional): PTS of its last sighting
 *
 * Returns: %TRUE if @event is a track end event (and the fields are set)
 */
gboolean
gst_anpr_track_end_event_parse (GstEvent * event, guint64 * track_id,
    guint * frames, GstClockTime * last_seen)
{
  const GstStructure *s;
  guint64 id = 0, last = GST_CLOCK_TIME_NONE;
  guint n = 0;

  if (GST_EVENT_TYPE (event) != GST_EVENT_CUSTOM_DOWNSTREAM)
    return FALSE;
  s = gst_event_get_structure (event);
  if (!s || !gst_structure_has_name (s, GST_ANPR_TRACK_END_EVENT))
    return FALSE;
  if (!gst_structure_get_uint64 (s, "track-id", &id))
    return FALSE;
  gst_structure_get_uint (s, "frames", &n);
  gst_structure_get_uint64 (s, "last-seen", &last);
  if (track_id)
    *track_id = id;
  if (frames)
    *frames = n;
  if (last_seen)
    *last_seen = last;
  return TRUE;
}
