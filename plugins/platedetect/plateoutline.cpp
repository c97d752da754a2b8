/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The plate box round a scored character row (step 4 of the method in
 * platedetector.cpp): the row extended by the characters the grouping
 * left out, and a margin out to the plate's outline.  Only the box uses
 * them, not the score. */

#include "platedetectorprivate.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace platedetect
{

/* Characters the grouping left out at the ends of a row: the narrow I and
 * 1 (too solid for the shape filter), characters touching the plate border
 * or the frame, those beyond a wide gap (a hyphen, or the crest or badge
 * between the district letters and the number on many European plates),
 * and characters blurred together into one wide component (a W or M
 * touching its neighbour at small sizes: the row's chain breaks there, and
 * often at the group gap of GB plates just before).  A component on the
 * fitted centre line, of the row's height, with the row's stroke
 * brightness, next to the current end extends the row; one that matches
 * the height and line closely may sit up to 1.8 character heights away,
 * or, right next to the end, be up to a few characters wide (with holes
 * and gaps like characters, not a solid bar).  This repeats a few times on
 * each side.  Only the box uses the extension, not the score. */
void
Detector::extend_row (const cv::Mat & gray, const std::vector<Blob> & row,
    double icept, double slope, float hmean, float pitch, double stroke_mean,
    double bg_mean, double contrast, int &x0, int &x1)
{
  std::vector<int> used;
  for (const Blob & b : row)
    used.push_back (b.label);
  float near_gap = std::max (1.5f * pitch - 0.45f * hmean, 0.5f * hmean);
  float far_gap = std::max (near_gap, 1.8f * hmean);
  size_t count = row.size ();

  for (int side = 0; side < 2; side++) {
    for (int step = 0; step < 3 && count < 10; step++) {
      const Blob *best = nullptr;
      float best_gap = far_gap;
      for (const Blob & c : loose_) {
        if (c.h < 0.72f * hmean || c.h > 1.25f * hmean)
          continue;
        if (c.w < 1)
          continue;
        bool merged = c.w > 1.15f * c.h;
        float gap = side ? (float) (c.x - x1) : (float) (x0 - (c.x + c.w));
        if (gap < -0.1f * hmean || gap > best_gap)
          continue;
        float dy = std::fabs (c.cy - (float) (icept + slope * c.cx));
        if (dy > 0.2f * hmean)
          continue;
        bool close = dy <= 0.12f * hmean && c.h >= 0.85f * hmean
            && c.h <= 1.15f * hmean;
        if (gap > near_gap && !close)
          continue;
        /* Several characters cover a third to three quarters of their
         * box: a solid bar more, a plate border's corner or a thin frame
         * less. */
        float fill = (float) c.area / (c.w * c.h);
        if (merged && (gap > near_gap || !close || fill < 0.3f
                || fill > 0.75f))
          continue;
        if (std::find (used.begin (), used.end (), c.label) != used.end ())
          continue;
        /* The strokes of the same plate: as bright as the row's. */
        cv::Rect r (c.x, c.y, c.w, c.h);
        double m = cv::mean (gray (r), labels_ (r) == c.label)[0];
        if (std::fabs (m - stroke_mean) > 0.4 * contrast)
          continue;
        /* Merged characters: most of the holes and gaps between their
         * strokes show the plate background, if blurred (not so a plate's
         * band, a badge or the car body beyond the plate). */
        if (merged) {
          cv::Mat diff;
          cv::absdiff (gray (r), cv::Scalar (bg_mean), diff);
          cv::Mat hole = (labels_ (r) != c.label) & (diff < 0.5 * contrast);
          float frac = (float) cv::countNonZero (hole) / (c.w * c.h - c.area);
          GST_TRACE ("MERGED %d %d %d %d holes=%.2f fill=%.2f", c.x, c.y,
              c.w, c.h, frac, fill);
          if (frac < 0.5f)
            continue;
        }
        best = &c;
        best_gap = gap;
      }
      if (!best)
        break;
      used.push_back (best->label);
      count += std::max (1L, std::lround (best->w / std::max (pitch, 1.f)));
      if (side)
        x1 = std::max (x1, best->x + best->w);
      else
        x0 = std::min (x0, best->x);
    }
  }
}

/* How much margin to give beyond the end of a character row at @start,
 * towards @dir (-1 left, +1 right), in level pixels.  The columns of the
 * band of the characters are walked outwards while they still show the
 * plate background; a run of columns without background, wider than a
 * stroke (the plate border, the bumper, the EU country band), ends the
 * plate.  Strokes met on the way with plate background beyond them are
 * characters the row missed (merged with the border, or with their
 * neighbour): the margin covers them.  0.35 character heights at least,
 * 1.2 at most. */
float
Detector::plate_margin (const cv::Mat & gray, double icept, double slope,
    float hmean, double bg_mean, double contrast, int start, int dir)
{
  float min_margin = 0.35f * hmean, max_margin = 1.2f * hmean;
  int run_stop = std::max (2, (int) std::lround (0.25f * hmean));
  int half = std::max (2, (int) std::lround (0.4f * hmean));
  /* The first few columns may still hold the anti-aliased edge of the
   * last character. */
  int skip = std::max (1, (int) std::lround (0.1f * hmean));
  double tol = 0.3 * contrast;
  int stroke = 0, covered = 0, run = 0;

  for (int d = 1; d <= (int) max_margin; d++) {
    int x = start + dir * d;
    if (x < 0 || x >= gray.cols)
      break;
    int yc = (int) std::lround (icept + slope * x);
    int ya = std::max (yc - half, 0), yb = std::min (yc + half, gray.rows);
    if (yb - ya < half)
      break;
    int near = 0;
    for (int y = ya; y < yb; y++)
      if (std::fabs (gray.at<uchar> (y, x) - bg_mean) < tol)
        near++;
    float frac = (float) near / (yb - ya);
    if (frac < 0.25f && ++run >= run_stop)
      break;
    if (frac >= 0.25f)
      run = 0;
    if (frac < 0.7f && d > skip)
      stroke = d;
    else if (frac >= 0.9f)
      covered = stroke;         /* plate background beyond the strokes */
  }
  float margin = covered > 0 ? covered + 0.3f * hmean : 0.f;
  return std::min (std::max (margin, min_margin), max_margin);
}

}                               /* namespace platedetect */
