/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Setting up MQTT from the element's properties (hotlistmqtt.c). */

#ifndef __HOTLIST_MQTT_H__
#define __HOTLIST_MQTT_H__

#include "gsthotlistmatchprivate.h"

G_BEGIN_DECLS

/* Where the password comes from without mqtt-password-file. */
#define HOTLIST_MQTT_PASSWORD_ENV MQTT_PUBLISHER_PASSWORD_ENV

/* How long the broker may be unreachable before a WARNING says so. */
#define HOTLIST_MQTT_UNREACHABLE_GRACE_MS 5000

/* Checks that @camera (camera-id) and @prefix (topic-prefix) can be topic
 * levels, and makes the topics; posts an error and returns FALSE when they
 * cannot.  Events name the camera with or without MQTT, so this runs
 * either way. */
gboolean gst_hotlist_match_set_topics (GstHotlistMatch * self,
    const gchar * prefix, const gchar * camera);

/* Creates self->mqtt for @url, with status topic @prefix/@camera/status;
 * posts an error and returns FALSE when the settings are not usable. */
gboolean gst_hotlist_match_start_mqtt (GstHotlistMatch * self,
    const gchar * url, const gchar * prefix, const gchar * camera);

G_END_DECLS

#endif /* __HOTLIST_MQTT_H__ */
