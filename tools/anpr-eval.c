/* gst-anpr: anpr-eval
 * Copyright (C) 2026 gst-anpr developers
 *
 * Accuracy and speed of the real elements on a folder of labelled images.
 *
 *   anpr-eval [--region gb|eu|us|auto] [--json FILE] [--verbose]
 *             [--truth-boxes] DIR
 *
 * DIR holds images/ and truth.tsv (file, plate, x, y, w, h: one row a
 * labelled plate, plate empty where only the box is known).  Scoring
 * follows ../shared/data/README.md:
 *   detected  some reported box overlaps the truth box with IoU >= 0.3
 *   read      the image's best reading (highest read x detection
 *             confidence) equals the
 *             plate exactly (A-Z0-9, no O/0 or I/1 folding); with k
 *             labelled plates, the k best readings are taken
 *   topN      the plate is among the N candidates of the box detected
 *             over it
 *   ms        per image, from pushing the decoded frame into platedetect
 *             to taking it out of plateocr, on one CPU
 * It also reports unlabelled boxes per image, and the precision of reads
 * with confidence >= 0.9 (hotlist alerts rely on it).
 *
 * --truth-boxes measures the reader alone: platedetect is left out and
 * plateocr gets the labelled boxes.
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
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gst/gst.h>
#include <gst/app/app.h>
#include <gst/video/video.h>
#include <json-glib/json-glib.h>
#include <gst/anpr/anpr.h>

#define IOU_DETECTED 0.3
#define HIGH_CONFIDENCE 0.9

typedef struct
{
  gchar *plate;                 /* normalised, may be empty */
  gint x, y, w, h;
  gboolean detected;
  gboolean read;
  gint top_rank;                /* 1-based rank among candidates, 0 none */
  gchar *read_text;             /* what the detected box was read as */
} TruthPlate;

typedef struct
{
  gchar *file;
  GPtrArray *plates;            /* TruthPlate */
  guint n_boxes;                /* reported */
  guint n_unlabelled;           /* reported boxes matching no truth box */
  gdouble ms;
  gchar *best_text;
  gdouble best_conf;
  gboolean best_correct;
  gboolean failed;
} ImageResult;

typedef struct
{
  gint x, y, w, h;
  gchar text[GST_ANPR_MAX_TEXT + 1];
  gfloat conf;
  gfloat det_conf;
  guint n_cand;
  GstAnprCandidate cand[GST_ANPR_MAX_CANDIDATES];
} Found;

static void
truth_plate_free (gpointer p)
{
  TruthPlate *t = p;
  g_free (t->plate);
  g_free (t->read_text);
  g_free (t);
}

static void
image_result_free (gpointer p)
{
  ImageResult *r = p;
  g_free (r->file);
  g_free (r->best_text);
  g_ptr_array_unref (r->plates);
  g_free (r);
}

/* truth.tsv -> ImageResult per file, in file order. */
static GPtrArray *
load_truth (const gchar * path, GError ** error)
{
  gchar *contents;
  gchar **lines;
  GPtrArray *images;
  GHashTable *by_file;
  guint i;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  images = g_ptr_array_new_with_free_func (image_result_free);
  by_file = g_hash_table_new (g_str_hash, g_str_equal);
  lines = g_strsplit (contents, "\n", -1);
  for (i = 1; lines[i]; i++) {  /* line 0 is the header */
    gchar **f;
    ImageResult *img;
    TruthPlate *t;

    g_strchomp (lines[i]);
    if (lines[i][0] == '\0')
      continue;
    f = g_strsplit (lines[i], "\t", -1);
    if (g_strv_length (f) < 6) {
      g_printerr ("%s:%u: expected 6 tab-separated fields, skipped\n", path,
          i + 1);
      g_strfreev (f);
      continue;
    }
    img = g_hash_table_lookup (by_file, f[0]);
    if (!img) {
      img = g_new0 (ImageResult, 1);
      img->file = g_strdup (f[0]);
      img->plates = g_ptr_array_new_with_free_func (truth_plate_free);
      g_ptr_array_add (images, img);
      g_hash_table_insert (by_file, img->file, img);
    }
    t = g_new0 (TruthPlate, 1);
    t->plate = g_malloc0 (GST_ANPR_MAX_TEXT + 1);
    gst_anpr_plate_normalise (f[1], t->plate, GST_ANPR_MAX_TEXT + 1);
    t->x = atoi (f[2]);
    t->y = atoi (f[3]);
    t->w = atoi (f[4]);
    t->h = atoi (f[5]);
    g_ptr_array_add (img->plates, t);
    g_strfreev (f);
  }
  g_strfreev (lines);
  g_hash_table_unref (by_file);
  g_free (contents);
  return images;
}

static gdouble
iou (gint ax, gint ay, gint aw, gint ah, gint bx, gint by, gint bw, gint bh)
{
  gdouble ix = MAX (0, MIN (ax + aw, bx + bw) - MAX (ax, bx));
  gdouble iy = MAX (0, MIN (ay + ah, by + bh) - MAX (ay, by));
  gdouble inter = ix * iy;
  gdouble uni = (gdouble) aw * ah + (gdouble) bw * bh - inter;
  return uni > 0 ? inter / uni : 0.0;
}

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

/* The image's best reading: the most believed plate, where belief is that
 * the box is a plate at all times that its text is right. */
static gint
found_by_conf (gconstpointer a, gconstpointer b)
{
  const Found *fa = a, *fb = b;
  gfloat sa = fa->conf * fa->det_conf, sb = fb->conf * fb->det_conf;
  if (fa->text[0] == '\0' || fb->text[0] == '\0')
    return (fa->text[0] == '\0') - (fb->text[0] == '\0');
  return sa < sb ? 1 : (sa > sb ? -1 : 0);
}

static void
score_image (ImageResult * img, GArray * found)
{
  guint i, j, k = 0, n_text = 0;

  img->n_boxes = found->len;
  for (j = 0; j < found->len; j++) {
    Found *f = &g_array_index (found, Found, j);
    gboolean labelled = FALSE;
    for (i = 0; i < img->plates->len && !labelled; i++) {
      TruthPlate *t = g_ptr_array_index (img->plates, i);
      labelled = iou (f->x, f->y, f->w, f->h, t->x, t->y, t->w, t->h)
          >= IOU_DETECTED;
    }
    if (!labelled)
      img->n_unlabelled++;
  }

  for (i = 0; i < img->plates->len; i++) {
    TruthPlate *t = g_ptr_array_index (img->plates, i);
    gdouble best_iou = 0.0;
    Found *over = NULL;

    if (t->plate[0])
      n_text++;
    for (j = 0; j < found->len; j++) {
      Found *f = &g_array_index (found, Found, j);
      gdouble o = iou (f->x, f->y, f->w, f->h, t->x, t->y, t->w, t->h);
      if (o >= IOU_DETECTED && o > best_iou) {
        best_iou = o;
        over = f;
      }
    }
    t->detected = over != NULL;
    if (over && t->plate[0]) {
      t->read_text = g_strdup (over->text);
      for (k = 0; k < over->n_cand && !t->top_rank; k++)
        if (strcmp (over->cand[k].text, t->plate) == 0)
          t->top_rank = k + 1;
    }
  }

  /* The image's best readings: as many as it has labelled texts. */
  g_array_sort (found, found_by_conf);
  if (found->len > 0 && g_array_index (found, Found, 0).text[0]) {
    img->best_text = g_strdup (g_array_index (found, Found, 0).text);
    img->best_conf = g_array_index (found, Found, 0).conf;
  }
  for (i = 0; i < img->plates->len; i++) {
    TruthPlate *t = g_ptr_array_index (img->plates, i);
    if (!t->plate[0])
      continue;
    for (j = 0; j < MIN (n_text, found->len); j++)
      if (strcmp (g_array_index (found, Found, j).text, t->plate) == 0)
        t->read = TRUE;
  }
  if (img->best_text)
    for (i = 0; i < img->plates->len; i++) {
      TruthPlate *t = g_ptr_array_index (img->plates, i);
      if (t->plate[0] && strcmp (t->plate, img->best_text) == 0)
        img->best_correct = TRUE;
    }
}

static gint
cmp_double (gconstpointer a, gconstpointer b)
{
  gdouble da = *(const gdouble *) a, db = *(const gdouble *) b;
  return da < db ? -1 : (da > db ? 1 : 0);
}

static gdouble
pct (guint a, guint b)
{
  return b ? 100.0 * a / b : 0.0;
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
  guint i, j, n_plates = 0, n_text = 0, n_det = 0, n_read = 0, n_top5 = 0,
      n_top10 = 0, n_unlab = 0, n_hi = 0, n_hi_ok = 0, n_fail = 0;
  gdouble median = 0.0;

  ctx = g_option_context_new ("DIR - accuracy and speed on labelled images");
  g_option_context_set_description (ctx,
      "DIR must hold images/ and truth.tsv (file plate x y w h).\n"
      "The last line printed is:\n"
      "  images=N plates=P detected=D% read=R% top5=T% ms_per_image=M\n");
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
  images = load_truth (truth_path, &error);
  if (!images) {
    g_printerr ("%s\n", error->message);
    return 1;
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
      score_image (img, found);
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
    score_image (img, found);
    g_array_unref (found);
    gst_sample_unref (out);
  }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  gst_element_set_state (pipe, GST_STATE_NULL);

  /* Totals */
  for (i = 0; i < images->len; i++) {
    ImageResult *img = g_ptr_array_index (images, i);
    n_unlab += img->n_unlabelled;
    if (img->best_text && img->best_conf >= HIGH_CONFIDENCE) {
      n_hi++;
      n_hi_ok += img->best_correct;
    }
    for (j = 0; j < img->plates->len; j++) {
      TruthPlate *t = g_ptr_array_index (img->plates, j);
      n_plates++;
      n_det += t->detected;
      if (!t->plate[0])
        continue;
      n_text++;
      n_read += t->read;
      n_top5 += t->top_rank > 0 && t->top_rank <= 5;
      n_top10 += t->top_rank > 0;
      /* an unread plate shows what the image's best reading was instead */
      if (verbose)
        g_print ("%-44s %-10s %-3s read=%-10s %s%s%s\n", img->file, t->plate,
            t->detected ? "det" : "-", t->read_text ? t->read_text : "",
            t->read ? "OK" : "", !t->read && img->best_text ? "best=" : "",
            !t->read && img->best_text ? img->best_text : "");
    }
  }
  if (times->len) {
    g_array_sort (times, cmp_double);
    median = times->len % 2 ? g_array_index (times, gdouble, times->len / 2)
        : (g_array_index (times, gdouble, times->len / 2 - 1) +
        g_array_index (times, gdouble, times->len / 2)) / 2.0;
  }

  g_print ("\n%-28s %s\n", "set", dir);
  g_print ("%-28s %s\n", "region", gst_anpr_region_to_string (reg));
  tool_print_element_origins (elements);
  g_print ("%-28s %s\n", "models", g_getenv ("GST_ANPR_DATA_DIR") ?
      g_getenv ("GST_ANPR_DATA_DIR") : "installed with plateocr");
  if (truth_boxes)
    g_print ("%-28s %s\n", "boxes", "labelled (reader alone)");
  g_print ("%-28s %u (%u failed to decode)\n", "images", images->len, n_fail);
  g_print ("%-28s %u (%u with text)\n", "plates", n_plates, n_text);
  g_print ("%-28s %.1f%%\n", "detected (IoU>=0.3)", pct (n_det, n_plates));
  g_print ("%-28s %.2f\n", "unlabelled boxes / image",
      images->len ? (gdouble) n_unlab / images->len : 0.0);
  if (n_text) {
    g_print ("%-28s %.1f%%\n", "read (top-1)", pct (n_read, n_text));
    g_print ("%-28s %.1f%%\n", "top-5", pct (n_top5, n_text));
    g_print ("%-28s %.1f%%\n", "top-10", pct (n_top10, n_text));
    g_print ("%-28s %.1f%% of %u reads (%.1f%% of images)\n",
        "precision at conf>=0.9", pct (n_hi_ok, n_hi), n_hi,
        pct (n_hi, images->len));
  }
  g_print ("%-28s %.1f\n", "median ms / image", median);

  if (json_path) {
    JsonBuilder *b = json_builder_new ();
    JsonGenerator *gen = json_generator_new ();
    JsonNode *root;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "set");
    json_builder_add_string_value (b, dir);
    json_builder_set_member_name (b, "region");
    json_builder_add_string_value (b, gst_anpr_region_to_string (reg));
#define ADD_INT(k, v) json_builder_set_member_name (b, k); \
    json_builder_add_int_value (b, v)
#define ADD_DBL(k, v) json_builder_set_member_name (b, k); \
    json_builder_add_double_value (b, v)
    ADD_INT ("images", images->len);
    ADD_INT ("plates", n_plates);
    ADD_INT ("plates_with_text", n_text);
    ADD_DBL ("detected_pct", pct (n_det, n_plates));
    ADD_DBL ("unlabelled_boxes_per_image",
        images->len ? (gdouble) n_unlab / images->len : 0.0);
    ADD_DBL ("read_pct", pct (n_read, n_text));
    ADD_DBL ("top5_pct", pct (n_top5, n_text));
    ADD_DBL ("top10_pct", pct (n_top10, n_text));
    ADD_INT ("high_conf_reads", n_hi);
    ADD_DBL ("high_conf_precision_pct", pct (n_hi_ok, n_hi));
    ADD_DBL ("ms_per_image_median", median);
    json_builder_set_member_name (b, "plates_detail");
    json_builder_begin_array (b);
    for (i = 0; i < images->len; i++) {
      ImageResult *img = g_ptr_array_index (images, i);
      for (j = 0; j < img->plates->len; j++) {
        TruthPlate *t = g_ptr_array_index (img->plates, j);
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "file");
        json_builder_add_string_value (b, img->file);
        json_builder_set_member_name (b, "plate");
        json_builder_add_string_value (b, t->plate);
        json_builder_set_member_name (b, "detected");
        json_builder_add_boolean_value (b, t->detected);
        json_builder_set_member_name (b, "read_text");
        json_builder_add_string_value (b, t->read_text ? t->read_text : "");
        json_builder_set_member_name (b, "read");
        json_builder_add_boolean_value (b, t->read);
        ADD_INT ("top_rank", t->top_rank);
        ADD_DBL ("ms", img->ms);
        json_builder_end_object (b);
      }
    }
    json_builder_end_array (b);
#undef ADD_INT
#undef ADD_DBL
    json_builder_end_object (b);
    root = json_builder_get_root (b);
    json_generator_set_root (gen, root);
    json_generator_set_pretty (gen, TRUE);
    if (!json_generator_to_file (gen, json_path, &error)) {
      g_printerr ("%s: %s\n", json_path, error->message);
      return 1;
    }
    json_node_unref (root);
    g_object_unref (gen);
    g_object_unref (b);
  }

  if (n_text)
    g_print ("images=%u plates=%u detected=%.1f%% read=%.1f%% top5=%.1f%% "
        "ms_per_image=%.1f\n", images->len, n_plates, pct (n_det, n_plates),
        pct (n_read, n_text), pct (n_top5, n_text), median);
  else
    g_print ("images=%u plates=%u detected=%.1f%% read=n/a top5=n/a "
        "ms_per_image=%.1f\n", images->len, n_plates, pct (n_det, n_plates),
        median);

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
