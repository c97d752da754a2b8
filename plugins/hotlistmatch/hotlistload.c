/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The hotlist: the first load at start, live reloads (setting the
 * hotlist property, or the watch thread noticing that the files changed),
 * and retiring the lists swapped out while the streaming thread held them. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/stat.h>
#include <glib/gstdio.h>

#include "hotlistload.h"

#define GST_CAT_DEFAULT gst_hotlist_match_debug

/* Malformed hotlist lines reported one by one, at most. */
#define MAX_LOAD_WARNINGS 20

static void
post_load_warnings (GstHotlistMatch * self, GPtrArray * warnings)
{
  guint i;

  if (!warnings)
    return;
  for (i = 0; i < warnings->len && i < MAX_LOAD_WARNINGS; i++) {
    const gchar *w = g_ptr_array_index (warnings, i);
    GST_ELEMENT_WARNING (self, RESOURCE, READ, ("%s", w),
        ("hotlist line skipped or repaired"));
  }
  if (warnings->len > MAX_LOAD_WARNINGS)
    GST_ELEMENT_WARNING (self, RESOURCE, READ,
        ("%u more hotlist warnings (lines skipped or repaired)",
            warnings->len - MAX_LOAD_WARNINGS), (NULL));
}

/* Loads the files named in @paths (NULL or empty: no hotlist).  On failure
 * posts an error (@fatal) or a warning and returns FALSE.  @n_warnings:
 * lines skipped. */
static gboolean
load_hotlist (GstHotlistMatch * self, const gchar * paths, gboolean fatal,
    GstAnprHotlist ** out, guint * n_warnings)
{
  gchar **files, *encoding;
  GPtrArray *warnings = NULL;
  GError *err = NULL;
  GstAnprHotlist *hl;
  gint64 t0 = g_get_monotonic_time ();

  *out = NULL;
  *n_warnings = 0;
  files = gst_anpr_hotlist_split_paths (paths);
  if (!files[0]) {
    GST_INFO_OBJECT (self, "no hotlist set: nothing will match");
    g_strfreev (files);
    return TRUE;
  }

  GST_OBJECT_LOCK (self);
  encoding = g_strdup (self->hotlist_encoding);
  GST_OBJECT_UNLOCK (self);
  hl = gst_anpr_hotlist_load_files_full ((const gchar * const *) files,
      encoding, &warnings, &err);
  g_strfreev (files);
  g_free (encoding);
  if (!hl) {
    gboolean missing = g_error_matches (err, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    if (fatal) {
      if (missing)
        GST_ELEMENT_ERROR (self, RESOURCE, NOT_FOUND,
            ("Could not load hotlist: %s", err->message), (NULL));
      else
        GST_ELEMENT_ERROR (self, RESOURCE, READ,
            ("Could not load hotlist: %s", err->message), (NULL));
    } else {
      GST_ELEMENT_WARNING (self, RESOURCE, READ,
          ("Could not reload hotlist, keeping the previous one: %s",
              err->message), (NULL));
    }
    g_clear_error (&err);
    if (warnings)
      g_ptr_array_unref (warnings);
    return FALSE;
  }
  post_load_warnings (self, warnings);
  *n_warnings = warnings ? warnings->len : 0;
  GST_INFO_OBJECT (self, "loaded hotlist %s in %.3f s: %u entries, %u lines "
      "skipped", paths, (g_get_monotonic_time () - t0) / 1e6,
      gst_anpr_hotlist_get_n_entries (hl), *n_warnings);
  if (warnings)
    g_ptr_array_unref (warnings);
  *out = hl;
  return TRUE;
}

/* ---- hotlist reloading ------------------------------------------------- */

/* What the files named in @paths look like on disk: device, inode, size
 * and modification time of each ("-" when missing).  An edit changes it,
 * and so does an atomic rename (a new inode) even within the same
 * second.  NULL when no file is named. */
static gchar *
hotlist_files_signature (const gchar * paths)
{
  gchar **files = gst_anpr_hotlist_split_paths (paths);
  GString *sig;
  guint i;

  if (!files[0]) {
    g_strfreev (files);
    return NULL;
  }
  sig = g_string_new (NULL);
  for (i = 0; files[i]; i++) {
    GStatBuf st;

    if (g_stat (files[i], &st) != 0) {
      g_string_append (sig, "-;");
      continue;
    }
    g_string_append_printf (sig, "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT
        ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ".%09ld;",
        (guint64) st.st_dev, (guint64) st.st_ino, (gint64) st.st_size,
        (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
  }
  g_strfreev (files);
  return g_string_free (sig, FALSE);
}

/* Posts `anpr-hotlist-loaded` after a successful (re)load. */
static void
post_hotlist_loaded (GstHotlistMatch * self, guint n_entries,
    const gchar * paths, guint n_warnings, gboolean reload)
{
  gchar **files = gst_anpr_hotlist_split_paths (paths);
  GstStructure *s;

  s = gst_structure_new ("anpr-hotlist-loaded",
      "source", G_TYPE_STRING, "file",
      "entries", G_TYPE_UINT, n_entries,
      "files", G_TYPE_UINT, g_strv_length (files),
      "hotlist", G_TYPE_STRING, paths,
      "warnings", G_TYPE_UINT, n_warnings,
      "reload", G_TYPE_BOOLEAN, reload, NULL);
  g_strfreev (files);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* Releases every hotlist the streaming thread handed back. */
void
gst_hotlist_match_drain_retired (GstHotlistMatch * self)
{
  GSList *l;

  GST_OBJECT_LOCK (self);
  l = self->retired;
  self->retired = NULL;
  GST_OBJECT_UNLOCK (self);
  g_slist_free_full (l, (GDestroyNotify) gst_anpr_hotlist_unref);
}

/* The streaming thread's way to drop its reference to @hl: the last
 * reference of a swapped-out list (possibly a million entries to free)
 * goes to the watch thread or the next reload, never frees here. */
void
gst_hotlist_match_release_hotlist (GstHotlistMatch * self, GstAnprHotlist * hl)
{
  if (!hl)
    return;
  GST_OBJECT_LOCK (self);
  if (hl == self->hotlist || hl == self->remote_hotlist)
    gst_anpr_hotlist_unref (hl);        /* the element keeps one */
  else
    self->retired = g_slist_prepend (self->retired, hl);
  GST_OBJECT_UNLOCK (self);
}

/* Loads @paths (generation @gen, files then looking like @sig) and, unless
 * the hotlist property changed meanwhile, makes it the current list.
 * Either way @sig is remembered, so a broken file is reported once, not at
 * every poll.  Runs in the application's thread or the watch thread. */
static void
reload_hotlist_gen (GstHotlistMatch * self, const gchar * paths, guint gen,
    gchar * sig)
{
  GstAnprHotlist *hl = NULL, *old = NULL;
  gboolean loaded, current;
  guint n_warnings = 0, n_entries;

  loaded = load_hotlist (self, paths, FALSE, &hl, &n_warnings);
  n_entries = hl ? gst_anpr_hotlist_get_n_entries (hl) : 0;
  GST_OBJECT_LOCK (self);
  current = gen == self->hotlist_gen && self->started;
  if (current) {
    g_free (self->loaded_sig);
    self->loaded_sig = sig;
    self->loaded_gen = gen;
    sig = NULL;
    if (loaded) {
      old = self->hotlist;
      self->hotlist = hl;
      hl = NULL;
    }
  }
  GST_OBJECT_UNLOCK (self);
  if (current && loaded)
    post_hotlist_loaded (self, n_entries, paths, n_warnings, TRUE);
  if (old)
    gst_anpr_hotlist_unref (old);
  if (hl)
    gst_anpr_hotlist_unref (hl);
  g_free (sig);
  gst_hotlist_match_drain_retired (self);
}

void
gst_hotlist_match_set_hotlist (GstHotlistMatch * self, const gchar * paths)
{
  gboolean started;
  gchar *p;
  guint gen;

  GST_OBJECT_LOCK (self);
  g_free (self->hotlist_path);
  self->hotlist_path = g_strdup (paths);
  started = self->started;
  p = g_strdup (self->hotlist_path);
  gen = ++self->hotlist_gen;
  GST_OBJECT_UNLOCK (self);
  /* live reload, in the caller's thread, never the streaming one */
  if (started)
    reload_hotlist_gen (self, p, gen, hotlist_files_signature (p));
  g_free (p);
}

/* One poll: reloads when the files changed since the last load and have
 * stayed the same for a short while (a file written in place is loaded
 * once its writer is done). */
static void
watch_poll (GstHotlistMatch * self)
{
  gchar *paths, *known, *sig, *again;
  guint gen;

  GST_OBJECT_LOCK (self);
  paths = g_strdup (self->hotlist_path);
  gen = self->hotlist_gen;
  known = self->loaded_gen == gen ? g_strdup (self->loaded_sig) : NULL;
  GST_OBJECT_UNLOCK (self);

  sig = hotlist_files_signature (paths);
  if (!sig || g_strcmp0 (sig, known) == 0)
    goto done;
  g_usleep (50 * G_TIME_SPAN_MILLISECOND);
  again = hotlist_files_signature (paths);
  if (g_strcmp0 (sig, again) != 0) {
    GST_DEBUG_OBJECT (self, "hotlist files still changing");
    g_free (again);
    goto done;
  }
  g_free (again);
  GST_INFO_OBJECT (self, "hotlist files changed, reloading %s", paths);
  reload_hotlist_gen (self, paths, gen, sig);
  sig = NULL;

done:
  g_free (sig);
  g_free (known);
  g_free (paths);
}

static gpointer
watch_thread_func (gpointer data)
{
  GstHotlistMatch *self = data;
  gint64 interval;

  GST_OBJECT_LOCK (self);
  interval = (gint64) (self->reload_interval * G_TIME_SPAN_SECOND);
  GST_OBJECT_UNLOCK (self);

  g_mutex_lock (&self->watch_lock);
  while (!self->watch_stop) {
    gint64 until = g_get_monotonic_time () + interval;

    while (!self->watch_stop &&
        g_cond_wait_until (&self->watch_cond, &self->watch_lock, until));
    if (self->watch_stop)
      break;
    g_mutex_unlock (&self->watch_lock);
    gst_hotlist_match_drain_retired (self);
    watch_poll (self);
    g_mutex_lock (&self->watch_lock);
  }
  g_mutex_unlock (&self->watch_lock);
  return NULL;
}

/* The first load, at start: fails the start when a file cannot be
 * loaded, remembers the state of the files it read. */
gboolean
gst_hotlist_match_load_first (GstHotlistMatch * self, const gchar * paths,
    GstAnprHotlist ** out)
{
  gchar *sig = hotlist_files_signature (paths);
  guint gen, n_warnings = 0;

  GST_OBJECT_LOCK (self);
  gen = self->hotlist_gen;
  GST_OBJECT_UNLOCK (self);
  if (!load_hotlist (self, paths, TRUE, out, &n_warnings)) {
    g_free (sig);
    return FALSE;
  }
  GST_OBJECT_LOCK (self);
  g_free (self->loaded_sig);
  self->loaded_sig = sig;
  self->loaded_gen = gen;
  GST_OBJECT_UNLOCK (self);
  if (*out)
    post_hotlist_loaded (self, gst_anpr_hotlist_get_n_entries (*out), paths,
        n_warnings, FALSE);
  return TRUE;
}

/* Starts watching the hotlist files, when reload-interval is set. */
void
gst_hotlist_match_watch_start (GstHotlistMatch * self)
{
  gboolean watch;

  GST_OBJECT_LOCK (self);
  watch = self->reload_interval > 0.0;
  GST_OBJECT_UNLOCK (self);
  if (!watch || self->watch_thread)
    return;
  self->watch_stop = FALSE;
  self->watch_thread = g_thread_new ("hotlistwatch", watch_thread_func, self);
}

void
gst_hotlist_match_watch_stop (GstHotlistMatch * self)
{
  if (self->watch_thread) {
    g_mutex_lock (&self->watch_lock);
    self->watch_stop = TRUE;
    g_cond_signal (&self->watch_cond);
    g_mutex_unlock (&self->watch_lock);
    g_thread_join (self->watch_thread);
    self->watch_thread = NULL;
  }
  gst_hotlist_match_drain_retired (self);
}
