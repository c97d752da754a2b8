/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* MqttPublisher: hotlistmatch's MQTT client over libmosquitto, its
 * bounded in-order queue, delivery tracking and reconnection.  The on-disk
 * spool behind the queue is in mqttspool.c.
 *
 * Guarantees:
 *  - mqtt_publisher_publish() never blocks on the network: it appends to a
 *    bounded in-memory queue and, when connected, hands the oldest queued
 *    messages to libmosquitto (which only queues them for its own network
 *    thread, started with mosquitto_loop_start()).
 *  - Messages are handed over in order, at most IN_FLIGHT_WINDOW at a time.
 *    A message stays ours ("in flight") until on_publish fires for its mid:
 *    PUBACK for QoS 1, PUBCOMP for QoS 2, written to the socket for QoS 0.
 *    Nothing is counted as delivered before that, and a failed hand-over is
 *    never counted as sent.
 *  - While disconnected messages queue; libmosquitto keeps the QoS > 0
 *    messages it was handed and resends them (same payload, so the same
 *    event_id) when it reconnects.  Until those are acknowledged nothing
 *    newer is handed over, so the broker sees the messages in order.  If
 *    they are not acknowledged within RESEND_AFTER_US of reconnecting, we
 *    hand them over again ourselves (a consumer may then see a duplicate
 *    event_id: drop it).  QoS 0 messages in flight at a disconnection go
 *    back to the queue.
 *  - The queue is bounded: beyond queue_size the oldest queued (not in
 *    flight) message is dropped and counted; mqtt_publisher_publish() returns
 *    how many it dropped so the element can warn.
 *  - Reconnection is libmosquitto's, with exponential backoff
 *    (mosquitto_reconnect_delay_set()).
 *  - The status topic gets a retained "online" on every connection, and a
 *    retained "offline" as the last will and on a clean stop.
 *  - Credentials are handed to libmosquitto and never logged.
 *
 *  - TLS (mqtts://) with a CA file (or the system's CAs) and optionally a
 *    client certificate; a refused connection (bad credentials) or a TLS
 *    failure is reported through the notify callback, once per cause.
 *
 * The queue is a GQueue of MqttMessage behind the small set of functions
 * queue_push / mqtt_publisher_drop_oldest / queue_remove, which also keep
 * the spool (when there is one) in step with it.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <string.h>
#include <gio/gio.h>
#include <mosquitto.h>

#include "mqttpublisherprivate.h"
#include "mqttspool.h"

GST_DEBUG_CATEGORY (mqtt_publisher_debug);
#define GST_CAT_DEFAULT mqtt_publisher_debug

/* Messages handed to libmosquitto and not yet acknowledged, at most. */
#define IN_FLIGHT_WINDOW 20
/* After a reconnection, how long libmosquitto may take to get its resent
 * messages acknowledged before we hand them over again. */
#define RESEND_AFTER_US (10 * G_USEC_PER_SEC)

void
mqtt_publisher_init_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (mqtt_publisher_debug, "mqttpublisher", 0,
        "hotlistmatch MQTT publisher");
    g_once_init_leave (&done, 1);
  }
}

static void
lib_init_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    mosquitto_lib_init ();
    g_once_init_leave (&done, 1);
  }
}

static void
msg_free (MqttMessage * msg)
{
  g_free (msg->topic);
  g_free (msg->payload);
  g_free (msg->spool_name);
  g_free (msg);
}

/* ---- queue (lock held) ---------------------------------------------- */

static GList *
queue_first_pending (MqttPublisher * m)
{
  GList *l;

  for (l = m->queue.head; l; l = l->next)
    if (!((MqttMessage *) l->data)->in_flight)
      return l;
  return NULL;
}

/* Drops the oldest message not yet handed over. */
gboolean
mqtt_publisher_drop_oldest (MqttPublisher * m)
{
  GList *l = queue_first_pending (m);

  if (!l)
    return FALSE;
  m->queue_bytes -= ((MqttMessage *) l->data)->len;
  mqtt_spool_delete (m, l->data);
  msg_free (l->data);
  g_queue_delete_link (&m->queue, l);
  m->dropped++;
  return TRUE;
}

static void
queue_push (MqttPublisher * m, MqttMessage * msg)
{
  g_queue_push_tail (&m->queue, msg);
  m->queue_bytes += msg->len;
  mqtt_spool_write (m, msg);
}

static void
queue_remove (MqttPublisher * m, GList * link)
{
  MqttMessage *msg = link->data;

  if (msg->in_flight)
    m->n_in_flight--;
  m->queue_bytes -= msg->len;
  mqtt_spool_delete (m, msg);
  msg_free (msg);
  g_queue_delete_link (&m->queue, link);
  if (m->queue.length == 0)
    g_cond_broadcast (&m->cond);
}

/* Hands one message to libmosquitto.  Returns FALSE when it did not take
 * it (it stays queued and is retried later). */
static gboolean
hand_over (MqttPublisher * m, MqttMessage * msg)
{
  int mid = 0, rc;

  rc = mosquitto_publish (m->mosq, &mid, msg->topic, (int) msg->len,
      msg->payload, msg->qos, false);
  switch (rc) {
    case MOSQ_ERR_SUCCESS:
      break;
    case MOSQ_ERR_NO_CONN:
      /* Lost the connection in between.  libmosquitto keeps a QoS > 0
       * message it assigned a mid to and resends it on reconnection; a
       * QoS 0 one is gone. */
      if (msg->qos > 0 && mid != 0)
        break;
      return FALSE;
    default:
      GST_WARNING ("publish to %s failed: %s; message kept queued",
          msg->topic, mosquitto_strerror (rc));
      return FALSE;
  }
  msg->in_flight = TRUE;
  msg->mid = mid;
  m->n_in_flight++;
  GST_LOG ("handed over message %" G_GUINT64_FORMAT " to %s as mid %d",
      msg->seq, msg->topic, mid);
  return TRUE;
}

/* Hands over queued messages as the window allows. */
static void
pump (MqttPublisher * m)
{
  GList *l;

  if (!m->connected)
    return;
  if (m->draining) {
    if (m->n_in_flight == 0) {
      m->draining = FALSE;
    } else if (g_get_monotonic_time () >= m->drain_deadline) {
      GST_WARNING ("%u messages not acknowledged since reconnecting to "
          "%s:%d, sending them again", m->n_in_flight, m->host, m->port);
      m->draining = FALSE;
      for (l = m->queue.head; l; l = l->next) {
        MqttMessage *msg = l->data;
        if (!msg->in_flight)
          break;
        msg->in_flight = FALSE;
        m->n_in_flight--;
        if (!hand_over (m, msg))
          return;
      }
    } else {
      return;
    }
  }
  while (m->n_in_flight < IN_FLIGHT_WINDOW) {
    l = queue_first_pending (m);
    if (!l || !hand_over (m, l->data))
      break;
  }
}

/* ---- libmosquitto callbacks (its network thread) -------------------- */

/* libmosquitto's own log lines hold client ids and packet types, never
 * credentials */
static void
on_log (struct mosquitto *mosq, void *userdata, int level, const char *str)
{
  GST_LOG ("libmosquitto: %s", str);
}

static void
on_connect (struct mosquitto *mosq, void *userdata, int rc)
{
  MqttPublisher *m = userdata;

  if (rc != 0) {
    gboolean report;

    GST_WARNING ("MQTT broker %s:%d refused the connection: %s", m->host,
        m->port, mosquitto_connack_string (rc));
    g_mutex_lock (&m->lock);
    report = m->refused_rc != rc;
    m->refused_rc = rc;
    g_mutex_unlock (&m->lock);
    /* once per cause, not on every retry */
    if (report && m->notify) {
      gchar *msg = g_strdup_printf ("MQTT broker %s:%d refused the "
          "connection: %s; retrying", m->host, m->port,
          mosquitto_connack_string (rc));
      m->notify (m->notify_data, msg);
      g_free (msg);
    }
    return;
  }
  GST_INFO ("connected to MQTT broker %s:%d", m->host, m->port);

  g_mutex_lock (&m->lock);
  m->refused_rc = 0;
  m->connected = TRUE;
  m->ever_connected = TRUE;
  /* libmosquitto resends what was in flight right after this callback:
   * hand nothing newer over until those are acknowledged. */
  if (m->n_in_flight > 0) {
    GList *l;
    for (l = m->queue.head; l; l = l->next) {
      MqttMessage *msg = l->data;
      if (msg->in_flight && msg->qos == 0) {
        msg->in_flight = FALSE;
        m->n_in_flight--;
      }
    }
  }
  if (m->n_in_flight > 0) {
    m->draining = TRUE;
    m->drain_deadline = g_get_monotonic_time () + RESEND_AFTER_US;
    GST_INFO ("waiting for %u resent messages to be acknowledged",
        m->n_in_flight);
  }
  if (!m->stopping)
    mosquitto_publish (mosq, NULL, m->status_topic, 6, "online", 1, true);
  pump (m);
  g_cond_broadcast (&m->cond);
  g_mutex_unlock (&m->lock);
}

static void
on_disconnect (struct mosquitto *mosq, void *userdata, int rc)
{
  MqttPublisher *m = userdata;
  gboolean tls_failed = rc == MOSQ_ERR_TLS || rc == MOSQ_ERR_TLS_HANDSHAKE ||
      (rc == MOSQ_ERR_ERRNO && errno == EPROTO);
  gboolean report;

  g_mutex_lock (&m->lock);
  report = tls_failed && !m->tls_reported && !m->stopping;
  if (tls_failed)
    m->tls_reported = TRUE;
  m->connected = FALSE;
  m->draining = FALSE;
  if (!m->stopping || rc != 0)
    GST_WARNING ("disconnected from MQTT broker %s:%d (%s); %u messages "
        "queued, %u in flight; reconnecting", m->host, m->port,
        rc == 0 ? "on request" : mosquitto_strerror (rc),
        m->queue.length - m->n_in_flight, m->n_in_flight);
  else
    GST_INFO ("disconnected from MQTT broker %s:%d", m->host, m->port);
  g_cond_broadcast (&m->cond);
  g_mutex_unlock (&m->lock);
  if (report && m->notify) {
    /* libmosquitto gives up after a TLS error */
    gchar *msg = g_strdup_printf ("TLS connection to MQTT broker %s:%d "
        "failed (certificate not trusted, wrong host name, or not a TLS "
        "port?); not retrying", m->host, m->port);
    m->notify (m->notify_data, msg);
    g_free (msg);
  }
}

static void
on_publish (struct mosquitto *mosq, void *userdata, int mid)
{
  MqttPublisher *m = userdata;
  GList *l;

  g_mutex_lock (&m->lock);
  if (m->offline_mid && mid == m->offline_mid) {
    m->offline_acked = TRUE;
    g_cond_broadcast (&m->cond);
  }
  for (l = m->queue.head; l; l = l->next) {
    MqttMessage *msg = l->data;
    if (msg->in_flight && msg->mid == mid) {
      GST_LOG ("message %" G_GUINT64_FORMAT " (mid %d) delivered", msg->seq,
          mid);
      m->delivered++;
      queue_remove (m, l);
      break;
    }
  }
  pump (m);
  g_mutex_unlock (&m->lock);
}

/* Retries the first connection with backoff until libmosquitto's own
 * thread has something to reconnect. */
static gpointer
connector_thread (gpointer data)
{
  MqttPublisher *m = data;
  guint delay = m->reconnect_delay_min;

  g_mutex_lock (&m->lock);
  while (!m->stopping) {
    int rc;
    gint64 end = g_get_monotonic_time () + delay * G_USEC_PER_SEC;

    while (!m->stopping && g_cond_wait_until (&m->cond, &m->lock, end));
    if (m->stopping)
      break;
    g_mutex_unlock (&m->lock);
    rc = mosquitto_reconnect_async (m->mosq);
    g_mutex_lock (&m->lock);
    if (rc == MOSQ_ERR_SUCCESS) {
      GST_DEBUG ("connection to %s:%d under way", m->host, m->port);
      break;
    }
    GST_DEBUG ("MQTT broker %s:%d still not reachable (%s)", m->host,
        m->port, rc == MOSQ_ERR_ERRNO ? g_strerror (errno) :
        mosquitto_strerror (rc));
    delay = MIN (delay * 2, m->reconnect_delay_max);
  }
  g_mutex_unlock (&m->lock);
  return NULL;
}

/* ---- API --------------------------------------------------------------- */

/* Keys must not be encrypted: never let OpenSSL prompt on a terminal. */
static int
no_key_password (char *buf, int size, int rwflag, void *userdata)
{
  return 0;
}

/**
 * mqtt_publisher_new:
 * @config: where and how to connect
 * @error: set when libmosquitto refuses the settings
 *
 * Starts connecting in the background: an unreachable broker is not an
 * error, messages queue until it is reachable.
 */
MqttPublisher *
mqtt_publisher_new (const MqttPublisherConfig * config, GError ** error)
{
  MqttPublisher *m;
  int rc;

  mqtt_publisher_init_debug ();
  lib_init_once ();

  m = g_new0 (MqttPublisher, 1);
  g_mutex_init (&m->lock);
  g_cond_init (&m->cond);
  g_cond_init (&m->spool_cond);
  g_queue_init (&m->queue);
  g_queue_init (&m->spool_ops);
  m->spool_lock_fd = -1;
  m->host = g_strdup (config->host);
  m->port = config->port;
  m->status_topic = g_strdup (config->status_topic);
  m->notify = config->notify;
  m->notify_data = config->notify_data;
  m->queue_size = MAX (config->queue_size, 1);
  m->max_bytes = G_MAXUINT64;
  if (config->spool_dir && *config->spool_dir) {
    m->spool_dir = g_strdup (config->spool_dir);
    m->queue_size = MAX (config->spool_max_messages, 1);
    if (config->spool_max_bytes)
      m->max_bytes = config->spool_max_bytes;
    if (!mqtt_spool_open (m, error))
      goto fail;
  }
  m->reconnect_delay_min = MAX (config->reconnect_delay_min, 1);
  m->reconnect_delay_max = MAX (config->reconnect_delay_max,
      m->reconnect_delay_min);

  m->mosq = mosquitto_new (config->client_id, true, m);
  if (!m->mosq) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
        "could not create MQTT client: %s", g_strerror (errno));
    goto fail;
  }
  mosquitto_int_option (m->mosq, MOSQ_OPT_PROTOCOL_VERSION,
      MQTT_PROTOCOL_V311);
  mosquitto_max_inflight_messages_set (m->mosq, IN_FLIGHT_WINDOW);
  mosquitto_connect_callback_set (m->mosq, on_connect);
  mosquitto_disconnect_callback_set (m->mosq, on_disconnect);
  mosquitto_publish_callback_set (m->mosq, on_publish);
  mosquitto_log_callback_set (m->mosq, on_log);
  mosquitto_reconnect_delay_set (m->mosq, m->reconnect_delay_min,
      m->reconnect_delay_max, true);

  if (config->username || config->password) {
    rc = mosquitto_username_pw_set (m->mosq, config->username,
        config->password);
    if (rc != MOSQ_ERR_SUCCESS) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          "could not set MQTT credentials: %s", mosquitto_strerror (rc));
      goto fail;
    }
  }
  if (config->tls) {
    if (!!config->cert_file != !!config->key_file) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          "a client certificate needs both a certificate and a key file");
      goto fail;
    }
    if (config->ca_file)
      rc = mosquitto_tls_set (m->mosq, config->ca_file, NULL,
          config->cert_file, config->key_file, no_key_password);
    else
      rc = mosquitto_int_option (m->mosq, MOSQ_OPT_TLS_USE_OS_CERTS, 1);
    if (rc == MOSQ_ERR_SUCCESS && !config->ca_file && config->cert_file)
      rc = mosquitto_tls_set (m->mosq, NULL, "/etc/ssl/certs",
          config->cert_file, config->key_file, no_key_password);
    if (rc != MOSQ_ERR_SUCCESS) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          "could not set up TLS (CA file %s, certificate %s, key %s): %s",
          GST_STR_NULL (config->ca_file), GST_STR_NULL (config->cert_file),
          GST_STR_NULL (config->key_file), rc == MOSQ_ERR_INVAL ?
          "a file is missing or unreadable" : mosquitto_strerror (rc));
      goto fail;
    }
    /* the broker's certificate must name the host we connect to */
    mosquitto_tls_insecure_set (m->mosq, false);
  }
  rc = mosquitto_will_set (m->mosq, m->status_topic, 7, "offline", 1, true);
  if (rc != MOSQ_ERR_SUCCESS) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "invalid MQTT status topic '%s': %s", m->status_topic,
        mosquitto_strerror (rc));
    goto fail;
  }

  GST_INFO ("connecting to MQTT broker %s:%d%s as client '%s'", m->host,
      m->port, config->tls ? " (TLS)" : "", config->client_id);
  rc = mosquitto_connect_async (m->mosq, m->host, m->port,
      MAX (config->keepalive, 5));
  if (rc == MOSQ_ERR_INVAL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "invalid MQTT broker address %s:%d", m->host, m->port);
    goto fail;
  } else if (rc != MOSQ_ERR_SUCCESS) {
    GST_WARNING ("MQTT broker %s:%d not reachable yet (%s); will retry",
        m->host, m->port, rc == MOSQ_ERR_ERRNO ? g_strerror (errno) :
        mosquitto_strerror (rc));
  }
  {
    int lrc = mosquitto_loop_start (m->mosq);
    if (lrc != MOSQ_ERR_SUCCESS) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
          "could not start the MQTT thread: %s", mosquitto_strerror (lrc));
      goto fail;
    }
  }
  if (rc != MOSQ_ERR_SUCCESS)
    m->connector = g_thread_new ("mqttpub-connect", connector_thread, m);
  return m;

fail:
  if (m->mosq)
    mosquitto_destroy (m->mosq);
  mqtt_spool_close (m);
  g_queue_clear_full (&m->queue, (GDestroyNotify) msg_free);
  g_free (m->host);
  g_free (m->status_topic);
  g_mutex_clear (&m->lock);
  g_cond_clear (&m->cond);
  g_cond_clear (&m->spool_cond);
  g_free (m);
  return NULL;
}

/**
 * mqtt_publisher_publish:
 * @mqtt: an #MqttPublisher
 * @topic: the topic
 * @payload: NUL-terminated payload
 * @qos: 0, 1 or 2
 * @event_id: (nullable): the event's id, for the spool file's name
 *
 * Queues @payload for @topic (and, with a spool, has it written to disk
 * by the spool thread) and returns at once.
 *
 * Returns: how many older messages this dropped to stay within the queue
 *   size (0 normally)
 */
guint
mqtt_publisher_publish (MqttPublisher * mqtt, const gchar * topic,
    const gchar * payload, gint qos, const gchar * event_id)
{
  MqttMessage *msg;
  guint dropped = 0;

  g_return_val_if_fail (mqtt != NULL, 0);

  msg = g_new0 (MqttMessage, 1);
  msg->topic = g_strdup (topic);
  msg->len = strlen (payload);
  msg->payload = g_memdup2 (payload, msg->len + 1);
  msg->qos = CLAMP (qos, 0, 2);

  g_mutex_lock (&mqtt->lock);
  msg->seq = mqtt->next_seq++;
  if (mqtt->spool_dir)
    msg->spool_name = mqtt_spool_file_name (msg->seq, event_id);
  while (mqtt->queue.length >= mqtt->queue_size ||
      (mqtt->queue.length > 0 &&
          mqtt->queue_bytes + msg->len > mqtt->max_bytes)) {
    if (!mqtt_publisher_drop_oldest (mqtt))
      break;
    dropped++;
  }
  if (mqtt->queue.length >= mqtt->queue_size ||
      (mqtt->queue.length > 0 &&
          mqtt->queue_bytes + msg->len > mqtt->max_bytes)) {
    /* everything kept is in flight: the new message is the one to go */
    GST_WARNING ("MQTT queue full (%u in flight), dropping message to %s",
        mqtt->n_in_flight, topic);
    mqtt->dropped++;
    dropped++;
    msg_free (msg);
  } else {
    queue_push (mqtt, msg);
  }
  if (dropped)
    GST_WARNING ("MQTT queue full (%u messages): dropped %u oldest "
        "undelivered message(s), %" G_GUINT64_FORMAT " in total",
        mqtt->queue_size, dropped, mqtt->dropped);
  pump (mqtt);
  g_mutex_unlock (&mqtt->lock);
  return dropped;
}

/**
 * mqtt_publisher_flush:
 * @mqtt: an #MqttPublisher
 * @timeout_us: how long to wait at most
 *
 * Waits until every queued message is acknowledged.
 *
 * Returns: %TRUE if the queue emptied in time
 */
gboolean
mqtt_publisher_flush (MqttPublisher * mqtt, gint64 timeout_us)
{
  gint64 end = g_get_monotonic_time () + timeout_us;
  gboolean empty;

  g_return_val_if_fail (mqtt != NULL, FALSE);
  g_mutex_lock (&mqtt->lock);
  while (mqtt->queue.length > 0) {
    /* wake up now and then: pump() also runs the resend deadline */
    gint64 now = g_get_monotonic_time ();
    if (now >= end)
      break;
    pump (mqtt);
    g_cond_wait_until (&mqtt->cond, &mqtt->lock,
        MIN (end, now + 100 * G_TIME_SPAN_MILLISECOND));
  }
  empty = mqtt->queue.length == 0;
  g_mutex_unlock (&mqtt->lock);
  return empty;
}

void
mqtt_publisher_get_stats (MqttPublisher * mqtt, MqttPublisherStats * stats)
{
  g_return_if_fail (mqtt != NULL && stats != NULL);
  g_mutex_lock (&mqtt->lock);
  stats->connected = mqtt->connected;
  stats->queued = mqtt->queue.length - mqtt->n_in_flight;
  stats->in_flight = mqtt->n_in_flight;
  stats->delivered = mqtt->delivered;
  stats->dropped = mqtt->dropped;
  stats->loaded = mqtt->loaded;
  stats->load_dropped = mqtt->load_dropped;
  g_mutex_unlock (&mqtt->lock);
}

/**
 * mqtt_publisher_free:
 * @mqtt: (transfer full): an #MqttPublisher
 * @flush_timeout_us: how long to wait for outstanding messages
 *
 * Waits up to @flush_timeout_us for the queue to drain, publishes the
 * retained "offline" status, disconnects cleanly and frees everything.
 * Messages still undelivered are logged (count only) and dropped; with a
 * spool they stay in it for the next start.
 */
void
mqtt_publisher_free (MqttPublisher * mqtt, gint64 flush_timeout_us)
{
  gint64 end;
  gboolean connected;
  guint left;

  if (!mqtt)
    return;

  end = g_get_monotonic_time () + flush_timeout_us;
  mqtt_publisher_flush (mqtt, flush_timeout_us);

  g_mutex_lock (&mqtt->lock);
  mqtt->stopping = TRUE;
  connected = mqtt->connected;
  left = mqtt->queue.length;
  if (connected) {
    int mid = 0;
    if (mosquitto_publish (mqtt->mosq, &mid, mqtt->status_topic, 7,
            "offline", 1, true) == MOSQ_ERR_SUCCESS) {
      mqtt->offline_mid = mid;
      /* short grace even when the flush used the whole budget */
      end = MAX (end, g_get_monotonic_time () + 200 * G_TIME_SPAN_MILLISECOND);
      while (!mqtt->offline_acked && mqtt->connected &&
          g_cond_wait_until (&mqtt->cond, &mqtt->lock, end));
    }
  }
  g_cond_broadcast (&mqtt->cond);
  g_mutex_unlock (&mqtt->lock);
  if (mqtt->connector)
    g_thread_join (mqtt->connector);

  if (left && mqtt->spool_dir)
    GST_WARNING ("stopping with %u MQTT message(s) to %s:%d undelivered; "
        "kept in the spool %s for the next start", left, mqtt->host,
        mqtt->port, mqtt->spool_dir);
  else if (left)
    GST_WARNING ("stopping with %u MQTT message(s) to %s:%d undelivered",
        left, mqtt->host, mqtt->port);

  mosquitto_disconnect (mqtt->mosq);
  /* Connected: the network thread exits once the DISCONNECT is out.
   * Otherwise it may be sleeping between attempts or inside a blocking
   * connect(): cancel it. */
  mosquitto_loop_stop (mqtt->mosq, !connected);
  mosquitto_destroy (mqtt->mosq);

  /* no callbacks any more: the spool's files are final once its thread
   * has written what was queued */
  if (!mqtt->spool_dir)
    mqtt->dropped += mqtt->queue.length;
  mqtt_spool_close (mqtt);
  g_queue_clear_full (&mqtt->queue, (GDestroyNotify) msg_free);
  g_free (mqtt->host);
  g_free (mqtt->status_topic);
  g_mutex_clear (&mqtt->lock);
  g_cond_clear (&mqtt->cond);
  g_cond_clear (&mqtt->spool_cond);
  g_free (mqtt);
}
