/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Finding a plate box's character row (platerow.h). */

#include "platerow.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace anpr
{

namespace
{

const double kMaxMergedWidth = 2.6;     /* widest blob taken for characters
                                         * blurred together, in heights */

/* Groups the character-like components of @mask (white = ink) into the most
 * plausible character row. */
Row
find_row (const cv::Mat & mask, int box_h, const cv::Rect & box)
{
  Row row;
  cv::Mat labels, stats, centroids;
  /* BBDT: the same labels as the default (Spaghetti) in OpenCV 4.6, a
   * third faster on these masks */
  int n = cv::connectedComponentsWithStats (mask, labels, stats, centroids, 8,
      CV_32S, cv::CCL_BBDT);
  std::vector<Blob> blobs;

  for (int i = 1; i < n; i++) {
    int x = stats.at<int> (i, cv::CC_STAT_LEFT);
    int y = stats.at<int> (i, cv::CC_STAT_TOP);
    int w = stats.at<int> (i, cv::CC_STAT_WIDTH);
    int h = stats.at<int> (i, cv::CC_STAT_HEIGHT);
    int area = stats.at<int> (i, cv::CC_STAT_AREA);
    double fill = (double) area / (w * h);

    if (h < 0.22 * box_h || h > 1.05 * box_h)
      continue;
    if (w < 2 || h > 14 * w)
      continue;
    /* wider than a character: characters blurred together (a W touching
     * its neighbour) still have their holes and gaps, a bar or a badge
     * does not */
    if (w > kCharMaxWidth * h && (w > kMaxMergedWidth * h || fill < 0.3
            || fill > 0.75))
      continue;
    /* solid blocks are not characters, except the bar of an I or 1 */
    if (fill < 0.12 || (fill > 0.92 && h < 2.5 * w))
      continue;
    /* characters lie inside the plate box: what is centred outside it is
     * the plate border, the bumper or the neighbouring text */
    double cx = x + w / 2.0, cy = y + h / 2.0;
    if (cx < box.x || cx > box.x + box.width || cy < box.y
        || cy > box.y + box.height)
      continue;
    blobs.push_back ({cv::Rect (x, y, w, h), area, i});
  }

  /* largest group of similar height on a common line */
  std::vector<Blob> best;
  double best_score = 0.0;
  for (size_t i = 0; i < blobs.size (); i++) {
    const cv::Rect & s = blobs[i].r;
    double cy = s.y + s.height / 2.0;
    std::vector<Blob> group;
    double sum_h = 0;

    for (size_t j = 0; j < blobs.size (); j++) {
      const cv::Rect & o = blobs[j].r;
      double ocy = o.y + o.height / 2.0;
      if (std::abs (o.height - s.height) > 0.2 * s.height)
        continue;
      if (std::abs (ocy - cy) > 0.35 * s.height + 0.08 * std::abs ((o.x - s.x)))
        continue;
      group.push_back (blobs[j]);
      sum_h += o.height;
    }
    if (group.size () < 2)
      continue;
    /* prefer plate-like counts and tall characters */
    double cnt = std::min<double> (group.size (), 9.0);
    double score = cnt * 10.0 + sum_h / group.size () / box_h;
    if (group.size () > 10)
      score -= (group.size () - 10) * 5.0;
    if (score > best_score) {
      best_score = score;
      best = group;
    }
  }
  if (best.empty ())
    return row;

  std::sort (best.begin (), best.end (),[](const Blob & a, const Blob & b) {
        return a.r.x < b.r.x;}
  );

  /* drop blobs nested in another (holes are not components, but stray
   * pieces inside a character box can be) */
  std::vector<Blob> kept;
  for (const Blob & b:best) {
    bool inside = false;
    for (const Blob & o:best)
      if (&o != &b && (o.r & b.r) == b.r && o.area > b.area)
        inside = true;
    if (!inside)
      kept.push_back (b);
  }

  std::vector<int> hs;
  for (const Blob & b:kept)
    hs.push_back (b.r.height);
  row.median_h = (int) median_of (hs);

  /* the plate border and badges line up badly with the characters: fit
   * lines through the tops and the bottoms and drop what sticks out */
  if (kept.size () >= 3) {
    for (int pass = 0; pass < 2; pass++) {
      double st[2][4] = { {0} };
      for (const Blob & b:kept) {
        double x = b.r.x + b.r.width / 2.0;
        double ys[2] = { (double) b.r.y, (double) (b.r.y + b.r.height) };
        for (int k = 0; k < 2; k++) {
          st[k][0] += x;
          st[k][1] += ys[k];
          st[k][2] += x * x;
          st[k][3] += x * ys[k];
        }
      }
      double nn = kept.size (), a[2], c[2];
      for (int k = 0; k < 2; k++) {
        double d = nn * st[k][2] - st[k][0] * st[k][0];
        a[k] = d > 1e-6 ? (nn * st[k][3] - st[k][0] * st[k][1]) / d : 0.0;
        c[k] = (st[k][1] - a[k] * st[k][0]) / nn;
      }
      std::vector<Blob> in;
      double tol = std::max (2.0, 0.12 * row.median_h);
      for (const Blob & b:kept) {
        double x = b.r.x + b.r.width / 2.0;
        if (std::abs (b.r.y - (a[0] * x + c[0])) <= tol
            && std::abs (b.r.y + b.r.height - (a[1] * x + c[1])) <= tol)
          in.push_back (b);
      }
      if (in.size () < 2 || in.size () == kept.size ())
        break;
      kept = in;
    }
  }

  if (kept.size () >= 3) {
    /* least squares line through the bottom centres */
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const Blob & b:kept) {
      double x = b.r.x + b.r.width / 2.0, y = b.r.y + b.r.height / 2.0;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double nn = kept.size ();
    double d = nn * sxx - sx * sx;
    if (d > 1e-6)
      row.angle = std::atan ((nn * sxy - sx * sy) / d) * 180.0 / CV_PI;
  }

  row.blobs = kept;
  row.labels = labels;
  row.mask = mask;
  row.score = best_score;
  return row;
}

}                               /* namespace */

double
median_of (std::vector<int> v)
{
  if (v.empty ())
    return 0.0;
  std::nth_element (v.begin (), v.begin () + v.size () / 2, v.end ());
  return v[v.size () / 2];
}

Row
best_row (const cv::Mat & gray, const cv::Rect & box, bool * dark_on_light)
{
  Row best;
  cv::Mat otsu, inv;
  int box_h = box.height;

  cv::threshold (gray, otsu, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  cv::bitwise_not (otsu, inv);

  int block = std::max (3, (box_h / 2) | 1);
  cv::Mat ad_dark, ad_light;
  cv::adaptiveThreshold (gray, ad_dark, 255, cv::ADAPTIVE_THRESH_MEAN_C,
      cv::THRESH_BINARY_INV, block, 7);
  cv::adaptiveThreshold (gray, ad_light, 255, cv::ADAPTIVE_THRESH_MEAN_C,
      cv::THRESH_BINARY, block, -7);

  const cv::Mat *masks[4] = { &inv, &ad_dark, &otsu, &ad_light };
  const bool dark[4] = { true, true, false, false };
  for (int i = 0; i < 8; i++) {
    cv::Mat mask = *masks[i % 4];
    /* only when the plain masks found no proper row */
    if (i >= 4 && best.blobs.size () >= 4)
      break;
    if (i >= 4) {
      /* characters touching the plate border or each other: take out long
       * straight runs (the border, underlines) and thin bridges */
      cv::Mat hl, vl, lines;
      cv::morphologyEx (mask, hl, cv::MORPH_OPEN,
          cv::getStructuringElement (cv::MORPH_RECT,
              cv::Size (std::max (3, (int) (box_h * 0.9)), 1)));
      cv::morphologyEx (mask, vl, cv::MORPH_OPEN,
          cv::getStructuringElement (cv::MORPH_RECT,
              cv::Size (1, std::max (3, (int) (box_h * 0.95)))));
      cv::bitwise_or (hl, vl, lines);
      cv::dilate (lines, lines, cv::Mat ());
      cv::Mat cleaned;
      cv::bitwise_and (mask, ~lines, cleaned);
      mask = cleaned;
    }
    Row r = find_row (mask, box_h, box);
    /* light-on-dark plates are rare, and on dark-on-light plates the gaps
     * between the characters look like a row of light blobs */
    if (!dark[i % 4])
      r.score -= 15.0;
    if (r.score > best.score + 1e-9) {
      best = r;
      *dark_on_light = dark[i % 4];
    }
  }
  return best;
}

cv::Rect
row_extent (const Row & row)
{
  int top = INT_MAX, bottom = 0, left = INT_MAX, right = 0;
  for (const Blob & b:row.blobs) {
    top = std::min (top, b.r.y);
    bottom = std::max (bottom, b.r.y + b.r.height);
    left = std::min (left, b.r.x);
    right = std::max (right, b.r.x + b.r.width);
  }
  return cv::Rect (left, top, std::max (0, right - left),
      std::max (0, bottom - top));
}

}                               /* namespace anpr */
