/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The plate reader (platereader.h) lives in a private module of its own,
 * libgstplateocr-reader.so, because it links Tesseract and so libgomp.
 * libgomp reads OMP_THREAD_LIMIT and OMP_WAIT_POLICY once, when it is
 * loaded; with the defaults its spinning worker threads fight the
 * pipeline's on small machines (3x slower on 2 cores).  Loading the reader
 * only when an element starts lets us set those variables first. */

#ifndef __PLATE_READER_LOADER_H__
#define __PLATE_READER_LOADER_H__

#include <gst/gst.h>

#include "platereaderapi.h"

G_BEGIN_DECLS

/* Loads the reader module once per process (it is never unloaded) and
 * returns its functions, or NULL with @error set (free with g_free): also
 * when the module's table is of another PLATE_READER_API_VERSION or size
 * (a module from another build), which is then not called.  When
 * libgomp was already loaded by someone else, without OMP_THREAD_LIMIT, a
 * warning is posted on @element, once per process. */
const PlateReaderApi *plate_reader_api_get (GstElement * element,
    gchar ** error);

G_END_DECLS

#endif /* __PLATE_READER_LOADER_H__ */
