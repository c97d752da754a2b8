/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "serviceconfig.h"

#include <gio/gio.h>

#include <string.h>

#define CAMERA_GROUP_PREFIX "camera "

/* The elements every camera's analysis runs; a key of [defaults] or
 * [camera ...] that is not the service's own is set on each of them that
 * has a property of that name. */
static const gchar *const analysis_elements[] =
    { "platedetect", "plateocr", "hotlistmatch", NULL };

/* Properties that are GStreamer's plumbing, or the service's to set. */
static const gchar *const reserved_properties[] =
    { "name", "parent", "qos", "camera-id", "source-state", NULL };

/* The service's own per-camera keys, and their defaults. */
typedef struct
{
  const gchar *key;
  guint def;
  guint min;
  guint max;
  gsize offset;
} UintKey;

static const UintKey camera_uint_keys[] = {
  {"latency", 200, 0, 60000, G_STRUCT_OFFSET (CameraConfig, latency_ms)},
  {"watchdog", 10, 1, 3600, G_STRUCT_OFFSET (CameraConfig, watchdog_s)},
  {"connect-timeout", 20, 1, 3600,
      G_STRUCT_OFFSET (CameraConfig, connect_timeout_s)},
  {"backoff-min", 1, 1, 3600, G_STRUCT_OFFSET (CameraConfig, backoff_min_s)},
  {"backoff-max", 60, 1, 86400,
      G_STRUCT_OFFSET (CameraConfig, backoff_max_s)},
};

static const gchar *const service_mqtt_keys[] = { "mqtt-url",
  "mqtt-username", "mqtt-password-file", "mqtt-ca-file", "mqtt-cert-file",
  "mqtt-key-file", "topic-prefix", NULL
};

void
camera_config_free (CameraConfig * c)
{
  g_free (c->id);
  g_free (c->url);
  g_free (c->protocols);
  g_ptr_array_unref (c->element_settings);
  g_free (c->fingerprint);
  g_free (c);
}

CameraConfig *
camera_config_copy (const CameraConfig * c)
{
  CameraConfig *copy = g_memdup2 (c, sizeof (*c));
  guint i;

  copy->id = g_strdup (c->id);
  copy->url = g_strdup (c->url);
  copy->protocols = g_strdup (c->protocols);
  copy->fingerprint = g_strdup (c->fingerprint);
  copy->element_settings = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; i < c->element_settings->len; i++)
    g_ptr_array_add (copy->element_settings,
        g_strdup (g_ptr_array_index (c->element_settings, i)));
  return copy;
}

void
service_config_free (ServiceConfig * config)
{
  if (config == NULL)
    return;
  g_free (config->path);
  g_free (config->service_id);
  g_free (config->mqtt_url);
  g_free (config->mqtt_username);
  g_free (config->mqtt_password_file);
  g_free (config->mqtt_ca_file);
  g_free (config->mqtt_cert_file);
  g_free (config->mqtt_key_file);
  g_free (config->topic_prefix);
  g_ptr_array_unref (config->cameras);
  g_free (config);
}

const CameraConfig *
service_config_find_camera (const ServiceConfig * config, const gchar * id)
{
  guint i;

  for (i = 0; i < config->cameras->len; i++) {
    const CameraConfig *c = g_ptr_array_index (config->cameras, i);
    if (g_str_equal (c->id, id))
      return c;
  }
  return NULL;
}

gchar *
service_config_redact_url (const gchar * url)
{
  const gchar *scheme_end = strstr (url, "://");
  const gchar *host, *at, *slash;

  if (scheme_end == NULL)
    return g_strdup (url);
  host = scheme_end + 3;
  slash = strchr (host, '/');
  at = strchr (host, '@');
  if (at == NULL || (slash != NULL && at > slash))
    return g_strdup (url);
  return g_strdup_printf ("%.*s***@%s", (int) (host - url), url, at + 1);
}

/* One instance of each analysis element, to check keys and values
 * against their properties. */
typedef struct
{
  GstElement *elements[G_N_ELEMENTS (analysis_elements)];
} Checker;

static gboolean
checker_init (Checker * checker, GError ** error)
{
  guint i;

  memset (checker, 0, sizeof (*checker));
  for (i = 0; analysis_elements[i] != NULL; i++) {
    checker->elements[i] = gst_element_factory_make (analysis_elements[i],
        NULL);
    if (checker->elements[i] == NULL) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
          "GStreamer element '%s' not found: is gst-anpr installed "
          "(or GST_PLUGIN_PATH set)?", analysis_elements[i]);
      return FALSE;
    }
    gst_object_ref_sink (checker->elements[i]);
  }
  return TRUE;
}

static void
checker_clear (Checker * checker)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (checker->elements); i++)
    gst_clear_object (&checker->elements[i]);
}

/* Whether @key=@value suits at least one analysis element, and a clear
 * error when not. */
static gboolean
checker_check (Checker * checker, const gchar * group, const gchar * key,
    const gchar * value, GError ** error)
{
  gboolean found = FALSE;
  guint i;

  if (g_strv_contains (reserved_properties, key)) {
    g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
        "[%s]: '%s' is set by the service itself%s", group, key,
        g_str_equal (key, "camera-id") ? " (the camera group's name)" : "");
    return FALSE;
  }
  for (i = 0; analysis_elements[i] != NULL; i++) {
    GObject *obj = G_OBJECT (checker->elements[i]);
    GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS
        (obj), key);
    GValue v = G_VALUE_INIT;

    if (pspec == NULL)
      continue;
    found = TRUE;
    if (!(pspec->flags & G_PARAM_WRITABLE)
        || (pspec->flags & G_PARAM_CONSTRUCT_ONLY)) {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
          "[%s]: '%s' of %s cannot be set", group, key, analysis_elements[i]);
      return FALSE;
    }
    g_value_init (&v, pspec->value_type);
    if (!gst_value_deserialize (&v, value) || g_param_value_validate (pspec,
            &v)) {
      g_value_unset (&v);
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
          "[%s]: '%s' is not a valid value of %s (%s of %s)", group, value,
          key, g_type_name (pspec->value_type), analysis_elements[i]);
      return FALSE;
    }
    g_value_unset (&v);
  }
  if (!found) {
    g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
        "[%s]: unknown key '%s' (not a service key nor a property of "
        "platedetect, plateocr or hotlistmatch)", group, key);
    return FALSE;
  }
  return TRUE;
}

static gboolean
is_camera_service_key (const gchar * key)
{
  guint i;

  if (g_str_equal (key, "url") || g_str_equal (key, "protocols"))
    return TRUE;
  for (i = 0; i < G_N_ELEMENTS (camera_uint_keys); i++)
    if (g_str_equal (key, camera_uint_keys[i].key))
      return TRUE;
  return FALSE;
}

/* The value of @key for a camera: its own group's, else [defaults]'. */
static gchar *
lookup (GKeyFile * kf, const gchar * group, const gchar * key)
{
  gchar *v = g_key_file_get_string (kf, group, key, NULL);

  if (v == NULL)
    v = g_key_file_get_string (kf, "defaults", key, NULL);
  if (v != NULL)
    g_strstrip (v);
  return v;
}

static gboolean
parse_uint (const gchar * group, const UintKey * k, const gchar * value,
    guint * out, GError ** error)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (value, 10, k->min, k->max, &n, NULL)) {
    g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
        "[%s]: %s must be a whole number from %u to %u, not '%s'", group,
        k->key, k->min, k->max, value);
    return FALSE;
  }
  *out = (guint) n;
  return TRUE;
}

static gboolean
camera_id_ok (const gchar * id)
{
  return *id != '\0' && strpbrk (id, "/+# \t") == NULL;
}

static CameraConfig *
camera_config_new (GKeyFile * kf, const gchar * group, Checker * checker,
    GError ** error)
{
  CameraConfig *c = g_new0 (CameraConfig, 1);
  GHashTable *settings = g_hash_table_new_full (g_str_hash, g_str_equal,
      g_free, g_free);
  const gchar *groups[] = { "defaults", group };
  GString *fp = g_string_new (NULL);
  GList *keys_sorted, *l;
  gchar *value;
  guint i, g;

  c->id = g_strdup (group + strlen (CAMERA_GROUP_PREFIX));
  g_strstrip (c->id);
  c->element_settings = g_ptr_array_new_with_free_func (g_free);
  if (!camera_id_ok (c->id)) {
    g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
        "[%s]: a camera id must be non-empty, without '/', '+', '#' or "
        "spaces", group);
    goto fail;
  }
  /* hotlistmatch refuses them too: topic subtrees of their own */
  if (!strcmp (c->id, "hotlist") || !strcmp (c->id, "service")) {
    g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
        "[%s]: the camera id '%s' is reserved (the topics "
        "<topic-prefix>/%s/... hold the %s)", group, c->id, c->id,
        strcmp (c->id, "hotlist") ? "services' status" : "hotlists");
    goto fail;
  }

  c->url = lookup (kf, group, "url");
  if (c->url == NULL || *c->url == '\0') {
    g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
        "[%s]: no url", group);
    goto fail;
  }
  if (!gst_uri_is_valid (c->url)) {
    gchar *safe = service_config_redact_url (c->url);
    g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
        "[%s]: url '%s' is not a URI (rtsp://..., file:///...)", group,
        safe);
    g_free (safe);
    goto fail;
  }
  c->protocols = lookup (kf, group, "protocols");
  if (c->protocols == NULL)
    c->protocols = g_strdup ("tcp");
  for (i = 0; i < G_N_ELEMENTS (camera_uint_keys); i++) {
    const UintKey *k = &camera_uint_keys[i];
    guint *out = G_STRUCT_MEMBER_P (c, k->offset);

    value = lookup (kf, group, k->key);
    *out = k->def;
    if (value != NULL && !parse_uint (group, k, value, out, error)) {
      g_free (value);
      goto fail;
    }
    g_free (value);
  }
  if (c->backoff_max_s < c->backoff_min_s)
    c->backoff_max_s = c->backoff_min_s;

  /* element settings: [defaults] first, the camera's own over them */
  for (g = 0; g < G_N_ELEMENTS (groups); g++) {
    gchar **keys = g_key_file_get_keys (kf, groups[g], NULL, NULL);

    for (i = 0; keys != NULL && keys[i] != NULL; i++) {
      const gchar *key = keys[i];

      if (is_camera_service_key (key))
        continue;
      value = g_key_file_get_string (kf, groups[g], key, NULL);
      if (value == NULL)
        continue;
      g_strstrip (value);
      if (!checker_check (checker, g == 0 ? "defaults" : group, key, value,
              error)) {
        g_free (value);
        g_strfreev (keys);
        goto fail;
      }
      /* a spool directory shared in [defaults] is a parent: each camera
       * spools in its own subdirectory, as two cameras must not share */
      if (g == 0 && g_str_equal (key, "spool-dir") && *value != '\0') {
        gchar *dir = g_build_filename (value, c->id, NULL);
        g_free (value);
        value = dir;
      }
      /* so is a hotlist cache there: each camera keeps DIR/ID.json */
      if (g == 0 && g_str_equal (key, "hotlist-cache") && *value != '\0') {
        gchar *file = g_strconcat (c->id, ".json", NULL);
        gchar *path = g_build_filename (value, file, NULL);
        g_free (file);
        g_free (value);
        value = path;
      }
      g_hash_table_replace (settings, g_strdup (key), value);
    }
    g_strfreev (keys);
  }
  /* under systemd, the unit's state directory holds the spool unless the
   * file says otherwise */
  if (!g_hash_table_contains (settings, "spool-dir")
      && g_hash_table_contains (settings, "mqtt-url")
      && g_getenv ("STATE_DIRECTORY") != NULL) {
    g_hash_table_insert (settings, g_strdup ("spool-dir"),
        g_build_filename (g_getenv ("STATE_DIRECTORY"), "spool", c->id,
            NULL));
  }
  /* ... and the last good hotlist from MQTT, for restarts without the
   * broker */
  if (!g_hash_table_contains (settings, "hotlist-cache")
      && g_hash_table_contains (settings, "hotlist-name")
      && *(const gchar *) g_hash_table_lookup (settings, "hotlist-name")
      && g_getenv ("STATE_DIRECTORY") != NULL) {
    gchar *file = g_strconcat (c->id, ".json", NULL);

    g_hash_table_insert (settings, g_strdup ("hotlist-cache"),
        g_build_filename (g_getenv ("STATE_DIRECTORY"), "hotlist", file,
            NULL));
    g_free (file);
  }
  g_hash_table_insert (settings, g_strdup ("camera-id"), g_strdup (c->id));

  keys_sorted = g_list_sort (g_hash_table_get_keys (settings),
      (GCompareFunc) strcmp);
  for (l = keys_sorted; l != NULL; l = l->next)
    g_ptr_array_add (c->element_settings, g_strdup_printf ("%s=%s",
            (const gchar *) l->data,
            (const gchar *) g_hash_table_lookup (settings, l->data)));
  g_list_free (keys_sorted);

  g_string_append_printf (fp, "url=%s\nprotocols=%s\n", c->url, c->protocols);
  for (i = 0; i < G_N_ELEMENTS (camera_uint_keys); i++)
    g_string_append_printf (fp, "%s=%u\n", camera_uint_keys[i].key,
        *(guint *) G_STRUCT_MEMBER_P (c, camera_uint_keys[i].offset));
  for (i = 0; i < c->element_settings->len; i++)
    g_string_append_printf (fp, "%s\n",
        (const gchar *) g_ptr_array_index (c->element_settings, i));
  c->fingerprint = g_string_free (fp, FALSE);
  g_hash_table_unref (settings);
  return c;

fail:
  g_string_free (fp, TRUE);
  g_hash_table_unref (settings);
  camera_config_free (c);
  return NULL;
}

static gboolean
check_service_group (GKeyFile * kf, ServiceConfig * config, GError ** error)
{
  static const gchar *const known[] = { "id", "stop-timeout",
    "reload-check", NULL
  };
  gchar **keys = g_key_file_get_keys (kf, "service", NULL, NULL);
  gboolean ok = TRUE;
  guint i;

  for (i = 0; ok && keys != NULL && keys[i] != NULL; i++) {
    if (!g_strv_contains (known, keys[i])
        && !g_strv_contains (service_mqtt_keys, keys[i])) {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
          "[service]: unknown key '%s'", keys[i]);
      ok = FALSE;
    }
  }
  g_strfreev (keys);
  if (!ok)
    return FALSE;

  config->service_id = g_key_file_get_string (kf, "service", "id", NULL);
  if (config->service_id == NULL)
    config->service_id = g_strdup (g_get_host_name ());
  g_strstrip (config->service_id);
  if (!camera_id_ok (config->service_id)) {
    g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
        "[service]: id must be non-empty, without '/', '+', '#' or spaces");
    return FALSE;
  }
  {
    const UintKey stop = { "stop-timeout", 15, 1, 3600, 0 };
    const UintKey reload = { "reload-check", 2, 0, 3600, 0 };
    const UintKey *k[] = { &stop, &reload };
    guint *out[] = { &config->stop_timeout_s, &config->reload_check_s };

    for (i = 0; i < G_N_ELEMENTS (k); i++) {
      gchar *v = g_key_file_get_string (kf, "service", k[i]->key, NULL);
      *out[i] = k[i]->def;
      if (v != NULL && !parse_uint ("service", k[i], g_strstrip (v), out[i],
              error)) {
        g_free (v);
        return FALSE;
      }
      g_free (v);
    }
  }
  /* the process status goes to the cameras' broker unless [service]
   * names another */
  {
    gchar **outs[] = { &config->mqtt_url, &config->mqtt_username,
      &config->mqtt_password_file, &config->mqtt_ca_file,
      &config->mqtt_cert_file, &config->mqtt_key_file, &config->topic_prefix
    };
    for (i = 0; service_mqtt_keys[i] != NULL; i++) {
      *outs[i] = g_key_file_get_string (kf, "service", service_mqtt_keys[i],
          NULL);
      if (*outs[i] == NULL)
        *outs[i] = g_key_file_get_string (kf, "defaults",
            service_mqtt_keys[i], NULL);
      if (*outs[i] != NULL && *g_strstrip (*outs[i]) == '\0')
        g_clear_pointer (outs[i], g_free);
    }
    if (config->topic_prefix == NULL)
      config->topic_prefix = g_strdup ("anpr");
  }
  return TRUE;
}

ServiceConfig *
service_config_load (const gchar * path, GError ** error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (ServiceConfig) config = g_new0 (ServiceConfig, 1);
  g_auto (GStrv) groups = NULL;
  Checker checker;
  GError *err = NULL;
  guint i;

  config->path = g_strdup (path);
  config->cameras = g_ptr_array_new_with_free_func ((GDestroyNotify)
      camera_config_free);
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &err)) {
    g_set_error (error, err->domain, err->code, "%s: %s", path, err->message);
    g_error_free (err);
    return NULL;
  }
  if (!check_service_group (kf, config, &err))
    goto fail;

  if (!checker_init (&checker, &err))
    goto fail;
  groups = g_key_file_get_groups (kf, NULL);
  for (i = 0; groups[i] != NULL; i++) {
    CameraConfig *c;

    if (g_str_equal (groups[i], "service")
        || g_str_equal (groups[i], "defaults"))
      continue;
    if (!g_str_has_prefix (groups[i], CAMERA_GROUP_PREFIX)) {
      g_set_error (&err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
          "unknown group [%s] (expected [service], [defaults] or "
          "[camera ID])", groups[i]);
      break;
    }
    c = camera_config_new (kf, groups[i], &checker, &err);
    if (c == NULL)
      break;
    if (service_config_find_camera (config, c->id) != NULL) {
      g_set_error (&err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
          "camera '%s' is defined twice", c->id);
      camera_config_free (c);
      break;
    }
    g_ptr_array_add (config->cameras, c);
  }
  checker_clear (&checker);
  if (err != NULL)
    goto fail;
  if (config->cameras->len == 0) {
    g_set_error (&err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
        "no [camera ID] group");
    goto fail;
  }
  return g_steal_pointer (&config);

fail:
  g_set_error (error, err->domain, err->code, "%s: %s", path, err->message);
  g_error_free (err);
  return NULL;
}
