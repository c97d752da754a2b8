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

#include <string.h>

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
/* Readings after which a track that has not settled is read like a
 * settled one: what more readings of the same picture would add, it has
 * had (a better view is still read at once).  Text that is no plate (a
 * sign, a grille, a bus's advert, a camera's burnt-in caption) would
 * otherwise be read on every sighting for as long as it is in view. */
#define UNSETTLED_READINGS 8
/* Mean difference, in grey levels, of two signatures of one track's box
 * beyond which it shows something else: light and motion blur move it a
 * little, another plate or image a lot. */
#define CHANGED_LEVELS 24
/* An unsettled track read on the frame before is not read again unless
 * seen this much larger: the next frame shows about the same picture, and
 * shares its misreadings, so reading every other one costs half and
 * loses little. */
#define NEXT_FRAME_GROWTH 1.1
/* A box within this share of its height of where, and how large, it was
 * when last read (and showing the same picture) has not moved: reading it
 * again reads the same pixels.  Something fixed that the detector took
 * for a plate after the stream began (a window, a sign) stays there; a
 * vehicle waiting at the lights is read again when it moves off. */
#define SAME_PLACE 0.1

/* A plate's box, as it was when read */
typedef struct
{
  gint x, y, width, height;
} PlaceBox;

typedef struct
{
  PlateTrackVote *vote;
  guint64 last_frame;           /* frame it was last seen on */
  guint64 read_frame;           /* frame it was last read on */
  PlaceBox read_box;            /* its box then */
  guint since_read;             /* sightings since its last reading */
  guint attempts;               /* readings, those that found no text too */
  gint checked_height;          /* largest box a check confirmed */
  gboolean settled;
  PlateTrackRead result;
  PlateOcrSignature read_sig;   /* the box when last read */
} OcrTrack;

/* Places of static text remembered with their reading, the least recently
 * used replaced first. */
#define MAX_STATIC_READINGS 32

typedef struct
{
  PlaceBox box;
  PlateOcrSignature sig;
  PlateReading reading;
  guint64 used;                 /* frame it was last recalled or stored */
} StaticReading;

struct _PlateOcrTracks
{
  GHashTable *tracks;           /* guint64 * -> OcrTrack */
  guint64 frame;
  guint64 seen, read, recalled, confirmed;
  StaticReading statics[MAX_STATIC_READINGS];
  guint n_statics;
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

static guint8
sample_grey (const PlateFrame * img, gint x, gint y)
{
  const guint8 *p;

  x = CLAMP (x, 0, img->width - 1);
  y = CLAMP (y, 0, img->height - 1);
  p = img->data + (gsize) y * img->stride + (gsize) x * img->pixel_stride;
  if (img->pixels == PLATE_FRAME_PIXELS_LUMA)
    return p[img->luma_offset];
  return (guint8) ((p[img->red_offset] + 2 * p[img->green_offset] +
          p[img->blue_offset]) / 4);
}

void
plate_ocr_signature_compute (const PlateFrame * img, gint x, gint y, gint w,
    gint h, PlateOcrSignature * sig)
{
  const gint cols = 16, rows = PLATE_OCR_SIGNATURE_CELLS / 16;
  gint r, c;

  sig->valid = img && img->data && w > 0 && h > 0 && img->width > 0 &&
      img->height > 0;
  if (!sig->valid)
    return;
  /* each cell's mean grey: a box that moves by a pixel or two against
   * the plate (the detector's boxes jitter from frame to frame) changes
   * the means a little, where point samples on the strokes flip between
   * ink and ground.  At most 8x8 samples a cell: cheap next to reading. */
  for (r = 0; r < rows; r++)
    for (c = 0; c < cols; c++) {
      gint x0 = x + c * w / cols, x1 = MAX (x + (c + 1) * w / cols, x0 + 1);
      gint y0 = y + r * h / rows, y1 = MAX (y + (r + 1) * h / rows, y0 + 1);
      gint sx = MAX ((x1 - x0) / 8, 1), sy = MAX ((y1 - y0) / 8, 1);
      guint sum = 0, n = 0;
      gint px, py;

      for (py = y0; py < y1; py += sy)
        for (px = x0; px < x1; px += sx) {
          sum += sample_grey (img, px, py);
          n++;
        }
      sig->cells[r * cols + c] = (guint8) (sum / n);
    }
}

static gboolean
signature_changed (const PlateOcrSignature * a, const PlateOcrSignature * b)
{
  guint i, sum = 0;

  if (!a->valid || !b || !b->valid)
    return FALSE;
  for (i = 0; i < PLATE_OCR_SIGNATURE_CELLS; i++)
    sum += ABS ((gint) a->cells[i] - (gint) b->cells[i]);
  return sum > CHANGED_LEVELS * PLATE_OCR_SIGNATURE_CELLS;
}

/* Whether @meta's box is where, and as large as, @box: every side within
 * SAME_PLACE of its height. */
static gboolean
same_place (const PlaceBox * box, const GstAnprPlateMeta * meta)
{
  gdouble tol = SAME_PLACE * MAX (box->height, 1);

  return ABS (meta->x - box->x) <= tol && ABS (meta->y - box->y) <= tol
      && ABS (meta->x + meta->width - box->x - box->width) <= tol
      && ABS (meta->y + meta->height - box->y - box->height) <= tol;
}

static void
place_box_set (PlaceBox * box, const GstAnprPlateMeta * meta)
{
  box->x = meta->x;
  box->y = meta->y;
  box->width = meta->width;
  box->height = meta->height;
}

/* Whether half of @meta's box, or of a remembered static box, lies in the
 * other */
static gboolean
overlaps_static_reading (PlateOcrTracks * tracks,
    const GstAnprPlateMeta * meta)
{
  guint i;

  for (i = 0; i < tracks->n_statics; i++) {
    const PlaceBox *b = &tracks->statics[i].box;
    gint64 iw = MIN (b->x + b->width, meta->x + meta->width) - MAX (b->x,
        meta->x);
    gint64 ih = MIN (b->y + b->height, meta->y + meta->height) - MAX (b->y,
        meta->y);
    gint64 smaller = MIN ((gint64) b->width * b->height,
        (gint64) meta->width * meta->height);

    if (iw > 0 && ih > 0 && 2 * iw * ih >= smaller)
      return TRUE;
  }
  return FALSE;
}

gboolean
plate_ocr_tracks_should_read (PlateOcrTracks * tracks,
    const GstAnprPlateMeta * meta, const PlateOcrSignature * sig,
    const PlateOcrTrackParams * params)
{
  OcrTrack *t;
  guint interval = MAX (params->check_interval, 1);

  if (meta->track_id == 0)
    return TRUE;
  t = lookup (tracks, meta->track_id);
  /* A new track of static text overlapping static text read before is
   * another piece of it: the detector boxes a caption in pieces that vary
   * from search to search, each a track of its own.  It waits for its
   * turn like the rest (static text found when the stream starts, which
   * may be a parked vehicle, is read at once). */
  if (!t)
    return !((meta->track_flags & GST_ANPR_TRACK_FLAG_STATIC)
        && overlaps_static_reading (tracks, meta));
  /* Static text changes too (a clock ticks, a caption is boxed in
   * another piece), and is never a vehicle: a changed picture waits for
   * its turn like any other (a car that parks there arrives moving, on a
   * track of its own). */
  if (meta->track_flags & GST_ANPR_TRACK_FLAG_STATIC)
    return t->since_read + 1 >= interval * STATIC_FACTOR;
  /* the box shows something else than when last read */
  if (signature_changed (&t->read_sig, sig))
    return TRUE;
  if (!t->settled && t->attempts > 0 && sig && sig->valid
      && t->read_sig.valid && same_place (&t->read_box, meta))
    return t->since_read + 1 >= interval;
  if (!t->settled && t->attempts < UNSETTLED_READINGS)
    return !(t->attempts > 0 && tracks->frame == t->read_frame + 1 &&
        meta->height < NEXT_FRAME_GROWTH * t->read_box.height);
  if (meta->height >= BETTER_VIEW * MAX (plate_track_vote_max_height (t->vote),
          t->checked_height))
    return TRUE;
  return t->since_read + 1 >= interval;
}

const gchar *
plate_ocr_tracks_check_text (PlateOcrTracks * tracks,
    const GstAnprPlateMeta * meta)
{
  OcrTrack *t;

  if (meta->track_id == 0 || (meta->track_flags & GST_ANPR_TRACK_FLAG_STATIC))
    return NULL;
  t = lookup (tracks, meta->track_id);
  if (!t || !t->settled || !t->result.text[0])
    return NULL;
  return t->result.text;
}

/* The track's read and flags into @meta */
static void
write_track (const OcrTrack * t, GstAnprPlateMeta * meta,
    const PlateOcrTrackParams * params)
{
  guint i;

  if (t->settled)
    meta->track_flags |= GST_ANPR_TRACK_FLAG_SETTLED;
  g_strlcpy (meta->track_text, t->result.text, sizeof (meta->track_text));
  g_strlcpy (meta->track_format, t->result.format,
      sizeof (meta->track_format));
  meta->track_confidence = t->result.confidence;
  meta->track_reads = t->result.n_readings;
  meta->n_track_candidates = params->max_candidates ?
      MIN (t->result.n_candidates, params->max_candidates) :
      t->result.n_candidates;
  for (i = 0; i < GST_ANPR_MAX_CANDIDATES; i++) {
    if (i < meta->n_track_candidates)
      meta->track_candidates[i] = t->result.candidates[i];
    else
      memset (&meta->track_candidates[i], 0, sizeof (GstAnprCandidate));
  }
}

/* A look at the track's box done (read or confirmed) on this frame */
static void
looked (PlateOcrTracks * tracks, OcrTrack * t, const GstAnprPlateMeta * meta,
    const PlateOcrSignature * sig)
{
  t->since_read = 0;
  t->read_frame = tracks->frame;
  place_box_set (&t->read_box, meta);
  if (sig)
    t->read_sig = *sig;
}

void
plate_ocr_tracks_confirmed (PlateOcrTracks * tracks, GstAnprPlateMeta * meta,
    const PlateOcrSignature * sig, const PlateOcrTrackParams * params)
{
  OcrTrack *t = meta->track_id ? lookup (tracks, meta->track_id) : NULL;

  if (!t)
    return;
  t->last_frame = tracks->frame;
  tracks->seen++;
  tracks->confirmed++;
  looked (tracks, t, meta, sig);
  t->checked_height = MAX (t->checked_height, meta->height);
  meta->track_flags |= GST_ANPR_TRACK_FLAG_NOT_READ;
  write_track (t, meta, params);
}

void
plate_ocr_tracks_update (PlateOcrTracks * tracks, GstAnprPlateMeta * meta,
    gboolean read, gboolean cut, const PlateOcrSignature * sig,
    GstAnprRegion region, const PlateOcrTrackParams * params)
{
  OcrTrack *t;

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
    t->attempts++;
    looked (tracks, t, meta, sig);
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
  write_track (t, meta, params);
}

void
plate_ocr_tracks_end (PlateOcrTracks * tracks, guint64 track_id)
{
  g_hash_table_remove (tracks->tracks, &track_id);
}

/* The remembered static reading at @meta's box, or NULL */
static StaticReading *
find_static_reading (PlateOcrTracks * tracks, const GstAnprPlateMeta * meta)
{
  guint i;

  for (i = 0; i < tracks->n_statics; i++)
    if (same_place (&tracks->statics[i].box, meta))
      return &tracks->statics[i];
  return NULL;
}

gboolean
plate_ocr_tracks_recall_static (PlateOcrTracks * tracks,
    const GstAnprPlateMeta * meta, const PlateOcrSignature * sig,
    PlateReading * out)
{
  StaticReading *r;

  if (!(meta->track_flags & GST_ANPR_TRACK_FLAG_STATIC) || !sig
      || !sig->valid)
    return FALSE;
  r = find_static_reading (tracks, meta);
  if (!r || !r->sig.valid || signature_changed (&r->sig, sig))
    return FALSE;
  *out = r->reading;
  r->used = tracks->frame;
  tracks->recalled++;
  return TRUE;
}

void
plate_ocr_tracks_remember_static (PlateOcrTracks * tracks,
    const GstAnprPlateMeta * meta, const PlateOcrSignature * sig,
    const PlateReading * reading)
{
  StaticReading *r;
  guint i;

  if (!(meta->track_flags & GST_ANPR_TRACK_FLAG_STATIC) || !sig
      || !sig->valid)
    return;
  r = find_static_reading (tracks, meta);
  if (!r && tracks->n_statics < MAX_STATIC_READINGS)
    r = &tracks->statics[tracks->n_statics++];
  if (!r) {
    r = &tracks->statics[0];
    for (i = 1; i < tracks->n_statics; i++)
      if (tracks->statics[i].used < r->used)
        r = &tracks->statics[i];
  }
  place_box_set (&r->box, meta);
  r->sig = *sig;
  r->reading = *reading;
  r->used = tracks->frame;
}

void
plate_ocr_tracks_get_counts (PlateOcrTracks * tracks, guint64 * seen,
    guint64 * read, guint64 * recalled, guint64 * confirmed)
{
  *seen = tracks->seen;
  *read = tracks->read;
  *recalled = tracks->recalled;
  *confirmed = tracks->confirmed;
}
