/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* anpr-eval's truth and scoring: loading truth.tsv, scoring an image's
 * reported boxes against it, and the groups of the breakdowns. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "evalscore.h"

#include <math.h>
#include <string.h>

#define IOU_DETECTED 0.3

/* Bins of the reliability table, by the confidence of the image's best
 * reading: [lo, hi), the last one closed (and taking whatever a reader
 * might report above 1).  The last two together are the reads of the
 * precision line (EVAL_HIGH_CONFIDENCE). */
static const EvalBin reliability_bins[] = {
  {0.0, 0.5, "0.00-0.50"},
  {0.5, 0.7, "0.50-0.70"},
  {0.7, 0.8, "0.70-0.80"},
  {0.8, 0.9, "0.80-0.90"},
  {0.9, 0.95, "0.90-0.95"},
  {0.95, 1.0, "0.95-1.00"},
};

/* EVAL_N_BINS sizes the callers' counts.  The table goes out through a
 * pointer, checked here, because an extern array declared with that size
 * would take a missing bin silently as zeros. */
G_STATIC_ASSERT (G_N_ELEMENTS (reliability_bins) == EVAL_N_BINS);

const EvalBin *const eval_reliability_bins = reliability_bins;

/* Buckets of the truth box height, in pixels; the last is "no box". */
static const gint height_edges[] = { 15, 20, 30, 40 };

static const gchar *const height_names[] = {
  "<15 px", "15-19 px", "20-29 px", "30-39 px", ">=40 px", "no box"
};

G_STATIC_ASSERT (G_N_ELEMENTS (height_names) == EVAL_N_HEIGHTS);
G_STATIC_ASSERT (G_N_ELEMENTS (height_edges) == EVAL_N_HEIGHTS - 2);

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

GPtrArray *
eval_load_truth (const gchar * path, GError ** error)
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

void
eval_drop_unboxed (GPtrArray * images, guint * n_plates, guint * n_images)
{
  guint i, j;

  *n_plates = *n_images = 0;
  for (i = images->len; i-- > 0;) {
    ImageResult *img = g_ptr_array_index (images, i);
    for (j = img->plates->len; j-- > 0;)
      if (!((TruthPlate *) g_ptr_array_index (img->plates, j))->has_box) {
        g_ptr_array_remove_index (img->plates, j);
        (*n_plates)++;
      }
    if (img->plates->len == 0) {
      g_ptr_array_remove_index (images, i);
      (*n_images)++;
    }
  }
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

void
eval_score_image (ImageResult * img, GArray * found)
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
      t->read_conf = over->conf;
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

guint
eval_reliability_bin (gdouble conf)
{
  guint b = EVAL_N_BINS - 1;

  while (b > 0 && !(conf >= reliability_bins[b].lo))
    b--;
  return b;
}

void
eval_height_groups_init (Group * heights)
{
  guint i;

  for (i = 0; i < EVAL_N_HEIGHTS; i++)
    heights[i].name = height_names[i];
}

guint
eval_height_bucket (const TruthPlate * t)
{
  guint h = 0;

  if (!t->has_box)
    return EVAL_N_HEIGHTS - 1;
  while (h < G_N_ELEMENTS (height_edges) && t->h >= height_edges[h])
    h++;
  return h;
}

gdouble
eval_pct (guint a, guint b)
{
  return b ? 100.0 * a / b : 0.0;
}

void
eval_group_count (Group * g, const TruthPlate * t)
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

Group *
eval_group_lookup (GArray * groups, const gchar * name)
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

gint
eval_cmp_format_group (gconstpointer a, gconstpointer b)
{
  const Group *ga = a, *gb = b;
  gint ra = format_group_rank (ga->name), rb = format_group_rank (gb->name);
  return ra != rb ? ra - rb : strcmp (ga->name, gb->name);
}
