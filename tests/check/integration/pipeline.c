/* gst-anpr: the main job end to end.
 *
 * The sample traffic video goes through filesrc ! decodebin ! platedetect !
 * plateocr ! hotlistmatch, which publishes to a real mosquitto on a free
 * loopback port; a subscriber checks what dispatch would receive: every
 * listed vehicle in the video alerts once, no decoy alerts, every event
 * follows docs/event.schema.json, the roadside-board read topic carries the
 * vehicles, and the bus mirrors the MQTT payloads. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "anprcheck.h"
#include "anprbroker.h"
#include <gst/anpr/anpr.h>

#define CAMERA "itest-cam"

GST_START_TEST (test_video_to_dispatch)
{
  const gchar *video = g_getenv ("ANPR_SAMPLE_VIDEO");
  const gchar *truth = g_getenv ("ANPR_SAMPLE_TRUTH");
  const gchar *hotlist = g_getenv ("ANPR_SAMPLE_HOTLIST");
  GHashTable *in_video, *listed, *alerted, *read_plates;
  GPtrArray *bus_json;
  AnprBroker *broker;
  AnprSubscriber *sub;
  AnprReceived *r;
  GstElement *pipe, *match;
  GstBus *bus;
  GstMessage *msg;
  gchar *launch, *url;
  GHashTableIter it;
  gpointer key;
  guint n_expected = 0, n_matches = 0, n_reads = 0, i;
  gboolean online = FALSE;

  in_video = anpr_check_load_plates (truth, "\t");
  listed = anpr_check_load_plates (hotlist, ",");
  alerted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  read_plates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  bus_json = g_ptr_array_new_with_free_func (g_free);

  broker = anpr_broker_new ();
  anpr_broker_start (broker);
  sub = anpr_subscriber_new (broker, "itest-dispatch", FALSE);

  launch = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! "
      "platedetect ! plateocr region=gb ! hotlistmatch name=match "
      "camera-id=" CAMERA " publish-reads=true ! fakesink sync=false",
      video);
  pipe = anpr_check_parse_launch (launch);
  g_free (launch);
  match = gst_bin_get_by_name (GST_BIN (pipe), "match");
  url = anpr_broker_get_url (broker);
  g_object_set (match, "hotlist", hotlist, "mqtt-url", url, NULL);
  g_free (url);

  bus = gst_element_get_bus (pipe);
  fail_if (gst_element_set_state (pipe, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  for (;;) {
    msg = gst_bus_timed_pop_filtered (bus, 180 * GST_SECOND,
        GST_MESSAGE_EOS | GST_MESSAGE_ERROR | GST_MESSAGE_WARNING |
        GST_MESSAGE_ELEMENT);
    fail_unless (msg != NULL, "the pipeline did not finish in 180 s");
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS) {
      gst_message_unref (msg);
      break;
    }
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT) {
      const GstStructure *s = gst_message_get_structure (msg);
      if (gst_structure_has_name (s, "anpr-match"))
        g_ptr_array_add (bus_json,
            g_strdup (gst_structure_get_string (s, "json")));
      gst_message_unref (msg);
      continue;
    }
    {
      GError *e = NULL;
      if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
        gst_message_parse_error (msg, &e, NULL);
      else
        gst_message_parse_warning (msg, &e, NULL);
      fail ("%s from %s: %s", GST_MESSAGE_TYPE_NAME (msg),
          GST_OBJECT_NAME (msg->src), e->message);
    }
  }
  /* EOS waits for the broker's acknowledgements: all is sent by now. */
  gst_element_set_state (pipe, GST_STATE_NULL);

  while ((r = anpr_subscriber_pop (sub, 3.0))) {
    gchar *status = g_strdup_printf ("anpr/%s/status", CAMERA);
    gchar *match_topic = g_strdup_printf ("anpr/%s/match", CAMERA);
    gchar *read_topic = g_strdup_printf ("anpr/%s/read", CAMERA);

    if (!strcmp (r->topic, status)) {
      JsonParser *sp = json_parser_new ();

      /* the status JSON of docs/mqtt.md */
      if (json_parser_load_from_data (sp, r->payload, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (sp)))
        online |= !g_strcmp0 (json_object_get_string_member
            (json_node_get_object (json_parser_get_root (sp)), "state"),
            "online");
      g_object_unref (sp);
    } else {
      JsonParser *parser;
      JsonObject *ev = anpr_check_event (r->payload, &parser);
      JsonObject *plate = json_object_get_object_member (ev, "plate");

      fail_unless_equals_string (json_object_get_string_member (ev,
              "camera_id"), CAMERA);
      if (!strcmp (r->topic, match_topic)) {
        JsonObject *hl = json_object_get_object_member (ev, "hotlist");
        gchar norm[GST_ANPR_MAX_TEXT + 1];

        fail_unless_equals_string (json_object_get_string_member (ev,
                "type"), "match");
        gst_anpr_plate_normalise (json_object_get_string_member (hl, "plate"),
            norm, sizeof (norm));
        GST_INFO ("match %s (read %s)", norm,
            json_object_get_string_member (plate, "text"));
        fail_unless (g_hash_table_contains (listed, norm));
        fail_unless (g_hash_table_contains (in_video, norm),
            "alert for %s, which is listed but not in the video", norm);
        fail_if (g_hash_table_contains (alerted, norm),
            "%s alerted twice: one alert per vehicle", norm);
        g_hash_table_add (alerted, g_strdup (norm));
        /* the bus carried the same payload */
        for (i = 0; i < bus_json->len; i++)
          if (!g_strcmp0 (g_ptr_array_index (bus_json, i), r->payload))
            break;
        fail_unless (i < bus_json->len, "MQTT payload not on the bus");
        n_matches++;
      } else {
        fail_unless_equals_string (r->topic, read_topic);
        fail_unless_equals_string (json_object_get_string_member (ev,
                "type"), "read");
        g_hash_table_add (read_plates,
            g_strdup (json_object_get_string_member (plate, "text")));
        n_reads++;
      }
      g_object_unref (parser);
    }
    g_free (status);
    g_free (match_topic);
    g_free (read_topic);
    anpr_received_free (r);
  }

  fail_unless (online, "no retained online status");
  fail_unless_equals_int (n_matches, bus_json->len);
  /* Every listed vehicle that drives past alerts, once. */
  g_hash_table_iter_init (&it, in_video);
  while (g_hash_table_iter_next (&it, &key, NULL)) {
    if (!g_hash_table_contains (listed, key))
      continue;
    n_expected++;
    g_print ("pipeline: listed %s %s\n", (gchar *) key,
        g_hash_table_contains (alerted, key) ? "alerted" : "MISSED");
  }
  fail_unless (n_expected >= 2, "the sample hotlist lists too few vehicles");
  fail_unless_equals_int (g_hash_table_size (alerted), n_expected);
  /* The roadside board got reads, most vehicles among them. */
  g_hash_table_iter_init (&it, in_video);
  i = 0;
  while (g_hash_table_iter_next (&it, &key, NULL))
    i += g_hash_table_contains (read_plates, key);
  g_print ("pipeline: %u read events, %u of %u vehicles read exactly\n",
      n_reads, i, g_hash_table_size (in_video));
  fail_unless (2 * i > g_hash_table_size (in_video));

  gst_object_unref (match);
  gst_object_unref (bus);
  gst_object_unref (pipe);
  anpr_subscriber_free (sub);
  anpr_broker_free (broker);
  g_ptr_array_unref (bus_json);
  g_hash_table_unref (read_plates);
  g_hash_table_unref (alerted);
  g_hash_table_unref (listed);
  g_hash_table_unref (in_video);
}

GST_END_TEST;

static Suite *
pipeline_suite (void)
{
  Suite *s = suite_create ("pipeline");
  TCase *tc = tcase_create ("general");

  anpr_check_fatal_log_domains ();
  tcase_set_timeout (tc, 280);
  suite_add_tcase (s, tc);
  if (anpr_check_skip_suite ("pipeline",
          anpr_check_missing_programs ("mosquitto", NULL)))
    return s;
  ANPR_CHECK_ADD_TEST_UNLESS (tc, test_video_to_dispatch,
      anpr_check_missing_env_path ("ANPR_SAMPLE_VIDEO"));
  return s;
}

ANPR_CHECK_MAIN (pipeline);
