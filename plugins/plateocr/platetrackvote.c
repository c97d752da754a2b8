/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <string.h>

#include "platetrackvote.h"

/* Height, px, from which a plate's reading counts fully: below it the
 * characters are a few pixels tall and a reading is worth less. */
#define FULL_WEIGHT_HEIGHT 28.0
/* Weight of a reading of a box cut by the frame edge: it may hold part of
 * the plate, so it can tip a close vote but never carry one. */
#define CUT_WEIGHT 0.1
/* Frames of one track are not independent evidence (same plate, same
 * light, same font): each further agreeing reading removes only this
 * fraction of the remaining doubt, in log terms. */
#define AGREEMENT_GAIN 0.35
#define MAX_CONFIDENCE 0.995f
#define MAX_DOUBT_REMOVED 0.5
/* A track read only from cut boxes is believed at most this much. */
#define CUT_ONLY_CONFIDENCE 0.5f

typedef struct
{
  GstAnprCandidate candidates[GST_ANPR_MAX_CANDIDATES];
  guint n_candidates;
  gfloat char_confidence[GST_ANPR_MAX_TEXT];
  gfloat weight;
  gint height;
  gboolean cut;
} Reading;

struct _PlateTrackVote
{
  GstAnprRegion region;
  Reading readings[PLATE_TRACK_VOTE_MAX_READINGS];
  guint n;
  gint max_height;
};

typedef struct
{
  gchar text[GST_ANPR_MAX_TEXT + 1];
  gdouble support;
} Tally;

PlateTrackVote *
plate_track_vote_new (GstAnprRegion region)
{
  PlateTrackVote *vote = g_new0 (PlateTrackVote, 1);

  vote->region = region;
  return vote;
}

void
plate_track_vote_free (PlateTrackVote * vote)
{
  g_free (vote);
}

static gfloat
reading_weight (gint height, gboolean cut)
{
  gfloat w = (gfloat) MIN (1.0, MAX (height, 1) / FULL_WEIGHT_HEIGHT);

  return cut ? w * CUT_WEIGHT : w;
}

/* What a reading adds to the vote, to compare which one to drop. */
static gfloat
reading_worth (const Reading * r)
{
  return r->weight * (r->n_candidates ? r->candidates[0].confidence : 0.0f);
}

void
plate_track_vote_add (PlateTrackVote * vote, const GstAnprPlateMeta * meta,
    gboolean cut)
{
  Reading r = { 0 };
  guint slot, i;

  if (meta->n_candidates == 0 || !meta->text[0])
    return;
  r.n_candidates = MIN (meta->n_candidates, GST_ANPR_MAX_CANDIDATES);
  memcpy (r.candidates, meta->candidates,
      r.n_candidates * sizeof (GstAnprCandidate));
  memcpy (r.char_confidence, meta->char_confidence,
      sizeof (r.char_confidence));
  r.height = meta->height;
  r.cut = cut;
  r.weight = reading_weight (meta->height, cut);
  if (!cut)
    vote->max_height = MAX (vote->max_height, meta->height);

  if (vote->n < PLATE_TRACK_VOTE_MAX_READINGS) {
    slot = vote->n++;
  } else {
    /* full (a vehicle standing in view): the weakest reading goes, unless
     * this one is weaker still */
    slot = 0;
    for (i = 1; i < vote->n; i++)
      if (reading_worth (&vote->readings[i]) <
          reading_worth (&vote->readings[slot]))
        slot = i;
    if (reading_worth (&vote->readings[slot]) >= reading_worth (&r))
      return;
  }
  vote->readings[slot] = r;
}

gint
plate_track_vote_max_height (const PlateTrackVote * vote)
{
  return vote->max_height;
}

static Tally *
tally_find (GArray * tallies, const gchar * text)
{
  guint i;

  for (i = 0; i < tallies->len; i++) {
    Tally *t = &g_array_index (tallies, Tally, i);
    if (strcmp (t->text, text) == 0)
      return t;
  }
  return NULL;
}

static void
tally_add (GArray * tallies, const gchar * text, gdouble support)
{
  Tally *t = tally_find (tallies, text);

  if (!t) {
    Tally nt = { {0}, 0 };
    g_strlcpy (nt.text, text, sizeof (nt.text));
    g_array_append_val (tallies, nt);
    t = &g_array_index (tallies, Tally, tallies->len - 1);
  }
  t->support += support;
}

static gint
tally_cmp (gconstpointer a, gconstpointer b)
{
  const Tally *ta = a, *tb = b;

  if (ta->support != tb->support)
    return ta->support > tb->support ? -1 : 1;
  return strcmp (ta->text, tb->text);
}

/* Confidence of @r's candidate @text, 0 when not among them. */
static gfloat
reading_confidence_of (const Reading * r, const gchar * text)
{
  guint i;

  for (i = 0; i < r->n_candidates; i++)
    if (strcmp (r->candidates[i].text, text) == 0)
      return r->candidates[i].confidence;
  return 0.0f;
}

/* The text voted character by character among the readings whose best
 * text is @len long; NULL-terminated into @out.  The share of the votes
 * the chosen characters got, in @agreement. */
static void
per_character_vote (const PlateTrackVote * vote, guint len, gchar * out,
    gdouble * agreement)
{
  gdouble chosen = 0, all = 0;
  guint pos, i;

  for (pos = 0; pos < len; pos++) {
    gdouble score[128] = { 0 };
    gint best = -1;

    for (i = 0; i < vote->n; i++) {
      const Reading *r = &vote->readings[i];
      const gchar *t = r->candidates[0].text;
      gdouble s;

      if (strlen (t) != len)
        continue;
      s = r->weight * MAX (r->char_confidence[pos], 0.01f);
      score[(guchar) t[pos] & 127] += s;
      all += s;
      if (best < 0 || score[(guchar) t[pos] & 127] > score[best])
        best = (guchar) t[pos] & 127;
    }
    out[pos] = best > 0 ? (gchar) best : '?';
    if (best > 0)
      chosen += score[best];
  }
  out[len] = '\0';
  *agreement = all > 0 ? chosen / all : 0;
}

gboolean
plate_track_vote_result (PlateTrackVote * vote, PlateTrackRead * out)
{
  GArray *tallies;
  gdouble total = 0, agree_w = 0, doubt = 1.0, best_single = 0;
  gdouble char_agreement;
  gchar assembled[GST_ANPR_MAX_TEXT + 1];
  const gchar *format;
  gboolean any_uncut = FALSE;
  guint i, j;
  const Tally *win;

  memset (out, 0, sizeof (*out));
  if (vote->n == 0)
    return FALSE;

  /* every candidate of every reading votes for its text */
  tallies = g_array_new (FALSE, FALSE, sizeof (Tally));
  for (i = 0; i < vote->n; i++) {
    const Reading *r = &vote->readings[i];

    total += r->weight * r->candidates[0].confidence;
    any_uncut |= !r->cut;
    for (j = 0; j < r->n_candidates; j++)
      tally_add (tallies, r->candidates[j].text,
          r->weight * r->candidates[j].confidence);
  }
  g_array_sort (tallies, tally_cmp);
  /* The winner is a text some reading put first: one that is only ever a
   * runner-up (the reading with an extra border character, say, valid in
   * another format) has no reading agreeing with it, and its confidence
   * would be nothing.  Per character, below, a text may still be
   * assembled that no reading had. */
  win = &g_array_index (tallies, Tally, 0);
  for (j = 0; j < tallies->len; j++) {
    const Tally *t = &g_array_index (tallies, Tally, j);

    for (i = 0; i < vote->n; i++)
      if (strcmp (vote->readings[i].candidates[0].text, t->text) == 0)
        break;
    if (i < vote->n) {
      win = t;
      break;
    }
  }
  g_strlcpy (out->text, win->text, sizeof (out->text));

  /* Each frame may misread a different character: assembled character by
   * character, the text can be right where no frame was.  It replaces the
   * winner when it is a plate of the region's principal formats and the
   * winner is not, or when it is one and was voted for more firmly. */
  per_character_vote (vote, strlen (win->text), assembled, &char_agreement);
  if (strcmp (assembled, win->text) != 0 && !strchr (assembled, '?')) {
    const gchar *fa = gst_anpr_plate_match_format (vote->region, assembled);
    const gchar *fw = gst_anpr_plate_match_format (vote->region, win->text);
    gboolean a_ok = fa && !gst_anpr_plate_format_is_fallback (fa);
    gboolean w_ok = fw && !gst_anpr_plate_format_is_fallback (fw);
    const Tally *ta = tally_find (tallies, assembled);
    gdouble sa = ta ? ta->support : 0;

    /* the winner's support is whole-text; the assembled one's is what the
     * characters got, on the same scale */
    if (a_ok && (!w_ok || char_agreement * total > win->support * 1.1 ||
            sa > win->support))
      g_strlcpy (out->text, assembled, sizeof (out->text));
  }

  format = gst_anpr_plate_match_format (vote->region, out->text);
  g_strlcpy (out->format, format ? format : "", sizeof (out->format));

  /* Agreeing uncut readings each take a share of the remaining doubt,
   * the most confident fully and the others discounted as dependent;
   * readings for other texts hold the result back in proportion. */
  {
    gdouble confs[PLATE_TRACK_VOTE_MAX_READINGS];
    guint nc = 0;

    for (i = 0; i < vote->n; i++) {
      const Reading *r = &vote->readings[i];
      gfloat c = reading_confidence_of (r, out->text);

      out->n_readings++;
      if (strcmp (r->candidates[0].text, out->text) == 0) {
        agree_w += r->weight * c;
        if (!r->cut) {
          out->n_agreeing++;
          confs[nc++] = c * MIN (1.0f, r->weight);
        }
      }
    }
    for (i = 0; i < nc; i++)
      best_single = MAX (best_single, confs[i]);
    doubt = 1.0 - best_single;
    {
      gboolean skipped_best = FALSE;
      for (i = 0; i < nc; i++) {
        if (!skipped_best && confs[i] == best_single) {
          skipped_best = TRUE;
          continue;
        }
        doubt *= pow (1.0 - MIN (confs[i], 0.999), AGREEMENT_GAIN);
      }
    }
  }
  {
    gdouble agreement = total > 0 ? MIN (1.0, agree_w / total) : 0;
    gdouble conf = (1.0 - doubt) * agreement * agreement;

    /* frames that agree may share one mistake (a format read into the
     * wrong look-alike, every time): agreement takes away at most half of
     * the best frame's doubt */
    conf = MIN (conf, best_single + (1.0 - best_single) * MAX_DOUBT_REMOVED);

    if (!any_uncut || out->n_agreeing == 0)
      conf = MIN (conf, CUT_ONLY_CONFIDENCE);
    /* a text no single reading had rests on the character vote alone */
    if (out->n_agreeing == 0 && any_uncut)
      conf = MIN (conf, char_agreement * 0.8);
    out->confidence = (gfloat) MIN (conf, MAX_CONFIDENCE);
  }

  /* candidates: the result, then the other texts by support */
  g_strlcpy (out->candidates[0].text, out->text,
      sizeof (out->candidates[0].text));
  out->candidates[0].confidence = out->confidence;
  out->n_candidates = 1;
  for (i = 0; i < tallies->len && out->n_candidates < GST_ANPR_MAX_CANDIDATES;
      i++) {
    const Tally *t = &g_array_index (tallies, Tally, i);

    if (strcmp (t->text, out->text) == 0)
      continue;
    g_strlcpy (out->candidates[out->n_candidates].text, t->text,
        sizeof (out->candidates[0].text));
    out->candidates[out->n_candidates].confidence =
        (gfloat) MIN (t->support / MAX (total, 1e-6), out->confidence);
    out->n_candidates++;
  }
  g_array_free (tallies, TRUE);
  return TRUE;
}
