/* gst-anpr: what the plateocr element tests read
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* A plate rendered on a frame of any raw format, and a harness around
 * plateocr for it: shared by the plateocr test programs. */

#ifndef __PLATE_OCR_FRAME_H__
#define __PLATE_OCR_FRAME_H__

#include <string.h>

#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <gst/video/video.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "greyframe.h"

#define WIDTH 638               /* odd row sizes for RGB/BGR: real strides */
#define HEIGHT 240
#define PLATE_TEXT "AC12HLE"

/* the plate box on the rendered frame */
#define PLATE_X 60
#define PLATE_Y 60
#define PLATE_W 500
#define PLATE_H 110

/* Renders @text black on a white plate on a grey frame, as luma, in a
 * narrow bold grotesque like a plate's (fonts-liberation, which
 * tools/debian-packages.txt installs), characters 63 pixels high. */
static inline guint8 *
render_plate_luma (const gchar * text)
{
  guint8 *luma = g_malloc (WIDTH * HEIGHT);
  cairo_surface_t *surf = cairo_image_surface_create (CAIRO_FORMAT_A8,
      WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surf);
  cairo_text_extents_t hext, ext;
  guint8 *ink;
  gint x, y, stride;

  cairo_select_font_face (cr, "Liberation Sans Narrow",
      CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 100);
  cairo_text_extents (cr, "H", &hext);
  cairo_set_font_size (cr, 100.0 * 63 / -hext.y_bearing);
  cairo_text_extents (cr, text, &ext);
  cairo_move_to (cr, PLATE_X + (PLATE_W - ext.width) / 2 - ext.x_bearing,
      PLATE_Y + (PLATE_H - ext.height) / 2 - ext.y_bearing);
  cairo_show_text (cr, text);
  cairo_destroy (cr);
  cairo_surface_flush (surf);

  memset (luma, 90, WIDTH * HEIGHT);
  for (y = PLATE_Y; y < PLATE_Y + PLATE_H; y++)
    memset (luma + y * WIDTH + PLATE_X, 235, PLATE_W);
  ink = cairo_image_surface_get_data (surf);
  stride = cairo_image_surface_get_stride (surf);
  for (y = 0; y < HEIGHT; y++)
    for (x = 0; x < WIDTH; x++) {
      guint a = ink[y * stride + x];
      guint8 *p = luma + y * WIDTH + x;
      *p = (guint8) ((*p * (255 - a) + 20 * a) / 255);
    }
  cairo_surface_destroy (surf);
  return luma;
}

/* Frees what render_plate_luma () leaves for the process's life, cairo's
 * font cache and fontconfig's configuration, so that a leak check at exit
 * (meson test --setup asan) sees only the element's own; a test's
 * teardown. */
static inline void
render_plate_reset (void)
{
  cairo_debug_reset_static_data ();
  FcFini ();
}

/* A frame of @format with the luma image @luma (grey, no colour). */
static inline GstBuffer *
make_frame (const gchar * format, const guint8 * luma)
{
  GstVideoInfo info;
  GstVideoFrame frame;
  GstBuffer *buf;

  fail_unless (gst_video_info_set_format (&info,
          gst_video_format_from_string (format), WIDTH, HEIGHT));
  buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&info), NULL);
  /* the bytes no component fills (the x of RGBx, row padding) defined,
   * as a decoder's are: valgrind traced the reader's reads of
   * uninitialised values in this test to them */
  gst_buffer_memset (buf, 0, 0, GST_VIDEO_INFO_SIZE (&info));
  fail_unless (gst_video_frame_map (&frame, &info, buf, GST_MAP_WRITE));
  anpr_check_fill_grey (&frame, luma, WIDTH, HEIGHT);
  gst_video_frame_unmap (&frame);
  GST_BUFFER_PTS (buf) = 2 * GST_SECOND;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 25;
  return buf;
}

static inline GstHarness *
ocr_harness (const gchar * format, GstBus ** bus)
{
  GstHarness *h = gst_harness_new ("plateocr");
  gchar *caps = g_strdup_printf ("video/x-raw,format=%s,width=%d,height=%d,"
      "framerate=25/1", format, WIDTH, HEIGHT);

  if (bus) {
    *bus = gst_bus_new ();
    gst_element_set_bus (h->element, *bus);
  }
  gst_harness_set_src_caps_str (h, caps);
  g_free (caps);
  return h;
}

/* Tears down what ocr_harness () made (@bus: NULL when it made none). */
static inline void
ocr_harness_free (GstHarness * h, GstBus * bus)
{
  if (bus) {
    gst_element_set_bus (h->element, NULL);
    gst_object_unref (bus);
  }
  gst_harness_teardown (h);
}

#endif /* __PLATE_OCR_FRAME_H__ */
