/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "servicestatus.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <mosquitto.h>

#include "camera.h"

struct _ServiceStatus
{
  struct mosquitto *mosq;
  gchar *topic;
  gchar *service_id;
  gchar *host;
  gint port;
  gchar *started;
  gboolean refused_reported;
  gint offline_mid;             /* the clean-stop message, once sent */
  gint offline_delivered;       /* atomic */
};

static gchar *
offline_payload (const gchar * id)
{
  return g_strdup_printf ("{\"service_id\":\"%s\",\"state\":\"offline\"}",
      id);
}

static void
on_connect (struct mosquitto *mosq, void *data, int rc)
{
  ServiceStatus *st = data;

  (void) mosq;
  if (rc != 0 && !st->refused_reported) {
    st->refused_reported = TRUE;
    g_warning ("status: broker %s:%d refused the connection: %s", st->host,
        st->port, mosquitto_connack_string (rc));
  } else if (rc == 0) {
    st->refused_reported = FALSE;
  }
}

static void
on_publish (struct mosquitto *mosq, void *data, int mid)
{
  ServiceStatus *st = data;

  (void) mosq;
  if (mid == g_atomic_int_get (&st->offline_mid))
    g_atomic_int_set (&st->offline_delivered, 1);
}

/* mqtt[s]://host[:port] into its parts. */
static gboolean
parse_url (const gchar * url, gchar ** host, gint * port, gboolean * tls,
    GError ** error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const gchar *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL
      || g_uri_get_userinfo (uri) != NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "[service] mqtt-url must be mqtt://host[:port] or "
        "mqtts://host[:port], without user or password");
    return FALSE;
  }
  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "mqtt") != 0 && g_strcmp0 (scheme, "mqtts") != 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "[service] mqtt-url: unknown scheme '%s'", scheme);
    return FALSE;
  }
  *tls = g_str_equal (scheme, "mqtts");
  *host = g_strdup (g_uri_get_host (uri));
  *port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : *tls ? 8883 :
      1883;
  return TRUE;
}

static gchar *
read_password (const ServiceConfig * config, GError ** error)
{
  gchar *contents = NULL;
  gchar *nl;

  if (config->mqtt_password_file == NULL)
    return g_strdup (g_getenv ("ANPR_MQTT_PASSWORD"));
  if (!g_file_get_contents (config->mqtt_password_file, &contents, NULL,
          error))
    return NULL;
  nl = strpbrk (contents, "\r\n");
  if (nl != NULL)
    *nl = '\0';
  return contents;
}

ServiceStatus *
service_status_new (const ServiceConfig * config, GError ** error)
{
  ServiceStatus *st = g_new0 (ServiceStatus, 1);
  gboolean tls = FALSE;
  gchar *client_id, *will, *password = NULL;
  GError *err = NULL;
  int rc;

  if (!parse_url (config->mqtt_url, &st->host, &st->port, &tls, error))
    goto fail;
  if (!tls && (config->mqtt_ca_file || config->mqtt_cert_file)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "[service]: certificate files with an mqtt:// URL (use mqtts://)");
    goto fail;
  }
  st->service_id = g_strdup (config->service_id);
  st->topic = g_strdup_printf ("%s/service/%s/status", config->topic_prefix,
      config->service_id);
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    st->started = g_date_time_format_iso8601 (now);
  }

  mosquitto_lib_init ();
  client_id = g_strdup_printf ("gst-anpr-service-%s-%08x",
      config->service_id, g_random_int ());
  st->mosq = mosquitto_new (client_id, true, st);
  g_free (client_id);
  if (st->mosq == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
        "cannot create an MQTT client");
    goto fail;
  }
  mosquitto_connect_callback_set (st->mosq, on_connect);
  mosquitto_publish_callback_set (st->mosq, on_publish);
  mosquitto_reconnect_delay_set (st->mosq, 1, 60, true);
  will = offline_payload (st->service_id);
  mosquitto_will_set (st->mosq, st->topic, strlen (will), will, 1, true);
  g_free (will);
  if (config->mqtt_username != NULL) {
    password = read_password (config, &err);
    if (err != NULL) {
      g_set_error (error, err->domain, err->code, "[service] "
          "mqtt-password-file: %s", err->message);
      g_error_free (err);
      goto fail;
    }
    mosquitto_username_pw_set (st->mosq, config->mqtt_username, password);
    if (password != NULL) {
      memset (password, 0, strlen (password));
      g_free (password);
    }
  }
  if (tls) {
    rc = mosquitto_tls_set (st->mosq, config->mqtt_ca_file,
        config->mqtt_ca_file ? NULL : "/etc/ssl/certs",
        config->mqtt_cert_file, config->mqtt_key_file, NULL);
    if (rc != MOSQ_ERR_SUCCESS) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
          "[service]: TLS settings refused: %s", mosquitto_strerror (rc));
      goto fail;
    }
  }
  /* One thread, libmosquitto's, drives the client: it makes the first
   * connection and every later one. */
  rc = mosquitto_connect_async (st->mosq, st->host, st->port, 30);
  if (rc != MOSQ_ERR_SUCCESS)
    g_warning ("status: broker %s:%d not reachable yet (%s); will retry",
        st->host, st->port, rc == MOSQ_ERR_ERRNO ? g_strerror (errno) :
        mosquitto_strerror (rc));
  rc = mosquitto_loop_start (st->mosq);
  if (rc != MOSQ_ERR_SUCCESS) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
        "cannot start the MQTT thread: %s", mosquitto_strerror (rc));
    goto fail;
  }
  return st;

fail:
  if (st->mosq != NULL)
    mosquitto_destroy (st->mosq);
  g_free (st->host);
  g_free (st->topic);
  g_free (st->service_id);
  g_free (st->started);
  g_free (st);
  return NULL;
}

void
service_status_publish (ServiceStatus * st, GHashTable * cameras,
    gboolean final)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  gchar *ts = g_date_time_format_iso8601 (now);
  gchar *payload;
  GHashTableIter iter;
  gpointer key, value;

  if (final) {
    gint mid = 0;

    payload = offline_payload (st->service_id);
    g_atomic_int_set (&st->offline_mid, -1);
    if (mosquitto_publish (st->mosq, &mid, st->topic, strlen (payload),
            payload, 1, true) == MOSQ_ERR_SUCCESS)
      g_atomic_int_set (&st->offline_mid, mid);
    g_free (payload);
    g_free (ts);
    return;
  }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "service_id");
  json_builder_add_string_value (b, st->service_id);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, "running");
  json_builder_set_member_name (b, "pid");
  json_builder_add_int_value (b, getpid ());
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, VERSION);
  json_builder_set_member_name (b, "started");
  json_builder_add_string_value (b, st->started);
  json_builder_set_member_name (b, "timestamp");
  json_builder_add_string_value (b, ts);
  json_builder_set_member_name (b, "cameras");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, cameras);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    json_builder_set_member_name (b, key);
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "state");
    json_builder_add_string_value (b,
        camera_state_name (camera_get_state (value)));
    json_builder_set_member_name (b, "frames");
    json_builder_add_int_value (b, (gint64) camera_get_frames (value));
    json_builder_end_object (b);
  }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  payload = json_generator_to_data (gen, NULL);
  mosquitto_publish (st->mosq, NULL, st->topic, strlen (payload), payload, 1,
      true);
  g_free (payload);
  g_free (ts);
}

void
service_status_free (ServiceStatus * st)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  /* the clean-stop "offline" goes out before the disconnect, when the
   * broker is there to take it */
  while (g_atomic_int_get (&st->offline_mid) > 0
      && !g_atomic_int_get (&st->offline_delivered)
      && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  mosquitto_disconnect (st->mosq);
  mosquitto_loop_stop (st->mosq, false);
  mosquitto_destroy (st->mosq);
  mosquitto_lib_cleanup ();
  g_free (st->host);
  g_free (st->topic);
  g_free (st->service_id);
  g_free (st->started);
  g_free (st);
}
