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
 * - `timestamp`, `stream-time`, `running-time` (#guint64): of the buffer
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
 * ## MQTT
 *
 * With #GstHotlistMatch:mqtt-url set, events are published as JSON
 * (schema "gst-anpr.event" 1.0, docs/mqtt.md) to
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
 * environment variable ANPR_MQTT_PASSWORD; it is never logged.
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

#include <string.h>
#include <gst/video/video.h>

#include "gsthotlistmatch.h"

GST_DEBUG_CATEGORY_STATIC (gst_hotlist_match_debug);
#define GST_CAT_DEFAULT gst_hotlist_match_debug

#define DEFAULT_PROP_HOTLIST NULL
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
  anpr_mqtt_init_debug ();

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
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      g_free);

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
  g_clear_pointer (&self->hotlist, gst_anpr_hotlist_unref);
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
 * posts an error (@fatal) or a warning and returns FALSE. */
static gboolean
load_hotlist (GstHotlistMatch * self, const gchar * paths, gboolean fatal,
    GstAnprHotlist ** out)
{
  gchar **files;
  GPtrArray *warnings = NULL;
  GError *err = NULL;
  GstAnprHotlist *hl;

  *out = NULL;
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
  GST_INFO_OBJECT (self, "loaded hotlist %s: %u entries, %u lines skipped",
      paths, gst_anpr_hotlist_get_n_entries (hl), warnings ? warnings->len : 0);
  if (warnings)
    g_ptr_array_unref (warnings);
  *out = hl;
  return TRUE;
}

static void
reload_hotlist (GstHotlistMatch * self, const gchar * paths)
{
  GstAnprHotlist *hl, *old;

  if (!load_hotlist (self, paths, FALSE, &hl))
    return;
  GST_OBJECT_LOCK (self);
  old = self->hotlist;
  self->hotlist = hl;
  GST_OBJECT_UNLOCK (self);
  if (old)
    gst_anpr_hotlist_unref (old);
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

      GST_OBJECT_LOCK (self);
      g_free (self->hotlist_path);
      self->hotlist_path = g_value_dup_string (value);
      started = self->started;
      paths = g_strdup (self->hotlist_path);
      GST_OBJECT_UNLOCK (self);
      /* live reload, in the caller's thread, never the streaming one */
      if (started)
        reload_hotlist (self, paths);
      g_free (paths);
      break;
    }
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

static gboolean
gst_hotlist_match_start (GstBaseTransform * trans)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (trans);
  gchar *paths, *url, *camera, *prefix, *client_id, *username, *pwfile;
  guint queue_size;
  GstAnprHotlist *hl = NULL;
  gboolean ok = FALSE;

  GST_OBJECT_LOCK (self);
  paths = g_strdup (self->hotlist_path);
  url = g_strdup (self->mqtt_url);
  camera = g_strdup (self->camera_id);
  prefix = g_strdup (self->topic_prefix);
  client_id = g_strdup (self->client_id);
  username = g_strdup (self->username);
  pwfile = g_strdup (self->password_file);
  queue_size = self->queue_size;
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

  if (!load_hotlist (self, paths, TRUE, &hl))
    goto done;

  g_hash_table_remove_all (self->seen);
  self->seen_calls = 0;
  self->drops_unreported = 0;
  self->last_drop_warning = 0;
  g_free (self->topic_match);
  g_free (self->topic_read);
  self->topic_match = g_strdup_printf ("%s/%s/match", prefix, camera);
  self->topic_read = g_strdup_printf ("%s/%s/read", prefix, camera);

  if (url && *url) {
    AnprMqttConfig cfg = { 0, };
    gchar *host = NULL, *status, *password = NULL, *cid;
    gint port = 0;
    GError *err = NULL;

    if (!anpr_mqtt_parse_url (url, &host, &port, &err)) {
      GST_ELEMENT_ERROR (self, RESOURCE, SETTINGS,
          ("Invalid mqtt-url: %s", err->message), (NULL));
      g_clear_error (&err);
      goto done;
    }
    if (!read_password (self, pwfile, &password)) {
      g_free (host);
      goto done;
    }
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
    cfg.client_id = cid;
    cfg.username = username && *username ? username : NULL;
    cfg.password = password;
    cfg.status_topic = status;
    cfg.queue_size = queue_size;
    cfg.keepalive = 30;
    cfg.reconnect_delay_min = 1;
    cfg.reconnect_delay_max = 30;
    self->mqtt = anpr_mqtt_new (&cfg, &err);
    free_password (password);
    g_free (host);
    g_free (status);
    g_free (cid);
    if (!self->mqtt) {
      GST_ELEMENT_ERROR (self, RESOURCE, OPEN_WRITE,
          ("Could not set up MQTT: %s", err->message), (NULL));
      g_clear_error (&err);
      goto done;
    }
  }

  GST_OBJECT_LOCK (self);
  g_clear_pointer (&self->hotlist, gst_anpr_hotlist_unref);
  self->hotlist = hl;
  hl = NULL;
  self->started = TRUE;
  GST_OBJECT_UNLOCK (self);
  ok = TRUE;

done:
  if (hl)
    gst_anpr_hotlist_unref (hl);
  g_free (paths);
  g_free (url);
  g_free (camera);
  g_free (prefix);
  g_free (client_id);
  g_free (username);
  g_free (pwfile);
  return ok;
}

static gboolean
gst_hotlist_match_stop (GstBaseTransform * trans)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (trans);
  GstAnprHotlist *hl;

  if (self->mqtt) {
    anpr_mqtt_free (self->mqtt, FLUSH_TIMEOUT_US);
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
    if (!anpr_mqtt_flush (self->mqtt, FLUSH_TIMEOUT_US)) {
      AnprMqttStats st;
      anpr_mqtt_get_stats (self->mqtt, &st);
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

  s = gst_structure_new ("anpr-match",
      "timestamp", G_TYPE_UINT64, GST_BUFFER_PTS (buf),
      "stream-time", G_TYPE_UINT64, ctx->stream_time,
      "running-time", G_TYPE_UINT64, ctx->running_time,
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
    gint qos)
{
  guint dropped = anpr_mqtt_publish (self->mqtt, topic, json, qos);
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
          "messages last"));
  self->drops_unreported = 0;
  self->last_drop_warning = now;
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
  gint qos;
  gdouble max_distance;
  gint64 window_ns, now_ns;
  gchar *camera;
  GstClockTime pts = GST_BUFFER_PTS (buf);

  if (gst_buffer_get_n_anpr_plate_metas (buf) == 0)
    return GST_FLOW_OK;

  GST_OBJECT_LOCK (self);
  hl = self->hotlist ? gst_anpr_hotlist_ref (self->hotlist) : NULL;
  publish_reads = self->publish_reads;
  qos = self->qos;
  max_distance = self->max_distance;
  window_ns = (gint64) (self->dedup_window * GST_SECOND);
  camera = g_strdup (self->camera_id);
  GST_OBJECT_UNLOCK (self);

  gst_anpr_event_context_init (&ctx);
  ctx.camera_id = camera;
  ctx.wall_time_us = g_get_real_time ();
  if (GST_CLOCK_TIME_IS_VALID (pts) &&
      trans->segment.format == GST_FORMAT_TIME) {
    ctx.stream_time = gst_segment_to_stream_time (&trans->segment,
        GST_FORMAT_TIME, pts);
    ctx.running_time = gst_segment_to_running_time (&trans->segment,
        GST_FORMAT_TIME, pts);
  }
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
          gchar *json = gst_anpr_event_to_json (meta, m, &ctx, &event_id);

          GST_INFO_OBJECT (self, "%s matches hotlist %s (%s, %s, distance "
              "%.1f), event %s", meta->text, m->entry->plate,
              GST_STR_NULL (m->entry->list),
              gst_anpr_match_kind_to_string (m->kind), m->distance, event_id);
          post_match (self, buf, meta, m, &ctx, event_id, json);
          if (self->mqtt)
            publish (self, self->topic_match, json, qos);
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
        gchar *json = gst_anpr_event_to_json (meta, NULL, &ctx, NULL);
        publish (self, self->topic_read, json, qos);
        g_free (json);
      }
      g_free (key);
    }
  }

  if (hl)
    gst_anpr_hotlist_unref (hl);
  g_free (camera);
  return GST_FLOW_OK;
}
