/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* anpr-eval's report: the scored images totalled, then printed as the
 * summary and its last line, and written as JSON. */

#ifndef __EVALREPORT_H__
#define __EVALREPORT_H__

#include "evalscore.h"

G_BEGIN_DECLS

typedef struct
{
  /* The run, set by the caller (median_ms before printing). */
  const gchar *dir;
  GstAnprRegion region;
  gboolean truth_boxes;
  guint n_skipped, n_skipped_images;    /* --truth-boxes: left out */
  guint n_fail;                 /* images that did not decode */
  gdouble median_ms;

  /* The totals, set by eval_report_tally (). */
  guint n_images, n_plates, n_text, n_det, n_read, n_top5, n_top10;
  guint n_unlab, n_hi, n_hi_ok, n_boxed, n_boxed_images;
  guint bin_reads[EVAL_N_BINS], bin_right[EVAL_N_BINS];
  Group heights[EVAL_N_HEIGHTS];
  GArray *formats;              /* Group, in eval_cmp_format_group order */
  gchar det[16];                /* the detected share, or "n/a" */
} EvalReport;

/* One line per labelled plate with text (--verbose). */
void eval_report_print_plates (GPtrArray * images);

/* Totals the scored @images (ImageResult) into @r, whose run fields are
 * already set. */
void eval_report_tally (EvalReport * r, GPtrArray * images);

/* The summary, saying where each of @elements (NULL terminated) was
 * loaded from. */
void eval_report_print (const EvalReport * r,
    const gchar * const *elements);

gboolean eval_report_write_json (const EvalReport * r, GPtrArray * images,
    const gchar * path, GError ** error);

/* images=N plates=P detected=D% read=R% top5=T% ms_per_image=M */
void eval_report_print_last_line (const EvalReport * r);

void eval_report_clear (EvalReport * r);

G_END_DECLS

#endif /* __EVALREPORT_H__ */
