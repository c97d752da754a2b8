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

#include "servicehealth.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "camera.h"

/* a file older than this many intervals is stale ... */
#define STALE_INTERVALS 3
/* ... and never sooner than this many seconds */
#define STALE_MIN_S 15

gchar *
service_health_path (void)
{
  const gchar *dir = g_getenv ("STATE_DIRECTORY");

  if (dir == NULL || *dir == '\0')
    return NULL;
  return g_build_filename (dir, SERVICE_HEALTH_FILE, NULL);
}

gboolean
service_health_write (const gchar * path, const gchar * service_id,
    const gchar * state, guint interval_s, GHashTable * cameras,
    GError ** error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree gchar *ts = g_date_time_format_iso8601 (now);
  g_autofree gchar *payload = NULL;
  g_autofree gchar *tmp = g_strconcat (path, ".tmp", NULL);
  GList *ids = NULL, *l;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "service_id");
  json_builder_add_string_value (b, service_id);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, state);
  json_builder_set_member_name (b, "pid");
  json_builder_add_int_value (b, getpid ());
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, VERSION);
  json_builder_set_member_name (b, "timestamp");
  json_builder_add_string_value (b, ts);
  /* what the check compares, in whole seconds since the epoch */
  json_builder_set_member_name (b, "updated");
  json_builder_add_int_value (b, g_date_time_to_unix (now));
  json_builder_set_member_name (b, "interval");
  json_builder_add_int_value (b, interval_s);
  json_builder_set_member_name (b, "cameras");
  json_builder_begin_object (b);
  if (cameras != NULL)
    ids = g_list_sort (g_hash_table_get_keys (cameras), (GCompareFunc) strcmp);
  for (l = ids; l != NULL; l = l->next) {
    json_builder_set_member_name (b, l->data);
    json_builder_add_string_value (b,
        camera_state_name (camera_get_state (g_hash_table_lookup (cameras,
                    l->data))));
  }
  g_list_free (ids);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  payload = json_generator_to_data (gen, NULL);

  /* written beside and renamed over: a reader sees the old file or the
   * new one, never half of one.  Not synced to disk: it is rewritten
   * within seconds, and a torn file after a power cut only reads as
   * unhealthy until then. */
  if (!g_file_set_contents_full (tmp, payload, -1, G_FILE_SET_CONTENTS_NONE,
          0644, error))
    return FALSE;
  if (g_rename (tmp, path) != 0) {
    int errsv = errno;

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
        "cannot rename %s to %s: %s", tmp, path, g_strerror (errsv));
    g_unlink (tmp);
    return FALSE;
  }
  return TRUE;
}

gboolean
service_health_check (const gchar * path, gchar ** summary)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) err = NULL;
  JsonNode *root, *node;
  JsonObject *o, *cams;
  const gchar *state;
  gint64 updated, interval, age, limit;
  GString *s;
  GList *ids, *l;

  if (!g_file_test (path, G_FILE_TEST_EXISTS)) {
    *summary = g_strdup_printf ("no %s: the service has not started yet, "
        "or runs with another state directory", path);
    return FALSE;
  }
  if (!json_parser_load_from_file (parser, path, &err)) {
    *summary = g_strdup (err->message);
    return FALSE;
  }
  root = json_parser_get_root (parser);
  o = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ?
      json_node_get_object (root) : NULL;
  state = o ? json_object_get_string_member_with_default (o, "state",
      NULL) : NULL;
  updated = o ? json_object_get_int_member_with_default (o, "updated", 0) : 0;
  interval = o ? json_object_get_int_member_with_default (o, "interval",
      0) : 0;
  if (state == NULL || updated <= 0 || interval <= 0) {
    *summary = g_strdup_printf ("%s: not a health file of anpr-service",
        path);
    return FALSE;
  }
  age = g_get_real_time () / G_USEC_PER_SEC - updated;
  if (!g_str_equal (state, "running")) {
    *summary = g_strdup_printf ("%s: the service is %s (written %"
        G_GINT64_FORMAT " s ago)", path, state, MAX (age, 0));
    return FALSE;
  }
  limit = MAX (STALE_INTERVALS * interval, STALE_MIN_S);
  /* a clock set back makes the file look young, not stale */
  if (age > limit) {
    *summary = g_strdup_printf ("%s: stale, last written %" G_GINT64_FORMAT
        " s ago (every %" G_GINT64_FORMAT " s expected): the service's main "
        "loop is stuck or the service is gone", path, age, interval);
    return FALSE;
  }

  s = g_string_new ("running");
  node = json_object_get_member (o, "cameras");
  cams = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ?
      json_node_get_object (node) : NULL;
  ids = cams ? json_object_get_members (cams) : NULL;
  g_string_append_printf (s, ", %u camera(s)", g_list_length (ids));
  for (l = ids; l != NULL; l = l->next)
    g_string_append_printf (s, "%s %s %s", l == ids ? ":" : ",",
        (const gchar *) l->data,
        json_object_get_string_member_with_default (cams, l->data, "?"));
  g_list_free (ids);
  g_string_append_printf (s, "; written %" G_GINT64_FORMAT " s ago",
      MAX (age, 0));
  *summary = g_string_free (s, FALSE);
  return TRUE;
}
