/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Internals of the plate detector shared by platedetector.cpp (grouping,
 * scoring, plate outline, ranking) and platecandidates.cpp (binarisation,
 * character blobs, the regions searched again for small plates).  C++
 * only: not part of the interface in platedetector.h. */

#ifndef __PLATE_DETECTOR_PRIVATE_H__
#define __PLATE_DETECTOR_PRIVATE_H__

#include "platedetector.h"

#include <gst/gst.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <utility>
#include <vector>

/* The element's category (gstplatedetect.c): the detector logs there,
 * every scored candidate and its score terms at TRACE level
 * (GST_DEBUG=platedetect:7, for tuning with an evaluation harness). */
G_BEGIN_DECLS
GST_DEBUG_CATEGORY_EXTERN (gst_plate_detect_debug);
G_END_DECLS
#define GST_CAT_DEFAULT gst_plate_detect_debug

namespace platedetect
{

struct Blob
{
  int x, y, w, h;               /* level pixels */
  int area;
  float cx, cy;
  int label;                    /* in the label image of its pass */
};

struct Candidate
{
  cv::Rect2f box;               /* processed-image pixels (level 0) */
  float score;
  bool fine;                    /* small characters: below kMinCharHeight
                                 * or from an upsampled region */
};

/* Smallest/largest character height searched at each pyramid level, in
 * level pixels: one level covers a factor of about 2.2, so consecutive
 * levels overlap a little. */
const int kMinCharHeight = 9;
const int kMaxCharHeight = 40;
/* At full resolution (level 0) smaller characters are kept too: no other
 * level can find them. */
const int kMinCharHeightLevel0 = 7;
/* Rows of blobs at most this high at level 0 are searched again in an
 * upsampled region (small plates); the regions together cover at most
 * kFineMaxShare of the frame. */
const int kFineMaxCharHeight = 14;
const float kFineScale = 2.f;
const float kFineMaxShare = 0.25f;
/* Rows of the text cue's gradient computed at once (a memory bound). */
const int kGradientBand = 64;
/* In the upsampled regions, blurred small characters binarise to their
 * dark core, shorter than the character: they are kept from this height
 * (level-0 pixels). */
const int kFineMinCharHeight = 6;
/* Rows from the upsampled regions are weaker evidence: more small text
 * (overlays, stickers, the small print on plates) looks like a plate.
 * They already rank after the rows found normally (max-plates), so the
 * penalty is mild. */
const float kFinePenalty = 0.85f;
/* A stroke of a character runs at least this share of its height
 * vertically: columns of a wide component without such a run are only
 * crossed by a thin line joining characters (split_blob). */
const int kStemShare = 3;
/* Components from the largest character height up to this many times it
 * are opened to free the characters a plate frame touches (open_blob):
 * taller ones are more of the frame or the car than characters. */
const float kOpenMaxHeight = 1.5f;
/* Widest component (in its heights) kept as characters merged together
 * (a wide W or M blurred into its neighbour), for extend_row. */
const float kMaxMergedWidth = 2.6f;

class Detector
{
public:
  /* Boxes in @image's pixels; @scale is what the frame is processed at
   * (process-width over the width of the frame @image is part of).  With
   * @plate_max_height (pixels of the frame), only the levels whose
   * characters fit boxes of @plate_min_height to @plate_max_height are
   * searched. */
  std::vector<PlateDetectorBox> detect (const PlateDetectorParams & params,
      const PlateFrame & image, float scale, int plate_min_height = 0,
      int plate_max_height = 0);

private:
  void to_gray (const PlateFrame & image, cv::Mat & gray);
  void find_blobs (const cv::Mat & gray, bool dark, int min_h, int max_h,
      std::vector<Blob> & out);
  void label_components (const cv::Mat & gray, bool dark);
  void collect_blobs (const cv::Mat & gray, int min_h, int max_h,
      std::vector<Blob> & out);
  void undo_splits ();
  void add_blob (const cv::Mat & gray, const cv::Rect & r, int area,
      int label, int min_h, int max_h, std::vector<Blob> & out);
  void split_blob (const cv::Mat & gray, const cv::Rect & r, int label,
      int min_h, int max_h, int &next_label, std::vector<Blob> & out);
  bool open_blob (const cv::Mat & gray, const cv::Rect & r, int label,
      int first, int min_chars, int min_h, int max_h, int &next_label,
      std::vector<Blob> & out);
  void group (const cv::Mat & gray, const std::vector<Blob> & blobs,
      bool dark, float to_level0, std::vector<Candidate> & out,
      std::vector<cv::Rect> *fine_rois);
  void propose_text (const cv::Mat & level, std::vector<cv::Rect> & rois);
  void search_fine (const cv::Mat & level, std::vector<cv::Rect> & rois,
      std::vector<Candidate> & out);
  bool score_group (const cv::Mat & gray, std::vector<Blob> & row,
      bool dark, float to_level0, Candidate & cand);
  bool score_pair (const cv::Mat & gray, const std::vector<Blob> & row,
      bool dark, float to_level0, Candidate & cand);
  void extend_row (const cv::Mat & gray, const std::vector<Blob> & row,
      double icept, double slope, float hmean, float pitch, double stroke_mean,
      double bg_mean, double contrast, int &x0, int &x1);
  float plate_margin (const cv::Mat & gray, double icept, double slope,
      float hmean, double bg_mean, double contrast, int start, int dir);

  /* Every component of the current pass of roughly character height, with
   * no shape filter: the narrow I and 1, characters touching the frame or
   * the plate border, looked for at the ends of a row. */
  std::vector<Blob> loose_;
  /* gray_ and small_ may be views of the caller's frame (read-only, and
   * gone after the call): results are only ever written into the owned
   * gray_buf_ and small_buf_, never through a header that may still point
   * at a previous frame. */
  cv::Mat gray_buf_, small_buf_;
  cv::Mat grad_, edge_;
  std::vector<cv::Point> split_stack_;
  std::vector<char> split_stem_;
  /* open_blob's work: the component, eroded, the ids of the pieces of its
   * opening, and their boxes and areas */
  std::vector<unsigned char> open_mask_, open_eroded_;
  std::vector<int> open_ids_;
  std::vector<std::pair<cv::Rect, int>> open_pieces_;
  cv::Mat gray_, small_, bin_, lines_, labels_, stats_, centroids_;
  int n_labels_ = 0;
  bool dark_ = true;            /* the polarity labels_ was labelled in */
  /* the pixels split_blob and open_blob relabelled (index into labels_,
   * label before):
   * level 0 is searched twice (normal and small characters) on one
   * labelling, and undo_splits () restores it in between */
  std::vector<std::pair<int, int>> relabelled_;
  cv::Mat hline_ = cv::getStructuringElement (cv::MORPH_RECT,
      cv::Size (kMaxCharHeight - 7, 1));
  cv::Mat text_close_ = cv::getStructuringElement (cv::MORPH_RECT,
      cv::Size (7, 1));
  cv::Mat text_open_ = cv::getStructuringElement (cv::MORPH_RECT,
      cv::Size (1, 5));
};

}                               /* namespace platedetect */

#endif /* __PLATE_DETECTOR_PRIVATE_H__ */
