/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Where plateocr finds the models it ships (data/models): installed
 * first, else the source tree's (uninstalled builds).  Needs config.h. */

#ifndef __PLATE_MODEL_PATH_H__
#define __PLATE_MODEL_PATH_H__

#include <glib.h>

/* The first of the installed and the source tree's @file that exists,
 * NULL when neither does.  @file must be a string literal. */
#define PLATE_MODEL_FIND(file) \
  plate_model_first_existing (ANPR_DATADIR "/models/" file, \
      ANPR_SOURCE_DATADIR "/models/" file)

static inline const gchar *
plate_model_first_existing (const gchar * installed, const gchar * source)
{
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return installed;
  if (g_file_test (source, G_FILE_TEST_IS_REGULAR))
    return source;
  return NULL;
}

#endif /* __PLATE_MODEL_PATH_H__ */
