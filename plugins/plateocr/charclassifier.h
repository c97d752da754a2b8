/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Per-character classifier: a small OpenCV multi-layer perceptron over HOG
 * and coarse pixel features of one segmented character (a connected
 * component of the reader's character row).  It is trained only on
 * characters the project renders itself (tools/train/train-charclass.sh)
 * and votes next to Tesseract for each character position.
 *
 * C++ only: used by platereader.cpp, the trainer and the tests.  Nothing
 * here throws out of the functions marked noexcept. */

#ifndef __CHAR_CLASSIFIER_H__
#define __CHAR_CLASSIFIER_H__

#include <memory>
#include <string>

#include <opencv2/core.hpp>
#include <gst/anpr/anpr.h>

namespace anpr
{

class CharClassifier
{
public:
  /* The classes, in output order: "0-9A-Z". */
  static const char *classes ();
  static int n_classes ();

  /* Length of the feature vector features() writes. */
  static int n_features ();

  /* Features of one character: @ink is CV_8U, non-zero where the
   * character is, any size (the ink's bounding box is used).  Writes a
   * 1 x n_features () CV_32F row to @out.  Returns false when there is no
   * ink. */
  static bool features (const cv::Mat & ink, cv::Mat & out);

  /* Loads a model written by the trainer (OpenCV FileStorage, .yml or
   * .yml.gz).  Returns nullptr and sets @error on failure. */
  static std::unique_ptr < CharClassifier > load (const std::string & path,
      std::string & error) noexcept;

  /* Classifies one character (see features ()) into @out: up to
   * GST_ANPR_MAX_CHAR_CHOICES alternatives, best first, confidences 0..1
   * summing to at most 1.  Returns false (and @out->n == 0) when there is
   * no ink. */
  bool classify (const cv::Mat & ink, GstAnprCharChoice * out) const noexcept;

  /* Raw network outputs for feature rows (the trainer's validation). */
  void predict (const cv::Mat & features, cv::Mat & outputs) const;

  /* The trainer's feature standardisation (stored with the model as
   * "mean" and "scale"): per feature mean and 1 / std, std at least 0.05.
   * Inputs given to the network are (x - mean) * scale, clamped to
   * +-4. */
  static void standardisation (const cv::Mat & samples, cv::Mat & mean,
      cv::Mat & scale);

  ~CharClassifier ();

private:
  CharClassifier ();
  struct Impl;
  std::unique_ptr < Impl > impl;
};

}                               /* namespace anpr */

#endif /* __CHAR_CLASSIFIER_H__ */
