/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The camera service's configuration file: a GKeyFile with a [service]
 * group (the process), a [defaults] group and one [camera ID] group per
 * camera.  Parsing resolves each camera's settings completely (defaults
 * applied, every key checked against the analysis elements' properties),
 * so a camera can be compared with its previous self on reload. */

#ifndef __SERVICE_CONFIG_H__
#define __SERVICE_CONFIG_H__

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct
{
  gchar *id;
  gchar *url;
  guint latency_ms;             /* RTSP jitterbuffer */
  gchar *protocols;             /* RTSP lower transports, e.g. "tcp" */
  guint watchdog_s;             /* no frame for this long: reconnect */
  guint connect_timeout_s;      /* no first frame this long after connecting */
  guint backoff_min_s;
  guint backoff_max_s;
  /* "key=value" for the analysis elements' properties, sorted, with the
   * camera's own camera-id (and spool-dir) filled in */
  GPtrArray *element_settings;
  /* everything above, one string: equal fingerprints, same camera */
  gchar *fingerprint;
} CameraConfig;

typedef struct
{
  gchar *path;
  gchar *service_id;
  guint stop_timeout_s;         /* SIGTERM: most time to flush and stop */
  guint reload_check_s;         /* how often the file is checked for edits */
  /* the process status: its MQTT broker, from [service] (or [defaults]) */
  gchar *mqtt_url;
  gchar *mqtt_username;
  gchar *mqtt_password_file;
  gchar *mqtt_ca_file;
  gchar *mqtt_cert_file;
  gchar *mqtt_key_file;
  gchar *topic_prefix;
  GPtrArray *cameras;           /* CameraConfig*, in file order */
} ServiceConfig;

CameraConfig *camera_config_copy (const CameraConfig * config);
void camera_config_free (CameraConfig * config);

ServiceConfig *service_config_load (const gchar * path, GError ** error);
void service_config_free (ServiceConfig * config);
const CameraConfig *service_config_find_camera (const ServiceConfig * config,
    const gchar * id);

/* @url without any user name or password, for logs. */
gchar *service_config_redact_url (const gchar * url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServiceConfig, service_config_free);

G_END_DECLS

#endif /* __SERVICE_CONFIG_H__ */
