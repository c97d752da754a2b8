/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The plate reader: OpenCV preprocessing and Tesseract LSTM reading behind
 * the C interface of platereader.h.
 *
 * Pipeline for one plate box:
 *  1. cut the box out of the frame with a margin, to grey, scaled so the box
 *     is kBoxHeight pixels high;
 *  2. find the character row: binarise (Otsu and adaptive, both
 *     polarities, dark-on-light preferred), take connected components of
 *     character-like size and shape centred inside the box, keep the
 *     largest group of similar height on one line and drop what sticks out
 *     of the lines through its tops and bottoms; this throws away the plate
 *     border, the EU/GB country strip, badges, screws and US slogans.  When
 *     no row shows, retry with long straight runs (the border characters
 *     touch) removed;
 *  3. deskew by the line through the character centres, and find the row
 *     again on the rotated image;
 *  4. build the line image Tesseract reads: the grey character row, text
 *     dark, the characters kCharHeight pixels high;
 *  5. read it with Tesseract (LSTM, single line, A-Z0-9), the row's
 *     characters with the character classifier (charclassifier.h) and the
 *     deskewed box as a whole with the plate network (platerec.h, which
 *     needs no row and so also reads when step 2 found none; a US box it
 *     reads cut at three heights, kNetViewMargins, as one reading) and
 *     the box round the row; collect the
 *     per-character alternatives and decode them under the region's plate
 *     formats; let each network reading weigh, by its own CTC likelihood,
 *     another view's reading that has one character more or fewer than
 *     its own (offer_indels ()); pool the candidates of all variants, rank
 *     each text by the
 *     sum of its rank scores (evidence x format prior) over the variants
 *     (agreement wins), keep the top N, and give each the confidence of
 *     plate_confidence () (agreement, weakest character, margin, format).
 */

#include "platereader.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

/* Tesseract's public headers include its private config_auto.h when
 * HAVE_CONFIG_H is defined, as it is project-wide here; nothing in this
 * file needs our config.h. */
#undef HAVE_CONFIG_H

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include "charclassifier.h"
#include "platerec.h"

namespace
{

const int kBoxHeight = 100;     /* plate box height after scaling */
const int kCharHeight = 50;     /* character height given to Tesseract */
const int kPad = 16;            /* white border around the line */
const double kCharClassWeight = 0.9;    /* the classifier's variant */
const double kNetGate = 0.6;    /* mean character confidence below which
                                 * the network's reading is not text */
const double kNetSure = 0.9;    /* a network character that shows where
                                 * the plate's characters reach */
const size_t kMinPlateChars = 3;
const double kCharMaxWidth = 1.1;       /* widest single character, in
                                         * heights; wider is merged ones */
const double kMaxMergedWidth = 2.6;     /* widest blob taken for characters
                                         * blurred together, in heights */
/* Margins above and below the box, in box heights, of the crop
 * (kCropMarginY) and of the views the plate network reads as one on a US
 * box (its per-column scores averaged).  A US plate has a state name
 * above its characters and a slogan below, which a box takes in more or
 * less of: alone, the network reads the labelled US boxes 55.4% at 0.15,
 * 60.8% at 0, 45% at 0.3, and 64.9% at the three together.  GB and EU
 * plates carry no such text: there the three read what 0.15 alone reads
 * (eu 90.7%, generated GB 97.1% end to end), and each view costs as much
 * as Tesseract's read of a line, so they read the one. */
const double kCropMarginY = 0.15;
const double kNetViewMargins[] = { kCropMarginY, 0.0, 0.3 };
/* The whole-plate network, by far the strongest reader (alone it reads
 * 89.8% of the EU set's labelled boxes, what all the views voting together
 * read with it at half these weights): its two readings outweigh the other
 * views together, which decide between its close readings and lend
 * their agreement to the confidence.  Weights 2 and 1 up to 8 and 4 were
 * tried; from 4 and 2 on, reads stayed the same on generated GB plates and
 * on the EU set and changed by a plate or two on the US one. */
const double kPlateRecWeight = 4.0;
const double kRowNetWeight = 2.0;       /* ... on the box round the row */

struct Blob
{
  cv::Rect r;
  int area;
  int label;
};

struct Row
{
  std::vector<Blob> blobs;      /* sorted left to right */
  cv::Mat labels;               /* component labels of the mask */
  cv::Mat mask;                 /* characters white on black */
  double score = 0.0;
  double angle = 0.0;           /* degrees, of the line through the centres */
  int median_h = 0;
};

struct LineRead
{
  std::vector<GstAnprCharChoice> chars;
  std::string text;

  void add (const GstAnprCharChoice & ch)
  {
    chars.push_back (ch);
    text.push_back (ch.ch[0]);
  }

  /* 0..1, the read characters' mean confidence */
  double mean_conf () const
  {
    double sum = 0.0;
    for (const auto & c:chars)
      sum += c.conf[0];
    return chars.empty ()? 0.0 : sum / chars.size ();
  }
};

struct Cand
{
  std::string text;
  double conf;                  /* evidence: the characters' confidences */
  double score;                 /* rank score: evidence x format prior */
  const char *format;
  std::vector<float> char_conf;
  int variant;                  /* which line image it was read in */
  double weight;                /* the variant's: how much it is believed */
  bool top;                     /* that variant's best reading */
  bool clean;                   /* the characters as read, none replaced */
  double weakest;               /* least confidence of a character read */
  /* merged over the variants */
  double rank = 0.0;            /* sum of score */
  double n_top = 0.0;           /* weight of variants whose best it is */
  double n_seen = 0.0;          /* weight of variants that offer it */
};

double
median_of (std::vector<int> v)
{
  if (v.empty ())
    return 0.0;
  std::nth_element (v.begin (), v.begin () + v.size () / 2, v.end ());
  return v[v.size () / 2];
}

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

/* Tries the binarisations and returns the best character row on @gray
 * (black text on white or white on black). */
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

void
pad_and_scale (const cv::Mat & src, double scale, cv::Mat & dst, int bg)
{
  cv::Mat scaled;
  cv::resize (src, scaled, cv::Size (), scale, scale,
      scale < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC);
  cv::copyMakeBorder (scaled, dst, kPad, kPad, kPad, kPad,
      cv::BORDER_CONSTANT, cv::Scalar (bg));
}

/* Upper-cases one Tesseract symbol; 0 when it is not A-Z0-9. */
char
plate_char (const char *s)
{
  if (!s || !s[0] || s[1])
    return 0;
  char c = s[0];
  if (c >= 'a' && c <= 'z')
    c = c - 'a' + 'A';
  if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    return c;
  return 0;
}

}                               /* namespace */

struct _PlateReader
{
  tesseract::TessBaseAPI api;
  std::string datapath;
  /* optional per-character voter (plate_reader_set_char_model) */
  std::unique_ptr < anpr::CharClassifier > chars;
  /* optional whole-plate voter (plate_reader_set_plate_model) */
  std::unique_ptr < anpr::PlateRecogniser > rec;
};

static LineRead
read_line (tesseract::TessBaseAPI & api, const cv::Mat & line)
{
  LineRead res;

  api.SetImage (line.data, line.cols, line.rows, 1, (int) line.step);
  api.SetSourceResolution (300);
  if (api.Recognize (nullptr) != 0)
    return res;

  std::unique_ptr < tesseract::ResultIterator > ri (api.GetIterator ());
  if (!ri)
    return res;

  do {
    std::unique_ptr < char[] > sym (ri->GetUTF8Text (tesseract::RIL_SYMBOL));
    char c = plate_char (sym.get ());
    if (!c)
      continue;

    GstAnprCharChoice ch;
    memset (&ch, 0, sizeof (ch));
    ch.ch[0] = c;
    ch.conf[0] = std::clamp (ri->Confidence (tesseract::RIL_SYMBOL) / 100.0f,
        0.0f, 1.0f);
    ch.n = 1;

    tesseract::ChoiceIterator ci (*ri);
    do {
      char a = plate_char (ci.GetUTF8Text ());
      if (!a || ch.n >= GST_ANPR_MAX_CHAR_CHOICES)
        continue;
      bool dup = false;
      for (guint k = 0; k < ch.n; k++)
        dup = dup || ch.ch[k] == a;
      if (dup)
        continue;
      float conf = std::clamp (ci.Confidence () / 100.0f, 0.0f, 1.0f);
      /* alternatives never outrank the symbol Tesseract chose */
      conf = std::min (conf, ch.conf[0]);
      ch.ch[ch.n] = a;
      ch.conf[ch.n] = conf;
      ch.n++;
    } while (ci.Next ());

    res.add (ch);
  } while (ri->Next (tesseract::RIL_SYMBOL));
  return res;
}

/* The bounding box of the row's characters. */
static cv::Rect
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

/* @rect of the frame in grey: the luma plane as it is, or the colour
 * planes weighted as the element asked (PlateImage.weights). */
static cv::Mat
frame_gray (const cv::Mat & plane, const PlateImage * img,
    const cv::Rect & rect)
{
  if (img->pstride == 1)
    return plane (rect);
  cv::Mat gray;
  cv::Mat weights (1, img->pstride, CV_32F, (void *) img->weights);
  cv::transform (plane (rect), gray, weights);
  return gray;
}

/* @src turned by @angle degrees about @centre, same size. */
static cv::Mat
turned (const cv::Mat & src, cv::Point2f centre, double angle)
{
  cv::Mat rot = cv::getRotationMatrix2D (centre, angle, 1.0);
  cv::Mat r;
  cv::warpAffine (src, r, rot, src.size (), cv::INTER_LINEAR,
      cv::BORDER_REPLICATE);
  return r;
}

/* The deskewed box at the heights of kNetViewMargins, for the plate
 * network.  @g is the box cut with kCropMarginY, scaled by @scale and
 * turned by @deskew degrees about its centre; the other heights are cut
 * from a taller crop of @plane scaled and turned the same way, so that
 * every view spans the same columns. */
static std::vector < cv::Mat >
network_views (const cv::Mat & plane, const PlateImage * img,
    const cv::Rect & box, const cv::Rect & crop, double scale, double deskew,
    const cv::Mat & g)
{
  std::vector < cv::Mat > views;
  cv::Mat tall;
  int box_top = 0;

  for (double m:kNetViewMargins) {
    if (m == kCropMarginY) {
      views.push_back (g);
      continue;
    }
    if (tall.empty ()) {
      double widest = *std::max_element (std::begin (kNetViewMargins),
          std::end (kNetViewMargins));
      int my = (int) std::lround (box.height * widest);
      cv::Rect t = cv::Rect (crop.x, box.y - my, crop.width,
          box.height + 2 * my) & cv::Rect (0, 0, img->width, img->height);
      cv::resize (frame_gray (plane, img, t), tall, cv::Size (g.cols, std::max (1,
                  (int) std::lround (t.height * scale))), 0, 0,
          scale < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC);
      box_top = (int) std::lround ((box.y - t.y) * scale);
      /* about the centre of @g, where the deskew turned it */
      if (deskew != 0.0)
        tall = turned (tall, cv::Point2f (g.cols / 2.0f, g.rows / 2.0f +
                (float) ((crop.y - t.y) * scale)), deskew);
    }
    int mm = (int) std::lround (m * kBoxHeight);
    cv::Rect v = cv::Rect (0, box_top - mm, tall.cols, kBoxHeight + 2 * mm)
        & cv::Rect (0, 0, tall.cols, tall.rows);
    if (v.height > 4)
      views.push_back (tall (v));
  }
  return views;
}

/* Widens the columns @left..@right of a row view out to the characters
 * the whole-box network read at @net_left..@net_right (none when
 * @net_left > @net_right), with @pad columns beyond them. */
static void
reach (int &left, int &right, int net_left, int net_right, int pad)
{
  if (net_left > net_right)
    return;
  left = std::min (left, net_left - pad);
  right = std::max (right, net_right + pad);
}

/* Big enough for the plate network to read anything in. */
static bool
net_readable (const cv::Size & s)
{
  return s.width > 8 && s.height > 4;
}

/* The plate network's reading of @img as a line reading. */
static LineRead
network_read (anpr::PlateRecogniser & rec, const cv::Mat & img,
    cv::Mat * posteriors)
{
  LineRead lr;
  if (net_readable (img.size ()))
    rec.read (std::vector < cv::Mat > {img}, lr.chars, lr.text, nullptr,
        posteriors);
  return lr;
}

/* Whether @a and @b are one character apart by an insertion or deletion,
 * characters compared by confusion class. */
static bool
one_indel_apart (const std::string & a, const std::string & b)
{
  const std::string & l = a.size () > b.size ()? a : b;
  const std::string & s = a.size () > b.size ()? b : a;
  if (l.size () != s.size () + 1)
    return false;
  size_t i = 0;
  while (i < s.size () && gst_anpr_char_confusion_class (l[i]) ==
      gst_anpr_char_confusion_class (s[i]))
    i++;
  for (; i < s.size (); i++)
    if (gst_anpr_char_confusion_class (l[i + 1]) !=
        gst_anpr_char_confusion_class (s[i]))
      return false;
  return true;
}

/* The network's best path drops a character whose steps a blank won by a
 * little, or reads a border as one: when another view's best reading is
 * the network's own with one character more or fewer, the network's CTC
 * likelihood of that reading is what it thinks of it, and it is offered
 * for the network's view at that share of its best reading's evidence
 * (kIndelFloor at least: less is no offer). */
const double kIndelFloor = 0.05;

static void
offer_indels (std::vector < Cand > &pool,
    const std::map < int, cv::Mat > &posteriors)
{
  std::vector < Cand > add;
  for (const auto & np:posteriors) {
    const Cand *best = nullptr;
    for (const Cand & c:pool)
      if (c.variant == np.first && c.top && !c.text.empty ())
        best = &c;
    if (!best)
      continue;
    for (const Cand & other:pool) {
      if (other.variant == np.first || !other.top || other.text.empty ()
          || !one_indel_apart (other.text, best->text))
        continue;
      auto offers =[&](const std::vector < Cand > &v) {
        return std::any_of (v.begin (), v.end (),[&](const Cand & c) {
              return c.variant == np.first && c.text == other.text;}
        );
      };
      if (offers (pool) || offers (add))
        continue;
      double r = std::min (1.0,
          anpr::PlateRecogniser::relative_likelihood (np.second, other.text,
              best->text));
      if (r < kIndelFloor)
        continue;
      Cand c = other;
      double prior = other.conf > 0.0 ? other.score / other.conf : 0.0;
      c.conf = best->conf * r;
      c.score = c.conf * prior;
      c.variant = np.first;
      c.weight = best->weight;
      c.top = false;
      c.char_conf.clear ();
      c.weakest = std::min (best->weakest, r);
      add.push_back (c);
    }
  }
  pool.insert (pool.end (), add.begin (), add.end ());
}

static void
plate_reading_init (PlateReading * out)
{
  memset (out, 0, sizeof (*out));
  for (guint i = 0; i < GST_ANPR_MAX_CANDIDATES; i++)
    out->formats[i] = "";
}

/* Loads @lang into @api, set up to read one line of plate characters. */
static bool
init_api (tesseract::TessBaseAPI & api, const char *tessdata,
    const char *lang)
{
  /* dictionaries do not help with plates and cost time */
  std::vector < std::string > vars = { "load_system_dawg",
    "load_freq_dawg", "load_punc_dawg", "load_number_dawg",
    "load_unambig_dawg", "load_bigram_dawg"
  };
  std::vector < std::string > vals (vars.size (), "0");

  if (api.Init (tessdata, lang, tesseract::OEM_LSTM_ONLY, nullptr, 0, &vars,
          &vals, false) != 0)
    return false;
  api.SetPageSegMode (tesseract::PSM_SINGLE_LINE);
  api.SetVariable ("tessedit_char_whitelist",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  api.SetVariable ("lstm_choice_mode", "2");
  api.SetVariable ("user_defined_dpi", "300");
  api.SetVariable ("debug_file", "/dev/null");
  return true;
}

extern "C" PlateReader *
plate_reader_new (const gchar * tessdata, const gchar * lang, gchar ** error)
{
  PlateReader *reader = nullptr;

  try {
    reader = new PlateReader ();
    if (!init_api (reader->api, tessdata, lang ? lang : "eng")) {
      if (error)
        *error = g_strdup_printf ("Tesseract could not load language "
            "\"%s\" from %s", lang ? lang : "eng",
            tessdata ? tessdata : "its default tessdata directory");
      delete reader;
      return nullptr;
    }
    reader->datapath = reader->api.GetDatapath ()?
        reader->api.GetDatapath () : "";
    return reader;
  }
  catch (const std::exception & e) {
    if (error)
      *error = g_strdup_printf ("Tesseract initialisation failed: %s",
          e.what ());
  }
  catch ( ...) {
    if (error)
      *error = g_strdup ("Tesseract initialisation failed");
  }
  delete reader;
  return nullptr;
}

extern "C" void
plate_reader_free (PlateReader * reader)
{
  if (!reader)
    return;
  try {
    reader->api.End ();
    delete reader;
  }
  catch ( ...) {
  }
}

extern "C" const gchar *
plate_reader_get_datapath (PlateReader * reader)
{
  return reader ? reader->datapath.c_str () : "";
}

static void add_line_read (const LineRead & lr, GstAnprRegion region,
    double weight, std::vector < Cand > &pool, std::string & raw);

/* The character classifier's reading of the row's blobs, one position per
 * blob, its top alternatives as the choices (charclassifier.h).  A blob
 * wider than its height holds characters blurred together: it is cut into
 * as many equal slices as characters of the row's usual width fit. */
static LineRead
classify_row (const anpr::CharClassifier & cls, const cv::Mat & labels,
    const std::vector < Blob > &blobs)
{
  LineRead lr;
  std::vector<int> widths;

  for (const Blob & b:blobs)
    if (b.r.width <= kCharMaxWidth * b.r.height)
      widths.push_back (b.r.width);
  double char_w = widths.empty ()? 0.0 : median_of (widths);

  for (const Blob & b:blobs) {
    int parts = 1;
    if (b.r.width > kCharMaxWidth * b.r.height && char_w > 0.0)
      parts = std::max (1, (int) std::lround (b.r.width / char_w));
    for (int k = 0; k < parts; k++) {
      int x0 = b.r.x + b.r.width * k / parts;
      int x1 = b.r.x + b.r.width * (k + 1) / parts;
      cv::Rect piece (x0, b.r.y, x1 - x0, b.r.height);
      GstAnprCharChoice ch;
      if (cls.classify (labels (piece) == b.label, &ch))
        lr.add (ch);
    }
  }
  return lr;
}

/* Replaces one voter of @reader by the model at @path (none for NULL or
 * ""); T::load () reports what is wrong with a file. */
template < class T > static gboolean
set_voter (std::unique_ptr < T > &voter, const gchar * path, gchar ** error)
{
  voter.reset ();
  if (!path || !path[0])
    return TRUE;
  std::string err;
  voter = T::load (path, err);
  if (!voter && error)
    *error = g_strdup (err.c_str ());
  return voter != nullptr;
}

extern "C" gboolean
plate_reader_set_char_model (PlateReader * reader, const gchar * path,
    gchar ** error)
{
  return reader ? set_voter (reader->chars, path, error) : FALSE;
}

extern "C" gboolean
plate_reader_set_plate_model (PlateReader * reader, const gchar * path,
    gchar ** error)
{
  return reader ? set_voter (reader->rec, path, error) : FALSE;
}

/* Decodes one reading (Tesseract's or the character classifier's) and adds
 * its candidates to @pool. */
static void
add_line_read (const LineRead & lr, GstAnprRegion region, double weight,
    std::vector < Cand > &pool, std::string & raw)
{
  /* one id per line reading; one that reads nothing leaves an empty
   * entry, so that it counts against agreement */
  int variant = pool.empty ()? 0 : pool.back ().variant + 1;
  auto read_nothing =[&]() {
    pool.push_back ({"", 0.0, 0.0, "", {}, variant, weight, false, false,
          0.0});
  };

  if (lr.chars.empty ()) {
    read_nothing ();
    return;
  }
  if (raw.empty ())
    raw = lr.text;
  GstAnprCandidate out[GST_ANPR_MAX_CANDIDATES];
  const gchar *formats[GST_ANPR_MAX_CANDIDATES];
  gfloat scores[GST_ANPR_MAX_CANDIDATES];
  guint n = gst_anpr_plate_decode_full (region, lr.chars.data (),
      MIN (lr.chars.size (), (size_t) 64), out, formats, scores,
      GST_ANPR_MAX_CANDIDATES);

  std::vector < float >char_conf;
  double weakest = 1.0;
  for (const auto & c:lr.chars) {
    char_conf.push_back (c.conf[0]);
    weakest = std::min < double >(weakest, c.conf[0]);
  }
  gchar norm[GST_ANPR_MAX_TEXT + 1];
  gst_anpr_plate_normalise (lr.text.c_str (), norm, sizeof (norm));

  if (n == 0) {
    /* nothing in the region's formats: the read as it is, little believed */
    double conf = lr.mean_conf () * 0.5 * weight;
    if (norm[0])
      pool.push_back ({norm, conf, conf, "", char_conf, variant, weight, true,
            true, weakest});
    else
      read_nothing ();
    return;
  }
  for (guint i = 0; i < n; i++) {
    std::vector < float >cc;
    if (i == 0 && strlen (out[i].text) == lr.chars.size ())
      cc = char_conf;
    pool.push_back ({out[i].text, out[i].confidence * weight,
            scores[i] * weight, formats[i] ? formats[i] : "", cc, variant,
            weight, i == 0, strcmp (out[i].text, norm) == 0, weakest});
  }
}

/* The reported confidence of a reading: an estimate of how often a
 * reading like it is right, from what can be checked without knowing the
 * plate.  A product of four factors, each 0..1, so it never falls when one
 * of them grows:
 *
 *  - agreement: the readings (Tesseract's line image, the character
 *    classifier and the plate network when there are) are independent
 *    looks at the plate, each counted at its weight (how much it is
 *    believed); per reading, a text scores 1/2 for being offered and 1/2
 *    for being its best.  The best of all of them scores 1; a runner-up
 *    everywhere 1/2.  No reading counts for more than half of the whole:
 *    a single one cannot agree with anything;
 *  - the weakest character: the least confidence a character got in the
 *    reading (the best reading that offers the text);
 *  - margin: a near tie with the next text (less than kTie of the two
 *    rank scores) scales by that share / kTie;
 *  - format strength: 1 for the region's principal formats (prior >= 0.7),
 *    kMinorFormat for minor ones (short, loose or rare layouts, which a
 *    read that missed a character also fits), kCatchAll for the catch-all
 *    or no format, halved (kShort) for a catch-all reading of fewer than
 *    kShortRead characters, which is mostly a fragment of a plate or of
 *    other text, or of digits only, which is mostly a house number, a
 *    price, a phone number or the time a camera burns into its frames
 *    (few plates are digits only: 3 of 222 in the US set, none of 108
 *    in the EU one), or with no digit but 0 (the O of a word, where O
 *    is written 0), which is mostly a dealer's name, a sign or a slogan
 *    (few plates are: vanity plates, 3 of 222 in the US set and 3 of
 *    108 in the EU one); times kCorrected when no reading saw the text
 *    as it is (a character was replaced or dropped to fit the format).
 *
 * So 0.9 and above takes a principal format, seen as it is, the best of
 * every reading, with no character below 0.9.  The constants were set on
 * generated plates (tools/anpr-synth), not on the photo sets. */
const double kMinorFormat = 0.85;
const double kCatchAll = 0.8;
const size_t kShortRead = 4;
const double kShort = 0.5;
const double kCorrected = 0.85;
const double kTie = 0.6;
/* A box touching an edge of the frame (within kEdge pixels) may cut the
 * plate, or be text the camera burns into the frame's margin: its
 * readings are believed kClipped as much, below 0.9 whatever the views say
 * (a plate entering the frame read without its first character agreed
 * everywhere, at 0.999, in the demo video). */
const double kClipped = 0.7;
const int kEdge = 2;
const double kPrincipalPrior = 0.7;

static double
plate_confidence (const Cand & c, double runner_up_rank, double views)
{
  double agree = views > 0.0 ?
      std::min (1.0, (c.n_top + c.n_seen) / (2.0 * views)) : 0.0;
  double margin = c.rank + runner_up_rank > 0.0 ?
      c.rank / (c.rank + runner_up_rank) : 0.0;
  /* a rank score is the evidence times the format's prior */
  double prior = c.conf > 0.0 ? c.score / c.conf : 0.0;
  double format;

  if (!c.format[0] || gst_anpr_plate_format_is_fallback (c.format))
    format = (c.text.size () < kShortRead
        || c.text.find_first_not_of ("0123456789") == std::string::npos
        || c.text.find_first_of ("123456789") == std::string::npos) ?
        kCatchAll * kShort : kCatchAll;
  else if (prior < kPrincipalPrior - 1e-6)
    format = kMinorFormat;
  else
    format = 1.0;
  if (!c.clean)
    format *= kCorrected;
  return std::clamp (agree * c.weakest * std::min (1.0, margin / kTie) *
      format, 0.0, 1.0);
}

extern "C" gboolean
plate_reader_read (PlateReader * reader, const PlateImage * img, gint x,
    gint y, gint w, gint h, GstAnprRegion region, guint max_candidates,
    PlateReading * out)
{
  plate_reading_init (out);
  if (!reader || !img || !img->data || img->pstride < 1 || img->pstride > 4)
    return FALSE;

  try {
    /* 1. crop with a margin, clamped to the frame */
    cv::Rect frame_rect (0, 0, img->width, img->height);
    cv::Rect box (x, y, w, h);
    box &= frame_rect;
    if (box.width < 8 || box.height < 4)
      return FALSE;
    /* a box at an edge of the frame may hold part of a plate: a reading
     * of what shows can be consistent and still miss characters */
    bool clipped = box.x <= kEdge || box.x + box.width >= img->width - kEdge
        || box.y <= kEdge || box.y + box.height >= img->height - kEdge;
    int mx = (int) std::lround (box.width * 0.10);
    int my = (int) std::lround (box.height * kCropMarginY);
    cv::Rect crop = cv::Rect (box.x - mx, box.y - my, box.width + 2 * mx,
        box.height + 2 * my) & frame_rect;

    cv::Mat plane (img->height, img->width, CV_MAKETYPE (CV_8U,
            img->pstride), (void *) img->data, (size_t) img->stride);
    double scale = (double) kBoxHeight / box.height;
    cv::Mat g;
    cv::resize (frame_gray (plane, img, crop), g, cv::Size (), scale, scale,
        scale < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC);
    cv::normalize (g, g, 0, 255, cv::NORM_MINMAX);

    /* 2. character row, 3. deskew */
    cv::Rect gbox ((int) ((box.x - crop.x) * scale),
        (int) ((box.y - crop.y) * scale), (int) (box.width * scale),
        kBoxHeight);
    bool dark_on_light = true;
    double deskew = 0.0;
    Row row = best_row (g, gbox, &dark_on_light);
    if (row.blobs.size () >= 3 && std::abs (row.angle) > 0.7
        && std::abs (row.angle) < 30) {
      cv::Mat r = turned (g, cv::Point2f (g.cols / 2.0f, g.rows / 2.0f),
          row.angle);
      bool d2 = dark_on_light;
      Row row2 = best_row (r, gbox, &d2);
      if (row2.blobs.size () >= row.blobs.size ()) {
        deskew = row.angle;     /* the turn applied, before row2's */
        g = r;
        row = row2;
        dark_on_light = d2;
      }
    }

    std::vector < Cand > pool;
    std::string raw;
    /* the network's per-step probabilities, by variant */
    std::map < int, cv::Mat > posteriors;

    /* 4e. the whole-plate network reads the deskewed box as it is: it
     * needs no character row, so it also votes when none was found */
    /* where the row's characters are, for the views below */
    const cv::Rect ext = row_extent (row);
    bool plausible = true;
    /* the columns of @g where the network read characters it was sure of */
    int net_left = INT_MAX, net_right = INT_MIN;
    /* 4f's box round the character row (see below), widened out to the
     * network's characters at @net_l..@net_r */
    auto row_box =[&](int net_l, int net_r) {
      int ch = ext.height;
      int left = ext.x - ch / 2, right = left + ext.width + ch;
      reach (left, right, net_l, net_r, ch / 2);
      return cv::Rect (left, ext.y - ch / 2, right - left,
          2 * ch) & cv::Rect (0, 0, g.cols, g.rows);
    };
    /* the network's scores for 4e's views and, in the same pass, for 4f's
     * box as the row alone places it (a batch costs less than two
     * passes, and the network rarely widens the box) */
    std::vector < cv::Mat > net_scores;
    size_t n_views = 0;
    cv::Rect guessed;
    if (reader->rec) {
      LineRead lr;
      std::vector < float >centres;
      cv::Mat post;
      std::vector < cv::Mat > inputs = region == GST_ANPR_REGION_US ?
          network_views (plane, img, box, crop, scale, deskew, g) :
          std::vector < cv::Mat > {g};
      n_views = inputs.size ();
      if (row.blobs.size () >= 3) {
        guessed = row_box (INT_MAX, INT_MIN);
        if (net_readable (guessed.size ()))
          inputs.push_back (g (guessed));
        else
          guessed = cv::Rect ();
      }
      reader->rec->forward (inputs, net_scores);
      reader->rec->read_scores (net_scores, 0, n_views, lr.chars, lr.text,
          &centres, &post);
      add_line_read (lr, region, kPlateRecWeight, pool, raw);
      posteriors[pool.back ().variant] = post;
      /* what the network cannot read as text is no plate worth
       * Tesseract's time (false boxes: grilles, lamps, signs) */
      plausible = lr.chars.size () >= kMinPlateChars
          && lr.mean_conf () >= kNetGate;
      for (size_t i = 0; plausible && lr.chars.size () > row.blobs.size ()
          && i < centres.size (); i++) {
        if (lr.chars[i].conf[0] < kNetSure)
          continue;
        int cx = (int) std::lround (centres[i] * g.cols);
        net_left = std::min (net_left, cx);
        net_right = std::max (net_right, cx);
      }
    }

    /* 4b. the line image Tesseract reads: the grey character row, text
     * dark, out to the network's characters too, as 4f.  (A second one,
     * 4a, of the row's characters alone re-laid evenly in black on white,
     * cost a third of a plate's time and changed no best reading on the
     * us, eu and generated GB sets, only confidences, upwards.) */
    const bool rows = plausible && row.blobs.size () >= 2;
    cv::Mat line_grey;
    if (rows) {
      int top = ext.y, bottom = ext.y + ext.height;
      int mh = std::max (row.median_h, 1);
      int m = std::max (2, mh / 6);
      int l = ext.x, r = ext.x + ext.width;
      reach (l, r, net_left, net_right, mh / 2);
      cv::Rect rr = cv::Rect (l - m, top - m, r - l + 2 * m,
          bottom - top + 2 * m) & cv::Rect (0, 0, g.cols, g.rows);
      cv::Mat rowimg = g (rr).clone ();
      if (!dark_on_light)
        cv::bitwise_not (rowimg, rowimg);
      cv::normalize (rowimg, rowimg, 0, 255, cv::NORM_MINMAX);
      pad_and_scale (rowimg, (double) kCharHeight / mh, line_grey, 255);
    }

    /* 4f. the network again on a plate box drawn round the character
     * row (half a character height of border): independent of how well
     * the detector's box fits the plate.  It reaches out to the
     * characters the network read on the whole box: the row finder can
     * miss an end character (touching the frame, or next to a graphic),
     * and the row's views would then all agree on a reading without it. */
    if (reader->rec && plausible && row.blobs.size () >= 3) {
      cv::Rect pr = row_box (net_left, net_right);
      cv::Mat post;
      LineRead lr;
      if (!guessed.empty () && pr == guessed
          && net_scores.size () == n_views + 1)
        reader->rec->read_scores (net_scores, n_views, 1, lr.chars, lr.text,
            nullptr, &post);
      else
        lr = network_read (*reader->rec, g (pr), &post);
      add_line_read (lr, region, kRowNetWeight, pool, raw);
      posteriors[pool.back ().variant] = post;
    }

    if (!plausible) {
      /* the network's reading alone, believed as a single view */
    } else if (rows) {
      /* 4d. the per-character classifier as one more voter */
      LineRead classified;
      if (reader->chars)
        classified = classify_row (*reader->chars, row.labels, row.blobs);
      LineRead read_grey = read_line (reader->api, line_grey);

      if (reader->chars)
        add_line_read (classified, region, kCharClassWeight, pool, raw);
      add_line_read (read_grey, region, 0.95, pool, raw);
    } else {
      /* no character row found: read the plain grey box as a last resort,
       * with low confidence */
      cv::Mat line;
      pad_and_scale (g, (double) kCharHeight / (kBoxHeight * 0.6), line,
          255);
      add_line_read (read_line (reader->api, line), region, 0.5, pool,
          raw);
    }

    g_strlcpy (out->raw, raw.c_str (), sizeof (out->raw));
    /* a character the network dropped, or read in a border */
    offer_indels (pool, posteriors);

    /* 5. pool: one entry per text, ranked by the sum of its rank scores
     * over the variants (the format prior counts, and so does agreement);
     * the entry kept is the variant's with the most evidence */
    std::vector < Cand > merged;
    std::map < int, double >variant_weight;
    for (const Cand & c:pool) {
      variant_weight[c.variant] = c.weight;
      if (c.text.empty ())
        continue;
      auto it = std::find_if (merged.begin (), merged.end (),
      [&](const Cand & m) {
            return m.text == c.text;}
      );
      if (it == merged.end ()) {
        merged.push_back (c);
        merged.back ().rank = c.score;
        merged.back ().n_top = c.top ? c.weight : 0.0;
        merged.back ().n_seen = c.weight;
      } else {
        double rank = it->rank + c.score;
        double n_top = it->n_top + (c.top ? c.weight : 0.0);
        double n_seen = it->n_seen + c.weight;
        bool clean = it->clean || c.clean;
        double weakest = std::max (it->weakest, c.weakest);
        if (c.conf > it->conf)
          *it = c;
        it->rank = rank;
        it->n_top = n_top;
        it->n_seen = n_seen;
        it->clean = clean;
        it->weakest = weakest;
      }
    }
    std::stable_sort (merged.begin (), merged.end (),
    [](const Cand & a, const Cand & b) {
          return a.rank > b.rank;}
    );
    double views = 0.0, heaviest = 0.0;
    for (const auto & v:variant_weight) {
      views += v.second;
      heaviest = std::max (heaviest, v.second);
    }
    views = std::max (views, 2.0 * heaviest);

    guint n = MIN ((guint) merged.size (), MIN (max_candidates,
            (guint) GST_ANPR_MAX_CANDIDATES));
    for (guint i = 0; i < n; i++) {
      g_strlcpy (out->candidates[i].text, merged[i].text.c_str (),
          sizeof (out->candidates[i].text));
      out->candidates[i].confidence = (gfloat) (plate_confidence (merged[i],
              i + 1 < merged.size ()? merged[i + 1].rank : 0.0, views) *
          (clipped ? kClipped : 1.0));
      out->formats[i] = merged[i].format;
    }
    out->n_candidates = n;
    if (n > 0) {
      size_t len = strlen (out->candidates[0].text);
      for (size_t i = 0; i < len && i < GST_ANPR_MAX_TEXT; i++)
        out->char_confidence[i] = i < merged[0].char_conf.size ()?
            merged[0].char_conf[i] : out->candidates[0].confidence;
    }
    return n > 0;
  }
  catch (const std::exception & e) {
    g_debug ("plate crop %d,%d %dx%d skipped: %s", x, y, w, h, e.what ());
  }
  catch ( ...) {
    g_debug ("plate crop %d,%d %dx%d skipped", x, y, w, h);
  }
  plate_reading_init (out);
  return FALSE;
}
