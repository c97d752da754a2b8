/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The MQTT publisher's on-disk spool: with a spool directory every queued
 * message is also kept in a file of its own, written (temporary file,
 * fsync, rename, fsync of the directory) when queued, deleted when
 * acknowledged or dropped.  The file work runs in order on a thread of its
 * own ("mqttpub-spool"), so neither the streaming thread nor
 * the network thread waits for the disk.  At start the files found are
 * queued again, in sequence order, ahead of anything new; files naming a
 * topic outside the camera's are renamed aside, never published, and
 * those past their expiry are deleted.  A full spool leaves new messages
 * in memory only (mqttpublisher.c). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "mqttspool.h"

#define GST_CAT_DEFAULT mqtt_publisher_debug

/* First line of a spool file; then the QoS, the expiry (wall clock in
 * microseconds, 0: none), the topic, and the payload.  Version 1 files,
 * without the expiry line, are still read. */
#define SPOOL_MAGIC "gst-anpr-spool 2"
#define SPOOL_MAGIC_V1 "gst-anpr-spool 1"
#define SPOOL_SUFFIX ".msg"
#define SPOOL_LOCK "spool.lock"
/* Appended to a spool file whose topic is not the camera's. */
#define SPOOL_REJECTED_SUFFIX ".rejected"

/* Work for the spool thread: write @data to @name, or delete @name when
 * @data is NULL. */
typedef struct
{
  gchar *name;
  GBytes *data;
} SpoolOp;

static void
spool_op_free (SpoolOp * op)
{
  g_free (op->name);
  if (op->data)
    g_bytes_unref (op->data);
  g_free (op);
}

gchar *
mqtt_spool_file_name (guint64 seq, const gchar * event_id)
{
  gchar *id = g_strdup (event_id && *event_id ? event_id : "event");
  gchar *name;

  /* only what is safe in a file name */
  g_strcanon (id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
      "0123456789-", '_');
  name = g_strdup_printf ("%020" G_GUINT64_FORMAT "-%.64s" SPOOL_SUFFIX, seq,
      id);
  g_free (id);
  return name;
}

/* Lock held.  Queues writing @msg's file. */
void
mqtt_spool_write (MqttPublisher * m, MqttMessage * msg)
{
  SpoolOp *op;
  GString *s;

  if (!m->spool_dir)
    return;
  s = g_string_sized_new (msg->len + 128);
  g_string_append_printf (s, SPOOL_MAGIC "\n%d\n%" G_GINT64_FORMAT "\n%s\n",
      msg->qos, msg->expires, msg->topic);
  g_string_append_len (s, msg->payload, msg->len);
  op = g_new0 (SpoolOp, 1);
  op->name = g_strdup (msg->spool_name);
  op->data = g_string_free_to_bytes (s);
  g_queue_push_tail (&m->spool_ops, op);
  g_cond_signal (&m->spool_cond);
}

/* Lock held.  Queues deleting @msg's file. */
void
mqtt_spool_delete (MqttPublisher * m, MqttMessage * msg)
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
  MqttPublisher *m = data;

  g_mutex_lock (&m->lock);
  for (;;) {
    SpoolOp *op = g_queue_pop_head (&m->spool_ops);

    if (!op) {
      m->spool_busy = FALSE;
      /* mqtt_publisher_sync_spool() waits for this */
      g_cond_broadcast (&m->cond);
      if (m->spool_stop)
        break;
      g_cond_wait (&m->spool_cond, &m->lock);
      continue;
    }
    m->spool_busy = TRUE;
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
          m->notify (m->notify_data, MQTT_PUBLISHER_NOTIFY_WARNING, msg);
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

static void
message_free (MqttMessage * msg)
{
  g_free (msg->topic);
  g_free (msg->payload);
  g_free (msg->spool_name);
  g_free (msg);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const gchar * const *) a, *(const gchar * const *) b);
}

/* Reads one spool file; NULL if it is not one of ours. */
static MqttMessage *
spool_read_file (const gchar * dir, const gchar * name)
{
  gchar *path = g_build_filename (dir, name, NULL);
  gchar *data = NULL, *end, *qos_line, *topic, *payload;
  gsize len = 0;
  MqttMessage *msg = NULL;
  guint64 seq;
  gint64 expires = 0;

  if (!g_ascii_isdigit (name[0]))
    goto done;
  seq = g_ascii_strtoull (name, &end, 10);
  if (end == name || *end != '-')
    goto done;
  if (!g_file_get_contents (path, &data, &len, NULL))
    goto done;
  if (g_str_has_prefix (data, SPOOL_MAGIC "\n"))
    qos_line = data + strlen (SPOOL_MAGIC "\n");
  else if (g_str_has_prefix (data, SPOOL_MAGIC_V1 "\n"))
    qos_line = data + strlen (SPOOL_MAGIC_V1 "\n");
  else
    goto done;
  topic = strchr (qos_line, '\n');
  if (!topic)
    goto done;
  topic++;
  if (g_str_has_prefix (data, SPOOL_MAGIC "\n")) {
    expires = g_ascii_strtoll (topic, &end, 10);
    if (end == topic || *end != '\n' || expires < 0)
      goto done;
    topic = end + 1;
  }
  payload = strchr (topic, '\n');
  if (!payload || payload == topic)
    goto done;
  *payload++ = '\0';
  msg = g_new0 (MqttMessage, 1);
  msg->seq = seq;
  msg->qos = CLAMP (atoi (qos_line), 0, 2);
  msg->expires = expires;
  msg->topic = g_strdup (topic);
  msg->len = len - (payload - data);
  msg->payload = g_strndup (payload, msg->len);
  msg->spool_name = g_strdup (name);

done:
  g_free (data);
  g_free (path);
  return msg;
}

/* Creates and locks the spool directory and queues what it holds. */
gboolean
mqtt_spool_open (MqttPublisher * m, GError ** error)
{
  gchar *lock_path;
  GDir *dir;
  const gchar *name;
  GPtrArray *names;
  GString *rejected = NULL;
  guint i;
  GError *err = NULL;
  GStatBuf st;
  gint64 now_real = g_get_real_time ();

  if (g_mkdir_with_parents (m->spool_dir, 0700) != 0) {
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
        "could not create the spool directory %s: %s", m->spool_dir,
        g_strerror (errno));
    return FALSE;
  }
  /* Alerts name vehicles, and whoever can write here can make the camera
   * publish: the directory must be ours alone. */
  if (g_lstat (m->spool_dir, &st) != 0 || !S_ISDIR (st.st_mode)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
        "the spool directory %s is not a directory", m->spool_dir);
    return FALSE;
  }
  if (st.st_uid != geteuid () || (st.st_mode & (S_IWGRP | S_IWOTH))) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
        "the spool directory %s is %s: refused (it must belong to the "
        "pipeline's user and not be writable by others, e.g. mode 0700)",
        m->spool_dir, st.st_uid != geteuid () ? "owned by another user" :
        "writable by other users");
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
    MqttMessage *msg = spool_read_file (m->spool_dir, n);

    if (!msg) {
      gchar *path = g_build_filename (m->spool_dir, n, NULL);
      GST_WARNING ("unreadable spool file %s, deleted", path);
      g_unlink (path);
      g_free (path);
      m->load_dropped++;
      continue;
    }
    if (m->topic_prefix && !g_str_has_prefix (msg->topic, m->topic_prefix)) {
      /* not this camera's: never published, kept for whoever looks */
      gchar *path = g_build_filename (m->spool_dir, n, NULL);
      gchar *aside = g_strconcat (path, SPOOL_REJECTED_SUFFIX, NULL);

      GST_WARNING ("spool file %s is for topic %s, not under %s: set aside",
          path, msg->topic, m->topic_prefix);
      if (g_rename (path, aside) != 0)
        GST_WARNING ("could not rename %s: %s", path, g_strerror (errno));
      if (!rejected)
        rejected = g_string_new (NULL);
      else if (rejected->len < 200)
        g_string_append (rejected, ", ");
      if (rejected->len < 200)
        g_string_append (rejected, msg->topic);
      m->rejected++;
      g_free (aside);
      g_free (path);
      message_free (msg);
      continue;
    }
    if (msg->expires && now_real >= msg->expires) {
      /* kept no longer than allowed, even across a long stop */
      gchar *path = g_build_filename (m->spool_dir, n, NULL);

      GST_LOG ("spool file %s expired unsent, deleted", path);
      g_unlink (path);
      g_free (path);
      m->expired++;
      m->next_seq = MAX (m->next_seq, msg->seq + 1);
      message_free (msg);
      continue;
    }
    g_queue_push_tail (&m->queue, msg);
    m->queue_bytes += msg->len;
    m->spool_count++;
    m->spool_bytes += msg->len;
    m->next_seq = MAX (m->next_seq, msg->seq + 1);
    m->loaded++;
  }
  g_ptr_array_unref (names);
  /* within the bounds, which may have been lowered since */
  while (m->queue.length > 0 && (m->queue.length > m->spool_max_messages ||
          m->queue_bytes > m->max_bytes)) {
    mqtt_publisher_drop_oldest (m);
    m->loaded--;
    m->load_dropped++;
  }
  if (rejected) {
    if (m->notify) {
      gchar *text = g_strdup_printf ("MQTT spool %s: %u file(s) for topics "
          "not under %s (%s) were not published and were renamed to *%s",
          m->spool_dir, m->rejected, m->topic_prefix, rejected->str,
          SPOOL_REJECTED_SUFFIX);
      m->notify (m->notify_data, MQTT_PUBLISHER_NOTIFY_WARNING, text);
      g_free (text);
    }
    g_string_free (rejected, TRUE);
  }
  if (m->loaded || m->load_dropped || m->expired)
    GST_INFO ("spool %s: %u message(s) to send, %u dropped, %"
        G_GUINT64_FORMAT " expired", m->spool_dir, m->loaded, m->load_dropped,
        m->expired);
  m->spool_thread = g_thread_new ("mqttpub-spool", spool_thread, m);
  return TRUE;
}

/* Lets the spool thread finish its work (every file written or deleted),
 * then releases the spool. */
void
mqtt_spool_close (MqttPublisher * m)
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
