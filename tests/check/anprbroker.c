/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Test support for the MQTT tests: the mosquitto broker and the subscriber
 * (see anprbroker.h); the check of event payloads against the schema is in
 * anprschema.c. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <mosquitto.h>

#include "anprbroker.h"

/* ---- broker -------------------------------------------------------------- */

struct _AnprBroker
{
  gchar *dir;
  gchar *conf;
  gint port;
  GSubprocess *proc;
  GPid pid;                     /* for the atexit() handler */
  GMutex lock;
  GSList *subscribers;          /* AnprSubscriber, to sync before a stop */
  /* TLS and credentials (AnprBrokerOptions) */
  gboolean tls;
  gboolean other_host;          /* the server certificate is not ours */
  gchar *username;
  gchar *password;
  gchar *tls_path;              /* for anpr_broker_get_tls_file() */
};

static void subscriber_sync (AnprSubscriber * s);

struct _AnprSubscriber
{
  AnprBroker *broker;           /* NULL once the broker is freed */
  struct mosquitto *mosq;
  GAsyncQueue *queue;
  GMutex lock;
  GCond cond;
  gint subscribed;              /* SUBACKs seen */
  gint unsubscribed;            /* UNSUBACKs seen */
};

/* Brokers that may be running, for the atexit() handler. */
G_LOCK_DEFINE_STATIC (live);
static GSList *live;

static void
kill_brokers_at_exit (void)
{
  GSList *l;

  G_LOCK (live);
  for (l = live; l; l = l->next) {
    AnprBroker *b = l->data;
    if (b->pid > 0)
      kill (b->pid, SIGKILL);
  }
  G_UNLOCK (live);
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

/* Runs a helper program (openssl, mosquitto_passwd) in @dir; fails the
 * test if it fails. */
static void
run_tool (const gchar * dir, const gchar * const *argv)
{
  gchar *out = NULL, *err_out = NULL;
  gint status = 0;
  GError *err = NULL;

  fail_unless (g_spawn_sync (dir, (gchar **) argv, NULL, G_SPAWN_SEARCH_PATH,
          NULL, NULL, &out, &err_out, &status, &err), "cannot run %s: %s "
      "(Debian packages openssl, mosquitto)", argv[0], err ? err->message : "");
  fail_unless (g_spawn_check_wait_status (status, NULL), "%s failed: %s",
      argv[0], err_out);
  g_free (out);
  g_free (err_out);
}

/* A throwaway CA, a server certificate for 127.0.0.1 and localhost (or
 * for @server_name only), and a client certificate, all EC P-256, valid two
 * days. */
static void
make_certificates (const gchar * dir, const gchar * server_name)
{
  const gchar *ca[] = { "openssl", "req", "-x509", "-newkey", "ec",
    "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
    "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=anpr-test-ca",
    "-addext", "basicConstraints=critical,CA:TRUE",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL
  };
  const gchar *names[] = { "server", "client" };
  guint i;

  gchar *ext = g_build_filename (dir, "server.ext", NULL);
  gchar *san = server_name ? g_strdup_printf ("subjectAltName=DNS:%s\n"
      "extendedKeyUsage=serverAuth\n", server_name) :
      g_strdup ("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
      "extendedKeyUsage=serverAuth\n");

  fail_unless (g_file_set_contents (ext, san, -1, NULL));
  g_free (san);
  g_free (ext);
  ext = g_build_filename (dir, "client.ext", NULL);
  fail_unless (g_file_set_contents (ext, "extendedKeyUsage=clientAuth\n",
          -1, NULL));
  g_free (ext);
  run_tool (dir, ca);
  for (i = 0; i < G_N_ELEMENTS (names); i++) {
    gchar *key = g_strdup_printf ("%s.key", names[i]);
    gchar *csr = g_strdup_printf ("%s.csr", names[i]);
    gchar *crt = g_strdup_printf ("%s.crt", names[i]);
    gchar *ext = g_strdup_printf ("%s.ext", names[i]);
    gchar *subj = g_strdup_printf ("/CN=%s", i == 1 ? "anpr-test-client" :
        server_name ? server_name : "127.0.0.1");
    const gchar *req[] = { "openssl", "req", "-newkey", "ec", "-pkeyopt",
      "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", csr,
      "-subj", subj, NULL
    };
    const gchar *sign[] = { "openssl", "x509", "-req", "-in", csr, "-CA",
      "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", crt, "-days",
      "2", "-extfile", ext, NULL
    };
    run_tool (dir, req);
    run_tool (dir, sign);
    g_free (key);
    g_free (csr);
    g_free (crt);
    g_free (ext);
    g_free (subj);
  }
}

static void
make_password_file (AnprBroker * b, const gchar * path)
{
  const gchar *argv[] = { "mosquitto_passwd", "-b", path, b->username,
    b->password, NULL
  };

  fail_unless (g_file_set_contents (path, "", 0, NULL));
  run_tool (b->dir, argv);
}

AnprBroker *
anpr_broker_new (void)
{
  return anpr_broker_new_full (NULL);
}

/* mosquitto may drop to the user mosquitto before it reads them */
static void
open_to_broker (const gchar * dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const gchar *name;

  while (d && (name = g_dir_read_name (d))) {
    gchar *p = g_build_filename (dir, name, NULL);
    if (!g_file_test (p, G_FILE_TEST_IS_DIR))
      g_chmod (p, 0644);
    g_free (p);
  }
  if (d)
    g_dir_close (d);
}

const gchar *
anpr_broker_get_tls_file (AnprBroker * b, const gchar * name)
{
  fail_unless (b->tls, "the broker has no TLS");
  g_free (b->tls_path);
  b->tls_path = g_build_filename (b->dir, name, NULL);
  return b->tls_path;
}

AnprBroker *
anpr_broker_new_full (const AnprBrokerOptions * options)
{
  AnprBroker *b = g_new0 (AnprBroker, 1);
  gchar *persist, *conf;
  GString *extra = g_string_new ("allow_anonymous true\n");

  g_mutex_init (&b->lock);
  b->dir = g_dir_make_tmp ("anpr-mqtt-XXXXXX", NULL);
  fail_unless (b->dir != NULL, "cannot make a temporary directory");
  b->port = free_port ();
  b->conf = g_build_filename (b->dir, "mosquitto.conf", NULL);

  /* Started as root, mosquitto drops to the user mosquitto: the
   * directory it saves sessions in must be open to it. */
  persist = g_build_filename (b->dir, "persist", NULL);
  fail_unless (g_chmod (b->dir, 0755) == 0);
  fail_unless (g_mkdir (persist, 0777) == 0);
  fail_unless (g_chmod (persist, 0777) == 0);
  if (options && options->username) {
    gchar *pwfile = g_build_filename (b->dir, "passwd", NULL);

    b->username = g_strdup (options->username);
    b->password = g_strdup (options->password ? options->password : "");
    make_password_file (b, pwfile);
    g_string_assign (extra, "allow_anonymous false\n");
    g_string_append_printf (extra, "password_file %s\n", pwfile);
    g_free (pwfile);
  }
  if (options && options->tls) {
    b->tls = TRUE;
    b->other_host = options->server_name != NULL;
    make_certificates (b->dir, options->server_name);
    g_string_append_printf (extra, "cafile %s/ca.crt\n"
        "certfile %s/server.crt\n"
        "keyfile %s/server.key\n"
        "require_certificate %s\n", b->dir, b->dir, b->dir,
        options->require_certificate ? "true" : "false");
  }
  open_to_broker (b->dir);
  conf = g_strdup_printf ("listener %d 127.0.0.1\n"
      "%s"
      "persistence true\n"
      "persistence_location %s/\n"
      "log_dest none\n%s", b->port, extra->str, persist,
      options && options->extra_conf ? options->extra_conf : "");
  fail_unless (g_file_set_contents (b->conf, conf, -1, NULL));
  g_string_free (extra, TRUE);
  g_free (conf);
  g_free (persist);
  return b;
}

void
anpr_broker_start (AnprBroker * b)
{
  static gboolean handler_set = FALSE;
  GSubprocessLauncher *launcher;
  GError *err = NULL;
  gchar *exe = g_find_program_in_path ("mosquitto");
  gint64 end;

  fail_unless (b->proc == NULL, "mosquitto is already running");
  if (!exe && g_file_test ("/usr/sbin/mosquitto", G_FILE_TEST_IS_EXECUTABLE))
    exe = g_strdup ("/usr/sbin/mosquitto");
  fail_unless (exe != NULL, "mosquitto broker not installed (Debian package "
      "mosquitto)");

  G_LOCK (live);
  if (!handler_set)
    handler_set = atexit (kill_brokers_at_exit) == 0;
  if (!g_slist_find (live, b))
    live = g_slist_prepend (live, b);
  G_UNLOCK (live);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
      G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, broker_child_setup, NULL,
      NULL);
  b->proc = g_subprocess_launcher_spawn (launcher, &err, exe, "-c", b->conf,
      NULL);
  g_object_unref (launcher);
  g_free (exe);
  fail_unless (b->proc != NULL, "could not start mosquitto: %s",
      err ? err->message : "?");
  b->pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (b->proc),
      NULL, 10);

  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!port_accepts (b->port)) {
    fail_if (g_subprocess_get_identifier (b->proc) == NULL,
        "mosquitto exited");
    fail_unless (g_get_monotonic_time () < end,
        "mosquitto does not accept connections on port %d", b->port);
    g_usleep (20 * 1000);
  }
}

void
anpr_broker_stop (AnprBroker * b, gboolean gracefully)
{
  GSList *l;

  if (!b->proc)
    return;
  if (gracefully) {
    /* What the subscribers have received must not come again after a
     * restart: let their PUBACKs reach the broker before it saves. */
    g_mutex_lock (&b->lock);
    for (l = b->subscribers; l; l = l->next)
      subscriber_sync (l->data);
    g_mutex_unlock (&b->lock);
    g_subprocess_send_signal (b->proc, SIGTERM);
  } else {
    g_subprocess_force_exit (b->proc);
  }
  g_subprocess_wait (b->proc, NULL, NULL);
  g_clear_object (&b->proc);
  b->pid = 0;
}

gint
anpr_broker_get_port (AnprBroker * b)
{
  return b->port;
}

gchar *
anpr_broker_get_url (AnprBroker * b)
{
  return g_strdup_printf ("%s://127.0.0.1:%d", b->tls ? "mqtts" : "mqtt",
      b->port);
}

const gchar *
anpr_broker_get_dir (AnprBroker * b)
{
  return b->dir;
}

void
anpr_broker_free (AnprBroker * b)
{
  GSList *l;

  if (!b)
    return;
  anpr_broker_stop (b, FALSE);
  G_LOCK (live);
  live = g_slist_remove (live, b);
  G_UNLOCK (live);
  g_mutex_lock (&b->lock);
  for (l = b->subscribers; l; l = l->next)
    ((AnprSubscriber *) l->data)->broker = NULL;
  g_slist_free (b->subscribers);
  g_mutex_unlock (&b->lock);
  g_mutex_clear (&b->lock);
  remove_tree (b->dir);
  g_free (b->dir);
  g_free (b->conf);
  g_free (b->username);
  g_free (b->password);
  g_free (b->tls_path);
  g_free (b);
}

/* ---- subscriber ---------------------------------------------------------- */

void
anpr_received_free (AnprReceived * r)
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
  AnprSubscriber *s = data;

  g_mutex_lock (&s->lock);
  s->subscribed++;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
}

static void
sub_on_unsubscribe (struct mosquitto *mosq, void *data, int mid)
{
  AnprSubscriber *s = data;

  g_mutex_lock (&s->lock);
  s->unsubscribed++;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
}

/* libmosquitto acknowledges a message (PUBACK) only after handing it to
 * us, from its own thread: a test that stops the broker right after
 * receiving may do so before the PUBACK arrives, and the broker then
 * saves the message as undelivered and sends it again once restarted.
 * Two request/reply round trips on the connection make sure it arrived:
 * the second request is queued after the PUBACK whatever the order in
 * libmosquitto, and the broker answers in order. */
static void
subscriber_sync (AnprSubscriber * s)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint i;

  for (i = 0; i < 2; i++) {
    gint target;

    g_mutex_lock (&s->lock);
    target = s->unsubscribed + 1;
    g_mutex_unlock (&s->lock);
    /* a topic never subscribed to: no effect but the reply */
    if (mosquitto_unsubscribe (s->mosq, NULL, "anpr-test/sync") !=
        MOSQ_ERR_SUCCESS)
      return;                   /* not connected: nothing to acknowledge */
    g_mutex_lock (&s->lock);
    while (s->unsubscribed < target)
      if (!g_cond_wait_until (&s->cond, &s->lock, end))
        break;                  /* best effort */
    g_mutex_unlock (&s->lock);
  }
}

static void
sub_on_message (struct mosquitto *mosq, void *data,
    const struct mosquitto_message *msg)
{
  AnprSubscriber *s = data;
  AnprReceived *r = g_new0 (AnprReceived, 1);

  r->topic = g_strdup (msg->topic);
  r->payload = g_strndup (msg->payload, msg->payloadlen);
  r->retain = msg->retain;
  g_async_queue_push (s->queue, r);
}

AnprSubscriber *
anpr_subscriber_new (AnprBroker * b, const gchar * client_id,
    gboolean persistent)
{
  AnprSubscriber *s = g_new0 (AnprSubscriber, 1);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  mosquitto_lib_init ();
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->queue = g_async_queue_new_full ((GDestroyNotify) anpr_received_free);
  s->mosq = mosquitto_new (client_id, !persistent, s);
  fail_unless (s->mosq != NULL);
  mosquitto_connect_callback_set (s->mosq, sub_on_connect);
  mosquitto_subscribe_callback_set (s->mosq, sub_on_subscribe);
  mosquitto_unsubscribe_callback_set (s->mosq, sub_on_unsubscribe);
  mosquitto_message_callback_set (s->mosq, sub_on_message);
  mosquitto_reconnect_delay_set (s->mosq, 1, 1, false);
  if (b->username)
    fail_unless_equals_int (mosquitto_username_pw_set (s->mosq, b->username,
            b->password), MOSQ_ERR_SUCCESS);
  if (b->tls) {
    gchar *ca = g_build_filename (b->dir, "ca.crt", NULL);
    gchar *crt = g_build_filename (b->dir, "client.crt", NULL);
    gchar *key = g_build_filename (b->dir, "client.key", NULL);
    fail_unless_equals_int (mosquitto_tls_set (s->mosq, ca, NULL, crt, key,
            NULL), MOSQ_ERR_SUCCESS);
    if (b->other_host)
      mosquitto_tls_insecure_set (s->mosq, true);
    g_free (ca);
    g_free (crt);
    g_free (key);
  }
  fail_unless_equals_int (mosquitto_connect (s->mosq, "127.0.0.1",
          anpr_broker_get_port (b), 10), MOSQ_ERR_SUCCESS);
  fail_unless_equals_int (mosquitto_loop_start (s->mosq), MOSQ_ERR_SUCCESS);

  g_mutex_lock (&s->lock);
  while (s->subscribed == 0)
    fail_unless (g_cond_wait_until (&s->cond, &s->lock, end),
        "no SUBACK");
  g_mutex_unlock (&s->lock);

  s->broker = b;
  g_mutex_lock (&b->lock);
  b->subscribers = g_slist_prepend (b->subscribers, s);
  g_mutex_unlock (&b->lock);
  return s;
}

void
anpr_subscriber_free (AnprSubscriber * s)
{
  if (!s)
    return;
  if (s->broker) {
    g_mutex_lock (&s->broker->lock);
    s->broker->subscribers = g_slist_remove (s->broker->subscribers, s);
    g_mutex_unlock (&s->broker->lock);
  }
  mosquitto_disconnect (s->mosq);
  mosquitto_loop_stop (s->mosq, TRUE);
  mosquitto_destroy (s->mosq);
  g_async_queue_unref (s->queue);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
  g_free (s);
}

AnprReceived *
anpr_subscriber_pop (AnprSubscriber * s, gdouble timeout_s)
{
  gint64 usec = (gint64) (timeout_s * G_USEC_PER_SEC);

  if (usec <= 0)
    return g_async_queue_try_pop (s->queue);
  return g_async_queue_timeout_pop (s->queue, usec);
}

AnprReceived *
anpr_subscriber_expect (AnprSubscriber * s, const gchar * topic,
    gdouble timeout_s, gboolean skip_others)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * 1e6);

  for (;;) {
    gint64 left = end - g_get_monotonic_time ();
    AnprReceived *r =
        left > 0 ? g_async_queue_timeout_pop (s->queue, left) : NULL;

    fail_unless (r != NULL, "no message on %s within %.1f s", topic,
        timeout_s);
    if (g_strcmp0 (r->topic, topic) == 0)
      return r;
    fail_unless (skip_others, "unexpected message on %s: %s", r->topic,
        r->payload);
    anpr_received_free (r);
  }
}

void
anpr_subscriber_expect_nothing (AnprSubscriber * s, gdouble seconds,
    const gchar * topic)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * 1e6);
  gint64 left;

  while ((left = end - g_get_monotonic_time ()) > 0) {
    AnprReceived *r = g_async_queue_timeout_pop (s->queue, left);
    if (!r)
      break;
    fail_if (g_strcmp0 (r->topic, topic) == 0, "unexpected on %s: %s",
        r->topic, r->payload);
    anpr_received_free (r);
  }
}

/* ---- publisher ----------------------------------------------------------- */

static void
pub_on_publish (struct mosquitto *mosq, void *data, int mid)
{
  g_atomic_int_set ((gint *) data, 1);
}

void
anpr_broker_publish (AnprBroker * b, const gchar * topic,
    const gchar * payload, gssize len, gboolean retain)
{
  gint acked = 0;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  struct mosquitto *mosq;

  fail_if (b->tls, "anpr_broker_publish: no TLS");
  mosquitto_lib_init ();
  mosq = mosquitto_new (NULL, true, &acked);
  fail_unless (mosq != NULL);
  mosquitto_publish_callback_set (mosq, pub_on_publish);
  if (b->username)
    fail_unless_equals_int (mosquitto_username_pw_set (mosq, b->username,
            b->password), MOSQ_ERR_SUCCESS);
  fail_unless_equals_int (mosquitto_connect (mosq, "127.0.0.1",
          anpr_broker_get_port (b), 10), MOSQ_ERR_SUCCESS);
  fail_unless_equals_int (mosquitto_publish (mosq, NULL, topic,
          len < 0 ? (int) strlen (payload) : (int) len, payload, 1, retain),
      MOSQ_ERR_SUCCESS);
  while (!g_atomic_int_get (&acked) && g_get_monotonic_time () < end)
    mosquitto_loop (mosq, 100, 1);
  fail_unless (g_atomic_int_get (&acked), "no PUBACK for %s", topic);
  mosquitto_disconnect (mosq);
  mosquitto_loop (mosq, 100, 1);
  mosquitto_destroy (mosq);
}
