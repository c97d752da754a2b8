/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-platedetect
 * @title: platedetect
 * @see_also: plateocr, hotlistmatch
 *
 * Finds number plates (licence plates) in video frames.  The element only
 * looks at the pixels: frames pass through unchanged, mapped read-only, and
 * every plate found is attached to the buffer as metadata:
 *
 * * a #GstAnprPlateMeta (from libgstanpr-1.0, `#include <gst/anpr/anpr.h>`)
 *   per plate, with the plate box in pixels of the frame and
 *   `detect_confidence` (0..1).  Plates on a buffer get ids 0..n-1, best
 *   first.  Downstream, plateocr fills in the text of each plate.  This meta
 *   survives videoconvert and videoscale (the box is rescaled).
 * * a #GstVideoRegionOfInterestMeta per plate for generic consumers, with
 *   `roi_type` "license-plate", the same box, `id` equal to the id of the
 *   matching #GstAnprPlateMeta, and a "detection" parameter structure
 *   carrying the detector confidence as a double field `confidence`.
 *
 * The detector (OpenCV, no learned model) finds rows of character-like
 * blobs (dark on light or light on dark) at two or three scales, groups
 * them into plate candidates and scores each candidate on character count,
 * size and spacing regularity, alignment, stroke/background contrast and
 * background uniformity; the best candidates above
 * #GstPlateDetect:threshold are reported, at most
 * #GstPlateDetect:max-plates per frame.  Frames wider than
 * #GstPlateDetect:process-width are analysed downscaled (boxes are always
 * reported in pixels of the original frame).
 *
 * If #GstPlateDetect:message is %TRUE, the element also posts an element
 * message named `platedetect` for every analysed frame with at least one
 * plate, with these fields:
 *
 * * #GstClockTime `timestamp`: the timestamp of the buffer
 * * #GstClockTime `stream-time`: the stream time of the buffer
 * * #GstClockTime `running-time`: the running time of the buffer
 * * #GstClockTime `duration`: the duration of the buffer, only when it is
 *   valid
 * * #GstValueList `plates`: one #GstStructure `plate` per plate, with
 *   #guint `id`, #gint `x`, `y`, `width`, `height` and #gdouble
 *   `confidence`, and #guint64 `track-id` (0 when
 *   #GstPlateDetect:tracking is off)
 *
 * ## Tracking
 *
 * With #GstPlateDetect:tracking (the default) the element follows each
 * plate from frame to frame, so that the elements downstream see one
 * vehicle, not a plate per frame.  Tracking belongs here, with the
 * detector: it knows the boxes of every frame, and will later follow plates
 * between detections instead of detecting on every frame; a pipeline
 * written as before (`platedetect ! plateocr ! hotlistmatch`) gets
 * tracking without any change.  Each #GstAnprPlateMeta gets:
 *
 * * `track_id`: the vehicle's id, the same on all its frames; ids start
 *   at 1 and are never given twice in the element's life (0 when
 *   tracking is off)
 * * `track_frames`: the frames the track has been detected in, this one
 *   included
 * * `track_flags`: %GST_ANPR_TRACK_FLAG_NEW on the first sighting,
 *   %GST_ANPR_TRACK_FLAG_EDGE when the box is within 2 pixels of an edge
 *   of the frame (the plate may be cut), %GST_ANPR_TRACK_FLAG_STATIC when
 *   the plate is text fixed in the picture: first seen in the first 2
 *   seconds of the stream and not moved since by more than a third of its
 *   height (a logo, a burnt-in clock, a sign), or back, not moving, where
 *   such a track was.  A vehicle that drove in and parked moved on its
 *   way in and is not static; a static track that moves loses the flag.
 *   The other flags and the `track_text` fields are plateocr's.
 *
 * Each track's box is predicted at the frame's time from its smoothed
 * position, size and speed, and the boxes found are given to the tracks
 * whose prediction is close, the closest first, within a gate of about
 * half a plate width: two vehicles side by side never swap or share a
 * track, and a box no track claims starts a new one.  A track that is not
 * detected lives on for #GstPlateDetect:track-timeout seconds, its
 * predicted box moving on, so a vehicle hidden for a moment (a bus
 * passing) is found again where it went and keeps its id.  Times are the
 * buffers' PTS (a frame counter at the negotiated framerate stands in for
 * a missing one), so the timeout holds with any #GstPlateDetect:interval;
 * frames that are not analysed still carry no metas.
 *
 * When a track ends the element sends a custom serialized downstream event
 * %GST_ANPR_TRACK_END_EVENT (`anpr-track-end`, read with
 * gst_anpr_track_end_event_parse()) with the track's id, frame count and
 * the PTS of its last sighting; hotlistmatch publishes the vehicle's read
 * then.  Every track ends exactly once:
 *
 * * not seen for the timeout: the event goes out when the first frame
 *   analysed after the timeout is processed, just before that frame (the
 *   track was not on it, so all the track's frames are already
 *   downstream);
 * * at EOS, STREAM_START (another stream: the places of static text are
 *   forgotten too) and a SEGMENT different from the current one (its
 *   timestamps do not continue the tracks'), every open track ends before
 *   that event goes downstream; after a flush (FLUSH_STOP), once the flush
 *   has gone downstream; and when #GstPlateDetect:tracking is turned off;
 * * a stop (PAUSED to READY) just forgets the tracks.
 *
 * A frame the detector cannot analyse (for example corrupt data making
 * OpenCV throw) is logged as a warning and passed through without plates;
 * a buffer that cannot be mapped as a frame of the negotiated caps is
 * passed through unanalysed, with an element warning (the first, then at
 * most one every ten seconds, giving the count).
 *
 * ## Example launch lines
 * |[
 * gst-launch-1.0 filesrc location=car.jpg ! jpegdec ! videoconvert ! platedetect message=true ! fakesink -m
 * ]| Finds the plates in one photo and prints the element message.
 * |[
 * gst-launch-1.0 uridecodebin uri=rtsp://camera/stream ! videoconvert ! platedetect process-width=1280 interval=2 ! plateocr ! fakesink
 * ]| Analyses every second frame of a camera stream, downscaled to 1280
 * pixels wide, and reads the plates found.
 * |[
 * gst-launch-1.0 -m filesrc location=cars.mp4 ! decodebin ! videoconvert ! platedetect track-timeout=2.0 message=true ! fakesink
 * ]| Prints each frame's plates with their track ids; a vehicle hidden for
 * up to two seconds keeps its track.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <stdlib.h>

#include <gst/anpr/anpr.h>

#include "analysis.h"
#include "gstplatedetect.h"

/* the tracker is plain C: its flags are the meta's */
G_STATIC_ASSERT (PLATE_TRACKER_FLAG_NEW == GST_ANPR_TRACK_FLAG_NEW);
G_STATIC_ASSERT (PLATE_TRACKER_FLAG_STATIC == GST_ANPR_TRACK_FLAG_STATIC);
G_STATIC_ASSERT (PLATE_TRACKER_FLAG_EDGE == GST_ANPR_TRACK_FLAG_EDGE);

GST_DEBUG_CATEGORY (gst_plate_detect_debug);   /* the detector's C++ too */
#define GST_CAT_DEFAULT gst_plate_detect_debug

#define DEFAULT_PROP_THRESHOLD 0.35f
#define DEFAULT_PROP_MIN_PLATE_WIDTH 40
#define DEFAULT_PROP_MAX_PLATES 5
#define DEFAULT_PROP_PROCESS_WIDTH 1280
#define DEFAULT_PROP_INTERVAL 1
#define DEFAULT_PROP_MESSAGE FALSE
#define DEFAULT_PROP_TRACKING TRUE
#define DEFAULT_PROP_TRACK_TIMEOUT 1.0
#define DEFAULT_PROP_DETECT_INTERVAL 0.2
#define DEFAULT_PROP_MOTION TRUE
#define DEFAULT_PROP_FULL_FRAME_INTERVAL 10.0

/* Searched around a predicted plate: its own size on each side
 * horizontally (a newborn track does not know its speed yet), its height
 * vertically, and never less than a motion cell.  Around static text only
 * half its height: it does not move, and a wider search would only find
 * the scenery around it. */
#define TRACK_MARGIN_W 1.0
#define TRACK_MARGIN_H 1.0
#define STATIC_MARGIN 0.5
/* Changed cells grown by this much before they are searched: the parts of
 * a plate that did not change (its plain background) come with the parts
 * that did. */
#define MOTION_MARGIN (2 * PLATE_MOTION_CELL)
/* A track seen fewer times than this is searched for on every frame, not
 * only at the detections: a plate the detector has just found is read
 * from several frames before the vehicle moves on (the vote wants three
 * agreeing readings, hotlistmatch three sightings), and a plate it finds
 * only now and then (hard to detect) gets more chances. */
#define YOUNG_SIGHTINGS 6
/* ... on every frame while it is still found there; once missed on more
 * frames in a row than this, the detector finds it only now and then and
 * its box rarely shows it on the next frame, so it is searched on every
 * other one: half the cost, and still chances more than the detections
 * give a plate hard to find. */
#define YOUNG_MISSED 1

/* Regions covering more of the frame than this are searched as the whole
 * frame: the crops' borders would cost more than they save. */
#define MAX_REGION_SHARE 0.6
/* The plate sizes a young track's search between detections looks for,
 * against its predicted box: vehicles approach or recede by a few percent
 * a frame, and boxes of one plate vary by a few pixels. */
#define YOUNG_SIZE_SLACK_MIN 0.75
#define YOUNG_SIZE_SLACK_MAX 1.35

/* the motion map's regions go to the detector as they are */
G_STATIC_ASSERT (sizeof (PlateMotionRegion) == sizeof (PlateDetectorRegion));

/* Upper bound of max-plates: boxes are kept on the stack. */
#define MAX_PLATES_LIMIT 64

enum
{
  PROP_0,
  PROP_THRESHOLD,
  PROP_MIN_PLATE_WIDTH,
  PROP_MAX_PLATES,
  PROP_PROCESS_WIDTH,
  PROP_INTERVAL,
  PROP_MESSAGE,
  PROP_TRACKING,
  PROP_TRACK_TIMEOUT,
  PROP_DETECT_INTERVAL,
  PROP_MOTION,
  PROP_FULL_FRAME_INTERVAL
};

static GstStaticPadTemplate gst_plate_detect_sink_template =
GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK,
    GST_PAD_ALWAYS,
    GST_STATIC_CAPS (ANALYSIS_VIDEO_CAPS)
    );

static GstStaticPadTemplate gst_plate_detect_src_template =
GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC,
    GST_PAD_ALWAYS,
    GST_STATIC_CAPS (ANALYSIS_VIDEO_CAPS)
    );

#define gst_plate_detect_parent_class parent_class
G_DEFINE_TYPE (GstPlateDetect, gst_plate_detect, GST_TYPE_VIDEO_FILTER);
GST_ELEMENT_REGISTER_DEFINE (platedetect, "platedetect", GST_RANK_NONE,
    GST_TYPE_PLATE_DETECT);

static void gst_plate_detect_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec);
static void gst_plate_detect_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec);
static void gst_plate_detect_finalize (GObject * object);
static gboolean gst_plate_detect_start (GstBaseTransform * trans);
static gboolean gst_plate_detect_stop (GstBaseTransform * trans);
static gboolean gst_plate_detect_sink_event (GstBaseTransform * trans,
    GstEvent * event);
static GstFlowReturn gst_plate_detect_transform_ip (GstBaseTransform * trans,
    GstBuffer * buf);

static void
gst_plate_detect_class_init (GstPlateDetectClass * klass)
{
  GObjectClass *gobject_class = (GObjectClass *) klass;
  GstElementClass *element_class = (GstElementClass *) klass;
  GstBaseTransformClass *trans_class = (GstBaseTransformClass *) klass;

  GST_DEBUG_CATEGORY_INIT (gst_plate_detect_debug, "platedetect", 0,
      "Number plate detection");

  gobject_class->set_property = gst_plate_detect_set_property;
  gobject_class->get_property = gst_plate_detect_get_property;
  gobject_class->finalize = gst_plate_detect_finalize;

  /**
   * GstPlateDetect:threshold:
   *
   * Minimum detector confidence of a reported plate.  Lower finds more
   * plates and more false boxes; each false box costs the reader
   * downstream an OCR pass.
   */
  g_object_class_install_property (gobject_class, PROP_THRESHOLD,
      g_param_spec_float ("threshold", "Threshold",
          "Minimum confidence (0..1) of a reported plate; lower finds more "
          "plates and more false boxes", 0.0f, 1.0f,
          DEFAULT_PROP_THRESHOLD,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateDetect:min-plate-width:
   *
   * Smallest plate reported, in pixels of the frame.  Plates narrower than
   * about 60 pixels are rarely readable.
   */
  g_object_class_install_property (gobject_class, PROP_MIN_PLATE_WIDTH,
      g_param_spec_uint ("min-plate-width", "Minimum plate width",
          "Smallest plate box reported, in pixels of the frame", 8, G_MAXINT,
          DEFAULT_PROP_MIN_PLATE_WIDTH,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateDetect:max-plates:
   *
   * Most plates reported per frame, best first.
   */
  g_object_class_install_property (gobject_class, PROP_MAX_PLATES,
      g_param_spec_uint ("max-plates", "Maximum plates",
          "Most plates reported per frame, the most confident first", 1,
          MAX_PLATES_LIMIT, DEFAULT_PROP_MAX_PLATES,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateDetect:process-width:
   *
   * Frames wider than this are downscaled to this width before analysis,
   * for speed.  Boxes are reported in pixels of the original frame.  0
   * analyses every frame at full size.
   */
  g_object_class_install_property (gobject_class, PROP_PROCESS_WIDTH,
      g_param_spec_uint ("process-width", "Process width",
          "Analyse frames wider than this downscaled to this width (boxes "
          "are still reported in frame pixels); 0 = full size", 0, G_MAXINT,
          DEFAULT_PROP_PROCESS_WIDTH,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateDetect:interval:
   *
   * Analyse one frame in this many; the others pass through without
   * plates.
   */
  g_object_class_install_property (gobject_class, PROP_INTERVAL,
      g_param_spec_uint ("interval", "Interval",
          "Analyse one frame in this many (1 = every frame); the others pass "
          "through without plates", 1, G_MAXINT, DEFAULT_PROP_INTERVAL,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateDetect:message:
   *
   * Post an element message `platedetect` for every analysed frame with
   * plates (see the element description for its fields).
   */
  g_object_class_install_property (gobject_class, PROP_MESSAGE,
      g_param_spec_boolean ("message", "Message",
          "Post an element message for every analysed frame with plates",
          DEFAULT_PROP_MESSAGE,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateDetect:tracking:
   *
   * Follow plates from frame to frame: give each plate meta the id of its
   * track, its flags and frame count, and send an `anpr-track-end` event
   * when a track ends.  %FALSE: every frame on its own, track ids 0 and no
   * events.  Turned off while playing, the open tracks end at once.
   */
  g_object_class_install_property (gobject_class, PROP_TRACKING,
      g_param_spec_boolean ("tracking", "Tracking",
          "Follow plates across frames (track ids in the metas, "
          "anpr-track-end events when a track ends)", DEFAULT_PROP_TRACKING,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateDetect:track-timeout:
   *
   * Seconds a track lives on without being detected, its predicted box
   * moving on, so that a vehicle hidden for a moment (a bus passing) keeps
   * its track.  In stream time, not frames: it holds with any
   * #GstPlateDetect:interval.
   */
  g_object_class_install_property (gobject_class, PROP_TRACK_TIMEOUT,
      g_param_spec_double ("track-timeout", "Track timeout",
          "Seconds a track lives on without being detected before it ends",
          0.0, 3600.0, DEFAULT_PROP_TRACK_TIMEOUT,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateDetect:detect-interval:
   *
   * While tracking, the least stream time in seconds between two
   * detections; the frames in between pass on without plates, and the
   * tracks carry the vehicles across them.  A plate stays readable for
   * many frames, so detecting a few times a second loses no vehicle and
   * costs a fraction of detecting every frame.  0 detects every frame (of
   * those #GstPlateDetect:interval lets through).  Without tracking every
   * frame is detected.
   */
  g_object_class_install_property (gobject_class, PROP_DETECT_INTERVAL,
      g_param_spec_double ("detect-interval", "Detect interval",
          "While tracking: least seconds of stream time between two "
          "detections (0 = every frame)", 0.0, 3600.0,
          DEFAULT_PROP_DETECT_INTERVAL,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateDetect:motion:
   *
   * While tracking, search only where the picture changed since the last
   * detection (cells of a coarse grid of luma means) and around the open
   * tracks, instead of the whole frame; nothing changed and nothing
   * tracked: the frame is skipped.  The whole frame is still searched every
   * #GstPlateDetect:full-frame-interval, for plates that never moved.
   */
  g_object_class_install_property (gobject_class, PROP_MOTION,
      g_param_spec_boolean ("motion", "Motion",
          "While tracking: search only where the picture changed and around "
          "the tracks", DEFAULT_PROP_MOTION,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateDetect:full-frame-interval:
   *
   * With #GstPlateDetect:motion, search the whole frame at least this
   * often (seconds of stream time): plates that were already in the
   * picture, still, when the stream began, or that motion missed.
   */
  g_object_class_install_property (gobject_class, PROP_FULL_FRAME_INTERVAL,
      g_param_spec_double ("full-frame-interval", "Full frame interval",
          "With motion: search the whole frame at least this often, in "
          "seconds", 0.0, 86400.0, DEFAULT_PROP_FULL_FRAME_INTERVAL,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  gst_element_class_set_static_metadata (element_class,
      "Number plate detector", "Filter/Analyzer/Video",
      "Finds number plates in video frames and attaches their boxes as "
      "GstAnprPlateMeta and license-plate region of interest metadata",
      "gst-anpr developers");
  /* gst-inspect-1.0 lists every metadata key: show how the element is used. */
  gst_element_class_add_static_metadata (element_class, "example-launch",
      "gst-launch-1.0 -m filesrc location=cars.mp4 ! decodebin ! platedetect message=true ! fakesink");

  gst_element_class_add_static_pad_template (element_class,
      &gst_plate_detect_sink_template);
  gst_element_class_add_static_pad_template (element_class,
      &gst_plate_detect_src_template);

  trans_class->start = GST_DEBUG_FUNCPTR (gst_plate_detect_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_plate_detect_stop);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_plate_detect_sink_event);
  /* Our own transform_ip, not GstVideoFilter's: that one maps frames for
   * writing, which copies a shared buffer.  We only read pixels. */
  trans_class->transform_ip =
      GST_DEBUG_FUNCPTR (gst_plate_detect_transform_ip);
  trans_class->transform_ip_on_passthrough = FALSE;
}

static void
gst_plate_detect_init (GstPlateDetect * self)
{
  self->threshold = DEFAULT_PROP_THRESHOLD;
  self->min_plate_width = DEFAULT_PROP_MIN_PLATE_WIDTH;
  self->max_plates = DEFAULT_PROP_MAX_PLATES;
  self->process_width = DEFAULT_PROP_PROCESS_WIDTH;
  self->interval = DEFAULT_PROP_INTERVAL;
  self->message = DEFAULT_PROP_MESSAGE;
  self->tracking = DEFAULT_PROP_TRACKING;
  self->track_timeout = DEFAULT_PROP_TRACK_TIMEOUT;
  self->detect_interval = DEFAULT_PROP_DETECT_INTERVAL;
  self->motion = DEFAULT_PROP_MOTION;
  self->full_frame_interval = DEFAULT_PROP_FULL_FRAME_INTERVAL;
  /* one tracker for the element's life: its ids are never given twice */
  self->tracker = plate_tracker_new ();
  self->ended = g_array_new (FALSE, FALSE, sizeof (PlateTrackerEnded));
  self->motion_map = plate_motion_new ();
  self->regions = g_array_new (FALSE, FALSE, sizeof (PlateMotionRegion));

  /* In place and never passthrough: we add metadata to every buffer. */
  gst_base_transform_set_in_place (GST_BASE_TRANSFORM (self), TRUE);
  gst_base_transform_set_passthrough (GST_BASE_TRANSFORM (self), FALSE);
}

static void
gst_plate_detect_finalize (GObject * object)
{
  GstPlateDetect *self = GST_PLATE_DETECT (object);

  if (self->detector) {
    plate_detector_free (self->detector);
    self->detector = NULL;
  }
  plate_tracker_free (self->tracker);
  g_array_unref (self->ended);
  plate_motion_free (self->motion_map);
  g_array_unref (self->regions);

  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_plate_detect_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstPlateDetect *self = GST_PLATE_DETECT (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_THRESHOLD:
      self->threshold = g_value_get_float (value);
      break;
    case PROP_MIN_PLATE_WIDTH:
      self->min_plate_width = g_value_get_uint (value);
      break;
    case PROP_MAX_PLATES:
      self->max_plates = g_value_get_uint (value);
      break;
    case PROP_PROCESS_WIDTH:
      self->process_width = g_value_get_uint (value);
      break;
    case PROP_INTERVAL:
      self->interval = g_value_get_uint (value);
      break;
    case PROP_MESSAGE:
      self->message = g_value_get_boolean (value);
      break;
    case PROP_TRACKING:
      self->tracking = g_value_get_boolean (value);
      break;
    case PROP_TRACK_TIMEOUT:
      self->track_timeout = g_value_get_double (value);
      break;
    case PROP_DETECT_INTERVAL:
      self->detect_interval = g_value_get_double (value);
      break;
    case PROP_MOTION:
      self->motion = g_value_get_boolean (value);
      break;
    case PROP_FULL_FRAME_INTERVAL:
      self->full_frame_interval = g_value_get_double (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_plate_detect_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstPlateDetect *self = GST_PLATE_DETECT (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_THRESHOLD:
      g_value_set_float (value, self->threshold);
      break;
    case PROP_MIN_PLATE_WIDTH:
      g_value_set_uint (value, self->min_plate_width);
      break;
    case PROP_MAX_PLATES:
      g_value_set_uint (value, self->max_plates);
      break;
    case PROP_PROCESS_WIDTH:
      g_value_set_uint (value, self->process_width);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_MESSAGE:
      g_value_set_boolean (value, self->message);
      break;
    case PROP_TRACKING:
      g_value_set_boolean (value, self->tracking);
      break;
    case PROP_TRACK_TIMEOUT:
      g_value_set_double (value, self->track_timeout);
      break;
    case PROP_DETECT_INTERVAL:
      g_value_set_double (value, self->detect_interval);
      break;
    case PROP_MOTION:
      g_value_set_boolean (value, self->motion);
      break;
    case PROP_FULL_FRAME_INTERVAL:
      g_value_set_double (value, self->full_frame_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

/* The next frame is searched whole, as at the start of a stream. */
static void
gst_plate_detect_reset_schedule (GstPlateDetect * self)
{
  self->last_detect = GST_CLOCK_TIME_NONE;
  self->last_whole = GST_CLOCK_TIME_NONE;
  plate_motion_reset (self->motion_map);
}

static gboolean
gst_plate_detect_start (GstBaseTransform * trans)
{
  GstPlateDetect *self = GST_PLATE_DETECT (trans);

  if (!self->detector)
    self->detector = plate_detector_new ();
  if (!self->detector) {
    GST_ELEMENT_ERROR (self, LIBRARY, INIT, (NULL),
        ("Could not create the plate detector"));
    return FALSE;
  }
  self->frame_count = 0;
  memset (&self->skips, 0, sizeof (self->skips));
  self->n_searched = self->n_searched_whole = self->n_skipped = 0;
  self->n_dropped = 0;
  self->searched_share_sum = 0.0;
  self->last_pts = GST_CLOCK_TIME_NONE;
  self->last_frames_report = GST_CLOCK_TIME_NONE;
  gst_plate_detect_reset_schedule (self);
  return TRUE;
}

static gboolean
gst_plate_detect_stop (GstBaseTransform * trans)
{
  GstPlateDetect *self = GST_PLATE_DETECT (trans);

  if (self->detector) {
    plate_detector_free (self->detector);
    self->detector = NULL;
  }
  /* nothing downstream to tell any more: forget, ids go on */
  plate_tracker_end_all (self->tracker, TRUE, NULL);
  return TRUE;
}

/* The counts of GST_ANPR_FRAMES, on the bus and downstream (for
 * hotlistmatch's status).  Streaming thread. */
static void
gst_plate_detect_report_frames (GstPlateDetect * self)
{
  GstStructure *s;

  s = gst_structure_new (GST_ANPR_FRAMES,
      "frames", G_TYPE_UINT64, self->frame_count,
      "searched", G_TYPE_UINT64, self->n_searched,
      "searched-whole", G_TYPE_UINT64, self->n_searched_whole,
      "skipped", G_TYPE_UINT64, self->n_skipped,
      "not-analysed", G_TYPE_UINT64, self->skips.skipped,
      "dropped", G_TYPE_UINT64, self->n_dropped,
      "searched-share", G_TYPE_DOUBLE, self->n_searched > 0 ?
      self->searched_share_sum / self->n_searched : 0.0, NULL);
  GST_DEBUG_OBJECT (self, "%" GST_PTR_FORMAT, s);
  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), gst_structure_copy (s)));
  gst_pad_push_event (GST_BASE_TRANSFORM_SRC_PAD (self),
      gst_event_new_custom (GST_EVENT_CUSTOM_DOWNSTREAM, s));
}

/* Sends downstream an anpr-track-end event per track in self->ended. */
static void
gst_plate_detect_push_ended (GstPlateDetect * self)
{
  guint i;

  for (i = 0; i < self->ended->len; i++) {
    const PlateTrackerEnded *e =
        &g_array_index (self->ended, PlateTrackerEnded, i);

    GST_DEBUG_OBJECT (self, "track %" G_GUINT64_FORMAT " ended after %u "
        "frames, last seen at %" GST_TIME_FORMAT, e->track_id, e->frames,
        GST_TIME_ARGS (e->last_seen));
    if (!gst_pad_push_event (GST_BASE_TRANSFORM_SRC_PAD (self),
            gst_anpr_track_end_event_new (e->track_id, e->frames,
                e->last_seen)))
      GST_DEBUG_OBJECT (self, "track end event of %" G_GUINT64_FORMAT
          " not taken", e->track_id);
  }
  g_array_set_size (self->ended, 0);
}

/* Ends every open track, its event sent now. */
static void
gst_plate_detect_end_tracks (GstPlateDetect * self, gboolean forget_static)
{
  plate_tracker_end_all (self->tracker, forget_static, self->ended);
  gst_plate_detect_push_ended (self);
  /* nothing tracked any more: what the schedule knew is stale too */
  gst_plate_detect_reset_schedule (self);
}

static gboolean
gst_plate_detect_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstPlateDetect *self = GST_PLATE_DETECT (trans);
  gboolean ret;

  /* Every one of these is serialized: the streaming thread is not in
   * transform_ip meanwhile, and the events go out in order with the
   * frames. */
  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_EOS:
      /* the tracks' ends before the end of the stream, and the last
       * counts */
      gst_plate_detect_end_tracks (self, FALSE);
      gst_plate_detect_report_frames (self);
      break;
    case GST_EVENT_STREAM_START:
      /* another stream, maybe another picture: static places too */
      gst_plate_detect_end_tracks (self, TRUE);
      break;
    case GST_EVENT_CAPS:{
      GstCaps *caps, *current;

      /* another size or format: the boxes' places mean something else */
      gst_event_parse_caps (event, &caps);
      current = gst_pad_get_current_caps (GST_BASE_TRANSFORM_SINK_PAD (trans));
      if (current && !gst_caps_is_equal (caps, current))
        gst_plate_detect_end_tracks (self, TRUE);
      gst_clear_caps (&current);
      break;
    }
    case GST_EVENT_SEGMENT:{
      const GstSegment *segment;

      /* timestamps of another segment do not continue the tracks' (a
       * repeated, identical segment does) */
      gst_event_parse_segment (event, &segment);
      if (!gst_segment_is_equal (segment, &trans->segment))
        gst_plate_detect_end_tracks (self, FALSE);
      break;
    }
    case GST_EVENT_FLUSH_STOP:
      /* after the flush has gone downstream: before, our events would be
       * dropped by the flushing pads */
      ret = GST_BASE_TRANSFORM_CLASS (parent_class)->sink_event (trans, event);
      gst_plate_detect_end_tracks (self, FALSE);
      return ret;
    default:
      break;
  }

  return GST_BASE_TRANSFORM_CLASS (parent_class)->sink_event (trans, event);
}

static void
gst_plate_detect_post_message (GstPlateDetect * self, GstBuffer * buf,
    const PlateDetectorBox * boxes, const PlateTrackerResult * tracks, gint n)
{
  GValue plates = G_VALUE_INIT;
  GstStructure *s;
  gint i;

  g_value_init (&plates, GST_TYPE_LIST);
  for (i = 0; i < n; i++) {
    GValue v = G_VALUE_INIT;

    g_value_init (&v, GST_TYPE_STRUCTURE);
    g_value_take_boxed (&v, gst_structure_new ("plate",
            "id", G_TYPE_UINT, (guint) i,
            "x", G_TYPE_INT, boxes[i].x, "y", G_TYPE_INT, boxes[i].y,
            "width", G_TYPE_INT, boxes[i].width,
            "height", G_TYPE_INT, boxes[i].height,
            "confidence", G_TYPE_DOUBLE, (gdouble) boxes[i].confidence,
            "track-id", G_TYPE_UINT64, tracks ? tracks[i].track_id : 0,
            NULL));
    gst_value_list_append_and_take_value (&plates, &v);
  }

  s = analysis_message_structure_new ("platedetect",
      &GST_BASE_TRANSFORM (self)->segment, buf);
  gst_structure_take_value (s, "plates", &plates);

  gst_element_post_message (GST_ELEMENT (self),
      gst_message_new_element (GST_OBJECT (self), s));
}

/* Stream time of a frame for the schedule: its PTS, else the frames
 * counted at the caps' rate. */
static GstClockTime
gst_plate_detect_frame_time (GstPlateDetect * self, GstBuffer * buf,
    guint64 frame_number)
{
  GstVideoInfo *info = &GST_VIDEO_FILTER (self)->in_info;

  if (GST_BUFFER_PTS_IS_VALID (buf))
    return GST_BUFFER_PTS (buf);
  if (GST_VIDEO_INFO_FPS_N (info) > 0 && GST_VIDEO_INFO_FPS_D (info) > 0)
    return gst_util_uint64_scale (frame_number,
        GST_SECOND * GST_VIDEO_INFO_FPS_D (info), GST_VIDEO_INFO_FPS_N (info));
  return frame_number * PLATE_TRACKER_DEFAULT_FRAME_DURATION;
}

/* Frames missing between the last PTS and this buffer's (against its
 * duration, else the caps' rate), rounded: jitter is not a drop. */
static void
gst_plate_detect_count_drops (GstPlateDetect * self, GstBuffer * buf)
{
  GstVideoInfo *info = &GST_VIDEO_FILTER (self)->in_info;
  GstClockTime pts = GST_BUFFER_PTS (buf), dur = GST_BUFFER_DURATION (buf);

  if (!GST_CLOCK_TIME_IS_VALID (dur) && GST_VIDEO_INFO_FPS_N (info) > 0
      && GST_VIDEO_INFO_FPS_D (info) > 0)
    dur = gst_util_uint64_scale_int (GST_SECOND, GST_VIDEO_INFO_FPS_D (info),
        GST_VIDEO_INFO_FPS_N (info));
  if (GST_CLOCK_TIME_IS_VALID (pts) && GST_CLOCK_TIME_IS_VALID (dur)
      && dur > 0 && GST_CLOCK_TIME_IS_VALID (self->last_pts)
      && pts > self->last_pts) {
    guint64 n = (pts - self->last_pts + dur / 2) / dur;

    if (n > 1)
      self->n_dropped += n - 1;
  }
  if (GST_CLOCK_TIME_IS_VALID (pts))
    self->last_pts = pts;
}

/* Whether @p is a young track searched for on every frame */
static gboolean
is_searched_young (const PlateTrackerPrediction * p)
{
  return p->frames < YOUNG_SIGHTINGS && (p->missed <= YOUNG_MISSED
      || p->missed % 2 == 0);
}

/* The regions to search on this frame, in self->regions: with @young_only
 * around the young tracks alone (between detections), else what changed
 * since the last detection and around every open track (@n @predicted on
 * this frame).  Returns the share of the frame they cover. */
static gdouble
gst_plate_detect_regions (GstPlateDetect * self, const PlateFrame * image,
    const PlateTrackerPrediction * predicted, guint n, gboolean young_only)
{
  guint i;
  gint64 area;

  g_array_set_size (self->regions, 0);
  if (!young_only)
    plate_motion_look (self->motion_map, image, MOTION_MARGIN, self->regions);
  for (i = 0; i < n; i++) {
    const PlateTrackerBox *p = &predicted[i].box;
    gint mx = predicted[i].is_static ? (gint) (p->height * STATIC_MARGIN) :
        MAX ((gint) (p->width * TRACK_MARGIN_W), PLATE_MOTION_CELL);
    gint my = predicted[i].is_static ? (gint) (p->height * STATIC_MARGIN) :
        MAX ((gint) (p->height * TRACK_MARGIN_H), PLATE_MOTION_CELL);
    gint x0 = CLAMP (p->x - mx, 0, image->width);
    gint y0 = CLAMP (p->y - my, 0, image->height);
    gint x1 = CLAMP (p->x + p->width + mx, 0, image->width);
    gint y1 = CLAMP (p->y + p->height + my, 0, image->height);
    /* between detections a young track's search looks for its plate
     * alone, a little smaller or larger than on its last frame */
    PlateMotionRegion r = { x0, y0, x1 - x0, y1 - y0,
      young_only ? (gint) (p->height * YOUNG_SIZE_SLACK_MIN) : 0,
      young_only ? (gint) (p->height * YOUNG_SIZE_SLACK_MAX) + 1 : 0
    };

    if (young_only && !is_searched_young (&predicted[i]))
      continue;
    if (r.width > 0 && r.height > 0)
      g_array_append_val (self->regions, r);
  }
  area = plate_motion_merge_regions (self->regions);
  return area / ((gdouble) image->width * image->height);
}

/* Whether one of @n @predicted is a young track to search for on every
 * frame. */
static gboolean
has_searched_young (const PlateTrackerPrediction * predicted, guint n)
{
  guint i;

  for (i = 0; i < n; i++)
    if (is_searched_young (&predicted[i]))
      return TRUE;
  return FALSE;
}

static GstFlowReturn
gst_plate_detect_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  GstPlateDetect *self = GST_PLATE_DETECT (trans);
  GstVideoFilter *filter = GST_VIDEO_FILTER (trans);
  PlateDetectorBox boxes[MAX_PLATES_LIMIT];
  PlateTrackerBox track_boxes[MAX_PLATES_LIMIT];
  PlateTrackerResult tracks[MAX_PLATES_LIMIT];
  PlateTrackerPrediction predicted[MAX_PLATES_LIMIT * 4];
  guint n_predicted = 0;
  PlateDetectorParams params;
  PlateFrame image;
  GstVideoFrame frame;
  guint interval;
  gboolean message, tracking, motion, whole = TRUE, young_only = FALSE;
  gdouble track_timeout, detect_interval, full_frame_interval, share = 1.0;
  guint64 frame_number;
  GstClockTime now;
  gchar *error = NULL;
  gint n, i;

  if (G_UNLIKELY (!filter->negotiated))
    goto not_negotiated;

  GST_OBJECT_LOCK (self);
  params.threshold = self->threshold;
  params.min_plate_width = self->min_plate_width;
  params.max_plates = self->max_plates;
  params.process_width = self->process_width;
  interval = self->interval;
  message = self->message;
  tracking = self->tracking;
  track_timeout = self->track_timeout;
  detect_interval = self->detect_interval;
  motion = self->motion;
  full_frame_interval = self->full_frame_interval;
  GST_OBJECT_UNLOCK (self);

  /* tracking turned off: nobody will end the open tracks later */
  if (!tracking && plate_tracker_get_n_tracks (self->tracker) > 0)
    gst_plate_detect_end_tracks (self, FALSE);

  frame_number = self->frame_count++;
  gst_plate_detect_count_drops (self, buf);
  now = gst_plate_detect_frame_time (self, buf, frame_number);
  if ((frame_number % interval) != 0)
    goto skipped;
  /* where the tracks are expected: what is searched around them */
  if (tracking)
    n_predicted = plate_tracker_predict (self->tracker, GST_BUFFER_PTS (buf),
        frame_number, predicted, G_N_ELEMENTS (predicted));

  /* Between detections the tracks carry the vehicles (half a frame of
   * slack: a 0.2 s interval at 25 fps is every fifth frame); only the
   * young ones are looked for. */
  if (tracking && detect_interval > 0.0
      && GST_CLOCK_TIME_IS_VALID (self->last_detect)
      && now >= self->last_detect
      && now - self->last_detect + (GstClockTime) (GST_SECOND / 50) <
      (GstClockTime) (detect_interval * GST_SECOND)) {
    if (!has_searched_young (predicted, n_predicted))
      goto skipped;
    young_only = TRUE;
  }

  if (!analysis_map_frame (GST_ELEMENT (self), GST_CAT_DEFAULT,
          &filter->in_info, buf, &frame, &image, &self->skips,
          ANALYSIS_NOT_ANALYSED))
    goto report;

  if (young_only) {
    whole = FALSE;
    share = gst_plate_detect_regions (self, &image, predicted, n_predicted,
        TRUE);
  } else if (tracking && motion) {
    whole = !GST_CLOCK_TIME_IS_VALID (self->last_whole)
        || now < self->last_whole
        || now - self->last_whole >=
        (GstClockTime) (full_frame_interval * GST_SECOND);
    /* always looked at: the next look compares with this one */
    share = gst_plate_detect_regions (self, &image, predicted, n_predicted,
        FALSE);
    if (!whole && share > MAX_REGION_SHARE)
      whole = TRUE;
  }
  if (!whole && self->regions->len == 0) {
    /* nothing moved, nothing tracked: no plate can have come */
    gst_video_frame_unmap (&frame);
    if (!young_only)
      self->last_detect = now;
    goto skipped;
  }

  if (whole) {
    n = plate_detector_detect (self->detector, &params, &image, boxes,
        MIN (params.max_plates, MAX_PLATES_LIMIT), &error);
    self->last_whole = now;
    self->n_searched_whole++;
    share = 1.0;
  } else {
    GST_LOG_OBJECT (self, "searching %u regions, %.1f%% of the frame%s",
        self->regions->len, 100.0 * share,
        young_only ? ", young tracks only" : "");
    n = plate_detector_detect_regions (self->detector, &params, &image,
        (const PlateDetectorRegion *) self->regions->data,
        self->regions->len, boxes, MIN (params.max_plates, MAX_PLATES_LIMIT),
        &error);
  }
  gst_video_frame_unmap (&frame);
  if (!young_only)
    self->last_detect = now;
  self->n_searched++;
  self->searched_share_sum += share;

  if (n < 0) {
    GST_WARNING_OBJECT (self, "could not analyse frame %" GST_TIME_FORMAT
        ": %s", GST_TIME_ARGS (GST_BUFFER_PTS (buf)),
        error ? error : "unknown error");
    free (error);
    goto report;
  }

  if (tracking) {
    GstVideoInfo *info = &filter->in_info;

    for (i = 0; i < n; i++) {
      track_boxes[i].x = boxes[i].x;
      track_boxes[i].y = boxes[i].y;
      track_boxes[i].width = boxes[i].width;
      track_boxes[i].height = boxes[i].height;
      track_boxes[i].confidence = boxes[i].confidence;
    }
    plate_tracker_set_timeout (self->tracker,
        (guint64) (track_timeout * GST_SECOND));
    plate_tracker_set_min_width (self->tracker, params.min_plate_width);
    /* the frame counter stands in for a missing PTS */
    plate_tracker_set_frame_duration (self->tracker,
        GST_VIDEO_INFO_FPS_N (info) > 0 && GST_VIDEO_INFO_FPS_D (info) > 0 ?
        gst_util_uint64_scale_int (GST_SECOND, GST_VIDEO_INFO_FPS_D (info),
            GST_VIDEO_INFO_FPS_N (info)) : 0);
    plate_tracker_update (self->tracker, GST_BUFFER_PTS (buf), frame_number,
        GST_VIDEO_INFO_WIDTH (info), GST_VIDEO_INFO_HEIGHT (info),
        track_boxes, n, tracks, self->ended);
    /* Tracks that ended were not seen on this frame: their events go
     * downstream before it (basetransform pushes the buffer after we
     * return), after their last frame. */
    gst_plate_detect_push_ended (self);
  }

  for (i = 0; i < n; i++) {
    GstAnprPlateMeta *plate;
    GstVideoRegionOfInterestMeta *roi;

    plate = gst_buffer_add_anpr_plate_meta (buf, boxes[i].x, boxes[i].y,
        boxes[i].width, boxes[i].height, boxes[i].confidence);
    roi = gst_buffer_add_video_region_of_interest_meta (buf,
        GST_ANPR_ROI_TYPE, boxes[i].x, boxes[i].y, boxes[i].width,
        boxes[i].height);
    if (plate && tracking) {
      plate->track_id = tracks[i].track_id;
      plate->track_flags = tracks[i].flags;
      plate->track_frames = tracks[i].frames;
    }
    if (plate && roi) {
      roi->id = plate->id;
      gst_video_region_of_interest_meta_add_param (roi,
          gst_structure_new ("detection", "confidence", G_TYPE_DOUBLE,
              (gdouble) boxes[i].confidence, NULL));
    }
    GST_LOG_OBJECT (self, "plate %d: %dx%d at %d,%d, confidence %.3f, "
        "track %" G_GUINT64_FORMAT " flags 0x%x", i, boxes[i].width,
        boxes[i].height, boxes[i].x, boxes[i].y, boxes[i].confidence,
        tracking ? tracks[i].track_id : 0, tracking ? tracks[i].flags : 0);
  }

  if (message && n > 0)
    gst_plate_detect_post_message (self, buf, boxes,
        tracking ? tracks : NULL, n);
  goto report;

skipped:
  self->n_skipped++;
report:
  /* a second after the first frame, then every second (and at EOS) */
  if (!GST_CLOCK_TIME_IS_VALID (self->last_frames_report)
      || now < self->last_frames_report)
    self->last_frames_report = now;
  else if (now - self->last_frames_report >= GST_SECOND) {
    self->last_frames_report = now;
    gst_plate_detect_report_frames (self);
  }
  return GST_FLOW_OK;

  /* ERRORS */
not_negotiated:
  {
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, (NULL),
        ("unknown format"));
    return GST_FLOW_NOT_NEGOTIATED;
  }
}
