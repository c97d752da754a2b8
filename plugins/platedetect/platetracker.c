/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Each track keeps an alpha-beta filtered centre and size with their
 * velocities; on every frame each track's box is predicted at the frame's
 * time and the boxes are given to the tracks greedily, the closest pair
 * first.  Distances are normalised by the plate's size so that one gate
 * serves near and far plates; it is elliptical (a plate's width across, two
 * heights up and down) because neighbouring vehicles are side by side
 * (apart in x) while a vehicle's own motion towards the camera is mostly
 * in y. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <string.h>

#include "platetracker.h"

#define NSEC_PER_SEC 1e9

/* alpha-beta gains: boxes from the detector are precise, so follow them
 * closely and let the velocity settle over a few frames */
#define ALPHA 0.7
#define BETA 0.3

/* Gates (normalised centre distance): a track with a velocity predicts
 * well; a track seen once does not know where it is going.  The gate
 * widens a little with the time since the last sighting, which the
 * prediction gets less sure over.  Two plates side by side are at least a
 * plate width apart, centre to centre: beyond every gate. */
#define GATE 0.6
#define GATE_NEWBORN 0.9
#define GATE_GAP 0.3
/* Between sparse detections (platedetect's detect-interval) a plate moves
 * a good part of its width, and a track seen once does not know its speed
 * at all: the gates widen with the gap, per second, over the first
 * SPARSE_MAX_S of it (a longer gap is an occlusion, which the prediction
 * and GATE_GAP cover). */
#define SPARSE_PER_S 1.5
#define SPARSE_NEWBORN_PER_S 3.0
#define SPARSE_MAX_S 0.25
/* a box this much smaller or larger than the prediction is another plate */
#define SIZE_RATIO 2.0

/* Static: born this soon after the start of the stream and never moved
 * more than this share of its height. */
#define STATIC_WINDOW (G_GUINT64_CONSTANT (2000000000))
#define STATIC_MOVE 0.34
#define MAX_STATIC_POSITIONS 64
/* A static track (once seen) follows no box of another width (by this
 * share) that would move it. */
#define STATIC_GATE_FRAMES 1
#define STATIC_GATE_WIDTH 0.2
/* A box on the line of static text (this share of its height level with
 * it, at most this many heights away along it) is a piece of it. */
#define STATIC_LEVEL 0.7
#define STATIC_LINE_GAP 0.5

#define EDGE_MARGIN 2
/* A missed track predicted this much narrower than the detector's smallest
 * box is out of its reach. */
#define GONE_SMALLER 0.8

typedef struct
{
  guint64 id;
  /* filtered state at time t (the last sighting), velocities per second */
  gdouble cx, cy, w, h;
  gdouble vx, vy, vw, vh;
  guint64 t;
  guint64 last_pts;
  guint64 last_frame;           /* frame number of the last sighting */
  gdouble ref_cx, ref_cy;       /* first centre */
  gdouble ref_w, ref_h;         /* first size */
  /* where it was first seen off its first place, while it is off it */
  gboolean displaced;
  gdouble off_l, off_r, off_cy;
  guint frames;
  gboolean has_velocity;
  gboolean born_early;
  gboolean born_static;         /* at a remembered static position */
  gboolean moved;
} Track;

typedef struct
{
  gdouble cx, cy, w, h;
  guint64 owner;                /* the track there now, 0 when none */
} StaticPosition;

typedef struct
{
  guint track, box;
  gdouble cost;
} Pair;

struct _PlateTracker
{
  GArray *tracks;               /* Track */
  GArray *statics;              /* StaticPosition */
  GArray *pairs;                /* Pair, scratch */
  guint64 next_id;
  guint64 timeout;
  guint64 frame_duration;
  gint min_width;               /* the detector's smallest box, 0: any */

  gboolean started;             /* start_time is set */
  guint64 start_time;
  gboolean have_time;           /* last_time and last_frame are set */
  guint64 last_time;
  guint64 last_frame;
};

PlateTracker *
plate_tracker_new (void)
{
  PlateTracker *t = g_new0 (PlateTracker, 1);

  t->tracks = g_array_new (FALSE, FALSE, sizeof (Track));
  t->statics = g_array_new (FALSE, FALSE, sizeof (StaticPosition));
  t->pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  t->next_id = 1;
  t->timeout = PLATE_TRACKER_DEFAULT_TIMEOUT;
  t->frame_duration = PLATE_TRACKER_DEFAULT_FRAME_DURATION;
  return t;
}

void
plate_tracker_free (PlateTracker * tracker)
{
  if (!tracker)
    return;
  g_array_unref (tracker->tracks);
  g_array_unref (tracker->statics);
  g_array_unref (tracker->pairs);
  g_free (tracker);
}

void
plate_tracker_set_timeout (PlateTracker * tracker, guint64 timeout)
{
  tracker->timeout = timeout;
}

guint64
plate_tracker_get_timeout (PlateTracker * tracker)
{
  return tracker->timeout;
}

void
plate_tracker_set_frame_duration (PlateTracker * tracker, guint64 duration)
{
  tracker->frame_duration =
      duration > 0 ? duration : PLATE_TRACKER_DEFAULT_FRAME_DURATION;
}

guint
plate_tracker_get_n_tracks (PlateTracker * tracker)
{
  return tracker->tracks->len;
}

static void
end_track (GArray * ended, const Track * track)
{
  PlateTrackerEnded e;

  if (!ended)
    return;
  e.track_id = track->id;
  e.frames = track->frames;
  e.last_seen = track->last_pts;
  g_array_append_val (ended, e);
}

static void
release_static (PlateTracker * t, guint64 owner, gboolean forget)
{
  guint i;

  for (i = 0; i < t->statics->len; i++) {
    StaticPosition *s = &g_array_index (t->statics, StaticPosition, i);

    if (s->owner != owner)
      continue;
    if (forget)
      g_array_remove_index (t->statics, i);
    else
      s->owner = 0;
    return;
  }
}

guint
plate_tracker_end_all (PlateTracker * tracker, gboolean forget_static,
    GArray * ended)
{
  guint i, n = tracker->tracks->len;

  for (i = 0; i < n; i++) {
    Track *track = &g_array_index (tracker->tracks, Track, i);

    end_track (ended, track);
    release_static (tracker, track->id, FALSE);
  }
  g_array_set_size (tracker->tracks, 0);
  if (forget_static)
    g_array_set_size (tracker->statics, 0);
  tracker->started = FALSE;
  tracker->have_time = FALSE;
  return n;
}

static guint64
frame_time (PlateTracker * t, guint64 pts, guint64 frame_number)
{
  if (pts != PLATE_TRACKER_TIME_NONE)
    return pts;
  /* no PTS: count frames on from the last frame's time */
  if (!t->have_time)
    return frame_number * t->frame_duration;
  if (frame_number >= t->last_frame)
    return t->last_time + (frame_number - t->last_frame) * t->frame_duration;
  return t->last_time;
}

/* The track's box predicted @dt seconds after its last sighting. */
static void
predict (const Track * track, gdouble dt, gdouble * cx, gdouble * cy,
    gdouble * w, gdouble * h)
{
  *cx = track->cx + track->vx * dt;
  *cy = track->cy + track->vy * dt;
  *w = CLAMP (track->w + track->vw * dt, track->w / SIZE_RATIO,
      track->w * SIZE_RATIO);
  *h = CLAMP (track->h + track->vh * dt, track->h / SIZE_RATIO,
      track->h * SIZE_RATIO);
}

static gdouble
iou (gdouble acx, gdouble acy, gdouble aw, gdouble ah, gdouble bcx,
    gdouble bcy, gdouble bw, gdouble bh)
{
  gdouble x0 = MAX (acx - aw / 2, bcx - bw / 2);
  gdouble x1 = MIN (acx + aw / 2, bcx + bw / 2);
  gdouble y0 = MAX (acy - ah / 2, bcy - bh / 2);
  gdouble y1 = MIN (acy + ah / 2, bcy + bh / 2);
  gdouble inter;

  if (x1 <= x0 || y1 <= y0)
    return 0.0;
  inter = (x1 - x0) * (y1 - y0);
  return inter / (aw * ah + bw * bh - inter);
}

static gint find_static (PlateTracker * t, gdouble cx, gdouble cy,
    gdouble w, gdouble h, guint64 except);
static gboolean within_static (PlateTracker * t, gdouble cx, gdouble cy,
    gdouble w, gdouble h, guint64 except);

static gboolean
is_static (const Track * track)
{
  return !track->moved && (track->born_early || track->born_static);
}

/* Whether a box at this place is (a piece of) static text seen before,
 * other than track @except's own place. */
static gboolean
at_static (PlateTracker * t, gdouble cx, gdouble cy, gdouble w, gdouble h,
    guint64 except)
{
  return find_static (t, cx, cy, w, h, except) >= 0
      || within_static (t, cx, cy, w, h, except);
}

/* at_static() for a detection box, as a track born from it would stand */
static gboolean
box_at_static (PlateTracker * t, const PlateTrackerBox * box)
{
  gdouble w = MAX (box->width, 1), h = MAX (box->height, 1);

  return at_static (t, box->x + w / 2.0, box->y + h / 2.0, w, h, 0);
}

/* Cost of giving @box to @track at @now, or a negative value when the
 * box is outside the track's gate.  @box_on_static and @track_on_static
 * say whether the box and the track's place are on remembered static
 * text (worked out once per update, not once per pair). */
static gdouble
pair_cost (const Track * track, guint64 now, const PlateTrackerBox * box,
    gboolean box_on_static, gboolean track_on_static)
{
  gdouble dt = (now - track->t) / NSEC_PER_SEC;
  gdouble pcx, pcy, pw, ph, bcx, bcy, bw, bh, dx, dy, e, gate;

  predict (track, dt, &pcx, &pcy, &pw, &ph);
  bw = MAX (box->width, 1);
  bh = MAX (box->height, 1);
  bcx = box->x + bw / 2.0;
  bcy = box->y + bh / 2.0;

  if (bw > pw * SIZE_RATIO || bw * SIZE_RATIO < pw
      || bh > ph * SIZE_RATIO || bh * SIZE_RATIO < ph)
    return -1.0;
  /* Static text boxed otherwise (a piece of its line, as a region
   * searched apart cuts it, or a neighbouring line) is not the text moving:
   * a box of another width well off it is not followed.  A parked car
   * pulling away keeps its plate's width. */
  if (is_static (track) && track->frames >= STATIC_GATE_FRAMES &&
      fabs (bw - track->w) > STATIC_GATE_WIDTH * track->w &&
      hypot (bcx - track->cx, bcy - track->cy) > STATIC_MOVE * track->h)
    return -1.0;

  /* A vehicle's track does not jump onto static text (a caption, a
   * sign) off its own line: a newborn's wide gate would otherwise let a
   * false detection elsewhere carry a piece of the caption away as a
   * vehicle. */
  if (!is_static (track) && box_on_static && !track_on_static)
    return -1.0;

  dx = (bcx - pcx) / ((pw + bw) / 2.0);
  dy = (bcy - pcy) / (ph + bh);
  e = sqrt (dx * dx + dy * dy);
  /* a vehicle braking (or stopping at a barrier) falls short of where
   * its speed said: where it was last seen is as good a guess */
  if (track->has_velocity) {
    gdouble lx = (bcx - track->cx) / ((track->w + bw) / 2.0);
    gdouble ly = (bcy - track->cy) / (track->h + bh);

    e = MIN (e, sqrt (lx * lx + ly * ly));
  }
  gate = (track->has_velocity ? GATE : GATE_NEWBORN) + GATE_GAP * MIN (dt,
      1.0) + (track->has_velocity ? SPARSE_PER_S : SPARSE_NEWBORN_PER_S) *
      MIN (dt, SPARSE_MAX_S);
  if (e > gate)
    return -1.0;
  return e + (1.0 - iou (pcx, pcy, pw, ph, bcx, bcy, bw, bh));
}

static gint
compare_pairs (gconstpointer a, gconstpointer b)
{
  const Pair *pa = a, *pb = b;

  if (pa->cost < pb->cost)
    return -1;
  if (pa->cost > pb->cost)
    return 1;
  /* the older track first: deterministic */
  if (pa->track != pb->track)
    return pa->track < pb->track ? -1 : 1;
  return pa->box < pb->box ? -1 : (pa->box > pb->box);
}

static void
track_update (Track * track, guint64 now, guint64 pts,
    const PlateTrackerBox * box)
{
  gdouble dt = (now - track->t) / NSEC_PER_SEC;
  gdouble z[4], x[4], v[4];
  guint k;

  z[2] = MAX (box->width, 1);
  z[3] = MAX (box->height, 1);
  z[0] = box->x + z[2] / 2.0;
  z[1] = box->y + z[3] / 2.0;
  x[0] = track->cx;
  x[1] = track->cy;
  x[2] = track->w;
  x[3] = track->h;
  v[0] = track->vx;
  v[1] = track->vy;
  v[2] = track->vw;
  v[3] = track->vh;

  for (k = 0; k < 4; k++) {
    if (dt <= 0.0) {
      /* the same instant again: nothing to learn about the speed */
      x[k] += ALPHA * (z[k] - x[k]);
    } else if (!track->has_velocity) {
      v[k] = (z[k] - x[k]) / dt;
      x[k] = z[k];
    } else {
      gdouble p = x[k] + v[k] * dt, r = z[k] - p;

      x[k] = p + ALPHA * r;
      v[k] += BETA * r / dt;
    }
  }
  if (dt > 0.0)
    track->has_velocity = TRUE;

  track->cx = x[0];
  track->cy = x[1];
  track->w = MAX (x[2], 1.0);
  track->h = MAX (x[3], 1.0);
  track->vx = v[0];
  track->vy = v[1];
  track->vw = v[2];
  track->vh = v[3];
  track->t = now;
  track->last_pts = pts;
  track->frames++;
}

/* Whether box @b is off the place whose left end, right end and centre
 * height are @l, @r and @cy, for a plate @h high: up or down, or sideways
 * with both its ends (a long line of text boxed wider or narrower moves
 * one end and its centre, not its place); its shift in @dx, @dy. */
static gboolean
is_off (const PlateTrackerBox * b, gdouble h, gdouble l, gdouble r,
    gdouble cy, gdouble * dx, gdouble * dy)
{
  gdouble limit = STATIC_MOVE * h;
  gdouble dl = b->x - l;
  gdouble dr = b->x + b->width - r;

  *dx = (dl + dr) / 2;
  *dy = b->y + b->height / 2.0 - cy;
  if (fabs (*dy) > limit)
    return TRUE;
  return (dl > limit && dr > limit) || (dl < -limit && dr < -limit);
}

/* Whether the track's plate, seen in box @b, is on its way out of its
 * first place: off it, and further on the same way than where it was
 * first seen off it.  The boxes themselves are compared, not the filtered
 * state, which creeps on after a jump.  A neighbouring piece of static
 * text boxed in its place for a few frames (another part of a caption's
 * line) is off it but stays put; a car pulling away keeps going. */
static gboolean
is_moving (Track * track, const PlateTrackerBox * b)
{
  gdouble dx, dy, ex, ey;

  if (!is_off (b, track->ref_h, track->ref_cx - track->ref_w / 2,
          track->ref_cx + track->ref_w / 2, track->ref_cy, &dx, &dy)) {
    track->displaced = FALSE;
    return FALSE;
  }
  if (!track->displaced) {
    track->displaced = TRUE;
    track->off_l = b->x;
    track->off_r = b->x + b->width;
    track->off_cy = b->y + b->height / 2.0;
    return FALSE;
  }
  return is_off (b, track->ref_h, track->off_l, track->off_r, track->off_cy,
      &ex, &ey) && dx * ex + dy * ey > 0;
}

/* The remembered static position at @box (other than track @except's),
 * or -1. */
static gint
find_static (PlateTracker * t, gdouble cx, gdouble cy, gdouble w, gdouble h,
    guint64 except)
{
  guint i;

  for (i = 0; i < t->statics->len; i++) {
    StaticPosition *s = &g_array_index (t->statics, StaticPosition, i);

    if (except && s->owner == except)
      continue;

    if (hypot (cx - s->cx, cy - s->cy) <= STATIC_MOVE * MAX (h, s->h)
        && w * 1.5 >= s->w && w <= s->w * 1.5 && h * 1.5 >= s->h
        && h <= s->h * 1.5)
      return i;
  }
  return -1;
}

/* Whether the box is a piece of the line of a static position: on the
 * same line (most of its height level with it, characters of about the
 * same height) and overlapping it, or next to it along the line.  A
 * region searched apart cuts a line of text elsewhere than the whole
 * frame does, and the detector may box a long line in pieces. */
static gboolean
within_static (PlateTracker * t, gdouble cx, gdouble cy, gdouble w,
    gdouble h, guint64 except)
{
  guint i;

  for (i = 0; i < t->statics->len; i++) {
    StaticPosition *s = &g_array_index (t->statics, StaticPosition, i);
    gdouble gap = MAX (cx - w / 2, s->cx - s->w / 2) - MIN (cx + w / 2,
        s->cx + s->w / 2);
    gdouble iy = MIN (cy + h / 2, s->cy + s->h / 2) - MAX (cy - h / 2,
        s->cy - s->h / 2);

    if (except && s->owner == except)
      continue;
    if (iy >= STATIC_LEVEL * h && gap <= STATIC_LINE_GAP * h
        && h * 1.5 >= s->h && h <= s->h * 1.5)
      return TRUE;
  }
  return FALSE;
}

static void
remember_static (PlateTracker * t, const Track * track)
{
  StaticPosition s;
  gint i;
  guint k;

  for (k = 0; k < t->statics->len; k++)
    if (g_array_index (t->statics, StaticPosition, k).owner == track->id)
      return;
  i = find_static (t, track->ref_cx, track->ref_cy, track->w, track->h, 0);
  if (i >= 0) {
    StaticPosition *p = &g_array_index (t->statics, StaticPosition, i);

    if (p->owner == 0)
      p->owner = track->id;
    return;
  }
  if (t->statics->len >= MAX_STATIC_POSITIONS)
    g_array_remove_index (t->statics, 0);
  s.cx = track->ref_cx;
  s.cy = track->ref_cy;
  s.w = track->w;
  s.h = track->h;
  s.owner = track->id;
  g_array_append_val (t->statics, s);
}

guint
plate_tracker_update (PlateTracker * tracker, guint64 pts,
    guint64 frame_number, gint frame_width, gint frame_height,
    const PlateTrackerBox * boxes, guint n_boxes,
    PlateTrackerResult * results, GArray * ended)
{
  PlateTracker *t = tracker;
  guint64 now = frame_time (t, pts, frame_number);
  guint n_ended = 0, n_old, i, j;
  gint *box_track;
  gboolean *track_taken, *box_on_static;

  /* time went backwards: the old positions mean nothing any more */
  if (t->have_time && now < t->last_time)
    n_ended += plate_tracker_end_all (t, FALSE, ended);
  if (!t->started) {
    t->started = TRUE;
    t->start_time = now;
  }
  t->have_time = TRUE;
  t->last_time = now;
  t->last_frame = frame_number;

  /* tracks not seen for the timeout end before anything is matched */
  for (i = 0; i < t->tracks->len;) {
    Track *track = &g_array_index (t->tracks, Track, i);

    if (now - track->t > t->timeout) {
      end_track (ended, track);
      release_static (t, track->id, FALSE);
      g_array_remove_index (t->tracks, i);
      n_ended++;
    } else {
      i++;
    }
  }

  /* every pair within its gate, the cheapest first */
  box_on_static = g_newa (gboolean, MAX (n_boxes, 1));
  for (j = 0; j < n_boxes; j++)
    box_on_static[j] = box_at_static (t, &boxes[j]);
  g_array_set_size (t->pairs, 0);
  for (i = 0; i < t->tracks->len; i++) {
    const Track *track = &g_array_index (t->tracks, Track, i);
    gboolean track_on_static = !is_static (track)
        && at_static (t, track->cx, track->cy, track->w, track->h, 0);

    for (j = 0; j < n_boxes; j++) {
      Pair p;

      p.cost = pair_cost (track, now, &boxes[j], box_on_static[j],
          track_on_static);
      if (p.cost < 0.0)
        continue;
      p.track = i;
      p.box = j;
      g_array_append_val (t->pairs, p);
    }
  }
  g_array_sort (t->pairs, compare_pairs);

  n_old = t->tracks->len;
  box_track = g_newa (gint, MAX (n_boxes, 1));
  track_taken = g_newa (gboolean, MAX (t->tracks->len, 1));
  for (j = 0; j < n_boxes; j++)
    box_track[j] = -1;
  for (i = 0; i < t->tracks->len; i++)
    track_taken[i] = FALSE;
  for (i = 0; i < t->pairs->len; i++) {
    const Pair *p = &g_array_index (t->pairs, Pair, i);

    if (box_track[p->box] >= 0 || track_taken[p->track])
      continue;
    box_track[p->box] = p->track;
    track_taken[p->track] = TRUE;
  }

  /* the matched boxes update their tracks; the others start new ones
   * (appended: indices of the existing tracks stay valid) */
  for (j = 0; j < n_boxes; j++) {
    const PlateTrackerBox *b = &boxes[j];

    if (box_track[j] >= 0) {
      Track *track = &g_array_index (t->tracks, Track, box_track[j]);

      track_update (track, now, pts, b);
      track->last_frame = frame_number;
    } else {
      Track track;

      memset (&track, 0, sizeof (track));
      track.id = t->next_id++;
      track.w = MAX (b->width, 1);
      track.h = MAX (b->height, 1);
      track.cx = track.ref_cx = b->x + track.w / 2.0;
      track.cy = track.ref_cy = b->y + track.h / 2.0;
      track.ref_w = track.w;
      track.ref_h = track.h;
      track.t = now;
      track.last_pts = pts;
      track.last_frame = frame_number;
      track.frames = 1;
      track.born_early = now - t->start_time < STATIC_WINDOW;
      track.born_static = box_on_static[j];
      g_array_append_val (t->tracks, track);
      box_track[j] = t->tracks->len - 1;
    }
  }

  for (j = 0; j < n_boxes; j++) {
    Track *track = &g_array_index (t->tracks, Track, box_track[j]);
    const PlateTrackerBox *b = &boxes[j];
    guint flags = 0;

    /* moved once, a vehicle for good: a parked car drove off (a box still
     * on a line of static text is another piece of it, not the text
     * moving) */
    if (is_static (track) && !at_static (t, b->x + b->width / 2.0,
            b->y + b->height / 2.0, b->width, b->height, track->id)
        && is_moving (track, b)) {
      track->moved = TRUE;
      release_static (t, track->id, TRUE);
    }
    if (is_static (track)) {
      flags |= PLATE_TRACKER_FLAG_STATIC;
      remember_static (t, track);
    }
    if (track->frames == 1)
      flags |= PLATE_TRACKER_FLAG_NEW;
    if (b->x <= EDGE_MARGIN || b->y <= EDGE_MARGIN
        || b->x + b->width >= frame_width - EDGE_MARGIN
        || b->y + b->height >= frame_height - EDGE_MARGIN)
      flags |= PLATE_TRACKER_FLAG_EDGE;

    if (results) {
      results[j].track_id = track->id;
      results[j].flags = flags;
      results[j].frames = track->frames;
    }
  }

  /* A missed track whose plate the motion has carried out of the picture,
   * or below the size the detector finds, will not be seen again: it ends
   * now rather than after the timeout, so its vehicle is reported without
   * waiting.  (After the results: removing tracks moves indices.) */
  for (i = n_old; i-- > 0;) {
    Track *track = &g_array_index (t->tracks, Track, i);
    gdouble cx, cy, w, h;

    if (track_taken[i] || !track->has_velocity)
      continue;
    predict (track, (now - track->t) / 1e9, &cx, &cy, &w, &h);
    /* the size by its smoothed value too: one odd box (a partial view as
     * the plate goes behind something) must not end a track */
    if (cx < 0 || cy < 0 || cx >= frame_width || cy >= frame_height ||
        (t->min_width > 0 && track->w < t->min_width &&
            w < t->min_width * GONE_SMALLER)) {
      end_track (ended, track);
      release_static (t, track->id, FALSE);
      g_array_remove_index (t->tracks, i);
      n_ended++;
    }
  }

  return n_ended;
}

/* Where each open track's plate is expected at @pts (or, without a PTS,
 * at @frame_number): the regions platedetect searches between its looks
 * at the whole picture.  Returns how many boxes were written. */
guint
plate_tracker_predict (PlateTracker * tracker, guint64 pts,
    guint64 frame_number, PlateTrackerPrediction * predictions,
    guint max_predictions)
{
  PlateTracker *t = tracker;
  guint64 now = frame_time (t, pts, frame_number);
  guint i, n = 0;

  for (i = 0; i < t->tracks->len && n < max_predictions; i++) {
    const Track *track = &g_array_index (t->tracks, Track, i);
    gdouble dt = now > track->t ? (now - track->t) / NSEC_PER_SEC : 0.0;
    PlateTrackerPrediction *p = &predictions[n++];
    gdouble cx, cy, w, h;

    predict (track, dt, &cx, &cy, &w, &h);
    p->box.x = (gint) floor (cx - w / 2);
    p->box.y = (gint) floor (cy - h / 2);
    p->box.width = (gint) ceil (w);
    p->box.height = (gint) ceil (h);
    p->box.confidence = 0.0f;
    p->track_id = track->id;
    p->frames = track->frames;
    p->is_static = is_static (track);
    p->missed = frame_number > track->last_frame ?
        frame_number - track->last_frame - 1 : 0;
  }
  return n;
}

void
plate_tracker_set_min_width (PlateTracker * tracker, gint min_width)
{
  tracker->min_width = min_width;
}
