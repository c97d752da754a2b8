/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* How the elements hand a mapped video frame to their OpenCV code: plain C
 * types, so that the C++ side needs no GStreamer header.  Filled from a
 * GstVideoFrame by analysis_map_frame () (analysis.h). */

#ifndef __PLATE_FRAME_H__
#define __PLATE_FRAME_H__

#ifdef __cplusplus
extern "C"
{
#endif

/* How the pixels of a PlateFrame are laid out. */
typedef enum
{
  /* One luma sample per pixel: a GRAY8 frame, the Y plane of a planar or
   * semi-planar YUV frame (pixel_stride 1, luma_offset 0) or the luma of a
   * packed 4:2:2 frame (pixel_stride 2, luma_offset 0 for YUY2, 1 for
   * UYVY). */
  PLATE_FRAME_PIXELS_LUMA,
  /* Packed 8 bit RGB: pixel_stride 3 or 4, red/green/blue_offset give the
   * byte of each component inside a pixel. */
  PLATE_FRAME_PIXELS_RGB
} PlateFramePixels;

/* A read-only, stride-correct view of the plane of a frame that holds its
 * luma (or its packed RGB pixels).  Nothing is copied. */
typedef struct
{
  PlateFramePixels pixels;
  const unsigned char *data;    /* first pixel of the first row */
  int width;
  int height;
  int stride;                   /* bytes from one row to the next */
  int pixel_stride;             /* bytes from one pixel to the next, 1..4 */
  int luma_offset;              /* LUMA: byte of the luma sample in a pixel */
  int red_offset;               /* RGB: bytes of the components in a pixel */
  int green_offset;
  int blue_offset;
} PlateFrame;

/* Whether @f describes pixels its own fields can reach: what the OpenCV
 * side checks before it wraps the data. */
static inline int
plate_frame_valid (const PlateFrame * f)
{
  int ps = f->pixel_stride;

  if (f->width <= 0 || f->height <= 0 || ps < 1 || ps > 4
      || (long) f->stride < (long) f->width * ps)
    return 0;
  if (f->pixels == PLATE_FRAME_PIXELS_RGB)
    return ps >= 3 && f->red_offset >= 0 && f->red_offset < ps
        && f->green_offset >= 0 && f->green_offset < ps
        && f->blue_offset >= 0 && f->blue_offset < ps;
  return f->luma_offset >= 0 && f->luma_offset < ps;
}

/* The weight of each byte of a pixel of @f in its grey value: BT.601 luma
 * for RGB, the luma sample alone otherwise; the same on every side so that
 * detector and reader see the same grey. */
static inline void
plate_frame_luma_weights (const PlateFrame * f, float weights[4])
{
  int i;

  for (i = 0; i < 4; i++)
    weights[i] = 0.0f;
  if (f->pixels == PLATE_FRAME_PIXELS_RGB) {
    weights[f->red_offset] = 0.299f;
    weights[f->green_offset] = 0.587f;
    weights[f->blue_offset] = 0.114f;
  } else {
    weights[f->luma_offset] = 1.0f;
  }
}

#ifdef __cplusplus
}
#endif

#endif /* __PLATE_FRAME_H__ */
