/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The service left running while its world misbehaves: the camera (a real
 * RTSP server on the generated traffic video) is killed and restarted,
 * frozen and thawed, and the broker is stopped and restarted, in turn,
 * for ANPR_SOAK_SECONDS (a short run by default; tests/run.sh runs that).
 * Memory and file descriptors must stay flat, and every alert the service
 * raised must reach a subscriber: once by event_id (a message in flight
 * when the broker went may come again with its event_id, which consumers
 * drop, as docs/mqtt.md says), and nothing it did not raise.
 *
 * The broker is stopped with SIGTERM (it saves its persistent sessions):
 * what this checks is the service end to end, and a broker killed with
 * SIGKILL loses messages it had already acknowledged, which no client can
 * bring back (integration/mqtt tests the publisher against SIGKILL). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "servicecheck.h"

#define DEFAULT_SOAK_SECONDS 100
/* one fault, then quiet until the next period */
#define PERIOD_SECONDS 25
/* mosquitto's max_inflight_messages default: what a restart may repeat */
#define MAX_IN_FLIGHT 20

typedef struct
{
  gint64 rss_kb;
  guint fds;
} Usage;

static Usage
usage_of (GSubprocess * proc)
{
  const gchar *pid = g_subprocess_get_identifier (proc);
  gchar *path = g_strdup_printf ("/proc/%s/status", pid);
  gchar *status = NULL, *line;
  Usage u = { 0, 0 };
  GDir *dir;

  fail_unless (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  fail_unless (line != NULL);
  u.rss_kb = g_ascii_strtoll (line + 6, NULL, 10);
  g_free (path);
  g_free (status);
  path = g_strdup_printf ("/proc/%s/fd", pid);
  dir = g_dir_open (path, 0, NULL);
  fail_unless (dir != NULL);
  while (g_dir_read_name (dir) != NULL)
    u.fds++;
  g_dir_close (dir);
  g_free (path);
  return u;
}

/* The event ids of the matches the service logged. */
static GHashTable *
logged_matches (Service * svc)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  GRegex *re = g_regex_new ("camera cam1: match .* event "
      "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", 0, 0,
      NULL);
  gchar *log = service_log (svc);
  GMatchInfo *m;

  g_regex_match (re, log, 0, &m);
  while (g_match_info_matches (m)) {
    g_hash_table_add (ids, g_match_info_fetch (m, 1));
    g_match_info_next (m, NULL);
  }
  g_match_info_free (m);
  g_regex_unref (re);
  g_free (log);
  return ids;
}

static void
sleep_s (guint s)
{
  g_usleep ((gulong) s * G_USEC_PER_SEC);
}

GST_START_TEST (test_soak)
{
  const gchar *env = g_getenv ("ANPR_SOAK_SECONDS");
  guint seconds = env ? atoi (env) : DEFAULT_SOAK_SECONDS;
  gint64 end;
  Fixture f;
  Usage warm = { 0, 0 }, last, peak = { 0, 0 };
  GHashTable *logged, *received;
  AnprReceived *r;
  guint period = 0, duplicates = 0, missing = 0;
  guint kills = 0, stalls = 0, broker_restarts = 0;
  GHashTableIter iter;
  gpointer id;

  fail_unless (seconds >= 3 * PERIOD_SECONDS, "ANPR_SOAK_SECONDS >= %d",
      3 * PERIOD_SECONDS);
  received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture_start_full (&f, TRUE, "spool-dir = spool\n", TRUE);
  expect_listed_match_full (f.sub, "cam1", 60, received);
  end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end) {
    switch (period % 3) {
      case 0:                  /* the camera dies, comes back 5 s later */
        camera_kill (&f.cam);
        sleep_s (5);
        camera_start (&f.cam);
        kills++;
        sleep_s (PERIOD_SECONDS - 5);
        break;
      case 1:                  /* the broker goes for 5 s */
        anpr_broker_stop (f.broker, TRUE);
        sleep_s (5);
        anpr_broker_start (f.broker);
        broker_restarts++;
        sleep_s (PERIOD_SECONDS - 5);
        break;
      case 2:                  /* the camera freezes with its socket open */
        camera_signal (&f.cam, SIGSTOP);
        sleep_s (8);
        camera_signal (&f.cam, SIGCONT);
        stalls++;
        sleep_s (PERIOD_SECONDS - 8);
        break;
    }
    last = usage_of (f.svc.proc);
    if (period == 2)            /* warmed up: every path has run once */
      warm = last;
    peak.rss_kb = MAX (peak.rss_kb, last.rss_kb);
    peak.fds = MAX (peak.fds, last.fds);
    g_print ("soak: %3u s: RSS %" G_GINT64_FORMAT " kB, %u fds\n",
        (period + 1) * PERIOD_SECONDS, last.rss_kb, last.fds);
    period++;
  }
  fail_unless_equals_int (service_stop (&f.svc, SIGTERM, 60), 0);

  logged = logged_matches (&f.svc);
  /* the rest arrive within a few seconds of the stop */
  while ((r = anpr_subscriber_pop (f.sub, 5.0)) != NULL) {
    if (g_str_has_suffix (r->topic, "/match")) {
      JsonParser *parser = NULL;
      JsonObject *ev = anpr_check_event (r->payload, &parser);
      const gchar *eid = json_object_get_string_member (ev, "event_id");

      if (!g_hash_table_add (received, g_strdup (eid)))
        duplicates++;
      g_object_unref (parser);
    }
    anpr_received_free (r);
  }
  g_hash_table_iter_init (&iter, logged);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (received, id))
      missing++;

  g_print ("soak: %u s, %u camera kills, %u stalls, %u broker restarts; "
      "%u alerts raised, %u received (%u repeats of an event_id), "
      "%u missing; RSS %" G_GINT64_FORMAT " kB after warm-up, %"
      G_GINT64_FORMAT " kB at the end (peak %" G_GINT64_FORMAT "); fds %u, "
      "%u (peak %u)\n", seconds, kills, stalls, broker_restarts,
      g_hash_table_size (logged), g_hash_table_size (received), duplicates,
      missing, warm.rss_kb, last.rss_kb, peak.rss_kb, warm.fds, last.fds,
      peak.fds);
  fail_unless (g_hash_table_size (logged) >= period,
      "only %u alerts in %u periods", g_hash_table_size (logged), period);
  /* at least once, by event_id: every alert raised arrives, nothing else
   * does; a message in flight when the broker went may come twice with
   * its event_id (QoS 1, docs/mqtt.md), never more than a broker's
   * in-flight window a restart */
  fail_unless (missing == 0, "%u alerts raised but never received", missing);
  fail_unless_equals_int (g_hash_table_size (received),
      g_hash_table_size (logged));
  fail_unless (duplicates <= broker_restarts * MAX_IN_FLIGHT,
      "%u repeats over %u broker restarts", duplicates, broker_restarts);
  /* flat: what a day of this would add must not be visible in minutes */
  fail_unless (last.rss_kb - warm.rss_kb < 32 * 1024,
      "RSS grew from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " kB",
      warm.rss_kb, last.rss_kb);
  fail_unless (last.fds <= warm.fds + 4, "fds grew from %u to %u", warm.fds,
      last.fds);
  g_hash_table_unref (logged);
  g_hash_table_unref (received);
  fixture_stop (&f);
}

GST_END_TEST;

static Suite *
soak_suite (void)
{
  Suite *s = suite_create ("soak");
  TCase *tc = tcase_create ("general");
  const gchar *env = g_getenv ("ANPR_SOAK_SECONDS");
  gchar *why = service_check_missing ();
  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, (env ? atoi (env) : DEFAULT_SOAK_SECONDS) + 300);
  /* under valgrind or ASan (ANPR_TEST_LIGHT) the service cannot keep up
   * with a real-time camera, which is what a soak is about */
  if (why == NULL && g_getenv ("ANPR_TEST_LIGHT") != NULL)
    why = g_strdup ("an instrumented run is too slow for a real-time soak "
        "(ANPR_TEST_LIGHT)");
  if (anpr_check_skip_suite ("soak", why))
    return s;
  tcase_add_test (tc, test_soak);
  return s;
}

ANPR_CHECK_MAIN (soak);
