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
  gint64 expires;               /* wall clock (us) after which it is deleted
                                 * unsent, 0: kept until delivered */
  gchar *spool_name;            /* file name in the spool, NULL when the
                                 * message is in memory only */
} MqttMessage;

struct _MqttPublisher
{
  struct mosquitto *mosq;
  struct ssl_ctx_st *ssl_ctx;   /* ours, with TLS: says why TLS failed */
  gchar *host;
  gint port;
  gint keepalive;
  gboolean tls;
  gchar *status_topic;
  gchar *offline_payload;
  gchar *topic_prefix;          /* spooled topics must start with it */
  guint queue_size;             /* in memory, beyond what the spool holds */
  guint64 max_bytes;            /* spool payload bytes; G_MAXUINT64: none */
  guint spool_max_messages;
  void (*notify) (gpointer data, MqttPublisherNotifyLevel level,
      const gchar * message);
  void (*tick) (MqttPublisher * mqtt, gpointer data, gboolean connected_now);
  /* subscribed to on every connection; messages to message () */
  gchar **subscriptions;
  void (*message) (gpointer data, const gchar * topic, const gchar * payload,
      gsize len, gboolean retained);
  gpointer notify_data;
  gint refused_rc;              /* last CONNACK refusal reported, 0: none */
  gint tls_verify_error;        /* atomic: set by the TLS verify callback */
  gint tls_reported;            /* last TLS failure kind reported, 0: none */

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
  guint64 expired;              /* deleted unsent at their expiry */
  guint expired_unreported;
  gint64 next_expiry_check;     /* monotonic */
  gint64 next_expiry_notice;
  gchar *status_payload;        /* retained on every connection */
  gboolean status_due;          /* connected: the tick is to say so */

  /* outages: since when, and whether the user was told */
  gint64 down_since;
  gboolean down_reported;
  gboolean cause_reported;      /* a refusal or TLS failure said why */
  guint unreachable_grace_ms;

  /* spool */
  gchar *spool_dir;
  gint spool_lock_fd;
  GThread *spool_thread;
  GCond spool_cond;
  GQueue spool_ops;             /* SpoolOp (mqttspool.c), in order */
  gboolean spool_stop;
  gboolean spool_busy;          /* the spool thread is on an op */
  gboolean spool_failed;        /* a write failed: reported once */
  guint spool_count;            /* messages with a file */
  guint64 spool_bytes;
  guint spool_full_unreported;  /* kept in memory only, not yet said */
  gint64 last_spool_full_notice;
  guint loaded;
  guint load_dropped;
  guint rejected;

  /* the only thread that drives the libmosquitto client: connects,
   * reconnects with backoff, runs its loop */
  GThread *net_thread;
  guint reconnect_delay_min;
  guint reconnect_delay_max;
};

/* Lock held.  Drops the oldest message not yet handed over; FALSE when
 * every message kept is in flight. */
gboolean mqtt_publisher_drop_oldest (MqttPublisher * m);

G_END_DECLS

#endif /* __MQTT_PUBLISHER_PRIVATE_H__ */
