/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* What mqttpublisher.c and mqttspool.c share: the publisher's state and
 * the messages it queues.  Not for the element. */

#ifndef __MQTT_PUBLISHER_PRIVATE_H__
#define __MQTT_PUBLISHER_PRIVATE_H__

#include <gst/gst.h>

#include "mqttpublisher.h"

G_BEGIN_DECLS

GST_DEBUG_CATEGORY_EXTERN (mqtt_publisher_debug);

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
} MqttMessage;

struct _MqttPublisher
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
  GQueue queue;                 /* MqttMessage, oldest first, in-flight
                                 * ones first */
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
  GQueue spool_ops;             /* SpoolOp (mqttspool.c), in order */
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

/* Lock held.  Drops the oldest message not yet handed over; FALSE when
 * every message kept is in flight. */
gboolean mqtt_publisher_drop_oldest (MqttPublisher * m);

G_END_DECLS

#endif /* __MQTT_PUBLISHER_PRIVATE_H__ */
