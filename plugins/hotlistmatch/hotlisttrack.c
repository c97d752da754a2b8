/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hotlistevidence.h"
#include "hotlistprops.h"
#include "hotlistpublish.h"
#include "hotlisttrack.h"

#define GST_CAT_DEFAULT gst_hotlist_match_debug

/* A new sighting replaces the best one only when this much better: the
 * best frame is kept (and copied) less often, for a picture within a few
 * per cent of the best. */
#define BEST_MARGIN 1.05
/* A settled vehicle is reported once its plate has stopped growing: its
 * largest size is this old, or the plate is seen this much smaller. */
#define PAST_BEST_NS (300 * GST_MSECOND)
#define PAST_BEST_FRAMES 8
#define SHRUNK 0.85
/* Size change, first to latest sighting, that says towards or away. */
#define GROWTH_RATIO 1.12
#define WEAK_GROWTH_RATIO 1.04
/* A vehicle ready to report whose direction is still unknown waits for it
 * at most this many frames. */
#define DIRECTION_WAIT_FRAMES 25
/* A track that starts with the text of a vehicle reported this recently
 * is that vehicle re-acquired (its track split, say where two plates
 * crossed), not a second one. */
#define REACQUIRED_NS (10 * GST_SECOND)
/* A track seen fewer times than this is a glimpse (a reflection, a
 * fragment of text passing behind something): a vehicle only when it read
 * with this confidence. */
#define GLIMPSE_SIGHTINGS 3
#define GLIMPSE_CONFIDENCE 0.9

#define PATH_SAMPLES 5
/* A track sharing a reading with one that ended, started within this many
 * of its plate widths of where it was last seen, continues it. */
#define CONTINUES_WIDTHS 3.0

typedef struct
{
  gint cx[PATH_SAMPLES], cy[PATH_SAMPLES], w[PATH_SAMPLES], h[PATH_SAMPLES];
  guint n, next;
} PathSamples;

typedef struct
{
  guint64 id;
  guint sightings;
  gboolean reported;
  gboolean is_static;           /* latest sighting's flag */
  gboolean seen_uncut;
  gboolean settled;
  /* the path: its first and its latest whole views, a few of each, whose
   * medians outvote one loose box */
  PathSamples start, end;
  gboolean start_closed;        /* taken over from the track it continues */
  /* the plate's size (the median of its latest whole views) at its
   * largest, and when it got there */
  gint peak_w;
  guint64 peak_frame_no;
  GstClockTime peak_running_time;
  gint64 first_wall_us, last_wall_us;
  GstClockTime first_running_time, last_running_time;
  GstClockTime first_pts, last_pts;
  guint64 last_frame_no;
  /* the latest sighting: the track's read */
  GstAnprPlateMeta latest;
  /* the best sighting */
  GstAnprPlateMeta best;
  gdouble best_score;
  GstClockTime best_pts, best_duration;
  GstClockTime best_stream_time, best_running_time;
  gint64 best_wall_us;
  guint64 best_frame_no;
  GstBuffer *best_buf;          /* only when pictures are wanted */
  guint64 merged_from;          /* the track it continues, 0: none */
  /* the read of a piece merged into it, when surer than its own */
  GstAnprPlateMeta merged_read;
  gboolean has_merged_read;
  guint64 ready_frame_no;       /* settled and past its best since */
} HotlistTrack;

static void
hotlist_track_free (gpointer p)
{
  HotlistTrack *t = p;

  gst_clear_buffer (&t->best_buf);
  g_free (t);
}

void
gst_hotlist_match_tracks_start (GstHotlistMatch * self)
{
  self->tracks = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
      hotlist_track_free);
  self->reported_texts = g_hash_table_new_full (g_str_hash, g_str_equal,
      g_free, g_free);
  self->frame_no = 0;
}

void
gst_hotlist_match_tracks_stop (GstHotlistMatch * self)
{
  g_clear_pointer (&self->tracks, g_hash_table_destroy);
  g_clear_pointer (&self->reported_texts, g_hash_table_destroy);
}

/* platedetect's tracker flags a box at the frame's edge: the plate may be
 * cut there.  Only its tracks come here. */
static gboolean
box_is_cut (const GstAnprPlateMeta * m)
{
  return (m->track_flags & GST_ANPR_TRACK_FLAG_EDGE) != 0;
}

/* How good a picture of the plate a sighting is: its size, how well it
 * read (motion blur and glare lower that), and whether it is whole. */
static gdouble
sighting_score (GstHotlistMatch * self, const GstAnprPlateMeta * m)
{
  gdouble read = m->text[0] ? m->confidence : 0.8 * m->track_confidence;
  gdouble s = sqrt ((gdouble) MAX (m->width, 1) * MAX (m->height, 1)) *
      (0.25 + 0.75 * read);

  return box_is_cut (m) ? s * 0.2 : s;
}

/* @src's track read (text, format, confidence, candidates) into @dst. */
static void
adopt_read (GstAnprPlateMeta * dst, const GstAnprPlateMeta * src)
{
  memcpy (dst->track_text, src->track_text, sizeof (dst->track_text));
  memcpy (dst->track_format, src->track_format, sizeof (dst->track_format));
  dst->track_confidence = src->track_confidence;
  dst->track_reads = src->track_reads;
  dst->n_track_candidates = src->n_track_candidates;
  memcpy (dst->track_candidates, src->track_candidates,
      sizeof (dst->track_candidates));
}

static void
path_add (PathSamples * p, const GstAnprPlateMeta * m)
{
  p->cx[p->next] = m->x + m->width / 2;
  p->cy[p->next] = m->y + m->height / 2;
  p->w[p->next] = m->width;
  p->h[p->next] = m->height;
  p->next = (p->next + 1) % PATH_SAMPLES;
  p->n = MIN (p->n + 1, PATH_SAMPLES);
}

static gint
int_cmp (gconstpointer a, gconstpointer b)
{
  return *(const gint *) a - *(const gint *) b;
}

/* The median of @n values; of an even number, the mean of the middle two
 * (of two views, the upper one alone would let one box taken with the
 * plate's border decide the size). */
static gint
median (const gint * v, guint n)
{
  gint s[PATH_SAMPLES];

  if (n == 0)
    return 0;
  memcpy (s, v, n * sizeof (gint));
  qsort (s, n, sizeof (gint), int_cmp);
  if (n % 2 == 0)
    return (s[n / 2 - 1] + s[n / 2] + 1) / 2;
  return s[n / 2];
}

/* The latest @k samples of the ring @p, oldest first, into @out. */
static guint
path_latest (const PathSamples * p, guint k, PathSamples * out)
{
  guint i, n = MIN (k, p->n);

  for (i = 0; i < n; i++) {
    guint j = (p->next + PATH_SAMPLES - n + i) % PATH_SAMPLES;

    out->cx[i] = p->cx[j];
    out->cy[i] = p->cy[j];
    out->w[i] = p->w[j];
    out->h[i] = p->h[j];
  }
  out->n = n;
  out->next = n % PATH_SAMPLES;
  return n;
}

/* Medians of the first and of the latest whole views: up to PATH_SAMPLES
 * at each end, fewer on a short track (a third of its sightings each), so
 * that the two ends do not share most of their views when platedetect
 * sees the plate only a few times a second.  @fs and @ls are the plate's
 * size, the geometric mean of width and height: a box that takes the
 * plate's border on one frame and only its characters on the next
 * changes one of them much more than the other. */
static void
path_ends (const HotlistTrack * t, gint * fcx, gint * fcy, gint * fh,
    gdouble * fs, gint * lcx, gint * lcy, gint * lh, gdouble * ls)
{
  guint k = CLAMP (t->sightings / 3, 1, PATH_SAMPLES), n;
  PathSamples last;

  n = MIN (k, t->start.n);
  *fcx = median (t->start.cx, n);
  *fcy = median (t->start.cy, n);
  *fh = median (t->start.h, n);
  *fs = sqrt ((gdouble) MAX (median (t->start.w, n), 1) * MAX (*fh, 1));
  n = path_latest (&t->end, k, &last);
  *lcx = median (last.cx, n);
  *lcy = median (last.cy, n);
  *lh = median (last.h, n);
  *ls = sqrt ((gdouble) MAX (median (last.w, n), 1) * MAX (*lh, 1));
}

void
gst_hotlist_match_track_sighting (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, const GstAnprEventContext * ctx)
{
  HotlistTrack *t = g_hash_table_lookup (self->tracks, &meta->track_id);
  gboolean keep_frame, cut;
  gdouble score;

  if (!t) {
    t = g_new0 (HotlistTrack, 1);
    t->id = meta->track_id;
    t->first_wall_us = ctx->wall_time_us;
    t->first_running_time = ctx->running_time;
    t->first_pts = GST_BUFFER_PTS (buf);
    g_hash_table_insert (self->tracks, &t->id, t);
  }
  /* the path is of whole views: a plate coming into the picture grows as
   * it enters, whichever way it goes */
  cut = box_is_cut (meta);
  if (!cut) {
    if (!t->start_closed && t->start.n < PATH_SAMPLES)
      path_add (&t->start, meta);
    path_add (&t->end, meta);
  }
  t->sightings++;
  t->latest = *meta;
  /* a piece merged into this track read surer than this track does */
  if (t->has_merged_read && t->merged_read.track_confidence >
      t->latest.track_confidence)
    adopt_read (&t->latest, &t->merged_read);
  t->is_static = (meta->track_flags & GST_ANPR_TRACK_FLAG_STATIC) != 0;
  t->settled = (meta->track_flags & GST_ANPR_TRACK_FLAG_SETTLED) != 0;
  t->seen_uncut |= !cut;
  if (!cut) {
    gint w = median (t->end.w, t->end.n);

    if (w > t->peak_w) {
      t->peak_w = w;
      t->peak_frame_no = self->frame_no;
      t->peak_running_time = ctx->running_time;
    }
  }
  t->last_wall_us = ctx->wall_time_us;
  t->last_running_time = ctx->running_time;
  t->last_pts = GST_BUFFER_PTS (buf);
  t->last_frame_no = self->frame_no;

  /* a reported vehicle still in view: a second track on it (a second box
   * round its plate, a split) is compared with its latest sighting */
  if (t->reported && t->latest.track_text[0] &&
      GST_CLOCK_TIME_IS_VALID (ctx->running_time)) {
    GstClockTime *last = g_hash_table_lookup (self->reported_texts,
        t->latest.track_text);

    if (last)
      *last = MAX (*last, ctx->running_time);
  }

  score = sighting_score (self, meta);
  if (t->best_score > 0 && score <= t->best_score * BEST_MARGIN)
    return;
  t->best = *meta;
  t->best_score = score;
  t->best_pts = GST_BUFFER_PTS (buf);
  t->best_duration = GST_BUFFER_DURATION (buf);
  t->best_stream_time = ctx->stream_time;
  t->best_running_time = ctx->running_time;
  t->best_wall_us = ctx->wall_time_us;
  t->best_frame_no = self->frame_no;

  GST_OBJECT_LOCK (self);
  keep_frame = self->evidence != GST_HOTLIST_MATCH_EVIDENCE_NONE ||
      self->post_best_frame;
  GST_OBJECT_UNLOCK (self);
  gst_clear_buffer (&t->best_buf);
  if (keep_frame && !t->reported && self->evidence_readable) {
    /* a pooled buffer held for seconds could starve its pool (a
     * decoder's): those are copied */
    if (buf->pool)
      t->best_buf = gst_buffer_copy_deep (buf);
    else
      t->best_buf = gst_buffer_ref (buf);
  }
}

/* towards, away or unknown; @weak: from smaller changes, when the
 * report cannot wait for more */
static const gchar *
direction_of (const HotlistTrack * t, gboolean weak)
{
  gint fcx, fcy, fh, lcx, lcy, lh;
  gdouble growth, fs, ls;
  gint dy;

  path_ends (t, &fcx, &fcy, &fh, &fs, &lcx, &lcy, &lh, &ls);
  if (t->start.n == 0)
    return "unknown";
  growth = ls / fs;
  dy = lcy - fcy;

  if (growth >= GROWTH_RATIO)
    return "towards";
  if (growth <= 1.0 / GROWTH_RATIO)
    return "away";
  /* about the same size: the camera looks down the road, so a plate
   * coming closer also moves down the picture */
  if (abs (dy) >= MAX (fh, 2) / 2)
    return dy > 0 ? "towards" : "away";
  /* when it has to be said: a little growth, or a little motion, that
   * agree */
  if (weak) {
    if (growth >= WEAK_GROWTH_RATIO && dy >= 0)
      return "towards";
    if (growth <= 1.0 / WEAK_GROWTH_RATIO && dy <= 0)
      return "away";
    if (abs (dy) >= MAX (fh, 4) / 4)
      return dy > 0 ? "towards" : "away";
  }
  return "unknown";
}

static const gchar *
image_direction_of (const HotlistTrack * t)
{
  gint fcx, fcy, fh, lcx, lcy, lh, dx, dy;
  gdouble fs, ls;

  path_ends (t, &fcx, &fcy, &fh, &fs, &lcx, &lcy, &lh, &ls);
  dx = lcx - fcx;
  dy = lcy - fcy;
  if (t->start.n == 0 || MAX (abs (dx), abs (dy)) < MAX (fh, lh) / 2)
    return "none";
  if (abs (dx) > abs (dy))
    return dx > 0 ? "right" : "left";
  return dy > 0 ? "down" : "up";
}

static void
add_wall_time (JsonBuilder * b, const gchar * name, gint64 us)
{
  gchar *ts = gst_anpr_event_format_timestamp (us);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, ts);
  g_free (ts);
}

static void
add_seconds (JsonBuilder * b, const gchar * name, GstClockTime t)
{
  json_builder_set_member_name (b, name);
  if (GST_CLOCK_TIME_IS_VALID (t))
    json_builder_add_double_value (b, (gdouble) (t / GST_USECOND) / 1e6);
  else
    json_builder_add_null_value (b);
}

static JsonNode *
vehicle_json (GstHotlistMatch * self, const HotlistTrack * t,
    const gchar * direction, const gchar * passage, const gchar * decided)
{
  JsonBuilder *b = json_builder_new ();
  JsonNode *node;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "track_id");
  json_builder_add_int_value (b, (gint64) t->id);
  json_builder_set_member_name (b, "continues_track");
  if (t->merged_from)
    json_builder_add_int_value (b, (gint64) t->merged_from);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "direction");
  json_builder_add_string_value (b, direction);
  json_builder_set_member_name (b, "image_direction");
  json_builder_add_string_value (b, image_direction_of (t));
  json_builder_set_member_name (b, "passage");
  if (passage)
    json_builder_add_string_value (b, passage);
  else
    json_builder_add_null_value (b);
  add_wall_time (b, "first_seen", t->first_wall_us);
  add_wall_time (b, "last_seen", t->last_wall_us);
  add_seconds (b, "first_pts", t->first_pts);
  add_seconds (b, "last_pts", t->last_pts);
  json_builder_set_member_name (b, "sightings");
  json_builder_add_int_value (b, t->sightings);
  json_builder_set_member_name (b, "readings");
  json_builder_add_int_value (b, t->latest.track_reads);
  json_builder_set_member_name (b, "decided");
  json_builder_add_string_value (b, decided);
  json_builder_set_member_name (b, "best_frame");
  json_builder_begin_object (b);
  add_wall_time (b, "timestamp", t->best_wall_us);
  add_seconds (b, "pts", t->best_pts);
  add_seconds (b, "stream_time", t->best_stream_time);
  add_seconds (b, "running_time", t->best_running_time);
  json_builder_set_member_name (b, "frame");
  json_builder_add_int_value (b, (gint64) t->best_frame_no);
  json_builder_end_object (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  g_object_unref (b);
  return node;
}

/* The vehicle as one plate: the best sighting's box and times, the
 * track's read. */
static void
vehicle_meta (const HotlistTrack * t, GstAnprPlateMeta * out)
{
  guint i;

  *out = t->best;
  g_strlcpy (out->text, t->latest.track_text, sizeof (out->text));
  g_strlcpy (out->format, t->latest.track_format, sizeof (out->format));
  if (t->latest.region[0])
    g_strlcpy (out->region, t->latest.region, sizeof (out->region));
  out->confidence = t->latest.track_confidence;
  out->n_candidates = MIN (t->latest.n_track_candidates,
      GST_ANPR_MAX_CANDIDATES);
  for (i = 0; i < GST_ANPR_MAX_CANDIDATES; i++)
    out->candidates[i] = t->latest.track_candidates[i];
  /* the best frame's per-character confidences describe its own text */
  if (strcmp (t->best.text, out->text) != 0)
    for (i = 0; i < GST_ANPR_MAX_TEXT; i++)
      out->char_confidence[i] = out->text[i] ? out->confidence : 0.0f;
}

/* TRUE if a vehicle with @t's read was reported within REACQUIRED_NS of
 * @t's first sighting; records @t's report otherwise. */
static gboolean
reacquired (GstHotlistMatch * self, const HotlistTrack * t)
{
  GstClockTime *last = g_hash_table_lookup (self->reported_texts,
      t->latest.track_text);
  GstClockTime now = t->last_running_time;
  gboolean again;

  if (!GST_CLOCK_TIME_IS_VALID (now))
    return FALSE;
  again = last && t->first_running_time != GST_CLOCK_TIME_NONE &&
      t->first_running_time <= *last + REACQUIRED_NS &&
      t->first_running_time + REACQUIRED_NS >= *last;
  if (!last) {
    /* forget the old ones now and then */
    if (g_hash_table_size (self->reported_texts) > 256) {
      GHashTableIter it;
      gpointer v;

      g_hash_table_iter_init (&it, self->reported_texts);
      while (g_hash_table_iter_next (&it, NULL, &v))
        if (*(GstClockTime *) v + REACQUIRED_NS < now)
          g_hash_table_iter_remove (&it);
    }
    last = g_new0 (GstClockTime, 1);
    g_hash_table_insert (self->reported_texts,
        g_strdup (t->latest.track_text), last);
  }
  *last = MAX (*last, now);
  return again;
}

static void
report (GstHotlistMatch * self, HotlistTrack * t, const gchar * decided)
{
  GstAnprPlateMeta m;
  GstAnprEventContext ctx;
  GstBuffer *stamp;
  GstSample *sample = NULL;
  const gchar *direction, *passage = NULL;
  gint entering;
  gdouble min_confidence;
  gchar *camera;

  t->reported = TRUE;
  GST_OBJECT_LOCK (self);
  entering = self->entering;
  min_confidence = self->vehicle_min_confidence;
  camera = g_strdup (self->camera_id);
  GST_OBJECT_UNLOCK (self);
  /* Still since the stream began: a logo, a clock, a sign, unless it read
   * as a plate, settled, in one of the region's formats (a car that was
   * parked there when the camera started); that one is reported when its
   * track ends. */
  if ((t->is_static && !(t->settled && t->latest.track_format[0] &&
              !gst_anpr_plate_format_is_fallback (t->latest.track_format)))
      || !t->latest.track_text[0]
      || t->latest.track_confidence < min_confidence
      || (t->sightings < GLIMPSE_SIGHTINGS &&
          t->latest.track_confidence < GLIMPSE_CONFIDENCE)) {
    GST_DEBUG_OBJECT (self, "track %" G_GUINT64_FORMAT " ends unreported "
        "(%s: \"%s\" at %.2f)", t->id, t->is_static ? "fixed text" :
        "not read well enough", t->latest.track_text,
        t->latest.track_confidence);
    gst_clear_buffer (&t->best_buf);
    g_free (camera);
    return;
  }
  if (reacquired (self, t)) {
    GST_DEBUG_OBJECT (self, "track %" G_GUINT64_FORMAT " (%s) is the "
        "vehicle reported just before", t->id, t->latest.track_text);
    gst_clear_buffer (&t->best_buf);
    g_free (camera);
    return;
  }

  direction = direction_of (t, TRUE);
  if (entering != GST_HOTLIST_MATCH_ENTERING_NONE &&
      strcmp (direction, "unknown") != 0)
    passage = (strcmp (direction, "towards") == 0) ==
        (entering == GST_HOTLIST_MATCH_ENTERING_TOWARDS) ? "entering" :
        "leaving";

  vehicle_meta (t, &m);
  gst_anpr_event_context_init (&ctx);
  ctx.camera_id = camera;
  ctx.wall_time_us = t->best_wall_us;
  ctx.stream_time = t->best_stream_time;
  ctx.running_time = t->best_running_time;
  ctx.vehicle = vehicle_json (self, t, direction, passage, decided);

  /* the message's times are the best frame's */
  if (t->best_buf) {
    stamp = gst_buffer_ref (t->best_buf);
    if (self->post_best_frame)
      sample = gst_sample_new (t->best_buf, NULL,
          &GST_BASE_TRANSFORM (self)->segment, NULL);
  } else {
    stamp = gst_buffer_new ();
    GST_BUFFER_PTS (stamp) = t->best_pts;
    GST_BUFFER_DURATION (stamp) = t->best_duration;
  }
  if (sample) {
    GstCaps *caps = gst_video_info_to_caps (&self->info);
    gst_sample_set_caps (sample, caps);
    gst_caps_unref (caps);
  }

  GST_INFO_OBJECT (self, "vehicle %" G_GUINT64_FORMAT ": %s (%.2f, %u "
      "readings of %u sightings), %s%s%s, %s", t->id, m.text, m.confidence,
      t->latest.track_reads, t->sightings, direction, passage ? ", " : "",
      passage ? passage : "", decided);
  /* a plate only ever seen cut by the frame edge may be a fragment: it is
   * reported as read, never alerted on */
  gst_hotlist_match_report (self, stamp, &m, &ctx, sample, t->seen_uncut);

  json_node_unref (ctx.vehicle);
  if (sample)
    gst_sample_unref (sample);
  gst_buffer_unref (stamp);
  gst_clear_buffer (&t->best_buf);
  g_free (camera);
}

void
gst_hotlist_match_tracks_check (GstHotlistMatch * self)
{
  GHashTableIter it;
  gpointer v;

  g_hash_table_iter_init (&it, self->tracks);
  while (g_hash_table_iter_next (&it, NULL, &v)) {
    HotlistTrack *t = v;
    gboolean past_best;

    if (t->reported || !t->settled || t->is_static || !t->seen_uncut)
      continue;
    /* seen on this frame and past its best: not growing any more */
    if (t->last_frame_no != self->frame_no)
      continue;
    /* the plate no longer grows: a vehicle coming closer slows to its
     * nearest, one going away is largest at first */
    past_best = t->peak_w > 0 && (median (t->end.w, t->end.n) < SHRUNK *
        t->peak_w || self->frame_no - t->peak_frame_no >= PAST_BEST_FRAMES ||
        (GST_CLOCK_TIME_IS_VALID (t->peak_running_time) &&
            GST_CLOCK_TIME_IS_VALID (t->last_running_time) &&
            t->last_running_time >= t->peak_running_time + PAST_BEST_NS));
    if (!past_best)
      continue;
    /* and which way it goes, unless that stays unclear */
    if (!t->ready_frame_no)
      t->ready_frame_no = self->frame_no;
    if (strcmp (direction_of (t, FALSE), "unknown") != 0 ||
        self->frame_no - t->ready_frame_no >= DIRECTION_WAIT_FRAMES)
      report (self, t, "settled");
  }
}

/* Whether @a's read is among @b's candidates, or @b's among @a's. */
static gboolean
shares_reading (const GstAnprPlateMeta * a, const GstAnprPlateMeta * b)
{
  guint i;

  for (i = 0; i < b->n_track_candidates; i++)
    if (a->track_text[0] && !strcmp (a->track_text,
            b->track_candidates[i].text))
      return TRUE;
  for (i = 0; i < a->n_track_candidates; i++)
    if (b->track_text[0] && !strcmp (b->track_text,
            a->track_candidates[i].text))
      return TRUE;
  return FALSE;
}

/* Whether where @t was last seen is within CONTINUES_WIDTHS of its plate
 * widths of @u's first whole view or of its latest sighting. */
static gboolean
near_path (const HotlistTrack * u, const HotlistTrack * t)
{
  gdouble tx = t->latest.x + t->latest.width / 2.0;
  gdouble ty = t->latest.y + t->latest.height / 2.0;
  gdouble lx = u->latest.x + u->latest.width / 2.0;
  gdouble ly = u->latest.y + u->latest.height / 2.0;
  gdouble reach = CONTINUES_WIDTHS * MAX (t->latest.width, 1);

  if (hypot (lx - tx, ly - ty) <= reach)
    return TRUE;
  return u->start.n > 0 && hypot (u->start.cx[0] - tx,
      u->start.cy[0] - ty) <= reach;
}

/* An open track that reads as @t does: @t's vehicle, lost behind
 * something and found again, or followed twice for a while (a loose box
 * round its plate took it for a few frames). */
static HotlistTrack *
continuation_of (GstHotlistMatch * self, const HotlistTrack * t)
{
  GHashTableIter it;
  gpointer v;

  if (!t->latest.track_text[0])
    return NULL;
  g_hash_table_iter_init (&it, self->tracks);
  while (g_hash_table_iter_next (&it, NULL, &v)) {
    HotlistTrack *u = v;

    if (u == t || u->reported)
      continue;
    if (strcmp (u->latest.track_text, t->latest.track_text) == 0)
      return u;
    /* not read the same, but one's read among the other's candidates,
     * and on its path where @t was last seen: a fast vehicle whose track
     * split between two sparse detections, one piece misread */
    if (shares_reading (&u->latest, &t->latest) && near_path (u, t))
      return u;
  }
  return NULL;
}

/* @u goes on with @t's vehicle: the path starts at whichever started
 * first, the best view is the better one. */
static void
merge_into (HotlistTrack * u, HotlistTrack * t)
{
  gboolean t_first = GST_CLOCK_TIME_IS_VALID (t->first_running_time) &&
      (!GST_CLOCK_TIME_IS_VALID (u->first_running_time) ||
      t->first_running_time < u->first_running_time);

  if (t_first) {
    /* the path starts with @t's first views, then @u's */
    if (t->start.n > 0) {
      PathSamples s = t->start;
      guint i;

      for (i = 0; i < u->start.n && s.n < PATH_SAMPLES; i++) {
        s.cx[s.n] = u->start.cx[i];
        s.cy[s.n] = u->start.cy[i];
        s.w[s.n] = u->start.w[i];
        s.h[s.n] = u->start.h[i];
        s.n++;
      }
      s.next = s.n % PATH_SAMPLES;
      u->start = s;
      u->start_closed = TRUE;
    }
    u->first_wall_us = t->first_wall_us;
    u->first_running_time = t->first_running_time;
    u->first_pts = t->first_pts;
  }
  /* the latest whole views: @u's, unless it was only ever seen cut */
  if (u->end.n == 0 && t->end.n > 0)
    u->end = t->end;
  u->sightings += t->sightings;
  u->seen_uncut |= t->seen_uncut;
  u->merged_from = t->merged_from ? t->merged_from : t->id;
  /* the vehicle reads as the surer of the two votes: the piece that ends
   * may have seen the plate whole, the one that goes on only cut by the
   * edge of the picture as it leaves */
  if (t->latest.track_confidence > u->latest.track_confidence) {
    adopt_read (&u->latest, &t->latest);
    u->merged_read = t->latest;
    u->has_merged_read = TRUE;
    u->settled |= t->settled;
  }
  if (t->best_score > u->best_score) {
    u->best = t->best;
    u->best_score = t->best_score;
    u->best_pts = t->best_pts;
    u->best_duration = t->best_duration;
    u->best_stream_time = t->best_stream_time;
    u->best_running_time = t->best_running_time;
    u->best_wall_us = t->best_wall_us;
    u->best_frame_no = t->best_frame_no;
    gst_clear_buffer (&u->best_buf);
    u->best_buf = t->best_buf;
    t->best_buf = NULL;
  }
}

/* Whether @u, which @t continues, has not been seen since @t began: @t
 * took the vehicle over (the tracker lost it between two looks and began
 * again further on), so when @t ends the vehicle is gone, however long
 * @u's own track waits for its timeout. */
static gboolean
taken_over (const HotlistTrack * u, const HotlistTrack * t)
{
  return GST_CLOCK_TIME_IS_VALID (u->last_running_time)
      && GST_CLOCK_TIME_IS_VALID (t->first_running_time)
      && u->last_running_time < t->first_running_time;
}

void
gst_hotlist_match_track_end (GstHotlistMatch * self, guint64 track_id)
{
  HotlistTrack *t, *u;

  if (!self->tracks)
    return;
  t = g_hash_table_lookup (self->tracks, &track_id);
  if (!t)
    return;
  if (t->reported) {
    /* reported early (a vehicle standing in view): the time it was last
     * seen is what a track picking it up again is compared with */
    GstClockTime *last = t->latest.track_text[0] ?
        g_hash_table_lookup (self->reported_texts, t->latest.track_text) :
        NULL;

    if (last && GST_CLOCK_TIME_IS_VALID (t->last_running_time))
      *last = MAX (*last, t->last_running_time);
  } else {
    /* followed under another track too (found again after an occlusion
     * longer than the tracker bridges, or a loose box that took its plate
     * for a while): one vehicle, reported when that one is */
    if ((u = continuation_of (self, t)) && taken_over (u, t)) {
      /* @t went on with @u's vehicle, which ends with it: reported now,
       * as first followed under @u; @u's own end adds nothing */
      GST_DEBUG_OBJECT (self, "track %" G_GUINT64_FORMAT " (%s) took over "
          "from track %" G_GUINT64_FORMAT, t->id, t->latest.track_text, u->id);
      merge_into (t, u);
      report (self, t, "track-end");
      u->reported = TRUE;
    } else if (u) {
      GST_DEBUG_OBJECT (self, "track %" G_GUINT64_FORMAT " (%s) continues "
          "as track %" G_GUINT64_FORMAT, t->id, t->latest.track_text, u->id);
      merge_into (u, t);
    } else {
      report (self, t, "track-end");
    }
  }
  g_hash_table_remove (self->tracks, &track_id);
}

static gint
track_cmp (gconstpointer a, gconstpointer b)
{
  const HotlistTrack *ta = a, *tb = b;

  return ta->id < tb->id ? -1 : ta->id > tb->id;
}

void
gst_hotlist_match_tracks_end_all (GstHotlistMatch * self)
{
  GHashTableIter it;
  gpointer v;
  GList *ids = NULL, *l;

  if (!self->tracks)
    return;
  /* in the order the tracks started */
  g_hash_table_iter_init (&it, self->tracks);
  while (g_hash_table_iter_next (&it, NULL, &v))
    ids = g_list_prepend (ids, v);
  ids = g_list_sort (ids, track_cmp);
  for (l = ids; l; l = l->next) {
    HotlistTrack *t = l->data;
    if (!t->reported)
      report (self, t, "track-end");
  }
  g_list_free (ids);
  g_hash_table_remove_all (self->tracks);
}
