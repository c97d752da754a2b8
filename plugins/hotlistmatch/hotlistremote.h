/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Hotlists over MQTT, the element's side (hotlistremote.c): the list
 * received on <topic-prefix>/hotlist/<hotlist-name>/{full,delta}, applied
 * whole off the streaming thread, kept on disk (hotlist-cache) and
 * reported in the status; matched beside the hotlist files. */

#ifndef __HOTLIST_REMOTE_H__
#define __HOTLIST_REMOTE_H__

#include "gsthotlistmatchprivate.h"

G_BEGIN_DECLS

/* At start, before MQTT: checks hotlist-name (an error when it cannot be
 * a topic level), loads the cached copy, starts the thread that applies
 * what arrives.  Nothing to do (TRUE) without a hotlist-name. */
gboolean gst_hotlist_match_remote_start (GstHotlistMatch * self,
    const gchar * prefix);

/* The subscriptions and the message callback for the MQTT client. */
void gst_hotlist_match_remote_configure (GstHotlistMatch * self,
    MqttPublisherConfig * cfg);

/* At stop, once the MQTT client is gone: stops the thread, drops the
 * list. */
void gst_hotlist_match_remote_stop (GstHotlistMatch * self);

/* What the status says of the hotlists: a JSON object (docs/mqtt.md,
 * "Status"). */
gchar *gst_hotlist_match_remote_status_json (GstHotlistMatch * self);

/* Looks @meta up in the files' list and in the one received (either may
 * be NULL), best match first, as one list would sort them. */
GArray *gst_hotlist_match_lookup (const GstAnprHotlist * files,
    const GstAnprHotlist * remote, const GstAnprPlateMeta * meta,
    gdouble max_distance, gint64 now_us);

G_END_DECLS

#endif /* __HOTLIST_REMOTE_H__ */
