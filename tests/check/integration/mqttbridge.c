/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The topology past one machine (docs/deployment.md): hotlistmatch
 * publishes to a mosquitto on its own camera host, bridged to the central
 * broker the dispatch system reads.  While the link to the centre is down
 * the camera host's broker keeps the alerts (store and forward); once it
 * is back every alert reaches the centre once, in order.  Two real
 * brokers on loopback, the bridge configured as the guide says. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "mqttcheck.h"

static AnprBroker *central;

/* The camera host's broker, bridged to @centre: the bridge block of
 * docs/deployment.md, with a short retry for the test. */
static AnprBroker *
new_edge_broker (AnprBroker * centre)
{
  AnprBrokerOptions opts = { 0 };
  AnprBroker *edge;
  gchar *bridge = g_strdup_printf ("connection central\n"
      "address 127.0.0.1:%d\n"
      "topic anpr/# out 1\n"
      "cleansession false\n"
      "clientid anpr-edge-" CAMERA "\n"
      "restart_timeout 1\n"
      "notifications false\n", anpr_broker_get_port (centre));

  opts.extra_conf = bridge;
  edge = anpr_broker_new_full (&opts);
  g_free (bridge);
  return edge;
}

static void
bridge_setup (void)
{
  anpr_check_fatal_log_domains ();
  central = anpr_broker_new ();
  broker = new_edge_broker (central);
  hotlist_path = g_build_filename (anpr_broker_get_dir (broker),
      "hotlist.csv", NULL);
  fail_unless (g_file_set_contents (hotlist_path, hotlist_csv, -1, NULL));
}

static void
bridge_teardown (void)
{
  g_clear_pointer (&broker, anpr_broker_free);
  g_clear_pointer (&central, anpr_broker_free);
  g_clear_pointer (&hotlist_path, g_free);
}

/* The centre with the dispatch system's session on it, the camera host's
 * broker bridged to it and the element on that; one alert shows the
 * bridge is up. */
typedef struct
{
  GHashTable *ids;              /* event_ids received at the centre */
  AnprSubscriber *dispatch;
  GstHarness *h;
} Hosts;

static void
hosts_start (Hosts * t)
{
  t->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  anpr_broker_start (central);
  t->dispatch = anpr_subscriber_new (central, "dispatch", TRUE);
  anpr_broker_start (broker);
  t->h = make_harness ("dedup-window", 0.0, NULL);
  push (t->h, 0, "AB12CDE");
  expect_matches_once_in_order (t->dispatch, t->ids, 1, 0.0, 30);
}

static void
hosts_stop (Hosts * t)
{
  gst_harness_teardown (t->h);
  anpr_subscriber_free (t->dispatch);
  anpr_broker_stop (broker, TRUE);
  anpr_broker_stop (central, TRUE);
  g_hash_table_unref (t->ids);
}

GST_START_TEST (test_bridge_store_and_forward)
{
  Hosts t;
  guint i;

  hosts_start (&t);

  /* the link to the centre is cut: the camera host keeps working */
  anpr_broker_stop (central, TRUE);
  for (i = 1; i <= 5; i++)
    push (t.h, i * GST_SECOND, i % 2 ? "XY51ABC" : "AB12CDE");
  g_usleep (2 * G_USEC_PER_SEC);

  /* back: every alert made meanwhile arrives, once and in order */
  anpr_broker_start (central);
  expect_matches_once_in_order (t.dispatch, t.ids, 5, 1.0, 30);
  anpr_subscriber_expect_nothing (t.dispatch, 2.0, "anpr/" CAMERA "/match");

  /* and the bridge carries new alerts as before */
  push (t.h, 6 * GST_SECOND, "AB12CDE");
  expect_matches_once_in_order (t.dispatch, t.ids, 1, 6.0, 10);

  hosts_stop (&t);
}

GST_END_TEST;

/* The camera host's broker restarts while the link is down: what it
 * stored for the centre survives in its persistence and still arrives. */
GST_START_TEST (test_bridge_edge_restart)
{
  Hosts t;
  guint i;

  hosts_start (&t);

  anpr_broker_stop (central, TRUE);
  for (i = 1; i <= 3; i++)
    push (t.h, i * GST_SECOND, "XY51ABC");
  g_usleep (2 * G_USEC_PER_SEC);
  /* the camera host's broker saves its queue and comes back */
  anpr_broker_stop (broker, TRUE);
  anpr_broker_start (broker);

  anpr_broker_start (central);
  expect_matches_once_in_order (t.dispatch, t.ids, 3, 1.0, 30);
  anpr_subscriber_expect_nothing (t.dispatch, 2.0, "anpr/" CAMERA "/match");

  hosts_stop (&t);
}

GST_END_TEST;

static Suite *
mqttbridge_suite (void)
{
  Suite *s = suite_create ("mqttbridge");
  TCase *tc = tcase_create ("bridge");

  suite_add_tcase (s, tc);
  if (anpr_check_skip_suite ("mqttbridge",
          anpr_check_missing_programs ("mosquitto", NULL)))
    return s;
  tcase_set_timeout (tc, 240);
  tcase_add_checked_fixture (tc, bridge_setup, bridge_teardown);
  tcase_add_test (tc, test_bridge_store_and_forward);
  tcase_add_test (tc, test_bridge_edge_restart);
  return s;
}

ANPR_CHECK_MAIN (mqttbridge);
