/* gst-anpr: whole-plate recogniser of plateocr (platerec.h)
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The ONNX model in data/models loads with OpenCV's dnn module, rejects
 * what is not a model, and reads generated plates it never saw (the
 * sample-plates fixture: anpr-synth plates in their surroundings, a seed
 * the trainer does not use) from their boxes with the margin plateocr
 * gives them. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "platerec.h"
#include "platereader.h"

using anpr::PlateRecogniser;

/* The source tree's model, where the test environment points
 * GST_ANPR_DATA_DIR (tests/meson.build). */
static std::string
model_path ()
{
  const gchar *dir = g_getenv ("GST_ANPR_DATA_DIR");
  if (!dir)
    g_error ("GST_ANPR_DATA_DIR is not set: run through meson test");
  return std::string (dir) + "/models/platerec.onnx";
}

/* The model in data/models, which must load. */
static std::unique_ptr < PlateRecogniser >
load_model ()
{
  std::string err;
  auto rec = PlateRecogniser::load (model_path (), err);
  if (!rec)
    g_error ("%s", err.c_str ());
  return rec;
}

static void
test_load_errors (void)
{
  std::string err;

  g_assert_null (PlateRecogniser::load ("/nonexistent/platerec.onnx",
          err).get ());
  g_assert_true (strstr (err.c_str (), "/nonexistent/platerec.onnx") !=
      nullptr);

  /* a file that is no network */
  gchar *tmp = NULL;
  gint fd = g_file_open_tmp ("platerecXXXXXX.onnx", &tmp, NULL);
  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_file_set_contents (tmp, "not a network\n", -1, NULL));
  close (fd);
  err.clear ();
  g_assert_null (PlateRecogniser::load (tmp, err).get ());
  g_assert_false (err.empty ());
  g_unlink (tmp);
  g_free (tmp);
}

static void
test_odd_input (void)
{
  auto rec = load_model ();

  std::vector < GstAnprCharChoice > chars;
  std::string text;
  /* empty, wrong type, one pixel, flat: no crash, nothing believed */
  g_assert_false (rec->read (cv::Mat (), chars, text));
  g_assert_false (rec->read (cv::Mat::zeros (20, 80, CV_32F), chars, text));
  rec->read (cv::Mat::zeros (1, 1, CV_8U), chars, text);
  g_assert_cmpuint (chars.size (), ==, text.size ());
  rec->read (cv::Mat (40, 160, CV_8U, cv::Scalar (128)), chars, text);
  for (const auto & c:chars)
    g_assert_cmpfloat (c.conf[0], <, 0.9f);
  /* no views, or one unusable view among good ones: nothing read */
  g_assert_false (rec->read (std::vector < cv::Mat > (), chars, text));
  g_assert_true (text.empty ());
  g_assert_false (rec->read (std::vector < cv::Mat > {
          cv::Mat (40, 160, CV_8U, cv::Scalar (128)), cv::Mat ()}, chars,
          text));
}

static void
test_read_generated (void)
{
  const gchar *dir = g_getenv ("ANPR_SAMPLE_PLATES");
  if (!dir) {
    g_test_skip ("ANPR_SAMPLE_PLATES not set (built without anpr-synth)");
    return;
  }
  auto rec = load_model ();
  /* under valgrind (ANPR_TEST_LIGHT, tests/meson.build) every check on a
   * few plates: the accuracy floors below need them all, which valgrind
   * does not read in the test's time */
  const bool light = g_getenv ("ANPR_TEST_LIGHT") != nullptr;
  const int light_plates = 3;

  std::ifstream truth (std::string (dir) + "/truth.tsv");
  g_assert_true (truth.good ());
  std::string line;
  std::getline (truth, line);
  int n = 0, ok = 0, ok_views = 0;
  while (!(light && n >= light_plates) && std::getline (truth, line)) {
    std::istringstream f (line);
    std::string file, plate;
    int x, y, w, h;
    std::getline (f, file, '\t');
    std::getline (f, plate, '\t');
    f >> x >> y >> w >> h;
    cv::Mat img = cv::imread (std::string (dir) + "/images/" + file,
        cv::IMREAD_GRAYSCALE);
    g_assert_false (img.empty ());
    /* plateocr's margin around a box */
    int mx = (int) (w * 0.10), my = (int) (h * 0.15);
    cv::Rect r = cv::Rect (x - mx, y - my, w + 2 * mx, h + 2 * my) &
        cv::Rect (0, 0, img.cols, img.rows);

    std::vector < GstAnprCharChoice > chars;
    std::string text;
    rec->read (img (r), chars, text);

    /* the same view three times is that view: averaging changes nothing */
    std::vector < GstAnprCharChoice > same;
    std::string same_text;
    rec->read (std::vector < cv::Mat > {img (r), img (r), img (r)}, same,
        same_text);
    g_assert_cmpstr (same_text.c_str (), ==, text.c_str ());
    for (size_t i = 0; i < same.size (); i++)
      g_assert_cmpfloat_with_epsilon (same[i].conf[0], chars[i].conf[0],
          1e-4);

    /* plateocr's three heights (kNetViewMargins) read as one */
    std::vector < cv::Mat > views;
    for (double m: {0.15, 0.0, 0.3}) {
      int vm = (int) (h * m);
      views.push_back (img (cv::Rect (x - mx, y - vm, w + 2 * mx,
                  h + 2 * vm) & cv::Rect (0, 0, img.cols, img.rows)));
    }
    std::vector < GstAnprCharChoice > multi;
    std::string multi_text;
    std::vector < float >centres;
    cv::Mat post;
    rec->read (views, multi, multi_text, &centres, &post);
    g_assert_cmpuint (multi.size (), ==, multi_text.size ());
    /* a right reading weighs as itself; one character fewer, less */
    if (multi_text == plate) {
      g_assert_cmpfloat_with_epsilon (PlateRecogniser::relative_likelihood
          (post, multi_text, multi_text), 1.0, 1e-6);
      g_assert_cmpfloat (PlateRecogniser::relative_likelihood (post,
              multi_text.substr (1), multi_text), <, 1.0);
    }
    /* where each character was read: left to right, inside the plate's
     * box (the views' columns are the box's with mx either side) */
    g_assert_cmpuint (centres.size (), ==, multi.size ());
    for (size_t i = 0; i < centres.size (); i++) {
      double col = centres[i] * views[0].cols;
      if (i > 0)
        g_assert_cmpfloat (centres[i], >, centres[i - 1]);
      g_assert_cmpfloat (col, >=, r.x == x - mx ? mx - 0.05 * w : 0.0);
      g_assert_cmpfloat (col, <=, (x - r.x) + 1.05 * w);
    }
    if (multi_text == plate)
      ok_views++;
    g_assert_cmpuint (chars.size (), ==, text.size ());
    for (const auto & c:chars) {
      g_assert_cmpuint (c.n, >=, 1);
      g_assert_cmpuint (c.n, <=, GST_ANPR_MAX_CHAR_CHOICES);
      for (guint k = 1; k < c.n; k++)
        g_assert_cmpfloat (c.conf[k], <=, c.conf[k - 1]);
    }
    n++;
    if (text == plate)
      ok++;
    else
      g_test_message ("%s: %s read as %s", file.c_str (), plate.c_str (),
          text.c_str ());
  }
  g_test_message ("read %d of %d generated plates, %d at three heights",
      ok, n, ok_views);
  if (light) {
    g_assert_cmpint (n, ==, light_plates);
    g_assert_cmpint (ok, >=, 1);
    return;
  }
  g_assert_cmpint (n, >=, 50);
  /* the network alone, no plate formats: a floor well below what the
   * trainer's held-out renders read, so only a broken model fails */
  g_assert_cmpint (ok * 100, >=, 80 * n);
  g_assert_cmpint (ok_views * 100, >=, 80 * n);
}

/* Per-step probabilities (steps x 37, class 0 CTC's blank): @peaks
 * gives each step's likeliest class as a character ('-' for the blank),
 * at 0.9; where @second names a runner-up ('-' for none), the two take
 * 0.55 and 0.4.  The rest is spread evenly over the other classes. */
static cv::Mat
posteriors (const char *peaks, const char *second)
{
  const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  auto cls =[&](char c) {
    return c == '-' ? 0 : (int) (strchr (alphabet, c) - alphabet) + 1;
  };
  int steps = (int) strlen (peaks);
  cv::Mat prob (steps, 37, CV_32F);
  for (int t = 0; t < steps; t++) {
    bool two = second[t] != '-';
    float p = two ? 0.55f : 0.9f, q = two ? 0.4f : 0.0f;
    prob.row (t).setTo ((1.0f - p - q) / (two ? 35 : 36));
    prob.at < float >(t, cls (peaks[t])) = p;
    if (two)
      prob.at < float >(t, cls (second[t])) = q;
  }
  return prob;
}

static void
test_relative_likelihood (void)
{
  /* "AB" on the best path; between them a step where an N lost to the
   * blank by a little (what the network does to a character a graphic
   * touches) */
  cv::Mat prob = posteriors ("-AA--BB-", "---N----");
  double same = PlateRecogniser::relative_likelihood (prob, "AB", "AB");
  double dropped = PlateRecogniser::relative_likelihood (prob, "ANB", "AB");
  double other = PlateRecogniser::relative_likelihood (prob, "AXB", "AB");
  double extra = PlateRecogniser::relative_likelihood (prob, "ABX", "AB");

  g_assert_cmpfloat_with_epsilon (same, 1.0, 1e-9);
  g_assert_cmpfloat (dropped, >, 0.3);
  g_assert_cmpfloat (dropped, <, 1.0);
  /* a character the network saw nowhere is no likelier than one more at
   * the end */
  g_assert_cmpfloat (other, <, 0.05);
  g_assert_cmpfloat (extra, <, 0.05);
  /* characters count as their confusion class: the 0 the plate's format
   * made of an O, or the O of a D */
  prob = posteriors ("-AA--BB-", "---O----");
  g_assert_cmpfloat_with_epsilon (PlateRecogniser::relative_likelihood
      (prob, "A0B", "AB"), PlateRecogniser::relative_likelihood (prob,
          "AOB", "AB"), 1e-9);
  g_assert_cmpfloat (PlateRecogniser::relative_likelihood (prob, "ADB",
          "AB"), >, 0.3);
  /* a doubled character needs the blank between its two */
  prob = posteriors ("-AA-A-BB", "--------");
  g_assert_cmpfloat (PlateRecogniser::relative_likelihood (prob, "AAB",
          "AB"), >, 1.0);
  /* what cannot be weighed is worth nothing */
  g_assert_cmpfloat (PlateRecogniser::relative_likelihood (cv::Mat (), "AB",
          "AB"), ==, 0.0);
  g_assert_cmpfloat (PlateRecogniser::relative_likelihood (prob, "A-B",
          "AB"), ==, 0.0);
  g_assert_cmpfloat (PlateRecogniser::relative_likelihood (prob, "",
          "AB"), ==, 0.0);
  g_assert_cmpfloat (PlateRecogniser::relative_likelihood (prob,
          "ABCDEFGHIJ", "AB"), ==, 0.0);
}

/* One pass over several crops gives each the scores it gets alone, to the
 * bit (plateocr relies on it: a plate's views and its row box share a
 * pass), in any order of batch sizes; read_scores () of part of a pass is
 * read () of those crops. */
static void
test_batch (void)
{
  auto rec = load_model ();

  cv::RNG rng (4242);
  std::vector < cv::Mat > crops;
  const cv::Size sizes[] = { {260, 90}, {120, 40}, {400, 130} };
  for (const cv::Size & sz:sizes) {
    cv::Mat m (sz, CV_8U);
    rng.fill (m, cv::RNG::UNIFORM, 0, 256);
    cv::GaussianBlur (m, m, cv::Size (), 2.0);
    /* dark bars across a light field, as characters are */
    for (int x = sz.width / 8; x < sz.width; x += sz.width / 7)
      cv::rectangle (m, cv::Rect (x, sz.height / 4, sz.width / 30 + 1,
              sz.height / 2), cv::Scalar (20), cv::FILLED);
    crops.push_back (m);
  }

  std::vector < cv::Mat > alone[3], both, all;
  for (int i = 0; i < 3; i++)
    g_assert_true (rec->forward ({crops[i]}, alone[i]));
  g_assert_true (rec->forward ({crops[0], crops[1], crops[2]}, all));
  g_assert_true (rec->forward ({crops[2], crops[0]}, both));
  g_assert_cmpuint (all.size (), ==, 3);
  g_assert_cmpuint (both.size (), ==, 2);
  for (int i = 0; i < 3; i++) {
    g_assert_cmpint (all[i].rows, ==, 37);
    g_assert_cmpfloat (cv::norm (all[i], alone[i][0], cv::NORM_INF), ==,
        0.0);
  }
  g_assert_cmpfloat (cv::norm (both[0], alone[2][0], cv::NORM_INF), ==, 0.0);
  g_assert_cmpfloat (cv::norm (both[1], alone[0][0], cv::NORM_INF), ==, 0.0);
  /* a batch of one again, after the others */
  std::vector < cv::Mat > again;
  g_assert_true (rec->forward ({crops[1]}, again));
  g_assert_cmpfloat (cv::norm (again[0], alone[1][0], cv::NORM_INF), ==,
      0.0);

  /* the first two crops read as views of one plate, from a pass of three */
  std::vector < GstAnprCharChoice > c1, c2;
  std::string t1, t2;
  cv::Mat p1, p2;
  bool r1 = rec->read ({crops[0], crops[1]}, c1, t1, nullptr, &p1);
  bool r2 = rec->read_scores (all, 0, 2, c2, t2, nullptr, &p2);
  g_assert_true (r1 == r2);
  g_assert_cmpstr (t1.c_str (), ==, t2.c_str ());
  g_assert_cmpfloat (cv::norm (p1, p2, cv::NORM_INF), ==, 0.0);
  /* the last one alone */
  rec->read (crops[2], c1, t1);
  rec->read_scores (all, 2, 1, c2, t2);
  g_assert_cmpstr (t1.c_str (), ==, t2.c_str ());
  g_assert_cmpuint (c1.size (), ==, c2.size ());
  for (size_t i = 0; i < c1.size (); i++)
    g_assert_true (memcmp (&c1[i], &c2[i], sizeof (c1[i])) == 0);

  /* out of range, or a bad input in the pass: nothing */
  g_assert_false (rec->read_scores (all, 2, 2, c2, t2));
  g_assert_true (t2.empty ());
  g_assert_false (rec->read_scores (all, 0, 0, c2, t2));
  g_assert_false (rec->forward ({crops[0], cv::Mat ()}, all));
  g_assert_true (all.empty ());
}

/* The default model is the one in $GST_ANPR_DATA_DIR/models. */
static void
test_default_path (void)
{
  gchar *p = plate_reader_default_plate_model (NULL);
  const std::string model = model_path ();
  g_assert_cmpstr (p, ==, model.c_str ());
  g_free (p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/platerec/load-errors", test_load_errors);
  g_test_add_func ("/platerec/odd-input", test_odd_input);
  g_test_add_func ("/platerec/read-generated", test_read_generated);
  g_test_add_func ("/platerec/relative-likelihood",
      test_relative_likelihood);
  g_test_add_func ("/platerec/batch", test_batch);
  g_test_add_func ("/platerec/default-path", test_default_path);
  return g_test_run ();
}
