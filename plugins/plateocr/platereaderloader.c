/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* dladdr (), RTLD_NOLOAD */
#endif

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dlfcn.h>

#include "platereaderloader.h"

GST_DEBUG_CATEGORY_EXTERN (gst_plate_ocr_debug);
#define GST_CAT_DEFAULT gst_plate_ocr_debug

#define READER_MODULE "libgstplateocr-reader.so"

static GMutex api_lock;
static const PlateReaderApi *api;
static gboolean gomp_warned;

/* Where the module is: next to the plugin in the build tree, in
 * <libdir>/gst-anpr next to <libdir>/gstreamer-1.0 once installed (also
 * when installed under a DESTDIR or moved), and where meson installed it. */
static gchar **
plate_reader_module_candidates (void)
{
  GPtrArray *paths = g_ptr_array_new ();
  Dl_info info;

  if (dladdr ((gpointer) plate_reader_module_candidates, &info)
      && info.dli_fname && g_path_is_absolute (info.dli_fname)) {
    gchar *dir = g_path_get_dirname (info.dli_fname);

    g_ptr_array_add (paths, g_build_filename (dir, READER_MODULE, NULL));
    g_ptr_array_add (paths, g_build_filename (dir, "..", "gst-anpr",
            READER_MODULE, NULL));
    g_free (dir);
  }
  g_ptr_array_add (paths, g_build_filename (PLATEOCR_READER_DIR,
          READER_MODULE, NULL));
  g_ptr_array_add (paths, NULL);
  return (gchar **) g_ptr_array_free (paths, FALSE);
}

/* The table of the module at @path (opened as @handle), or NULL with what
 * is wrong appended to @tried: no entry point, or a table of another
 * version or size, which is not used. */
static const PlateReaderApi *
plate_reader_module_table (gpointer handle, const gchar * path,
    GString * tried)
{
  PlateReaderApiGetFunc get_api;
  const PlateReaderApi *table;

  get_api = (PlateReaderApiGetFunc) dlsym (handle, PLATE_READER_API_SYMBOL);
  if (!get_api) {
    g_string_append_printf (tried, "%s%s: no %s () (%s): not a plate reader "
        "module of this version", tried->len ? "; " : "", path,
        PLATE_READER_API_SYMBOL, dlerror ());
    return NULL;
  }
  table = get_api ();
  if (!table || table->version != PLATE_READER_API_VERSION
      || table->size != sizeof (PlateReaderApi)) {
    g_string_append_printf (tried, "%s%s: reader module interface version "
        "%u (table of %" G_GSIZE_FORMAT " bytes), plateocr needs version %u "
        "(%" G_GSIZE_FORMAT " bytes): the module and the plugin come from "
        "different builds; reinstall them together", tried->len ? "; " : "",
        path, table ? table->version : 0, table ? table->size : 0,
        PLATE_READER_API_VERSION, sizeof (PlateReaderApi));
    return NULL;
  }
  return table;
}

/* Opens the first of the candidate modules that loads and returns its
 * table, or NULL with @error set. */
static const PlateReaderApi *
plate_reader_module_open (GstElement * element, gchar ** error)
{
  gchar **paths = plate_reader_module_candidates ();
  GString *tried = g_string_new (NULL);
  const PlateReaderApi *table = NULL;
  guint i;

  for (i = 0; paths[i]; i++) {
    gpointer handle;

    if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR)) {
      g_string_append_printf (tried, "%s%s: not found", tried->len ? "; " :
          "", paths[i]);
      continue;
    }
    /* never dlclose()d, not even when refused: libgomp and Tesseract do
     * not unload cleanly */
    handle = dlopen (paths[i], RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      g_string_append_printf (tried, "%s%s", tried->len ? "; " : "",
          dlerror ());
      continue;
    }
    /* the first module that loads is the one: a refused one is reported,
     * not passed over for another install's */
    table = plate_reader_module_table (handle, paths[i], tried);
    if (table)
      GST_INFO_OBJECT (element, "plate reader module: %s", paths[i]);
    break;
  }
  g_strfreev (paths);

  if (table)
    g_string_free (tried, TRUE);
  else
    *error = g_string_free (tried, FALSE);
  return table;
}

const PlateReaderApi *
plate_reader_api_get (GstElement * element, gchar ** error)
{
  const PlateReaderApi *ret;

  g_mutex_lock (&api_lock);
  if (!api) {
    gboolean gomp_loaded;
    gpointer gomp = dlopen ("libgomp.so.1", RTLD_LAZY | RTLD_NOLOAD);

    gomp_loaded = gomp != NULL;
    if (gomp)
      dlclose (gomp);           /* only drops the reference NOLOAD took */

    if (!gomp_loaded) {
      /* libgomp reads these once, when the reader module loads it; a
       * value the user set wins */
      g_setenv ("OMP_THREAD_LIMIT", "1", FALSE);
      g_setenv ("OMP_WAIT_POLICY", "passive", FALSE);
    } else if (!g_getenv ("OMP_THREAD_LIMIT") && !gomp_warned) {
      gomp_warned = TRUE;
      GST_ELEMENT_WARNING (element, CORE, FAILED,
          ("OpenMP (libgomp) was loaded before plateocr could configure "
              "it; reading will be slower. Set OMP_THREAD_LIMIT=1 in the "
              "environment."),
          ("libgomp.so.1 is already loaded: its OMP_THREAD_LIMIT and "
              "OMP_WAIT_POLICY can no longer be set, and Tesseract's "
              "spinning OpenMP threads compete with the pipeline's"));
    }

    api = plate_reader_module_open (element, error);
  } else {
    GST_DEBUG_OBJECT (element, "plate reader module already loaded");
  }
  ret = api;
  g_mutex_unlock (&api_lock);

  return ret;
}
