/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* read-plates: reads the number plates of an image or a video and prints
 * them twice, as an application embedding the elements sees them:
 *
 *   - from the GstAnprPlateMeta on each buffer, in a pad probe (text,
 *     confidence, box, candidates): "plate" lines;
 *   - from plateocr's anpr-read bus messages (text and the candidates
 *     list): "anpr-read" lines.
 *
 * Usage: read-plates FILE-OR-URI [REGION]
 * REGION is plateocr's region property: gb (default), eu, us or auto.
 *
 * Build against an installed gst-anpr:
 *   cc read-plates.c -o read-plates \
 *       $(pkg-config --cflags --libs gstreamer-anpr-1.0)
 */

#include <gst/gst.h>
#include <gst/anpr/anpr.h>

/* Every plate on a buffer leaving plateocr. */
static GstPadProbeReturn
on_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  GstAnprPlateMeta *plate;
  gpointer state = NULL;
  guint i;

  while ((plate = gst_buffer_iterate_anpr_plate_meta (buf, &state))) {
    /* a box the reader could not read has no text */
    if (!plate->text[0])
      continue;
    g_print ("plate %s %.2f at %d,%d %dx%d format %s\n", plate->text,
        plate->confidence, plate->x, plate->y, plate->width, plate->height,
        plate->format[0] ? plate->format : "-");
    for (i = 0; i < plate->n_candidates; i++)
      g_print ("  candidate %s %.2f\n", plate->candidates[i].text,
          plate->candidates[i].confidence);
  }
  return GST_PAD_PROBE_OK;
}

/* The candidates of an anpr-read message: a GstValueList of "candidate"
 * structures, each with text and confidence. */
static void
print_read_message (const GstStructure * s)
{
  const GValue *candidates = gst_structure_get_value (s, "candidates");
  gdouble confidence = 0.0;
  guint i, n;

  gst_structure_get_double (s, "confidence", &confidence);
  g_print ("anpr-read %s %.2f\n", gst_structure_get_string (s, "text"),
      confidence);
  n = candidates ? gst_value_list_get_size (candidates) : 0;
  for (i = 0; i < n; i++) {
    const GstStructure *c =
        gst_value_get_structure (gst_value_list_get_value (candidates, i));
    gdouble c_conf = 0.0;

    gst_structure_get_double (c, "confidence", &c_conf);
    g_print ("  candidate %s %.2f\n", gst_structure_get_string (c, "text"),
        c_conf);
  }
}

int
main (int argc, char **argv)
{
  GstElement *pipeline, *sink;
  GstBus *bus;
  GstPad *pad;
  GError *error = NULL;
  gchar *uri, *desc;
  const gchar *region;
  gboolean done = FALSE, ok = TRUE;

  gst_init (&argc, &argv);
  if (argc < 2 || argc > 3) {
    g_printerr ("usage: %s FILE-OR-URI [gb|eu|us|auto]\n", argv[0]);
    return 2;
  }
  region = argc > 2 ? argv[2] : "gb";

  if (gst_uri_is_valid (argv[1]))
    uri = g_strdup (argv[1]);
  else if (!(uri = gst_filename_to_uri (argv[1], &error))) {
    g_printerr ("%s: %s\n", argv[1], error->message);
    g_clear_error (&error);
    return 1;
  }

  desc = g_strdup_printf ("uridecodebin uri=\"%s\" ! videoconvert "
      "! platedetect ! plateocr region=%s ! fakesink name=sink", uri, region);
  pipeline = gst_parse_launch (desc, &error);
  g_free (desc);
  g_free (uri);
  if (!pipeline) {
    g_printerr ("pipeline: %s\n", error->message);
    g_clear_error (&error);
    return 1;
  }

  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_buffer, NULL, NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);

  bus = gst_element_get_bus (pipeline);
  /* a failure posts an error message, which the loop below reports */
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  while (!done) {
    GstMessage *msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
        GST_MESSAGE_ELEMENT | GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
    const GstStructure *s;

    switch (GST_MESSAGE_TYPE (msg)) {
      case GST_MESSAGE_ELEMENT:
        s = gst_message_get_structure (msg);
        if (gst_structure_has_name (s, "anpr-read"))
          print_read_message (s);
        break;
      case GST_MESSAGE_ERROR:
        gst_message_parse_error (msg, &error, NULL);
        g_printerr ("error from %s: %s\n", GST_OBJECT_NAME (msg->src),
            error->message);
        g_clear_error (&error);
        ok = FALSE;
        done = TRUE;
        break;
      default:                 /* EOS */
        done = TRUE;
        break;
    }
    gst_message_unref (msg);
  }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
  return ok ? 0 : 1;
}
