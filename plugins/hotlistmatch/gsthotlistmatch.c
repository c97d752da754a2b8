/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-hotlistmatch
 * @title: hotlistmatch
 *
 * Matches the number plates read upstream (the #GstAnprPlateMeta that
 * plateocr fills in) against a hotlist of vehicles of interest, and reports
 * hits on the bus and over MQTT.  Buffers pass through untouched.
 *
 * The hotlist is one or more CSV files (see #GstAnprHotlist for the format)
 * given as a comma or semicolon separated list.  Each plate with a reading
 * is looked up with its text and its candidates: exact, partial (`?`, `*`
 * in the listed plate) and fuzzy matches (weighted edit distance up to
 * #GstHotlistMatch:max-distance, a confusion such as 0/O or 8/B costing
 * 0.5).  The best match (exact, then partial, then fuzzy; then smaller
 * distance; then higher priority) raises one alert.
 *
 * One alert per vehicle: after an alert for a listed plate, further reads
 * matching the same hotlist entry at this camera are suppressed until the
 * entry has not been seen for #GstHotlistMatch:dedup-window seconds (the
 * window slides with every sighting, so a vehicle standing in view alerts
 * once).  Reads published with #GstHotlistMatch:publish-reads are
 * deduplicated the same way, keyed on the read text.  Times are the
 * buffers' running time (wall clock when buffers carry no timestamp).
 * A dedup-window of 0 reports every sighting.
 *
 * ## Element messages
 *
 * For each alert the element posts an element message named `anpr-match`
 * with the fields:
 *
 * - `timestamp`, `stream-time`, `running-time` and, when the buffer has
 *   one, `duration` (#GstClockTime): of the buffer
 * - `event-id`, `camera-id` (#gchararray)
 * - `plate`, `region`, `format` (#gchararray), `confidence` (#gdouble),
 *   `x`, `y`, `width`, `height` (#gint), `track-id` (#guint64),
 *   `meta-id` (#guint): the read plate
 * - `hotlist-plate`, `hotlist-list`, `reason`, `action`, `expires`,
 *   `notes`, `source` (#gchararray, %NULL when not given), `priority`
 *   (#gint, 0 when not given): the hotlist entry
 * - `match-kind` ("exact", "partial", "fuzzy"), `distance` (#gdouble),
 *   `matched-text` (#gchararray): how it matched
 * - `json` (#gchararray): the event exactly as published over MQTT
 *
 * Reads are not posted (plateocr already posts `anpr-read`).
 *
 * After each successful load of the hotlist (at start and on every
 * reload) the element posts `anpr-hotlist-loaded` with `entries`,
 * `files`, `warnings` (lines skipped) (#guint), `hotlist` (#gchararray,
 * the property value) and `reload` (#gboolean, %FALSE for the first load).
 *
 * ## Live reload
 *
 * A thread watches the hotlist files (#GstHotlistMatch:reload-interval)
 * and loads a list edited or replaced while the pipeline runs, as does
 * setting #GstHotlistMatch:hotlist; the new list is swapped in whole
 * between two frames, and one that fails to load leaves the current one
 * in force, with a warning.
 *
 * ## MQTT
 *
 * With #GstHotlistMatch:mqtt-url set, events are published as JSON
 * (schema "gst-anpr.event", docs/mqtt.md) to
 * `<topic-prefix>/<camera-id>/match` and, with publish-reads, every
 * vehicle's read to `<topic-prefix>/<camera-id>/read`, at QoS
 * #GstHotlistMatch:mqtt-qos.  `<topic-prefix>/<camera-id>/status` holds a
 * retained "online" while connected and "offline" after a clean stop or,
 * as the last will, a lost connection.  Publishing never blocks streaming:
 * messages wait in a bounded queue (#GstHotlistMatch:queue-size, or on
 * disk with #GstHotlistMatch:spool-dir) while the broker is away, go out
 * oldest first on reconnection, and count as delivered only when the
 * broker acknowledges them.  At EOS and on stop the element waits a short
 * while for outstanding messages.  The other mqtt-* properties set TLS and
 * credentials; #GstHotlistMatch:evidence adds JPEGs of the plate (and of
 * the frame) to match events.
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 rtspsrc location=rtsp://cam1/stream ! decodebin ! \
 *     videoconvert ! platedetect ! plateocr ! \
 *     hotlistmatch hotlist=/etc/anpr/stolen.csv,/etc/anpr/wanted.csv \
 *       mqtt-url=mqtt://broker:1883 camera-id=north-gate publish-reads=true ! \
 *     fakesink
 * ]| Alerts go to anpr/north-gate/match, every read to anpr/north-gate/read.
 *
 * |[
 * gst-launch-1.0 -m filesrc location=drive.mp4 ! decodebin ! videoconvert ! \
 *     platedetect ! plateocr ! hotlistmatch hotlist=hotlist.csv ! fakesink
 * ]| No MQTT: the `anpr-match` messages show on the bus.
 */

/* Where hotlistmatch's parts are:
 *   gsthotlistmatch.c    the element: class, properties, start and stop,
 *                        events, caps, and matching each buffer's plates
 *   hotlistload.c        the hotlist: first load, live reloads, the thread
 *                        watching the files, retiring swapped-out lists
 *   hotlistmqtt.c        MQTT setup: URL, credentials, TLS, the publisher
 *   hotlistpublish.c     the dedup window, anpr-match, publishing events
 *   hotlistevidence.c    the JPEG evidence in match events
 *   mqttpublisher.c      the MQTT client (queue, delivery, reconnection)
 *   mqttspool.c          the MQTT client's on-disk spool
 * with the instance struct in gsthotlistmatchprivate.h. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "analysis.h"
#include "gsthotlistmatchprivate.h"
#include "hotlistevidence.h"
#include "hotlistload.h"
#include "hotlistmqtt.h"
#include "hotlistpublish.h"

GST_DEBUG_CATEGORY (gst_hotlist_match_debug);
#define GST_CAT_DEFAULT gst_hotlist_match_debug

#define DEFAULT_PROP_HOTLIST NULL
#define DEFAULT_PROP_RELOAD_INTERVAL 0.5
#define DEFAULT_PROP_MQTT_URL NULL
#define DEFAULT_PROP_CAMERA_ID "camera0"
#define DEFAULT_PROP_TOPIC_PREFIX "anpr"
#define DEFAULT_PROP_PUBLISH_READS FALSE
#define DEFAULT_PROP_MQTT_QOS 1
#define DEFAULT_PROP_MQTT_CLIENT_ID NULL
#define DEFAULT_PROP_MQTT_USERNAME NULL
#define DEFAULT_PROP_MQTT_PASSWORD_FILE NULL
#define DEFAULT_PROP_DEDUP_WINDOW 60.0
#define DEFAULT_PROP_MAX_DISTANCE GST_ANPR_HOTLIST_DEFAULT_MAX_DISTANCE
#define DEFAULT_PROP_QUEUE_SIZE 1000
#define DEFAULT_PROP_MQTT_CA_FILE NULL
#define DEFAULT_PROP_MQTT_CERT_FILE NULL
#define DEFAULT_PROP_MQTT_KEY_FILE NULL
#define DEFAULT_PROP_MQTT_KEEPALIVE 30
#define DEFAULT_PROP_SPOOL_DIR NULL
#define DEFAULT_PROP_SPOOL_MAX_MESSAGES 10000
#define DEFAULT_PROP_SPOOL_MAX_BYTES (64 * 1024 * 1024)
#define DEFAULT_PROP_EVIDENCE GST_HOTLIST_MATCH_EVIDENCE_NONE
#define DEFAULT_PROP_EVIDENCE_MAX_BYTES (64 * 1024)

/* How long EOS and stop wait for outstanding MQTT messages. */
#define FLUSH_TIMEOUT_US (2 * G_USEC_PER_SEC)

enum
{
  PROP_0,
  PROP_HOTLIST,
  PROP_RELOAD_INTERVAL,
  PROP_MQTT_URL,
  PROP_CAMERA_ID,
  PROP_TOPIC_PREFIX,
  PROP_PUBLISH_READS,
  PROP_MQTT_QOS,
  PROP_MQTT_CLIENT_ID,
  PROP_MQTT_USERNAME,
  PROP_MQTT_PASSWORD_FILE,
  PROP_DEDUP_WINDOW,
  PROP_MAX_DISTANCE,
  PROP_QUEUE_SIZE,
  PROP_MQTT_CA_FILE,
  PROP_MQTT_CERT_FILE,
  PROP_MQTT_KEY_FILE,
  PROP_MQTT_KEEPALIVE,
  PROP_SPOOL_DIR,
  PROP_SPOOL_MAX_MESSAGES,
  PROP_SPOOL_MAX_BYTES,
  PROP_EVIDENCE,
  PROP_EVIDENCE_MAX_BYTES,
};

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK,
    GST_PAD_ALWAYS,
    GST_STATIC_CAPS ("video/x-raw(ANY)"));

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC,
    GST_PAD_ALWAYS,
    GST_STATIC_CAPS ("video/x-raw(ANY)"));

#define gst_hotlist_match_parent_class parent_class
G_DEFINE_TYPE (GstHotlistMatch, gst_hotlist_match, GST_TYPE_BASE_TRANSFORM);
GST_ELEMENT_REGISTER_DEFINE (hotlistmatch, "hotlistmatch", GST_RANK_NONE,
    GST_TYPE_HOTLIST_MATCH);

static void gst_hotlist_match_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec);
static void gst_hotlist_match_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec);
static void gst_hotlist_match_finalize (GObject * object);
static gboolean gst_hotlist_match_start (GstBaseTransform * trans);
static gboolean gst_hotlist_match_stop (GstBaseTransform * trans);
static gboolean gst_hotlist_match_sink_event (GstBaseTransform * trans,
    GstEvent * event);
static GstFlowReturn gst_hotlist_match_transform_ip (GstBaseTransform * trans,
    GstBuffer * buf);

static void
gst_hotlist_match_class_init (GstHotlistMatchClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);

  GST_DEBUG_CATEGORY_INIT (gst_hotlist_match_debug, "hotlistmatch", 0,
      "Number plate hotlist matcher");
  mqtt_publisher_init_debug ();

  gobject_class->set_property = gst_hotlist_match_set_property;
  gobject_class->get_property = gst_hotlist_match_get_property;
  gobject_class->finalize = gst_hotlist_match_finalize;

  /**
   * GstHotlistMatch:hotlist:
   *
   * The hotlist: one or more CSV files (see #GstAnprHotlist for the
   * format), separated by ',' or ';'.  At start a file that cannot be loaded
   * is an error.  Set while the element runs, the new list is loaded at once,
   * in the caller's thread, and replaces the current one between two frames;
   * a list that cannot be loaded leaves the current one in force and posts a
   * warning.
   */
  g_object_class_install_property (gobject_class, PROP_HOTLIST,
      g_param_spec_string ("hotlist", "Hotlist",
          "Hotlist CSV file(s), separated by ',' or ';'.  Setting it while "
          "running reloads the list (the previous one stays on error)",
          DEFAULT_PROP_HOTLIST,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:reload-interval:
   *
   * Seconds between two looks at the hotlist files (inode, size,
   * modification time).  A file edited or replaced is loaded again in the
   * watching thread and swapped in whole between two frames; streaming never
   * waits for a load.  Replace files atomically (write a new file, rename it
   * over the old); a file edited in place is loaded once it has stopped
   * changing.  A list that fails to load (unreadable, deleted, no `plate`
   * column) leaves the current one in force and posts a warning saying why,
   * once per change.  0 watches nothing.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_RELOAD_INTERVAL,
      g_param_spec_double ("reload-interval", "Reload interval",
          "Seconds between checks of the hotlist files: an edited or "
          "replaced (atomically renamed) file is reloaded in the background "
          "and takes effect without disturbing the stream (a file that "
          "fails to load leaves the current list in force, with a warning); "
          "0 disables watching", 0.0, 3600.0, DEFAULT_PROP_RELOAD_INTERVAL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-url:
   *
   * The broker: `mqtt://host[:port]`, or `mqtts://host[:port]` for TLS.
   * Empty: no MQTT; matches are only posted on the bus.  A user name or
   * password in the URL is refused.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_URL,
      g_param_spec_string ("mqtt-url", "MQTT URL",
          "Broker as mqtt://host:port; empty: no MQTT, bus messages only",
          DEFAULT_PROP_MQTT_URL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:camera-id:
   *
   * The camera's name, in every event and in the topics; one topic level,
   * so without '/', '+' or '#'.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_CAMERA_ID,
      g_param_spec_string ("camera-id", "Camera id",
          "Camera name in events and topics (no '/', '+' or '#')",
          DEFAULT_PROP_CAMERA_ID,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:topic-prefix:
   *
   * The first level(s) of the topics
   * `<topic-prefix>/<camera-id>/{match,read,status}`; may contain '/', not
   * '+' or '#'.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_TOPIC_PREFIX,
      g_param_spec_string ("topic-prefix", "Topic prefix",
          "Topics are <topic-prefix>/<camera-id>/{match,read,status}",
          DEFAULT_PROP_TOPIC_PREFIX,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:publish-reads:
   *
   * Also publish every vehicle's read, deduplicated like matches but keyed
   * on the read text, to `<topic-prefix>/<camera-id>/read` (for roadside
   * boards).  Reads are never posted on the bus.  Takes effect with the next
   * buffer.
   */
  g_object_class_install_property (gobject_class, PROP_PUBLISH_READS,
      g_param_spec_boolean ("publish-reads", "Publish reads",
          "Also publish every vehicle's read (deduplicated) to "
          "<topic-prefix>/<camera-id>/read",
          DEFAULT_PROP_PUBLISH_READS,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:mqtt-qos:
   *
   * The MQTT QoS (0, 1 or 2) of match and read messages; the status topic
   * always uses 1.  Not to be confused with #GstBaseTransform:qos, the
   * element's Quality-of-Service switch.  Takes effect with the next message
   * queued.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_QOS,
      g_param_spec_int ("mqtt-qos", "MQTT QoS",
          "MQTT QoS of match and read events",
          0, 2, DEFAULT_PROP_MQTT_QOS,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:mqtt-client-id:
   *
   * The MQTT client id; not set, `gst-anpr-<camera-id>-<random>`.  Read at
   * start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_CLIENT_ID,
      g_param_spec_string ("mqtt-client-id", "MQTT client id",
          "MQTT client id (default: gst-anpr-<camera-id>-<random>)",
          DEFAULT_PROP_MQTT_CLIENT_ID,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-username:
   *
   * The MQTT user name; not set, anonymous.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_USERNAME,
      g_param_spec_string ("mqtt-username", "MQTT user name",
          "MQTT user name (empty: anonymous)",
          DEFAULT_PROP_MQTT_USERNAME,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-password-file:
   *
   * A file whose first line is the MQTT password.  Not set: the environment
   * variable ANPR_MQTT_PASSWORD, if any.  The password is never a property,
   * never shown and never logged.  The file is read at start; one that cannot
   * be read is an error.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_PASSWORD_FILE,
      g_param_spec_string ("mqtt-password-file", "MQTT password file",
          "File holding the MQTT password (first line); when not set the "
          "password comes from the environment variable "
          HOTLIST_MQTT_PASSWORD_ENV
          ", if any.  The password itself is never shown or logged",
          DEFAULT_PROP_MQTT_PASSWORD_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:dedup-window:
   *
   * Seconds a listed vehicle (for reads, a plate text) must go unseen at
   * this camera before it is reported again.  The window slides with every
   * sighting, so a vehicle standing in view alerts once.  Times are the
   * buffers' running time, the wall clock for buffers without one.  0
   * reports every sighting.  Takes effect with the next buffer.
   */
  g_object_class_install_property (gobject_class, PROP_DEDUP_WINDOW,
      g_param_spec_double ("dedup-window", "Deduplication window",
          "Seconds a listed plate (or, for reads, a plate text) must go "
          "unseen at this camera before it is reported again; 0 reports "
          "every sighting", 0.0, 7 * 24 * 3600.0, DEFAULT_PROP_DEDUP_WINDOW,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:max-distance:
   *
   * The most a fuzzy match may cost, in weighted edits: a confusion between
   * look-alike characters (0/O, 8/B, ...) costs 0.5, any other edit 1.  0
   * allows exact and partial matches only.  Takes effect with the next
   * buffer.
   */
  g_object_class_install_property (gobject_class, PROP_MAX_DISTANCE,
      g_param_spec_double ("max-distance", "Maximum distance",
          "Fuzzy match budget: a confusable substitution (0/O, 8/B, ...) "
          "costs 0.5, other edits 1; 0 disables fuzzy matching",
          0.0, 4.0, DEFAULT_PROP_MAX_DISTANCE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:queue-size:
   *
   * The most MQTT messages held in memory while the broker is slow or away;
   * beyond it the oldest not yet sent is dropped and a warning says how many
   * were.  Not used with #GstHotlistMatch:spool-dir.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_QUEUE_SIZE,
      g_param_spec_uint ("queue-size", "Queue size",
          "Most MQTT messages kept in memory while the broker is slow or "
          "away; beyond it the oldest are dropped with a warning",
          1, 1000000, DEFAULT_PROP_QUEUE_SIZE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-ca-file:
   *
   * With an `mqtts://` URL: the CA certificate(s), PEM, the broker's
   * certificate must chain to; not set, the system's trusted CAs.  The
   * broker's certificate must name the URL's host.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_CA_FILE,
      g_param_spec_string ("mqtt-ca-file", "MQTT CA file",
          "With mqtts://: CA certificate(s) (PEM) the broker's certificate "
          "must chain to; not set: the system's trusted CAs",
          DEFAULT_PROP_MQTT_CA_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-cert-file:
   *
   * With an `mqtts://` URL: a client certificate, PEM, for brokers that ask
   * for one; needs #GstHotlistMatch:mqtt-key-file.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_CERT_FILE,
      g_param_spec_string ("mqtt-cert-file", "MQTT client certificate",
          "With mqtts://: client certificate (PEM), with mqtt-key-file",
          DEFAULT_PROP_MQTT_CERT_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-key-file:
   *
   * With an `mqtts://` URL: the client certificate's private key, PEM and
   * unencrypted (the element never prompts for a passphrase).  Read at
   * start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_KEY_FILE,
      g_param_spec_string ("mqtt-key-file", "MQTT client key",
          "With mqtts://: the client certificate's key (PEM, unencrypted)",
          DEFAULT_PROP_MQTT_KEY_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-keepalive:
   *
   * Seconds between MQTT keepalives; the broker publishes the retained
   * `offline` last will after 1.5 times this without traffic.  Read at
   * start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_KEEPALIVE,
      g_param_spec_uint ("mqtt-keepalive", "MQTT keepalive",
          "Seconds between MQTT keepalives; the broker publishes the "
          "'offline' last will after 1.5 times this without traffic",
          5, 65535, DEFAULT_PROP_MQTT_KEEPALIVE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:spool-dir:
   *
   * A directory where every MQTT message is also kept, one file each, until
   * the broker acknowledges it; what is left there is sent after the next
   * start, oldest first.  One element per directory.  Not set: memory only.
   * Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_SPOOL_DIR,
      g_param_spec_string ("spool-dir", "Spool directory",
          "Keep MQTT messages not yet acknowledged on disk here (one file "
          "each) and send what is left there at the next start; not set: "
          "in memory only (queue-size)", DEFAULT_PROP_SPOOL_DIR,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:spool-max-messages:
   *
   * With #GstHotlistMatch:spool-dir: the most messages kept; beyond it the
   * oldest not yet sent is dropped, with a warning.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_SPOOL_MAX_MESSAGES,
      g_param_spec_uint ("spool-max-messages", "Spool maximum messages",
          "With spool-dir: most messages kept; beyond it the oldest are "
          "dropped with a warning", 1, G_MAXUINT,
          DEFAULT_PROP_SPOOL_MAX_MESSAGES,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:spool-max-bytes:
   *
   * With #GstHotlistMatch:spool-dir: the most payload bytes kept; beyond it
   * the oldest messages not yet sent are dropped, with a warning.  Read at
   * start.
   */
  g_object_class_install_property (gobject_class, PROP_SPOOL_MAX_BYTES,
      g_param_spec_uint64 ("spool-max-bytes", "Spool maximum bytes",
          "With spool-dir: most payload bytes kept; beyond it the oldest "
          "messages are dropped with a warning", 1024, G_MAXUINT64,
          DEFAULT_PROP_SPOOL_MAX_BYTES,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:evidence:
   *
   * Pictures in match events (JPEG, base64): none, the plate, or the plate
   * and the whole frame.  Only for raw video in system memory.  Takes effect
   * with the next match.
   */
  g_object_class_install_property (gobject_class, PROP_EVIDENCE,
      g_param_spec_enum ("evidence", "Evidence",
          "Pictures embedded (JPEG, base64) in match events",
          GST_TYPE_HOTLIST_MATCH_EVIDENCE, DEFAULT_PROP_EVIDENCE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:evidence-max-bytes:
   *
   * The largest JPEG, before base64, of each picture: the quality, then the
   * size, go down until it fits.  Takes effect with the next match.
   */
  g_object_class_install_property (gobject_class, PROP_EVIDENCE_MAX_BYTES,
      g_param_spec_uint ("evidence-max-bytes", "Evidence maximum bytes",
          "Largest JPEG (before base64) per picture: quality, then size, "
          "are lowered until it fits", 1024, 16 * 1024 * 1024,
          DEFAULT_PROP_EVIDENCE_MAX_BYTES,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  gst_type_mark_as_plugin_api (GST_TYPE_HOTLIST_MATCH_EVIDENCE, 0);

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "Number plate hotlist match", "Filter/Analyzer/Video",
      "Matches number plate reads against a hotlist and publishes alerts "
      "on the bus and over MQTT", "gst-anpr developers");
  /* gst-inspect-1.0 lists every metadata key: show how the element is used. */
  gst_element_class_add_static_metadata (element_class, "example-launch",
      "gst-launch-1.0 -m rtspsrc location=rtsp://camera1/stream ! decodebin ! queue leaky=downstream max-size-buffers=2 ! platedetect ! plateocr ! hotlistmatch hotlist=hotlist.csv mqtt-url=mqtt://127.0.0.1:1883 camera-id=camera1 ! fakesink");

  trans_class->passthrough_on_same_caps = TRUE;
  trans_class->transform_ip_on_passthrough = TRUE;
  trans_class->start = GST_DEBUG_FUNCPTR (gst_hotlist_match_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_hotlist_match_stop);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_hotlist_match_sink_event);
  trans_class->transform_ip =
      GST_DEBUG_FUNCPTR (gst_hotlist_match_transform_ip);
}

static void
gst_hotlist_match_init (GstHotlistMatch * self)
{
  self->hotlist_path = g_strdup (DEFAULT_PROP_HOTLIST);
  self->mqtt_url = g_strdup (DEFAULT_PROP_MQTT_URL);
  self->camera_id = g_strdup (DEFAULT_PROP_CAMERA_ID);
  self->topic_prefix = g_strdup (DEFAULT_PROP_TOPIC_PREFIX);
  self->publish_reads = DEFAULT_PROP_PUBLISH_READS;
  self->mqtt_qos = DEFAULT_PROP_MQTT_QOS;
  self->client_id = g_strdup (DEFAULT_PROP_MQTT_CLIENT_ID);
  self->username = g_strdup (DEFAULT_PROP_MQTT_USERNAME);
  self->password_file = g_strdup (DEFAULT_PROP_MQTT_PASSWORD_FILE);
  self->dedup_window = DEFAULT_PROP_DEDUP_WINDOW;
  self->max_distance = DEFAULT_PROP_MAX_DISTANCE;
  self->queue_size = DEFAULT_PROP_QUEUE_SIZE;
  self->ca_file = g_strdup (DEFAULT_PROP_MQTT_CA_FILE);
  self->cert_file = g_strdup (DEFAULT_PROP_MQTT_CERT_FILE);
  self->key_file = g_strdup (DEFAULT_PROP_MQTT_KEY_FILE);
  self->keepalive = DEFAULT_PROP_MQTT_KEEPALIVE;
  self->spool_dir = g_strdup (DEFAULT_PROP_SPOOL_DIR);
  self->spool_max_messages = DEFAULT_PROP_SPOOL_MAX_MESSAGES;
  self->spool_max_bytes = DEFAULT_PROP_SPOOL_MAX_BYTES;
  self->evidence = DEFAULT_PROP_EVIDENCE;
  self->evidence_max_bytes = DEFAULT_PROP_EVIDENCE_MAX_BYTES;
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      g_free);
  self->reload_interval = DEFAULT_PROP_RELOAD_INTERVAL;
  g_mutex_init (&self->watch_lock);
  g_cond_init (&self->watch_cond);

  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), TRUE);
}

static void
gst_hotlist_match_finalize (GObject * object)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (object);

  g_free (self->hotlist_path);
  g_free (self->mqtt_url);
  g_free (self->camera_id);
  g_free (self->topic_prefix);
  g_free (self->client_id);
  g_free (self->username);
  g_free (self->password_file);
  g_free (self->ca_file);
  g_free (self->cert_file);
  g_free (self->key_file);
  g_free (self->spool_dir);
  g_clear_pointer (&self->hotlist, gst_anpr_hotlist_unref);
  g_slist_free_full (self->retired, (GDestroyNotify) gst_anpr_hotlist_unref);
  g_free (self->loaded_sig);
  g_mutex_clear (&self->watch_lock);
  g_cond_clear (&self->watch_cond);
  g_hash_table_destroy (self->seen);
  g_free (self->topic_match);
  g_free (self->topic_read);

  G_OBJECT_CLASS (parent_class)->finalize (object);
}

/* ---- properties -------------------------------------------------------- */

static void
gst_hotlist_match_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (object);

  if (prop_id == PROP_HOTLIST) {
    /* a reload when running, outside the lock */
    gst_hotlist_match_set_hotlist (self, g_value_get_string (value));
    return;
  }

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_RELOAD_INTERVAL:
      self->reload_interval = g_value_get_double (value);
      break;
    case PROP_MQTT_URL:
      g_free (self->mqtt_url);
      self->mqtt_url = g_value_dup_string (value);
      break;
    case PROP_CAMERA_ID:
      g_free (self->camera_id);
      self->camera_id = g_value_dup_string (value);
      break;
    case PROP_TOPIC_PREFIX:
      g_free (self->topic_prefix);
      self->topic_prefix = g_value_dup_string (value);
      break;
    case PROP_PUBLISH_READS:
      self->publish_reads = g_value_get_boolean (value);
      break;
    case PROP_MQTT_QOS:
      self->mqtt_qos = g_value_get_int (value);
      break;
    case PROP_MQTT_CLIENT_ID:
      g_free (self->client_id);
      self->client_id = g_value_dup_string (value);
      break;
    case PROP_MQTT_USERNAME:
      g_free (self->username);
      self->username = g_value_dup_string (value);
      break;
    case PROP_MQTT_PASSWORD_FILE:
      g_free (self->password_file);
      self->password_file = g_value_dup_string (value);
      break;
    case PROP_DEDUP_WINDOW:
      self->dedup_window = g_value_get_double (value);
      break;
    case PROP_MAX_DISTANCE:
      self->max_distance = g_value_get_double (value);
      break;
    case PROP_QUEUE_SIZE:
      self->queue_size = g_value_get_uint (value);
      break;
    case PROP_MQTT_CA_FILE:
      g_free (self->ca_file);
      self->ca_file = g_value_dup_string (value);
      break;
    case PROP_MQTT_CERT_FILE:
      g_free (self->cert_file);
      self->cert_file = g_value_dup_string (value);
      break;
    case PROP_MQTT_KEY_FILE:
      g_free (self->key_file);
      self->key_file = g_value_dup_string (value);
      break;
    case PROP_MQTT_KEEPALIVE:
      self->keepalive = g_value_get_uint (value);
      break;
    case PROP_SPOOL_DIR:
      g_free (self->spool_dir);
      self->spool_dir = g_value_dup_string (value);
      break;
    case PROP_SPOOL_MAX_MESSAGES:
      self->spool_max_messages = g_value_get_uint (value);
      break;
    case PROP_SPOOL_MAX_BYTES:
      self->spool_max_bytes = g_value_get_uint64 (value);
      break;
    case PROP_EVIDENCE:
      self->evidence = g_value_get_enum (value);
      break;
    case PROP_EVIDENCE_MAX_BYTES:
      self->evidence_max_bytes = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_hotlist_match_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_HOTLIST:
      g_value_set_string (value, self->hotlist_path);
      break;
    case PROP_RELOAD_INTERVAL:
      g_value_set_double (value, self->reload_interval);
      break;
    case PROP_MQTT_URL:
      g_value_set_string (value, self->mqtt_url);
      break;
    case PROP_CAMERA_ID:
      g_value_set_string (value, self->camera_id);
      break;
    case PROP_TOPIC_PREFIX:
      g_value_set_string (value, self->topic_prefix);
      break;
    case PROP_PUBLISH_READS:
      g_value_set_boolean (value, self->publish_reads);
      break;
    case PROP_MQTT_QOS:
      g_value_set_int (value, self->mqtt_qos);
      break;
    case PROP_MQTT_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_MQTT_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_MQTT_PASSWORD_FILE:
      g_value_set_string (value, self->password_file);
      break;
    case PROP_DEDUP_WINDOW:
      g_value_set_double (value, self->dedup_window);
      break;
    case PROP_MAX_DISTANCE:
      g_value_set_double (value, self->max_distance);
      break;
    case PROP_QUEUE_SIZE:
      g_value_set_uint (value, self->queue_size);
      break;
    case PROP_MQTT_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;
    case PROP_MQTT_CERT_FILE:
      g_value_set_string (value, self->cert_file);
      break;
    case PROP_MQTT_KEY_FILE:
      g_value_set_string (value, self->key_file);
      break;
    case PROP_MQTT_KEEPALIVE:
      g_value_set_uint (value, self->keepalive);
      break;
    case PROP_SPOOL_DIR:
      g_value_set_string (value, self->spool_dir);
      break;
    case PROP_SPOOL_MAX_MESSAGES:
      g_value_set_uint (value, self->spool_max_messages);
      break;
    case PROP_SPOOL_MAX_BYTES:
      g_value_set_uint64 (value, self->spool_max_bytes);
      break;
    case PROP_EVIDENCE:
      g_value_set_enum (value, self->evidence);
      break;
    case PROP_EVIDENCE_MAX_BYTES:
      g_value_set_uint (value, self->evidence_max_bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

/* ---- start / stop ------------------------------------------------------ */

static gboolean
gst_hotlist_match_start (GstBaseTransform * trans)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (trans);
  gchar *paths, *url, *camera, *prefix;
  GstAnprHotlist *hl = NULL;
  gboolean ok = FALSE;

  GST_OBJECT_LOCK (self);
  paths = g_strdup (self->hotlist_path);
  url = g_strdup (self->mqtt_url);
  camera = g_strdup (self->camera_id);
  prefix = g_strdup (self->topic_prefix);
  GST_OBJECT_UNLOCK (self);

  if (!gst_hotlist_match_set_topics (self, prefix, camera))
    goto done;
  if (!gst_hotlist_match_load_first (self, paths, &hl))
    goto done;

  g_hash_table_remove_all (self->seen);
  self->seen_calls = 0;
  self->drops_unreported = 0;
  self->last_drop_warning = 0;

  if (url && *url && !gst_hotlist_match_start_mqtt (self, url, prefix, camera))
    goto done;

  GST_OBJECT_LOCK (self);
  g_clear_pointer (&self->hotlist, gst_anpr_hotlist_unref);
  self->hotlist = hl;
  hl = NULL;
  self->started = TRUE;
  GST_OBJECT_UNLOCK (self);
  gst_hotlist_match_watch_start (self);
  ok = TRUE;

done:
  if (hl)
    gst_anpr_hotlist_unref (hl);
  g_free (paths);
  g_free (url);
  g_free (camera);
  g_free (prefix);
  return ok;
}

static gboolean
gst_hotlist_match_stop (GstBaseTransform * trans)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (trans);
  GstAnprHotlist *hl;

  gst_hotlist_match_watch_stop (self);
  if (self->mqtt) {
    mqtt_publisher_free (self->mqtt, FLUSH_TIMEOUT_US);
    self->mqtt = NULL;
  }
  GST_OBJECT_LOCK (self);
  self->started = FALSE;
  hl = self->hotlist;
  self->hotlist = NULL;
  g_hash_table_remove_all (self->seen);
  GST_OBJECT_UNLOCK (self);
  if (hl)
    gst_anpr_hotlist_unref (hl);
  return TRUE;
}

static gboolean
gst_hotlist_match_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (trans);

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS && self->mqtt) {
    /* the last alert of a file or a stopping camera must not be lost */
    if (!mqtt_publisher_flush (self->mqtt, FLUSH_TIMEOUT_US)) {
      MqttPublisherStats st;
      mqtt_publisher_get_stats (self->mqtt, &st);
      GST_WARNING_OBJECT (self, "EOS with %u MQTT messages queued and %u "
          "in flight", st.queued, st.in_flight);
    }
  }
  return GST_BASE_TRANSFORM_CLASS (parent_class)->sink_event (trans, event);
}

static GstFlowReturn
gst_hotlist_match_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (trans);
  GstAnprHotlist *hl;
  GstAnprEventContext ctx;
  GstAnprPlateMeta *meta;
  gpointer state = NULL;
  gboolean publish_reads;
  gint qos, evidence;
  guint evidence_max_bytes;
  gdouble max_distance;
  gint64 window_ns, now_ns;
  gchar *camera;

  if (gst_buffer_get_n_anpr_plate_metas (buf) == 0)
    return GST_FLOW_OK;

  GST_OBJECT_LOCK (self);
  hl = self->hotlist ? gst_anpr_hotlist_ref (self->hotlist) : NULL;
  publish_reads = self->publish_reads;
  qos = self->mqtt_qos;
  max_distance = self->max_distance;
  window_ns = (gint64) (self->dedup_window * GST_SECOND);
  camera = g_strdup (self->camera_id);
  evidence = self->evidence;
  evidence_max_bytes = self->evidence_max_bytes;
  GST_OBJECT_UNLOCK (self);

  gst_anpr_event_context_init (&ctx);
  ctx.camera_id = camera;
  ctx.wall_time_us = g_get_real_time ();
  analysis_buffer_times (&trans->segment, buf, &ctx.stream_time,
      &ctx.running_time);
  now_ns = GST_CLOCK_TIME_IS_VALID (ctx.running_time) ?
      (gint64) ctx.running_time : g_get_monotonic_time () * GST_USECOND;

  while ((meta = gst_buffer_iterate_anpr_plate_meta (buf, &state))) {
    if (!meta->text[0])
      continue;

    if (hl) {
      GArray *matches = gst_anpr_hotlist_lookup_meta (hl, meta, max_distance,
          ctx.wall_time_us);

      if (matches->len > 0) {
        const GstAnprHotlistMatch *m =
            &g_array_index (matches, GstAnprHotlistMatch, 0);
        gchar *key = g_strdup_printf ("m\x1f%s\x1f%s", m->entry->plate,
            GST_STR_NULL (m->entry->list));

        if (gst_hotlist_match_dedup_seen (self, key, now_ns, window_ns)) {
          GST_DEBUG_OBJECT (self, "%s matches %s again, suppressed",
              meta->text, m->entry->plate);
        } else {
          gchar *event_id = NULL;
          gchar *json;

          ctx.evidence =
              gst_hotlist_match_make_evidence (self, buf, meta, evidence,
              evidence_max_bytes);
          json = gst_anpr_event_to_json (meta, m, &ctx, &event_id);
          g_clear_pointer (&ctx.evidence, json_node_unref);

          GST_INFO_OBJECT (self, "%s matches hotlist %s (%s, %s, distance "
              "%.1f), event %s", meta->text, m->entry->plate,
              GST_STR_NULL (m->entry->list),
              gst_anpr_match_kind_to_string (m->kind), m->distance, event_id);
          gst_hotlist_match_post_match (self, buf, meta, m, &ctx, event_id,
              json);
          if (self->mqtt)
            gst_hotlist_match_publish (self, self->topic_match, json, qos,
                event_id);
          g_free (json);
          g_free (event_id);
        }
        g_free (key);
      }
      g_array_unref (matches);
    }

    if (publish_reads && self->mqtt) {
      gchar *key = g_strdup_printf ("r\x1f%s", meta->text);

      if (!gst_hotlist_match_dedup_seen (self, key, now_ns, window_ns)) {
        gchar *event_id = NULL;
        gchar *json = gst_anpr_event_to_json (meta, NULL, &ctx, &event_id);
        gst_hotlist_match_publish (self, self->topic_read, json, qos, event_id);
        g_free (json);
        g_free (event_id);
      }
      g_free (key);
    }
  }

  gst_hotlist_match_release_hotlist (self, hl);
  g_free (camera);
  return GST_FLOW_OK;
}
