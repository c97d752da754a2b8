/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The plate detector: a small C interface around the OpenCV code in
 * platedetector.cpp, so that the element itself stays plain C. */

#ifndef __PLATE_DETECTOR_H__
#define __PLATE_DETECTOR_H__

#include "plateframe.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _PlateDetector PlateDetector;

typedef struct
{
  float threshold;              /* minimum confidence of a reported box */
  int min_plate_width;          /* pixels of the original frame */
  int max_plates;               /* most boxes reported, best first */
  int process_width;            /* analyse frames wider than this downscaled,
                                 * 0 = never downscale */
} PlateDetectorParams;

typedef struct
{
  int x, y, width, height;      /* in pixels of the original frame */
  float confidence;             /* 0..1 */
} PlateDetectorBox;

typedef struct
{
  int x, y, width, height;      /* in pixels of the original frame */
  /* the heights of the plate boxes to look for (pixels of the original
   * frame), for a search that follows a plate of known size: the
   * detector's levels for other sizes are skipped.  0 and 0: any size. */
  int plate_min_height, plate_max_height;
} PlateDetectorRegion;

PlateDetector *plate_detector_new (void);
void plate_detector_free (PlateDetector * detector);

/* Finds plates in @image.  Writes at most @max_boxes boxes, best first, and
 * returns how many it wrote; on failure (a corrupt frame, an OpenCV
 * exception) returns -1 and, when @error is not NULL, sets *@error to a
 * message to free with free(). Never throws. */
int plate_detector_detect (PlateDetector * detector,
    const PlateDetectorParams * params, const PlateFrame * image,
    PlateDetectorBox * boxes, int max_boxes, char **error);

/* The same, searching only inside @regions of @image (at the scale the
 * whole frame would be searched at): the best @max_boxes of all regions,
 * overlaps between regions removed.  Regions should not overlap, and hold
 * a margin around the plates they are meant to find. */
int plate_detector_detect_regions (PlateDetector * detector,
    const PlateDetectorParams * params, const PlateFrame * image,
    const PlateDetectorRegion * regions, int n_regions,
    PlateDetectorBox * boxes, int max_boxes, char **error);

#ifdef __cplusplus
}
#endif

#endif /* __PLATE_DETECTOR_H__ */
