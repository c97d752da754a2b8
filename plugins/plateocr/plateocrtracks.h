/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* plateocr's memory of the tracks it reads: each track's vote, whether
 * its read is settled, and when it was last read, so that a settled or
 * static track is only checked now and then.  Streaming thread only. */

#ifndef __PLATE_OCR_TRACKS_H__
#define __PLATE_OCR_TRACKS_H__

#include <gst/anpr/anpr.h>

#include "plateframe.h"
#include "platereader.h"

G_BEGIN_DECLS

typedef struct _PlateOcrTracks PlateOcrTracks;

typedef struct
{
  /* a settled track is read again after this many sightings, or sooner
   * when its plate is seen clearly larger than in any reading so far */
  guint check_interval;
  /* the combined read's confidence, and the agreeing readings, that
   * settle a track */
  gdouble settle_confidence;
  guint settle_readings;
  /* the track's candidates kept, as for a frame's reading */
  guint max_candidates;
} PlateOcrTrackParams;

PlateOcrTracks *plate_ocr_tracks_new (void);
void plate_ocr_tracks_free (PlateOcrTracks * tracks);

/* Called once per buffer that carries plates, before the plates. */
void plate_ocr_tracks_next_frame (PlateOcrTracks * tracks);

/* A coarse picture of a plate box, to notice when what a track shows
 * changes (another image at the same place, a plate swapped). */
#define PLATE_OCR_SIGNATURE_CELLS 64
typedef struct
{
  guint8 cells[PLATE_OCR_SIGNATURE_CELLS];
  gboolean valid;
} PlateOcrSignature;

void plate_ocr_signature_compute (const PlateFrame * img, gint x, gint y,
    gint w, gint h, PlateOcrSignature * sig);

/* Whether tracked @meta, whose box looks like @sig, should be read on this
 * frame. */
gboolean plate_ocr_tracks_should_read (PlateOcrTracks * tracks,
    const GstAnprPlateMeta * meta, const PlateOcrSignature * sig,
    const PlateOcrTrackParams * params);

/* When @meta, to be read on this frame, is on a settled track (not static
 * text): the track's text, which a check of the box may confirm instead
 * of a reading (a better view, its turn, or a changed picture that still
 * shows the same plate: another plate would not pass the check).  Else
 * NULL.  Valid until the next call on @tracks. */
const gchar *plate_ocr_tracks_check_text (PlateOcrTracks * tracks,
    const GstAnprPlateMeta * meta);

/* After the check of plate_ocr_tracks_check_text () confirmed @meta's
 * track: the look is done, nothing added to the vote; writes the track's
 * read and flags into @meta as plate_ocr_tracks_update () does. */
void plate_ocr_tracks_confirmed (PlateOcrTracks * tracks,
    GstAnprPlateMeta * meta, const PlateOcrSignature * sig,
    const PlateOcrTrackParams * params);

/* After @meta was read (@read TRUE, its reading set, possibly empty) or
 * passed over: adds the reading to its track's vote and writes the
 * track's read and flags into @meta.  @cut: its box touches the frame
 * edge. */
void plate_ocr_tracks_update (PlateOcrTracks * tracks, GstAnprPlateMeta * meta,
    gboolean read, gboolean cut, const PlateOcrSignature * sig,
    GstAnprRegion region, const PlateOcrTrackParams * params);

/* Static text (@meta flagged STATIC) is boxed again and again by tracks
 * that come and go: the reading of the same place showing the same
 * picture (@sig) is recalled into @out instead of reading the same pixels
 * again.  TRUE when one was. */
gboolean plate_ocr_tracks_recall_static (PlateOcrTracks * tracks,
    const GstAnprPlateMeta * meta, const PlateOcrSignature * sig,
    PlateReading * out);

/* Remembers @reading of static @meta (showing @sig) for
 * plate_ocr_tracks_recall_static(). */
void plate_ocr_tracks_remember_static (PlateOcrTracks * tracks,
    const GstAnprPlateMeta * meta, const PlateOcrSignature * sig,
    const PlateReading * reading);

/* The track ended (its anpr-track-end event): forget it. */
void plate_ocr_tracks_end (PlateOcrTracks * tracks, guint64 track_id);

/* Sightings of tracked plates, how many of them were read, how many of
 * those readings were recalled rather than read, and how many sightings
 * were confirmed by a check instead of a reading. */
void plate_ocr_tracks_get_counts (PlateOcrTracks * tracks, guint64 * seen,
    guint64 * read, guint64 * recalled, guint64 * confirmed);

G_END_DECLS

#endif /* __PLATE_OCR_TRACKS_H__ */
