/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Where the picture changed between two looks: platedetect searches only
 * there (and around its tracks), instead of the whole frame.  The frame's
 * luma is averaged over cells of PLATE_MOTION_CELL pixels, on a sparse
 * grid of samples (cheap next to decoding the frame); a cell whose mean
 * moved by more than the threshold since the last look changed.  Plain C:
 * the unit test links it without OpenCV. */

#ifndef __PLATE_MOTION_H__
#define __PLATE_MOTION_H__

#include <glib.h>

#include "plateframe.h"

G_BEGIN_DECLS

/* Cell side in frame pixels. */
#define PLATE_MOTION_CELL 16
/* Change of a cell's mean luma, in grey levels, that counts as motion:
 * above compression noise and sensor noise averaged over a cell, below
 * what a plate's characters or a car's edge do when they move by a few
 * pixels. */
#define PLATE_MOTION_DEFAULT_THRESHOLD 6

typedef struct _PlateMotion PlateMotion;

typedef struct
{
  gint x, y, width, height;
  /* the heights, in frame pixels, of the plate boxes looked for here: a
   * track's expected size; 0 and 0 for any (what moved) */
  gint plate_min_height, plate_max_height;
} PlateMotionRegion;

PlateMotion *plate_motion_new (void);
void plate_motion_free (PlateMotion * motion);

/* Forgets the last look: the next frame changed everywhere. */
void plate_motion_reset (PlateMotion * motion);

void plate_motion_set_threshold (PlateMotion * motion, gint threshold);

/* Looks at @frame, compares it with the last look and keeps it for the
 * next one.  The changed cells, grown by @margin pixels on each side, are
 * appended to @regions (PlateMotionRegion, frame pixels, clipped, not
 * overlapping).  Returns the share of the frame's cells that changed (1.0
 * on the first look, or after a change of size). */
gdouble plate_motion_look (PlateMotion * motion, const PlateFrame * frame,
    gint margin, GArray * regions);

/* Merges overlapping or touching regions of @regions in place where the
 * box round two costs no more to search than the two apart; returns the
 * area searched (an overlap left counts twice). */
gint64 plate_motion_merge_regions (GArray * regions);

G_END_DECLS

#endif /* __PLATE_MOTION_H__ */
