/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The vote among a plate's readings.  Each reading (Tesseract's line
 * image, the character classifier's row, the plate network's views) is
 * decoded under the region's plate formats into candidates, each at the
 * reading's weight; the pool ranks each text by the sum of its rank scores
 * (evidence x format prior) over the readings, and gives it a confidence
 * (platevote.cpp, plate_confidence (), says how).  C++ only: used by
 * platereader.cpp. */

#ifndef __PLATE_VOTE_H__
#define __PLATE_VOTE_H__

#include <map>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <gst/anpr/anpr.h>

#include "platereader.h"

namespace anpr
{

struct LineRead
{
  std::vector<GstAnprCharChoice> chars;
  std::string text;

  void add (const GstAnprCharChoice & ch)
  {
    chars.push_back (ch);
    text.push_back (ch.ch[0]);
  }

  /* 0..1, the read characters' mean confidence */
  double mean_conf () const
  {
    double sum = 0.0;
    for (const auto & c:chars)
      sum += c.conf[0];
    return chars.empty ()? 0.0 : sum / chars.size ();
  }
};

struct Cand
{
  std::string text;
  double conf;                  /* evidence: the characters' confidences */
  double score;                 /* rank score: evidence x format prior */
  const char *format;
  std::vector<float> char_conf;
  int variant;                  /* which line image it was read in */
  double weight;                /* the variant's: how much it is believed */
  bool top;                     /* that variant's best reading */
  bool clean;                   /* the characters as read, none replaced */
  double weakest;               /* least confidence of a character read */
  /* merged over the variants */
  double rank = 0.0;            /* sum of score */
  double n_top = 0.0;           /* weight of variants whose best it is */
  double n_seen = 0.0;          /* weight of variants that offer it */
};

/* Decodes one reading @lr and adds its candidates to @pool, believed at
 * @weight; the first reading with characters is copied to @raw. */
void add_line_read (const LineRead & lr, GstAnprRegion region, double weight,
    std::vector < Cand > &pool, std::string & raw);

/* Offers, for each network reading in @posteriors (its per-step
 * probabilities by variant), the other views' best readings that are its
 * own with a character more or fewer, at the network's likelihood of
 * them (platevote.cpp says why). */
void offer_indels (std::vector < Cand > &pool,
    const std::map < int, cv::Mat > &posteriors);

/* Ranks the texts of @pool into @out: up to @max_candidates, best first,
 * their confidences scaled by @belief (less than 1 for a box that may be
 * cut).  Returns how many were written. */
guint rank_pool (const std::vector < Cand > &pool, guint max_candidates,
    double belief, PlateReading * out);

}                               /* namespace anpr */

#endif /* __PLATE_VOTE_H__ */
