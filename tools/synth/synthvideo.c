/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#include "synthvideo.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gst/gst.h>
#include <gst/app/gstappsrc.h>
#include <gst/video/video.h>

#include <gst/anpr/anprhotlist.h>
#include <gst/anpr/anprplaterules.h>

#include "scenegen.h"

/* Seconds a vehicle spends in view at the nominal speed. */
#define PASS_SECONDS 4.0
/* Smallest plate, px at 1280 wide, that counts as readable in the truth. */
#define MIN_PLATE_PX 40.0

/* Share of a pass spent approaching the near point; the rest turns off. */
#define TURN 0.82

typedef struct
{
  SceneVehicle v;
  gdouble t0, dur;
  gdouble stay;                 /* s stopped at the near point (parked) */
  gboolean away;                /* receding, rear plate */
  gdouble lane;                 /* lateral offset while approaching, m */
  gint lane_no;                 /* truth: 1 near lane, 2 far lane */
  gint exit_side;               /* turns off to the left (-1) or right (1) */
  const gchar *kind;            /* truth: car, van, bus, lorry, parked */
  gdouble d_near, d_far;
  /* Truth, filled in while rendering. */
  gint first, last, best;
  gint occ_from, occ_to;        /* readable but behind a nearer vehicle */
  SceneBox best_box;
  /* Current frame. */
  gboolean active;
  gdouble alpha;
  ScenePlacement pl;
  gdouble prev_row;
} Pass;

/* Progress along the approaching path (0 far away, 1 gone past the side)
 * at time @t, or -1 out of view.  A receding vehicle runs the path
 * backwards; a parked one waits at the near point for @p->stay. */
static gdouble
pass_progress (const Pass * p, gdouble t)
{
  gdouble s = t - p->t0, run;

  if (s < 0 || s > p->dur)
    return -1;
  if (p->stay <= 0)
    return p->away ? 1.0 - s / p->dur : s / p->dur;
  if (p->away)
    s = p->dur - s;
  run = p->dur - p->stay;
  if (s < run * TURN)
    return s / run;
  if (s < run * TURN + p->stay)
    return TURN;
  return (s - p->stay) / run;
}

/* Position along the path at progress @u (0..1) of an approaching vehicle:
 * it slows from far away to the near point (the camera sits by a junction
 * or barrier, so plates are readable for a good while), then turns off past
 * the camera's side. */
static void
pass_position (const Pass * p, const SceneCamera * cam, gdouble u,
    gdouble * x, gdouble * d)
{
  if (u < TURN) {
    gdouble k = pow (1.0 - u / TURN, 2.2);
    *d = p->d_near + (p->d_far - p->d_near) * k;
    *x = p->lane;
  } else {
    gdouble k = (u - TURN) / (1.0 - TURN);
    gdouble d_end = p->d_near;
    gdouble room = p->exit_side < 0 ? cam->cx : cam->width - cam->cx;
    /* Off to the side, far enough that the whole body has left the
     * frame; the plate stays about its largest meanwhile. */
    gdouble out = p->exit_side * (p->v.width_mm / 2000.0 + 0.3 + (room + 10)
        * d_end / cam->focal);
    *d = d_end;
    *x = p->lane + (out - p->lane) * k * k;
  }
}

/* Places every pass in view at time @t and lists them far to near in
 * @order; returns how many. */
static gint
place_passes (const SceneCamera * cam, Pass * passes, gint n, gdouble t,
    Pass ** order)
{
  gint na = 0;

  for (gint i = 0; i < n; i++) {
    Pass *p = &passes[i];
    gdouble u = pass_progress (p, t);
    p->active = u >= 0;
    if (!p->active)
      continue;
    pass_position (p, cam, u, &p->pl.x_m, &p->pl.d_m);
    /* Fade in (or out) through the haze rather than pop up far away. */
    p->alpha = CLAMP (u / 0.06, 0, 1);
    scenegen_vehicle_boxes (cam, &p->v, &p->pl);
    order[na++] = p;
  }
  for (gint i = 1; i < na; i++)
    for (gint j = i; j > 0 && order[j]->pl.d_m > order[j - 1]->pl.d_m; j--) {
      Pass *tmp = order[j];
      order[j] = order[j - 1];
      order[j - 1] = tmp;
    }
  return na;
}

static gboolean
boxes_overlap (const SceneBox * a, const SceneBox * b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w &&
      a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The truth of frame @n for the @na passes in view, far to near. */
static void
update_truth (const SynthVideoOptions * o, Pass ** order, gint na, gint n)
{
  gdouble min_px = MIN_PLATE_PX * o->width / 1280.0;

  for (gint i = 0; i < na; i++) {
    Pass *p = order[i];
    gboolean fits, hidden = FALSE;

    fits = p->alpha >= 1 && p->pl.plate.w >= min_px &&
        p->pl.plate.x >= 1 && p->pl.plate.y >= 1 &&
        p->pl.plate.x + p->pl.plate.w <= o->width - 1 &&
        p->pl.plate.y + p->pl.plate.h <= o->height - 1;
    for (gint j = i + 1; j < na && fits && !hidden; j++)
      hidden = boxes_overlap (&order[j]->pl.body, &p->pl.plate);
    if (fits && hidden) {
      if (p->occ_from < 0)
        p->occ_from = n;
      p->occ_to = n;
    }
    if (fits && !hidden) {
      if (p->first < 0)
        p->first = n;
      p->last = n;
      if (p->best < 0 || p->pl.plate.w > p->best_box.w) {
        p->best = n;
        p->best_box = p->pl.plate;
      }
    }
  }
}

static void
reset_truth (Pass * passes, gint n)
{
  for (gint i = 0; i < n; i++) {
    Pass *p = &passes[i];
    p->first = p->last = p->best = -1;
    p->occ_from = p->occ_to = -1;
    p->prev_row = 0;
  }
}

static gboolean
check_elements (void)
{
  static const gchar *const names[] = {
    "appsrc", "videoconvert", "x264enc", "h264parse", "mp4mux", "filesink",
  };
  static const gchar *const packages[] = {
    "gstreamer1.0-plugins-base", "gstreamer1.0-plugins-base",
    "gstreamer1.0-plugins-ugly", "gstreamer1.0-plugins-bad",
    "gstreamer1.0-plugins-good", "gstreamer1.0 (core)",
  };
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    GstElementFactory *f = gst_element_factory_find (names[i]);
    if (!f) {
      g_printerr ("anpr-synth: GStreamer element '%s' not found (install "
          "%s)\n", names[i], packages[i]);
      ok = FALSE;
    } else {
      gst_object_unref (f);
    }
  }
  return ok;
}

static void
plan_passes (const SynthVideoOptions * o, GRand * rand,
    const SceneCamera * cam, Pass * passes, gdouble spacing, gdouble dur)
{
  gdouble sw = o->width / 1280.0;

  for (gint i = 0; i < o->vehicles; i++) {
    Pass *p = &passes[i];
    gdouble largest = g_rand_double_range (rand, 170, 250) * sw;

    p->away = g_rand_double (rand) < 0.35;
    scenegen_random_vehicle (rand, o->regions, p->away, 0.3, FALSE,
        &p->v);
    p->v.lights_on |= o->night;
    p->dur = dur * g_rand_double_range (rand, 0.92, 1.0);
    p->t0 = 0.1 + i * spacing + g_rand_double_range (rand, 0, 0.05);
    /* The camera watches one lane; vehicles wander a little within it. */
    p->lane = g_rand_double_range (rand, -0.35, 0.35);
    p->d_near = scenegen_distance_for (cam, &p->v, largest);
    p->d_far = 45;
    p->lane_no = 1;
    p->exit_side = -1;
    p->kind = p->v.kind == VEHICLE_VAN ? "van" : "car";
  }
  reset_truth (passes, o->vehicles);
}

static void
write_truth (const SynthVideoOptions * o, FILE * f, const Pass * passes)
{
  fprintf (f, "plate\tfirst_frame\tlast_frame\tstart_s\tend_s\tdirection"
      "\tbest_frame\tx\ty\tw\th\tkind\tlane\toccluded_from"
      "\toccluded_to\n");
  for (gint i = 0; i < o->vehicles; i++) {
    const Pass *p = &passes[i];
    const SceneBox *b = &p->best_box;
    gint x = (gint) floor (b->x), y = (gint) floor (b->y);
    if (p->first < 0)
      continue;
    fprintf (f, "%s\t%d\t%d\t%.3f\t%.3f\t%s\t%d\t%d\t%d\t%d\t%d\t%s"
        "\t%d\t%d\t%d\n", p->v.plate.text, p->first, p->last,
        p->first / (gdouble) o->fps, (p->last + 1) / (gdouble) o->fps,
        p->away ? "away" : "towards", p->best, x, y,
        (gint) ceil (b->x + b->w) - x, (gint) ceil (b->y + b->h) - y,
        p->kind, p->lane_no, p->occ_from, p->occ_to);
  }
}

/* --- the traffic scenario --------------------------------------------- */

/* Frame by frame geometry of a few passes, without drawing: what a
 * situation will look like, to check it before keeping it. */
typedef struct
{
  gint f0, n;                   /* frames f0 .. f0 + n - 1 */
  gdouble *d;                   /* [pass * n + frame], -1 out of view */
  SceneBox *plate, *body;
  gboolean *seen;
} Sim;

static void
simulate (const SynthVideoOptions * o, const SceneCamera * cam, Pass * ps,
    gint np, Sim * sim)
{
  gdouble t_lo = G_MAXDOUBLE, t_hi = 0;
  Pass *order[8];

  g_assert (np <= (gint) G_N_ELEMENTS (order));
  for (gint i = 0; i < np; i++) {
    t_lo = MIN (t_lo, ps[i].t0);
    t_hi = MAX (t_hi, ps[i].t0 + ps[i].dur);
  }
  sim->f0 = (gint) floor (t_lo * o->fps);
  sim->n = (gint) ceil (t_hi * o->fps) - sim->f0 + 1;
  sim->d = g_renew (gdouble, sim->d, np * sim->n);
  sim->plate = g_renew (SceneBox, sim->plate, np * sim->n);
  sim->body = g_renew (SceneBox, sim->body, np * sim->n);
  sim->seen = g_renew (gboolean, sim->seen, np * sim->n);
  reset_truth (ps, np);
  for (gint f = 0; f < sim->n; f++) {
    gint na = place_passes (cam, ps, np, (sim->f0 + f) / (gdouble) o->fps,
        order);
    update_truth (o, order, na, sim->f0 + f);
    for (gint i = 0; i < np; i++) {
      sim->d[i * sim->n + f] = ps[i].active ? ps[i].pl.d_m : -1;
      sim->plate[i * sim->n + f] = ps[i].pl.plate;
      sim->body[i * sim->n + f] = ps[i].pl.body;
      sim->seen[i * sim->n + f] = ps[i].last == sim->f0 + f;
    }
  }
}

typedef struct
{
  gdouble lane[2];              /* centres of lanes 1 and 2, m */
} Road;

/* The widest the plate of @v can be in view at lateral offset @x: the
 * plate has to stay inside the frame at the near point. */
static gdouble
lane_max_px (const SceneCamera * cam, const SceneVehicle * v, gdouble x)
{
  gdouble pw, ph, room, side, below;

  plategen_size_mm (&v->plate, &pw, &ph);
  pw /= 1000.0;
  ph /= 1000.0;
  room = (x >= 0 ? cam->width - cam->cx : cam->cx) - 8;
  side = room / (fabs (x) / pw + 0.5);
  below = pw * (cam->height - 8 - cam->horizon) /
      (cam->cam_h - v->plate_y_mm / 1000.0 + ph / 2);
  return 0.95 * MIN (side, below);
}

/* One vehicle of the traffic scenario in lane @lane_no (1 or 2), its
 * plate at most @plate_px wide, @dur s in view, starting at 0. */
static void
traffic_vehicle (const SynthVideoOptions * o, GRand * rand,
    const SceneCamera * cam, const Road * road, Pass * p, gint lane_no,
    gboolean away, gboolean box, gdouble plate_px, gdouble dur)
{
  memset (p, 0, sizeof (*p));
  if (box) {
    scenegen_random_box_vehicle (rand, o->regions, away, &p->v);
    p->kind = g_rand_boolean (rand) ? "bus" : "lorry";
  } else {
    scenegen_random_vehicle (rand, o->regions, away, 0.3, FALSE, &p->v);
    p->kind = p->v.kind == VEHICLE_VAN ? "van" : "car";
  }
  p->v.lights_on |= o->night;
  p->away = away;
  p->lane_no = lane_no;
  p->exit_side = lane_no == 1 ? -1 : 1;
  p->lane = road->lane[lane_no - 1] + g_rand_double_range (rand, -0.2, 0.2);
  p->dur = dur;
  p->d_near = scenegen_distance_for (cam, &p->v, MIN (plate_px,
          lane_max_px (cam, &p->v, p->lane)));
  p->d_far = 45;
}

/* Whether the plates of passes @a and @b never touch at either's best
 * frame. */
static gboolean
plates_apart (const Sim * sim, const Pass * ps, gint a, gint b)
{
  gint fa = ps[a].best - sim->f0, fb = ps[b].best - sim->f0;

  return !boxes_overlap (&sim->plate[a * sim->n + fa],
      &sim->plate[b * sim->n + fa]) &&
      !boxes_overlap (&sim->plate[a * sim->n + fb],
      &sim->plate[b * sim->n + fb]);
}

/* Shifts the passes so that the first starts at 0; returns the length. */
static gdouble
normalise_times (Pass * ps, gint np)
{
  gdouble lo = G_MAXDOUBLE, hi = 0;

  for (gint i = 0; i < np; i++)
    lo = MIN (lo, ps[i].t0);
  for (gint i = 0; i < np; i++) {
    ps[i].t0 -= lo;
    hi = MAX (hi, ps[i].t0 + ps[i].dur);
  }
  return hi;
}

/* A faster vehicle in lane 2 overtakes a slower one in lane 1; both seen
 * at once.  A receding pair is the same pair with time run backwards. */
static gboolean
plan_overtake (const SynthVideoOptions * o, GRand * rand,
    const SceneCamera * cam, const Road * road, Pass * ps, Sim * sim)
{
  gdouble sw = o->width / 1280.0;
  gboolean away = g_rand_boolean (rand), swapped = FALSE, both = FALSE;
  gint n;

  traffic_vehicle (o, rand, cam, road, &ps[0], 1, away, FALSE,
      g_rand_double_range (rand, 80, 120) * sw,
      g_rand_double_range (rand, 4.6, 5.0));
  traffic_vehicle (o, rand, cam, road, &ps[1], 2, away, FALSE,
      g_rand_double_range (rand, 85, 115) * sw,
      g_rand_double_range (rand, 2.0, 2.6));
  ps[1].t0 = g_rand_double_range (rand, 0.7, 1.3);
  if (away)
    ps[1].t0 = ps[0].dur - ps[1].t0 - ps[1].dur;
  normalise_times (ps, 2);
  simulate (o, cam, ps, 2, sim);
  n = sim->n;
  if (ps[0].first < 0 || ps[1].first < 0 || !plates_apart (sim, ps, 0, 1))
    return FALSE;
  for (gint f = 1; f < n; f++) {
    gdouble a0 = sim->d[f - 1], b0 = sim->d[n + f - 1];
    gdouble a1 = sim->d[f], b1 = sim->d[n + f];
    if (a0 > 0 && b0 > 0 && a1 > 0 && b1 > 0 && (a0 - b0) * (a1 - b1) < 0)
      swapped = TRUE;
    both |= sim->seen[f] && sim->seen[n + f];
  }
  return swapped && both;
}

/* A bus or lorry in lane 1 passes in front of a car in lane 2 and hides
 * its plate for a while in the middle of its pass. */
static gboolean
plan_occlusion (const SynthVideoOptions * o, GRand * rand,
    const SceneCamera * cam, const Road * road, Pass * ps, Sim * sim)
{
  gdouble sw = o->width / 1280.0, best_score = G_MAXDOUBLE, best_dt = 0;
  gdouble bus_px = g_rand_double_range (rand, 110, 170) * sw;
  gboolean away = g_rand_boolean (rand);
  gint want = (gint) lround (0.55 * o->fps);

  traffic_vehicle (o, rand, cam, road, &ps[0], 2, away, FALSE,
      g_rand_double_range (rand, 85, 110) * sw,
      g_rand_double_range (rand, 3.6, 4.8));
  traffic_vehicle (o, rand, cam, road, &ps[1], 1, away, TRUE, bus_px,
      g_rand_double_range (rand, 2.6, 3.6));
  /* Towards the middle of the road, to cover more of the far lane. */
  ps[1].lane = road->lane[0] + g_rand_double_range (rand, 0.4, 0.7);
  ps[1].d_near = scenegen_distance_for (cam, &ps[1].v, MIN (bus_px,
          lane_max_px (cam, &ps[1].v, ps[1].lane)));

  /* Try the bus a frame earlier or later at a time; keep the start that
   * hides the car closest to the wanted time, in the middle of its pass. */
  for (gint k = -5 * o->fps; k <= 5 * o->fps; k++) {
    gdouble dt = k / (gdouble) o->fps, score;
    gint hidden = 0, covered = 0, before = 0, after = 0;

    ps[0].t0 = 6;
    ps[1].t0 = 6 + dt;
    simulate (o, cam, ps, 2, sim);
    if (ps[0].occ_from < 0 || ps[1].first < 0)
      continue;
    for (gint f = ps[0].occ_from - sim->f0; f <= ps[0].occ_to - sim->f0;
        f++) {
      const SceneBox *a = &sim->plate[f], *b = &sim->body[sim->n + f];
      hidden += !sim->seen[f];
      covered += a->x >= b->x && a->y >= b->y && a->x + a->w <= b->x + b->w
          && a->y + a->h <= b->y + b->h;
    }
    for (gint f = 0; f < sim->n; f++) {
      before += sim->seen[f] && sim->f0 + f < ps[0].occ_from;
      after += sim->seen[f] && sim->f0 + f > ps[0].occ_to;
    }
    /* One stretch behind the bus, readable before and after it. */
    if (hidden != ps[0].occ_to - ps[0].occ_from + 1 ||
        hidden < 0.3 * o->fps || hidden > 0.8 * o->fps ||
        before < 0.2 * o->fps || after < 0.2 * o->fps)
      continue;
    /* Not just clipped by its edge: the plate wholly behind it for most
     * of the time. */
    if (2 * covered < hidden)
      continue;
    score = ABS (hidden - want);
    if (score < best_score) {
      best_score = score;
      best_dt = dt;
    }
  }
  if (best_score == G_MAXDOUBLE)
    return FALSE;
  ps[0].t0 = 6;
  ps[1].t0 = 6 + best_dt;
  normalise_times (ps, 2);
  simulate (o, cam, ps, 2, sim);
  return ps[0].occ_from >= 0;
}

/* Two vehicles side by side, one a lane, both plates readable at once. */
static gboolean
plan_abreast (const SynthVideoOptions * o, GRand * rand,
    const SceneCamera * cam, const Road * road, Pass * ps, Sim * sim)
{
  gdouble sw = o->width / 1280.0, dur = g_rand_double_range (rand, 3.0,
      4.5), px = g_rand_double_range (rand, 90, 115) * sw, d;
  gboolean away = g_rand_boolean (rand);
  gint overlap = 0;

  traffic_vehicle (o, rand, cam, road, &ps[0], 1, away, FALSE, px, dur);
  traffic_vehicle (o, rand, cam, road, &ps[1], 2, away, FALSE, px,
      dur * g_rand_double_range (rand, 1.0, 1.03));
  /* The same distance: the nearer one waits for the other. */
  d = MAX (ps[0].d_near, ps[1].d_near);
  ps[0].d_near = ps[1].d_near = d;
  ps[1].t0 = g_rand_double_range (rand, 0, 0.1);
  normalise_times (ps, 2);
  simulate (o, cam, ps, 2, sim);
  if (ps[0].first < 0 || ps[1].first < 0 || !plates_apart (sim, ps, 0, 1))
    return FALSE;
  for (gint f = 0; f < sim->n; f++)
    overlap += sim->seen[f] && sim->seen[sim->n + f];
  return overlap >= 0.5 * o->fps && ps[0].occ_from < 0 && ps[1].occ_from < 0;
}

/* A car drives in, stops with its plate readable, stays, drives off. */
static gboolean
plan_parked (const SynthVideoOptions * o, GRand * rand,
    const SceneCamera * cam, const Road * road, Pass * ps, Sim * sim)
{
  gdouble sw = o->width / 1280.0;

  traffic_vehicle (o, rand, cam, road, &ps[0], 1, FALSE, FALSE,
      g_rand_double_range (rand, 125, 175) * sw, 5.0);
  ps[0].kind = "parked";
  ps[0].stay = o->parked_seconds;
  ps[0].dur += ps[0].stay;
  simulate (o, cam, ps, 1, sim);
  return ps[0].first >= 0 &&
      ps[0].last - ps[0].first + 1 >= o->parked_seconds * o->fps;
}

typedef gboolean (*PlanFunc) (const SynthVideoOptions * o, GRand * rand,
    const SceneCamera * cam, const Road * road, Pass * ps, Sim * sim);

typedef struct
{
  gint first, n;                /* passes[first .. first + n - 1] */
  gdouble len;                  /* s, the passes' t0 relative to its start */
} Slot;

/* Each situation of the traffic scenario, then single vehicles of every
 * speed and size up to o->vehicles, in shuffled order over o->seconds.
 * Returns 0, or 2 with the reason printed when they do not fit. */
static gint
plan_traffic (const SynthVideoOptions * o, GRand * rand,
    const SceneCamera * cam, const Road * road, Pass * passes)
{
  static const struct
  {
    PlanFunc plan;
    gint n;
    const gchar *what;
  } situations[] = {
    {plan_overtake, 2, "an overtaking pair"},
    {plan_occlusion, 2, "a bus hiding a car"},
    {plan_abreast, 2, "two vehicles abreast"},
    {plan_parked, 1, "a parked vehicle"},
  };
  gint n_sit = o->parked_seconds > 0 ? 4 : 3, need = 0, n_single;
  gint n_slots = 0, next = 0;
  gdouble sw = o->width / 1280.0, total = 0, gap, start;
  Slot *slots;
  Sim sim = { 0 };

  for (gint i = 0; i < n_sit; i++)
    need += situations[i].n;
  if (o->vehicles < need) {
    g_printerr ("anpr-synth: --scenario traffic needs --vehicles %d or more "
        "(an overtaking pair, a bus hiding a car, two abreast%s)\n", need,
        o->parked_seconds > 0 ? ", the parked one" : "");
    return 2;
  }
  n_single = o->vehicles - need;
  slots = g_new0 (Slot, n_sit + n_single);

  for (gint i = 0; i < n_sit; i++) {
    gint tries = 0;
    while (!situations[i].plan (o, rand, cam, road, &passes[next], &sim))
      if (++tries == 200) {
        g_printerr ("anpr-synth: cannot plan %s at %dx%d, %d fps\n",
            situations[i].what, o->width, o->height, o->fps);
        g_free (slots);
        g_free (sim.d);
        g_free (sim.plate);
        g_free (sim.body);
        g_free (sim.seen);
        return 2;
      }
    slots[n_slots].first = next;
    slots[n_slots].n = situations[i].n;
    slots[n_slots++].len = normalise_times (&passes[next], situations[i].n);
    next += situations[i].n;
  }
  /* Singles: spread over the speeds (1.5-5 s in view) and the sizes (plates
   * 60-250 px wide at 1280), both directions, mostly the near lane. */
  for (gint k = 0; k < n_single; k++) {
    Pass *p = &passes[next];
    gdouble dur = 1.5 + 3.5 * (k + g_rand_double_range (rand, 0.2, 0.8)) /
        n_single;
    gdouble px = (60 + 190 * ((k * 5 + 2) % n_single +
            g_rand_double_range (rand, 0.2, 0.8)) / n_single) * sw;
    gboolean away = k == 1 || (k > 1 && g_rand_double (rand) < 0.4);
    gint lane = 1, tries = 0;

    do {
      traffic_vehicle (o, rand, cam, road, p, lane, away, FALSE, px, dur);
      if (k % 3 == 2 && lane_max_px (cam, &p->v, road->lane[1] + 0.2) >= px)
        traffic_vehicle (o, rand, cam, road, p, lane = 2, away, FALSE, px,
            dur);
      simulate (o, cam, p, 1, &sim);
    } while (p->first < 0 && ++tries < 200);
    if (p->first < 0) {
      g_printerr ("anpr-synth: cannot plan a vehicle at %dx%d, %d fps\n",
          o->width, o->height, o->fps);
      g_free (slots);
      g_free (sim.d);
      g_free (sim.plate);
      g_free (sim.body);
      g_free (sim.seen);
      return 2;
    }
    slots[n_slots].first = next++;
    slots[n_slots++].n = 1;
    slots[n_slots - 1].len = dur;
  }
  g_free (sim.d);
  g_free (sim.plate);
  g_free (sim.body);
  g_free (sim.seen);

  /* Never two situations at once: the truth of each stays its own. */
  for (gint i = 0; i < n_slots; i++)
    total += slots[i].len;
  total += 0.2 + 0.3 * (n_slots - 1) + 2.0 / o->fps;
  if (o->seconds < total) {
    g_printerr ("anpr-synth: %d vehicles in traffic%s do not fit in %.1f s: "
        "allow at least %.1f s\n", o->vehicles, o->parked_seconds > 0 ?
        " with a parked one" : "", o->seconds, ceil (total * 10) / 10);
    g_free (slots);
    return 2;
  }
  for (gint i = n_slots - 1; i > 0; i--) {
    gint j = g_rand_int_range (rand, 0, i + 1);
    Slot tmp = slots[i];
    slots[i] = slots[j];
    slots[j] = tmp;
  }
  gap = 0.3 + (o->seconds - total) / n_slots;
  start = 0.1 + (gap - 0.3) / 2;
  for (gint i = 0; i < n_slots; i++) {
    /* On a frame, so that the frames are those planned. */
    gdouble at = ceil (start * o->fps) / o->fps;
    for (gint j = 0; j < slots[i].n; j++)
      passes[slots[i].first + j].t0 += at;
    start = at + slots[i].len + gap;
  }
  reset_truth (passes, o->vehicles);
  g_free (slots);
  return 0;
}

/* Whether @text is further than a one-character misread from every plate
 * of the video (but the one at @except). */
static gboolean
far_from_all (const SynthVideoOptions * o, const Pass * passes,
    const gchar * text, gint except)
{
  for (gint j = 0; j < o->vehicles; j++)
    if (j != except &&
        gst_anpr_plate_distance (text, passes[j].v.plate.text, 1.5) <= 1.5)
      return FALSE;
  return TRUE;
}

/* A plate one plain (not look-alike) character away from @plate and far
 * from every other plate of the video, written to @out. */
static gboolean
near_miss (const SynthVideoOptions * o, GRand * rand, const Pass * passes,
    gint which, gchar * out, gsize size)
{
  const gchar *plate = passes[which].v.plate.text;
  gint len = strlen (plate);

  for (gint tries = 0; tries < 200 && len > 0; tries++) {
    gint i = g_rand_int_range (rand, 0, len);
    gboolean digit = g_ascii_isdigit (plate[i]);
    gchar c = digit ? '0' + g_rand_int_range (rand, 0, 10) :
        'A' + g_rand_int_range (rand, 0, 26);
    if (!g_ascii_isalnum (plate[i]) || c == plate[i] ||
        gst_anpr_chars_confusable (c, plate[i]))
      continue;
    g_strlcpy (out, plate, size);
    out[i] = c;
    if (far_from_all (o, passes, out, which))
      return TRUE;
  }
  return FALSE;
}

static gboolean
write_hotlist (const SynthVideoOptions * o, const Pass * passes,
    GString * decoys)
{
  static const struct
  {
    const gchar *list, *reason, *action;
    gint priority;
  } why[] = {
    {"stolen", "Stolen vehicle", "stop", 1},
    {"wanted", "Wanted in connection with burglary", "intercept", 1},
    {"insurance", "No insurance on the Motor Insurance Database", "stop", 3},
    {"intelligence", "Suspected drug supply - do not alert occupants",
        "observe", 2},
    {"dvla", "No valid tax or MOT", "report", 3},
    {"stolen", "Cloned plates - genuine keeper reported sighting",
        "intercept", 1},
    {"missing", "Driver is a missing person - concern for welfare", "stop",
        1},
  };
  GRand *rand = g_rand_new_with_seed (o->seed ^ 0x5eedu);
  FILE *f = fopen (o->hotlist, "w");
  gint visible[1024], nv = 0, listed = 0, want, unlisted = -1;
  gboolean is_listed[1024] = { FALSE };
  guint w = 0;

  if (!f) {
    g_printerr ("anpr-synth: cannot write %s: %s\n", o->hotlist,
        g_strerror (errno));
    g_rand_free (rand);
    return FALSE;
  }
  for (gint i = 0; i < o->vehicles && nv < 1024; i++)
    if (passes[i].first >= 0)
      visible[nv++] = i;
  want = CLAMP ((nv + 1) / 2, MIN (2, nv), nv);

  fprintf (f, "plate,list,reason,priority,action\n");
  /* The one written as people type it, with its space, to exercise the
   * matcher's normalisation: a current-format plate if there is one. */
  for (gint i = 0; i < nv; i++)
    if (passes[visible[i]].v.plate.format == PLATE_GB_CURRENT) {
      gint t = visible[i];
      memmove (visible + 1, visible, i * sizeof (gint));
      visible[0] = t;
      break;
    }
  for (gint i = 0; i < nv && listed < want; i++) {
    const PlateSpec *spec = &passes[visible[i]].v.plate;
    gchar text[PLATE_TEXT_MAX * 2];
    /* Every other plate of the video, starting with the first. */
    if (i % 2 && nv - i > want - listed - 1)
      continue;
    if (listed == 0)
      plategen_display_text (spec, text, sizeof (text));
    else
      g_strlcpy (text, spec->text, sizeof (text));
    fprintf (f, "%s,%s,%s,%d,%s\n", text, why[w].list, why[w].reason,
        why[w].priority, why[w].action);
    w = (w + 1) % G_N_ELEMENTS (why);
    is_listed[i] = TRUE;
    listed++;
  }
  /* Decoys: plates of the same formats that never appear in the video,
   * nor within a one-character misread of any that does, so that a
   * misread never hits a decoy by chance. */
  for (gint i = 0; i < 6; i++) {
    PlateSpec spec;
    plategen_random_spec (rand, o->regions, FALSE, &spec);
    if (!far_from_all (o, passes, spec.text, -1)) {
      i--;
      continue;
    }
    fprintf (f, "%s,%s,%s,%d,%s\n", spec.text, why[w].list, why[w].reason,
        why[w].priority, why[w].action);
    g_string_append_printf (decoys, "%s\tdecoy\n", spec.text);
    w = (w + 1) % G_N_ELEMENTS (why);
  }
  /* Traffic: one listed plate a single plain character away from an
   * unlisted vehicle's, as a tracker that settles on one read of several
   * meets it (RL54MWS listed while RL64MWS drives past). */
  for (gint i = 0; i < nv && unlisted < 0; i++)
    if (!is_listed[i])
      unlisted = visible[i];
  if (o->scenario == SYNTH_SCENARIO_TRAFFIC && unlisted >= 0) {
    gchar text[PLATE_TEXT_MAX + 1];
    if (near_miss (o, rand, passes, unlisted, text, sizeof (text))) {
      fprintf (f, "%s,%s,%s,%d,%s\n", text, why[w].list, why[w].reason,
          why[w].priority, why[w].action);
      g_string_append_printf (decoys, "%s\tnear-miss\n", text);
    }
  }
  g_rand_free (rand);
  if (fclose (f) != 0) {
    g_printerr ("anpr-synth: cannot write %s: %s\n", o->hotlist,
        g_strerror (errno));
    return FALSE;
  }
  return TRUE;
}

/* A camera's name and clock burnt into the top left corner, in boxes a
 * plate detector may take for plates now and then: the clock ticks once a
 * second, the rest never changes or moves. */
static void
draw_overlay (const SynthVideoOptions * o, cairo_surface_t * frame, gint n)
{
  GDateTime *start = g_date_time_new_utc (2026, 12, 7, 10, 15, 3);
  GDateTime *now = g_date_time_add_seconds (start, n / o->fps);
  gchar *date = g_date_time_format (now, "CAM 07 %Y-%m-%d");
  gchar *clock = g_date_time_format (now, "%H:%M:%S");
  gdouble size = MAX (9, o->height * 0.035), pad = size * 0.3, y;
  cairo_text_extents_t te;
  cairo_t *cr = cairo_create (frame);
  const gchar *lines[2] = { date, clock };

  cairo_select_font_face (cr, "DejaVu Sans Mono", CAIRO_FONT_SLANT_NORMAL,
      CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, size);
  y = o->height * 0.025;
  for (guint i = 0; i < 2; i++) {
    /* Monospaced, so the box keeps its size as the digits change. */
    cairo_text_extents (cr, lines[i], &te);
    if (i == 0)
      cairo_set_source_rgb (cr, 0.93, 0.93, 0.9);
    else
      cairo_set_source_rgb (cr, 0.96, 0.8, 0.1);
    cairo_rectangle (cr, o->width * 0.015, y, te.x_advance + 2 * pad,
        size + 2 * pad);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
    cairo_move_to (cr, o->width * 0.015 + pad, y + pad + size * 0.82);
    cairo_show_text (cr, lines[i]);
    y += size + 2 * pad + size * 0.25;
  }
  cairo_destroy (cr);
  g_free (date);
  g_free (clock);
  g_date_time_unref (now);
  g_date_time_unref (start);
}

/* Draws frame @n into @frame from the static @bg and updates the truth. */
static void
render_frame (const SynthVideoOptions * o, const SceneCamera * cam,
    cairo_surface_t * bg, cairo_surface_t * frame, Pass * passes,
    Pass ** order, gint n)
{
  gdouble t = n / (gdouble) o->fps;
  SceneLights lights = { 0 };
  gint na;
  cairo_t *cr = cairo_create (frame);

  cairo_set_source_surface (cr, bg, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

  na = place_passes (cam, passes, o->vehicles, t, order);
  for (gint i = 0; i < na; i++) {
    Pass *p = order[i];
    if (p->alpha < 1) {
      cairo_push_group (cr);
      scenegen_draw_vehicle (cr, cam, &p->v, &p->pl, &lights);
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, p->alpha);
    } else {
      scenegen_draw_vehicle (cr, cam, &p->v, &p->pl, &lights);
    }
  }
  cairo_destroy (cr);

  if (o->night)
    scenefx_night (frame, &lights, 0.22);
  for (gint i = 0; i < na; i++) {
    Pass *p = order[i];
    gdouble row = p->pl.plate.y + p->pl.plate.h / 2;
    /* Shutter open for about half the frame time. */
    if (p->prev_row > 0)
      scenefx_motion_blur (frame, &p->pl.body,
          (gint) lround (fabs (row - p->prev_row) * 0.5));
    p->prev_row = row;
  }
  update_truth (o, order, na, n);
  scenefx_noise (frame, o->seed * 7919u + n, o->night ? 5 : 2.5);
  if (o->overlay_text)
    draw_overlay (o, frame, n);
}

static gboolean
push_frame (GstAppSrc * src, cairo_surface_t * frame, const GstVideoInfo * vi,
    gint n, gint fps)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (vi),
      NULL);
  GstVideoFrame vf;
  const guint8 *src_data;
  gint stride = cairo_image_surface_get_stride (frame);

  cairo_surface_flush (frame);
  src_data = cairo_image_surface_get_data (frame);
  gst_video_frame_map (&vf, vi, buf, GST_MAP_WRITE);
  for (gint y = 0; y < GST_VIDEO_INFO_HEIGHT (vi); y++)
    memcpy ((guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&vf, 0) +
        y * GST_VIDEO_FRAME_PLANE_STRIDE (&vf, 0), src_data + y * stride,
        GST_VIDEO_INFO_WIDTH (vi) * 4);
  gst_video_frame_unmap (&vf);
  GST_BUFFER_PTS (buf) = gst_util_uint64_scale (n, GST_SECOND, fps);
  GST_BUFFER_DURATION (buf) = gst_util_uint64_scale (1, GST_SECOND, fps);
  return gst_app_src_push_buffer (src, buf) == GST_FLOW_OK;
}

static gboolean
wait_eos (GstElement * pipeline, gboolean want_eos)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *msg;
  gboolean ok = TRUE;

  msg = gst_bus_timed_pop_filtered (bus, want_eos ? GST_CLOCK_TIME_NONE : 0,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (msg && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    GError *err = NULL;
    gchar *dbg = NULL;
    gst_message_parse_error (msg, &err, &dbg);
    g_printerr ("anpr-synth: encoding failed: %s\n%s\n", err->message,
        dbg ? dbg : "");
    g_error_free (err);
    g_free (dbg);
    ok = FALSE;
  }
  if (msg)
    gst_message_unref (msg);
  gst_object_unref (bus);
  return ok;
}

gint
synth_video (const SynthVideoOptions * o)
{
  GRand *rand = g_rand_new_with_seed (o->seed);
  gint frames = (gint) lround (o->seconds * o->fps), ret = 1;
  gdouble dur = MIN (PASS_SECONDS, o->seconds - 0.2), spacing = 0;
  SceneCamera cam;
  Pass *passes = NULL, **order = NULL;
  GString *decoys = g_string_new ("plate\tkind\n");
  cairo_surface_t *bg = NULL, *frame = NULL;
  cairo_t *cr;
  GstElement *pipeline = NULL, *src;
  GstVideoInfo vi;
  GstCaps *caps;
  gchar *desc, *loc;
  GError *err = NULL;
  FILE *tf = NULL;

  if (o->vehicles > 1024) {
    g_printerr ("anpr-synth: at most 1024 vehicles\n");
    goto out;
  }
  /* A camera at a junction or barrier, about 1.3 m up, looking along the
   * road and tilted down a little (the horizon is high in the frame, so
   * near plates sit around two thirds of the way down): plates grow to
   * about 200 px at 1280 wide at the near point. */
  cam.width = o->width;
  cam.height = o->height;
  cam.focal = o->width * 0.95;
  cam.cx = o->width / 2.0;
  cam.horizon = o->height * g_rand_double_range (rand, 0.12, 0.2);
  cam.cam_h = g_rand_double_range (rand, 1.2, 1.45);
  passes = g_new0 (Pass, o->vehicles);
  order = g_new0 (Pass *, o->vehicles);
  if (o->scenario == SYNTH_SCENARIO_TRAFFIC) {
    Road road;
    /* Over the near lane of two, aimed a little across the far one (the
     * principal point left of centre stands in for the camera's yaw), so
     * that the far lane's plates stay in view close up and a tall
     * vehicle in the near lane can hide them. */
    cam.cx = o->width * 0.3;
    cam.line_x = g_rand_double_range (rand, 1.8, 2.0);
    cam.kerb_left = cam.line_x - g_rand_double_range (rand, 3.4, 3.6);
    cam.kerb_right = cam.line_x + g_rand_double_range (rand, 3.4, 3.6);
    road.lane[0] = (cam.kerb_left + cam.line_x) / 2;
    road.lane[1] = (cam.line_x + cam.kerb_right) / 2;
    if ((ret = plan_traffic (o, rand, &cam, &road, passes)) != 0)
      goto out;
    ret = 1;
  } else {
    if (o->vehicles > 1)
      spacing = (o->seconds - 0.2 - dur) / (o->vehicles - 1);
    /* Closer than this and vehicles queue into each other's plates. */
    if (dur < 3.0 || (o->vehicles > 1 && spacing < 0.9)) {
      g_printerr ("anpr-synth: %d vehicles do not fit in %.1f s: allow at "
          "least %.1f s\n", o->vehicles, o->seconds,
          PASS_SECONDS + 0.2 + 0.9 * (o->vehicles - 1));
      ret = 2;
      goto out;
    }
    cam.kerb_left = -g_rand_double_range (rand, 1.8, 2.2);
    cam.line_x = g_rand_double_range (rand, 1.6, 1.9);
    cam.kerb_right = cam.line_x + g_rand_double_range (rand, 3.2, 3.7);
    plan_passes (o, rand, &cam, passes, spacing, dur);
  }
  if (!check_elements ())
    goto out;
  if (o->truth && !(tf = fopen (o->truth, "w"))) {
    g_printerr ("anpr-synth: cannot write %s: %s\n", o->truth,
        g_strerror (errno));
    goto out;
  }

  bg = cairo_image_surface_create (CAIRO_FORMAT_RGB24, o->width, o->height);
  cr = cairo_create (bg);
  scenegen_draw_background (cr, rand, &cam, o->night);
  cairo_destroy (cr);
  /* Static grain: the road texture, the same in every frame. */
  scenefx_noise (bg, g_rand_int (rand), 3);
  scenefx_blur (bg, 0.7);
  frame = cairo_image_surface_create (CAIRO_FORMAT_RGB24, o->width,
      o->height);

  loc = g_strescape (o->out, NULL);
  /* One encoder thread: x264's sliced threads make the output differ from
   * run to run, and the same seed must give the same video. */
  desc = g_strdup_printf ("appsrc name=src format=time block=true "
      "max-bytes=%d ! videoconvert ! video/x-raw,format=I420 ! "
      "x264enc speed-preset=ultrafast threads=1 "
      "tune=zerolatency key-int-max=%d bitrate=%d ! h264parse ! mp4mux ! "
      "filesink location=\"%s\"", o->width * o->height * 4 * 4, o->fps * 2,
      MAX (500, (gint) (o->width * (gdouble) o->height * o->fps * 0.16 /
              1000)), loc);
  pipeline = gst_parse_launch (desc, &err);
  g_free (desc);
  g_free (loc);
  if (!pipeline) {
    g_printerr ("anpr-synth: cannot build the encoder: %s\n", err->message);
    g_error_free (err);
    goto out;
  }
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  gst_video_info_set_format (&vi, GST_VIDEO_FORMAT_BGRx, o->width,
      o->height);
  GST_VIDEO_INFO_FPS_N (&vi) = o->fps;
  GST_VIDEO_INFO_FPS_D (&vi) = 1;
  caps = gst_video_info_to_caps (&vi);
  g_object_set (src, "caps", caps, NULL);
  gst_caps_unref (caps);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE) {
    g_printerr ("anpr-synth: cannot start the encoder (can %s be "
        "written?)\n", o->out);
    gst_object_unref (src);
    goto out;
  }

  ret = 0;
  for (gint n = 0; n < frames && ret == 0; n++) {
    render_frame (o, &cam, bg, frame, passes, order, n);
    if (!push_frame (GST_APP_SRC (src), frame, &vi, n, o->fps)
        || !wait_eos (pipeline, FALSE))
      ret = 1;
  }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  gst_object_unref (src);
  if (ret == 0 && !wait_eos (pipeline, TRUE))
    ret = 1;

  for (gint i = 0; i < o->vehicles && ret == 0; i++)
    if (passes[i].first < 0)
      g_printerr ("anpr-synth: warning: plate %s is never fully in view\n",
          passes[i].v.plate.text);
  if (ret == 0 && tf)
    write_truth (o, tf, passes);
  if (ret == 0 && o->hotlist && !write_hotlist (o, passes, decoys))
    ret = 1;
  if (ret == 0 && o->hotlist && o->truth) {
    gchar *path = g_strconcat (o->truth, ".decoys", NULL);
    if (!g_file_set_contents (path, decoys->str, decoys->len, &err)) {
      g_printerr ("anpr-synth: %s\n", err->message);
      g_clear_error (&err);
      ret = 1;
    }
    g_free (path);
  }

out:
  if (tf && fclose (tf) != 0 && ret == 0) {
    g_printerr ("anpr-synth: cannot write %s\n", o->truth);
    ret = 1;
  }
  if (pipeline) {
    gst_element_set_state (pipeline, GST_STATE_NULL);
    gst_object_unref (pipeline);
  }
  if (bg)
    cairo_surface_destroy (bg);
  if (frame)
    cairo_surface_destroy (frame);
  g_free (passes);
  g_free (order);
  g_string_free (decoys, TRUE);
  g_rand_free (rand);
  return ret;
}
