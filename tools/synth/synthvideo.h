/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The `video` command of anpr-synth: vehicles passing a fixed camera,
 * encoded to H.264 MP4, with their truth and an optional hotlist. */

#ifndef __SYNTHVIDEO_H__
#define __SYNTHVIDEO_H__

#include <glib.h>

#include "plategen.h"

G_BEGIN_DECLS

typedef enum
{
  /* One lane, vehicles one after another, never two in view at once. */
  SYNTH_SCENARIO_PASSES,
  /* Two lanes: speeds and sizes that vary, overtaking, a bus hiding a
   * car, two cars abreast, optionally a parked car. */
  SYNTH_SCENARIO_TRAFFIC,
} SynthScenario;

typedef struct
{
  const gchar *out;             /* .mp4 path */
  const gchar *truth;           /* TSV path or NULL */
  const gchar *hotlist;         /* CSV path or NULL */
  gdouble seconds;
  gint fps;
  gint width, height;
  gint vehicles;
  guint32 seed;
  gboolean night;
  PlateRegions regions;
  SynthScenario scenario;
  gdouble parked_seconds;       /* traffic: a car parked this long, 0 none */
  gboolean overlay_text;        /* a camera name and clock burnt in */
} SynthVideoOptions;

/* Returns 0 on success, prints the reason and returns non-zero if not. */
gint synth_video (const SynthVideoOptions * opts);

G_END_DECLS

#endif /* __SYNTHVIDEO_H__ */
