/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_ANPR_PLATE_META_H__
#define __GST_ANPR_PLATE_META_H__

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/anpr/anprtrack.h>

G_BEGIN_DECLS

/* Longest plate text we store, without terminator.  Real plates are at most
 * 10 characters (some US vanity plates); 15 leaves room for noise reads. */
#define GST_ANPR_MAX_TEXT 15
/* Top-N candidates kept per plate. */
#define GST_ANPR_MAX_CANDIDATES 10

/* roi_type of the GstVideoRegionOfInterestMeta that platedetect adds. */
#define GST_ANPR_ROI_TYPE "license-plate"

typedef struct _GstAnprPlateMeta GstAnprPlateMeta;
typedef struct _GstAnprCandidate GstAnprCandidate;

/**
 * GstAnprCandidate:
 * @text: normalised plate text (A-Z, 0-9), NUL terminated
 * @confidence: 0..1, higher is better
 *
 * One reading of a plate.
 */
struct _GstAnprCandidate
{
  gchar text[GST_ANPR_MAX_TEXT + 1];
  gfloat confidence;
};

/**
 * GstAnprPlateMeta:
 * @meta: parent #GstMeta
 * @id: index of this plate on its buffer, also the id of the matching
 *   #GstVideoRegionOfInterestMeta
 * @x: left of the plate box, in pixels of the buffer's frame
 * @y: top of the plate box
 * @width: width of the plate box
 * @height: height of the plate box
 * @detect_confidence: 0..1, how sure the detector is this is a plate
 * @region: plate region the text was read under ("gb", "eu", "us"), or
 *   empty before reading
 * @format: the plate format the text matched (for example "gb-current",
 *   "gb-suffix"), or empty when it matched none
 * @text: best reading, normalised (A-Z, 0-9), empty before reading or when
 *   the plate could not be read
 * @confidence: 0..1 confidence of @text as a whole
 * @char_confidence: per character confidence of @text (0..1)
 * @n_candidates: number of valid entries in @candidates
 * @candidates: top-N readings, best first; @candidates[0] equals @text
 * @track_id: id of the vehicle this plate belongs to across frames, 0 when
 *   not tracked
 * @track_flags: #GstAnprTrackFlags of this sighting of the track
 * @track_frames: frames the track has been detected in so far, this one
 *   included (0 when not tracked)
 * @track_text: the track's read so far, its readings combined (plateocr),
 *   empty when none yet
 * @track_format: the format @track_text matched, or empty
 * @track_confidence: 0..1 confidence of @track_text
 * @track_reads: readings combined into @track_text
 * @n_track_candidates: number of valid entries in @track_candidates
 * @track_candidates: the track's top readings, best first;
 *   @track_candidates[0] equals @track_text
 *
 * One number plate found on a video frame.  A buffer carries one meta per
 * plate.  The meta survives videoconvert (COPY) and videoscale (SCALE: the
 * box is rescaled).
 */
struct _GstAnprPlateMeta
{
  GstMeta meta;

  guint id;
  gint x, y, width, height;
  gfloat detect_confidence;

  gchar region[8];
  gchar format[24];
  gchar text[GST_ANPR_MAX_TEXT + 1];
  gfloat confidence;
  gfloat char_confidence[GST_ANPR_MAX_TEXT];

  guint n_candidates;
  GstAnprCandidate candidates[GST_ANPR_MAX_CANDIDATES];

  guint64 track_id;

  guint track_flags;
  guint track_frames;
  gchar track_text[GST_ANPR_MAX_TEXT + 1];
  gchar track_format[24];
  gfloat track_confidence;
  guint track_reads;
  guint n_track_candidates;
  GstAnprCandidate track_candidates[GST_ANPR_MAX_CANDIDATES];
};

#define GST_ANPR_PLATE_META_API_TYPE (gst_anpr_plate_meta_api_get_type ())
#define GST_ANPR_PLATE_META_INFO (gst_anpr_plate_meta_get_info ())

GST_API_EXPORT
GType gst_anpr_plate_meta_api_get_type (void);

GST_API_EXPORT
const GstMetaInfo *gst_anpr_plate_meta_get_info (void);

GST_API_EXPORT
GstAnprPlateMeta *gst_buffer_add_anpr_plate_meta (GstBuffer * buffer,
    gint x, gint y, gint width, gint height, gfloat detect_confidence);

GST_API_EXPORT
GstAnprPlateMeta *gst_buffer_iterate_anpr_plate_meta (GstBuffer * buffer,
    gpointer * state);

GST_API_EXPORT
guint gst_buffer_get_n_anpr_plate_metas (GstBuffer * buffer);

GST_API_EXPORT
GstAnprPlateMeta *gst_buffer_get_anpr_plate_meta_id (GstBuffer * buffer,
    guint id);

GST_API_EXPORT
void gst_anpr_plate_meta_set_reading (GstAnprPlateMeta * meta,
    const gchar * region, const gchar * format,
    const GstAnprCandidate * candidates, guint n_candidates,
    const gfloat * char_confidence);

GST_API_EXPORT
GList *gst_anpr_buffer_get_plate_metas (GstBuffer * buffer);

GST_API_EXPORT
const gchar *gst_anpr_plate_meta_get_text (const GstAnprPlateMeta * meta);

GST_API_EXPORT
const gchar *gst_anpr_plate_meta_get_region (const GstAnprPlateMeta * meta);

GST_API_EXPORT
const gchar *gst_anpr_plate_meta_get_format (const GstAnprPlateMeta * meta);

GST_API_EXPORT
const gfloat *gst_anpr_plate_meta_get_char_confidences (const GstAnprPlateMeta *
    meta, guint * n_chars);

GST_API_EXPORT
guint gst_anpr_plate_meta_get_n_candidates (const GstAnprPlateMeta * meta);

GST_API_EXPORT
const gchar *gst_anpr_plate_meta_get_candidate (const GstAnprPlateMeta * meta,
    guint index, gfloat * confidence);

G_END_DECLS

#endif /* __GST_ANPR_PLATE_META_H__ */
