/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* What the three elements do alike with the frames and buffers they
 * analyse: the raw formats they accept, the read-only view of a frame's
 * luma, one policy for a frame that cannot be mapped, and the timestamps
 * of the element messages they post.  A static library linked into each
 * plugin; not installed, not API. */

#ifndef __ANALYSIS_H__
#define __ANALYSIS_H__

#include <gst/gst.h>
#include <gst/video/video.h>

#include "plateframe.h"

G_BEGIN_DECLS

/* Every 8 bit raw format whose luma (or packed RGB) sits in one plane:
 * what platedetect and plateocr accept, in any size and stride. */
#define ANALYSIS_VIDEO_FORMATS "{ I420, YV12, NV12, NV21, Y42B, Y444, " \
    "GRAY8, YUY2, UYVY, BGR, RGB, BGRx, BGRA, RGBx, RGBA, xRGB, ARGB, " \
    "xBGR, ABGR }"
#define ANALYSIS_VIDEO_CAPS GST_VIDEO_CAPS_MAKE (ANALYSIS_VIDEO_FORMATS)

/* Frames passed on unanalysed because they could not be mapped. */
typedef struct
{
  guint64 skipped;              /* since start */
  guint64 unreported;           /* since the last warning */
  gint64 last_warning_us;       /* monotonic; 0 = never warned */
} AnalysisSkips;

/* What the analysers say of a frame they could not map. */
#define ANALYSIS_NOT_ANALYSED "passed on without being analysed"

/* Maps @buf read-only as @info and, when @view is not NULL, describes the
 * plane holding its luma (or packed RGB) in @view, without copying.  A
 * buffer that cannot be mapped (smaller than its caps say, memory that
 * will not map, a video meta whose planes run past its memory) is not
 * worth stopping a camera for: it is counted in @skips, an element
 * warning saying @consequence is posted the first time and then at most
 * every few seconds with the count, and FALSE tells the caller to go on
 * without the pixels, as GstVideoFilter does.  A layout
 * PlateFrame cannot describe (more than 8 bits, components spread over
 * planes; ANALYSIS_VIDEO_CAPS allows none) is treated the same way. */
gboolean analysis_map_frame (GstElement * element, GstDebugCategory * cat,
    const GstVideoInfo * info, GstBuffer * buf, GstVideoFrame * vframe,
    PlateFrame * view, AnalysisSkips * skips, const gchar * consequence);

/* The stream and running time of @buf's PTS in @segment;
 * GST_CLOCK_TIME_NONE when either is unknown (no PTS, not a TIME
 * segment). */
void analysis_buffer_times (const GstSegment * segment, GstBuffer * buf,
    GstClockTime * stream_time, GstClockTime * running_time);

/* A new structure @name for an element message about @buf, with the
 * fields upstream analysers put first: `timestamp` (PTS), `stream-time`,
 * `running-time` and, when valid, `duration` (all #GstClockTime). */
GstStructure *analysis_message_structure_new (const gchar * name,
    const GstSegment * segment, GstBuffer * buf);

G_END_DECLS

#endif /* __ANALYSIS_H__ */
