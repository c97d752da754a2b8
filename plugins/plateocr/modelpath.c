/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* dladdr () */
#endif

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dlfcn.h>

#include "modelpath.h"

/* Directories to look in for @file, in order, and the first that holds
 * it (or NULL). */
static gchar *
plate_model_first (GPtrArray * dirs, const gchar * file, gchar ** searched)
{
  gchar *found = NULL;
  guint i;

  for (i = 0; i < dirs->len && !found; i++) {
    gchar *path = g_build_filename (g_ptr_array_index (dirs, i), file, NULL);

    if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
      found = path;
    else
      g_free (path);
  }
  if (searched) {
    g_ptr_array_add (dirs, NULL);
    *searched = g_strjoinv (", ", (gchar **) dirs->pdata);
  }
  return found;
}

gchar *
plate_model_find (const gchar * file, gchar ** searched)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  const gchar *env = g_getenv (PLATE_MODEL_DIR_ENV);
  gchar *found;

  if (env && env[0]) {
    g_ptr_array_add (dirs, g_build_filename (env, "models", NULL));
  } else {
    Dl_info info;

    /* PLATE_MODEL_RELATIVE_DIR leads from the installed module's directory
     * to the models (meson computes it from libdir and datadir); empty
     * when either is outside the prefix */
    if (PLATE_MODEL_RELATIVE_DIR[0]
        && dladdr ((gpointer) plate_model_find, &info) && info.dli_fname
        && g_path_is_absolute (info.dli_fname)) {
      gchar *dir = g_path_get_dirname (info.dli_fname);
      gchar *rel = g_build_filename (dir, PLATE_MODEL_RELATIVE_DIR, NULL);
      gchar *canon = g_canonicalize_filename (rel, NULL);

      g_ptr_array_add (dirs, canon);
      g_free (rel);
      g_free (dir);
    }
    /* the configured one, unless the module's location already led there */
    if (dirs->len == 0 || g_strcmp0 (g_ptr_array_index (dirs, 0),
            ANPR_DATADIR "/models") != 0)
      g_ptr_array_add (dirs, g_strdup (ANPR_DATADIR "/models"));
  }
  found = plate_model_first (dirs, file, searched);
  g_ptr_array_unref (dirs);
  return found;
}
