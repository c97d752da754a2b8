/* gst-anpr: per-character classifier of plateocr (charclassifier.h)
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The model in data/models loads, and classifies characters rendered in
 * faces it was trained on (from fonts-liberation and fonts-dejavu-core,
 * which tools/debian-packages.txt installs), as the reader would hand them over:
 * one binarised connected component, ink white. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <cstring>
#include <string>

#include <unistd.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <opencv2/imgproc.hpp>

#include "charclassifier.h"
#include "platereader.h"

using anpr::CharClassifier;

/* The source tree's model, where the test environment points
 * GST_ANPR_DATA_DIR (tests/meson.build). */
static std::string
model_path ()
{
  const gchar *dir = g_getenv ("GST_ANPR_DATA_DIR");
  if (!dir)
    g_error ("GST_ANPR_DATA_DIR is not set: run through meson test");
  return std::string (dir) + "/models/charclass.yml.gz";
}

/* @c in @family, bold, about @height pixels high, binarised, ink white. */
static cv::Mat
render (char c, const char *family, double height)
{
  const int size = (int) (height * 2);
  cairo_surface_t *surf = cairo_image_surface_create (CAIRO_FORMAT_A8, size,
      size);
  cairo_t *cr = cairo_create (surf);
  cairo_text_extents_t hext, ext;
  char s[2] = { c, 0 };

  cairo_select_font_face (cr, family, CAIRO_FONT_SLANT_NORMAL,
      CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 100);
  cairo_text_extents (cr, "H", &hext);
  cairo_set_font_size (cr, 100.0 * height / -hext.y_bearing);
  cairo_text_extents (cr, s, &ext);
  cairo_move_to (cr, size / 2.0 - ext.x_bearing - ext.width / 2,
      size / 2.0 - ext.y_bearing - ext.height / 2);
  cairo_show_text (cr, s);
  cairo_destroy (cr);
  cairo_surface_flush (surf);
  cv::Mat a (size, size, CV_8U, cairo_image_surface_get_data (surf),
      cairo_image_surface_get_stride (surf));
  cv::Mat ink = a > 127;
  cairo_surface_destroy (surf);
  return ink;
}

static void
test_load_errors (void)
{
  std::string err;

  g_assert_null (CharClassifier::load ("/nonexistent/charclass.yml.gz",
          err).get ());
  g_assert_true (strstr (err.c_str (), "/nonexistent") != nullptr);

  /* a file that is no model */
  gchar *tmp = NULL;
  gint fd = g_file_open_tmp ("charclassXXXXXX.yml", &tmp, NULL);
  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_file_set_contents (tmp, "%YAML:1.0\n---\nfoo: 1\n", -1,
          NULL));
  close (fd);
  err.clear ();
  g_assert_null (CharClassifier::load (tmp, err).get ());
  g_assert_false (err.empty ());
  g_unlink (tmp);
  g_free (tmp);
}

static void
test_features (void)
{
  cv::Mat f;

  g_assert_false (CharClassifier::features (cv::Mat (), f));
  g_assert_false (CharClassifier::features (cv::Mat::zeros (40, 30, CV_8U),
          f));
  g_assert_true (CharClassifier::features (render ('A', "Liberation Sans "
              "Narrow", 60), f));
  g_assert_cmpint (f.cols, ==, CharClassifier::n_features ());
  g_assert_cmpint (f.rows, ==, 1);
  g_assert_cmpint (CharClassifier::n_classes (), ==, 36);
}

static void
test_classify_rendered (void)
{
  std::string err;
  auto cls = CharClassifier::load (model_path (), err);
  if (!cls)
    g_error ("%s", err.c_str ());

  const char *families[] = { "Liberation Sans Narrow",
    "DejaVu Sans", "Liberation Sans"
  };
  for (const char *family:families) {
    for (double h:{ 40.0, 70.0}) {
      int top1 = 0, top3 = 0, n = 0;
      for (const char *p = CharClassifier::classes (); *p; p++) {
        GstAnprCharChoice ch;
        g_assert_true (cls->classify (render (*p, family, h), &ch));
        g_assert_cmpuint (ch.n, >=, 1);
        g_assert_cmpuint (ch.n, <=, GST_ANPR_MAX_CHAR_CHOICES);
        float sum = 0;
        for (guint k = 0; k < ch.n; k++) {
          g_assert_cmpfloat (ch.conf[k], >=, 0.0f);
          if (k > 0)
            g_assert_cmpfloat (ch.conf[k], <=, ch.conf[k - 1]);
          sum += ch.conf[k];
        }
        g_assert_cmpfloat (sum, <=, 1.0001f);
        n++;
        top1 += ch.ch[0] == *p;
        if (ch.ch[0] != *p)
          g_test_message ("%s %.0f px: %c read as %.*s (%.2f)", family, h,
              *p, (int) ch.n, ch.ch, ch.conf[0]);
        for (guint k = 0; k < ch.n && k < 3; k++)
          if (ch.ch[k] == *p) {
            top3++;
            break;
          }
      }
      g_test_message ("%s %.0f px: top-1 %d/%d, top-3 %d/%d", family, h,
          top1, n, top3, n);
      /* 0/O and 1/I share glyphs in plate faces: position decides */
      g_assert_cmpint (top1, >=, n - 4);
      g_assert_cmpint (top3, >=, n - 1);
    }
  }

  GstAnprCharChoice ch;
  g_assert_false (cls->classify (cv::Mat::zeros (40, 30, CV_8U), &ch));
  g_assert_cmpuint (ch.n, ==, 0);
}

/* The default model is the one in $GST_ANPR_DATA_DIR/models; with the
 * variable set, nothing else is looked at, and without it the configured
 * install is. */
static void
test_default_path (void)
{
  gchar *searched = NULL;
  gchar *p = plate_reader_default_char_model (&searched);
  const std::string dir = g_getenv ("GST_ANPR_DATA_DIR");
  const std::string model = model_path (), models = dir + "/models";

  g_assert_cmpstr (p, ==, model.c_str ());
  g_assert_cmpstr (searched, ==, models.c_str ());
  g_free (p);
  g_free (searched);

  gchar *empty = g_dir_make_tmp ("anpr-models-XXXXXX", NULL);
  g_assert_nonnull (empty);
  const std::string empty_models = std::string (empty) + "/models";
  g_setenv ("GST_ANPR_DATA_DIR", empty, TRUE);
  p = plate_reader_default_char_model (&searched);
  g_assert_null (p);
  g_assert_cmpstr (searched, ==, empty_models.c_str ());
  g_free (searched);

  g_unsetenv ("GST_ANPR_DATA_DIR");
  p = plate_reader_default_char_model (&searched);
  g_assert_nonnull (strstr (searched, ANPR_DATADIR "/models"));
  g_free (p);
  g_free (searched);

  g_setenv ("GST_ANPR_DATA_DIR", dir.c_str (), TRUE);
  g_rmdir (empty);
  g_free (empty);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charclassifier/load-errors", test_load_errors);
  g_test_add_func ("/charclassifier/features", test_features);
  g_test_add_func ("/charclassifier/classify-rendered",
      test_classify_rendered);
  g_test_add_func ("/charclassifier/default-path", test_default_path);
  int ret = g_test_run ();
  /* what render () leaves for the process's life, cairo's font cache and
   * fontconfig's configuration: the leak check at exit (meson test
   * --setup asan) is for the classifier */
  cairo_debug_reset_static_data ();
  FcFini ();
  return ret;
}
