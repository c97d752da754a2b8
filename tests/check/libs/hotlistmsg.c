/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Hotlists over MQTT, the messages (plugins/hotlistmatch/hotlistmsg.c):
 * the canonical text and its checksum, messages read and refused, a full
 * list and a delta turned into lists, and a delta made by diff leading to
 * the list it was made from. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "anprcheck.h"
#include "hotlistmsg.h"

#define HEADER HOTLIST_MSG_HEADER "\n"

static const gchar *list_a =
    "notes,plate,list,reason,priority,action,expires\n"
    "\"Blue \"\"Ford\"\", dented\",AB12CDE,stolen,\"Stolen, burglary\",1,"
    "stop,2099-12-31\n"
    "# a comment\n"
    ",  xy51 abc ,wanted,,02,observe,\n"
    ",\"#7XK\",wanted,hash in front,,,\n"
    ",\" CD34 EFG\",,leading blank kept,,,\n";

static GstAnprHotlist *
load (const gchar * csv)
{
  GPtrArray *warnings = NULL;
  GError *err = NULL;
  GstAnprHotlist *hl = gst_anpr_hotlist_load_data (csv, -1, "test.csv",
      &warnings, &err);

  fail_unless (hl != NULL, "%s", err ? err->message : "?");
  fail_unless (!warnings || warnings->len == 0, "%s",
      warnings ? (const gchar *) g_ptr_array_index (warnings, 0) : "");
  g_clear_pointer (&warnings, g_ptr_array_unref);
  return hl;
}

static HotlistMsg *
parse_ok (const gchar * json)
{
  GError *err = NULL;
  HotlistMsg *msg = hotlist_msg_parse (json, strlen (json), &err);

  fail_unless (msg != NULL, "%s: %s", json, err ? err->message : "?");
  return msg;
}

static void
parse_fails (const gchar * json, gint code, const gchar * part)
{
  GError *err = NULL;
  HotlistMsg *msg = hotlist_msg_parse (json, strlen (json), &err);

  fail_unless (msg == NULL, "%s was read", json);
  fail_unless (g_error_matches (err, HOTLIST_MSG_ERROR, code), "%s: %s",
      json, err->message);
  fail_unless (strstr (err->message, part) != NULL, "%s: '%s' without '%s'",
      json, err->message, part);
  g_error_free (err);
}

GST_START_TEST (test_canonical)
{
  GstAnprHotlist *hl = load (list_a), *again;
  gchar *text = hotlist_msg_canonical (hl), *text2, *sum;

  /* fixed columns, fields quoted only when they must be, sorted lines */
  fail_unless_equals_string (text, HEADER
      "\" CD34 EFG\",,leading blank kept,,,,\n"
      "\"#7XK\",wanted,hash in front,,,,\n"
      "AB12CDE,stolen,\"Stolen, burglary\",1,stop,2099-12-31,"
      "\"Blue \"\"Ford\"\", dented\"\n"
      "xy51 abc,wanted,,2,observe,,\n");

  /* read back, it is the same list, and the same text */
  again = load (text);
  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (again), 4);
  text2 = hotlist_msg_canonical (again);
  fail_unless_equals_string (text2, text);

  /* in another order, and written otherwise: the same checksum */
  {
    GstAnprHotlist *other = load ("plate,list,priority,action,reason,"
        "expires,notes\n"
        "\"xy51 abc\",wanted,2,observe,,,\n"
        "\" CD34 EFG\",,,,leading blank kept,,\n"
        "AB12CDE,stolen,1,stop,\"Stolen, burglary\",2099-12-31,"
        "\"Blue \"\"Ford\"\", dented\"\n"
        "\"#7XK\",wanted,,,hash in front,,\n");
    gchar *t = hotlist_msg_canonical (other);

    fail_unless_equals_string (t, text);
    g_free (t);
    gst_anpr_hotlist_unref (other);
  }

  sum = hotlist_msg_sha256 (text);
  fail_unless_equals_int (strlen (sum), 64);
  g_free (sum);

  /* the empty list is its header */
  g_free (text2);
  text2 = hotlist_msg_canonical (NULL);
  fail_unless_equals_string (text2, HEADER);
  sum = hotlist_msg_sha256 ("");
  fail_unless_equals_string (sum,
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_free (sum);

  g_free (text);
  g_free (text2);
  gst_anpr_hotlist_unref (again);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_parse)
{
  HotlistMsg *msg;
  gchar *json;

  json = hotlist_msg_full_json ("national", 7, HEADER "AB12CDE,,,,,,\n",
      "2026-12-01T00:00:00Z");
  msg = parse_ok (json);
  fail_unless_equals_int (msg->kind, HOTLIST_MSG_FULL);
  fail_unless_equals_string (msg->name, "national");
  fail_unless_equals_int (msg->version, 7);
  fail_unless_equals_string (msg->entries, HEADER "AB12CDE,,,,,,\n");
  hotlist_msg_free (msg);
  g_free (json);

  json = hotlist_msg_delta_json ("national", 7, 8,
      "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
      NULL, "plate,list\nAB12CDE,\n", NULL);
  msg = parse_ok (json);
  fail_unless_equals_int (msg->kind, HOTLIST_MSG_DELTA);
  fail_unless_equals_int (msg->base_version, 7);
  fail_unless_equals_int (msg->version, 8);
  /* hex digits in either case, kept in lower case */
  fail_unless_equals_string (msg->sha256,
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  fail_unless (msg->add == NULL);
  fail_unless_equals_string (msg->remove, "plate,list\nAB12CDE,\n");
  hotlist_msg_free (msg);
  g_free (json);

  /* members it does not know are fine */
  msg = parse_ok ("{\"format\":1,\"kind\":\"full\",\"name\":\"n\","
      "\"version\":1,\"sha256\":\"" "0123456789abcdef0123456789abcdef"
      "0123456789abcdef0123456789abcdef\",\"entries\":\"\",\"x\":[1,{}]}");
  hotlist_msg_free (msg);
}

GST_END_TEST;

#define SHA "\"sha256\":\"0123456789abcdef0123456789abcdef" \
  "0123456789abcdef0123456789abcdef\""

GST_START_TEST (test_parse_refused)
{
  parse_fails ("", HOTLIST_MSG_ERROR_JSON, "not a JSON object");
  parse_fails ("{\"format\":1,", HOTLIST_MSG_ERROR_JSON, "not JSON");
  parse_fails ("[1,2]", HOTLIST_MSG_ERROR_JSON, "not a JSON object");
  parse_fails ("{\"kind\":\"full\"}", HOTLIST_MSG_ERROR_FORMAT,
      "'format' is missing");
  parse_fails ("{\"format\":2,\"kind\":\"full\"}", HOTLIST_MSG_ERROR_FORMAT,
      "format 2, only format 1");
  parse_fails ("{\"format\":\"1\"}", HOTLIST_MSG_ERROR_FORMAT,
      "'format' is not an integer");
  parse_fails ("{\"format\":1,\"kind\":\"patch\",\"name\":\"n\"}",
      HOTLIST_MSG_ERROR_FORMAT, "'kind'");
  parse_fails ("{\"format\":1,\"kind\":\"full\",\"name\":\"a/b\","
      "\"version\":1," SHA ",\"entries\":\"\"}", HOTLIST_MSG_ERROR_FORMAT,
      "'name'");
  parse_fails ("{\"format\":1,\"kind\":\"full\",\"name\":\"n\","
      "\"version\":0," SHA ",\"entries\":\"\"}", HOTLIST_MSG_ERROR_FORMAT,
      "'version' 0 is out of range");
  parse_fails ("{\"format\":1,\"kind\":\"full\",\"name\":\"n\","
      "\"version\":1.5," SHA ",\"entries\":\"\"}", HOTLIST_MSG_ERROR_FORMAT,
      "'version' is not an integer");
  parse_fails ("{\"format\":1,\"kind\":\"full\",\"name\":\"n\","
      "\"version\":1,\"sha256\":\"abc\",\"entries\":\"\"}",
      HOTLIST_MSG_ERROR_FORMAT, "64 hex digits");
  parse_fails ("{\"format\":1,\"kind\":\"full\",\"name\":\"n\","
      "\"version\":1," SHA "}", HOTLIST_MSG_ERROR_FORMAT,
      "'entries' is missing");
  parse_fails ("{\"format\":1,\"kind\":\"full\",\"name\":\"n\","
      "\"version\":1," SHA ",\"entries\":[\"AB12CDE\"]}",
      HOTLIST_MSG_ERROR_FORMAT, "'entries' is not a string");
  /* a delta moves forward */
  parse_fails ("{\"format\":1,\"kind\":\"delta\",\"name\":\"n\","
      "\"version\":4,\"base_version\":4," SHA "}", HOTLIST_MSG_ERROR_FORMAT,
      "'base_version' 4 is out of range");
  parse_fails ("{\"format\":1,\"kind\":\"delta\",\"name\":\"n\","
      "\"version\":4," SHA "}", HOTLIST_MSG_ERROR_FORMAT,
      "'base_version' is missing");
  parse_fails ("{\"format\":1,\"kind\":\"delta\",\"name\":\"n\","
      "\"version\":4,\"base_version\":3," SHA ",\"add\":5}",
      HOTLIST_MSG_ERROR_FORMAT, "'add' is not a string");
}

GST_END_TEST;

GST_START_TEST (test_apply_full)
{
  GstAnprHotlist *hl = load (list_a), *out = NULL;
  gchar *canonical = hotlist_msg_canonical (hl), *json, *text = NULL;
  HotlistMsg *msg;
  GError *err = NULL;
  const GstAnprHotlistEntry *e;

  json = hotlist_msg_full_json ("national", 3, canonical, NULL);
  msg = parse_ok (json);
  fail_unless (hotlist_msg_apply (msg, NULL, "mqtt:national@v3", &out, &text,
          &err));
  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (out), 4);
  fail_unless_equals_string (text, canonical);
  e = gst_anpr_hotlist_get_entry (out, 2);
  fail_unless_equals_string (e->plate, "AB12CDE");
  /* the source and line an event names */
  fail_unless_equals_string (e->source, "mqtt:national@v3");
  fail_unless_equals_int (e->line, 4);
  g_free (text);
  gst_anpr_hotlist_unref (out);

  /* another checksum: nothing made */
  g_free (msg->sha256);
  msg->sha256 = hotlist_msg_sha256 ("something else");
  fail_if (hotlist_msg_apply (msg, NULL, "s", &out, NULL, &err));
  fail_unless (out == NULL);
  fail_unless (g_error_matches (err, HOTLIST_MSG_ERROR,
          HOTLIST_MSG_ERROR_CHECKSUM));
  fail_unless (strstr (err->message, "checksum mismatch") != NULL);
  g_clear_error (&err);

  /* a line the parser skips refuses the list, naming the line */
  g_free (msg->entries);
  msg->entries = g_strdup (HEADER "AB12CDE,,,,,,\n!!,,,,,,\nXY51ABC,,,x,,,\n");
  fail_if (hotlist_msg_apply (msg, NULL, "mqtt:national@v3", &out, NULL,
          &err));
  fail_unless (g_error_matches (err, HOTLIST_MSG_ERROR,
          HOTLIST_MSG_ERROR_ENTRIES));
  fail_unless (g_str_has_prefix (err->message, "mqtt:national@v3:3: "),
      "%s", err->message);
  fail_unless (strstr (err->message, "and 1 more") != NULL, "%s",
      err->message);
  g_clear_error (&err);
  /* no plate column */
  g_free (msg->entries);
  msg->entries = g_strdup ("list,reason\nstolen,x\n");
  fail_if (hotlist_msg_apply (msg, NULL, "s", &out, NULL, &err));
  fail_unless (strstr (err->message, "no 'plate' column") != NULL);
  g_clear_error (&err);

  /* the empty list, header only or nothing at all */
  g_free (msg->entries);
  msg->entries = g_strdup ("");
  g_free (msg->sha256);
  msg->sha256 = hotlist_msg_sha256 (HEADER);
  fail_unless (hotlist_msg_apply (msg, NULL, "s", &out, NULL, &err));
  fail_unless (out == NULL);

  hotlist_msg_free (msg);
  g_free (json);
  g_free (canonical);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

/* Lines under the header row of @csv (NULL: none). */
static guint
rows (const gchar * csv)
{
  guint n = 0;

  for (; csv && *csv; csv++)
    n += *csv == '\n';
  return n ? n - 1 : 0;
}

/* diff(from, to) applied to from gives to, checked by its checksum. */
static void
check_delta (const gchar * from_csv, const gchar * to_csv, guint n_add,
    guint n_remove)
{
  GstAnprHotlist *from = from_csv ? load (from_csv) : NULL;
  GstAnprHotlist *to = to_csv ? load (to_csv) : NULL, *out = NULL;
  gchar *add, *remove, *to_text = hotlist_msg_canonical (to), *text = NULL;
  gchar *sum = hotlist_msg_sha256 (to_text), *json;
  HotlistMsg *msg;
  GError *err = NULL;

  hotlist_msg_diff (from, to, &add, &remove);
  fail_unless_equals_int (rows (add), n_add);
  fail_unless_equals_int (rows (remove), n_remove);
  json = hotlist_msg_delta_json ("n", 1, 2, sum, add, remove, NULL);
  msg = parse_ok (json);
  fail_unless (hotlist_msg_apply (msg, from, "mqtt:n@v2", &out, &text, &err),
      "%s", err ? err->message : "");
  fail_unless_equals_string (text, to_text);
  fail_unless_equals_int (out ? gst_anpr_hotlist_get_n_entries (out) : 0,
      to ? gst_anpr_hotlist_get_n_entries (to) : 0);

  /* the same change to another list: not the list announced */
  if (from && n_remove + n_add > 0) {
    GstAnprHotlist *out2 = NULL;

    fail_if (hotlist_msg_apply (msg, NULL, "s", &out2, NULL, &err) &&
        to && gst_anpr_hotlist_get_n_entries (to) > n_add);
    g_clear_error (&err);
    if (out2)
      gst_anpr_hotlist_unref (out2);
  }
  hotlist_msg_free (msg);
  g_free (json);
  g_free (add);
  g_free (remove);
  g_free (sum);
  g_free (text);
  g_free (to_text);
  if (out)
    gst_anpr_hotlist_unref (out);
  if (from)
    gst_anpr_hotlist_unref (from);
  if (to)
    gst_anpr_hotlist_unref (to);
}

GST_START_TEST (test_delta)
{
  const gchar *v1 = "plate,list,reason\n"
      "AB12CDE,stolen,one\nXY51ABC,wanted,two\nMQ70AAA,stolen,three\n"
      "MQ70AAA,wanted,four\n";
  /* one removed, one changed, one added, one plate on one list only */
  const gchar *v2 = "plate,list,reason\n"
      "AB12CDE,stolen,one\nXY51ABC,wanted,two changed\n"
      "MQ70AAA,wanted,four\nMQ70BBB,,five\n";
  HotlistMsg *msg;
  GstAnprHotlist *cur = load (v1), *out = NULL;
  GError *err = NULL;
  gchar *json;

  check_delta (v1, v2, 2, 1);
  check_delta (v2, v1, 2, 1);
  check_delta (v1, v1, 0, 0);
  check_delta (NULL, v1, 4, 0);
  check_delta (v1, NULL, 0, 4);

  /* a delta's add holding a line the parser refuses: refused whole */
  json = hotlist_msg_delta_json ("n", 1, 2, "00000000000000000000000000000000"
      "00000000000000000000000000000000", "plate,list\nAB12CDE,x\n*,y\n",
      NULL, NULL);
  msg = parse_ok (json);
  fail_if (hotlist_msg_apply (msg, cur, "mqtt:n@v2", &out, NULL, &err));
  fail_unless (g_error_matches (err, HOTLIST_MSG_ERROR,
          HOTLIST_MSG_ERROR_ENTRIES));
  fail_unless (g_str_has_prefix (err->message, "mqtt:n@v2 add:3: "), "%s",
      err->message);
  g_clear_error (&err);
  hotlist_msg_free (msg);
  g_free (json);
  gst_anpr_hotlist_unref (cur);
}

GST_END_TEST;

GST_START_TEST (test_names)
{
  gchar *t;

  fail_unless (hotlist_msg_name_ok ("national"));
  fail_if (hotlist_msg_name_ok (""));
  fail_if (hotlist_msg_name_ok (NULL));
  fail_if (hotlist_msg_name_ok ("a/b"));
  fail_if (hotlist_msg_name_ok ("a+"));
  fail_if (hotlist_msg_name_ok ("#"));
  t = hotlist_msg_topic ("anpr/borough", "national", HOTLIST_MSG_FULL);
  fail_unless_equals_string (t, "anpr/borough/hotlist/national/full");
  g_free (t);
  t = hotlist_msg_topic ("anpr", "national", HOTLIST_MSG_DELTA);
  fail_unless_equals_string (t, "anpr/hotlist/national/delta");
  g_free (t);
}

GST_END_TEST;

static Suite *
hotlistmsg_suite (void)
{
  Suite *s = suite_create ("hotlistmsg");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, anpr_check_fatal_log_domains, NULL);
  tcase_add_test (tc, test_canonical);
  tcase_add_test (tc, test_parse);
  tcase_add_test (tc, test_parse_refused);
  tcase_add_test (tc, test_apply_full);
  tcase_add_test (tc, test_delta);
  tcase_add_test (tc, test_names);
  return s;
}

GST_CHECK_MAIN (hotlistmsg);
