/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Unit tests of the platedetect element.  Frames with a plate are drawn
 * here (a 5x7 bitmap font scaled up on a white plate over a textured gray
 * background), so the tests need no data files.  When ANPR_SAMPLES_DIR
 * (generated samples: images/ *.png + truth.tsv) or ANPR_SHARED_DATA (the
 * shared evaluation sets) are set, detection is also measured on those. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <gst/video/video.h>
#include <gst/anpr/anpr.h>

#include "anprcheck.h"
#include "platedetectframe.h"

/* ---- tests ------------------------------------------------------------- */

static const gchar *formats[] = {
  "I420", "YV12", "NV12", "NV21", "Y42B", "Y444", "GRAY8", "YUY2", "UYVY",
  "BGR", "RGB", "BGRx", "BGRA", "RGBx", "RGBA", "xRGB", "ARGB", "xBGR",
  "ABGR"
};

GST_START_TEST (test_formats)
{
  const gchar *fmt = formats[__i__];
  GstVideoInfo info;
  GstHarness *h;
  GstBuffer *in, *out;
  GstCaps *caps;
  Luma *l;
  GstVideoRectangle truth;
  gchar *caps_str;

  caps_str = g_strdup_printf ("video/x-raw,format=%s,width=400,height=300,"
      "framerate=25/1", fmt);
  h = harness_for (caps_str);

  l = luma_new_background (400, 300, 1, 6);
  truth = luma_draw_plate (l, 90, 150, "AB12CDE", 4);
  caps = gst_caps_from_string (caps_str);
  fail_unless (gst_video_info_from_caps (&info, caps));
  in = make_buffer (&info, l, 0);

  out = gst_harness_push_and_pull (h, in);
  fail_unless (out != NULL, "%s: no buffer out", fmt);
  /* same caps out as in */
  {
    GstCaps *srccaps = gst_pad_get_current_caps (h->sinkpad);
    fail_unless (srccaps != NULL);
    fail_unless (gst_caps_is_equal (srccaps, caps), "%s: caps changed", fmt);
    gst_caps_unref (srccaps);
  }
  fail_unless (gst_buffer_get_n_anpr_plate_metas (out) >= 1,
      "%s: no plate found", fmt);
  fail_unless (check_metas (out, &truth) >= 0.5, "%s: box off the plate",
      fmt);

  gst_buffer_unref (out);
  gst_caps_unref (caps);
  luma_free (l);
  g_free (caps_str);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Frames are analysed in place and only read: the pixels come out
 * untouched and the memory is not copied. */
GST_START_TEST (test_read_only)
{
  GstVideoInfo info;
  GstHarness *h;
  GstBuffer *in, *out, *ref;
  GstMapInfo a, b;
  Luma *l;

  h = harness_for ("video/x-raw,format=I420,width=320,height=240,"
      "framerate=25/1");
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_I420, 320, 240);
  l = luma_new_background (320, 240, 2, 6);
  luma_draw_plate (l, 40, 100, "KX64MPR", 4);
  in = make_buffer (&info, l, 0);
  /* keep a second reference: the element must still not write */
  ref = gst_buffer_ref (in);

  out = gst_harness_push_and_pull (h, in);
  fail_unless (out != NULL);
  fail_unless (gst_buffer_get_n_anpr_plate_metas (out) >= 1);
  fail_unless (gst_buffer_peek_memory (out, 0) ==
      gst_buffer_peek_memory (ref, 0), "memory was copied");
  fail_unless (gst_buffer_map (out, &a, GST_MAP_READ));
  fail_unless (gst_buffer_map (ref, &b, GST_MAP_READ));
  fail_unless (a.size == b.size && memcmp (a.data, b.data, a.size) == 0);
  gst_buffer_unmap (out, &a);
  gst_buffer_unmap (ref, &b);
  /* our reference never gets the metadata */
  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (ref), 0);

  gst_buffer_unref (out);
  gst_buffer_unref (ref);
  luma_free (l);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* A frame no wider than process-width is analysed in place; a later,
 * wider frame is downscaled.  When the downscaled size equals the earlier
 * frame's, the scaled copy must still go to the element's own memory, not
 * into the earlier (read-only, maybe still in use) frame. */
GST_START_TEST (test_size_change)
{
  GstVideoInfo info;
  GstHarness *h;
  GstBuffer *first, *second;
  GstMapInfo map;
  guint8 *copy;
  gsize size;
  Luma *l;

  h = harness_for ("video/x-raw,format=GRAY8,width=640,height=480,"
      "framerate=25/1");
  g_object_set (h->element, "process-width", 640, NULL);
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8, 640, 480);
  l = luma_new_background (640, 480, 11, 6);
  luma_draw_plate (l, 60, 200, "KX64MPR", 4);
  first = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  luma_free (l);
  fail_unless (first != NULL);
  fail_unless (gst_buffer_map (first, &map, GST_MAP_READ));
  copy = g_memdup2 (map.data, map.size);
  size = map.size;
  gst_buffer_unmap (first, &map);

  gst_harness_set_src_caps_str (h, "video/x-raw,format=GRAY8,width=800,"
      "height=600,framerate=25/1");
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8, 800, 600);
  l = luma_new_background (800, 600, 12, 6);
  luma_draw_plate (l, 300, 400, "PR07XKM", 5);
  second = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  luma_free (l);
  fail_unless (second != NULL);
  fail_unless (gst_buffer_get_n_anpr_plate_metas (second) >= 1);

  fail_unless (gst_buffer_map (first, &map, GST_MAP_READ));
  fail_unless (map.size == size && memcmp (map.data, copy, size) == 0,
      "the earlier frame was written to");
  gst_buffer_unmap (first, &map);

  g_free (copy);
  gst_buffer_unref (first);
  gst_buffer_unref (second);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Odd sizes: the default RGB stride is padded to 4 bytes (321 * 3 = 963 ->
 * 964), and a buffer with an explicit much larger stride. */
GST_START_TEST (test_padded_stride)
{
  static const struct
  {
    const gchar *format;
    gint width, height, stride;
  } cases[] = {
    {"RGB", 321, 241, 0},
    {"RGB", 321, 241, 1100},
    {"GRAY8", 333, 247, 512},
    {"BGRx", 331, 239, 2048},
    {"I420", 323, 245, 0},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    GstVideoInfo info;
    GstHarness *h;
    GstBuffer *out;
    GstVideoRectangle truth;
    Luma *l;
    gchar *caps_str;

    caps_str = g_strdup_printf ("video/x-raw,format=%s,width=%d,height=%d,"
        "framerate=25/1", cases[i].format, cases[i].width, cases[i].height);
    h = harness_for (caps_str);
    fail_unless (gst_video_info_set_format (&info,
            gst_video_format_from_string (cases[i].format), cases[i].width,
            cases[i].height));
    l = luma_new_background (cases[i].width, cases[i].height, 3 + i, 5);
    truth = luma_draw_plate (l, 37, 97, "PR07XKM", 4);

    out = gst_harness_push_and_pull (h, make_buffer (&info, l,
            cases[i].stride));
    fail_unless (out != NULL);
    fail_unless (gst_buffer_get_n_anpr_plate_metas (out) >= 1,
        "%s %dx%d stride %d: no plate", cases[i].format, cases[i].width,
        cases[i].height, cases[i].stride);
    fail_unless (check_metas (out, &truth) >= 0.5);

    gst_buffer_unref (out);
    luma_free (l);
    g_free (caps_str);
    gst_harness_teardown (h);
  }
}

GST_END_TEST;

/* The meta contract: plate meta and ROI meta per plate, ids 0..n-1, box
 * on the plate, confidence above the threshold; two plates on one frame. */
GST_START_TEST (test_meta)
{
  GstVideoInfo info;
  GstHarness *h;
  GstBuffer *out;
  GstVideoRectangle truth1, truth2;
  GstAnprPlateMeta *p;
  gpointer state = NULL;
  guint n, i;
  gfloat threshold;
  Luma *l;

  h = harness_for ("video/x-raw,format=BGR,width=640,height=480,"
      "framerate=25/1");
  g_object_get (h->element, "threshold", &threshold, NULL);
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_BGR, 640, 480);
  l = luma_new_background (640, 480, 4, 6);
  truth1 = luma_draw_plate (l, 60, 90, "AB12CDE", 5);
  truth2 = luma_draw_plate (l, 300, 330, "KX64MPR", 3);

  out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  n = gst_buffer_get_n_anpr_plate_metas (out);
  fail_unless (n >= 2, "found %u plates, expected 2", n);
  check_metas (out, NULL);
  fail_unless (check_metas (out, &truth1) >= 0.5);
  fail_unless (check_metas (out, &truth2) >= 0.5);

  i = 0;
  while ((p = gst_buffer_iterate_anpr_plate_meta (out, &state))) {
    fail_unless (p->id < n);
    fail_unless (p->detect_confidence >= threshold);
    fail_unless (p->width > 0 && p->height > 0);
    fail_unless (p->x >= 0 && p->y >= 0 && p->x + p->width <= 640
        && p->y + p->height <= 480);
    /* nothing read yet */
    fail_unless_equals_string (p->text, "");
    i++;
  }
  fail_unless_equals_int (i, n);
  for (i = 0; i < n; i++)
    fail_unless (gst_buffer_get_anpr_plate_meta_id (out, i) != NULL);

  gst_buffer_unref (out);
  luma_free (l);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Nothing to find: flat, textured and noisy frames give no plates. */
GST_START_TEST (test_no_plate)
{
  GstVideoInfo info;
  GstHarness *h;
  gint noise;

  h = harness_for ("video/x-raw,format=GRAY8,width=640,height=480,"
      "framerate=25/1");
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8, 640, 480);

  for (noise = 0; noise <= 60; noise += 20) {
    Luma *l = luma_new_background (640, 480, 5 + noise, noise);
    GstBuffer *out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));

    fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 0);
    check_metas (out, NULL);
    gst_buffer_unref (out);
    luma_free (l);
  }
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Garbage never crashes: random bytes, tiny frames, a buffer shorter than
 * the caps say (passed through without plates). */
GST_START_TEST (test_garbage)
{
  static const struct
  {
    const gchar *format;
    gint width, height;
  } cases[] = {
    {"BGRx", 1280, 720}, {"I420", 2, 2}, {"RGB", 1, 1}, {"GRAY8", 7, 3},
    {"YUY2", 2, 1}, {"NV12", 16, 4096},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    GstVideoInfo info;
    GstHarness *h;
    GstBus *bus;
    GstBuffer *in, *out;
    GstMapInfo map;
    guint32 seed = 42 + i;
    gsize k;
    gchar *caps_str;

    caps_str = g_strdup_printf ("video/x-raw,format=%s,width=%d,height=%d,"
        "framerate=25/1", cases[i].format, cases[i].width, cases[i].height);
    h = harness_for (caps_str);
    bus = gst_bus_new ();
    gst_element_set_bus (h->element, bus);
    gst_video_info_set_format (&info,
        gst_video_format_from_string (cases[i].format), cases[i].width,
        cases[i].height);

    in = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&info), NULL);
    fail_unless (gst_buffer_map (in, &map, GST_MAP_WRITE));
    for (k = 0; k < map.size; k++)
      map.data[k] = lcg (&seed) & 0xff;
    gst_buffer_unmap (in, &map);
    out = gst_harness_push_and_pull (h, in);
    fail_unless (out != NULL);
    check_metas (out, NULL);
    gst_buffer_unref (out);

    /* too short for the caps, twice: passed on without plates, with one
     * element warning (the next comes only after a while) */
    if (GST_VIDEO_INFO_SIZE (&info) > 1) {
      guint j;

      for (j = 0; j < 2; j++) {
        in = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&info) / 2,
            NULL);
        gst_buffer_memset (in, 0, 0x80, GST_VIDEO_INFO_SIZE (&info) / 2);
        fail_unless_equals_int (gst_harness_push (h, in), GST_FLOW_OK);
        out = gst_harness_pull (h);
        fail_unless (out != NULL);
        fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 0);
        gst_buffer_unref (out);
      }
      fail_unless_equals_int (anpr_check_drain_bus (bus, GST_MESSAGE_WARNING),
          1);
    }
    gst_element_set_bus (h->element, NULL);
    gst_object_unref (bus);

    g_free (caps_str);
    gst_harness_teardown (h);
  }
}

GST_END_TEST;

GST_START_TEST (test_properties)
{
  GstElement *e = gst_element_factory_make ("platedetect", NULL);
  gfloat threshold;
  guint min_width, max_plates, process_width, interval;
  gboolean message;

  fail_unless (e != NULL);
  g_object_get (e, "threshold", &threshold, "min-plate-width", &min_width,
      "max-plates", &max_plates, "process-width", &process_width,
      "interval", &interval, "message", &message, NULL);
  fail_unless (threshold > 0.0f && threshold < 1.0f);
  fail_unless (min_width > 0);
  fail_unless (max_plates >= 1);
  fail_unless_equals_int (interval, 1);
  fail_unless (!message);

  g_object_set (e, "threshold", 0.25f, "min-plate-width", 80,
      "max-plates", 7, "process-width", 0, "interval", 3, "message", TRUE,
      NULL);
  g_object_get (e, "threshold", &threshold, "min-plate-width", &min_width,
      "max-plates", &max_plates, "process-width", &process_width,
      "interval", &interval, "message", &message, NULL);
  fail_unless (ABS (threshold - 0.25f) < 1e-6);
  fail_unless_equals_int (min_width, 80);
  fail_unless_equals_int (max_plates, 7);
  fail_unless_equals_int (process_width, 0);
  fail_unless_equals_int (interval, 3);
  fail_unless (message);

  gst_object_unref (e);
}

GST_END_TEST;

/* Properties act: interval skips frames, threshold 1 finds nothing,
 * min-plate-width drops small plates, max-plates caps the count,
 * process-width keeps boxes in frame pixels. */
GST_START_TEST (test_property_effects)
{
  GstVideoInfo info;
  GstHarness *h;
  GstBuffer *out;
  GstVideoRectangle truth1, truth2;
  GstAnprPlateMeta *p;
  gpointer state;
  guint n_low;
  Luma *l;

  h = harness_for ("video/x-raw,format=GRAY8,width=1600,height=900,"
      "framerate=25/1");
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8, 1600, 900);
  l = luma_new_background (1600, 900, 6, 6);
  truth1 = luma_draw_plate (l, 900, 600, "AB12CDE", 8);
  truth2 = luma_draw_plate (l, 200, 200, "KX64MPR", 5);

  /* process-width 640: analysed at 0.4 scale, reported in frame pixels */
  g_object_set (h->element, "process-width", 640, NULL);
  out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  fail_unless (check_metas (out, &truth1) >= 0.5);
  fail_unless (check_metas (out, &truth2) >= 0.5);
  gst_buffer_unref (out);

  g_object_set (h->element, "process-width", 0, "max-plates", 1, NULL);
  out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 1);
  gst_buffer_unref (out);

  g_object_set (h->element, "max-plates", 4, "min-plate-width", 300, NULL);
  out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  fail_unless (check_metas (out, &truth1) >= 0.5);
  fail_unless (check_metas (out, &truth2) < 0.3);
  gst_buffer_unref (out);

  /* threshold: only plates at least that confident */
  g_object_set (h->element, "min-plate-width", 40, "threshold", 0.0f, NULL);
  out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  n_low = gst_buffer_get_n_anpr_plate_metas (out);
  gst_buffer_unref (out);
  g_object_set (h->element, "threshold", 0.95f, NULL);
  out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  fail_unless (gst_buffer_get_n_anpr_plate_metas (out) <= n_low);
  state = NULL;
  while ((p = gst_buffer_iterate_anpr_plate_meta (out, &state)))
    fail_unless (p->detect_confidence >= 0.95f);
  gst_buffer_unref (out);

  /* interval 2: of two consecutive frames, exactly one is analysed */
  g_object_set (h->element, "threshold", 0.3f, "interval", 2, NULL);
  out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  n_low = gst_buffer_get_n_anpr_plate_metas (out) > 0 ? 1 : 0;
  gst_buffer_unref (out);
  out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  n_low += gst_buffer_get_n_anpr_plate_metas (out) > 0 ? 1 : 0;
  gst_buffer_unref (out);
  fail_unless_equals_int (n_low, 1);

  luma_free (l);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Small plates of a wide frame (a dashcam's distant cars): characters
 * 7 pixels high with strokes of about one pixel, drawn at twice the size
 * and averaged down like a camera's pixels, are still found. */
GST_START_TEST (test_small_plate)
{
  GstVideoInfo info;
  GstHarness *h;
  GstBuffer *out;
  GstVideoRectangle big, truth;
  Luma *l, *small;
  gint x, y;

  h = harness_for ("video/x-raw,format=GRAY8,width=1280,height=720,"
      "framerate=25/1");
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8, 1280, 720);
  l = luma_new_background (2560, 1440, 9, 4);
  big = luma_draw_plate (l, 1220, 840, "KX64MPR", 2);
  small = luma_new_background (1280, 720, 9, 0);
  for (y = 0; y < 720; y++)
    for (x = 0; x < 1280; x++) {
      const guint8 *p = l->pixels + 2 * y * 2560 + 2 * x;

      small->pixels[y * 1280 + x] = (p[0] + p[1] + p[2560] + p[2561] + 2) / 4;
    }
  truth.x = big.x / 2;
  truth.y = big.y / 2;
  truth.w = big.w / 2;
  truth.h = big.h / 2;

  out = gst_harness_push_and_pull (h, make_buffer (&info, small, 0));
  fail_unless (check_metas (out, &truth) >= 0.3, "small plate not found");
  gst_buffer_unref (out);

  luma_free (small);
  luma_free (l);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* @text (two characters) on @l at @x, @y with @blank pixels of plate
 * ground beyond each end; with @outline a plate (a dark edge round it),
 * else a badge on a light surface that reaches far round it.  Returns
 * the plate's box. */
static GstVideoRectangle
draw_short_text (Luma * l, gint x, gint y, const gchar * text, gint scale,
    gint blank, gboolean outline)
{
  GstVideoRectangle box;
  gint margin = 2 * scale, n = strlen (text);

  if (outline)
    return luma_draw_plate_ground (l, x, y, text, scale, blank);
  box.x = x;
  box.y = y;
  box.w = 2 * blank + n * 6 * scale - scale;
  box.h = 2 * margin + 7 * scale;
  luma_fill_rect (l, box.x - 4 * box.h, box.y - 4 * box.h,
      box.w + 8 * box.h, 9 * box.h, 225);
  luma_draw_text (l, x + blank, y + margin, text, scale);
  return box;
}

/* A plate of two characters (Jersey's J 7, say) is found; two characters
 * on a light car body, with no plate edge round them (a badge), are not. */
GST_START_TEST (test_two_characters)
{
  GstVideoInfo info;
  GstHarness *h;
  GstBuffer *out;
  GstVideoRectangle plate, badge;
  Luma *l;

  h = harness_for ("video/x-raw,format=GRAY8,width=1280,height=720,"
      "framerate=25/1");
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8, 1280, 720);
  l = luma_new_background (1280, 720, 3, 4);
  plate = draw_short_text (l, 200, 450, "K7", 5, 80, TRUE);
  badge = draw_short_text (l, 900, 300, "K7", 5, 80, FALSE);

  out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  fail_unless (check_metas (out, &plate) >= 0.3, "two-character plate not "
      "found");
  fail_unless (check_metas (out, &badge) == 0.0, "a badge taken for a plate");
  gst_buffer_unref (out);

  luma_free (l);
  gst_harness_teardown (h);
}

GST_END_TEST;

GST_START_TEST (test_message)
{
  GstVideoInfo info;
  GstHarness *h;
  GstBuffer *out;
  GstBus *bus;
  GstMessage *msg;
  const GstStructure *s;
  const GValue *plates;
  GstClockTime ts;
  Luma *l;

  h = harness_for ("video/x-raw,format=RGBx,width=320,height=240,"
      "framerate=25/1");
  bus = gst_bus_new ();
  gst_element_set_bus (h->element, bus);
  g_object_set (h->element, "message", TRUE, NULL);
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_RGBx, 320, 240);
  l = luma_new_background (320, 240, 7, 6);
  luma_draw_plate (l, 40, 100, "AB12CDE", 4);

  out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT);
  fail_unless (msg != NULL);
  s = gst_message_get_structure (msg);
  fail_unless (gst_structure_has_name (s, "platedetect"));
  fail_unless (gst_structure_get_clock_time (s, "timestamp", &ts));
  fail_unless_equals_uint64 (ts, 0);
  fail_unless (gst_structure_has_field (s, "stream-time"));
  fail_unless (gst_structure_has_field (s, "running-time"));
  plates = gst_structure_get_value (s, "plates");
  fail_unless (plates != NULL && GST_VALUE_HOLDS_LIST (plates));
  fail_unless_equals_int (gst_value_list_get_size (plates),
      gst_buffer_get_n_anpr_plate_metas (out));
  gst_message_unref (msg);
  gst_buffer_unref (out);

  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  luma_free (l);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Properties changed from other threads while frames flow: no crash, no
 * lost buffer, every plate's metas consistent, nothing invalid under
 * valgrind. */
GST_START_TEST (test_stress_properties)
{
  GstVideoInfo info;
  GstHarness *h;
  GstHarnessThread *threads[8];
  GValue v[8] = { G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT,
    G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT
  };
  const gchar *names[8] = { "threshold", "min-plate-width", "max-plates",
    "process-width", "interval", "message", "tracking", "track-timeout"
  };
  Luma *l;
  guint i;

  h = harness_for ("video/x-raw,format=I420,width=800,height=450,"
      "framerate=25/1");
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_I420, 800, 450);
  l = luma_new_background (800, 450, 9, 6);
  luma_draw_plate (l, 300, 250, "AB12CDE", 6);

  g_value_init (&v[0], G_TYPE_FLOAT);
  g_value_set_float (&v[0], 0.2f);
  g_value_init (&v[1], G_TYPE_UINT);
  g_value_set_uint (&v[1], 60);
  g_value_init (&v[2], G_TYPE_UINT);
  g_value_set_uint (&v[2], 2);
  g_value_init (&v[3], G_TYPE_UINT);
  g_value_set_uint (&v[3], 400);
  g_value_init (&v[4], G_TYPE_UINT);
  g_value_set_uint (&v[4], 2);
  g_value_init (&v[5], G_TYPE_BOOLEAN);
  g_value_set_boolean (&v[5], TRUE);
  /* tracking turned off while frames flow: the open tracks end */
  g_value_init (&v[6], G_TYPE_BOOLEAN);
  g_value_set_boolean (&v[6], FALSE);
  g_value_init (&v[7], G_TYPE_DOUBLE);
  g_value_set_double (&v[7], 0.0);
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = gst_harness_stress_property_start_full (h, names[i], &v[i],
        100);

  for (i = 0; i < 12; i++) {
    GstBuffer *out = gst_harness_push_and_pull (h, make_buffer (&info, l, 0));

    fail_unless (out != NULL);
    check_metas (out, NULL);
    gst_buffer_unref (out);
  }

  for (i = 0; i < G_N_ELEMENTS (threads); i++) {
    fail_unless (gst_harness_stress_thread_stop (threads[i]) > 0);
    g_value_unset (&v[i]);
  }
  luma_free (l);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* ---- measured on image folders (skipped when absent) -------------------- */

typedef struct
{
  gint x, y, w, h;
} TruthBox;

/* Runs every image listed in @dir/truth.tsv through
 * decodebin ! videoconvert ! platedetect and returns the share of truth
 * boxes some plate overlaps with IoU >= 0.3, or -1 when nothing ran. */
static gdouble
detection_rate (const gchar * dir, guint * n_images)
{
  gchar *path = g_build_filename (dir, "truth.tsv", NULL);
  gchar *contents = NULL, **lines, **line;
  GHashTable *truth;
  GHashTableIter iter;
  gpointer key, value;
  guint plates = 0, detected = 0;

  *n_images = 0;
  if (!g_file_get_contents (path, &contents, NULL, NULL)) {
    g_free (path);
    return -1.0;
  }
  truth = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      (GDestroyNotify) g_array_unref);
  lines = g_strsplit (contents, "\n", -1);
  for (line = lines + 1; *line; line++) {
    gchar **f = g_strsplit (*line, "\t", -1);

    if (g_strv_length (f) >= 6) {
      GArray *boxes = g_hash_table_lookup (truth, f[0]);
      TruthBox b = { atoi (f[2]), atoi (f[3]), atoi (f[4]), atoi (f[5]) };

      if (!boxes) {
        boxes = g_array_new (FALSE, FALSE, sizeof (TruthBox));
        g_hash_table_insert (truth, g_strdup (f[0]), boxes);
      }
      g_array_append_val (boxes, b);
    }
    g_strfreev (f);
  }

  g_hash_table_iter_init (&iter, truth);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    GArray *boxes = value;
    gchar *file = g_build_filename (dir, "images", key, NULL);
    gchar *desc;
    GstElement *pipe, *sink;
    GstSample *sample;
    guint i;

    desc = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! "
        "videoconvert ! video/x-raw,format=I420 ! platedetect ! "
        "appsink name=sink sync=false", file);
    pipe = anpr_check_parse_launch (desc);
    sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
    gst_element_set_state (pipe, GST_STATE_PLAYING);
    g_signal_emit_by_name (sink, "pull-preroll", &sample);
    (*n_images)++;
    for (i = 0; i < boxes->len; i++) {
      TruthBox *t = &g_array_index (boxes, TruthBox, i);
      GstVideoRectangle r = { t->x, t->y, t->w, t->h };

      plates++;
      if (sample && check_metas (gst_sample_get_buffer (sample), &r) >= 0.3)
        detected++;
    }
    if (sample)
      gst_sample_unref (sample);
    gst_element_set_state (pipe, GST_STATE_NULL);
    gst_object_unref (sink);
    gst_object_unref (pipe);
    g_free (desc);
    g_free (file);
  }

  g_strfreev (lines);
  g_free (contents);
  g_free (path);
  g_hash_table_unref (truth);
  return plates ? (gdouble) detected / plates : -1.0;
}

/* Generated samples (ANPR_SAMPLES_DIR: images/ *.png + truth.tsv). */
GST_START_TEST (test_samples)
{
  const gchar *dir = g_getenv ("ANPR_SAMPLES_DIR");
  guint n;
  gdouble rate;

  rate = detection_rate (dir, &n);
  fail_unless (rate >= 0, "no labelled plates in %s", dir);
  GST_INFO ("samples: %u images, %.1f%% detected", n, rate * 100);
  g_print ("platedetect on %s: %u images, %.1f%% detected\n", dir, n,
      rate * 100);
  fail_unless (rate >= 0.7, "only %.1f%% of the samples detected",
      rate * 100);
}

GST_END_TEST;

/* The shared evaluation set (ANPR_SHARED_DATA/openalpr-eu), a regression
 * guard for the detector: skipped when the data is absent. */
GST_START_TEST (test_shared_eu)
{
  gchar *dir = anpr_check_shared_data ("openalpr-eu");
  guint n;
  gdouble rate;

  rate = detection_rate (dir, &n);
  g_print ("platedetect on openalpr-eu: %u images, %.1f%% detected\n", n,
      rate * 100);
  fail_unless (rate >= 0.8, "only %.1f%% of openalpr-eu detected",
      rate * 100);
  g_free (dir);
}

GST_END_TEST;

static Suite *
platedetect_suite (void)
{
  Suite *s = suite_create ("platedetect");
  TCase *tc = tcase_create ("general");
  TCase *tc_data = tcase_create ("data");

  anpr_check_fatal_log_domains ();

  suite_add_tcase (s, tc);
  tcase_add_loop_test (tc, test_formats, 0, G_N_ELEMENTS (formats));
  tcase_add_test (tc, test_read_only);
  tcase_add_test (tc, test_size_change);
  tcase_add_test (tc, test_padded_stride);
  tcase_add_test (tc, test_meta);
  tcase_add_test (tc, test_no_plate);
  tcase_add_test (tc, test_garbage);
  tcase_add_test (tc, test_properties);
  tcase_add_test (tc, test_property_effects);
  tcase_add_test (tc, test_message);
  tcase_add_test (tc, test_small_plate);
  tcase_add_test (tc, test_two_characters);
  tcase_add_test (tc, test_stress_properties);

  suite_add_tcase (s, tc_data);
  tcase_set_timeout (tc_data, 300);
  ANPR_CHECK_ADD_TEST_UNLESS (tc_data, test_samples,
      anpr_check_missing_env_path ("ANPR_SAMPLES_DIR"));
  ANPR_CHECK_ADD_TEST_UNLESS (tc_data, test_shared_eu,
      anpr_check_missing_shared_data ("openalpr-eu"));

  return s;
}

ANPR_CHECK_MAIN (platedetect);
