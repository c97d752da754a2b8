/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* MqttPublisher: the MQTT client hotlistmatch publishes through (never
 * blocks the caller, keeps messages until the broker acknowledges them).
 * Knows nothing of GStreamer elements, so a service program can use it. */

#ifndef __MQTT_PUBLISHER_H__
#define __MQTT_PUBLISHER_H__

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _MqttPublisher MqttPublisher;

/* The password's environment variable, when no password file is named. */
#define MQTT_PUBLISHER_PASSWORD_ENV "ANPR_MQTT_PASSWORD"

/**
 * MqttPublisherConfig:
 * @host: broker host
 * @port: broker port
 * @client_id: MQTT client id (not %NULL)
 * @username: (nullable): user name
 * @password: (nullable): password; only handed to libmosquitto, never
 *   logged or kept beyond mqtt_publisher_new()
 * @status_topic: the retained status topic
 * @offline_payload: retained on @status_topic as the last will and on a
 *   clean stop
 * @topic_prefix: (nullable): spooled messages are only published to topics
 *   starting with this; files naming another topic are renamed aside
 * @queue_size: most messages kept (queued and in flight) while the broker
 *   is slow or away; the oldest queued one is dropped beyond that
 * @keepalive: seconds
 * @reconnect_delay_min: seconds before the first reconnection attempt
 * @reconnect_delay_max: backoff doubles up to this
 * @tls: connect with TLS (mqtts://)
 * @ca_file: (nullable): CA certificate(s) (PEM) the broker's certificate
 *   must chain to; %NULL: the system's trusted CAs
 * @cert_file: (nullable): client certificate (PEM), with @key_file
 * @key_file: (nullable): the client certificate's unencrypted key (PEM)
 * @spool_dir: (nullable): keep every message not yet acknowledged in this
 *   directory too (one file each), and reload what is there at start.  A
 *   directory that cannot be used (not writable, open to other users) is
 *   reported through @notify and the publisher keeps messages in memory
 * @spool_max_messages: with @spool_dir, most messages kept on disk; more
 *   are kept in memory only (up to @queue_size more)
 * @spool_max_bytes: with @spool_dir, most payload bytes kept on disk
 * @unreachable_grace_ms: how long the broker may be unreachable before
 *   @notify is told (once per outage)
 * @notify: (nullable): called, from any thread, with a message for the
 *   user: the broker refuses the connection, TLS fails, the broker is
 *   unreachable or back, the spool cannot be used (never holds credentials)
 * @notify_data: for @notify and @tick
 * @subscriptions: (nullable) (array zero-terminated=1): topics subscribed
 *   to at QoS 1 on every connection (the session is clean: the broker
 *   sends their retained messages again each time)
 * @message: (nullable): called from the network thread, without locks
 *   held, with each message received on @subscriptions; return soon (hand
 *   lengthy work to a thread of your own)
 * @tick: (nullable): called about every 250 ms from the network thread,
 *   without locks held, and with @connected_now %TRUE right after each
 *   connection; a place for mqtt_publisher_set_status()
 */
typedef enum
{
  MQTT_PUBLISHER_NOTIFY_WARNING,
  MQTT_PUBLISHER_NOTIFY_INFO,
} MqttPublisherNotifyLevel;

typedef struct
{
  const gchar *host;
  gint port;
  gboolean tls;
  const gchar *ca_file;
  const gchar *cert_file;
  const gchar *key_file;
  const gchar *spool_dir;
  guint spool_max_messages;
  guint64 spool_max_bytes;
  void (*notify) (gpointer data, MqttPublisherNotifyLevel level,
      const gchar * message);
  void (*tick) (MqttPublisher * mqtt, gpointer data, gboolean connected_now);
  gpointer notify_data;
  const gchar *const *subscriptions;
  void (*message) (gpointer data, const gchar * topic, const gchar * payload,
      gsize len, gboolean retained);
  const gchar *offline_payload;
  const gchar *topic_prefix;
  guint unreachable_grace_ms;
  const gchar *client_id;
  const gchar *username;
  const gchar *password;
  const gchar *status_topic;
  guint queue_size;
  gint keepalive;
  guint reconnect_delay_min;
  guint reconnect_delay_max;
} MqttPublisherConfig;

/**
 * MqttPublisherStats:
 * @connected: a CONNACK was received and no disconnection since
 * @queued: messages waiting to be handed to the broker
 * @in_flight: handed to the broker, not yet acknowledged
 * @delivered: acknowledged (PUBACK for QoS 1, PUBCOMP for QoS 2, written
 *   to the socket for QoS 0) since start
 * @dropped: dropped since start (queue overflow, or still undelivered at
 *   shutdown without a spool)
 * @loaded: messages reloaded from the spool at start
 * @load_dropped: spooled messages dropped at start to stay within the
 *   bounds, or unreadable
 * @spooled: messages kept on disk now
 * @rejected: spooled messages set aside at start (topic not ours)
 * @expired: messages deleted unsent at their expiry since start (those
 *   found expired in the spool at start included)
 */
typedef struct
{
  gboolean connected;
  guint queued;
  guint in_flight;
  guint64 delivered;
  guint64 dropped;
  guint loaded;
  guint load_dropped;
  guint spooled;
  guint rejected;
  guint64 expired;
} MqttPublisherStats;

void mqtt_publisher_init_debug (void);

gboolean mqtt_publisher_parse_url (const gchar * url, gchar ** host,
    gint * port, gboolean * tls, GError ** error);

gboolean mqtt_publisher_read_password (const gchar * file,
    gchar ** password, GError ** error);

void mqtt_publisher_free_password (gchar * password);

MqttPublisher *mqtt_publisher_new (const MqttPublisherConfig * config,
    GError ** error);

guint mqtt_publisher_publish (MqttPublisher * mqtt, const gchar * topic,
    const gchar * payload, gint qos, const gchar * event_id);

guint mqtt_publisher_publish_expiring (MqttPublisher * mqtt,
    const gchar * topic, const gchar * payload, gint qos,
    const gchar * event_id, gint64 expires);

gboolean mqtt_publisher_flush (MqttPublisher * mqtt, gint64 timeout_us);

void mqtt_publisher_get_stats (MqttPublisher * mqtt,
    MqttPublisherStats * stats);

guint mqtt_publisher_sync_spool (MqttPublisher * mqtt);

void mqtt_publisher_set_status (MqttPublisher * mqtt, const gchar * payload);

guint mqtt_publisher_free (MqttPublisher * mqtt, gint64 flush_timeout_us);

G_END_DECLS

#endif /* __MQTT_PUBLISHER_H__ */
