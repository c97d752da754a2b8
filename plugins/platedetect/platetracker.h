/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The plate tracker of platedetect: plain C (GLib only), fed the boxes
 * of each analysed frame, gives every box the id of the vehicle it
 * belongs to and tells which tracks ended.  Not thread safe: one caller
 * (the streaming thread) at a time. */

#ifndef __PLATE_TRACKER_H__
#define __PLATE_TRACKER_H__

#include <glib.h>

G_BEGIN_DECLS

/* A time that is not known (the same value as GST_CLOCK_TIME_NONE). */
#define PLATE_TRACKER_TIME_NONE G_MAXUINT64

/* Flags of one sighting; the same values as GstAnprTrackFlags. */
#define PLATE_TRACKER_FLAG_NEW (1 << 0)
#define PLATE_TRACKER_FLAG_STATIC (1 << 1)
#define PLATE_TRACKER_FLAG_EDGE (1 << 2)

#define PLATE_TRACKER_DEFAULT_TIMEOUT (G_GUINT64_CONSTANT (1000000000))
#define PLATE_TRACKER_DEFAULT_FRAME_DURATION (G_GUINT64_CONSTANT (40000000))

typedef struct _PlateTracker PlateTracker;

/* One detected box, in pixels of the frame. */
typedef struct
{
  gint x, y, width, height;
  gfloat confidence;
} PlateTrackerBox;

/* What the tracker says about the box of the same index. */
typedef struct
{
  guint64 track_id;             /* from 1, never reused */
  guint flags;                  /* PLATE_TRACKER_FLAG_* */
  guint frames;                 /* sightings so far, this one included */
} PlateTrackerResult;

/* A track that ended. */
typedef struct
{
  guint64 track_id;
  guint frames;                 /* frames it was detected in */
  guint64 last_seen;            /* PTS of its last sighting, or NONE */
} PlateTrackerEnded;

PlateTracker *plate_tracker_new (void);
void plate_tracker_free (PlateTracker * tracker);

/* How long (ns) a track lives on without being detected. */
void plate_tracker_set_timeout (PlateTracker * tracker, guint64 timeout);
guint64 plate_tracker_get_timeout (PlateTracker * tracker);

/* The duration (ns) of one frame, for frames without a PTS. */
void plate_tracker_set_frame_duration (PlateTracker * tracker,
    guint64 duration);

/* Feeds one analysed frame: @pts (ns, or PLATE_TRACKER_TIME_NONE, then
 * @frame_number times the frame duration stands in for it), the frame's
 * size and its @n_boxes boxes.  Fills @results[i] for @boxes[i] and
 * appends to @ended (a GArray of PlateTrackerEnded) the tracks that ended:
 * not seen for the timeout, or all of them when time went backwards.
 * Returns the number of tracks ended. */
guint plate_tracker_update (PlateTracker * tracker, guint64 pts,
    guint64 frame_number, gint frame_width, gint frame_height,
    const PlateTrackerBox * boxes, guint n_boxes,
    PlateTrackerResult * results, GArray * ended);

/* Ends every open track (appended to @ended); the next frame is the start
 * of a stream again.  With @forget_static, the positions of static tracks
 * are forgotten too (a new stream, another picture).  @ended may be NULL
 * to drop them silently (stop).  Ids go on. */
guint plate_tracker_end_all (PlateTracker * tracker, gboolean forget_static,
    GArray * ended);

typedef struct
{
  PlateTrackerBox box;          /* where the plate is expected */
  guint64 track_id;
  guint frames;                 /* sightings so far */
  gboolean is_static;           /* flagged STATIC: text that stands still */
  guint64 missed;               /* frames without it since it was last seen */
} PlateTrackerPrediction;

/* Where the open tracks' plates are expected at a time: what is searched
 * between detections of the whole picture. */
guint plate_tracker_predict (PlateTracker * tracker, guint64 pts,
    guint64 frame_number, PlateTrackerPrediction * predictions,
    guint max_predictions);

/* The detector's smallest box width: a missed track predicted well under
 * it has gone out of reach and ends at once. */
void plate_tracker_set_min_width (PlateTracker * tracker, gint min_width);

/* Open tracks. */
guint plate_tracker_get_n_tracks (PlateTracker * tracker);

G_END_DECLS

#endif /* __PLATE_TRACKER_H__ */
