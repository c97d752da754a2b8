/* gst-anpr: every element goes through every state change and back, alone
 * and in a running pipeline, as upstream's generic/states.c does. */
#include "anprcheck.h"

static const gchar *const factories[] = {
  "platedetect", "plateocr", "hotlistmatch", NULL
};

static const GstState cycle[] = {
  GST_STATE_READY, GST_STATE_PAUSED, GST_STATE_PLAYING, GST_STATE_PAUSED,
  GST_STATE_READY, GST_STATE_NULL, GST_STATE_PLAYING, GST_STATE_NULL,
  GST_STATE_PAUSED, GST_STATE_READY, GST_STATE_PLAYING, GST_STATE_NULL
};

GST_START_TEST (test_state_changes_alone)
{
  guint i, j;

  for (i = 0; factories[i]; i++) {
    GstElement *e = gst_element_factory_make (factories[i], NULL);

    fail_unless (e != NULL, "%s not found (GST_PLUGIN_PATH_1_0=%s)",
        factories[i], g_getenv ("GST_PLUGIN_PATH_1_0"));
    for (j = 0; j < G_N_ELEMENTS (cycle); j++) {
      GstStateChangeReturn ret = gst_element_set_state (e, cycle[j]);
      fail_if (ret == GST_STATE_CHANGE_FAILURE, "%s: failed going to %s",
          factories[i], gst_element_state_get_name (cycle[j]));
      if (ret == GST_STATE_CHANGE_ASYNC)
        gst_element_get_state (e, NULL, NULL, GST_CLOCK_TIME_NONE);
    }
    gst_object_unref (e);
  }
}

GST_END_TEST;

GST_START_TEST (test_state_changes_in_pipeline)
{
  GstElement *pipe = anpr_check_parse_launch ("videotestsrc is-live=true "
      "pattern=snow ! video/x-raw,width=320,height=240,framerate=25/1 ! "
      "platedetect ! plateocr ! hotlistmatch ! fakesink");
  guint j;

  for (j = 0; j < G_N_ELEMENTS (cycle); j++) {
    GstStateChangeReturn ret = gst_element_set_state (pipe, cycle[j]);
    fail_if (ret == GST_STATE_CHANGE_FAILURE, "failed going to %s",
        gst_element_state_get_name (cycle[j]));
    ret = gst_element_get_state (pipe, NULL, NULL, 10 * GST_SECOND);
    fail_if (ret == GST_STATE_CHANGE_FAILURE);
    if (cycle[j] == GST_STATE_PLAYING)
      g_usleep (100 * 1000);    /* let frames flow through */
  }
  gst_object_unref (pipe);
}

GST_END_TEST;

static Suite *
states_suite (void)
{
  Suite *s = suite_create ("states");
  TCase *tc = tcase_create ("general");

  anpr_check_fatal_log_domains ();
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_state_changes_alone);
  tcase_add_test (tc, test_state_changes_in_pipeline);
  return s;
}

GST_CHECK_MAIN (states);
