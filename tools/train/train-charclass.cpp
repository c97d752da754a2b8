/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* train-charclass: trains plateocr's per-character classifier
 * (plugins/plateocr/charclassifier.h) on characters the project makes:
 *
 *  - glyphs A-Z0-9 rendered with cairo in plate-like Debian fonts, each
 *    degraded as a camera would (size down to a dozen pixels, rotation,
 *    shear, width, stroke weight, blur, noise, contrast), scaled back up
 *    and binarised the way the reader does, then cut to the largest
 *    connected component;
 *  - optionally the characters of anpr-synth plate crops (--plates DIR,
 *    the output of `anpr-synth plates`), degraded the same way and cut by
 *    connected components, kept only when the count matches the truth.
 *
 * No real photograph is used.  The output is a function of the options
 * and --seed.  Run through tools/train/train-charclass.sh. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <cairo.h>
#include <glib.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/ml.hpp>

#include "charclassifier.h"

using anpr::CharClassifier;

namespace
{

struct Font
{
  const char *family;
  cairo_font_weight_t weight;
  double sx;                    /* horizontal scale of the face */
};

/* Plate-like faces from fonts-liberation and fonts-dejavu.  Liberation
 * Sans Narrow Bold stands in for the GB Charles Wright face (as in
 * anpr-synth), the condensed and plain sans faces for the EU and US
 * plate faces. */
const Font kFonts[] = {
  {"Liberation Sans Narrow", CAIRO_FONT_WEIGHT_BOLD, 1.0},
  {"Liberation Sans Narrow", CAIRO_FONT_WEIGHT_BOLD, 1.3},
  {"Liberation Sans Narrow", CAIRO_FONT_WEIGHT_NORMAL, 1.0},
  {"DejaVu Sans Condensed", CAIRO_FONT_WEIGHT_BOLD, 1.0},
  {"DejaVu Sans Condensed", CAIRO_FONT_WEIGHT_BOLD, 0.85},
  {"Liberation Sans", CAIRO_FONT_WEIGHT_BOLD, 1.0},
  {"Liberation Sans", CAIRO_FONT_WEIGHT_BOLD, 0.8},
  {"DejaVu Sans", CAIRO_FONT_WEIGHT_BOLD, 0.9},
  {"DejaVu Sans Mono", CAIRO_FONT_WEIGHT_BOLD, 1.0},
};

struct Options
{
  std::string out = "charclass.yml.gz";
  std::string plates;
  guint seed = 1;
  int per_class = 150;          /* per font */
  int hidden = 96;
  int iterations = 100;
};

typedef std::mt19937 Rng;

double
uni (Rng & rng, double a, double b)
{
  return std::uniform_real_distribution < double >(a, b) (rng);
}

/* Degrades a grey image (ink dark, @char_h the character height in
 * pixels) as a distant camera would, scales it so characters are about
 * 45..85 pixels high as in the reader, and binarises it like the reader
 * (ink white). */
cv::Mat
degrade_and_binarise (const cv::Mat & grey, double char_h, Rng & rng)
{
  cv::Mat g;
  grey.convertTo (g, CV_32F);

  /* low resolution: characters down to ~11 px */
  double target = std::exp (uni (rng, std::log (11.0), std::log (60.0)));
  double down = std::min (1.0, target / char_h);
  if (down < 1.0)
    cv::resize (g, g, cv::Size (), down, down, cv::INTER_AREA);
  double sigma = uni (rng, 0.0, 1.2);
  if (sigma > 0.3)
    cv::GaussianBlur (g, g, cv::Size (), sigma);
  cv::Mat noise (g.size (), CV_32F);
  cv::randn (noise, 0, uni (rng, 0, 14));
  g += noise;
  cv::Mat g8;
  g.convertTo (g8, CV_8U);

  double up = uni (rng, 45.0, 85.0) / (char_h * down);
  cv::Mat big;
  cv::resize (g8, big, cv::Size (), up, up,
      up < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC);
  cv::normalize (big, big, 0, 255, cv::NORM_MINMAX);

  cv::Mat mask;
  if (rng () % 2) {
    cv::threshold (big, mask, 0, 255, cv::THRESH_BINARY_INV |
        cv::THRESH_OTSU);
  } else {
    int block = std::max (3, ((int) (char_h * down * up * 1.3) / 2) | 1);
    cv::adaptiveThreshold (big, mask, 255, cv::ADAPTIVE_THRESH_MEAN_C,
        cv::THRESH_BINARY_INV, block, 7);
  }
  return mask;
}

/* The largest component of @mask whose centre is in the middle third. */
bool
largest_component (const cv::Mat & mask, cv::Mat & ink)
{
  cv::Mat labels, stats, cents;
  int n = cv::connectedComponentsWithStats (mask, labels, stats, cents, 8,
      CV_32S);
  int best = -1, best_area = 0;
  for (int i = 1; i < n; i++) {
    double cx = cents.at < double >(i, 0), cy = cents.at < double >(i, 1);
    if (cx < mask.cols / 3.0 || cx > mask.cols * 2 / 3.0
        || cy < mask.rows / 3.0 || cy > mask.rows * 2 / 3.0)
      continue;
    int a = stats.at < int >(i, cv::CC_STAT_AREA);
    if (a > best_area) {
      best_area = a;
      best = i;
    }
  }
  if (best < 0)
    return false;
  cv::Rect r (stats.at < int >(best, cv::CC_STAT_LEFT),
      stats.at < int >(best, cv::CC_STAT_TOP),
      stats.at < int >(best, cv::CC_STAT_WIDTH),
      stats.at < int >(best, cv::CC_STAT_HEIGHT));
  /* touching the image edge: the crop cut it */
  if (r.x == 0 || r.y == 0 || r.br ().x >= mask.cols
      || r.br ().y >= mask.rows)
    return false;
  ink = (labels (r) == best);
  return true;
}

/* One rendered, degraded character. */
bool
render_glyph (char c, const Font & font, Rng & rng, cv::Mat & ink)
{
  const int size = 160;
  const double cap = 80.0;
  cairo_surface_t *surf = cairo_image_surface_create (CAIRO_FORMAT_A8, size,
      size);
  cairo_t *cr = cairo_create (surf);

  cairo_select_font_face (cr, font.family, CAIRO_FONT_SLANT_NORMAL,
      font.weight);
  cairo_set_font_size (cr, 100);
  cairo_text_extents_t hext, ext;
  cairo_text_extents (cr, "H", &hext);
  double fs = 100.0 * cap / -hext.y_bearing;
  cairo_set_font_size (cr, fs);
  char s[2] = { c, 0 };
  cairo_text_extents (cr, s, &ext);

  double sx = font.sx * uni (rng, 0.85, 1.15);
  double rot = uni (rng, -5.0, 5.0) * G_PI / 180.0;
  double shear = uni (rng, -0.12, 0.12);
  cairo_translate (cr, size / 2.0, size / 2.0);
  cairo_rotate (cr, rot);
  cairo_matrix_t m;
  cairo_matrix_init (&m, sx, 0, shear, 1, 0, 0);
  cairo_transform (cr, &m);
  cairo_move_to (cr, -(ext.x_bearing + ext.width / 2.0),
      -(ext.y_bearing + ext.height / 2.0));
  cairo_text_path (cr, s);
  cairo_set_source_rgba (cr, 0, 0, 0, 1);
  cairo_fill_preserve (cr);
  /* stroke weight: thicker (outline) or, further down, thinner (erode) */
  double weight = uni (rng, -0.06, 0.08) * cap;
  if (weight > 0) {
    cairo_set_line_width (cr, weight);
    cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke (cr);
  } else {
    cairo_new_path (cr);
  }
  cairo_destroy (cr);
  cairo_surface_flush (surf);

  cv::Mat a (size, size, CV_8U, cairo_image_surface_get_data (surf),
      cairo_image_surface_get_stride (surf));
  cv::Mat alpha = a.clone ();
  cairo_surface_destroy (surf);
  if (weight < -1.0) {
    int k = (int) std::lround (-weight);
    cv::erode (alpha, alpha, cv::getStructuringElement (cv::MORPH_ELLIPSE,
            cv::Size (k | 1, k | 1)));
  }

  /* ink and paper levels */
  double paper = uni (rng, 140, 255), inkl = uni (rng, 0, 90);
  cv::Mat grey;
  alpha.convertTo (grey, CV_32F, -(paper - inkl) / 255.0, paper);
  /* uneven light */
  double gx = uni (rng, -0.3, 0.3), gy = uni (rng, -0.3, 0.3);
  for (int y = 0; y < size; y++) {
    float *row = grey.ptr < float >(y);
    for (int x = 0; x < size; x++)
      row[x] += (float) (gx * (x - size / 2) + gy * (y - size / 2));
  }
  cv::Mat g8;
  grey.convertTo (g8, CV_8U);

  cv::Mat mask = degrade_and_binarise (g8, cap, rng);
  return largest_component (mask, ink);
}

/* Characters of anpr-synth plate crops (DIR/truth.tsv, DIR/images). */
void
plate_samples (const std::string & dir, int passes, Rng & rng,
    std::vector < cv::Mat > &feats, std::vector < int >&labels)
{
  std::ifstream tsv (dir + "/truth.tsv");
  std::string line;
  int used = 0, plates = 0;
  std::getline (tsv, line);
  while (std::getline (tsv, line)) {
    std::istringstream ls (line);
    std::string file, text;
    std::getline (ls, file, '\t');
    std::getline (ls, text, '\t');
    cv::Mat img = cv::imread (dir + "/images/" + file, cv::IMREAD_GRAYSCALE);
    if (img.empty () || text.empty ())
      continue;
    plates++;
    /* characters are about 70% of the crop height */
    double char_h = img.rows * 0.62;
    for (int p = 0; p < passes; p++) {
      cv::Mat mask = degrade_and_binarise (img, char_h, rng);
      cv::Mat lab, stats, cents;
      int n = cv::connectedComponentsWithStats (mask, lab, stats, cents, 8,
          CV_32S);
      std::vector < int >ids;
      for (int i = 1; i < n; i++) {
        int h = stats.at < int >(i, cv::CC_STAT_HEIGHT);
        int w = stats.at < int >(i, cv::CC_STAT_WIDTH);
        if (h < 0.45 * mask.rows || h > 0.9 * mask.rows || w > 1.1 * h)
          continue;
        ids.push_back (i);
      }
      if (ids.size () != text.size ())
        continue;
      std::sort (ids.begin (), ids.end (),[&](int a, int b) {
            return stats.at < int >(a, cv::CC_STAT_LEFT) <
            stats.at < int >(b, cv::CC_STAT_LEFT);}
      );
      for (size_t k = 0; k < ids.size (); k++) {
        const char *pos = strchr (CharClassifier::classes (), text[k]);
        if (!pos)
          continue;
        cv::Rect r (stats.at < int >(ids[k], cv::CC_STAT_LEFT),
            stats.at < int >(ids[k], cv::CC_STAT_TOP),
            stats.at < int >(ids[k], cv::CC_STAT_WIDTH),
            stats.at < int >(ids[k], cv::CC_STAT_HEIGHT));
        cv::Mat ink = (lab (r) == ids[k]), f;
        if (!CharClassifier::features (ink, f))
          continue;
        feats.push_back (f);
        labels.push_back ((int) (pos - CharClassifier::classes ()));
        used++;
      }
    }
  }
  g_print ("plates: %d crops, %d characters\n", plates, used);
}

}                               /* namespace */

int
main (int argc, char **argv)
{
  Options o;
  gchar *out = NULL, *plates = NULL;
  gint per_class = o.per_class, hidden = o.hidden, iters = o.iterations;
  gint64 seed = o.seed;
  GOptionEntry entries[] = {
    {"out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
        "Model file to write (.yml.gz)", "FILE"},
    {"plates", 'p', 0, G_OPTION_ARG_FILENAME, &plates,
        "Also use the characters of these anpr-synth plate crops", "DIR"},
    {"seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed", "S"},
    {"per-class", 'n', 0, G_OPTION_ARG_INT, &per_class,
        "Rendered samples per character and font (default 150)", "N"},
    {"hidden", 0, 0, G_OPTION_ARG_INT, &hidden,
        "Hidden units (default 96)", "H"},
    {"iterations", 'i', 0, G_OPTION_ARG_INT, &iters,
        "Training epochs (default 100)", "N"},
    {NULL}
  };
  GOptionContext *ctx = g_option_context_new ("- train the character "
      "classifier of plateocr on synthetic characters");
  GError *err = NULL;
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    g_printerr ("%s\n", err->message);
    g_error_free (err);
    g_option_context_free (ctx);
    return 2;
  }
  g_option_context_free (ctx);
  if (out)
    o.out = out;
  if (plates)
    o.plates = plates;
  g_free (out);
  g_free (plates);
  o.seed = (guint) seed;
  o.per_class = std::max (1, per_class);
  o.hidden = std::max (8, hidden);
  o.iterations = std::max (1, iters);

  cv::setNumThreads (1);
  cv::theRNG ().state = o.seed;
  Rng rng (o.seed);
  auto t0 = std::chrono::steady_clock::now ();

  std::vector < cv::Mat > feats;
  std::vector < int >labels;
  const int nc = CharClassifier::n_classes ();
  for (const Font & font:kFonts)
    for (int c = 0; c < nc; c++)
      for (int k = 0; k < o.per_class; k++) {
        cv::Mat ink, f;
        if (!render_glyph (CharClassifier::classes ()[c], font, rng, ink)
            || !CharClassifier::features (ink, f))
          continue;
        feats.push_back (f);
        labels.push_back (c);
      }
  g_print ("glyphs: %zu samples from %zu faces\n", feats.size (),
      G_N_ELEMENTS (kFonts));
  if (!o.plates.empty ())
    plate_samples (o.plates, 2, rng, feats, labels);

  /* shuffle, hold out 10% */
  std::vector < size_t > order (feats.size ());
  for (size_t i = 0; i < order.size (); i++)
    order[i] = i;
  std::shuffle (order.begin (), order.end (), rng);
  size_t n_val = order.size () / 10, n_train = order.size () - n_val;
  cv::Mat X ((int) n_train, CharClassifier::n_features (), CV_32F);
  cv::Mat Y ((int) n_train, nc, CV_32F, cv::Scalar (-1));
  for (size_t i = 0; i < n_train; i++) {
    feats[order[i]].copyTo (X.row ((int) i));
    Y.at < float >((int) i, labels[order[i]]) = 1.0f;
  }

  /* inputs standardised here (robustly, see CharClassifier), not by
   * ANN_MLP, whose scaling blows up features that hardly vary */
  cv::Mat mean, scale;
  CharClassifier::standardisation (X, mean, scale);
  for (int i = 0; i < X.rows; i++) {
    cv::Mat r = X.row (i);
    cv::subtract (r, mean, r);
    cv::multiply (r, scale, r);
    cv::min (r, 4.0, r);
    cv::max (r, -4.0, r);
  }

  cv::Ptr < cv::ml::ANN_MLP > mlp = cv::ml::ANN_MLP::create ();
  cv::Mat layers = (cv::Mat_ < int >(1, 3) << CharClassifier::n_features (),
      o.hidden, nc);
  mlp->setLayerSizes (layers);
  mlp->setActivationFunction (cv::ml::ANN_MLP::SIGMOID_SYM, 0, 0);
  /* plain back-propagation: RPROP saturates the outputs on this data */
  mlp->setTrainMethod (cv::ml::ANN_MLP::BACKPROP, 0.001, 0.1);
  mlp->setTermCriteria (cv::TermCriteria (cv::TermCriteria::MAX_ITER +
          cv::TermCriteria::EPS, o.iterations, 1e-5));
  auto t1 = std::chrono::steady_clock::now ();
  mlp->train (cv::ml::TrainData::create (X, cv::ml::ROW_SAMPLE, Y),
      cv::ml::ANN_MLP::NO_INPUT_SCALE);
  auto t2 = std::chrono::steady_clock::now ();

  /* the file plateocr loads (CharClassifier::load) */
  {
    cv::FileStorage fs (o.out, cv::FileStorage::WRITE);
    if (!fs.isOpened ()) {
      g_printerr ("cannot write %s\n", o.out.c_str ());
      return 1;
    }
    fs << "anpr_charclass" << "{";
    fs << "version" << 1;
    fs << "classes" << CharClassifier::classes ();
    fs << "n_features" << CharClassifier::n_features ();
    fs << "seed" << (int) o.seed;
    fs << "mean" << mean;
    fs << "scale" << scale;
    fs << "mlp" << "{";
    mlp->write (fs);
    fs << "}";
    fs << "}";
  }

  std::string error;
  auto cls = CharClassifier::load (o.out, error);
  if (!cls) {
    g_printerr ("reloading %s: %s\n", o.out.c_str (), error.c_str ());
    return 1;
  }
  int right = 0;
  for (size_t i = n_train; i < order.size (); i++) {
    cv::Mat outp;
    cls->predict (feats[order[i]], outp);
    cv::Point mx;
    cv::minMaxLoc (outp, nullptr, nullptr, nullptr, &mx);
    right += mx.x == labels[order[i]];
  }
  g_print ("samples: %zu train, %zu held out; held-out accuracy %.1f%%\n",
      n_train, n_val, n_val ? 100.0 * right / n_val : 0.0);
  g_print ("time: %.1f s data, %.1f s training\n",
      std::chrono::duration < double >(t1 - t0).count (),
      std::chrono::duration < double >(t2 - t1).count ());
  g_print ("wrote %s\n", o.out.c_str ());
  return 0;
}
