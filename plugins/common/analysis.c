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

#include "analysis.h"

/* Element warnings about unmappable frames, at most this often. */
#define SKIP_WARNING_INTERVAL_US (10 * G_USEC_PER_SEC)

/* Whether every component of @vframe lies inside the memory mapped for its
 * plane.  gst_video_frame_map () checks a buffer's size against its caps,
 * but takes a GstVideoMeta's offsets and strides as they come: a buggy or
 * hostile upstream element can describe rows far past the buffer.  A plane
 * whose mapping does not hold its first pixel was mapped by the meta's own
 * function (VA-API's gives only the plane's address): nothing to check it
 * against, it is trusted as before.  @vframe was zeroed before mapping. */
static gboolean
frame_inside_memory (const GstVideoFrame * vframe)
{
  const GstVideoFormatInfo *finfo = vframe->info.finfo;
  guint c;

  for (c = 0; c < GST_VIDEO_FRAME_N_COMPONENTS (vframe); c++) {
    guint plane = GST_VIDEO_FORMAT_INFO_PLANE (finfo, c);
    /* with a video meta each plane has its own mapping, else all share
     * the buffer's */
    const GstMapInfo *map = &vframe->map[vframe->meta ? plane : 0];
    gint64 w = GST_VIDEO_FRAME_COMP_WIDTH (vframe, c);
    gint64 h = GST_VIDEO_FRAME_COMP_HEIGHT (vframe, c);
    gint64 stride = GST_VIDEO_FRAME_COMP_STRIDE (vframe, c);
    gint64 pstride = GST_VIDEO_FRAME_COMP_PSTRIDE (vframe, c);
    gint64 first, last;

    if (w <= 0 || h <= 0)
      continue;
    first = (gint64) ((guintptr) GST_VIDEO_FRAME_COMP_DATA (vframe, c) -
        (guintptr) map->data);
    if (!map->data || first < 0 || first >= (gint64) map->size)
      continue;
    last = first + (h - 1) * stride;
    if (MIN (first, last) < 0
        || MAX (first, last) + (w - 1) * pstride + 1 > (gint64) map->size)
      return FALSE;
  }
  return TRUE;
}

/* @out describes the plane of @vframe holding its luma (or packed RGB);
 * FALSE for a layout it cannot describe. */
static gboolean
frame_view (const GstVideoFrame * vframe, PlateFrame * out)
{
  const GstVideoFormatInfo *finfo = vframe->info.finfo;
  guint plane, c;

  memset (out, 0, sizeof (*out));
  if (GST_VIDEO_FORMAT_INFO_BITS (finfo) != 8)
    return FALSE;

  if (GST_VIDEO_FORMAT_INFO_IS_RGB (finfo)) {
    static const gint comps[3] = { GST_VIDEO_COMP_R,
      GST_VIDEO_COMP_G, GST_VIDEO_COMP_B
    };
    gint off[3];

    plane = GST_VIDEO_FORMAT_INFO_PLANE (finfo, GST_VIDEO_COMP_R);
    out->pixels = PLATE_FRAME_PIXELS_RGB;
    out->pixel_stride = GST_VIDEO_FRAME_COMP_PSTRIDE (vframe,
        GST_VIDEO_COMP_R);
    if (out->pixel_stride < 3 || out->pixel_stride > 4)
      return FALSE;
    for (c = 0; c < 3; c++) {
      off[c] = GST_VIDEO_FORMAT_INFO_POFFSET (finfo, comps[c]);
      if (GST_VIDEO_FORMAT_INFO_PLANE (finfo, comps[c]) != plane
          || off[c] < 0 || off[c] >= out->pixel_stride)
        return FALSE;
    }
    out->red_offset = off[0];
    out->green_offset = off[1];
    out->blue_offset = off[2];
  } else {
    plane = GST_VIDEO_FORMAT_INFO_PLANE (finfo, GST_VIDEO_COMP_Y);
    out->pixels = PLATE_FRAME_PIXELS_LUMA;
    out->pixel_stride = GST_VIDEO_FRAME_COMP_PSTRIDE (vframe,
        GST_VIDEO_COMP_Y);
    out->luma_offset = GST_VIDEO_FORMAT_INFO_POFFSET (finfo,
        GST_VIDEO_COMP_Y);
    if (out->pixel_stride < 1 || out->pixel_stride > 4
        || out->luma_offset < 0 || out->luma_offset >= out->pixel_stride)
      return FALSE;
  }

  out->data = GST_VIDEO_FRAME_PLANE_DATA (vframe, plane);
  out->stride = GST_VIDEO_FRAME_PLANE_STRIDE (vframe, plane);
  out->width = GST_VIDEO_FRAME_WIDTH (vframe);
  out->height = GST_VIDEO_FRAME_HEIGHT (vframe);
  return TRUE;
}

gboolean
analysis_map_frame (GstElement * element, GstDebugCategory * cat,
    const GstVideoInfo * info, GstBuffer * buf, GstVideoFrame * vframe,
    PlateFrame * view, AnalysisSkips * skips, const gchar * consequence)
{
#define GST_CAT_DEFAULT cat
  const gchar *why;
  gint64 now;

  /* a custom video meta map function may leave the map infos unset */
  memset (vframe, 0, sizeof (*vframe));
  if (!gst_video_frame_map (vframe, (GstVideoInfo *) info, buf,
          GST_MAP_READ)) {
    why = "it is smaller than its caps say or will not map";
  } else {
    if (!frame_inside_memory (vframe))
      why = "its video meta places planes past its memory";
    else if (view && !frame_view (vframe, view))
      why = "its layout cannot be analysed";
    else
      return TRUE;
    gst_video_frame_unmap (vframe);
  }

  skips->skipped++;
  skips->unreported++;
  GST_DEBUG_OBJECT (element, "could not read frame %" GST_TIME_FORMAT " (%"
      G_GSIZE_FORMAT " bytes, caps say %" G_GSIZE_FORMAT "; %s): %s",
      GST_TIME_ARGS (GST_BUFFER_PTS (buf)), gst_buffer_get_size (buf),
      GST_VIDEO_INFO_SIZE (info), why, consequence);

  now = g_get_monotonic_time ();
  if (skips->last_warning_us
      && now - skips->last_warning_us < SKIP_WARNING_INTERVAL_US)
    return FALSE;
  GST_ELEMENT_WARNING (element, STREAM, DECODE,
      ("%" G_GUINT64_FORMAT " invalid video frame(s) %s", skips->unreported,
          consequence),
      ("a buffer could not be read as the negotiated %s %dx%d frame "
          "(%" G_GSIZE_FORMAT " bytes, caps say %" G_GSIZE_FORMAT "): %s; "
          "%" G_GUINT64_FORMAT " since start", GST_VIDEO_INFO_NAME (info),
          GST_VIDEO_INFO_WIDTH (info), GST_VIDEO_INFO_HEIGHT (info),
          gst_buffer_get_size (buf), GST_VIDEO_INFO_SIZE (info), why,
          skips->skipped));
  skips->unreported = 0;
  skips->last_warning_us = now;
  return FALSE;
#undef GST_CAT_DEFAULT
}

void
analysis_buffer_times (const GstSegment * segment, GstBuffer * buf,
    GstClockTime * stream_time, GstClockTime * running_time)
{
  GstClockTime pts = GST_BUFFER_PTS (buf);

  *stream_time = *running_time = GST_CLOCK_TIME_NONE;
  if (!GST_CLOCK_TIME_IS_VALID (pts) || segment->format != GST_FORMAT_TIME)
    return;
  *stream_time = gst_segment_to_stream_time (segment, GST_FORMAT_TIME, pts);
  *running_time = gst_segment_to_running_time (segment, GST_FORMAT_TIME, pts);
}

GstStructure *
analysis_message_structure_new (const gchar * name,
    const GstSegment * segment, GstBuffer * buf)
{
  GstClockTime stream_time, running_time;
  GstStructure *s;

  analysis_buffer_times (segment, buf, &stream_time, &running_time);
  s = gst_structure_new (name,
      "timestamp", G_TYPE_UINT64, GST_BUFFER_PTS (buf),
      "stream-time", G_TYPE_UINT64, stream_time,
      "running-time", G_TYPE_UINT64, running_time, NULL);
  if (GST_BUFFER_DURATION_IS_VALID (buf))
    gst_structure_set (s, "duration", G_TYPE_UINT64,
        GST_BUFFER_DURATION (buf), NULL);
  return s;
}
