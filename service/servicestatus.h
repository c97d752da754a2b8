/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The service's own status on MQTT: a retained JSON document on
 * <topic-prefix>/service/<id>/status with every camera's state, and
 * {"state":"offline"} as the last will and on a clean stop.  The cameras'
 * alerts do not go through here (each camera's hotlistmatch has its own
 * session). */

#ifndef __SERVICE_STATUS_H__
#define __SERVICE_STATUS_H__

#include "serviceconfig.h"

G_BEGIN_DECLS

typedef struct _ServiceStatus ServiceStatus;

ServiceStatus *service_status_new (const ServiceConfig * config,
    GError ** error);

/* @cameras: id -> Camera*.  Retained, and sent again on reconnection. */
void service_status_publish (ServiceStatus * status, GHashTable * cameras);

/* Publishes the clean-stop "offline" (within a bounded wait) and
 * disconnects. */

void service_status_free (ServiceStatus * status);

G_END_DECLS

#endif /* __SERVICE_STATUS_H__ */
