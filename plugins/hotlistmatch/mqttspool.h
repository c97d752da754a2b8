/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The publisher's on-disk spool (mqttspool.c). */

#ifndef __MQTT_SPOOL_H__
#define __MQTT_SPOOL_H__

#include "mqttpublisherprivate.h"

G_BEGIN_DECLS

/* Creates (mode 0700) and locks @m->spool_dir, after checking that it is
 * the user's alone, queues the messages found there for the camera's own
 * topics (others are renamed aside) and starts the spool thread.  On
 * failure @error is G_IO_ERROR_BUSY when another publisher holds the
 * lock. */
gboolean mqtt_spool_open (MqttPublisher * m, GError ** error);

/* Lets the spool thread finish its work, then releases the spool. */
void mqtt_spool_close (MqttPublisher * m);

/* The spool file name of message @seq (@event_id: nullable). */
gchar *mqtt_spool_file_name (guint64 seq, const gchar * event_id);

/* Lock held: have @msg's file written, or deleted. */
void mqtt_spool_write (MqttPublisher * m, MqttMessage * msg);
void mqtt_spool_delete (MqttPublisher * m, MqttMessage * msg);

G_END_DECLS

#endif /* __MQTT_SPOOL_H__ */
