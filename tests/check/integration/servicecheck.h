/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* What the camera service's tests (service.c, soak.c) share: the service
 * as a process of its own with a configuration written by the test and
 * its log, and a fixture with a real RTSP camera (rtspcamera.h), a real
 * mosquitto and a subscriber. */

#ifndef __SERVICE_CHECK_H__
#define __SERVICE_CHECK_H__

#include <signal.h>
#include <string.h>
#include <gio/gio.h>
#include <gst/check/gstcheck.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include "anprbroker.h"
#include "anprcheck.h"
#include "rtspcamera.h"

/* a plate of the generated video that is on its hotlist */
#define LISTED_PLATE "EJZ7343"

typedef struct
{
  gchar *dir;
  gchar *conf;
  gchar *log;                   /* of the current run */
  guint runs;
  GSubprocess *proc;
} Service;

/* NULL when what the service tests run is here (the sample video, the
 * service, the RTSP camera, mosquitto), else why not. */
static inline gchar *
service_check_missing (void)
{
  gchar *why = camera_missing ();

  if (why == NULL)
    why = anpr_check_missing_env_path ("ANPR_SERVICE");
  if (why == NULL)
    why = anpr_check_missing_programs ("mosquitto", NULL);
  return why;
}

static inline void
service_init (Service * svc)
{
  svc->dir = g_dir_make_tmp ("anpr-service-XXXXXX", NULL);
  fail_unless (svc->dir != NULL);
  svc->conf = g_build_filename (svc->dir, "cameras.conf", NULL);
}

/* A configuration of @cameras ("id=url" each) publishing to @broker_url,
 * quick to notice failures and quick to retry, reporting a listed plate
 * again two seconds after it was last seen (so every pass of the looping
 * video alerts). */
static inline void
service_write_config (Service * svc, const gchar * broker_url,
    const gchar * extra, const gchar * const *cameras)
{
  GString *s = g_string_new (NULL);
  gchar *tmp = g_strconcat (svc->conf, ".new", NULL);
  guint i;

  g_string_append_printf (s, "[service]\nid = test\nstop-timeout = 15\n"
      "reload-check = 1\n\n[defaults]\nregion = gb\nhotlist = %s\n"
      "mqtt-url = %s\ndedup-window = 2\nwatchdog = 4\nconnect-timeout = 6\n"
      "backoff-min = 1\nbackoff-max = 4\n%s\n",
      g_getenv ("ANPR_SAMPLE_HOTLIST"), broker_url, extra ? extra : "");
  for (i = 0; cameras[i] != NULL; i++) {
    gchar **kv = g_strsplit (cameras[i], "=", 2);
    g_string_append_printf (s, "[camera %s]\nurl = %s\n\n", kv[0], kv[1]);
    g_strfreev (kv);
  }
  /* replaced in one step, as editors do: never read half written */
  fail_unless (g_file_set_contents (tmp, s->str, -1, NULL));
  fail_unless (g_rename (tmp, svc->conf) == 0);
  g_free (tmp);
  g_string_free (s, TRUE);
}

/* Starts the service, behind the programs of @wrapper (NULL-terminated,
 * may be NULL) when given. */
static inline void
service_start_wrapped (Service * svc, const gchar * const *wrapper)
{
  GSubprocessLauncher *l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  GError *err = NULL;
  gchar *name = g_strdup_printf ("service-%u.log", ++svc->runs);

  g_free (svc->log);
  svc->log = g_build_filename (svc->dir, name, NULL);
  g_free (name);
  g_subprocess_launcher_set_stderr_file_path (l, svc->log);
  g_subprocess_launcher_set_stdout_file_path (l, svc->log);
  {
    GPtrArray *argv = g_ptr_array_new ();

    for (; wrapper != NULL && *wrapper != NULL; wrapper++)
      g_ptr_array_add (argv, (gpointer) * wrapper);
    g_ptr_array_add (argv, (gpointer) g_getenv ("ANPR_SERVICE"));
    g_ptr_array_add (argv, (gpointer) "--config");
    g_ptr_array_add (argv, svc->conf);
    g_ptr_array_add (argv, NULL);
    svc->proc = g_subprocess_launcher_spawnv (l,
        (const gchar * const *) argv->pdata, &err);
    g_ptr_array_unref (argv);
  }
  fail_unless (svc->proc != NULL, "anpr-service: %s",
      err ? err->message : "?");
  g_object_unref (l);
}

static inline void
service_start (Service * svc)
{
  service_start_wrapped (svc, NULL);
}

static inline gchar *
service_log (Service * svc)
{
  gchar *text = NULL;

  g_file_get_contents (svc->log, &text, NULL, NULL);
  return text ? text : g_strdup ("");
}

static inline guint
count_in (const gchar * text, const gchar * needle)
{
  guint n = 0;
  const gchar *p = text;

  while ((p = strstr (p, needle)) != NULL) {
    n++;
    p += strlen (needle);
  }
  return n;
}

/* Waits until the service's log holds @needle @times times. */
static inline void
service_wait_log (Service * svc, const gchar * needle, guint times,
    gdouble timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  gchar *text;

  for (;;) {
    text = service_log (svc);
    if (count_in (text, needle) >= times)
      break;
    if (g_get_monotonic_time () > end)
      fail ("'%s' not %u time(s) in the service log within %.0f s:\n%s",
          needle, times, timeout_s, text);
    g_free (text);
    g_usleep (200 * 1000);
  }
  g_free (text);
}

static inline void
on_waited (GObject * proc, GAsyncResult * res, gpointer data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (proc), res, NULL);
  *(gboolean *) data = TRUE;
}

/* Sends @sig and waits for the exit; its exit status. */
static inline gint
service_stop (Service * svc, gint sig, gdouble timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  GMainContext *ctx = g_main_context_new ();
  gboolean done = FALSE, late = FALSE;
  gint status;

  g_main_context_push_thread_default (ctx);
  g_subprocess_wait_async (svc->proc, NULL, on_waited, &done);
  g_subprocess_send_signal (svc->proc, sig);
  while (!done) {
    if (!late && g_get_monotonic_time () > end) {
      late = TRUE;
      g_subprocess_force_exit (svc->proc);
    }
    if (!g_main_context_iteration (ctx, FALSE))
      g_usleep (10 * 1000);
  }
  g_main_context_pop_thread_default (ctx);
  g_main_context_unref (ctx);
  if (late) {
    gchar *log = service_log (svc);
    fail ("the service did not stop within %.0f s:\n%s", timeout_s, log);
  }
  fail_if (g_subprocess_get_if_signaled (svc->proc),
      "the service died of signal %d", g_subprocess_get_term_sig (svc->proc));
  status = g_subprocess_get_exit_status (svc->proc);
  g_clear_object (&svc->proc);
  return status;
}

static inline void
service_clear (Service * svc)
{
  if (svc->proc != NULL) {
    g_subprocess_force_exit (svc->proc);
    g_subprocess_wait (svc->proc, NULL, NULL);
    g_clear_object (&svc->proc);
  }
  anpr_check_remove_dir (svc->dir);
  g_free (svc->dir);
  g_free (svc->conf);
  g_free (svc->log);
}

/* Waits for a match of the listed plate from camera @camera_id; the event
 * ids of the matches it takes on the way go into @seen when not NULL. */
static inline void
expect_listed_match_full (AnprSubscriber * sub, const gchar * camera_id,
    gdouble timeout_s, GHashTable * seen)
{
  gchar *topic = g_strdup_printf ("anpr/%s/match", camera_id);
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  for (;;) {
    gdouble left = (end - g_get_monotonic_time ()) / (gdouble) G_USEC_PER_SEC;
    AnprReceived *r;
    JsonParser *parser = NULL;
    JsonObject *ev, *hot;
    gboolean found;

    fail_unless (left > 0, "no match of %s on %s within %.0f s",
        LISTED_PLATE, topic, timeout_s);
    r = anpr_subscriber_expect (sub, topic, left, TRUE);
    ev = anpr_check_event (r->payload, &parser);
    hot = json_object_get_object_member (ev, "hotlist");
    found = g_str_equal (json_object_get_string_member (hot, "plate"),
        LISTED_PLATE);
    if (seen != NULL)
      g_hash_table_add (seen, g_strdup (json_object_get_string_member (ev,
                  "event_id")));
    g_object_unref (parser);
    anpr_received_free (r);
    if (found)
      break;
  }
  g_free (topic);
}

static inline void
expect_listed_match (AnprSubscriber * sub, const gchar * camera_id,
    gdouble timeout_s)
{
  expect_listed_match_full (sub, camera_id, timeout_s, NULL);
}

/* Waits for camera @camera_id's status to say @state. */
static inline void
expect_camera_state (AnprSubscriber * sub, const gchar * camera_id,
    const gchar * state, gdouble timeout_s)
{
  gchar *topic = g_strdup_printf ("anpr/%s/status", camera_id);
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  JsonParser *parser = json_parser_new ();

  for (;;) {
    gdouble left = (end - g_get_monotonic_time ()) / (gdouble) G_USEC_PER_SEC;
    AnprReceived *r;
    gboolean found;

    fail_unless (left > 0, "%s did not say %s within %.0f s", topic, state,
        timeout_s);
    r = anpr_subscriber_expect (sub, topic, left, TRUE);
    fail_unless (json_parser_load_from_data (parser, r->payload, -1, NULL),
        "status not JSON: %s", r->payload);
    found = g_strcmp0 (json_object_get_string_member (json_node_get_object
            (json_parser_get_root (parser)), "state"), state) == 0;
    anpr_received_free (r);
    if (found)
      break;
  }
  g_object_unref (parser);
  g_free (topic);
}

/* Drops what the subscriber received so far. */
static inline void
drain (AnprSubscriber * sub)
{
  AnprReceived *r;

  while ((r = anpr_subscriber_pop (sub, 0.01)) != NULL)
    anpr_received_free (r);
}

typedef struct
{
  AnprBroker *broker;
  AnprSubscriber *sub;
  Camera cam;
  Service svc;
} Fixture;

/* A broker, a subscriber (@persistent: its session and what is queued for
 * it survive a broker restart), the camera unless not @camera_first (then
 * only its port is chosen) and the service running camera cam1 with
 * @extra in its [defaults]. */
static inline void
fixture_start_full (Fixture * f, gboolean camera_first, const gchar * extra,
    gboolean persistent)
{
  gchar *url, *broker_url, *cam1;
  const gchar *cameras[2] = { NULL, NULL };

  memset (f, 0, sizeof (*f));
  f->broker = anpr_broker_new ();
  anpr_broker_start (f->broker);
  f->sub = anpr_subscriber_new (f->broker, "service-test", persistent);
  service_init (&f->svc);
  if (camera_first)
    camera_start (&f->cam);
  else
    f->cam.port = free_port ();
  url = camera_url (&f->cam);
  broker_url = anpr_broker_get_url (f->broker);
  cam1 = g_strdup_printf ("cam1=%s", url);
  cameras[0] = cam1;
  service_write_config (&f->svc, broker_url, extra, cameras);
  service_start (&f->svc);
  g_free (url);
  g_free (broker_url);
  g_free (cam1);
}

static inline void
fixture_start (Fixture * f, gboolean camera_first)
{
  fixture_start_full (f, camera_first, NULL, FALSE);
}

static inline void
fixture_stop (Fixture * f)
{
  service_clear (&f->svc);
  camera_kill (&f->cam);
  anpr_subscriber_free (f->sub);
  anpr_broker_free (f->broker);
}

#endif /* __SERVICE_CHECK_H__ */
