/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* What the hotlist tests (hotlist.c, hotlistindex.c) share: a temporary
 * directory per test and loading from text. */

#ifndef __HOTLIST_CHECK_H__
#define __HOTLIST_CHECK_H__

#include <string.h>
#include <glib/gstdio.h>
#include <gst/anpr/anpr.h>

#include "anprcheck.h"

static gchar *tmpdir;

static inline void
setup (void)
{
  anpr_check_fatal_log_domains ();
  tmpdir = g_dir_make_tmp ("anpr-hotlist-XXXXXX", NULL);
  fail_unless (tmpdir != NULL);
}

static inline void
teardown (void)
{
  anpr_check_remove_dir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static inline gchar *
write_file (const gchar * name, const gchar * contents)
{
  gchar *path = g_build_filename (tmpdir, name, NULL);

  fail_unless (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static inline GstAnprHotlist *
load_ok (const gchar * csv, GPtrArray ** warnings)
{
  GError *err = NULL;
  GstAnprHotlist *hl = gst_anpr_hotlist_load_data (csv, -1, "test.csv",
      warnings, &err);

  fail_unless (hl != NULL, "load failed: %s", err ? err->message : "?");
  return hl;
}

/* The one best match, or NULL. */
static inline GArray *
lookup (GstAnprHotlist * hl, const gchar * text, gdouble maxd)
{
  return gst_anpr_hotlist_lookup (hl, text, NULL, 0, maxd, 0);
}

static inline const GstAnprHotlistMatch *
best (GArray * m)
{
  return m->len ? &g_array_index (m, GstAnprHotlistMatch, 0) : NULL;
}

#endif
