/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* C interface to the plate reader (platereader.cpp): Tesseract, the
 * character classifier and the whole-plate network voting under the plate
 * rules.  Nothing in here throws: every C++ exception is caught inside. */

#ifndef __PLATE_READER_H__
#define __PLATE_READER_H__

#include <gst/gst.h>
#include <gst/anpr/anpr.h>

#include "plateframe.h"

G_BEGIN_DECLS

typedef struct _PlateReader PlateReader;

/**
 * PlateReading:
 * @n_candidates: how many entries of @candidates are valid (0: unread)
 * @candidates: readings, best first (by summed rank score), each with the
 *   estimated probability that it is right (0..1, see plate_confidence ()
 *   in platevote.cpp: 0.9 and above only for a principal format read as
 *   it is, the best of every view, no character below 0.9)
 * @formats: format name of each candidate ("" when it matched none)
 * @char_confidence: per character confidence of @candidates[0]
 * @raw: the first view's reading with characters (the network's, when it
 *   has a model), before any rules, for debugging
 */
typedef struct
{
  guint n_candidates;
  GstAnprCandidate candidates[GST_ANPR_MAX_CANDIDATES];
  const gchar *formats[GST_ANPR_MAX_CANDIDATES];
  gfloat char_confidence[GST_ANPR_MAX_TEXT];
  gchar raw[64];
} PlateReading;

/* Returns NULL and sets @error (free with g_free) when Tesseract cannot be
 * initialised, for example when @lang.traineddata is missing from
 * @tessdata.  @tessdata NULL uses Tesseract's default directory.  The
 * reader logs in @category (the element's; NULL: GStreamer's default). */
PlateReader *plate_reader_new (const gchar * tessdata, const gchar * lang,
    GstDebugCategory * category, gchar ** error);

void plate_reader_free (PlateReader * reader);

/* The tessdata directory Tesseract actually uses (owned by @reader). */
const gchar *plate_reader_get_datapath (PlateReader * reader);

/* Loads the per-character classifier (charclassifier.h) that votes next to
 * Tesseract; @path NULL or "" drops it.  Returns FALSE and sets @error
 * (free with g_free) when @path is not a usable model. */
gboolean plate_reader_set_char_model (PlateReader * reader,
    const gchar * path, gchar ** error);

/* The model plateocr loads when its char-model property is unset
 * (models/charclass.yml.gz, looked for as modelpath.h says), newly
 * allocated, or NULL when there is none; @searched as plate_model_find ()
 * gives it. */
gchar *plate_reader_default_char_model (gchar ** searched);

/* Loads the whole-plate recogniser (platerec.h, an ONNX network) that
 * votes next to Tesseract; @path NULL or "" drops it.  Returns FALSE and
 * sets @error (free with g_free) when @path is not a usable model. */
gboolean plate_reader_set_plate_model (PlateReader * reader,
    const gchar * path, gchar ** error);

/* The model plateocr loads when its plate-model property is unset
 * (models/platerec.onnx), as plate_reader_default_char_model (). */
gchar *plate_reader_default_plate_model (gchar ** searched);

/* Reads the plate in box @x,@y,@w,@h of @img (clamped to the frame) under
 * @region.  Returns TRUE when something was read; @out is always
 * initialised.  Never throws, never crashes on odd crops. */
gboolean plate_reader_read (PlateReader * reader, const PlateFrame * img,
    gint x, gint y, gint w, gint h, GstAnprRegion region,
    guint max_candidates, PlateReading * out);

/* Whether the whole-plate recogniser alone reads @text in box @x,@y,@w,@h
 * of @img, sure of every character: a check of a settled track's plate
 * at a fraction of a reading's cost.  FALSE without that network, or when
 * in any doubt (then read the box). */
gboolean plate_reader_confirms (PlateReader * reader, const PlateFrame * img,
    gint x, gint y, gint w, gint h, const gchar * text);

G_END_DECLS

#endif /* __PLATE_READER_H__ */
