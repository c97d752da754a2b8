/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* MqttPublisher: the MQTT client hotlistmatch publishes through (never
 * blocks the caller, keeps messages until the broker acknowledges them). */

#ifndef __MQTT_PUBLISHER_H__
#define __MQTT_PUBLISHER_H__

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _MqttPublisher MqttPublisher;

/**
 * MqttPublisherConfig:
 * @host: broker host
 * @port: broker port
 * @client_id: MQTT client id (not %NULL)
 * @username: (nullable): user name
 * @password: (nullable): password; only handed to libmosquitto, never
 *   logged or kept beyond mqtt_publisher_new()
 * @status_topic: retained "online" on connect, "offline" on clean stop and
 *   as the last will
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
 *   directory too (one file each), and reload what is there at start
 * @spool_max_messages: with @spool_dir, most messages kept (replaces
 *   @queue_size)
 * @spool_max_bytes: with @spool_dir, most payload bytes kept
 * @notify: (nullable): called, from any thread, with a message for the
 *   user when the broker refuses the connection or TLS fails (never holds
 *   credentials)
 * @notify_data: for @notify
 */
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
  void (*notify) (gpointer data, const gchar * message);
  gpointer notify_data;
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
} MqttPublisherStats;

void mqtt_publisher_init_debug (void);

MqttPublisher *mqtt_publisher_new (const MqttPublisherConfig * config,
    GError ** error);

guint mqtt_publisher_publish (MqttPublisher * mqtt, const gchar * topic,
    const gchar * payload, gint qos, const gchar * event_id);

gboolean mqtt_publisher_flush (MqttPublisher * mqtt, gint64 timeout_us);

void mqtt_publisher_get_stats (MqttPublisher * mqtt,
    MqttPublisherStats * stats);

void mqtt_publisher_free (MqttPublisher * mqtt, gint64 flush_timeout_us);

G_END_DECLS

#endif /* __MQTT_PUBLISHER_H__ */
