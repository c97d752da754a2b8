/* gst-anpr: anpr-run
 * Copyright (C) 2026 gst-anpr developers
 *
 * Runs the main job on one camera or file: decode, platedetect, plateocr,
 * hotlistmatch; prints hotlist matches as they happen and leaves an
 * annotated snapshot (PNG) of each hit: the vehicle's best frame.
 *
 *   anpr-run [--region gb] [--hotlist FILE] [--mqtt-url URL]
 *            [--camera-id ID] [--publish-reads] [--snapshot-dir DIR]
 *            [--realtime] INPUT
 *
 * INPUT is a file path or a URI (rtsp://, file://, http://).
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#include "toolcommon.h"
#endif

#include <string.h>

#include <cairo.h>
#include <gst/gst.h>
#include <gst/app/app.h>
#include <gst/video/video.h>
#include <gst/anpr/anpr.h>
#include <json-glib/json-glib.h>

typedef struct
{
  gchar *snapshot_dir;
  guint frames, reads, vehicles, matches, snapshots;
  GMainLoop *loop;
  gint exit_code;
} Run;

/* The hit, as the anpr-match message tells it. */
typedef struct
{
  const gchar *plate, *listed, *list, *action, *camera;
  gint x, y, width, height;
  gint64 wall_us;
} Hit;

static gboolean
boxes_overlap (gdouble ax, gdouble ay, gdouble aw, gdouble ah,
    const GstAnprPlateMeta * b)
{
  return ax < b->x + b->width && b->x < ax + aw && ay < b->y + b->height &&
      b->y < ay + ah;
}

static void
text_outlined (cairo_t * cr, gdouble x, gdouble y, const gchar * text,
    gdouble r, gdouble g, gdouble b)
{
  cairo_move_to (cr, x, y);
  cairo_text_path (cr, text);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 3.0);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_fill (cr);
}

/* Boxes round every plate of the frame, the hit in red; each plate's read
 * above its box, or below, where it covers no other plate (else left
 * out); the hit's details in a banner across the top of the picture. */
static void
draw_plates (cairo_t * cr, GstBuffer * buf, gint frame_w, const Hit * hit)
{
  GstAnprPlateMeta *m;
  gpointer state = NULL;
  cairo_text_extents_t ext;
  gchar *line1, *line2, *when;
  gdouble fs = MAX (16.0, frame_w / 60.0);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
      CAIRO_FONT_WEIGHT_BOLD);
  while ((m = gst_buffer_iterate_anpr_plate_meta (buf, &state))) {
    gboolean is_hit = m->x == hit->x && m->y == hit->y &&
        m->width == hit->width && m->height == hit->height;
    const gchar *text = m->track_text[0] ? m->track_text : m->text;
    gdouble lfs = CLAMP (m->height * 0.8, 12.0, fs);
    gchar *label;
    gdouble ly[2];
    gint k;

    /* text fixed in the picture is no plate to show */
    if (m->track_flags & GST_ANPR_TRACK_FLAG_STATIC)
      continue;
    if (is_hit)
      cairo_set_source_rgb (cr, 0.9, 0.1, 0.1);
    else
      cairo_set_source_rgb (cr, 0.1, 0.8, 0.2);
    cairo_set_line_width (cr, is_hit ? 4.0 : 2.0);
    cairo_rectangle (cr, m->x, m->y, m->width, m->height);
    cairo_stroke (cr);
    if (!text[0])
      continue;
    label = g_strdup (text);
    cairo_set_font_size (cr, lfs);
    cairo_text_extents (cr, label, &ext);
    ly[0] = m->y - 6;
    ly[1] = m->y + m->height + 6 + ext.height;
    for (k = 0; k < 2; k++) {
      GstAnprPlateMeta *o;
      gpointer st2 = NULL;
      gboolean clear = ly[k] - ext.height >= 0;

      while (clear && (o = gst_buffer_iterate_anpr_plate_meta (buf, &st2)))
        if (o != m && boxes_overlap (m->x, ly[k] - ext.height, ext.width,
                ext.height, o))
          clear = FALSE;
      if (clear) {
        text_outlined (cr, m->x, ly[k], label, is_hit ? 1.0 : 0.3,
            is_hit ? 0.3 : 1.0, is_hit ? 0.3 : 0.4);
        break;
      }
    }
    g_free (label);
  }

  when = gst_anpr_event_format_timestamp (hit->wall_us);
  line1 = g_strdup_printf ("HOTLIST %s  %s  %s", hit->listed ? hit->listed :
      hit->plate, hit->list ? hit->list : "", hit->action ? hit->action : "");
  line2 = g_strdup_printf ("read %s   camera %s   %s", hit->plate,
      hit->camera ? hit->camera : "-", when);
  cairo_set_font_size (cr, fs);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_rectangle (cr, 0, 0, frame_w, fs * 2.8);
  cairo_fill (cr);
  text_outlined (cr, fs * 0.5, fs * 1.2, line1, 1.0, 0.3, 0.3);
  text_outlined (cr, fs * 0.5, fs * 2.4, line2, 1.0, 1.0, 1.0);
  g_free (line1);
  g_free (line2);
  g_free (when);
}

/* The vehicle's best frame (hotlistmatch post-best-frame), annotated. */
static void
write_snapshot (Run * run, GstSample * sample, const Hit * hit)
{
  GstBuffer *buf = gst_sample_get_buffer (sample);
  GstVideoInfo info;
  GstVideoFrame frame;
  cairo_surface_t *surf;
  cairo_t *cr;
  gchar *name, *path;

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      GST_VIDEO_INFO_FORMAT (&info) != GST_VIDEO_FORMAT_BGRx ||
      !gst_video_frame_map (&frame, &info, buf, GST_MAP_READ))
    return;
  /* Draw on a copy: the frame may be shared. */
  surf = cairo_image_surface_create (CAIRO_FORMAT_RGB24, info.width,
      info.height);
  {
    guint8 *dst = cairo_image_surface_get_data (surf);
    gint dstride = cairo_image_surface_get_stride (surf);
    gint sstride = GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0);
    const guint8 *src = GST_VIDEO_FRAME_PLANE_DATA (&frame, 0);
    gint y;

    cairo_surface_flush (surf);
    for (y = 0; y < info.height; y++)
      memcpy (dst + y * dstride, src + y * sstride, info.width * 4);
    cairo_surface_mark_dirty (surf);
  }
  gst_video_frame_unmap (&frame);

  cr = cairo_create (surf);
  draw_plates (cr, buf, info.width, hit);
  cairo_destroy (cr);

  name = g_strdup_printf ("hit-%03u-%s.png", ++run->snapshots,
      hit->plate ? hit->plate : "");
  path = g_build_filename (run->snapshot_dir, name, NULL);
  if (cairo_surface_write_to_png (surf, path) == CAIRO_STATUS_SUCCESS)
    g_print ("snapshot: %s\n", path);
  else
    g_printerr ("snapshot: could not write %s\n", path);
  cairo_surface_destroy (surf);
  g_free (name);
  g_free (path);
}

static void
on_match (Run * run, const GstStructure * s)
{
  const gchar *kind = gst_structure_get_string (s, "match-kind");
  const gchar *direction = gst_structure_get_string (s, "direction");
  const gchar *passage = gst_structure_get_string (s, "passage");
  const GValue *v = gst_structure_get_value (s, "best-frame");
  Hit hit = { 0 };

  hit.plate = gst_structure_get_string (s, "plate");
  hit.listed = gst_structure_get_string (s, "hotlist-plate");
  hit.list = gst_structure_get_string (s, "hotlist-list");
  hit.action = gst_structure_get_string (s, "action");
  hit.camera = gst_structure_get_string (s, "camera-id");
  gst_structure_get_int (s, "x", &hit.x);
  gst_structure_get_int (s, "y", &hit.y);
  gst_structure_get_int (s, "width", &hit.width);
  gst_structure_get_int (s, "height", &hit.height);
  {
    /* the time the event gives, else now */
    const gchar *json = gst_structure_get_string (s, "json");
    JsonParser *p = json_parser_new ();
    hit.wall_us = 0;
    if (json && json_parser_load_from_data (p, json, -1, NULL)) {
      JsonObject *o = json_node_get_object (json_parser_get_root (p));
      const gchar *ts = json_object_get_string_member_with_default (o,
          "timestamp", NULL);
      GDateTime *dt = ts ? g_date_time_new_from_iso8601 (ts, NULL) : NULL;
      if (dt) {
        hit.wall_us = g_date_time_to_unix (dt) * G_USEC_PER_SEC +
            g_date_time_get_microsecond (dt);
        g_date_time_unref (dt);
      }
    }
    g_object_unref (p);
  }

  run->matches++;
  g_print ("match: %s list=%s kind=%s%s%s%s%s\n", hit.plate ? hit.plate : "?",
      hit.list ? hit.list : "-", kind ? kind : "-",
      direction ? " direction=" : "", direction ? direction : "",
      passage ? " passage=" : "", passage ? passage : "");
  if (run->snapshot_dir && v && GST_VALUE_HOLDS_SAMPLE (v))
    write_snapshot (run, gst_value_get_sample (v), &hit);
}

static GstFlowReturn
on_new_sample (GstAppSink * sink, gpointer user_data)
{
  Run *run = user_data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  GstAnprPlateMeta *m;
  gpointer state = NULL;

  if (!sample)
    return GST_FLOW_EOS;
  run->frames++;
  while ((m = gst_buffer_iterate_anpr_plate_meta (gst_sample_get_buffer
              (sample), &state)))
    run->reads += m->text[0] != '\0';
  gst_sample_unref (sample);
  return GST_FLOW_OK;
}

static gboolean
on_message (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  Run *run = user_data;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ELEMENT:{
      const GstStructure *s = gst_message_get_structure (msg);
      if (gst_structure_has_name (s, "anpr-match"))
        on_match (run, s);
      else if (gst_structure_has_name (s, "anpr-vehicle"))
        run->vehicles++;
      break;
    }
    case GST_MESSAGE_WARNING:{
      GError *err = NULL;
      gst_message_parse_warning (msg, &err, NULL);
      g_printerr ("warning from %s: %s\n", GST_OBJECT_NAME (msg->src),
          err->message);
      g_error_free (err);
      break;
    }
    case GST_MESSAGE_ERROR:{
      GError *err = NULL;
      gchar *dbg = NULL;
      gst_message_parse_error (msg, &err, &dbg);
      g_printerr ("error from %s: %s\n%s\n", GST_OBJECT_NAME (msg->src),
          err->message, dbg ? dbg : "");
      g_error_free (err);
      g_free (dbg);
      run->exit_code = 1;
      g_main_loop_quit (run->loop);
      break;
    }
    case GST_MESSAGE_EOS:
      g_main_loop_quit (run->loop);
      break;
    default:
      break;
  }
  return TRUE;
}

int
main (int argc, char **argv)
{
  gchar *region = NULL, *hotlist = NULL, *mqtt_url = NULL, *camera_id =
      NULL, *snapshot_dir = NULL;
  gboolean publish_reads = FALSE, realtime = FALSE;
  GOptionEntry entries[] = {
    {"region", 'r', 0, G_OPTION_ARG_STRING, &region,
        "Plate region: gb (default), eu, us, auto", "REGION"},
    {"hotlist", 'l', 0, G_OPTION_ARG_STRING, &hotlist,
        "Hotlist CSV file(s), comma separated", "FILE"},
    {"mqtt-url", 'm', 0, G_OPTION_ARG_STRING, &mqtt_url,
        "Broker to publish to, e.g. mqtt://127.0.0.1:1883", "URL"},
    {"camera-id", 'c', 0, G_OPTION_ARG_STRING, &camera_id,
        "Camera id used in topics and events", "ID"},
    {"publish-reads", 0, 0, G_OPTION_ARG_NONE, &publish_reads,
        "Also publish every read on <prefix>/<camera>/read", NULL},
    {"snapshot-dir", 's', 0, G_OPTION_ARG_FILENAME, &snapshot_dir,
        "Write an annotated PNG of each hotlist hit here", "DIR"},
    {"realtime", 0, 0, G_OPTION_ARG_NONE, &realtime,
        "Play files at their own speed instead of as fast as possible",
        NULL},
    {NULL}
  };
  static const gchar *const elements[] = { "platedetect", "plateocr",
    "hotlistmatch", NULL
  };
  GOptionContext *ctx;
  GError *error = NULL;
  GString *desc;
  GstElement *pipe, *sink;
  GstBus *bus;
  GstAppSinkCallbacks cbs = { 0 };
  Run run = { 0 };
  gchar *uri;
  gint64 t0;

  ctx = g_option_context_new ("INPUT - read plates from a file or stream");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2) {
    g_printerr ("%s\n", error ? error->message :
        "usage: anpr-run [OPTIONS] INPUT (see --help)");
    return 2;
  }

  if (!tool_require_elements ("anpr-run", elements))
    return 1;
  uri = gst_uri_is_valid (argv[1]) ? g_strdup (argv[1]) :
      gst_filename_to_uri (argv[1], &error);
  if (!uri) {
    g_printerr ("%s: %s\n", argv[1], error->message);
    return 2;
  }
  desc = g_string_new (NULL);
  /* snapshots are drawn on the vehicle's best frame, kept by hotlistmatch
   * in the format it analysed: BGRx then */
  g_string_append_printf (desc, "uridecodebin uri=\"%s\" ! %splatedetect ! "
      "plateocr region=%s ! hotlistmatch name=match%s", uri,
      snapshot_dir ? "videoconvert ! video/x-raw,format=BGRx ! " : "",
      region ? region : "gb", snapshot_dir ? " post-best-frame=true" : "");
  if (camera_id)
    g_string_append_printf (desc, " camera-id=\"%s\"", camera_id);
  if (publish_reads)
    g_string_append (desc, " publish-reads=true");
  g_string_append (desc, " ! appsink name=sink");
  g_string_append_printf (desc, " sync=%s", realtime ? "true" : "false");
  g_print ("pipeline: %s\n", desc->str);

  pipe = gst_parse_launch (desc->str, &error);
  if (!pipe) {
    g_printerr ("cannot build the pipeline: %s\n", error->message);
    return 1;
  }
  /* Paths and URLs set as properties, not in the launch string, so no
   * quoting of user input is needed (and a password never shows). */
  {
    GstElement *m = gst_bin_get_by_name (GST_BIN (pipe), "match");
    if (hotlist)
      g_object_set (m, "hotlist", hotlist, NULL);
    if (mqtt_url)
      g_object_set (m, "mqtt-url", mqtt_url, NULL);
    gst_object_unref (m);
  }

  run.snapshot_dir = snapshot_dir;
  if (snapshot_dir)
    g_mkdir_with_parents (snapshot_dir, 0755);
  run.loop = g_main_loop_new (NULL, FALSE);

  sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
  cbs.new_sample = on_new_sample;
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &cbs, &run, NULL);
  gst_object_unref (sink);

  bus = gst_element_get_bus (pipe);
  gst_bus_add_watch (bus, on_message, &run);

  t0 = g_get_monotonic_time ();
  if (gst_element_set_state (pipe, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE) {
    /* the error message on the bus says why */
    run.exit_code = 1;
  }
  g_main_loop_run (run.loop);
  gst_element_set_state (pipe, GST_STATE_NULL);

  g_print ("summary: frames=%u reads=%u vehicles=%u matches=%u snapshots=%u "
      "seconds=%.1f\n", run.frames, run.reads, run.vehicles, run.matches,
      run.snapshots,
      (g_get_monotonic_time () - t0) / 1e6);

  gst_bus_remove_watch (bus);
  gst_object_unref (bus);
  gst_object_unref (pipe);
  g_main_loop_unref (run.loop);
  g_string_free (desc, TRUE);
  g_free (uri);
  g_option_context_free (ctx);
  return run.exit_code;
}
