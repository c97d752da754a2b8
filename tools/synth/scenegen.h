/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Synthetic road scenes: a pinhole camera over a road, vehicles drawn as
 * upright planes facing the camera (front or back), their plates, and the
 * camera's faults (blur, noise, exposure, night) as pixel passes. */

#ifndef __SCENEGEN_H__
#define __SCENEGEN_H__

#include <glib.h>
#include <cairo.h>

#include "plategen.h"

G_BEGIN_DECLS

/* Pinhole camera looking level down the road.  World units are metres:
 * X to the right, distance d along the road, heights above the road. */
typedef struct
{
  gint width, height;           /* frame size, px */
  gdouble focal;                /* px */
  gdouble cx;                   /* principal point x, px */
  gdouble horizon;              /* image row of the vanishing point */
  gdouble cam_h;                /* camera height above the road, m */
  /* The road in view: kerbs and dashed line at these lateral offsets, m;
   * all zero lets scenegen_draw_background() pick them. */
  gdouble kerb_left, kerb_right, line_x;
} SceneCamera;

typedef enum
{
  VEHICLE_HATCH,
  VEHICLE_SALOON,
  VEHICLE_SUV,
  VEHICLE_VAN,
  VEHICLE_N_KINDS
} VehicleKind;

typedef struct
{
  VehicleKind kind;
  gboolean rear;                /* seen from behind: tail lights, yellow plate */
  gdouble body[3];              /* paint, linear 0..1 */
  gdouble width_mm, height_mm;
  gdouble plate_y_mm;           /* plate centre above the road */
  gdouble roll;                 /* radians, road camber / camera tilt */
  gdouble yaw_shear;            /* affine stand-in for a vehicle at an angle */
  gdouble plate_rot;            /* plate fitted crooked, radians */
  gdouble plate_shear;
  gboolean lights_on;
  guint32 detail_seed;
  PlateSpec plate;
  /* A bus or lorry: a tall box instead of a car's cabin and bonnet. */
  gboolean box;
} SceneVehicle;

typedef struct
{
  gdouble x, y, w, h;
} SceneBox;

#define SCENE_MAX_LIGHTS 64

typedef struct
{
  gdouble x, y, radius;
  gdouble r, g, b, strength;
  gint flare;                   /* 0 none, 1 glow (tail), 2 headlight glare */
} SceneLight;

typedef struct
{
  guint n;
  SceneLight light[SCENE_MAX_LIGHTS];
} SceneLights;

/* Where a vehicle is drawn and what of it ended up where. */
typedef struct
{
  gdouble x_m, d_m;             /* lateral offset and distance */
  SceneBox plate;               /* axis-aligned plate box, px */
  SceneBox body;                /* vehicle outline box, px */
} ScenePlacement;

/* Distance, m, at which the plate of @v is @plate_px wide. */
gdouble scenegen_distance_for (const SceneCamera * cam,
    const SceneVehicle * v, gdouble plate_px);

/* Image row of the plate centre of @v at distance @d. */
gdouble scenegen_plate_row (const SceneCamera * cam, const SceneVehicle * v,
    gdouble d);

/* @variety: the plate in the wider styles of platestyle.c (fonts, raised
 * characters, flags, dirt) instead of the plain ones. */
void scenegen_random_vehicle (GRand * rand, PlateRegions regions,
    gboolean rear, gdouble jitter, gboolean variety, SceneVehicle * v);

/* A bus or lorry (@v->box): 2.5 m wide, about 3 m tall. */
void scenegen_random_box_vehicle (GRand * rand, PlateRegions regions,
    gboolean rear, SceneVehicle * v);

/* The plate and body boxes scenegen_draw_vehicle() would fill in, without
 * drawing anything: for planning where vehicles hide one another. */
void scenegen_vehicle_boxes (const SceneCamera * cam, const SceneVehicle * v,
    ScenePlacement * pl);

/* Sky, skyline, verges and road with its markings; @rand decides what. */
void scenegen_draw_background (cairo_t * cr, GRand * rand,
    const SceneCamera * cam, gboolean night);

/* Draws @v standing on the road at (@pl->x_m, @pl->d_m) and fills in the
 * plate and body boxes; adds its lamps to @lights when given. */
void scenegen_draw_vehicle (cairo_t * cr, const SceneCamera * cam,
    const SceneVehicle * v, ScenePlacement * pl, SceneLights * lights);

/* A soft shadow band (building, tree) across part of the frame. */
void scenegen_draw_shadow (cairo_t * cr, GRand * rand,
    const SceneCamera * cam);

/* Pixel passes on CAIRO_FORMAT_RGB24 surfaces (scenefx.c). */
void scenefx_night (cairo_surface_t * surface, const SceneLights * lights,
    gdouble ambient);
void scenefx_blur (cairo_surface_t * surface, gdouble sigma);
void scenefx_motion_blur (cairo_surface_t * surface, const SceneBox * box,
    gint length);
void scenefx_tone (cairo_surface_t * surface, gdouble gain, gdouble gamma,
    const gdouble tint[3]);
void scenefx_noise (cairo_surface_t * surface, guint32 seed, gdouble sigma);
/* What makes an infrared picture hard (scenefx_infrared()): @exposure,
 * how many times over the plate's ink is exposed (the sensor saturating:
 * strokes thin and fade; 1 or less: none); @flare, headlamps glaring
 * beside each plate, @flare_gap their distance from the plate's sides and
 * @flare_radius their size, in plate heights. */
typedef struct
{
  gdouble exposure;
  gboolean flare;
  gdouble flare_gap;
  gdouble flare_radius;
} SceneInfraredHard;

void scenefx_infrared (cairo_surface_t * surface, const SceneBox * plates,
    guint n_plates, gdouble surround, gdouble bloom,
    const SceneInfraredHard * hard);

G_END_DECLS

#endif /* __SCENEGEN_H__ */
