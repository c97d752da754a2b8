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

#include <string.h>
#include <unistd.h>
#include <json-glib/json-glib.h>

#include "camera.h"
#include "mqttpublisher.h"

/* The same client as hotlistmatch's: one network thread, reconnection with
 * backoff, TLS failures that say why, the status retained and sent again
 * on every connection, the offline payload as last will and at a clean
 * stop. */
struct _ServiceStatus
{
  MqttPublisher *mqtt;
  gchar *service_id;
  gchar *started;
};

static void
on_notify (gpointer data, MqttPublisherNotifyLevel level,
    const gchar * message)
{
  (void) data;
  if (level == MQTT_PUBLISHER_NOTIFY_WARNING)
    g_warning ("status: %s", message);
  else
    g_message ("status: %s", message);
}

ServiceStatus *
service_status_new (const ServiceConfig * config, GError ** error)
{
  ServiceStatus *st;
  MqttPublisherConfig cfg = { 0, };
  gchar *host = NULL, *password = NULL, *topic, *offline, *client_id;
  gboolean tls = FALSE;
  GError *err = NULL;

  if (!mqtt_publisher_parse_url (config->mqtt_url, &host, &cfg.port, &tls,
          &err)) {
    g_set_error (error, err->domain, err->code, "[service] mqtt-url: %s",
        err->message);
    g_error_free (err);
    return NULL;
  }
  if (!tls && (config->mqtt_ca_file || config->mqtt_cert_file
          || config->mqtt_key_file)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "[service]: certificate files with an mqtt:// URL (use mqtts://)");
    g_free (host);
    return NULL;
  }
  if (config->mqtt_username != NULL
      && !mqtt_publisher_read_password (config->mqtt_password_file,
          &password, &err)) {
    g_set_error (error, err->domain, err->code,
        "[service] mqtt-password-file: %s", err->message);
    g_error_free (err);
    g_free (host);
    return NULL;
  }

  st = g_new0 (ServiceStatus, 1);
  st->service_id = g_strdup (config->service_id);
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    st->started = g_date_time_format_iso8601 (now);
  }
  topic = g_strdup_printf ("%s/service/%s/status", config->topic_prefix,
      config->service_id);
  offline = g_strdup_printf ("{\"service_id\":\"%s\",\"state\":"
      "\"offline\"}", config->service_id);
  client_id = g_strdup_printf ("gst-anpr-service-%s-%08x",
      config->service_id, g_random_int ());
  cfg.host = host;
  cfg.tls = tls;
  cfg.ca_file = config->mqtt_ca_file;
  cfg.cert_file = config->mqtt_cert_file;
  cfg.key_file = config->mqtt_key_file;
  cfg.client_id = client_id;
  cfg.username = config->mqtt_username;
  cfg.password = password;
  cfg.status_topic = topic;
  cfg.offline_payload = offline;
  cfg.notify = on_notify;
  cfg.unreachable_grace_ms = 5000;
  /* only the retained status goes out here: no queue to speak of */
  cfg.queue_size = 4;
  cfg.keepalive = 30;
  cfg.reconnect_delay_min = 1;
  cfg.reconnect_delay_max = 60;
  st->mqtt = mqtt_publisher_new (&cfg, error);
  mqtt_publisher_free_password (password);
  g_free (host);
  g_free (topic);
  g_free (offline);
  g_free (client_id);
  if (st->mqtt == NULL) {
    g_free (st->service_id);
    g_free (st->started);
    g_free (st);
    return NULL;
  }
  return st;
}

void
service_status_publish (ServiceStatus * st, GHashTable * cameras)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  gchar *ts = g_date_time_format_iso8601 (now);
  gchar *payload;
  GHashTableIter iter;
  gpointer key, value;

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
    guint64 hotlist_version = camera_get_hotlist_version (value);

    json_builder_set_member_name (b, key);
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "state");
    json_builder_add_string_value (b,
        camera_state_name (camera_get_state (value)));
    json_builder_set_member_name (b, "frames");
    json_builder_add_int_value (b, (gint64) camera_get_frames (value));
    /* the MQTT hotlist each camera runs: a rollout shows here */
    if (hotlist_version > 0) {
      json_builder_set_member_name (b, "hotlist_version");
      json_builder_add_int_value (b, (gint64) hotlist_version);
    }
    json_builder_end_object (b);
  }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  payload = json_generator_to_data (gen, NULL);
  mqtt_publisher_set_status (st->mqtt, payload);
  g_free (payload);
  g_free (ts);
}

void
service_status_free (ServiceStatus * st)
{
  /* the clean-stop "offline" goes out before the disconnect, when the
   * broker is there to take it */
  mqtt_publisher_free (st->mqtt, 2 * G_USEC_PER_SEC);
  g_free (st->service_id);
  g_free (st->started);
  g_free (st);
}
