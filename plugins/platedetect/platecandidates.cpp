/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Candidate generation for the plate detector (see platedetector.cpp for
 * the whole method): the frame in gray, character blobs from a local mean
 * threshold (wide components of character height cut where only a thin
 * line joins characters), and the small-plate pass: regions of small text
 * searched again upsampled. */

#include "platedetectorprivate.h"

#include <algorithm>
#include <vector>
#ifdef PLATE_DETECTOR_TRACE
#include <cstdio>
#endif

namespace platedetect
{

void
Detector::to_gray (const PlateDetectorImage & image, cv::Mat & gray)
{
  int ps = image.pixel_stride;
  cv::Mat src (image.height, image.width, CV_8UC (ps),
      const_cast<unsigned char *>(image.data), (size_t) image.stride);

  if (image.pixels == PLATE_DETECTOR_PIXELS_LUMA) {
    if (ps == 1) {
      gray = src;               /* a view, no copy */
    } else {
      cv::extractChannel (src, gray_buf_, image.luma_offset);
      gray = gray_buf_;
    }
    return;
  }

  /* Any packed RGB order: one weighted sum of the channels. */
  cv::Mat weights = cv::Mat::zeros (1, ps, CV_32F);
  weights.at<float> (0, image.red_offset) = 0.299f;
  weights.at<float> (0, image.green_offset) = 0.587f;
  weights.at<float> (0, image.blue_offset) = 0.114f;
  cv::transform (src, gray_buf_, weights);
  gray = gray_buf_;
}

void
Detector::find_blobs (const cv::Mat & gray, bool dark, int min_h, int max_h,
    std::vector<Blob> & out)
{
  label_components (gray, dark);
  collect_blobs (gray, min_h, max_h, out);
}

/* Binarises @gray (characters @dark on light, or light on dark) and labels
 * its 8-connected components into labels_ and stats_. */
void
Detector::label_components (const cv::Mat & gray, bool dark)
{
  cv::adaptiveThreshold (gray, bin_, 255, cv::ADAPTIVE_THRESH_MEAN_C,
      dark ? cv::THRESH_BINARY_INV : cv::THRESH_BINARY, 15, dark ? 6 : -6);

  /* Plate frames and bumper edges often touch the characters and merge
   * with them into one component: remove long horizontal runs (longer than
   * any character stroke) before labelling. */
  cv::morphologyEx (bin_, lines_, cv::MORPH_OPEN, hline_);
  bin_ -= lines_;

  /* BBDT: the same labels as the default (Spaghetti) in OpenCV 4.6, a
   * third faster on adaptive-threshold masks, which are speckled */
  n_labels_ = cv::connectedComponentsWithStats (bin_, labels_, stats_,
      centroids_, 8, CV_32S, cv::CCL_BBDT);
}

/* The components of label_components () of character height, from
 * @min_h to @max_h pixels, as blobs (split_blob relabels the pieces of
 * the components it cuts, in labels_; undo_splits () puts them back). */
void
Detector::collect_blobs (const cv::Mat & gray, int min_h, int max_h,
    std::vector<Blob> & out)
{
  out.clear ();
  loose_.clear ();
  relabelled_.clear ();
  int next_label = n_labels_;   /* for the pieces of split components */
  for (int i = 1; i < n_labels_; i++) {
    const int *s = stats_.ptr<int> (i);
    cv::Rect r (s[cv::CC_STAT_LEFT], s[cv::CC_STAT_TOP], s[cv::CC_STAT_WIDTH],
        s[cv::CC_STAT_HEIGHT]);
    /* Of character height, wider than a character, but no longer than a
     * plate's worth of joined characters. */
    if (r.width > r.height * 1.1f && r.height >= min_h && r.height <= max_h
        && r.width <= 8 * r.height) {
      split_blob (gray, r, i, min_h, max_h, next_label, out);
      continue;
    }
    add_blob (gray, r, s[cv::CC_STAT_AREA], i, min_h, max_h, out);
  }
}

/* Keeps the component @label of bounding box @r when it has the size and
 * shape of a character (in loose_ when it only has about the height, or is
 * a few characters wide: characters blurred together that split_blob
 * could not cut). */
void
Detector::add_blob (const cv::Mat & gray, const cv::Rect & r, int area,
    int label, int min_h, int max_h, std::vector<Blob> & out)
{
  int w = r.width, h = r.height;
  if (h < min_h * 3 / 4 || h > max_h * 5 / 4 || w > h * kMaxMergedWidth)
    return;

  Blob b;
  b.x = r.x;
  b.y = r.y;
  b.w = w;
  b.h = h;
  b.area = area;
  b.cx = b.x + w * 0.5f;
  b.cy = b.y + h * 0.5f;
  b.label = label;
  loose_.push_back (b);

  if (h < min_h || h > max_h)
    return;
  if (w > h * 1.1f || w < h * 0.08f)
    return;
  float fill = (float) area / (w * h);
  if (fill < 0.12f || fill > 0.92f)
    return;
  /* Touching the frame edge: likely cut off. */
  if (b.y == 0 || b.y + h >= gray.rows)
    return;
  out.push_back (b);
}

/* A component wider than a character but of character height: characters
 * joined by a thin line (the plate's border or small print touching their
 * feet, or blur between tightly spaced characters).  The columns without a
 * vertical run of 1/kStemShare of the height (only the thin line crosses
 * them) cut it; each 8-connected piece left gets a new label (from
 * @next_label) and is kept when it has the shape of a character. */
void
Detector::split_blob (const cv::Mat & gray, const cv::Rect & r, int label,
    int min_h, int max_h, int &next_label, std::vector<Blob> & out)
{
  int k = std::max (3, r.height / kStemShare);
  std::vector<char> &stem = split_stem_;
  stem.assign (r.width, 0);
  for (int x = 0; x < r.width; x++) {
    int run = 0;
    for (int y = 0; y < r.height && !stem[x]; y++) {
      run = labels_.at<int> (r.y + y, r.x + x) == label ? run + 1 : 0;
      stem[x] = run >= k;
    }
  }
  /* Only worth it when the stem columns fall into two runs or more. */
  int pieces = 0;
  for (int x = 0; x < r.width; x++)
    if (stem[x] && (x == 0 || !stem[x - 1]))
      pieces++;
  if (pieces < 2) {
    add_blob (gray, r, stats_.at<int> (label, cv::CC_STAT_AREA), label,
        min_h, max_h, out);
    return;
  }
  /* Each 8-connected piece left in the stem columns: a new label. */
  for (int y = 0; y < r.height; y++) {
    for (int x = 0; x < r.width; x++) {
      if (!stem[x] || labels_.at<int> (r.y + y, r.x + x) != label)
        continue;
      int nl = next_label++, area = 0;
      cv::Rect box (x, y, 1, 1);
      split_stack_.assign (1, cv::Point (x, y));
      relabelled_.emplace_back ((r.y + y) * labels_.cols + r.x + x, label);
      labels_.at<int> (r.y + y, r.x + x) = nl;
      while (!split_stack_.empty ()) {
        cv::Point p = split_stack_.back ();
        split_stack_.pop_back ();
        area++;
        box |= cv::Rect (p.x, p.y, 1, 1);
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++) {
            int qx = p.x + dx, qy = p.y + dy;
            if (qx < 0 || qy < 0 || qx >= r.width || qy >= r.height
                || !stem[qx])
              continue;
            int &l = labels_.at<int> (r.y + qy, r.x + qx);
            if (l == label) {
              relabelled_.emplace_back ((r.y + qy) * labels_.cols + r.x + qx,
                  label);
              l = nl;
              split_stack_.push_back (cv::Point (qx, qy));
            }
          }
      }
      add_blob (gray, box + r.tl (), area, nl, min_h, max_h, out);
    }
  }
}

/* Gives the pixels split_blob relabelled in the last collect_blobs ()
 * their component's label back: labels_ is then as label_components ()
 * left it, for another collect_blobs () at other heights. */
void
Detector::undo_splits ()
{
  int *labels = labels_.ptr<int> ();   /* continuous, as labelled */
  for (const auto & [idx, label] : relabelled_)
    labels[idx] = label;
  relabelled_.clear ();
}

/* Regions of small text found by another cue than the binarisation:
 * faint or blurred small plates often give no two clean character blobs,
 * their characters merged with each other or with the plate border.  A
 * row of characters is a dense band of vertical edges: the horizontal
 * gradient of @level (level 0) is binarised (Otsu), closed along the row
 * (the gaps between strokes), opened vertically (thin specks and edges
 * along lines), and the components of the height and length of a row of
 * small characters become regions for search_fine. */
void
Detector::propose_text (const cv::Mat & level, std::vector<cv::Rect> & rois)
{
  cv::Sobel (level, grad_, CV_16S, 1, 0, 3);
  cv::convertScaleAbs (grad_, edge_);
  cv::threshold (edge_, edge_, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  cv::morphologyEx (edge_, edge_, cv::MORPH_CLOSE, text_close_);
  cv::morphologyEx (edge_, edge_, cv::MORPH_OPEN, text_open_);
  int n = cv::connectedComponentsWithStats (edge_, labels_, stats_,
      centroids_, 8, CV_32S, cv::CCL_BBDT);
  for (int i = 1; i < n; i++) {
    const int *s = stats_.ptr<int> (i);
    int w = s[cv::CC_STAT_WIDTH], h = s[cv::CC_STAT_HEIGHT];
    /* Small characters and their blur (up to 2 x kFineMaxCharHeight),
     * a row of a few of them, mostly edges. */
    if (h <= kMinCharHeightLevel0 || h > 2 * kFineMaxCharHeight
        || w < 2.5f * h || w > 8 * h)
      continue;
    if (s[cv::CC_STAT_AREA] < 0.4f * w * h)
      continue;
#ifdef PLATE_DETECTOR_TRACE
    fprintf (stderr, "TEXT %d %d %d %d\n", s[0], s[1], w, h);
#endif
    cv::Rect r (s[0] - h, s[1] - h / 2, w + 2 * h, 2 * h);
    rois.push_back (r & cv::Rect (0, 0, level.cols, level.rows));
  }
}

/* Searches the regions of small blob rows of @level (level 0) again,
 * upsampled: overlapping regions are merged first, and the search stops
 * once the regions searched cover kFineMaxShare of the level. */
void
Detector::search_fine (const cv::Mat & level, std::vector<cv::Rect> & rois,
    std::vector<Candidate> & out)
{
  std::vector<cv::Rect> merged;
  for (cv::Rect r : rois) {
    for (size_t i = 0; i < merged.size ();) {
      if ((merged[i] & r).area () > 0) {
        r |= merged[i];
        merged.erase (merged.begin () + i);
        i = 0;
      } else {
        i++;
      }
    }
    if (r.area () > 0)
      merged.push_back (r);
  }

  double budget = kFineMaxShare * level.total ();
  double used = 0;
  std::vector<Blob> blobs;
  cv::Mat up;
  for (const cv::Rect & r : merged) {
    used += r.area ();
    if (used > budget)
      break;
    cv::resize (level (r), up, cv::Size (), kFineScale, kFineScale,
        cv::INTER_LINEAR);
    if (up.rows < 2 * kMinCharHeight)
      continue;
    size_t first = out.size ();
#ifdef PLATE_DETECTOR_TRACE
    /* The TRACE lines up to FINEEND are relative to this region. */
    fprintf (stderr, "FINEOFF %d %d %d %d\n", r.x, r.y, r.width, r.height);
#endif
    for (int pol = 0; pol < 2; pol++) {
      find_blobs (up, pol == 0, (int) (kFineScale * kFineMinCharHeight),
          (int) (kFineScale * kFineMaxCharHeight) + 4, blobs);
      group (up, blobs, pol == 0, 1.f / kFineScale, out, nullptr);
    }
#ifdef PLATE_DETECTOR_TRACE
    fprintf (stderr, "FINEEND\n");
#endif
    for (size_t i = first; i < out.size (); i++) {
      out[i].box.x += r.x;
      out[i].box.y += r.y;
      if (!out[i].fine)
        out[i].score *= kFinePenalty;
      out[i].fine = true;
    }
  }
}

}                               /* namespace platedetect */
