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

/* ---- tests that need material -------------------------------------------
 *
 * A test that needs what a build or a machine may lack (the generated
 * samples, ../shared/data, a program) is registered only when it is there;
 * otherwise a SKIP line says why, as upstream's zbar test does when its
 * plugin is missing.  An executable in which nothing ran and something was
 * skipped exits 77, which meson counts as skipped, not passed: tests/
 * meson.build runs such tests as meson tests of their own (GST_CHECKS) so
 * that they are counted one by one. */

static guint anpr_check_n_skipped;

/* Whether @name is in the comma-separated GST_CHECKS-style list @list. */
static inline gboolean
anpr_check_name_listed (const gchar * list, const gchar * name)
{
  gchar **names = g_strsplit (list, ",", -1);
  gboolean found = FALSE;
  guint i;

  for (i = 0; names[i] && !found; i++)
    found = g_pattern_match_simple (g_strstrip (names[i]), name);
  g_strfreev (names);
  return found;
}

/* Reports @test as skipped because @why, unless GST_CHECKS or
 * GST_CHECKS_IGNORE leaves it out anyway. */
static inline void
anpr_check_skip (const gchar * test, const gchar * why)
{
  const gchar *only = g_getenv ("GST_CHECKS");
  const gchar *ignore = g_getenv ("GST_CHECKS_IGNORE");

  if ((only && !anpr_check_name_listed (only, test))
      || (ignore && anpr_check_name_listed (ignore, test)))
    return;
  g_print ("SKIP: %s: %s\n", test, why);
  anpr_check_n_skipped++;
}

/* Reports every test of a suite skipped because @why (freed), when none
 * of them can run (the suite then adds none). */
static inline gboolean
anpr_check_skip_suite (const gchar * suite, gchar * why)
{
  if (!why)
    return FALSE;
  g_print ("SKIP: %s: %s\n", suite, why);
  anpr_check_n_skipped++;
  g_free (why);
  return TRUE;
}

/* Adds @test to @tc when @why (a reason, or NULL when nothing is missing)
 * is NULL; reports it skipped otherwise.  @why is freed. */
#define ANPR_CHECK_ADD_TEST_UNLESS(tc, test, why) G_STMT_START {            \
  gchar *anpr_why_ = (why);                                                 \
  if (anpr_why_)                                                            \
    anpr_check_skip (G_STRINGIFY (test), anpr_why_);                        \
  else                                                                      \
    tcase_add_test (tc, test);                                              \
  g_free (anpr_why_);                                                       \
} G_STMT_END

/* GST_CHECK_MAIN, but an executable that ran nothing because its tests'
 * material is missing exits 77 (meson: skipped), and arguments
 * GST_CHECKS=... and GST_CHECKS_IGNORE=... select tests as those
 * variables do (meson test passes arguments more easily than a changed
 * environment). */
#define ANPR_CHECK_MAIN(name)                                               \
int                                                                         \
main (int argc, char **argv)                                                \
{                                                                           \
  Suite *s;                                                                 \
  SRunner *sr;                                                              \
  int failed, run, i;                                                       \
                                                                            \
  for (i = 1; i < argc; i++)                                                \
    if (g_str_has_prefix (argv[i], "GST_CHECKS=")                           \
        || g_str_has_prefix (argv[i], "GST_CHECKS_IGNORE=")) {              \
      gchar **kv = g_strsplit (argv[i], "=", 2);                            \
      g_setenv (kv[0], kv[1], TRUE);                                        \
      g_strfreev (kv);                                                      \
    }                                                                       \
  gst_check_init (&argc, &argv);                                            \
  s = name ## _suite ();                                                    \
  sr = srunner_create (s);                                                  \
  srunner_run_all (sr, CK_NORMAL);                                          \
  failed = srunner_ntests_failed (sr);                                      \
  run = srunner_ntests_run (sr);                                            \
  srunner_free (sr);                                                        \
  if (failed == 0 && run == 0 && anpr_check_n_skipped > 0)                  \
    return 77;                                                              \
  return failed == 0 ? 0 : 1;                                               \
}

/* NULL when the file or directory named by environment variable @var
 * exists, else why not (free with g_free): the generated sample material
 * tests/meson.build makes with anpr-synth when the tools are built. */
static inline gchar *
anpr_check_missing_env_path (const gchar * var)
{
  const gchar *path = g_getenv (var);

  if (!path)
    return g_strdup_printf ("%s not set (built without anpr-synth, "
        "-Dtools=disabled or no cairo)", var);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return g_strdup_printf ("%s=%s does not exist", var, path);
  return NULL;
}

/* NULL when every program named (NULL-terminated) is on PATH or in
 * /usr/sbin, else which is not. */
static inline gchar *
anpr_check_missing_programs (const gchar * program, ...)
{
  gchar *why = NULL;
  va_list args;

  va_start (args, program);
  for (; program && !why; program = va_arg (args, const gchar *)) {
    gchar *exe = g_find_program_in_path (program);
    gchar *sbin = g_build_filename ("/usr/sbin", program, NULL);

    if (!exe && !g_file_test (sbin, G_FILE_TEST_IS_EXECUTABLE))
      why = g_strdup_printf ("%s is not installed", program);
    g_free (exe);
    g_free (sbin);
  }
  va_end (args);
  return why;
}

/* Path of one shared evaluation set, or NULL when it is absent (a clone
 * outside CI): tests that need it are not registered
 * (anpr_check_missing_shared_data). */
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

/* NULL when the shared evaluation set @set is there, else why not. */
static inline gchar *
anpr_check_missing_shared_data (const gchar * set)
{
  gchar *dir = anpr_check_shared_data (set);

  if (dir) {
    g_free (dir);
    return NULL;
  }
  return g_strdup_printf ("no %s in ANPR_SHARED_DATA (../shared/data is "
      "absent outside CI)", set);
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

/* gst_parse_launch () that fails the test on any error, also one it
 * recovers from: with an element missing (a plugin that did not load) it
 * still gives a pipeline, which would then wait for data that never
 * comes until the test's timeout. */
static inline GstElement *
anpr_check_parse_launch (const gchar * desc)
{
  GError *err = NULL;
  GstElement *pipe = gst_parse_launch (desc, &err);

  fail_unless (pipe != NULL && err == NULL, "%s: %s", desc,
      err ? err->message : "no pipeline");
  return pipe;
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
