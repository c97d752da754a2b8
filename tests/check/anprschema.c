/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Test support for the MQTT tests: the check of event payloads against
 * docs/event.schema.json (anpr_check_event(), see anprbroker.h); the
 * broker and the subscriber are in anprbroker.c. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "anprbroker.h"

/* ---- a small JSON Schema check ----------------------------------------------
 * Validates against docs/event.schema.json with the keywords it uses: type
 * (string or list), required, properties, items, enum, const, pattern,
 * minimum, maximum, allOf and if/then. */

static gboolean
json_type_is (JsonNode * n, const gchar * type)
{
  GType vt = JSON_NODE_HOLDS_VALUE (n) ? json_node_get_value_type (n) :
      G_TYPE_INVALID;

  if (!strcmp (type, "null"))
    return JSON_NODE_HOLDS_NULL (n);
  if (!strcmp (type, "object"))
    return JSON_NODE_HOLDS_OBJECT (n);
  if (!strcmp (type, "array"))
    return JSON_NODE_HOLDS_ARRAY (n);
  if (!strcmp (type, "string"))
    return vt == G_TYPE_STRING;
  if (!strcmp (type, "integer"))
    return vt == G_TYPE_INT64;
  if (!strcmp (type, "number"))
    return vt == G_TYPE_INT64 || vt == G_TYPE_DOUBLE;
  if (!strcmp (type, "boolean"))
    return vt == G_TYPE_BOOLEAN;
  return FALSE;
}

static gboolean
json_values_equal (JsonNode * a, JsonNode * b)
{
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b) &&
      json_node_get_value_type (a) == G_TYPE_STRING &&
      json_node_get_value_type (b) == G_TYPE_STRING)
    return !strcmp (json_node_get_string (a), json_node_get_string (b));
  return json_node_equal (a, b);
}

/* NULL when @n satisfies @sch, else why not (with the path). */
static gchar *
validate (JsonNode * n, JsonObject * sch, const gchar * path)
{
  gchar *err = NULL;

  if (json_object_has_member (sch, "type")) {
    JsonNode *t = json_object_get_member (sch, "type");
    gboolean ok = FALSE;
    if (JSON_NODE_HOLDS_ARRAY (t)) {
      JsonArray *a = json_node_get_array (t);
      guint i;
      for (i = 0; i < json_array_get_length (a); i++)
        ok |= json_type_is (n, json_array_get_string_element (a, i));
    } else {
      ok = json_type_is (n, json_node_get_string (t));
    }
    if (!ok)
      return g_strdup_printf ("%s: wrong type", path);
  }
  if (json_object_has_member (sch, "const") &&
      !json_values_equal (n, json_object_get_member (sch, "const")))
    return g_strdup_printf ("%s: not the constant", path);
  if (json_object_has_member (sch, "enum")) {
    JsonArray *a = json_object_get_array_member (sch, "enum");
    guint i;
    gboolean ok = FALSE;
    for (i = 0; i < json_array_get_length (a); i++)
      ok |= json_values_equal (n, json_array_get_element (a, i));
    if (!ok)
      return g_strdup_printf ("%s: not in enum", path);
  }
  if (json_type_is (n, "string") && json_object_has_member (sch, "pattern")
      && !g_regex_match_simple (json_object_get_string_member (sch,
              "pattern"), json_node_get_string (n), 0, 0))
    return g_strdup_printf ("%s: '%s' does not match %s", path,
        json_node_get_string (n), json_object_get_string_member (sch,
            "pattern"));
  if (json_type_is (n, "number")) {
    gdouble v = json_node_get_value_type (n) == G_TYPE_INT64 ?
        (gdouble) json_node_get_int (n) : json_node_get_double (n);
    if (json_object_has_member (sch, "minimum") &&
        v < json_object_get_double_member (sch, "minimum"))
      return g_strdup_printf ("%s: below minimum", path);
    if (json_object_has_member (sch, "maximum") &&
        v > json_object_get_double_member (sch, "maximum"))
      return g_strdup_printf ("%s: above maximum", path);
  }
  if (JSON_NODE_HOLDS_OBJECT (n)) {
    JsonObject *o = json_node_get_object (n);
    if (json_object_has_member (sch, "required")) {
      JsonArray *a = json_object_get_array_member (sch, "required");
      guint i;
      for (i = 0; i < json_array_get_length (a); i++) {
        const gchar *name = json_array_get_string_element (a, i);
        if (!json_object_has_member (o, name))
          return g_strdup_printf ("%s: missing required '%s'", path, name);
      }
    }
    if (json_object_has_member (sch, "properties")) {
      JsonObject *props = json_object_get_object_member (sch, "properties");
      GList *names = json_object_get_members (props), *l;
      for (l = names; l && !err; l = l->next) {
        if (json_object_has_member (o, l->data)) {
          gchar *sub = g_strdup_printf ("%s.%s", path, (gchar *) l->data);
          err = validate (json_object_get_member (o, l->data),
              json_object_get_object_member (props, l->data), sub);
          g_free (sub);
        }
      }
      g_list_free (names);
      if (err)
        return err;
    }
  }
  if (JSON_NODE_HOLDS_ARRAY (n) && json_object_has_member (sch, "items")) {
    JsonArray *a = json_node_get_array (n);
    guint i;
    for (i = 0; i < json_array_get_length (a) && !err; i++) {
      gchar *sub = g_strdup_printf ("%s[%u]", path, i);
      err = validate (json_array_get_element (a, i),
          json_object_get_object_member (sch, "items"), sub);
      g_free (sub);
    }
    if (err)
      return err;
  }
  if (json_object_has_member (sch, "allOf")) {
    JsonArray *a = json_object_get_array_member (sch, "allOf");
    guint i;
    for (i = 0; i < json_array_get_length (a) && !err; i++)
      err = validate (n, json_array_get_object_element (a, i), path);
    if (err)
      return err;
  }
  if (json_object_has_member (sch, "if")) {
    gchar *cond = validate (n, json_object_get_object_member (sch, "if"),
        path);
    if (!cond && json_object_has_member (sch, "then"))
      err = validate (n, json_object_get_object_member (sch, "then"), path);
    g_free (cond);
  }
  return err;
}

/* The schema, or NULL and why not in @why. */
static JsonNode *
load_schema (gchar ** why)
{
  const gchar *root = g_getenv ("ANPR_SOURCE_ROOT");
  gchar *path = g_build_filename (root ? root : "..", "docs",
      "event.schema.json", NULL);
  JsonParser *p = json_parser_new ();
  GError *err = NULL;
  JsonNode *schema = NULL;

  if (json_parser_load_from_file (p, path, &err))
    schema = json_node_copy (json_parser_get_root (p));
  else
    *why = g_strdup_printf ("cannot load %s: %s", path,
        err ? err->message : "");
  g_clear_error (&err);
  g_object_unref (p);
  g_free (path);
  return schema;
}

/* Loaded once per process; kept until it exits. */
static JsonNode *
get_schema (void)
{
  static GMutex lock;
  static JsonNode *schema;
  JsonNode *ret;
  gchar *why = NULL;

  g_mutex_lock (&lock);
  if (!schema)
    schema = load_schema (&why);
  ret = schema;
  g_mutex_unlock (&lock);
  /* fail with the lock released */
  fail_unless (ret != NULL, "%s", why);
  return ret;
}

JsonObject *
anpr_check_event (const gchar * payload, JsonParser ** parser)
{
  JsonNode *schema = get_schema ();
  GError *err = NULL;
  JsonNode *root;
  gchar *why;

  *parser = json_parser_new ();
  fail_unless (json_parser_load_from_data (*parser, payload, -1, &err),
      "not JSON: %s", payload);
  root = json_parser_get_root (*parser);
  why = validate (root, json_node_get_object (schema), "$");
  fail_unless (why == NULL, "event does not follow docs/event.schema.json: "
      "%s\n%s", why, payload);
  return json_node_get_object (root);
}
