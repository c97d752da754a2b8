/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The readings of one track combined into one vehicle read: the texts of
 * every reading's candidates vote, weighted by confidence and plate size
 * (a plate cut by the frame edge barely counts), and a per-character vote
 * over the readings of the winner's length can assemble a text no single
 * frame read whole. */

#ifndef __PLATE_TRACK_VOTE_H__
#define __PLATE_TRACK_VOTE_H__

#include <gst/anpr/anpr.h>

G_BEGIN_DECLS

/* Readings kept per track: a long-lived (parked) track replaces its
 * weakest ones. */
#define PLATE_TRACK_VOTE_MAX_READINGS 48

typedef struct _PlateTrackVote PlateTrackVote;

typedef struct
{
  gchar text[GST_ANPR_MAX_TEXT + 1];
  gchar format[24];
  gfloat confidence;
  /* readings behind it: all, and uncut ones whose best text is text */
  guint n_readings;
  guint n_agreeing;
  guint n_candidates;
  GstAnprCandidate candidates[GST_ANPR_MAX_CANDIDATES];
} PlateTrackRead;

/* @region: the rules a text assembled character by character must fit
 * (GST_ANPR_REGION_AUTO: any region's) */
PlateTrackVote *plate_track_vote_new (GstAnprRegion region);
void plate_track_vote_free (PlateTrackVote * vote);

/* Adds the reading of @meta (its text, candidates, character confidences,
 * format and box height); @cut: the box touches the frame edge.  A meta
 * without a reading counts as a frame seen and not read. */
void plate_track_vote_add (PlateTrackVote * vote, const GstAnprPlateMeta * meta,
    gboolean cut);

/* The combined read; FALSE (and @out cleared) while there is none. */
gboolean plate_track_vote_result (PlateTrackVote * vote, PlateTrackRead * out);

/* Largest box height read so far, 0 before any reading. */
gint plate_track_vote_max_height (const PlateTrackVote * vote);

G_END_DECLS

#endif /* __PLATE_TRACK_VOTE_H__ */
