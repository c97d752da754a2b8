/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* platedetect's tracking: a plate drawn moving across frames keeps one
 * track id, and its anpr-track-end event comes downstream once, after its
 * last frame (timeout, EOS, flush); tracking=false is the old behaviour. */

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

#define CAPS "video/x-raw,format=GRAY8,width=640,height=480,framerate=25/1"
#define FRAME (GST_SECOND / 25)

/* What left the element, in order: 'B' buffers (with their PTS and the
 * track id of their plate), 'E' track end events (with the track id),
 * 'S' EOS. */
typedef struct
{
  gchar what;
  guint64 pts;
  guint64 track_id;
  guint frames;
} Out;

typedef struct
{
  GMutex lock;
  GArray *out;
} Recorder;

static GstPadProbeReturn
record_probe (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Recorder *r = user_data;
  Out o = { 0, };

  if (GST_PAD_PROBE_INFO_TYPE (info) & GST_PAD_PROBE_TYPE_BUFFER) {
    GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
    gpointer state = NULL;
    GstAnprPlateMeta *p;

    o.what = 'B';
    o.pts = GST_BUFFER_PTS (buf);
    while ((p = gst_buffer_iterate_anpr_plate_meta (buf, &state)))
      o.track_id = MAX (o.track_id, p->track_id);
  } else {
    GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);

    if (gst_anpr_track_end_event_parse (event, &o.track_id, &o.frames,
            &o.pts))
      o.what = 'E';
    else if (GST_EVENT_TYPE (event) == GST_EVENT_EOS)
      o.what = 'S';
    else
      return GST_PAD_PROBE_OK;
  }
  g_mutex_lock (&r->lock);
  g_array_append_val (r->out, o);
  g_mutex_unlock (&r->lock);
  return GST_PAD_PROBE_OK;
}

static GstHarness *
tracking_harness (Recorder * r)
{
  GstHarness *h = harness_for (CAPS);
  GstPad *src = gst_element_get_static_pad (h->element, "src");

  g_mutex_init (&r->lock);
  r->out = g_array_new (FALSE, FALSE, sizeof (Out));
  gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER |
      GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, record_probe, r, NULL);
  gst_object_unref (src);
  return h;
}

static void
recorder_clear (Recorder * r)
{
  g_array_unref (r->out);
  g_mutex_clear (&r->lock);
}

/* Frame @i: the plate at x = 60 + 15 * i when @plate, else the empty
 * road; PTS i frames. */
static GstBuffer *
frame (guint i, gboolean plate, GstVideoRectangle * truth)
{
  GstVideoInfo info;
  GstBuffer *buf;
  Luma *l = luma_new_background (640, 480, 21, 6);

  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8, 640, 480);
  if (plate) {
    GstVideoRectangle r = luma_draw_plate (l, 60 + 15 * i, 200, "AB12CDE",
        4);

    if (truth)
      *truth = r;
  }
  buf = make_buffer (&info, l, 0);
  GST_BUFFER_PTS (buf) = i * FRAME;
  luma_free (l);
  return buf;
}

/* The plate meta on @buf on @truth, or NULL. */
static GstAnprPlateMeta *
plate_on (GstBuffer * buf, const GstVideoRectangle * truth)
{
  gpointer state = NULL;
  GstAnprPlateMeta *p;

  while ((p = gst_buffer_iterate_anpr_plate_meta (buf, &state)))
    if (box_iou (p->x, p->y, p->width, p->height, truth) >= 0.5)
      return p;
  return NULL;
}

/* The end events recorded for @track_id, and where the first is. */
static guint
n_ends (Recorder * r, guint64 track_id, guint * index)
{
  guint i, n = 0;

  g_mutex_lock (&r->lock);
  for (i = 0; i < r->out->len; i++) {
    Out *o = &g_array_index (r->out, Out, i);

    if (o->what == 'E' && o->track_id == track_id) {
      if (n++ == 0 && index)
        *index = i;
    }
  }
  g_mutex_unlock (&r->lock);
  return n;
}

/* The index of the buffer with @pts. */
static guint
buffer_index (Recorder * r, guint64 pts)
{
  guint i;

  for (i = 0; i < r->out->len; i++) {
    Out *o = &g_array_index (r->out, Out, i);

    if (o->what == 'B' && o->pts == pts)
      return i;
  }
  fail ("no buffer at %" GST_TIME_FORMAT, GST_TIME_ARGS (pts));
  return 0;
}

/* A plate moving over 8 frames keeps one non-zero id, NEW only on its
 * first frame, the frame count going up, the element message giving the
 * same id; gone for longer than track-timeout, its end event comes once,
 * after its last frame and before the first frame more than the timeout
 * later; EOS does not end it again. */
GST_START_TEST (test_track_timeout)
{
  Recorder r;
  GstHarness *h = tracking_harness (&r);
  GstBus *bus = gst_bus_new ();
  guint64 id = 0;
  guint i, end_at = 0;
  gboolean tracking;
  gdouble timeout;

  g_object_get (h->element, "tracking", &tracking, "track-timeout",
      &timeout, NULL);
  fail_unless (tracking);
  fail_unless (timeout == 1.0);
  gst_element_set_bus (h->element, bus);
  g_object_set (h->element, "message", TRUE, "track-timeout", 0.5, NULL);

  for (i = 0; i < 8; i++) {
    GstVideoRectangle truth;
    GstBuffer *out = gst_harness_push_and_pull (h, frame (i, TRUE, &truth));
    GstAnprPlateMeta *p = plate_on (out, &truth);
    GstMessage *msg;
    const GValue *plates;
    guint64 msg_id = 0;
    guint k;

    fail_unless (p != NULL, "plate not found on frame %u", i);
    if (i == 0)
      id = p->track_id;
    fail_unless (id != 0);
    fail_unless_equals_uint64 (p->track_id, id);
    fail_unless_equals_int (!!(p->track_flags & GST_ANPR_TRACK_FLAG_NEW),
        i == 0);
    fail_if (p->track_flags & GST_ANPR_TRACK_FLAG_EDGE);
    fail_unless_equals_int (p->track_frames, i + 1);
    if (i >= 3)
      fail_if (p->track_flags & GST_ANPR_TRACK_FLAG_STATIC);

    /* the frame's message (anpr-frames may come too, once a second) */
    while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT)) &&
        gst_message_has_name (msg, GST_ANPR_FRAMES))
      gst_message_unref (msg);
    fail_unless (msg != NULL);
    plates = gst_structure_get_value (gst_message_get_structure (msg),
        "plates");
    for (k = 0; k < gst_value_list_get_size (plates); k++) {
      const GstStructure *s =
          gst_value_get_structure (gst_value_list_get_value (plates, k));
      guint plate_id;

      fail_unless (gst_structure_get_uint (s, "id", &plate_id));
      if (plate_id == p->id)
        fail_unless (gst_structure_get_uint64 (s, "track-id", &msg_id));
    }
    fail_unless_equals_uint64 (msg_id, id);
    gst_message_unref (msg);
    gst_buffer_unref (out);
  }
  fail_unless_equals_int (n_ends (&r, id, NULL), 0);

  /* gone: 0.6 s later it has ended, once */
  for (i = 8; i < 8 + 15; i++) {
    GstBuffer *out = gst_harness_push_and_pull (h, frame (i, FALSE, NULL));

    fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 0);
    gst_buffer_unref (out);
  }
  fail_unless_equals_int (n_ends (&r, id, &end_at), 1);
  g_mutex_lock (&r.lock);
  {
    Out *e = &g_array_index (r.out, Out, end_at);

    fail_unless_equals_int (e->frames, 8);
    fail_unless_equals_uint64 (e->pts, 7 * FRAME);
    /* after its last frame; before the first frame more than 0.5 s after
     * it, which it was ended at */
    fail_unless (end_at > buffer_index (&r, 7 * FRAME));
    fail_unless (end_at < buffer_index (&r, (7 + 13) * FRAME));
    fail_unless (end_at > buffer_index (&r, (7 + 12) * FRAME));
  }
  g_mutex_unlock (&r.lock);

  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  fail_unless_equals_int (n_ends (&r, id, NULL), 1);

  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
  recorder_clear (&r);
}

GST_END_TEST;

/* At EOS an open track ends, before the EOS; once. */
GST_START_TEST (test_track_eos)
{
  Recorder r;
  GstHarness *h = tracking_harness (&r);
  GstVideoRectangle truth;
  GstBuffer *out;
  GstAnprPlateMeta *p;
  guint64 id;
  guint i, end_at = 0;

  for (i = 0; i < 3; i++)
    gst_buffer_unref (gst_harness_push_and_pull (h, frame (i, TRUE, NULL)));
  out = gst_harness_push_and_pull (h, frame (3, TRUE, &truth));
  p = plate_on (out, &truth);
  fail_unless (p != NULL);
  id = p->track_id;
  fail_unless (id != 0);
  fail_unless_equals_int (p->track_frames, 4);
  gst_buffer_unref (out);
  fail_unless_equals_int (n_ends (&r, id, NULL), 0);

  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  fail_unless_equals_int (n_ends (&r, id, &end_at), 1);
  g_mutex_lock (&r.lock);
  fail_unless_equals_int (g_array_index (r.out, Out, end_at).frames, 4);
  fail_unless (end_at + 1 < r.out->len);
  fail_unless_equals_int (g_array_index (r.out, Out, end_at + 1).what, 'S');
  g_mutex_unlock (&r.lock);

  gst_harness_teardown (h);
  recorder_clear (&r);
}

GST_END_TEST;

/* A flush ends the open tracks (after the flush has gone downstream); the
 * plate after it is a new track. */
GST_START_TEST (test_track_flush)
{
  Recorder r;
  GstHarness *h = tracking_harness (&r);
  GstVideoRectangle truth;
  GstSegment segment;
  GstBuffer *out;
  GstAnprPlateMeta *p;
  guint64 id;

  out = gst_harness_push_and_pull (h, frame (0, TRUE, &truth));
  p = plate_on (out, &truth);
  fail_unless (p != NULL);
  id = p->track_id;
  gst_buffer_unref (out);

  fail_unless (gst_harness_push_event (h, gst_event_new_flush_start ()));
  fail_unless (gst_harness_push_event (h, gst_event_new_flush_stop (TRUE)));
  fail_unless_equals_int (n_ends (&r, id, NULL), 1);
  gst_segment_init (&segment, GST_FORMAT_TIME);
  fail_unless (gst_harness_push_event (h, gst_event_new_segment (&segment)));

  out = gst_harness_push_and_pull (h, frame (1, TRUE, &truth));
  p = plate_on (out, &truth);
  fail_unless (p != NULL);
  fail_unless (p->track_id > id);
  fail_unless (p->track_flags & GST_ANPR_TRACK_FLAG_NEW);
  gst_buffer_unref (out);
  fail_unless_equals_int (n_ends (&r, id, NULL), 1);

  gst_harness_teardown (h);
  recorder_clear (&r);
}

GST_END_TEST;

/* interval 2: every second frame carries the plate, with one track; the
 * others none. */
GST_START_TEST (test_track_interval)
{
  Recorder r;
  GstHarness *h = tracking_harness (&r);
  guint64 id = 0;
  guint i;

  g_object_set (h->element, "interval", 2, NULL);
  for (i = 0; i < 10; i++) {
    GstVideoRectangle truth;
    GstBuffer *out = gst_harness_push_and_pull (h, frame (i, TRUE, &truth));
    GstAnprPlateMeta *p = plate_on (out, &truth);

    if (i % 2) {
      fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 0);
    } else {
      fail_unless (p != NULL);
      if (!id)
        id = p->track_id;
      fail_unless_equals_uint64 (p->track_id, id);
      fail_unless_equals_int (p->track_frames, i / 2 + 1);
    }
    gst_buffer_unref (out);
  }
  fail_unless (id != 0);
  fail_unless_equals_int (n_ends (&r, id, NULL), 0);
  gst_harness_teardown (h);
  recorder_clear (&r);
}

GST_END_TEST;

/* The default schedule: a young track is looked for on every frame (6
 * sightings), then the plate is detected every detect-interval (0.2 s:
 * every fifth frame), in regions; the empty road after it is skipped
 * unsearched once its track has ended; anpr-frames counts all of it, on
 * the bus and downstream, about once a second and at EOS. */
/* The last anpr-frames message on @bus (the others dropped) */
static GstMessage *
last_frames_message (GstBus * bus)
{
  GstMessage *msg, *last = NULL;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    if (gst_message_has_name (msg, GST_ANPR_FRAMES)) {
      gst_clear_message (&last);
      last = msg;
    } else {
      gst_message_unref (msg);
    }
  }
  fail_unless (last != NULL);
  return last;
}

GST_START_TEST (test_detect_schedule)
{
  Recorder r;
  GstHarness *h = gst_harness_new ("platedetect");
  GstPad *src = gst_element_get_static_pad (h->element, "src");
  GstBus *bus = gst_bus_new ();
  GstMessage *last;
  guint64 id = 0, frames = 0, searched = 0, whole = 0, skipped = 0;
  guint i, seen = 0, events = 0;
  gdouble interval;
  gboolean motion;
  GstEvent *ev;

  g_mutex_init (&r.lock);
  r.out = g_array_new (FALSE, FALSE, sizeof (Out));
  gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER |
      GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, record_probe, &r, NULL);
  gst_object_unref (src);
  gst_harness_set_src_caps_str (h, CAPS);
  gst_element_set_bus (h->element, bus);
  g_object_get (h->element, "detect-interval", &interval, "motion", &motion,
      NULL);
  fail_unless (interval == 0.2 && motion);

  /* 1.6 s of a plate crossing, then 1.6 s of empty road */
  for (i = 0; i < 80; i++) {
    GstVideoRectangle truth;
    GstBuffer *out = gst_harness_push_and_pull (h, frame (i, i < 40,
            &truth));
    GstAnprPlateMeta *p = i < 40 ? plate_on (out, &truth) : NULL;

    /* (from frame 35 on the plate leaves the picture) */
    if (i < 6)
      fail_unless (p != NULL, "young track not looked for on frame %u", i);
    else if (i <= 30 && i % 5 == 0)
      fail_unless (p != NULL, "not detected on frame %u", i);
    else if (i % 5 != 0)
      fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out), 0);
    if (p) {
      if (!id)
        id = p->track_id;
      fail_unless_equals_uint64 (p->track_id, id);
      seen++;
    }
    gst_buffer_unref (out);
    /* the plate carried out of the picture ends its track at the next
     * look, although the empty road leaves nothing to search: not a
     * second later, at the timeout */
    if (i == 50)
      fail_unless_equals_int (n_ends (&r, id, NULL), 1);
  }
  fail_unless (seen >= 6 + 5 && seen <= 6 + 7, "seen %u", seen);
  fail_unless_equals_int (n_ends (&r, id, NULL), 1);
  gst_harness_push_event (h, gst_event_new_eos ());

  last = last_frames_message (bus);
  fail_unless (gst_structure_get (gst_message_get_structure (last),
          "frames", G_TYPE_UINT64, &frames, "searched", G_TYPE_UINT64,
          &searched, "searched-whole", G_TYPE_UINT64, &whole, "skipped",
          G_TYPE_UINT64, &skipped, NULL));
  fail_unless_equals_uint64 (frames, 80);
  fail_unless_equals_uint64 (searched + skipped, 80);
  /* the first frame whole; the plate's frames in regions: 6 young, then
   * one in five; the empty road once its track ended, where it was last
   * seen and what changed, then nothing moves: skipped */
  fail_unless_equals_uint64 (whole, 1);
  fail_unless (searched >= 13 && searched <= 26, "searched %" G_GUINT64_FORMAT,
      searched);
  gst_message_unref (last);

  while ((ev = gst_harness_try_pull_event (h))) {
    if (GST_EVENT_TYPE (ev) == GST_EVENT_CUSTOM_DOWNSTREAM &&
        gst_event_has_name (ev, GST_ANPR_FRAMES))
      events++;
    gst_event_unref (ev);
  }
  /* about once a second of stream time, and at EOS */
  fail_unless (events >= 3 && events <= 5, "%u anpr-frames events", events);

  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
  recorder_clear (&r);
}

GST_END_TEST;

/* tracking=false: track id 0, no flags, no events at all, not even at
 * EOS; turned off while a track is open, that track ends at once. */
GST_START_TEST (test_tracking_off)
{
  Recorder r;
  GstHarness *h = tracking_harness (&r);
  guint i, k, n_events = 0;
  guint64 id = 0;

  g_object_set (h->element, "tracking", FALSE, "track-timeout", 0.2, NULL);
  for (i = 0; i < 20; i++) {
    GstVideoRectangle truth;
    gboolean plate = i < 6;
    GstBuffer *out = gst_harness_push_and_pull (h, frame (i, plate, &truth));

    if (plate) {
      GstAnprPlateMeta *p = plate_on (out, &truth);

      fail_unless (p != NULL);
      fail_unless_equals_uint64 (p->track_id, 0);
      fail_unless_equals_int (p->track_flags, 0);
      fail_unless_equals_int (p->track_frames, 0);
    }
    gst_buffer_unref (out);
  }
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  g_mutex_lock (&r.lock);
  for (k = 0; k < r.out->len; k++)
    n_events += g_array_index (r.out, Out, k).what == 'E';
  g_mutex_unlock (&r.lock);
  fail_unless_equals_int (n_events, 0);
  gst_harness_teardown (h);
  recorder_clear (&r);

  /* on, a track; off: it ends at the next frame */
  h = tracking_harness (&r);
  for (i = 0; i < 3; i++) {
    GstVideoRectangle truth;
    GstBuffer *out = gst_harness_push_and_pull (h, frame (i, TRUE, &truth));

    fail_unless (plate_on (out, &truth) != NULL);
    id = plate_on (out, &truth)->track_id;
    gst_buffer_unref (out);
  }
  fail_unless (id != 0);
  g_object_set (h->element, "tracking", FALSE, NULL);
  gst_buffer_unref (gst_harness_push_and_pull (h, frame (3, TRUE, NULL)));
  fail_unless_equals_int (n_ends (&r, id, NULL), 1);
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  fail_unless_equals_int (n_ends (&r, id, NULL), 1);
  gst_harness_teardown (h);
  recorder_clear (&r);
}

GST_END_TEST;

/* A young track the detector stops finding is searched for on every
 * other frame between detections, not on every frame until it ends. */
GST_START_TEST (test_young_missed_searched_less)
{
  GstHarness *h = gst_harness_new ("platedetect");
  GstBus *bus = gst_bus_new ();
  GstMessage *last;
  guint64 searched;
  guint i;

  gst_harness_set_src_caps_str (h, CAPS);
  gst_element_set_bus (h->element, bus);
  /* the plate on two frames, then gone for the rest of a second: its
   * track stays open till the timeout */
  for (i = 0; i < 25; i++) {
    GstVideoRectangle truth;
    GstBuffer *out = gst_harness_push_and_pull (h, frame (i, i < 2, &truth));

    if (i < 2)
      fail_unless (plate_on (out, &truth) != NULL, "frame %u", i);
    gst_buffer_unref (out);
  }
  gst_harness_push_event (h, gst_event_new_eos ());
  last = last_frames_message (bus);
  fail_unless (gst_structure_get (gst_message_get_structure (last),
          "searched", G_TYPE_UINT64, &searched, NULL));
  gst_message_unref (last);
  /* frames 0 to 4, the detections on 5, 10, 15 and 20 and every other
   * frame between them: 17; on every frame it would be 25 */
  fail_unless (searched >= 15 && searched <= 19,
      "searched %" G_GUINT64_FORMAT, searched);

  gst_element_set_bus (h->element, NULL);
  gst_object_unref (bus);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* A young track's search between detections looks only for plates about
 * its own plate's size (the detector's levels for other sizes skipped),
 * with room for a vehicle coming closer: a plate growing by a quarter to
 * a third a frame is still followed on every frame. */
GST_START_TEST (test_young_search_own_size)
{
  GstHarness *h = gst_harness_new ("platedetect");
  guint i;
  guint64 id = 0;

  gst_harness_set_src_caps_str (h, CAPS);
  /* two seconds of empty road first: a plate there from the start could
   * be parked, and is searched for as static text */
  for (i = 0; i < 56; i++) {
    GstVideoInfo info;
    GstVideoRectangle near = { 0, };
    GstBuffer *buf, *out;
    Luma *l = luma_new_background (640, 480, 21, 6);
    /* characters 21, 21, 28, 28, 35 and 35 pixels high */
    const gint scales[] = { 3, 3, 4, 4, 5, 5 };

    gst_video_info_set_format (&info, GST_VIDEO_FORMAT_GRAY8, 640, 480);
    if (i >= 50)
      near = luma_draw_plate (l, 40 + 10 * (i - 50), 150, "AB12CDE",
          scales[i - 50]);
    buf = make_buffer (&info, l, 0);
    GST_BUFFER_PTS (buf) = i * FRAME;
    luma_free (l);
    out = gst_harness_push_and_pull (h, buf);
    if (i >= 50) {
      GstAnprPlateMeta *p = plate_on (out, &near);

      fail_unless (p != NULL, "frame %u", i);
      if (!id)
        id = p->track_id;
      fail_unless_equals_uint64 (p->track_id, id);
    }
    gst_buffer_unref (out);
  }
  gst_harness_teardown (h);
}

GST_END_TEST;

static Suite *
platedetecttrack_suite (void)
{
  Suite *s = suite_create ("platedetecttrack");
  TCase *tc = tcase_create ("general");

  anpr_check_fatal_log_domains ();
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_track_timeout);
  tcase_add_test (tc, test_track_eos);
  tcase_add_test (tc, test_track_flush);
  tcase_add_test (tc, test_track_interval);
  tcase_add_test (tc, test_detect_schedule);
  tcase_add_test (tc, test_young_missed_searched_less);
  tcase_add_test (tc, test_young_search_own_size);
  tcase_add_test (tc, test_tracking_off);
  return s;
}

GST_CHECK_MAIN (platedetecttrack);
