/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Unit tests of platedetect's motion map (plugins/platedetect/platemotion.c)
 * and of the tracker's predictions it searches around, on synthetic
 * grey frames. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/check/gstcheck.h>

#include "platemotion.h"
#include "platetracker.h"

#define W 640
#define H 360

/* A grey frame with light noise (as compression leaves) and a dark
 * textured rectangle at @x, @y, @w x @h (none when @w is 0). */
static guint8 *
make_frame (guint32 seed, gint x, gint y, gint w, gint h)
{
  guint8 *p = g_malloc (W * H);
  GRand *r = g_rand_new_with_seed (seed);
  gint i, j;

  for (j = 0; j < H; j++)
    for (i = 0; i < W; i++)
      p[j * W + i] = 120 + g_rand_int_range (r, -3, 4);
  for (j = y; j < y + h && j < H; j++)
    for (i = x; i < x + w && i < W; i++)
      p[j * W + i] = ((i / 6) % 2) ? 30 : 220;
  g_rand_free (r);
  return p;
}

static PlateFrame
view (const guint8 * data)
{
  PlateFrame f = { 0 };

  f.pixels = PLATE_FRAME_PIXELS_LUMA;
  f.data = data;
  f.width = W;
  f.height = H;
  f.stride = W;
  f.pixel_stride = 1;
  return f;
}

static gboolean
region_holds (GArray * regions, gint x, gint y, gint w, gint h)
{
  guint i;

  for (i = 0; i < regions->len; i++) {
    PlateMotionRegion *r = &g_array_index (regions, PlateMotionRegion, i);

    if (r->x <= x && r->y <= y && r->x + r->width >= x + w &&
        r->y + r->height >= y + h)
      return TRUE;
  }
  return FALSE;
}

GST_START_TEST (test_first_look_is_whole)
{
  PlateMotion *m = plate_motion_new ();
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (PlateMotionRegion));
  guint8 *a = make_frame (1, 0, 0, 0, 0);
  PlateFrame f = view (a);
  PlateMotionRegion *r;

  fail_unless_equals_float (plate_motion_look (m, &f, 32, regions), 1.0);
  fail_unless_equals_int (regions->len, 1);
  r = &g_array_index (regions, PlateMotionRegion, 0);
  fail_unless (r->x == 0 && r->y == 0 && r->width == W && r->height == H);

  /* after a reset, and after a change of size, whole again */
  g_array_set_size (regions, 0);
  plate_motion_reset (m);
  fail_unless_equals_float (plate_motion_look (m, &f, 32, regions), 1.0);
  g_array_set_size (regions, 0);
  f.width = W / 2;
  fail_unless_equals_float (plate_motion_look (m, &f, 32, regions), 1.0);

  g_free (a);
  g_array_unref (regions);
  plate_motion_free (m);
}

GST_END_TEST;

GST_START_TEST (test_noise_is_not_motion)
{
  PlateMotion *m = plate_motion_new ();
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (PlateMotionRegion));
  guint8 *a = make_frame (1, 100, 100, 120, 30);
  guint8 *b = make_frame (2, 100, 100, 120, 30);
  PlateFrame fa = view (a), fb = view (b);

  plate_motion_look (m, &fa, 32, regions);
  g_array_set_size (regions, 0);
  /* same picture, other noise: nothing changed */
  fail_unless_equals_float (plate_motion_look (m, &fb, 32, regions), 0.0);
  fail_unless_equals_int (regions->len, 0);

  g_free (a);
  g_free (b);
  g_array_unref (regions);
  plate_motion_free (m);
}

GST_END_TEST;

GST_START_TEST (test_moved_plate_is_held)
{
  PlateMotion *m = plate_motion_new ();
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (PlateMotionRegion));
  guint8 *a = make_frame (1, 100, 100, 120, 30);
  guint8 *b = make_frame (2, 110, 112, 120, 30);
  PlateFrame fa = view (a), fb = view (b);
  gdouble share;
  gint64 area;

  plate_motion_look (m, &fa, 32, regions);
  g_array_set_size (regions, 0);
  share = plate_motion_look (m, &fb, 32, regions);
  fail_unless (share > 0.0 && share < 0.1, "share %f", share);
  fail_unless (regions->len >= 1);
  area = plate_motion_merge_regions (regions);
  /* the plate where it is now, whole, with the margin around it */
  fail_unless (region_holds (regions, 110 - 16, 112 - 16, 120 + 32, 30 + 32));
  /* and not much more than the change and its margin */
  fail_unless (area < W * H / 4, "area %" G_GINT64_FORMAT, area);

  g_free (a);
  g_free (b);
  g_array_unref (regions);
  plate_motion_free (m);
}

GST_END_TEST;

GST_START_TEST (test_merge_regions)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (PlateMotionRegion));
  PlateMotionRegion rs[] = {
    {0, 0, 100, 100}, {20, 10, 100, 100}, {300, 300, 10, 10},
    {120, 0, 10, 110}, {130, 110, 50, 50}
  };
  gint64 area;

  g_array_append_vals (regions, rs, G_N_ELEMENTS (rs));
  area = plate_motion_merge_regions (regions);
  /* the first two overlap, the fourth lines up with their union: one
   * region, no larger than they are apart; the fifth meets it at a
   * corner, where the box round both would be mostly neither; the third
   * stands apart */
  fail_unless_equals_int (regions->len, 3);
  fail_unless (region_holds (regions, 0, 0, 130, 110));
  fail_unless (!region_holds (regions, 0, 0, 180, 160));
  fail_unless (region_holds (regions, 130, 110, 50, 50));
  fail_unless (region_holds (regions, 300, 300, 10, 10));
  fail_unless_equals_int64 (area, 130 * 110 + 50 * 50 + 100);
  g_array_unref (regions);
}

GST_END_TEST;

/* Merged regions look for plates of both sizes: of any size when one of
 * them does (what moved). */
GST_START_TEST (test_merge_size_hints)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (PlateMotionRegion));
  PlateMotionRegion rs[] = {
    {0, 0, 100, 100, 20, 30}, {50, 0, 100, 100, 40, 60},
    {300, 0, 100, 100, 20, 30}, {350, 0, 100, 100, 0, 0},
    {600, 0, 100, 100, 10, 12}
  };
  const PlateMotionRegion *r;

  g_array_append_vals (regions, rs, G_N_ELEMENTS (rs));
  plate_motion_merge_regions (regions);
  fail_unless_equals_int (regions->len, 3);
  r = &g_array_index (regions, PlateMotionRegion, 0);
  fail_unless_equals_int (r->x, 0);
  fail_unless_equals_int (r->plate_min_height, 20);
  fail_unless_equals_int (r->plate_max_height, 60);
  r = &g_array_index (regions, PlateMotionRegion, 1);
  fail_unless_equals_int (r->x, 300);
  fail_unless_equals_int (r->plate_min_height, 0);
  fail_unless_equals_int (r->plate_max_height, 0);
  r = &g_array_index (regions, PlateMotionRegion, 2);
  fail_unless_equals_int (r->plate_min_height, 10);
  fail_unless_equals_int (r->plate_max_height, 12);
  g_array_unref (regions);
}

GST_END_TEST;

GST_START_TEST (test_tracker_predicts)
{
  PlateTracker *t = plate_tracker_new ();
  GArray *ended = g_array_new (FALSE, FALSE, sizeof (PlateTrackerEnded));
  PlateTrackerPrediction p[4];
  PlateTrackerResult res[1];
  guint i;

  /* a plate moving 10 px right a frame, seen on four frames */
  for (i = 0; i < 4; i++) {
    PlateTrackerBox b = { 100 + 10 * i, 200, 100, 25, 0.9f };

    plate_tracker_update (t, i * 40 * GST_MSECOND, i, W, H, &b, 1, res,
        ended);
  }
  /* five frames on, unseen: expected 50 px further */
  fail_unless_equals_int (plate_tracker_predict (t, 8 * 40 * GST_MSECOND, 8,
          p, G_N_ELEMENTS (p)), 1);
  fail_unless (abs (p[0].box.x - 180) <= 3, "x %d", p[0].box.x);
  fail_unless (abs (p[0].box.y - 200) <= 2);
  fail_unless (abs (p[0].box.width - 100) <= 3);
  fail_unless_equals_int (p[0].frames, 4);
  /* last seen on frame 3: frames 4 to 7 went by without it */
  fail_unless_equals_uint64 (p[0].missed, 4);
  fail_unless_equals_uint64 (p[0].track_id, res[0].track_id);
  /* on the frame after its last sighting, none missed */
  fail_unless_equals_int (plate_tracker_predict (t, 4 * 40 * GST_MSECOND, 4,
          p, G_N_ELEMENTS (p)), 1);
  fail_unless_equals_uint64 (p[0].missed, 0);
  /* room for none */
  fail_unless_equals_int (plate_tracker_predict (t, 8 * 40 * GST_MSECOND, 8,
          p, 0), 0);

  g_array_unref (ended);
  plate_tracker_free (t);
}

GST_END_TEST;

GST_START_TEST (test_sparse_detections_keep_the_track)
{
  PlateTracker *t = plate_tracker_new ();
  GArray *ended = g_array_new (FALSE, FALSE, sizeof (PlateTrackerEnded));
  PlateTrackerResult res[1];
  guint64 first = 0;
  guint i;

  /* seen five times a second, moving 300 px a second across the picture:
   * more than its width between two sightings of a newborn track */
  for (i = 0; i < 8; i++) {
    PlateTrackerBox b = { 20 + 60 * i, 200 + 8 * i, 50, 14, 0.9f };

    plate_tracker_update (t, i * 200 * GST_MSECOND, i * 5, W, H, &b, 1, res,
        ended);
    if (i == 0)
      first = res[0].track_id;
    fail_unless (res[0].track_id == first, "track %" G_GUINT64_FORMAT
        " became %" G_GUINT64_FORMAT, first, res[0].track_id);
  }
  g_array_unref (ended);
  plate_tracker_free (t);
}

GST_END_TEST;

/* Static text boxed in pieces later (as a region searched apart cuts its
 * line): a piece is static text too, not a vehicle. */
GST_START_TEST (test_piece_of_static_text)
{
  PlateTracker *t = plate_tracker_new ();
  GArray *ended = g_array_new (FALSE, FALSE, sizeof (PlateTrackerEnded));
  PlateTrackerResult res[2];
  guint i;

  for (i = 0; i < 60; i++) {
    PlateTrackerBox b[2] = { {21, 23, 219, 28, 0.8f}, {202, 23, 86, 28, 0.8f} };

    plate_tracker_update (t, i * 200 * GST_MSECOND, i * 5, W, H, b,
        i < 50 ? 1 : 2, res, ended);
    fail_unless (res[0].flags & PLATE_TRACKER_FLAG_STATIC, "frame %u", i);
    if (i >= 50) {
      fail_unless (res[1].track_id != res[0].track_id);
      fail_unless (res[1].flags & PLATE_TRACKER_FLAG_STATIC,
          "the piece is not static, frame %u", i);
    }
  }
  g_array_unref (ended);
  plate_tracker_free (t);
}

GST_END_TEST;

static Suite *
platemotion_suite (void)
{
  Suite *s = suite_create ("platemotion");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_first_look_is_whole);
  tcase_add_test (tc, test_noise_is_not_motion);
  tcase_add_test (tc, test_moved_plate_is_held);
  tcase_add_test (tc, test_merge_regions);
  tcase_add_test (tc, test_merge_size_hints);
  tcase_add_test (tc, test_tracker_predicts);
  tcase_add_test (tc, test_sparse_detections_keep_the_track);
  tcase_add_test (tc, test_piece_of_static_text);
  return s;
}

GST_CHECK_MAIN (platemotion);
