/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Evidence in match events: the evidence property's enum type, and JPEGs
 * of the plate and of the frame, each made to fit evidence-max-bytes. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <setjmp.h>
#include <gst/video/video.h>
#include <jpeglib.h>

#include "hotlistevidence.h"

#define GST_CAT_DEFAULT gst_hotlist_match_debug

GType
gst_hotlist_match_evidence_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    {GST_HOTLIST_MATCH_EVIDENCE_NONE, "No pictures", "none"},
    {GST_HOTLIST_MATCH_EVIDENCE_CROP, "JPEG of the plate", "crop"},
    {GST_HOTLIST_MATCH_EVIDENCE_CROP_FRAME,
        "JPEG of the plate and of the whole frame", "crop+frame"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstHotlistMatchEvidence", values);
    g_once_init_leave (&type, t);
  }
  return (GType) type;
}

/* JPEG qualities tried, best first, before the picture is made smaller. */
static const gint evidence_qualities[] = { 85, 70, 55, 40, 25 };

typedef struct
{
  struct jpeg_error_mgr mgr;
  jmp_buf jump;
} JpegError;

static void
jpeg_error_exit (j_common_ptr cinfo)
{
  JpegError *err = (JpegError *) cinfo->err;
  longjmp (err->jump, 1);
}

static void
jpeg_no_output (j_common_ptr cinfo)
{
}

/* Encodes GRAY8 (@gray) or RGB pixels; g_free() *@out. */
static gboolean
encode_jpeg (const guint8 * pixels, gint stride, gint width, gint height,
    gboolean gray, gint quality, guint8 ** out, gsize * out_len)
{
  struct jpeg_compress_struct cinfo;
  JpegError jerr;
  unsigned char *volatile mem = NULL;
  unsigned long mem_len = 0;
  gint y;

  cinfo.err = jpeg_std_error (&jerr.mgr);
  jerr.mgr.error_exit = jpeg_error_exit;
  jerr.mgr.output_message = jpeg_no_output;
  if (setjmp (jerr.jump)) {
    jpeg_destroy_compress (&cinfo);
    free (mem);
    return FALSE;
  }
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, (unsigned char **) &mem, &mem_len);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = gray ? 1 : 3;
  cinfo.in_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, quality, TRUE);
  jpeg_start_compress (&cinfo, TRUE);
  for (y = 0; y < height; y++) {
    JSAMPROW row = (JSAMPROW) (pixels + (gsize) y * stride);
    jpeg_write_scanlines (&cinfo, &row, 1);
  }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  *out = g_memdup2 (mem, mem_len);
  *out_len = mem_len;
  free (mem);
  return TRUE;
}

/* One picture of the region (@x, @y, @w, @h) of @frame as a JSON object
 * {jpeg_base64, box, width, height}, the JPEG at most @max_bytes: the
 * quality, then the size, go down until it fits.  NULL if it cannot. */
static JsonNode *
evidence_picture (GstVideoFrame * frame, gint x, gint y, gint w, gint h,
    guint max_bytes)
{
  const GstVideoInfo *in = &frame->info;
  gboolean gray = GST_VIDEO_INFO_IS_GRAY (in);
  gdouble scale = 1.0;
  JsonNode *res = NULL;

  x = CLAMP (x, 0, GST_VIDEO_INFO_WIDTH (in) - 1);
  y = CLAMP (y, 0, GST_VIDEO_INFO_HEIGHT (in) - 1);
  w = CLAMP (w, 1, GST_VIDEO_INFO_WIDTH (in) - x);
  h = CLAMP (h, 1, GST_VIDEO_INFO_HEIGHT (in) - y);

  while (!res) {
    gint dw = MAX ((gint) (w * scale), 1), dh = MAX ((gint) (h * scale), 1);
    GstVideoInfo out;
    GstVideoConverter *conv;
    GstBuffer *obuf;
    GstVideoFrame oframe;
    guint q;

    if (scale < 1.0 && (dw < 8 || dh < 8))
      break;                    /* too small to be of use */
    gst_video_info_set_format (&out, gray ? GST_VIDEO_FORMAT_GRAY8 :
        GST_VIDEO_FORMAT_RGB, dw, dh);
    /* the converter only changes format and size */
    GST_VIDEO_INFO_FPS_N (&out) = GST_VIDEO_INFO_FPS_N (in);
    GST_VIDEO_INFO_FPS_D (&out) = GST_VIDEO_INFO_FPS_D (in);
    GST_VIDEO_INFO_INTERLACE_MODE (&out) = GST_VIDEO_INFO_INTERLACE_MODE (in);
    conv = gst_video_converter_new (in, &out,
        gst_structure_new ("GstVideoConverter",
            GST_VIDEO_CONVERTER_OPT_SRC_X, G_TYPE_INT, x,
            GST_VIDEO_CONVERTER_OPT_SRC_Y, G_TYPE_INT, y,
            GST_VIDEO_CONVERTER_OPT_SRC_WIDTH, G_TYPE_INT, w,
            GST_VIDEO_CONVERTER_OPT_SRC_HEIGHT, G_TYPE_INT, h,
            GST_VIDEO_CONVERTER_OPT_THREADS, G_TYPE_UINT, 1, NULL));
    if (!conv)
      break;
    obuf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&out), NULL);
    if (!gst_video_frame_map (&oframe, &out, obuf, GST_MAP_WRITE)) {
      gst_buffer_unref (obuf);
      gst_video_converter_free (conv);
      break;
    }
    gst_video_converter_frame (conv, frame, &oframe);
    gst_video_converter_free (conv);

    for (q = 0; q < G_N_ELEMENTS (evidence_qualities) && !res; q++) {
      guint8 *jpeg = NULL;
      gsize len = 0;

      if (!encode_jpeg (GST_VIDEO_FRAME_PLANE_DATA (&oframe, 0),
              GST_VIDEO_FRAME_PLANE_STRIDE (&oframe, 0), dw, dh, gray,
              evidence_qualities[q], &jpeg, &len))
        break;
      if (len <= max_bytes) {
        JsonBuilder *b = json_builder_new ();
        gchar *b64 = g_base64_encode (jpeg, len);

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "jpeg_base64");
        json_builder_add_string_value (b, b64);
        json_builder_set_member_name (b, "box");
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "x");
        json_builder_add_int_value (b, x);
        json_builder_set_member_name (b, "y");
        json_builder_add_int_value (b, y);
        json_builder_set_member_name (b, "width");
        json_builder_add_int_value (b, w);
        json_builder_set_member_name (b, "height");
        json_builder_add_int_value (b, h);
        json_builder_end_object (b);
        json_builder_set_member_name (b, "width");
        json_builder_add_int_value (b, dw);
        json_builder_set_member_name (b, "height");
        json_builder_add_int_value (b, dh);
        json_builder_end_object (b);
        res = json_builder_get_root (b);
        g_object_unref (b);
        g_free (b64);
      }
      g_free (jpeg);
    }
    gst_video_frame_unmap (&oframe);
    gst_buffer_unref (obuf);
    scale *= 0.7;
  }
  return res;
}

JsonNode *
gst_hotlist_match_make_evidence (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, gint mode, guint max_bytes)
{
  const GstVideoInfo *info = &self->info;
  GstVideoFrame frame;
  JsonNode *crop = NULL, *full = NULL, *res;
  JsonObject *o;
  gint64 start = g_get_monotonic_time ();

  if (mode == GST_HOTLIST_MATCH_EVIDENCE_NONE)
    return NULL;
  if (!self->evidence_readable)
    return NULL;
  /* a frame that will not map costs its pictures, never the alert */
  if (!analysis_map_frame (GST_ELEMENT (self), GST_CAT_DEFAULT, info, buf,
          &frame, NULL, &self->skips, "matched without evidence pictures"))
    return NULL;

  if (meta->width > 0 && meta->height > 0)
    crop = evidence_picture (&frame, meta->x, meta->y, meta->width,
        meta->height, max_bytes);
  if (mode == GST_HOTLIST_MATCH_EVIDENCE_CROP_FRAME)
    full = evidence_picture (&frame, 0, 0, GST_VIDEO_INFO_WIDTH (info),
        GST_VIDEO_INFO_HEIGHT (info), max_bytes);
  gst_video_frame_unmap (&frame);

  res = json_node_new (JSON_NODE_OBJECT);
  o = json_object_new ();
  json_object_set_member (o, "crop", crop ? crop : json_node_new
      (JSON_NODE_NULL));
  if (mode == GST_HOTLIST_MATCH_EVIDENCE_CROP_FRAME)
    json_object_set_member (o, "frame", full ? full : json_node_new
        (JSON_NODE_NULL));
  json_node_take_object (res, o);
  GST_DEBUG_OBJECT (self, "evidence in %" G_GINT64_FORMAT " us",
      g_get_monotonic_time () - start);
  return res;
}
