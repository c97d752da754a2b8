/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* A grey test picture written into a frame of any 8 bit raw format, for
 * the tests that make their own frames (platedetect, plateocr, hostile
 * video). */

#ifndef __GREY_FRAME_H__
#define __GREY_FRAME_H__

#include <gst/video/video.h>

/* Writes @luma (@width x @height, rows @width apart) into every component
 * of the mapped @frame: luma and RGB components get the picture, chroma is
 * neutral, alpha opaque.  Honours the frame's strides and offsets (padded
 * buffers); a frame of another size than the picture gets it scaled,
 * nearest neighbour. */
static inline void
anpr_check_fill_grey (GstVideoFrame * frame, const guint8 * luma, gint width,
    gint height)
{
  const GstVideoFormatInfo *finfo = frame->info.finfo;
  guint c;

  for (c = 0; c < GST_VIDEO_FRAME_N_COMPONENTS (frame); c++) {
    guint8 *data = GST_VIDEO_FRAME_COMP_DATA (frame, c);
    gint stride = GST_VIDEO_FRAME_COMP_STRIDE (frame, c);
    gint pstride = GST_VIDEO_FRAME_COMP_PSTRIDE (frame, c);
    gint w = GST_VIDEO_FRAME_COMP_WIDTH (frame, c);
    gint h = GST_VIDEO_FRAME_COMP_HEIGHT (frame, c);
    gboolean picture = GST_VIDEO_FORMAT_INFO_IS_RGB (finfo) ? c < 3 : c == 0;
    gboolean alpha = GST_VIDEO_FORMAT_INFO_HAS_ALPHA (finfo) && c == 3;
    gint x, y;

    for (y = 0; y < h; y++) {
      guint8 *row = data + (gsize) y * stride;
      const guint8 *in = luma + (gsize) MIN (y * height / h, height - 1) *
          width;

      if (!picture)
        for (x = 0; x < w; x++)
          row[x * pstride] = alpha ? 255 : 128;
      else if (w == width)
        for (x = 0; x < w; x++)
          row[x * pstride] = in[x];
      else
        for (x = 0; x < w; x++)
          row[x * pstride] = in[MIN (x * width / w, width - 1)];
    }
  }
}

#endif /* __GREY_FRAME_H__ */
