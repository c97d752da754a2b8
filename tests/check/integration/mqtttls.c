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
 * appears in no message or log. */

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
  AnprBrokerOptions opts = { TRUE, TRUE, TLS_USER, TLS_PASSWORD };
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
  fail_unless_equals_string (r->payload, "online");
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
  AnprBrokerOptions opts = { TRUE, TRUE, TLS_USER, TLS_PASSWORD };
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
  return s;
}

ANPR_CHECK_MAIN (mqtttls);
