/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "platerec.h"
#include "modelpath.h"
#include "platereader.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

namespace anpr
{

namespace
{

/* Class 0 is CTC's blank; then the alphabet of train-platerec.py. */
const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const int kClasses = 37;
/* A view is blurred by this share of its height before it is shrunk to
 * the network's input, as train-platerec.py's prepare () does: detector
 * crops of real photos carry JPEG blocks and the ringing of upscaled
 * stills that the renders it learned from do not.  1/87 (1.5 pixels at
 * 130) read the labelled US boxes best of the widths tried, and cost
 * nothing on the others.  Training leaves it out: its renders are
 * degraded their own way. */
const double kBlur = 1.0 / 87;

}                               /* namespace */

struct PlateRecogniser::Impl
{
  std::string path;
  /* one network per batch size, index 0 for one input: an input of
   * another size makes OpenCV's dnn set its layers up again, which costs
   * more than a forward pass.  Batched or not, each input's scores are
   * the same to the bit (convolutions run input by input). */
  std::vector < cv::dnn::Net > nets;

  cv::dnn::Net & net (size_t batch)
  {
    while (nets.size () < batch) {
      cv::dnn::Net n = cv::dnn::readNetFromONNX (path);
      n.setPreferableBackend (cv::dnn::DNN_BACKEND_OPENCV);
      n.setPreferableTarget (cv::dnn::DNN_TARGET_CPU);
      nets.push_back (n);
    }
    return nets[batch - 1];
  }
};

PlateRecogniser::PlateRecogniser ():impl (new Impl)
{
}

PlateRecogniser::~PlateRecogniser () = default;

std::unique_ptr < PlateRecogniser >
PlateRecogniser::load (const std::string & path, std::string & error) noexcept
{
  try {
    std::unique_ptr < PlateRecogniser > r (new PlateRecogniser);
    r->impl->path = path;
    if (r->impl->net (1).empty ()) {
      error = path + ": not a network";
      return nullptr;
    }
    /* one dry run checks the shapes now rather than on the first plate */
    cv::Mat probe = cv::Mat::zeros (kHeight, kWidth, CV_8U);
    cv::Mat blob = cv::dnn::blobFromImage (probe, 1.0, cv::Size (), 0.0,
        false, false, CV_32F);
    r->impl->net (1).setInput (blob);
    cv::Mat out = r->impl->net (1).forward ();
    if (out.dims != 4 || out.size[1] != kClasses || out.size[2] != 1
        || out.size[3] < 8) {
      error = path + ": unexpected output shape (want 1x37x1xT)";
      return nullptr;
    }
    return r;
  }
  catch (const std::exception & e) {
    error = path + ": " + e.what ();
  }
  catch ( ...) {
    error = path + ": cannot be loaded";
  }
  return nullptr;
}

bool
PlateRecogniser::read (const cv::Mat & gray,
    std::vector < GstAnprCharChoice > &chars, std::string & text) noexcept
{
  return read (std::vector < cv::Mat > {gray}, chars, text);
}

bool
PlateRecogniser::read (const std::vector < cv::Mat > &views,
    std::vector < GstAnprCharChoice > &chars, std::string & text,
    std::vector < float >*centres, cv::Mat * posteriors) noexcept
{
  std::vector < cv::Mat > scores;
  if (!forward (views, scores)) {
    chars.clear ();
    text.clear ();
    if (centres)
      centres->clear ();
    return false;
  }
  return read_scores (scores, 0, scores.size (), chars, text, centres,
      posteriors);
}

bool
PlateRecogniser::forward (const std::vector < cv::Mat > &inputs,
    std::vector < cv::Mat > &scores) noexcept
{
  scores.clear ();
  if (inputs.empty ())
    return false;
  for (const cv::Mat & v:inputs)
    if (v.empty () || v.type () != CV_8U)
      return false;
  try {
    /* what train-platerec.py's prepare () does: blur, resize, then zero
     * mean and unit deviation (at least 8 grey levels, so flat crops stay
     * flat); all inputs in one pass */
    const int n = (int) inputs.size ();
    int shape[] = { n, 1, kHeight, kWidth };
    cv::Mat blob (4, shape, CV_32F);
    for (int i = 0; i < n; i++) {
      cv::Mat g;
      cv::GaussianBlur (inputs[i], g, cv::Size (), inputs[i].rows * kBlur);
      cv::resize (g, g, cv::Size (kWidth, kHeight), 0, 0,
          inputs[i].cols > kWidth ? cv::INTER_AREA : cv::INTER_LINEAR);
      g.convertTo (g, CV_32F);
      cv::Scalar mean, dev;
      cv::meanStdDev (g, mean, dev);
      cv::Mat dst (kHeight, kWidth, CV_32F, blob.ptr < float >(i));
      dst = (g - mean[0]) / std::max (dev[0], 8.0);
    }
    cv::dnn::Net & net = impl->net (n);
    net.setInput (blob);
    cv::Mat out = net.forward ();
    if (out.dims != 4 || out.size[0] != n || out.size[1] != kClasses)
      return false;
    const int steps = out.size[3];
    for (int i = 0; i < n; i++)
      scores.push_back (cv::Mat (kClasses, steps, CV_32F,
              out.ptr < float >(i)).clone ());
    return true;
  }
  catch (...) {
    scores.clear ();
  }
  return false;
}

bool
PlateRecogniser::read_scores (const std::vector < cv::Mat > &scores,
    size_t first, size_t count, std::vector < GstAnprCharChoice > &chars,
    std::string & text, std::vector < float >*centres,
    cv::Mat * posteriors) noexcept
{
  chars.clear ();
  text.clear ();
  if (centres)
    centres->clear ();
  if (count == 0 || first + count > scores.size ())
    return false;
  try {
    const int n = (int) count;
    const int steps = scores[first].cols;
    cv::Mat prob = cv::Mat::zeros (steps, kClasses, CV_32F);
    for (int i = 0; i < n; i++) {
      /* (classes x steps) -> softmax per step, averaged over the views:
       * columns line up, as every view spans the same width */
      const cv::Mat & sc = scores[first + i];
      if (sc.rows != kClasses || sc.cols != steps)
        return false;
      for (int t = 0; t < steps; t++) {
        float mx = -1e30f;
        for (int k = 0; k < kClasses; k++)
          mx = std::max (mx, sc.at < float >(k, t));
        float e[kClasses], sum = 0.0f;
        for (int k = 0; k < kClasses; k++) {
          e[k] = std::exp (sc.at < float >(k, t) - mx);
          sum += e[k];
        }
        for (int k = 0; k < kClasses; k++)
          prob.at < float >(t, k) += e[k] / (sum * n);
      }
    }

    if (posteriors)
      *posteriors = prob;

    /* best path, collapsed: a character is a run of steps whose best class
     * is the same non-blank one; its alternatives are the other classes'
     * best probability over the run, its confidence that of the winner */
    std::vector < int >top (steps);
    for (int t = 0; t < steps; t++) {
      const float *p = prob.ptr < float >(t);
      top[t] = (int) (std::max_element (p, p + kClasses) - p);
    }
    int t = 0;
    while (t < steps) {
      int best = top[t];
      if (best == 0) {
        t++;
        continue;
      }
      float peak[kClasses] = { 0 };
      int end = t;
      for (; end < steps && top[end] == best; end++) {
        const float *q = prob.ptr < float >(end);
        for (int k = 1; k < kClasses; k++)
          peak[k] = std::max (peak[k], q[k]);
      }
      /* neighbouring blank steps may hold the runner-up */
      for (int n:{
          t - 1, end}) {
        if (n < 0 || n >= steps)
          continue;
        const float *q = prob.ptr < float >(n);
        for (int k = 1; k < kClasses; k++)
          if (k != best)
            peak[k] = std::max (peak[k], q[k]);
      }
      if (centres)
        centres->push_back ((t + end) / (2.0f * steps));
      t = end;

      GstAnprCharChoice ch;
      memset (&ch, 0, sizeof (ch));
      int order[kClasses - 1];
      for (int k = 0; k < kClasses - 1; k++)
        order[k] = k + 1;
      std::sort (order, order + kClasses - 1,[&](int a, int b) {
            return peak[a] > peak[b];}
      );
      for (int k = 0; k < kClasses - 1 && ch.n < GST_ANPR_MAX_CHAR_CHOICES;
          k++) {
        float c = std::clamp (peak[order[k]], 0.0f, 1.0f);
        if (ch.n > 0 && c < 0.01f)
          break;
        /* alternatives never outrank the character read */
        if (ch.n > 0)
          c = std::min (c, ch.conf[0]);
        ch.ch[ch.n] = kAlphabet[order[k] - 1];
        ch.conf[ch.n] = c;
        ch.n++;
      }
      chars.push_back (ch);
      text.push_back (ch.ch[0]);
    }
    return !chars.empty ();
  }
  catch (...) {
    chars.clear ();
    text.clear ();
    if (centres)
      centres->clear ();
  }
  return false;
}

/* log P (@text) by CTC's forward pass over @prob (steps x classes, class
 * 0 the blank), a character's probability at a step that of the likeliest
 * member of its confusion class: which of them it is, the readings that
 * offer the text judge; this weighs a character more or fewer. */
static double
ctc_log_likelihood (const cv::Mat & prob, const std::string & text)
{
  const int steps = prob.rows;
  std::vector < int >label;
  for (char c:text) {
    const char *k = strchr (kAlphabet, c);
    if (!c || !k)
      return -INFINITY;
    label.push_back ((int) (k - kAlphabet) + 1);
  }
  /* each character's class, as network classes */
  std::vector < std::vector < int >>members (label.size ());
  for (size_t i = 0; i < label.size (); i++)
    for (int k = 1; k < kClasses; k++)
      if (gst_anpr_char_confusion_class (kAlphabet[k - 1]) ==
          gst_anpr_char_confusion_class (text[i]))
        members[i].push_back (k);
  auto emit =[&](int t, int s)->double {
    const float *p = prob.ptr < float >(t);
    if (s % 2 == 0)
      return p[0];
    double best = 0.0;
    for (int k:members[s / 2])
      best = std::max < double >(best, p[k]);
    return best;
  };

  const int S = 2 * (int) label.size () + 1;
  if (label.empty () || steps < (int) label.size ())
    return -INFINITY;
  std::vector < double >a (S, 0.0), next (S);
  a[0] = emit (0, 0);
  a[1] = emit (0, 1);
  double log_scale = 0.0;
  for (int t = 1; t < steps; t++) {
    for (int s = 0; s < S; s++) {
      double v = a[s] + (s > 0 ? a[s - 1] : 0.0);
      /* a skip over the blank between two different characters */
      if (s > 1 && s % 2 == 1 && label[s / 2] != label[s / 2 - 1])
        v += a[s - 2];
      next[s] = v * emit (t, s);
    }
    double sum = 0.0;
    for (double v:next)
      sum += v;
    if (sum <= 0.0)
      return -INFINITY;
    for (int s = 0; s < S; s++)
      a[s] = next[s] / sum;
    log_scale += std::log (sum);
  }
  double end = a[S - 1] + a[S - 2];
  return end > 0.0 ? log_scale + std::log (end) : -INFINITY;
}

double
PlateRecogniser::relative_likelihood (const cv::Mat & posteriors,
    const std::string & text, const std::string & best) noexcept
{
  try {
    if (posteriors.empty () || posteriors.cols != kClasses)
      return 0.0;
    double lt = ctc_log_likelihood (posteriors, text);
    double lb = ctc_log_likelihood (posteriors, best);
    if (!std::isfinite (lt) || !std::isfinite (lb))
      return 0.0;
    return std::exp (lt - lb);
  }
  catch (...) {
    return 0.0;
  }
}

}                               /* namespace anpr */

extern "C" gchar *
plate_reader_default_plate_model (gchar ** searched)
{
  return plate_model_find ("platerec.onnx", searched);
}
