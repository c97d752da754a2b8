/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The reader module's one entry point (see platereaderloader.h for why
 * the reader is a module): PLATE_READER_API_SYMBOL returns a table of the
 * reader's functions (platereader.h).  The module fills the table with
 * those functions in C++ (platereadermodule.cpp), where a function whose
 * signature differs from its slot does not compile; the loader checks the
 * version and size at the head of the table before it calls anything, so
 * a module from another build is refused instead of called wrongly. */

#ifndef __PLATE_READER_API_H__
#define __PLATE_READER_API_H__

#include <gst/gst.h>

#include "platereader.h"

G_BEGIN_DECLS

/* Raise it whenever PlateReaderApi or a type it passes changes. */
#define PLATE_READER_API_VERSION 2

/* The name of the module's PlateReaderApiGetFunc. */
#define PLATE_READER_API_SYMBOL "plate_reader_module_api"

typedef struct
{
  /* PLATE_READER_API_VERSION and sizeof (PlateReaderApi) as the module
   * was built: first, where any version has them */
  guint version;
  gsize size;

  PlateReader *(*reader_new) (const gchar * tessdata, const gchar * lang,
      GstDebugCategory * category, gchar ** error);
  void (*reader_free) (PlateReader * reader);
  const gchar *(*get_datapath) (PlateReader * reader);
  gboolean (*set_char_model) (PlateReader * reader, const gchar * path,
      gchar ** error);
  gchar *(*default_char_model) (gchar ** searched);
  gboolean (*set_plate_model) (PlateReader * reader, const gchar * path,
      gchar ** error);
  gchar *(*default_plate_model) (gchar ** searched);
  gboolean (*read) (PlateReader * reader, const PlateFrame * img,
      gint x, gint y, gint w, gint h, GstAnprRegion region,
      guint max_candidates, PlateReading * out);
  gboolean (*confirms) (PlateReader * reader, const PlateFrame * img,
      gint x, gint y, gint w, gint h, const gchar * text);
} PlateReaderApi;

typedef const PlateReaderApi *(*PlateReaderApiGetFunc) (void);

G_END_DECLS

#endif /* __PLATE_READER_API_H__ */
