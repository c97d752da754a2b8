/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* libFuzzer target: a hotlist file's bytes, as gst_anpr_hotlist_load_data()
 * reads them (tests/fuzz/run.sh).  A list that loads is then looked up
 * with each of its own plates and with text from the input, so that the
 * entries the parser made are the ones the matcher walks. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gst/anpr/anpr.h>

int LLVMFuzzerTestOneInput (const uint8_t * data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t * data, size_t size)
{
  GstAnprHotlist *hl;
  GPtrArray *warnings = NULL;
  GError *error = NULL;
  gchar text[GST_ANPR_MAX_TEXT + 1], *str;
  guint i, n;
  /* before any expiry a file can write, so that every entry is live */
  const gint64 dawn = G_MININT64;

  hl = gst_anpr_hotlist_load_data ((const gchar *) data, (gssize) size,
      "fuzz.csv", &warnings, &error);
  if (!hl) {
    /* a refused list says why */
    if (!error || !error->message)
      abort ();
    g_clear_error (&error);
    g_clear_pointer (&warnings, g_ptr_array_unref);
    return 0;
  }
  if (error)
    abort ();

  n = gst_anpr_hotlist_get_n_entries (hl);
  for (i = 0; i < n && i < 16; i++) {
    const GstAnprHotlistEntry *e = gst_anpr_hotlist_get_entry (hl, i);
    GArray *hits;

    if (!e || !e->plate || !e->listed || !e->source)
      abort ();
    if (strlen (e->plate) > GST_ANPR_HOTLIST_MAX_PLATE)
      abort ();
    if (e->partial || gst_anpr_hotlist_entry_is_expired (e, dawn))
      continue;
    g_strlcpy (text, e->plate, sizeof (text));
    hits = gst_anpr_hotlist_lookup (hl, text, NULL, 0,
        GST_ANPR_HOTLIST_DEFAULT_MAX_DISTANCE, dawn);
    /* a listed plate finds itself (a longer one is cut to a read's size) */
    if (strlen (e->plate) <= GST_ANPR_MAX_TEXT && (!hits || hits->len == 0))
      abort ();
    if (hits)
      g_array_unref (hits);
  }

  /* the input's first characters as a read, with fuzzy matching */
  str = g_strndup ((const gchar *) data, size);
  gst_anpr_plate_normalise (str, text, sizeof (text));
  if (text[0]) {
    const gchar *cands[] = { str, text };
    GArray *hits = gst_anpr_hotlist_lookup (hl, text, cands, 2, 2.0, dawn);

    g_array_unref (hits);
  }
  g_free (str);

  gst_anpr_hotlist_unref (hl);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  return 0;
}
