/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "camera.h"

#include <string.h>
#include <gst/app/app.h>

#include "analysis.h"

/* Frames flowing this long count as a working connection: the next
 * failure starts the backoff from the beginning again. */
#define STABLE_AFTER_US (30 * G_USEC_PER_SEC)

/* Frames the analysis may have waiting; beyond, the oldest is dropped
 * (hotlistmatch counts the gap) so a slow frame never delays the
 * camera's stream. */
#define ANALYSIS_QUEUE_FRAMES 3

struct _Camera
{
  CameraConfig *config;
  CameraState state;

  GstElement *analysis;
  GstElement *appsrc;
  GstElement *elements[3];      /* platedetect, plateocr, hotlistmatch */
  guint analysis_watch;

  GstElement *source;
  guint source_watch;
  struct _SinkContext *sink_context;    /* the current source's */

  /* the frame hand-over, from the source's streaming thread */
  GMutex lock;
  gboolean got_frame;           /* since the source was made */
  gint64 last_frame_us;
  GstClockTime first_source_time;
  GstClockTime pts_base;
  GstClockTime last_pts;
  GstCaps *caps;
  guint64 frames;

  gint64 connect_us;
  gint64 online_since_us;
  guint attempts;
  guint retry_id;
  guint tick_id;
  guint stop_timeout_id;
  guint64 undelivered;

  CameraStoppedFunc stopped;
  gpointer stopped_data;
};

static gint pending_teardowns;

static void camera_connect (Camera * cam);
static void camera_reconnect (Camera * cam, const gchar * why);

guint
camera_pending_teardowns (void)
{
  return (guint) g_atomic_int_get (&pending_teardowns);
}

const gchar *
camera_state_name (CameraState state)
{
  switch (state) {
    case CAMERA_CONNECTING:
      return "connecting";
    case CAMERA_ONLINE:
      return "online";
    case CAMERA_RECONNECTING:
      return "reconnecting";
    case CAMERA_STOPPING:
      return "stopping";
    case CAMERA_STOPPED:
      return "stopped";
  }
  return "unknown";
}

Camera *
camera_new (const CameraConfig * config)
{
  Camera *cam = g_new0 (Camera, 1);

  cam->config = camera_config_copy (config);
  cam->state = CAMERA_STOPPED;
  g_mutex_init (&cam->lock);
  return cam;
}

const CameraConfig *
camera_get_config (Camera * cam)
{
  return cam->config;
}

CameraState
camera_get_state (Camera * cam)
{
  return cam->state;
}

guint64
camera_get_undelivered (Camera * cam)
{
  return cam->undelivered;
}

guint64
camera_get_frames (Camera * cam)
{
  guint64 n;

  g_mutex_lock (&cam->lock);
  n = cam->frames;
  g_mutex_unlock (&cam->lock);
  return n;
}

guint64
camera_get_hotlist_version (Camera * cam)
{
  guint64 version = 0;

  /* main context, as the analysis is made and dropped */
  if (cam->elements[2] != NULL)
    g_object_get (cam->elements[2], "hotlist-version", &version, NULL);
  return version;
}

/* ---- the source: the camera's URL to raw frames ---- */

static gpointer
teardown_thread (gpointer data)
{
  GstElement *pipeline = data;

  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  g_atomic_int_add (&pending_teardowns, -1);
  return NULL;
}

/* Setting a source to NULL can block for long (an RTSP TEARDOWN to a
 * camera that stopped answering), so it happens in a thread of its own
 * and the other cameras, and this one's next attempt, go on. */
/* What a source's appsink calls back with.  A source being torn down may
 * still be delivering a frame while the camera moves on (or is freed): the
 * camera detaches itself under @lock, which each frame's hand-over holds,
 * and the appsink keeps the context alive until its last callback. */
typedef struct _SinkContext
{
  GMutex lock;
  Camera *cam;                  /* NULL once detached */
} SinkContext;

static void
sink_context_clear (SinkContext * ctx)
{
  g_mutex_clear (&ctx->lock);
}

static void
sink_context_unref (gpointer ctx)
{
  g_atomic_rc_box_release_full (ctx, (GDestroyNotify) sink_context_clear);
}

static void
camera_drop_source (Camera * cam)
{
  if (cam->sink_context != NULL) {
    g_mutex_lock (&cam->sink_context->lock);
    cam->sink_context->cam = NULL;
    g_mutex_unlock (&cam->sink_context->lock);
    sink_context_unref (cam->sink_context);
    cam->sink_context = NULL;
  }
  if (cam->source_watch != 0) {
    g_source_remove (cam->source_watch);
    cam->source_watch = 0;
  }
  if (cam->source != NULL) {
    g_atomic_int_inc (&pending_teardowns);
    g_thread_unref (g_thread_new ("camera-teardown", teardown_thread,
            cam->source));
    cam->source = NULL;
  }
}

/* Hands @sample over to the analysis, from the source's streaming
 * thread. */
static void
camera_take_sample (Camera * cam, GstSample * sample)
{
  GstBuffer *buf = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample), *new_caps = NULL;
  const GstSegment *segment = gst_sample_get_segment (sample);
  GstClockTime source_time = GST_CLOCK_TIME_NONE, pts;

  if (buf == NULL || caps == NULL)
    return;
  if (segment != NULL && segment->format == GST_FORMAT_TIME)
    source_time = gst_segment_to_running_time (segment, GST_FORMAT_TIME,
        GST_BUFFER_PTS (buf));

  g_mutex_lock (&cam->lock);
  /* The analysis sees one timeline across reconnections: each connection
   * keeps its frames' spacing from where the analysis' clock stood when
   * its first frame came (the clock is asked then, and for a frame
   * without a usable time, not for every frame). */
  if (!cam->got_frame) {
    cam->got_frame = TRUE;
    cam->first_source_time = source_time;
    cam->pts_base = gst_element_get_current_running_time (cam->analysis);
  }
  if (GST_CLOCK_TIME_IS_VALID (source_time)
      && GST_CLOCK_TIME_IS_VALID (cam->first_source_time)
      && source_time >= cam->first_source_time
      && GST_CLOCK_TIME_IS_VALID (cam->pts_base))
    pts = cam->pts_base + (source_time - cam->first_source_time);
  else
    pts = gst_element_get_current_running_time (cam->analysis);
  if (GST_CLOCK_TIME_IS_VALID (cam->last_pts)
      && (!GST_CLOCK_TIME_IS_VALID (pts) || pts <= cam->last_pts))
    pts = cam->last_pts + 1;
  cam->last_pts = pts;
  cam->last_frame_us = g_get_monotonic_time ();
  cam->frames++;
  if (cam->caps == NULL || !gst_caps_is_equal (cam->caps, caps)) {
    gst_caps_replace (&cam->caps, caps);
    new_caps = gst_caps_ref (caps);
  }
  g_mutex_unlock (&cam->lock);

  if (new_caps != NULL) {
    gst_app_src_set_caps (GST_APP_SRC (cam->appsrc), new_caps);
    gst_caps_unref (new_caps);
  }
  buf = gst_buffer_copy (buf);  /* metadata only; the pixels are shared */
  GST_BUFFER_PTS (buf) = pts;
  GST_BUFFER_DTS (buf) = GST_CLOCK_TIME_NONE;
  gst_app_src_push_buffer (GST_APP_SRC (cam->appsrc), buf);
}

static GstFlowReturn
on_new_sample (GstAppSink * sink, gpointer data)
{
  SinkContext *ctx = data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  GstFlowReturn ret = GST_FLOW_OK;

  if (sample == NULL)
    return GST_FLOW_EOS;
  g_mutex_lock (&ctx->lock);
  if (ctx->cam != NULL)
    camera_take_sample (ctx->cam, sample);
  else
    ret = GST_FLOW_FLUSHING;    /* this source is on its way out */
  g_mutex_unlock (&ctx->lock);
  gst_sample_unref (sample);
  return ret;
}

static void
on_source_setup (GstElement * bin, GstElement * source, Camera * cam)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (source);

  (void) bin;
  if (g_object_class_find_property (klass, "latency"))
    g_object_set (source, "latency", cam->config->latency_ms, NULL);
  if (g_object_class_find_property (klass, "protocols"))
    gst_util_set_object_arg (G_OBJECT (source), "protocols",
        cam->config->protocols);
}

static gboolean
on_source_message (GstBus * bus, GstMessage * msg, gpointer data)
{
  Camera *cam = data;
  GError *err = NULL;
  gchar *why;

  (void) bus;
  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ERROR:
      gst_message_parse_error (msg, &err, NULL);
      why = g_strdup_printf ("source error: %s", err->message);
      g_error_free (err);
      camera_reconnect (cam, why);
      g_free (why);
      break;
    case GST_MESSAGE_EOS:
      camera_reconnect (cam, "the stream ended");
      break;
    case GST_MESSAGE_WARNING:
      gst_message_parse_warning (msg, &err, NULL);
      g_warning ("camera %s: source: %s", cam->config->id, err->message);
      g_error_free (err);
      break;
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

/* uridecodebin's video pad goes to the converter; any other stream the
 * camera sends (audio, metadata) is left unlinked. */
static void
on_pad_added (GstElement * dec, GstPad * pad, GstElement * convert)
{
  GstCaps *caps = gst_pad_get_current_caps (pad);
  GstPad *sinkpad = gst_element_get_static_pad (convert, "sink");

  (void) dec;
  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  if (!gst_pad_is_linked (sinkpad) && gst_caps_get_size (caps) > 0
      && g_str_has_prefix (gst_structure_get_name (gst_caps_get_structure
              (caps, 0)), "video/"))
    gst_pad_link (pad, sinkpad);
  gst_caps_unref (caps);
  gst_object_unref (sinkpad);
}

static void
camera_connect (Camera * cam)
{
  GstElement *pipeline, *dec, *convert, *sink;
  GstCaps *caps;
  GstBus *bus;
  SinkContext *ctx;
  GstAppSinkCallbacks callbacks = { 0, };
  gboolean file = g_str_has_prefix (cam->config->url, "file:");

  pipeline = gst_pipeline_new (cam->config->id);
  dec = gst_element_factory_make ("uridecodebin", NULL);
  convert = gst_element_factory_make ("videoconvert", NULL);
  sink = gst_element_factory_make ("appsink", NULL);
  if (dec == NULL || convert == NULL || sink == NULL) {
    gst_clear_object (&dec);
    gst_clear_object (&convert);
    gst_clear_object (&sink);
    gst_object_unref (pipeline);
    camera_reconnect (cam, "uridecodebin, videoconvert or appsink is "
        "missing (GStreamer base plugins)");
    return;
  }
  g_object_set (dec, "uri", cam->config->url, NULL);
  g_signal_connect (dec, "source-setup", G_CALLBACK (on_source_setup), cam);
  caps = gst_caps_from_string (ANALYSIS_VIDEO_CAPS);
  /* a file plays at its own pace, as a camera would; a live source is
   * taken as it comes */
  g_object_set (sink, "caps", caps, "sync", file, "max-buffers", 1,
      "drop", TRUE, NULL);
  gst_caps_unref (caps);
  gst_bin_add_many (GST_BIN (pipeline), dec, convert, sink, NULL);
  gst_element_link (convert, sink);
  g_signal_connect (dec, "pad-added", G_CALLBACK (on_pad_added), convert);

  g_mutex_lock (&cam->lock);
  cam->got_frame = FALSE;
  g_mutex_unlock (&cam->lock);
  ctx = g_atomic_rc_box_new0 (SinkContext);
  g_mutex_init (&ctx->lock);
  ctx->cam = cam;
  cam->sink_context = g_atomic_rc_box_acquire (ctx);
  callbacks.new_sample = on_new_sample;
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, ctx,
      sink_context_unref);

  bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  cam->source_watch = gst_bus_add_watch (bus, on_source_message, cam);
  gst_object_unref (bus);
  cam->source = pipeline;
  cam->state = CAMERA_CONNECTING;
  cam->connect_us = g_get_monotonic_time ();
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE)
    camera_reconnect (cam, "the source would not start");
}

static guint
backoff_ms (Camera * cam)
{
  guint shift = MIN (cam->attempts, 16);
  guint64 s = (guint64) cam->config->backoff_min_s << shift;

  s = MIN (s, cam->config->backoff_max_s);
  /* spread cameras that dropped together (a switch, an NVR restart) so
   * they do not all knock at once */
  return (guint) (s * 1000 * g_random_double_range (0.8, 1.0));
}

/* Makes again what was dropped: the source, or with the analysis gone too,
 * the whole camera. */
static gboolean
on_retry (gpointer data)
{
  Camera *cam = data;

  cam->retry_id = 0;
  if (cam->analysis == NULL)
    camera_start (cam);
  else
    camera_connect (cam);
  return G_SOURCE_REMOVE;
}

/* Waits out the backoff before on_retry, saying why and when. */
static void
camera_schedule_retry (Camera * cam, const gchar * why, const gchar * what)
{
  guint delay = backoff_ms (cam);
  gchar *url = service_config_redact_url (cam->config->url);

  cam->attempts++;
  g_warning ("camera %s: %s (%s); %s in %.1f s (attempt %u)",
      cam->config->id, why, url, what, delay / 1000.0, cam->attempts);
  g_free (url);
  cam->state = CAMERA_RECONNECTING;
  if (cam->retry_id != 0)
    g_source_remove (cam->retry_id);
  cam->retry_id = g_timeout_add (delay, on_retry, cam);
}

static void
set_source_state (Camera * cam, const gchar * state)
{
  GstElement *match = cam->elements[2];

  if (match != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS
          (match), "source-state"))
    gst_util_set_object_arg (G_OBJECT (match), "source-state", state);
}

static void
camera_reconnect (Camera * cam, const gchar * why)
{
  if (cam->state == CAMERA_STOPPING || cam->state == CAMERA_STOPPED)
    return;
  camera_drop_source (cam);
  set_source_state (cam, "reconnecting");
  camera_schedule_retry (cam, why, "reconnecting");
}

/* The watchdog: once a second, whether the source delivers. */
static gboolean
on_tick (gpointer data)
{
  Camera *cam = data;
  gint64 now = g_get_monotonic_time (), last;
  gboolean got;
  gchar *why;

  g_mutex_lock (&cam->lock);
  got = cam->got_frame;
  last = cam->last_frame_us;
  g_mutex_unlock (&cam->lock);

  if (cam->state == CAMERA_CONNECTING) {
    if (got) {
      g_message ("camera %s: video flowing", cam->config->id);
      cam->state = CAMERA_ONLINE;
      cam->online_since_us = now;
    } else if (now - cam->connect_us >
        (gint64) cam->config->connect_timeout_s * G_USEC_PER_SEC) {
      why = g_strdup_printf ("no video %u s after connecting",
          cam->config->connect_timeout_s);
      camera_reconnect (cam, why);
      g_free (why);
    }
  } else if (cam->state == CAMERA_ONLINE) {
    if (now - last > (gint64) cam->config->watchdog_s * G_USEC_PER_SEC) {
      why = g_strdup_printf ("no frame for %u s", cam->config->watchdog_s);
      camera_reconnect (cam, why);
      g_free (why);
    } else if (cam->attempts > 0 && now - cam->online_since_us >
        STABLE_AFTER_US) {
      cam->attempts = 0;
    }
  }
  return G_SOURCE_CONTINUE;
}

/* ---- the analysis: raw frames to reads and alerts ---- */

static void
camera_finish_stop (Camera * cam)
{
  CameraStoppedFunc stopped = cam->stopped;

  if (cam->state == CAMERA_STOPPED)
    return;
  if (cam->stop_timeout_id != 0) {
    g_source_remove (cam->stop_timeout_id);
    cam->stop_timeout_id = 0;
  }
  if (cam->analysis_watch != 0) {
    g_source_remove (cam->analysis_watch);
    cam->analysis_watch = 0;
  }
  if (cam->analysis != NULL)
    gst_element_set_state (cam->analysis, GST_STATE_NULL);
  cam->state = CAMERA_STOPPED;
  cam->stopped = NULL;
  if (stopped != NULL)
    stopped (cam, cam->stopped_data);
}

static void
camera_drop_analysis (Camera * cam)
{
  guint i;

  if (cam->analysis_watch != 0) {
    g_source_remove (cam->analysis_watch);
    cam->analysis_watch = 0;
  }
  if (cam->analysis != NULL) {
    gst_element_set_state (cam->analysis, GST_STATE_NULL);
    gst_clear_object (&cam->analysis);
  }
  cam->appsrc = NULL;
  for (i = 0; i < G_N_ELEMENTS (cam->elements); i++)
    cam->elements[i] = NULL;
}

static void
log_match (Camera * cam, const GstStructure * s)
{
  g_message ("camera %s: match %s (%s list %s, %s) event %s",
      cam->config->id, gst_structure_get_string (s, "plate"),
      gst_structure_get_string (s, "match-kind"),
      gst_structure_get_string (s, "hotlist-list"),
      gst_structure_get_string (s, "reason"),
      gst_structure_get_string (s, "event-id"));
}

static gboolean
on_analysis_message (GstBus * bus, GstMessage * msg, gpointer data)
{
  Camera *cam = data;
  const GstStructure *s;
  const GstStructure *details = NULL;
  GError *err = NULL;
  guint count;

  (void) bus;
  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ERROR:{
      gchar *why;

      gst_message_parse_error (msg, &err, NULL);
      if (cam->state == CAMERA_STOPPING) {
        g_warning ("camera %s: analysis error while stopping: %s",
            cam->config->id, err->message);
        g_error_free (err);
        camera_finish_stop (cam);
        break;
      }
      why = g_strdup_printf ("analysis error: %s", err->message);
      g_error_free (err);
      camera_drop_source (cam);
      camera_drop_analysis (cam);
      camera_schedule_retry (cam, why, "restarting");
      g_free (why);
      return G_SOURCE_REMOVE;
    }
    case GST_MESSAGE_WARNING:
      gst_message_parse_warning (msg, &err, NULL);
      gst_message_parse_warning_details (msg, &details);
      g_warning ("camera %s: %s: %s", cam->config->id,
          GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), err->message);
      g_error_free (err);
      if (details != NULL
          && gst_structure_has_name (details, "anpr-undelivered")
          && gst_structure_get_uint (details, "count", &count))
        cam->undelivered += count;
      break;
    case GST_MESSAGE_ELEMENT:
      s = gst_message_get_structure (msg);
      if (s != NULL && gst_structure_has_name (s, "anpr-match"))
        log_match (cam, s);
      break;
    case GST_MESSAGE_EOS:
      if (cam->state == CAMERA_STOPPING)
        camera_finish_stop (cam);
      break;
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

static void
apply_setting (Camera * cam, const gchar * setting)
{
  const gchar *eq = strchr (setting, '=');
  gchar *key = g_strndup (setting, eq - setting);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cam->elements); i++) {
    GObject *obj = G_OBJECT (cam->elements[i]);

    if (g_object_class_find_property (G_OBJECT_GET_CLASS (obj), key))
      gst_util_set_object_arg (obj, key, eq + 1);
  }
  g_free (key);
}

static gboolean
camera_build_analysis (Camera * cam)
{
  static const gchar *const names[] = { "platedetect", "plateocr",
    "hotlistmatch"
  };
  GstElement *sink;
  GstBus *bus;
  guint i;

  cam->analysis = gst_pipeline_new (cam->config->id);
  gst_object_ref_sink (cam->analysis);
  cam->appsrc = gst_element_factory_make ("appsrc", NULL);
  sink = gst_element_factory_make ("fakesink", NULL);
  if (cam->appsrc == NULL || sink == NULL)
    goto missing;
  gst_bin_add_many (GST_BIN (cam->analysis), cam->appsrc, sink, NULL);
  for (i = 0; i < G_N_ELEMENTS (names); i++) {
    cam->elements[i] = gst_element_factory_make (names[i], NULL);
    if (cam->elements[i] == NULL)
      goto missing;
    gst_bin_add (GST_BIN (cam->analysis), cam->elements[i]);
  }
  g_object_set (cam->appsrc, "is-live", TRUE, "format", GST_FORMAT_TIME,
      "max-buffers", (guint64) ANALYSIS_QUEUE_FRAMES, NULL);
  gst_util_set_object_arg (G_OBJECT (cam->appsrc), "leaky-type",
      "downstream");
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  if (!gst_element_link_many (cam->appsrc, cam->elements[0],
          cam->elements[1], cam->elements[2], sink, NULL))
    goto missing;
  for (i = 0; i < cam->config->element_settings->len; i++)
    apply_setting (cam, g_ptr_array_index (cam->config->element_settings,
            i));

  bus = gst_pipeline_get_bus (GST_PIPELINE (cam->analysis));
  cam->analysis_watch = gst_bus_add_watch (bus, on_analysis_message, cam);
  gst_object_unref (bus);
  return TRUE;

missing:
  g_warning ("camera %s: cannot build the analysis: an element is missing "
      "(appsrc, fakesink, platedetect, plateocr, hotlistmatch)",
      cam->config->id);
  camera_drop_analysis (cam);
  return FALSE;
}

void
camera_start (Camera * cam)
{
  gchar *url = service_config_redact_url (cam->config->url);

  g_message ("camera %s: starting (%s)", cam->config->id, url);
  g_free (url);
  cam->state = CAMERA_CONNECTING;
  if (cam->tick_id == 0)
    cam->tick_id = g_timeout_add_seconds (1, on_tick, cam);
  g_mutex_lock (&cam->lock);
  cam->last_pts = GST_CLOCK_TIME_NONE;
  gst_caps_replace (&cam->caps, NULL);
  g_mutex_unlock (&cam->lock);
  if (!camera_build_analysis (cam)
      || gst_element_set_state (cam->analysis, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE) {
    /* the error message on the analysis bus says why and restarts it;
     * without a bus (an element missing) retry the same way */
    if (cam->analysis == NULL)
      camera_schedule_retry (cam, "no analysis", "restarting");
    return;
  }
  camera_connect (cam);
}

static gboolean
on_stop_timeout (gpointer data)
{
  Camera *cam = data;

  cam->stop_timeout_id = 0;
  g_warning ("camera %s: alerts not flushed in time; stopping anyway",
      cam->config->id);
  camera_finish_stop (cam);
  return G_SOURCE_REMOVE;
}

void
camera_stop (Camera * cam, guint timeout_s, CameraStoppedFunc done,
    gpointer user_data)
{
  cam->stopped = done;
  cam->stopped_data = user_data;
  if (cam->retry_id != 0) {
    g_source_remove (cam->retry_id);
    cam->retry_id = 0;
  }
  if (cam->tick_id != 0) {
    g_source_remove (cam->tick_id);
    cam->tick_id = 0;
  }
  camera_drop_source (cam);
  if (cam->analysis == NULL || cam->state == CAMERA_STOPPED) {
    cam->state = CAMERA_STOPPING;
    camera_finish_stop (cam);
    return;
  }
  cam->state = CAMERA_STOPPING;
  /* hotlistmatch delivers or spools what it holds when EOS reaches it */
  gst_app_src_end_of_stream (GST_APP_SRC (cam->appsrc));
  cam->stop_timeout_id = g_timeout_add_seconds (timeout_s, on_stop_timeout,
      cam);
}

void
camera_free (Camera * cam)
{
  if (cam->state != CAMERA_STOPPED) {
    cam->stopped = NULL;
    camera_stop (cam, 1, NULL, NULL);
    camera_finish_stop (cam);
  }
  camera_drop_analysis (cam);
  g_mutex_lock (&cam->lock);
  gst_caps_replace (&cam->caps, NULL);
  g_mutex_unlock (&cam->lock);
  g_mutex_clear (&cam->lock);
  camera_config_free (cam->config);
  g_free (cam);
}
