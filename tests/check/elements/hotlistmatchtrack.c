/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* hotlistmatch and tracks: one report per vehicle, from its best frame,
 * with direction and passage (hotlisttrack.c). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <json-glib/json-glib.h>

#include "anprbroker.h"
#include "hotlistmatchcheck.h"

/* One sighting of track @id: box (@x, @y, @w, @hgt) with the track's read
 * @text at @conf, and @flags; read on this frame unless NOT_READ. */
static void
push_sighting (GstHarness * h, guint n, guint64 id, gint x, gint y, gint w,
    gint hgt, const gchar * text, gfloat conf, guint flags)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, 64 * 48, NULL);
  GstAnprPlateMeta *m;
  GstAnprCandidate c = { "", 0 };

  gst_buffer_memset (buf, 0, 0x80, 64 * 48);
  GST_BUFFER_PTS (buf) = n * GST_SECOND / 25;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 25;
  m = gst_buffer_add_anpr_plate_meta (buf, x, y, w, hgt, 0.9f);
  g_strlcpy (c.text, text, sizeof (c.text));
  c.confidence = conf;
  if (!(flags & GST_ANPR_TRACK_FLAG_NOT_READ))
    gst_anpr_plate_meta_set_reading (m, "gb", "gb-current", &c, 1, NULL);
  m->track_id = id;
  m->track_flags = flags;
  m->track_frames = n + 1;
  g_strlcpy (m->track_text, text, sizeof (m->track_text));
  g_strlcpy (m->track_format, "gb-current", sizeof (m->track_format));
  m->track_confidence = conf;
  m->track_reads = n + 1;
  m->n_track_candidates = 1;
  m->track_candidates[0] = c;
  fail_unless_equals_int (gst_harness_push (h, buf), GST_FLOW_OK);
  gst_buffer_unref (gst_harness_pull (h));
}

static void
end_track (GstHarness * h, guint64 id)
{
  fail_unless (gst_harness_push_event (h,
          gst_anpr_track_end_event_new (id, 1, GST_CLOCK_TIME_NONE)));
}

/* Element messages named @name, in order. */
static GList *
pop_named (const gchar * name)
{
  GList *res = NULL;
  GstMessage *msg;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    const GstStructure *s = gst_message_get_structure (msg);
    if (gst_structure_has_name (s, name))
      res = g_list_append (res, gst_structure_copy (s));
    gst_message_unref (msg);
  }
  return res;
}

/* The one anpr-vehicle message posted since the last look, whose @field
 * reads @value. */
static void
pop_vehicle_with (const gchar * field, const gchar * value)
{
  GList *v = pop_named ("anpr-vehicle");

  fail_unless_equals_int (g_list_length (v), 1);
  fail_unless_equals_string (gst_structure_get_string (v->data, field),
      value);
  g_list_free_full (v, (GDestroyNotify) gst_structure_free);
}

/* The message's event, checked against the schema; @p is replaced by the
 * parser that holds it. */
static JsonObject *
parse_json (const GstStructure * s, JsonParser * p)
{
  JsonParser *checked = NULL;
  JsonObject *o = anpr_check_event (gst_structure_get_string (s, "json"),
      &checked);

  fail_unless (o != NULL);
  g_object_unref (checked);
  fail_unless (json_parser_load_from_data (p, gst_structure_get_string (s,
              "json"), -1, NULL));
  return json_node_get_object (json_parser_get_root (p));
}

/* A car coming closer: seen 12 times, largest on the 9th; its track ends.
 * One vehicle, one alert, both from the 9th frame. */
GST_START_TEST (test_one_report_from_best_frame)
{
  GstHarness *h = make_harness ("entering", 1 /* towards */ , NULL);
  GList *v, *m;
  JsonParser *p = json_parser_new ();
  JsonObject *o, *veh;
  gint width;
  guint n;

  for (n = 0; n < 12; n++) {
    gint w = n <= 8 ? 8 + 3 * n : 30;
    push_sighting (h, n, 5, 30 - w / 2, 10 + n, w, w / 4, "AB12CDE", 0.8f,
        n == 0 ? GST_ANPR_TRACK_FLAG_NEW : 0);
  }
  /* not settled: nothing before the track ends */
  v = pop_named ("anpr-vehicle");
  fail_unless_equals_int (g_list_length (v), 0);
  end_track (h, 5);
  end_track (h, 5);
  fail_unless (gst_bus_have_pending (bus));

  m = pop_matches ();
  fail_unless_equals_int (g_list_length (m), 1);
  free_matches (m);
  /* pop_matches took every message: push again to look at the vehicle */
  gst_harness_teardown (h);
  h = make_harness ("entering", 1, NULL);
  for (n = 0; n < 12; n++) {
    gint w = n <= 8 ? 8 + 3 * n : 30;
    push_sighting (h, n, 6, 30 - w / 2, 10 + n, w, w / 4, "AB12CDE", 0.8f, 0);
  }
  end_track (h, 6);
  v = pop_named ("anpr-vehicle");
  fail_unless_equals_int (g_list_length (v), 1);
  fail_unless_equals_string (gst_structure_get_string (v->data, "plate"),
      "AB12CDE");
  fail_unless (gst_structure_get_int (v->data, "width", &width));
  fail_unless_equals_int (width, 8 + 3 * 8);
  fail_unless_equals_string (gst_structure_get_string (v->data, "direction"),
      "towards");
  fail_unless_equals_string (gst_structure_get_string (v->data, "passage"),
      "entering");
  o = parse_json (v->data, p);
  fail_unless_equals_string (json_object_get_string_member (o, "type"),
      "read");
  veh = json_object_get_object_member (o, "vehicle");
  fail_unless (veh != NULL);
  fail_unless_equals_int (json_object_get_int_member (veh, "track_id"), 6);
  fail_unless_equals_int (json_object_get_int_member (veh, "sightings"), 12);
  fail_unless_equals_string (json_object_get_string_member (veh, "decided"),
      "track-end");
  fail_unless_equals_string (json_object_get_string_member (veh,
          "image_direction"), "down");
  /* the 9th frame of this harness */
  fail_unless_equals_int (json_object_get_int_member
      (json_object_get_object_member (veh, "best_frame"), "frame"), 9);
  g_list_free_full (v, (GDestroyNotify) gst_structure_free);

  g_object_unref (p);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* A settled read is reported once the plate has stopped growing, before
 * the track ends, and the end reports nothing more; a car parked for
 * minutes alerts once. */
GST_START_TEST (test_settled_reported_early_once)
{
  GstHarness *h = make_harness (NULL);
  GList *v;
  guint n;

  for (n = 0; n < 6; n++)
    push_sighting (h, n, 8, 10, 10, 20 + 2 * n, 6, "AB12CDE", 0.95f,
        GST_ANPR_TRACK_FLAG_SETTLED);
  v = pop_named ("anpr-vehicle");
  fail_unless_equals_int (g_list_length (v), 0);
  /* parked: the same box for two minutes at 25 fps */
  for (n = 6; n < 6 + 3000; n++)
    push_sighting (h, n, 8, 10, 10, 30, 6, "AB12CDE", 0.95f,
        GST_ANPR_TRACK_FLAG_SETTLED | GST_ANPR_TRACK_FLAG_NOT_READ);
  end_track (h, 8);
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  {
    GList *all = NULL, *l;
    guint vehicles = 0, matches = 0;
    GstMessage *msg;

    while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
      all = g_list_append (all, gst_structure_copy
          (gst_message_get_structure (msg)));
      gst_message_unref (msg);
    }
    for (l = all; l; l = l->next) {
      vehicles += gst_structure_has_name (l->data, "anpr-vehicle");
      matches += gst_structure_has_name (l->data, "anpr-match");
    }
    fail_unless_equals_int (vehicles, 1);
    fail_unless_equals_int (matches, 1);
    for (l = all; l; l = l->next)
      if (gst_structure_has_name (l->data, "anpr-vehicle")) {
        JsonParser *p = json_parser_new ();
        JsonObject *o = parse_json (l->data, p);
        fail_unless_equals_string (json_object_get_string_member
            (json_object_get_object_member (o, "vehicle"), "decided"),
            "settled");
        g_object_unref (p);
      }
    g_list_free_full (all, (GDestroyNotify) gst_structure_free);
  }
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Text fixed in the picture is not a vehicle; a plate only ever seen cut
 * by the frame edge is a read, never an alert. */
GST_START_TEST (test_static_and_cut)
{
  GstHarness *h = make_harness (NULL);
  GList *v, *m;
  guint n;

  for (n = 0; n < 50; n++)
    push_sighting (h, n, 11, 2, 40, 20, 5, "AB12CDE", 0.9f,
        GST_ANPR_TRACK_FLAG_STATIC);
  end_track (h, 11);
  v = pop_named ("anpr-vehicle");
  fail_unless_equals_int (g_list_length (v), 0);

  for (n = 0; n < 10; n++)
    push_sighting (h, 50 + n, 12, 0, 10 + n, 20, 5, "AB12CDE", 0.5f,
        GST_ANPR_TRACK_FLAG_EDGE);
  end_track (h, 12);
  fail_unless (gst_bus_have_pending (bus));
  {
    GstMessage *msg;
    guint vehicles = 0, matches = 0;

    while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
      const GstStructure *s = gst_message_get_structure (msg);
      vehicles += gst_structure_has_name (s, "anpr-vehicle");
      matches += gst_structure_has_name (s, "anpr-match");
      gst_message_unref (msg);
    }
    fail_unless_equals_int (vehicles, 1);
    fail_unless_equals_int (matches, 0);
  }
  m = pop_matches ();
  free_matches (m);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* A vehicle going away: its largest sighting is its first; the fuzzy
 * alert says how the read differs from the listed plate. */
GST_START_TEST (test_away_and_differences)
{
  GstHarness *h = make_harness ("entering", 1, "max-distance", 1.0, NULL);
  GList *m;
  JsonParser *p = json_parser_new ();
  JsonObject *o, *d;
  JsonArray *diffs;
  gint width;
  guint n;

  for (n = 0; n < 10; n++)
    push_sighting (h, n, 21, 20, 30 - 2 * n, 30 - 2 * n, 6 - n / 2,
        "XY51ABD", 0.9f, 0);
  end_track (h, 21);
  m = pop_named ("anpr-match");
  fail_unless_equals_int (g_list_length (m), 1);
  fail_unless (gst_structure_get_int (m->data, "width", &width));
  fail_unless_equals_int (width, 30);
  fail_unless_equals_string (gst_structure_get_string (m->data, "direction"),
      "away");
  fail_unless_equals_string (gst_structure_get_string (m->data, "passage"),
      "leaving");
  o = parse_json (m->data, p);
  diffs = json_object_get_array_member (json_object_get_object_member (o,
          "match"), "differences");
  fail_unless_equals_int (json_array_get_length (diffs), 1);
  d = json_array_get_object_element (diffs, 0);
  fail_unless_equals_string (json_object_get_string_member (d, "kind"),
      "substitution");
  fail_unless_equals_int (json_object_get_int_member (d, "position"), 6);
  fail_unless_equals_string (json_object_get_string_member (d, "read"), "D");
  fail_unless_equals_string (json_object_get_string_member (d, "listed"),
      "C");
  fail_if (json_object_get_boolean_member (d, "lookalike"));
  free_matches (m);
  g_object_unref (p);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* A car crossing the picture and then going away, seen 8 times: the last
 * two views, one boxed with the plate's border, must not make it look
 * larger than at first (the median of two views is their mean). */
GST_START_TEST (test_border_box_not_growth)
{
  GstHarness *h = make_harness (NULL);
  static const gint box[8][4] = {
    {140, 243, 87, 25}, {217, 243, 87, 25}, {281, 243, 88, 25},
    {333, 243, 88, 25}, {373, 243, 87, 25}, {400, 243, 88, 25},
    {417, 239, 109, 27}, {414, 230, 80, 23}
  };
  guint n;

  for (n = 0; n < 8; n++)
    push_sighting (h, n, 31, box[n][0], box[n][1], box[n][2], box[n][3],
        "W35EHD", 0.6f, 0);
  end_track (h, 31);
  pop_vehicle_with ("direction", "away");
  gst_harness_teardown (h);
}

GST_END_TEST;

/* Open tracks are reported at EOS. */
GST_START_TEST (test_eos_reports_open_tracks)
{
  GstHarness *h = make_harness (NULL);
  GList *v;
  guint n;

  for (n = 0; n < 5; n++) {
    push_sighting (h, 2 * n, 31, 5, 5, 20, 5, "AB12CDE", 0.7f, 0);
    push_sighting (h, 2 * n + 1, 32, 35, 5, 20, 5, "XY51ABC", 0.7f, 0);
  }
  fail_unless (gst_harness_push_event (h, gst_event_new_eos ()));
  v = pop_named ("anpr-vehicle");
  fail_unless_equals_int (g_list_length (v), 2);
  fail_unless_equals_string (gst_structure_get_string (v->data, "plate"),
      "AB12CDE");
  fail_unless_equals_string (gst_structure_get_string (v->next->data,
          "plate"), "XY51ABC");
  g_list_free_full (v, (GDestroyNotify) gst_structure_free);
  gst_harness_teardown (h);
}

GST_END_TEST;

/* A vehicle the tracker lost between two looks and followed on under a
 * new track, the old one not seen again: reported when the new track
 * ends, not when the old one times out, as one vehicle.  Two tracks on
 * one plate at once (a loose box) wait for the last. */
GST_START_TEST (test_taken_over_reported_at_its_end)
{
  GstHarness *h = make_harness (NULL);
  JsonParser *p = json_parser_new ();
  JsonObject *veh;
  GList *v;
  guint n;

  for (n = 0; n < 10; n++)
    push_sighting (h, n, 7, 10 + 2 * n, 20, 16, 4, "AB12CDE", 0.8f,
        n == 0 ? GST_ANPR_TRACK_FLAG_NEW : 0);
  for (n = 12; n < 16; n++)
    push_sighting (h, n, 8, 40 + 2 * (n - 12), 20, 16, 4, "AB12CDE", 0.8f,
        n == 12 ? GST_ANPR_TRACK_FLAG_NEW : 0);
  end_track (h, 8);
  v = pop_named ("anpr-vehicle");
  fail_unless_equals_int (g_list_length (v), 1);
  veh = json_object_get_object_member (parse_json (v->data, p), "vehicle");
  fail_unless_equals_int (json_object_get_int_member (veh, "track_id"), 8);
  fail_unless_equals_int (json_object_get_int_member (veh,
          "continues_track"), 7);
  fail_unless_equals_int (json_object_get_int_member (veh, "sightings"), 14);
  fail_unless_equals_string (json_object_get_string_member (veh, "decided"),
      "track-end");
  fail_unless (json_object_get_double_member (veh, "last_pts") > 0.59);
  g_list_free_full (v, (GDestroyNotify) gst_structure_free);
  /* the old track's timeout adds nothing */
  end_track (h, 7);
  v = pop_named ("anpr-vehicle");
  fail_unless_equals_int (g_list_length (v), 0);

  /* both seen while the second lasted: one vehicle, when the first ends */
  for (n = 20; n < 30; n++)
    push_sighting (h, n, n >= 24 && n < 28 && n % 2 ? 10 : 9, 10 + 2 * n,
        20, 16, 4, "XY51ABC", 0.8f, 0);
  end_track (h, 10);
  v = pop_named ("anpr-vehicle");
  fail_unless_equals_int (g_list_length (v), 0);
  end_track (h, 9);
  pop_vehicle_with ("plate", "XY51ABC");

  g_object_unref (p);
  gst_harness_teardown (h);
}

GST_END_TEST;

static Suite *
hotlistmatchtrack_suite (void)
{
  Suite *s = suite_create ("hotlistmatchtrack");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_one_report_from_best_frame);
  tcase_add_test (tc, test_settled_reported_early_once);
  tcase_add_test (tc, test_static_and_cut);
  tcase_add_test (tc, test_away_and_differences);
  tcase_add_test (tc, test_border_box_not_growth);
  tcase_add_test (tc, test_eos_reports_open_tracks);
  tcase_add_test (tc, test_taken_over_reported_at_its_end);
  return s;
}

GST_CHECK_MAIN (hotlistmatchtrack);
