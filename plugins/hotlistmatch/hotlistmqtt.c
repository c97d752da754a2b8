/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* MQTT setup at start: the topics, and the mqtt-* properties (URL,
 * credentials and the password file, TLS files, spool and queue bounds)
 * checked and turned into the MqttPublisher the element publishes
 * through; and the retained status JSON, made on the publisher's thread. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hotlistmqtt.h"
#include "hotlistprops.h"
#include "hotlistremote.h"

#define GST_CAT_DEFAULT gst_hotlist_match_debug

static gboolean
topic_level_ok (const gchar * s, gboolean allow_slash)
{
  if (!s || !*s)
    return FALSE;
  if (strpbrk (s, "+#"))
    return FALSE;
  return allow_slash || !strchr (s, '/');
}

gboolean
gst_hotlist_match_set_topics (GstHotlistMatch * self, const gchar * prefix,
    const gchar * camera)
{
  if (!topic_level_ok (camera, FALSE)) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("Invalid camera-id '%s': must be non-empty without '/', '+' or '#'",
            GST_STR_NULL (camera)), (NULL));
    return FALSE;
  }
  /* the subtrees of the hotlists and of the service's status: an ACL
   * giving a camera's host <prefix>/<camera-id>/# would give it those */
  if (!strcmp (camera, "hotlist") || !strcmp (camera, "service")) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("Invalid camera-id '%s': the name of a topic subtree of its own "
            "(<topic-prefix>/%s/...)", camera, camera), (NULL));
    return FALSE;
  }
  if (!topic_level_ok (prefix, TRUE)) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("Invalid topic-prefix '%s': must be non-empty without '+' or '#'",
            GST_STR_NULL (prefix)), (NULL));
    return FALSE;
  }
  g_free (self->topic_match);
  g_free (self->topic_read);
  self->topic_match = g_strdup_printf ("%s/%s/match", prefix, camera);
  self->topic_read = g_strdup_printf ("%s/%s/read", prefix, camera);
  return TRUE;
}

/* From the MQTT client's threads (and start): a refused connection, a TLS
 * failure, a broker unreachable or back, a spool that cannot be used.  The
 * text never holds credentials. */
static void
mqtt_notify (gpointer data, MqttPublisherNotifyLevel level,
    const gchar * message)
{
  GstHotlistMatch *self = data;

  if (level == MQTT_PUBLISHER_NOTIFY_WARNING)
    GST_ELEMENT_WARNING (self, RESOURCE, WRITE, ("%s", message), (NULL));
  else
    GST_ELEMENT_INFO (self, RESOURCE, WRITE, ("%s", message), (NULL));
}

/* ---- status --------------------------------------------------------- */

/* The MQTT thread's view of the video, under status_lock. */
static const gchar *
video_state (GstHotlistMatch * self, gint source_state, gdouble timeout_s,
    gint64 now)
{
  gint64 since = self->last_buffer_us ? self->last_buffer_us :
      self->started_us;

  if (source_state == GST_HOTLIST_MATCH_SOURCE_RECONNECTING)
    return "reconnecting";
  if (now - since >= (gint64) (timeout_s * G_USEC_PER_SEC))
    return "no-video";
  return "online";
}

/* @str as a JSON string, quotes included. */
static void
append_json_string (GString * s, const gchar * str)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  JsonGenerator *gen = json_generator_new ();
  gchar *text;

  json_node_set_string (node, str);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  g_string_append (s, text);
  g_free (text);
  g_object_unref (gen);
  json_node_unref (node);
}

/* Written by hand: json-glib would write 24.97 as 24.969999999999999. */
static gchar *
status_json (const gchar * camera, const gchar * state, gdouble fps,
    guint64 analysed, guint64 dropped, gint64 searched, gint64 skipped,
    gint64 read_age_us, const gchar * hotlist, const MqttPublisherStats * st)
{
  GString *s = g_string_new ("{\"camera_id\":");
  GDateTime *dt = g_date_time_new_now_utc ();
  gchar *secs = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  gchar num[G_ASCII_DTOSTR_BUF_SIZE];

  append_json_string (s, camera);
  g_string_append_printf (s, ",\"state\":\"%s\",\"fps\":%s", state,
      g_ascii_formatd (num, sizeof (num), "%.2f", fps));
  g_string_append_printf (s, ",\"frames_analysed\":%" G_GUINT64_FORMAT
      ",\"frames_dropped\":%" G_GUINT64_FORMAT ",\"last_read_age_s\":%s",
      analysed, dropped, read_age_us < 0 ? "null" :
      g_ascii_formatd (num, sizeof (num), "%.1f",
          read_age_us / (gdouble) G_USEC_PER_SEC));
  /* platedetect's own counts: null without one upstream */
  if (searched >= 0)
    g_string_append_printf (s, ",\"frames_searched\":%" G_GINT64_FORMAT
        ",\"frames_skipped\":%" G_GINT64_FORMAT, searched, skipped);
  else
    g_string_append (s, ",\"frames_searched\":null,\"frames_skipped\":null");
  /* the lists matched against, the one from MQTT with its version */
  g_string_append_printf (s, ",\"hotlist\":%s", hotlist);
  g_string_append_printf (s, ",\"queue_depth\":%u,\"spool_depth\":%u,"
      "\"reads_expired\":%" G_GUINT64_FORMAT ",\"timestamp\":\"%s.%03dZ\"}",
      st->queued + st->in_flight, st->spooled, st->expired, secs,
      g_date_time_get_microsecond (dt) / 1000);
  g_free (secs);
  g_date_time_unref (dt);
  return g_string_free (s, FALSE);
}

/* The MQTT thread, about every 250 ms: the status on each connection, on
 * each change of state and every status-interval. */
static void
mqtt_tick (MqttPublisher * mqtt, gpointer data, gboolean connected_now)
{
  GstHotlistMatch *self = data;
  MqttPublisherStats st;
  gint64 now = g_get_monotonic_time (), read_age = -1, elapsed;
  guint interval;
  gdouble timeout_s, fps;
  gint source_state;
  const gchar *state;
  guint64 analysed, dropped;
  gint64 searched, skipped;
  gchar *camera, *json, *hotlist;
  gboolean hotlist_due;

  GST_OBJECT_LOCK (self);
  interval = self->status_interval;
  timeout_s = self->no_video_timeout;
  source_state = self->source_state;
  camera = g_strdup (self->camera_id);
  GST_OBJECT_UNLOCK (self);

  /* a hotlist applied or refused is said at once */
  hotlist_due = g_atomic_int_compare_and_exchange (&self->remote_status_due,
      1, 0);
  g_mutex_lock (&self->status_lock);
  state = video_state (self, source_state, timeout_s, now);
  if (!connected_now && !hotlist_due && state == self->status_state &&
      now - self->last_status_us < interval * G_USEC_PER_SEC) {
    g_mutex_unlock (&self->status_lock);
    g_free (camera);
    return;
  }
  analysed = self->frames_analysed;
  dropped = self->frames_dropped;
  searched = self->frames_searched;
  skipped = self->frames_skipped;
  if (self->last_read_us)
    read_age = now - self->last_read_us;
  elapsed = now - (self->last_status_us ? self->last_status_us :
      self->started_us);
  fps = elapsed > 0 ? (analysed - self->status_frames) * (gdouble)
      G_USEC_PER_SEC / elapsed : 0.0;
  if (state != self->status_state)
    GST_INFO_OBJECT (self, "status %s -> %s", GST_STR_NULL (self->status_state),
        state);
  self->status_state = state;
  self->last_status_us = now;
  self->status_frames = analysed;
  g_mutex_unlock (&self->status_lock);

  mqtt_publisher_get_stats (mqtt, &st);
  hotlist = gst_hotlist_match_remote_status_json (self);
  json = status_json (camera, state, fps, analysed, dropped, searched,
      skipped, read_age, hotlist, &st);
  mqtt_publisher_set_status (mqtt, json);
  g_free (json);
  g_free (hotlist);
  g_free (camera);
}

/* Creates self->mqtt from the MQTT properties; posts an error and returns
 * FALSE when they are not usable. */
gboolean
gst_hotlist_match_start_mqtt (GstHotlistMatch * self, const gchar * url,
    const gchar * prefix, const gchar * camera)
{
  MqttPublisherConfig cfg = { 0, };
  gchar *host = NULL, *status = NULL, *password = NULL, *cid = NULL;
  gchar *offline = NULL, *own_prefix = NULL;
  gchar *client_id, *username, *pwfile, *ca_file, *cert_file, *key_file;
  gchar *spool_dir;
  gint port = 0;
  gboolean tls = FALSE, ok = FALSE;
  GError *err = NULL;

  GST_OBJECT_LOCK (self);
  client_id = g_strdup (self->client_id);
  username = g_strdup (self->username);
  pwfile = g_strdup (self->password_file);
  ca_file = g_strdup (self->ca_file);
  cert_file = g_strdup (self->cert_file);
  key_file = g_strdup (self->key_file);
  spool_dir = g_strdup (self->spool_dir);
  cfg.queue_size = self->queue_size;
  cfg.keepalive = self->keepalive;
  cfg.spool_max_messages = self->spool_max_messages;
  cfg.spool_max_bytes = self->spool_max_bytes;
  GST_OBJECT_UNLOCK (self);

  if (!mqtt_publisher_parse_url (url, &host, &port, &tls, &err)) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("Invalid mqtt-url: %s", err->message), (NULL));
    goto done;
  }
  if (!tls && ((ca_file && *ca_file) || (cert_file && *cert_file) ||
          (key_file && *key_file))) {
    /* certificates given but a plain connection asked for: refuse rather
     * than send alerts and credentials in the clear */
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("mqtt-ca-file, mqtt-cert-file and mqtt-key-file need an mqtts:// "
            "mqtt-url"), (NULL));
    goto done;
  }
  if (!mqtt_publisher_read_password (pwfile, &password, &err)) {
    GST_ELEMENT_ERROR (self, RESOURCE, OPEN_READ,
        ("Could not read the MQTT password file: %s", err->message), (NULL));
    goto done;
  }
  status = g_strdup_printf ("%s/%s/status", prefix, camera);
  own_prefix = g_strdup_printf ("%s/%s/", prefix, camera);
  {
    /* the last will, and what a clean stop leaves */
    JsonBuilder *b = json_builder_new ();
    JsonGenerator *gen = json_generator_new ();
    JsonNode *root;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "camera_id");
    json_builder_add_string_value (b, camera);
    json_builder_set_member_name (b, "state");
    json_builder_add_string_value (b, "offline");
    json_builder_end_object (b);
    root = json_builder_get_root (b);
    json_generator_set_root (gen, root);
    offline = json_generator_to_data (gen, NULL);
    json_node_unref (root);
    g_object_unref (gen);
    g_object_unref (b);
  }
  g_mutex_lock (&self->status_lock);
  self->started_us = g_get_monotonic_time ();
  self->last_buffer_us = self->last_read_us = 0;
  self->frames_analysed = self->frames_dropped = 0;
  self->frames_searched = self->frames_skipped = -1;
  self->status_state = NULL;
  self->last_status_us = 0;
  self->status_frames = 0;
  g_mutex_unlock (&self->status_lock);
  if (client_id && *client_id) {
    cid = g_strdup (client_id);
  } else {
    gchar *uuid = g_uuid_string_random ();
    uuid[8] = '\0';
    cid = g_strdup_printf ("gst-anpr-%s-%s", camera, uuid);
    g_free (uuid);
  }
  cfg.host = host;
  cfg.port = port;
  cfg.tls = tls;
  cfg.ca_file = ca_file && *ca_file ? ca_file : NULL;
  cfg.cert_file = cert_file && *cert_file ? cert_file : NULL;
  cfg.key_file = key_file && *key_file ? key_file : NULL;
  cfg.spool_dir = spool_dir && *spool_dir ? spool_dir : NULL;
  cfg.notify = mqtt_notify;
  cfg.tick = mqtt_tick;
  cfg.notify_data = self;
  cfg.offline_payload = offline;
  cfg.topic_prefix = own_prefix;
  cfg.unreachable_grace_ms = HOTLIST_MQTT_UNREACHABLE_GRACE_MS;
  cfg.client_id = cid;
  cfg.username = username && *username ? username : NULL;
  cfg.password = password;
  cfg.status_topic = status;
  cfg.reconnect_delay_min = 1;
  cfg.reconnect_delay_max = 30;
  /* hotlist-name: the list's topics */
  gst_hotlist_match_remote_configure (self, &cfg);
  self->mqtt = mqtt_publisher_new (&cfg, &err);
  if (!self->mqtt) {
    GST_ELEMENT_ERROR (self, RESOURCE, OPEN_WRITE,
        ("Could not set up MQTT: %s", err->message), (NULL));
    goto done;
  }
  if (cfg.spool_dir) {
    MqttPublisherStats st;

    mqtt_publisher_get_stats (self->mqtt, &st);
    if (st.load_dropped)
      GST_ELEMENT_WARNING (self, RESOURCE, READ,
          ("MQTT spool %s: dropped %u message(s) left from before "
              "(beyond spool-max-messages/spool-max-bytes, or unreadable)",
              cfg.spool_dir, st.load_dropped), (NULL));
    if (st.loaded)
      GST_INFO_OBJECT (self, "%u message(s) from the spool %s to send",
          st.loaded, cfg.spool_dir);
    if (st.expired)
      GST_ELEMENT_INFO (self, RESOURCE, READ,
          ("MQTT spool %s: deleted %" G_GUINT64_FORMAT " message(s) older "
              "than read-max-age unsent", cfg.spool_dir, st.expired), (NULL));
  }
  ok = TRUE;

done:
  g_clear_error (&err);
  mqtt_publisher_free_password (password);
  g_free (host);
  g_free (status);
  g_free (offline);
  g_free (own_prefix);
  g_free (cid);
  g_free (client_id);
  g_free (username);
  g_free (pwfile);
  g_free (ca_file);
  g_free (cert_file);
  g_free (key_file);
  g_free (spool_dir);
  return ok;
}
