/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_ANPR_TRACK_H__
#define __GST_ANPR_TRACK_H__

#include <gst/gst.h>

G_BEGIN_DECLS

/**
 * GstAnprTrackFlags:
 * @GST_ANPR_TRACK_FLAG_NONE: nothing special
 * @GST_ANPR_TRACK_FLAG_NEW: the first sighting of the track
 * @GST_ANPR_TRACK_FLAG_STATIC: the track has not moved since it was first
 *   seen at the start of the stream, or sits where such a track was: text
 *   fixed in the picture (a logo, a burnt-in clock, a sign), not a vehicle
 * @GST_ANPR_TRACK_FLAG_EDGE: the box touches an edge of the frame: the
 *   plate may be cut there
 * @GST_ANPR_TRACK_FLAG_SETTLED: the track's read is settled (plateocr):
 *   further readings are unlikely to change it
 * @GST_ANPR_TRACK_FLAG_NOT_READ: plateocr did not read this sighting (its
 *   track is settled or static and is only checked now and then); the
 *   track fields still hold the track's read
 *
 * Flags of one sighting of a track, in #GstAnprPlateMeta.track_flags.
 * platedetect sets the first three, plateocr the others.
 */
typedef enum
{
  GST_ANPR_TRACK_FLAG_NONE = 0,
  GST_ANPR_TRACK_FLAG_NEW = (1 << 0),
  GST_ANPR_TRACK_FLAG_STATIC = (1 << 1),
  GST_ANPR_TRACK_FLAG_EDGE = (1 << 2),
  GST_ANPR_TRACK_FLAG_SETTLED = (1 << 3),
  GST_ANPR_TRACK_FLAG_NOT_READ = (1 << 4),
} GstAnprTrackFlags;

/**
 * GST_ANPR_TRACK_END_EVENT:
 *
 * Name of the structure of the custom downstream (serialized) event that
 * the tracker sends after the last frame of a track, when the track has
 * not been seen for its timeout, and for every open track before EOS.
 */
#define GST_ANPR_TRACK_END_EVENT "anpr-track-end"

/**
 * GST_ANPR_FRAMES:
 *
 * Name of the structure platedetect counts its frames in, posted on the
 * bus as an element message and sent downstream as a custom serialized
 * event (hotlistmatch puts it in its status) about once a second of
 * stream time and before EOS.  Its #guint64 fields, totals since the
 * element started: `frames` (received), `searched` (the detector looked
 * at them, whole or in regions), `searched-whole`, `skipped` (passed on
 * unsearched by design: between detections, or nothing moved and no
 * plate was being tracked), `not-analysed` (could not be mapped) and
 * `dropped` (missing from the timestamps: lost upstream, to a leaky queue
 * or the network); and #gdouble `searched-share` (mean share of the frame
 * searched, over the searched frames).
 */
#define GST_ANPR_FRAMES "anpr-frames"

GST_API_EXPORT
GstEvent *gst_anpr_track_end_event_new (guint64 track_id, guint frames,
    GstClockTime last_seen);

GST_API_EXPORT
gboolean gst_anpr_track_end_event_parse (GstEvent * event, guint64 * track_id,
    guint * frames, GstClockTime * last_seen);

G_END_DECLS

#endif /* __GST_ANPR_TRACK_H__ */
