/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_PLATE_OCR_H__
#define __GST_PLATE_OCR_H__

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/video/gstvideofilter.h>
#include <gst/anpr/anpr.h>

G_BEGIN_DECLS

#define GST_TYPE_PLATE_OCR (gst_plate_ocr_get_type ())
G_DECLARE_FINAL_TYPE (GstPlateOcr, gst_plate_ocr, GST, PLATE_OCR,
    GstVideoFilter)

GST_ELEMENT_REGISTER_DECLARE (plateocr);

G_END_DECLS

#endif /* __GST_PLATE_OCR_H__ */
