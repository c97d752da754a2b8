/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* One camera of the service: a source pipeline (the camera's URL to raw
 * frames), made again whenever the camera refuses, stalls or ends, feeding
 * an analysis pipeline (platedetect ! plateocr ! hotlistmatch) that lives
 * as long as the camera's settings, so its alert queue and MQTT session
 * survive the camera dropping.  Everything here runs in the default main
 * context except the frame hand-over, which runs in the source's
 * streaming thread. */

#ifndef __CAMERA_H__
#define __CAMERA_H__

#include "serviceconfig.h"

G_BEGIN_DECLS

typedef struct _Camera Camera;

typedef enum
{
  CAMERA_CONNECTING,            /* source starting, no frame yet */
  CAMERA_ONLINE,                /* frames flowing */
  CAMERA_RECONNECTING,          /* waiting out the backoff */
  CAMERA_STOPPING,              /* flushing alerts after EOS */
  CAMERA_STOPPED,
} CameraState;

typedef void (*CameraStoppedFunc) (Camera * camera, gpointer user_data);

Camera *camera_new (const CameraConfig * config);
const CameraConfig *camera_get_config (Camera * camera);

/* Builds and starts the analysis and connects the source; on failure
 * (an analysis element refuses its settings at start) the camera retries
 * with backoff, so this cannot fail. */
void camera_start (Camera * camera);

/* Stops the source, sends EOS through the analysis so hotlistmatch
 * delivers (or spools) what it holds, and calls @done once the EOS is
 * through or after @timeout_s, whichever is first. */
void camera_stop (Camera * camera, guint timeout_s, CameraStoppedFunc done,
    gpointer user_data);

CameraState camera_get_state (Camera * camera);
const gchar *camera_state_name (CameraState state);

/* Alerts the analysis reported it could not deliver (nor spool). */
guint64 camera_get_undelivered (Camera * camera);

/* Frames handed to the analysis since the camera started. */
guint64 camera_get_frames (Camera * camera);

/* The version of the hotlist from MQTT (hotlist-name) its hotlistmatch
 * matches against; 0 when none (or no analysis now). */
guint64 camera_get_hotlist_version (Camera * camera);

void camera_free (Camera * camera);

/* Source pipelines still being torn down in the background. */
guint camera_pending_teardowns (void);

G_END_DECLS

#endif /* __CAMERA_H__ */
