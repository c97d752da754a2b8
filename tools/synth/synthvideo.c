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

#include "scenegen.h"

/* Seconds a vehicle spends in view at the nominal speed. */
#define PASS_SECONDS 4.0
/* Smallest plate, px at 1280 wide, that counts as readable in the truth. */
#define MIN_PLATE_PX 40.0

typedef struct
{
  SceneVehicle v;
  gdouble t0, dur;
  gboolean away;                /* receding, rear plate */
  gdouble lane;                 /* lateral offset while approaching, m */
  gdouble d_near, d_far;
  /* Truth, filled in while rendering. */
  gint first, last, best;
  SceneBox best_box;
  /* Current frame. */
  gboolean active;
  gdouble alpha;
  ScenePlacement pl;
  gdouble prev_row;
} Pass;

/* Position along the path at progress @u (0..1) of an approaching vehicle:
 * it slows from far away to the near point (the camera sits by a junction
 * or barrier, so plates are readable for a good while), then turns off past
 * the camera's side.  A receding vehicle runs the same path backwards. */
static void
pass_position (const Pass * p, const SceneCamera * cam, gdouble u,
    gdouble * x, gdouble * d)
{
  const gdouble turn = 0.82;

  if (p->away)
    u = 1.0 - u;
  if (u < turn) {
    gdouble k = pow (1.0 - u / turn, 2.2);
    *d = p->d_near + (p->d_far - p->d_near) * k;
    *x = p->lane;
  } else {
    gdouble k = (u - turn) / (1.0 - turn);
    gdouble d_end = p->d_near;
    /* Off to the kerb side, far enough that the whole body has left the
     * frame; the plate stays about its largest meanwhile. */
    gdouble out = -(p->v.width_mm / 2000.0 + 0.3 + (cam->cx + 10) * d_end /
        cam->focal);
    *d = d_end;
    *x = p->lane + (out - p->lane) * k * k;
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
    scenegen_random_vehicle (rand, o->regions, p->away, 0.3, &p->v);
    p->v.lights_on |= o->night;
    p->dur = dur * g_rand_double_range (rand, 0.92, 1.0);
    p->t0 = 0.1 + i * spacing + g_rand_double_range (rand, 0, 0.05);
    /* The camera watches one lane; vehicles wander a little within it. */
    p->lane = g_rand_double_range (rand, -0.35, 0.35);
    p->d_near = scenegen_distance_for (cam, &p->v, largest);
    p->d_far = 45;
    p->first = p->last = p->best = -1;
  }
}

static void
write_truth (const SynthVideoOptions * o, FILE * f, const Pass * passes)
{
  fprintf (f, "plate\tfirst_frame\tlast_frame\tstart_s\tend_s\tdirection"
      "\tbest_frame\tx\ty\tw\th\n");
  for (gint i = 0; i < o->vehicles; i++) {
    const Pass *p = &passes[i];
    const SceneBox *b = &p->best_box;
    gint x = (gint) floor (b->x), y = (gint) floor (b->y);
    if (p->first < 0)
      continue;
    fprintf (f, "%s\t%d\t%d\t%.3f\t%.3f\t%s\t%d\t%d\t%d\t%d\t%d\n",
        p->v.plate.text, p->first, p->last, p->first / (gdouble) o->fps,
        (p->last + 1) / (gdouble) o->fps, p->away ? "away" : "towards",
        p->best, x, y, (gint) ceil (b->x + b->w) - x,
        (gint) ceil (b->y + b->h) - y);
  }
}

static gboolean
write_hotlist (const SynthVideoOptions * o, const Pass * passes)
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
  gint visible[1024], nv = 0, listed = 0, want;
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
    listed++;
  }
  /* Decoys: plates of the same formats that never appear in the video. */
  for (gint i = 0; i < 6; i++) {
    PlateSpec spec;
    gboolean clash = FALSE;
    plategen_random_spec (rand, o->regions, FALSE, &spec);
    for (gint j = 0; j < o->vehicles; j++)
      clash |= !strcmp (spec.text, passes[j].v.plate.text);
    if (clash) {
      i--;
      continue;
    }
    fprintf (f, "%s,%s,%s,%d,%s\n", spec.text, why[w].list, why[w].reason,
        why[w].priority, why[w].action);
    w = (w + 1) % G_N_ELEMENTS (why);
  }
  g_rand_free (rand);
  if (fclose (f) != 0) {
    g_printerr ("anpr-synth: cannot write %s: %s\n", o->hotlist,
        g_strerror (errno));
    return FALSE;
  }
  return TRUE;
}

/* Draws frame @n into @frame from the static @bg and updates the truth. */
static void
render_frame (const SynthVideoOptions * o, const SceneCamera * cam,
    cairo_surface_t * bg, cairo_surface_t * frame, Pass * passes, gint n)
{
  gdouble t = n / (gdouble) o->fps, min_px = MIN_PLATE_PX * o->width / 1280.0;
  SceneLights lights = { 0 };
  Pass *order[1024];
  gint na = 0;
  cairo_t *cr = cairo_create (frame);

  cairo_set_source_surface (cr, bg, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

  for (gint i = 0; i < o->vehicles && na < 1024; i++) {
    Pass *p = &passes[i];
    gdouble u = (t - p->t0) / p->dur;
    p->active = u >= 0 && u <= 1;
    if (!p->active)
      continue;
    pass_position (p, cam, u, &p->pl.x_m, &p->pl.d_m);
    /* Fade in (or out) through the haze rather than pop up far away. */
    p->alpha = CLAMP ((p->away ? 1 - u : u) / 0.06, 0, 1);
    order[na++] = p;
  }
  /* Far to near. */
  for (gint i = 1; i < na; i++)
    for (gint j = i; j > 0 && order[j]->pl.d_m > order[j - 1]->pl.d_m; j--) {
      Pass *tmp = order[j];
      order[j] = order[j - 1];
      order[j - 1] = tmp;
    }
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
    gboolean seen;
    /* Shutter open for about half the frame time. */
    if (p->prev_row > 0)
      scenefx_motion_blur (frame, &p->pl.body,
          (gint) lround (fabs (row - p->prev_row) * 0.5));
    p->prev_row = row;

    seen = p->alpha >= 1 && p->pl.plate.w >= min_px &&
        p->pl.plate.x >= 1 && p->pl.plate.y >= 1 &&
        p->pl.plate.x + p->pl.plate.w <= o->width - 1 &&
        p->pl.plate.y + p->pl.plate.h <= o->height - 1;
    for (gint j = i + 1; j < na && seen; j++) {
      const SceneBox *a = &order[j]->pl.body, *b = &p->pl.plate;
      if (a->x < b->x + b->w && b->x < a->x + a->w &&
          a->y < b->y + b->h && b->y < a->y + a->h)
        seen = FALSE;
    }
    if (seen) {
      if (p->first < 0)
        p->first = n;
      p->last = n;
      if (p->best < 0 || p->pl.plate.w > p->best_box.w) {
        p->best = n;
        p->best_box = p->pl.plate;
      }
    }
  }
  scenefx_noise (frame, o->seed * 7919u + n, o->night ? 5 : 2.5);
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
  Pass *passes = NULL;
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
  if (!check_elements ())
    goto out;
  if (o->truth && !(tf = fopen (o->truth, "w"))) {
    g_printerr ("anpr-synth: cannot write %s: %s\n", o->truth,
        g_strerror (errno));
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
  cam.kerb_left = -g_rand_double_range (rand, 1.8, 2.2);
  cam.line_x = g_rand_double_range (rand, 1.6, 1.9);
  cam.kerb_right = cam.line_x + g_rand_double_range (rand, 3.2, 3.7);
  passes = g_new0 (Pass, o->vehicles);
  plan_passes (o, rand, &cam, passes, spacing, dur);

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
  desc = g_strdup_printf ("appsrc name=src format=time block=true "
      "max-bytes=%d ! videoconvert ! x264enc speed-preset=ultrafast "
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
    render_frame (o, &cam, bg, frame, passes, n);
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
  if (ret == 0 && o->hotlist && !write_hotlist (o, passes))
    ret = 1;

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
  g_rand_free (rand);
  return ret;
}
