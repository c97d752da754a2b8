/* gst-anpr: anpr-eval
 * Copyright (C) 2026 gst-anpr developers
 *
 * Accuracy and speed of the real elements on a folder of labelled images.
 *
 *   anpr-eval [--region gb|eu|us|auto] [--json FILE] [--verbose]
 *             [--truth-boxes] DIR
 *
 * DIR holds images/ and truth.tsv (file, plate, x, y, w, h: one row a
 * labelled plate, plate empty where only the box is known, x y w h all
 * empty where only the text is; a row with some of them empty, or one
 * that is not a number, is reported with its line and skipped).  Scoring
 * follows ../shared/data/README.md:
 *   detected  some reported box overlaps the truth box with IoU >= 0.3;
 *             over the plates with a box only (n/a when none has one)
 *   read      the image's best reading (highest read x detection
 *             confidence) equals the
 *             plate exactly (A-Z0-9, no O/0 or I/1 folding); with k
 *             labelled plates, the k best readings are taken (boxes play
 *             no part, so a plate with no box counts the same)
 *   topN      the plate is among the N candidates of the box detected
 *             over it; for a plate with no box, of any reported box
 *   ms        per image, from pushing the decoded frame into platedetect
 *             to taking it out of plateocr, on one CPU
 * It also reports unlabelled boxes per image (over the images whose
 * plates all have a box), the precision of reads with confidence >= 0.9
 * (hotlist alerts rely on it) and a reliability table: the same reads
 * binned by confidence, each bin with how many were right.  Under the
 * summary, reading (and detection) by the truth plate's format under
 * --region ("other" for none, and for all under auto) and by the height
 * of its box in pixels.  --json has all of it.
 *
 * --truth-boxes measures the reader alone: platedetect is left out and
 * plateocr gets the labelled boxes; plates with no box are skipped (and
 * images left with none), and it says how many.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* sched_setaffinity () */
#endif

#ifdef HAVE_CONFIG_H
#include "config.h"
#include "toolcommon.h"
#endif

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gst/gst.h>
#include <gst/app/app.h>
#include <gst/video/video.h>
#include <gst/anpr/anpr.h>

#include "evalreport.h"
#include "evalscore.h"

/* Decodes one image file to a raw I420 sample, as a camera decoder would
 * hand it over. */
static GstSample *
decode_image (const gchar * path, GError ** error)
{
  gchar *esc = g_strescape (path, NULL);
  gchar *desc = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! "
      "videoconvert ! video/x-raw,format=I420 ! appsink name=sink", esc);
  GstElement *pipe = gst_parse_launch (desc, error);
  GstSample *sample = NULL;

  g_free (esc);
  g_free (desc);
  if (!pipe)
    return NULL;
  if (gst_element_set_state (pipe, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE) {
    GstElement *sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
    sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
        10 * GST_SECOND);
    gst_object_unref (sink);
  }
  if (!sample)
    g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_DECODE,
        "could not decode %s", path);
  gst_element_set_state (pipe, GST_STATE_NULL);
  gst_object_unref (pipe);
  return sample;
}

/* FALSE with @error set on an error message; warnings (a model that did
 * not load, frames passed on unanalysed) are printed, as they change what
 * is measured. */
static gboolean
check_bus (GstElement * pipe, GError ** error)
{
  GstBus *bus = gst_element_get_bus (pipe);
  GstMessage *msg;
  gboolean ok = TRUE;

  while ((msg = gst_bus_pop_filtered (bus,
              GST_MESSAGE_ERROR | GST_MESSAGE_WARNING))) {
    GError *err = NULL;
    gchar *dbg = NULL;

    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_WARNING) {
      gst_message_parse_warning (msg, &err, &dbg);
      g_printerr ("anpr-eval: warning from %s: %s (%s)\n",
          GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), err->message,
          dbg ? dbg : "");
    } else {
      gst_message_parse_error (msg, &err, &dbg);
      if (ok)
        g_set_error (error, err->domain, err->code, "%s (%s)", err->message,
            dbg ? dbg : "");
      ok = FALSE;
    }
    g_error_free (err);
    g_free (dbg);
    gst_message_unref (msg);
  }
  gst_object_unref (bus);
  return ok;
}

static GArray *
collect_plates (GstBuffer * buf)
{
  GArray *found = g_array_new (FALSE, TRUE, sizeof (Found));
  GstAnprPlateMeta *m;
  gpointer state = NULL;

  while ((m = gst_buffer_iterate_anpr_plate_meta (buf, &state))) {
    Found f = { 0 };
    f.x = m->x;
    f.y = m->y;
    f.w = m->width;
    f.h = m->height;
    g_strlcpy (f.text, m->text, sizeof (f.text));
    f.conf = m->confidence;
    f.det_conf = m->detect_confidence;
    f.n_cand = m->n_candidates;
    memcpy (f.cand, m->candidates, sizeof (f.cand));
    g_array_append_val (found, f);
  }
  return found;
}

static gint
cmp_double (gconstpointer a, gconstpointer b)
{
  gdouble da = *(const gdouble *) a, db = *(const gdouble *) b;
  return da < db ? -1 : (da > db ? 1 : 0);
}

/* Keeps this process, and every thread it starts from now on, to the one
 * CPU it runs on. */
static gboolean
one_cpu (GError ** error)
{
  cpu_set_t set;
  int cpu = sched_getcpu ();

  CPU_ZERO (&set);
  CPU_SET (cpu >= 0 ? cpu : 0, &set);
  if (sched_setaffinity (0, sizeof (set), &set) != 0) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
        "sched_setaffinity: %s", g_strerror (errno));
    return FALSE;
  }
  return TRUE;
}

int
main (int argc, char **argv)
{
  gchar *region = NULL, *json_path = NULL;
  gboolean verbose = FALSE, truth_boxes = FALSE;
  GOptionEntry entries[] = {
    {"region", 'r', 0, G_OPTION_ARG_STRING, &region,
        "Plate region: gb (default), eu, us, auto", "REGION"},
    {"json", 'j', 0, G_OPTION_ARG_FILENAME, &json_path,
        "Also write the results as JSON to FILE", "FILE"},
    {"verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
        "One line per labelled plate", NULL},
    {"truth-boxes", 't', 0, G_OPTION_ARG_NONE, &truth_boxes,
        "Read the labelled boxes (no detector): the reader alone", NULL},
    {NULL}
  };
  GOptionContext *ctx;
  GError *error = NULL;
  GPtrArray *images;
  GstElement *pipe, *src, *sink, *ocr;
  GstAnprRegion reg = GST_ANPR_REGION_GB;
  static const gchar *const elements[] = { "platedetect", "plateocr", NULL };
  gchar *dir, *truth_path;
  GArray *times;
  guint i, n_fail = 0, n_skipped = 0, n_skipped_images = 0;
  EvalReport report = { 0 };

  ctx = g_option_context_new ("DIR - accuracy and speed on labelled images");
  g_option_context_set_description (ctx,
      "DIR must hold images/ and truth.tsv (file plate x y w h; x y w h all\n"
      "empty for a plate known by its text only).\n"
      "The last line printed is:\n"
      "  images=N plates=P detected=D% read=R% top5=T% ms_per_image=M\n"
      "(detected=n/a when no plate has a box, read and top5 when none has "
      "text).\n");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, gst_init_get_option_group ());

  /* One thread, as the scoring rules ask.  OpenCV's parallel loops run on
   * TBB, which sizes its pool by the CPUs the process may use and ignores
   * OPENCV_FOR_THREADS_NUM unless someone calls cv::setNumThreads (): a
   * second core then did a third of the work.  So the whole process gets
   * one CPU, before any thread starts (plateocr keeps Tesseract's OpenMP
   * to one thread itself). */
  if (!one_cpu (&error)) {
    g_printerr ("cannot keep to one CPU: %s\n", error->message);
    return 1;
  }
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2) {
    g_printerr ("%s\n", error ? error->message :
        "usage: anpr-eval [--region gb|eu|us|auto] [--json FILE] DIR");
    return 2;
  }
  if (region && !gst_anpr_region_from_string (region, &reg)) {
    g_printerr ("unknown region '%s' (gb, eu, us, auto)\n", region);
    return 2;
  }
  if (!tool_require_elements ("anpr-eval", elements))
    return 1;
  dir = argv[1];
  truth_path = g_build_filename (dir, "truth.tsv", NULL);
  images = eval_load_truth (truth_path, &error);
  if (!images) {
    g_printerr ("%s\n", error->message);
    return 1;
  }
  /* The reader alone reads the labelled boxes: a plate with none cannot
   * be measured, nor an image left without plates. */
  if (truth_boxes) {
    eval_drop_unboxed (images, &n_skipped, &n_skipped_images);
    if (n_skipped)
      g_printerr ("anpr-eval: --truth-boxes: skipped %u plates with no box "
          "(%u images left with none)\n", n_skipped, n_skipped_images);
  }

  pipe = gst_parse_launch (truth_boxes ?
      "appsrc name=src format=time ! plateocr name=ocr ! "
      "appsink name=sink sync=false" :
      /* stills, each on its own: nothing to follow from one to the next */
      "appsrc name=src format=time ! platedetect name=detect tracking=false "
      "! plateocr name=ocr ! appsink name=sink sync=false", &error);
  if (!pipe) {
    g_printerr ("cannot build the pipeline: %s\n", error->message);
    return 1;
  }
  src = gst_bin_get_by_name (GST_BIN (pipe), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
  ocr = gst_bin_get_by_name (GST_BIN (pipe), "ocr");
  g_object_set (ocr, "region", reg, NULL);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (ocr),
          "max-candidates"))
    g_object_set (ocr, "max-candidates", GST_ANPR_MAX_CANDIDATES, NULL);
  if (gst_element_set_state (pipe, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE || !check_bus (pipe, &error)) {
    g_printerr ("cannot start the pipeline: %s\n",
        error ? error->message : "state change failed");
    return 1;
  }

  times = g_array_new (FALSE, FALSE, sizeof (gdouble));
  for (i = 0; i < images->len; i++) {
    ImageResult *img = g_ptr_array_index (images, i);
    gchar *path = g_build_filename (dir, "images", img->file, NULL);
    GstSample *in = decode_image (path, &error), *out = NULL;
    GArray *found;
    gint64 t0;

    g_free (path);
    if (!in) {
      g_printerr ("%s: %s\n", img->file, error->message);
      g_clear_error (&error);
      img->failed = TRUE;
      n_fail++;
      found = g_array_new (FALSE, TRUE, sizeof (Found));
      eval_score_image (img, found);
      g_array_unref (found);
      continue;
    }
    {
      /* Frames carry consecutive timestamps, as from a camera. */
      GstBuffer *b = gst_buffer_copy (gst_sample_get_buffer (in));
      GstSample *s;
      GST_BUFFER_PTS (b) = i * GST_SECOND;
      GST_BUFFER_DURATION (b) = GST_SECOND;
      if (truth_boxes) {
        guint k;
        for (k = 0; k < img->plates->len; k++) {
          TruthPlate *t = g_ptr_array_index (img->plates, k);
          gst_buffer_add_anpr_plate_meta (b, t->x, t->y, t->w, t->h, 1.0f);
        }
      }
      s = gst_sample_new (b, gst_sample_get_caps (in), NULL, NULL);
      gst_buffer_unref (b);
      t0 = g_get_monotonic_time ();
      gst_app_src_push_sample (GST_APP_SRC (src), s);
      out = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
          60 * GST_SECOND);
      img->ms = (g_get_monotonic_time () - t0) / 1000.0;
      gst_sample_unref (s);
    }
    gst_sample_unref (in);
    if (!out || !check_bus (pipe, &error)) {
      g_printerr ("%s: the pipeline failed: %s\n", img->file,
          error ? error->message : "no output");
      return 1;
    }
    g_array_append_val (times, img->ms);
    found = collect_plates (gst_sample_get_buffer (out));
    eval_score_image (img, found);
    g_array_unref (found);
    gst_sample_unref (out);
  }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  gst_element_set_state (pipe, GST_STATE_NULL);

  if (verbose)
    eval_report_print_plates (images);
  report.dir = dir;
  report.region = reg;
  report.truth_boxes = truth_boxes;
  report.n_skipped = n_skipped;
  report.n_skipped_images = n_skipped_images;
  report.n_fail = n_fail;
  eval_report_tally (&report, images);
  if (times->len) {
    g_array_sort (times, cmp_double);
    report.median_ms = times->len % 2 ?
        g_array_index (times, gdouble, times->len / 2) :
        (g_array_index (times, gdouble, times->len / 2 - 1) +
        g_array_index (times, gdouble, times->len / 2)) / 2.0;
  }

  eval_report_print (&report, elements);
  if (json_path
      && !eval_report_write_json (&report, images, json_path, &error)) {
    g_printerr ("%s: %s\n", json_path, error->message);
    return 1;
  }
  eval_report_print_last_line (&report);

  eval_report_clear (&report);
  g_array_unref (times);
  g_ptr_array_unref (images);
  gst_object_unref (src);
  gst_object_unref (sink);
  gst_object_unref (ocr);
  gst_object_unref (pipe);
  g_free (truth_path);
  g_free (region);
  g_free (json_path);
  g_option_context_free (ctx);
  return n_fail ? 1 : 0;
}
