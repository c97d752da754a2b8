/* gst-anpr test helpers */
#ifndef __ANPR_CHECK_H__
#define __ANPR_CHECK_H__

#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>

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

#endif
