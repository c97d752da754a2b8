/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The vote among a plate's readings (platevote.h). */

#include "platevote.h"

#include <algorithm>
#include <cstring>

#include "platerec.h"

namespace anpr
{

void
add_line_read (const LineRead & lr, GstAnprRegion region, double weight,
    std::vector < Cand > &pool, std::string & raw)
{
  /* one id per line reading; one that reads nothing leaves an empty
   * entry, so that it counts against agreement */
  int variant = pool.empty ()? 0 : pool.back ().variant + 1;
  auto read_nothing =[&]() {
    pool.push_back ({"", 0.0, 0.0, "", {}, variant, weight, false, false,
          0.0});
  };

  if (lr.chars.empty ()) {
    read_nothing ();
    return;
  }
  if (raw.empty ())
    raw = lr.text;
  GstAnprCandidate out[GST_ANPR_MAX_CANDIDATES];
  const gchar *formats[GST_ANPR_MAX_CANDIDATES];
  gfloat scores[GST_ANPR_MAX_CANDIDATES];
  guint n = gst_anpr_plate_decode_full (region, lr.chars.data (),
      MIN (lr.chars.size (), (size_t) 64), out, formats, scores,
      GST_ANPR_MAX_CANDIDATES);

  std::vector < float >char_conf;
  double weakest = 1.0;
  for (const auto & c:lr.chars) {
    char_conf.push_back (c.conf[0]);
    weakest = std::min < double >(weakest, c.conf[0]);
  }
  gchar norm[GST_ANPR_MAX_TEXT + 1];
  gst_anpr_plate_normalise (lr.text.c_str (), norm, sizeof (norm));

  if (n == 0) {
    /* nothing in the region's formats: the read as it is, little believed */
    double conf = lr.mean_conf () * 0.5 * weight;
    if (norm[0])
      pool.push_back ({norm, conf, conf, "", char_conf, variant, weight, true,
            true, weakest});
    else
      read_nothing ();
    return;
  }
  for (guint i = 0; i < n; i++) {
    std::vector < float >cc;
    if (i == 0 && strlen (out[i].text) == lr.chars.size ())
      cc = char_conf;
    pool.push_back ({out[i].text, out[i].confidence * weight,
            scores[i] * weight, formats[i] ? formats[i] : "", cc, variant,
            weight, i == 0, strcmp (out[i].text, norm) == 0, weakest});
  }
}

/* Whether @a and @b are one character apart by an insertion or deletion,
 * characters compared by confusion class. */
static bool
one_indel_apart (const std::string & a, const std::string & b)
{
  const std::string & l = a.size () > b.size ()? a : b;
  const std::string & s = a.size () > b.size ()? b : a;
  if (l.size () != s.size () + 1)
    return false;
  size_t i = 0;
  while (i < s.size () && gst_anpr_char_confusion_class (l[i]) ==
      gst_anpr_char_confusion_class (s[i]))
    i++;
  for (; i < s.size (); i++)
    if (gst_anpr_char_confusion_class (l[i + 1]) !=
        gst_anpr_char_confusion_class (s[i]))
      return false;
  return true;
}

/* The network's best path drops a character whose steps a blank won by a
 * little, or reads a border as one: when another view's best reading is
 * the network's own with one character more or fewer, the network's CTC
 * likelihood of that reading is what it thinks of it, and it is offered
 * for the network's view at that share of its best reading's evidence
 * (kIndelFloor at least: less is no offer). */
const double kIndelFloor = 0.05;

void
offer_indels (std::vector < Cand > &pool,
    const std::map < int, cv::Mat > &posteriors)
{
  std::vector < Cand > add;
  for (const auto & np:posteriors) {
    const Cand *best = nullptr;
    for (const Cand & c:pool)
      if (c.variant == np.first && c.top && !c.text.empty ())
        best = &c;
    if (!best)
      continue;
    for (const Cand & other:pool) {
      if (other.variant == np.first || !other.top || other.text.empty ()
          || !one_indel_apart (other.text, best->text))
        continue;
      auto offers =[&](const std::vector < Cand > &v) {
        return std::any_of (v.begin (), v.end (),[&](const Cand & c) {
              return c.variant == np.first && c.text == other.text;}
        );
      };
      if (offers (pool) || offers (add))
        continue;
      double r = std::min (1.0,
          anpr::PlateRecogniser::relative_likelihood (np.second, other.text,
              best->text));
      if (r < kIndelFloor)
        continue;
      Cand c = other;
      double prior = other.conf > 0.0 ? other.score / other.conf : 0.0;
      c.conf = best->conf * r;
      c.score = c.conf * prior;
      c.variant = np.first;
      c.weight = best->weight;
      c.top = false;
      c.char_conf.clear ();
      c.weakest = std::min (best->weakest, r);
      add.push_back (c);
    }
  }
  pool.insert (pool.end (), add.begin (), add.end ());
}

/* The reported confidence of a reading: an estimate of how often a
 * reading like it is right, from what can be checked without knowing the
 * plate.  A product of four factors, each 0..1, so it never falls when one
 * of them grows:
 *
 *  - agreement: the readings (Tesseract's line image, the character
 *    classifier and the plate network when there are) are independent
 *    looks at the plate, each counted at its weight (how much it is
 *    believed); per reading, a text scores 1/2 for being offered and 1/2
 *    for being its best.  The best of all of them scores 1; a runner-up
 *    everywhere 1/2.  No reading counts for more than half of the whole:
 *    a single one cannot agree with anything;
 *  - the weakest character: the least confidence a character got in the
 *    reading (the best reading that offers the text);
 *  - margin: a near tie with the next text (less than kTie of the two
 *    rank scores) scales by that share / kTie;
 *  - format strength: 1 for the region's principal formats (prior >= 0.7),
 *    kMinorFormat for minor ones (short, loose or rare layouts, which a
 *    read that missed a character also fits), kCatchAll for the catch-all
 *    or no format, halved (kShort) for a catch-all reading of fewer than
 *    kShortRead characters, which is mostly a fragment of a plate or of
 *    other text, or of digits only, which is mostly a house number, a
 *    price, a phone number or the time a camera burns into its frames
 *    (few plates are digits only: 3 of 222 in the US set, none of 108
 *    in the EU one), or with no digit but 0 (the O of a word, where O
 *    is written 0), which is mostly a dealer's name, a sign or a slogan
 *    (few plates are: vanity plates, 3 of 222 in the US set and 3 of
 *    108 in the EU one); times kCorrected when no reading saw the text
 *    as it is (a character was replaced or dropped to fit the format).
 *
 * So 0.9 and above takes a principal format, seen as it is, the best of
 * every reading, with no character below 0.9.  The constants were set on
 * generated plates (tools/anpr-synth), not on the photo sets. */
const double kMinorFormat = 0.85;
const double kCatchAll = 0.8;
const size_t kShortRead = 4;
const double kShort = 0.5;
const double kCorrected = 0.85;
const double kTie = 0.6;
const double kPrincipalPrior = 0.7;

static double
plate_confidence (const Cand & c, double runner_up_rank, double views)
{
  double agree = views > 0.0 ?
      std::min (1.0, (c.n_top + c.n_seen) / (2.0 * views)) : 0.0;
  double margin = c.rank + runner_up_rank > 0.0 ?
      c.rank / (c.rank + runner_up_rank) : 0.0;
  /* a rank score is the evidence times the format's prior */
  double prior = c.conf > 0.0 ? c.score / c.conf : 0.0;
  double format;

  if (!c.format[0] || gst_anpr_plate_format_is_fallback (c.format))
    format = (c.text.size () < kShortRead
        || c.text.find_first_not_of ("0123456789") == std::string::npos
        || c.text.find_first_of ("123456789") == std::string::npos) ?
        kCatchAll * kShort : kCatchAll;
  else if (prior < kPrincipalPrior - 1e-6)
    format = kMinorFormat;
  else
    format = 1.0;
  if (!c.clean)
    format *= kCorrected;
  return std::clamp (agree * c.weakest * std::min (1.0, margin / kTie) *
      format, 0.0, 1.0);
}

guint
rank_pool (const std::vector < Cand > &pool, guint max_candidates,
    double belief, PlateReading * out)
{
  /* one entry per text, ranked by the sum of its rank scores
   * over the variants (the format prior counts, and so does agreement);
   * the entry kept is the variant's with the most evidence */
  std::vector < Cand > merged;
  std::map < int, double >variant_weight;
  for (const Cand & c:pool) {
    variant_weight[c.variant] = c.weight;
    if (c.text.empty ())
      continue;
    auto it = std::find_if (merged.begin (), merged.end (),
    [&](const Cand & m) {
          return m.text == c.text;}
    );
    if (it == merged.end ()) {
      merged.push_back (c);
      merged.back ().rank = c.score;
      merged.back ().n_top = c.top ? c.weight : 0.0;
      merged.back ().n_seen = c.weight;
    } else {
      double rank = it->rank + c.score;
      double n_top = it->n_top + (c.top ? c.weight : 0.0);
      double n_seen = it->n_seen + c.weight;
      bool clean = it->clean || c.clean;
      double weakest = std::max (it->weakest, c.weakest);
      if (c.conf > it->conf)
        *it = c;
      it->rank = rank;
      it->n_top = n_top;
      it->n_seen = n_seen;
      it->clean = clean;
      it->weakest = weakest;
    }
  }
  std::stable_sort (merged.begin (), merged.end (),
  [](const Cand & a, const Cand & b) {
        return a.rank > b.rank;}
  );
  double views = 0.0, heaviest = 0.0;
  for (const auto & v:variant_weight) {
    views += v.second;
    heaviest = std::max (heaviest, v.second);
  }
  views = std::max (views, 2.0 * heaviest);

  guint n = MIN ((guint) merged.size (), MIN (max_candidates,
          (guint) GST_ANPR_MAX_CANDIDATES));
  for (guint i = 0; i < n; i++) {
    g_strlcpy (out->candidates[i].text, merged[i].text.c_str (),
        sizeof (out->candidates[i].text));
    out->candidates[i].confidence = (gfloat) (plate_confidence (merged[i],
            i + 1 < merged.size ()? merged[i + 1].rank : 0.0, views) *
        belief);
    out->formats[i] = merged[i].format;
  }
  out->n_candidates = n;
  if (n > 0) {
    size_t len = strlen (out->candidates[0].text);
    for (size_t i = 0; i < len && i < GST_ANPR_MAX_TEXT; i++)
      out->char_confidence[i] = i < merged[0].char_conf.size ()?
          merged[0].char_conf[i] : out->candidates[0].confidence;
  }
  return n;
}

}                               /* namespace anpr */
