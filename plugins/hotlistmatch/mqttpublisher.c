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
 *  - Exactly one thread, ours ("mqttpub-net"), drives the libmosquitto
 *    client: it makes the first connection attempt, runs mosquitto_loop(),
 *    and reconnects with exponential backoff after a failure of any kind
 *    (broker down, refused, TLS).  Other threads only call
 *    mosquitto_publish(), which libmosquitto allows from any thread.
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
 *  - A message given an expiry (mqtt_publisher_publish_expiring(): reads
 *    of vehicles on no list, which may not be kept for ever) and still
 *    queued at that wall-clock time is deleted unsent, spool file and all,
 *    counted and reported; one in flight is left to libmosquitto.
 *  - The status topic gets the retained payload of the last
 *    mqtt_publisher_set_status() on every connection, and the offline
 *    payload as the last will and on a clean stop.
 *  - A broker unreachable for longer than the grace is reported once per
 *    outage through notify, and its return too.
 *  - Credentials are handed to libmosquitto and never logged.
 *
 *  - TLS (mqtts://) with a CA file (or the system's CAs) and optionally a
 *    client certificate, set up on an OpenSSL context of ours so that a
 *    failed verification says why (another host's certificate, untrusted
 *    CA, ...); a refused connection (bad credentials) or a TLS failure is
 *    reported through the notify callback, once per cause, and retried.
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
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "mqttpublisherprivate.h"
#include "mqttspool.h"

GST_DEBUG_CATEGORY (mqtt_publisher_debug);
#define GST_CAT_DEFAULT mqtt_publisher_debug

/* Messages handed to libmosquitto and not yet acknowledged, at most. */
#define IN_FLIGHT_WINDOW 20
/* After a reconnection, how long libmosquitto may take to get its resent
 * messages acknowledged before we hand them over again. */
#define RESEND_AFTER_US (10 * G_USEC_PER_SEC)
/* How often the network thread looks at its timers. */
#define TICK_US (250 * G_TIME_SPAN_MILLISECOND)
/* Spool full notices, at most this often. */
#define SPOOL_FULL_NOTICE_US (10 * G_USEC_PER_SEC)
/* How often the queue is searched for expired messages, and expiries
 * reported at most. */
#define EXPIRY_CHECK_US G_USEC_PER_SEC
#define EXPIRY_NOTICE_US (60 * G_USEC_PER_SEC)

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

static void
notify (MqttPublisher * m, MqttPublisherNotifyLevel level,
    const gchar * format, ...) G_GNUC_PRINTF (3, 4);

/* Without the lock: the callback may call back into us. */
static void
notify (MqttPublisher * m, MqttPublisherNotifyLevel level,
    const gchar * format, ...)
{
  va_list args;
  gchar *msg;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (level == MQTT_PUBLISHER_NOTIFY_WARNING)
    GST_WARNING ("%s", msg);
  else
    GST_INFO ("%s", msg);
  if (m->notify)
    m->notify (m->notify_data, level, msg);
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

static void
unspool (MqttPublisher * m, MqttMessage * msg)
{
  if (!msg->spool_name)
    return;
  mqtt_spool_delete (m, msg);
  m->spool_count--;
  m->spool_bytes -= msg->len;
}

/* Drops the oldest message not yet handed over. */
gboolean
mqtt_publisher_drop_oldest (MqttPublisher * m)
{
  GList *l = queue_first_pending (m);

  if (!l)
    return FALSE;
  m->queue_bytes -= ((MqttMessage *) l->data)->len;
  unspool (m, l->data);
  msg_free (l->data);
  g_queue_delete_link (&m->queue, l);
  m->dropped++;
  return TRUE;
}

/* With a spool, @msg goes to disk when the spool has room, else it stays
 * in memory only (said, rate-limited, by the caller). */
static void
queue_push (MqttPublisher * m, MqttMessage * msg)
{
  g_queue_push_tail (&m->queue, msg);
  m->queue_bytes += msg->len;
  if (!msg->spool_name)
    return;
  if (m->spool_count < m->spool_max_messages &&
      m->spool_bytes + msg->len <= m->max_bytes) {
    mqtt_spool_write (m, msg);
    m->spool_count++;
    m->spool_bytes += msg->len;
  } else {
    g_clear_pointer (&msg->spool_name, g_free);
    m->spool_full_unreported++;
  }
}

static void
queue_remove (MqttPublisher * m, GList * link)
{
  MqttMessage *msg = link->data;

  if (msg->in_flight)
    m->n_in_flight--;
  m->queue_bytes -= msg->len;
  unspool (m, msg);
  msg_free (msg);
  g_queue_delete_link (&m->queue, link);
  if (m->queue.length == 0)
    g_cond_broadcast (&m->cond);
}

/* Deletes the queued messages whose expiry has passed; returns how many. */
static guint
queue_expire (MqttPublisher * m, gint64 now_real)
{
  GList *l = m->queue.head;
  guint n = 0;

  while (l) {
    GList *next = l->next;
    MqttMessage *msg = l->data;

    if (!msg->in_flight && msg->expires && now_real >= msg->expires) {
      GST_LOG ("message %" G_GUINT64_FORMAT " to %s expired unsent",
          msg->seq, msg->topic);
      queue_remove (m, l);
      n++;
    }
    l = next;
  }
  m->expired += n;
  return n;
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

  /* just connected: the status goes first (housekeeping()) */
  if (!m->connected || m->status_due)
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

/* ---- libmosquitto callbacks (the network thread) -------------------- */

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
  gboolean back;
  gint64 down_s;
  guint n_subs;

  if (rc != 0) {
    gboolean report;

    GST_WARNING ("MQTT broker %s:%d refused the connection: %s", m->host,
        m->port, mosquitto_connack_string (rc));
    g_mutex_lock (&m->lock);
    report = m->refused_rc != rc;
    m->refused_rc = rc;
    m->cause_reported = TRUE;
    g_mutex_unlock (&m->lock);
    /* once per cause, not on every retry */
    if (report)
      notify (m, MQTT_PUBLISHER_NOTIFY_WARNING, "MQTT broker %s:%d refused "
          "the connection: %s; retrying", m->host, m->port,
          mosquitto_connack_string (rc));
    return;
  }
  GST_INFO ("connected to MQTT broker %s:%d", m->host, m->port);

  g_mutex_lock (&m->lock);
  back = m->down_reported || m->cause_reported;
  down_s = (g_get_monotonic_time () - m->down_since) / G_USEC_PER_SEC;
  m->down_reported = FALSE;
  m->cause_reported = FALSE;
  m->refused_rc = 0;
  m->tls_reported = 0;
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
  /* with a tick, it makes a fresh status right after this */
  if (!m->stopping && m->status_payload && !m->tick)
    mosquitto_publish (mosq, NULL, m->status_topic,
        (int) strlen (m->status_payload), m->status_payload, 1, true);
  m->status_due = m->tick != NULL;
  pump (m);
  g_cond_broadcast (&m->cond);
  g_mutex_unlock (&m->lock);
  /* a clean session: subscribed again on every connection */
  n_subs = m->subscriptions ? g_strv_length (m->subscriptions) : 0;
  if (n_subs > 0) {
    rc = mosquitto_subscribe_multiple (mosq, NULL, (int) n_subs,
        m->subscriptions, 1, 0, NULL);
    if (rc != MOSQ_ERR_SUCCESS)
      GST_WARNING ("could not subscribe on %s:%d: %s", m->host, m->port,
          mosquitto_strerror (rc));
  }
  if (back)
    notify (m, MQTT_PUBLISHER_NOTIFY_INFO, "MQTT broker %s:%d reachable "
        "again after %" G_GINT64_FORMAT " s", m->host, m->port, down_s);
}

/* The subscriptions, in order: a broker that will not let us read one
 * says so in its SUBACK (0x80), once per connection. */
static void
on_subscribe (struct mosquitto *mosq, void *userdata, int mid, int n,
    const int *granted)
{
  MqttPublisher *m = userdata;
  gint i;

  for (i = 0; i < n && m->subscriptions && m->subscriptions[i]; i++)
    if (granted[i] > 2)
      notify (m, MQTT_PUBLISHER_NOTIFY_WARNING, "MQTT broker %s:%d refused "
          "the subscription to %s (not allowed to read it?)", m->host,
          m->port, m->subscriptions[i]);
}

static void
on_message (struct mosquitto *mosq, void *userdata,
    const struct mosquitto_message *msg)
{
  MqttPublisher *m = userdata;

  GST_DEBUG ("received %d bytes on %s%s", msg->payloadlen, msg->topic,
      msg->retain ? " (retained)" : "");
  if (m->message)
    m->message (m->notify_data, msg->topic, msg->payload,
        (gsize) msg->payloadlen, msg->retain);
}

static void
on_disconnect (struct mosquitto *mosq, void *userdata, int rc)
{
  MqttPublisher *m = userdata;
  gboolean was_connected;

  g_mutex_lock (&m->lock);
  was_connected = m->connected;
  if (m->connected)
    m->down_since = g_get_monotonic_time ();
  m->connected = FALSE;
  m->draining = FALSE;
  if (!was_connected)
    /* a failed attempt: the outage is reported once, after the grace */
    GST_DEBUG ("connection attempt to %s:%d failed (%s)", m->host, m->port,
        mosquitto_strerror (rc));
  else if (!m->stopping || rc != 0)
    GST_WARNING ("disconnected from MQTT broker %s:%d (%s); %u messages "
        "queued, %u in flight; reconnecting", m->host, m->port,
        rc == 0 ? "on request" : mosquitto_strerror (rc),
        m->queue.length - m->n_in_flight, m->n_in_flight);
  else
    GST_INFO ("disconnected from MQTT broker %s:%d", m->host, m->port);
  g_cond_broadcast (&m->cond);
  g_mutex_unlock (&m->lock);
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

/* ---- TLS ------------------------------------------------------------ */

/* OpenSSL's verification, with the reason kept for the report. */
static int
tls_verify (int ok, X509_STORE_CTX * store)
{
  SSL *ssl = X509_STORE_CTX_get_ex_data (store,
      SSL_get_ex_data_X509_STORE_CTX_idx ());
  MqttPublisher *m = SSL_CTX_get_app_data (SSL_get_SSL_CTX (ssl));

  if (!ok && m)
    g_atomic_int_set (&m->tls_verify_error, X509_STORE_CTX_get_error (store));
  return ok;
}

/* Keys must not be encrypted: never let OpenSSL prompt on a terminal. */
static int
no_key_password (char *buf, int size, int rwflag, void *userdata)
{
  return 0;
}

static gboolean
tls_setup (MqttPublisher * m, const MqttPublisherConfig * config,
    GError ** error)
{
  SSL_CTX *ctx;
  X509_VERIFY_PARAM *param;
  const gchar *what = NULL;
  int rc;

  if (!!config->cert_file != !!config->key_file) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "a client certificate needs both a certificate and a key file");
    return FALSE;
  }
  ctx = m->ssl_ctx = SSL_CTX_new (TLS_client_method ());
  if (!ctx) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
        "could not create a TLS context");
    return FALSE;
  }
  SSL_CTX_set_min_proto_version (ctx, TLS1_2_VERSION);
  SSL_CTX_set_default_passwd_cb (ctx, no_key_password);
  if (config->ca_file) {
    if (SSL_CTX_load_verify_locations (ctx, config->ca_file, NULL) != 1)
      what = "CA file";
  } else if (SSL_CTX_set_default_verify_paths (ctx) != 1) {
    what = "system CA certificates";
  }
  if (!what && config->cert_file &&
      SSL_CTX_use_certificate_chain_file (ctx, config->cert_file) != 1)
    what = "certificate file";
  if (!what && config->key_file &&
      (SSL_CTX_use_PrivateKey_file (ctx, config->key_file,
              SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key (ctx) != 1))
    what = "key file (missing, encrypted, or not the certificate's key)";
  if (what) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "could not set up TLS (CA file %s, certificate %s, key %s): "
        "unusable %s", GST_STR_NULL (config->ca_file),
        GST_STR_NULL (config->cert_file), GST_STR_NULL (config->key_file),
        what);
    return FALSE;
  }
  /* the broker's certificate must name the host we connect to */
  param = SSL_CTX_get0_param (ctx);
  if (g_hostname_is_ip_address (m->host))
    rc = X509_VERIFY_PARAM_set1_ip_asc (param, m->host);
  else
    rc = X509_VERIFY_PARAM_set1_host (param, m->host, 0);
  if (rc != 1) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "invalid MQTT broker host name for TLS: %s", m->host);
    return FALSE;
  }
  SSL_CTX_set_verify (ctx, SSL_VERIFY_PEER, tls_verify);
  SSL_CTX_set_app_data (ctx, m);
  /* libmosquitto takes its own reference */
  mosquitto_int_option (m->mosq, MOSQ_OPT_SSL_CTX_WITH_DEFAULTS, 0);
  rc = mosquitto_void_option (m->mosq, MOSQ_OPT_SSL_CTX, ctx);
  if (rc != MOSQ_ERR_SUCCESS) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
        "could not set up TLS: %s", mosquitto_strerror (rc));
    return FALSE;
  }
  return TRUE;
}

/* Network thread.  After a failed attempt or a lost connection: if TLS
 * failed, says why, once per kind. */
static void
report_tls_failure (MqttPublisher * m, int rc, int err)
{
  gint verify = g_atomic_int_get (&m->tls_verify_error);
  gint kind;
  const gchar *why;
  gboolean report;

  if (!m->tls)
    return;
  switch (verify) {
    case X509_V_OK:
      if (rc != MOSQ_ERR_TLS && rc != MOSQ_ERR_TLS_HANDSHAKE &&
          !(rc == MOSQ_ERR_ERRNO && err == EPROTO))
        return;
      kind = 1;
      why = "the TLS handshake failed (not a TLS port, or the broker "
          "refused our certificate)";
      break;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      kind = 2;
      why = "the broker's certificate is for another host";
      break;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
      kind = 3;
      why = "the broker's certificate is not signed by a trusted CA "
          "(mqtt-ca-file)";
      break;
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
      kind = 4;
      why = "the broker's certificate has expired or is not valid yet";
      break;
    default:
      kind = 100 + verify;
      why = X509_verify_cert_error_string (verify);
      break;
  }
  g_mutex_lock (&m->lock);
  report = m->tls_reported != kind && !m->stopping;
  m->tls_reported = kind;
  m->cause_reported = TRUE;
  g_mutex_unlock (&m->lock);
  if (report)
    notify (m, MQTT_PUBLISHER_NOTIFY_WARNING, "TLS connection to MQTT broker "
        "%s:%d failed: %s; nothing was sent, retrying", m->host, m->port,
        why);
}

/* ---- the network thread --------------------------------------------- */

/* Timers: the status (first after a connection), the resend deadline,
 * the outage report.  No lock held. */
static void
housekeeping (MqttPublisher * m)
{
  gboolean report = FALSE, status_due;
  guint waiting = 0, expired = 0;
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&m->lock);
  status_due = m->status_due;
  g_mutex_unlock (&m->lock);
  if (m->tick)
    m->tick (m, m->notify_data, status_due);

  g_mutex_lock (&m->lock);
  /* before a connection's first hand-over too: nothing stale goes out */
  if (status_due || now >= m->next_expiry_check) {
    m->expired_unreported += queue_expire (m, g_get_real_time ());
    m->next_expiry_check = now + EXPIRY_CHECK_US;
    if (m->expired_unreported && now >= m->next_expiry_notice) {
      expired = m->expired_unreported;
      m->expired_unreported = 0;
      m->next_expiry_notice = now + EXPIRY_NOTICE_US;
    }
  }
  m->status_due = FALSE;
  pump (m);
  if (!m->connected && !m->stopping && !m->down_reported &&
      !m->cause_reported &&
      now - m->down_since >= m->unreachable_grace_ms * G_TIME_SPAN_MILLISECOND) {
    m->down_reported = report = TRUE;
    waiting = m->queue.length;
  }
  g_mutex_unlock (&m->lock);
  if (report)
    notify (m, MQTT_PUBLISHER_NOTIFY_WARNING, "MQTT broker %s:%d not "
        "reachable for %u s: %u message(s) waiting %s; retrying", m->host,
        m->port, (m->unreachable_grace_ms + 999) / 1000, waiting,
        m->spool_dir ? "(spooled)" : "in memory only");
  if (expired)
    notify (m, MQTT_PUBLISHER_NOTIFY_INFO, "MQTT: %u message(s) older than "
        "their maximum age (read-max-age) deleted unsent, %" G_GUINT64_FORMAT
        " since start", expired, m->expired);
}

/* Waits up to @delay_s, or until stopping, keeping the timers going. */
static void
backoff_wait (MqttPublisher * m, guint delay_s)
{
  gint64 end = g_get_monotonic_time () + delay_s * G_USEC_PER_SEC;

  for (;;) {
    gint64 now = g_get_monotonic_time ();
    gboolean stop;

    housekeeping (m);
    g_mutex_lock (&m->lock);
    if (!m->stopping && now < end)
      g_cond_wait_until (&m->cond, &m->lock, MIN (end, now + TICK_US));
    stop = m->stopping;
    g_mutex_unlock (&m->lock);
    if (stop || g_get_monotonic_time () >= end)
      return;
  }
}

/* Connected at stop: the offline status, acknowledged or not within a
 * short grace, then DISCONNECT, all from this thread. */
static void
net_stop (MqttPublisher * m)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;
  int mid = 0;
  gboolean connected;
  guint i;

  g_mutex_lock (&m->lock);
  connected = m->connected;
  if (connected && mosquitto_publish (m->mosq, &mid, m->status_topic,
          (int) strlen (m->offline_payload), m->offline_payload, 1,
          true) == MOSQ_ERR_SUCCESS)
    m->offline_mid = mid;
  g_mutex_unlock (&m->lock);
  if (!connected)
    return;
  for (;;) {
    gboolean done;

    g_mutex_lock (&m->lock);
    done = m->offline_acked || !m->connected || !m->offline_mid;
    g_mutex_unlock (&m->lock);
    if (done || g_get_monotonic_time () >= end)
      break;
    if (mosquitto_loop (m->mosq, 50, 1) != MOSQ_ERR_SUCCESS)
      break;
  }
  mosquitto_disconnect (m->mosq);
  /* the DISCONNECT goes out with the next loop, which then closes */
  for (i = 0; i < 20; i++)
    if (mosquitto_loop (m->mosq, 50, 1) != MOSQ_ERR_SUCCESS)
      break;
}

static gpointer
net_thread (gpointer data)
{
  MqttPublisher *m = data;
  guint delay = m->reconnect_delay_min;
  gboolean first = TRUE, session = FALSE;
  gint64 next_tick = 0;

  for (;;) {
    gboolean stopping, connected;
    int rc, err;

    g_mutex_lock (&m->lock);
    stopping = m->stopping;
    connected = m->connected;
    g_mutex_unlock (&m->lock);
    if (stopping)
      break;

    if (!session) {
      g_atomic_int_set (&m->tls_verify_error, X509_V_OK);
      rc = first ? mosquitto_connect_async (m->mosq, m->host, m->port,
          m->keepalive) : mosquitto_reconnect_async (m->mosq);
      err = errno;
      first = FALSE;
      if (rc == MOSQ_ERR_SUCCESS) {
        GST_DEBUG ("connection to %s:%d under way", m->host, m->port);
        session = TRUE;
        continue;
      }
      GST_DEBUG ("MQTT broker %s:%d not reachable (%s); next attempt in "
          "%u s", m->host, m->port, rc == MOSQ_ERR_ERRNO ?
          g_strerror (err) : mosquitto_strerror (rc), delay);
      report_tls_failure (m, rc, err);
      backoff_wait (m, delay);
      delay = MIN (delay * 2, m->reconnect_delay_max);
      continue;
    }

    rc = mosquitto_loop (m->mosq, 100, 1);
    err = errno;
    if (rc != MOSQ_ERR_SUCCESS) {
      GST_DEBUG ("MQTT connection to %s:%d ended (%s); next attempt in %u s",
          m->host, m->port, rc == MOSQ_ERR_ERRNO ? g_strerror (err) :
          mosquitto_strerror (rc), delay);
      report_tls_failure (m, rc, err);
      g_mutex_lock (&m->lock);
      /* libmosquitto does not always say it when an attempt fails */
      if (m->connected)
        m->down_since = g_get_monotonic_time ();
      m->connected = FALSE;
      m->draining = FALSE;
      g_mutex_unlock (&m->lock);
      session = FALSE;
      backoff_wait (m, delay);
      delay = MIN (delay * 2, m->reconnect_delay_max);
      continue;
    }
    if (connected)
      delay = m->reconnect_delay_min;
    g_mutex_lock (&m->lock);
    if (m->status_due)
      next_tick = 0;
    g_mutex_unlock (&m->lock);
    if (g_get_monotonic_time () >= next_tick) {
      housekeeping (m);
      next_tick = g_get_monotonic_time () + TICK_US;
    }
  }
  if (session)
    net_stop (m);
  return NULL;
}

/* ---- API --------------------------------------------------------------- */

/**
 * mqtt_publisher_parse_url:
 * @url: mqtt://host[:port] (port 1883 when not given) or mqtts://host[:port]
 *   (TLS, port 8883 when not given)
 * @host: (out): the host
 * @port: (out): the port
 * @tls: (out): whether TLS was asked for
 *
 * User names and passwords in the URL are refused: they would show in
 * gst-inspect, pipeline dumps, configuration checks and logs.  The error
 * never echoes the URL.
 *
 * Returns: %FALSE with @error set when @url is not one of those
 */
gboolean
mqtt_publisher_parse_url (const gchar * url, gchar ** host, gint * port,
    gboolean * tls, GError ** error)
{
  GUri *uri;
  const gchar *scheme;
  gboolean use_tls = FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (!uri) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "invalid MQTT URL (expected mqtt://host:port or mqtts://host:port)");
    return FALSE;
  }
  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "mqtts") == 0 || g_strcmp0 (scheme, "ssl") == 0) {
    use_tls = TRUE;
  } else if (g_strcmp0 (scheme, "mqtt") != 0 &&
      g_strcmp0 (scheme, "tcp") != 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "unsupported MQTT URL scheme '%s' (expected mqtt://host:port or "
        "mqtts://host:port)", scheme);
    g_uri_unref (uri);
    return FALSE;
  }
  if (g_uri_get_userinfo (uri)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "credentials in the MQTT URL are not accepted: use mqtt-username "
        "and mqtt-password-file (or " MQTT_PUBLISHER_PASSWORD_ENV ")");
    g_uri_unref (uri);
    return FALSE;
  }
  if (!g_uri_get_host (uri) || !*g_uri_get_host (uri)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "MQTT URL has no host");
    g_uri_unref (uri);
    return FALSE;
  }
  *host = g_strdup (g_uri_get_host (uri));
  *port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) :
      use_tls ? 8883 : 1883;
  if (tls)
    *tls = use_tls;
  g_uri_unref (uri);
  return TRUE;
}

/**
 * mqtt_publisher_read_password:
 * @file: (nullable): a file whose first line is the password
 * @password: (out): the password, from @file or, without one, from
 *   the environment variable MQTT_PUBLISHER_PASSWORD_ENV; %NULL when
 *   neither has one.  Free with mqtt_publisher_free_password().
 *
 * Returns: %FALSE with @error set when @file cannot be read
 */
gboolean
mqtt_publisher_read_password (const gchar * file, gchar ** password,
    GError ** error)
{
  *password = NULL;
  if (file && *file) {
    gchar *data = NULL;
    gsize len = 0;

    if (!g_file_get_contents (file, &data, &len, error))
      return FALSE;
    /* first line, without its line break */
    len = strcspn (data, "\r\n");
    *password = g_strndup (data, len);
    memset (data, 0, strlen (data));
    g_free (data);
  } else if (g_getenv (MQTT_PUBLISHER_PASSWORD_ENV)) {
    *password = g_strdup (g_getenv (MQTT_PUBLISHER_PASSWORD_ENV));
  }
  return TRUE;
}

/* Wipes @password before freeing it. */
void
mqtt_publisher_free_password (gchar * password)
{
  if (password) {
    memset (password, 0, strlen (password));
    g_free (password);
  }
}

/**
 * mqtt_publisher_new:
 * @config: where and how to connect
 * @error: set when the settings are not usable
 *
 * Starts connecting in the background: an unreachable broker is not an
 * error, messages queue until it is reachable.
 */
MqttPublisher *
mqtt_publisher_new (const MqttPublisherConfig * config, GError ** error)
{
  MqttPublisher *m;
  GError *spool_err = NULL;
  int rc;

  mqtt_publisher_init_debug ();
  lib_init_once ();

  if (!config->host || !*config->host || config->port <= 0 ||
      config->port > 65535) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "invalid MQTT broker address %s:%d", GST_STR_NULL (config->host),
        config->port);
    return NULL;
  }

  m = g_new0 (MqttPublisher, 1);
  g_mutex_init (&m->lock);
  g_cond_init (&m->cond);
  g_cond_init (&m->spool_cond);
  g_queue_init (&m->queue);
  g_queue_init (&m->spool_ops);
  m->spool_lock_fd = -1;
  m->host = g_strdup (config->host);
  m->port = config->port;
  m->tls = config->tls;
  m->keepalive = MAX (config->keepalive, 5);
  m->status_topic = g_strdup (config->status_topic);
  m->offline_payload = g_strdup (config->offline_payload ?
      config->offline_payload : "offline");
  m->topic_prefix = g_strdup (config->topic_prefix);
  m->notify = config->notify;
  m->tick = config->tick;
  m->subscriptions = g_strdupv ((gchar **) config->subscriptions);
  m->message = config->message;
  m->notify_data = config->notify_data;
  m->unreachable_grace_ms = config->unreachable_grace_ms;
  m->queue_size = MAX (config->queue_size, 1);
  m->max_bytes = G_MAXUINT64;
  m->down_since = g_get_monotonic_time ();
  if (config->spool_dir && *config->spool_dir) {
    m->spool_dir = g_strdup (config->spool_dir);
    m->spool_max_messages = MAX (config->spool_max_messages, 1);
    if (config->spool_max_bytes)
      m->max_bytes = config->spool_max_bytes;
    if (!mqtt_spool_open (m, &spool_err)) {
      if (g_error_matches (spool_err, G_IO_ERROR, G_IO_ERROR_BUSY)) {
        g_propagate_error (error, spool_err);
        goto fail;
      }
      /* alerts still go out, from memory */
      mqtt_spool_close (m);
      g_queue_clear_full (&m->queue, (GDestroyNotify) msg_free);
      m->queue_bytes = 0;
      m->max_bytes = G_MAXUINT64;
      notify (m, MQTT_PUBLISHER_NOTIFY_WARNING, "MQTT spool not used: %s; "
          "messages are kept in memory only (queue-size) and lost if the "
          "process stops", spool_err->message);
      g_clear_error (&spool_err);
    }
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
  /* publish() and the network thread use it at once */
  mosquitto_threaded_set (m->mosq, true);
  mosquitto_int_option (m->mosq, MOSQ_OPT_PROTOCOL_VERSION,
      MQTT_PROTOCOL_V311);
  mosquitto_max_inflight_messages_set (m->mosq, IN_FLIGHT_WINDOW);
  mosquitto_connect_callback_set (m->mosq, on_connect);
  mosquitto_disconnect_callback_set (m->mosq, on_disconnect);
  mosquitto_publish_callback_set (m->mosq, on_publish);
  mosquitto_log_callback_set (m->mosq, on_log);
  mosquitto_subscribe_callback_set (m->mosq, on_subscribe);
  mosquitto_message_callback_set (m->mosq, on_message);

  if (config->username || config->password) {
    rc = mosquitto_username_pw_set (m->mosq, config->username,
        config->password);
    if (rc != MOSQ_ERR_SUCCESS) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          "could not set MQTT credentials: %s", mosquitto_strerror (rc));
      goto fail;
    }
  }
  if (config->tls && !tls_setup (m, config, error))
    goto fail;
  rc = mosquitto_will_set (m->mosq, m->status_topic,
      (int) strlen (m->offline_payload), m->offline_payload, 1, true);
  if (rc != MOSQ_ERR_SUCCESS) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "invalid MQTT status topic '%s': %s", m->status_topic,
        mosquitto_strerror (rc));
    goto fail;
  }

  GST_INFO ("connecting to MQTT broker %s:%d%s as client '%s'", m->host,
      m->port, config->tls ? " (TLS)" : "", config->client_id);
  m->net_thread = g_thread_new ("mqttpub-net", net_thread, m);
  return m;

fail:
  if (m->mosq)
    mosquitto_destroy (m->mosq);
  if (m->ssl_ctx)
    SSL_CTX_free (m->ssl_ctx);
  mqtt_spool_close (m);
  g_queue_clear_full (&m->queue, (GDestroyNotify) msg_free);
  g_free (m->host);
  g_free (m->status_topic);
  g_free (m->offline_payload);
  g_free (m->topic_prefix);
  g_strfreev (m->subscriptions);
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
 * Queues @payload for @topic (and, with a spool that has room, has it
 * written to disk by the spool thread) and returns at once.  A full spool
 * is reported through notify, at most every few seconds.
 *
 * Returns: how many older messages this dropped to stay within the queue
 *   size (0 normally)
 */
guint
mqtt_publisher_publish (MqttPublisher * mqtt, const gchar * topic,
    const gchar * payload, gint qos, const gchar * event_id)
{
  return mqtt_publisher_publish_expiring (mqtt, topic, payload, qos,
      event_id, 0);
}

/**
 * mqtt_publisher_publish_expiring:
 * @mqtt: an #MqttPublisher
 * @topic: the topic
 * @payload: NUL-terminated payload
 * @qos: 0, 1 or 2
 * @event_id: (nullable): the event's id, for the spool file's name
 * @expires: wall clock (g_get_real_time()) after which the message, if
 *   still queued, is deleted unsent (from the spool too); 0: never
 *
 * As mqtt_publisher_publish(), for a message that may not be kept beyond
 * a time.  The queue is searched about every second, and before the first
 * hand-over of each connection.
 *
 * Returns: how many older messages this dropped to stay within the queue
 *   size (0 normally)
 */
guint
mqtt_publisher_publish_expiring (MqttPublisher * mqtt, const gchar * topic,
    const gchar * payload, gint qos, const gchar * event_id, gint64 expires)
{
  MqttMessage *msg;
  guint dropped = 0, limit, spool_full = 0;
  gint64 now;

  g_return_val_if_fail (mqtt != NULL, 0);

  msg = g_new0 (MqttMessage, 1);
  msg->topic = g_strdup (topic);
  msg->len = strlen (payload);
  msg->payload = g_memdup2 (payload, msg->len + 1);
  msg->qos = CLAMP (qos, 0, 2);
  msg->expires = MAX (expires, 0);

  g_mutex_lock (&mqtt->lock);
  /* with a spool: what it holds, and queue-size more in memory */
  limit = mqtt->queue_size + (mqtt->spool_dir ? mqtt->spool_max_messages : 0);
  msg->seq = mqtt->next_seq++;
  if (mqtt->spool_dir)
    msg->spool_name = mqtt_spool_file_name (msg->seq, event_id);
  while (mqtt->queue.length >= limit) {
    if (!mqtt_publisher_drop_oldest (mqtt))
      break;
    dropped++;
  }
  if (mqtt->queue.length >= limit) {
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
        limit, dropped, mqtt->dropped);
  now = g_get_monotonic_time ();
  if (mqtt->spool_full_unreported && (!mqtt->last_spool_full_notice ||
          now - mqtt->last_spool_full_notice >= SPOOL_FULL_NOTICE_US)) {
    spool_full = mqtt->spool_full_unreported;
    mqtt->spool_full_unreported = 0;
    mqtt->last_spool_full_notice = now;
  }
  pump (mqtt);
  g_mutex_unlock (&mqtt->lock);
  if (spool_full)
    notify (mqtt, MQTT_PUBLISHER_NOTIFY_WARNING, "MQTT spool %s full "
        "(spool-max-messages/spool-max-bytes): %u message(s) kept in memory "
        "only, lost if the process stops before they are delivered",
        mqtt->spool_dir, spool_full);
  return dropped;
}

/**
 * mqtt_publisher_set_status:
 * @mqtt: an #MqttPublisher
 * @payload: the retained status
 *
 * Publishes @payload, retained, on the status topic now if connected, and
 * on every connection from now on.
 */
void
mqtt_publisher_set_status (MqttPublisher * mqtt, const gchar * payload)
{
  g_return_if_fail (mqtt != NULL && payload != NULL);
  g_mutex_lock (&mqtt->lock);
  g_free (mqtt->status_payload);
  mqtt->status_payload = g_strdup (payload);
  if (mqtt->connected && !mqtt->stopping)
    mosquitto_publish (mqtt->mosq, NULL, mqtt->status_topic,
        (int) strlen (payload), payload, 1, true);
  g_mutex_unlock (&mqtt->lock);
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

/**
 * mqtt_publisher_sync_spool:
 * @mqtt: an #MqttPublisher
 *
 * Waits until the spool thread has written (or failed to write) every
 * queued message.
 *
 * Returns: how many undelivered messages are not on disk (all of them
 *   without a spool): those a stop now would lose
 */
guint
mqtt_publisher_sync_spool (MqttPublisher * mqtt)
{
  guint lost;

  g_return_val_if_fail (mqtt != NULL, 0);
  g_mutex_lock (&mqtt->lock);
  while (mqtt->spool_thread && (mqtt->spool_ops.length > 0 ||
          mqtt->spool_busy))
    g_cond_wait (&mqtt->cond, &mqtt->lock);
  lost = mqtt->queue.length;
  if (mqtt->spool_dir && !mqtt->spool_failed)
    lost -= MIN (lost, mqtt->spool_count);
  g_mutex_unlock (&mqtt->lock);
  return lost;
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
  stats->spooled = mqtt->spool_dir ? mqtt->spool_count : 0;
  stats->rejected = mqtt->rejected;
  stats->expired = mqtt->expired;
  g_mutex_unlock (&mqtt->lock);
}

/**
 * mqtt_publisher_free:
 * @mqtt: (transfer full): an #MqttPublisher
 * @flush_timeout_us: how long to wait for outstanding messages
 *
 * Waits up to @flush_timeout_us for the queue to drain, publishes the
 * retained offline status, disconnects cleanly and frees everything.
 * Messages still undelivered are logged (count only); with a spool those
 * on disk stay there for the next start.
 *
 * Returns: how many undelivered messages were lost (not on disk)
 */
guint
mqtt_publisher_free (MqttPublisher * mqtt, gint64 flush_timeout_us)
{
  guint left, lost;

  if (!mqtt)
    return 0;

  mqtt_publisher_flush (mqtt, flush_timeout_us);

  g_mutex_lock (&mqtt->lock);
  mqtt->stopping = TRUE;
  g_cond_broadcast (&mqtt->cond);
  g_mutex_unlock (&mqtt->lock);
  /* it publishes the offline status and disconnects */
  g_thread_join (mqtt->net_thread);
  mosquitto_destroy (mqtt->mosq);
  if (mqtt->ssl_ctx)
    SSL_CTX_free (mqtt->ssl_ctx);

  /* no callbacks any more: the spool's files are final once its thread
   * has written what was queued */
  lost = mqtt_publisher_sync_spool (mqtt);
  left = mqtt->queue.length;
  if (left && mqtt->spool_dir)
    GST_WARNING ("stopping with %u MQTT message(s) to %s:%d undelivered; "
        "%u kept in the spool %s for the next start", left, mqtt->host,
        mqtt->port, left - lost, mqtt->spool_dir);
  else if (left)
    GST_WARNING ("stopping with %u MQTT message(s) to %s:%d undelivered",
        left, mqtt->host, mqtt->port);
  mqtt->dropped += lost;
  mqtt_spool_close (mqtt);
  g_queue_clear_full (&mqtt->queue, (GDestroyNotify) msg_free);
  g_free (mqtt->host);
  g_free (mqtt->status_topic);
  g_free (mqtt->offline_payload);
  g_free (mqtt->topic_prefix);
  g_strfreev (mqtt->subscriptions);
  g_free (mqtt->status_payload);
  g_mutex_clear (&mqtt->lock);
  g_cond_clear (&mqtt->cond);
  g_cond_clear (&mqtt->spool_cond);
  g_free (mqtt);
  return lost;
}
