/* gst-anpr: plateocr reads plates that another detector marked
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* A GstVideoRegionOfInterestMeta of roi_type license-plate is read as a
 * plate when no GstAnprPlateMeta stands for it; platedetect's pair of
 * metas is read once; other ROIs are left alone. */

#include "anprcheck.h"
#include <gst/anpr/anpr.h>

#include "plateocrframe.h"

static void
setup (void)
{
  anpr_check_fatal_log_domains ();
}

/* A GRAY8 frame of the rendered plate with a ROI of @roi_type over the
 * plate, carrying a "detection" confidence when @confidence >= 0. */
static GstBuffer *
frame_with_roi (const guint8 * luma, const gchar * roi_type,
    gdouble confidence)
{
  GstBuffer *buf = make_frame ("GRAY8", luma);
  GstVideoRegionOfInterestMeta *roi;

  roi = gst_buffer_add_video_region_of_interest_meta (buf, roi_type,
      PLATE_X, PLATE_Y, PLATE_W, PLATE_H);
  fail_unless (roi != NULL);
  roi->id = 7;
  if (confidence >= 0)
    gst_video_region_of_interest_meta_add_param (roi,
        gst_structure_new ("detection", "confidence", G_TYPE_DOUBLE,
            confidence, NULL));
  return buf;
}

/* Pops the anpr-read messages on @bus; the plate-id of the last in @id. */
static guint
pop_reads (GstBus * bus, guint * id)
{
  GstMessage *msg;
  guint n = 0;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    const GstStructure *s = gst_message_get_structure (msg);

    if (gst_structure_has_name (s, "anpr-read")) {
      n++;
      fail_unless_equals_string (gst_structure_get_string (s, "text"),
          PLATE_TEXT);
      if (id)
        fail_unless (gst_structure_get_uint (s, "plate-id", id));
    }
    gst_message_unref (msg);
  }
  return n;
}

/* Only a license-plate ROI, with and without a detection confidence: a
 * plate meta is made from its box and read, and anpr-read posted. */
GST_START_TEST (test_roi_only)
{
  guint8 *luma = render_plate_luma (PLATE_TEXT);
  GstBus *bus;
  GstHarness *h = ocr_harness ("GRAY8", &bus);
  gdouble confidences[] = { 0.8, -1.0 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (confidences); i++) {
    GstBuffer *out = gst_harness_push_and_pull (h,
        frame_with_roi (luma, GST_ANPR_ROI_TYPE, confidences[i]));
    GstAnprPlateMeta *meta;
    guint id = G_MAXUINT;

    fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 1);
    meta = gst_buffer_get_anpr_plate_meta_id (out, 0);
    fail_unless (meta != NULL);
    fail_unless_equals_int (meta->x, PLATE_X);
    fail_unless_equals_int (meta->y, PLATE_Y);
    fail_unless_equals_int (meta->width, PLATE_W);
    fail_unless_equals_int (meta->height, PLATE_H);
    /* no detection confidence: the detector that marked it is believed */
    fail_unless_equals_float (meta->detect_confidence,
        confidences[i] >= 0 ? (gfloat) confidences[i] : 1.0f);
    fail_unless_equals_string (meta->text, PLATE_TEXT);
    fail_unless_equals_string (meta->format, "gb-current");
    fail_unless_equals_int (pop_reads (bus, &id), 1);
    fail_unless_equals_int (id, 0);
    gst_buffer_unref (out);
  }

  ocr_harness_free (h, bus);
  g_free (luma);
}

GST_END_TEST;

/* platedetect's output, a plate meta and a license-plate ROI of the same
 * id and box: read once.  A ROI of that id over another box is another
 * plate. */
GST_START_TEST (test_detector_pair_read_once)
{
  guint8 *luma = render_plate_luma (PLATE_TEXT);
  GstBus *bus;
  GstHarness *h = ocr_harness ("GRAY8", &bus);
  GstBuffer *in = make_frame ("GRAY8", luma), *out;
  GstAnprPlateMeta *plate;
  GstVideoRegionOfInterestMeta *roi;

  plate = gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W,
      PLATE_H, 0.6f);
  roi = gst_buffer_add_video_region_of_interest_meta (in, GST_ANPR_ROI_TYPE,
      PLATE_X, PLATE_Y, PLATE_W, PLATE_H);
  roi->id = plate->id;
  gst_video_region_of_interest_meta_add_param (roi,
      gst_structure_new ("detection", "confidence", G_TYPE_DOUBLE, 0.6,
          NULL));
  out = gst_harness_push_and_pull (h, in);
  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 1);
  fail_unless_equals_string (gst_buffer_get_anpr_plate_meta_id (out,
          0)->text, PLATE_TEXT);
  fail_unless_equals_int (pop_reads (bus, NULL), 1);
  gst_buffer_unref (out);

  /* the plate meta's id, but a box elsewhere: not the same plate */
  in = make_frame ("GRAY8", luma);
  plate = gst_buffer_add_anpr_plate_meta (in, 0, 0, 40, 20, 0.6f);
  roi = gst_buffer_add_video_region_of_interest_meta (in, GST_ANPR_ROI_TYPE,
      PLATE_X, PLATE_Y, PLATE_W, PLATE_H);
  roi->id = plate->id;
  out = gst_harness_push_and_pull (h, in);
  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 2);
  fail_unless_equals_string (gst_buffer_get_anpr_plate_meta_id (out,
          1)->text, PLATE_TEXT);
  fail_unless_equals_int (pop_reads (bus, NULL), 1);
  gst_buffer_unref (out);

  ocr_harness_free (h, bus);
  g_free (luma);
}

GST_END_TEST;

/* A ROI of another type over the plate is not read. */
GST_START_TEST (test_other_roi_ignored)
{
  guint8 *luma = render_plate_luma (PLATE_TEXT);
  GstBus *bus;
  GstHarness *h = ocr_harness ("GRAY8", &bus);
  GstBuffer *out = gst_harness_push_and_pull (h,
      frame_with_roi (luma, "face", 0.9));

  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 0);
  fail_unless_equals_int (pop_reads (bus, NULL), 0);
  gst_buffer_unref (out);

  ocr_harness_free (h, bus);
  g_free (luma);
}

GST_END_TEST;

static Suite *
plateocrroi_suite (void)
{
  Suite *s = suite_create ("plateocrroi");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, render_plate_reset);
  tcase_add_test (tc, test_roi_only);
  tcase_add_test (tc, test_detector_pair_read_once);
  tcase_add_test (tc, test_other_roi_ignored);
  return s;
}

GST_CHECK_MAIN (plateocrroi);
