/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Per-character classifier (charclassifier.h).
 *
 * Features of one character: the ink's bounding box scaled, aspect kept,
 * into a 24x32 cell (height filled unless the character is wider than
 * the cell), then
 *  - HOG of the cell: 3x3 blocks of 2x2 cells of 6x8 pixels, 9 bins (324);
 *  - the cell averaged down to 12x16 (192);
 *  - width over height and ink fill of the bounding box (2).
 * The model is a cv::ml::ANN_MLP (symmetric sigmoid) with one output per
 * class; a softmax over the outputs gives the confidences. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "charclassifier.h"
#include "modelpath.h"
#include "platereader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include <glib.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/ml.hpp>
#include <opencv2/objdetect.hpp>

namespace anpr
{

namespace
{

const char kClasses[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const int kCellW = 24;
const int kCellH = 32;
const int kRawW = 12;
const int kRawH = 16;
const int kHogLen = 324;
const int kFeatures = kHogLen + kRawW * kRawH + 2;
const int kFormatVersion = 1;
/* softmax sharpness over the network's outputs (targets are -1/+1) */
const double kSoftmaxGain = 4.0;
const double kClampSigma = 4.0;

cv::HOGDescriptor &
hog ()
{
  static thread_local cv::HOGDescriptor h (cv::Size (kCellW, kCellH),
      cv::Size (12, 16), cv::Size (6, 8), cv::Size (6, 8), 9);
  return h;
}

}                               /* namespace */

struct CharClassifier::Impl
{
  cv::Ptr < cv::ml::ANN_MLP > mlp;
  /* standardisation of the features, from the training set; clamped so
   * a feature that hardly varied in training cannot saturate the net */
  cv::Mat mean, scale;

  void standardise (const cv::Mat & f, cv::Mat & out) const
  {
    cv::subtract (f, mean, out);
    cv::multiply (out, scale, out);
    cv::min (out, kClampSigma, out);
    cv::max (out, -kClampSigma, out);
  }
};

CharClassifier::CharClassifier ():impl (new Impl ())
{
}

CharClassifier::~CharClassifier () = default;

const char *
CharClassifier::classes ()
{
  return kClasses;
}

int
CharClassifier::n_classes ()
{
  return (int) sizeof (kClasses) - 1;
}

int
CharClassifier::n_features ()
{
  return kFeatures;
}

bool
CharClassifier::features (const cv::Mat & ink, cv::Mat & out)
{
  if (ink.empty () || ink.type () != CV_8U)
    return false;
  cv::Rect bb = cv::boundingRect (ink);
  if (bb.width < 1 || bb.height < 2)
    return false;
  cv::Mat crop;
  cv::Mat (ink (bb) != 0).convertTo (crop, CV_32F, 1.0 / 255.0);

  double s = std::min ((double) kCellH / bb.height, (double) kCellW /
      bb.width);
  int w = std::clamp ((int) std::lround (bb.width * s), 1, kCellW);
  int h = std::clamp ((int) std::lround (bb.height * s), 1, kCellH);
  cv::Mat scaled;
  cv::resize (crop, scaled, cv::Size (w, h), 0, 0,
      s < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);

  cv::Mat cell (kCellH, kCellW, CV_32F, cv::Scalar (0));
  scaled.copyTo (cell (cv::Rect ((kCellW - w) / 2, (kCellH - h) / 2, w, h)));

  out.create (1, kFeatures, CV_32F);
  float *f = out.ptr < float >(0);

  cv::Mat cell8;
  cell.convertTo (cell8, CV_8U, 255.0);
  std::vector < float >desc;
  hog ().compute (cell8, desc);
  if ((int) desc.size () != kHogLen)
    return false;
  std::copy (desc.begin (), desc.end (), f);
  f += kHogLen;

  cv::Mat raw;
  cv::resize (cell, raw, cv::Size (kRawW, kRawH), 0, 0, cv::INTER_AREA);
  for (int y = 0; y < kRawH; y++)
    for (int x = 0; x < kRawW; x++)
      *f++ = raw.at < float >(y, x);

  *f++ = (float) std::min (1.5, (double) bb.width / bb.height);
  *f++ = (float) (cv::countNonZero (ink (bb)) / (double) bb.area ());
  return true;
}

std::unique_ptr < CharClassifier >
CharClassifier::load (const std::string & path, std::string & error) noexcept
{
  try {
    cv::FileStorage fs (path, cv::FileStorage::READ);
    if (!fs.isOpened ()) {
      error = "cannot open " + path;
      return nullptr;
    }
    cv::FileNode root = fs["anpr_charclass"];
    if (root.empty () || (int) root["version"] != kFormatVersion
        || (std::string) root["classes"] != kClasses
        || (int) root["n_features"] != kFeatures) {
      error = path + " is not a character model of this version";
      return nullptr;
    }
    std::unique_ptr < CharClassifier > c (new CharClassifier ());
    root["mean"] >> c->impl->mean;
    root["scale"] >> c->impl->scale;
    if (c->impl->mean.type () != CV_32F || c->impl->scale.type () != CV_32F
        || c->impl->mean.total () != (size_t) kFeatures
        || c->impl->scale.total () != (size_t) kFeatures) {
      error = path + ": no feature scaling in it";
      return nullptr;
    }
    c->impl->mean = c->impl->mean.reshape (1, 1);
    c->impl->scale = c->impl->scale.reshape (1, 1);
    c->impl->mlp = cv::ml::ANN_MLP::create ();
    c->impl->mlp->read (root["mlp"]);
    if (!c->impl->mlp->isTrained ()
        || c->impl->mlp->getLayerSizes ().at < int >(0) != kFeatures) {
      error = path + ": no trained network in it";
      return nullptr;
    }
    return c;
  }
  catch (const std::exception & e) {
    error = path + ": " + e.what ();
  }
  catch ( ...) {
    error = path + ": unreadable";
  }
  return nullptr;
}

void
CharClassifier::predict (const cv::Mat & features, cv::Mat & outputs) const
{
  cv::Mat x (features.rows, features.cols, CV_32F);
  for (int i = 0; i < features.rows; i++) {
    cv::Mat r = x.row (i);
    impl->standardise (features.row (i), r);
  }
  impl->mlp->predict (x, outputs);
}

void
CharClassifier::standardisation (const cv::Mat & samples, cv::Mat & mean,
    cv::Mat & scale)
{
  cv::Mat sd;
  mean.create (1, kFeatures, CV_32F);
  scale.create (1, kFeatures, CV_32F);
  for (int j = 0; j < kFeatures; j++) {
    cv::Scalar m, s;
    cv::meanStdDev (samples.col (j), m, s);
    mean.at < float >(0, j) = (float) m[0];
    scale.at < float >(0, j) = (float) (1.0 / std::max (s[0], 0.05));
  }
}

bool
CharClassifier::classify (const cv::Mat & ink, GstAnprCharChoice * out) const
    noexcept
{
  memset (out, 0, sizeof (*out));
  try {
    cv::Mat f, o;
    if (!features (ink, f))
      return false;
    predict (f, o);
    const float *v = o.ptr < float >(0);
    int n = n_classes ();
    double mx = *std::max_element (v, v + n), sum = 0.0;
    std::vector < double >p (n);
    for (int i = 0; i < n; i++)
      sum += p[i] = std::exp (kSoftmaxGain * (v[i] - mx));
    std::vector < int >idx (n);
    for (int i = 0; i < n; i++)
      idx[i] = i;
    std::partial_sort (idx.begin (), idx.begin () + GST_ANPR_MAX_CHAR_CHOICES,
        idx.end (),[&](int a, int b) {
          return p[a] > p[b];}
    );
    for (int k = 0; k < GST_ANPR_MAX_CHAR_CHOICES; k++) {
      double conf = p[idx[k]] / sum;
      if (k > 0 && conf < 0.01)
        break;
      out->ch[k] = kClasses[idx[k]];
      out->conf[k] = (gfloat) conf;
      out->n = k + 1;
    }
    return out->n > 0;
  }
  catch ( ...) {
    memset (out, 0, sizeof (*out));
  }
  return false;
}

}                               /* namespace anpr */

extern "C" gchar *
plate_reader_default_char_model (gchar ** searched)
{
  return plate_model_find ("charclass.yml.gz", searched);
}
