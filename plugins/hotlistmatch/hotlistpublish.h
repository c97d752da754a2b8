/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* One report per vehicle, and where reports go: the dedup window, the
 * anpr-match message and MQTT publishing (hotlistpublish.c). */

#ifndef __HOTLIST_PUBLISH_H__
#define __HOTLIST_PUBLISH_H__

#include "gsthotlistmatchprivate.h"

G_BEGIN_DECLS

/* TRUE when @key was seen less than @window_ns before @now (the sighting
 * is then suppressed); records the sighting either way. */
gboolean gst_hotlist_match_dedup_seen (GstHotlistMatch * self,
    const gchar * key, gint64 now, gint64 window_ns);

/* Posts the anpr-match message of @meta matching @m, whose event is
 * @json; a vehicle's (@ctx->vehicle set) with its fields and, when given,
 * its @best_frame. */
void gst_hotlist_match_post_match (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, const GstAnprHotlistMatch * m,
    const GstAnprEventContext * ctx, const gchar * event_id,
    const gchar * json, GstSample * best_frame);

/* Matches @meta (a frame's plate, or a vehicle's read) against the
 * hotlist and reports it: the alert (anpr-match, match topic) unless
 * @may_alert is FALSE or the dedup window holds it back, and the read
 * (read topic, with publish-reads).  A vehicle (@ctx->vehicle set) is
 * also posted as anpr-vehicle, with @best_frame when given.  @buf: the
 * frame whose times the messages carry and whose pixels the evidence
 * shows. */
void gst_hotlist_match_report (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, GstAnprEventContext * ctx,
    GstSample * best_frame, gboolean may_alert);

/* Queues @json for @topic on self->mqtt, warning when the queue overflows;
 * deleted unsent if still queued at @expires (wall clock us, 0: never). */
void gst_hotlist_match_publish (GstHotlistMatch * self, const gchar * topic,
    const gchar * json, gint qos, const gchar * event_id, gint64 expires);

G_END_DECLS

#endif /* __HOTLIST_PUBLISH_H__ */
