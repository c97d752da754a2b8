/* gst-anpr: anpr-run
 * Copyright (C) 2026 gst-anpr developers
 *
 * Runs the main job on one camera or file: decode, platedetect, plateocr,
 * hotlistmatch; prints hotlist matches as they happen and leaves an
 * annotated snapshot (PNG) of the frame of each hit.
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

typedef struct
{
  GMutex lock;
  GHashTable *hit_pts;          /* PTS -> Hit */
  gchar *snapshot_dir;
  guint frames, reads, matches, snapshots;
  GMainLoop *loop;
  gint exit_code;
} Run;

typedef struct
{
  guint meta_id;                /* the plate on the frame that matched */
  gchar *plate;                 /* as read */
  gchar *list;
} Hit;

static void
hit_free (gpointer p)
{
  Hit *h = p;
  g_free (h->plate);
  g_free (h->list);
  g_free (h);
}

/* Streaming thread: hotlistmatch posts anpr-match before it pushes the
 * frame on, so the frame's PTS is known when the frame reaches the sink. */
static GstBusSyncReply
on_sync_message (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  Run *run = user_data;
  const GstStructure *s;
  guint64 ts;

  if (GST_MESSAGE_TYPE (msg) != GST_MESSAGE_ELEMENT)
    return GST_BUS_PASS;
  s = gst_message_get_structure (msg);
  if (gst_structure_has_name (s, "anpr-match")
      && gst_structure_get_uint64 (s, "timestamp", &ts)) {
    Hit *hit = g_new0 (Hit, 1);
    gst_structure_get_uint (s, "meta-id", &hit->meta_id);
    hit->plate = g_strdup (gst_structure_get_string (s, "plate"));
    hit->list = g_strdup (gst_structure_get_string (s, "hotlist-list"));
    g_mutex_lock (&run->lock);
    g_hash_table_insert (run->hit_pts, g_memdup2 (&ts, sizeof (ts)), hit);
    g_mutex_unlock (&run->lock);
  }
  return GST_BUS_PASS;
}

static void
draw_plates (cairo_t * cr, GstBuffer * buf, const Hit * hit_plate)
{
  GstAnprPlateMeta *m;
  gpointer state = NULL;

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
      CAIRO_FONT_WEIGHT_BOLD);
  while ((m = gst_buffer_iterate_anpr_plate_meta (buf, &state))) {
    gboolean hit = m->id == hit_plate->meta_id;
    gdouble fs = MAX (16.0, m->height * 0.8);
    gchar *label;

    if (hit)
      cairo_set_source_rgb (cr, 0.9, 0.1, 0.1);
    else
      cairo_set_source_rgb (cr, 0.1, 0.8, 0.2);
    cairo_set_line_width (cr, hit ? 4.0 : 2.0);
    cairo_rectangle (cr, m->x, m->y, m->width, m->height);
    cairo_stroke (cr);
    if (!m->text[0])
      continue;
    label = g_strdup_printf ("%s %.0f%%%s%s", m->text, m->confidence * 100.0,
        hit ? "  HOTLIST " : "", hit && hit_plate->list ? hit_plate->list :
        "");
    cairo_set_font_size (cr, fs);
    cairo_move_to (cr, m->x, MAX (fs, m->y - 6));
    cairo_text_path (cr, label);
    cairo_set_source_rgb (cr, 0, 0, 0);
    cairo_set_line_width (cr, 3.0);
    cairo_stroke_preserve (cr);
    if (hit)
      cairo_set_source_rgb (cr, 1.0, 0.3, 0.3);
    else
      cairo_set_source_rgb (cr, 0.3, 1.0, 0.4);
    cairo_fill (cr);
    g_free (label);
  }
}

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
  draw_plates (cr, buf, hit);
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

static GstFlowReturn
on_new_sample (GstAppSink * sink, gpointer user_data)
{
  Run *run = user_data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buf;
  GstAnprPlateMeta *m;
  gpointer state = NULL;
  guint64 pts;
  Hit *hit = NULL;

  if (!sample)
    return GST_FLOW_EOS;
  buf = gst_sample_get_buffer (sample);
  pts = GST_BUFFER_PTS (buf);
  run->frames++;
  while ((m = gst_buffer_iterate_anpr_plate_meta (buf, &state)))
    run->reads += m->text[0] != '\0';

  g_mutex_lock (&run->lock);
  {
    gpointer key = NULL;
    if (g_hash_table_steal_extended (run->hit_pts, &pts, &key,
            (gpointer *) & hit))
      g_free (key);
  }
  g_mutex_unlock (&run->lock);

  if (hit && run->snapshot_dir)
    write_snapshot (run, sample, hit);
  if (hit)
    hit_free (hit);
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
      if (gst_structure_has_name (s, "anpr-match")) {
        const gchar *text = gst_structure_get_string (s, "plate");
        const gchar *list = gst_structure_get_string (s, "hotlist-list");
        const gchar *kind = gst_structure_get_string (s, "match-kind");
        run->matches++;
        g_print ("match: %s list=%s kind=%s\n", text ? text : "?",
            list ? list : "-", kind ? kind : "-");
      }
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
  g_string_append_printf (desc, "uridecodebin uri=\"%s\" ! platedetect ! "
      "plateocr region=%s ! hotlistmatch name=match", uri,
      region ? region : "gb");
  if (camera_id)
    g_string_append_printf (desc, " camera-id=\"%s\"", camera_id);
  if (publish_reads)
    g_string_append (desc, " publish-reads=true");
  g_string_append (desc, " ! videoconvert ! video/x-raw,format=BGRx ! "
      "appsink name=sink");
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

  g_mutex_init (&run.lock);
  run.hit_pts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
      hit_free);
  run.snapshot_dir = snapshot_dir;
  if (snapshot_dir)
    g_mkdir_with_parents (snapshot_dir, 0755);
  run.loop = g_main_loop_new (NULL, FALSE);

  sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
  cbs.new_sample = on_new_sample;
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &cbs, &run, NULL);
  gst_object_unref (sink);

  bus = gst_element_get_bus (pipe);
  gst_bus_set_sync_handler (bus, on_sync_message, &run, NULL);
  gst_bus_add_watch (bus, on_message, &run);

  t0 = g_get_monotonic_time ();
  if (gst_element_set_state (pipe, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE) {
    /* the error message on the bus says why */
    run.exit_code = 1;
  }
  g_main_loop_run (run.loop);
  gst_element_set_state (pipe, GST_STATE_NULL);

  g_print ("summary: frames=%u reads=%u matches=%u snapshots=%u "
      "seconds=%.1f\n", run.frames, run.reads, run.matches, run.snapshots,
      (g_get_monotonic_time () - t0) / 1e6);

  gst_bus_remove_watch (bus);
  gst_object_unref (bus);
  gst_object_unref (pipe);
  g_main_loop_unref (run.loop);
  g_hash_table_unref (run.hit_pts);
  g_mutex_clear (&run.lock);
  g_string_free (desc, TRUE);
  g_free (uri);
  g_option_context_free (ctx);
  return run.exit_code;
}
