/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* hotlistmatch and a mosquitto broker that wants TLS with a client
 * certificate and a password: it connects with the right credentials, and
 * with a wrong password it is refused, says so once, and the password
 * appears in no message or log.  A TLS connection that cannot be trusted
 * (the broker's certificate is for another host, or from a CA not given,
 * or the port does not speak TLS) is refused, with a WARNING saying which,
 * and nothing is ever sent in the clear. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "mqttcheck.h"

#define TLS_USER "camera1"
#define TLS_PASSWORD "Tls-Pa55-7f3a"
#define WRONG_PASSWORD "Wrong-Pa55-91c2"

/* Replaces the fixture's broker by one made with @opts. */
static void
use_broker (const AnprBrokerOptions * opts)
{
  anpr_broker_free (broker);
  g_free (hotlist_path);
  broker = anpr_broker_new_full (opts);
  hotlist_path = g_build_filename (anpr_broker_get_dir (broker),
      "hotlist.csv", NULL);
  fail_unless (g_file_set_contents (hotlist_path, hotlist_csv, -1, NULL));
}

static gchar *
write_password_file (const gchar * name, const gchar * password)
{
  gchar *path = g_build_filename (anpr_broker_get_dir (broker), name, NULL);
  gchar *text = g_strdup_printf ("%s\n", password);

  fail_unless (g_file_set_contents (path, text, -1, NULL));
  g_free (text);
  return path;
}

/* @bus: (nullable): set on the element before it starts */
static GstHarness *
make_tls_harness (GstBus * bus, const gchar * pwfile)
{
  gchar *ca = g_strdup (anpr_broker_get_tls_file (broker, "ca.crt"));
  gchar *crt = g_strdup (anpr_broker_get_tls_file (broker, "client.crt"));
  gchar *key = g_strdup (anpr_broker_get_tls_file (broker, "client.key"));
  GstHarness *h = make_harness_on_bus (bus, "mqtt-ca-file", ca, "mqtt-cert-file", crt,
      "mqtt-key-file", key, "mqtt-username", TLS_USER,
      "mqtt-password-file", pwfile, "mqtt-keepalive", 10, NULL);

  g_free (ca);
  g_free (crt);
  g_free (key);
  return h;
}

GST_START_TEST (test_tls_with_credentials)
{
  AnprBrokerOptions opts = { TRUE, TRUE, TLS_USER, TLS_PASSWORD, NULL };
  AnprSubscriber *sub;
  GstHarness *h;
  AnprReceived *r;
  JsonParser *parser;
  JsonObject *o;
  gchar *url, *pwfile;
  guint keepalive = 0;

  use_broker (&opts);
  url = anpr_broker_get_url (broker);
  fail_unless (g_str_has_prefix (url, "mqtts://"));
  g_free (url);
  pwfile = write_password_file ("camera1.pw", TLS_PASSWORD);
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-tls", FALSE);

  h = make_tls_harness (NULL, pwfile);
  g_object_get (h->element, "mqtt-keepalive", &keepalive, NULL);
  fail_unless_equals_int (keepalive, 10);
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/status", 10, FALSE);
  expect_status (r->payload, "online");
  anpr_received_free (r);

  push (h, 2 * GST_SECOND, "AB12CDE");
  r = anpr_subscriber_expect (sub, "anpr/" CAMERA "/match", 10, TRUE);
  o = anpr_check_event (r->payload, &parser);
  fail_unless_equals_string (json_object_get_string_member
      (json_object_get_object_member (o, "plate"), "text"), "AB12CDE");
  g_object_unref (parser);
  anpr_received_free (r);

  gst_harness_teardown (h);
  anpr_subscriber_free (sub);
  anpr_broker_stop (broker, TRUE);
  g_free (pwfile);
}

GST_END_TEST;

static GMutex log_lock;
static GString *log_text;

static void
capture_log (GstDebugCategory * category, GstDebugLevel level,
    const gchar * file, const gchar * function, gint line, GObject * object,
    GstDebugMessage * message, gpointer user_data)
{
  const gchar *text = gst_debug_message_get (message);

  g_mutex_lock (&log_lock);
  if (log_text && text) {
    g_string_append (log_text, text);
    g_string_append_c (log_text, '\n');
  }
  g_mutex_unlock (&log_lock);
}

GST_START_TEST (test_tls_wrong_password)
{
  AnprBrokerOptions opts = { TRUE, TRUE, TLS_USER, TLS_PASSWORD, NULL };
  AnprSubscriber *sub;
  GstHarness *h;
  GstBus *bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;
  gchar *dbg = NULL, *pwfile;
  gboolean refused = FALSE;

  use_broker (&opts);
  pwfile = write_password_file ("wrong.pw", WRONG_PASSWORD);
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "test-tls-wrong", FALSE);

  /* everything the element and the MQTT client log, down to LOG level */
  log_text = g_string_new (NULL);
  gst_debug_add_log_function (capture_log, NULL, NULL);
  gst_debug_set_threshold_for_name ("hotlistmatch", GST_LEVEL_LOG);
  gst_debug_set_threshold_for_name ("mqttpublisher", GST_LEVEL_LOG);

  h = make_tls_harness (bus, pwfile);
  push (h, 0, "AB12CDE");

  /* refused, said once on the bus, without the password */
  while (!refused && (msg = gst_bus_timed_pop_filtered (bus,
              10 * GST_SECOND, GST_MESSAGE_WARNING))) {
    gst_message_parse_warning (msg, &err, &dbg);
    GST_INFO ("warning: %s (%s)", err->message, GST_STR_NULL (dbg));
    refused = strstr (err->message, "refused") != NULL;
    fail_if (strstr (err->message, WRONG_PASSWORD) != NULL);
    fail_if (dbg && strstr (dbg, WRONG_PASSWORD) != NULL);
    g_clear_error (&err);
    g_free (dbg);
    gst_message_unref (msg);
  }
  fail_unless (refused, "no warning about the refused connection");
  anpr_subscriber_expect_nothing (sub, 1.5, "anpr/" CAMERA "/match");

  gst_harness_teardown (h);
  gst_debug_remove_log_function (capture_log);
  gst_debug_set_threshold_for_name ("hotlistmatch", GST_LEVEL_WARNING);
  gst_debug_set_threshold_for_name ("mqttpublisher", GST_LEVEL_WARNING);
  g_mutex_lock (&log_lock);
  fail_unless (strstr (log_text->str, "refused") != NULL, "log: %s",
      log_text->str);
  fail_if (strstr (log_text->str, WRONG_PASSWORD) != NULL);
  fail_if (strstr (log_text->str, TLS_PASSWORD) != NULL);
  g_string_free (log_text, TRUE);
  log_text = NULL;
  g_mutex_unlock (&log_lock);

  anpr_subscriber_free (sub);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  anpr_broker_stop (broker, TRUE);
  g_free (pwfile);
}

GST_END_TEST;

/* Pops warnings from @bus until one says @part, within @timeout_s;
 * returns its text. */
static gchar *
wait_warning (GstBus * bus, const gchar * part, gdouble timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  for (;;) {
    gint64 left = end - g_get_monotonic_time ();
    GstMessage *msg;
    GError *err = NULL;
    gchar *text;

    fail_unless (left > 0, "no warning saying '%s'", part);
    msg = gst_bus_timed_pop_filtered (bus, left * GST_USECOND,
        GST_MESSAGE_WARNING);
    fail_unless (msg != NULL, "no warning saying '%s'", part);
    gst_message_parse_warning (msg, &err, NULL);
    gst_message_unref (msg);
    GST_INFO ("warning: %s", err->message);
    if (strstr (err->message, part)) {
      text = g_strdup (err->message);
      g_clear_error (&err);
      return text;
    }
    g_clear_error (&err);
  }
}

/* Starts hotlistmatch with @ca against the fixture's broker @rounds times;
 * each time the TLS failure is posted as a warning saying @why, and no
 * alert reaches the broker. */
static void
check_tls_refused (const gchar * ca, const gchar * why, guint rounds)
{
  AnprSubscriber *sub = anpr_subscriber_new (broker, "test-tls-refused",
      FALSE);
  guint i;

  for (i = 0; i < rounds; i++) {
    GstBus *bus = gst_bus_new ();
    GstHarness *h = make_harness_on_bus (bus, "mqtt-ca-file", ca,
        "flush-timeout", 0.5, NULL);
    gchar *text;

    push (h, i * GST_SECOND, "AB12CDE");
    text = wait_warning (bus, why, 15);
    fail_unless (strstr (text, "TLS") != NULL, "%s", text);
    g_free (text);
    /* it keeps retrying, in the same thread, until stopped */
    g_usleep (1500 * 1000);
    gst_harness_teardown (h);
    gst_bus_set_flushing (bus, TRUE);
    gst_object_unref (bus);
  }
  anpr_subscriber_expect_nothing (sub, 0.5, "anpr/" CAMERA "/match");
  anpr_subscriber_free (sub);
}

GST_START_TEST (test_tls_certificate_for_another_host)
{
  AnprBrokerOptions opts = { TRUE, FALSE, NULL, NULL, "mqtt.other.example" };
  gchar *ca;

  use_broker (&opts);
  ca = g_strdup (anpr_broker_get_tls_file (broker, "ca.crt"));
  anpr_broker_start (broker);
  check_tls_refused (ca, "for another host", 3);
  anpr_broker_stop (broker, TRUE);
  g_free (ca);
}

GST_END_TEST;

GST_START_TEST (test_tls_untrusted_ca)
{
  AnprBrokerOptions opts = { TRUE, FALSE, NULL, NULL, NULL };
  AnprBroker *other;
  gchar *ca;

  use_broker (&opts);
  /* a CA of its own, which did not sign the broker's certificate */
  other = anpr_broker_new_full (&opts);
  ca = g_strdup (anpr_broker_get_tls_file (other, "ca.crt"));
  anpr_broker_start (broker);
  check_tls_refused (ca, "not signed by a trusted CA", 3);
  anpr_broker_stop (broker, TRUE);
  anpr_broker_free (other);
  g_free (ca);
}

GST_END_TEST;

/* ---- a port that does not speak TLS: what reaches it --------------------- */

typedef struct
{
  GSocketListener *listener;
  GCancellable *cancel;
  GThread *thread;
  GMutex lock;
  GPtrArray *first_bytes;       /* GBytes, what each connection sent */
} RawServer;

static gpointer
raw_server_thread (gpointer data)
{
  RawServer *r = data;

  for (;;) {
    GSocketConnection *c = g_socket_listener_accept (r->listener, NULL,
        r->cancel, NULL);
    GInputStream *in;
    guint8 buf[512];
    gssize n;

    if (!c)
      break;
    in = g_io_stream_get_input_stream (G_IO_STREAM (c));
    g_socket_set_timeout (g_socket_connection_get_socket (c), 5);
    n = g_input_stream_read (in, buf, sizeof (buf), r->cancel, NULL);
    if (n > 0) {
      g_mutex_lock (&r->lock);
      g_ptr_array_add (r->first_bytes, g_bytes_new (buf, n));
      g_mutex_unlock (&r->lock);
    }
    /* answer like a plain MQTT broker would not: just hang up */
    g_io_stream_close (G_IO_STREAM (c), NULL, NULL);
    g_object_unref (c);
  }
  return NULL;
}

GST_START_TEST (test_tls_to_plain_port)
{
  AnprBrokerOptions opts = { TRUE, FALSE, NULL, NULL, NULL };
  RawServer r = { 0, };
  GstBus *bus = gst_bus_new ();
  GstHarness *h;
  GstElement *e;
  gchar *url, *ca, *text;
  guint16 port;
  guint i;

  use_broker (&opts);
  ca = g_strdup (anpr_broker_get_tls_file (broker, "ca.crt"));
  r.listener = g_socket_listener_new ();
  r.cancel = g_cancellable_new ();
  g_mutex_init (&r.lock);
  r.first_bytes = g_ptr_array_new_with_free_func ((GDestroyNotify)
      g_bytes_unref);
  {
    GInetAddress *lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    GSocketAddress *addr = g_inet_socket_address_new (lo, 0);
    GSocketAddress *bound = NULL;

    fail_unless (g_socket_listener_add_address (r.listener, addr,
            G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound, NULL));
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
    g_object_unref (bound);
    g_object_unref (addr);
    g_object_unref (lo);
  }
  r.thread = g_thread_new ("raw-server", raw_server_thread, &r);

  e = gst_element_factory_make ("hotlistmatch", NULL);
  url = g_strdup_printf ("mqtts://127.0.0.1:%u", port);
  g_object_set (e, "hotlist", hotlist_path, "mqtt-url", url, "camera-id",
      CAMERA, "mqtt-ca-file", ca, "flush-timeout", 0.5, NULL);
  gst_element_set_bus (e, bus);
  h = gst_harness_new_with_element (e, "sink", "src");
  gst_object_unref (e);
  gst_harness_set_src_caps_str (h, CAPS);
  gst_harness_play (h);
  push (h, 0, "AB12CDE");
  text = wait_warning (bus, "TLS handshake failed", 15);
  g_free (text);
  gst_harness_teardown (h);

  g_cancellable_cancel (r.cancel);
  g_thread_join (r.thread);
  /* every connection opened with a TLS handshake record, none with an
   * MQTT CONNECT (0x10) or anything else in the clear */
  fail_unless (r.first_bytes->len > 0, "no connection attempt");
  for (i = 0; i < r.first_bytes->len; i++) {
    gsize n;
    const guint8 *b = g_bytes_get_data (g_ptr_array_index (r.first_bytes, i),
        &n);
    fail_unless (n >= 3 && b[0] == 0x16 && b[1] == 0x03,
        "connection %u began with 0x%02x, not a TLS handshake", i, b[0]);
    fail_if (memmem (b, n, "AB12CDE", 7) != NULL);
    fail_if (memmem (b, n, "MQTT", 4) != NULL);
  }
  g_ptr_array_unref (r.first_bytes);
  g_socket_listener_close (r.listener);
  g_object_unref (r.listener);
  g_object_unref (r.cancel);
  g_mutex_clear (&r.lock);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  g_free (url);
  g_free (ca);
}

GST_END_TEST;

static Suite *
mqtttls_suite (void)
{
  Suite *s = suite_create ("mqtttls");
  TCase *tc = tcase_create ("broker");

  suite_add_tcase (s, tc);
  /* the broker, and the tools that make its certificates and passwords */
  if (anpr_check_skip_suite ("mqtttls",
          anpr_check_missing_programs ("mosquitto", "mosquitto_passwd",
              "openssl", NULL)))
    return s;
  tcase_set_timeout (tc, 240);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_tls_with_credentials);
  tcase_add_test (tc, test_tls_wrong_password);
  tcase_add_test (tc, test_tls_certificate_for_another_host);
  tcase_add_test (tc, test_tls_untrusted_ca);
  tcase_add_test (tc, test_tls_to_plain_port);
  return s;
}

ANPR_CHECK_MAIN (mqtttls);
