/* gst-anpr: what the platedetect element tests look at
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Frames with a plate drawn in a 5x7 bitmap font scaled up on a white
 * plate over a textured gray background, in any raw format, and the
 * check of the metadata platedetect attaches. */

#ifndef __PLATE_DETECT_FRAME_H__
#define __PLATE_DETECT_FRAME_H__

#include <string.h>

#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <gst/video/video.h>
#include <gst/anpr/anpr.h>

#include "greyframe.h"

/* ---- drawing ----------------------------------------------------------- */

typedef struct
{
  gchar c;
  guint8 rows[7];
} Glyph;

static const Glyph glyphs[] = {
  {'0', {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}},
  {'1', {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}},
  {'2', {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}},
  {'3', {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}},
  {'4', {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}},
  {'5', {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E}},
  {'6', {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}},
  {'7', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}},
  {'8', {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}},
  {'9', {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}},
  {'A', {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}},
  {'B', {0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E}},
  {'C', {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}},
  {'D', {0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C}},
  {'E', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}},
  {'K', {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11}},
  {'M', {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}},
  {'P', {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10}},
  {'R', {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11}},
  {'X', {0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11}},
};

static inline const Glyph *
find_glyph (gchar c)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (glyphs); i++)
    if (glyphs[i].c == c)
      return &glyphs[i];
  return NULL;
}

/* A luma picture: the scene every format is filled from. */
typedef struct
{
  gint width, height;
  guint8 *pixels;
} Luma;

static inline guint32
lcg (guint32 * state)
{
  *state = *state * 1664525u + 1013904223u;
  return *state >> 8;
}

static inline Luma *
luma_new_background (gint width, gint height, guint32 seed, gint noise)
{
  Luma *l = g_new0 (Luma, 1);
  gint x, y;

  l->width = width;
  l->height = height;
  l->pixels = g_malloc (width * height);
  for (y = 0; y < height; y++) {
    for (x = 0; x < width; x++) {
      /* a slow gradient, blotches and fine noise, like tarmac and paint */
      gint v = 80 + (x * 40) / MAX (width, 1) + (y * 30) / MAX (height, 1);
      v += ((x / 13 + y / 9) % 3) * 6;
      if (noise > 0)
        v += (gint) (lcg (&seed) % (2 * noise + 1)) - noise;
      l->pixels[y * width + x] = CLAMP (v, 0, 255);
    }
  }
  return l;
}

static inline void
luma_free (Luma * l)
{
  g_free (l->pixels);
  g_free (l);
}

static inline void
luma_fill_rect (Luma * l, gint x0, gint y0, gint w, gint h, guint8 v)
{
  gint x, y;

  for (y = MAX (y0, 0); y < MIN (y0 + h, l->height); y++)
    for (x = MAX (x0, 0); x < MIN (x0 + w, l->width); x++)
      l->pixels[y * l->width + x] = v;
}

/* Draws a dark-on-white plate with @text, characters @scale pixels per
 * font dot, top left at @x, @y; returns the plate box. */
/* @text in dark 5x7 glyphs, @scale pixels a dot, from @x, @y. */
static inline void
luma_draw_text (Luma * l, gint x, gint y, const gchar * text, gint scale)
{
  gint n = strlen (text), i, cx = x;

  for (i = 0; i < n; i++, cx += 6 * scale) {
    const Glyph *g = find_glyph (text[i]);
    gint r, c;

    fail_unless (g != NULL, "no glyph for '%c'", text[i]);
    for (r = 0; r < 7; r++)
      for (c = 0; c < 5; c++)
        if (g->rows[r] & (0x10 >> c))
          luma_fill_rect (l, cx + c * scale, y + r * scale, scale, scale, 25);
  }
}

/* A plate at @x, @y: a dark edge round light ground, @text with @blank
 * pixels of ground beyond each end.  Returns the plate's box. */
static inline GstVideoRectangle
luma_draw_plate_ground (Luma * l, gint x, gint y, const gchar * text,
    gint scale, gint blank)
{
  GstVideoRectangle box;
  gint margin = 2 * scale, n = strlen (text);

  box.x = x;
  box.y = y;
  box.w = 2 * blank + n * 6 * scale - scale;
  box.h = 2 * margin + 7 * scale;
  luma_fill_rect (l, box.x, box.y, box.w, box.h, 35);
  luma_fill_rect (l, box.x + 2, box.y + 2, box.w - 4, box.h - 4, 225);
  luma_draw_text (l, x + blank, y + margin, text, scale);
  return box;
}

static inline GstVideoRectangle
luma_draw_plate (Luma * l, gint x, gint y, const gchar * text, gint scale)
{
  return luma_draw_plate_ground (l, x, y, text, scale, 2 * scale);
}

/* A buffer of @info holding @l; with @stride > 0 the first plane gets that
 * stride instead of the default one, described by a GstVideoMeta. */
static inline GstBuffer *
make_buffer (GstVideoInfo * info, const Luma * l, gint stride)
{
  GstVideoInfo vinfo = *info;
  GstVideoFrame frame;
  GstBuffer *buf;

  if (stride > 0) {
    gsize offset[GST_VIDEO_MAX_PLANES] = { 0, };
    gint strides[GST_VIDEO_MAX_PLANES] = { 0, };
    guint p;

    fail_unless (GST_VIDEO_INFO_N_PLANES (info) == 1);
    strides[0] = stride;
    vinfo.stride[0] = stride;
    vinfo.size = (gsize) stride * GST_VIDEO_INFO_HEIGHT (info);
    buf = gst_buffer_new_allocate (NULL, vinfo.size, NULL);
    for (p = 0; p < GST_VIDEO_MAX_PLANES; p++)
      offset[p] = 0;
    gst_buffer_add_video_meta_full (buf, GST_VIDEO_FRAME_FLAG_NONE,
        GST_VIDEO_INFO_FORMAT (info), GST_VIDEO_INFO_WIDTH (info),
        GST_VIDEO_INFO_HEIGHT (info), 1, offset, strides);
  } else {
    buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (info), NULL);
  }
  gst_buffer_memset (buf, 0, 0x5a, gst_buffer_get_size (buf));

  fail_unless (gst_video_frame_map (&frame, &vinfo, buf, GST_MAP_WRITE));
  anpr_check_fill_grey (&frame, l->pixels, l->width, l->height);
  gst_video_frame_unmap (&frame);
  GST_BUFFER_PTS (buf) = 0;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 25;
  return buf;
}

static inline gdouble
box_iou (gint ax, gint ay, gint aw, gint ah, const GstVideoRectangle * b)
{
  gint x0 = MAX (ax, b->x), y0 = MAX (ay, b->y);
  gint x1 = MIN (ax + aw, b->x + b->w), y1 = MIN (ay + ah, b->y + b->h);
  gdouble inter, uni;

  if (x1 <= x0 || y1 <= y0)
    return 0.0;
  inter = (gdouble) (x1 - x0) * (y1 - y0);
  uni = (gdouble) aw * ah + (gdouble) b->w * b->h - inter;
  return inter / uni;
}

/* Checks the metadata contract on @buf: as many plate metas as ROI metas
 * of type license-plate, ids matching, a detection param with the
 * confidence.  Returns the best IoU of a plate with @truth (or 0). */
static inline gdouble
check_metas (GstBuffer * buf, const GstVideoRectangle * truth)
{
  gpointer state = NULL;
  GstMeta *meta;
  guint n_plates = gst_buffer_get_n_anpr_plate_metas (buf), n_rois = 0;
  gdouble best = 0.0;

  while ((meta = gst_buffer_iterate_meta_filtered (buf, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE))) {
    GstVideoRegionOfInterestMeta *roi = (GstVideoRegionOfInterestMeta *) meta;
    GstAnprPlateMeta *plate;
    GstStructure *s;
    gdouble conf = -1.0;

    fail_unless_equals_string (g_quark_to_string (roi->roi_type),
        GST_ANPR_ROI_TYPE);
    plate = gst_buffer_get_anpr_plate_meta_id (buf, roi->id);
    fail_unless (plate != NULL, "no plate meta with id %d", roi->id);
    fail_unless_equals_int (plate->x, roi->x);
    fail_unless_equals_int (plate->y, roi->y);
    fail_unless_equals_int (plate->width, roi->w);
    fail_unless_equals_int (plate->height, roi->h);
    s = gst_video_region_of_interest_meta_get_param (roi, "detection");
    fail_unless (s != NULL);
    fail_unless (gst_structure_get_double (s, "confidence", &conf));
    fail_unless (conf >= 0.0 && conf <= 1.0);
    fail_unless (ABS (conf - plate->detect_confidence) < 1e-5);
    n_rois++;

    if (truth)
      best = MAX (best, box_iou (plate->x, plate->y, plate->width,
              plate->height, truth));
  }
  fail_unless_equals_int (n_plates, n_rois);
  return best;
}

/* Every frame searched whole, as before detections were scheduled: these
 * tests look at what is found on each frame (the schedule has its own
 * test in platedetecttrack.c). */
static inline GstHarness *
harness_for (const gchar * caps_str)
{
  GstHarness *h = gst_harness_new ("platedetect");

  g_object_set (h->element, "detect-interval", 0.0, "motion", FALSE, NULL);
  gst_harness_set_src_caps_str (h, caps_str);
  return h;
}

#endif /* __PLATE_DETECT_FRAME_H__ */
