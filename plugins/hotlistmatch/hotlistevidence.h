/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The pictures in match events: the evidence property's type and the JPEGs
 * (hotlistevidence.c). */

#ifndef __HOTLIST_EVIDENCE_H__
#define __HOTLIST_EVIDENCE_H__

#include <json-glib/json-glib.h>

#include "gsthotlistmatchprivate.h"

G_BEGIN_DECLS

typedef enum
{
  GST_HOTLIST_MATCH_EVIDENCE_NONE,
  GST_HOTLIST_MATCH_EVIDENCE_CROP,
  GST_HOTLIST_MATCH_EVIDENCE_CROP_FRAME,
} GstHotlistMatchEvidence;

#define GST_TYPE_HOTLIST_MATCH_EVIDENCE (gst_hotlist_match_evidence_get_type ())
GType gst_hotlist_match_evidence_get_type (void);

/* The "evidence" object of a match event: the plate crop and, with
 * crop+frame, the whole frame; NULL when none is wanted, the video is not
 * raw in system memory, or the frame cannot be mapped (posted as
 * analysis_map_frame() does). */
JsonNode *gst_hotlist_match_make_evidence (GstHotlistMatch * self,
    GstBuffer * buf, const GstAnprPlateMeta * meta, gint mode,
    guint max_bytes);

G_END_DECLS

#endif /* __HOTLIST_EVIDENCE_H__ */
