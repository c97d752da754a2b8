/* gst-anpr: how plateocr finds its reader module and models
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* A reader module of another interface version is refused with an error
 * that says so; a missing default model is a warning, and reading goes
 * on without it. */

#include <string.h>

#include "anprcheck.h"
#include <gst/anpr/anpr.h>

#include "plateocrframe.h"

static void
setup (void)
{
  anpr_check_fatal_log_domains ();
}

/* Copies @from to @to. */
static void
copy_file (const gchar * from, const gchar * to)
{
  gchar *data = NULL;
  gsize len = 0;
  GError *err = NULL;

  fail_unless (g_file_get_contents (from, &data, &len, &err), "%s: %s", from,
      err ? err->message : "");
  fail_unless (g_file_set_contents (to, data, (gssize) len, &err), "%s: %s",
      to, err ? err->message : "");
  g_free (data);
}

/* Runs a pipeline through plateocr in a process that finds the plugin in
 * @dir (where the reader module sits next to it), with ANPR_BAD_MODULE set
 * to @mode; returns what it printed, having checked that it failed. */
static gchar *
run_plateocr_from (const gchar * dir, const gchar * mode)
{
  GstPlugin *core = gst_registry_find_plugin (gst_registry_get (),
      "coreelements");
  gchar *system_dir, *registry, *out = NULL, *err = NULL, *both;
  gchar **env = g_get_environ ();
  gchar *argv[] = { (gchar *) "gst-launch-1.0", (gchar *) "videotestsrc",
    (gchar *) "num-buffers=1", (gchar *) "!",
    (gchar *) "video/x-raw,format=GRAY8,width=64,height=48", (gchar *) "!",
    (gchar *) "plateocr", (gchar *) "!", (gchar *) "fakesink", NULL
  };
  gint status = 0;

  fail_unless (core != NULL);
  system_dir = g_path_get_dirname (gst_plugin_get_filename (core));
  gst_object_unref (core);
  registry = g_build_filename (dir, "registry.bin", NULL);
  env = g_environ_setenv (env, "GST_PLUGIN_PATH_1_0", dir, TRUE);
  env = g_environ_setenv (env, "GST_PLUGIN_SYSTEM_PATH_1_0", system_dir,
      TRUE);
  env = g_environ_setenv (env, "GST_REGISTRY_1_0", registry, TRUE);
  env = g_environ_setenv (env, "ANPR_BAD_MODULE", mode, TRUE);
  /* under `meson test --setup asan` the system's gst-launch-1.0 needs
   * ASan's runtime to load the instrumented plugin; its own leaks are not
   * the plugin's */
  if (g_getenv ("ANPR_ASAN_RUNTIME")) {
    env = g_environ_setenv (env, "LD_PRELOAD", g_getenv ("ANPR_ASAN_RUNTIME"),
        TRUE);
    env = g_environ_setenv (env, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  }
  fail_unless (g_spawn_sync (NULL, argv, env, G_SPAWN_SEARCH_PATH, NULL,
          NULL, &out, &err, &status, NULL));
  both = g_strconcat (out, err, NULL);
  fail_if (g_spawn_check_wait_status (status, NULL), "%s", both);

  g_free (out);
  g_free (err);
  g_free (registry);
  g_free (system_dir);
  g_strfreev (env);
  return both;
}

/* The plugin next to a reader module whose table is of another version
 * or size, or missing: the element fails to start, saying so, and never
 * calls into the module. */
GST_START_TEST (test_module_version_refused)
{
  const gchar *build = g_getenv ("ANPR_BUILD_ROOT");
  const gchar *modes[] = { "version", "size", "null" };
  gchar *dir, *from, *to, *launch;
  guint i;

  fail_unless (build != NULL);
  launch = g_find_program_in_path ("gst-launch-1.0");
  if (!launch) {
    g_print ("gst-launch-1.0 not installed: module refusal not tested\n");
    return;
  }
  g_free (launch);
  dir = g_dir_make_tmp ("plateocr-module-XXXXXX", NULL);
  fail_unless (dir != NULL);
  /* copies, not links: the dynamic loader would take a link for the
   * plugin it already knows */
  from = g_build_filename (build, "plugins", "plateocr", "libgstplateocr.so",
      NULL);
  to = g_build_filename (dir, "libgstplateocr.so", NULL);
  copy_file (from, to);
  g_free (from);
  g_free (to);
  from = g_build_filename (build, "tests", "libplateocr-badmodule.so", NULL);
  to = g_build_filename (dir, "libgstplateocr-reader.so", NULL);
  copy_file (from, to);
  g_free (from);
  g_free (to);

  for (i = 0; i < G_N_ELEMENTS (modes); i++) {
    gchar *output = run_plateocr_from (dir, modes[i]);

    GST_INFO ("%s: %s", modes[i], output);
    fail_unless (strstr (output, "Could not load the plate reader module"),
        "%s", output);
    fail_unless (strstr (output, "different builds"), "%s", output);
    fail_unless (strstr (output, "interface version"), "%s", output);
    g_free (output);
  }
  anpr_check_remove_dir (dir);
  g_free (dir);
}

GST_END_TEST;

/* No default model where GST_ANPR_DATA_DIR points: one warning per
 * missing voter, naming where it looked, and Tesseract still reads. */
GST_START_TEST (test_missing_default_model)
{
  guint8 *luma = render_plate_luma (PLATE_TEXT);
  gchar *empty = g_dir_make_tmp ("plateocr-models-XXXXXX", NULL);
  GstElement *e;
  GstBus *bus;
  GstHarness *h;
  GstBuffer *in, *out;
  GstMessage *msg;
  guint warnings = 0;

  g_setenv ("GST_ANPR_DATA_DIR", empty, TRUE);
  /* the bus set before the harness starts the element */
  e = gst_element_factory_make ("plateocr", NULL);
  bus = gst_bus_new ();
  gst_element_set_bus (e, bus);
  h = gst_harness_new_with_element (e, "sink", "src");
  gst_harness_set_src_caps_str (h, "video/x-raw,format=GRAY8,width="
      G_STRINGIFY (WIDTH) ",height=" G_STRINGIFY (HEIGHT)
      ",framerate=25/1");
  in = make_frame ("GRAY8", luma);
  gst_buffer_add_anpr_plate_meta (in, PLATE_X, PLATE_Y, PLATE_W, PLATE_H,
      0.9f);
  out = gst_harness_push_and_pull (h, in);
  fail_unless (out != NULL);
  fail_unless_equals_string (gst_buffer_get_anpr_plate_meta_id (out,
          0)->text, PLATE_TEXT);
  gst_buffer_unref (out);

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING))) {
    GError *err = NULL;
    gchar *debug = NULL;

    gst_message_parse_warning (msg, &err, &debug);
    fail_unless (g_error_matches (err, GST_RESOURCE_ERROR,
            GST_RESOURCE_ERROR_NOT_FOUND));
    fail_unless (strstr (err->message, "reading without it"), "%s",
        err->message);
    fail_unless (strstr (debug, empty), "%s", debug);
    warnings++;
    g_error_free (err);
    g_free (debug);
    gst_message_unref (msg);
  }
  /* the character classifier's and the plate network's */
  fail_unless_equals_int (warnings, 2);
  fail_unless_equals_int (anpr_check_drain_bus (bus, GST_MESSAGE_ERROR), 0);

  gst_harness_teardown (h);
  gst_element_set_bus (e, NULL);
  gst_object_unref (bus);
  gst_object_unref (e);
  g_rmdir (empty);
  g_free (empty);
  g_free (luma);
}

GST_END_TEST;

static Suite *
plateocrmodule_suite (void)
{
  Suite *s = suite_create ("plateocrmodule");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, render_plate_reset);
  tcase_add_test (tc, test_module_version_refused);
  tcase_add_test (tc, test_missing_default_model);
  return s;
}

GST_CHECK_MAIN (plateocrmodule);
