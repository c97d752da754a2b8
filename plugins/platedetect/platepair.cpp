/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Plates of two characters (a Jersey J 7, an Alderney AY 1, a cherished
 * K 1): rows of two blobs, which the grouping (platedetector.cpp) leaves
 * out because a pair of blobs is everywhere.  A pair counts only on a
 * plate: dark characters on a light ground (a plate; light text on dark
 * is a road sign's route number), blank flat ground beyond both
 * characters for at least a character height, and the plate's edge, a
 * change of brightness all along, just above and just below them (a
 * badge on a car body has none). */

#include "platedetectorprivate.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace platedetect
{

/* Blank ground needed beyond each end, and how far the edges above and
 * below may be, in character heights. */
const float kPairMinSide = 1.0f;
const float kPairMaxSide = 3.0f;
const float kPairMaxEdge = 0.6f;
/* Contrast (grey levels) and flatness a pair's plate needs: a clear
 * plate, stricter than a row of three or more. */
const double kPairMinContrast = 40.0;
const double kPairMaxSpread = 0.25;
/* The score of a pair that passes: just over the default threshold, so
 * that any row of three or more at the place wins the suppression. */
const float kPairScore = 0.4f;

/* Mean of @gray over @r (clamped), -1 when empty. */
static double
mean_of (const cv::Mat & gray, cv::Rect r)
{
  r &= cv::Rect (0, 0, gray.cols, gray.rows);
  if (r.width <= 0 || r.height <= 0)
    return -1.0;
  return cv::mean (gray (r))[0];
}

/* How far the ground reaches from column @start in direction @dir (at most
 * @limit columns): columns of the character band within @tol of @bg. */
static int
blank_reach (const cv::Mat & gray, int start, int dir, int y0, int y1,
    double bg, double tol, int limit)
{
  int d = 0;

  for (; d < limit; d++) {
    double m = mean_of (gray, cv::Rect (start + dir * (d + 1) - (dir < 0),
            y0, 1, y1 - y0));
    if (m < 0 || std::fabs (m - bg) > tol)
      break;
  }
  return d;
}

/* Whether a row of @gray, within @limit rows from @start in direction
 * @dir and over columns [@x0, @x1), leaves the ground @bg by more than
 * @tol: the plate's edge. */
static bool
edge_within (const cv::Mat & gray, int start, int dir, int x0, int x1,
    double bg, double tol, int limit)
{
  for (int d = 1; d <= limit; d++) {
    double m = mean_of (gray, cv::Rect (x0, start + dir * d, x1 - x0, 1));
    if (m < 0)
      return false;
    if (std::fabs (m - bg) > tol)
      return true;
  }
  return false;
}

bool
Detector::score_pair (const cv::Mat & gray, const std::vector<Blob> & row,
    bool dark, float to_level0, Candidate & cand)
{
  if (!dark || row.size () != 2)
    return false;
  const Blob & a = row[0].x <= row[1].x ? row[0] : row[1];
  const Blob & b = row[0].x <= row[1].x ? row[1] : row[0];
  float h = (a.h + b.h) / 2.f;
  if (std::abs (a.h - b.h) > 0.15f * h || std::fabs (a.cy - b.cy) > 0.15f * h)
    return false;
  for (const Blob & c : row) {
    float aspect = (float) c.w / c.h, fill = (float) c.area / (c.w * c.h);
    if (aspect < 0.15f || aspect > 0.9f || fill > 0.75f)
      return false;
  }
  int x0 = a.x, x1 = b.x + b.w;
  int y0 = std::min (a.y, b.y), y1 = std::max (a.y + a.h, b.y + b.h);
  cv::Rect tight = cv::Rect (x0, y0, x1 - x0, y1 - y0)
      & cv::Rect (0, 0, gray.cols, gray.rows);
  if (tight.width <= 0 || tight.height <= 0)
    return false;

  /* strokes against the ground between and inside them */
  cv::Mat lab = labels_ (tight);
  cv::Mat stroke = (lab == a.label) | (lab == b.label);
  cv::Mat ground;
  cv::dilate (stroke, ground, cv::Mat ());
  cv::bitwise_not (ground, ground);
  if (cv::countNonZero (stroke) == 0 || cv::countNonZero (ground) <
      tight.area () / 8)
    return false;
  cv::Scalar m_in, s_in, m_out, s_out;
  cv::meanStdDev (gray (tight), m_in, s_in, stroke);
  cv::meanStdDev (gray (tight), m_out, s_out, ground);
  double contrast = m_out[0] - m_in[0];
  if (contrast < kPairMinContrast
      || s_out[0] > kPairMaxSpread * contrast)
    return false;

  /* blank ground beyond both ends, and the plate's edges above and below
   * over all of it */
  double tol = 0.35 * contrast;
  int limit = (int) std::lround (kPairMaxSide * h);
  int left = blank_reach (gray, x0, -1, y0, y1, m_out[0], tol, limit);
  int right = blank_reach (gray, x1 - 1, 1, y0, y1, m_out[0], tol, limit);
  if (left < kPairMinSide * h || right < kPairMinSide * h)
    return false;
  int edge = std::max (2, (int) std::lround (kPairMaxEdge * h));
  int px0 = x0 - left, px1 = x1 + right;
  if (!edge_within (gray, y0, -1, px0, px1, m_out[0], 0.5 * contrast, edge)
      || !edge_within (gray, y1 - 1, 1, px0, px1, m_out[0], 0.5 * contrast,
          edge))
    return false;

  float pady = 0.25f * h;
  cand.box = cv::Rect2f (px0 * to_level0, (y0 - pady) * to_level0,
      (px1 - px0) * to_level0, (y1 - y0 + 2 * pady) * to_level0);
  cand.score = kPairScore;
  cand.fine = h * to_level0 < kMinCharHeight;
  if (cand.fine)
    cand.score *= kFinePenalty;
  GST_TRACE ("PAIR %.0f %.0f %.0f %.0f contrast=%.0f spread=%.2f sides=%d,%d",
      cand.box.x, cand.box.y, cand.box.width, cand.box.height, contrast,
      s_out[0] / contrast, left, right);
  return true;
}

}                               /* namespace platedetect */
