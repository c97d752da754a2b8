/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Hotlists over MQTT: the list named by hotlist-name, received on
 * <topic-prefix>/hotlist/<name>/full (the whole list) and .../delta (a
 * change to one version), both retained and both subscribed to at QoS 1 on
 * the element's MQTT connection (mqttpublisher.c).  The messages' format,
 * the canonical text and the checksum are in hotlistmsg.c.
 *
 *  - The MQTT thread only queues what arrives; a thread of ours parses it,
 *    builds the new list with its index and swaps it in under the object
 *    lock, so matching sees the old list or the new one, never a part.
 *  - A message that is not a list of our format, whose checksum is not
 *    that of the list it leads to, with a line the hotlist parser refuses,
 *    or older than the list running, is refused whole: a WARNING names the
 *    reason and the running list stays.  The same message delivered again
 *    (the retained copy, at every reconnection) is not warned about twice;
 *    a list older than the running one that is only the broker's retained
 *    copy (after a delta the retained full list is older) is no warning.
 *  - The full list and a delta come on two topics, in either order: a
 *    delta that does not apply to the running version is kept (the
 *    latest one) until a full list of its base arrives, and applied then.
 *  - Each list applied is written to hotlist-cache (temporary file, fsync,
 *    rename, then the directory's fsync); at start the cached copy, its
 *    checksum verified again, is loaded before MQTT connects, so a camera
 *    matches against its last good list even with the broker away.
 *  - Both lists are matched: the files' and this one (the events'
 *    hotlist.source says which: a file name, or mqtt:<name>@v<version>). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hotlistload.h"
#include "hotlistmsg.h"
#include "hotlistremote.h"

#define GST_CAT_DEFAULT gst_hotlist_match_debug

typedef struct
{
  HotlistMsgKind kind;          /* of the topic it came on */
  gboolean retained;            /* the broker's copy, not a publication */
  gchar *payload;               /* NUL-terminated */
  gsize len;
} Incoming;

struct _HotlistRemote
{
  GstHotlistMatch *self;
  gchar *name;
  gchar *cache;                 /* NULL: no cache */
  gchar *topics[3];             /* full, delta, NULL */
  GThread *thread;
  GAsyncQueue *queue;           /* Incoming, then the stop marker */

  /* the thread's own */
  GstAnprHotlist *list;         /* running: NULL when none or empty */
  guint64 version;              /* running, 0: none yet */
  gchar *sha256;
  HotlistMsg *pending;          /* a delta waiting for its base */
  gchar *pending_key;
  GHashTable *warned;           /* keys of the messages warned about */
  gboolean cache_failed;        /* a write failed: said once */
};

typedef struct _HotlistRemote HotlistRemote;

static Incoming stop_marker;

static void
incoming_free (Incoming * in)
{
  if (in == &stop_marker)
    return;
  g_free (in->payload);
  g_free (in);
}

/* "full list version 9", "delta 8 -> 9" */
static gchar *
describe (const HotlistMsg * msg)
{
  if (msg->kind == HOTLIST_MSG_FULL)
    return g_strdup_printf ("full list version %" G_GUINT64_FORMAT,
        msg->version);
  return g_strdup_printf ("delta %" G_GUINT64_FORMAT " -> %" G_GUINT64_FORMAT,
      msg->base_version, msg->version);
}

/* Messages warned about, at most; then the memory starts again. */
#define MAX_WARNED 64

/* A WARNING that @what (the message) @verb ("refused") because @why, once
 * per message (@key: its payload's checksum): a retained copy sent again
 * at each reconnection is said once.  The status shows it until a list is
 * applied. */
static void
warn (HotlistRemote * r, const gchar * key, const gchar * what,
    const gchar * verb, const gchar * why)
{
  GstHotlistMatch *self = r->self;
  gchar *text, *running;

  if (g_hash_table_contains (r->warned, key)) {
    GST_DEBUG_OBJECT (self, "hotlist '%s': %s again (%s)", r->name, what,
        why);
    return;
  }
  if (g_hash_table_size (r->warned) >= MAX_WARNED)
    g_hash_table_remove_all (r->warned);
  g_hash_table_add (r->warned, g_strdup (key));
  running = r->version ? g_strdup_printf ("version %" G_GUINT64_FORMAT,
      r->version) : g_strdup ("no list from MQTT yet");
  text = g_strdup_printf ("MQTT hotlist '%s': %s %s (running: %s): %s",
      r->name, what, verb, running, why);
  GST_WARNING_OBJECT (self, "%s", text);
  GST_ELEMENT_WARNING (self, RESOURCE, READ, ("%s", text), (NULL));
  GST_OBJECT_LOCK (self);
  g_free (self->remote_refused);
  self->remote_refused = text;
  GST_OBJECT_UNLOCK (self);
  g_atomic_int_set (&self->remote_status_due, 1);
  g_free (running);
}

/* ---- the cache ------------------------------------------------------------ */

static void
fsync_dir (const gchar * path)
{
  gchar *dir = g_path_get_dirname (path);
  gint fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0) {
    fsync (fd);
    close (fd);
  }
  g_free (dir);
}

/* The running list, as a full message, in place of the cached one. */
static void
write_cache (HotlistRemote * r, const gchar * canonical)
{
  GstHotlistMatch *self = r->self;
  gchar *json, *dir;
  GError *err = NULL;

  json = hotlist_msg_full_json (r->name, r->version, canonical, NULL);
  dir = g_path_get_dirname (r->cache);
  /* the service's state directory holds no hotlist folder at first */
  g_mkdir_with_parents (dir, 0700);
  g_free (dir);
  if (g_file_set_contents_full (r->cache, json, -1,
          G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
          &err)) {
    fsync_dir (r->cache);
    r->cache_failed = FALSE;
    GST_DEBUG_OBJECT (self, "hotlist '%s' version %" G_GUINT64_FORMAT
        " cached in %s", r->name, r->version, r->cache);
  } else {
    if (!r->cache_failed)
      GST_ELEMENT_WARNING (self, RESOURCE, WRITE,
          ("Could not keep MQTT hotlist '%s' in hotlist-cache: %s; a "
              "restart without the broker will not have it", r->name,
              err->message), (NULL));
    r->cache_failed = TRUE;
    g_error_free (err);
  }
  g_free (json);
}

/* ---- applying ------------------------------------------------------------- */

static void
post_loaded (HotlistRemote * r, guint n_entries, const gchar * from,
    HotlistMsgKind kind)
{
  GstStructure *s = gst_structure_new ("anpr-hotlist-loaded",
      "source", G_TYPE_STRING, "mqtt",
      "entries", G_TYPE_UINT, n_entries,
      "files", G_TYPE_UINT, 0,
      "hotlist", G_TYPE_STRING, r->name,
      "warnings", G_TYPE_UINT, 0,
      "reload", G_TYPE_BOOLEAN, TRUE,
      "version", G_TYPE_UINT64, r->version,
      "sha256", G_TYPE_STRING, r->sha256,
      "from", G_TYPE_STRING, from,
      "kind", G_TYPE_STRING, hotlist_msg_kind_to_string (kind), NULL);

  gst_element_post_message (GST_ELEMENT (r->self),
      gst_message_new_element (GST_OBJECT (r->self), s));
}

/* Makes @hl (NULL: the empty list) of @msg the running list, swapped in
 * under the object lock. */
static void
install (HotlistRemote * r, const HotlistMsg * msg, GstAnprHotlist * hl,
    const gchar * canonical, const gchar * from)
{
  GstHotlistMatch *self = r->self;
  GstAnprHotlist *old;
  guint n = hl ? gst_anpr_hotlist_get_n_entries (hl) : 0;

  GST_OBJECT_LOCK (self);
  old = self->remote_hotlist;
  self->remote_hotlist = hl ? gst_anpr_hotlist_ref (hl) : NULL;
  self->remote_version = msg->version;
  g_free (self->remote_sha256);
  self->remote_sha256 = g_strdup (msg->sha256);
  self->remote_entries = n;
  self->remote_from = from;
  self->remote_updated_us = g_get_real_time ();
  g_clear_pointer (&self->remote_refused, g_free);
  GST_OBJECT_UNLOCK (self);
  if (old)
    gst_anpr_hotlist_unref (old);

  if (r->list)
    gst_anpr_hotlist_unref (r->list);
  r->list = hl;
  r->version = msg->version;
  g_free (r->sha256);
  r->sha256 = g_strdup (msg->sha256);

  GST_INFO_OBJECT (self, "MQTT hotlist '%s' version %" G_GUINT64_FORMAT
      " (%s, from the %s): %u entries", r->name, r->version,
      hotlist_msg_kind_to_string (msg->kind), from, n);
  post_loaded (r, n, from, msg->kind);
  g_object_notify (G_OBJECT (self), "hotlist-version");
  if (r->cache && strcmp (from, "cache") != 0)
    write_cache (r, canonical);
  g_atomic_int_set (&self->remote_status_due, 1);
  /* a list the streaming thread let go of meanwhile */
  gst_hotlist_match_drain_retired (self);
}

/* Builds the list @msg leads to and runs it; refused whole (a warning)
 * when it cannot be built or is not the list announced. */
static gboolean
apply (HotlistRemote * r, const HotlistMsg * msg, const gchar * key,
    const gchar * from)
{
  GstAnprHotlist *hl = NULL;
  gchar *source, *canonical = NULL;
  GError *err = NULL;
  gint64 t0 = g_get_monotonic_time ();

  source = g_strdup_printf ("mqtt:%s@v%" G_GUINT64_FORMAT, r->name,
      msg->version);
  if (!hotlist_msg_apply (msg, r->list, source, &hl, &canonical, &err)) {
    gchar *what = describe (msg);

    warn (r, key, what, "refused", err->message);
    g_free (what);
    g_error_free (err);
    g_free (source);
    return FALSE;
  }
  GST_DEBUG_OBJECT (r->self, "built %s in %.3f s", source,
      (g_get_monotonic_time () - t0) / 1e6);
  install (r, msg, hl, canonical, from);
  g_free (canonical);
  g_free (source);
  return TRUE;
}

/* After a list was applied: the delta kept for it, if any. */
static void
take_pending (HotlistRemote * r)
{
  HotlistMsg *p = r->pending;
  gchar *key = r->pending_key;

  if (!p || p->base_version > r->version)
    return;                     /* none, or still waiting */
  r->pending = NULL;
  r->pending_key = NULL;
  if (p->base_version == r->version)
    apply (r, p, key, "broker");
  else
    GST_INFO_OBJECT (r->self, "hotlist '%s': delta %" G_GUINT64_FORMAT
        " -> %" G_GUINT64_FORMAT " dropped, version %" G_GUINT64_FORMAT
        " runs", r->name, p->base_version, p->version, r->version);
  hotlist_msg_free (p);
  g_free (key);
}

/* A message of version <= the running one: the running list itself
 * (nothing to do), the broker's retained older copy (nothing to say), or
 * a refusal. */
static void
not_newer (HotlistRemote * r, const HotlistMsg * msg, const gchar * key,
    gboolean retained)
{
  gchar *what = describe (msg);

  if (msg->version == r->version && strcmp (msg->sha256, r->sha256) == 0)
    GST_DEBUG_OBJECT (r->self, "hotlist '%s': %s runs already", r->name,
        what);
  else if (msg->version < r->version && retained)
    GST_INFO_OBJECT (r->self, "hotlist '%s': the broker's retained %s is "
        "older than the running version %" G_GUINT64_FORMAT ", ignored",
        r->name, what, r->version);
  else if (msg->version < r->version)
    warn (r, key, what, "refused", "older than the running list");
  else
    warn (r, key, what, "refused", "the running list has this version "
        "with another checksum (a changed list needs a new version)");
  g_free (what);
}

static void
handle_full (HotlistRemote * r, HotlistMsg * msg, const gchar * key,
    gboolean retained)
{
  if (r->version && msg->version <= r->version) {
    not_newer (r, msg, key, retained);
    return;
  }
  if (apply (r, msg, key, "broker"))
    take_pending (r);
}

static void
handle_delta (HotlistRemote * r, HotlistMsg * msg, const gchar * key,
    gboolean retained)
{
  gchar *what, *why;

  if (r->version && msg->version <= r->version) {
    not_newer (r, msg, key, retained);
    hotlist_msg_free (msg);
    return;
  }
  if (r->version && msg->base_version == r->version) {
    if (apply (r, msg, key, "broker"))
      take_pending (r);
    hotlist_msg_free (msg);
    return;
  }
  what = describe (msg);
  if (r->version && msg->base_version < r->version) {
    why = g_strdup_printf ("it applies to version %" G_GUINT64_FORMAT
        ", older than the running list", msg->base_version);
    warn (r, key, what, "refused", why);
    g_free (why);
    g_free (what);
    hotlist_msg_free (msg);
    return;
  }
  /* its base has not come (yet): the full list and the delta arrive on two
   * topics in either order */
  if (r->version == 0) {
    GST_INFO_OBJECT (r->self, "hotlist '%s': %s kept until its full list "
        "arrives", r->name, what);
  } else {
    why = g_strdup_printf ("it applies to version %" G_GUINT64_FORMAT
        " (an update was missed); kept until a full list of that version "
        "arrives", msg->base_version);
    warn (r, key, what, "not applied", why);
    g_free (why);
  }
  g_free (what);
  hotlist_msg_free (r->pending);
  g_free (r->pending_key);
  r->pending = msg;
  r->pending_key = g_strdup (key);
}

static void
handle (HotlistRemote * r, Incoming * in)
{
  const gchar *kind = hotlist_msg_kind_to_string (in->kind);
  HotlistMsg *msg;
  GError *err = NULL;
  gchar *key, *why;

  if (in->len == 0) {
    /* a retained message deleted: the running list stays */
    GST_INFO_OBJECT (r->self, "hotlist '%s': the %s topic was cleared",
        r->name, kind);
    return;
  }
  key = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
      (const guchar *) in->payload, in->len);
  msg = hotlist_msg_parse (in->payload, in->len, &err);
  if (!msg) {
    why = g_strdup_printf ("%s message", kind);
    warn (r, key, why, "refused", err->message);
    g_free (why);
    g_error_free (err);
  } else if (msg->kind != in->kind || strcmp (msg->name, r->name) != 0) {
    why = g_strdup_printf ("a %s message of hotlist '%s'",
        hotlist_msg_kind_to_string (msg->kind), msg->name);
    warn (r, key, why, "refused", "not what this topic carries");
    g_free (why);
    hotlist_msg_free (msg);
  } else if (msg->kind == HOTLIST_MSG_FULL) {
    handle_full (r, msg, key, in->retained);
    hotlist_msg_free (msg);
  } else {
    handle_delta (r, msg, key, in->retained);      /* takes @msg */
  }
  g_free (key);
}

static gpointer
remote_thread (gpointer data)
{
  HotlistRemote *r = data;

  for (;;) {
    Incoming *in = g_async_queue_pop (r->queue);

    if (in == &stop_marker)
      break;
    handle (r, in);
    incoming_free (in);
  }
  return NULL;
}

/* The MQTT client's thread: queued for ours, at once. */
static void
on_message (gpointer data, const gchar * topic, const gchar * payload,
    gsize len, gboolean retained)
{
  GstHotlistMatch *self = data;
  HotlistRemote *r = self->remote;
  Incoming *in;

  if (!r)
    return;
  in = g_new0 (Incoming, 1);
  if (g_strcmp0 (topic, r->topics[0]) == 0) {
    in->kind = HOTLIST_MSG_FULL;
  } else if (g_strcmp0 (topic, r->topics[1]) == 0) {
    in->kind = HOTLIST_MSG_DELTA;
  } else {
    GST_DEBUG_OBJECT (self, "message on %s ignored", topic);
    g_free (in);
    return;
  }
  in->retained = retained;
  in->len = len;
  in->payload = g_malloc (len + 1);
  if (len)
    memcpy (in->payload, payload, len);
  in->payload[len] = '\0';
  g_async_queue_push (r->queue, in);
}

/* ---- start and stop ------------------------------------------------------- */

/* The cached copy, verified as a message from the broker would be. */
static void
load_cache (HotlistRemote * r)
{
  GstHotlistMatch *self = r->self;
  gchar *data = NULL;
  gsize len = 0;
  GError *err = NULL;
  HotlistMsg *msg = NULL;
  GStatBuf st;

  if (g_stat (r->cache, &st) != 0) {
    GST_INFO_OBJECT (self, "no cached copy of hotlist '%s' (%s) yet",
        r->name, r->cache);
    return;
  }
  if (!S_ISREG (st.st_mode) || st.st_size > HOTLIST_MSG_MAX_SIZE) {
    g_set_error (&err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
        "not a regular file of at most %" G_GINT64_FORMAT " bytes",
        HOTLIST_MSG_MAX_SIZE);
  } else if (g_file_get_contents (r->cache, &data, &len, &err)) {
    msg = hotlist_msg_parse (data, len, &err);
    if (msg && (msg->kind != HOTLIST_MSG_FULL ||
            strcmp (msg->name, r->name) != 0)) {
      g_set_error (&err, HOTLIST_MSG_ERROR, HOTLIST_MSG_ERROR_FORMAT,
          "it holds a %s message of hotlist '%s'",
          hotlist_msg_kind_to_string (msg->kind), msg->name);
      g_clear_pointer (&msg, hotlist_msg_free);
    }
  }
  if (msg) {
    GstAnprHotlist *hl = NULL;
    gchar *source = g_strdup_printf ("mqtt:%s@v%" G_GUINT64_FORMAT, r->name,
        msg->version);

    if (hotlist_msg_apply (msg, NULL, source, &hl, NULL, &err))
      install (r, msg, hl, NULL, "cache");
    g_free (source);
  }
  if (err) {
    GST_ELEMENT_WARNING (self, RESOURCE, READ,
        ("Cached MQTT hotlist '%s' (%s) not used: %s", r->name, r->cache,
            err->message), ("waiting for the broker's list"));
    g_error_free (err);
  }
  hotlist_msg_free (msg);
  g_free (data);
}

gboolean
gst_hotlist_match_remote_start (GstHotlistMatch * self, const gchar * prefix)
{
  HotlistRemote *r;
  gchar *name, *cache;

  GST_OBJECT_LOCK (self);
  name = g_strdup (self->hotlist_name);
  cache = g_strdup (self->hotlist_cache);
  GST_OBJECT_UNLOCK (self);

  if (!name || !*name) {
    g_free (name);
    g_free (cache);
    return TRUE;
  }
  if (!hotlist_msg_name_ok (name)) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("Invalid hotlist-name '%s': must be one topic level, without '/', "
            "'+' or '#'", name), (NULL));
    g_free (name);
    g_free (cache);
    return FALSE;
  }

  r = g_new0 (HotlistRemote, 1);
  r->self = self;
  r->name = name;
  r->cache = cache && *cache ? cache : NULL;
  if (!r->cache)
    g_free (cache);
  r->topics[0] = hotlist_msg_topic (prefix, name, HOTLIST_MSG_FULL);
  r->topics[1] = hotlist_msg_topic (prefix, name, HOTLIST_MSG_DELTA);
  r->queue = g_async_queue_new_full ((GDestroyNotify) incoming_free);
  r->warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (r->cache)
    load_cache (r);
  self->remote = r;
  r->thread = g_thread_new ("hotlistremote", remote_thread, r);
  GST_INFO_OBJECT (self, "hotlist '%s' from %s and %s", name, r->topics[0],
      r->topics[1]);
  return TRUE;
}

void
gst_hotlist_match_remote_configure (GstHotlistMatch * self,
    MqttPublisherConfig * cfg)
{
  if (!self->remote)
    return;
  cfg->subscriptions = (const gchar * const *) self->remote->topics;
  cfg->message = on_message;
}

void
gst_hotlist_match_remote_stop (GstHotlistMatch * self)
{
  HotlistRemote *r = self->remote;
  GstAnprHotlist *hl;

  if (!r)
    return;
  g_async_queue_push (r->queue, &stop_marker);
  g_thread_join (r->thread);
  self->remote = NULL;
  g_async_queue_unref (r->queue);

  GST_OBJECT_LOCK (self);
  hl = self->remote_hotlist;
  self->remote_hotlist = NULL;
  self->remote_version = 0;
  g_clear_pointer (&self->remote_sha256, g_free);
  self->remote_entries = 0;
  self->remote_from = NULL;
  self->remote_updated_us = 0;
  g_clear_pointer (&self->remote_refused, g_free);
  GST_OBJECT_UNLOCK (self);
  if (hl)
    gst_anpr_hotlist_unref (hl);

  if (r->list)
    gst_anpr_hotlist_unref (r->list);
  hotlist_msg_free (r->pending);
  g_free (r->pending_key);
  g_hash_table_unref (r->warned);
  g_free (r->sha256);
  g_free (r->topics[0]);
  g_free (r->topics[1]);
  g_free (r->name);
  g_free (r->cache);
  g_free (r);
}

/* ---- status and lookups --------------------------------------------------- */

static void
add_string_or_null (JsonBuilder * b, const gchar * member, const gchar * s)
{
  json_builder_set_member_name (b, member);
  if (s)
    json_builder_add_string_value (b, s);
  else
    json_builder_add_null_value (b);
}

gchar *
gst_hotlist_match_remote_status_json (GstHotlistMatch * self)
{
  JsonBuilder *b = json_builder_new ();
  gboolean files, remote;
  guint file_entries, entries;
  guint64 version;
  gchar *name, *sha, *refused, *updated = NULL;
  const gchar *from;
  gint64 updated_us;
  gchar *text;

  GST_OBJECT_LOCK (self);
  files = self->hotlist_path && *self->hotlist_path;
  file_entries = self->hotlist ?
      gst_anpr_hotlist_get_n_entries (self->hotlist) : 0;
  remote = self->remote != NULL;
  name = g_strdup (self->hotlist_name);
  version = self->remote_version;
  sha = g_strdup (self->remote_sha256);
  entries = self->remote_entries;
  from = self->remote_from;
  updated_us = self->remote_updated_us;
  refused = g_strdup (self->remote_refused);
  GST_OBJECT_UNLOCK (self);

  if (updated_us)
    updated = gst_anpr_event_format_timestamp (updated_us);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file_entries");
  if (files)
    json_builder_add_int_value (b, file_entries);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "mqtt");
  if (remote) {
    json_builder_begin_object (b);
    add_string_or_null (b, "name", name);
    json_builder_set_member_name (b, "version");
    if (version)
      json_builder_add_int_value (b, (gint64) version);
    else
      json_builder_add_null_value (b);
    add_string_or_null (b, "sha256", sha);
    json_builder_set_member_name (b, "entries");
    json_builder_add_int_value (b, entries);
    add_string_or_null (b, "from", from);
    add_string_or_null (b, "updated", updated);
    add_string_or_null (b, "refused", refused);
    json_builder_end_object (b);
  } else {
    json_builder_add_null_value (b);
  }
  text = hotlist_msg_json_finish (b);
  g_free (name);
  g_free (sha);
  g_free (refused);
  g_free (updated);
  return text;
}

static gint
compare_matches (gconstpointer a, gconstpointer b)
{
  return gst_anpr_hotlist_match_compare (a, b);
}

GArray *
gst_hotlist_match_lookup (const GstAnprHotlist * files,
    const GstAnprHotlist * remote, const GstAnprPlateMeta * meta,
    gdouble max_distance, gint64 now_us)
{
  GArray *matches, *more;

  if (!files || !remote)
    return gst_anpr_hotlist_lookup_meta (files ? files : remote, meta,
        max_distance, now_us);
  matches = gst_anpr_hotlist_lookup_meta (files, meta, max_distance, now_us);
  more = gst_anpr_hotlist_lookup_meta (remote, meta, max_distance, now_us);
  if (more->len > 0) {
    g_array_append_vals (matches, more->data, more->len);
    g_array_sort (matches, compare_matches);
  }
  g_array_unref (more);
  return matches;
}
