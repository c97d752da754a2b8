/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The plate reader: OpenCV preprocessing, Tesseract and the two
 * networks behind the C interface of platereader.h.
 *
 * For one plate box:
 *  - crop: the box with a margin, to grey, scaled so that the box is
 *    kBoxHeight pixels high;
 *  - character row (platerow.cpp): binarise (Otsu and adaptive, both
 *    polarities, dark-on-light preferred), take connected components of
 *    character-like size and shape centred inside the box, keep the
 *    largest group of similar height on one line and drop what sticks
 *    out of the lines through its tops and bottoms; this throws away the
 *    plate border, the EU/GB country strip, badges, screws and US
 *    slogans.  When no row shows, retry with long straight runs (the
 *    border characters touch) removed;
 *  - deskew by the line through the character centres, and find the row
 *    again on the turned image;
 *  - the views, each a reading with per-character alternatives:
 *    . the whole-plate network (platerec.h) on the deskewed box, which
 *      needs no row and so also reads when none was found (a US box it
 *      reads cut at three heights, kNetViewMargins, as one reading).
 *      What it cannot read as text is taken for no plate: its reading
 *      then stands alone;
 *    . the network again on a box drawn round the character row;
 *    . Tesseract (LSTM, single line, A-Z0-9) on the grey character row,
 *      text dark, the characters kCharHeight pixels high;
 *    . the character classifier (charclassifier.h) on each of the row's
 *      characters;
 *    without a row, Tesseract on the plain grey box, little believed;
 *  - vote (platevote.cpp): decode each reading's per-character
 *    alternatives under the region's plate formats; let each network
 *    reading weigh, by its own CTC likelihood, another view's reading
 *    that has one character more or fewer than its own (offer_indels ());
 *    pool the candidates of all readings, rank each text by the sum of its
 *    rank scores (evidence x format prior) over them (agreement wins),
 *    keep the top N, and give each the confidence of plate_confidence ()
 *    (agreement, weakest character, margin, format).
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
#include "platerow.h"
#include "platevote.h"

using namespace anpr;

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
/* Margins above and below the box, in box heights, of the crop
 * (kCropMarginY) and of the views the plate network reads as one on a US
 * box (its per-column scores averaged).  A US plate has a state name
 * above its characters and a slogan below, which a box takes in more or
 * less of: the network reads US boxes better from the three heights
 * together than from any one of them.  GB and EU plates carry no such
 * text: there the three read what the one does, and each view costs as
 * much as Tesseract's read of a line, so they read the one. */
const double kCropMarginY = 0.15;
const double kNetViewMargins[] = { kCropMarginY, 0.0, 0.3 };
/* The whole-plate network, by far the strongest reader: its two
 * readings outweigh the other views together, which decide between its
 * close readings and lend their agreement to the confidence.  Heavier
 * weights than these change next to nothing; lighter ones let the weaker
 * views outvote it. */
const double kPlateRecWeight = 4.0;
const double kRowNetWeight = 2.0;       /* ... on the box round the row */
const double kTesseractWeight = 0.95;
const double kBoxTesseractWeight = 0.5; /* on the box, without a row */

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
  GstDebugCategory *category;   /* the element's (plate_reader_new ()) */
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


/* @rect of the frame in grey: the luma plane as it is, or the bytes of
 * each pixel weighted into its luma (the colour components, or the luma
 * sample of packed YUV). */
static cv::Mat
frame_gray (const cv::Mat & plane, const PlateFrame * img,
    const cv::Rect & rect)
{
  if (img->pixel_stride == 1)
    return plane (rect);
  float w[4];
  plate_frame_luma_weights (img, w);
  cv::Mat gray;
  cv::Mat weights (1, img->pixel_stride, CV_32F, w);
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
network_views (const cv::Mat & plane, const PlateFrame * img,
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
    "load_unambig_dawg", "load_bigram_dawg",
    /* nor does the LSTM's own word list, which is loaded with it */
    "lstm_use_matrix"
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
plate_reader_new (const gchar * tessdata, const gchar * lang,
    GstDebugCategory * category, gchar ** error)
{
  PlateReader *reader = nullptr;

  try {
    reader = new PlateReader ();
    reader->category = category ? category : GST_CAT_DEFAULT;
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

/* The crop round @box (with a margin, clamped to the frame) scaled to
 * kBoxHeight for the box and stretched to the full grey range, as every
 * reading starts; @plane, @crop and @scale as it was made. */
static cv::Mat
box_grey (const PlateFrame * img, const cv::Rect & box, cv::Mat & plane,
    cv::Rect & crop, double &scale)
{
  cv::Rect frame_rect (0, 0, img->width, img->height);
  int mx = (int) std::lround (box.width * 0.10);
  int my = (int) std::lround (box.height * kCropMarginY);
  crop = cv::Rect (box.x - mx, box.y - my, box.width + 2 * mx,
      box.height + 2 * my) & frame_rect;

  plane = cv::Mat (img->height, img->width, CV_MAKETYPE (CV_8U,
          img->pixel_stride), (void *) img->data, (size_t) img->stride);
  scale = (double) kBoxHeight / box.height;
  cv::Mat g;
  cv::resize (frame_gray (plane, img, crop), g, cv::Size (), scale, scale,
      scale < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC);
  cv::normalize (g, g, 0, 255, cv::NORM_MINMAX);
  return g;
}

/* A box touching an edge of the frame (within kEdge pixels) may cut the
 * plate, or be text the camera burns into the frame's margin: its
 * readings are believed kClipped as much, below 0.9 whatever the views say
 * (every view can agree on a plate entering the frame read without its
 * first character). */
const double kClipped = 0.7;
const int kEdge = 2;

extern "C" gboolean
plate_reader_read (PlateReader * reader, const PlateFrame * img, gint x,
    gint y, gint w, gint h, GstAnprRegion region, guint max_candidates,
    PlateReading * out)
{
  plate_reading_init (out);
  if (!reader || !img || !img->data || !plate_frame_valid (img))
    return FALSE;

  try {
    /* the crop: the box with a margin, clamped to the frame */
    cv::Rect frame_rect (0, 0, img->width, img->height);
    cv::Rect box (x, y, w, h);
    box &= frame_rect;
    if (box.width < 8 || box.height < 4)
      return FALSE;
    /* a box at an edge of the frame may hold part of a plate: a reading
     * of what shows can be consistent and still miss characters */
    bool clipped = box.x <= kEdge || box.x + box.width >= img->width - kEdge
        || box.y <= kEdge || box.y + box.height >= img->height - kEdge;
    cv::Mat plane;
    cv::Rect crop;
    double scale;
    cv::Mat g = box_grey (img, box, plane, crop, scale);

    /* the character row, and the box turned level by its slope */
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

    /* the whole-plate network on the deskewed box as it is: it needs no
     * character row, so it also votes when none was found */
    /* where the row's characters are, for the views below */
    const cv::Rect ext = row_extent (row);
    bool plausible = true;
    /* the columns of @g where the network read characters it was sure of */
    int net_left = INT_MAX, net_right = INT_MIN;
    if (reader->rec) {
      LineRead lr;
      std::vector < float >centres;
      cv::Mat post;
      std::vector < cv::Mat > views = region == GST_ANPR_REGION_US ?
          network_views (plane, img, box, crop, scale, deskew, g) :
          std::vector < cv::Mat > {g};
      reader->rec->read (views, lr.chars, lr.text, &centres, &post);
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

    /* the line image Tesseract reads: the grey character row, text dark,
     * out to the network's characters too, as the row box below.  One
     * image: another, of the row's characters re-laid in black on white,
     * cost a third of a plate's time and changed no best reading. */
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

    /* the network again on a plate box drawn round the character row
     * (half a character height of border): independent of how well the
     * detector's box fits the plate.  It reaches out to the characters
     * the network read on the whole box: the row finder can miss an end
     * character (touching the frame, or next to a graphic), and the
     * row's views would then all agree on a reading without it.  A pass
     * of its own, after the plausibility gate: a batch costs what its
     * inputs cost one by one, so one with the whole box's views would
     * spend an input on every box the gate turns away. */
    if (reader->rec && plausible && row.blobs.size () >= 3) {
      int ch = ext.height;
      int left = ext.x - ch / 2, right = left + ext.width + ch;
      reach (left, right, net_left, net_right, ch / 2);
      cv::Rect pr = cv::Rect (left, ext.y - ch / 2, right - left, 2 * ch)
          & cv::Rect (0, 0, g.cols, g.rows);
      cv::Mat post;
      LineRead lr = network_read (*reader->rec, g (pr), &post);
      add_line_read (lr, region, kRowNetWeight, pool, raw);
      posteriors[pool.back ().variant] = post;
    }

    if (!plausible) {
      /* the network's reading alone, believed as a single view */
    } else if (rows) {
      /* the per-character classifier, one more voter */
      LineRead classified;
      if (reader->chars)
        classified = classify_row (*reader->chars, row.labels, row.blobs);
      LineRead read_grey = read_line (reader->api, line_grey);

      if (reader->chars)
        add_line_read (classified, region, kCharClassWeight, pool, raw);
      add_line_read (read_grey, region, kTesseractWeight, pool, raw);
    } else {
      /* no character row found: read the plain grey box as a last resort,
       * with low confidence */
      cv::Mat line;
      pad_and_scale (g, (double) kCharHeight / (kBoxHeight * 0.6), line,
          255);
      add_line_read (read_line (reader->api, line), region,
          kBoxTesseractWeight, pool, raw);
    }

    g_strlcpy (out->raw, raw.c_str (), sizeof (out->raw));
    /* a character the network dropped, or read in a border */
    offer_indels (pool, posteriors);

    /* the vote: the top texts of the pool, with their confidences */
    return rank_pool (pool, max_candidates, clipped ? kClipped : 1.0,
        out) > 0;
  }
  catch (const std::exception & e) {
    GST_CAT_DEBUG (reader->category, "plate crop %d,%d %dx%d skipped: %s", x,
        y, w, h, e.what ());
  }
  catch ( ...) {
    GST_CAT_DEBUG (reader->category, "plate crop %d,%d %dx%d skipped", x, y,
        w, h);
  }
  plate_reading_init (out);
  return FALSE;
}

extern "C" gboolean
plate_reader_confirms (PlateReader * reader, const PlateFrame * img, gint x,
    gint y, gint w, gint h, const gchar * text)
{
  if (!reader || !reader->rec || !text || !text[0] || !img || !img->data
      || !plate_frame_valid (img))
    return FALSE;

  try {
    cv::Rect box = cv::Rect (x, y, w, h) & cv::Rect (0, 0, img->width,
        img->height);
    if (box.width < 8 || box.height < 4)
      return FALSE;
    cv::Mat plane;
    cv::Rect crop;
    double scale;
    LineRead lr = network_read (*reader->rec,
        box_grey (img, box, plane, crop, scale), nullptr);
    if (lr.text != text)
      return FALSE;
    for (const GstAnprCharChoice & c:lr.chars)
      if (c.conf[0] < kNetSure)
        return FALSE;
    return TRUE;
  }
  catch ( ...) {
    GST_CAT_DEBUG (reader->category, "plate crop %d,%d %dx%d not checked", x,
        y, w, h);
  }
  return FALSE;
}
