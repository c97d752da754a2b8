/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* anpr-eval's truth and scoring: truth.tsv, an image's reported boxes
 * scored against it (the rules are in anpr-eval.c's header), and the
 * groups the totals are broken down into (confidence bins, box heights,
 * plate formats). */

#ifndef __EVALSCORE_H__
#define __EVALSCORE_H__

#include <glib.h>
#include <gst/anpr/anpr.h>

G_BEGIN_DECLS

/* The confidence from which a reading counts as sure (hotlist alerts rely
 * on it): the precision line of the summary. */
#define EVAL_HIGH_CONFIDENCE 0.9

typedef struct
{
  gchar *plate;                 /* normalised, may be empty */
  gboolean has_box;             /* FALSE: known by its text only */
  gint x, y, w, h;
  gboolean detected;
  gboolean read;
  gint top_rank;                /* 1-based rank among candidates, 0 none */
  gchar *read_text;             /* what the detected box was read as */
  gdouble read_conf;            /* and that reading's confidence */
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

/* One box the pipeline reported, as scored. */
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

/* A bin of the reliability table: [lo, hi), the last one closed. */
typedef struct
{
  gdouble lo, hi;
  const gchar *name;
} EvalBin;

#define EVAL_N_BINS 6

/* EVAL_N_BINS bins, lowest first. */
extern const EvalBin *const eval_reliability_bins;

/* Box height buckets, the last one for the plates with no box. */
#define EVAL_N_HEIGHTS 6

/* truth.tsv -> ImageResult per file, in file order.  A malformed row is
 * reported with its line and skipped. */
GPtrArray *eval_load_truth (const gchar * path, GError ** error);

/* Drops the plates with no box from @images (ImageResult), and the images
 * left with none; how many of each in @n_plates and @n_images. */
void eval_drop_unboxed (GPtrArray * images, guint * n_plates,
    guint * n_images);

/* Scores @img against what was reported on it, @found (Found; sorted by
 * the image's best reading first on return). */
void eval_score_image (ImageResult * img, GArray * found);

/* The reliability bin of a best reading of confidence @conf. */
guint eval_reliability_bin (gdouble conf);

/* Names the EVAL_N_HEIGHTS groups of @heights. */
void eval_height_groups_init (Group * heights);

/* The height bucket @t falls in. */
guint eval_height_bucket (const TruthPlate * t);

/* @a of @b in percent, 0 for none of none. */
gdouble eval_pct (guint a, guint b);

void eval_group_count (Group * g, const TruthPlate * t);

/* The group of @name in @groups (Group), added if new. */
Group *eval_group_lookup (GArray * groups, const gchar * name);

/* The order of the by-format groups (a GCompareFunc on Group). */
gint eval_cmp_format_group (gconstpointer a, gconstpointer b);

G_END_DECLS

#endif /* __EVALSCORE_H__ */
