/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The element's properties (hotlistprops.c). */

#ifndef __HOTLIST_PROPS_H__
#define __HOTLIST_PROPS_H__

#include "gsthotlistmatchprivate.h"

G_BEGIN_DECLS

/**
 * GstHotlistMatchSourceState:
 * @GST_HOTLIST_MATCH_SOURCE_LIVE: the video source is delivering (default)
 * @GST_HOTLIST_MATCH_SOURCE_RECONNECTING: the application is reconnecting
 *   the video source (an RTSP camera, say)
 *
 * What the application knows of the video source, for the status topic.
 */
typedef enum
{
  GST_HOTLIST_MATCH_SOURCE_LIVE,
  GST_HOTLIST_MATCH_SOURCE_RECONNECTING,
} GstHotlistMatchSourceState;

#define GST_TYPE_HOTLIST_MATCH_SOURCE_STATE \
  (gst_hotlist_match_source_state_get_type ())
GType gst_hotlist_match_source_state_get_type (void);

/**
 * GstHotlistMatchEntering:
 * @GST_HOTLIST_MATCH_ENTERING_NONE: no guarded area (default)
 * @GST_HOTLIST_MATCH_ENTERING_TOWARDS: coming towards the camera enters
 * @GST_HOTLIST_MATCH_ENTERING_AWAY: going away from the camera enters
 *
 * Which direction of travel enters the area the camera guards.
 */
typedef enum
{
  GST_HOTLIST_MATCH_ENTERING_NONE,
  GST_HOTLIST_MATCH_ENTERING_TOWARDS,
  GST_HOTLIST_MATCH_ENTERING_AWAY,
} GstHotlistMatchEntering;

#define GST_TYPE_HOTLIST_MATCH_ENTERING \
  (gst_hotlist_match_entering_get_type ())
GType gst_hotlist_match_entering_get_type (void);

/* From class_init. */
void gst_hotlist_match_install_properties (GObjectClass * gobject_class);

/* The defaults, from init; what they hold, freed at finalize. */
void gst_hotlist_match_init_properties (GstHotlistMatch * self);
void gst_hotlist_match_clear_properties (GstHotlistMatch * self);

void gst_hotlist_match_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec);
void gst_hotlist_match_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec);

G_END_DECLS

#endif /* __HOTLIST_PROPS_H__ */
