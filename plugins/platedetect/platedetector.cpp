/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Number plate detection with OpenCV, no learned model.
 *
 * A plate is a row of 3-10 character blobs of nearly the same height,
 * evenly spaced along a straight line, on a uniform background of
 * contrasting brightness.  So:
 *
 *  1. candidate generation (platecandidates.cpp): the frame (gray,
 *     downscaled to process-width) is binarised with a local mean
 *     threshold, in both polarities (dark characters on a light plate, and
 *     light on dark), at two or three pyramid levels so that one window
 *     size suits all plate sizes.  Long horizontal runs (plate frames,
 *     bumper edges touching the characters) are removed, then connected
 *     components of character size and shape are kept.  Components of
 *     character height but wider are cut where only a thin line joins
 *     characters (small print or the plate border touching their feet,
 *     blur between tightly spaced ones).  Dark ones where that cut gives
 *     no characters, and those a little taller than a character (joined
 *     to a dealer frame's print or edge), are opened with a 2x2 square,
 *     which cuts lines one pixel thin, and their pieces kept instead.
 *  2. grouping: components are chained left to right when their heights
 *     match, their centres line up and the gap is at most about a character
 *     height.  Chains of at least 3 are plate candidates; outliers are
 *     dropped against the median height and a fitted centre line.  A
 *     chain of 2 is one only on a plate's blank ground, edged above and
 *     below (platepair.cpp: two-character plates).
 *  3. scoring: character count, height regularity, alignment, spacing
 *     regularity and pitch, stroke coverage, contrast between the strokes
 *     and the background between them along the row (over the whole row,
 *     or character by character when a shadow or glare crosses the plate),
 *     and how uniform both are, combined into a 0..1 confidence.  Fence
 *     and grille bars (narrow, solid, identical, widely spaced blobs) are
 *     penalised, and so, mildly, is light text on a dark ground (road
 *     signs, shop fronts).
 *  4. box (plateoutline.cpp): the row is extended at both ends by characters the grouping
 *     left out (the narrow I and 1, characters touching the border or the
 *     frame, characters beyond a crest or hyphen gap, and wide components
 *     of characters blurred together, such as a W touching its neighbour,
 *     whose holes show the plate background), then given a margin
 *     that reaches over strokes still inside the plate background (a
 *     character merged with the plate border) up to the plate outline.
 *     The score does not change: only the box does.
 *  5. small plates: at full resolution characters down to 7 pixels high
 *     are kept, and the rows of such small blobs (two or more), and the
 *     dense bands of vertical edges of small text (faint or blurred plates
 *     whose characters give no clean blobs), mark regions that are
 *     searched again upsampled x2, where characters that merge with each
 *     other or with the plate border at their own size separate.  The
 *     regions are bounded to a share of the frame, so the cost stays
 *     bounded.  Rows found there score a little lower, and are dropped
 *     where they overlap a row found at the normal levels (the
 *     small print on a plate, parts of a text already found).
 *  6. non-maximum suppression across levels and polarities.
 *
 * Everything here catches its exceptions: a bad frame gives an error
 * return, never a crash of the pipeline.
 */

#include "platedetectorprivate.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <numeric>
#include <string>
#include <vector>

namespace
{

/* Union-find over blob indices. */
struct DisjointSet
{
  std::vector<int> parent;
  explicit DisjointSet (size_t n) : parent (n)
  {
    std::iota (parent.begin (), parent.end (), 0);
  }
  int find (int i)
  {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
  void join (int a, int b)
  {
    a = find (a);
    b = find (b);
    if (a != b)
      parent[b] = a;
  }
};

inline float
clamp01 (float v)
{
  return v < 0.f ? 0.f : (v > 1.f ? 1.f : v);
}

float
median (std::vector<float> v)
{
  if (v.empty ())
    return 0.f;
  std::nth_element (v.begin (), v.begin () + v.size () / 2, v.end ());
  return v[v.size () / 2];
}

}                               /* namespace */

namespace platedetect
{

/* Contrast and spread (see score_group) measured per character instead:
 * each character against the background in its own slice of the row, the
 * median over the characters.  A shadow edge or glare across a plate, or a
 * gradient of light along it, mixes bright and dark background in the
 * whole row while each character still stands out where it is.  Replaces
 * @contrast and @spread when it finds the row more contrasted. */
static void
local_contrast (const cv::Mat & roi, const cv::Mat & stroke,
    const cv::Mat & bg, const std::vector<Blob> & row, const cv::Rect & tight,
    bool dark, double &contrast, double &spread)
{
  std::vector<float> cs, ss;
  cv::Rect all (0, 0, tight.width, tight.height);
  for (size_t i = 0; i < row.size (); i++) {
    int sx0 = tight.x, sx1 = tight.x + tight.width;
    if (i > 0)
      sx0 = (row[i - 1].x + row[i - 1].w + row[i].x) / 2;
    if (i + 1 < row.size ())
      sx1 = (row[i].x + row[i].w + row[i + 1].x) / 2;
    cv::Rect sl = cv::Rect (sx0 - tight.x, 0, sx1 - sx0, tight.height) & all;
    if (sl.width <= 0 || cv::countNonZero (bg (sl)) < sl.area () / 8)
      continue;
    cv::Scalar m_in, s_in, m_out, s_out;
    cv::meanStdDev (roi (sl), m_in, s_in, stroke (sl));
    cv::meanStdDev (roi (sl), m_out, s_out, bg (sl));
    double c = dark ? m_out[0] - m_in[0] : m_in[0] - m_out[0];
    cs.push_back ((float) c);
    ss.push_back ((float) ((s_in[0] + s_out[0]) / std::max (c, 1.0)));
  }
  if (cs.size () * 2 <= row.size ())
    return;
  float c = median (cs);
  if (c > contrast) {
    contrast = c;
    spread = std::min (spread, (double) median (ss));
  }
}

bool
Detector::score_group (const cv::Mat & gray, std::vector<Blob> & row,
    bool dark, float to_level0, Candidate & cand)
{
  if (row.size () < 3)
    return false;

  /* Outliers against the median height. */
  std::vector<float> hs;
  for (const Blob & b : row)
    hs.push_back ((float) b.h);
  float hm = median (hs);
  row.erase (std::remove_if (row.begin (), row.end (),[hm](const Blob & b) {
            return b.h < hm * 0.75f || b.h > hm * 1.3f;}), row.end ());
  if (row.size () < 3)
    return false;

  /* Centre line y = a + b x, least squares. */
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const Blob & b : row) {
    sx += b.cx;
    sy += b.cy;
    sxx += (double) b.cx * b.cx;
    sxy += (double) b.cx * b.cy;
  }
  double n = row.size ();
  double den = n * sxx - sx * sx;
  double slope = den > 1e-6 ? (n * sxy - sx * sy) / den : 0.0;
  double icept = (sy - slope * sx) / n;
  if (std::fabs (slope) > 0.35)
    return false;

  double resid = 0;
  for (const Blob & b : row) {
    double d = b.cy - (icept + slope * b.cx);
    resid += d * d;
  }
  resid = std::sqrt (resid / n);

  /* Heights and widths. */
  double hmean = 0, hvar = 0, wmean = 0, wvar = 0, fmean = 0;
  for (const Blob & b : row) {
    hmean += b.h;
    wmean += b.w;
    fmean += (double) b.area / (b.w * b.h);
  }
  hmean /= n;
  wmean /= n;
  fmean /= n;
  for (const Blob & b : row) {
    hvar += (b.h - hmean) * (b.h - hmean);
    wvar += (b.w - wmean) * (b.w - wmean);
  }
  double hcv = std::sqrt (hvar / n) / hmean;
  double wcv = std::sqrt (wvar / n) / wmean;

  /* Spacing between neighbours. */
  std::vector<float> gaps;
  for (size_t i = 1; i < row.size (); i++)
    gaps.push_back (row[i].cx - row[i - 1].cx);
  float gmed = median (gaps);
  int irregular = 0;
  for (float g : gaps)
    if (g < gmed * 0.6f || g > gmed * 1.8f)
      irregular++;

  int x0 = row.front ().x, x1 = 0, y0 = gray.rows, y1 = 0;
  for (const Blob & b : row) {
    x0 = std::min (x0, b.x);
    x1 = std::max (x1, b.x + b.w);
    y0 = std::min (y0, b.y);
    y1 = std::max (y1, b.y + b.h);
  }
  float span = (float) (x1 - x0);
  float aspect = span / (float) hmean;

  float padx = 0.35f * hmean, pady = 0.25f * hmean;

  /* Contrast: stroke pixels (the components themselves) against the
   * background between and inside the characters, in the tight box of the
   * row.  A plate has a flat background: its spread is small next to the
   * contrast. */
  cv::Rect tight (x0, y0, x1 - x0, y1 - y0);
  tight &= cv::Rect (0, 0, gray.cols, gray.rows);
  if (tight.width <= 0 || tight.height <= 0)
    return false;
  cv::Mat stroke = cv::Mat::zeros (tight.size (), CV_8U);
  {
    cv::Mat lab = labels_ (tight);
    for (const Blob & b : row) {
      cv::Rect r (b.x - tight.x, b.y - tight.y, b.w, b.h);
      r &= cv::Rect (0, 0, tight.width, tight.height);
      cv::Mat m = (lab (r) == b.label);
      stroke (r) |= m;
    }
  }
  cv::Mat roi = gray (tight);
  cv::Mat bg;
  /* Leave out the anti-aliased stroke edges. */
  cv::dilate (stroke, bg, cv::Mat ());
  cv::bitwise_not (bg, bg);
  /* Background only in the band of the row along its fitted line: on a
   * tilted plate the corners of the tight box are car body, not plate. */
  int band_area = 0;
  for (int y = 0; y < tight.height; y++) {
    unsigned char *p = bg.ptr<unsigned char> (y);
    for (int x = 0; x < tight.width; x++) {
      double cy = icept + slope * (x + tight.x) - tight.y;
      if (std::fabs (y - cy) > 0.5 * hmean)
        p[x] = 0;
      else
        band_area++;
    }
  }
  if (cv::countNonZero (bg) < band_area / 8)
    return false;
  cv::Scalar m_in, s_in, m_out, s_out;
  cv::meanStdDev (roi, m_in, s_in, stroke);
  cv::meanStdDev (roi, m_out, s_out, bg);
  double contrast = dark ? m_out[0] - m_in[0] : m_in[0] - m_out[0];
  double spread = (s_in[0] + s_out[0]) / std::max (contrast, 1.0);
  local_contrast (roi, stroke, bg, row, tight, dark, contrast, spread);
  double ink = (double) cv::countNonZero (stroke) / tight.area ();

  /* Scores, each 0..1. */
  float s_count;
  switch (row.size ()) {
    case 3:
      s_count = 0.45f;
      break;
    case 4:
      s_count = 0.75f;
      break;
    case 5:
    case 6:
    case 7:
    case 8:
      s_count = 1.f;
      break;
    case 9:
    case 10:
      s_count = 0.8f;
      break;
    default:
      s_count = 0.35f;
      break;
  }
  float s_height = std::exp (-std::pow (hcv / 0.18, 2));
  float s_align = std::exp (-std::pow (resid / (0.15 * hmean), 2));
  float s_space = 1.f - (float) irregular / gaps.size () * 0.8f;
  /* Contrast in gray levels: 8 is noise, 32 is clear (haze, night and
   * dirty plates are often little above 20). */
  float s_contrast = clamp01 ((float) (contrast - 8.) / 24.f);
  /* Background and strokes each uniform next to their difference. */
  float s_flat = clamp01 (1.5f - 0.75f * (float) spread);
  /* Share of the row covered by strokes: 0.15..0.6 for characters. */
  float s_ink = clamp01 ((float) (ink - 0.10) / 0.08f)
      * (ink < 0.65 ? 1.f : 0.4f);
  /* Character pitch: plate characters sit about 0.5-0.9 of their height
   * apart, fence posts and window bars further. */
  float pitch = gmed / (float) hmean;
  float s_pitch = clamp01 ((1.5f - pitch) / 0.4f);
  /* Most plates are dark characters on a light plate; light text on a
   * dark ground is more often a road sign or a shop front. */
  float s_polarity = dark ? 1.f : 0.75f;
  /* Fence and grille bars, cut into pieces by their cross bars: rows of
   * narrow, solid, identical blobs.  Characters are mostly about half as
   * wide as high, with holes and gaps (fill well below 0.8). */
  std::vector<float> aspects, fills;
  for (const Blob & b : row) {
    aspects.push_back ((float) b.w / b.h);
    fills.push_back ((float) b.area / (b.w * b.h));
  }
  float med_aspect = median (aspects), med_fill = median (fills);
  float s_bars = clamp01 ((med_aspect - 0.2f) / 0.15f)
      * clamp01 ((0.88f - med_fill) / 0.15f);
  if (wcv < 0.08 && fmean > 0.7)
    s_bars *= 0.3f;
  float s_aspect = (aspect >= 1.5f && aspect <= 14.f) ? 1.f : 0.3f;

  float score = s_count * s_height * s_align * s_space * s_contrast
      * s_bars * s_aspect * s_ink * s_pitch;
  score = std::pow (score, 0.5f) * (0.6f + 0.4f * s_flat) * s_polarity;

  /* Plate outline in level-0 pixels: the character row grown to the plate
   * border (EU bands, US plates with tall margins: IoU of 0.3 is enough to
   * cover both). */
  float pad_left = padx, pad_right = padx;
  if (contrast > 0) {
    extend_row (gray, row, icept, slope, (float) hmean, gmed, m_in[0],
        m_out[0], contrast, x0, x1);
    pad_left = plate_margin (gray, icept, slope, (float) hmean, m_out[0],
        contrast, x0, -1);
    pad_right = plate_margin (gray, icept, slope, (float) hmean, m_out[0],
        contrast, x1 - 1, 1);
  }
  span = (float) (x1 - x0);
  float line_y0 = (float) (icept + slope * x0);
  float line_y1 = (float) (icept + slope * x1);
  float top = std::min (line_y0, line_y1) - hmean * 0.5f - pady;
  float bot = std::max (line_y0, line_y1) + hmean * 0.5f + pady;
  cand.box = cv::Rect2f ((x0 - pad_left) * to_level0, top * to_level0,
      (span + pad_left + pad_right) * to_level0, (bot - top) * to_level0);
  cand.score = clamp01 (score);
  /* Characters smaller than the normal levels look for: weaker evidence,
   * like the rows of the upsampled regions. */
  int hmin = row.front ().h;
  for (const Blob & b : row)
    hmin = std::min (hmin, b.h);
  cand.fine = hmin * to_level0 < kMinCharHeight;
  if (cand.fine)
    cand.score *= kFinePenalty;
  GST_TRACE ("TRACE %.0f %.0f %.0f %.0f score=%.3f n=%u cnt=%.2f h=%.2f "
      "al=%.2f sp=%.2f con=%.2f(%.0f) ink=%.2f flat=%.2f(%.2f) bars=%.2f "
      "asp=%.2f pitch=%.2f dark=%d", cand.box.x, cand.box.y, cand.box.width,
      cand.box.height, cand.score, (guint) row.size (), s_count, s_height,
      s_align, s_space, s_contrast, contrast, ink, s_flat, spread, s_bars,
      aspect, pitch, dark);
  return true;
}

void
Detector::group (const cv::Mat & gray, const std::vector<Blob> & blobs,
    bool dark, float to_level0, std::vector<Candidate> & out,
    std::vector<cv::Rect> *fine_rois)
{
  size_t n = blobs.size ();
  std::vector<int> order (n);
  std::iota (order.begin (), order.end (), 0);
  std::sort (order.begin (), order.end (),[&blobs](int a, int b) {
        return blobs[a].x < blobs[b].x;});

  DisjointSet ds (n);
  for (size_t oi = 0; oi < n; oi++) {
    const Blob & a = blobs[order[oi]];
    int best = -1;
    float best_gap = 1e9f;
    for (size_t oj = oi + 1; oj < n; oj++) {
      const Blob & b = blobs[order[oj]];
      float hmax = (float) std::max (a.h, b.h);
      if (b.x > a.x + a.w + 1.3f * hmax)
        break;
      if (std::abs (a.h - b.h) > 0.25f * hmax)
        continue;
      if (std::fabs (a.cy - b.cy) > 0.3f * hmax)
        continue;
      float gap = b.x - (a.x + a.w);
      if (gap < -0.15f * hmax)
        continue;
      if (gap < best_gap) {
        best_gap = gap;
        best = order[oj];
      }
    }
    if (best >= 0)
      ds.join (order[oi], best);
  }

  std::vector<std::vector<Blob>> rows (n);
  for (size_t oi = 0; oi < n; oi++) {
    int i = order[oi];
    rows[ds.find (i)].push_back (blobs[i]);
  }
  for (auto & row : rows) {
    /* Two or more small blobs in a row: a region to search upsampled. */
    if (fine_rois && row.size () >= 2) {
      int x0 = gray.cols, y0 = gray.rows, x1 = 0, y1 = 0, hmax = 0;
      for (const Blob & b : row) {
        x0 = std::min (x0, b.x);
        y0 = std::min (y0, b.y);
        x1 = std::max (x1, b.x + b.w);
        y1 = std::max (y1, b.y + b.h);
        hmax = std::max (hmax, b.h);
      }
      if (hmax <= kFineMaxCharHeight) {
        cv::Rect r (x0 - 2 * hmax, y0 - hmax, x1 - x0 + 4 * hmax,
            y1 - y0 + 2 * hmax);
        fine_rois->push_back (r & cv::Rect (0, 0, gray.cols, gray.rows));
      }
    }
    Candidate c;
    if (row.size () == 2 && score_pair (gray, row, dark, to_level0, c)) {
      out.push_back (c);
      continue;
    }
    if (row.size () < 3)
      continue;
    if (score_group (gray, row, dark, to_level0, c))
      out.push_back (c);
  }
}



float
iou (const cv::Rect2f & a, const cv::Rect2f & b)
{
  float inter = (a & b).area ();
  float uni = a.area () + b.area () - inter;
  return uni > 0 ? inter / uni : 0.f;
}

std::vector<PlateDetectorBox>
Detector::detect (const PlateDetectorParams & params,
    const PlateFrame & image, float scale, int plate_min_height,
    int plate_max_height)
{
  /* The character heights, in processed pixels, that boxes of the hinted
   * heights hold: score_group () draws a box a quarter of a character
   * above and below the row (1.5 character heights), more on a slanted
   * row; a little slack either way. */
  const bool any_size = plate_max_height <= 0;
  const float char_lo = plate_min_height * scale / 2.0f;
  const float char_hi = plate_max_height * scale / 1.3f;
  auto wanted =[&](float lo, float hi) {
    return any_size || (char_hi >= lo && char_lo <= hi);
  };

  to_gray (image, gray_);

  if (scale < 1.f) {
    cv::resize (gray_, small_buf_, cv::Size (), scale, scale,
        cv::INTER_AREA);
    small_ = small_buf_;
  } else {
    small_ = gray_;
  }

  std::vector<Candidate> cands;
  std::vector<Blob> blobs;
  cv::Mat level = small_;
  float to_level0 = 1.f;
  std::vector<cv::Rect> fine_rois;
  std::vector<Candidate> small_cands;
  for (int l = 0; l < 3; l++) {
    if (level.cols < 32 || level.rows < 2 * kMinCharHeight)
      break;
    /* this level's characters, and (level 0) the small ones below them */
    const bool main_pass = wanted (kMinCharHeight * to_level0,
        kMaxCharHeight * to_level0);
    const bool fine_pass = l == 0 && wanted (0.f, (float) kMinCharHeight);
    for (int pol = 0; pol < 2 && (main_pass || fine_pass); pol++) {
      label_components (level, pol == 0);
      if (main_pass) {
        collect_blobs (level, kMinCharHeight, kMaxCharHeight, blobs);
        group (level, blobs, pol == 0, to_level0, cands, nullptr);
      }
      if (l > 0 || !fine_pass)
        continue;
      /* Again with the small characters: only the rows that hold some
       * are new (the others were found above, or are chains the small
       * blobs joined differently), and their regions are searched
       * upsampled.  Same labelling, as it was before split_blob cut
       * pieces out of it. */
      small_cands.clear ();
      /* (the cuts of this labelling's pass above; none without it) */
      if (main_pass)
        undo_splits ();
      collect_blobs (level, kMinCharHeightLevel0, kMaxCharHeight, blobs);
      group (level, blobs, pol == 0, to_level0, small_cands, &fine_rois);
      for (const Candidate & c : small_cands)
        if (c.fine)
          cands.push_back (c);
    }
    if (l == 0 && fine_pass)
    {
      propose_text (level, fine_rois);
      search_fine (level, fine_rois, cands);
    }
    /* A third level only for frames whose plates can be huge. */
    if (l == 1 && level.rows * 2 < 600)
      break;
    /* no larger characters wanted */
    if (!wanted (kMinCharHeight * to_level0 * 2, 1e9f))
      break;
    cv::Mat next;
    cv::resize (level, next, cv::Size (), 0.5, 0.5, cv::INTER_AREA);
    level = next;
    to_level0 *= 2.f;
  }

  /* Best first, then non-maximum suppression. */
  std::sort (cands.begin (), cands.end (),[](const Candidate & a,
          const Candidate & b) {
        return a.score > b.score;}
  );
  /* The rows of small characters only take the places the others leave
   * (max-plates): they do not crowd out a plate found normally. */
  std::stable_partition (cands.begin (), cands.end (),
        [](const Candidate & c) {
          return !c.fine;});
  /* A row from an upsampled region that overlaps one found at the normal
   * levels, and reported, is a piece of it, or the small print on its
   * plate. */
  std::vector<Candidate> normal;
  float min_w = params.min_plate_width * scale;
  for (const Candidate & c : cands)
    if (!c.fine && c.score >= params.threshold && c.box.width >= min_w)
      normal.push_back (c);
  cands.erase (std::remove_if (cands.begin (), cands.end (),
          [&normal](const Candidate & c) {
            if (!c.fine)
              return false;
            for (const Candidate & o : normal)
              if ((c.box & o.box).area () > 0.1f * c.box.area ())
                return true;
            return false;}), cands.end ());

  std::vector<Candidate> kept;
  for (const Candidate & c : cands) {
    if (c.score < params.threshold)
      continue;
    if (c.box.width < min_w)
      continue;
    bool dup = false;
    for (const Candidate & k : kept) {
      float inter = (c.box & k.box).area ();
      /* Overlapping, or a piece of a plate already kept (half a plate's
       * characters); a plate inside a much larger box is not a piece. */
      if (iou (c.box, k.box) > 0.3f || (inter > 0.6f * c.box.area ()
              && k.box.area () < 3.f * c.box.area ())) {
        dup = true;
        break;
      }
    }
    if (!dup)
      kept.push_back (c);
    if ((int) kept.size () >= params.max_plates)
      break;
  }

  std::vector<PlateDetectorBox> result;
  cv::Rect2f frame (0, 0, (float) image.width, (float) image.height);
  for (const Candidate & k : kept) {
    cv::Rect2f r (k.box.x / scale, k.box.y / scale, k.box.width / scale,
        k.box.height / scale);
    r &= frame;
    if (r.width < 1 || r.height < 1)
      continue;
    PlateDetectorBox b;
    b.x = (int) std::floor (r.x);
    b.y = (int) std::floor (r.y);
    b.width = std::min ((int) std::ceil (r.x + r.width), image.width) - b.x;
    b.height = std::min ((int) std::ceil (r.y + r.height), image.height) - b.y;
    b.confidence = k.score;
    result.push_back (b);
  }
  /* Drop the views of the caller's frame. */
  gray_.release ();
  small_.release ();
  return result;
}

float
process_scale (const PlateDetectorParams & params, int frame_width)
{
  if (params.process_width > 0 && frame_width > params.process_width)
    return (float) params.process_width / frame_width;
  return 1.f;
}

char *
dup_error (const char *msg)
{
  size_t len = std::strlen (msg);
  char *s = static_cast<char *>(std::malloc (len + 1));
  if (s)
    std::memcpy (s, msg, len + 1);
  return s;
}

}                               /* namespace platedetect */

struct _PlateDetector
{
  platedetect::Detector impl;
};

extern "C" PlateDetector *
plate_detector_new (void)
{
  try {
    return new PlateDetector ();
  } catch ( ...) {
    return nullptr;
  }
}

extern "C" void
plate_detector_free (PlateDetector * detector)
{
  delete detector;
}

extern "C" int
plate_detector_detect (PlateDetector * detector,
    const PlateDetectorParams * params, const PlateFrame * image,
    PlateDetectorBox * boxes, int max_boxes, char **error)
{
  if (error)
    *error = nullptr;

  if (!detector || !params || !image || !image->data || (max_boxes > 0
          && !boxes)) {
    if (error)
      *error = platedetect::dup_error ("invalid arguments");
    return -1;
  }
  if (!plate_frame_valid (image)
      || image->width > (1 << 15) || image->height > (1 << 15)) {
    if (error)
      *error = platedetect::dup_error ("invalid image geometry");
    return -1;
  }

  try {
    std::vector<PlateDetectorBox> found =
        detector->impl.detect (*params, *image,
        platedetect::process_scale (*params, image->width));
    int n = std::min ((int) found.size (), max_boxes);
    for (int i = 0; i < n; i++)
      boxes[i] = found[i];
    return n;
  } catch (const std::exception & e) {
    if (error)
      *error = platedetect::dup_error (e.what ());
    return -1;
  } catch ( ...) {
    if (error)
      *error = platedetect::dup_error ("unknown exception");
    return -1;
  }
}

/* Pixels from a region's side within which a box counts as cut by it. */
static const int kRegionEdge = 2;

extern "C" int
plate_detector_detect_regions (PlateDetector * detector,
    const PlateDetectorParams * params, const PlateFrame * image,
    const PlateDetectorRegion * regions, int n_regions,
    PlateDetectorBox * boxes, int max_boxes, char **error)
{
  if (error)
    *error = nullptr;

  if (!detector || !params || !image || !image->data || n_regions < 0
      || (n_regions > 0 && !regions) || (max_boxes > 0 && !boxes)) {
    if (error)
      *error = platedetect::dup_error ("invalid arguments");
    return -1;
  }
  if (!plate_frame_valid (image)
      || image->width > (1 << 15) || image->height > (1 << 15)) {
    if (error)
      *error = platedetect::dup_error ("invalid image geometry");
    return -1;
  }

  try {
    float scale = platedetect::process_scale (*params, image->width);
    std::vector<PlateDetectorBox> all;
    for (int i = 0; i < n_regions; i++) {
      cv::Rect r = cv::Rect (regions[i].x, regions[i].y, regions[i].width,
          regions[i].height) & cv::Rect (0, 0, image->width, image->height);
      /* too small to hold a plate the detector would report */
      if (r.width < params->min_plate_width || r.height < 8)
        continue;
      PlateFrame crop = *image;
      crop.data = image->data + (size_t) r.y * image->stride
          + (size_t) r.x * image->pixel_stride;
      crop.width = r.width;
      crop.height = r.height;
      for (PlateDetectorBox b:detector->impl.detect (*params, crop, scale,
              regions[i].plate_min_height, regions[i].plate_max_height)) {
        /* A box against a side of the region that is not the frame's is
         * likely cut by it: a piece of a longer line of text (an overlay,
         * a sign), or of a plate the region only half holds, which a
         * later search with other regions sees whole. */
        if ((b.x <= kRegionEdge && r.x > 0)
            || (b.y <= kRegionEdge && r.y > 0)
            || (b.x + b.width >= r.width - kRegionEdge
                && r.x + r.width < image->width)
            || (b.y + b.height >= r.height - kRegionEdge
                && r.y + r.height < image->height))
          continue;
        b.x += r.x;
        b.y += r.y;
        all.push_back (b);
      }
    }
    /* best first; a plate cut by the border of two regions (they should
     * not overlap, but may touch) is kept once */
    std::stable_sort (all.begin (), all.end (),
        [](const PlateDetectorBox & a, const PlateDetectorBox & b) {
          return a.confidence > b.confidence;});
    std::vector<PlateDetectorBox> kept;
    for (const PlateDetectorBox & b : all) {
      cv::Rect2f rb (b.x, b.y, b.width, b.height);
      bool dup = false;
      for (const PlateDetectorBox & k : kept)
        if (platedetect::iou (rb, cv::Rect2f (k.x, k.y, k.width,
                    k.height)) > 0.3f) {
          dup = true;
          break;
        }
      if (!dup)
        kept.push_back (b);
      if ((int) kept.size () >= std::min (params->max_plates, max_boxes))
        break;
    }
    int n = (int) kept.size ();
    for (int i = 0; i < n; i++)
      boxes[i] = kept[i];
    return n;
  } catch (const std::exception & e) {
    if (error)
      *error = platedetect::dup_error (e.what ());
    return -1;
  } catch ( ...) {
    if (error)
      *error = platedetect::dup_error ("unknown exception");
    return -1;
  }
}
