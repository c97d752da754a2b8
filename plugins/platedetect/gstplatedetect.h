/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_PLATE_DETECT_H__
#define __GST_PLATE_DETECT_H__

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/video/gstvideofilter.h>

#include "analysis.h"
#include "platedetector.h"
#include "platetracker.h"
#include "platemotion.h"

G_BEGIN_DECLS

#define GST_TYPE_PLATE_DETECT (gst_plate_detect_get_type ())
G_DECLARE_FINAL_TYPE (GstPlateDetect, gst_plate_detect, GST, PLATE_DETECT,
    GstVideoFilter)

/**
 * GstPlateDetect:
 *
 * Opaque data structure.
 */
struct _GstPlateDetect
{
  GstVideoFilter videofilter;

  /* properties, under the object lock */
  gfloat threshold;
  guint min_plate_width;
  guint max_plates;
  guint process_width;
  guint interval;
  gboolean message;
  gboolean tracking;
  gdouble track_timeout;
  gdouble detect_interval;
  gboolean motion;
  gdouble full_frame_interval;

  /* streaming thread only (and the serialized events, which hold the
   * stream lock too) */
  PlateDetector *detector;
  PlateTracker *tracker;
  GArray *ended;                /* PlateTrackerEnded, scratch */
  guint64 frame_count;
  AnalysisSkips skips;
  /* the schedule of detections while tracking: stream times (PTS, else
   * frame count times frame duration) of the last detection and of the
   * last one of the whole frame, NONE when there was none */
  PlateMotion *motion_map;
  GArray *regions;              /* PlateMotionRegion, scratch */
  GstClockTime last_detect;
  GstClockTime last_whole;
  /* the counts of GST_ANPR_FRAMES */
  guint64 n_searched, n_searched_whole, n_skipped, n_dropped;
  gdouble searched_share_sum;
  GstClockTime last_pts;        /* for the drops */
  GstClockTime last_frames_report;
};

GST_ELEMENT_REGISTER_DECLARE (platedetect);

G_END_DECLS

#endif /* __GST_PLATE_DETECT_H__ */
