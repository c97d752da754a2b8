/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* hotlistmatch's evidence pictures: frames are read as the caps last set
 * say; a frame that cannot be read, or video not in system memory, still
 * alerts, without pictures.  What the pictures hold, over MQTT, is checked
 * in integration/mqtt.c. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <json-glib/json-glib.h>

#include "hotlistmatchcheck.h"

/* The evidence member of the event in anpr-match @s; NULL when it has
 * none.  Free the parser. */
static JsonObject *
match_evidence (const GstStructure * s, JsonParser ** parser)
{
  JsonObject *o;

  *parser = json_parser_new ();
  fail_unless (json_parser_load_from_data (*parser,
          gst_structure_get_string (s, "json"), -1, NULL));
  o = json_node_get_object (json_parser_get_root (*parser));
  return json_object_has_member (o, "evidence") ?
      json_object_get_object_member (o, "evidence") : NULL;
}

/* Pushes @buf, expects one anpr-match and returns how many warnings (other
 * than about lost frames) were posted; *@width: the width of the evidence frame, -1 without evidence. */
static guint
push_for_evidence (GstHarness * h, GstBuffer * buf, gint * width)
{
  JsonParser *parser;
  JsonObject *ev;
  GstMessage *msg;
  GList *m = NULL;
  guint warnings = 0;

  fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
  while ((msg = gst_bus_pop (bus))) {
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_WARNING) {
      GError *err = NULL;

      /* frames pushed a second apart are frames lost upstream to the
       * element, which says so: not what is counted here */
      gst_message_parse_warning (msg, &err, NULL);
      if (!strstr (err->message, "lost before analysis"))
        warnings++;
      g_clear_error (&err);
    }
    else if (gst_message_has_name (msg, "anpr-match"))
      m = g_list_append (m,
          gst_structure_copy (gst_message_get_structure (msg)));
    gst_message_unref (msg);
  }
  fail_unless_equals_int (g_list_length (m), 1);
  ev = match_evidence (m->data, &parser);
  *width = ev ? json_object_get_int_member (json_object_get_object_member
      (json_object_get_object_member (ev, "frame"), "box"), "width") : -1;
  g_object_unref (parser);
  free_matches (m);
  return warnings;
}

/* Evidence reads frames as the caps last set say; a frame that cannot be
 * mapped still alerts, without pictures, and is reported by the shared
 * rate-limited warning; video in other memory gives no evidence. */
GST_START_TEST (test_evidence_frames)
{
  GstHarness *h = make_harness ("dedup-window", 0.0, NULL);
  GstBuffer *buf;
  gint width;

  gst_util_set_object_arg (G_OBJECT (h->element), "evidence", "crop+frame");
  fail_unless_equals_int (push_for_evidence (h, plate_buffer (0, "AB12CDE",
              NULL), &width), 0);
  fail_unless_equals_int (width, 64);

  /* smaller than the caps say: twice, one warning */
  buf = plate_buffer (GST_SECOND, "AB12CDE", NULL);
  gst_buffer_resize (buf, 0, 100);
  fail_unless_equals_int (push_for_evidence (h, buf, &width), 1);
  fail_unless_equals_int (width, -1);
  buf = plate_buffer (2 * GST_SECOND, "AB12CDE", NULL);
  gst_buffer_resize (buf, 0, 100);
  fail_unless_equals_int (push_for_evidence (h, buf, &width), 0);
  fail_unless_equals_int (width, -1);

  /* new caps, a smaller frame */
  gst_harness_set_src_caps_str (h,
      "video/x-raw,format=GRAY8,width=32,height=24,framerate=25/1");
  buf = plate_buffer (3 * GST_SECOND, "AB12CDE", NULL);
  gst_buffer_resize (buf, 0, 32 * 24);
  fail_unless_equals_int (push_for_evidence (h, buf, &width), 0);
  fail_unless_equals_int (width, 32);

  /* not system memory: alerts, no pictures, nothing to warn about */
  gst_harness_set_src_caps_str (h, "video/x-raw(memory:GLMemory),"
      "format=RGBA,width=16,height=12,framerate=25/1");
  fail_unless_equals_int (push_for_evidence (h, plate_buffer (4 * GST_SECOND,
              "AB12CDE", NULL), &width), 0);
  fail_unless_equals_int (width, -1);
  gst_harness_teardown (h);
}

GST_END_TEST;

static Suite *
hotlistmatchevidence_suite (void)
{
  Suite *s = suite_create ("hotlistmatchevidence");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_evidence_frames);
  return s;
}

GST_CHECK_MAIN (hotlistmatchevidence);
