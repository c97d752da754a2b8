/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* libFuzzer target: the plate rules (tests/fuzz/run.sh).  The first byte
 * picks the region; the rest is a plate as written, given to
 * gst_anpr_plate_normalise(), gst_anpr_plate_match_format() and
 * gst_anpr_plate_correct(), and also, five bytes a position, what a
 * reader saw (the number of alternatives, then characters with the next
 * byte as their confidence), given to gst_anpr_plate_decode_full(). */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gst/anpr/anpr.h>

int LLVMFuzzerTestOneInput (const uint8_t * data, size_t size);

/* a reading is a plate: normalised, of a format of the region */
static void
check_readings (GstAnprRegion region, const GstAnprCandidate * out,
    const gchar ** formats, const gfloat * scores, guint n, guint max_out)
{
  guint i;

  if (n > max_out)
    abort ();
  for (i = 0; i < n; i++) {
    gchar norm[GST_ANPR_MAX_TEXT + 1];

    gst_anpr_plate_normalise (out[i].text, norm, sizeof (norm));
    if (!out[i].text[0] || strcmp (norm, out[i].text) != 0)
      abort ();
    if (!(out[i].confidence >= 0.0f && out[i].confidence <= 1.0f))
      abort ();
    if (!formats[i])
      abort ();
    if (scores && (!(scores[i] >= 0.0f) || (i > 0 && scores[i] > scores[i -
                    1])))
      abort ();
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t * data, size_t size)
{
  GstAnprCharChoice chars[2 * GST_ANPR_MAX_TEXT];
  GstAnprCandidate out[GST_ANPR_MAX_CANDIDATES];
  const gchar *formats[GST_ANPR_MAX_CANDIDATES];
  gfloat scores[GST_ANPR_MAX_CANDIDATES];
  gchar norm[GST_ANPR_MAX_TEXT + 1], again[GST_ANPR_MAX_TEXT + 1];
  GstAnprRegion region;
  const gchar *format;
  gchar *raw;
  guint n, n_chars = 0, max_out;
  size_t pos;

  if (size < 1)
    return 0;
  region = (GstAnprRegion) (data[0] % 4);
  /* a short room now and then, to reach the end of the output array */
  max_out = (data[0] >> 2) % 2 ? 2 : GST_ANPR_MAX_CANDIDATES;
  raw = g_strndup ((const gchar *) data + 1, size - 1);

  gst_anpr_plate_normalise (raw, norm, sizeof (norm));
  gst_anpr_plate_normalise (norm, again, sizeof (again));
  if (strcmp (norm, again) != 0)
    abort ();
  format = gst_anpr_plate_match_format (region, norm);
  gst_anpr_plate_format_is_fallback (format);
  gst_anpr_char_confusion_class (raw[0]);
  gst_anpr_chars_confusable (raw[0], size > 2 ? raw[1] : 0);

  n = gst_anpr_plate_correct (region, raw, out, formats, max_out);
  check_readings (region, out, formats, NULL, n, max_out);
  /* a plate that fits a format as written reads as itself */
  if (format && n == 0)
    abort ();

  for (pos = 1; pos + 5 <= size && n_chars < G_N_ELEMENTS (chars);
      pos += 5, n_chars++) {
    GstAnprCharChoice *c = &chars[n_chars];
    guint k;

    memset (c, 0, sizeof (*c));
    c->n = data[pos] % (GST_ANPR_MAX_CHAR_CHOICES + 2);
    for (k = 0; k < 2; k++) {
      c->ch[k] = (gchar) data[pos + 1 + 2 * k];
      c->conf[k] = data[pos + 2 + 2 * k] / 255.0f;
    }
    for (; k < GST_ANPR_MAX_CHAR_CHOICES; k++) {
      c->ch[k] = c->ch[k - 2] + 1;
      c->conf[k] = c->conf[k - 2] / 2.0f;
    }
  }
  n = gst_anpr_plate_decode_full (region, chars, n_chars, out, formats,
      scores, max_out);
  check_readings (region, out, formats, scores, n, max_out);

  g_free (raw);
  return 0;
}
