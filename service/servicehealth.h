/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The service's health where a local check can see it (a container's
 * HEALTHCHECK, a monitoring agent): a small JSON file in the state
 * directory, replaced atomically (written beside, then renamed) every
 * status interval from the main loop, and the check that reads it
 * (anpr-service --check-health).  A file that stops being refreshed means
 * a main loop that is stuck or a process that is gone. */

#ifndef __SERVICE_HEALTH_H__
#define __SERVICE_HEALTH_H__

#include <glib.h>

G_BEGIN_DECLS

#define SERVICE_HEALTH_FILE "health.json"

/* $STATE_DIRECTORY/health.json, or NULL without a state directory. */
gchar *service_health_path (void);

/* Replaces @path with the service's @state ("running", "stopping",
 * "stopped"), the cameras' states (@cameras: id -> Camera*, may be NULL)
 * and @interval_s, the time until the next write. */
gboolean service_health_write (const gchar * path, const gchar * service_id,
    const gchar * state, guint interval_s, GHashTable * cameras,
    GError ** error);

/* Whether @path says "running" and was written within three intervals
 * (at least 15 s); @summary: one line saying so, or why not. */
gboolean service_health_check (const gchar * path, gchar ** summary);

G_END_DECLS

#endif /* __SERVICE_HEALTH_H__ */
