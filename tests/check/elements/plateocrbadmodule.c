/* gst-anpr: a plate reader module from another build, for
 * elements/plateocrmodule
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Its table (platereaderapi.h) has no functions, which plateocr must
 * never call: it is of the next version, or with ANPR_BAD_MODULE=size of
 * this version but another size, or with ANPR_BAD_MODULE=null none. */

#include <gmodule.h>

#include "platereaderapi.h"

G_MODULE_EXPORT const PlateReaderApi *plate_reader_module_api (void);

const PlateReaderApi *
plate_reader_module_api (void)
{
  static PlateReaderApi api;
  const gchar *mode = g_getenv ("ANPR_BAD_MODULE");

  api.version = PLATE_READER_API_VERSION + 1;
  api.size = sizeof (PlateReaderApi);
  if (g_strcmp0 (mode, "size") == 0) {
    api.version = PLATE_READER_API_VERSION;
    api.size = sizeof (PlateReaderApi) - sizeof (gpointer);
  } else if (g_strcmp0 (mode, "null") == 0) {
    return NULL;
  }
  return &api;
}
