/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Loading the hotlist at start and again whenever it changes
 * (hotlistload.c). */

#ifndef __HOTLIST_LOAD_H__
#define __HOTLIST_LOAD_H__

#include "gsthotlistmatchprivate.h"

G_BEGIN_DECLS

/* The first load, at start: posts an error and returns FALSE when a file
 * cannot be loaded. */
gboolean gst_hotlist_match_load_first (GstHotlistMatch * self,
    const gchar * paths, GstAnprHotlist ** out);

/* Sets the hotlist property; when running, loads @paths in the caller's
 * thread and swaps the list in (a list that fails to load leaves the
 * current one in force, with a warning). */
void gst_hotlist_match_set_hotlist (GstHotlistMatch * self,
    const gchar * paths);

/* How the streaming thread drops its reference to @hl (the files' list or
 * the one from MQTT). */
void gst_hotlist_match_release_hotlist (GstHotlistMatch * self,
    GstAnprHotlist * hl);

/* Frees the lists the streaming thread let go of after they were swapped
 * out; from any thread but the streaming one. */
void gst_hotlist_match_drain_retired (GstHotlistMatch * self);

/* The thread that watches the files, with reload-interval set. */
void gst_hotlist_match_watch_start (GstHotlistMatch * self);
void gst_hotlist_match_watch_stop (GstHotlistMatch * self);

G_END_DECLS

#endif /* __HOTLIST_LOAD_H__ */
