/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* libFuzzer target: hotlists over MQTT (plugins/hotlistmatch/hotlistmsg.c,
 * compiled in here; tests/fuzz/run.sh).  The first byte chooses:
 *  - even: the rest is a message as a camera receives it; read, and, when
 *    it reads, applied (a delta to a small running list).  A list applied
 *    has the checksum the message announced, and its canonical text is
 *    the one returned;
 *  - odd: the rest is a hotlist file; whatever loads, its canonical text
 *    loads again strictly (no line skipped or repaired) into the same
 *    canonical text, and a full message of it applies. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plugins/hotlistmatch/hotlistmsg.c"

int LLVMFuzzerTestOneInput (const uint8_t * data, size_t size);

static GstAnprHotlist *
running_list (void)
{
  static GstAnprHotlist *hl;

  if (!hl)
    hl = gst_anpr_hotlist_load_data ("plate,list,reason\n"
        "AB12CDE,stolen,x\nXY51ABC,,y\nAB12C?E,wanted,z\n", -1, "running",
        NULL, NULL);
  return hl;
}

static void
check_applied (const HotlistMsg * msg, const GstAnprHotlist * current)
{
  GstAnprHotlist *hl = NULL;
  gchar *canonical = NULL, *again, *sum;
  GError *err = NULL;

  if (!hotlist_msg_apply (msg, current, "fuzz", &hl, &canonical, &err)) {
    if (!err || !err->message || hl)
      abort ();
    g_error_free (err);
    return;
  }
  sum = hotlist_msg_sha256 (canonical);
  if (strcmp (sum, msg->sha256) != 0)
    abort ();
  again = hotlist_msg_canonical (hl);
  if (strcmp (again, canonical) != 0)
    abort ();
  g_free (again);
  g_free (sum);
  g_free (canonical);
  if (hl)
    gst_anpr_hotlist_unref (hl);
}

static void
fuzz_message (const gchar * data, gsize size)
{
  GError *err = NULL;
  HotlistMsg *msg = hotlist_msg_parse (data, size, &err);

  if (!msg) {
    if (!err || !err->message)
      abort ();
    g_error_free (err);
    return;
  }
  if (!hotlist_msg_name_ok (msg->name) || msg->version == 0 ||
      strlen (msg->sha256) != 64 ||
      (msg->kind == HOTLIST_MSG_DELTA && msg->base_version >= msg->version))
    abort ();
  check_applied (msg, msg->kind == HOTLIST_MSG_DELTA ? running_list () :
      NULL);
  hotlist_msg_free (msg);
}

static void
fuzz_list (const gchar * data, gsize size)
{
  GstAnprHotlist *hl, *back = NULL;
  gchar *canonical, *again, *json;
  GError *err = NULL;
  HotlistMsg *msg;

  hl = gst_anpr_hotlist_load_data (data, (gssize) size, "fuzz.csv", NULL,
      NULL);
  if (!hl)
    return;
  canonical = hotlist_msg_canonical (hl);
  /* what the canonical text says is the list, whole */
  if (!hotlist_msg_load_strict (canonical, "canonical", &back, &err))
    abort ();
  if (!back || gst_anpr_hotlist_get_n_entries (back) !=
      gst_anpr_hotlist_get_n_entries (hl))
    abort ();
  again = hotlist_msg_canonical (back);
  if (strcmp (again, canonical) != 0)
    abort ();
  /* and as a message */
  json = hotlist_msg_full_json ("fuzz", 1, canonical, NULL);
  msg = hotlist_msg_parse (json, strlen (json), &err);
  if (!msg)
    abort ();
  check_applied (msg, NULL);
  hotlist_msg_free (msg);
  g_free (json);
  g_free (again);
  g_free (canonical);
  gst_anpr_hotlist_unref (back);
  gst_anpr_hotlist_unref (hl);
}

int
LLVMFuzzerTestOneInput (const uint8_t * data, size_t size)
{
  if (size == 0)
    return 0;
  if (data[0] & 1)
    fuzz_list ((const gchar *) data + 1, size - 1);
  else
    fuzz_message ((const gchar *) data + 1, size - 1);
  return 0;
}
