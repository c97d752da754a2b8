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
 * Every #GstHotlistMatch:reload-interval seconds (0.5 by default) a small
 * thread checks the hotlist files (inode, size, modification time): when
 * one was edited or replaced, the list is loaded again in that thread and
 * swapped in whole between two frames; streaming never waits for a load.
 * Replace files atomically (write a new file, then rename it over the
 * old); a file edited in place is loaded once it has stopped changing.  A
 * list that fails to load (unreadable, deleted, no `plate` column) leaves
 * the current one in force and posts a warning saying why, once per
 * change.  Setting #GstHotlistMatch:hotlist reloads at once, in the
 * caller's thread.
 *
 * ## MQTT
 *
 * With #GstHotlistMatch:mqtt-url set, events are published as JSON
 * (schema "gst-anpr.event" 1.1, docs/mqtt.md) to
 * `<topic-prefix>/<camera-id>/match` and, with publish-reads, every
 * vehicle's read to `<topic-prefix>/<camera-id>/read`, at QoS
 * #GstHotlistMatch:qos.  `<topic-prefix>/<camera-id>/status` holds a
 * retained "online" while connected and "offline" after a clean stop or,
 * as the last will, a lost connection.  Publishing never blocks streaming:
 * messages wait in a bounded queue (#GstHotlistMatch:queue-size) while the
 * broker is away, go out oldest first on reconnection, and count as
 * delivered only when the broker acknowledges them.  At EOS and on stop the
 * element waits up to 2 seconds for outstanding messages.
 *
 * The password comes from #GstHotlistMatch:mqtt-password-file or the
 * environment variable ANPR_MQTT_PASSWORD; it is never logged.  An
 * `mqtts://` URL connects with TLS (#GstHotlistMatch:mqtt-ca-file, and
 * #GstHotlistMatch:mqtt-cert-file with #GstHotlistMatch:mqtt-key-file for
 * a client certificate).  With #GstHotlistMatch:spool-dir, messages not
 * yet acknowledged are also kept on disk and sent after a restart.  With
 * #GstHotlistMatch:evidence, match events carry JPEGs of the plate (and
 * the frame), each within #GstHotlistMatch:evidence-max-bytes.
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

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gst/video/video.h>
#include <jpeglib.h>

#include "analysis.h"
#include "gsthotlistmatch.h"

GST_DEBUG_CATEGORY_STATIC (gst_hotlist_match_debug);
#define GST_CAT_DEFAULT gst_hotlist_match_debug

#define DEFAULT_PROP_HOTLIST NULL
#define DEFAULT_PROP_RELOAD_INTERVAL 0.5
#define DEFAULT_PROP_MQTT_URL NULL
#define DEFAULT_PROP_CAMERA_ID "camera0"
#define DEFAULT_PROP_TOPIC_PREFIX "anpr"
#define DEFAULT_PROP_PUBLISH_READS FALSE
#define DEFAULT_PROP_QOS 1
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

/* Malformed hotlist lines reported one by one, at most. */
#define MAX_LOAD_WARNINGS 20
/* How long EOS and stop wait for outstanding MQTT messages. */
#define FLUSH_TIMEOUT_US (2 * G_USEC_PER_SEC)
#define PASSWORD_ENV "ANPR_MQTT_PASSWORD"
/* Queue overflow warnings, at most this often. */
#define DROP_WARNING_INTERVAL_US (10 * G_USEC_PER_SEC)

enum
{
  PROP_0,
  PROP_HOTLIST,
  PROP_RELOAD_INTERVAL,
  PROP_MQTT_URL,
  PROP_CAMERA_ID,
  PROP_TOPIC_PREFIX,
  PROP_PUBLISH_READS,
  PROP_QOS,
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

typedef enum
{
  GST_HOTLIST_MATCH_EVIDENCE_NONE,
  GST_HOTLIST_MATCH_EVIDENCE_CROP,
  GST_HOTLIST_MATCH_EVIDENCE_CROP_FRAME,
} GstHotlistMatchEvidence;

#define GST_TYPE_HOTLIST_MATCH_EVIDENCE (gst_hotlist_match_evidence_get_type ())
static GType
gst_hotlist_match_evidence_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    {GST_HOTLIST_MATCH_EVIDENCE_NONE, "No pictures", "none"},
    {GST_HOTLIST_MATCH_EVIDENCE_CROP, "JPEG of the plate", "crop"},
    {GST_HOTLIST_MATCH_EVIDENCE_CROP_FRAME,
        "JPEG of the plate and of the whole frame", "crop+frame"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstHotlistMatchEvidence", values);
    g_once_init_leave (&type, t);
  }
  return (GType) type;
}

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

  g_object_class_install_property (gobject_class, PROP_HOTLIST,
      g_param_spec_string ("hotlist", "Hotlist",
          "Hotlist CSV file(s), separated by ',' or ';'.  Setting it while "
          "running reloads the list (the previous one stays on error)",
          DEFAULT_PROP_HOTLIST,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));
  g_object_class_install_property (gobject_class, PROP_RELOAD_INTERVAL,
      g_param_spec_double ("reload-interval", "Reload interval",
          "Seconds between checks of the hotlist files: an edited or "
          "replaced (atomically renamed) file is reloaded in the background "
          "and takes effect without disturbing the stream (a file that "
          "fails to load leaves the current list in force, with a warning); "
          "0 disables watching", 0.0, 3600.0, DEFAULT_PROP_RELOAD_INTERVAL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_MQTT_URL,
      g_param_spec_string ("mqtt-url", "MQTT URL",
          "Broker as mqtt://host:port; empty: no MQTT, bus messages only",
          DEFAULT_PROP_MQTT_URL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_CAMERA_ID,
      g_param_spec_string ("camera-id", "Camera id",
          "Camera name in events and topics (no '/', '+' or '#')",
          DEFAULT_PROP_CAMERA_ID,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_TOPIC_PREFIX,
      g_param_spec_string ("topic-prefix", "Topic prefix",
          "Topics are <topic-prefix>/<camera-id>/{match,read,status}",
          DEFAULT_PROP_TOPIC_PREFIX,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_PUBLISH_READS,
      g_param_spec_boolean ("publish-reads", "Publish reads",
          "Also publish every vehicle's read (deduplicated) to "
          "<topic-prefix>/<camera-id>/read",
          DEFAULT_PROP_PUBLISH_READS,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));
  g_object_class_install_property (gobject_class, PROP_QOS,
      g_param_spec_int ("qos", "QoS", "MQTT QoS of match and read events",
          0, 2, DEFAULT_PROP_QOS,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));
  g_object_class_install_property (gobject_class, PROP_MQTT_CLIENT_ID,
      g_param_spec_string ("mqtt-client-id", "MQTT client id",
          "MQTT client id (default: gst-anpr-<camera-id>-<random>)",
          DEFAULT_PROP_MQTT_CLIENT_ID,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_MQTT_USERNAME,
      g_param_spec_string ("mqtt-username", "MQTT user name",
          "MQTT user name (empty: anonymous)",
          DEFAULT_PROP_MQTT_USERNAME,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_MQTT_PASSWORD_FILE,
      g_param_spec_string ("mqtt-password-file", "MQTT password file",
          "File holding the MQTT password (first line); when not set the "
          "password comes from the environment variable " PASSWORD_ENV
          ", if any.  The password itself is never shown or logged",
          DEFAULT_PROP_MQTT_PASSWORD_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_DEDUP_WINDOW,
      g_param_spec_double ("dedup-window", "Deduplication window",
          "Seconds a listed plate (or, for reads, a plate text) must go "
          "unseen at this camera before it is reported again; 0 reports "
          "every sighting", 0.0, 7 * 24 * 3600.0, DEFAULT_PROP_DEDUP_WINDOW,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));
  g_object_class_install_property (gobject_class, PROP_MAX_DISTANCE,
      g_param_spec_double ("max-distance", "Maximum distance",
          "Fuzzy match budget: a confusable substitution (0/O, 8/B, ...) "
          "costs 0.5, other edits 1; 0 disables fuzzy matching",
          0.0, 4.0, DEFAULT_PROP_MAX_DISTANCE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));
  g_object_class_install_property (gobject_class, PROP_QUEUE_SIZE,
      g_param_spec_uint ("queue-size", "Queue size",
          "Most MQTT messages kept in memory while the broker is slow or "
          "away; beyond it the oldest are dropped with a warning",
          1, 1000000, DEFAULT_PROP_QUEUE_SIZE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_MQTT_CA_FILE,
      g_param_spec_string ("mqtt-ca-file", "MQTT CA file",
          "With mqtts://: CA certificate(s) (PEM) the broker's certificate "
          "must chain to; not set: the system's trusted CAs",
          DEFAULT_PROP_MQTT_CA_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_MQTT_CERT_FILE,
      g_param_spec_string ("mqtt-cert-file", "MQTT client certificate",
          "With mqtts://: client certificate (PEM), with mqtt-key-file",
          DEFAULT_PROP_MQTT_CERT_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_MQTT_KEY_FILE,
      g_param_spec_string ("mqtt-key-file", "MQTT client key",
          "With mqtts://: the client certificate's key (PEM, unencrypted)",
          DEFAULT_PROP_MQTT_KEY_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_MQTT_KEEPALIVE,
      g_param_spec_uint ("mqtt-keepalive", "MQTT keepalive",
          "Seconds between MQTT keepalives; the broker publishes the "
          "'offline' last will after 1.5 times this without traffic",
          5, 65535, DEFAULT_PROP_MQTT_KEEPALIVE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_SPOOL_DIR,
      g_param_spec_string ("spool-dir", "Spool directory",
          "Keep MQTT messages not yet acknowledged on disk here (one file "
          "each) and send what is left there at the next start; not set: "
          "in memory only (queue-size)", DEFAULT_PROP_SPOOL_DIR,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_SPOOL_MAX_MESSAGES,
      g_param_spec_uint ("spool-max-messages", "Spool maximum messages",
          "With spool-dir: most messages kept; beyond it the oldest are "
          "dropped with a warning", 1, G_MAXUINT,
          DEFAULT_PROP_SPOOL_MAX_MESSAGES,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_SPOOL_MAX_BYTES,
      g_param_spec_uint64 ("spool-max-bytes", "Spool maximum bytes",
          "With spool-dir: most payload bytes kept; beyond it the oldest "
          "messages are dropped with a warning", 1024, G_MAXUINT64,
          DEFAULT_PROP_SPOOL_MAX_BYTES,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (gobject_class, PROP_EVIDENCE,
      g_param_spec_enum ("evidence", "Evidence",
          "Pictures embedded (JPEG, base64) in match events",
          GST_TYPE_HOTLIST_MATCH_EVIDENCE, DEFAULT_PROP_EVIDENCE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));
  g_object_class_install_property (gobject_class, PROP_EVIDENCE_MAX_BYTES,
      g_param_spec_uint ("evidence-max-bytes", "Evidence maximum bytes",
          "Largest JPEG (before base64) per picture: quality, then size, "
          "are lowered until it fits", 1024, 16 * 1024 * 1024,
          DEFAULT_PROP_EVIDENCE_MAX_BYTES,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

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
  self->qos = DEFAULT_PROP_QOS;
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

/* ---- hotlist loading --------------------------------------------------- */

static void
post_load_warnings (GstHotlistMatch * self, GPtrArray * warnings)
{
  guint i;

  if (!warnings)
    return;
  for (i = 0; i < warnings->len && i < MAX_LOAD_WARNINGS; i++) {
    const gchar *w = g_ptr_array_index (warnings, i);
    GST_ELEMENT_WARNING (self, RESOURCE, READ, ("%s", w),
        ("malformed hotlist line skipped"));
  }
  if (warnings->len > MAX_LOAD_WARNINGS)
    GST_ELEMENT_WARNING (self, RESOURCE, READ,
        ("%u more malformed hotlist lines skipped",
            warnings->len - MAX_LOAD_WARNINGS), (NULL));
}

/* Loads the files named in @paths (NULL or empty: no hotlist).  On failure
 * posts an error (@fatal) or a warning and returns FALSE.  @n_warnings:
 * lines skipped. */
static gboolean
load_hotlist (GstHotlistMatch * self, const gchar * paths, gboolean fatal,
    GstAnprHotlist ** out, guint * n_warnings)
{
  gchar **files;
  GPtrArray *warnings = NULL;
  GError *err = NULL;
  GstAnprHotlist *hl;
  gint64 t0 = g_get_monotonic_time ();

  *out = NULL;
  *n_warnings = 0;
  files = gst_anpr_hotlist_split_paths (paths);
  if (!files[0]) {
    GST_INFO_OBJECT (self, "no hotlist set: nothing will match");
    g_strfreev (files);
    return TRUE;
  }

  hl = gst_anpr_hotlist_load_files ((const gchar * const *) files, &warnings,
      &err);
  g_strfreev (files);
  if (!hl) {
    gboolean missing = g_error_matches (err, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    if (fatal) {
      if (missing)
        GST_ELEMENT_ERROR (self, RESOURCE, NOT_FOUND,
            ("Could not load hotlist: %s", err->message), (NULL));
      else
        GST_ELEMENT_ERROR (self, RESOURCE, READ,
            ("Could not load hotlist: %s", err->message), (NULL));
    } else {
      GST_ELEMENT_WARNING (self, RESOURCE, READ,
          ("Could not reload hotlist, keeping the previous one: %s",
              err->message), (NULL));
    }
    g_clear_error (&err);
    if (warnings)
      g_ptr_array_unref (warnings);
    return FALSE;
  }
  post_load_warnings (self, warnings);
  *n_warnings = warnings ? warnings->len : 0;
  GST_INFO_OBJECT (self, "loaded hotlist %s in %.3f s: %u entries, %u lines "
      "skipped", paths, (g_get_monotonic_time () - t0) / 1e6,
      gst_anpr_hotlist_get_n_entries (hl), *n_warnings);
  if (warnings)
    g_ptr_array_unref (warnings);
  *out = hl;
  return TRUE;
}

/* ---- hotlist reloading ------------------------------------------------- */

/* What the files named in @paths look like on disk: device, inode, size
 * and modification time of each ("-" when missing).  An edit changes it,
 * and so does an atomic rename (a new inode) even within the same
 * second.  NULL when no file is named. */
static gchar *
hotlist_files_signature (const gchar * paths)
{
  gchar **files = gst_anpr_hotlist_split_paths (paths);
  GString *sig;
  guint i;

  if (!files[0]) {
    g_strfreev (files);
    return NULL;
  }
  sig = g_string_new (NULL);
  for (i = 0; files[i]; i++) {
    GStatBuf st;

    if (g_stat (files[i], &st) != 0) {
      g_string_append (sig, "-;");
      continue;
    }
    g_string_append_printf (sig, "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT
        ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ".%09ld;",
        (guint64) st.st_dev, (guint64) st.st_ino, (gint64) st.st_size,
        (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
  }
  g_strfreev (files);
  return g_string_free (sig, FALSE);
}

/* Posts `anpr-hotlist-loaded` after a successful (re)load. */
static void
post_hotlist_loaded (GstHotlistMatch * self, guint n_entries,
    const gchar * paths, guint n_warnings, gboolean reload)
{
  gchar **files = gst_anpr_hotlist_split_paths (paths);
  GstStructure *s;

  s = gst_structure_new ("anpr-hotlist-loaded",
      "entries", G_TYPE_UINT, n_entries,
      "files", G_TYPE_UINT, g_strv_length (files),
      "hotlist", G_TYPE_STRING, paths,
      "warnings", G_TYPE_UINT, n_warnings,
      "reload", G_TYPE_BOOLEAN, reload, NULL);
  g_strfreev (files);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* Releases every hotlist the streaming thread handed back. */
static void
drain_retired_hotlists (GstHotlistMatch * self)
{
  GSList *l;

  GST_OBJECT_LOCK (self);
  l = self->retired;
  self->retired = NULL;
  GST_OBJECT_UNLOCK (self);
  g_slist_free_full (l, (GDestroyNotify) gst_anpr_hotlist_unref);
}

/* The streaming thread's way to drop its reference to @hl: the last
 * reference of a swapped-out list (possibly a million entries to free)
 * goes to the watch thread or the next reload, never frees here. */
static void
release_hotlist (GstHotlistMatch * self, GstAnprHotlist * hl)
{
  if (!hl)
    return;
  GST_OBJECT_LOCK (self);
  if (hl == self->hotlist)
    gst_anpr_hotlist_unref (hl);        /* self->hotlist keeps one */
  else
    self->retired = g_slist_prepend (self->retired, hl);
  GST_OBJECT_UNLOCK (self);
}

/* Loads @paths (generation @gen, files then looking like @sig) and, unless
 * the hotlist property changed meanwhile, makes it the current list.
 * Either way @sig is remembered, so a broken file is reported once, not at
 * every poll.  Runs in the application's thread or the watch thread. */
static void
reload_hotlist_gen (GstHotlistMatch * self, const gchar * paths, guint gen,
    gchar * sig)
{
  GstAnprHotlist *hl = NULL, *old = NULL;
  gboolean loaded, current;
  guint n_warnings = 0, n_entries;

  loaded = load_hotlist (self, paths, FALSE, &hl, &n_warnings);
  n_entries = hl ? gst_anpr_hotlist_get_n_entries (hl) : 0;
  GST_OBJECT_LOCK (self);
  current = gen == self->hotlist_gen && self->started;
  if (current) {
    g_free (self->loaded_sig);
    self->loaded_sig = sig;
    self->loaded_gen = gen;
    sig = NULL;
    if (loaded) {
      old = self->hotlist;
      self->hotlist = hl;
      hl = NULL;
    }
  }
  GST_OBJECT_UNLOCK (self);
  if (current && loaded)
    post_hotlist_loaded (self, n_entries, paths, n_warnings, TRUE);
  if (old)
    gst_anpr_hotlist_unref (old);
  if (hl)
    gst_anpr_hotlist_unref (hl);
  g_free (sig);
  drain_retired_hotlists (self);
}

static void
reload_hotlist (GstHotlistMatch * self, const gchar * paths, guint gen)
{
  reload_hotlist_gen (self, paths, gen, hotlist_files_signature (paths));
}

/* One poll: reloads when the files changed since the last load and have
 * stayed the same for a short while (a file written in place is loaded
 * once its writer is done). */
static void
watch_poll (GstHotlistMatch * self)
{
  gchar *paths, *known, *sig, *again;
  guint gen;

  GST_OBJECT_LOCK (self);
  paths = g_strdup (self->hotlist_path);
  gen = self->hotlist_gen;
  known = self->loaded_gen == gen ? g_strdup (self->loaded_sig) : NULL;
  GST_OBJECT_UNLOCK (self);

  sig = hotlist_files_signature (paths);
  if (!sig || g_strcmp0 (sig, known) == 0)
    goto done;
  g_usleep (50 * G_TIME_SPAN_MILLISECOND);
  again = hotlist_files_signature (paths);
  if (g_strcmp0 (sig, again) != 0) {
    GST_DEBUG_OBJECT (self, "hotlist files still changing");
    g_free (again);
    goto done;
  }
  g_free (again);
  GST_INFO_OBJECT (self, "hotlist files changed, reloading %s", paths);
  reload_hotlist_gen (self, paths, gen, sig);
  sig = NULL;

done:
  g_free (sig);
  g_free (known);
  g_free (paths);
}

static gpointer
watch_thread_func (gpointer data)
{
  GstHotlistMatch *self = data;
  gint64 interval;

  GST_OBJECT_LOCK (self);
  interval = (gint64) (self->reload_interval * G_TIME_SPAN_SECOND);
  GST_OBJECT_UNLOCK (self);

  g_mutex_lock (&self->watch_lock);
  while (!self->watch_stop) {
    gint64 until = g_get_monotonic_time () + interval;

    while (!self->watch_stop &&
        g_cond_wait_until (&self->watch_cond, &self->watch_lock, until));
    if (self->watch_stop)
      break;
    g_mutex_unlock (&self->watch_lock);
    drain_retired_hotlists (self);
    watch_poll (self);
    g_mutex_lock (&self->watch_lock);
  }
  g_mutex_unlock (&self->watch_lock);
  return NULL;
}

/* The first load, at start: fails the start when a file cannot be
 * loaded, remembers the state of the files it read. */
static gboolean
start_hotlist (GstHotlistMatch * self, const gchar * paths,
    GstAnprHotlist ** out)
{
  gchar *sig = hotlist_files_signature (paths);
  guint gen, n_warnings = 0;

  GST_OBJECT_LOCK (self);
  gen = self->hotlist_gen;
  GST_OBJECT_UNLOCK (self);
  if (!load_hotlist (self, paths, TRUE, out, &n_warnings)) {
    g_free (sig);
    return FALSE;
  }
  GST_OBJECT_LOCK (self);
  g_free (self->loaded_sig);
  self->loaded_sig = sig;
  self->loaded_gen = gen;
  GST_OBJECT_UNLOCK (self);
  if (*out)
    post_hotlist_loaded (self, gst_anpr_hotlist_get_n_entries (*out), paths,
        n_warnings, FALSE);
  return TRUE;
}

/* Starts watching the hotlist files, when reload-interval is set. */
static void
watch_start (GstHotlistMatch * self)
{
  gboolean watch;

  GST_OBJECT_LOCK (self);
  watch = self->reload_interval > 0.0;
  GST_OBJECT_UNLOCK (self);
  if (!watch || self->watch_thread)
    return;
  self->watch_stop = FALSE;
  self->watch_thread = g_thread_new ("hotlistwatch", watch_thread_func, self);
}

static void
watch_stop (GstHotlistMatch * self)
{
  if (self->watch_thread) {
    g_mutex_lock (&self->watch_lock);
    self->watch_stop = TRUE;
    g_cond_signal (&self->watch_cond);
    g_mutex_unlock (&self->watch_lock);
    g_thread_join (self->watch_thread);
    self->watch_thread = NULL;
  }
  drain_retired_hotlists (self);
}

/* ---- properties -------------------------------------------------------- */

static void
gst_hotlist_match_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (object);

  switch (prop_id) {
    case PROP_HOTLIST:{
      gboolean started;
      gchar *paths;
      guint gen;

      GST_OBJECT_LOCK (self);
      g_free (self->hotlist_path);
      self->hotlist_path = g_value_dup_string (value);
      started = self->started;
      paths = g_strdup (self->hotlist_path);
      gen = ++self->hotlist_gen;
      GST_OBJECT_UNLOCK (self);
      /* live reload, in the caller's thread, never the streaming one */
      if (started)
        reload_hotlist (self, paths, gen);
      g_free (paths);
      break;
    }
    case PROP_RELOAD_INTERVAL:
      GST_OBJECT_LOCK (self);
      self->reload_interval = g_value_get_double (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_MQTT_URL:
      GST_OBJECT_LOCK (self);
      g_free (self->mqtt_url);
      self->mqtt_url = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_CAMERA_ID:
      GST_OBJECT_LOCK (self);
      g_free (self->camera_id);
      self->camera_id = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_TOPIC_PREFIX:
      GST_OBJECT_LOCK (self);
      g_free (self->topic_prefix);
      self->topic_prefix = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_PUBLISH_READS:
      GST_OBJECT_LOCK (self);
      self->publish_reads = g_value_get_boolean (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_QOS:
      GST_OBJECT_LOCK (self);
      self->qos = g_value_get_int (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_MQTT_CLIENT_ID:
      GST_OBJECT_LOCK (self);
      g_free (self->client_id);
      self->client_id = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_MQTT_USERNAME:
      GST_OBJECT_LOCK (self);
      g_free (self->username);
      self->username = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_MQTT_PASSWORD_FILE:
      GST_OBJECT_LOCK (self);
      g_free (self->password_file);
      self->password_file = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_DEDUP_WINDOW:
      GST_OBJECT_LOCK (self);
      self->dedup_window = g_value_get_double (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_MAX_DISTANCE:
      GST_OBJECT_LOCK (self);
      self->max_distance = g_value_get_double (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_QUEUE_SIZE:
      GST_OBJECT_LOCK (self);
      self->queue_size = g_value_get_uint (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_MQTT_CA_FILE:
      GST_OBJECT_LOCK (self);
      g_free (self->ca_file);
      self->ca_file = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_MQTT_CERT_FILE:
      GST_OBJECT_LOCK (self);
      g_free (self->cert_file);
      self->cert_file = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_MQTT_KEY_FILE:
      GST_OBJECT_LOCK (self);
      g_free (self->key_file);
      self->key_file = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_MQTT_KEEPALIVE:
      GST_OBJECT_LOCK (self);
      self->keepalive = g_value_get_uint (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_SPOOL_DIR:
      GST_OBJECT_LOCK (self);
      g_free (self->spool_dir);
      self->spool_dir = g_value_dup_string (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_SPOOL_MAX_MESSAGES:
      GST_OBJECT_LOCK (self);
      self->spool_max_messages = g_value_get_uint (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_SPOOL_MAX_BYTES:
      GST_OBJECT_LOCK (self);
      self->spool_max_bytes = g_value_get_uint64 (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_EVIDENCE:
      GST_OBJECT_LOCK (self);
      self->evidence = g_value_get_enum (value);
      GST_OBJECT_UNLOCK (self);
      break;
    case PROP_EVIDENCE_MAX_BYTES:
      GST_OBJECT_LOCK (self);
      self->evidence_max_bytes = g_value_get_uint (value);
      GST_OBJECT_UNLOCK (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
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
    case PROP_QOS:
      g_value_set_int (value, self->qos);
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
topic_level_ok (const gchar * s, gboolean allow_slash)
{
  if (!s || !*s)
    return FALSE;
  if (strpbrk (s, "+#"))
    return FALSE;
  return allow_slash || !strchr (s, '/');
}

/* The password from the file or the environment; NULL when none.  Free
 * with free_password(). */
static gboolean
read_password (GstHotlistMatch * self, const gchar * file, gchar ** out)
{
  *out = NULL;
  if (file && *file) {
    gchar *data = NULL;
    gsize len = 0;
    GError *err = NULL;

    if (!g_file_get_contents (file, &data, &len, &err)) {
      GST_ELEMENT_ERROR (self, RESOURCE, OPEN_READ,
          ("Could not read the MQTT password file: %s", err->message),
          (NULL));
      g_clear_error (&err);
      return FALSE;
    }
    /* first line, without its line break */
    len = strcspn (data, "\r\n");
    *out = g_strndup (data, len);
    memset (data, 0, strlen (data));
    g_free (data);
  } else if (g_getenv (PASSWORD_ENV)) {
    *out = g_strdup (g_getenv (PASSWORD_ENV));
  }
  return TRUE;
}

static void
free_password (gchar * pw)
{
  if (pw) {
    memset (pw, 0, strlen (pw));
    g_free (pw);
  }
}

/* From the MQTT client's threads: a refused connection, a TLS failure, a
 * spool that cannot be written.  The text never holds credentials. */
static void
mqtt_notify (gpointer data, const gchar * message)
{
  GstHotlistMatch *self = data;

  GST_ELEMENT_WARNING (self, RESOURCE, WRITE, ("%s", message), (NULL));
}

/* Creates self->mqtt from the MQTT properties; posts an error and returns
 * FALSE when they are not usable. */
static gboolean
start_mqtt (GstHotlistMatch * self, const gchar * url, const gchar * prefix,
    const gchar * camera)
{
  MqttPublisherConfig cfg = { 0, };
  gchar *host = NULL, *status = NULL, *password = NULL, *cid = NULL;
  gchar *client_id, *username, *pwfile, *ca_file, *cert_file, *key_file;
  gchar *spool_dir;
  gint port = 0;
  gboolean tls = FALSE, ok = FALSE;
  GError *err = NULL;

  GST_OBJECT_LOCK (self);
  client_id = g_strdup (self->client_id);
  username = g_strdup (self->username);
  pwfile = g_strdup (self->password_file);
  ca_file = g_strdup (self->ca_file);
  cert_file = g_strdup (self->cert_file);
  key_file = g_strdup (self->key_file);
  spool_dir = g_strdup (self->spool_dir);
  cfg.queue_size = self->queue_size;
  cfg.keepalive = self->keepalive;
  cfg.spool_max_messages = self->spool_max_messages;
  cfg.spool_max_bytes = self->spool_max_bytes;
  GST_OBJECT_UNLOCK (self);

  if (!mqtt_publisher_parse_url (url, &host, &port, &tls, &err)) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("Invalid mqtt-url: %s", err->message), (NULL));
    goto done;
  }
  if (!tls && ((ca_file && *ca_file) || (cert_file && *cert_file) ||
          (key_file && *key_file))) {
    /* certificates given but a plain connection asked for: refuse rather
     * than send alerts and credentials in the clear */
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("mqtt-ca-file, mqtt-cert-file and mqtt-key-file need an mqtts:// "
            "mqtt-url"), (NULL));
    goto done;
  }
  if (!read_password (self, pwfile, &password))
    goto done;
  status = g_strdup_printf ("%s/%s/status", prefix, camera);
  if (client_id && *client_id) {
    cid = g_strdup (client_id);
  } else {
    gchar *uuid = g_uuid_string_random ();
    uuid[8] = '\0';
    cid = g_strdup_printf ("gst-anpr-%s-%s", camera, uuid);
    g_free (uuid);
  }
  cfg.host = host;
  cfg.port = port;
  cfg.tls = tls;
  cfg.ca_file = ca_file && *ca_file ? ca_file : NULL;
  cfg.cert_file = cert_file && *cert_file ? cert_file : NULL;
  cfg.key_file = key_file && *key_file ? key_file : NULL;
  cfg.spool_dir = spool_dir && *spool_dir ? spool_dir : NULL;
  cfg.notify = mqtt_notify;
  cfg.notify_data = self;
  cfg.client_id = cid;
  cfg.username = username && *username ? username : NULL;
  cfg.password = password;
  cfg.status_topic = status;
  cfg.reconnect_delay_min = 1;
  cfg.reconnect_delay_max = 30;
  self->mqtt = mqtt_publisher_new (&cfg, &err);
  if (!self->mqtt) {
    GST_ELEMENT_ERROR (self, RESOURCE, OPEN_WRITE,
        ("Could not set up MQTT: %s", err->message), (NULL));
    goto done;
  }
  if (cfg.spool_dir) {
    MqttPublisherStats st;

    mqtt_publisher_get_stats (self->mqtt, &st);
    if (st.load_dropped)
      GST_ELEMENT_WARNING (self, RESOURCE, READ,
          ("MQTT spool %s: dropped %u message(s) left from before "
              "(beyond spool-max-messages/spool-max-bytes, or unreadable)",
              cfg.spool_dir, st.load_dropped), (NULL));
    if (st.loaded)
      GST_INFO_OBJECT (self, "%u message(s) from the spool %s to send",
          st.loaded, cfg.spool_dir);
  }
  ok = TRUE;

done:
  g_clear_error (&err);
  free_password (password);
  g_free (host);
  g_free (status);
  g_free (cid);
  g_free (client_id);
  g_free (username);
  g_free (pwfile);
  g_free (ca_file);
  g_free (cert_file);
  g_free (key_file);
  g_free (spool_dir);
  return ok;
}

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

  if (!topic_level_ok (camera, FALSE)) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("Invalid camera-id '%s': must be non-empty without '/', '+' or '#'",
            GST_STR_NULL (camera)), (NULL));
    goto done;
  }
  if (!topic_level_ok (prefix, TRUE)) {
    GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
        ("Invalid topic-prefix '%s': must be non-empty without '+' or '#'",
            GST_STR_NULL (prefix)), (NULL));
    goto done;
  }

  if (!start_hotlist (self, paths, &hl))
    goto done;

  g_hash_table_remove_all (self->seen);
  self->seen_calls = 0;
  self->drops_unreported = 0;
  self->last_drop_warning = 0;
  g_free (self->topic_match);
  g_free (self->topic_read);
  self->topic_match = g_strdup_printf ("%s/%s/match", prefix, camera);
  self->topic_read = g_strdup_printf ("%s/%s/read", prefix, camera);

  if (url && *url && !start_mqtt (self, url, prefix, camera))
    goto done;

  GST_OBJECT_LOCK (self);
  g_clear_pointer (&self->hotlist, gst_anpr_hotlist_unref);
  self->hotlist = hl;
  hl = NULL;
  self->started = TRUE;
  GST_OBJECT_UNLOCK (self);
  watch_start (self);
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

  watch_stop (self);
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

/* ---- matching ---------------------------------------------------------- */

/* TRUE when @key was seen less than @window_ns before @now (the sighting
 * is then suppressed); records the sighting either way. */
static gboolean
dedup_seen (GstHotlistMatch * self, const gchar * key, gint64 now,
    gint64 window_ns)
{
  gint64 *last;
  gboolean seen = FALSE;

  if (window_ns <= 0)
    return FALSE;

  /* forget what the window has passed, now and then */
  if (++self->seen_calls % 256 == 0) {
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init (&it, self->seen);
    while (g_hash_table_iter_next (&it, &k, &v)) {
      gint64 t = *(gint64 *) v;
      if (now < t || now - t >= window_ns)
        g_hash_table_iter_remove (&it);
    }
  }

  last = g_hash_table_lookup (self->seen, key);
  if (last) {
    /* time going backwards (a seek, a new segment): not a repeat */
    seen = now >= *last && now - *last < window_ns;
    *last = now;
  } else {
    last = g_new (gint64, 1);
    *last = now;
    g_hash_table_insert (self->seen, g_strdup (key), last);
  }
  return seen;
}

static void
post_match (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, const GstAnprHotlistMatch * m,
    const GstAnprEventContext * ctx, const gchar * event_id,
    const gchar * json)
{
  const GstAnprHotlistEntry *e = m->entry;
  GstStructure *s;

  s = analysis_message_structure_new ("anpr-match",
      &GST_BASE_TRANSFORM (self)->segment, buf);
  gst_structure_set (s,
      "event-id", G_TYPE_STRING, event_id,
      "camera-id", G_TYPE_STRING, ctx->camera_id,
      "plate", G_TYPE_STRING, meta->text,
      "confidence", G_TYPE_DOUBLE, (gdouble) meta->confidence,
      "region", G_TYPE_STRING, meta->region,
      "format", G_TYPE_STRING, meta->format,
      "x", G_TYPE_INT, meta->x, "y", G_TYPE_INT, meta->y,
      "width", G_TYPE_INT, meta->width, "height", G_TYPE_INT, meta->height,
      "track-id", G_TYPE_UINT64, meta->track_id,
      "meta-id", G_TYPE_UINT, meta->id,
      "hotlist-plate", G_TYPE_STRING, e->plate,
      "hotlist-list", G_TYPE_STRING, e->list,
      "reason", G_TYPE_STRING, e->reason,
      "priority", G_TYPE_INT, e->priority,
      "action", G_TYPE_STRING, e->action,
      "expires", G_TYPE_STRING, e->expires,
      "notes", G_TYPE_STRING, e->notes,
      "source", G_TYPE_STRING, e->source,
      "match-kind", G_TYPE_STRING, gst_anpr_match_kind_to_string (m->kind),
      "distance", G_TYPE_DOUBLE, m->distance,
      "matched-text", G_TYPE_STRING, m->matched_text,
      "json", G_TYPE_STRING, json, NULL);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* Queues @json for @topic; overflow is reported at most every
 * DROP_WARNING_INTERVAL_US, with the number dropped since the last report. */
static void
publish (GstHotlistMatch * self, const gchar * topic, const gchar * json,
    gint qos, const gchar * event_id)
{
  guint dropped = mqtt_publisher_publish (self->mqtt, topic, json, qos, event_id);
  gint64 now;

  if (!dropped && !self->drops_unreported)
    return;
  self->drops_unreported += dropped;
  now = g_get_monotonic_time ();
  if (self->last_drop_warning && now - self->last_drop_warning <
      DROP_WARNING_INTERVAL_US)
    return;
  GST_ELEMENT_WARNING (self, RESOURCE, WRITE,
      ("MQTT queue full: dropped %u undelivered message(s)",
          self->drops_unreported),
      ("the broker has been unreachable or slow for longer than queue-size "
          "(or, with spool-dir, spool-max-messages/spool-max-bytes) "
          "messages last"));
  self->drops_unreported = 0;
  self->last_drop_warning = now;
}

/* ---- evidence --------------------------------------------------------- */

/* JPEG qualities tried, best first, before the picture is made smaller. */
static const gint evidence_qualities[] = { 85, 70, 55, 40, 25 };

typedef struct
{
  struct jpeg_error_mgr mgr;
  jmp_buf jump;
} JpegError;

static void
jpeg_error_exit (j_common_ptr cinfo)
{
  JpegError *err = (JpegError *) cinfo->err;
  longjmp (err->jump, 1);
}

static void
jpeg_no_output (j_common_ptr cinfo)
{
}

/* Encodes GRAY8 (@gray) or RGB pixels; g_free() *@out. */
static gboolean
encode_jpeg (const guint8 * pixels, gint stride, gint width, gint height,
    gboolean gray, gint quality, guint8 ** out, gsize * out_len)
{
  struct jpeg_compress_struct cinfo;
  JpegError jerr;
  unsigned char *volatile mem = NULL;
  unsigned long mem_len = 0;
  gint y;

  cinfo.err = jpeg_std_error (&jerr.mgr);
  jerr.mgr.error_exit = jpeg_error_exit;
  jerr.mgr.output_message = jpeg_no_output;
  if (setjmp (jerr.jump)) {
    jpeg_destroy_compress (&cinfo);
    free (mem);
    return FALSE;
  }
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, (unsigned char **) &mem, &mem_len);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = gray ? 1 : 3;
  cinfo.in_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, quality, TRUE);
  jpeg_start_compress (&cinfo, TRUE);
  for (y = 0; y < height; y++) {
    JSAMPROW row = (JSAMPROW) (pixels + (gsize) y * stride);
    jpeg_write_scanlines (&cinfo, &row, 1);
  }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  *out = g_memdup2 (mem, mem_len);
  *out_len = mem_len;
  free (mem);
  return TRUE;
}

/* One picture of the region (@x, @y, @w, @h) of @frame as a JSON object
 * {jpeg_base64, box, width, height}, the JPEG at most @max_bytes: the
 * quality, then the size, go down until it fits.  NULL if it cannot. */
static JsonNode *
evidence_picture (GstVideoFrame * frame, gint x, gint y, gint w, gint h,
    guint max_bytes)
{
  const GstVideoInfo *in = &frame->info;
  gboolean gray = GST_VIDEO_INFO_IS_GRAY (in);
  gdouble scale = 1.0;
  JsonNode *res = NULL;

  x = CLAMP (x, 0, GST_VIDEO_INFO_WIDTH (in) - 1);
  y = CLAMP (y, 0, GST_VIDEO_INFO_HEIGHT (in) - 1);
  w = CLAMP (w, 1, GST_VIDEO_INFO_WIDTH (in) - x);
  h = CLAMP (h, 1, GST_VIDEO_INFO_HEIGHT (in) - y);

  while (!res) {
    gint dw = MAX ((gint) (w * scale), 1), dh = MAX ((gint) (h * scale), 1);
    GstVideoInfo out;
    GstVideoConverter *conv;
    GstBuffer *obuf;
    GstVideoFrame oframe;
    guint q;

    if (scale < 1.0 && (dw < 8 || dh < 8))
      break;                    /* too small to be of use */
    gst_video_info_set_format (&out, gray ? GST_VIDEO_FORMAT_GRAY8 :
        GST_VIDEO_FORMAT_RGB, dw, dh);
    /* the converter only changes format and size */
    GST_VIDEO_INFO_FPS_N (&out) = GST_VIDEO_INFO_FPS_N (in);
    GST_VIDEO_INFO_FPS_D (&out) = GST_VIDEO_INFO_FPS_D (in);
    GST_VIDEO_INFO_INTERLACE_MODE (&out) = GST_VIDEO_INFO_INTERLACE_MODE (in);
    conv = gst_video_converter_new (in, &out,
        gst_structure_new ("GstVideoConverter",
            GST_VIDEO_CONVERTER_OPT_SRC_X, G_TYPE_INT, x,
            GST_VIDEO_CONVERTER_OPT_SRC_Y, G_TYPE_INT, y,
            GST_VIDEO_CONVERTER_OPT_SRC_WIDTH, G_TYPE_INT, w,
            GST_VIDEO_CONVERTER_OPT_SRC_HEIGHT, G_TYPE_INT, h,
            GST_VIDEO_CONVERTER_OPT_THREADS, G_TYPE_UINT, 1, NULL));
    if (!conv)
      break;
    obuf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&out), NULL);
    if (!gst_video_frame_map (&oframe, &out, obuf, GST_MAP_WRITE)) {
      gst_buffer_unref (obuf);
      gst_video_converter_free (conv);
      break;
    }
    gst_video_converter_frame (conv, frame, &oframe);
    gst_video_converter_free (conv);

    for (q = 0; q < G_N_ELEMENTS (evidence_qualities) && !res; q++) {
      guint8 *jpeg = NULL;
      gsize len = 0;

      if (!encode_jpeg (GST_VIDEO_FRAME_PLANE_DATA (&oframe, 0),
              GST_VIDEO_FRAME_PLANE_STRIDE (&oframe, 0), dw, dh, gray,
              evidence_qualities[q], &jpeg, &len))
        break;
      if (len <= max_bytes) {
        JsonBuilder *b = json_builder_new ();
        gchar *b64 = g_base64_encode (jpeg, len);

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "jpeg_base64");
        json_builder_add_string_value (b, b64);
        json_builder_set_member_name (b, "box");
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "x");
        json_builder_add_int_value (b, x);
        json_builder_set_member_name (b, "y");
        json_builder_add_int_value (b, y);
        json_builder_set_member_name (b, "width");
        json_builder_add_int_value (b, w);
        json_builder_set_member_name (b, "height");
        json_builder_add_int_value (b, h);
        json_builder_end_object (b);
        json_builder_set_member_name (b, "width");
        json_builder_add_int_value (b, dw);
        json_builder_set_member_name (b, "height");
        json_builder_add_int_value (b, dh);
        json_builder_end_object (b);
        res = json_builder_get_root (b);
        g_object_unref (b);
        g_free (b64);
      }
      g_free (jpeg);
    }
    gst_video_frame_unmap (&oframe);
    gst_buffer_unref (obuf);
    scale *= 0.7;
  }
  return res;
}

/* The "evidence" object of a match: the plate crop and, with crop+frame,
 * the whole frame; NULL when none is wanted or the frame cannot be read. */
static JsonNode *
make_evidence (GstHotlistMatch * self, GstBuffer * buf,
    const GstAnprPlateMeta * meta, gint mode, guint max_bytes)
{
  GstCaps *caps;
  GstVideoInfo info;
  GstVideoFrame frame;
  JsonNode *crop = NULL, *full = NULL, *res;
  JsonObject *o;
  gint64 start = g_get_monotonic_time ();

  if (mode == GST_HOTLIST_MATCH_EVIDENCE_NONE)
    return NULL;
  caps = gst_pad_get_current_caps (GST_BASE_TRANSFORM_SINK_PAD (self));
  if (!caps || !gst_video_info_from_caps (&info, caps) ||
      !gst_video_frame_map (&frame, &info, buf, GST_MAP_READ)) {
    GST_DEBUG_OBJECT (self, "frame not readable as raw video: no evidence");
    if (caps)
      gst_caps_unref (caps);
    return NULL;
  }
  gst_caps_unref (caps);

  if (meta->width > 0 && meta->height > 0)
    crop = evidence_picture (&frame, meta->x, meta->y, meta->width,
        meta->height, max_bytes);
  if (mode == GST_HOTLIST_MATCH_EVIDENCE_CROP_FRAME)
    full = evidence_picture (&frame, 0, 0, GST_VIDEO_INFO_WIDTH (&info),
        GST_VIDEO_INFO_HEIGHT (&info), max_bytes);
  gst_video_frame_unmap (&frame);

  res = json_node_new (JSON_NODE_OBJECT);
  o = json_object_new ();
  json_object_set_member (o, "crop", crop ? crop : json_node_new
      (JSON_NODE_NULL));
  if (mode == GST_HOTLIST_MATCH_EVIDENCE_CROP_FRAME)
    json_object_set_member (o, "frame", full ? full : json_node_new
        (JSON_NODE_NULL));
  json_node_take_object (res, o);
  GST_DEBUG_OBJECT (self, "evidence in %" G_GINT64_FORMAT " us",
      g_get_monotonic_time () - start);
  return res;
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
  qos = self->qos;
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

        if (dedup_seen (self, key, now_ns, window_ns)) {
          GST_DEBUG_OBJECT (self, "%s matches %s again, suppressed",
              meta->text, m->entry->plate);
        } else {
          gchar *event_id = NULL;
          gchar *json;

          ctx.evidence = make_evidence (self, buf, meta, evidence,
              evidence_max_bytes);
          json = gst_anpr_event_to_json (meta, m, &ctx, &event_id);
          g_clear_pointer (&ctx.evidence, json_node_unref);

          GST_INFO_OBJECT (self, "%s matches hotlist %s (%s, %s, distance "
              "%.1f), event %s", meta->text, m->entry->plate,
              GST_STR_NULL (m->entry->list),
              gst_anpr_match_kind_to_string (m->kind), m->distance, event_id);
          post_match (self, buf, meta, m, &ctx, event_id, json);
          if (self->mqtt)
            publish (self, self->topic_match, json, qos, event_id);
          g_free (json);
          g_free (event_id);
        }
        g_free (key);
      }
      g_array_unref (matches);
    }

    if (publish_reads && self->mqtt) {
      gchar *key = g_strdup_printf ("r\x1f%s", meta->text);

      if (!dedup_seen (self, key, now_ns, window_ns)) {
        gchar *event_id = NULL;
        gchar *json = gst_anpr_event_to_json (meta, NULL, &ctx, &event_id);
        publish (self, self->topic_read, json, qos, event_id);
        g_free (json);
        g_free (event_id);
      }
      g_free (key);
    }
  }

  release_hotlist (self, hl);
  g_free (camera);
  return GST_FLOW_OK;
}
