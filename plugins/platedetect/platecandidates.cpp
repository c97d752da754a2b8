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
 * line joins characters, or opened where thin lines join them to each
 * other or to the plate frame), and the small-plate pass: regions of small
 * text searched again upsampled. */

#include "platedetectorprivate.h"

#include <algorithm>
#include <vector>

namespace platedetect
{

void
Detector::to_gray (const PlateFrame & image, cv::Mat & gray)
{
  int ps = image.pixel_stride;
  cv::Mat src (image.height, image.width, CV_8UC (ps),
      const_cast<unsigned char *>(image.data), (size_t) image.stride);

  if (image.pixels == PLATE_FRAME_PIXELS_LUMA) {
    if (ps == 1) {
      gray = src;               /* a view, no copy */
    } else {
      cv::extractChannel (src, gray_buf_, image.luma_offset);
      gray = gray_buf_;
    }
    return;
  }

  /* Any packed RGB order: one weighted sum of the channels. */
  float w[4];
  plate_frame_luma_weights (&image, w);
  cv::Mat weights (1, ps, CV_32F, w);
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
  dark_ = dark;
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
 * @min_h to @max_h pixels, as blobs (split_blob and open_blob relabel the
 * pieces of the components they cut, in labels_; undo_splits () puts them
 * back). */
void
Detector::collect_blobs (const cv::Mat & gray, int min_h, int max_h,
    std::vector<Blob> & out)
{
  out.clear ();
  loose_.clear ();
  relabelled_.clear ();
  int next_label = n_labels_;   /* for the pieces of split components */
  /* Dark characters on a light plate are what a dark plate frame, or the
   * print on it, touches.  Smaller characters have strokes of one pixel,
   * which open_blob's opening would erase. */
  bool opens = dark_ && min_h >= kMinCharHeight;
  for (int i = 1; i < n_labels_; i++) {
    const int *s = stats_.ptr<int> (i);
    cv::Rect r (s[cv::CC_STAT_LEFT], s[cv::CC_STAT_TOP], s[cv::CC_STAT_WIDTH],
        s[cv::CC_STAT_HEIGHT]);
    /* Of character height, wider than a character, but no longer than a
     * plate's worth of joined characters. */
    if (r.width > r.height * 1.1f && r.height >= min_h && r.height <= max_h
        && r.width <= 8 * r.height) {
      size_t out0 = out.size (), loose0 = loose_.size ();
      int first = next_label;
      split_blob (gray, r, i, min_h, max_h, next_label, out);
      /* Characters standing on the print of a dealer frame, which makes
       * the component taller than they are: the cut leaves only slivers
       * of them (their stems), or does not cut.  Opened instead, when
       * that gives more characters. */
      if (!opens)
        continue;
      int chars = 0;
      for (size_t k = out0; k < out.size (); k++)
        chars += out[k].w * 4 >= out[k].h;
      size_t out1 = out.size (), loose1 = loose_.size ();
      if (chars < 2 && open_blob (gray, r, i, first, std::max (2, chars + 1),
              min_h, max_h, next_label, out)) {
        out.erase (out.begin () + out0, out.begin () + out1);
        loose_.erase (loose_.begin () + loose0, loose_.begin () + loose1);
      }
      continue;
    }
    add_blob (gray, r, s[cv::CC_STAT_AREA], i, min_h, max_h, out);
    /* A little taller than a character: characters joined to the plate
     * frame by a thin line. */
    if (opens && r.height > max_h
        && r.height <= kOpenMaxHeight * max_h && r.width <= 8 * r.height)
      open_blob (gray, r, i, next_label, 2, min_h, max_h, next_label, out);
  }
}

/* The 8-connected region of @start in a box of @size pixels, flooded
 * with @stack: @take (x, y) tells whether a pixel belongs to it, and marks
 * it taken when it does (@start must be taken already).  Returns the
 * region's box; @area gets its number of pixels.  split_blob's pieces and
 * open_blob's both come from here. */
template <class Take> static cv::Rect
flood8 (std::vector<cv::Point> & stack, cv::Size size, cv::Point start,
    Take & take, int &area)
{
  cv::Rect box (start, cv::Size (1, 1));
  area = 0;
  stack.assign (1, start);
  while (!stack.empty ()) {
    cv::Point p = stack.back ();
    stack.pop_back ();
    area++;
    box |= cv::Rect (p, cv::Size (1, 1));
    for (int dy = -1; dy <= 1; dy++)
      for (int dx = -1; dx <= 1; dx++) {
        int qx = p.x + dx, qy = p.y + dy;
        if (qx >= 0 && qy >= 0 && qx < size.width && qy < size.height
            && take (qx, qy))
          stack.push_back (cv::Point (qx, qy));
      }
  }
  return box;
}

/* Whether a component of bounding box @r and @area pixels, in a frame of
 * @rows rows, has the size and shape of a character. */
static bool
char_shaped (const cv::Rect & r, int area, int rows, int min_h, int max_h)
{
  int w = r.width, h = r.height;
  if (h < min_h || h > max_h)
    return false;
  if (w > h * 1.1f || w < h * 0.08f)
    return false;
  float fill = (float) area / (w * h);
  if (fill < 0.12f || fill > 0.92f)
    return false;
  /* Touching the frame edge: likely cut off. */
  return r.y > 0 && r.y + h < rows;
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

  if (char_shaped (r, area, gray.rows, min_h, max_h))
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
      auto take =[&](int qx, int qy) {
        int &l = labels_.at<int> (r.y + qy, r.x + qx);
        if (!stem[qx] || l != label)
          return false;
        relabelled_.emplace_back ((r.y + qy) * labels_.cols + r.x + qx,
            label);
        l = nl;
        return true;
      };
      take (x, y);
      cv::Rect box = flood8 (split_stack_, r.size (), cv::Point (x, y), take,
          area);
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

/* Characters joined to each other, to the plate frame or to the print on
 * it by lines one pixel thin: an opening with a 2x2 square cuts such
 * lines and keeps the strokes.  The component @label of box @r (with the
 * pieces split_blob cut out of it, labelled from @first) is opened; when
 * at least @min_chars of its pieces have the shape of a character, the
 * pieces of about character height get new labels (from @next_label) and
 * are added as blobs, and true is returned.  The pixels the opening
 * removed keep their label. */
bool
Detector::open_blob (const cv::Mat & gray, const cv::Rect & r, int label,
    int first, int min_chars, int min_h, int max_h, int &next_label,
    std::vector<Blob> & out)
{
  /* One pixel around, so that lines ending at the box edge are cut too. */
  cv::Rect rp = cv::Rect (r.x - 1, r.y - 1, r.width + 2, r.height + 2)
      & cv::Rect (0, 0, labels_.cols, labels_.rows);
  int w = rp.width, h = rp.height;
  std::vector<unsigned char> &m = open_mask_, &e = open_eroded_;
  m.resize ((size_t) w * h);
  for (int y = 0; y < h; y++) {
    const int *l = labels_.ptr<int> (rp.y + y) + rp.x;
    for (int x = 0; x < w; x++)
      m[y * w + x] = l[x] == label || (l[x] >= first && l[x] < next_label);
  }
  /* Eroded: the 2x2 squares inside, by their top left pixel; opened: the
   * pixels such a square covers (no shift, unlike cv::morphologyEx with
   * an even kernel). */
  e.assign ((size_t) w * h, 0);
  for (int y = 0; y + 1 < h; y++)
    for (int x = 0; x + 1 < w; x++) {
      int i = y * w + x;
      e[i] = m[i] & m[i + 1] & m[i + w] & m[i + w + 1];
    }
  std::vector<int> &ids = open_ids_;
  ids.resize ((size_t) w * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      int i = y * w + x;
      ids[i] = (e[i] || (x > 0 && e[i - 1]) || (y > 0 && e[i - w])
          || (x > 0 && y > 0 && e[i - w - 1])) ? -1 : 0;
    }
  /* The 8-connected pieces of the opening: ids from 1, their boxes and
   * areas. */
  open_pieces_.clear ();
  int found = 0;
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      if (ids[y * w + x] != -1)
        continue;
      int id = (int) open_pieces_.size () + 1, area = 0;
      auto take =[&](int qx, int qy) {
        if (ids[qy * w + qx] != -1)
          return false;
        ids[qy * w + qx] = id;
        return true;
      };
      take (x, y);
      cv::Rect box = flood8 (split_stack_, cv::Size (w, h), cv::Point (x, y),
          take, area);
      open_pieces_.emplace_back (box, area);
      /* A character, not the sliver of a stem, freed from what joined
       * it above or below. */
      if (char_shaped (box + rp.tl (), area, gray.rows, min_h, max_h)
          && box.width * 4 >= box.height && box.height < r.height)
        found++;
    }
  }
  if (found < min_chars)
    return false;
  GST_TRACE ("OPEN %d %d %d %d pieces=%u chars=%d", r.x, r.y, r.width,
      r.height, (guint) open_pieces_.size (), found);

  for (size_t j = 0; j < open_pieces_.size (); j++) {
    const cv::Rect & pr = open_pieces_[j].first;
    /* Specks and bands are no characters: their pixels stay. */
    if (pr.height < min_h * 3 / 4 || pr.height > max_h * 5 / 4)
      continue;
    int id = (int) j + 1, nl = next_label++;
    for (int y = pr.y; y < pr.y + pr.height; y++) {
      int *l = labels_.ptr<int> (rp.y + y) + rp.x;
      for (int x = pr.x; x < pr.x + pr.width; x++)
        if (ids[y * w + x] == id) {
          relabelled_.emplace_back ((rp.y + y) * labels_.cols + rp.x + x,
              label);
          l[x] = nl;
        }
    }
    add_blob (gray, pr + rp.tl (), open_pieces_[j].second, nl, min_h, max_h,
        out);
  }
  return true;
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
  /* A band of rows at a time: the signed gradient is only needed until it
   * is made absolute, and a whole frame of it would be the largest buffer
   * after the labels.  A band is a view into @level, so the filter reads
   * the rows round it as it would on the whole. */
  edge_.create (level.size (), CV_8U);
  for (int top = 0; top < level.rows; top += kGradientBand) {
    cv::Range rows (top, std::min (top + kGradientBand, level.rows));
    cv::Mat band = edge_.rowRange (rows);
    cv::Sobel (level.rowRange (rows), grad_, CV_16S, 1, 0, 3);
    cv::convertScaleAbs (grad_, band);
  }
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
    GST_TRACE ("TEXT %d %d %d %d", s[0], s[1], w, h);
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
    /* The TRACE lines up to FINEEND are relative to this region. */
    GST_TRACE ("FINEOFF %d %d %d %d", r.x, r.y, r.width, r.height);
    for (int pol = 0; pol < 2; pol++) {
      find_blobs (up, pol == 0, (int) (kFineScale * kFineMinCharHeight),
          (int) (kFineScale * kFineMaxCharHeight) + 4, blobs);
      group (up, blobs, pol == 0, 1.f / kFineScale, out, nullptr);
    }
    GST_TRACE ("FINEEND");
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
