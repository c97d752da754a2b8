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
