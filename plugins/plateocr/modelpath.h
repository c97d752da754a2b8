/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Where plateocr finds the models it ships (data/models in the source
 * tree, <datadir>/gst-anpr/models installed). */

#ifndef __PLATE_MODEL_PATH_H__
#define __PLATE_MODEL_PATH_H__

#include <glib.h>

G_BEGIN_DECLS

/* The variable naming a directory that holds models/: the source tree's
 * data/ for tests and uninstalled runs.  When set, it is the only place
 * looked in, so that what runs is the model the caller meant. */
#define PLATE_MODEL_DIR_ENV "GST_ANPR_DATA_DIR"

/* The path of the model @file (a file name in models/), newly allocated,
 * or NULL when there is none.  Looked for in $GST_ANPR_DATA_DIR/models
 * when the variable is set, else in <datadir>/gst-anpr/models found from
 * the directory of the binary this code is linked into (the reader module
 * in <libdir>/gst-anpr, wherever the install was put), else in the
 * configured <prefix>/<datadir>/gst-anpr/models.  @searched, when not
 * NULL, gets the directories looked in (free with g_free). */
gchar *plate_model_find (const gchar * file, gchar ** searched);

G_END_DECLS

#endif /* __PLATE_MODEL_PATH_H__ */
