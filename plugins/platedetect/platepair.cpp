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

/* The characters' line, y = cy + slope (x - cx): a tilted plate's rows
 * and edges follow it. */
struct PairLine
{
  double cx, cy, slope;

  int y_at (int x, double offset) const
  {
    return (int) std::lround (cy + slope * (x - cx) + offset);
  }
};

/* Mean of @gray in column @x from @top to @bottom (offsets from the
 * line), -1 when outside the frame. */
static double
column_mean (const cv::Mat & gray, const PairLine & line, int x, double top,
    double bottom)
{
  int y0 = line.y_at (x, top), y1 = line.y_at (x, bottom);

  if (x < 0 || x >= gray.cols || y0 < 0 || y1 > gray.rows || y1 <= y0)
    return -1.0;
  return cv::mean (gray (cv::Rect (x, y0, 1, y1 - y0)))[0];
}

/* How far the ground reaches from column @start in direction @dir (at most
 * @limit columns): columns of the character band within @tol of @bg. */
static int
blank_reach (const cv::Mat & gray, const PairLine & line, int start, int dir,
    double top, double bottom, double bg, double tol, int limit)
{
  int d = 0;

  for (; d < limit; d++) {
    double m = column_mean (gray, line, start + dir * (d + 1), top, bottom);
    if (m < 0 || std::fabs (m - bg) > tol)
      break;
  }
  return d;
}

/* Whether the line @offset + @dir d (d up to @limit) from the characters'
 * line, over columns [@x0, @x1), leaves the ground @bg by more than @tol:
 * the plate's edge. */
static bool
edge_within (const cv::Mat & gray, const PairLine & line, double offset,
    int dir, int x0, int x1, double bg, double tol, int limit)
{
  for (int d = 1; d <= limit; d++) {
    double sum = 0.0;
    int n = 0;

    for (int x = x0; x < x1; x++) {
      int y = line.y_at (x, offset + dir * d);
      if (x < 0 || x >= gray.cols || y < 0 || y >= gray.rows)
        return false;
      sum += gray.at<unsigned char> (y, x);
      n++;
    }
    if (n > 0 && std::fabs (sum / n - bg) > tol)
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
  if (std::abs (a.h - b.h) > 0.15f * h || b.cx <= a.cx)
    return false;
  PairLine line = { (a.cx + b.cx) / 2.0, (a.cy + b.cy) / 2.0,
    (b.cy - a.cy) / (b.cx - a.cx)
  };
  /* as tilted as a plate may be that the grouping chains */
  if (std::fabs (line.slope) > 0.3)
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
  /* only the band along the characters' line: the corners of a tilted
   * pair's box are the plate's edge or the car */
  for (int y = 0; y < ground.rows; y++)
    for (int x = 0; x < ground.cols; x++)
      if (std::fabs (y + tight.y - (line.cy + line.slope * (x + tight.x -
                      line.cx))) > 0.5 * h)
        ground.at<unsigned char> (y, x) = 0;
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
   * over all of it, along the characters' line */
  double tol = 0.35 * contrast, half = h / 2.0;
  int limit = (int) std::lround (kPairMaxSide * h);
  int left = blank_reach (gray, line, x0, -1, -half, half, m_out[0], tol,
      limit);
  int right = blank_reach (gray, line, x1 - 1, 1, -half, half, m_out[0], tol,
      limit);
  if (left < kPairMinSide * h || right < kPairMinSide * h)
    return false;
  int edge = std::max (2, (int) std::lround (kPairMaxEdge * h));
  int px0 = x0 - left, px1 = x1 + right;
  if (!edge_within (gray, line, -half, -1, px0, px1, m_out[0],
          0.5 * contrast, edge)
      || !edge_within (gray, line, half, 1, px0, px1, m_out[0],
          0.5 * contrast, edge))
    return false;

  float pady = 0.25f * h;
  float top = (float) std::min (line.y_at (px0, -half), line.y_at (px1,
          -half)) - pady;
  float bot = (float) std::max (line.y_at (px0, half), line.y_at (px1,
          half)) + pady;
  cand.box = cv::Rect2f (px0 * to_level0, top * to_level0,
      (px1 - px0) * to_level0, (bot - top) * to_level0);
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
