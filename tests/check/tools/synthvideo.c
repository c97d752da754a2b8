/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* anpr-synth video: the traffic scenario's truth (every situation there,
 * as the tracking tests rely on it), its hotlist's decoys and near miss,
 * its refusals, and camera-like 4:2:0 H.264 from both scenarios. */

#include <gst/check/gstcheck.h>
#include <gst/anpr/anprhotlist.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "anprcheck.h"

#define FPS 10
#define WIDTH 640
#define HEIGHT 360
#define PARKED_S 6

typedef struct
{
  gchar *plate, *direction, *kind;
  gint first, last, best, x, y, w, h, lane, occ_from, occ_to;
} Vehicle;

static void
vehicle_free (Vehicle * v)
{
  g_free (v->plate);
  g_free (v->direction);
  g_free (v->kind);
  g_free (v);
}

/* Runs anpr-synth with @args (NULL-terminated); returns its exit status,
 * its stderr in @err_out when given. */
static gint
run_synth (gchar ** err_out, const gchar * arg, ...)
{
  GPtrArray *argv = g_ptr_array_new ();
  gchar *err = NULL;
  gint status = -1;
  GError *error = NULL;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ANPR_SYNTH"));
  g_ptr_array_add (argv, (gpointer) "video");
  va_start (ap, arg);
  for (; arg; arg = va_arg (ap, const gchar *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  fail_unless (g_spawn_sync (NULL, (gchar **) argv->pdata, NULL,
          G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status,
          &error), "cannot run anpr-synth: %s", error ? error->message : "");
  g_ptr_array_unref (argv);
  if (err_out)
    *err_out = err;
  else
    g_free (err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static GPtrArray *
load_truth (const gchar * path)
{
  GPtrArray *vehicles = g_ptr_array_new_with_free_func ((GDestroyNotify)
      vehicle_free);
  gchar *contents, **lines;

  fail_unless (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  /* The columns of the passes scenario first, as their readers expect. */
  fail_unless_equals_string (lines[0], "plate\tfirst_frame\tlast_frame\t"
      "start_s\tend_s\tdirection\tbest_frame\tx\ty\tw\th\tkind\tlane\t"
      "occluded_from\toccluded_to");
  for (guint i = 1; lines[i]; i++) {
    gchar **f = g_strsplit (lines[i], "\t", -1);
    Vehicle *v;

    if (!*lines[i]) {
      g_strfreev (f);
      continue;
    }
    fail_unless_equals_int (g_strv_length (f), 15);
    v = g_new0 (Vehicle, 1);
    v->plate = g_strdup (f[0]);
    v->first = atoi (f[1]);
    v->last = atoi (f[2]);
    v->direction = g_strdup (f[5]);
    v->best = atoi (f[6]);
    v->x = atoi (f[7]);
    v->y = atoi (f[8]);
    v->w = atoi (f[9]);
    v->h = atoi (f[10]);
    v->kind = g_strdup (f[11]);
    v->lane = atoi (f[12]);
    v->occ_from = atoi (f[13]);
    v->occ_to = atoi (f[14]);
    g_ptr_array_add (vehicles, v);
    g_strfreev (f);
  }
  g_strfreev (lines);
  g_free (contents);
  return vehicles;
}

static gboolean
spans_overlap (const Vehicle * a, const Vehicle * b)
{
  return a->first <= b->last && b->first <= a->last;
}

static gboolean
boxes_overlap (const Vehicle * a, const Vehicle * b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w &&
      a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The chroma format h264parse finds in @path's video stream. */
static gchar *
chroma_format (const gchar * path)
{
  gchar *desc = g_strdup_printf ("filesrc location=\"%s\" ! qtdemux ! "
      "h264parse ! fakesink name=sink", path);
  GstElement *pipe = anpr_check_parse_launch (desc);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
  GstPad *pad = gst_element_get_static_pad (sink, "sink");
  GstCaps *caps;
  gchar *fmt = NULL;

  fail_unless (gst_element_set_state (pipe, GST_STATE_PAUSED) !=
      GST_STATE_CHANGE_FAILURE);
  fail_unless (gst_element_get_state (pipe, NULL, NULL, 30 * GST_SECOND) ==
      GST_STATE_CHANGE_SUCCESS, "%s does not preroll", path);
  caps = gst_pad_get_current_caps (pad);
  fail_unless (caps != NULL);
  GST_INFO ("%s: %" GST_PTR_FORMAT, path, caps);
  fmt = g_strdup (gst_structure_get_string (gst_caps_get_structure (caps, 0),
          "chroma-format"));
  gst_caps_unref (caps);
  gst_object_unref (pad);
  gst_object_unref (sink);
  gst_element_set_state (pipe, GST_STATE_NULL);
  gst_object_unref (pipe);
  g_free (desc);
  return fmt;
}

GST_START_TEST (test_traffic)
{
  gchar *dir = g_dir_make_tmp ("anpr-synth-XXXXXX", NULL);
  gchar *mp4 = g_build_filename (dir, "t.mp4", NULL);
  gchar *tsv = g_build_filename (dir, "t.tsv", NULL);
  gchar *csv = g_build_filename (dir, "t.csv", NULL);
  gchar *tsv2 = g_build_filename (dir, "t2.tsv", NULL);
  gchar *mp42 = g_build_filename (dir, "t2.mp4", NULL);
  gchar *decoys_path = g_strconcat (tsv, ".decoys", NULL);
  gchar *a, *b, *fmt, *contents, **lines;
  GPtrArray *truth;
  GHashTable *listed, *kinds, *lanes, *dirs, *in_video;
  const Vehicle *occluded = NULL, *parked = NULL;
  gint pairs = 0, min_span = G_MAXINT, max_span = 0, n_decoys = 0;
  gint n_near = 0;
  gdouble min_px = 40.0 * WIDTH / 1280;

  fail_unless (dir != NULL);
  fail_unless_equals_int (run_synth (NULL, "--scenario", "traffic",
          "--vehicles", "8", "--parked-seconds", G_STRINGIFY (PARKED_S),
          "--seconds", "36", "--width", G_STRINGIFY (WIDTH), "--height",
          G_STRINGIFY (HEIGHT), "--fps", G_STRINGIFY (FPS), "--seed", "5",
          "--overlay-text", "--out", mp4, "--truth", tsv, "--hotlist", csv,
          NULL), 0);
  truth = load_truth (tsv);
  /* The camera's name and clock are burnt in, never a vehicle. */
  fail_unless_equals_int (truth->len, 8);

  kinds = g_hash_table_new (g_str_hash, g_str_equal);
  lanes = g_hash_table_new (g_direct_hash, g_direct_equal);
  dirs = g_hash_table_new (g_str_hash, g_str_equal);
  in_video = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < truth->len; i++) {
    const Vehicle *v = g_ptr_array_index (truth, i);

    g_hash_table_add (kinds, v->kind);
    g_hash_table_add (lanes, GINT_TO_POINTER (v->lane));
    g_hash_table_add (dirs, v->direction);
    g_hash_table_add (in_video, v->plate);
    /* Readable at its best frame: inside the picture, big enough, in its
     * readable frames. */
    fail_unless (v->first >= 0 && v->first <= v->best && v->best <= v->last);
    fail_unless (v->x >= 0 && v->y >= 0 && v->x + v->w <= WIDTH &&
        v->y + v->h <= HEIGHT, "%s outside the frame", v->plate);
    fail_unless (v->w >= min_px, "%s only %d px wide", v->plate, v->w);
    fail_unless (v->best < v->occ_from || v->best > v->occ_to,
        "%s hidden at its best frame", v->plate);
    if (v->occ_from >= 0) {
      fail_unless (occluded == NULL, "more than one vehicle hidden");
      occluded = v;
    }
    if (!strcmp (v->kind, "parked"))
      parked = v;
    else {
      min_span = MIN (min_span, v->last - v->first + 1);
      max_span = MAX (max_span, v->last - v->first + 1);
    }
    for (guint j = 0; j < i; j++) {
      const Vehicle *u = g_ptr_array_index (truth, j);
      if (u->lane != v->lane && spans_overlap (u, v)) {
        pairs++;
        fail_unless (!boxes_overlap (u, v), "plates of %s and %s overlap",
            u->plate, v->plate);
      }
    }
  }
  fail_unless (g_hash_table_contains (kinds, "parked"));
  fail_unless (g_hash_table_contains (kinds, "bus") ||
      g_hash_table_contains (kinds, "lorry"));
  fail_unless (g_hash_table_contains (kinds, "car") ||
      g_hash_table_contains (kinds, "van"));
  fail_unless (g_hash_table_contains (lanes, GINT_TO_POINTER (1)));
  fail_unless (g_hash_table_contains (lanes, GINT_TO_POINTER (2)));
  fail_unless (g_hash_table_contains (dirs, "towards"));
  fail_unless (g_hash_table_contains (dirs, "away"));
  /* Speeds that differ. */
  fail_unless (max_span >= 2 * min_span, "spans %d..%d frames", min_span,
      max_span);

  /* Hidden for 0.3-0.8 s in the middle of its pass, by a bus or lorry in
   * the near lane. */
  fail_unless (occluded != NULL, "no vehicle is hidden");
  fail_unless_equals_int (occluded->lane, 2);
  fail_unless (occluded->first < occluded->occ_from &&
      occluded->occ_from <= occluded->occ_to &&
      occluded->occ_to < occluded->last, "hidden %d..%d outside %d..%d",
      occluded->occ_from, occluded->occ_to, occluded->first, occluded->last);
  fail_unless (occluded->occ_to - occluded->occ_from + 1 >= 0.3 * FPS &&
      occluded->occ_to - occluded->occ_from + 1 <= 0.8 * FPS + 1);

  /* Parked, readable for all of its stay. */
  fail_unless (parked != NULL);
  fail_unless (parked->last - parked->first + 1 >= PARKED_S * FPS,
      "parked %d..%d", parked->first, parked->last);
  fail_unless (parked->w >= 120.0 * WIDTH / 1280 - 1);

  /* Two lanes' vehicles readable at once: the overtaking pair, the pair
   * abreast, the car and the bus hiding it. */
  fail_unless (pairs >= 3, "%d pairs in view together", pairs);

  /* Decoys: listed, not in the video, not a one-character misread of any
   * plate in it; the near miss is exactly one plain character away. */
  listed = anpr_check_load_plates (csv, ",");
  fail_unless (g_file_get_contents (decoys_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  fail_unless_equals_string (lines[0], "plate\tkind");
  for (guint i = 1; lines[i]; i++) {
    gchar **f = g_strsplit (lines[i], "\t", -1);
    gdouble nearest = G_MAXDOUBLE;
    GHashTableIter it;
    gpointer key;

    if (!*lines[i]) {
      g_strfreev (f);
      continue;
    }
    fail_unless_equals_int (g_strv_length (f), 2);
    fail_unless (g_hash_table_contains (listed, f[0]), "%s not listed", f[0]);
    fail_if (g_hash_table_contains (in_video, f[0]));
    g_hash_table_iter_init (&it, in_video);
    while (g_hash_table_iter_next (&it, &key, NULL))
      nearest = MIN (nearest, gst_anpr_plate_distance (f[0], key, 5));
    if (!strcmp (f[1], "near-miss")) {
      fail_unless_equals_float (nearest, 1.0);
      n_near++;
    } else {
      fail_unless_equals_string (f[1], "decoy");
      fail_unless (nearest > 1.5, "decoy %s %.1f from a plate", f[0],
          nearest);
      n_decoys++;
    }
    g_strfreev (f);
  }
  fail_unless_equals_int (n_near, 1);
  fail_unless (n_decoys >= 3);
  g_strfreev (lines);
  g_free (contents);

  /* Camera-like H.264. */
  fmt = chroma_format (mp4);
  fail_unless_equals_string (fmt, "4:2:0");
  g_free (fmt);

  /* The same seed, the same truth. */
  fail_unless_equals_int (run_synth (NULL, "--scenario", "traffic",
          "--vehicles", "8", "--parked-seconds", G_STRINGIFY (PARKED_S),
          "--seconds", "36", "--width", G_STRINGIFY (WIDTH), "--height",
          G_STRINGIFY (HEIGHT), "--fps", G_STRINGIFY (FPS), "--seed", "5",
          "--overlay-text", "--out", mp42, "--truth", tsv2, NULL), 0);
  fail_unless (g_file_get_contents (tsv, &a, NULL, NULL));
  fail_unless (g_file_get_contents (tsv2, &b, NULL, NULL));
  fail_unless_equals_string (a, b);
  g_free (a);
  g_free (b);

  g_hash_table_unref (listed);
  g_hash_table_unref (in_video);
  g_hash_table_unref (dirs);
  g_hash_table_unref (lanes);
  g_hash_table_unref (kinds);
  g_ptr_array_unref (truth);
  anpr_check_remove_dir (dir);
  g_free (decoys_path);
  g_free (mp42);
  g_free (tsv2);
  g_free (csv);
  g_free (tsv);
  g_free (mp4);
  g_free (dir);
}

GST_END_TEST;

/* What does not fit is refused with the reason, and nothing written. */
GST_START_TEST (test_traffic_refused)
{
  gchar *dir = g_dir_make_tmp ("anpr-synth-XXXXXX", NULL);
  gchar *mp4 = g_build_filename (dir, "t.mp4", NULL);
  gchar *tsv = g_build_filename (dir, "t.tsv", NULL);
  gchar *err = NULL;

  fail_unless_equals_int (run_synth (&err, "--scenario", "traffic",
          "--vehicles", "5", "--out", mp4, "--truth", tsv, NULL), 2);
  fail_unless (strstr (err, "--vehicles 6 or more") != NULL, "%s", err);
  g_free (err);
  fail_unless_equals_int (run_synth (&err, "--scenario", "traffic",
          "--vehicles", "7", "--parked-seconds", "120", "--seconds", "60",
          "--width", "320", "--height", "180", "--out", mp4, "--truth", tsv,
          NULL), 2);
  fail_unless (strstr (err, "allow at least") != NULL, "%s", err);
  g_free (err);
  fail_unless_equals_int (run_synth (&err, "--parked-seconds", "10", "--out",
          mp4, NULL), 2);
  fail_unless (strstr (err, "--scenario traffic") != NULL, "%s", err);
  g_free (err);
  fail_unless_equals_int (run_synth (&err, "--scenario", "jam", "--out",
          mp4, NULL), 2);
  g_free (err);
  fail_if (g_file_test (mp4, G_FILE_TEST_EXISTS));
  fail_if (g_file_test (tsv, G_FILE_TEST_EXISTS));

  anpr_check_remove_dir (dir);
  g_free (tsv);
  g_free (mp4);
  g_free (dir);
}

GST_END_TEST;

/* The build's sample video (the passes scenario) is 4:2:0 too. */
GST_START_TEST (test_sample_420)
{
  gchar *fmt = chroma_format (g_getenv ("ANPR_SAMPLE_VIDEO"));

  fail_unless_equals_string (fmt, "4:2:0");
  g_free (fmt);
}

GST_END_TEST;

static Suite *
synthvideo_suite (void)
{
  Suite *s = suite_create ("synthvideo");
  TCase *tc = tcase_create ("general");

  anpr_check_fatal_log_domains ();
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_traffic_refused,
      anpr_check_missing_env_path ("ANPR_SYNTH"));
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_traffic,
      anpr_check_missing_env_path ("ANPR_SYNTH"));
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_sample_420,
      anpr_check_missing_env_path ("ANPR_SAMPLE_VIDEO"));
  return s;
}

ANPR_CHECK_MAIN (synthvideo);
