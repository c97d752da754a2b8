/* gst-anpr: plates read from a real RTSP stream.
 *
 * anpr-rtsp-serve (gst-rtsp-server) serves the sample traffic video on a
 * free loopback port; rtspsrc ! decodebin ! platedetect ! plateocr reads
 * it as it would read a camera.  The server is always stopped. */
#include <string.h>
#include "anprcheck.h"
#include "rtspcamera.h"
#include <gst/app/app.h>
#include <gst/anpr/anpr.h>

GST_START_TEST (test_read_plates_over_rtsp)
{
  const gchar *truth = g_getenv ("ANPR_SAMPLE_TRUTH");
  GHashTable *plates, *seen;
  Camera cam = { NULL, 0 };
  GstElement *pipe, *sink;
  gchar *launch;
  gint64 deadline, last_frame = 0;
  guint frames = 0, reads = 0, right = 0;
  GHashTableIter it;
  gpointer key;

  plates = anpr_check_load_plates (truth, "\t");
  fail_unless (g_hash_table_size (plates) >= 2);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  camera_start (&cam);
  launch = g_strdup_printf ("rtspsrc location=rtsp://127.0.0.1:%d/camera1 "
      "protocols=tcp latency=200 teardown-timeout=1000000000 ! decodebin ! "
      "queue leaky=downstream max-size-buffers=4 ! platedetect ! "
      "plateocr region=gb ! appsink name=sink sync=false", cam.port);
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
  camera_kill (&cam);
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
      camera_missing ());
  return s;
}

ANPR_CHECK_MAIN (rtsp);
