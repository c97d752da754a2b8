/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* hotlistmatch against a real mosquitto broker on a free loopback port.
 *
 * The broker is always killed: by the teardown, by an atexit() handler
 * when an assertion ends the test process early, and by the kernel
 * (PR_SET_PDEATHSIG) if the test process is killed (timeout). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <mosquitto.h>
#include <gst/check/gstharness.h>
#include <gst/anpr/anpr.h>

#include "anprcheck.h"

#define CAPS "video/x-raw,format=GRAY8,width=64,height=48,framerate=25/1"
#define CAMERA "cam1"
#define TS_REGEX "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"

static const gchar *hotlist_csv =
    "plate,list,reason,priority,action,expires,notes\n"
    "AB12CDE,stolen,\"Stolen 2026-11-01, burglary\",1,stop,2099-12-31,"
    "\"Blue \"\"Ford\"\" Focus\"\n"
    "XY51ABC,wanted,linked to burglaries,2,observe,,\n";

static gchar *tmpdir;
static gchar *hotlist_path;
static gchar *broker_conf;
static gint broker_port;
static GSubprocess *broker;
static GPid broker_pid;         /* for the atexit() handler */
static JsonNode *schema;

/* ---- broker -------------------------------------------------------------- */

static void
kill_broker_at_exit (void)
{
  if (broker_pid > 0)
    kill (broker_pid, SIGKILL);
}

static void
broker_child_setup (gpointer data)
{
  /* the broker dies with us, however we die */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gint
free_port (void)
{
  GSocket *sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
      G_SOCKET_PROTOCOL_TCP, NULL);
  GInetAddress *lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *addr = g_inet_socket_address_new (lo, 0), *bound;
  gint port;

  fail_unless (g_socket_bind (sock, addr, TRUE, NULL));
  bound = g_socket_get_local_address (sock, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (sock, NULL);
  g_object_unref (bound);
  g_object_unref (addr);
  g_object_unref (lo);
  g_object_unref (sock);
  return port;
}

static gboolean
port_accepts (gint port)
{
  GSocketClient *client = g_socket_client_new ();
  GSocketConnection *conn;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL,
      NULL);
  g_object_unref (client);
  if (!conn)
    return FALSE;
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  g_object_unref (conn);
  return TRUE;
}

static void
start_broker (void)
{
  GSubprocessLauncher *launcher;
  GError *err = NULL;
  gchar *exe = g_find_program_in_path ("mosquitto");
  gint64 end;

  if (!exe && g_file_test ("/usr/sbin/mosquitto", G_FILE_TEST_IS_EXECUTABLE))
    exe = g_strdup ("/usr/sbin/mosquitto");
  fail_unless (exe != NULL, "mosquitto broker not installed (Debian package "
      "mosquitto)");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
      G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, broker_child_setup, NULL,
      NULL);
  broker = g_subprocess_launcher_spawn (launcher, &err, exe, "-c",
      broker_conf, NULL);
  g_object_unref (launcher);
  g_free (exe);
  fail_unless (broker != NULL, "could not start mosquitto: %s",
      err ? err->message : "?");
  broker_pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (broker),
      NULL, 10);

  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!port_accepts (broker_port)) {
    fail_if (g_subprocess_get_identifier (broker) == NULL, "mosquitto exited");
    fail_unless (g_get_monotonic_time () < end,
        "mosquitto does not accept connections on port %d", broker_port);
    g_usleep (20 * 1000);
  }
}

/* SIGTERM: mosquitto saves its persistent sessions and exits. */
static void
stop_broker (gboolean gracefully)
{
  if (!broker)
    return;
  if (gracefully)
    g_subprocess_send_signal (broker, SIGTERM);
  else
    g_subprocess_force_exit (broker);
  g_subprocess_wait (broker, NULL, NULL);
  g_clear_object (&broker);
  broker_pid = 0;
}

/* ---- subscriber ---------------------------------------------------------- */

typedef struct
{
  gchar *topic;
  gchar *payload;
  gboolean retain;
} Received;

typedef struct
{
  struct mosquitto *mosq;
  GAsyncQueue *queue;
  GMutex lock;
  GCond cond;
  gint subscribed;              /* SUBACKs seen */
} Subscriber;

static void
received_free (Received * r)
{
  g_free (r->topic);
  g_free (r->payload);
  g_free (r);
}

static void
sub_on_connect (struct mosquitto *mosq, void *data, int rc)
{
  if (rc == 0)
    mosquitto_subscribe (mosq, NULL, "anpr/#", 1);
}

static void
sub_on_subscribe (struct mosquitto *mosq, void *data, int mid, int n,
    const int *granted)
{
  Subscriber *s = data;

  g_mutex_lock (&s->lock);
  s->subscribed++;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
}

static void
sub_on_message (struct mosquitto *mosq, void *data,
    const struct mosquitto_message *msg)
{
  Subscriber *s = data;
  Received *r = g_new0 (Received, 1);

  r->topic = g_strdup (msg->topic);
  r->payload = g_strndup (msg->payload, msg->payloadlen);
  r->retain = msg->retain;
  g_async_queue_push (s->queue, r);
}

/* @persistent: a session the broker keeps (and queues for) while we are
 * away, so nothing is lost when the element reconnects first. */
static Subscriber *
subscriber_new (const gchar * client_id, gboolean persistent)
{
  Subscriber *s = g_new0 (Subscriber, 1);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  mosquitto_lib_init ();
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->queue = g_async_queue_new_full ((GDestroyNotify) received_free);
  s->mosq = mosquitto_new (client_id, !persistent, s);
  fail_unless (s->mosq != NULL);
  mosquitto_connect_callback_set (s->mosq, sub_on_connect);
  mosquitto_subscribe_callback_set (s->mosq, sub_on_subscribe);
  mosquitto_message_callback_set (s->mosq, sub_on_message);
  mosquitto_reconnect_delay_set (s->mosq, 1, 1, false);
  fail_unless_equals_int (mosquitto_connect (s->mosq, "127.0.0.1",
          broker_port, 10), MOSQ_ERR_SUCCESS);
  fail_unless_equals_int (mosquitto_loop_start (s->mosq), MOSQ_ERR_SUCCESS);

  g_mutex_lock (&s->lock);
  while (s->subscribed == 0)
    fail_unless (g_cond_wait_until (&s->cond, &s->lock, end),
        "no SUBACK");
  g_mutex_unlock (&s->lock);
  return s;
}

static void
subscriber_free (Subscriber * s)
{
  if (!s)
    return;
  mosquitto_disconnect (s->mosq);
  mosquitto_loop_stop (s->mosq, TRUE);
  mosquitto_destroy (s->mosq);
  g_async_queue_unref (s->queue);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
  g_free (s);
}

/* Next message on @topic within @timeout_s (others are skipped when
 * @skip_others, else they fail the test). */
static Received *
expect_message (Subscriber * s, const gchar * topic, gdouble timeout_s,
    gboolean skip_others)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * 1e6);

  for (;;) {
    gint64 left = end - g_get_monotonic_time ();
    Received *r = left > 0 ? g_async_queue_timeout_pop (s->queue, left) : NULL;

    fail_unless (r != NULL, "no message on %s within %.1f s", topic,
        timeout_s);
    if (g_strcmp0 (r->topic, topic) == 0)
      return r;
    fail_unless (skip_others, "unexpected message on %s: %s", r->topic,
        r->payload);
    received_free (r);
  }
}

static void
expect_nothing (Subscriber * s, gdouble seconds, const gchar * topic)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * 1e6);
  gint64 left;

  while ((left = end - g_get_monotonic_time ()) > 0) {
    Received *r = g_async_queue_timeout_pop (s->queue, left);
    if (!r)
      break;
    fail_if (g_strcmp0 (r->topic, topic) == 0, "unexpected on %s: %s",
        r->topic, r->payload);
    received_free (r);
  }
}

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

static void
load_schema (void)
{
  const gchar *root = g_getenv ("ANPR_SOURCE_ROOT");
  gchar *path = g_build_filename (root ? root : "..", "docs",
      "event.schema.json", NULL);
  JsonParser *p = json_parser_new ();
  GError *err = NULL;

  fail_unless (json_parser_load_from_file (p, path, &err),
      "cannot load %s: %s", path, err ? err->message : "");
  schema = json_node_copy (json_parser_get_root (p));
  g_object_unref (p);
  g_free (path);
}

/* Parses @payload, validates it against the schema; returns the object. */
static JsonObject *
check_event (const gchar * payload, JsonParser ** parser)
{
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

/* ---- element ------------------------------------------------------------- */

static GstHarness *
make_harness (const gchar * first_prop, ...)
{
  GstElement *e = gst_element_factory_make ("hotlistmatch", NULL);
  gchar *url = g_strdup_printf ("mqtt://127.0.0.1:%d", broker_port);
  GstHarness *h;
  va_list args;

  fail_unless (e != NULL);
  g_object_set (e, "hotlist", hotlist_path, "mqtt-url", url, "camera-id",
      CAMERA, NULL);
  va_start (args, first_prop);
  if (first_prop)
    g_object_set_valist (G_OBJECT (e), first_prop, args);
  va_end (args);
  g_free (url);

  h = gst_harness_new_with_element (e, "sink", "src");
  gst_object_unref (e);
  gst_harness_set_src_caps_str (h, CAPS);
  gst_harness_play (h);
  return h;
}

static void
push (GstHarness * h, GstClockTime pts, const gchar * text)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, 64 * 48, NULL);
  GstAnprPlateMeta *meta = gst_buffer_add_anpr_plate_meta (buf, 8, 30, 40,
      10, 0.95f);
  GstAnprCandidate c;

  GST_BUFFER_PTS (buf) = pts;
  g_strlcpy (c.text, text, sizeof (c.text));
  c.confidence = 0.9f;
  gst_anpr_plate_meta_set_reading (meta, "gb", "gb-current", &c, 1, NULL);
  fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
}

static void
setup (void)
{
  anpr_check_fatal_log_domains ();
  atexit (kill_broker_at_exit);
  tmpdir = g_dir_make_tmp ("anpr-mqtt-XXXXXX", NULL);
  hotlist_path = g_build_filename (tmpdir, "hotlist.csv", NULL);
  fail_unless (g_file_set_contents (hotlist_path, hotlist_csv, -1, NULL));
  broker_port = free_port ();
  broker_conf = g_build_filename (tmpdir, "mosquitto.conf", NULL);
  {
    /* Started as root, mosquitto drops to the user mosquitto: the
     * directory it saves sessions in must be open to it. */
    gchar *persist = g_build_filename (tmpdir, "persist", NULL);
    gchar *conf;

    fail_unless (g_chmod (tmpdir, 0755) == 0);
    fail_unless (g_mkdir (persist, 0777) == 0);
    fail_unless (g_chmod (persist, 0777) == 0);
    conf = g_strdup_printf ("listener %d 127.0.0.1\n"
        "allow_anonymous true\n"
        "persistence true\n"
        "persistence_location %s/\n"
        "log_dest none\n", broker_port, persist);
    fail_unless (g_file_set_contents (broker_conf, conf, -1, NULL));
    g_free (conf);
    g_free (persist);
  }
  load_schema ();
}

static void
remove_tree (const gchar * path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const gchar *name;

  while (dir && (name = g_dir_read_name (dir))) {
    gchar *p = g_build_filename (path, name, NULL);
    if (g_file_test (p, G_FILE_TEST_IS_DIR))
      remove_tree (p);
    else
      g_unlink (p);
    g_free (p);
  }
  if (dir)
    g_dir_close (dir);
  g_rmdir (path);
}

static void
teardown (void)
{
  stop_broker (FALSE);
  remove_tree (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&hotlist_path, g_free);
  g_clear_pointer (&broker_conf, g_free);
  g_clear_pointer (&schema, json_node_unref);
}

/* ---- tests ----------------------------------------------------------------- */

GST_START_TEST (test_match_read_status)
{
  Subscriber *sub, *late;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  Received *r;
  JsonParser *parser;
  JsonObject *o, *hl, *match, *plate;
  GstMessage *msg;
  const gchar *bus_json;

  start_broker ();
  sub = subscriber_new ("test-sub", FALSE);

  h = make_harness ("publish-reads", TRUE, NULL);
  gst_element_set_bus (h->element, bus);

  r = expect_message (sub, "anpr/" CAMERA "/status", 10, FALSE);
  fail_unless_equals_string (r->payload, "online");
  received_free (r);

  /* a listed plate: read and match; an unlisted one: read only */
  push (h, 5 * GST_SECOND, "AB12CDE");
  push (h, 6 * GST_SECOND, "ZZ99ZZZ");

  r = expect_message (sub, "anpr/" CAMERA "/match", 10, TRUE);
  GST_INFO ("match: %s", r->payload);
  o = check_event (r->payload, &parser);
  fail_unless_equals_string (json_object_get_string_member (o, "schema"),
      "gst-anpr.event");
  fail_unless_equals_string (json_object_get_string_member (o,
          "schema_version"), GST_ANPR_EVENT_SCHEMA_VERSION);
  fail_unless_equals_string (json_object_get_string_member (o, "type"),
      "match");
  fail_unless_equals_string (json_object_get_string_member (o, "camera_id"),
      CAMERA);
  fail_unless (g_regex_match_simple (TS_REGEX,
          json_object_get_string_member (o, "timestamp"), 0, 0));
  fail_unless_equals_float (json_object_get_double_member (o, "stream_time"),
      5.0);
  plate = json_object_get_object_member (o, "plate");
  fail_unless_equals_string (json_object_get_string_member (plate, "text"),
      "AB12CDE");
  hl = json_object_get_object_member (o, "hotlist");
  fail_unless_equals_string (json_object_get_string_member (hl, "plate"),
      "AB12CDE");
  fail_unless_equals_string (json_object_get_string_member (hl, "list"),
      "stolen");
  fail_unless_equals_string (json_object_get_string_member (hl, "reason"),
      "Stolen 2026-11-01, burglary");
  fail_unless_equals_int (json_object_get_int_member (hl, "priority"), 1);
  fail_unless_equals_string (json_object_get_string_member (hl, "action"),
      "stop");
  fail_unless_equals_string (json_object_get_string_member (hl, "notes"),
      "Blue \"Ford\" Focus");
  fail_unless_equals_string (json_object_get_string_member (hl, "source"),
      "hotlist.csv");
  match = json_object_get_object_member (o, "match");
  fail_unless_equals_string (json_object_get_string_member (match, "kind"),
      "exact");

  /* the bus message carries the same payload */
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT);
  fail_unless (msg != NULL);
  bus_json = gst_structure_get_string (gst_message_get_structure (msg),
      "json");
  fail_unless_equals_string (bus_json, r->payload);
  gst_message_unref (msg);
  g_object_unref (parser);
  received_free (r);

  /* reads: both vehicles, valid events of type read, on the read topic */
  {
    guint n_reads = 0;
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    /* the reads may have arrived before the match: look at all we have */
    while (n_reads < 2) {
      Received *rr = g_async_queue_timeout_pop (sub->queue,
          MAX (end - g_get_monotonic_time (), 1));
      fail_unless (rr != NULL, "only %u reads", n_reads);
      if (!strcmp (rr->topic, "anpr/" CAMERA "/read")) {
        o = check_event (rr->payload, &parser);
        fail_unless_equals_string (json_object_get_string_member (o, "type"),
            "read");
        fail_if (json_object_has_member (o, "hotlist"));
        n_reads++;
        g_object_unref (parser);
      }
      received_free (rr);
    }
  }

  /* a late subscriber gets the retained status */
  late = subscriber_new ("test-late", FALSE);
  r = expect_message (late, "anpr/" CAMERA "/status", 5, FALSE);
  fail_unless_equals_string (r->payload, "online");
  fail_unless (r->retain);
  received_free (r);
  subscriber_free (late);

  /* a clean stop leaves a retained "offline" */
  gst_harness_teardown (h);
  r = expect_message (sub, "anpr/" CAMERA "/status", 5, TRUE);
  fail_unless_equals_string (r->payload, "offline");
  received_free (r);
  late = subscriber_new ("test-late2", FALSE);
  r = expect_message (late, "anpr/" CAMERA "/status", 5, FALSE);
  fail_unless_equals_string (r->payload, "offline");
  fail_unless (r->retain);
  received_free (r);
  subscriber_free (late);

  subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  stop_broker (TRUE);
}

GST_END_TEST;

/* Receives @n matches and checks they are the plates pushed at stream
 * times first_s, first_s + 1, ... in that order. */
static void
expect_matches_in_order (Subscriber * sub, guint n, gdouble first_s,
    gdouble timeout_s)
{
  guint i;

  for (i = 0; i < n; i++) {
    Received *r = expect_message (sub, "anpr/" CAMERA "/match", timeout_s,
        TRUE);
    JsonParser *parser;
    JsonObject *o = check_event (r->payload, &parser);

    fail_unless_equals_float (json_object_get_double_member (o,
            "stream_time"), first_s + i);
    g_object_unref (parser);
    received_free (r);
  }
}

GST_START_TEST (test_queued_while_broker_down)
{
  Subscriber *sub;
  GstHarness *h;
  guint i;

  /* a persistent subscriber session, so the broker keeps what arrives for
   * it while it reconnects */
  start_broker ();
  sub = subscriber_new ("test-persistent", TRUE);

  h = make_harness ("dedup-window", 0.0, NULL);
  push (h, 0, "AB12CDE");
  expect_matches_in_order (sub, 1, 0.0, 10);

  /* the broker goes away; alerts keep coming */
  stop_broker (TRUE);
  for (i = 1; i <= 5; i++)
    push (h, i * GST_SECOND, i % 2 ? "AB12CDE" : "XY51ABC");

  /* back: every alert arrives, oldest first, none twice */
  start_broker ();
  expect_matches_in_order (sub, 5, 1.0, 60);
  expect_nothing (sub, 1.0, "anpr/" CAMERA "/match");

  gst_harness_teardown (h);
  subscriber_free (sub);
  stop_broker (TRUE);
}

GST_END_TEST;

GST_START_TEST (test_element_before_broker)
{
  Subscriber *sub;
  GstHarness *h;
  Received *r;
  guint i;

  /* make the subscriber's session, then take the broker down */
  start_broker ();
  sub = subscriber_new ("test-early", TRUE);
  stop_broker (TRUE);

  /* the element starts with no broker: not an error, alerts queue */
  h = make_harness ("dedup-window", 0.0, NULL);
  for (i = 0; i < 4; i++)
    push (h, i * GST_SECOND, "XY51ABC");

  start_broker ();
  r = expect_message (sub, "anpr/" CAMERA "/status", 60, FALSE);
  fail_unless_equals_string (r->payload, "online");
  received_free (r);
  expect_matches_in_order (sub, 4, 0.0, 60);

  gst_harness_teardown (h);
  subscriber_free (sub);
  stop_broker (TRUE);
}

GST_END_TEST;

GST_START_TEST (test_overflow_drops_oldest)
{
  Subscriber *sub;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;
  guint i;

  start_broker ();
  sub = subscriber_new ("test-overflow", TRUE);
  h = make_harness ("dedup-window", 0.0, "queue-size", 3, NULL);
  gst_element_set_bus (h->element, bus);
  push (h, 0, "AB12CDE");
  expect_matches_in_order (sub, 1, 0.0, 10);

  stop_broker (TRUE);
  /* let the element notice */
  g_usleep (500 * 1000);
  for (i = 1; i <= 6; i++)
    push (h, i * GST_SECOND, "AB12CDE");

  /* the overflow is reported, with a count */
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  fail_unless (msg != NULL);
  gst_message_parse_warning (msg, &err, NULL);
  fail_unless (strstr (err->message, "dropped 1 ") != NULL, "%s",
      err->message);
  g_clear_error (&err);
  gst_message_unref (msg);

  /* the three newest survive, in order */
  start_broker ();
  expect_matches_in_order (sub, 3, 4.0, 60);
  expect_nothing (sub, 1.0, "anpr/" CAMERA "/match");

  gst_harness_teardown (h);
  subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  stop_broker (TRUE);
}

GST_END_TEST;

GST_START_TEST (test_eos_flushes)
{
  Subscriber *sub;
  GstHarness *h;

  start_broker ();
  sub = subscriber_new ("test-eos", FALSE);
  h = make_harness (NULL, NULL);
  push (h, 0, "AB12CDE");
  /* stop right away: the alert still goes out */
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  gst_harness_teardown (h);
  expect_matches_in_order (sub, 1, 0.0, 5);
  subscriber_free (sub);
  stop_broker (TRUE);
}

GST_END_TEST;

static Suite *
mqtt_suite (void)
{
  Suite *s = suite_create ("mqtt");
  TCase *tc = tcase_create ("broker");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 240);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_match_read_status);
  tcase_add_test (tc, test_eos_flushes);
  tcase_add_test (tc, test_queued_while_broker_down);
  tcase_add_test (tc, test_element_before_broker);
  tcase_add_test (tc, test_overflow_drops_oldest);
  return s;
}

GST_CHECK_MAIN (mqtt);
