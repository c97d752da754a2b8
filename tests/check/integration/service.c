/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* anpr-service as a user runs it: a real RTSP camera (anpr-rtsp-serve,
 * gst-rtsp-server) serving the generated traffic video, a real mosquitto,
 * and the service as a process of its own.  The camera is killed,
 * stalled, refused and brought back; the configuration is edited under
 * the running service; the service is stopped with signals.  Each test
 * asserts the hotlist alerts that reach the broker afterwards. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "servicecheck.h"

/* The camera process dies and comes back on the same port after @seconds:
 * the same service process reads the vehicles after it. */
static void
outage (guint seconds)
{
  Fixture f;

  fixture_start (&f, TRUE);
  expect_listed_match (f.sub, "cam1", 60);
  camera_kill (&f.cam);
  /* the camera's retained status tells the control room */
  expect_camera_state (f.sub, "cam1", "reconnecting", 10);
  g_usleep (seconds * G_USEC_PER_SEC);
  service_wait_log (&f.svc, "reconnecting in", 1, 10);
  drain (f.sub);
  camera_start (&f.cam);
  expect_camera_state (f.sub, "cam1", "online", 30);
  expect_listed_match (f.sub, "cam1", 60);
  fail_unless_equals_int (service_stop (&f.svc, SIGTERM, 30), 0);
  fixture_stop (&f);
}

GST_START_TEST (test_camera_back_after_5s)
{
  outage (5);
}

GST_END_TEST;

GST_START_TEST (test_camera_back_after_60s)
{
  outage (60);
}

GST_END_TEST;

/* A camera that stops sending with its connection open (frozen encoder,
 * a switch dropping packets): the watchdog reconnects it. */
GST_START_TEST (test_camera_stalls)
{
  Fixture f;

  fixture_start (&f, TRUE);
  expect_listed_match (f.sub, "cam1", 60);
  camera_signal (&f.cam, SIGSTOP);
  service_wait_log (&f.svc, "camera cam1: no frame for 4 s", 1, 20);
  g_usleep (5 * G_USEC_PER_SEC);
  camera_signal (&f.cam, SIGCONT);
  drain (f.sub);
  expect_listed_match (f.sub, "cam1", 60);
  fail_unless_equals_int (service_stop (&f.svc, SIGTERM, 30), 0);
  fixture_stop (&f);
}

GST_END_TEST;

/* A camera that refuses at start is retried until it answers. */
GST_START_TEST (test_camera_refused_at_start)
{
  Fixture f;

  fixture_start (&f, FALSE);
  service_wait_log (&f.svc, "reconnecting in", 2, 30);
  camera_start (&f.cam);
  expect_listed_match (f.sub, "cam1", 60);
  fail_unless_equals_int (service_stop (&f.svc, SIGTERM, 30), 0);
  fixture_stop (&f);
}

GST_END_TEST;

/* An edited configuration: the changed camera restarts, the new one
 * starts, the untouched one runs on; a broken edit changes nothing. */
GST_START_TEST (test_config_reload)
{
  Fixture f;
  gchar *url, *broker_url, *log;
  gchar *c1, *c2, *c3;
  const gchar *two[3], *three[4];

  fixture_start (&f, TRUE);
  url = camera_url (&f.cam);
  broker_url = anpr_broker_get_url (f.broker);
  c1 = g_strdup_printf ("cam1=%s", url);
  c2 = g_strdup_printf ("cam2=%s", url);
  c3 = g_strdup_printf ("cam3=%s", url);
  two[0] = c1;
  two[1] = c2;
  two[2] = NULL;
  /* the file's modification time has a one second grain on some file
   * systems: the service also compares the size and inode */
  service_write_config (&f.svc, broker_url, NULL, two);
  service_wait_log (&f.svc, "camera cam2: video flowing", 1, 60);
  expect_listed_match (f.sub, "cam2", 60);

  three[0] = c1;
  three[1] = c3;
  three[2] = NULL;
  service_write_config (&f.svc, broker_url, "[camera cam2]\nurl = "
      "rtsp://127.0.0.1:1/none\n", three);
  service_wait_log (&f.svc, "camera cam2: settings changed, restarting", 1,
      10);
  service_wait_log (&f.svc, "camera cam3: video flowing", 1, 60);
  expect_listed_match (f.sub, "cam3", 60);

  fail_unless (g_file_set_contents (f.svc.conf, "[service]\nbroken = yes\n",
          -1, NULL));
  service_wait_log (&f.svc, "configuration not reloaded", 1, 10);
  drain (f.sub);
  expect_listed_match (f.sub, "cam1", 60);

  log = service_log (&f.svc);
  fail_unless_equals_int (count_in (log, "camera cam1: starting"), 1);
  fail_unless_equals_int (count_in (log, "camera cam3: starting"), 1);
  g_free (log);
  fail_unless_equals_int (service_stop (&f.svc, SIGTERM, 30), 0);
  g_free (url);
  g_free (broker_url);
  g_free (c1);
  g_free (c2);
  g_free (c3);
  fixture_stop (&f);
}

GST_END_TEST;

/* SIGTERM with the broker gone and no spool: the alerts held are lost,
 * and the exit status says so; a second SIGTERM cuts the flush short. */
GST_START_TEST (test_stop_with_broker_gone)
{
  Fixture f;
  gint64 start;

  fixture_start (&f, TRUE);
  expect_listed_match (f.sub, "cam1", 60);
  anpr_broker_stop (f.broker, FALSE);
  service_wait_log (&f.svc, "camera cam1: match " LISTED_PLATE, 2, 60);
  fail_unless_equals_int (service_stop (&f.svc, SIGTERM, 30), 3);
  service_wait_log (&f.svc, "neither delivered nor spooled", 1, 1);

  /* again, with a second signal during the flush */
  anpr_broker_start (f.broker);
  service_start (&f.svc);
  service_wait_log (&f.svc, "camera cam1: video flowing", 1, 60);
  anpr_broker_stop (f.broker, FALSE);
  service_wait_log (&f.svc, "camera cam1: match " LISTED_PLATE, 1, 60);
  g_subprocess_send_signal (f.svc.proc, SIGTERM);
  service_wait_log (&f.svc, "stopping: flushing alerts", 1, 10);
  start = g_get_monotonic_time ();
  fail_unless_equals_int (service_stop (&f.svc, SIGTERM, 5), 4);
  fail_unless (g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC);
  fixture_stop (&f);
}

GST_END_TEST;

/* The service's own retained status: running with its cameras, offline
 * after a clean stop. */
GST_START_TEST (test_service_status)
{
  Fixture f;
  AnprReceived *r;
  AnprSubscriber *late;
  JsonParser *parser = json_parser_new ();
  JsonObject *o;

  fixture_start (&f, TRUE);
  service_wait_log (&f.svc, "camera cam1: video flowing", 1, 60);
  for (;;) {
    r = anpr_subscriber_expect (f.sub, "anpr/service/test/status", 30, TRUE);
    fail_unless (json_parser_load_from_data (parser, r->payload, -1, NULL));
    o = json_node_get_object (json_parser_get_root (parser));
    if (g_str_equal (json_object_get_string_member (o, "state"), "running")
        && g_str_equal (json_object_get_string_member
            (json_object_get_object_member (json_object_get_object_member (o,
                        "cameras"), "cam1"), "state"), "online")) {
      anpr_received_free (r);
      break;
    }
    anpr_received_free (r);
  }
  fail_unless_equals_int (service_stop (&f.svc, SIGTERM, 30), 0);
  r = anpr_subscriber_expect (f.sub, "anpr/service/test/status", 10, TRUE);
  fail_unless (json_parser_load_from_data (parser, r->payload, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  fail_unless_equals_string (json_object_get_string_member (o, "state"),
      "offline");
  anpr_received_free (r);
  /* retained: a dashboard that connects later sees it too */
  late = anpr_subscriber_new (f.broker, "service-test-late", FALSE);
  r = anpr_subscriber_expect (late, "anpr/service/test/status", 10, TRUE);
  fail_unless (r->retain);
  fail_unless (strstr (r->payload, "\"offline\"") != NULL);
  anpr_received_free (r);
  anpr_subscriber_free (late);
  g_object_unref (parser);
  fixture_stop (&f);
}

GST_END_TEST;

/* @path and everything under it (a state directory holds the spool). */
static void
remove_tree (const gchar * path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const gchar *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
    gchar *p = g_build_filename (path, name, NULL);

    if (g_file_test (p, G_FILE_TEST_IS_DIR)
        && !g_file_test (p, G_FILE_TEST_IS_SYMLINK))
      remove_tree (p);
    else
      g_unlink (p);
    g_free (p);
  }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

/* anpr-service --check-health, as a container's HEALTHCHECK runs it: its
 * exit status, and its one line in @out. */
static gint
check_health (gchar ** out)
{
  GError *err = NULL;
  GSubprocess *p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
      G_SUBPROCESS_FLAGS_STDERR_MERGE, &err, g_getenv ("ANPR_SERVICE"),
      "--check-health", NULL);
  gint status;

  fail_unless (p != NULL, "anpr-service --check-health: %s",
      err ? err->message : "?");
  fail_unless (g_subprocess_communicate_utf8 (p, NULL, NULL, out, NULL,
          NULL));
  fail_unless (g_subprocess_get_if_exited (p));
  status = g_subprocess_get_exit_status (p);
  g_object_unref (p);
  return status;
}

/* Runs the check until it exits @status with @needle in its line. */
static void
wait_health (gint status, const gchar * needle, gdouble timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  gchar *out = NULL;

  for (;;) {
    g_free (out);
    if (check_health (&out) == status && strstr (out, needle) != NULL)
      break;
    fail_unless (g_get_monotonic_time () < end, "--check-health did not "
        "exit %d with '%s' within %.0f s; last: %s", status, needle,
        timeout_s, out);
    g_usleep (500 * 1000);
  }
  g_free (out);
}

/* The health file in the state directory and --check-health, which a
 * container's HEALTHCHECK runs: unhealthy before the start, healthy with
 * the camera's state while the service runs, unhealthy while its main
 * loop is frozen (SIGSTOP) and healthy again after, unhealthy once it has
 * stopped. */
GST_START_TEST (test_health_file)
{
  Fixture f;
  gchar *state = g_dir_make_tmp ("anpr-state-XXXXXX", NULL);
  gchar *tmp = g_build_filename (state, "health.json.tmp", NULL);
  gchar *out = NULL;
  gint pid;

  fail_unless (state != NULL);
  g_setenv ("STATE_DIRECTORY", state, TRUE);
  fail_unless_equals_int (check_health (&out), 1);
  fail_unless (strstr (out, "not started yet") != NULL, "%s", out);
  g_free (out);

  fixture_start (&f, TRUE);
  service_wait_log (&f.svc, "camera cam1: video flowing", 1, 60);
  wait_health (0, "running, 1 camera(s): cam1 online", 15);
  /* written beside and renamed over: nothing left beside it */
  fail_if (g_file_test (tmp, G_FILE_TEST_EXISTS));

  pid = atoi (g_subprocess_get_identifier (f.svc.proc));
  fail_unless (kill (pid, SIGSTOP) == 0);
  wait_health (1, "stale", 30);
  fail_unless (kill (pid, SIGCONT) == 0);
  wait_health (0, "running", 15);

  fail_unless_equals_int (service_stop (&f.svc, SIGTERM, 30), 0);
  fail_unless_equals_int (check_health (&out), 1);
  fail_unless (strstr (out, "the service is stopped") != NULL, "%s", out);
  g_free (out);

  g_unsetenv ("STATE_DIRECTORY");
  fixture_stop (&f);
  remove_tree (state);
  g_free (state);
  g_free (tmp);
}

GST_END_TEST;

static const gchar *const pid_namespace[] =
    { "unshare", "--pid", "--fork", "--kill-child", NULL };

/* NULL when this machine lets us run a program as PID 1 of a PID
 * namespace of its own (as in a container), else why not. */
static gchar *
missing_pid_namespace (void)
{
  gchar *why = anpr_check_missing_programs ("unshare", NULL);
  gint status = -1;

  if (why == NULL && (!g_spawn_sync (NULL, (gchar **) (const gchar *[]) {
                  "unshare", "--pid", "--fork", "true", NULL}, NULL,
              G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
              NULL, NULL, &status, NULL) || status != 0))
    why = g_strdup ("unshare --pid is not permitted here");
  return why;
}

/* As PID 1 (a container's entry point), where a signal without a handler
 * is ignored: SIGTERM still flushes and exits 0. */
GST_START_TEST (test_stop_as_pid1)
{
  Fixture f;
  gchar *path, *children = NULL;
  const gchar *unshare_pid;
  gint pid;

  fixture_start (&f, TRUE);
  service_wait_log (&f.svc, "camera cam1: video flowing", 1, 60);
  fail_unless_equals_int (service_stop (&f.svc, SIGTERM, 30), 0);
  service_start_wrapped (&f.svc, pid_namespace);
  service_wait_log (&f.svc, "camera cam1: video flowing", 1, 60);
  unshare_pid = g_subprocess_get_identifier (f.svc.proc);
  path = g_strdup_printf ("/proc/%s/task/%s/children", unshare_pid,
      unshare_pid);
  fail_unless (g_file_get_contents (path, &children, NULL, NULL));
  pid = atoi (children);
  fail_unless (pid > 0, "no child of unshare");
  /* unshare passes on its child's exit status */
  fail_unless (kill (pid, SIGTERM) == 0);
  fail_unless_equals_int (service_stop (&f.svc, 0, 30), 0);
  service_wait_log (&f.svc, "stopped", 2, 1);
  g_free (path);
  g_free (children);
  fixture_stop (&f);
}

GST_END_TEST;

static Suite *
service_suite (void)
{
  Suite *s = suite_create ("service");
  TCase *tc = tcase_create ("general");
  gchar *why = service_check_missing ();
  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 300);
  if (anpr_check_skip_suite ("service", why))
    return s;
  tcase_add_test (tc, test_service_status);
  tcase_add_test (tc, test_camera_back_after_5s);
  tcase_add_test (tc, test_camera_back_after_60s);
  tcase_add_test (tc, test_camera_stalls);
  tcase_add_test (tc, test_camera_refused_at_start);
  tcase_add_test (tc, test_config_reload);
  tcase_add_test (tc, test_stop_with_broker_gone);
  tcase_add_test (tc, test_health_file);
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_stop_as_pid1,
      missing_pid_namespace ());
  return s;
}

ANPR_CHECK_MAIN (service);
