/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/**
 * SECTION:element-plateocr
 * @title: plateocr
 * @see_also: platedetect, hotlistmatch
 *
 * Reads the text of the number plates that an upstream element found on
 * each frame: every #GstAnprPlateMeta (platedetect adds one per plate),
 * and every #GstVideoRegionOfInterestMeta of roi_type `license-plate`
 * (#GST_ANPR_ROI_TYPE) that no #GstAnprPlateMeta stands for, so that
 * another detector can feed it.  A ROI and a #GstAnprPlateMeta of the same
 * id over the same box, as platedetect adds them, are one plate, read
 * once.  For a ROI alone a #GstAnprPlateMeta is added with the ROI's box,
 * and as detect confidence the `confidence` double of the ROI's
 * `detection` parameter structure (as platedetect writes it), 1.0 when
 * there is none.  ROIs of other types are ignored.  The pixels are never
 * modified.
 *
 * The plate box is cut out with a margin, in grey, scaled to a fixed
 * height; the row of characters is found on binarisations of it
 * (components of character size and shape on one line, which leaves out
 * the border, the country band, badges and slogans) and the box is turned
 * level by the row's slope.  The plate is then read in several views:
 *
 * * the whole-plate network (#GstPlateOcr:plate-model, a CTC recogniser
 *   run with OpenCV's dnn module) on the deskewed box.  It needs no
 *   character row, so it also reads plates whose characters touch each
 *   other or the border; a US box, which takes in more or less of the
 *   state name and slogan, it reads cut at three heights as one reading.
 *   It weighs most in the vote.  What it cannot read as text (too few
 *   characters, or too unsure of them) is taken for no plate: its reading
 *   then stands alone and the other views are not run;
 * * the network again on a box drawn round the character row, which does
 *   not depend on how well the detector's box fits the plate;
 * * Tesseract's LSTM engine (#GstPlateOcr:language) on the grey character
 *   row, as one line of A-Z and 0-9;
 * * the per-character classifier (#GstPlateOcr:char-model) on each
 *   character of the row.
 *
 * Tesseract's line and the row's box reach out to the characters the
 * network read on the whole box, which the row finder can miss.  Without
 * a row Tesseract reads the plain box instead, little believed.
 *
 * Each view's characters, with their alternatives, are decoded under the
 * plate formats of #GstPlateOcr:region, which fixes the usual O/0, I/1,
 * S/5, B/8, Z/2 confusions by position; where another view reads one
 * character more or fewer than the network, the network's own likelihood
 * of that text counts for it too.  Texts rank by their evidence times how
 * common their format is, summed over the views at each view's weight,
 * and the best #GstPlateOcr:max-candidates are written into the
 * #GstAnprPlateMeta.
 *
 * The confidence of a reading estimates how often such a reading is
 * right, from the views' agreement, its weakest character, its margin
 * over the next text and its format.  It reaches 0.9 only for a reading
 * in one of the region's principal formats, read as written, ranked first
 * by every view, with no character seen below 0.9; a catch-all reading
 * that is mostly a fragment or other text (under four characters, digits
 * only) is believed half as much, and a box touching an edge of the frame
 * (a plate cut there, or the camera's burnt-in text) never reaches 0.9.
 *
 * The models of the two networks are looked for in
 * `$GST_ANPR_DATA_DIR/models` when that variable is set, else in the
 * install's `<datadir>/gst-anpr/models`; when one is missing the element
 * posts a warning saying where it looked and reads without that view.
 *
 * ## Tracks
 *
 * A plate that platedetect follows across frames (its meta has a
 * `track_id`) is read as part of its track: the readings of the track are
 * combined (every reading's candidates vote for their texts, weighted by
 * confidence and plate height; a per-character vote can assemble a text no
 * single frame read whole; a box cut by the frame edge counts a tenth) into
 * the meta's `track_text`, `track_format`, `track_confidence` and
 * `track_candidates`.  Agreeing frames raise the confidence above any one
 * of them, by at most half the best one's doubt, since frames share their
 * mistakes.  Once the read reaches #GstPlateOcr:settle-confidence with three
 * agreeing readings of whole plates it is settled (flag `SETTLED`): the
 * plate is then read only every #GstPlateOcr:check-interval sightings, when
 * it is seen clearly larger, or when its box shows another picture;
 * sightings not read carry the flag `NOT_READ` and no reading of their own.
 * Static text, and tracks read many times to nothing, are checked now and
 * then in the same way; so is a new track of static text on static text
 * read before (a caption boxed in other pieces).
 *
 * If the #GstPlateOcr:message property is %TRUE (the default), an element
 * message named `anpr-read` is posted on the bus for every plate read
 * whose confidence reaches #GstPlateOcr:min-confidence, with these fields:
 *
 * * #GstClockTime `timestamp`: the timestamp (PTS) of the buffer.
 * * #GstClockTime `stream-time`: the stream time of the buffer.
 * * #GstClockTime `running-time`: the running time of the buffer.
 * * #GstClockTime `duration`: the duration of the buffer, only when it is
 *   valid.
 * * #guint `plate-id`: the id of the #GstAnprPlateMeta on its buffer (for
 *   a plate of platedetect's also the id of its
 *   #GstVideoRegionOfInterestMeta; a plate read from another detector's
 *   ROI alone gets the next free plate id).
 * * #gchararray `text`: the best reading, A-Z and 0-9 only, no spaces.
 * * #gdouble `confidence`: confidence of `text`, 0..1.
 * * #gchararray `region`: the region the plate was read under ("gb", "eu",
 *   "us" or "auto").
 * * #gchararray `format`: the plate format `text` matched, for example
 *   "gb-current"; empty when the text matched none of the region's formats
 *   and is the raw reading.
 * * #gint `x`, `y`, `width`, `height`: the plate box in frame pixels.
 * * #GstValueList `candidates`: the top-N readings, best first, each a
 *   #GstStructure named `candidate` with a #gchararray `text` and a
 *   #gdouble `confidence`; the first one is `text`.
 * * #gdouble `detect-confidence`: how sure the detector was that the box is
 *   a plate, 0..1.
 * * #guint64 `track-id`: id of the vehicle across frames, 0 when untracked.
 * * #gchararray `track-text`, #gdouble `track-confidence`, #gboolean
 *   `track-settled`: the track's combined read so far.
 *
 * ## Example launch lines
 * |[
 * gst-launch-1.0 -m filesrc location=cars.mp4 ! decodebin ! videoconvert ! platedetect ! plateocr region=gb ! fakesink
 * ]| Reads the plates of a video file and prints the `anpr-read` messages.
 * |[
 * gst-launch-1.0 -m filesrc location=car.jpg ! jpegdec ! videoconvert ! imagefreeze num-buffers=1 ! platedetect ! plateocr region=eu max-candidates=3 min-confidence=0.3 ! fakesink
 * ]| Reads the plates of one photograph under the European rules.
 * |[
 * gst-launch-1.0 rtspsrc location=rtsp://camera/stream ! decodebin ! platedetect ! plateocr tessdata=/opt/anpr/tessdata language=plates ! hotlistmatch ! fakesink
 * ]| Uses a plate-trained Tesseract model from a custom tessdata directory.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "analysis.h"
#include "gstplateocr.h"
#include "modelpath.h"
#include "plateocrtracks.h"
#include "platereaderloader.h"

GST_DEBUG_CATEGORY (gst_plate_ocr_debug);   /* platereaderloader.c too */
#define GST_CAT_DEFAULT gst_plate_ocr_debug

#define DEFAULT_PROP_REGION GST_ANPR_REGION_GB
#define DEFAULT_PROP_MAX_CANDIDATES 5
#define DEFAULT_PROP_MIN_CONFIDENCE 0.0
#define DEFAULT_PROP_TESSDATA NULL
#define DEFAULT_PROP_LANGUAGE "eng"
#define DEFAULT_PROP_MESSAGE TRUE
#define DEFAULT_PROP_CHAR_MODEL NULL
#define DEFAULT_PROP_PLATE_MODEL NULL
/* the confidence the project's reads are calibrated to be right at least
 * 98% of the time from */
#define DEFAULT_PROP_SETTLE_CONFIDENCE 0.9
/* at 25 fps a settled plate is checked a few times a second */
#define DEFAULT_PROP_CHECK_INTERVAL 8
/* agreeing uncut readings a settled track needs: one frame may be wrong
 * with confidence, three in a row much less often */
#define SETTLE_READINGS 3
/* detect_confidence of a plate read from a license-plate ROI that carries
 * no "detection" confidence: the detector that marked it is believed */
#define DEFAULT_ROI_DETECT_CONFIDENCE 1.0

enum
{
  PROP_0,
  PROP_REGION,
  PROP_MAX_CANDIDATES,
  PROP_MIN_CONFIDENCE,
  PROP_TESSDATA,
  PROP_LANGUAGE,
  PROP_MESSAGE,
  PROP_CHAR_MODEL,
  PROP_PLATE_MODEL,
  PROP_SETTLE_CONFIDENCE,
  PROP_CHECK_INTERVAL,
};

struct _GstPlateOcr
{
  GstVideoFilter parent;

  /* properties, under the object lock */
  GstAnprRegion region;
  guint max_candidates;
  gdouble min_confidence;
  gchar *tessdata;
  gchar *language;
  gboolean message;
  gchar *char_model;
  gchar *plate_model;
  gdouble settle_confidence;
  guint check_interval;
  /* streaming state, created in start (), freed in stop () */
  const PlateReaderApi *api;
  PlateReader *reader;
  AnalysisSkips skips;
  PlateOcrTracks *tracks;
};

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK,
    GST_PAD_ALWAYS,
    GST_STATIC_CAPS (ANALYSIS_VIDEO_CAPS));

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC,
    GST_PAD_ALWAYS,
    GST_STATIC_CAPS (ANALYSIS_VIDEO_CAPS));

#define gst_plate_ocr_parent_class parent_class
G_DEFINE_TYPE (GstPlateOcr, gst_plate_ocr, GST_TYPE_VIDEO_FILTER);
GST_ELEMENT_REGISTER_DEFINE_WITH_CODE (plateocr, "plateocr", GST_RANK_NONE,
    GST_TYPE_PLATE_OCR,
    GST_DEBUG_CATEGORY_INIT (gst_plate_ocr_debug, "plateocr", 0,
        "Number plate reader"));

static void gst_plate_ocr_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec);
static void gst_plate_ocr_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec);
static void gst_plate_ocr_finalize (GObject * object);
static gboolean gst_plate_ocr_start (GstBaseTransform * trans);
static gboolean gst_plate_ocr_stop (GstBaseTransform * trans);
static gboolean gst_plate_ocr_sink_event (GstBaseTransform * trans,
    GstEvent * event);
static GstFlowReturn gst_plate_ocr_transform_ip (GstBaseTransform * trans,
    GstBuffer * buf);

static void
gst_plate_ocr_class_init (GstPlateOcrClass * klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseTransformClass *trans_class = GST_BASE_TRANSFORM_CLASS (klass);

  gobject_class->set_property = gst_plate_ocr_set_property;
  gobject_class->get_property = gst_plate_ocr_get_property;
  gobject_class->finalize = gst_plate_ocr_finalize;

  /**
   * GstPlateOcr:region:
   *
   * Plate rules the readings are decoded under.
   */
  g_object_class_install_property (gobject_class, PROP_REGION,
      g_param_spec_enum ("region", "Region",
          "Plate formats the readings are decoded under",
          GST_ANPR_TYPE_REGION, DEFAULT_PROP_REGION,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  g_object_class_install_property (gobject_class, PROP_MAX_CANDIDATES,
      g_param_spec_uint ("max-candidates", "Maximum candidates",
          "How many readings to keep per plate, best first",
          1, GST_ANPR_MAX_CANDIDATES, DEFAULT_PROP_MAX_CANDIDATES,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  g_object_class_install_property (gobject_class, PROP_MIN_CONFIDENCE,
      g_param_spec_double ("min-confidence", "Minimum confidence",
          "Readings less confident than this are neither stored nor posted",
          0.0, 1.0, DEFAULT_PROP_MIN_CONFIDENCE,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  g_object_class_install_property (gobject_class, PROP_TESSDATA,
      g_param_spec_string ("tessdata", "Tessdata directory",
          "Directory holding <language>.traineddata (NULL: Tesseract's "
          "default, or $TESSDATA_PREFIX)", DEFAULT_PROP_TESSDATA,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_READY |
          G_PARAM_STATIC_STRINGS));

  g_object_class_install_property (gobject_class, PROP_LANGUAGE,
      g_param_spec_string ("language", "Language",
          "Tesseract language (model) to read with", DEFAULT_PROP_LANGUAGE,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_READY |
          G_PARAM_STATIC_STRINGS));

  g_object_class_install_property (gobject_class, PROP_MESSAGE,
      g_param_spec_boolean ("message", "Message",
          "Post an anpr-read element message for every plate read",
          DEFAULT_PROP_MESSAGE,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateOcr:char-model:
   *
   * Per-character classifier that votes next to Tesseract on every
   * character of the row (a small network trained on rendered characters
   * by tools/train/train-charclass.sh).  %NULL uses the default model
   * (see the element's description for where it is looked for), and reads
   * without one, with a warning, when there is none; an empty string
   * turns it off.
   */
  g_object_class_install_property (gobject_class, PROP_CHAR_MODEL,
      g_param_spec_string ("char-model", "Character model",
          "Per-character classifier model voting next to Tesseract (NULL: "
          "the default one; \"\": none)", DEFAULT_PROP_CHAR_MODEL,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_READY |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateOcr:plate-model:
   *
   * Whole-plate recogniser that votes next to Tesseract on every plate: a
   * small convolutional network read with CTC, in ONNX, trained on
   * rendered plates by tools/train/train-platerec.sh and run with OpenCV's
   * dnn module.  It reads the box without segmenting it, so it still reads
   * plates whose characters touch or share the box with stacked text.
   * %NULL uses the default model, and reads without one, with a warning,
   * when there is none; an empty string turns it off.
   */
  g_object_class_install_property (gobject_class, PROP_PLATE_MODEL,
      g_param_spec_string ("plate-model", "Plate model",
          "Whole-plate recogniser (ONNX) voting next to Tesseract (NULL: "
          "the default one; \"\": none)", DEFAULT_PROP_PLATE_MODEL,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_READY |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateOcr:settle-confidence:
   *
   * A tracked plate's read is settled once its readings combined reach
   * this confidence with at least three agreeing readings of uncut boxes:
   * from then on the plate is only checked every
   * #GstPlateOcr:check-interval sightings (or when it is seen clearly
   * larger than before), and hotlistmatch may publish the vehicle before
   * its track ends.  Above 1, no track settles: every sighting is read
   * and every vehicle is published when its track ends.
   */
  g_object_class_install_property (gobject_class, PROP_SETTLE_CONFIDENCE,
      g_param_spec_double ("settle-confidence", "Settle confidence",
          "Combined confidence at which a track's read is settled and its "
          "plate only checked now and then (above 1: never)",
          0.0, 1.01, DEFAULT_PROP_SETTLE_CONFIDENCE,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  /**
   * GstPlateOcr:check-interval:
   *
   * A settled track's plate is read again every this many sightings; a
   * static track's (text fixed in the picture) five times less often.
   */
  g_object_class_install_property (gobject_class, PROP_CHECK_INTERVAL,
      g_param_spec_uint ("check-interval", "Check interval",
          "Sightings between two readings of a settled track",
          1, 1000, DEFAULT_PROP_CHECK_INTERVAL,
          G_PARAM_READWRITE | GST_PARAM_MUTABLE_PLAYING |
          G_PARAM_STATIC_STRINGS));

  gst_element_class_set_static_metadata (element_class,
      "Number plate reader", "Filter/Analyzer/Video",
      "Reads the text of number plates found by platedetect or another "
      "detector, with Tesseract and two small networks",
      "gst-anpr developers");
  /* gst-inspect-1.0 lists every metadata key: show how the element is used. */
  gst_element_class_add_static_metadata (element_class, "example-launch",
      "gst-launch-1.0 -m filesrc location=cars.mp4 ! decodebin ! platedetect ! plateocr region=gb ! fakesink");

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);

  trans_class->start = GST_DEBUG_FUNCPTR (gst_plate_ocr_start);
  trans_class->stop = GST_DEBUG_FUNCPTR (gst_plate_ocr_stop);
  trans_class->sink_event = GST_DEBUG_FUNCPTR (gst_plate_ocr_sink_event);
  /* Not GstVideoFilter::transform_frame_ip: that maps the frame for
   * writing, which copies shared memory.  We only read pixels. */
  trans_class->transform_ip = GST_DEBUG_FUNCPTR (gst_plate_ocr_transform_ip);

  gst_type_mark_as_plugin_api (GST_ANPR_TYPE_REGION, 0);
}

static void
gst_plate_ocr_init (GstPlateOcr * self)
{
  self->region = DEFAULT_PROP_REGION;
  self->max_candidates = DEFAULT_PROP_MAX_CANDIDATES;
  self->min_confidence = DEFAULT_PROP_MIN_CONFIDENCE;
  self->tessdata = g_strdup (DEFAULT_PROP_TESSDATA);
  self->language = g_strdup (DEFAULT_PROP_LANGUAGE);
  self->message = DEFAULT_PROP_MESSAGE;
  self->char_model = g_strdup (DEFAULT_PROP_CHAR_MODEL);
  self->plate_model = g_strdup (DEFAULT_PROP_PLATE_MODEL);
  self->settle_confidence = DEFAULT_PROP_SETTLE_CONFIDENCE;
  self->check_interval = DEFAULT_PROP_CHECK_INTERVAL;

  gst_base_transform_set_in_place (GST_BASE_TRANSFORM (self), TRUE);
}

static void
gst_plate_ocr_finalize (GObject * object)
{
  GstPlateOcr *self = GST_PLATE_OCR (object);

  g_free (self->tessdata);
  g_free (self->language);
  g_free (self->char_model);
  g_free (self->plate_model);
  if (self->reader)
    self->api->reader_free (self->reader);

  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_plate_ocr_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstPlateOcr *self = GST_PLATE_OCR (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_REGION:
      self->region = g_value_get_enum (value);
      break;
    case PROP_MAX_CANDIDATES:
      self->max_candidates = g_value_get_uint (value);
      break;
    case PROP_MIN_CONFIDENCE:
      self->min_confidence = g_value_get_double (value);
      break;
    case PROP_TESSDATA:
      g_free (self->tessdata);
      self->tessdata = g_value_dup_string (value);
      break;
    case PROP_LANGUAGE:
      g_free (self->language);
      self->language = g_value_dup_string (value);
      if (!self->language)
        self->language = g_strdup (DEFAULT_PROP_LANGUAGE);
      break;
    case PROP_MESSAGE:
      self->message = g_value_get_boolean (value);
      break;
    case PROP_CHAR_MODEL:
      g_free (self->char_model);
      self->char_model = g_value_dup_string (value);
      break;
    case PROP_PLATE_MODEL:
      g_free (self->plate_model);
      self->plate_model = g_value_dup_string (value);
      break;
    case PROP_SETTLE_CONFIDENCE:
      self->settle_confidence = g_value_get_double (value);
      break;
    case PROP_CHECK_INTERVAL:
      self->check_interval = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_plate_ocr_get_property (GObject * object, guint prop_id, GValue * value,
    GParamSpec * pspec)
{
  GstPlateOcr *self = GST_PLATE_OCR (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_REGION:
      g_value_set_enum (value, self->region);
      break;
    case PROP_MAX_CANDIDATES:
      g_value_set_uint (value, self->max_candidates);
      break;
    case PROP_MIN_CONFIDENCE:
      g_value_set_double (value, self->min_confidence);
      break;
    case PROP_TESSDATA:
      g_value_set_string (value, self->tessdata);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_MESSAGE:
      g_value_set_boolean (value, self->message);
      break;
    case PROP_CHAR_MODEL:
      g_value_set_string (value, self->char_model);
      break;
    case PROP_PLATE_MODEL:
      g_value_set_string (value, self->plate_model);
      break;
    case PROP_SETTLE_CONFIDENCE:
      g_value_set_double (value, self->settle_confidence);
      break;
    case PROP_CHECK_INTERVAL:
      g_value_set_uint (value, self->check_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

/* Loads one optional voter model into @reader: @path when set (a model
 * that was asked for must load, "" is none), else the default one; without
 * a default model the element reads without that voter and warns. */
static gboolean
gst_plate_ocr_load_model (GstPlateOcr * self, PlateReader * reader,
    const gchar * what, const gchar * property, const gchar * path,
    gboolean (*set) (PlateReader *, const gchar *, gchar **),
    gchar * (*default_path) (gchar **))
{
  gchar *model, *searched = NULL, *error = NULL;
  gboolean ok;

  if (path) {
    model = g_strdup (path);
  } else {
    model = default_path (&searched);
    if (!model) {
      GST_ELEMENT_WARNING (self, RESOURCE, NOT_FOUND,
          ("No %s model found: reading without it, less well", what),
          ("looked in %s; set the %s property, or %s to a directory holding "
              "models/", searched, property, PLATE_MODEL_DIR_ENV));
    }
    g_free (searched);
  }

  ok = set (reader, model, &error);
  if (!ok) {
    GST_ELEMENT_ERROR (self, RESOURCE, NOT_FOUND,
        ("Could not load the %s model %s", what, model),
        ("%s", error ? error : "unknown error"));
  } else {
    GST_INFO_OBJECT (self, "%s model: %s", what, model && model[0] ? model :
        "none");
  }
  g_free (error);
  g_free (model);
  return ok;
}

static gboolean
gst_plate_ocr_start (GstBaseTransform * trans)
{
  GstPlateOcr *self = GST_PLATE_OCR (trans);
  gchar *tessdata, *language, *char_model, *plate_model, *error = NULL;
  const PlateReaderApi *api;
  PlateReader *reader;
  gboolean ok;

  memset (&self->skips, 0, sizeof (self->skips));
  self->tracks = plate_ocr_tracks_new ();
  /* Tesseract is loaded here, not with the plugin: see platereaderloader.h */
  api = plate_reader_api_get (GST_ELEMENT (self), &error);
  if (!api) {
    GST_ELEMENT_ERROR (self, LIBRARY, INIT,
        ("Could not load the plate reader module"), ("%s",
            error ? error : "unknown error"));
    g_free (error);
    return FALSE;
  }

  GST_OBJECT_LOCK (self);
  tessdata = g_strdup (self->tessdata);
  language = g_strdup (self->language);
  char_model = g_strdup (self->char_model);
  plate_model = g_strdup (self->plate_model);
  GST_OBJECT_UNLOCK (self);

  reader = api->reader_new (tessdata, language, GST_CAT_DEFAULT, &error);
  if (!reader) {
    const gchar *where = tessdata ? tessdata : g_getenv ("TESSDATA_PREFIX");

    GST_ELEMENT_ERROR (self, RESOURCE, NOT_FOUND,
        ("Could not load the Tesseract model \"%s\" from %s%s", language,
            where ? where : "Tesseract's default tessdata directory",
            where ? "" : " (set the tessdata property)"),
        ("%s/%s.traineddata: %s", where ? where : "<default>", language,
            error ? error : "unknown error"));
    g_free (error);
    ok = FALSE;
  } else {
    GST_INFO_OBJECT (self, "Tesseract ready, model %s from %s", language,
        api->get_datapath (reader));
    /* the voters next to Tesseract */
    ok = gst_plate_ocr_load_model (self, reader, "character", "char-model",
        char_model, api->set_char_model, api->default_char_model)
        && gst_plate_ocr_load_model (self, reader, "plate", "plate-model",
        plate_model, api->set_plate_model, api->default_plate_model);
    if (ok) {
      self->api = api;
      self->reader = reader;
    } else {
      api->reader_free (reader);
    }
  }
  g_free (tessdata);
  g_free (language);
  g_free (char_model);
  g_free (plate_model);
  return ok;
}

static gboolean
gst_plate_ocr_stop (GstBaseTransform * trans)
{
  GstPlateOcr *self = GST_PLATE_OCR (trans);

  if (self->reader) {
    self->api->reader_free (self->reader);
    self->reader = NULL;
  }
  if (self->tracks) {
    guint64 seen, read, recalled, confirmed;

    plate_ocr_tracks_get_counts (self->tracks, &seen, &read, &recalled,
        &confirmed);
    GST_INFO_OBJECT (self, "read %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
        " sightings of tracked plates (%" G_GUINT64_FORMAT " of them static "
        "text recalled, not read again); %" G_GUINT64_FORMAT " settled "
        "plates confirmed by a check instead of a reading", read, seen,
        recalled, confirmed);
    g_clear_pointer (&self->tracks, plate_ocr_tracks_free);
  }
  return TRUE;
}

static gboolean
gst_plate_ocr_sink_event (GstBaseTransform * trans, GstEvent * event)
{
  GstPlateOcr *self = GST_PLATE_OCR (trans);
  guint64 track_id;

  if (self->tracks && gst_anpr_track_end_event_parse (event, &track_id, NULL,
          NULL))
    plate_ocr_tracks_end (self->tracks, track_id);
  return GST_BASE_TRANSFORM_CLASS (parent_class)->sink_event (trans, event);
}

static GstMessage *
gst_plate_ocr_message_new (GstPlateOcr * self, GstBuffer * buf,
    GstAnprPlateMeta * meta)
{
  GstStructure *s;
  GValue list = G_VALUE_INIT;
  guint i;

  s = analysis_message_structure_new ("anpr-read",
      &GST_BASE_TRANSFORM (self)->segment, buf);
  gst_structure_set (s,
      "plate-id", G_TYPE_UINT, meta->id,
      "text", G_TYPE_STRING, meta->text,
      "confidence", G_TYPE_DOUBLE, (gdouble) meta->confidence,
      "region", G_TYPE_STRING, meta->region,
      "format", G_TYPE_STRING, meta->format,
      "x", G_TYPE_INT, meta->x,
      "y", G_TYPE_INT, meta->y,
      "width", G_TYPE_INT, meta->width,
      "height", G_TYPE_INT, meta->height,
      "detect-confidence", G_TYPE_DOUBLE, (gdouble) meta->detect_confidence,
      "track-id", G_TYPE_UINT64, meta->track_id,
      "track-text", G_TYPE_STRING, meta->track_text,
      "track-confidence", G_TYPE_DOUBLE, (gdouble) meta->track_confidence,
      "track-settled", G_TYPE_BOOLEAN,
      (meta->track_flags & GST_ANPR_TRACK_FLAG_SETTLED) != 0, NULL);

  g_value_init (&list, GST_TYPE_LIST);
  for (i = 0; i < meta->n_candidates; i++) {
    GValue v = G_VALUE_INIT;
    GstStructure *c = gst_structure_new ("candidate",
        "text", G_TYPE_STRING, meta->candidates[i].text,
        "confidence", G_TYPE_DOUBLE, (gdouble) meta->candidates[i].confidence,
        NULL);

    g_value_init (&v, GST_TYPE_STRUCTURE);
    g_value_take_boxed (&v, c);
    gst_value_list_append_and_take_value (&list, &v);
  }
  gst_structure_take_value (s, "candidates", &list);

  return gst_message_new_element (GST_OBJECT (self), s);
}

/* The share of either box that the other must cover for a
 * GstAnprPlateMeta and a license-plate ROI of the same id to be one
 * plate: platedetect gives both the same box, which rescaling may round
 * apart by a pixel. */
#define SAME_PLATE_IOU 0.5

static gboolean
gst_plate_ocr_same_box (const GstAnprPlateMeta * plate,
    const GstVideoRegionOfInterestMeta * roi)
{
  gint x0 = MAX (plate->x, (gint) roi->x);
  gint y0 = MAX (plate->y, (gint) roi->y);
  gint x1 = MIN (plate->x + plate->width, (gint) (roi->x + roi->w));
  gint y1 = MIN (plate->y + plate->height, (gint) (roi->y + roi->h));
  gdouble inter, uni;

  if (x1 <= x0 || y1 <= y0)
    return FALSE;
  inter = (gdouble) (x1 - x0) * (y1 - y0);
  uni = (gdouble) plate->width * plate->height + (gdouble) roi->w * roi->h
      - inter;
  return uni > 0 && inter / uni >= SAME_PLATE_IOU;
}

/* Gives every license-plate ROI on @buf that no GstAnprPlateMeta stands
 * for (one of the ROI's id over the same box, as platedetect adds them) a
 * GstAnprPlateMeta of its own, so that a plate found by another detector
 * is read too. */
static void
gst_plate_ocr_adopt_rois (GstPlateOcr * self, GstBuffer * buf)
{
  GQuark plate_type = g_quark_from_static_string (GST_ANPR_ROI_TYPE);
  GPtrArray *orphans = NULL;
  GstMeta *m;
  gpointer state = NULL;
  guint i;

  while ((m = gst_buffer_iterate_meta_filtered (buf, &state,
              GST_VIDEO_REGION_OF_INTEREST_META_API_TYPE))) {
    GstVideoRegionOfInterestMeta *roi = (GstVideoRegionOfInterestMeta *) m;
    GstAnprPlateMeta *plate;

    if (roi->roi_type != plate_type)
      continue;
    plate = gst_buffer_get_anpr_plate_meta_id (buf, (guint) roi->id);
    if (plate && gst_plate_ocr_same_box (plate, roi))
      continue;
    if (!orphans)
      orphans = g_ptr_array_new ();
    g_ptr_array_add (orphans, roi);
  }
  if (!orphans)
    return;

  /* added after the walk over the metas, which adding would change */
  for (i = 0; i < orphans->len; i++) {
    GstVideoRegionOfInterestMeta *roi = g_ptr_array_index (orphans, i);
    GstStructure *detection =
        gst_video_region_of_interest_meta_get_param (roi, "detection");
    gdouble confidence = DEFAULT_ROI_DETECT_CONFIDENCE;
    GstAnprPlateMeta *plate;

    if (detection)
      gst_structure_get_double (detection, "confidence", &confidence);
    plate = gst_buffer_add_anpr_plate_meta (buf, (gint) roi->x,
        (gint) roi->y, (gint) roi->w, (gint) roi->h, (gfloat) confidence);
    GST_LOG_OBJECT (self, "license-plate ROI %d (%u,%u %ux%u, detection "
        "confidence %.3f) read as plate %u", roi->id, roi->x, roi->y, roi->w,
        roi->h, confidence, plate ? plate->id : 0);
  }
  g_ptr_array_free (orphans, TRUE);
}

static GstFlowReturn
gst_plate_ocr_transform_ip (GstBaseTransform * trans, GstBuffer * buf)
{
  GstPlateOcr *self = GST_PLATE_OCR (trans);
  GstVideoFilter *filter = GST_VIDEO_FILTER (trans);
  GstAnprRegion region;
  guint max_candidates;
  gdouble min_confidence;
  gboolean post;
  PlateOcrTrackParams track_params;
  GstVideoFrame frame;
  PlateFrame img;
  GstAnprPlateMeta *meta;
  gpointer state = NULL;
  GList *messages = NULL, *l;

  if (G_UNLIKELY (!filter->negotiated)) {
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, (NULL),
        ("unknown format"));
    return GST_FLOW_NOT_NEGOTIATED;
  }
  if (G_UNLIKELY (!self->reader))
    return GST_FLOW_OK;
  gst_plate_ocr_adopt_rois (self, buf);
  if (gst_buffer_get_n_anpr_plate_metas (buf) == 0)
    return GST_FLOW_OK;

  GST_OBJECT_LOCK (self);
  region = self->region;
  max_candidates = self->max_candidates;
  min_confidence = self->min_confidence;
  post = self->message;
  track_params.check_interval = self->check_interval;
  track_params.settle_confidence = self->settle_confidence;
  track_params.settle_readings = SETTLE_READINGS;
  track_params.max_candidates = max_candidates;
  GST_OBJECT_UNLOCK (self);

  if (!analysis_map_frame (GST_ELEMENT (self), GST_CAT_DEFAULT,
          &filter->in_info, buf, &frame, &img, &self->skips,
          ANALYSIS_NOT_ANALYSED))
    return GST_FLOW_OK;

  plate_ocr_tracks_next_frame (self->tracks);
  while ((meta = gst_buffer_iterate_anpr_plate_meta (buf, &state))) {
    PlateReading reading;
    const gchar *region_name = gst_anpr_region_to_string (region);
    /* platedetect's tracker flags a box at the frame's edge */
    gboolean cut = (meta->track_flags & GST_ANPR_TRACK_FLAG_EDGE) != 0;
    PlateOcrSignature sig = { {0}, FALSE };
    const gchar *check;

    if (meta->track_id)
      plate_ocr_signature_compute (&img, meta->x, meta->y, meta->width,
          meta->height, &sig);
    /* a settled or static track is only checked now and then */
    if (!plate_ocr_tracks_should_read (self->tracks, meta, &sig,
            &track_params)) {
      gst_anpr_plate_meta_set_reading (meta, region_name, NULL, NULL, 0,
          NULL);
      plate_ocr_tracks_update (self->tracks, meta, FALSE, cut, &sig, region,
          &track_params);
      continue;
    }

    /* a settled plate's routine look: the plate network alone, where it
     * reads the track's text sure of every character, is enough */
    check = plate_ocr_tracks_check_text (self->tracks, meta);
    if (check && self->api->confirms (self->reader, &img, meta->x, meta->y,
            meta->width, meta->height, check)) {
      GST_LOG_OBJECT (self, "plate %u: track %" G_GUINT64_FORMAT " %s "
          "confirmed", meta->id, meta->track_id, check);
      gst_anpr_plate_meta_set_reading (meta, region_name, NULL, NULL, 0,
          NULL);
      plate_ocr_tracks_confirmed (self->tracks, meta, &sig, &track_params);
      continue;
    }

    if (plate_ocr_tracks_recall_static (self->tracks, meta, &sig, &reading)) {
      GST_LOG_OBJECT (self, "plate %u: static text's reading recalled, "
          "track %" G_GUINT64_FORMAT, meta->id, meta->track_id);
    } else if (self->api->read (self->reader, &img, meta->x, meta->y,
            meta->width, meta->height, region, max_candidates, &reading)) {
      plate_ocr_tracks_remember_static (self->tracks, meta, &sig, &reading);
    }
    if (reading.n_candidates == 0
        || reading.candidates[0].confidence < min_confidence) {
      GST_DEBUG_OBJECT (self, "plate %u (%d,%d %dx%d) not read (raw \"%s\"), "
          "track %" G_GUINT64_FORMAT, meta->id, meta->x, meta->y, meta->width,
          meta->height, reading.raw, meta->track_id);
      gst_anpr_plate_meta_set_reading (meta, region_name, NULL, NULL, 0,
          NULL);
      plate_ocr_tracks_update (self->tracks, meta, TRUE, cut, &sig, region,
          &track_params);
      continue;
    }

    gst_anpr_plate_meta_set_reading (meta, region_name, reading.formats[0],
        reading.candidates, reading.n_candidates, reading.char_confidence);
    plate_ocr_tracks_update (self->tracks, meta, TRUE, cut, &sig, region,
        &track_params);
    GST_LOG_OBJECT (self, "plate %u read %s (%.2f, format %s, raw \"%s\"), "
        "track %" G_GUINT64_FORMAT " %s (%.2f)", meta->id, meta->text,
        meta->confidence, meta->format, reading.raw, meta->track_id,
        meta->track_text, meta->track_confidence);

    if (post)
      messages = g_list_prepend (messages,
          gst_plate_ocr_message_new (self, buf, meta));
  }

  gst_video_frame_unmap (&frame);

  messages = g_list_reverse (messages);
  for (l = messages; l; l = l->next)
    gst_element_post_message (GST_ELEMENT (self), l->data);
  g_list_free (messages);

  return GST_FLOW_OK;
}
