/* gst-anpr: plateocr element tests
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* RTLD_NOLOAD */
#endif

#include <dlfcn.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include "anprcheck.h"
#include <gst/check/gstharness.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>
#include <gst/anpr/anpr.h>
#include <cairo.h>

#include "plateocrframe.h"

static const gchar *formats[] = { "I420", "YV12", "NV12", "NV21", "Y42B",
  "Y444", "GRAY8", "BGR", "RGB", "BGRx", "RGBx", "xRGB", "xBGR", "BGRA",
  "RGBA", "ARGB", "ABGR", "YUY2", "UYVY", NULL
};

static void
setup (void)
{
  anpr_check_fatal_log_domains ();
}

GST_START_TEST (test_read_all_formats)
{
  guint8 *luma = render_plate_luma (PLATE_TEXT);
  guint i, k;

  for (i = 0; formats[i]; i++) {
    GstHarness *h = ocr_harness (formats[i], NULL);
    GstBuffer *in = make_frame (formats[i], luma), *out;
    GstAnprPlateMeta *meta;
    GstMapInfo a, b;
    GstBuffer *ref = gst_buffer_copy_deep (in);

    gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W, PLATE_H,
        0.9f);
    out = gst_harness_push_and_pull (h, in);
    fail_unless (out != NULL);

    meta = gst_buffer_iterate_anpr_plate_meta (out, &(gpointer) {
        NULL});
    fail_unless (meta != NULL, "%s: meta lost", formats[i]);
    GST_INFO ("%s: read %s (%.2f, %s)", formats[i], meta->text,
        meta->confidence, meta->format);
    fail_unless_equals_string (meta->text, PLATE_TEXT);
    fail_unless_equals_string (meta->region, "gb");
    fail_unless_equals_string (meta->format, "gb-current");
    fail_unless (meta->confidence > 0.0f && meta->confidence <= 1.0f);
    fail_unless (meta->n_candidates >= 1 && meta->n_candidates <= 5);
    fail_unless_equals_string (meta->candidates[0].text, PLATE_TEXT);
    /* the plate's confidence is its best candidate's, and every candidate
     * has one in 0..1 */
    fail_unless_equals_float (meta->confidence, meta->candidates[0].confidence);
    for (k = 0; k < meta->n_candidates; k++)
      fail_unless (meta->candidates[k].confidence >= 0.0f
          && meta->candidates[k].confidence <= 1.0f);

    /* analysis only: the pixels are untouched */
    fail_unless (gst_buffer_map (out, &a, GST_MAP_READ));
    fail_unless (gst_buffer_map (ref, &b, GST_MAP_READ));
    fail_unless_equals_int (a.size, b.size);
    fail_unless (memcmp (a.data, b.data, a.size) == 0);
    gst_buffer_unmap (out, &a);
    gst_buffer_unmap (ref, &b);

    gst_buffer_unref (ref);
    gst_buffer_unref (out);
    gst_harness_teardown (h);
  }
  g_free (luma);
}

GST_END_TEST;

GST_START_TEST (test_message)
{
  guint8 *luma = render_plate_luma (PLATE_TEXT);
  GstBus *bus;
  GstHarness *h = ocr_harness ("I420", &bus);
  GstBuffer *in = make_frame ("I420", luma), *out;
  GstMessage *msg;
  const GstStructure *s;
  const GValue *cands, *first;
  const GstStructure *c0;
  GstClockTime ts, rt, st, dur;
  guint id;
  guint64 track;
  gint x, y, w, hh;
  gdouble conf, dconf;

  gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W, PLATE_H,
      0.75f);
  out = gst_harness_push_and_pull (h, in);
  gst_buffer_unref (out);

  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT);
  fail_unless (msg != NULL);
  fail_unless (GST_MESSAGE_SRC (msg) == GST_OBJECT (h->element));
  s = gst_message_get_structure (msg);
  fail_unless (gst_structure_has_name (s, "anpr-read"));

  fail_unless (gst_structure_get_clock_time (s, "timestamp", &ts));
  fail_unless (gst_structure_get_clock_time (s, "running-time", &rt));
  fail_unless (gst_structure_get_clock_time (s, "stream-time", &st));
  fail_unless (gst_structure_get_clock_time (s, "duration", &dur));
  fail_unless_equals_uint64 (ts, 2 * GST_SECOND);
  fail_unless_equals_uint64 (rt, 2 * GST_SECOND);
  fail_unless_equals_uint64 (st, 2 * GST_SECOND);
  fail_unless_equals_uint64 (dur, GST_SECOND / 25);

  fail_unless (gst_structure_get_uint (s, "plate-id", &id));
  fail_unless_equals_string (gst_structure_get_string (s, "text"),
      PLATE_TEXT);
  fail_unless (gst_structure_get_double (s, "confidence", &conf));
  fail_unless (conf > 0.0 && conf <= 1.0);
  fail_unless_equals_string (gst_structure_get_string (s, "region"), "gb");
  fail_unless_equals_string (gst_structure_get_string (s, "format"),
      "gb-current");
  fail_unless (gst_structure_get_int (s, "x", &x));
  fail_unless (gst_structure_get_int (s, "y", &y));
  fail_unless (gst_structure_get_int (s, "width", &w));
  fail_unless (gst_structure_get_int (s, "height", &hh));
  fail_unless_equals_int (x, PLATE_X);
  fail_unless_equals_int (y, PLATE_Y);
  fail_unless_equals_int (w, PLATE_W);
  fail_unless_equals_int (hh, PLATE_H);
  fail_unless (gst_structure_get_double (s, "detect-confidence", &dconf));
  fail_unless (G_APPROX_VALUE (dconf, 0.75, 1e-6));
  fail_unless (gst_structure_get_uint64 (s, "track-id", &track));
  fail_unless_equals_uint64 (track, 0);

  cands = gst_structure_get_value (s, "candidates");
  fail_unless (cands != NULL && GST_VALUE_HOLDS_LIST (cands));
  fail_unless (gst_value_list_get_size (cands) >= 1);
  fail_unless (gst_value_list_get_size (cands) <= 5);
  first = gst_value_list_get_value (cands, 0);
  fail_unless (GST_VALUE_HOLDS_STRUCTURE (first));
  c0 = gst_value_get_structure (first);
  fail_unless (gst_structure_has_name (c0, "candidate"));
  fail_unless_equals_string (gst_structure_get_string (c0, "text"),
      PLATE_TEXT);
  fail_unless (gst_structure_has_field_typed (c0, "confidence",
          G_TYPE_DOUBLE));
  gst_message_unref (msg);

  /* one plate, one message */
  fail_unless (gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT) == NULL);

  /* message=false: the meta is filled, nothing is posted */
  g_object_set (h->element, "message", FALSE, NULL);
  in = make_frame ("I420", luma);
  gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W, PLATE_H,
      0.75f);
  out = gst_harness_push_and_pull (h, in);
  fail_unless_equals_string (gst_buffer_iterate_anpr_plate_meta (out,
          &(gpointer) {
          NULL})->text, PLATE_TEXT);
  gst_buffer_unref (out);
  fail_unless (gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT) == NULL);

  /* min-confidence above anything: no text, no message */
  g_object_set (h->element, "message", TRUE, "min-confidence", 1.0, NULL);
  in = make_frame ("I420", luma);
  gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W, PLATE_H,
      0.75f);
  out = gst_harness_push_and_pull (h, in);
  fail_unless_equals_string (gst_buffer_iterate_anpr_plate_meta (out,
          &(gpointer) {
          NULL})->text, "");
  gst_buffer_unref (out);
  fail_unless (gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT) == NULL);

  ocr_harness_free (h, bus);
  g_free (luma);
}

GST_END_TEST;

GST_START_TEST (test_properties)
{
  GstElement *e = gst_element_factory_make ("plateocr", NULL);
  GstAnprRegion region;
  guint maxc;
  gdouble minc;
  gchar *tessdata, *lang;
  gboolean message;

  fail_unless (e != NULL);
  g_object_get (e, "region", &region, "max-candidates", &maxc,
      "min-confidence", &minc, "tessdata", &tessdata, "language", &lang,
      "message", &message, NULL);
  fail_unless_equals_int (region, GST_ANPR_REGION_GB);
  fail_unless_equals_int (maxc, 5);
  fail_unless (minc == 0.0);
  fail_unless (tessdata == NULL);
  fail_unless_equals_string (lang, "eng");
  fail_unless (message);
  g_free (lang);

  g_object_set (e, "region", GST_ANPR_REGION_EU, NULL);
  g_object_get (e, "region", &region, NULL);
  fail_unless_equals_int (region, GST_ANPR_REGION_EU);

  /* by nick, as gst-launch does */
  gst_util_set_object_arg (G_OBJECT (e), "region", "us");
  g_object_get (e, "region", &region, NULL);
  fail_unless_equals_int (region, GST_ANPR_REGION_US);
  gst_util_set_object_arg (G_OBJECT (e), "region", "auto");
  g_object_get (e, "region", &region, NULL);
  fail_unless_equals_int (region, GST_ANPR_REGION_AUTO);

  g_object_set (e, "max-candidates", GST_ANPR_MAX_CANDIDATES, NULL);
  g_object_get (e, "max-candidates", &maxc, NULL);
  fail_unless_equals_int (maxc, GST_ANPR_MAX_CANDIDATES);

  g_object_set (e, "tessdata", "/usr/share/tesseract-ocr/5/tessdata", NULL);
  g_object_get (e, "tessdata", &tessdata, NULL);
  fail_unless_equals_string (tessdata, "/usr/share/tesseract-ocr/5/tessdata");
  g_free (tessdata);

  gst_object_unref (e);
}

GST_END_TEST;

GST_START_TEST (test_missing_tessdata)
{
  GstElement *e = gst_element_factory_make ("plateocr", NULL);
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;
  gchar *debug = NULL;

  gst_element_set_bus (e, bus);
  g_object_set (e, "tessdata", "/nonexistent/tessdata", "language",
      "nosuchlang", NULL);
  fail_unless_equals_int (gst_element_set_state (e, GST_STATE_PAUSED),
      GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  fail_unless (msg != NULL);
  gst_message_parse_error (msg, &err, &debug);
  fail_unless (g_error_matches (err, GST_RESOURCE_ERROR,
          GST_RESOURCE_ERROR_NOT_FOUND));
  fail_unless (strstr (err->message, "/nonexistent/tessdata") != NULL,
      "%s", err->message);
  fail_unless (strstr (err->message, "nosuchlang") != NULL);
  g_error_free (err);
  g_free (debug);
  gst_message_unref (msg);

  gst_element_set_state (e, GST_STATE_NULL);
  gst_element_set_bus (e, NULL);
  gst_object_unref (bus);
  gst_object_unref (e);
}

GST_END_TEST;

/* A model property (char-model, plate-model): NULL finds the model
 * shipped in data/models, "" reads without one, a model that was asked
 * for and is missing fails start, naming the file. */
static void
check_model_property (const gchar * prop, const gchar * missing)
{
  GstElement *e = gst_element_factory_make ("plateocr", NULL);
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;
  gchar *model = NULL;

  gst_element_set_bus (e, bus);
  g_object_get (e, prop, &model, NULL);
  fail_unless (model == NULL);
  fail_unless_equals_int (gst_element_set_state (e, GST_STATE_PAUSED),
      GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (gst_element_set_state (e, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);

  g_object_set (e, prop, "", NULL);
  fail_unless_equals_int (gst_element_set_state (e, GST_STATE_PAUSED),
      GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (gst_element_set_state (e, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);

  g_object_set (e, prop, missing, NULL);
  g_object_get (e, prop, &model, NULL);
  fail_unless_equals_string (model, missing);
  g_free (model);
  fail_unless_equals_int (gst_element_set_state (e, GST_STATE_PAUSED),
      GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  fail_unless (msg != NULL);
  gst_message_parse_error (msg, &err, NULL);
  fail_unless (g_error_matches (err, GST_RESOURCE_ERROR,
          GST_RESOURCE_ERROR_NOT_FOUND));
  fail_unless (strstr (err->message, missing) != NULL, "%s", err->message);
  g_error_free (err);
  gst_message_unref (msg);

  gst_element_set_state (e, GST_STATE_NULL);
  gst_element_set_bus (e, NULL);
  gst_object_unref (bus);
  gst_object_unref (e);
}

GST_START_TEST (test_char_model)
{
  check_model_property ("char-model", "/nonexistent/charclass.yml.gz");
}

GST_END_TEST;

GST_START_TEST (test_plate_model)
{
  check_model_property ("plate-model", "/nonexistent/platerec.onnx");
}

GST_END_TEST;

/* A settled track's routine looks are checks by the plate network, not
 * readings: the same plate on a tracked box for 40 frames is read (and
 * posted) only until it settles. */
GST_START_TEST (test_settled_plate_checked)
{
  guint8 *luma = render_plate_luma (PLATE_TEXT);
  GstBus *bus;
  GstHarness *h = ocr_harness ("I420", &bus);
  GstMessage *msg;
  guint i, reads = 0, settled_not_read = 0;

  for (i = 0; i < 40; i++) {
    GstBuffer *in = make_frame ("I420", luma), *out;
    GstAnprPlateMeta *m = gst_buffer_add_anpr_plate_meta (in, PLATE_X,
        PLATE_Y, PLATE_W, PLATE_H, 0.75f);

    m->track_id = 1;
    out = gst_harness_push_and_pull (h, in);
    m = gst_buffer_iterate_anpr_plate_meta (out, &(gpointer) {
        NULL});
    fail_unless_equals_string (m->track_text, i >= 20 ? PLATE_TEXT :
        m->track_text);
    if ((m->track_flags & GST_ANPR_TRACK_FLAG_SETTLED) &&
        (m->track_flags & GST_ANPR_TRACK_FLAG_NOT_READ))
      settled_not_read++;
    gst_buffer_unref (out);
  }
  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    if (gst_message_has_name (msg, "anpr-read"))
      reads++;
    gst_message_unref (msg);
  }
  GST_INFO ("%u readings, %u settled sightings not read", reads,
      settled_not_read);
  fail_unless (reads >= 3 && reads <= 4, "%u readings", reads);
  fail_unless (settled_not_read >= 20, "%u", settled_not_read);

  ocr_harness_free (h, bus);
  g_free (luma);
}

GST_END_TEST;

/* A box that touches an edge of the frame may cut the plate (or be the
 * camera's burnt-in text): whatever is read there stays below 0.9, which
 * alerts rely on. */
GST_START_TEST (test_clipped_confidence)
{
  guint8 *luma = render_plate_luma (PLATE_TEXT);
  GstBus *bus;
  GstHarness *h = ocr_harness ("GRAY8", &bus);
  GstBuffer *in, *out;
  GstAnprPlateMeta *meta;
  gpointer state = NULL;
  guint n = 0;

  in = make_frame ("GRAY8", luma);
  gst_buffer_add_anpr_plate_meta (in, 0, PLATE_Y, PLATE_X + PLATE_W,
      PLATE_H, 0.9f);
  gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, WIDTH - PLATE_X,
      PLATE_H, 0.9f);
  /* the top and bottom edges too: a plate cut there, or the date and time
   * a camera burns into the frame's margin */
  gst_buffer_add_anpr_plate_meta (in, PLATE_X, 0, PLATE_W, PLATE_Y + PLATE_H,
      0.9f);
  gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W,
      HEIGHT - PLATE_Y, 0.9f);
  out = gst_harness_push_and_pull (h, in);
  while ((meta = gst_buffer_iterate_anpr_plate_meta (out, &state))) {
    guint k;

    n++;
    GST_INFO ("box %d,%d %dx%d read \"%s\" at %.3f", meta->x, meta->y,
        meta->width, meta->height, meta->text, meta->confidence);
    fail_unless (meta->n_candidates > 0);
    for (k = 0; k < meta->n_candidates; k++)
      fail_unless (meta->candidates[k].confidence < 0.9f, "%s at %f",
          meta->candidates[k].text, meta->candidates[k].confidence);
  }
  fail_unless_equals_int (n, 4);
  gst_buffer_unref (out);

  ocr_harness_free (h, bus);
  g_free (luma);
}

GST_END_TEST;

/* Digits only, in a region whose catch-all takes them (us): more often a
 * house number, a price or a camera's burnt-in time than a plate, so
 * believed half as much as a catch-all reading with a letter: never above
 * 0.4 (the catch-all's 0.8, halved). */
static gfloat
read_us_confidence (const gchar * text)
{
  guint8 *luma = render_plate_luma (text);
  GstHarness *h = ocr_harness ("GRAY8", NULL);
  GstBuffer *in, *out;
  GstAnprPlateMeta *meta;
  gpointer state = NULL;
  gfloat conf;

  gst_util_set_object_arg (G_OBJECT (h->element), "region", "us");
  in = make_frame ("GRAY8", luma);
  gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W, PLATE_H,
      0.9f);
  out = gst_harness_push_and_pull (h, in);
  meta = gst_buffer_iterate_anpr_plate_meta (out, &state);
  fail_unless (meta != NULL);
  GST_INFO ("%s read \"%s\" at %.3f", text, meta->text, meta->confidence);
  fail_unless_equals_string (meta->text, text);
  conf = meta->confidence;
  gst_buffer_unref (out);
  gst_harness_teardown (h);
  g_free (luma);
  return conf;
}

GST_START_TEST (test_digits_only_confidence)
{
  gfloat digits = read_us_confidence ("2014052");
  gfloat plate = read_us_confidence ("2014G52");

  fail_unless (digits <= 0.401f && plate > 0.401f,
      "digits %f, with a letter %f", digits, plate);
}

GST_END_TEST;

/* No digit but 0 (the O of a word, where O is written 0): more often a
 * dealer's name or a sign than a plate, believed half as much too. */
GST_START_TEST (test_word_confidence)
{
  gfloat word = read_us_confidence ("REFERRAL");
  gfloat with_o = read_us_confidence ("N0RTHERN");
  gfloat plate = read_us_confidence ("REF3RRAL");

  fail_unless (word <= 0.401f && with_o <= 0.401f && plate > 0.401f,
      "words %f and %f, with a digit %f", word, with_o, plate);
}

GST_END_TEST;

/* A buffer shorter than its caps say is passed on as it is, with one
 * element warning however many follow it at once. */
GST_START_TEST (test_unmappable_frame)
{
  GstBus *bus;
  GstHarness *h = ocr_harness ("I420", &bus);
  guint i;

  for (i = 0; i < 3; i++) {
    GstBuffer *in = gst_buffer_new_allocate (NULL, WIDTH * HEIGHT / 2, NULL);
    GstBuffer *out;
    GstAnprPlateMeta *meta;

    gst_buffer_memset (in, 0, 0x80, WIDTH * HEIGHT / 2);
    gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W, PLATE_H,
        0.9f);
    fail_unless_equals_int (gst_harness_push (h, in), GST_FLOW_OK);
    out = gst_harness_pull (h);
    fail_unless (out != NULL);
    meta = gst_buffer_get_anpr_plate_meta_id (out, 0);
    fail_unless (meta != NULL && meta->text[0] == '\0');
    gst_buffer_unref (out);
  }
  fail_unless_equals_int (anpr_check_drain_bus (bus, GST_MESSAGE_WARNING), 1);
  fail_unless_equals_int (anpr_check_drain_bus (bus, GST_MESSAGE_ERROR), 0);

  ocr_harness_free (h, bus);
}

GST_END_TEST;

GST_START_TEST (test_blank_and_clamped)
{
  guint8 *luma = render_plate_luma (PLATE_TEXT);
  GstBus *bus;
  GstHarness *h = ocr_harness ("GRAY8", &bus);
  GstBuffer *in, *out;
  GstAnprPlateMeta *meta;
  gpointer state = NULL;
  guint n = 0;

  /* a box over plain grey pixels, a box partly outside the frame, one
   * entirely outside, a degenerate one, and the real plate */
  in = make_frame ("GRAY8", luma);
  gst_buffer_add_anpr_plate_meta (in, 0, 0, 50, 50, 0.5f);
  gst_buffer_add_anpr_plate_meta (in, WIDTH - 100, HEIGHT - 40, 300, 200,
      0.5f);
  gst_buffer_add_anpr_plate_meta (in, -200, -100, 400, 250, 0.5f);
  gst_buffer_add_anpr_plate_meta (in, WIDTH + 10, HEIGHT + 10, 100, 30, 0.5f);
  gst_buffer_add_anpr_plate_meta (in, 10, 10, 0, 0, 0.5f);
  gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W, PLATE_H,
      0.9f);
  out = gst_harness_push_and_pull (h, in);

  while ((meta = gst_buffer_iterate_anpr_plate_meta (out, &state))) {
    GST_INFO ("box %d,%d %dx%d read \"%s\"", meta->x, meta->y, meta->width,
        meta->height, meta->text);
    switch (n++) {
      case 0:                  /* blank */
        fail_unless_equals_string (meta->text, "");
        fail_unless_equals_int (meta->n_candidates, 0);
        break;
      case 3:                  /* outside */
      case 4:                  /* empty */
        fail_unless_equals_string (meta->text, "");
        break;
      case 5:
        fail_unless_equals_string (meta->text, PLATE_TEXT);
        break;
      default:                 /* clamped: anything but a crash */
        break;
    }
  }
  fail_unless_equals_int (n, 6);
  gst_buffer_unref (out);

  /* a whole frame of nothing */
  memset (luma, 128, WIDTH * HEIGHT);
  in = make_frame ("GRAY8", luma);
  gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W, PLATE_H,
      0.9f);
  out = gst_harness_push_and_pull (h, in);
  fail_unless_equals_string (gst_buffer_iterate_anpr_plate_meta (out,
          &(gpointer) {
          NULL})->text, "");
  gst_buffer_unref (out);
  /* only the real plate was announced */
  {
    GstMessage *msg;
    guint msgs = 0;

    while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
      msgs++;
      gst_message_unref (msg);
    }
    fail_unless (msgs >= 1 && msgs <= 3);
  }

  /* no meta at all: passes through untouched */
  in = make_frame ("GRAY8", luma);
  out = gst_harness_push_and_pull (h, in);
  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 0);
  gst_buffer_unref (out);

  ocr_harness_free (h, bus);
  g_free (luma);
}

GST_END_TEST;

/* Decodes one PNG to an RGB buffer. */
static GstSample *
load_png (const gchar * path)
{
  gchar *desc = g_strdup_printf ("filesrc location=\"%s\" ! pngdec ! "
      "videoconvert ! video/x-raw,format=RGB ! appsink name=sink", path);
  GstElement *pipe = anpr_check_parse_launch (desc);
  GstElement *sink;
  GstSample *sample = NULL;

  g_free (desc);
  sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
  gst_element_set_state (pipe, GST_STATE_PLAYING);
  sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 10 * GST_SECOND);
  gst_element_set_state (pipe, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipe);
  return sample;
}

/* With ANPR_SAMPLES_DIR set (images/NAME.png and truth.tsv from the synthetic
 * plate generator), reads each labelled plate on its truth box. */
GST_START_TEST (test_samples)
{
  const gchar *dir = g_getenv ("ANPR_SAMPLES_DIR");
  gchar *truth, *contents = NULL, **lines;
  guint i, n = 0, read = 0;
  /* under valgrind (ANPR_TEST_LIGHT, tests/meson.build) the same checks
   * on a few stills: each starts Tesseract again */
  const guint max_n = g_getenv ("ANPR_TEST_LIGHT") ? 4 : 40;

  truth = g_build_filename (dir, "truth.tsv", NULL);
  fail_unless (g_file_get_contents (truth, &contents, NULL, NULL),
      "cannot read %s", truth);
  g_free (truth);
  lines = g_strsplit (contents, "\n", -1);

  for (i = 1; lines[i] && n < max_n; i++) {
    gchar **f = g_strsplit (lines[i], "\t", -1);
    gchar *path;
    GstSample *sample;
    GstHarness *h;
    GstBuffer *in, *out;
    GstAnprPlateMeta *meta;

    if (g_strv_length (f) < 6 || !f[1][0]) {
      g_strfreev (f);
      continue;
    }
    path = g_build_filename (dir, "images", f[0], NULL);
    sample = load_png (path);
    fail_unless (sample != NULL, "could not decode %s", path);

    h = gst_harness_new ("plateocr");
    gst_harness_set_src_caps (h, gst_caps_copy (gst_sample_get_caps (sample)));
    in = gst_buffer_copy (gst_sample_get_buffer (sample));
    gst_buffer_add_anpr_plate_meta (in, atoi (f[2]), atoi (f[3]),
        atoi (f[4]), atoi (f[5]), 1.0f);
    out = gst_harness_push_and_pull (h, in);
    meta = gst_buffer_iterate_anpr_plate_meta (out, &(gpointer) {
        NULL});
    n++;
    if (g_strcmp0 (meta->text, f[1]) == 0)
      read++;
    GST_INFO ("%s: %s read %s", f[0], f[1], meta->text);

    gst_buffer_unref (out);
    gst_harness_teardown (h);
    gst_sample_unref (sample);
    g_free (path);
    g_strfreev (f);
  }
  g_strfreev (lines);
  g_free (contents);

  g_print ("plateocr samples: %u of %u plates read exactly\n", read, n);
  /* rendered GB plates in a plate font: most must read */
  fail_unless (n > 0 && read * 2 >= n, "only %u of %u read", read, n);
}

GST_END_TEST;

/* Starting plateocr loads Tesseract, and so libgomp, only then, after
 * capping OpenMP to one passive thread unless the user set the variables.
 * Needs a process where libgomp is not loaded yet: with CK_FORK (the
 * default) every test has one; tests/meson.build also runs each of these
 * tests in a process of its own, so that they hold under valgrind
 * (CK_FORK=no) too. */
static gint
omp_thread_limit_after_start (const gchar * user_limit)
{
  GstElement *e;
  gpointer gomp;
  gint (*get_limit) (void);
  gint limit;

  gomp = dlopen ("libgomp.so.1", RTLD_LAZY | RTLD_NOLOAD);
  fail_unless (gomp == NULL, "libgomp is loaded already: run this test in "
      "a process of its own (GST_CHECKS=test_omp_...)");
  g_unsetenv ("OMP_THREAD_LIMIT");
  g_unsetenv ("OMP_WAIT_POLICY");
  if (user_limit)
    g_setenv ("OMP_THREAD_LIMIT", user_limit, TRUE);

  e = gst_element_factory_make ("plateocr", NULL);
  fail_unless_equals_int (gst_element_set_state (e, GST_STATE_PAUSED),
      GST_STATE_CHANGE_SUCCESS);
  gomp = dlopen ("libgomp.so.1", RTLD_LAZY | RTLD_NOLOAD);
  fail_unless (gomp != NULL, "starting plateocr did not load libgomp");
  get_limit = (gint (*)(void)) dlsym (gomp, "omp_get_thread_limit");
  fail_unless (get_limit != NULL);
  limit = get_limit ();
  dlclose (gomp);
  gst_element_set_state (e, GST_STATE_NULL);
  gst_object_unref (e);
  return limit;
}

/* NULL when libgomp is not loaded in this process yet, else why the
 * OpenMP tests cannot run here. */
static gchar *
omp_missing_fresh_process (void)
{
  gpointer gomp = dlopen ("libgomp.so.1", RTLD_LAZY | RTLD_NOLOAD);

  if (!gomp)
    return NULL;
  dlclose (gomp);
  return g_strdup ("libgomp is already loaded in this process");
}

GST_START_TEST (test_omp_defaults)
{
  fail_unless_equals_int (omp_thread_limit_after_start (NULL), 1);
  fail_unless_equals_string (g_getenv ("OMP_WAIT_POLICY"), "passive");
}

GST_END_TEST;

GST_START_TEST (test_omp_user_setting)
{
  fail_unless_equals_int (omp_thread_limit_after_start ("3"), 3);
}

GST_END_TEST;

/* Properties changed from other threads while plates are read: no crash,
 * no lost buffer, no invalid access under valgrind. */
GST_START_TEST (test_stress_properties)
{
  guint8 *luma = render_plate_luma (PLATE_TEXT);
  GstHarness *h = ocr_harness ("GRAY8", NULL);
  GstHarnessThread *threads[4];
  GValue region = G_VALUE_INIT, maxc = G_VALUE_INIT, minc = G_VALUE_INIT,
      msg = G_VALUE_INIT;
  guint i;

  g_value_init (&region, GST_ANPR_TYPE_REGION);
  g_value_set_enum (&region, GST_ANPR_REGION_EU);
  g_value_init (&maxc, G_TYPE_UINT);
  g_value_set_uint (&maxc, 3);
  g_object_set (h->element, "max-candidates", 2, NULL);
  g_value_init (&minc, G_TYPE_DOUBLE);
  g_value_set_double (&minc, 0.2);
  g_value_init (&msg, G_TYPE_BOOLEAN);
  g_value_set_boolean (&msg, FALSE);

  threads[0] = gst_harness_stress_property_start_full (h, "region", &region,
      100);
  threads[1] = gst_harness_stress_property_start_full (h, "max-candidates",
      &maxc, 100);
  threads[2] = gst_harness_stress_property_start_full (h, "min-confidence",
      &minc, 100);
  threads[3] = gst_harness_stress_property_start_full (h, "message", &msg,
      100);

  for (i = 0; i < 4; i++) {
    GstBuffer *in = make_frame ("GRAY8", luma), *out;
    GstAnprPlateMeta *meta;

    gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W, PLATE_H,
        0.9f);
    out = gst_harness_push_and_pull (h, in);
    fail_unless (out != NULL);
    meta = gst_buffer_get_anpr_plate_meta_id (out, 0);
    fail_unless (meta != NULL);
    fail_unless (meta->n_candidates <= 3);
    gst_buffer_unref (out);
  }

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    fail_unless (gst_harness_stress_thread_stop (threads[i]) > 0);
  g_value_unset (&region);
  g_value_unset (&maxc);
  g_value_unset (&minc);
  g_value_unset (&msg);
  gst_harness_teardown (h);
  g_free (luma);
}

GST_END_TEST;

static Suite *
plateocr_suite (void)
{
  Suite *s = suite_create ("plateocr");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, render_plate_reset);
  tcase_add_test (tc, test_properties);
  tcase_add_test (tc, test_missing_tessdata);
  tcase_add_test (tc, test_char_model);
  tcase_add_test (tc, test_plate_model);
  tcase_add_test (tc, test_message);
  tcase_add_test (tc, test_read_all_formats);
  tcase_add_test (tc, test_blank_and_clamped);
  tcase_add_test (tc, test_unmappable_frame);
  tcase_add_test (tc, test_clipped_confidence);
  tcase_add_test (tc, test_settled_plate_checked);
  tcase_add_test (tc, test_digits_only_confidence);
  tcase_add_test (tc, test_word_confidence);
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_samples,
      anpr_check_missing_env_path ("ANPR_SAMPLES_DIR"));
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_omp_defaults,
      omp_missing_fresh_process ());
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_omp_user_setting,
      omp_missing_fresh_process ());
  tcase_add_test (tc, test_stress_properties);
  return s;
}

ANPR_CHECK_MAIN (plateocr);
