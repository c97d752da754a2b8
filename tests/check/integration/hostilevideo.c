/* gst-anpr: hostile video through the elements.
 *
 * What a camera, a lossy link or a damaged recording hands the pipeline,
 * kept as tests: the sample traffic video's H.264 with bytes flipped in
 * the middle and cut in the middle of a NAL unit (avdec_h264 ! platedetect
 * ! plateocr ! hotlistmatch), caps that change resolution and format
 * mid-stream, 1x1 and 8K frames, a buffer smaller than its caps say and
 * one whose video meta places its planes past its memory.  Each must reach
 * EOS without an ERROR message, and the plates the input still shows must
 * be read. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <gst/app/gstappsrc.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>
#include "anprcheck.h"
#include "greyframe.h"

/* Every time bound below is multiplied by CK_TIMEOUT_MULTIPLIER (check's
 * own), which the valgrind test setup sets. */
static guint
timeout_multiplier (void)
{
  const gchar *m = g_getenv ("CK_TIMEOUT_MULTIPLIER");

  return m && atoi (m) > 0 ? (guint) atoi (m) : 1;
}

/* How long a whole pipeline may take to reach EOS. */
#define EOS_TIMEOUT (timeout_multiplier () * 90 * GST_SECOND)
/* How long one raw frame may take to come out of the chain, or a decoder
 * to give the next picture. */
#define FRAME_TIMEOUT (timeout_multiplier () * 30 * GST_SECOND)
/* The analysis of an 8K frame must not stall a camera: the bound is
 * generous for a loaded build machine, not a target. */
#define FRAME_8K_MAX_SECONDS (timeout_multiplier () * 10.0)
/* The seed of the flipped bytes, so that a failure reproduces. */
#define CORRUPT_SEED 18

/* ---- what a pipeline said ---------------------------------------------- */

typedef struct
{
  gchar *text;
  GstClockTime pts;
} Read;

typedef struct
{
  GPtrArray *reads;             /* Read, in bus order */
  GHashTable *matched;          /* hotlist plates alerted, normalised */
  GPtrArray *warnings;          /* "element: message" */
  GPtrArray *warning_sources;   /* element names, parallel to warnings */
} Outcome;

static void
read_free (Read * r)
{
  g_free (r->text);
  g_free (r);
}

static void
outcome_init (Outcome * o)
{
  o->reads = g_ptr_array_new_with_free_func ((GDestroyNotify) read_free);
  o->matched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->warnings = g_ptr_array_new_with_free_func (g_free);
  o->warning_sources = g_ptr_array_new_with_free_func (g_free);
}

static void
outcome_clear (Outcome * o)
{
  g_ptr_array_unref (o->reads);
  g_hash_table_unref (o->matched);
  g_ptr_array_unref (o->warnings);
  g_ptr_array_unref (o->warning_sources);
}

/* Records @msg in @o; fails the test on an ERROR.  TRUE at EOS. */
static gboolean
outcome_take (Outcome * o, GstMessage * msg)
{
  const GstStructure *s;
  GError *err = NULL;
  gchar *dbg = NULL;
  gboolean eos = FALSE;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_EOS:
      eos = TRUE;
      break;
    case GST_MESSAGE_ERROR:
      gst_message_parse_error (msg, &err, &dbg);
      fail ("ERROR from %s: %s (%s)", GST_OBJECT_NAME (msg->src),
          err->message, dbg ? dbg : "");
      break;
    case GST_MESSAGE_WARNING:
      gst_message_parse_warning (msg, &err, &dbg);
      GST_INFO ("warning from %s: %s (%s)", GST_OBJECT_NAME (msg->src),
          err->message, dbg ? dbg : "");
      g_ptr_array_add (o->warnings, g_strdup_printf ("%s: %s",
              GST_OBJECT_NAME (msg->src), err->message));
      g_ptr_array_add (o->warning_sources,
          g_strdup (GST_OBJECT_NAME (msg->src)));
      break;
    case GST_MESSAGE_ELEMENT:
      s = gst_message_get_structure (msg);
      if (gst_structure_has_name (s, "anpr-read")) {
        Read *r = g_new0 (Read, 1);

        r->text = g_strdup (gst_structure_get_string (s, "text"));
        r->pts = GST_CLOCK_TIME_NONE;
        gst_structure_get_uint64 (s, "timestamp", &r->pts);
        g_ptr_array_add (o->reads, r);
      } else if (gst_structure_has_name (s, "anpr-match")) {
        gchar norm[GST_ANPR_MAX_TEXT + 1];

        gst_anpr_plate_normalise (gst_structure_get_string (s,
                "hotlist-plate"), norm, sizeof (norm));
        g_hash_table_add (o->matched, g_strdup (norm));
      }
      break;
    default:
      break;
  }
  g_clear_error (&err);
  g_free (dbg);
  return eos;
}

/* Pops the bus into @o until EOS, failing at an ERROR or the timeout. */
static void
outcome_wait_eos (Outcome * o, GstBus * bus, GstClockTime timeout)
{
  gint64 deadline = g_get_monotonic_time () + timeout / GST_USECOND;

  for (;;) {
    gint64 left = deadline - g_get_monotonic_time ();
    GstMessage *msg;
    gboolean eos;

    fail_unless (left > 0, "no EOS within %" GST_TIME_FORMAT,
        GST_TIME_ARGS (timeout));
    msg = gst_bus_timed_pop_filtered (bus, left * GST_USECOND,
        GST_MESSAGE_EOS | GST_MESSAGE_ERROR | GST_MESSAGE_WARNING |
        GST_MESSAGE_ELEMENT);
    fail_unless (msg != NULL, "no EOS within %" GST_TIME_FORMAT,
        GST_TIME_ARGS (timeout));
    eos = outcome_take (o, msg);
    gst_message_unref (msg);
    if (eos)
      return;
  }
}

/* Pops what is waiting on the bus into @o. */
static void
outcome_drain (Outcome * o, GstBus * bus)
{
  GstMessage *msg;

  while ((msg = gst_bus_pop (bus))) {
    fail_if (outcome_take (o, msg), "EOS before the end of the input");
    gst_message_unref (msg);
  }
}

/* Whether @plate was read exactly at a time in [@from, @to). */
static gboolean
outcome_read_between (const Outcome * o, const gchar * plate,
    GstClockTime from, GstClockTime to)
{
  guint i;

  for (i = 0; i < o->reads->len; i++) {
    const Read *r = g_ptr_array_index (o->reads, i);

    if (!strcmp (r->text, plate) && GST_CLOCK_TIME_IS_VALID (r->pts)
        && r->pts >= from && r->pts < to)
      return TRUE;
  }
  return FALSE;
}

/* How many warnings came from @source and contain @text (NULL: any). */
static guint
outcome_count_warnings (const Outcome * o, const gchar * source,
    const gchar * text)
{
  guint i, n = 0;

  for (i = 0; i < o->warnings->len; i++)
    if (!strcmp (g_ptr_array_index (o->warning_sources, i), source)
        && (!text || strstr (g_ptr_array_index (o->warnings, i), text)))
      n++;
  return n;
}

/* NULL when every element factory named (NULL-terminated) is installed,
 * else which is not. */
static gchar *
missing_elements (const gchar * name, ...)
{
  gchar *why = NULL;
  va_list args;

  va_start (args, name);
  for (; name && !why; name = va_arg (args, const gchar *)) {
    GstElementFactory *f = gst_element_factory_find (name);

    if (f)
      gst_object_unref (f);
    else
      why = g_strdup_printf ("the %s element is not installed", name);
  }
  va_end (args);
  return why;
}

static gchar *
missing_h264_material (void)
{
  gchar *why = anpr_check_missing_env_path ("ANPR_SAMPLE_VIDEO");

  if (!why)
    why = anpr_check_missing_env_path ("ANPR_SAMPLE_TRUTH");
  if (!why)
    why = missing_elements ("qtdemux", "h264parse", "avdec_h264", "appsrc",
        "appsink", NULL);
  return why;
}

/* ---- the sample video as H.264 ----------------------------------------- */

typedef struct
{
  gchar *plate;                 /* normalised */
  gint first, last, best;       /* frames in full view, best view */
} Vehicle;

#define SAMPLE_FPS 25

static void
vehicle_free (Vehicle * v)
{
  g_free (v->plate);
  g_free (v);
}

/* The vehicles of the sample video's truth (anpr-synth video --truth). */
static GPtrArray *
load_truth (void)
{
  const gchar *path = g_getenv ("ANPR_SAMPLE_TRUTH");
  GPtrArray *vehicles = g_ptr_array_new_with_free_func ((GDestroyNotify)
      vehicle_free);
  gchar *contents, **lines;
  guint i;

  fail_unless (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  fail_unless (g_str_has_prefix (lines[0], "plate\tfirst_frame\tlast_frame\t"
          "start_s\tend_s\tdirection\tbest_frame"), "unknown truth %s", path);
  for (i = 1; lines[i]; i++) {
    gchar **f = g_strsplit (lines[i], "\t", -1);

    if (g_strv_length (f) >= 7) {
      Vehicle *v = g_new0 (Vehicle, 1);
      gchar norm[GST_ANPR_MAX_TEXT + 1];

      gst_anpr_plate_normalise (f[0], norm, sizeof (norm));
      v->plate = g_strdup (norm);
      v->first = atoi (f[1]);
      v->last = atoi (f[2]);
      v->best = atoi (f[6]);
      g_ptr_array_add (vehicles, v);
    }
    g_strfreev (f);
  }
  g_strfreev (lines);
  g_free (contents);
  fail_unless (vehicles->len >= 3, "too few vehicles in %s", path);
  return vehicles;
}

static GstClockTime
frame_time (gint frame)
{
  return gst_util_uint64_scale_int (frame, GST_SECOND, SAMPLE_FPS);
}

/* avdec_h264 brings in libav, which loads OpenMP before plateocr can tame
 * it: set what the README tells such pipelines to set, before the
 * decoder's plugin first loads. */
static void
tame_openmp (void)
{
  g_setenv ("OMP_THREAD_LIMIT", "1", FALSE);
}

/* The sample video's H.264 access units (byte-stream, SPS and PPS before
 * every IDR, as a camera sends them), with their timestamps; @caps gets
 * their caps. */
static GPtrArray *
sample_access_units (GstCaps ** caps)
{
  GPtrArray *aus = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_buffer_unref);
  GstElement *pipe, *sink;
  GstSample *sample;
  GError *err = NULL;
  gchar *launch;

  launch = g_strdup_printf ("filesrc location=\"%s\" ! qtdemux ! "
      "h264parse config-interval=-1 ! video/x-h264,stream-format=byte-stream,"
      "alignment=au ! appsink name=sink sync=false",
      g_getenv ("ANPR_SAMPLE_VIDEO"));
  pipe = gst_parse_launch (launch, &err);
  g_free (launch);
  fail_unless (pipe != NULL, "%s", err ? err->message : "");
  sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
  fail_if (gst_element_set_state (pipe, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  *caps = NULL;
  while ((sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
              FRAME_TIMEOUT))) {
    if (!*caps)
      *caps = gst_caps_ref (gst_sample_get_caps (sample));
    g_ptr_array_add (aus, gst_buffer_ref (gst_sample_get_buffer (sample)));
    gst_sample_unref (sample);
  }
  fail_unless (gst_app_sink_is_eos (GST_APP_SINK (sink)),
      "the sample video did not parse to its end");
  gst_element_set_state (pipe, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipe);
  fail_unless (*caps != NULL && aus->len > 100, "only %u access units",
      aus->len);
  return aus;
}

/* Index of the first keyframe at or after access unit @from (aus->len when
 * none). */
static guint
next_keyframe (GPtrArray * aus, guint from)
{
  for (; from < aus->len; from++)
    if (!GST_BUFFER_FLAG_IS_SET (g_ptr_array_index (aus, from),
            GST_BUFFER_FLAG_DELTA_UNIT))
      return from;
  return aus->len;
}

/* The last picture avdec_h264 makes of the first access units up to
 * @to. */
static GstBuffer *
decode_last (GPtrArray * aus, GstCaps * caps, guint to)
{
  GstElement *pipe, *src, *sink;
  GstSample *sample;
  GstBuffer *last = NULL;
  guint i;

  pipe = gst_parse_launch ("appsrc name=src format=time max-bytes=0 ! "
      "h264parse ! avdec_h264 ! appsink name=sink sync=false", NULL);
  fail_unless (pipe != NULL);
  src = gst_bin_get_by_name (GST_BIN (pipe), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
  g_object_set (src, "caps", caps, NULL);
  fail_if (gst_element_set_state (pipe, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  for (i = 0; i <= to; i++)
    gst_app_src_push_buffer (GST_APP_SRC (src),
        gst_buffer_ref (g_ptr_array_index (aus, i)));
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  while ((sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
              FRAME_TIMEOUT))) {
    gst_clear_buffer (&last);
    last = gst_buffer_ref (gst_sample_get_buffer (sample));
    gst_sample_unref (sample);
  }
  gst_element_set_state (pipe, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (src);
  gst_object_unref (pipe);
  fail_unless (last != NULL);
  return last;
}

/* The share of bytes of @a's and @b's first 1280x720 luma that differ
 * visibly. */
static gdouble
luma_difference (GstBuffer * a, GstBuffer * b)
{
  GstMapInfo ma, mb;
  gsize i, n, differ = 0;

  fail_unless (gst_buffer_map (a, &ma, GST_MAP_READ));
  fail_unless (gst_buffer_map (b, &mb, GST_MAP_READ));
  n = MIN (MIN (ma.size, mb.size), (gsize) 1280 * 720);
  for (i = 0; i < n; i++)
    differ += ABS ((gint) ma.data[i] - (gint) mb.data[i]) > 16;
  gst_buffer_unmap (a, &ma);
  gst_buffer_unmap (b, &mb);
  return n ? differ / (gdouble) n : 0.0;
}

/* The elements under test, then a fakesink; the sample hotlist in force,
 * without a broker (bus messages only). */
#define ANALYSIS_CHAIN "platedetect name=detect ! plateocr name=ocr " \
  "region=gb ! hotlistmatch name=match camera-id=hostile"

static void
run_h264 (const gchar * launch, GPtrArray * push, GstCaps * caps,
    Outcome * o)
{
  GstElement *pipe, *match;
  GstBus *bus;
  GError *err = NULL;

  pipe = gst_parse_launch (launch, &err);
  fail_unless (pipe != NULL, "%s", err ? err->message : "");
  match = gst_bin_get_by_name (GST_BIN (pipe), "match");
  g_object_set (match, "hotlist", g_getenv ("ANPR_SAMPLE_HOTLIST"), NULL);
  gst_object_unref (match);
  bus = gst_element_get_bus (pipe);
  fail_if (gst_element_set_state (pipe, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  if (push) {
    GstElement *src = gst_bin_get_by_name (GST_BIN (pipe), "src");
    guint i;

    g_object_set (src, "caps", caps, NULL);
    for (i = 0; i < push->len; i++)
      fail_unless_equals_int (gst_app_src_push_buffer (GST_APP_SRC (src),
              gst_buffer_ref (g_ptr_array_index (push, i))), GST_FLOW_OK);
    fail_unless_equals_int (gst_app_src_end_of_stream (GST_APP_SRC (src)),
        GST_FLOW_OK);
    gst_object_unref (src);
  }
  outcome_wait_eos (o, bus, EOS_TIMEOUT);
  gst_element_set_state (pipe, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (pipe);

  /* what the decoder made of the damage is its to report; the analysers
   * see only whole frames and have nothing to complain of, but frames the
   * decoder dropped leave gaps that hotlistmatch reports as lost */
  fail_unless_equals_int (outcome_count_warnings (o, "detect", NULL), 0);
  fail_unless_equals_int (outcome_count_warnings (o, "ocr", NULL), 0);
  fail_unless_equals_int (outcome_count_warnings (o, "match", NULL),
      outcome_count_warnings (o, "match", "lost before analysis"));
}

/* Bytes flipped in the middle of the stream, as a lossy link or a bad
 * sector damages them; the timestamps stay, as a transport keeps them. */
GST_START_TEST (test_corrupt_h264)
{
  GPtrArray *truth = load_truth (), *aus;
  GstCaps *caps;
  GRand *rand = g_rand_new_with_seed (CORRUPT_SEED);
  GHashTable *listed;
  Outcome o;
  guint first_bad, last_bad, recovered, end, i, n_after = 0, n_flipped = 0;
  GstClockTime recovered_pts;
  GstBuffer *clean, *damaged;
  gdouble damaged_share;
  gint64 t0 = g_get_monotonic_time ();

  tame_openmp ();
  aus = sample_access_units (&caps);
  /* Damage from a keyframe on (so the decoder loses its references and
   * must wait for the next one) through a few delta frames, all before
   * the last vehicle comes into view. */
  first_bad = next_keyframe (aus, aus->len / 5);
  last_bad = first_bad + SAMPLE_FPS / 2;
  fail_unless (last_bad < aus->len);
  clean = decode_last (aus, caps, last_bad);
  for (i = first_bad; i <= last_bad; i++) {
    GstBuffer *buf = g_ptr_array_index (aus, i);
    GstMapInfo map;
    gsize b;

    buf = gst_buffer_make_writable (buf);
    g_ptr_array_index (aus, i) = buf;
    fail_unless (gst_buffer_map (buf, &map, GST_MAP_READWRITE));
    /* past the first start code, so that the damage is in the slices
     * and parameter sets, not in where the access unit begins */
    for (b = 4; b < map.size; b++)
      if (g_rand_int_range (rand, 0, 32) == 0) {
        map.data[b] ^= (guint8) g_rand_int_range (rand, 1, 256);
        n_flipped++;
      }
    gst_buffer_unmap (buf, &map);
  }
  damaged = decode_last (aus, caps, last_bad);
  damaged_share = luma_difference (clean, damaged);
  gst_buffer_unref (clean);
  gst_buffer_unref (damaged);
  recovered = next_keyframe (aus, last_bad + 1);
  fail_unless (recovered < aus->len);
  recovered_pts = GST_BUFFER_PTS (g_ptr_array_index (aus, recovered));
  GST_INFO ("flipped %u bytes in access units %u..%u, keyframe %u at %"
      GST_TIME_FORMAT, n_flipped, first_bad, last_bad, recovered,
      GST_TIME_ARGS (recovered_pts));
  /* nothing to read once the last vehicle has gone */
  for (i = 0, end = 0; i < truth->len; i++)
    end = MAX (end, (guint) ((Vehicle *) g_ptr_array_index (truth, i))->last
        + 2);
  if (end < aus->len)
    g_ptr_array_remove_range (aus, end, aus->len - end);

  outcome_init (&o);
  run_h264 ("appsrc name=src format=time max-bytes=0 ! h264parse ! "
      "avdec_h264 ! " ANALYSIS_CHAIN " ! fakesink sync=false", aus, caps,
      &o);

  /* Every vehicle that comes into view after the decoder has recovered is
   * read exactly, in the frames where it is in view; a listed one
   * alerts. */
  listed = anpr_check_load_plates (g_getenv ("ANPR_SAMPLE_HOTLIST"), ",");
  for (i = 0; i < truth->len; i++) {
    const Vehicle *v = g_ptr_array_index (truth, i);

    if (frame_time (v->first) < recovered_pts)
      continue;
    n_after++;
    fail_unless (outcome_read_between (&o, v->plate, frame_time (v->first),
            frame_time (v->last + 1)), "%s, in view after the damage, was "
        "not read", v->plate);
    fail_unless (!g_hash_table_contains (listed, v->plate)
        || g_hash_table_contains (o.matched, v->plate),
        "%s is listed but did not alert", v->plate);
  }
  fail_unless (n_after >= 1, "no vehicle comes into view after the damage");
  /* the test itself: the flipped bytes did damage the pictures */
  fail_unless (damaged_share > 0.05, "only %.1f %% of the last damaged "
      "picture differs", 100 * damaged_share);
  g_print ("hostilevideo: corrupt H.264: %u bytes flipped in frames %u-%u "
      "(%.0f %% of the last one's luma off), %u reads, %u vehicle(s) after "
      "the damage read, %.1f s\n", n_flipped, first_bad, last_bad,
      100 * damaged_share, o.reads->len, n_after,
      (g_get_monotonic_time () - t0) / 1e6);

  outcome_clear (&o);
  g_hash_table_unref (listed);
  gst_caps_unref (caps);
  g_ptr_array_unref (aus);
  g_rand_free (rand);
  g_ptr_array_unref (truth);
}

GST_END_TEST;

/* A recording cut off in the middle of a NAL unit (a camera's storage
 * full, a copy interrupted), read from a file as a byte-stream. */
GST_START_TEST (test_truncated_h264)
{
  GPtrArray *truth = load_truth (), *aus;
  GstCaps *caps;
  GByteArray *bytes = g_byte_array_new ();
  GHashTable *listed;
  Outcome o;
  gchar *dir, *path, *launch;
  guint cut_au, i, n_before = 0;
  gsize cut = 0;
  gint64 t0 = g_get_monotonic_time ();

  tame_openmp ();
  aus = sample_access_units (&caps);
  /* In the middle of a frame half way through the stream, far from its
   * start code. */
  cut_au = aus->len / 2;
  for (i = 0; i < aus->len; i++) {
    GstBuffer *buf = g_ptr_array_index (aus, i);
    GstMapInfo map;

    if (i == cut_au)
      cut = bytes->len + gst_buffer_get_size (buf) / 2;
    fail_unless (gst_buffer_map (buf, &map, GST_MAP_READ));
    g_byte_array_append (bytes, map.data, map.size);
    gst_buffer_unmap (buf, &map);
  }
  fail_unless (cut > 0);
  dir = g_dir_make_tmp ("anpr-hostile-XXXXXX", NULL);
  fail_unless (dir != NULL);
  path = g_build_filename (dir, "cut.h264", NULL);
  fail_unless (g_file_set_contents (path, (const gchar *) bytes->data, cut,
          NULL));

  outcome_init (&o);
  launch = g_strdup_printf ("filesrc location=\"%s\" ! "
      "video/x-h264,stream-format=byte-stream ! h264parse ! avdec_h264 ! "
      ANALYSIS_CHAIN " ! fakesink sync=false", path);
  run_h264 (launch, NULL, NULL, &o);
  g_free (launch);

  /* Every vehicle that left the view before the cut was read exactly; a
   * listed one alerted. */
  listed = anpr_check_load_plates (g_getenv ("ANPR_SAMPLE_HOTLIST"), ",");
  for (i = 0; i < truth->len; i++) {
    const Vehicle *v = g_ptr_array_index (truth, i);
    guint j;
    gboolean read = FALSE;

    if (v->last >= (gint) cut_au)
      continue;
    n_before++;
    for (j = 0; j < o.reads->len && !read; j++)
      read = !strcmp (((Read *) g_ptr_array_index (o.reads, j))->text,
          v->plate);
    fail_unless (read, "%s, in view before the cut, was not read", v->plate);
    fail_unless (!g_hash_table_contains (listed, v->plate)
        || g_hash_table_contains (o.matched, v->plate),
        "%s is listed but did not alert", v->plate);
  }
  fail_unless (n_before >= 1, "no vehicle passes before the cut");
  g_print ("hostilevideo: truncated H.264: cut at byte %" G_GSIZE_FORMAT
      " of %u (frame %u), %u reads, %u vehicle(s) before the cut read, "
      "%.1f s\n", cut, bytes->len, cut_au, o.reads->len, n_before,
      (g_get_monotonic_time () - t0) / 1e6);

  outcome_clear (&o);
  g_hash_table_unref (listed);
  anpr_check_remove_dir (dir);
  g_free (path);
  g_free (dir);
  g_byte_array_unref (bytes);
  gst_caps_unref (caps);
  g_ptr_array_unref (aus);
  g_ptr_array_unref (truth);
}

GST_END_TEST;

/* ---- rendered frames through appsrc ------------------------------------ */

/* A grey road-like picture of @width x @height with a GB plate reading
 * @text (NULL: none), @plate_w pixels wide, centred a little below the
 * middle; black Liberation Sans Narrow Bold on white, as plateocr's own
 * tests render it. */
static guint8 *
render_scene (gint width, gint height, const gchar * text, gint plate_w)
{
  guint8 *luma = g_malloc ((gsize) width * height);
  gint x, y;

  for (y = 0; y < height; y++)
    for (x = 0; x < width; x++)
      luma[(gsize) y * width + x] = 80 + ((x / 13 + y / 9) % 3) * 8
          + (y * 30) / height;

  if (text) {
    gint plate_h = plate_w * 22 / 100, px = (width - plate_w) / 2;
    gint py = height * 6 / 10 - plate_h / 2, stride;
    cairo_surface_t *surf = cairo_image_surface_create (CAIRO_FORMAT_A8,
        plate_w, plate_h);
    cairo_t *cr = cairo_create (surf);
    cairo_text_extents_t hext, ext;
    guint8 *ink;

    fail_unless (px >= 0 && py >= 0 && py + plate_h <= height);
    cairo_select_font_face (cr, "Liberation Sans Narrow",
        CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size (cr, 100);
    cairo_text_extents (cr, "H", &hext);
    /* characters 57 % of the plate's height, as plateocr's tests draw
     * them */
    cairo_set_font_size (cr, 100.0 * plate_h * 0.57 / -hext.y_bearing);
    cairo_text_extents (cr, text, &ext);
    cairo_move_to (cr, (plate_w - ext.width) / 2 - ext.x_bearing,
        (plate_h - ext.height) / 2 - ext.y_bearing);
    cairo_show_text (cr, text);
    cairo_destroy (cr);
    cairo_surface_flush (surf);
    ink = cairo_image_surface_get_data (surf);
    stride = cairo_image_surface_get_stride (surf);
    for (y = 0; y < plate_h; y++)
      for (x = 0; x < plate_w; x++) {
        guint a = ink[y * stride + x];
        guint8 *p = luma + (gsize) (py + y) * width + px + x;
        gboolean border = x < 3 || y < 3 || x >= plate_w - 3
            || y >= plate_h - 3;

        *p = border ? 40 : (guint8) ((235 * (255 - a) + 20 * a) / 255);
      }
    cairo_surface_destroy (surf);
  }
  return luma;
}

/* A frame of @format (8 bit) showing @luma in grey. */
static GstBuffer *
make_frame (const GstVideoInfo * info, const guint8 * luma)
{
  GstVideoFrame frame;
  GstBuffer *buf;

  buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (info), NULL);
  gst_buffer_memset (buf, 0, 0, GST_VIDEO_INFO_SIZE (info));
  fail_unless (gst_video_frame_map (&frame, (GstVideoInfo *) info, buf,
          GST_MAP_WRITE));
  anpr_check_fill_grey (&frame, luma, GST_VIDEO_INFO_WIDTH (info),
      GST_VIDEO_INFO_HEIGHT (info));
  gst_video_frame_unmap (&frame);
  return buf;
}

/* appsrc ! platedetect ! plateocr ! hotlistmatch ! appsink, fed one frame
 * at a time: stills of one plate at one place, each to be read and
 * matched on its own, so without tracking (which would take them for text
 * fixed in the picture). */
typedef struct
{
  GstElement *pipe, *src, *sink;
  GstBus *bus;
  Outcome out;
  gchar *dir, *hotlist;
  guint n_pushed;
} Chain;

/* A chain whose hotlist lists @plates (NULL-terminated). */
static Chain *
chain_new (const gchar * const *plates)
{
  Chain *c = g_new0 (Chain, 1);
  GString *csv = g_string_new ("plate,list,reason,priority,action\n");
  GstElement *match;
  GError *err = NULL;

  for (; plates && *plates; plates++)
    g_string_append_printf (csv, "%s,test,hostile video,1,observe\n",
        *plates);
  c->dir = g_dir_make_tmp ("anpr-hostile-XXXXXX", NULL);
  fail_unless (c->dir != NULL);
  c->hotlist = g_build_filename (c->dir, "hotlist.csv", NULL);
  fail_unless (g_file_set_contents (c->hotlist, csv->str, -1, NULL));
  g_string_free (csv, TRUE);

  c->pipe = gst_parse_launch ("appsrc name=src format=time ! "
      ANALYSIS_CHAIN " ! appsink name=sink sync=false", &err);
  {
    GstElement *detect = gst_bin_get_by_name (GST_BIN (c->pipe), "detect");
    g_object_set (detect, "tracking", FALSE, NULL);
    gst_object_unref (detect);
  }
  fail_unless (c->pipe != NULL, "%s", err ? err->message : "");
  c->src = gst_bin_get_by_name (GST_BIN (c->pipe), "src");
  c->sink = gst_bin_get_by_name (GST_BIN (c->pipe), "sink");
  match = gst_bin_get_by_name (GST_BIN (c->pipe), "match");
  g_object_set (match, "hotlist", c->hotlist, NULL);
  gst_object_unref (match);
  c->bus = gst_element_get_bus (c->pipe);
  outcome_init (&c->out);
  fail_if (gst_element_set_state (c->pipe, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  return c;
}

/* Pushes @buf (taken) as a frame of @info and waits until it comes out;
 * returns the plates read on it (a set) and how long it took in
 * @seconds. */
static GHashTable *
chain_push (Chain * c, const GstVideoInfo * info, GstBuffer * buf,
    gdouble * seconds)
{
  GHashTable *read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  GstCaps *caps = gst_video_info_to_caps (info);
  GstSample *in, *out;
  GstAnprPlateMeta *m;
  gpointer state = NULL;
  gint64 t0;

  GST_BUFFER_PTS (buf) = c->n_pushed * GST_SECOND / 25;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 25;
  c->n_pushed++;
  in = gst_sample_new (buf, caps, NULL, NULL);
  gst_buffer_unref (buf);
  gst_caps_unref (caps);
  t0 = g_get_monotonic_time ();
  fail_unless_equals_int (gst_app_src_push_sample (GST_APP_SRC (c->src), in),
      GST_FLOW_OK);
  gst_sample_unref (in);
  out = gst_app_sink_try_pull_sample (GST_APP_SINK (c->sink), FRAME_TIMEOUT);
  if (seconds)
    *seconds = (g_get_monotonic_time () - t0) / 1e6;
  outcome_drain (&c->out, c->bus);
  fail_unless (out != NULL, "frame %u (%dx%d %s) did not come out",
      c->n_pushed - 1, GST_VIDEO_INFO_WIDTH (info),
      GST_VIDEO_INFO_HEIGHT (info), GST_VIDEO_INFO_NAME (info));
  while ((m = gst_buffer_iterate_anpr_plate_meta (gst_sample_get_buffer (out),
              &state)))
    if (m->text[0])
      g_hash_table_add (read, g_strdup (m->text));
  gst_sample_unref (out);
  return read;
}

/* Ends the stream, waits for EOS (no ERROR on the way) and frees @c. */
static void
chain_finish (Chain * c)
{
  fail_unless_equals_int (gst_app_src_end_of_stream (GST_APP_SRC (c->src)),
      GST_FLOW_OK);
  outcome_wait_eos (&c->out, c->bus, EOS_TIMEOUT);
  gst_element_set_state (c->pipe, GST_STATE_NULL);
}

static void
chain_free (Chain * c)
{
  outcome_clear (&c->out);
  gst_object_unref (c->bus);
  gst_object_unref (c->sink);
  gst_object_unref (c->src);
  gst_object_unref (c->pipe);
  anpr_check_remove_dir (c->dir);
  g_free (c->hotlist);
  g_free (c->dir);
  g_free (c);
}

/* A frame of @format, @width x @height, with @text on a plate @plate_w
 * wide (no plate when @text is NULL); @info gets its description. */
static GstBuffer *
scene_frame (GstVideoInfo * info, GstVideoFormat format, gint width,
    gint height, const gchar * text, gint plate_w)
{
  guint8 *luma;
  GstBuffer *buf;

  fail_unless (gst_video_info_set_format (info, format, width, height));
  GST_VIDEO_INFO_FPS_N (info) = 25;
  GST_VIDEO_INFO_FPS_D (info) = 1;
  luma = render_scene (width, height, text, plate_w);
  buf = make_frame (info, luma);
  g_free (luma);
  return buf;
}

typedef struct
{
  gint width, height;
  GstVideoFormat format;
  const gchar *plate;
} Shape;

/* Resolution changes, then format changes, each for a few frames. */
GST_START_TEST (test_caps_changes)
{
  static const Shape shapes[] = {
    {1280, 720, GST_VIDEO_FORMAT_I420, "AC12HLE"},
    {640, 360, GST_VIDEO_FORMAT_I420, "BD51SMR"},
    {1920, 1080, GST_VIDEO_FORMAT_I420, "YK07TXN"},
    {1280, 720, GST_VIDEO_FORMAT_I420, "HW63KXP"},
    {1280, 720, GST_VIDEO_FORMAT_NV12, "GF14WRU"},
    {1280, 720, GST_VIDEO_FORMAT_BGRx, "DN68VCS"},
  };
  const gchar *plates[G_N_ELEMENTS (shapes) + 1] = { NULL, };
  Chain *c;
  guint i, f;
  gint64 t0 = g_get_monotonic_time ();

  for (i = 0; i < G_N_ELEMENTS (shapes); i++)
    plates[i] = shapes[i].plate;
  c = chain_new (plates);
  for (i = 0; i < G_N_ELEMENTS (shapes); i++) {
    const Shape *s = &shapes[i];
    GstVideoInfo info;
    GstBuffer *buf = scene_frame (&info, s->format, s->width, s->height,
        s->plate, s->width * 35 / 100);
    GString *seen = g_string_new (NULL);
    gboolean read = FALSE;

    /* a few frames of each, as a camera's stream after a change */
    for (f = 0; f < 2; f++) {
      GHashTable *r = chain_push (c, &info, gst_buffer_copy (buf), NULL);
      GHashTableIter it;
      gpointer text;

      read |= g_hash_table_contains (r, s->plate);
      g_hash_table_iter_init (&it, r);
      while (g_hash_table_iter_next (&it, &text, NULL))
        g_string_append_printf (seen, " %s", (gchar *) text);
      g_hash_table_unref (r);
    }
    gst_buffer_unref (buf);
    fail_unless (read, "%s not read after the change to %dx%d %s (read:%s)",
        s->plate, s->width, s->height,
        gst_video_format_to_string (s->format), seen->str);
    g_string_free (seen, TRUE);
  }
  chain_finish (c);
  /* hotlistmatch followed every change too */
  for (i = 0; i < G_N_ELEMENTS (shapes); i++)
    fail_unless (g_hash_table_contains (c->out.matched, shapes[i].plate),
        "no alert for %s", shapes[i].plate);
  fail_unless_equals_int (c->out.warnings->len, 0);
  g_print ("hostilevideo: caps changes: %u shapes read, %.1f s\n",
      (guint) G_N_ELEMENTS (shapes), (g_get_monotonic_time () - t0) / 1e6);
  chain_free (c);
}

GST_END_TEST;

/* 1x1 frames in several layouts pass through unread; a normal frame after
 * them is read. */
GST_START_TEST (test_tiny_frames)
{
  static const GstVideoFormat formats[] = { GST_VIDEO_FORMAT_I420,
    GST_VIDEO_FORMAT_NV12, GST_VIDEO_FORMAT_GRAY8, GST_VIDEO_FORMAT_YUY2,
    GST_VIDEO_FORMAT_BGRx, GST_VIDEO_FORMAT_RGB
  };
  const gchar *plates[] = { "AC12HLE", NULL };
  GstVideoInfo info;
  GHashTable *r;
  Chain *c = chain_new (plates);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (formats); i++) {
    r = chain_push (c, &info, scene_frame (&info, formats[i], 1, 1, NULL, 0),
        NULL);
    fail_unless_equals_int (g_hash_table_size (r), 0);
    g_hash_table_unref (r);
  }
  r = chain_push (c, &info, scene_frame (&info, GST_VIDEO_FORMAT_I420, 1280,
          720, plates[0], 448), NULL);
  fail_unless (g_hash_table_contains (r, plates[0]),
      "not read after the 1x1 frames");
  g_hash_table_unref (r);
  chain_finish (c);
  fail_unless_equals_int (c->out.warnings->len, 0);
  chain_free (c);
}

GST_END_TEST;

/* 8K frames, planar and packed: each analysed in bounded time, and a plate
 * of a size such a camera sees is read. */
GST_START_TEST (test_8k_frames)
{
  static const GstVideoFormat formats[] = { GST_VIDEO_FORMAT_I420,
    GST_VIDEO_FORMAT_BGRx
  };
  const gchar *plates[] = { "YK07TXN", NULL };
  GstVideoInfo info;
  GstBuffer *buf;
  Chain *c = chain_new (plates);
  gdouble secs, worst = 0.0, total = 0.0;
  guint i, f, n_read = 0, n_frames = 0;

  for (f = 0; f < G_N_ELEMENTS (formats); f++) {
    gdouble fworst = 0.0;

    buf = scene_frame (&info, formats[f], 7680, 4320, plates[0], 800);
    for (i = 0; i < 2; i++) {
      GHashTable *r = chain_push (c, &info, gst_buffer_copy (buf), &secs);

      n_read += g_hash_table_contains (r, plates[0]);
      g_hash_table_unref (r);
      fworst = MAX (fworst, secs);
      total += secs;
      n_frames++;
    }
    gst_buffer_unref (buf);
    g_print ("hostilevideo: 8K %s: %.3f s per frame at worst\n",
        gst_video_format_to_string (formats[f]), fworst);
    worst = MAX (worst, fworst);
  }
  chain_finish (c);
  g_print ("hostilevideo: 8K: %u frames, %.3f s per frame on average, "
      "%.3f s at worst, plate read in %u\n", n_frames, total / n_frames,
      worst, n_read);
  fail_unless (worst < FRAME_8K_MAX_SECONDS, "an 8K frame took %.1f s",
      worst);
  fail_unless_equals_int (n_read, n_frames);
  fail_unless (g_hash_table_contains (c->out.matched, plates[0]));
  fail_unless_equals_int (c->out.warnings->len, 0);
  chain_free (c);
}

GST_END_TEST;

/* A buffer smaller than its caps say is passed on unanalysed with a
 * warning, and the frames after it are read. */
GST_START_TEST (test_short_buffer)
{
  const gchar *plates[] = { "AC12HLE", "BD51SMR", NULL };
  GstVideoInfo info;
  GstBuffer *buf;
  GHashTable *r;
  Chain *c = chain_new (plates);

  r = chain_push (c, &info, scene_frame (&info, GST_VIDEO_FORMAT_I420, 1280,
          720, plates[0], 448), NULL);
  fail_unless (g_hash_table_contains (r, plates[0]));
  g_hash_table_unref (r);

  /* the same caps, half the bytes */
  buf = scene_frame (&info, GST_VIDEO_FORMAT_I420, 1280, 720, plates[1], 448);
  gst_buffer_resize (buf, 0, GST_VIDEO_INFO_SIZE (&info) / 2);
  r = chain_push (c, &info, buf, NULL);
  fail_unless_equals_int (g_hash_table_size (r), 0);
  g_hash_table_unref (r);

  r = chain_push (c, &info, scene_frame (&info, GST_VIDEO_FORMAT_I420, 1280,
          720, plates[1], 448), NULL);
  fail_unless (g_hash_table_contains (r, plates[1]),
      "not read after the short buffer");
  g_hash_table_unref (r);
  chain_finish (c);

  fail_unless_equals_int (outcome_count_warnings (&c->out, "detect",
          "1 invalid video frame(s) passed on without being analysed"), 1);
  fail_unless (g_hash_table_contains (c->out.matched, plates[1]));
  chain_free (c);
}

GST_END_TEST;

/* A buffer whose video meta describes planes that reach past its memory
 * (a buggy or hostile upstream element): the caps' size is there, the
 * rows the meta's stride spans are not.  It carries a plate ROI of another
 * detector's, so that plateocr looks at it too. */
GST_START_TEST (test_meta_past_buffer)
{
  const gchar *plates[] = { "AC12HLE", "BD51SMR", NULL };
  GstVideoInfo info;
  GstBuffer *buf;
  GHashTable *r;
  Chain *c = chain_new (plates);
  gsize offset[GST_VIDEO_MAX_PLANES] = { 0, };
  gint stride[GST_VIDEO_MAX_PLANES] = { 0, };

  buf = scene_frame (&info, GST_VIDEO_FORMAT_I420, 1280, 720, plates[0],
      448);
  offset[0] = GST_VIDEO_INFO_PLANE_OFFSET (&info, 0);
  offset[1] = GST_VIDEO_INFO_PLANE_OFFSET (&info, 1);
  offset[2] = GST_VIDEO_INFO_PLANE_OFFSET (&info, 2);
  stride[0] = 1 << 20;
  stride[1] = GST_VIDEO_INFO_PLANE_STRIDE (&info, 1);
  stride[2] = GST_VIDEO_INFO_PLANE_STRIDE (&info, 2);
  gst_buffer_add_video_meta_full (buf, GST_VIDEO_FRAME_FLAG_NONE,
      GST_VIDEO_FORMAT_I420, 1280, 720, 3, offset, stride);
  gst_buffer_add_video_region_of_interest_meta (buf, GST_ANPR_ROI_TYPE,
      (1280 - 448) / 2, 720 * 6 / 10 - 448 * 22 / 200, 448, 448 * 22 / 100);
  r = chain_push (c, &info, buf, NULL);
  fail_unless_equals_int (g_hash_table_size (r), 0);
  g_hash_table_unref (r);

  r = chain_push (c, &info, scene_frame (&info, GST_VIDEO_FORMAT_I420, 1280,
          720, plates[1], 448), NULL);
  fail_unless (g_hash_table_contains (r, plates[1]),
      "not read after the bad buffer");
  g_hash_table_unref (r);
  chain_finish (c);
  fail_unless_equals_int (outcome_count_warnings (&c->out, "detect",
          "1 invalid video frame(s) passed on without being analysed"), 1);
  fail_unless_equals_int (outcome_count_warnings (&c->out, "ocr",
          "1 invalid video frame(s) passed on without being analysed"), 1);
  chain_free (c);
}

GST_END_TEST;

static Suite *
hostilevideo_suite (void)
{
  Suite *s = suite_create ("hostilevideo");
  TCase *tc = tcase_create ("general");

  anpr_check_fatal_log_domains ();
  tcase_set_timeout (tc, 110);
  suite_add_tcase (s, tc);
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_corrupt_h264, missing_h264_material ());
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_truncated_h264,
      missing_h264_material ());
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_caps_changes,
      missing_elements ("appsrc", "appsink", NULL));
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_tiny_frames,
      missing_elements ("appsrc", "appsink", NULL));
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_8k_frames,
      missing_elements ("appsrc", "appsink", NULL));
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_short_buffer,
      missing_elements ("appsrc", "appsink", NULL));
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_meta_past_buffer,
      missing_elements ("appsrc", "appsink", NULL));
  return s;
}

ANPR_CHECK_MAIN (hostilevideo);
