/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_HOTLIST_MATCH_H__
#define __GST_HOTLIST_MATCH_H__

#include <gst/gst.h>
#include <gst/base/gstbasetransform.h>
#include <gst/anpr/anpr.h>

#include "anprmqtt.h"

G_BEGIN_DECLS

#define GST_TYPE_HOTLIST_MATCH (gst_hotlist_match_get_type ())
G_DECLARE_FINAL_TYPE (GstHotlistMatch, gst_hotlist_match, GST, HOTLIST_MATCH,
    GstBaseTransform)

struct _GstHotlistMatch
{
  GstBaseTransform parent;

  /* properties, under the object lock */
  gchar *hotlist_path;
  gchar *mqtt_url;
  gchar *camera_id;
  gchar *topic_prefix;
  gboolean publish_reads;
  gint qos;
  gchar *client_id;
  gchar *username;
  gchar *password_file;
  gdouble dedup_window;
  gdouble max_distance;
  guint queue_size;

  /* state; hotlist swapped under the object lock */
  GstAnprHotlist *hotlist;
  gboolean started;
  AnprMqtt *mqtt;               /* created in start, freed in stop */
  gchar *topic_match;
  gchar *topic_read;
  GHashTable *seen;             /* dedup key -> last seen (gint64 ns) */
  guint seen_calls;
  guint drops_unreported;
  gint64 last_drop_warning;
};

GST_ELEMENT_REGISTER_DECLARE (hotlistmatch);

G_END_DECLS

#endif /* __GST_HOTLIST_MATCH_H__ */
