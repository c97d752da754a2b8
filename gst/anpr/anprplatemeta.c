/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/**
 * SECTION:gstanprplatemeta
 * @title: GstAnprPlateMeta
 * @short_description: number plates found on a video frame
 *
 * platedetect adds one #GstAnprPlateMeta per plate it finds (and a
 * #GstVideoRegionOfInterestMeta of roi_type `license-plate` with the same id
 * for generic consumers); plateocr fills in the text, its confidence and the
 * top-N candidates.  Applications iterate them with
 * gst_buffer_iterate_anpr_plate_meta(), or take them all as a list with
 * gst_anpr_buffer_get_plate_metas().
 *
 * Bindings (GObject Introspection) cannot read the fixed-size text fields
 * of the struct: gst_anpr_plate_meta_get_text() and the other accessors
 * give them as strings.  The numeric fields (box, confidences, id,
 * track id) read directly.
 *
 * The meta is tagged video, size and orientation.  Its transform copies it
 * on COPY (videoconvert, buffer copies) and rescales the box on SCALE
 * (videoscale); it is dropped by any other transform, which could move the
 * plate in ways we cannot follow.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <math.h>

#include "anprplatemeta.h"

#ifndef GST_DISABLE_GST_DEBUG
#define GST_CAT_DEFAULT ensure_debug_category ()
static GstDebugCategory *
ensure_debug_category (void)
{
  static gsize cat_gonce = 0;

  if (g_once_init_enter (&cat_gonce)) {
    gsize cat_done = (gsize) _gst_debug_category_new ("anprplatemeta", 0,
        "ANPR plate metadata");
    g_once_init_leave (&cat_gonce, cat_done);
  }
  return (GstDebugCategory *) cat_gonce;
}
#endif

GType
gst_anpr_plate_meta_api_get_type (void)
{
  static GType type = 0;

  if (g_once_init_enter (&type)) {
    static const gchar *tags[] = {
      GST_META_TAG_VIDEO_STR, GST_META_TAG_VIDEO_SIZE_STR,
      GST_META_TAG_VIDEO_ORIENTATION_STR, NULL
    };
    GType _type = gst_meta_api_type_register ("GstAnprPlateMetaAPI", tags);
    g_once_init_leave (&type, _type);
  }
  return type;
}

static gboolean
gst_anpr_plate_meta_init (GstMeta * meta, gpointer params, GstBuffer * buffer)
{
  GstAnprPlateMeta *pmeta = (GstAnprPlateMeta *) meta;

  /* Everything after the GstMeta header is plain data. */
  memset ((guint8 *) pmeta + sizeof (GstMeta), 0,
      sizeof (GstAnprPlateMeta) - sizeof (GstMeta));
  return TRUE;
}

static gboolean
gst_anpr_plate_meta_transform (GstBuffer * dest, GstMeta * meta,
    GstBuffer * buffer, GQuark type, gpointer data)
{
  GstAnprPlateMeta *smeta = (GstAnprPlateMeta *) meta;
  GstAnprPlateMeta *dmeta;

  if (GST_META_TRANSFORM_IS_COPY (type)) {
    GstMetaTransformCopy *copy = data;

    /* A region copy would leave the box in the wrong place: drop the
     * meta (TRUE: nothing failed, there is just nothing to copy). */
    if (copy->region)
      return TRUE;
  } else if (GST_VIDEO_META_TRANSFORM_IS_SCALE (type)) {
    GstVideoMetaTransform *trans = data;
    gint ow = GST_VIDEO_INFO_WIDTH (trans->in_info);
    gint oh = GST_VIDEO_INFO_HEIGHT (trans->in_info);
    gint nw = GST_VIDEO_INFO_WIDTH (trans->out_info);
    gint nh = GST_VIDEO_INFO_HEIGHT (trans->out_info);

    if (ow <= 0 || oh <= 0)
      return FALSE;
    dmeta = (GstAnprPlateMeta *) gst_buffer_add_meta (dest,
        GST_ANPR_PLATE_META_INFO, NULL);
    if (!dmeta)
      return FALSE;
    memcpy ((guint8 *) dmeta + sizeof (GstMeta),
        (guint8 *) smeta + sizeof (GstMeta),
        sizeof (GstAnprPlateMeta) - sizeof (GstMeta));
    dmeta->x = (gint) lround ((gdouble) smeta->x * nw / ow);
    dmeta->y = (gint) lround ((gdouble) smeta->y * nh / oh);
    dmeta->width = (gint) lround ((gdouble) smeta->width * nw / ow);
    dmeta->height = (gint) lround ((gdouble) smeta->height * nh / oh);
    GST_TRACE ("scaled plate %u from %dx%d to %dx%d", smeta->id, ow, oh,
        nw, nh);
    return TRUE;
  } else {
    return FALSE;
  }

  dmeta = (GstAnprPlateMeta *) gst_buffer_add_meta (dest,
      GST_ANPR_PLATE_META_INFO, NULL);
  if (!dmeta)
    return FALSE;
  memcpy ((guint8 *) dmeta + sizeof (GstMeta),
      (guint8 *) smeta + sizeof (GstMeta),
      sizeof (GstAnprPlateMeta) - sizeof (GstMeta));
  return TRUE;
}

const GstMetaInfo *
gst_anpr_plate_meta_get_info (void)
{
  static const GstMetaInfo *meta_info = NULL;

  if (g_once_init_enter ((GstMetaInfo **) & meta_info)) {
    const GstMetaInfo *mi = gst_meta_register (GST_ANPR_PLATE_META_API_TYPE,
        "GstAnprPlateMeta", sizeof (GstAnprPlateMeta),
        gst_anpr_plate_meta_init, NULL, gst_anpr_plate_meta_transform);
    g_once_init_leave ((GstMetaInfo **) & meta_info, (GstMetaInfo *) mi);
  }
  return meta_info;
}

/**
 * gst_buffer_add_anpr_plate_meta:
 * @buffer: a writable #GstBuffer
 * @x: left of the plate box in pixels
 * @y: top of the plate box
 * @width: box width
 * @height: box height
 * @detect_confidence: detector confidence, 0..1
 *
 * Adds a plate to @buffer.  Its id is the number of plates the buffer
 * carried before.
 *
 * Returns: (transfer none): the new meta
 */
GstAnprPlateMeta *
gst_buffer_add_anpr_plate_meta (GstBuffer * buffer, gint x, gint y,
    gint width, gint height, gfloat detect_confidence)
{
  GstAnprPlateMeta *meta;
  guint id;

  g_return_val_if_fail (GST_IS_BUFFER (buffer), NULL);
  g_return_val_if_fail (gst_buffer_is_writable (buffer), NULL);

  id = gst_buffer_get_n_anpr_plate_metas (buffer);
  meta = (GstAnprPlateMeta *) gst_buffer_add_meta (buffer,
      GST_ANPR_PLATE_META_INFO, NULL);
  if (!meta)
    return NULL;
  meta->id = id;
  meta->x = x;
  meta->y = y;
  meta->width = width;
  meta->height = height;
  meta->detect_confidence = CLAMP (detect_confidence, 0.0f, 1.0f);
  return meta;
}

/**
 * gst_buffer_iterate_anpr_plate_meta: (skip)
 * @buffer: a #GstBuffer
 * @state: (inout): an opaque state pointer, %NULL to start
 *
 * Bindings take the plates with gst_anpr_buffer_get_plate_metas().
 *
 * Returns: (transfer none) (nullable): the next plate on @buffer, %NULL
 * when there are no more
 */
GstAnprPlateMeta *
gst_buffer_iterate_anpr_plate_meta (GstBuffer * buffer, gpointer * state)
{
  g_return_val_if_fail (GST_IS_BUFFER (buffer), NULL);
  return (GstAnprPlateMeta *) gst_buffer_iterate_meta_filtered (buffer, state,
      GST_ANPR_PLATE_META_API_TYPE);
}

/**
 * gst_buffer_get_n_anpr_plate_metas:
 * @buffer: a #GstBuffer
 *
 * Returns: how many plates @buffer carries
 */
guint
gst_buffer_get_n_anpr_plate_metas (GstBuffer * buffer)
{
  gpointer state = NULL;
  guint n = 0;

  while (gst_buffer_iterate_anpr_plate_meta (buffer, &state))
    n++;
  return n;
}

/**
 * gst_buffer_get_anpr_plate_meta_id:
 * @buffer: a #GstBuffer
 * @id: a plate id
 *
 * Returns: (transfer none) (nullable): the plate with @id, or %NULL
 */
GstAnprPlateMeta *
gst_buffer_get_anpr_plate_meta_id (GstBuffer * buffer, guint id)
{
  gpointer state = NULL;
  GstAnprPlateMeta *meta;

  while ((meta = gst_buffer_iterate_anpr_plate_meta (buffer, &state)))
    if (meta->id == id)
      return meta;
  return NULL;
}

/**
 * gst_anpr_plate_meta_set_reading:
 * @meta: a #GstAnprPlateMeta
 * @region: (nullable): region the plate was read under
 * @format: (nullable): format the best reading matched
 * @candidates: (array length=n_candidates): readings, best first
 * @n_candidates: how many; more than %GST_ANPR_MAX_CANDIDATES are dropped,
 *   0 clears the reading
 * @char_confidence: (nullable) (array fixed-size=15): one value per
 *   character of @candidates[0] (the rest, up to %GST_ANPR_MAX_TEXT, are
 *   not read)
 *
 * Stores what the reader made of the plate.  @text and @confidence are
 * taken from the first candidate.
 */
void
gst_anpr_plate_meta_set_reading (GstAnprPlateMeta * meta,
    const gchar * region, const gchar * format,
    const GstAnprCandidate * candidates, guint n_candidates,
    const gfloat * char_confidence)
{
  guint i, len;

  g_return_if_fail (meta != NULL);
  g_return_if_fail (n_candidates == 0 || candidates != NULL);

  g_strlcpy (meta->region, region ? region : "", sizeof (meta->region));
  g_strlcpy (meta->format, format ? format : "", sizeof (meta->format));

  n_candidates = MIN (n_candidates, GST_ANPR_MAX_CANDIDATES);
  meta->n_candidates = n_candidates;
  for (i = 0; i < n_candidates; i++) {
    g_strlcpy (meta->candidates[i].text, candidates[i].text,
        sizeof (meta->candidates[i].text));
    meta->candidates[i].confidence =
        CLAMP (candidates[i].confidence, 0.0f, 1.0f);
  }
  for (; i < GST_ANPR_MAX_CANDIDATES; i++)
    memset (&meta->candidates[i], 0, sizeof (GstAnprCandidate));

  memset (meta->char_confidence, 0, sizeof (meta->char_confidence));
  if (n_candidates == 0) {
    meta->text[0] = '\0';
    meta->confidence = 0.0f;
    return;
  }
  g_strlcpy (meta->text, meta->candidates[0].text, sizeof (meta->text));
  meta->confidence = meta->candidates[0].confidence;
  len = strlen (meta->text);
  for (i = 0; i < len; i++)
    meta->char_confidence[i] = char_confidence ?
        CLAMP (char_confidence[i], 0.0f, 1.0f) : meta->confidence;
}

/**
 * gst_anpr_buffer_get_plate_metas:
 * @buffer: a #GstBuffer
 *
 * The plates on @buffer as a list, for callers (bindings above all) that
 * cannot use the iterator's opaque state.  The metas belong to @buffer
 * and stay valid while it does and is not written to.
 *
 * Returns: (transfer container) (element-type GstAnprPlateMeta): the
 *   plates in the order they were added, %NULL when there are none
 */
GList *
gst_anpr_buffer_get_plate_metas (GstBuffer * buffer)
{
  GList *plates = NULL;
  GstAnprPlateMeta *meta;
  gpointer state = NULL;

  g_return_val_if_fail (GST_IS_BUFFER (buffer), NULL);
  while ((meta = gst_buffer_iterate_anpr_plate_meta (buffer, &state)))
    plates = g_list_prepend (plates, meta);
  return g_list_reverse (plates);
}

/**
 * gst_anpr_plate_meta_get_text:
 * @meta: a #GstAnprPlateMeta
 *
 * Returns: (transfer none): the best reading (A-Z, 0-9), empty before
 *   reading or when the plate could not be read
 */
const gchar *
gst_anpr_plate_meta_get_text (const GstAnprPlateMeta * meta)
{
  g_return_val_if_fail (meta != NULL, NULL);
  return meta->text;
}

/**
 * gst_anpr_plate_meta_get_region:
 * @meta: a #GstAnprPlateMeta
 *
 * Returns: (transfer none): the region the text was read under ("gb",
 *   "eu", "us"), empty before reading
 */
const gchar *
gst_anpr_plate_meta_get_region (const GstAnprPlateMeta * meta)
{
  g_return_val_if_fail (meta != NULL, NULL);
  return meta->region;
}

/**
 * gst_anpr_plate_meta_get_format:
 * @meta: a #GstAnprPlateMeta
 *
 * Returns: (transfer none): the plate format the text matched (for
 *   example "gb-current"), empty when it matched none
 */
const gchar *
gst_anpr_plate_meta_get_format (const GstAnprPlateMeta * meta)
{
  g_return_val_if_fail (meta != NULL, NULL);
  return meta->format;
}

/**
 * gst_anpr_plate_meta_get_char_confidences:
 * @meta: a #GstAnprPlateMeta
 * @n_chars: (out): the number of characters of the text
 *
 * Returns: (transfer none) (array length=n_chars): the confidence (0..1)
 *   of each character of the text
 */
const gfloat *
gst_anpr_plate_meta_get_char_confidences (const GstAnprPlateMeta * meta,
    guint * n_chars)
{
  g_return_val_if_fail (meta != NULL, NULL);
  g_return_val_if_fail (n_chars != NULL, NULL);
  *n_chars = strlen (meta->text);
  return meta->char_confidence;
}

/**
 * gst_anpr_plate_meta_get_n_candidates:
 * @meta: a #GstAnprPlateMeta
 *
 * Returns: how many readings gst_anpr_plate_meta_get_candidate() gives
 */
guint
gst_anpr_plate_meta_get_n_candidates (const GstAnprPlateMeta * meta)
{
  g_return_val_if_fail (meta != NULL, 0);
  return MIN (meta->n_candidates, GST_ANPR_MAX_CANDIDATES);
}

/**
 * gst_anpr_plate_meta_get_candidate:
 * @meta: a #GstAnprPlateMeta
 * @index: 0 .. gst_anpr_plate_meta_get_n_candidates() - 1, best first
 * @confidence: (out) (optional): the reading's confidence, 0..1
 *
 * Returns: (transfer none) (nullable): the reading at @index (the first
 *   one is the text), %NULL when @index is out of range
 */
const gchar *
gst_anpr_plate_meta_get_candidate (const GstAnprPlateMeta * meta,
    guint index, gfloat * confidence)
{
  g_return_val_if_fail (meta != NULL, NULL);
  if (index >= gst_anpr_plate_meta_get_n_candidates (meta)) {
    if (confidence)
      *confidence = 0.0f;
    return NULL;
  }
  if (confidence)
    *confidence = meta->candidates[index].confidence;
  return meta->candidates[index].text;
}
