/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* A small MQTT publisher over libmosquitto for hotlistmatch.
 *
 * Guarantees:
 *  - anpr_mqtt_publish() never blocks on the network: it appends to a
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
 *    flight) message is dropped and counted; anpr_mqtt_publish() returns
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
 * The queue is a GQueue of AnprMqttMsg behind the small set of functions
 * queue_push / queue_drop_oldest / queue_remove.  With a spool directory
 * these also keep one file per message on disk: written (temporary file,
 * fsync, rename, fsync of the directory) when queued, deleted when
 * acknowledged or dropped.  The file work runs in order on a thread of its
 * own ("anprmqtt-spool"), so neither the streaming thread nor
 * libmosquitto's waits for the disk.  At start the files found are queued
 * again, in sequence order, ahead of anything new.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <mosquitto.h>

#include "anprmqtt.h"

GST_DEBUG_CATEGORY_STATIC (anpr_mqtt_debug);
#define GST_CAT_DEFAULT anpr_mqtt_debug

/* Messages handed to libmosquitto and not yet acknowledged, at most. */
#define IN_FLIGHT_WINDOW 20
/* After a reconnection, how long libmosquitto may take to get its resent
 * messages acknowledged before we hand them over again. */
#define RESEND_AFTER_US (10 * G_USEC_PER_SEC)

/* First line of a spool file; then the QoS, the topic, and the payload. */
#define SPOOL_MAGIC "gst-anpr-spool 1"
#define SPOOL_SUFFIX ".msg"
#define SPOOL_LOCK "spool.lock"

typedef struct
{
  guint64 seq;
  gchar *topic;
  gchar *payload;
  gsize len;
  gint qos;
  gboolean in_flight;
  gint mid;
  gchar *spool_name;            /* file name in the spool, NULL without */
} AnprMqttMsg;

/* Work for the spool thread: write @data to @name, or delete @name when
 * @data is NULL. */
typedef struct
{
  gchar *name;
  GBytes *data;
} SpoolOp;

struct _AnprMqtt
{
  struct mosquitto *mosq;
  gchar *host;
  gint port;
  gchar *status_topic;
  guint queue_size;
  guint64 max_bytes;            /* G_MAXUINT64: no byte bound */
  void (*notify) (gpointer data, const gchar * message);
  gpointer notify_data;
  gint refused_rc;              /* last CONNACK refusal reported, 0: none */
  gboolean tls_reported;

  GMutex lock;
  GCond cond;
  GQueue queue;                 /* AnprMqttMsg, oldest first; in-flight ones first */
  guint n_in_flight;
  guint64 next_seq;
  gboolean connected;
  gboolean ever_connected;
  gboolean draining;            /* waiting for libmosquitto's resends */
  gint64 drain_deadline;
  gboolean stopping;
  gint offline_mid;
  gboolean offline_acked;
  guint64 delivered;
  guint64 dropped;
  guint64 queue_bytes;          /* payload bytes in the queue */

  /* spool */
  gchar *spool_dir;
  gint spool_lock_fd;
  GThread *spool_thread;
  GCond spool_cond;
  GQueue spool_ops;             /* SpoolOp, in order */
  gboolean spool_stop;
  gboolean spool_failed;        /* a write failed: reported once */
  guint loaded;
  guint load_dropped;

  /* libmosquitto's thread only reconnects once a first connection attempt
   * got under way: until then this thread retries */
  GThread *connector;
  guint reconnect_delay_min;
  guint reconnect_delay_max;
};

void
anpr_mqtt_init_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (anpr_mqtt_debug, "anprmqtt", 0,
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

/**
 * anpr_mqtt_parse_url:
 * @url: mqtt://host[:port] (port 1883 when not given) or mqtts://host[:port]
 *   (TLS, port 8883 when not given)
 * @host: (out): the host
 * @port: (out): the port
 * @tls: (out): whether the URL asks for TLS
 * @error: why not
 *
 * User names and passwords in the URL are refused (they would show in
 * gst-inspect, pipeline dumps and logs): use the mqtt-username and
 * mqtt-password-file properties.
 */
gboolean
anpr_mqtt_parse_url (const gchar * url, gchar ** host, gint * port,
    gboolean * tls, GError ** error)
{
  GUri *uri;
  const gchar *scheme;
  gboolean use_tls = FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (!uri) {
    /* do not echo the URL back: it may hold a password */
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
        "and mqtt-password-file (or ANPR_MQTT_PASSWORD)");
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

static void
msg_free (AnprMqttMsg * msg)
{
  g_free (msg->topic);
  g_free (msg->payload);
  g_free (msg->spool_name);
  g_free (msg);
}

/* ---- spool ----------------------------------------------------------- */

static void
spool_op_free (SpoolOp * op)
{
  g_free (op->name);
  if (op->data)
    g_bytes_unref (op->data);
  g_free (op);
}

/* Lock held.  Queues writing @msg's file. */
static void
spool_write (AnprMqtt * m, AnprMqttMsg * msg)
{
  SpoolOp *op;
  GString *s;

  if (!m->spool_dir)
    return;
  s = g_string_sized_new (msg->len + 128);
  g_string_append_printf (s, SPOOL_MAGIC "\n%d\n%s\n", msg->qos, msg->topic);
  g_string_append_len (s, msg->payload, msg->len);
  op = g_new0 (SpoolOp, 1);
  op->name = g_strdup (msg->spool_name);
  op->data = g_string_free_to_bytes (s);
  g_queue_push_tail (&m->spool_ops, op);
  g_cond_signal (&m->spool_cond);
}

/* Lock held.  Queues deleting @msg's file. */
static void
spool_delete (AnprMqtt * m, AnprMqttMsg * msg)
{
  SpoolOp *op;

  if (!m->spool_dir || !msg->spool_name)
    return;
  op = g_new0 (SpoolOp, 1);
  op->name = g_strdup (msg->spool_name);
  g_queue_push_tail (&m->spool_ops, op);
  g_cond_signal (&m->spool_cond);
}

static gboolean
write_all (int fd, const guint8 * data, gsize len)
{
  while (len > 0) {
    ssize_t n = write (fd, data, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return FALSE;
    data += n;
    len -= n;
  }
  return TRUE;
}

static gboolean
fsync_dir (const gchar * dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Writes @data to @name atomically and durably; errno set on failure. */
static gboolean
spool_write_file (const gchar * dir, const gchar * name, GBytes * data)
{
  gchar *path = g_build_filename (dir, name, NULL);
  gchar *tmp = g_strconcat (path, ".tmp", NULL);
  gsize len;
  const guint8 *buf = g_bytes_get_data (data, &len);
  gboolean ok = FALSE;
  int fd, saved;

  fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ok = write_all (fd, buf, len) && fsync (fd) == 0;
    saved = errno;
    close (fd);
    errno = saved;
    ok = ok && rename (tmp, path) == 0 && fsync_dir (dir);
    if (!ok) {
      saved = errno;
      g_unlink (tmp);
      errno = saved;
    }
  }
  g_free (tmp);
  g_free (path);
  return ok;
}

static gpointer
spool_thread (gpointer data)
{
  AnprMqtt *m = data;

  g_mutex_lock (&m->lock);
  for (;;) {
    SpoolOp *op = g_queue_pop_head (&m->spool_ops);

    if (!op) {
      if (m->spool_stop)
        break;
      g_cond_wait (&m->spool_cond, &m->lock);
      continue;
    }
    g_mutex_unlock (&m->lock);
    if (op->data) {
      if (!spool_write_file (m->spool_dir, op->name, op->data)) {
        int err = errno;
        gboolean report;

        GST_WARNING ("could not write spool file %s in %s: %s", op->name,
            m->spool_dir, g_strerror (err));
        g_mutex_lock (&m->lock);
        report = !m->spool_failed;
        m->spool_failed = TRUE;
        g_mutex_unlock (&m->lock);
        if (report && m->notify) {
          gchar *msg = g_strdup_printf ("Could not write to the MQTT spool "
              "directory %s (%s): queued messages are not safe across a "
              "restart", m->spool_dir, g_strerror (err));
          m->notify (m->notify_data, msg);
          g_free (msg);
        }
      } else {
        GST_LOG ("spooled %s", op->name);
      }
    } else {
      gchar *path = g_build_filename (m->spool_dir, op->name, NULL);
      if (g_unlink (path) != 0 && errno != ENOENT)
        GST_WARNING ("could not delete spool file %s: %s", path,
            g_strerror (errno));
      g_free (path);
    }
    spool_op_free (op);
    g_mutex_lock (&m->lock);
  }
  g_mutex_unlock (&m->lock);
  return NULL;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const gchar * const *) a, *(const gchar * const *) b);
}

/* Reads one spool file; NULL if it is not one of ours. */
static AnprMqttMsg *
spool_read_file (const gchar * dir, const gchar * name)
{
  gchar *path = g_build_filename (dir, name, NULL);
  gchar *data = NULL, *end, *qos_line, *topic, *payload;
  gsize len = 0;
  AnprMqttMsg *msg = NULL;
  guint64 seq;

  if (!g_ascii_isdigit (name[0]))
    goto done;
  seq = g_ascii_strtoull (name, &end, 10);
  if (end == name || *end != '-')
    goto done;
  if (!g_file_get_contents (path, &data, &len, NULL))
    goto done;
  if (!g_str_has_prefix (data, SPOOL_MAGIC "\n"))
    goto done;
  qos_line = data + strlen (SPOOL_MAGIC "\n");
  topic = strchr (qos_line, '\n');
  if (!topic)
    goto done;
  topic++;
  payload = strchr (topic, '\n');
  if (!payload || payload == topic)
    goto done;
  *payload++ = '\0';
  msg = g_new0 (AnprMqttMsg, 1);
  msg->seq = seq;
  msg->qos = CLAMP (atoi (qos_line), 0, 2);
  msg->topic = g_strdup (topic);
  msg->len = len - (payload - data);
  msg->payload = g_strndup (payload, msg->len);
  msg->spool_name = g_strdup (name);

done:
  g_free (data);
  g_free (path);
  return msg;
}

static gboolean queue_drop_oldest (AnprMqtt * m);

/* Creates and locks the spool directory and queues what it holds. */
static gboolean
spool_open (AnprMqtt * m, GError ** error)
{
  gchar *lock_path;
  GDir *dir;
  const gchar *name;
  GPtrArray *names;
  guint i;
  GError *err = NULL;

  if (g_mkdir_with_parents (m->spool_dir, 0700) != 0) {
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
        "could not create the spool directory %s: %s", m->spool_dir,
        g_strerror (errno));
    return FALSE;
  }
  /* one publisher per spool */
  lock_path = g_build_filename (m->spool_dir, SPOOL_LOCK, NULL);
  m->spool_lock_fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  g_free (lock_path);
  if (m->spool_lock_fd < 0) {
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
        "could not open the spool directory %s: %s", m->spool_dir,
        g_strerror (errno));
    return FALSE;
  }
  if (flock (m->spool_lock_fd, LOCK_EX | LOCK_NB) != 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
        "the spool directory %s is in use by another publisher",
        m->spool_dir);
    return FALSE;
  }

  dir = g_dir_open (m->spool_dir, 0, &err);
  if (!dir) {
    g_propagate_error (error, err);
    return FALSE;
  }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir))) {
    if (g_str_has_suffix (name, SPOOL_SUFFIX)) {
      g_ptr_array_add (names, g_strdup (name));
    } else if (g_str_has_suffix (name, SPOOL_SUFFIX ".tmp")) {
      /* a write the process did not finish: never acknowledged as queued */
      gchar *path = g_build_filename (m->spool_dir, name, NULL);
      g_unlink (path);
      g_free (path);
    }
  }
  g_dir_close (dir);
  /* names start with the zero-padded sequence number */
  g_ptr_array_sort (names, compare_names);
  for (i = 0; i < names->len; i++) {
    const gchar *n = g_ptr_array_index (names, i);
    AnprMqttMsg *msg = spool_read_file (m->spool_dir, n);

    if (!msg) {
      gchar *path = g_build_filename (m->spool_dir, n, NULL);
      GST_WARNING ("unreadable spool file %s, deleted", path);
      g_unlink (path);
      g_free (path);
      m->load_dropped++;
      continue;
    }
    g_queue_push_tail (&m->queue, msg);
    m->queue_bytes += msg->len;
    m->next_seq = MAX (m->next_seq, msg->seq + 1);
    m->loaded++;
  }
  g_ptr_array_unref (names);
  /* within the bounds, which may have been lowered since */
  while (m->queue.length > 0 && (m->queue.length > m->queue_size ||
          m->queue_bytes > m->max_bytes)) {
    queue_drop_oldest (m);
    m->loaded--;
    m->load_dropped++;
  }
  if (m->loaded || m->load_dropped)
    GST_INFO ("spool %s: %u message(s) to send, %u dropped", m->spool_dir,
        m->loaded, m->load_dropped);
  m->spool_thread = g_thread_new ("anprmqtt-spool", spool_thread, m);
  return TRUE;
}

/* ---- queue (lock held) ---------------------------------------------- */

static GList *
queue_first_pending (AnprMqtt * m)
{
  GList *l;

  for (l = m->queue.head; l; l = l->next)
    if (!((AnprMqttMsg *) l->data)->in_flight)
      return l;
  return NULL;
}

/* Drops the oldest message not yet handed over. */
static gboolean
queue_drop_oldest (AnprMqtt * m)
{
  GList *l = queue_first_pending (m);

  if (!l)
    return FALSE;
  m->queue_bytes -= ((AnprMqttMsg *) l->data)->len;
  spool_delete (m, l->data);
  msg_free (l->data);
  g_queue_delete_link (&m->queue, l);
  m->dropped++;
  return TRUE;
}

static void
queue_push (AnprMqtt * m, AnprMqttMsg * msg)
{
  g_queue_push_tail (&m->queue, msg);
  m->queue_bytes += msg->len;
  spool_write (m, msg);
}

static void
queue_remove (AnprMqtt * m, GList * link)
{
  AnprMqttMsg *msg = link->data;

  if (msg->in_flight)
    m->n_in_flight--;
  m->queue_bytes -= msg->len;
  spool_delete (m, msg);
  msg_free (msg);
  g_queue_delete_link (&m->queue, link);
  if (m->queue.length == 0)
    g_cond_broadcast (&m->cond);
}

/* Hands one message to libmosquitto.  Returns FALSE when it did not take
 * it (it stays queued and is retried later). */
static gboolean
hand_over (AnprMqtt * m, AnprMqttMsg * msg)
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
pump (AnprMqtt * m)
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
        AnprMqttMsg *msg = l->data;
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
  AnprMqtt *m = userdata;

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
      AnprMqttMsg *msg = l->data;
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
  AnprMqtt *m = userdata;
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
  AnprMqtt *m = userdata;
  GList *l;

  g_mutex_lock (&m->lock);
  if (m->offline_mid && mid == m->offline_mid) {
    m->offline_acked = TRUE;
    g_cond_broadcast (&m->cond);
  }
  for (l = m->queue.head; l; l = l->next) {
    AnprMqttMsg *msg = l->data;
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
  AnprMqtt *m = data;
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

/* Lets the spool thread finish its work (every file written or deleted),
 * then releases the spool. */
static void
spool_close (AnprMqtt * m)
{
  if (m->spool_thread) {
    g_mutex_lock (&m->lock);
    m->spool_stop = TRUE;
    g_cond_broadcast (&m->spool_cond);
    g_mutex_unlock (&m->lock);
    g_thread_join (m->spool_thread);
    m->spool_thread = NULL;
  }
  g_queue_clear_full (&m->spool_ops, (GDestroyNotify) spool_op_free);
  if (m->spool_lock_fd >= 0) {
    close (m->spool_lock_fd);
    m->spool_lock_fd = -1;
  }
  g_clear_pointer (&m->spool_dir, g_free);
}

/**
 * anpr_mqtt_new:
 * @config: where and how to connect
 * @error: set when libmosquitto refuses the settings
 *
 * Starts connecting in the background: an unreachable broker is not an
 * error, messages queue until it is reachable.
 */
AnprMqtt *
anpr_mqtt_new (const AnprMqttConfig * config, GError ** error)
{
  AnprMqtt *m;
  int rc;

  anpr_mqtt_init_debug ();
  lib_init_once ();

  m = g_new0 (AnprMqtt, 1);
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
    if (!spool_open (m, error))
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
    m->connector = g_thread_new ("anprmqtt-connect", connector_thread, m);
  return m;

fail:
  if (m->mosq)
    mosquitto_destroy (m->mosq);
  spool_close (m);
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
 * anpr_mqtt_publish:
 * @mqtt: an #AnprMqtt
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
anpr_mqtt_publish (AnprMqtt * mqtt, const gchar * topic,
    const gchar * payload, gint qos, const gchar * event_id)
{
  AnprMqttMsg *msg;
  guint dropped = 0;

  g_return_val_if_fail (mqtt != NULL, 0);

  msg = g_new0 (AnprMqttMsg, 1);
  msg->topic = g_strdup (topic);
  msg->len = strlen (payload);
  msg->payload = g_memdup2 (payload, msg->len + 1);
  msg->qos = CLAMP (qos, 0, 2);

  g_mutex_lock (&mqtt->lock);
  msg->seq = mqtt->next_seq++;
  if (mqtt->spool_dir) {
    gchar *id = g_strdup (event_id && *event_id ? event_id : "event");
    /* only what is safe in a file name */
    g_strcanon (id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        "0123456789-", '_');
    msg->spool_name = g_strdup_printf ("%020" G_GUINT64_FORMAT "-%.64s"
        SPOOL_SUFFIX, msg->seq, id);
    g_free (id);
  }
  while (mqtt->queue.length >= mqtt->queue_size ||
      (mqtt->queue.length > 0 &&
          mqtt->queue_bytes + msg->len > mqtt->max_bytes)) {
    if (!queue_drop_oldest (mqtt))
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
 * anpr_mqtt_flush:
 * @mqtt: an #AnprMqtt
 * @timeout_us: how long to wait at most
 *
 * Waits until every queued message is acknowledged.
 *
 * Returns: %TRUE if the queue emptied in time
 */
gboolean
anpr_mqtt_flush (AnprMqtt * mqtt, gint64 timeout_us)
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
anpr_mqtt_get_stats (AnprMqtt * mqtt, AnprMqttStats * stats)
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
 * anpr_mqtt_free:
 * @mqtt: (transfer full): an #AnprMqtt
 * @flush_timeout_us: how long to wait for outstanding messages
 *
 * Waits up to @flush_timeout_us for the queue to drain, publishes the
 * retained "offline" status, disconnects cleanly and frees everything.
 * Messages still undelivered are logged (count only) and dropped; with a
 * spool they stay in it for the next start.
 */
void
anpr_mqtt_free (AnprMqtt * mqtt, gint64 flush_timeout_us)
{
  gint64 end;
  gboolean connected;
  guint left;

  if (!mqtt)
    return;

  end = g_get_monotonic_time () + flush_timeout_us;
  anpr_mqtt_flush (mqtt, flush_timeout_us);

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
  spool_close (mqtt);
  g_queue_clear_full (&mqtt->queue, (GDestroyNotify) msg_free);
  g_free (mqtt->host);
  g_free (mqtt->status_topic);
  g_mutex_clear (&mqtt->lock);
  g_cond_clear (&mqtt->cond);
  g_cond_clear (&mqtt->spool_cond);
  g_free (mqtt);
}
