/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Test support for the MQTT tests: a real mosquitto broker on a free
 * loopback port, a subscriber to anpr/# (both in anprbroker.c), and a check
 * of event payloads against docs/event.schema.json (anprschema.c).
 *
 * A started broker is always killed: by anpr_broker_stop()/_free(), by an
 * atexit() handler when an assertion ends the test process early, and by
 * the kernel (PR_SET_PDEATHSIG) if the test process is killed (timeout). */

#ifndef __ANPR_BROKER_H__
#define __ANPR_BROKER_H__

#include <gst/check/gstcheck.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* ---- broker -------------------------------------------------------------- */

typedef struct _AnprBroker AnprBroker;

/* A private temp dir, a free loopback port and a mosquitto.conf there
 * (listener on 127.0.0.1, anonymous, persistence in a directory mosquitto
 * can write even when it drops to the user mosquitto); not started. */
AnprBroker *anpr_broker_new (void);

/**
 * AnprBrokerOptions:
 * @tls: a TLS listener; a throwaway CA, a server certificate for
 *   127.0.0.1/localhost and a client certificate are made with openssl in
 *   the broker's dir (anpr_broker_get_tls_file())
 * @require_certificate: with @tls, clients must present a certificate
 *   signed by that CA
 * @username: when set, anonymous access is refused and this user (with
 *   @password, stored with mosquitto_passwd) is the only one
 * @password: the user's password
 * @server_name: (nullable): with @tls, the only name in the server
 *   certificate (a DNS name), so that it is for another host than
 *   127.0.0.1; the subscribers then skip the host name check
 * @extra_conf: (nullable): lines added at the end of mosquitto.conf (a
 *   bridge to another broker, say)
 *
 * The subscribers connect with the same TLS settings and credentials.
 */
typedef struct
{
  gboolean tls;
  gboolean require_certificate;
  const gchar *username;
  const gchar *password;
  const gchar *server_name;
  const gchar *extra_conf;
} AnprBrokerOptions;

AnprBroker *anpr_broker_new_full (const AnprBrokerOptions * options);

/* With @tls: the path of "ca.crt", "client.crt" or "client.key". */
const gchar *anpr_broker_get_tls_file (AnprBroker * b, const gchar * name);

/* Spawns mosquitto and waits until it accepts connections. */
void anpr_broker_start (AnprBroker * b);

/* @gracefully: SIGTERM, mosquitto saves its persistent sessions and exits;
 * else SIGKILL. Does nothing when not running. */
void anpr_broker_stop (AnprBroker * b, gboolean gracefully);

gint anpr_broker_get_port (AnprBroker * b);

/* "mqtt://127.0.0.1:PORT" (mqtts:// with TLS); g_free() it. */
gchar *anpr_broker_get_url (AnprBroker * b);

/* The broker's temp dir, for test files: removed by anpr_broker_free(). */
const gchar *anpr_broker_get_dir (AnprBroker * b);

/* Stops it (forcefully if running) and removes the temp dir. */
void anpr_broker_free (AnprBroker * b);

/* ---- subscriber ---------------------------------------------------------- */

typedef struct
{
  gchar *topic;
  gchar *payload;
  gboolean retain;
} AnprReceived;

void anpr_received_free (AnprReceived * r);

typedef struct _AnprSubscriber AnprSubscriber;

/* Subscribes to anpr/# with QoS 1 and waits for the SUBACK.
 * @persistent: a session the broker keeps (and queues for) while we are
 * away, so nothing is lost when the element reconnects first. */
AnprSubscriber *anpr_subscriber_new (AnprBroker * b, const gchar * client_id,
    gboolean persistent);

/* The next message on any topic within @timeout_s, NULL if none. */
AnprReceived *anpr_subscriber_pop (AnprSubscriber * s, gdouble timeout_s);

/* The next message on @topic within @timeout_s, else the test fails.
 * Messages on other topics are skipped when @skip_others, else they fail
 * the test. */
AnprReceived *anpr_subscriber_expect (AnprSubscriber * s,
    const gchar * topic, gdouble timeout_s, gboolean skip_others);

/* Fails the test if a message on @topic arrives within @seconds (others
 * are dropped). */
void anpr_subscriber_expect_nothing (AnprSubscriber * s, gdouble seconds,
    const gchar * topic);

void anpr_subscriber_free (AnprSubscriber * s);

/* ---- publisher ----------------------------------------------------------- */

/* Publishes @len bytes of @payload (-1: a string) on @topic at QoS 1,
 * @retain-ed, with the broker's credentials (not over TLS), and waits for
 * the broker's PUBACK; fails the test if it does not come. */
void anpr_broker_publish (AnprBroker * b, const gchar * topic,
    const gchar * payload, gssize len, gboolean retain);

/* ---- events -------------------------------------------------------------- */

/* Parses @payload and validates it against docs/event.schema.json (found
 * through the environment variable ANPR_SOURCE_ROOT, loaded once); fails
 * the test with the reason if it does not follow it. Returns the event
 * object, owned by *@parser, which the caller unrefs. */
JsonObject *anpr_check_event (const gchar * payload, JsonParser ** parser);

G_END_DECLS

#endif /* __ANPR_BROKER_H__ */
