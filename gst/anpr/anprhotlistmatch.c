/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Matching reads against a loaded #GstAnprHotlist: the key index built
 * after loading, the weighted edit distance, wildcards and the lookups. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "anprhotlistprivate.h"
#include "anprplaterules.h"

/* ---- keys ------------------------------------------------------------ */

/* Most keys one plate or read has: its full key and one per deleted
 * position. */
#define MAX_KEYS (GST_ANPR_MAX_TEXT + 1)

static inline guint32
key_mix (guint32 h)
{
  /* murmur3 finaliser */
  h ^= h >> 16;
  h *= 0x85ebca6bU;
  h ^= h >> 13;
  h *= 0xc2b2ae35U;
  h ^= h >> 16;
  return h;
}

/* FNV-1a of @c[0..n) without position @skip (n: none), mixed. */
static inline guint32
key_hash (const guchar * c, guint n, guint skip)
{
  guint32 h = 2166136261U;
  guint i;

  for (i = 0; i < n; i++) {
    if (i == skip)
      continue;
    h ^= c[i];
    h *= 16777619U;
  }
  return key_mix (h ^ (n - (skip < n)));
}

/* The hashes of @plate's keys (a normalised plate of at most
 * GST_ANPR_MAX_TEXT characters): the full key first, then one per deleted
 * position, skipping deletions that give the same key as the one before
 * (a run of one class).  With @full_only, only the full key.  Returns how
 * many. */
static guint
plate_keys (const gchar * plate, guint32 * keys, gboolean full_only)
{
  guchar c[GST_ANPR_MAX_TEXT];
  guint n, i, k = 0;

  for (n = 0; plate[n] && n < GST_ANPR_MAX_TEXT; n++)
    c[n] = gst_anpr_char_confusion_class (plate[n]);
  keys[k++] = key_hash (c, n, n);
  if (full_only || n < 2)
    return k;
  for (i = 0; i < n; i++) {
    if (i > 0 && c[i] == c[i - 1])
      continue;
    keys[k++] = key_hash (c, n, i);
  }
  return k;
}

static inline guint8
key_tag (guint32 h)
{
  return (guint8) (h >> 24);
}

/* ---- index ----------------------------------------------------------- */

/* Builds the key index once every entry is in, in two passes over the
 * entries (count, then fill) so nothing but the index itself is
 * allocated. */
void
_gst_anpr_hotlist_index (GstAnprHotlist * hl)
{
  const GstAnprHotlistEntry *entries =
      (const GstAnprHotlistEntry *) hl->entries->data;
  guint32 keys[MAX_KEYS];
  guint64 n_keys = 0;
  guint32 buckets = 16, i;
  guint k, nk;

  for (i = 0; i < hl->entries->len; i++) {
    if (entries[i].partial)
      g_array_append_val (hl->partial, i);
    else
      n_keys += plate_keys (entries[i].plate, keys, FALSE);
  }
  g_assert (n_keys < G_MAXUINT32);
  /* about two keys a bucket */
  while (buckets < n_keys / 2 && buckets < (1U << 31))
    buckets <<= 1;
  hl->mask = buckets - 1;
  hl->n_keys = (guint) n_keys;
  hl->offsets = g_new0 (guint32, (gsize) buckets + 1);
  hl->idx = g_new (guint32, MAX (n_keys, 1));
  hl->tags = g_new (guint8, MAX (n_keys, 1));

  /* offsets[b] = keys in buckets 0..b, then counted down while filling so
   * that it ends as the start of bucket b */
  for (i = 0; i < hl->entries->len; i++) {
    if (entries[i].partial)
      continue;
    nk = plate_keys (entries[i].plate, keys, FALSE);
    for (k = 0; k < nk; k++)
      hl->offsets[keys[k] & hl->mask]++;
  }
  for (i = 1; i <= hl->mask; i++)
    hl->offsets[i] += hl->offsets[i - 1];
  hl->offsets[buckets] = (guint32) n_keys;
  for (i = 0; i < hl->entries->len; i++) {
    if (entries[i].partial)
      continue;
    nk = plate_keys (entries[i].plate, keys, FALSE);
    for (k = 0; k < nk; k++) {
      guint32 pos = --hl->offsets[keys[k] & hl->mask];
      hl->idx[pos] = i;
      hl->tags[pos] = key_tag (keys[k]);
    }
  }
}

/* ---- matching -------------------------------------------------------- */

/* The fuzzy match's price of reading @a where @b is written. */
static gdouble
substitution_cost (gchar a, gchar b)
{
  if (a == b)
    return 0.0;
  return gst_anpr_chars_confusable (a, b) ?
      GST_ANPR_HOTLIST_COST_CONFUSABLE : GST_ANPR_HOTLIST_COST_EDIT;
}

/**
 * gst_anpr_plate_distance:
 * @a: a normalised plate
 * @b: another
 * @max_distance: give up above this
 *
 * Weighted edit distance: substituting one character for a visually
 * confusable one (gst_anpr_chars_confusable()) costs
 * %GST_ANPR_HOTLIST_COST_CONFUSABLE, any other substitution, insertion or
 * deletion %GST_ANPR_HOTLIST_COST_EDIT.
 *
 * Returns: the distance, or a value above @max_distance once it is certain
 *   to exceed it
 */
gdouble
gst_anpr_plate_distance (const gchar * a, const gchar * b,
    gdouble max_distance)
{
  gdouble row0[GST_ANPR_HOTLIST_MAX_PLATE + 2];
  gdouble row1[GST_ANPR_HOTLIST_MAX_PLATE + 2];
  gdouble *prev = row0, *cur = row1;
  gsize la, lb, i, j;
  gdouble over = max_distance + GST_ANPR_HOTLIST_COST_EDIT;

  g_return_val_if_fail (a != NULL && b != NULL, G_MAXDOUBLE);
  la = strlen (a);
  lb = strlen (b);
  if (la > GST_ANPR_HOTLIST_MAX_PLATE || lb > GST_ANPR_HOTLIST_MAX_PLATE)
    return over;
  if ((gdouble) (la > lb ? la - lb : lb - la) * GST_ANPR_HOTLIST_COST_EDIT >
      max_distance)
    return over;

  for (j = 0; j <= lb; j++)
    prev[j] = j * GST_ANPR_HOTLIST_COST_EDIT;
  for (i = 1; i <= la; i++) {
    gdouble row_min;
    gdouble *tmp;

    cur[0] = i * GST_ANPR_HOTLIST_COST_EDIT;
    row_min = cur[0];
    for (j = 1; j <= lb; j++) {
      gdouble sub, v;

      sub = substitution_cost (a[i - 1], b[j - 1]);
      v = prev[j - 1] + sub;
      v = MIN (v, prev[j] + GST_ANPR_HOTLIST_COST_EDIT);
      v = MIN (v, cur[j - 1] + GST_ANPR_HOTLIST_COST_EDIT);
      cur[j] = v;
      row_min = MIN (row_min, v);
    }
    /* every path crosses this row: none can come back under the budget */
    if (row_min > max_distance)
      return over;
    tmp = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[lb];
}

/**
 * gst_anpr_plate_wildcard_match:
 * @pattern: a listed partial plate: `?` matches one character, `*` any run
 *   (possibly empty)
 * @text: a normalised read
 *
 * Returns: %TRUE if @pattern matches the whole of @text
 */
gboolean
gst_anpr_plate_wildcard_match (const gchar * pattern, const gchar * text)
{
  const gchar *star_p = NULL, *star_t = NULL;

  g_return_val_if_fail (pattern != NULL && text != NULL, FALSE);
  while (*text) {
    if (*pattern == '?' || (*pattern && *pattern != '*' && *pattern == *text)) {
      pattern++;
      text++;
    } else if (*pattern == '*') {
      star_p = ++pattern;
      star_t = text;
    } else if (star_p) {
      pattern = star_p;
      text = ++star_t;
    } else {
      return FALSE;
    }
  }
  while (*pattern == '*')
    pattern++;
  return *pattern == '\0';
}

/* Keeps the best match per entry. */
static void
add_match (GArray * out, const GstAnprHotlistEntry * e, GstAnprMatchKind kind,
    gdouble distance, const gchar * text, guint cand)
{
  GstAnprHotlistMatch m = { 0, };
  guint i;

  for (i = 0; i < out->len; i++) {
    GstAnprHotlistMatch *o = &g_array_index (out, GstAnprHotlistMatch, i);
    if (o->entry != e)
      continue;
    if (kind < o->kind || (kind == o->kind && (distance < o->distance ||
                (distance == o->distance && cand < o->candidate)))) {
      o->kind = kind;
      o->distance = distance;
      o->candidate = cand;
      g_strlcpy (o->matched_text, text, sizeof (o->matched_text));
    }
    return;
  }
  m.entry = e;
  m.kind = kind;
  m.distance = distance;
  m.candidate = cand;
  g_strlcpy (m.matched_text, text, sizeof (m.matched_text));
  g_array_append_val (out, m);
}

/**
 * gst_anpr_hotlist_match_compare:
 * @a: a #GstAnprHotlistMatch
 * @b: another
 *
 * Orders two matches as gst_anpr_hotlist_lookup() orders its result, best
 * first: exact, then partial, then fuzzy; then smaller distance; then the
 * read before its candidates; then higher priority (none last).  For
 * merging the matches of several hotlists: with a stable sort (g_array_sort()),
 * ties keep the order in which the lists were looked up.
 *
 * Returns: negative if @a is the better match, positive if @b is, 0 on a
 *   tie
 */
gint
gst_anpr_hotlist_match_compare (const GstAnprHotlistMatch * a,
    const GstAnprHotlistMatch * b)
{
  guint prio_a, prio_b;

  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->distance != b->distance)
    return a->distance < b->distance ? -1 : 1;
  if (a->candidate != b->candidate)
    return a->candidate < b->candidate ? -1 : 1;
  /* no priority sorts after every given priority */
  prio_a = a->entry->priority ? (guint) a->entry->priority : G_MAXUINT;
  prio_b = b->entry->priority ? (guint) b->entry->priority : G_MAXUINT;
  if (prio_a != prio_b)
    return prio_a < prio_b ? -1 : 1;
  return 0;
}

/* Within one list, ties in file order. */
static gint
compare_matches (gconstpointer pa, gconstpointer pb)
{
  const GstAnprHotlistMatch *a = pa, *b = pb;
  gint c = gst_anpr_hotlist_match_compare (a, b);

  if (c)
    return c;
  return a->entry < b->entry ? -1 : (a->entry > b->entry ? 1 : 0);
}

/* Calls @func on every plain entry sharing a key with @text (all of its
 * keys, or only the full one with @full_only); an entry may come more than
 * once. */
static inline void
probe_keys (const GstAnprHotlist * hl, const gchar * text, gboolean full_only,
    void (*func) (const GstAnprHotlist *, guint, gpointer), gpointer data)
{
  guint32 keys[MAX_KEYS];
  guint nk, k;

  if (hl->n_keys == 0)
    return;
  nk = plate_keys (text, keys, full_only);
  for (k = 0; k < nk; k++) {
    guint32 b = keys[k] & hl->mask;
    guint8 tag = key_tag (keys[k]);
    guint32 j;

    for (j = hl->offsets[b]; j < hl->offsets[b + 1]; j++)
      if (hl->tags[j] == tag)
        func (hl, hl->idx[j], data);
  }
}

typedef struct
{
  const gchar *text;
  guint cand;
  gdouble max_distance;
  gint64 now;
  GArray *out;
  /* entries already tried by this lookup (most; beyond, tried again) */
  guint32 tried[64];
  guint n_tried;
} LookupCtx;

static void
try_exact (const GstAnprHotlist * hl, guint index, gpointer data)
{
  LookupCtx *ctx = data;
  const GstAnprHotlistEntry *e =
      &g_array_index (hl->entries, GstAnprHotlistEntry, index);

  if (strcmp (e->plate, ctx->text) == 0 &&
      !gst_anpr_hotlist_entry_is_expired (e, ctx->now))
    add_match (ctx->out, e, GST_ANPR_MATCH_EXACT, 0.0, ctx->text, ctx->cand);
}

static void
try_fuzzy (const GstAnprHotlist * hl, guint index, gpointer data)
{
  LookupCtx *ctx = data;
  const GstAnprHotlistEntry *e =
      &g_array_index (hl->entries, GstAnprHotlistEntry, index);
  gdouble d;
  guint i;

  for (i = 0; i < ctx->n_tried; i++)
    if (ctx->tried[i] == index)
      return;
  if (ctx->n_tried < G_N_ELEMENTS (ctx->tried))
    ctx->tried[ctx->n_tried++] = index;

  d = gst_anpr_plate_distance (ctx->text, e->plate, ctx->max_distance);
  if (d > 0.0 && d <= ctx->max_distance &&
      !gst_anpr_hotlist_entry_is_expired (e, ctx->now))
    add_match (ctx->out, e, GST_ANPR_MATCH_FUZZY, d, ctx->text, ctx->cand);
}

static void
lookup_one (const GstAnprHotlist * hl, const gchar * text, guint cand,
    gdouble max_distance, gint64 now, GArray * out)
{
  const GstAnprHotlistEntry *entries =
      (const GstAnprHotlistEntry *) hl->entries->data;
  LookupCtx ctx;
  guint i;

  ctx.text = text;
  ctx.cand = cand;
  ctx.max_distance = max_distance;
  ctx.now = now;
  ctx.out = out;
  ctx.n_tried = 0;

  /* exact: the entries sharing the read's full key, then the same plate */
  probe_keys (hl, text, TRUE, try_exact, &ctx);

  /* partial: a scan, there are few */
  for (i = 0; i < hl->partial->len; i++) {
    const GstAnprHotlistEntry *e =
        &entries[g_array_index (hl->partial, guint, i)];
    if (gst_anpr_plate_wildcard_match (e->plate, text) &&
        !gst_anpr_hotlist_entry_is_expired (e, now))
      add_match (out, e, GST_ANPR_MATCH_PARTIAL, 0.0, text, cand);
  }

  if (max_distance <= 0.0)
    return;
  if (max_distance <= GST_ANPR_HOTLIST_COST_EDIT) {
    /* Within one edit budget a listed plate is either the read with
     * confusable substitutions only (same full key), one other
     * substitution at i (same key with i deleted from both), or one
     * insertion or deletion (the shorter one's full key is a deletion key
     * of the longer): every one shares a key with the read. */
    probe_keys (hl, text, FALSE, try_fuzzy, &ctx);
    return;
  }
  /* larger budgets: a scan */
  for (i = 0; i < hl->entries->len; i++) {
    const GstAnprHotlistEntry *e = &entries[i];
    gdouble d;

    if (e->partial)
      continue;
    d = gst_anpr_plate_distance (text, e->plate, max_distance);
    if (d > 0.0 && d <= max_distance &&
        !gst_anpr_hotlist_entry_is_expired (e, now))
      add_match (out, e, GST_ANPR_MATCH_FUZZY, d, text, cand);
  }
}

/**
 * gst_anpr_hotlist_lookup:
 * @hotlist: a #GstAnprHotlist
 * @text: the read (normalised here again, so "ab12 cde" works)
 * @candidates: (array length=n_candidates) (nullable): the reader's other
 *   readings, best first (a repeat of @text is skipped)
 * @n_candidates: how many
 * @max_distance: fuzzy budget (0 disables fuzzy matching;
 *   %GST_ANPR_HOTLIST_DEFAULT_MAX_DISTANCE is one confusion-cost pair or
 *   one real edit)
 * @now_us: wall clock, microseconds since the Unix epoch, to skip expired
 *   entries (0: now)
 *
 * Tries @text and then every candidate.  Every entry appears at most once,
 * with the best way it matched.  The result is sorted best first: exact
 * before partial before fuzzy, then by distance, then by which text
 * matched (the read before its candidates), then by priority (1 first,
 * none last), then file order.
 *
 * Returns: (transfer full) (element-type GstAnprHotlistMatch): the matches,
 *   possibly none
 */
GArray *
gst_anpr_hotlist_lookup (const GstAnprHotlist * hotlist, const gchar * text,
    const gchar * const *candidates, guint n_candidates,
    gdouble max_distance, gint64 now_us)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (GstAnprHotlistMatch));
  gchar norm[GST_ANPR_MAX_CANDIDATES + 1][GST_ANPR_MAX_TEXT + 1];
  guint n = 0, i, j;

  g_return_val_if_fail (hotlist != NULL, out);
  if (now_us == 0)
    now_us = g_get_real_time ();

  for (i = 0; i <= n_candidates && n <= GST_ANPR_MAX_CANDIDATES; i++) {
    const gchar *t = i == 0 ? text : candidates ? candidates[i - 1] : NULL;
    gboolean dup = FALSE;

    if (!t)
      continue;
    gst_anpr_plate_normalise (t, norm[n], sizeof (norm[n]));
    if (!norm[n][0])
      continue;
    for (j = 0; j < n; j++)
      dup |= strcmp (norm[j], norm[n]) == 0;
    if (dup)
      continue;
    lookup_one (hotlist, norm[n], i, max_distance, now_us, out);
    n++;
  }
  g_array_sort (out, compare_matches);
  return out;
}

/**
 * gst_anpr_hotlist_lookup_meta:
 * @hotlist: a #GstAnprHotlist
 * @meta: a read plate
 * @max_distance: see gst_anpr_hotlist_lookup()
 * @now_us: see gst_anpr_hotlist_lookup()
 *
 * gst_anpr_hotlist_lookup() on @meta's text and candidates; the candidate
 * index of a match is its index in @meta->candidates + 1 (0 is @meta->text).
 *
 * Returns: (transfer full) (element-type GstAnprHotlistMatch): the matches
 */
GArray *
gst_anpr_hotlist_lookup_meta (const GstAnprHotlist * hotlist,
    const GstAnprPlateMeta * meta, gdouble max_distance, gint64 now_us)
{
  const gchar *cands[GST_ANPR_MAX_CANDIDATES];
  guint i, n;

  g_return_val_if_fail (meta != NULL, NULL);
  n = MIN (meta->n_candidates, GST_ANPR_MAX_CANDIDATES);
  for (i = 0; i < n; i++)
    cands[i] = meta->candidates[i].text;
  return gst_anpr_hotlist_lookup (hotlist, meta->text, cands, n,
      max_distance, now_us);
}

GArray *
_gst_anpr_plate_edits (const gchar * a, const gchar * b)
{
  gdouble d[GST_ANPR_HOTLIST_MAX_PLATE + 1][GST_ANPR_HOTLIST_MAX_PLATE + 1];
  GArray *edits = g_array_new (FALSE, FALSE, sizeof (GstAnprEdit));
  guint la = MIN (strlen (a), GST_ANPR_HOTLIST_MAX_PLATE);
  guint lb = MIN (strlen (b), GST_ANPR_HOTLIST_MAX_PLATE);
  guint i, j;

  for (i = 0; i <= la; i++)
    d[i][0] = i * GST_ANPR_HOTLIST_COST_EDIT;
  for (j = 0; j <= lb; j++)
    d[0][j] = j * GST_ANPR_HOTLIST_COST_EDIT;
  for (i = 1; i <= la; i++)
    for (j = 1; j <= lb; j++)
      d[i][j] = MIN (MIN (d[i - 1][j] + GST_ANPR_HOTLIST_COST_EDIT,
              d[i][j - 1] + GST_ANPR_HOTLIST_COST_EDIT),
          d[i - 1][j - 1] + substitution_cost (a[i - 1], b[j - 1]));

  /* back from the end, each edit put before those found already */
  i = la;
  j = lb;
  while (i > 0 || j > 0) {
    GstAnprEdit e = { GST_ANPR_EDIT_SUBSTITUTION, 0, '\0', '\0' };

    if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] +
        substitution_cost (a[i - 1], b[j - 1])) {
      i--;
      j--;
      if (a[i] == b[j])
        continue;
      e.read = a[i];
      e.listed = b[j];
    } else if (i > 0 && d[i][j] == d[i - 1][j] + GST_ANPR_HOTLIST_COST_EDIT) {
      i--;
      e.kind = GST_ANPR_EDIT_EXTRA;
      e.read = a[i];
    } else {
      j--;
      e.kind = GST_ANPR_EDIT_MISSING;
      e.listed = b[j];
    }
    e.read_pos = i;
    g_array_prepend_val (edits, e);
  }
  return edits;
}
