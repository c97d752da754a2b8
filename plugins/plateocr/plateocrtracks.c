/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "plateocrtracks.h"
#include "platetrackvote.h"

/* A track whose end never arrives (an upstream tracker other than
 * platedetect's) is forgotten after this many frames without it. */
#define STALE_FRAMES 250
/* A static track (fixed text) is read this many times less often than a
 * settled one: it is read at all only to notice if it starts moving. */
#define STATIC_FACTOR 5
/* A sighting this much larger than the largest reading so far is a better
 * view, read even on a settled track. */
#define BETTER_VIEW 1.25

typedef struct
{
  PlateTrackVote *vote;
  guint64 last_frame;           /* frame it was last seen on */
  guint since_read;             /* sightings since its last reading */
  gboolean settled;
  PlateTrackRead result;
} OcrTrack;

struct _PlateOcrTracks
{
  GHashTable *tracks;           /* guint64 * -> OcrTrack */
  guint64 frame;
  guint64 seen, read;
};

static void
ocr_track_free (gpointer p)
{
  OcrTrack *t = p;

  plate_track_vote_free (t->vote);
  g_free (t);
}

PlateOcrTracks *
plate_ocr_tracks_new (void)
{
  PlateOcrTracks *tracks = g_new0 (PlateOcrTracks, 1);

  tracks->tracks = g_hash_table_new_full (g_int64_hash, g_int64_equal,
      g_free, ocr_track_free);
  return tracks;
}

void
plate_ocr_tracks_free (PlateOcrTracks * tracks)
{
  if (!tracks)
    return;
  g_hash_table_destroy (tracks->tracks);
  g_free (tracks);
}

static gboolean
is_stale (gpointer key, gpointer value, gpointer data)
{
  const OcrTrack *t = value;
  guint64 frame = *(guint64 *) data;

  return frame - t->last_frame > STALE_FRAMES;
}

void
plate_ocr_tracks_next_frame (PlateOcrTracks * tracks)
{
  tracks->frame++;
  if (tracks->frame % 64 == 0)
    g_hash_table_foreach_remove (tracks->tracks, is_stale, &tracks->frame);
}

static OcrTrack *
lookup (PlateOcrTracks * tracks, guint64 id)
{
  return g_hash_table_lookup (tracks->tracks, &id);
}

gboolean
plate_ocr_tracks_should_read (PlateOcrTracks * tracks,
    const GstAnprPlateMeta * meta, const PlateOcrTrackParams * params)
{
  OcrTrack *t;
  guint interval = MAX (params->check_interval, 1);

  if (meta->track_id == 0)
    return TRUE;
  t = lookup (tracks, meta->track_id);
  if (!t)
    return TRUE;
  if (meta->track_flags & GST_ANPR_TRACK_FLAG_STATIC)
    return t->since_read + 1 >= interval * STATIC_FACTOR;
  if (!t->settled)
    return TRUE;
  if (meta->height >= BETTER_VIEW * plate_track_vote_max_height (t->vote))
    return TRUE;
  return t->since_read + 1 >= interval;
}

void
plate_ocr_tracks_update (PlateOcrTracks * tracks, GstAnprPlateMeta * meta,
    gboolean read, gboolean cut, GstAnprRegion region,
    const PlateOcrTrackParams * params)
{
  OcrTrack *t;
  guint i;

  if (meta->track_id == 0)
    return;
  t = lookup (tracks, meta->track_id);
  if (!t) {
    guint64 *key = g_new (guint64, 1);

    *key = meta->track_id;
    t = g_new0 (OcrTrack, 1);
    t->vote = plate_track_vote_new (region);
    g_hash_table_insert (tracks->tracks, key, t);
  }
  t->last_frame = tracks->frame;
  tracks->seen++;
  if (read) {
    tracks->read++;
    t->since_read = 0;
    if (meta->text[0]) {
      plate_track_vote_add (t->vote, meta, cut);
      plate_track_vote_result (t->vote, &t->result);
      t->settled = t->result.confidence >= params->settle_confidence &&
          t->result.n_agreeing >= params->settle_readings;
    }
  } else {
    t->since_read++;
    meta->track_flags |= GST_ANPR_TRACK_FLAG_NOT_READ;
  }

  if (t->settled)
    meta->track_flags |= GST_ANPR_TRACK_FLAG_SETTLED;
  g_strlcpy (meta->track_text, t->result.text, sizeof (meta->track_text));
  g_strlcpy (meta->track_format, t->result.format,
      sizeof (meta->track_format));
  meta->track_confidence = t->result.confidence;
  meta->track_reads = t->result.n_readings;
  meta->n_track_candidates = t->result.n_candidates;
  for (i = 0; i < GST_ANPR_MAX_CANDIDATES; i++)
    meta->track_candidates[i] = t->result.candidates[i];
}

void
plate_ocr_tracks_end (PlateOcrTracks * tracks, guint64 track_id)
{
  g_hash_table_remove (tracks->tracks, &track_id);
}

void
plate_ocr_tracks_get_counts (PlateOcrTracks * tracks, guint64 * seen,
    guint64 * read)
{
  *seen = tracks->seen;
  *read = tracks->read;
}
