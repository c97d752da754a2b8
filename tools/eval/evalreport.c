/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* anpr-eval's report: totals over the scored images, the printed summary
 * and its last line, and the JSON. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "evalreport.h"
#include "toolcommon.h"

#include <json-glib/json-glib.h>

/* One member of the object @b is building */
static void
member_int (JsonBuilder * b, const gchar * name, gint64 v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, v);
}

static void
member_double (JsonBuilder * b, const gchar * name, gdouble v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, v);
}

static void
member_string (JsonBuilder * b, const gchar * name, const gchar * v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, v);
}

static void
member_bool (JsonBuilder * b, const gchar * name, gboolean v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, v);
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
        eval_pct (g->read, g->text));
  else if (g->text)
    g_string_append_printf (line, "  read %u of %u (%.1f%%)", g->read,
        g->text, eval_pct (g->read, g->text));
  if (g->boxed == g->plates)
    g_string_append_printf (line, "  detected %u (%.1f%%)", g->detected,
        eval_pct (g->detected, g->boxed));
  else if (g->boxed)
    g_string_append_printf (line, "  detected %u of %u (%.1f%%)",
        g->detected, g->boxed, eval_pct (g->detected, g->boxed));
  g_print ("%s\n", line->str);
  g_string_free (line, TRUE);
}

static void
group_json (JsonBuilder * b, const Group * g)
{
  json_builder_begin_object (b);
  member_string (b, "group", g->name);
  member_int (b, "plates", g->plates);
  member_int (b, "plates_with_text", g->text);
  member_int (b, "read", g->read);
  member_int (b, "plates_with_box", g->boxed);
  member_int (b, "detected", g->detected);
  json_builder_end_object (b);
}

void
eval_report_print_plates (GPtrArray * images)
{
  guint i, j;

  for (i = 0; i < images->len; i++) {
    ImageResult *img = g_ptr_array_index (images, i);

    for (j = 0; j < img->plates->len; j++) {
      TruthPlate *t = g_ptr_array_index (img->plates, j);

      if (!t->plate[0])
        continue;
      /* an unread plate shows what the image's best reading was instead */
      g_print ("%-44s %-10s %-3s read=%-10s %s%s%s\n", img->file, t->plate,
          !t->has_box ? "n/a" : t->detected ? "det" : "-",
          t->read_text ? t->read_text : "",
          t->read ? "OK" : "", !t->read && img->best_text ? "best=" : "",
          !t->read && img->best_text ? img->best_text : "");
    }
  }
}

void
eval_report_tally (EvalReport * r, GPtrArray * images)
{
  guint i, j;

  r->n_images = images->len;
  r->formats = g_array_new (FALSE, TRUE, sizeof (Group));
  eval_height_groups_init (r->heights);
  for (i = 0; i < images->len; i++) {
    ImageResult *img = g_ptr_array_index (images, i);
    gboolean all_boxed = TRUE;

    if (img->best_text && img->best_conf >= EVAL_HIGH_CONFIDENCE) {
      r->n_hi++;
      r->n_hi_ok += img->best_correct;
    }
    /* the same reads, right or wrong alike, binned */
    if (img->best_text) {
      guint b = eval_reliability_bin (img->best_conf);
      r->bin_reads[b]++;
      r->bin_right[b] += img->best_correct;
    }
    for (j = 0; j < img->plates->len; j++) {
      TruthPlate *t = g_ptr_array_index (img->plates, j);
      const gchar *format = NULL;

      /* under auto, formats of several regions compete: none is the
       * plate's for sure */
      if (t->plate[0] && r->region != GST_ANPR_REGION_AUTO)
        format = gst_anpr_plate_match_format (r->region, t->plate);
      eval_group_count (eval_group_lookup (r->formats, !t->plate[0] ?
              "no text" : format ? format : "other"), t);
      eval_group_count (&r->heights[eval_height_bucket (t)], t);

      r->n_plates++;
      all_boxed &= t->has_box;
      r->n_boxed += t->has_box;
      r->n_det += t->detected;
      if (!t->plate[0])
        continue;
      r->n_text++;
      r->n_read += t->read;
      r->n_top5 += t->top_rank > 0 && t->top_rank <= 5;
      r->n_top10 += t->top_rank > 0;
    }
    /* in an image with a plate known by its text only, a reported box
     * over it is not unlabelled, and there is no telling which it is */
    if (all_boxed) {
      r->n_boxed_images++;
      r->n_unlab += img->n_unlabelled;
    }
  }
  g_array_sort (r->formats, eval_cmp_format_group);
  if (r->n_boxed)
    g_snprintf (r->det, sizeof (r->det), "%.1f%%",
        eval_pct (r->n_det, r->n_boxed));
  else
    g_strlcpy (r->det, "n/a", sizeof (r->det));
}

void
eval_report_print (const EvalReport * r, const gchar * const *elements)
{
  guint i;

  g_print ("\n%-28s %s\n", "set", r->dir);
  g_print ("%-28s %s\n", "region", gst_anpr_region_to_string (r->region));
  tool_print_element_origins (elements);
  g_print ("%-28s %s\n", "models", g_getenv ("GST_ANPR_DATA_DIR") ?
      g_getenv ("GST_ANPR_DATA_DIR") : "installed with plateocr");
  if (r->truth_boxes && r->n_skipped)
    g_print ("%-28s labelled (reader alone; %u plates with no box skipped, "
        "%u images left with none)\n", "boxes", r->n_skipped,
        r->n_skipped_images);
  else if (r->truth_boxes)
    g_print ("%-28s %s\n", "boxes", "labelled (reader alone)");
  g_print ("%-28s %u (%u failed to decode)\n", "images", r->n_images,
      r->n_fail);
  if (r->n_boxed == r->n_plates)
    g_print ("%-28s %u (%u with text)\n", "plates", r->n_plates, r->n_text);
  else
    g_print ("%-28s %u (%u with text, %u with a box)\n", "plates",
        r->n_plates, r->n_text, r->n_boxed);
  if (!r->n_boxed)
    g_print ("%-28s n/a (no boxes in the truth)\n", "detected (IoU>=0.3)");
  else if (r->n_boxed == r->n_plates)
    g_print ("%-28s %s\n", "detected (IoU>=0.3)", r->det);
  else
    g_print ("%-28s %s of %u boxed plates\n", "detected (IoU>=0.3)", r->det,
        r->n_boxed);
  if (!r->n_boxed_images)
    g_print ("%-28s n/a (no image with all its plates boxed)\n",
        "unlabelled boxes / image");
  else if (r->n_boxed_images == r->n_images)
    g_print ("%-28s %.2f\n", "unlabelled boxes / image",
        (gdouble) r->n_unlab / r->n_boxed_images);
  else
    g_print ("%-28s %.2f over the %u images with all their plates boxed\n",
        "unlabelled boxes / image", (gdouble) r->n_unlab / r->n_boxed_images,
        r->n_boxed_images);
  if (r->n_text) {
    g_print ("%-28s %.1f%%\n", "read (top-1)",
        eval_pct (r->n_read, r->n_text));
    g_print ("%-28s %.1f%%\n", "top-5", eval_pct (r->n_top5, r->n_text));
    g_print ("%-28s %.1f%%\n", "top-10", eval_pct (r->n_top10, r->n_text));
    g_print ("%-28s %.1f%% of %u reads (%.1f%% of images)\n",
        "precision at conf>=0.9", eval_pct (r->n_hi_ok, r->n_hi), r->n_hi,
        eval_pct (r->n_hi, r->n_images));
    for (i = 0; i < EVAL_N_BINS; i++)
      if (r->bin_reads[i])
        g_print ("%-28s %s: %u reads, %.1f%% right\n", "reliability",
            eval_reliability_bins[i].name, r->bin_reads[i],
            eval_pct (r->bin_right[i], r->bin_reads[i]));
      else
        g_print ("%-28s %s: 0 reads\n", "reliability",
            eval_reliability_bins[i].name);
  }
  g_print ("%-28s %.1f\n", "median ms / image", r->median_ms);
  g_print ("by format\n");
  for (i = 0; i < r->formats->len; i++)
    group_print (&g_array_index (r->formats, Group, i));
  g_print ("by height\n");
  for (i = 0; i < EVAL_N_HEIGHTS; i++)
    if (r->heights[i].plates)
      group_print (&r->heights[i]);
}

gboolean
eval_report_write_json (const EvalReport * r, GPtrArray * images,
    const gchar * path, GError ** error)
{
  JsonBuilder *b = json_builder_new ();
  JsonGenerator *gen = json_generator_new ();
  JsonNode *root;
  gboolean ok;
  guint i, j;

  json_builder_begin_object (b);
  member_string (b, "set", r->dir);
  member_string (b, "region", gst_anpr_region_to_string (r->region));
  member_int (b, "images", r->n_images);
  member_int (b, "plates", r->n_plates);
  member_int (b, "plates_with_text", r->n_text);
  member_int (b, "plates_with_box", r->n_boxed);
  /* null: no box in the truth to detect, or no image fully boxed */
  json_builder_set_member_name (b, "detected_pct");
  if (r->n_boxed)
    json_builder_add_double_value (b, eval_pct (r->n_det, r->n_boxed));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "unlabelled_boxes_per_image");
  if (r->n_boxed_images)
    json_builder_add_double_value (b,
        (gdouble) r->n_unlab / r->n_boxed_images);
  else
    json_builder_add_null_value (b);
  if (r->truth_boxes) {
    member_int (b, "skipped_plates_without_box", r->n_skipped);
  }
  member_double (b, "read_pct", eval_pct (r->n_read, r->n_text));
  member_double (b, "top5_pct", eval_pct (r->n_top5, r->n_text));
  member_double (b, "top10_pct", eval_pct (r->n_top10, r->n_text));
  member_int (b, "high_conf_reads", r->n_hi);
  member_double (b, "high_conf_precision_pct", eval_pct (r->n_hi_ok,
          r->n_hi));
  member_double (b, "ms_per_image_median", r->median_ms);
  json_builder_set_member_name (b, "reliability");
  json_builder_begin_array (b);
  for (i = 0; i < EVAL_N_BINS; i++) {
    json_builder_begin_object (b);
    member_double (b, "lo", eval_reliability_bins[i].lo);
    member_double (b, "hi", eval_reliability_bins[i].hi);
    member_int (b, "reads", r->bin_reads[i]);
    member_int (b, "right", r->bin_right[i]);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "by_format");
  json_builder_begin_array (b);
  for (i = 0; i < r->formats->len; i++)
    group_json (b, &g_array_index (r->formats, Group, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "by_height");
  json_builder_begin_array (b);
  for (i = 0; i < EVAL_N_HEIGHTS; i++)
    if (r->heights[i].plates)
      group_json (b, &r->heights[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "plates_detail");
  json_builder_begin_array (b);
  for (i = 0; i < images->len; i++) {
    ImageResult *img = g_ptr_array_index (images, i);
    for (j = 0; j < img->plates->len; j++) {
      TruthPlate *t = g_ptr_array_index (img->plates, j);
      json_builder_begin_object (b);
      member_string (b, "file", img->file);
      member_string (b, "plate", t->plate);
      json_builder_set_member_name (b, "detected");
      if (t->has_box)
        json_builder_add_boolean_value (b, t->detected);
      else
        json_builder_add_null_value (b);
      member_string (b, "read_text", t->read_text ? t->read_text : "");
      member_double (b, "read_confidence", t->read_conf);
      member_bool (b, "read", t->read);
      member_int (b, "top_rank", t->top_rank);
      member_double (b, "ms", img->ms);
      json_builder_end_object (b);
    }
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  ok = json_generator_to_file (gen, path, error);
  json_node_unref (root);
  g_object_unref (gen);
  g_object_unref (b);
  return ok;
}

void
eval_report_print_last_line (const EvalReport * r)
{
  if (r->n_text)
    g_print ("images=%u plates=%u detected=%s read=%.1f%% top5=%.1f%% "
        "ms_per_image=%.1f\n", r->n_images, r->n_plates, r->det,
        eval_pct (r->n_read, r->n_text), eval_pct (r->n_top5, r->n_text),
        r->median_ms);
  else
    g_print ("images=%u plates=%u detected=%s read=n/a top5=n/a "
        "ms_per_image=%.1f\n", r->n_images, r->n_plates, r->det,
        r->median_ms);
}

void
eval_report_clear (EvalReport * r)
{
  if (r->formats)
    g_array_unref (r->formats);
  r->formats = NULL;
}
