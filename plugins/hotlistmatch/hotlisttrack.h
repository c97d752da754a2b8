/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Vehicles, not frames (hotlisttrack.c): the sightings of each track are
 * gathered until the track ends, or its read is settled and the plate has
 * been seen at its best, and then the vehicle is reported once, with its
 * best frame, direction of travel and passage. */

#ifndef __HOTLIST_TRACK_H__
#define __HOTLIST_TRACK_H__

#include "gsthotlistmatchprivate.h"

G_BEGIN_DECLS

void gst_hotlist_match_tracks_start (GstHotlistMatch * self);
void gst_hotlist_match_tracks_stop (GstHotlistMatch * self);

/* A sighting of a tracked plate (meta->track_id != 0) on @buf. */
void gst_hotlist_match_track_sighting (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, const GstAnprEventContext * ctx);

/* After a buffer's plates: reports the vehicles that are ready. */
void gst_hotlist_match_tracks_check (GstHotlistMatch * self);

/* The track's anpr-track-end event: reports it if not yet, forgets it. */
void gst_hotlist_match_track_end (GstHotlistMatch * self, guint64 track_id);

/* EOS: every open track ends. */
void gst_hotlist_match_tracks_end_all (GstHotlistMatch * self);

G_END_DECLS

#endif /* __HOTLIST_TRACK_H__ */
