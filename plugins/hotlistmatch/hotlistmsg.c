/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Hotlists over MQTT, the messages (see hotlistmsg.h and docs/mqtt.md).
 *
 * A list travels as hotlist CSV, the text a hotlist file holds, so that
 * the library's parser reads it with the file's rules and line numbers.
 * Its checksum is that of its canonical text: the entries the parser made
 * written back one a line in a fixed column order and sorted, so that the
 * same list has the same checksum however it was written, and the list a
 * delta leads to can be checked without the publisher's file. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <json-glib/json-glib.h>

#include "hotlistmsg.h"

G_DEFINE_QUARK (hotlist-msg-error-quark, hotlist_msg_error);

const gchar *
hotlist_msg_kind_to_string (HotlistMsgKind kind)
{
  return kind == HOTLIST_MSG_FULL ? "full" : "delta";
}

gboolean
hotlist_msg_name_ok (const gchar * name)
{
  return name && *name && !strpbrk (name, "/+#");
}

gchar *
hotlist_msg_topic (const gchar * prefix, const gchar * name,
    HotlistMsgKind kind)
{
  return g_strdup_printf ("%s/hotlist/%s/%s", prefix, name,
      hotlist_msg_kind_to_string (kind));
}

void
hotlist_msg_free (HotlistMsg * msg)
{
  if (!msg)
    return;
  g_free (msg->name);
  g_free (msg->sha256);
  g_free (msg->entries);
  g_free (msg->add);
  g_free (msg->remove);
  g_free (msg);
}

/* ---- reading ------------------------------------------------------------ */

/* Integer member @name of @o, within [@min, @max]. */
static gboolean
get_uint (JsonObject * o, const gchar * name, guint64 min, guint64 max,
    guint64 * out, GError ** error)
{
  JsonNode *n = json_object_get_member (o, name);
  gint64 v;

  if (!n || !JSON_NODE_HOLDS_VALUE (n) ||
      json_node_get_value_type (n) != G_TYPE_INT64) {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_FORMAT,
        "'%s' %s", name, n ? "is not an integer" : "is missing");
    return FALSE;
  }
  v = json_node_get_int (n);
  if (v < 0 || (guint64) v < min || (guint64) v > max) {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_FORMAT,
        "'%s' %" G_GINT64_FORMAT " is out of range (%" G_GUINT64_FORMAT
        " to %" G_GUINT64_FORMAT ")", name, v, min, max);
    return FALSE;
  }
  *out = (guint64) v;
  return TRUE;
}

/* String member @name of @o; when not @required, null or missing gives
 * NULL. */
static gboolean
get_string (JsonObject * o, const gchar * name, gboolean required,
    gchar ** out, GError ** error)
{
  JsonNode *n = json_object_get_member (o, name);

  *out = NULL;
  if (!required && (!n || JSON_NODE_HOLDS_NULL (n)))
    return TRUE;
  if (!n || !JSON_NODE_HOLDS_VALUE (n) ||
      json_node_get_value_type (n) != G_TYPE_STRING) {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_FORMAT,
        "'%s' %s", name, n ? "is not a string" : "is missing");
    return FALSE;
  }
  *out = g_strdup (json_node_get_string (n));
  return TRUE;
}

static gboolean
sha256_ok (const gchar * s)
{
  guint i;

  for (i = 0; s[i]; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return i == 64;
}

HotlistMsg *
hotlist_msg_parse (const gchar * payload, gsize len, GError ** error)
{
  JsonParser *parser;
  JsonNode *root;
  JsonObject *o;
  HotlistMsg *msg = NULL;
  gchar *kind = NULL;
  guint64 format = 0;
  GError *err = NULL;

  g_return_val_if_fail (payload != NULL || len == 0, NULL);

  if (len > (gsize) HOTLIST_MSG_MAX_SIZE) {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_JSON,
        "message of %" G_GSIZE_FORMAT " bytes, larger than the %"
        G_GINT64_FORMAT " read", len, HOTLIST_MSG_MAX_SIZE);
    return NULL;
  }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, payload ? payload : "",
          (gssize) len, &err)) {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_JSON,
        "not JSON: %s", err->message);
    g_error_free (err);
    goto done;
  }
  root = json_parser_get_root (parser);
  if (!root || !JSON_NODE_HOLDS_OBJECT (root)) {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_JSON,
        "not a JSON object");
    goto done;
  }
  o = json_node_get_object (root);
  if (!get_uint (o, "format", 0, G_MAXINT64, &format, error))
    goto done;
  if (format != HOTLIST_MSG_FORMAT) {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_FORMAT,
        "format %" G_GUINT64_FORMAT ", only format %d is read", format,
        HOTLIST_MSG_FORMAT);
    goto done;
  }

  msg = g_new0 (HotlistMsg, 1);
  if (!get_string (o, "kind", TRUE, &kind, error))
    goto fail;
  if (strcmp (kind, "full") == 0) {
    msg->kind = HOTLIST_MSG_FULL;
  } else if (strcmp (kind, "delta") == 0) {
    msg->kind = HOTLIST_MSG_DELTA;
  } else {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_FORMAT,
        "'kind' is neither \"full\" nor \"delta\"");
    goto fail;
  }
  if (!get_string (o, "name", TRUE, &msg->name, error))
    goto fail;
  if (!hotlist_msg_name_ok (msg->name)) {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_FORMAT,
        "'name' is empty or holds '/', '+' or '#'");
    goto fail;
  }
  if (!get_uint (o, "version", 1, HOTLIST_MSG_MAX_VERSION, &msg->version,
          error))
    goto fail;
  if (!get_string (o, "sha256", TRUE, &msg->sha256, error))
    goto fail;
  if (!sha256_ok (msg->sha256)) {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_FORMAT,
        "'sha256' is not 64 hex digits");
    goto fail;
  }
  {
    gchar *lower = g_ascii_strdown (msg->sha256, -1);

    g_free (msg->sha256);
    msg->sha256 = lower;
  }

  if (msg->kind == HOTLIST_MSG_FULL) {
    if (!get_string (o, "entries", TRUE, &msg->entries, error))
      goto fail;
  } else {
    if (!get_uint (o, "base_version", 1, msg->version - 1,
            &msg->base_version, error))
      goto fail;
    if (!get_string (o, "add", FALSE, &msg->add, error) ||
        !get_string (o, "remove", FALSE, &msg->remove, error))
      goto fail;
  }
  goto done;

fail:
  g_clear_pointer (&msg, hotlist_msg_free);
done:
  g_free (kind);
  g_object_unref (parser);
  return msg;
}

/* ---- canonical text ------------------------------------------------------ */

/* @f as a CSV field the parser gives back as it is: quoted when it holds
 * a separator, a quote or a '#' (a line starting with one is a comment),
 * or starts or ends with blanks (trimmed when unquoted). */
static void
append_field (GString * s, const gchar * f)
{
  gsize len;

  if (!f)
    return;
  len = strlen (f);
  if (!strpbrk (f, ",\"#") && !(len && (f[0] == ' ' || f[0] == '\t' ||
              f[len - 1] == ' ' || f[len - 1] == '\t'))) {
    g_string_append_len (s, f, len);
    return;
  }
  g_string_append_c (s, '"');
  for (; *f; f++) {
    if (*f == '"')
      g_string_append_c (s, '"');
    g_string_append_c (s, *f);
  }
  g_string_append_c (s, '"');
}

static gchar *
entry_line (const GstAnprHotlistEntry * e)
{
  GString *s = g_string_sized_new (64);

  append_field (s, e->listed);
  g_string_append_c (s, ',');
  append_field (s, e->list);
  g_string_append_c (s, ',');
  append_field (s, e->reason);
  g_string_append_c (s, ',');
  if (e->priority != GST_ANPR_HOTLIST_NO_PRIORITY)
    g_string_append_printf (s, "%d", e->priority);
  g_string_append_c (s, ',');
  append_field (s, e->action);
  g_string_append_c (s, ',');
  append_field (s, e->expires);
  g_string_append_c (s, ',');
  append_field (s, e->notes);
  return g_string_free (s, FALSE);
}

/* One listing: a plate on a list (the parser keeps one entry per key). */
static gchar *
entry_key (const GstAnprHotlistEntry * e)
{
  return g_strconcat (e->plate, "\x1f", e->list ? e->list : "", NULL);
}

static gint
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const gchar * const *) a, *(const gchar * const *) b);
}

/* @header, then @lines sorted, each ending in LF; frees @lines. */
static gchar *
join_sorted (const gchar * header, GPtrArray * lines)
{
  GString *s;
  gsize total = strlen (header) + 1;
  guint i;

  g_ptr_array_sort (lines, compare_lines);
  for (i = 0; i < lines->len; i++)
    total += strlen (g_ptr_array_index (lines, i)) + 1;
  s = g_string_sized_new (total);
  g_string_append (s, header);
  g_string_append_c (s, '\n');
  for (i = 0; i < lines->len; i++) {
    g_string_append (s, g_ptr_array_index (lines, i));
    g_string_append_c (s, '\n');
  }
  g_ptr_array_unref (lines);
  return g_string_free (s, FALSE);
}

gchar *
hotlist_msg_canonical (const GstAnprHotlist * hotlist)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  guint i, n = hotlist ? gst_anpr_hotlist_get_n_entries (hotlist) : 0;

  for (i = 0; i < n; i++)
    g_ptr_array_add (lines,
        entry_line (gst_anpr_hotlist_get_entry (hotlist, i)));
  return join_sorted (HOTLIST_MSG_HEADER, lines);
}

gchar *
hotlist_msg_sha256 (const gchar * text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* ---- lists --------------------------------------------------------------- */

/* Whether @p has a line besides the header row (blank lines and '#'
 * comments are nothing, as the parser skips them). */
static gboolean
has_entry_lines (const gchar * p)
{
  guint rows = 0;

  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;
  while (*p) {
    const gchar *le = p + strcspn (p, "\r\n"), *s = p;

    while (s < le && (*s == ' ' || *s == '\t'))
      s++;
    if (s < le && *s != '#' && ++rows == 2)
      return TRUE;
    p = *le ? le + 1 : le;
  }
  return FALSE;
}

gboolean
hotlist_msg_load_strict (const gchar * text, const gchar * source,
    GstAnprHotlist ** out, GError ** error)
{
  GPtrArray *warnings = NULL;
  GError *err = NULL;
  GstAnprHotlist *hl;
  gboolean ok = TRUE;

  *out = NULL;
  if (!text || !has_entry_lines (text))
    return TRUE;
  hl = gst_anpr_hotlist_load_data (text, -1, source, &warnings, &err);
  if (!hl) {
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_ENTRIES, "%s",
        err->message);
    g_error_free (err);
    ok = FALSE;
  } else if (warnings && warnings->len > 0) {
    /* a list sent to every camera is taken whole or not at all */
    if (warnings->len > 1)
      g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_ENTRIES,
          "%s (and %u more lines refused)",
          (const gchar *) g_ptr_array_index (warnings, 0),
          warnings->len - 1);
    else
      g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_ENTRIES, "%s",
          (const gchar *) g_ptr_array_index (warnings, 0));
    g_clear_pointer (&hl, gst_anpr_hotlist_unref);
    ok = FALSE;
  }
  if (warnings)
    g_ptr_array_unref (warnings);
  *out = hl;
  return ok;
}

/* @canonical's checksum is @sha256, or @error says which it is. */
static gboolean
check_sum (const gchar * canonical, const gchar * sha256, GError ** error)
{
  gchar *sum = hotlist_msg_sha256 (canonical);
  gboolean ok = g_ascii_strcasecmp (sum, sha256) == 0;

  if (!ok)
    g_set_error (error, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_CHECKSUM,
        "checksum mismatch: the list's canonical text has sha256 %s, the "
        "message says %s", sum, sha256);
  g_free (sum);
  return ok;
}

/* @current with the entries of @rm and @add taken out and @add's put in,
 * as canonical text. */
static gchar *
canonical_after (const GstAnprHotlist * current, const GstAnprHotlist * add,
    const GstAnprHotlist * rm)
{
  GHashTable *gone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const GstAnprHotlist *changes[2] = { add, rm };
  guint i, k, n;

  for (k = 0; k < 2; k++) {
    n = changes[k] ? gst_anpr_hotlist_get_n_entries (changes[k]) : 0;
    for (i = 0; i < n; i++)
      g_hash_table_add (gone,
          entry_key (gst_anpr_hotlist_get_entry (changes[k], i)));
  }
  n = current ? gst_anpr_hotlist_get_n_entries (current) : 0;
  for (i = 0; i < n; i++) {
    const GstAnprHotlistEntry *e = gst_anpr_hotlist_get_entry (current, i);
    gchar *key = entry_key (e);

    if (!g_hash_table_contains (gone, key))
      g_ptr_array_add (lines, entry_line (e));
    g_free (key);
  }
  n = add ? gst_anpr_hotlist_get_n_entries (add) : 0;
  for (i = 0; i < n; i++)
    g_ptr_array_add (lines, entry_line (gst_anpr_hotlist_get_entry (add, i)));
  g_hash_table_unref (gone);
  return join_sorted (HOTLIST_MSG_HEADER, lines);
}

gboolean
hotlist_msg_apply (const HotlistMsg * msg, const GstAnprHotlist * current,
    const gchar * source, GstAnprHotlist ** out, gchar ** canonical,
    GError ** error)
{
  GstAnprHotlist *hl = NULL, *add = NULL, *rm = NULL;
  gchar *text = NULL;
  gboolean ok = FALSE;

  *out = NULL;
  if (msg->kind == HOTLIST_MSG_FULL) {
    if (!hotlist_msg_load_strict (msg->entries, source, &hl, error))
      goto done;
    text = hotlist_msg_canonical (hl);
    if (!check_sum (text, msg->sha256, error))
      goto done;
  } else {
    gchar *add_src = g_strconcat (source, " add", NULL);
    gchar *rm_src = g_strconcat (source, " remove", NULL);

    ok = hotlist_msg_load_strict (msg->add, add_src, &add, error) &&
        hotlist_msg_load_strict (msg->remove, rm_src, &rm, error);
    g_free (add_src);
    g_free (rm_src);
    if (!ok)
      goto done;
    ok = FALSE;
    text = canonical_after (current, add, rm);
    if (!check_sum (text, msg->sha256, error))
      goto done;
    /* its own lines, and line numbers in it */
    if (!hotlist_msg_load_strict (text, source, &hl, error))
      goto done;
  }
  ok = TRUE;
  *out = hl;
  hl = NULL;
  if (canonical) {
    *canonical = text;
    text = NULL;
  }

done:
  if (hl)
    gst_anpr_hotlist_unref (hl);
  if (add)
    gst_anpr_hotlist_unref (add);
  if (rm)
    gst_anpr_hotlist_unref (rm);
  g_free (text);
  return ok;
}

/* ---- writing ------------------------------------------------------------- */

static JsonBuilder *
begin_message (const gchar * kind, const gchar * name)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, HOTLIST_MSG_FORMAT);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  return b;
}

gchar *
hotlist_msg_json_finish (JsonBuilder * b)
{
  JsonGenerator *gen = json_generator_new ();
  JsonNode *root;
  gchar *text;

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  json_node_unref (root);
  g_object_unref (gen);
  g_object_unref (b);
  return text;
}

static gchar *
end_message (JsonBuilder * b, const gchar * published)
{
  if (published) {
    json_builder_set_member_name (b, "published");
    json_builder_add_string_value (b, published);
  }
  return hotlist_msg_json_finish (b);
}

gchar *
hotlist_msg_full_json (const gchar * name, guint64 version,
    const gchar * canonical, const gchar * published)
{
  JsonBuilder *b = begin_message ("full", name);
  gchar *sum = hotlist_msg_sha256 (canonical);

  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, (gint64) version);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sum);
  json_builder_set_member_name (b, "entries");
  json_builder_add_string_value (b, canonical);
  g_free (sum);
  return end_message (b, published);
}

gchar *
hotlist_msg_delta_json (const gchar * name, guint64 base_version,
    guint64 version, const gchar * sha256, const gchar * add,
    const gchar * remove, const gchar * published)
{
  JsonBuilder *b = begin_message ("delta", name);

  json_builder_set_member_name (b, "base_version");
  json_builder_add_int_value (b, (gint64) base_version);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, (gint64) version);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha256);
  json_builder_set_member_name (b, "add");
  if (add)
    json_builder_add_string_value (b, add);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "remove");
  if (remove)
    json_builder_add_string_value (b, remove);
  else
    json_builder_add_null_value (b);
  return end_message (b, published);
}

void
hotlist_msg_diff (const GstAnprHotlist * from, const GstAnprHotlist * to,
    gchar ** add, gchar ** remove)
{
  GHashTable *old_lines = g_hash_table_new_full (g_str_hash, g_str_equal,
      g_free, NULL);
  GHashTable *new_keys = g_hash_table_new_full (g_str_hash, g_str_equal,
      g_free, NULL);
  GPtrArray *added = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *removed = g_ptr_array_new_with_free_func (g_free);
  guint i, n;

  n = from ? gst_anpr_hotlist_get_n_entries (from) : 0;
  for (i = 0; i < n; i++)
    g_hash_table_add (old_lines,
        entry_line (gst_anpr_hotlist_get_entry (from, i)));
  n = to ? gst_anpr_hotlist_get_n_entries (to) : 0;
  for (i = 0; i < n; i++) {
    const GstAnprHotlistEntry *e = gst_anpr_hotlist_get_entry (to, i);
    gchar *line = entry_line (e);

    g_hash_table_add (new_keys, entry_key (e));
    /* new, or changed: an added entry replaces its plate on its list */
    if (g_hash_table_contains (old_lines, line))
      g_free (line);
    else
      g_ptr_array_add (added, line);
  }
  n = from ? gst_anpr_hotlist_get_n_entries (from) : 0;
  for (i = 0; i < n; i++) {
    const GstAnprHotlistEntry *e = gst_anpr_hotlist_get_entry (from, i);
    gchar *key = entry_key (e);

    if (!g_hash_table_contains (new_keys, key)) {
      GString *s = g_string_new (NULL);

      append_field (s, e->listed);
      g_string_append_c (s, ',');
      append_field (s, e->list);
      g_ptr_array_add (removed, g_string_free (s, FALSE));
    }
    g_free (key);
  }
  g_hash_table_unref (old_lines);
  g_hash_table_unref (new_keys);

  if (added->len > 0) {
    *add = join_sorted (HOTLIST_MSG_HEADER, added);
  } else {
    *add = NULL;
    g_ptr_array_unref (added);
  }
  if (removed->len > 0) {
    *remove = join_sorted ("plate,list", removed);
  } else {
    *remove = NULL;
    g_ptr_array_unref (removed);
  }
}
