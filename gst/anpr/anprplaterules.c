/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/**
 * SECTION:gstanprplaterules
 * @title: Plate rules
 * @short_description: plate formats per region and format-aware decoding
 *
 * A reader sees shapes, not characters: on GB plates the letter I and the
 * digit 1 share a glyph and O and 0 do in practice.  The format decides.
 * gst_anpr_plate_decode() takes what the reader saw at each position (a few
 * alternatives with confidences) and returns the readings that are valid
 * plates of the region, best first, replacing confusable characters where
 * the format requires a letter or a digit.
 *
 * GB formats: current (`AB12CDE`), prefix (`A123BCD`), suffix (`ABC123D`),
 * Northern Ireland (`ABZ1234`, letters include I or Z) and dateless (1-4
 * letters and 1-4 digits, either order).
 *
 * EU formats, named after the country: "eu-sk" (`BA123AB`, also the
 * Italian and French layout), "eu-cz" (`1A23456`, `1AB2345`), "eu-hr"
 * (`ZG1234AB`), "eu-ba", "eu-pl", "eu-es", "eu-rs", "eu-ro", "eu-bg",
 * "eu-hu", "eu-ee", "eu-be", "eu-nl", "eu-pt", "eu-at" and, modestly, "eu-de".
 * The coat of arms or stickers some of them carry between two groups may
 * be read as a character: it is dropped, at a cost.  US formats, named
 * after a state that issues them: "us-ca" (`7ABC123`), "us-ny" (`ABC1234`,
 * also PA, TX, ...), "us-mn" (`ABC123`, `123ABC`), "us-ma", "us-md",
 * "us-il", "us-nj", "us-mo" (`AB1C2D`).  Each region keeps a catch-all,
 * "eu" (4-9 characters with a digit, or of letters only from five on)
 * and "us" (2-8 characters), for vanity and unlisted plates: a reading in
 * it ranks below a national format that explains the read about as well
 * (gst_anpr_plate_format_is_fallback() tells them apart).
 *
 * Each reading has two numbers: its confidence, the evidence of the
 * characters (what #GstAnprCandidate carries), and its rank score, that
 * evidence times the format's prior, which orders the readings and which
 * gst_anpr_plate_decode_full() returns for callers that merge several
 * reads of one plate.  plateocr sums the rank scores over its line images
 * and reports, as the plate's confidence, an estimate of how often such a
 * reading is right: agreement of the line images x the weakest character
 * x the margin over the next reading x the format's strength (a principal
 * format seen as read; minor formats, the catch-all and corrected readings
 * stay below 0.9).
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <math.h>

#include "anprplaterulesprivate.h"

/* --- regions -------------------------------------------------------- */

GType
gst_anpr_region_get_type (void)
{
  static GType type = 0;

  if (g_once_init_enter (&type)) {
    static const GEnumValue values[] = {
      {GST_ANPR_REGION_GB, "Great Britain and Northern Ireland", "gb"},
      {GST_ANPR_REGION_EU, "Continental Europe", "eu"},
      {GST_ANPR_REGION_US, "United States", "us"},
      {GST_ANPR_REGION_AUTO, "GB formats first, then generic ones", "auto"},
      {0, NULL, NULL}
    };
    GType _type = g_enum_register_static ("GstAnprRegion", values);
    g_once_init_leave (&type, _type);
  }
  return type;
}

/**
 * gst_anpr_region_to_string:
 * @region: a #GstAnprRegion
 *
 * Returns: (transfer none) (nullable): "gb", "eu", "us" or "auto";
 *   %NULL for a value that is no region
 */
const gchar *
gst_anpr_region_to_string (GstAnprRegion region)
{
  switch (region) {
    case GST_ANPR_REGION_GB:
      return "gb";
    case GST_ANPR_REGION_EU:
      return "eu";
    case GST_ANPR_REGION_US:
      return "us";
    case GST_ANPR_REGION_AUTO:
      return "auto";
  }
  return NULL;
}

/**
 * gst_anpr_region_from_string:
 * @str: (nullable): "gb", "eu", "us" or "auto", in any case
 * @region: (out): the region @str names
 *
 * Returns: %TRUE if @str names a region (@region is then set)
 */
gboolean
gst_anpr_region_from_string (const gchar * str, GstAnprRegion * region)
{
  static const GstAnprRegion all[] = { GST_ANPR_REGION_GB, GST_ANPR_REGION_EU,
    GST_ANPR_REGION_US, GST_ANPR_REGION_AUTO
  };
  guint i;

  g_return_val_if_fail (region != NULL, FALSE);
  if (!str)
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (all); i++) {
    if (g_ascii_strcasecmp (str, gst_anpr_region_to_string (all[i])) == 0) {
      *region = all[i];
      return TRUE;
    }
  }
  return FALSE;
}

/* --- characters ----------------------------------------------------- */

/**
 * gst_anpr_plate_normalise: (skip)
 * @text: (nullable): a plate as written or read ("ab12 cde", "AB-12-CDE")
 * @out: (out caller-allocates): where the normalised plate goes
 * @out_len: size of @out, including the terminator
 *
 * Upper-cases @text and keeps only A-Z and 0-9, the form every plate is
 * stored, compared and published in.  Truncates to @out_len - 1.
 */
void
gst_anpr_plate_normalise (const gchar * text, gchar * out, gsize out_len)
{
  gsize n = 0;

  g_return_if_fail (out != NULL && out_len > 0);
  for (; text && *text && n + 1 < out_len; text++) {
    gchar c = g_ascii_toupper (*text);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      out[n++] = c;
  }
  out[n] = '\0';
}

/* Shapes OCR mixes up (GUIDE.md): each character of a group maps to the
 * group's digit; characters in no group map to themselves (0 here). */
static const gchar confusion_class[128] = {
  ['O'] = '0',['D'] = '0',['Q'] = '0',
  ['I'] = '1',['L'] = '1',['T'] = '1',
  ['Z'] = '2',['S'] = '5',['G'] = '6',['B'] = '8',['A'] = '4',
};

/**
 * gst_anpr_char_confusion_class:
 * @c: a character (A-Z, 0-9, either case)
 *
 * The representative of @c's confusion class: the digit of its group
 * (0/O/D/Q -> '0', 1/I/L/T -> '1', 2/Z -> '2', 5/S -> '5', 6/G -> '6',
 * 8/B -> '8', 4/A -> '4'), or @c itself (upper-cased) when it is in no
 * group.  Two plates one confusable substitution apart have the same
 * string of classes, which is what fuzzy hotlist indexes key on.
 *
 * Returns: the class representative
 */
gchar
gst_anpr_char_confusion_class (gchar c)
{
  guchar u = (guchar) g_ascii_toupper (c);

  if (u < G_N_ELEMENTS (confusion_class) && confusion_class[u])
    return confusion_class[u];
  return (gchar) u;
}

/**
 * gst_anpr_chars_confusable:
 * @a: a character (A-Z, 0-9)
 * @b: another
 *
 * Returns: %TRUE if a reader easily mistakes @a for @b (0/O/D/Q, 1/I/L/T,
 * 2/Z, 5/S, 6/G, 8/B, 4/A).  A character is not confusable with itself.
 */
gboolean
gst_anpr_chars_confusable (gchar a, gchar b)
{
  a = g_ascii_toupper (a);
  b = g_ascii_toupper (b);
  if (a == b || !a || !b)
    return FALSE;
  return gst_anpr_char_confusion_class (a) == gst_anpr_char_confusion_class (b);
}

/* How much a substitution forced by the format is believed, relative to
 * the reader's own choice (@seen, its confidence in what it saw).  Pairs
 * that share a glyph are nearly free: no reader can tell them apart, so
 * its sureness says nothing.  O and 0 share one on every plate (where a
 * font makes them differ it is by a width that a soft or glaring image
 * loses); I and 1 on most, but not in the GB font (@gb_font), whose 1 has
 * a flag: there a sure I is an I, as on a plate drawn to spell a word.
 * The classic look-alikes (8/B, 5/S, 2/Z, 6/G) are different glyphs:
 * forcing one costs more, for a reader that doubted offers the other among
 * its alternatives (nearly free, the format outvoted clear reads: N866DFK
 * read NB66DFK, R589789 read RSB9789).  Looser confusions (D/0, L/1, A/4,
 * ...) cost most.  And the surer the reader was of a different glyph, the
 * less the format may overrule it (down to SURE_FLOOR for a sure one,
 * nothing at 0.5 or less): a plate drawn BIG BOY is read as it is written,
 * not as the B16 BOY it stands for. */
#define SURE_FLOOR 0.2f

typedef enum
{
  GLYPHS_DISTINCT,
  GLYPHS_SHARED,
  GLYPHS_SHARED_BUT_GB,
} GlyphSharing;

static gfloat
substitution_factor (gchar from, gchar to, gfloat seen, gboolean gb_font)
{
  static const struct
  {
    gchar pair[3];
    gfloat factor;
    GlyphSharing sharing;
  } pairs[] = {
    {"0O", 0.8f, GLYPHS_SHARED}, {"1I", 0.8f, GLYPHS_SHARED_BUT_GB},
    {"5S", 0.65f, GLYPHS_DISTINCT}, {"8B", 0.65f, GLYPHS_DISTINCT},
    {"2Z", 0.65f, GLYPHS_DISTINCT}, {"6G", 0.65f, GLYPHS_DISTINCT},
  };
  gfloat doubt = CLAMP (2.0f * (1.0f - seen), SURE_FLOOR, 1.0f);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (pairs); i++) {
    gboolean shared;

    if (!((from == pairs[i].pair[0] && to == pairs[i].pair[1]) ||
            (from == pairs[i].pair[1] && to == pairs[i].pair[0])))
      continue;
    shared = pairs[i].sharing == GLYPHS_SHARED ||
        (pairs[i].sharing == GLYPHS_SHARED_BUT_GB && !gb_font);
    return pairs[i].factor * (shared ? 1.0f : doubt);
  }
  return 0.5f * doubt;
}

/* --- formats -------------------------------------------------------- */

/* Cost of a character the format does not keep: a plate border or screw
 * read at either end, or an emblem read between two groups. */
#define DROP_FACTOR 0.6f

static gboolean
region_uses (GstAnprRegion region, const FormatDef * def)
{
  if (region == GST_ANPR_REGION_AUTO)
    return def->region == GST_ANPR_REGION_GB
        || def->region == GST_ANPR_REGION_EU;
  return def->region == region;
}

/* The prior a format ranks with under @region: auto tries GB first, so
 * the continental formats, and the catch-all, rank below the GB ones
 * there (a GB plate one look-alike away from what was read still wins
 * over the read as it is).  A catch-all reading of fewer than
 * SHORT_READ characters (@len) is mostly a fragment of a plate or of
 * other text, not a short vanity plate: it ranks at half the prior, so
 * a longer reading of the same box with half its evidence still wins. */
#define SHORT_READ 4

static gfloat
format_prior (GstAnprRegion region, const FormatDef * def, guint len)
{
  gfloat prior = def->prior;

  if (region == GST_ANPR_REGION_AUTO && def->region != GST_ANPR_REGION_GB)
    prior *= 0.6f;
  if (def->fallback && len < SHORT_READ)
    prior *= 0.5f;
  return prior;
}

static gboolean
template_accepts (const Template * t, const gchar * text, guint len)
{
  guint i;

  /* a plate as written has no emblem in it */
  if (t->len != len || t->junk)
    return FALSE;
  for (i = 0; i < len; i++)
    if (!mask_has (t->cls[i], text[i]))
      return FALSE;
  return !t->def->check || t->def->check (text);
}

/**
 * gst_anpr_plate_match_format:
 * @region: the region whose formats to try
 * @text: a normalised plate
 *
 * Returns: (nullable): the name of the first format of @region that @text
 * fits as it is ("gb-current", "gb-prefix", ...), or %NULL
 */
const gchar *
gst_anpr_plate_match_format (GstAnprRegion region, const gchar * text)
{
  GArray *tpl = _gst_anpr_plate_templates ();
  guint i, len;

  g_return_val_if_fail (text != NULL, NULL);
  len = strlen (text);
  for (i = 0; i < tpl->len; i++) {
    const Template *t = &g_array_index (tpl, Template, i);
    if (region_uses (region, t->def) && template_accepts (t, text, len))
      return t->def->name;
  }
  return NULL;
}

/**
 * gst_anpr_plate_format_is_fallback:
 * @format: a format name, as gst_anpr_plate_match_format() or
 *   gst_anpr_plate_decode() give it
 *
 * The catch-all formats ("eu", "us") take any plausible string of
 * characters, for vanity and unlisted plates: a reading in one has no
 * positional structure that could have caught a misread.
 *
 * Returns: %TRUE if @format is a region's catch-all
 */
gboolean
gst_anpr_plate_format_is_fallback (const gchar * format)
{
  guint i;

  if (!format)
    return FALSE;
  for (i = 0; i < _gst_anpr_plate_n_formats; i++)
    if (strcmp (_gst_anpr_plate_formats[i].name, format) == 0)
      return _gst_anpr_plate_formats[i].fallback;
  return FALSE;
}

/* --- decoding ------------------------------------------------------- */

/* Options at one position of one template: the characters the class
 * allows, reached from what the reader saw, with their scores. */
#define MAX_POS_OPTIONS 4
typedef struct
{
  guint n;
  gchar ch[MAX_POS_OPTIONS];
  gfloat score[MAX_POS_OPTIONS];
} PosOptions;

static void
pos_options_add (PosOptions * o, gchar c, gfloat score)
{
  guint i, worst = 0;

  for (i = 0; i < o->n; i++) {
    if (o->ch[i] == c) {
      o->score[i] = MAX (o->score[i], score);
      return;
    }
  }
  if (o->n < MAX_POS_OPTIONS) {
    o->ch[o->n] = c;
    o->score[o->n++] = score;
    return;
  }
  for (i = 1; i < o->n; i++)
    if (o->score[i] < o->score[worst])
      worst = i;
  if (score > o->score[worst]) {
    o->ch[worst] = c;
    o->score[worst] = score;
  }
}

static void
build_options (CharMask cls, const GstAnprCharChoice * choice,
    gboolean gb_font, PosOptions * o)
{
  static const gchar symbols[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  guint k, s;

  o->n = 0;
  for (k = 0; k < choice->n && k < GST_ANPR_MAX_CHAR_CHOICES; k++) {
    gchar c = g_ascii_toupper (choice->ch[k]);
    gfloat conf = CLAMP (choice->conf[k], 0.0f, 1.0f);

    if (mask_has (cls, c)) {
      pos_options_add (o, c, conf);
      continue;
    }
    for (s = 0; s < sizeof (symbols) - 1; s++)
      if (mask_has (cls, symbols[s]) && gst_anpr_chars_confusable (c,
              symbols[s]))
        pos_options_add (o, symbols[s], conf * substitution_factor (c,
                symbols[s], conf, gb_font));
  }
}

typedef struct
{
  gchar text[MAX_TEMPLATE_LEN + 1];
  gfloat score;                 /* rank: evidence x format prior */
  gfloat conf;                  /* evidence: the characters' confidences */
  guint8 format;                /* index into the format table */
} Beam;

static gint
beam_cmp (gconstpointer a, gconstpointer b)
{
  gfloat sa = ((const Beam *) a)->score, sb = ((const Beam *) b)->score;
  return sa < sb ? 1 : (sa > sb ? -1 : 0);
}

#define BEAM_WIDTH 24

/* How sure the reader was that something is at a position: its best
 * choice's confidence. */
static gfloat
seen_conf (const GstAnprCharChoice * c)
{
  gfloat seen = 0.0f;
  guint k;

  for (k = 0; k < c->n && k < GST_ANPR_MAX_CHAR_CHOICES; k++)
    seen = MAX (seen, CLAMP (c->conf[k], 0.0f, 1.0f));
  return seen;
}

/* How much dropping @c at an end is believed on a GB plate, whose font
 * leaves few glyphs to mistake: a border or screw reads as I or 1 and
 * goes freely; any other character the reader was sure of is a glyph of
 * the plate (D93SJUK is not D93SJU), and dropping it overrules the reader
 * as a substitution would. */
static gfloat
trim_doubt (const GstAnprCharChoice * c)
{
  gfloat seen = seen_conf (c);
  gchar best = c->n > 0 ? g_ascii_toupper (c->ch[0]) : '\0';

  if (best == 'I' || best == '1')
    return 1.0f;
  return CLAMP (2.0f * (1.0f - seen), SURE_FLOOR, 1.0f);
}

/* Best readings of @chars under one template, appended to @results. */
static void
decode_template (const Template * t, const GstAnprCharChoice * chars,
    gfloat prior, gfloat factor, GArray * results)
{
  Beam beams[BEAM_WIDTH * MAX_POS_OPTIONS];
  Beam cur[BEAM_WIDTH];
  guint n_cur = 1, n_next, i, b, k, pos = 0;

  memset (&cur[0], 0, sizeof (Beam));
  cur[0].score = prior * factor;
  cur[0].conf = factor;
  cur[0].format = (guint8) (t->def - _gst_anpr_plate_formats);

  for (i = 0; i < t->len; i++) {
    PosOptions o;

    if (t->junk & (1u << i)) {
      /* an emblem read as a character: drop it, at a cost on top of what
       * the reader saw there, so that dropping a character is never
       * cheaper than reading it */
      gfloat seen = seen_conf (&chars[i]);

      for (b = 0; b < n_cur; b++) {
        cur[b].score *= DROP_FACTOR * seen;
        cur[b].conf *= DROP_FACTOR * seen;
      }
      continue;
    }
    build_options (t->cls[i], &chars[i],
        t->def->region == GST_ANPR_REGION_GB, &o);
    if (o.n == 0)
      return;
    n_next = 0;
    for (b = 0; b < n_cur; b++) {
      for (k = 0; k < o.n; k++) {
        Beam *nb = &beams[n_next++];
        *nb = cur[b];
        nb->text[pos] = o.ch[k];
        nb->text[pos + 1] = '\0';
        nb->score *= o.score[k];
        nb->conf *= o.score[k];
      }
    }
    pos++;
    qsort (beams, n_next, sizeof (Beam), beam_cmp);
    n_cur = MIN (n_next, BEAM_WIDTH);
    memcpy (cur, beams, n_cur * sizeof (Beam));
  }

  for (b = 0; b < n_cur; b++) {
    if (cur[b].score <= 0.0f)
      continue;
    if (t->def->check && !t->def->check (cur[b].text))
      continue;
    g_array_append_val (results, cur[b]);
  }
}

/**
 * gst_anpr_plate_decode_full: (skip)
 * @region: the region whose formats to decode under
 * @chars: (array length=n_chars): what the reader saw, one entry a position
 * @n_chars: number of positions
 * @out: (out caller-allocates) (array length=max_out): readings, best first
 * @out_formats: (out caller-allocates) (array length=max_out) (nullable):
 *   the format name of each reading
 * @out_scores: (out caller-allocates) (array length=max_out) (nullable):
 *   the rank score of each reading
 * @max_out: room in @out
 *
 * Decodes a reading against the formats of @region.  Characters the
 * format does not allow at a position are replaced by a confusable one
 * that it does allow, at a cost; a stray character at either end (a plate
 * border or screw read as I or 1), or an emblem between two groups where
 * the format has one, may be dropped, at a cost.
 *
 * A reading's confidence (the #GstAnprCandidate field) is the evidence for
 * it: the product of its characters' confidences, scaled by those costs.
 * Its rank score, written to @out_scores, is that evidence times the prior
 * of its format (how common the format is on the road), and the readings
 * are ordered by it.  So a reading may follow one of lower confidence in a
 * much more common format: whoever re-ranks or merges readings (several
 * reads of one plate, say) should do it by the scores, not by the
 * confidences.  Scores are comparable between calls with the same @region.
 *
 * Not available to bindings: it writes into arrays the caller allocates.
 *
 * Returns: the number of readings written to @out, 0 when nothing valid
 * in @region can be made of @chars
 */
guint
gst_anpr_plate_decode_full (GstAnprRegion region,
    const GstAnprCharChoice * chars, guint n_chars, GstAnprCandidate * out,
    const gchar ** out_formats, gfloat * out_scores, guint max_out)
{
  GArray *tpl = _gst_anpr_plate_templates ();
  GArray *results;
  guint i, n_out = 0, trim;

  g_return_val_if_fail (n_chars == 0 || chars != NULL, 0);
  g_return_val_if_fail (max_out == 0 || out != NULL, 0);

  results = g_array_new (FALSE, FALSE, sizeof (Beam));
  /* trim: 0 as read, 1 drop first, 2 drop last, 3 drop both */
  for (trim = 0; trim < 4; trim++) {
    guint skip_head = (trim & 1) ? 1 : 0;
    guint skip_tail = (trim & 2) ? 1 : 0;
    guint len;
    gfloat factor = trim == 0 ? 1.0f : (trim == 3 ? DROP_FACTOR * DROP_FACTOR
        : DROP_FACTOR);
    gfloat gb_factor;

    if (n_chars < skip_head + skip_tail + 2)
      continue;
    /* a trimmed character costs what the reader saw there too, as an
     * emblem does: dropping one is never cheaper than reading it */
    if (skip_head)
      factor *= seen_conf (&chars[0]);
    if (skip_tail)
      factor *= seen_conf (&chars[n_chars - 1]);
    gb_factor = factor;
    if (skip_head)
      gb_factor *= trim_doubt (&chars[0]);
    if (skip_tail)
      gb_factor *= trim_doubt (&chars[n_chars - 1]);
    len = n_chars - skip_head - skip_tail;
    for (i = 0; i < tpl->len; i++) {
      const Template *t = &g_array_index (tpl, Template, i);
      if (t->len == len && region_uses (region, t->def))
        decode_template (t, chars + skip_head, format_prior (region,
                t->def, len), t->def->region == GST_ANPR_REGION_GB ?
            gb_factor : factor, results);
    }
  }

  g_array_sort (results, beam_cmp);
  for (i = 0; i < results->len && n_out < max_out; i++) {
    Beam *r = &g_array_index (results, Beam, i);
    guint j;
    gboolean dup = FALSE;

    /* the same text through another format or trim ranks lower: the
     * first one is its best explanation */
    for (j = 0; j < n_out && !dup; j++)
      dup = strcmp (out[j].text, r->text) == 0;
    if (dup)
      continue;
    g_strlcpy (out[n_out].text, r->text, sizeof (out[n_out].text));
    out[n_out].confidence = CLAMP (r->conf, 0.0f, 1.0f);
    if (out_formats)
      out_formats[n_out] = _gst_anpr_plate_formats[r->format].name;
    if (out_scores)
      out_scores[n_out] = MAX (r->score, 0.0f);
    n_out++;
  }
  g_array_free (results, TRUE);
  return n_out;
}

/**
 * gst_anpr_plate_decode: (skip)
 * @region: the region whose formats to decode under
 * @chars: (array length=n_chars): what the reader saw, one entry a position
 * @n_chars: number of positions
 * @out: (out caller-allocates) (array length=max_out): readings, best first
 * @out_formats: (out caller-allocates) (array length=max_out) (nullable):
 *   the format name of each reading
 * @max_out: room in @out
 *
 * gst_anpr_plate_decode_full() without the rank scores.  The readings are
 * in rank order, which is not the order of their confidences.
 *
 * Returns: the number of readings written to @out, 0 when nothing valid
 * in @region can be made of @chars
 */
guint
gst_anpr_plate_decode (GstAnprRegion region, const GstAnprCharChoice * chars,
    guint n_chars, GstAnprCandidate * out, const gchar ** out_formats,
    guint max_out)
{
  return gst_anpr_plate_decode_full (region, chars, n_chars, out,
      out_formats, NULL, max_out);
}

/**
 * gst_anpr_plate_correct: (skip)
 * @region: the region whose formats to decode under
 * @raw: a plain reading, in any case, spaces and dashes allowed
 * @out: (out caller-allocates) (array length=max_out): readings, best first
 * @out_formats: (out caller-allocates) (array length=max_out) (nullable):
 *   the format name of each reading
 * @max_out: room in @out
 *
 * gst_anpr_plate_decode() for a reading with one character a position
 * and nothing known of how sure the reader was of each: every character
 * counts as a best guess at even odds (0.5), which the format may put
 * right: "AB12C0E" gives "AB12COE" (gb-current), "5N69GXO" "SN69GXO".
 * A reading's confidence is relative to the reading as it is (1).
 *
 * Returns: the number of readings written to @out
 */
#define EVEN_ODDS 0.5f

guint
gst_anpr_plate_correct (GstAnprRegion region, const gchar * raw,
    GstAnprCandidate * out, const gchar ** out_formats, guint max_out)
{
  gchar norm[GST_ANPR_MAX_TEXT + 1];
  GstAnprCharChoice chars[GST_ANPR_MAX_TEXT];
  guint i, n, n_out;

  g_return_val_if_fail (raw != NULL, 0);
  gst_anpr_plate_normalise (raw, norm, sizeof (norm));
  n = strlen (norm);
  for (i = 0; i < n; i++) {
    chars[i].n = 1;
    chars[i].ch[0] = norm[i];
    chars[i].conf[0] = EVEN_ODDS;
  }
  n_out = gst_anpr_plate_decode (region, chars, n, out, out_formats,
      max_out);
  /* relative to the reading as it is, which is then 1 */
  for (i = 0; i < n_out; i++)
    out[i].confidence = MIN (1.0f, out[i].confidence / powf (EVEN_ODDS,
            n));
  return n_out;
}
