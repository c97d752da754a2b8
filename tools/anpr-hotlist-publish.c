/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* anpr-hotlist-publish: a hotlist file to every camera, over MQTT.
 *
 *   anpr-hotlist-publish --mqtt-url URL --name NAME [OPTION...] HOTLIST.csv
 *
 * Loads HOTLIST.csv with the library's parser (the rules hotlistmatch
 * applies; a skipped line stops it unless --force), reads the versions the
 * broker retains on <prefix>/hotlist/<name>/full and .../delta, and
 * publishes, retained at QoS 1:
 *  - the whole list as version current + 1 (or --version; when the broker
 *    holds none, the time in seconds since 1970, above any version a
 *    camera's cache may hold) on .../full,
 *    clearing a delta retained on .../delta (it leads to an older
 *    version now);
 *  - with --delta-from OLD.csv (OLD being the list of the version the
 *    broker has), the change from OLD as a delta on .../delta, when the
 *    retained full list is that version; when a delta already sits on top
 *    of it, the whole list instead (a camera starting later must reach
 *    the new version from what the broker retains: one full list and at
 *    most one delta on it).
 * The messages are those of docs/mqtt.md, "Hotlists over MQTT" (written
 * by hotlistmsg.c, the code the element reads them with).  The password
 * comes from --password-file or ANPR_MQTT_PASSWORD, never from the command
 * line.  Exit status: 0 published (or nothing to publish), 1 failed, 2 bad
 * usage.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <mosquitto.h>
#include <gst/anpr/anpr.h>

#include "hotlistmsg.h"
#include "mqttpublisher.h"

static gchar *opt_url = NULL;
static gchar *opt_name = NULL;
static gchar *opt_prefix = NULL;
static gchar *opt_username = NULL;
static gchar *opt_password_file = NULL;
static gchar *opt_ca_file = NULL;
static gchar *opt_cert_file = NULL;
static gchar *opt_key_file = NULL;
static gchar *opt_client_id = NULL;
static gint64 opt_version = 0;
static gchar *opt_delta_from = NULL;
static gchar *opt_encoding = NULL;
static gboolean opt_allow_empty = FALSE;
static gboolean opt_force = FALSE;
static gboolean opt_dry_run = FALSE;
static gdouble opt_timeout = 10.0;

static GOptionEntry options[] = {
  {"mqtt-url", 'u', 0, G_OPTION_ARG_STRING, &opt_url,
      "Broker, mqtt://host:port or mqtts://host:port", "URL"},
  {"name", 'n', 0, G_OPTION_ARG_STRING, &opt_name,
      "The hotlist's name (hotlistmatch's hotlist-name)", "NAME"},
  {"topic-prefix", 'p', 0, G_OPTION_ARG_STRING, &opt_prefix,
      "First topic level(s) (default anpr)", "PREFIX"},
  {"username", 0, 0, G_OPTION_ARG_STRING, &opt_username,
      "MQTT user name", "USER"},
  {"password-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_password_file,
      "File whose first line is the MQTT password (default: the "
        MQTT_PUBLISHER_PASSWORD_ENV " environment variable)", "FILE"},
  {"ca-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_ca_file,
      "mqtts://: CA the broker's certificate must chain to (default: the "
        "system's)", "FILE"},
  {"cert-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_cert_file,
      "mqtts://: client certificate", "FILE"},
  {"key-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_key_file,
      "mqtts://: the client certificate's key (unencrypted)", "FILE"},
  {"client-id", 0, 0, G_OPTION_ARG_STRING, &opt_client_id,
      "MQTT client id (default anpr-hotlist-publish-<random>)", "ID"},
  {"version", 0, 0, G_OPTION_ARG_INT64, &opt_version,
      "Version to publish (default: the broker's current one + 1)", "N"},
  {"delta-from", 0, 0, G_OPTION_ARG_FILENAME, &opt_delta_from,
      "Publish the change from this file (the list of the broker's current "
        "version) as a delta", "OLD.csv"},
  {"encoding", 0, 0, G_OPTION_ARG_STRING, &opt_encoding,
      "Character set of the files (default UTF-8)", "CHARSET"},
  {"allow-empty", 0, 0, G_OPTION_ARG_NONE, &opt_allow_empty,
      "Publish a list with no entries (clears the list on every camera)",
      NULL},
  {"force", 0, 0, G_OPTION_ARG_NONE, &opt_force,
      "Publish although lines of the file were skipped", NULL},
  {"dry-run", 0, 0, G_OPTION_ARG_NONE, &opt_dry_run,
      "Print the message(s) on standard output instead of publishing (the "
        "broker is not contacted when --version is given)", NULL},
  {"timeout", 0, 0, G_OPTION_ARG_DOUBLE, &opt_timeout,
      "Seconds to wait for the broker at each step (default 10)", "S"},
  {NULL}
};

/* ---- the hotlist files ---------------------------------------------------- */

/* @path as the element would load it: FALSE (said) when it cannot be, or
 * lost lines without --force.  *@out NULL: the empty list. */
static gboolean
load_list (const gchar * path, gboolean allow_empty, GstAnprHotlist ** out)
{
  const gchar *paths[] = { path, NULL };
  GPtrArray *warnings = NULL;
  GError *err = NULL;
  guint i;

  *out = gst_anpr_hotlist_load_files_full (paths, opt_encoding, &warnings,
      &err);
  if (!*out) {
    gboolean empty = g_str_has_prefix (err->message,
        "hotlist holds no entries");

    if (empty && allow_empty) {
      g_error_free (err);
      g_clear_pointer (&warnings, g_ptr_array_unref);
      return TRUE;
    }
    g_printerr ("anpr-hotlist-publish: %s%s\n", err->message, empty ?
        " (--allow-empty publishes an empty list)" : "");
    g_error_free (err);
    g_clear_pointer (&warnings, g_ptr_array_unref);
    return FALSE;
  }
  for (i = 0; warnings && i < warnings->len && i < 20; i++)
    g_printerr ("anpr-hotlist-publish: %s\n",
        (const gchar *) g_ptr_array_index (warnings, i));
  if (warnings && warnings->len > 20)
    g_printerr ("anpr-hotlist-publish: %u more warnings\n",
        warnings->len - 20);
  if (warnings && warnings->len > 0 && !opt_force) {
    g_printerr ("anpr-hotlist-publish: %s: %u line(s) skipped or repaired; "
        "fix the file, or publish what loads with --force\n", path,
        warnings->len);
    g_ptr_array_unref (warnings);
    g_clear_pointer (out, gst_anpr_hotlist_unref);
    return FALSE;
  }
  g_clear_pointer (&warnings, g_ptr_array_unref);
  return TRUE;
}

/* ---- the broker ----------------------------------------------------------- */

typedef struct
{
  GMutex lock;
  GCond cond;
  gint connack;                 /* -1: none yet */
  gboolean disconnected;
  gboolean synced;              /* the retained messages are all in */
  gint sync_mid;
  HotlistMsg *retained[2];      /* full, delta */
  gboolean retained_bad[2];
  gchar *topics[3];
  GHashTable *acked;            /* mids published and acknowledged */
} Broker;

static void
on_connect (struct mosquitto *mosq, void *data, int rc)
{
  Broker *b = data;

  g_mutex_lock (&b->lock);
  b->connack = rc;
  g_cond_broadcast (&b->cond);
  g_mutex_unlock (&b->lock);
}

static void
on_disconnect (struct mosquitto *mosq, void *data, int rc)
{
  Broker *b = data;

  g_mutex_lock (&b->lock);
  b->disconnected = TRUE;
  g_cond_broadcast (&b->cond);
  g_mutex_unlock (&b->lock);
}

static void
on_message (struct mosquitto *mosq, void *data,
    const struct mosquitto_message *msg)
{
  Broker *b = data;
  GError *err = NULL;
  HotlistMsg *m;
  guint k;

  for (k = 0; k < 2; k++)
    if (g_strcmp0 (msg->topic, b->topics[k]) == 0)
      break;
  if (k == 2 || msg->payloadlen == 0)
    return;
  m = hotlist_msg_parse (msg->payload, msg->payloadlen, &err);
  g_mutex_lock (&b->lock);
  if (!m) {
    g_printerr ("anpr-hotlist-publish: the message retained on %s is not "
        "read by the cameras (%s); ignored\n", msg->topic, err->message);
    b->retained_bad[k] = TRUE;
    g_error_free (err);
  } else {
    hotlist_msg_free (b->retained[k]);
    b->retained[k] = m;
  }
  g_mutex_unlock (&b->lock);
}

/* The broker answers in order: once the reply to an UNSUBSCRIBE sent
 * after the SUBACK is in, so are the retained messages. */
static void
on_subscribe (struct mosquitto *mosq, void *data, int mid, int n,
    const int *granted)
{
  Broker *b = data;

  g_mutex_lock (&b->lock);
  mosquitto_unsubscribe (mosq, &b->sync_mid, "anpr-hotlist-publish/sync");
  g_mutex_unlock (&b->lock);
}

static void
on_unsubscribe (struct mosquitto *mosq, void *data, int mid)
{
  Broker *b = data;

  g_mutex_lock (&b->lock);
  if (mid == b->sync_mid)
    b->synced = TRUE;
  g_cond_broadcast (&b->cond);
  g_mutex_unlock (&b->lock);
}

static void
on_publish (struct mosquitto *mosq, void *data, int mid)
{
  Broker *b = data;

  g_mutex_lock (&b->lock);
  g_hash_table_add (b->acked, GINT_TO_POINTER (mid));
  g_cond_broadcast (&b->cond);
  g_mutex_unlock (&b->lock);
}

/* Waits under the lock until @done (a member of @b) is set or the
 * connection ends; FALSE on timeout or disconnection. */
static gboolean
wait_for (Broker * b, gboolean * done, gint64 end)
{
  gboolean ok;

  g_mutex_lock (&b->lock);
  while (!*done && !b->disconnected)
    if (!g_cond_wait_until (&b->cond, &b->lock, end))
      break;
  ok = *done;
  g_mutex_unlock (&b->lock);
  return ok;
}

static struct mosquitto *
broker_connect (Broker * b)
{
  struct mosquitto *mosq;
  gchar *host = NULL, *password = NULL, *cid;
  gint port = 0;
  gboolean tls = FALSE;
  GError *err = NULL;
  gint64 end;
  int rc;

  if (!mqtt_publisher_parse_url (opt_url, &host, &port, &tls, &err) ||
      !mqtt_publisher_read_password (opt_password_file, &password, &err)) {
    g_printerr ("anpr-hotlist-publish: %s\n", err->message);
    g_error_free (err);
    g_free (host);
    return NULL;
  }
  if (!tls && (opt_ca_file || opt_cert_file || opt_key_file)) {
    g_printerr ("anpr-hotlist-publish: --ca-file, --cert-file and "
        "--key-file need an mqtts:// URL\n");
    g_free (host);
    mqtt_publisher_free_password (password);
    return NULL;
  }
  if (opt_client_id) {
    cid = g_strdup (opt_client_id);
  } else {
    cid = g_strdup_printf ("anpr-hotlist-publish-%08x", g_random_int ());
  }
  mosq = mosquitto_new (cid, true, b);
  g_free (cid);
  mosquitto_int_option (mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  mosquitto_connect_callback_set (mosq, on_connect);
  mosquitto_disconnect_callback_set (mosq, on_disconnect);
  mosquitto_message_callback_set (mosq, on_message);
  mosquitto_subscribe_callback_set (mosq, on_subscribe);
  mosquitto_unsubscribe_callback_set (mosq, on_unsubscribe);
  mosquitto_publish_callback_set (mosq, on_publish);
  if (opt_username || password)
    mosquitto_username_pw_set (mosq, opt_username, password);
  mqtt_publisher_free_password (password);
  rc = MOSQ_ERR_SUCCESS;
  if (tls) {
    if (!opt_ca_file)
      mosquitto_int_option (mosq, MOSQ_OPT_TLS_USE_OS_CERTS, 1);
    rc = mosquitto_tls_set (mosq, opt_ca_file, NULL, opt_cert_file,
        opt_key_file, NULL);
  }
  if (rc == MOSQ_ERR_SUCCESS)
    rc = mosquitto_connect (mosq, host, port, 30);
  if (rc == MOSQ_ERR_SUCCESS)
    rc = mosquitto_loop_start (mosq);
  if (rc != MOSQ_ERR_SUCCESS) {
    g_printerr ("anpr-hotlist-publish: cannot connect to %s:%d: %s\n", host,
        port, rc == MOSQ_ERR_ERRNO ? g_strerror (errno) :
        mosquitto_strerror (rc));
    goto fail;
  }
  end = g_get_monotonic_time () + (gint64) (opt_timeout * G_USEC_PER_SEC);
  g_mutex_lock (&b->lock);
  while (b->connack < 0 && !b->disconnected)
    if (!g_cond_wait_until (&b->cond, &b->lock, end))
      break;
  rc = b->connack;
  g_mutex_unlock (&b->lock);
  if (rc != 0) {
    g_printerr ("anpr-hotlist-publish: %s:%d %s\n", host, port, rc < 0 ?
        "did not accept the connection in time (TLS, or not a broker?)" :
        mosquitto_connack_string (rc));
    mosquitto_disconnect (mosq);
    mosquitto_loop_stop (mosq, TRUE);
    goto fail;
  }
  g_free (host);
  return mosq;

fail:
  mosquitto_destroy (mosq);
  g_free (host);
  return NULL;
}

/* What the broker retains for the list now. */
static gboolean
read_retained (struct mosquitto *mosq, Broker * b)
{
  gint64 end = g_get_monotonic_time () + (gint64) (opt_timeout *
      G_USEC_PER_SEC);
  int rc;

  rc = mosquitto_subscribe_multiple (mosq, NULL, 2, b->topics, 0, 0, NULL);
  if (rc != MOSQ_ERR_SUCCESS || !wait_for (b, &b->synced, end)) {
    g_printerr ("anpr-hotlist-publish: could not read the versions the "
        "broker holds (%s); give --version to publish without\n",
        rc != MOSQ_ERR_SUCCESS ? mosquitto_strerror (rc) : "no answer");
    return FALSE;
  }
  mosquitto_unsubscribe_multiple (mosq, NULL, 2, b->topics, NULL);
  return TRUE;
}

/* Publishes @payload retained at QoS 1 (an empty one clears the topic)
 * and waits for the broker's acknowledgement. */
static gboolean
publish (struct mosquitto *mosq, Broker * b, const gchar * topic,
    const gchar * payload)
{
  gint64 end = g_get_monotonic_time () + (gint64) (opt_timeout *
      G_USEC_PER_SEC);
  gboolean acked = FALSE;
  int mid = 0, rc;

  g_mutex_lock (&b->lock);
  rc = mosquitto_publish (mosq, &mid, topic, (int) strlen (payload), payload,
      1, true);
  if (rc == MOSQ_ERR_SUCCESS) {
    while (!(acked = g_hash_table_contains (b->acked, GINT_TO_POINTER (mid)))
        && !b->disconnected)
      if (!g_cond_wait_until (&b->cond, &b->lock, end))
        break;
  }
  g_mutex_unlock (&b->lock);
  if (!acked)
    g_printerr ("anpr-hotlist-publish: %s was not acknowledged: %s\n", topic,
        rc != MOSQ_ERR_SUCCESS ? mosquitto_strerror (rc) : "no answer");
  return acked;
}

/* ---- main ----------------------------------------------------------------- */

static gchar *
now_iso8601 (void)
{
  GDateTime *dt = g_date_time_new_now_utc ();
  gchar *s = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");

  g_date_time_unref (dt);
  return s;
}

int
main (int argc, char **argv)
{
  GOptionContext *ctx;
  GError *err = NULL;
  GstAnprHotlist *list = NULL, *old = NULL;
  struct mosquitto *mosq = NULL;
  Broker b = { 0, };
  guint64 current = 0, version;
  const gchar *current_sha = NULL;
  gchar *canonical = NULL, *sha = NULL, *published, *payload = NULL;
  gboolean delta = FALSE, clear_delta = FALSE;
  gint status = 1;
  guint k;

  ctx = g_option_context_new ("HOTLIST.csv - publish a hotlist to the "
      "cameras over MQTT");
  g_option_context_add_main_entries (ctx, options, NULL);
  g_option_context_set_description (ctx, "Publishes the list, retained, "
      "on <prefix>/hotlist/<name>/full (or, with --delta-from, the change on "
      ".../delta) as docs/mqtt.md says; hotlistmatch elements with "
      "hotlist-name=<name> apply it.");
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    g_printerr ("anpr-hotlist-publish: %s\n", err->message);
    g_error_free (err);
    g_option_context_free (ctx);
    return 2;
  }
  g_option_context_free (ctx);
  if (argc != 2 || !opt_name || (!opt_url && !(opt_dry_run && opt_version))) {
    g_printerr ("usage: anpr-hotlist-publish --mqtt-url URL --name NAME "
        "[OPTION...] HOTLIST.csv (--help for the options)\n");
    return 2;
  }
  if (!hotlist_msg_name_ok (opt_name)) {
    g_printerr ("anpr-hotlist-publish: --name must be one topic level, "
        "without '/', '+' or '#'\n");
    return 2;
  }
  if (opt_version < 0 || (guint64) opt_version > HOTLIST_MSG_MAX_VERSION) {
    g_printerr ("anpr-hotlist-publish: --version must be 1 to %"
        G_GUINT64_FORMAT "\n", HOTLIST_MSG_MAX_VERSION);
    return 2;
  }
  if (!opt_prefix)
    opt_prefix = g_strdup ("anpr");

  g_mutex_init (&b.lock);
  g_cond_init (&b.cond);
  b.connack = -1;
  b.acked = g_hash_table_new (NULL, NULL);
  b.topics[0] = hotlist_msg_topic (opt_prefix, opt_name, HOTLIST_MSG_FULL);
  b.topics[1] = hotlist_msg_topic (opt_prefix, opt_name, HOTLIST_MSG_DELTA);

  if (!load_list (argv[1], opt_allow_empty, &list))
    goto done;
  if (opt_delta_from && !load_list (opt_delta_from, TRUE, &old))
    goto done;
  canonical = hotlist_msg_canonical (list);
  sha = hotlist_msg_sha256 (canonical);

  /* where the cameras stand */
  if (opt_url && !(opt_dry_run && opt_version && !opt_delta_from)) {
    mosquitto_lib_init ();
    mosq = broker_connect (&b);
    if (!mosq || !read_retained (mosq, &b))
      goto done;
    for (k = 0; k < 2; k++)
      if (b.retained[k] && b.retained[k]->version > current) {
        current = b.retained[k]->version;
        current_sha = b.retained[k]->sha256;
      }
    clear_delta = b.retained[1] != NULL || b.retained_bad[1];
    if (current)
      g_printerr ("anpr-hotlist-publish: the broker holds version %"
          G_GUINT64_FORMAT " of '%s'\n", current, opt_name);
  }
  if (current_sha && strcmp (current_sha, sha) == 0) {
    g_printerr ("anpr-hotlist-publish: version %" G_GUINT64_FORMAT " is this "
        "list already: nothing published\n", current);
    status = 0;
    goto done;
  }
  if (opt_version) {
    version = (guint64) opt_version;
  } else if (current) {
    version = current + 1;
  } else {
    /* the first publication, or a broker that lost what it retained: the
     * cameras may run (from their caches) a version the broker no longer
     * knows, and refuse an older one; the clock is above any of them */
    version = (guint64) (g_get_real_time () / G_USEC_PER_SEC);
    g_printerr ("anpr-hotlist-publish: the broker holds no version of '%s': "
        "publishing as version %" G_GUINT64_FORMAT " (the time, above any "
        "a camera's cache may hold; --version to choose)\n", opt_name,
        version);
  }
  if (version <= current) {
    g_printerr ("anpr-hotlist-publish: version %" G_GUINT64_FORMAT " is not "
        "newer than the broker's %" G_GUINT64_FORMAT ": the cameras would "
        "refuse it\n", version, current);
    goto done;
  }

  published = now_iso8601 ();
  if (opt_delta_from) {
    gchar *old_canonical = hotlist_msg_canonical (old);
    gchar *old_sha = hotlist_msg_sha256 (old_canonical);
    gboolean usable = current && current_sha &&
        strcmp (old_sha, current_sha) == 0;

    g_free (old_canonical);
    g_free (old_sha);
    if (!usable) {
      if (!current)
        g_printerr ("anpr-hotlist-publish: the broker holds no version of "
            "'%s' to apply a delta to: publish the whole list first\n",
            opt_name);
      else
        g_printerr ("anpr-hotlist-publish: %s is not version %"
            G_GUINT64_FORMAT " (its checksum differs): no delta from it\n",
            opt_delta_from, current);
      g_free (published);
      goto done;
    }
    if (b.retained[1] && b.retained[1]->version == current) {
      /* a camera starting later gets the retained full list and one
       * delta: the delta must apply to that full list */
      g_printerr ("anpr-hotlist-publish: a delta (%" G_GUINT64_FORMAT
          " -> %" G_GUINT64_FORMAT ") already sits on the full list: "
          "publishing the whole list instead\n",
          b.retained[1]->base_version, current);
    } else {
      gchar *add, *remove;

      hotlist_msg_diff (old, list, &add, &remove);
      payload = hotlist_msg_delta_json (opt_name, current, version, sha, add,
          remove, published);
      delta = TRUE;
      g_free (add);
      g_free (remove);
    }
  }
  if (!payload)
    payload = hotlist_msg_full_json (opt_name, version, canonical, published);
  g_free (published);

  if (opt_dry_run) {
    g_printerr ("anpr-hotlist-publish: would publish on %s\n",
        b.topics[delta ? 1 : 0]);
    g_print ("%s\n", payload);
    status = 0;
    goto done;
  }
  if (!publish (mosq, &b, b.topics[delta ? 1 : 0], payload))
    goto done;
  /* a delta to an older version no longer applies to the full list */
  if (!delta && clear_delta && !publish (mosq, &b, b.topics[1], ""))
    goto done;
  g_print ("published %s version %" G_GUINT64_FORMAT " of '%s' (%u entries, "
      "sha256 %s) on %s\n", delta ? "a delta to" : "the whole list as",
      version, opt_name, list ? gst_anpr_hotlist_get_n_entries (list) : 0,
      sha, b.topics[delta ? 1 : 0]);
  status = 0;

done:
  if (mosq) {
    mosquitto_disconnect (mosq);
    mosquitto_loop_stop (mosq, TRUE);
    mosquitto_destroy (mosq);
    mosquitto_lib_cleanup ();
  }
  if (list)
    gst_anpr_hotlist_unref (list);
  if (old)
    gst_anpr_hotlist_unref (old);
  hotlist_msg_free (b.retained[0]);
  hotlist_msg_free (b.retained[1]);
  g_free (b.topics[0]);
  g_free (b.topics[1]);
  g_hash_table_unref (b.acked);
  g_mutex_clear (&b.lock);
  g_cond_clear (&b.cond);
  g_free (canonical);
  g_free (sha);
  g_free (payload);
  return status;
}
