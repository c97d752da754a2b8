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
  gboolean has_box;             /* FALSE: known by its text only */
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

/* One group of truth plates in the breakdowns: read over those with text,
 * detected over those with a box. */
typedef struct
{
  const gchar *name;
  guint plates, text, read, boxed, detected;
} Group;

/* Bins of the reliability table, by the confidence of the image's best
 * reading: [lo, hi), the last one closed (and taking whatever a reader
 * might report above 1).  The last two together are the reads of the
 * precision line (HIGH_CONFIDENCE). */
static const struct
{
  gdouble lo, hi;
  const gchar *name;
} reliability_bins[] = {
  {0.0, 0.5, "0.00-0.50"},
  {0.5, 0.7, "0.50-0.70"},
  {0.7, 0.8, "0.70-0.80"},
  {0.8, 0.9, "0.80-0.90"},
  {0.9, 0.95, "0.90-0.95"},
  {0.95, 1.0, "0.95-1.00"},
};

#define N_BINS G_N_ELEMENTS (reliability_bins)

/* Buckets of the truth box height, in pixels; the last is "no box". */
static const gint height_edges[] = { 15, 20, 30, 40 };

static const gchar *const height_names[] = {
  "<15 px", "15-19 px", "20-29 px", "30-39 px", ">=40 px", "no box"
};

#define N_HEIGHTS G_N_ELEMENTS (height_names)

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

/* One of x y w h.  A number, nothing else: atoi () took "" for 0, which
 * made a plate with no box one at the image's corner.  Decimals are
 * truncated, as atoi () did. */
static gboolean
parse_coord (const gchar * s, gint * out)
{
  gchar *end;
  gdouble v = g_ascii_strtod (s, &end);

  if (end == s || *end != '\0' || !isfinite (v) || v < G_MININT
      || v > G_MAXINT)
    return FALSE;
  *out = (gint) v;
  return TRUE;
}

/* truth.tsv -> ImageResult per file, in file order.  A malformed row is
 * reported with its line and skipped. */
static GPtrArray *
load_truth (const gchar * path, GError ** error)
{
  static const gchar *const coord_names[] = { "x", "y", "w", "h" };
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
    gchar plate[GST_ANPR_MAX_TEXT + 1];
    gint coord[4];
    guint k, n_empty = 0;
    gsize len = strlen (lines[i]);

    /* Not g_strchomp (): the tabs of a row's empty x y w h are part of
     * it. */
    while (len > 0 && (lines[i][len - 1] == '\r' || lines[i][len - 1] == ' '))
      lines[i][--len] = '\0';
    if (lines[i][strspn (lines[i], " \t")] == '\0')
      continue;
    f = g_strsplit (lines[i], "\t", -1);
    if (g_strv_length (f) < 6) {
      g_printerr ("%s:%u: expected 6 tab-separated fields, skipped\n", path,
          i + 1);
      g_strfreev (f);
      continue;
    }
    for (k = 0; k < 4; k++)
      n_empty += g_strstrip (f[2 + k])[0] == '\0';
    for (k = 0; k < 4 && n_empty == 0; k++)
      if (!parse_coord (f[2 + k], &coord[k]))
        break;
    gst_anpr_plate_normalise (f[1], plate, sizeof (plate));
    if (n_empty != 0 && n_empty != 4) {
      g_printerr ("%s:%u: x y w h must be all given or all empty, skipped\n",
          path, i + 1);
      g_strfreev (f);
      continue;
    }
    if (n_empty == 0 && k < 4) {
      g_printerr ("%s:%u: %s '%s' is not a number, skipped\n", path, i + 1,
          coord_names[k], f[2 + k]);
      g_strfreev (f);
      continue;
    }
    if (n_empty == 4 && plate[0] == '\0') {
      g_printerr ("%s:%u: neither a plate nor a box, skipped\n", path, i + 1);
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
    t->plate = g_strdup (plate);
    t->has_box = n_empty == 0;
    if (t->has_box) {
      t->x = coord[0];
      t->y = coord[1];
      t->w = coord[2];
      t->h = coord[3];
    }
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
      labelled = t->has_box
          && iou (f->x, f->y, f->w, f->h, t->x, t->y, t->w, t->h)
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
    if (!t->has_box) {
      /* No box to find it under: the candidates of any box count. */
      for (j = 0; j < found->len && t->plate[0]; j++) {
        Found *f = &g_array_index (found, Found, j);
        for (k = 0; k < f->n_cand; k++)
          if (strcmp (f->cand[k].text, t->plate) == 0) {
            if (!t->top_rank || (gint) k + 1 < t->top_rank)
              t->top_rank = k + 1;
            break;
          }
      }
      continue;
    }
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

static void
group_count (Group * g, const TruthPlate * t)
{
  g->plates++;
  if (t->plate[0]) {
    g->text++;
    g->read += t->read;
  }
  if (t->has_box) {
    g->boxed++;
    g->detected += t->detected;
  }
}

/* The group of @name in @groups (Group), added if new. */
static Group *
group_lookup (GArray * groups, const gchar * name)
{
  Group g = { 0 };
  guint i;

  for (i = 0; i < groups->len; i++)
    if (strcmp (g_array_index (groups, Group, i).name, name) == 0)
      return &g_array_index (groups, Group, i);
  g.name = name;
  g_array_append_val (groups, g);
  return &g_array_index (groups, Group, groups->len - 1);
}

/* The formats by name, then the plates that fit none, then those with no
 * text: each group in the same place from one run to the next. */
static gint
format_group_rank (const gchar * name)
{
  if (strcmp (name, "no text") == 0)
    return 2;
  return strcmp (name, "other") == 0;
}

static gint
cmp_format_group (gconstpointer a, gconstpointer b)
{
  const Group *ga = a, *gb = b;
  gint ra = format_group_rank (ga->name), rb = format_group_rank (gb->name);
  return ra != rb ? ra - rb : strcmp (ga->name, gb->name);
}

/* "read" over the plates with text and "detected" over those with a box,
 * naming the count whenever it is not all the group's plates. */
static void
group_print (const Group * g)
{
  GString *line = g_string_new (NULL);

  g_string_append_printf (line, "  %-26s %u plates", g->name, g->plates);
  if (g->text == g->plates)
    g_string_append_printf (line, "  read %u (%.1f%%)", g->read,
        pct (g->read, g->text));
  else if (g->text)
    g_string_append_printf (line, "  read %u of %u (%.1f%%)", g->read,
        g->text, pct (g->read, g->text));
  if (g->boxed == g->plates)
    g_string_append_printf (line, "  detected %u (%.1f%%)", g->detected,
        pct (g->detected, g->boxed));
  else if (g->boxed)
    g_string_append_printf (line, "  detected %u of %u (%.1f%%)",
        g->detected, g->boxed, pct (g->detected, g->boxed));
  g_print ("%s\n", line->str);
  g_string_free (line, TRUE);
}

static void
group_json (JsonBuilder * b, const Group * g)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "group");
  json_builder_add_string_value (b, g->name);
  json_builder_set_member_name (b, "plates");
  json_builder_add_int_value (b, g->plates);
  json_builder_set_member_name (b, "plates_with_text");
  json_builder_add_int_value (b, g->text);
  json_builder_set_member_name (b, "read");
  json_builder_add_int_value (b, g->read);
  json_builder_set_member_name (b, "plates_with_box");
  json_builder_add_int_value (b, g->boxed);
  json_builder_set_member_name (b, "detected");
  json_builder_add_int_value (b, g->detected);
  json_builder_end_object (b);
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
      n_top10 = 0, n_unlab = 0, n_hi = 0, n_hi_ok = 0, n_fail = 0,
      n_boxed = 0, n_boxed_images = 0, n_skipped = 0, n_skipped_images = 0;
  guint bin_reads[N_BINS] = { 0 }, bin_right[N_BINS] = { 0 };
  Group heights[N_HEIGHTS] = { {0} };
  GArray *formats;
  gchar det[16];
  gdouble median = 0.0;

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
  images = load_truth (truth_path, &error);
  if (!images) {
    g_printerr ("%s\n", error->message);
    return 1;
  }
  /* The reader alone reads the labelled boxes: a plate with none cannot
   * be measured, nor an image left without plates. */
  if (truth_boxes) {
    for (i = images->len; i-- > 0;) {
      ImageResult *img = g_ptr_array_index (images, i);
      for (j = img->plates->len; j-- > 0;)
        if (!((TruthPlate *) g_ptr_array_index (img->plates, j))->has_box) {
          g_ptr_array_remove_index (img->plates, j);
          n_skipped++;
        }
      if (img->plates->len == 0) {
        g_ptr_array_remove_index (images, i);
        n_skipped_images++;
      }
    }
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
  formats = g_array_new (FALSE, TRUE, sizeof (Group));
  for (i = 0; i < N_HEIGHTS; i++)
    heights[i].name = height_names[i];
  for (i = 0; i < images->len; i++) {
    ImageResult *img = g_ptr_array_index (images, i);
    gboolean all_boxed = TRUE;

    if (img->best_text && img->best_conf >= HIGH_CONFIDENCE) {
      n_hi++;
      n_hi_ok += img->best_correct;
    }
    /* the same reads, right or wrong alike, binned */
    if (img->best_text) {
      guint b = N_BINS - 1;
      while (b > 0 && !(img->best_conf >= reliability_bins[b].lo))
        b--;
      bin_reads[b]++;
      bin_right[b] += img->best_correct;
    }
    for (j = 0; j < img->plates->len; j++) {
      TruthPlate *t = g_ptr_array_index (img->plates, j);
      const gchar *format = NULL;
      guint h = 0;

      /* under auto, formats of several regions compete: none is the
       * plate's for sure */
      if (t->plate[0] && reg != GST_ANPR_REGION_AUTO)
        format = gst_anpr_plate_match_format (reg, t->plate);
      group_count (group_lookup (formats, !t->plate[0] ? "no text" :
              format ? format : "other"), t);
      if (!t->has_box)
        h = N_HEIGHTS - 1;
      else
        while (h < G_N_ELEMENTS (height_edges) && t->h >= height_edges[h])
          h++;
      group_count (&heights[h], t);

      n_plates++;
      all_boxed &= t->has_box;
      n_boxed += t->has_box;
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
            !t->has_box ? "n/a" : t->detected ? "det" : "-",
            t->read_text ? t->read_text : "",
            t->read ? "OK" : "", !t->read && img->best_text ? "best=" : "",
            !t->read && img->best_text ? img->best_text : "");
    }
    /* in an image with a plate known by its text only, a reported box
     * over it is not unlabelled, and there is no telling which it is */
    if (all_boxed) {
      n_boxed_images++;
      n_unlab += img->n_unlabelled;
    }
  }
  g_array_sort (formats, cmp_format_group);
  if (n_boxed)
    g_snprintf (det, sizeof (det), "%.1f%%", pct (n_det, n_boxed));
  else
    g_strlcpy (det, "n/a", sizeof (det));
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
  if (truth_boxes && n_skipped)
    g_print ("%-28s labelled (reader alone; %u plates with no box skipped, "
        "%u images left with none)\n", "boxes", n_skipped, n_skipped_images);
  else if (truth_boxes)
    g_print ("%-28s %s\n", "boxes", "labelled (reader alone)");
  g_print ("%-28s %u (%u failed to decode)\n", "images", images->len, n_fail);
  if (n_boxed == n_plates)
    g_print ("%-28s %u (%u with text)\n", "plates", n_plates, n_text);
  else
    g_print ("%-28s %u (%u with text, %u with a box)\n", "plates", n_plates,
        n_text, n_boxed);
  if (!n_boxed)
    g_print ("%-28s n/a (no boxes in the truth)\n", "detected (IoU>=0.3)");
  else if (n_boxed == n_plates)
    g_print ("%-28s %s\n", "detected (IoU>=0.3)", det);
  else
    g_print ("%-28s %s of %u boxed plates\n", "detected (IoU>=0.3)", det,
        n_boxed);
  if (!n_boxed_images)
    g_print ("%-28s n/a (no image with all its plates boxed)\n",
        "unlabelled boxes / image");
  else if (n_boxed_images == images->len)
    g_print ("%-28s %.2f\n", "unlabelled boxes / image",
        (gdouble) n_unlab / n_boxed_images);
  else
    g_print ("%-28s %.2f over the %u images with all their plates boxed\n",
        "unlabelled boxes / image", (gdouble) n_unlab / n_boxed_images,
        n_boxed_images);
  if (n_text) {
    g_print ("%-28s %.1f%%\n", "read (top-1)", pct (n_read, n_text));
    g_print ("%-28s %.1f%%\n", "top-5", pct (n_top5, n_text));
    g_print ("%-28s %.1f%%\n", "top-10", pct (n_top10, n_text));
    g_print ("%-28s %.1f%% of %u reads (%.1f%% of images)\n",
        "precision at conf>=0.9", pct (n_hi_ok, n_hi), n_hi,
        pct (n_hi, images->len));
    for (i = 0; i < N_BINS; i++)
      if (bin_reads[i])
        g_print ("%-28s %s: %u reads, %.1f%% right\n", "reliability",
            reliability_bins[i].name, bin_reads[i],
            pct (bin_right[i], bin_reads[i]));
      else
        g_print ("%-28s %s: 0 reads\n", "reliability",
            reliability_bins[i].name);
  }
  g_print ("%-28s %.1f\n", "median ms / image", median);
  g_print ("by format\n");
  for (i = 0; i < formats->len; i++)
    group_print (&g_array_index (formats, Group, i));
  g_print ("by height\n");
  for (i = 0; i < N_HEIGHTS; i++)
    if (heights[i].plates)
      group_print (&heights[i]);

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
    ADD_INT ("plates_with_box", n_boxed);
    /* null: no box in the truth to detect, or no image fully boxed */
    json_builder_set_member_name (b, "detected_pct");
    if (n_boxed)
      json_builder_add_double_value (b, pct (n_det, n_boxed));
    else
      json_builder_add_null_value (b);
    json_builder_set_member_name (b, "unlabelled_boxes_per_image");
    if (n_boxed_images)
      json_builder_add_double_value (b, (gdouble) n_unlab / n_boxed_images);
    else
      json_builder_add_null_value (b);
    if (truth_boxes) {
      ADD_INT ("skipped_plates_without_box", n_skipped);
    }
    ADD_DBL ("read_pct", pct (n_read, n_text));
    ADD_DBL ("top5_pct", pct (n_top5, n_text));
    ADD_DBL ("top10_pct", pct (n_top10, n_text));
    ADD_INT ("high_conf_reads", n_hi);
    ADD_DBL ("high_conf_precision_pct", pct (n_hi_ok, n_hi));
    ADD_DBL ("ms_per_image_median", median);
    json_builder_set_member_name (b, "reliability");
    json_builder_begin_array (b);
    for (i = 0; i < N_BINS; i++) {
      json_builder_begin_object (b);
      ADD_DBL ("lo", reliability_bins[i].lo);
      ADD_DBL ("hi", reliability_bins[i].hi);
      ADD_INT ("reads", bin_reads[i]);
      ADD_INT ("right", bin_right[i]);
      json_builder_end_object (b);
    }
    json_builder_end_array (b);
    json_builder_set_member_name (b, "by_format");
    json_builder_begin_array (b);
    for (i = 0; i < formats->len; i++)
      group_json (b, &g_array_index (formats, Group, i));
    json_builder_end_array (b);
    json_builder_set_member_name (b, "by_height");
    json_builder_begin_array (b);
    for (i = 0; i < N_HEIGHTS; i++)
      if (heights[i].plates)
        group_json (b, &heights[i]);
    json_builder_end_array (b);
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
        if (t->has_box)
          json_builder_add_boolean_value (b, t->detected);
        else
          json_builder_add_null_value (b);
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
    g_print ("images=%u plates=%u detected=%s read=%.1f%% top5=%.1f%% "
        "ms_per_image=%.1f\n", images->len, n_plates, det,
        pct (n_read, n_text), pct (n_top5, n_text), median);
  else
    g_print ("images=%u plates=%u detected=%s read=n/a top5=n/a "
        "ms_per_image=%.1f\n", images->len, n_plates, det, median);

  g_array_unref (formats);
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
