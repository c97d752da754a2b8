/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Whole-plate recogniser: a small convolutional network read with CTC
 * (tools/train/train-platerec.py trains it on anpr-synth renders only and
 * exports ONNX), run with OpenCV's dnn module.  It reads the plate box as
 * it is, without segmenting characters first, so it copes with touching
 * characters, stacked state names and slogans that defeat the character
 * row finder; plateocr uses it as one more voter next to Tesseract.
 *
 * C++ only: used by platereader.cpp and the tests. */

#ifndef __PLATE_REC_H__
#define __PLATE_REC_H__

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <gst/anpr/anpr.h>

namespace anpr
{

class PlateRecogniser
{
public:
  /* Loads the ONNX model.  Returns nullptr and sets @error on failure
   * (missing file, not a network, wrong input or output shape). */
  static std::unique_ptr < PlateRecogniser > load (const std::string & path,
      std::string & error) noexcept;

  /* Reads @gray (CV_8U, the plate box with a little slack, any size):
   * one choice list per character read, best first, confidences 0..1.
   * Returns false when nothing was read. */
  bool read (const cv::Mat & gray, std::vector < GstAnprCharChoice > &chars,
      std::string & text) noexcept;

  /* Reads several views of one plate that span the same width (the box
   * cut at different heights): the network's per-column probabilities are
   * averaged over them before decoding, so one view's blind spot (a
   * state name read as a character, a border taken for a 1) is outvoted
   * by the others.  @centres, when given, receives where each character
   * read lies across the views, as a fraction of their width (the middle
   * of the network's steps that read it). */
  bool read (const std::vector < cv::Mat > &views,
      std::vector < GstAnprCharChoice > &chars, std::string & text,
      std::vector < float >*centres = nullptr,
      cv::Mat * posteriors = nullptr) noexcept;

  /* The network's scores for each of @inputs (CV_8U crops, any size),
   * in one pass: @scores gets a classes x steps matrix per input, for
   * read_scores ().  Returns false when an input is empty or not CV_8U. */
  bool forward (const std::vector < cv::Mat > &inputs,
      std::vector < cv::Mat > &scores) noexcept;

  /* read () of the @count views whose scores forward () wrote from
   * @scores[@first] on. */
  bool read_scores (const std::vector < cv::Mat > &scores, size_t first,
      size_t count, std::vector < GstAnprCharChoice > &chars,
      std::string & text, std::vector < float >*centres = nullptr,
      cv::Mat * posteriors = nullptr) noexcept;

  /* How likely the network finds @text (A-Z0-9) against the reading it
   * made, given that reading's @posteriors (what read () returned there):
   * the CTC probability of @text over that of @best, characters counted
   * as their confusion class (gst_anpr_char_confusion_class ()). */
  static double relative_likelihood (const cv::Mat & posteriors,
      const std::string & text, const std::string & best) noexcept;

  /* Network input size. */
  static const int kHeight = 32;
  static const int kWidth = 128;

  ~PlateRecogniser ();

private:
  PlateRecogniser ();
  struct Impl;
  std::unique_ptr < Impl > impl;
};

}                               /* namespace anpr */

#endif /* __PLATE_REC_H__ */
