/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#include "scenegen.h"
#include "platestyle.h"

#include <math.h>
#include <string.h>

/* Common paints, weighted the way they turn up in car parks: lots of
 * white, black, grey and silver, some blue and red. */
static const gdouble paints[][3] = {
  {0.90, 0.90, 0.89}, {0.92, 0.92, 0.93}, {0.06, 0.06, 0.07},
  {0.08, 0.08, 0.09}, {0.62, 0.63, 0.65}, {0.70, 0.71, 0.72},
  {0.35, 0.37, 0.40}, {0.28, 0.29, 0.31}, {0.10, 0.20, 0.50},
  {0.08, 0.10, 0.25}, {0.60, 0.06, 0.06}, {0.45, 0.05, 0.08},
  {0.10, 0.25, 0.18}, {0.70, 0.62, 0.48}, {0.85, 0.40, 0.05},
};

static void
project (const SceneCamera * cam, gdouble x, gdouble d, gdouble y,
    gdouble * u, gdouble * v)
{
  *u = cam->cx + cam->focal * x / d;
  *v = cam->horizon + cam->focal * (cam->cam_h - y) / d;
}

gdouble
scenegen_distance_for (const SceneCamera * cam, const SceneVehicle * v,
    gdouble plate_px)
{
  gdouble pw, ph;

  plategen_size_mm (&v->plate, &pw, &ph);
  return cam->focal * pw / 1000.0 / plate_px;
}

gdouble
scenegen_plate_row (const SceneCamera * cam, const SceneVehicle * v,
    gdouble d)
{
  return cam->horizon + cam->focal * (cam->cam_h - v->plate_y_mm / 1000.0)
      / d;
}

void
scenegen_random_vehicle (GRand * rand, PlateRegions regions, gboolean rear,
    gdouble jitter, gboolean variety, SceneVehicle * v)
{
  gdouble belt;

  memset (v, 0, sizeof (*v));
  v->kind = g_rand_int_range (rand, 0, VEHICLE_N_KINDS);
  if (g_rand_double (rand) < 0.3)
    v->kind = VEHICLE_HATCH;
  v->rear = rear;
  memcpy (v->body, paints[g_rand_int_range (rand, 0, G_N_ELEMENTS (paints))],
      sizeof (v->body));
  switch (v->kind) {
    case VEHICLE_HATCH:
      v->width_mm = g_rand_double_range (rand, 1680, 1800);
      v->height_mm = g_rand_double_range (rand, 1430, 1530);
      break;
    case VEHICLE_SALOON:
      v->width_mm = g_rand_double_range (rand, 1770, 1870);
      v->height_mm = g_rand_double_range (rand, 1390, 1470);
      break;
    case VEHICLE_SUV:
      v->width_mm = g_rand_double_range (rand, 1840, 1980);
      v->height_mm = g_rand_double_range (rand, 1640, 1790);
      break;
    default:
      v->width_mm = g_rand_double_range (rand, 1950, 2050);
      v->height_mm = g_rand_double_range (rand, 1950, 2450);
      break;
  }
  belt = v->height_mm * (v->kind == VEHICLE_VAN ? 0.5 : 0.58);
  if (!rear)
    v->plate_y_mm = g_rand_double_range (rand, 360, 470);
  else if (v->kind == VEHICLE_VAN || g_rand_double (rand) < 0.3)
    v->plate_y_mm = g_rand_double_range (rand, 420, 520);
  else
    v->plate_y_mm = MIN (g_rand_double_range (rand, 620, 900), belt - 200);

  /* @jitter scales every pose perturbation: stills use the full range,
   * video little (the camera is fixed and the road straight). */
  v->roll = g_rand_double_range (rand, -0.05, 0.05) * jitter;
  v->yaw_shear = g_rand_double_range (rand, -0.12, 0.12) * jitter;
  v->plate_rot = g_rand_double_range (rand, -0.04, 0.04) * jitter;
  v->plate_shear = g_rand_double_range (rand, -0.15, 0.15) * jitter;
  v->lights_on = g_rand_double (rand) < 0.4;
  v->detail_seed = g_rand_int (rand);
  if (variety)
    platestyle_random_spec (rand, regions, rear, &v->plate);
  else
    plategen_random_spec (rand, regions, rear, &v->plate);
}

void
scenegen_random_box_vehicle (GRand * rand, PlateRegions regions,
    gboolean rear, SceneVehicle * v)
{
  /* Fleet liveries: white, a dark blue or red, a yellow. */
  static const gdouble liveries[][3] = {
    {0.90, 0.90, 0.88}, {0.08, 0.15, 0.45}, {0.62, 0.06, 0.06},
    {0.88, 0.70, 0.08}, {0.85, 0.86, 0.87},
  };

  memset (v, 0, sizeof (*v));
  v->box = TRUE;
  v->kind = VEHICLE_VAN;
  v->rear = rear;
  memcpy (v->body, liveries[g_rand_int_range (rand, 0,
              G_N_ELEMENTS (liveries))], sizeof (v->body));
  v->width_mm = g_rand_double_range (rand, 2450, 2550);
  v->height_mm = g_rand_double_range (rand, 2900, 3400);
  v->plate_y_mm = g_rand_double_range (rand, 450, 600);
  v->lights_on = g_rand_double (rand) < 0.6;
  v->detail_seed = g_rand_int (rand);
  plategen_random_spec (rand, regions, rear, &v->plate);
}

/* --- background ---------------------------------------------------- */

static void
ground_quad (cairo_t * cr, const SceneCamera * cam, gdouble x0, gdouble x1,
    gdouble d0, gdouble d1)
{
  gdouble u, v;

  project (cam, x0, d0, 0, &u, &v);
  cairo_move_to (cr, u, v);
  project (cam, x1, d0, 0, &u, &v);
  cairo_line_to (cr, u, v);
  project (cam, x1, d1, 0, &u, &v);
  cairo_line_to (cr, u, v);
  project (cam, x0, d1, 0, &u, &v);
  cairo_line_to (cr, u, v);
  cairo_close_path (cr);
}

static void
draw_skyline (cairo_t * cr, GRand * rand, const SceneCamera * cam,
    gboolean night)
{
  gdouble x = -g_rand_double_range (rand, 0, 80);
  gdouble k = night ? 0.25 : 1.0;

  /* Buildings 30-90 m away, 5-20 m tall, shoulder to shoulder. */
  while (x < cam->width) {
    gdouble dist = g_rand_double_range (rand, 30, 90);
    gdouble bw = cam->focal * g_rand_double_range (rand, 6, 25) / dist;
    gdouble bh = cam->focal * g_rand_double_range (rand, 5, 20) / dist;
    gdouble base = cam->horizon + cam->focal * cam->cam_h / dist;
    gdouble shade = g_rand_double_range (rand, 0.35, 0.75);
    gboolean brick = g_rand_boolean (rand);

    if (g_rand_double (rand) < 0.3) {
      /* A tree instead: a few overlapping blobs. */
      gdouble r = cam->focal * g_rand_double_range (rand, 2, 5) / dist;
      for (guint i = 0; i < 5; i++) {
        gdouble g = g_rand_double_range (rand, 0.2, 0.4);
        cairo_set_source_rgb (cr, 0.12 * k, g * k, 0.1 * k);
        cairo_arc (cr, x + g_rand_double_range (rand, 0, r * 2),
            base - r * 1.5 - g_rand_double_range (rand, 0, r), r, 0,
            2 * G_PI);
        cairo_fill (cr);
      }
      x += r * 2;
      continue;
    }
    if (brick)
      cairo_set_source_rgb (cr, shade * 0.8 * k, shade * 0.45 * k,
          shade * 0.35 * k);
    else
      cairo_set_source_rgb (cr, shade * k, shade * k, shade * 1.02 * k);
    cairo_rectangle (cr, x, base - bh, bw, bh);
    cairo_fill (cr);
    /* Windows: a grid, some lit at night. */
    for (gdouble wy = base - bh + bh * 0.08; wy < base - bh * 0.15;
        wy += bh / 5) {
      for (gdouble wx = x + bw * 0.08; wx < x + bw * 0.9; wx += bw / 6) {
        if (night && g_rand_double (rand) < 0.3)
          cairo_set_source_rgb (cr, 0.9, 0.75, 0.4);
        else
          cairo_set_source_rgb (cr, 0.15 * k + 0.05, 0.18 * k + 0.05,
              0.22 * k + 0.05);
        cairo_rectangle (cr, wx, wy, bw / 10, bh / 9);
        cairo_fill (cr);
      }
    }
    x += bw;
  }
}

void
scenegen_draw_background (cairo_t * cr, GRand * rand,
    const SceneCamera * cam, gboolean night)
{
  cairo_pattern_t *p;
  gdouble road = g_rand_double_range (rand, 3.5, 7.5);
  gdouble kl = cam->kerb_left ? cam->kerb_left : -road;
  gdouble kr = cam->kerb_right ? cam->kerb_right : road;
  gdouble line = cam->kerb_left ? cam->line_x : 0;
  gdouble d_near = cam->focal * cam->cam_h / (cam->height - cam->horizon);
  gdouble asphalt = g_rand_double_range (rand, 0.28, 0.45);
  gdouble k = night ? 0.3 : 1.0;
  gboolean overcast = g_rand_double (rand) < 0.4;
  gdouble u, v;

  /* Sky. */
  p = cairo_pattern_create_linear (0, 0, 0, cam->horizon);
  if (night) {
    cairo_pattern_add_color_stop_rgb (p, 0, 0.02, 0.02, 0.05);
    cairo_pattern_add_color_stop_rgb (p, 1, 0.10, 0.09, 0.12);
  } else if (overcast) {
    cairo_pattern_add_color_stop_rgb (p, 0, 0.70, 0.72, 0.75);
    cairo_pattern_add_color_stop_rgb (p, 1, 0.86, 0.87, 0.88);
  } else {
    cairo_pattern_add_color_stop_rgb (p, 0, 0.40, 0.60, 0.88);
    cairo_pattern_add_color_stop_rgb (p, 1, 0.80, 0.87, 0.95);
  }
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);

  draw_skyline (cr, rand, cam, night);

  /* Verge: grass or paving right up to the horizon. */
  if (g_rand_boolean (rand))
    cairo_set_source_rgb (cr, 0.25 * k, 0.38 * k, 0.18 * k);
  else
    cairo_set_source_rgb (cr, 0.55 * k, 0.54 * k, 0.52 * k);
  cairo_rectangle (cr, 0, cam->horizon, cam->width,
      cam->height - cam->horizon);
  cairo_fill (cr);

  /* Pavement strips, then the carriageway. */
  cairo_set_source_rgb (cr, 0.62 * k, 0.61 * k, 0.58 * k);
  ground_quad (cr, cam, kl - 2.5, kr + 2.5, d_near * 0.5, 400);
  cairo_fill (cr);
  p = cairo_pattern_create_linear (0, cam->horizon, 0, cam->height);
  cairo_pattern_add_color_stop_rgb (p, 0, (asphalt + 0.12) * k,
      (asphalt + 0.12) * k, (asphalt + 0.14) * k);
  cairo_pattern_add_color_stop_rgb (p, 1, asphalt * k, asphalt * k,
      asphalt * 1.03 * k);
  cairo_set_source (cr, p);
  ground_quad (cr, cam, kl, kr, d_near * 0.5, 400);
  cairo_fill (cr);
  cairo_pattern_destroy (p);

  /* Patches where the road was dug up and relaid. */
  for (guint i = 0; i < 6; i++) {
    gdouble x0 = g_rand_double_range (rand, kl, kr - 1);
    gdouble d0 = g_rand_double_range (rand, d_near, 40);
    gdouble c = asphalt + g_rand_double_range (rand, -0.035, 0.02);
    cairo_set_source_rgb (cr, c * k, c * k, c * k);
    ground_quad (cr, cam, x0, x0 + g_rand_double_range (rand, 0.4, 1.2),
        d0, d0 + g_rand_double_range (rand, 0.8, 2.5));
    cairo_fill (cr);
  }

  /* Centre line dashes (3 m paint, 6 m gap) and edge lines. */
  cairo_set_source_rgb (cr, 0.85 * k, 0.85 * k, 0.82 * k);
  for (gdouble d = d_near * 0.5 + g_rand_double_range (rand, 0, 9); d < 200;
      d += 9) {
    ground_quad (cr, cam, line - 0.06, line + 0.06, d, d + 3);
    cairo_fill (cr);
  }
  if (g_rand_boolean (rand)) {
    /* Double yellow lines along the kerb: no waiting. */
    cairo_set_source_rgb (cr, 0.85 * k, 0.7 * k, 0.1 * k);
    ground_quad (cr, cam, kl + 0.15, kl + 0.25, d_near * 0.5, 300);
    ground_quad (cr, cam, kl + 0.35, kl + 0.45, d_near * 0.5, 300);
    ground_quad (cr, cam, kr - 0.25, kr - 0.15, d_near * 0.5, 300);
    ground_quad (cr, cam, kr - 0.45, kr - 0.35, d_near * 0.5, 300);
    cairo_fill (cr);
  }

  /* Haze toward the horizon. */
  project (cam, 0, 60, 0, &u, &v);
  p = cairo_pattern_create_linear (0, cam->horizon - 40, 0, v);
  cairo_pattern_add_color_stop_rgba (p, 0, 0.8 * k, 0.82 * k, 0.85 * k, 0.0);
  cairo_pattern_add_color_stop_rgba (p, 0.5, 0.8 * k, 0.82 * k, 0.85 * k,
      0.35);
  cairo_pattern_add_color_stop_rgba (p, 1, 0.8 * k, 0.82 * k, 0.85 * k, 0.0);
  cairo_set_source (cr, p);
  cairo_rectangle (cr, 0, cam->horizon - 40, cam->width,
      v - cam->horizon + 40);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
}

void
scenegen_draw_shadow (cairo_t * cr, GRand * rand, const SceneCamera * cam)
{
  gint width = cam->width, height = cam->height;
  gdouble x0 = g_rand_double_range (rand, 0, width);
  gdouble slope = g_rand_double_range (rand, -0.8, 0.8);
  gdouble soft = g_rand_double_range (rand, 10, 40);
  gdouble a = g_rand_double_range (rand, 0.25, 0.5);
  gboolean left = g_rand_boolean (rand);
  gdouble x1 = x0 + slope * height;
  cairo_pattern_t *p;
  cairo_matrix_t m;

  /* A shadow edge is a line with a penumbra; the shaded side keeps a
   * uniform darkness, as under a building or a gantry. */
  p = cairo_pattern_create_linear (x0, 0, x0 + (left ? -soft : soft), 0);
  cairo_pattern_add_color_stop_rgba (p, 0, 0, 0, 0.05, 0);
  cairo_pattern_add_color_stop_rgba (p, 1, 0, 0, 0.05, a);
  cairo_matrix_init (&m, 1, 0, -slope, 1, 0, 0);
  cairo_pattern_set_matrix (p, &m);
  cairo_set_source (cr, p);
  /* Cast on the road and what stands on it, not on the sky. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, cam->horizon, width, height - cam->horizon);
  cairo_clip (cr);
  cairo_move_to (cr, x0, 0);
  cairo_line_to (cr, x1, height);
  cairo_line_to (cr, left ? -10 : width + 10, height);
  cairo_line_to (cr, left ? -10 : width + 10, 0);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_pattern_destroy (p);
}

/* --- vehicles ------------------------------------------------------- */

/* Rounded rectangle from heights @h0 to @h1 above the road (mm), in the
 * vehicle's frame where y grows downward from the road surface. */
static void
part (cairo_t * cr, gdouble x0, gdouble h0, gdouble x1, gdouble h1,
    gdouble r)
{
  gdouble w = x1 - x0, h = h1 - h0;

  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x1 - r, -h1 + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x1 - r, -h0 - r, r, 0, G_PI / 2);
  cairo_arc (cr, x0 + r, -h0 - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + r, -h1 + r, r, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

static void
paint_v (cairo_t * cr, gdouble h0, gdouble h1, const gdouble c[3],
    gdouble top, gdouble bottom)
{
  cairo_pattern_t *p = cairo_pattern_create_linear (0, -h1, 0, -h0);

  cairo_pattern_add_color_stop_rgb (p, 0, MIN (c[0] * top + 0.04, 1),
      MIN (c[1] * top + 0.04, 1), MIN (c[2] * top + 0.05, 1));
  cairo_pattern_add_color_stop_rgb (p, 1, c[0] * bottom, c[1] * bottom,
      c[2] * bottom);
  cairo_set_source (cr, p);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
}

static void
add_light (SceneLights * lights, cairo_t * cr, gdouble x, gdouble y,
    gdouble radius_mm, gdouble r, gdouble g, gdouble b, gdouble strength,
    gint flare)
{
  SceneLight *l;
  gdouble rx = radius_mm, ry = 0;

  if (!lights || lights->n >= SCENE_MAX_LIGHTS)
    return;
  l = &lights->light[lights->n++];
  cairo_user_to_device (cr, &x, &y);
  cairo_user_to_device_distance (cr, &rx, &ry);
  l->x = x;
  l->y = y;
  l->radius = hypot (rx, ry);
  l->r = r;
  l->g = g;
  l->b = b;
  l->strength = strength;
  l->flare = flare;
}

static void
draw_front (cairo_t * cr, const SceneVehicle * v, gdouble belt,
    SceneLights * lights)
{
  gdouble hw = v->width_mm / 2, hl = belt - 170;
  gdouble lamp = v->lights_on ? 1.0 : 0.85;
  cairo_pattern_t *p;

  /* Grille and lower intake: dark plastic with slats. */
  part (cr, -hw * 0.42, hl - 120, hw * 0.42, hl + 50, 40);
  cairo_set_source_rgb (cr, 0.07, 0.07, 0.08);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.22, 0.22, 0.24);
  cairo_set_line_width (cr, 14);
  for (gdouble y = hl - 90; y < hl + 40; y += 40) {
    cairo_move_to (cr, -hw * 0.38, -y);
    cairo_line_to (cr, hw * 0.38, -y);
  }
  cairo_stroke (cr);
  part (cr, -hw * 0.55, 190, hw * 0.55, 290, 30);
  cairo_set_source_rgb (cr, 0.06, 0.06, 0.06);
  cairo_fill (cr);

  for (gint side = -1; side <= 1; side += 2) {
    gdouble x0 = side * (hw - 60), x1 = side * (hw - 430);
    cairo_move_to (cr, x0, -(hl + 70));
    cairo_line_to (cr, x1, -(hl + 40));
    cairo_line_to (cr, x1, -(hl - 60));
    cairo_line_to (cr, x0 - side * 40, -(hl - 50));
    cairo_close_path (cr);
    p = cairo_pattern_create_linear (x1, 0, x0, 0);
    cairo_pattern_add_color_stop_rgb (p, 0, 0.55 * lamp, 0.57 * lamp,
        0.6 * lamp);
    cairo_pattern_add_color_stop_rgb (p, 0.5, 0.97 * lamp, 0.97 * lamp,
        0.95 * lamp);
    cairo_pattern_add_color_stop_rgb (p, 1, 0.6 * lamp, 0.62 * lamp,
        0.65 * lamp);
    cairo_set_source (cr, p);
    cairo_fill_preserve (cr);
    cairo_pattern_destroy (p);
    cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
    cairo_set_line_width (cr, 12);
    cairo_stroke (cr);
    add_light (lights, cr, side * (hw - 240), -(hl + 5), 600, 1.0, 0.97,
        0.9, 1.0, 2);
    /* Fog lamp. */
    cairo_arc (cr, side * (hw - 190), -240, 45, 0, 2 * G_PI);
    cairo_set_source_rgb (cr, 0.7, 0.7, 0.68);
    cairo_fill (cr);
  }
  /* Badge. */
  cairo_save (cr);
  cairo_translate (cr, 0, -(hl - 35));
  cairo_scale (cr, 1.6, 1);
  cairo_arc (cr, 0, 0, 40, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.75, 0.76, 0.78);
  cairo_fill (cr);
}

static void
draw_rear (cairo_t * cr, const SceneVehicle * v, gdouble belt,
    SceneLights * lights)
{
  gdouble hw = v->width_mm / 2, tl = belt - 120;
  cairo_pattern_t *p;

  /* Boot lid shut lines. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
  cairo_set_line_width (cr, 8);
  cairo_move_to (cr, -hw * 0.62, -(belt - 30));
  cairo_line_to (cr, -hw * 0.62, -(tl - 250));
  cairo_line_to (cr, hw * 0.62, -(tl - 250));
  cairo_line_to (cr, hw * 0.62, -(belt - 30));
  cairo_stroke (cr);

  for (gint side = -1; side <= 1; side += 2) {
    gdouble x0 = side * (hw - 25), x1 = side * (hw - 340);
    part (cr, MIN (x0, x1), tl - 80, MAX (x0, x1), tl + 70, 30);
    p = cairo_pattern_create_linear (0, -(tl + 70), 0, -(tl - 80));
    cairo_pattern_add_color_stop_rgb (p, 0, 0.75, 0.08, 0.07);
    cairo_pattern_add_color_stop_rgb (p, 0.6, 0.55, 0.03, 0.04);
    cairo_pattern_add_color_stop_rgb (p, 0.61, 0.85, 0.5, 0.1);
    cairo_pattern_add_color_stop_rgb (p, 1, 0.6, 0.3, 0.05);
    cairo_set_source (cr, p);
    cairo_fill (cr);
    cairo_pattern_destroy (p);
    add_light (lights, cr, side * (hw - 180), -tl, 350, 1.0, 0.1, 0.05, 0.7,
        1);
    /* Bumper reflector. */
    part (cr, side * (hw - 120) - 50, 260, side * (hw - 120) + 50, 290, 10);
    cairo_set_source_rgb (cr, 0.5, 0.05, 0.05);
    cairo_fill (cr);
  }
}

/* Vehicle frame (mm, up is negative y, origin on the road under the
 * middle of the front or back) to pixels, as scenegen_draw_vehicle()
 * sets it up on its cairo context. */
static void
vehicle_matrix (const SceneCamera * cam, const SceneVehicle * v,
    const ScenePlacement * pl, cairo_matrix_t * out)
{
  gdouble gx, gy, s = cam->focal / pl->d_m / 1000.0;
  cairo_matrix_t m;

  project (cam, pl->x_m, pl->d_m, 0, &gx, &gy);
  cairo_matrix_init_translate (out, gx, gy);
  cairo_matrix_rotate (out, v->roll);
  cairo_matrix_init (&m, sqrt (1 - v->yaw_shear * v->yaw_shear),
      v->yaw_shear, 0, 1, 0, 0);
  cairo_matrix_multiply (out, &m, out);
  cairo_matrix_scale (out, s, s);
}

/* Plate frame (mm, origin at its top left corner) to vehicle frame. */
static void
plate_matrix (const SceneVehicle * v, cairo_matrix_t * out)
{
  gdouble pw, ph;
  cairo_matrix_t m;

  plategen_size_mm (&v->plate, &pw, &ph);
  cairo_matrix_init_translate (out, 0, -v->plate_y_mm);
  cairo_matrix_rotate (out, v->plate_rot);
  cairo_matrix_init (&m, 1, v->plate_shear, 0, 1, 0, 0);
  cairo_matrix_multiply (out, &m, out);
  cairo_matrix_translate (out, -pw / 2, -ph / 2);
}

static void
bounds (const cairo_matrix_t * m, gdouble x0, gdouble y0, gdouble x1,
    gdouble y1, SceneBox * box)
{
  gdouble minx = G_MAXDOUBLE, miny = G_MAXDOUBLE, maxx = -G_MAXDOUBLE,
      maxy = -G_MAXDOUBLE;

  for (guint i = 0; i < 4; i++) {
    gdouble x = (i & 1) ? x1 : x0, y = (i & 2) ? y1 : y0;
    cairo_matrix_transform_point (m, &x, &y);
    minx = MIN (minx, x);
    maxx = MAX (maxx, x);
    miny = MIN (miny, y);
    maxy = MAX (maxy, y);
  }
  box->x = minx;
  box->y = miny;
  box->w = maxx - minx;
  box->h = maxy - miny;
}

void
scenegen_vehicle_boxes (const SceneCamera * cam, const SceneVehicle * v,
    ScenePlacement * pl)
{
  cairo_matrix_t vm, pm;
  gdouble pw, ph, hw = v->width_mm / 2;

  vehicle_matrix (cam, v, pl, &vm);
  plate_matrix (v, &pm);
  cairo_matrix_multiply (&pm, &pm, &vm);
  plategen_size_mm (&v->plate, &pw, &ph);
  bounds (&pm, 0, 0, pw, ph, &pl->plate);
  /* A car's mirrors stick out; a box vehicle's body is all it hides. */
  if (!v->box)
    hw += 110;
  bounds (&vm, -hw, -v->height_mm, hw, 0, &pl->body);
}

/* A bus or lorry seen from the front or back: a tall slab with a big
 * windscreen (or a small rear window), lamps low down, a deep bumper. */
static void
draw_box_body (cairo_t * cr, const SceneVehicle * v, SceneLights * lights)
{
  gdouble hw = v->width_mm / 2, H = v->height_mm;
  const gdouble *c = v->body;
  gdouble glass[3] = { 0.10, 0.12, 0.15 };
  gdouble trim[3] = { 0.08, 0.08, 0.09 };

  part (cr, -hw, 300, hw, H, 90);
  paint_v (cr, 300, H, c, 1.1, 0.8);
  if (v->rear) {
    part (cr, -hw * 0.7, H * 0.62, hw * 0.7, H * 0.9, 50);
    paint_v (cr, H * 0.62, H * 0.9, glass, 2.0, 0.9);
  } else {
    part (cr, -hw * 0.9, H * 0.4, hw * 0.9, H * 0.93, 70);
    paint_v (cr, H * 0.4, H * 0.93, glass, 2.6, 0.8);
    /* Destination board or cab roof line. */
    part (cr, -hw * 0.6, H * 0.86, hw * 0.6, H * 0.92, 20);
    cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
    cairo_fill (cr);
  }
  part (cr, -hw + 10, 170, hw - 10, 380, 40);
  paint_v (cr, 170, 380, trim, 1, 1);
  for (gint side = -1; side <= 1; side += 2) {
    gdouble x = side * (hw - 230);
    part (cr, x - 150, 480, x + 150, 620, 30);
    if (v->rear)
      cairo_set_source_rgb (cr, 0.7, 0.06, 0.05);
    else
      cairo_set_source_rgb (cr, 0.92, 0.92, 0.88);
    cairo_fill (cr);
    if (v->rear)
      add_light (lights, cr, x, -550, 350, 1.0, 0.1, 0.05, 0.7, 1);
    else
      add_light (lights, cr, x, -550, 600, 1.0, 0.97, 0.9, 1.0, 2);
  }
}

void
scenegen_draw_vehicle (cairo_t * cr, const SceneCamera * cam,
    const SceneVehicle * v, ScenePlacement * pl, SceneLights * lights)
{
  gdouble hw = v->width_mm / 2, H = v->height_mm;
  gdouble belt = H * (v->kind == VEHICLE_VAN ? 0.5 : 0.58);
  gdouble top_hw = hw * (v->kind == VEHICLE_VAN ? 0.9 : 0.68);
  gdouble pw, ph;
  const gdouble *c = v->body;
  gdouble trim[3] = { 0.08, 0.08, 0.09 };
  gdouble recess[3] = { c[0] * 0.8, c[1] * 0.8, c[2] * 0.8 };
  gdouble glass[3] = { 0.12, 0.14, 0.17 };
  cairo_matrix_t m;
  cairo_pattern_t *p;

  cairo_save (cr);
  vehicle_matrix (cam, v, pl, &m);
  cairo_transform (cr, &m);

  /* Contact shadow under the car, darkest between the wheels. */
  cairo_save (cr);
  cairo_scale (cr, 1, 0.12);
  p = cairo_pattern_create_radial (0, 0, hw * 0.3, 0, 0, hw * 1.15);
  cairo_pattern_add_color_stop_rgba (p, 0, 0, 0, 0, 0.75);
  cairo_pattern_add_color_stop_rgba (p, 1, 0, 0, 0, 0);
  cairo_set_source (cr, p);
  cairo_arc (cr, 0, 0, hw * 1.15, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  cairo_restore (cr);

  /* Tyres below the bumper line. */
  cairo_set_source_rgb (cr, 0.04, 0.04, 0.04);
  part (cr, -hw + 80, 0, -hw + 330, 420, 60);
  part (cr, hw - 330, 0, hw - 80, 420, 60);
  cairo_fill (cr);

  if (v->box) {
    draw_box_body (cr, v, lights);
    goto plate;
  }

  /* Cabin: pillars in body colour around tinted glass. */
  cairo_move_to (cr, -hw * 0.92, -belt + 20);
  cairo_curve_to (cr, -top_hw, -H + 100, -top_hw, -H, -top_hw + 150, -H);
  cairo_line_to (cr, top_hw - 150, -H);
  cairo_curve_to (cr, top_hw, -H, top_hw, -H + 100, hw * 0.92, -belt + 20);
  cairo_close_path (cr);
  paint_v (cr, belt, H, c, 1.1, 0.85);
  cairo_move_to (cr, -hw * 0.84, -belt - 40);
  cairo_line_to (cr, -top_hw + 90, -H + 90);
  cairo_line_to (cr, top_hw - 90, -H + 90);
  cairo_line_to (cr, hw * 0.84, -belt - 40);
  cairo_close_path (cr);
  paint_v (cr, belt, H, glass, 2.6, 0.8);
  /* Sky reflected in the glass. */
  cairo_move_to (cr, -hw * 0.5, -belt - 40);
  cairo_line_to (cr, -hw * 0.1, -H + 90);
  cairo_line_to (cr, hw * 0.15, -H + 90);
  cairo_line_to (cr, -hw * 0.2, -belt - 40);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.8, 0.85, 0.9, 0.12);
  cairo_fill (cr);

  /* Mirrors. */
  part (cr, -hw - 110, belt + 40, -hw + 30, belt + 170, 40);
  part (cr, hw - 30, belt + 40, hw + 110, belt + 170, 40);
  paint_v (cr, belt, belt + 170, c, 1.0, 0.8);

  /* Main body and bumper. */
  part (cr, -hw, 170, hw, belt + 20, 110);
  paint_v (cr, 170, belt + 20, c, 1.15, 0.7);
  part (cr, -hw + 15, 170, hw - 15, 300, 50);
  if (v->detail_seed % 3 == 0)
    paint_v (cr, 170, 300, c, 0.9, 0.6);
  else
    paint_v (cr, 170, 300, trim, 1, 1);

  if (v->rear)
    draw_rear (cr, v, belt, lights);
  else
    draw_front (cr, v, belt, lights);

  /* Plate in its recess. */
plate:
  plategen_size_mm (&v->plate, &pw, &ph);
  part (cr, -pw / 2 - 25, v->plate_y_mm - ph / 2 - 25, pw / 2 + 25,
      v->plate_y_mm + ph / 2 + 25, 25);
  paint_v (cr, v->plate_y_mm - ph / 2 - 25, v->plate_y_mm + ph / 2 + 25,
      v->rear ? recess : trim, 1, 0.9);

  cairo_save (cr);
  plate_matrix (v, &m);
  cairo_transform (cr, &m);
  plategen_render (cr, &v->plate);
  add_light (lights, cr, pw / 2, ph / 2, pw * 0.65, 1.0, 0.97, 0.9,
      v->lights_on ? 0.95 : 0.8, 0);
  cairo_restore (cr);
  cairo_restore (cr);
  scenegen_vehicle_boxes (cam, v, pl);
}
