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
 * One report per vehicle.  Plates followed by platedetect's tracker (their
 * metas carry a track and plateocr's combined read of it) are reported
 * once per vehicle: when the track ends (platedetect's `anpr-track-end`
 * event, or EOS), or earlier once plateocr has settled its read and the
 * plate has stopped growing, whichever comes first.  The report is one
 * read (MQTT with #GstHotlistMatch:publish-reads, and the `anpr-vehicle`
 * message) and at most one alert, with the track's read, the box, times
 * and evidence of its best frame (largest, most confidently read, not cut
 * by the frame edge), its direction of travel and, with
 * #GstHotlistMatch:entering, whether it enters or leaves.  Text fixed in
 * the picture, a plate only ever seen cut by the edge (no alert), a read
 * under #GstHotlistMatch:vehicle-min-confidence and a glimpse are not
 * reported as vehicles; a track that ends reading as an open one is that
 * vehicle (found again after an occlusion) and reported with it.
 *
 * Plates that are not tracked are matched frame by frame: after an alert
 * for a listed plate, further reads matching the same hotlist entry at
 * this camera are suppressed until the entry has not been seen for
 * #GstHotlistMatch:dedup-window seconds (the window slides with every
 * sighting, so a vehicle standing in view alerts once).  Reads published
 * with #GstHotlistMatch:publish-reads are deduplicated the same way, keyed
 * on the read text.  Times are the buffers' running time (wall clock when
 * buffers carry no timestamp).  A dedup-window of 0 reports every
 * sighting.  The window also holds back a second alert for a tracked
 * vehicle whose track was split.
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
 * - for a tracked vehicle: `direction`, `image-direction`, `passage`
 *   (#gchararray), `sightings` (#guint) and, with
 *   #GstHotlistMatch:post-best-frame, `best-frame` (#GstSample); its times
 *   are its best frame's
 *
 * For each tracked vehicle it posts `anpr-vehicle` with `event-id`,
 * `camera-id`, `track-id`, `plate`, `confidence`, `region`, `format`, the
 * box, `matched` (#gboolean), the vehicle fields above and `json` (the
 * read event).  Frame by frame reads are not posted (plateocr already
 * posts `anpr-read`).
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
 * retained JSON status: `online`, `no-video` (no buffer for
 * #GstHotlistMatch:no-video-timeout), `reconnecting`
 * (#GstHotlistMatch:source-state, set by the application) with the frame
 * rate, frames analysed and lost upstream, and the queue depth, every
 * #GstHotlistMatch:status-interval and on every change; `offline` after a
 * clean stop or, as the last will, a lost connection.  Publishing never
 * blocks streaming: messages wait in a bounded queue
 * (#GstHotlistMatch:queue-size, or on disk with #GstHotlistMatch:spool-dir)
 * while the broker is away, go out oldest first on reconnection, and count
 * as delivered only when the broker acknowledges them.  A broker
 * unreachable for a few seconds is a warning (its return an info).  At EOS
 * the element waits up to #GstHotlistMatch:flush-timeout for outstanding
 * messages before passing EOS on, and posts a warning with the number lost
 * (details: `anpr-undelivered`, `count`) if any could be neither delivered
 * nor spooled.  Frames lost upstream (gaps in the timestamps) are a
 * warning, at most once a minute.  The other mqtt-* properties set TLS and
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
 *   gsthotlistmatch.c    the element: class, start and stop, events, caps,
 *                        and matching each buffer's plates
 *   hotlistprops.c       the properties: docs, defaults, get and set
 *   hotlistload.c        the hotlist: first load, live reloads, the thread
 *                        watching the files, retiring swapped-out lists
 *   hotlistmqtt.c        MQTT setup: URL, credentials, TLS, the publisher
 *   hotlistpublish.c     the dedup window, anpr-match, publishing events
 *   hotlistevidence.c    the JPEG evidence in match events
 *   hotlisttrack.c       vehicles: tracks gathered, reported once
 *   hotlistremote.c      the hotlist received over MQTT (hotlist-name):
 *                        applied whole, cached on disk, in the status
 *   hotlistmsg.c         its messages: read, checked, written (shared
 *                        with tools/anpr-hotlist-publish)
 *   mqttpublisher.c      the MQTT client (queue, delivery, reconnection)
 *   mqttspool.c          the MQTT client's on-disk spool
 * with the instance struct in gsthotlistmatchprivate.h. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "analysis.h"
#include "gsthotlistmatchprivate.h"
#include "hotlistevidence.h"
#include "hotlistload.h"
#include "hotlistmqtt.h"
#include "hotlistprops.h"
#include "hotlistpublish.h"
#include "hotlistremote.h"
#include "hotlisttrack.h"

GST_DEBUG_CATEGORY (gst_hotlist_match_debug);
#define GST_CAT_DEFAULT gst_hotlist_match_debug

/* Dropped frames warnings, after the first, at most this often. */
#define FRAMES_WARNING_INTERVAL_US (60 * G_USEC_PER_SEC)

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

static void gst_hotlist_match_finalize (GObject * object);
static gboolean gst_hotlist_match_start (GstBaseTransform * trans);
static gboolean gst_hotlist_match_stop (GstBaseTransform * trans);
static gboolean gst_hotlist_match_sink_event (GstBaseTransform * trans,
    GstEvent * event);
static gboolean gst_hotlist_match_set_caps (GstBaseTransform * trans,
    GstCaps * incaps, GstCaps * outcaps);
static GstFlowReturn gst_hotlist_match_transform_ip (GstBaseTransform * trans,
    GstBuffer * buf);
static void post_undelivered (GstHotlistMatch * self, guint lost);

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
  gst_hotlist_match_install_properties (gobject_class);

  gst_type_mark_as_plugin_api (GST_TYPE_HOTLIST_MATCH_EVIDENCE, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_HOTLIST_MATCH_SOURCE_STATE, 0);

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
  trans_class->set_caps = GST_DEBUG_FUNCPTR (gst_hotlist_match_set_caps);
  trans_class->transform_ip =
      GST_DEBUG_FUNCPTR (gst_hotlist_match_transform_ip);
}

static void
gst_hotlist_match_init (GstHotlistMatch * self)
{
  gst_hotlist_match_init_properties (self);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      g_free);
  g_mutex_init (&self->watch_lock);
  g_cond_init (&self->watch_cond);
  g_mutex_init (&self->status_lock);
  self->frames_searched = self->frames_skipped = -1;
  self->frame_duration = GST_CLOCK_TIME_NONE;
  self->last_pts = GST_CLOCK_TIME_NONE;

  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), TRUE);
}

static void
gst_hotlist_match_finalize (GObject * object)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (object);

  gst_hotlist_match_clear_properties (self);
  /* made at each start, freed at the next one or here */
  gst_hotlist_match_tracks_stop (self);
  g_clear_pointer (&self->hotlist, gst_anpr_hotlist_unref);
  g_clear_pointer (&self->remote_hotlist, gst_anpr_hotlist_unref);
  g_free (self->remote_sha256);
  g_free (self->remote_refused);
  g_slist_free_full (self->retired, (GDestroyNotify) gst_anpr_hotlist_unref);
  g_free (self->loaded_sig);
  g_mutex_clear (&self->watch_lock);
  g_cond_clear (&self->watch_cond);
  g_mutex_clear (&self->status_lock);
  g_hash_table_destroy (self->seen);
  g_free (self->topic_match);
  g_free (self->topic_read);

  G_OBJECT_CLASS (parent_class)->finalize (object);
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

  gst_hotlist_match_tracks_stop (self);
  g_hash_table_remove_all (self->seen);
  self->seen_calls = 0;
  gst_hotlist_match_tracks_start (self);
  self->drops_unreported = 0;
  self->last_drop_warning = 0;
  self->eos_flushed = FALSE;
  self->last_pts = GST_CLOCK_TIME_NONE;
  self->frames_dropped_unreported = 0;
  self->last_frames_warning_us = 0;
  memset (&self->skips, 0, sizeof (self->skips));

  /* the MQTT list: its cached copy now, the broker's once connected */
  if (!gst_hotlist_match_remote_start (self, prefix))
    goto done;
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
  if (!ok)
    gst_hotlist_match_remote_stop (self);
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
    gdouble timeout;
    guint lost;

    GST_OBJECT_LOCK (self);
    timeout = self->flush_timeout;
    GST_OBJECT_UNLOCK (self);
    /* after EOS the wait is over, and the rest already reported */
    lost = mqtt_publisher_free (self->mqtt, self->eos_flushed ? 0 :
        (gint64) (timeout * G_USEC_PER_SEC));
    self->mqtt = NULL;
    if (lost && !self->eos_flushed)
      post_undelivered (self, lost);
  }
  /* no message arrives any more */
  gst_hotlist_match_remote_stop (self);
  GST_OBJECT_LOCK (self);
  self->started = FALSE;
  hl = self->hotlist;
  self->hotlist = NULL;
  g_hash_table_remove_all (self->seen);
  GST_OBJECT_UNLOCK (self);
  if (hl)
    gst_anpr_hotlist_unref (hl);
  self->evidence_readable = FALSE;
  return TRUE;
}

/* A WARNING an application can count lost alerts from: its details are
 * an anpr-undelivered structure with the count. */
static void
post_undelivered (GstHotlistMatch * self, guint lost)
{
  GError *err = g_error_new (GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_WRITE,
      "%u MQTT message(s) (alerts) could not be delivered and are lost",
      lost);
  GstStructure *details = gst_structure_new ("anpr-undelivered", "count",
      G_TYPE_UINT, lost, NULL);

  /* GST_ELEMENT_WARNING_WITH_DETAILS names its structure "details": the
   * message is made here to give it a name of its own */
  GST_WARNING_OBJECT (self, "%s", err->message);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_warning_with_details (GST_OBJECT (self), err,
          "the broker did not acknowledge them within flush-timeout and "
          "there is no usable spool-dir", details));
  g_error_free (err);
}

static gboolean
gst_hotlist_match_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (trans);
  guint64 track_id;

  if (gst_anpr_track_end_event_parse (event, &track_id, NULL, NULL))
    gst_hotlist_match_track_end (self, track_id);
  if (GST_EVENT_TYPE (event) == GST_EVENT_CUSTOM_DOWNSTREAM &&
      gst_event_has_name (event, GST_ANPR_FRAMES)) {
    const GstStructure *s = gst_event_get_structure (event);
    guint64 searched = 0, skipped = 0;

    if (gst_structure_get_uint64 (s, "searched", &searched) &&
        gst_structure_get_uint64 (s, "skipped", &skipped)) {
      g_mutex_lock (&self->status_lock);
      self->frames_searched = (gint64) searched;
      self->frames_skipped = (gint64) skipped;
      g_mutex_unlock (&self->status_lock);
    }
  }
  /* the vehicles still in view are reported before the flush below */
  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS)
    gst_hotlist_match_tracks_end_all (self);

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS && self->mqtt) {
    gdouble timeout;

    GST_OBJECT_LOCK (self);
    timeout = self->flush_timeout;
    GST_OBJECT_UNLOCK (self);
    /* the last alert of a file or a stopping camera must not be lost */
    if (!mqtt_publisher_flush (self->mqtt,
            (gint64) (timeout * G_USEC_PER_SEC))) {
      MqttPublisherStats st;
      guint lost = mqtt_publisher_sync_spool (self->mqtt);

      mqtt_publisher_get_stats (self->mqtt, &st);
      GST_INFO_OBJECT (self, "EOS with %u MQTT messages queued and %u "
          "in flight, %u of them not on disk", st.queued, st.in_flight,
          lost);
      if (lost)
        post_undelivered (self, lost);
      else
        GST_ELEMENT_INFO (self, RESOURCE, WRITE,
            ("%u MQTT message(s) undelivered at EOS, kept in the spool for "
                "the next start", st.queued + st.in_flight), (NULL));
    }
    self->eos_flushed = TRUE;
  } else if (GST_EVENT_TYPE (event) == GST_EVENT_FLUSH_STOP ||
      GST_EVENT_TYPE (event) == GST_EVENT_SEGMENT) {
    /* no gap to count across a seek or a new segment */
    self->last_pts = GST_CLOCK_TIME_NONE;
  } else if (GST_EVENT_TYPE (event) == GST_EVENT_STREAM_START) {
    self->eos_flushed = FALSE;
  }
  return GST_BASE_TRANSFORM_CLASS (parent_class)->sink_event (trans, event);
}

/* TRUE when fixed @caps' buffers are in system memory, the only kind
 * evidence reads (meta:* features leave the memory as it is). */
static gboolean
caps_in_system_memory (const GstCaps * caps)
{
  GstCapsFeatures *features = gst_caps_get_features (caps, 0);
  guint i;

  for (i = 0; i < gst_caps_features_get_size (features); i++) {
    const gchar *f = gst_caps_features_get_nth (features, i);

    if (g_str_has_prefix (f, "memory:") &&
        strcmp (f, GST_CAPS_FEATURE_MEMORY_SYSTEM_MEMORY) != 0)
      return FALSE;
  }
  return TRUE;
}

/* Any video passes through; only raw video in system memory is read, for
 * evidence.  The caps are parsed here once, not per alert. */
static gboolean
gst_hotlist_match_set_caps (GstBaseTransform * trans, GstCaps * incaps,
    GstCaps * outcaps)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (trans);

  GstVideoInfo info;

  self->evidence_readable = caps_in_system_memory (incaps) &&
      gst_video_info_from_caps (&self->info, incaps);
  /* for counting frames lost upstream from the timestamps' gaps */
  self->frame_duration = GST_CLOCK_TIME_NONE;
  if (gst_video_info_from_caps (&info, incaps) && info.fps_n > 0 &&
      info.fps_d > 0)
    self->frame_duration = gst_util_uint64_scale_int (GST_SECOND, info.fps_d,
        info.fps_n);
  if (!self->evidence_readable)
    GST_DEBUG_OBJECT (self, "%" GST_PTR_FORMAT " is not raw video in system "
        "memory: no evidence", incaps);
  return TRUE;
}

/* For the status: every buffer counts as analysed, gaps in the timestamps
 * (against the buffers' duration, else the caps' framerate) as frames
 * dropped upstream; and the first drop, then at most every
 * FRAMES_WARNING_INTERVAL_US, is a WARNING with the count since. */
static void
count_frame (GstHotlistMatch * self, GstBuffer * buf, gboolean has_plates)
{
  GstClockTime pts = GST_BUFFER_PTS (buf);
  GstClockTime dur = GST_BUFFER_DURATION_IS_VALID (buf) ?
      GST_BUFFER_DURATION (buf) : self->frame_duration;
  guint64 dropped = 0;
  gint64 now = g_get_monotonic_time ();
  gboolean was_reconnecting;

  if (GST_CLOCK_TIME_IS_VALID (pts) && GST_CLOCK_TIME_IS_VALID (dur) &&
      dur > 0 && GST_CLOCK_TIME_IS_VALID (self->last_pts) &&
      pts > self->last_pts) {
    /* frames that fit in the gap, rounded: jitter is not a drop */
    guint64 n = (pts - self->last_pts + dur / 2) / dur;
    if (n > 1)
      dropped = n - 1;
  }
  if (GST_CLOCK_TIME_IS_VALID (pts))
    self->last_pts = pts;

  g_mutex_lock (&self->status_lock);
  self->frames_analysed++;
  self->frames_dropped += dropped;
  self->last_buffer_us = now;
  if (has_plates)
    self->last_read_us = now;
  g_mutex_unlock (&self->status_lock);

  /* video again: the application's reconnection is over */
  GST_OBJECT_LOCK (self);
  was_reconnecting =
      self->source_state == GST_HOTLIST_MATCH_SOURCE_RECONNECTING;
  self->source_state = GST_HOTLIST_MATCH_SOURCE_LIVE;
  GST_OBJECT_UNLOCK (self);
  if (was_reconnecting)
    g_object_notify (G_OBJECT (self), "source-state");

  self->frames_dropped_unreported += dropped;
  if (self->frames_dropped_unreported && (!self->last_frames_warning_us ||
          now - self->last_frames_warning_us >= FRAMES_WARNING_INTERVAL_US)) {
    GST_ELEMENT_WARNING (self, STREAM, FAILED,
        ("%" G_GUINT64_FORMAT " video frame(s) lost before analysis",
            self->frames_dropped_unreported),
        ("gaps in the buffer timestamps; the video source or an upstream "
            "queue drops frames"));
    self->frames_dropped_unreported = 0;
    self->last_frames_warning_us = now;
  }
}

static GstFlowReturn
gst_hotlist_match_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (trans);
  GstAnprEventContext ctx;
  GstAnprPlateMeta *meta;
  gpointer state = NULL;
  gchar *camera;
  gboolean has_plates = gst_buffer_get_n_anpr_plate_metas (buf) > 0;

  self->frame_no++;
  count_frame (self, buf, has_plates);
  if (!has_plates)
    return GST_FLOW_OK;

  GST_OBJECT_LOCK (self);
  camera = g_strdup (self->camera_id);
  GST_OBJECT_UNLOCK (self);

  gst_anpr_event_context_init (&ctx);
  ctx.camera_id = camera;
  ctx.wall_time_us = g_get_real_time ();
  analysis_buffer_times (&trans->segment, buf, &ctx.stream_time,
      &ctx.running_time);

  while ((meta = gst_buffer_iterate_anpr_plate_meta (buf, &state))) {
    if (meta->track_id && meta->track_frames > 0) {
      /* a vehicle followed by platedetect is reported once, from its
       * track (hotlisttrack.c) */
      gst_hotlist_match_track_sighting (self, buf, meta, &ctx);
      continue;
    }
    if (!meta->text[0])
      continue;
    gst_hotlist_match_report (self, buf, meta, &ctx, NULL, TRUE);
  }
  gst_hotlist_match_tracks_check (self);

  g_free (camera);
  return GST_FLOW_OK;
}
