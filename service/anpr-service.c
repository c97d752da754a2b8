/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* anpr-service: runs the cameras of a configuration file, each in its own
 * pipelines, and keeps them running (see README "Camera service"). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib-unix.h>
#include <gst/gst.h>

#include "camera.h"
#include "servicehealth.h"
#include "servicestatus.h"
#include "sdnotify.h"

enum
{
  EXIT_CONFIG = 2,              /* usage or configuration error at start */
  EXIT_ALERTS_LOST = 3,         /* some alerts were neither delivered nor spooled */
  EXIT_FORCED = 4,              /* a second signal cut the flush short */
};

#define DEFAULT_CONFIG "/etc/gst-anpr/cameras.conf"

typedef struct
{
  GMainLoop *loop;
  ServiceConfig *config;
  struct stat config_stat;
  GHashTable *cameras;          /* id -> Camera* */
  GPtrArray *stopping;          /* Camera* being stopped for good */
  ServiceStatus *status;
  gchar *health_path;           /* NULL: no state directory */
  gboolean health_failing;
  guint status_interval_s;
  guint64 undelivered;
  gboolean shutting_down;
  guint reload_id;
  guint status_id;
} Service;

static void
on_immediate_exit (int sig)
{
  (void) sig;
  _exit (EXIT_FORCED);
}

static void
service_collect (Service * svc, Camera * cam)
{
  svc->undelivered += camera_get_undelivered (cam);
}

static void
maybe_quit (Service * svc)
{
  if (svc->shutting_down && g_hash_table_size (svc->cameras) == 0
      && svc->stopping->len == 0)
    g_main_loop_quit (svc->loop);
}

static void
on_camera_stopped (Camera * cam, gpointer data)
{
  Service *svc = data;

  service_collect (svc, cam);
  g_message ("camera %s: stopped", camera_get_config (cam)->id);
  g_ptr_array_remove_fast (svc->stopping, cam);
  camera_free (cam);
  maybe_quit (svc);
}

/* A camera whose settings changed: stopped cleanly, then started again
 * with the new ones. */
typedef struct
{
  Service *svc;
  CameraConfig *next;
} Restart;

static void
on_camera_restart (Camera * cam, gpointer data)
{
  Restart *r = data;
  Service *svc = r->svc;
  Camera *fresh;

  service_collect (svc, cam);
  g_ptr_array_remove_fast (svc->stopping, cam);
  camera_free (cam);
  if (!svc->shutting_down) {
    fresh = camera_new (r->next);
    g_hash_table_insert (svc->cameras, g_strdup (r->next->id), fresh);
    camera_start (fresh);
  }
  camera_config_free (r->next);
  g_free (r);
  maybe_quit (svc);
}

static void
service_stop_camera (Service * svc, Camera * cam, CameraStoppedFunc done,
    gpointer data)
{
  g_hash_table_steal (svc->cameras, camera_get_config (cam)->id);
  g_ptr_array_add (svc->stopping, cam);
  camera_stop (cam, svc->config->stop_timeout_s, done, data);
}

/* Applies @next: cameras whose resolved settings did not change keep
 * running untouched. */
static void
service_apply (Service * svc, ServiceConfig * next)
{
  GHashTableIter iter;
  gpointer key, value;
  GPtrArray *gone = g_ptr_array_new ();
  guint i;

  g_hash_table_iter_init (&iter, svc->cameras);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    Camera *cam = value;
    const CameraConfig *now = service_config_find_camera (next, key);

    if (now == NULL || !g_str_equal (now->fingerprint,
            camera_get_config (cam)->fingerprint))
      g_ptr_array_add (gone, cam);
  }
  for (i = 0; i < gone->len; i++) {
    Camera *cam = g_ptr_array_index (gone, i);
    const CameraConfig *now = service_config_find_camera (next,
        camera_get_config (cam)->id);

    if (now == NULL) {
      g_message ("camera %s: removed from the configuration",
          camera_get_config (cam)->id);
      service_stop_camera (svc, cam, on_camera_stopped, svc);
    } else {
      Restart *r = g_new0 (Restart, 1);

      g_message ("camera %s: settings changed, restarting", now->id);
      r->svc = svc;
      r->next = camera_config_copy (now);
      service_stop_camera (svc, cam, on_camera_restart, r);
    }
  }
  g_ptr_array_unref (gone);

  for (i = 0; i < next->cameras->len; i++) {
    const CameraConfig *c = g_ptr_array_index (next->cameras, i);
    gboolean restarting = FALSE;
    guint j;

    for (j = 0; j < svc->stopping->len; j++)
      if (g_str_equal (camera_get_config (g_ptr_array_index (svc->stopping,
                      j))->id, c->id))
        restarting = TRUE;
    if (!restarting && !g_hash_table_contains (svc->cameras, c->id)) {
      Camera *cam = camera_new (c);

      g_hash_table_insert (svc->cameras, g_strdup (c->id), cam);
      camera_start (cam);
    }
  }
  service_config_free (svc->config);
  svc->config = next;
}

static void
service_reload (Service * svc, const gchar * why)
{
  GError *err = NULL;
  ServiceConfig *next;

  if (svc->shutting_down)
    return;
  next = service_config_load (svc->config->path, &err);
  if (next == NULL) {
    g_warning ("configuration not reloaded (%s), the running one stays: %s",
        why, err->message);
    g_error_free (err);
    return;
  }
  g_message ("configuration reloaded (%s)", why);
  service_apply (svc, next);
}

static gboolean
config_stat (const gchar * path, struct stat *st)
{
  memset (st, 0, sizeof (*st));
  return stat (path, st) == 0;
}

static gboolean
on_reload_check (gpointer data)
{
  Service *svc = data;
  struct stat st;

  if (!config_stat (svc->config->path, &st))
    return G_SOURCE_CONTINUE;
  if (st.st_mtim.tv_sec != svc->config_stat.st_mtim.tv_sec
      || st.st_mtim.tv_nsec != svc->config_stat.st_mtim.tv_nsec
      || st.st_size != svc->config_stat.st_size
      || st.st_ino != svc->config_stat.st_ino) {
    svc->config_stat = st;
    service_reload (svc, "file changed");
  }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_sighup (gpointer data)
{
  Service *svc = data;

  config_stat (svc->config->path, &svc->config_stat);
  service_reload (svc, "SIGHUP");
  return G_SOURCE_CONTINUE;
}

/* The health file a local check reads (servicehealth.h); a failure to
 * write it is said once, and again when it is over. */
static void
service_write_health (Service * svc, const gchar * state)
{
  GError *err = NULL;

  if (svc->health_path == NULL)
    return;
  if (!service_health_write (svc->health_path, svc->config->service_id,
          state, svc->status_interval_s, svc->cameras, &err)) {
    if (!svc->health_failing)
      g_warning ("health file not written: %s", err->message);
    svc->health_failing = TRUE;
    g_error_free (err);
  } else if (svc->health_failing) {
    g_message ("health file written again");
    svc->health_failing = FALSE;
  }
}

static void
service_shutdown (Service * svc)
{
  GList *cams, *l;

  if (svc->shutting_down)
    return;
  svc->shutting_down = TRUE;
  sd_notify_send ("STOPPING=1");
  service_write_health (svc, "stopping");
  cams = g_hash_table_get_values (svc->cameras);
  for (l = cams; l != NULL; l = l->next)
    service_stop_camera (svc, l->data, on_camera_stopped, svc);
  g_list_free (cams);
  maybe_quit (svc);
}

static gboolean
on_stop_signal (gpointer data)
{
  Service *svc = data;

  g_message ("stopping: flushing alerts (a second signal stops at once)");
  /* From now on a signal exits at once, even while the main loop is busy.
   * The GLib sources stay: removing the last one would restore the
   * default action behind our back. */
  signal (SIGTERM, on_immediate_exit);
  signal (SIGINT, on_immediate_exit);
  service_shutdown (svc);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_status (gpointer data)
{
  Service *svc = data;
  GHashTableIter iter;
  gpointer key, value;
  GString *st = g_string_new (NULL);

  if (svc->status != NULL)
    service_status_publish (svc->status, svc->cameras);
  if (!svc->shutting_down)
    service_write_health (svc, "running");
  g_hash_table_iter_init (&iter, svc->cameras);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (st, "%s%s %s", st->len ? ", " : "",
        (const gchar *) key, camera_state_name (camera_get_state (value)));
  sd_notify_printf ("WATCHDOG=1\nSTATUS=%s", st->str);
  g_string_free (st, TRUE);
  return G_SOURCE_CONTINUE;
}

static const gchar usage_description[] =
    "Runs every camera of CONFIG (default " DEFAULT_CONFIG ") in its own\n"
    "pipelines: the camera's stream is decoded, plates are read and matched\n"
    "against the hotlists, alerts go to MQTT.  A camera that refuses, stalls\n"
    "or ends is reconnected with backoff while the others go on; an edited\n"
    "CONFIG (or SIGHUP) is applied without touching unchanged cameras;\n"
    "SIGTERM or SIGINT flush the alerts and stop (a second one stops at\n"
    "once).\n"
    "\n"
    "Exit status: 0 stopped cleanly; 2 bad usage or configuration;\n"
    "3 some alerts were neither delivered nor spooled; 4 stopped by a\n"
    "second signal before the alerts were flushed.\n"
    "\n"
    "With a state directory (STATE_DIRECTORY) the service keeps its health\n"
    "in " SERVICE_HEALTH_FILE " there, rewritten every status interval;\n"
    "--check-health reads it and exits 0 when it is fresh and says running,\n"
    "1 otherwise, with a line saying why (a container's HEALTHCHECK).";

/* --check-health: 0 healthy, 1 not (never 2, which Docker reserves). */
static int
check_health (void)
{
  gchar *path = service_health_path (), *summary = NULL;
  gboolean ok = FALSE;

  if (path == NULL)
    summary = g_strdup ("STATE_DIRECTORY is not set: the service keeps its "
        "health file in its state directory");
  else
    ok = service_health_check (path, &summary);
  if (ok)
    g_print ("%s\n", summary);
  else
    g_printerr ("unhealthy: %s\n", summary);
  g_free (summary);
  g_free (path);
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
main (int argc, char **argv)
{
  gchar *config_path = NULL;
  gboolean check_only = FALSE, health = FALSE, version = FALSE;
  GOptionEntry entries[] = {
    {"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
        "Configuration file", "CONFIG"},
    {"check", 0, 0, G_OPTION_ARG_NONE, &check_only,
        "Check the configuration and exit", NULL},
    {"check-health", 0, 0, G_OPTION_ARG_NONE, &health,
        "Say whether the running service is healthy and exit: 0 when it is",
        NULL},
    {"version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version", NULL},
    {NULL}
  };
  GOptionContext *ctx;
  GError *err = NULL;
  Service svc = { 0, };
  gint rc = EXIT_SUCCESS;
  gint64 deadline;
  gint i;

  ctx = g_option_context_new ("- run ANPR cameras as a service");
  g_option_context_set_description (ctx, usage_description);
  g_option_context_add_main_entries (ctx, entries, NULL);
  /* The health check runs every few seconds and needs no GStreamer:
   * without its option group, parsing does not initialise it (no plugin
   * registry to load, or to scan as a user who cannot write it). */
  for (i = 1; i < argc && !health; i++)
    health = g_str_equal (argv[i], "--check-health");
  if (!health)
    g_option_context_add_group (ctx, gst_init_get_option_group ());
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    g_printerr ("anpr-service: %s\n", err->message);
    g_error_free (err);
    g_option_context_free (ctx);
    return EXIT_CONFIG;
  }
  g_option_context_free (ctx);
  if (version) {
    g_print ("anpr-service %s\n", VERSION);
    return EXIT_SUCCESS;
  }
  if (health) {
    g_free (config_path);
    return check_health ();
  }
  if (config_path == NULL)
    config_path = g_strdup (DEFAULT_CONFIG);
  /* Handlers first: a stop asked for while the cameras are being set up
   * (the plugin scan can take seconds) waits for the main loop instead of
   * killing the process. */
  g_unix_signal_add (SIGTERM, on_stop_signal, &svc);
  g_unix_signal_add (SIGINT, on_stop_signal, &svc);
  g_unix_signal_add (SIGHUP, on_sighup, &svc);

  svc.config = service_config_load (config_path, &err);
  g_free (config_path);
  if (svc.config == NULL) {
    g_printerr ("anpr-service: %s\n", err->message);
    g_error_free (err);
    return EXIT_CONFIG;
  }
  if (check_only) {
    g_print ("%s: %u camera(s), OK\n", svc.config->path,
        svc.config->cameras->len);
    service_config_free (svc.config);
    return EXIT_SUCCESS;
  }
  config_stat (svc.config->path, &svc.config_stat);

  svc.loop = g_main_loop_new (NULL, FALSE);
  svc.cameras = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  svc.stopping = g_ptr_array_new ();
  /* a camera writing to a broker that went away must not kill us */
  signal (SIGPIPE, SIG_IGN);

  if (svc.config->mqtt_url != NULL) {
    svc.status = service_status_new (svc.config, &err);
    if (svc.status == NULL) {
      g_printerr ("anpr-service: %s\n", err->message);
      g_error_free (err);
      service_config_free (svc.config);
      return EXIT_CONFIG;
    }
  }

  {
    ServiceConfig *first = svc.config;
    svc.config = g_new0 (ServiceConfig, 1);
    svc.config->cameras = g_ptr_array_new ();
    svc.config->path = g_strdup (first->path);
    svc.config->stop_timeout_s = first->stop_timeout_s;
    service_apply (&svc, first);
  }
  g_message ("running %u camera(s) from %s", svc.config->cameras->len,
      svc.config->path);
  if (svc.config->reload_check_s > 0)
    svc.reload_id = g_timeout_add_seconds (svc.config->reload_check_s,
        on_reload_check, &svc);
  svc.health_path = service_health_path ();
  svc.status_interval_s = sd_notify_watchdog_interval_s (5);
  service_write_health (&svc, "running");
  svc.status_id = g_timeout_add_seconds (svc.status_interval_s, on_status,
      &svc);
  sd_notify_send ("READY=1");

  g_main_loop_run (svc.loop);

  if (svc.reload_id != 0)
    g_source_remove (svc.reload_id);
  g_source_remove (svc.status_id);
  /* sources of cameras that dropped may still be closing */
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (camera_pending_teardowns () > 0 && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  if (svc.status != NULL)
    service_status_free (svc.status);
  service_write_health (&svc, "stopped");
  g_free (svc.health_path);
  if (svc.undelivered > 0) {
    g_warning ("%" G_GUINT64_FORMAT " alert(s) were neither delivered nor "
        "spooled", svc.undelivered);
    rc = EXIT_ALERTS_LOST;
  }
  g_message ("stopped");
  g_hash_table_unref (svc.cameras);
  g_ptr_array_unref (svc.stopping);
  service_config_free (svc.config);
  g_main_loop_unref (svc.loop);
  return rc;
}
