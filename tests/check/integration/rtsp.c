/* gst-anpr: plates read from a real RTSP stream.
 *
 * A gst-rtsp-server in this process serves the sample traffic video on a
 * free loopback port; rtspsrc ! decodebin ! platedetect ! plateocr reads
 * it as it would read a camera.  The server is always stopped. */
#include <string.h>
#include "anprcheck.h"
#include <gst/app/app.h>
#include <gst/rtsp-server/rtsp-server.h>
#include <gst/anpr/anpr.h>

typedef struct
{
  GMainContext *ctx;
  GMainLoop *loop;
  GThread *thread;
  GstRTSPServer *server;
  guint source_id;
  gint port;
} Server;

static gpointer
server_thread (gpointer data)
{
  Server *srv = data;
  g_main_context_push_thread_default (srv->ctx);
  g_main_loop_run (srv->loop);
  g_main_context_pop_thread_default (srv->ctx);
  return NULL;
}

static Server *
server_start (const gchar * video)
{
  Server *srv = g_new0 (Server, 1);
  GstRTSPMountPoints *mounts;
  GstRTSPMediaFactory *factory;
  gchar *launch;

  srv->ctx = g_main_context_new ();
  srv->loop = g_main_loop_new (srv->ctx, FALSE);
  srv->server = gst_rtsp_server_new ();
  gst_rtsp_server_set_address (srv->server, "127.0.0.1");
  gst_rtsp_server_set_service (srv->server, "0");       /* a free port */
  mounts = gst_rtsp_server_get_mount_points (srv->server);
  factory = gst_rtsp_media_factory_new ();
  launch = g_strdup_printf ("( filesrc location=\"%s\" ! qtdemux ! "
      "h264parse config-interval=-1 ! rtph264pay name=pay0 pt=96 )", video);
  gst_rtsp_media_factory_set_launch (factory, launch);
  g_free (launch);
  gst_rtsp_mount_points_add_factory (mounts, "/camera1", factory);
  g_object_unref (mounts);
  srv->source_id = gst_rtsp_server_attach (srv->server, srv->ctx);
  fail_unless (srv->source_id != 0, "RTSP server failed to attach");
  srv->port = gst_rtsp_server_get_bound_port (srv->server);
  fail_unless (srv->port > 0);
  srv->thread = g_thread_new ("rtsp-server", server_thread, srv);
  return srv;
}

static void
server_stop (Server * srv)
{
  GSource *src = g_main_context_find_source_by_id (srv->ctx, srv->source_id);
  if (src)
    g_source_destroy (src);
  g_main_loop_quit (srv->loop);
  g_thread_join (srv->thread);
  g_object_unref (srv->server);
  g_main_loop_unref (srv->loop);
  g_main_context_unref (srv->ctx);
  g_free (srv);
}

GST_START_TEST (test_read_plates_over_rtsp)
{
  const gchar *video = g_getenv ("ANPR_SAMPLE_VIDEO");
  const gchar *truth = g_getenv ("ANPR_SAMPLE_TRUTH");
  GHashTable *plates, *seen;
  Server *srv;
  GstElement *pipe, *sink;
  gchar *launch;
  gint64 deadline, last_frame = 0;
  guint frames = 0, reads = 0, right = 0;
  GHashTableIter it;
  gpointer key;

  plates = anpr_check_load_plates (truth, "\t");
  fail_unless (g_hash_table_size (plates) >= 2);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  srv = server_start (video);
  launch = g_strdup_printf ("rtspsrc location=rtsp://127.0.0.1:%d/camera1 "
      "protocols=tcp latency=200 teardown-timeout=1000000000 ! decodebin ! "
      "queue leaky=downstream max-size-buffers=4 ! platedetect ! "
      "plateocr region=gb ! appsink name=sink sync=false", srv->port);
  /* As in any live pipeline, the leaky queue moves the analysis off the
   * network's streaming thread: a slow frame is dropped rather than held
   * against the source, and rtspsrc's own thread, which needs that
   * thread's stream lock when the stream ends, is never kept waiting
   * behind the reader. */
  pipe = anpr_check_parse_launch (launch);
  g_free (launch);
  sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
  fail_if (gst_element_set_state (pipe, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);

  /* The stream plays in real time; stop once every plate was read, at EOS,
   * when frames stop coming (the server ends its media without a BYE), or
   * at the deadline. */
  deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < deadline
      && g_hash_table_size (seen) < g_hash_table_size (plates)) {
    GstSample *s = gst_app_sink_try_pull_sample (GST_APP_SINK (sink),
        GST_SECOND);
    GstAnprPlateMeta *m;
    gpointer state = NULL;

    if (!s) {
      if (gst_app_sink_is_eos (GST_APP_SINK (sink)) || (last_frame &&
              g_get_monotonic_time () - last_frame > 3 * G_TIME_SPAN_SECOND))
        break;
      continue;
    }
    last_frame = g_get_monotonic_time ();
    frames++;
    while ((m = gst_buffer_iterate_anpr_plate_meta (gst_sample_get_buffer (s),
                &state))) {
      if (!m->text[0])
        continue;
      reads++;
      if (g_hash_table_contains (plates, m->text)) {
        right++;
        g_hash_table_add (seen, g_strdup (m->text));
      }
    }
    gst_sample_unref (s);
  }

  /* Server first: the client's TEARDOWN then fails at once on the closed
   * connection instead of waiting for a media that has already ended. */
  server_stop (srv);
  gst_element_set_state (pipe, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipe);

  GST_INFO ("frames %u reads %u right %u plates %u/%u", frames, reads, right,
      g_hash_table_size (seen), g_hash_table_size (plates));
  g_hash_table_iter_init (&it, plates);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_print ("rtsp: %s %s\n", (gchar *) key,
        g_hash_table_contains (seen, key) ? "read" : "not read");
  /* the leaky queue drops what the analysis cannot keep up with: an
   * instrumented build (ANPR_TEST_LIGHT, tests/meson.build) keeps fewer
   * frames of the real-time stream */
  fail_unless (frames > (g_getenv ("ANPR_TEST_LIGHT") ? 10 : 50),
      "only %u frames arrived over RTSP", frames);
  /* Most vehicles' plates are read exactly at least once over RTSP (the
   * reader's own accuracy is measured by anpr-eval, not here). */
  fail_unless (2 * g_hash_table_size (seen) > g_hash_table_size (plates),
      "only %u of %u plates read over RTSP", g_hash_table_size (seen),
      g_hash_table_size (plates));
  g_hash_table_unref (seen);
  g_hash_table_unref (plates);
}

GST_END_TEST;

static Suite *
rtsp_suite (void)
{
  Suite *s = suite_create ("rtsp");
  TCase *tc = tcase_create ("general");

  anpr_check_fatal_log_domains ();
  tcase_set_timeout (tc, 180);
  suite_add_tcase (s, tc);
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_read_plates_over_rtsp,
      anpr_check_missing_env_path ("ANPR_SAMPLE_VIDEO"));
  return s;
}

ANPR_CHECK_MAIN (rtsp);
