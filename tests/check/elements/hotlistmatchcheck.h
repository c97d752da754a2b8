/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* What the hotlistmatch element tests (hotlistmatch.c, hotlistmatchload.c,
 * hotlistmatchprops.c, hotlistmatchevidence.c) share: a hotlist file in a
 * temporary directory per test, the element in a harness posting on a test
 * bus, and frames carrying plate readings. */

#ifndef __HOTLIST_MATCH_CHECK_H__
#define __HOTLIST_MATCH_CHECK_H__

#include <string.h>
#include <glib/gstdio.h>
#include <gst/check/gstharness.h>
#include <gst/anpr/anpr.h>

#include "anprcheck.h"

#define CAPS "video/x-raw,format=GRAY8,width=64,height=48,framerate=25/1"

static const gchar *hotlist_csv =
    "plate,list,reason,priority,action,expires,notes\n"
    "AB12CDE,stolen,\"Stolen 2026-11-01, burglary\",1,stop,2099-12-31,"
    "\"Blue \"\"Ford\"\" Focus\"\n"
    "XY51ABC,wanted,linked to burglaries,2,observe,,\n"
    "CD34?FG,witness,partial plate,3,report,,\n"
    "EF56GHJ,expired,old,1,stop,2001-01-01,\n";

static gchar *tmpdir;
static gchar *hotlist_path;
static GstBus *bus;

static inline gchar *
write_file (const gchar * name, const gchar * contents)
{
  gchar *path = g_build_filename (tmpdir, name, NULL);

  fail_unless (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static inline void
setup (void)
{
  anpr_check_fatal_log_domains ();
  tmpdir = g_dir_make_tmp ("anpr-hlm-XXXXXX", NULL);
  hotlist_path = write_file ("hotlist.csv", hotlist_csv);
  bus = gst_bus_new ();
}

static inline void
teardown (void)
{
  anpr_check_remove_dir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&hotlist_path, g_free);
  gst_bus_set_flushing (bus, TRUE);
  gst_clear_object (&bus);
}

/* hotlistmatch with @props set ("name", value, ..., NULL), posting on the
 * test bus, in PLAYING */
static inline GstHarness *
make_harness (const gchar * first_prop, ...)
{
  GstElement *e = gst_element_factory_make ("hotlistmatch", NULL);
  GstHarness *h;
  va_list args;

  fail_unless (e != NULL);
  g_object_set (e, "hotlist", hotlist_path, NULL);
  va_start (args, first_prop);
  if (first_prop)
    g_object_set_valist (G_OBJECT (e), first_prop, args);
  va_end (args);
  gst_element_set_bus (e, bus);

  h = gst_harness_new_with_element (e, "sink", "src");
  gst_object_unref (e);
  gst_harness_set_src_caps_str (h, CAPS);
  gst_harness_play (h);
  return h;
}

static inline GstBuffer *
plate_buffer (GstClockTime pts, const gchar * text, const gchar * cand2)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, 64 * 48, NULL);

  /* evidence encodes the pixels: none may be uninitialised */
  gst_buffer_memset (buf, 0, 0x80, 64 * 48);
  GST_BUFFER_PTS (buf) = pts;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 25;
  if (text) {
    GstAnprPlateMeta *meta =
        gst_buffer_add_anpr_plate_meta (buf, 8, 30, 40, 10, 0.95f);
    GstAnprCandidate c[2];
    guint n = 1;

    g_strlcpy (c[0].text, text, sizeof (c[0].text));
    c[0].confidence = 0.9f;
    if (cand2) {
      g_strlcpy (c[1].text, cand2, sizeof (c[1].text));
      c[1].confidence = 0.4f;
      n = 2;
    }
    gst_anpr_plate_meta_set_reading (meta, "gb", "gb-current", c, n, NULL);
    meta->track_id = 7;
  }
  return buf;
}

/* Adds a second plate to @buf, read as @text. */
static inline void
add_plate (GstBuffer * buf, const gchar * text)
{
  GstAnprPlateMeta *meta = gst_buffer_add_anpr_plate_meta (buf, 50, 30, 12,
      5, 0.8f);
  GstAnprCandidate c = { "", 0.8f };

  g_strlcpy (c.text, text, sizeof (c.text));
  gst_anpr_plate_meta_set_reading (meta, "gb", NULL, &c, 1, NULL);
}

static inline void
push (GstHarness * h, GstClockTime pts, const gchar * text,
    const gchar * cand2)
{
  GstBuffer *out;

  fail_unless_equals_int (gst_harness_push (h, plate_buffer (pts, text,
              cand2)), GST_FLOW_OK);
  /* passes through, meta intact */
  out = gst_harness_pull (h);
  fail_unless (out != NULL);
  fail_unless_equals_int (gst_buffer_get_n_anpr_plate_metas (out),
      text ? 1 : 0);
  gst_buffer_unref (out);
}

/* Pops every anpr-match message (their structures, in order). */
static inline GList *
pop_matches (void)
{
  GList *res = NULL;
  GstMessage *msg;

  while ((msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ELEMENT))) {
    const GstStructure *s = gst_message_get_structure (msg);
    if (gst_structure_has_name (s, "anpr-match"))
      res = g_list_append (res, gst_structure_copy (s));
    gst_message_unref (msg);
  }
  return res;
}

static inline void
free_matches (GList * l)
{
  g_list_free_full (l, (GDestroyNotify) gst_structure_free);
}

static inline GstMessage *
start_expecting_error (GstElement * e)
{
  GstMessage *msg;

  gst_element_set_bus (e, bus);
  fail_unless_equals_int (gst_element_set_state (e, GST_STATE_PAUSED),
      GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  fail_unless (msg != NULL);
  gst_element_set_state (e, GST_STATE_NULL);
  return msg;
}

#endif
