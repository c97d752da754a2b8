/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The hotlistmatch element's type; its parts are listed in
 * gsthotlistmatch.c. */

#ifndef __GST_HOTLIST_MATCH_H__
#define __GST_HOTLIST_MATCH_H__

#include <gst/gst.h>
#include <gst/base/gstbasetransform.h>

G_BEGIN_DECLS

#define GST_TYPE_HOTLIST_MATCH (gst_hotlist_match_get_type ())
G_DECLARE_FINAL_TYPE (GstHotlistMatch, gst_hotlist_match, GST, HOTLIST_MATCH,
    GstBaseTransform)

GST_ELEMENT_REGISTER_DECLARE (hotlistmatch);

G_END_DECLS

#endif /* __GST_HOTLIST_MATCH_H__ */
