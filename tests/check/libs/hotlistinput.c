/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Hotlists as they come from the field, or from a mistake: old Mac line
 * ends, emptied files, FIFOs and devices at the path, NUL bytes, huge
 * fields, duplicated lines, other character sets. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <gio/gio.h>

#include "hotlistcheck.h"

/* The warnings of @w holding @needle. */
static guint
count_warnings (GPtrArray * w, const gchar * needle)
{
  guint i, n = 0;

  for (i = 0; w && i < w->len; i++)
    n += strstr (g_ptr_array_index (w, i), needle) != NULL;
  return n;
}

GST_START_TEST (test_line_ends)
{
  const gchar *csv[] = {
    "plate,list\nAB12CDE,stolen\nXY51ABC,wanted\n",
    "plate,list\r\nAB12CDE,stolen\r\nXY51ABC,wanted\r\n",
    /* old Mac editors */
    "plate,list\rAB12CDE,stolen\rXY51ABC,wanted\r",
    "plate,list\rAB12CDE,stolen\r\nXY51ABC,wanted",
    "\xef\xbb\xbf" "plate,list\r\nAB12CDE,stolen\r\nXY51ABC,wanted",
    "\xef\xbb\xbf" "plate,list\rAB12CDE,stolen\rXY51ABC,wanted\r",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (csv); i++) {
    GPtrArray *w = NULL;
    GstAnprHotlist *hl = load_ok (csv[i], &w);
    const GstAnprHotlistEntry *e;

    fail_unless_equals_int (w ? w->len : 0, 0);
    fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 2);
    e = gst_anpr_hotlist_get_entry (hl, 0);
    fail_unless_equals_string (e->plate, "AB12CDE");
    fail_unless_equals_string (e->list, "stolen");
    fail_unless_equals_int (e->line, 2);
    e = gst_anpr_hotlist_get_entry (hl, 1);
    fail_unless_equals_string (e->plate, "XY51ABC");
    fail_unless_equals_string (e->list, "wanted");
    fail_unless_equals_int (e->line, 3);
    gst_anpr_hotlist_unref (hl);
    if (w)
      g_ptr_array_unref (w);
  }
}

GST_END_TEST;

GST_START_TEST (test_no_entries_is_an_error)
{
  const struct
  {
    const gchar *csv;
    const gchar *why;
  } cases[] = {
    {"", "empty file"},
    {"plate,list,reason\n", "header row only"},
    {"plate,list\r\n# nobody yet\r\n\r\n", "header row only"},
    {"# just a comment\n\n", "no header row"},
    {"plate,list\n,stolen\n---,stolen\n", "every line malformed"},
  };
  gchar *good = write_file ("good.csv", "plate\nAB12CDE\n");
  gchar *empty = write_file ("empty.csv", "plate\n");
  const gchar *both[] = { good, empty, NULL };
  const gchar *none[] = { empty, empty, NULL };
  GPtrArray *w = NULL;
  GError *err = NULL;
  GstAnprHotlist *hl;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    hl = gst_anpr_hotlist_load_data (cases[i].csv, -1, "list.csv", NULL,
        &err);
    fail_unless (hl == NULL, "'%s' loaded", cases[i].csv);
    fail_unless (g_error_matches (err, G_IO_ERROR,
            G_IO_ERROR_INVALID_DATA));
    fail_unless (strstr (err->message, "no entries") != NULL, "%s",
        err->message);
    fail_unless (strstr (err->message, "list.csv") != NULL, "%s",
        err->message);
    fail_unless (strstr (err->message, cases[i].why) != NULL, "%s",
        err->message);
    g_clear_error (&err);
  }

  /* one file of several with nobody on it loads, with a warning */
  hl = gst_anpr_hotlist_load_files (both, &w, &err);
  fail_unless (hl != NULL);
  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 1);
  fail_unless_equals_int (count_warnings (w, "empty.csv: holds no entries "
          "(header row only)"), 1);
  gst_anpr_hotlist_unref (hl);
  g_clear_pointer (&w, g_ptr_array_unref);

  hl = gst_anpr_hotlist_load_files (none, &w, &err);
  fail_unless (hl == NULL);
  fail_unless (strstr (err->message, empty) != NULL, "%s", err->message);
  g_clear_error (&err);
  g_clear_pointer (&w, g_ptr_array_unref);
  g_free (good);
  g_free (empty);
}

GST_END_TEST;

/* Loads @path, which must fail at once with @domain/@code. */
static void
load_refused (const gchar * path, GQuark domain, gint code)
{
  GError *err = NULL;
  gint64 t0 = g_get_monotonic_time ();
  GstAnprHotlist *hl = gst_anpr_hotlist_load_file (path, NULL, &err);

  fail_unless (hl == NULL, "%s loaded", path);
  fail_unless (g_error_matches (err, domain, code), "%s: %s", path,
      err->message);
  fail_unless (strstr (err->message, path) != NULL, "%s", err->message);
  /* refused, not read */
  fail_unless (g_get_monotonic_time () - t0 < G_USEC_PER_SEC);
  g_clear_error (&err);
}

GST_START_TEST (test_not_a_regular_file)
{
  gchar *fifo = g_build_filename (tmpdir, "fifo.csv", NULL);

  /* a FIFO used to block open() until a writer came */
  fail_unless_equals_int (mkfifo (fifo, 0600), 0);
  load_refused (fifo, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  /* a device used to be read until memory ran out */
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    load_refused ("/dev/zero", G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  load_refused (tmpdir, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_free (fifo);
}

GST_END_TEST;

GST_START_TEST (test_size_cap)
{
  gchar *big = write_file ("big.csv", "plate\nAB12CDE\n");
  gint fd = g_open (big, O_WRONLY, 0);

  /* sparse: nothing is written */
  fail_unless (fd >= 0);
  fail_unless_equals_int (ftruncate (fd, GST_ANPR_HOTLIST_MAX_FILE_SIZE + 1),
      0);
  close (fd);
  load_refused (big, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_free (big);
}

GST_END_TEST;

GST_START_TEST (test_nul_byte)
{
  static const gchar csv[] = "plate,list\n"
      "AB12CDE,stolen\n" "XY51ABC,want\0ed\n" "CD34EFG,wanted\n";
  GPtrArray *w = NULL;
  GError *err = NULL;
  GstAnprHotlist *hl = gst_anpr_hotlist_load_data (csv, sizeof (csv) - 1,
      "test.csv", &w, &err);

  fail_unless (hl != NULL);
  /* the line is reported and skipped, the rest loads */
  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 2);
  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 1)->plate,
      "CD34EFG");
  fail_unless (w != NULL);
  fail_unless_equals_int (w->len, 1);
  fail_unless (g_str_has_prefix (g_ptr_array_index (w, 0), "test.csv:3: "));
  fail_unless (strstr (g_ptr_array_index (w, 0), "NUL") != NULL);
  g_ptr_array_unref (w);
  gst_anpr_hotlist_unref (hl);

  /* in the header: not a CSV file */
  hl = gst_anpr_hotlist_load_data ("pla\0te\nAB12CDE\n", 15, "test.csv",
      NULL, &err);
  fail_unless (hl == NULL);
  fail_unless (strstr (err->message, "test.csv:1:") != NULL);
  g_clear_error (&err);
}

GST_END_TEST;

GST_START_TEST (test_long_fields_cut_in_warnings)
{
  const gsize big = 10 * 1024 * 1024;
  GString *csv = g_string_new ("plate,priority,expires\n");
  GPtrArray *w = NULL;
  GstAnprHotlist *hl;
  guint i;

  g_string_append_c (csv, '"');
  for (i = 0; i < big; i++)
    g_string_append_c (csv, 'A');
  g_string_append (csv, "\",,\nAB12CDE,");
  for (i = 0; i < big; i++)
    g_string_append_c (csv, '9');
  g_string_append (csv, ",\nAB12CDF,,x");
  /* a cut must not split a character */
  for (i = 0; i < big / 2; i++)
    g_string_append (csv, "\xc3\xa9");
  g_string_append (csv, "\nAB12CDG,1,\n");

  hl = load_ok (csv->str, &w);
  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 1);
  fail_unless (w != NULL);
  fail_unless_equals_int (w->len, 3);
  for (i = 0; i < w->len; i++) {
    const gchar *msg = g_ptr_array_index (w, i);

    fail_unless (strlen (msg) < 200, "warning of %u bytes",
        (guint) strlen (msg));
    fail_unless (strstr (msg, i < 2 ? "(10485760 bytes)" :
            "(10485761 bytes)") != NULL, "%s", msg);
    fail_unless (g_utf8_validate (msg, -1, NULL), "%s", msg);
  }
  fail_unless (g_str_has_prefix (g_ptr_array_index (w, 0), "test.csv:2: "));
  fail_unless (strstr (g_ptr_array_index (w, 0), "'AAAAAAAA") != NULL);
  fail_unless (strstr (g_ptr_array_index (w, 1), "priority") != NULL);
  fail_unless (strstr (g_ptr_array_index (w, 2), "expires") != NULL);
  g_ptr_array_unref (w);
  gst_anpr_hotlist_unref (hl);
  g_string_free (csv, TRUE);
}

GST_END_TEST;

GST_START_TEST (test_duplicates_which_is_kept)
{
  const gchar *csv = "plate,list,priority,expires\n"
      "AB12CDE,stolen,1,2030-01-01\n"   /* 2: expires first */
      "AB12CDE,stolen,2,2031-01-01\n"   /* 3 */
      "AB12CDE,stolen,3,\n"     /* 4: never expires: kept */
      "ab12 cde,stolen,4,\n"    /* 5: same as 4, which came first */
      "AB12CDE,insurance,5,\n"  /* 6: another list: another listing */
      "AB12C?E,stolen,6,\n"     /* 7: a partial plate */
      "AB12C?E,stolen,7,\n";    /* 8: its duplicate */
  GPtrArray *w = NULL;
  GstAnprHotlist *hl = load_ok (csv, &w);
  GArray *m;

  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 3);
  /* file order */
  fail_unless_equals_int (gst_anpr_hotlist_get_entry (hl, 0)->line, 4);
  fail_unless_equals_int (gst_anpr_hotlist_get_entry (hl, 1)->line, 6);
  fail_unless_equals_int (gst_anpr_hotlist_get_entry (hl, 2)->line, 7);

  fail_unless (w != NULL);
  fail_unless_equals_int (w->len, 4);
  fail_unless_equals_int (count_warnings (w, "test.csv:2: "), 1);
  fail_unless_equals_int (count_warnings (w, "test.csv:3: "), 1);
  fail_unless_equals_int (count_warnings (w, "test.csv:5: "), 1);
  fail_unless_equals_int (count_warnings (w, "test.csv:8: "), 1);
  fail_unless_equals_int (count_warnings (w, "at test.csv:4, which is "
          "kept"), 3);
  fail_unless_equals_int (count_warnings (w, "expires later"), 2);

  m = lookup (hl, "AB12CDE", 1.0);
  fail_unless_equals_int (m->len, 3);
  g_array_unref (m);
  g_ptr_array_unref (w);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_many_duplicates)
{
  const guint copies = 50000;
  GString *csv = g_string_new ("plate,list,reason\n");
  GPtrArray *w = NULL;
  GstAnprHotlist *hl;
  gint64 slowest = 0;
  guint i, k, n_matches[4];

  g_string_append (csv, "XY51ABC,wanted,\n");
  for (i = 0; i < copies; i++)
    g_string_append (csv, "AB12CDE,stolen,pasted once too often\n");

  hl = load_ok (csv->str, &w);

  /* exact and fuzzy lookups of the plate and of a neighbour */
  for (k = 0; k < 4; k++) {
    const gchar *text = k % 2 ? "AB12CDF" : "AB12CDE";
    gint64 t0 = g_get_monotonic_time ();
    GArray *m = lookup (hl, text, k < 2 ? 0.0 : 1.0);

    slowest = MAX (slowest, g_get_monotonic_time () - t0);
    n_matches[k] = m->len;
    g_array_unref (m);
  }
  /* microseconds when each plate is one entry; seconds used to go into
   * wading through the copies */
  fail_unless (slowest < 20 * G_TIME_SPAN_MILLISECOND,
      "a lookup took %" G_GINT64_FORMAT " us", slowest);
  fail_unless_equals_int (n_matches[0], 1);
  fail_unless_equals_int (n_matches[1], 0);
  fail_unless_equals_int (n_matches[2], 1);
  fail_unless_equals_int (n_matches[3], 1);

  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 2);
  fail_unless_equals_int (gst_anpr_hotlist_get_entry (hl, 1)->line, 3);
  /* reported, but not 50,000 times */
  fail_unless (w != NULL);
  fail_unless (w->len <= 11, "%u warnings", w->len);
  fail_unless (count_warnings (w, "test.csv:4: ") == 1);
  fail_unless (count_warnings (w, "49989 more duplicate lines") == 1);

  g_ptr_array_unref (w);
  gst_anpr_hotlist_unref (hl);
  g_string_free (csv, TRUE);
}

GST_END_TEST;

GST_START_TEST (test_invalid_utf8)
{
  /* Latin-1, as an old spreadsheet saves it */
  const gchar *csv = "plate,list,reason\n"
      "AB12CDE,stolen,Vol \xe0 Li\xe8ge\n" "XY51ABC,wanted,ok\n";
  GPtrArray *w = NULL;
  GstAnprHotlist *hl = load_ok (csv, &w);
  const GstAnprHotlistEntry *e;
  GArray *m;

  /* never lost: it still matches */
  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 2);
  m = lookup (hl, "AB12CDE", 0.0);
  fail_unless_equals_int (m->len, 1);
  g_array_unref (m);
  e = gst_anpr_hotlist_get_entry (hl, 0);
  fail_unless (g_utf8_validate (e->reason, -1, NULL));
  fail_unless_equals_string (e->reason, "Vol \xef\xbf\xbd Li\xef\xbf\xbdge");
  fail_unless (w != NULL);
  fail_unless_equals_int (w->len, 1);
  fail_unless (g_str_has_prefix (g_ptr_array_index (w, 0), "test.csv:2: "));
  fail_unless (strstr (g_ptr_array_index (w, 0), "UTF-8") != NULL);
  fail_unless (strstr (g_ptr_array_index (w, 0), "hotlist-encoding") != NULL);
  g_ptr_array_unref (w);
  gst_anpr_hotlist_unref (hl);
}

GST_END_TEST;

GST_START_TEST (test_invalid_utf8_summarised)
{
  GString *csv = g_string_new ("plate,reason\n");
  GPtrArray *w = NULL;
  GstAnprHotlist *hl;
  guint i;

  for (i = 0; i < 1000; i++)
    g_string_append_printf (csv, "AB%04uX,Li\xe8ge\n", i);
  hl = load_ok (csv->str, &w);
  fail_unless_equals_int (gst_anpr_hotlist_get_n_entries (hl), 1000);
  fail_unless (w != NULL);
  fail_unless_equals_int (w->len, 6);
  fail_unless (strstr (g_ptr_array_index (w, 5), "995 more lines") != NULL,
      "%s", (gchar *) g_ptr_array_index (w, 5));
  fail_unless (g_str_has_prefix (g_ptr_array_index (w, 5), "test.csv:1001: "));
  g_ptr_array_unref (w);
  gst_anpr_hotlist_unref (hl);
  g_string_free (csv, TRUE);
}

GST_END_TEST;

GST_START_TEST (test_encoding)
{
  const gchar *latin1 = "\xef\xbb\xbf" "plate,list,reason\r\n"
      "AB12CDE,stolen,Vol \xe0 Li\xe8ge\r\n";
  const gchar *cp1252 = "plate,reason\rAB12CDE,\x80 500 \x96 fraud\r";
  GPtrArray *w = NULL;
  GError *err = NULL;
  GstAnprHotlist *hl;

  hl = gst_anpr_hotlist_load_data_full (latin1 + 3, -1, "test.csv",
      "ISO-8859-1", &w, &err);
  fail_unless (hl != NULL);
  fail_unless (w == NULL || w->len == 0);
  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 0)->reason,
      "Vol \xc3\xa0 Li\xc3\xa8ge");
  gst_anpr_hotlist_unref (hl);

  hl = gst_anpr_hotlist_load_data_full (cp1252, -1, "test.csv",
      "WINDOWS-1252", &w, &err);
  fail_unless (hl != NULL);
  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 0)->reason,
      "\xe2\x82\xac 500 \xe2\x80\x93 fraud");
  gst_anpr_hotlist_unref (hl);

  /* UTF-8 named, with its byte order mark and CRLF */
  hl = gst_anpr_hotlist_load_data_full ("\xef\xbb\xbfplate,reason\r\n"
      "AB12CDE,Li\xc3\xa8ge\r\n", -1, "test.csv", "utf-8", &w, &err);
  fail_unless (hl != NULL);
  fail_unless_equals_string (gst_anpr_hotlist_get_entry (hl, 0)->reason,
      "Li\xc3\xa8ge");
  gst_anpr_hotlist_unref (hl);
  fail_unless (w == NULL || w->len == 0);

  hl = gst_anpr_hotlist_load_data_full (latin1, -1, "test.csv",
      "NO-SUCH-CHARSET", &w, &err);
  fail_unless (hl == NULL);
  fail_unless (strstr (err->message, "NO-SUCH-CHARSET") != NULL);
  fail_unless (strstr (err->message, "test.csv") != NULL);
  g_clear_error (&err);
  if (w)
    g_ptr_array_unref (w);
}

GST_END_TEST;

/* Random input of the characters the parser cares about, each in a buffer
 * of exactly its length (under valgrind, a read past it fails): every
 * input loads or fails with a reason, and what loads is well formed. */
GST_START_TEST (test_random_input)
{
  static const gchar alphabet[] = "\",\r\n\0#?* \tAB12\xc3\xa9\xff";
  GRand *rand = g_rand_new_with_seed (4);
  guint round;

  for (round = 0; round < 3000; round++) {
    gsize len = g_rand_int_range (rand, 0, 120), i;
    gchar *buf = g_malloc (MAX (len, 1));
    GPtrArray *w = NULL;
    GError *err = NULL;
    GstAnprHotlist *hl;

    /* half of them start with a usable header */
    i = 0;
    if (round % 2 && len > 6) {
      memcpy (buf, "plate\n", 6);
      i = 6;
    }
    for (; i < len; i++)
      buf[i] = alphabet[g_rand_int_range (rand, 0, sizeof (alphabet) - 1)];
    hl = gst_anpr_hotlist_load_data (buf, len, "fuzz.csv", &w, &err);
    if (hl) {
      guint n = gst_anpr_hotlist_get_n_entries (hl), j;

      fail_unless (n > 0);
      for (j = 0; j < n; j++) {
        const GstAnprHotlistEntry *e = gst_anpr_hotlist_get_entry (hl, j);
        fail_unless (strlen (e->plate) <= GST_ANPR_HOTLIST_MAX_PLATE);
        fail_unless (g_utf8_validate (e->listed, -1, NULL));
      }
      g_array_unref (lookup (hl, "AB12", 1.0));
      gst_anpr_hotlist_unref (hl);
    } else {
      fail_unless (err != NULL && err->message[0]);
      g_clear_error (&err);
    }
    if (w)
      g_ptr_array_unref (w);
    g_free (buf);
  }
  g_rand_free (rand);
}

GST_END_TEST;

static Suite *
hotlistinput_suite (void)
{
  Suite *s = suite_create ("hotlistinput");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_line_ends);
  tcase_add_test (tc, test_no_entries_is_an_error);
  tcase_add_test (tc, test_not_a_regular_file);
  tcase_add_test (tc, test_size_cap);
  tcase_add_test (tc, test_nul_byte);
  tcase_add_test (tc, test_long_fields_cut_in_warnings);
  tcase_add_test (tc, test_duplicates_which_is_kept);
  tcase_add_test (tc, test_many_duplicates);
  tcase_add_test (tc, test_invalid_utf8);
  tcase_add_test (tc, test_invalid_utf8_summarised);
  tcase_add_test (tc, test_encoding);
  tcase_add_test (tc, test_random_input);
  return s;
}

GST_CHECK_MAIN (hotlistinput);
