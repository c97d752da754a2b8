/* gst-anpr test helpers */
#ifndef __ANPR_CHECK_H__
#define __ANPR_CHECK_H__

#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <glib/gstdio.h>
#include <gst/anpr/anpr.h>

/* gstcheck only turns criticals from GStreamer's own log domains into
 * failures: make criticals and warnings from ours fatal as well. */
static inline void
anpr_check_fatal_log_domains (void)
{
  static const gchar *domains[] = { "GstAnpr", "GstPlateDetect",
    "GstPlateOcr", "GstHotlistMatch", "AnprTest", NULL
  };
  guint i;

  for (i = 0; domains[i]; i++)
    g_log_set_fatal_mask (domains[i],
        G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
}

/* Path of one shared evaluation set, or NULL when it is absent (a clone
 * outside CI): tests that need it skip. */
static inline gchar *
anpr_check_shared_data (const gchar * set)
{
  const gchar *root = g_getenv ("ANPR_SHARED_DATA");
  gchar *truth;
  gboolean ok;

  if (!root)
    return NULL;
  truth = g_build_filename (root, set, "truth.tsv", NULL);
  ok = g_file_test (truth, G_FILE_TEST_EXISTS);
  g_free (truth);
  return ok ? g_build_filename (root, set, NULL) : NULL;
}

/* Pops every message waiting on @bus; returns how many were of @type. */
static inline guint
anpr_check_drain_bus (GstBus * bus, GstMessageType type)
{
  GstMessage *m;
  guint n = 0;

  while ((m = gst_bus_pop (bus))) {
    if (GST_MESSAGE_TYPE (m) == type)
      n++;
    gst_message_unref (m);
  }
  return n;
}

/* Removes a flat temporary directory and the files in it. */
static inline void
anpr_check_remove_dir (const gchar * path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const gchar *name;

  while (dir && (name = g_dir_read_name (dir))) {
    gchar *p = g_build_filename (path, name, NULL);
    g_unlink (p);
    g_free (p);
  }
  if (dir)
    g_dir_close (dir);
  g_rmdir (path);
}

/* The plates in the first column of a truth TSV or hotlist CSV (after its
 * header), normalised, as a set. */
static inline GHashTable *
anpr_check_load_plates (const gchar * path, const gchar * sep)
{
  GHashTable *plates = g_hash_table_new_full (g_str_hash, g_str_equal,
      g_free, NULL);
  gchar *contents, **lines;
  guint i;

  fail_unless (g_file_get_contents (path, &contents, NULL, NULL),
      "cannot read %s", path);
  lines = g_strsplit (contents, "\n", -1);
  for (i = 1; lines[i]; i++) {
    gchar **f = g_strsplit (lines[i], sep, 2);
    gchar norm[GST_ANPR_MAX_TEXT + 1];

    gst_anpr_plate_normalise (f[0], norm, sizeof (norm));
    if (norm[0])
      g_hash_table_add (plates, g_strdup (norm));
    g_strfreev (f);
  }
  g_strfreev (lines);
  g_free (contents);
  return plates;
}

#endif
