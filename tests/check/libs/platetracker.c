/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Unit tests of platedetect's tracker (plugins/platedetect/platetracker.c)
 * on synthetic box sequences: 25 frames a second, 1280x720. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/check/gstcheck.h>
#include <gst/anpr/anpr.h>

#include "anprcheck.h"
#include "platetracker.h"

#define W 1280
#define H 720
#define FRAME (GST_SECOND / 25)

typedef struct
{
  PlateTracker *t;
  GArray *ended;                /* PlateTrackerEnded, of the last step */
  guint64 frame;                /* frame number of the next step */
  PlateTrackerResult res[16];
} Sim;

static void
sim_init (Sim * s)
{
  memset (s, 0, sizeof (*s));
  s->t = plate_tracker_new ();
  s->ended = g_array_new (FALSE, FALSE, sizeof (PlateTrackerEnded));
}

static void
sim_clear (Sim * s)
{
  plate_tracker_free (s->t);
  g_array_unref (s->ended);
}

/* One analysed frame at frame number s->frame (PTS frame * FRAME). */
static guint
sim_step (Sim * s, const PlateTrackerBox * boxes, guint n)
{
  guint n_ended;

  g_array_set_size (s->ended, 0);
  fail_unless (n <= G_N_ELEMENTS (s->res));
  n_ended = plate_tracker_update (s->t, s->frame * FRAME, s->frame, W, H,
      boxes, n, s->res, s->ended);
  fail_unless_equals_int (n_ended, s->ended->len);
  s->frame++;
  return n_ended;
}

static PlateTrackerBox
box_at (gdouble cx, gdouble cy, gdouble w, gdouble h)
{
  PlateTrackerBox b;

  b.width = (gint) (w + 0.5);
  b.height = (gint) (h + 0.5);
  b.x = (gint) (cx - w / 2 + 0.5);
  b.y = (gint) (cy - h / 2 + 0.5);
  b.confidence = 0.8f;
  return b;
}

/* Detector jitter: -amp..amp, deterministic. */
static gdouble
jitter (guint32 * seed, gint amp)
{
  *seed = *seed * 1664525u + 1013904223u;
  return (gdouble) ((gint) ((*seed >> 8) % (2 * amp + 1)) - amp);
}

/* A plate moving steadily, with jitter, keeps one id; NEW only on its
 * first frame; the frame count goes up; it is not static once it moved. */
GST_START_TEST (test_steady)
{
  Sim s;
  guint32 seed = 1;
  guint64 id = 0;
  guint i;

  sim_init (&s);
  for (i = 0; i < 100; i++) {
    gdouble w = 80 + i * 0.4;
    PlateTrackerBox b = box_at (100 + 8 * i + jitter (&seed, 2),
        200 + 3 * i + jitter (&seed, 2), w + jitter (&seed, 2), w / 4.5);

    fail_unless_equals_int (sim_step (&s, &b, 1), 0);
    if (i == 0) {
      id = s.res[0].track_id;
      fail_unless_equals_uint64 (id, 1);
      fail_unless (s.res[0].flags & PLATE_TRACKER_FLAG_NEW);
    } else {
      fail_unless_equals_uint64 (s.res[0].track_id, id);
      fail_if (s.res[0].flags & PLATE_TRACKER_FLAG_NEW, "NEW at frame %u", i);
    }
    fail_unless_equals_int (s.res[0].frames, i + 1);
    if (i >= 6)
      fail_if (s.res[0].flags & PLATE_TRACKER_FLAG_STATIC,
          "a moving plate is static at frame %u", i);
    fail_if (s.res[0].flags & PLATE_TRACKER_FLAG_EDGE);
  }
  fail_unless_equals_int (plate_tracker_get_n_tracks (s.t), 1);

  /* the end of the stream ends it, once */
  g_array_set_size (s.ended, 0);
  fail_unless_equals_int (plate_tracker_end_all (s.t, FALSE, s.ended), 1);
  fail_unless_equals_uint64 (g_array_index (s.ended, PlateTrackerEnded,
          0).track_id, id);
  fail_unless_equals_int (g_array_index (s.ended, PlateTrackerEnded,
          0).frames, 100);
  fail_unless_equals_uint64 (g_array_index (s.ended, PlateTrackerEnded,
          0).last_seen, 99 * FRAME);
  fail_unless_equals_int (plate_tracker_end_all (s.t, FALSE, s.ended), 0);
  sim_clear (&s);
}

GST_END_TEST;

/* Two vehicles side by side (plates @gap plate widths apart), driving
 * towards the camera in parallel, the one behind faster so that it
 * overtakes the other; the detector misses one of them now and then.
 * Each keeps its own id for 100 frames. */
static void
run_side_by_side (gdouble gap, gdouble speed_a, gdouble speed_b)
{
  Sim s;
  guint32 seed = 7;
  guint64 id_a = 0, id_b = 0;
  guint i;

  sim_init (&s);
  for (i = 0; i < 100; i++) {
    gdouble w = 90 + i * 0.3, h = w / 4.5;
    gdouble xa = 400, xb = 400 + (1 + gap) * w;
    gdouble ya = 100 + speed_a * i, yb = 160 + speed_b * i;
    PlateTrackerBox boxes[2];
    guint n = 0, k, ia = G_MAXUINT, ib = G_MAXUINT;

    /* A missed every 7th frame, B every 11th: the other must not take
     * the missing one's track */
    if (i % 7 != 3) {
      ia = n;
      boxes[n++] = box_at (xa + jitter (&seed, 3), ya + jitter (&seed, 2),
          w + jitter (&seed, 3), h);
    }
    if (i % 11 != 5) {
      ib = n;
      boxes[n++] = box_at (xb + jitter (&seed, 3), yb + jitter (&seed, 2),
          w + jitter (&seed, 3), h);
    }
    /* the detector reports the most confident first: either order */
    if (i % 2 && n == 2) {
      PlateTrackerBox tmp = boxes[0];

      boxes[0] = boxes[1];
      boxes[1] = tmp;
      ia = 1;
      ib = 0;
    }
    fail_unless_equals_int (sim_step (&s, boxes, n), 0);
    for (k = 0; k < n; k++)
      fail_unless (s.res[k].track_id != 0);
    if (ia != G_MAXUINT) {
      if (!id_a)
        id_a = s.res[ia].track_id;
      fail_unless_equals_uint64 (s.res[ia].track_id, id_a);
    }
    if (ib != G_MAXUINT) {
      if (!id_b)
        id_b = s.res[ib].track_id;
      fail_unless_equals_uint64 (s.res[ib].track_id, id_b);
    }
    fail_if (id_a == id_b, "gap %.1f: A and B share track %" G_GUINT64_FORMAT
        " at frame %u", gap, id_a, i);
  }
  fail_unless_equals_int (plate_tracker_get_n_tracks (s.t), 2);
  sim_clear (&s);
}

GST_START_TEST (test_side_by_side)
{
  /* plates one and two plate widths apart, the one behind overtaking */
  run_side_by_side (1.0, 6.0, 4.0);
  run_side_by_side (2.0, 6.0, 4.0);
  /* and the one ahead pulling away */
  run_side_by_side (1.0, 2.0, 5.0);
}

GST_END_TEST;

/* The gate: a vehicle appearing beside another (plates one plate width
 * apart) just when the other is missed is a new track, not the other's;
 * the other keeps its id when seen again. */
GST_START_TEST (test_neighbour_appears)
{
  static const gdouble gaps[] = { 1.0, 2.0 };
  guint g;

  for (g = 0; g < G_N_ELEMENTS (gaps); g++) {
    Sim s;
    guint i;

    sim_init (&s);
    for (i = 0; i < 40; i++) {
      gdouble w = 100, ya = 200 + 5 * i;
      PlateTrackerBox boxes[2];
      guint n = 0;

      if (i != 20 && i != 21)
        boxes[n++] = box_at (400, ya, w, 22);
      if (i >= 20)
        boxes[n++] = box_at (400 + (1 + gaps[g]) * w, ya + 4, w, 22);
      sim_step (&s, boxes, n);
      if (i < 20 || i > 21)
        fail_unless_equals_uint64 (s.res[0].track_id, 1);
      if (i >= 20)
        fail_unless_equals_uint64 (s.res[n - 1].track_id, 2);
    }
    sim_clear (&s);
  }
}

GST_END_TEST;

/* Two lanes one above the other in the picture (plates three heights
 * apart), the lower vehicle faster in x: it overtakes the upper one
 * slowly, their plates passing one above the other.  No swap. */
GST_START_TEST (test_overtake)
{
  Sim s;
  guint32 seed = 3;
  guint64 id_a = 0, id_b = 0;
  guint i;

  sim_init (&s);
  for (i = 0; i < 200; i++) {
    gdouble w = 100, h = 22;
    PlateTrackerBox boxes[2];

    boxes[0] = box_at (100 + 5 * i + jitter (&seed, 3),
        300 + 3 * h + jitter (&seed, 2), w + jitter (&seed, 3), h);
    boxes[1] = box_at (400 + 2.5 * i + jitter (&seed, 3),
        300 + jitter (&seed, 2), w + jitter (&seed, 3), h);
    fail_unless_equals_int (sim_step (&s, boxes, 2), 0);
    if (i == 0) {
      id_a = s.res[0].track_id;
      id_b = s.res[1].track_id;
      fail_unless (id_a != id_b);
    }
    fail_unless_equals_uint64 (s.res[0].track_id, id_a);
    fail_unless_equals_uint64 (s.res[1].track_id, id_b);
  }
  sim_clear (&s);
}

GST_END_TEST;

/* A moving plate hidden for 0.6 s (a bus passing) is found again where
 * its motion took it, with its id. */
GST_START_TEST (test_occlusion)
{
  Sim s;
  guint32 seed = 5;
  guint64 id = 0;
  guint i;

  sim_init (&s);
  for (i = 0; i < 90; i++) {
    PlateTrackerBox b = box_at (100 + 9 * i + jitter (&seed, 2),
        300 + 2 * i + jitter (&seed, 1), 100 + jitter (&seed, 2), 22);

    if (i >= 40 && i < 55) {
      /* 15 frames: 0.6 s; 135 pixels on, more than a plate width */
      fail_unless_equals_int (sim_step (&s, NULL, 0), 0);
      continue;
    }
    fail_unless_equals_int (sim_step (&s, &b, 1), 0);
    if (!id)
      id = s.res[0].track_id;
    fail_unless_equals_uint64 (s.res[0].track_id, id);
    if (i == 55)
      fail_unless_equals_int (s.res[0].frames, 41);
    fail_if (i > 0 && (s.res[0].flags & PLATE_TRACKER_FLAG_NEW));
  }
  sim_clear (&s);
}

GST_END_TEST;

/* Gone for longer than the timeout: the track ends (once, with its frame
 * count and last PTS) and the plate coming back gets a new id; with a
 * longer timeout the same gap keeps the id. */
GST_START_TEST (test_timeout)
{
  Sim s;
  guint i, total_ended = 0;
  guint64 first_id = 0;

  sim_init (&s);
  fail_unless_equals_uint64 (plate_tracker_get_timeout (s.t), GST_SECOND);
  for (i = 0; i < 80; i++) {
    PlateTrackerBox b = box_at (100 + 4 * i, 300, 100, 22);

    if (i >= 20 && i < 58) {
      /* 38 frames: 1.52 s */
      total_ended += sim_step (&s, NULL, 0);
      if (s.ended->len) {
        PlateTrackerEnded *e = &g_array_index (s.ended, PlateTrackerEnded, 0);

        /* ends at the first frame more than 1 s after its last */
        fail_unless_equals_int (i, 19 + 26);
        fail_unless_equals_uint64 (e->track_id, first_id);
        fail_unless_equals_int (e->frames, 20);
        fail_unless_equals_uint64 (e->last_seen, 19 * FRAME);
      }
      continue;
    }
    total_ended += sim_step (&s, &b, 1);
    if (i == 0)
      first_id = s.res[0].track_id;
    if (i < 20) {
      fail_unless_equals_uint64 (s.res[0].track_id, first_id);
    } else {
      fail_unless_equals_uint64 (s.res[0].track_id, first_id + 1);
      fail_unless_equals_int (!!(s.res[0].flags & PLATE_TRACKER_FLAG_NEW),
          i == 58);
    }
  }
  fail_unless_equals_int (total_ended, 1);
  sim_clear (&s);

  /* track-timeout 2 s: the same gap is an occlusion */
  sim_init (&s);
  plate_tracker_set_timeout (s.t, 2 * GST_SECOND);
  for (i = 0; i < 80; i++) {
    PlateTrackerBox b = box_at (100 + 4 * i, 300, 100, 22);

    if (i >= 20 && i < 58) {
      fail_unless_equals_int (sim_step (&s, NULL, 0), 0);
      continue;
    }
    fail_unless_equals_int (sim_step (&s, &b, 1), 0);
    fail_unless_equals_uint64 (s.res[0].track_id, 1);
  }
  sim_clear (&s);
}

GST_END_TEST;

/* Text fixed in the picture from the start is STATIC; a vehicle that
 * drives in at the start and then stays parked for 2 minutes is not; a
 * plate first seen later, still, is not either. */
GST_START_TEST (test_static)
{
  Sim s;
  guint32 seed = 9;
  guint i;

  sim_init (&s);
  for (i = 0; i < 3000; i++) {
    PlateTrackerBox boxes[3];
    guint n = 0;
    gdouble parked_x = 600 + 8 * MIN (i, 20u);

    /* a burnt-in clock, 1 pixel of jitter */
    boxes[n++] = box_at (1100 + jitter (&seed, 1), 40 + jitter (&seed, 1),
        140 + jitter (&seed, 1), 26);
    /* a car arriving from 0.2 s, parked from 0.8 s */
    if (i >= 5)
      boxes[n++] = box_at (parked_x + jitter (&seed, 1), 500, 100, 22);
    /* a car that stopped at the lights before 4 s and never moved since */
    if (i >= 100)
      boxes[n++] = box_at (300 + jitter (&seed, 1), 400, 100, 22);
    fail_unless_equals_int (sim_step (&s, boxes, n), 0);

    fail_unless (s.res[0].flags & PLATE_TRACKER_FLAG_STATIC,
        "the clock is not static at frame %u", i);
    fail_unless_equals_uint64 (s.res[0].track_id, 1);
    if (i >= 5) {
      fail_unless_equals_uint64 (s.res[1].track_id, 2);
      if (i >= 8)
        fail_if (s.res[1].flags & PLATE_TRACKER_FLAG_STATIC,
            "the parked car is static at frame %u", i);
    }
    if (i >= 100) {
      fail_unless_equals_uint64 (s.res[2].track_id, 3);
      fail_if (s.res[2].flags & PLATE_TRACKER_FLAG_STATIC);
    }
  }
  sim_clear (&s);
}

GST_END_TEST;

/* A burnt-in caption boxed for a few frames as a neighbouring piece of its
 * line (both ends shifted, about the same width) and then as before again
 * is still static text: off its place, but not going anywhere. */
GST_START_TEST (test_static_caption_reboxed)
{
  Sim s;
  guint i;

  sim_init (&s);
  for (i = 0; i < 60; i++) {
    PlateTrackerBox b = (i >= 20 && i < 23) ? box_at (108.5, 18.5, 87, 15)
        : box_at (93, 18.5, 92, 15);

    fail_unless_equals_int (sim_step (&s, &b, 1), 0);
    fail_unless_equals_uint64 (s.res[0].track_id, 1);
    fail_unless (s.res[0].flags & PLATE_TRACKER_FLAG_STATIC,
        "not static at frame %u", i);
  }
  sim_clear (&s);

  /* a longer caption, then its pieces one after the other along it,
   * each piece further left than the last: still pieces of the line, and
   * none of them a vehicle */
  sim_init (&s);
  for (i = 0; i < 20; i++) {
    PlateTrackerBox b = box_at (32 + 203, 33 + 22, 406, 44);

    sim_step (&s, &b, 1);
  }
  for (i = 0; i < 30; i++)
    sim_step (&s, NULL, 0);
  for (i = 0; i < 30; i++) {
    PlateTrackerBox b = i < 5 ? box_at (216 + 112, 55, 224, 44)
        : i < 10 ? box_at (99 + 131.5, 57, 263, 41)
        : box_at (17 + 126.5, 56, 253, 46);

    sim_step (&s, &b, 1);
    fail_unless (s.res[0].flags & PLATE_TRACKER_FLAG_STATIC,
        "a piece of the caption is not static at frame %u", i);
  }
  sim_clear (&s);
}

GST_END_TEST;

/* A static box that flickers (missed every few frames) stays one static
 * track; gone for 3 s its track ends, and back at its place it is STATIC
 * from its first sighting.  When it moves it stops being static, and its
 * place is forgotten. */
GST_START_TEST (test_static_flicker)
{
  Sim s;
  guint32 seed = 11;
  guint i, n_ended = 0;
  guint64 id;

  sim_init (&s);
  for (i = 0; i < 100; i++) {
    PlateTrackerBox b = box_at (200 + jitter (&seed, 1), 650, 120, 24);

    if (i % 4 == 2 || i % 9 == 4) {
      fail_unless_equals_int (sim_step (&s, NULL, 0), 0);
      continue;
    }
    fail_unless_equals_int (sim_step (&s, &b, 1), 0);
    fail_unless_equals_uint64 (s.res[0].track_id, 1);
    fail_unless (s.res[0].flags & PLATE_TRACKER_FLAG_STATIC);
  }
  /* gone 3 s */
  for (i = 0; i < 75; i++)
    n_ended += sim_step (&s, NULL, 0);
  fail_unless_equals_int (n_ended, 1);
  fail_unless_equals_int (plate_tracker_get_n_tracks (s.t), 0);

  /* back, 7 s into the stream: a new track, static at once */
  for (i = 0; i < 50; i++) {
    PlateTrackerBox b = box_at (201 + jitter (&seed, 1), 651, 118, 24);

    fail_unless_equals_int (sim_step (&s, &b, 1), 0);
    fail_unless_equals_uint64 (s.res[0].track_id, 2);
    fail_unless (s.res[0].flags & PLATE_TRACKER_FLAG_STATIC,
        "not static at frame %u after coming back", i);
    fail_unless_equals_int (!!(s.res[0].flags & PLATE_TRACKER_FLAG_NEW),
        i == 0);
  }

  /* it drives off: no longer static once it is seen off its place and
   * going further (two steps of a third of its height) */
  for (i = 0; i < 20; i++) {
    PlateTrackerBox b = box_at (201 + 6 * i, 651 - 3 * i, 118, 24);

    fail_unless_equals_int (sim_step (&s, &b, 1), 0);
    fail_unless_equals_uint64 (s.res[0].track_id, 2);
    if (i >= 6)
      fail_if (s.res[0].flags & PLATE_TRACKER_FLAG_STATIC,
          "static after moving, frame %u", i);
  }
  id = s.res[0].track_id;
  for (i = 0; i < 30; i++)
    sim_step (&s, NULL, 0);
  fail_unless_equals_int (plate_tracker_get_n_tracks (s.t), 0);

  /* and a plate later at its old place is a vehicle */
  for (i = 0; i < 10; i++) {
    PlateTrackerBox b = box_at (201, 651, 118, 24);

    sim_step (&s, &b, 1);
    fail_unless_equals_uint64 (s.res[0].track_id, id + 1);
    fail_if (s.res[0].flags & PLATE_TRACKER_FLAG_STATIC);
  }
  sim_clear (&s);
}

GST_END_TEST;

/* EDGE: within 2 pixels of an edge of the frame. */
GST_START_TEST (test_edge)
{
  static const struct
  {
    gint x, y, w, h;
    gboolean edge;
  } cases[] = {
    {0, 300, 100, 22, TRUE},
    {2, 300, 100, 22, TRUE},
    {3, 300, 100, 22, FALSE},
    {500, 0, 100, 22, TRUE},
    {500, 1, 100, 22, TRUE},
    {W - 100, 300, 100, 22, TRUE},
    {W - 102, 300, 100, 22, TRUE},
    {W - 103, 300, 100, 22, FALSE},
    {500, H - 22, 100, 22, TRUE},
    {500, H - 25, 100, 22, FALSE},
    {600, 300, 100, 22, FALSE},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    Sim s;
    PlateTrackerBox b = { cases[i].x, cases[i].y, cases[i].w, cases[i].h,
      0.9f
    };

    sim_init (&s);
    sim_step (&s, &b, 1);
    fail_unless (!!(s.res[0].flags & PLATE_TRACKER_FLAG_EDGE) ==
        cases[i].edge, "case %u", i);
    sim_clear (&s);
  }
}

GST_END_TEST;

/* Ids go up from 1 and are never given twice, across timeouts, the end of
 * everything (EOS, flush) and time going backwards; each ends once. */
GST_START_TEST (test_ids_unique)
{
  Sim s;
  GHashTable *seen = g_hash_table_new_full (g_int64_hash, g_int64_equal,
      g_free, NULL);
  GHashTable *ended = g_hash_table_new_full (g_int64_hash, g_int64_equal,
      g_free, NULL);
  guint64 last = 0, frame;
  guint round, i, k;

  sim_init (&s);
  for (round = 0; round < 6; round++) {
    for (i = 0; i < 60; i++) {
      PlateTrackerBox boxes[2];
      guint n = 0;

      /* a plate for 10 frames every 40 */
      if (i % 40 < 10)
        boxes[n++] = box_at (100 + 10 * (i % 40), 300, 100, 22);
      boxes[n++] = box_at (100 + 4 * i, 500 - 2 * i, 100, 22);
      sim_step (&s, boxes, n);
      for (k = 0; k < n; k++) {
        guint64 *id = g_new (guint64, 1);

        *id = s.res[k].track_id;
        fail_unless (*id >= 1);
        if (!g_hash_table_contains (seen, id)) {
          fail_unless (*id > last, "id %" G_GUINT64_FORMAT " reused", *id);
          last = *id;
          g_hash_table_add (seen, id);
        } else {
          fail_if (g_hash_table_contains (ended, id),
              "ended track %" G_GUINT64_FORMAT " seen again", *id);
          g_free (id);
        }
      }
      for (k = 0; k < s.ended->len; k++) {
        guint64 *id = g_new (guint64, 1);

        *id = g_array_index (s.ended, PlateTrackerEnded, k).track_id;
        fail_unless (g_hash_table_contains (seen, id));
        fail_unless (g_hash_table_add (ended, id), "ended twice");
      }
    }
    g_array_set_size (s.ended, 0);
    if (round % 3 == 0) {
      plate_tracker_end_all (s.t, round % 2, s.ended);
    } else if (round % 3 == 1) {
      /* time goes back: a new segment without one */
      s.frame -= 100;
    }
    for (k = 0; k < s.ended->len; k++) {
      guint64 *id = g_new (guint64, 1);

      *id = g_array_index (s.ended, PlateTrackerEnded, k).track_id;
      fail_unless (g_hash_table_add (ended, id), "ended twice");
    }
  }
  g_array_set_size (s.ended, 0);
  plate_tracker_end_all (s.t, TRUE, s.ended);
  for (k = 0; k < s.ended->len; k++) {
    guint64 *id = g_new (guint64, 1);

    *id = g_array_index (s.ended, PlateTrackerEnded, k).track_id;
    fail_unless (g_hash_table_add (ended, id), "ended twice");
  }
  /* every track ended exactly once */
  fail_unless_equals_int (g_hash_table_size (ended),
      g_hash_table_size (seen));
  fail_unless (g_hash_table_size (seen) > 12);
  frame = s.frame;
  fail_unless (frame > 0);

  g_hash_table_destroy (seen);
  g_hash_table_destroy (ended);
  sim_clear (&s);
}

GST_END_TEST;

/* Without PTS the frame number stands in for time: with interval 3 (every
 * third frame analysed) a 0.6 s gap is an occlusion, 1.2 s ends it. */
GST_START_TEST (test_no_pts)
{
  PlateTracker *t = plate_tracker_new ();
  GArray *ended = g_array_new (FALSE, FALSE, sizeof (PlateTrackerEnded));
  PlateTrackerResult res;
  guint64 frame;
  guint n_ended = 0;

  plate_tracker_set_frame_duration (t, FRAME);
  for (frame = 0; frame < 300; frame += 3) {
    PlateTrackerBox b = box_at (100 + 3 * frame, 300, 100, 22);
    gboolean hidden = (frame >= 60 && frame < 75)       /* 0.6 s */
        || (frame >= 150 && frame < 180);       /* 1.2 s */

    n_ended += plate_tracker_update (t, PLATE_TRACKER_TIME_NONE, frame, W, H,
        &b, hidden ? 0 : 1, &res, ended);
    if (!hidden)
      fail_unless_equals_uint64 (res.track_id, frame < 150 ? 1 : 2);
  }
  fail_unless_equals_int (n_ended, 1);
  fail_unless_equals_uint64 (g_array_index (ended, PlateTrackerEnded,
          0).last_seen, PLATE_TRACKER_TIME_NONE);
  g_array_unref (ended);
  plate_tracker_free (t);
}

GST_END_TEST;

/* The tracker's cost per frame with a busy picture: eight plates moving
 * up and down, two of them coming and going; printed.  The six that stay
 * keep their ids. */
static gdouble
triangle (guint v, guint period)
{
  v %= 2 * period;
  return v < period ? v : 2 * period - v;
}

GST_START_TEST (test_cost)
{
  Sim s;
  guint32 seed = 13;
  guint i, k, frames = 20000;
  gint64 start, elapsed;

  sim_init (&s);
  elapsed = 0;
  for (i = 0; i < frames; i++) {
    PlateTrackerBox boxes[8];
    guint n = 0;

    for (k = 0; k < 8; k++) {
      if (k >= 6 && (i / 10) % 3 == 0)
        continue;
      boxes[n++] = box_at (80 + 150 * k + jitter (&seed, 2),
          100 + triangle (i * (2 + k), 500) + jitter (&seed, 2), 100, 22);
    }
    /* the update alone: the checks' own bookkeeping costs more */
    start = g_get_monotonic_time ();
    plate_tracker_update (s.t, i * FRAME, i, W, H, boxes, n, s.res, s.ended);
    elapsed += g_get_monotonic_time () - start;
    g_array_set_size (s.ended, 0);
    for (k = 0; k < 6; k++)
      fail_unless_equals_uint64 (s.res[k].track_id, k + 1);
  }
  g_print ("platetracker: %.2f us per frame (8 plates)\n",
      (gdouble) elapsed / frames);
  sim_clear (&s);
}

GST_END_TEST;

static Suite *
platetracker_suite (void)
{
  Suite *s = suite_create ("platetracker");
  TCase *tc = tcase_create ("general");

  anpr_check_fatal_log_domains ();
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_steady);
  tcase_add_test (tc, test_side_by_side);
  tcase_add_test (tc, test_neighbour_appears);
  tcase_add_test (tc, test_overtake);
  tcase_add_test (tc, test_occlusion);
  tcase_add_test (tc, test_timeout);
  tcase_add_test (tc, test_static);
  tcase_add_test (tc, test_static_flicker);
  tcase_add_test (tc, test_static_caption_reboxed);
  tcase_add_test (tc, test_edge);
  tcase_add_test (tc, test_ids_unique);
  tcase_add_test (tc, test_no_pts);
  tcase_add_test (tc, test_cost);
  return s;
}

GST_CHECK_MAIN (platetracker);
