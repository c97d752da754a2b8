/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef __GST_ANPR_PLATE_RULES_H__
#define __GST_ANPR_PLATE_RULES_H__

#include <glib-object.h>
#include <gst/gst.h>
#include <gst/anpr/anprplatemeta.h>

G_BEGIN_DECLS

/**
 * GstAnprRegion:
 * @GST_ANPR_REGION_GB: Great Britain and Northern Ireland
 * @GST_ANPR_REGION_EU: continental Europe
 * @GST_ANPR_REGION_US: United States
 * @GST_ANPR_REGION_AUTO: GB formats first, then the generic ones
 *
 * Which plate rules a reading is decoded under.
 */
typedef enum
{
  GST_ANPR_REGION_GB,
  GST_ANPR_REGION_EU,
  GST_ANPR_REGION_US,
  GST_ANPR_REGION_AUTO,
} GstAnprRegion;

#define GST_ANPR_TYPE_REGION (gst_anpr_region_get_type ())
GST_API_EXPORT
GType gst_anpr_region_get_type (void);

GST_API_EXPORT
const gchar *gst_anpr_region_to_string (GstAnprRegion region);

GST_API_EXPORT
gboolean gst_anpr_region_from_string (const gchar * str,
    GstAnprRegion * region);

/* Most alternatives the reader may offer for one character position. */
#define GST_ANPR_MAX_CHAR_CHOICES 4

/**
 * GstAnprCharChoice:
 * @n: number of valid alternatives
 * @ch: alternatives (A-Z, 0-9), best first
 * @conf: their confidences, 0..1
 *
 * What the reader saw at one character position of a plate.
 */
typedef struct
{
  guint n;
  gchar ch[GST_ANPR_MAX_CHAR_CHOICES];
  gfloat conf[GST_ANPR_MAX_CHAR_CHOICES];
} GstAnprCharChoice;

GST_API_EXPORT
void gst_anpr_plate_normalise (const gchar * text, gchar * out, gsize out_len);

GST_API_EXPORT
gchar gst_anpr_char_confusion_class (gchar c);

GST_API_EXPORT
gboolean gst_anpr_chars_confusable (gchar a, gchar b);

GST_API_EXPORT
const gchar *gst_anpr_plate_match_format (GstAnprRegion region,
    const gchar * text);

GST_API_EXPORT
guint gst_anpr_plate_decode (GstAnprRegion region,
    const GstAnprCharChoice * chars, guint n_chars,
    GstAnprCandidate * out, const gchar ** out_formats, guint max_out);

GST_API_EXPORT
guint gst_anpr_plate_decode_full (GstAnprRegion region,
    const GstAnprCharChoice * chars, guint n_chars,
    GstAnprCandidate * out, const gchar ** out_formats, gfloat * out_scores,
    guint max_out);

GST_API_EXPORT
gboolean gst_anpr_plate_format_is_fallback (const gchar * format);

GST_API_EXPORT
guint gst_anpr_plate_correct (GstAnprRegion region, const gchar * raw,
    GstAnprCandidate * out, const gchar ** out_formats, guint max_out);

G_END_DECLS

#endif /* __GST_ANPR_PLATE_RULES_H__ */
