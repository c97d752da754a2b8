/* gst-anpr: plate metadata tests */
#include <string.h>
#include "anprcheck.h"
#include <gst/anpr/anpr.h>

static GstBuffer *
make_frame (gint w, gint h, const gchar * format)
{
  GstVideoInfo info;
  GstBuffer *buf;

  gst_video_info_set_format (&info, gst_video_format_from_string (format), w,
      h);
  buf = gst_buffer_new_and_alloc (GST_VIDEO_INFO_SIZE (&info));
  gst_buffer_memset (buf, 0, 0x80, GST_VIDEO_INFO_SIZE (&info));
  GST_BUFFER_PTS (buf) = 0;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 25;
  return buf;
}

static void
fill_reading (GstAnprPlateMeta * m)
{
  GstAnprCandidate c[2] = { {"AB12CDE", 0.9f}, {"AB12COE", 0.4f} };
  gfloat cc[7] = { 0.9f, 0.9f, 0.95f, 0.95f, 0.8f, 0.7f, 0.9f };

  gst_anpr_plate_meta_set_reading (m, "gb", "gb-current", c, 2, cc);
}

GST_START_TEST (test_add_iterate)
{
  GstBuffer *buf = make_frame (64, 48, "I420");
  GstAnprPlateMeta *m;
  gpointer state = NULL;
  guint n = 0;

  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (buf), 0);
  m = gst_buffer_add_anpr_plate_meta (buf, 1, 2, 30, 8, 1.5f);
  fail_unless (m != NULL);
  fail_unless_equals_int (m->id, 0);
  fail_unless_equals_float (m->detect_confidence, 1.0f);        /* clamped */
  fail_unless_equals_string (m->text, "");
  m = gst_buffer_add_anpr_plate_meta (buf, 10, 20, 40, 10, 0.5f);
  fail_unless_equals_int (m->id, 1);
  fill_reading (m);

  while ((m = gst_buffer_iterate_anpr_plate_meta (buf, &state)))
    n++;
  fail_unless_equals_int (n, 2);
  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (buf), 2);
  m = gst_buffer_get_anpr_plate_meta_id (buf, 1);
  fail_unless (m != NULL);
  fail_unless_equals_string (m->text, "AB12CDE");
  fail_unless_equals_float (m->confidence, 0.9f);
  fail_unless_equals_int (m->n_candidates, 2);
  fail_unless_equals_string (m->candidates[1].text, "AB12COE");
  fail_unless_equals_float (m->char_confidence[5], 0.7f);
  fail_unless_equals_string (m->region, "gb");
  fail_unless_equals_string (m->format, "gb-current");
  fail_unless (gst_buffer_get_anpr_plate_meta_id (buf, 7) == NULL);

  /* clearing the reading */
  gst_anpr_plate_meta_set_reading (m, "gb", NULL, NULL, 0, NULL);
  fail_unless_equals_string (m->text, "");
  fail_unless_equals_int (m->n_candidates, 0);
  gst_buffer_unref (buf);
}

GST_END_TEST;

/* The accessors bindings use give what the struct's fields hold. */
GST_START_TEST (test_accessors)
{
  GstBuffer *buf = make_frame (64, 48, "I420");
  GstAnprPlateMeta *a, *b;
  GList *plates;
  const gfloat *cc;
  gfloat conf = -1.0f;
  guint n = 99;

  plates = gst_anpr_buffer_get_plate_metas (buf);
  fail_unless (plates == NULL);

  a = gst_buffer_add_anpr_plate_meta (buf, 1, 2, 30, 8, 0.5f);
  b = gst_buffer_add_anpr_plate_meta (buf, 10, 20, 40, 10, 0.5f);
  fill_reading (b);
  plates = gst_anpr_buffer_get_plate_metas (buf);
  fail_unless_equals_int (g_list_length (plates), 2);
  fail_unless (plates->data == a);
  fail_unless (plates->next->data == b);
  g_list_free (plates);

  /* before reading: empty strings, no candidates */
  fail_unless_equals_string (gst_anpr_plate_meta_get_text (a), "");
  fail_unless_equals_string (gst_anpr_plate_meta_get_region (a), "");
  fail_unless_equals_string (gst_anpr_plate_meta_get_format (a), "");
  fail_unless_equals_int (gst_anpr_plate_meta_get_n_candidates (a), 0);
  fail_unless (gst_anpr_plate_meta_get_candidate (a, 0, &conf) == NULL);
  fail_unless_equals_float (conf, 0.0f);
  gst_anpr_plate_meta_get_char_confidences (a, &n);
  fail_unless_equals_int (n, 0);

  fail_unless_equals_string (gst_anpr_plate_meta_get_text (b), "AB12CDE");
  fail_unless_equals_string (gst_anpr_plate_meta_get_region (b), "gb");
  fail_unless_equals_string (gst_anpr_plate_meta_get_format (b),
      "gb-current");
  fail_unless_equals_int (gst_anpr_plate_meta_get_n_candidates (b), 2);
  fail_unless_equals_string (gst_anpr_plate_meta_get_candidate (b, 1, &conf),
      "AB12COE");
  fail_unless_equals_float (conf, 0.4f);
  fail_unless_equals_string (gst_anpr_plate_meta_get_candidate (b, 0, NULL),
      "AB12CDE");
  fail_unless (gst_anpr_plate_meta_get_candidate (b, 2, NULL) == NULL);
  cc = gst_anpr_plate_meta_get_char_confidences (b, &n);
  fail_unless_equals_int (n, 7);
  fail_unless_equals_float (cc[5], 0.7f);
  gst_buffer_unref (buf);
}

GST_END_TEST;

GST_START_TEST (test_api_tags)
{
  const GType api = GST_ANPR_PLATE_META_API_TYPE;

  fail_unless (gst_meta_api_type_has_tag (api,
          g_quark_from_string (GST_META_TAG_VIDEO_STR)));
  fail_unless (gst_meta_api_type_has_tag (api,
          g_quark_from_string (GST_META_TAG_VIDEO_SIZE_STR)));
  fail_unless (gst_meta_api_type_has_tag (api,
          g_quark_from_string (GST_META_TAG_VIDEO_ORIENTATION_STR)));
  /* registered once */
  fail_unless (GST_ANPR_PLATE_META_INFO == GST_ANPR_PLATE_META_INFO);
}

GST_END_TEST;

GST_START_TEST (test_copy)
{
  GstBuffer *buf = make_frame (64, 48, "I420");
  GstBuffer *copy, *region;
  GstAnprPlateMeta *m;

  fill_reading (gst_buffer_add_anpr_plate_meta (buf, 4, 5, 20, 6, 0.8f));
  copy = gst_buffer_copy (buf);
  m = gst_buffer_get_anpr_plate_meta_id (copy, 0);
  fail_unless (m != NULL);
  fail_unless_equals_int (m->x, 4);
  fail_unless_equals_int (m->width, 20);
  fail_unless_equals_string (m->text, "AB12CDE");
  fail_unless_equals_int (m->n_candidates, 2);
  gst_buffer_unref (copy);

  /* a region copy moves pixels: the box would lie, so the meta goes */
  region = gst_buffer_copy_region (buf, GST_BUFFER_COPY_ALL, 16, 100);
  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (region), 0);
  gst_buffer_unref (region);
  gst_buffer_unref (buf);
}

GST_END_TEST;

/* Through real videoconvert and videoscale elements, as in a pipeline. */
static GstBuffer *
push_through (const gchar * launch, const gchar * in_caps, GstBuffer * buf)
{
  GstHarness *h = gst_harness_new_parse (launch);
  GstBuffer *out;

  gst_harness_set_src_caps_str (h, in_caps);
  fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
  out = gst_harness_pull (h);
  gst_harness_teardown (h);
  return out;
}

GST_START_TEST (test_survives_convert_and_scale)
{
  GstBuffer *buf = make_frame (320, 240, "I420"), *out;
  GstAnprPlateMeta *m;

  fill_reading (gst_buffer_add_anpr_plate_meta (buf, 100, 60, 80, 20, 0.8f));

  out = push_through ("videoconvert ! capsfilter caps=video/x-raw,format=BGRx",
      "video/x-raw,format=I420,width=320,height=240,framerate=25/1",
      gst_buffer_ref (buf));
  m = gst_buffer_get_anpr_plate_meta_id (out, 0);
  fail_unless (m != NULL, "meta lost in videoconvert");
  fail_unless_equals_int (m->x, 100);
  fail_unless_equals_string (m->text, "AB12CDE");
  gst_buffer_unref (out);

  out = push_through ("videoscale ! capsfilter caps=video/x-raw,width=160,height=480",
      "video/x-raw,format=I420,width=320,height=240,framerate=25/1,"
      "pixel-aspect-ratio=1/1", buf);
  m = gst_buffer_get_anpr_plate_meta_id (out, 0);
  fail_unless (m != NULL, "meta lost in videoscale");
  fail_unless_equals_int (m->x, 50);
  fail_unless_equals_int (m->y, 120);
  fail_unless_equals_int (m->width, 40);
  fail_unless_equals_int (m->height, 40);
  fail_unless_equals_string (m->text, "AB12CDE");
  fail_unless_equals_float (m->candidates[1].confidence, 0.4f);
  gst_buffer_unref (out);
}

GST_END_TEST;

static Suite *
platemeta_suite (void)
{
  Suite *s = suite_create ("platemeta");
  TCase *tc = tcase_create ("general");

  anpr_check_fatal_log_domains ();
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_add_iterate);
  tcase_add_test (tc, test_accessors);
  tcase_add_test (tc, test_api_tags);
  tcase_add_test (tc, test_copy);
  tcase_add_test (tc, test_survives_convert_and_scale);
  return s;
}

GST_CHECK_MAIN (platemeta);
