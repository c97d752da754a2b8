/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Hotlists over MQTT: the messages (docs/mqtt.md, "Hotlists over MQTT"),
 * read and written; the canonical text of a list and its checksum; a full
 * list or a delta turned into the list it leads to.  Shared by
 * hotlistmatch (hotlistremote.c), tools/anpr-hotlist-publish, the tests
 * and the fuzzer.  Knows nothing of elements or MQTT clients. */

#ifndef __HOTLIST_MSG_H__
#define __HOTLIST_MSG_H__

#include <gst/anpr/anpr.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The one format number this code reads and writes. */
#define HOTLIST_MSG_FORMAT 1

/* The canonical text's header row (its columns, in this order). */
#define HOTLIST_MSG_HEADER "plate,list,reason,priority,action,expires,notes"

/* Largest message read (a list of ten million lines fits). */
#define HOTLIST_MSG_MAX_SIZE (G_GINT64_CONSTANT (1) << 30)

/* Largest version: every version is exact in a JSON number (2^53). */
#define HOTLIST_MSG_MAX_VERSION (G_GUINT64_CONSTANT (1) << 53)

typedef enum
{
  HOTLIST_MSG_FULL,
  HOTLIST_MSG_DELTA,
} HotlistMsgKind;

/**
 * HotlistMsg:
 * @kind: a whole list or a delta
 * @name: the hotlist's name (the topic's level)
 * @version: the version of the list this message leads to
 * @base_version: delta only: the version it applies to
 * @sha256: SHA-256 of the canonical text of the list this message leads
 *   to, 64 lower-case hex digits
 * @entries: full only: the list as hotlist CSV (a header row, then an
 *   entry a line)
 * @add: (nullable): delta only: entries added or replaced, hotlist CSV
 * @remove: (nullable): delta only: entries removed, CSV with the columns
 *   `plate` and `list`
 *
 * A message as read; the members are checked to be there and of their
 * type, the entries are not parsed yet.
 */
typedef struct
{
  HotlistMsgKind kind;
  gchar *name;
  guint64 version;
  guint64 base_version;
  gchar *sha256;
  gchar *entries;
  gchar *add;
  gchar *remove;
} HotlistMsg;

#define HOTLIST_MSG_ERROR (hotlist_msg_error_quark ())
GQuark hotlist_msg_error_quark (void);

typedef enum
{
  HOTLIST_MSG_ERROR_JSON,       /* not a JSON object */
  HOTLIST_MSG_ERROR_FORMAT,     /* a member missing, of the wrong type or
                                 * value, another format number */
  HOTLIST_MSG_ERROR_ENTRIES,    /* a line the hotlist parser refuses */
  HOTLIST_MSG_ERROR_CHECKSUM,   /* the list is not the one announced */
} HotlistMsgError;

const gchar *hotlist_msg_kind_to_string (HotlistMsgKind kind);

/* Reads @len bytes of @payload; NULL with @error set when it is not a
 * message of format HOTLIST_MSG_FORMAT. */
HotlistMsg *hotlist_msg_parse (const gchar * payload, gsize len,
    GError ** error);
void hotlist_msg_free (HotlistMsg * msg);

/* The canonical text of @hotlist (NULL: the empty list): the header row,
 * then one line per entry (plate as written, list, reason, priority,
 * action, expires as written, notes), a field quoted only when it must
 * be, lines sorted by their bytes, each ending in LF. */
gchar *hotlist_msg_canonical (const GstAnprHotlist * hotlist);

/* SHA-256 of @text, 64 lower-case hex digits. */
gchar *hotlist_msg_sha256 (const gchar * text);

/* Parses hotlist CSV @text as the element would (@source names the entries'
 * source and the lines in errors) and refuses it whole when any line is
 * skipped or repaired.  Text with no entry lines is the empty list:
 * *@out NULL. */
gboolean hotlist_msg_load_strict (const gchar * text, const gchar * source,
    GstAnprHotlist ** out, GError ** error);

/* The list @msg leads to: a full one's entries, or a delta applied to
 * @current (NULL: the empty list), loaded under @source, checked against
 * @msg's checksum.  *@out is NULL for the empty list; @canonical
 * (optional) gets its canonical text.  FALSE with @error set when a line
 * is refused or the checksum differs: nothing is made then. */
gboolean hotlist_msg_apply (const HotlistMsg * msg,
    const GstAnprHotlist * current, const gchar * source,
    GstAnprHotlist ** out, gchar ** canonical, GError ** error);

/* A full message of @canonical (a canonical text) as version @version;
 * @published (nullable): an ISO 8601 time, informative. */
gchar *hotlist_msg_full_json (const gchar * name, guint64 version,
    const gchar * canonical, const gchar * published);

/* What turns @from into @to (either NULL: the empty list): the entries of
 * @to that are new or changed (hotlist CSV, NULL when none) and the
 * plates and lists of @from's entries that @to no longer has (CSV
 * `plate,list`, NULL when none). */
void hotlist_msg_diff (const GstAnprHotlist * from, const GstAnprHotlist * to,
    gchar ** add, gchar ** remove);

/* A delta message from @base_version to @version, after which the list's
 * canonical text has checksum @sha256. */
gchar *hotlist_msg_delta_json (const gchar * name, guint64 base_version,
    guint64 version, const gchar * sha256, const gchar * add,
    const gchar * remove, const gchar * published);

/* The name's and the hotlist topics' rules: one topic level, no '/', '+'
 * or '#', not empty. */
gboolean hotlist_msg_name_ok (const gchar * name);

/* Ends @b's top-level object and returns it as JSON text; @b is freed. */
gchar *hotlist_msg_json_finish (JsonBuilder * b);

/* "<prefix>/hotlist/<name>/full" and ".../delta". */
gchar *hotlist_msg_topic (const gchar * prefix, const gchar * name,
    HotlistMsgKind kind);

G_END_DECLS

#endif /* __HOTLIST_MSG_H__ */
