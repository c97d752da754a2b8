/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The hotlist's fuzzy index against a brute-force oracle that restates
 * the documented matching rules independently of the library's code. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "hotlistcheck.h"

/* What gst_anpr_hotlist_lookup() must return, by brute force over every
 * entry: the best way each entry matches any of the texts (lowest kind,
 * then distance, then candidate), sorted as documented. */
static gint
oracle_cmp (gconstpointer pa, gconstpointer pb)
{
  const GstAnprHotlistMatch *a = pa, *b = pb;
  guint pra = a->entry->priority ? (guint) a->entry->priority : G_MAXUINT;
  guint prb = b->entry->priority ? (guint) b->entry->priority : G_MAXUINT;

  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->distance != b->distance)
    return a->distance < b->distance ? -1 : 1;
  if (a->candidate != b->candidate)
    return a->candidate < b->candidate ? -1 : 1;
  if (pra != prb)
    return pra < prb ? -1 : 1;
  return a->entry < b->entry ? -1 : (a->entry > b->entry ? 1 : 0);
}

/* How @e matches the normalised @text (candidate @cand), if at all. */
static gboolean
oracle_match (const GstAnprHotlistEntry * e, const gchar * text, guint cand,
    gdouble maxd, GstAnprHotlistMatch * m)
{
  memset (m, 0, sizeof (*m));
  m->entry = e;
  m->candidate = cand;
  g_strlcpy (m->matched_text, text, sizeof (m->matched_text));
  if (e->partial) {
    m->kind = GST_ANPR_MATCH_PARTIAL;
    return gst_anpr_plate_wildcard_match (e->plate, text);
  }
  if (strcmp (e->plate, text) == 0) {
    m->kind = GST_ANPR_MATCH_EXACT;
    return TRUE;
  }
  if (maxd <= 0.0)
    return FALSE;
  m->kind = GST_ANPR_MATCH_FUZZY;
  m->distance = gst_anpr_plate_distance (text, e->plate, maxd);
  return m->distance > 0.0 && m->distance <= maxd;
}

static GArray *
oracle_lookup (GstAnprHotlist * hl, const gchar * const *texts, guint n,
    gdouble maxd, gint64 now)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (GstAnprHotlistMatch));
  guint t, i, j, n_entries = gst_anpr_hotlist_get_n_entries (hl);
  gchar norm[GST_ANPR_MAX_CANDIDATES + 1][GST_ANPR_MAX_TEXT + 1];
  guint cand[GST_ANPR_MAX_CANDIDATES + 1];
  guint nn = 0;

  /* the distinct, non-empty texts, each with its index in @texts */
  for (t = 0; t < n; t++) {
    gboolean dup = FALSE;

    gst_anpr_plate_normalise (texts[t], norm[nn], sizeof (norm[nn]));
    for (j = 0; j < nn; j++)
      dup |= strcmp (norm[j], norm[nn]) == 0;
    if (norm[nn][0] && !dup)
      cand[nn++] = t;
  }

  for (i = 0; i < n_entries; i++) {
    const GstAnprHotlistEntry *e = gst_anpr_hotlist_get_entry (hl, i);
    GstAnprHotlistMatch best, m;
    gboolean found = FALSE;

    if (gst_anpr_hotlist_entry_is_expired (e, now))
      continue;
    for (j = 0; j < nn; j++)
      if (oracle_match (e, norm[j], cand[j], maxd, &m)
          && (!found || oracle_cmp (&m, &best) < 0)) {
        best = m;
        found = TRUE;
      }
    if (found)
      g_array_append_val (out, best);
  }
  g_array_sort (out, oracle_cmp);
  return out;
}

/* Mostly characters OCR confuses, so that random plates have many near
 * neighbours. */
static const gchar rand_chars[] = "0OD8B1I25SAXK7";

static gchar *
random_plate (GRand * r, guint len)
{
  gchar *p = g_malloc (len + 1);
  guint i;

  for (i = 0; i < len; i++)
    p[i] = rand_chars[g_rand_int_range (r, 0, sizeof (rand_chars) - 1)];
  p[len] = '\0';
  return p;
}

/* @p with one random substitution, insertion or deletion */
static gchar *
random_edit (GRand * r, const gchar * p)
{
  GString *s = g_string_new (p);
  guint pos = g_rand_int_range (r, 0, s->len + 1);
  gchar c = rand_chars[g_rand_int_range (r, 0, sizeof (rand_chars) - 1)];

  switch (g_rand_int_range (r, 0, 3)) {
    case 0:
      if (pos < s->len) {
        s->str[pos] = c;
        break;
      }
      /* fall through */
    case 1:
      g_string_insert_c (s, pos, c);
      break;
    default:
      if (s->len > 1)
        g_string_erase (s, MIN (pos, s->len - 1), 1);
      break;
  }
  return g_string_free (s, FALSE);
}

GST_START_TEST (test_index_matches_brute_force)
{
  GRand *r = g_rand_new_with_seed (20261101);
  GString *csv = g_string_new ("plate,list,priority,expires\n");
  GPtrArray *plates = g_ptr_array_new_with_free_func (g_free);
  const gdouble budgets[] = { 0.0, 0.5, 1.0, 1.5, 2.0 };
  const gint64 now = G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC;
  GstAnprHotlist *hl;
  guint i, b, n_hits = 0, n_fuzzy = 0;

  for (i = 0; i < 1000; i++) {
    gchar *p = random_plate (r, g_rand_int_range (r, 3, 9));
    guint kind = g_rand_int_range (r, 0, 100);

    if (kind < 3) {
      /* a partial plate */
      p[g_rand_int_range (r, 0, strlen (p))] = kind == 0 ? '*' : '?';
    } else if (kind < 10 && plates->len > 0) {
      /* the same plate on another list */
      g_free (p);
      p = g_strdup (g_ptr_array_index (plates,
              g_rand_int_range (r, 0, plates->len)));
      if (strpbrk (p, "?*"))
        p[0] = 'X';
    }
    g_string_append_printf (csv, "%s,list%u,%s,%s\n", p, i % 7,
        i % 5 == 0 ? "" : (i % 5 == 1 ? "1" : "3"),
        i % 11 == 0 ? "2001-01-01" : "");
    g_ptr_array_add (plates, p);
  }
  hl = load_ok (csv->str, NULL);
  fail_unless (gst_anpr_hotlist_get_n_entries (hl) > 950);

  for (i = 0; i < 800; i++) {
    const gchar *texts[3];
    gchar *owned[3] = { NULL, NULL, NULL };
    guint n = 1 + (i % 4 == 0 ? g_rand_int_range (r, 1, 3) : 0), t;

    for (t = 0; t < n; t++) {
      const gchar *base = g_ptr_array_index (plates,
          g_rand_int_range (r, 0, plates->len));
      switch (g_rand_int_range (r, 0, 4)) {
        case 0:
          owned[t] = random_plate (r, g_rand_int_range (r, 2, 10));
          break;
        case 1:
          owned[t] = g_strdup (base);
          break;
        case 2:
          owned[t] = random_edit (r, base);
          break;
        default:{
          gchar *e1 = random_edit (r, base);
          owned[t] = random_edit (r, e1);
          g_free (e1);
          break;
        }
      }
      texts[t] = owned[t];
    }

    for (b = 0; b < G_N_ELEMENTS (budgets); b++) {
      GArray *got = gst_anpr_hotlist_lookup (hl, texts[0], texts + 1, n - 1,
          budgets[b], now);
      GArray *want = oracle_lookup (hl, texts, n, budgets[b], now);
      guint j;

      fail_unless_equals_int (got->len, want->len);
      for (j = 0; j < got->len; j++) {
        const GstAnprHotlistMatch *g =
            &g_array_index (got, GstAnprHotlistMatch, j);
        const GstAnprHotlistMatch *w =
            &g_array_index (want, GstAnprHotlistMatch, j);

        fail_unless (g->entry == w->entry, "%s at %.1f: %s vs %s", texts[0],
            budgets[b], g->entry->plate, w->entry->plate);
        fail_unless_equals_int (g->kind, w->kind);
        fail_unless_equals_float (g->distance, w->distance);
        fail_unless_equals_int (g->candidate, w->candidate);
        fail_unless_equals_string (g->matched_text, w->matched_text);
        n_fuzzy += g->kind == GST_ANPR_MATCH_FUZZY;
      }
      n_hits += got->len;
      g_array_unref (got);
      g_array_unref (want);
    }
    for (t = 0; t < n; t++)
      g_free (owned[t]);
  }
  /* the data must exercise the fuzzy paths */
  fail_unless (n_fuzzy > 1000, "%u fuzzy of %u", n_fuzzy, n_hits);
  GST_INFO ("%u matches, %u fuzzy", n_hits, n_fuzzy);

  gst_anpr_hotlist_unref (hl);
  g_ptr_array_unref (plates);
  g_string_free (csv, TRUE);
  g_rand_free (r);
}

GST_END_TEST;

/* The index's confusion classes are gst_anpr_chars_confusable()'s, over
 * the whole alphabet (the brute-force test uses a few characters). */
GST_START_TEST (test_index_confusion_classes)
{
  static const gchar alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  GString *csv = g_string_new ("plate\n");
  GstAnprHotlist *hl;
  guint a, b;

  for (a = 0; alphabet[a]; a++)
    g_string_append_printf (csv, "KX%c9\n", alphabet[a]);
  hl = load_ok (csv->str, NULL);
  for (b = 0; alphabet[b]; b++) {
    gchar text[5] = { 'K', 'X', alphabet[b], '9', '\0' };
    GArray *m = lookup (hl, text, 0.5);
    guint want = 1, i;

    for (a = 0; alphabet[a]; a++)
      want += gst_anpr_chars_confusable (alphabet[a], alphabet[b]);
    fail_unless_equals_int (m->len, want);
    for (i = 1; i < m->len; i++)
      fail_unless (gst_anpr_chars_confusable (g_array_index (m,
                  GstAnprHotlistMatch, i).entry->plate[2], alphabet[b]));
    g_array_unref (m);
  }
  gst_anpr_hotlist_unref (hl);
  g_string_free (csv, TRUE);
}

GST_END_TEST;

static Suite *
hotlistindex_suite (void)
{
  Suite *s = suite_create ("hotlistindex");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_index_matches_brute_force);
  tcase_add_test (tc, test_index_confusion_classes);
  return s;
}

GST_CHECK_MAIN (hotlistindex);
