/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The plate formats of every region (GB, EU, US): their character
 * classes, checks and priors, and their expansion into the fixed-length
 * templates the decoder in anprplaterules.c walks. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "anprplaterulesprivate.h"

static CharMask
mask_of (const gchar * chars)
{
  CharMask m = 0;
  for (; *chars; chars++)
    m |= G_GUINT64_CONSTANT (1) << symbol_index (*chars);
  return m;
}

static CharMask
mask_letters_except (const gchar * except)
{
  CharMask m = mask_of ("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  return m & ~mask_of (except);
}

static gboolean
check_gb_current (const gchar * t)
{
  gint age = (t[2] - '0') * 10 + (t[3] - '0');

  /* 51 (Sept 2001) onwards; 02-26 from March 2002 to March 2026, 51-76 to
   * September 2026.  Cap where the series is now to reject misreads. */
  return (age >= 2 && age <= 29) || (age >= 51 && age <= 79);
}

static gboolean
has_digit (const gchar * t)
{
  for (; *t; t++)
    if (g_ascii_isdigit (*t))
      return TRUE;
  return FALSE;
}

/* Northern Ireland's county codes (DVLA's published list): the last two
 * letters of an NI plate are one of them.  Any I or Z would do for a
 * looser rule, and turns a dateless plate's 1 into an I to fit. */
static const gchar gb_ni_codes[] =
    "AZ BZ CZ DZ EZ FZ GZ HZ IA IB IG IJ IL IW JI JZ KZ LZ MZ NZ OI OZ PZ "
    "RZ SZ TZ UI UZ VZ WZ XI XZ YZ";

static gboolean
check_gb_ni (const gchar * t)
{
  guint n = 0;
  gchar code[3];

  while (g_ascii_isalpha (t[n]))
    n++;
  if (n < 2)
    return FALSE;
  code[0] = t[n - 2];
  code[1] = t[n - 1];
  code[2] = '\0';
  return strstr (gb_ni_codes, code) != NULL;
}

static gboolean
check_gb_dateless (const gchar * t)
{
  /* Not what the NI rule already names, and no leading zero digit run. */
  if (check_gb_ni (t) && g_ascii_isalpha (t[0]))
    return FALSE;
  return strlen (t) <= 7 && t[0] != '0';
}

static gboolean
check_generic (const gchar * t)
{
  /* personalised plates (Sweden, Norway, Finland, ...) may be letters
   * only; shorter words are more often fragments or signs */
  return has_digit (t) || strlen (t) >= 5;
}

static gboolean
check_gb_non_standard (const gchar * t)
{
  /* digits alone are a house number, a price or a clock more often than
   * a plate (Guernsey's are a format of their own) */
  return strpbrk (t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != NULL;
}

static gboolean
check_us_generic (const gchar * t)
{
  /* The state's name printed across the top of every plate, read from a
   * box round it alone: a header, not a registration; nor is the name
   * without its first or last letter (a box that cut it, or a decode
   * that dropped an end).  Names longer than the catch-all's eight
   * characters cannot be read as one. */
  static const gchar *const states[] = {
    "ALABAMA", "ALASKA", "ARIZONA", "ARKANSAS", "COLORADO", "DELAWARE",
    "FLORIDA", "GEORGIA", "HAWAII", "IDAHO", "ILLINOIS", "INDIANA", "IOWA",
    "KANSAS", "KENTUCKY", "MAINE", "MARYLAND", "MICHIGAN", "MISSOURI",
    "MONTANA", "NEBRASKA", "NEVADA", "OHIO", "OKLAHOMA", "OREGON", "TEXAS",
    "UTAH", "VERMONT", "VIRGINIA", "WYOMING",
  };
  gsize len = strlen (t);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (states); i++) {
    gsize n = strlen (states[i]);

    if (strcmp (t, states[i]) == 0)
      return FALSE;
    /* four letters and more left: "EXAS", "TEXA" */
    if (n >= 5 && len == n - 1 && (strncmp (t, states[i], len) == 0
            || strcmp (t, states[i] + 1) == 0))
      return FALSE;
  }
  /* No state issues eight digits; a camera's burnt-in date or time
   * (20140514, 13072513) reads as that and must not pass for a plate. */
  return len < 8 || strspn (t, "0123456789") < 8;
}

static gboolean
check_gb_prefix (const gchar * t)
{
  return t[1] != '0';
}

static gboolean
check_gb_suffix (const gchar * t)
{
  return t[3] != '0';
}

static gboolean
check_hr (const gchar * t)
{
  /* Croatian plates start with one of the registration areas' codes
   * (diacritics dropped: ČK, KŽ, PŽ, ŠI, VŽ, ĐA, ŽU). */
  static const gchar codes[] =
      "BJ BM CK DA DE DJ DU GS IM KA KC KR KT KZ MA NA NG OG OS PS PU PZ "
      "RI SB SI SK SL ST VK VT VU VZ ZD ZG ZU";
  guint i;

  for (i = 0; i + 1 < sizeof (codes); i += 3)
    if (t[0] == codes[i] && t[1] == codes[i + 1])
      return TRUE;
  return FALSE;
}

static gboolean
check_de (const gchar * t)
{
  /* District, letters and number: at most eight characters together. */
  return strlen (t) <= 8;
}

static gboolean
check_at (const gchar * t)
{
  gsize n = strlen (t);
  return n >= 5 && n <= 8;
}

/* Class letters:
 *   M  GB memory tag letter (no I, Q, Z)
 *   R  GB random letter (no I, Q, Z)
 *   Y  GB prefix/suffix year letter (no I, O, Q, U, Z)
 *   S  GB letter of prefix/suffix sequences (no I, Q)
 *   L  any letter, D digit, A letter or digit
 *   n  digit 1-9 (numbers that never start with 0)
 *   k  Czech region letter (ABCEHJKLMPSTUZ)
 *   c  Czech serial letter (no G, O, Q, W, which pass for C, 0, 0, VV)
 *   p  Polish voivodeship letter (BCDEFGKLNOPRSTWZ)
 *   w  Polish serial letter (no B, D, I, O, Z: kept apart from 8, 0, 1, 2)
 *   b  Bosnian letter, the ones Latin and Cyrillic share (AEJKMOT)
 *   g  Bulgarian letter, the same idea (ABCEHKMOPTXY)
 *   e  Spanish letter (consonants, no Q)
 *   v  Dutch letter (consonants, no C, Q, M, W)
 *   u  US letter (no O, which states draw as 0); U the same or a digit
 *   m  Manx serial letter (no I, Q, S, Z)
 *   d  the D or X of a diplomatic plate
 *   =  the letters written after it ("=MN"), one a position
 *   x  an emblem or stickers between two groups (the coat of arms on
 *      Slovak, Croatian, Serbian and Austrian plates, the inspection
 *      stickers on Czech ones), which a reader may take for a character:
 *      allowed once, at a cost, and dropped from the plate
 *
 * National formats come from the countries' published schemes.  A read
 * has no separators, so formats that differ only in where the groups
 * split are one template; the first format listed names it.  Priors: the
 * formats most cars carry 1.0, secondary national ones 0.5-0.8, the
 * region's catch-all 0.4 (kept for vanity and unlisted plates, marked
 * fallback). */
const FormatDef _gst_anpr_plate_formats[] = {
  /* The Isle of Man's series, all built round its codes MN and MAN (kept
   * for it in the British scheme): as text every one is also a GB
   * dateless, suffix or prefix plate, so each ranks with that format's
   * prior and, listed first, names the reading. */
  {"gb-iom", GST_ANPR_REGION_GB, 0.50f,
      {{"=MN", 2, 2}, {"n", 1, 1}, {"D", 0, 3}}, NULL, FALSE},
  {"gb-iom", GST_ANPR_REGION_GB, 0.50f,
      {{"=MAN", 3, 3}, {"n", 1, 1}, {"D", 0, 3}}, NULL, FALSE},
  {"gb-iom", GST_ANPR_REGION_GB, 0.50f,
      {{"m", 1, 1}, {"=MN", 2, 2}, {"n", 1, 1}, {"D", 0, 2}}, NULL,
      FALSE},
  {"gb-iom", GST_ANPR_REGION_GB, 0.50f,
      {{"n", 1, 1}, {"D", 0, 3}, {"=MN", 2, 2}}, NULL, FALSE},
  {"gb-iom", GST_ANPR_REGION_GB, 0.50f,
      {{"n", 1, 1}, {"D", 0, 3}, {"=MAN", 3, 3}}, NULL, FALSE},
  {"gb-iom", GST_ANPR_REGION_GB, 0.50f,
      {{"n", 1, 1}, {"D", 0, 2}, {"m", 1, 1}, {"=MN", 2, 2}}, NULL,
      FALSE},
  {"gb-iom", GST_ANPR_REGION_GB, 0.60f,
      {{"m", 1, 1}, {"=MN", 2, 2}, {"n", 1, 1}, {"D", 0, 2}, {"m", 1, 1}},
      NULL, FALSE},
  {"gb-iom", GST_ANPR_REGION_GB, 0.60f,
      {{"=MAN", 3, 3}, {"n", 1, 1}, {"D", 0, 2}, {"m", 1, 1}}, NULL,
      FALSE},
  {"gb-iom", GST_ANPR_REGION_GB, 0.70f,
      {{"m", 1, 1}, {"n", 1, 1}, {"D", 0, 2}, {"=MAN", 3, 3}}, NULL,
      FALSE},
  {"gb-current", GST_ANPR_REGION_GB, 1.00f,
      {{"M", 2, 2}, {"D", 2, 2}, {"R", 3, 3}}, check_gb_current, FALSE},
  {"gb-prefix", GST_ANPR_REGION_GB, 0.70f,
      {{"Y", 1, 1}, {"D", 1, 3}, {"S", 3, 3}}, check_gb_prefix, FALSE},
  {"gb-suffix", GST_ANPR_REGION_GB, 0.60f,
      {{"S", 3, 3}, {"D", 1, 3}, {"Y", 1, 1}}, check_gb_suffix, FALSE},
  {"gb-ni", GST_ANPR_REGION_GB, 0.70f,
      {{"L", 2, 3}, {"D", 1, 4}}, check_gb_ni, FALSE},
  {"gb-dateless", GST_ANPR_REGION_GB, 0.50f,
      {{"L", 1, 4}, {"D", 1, 4}}, check_gb_dateless, FALSE},
  {"gb-dateless", GST_ANPR_REGION_GB, 0.50f,
      {{"D", 1, 4}, {"L", 1, 3}}, check_gb_dateless, FALSE},
  /* The plates below are rarer on British roads than dateless ones, but
   * a prior below the dateless format's would let a dateless reading one
   * look-alike away (a 5 forced into an S) outrank them as clearly read:
   * among the uncommon formats the glyphs decide.
   *
   * Diplomatic plates: 123 D 456 (a diplomat), 123 X 456 (the staff of an
   * embassy or international organisation) */
  {"gb-diplomatic", GST_ANPR_REGION_GB, 0.50f,
      {{"D", 3, 3}, {"d", 1, 1}, {"D", 3, 3}}, NULL, FALSE},
  /* The Channel Islands: Jersey (J 123456), Alderney (AY 12345), whose
   * shorter numbers read as GB dateless plates, which they are as text;
   * Guernsey numbers alone, from four digits (shorter ones are as likely
   * a part of a plate the box cut) */
  {"gb-jersey", GST_ANPR_REGION_GB, 0.50f,
      {{"=J", 1, 1}, {"n", 1, 1}, {"D", 0, 5}}, NULL, FALSE},
  {"gb-alderney", GST_ANPR_REGION_GB, 0.50f,
      {{"=AY", 2, 2}, {"n", 1, 1}, {"D", 0, 4}}, NULL, FALSE},
  {"gb-guernsey", GST_ANPR_REGION_GB, 0.50f,
      {{"n", 1, 1}, {"D", 3, 4}}, NULL, FALSE},
  /* What is written when no format explains it better: a private plate
   * styled to spell a word (a 5 drawn as an S, a 1 as an I, letters moved
   * together), a show or novelty plate.  Police want these caught as
   * written, marked, rather than forced into a valid format.  Its prior
   * sits below every GB format's times one look-alike the reader doubted
   * (0.5 x 0.65): such a read is put right; one the reader was sure of is
   * not (see substitution_factor()).  The catch-all's readings score
   * below a principal format's (plateocr), so they never reach the
   * confidence of a valid plate. */
  {"non-standard", GST_ANPR_REGION_GB, 0.30f, {{"A", 2, 7}},
      check_gb_non_standard, TRUE},

  /* Slovakia (BA 123AB, coat of arms after the district; since 2023 any
   * two letters), also the layout of Italy and France (AB 123 CD) */
  {"eu-sk", GST_ANPR_REGION_EU, 1.00f,
      {{"L", 2, 2}, {"x", 0, 1}, {"D", 3, 3}, {"L", 2, 2}}, NULL, FALSE},
  /* Czech Republic: region digit, region letter, digit (or a letter where
   * the numbers ran out), stickers, four digits: 1A2 3456, 1AB 3456 */
  {"eu-cz", GST_ANPR_REGION_EU, 1.00f,
      {{"n", 1, 1}, {"k", 1, 1}, {"D", 1, 1}, {"x", 0, 1}, {"D", 4, 4}},
      NULL, FALSE},
  {"eu-cz", GST_ANPR_REGION_EU, 0.60f,
      {{"n", 1, 1}, {"k", 1, 1}, {"c", 1, 1}, {"x", 0, 1}, {"D", 4, 4}},
      NULL, FALSE},
  /* Croatia: area code, coat of arms, 3-4 digits, 1-2 letters */
  {"eu-hr", GST_ANPR_REGION_EU, 0.80f,
      {{"L", 2, 2}, {"x", 0, 1}, {"D", 3, 4}, {"L", 1, 2}}, check_hr, FALSE},
  /* Bosnia and Herzegovina: A12-B-345 */
  {"eu-ba", GST_ANPR_REGION_EU, 0.80f,
      {{"b", 1, 1}, {"D", 2, 2}, {"b", 1, 1}, {"D", 3, 3}}, NULL, FALSE},
  /* Poland: voivodeship letter and district (2-3 letters), then the
   * serial: 5 characters after a 2-letter district, 4 after 3 letters */
  {"eu-pl", GST_ANPR_REGION_EU, 1.00f,
      {{"p", 1, 1}, {"L", 1, 1}, {"D", 5, 5}}, NULL, FALSE},
  {"eu-pl", GST_ANPR_REGION_EU, 1.00f,
      {{"p", 1, 1}, {"L", 2, 2}, {"D", 4, 4}}, NULL, FALSE},
  {"eu-pl", GST_ANPR_REGION_EU, 0.60f,
      {{"p", 1, 1}, {"L", 1, 1}, {"D", 4, 4}, {"w", 1, 1}}, NULL, FALSE},
  {"eu-pl", GST_ANPR_REGION_EU, 0.60f,
      {{"p", 1, 1}, {"L", 2, 2}, {"D", 2, 3}, {"w", 1, 2}}, NULL, FALSE},
  {"eu-pl", GST_ANPR_REGION_EU, 0.50f,
      {{"p", 1, 1}, {"L", 1, 1}, {"D", 1, 1}, {"w", 1, 2}, {"D", 2, 3}},
      NULL, FALSE},
  {"eu-pl", GST_ANPR_REGION_EU, 0.50f,
      {{"p", 1, 1}, {"L", 2, 2}, {"D", 1, 1}, {"w", 1, 2}, {"D", 1, 2}},
      NULL, FALSE},
  {"eu-pl", GST_ANPR_REGION_EU, 0.50f,
      {{"p", 1, 1}, {"L", 2, 2}, {"w", 1, 2}, {"D", 2, 3}}, NULL, FALSE},
  /* Spain: 1234 BCD */
  {"eu-es", GST_ANPR_REGION_EU, 0.70f,
      {{"D", 4, 4}, {"e", 3, 3}}, NULL, FALSE},
  /* Serbia: city code, coat of arms, 3-5 digits, two letters */
  {"eu-rs", GST_ANPR_REGION_EU, 0.50f,
      {{"L", 2, 2}, {"x", 0, 1}, {"D", 3, 5}, {"L", 2, 2}}, NULL, FALSE},
  /* Romania (B 123 ABC, CJ 12 ABC), Bulgaria (CA 1234 AB) */
  {"eu-ro", GST_ANPR_REGION_EU, 0.60f,
      {{"L", 1, 2}, {"D", 2, 3}, {"L", 3, 3}}, NULL, FALSE},
  {"eu-bg", GST_ANPR_REGION_EU, 0.60f,
      {{"g", 1, 2}, {"D", 4, 4}, {"g", 2, 2}}, NULL, FALSE},
  /* Hungary (ABC-123, AA AA-123 since 2022), also Lithuania and Finland;
   * Estonia the other way round */
  {"eu-hu", GST_ANPR_REGION_EU, 0.60f,
      {{"L", 3, 4}, {"D", 3, 3}}, NULL, FALSE},
  {"eu-ee", GST_ANPR_REGION_EU, 0.50f,
      {{"D", 3, 3}, {"L", 3, 3}}, NULL, FALSE},
  /* Belgium: 1-ABC-234 */
  {"eu-be", GST_ANPR_REGION_EU, 0.60f,
      {{"n", 1, 1}, {"L", 3, 3}, {"D", 3, 3}}, NULL, FALSE},
  /* Netherlands, the current side codes: 99-XXX-9, 9-XXX-99, XX-999-X,
   * X-999-XX, XXX-99-X, X-99-XXX, 9-XX-999, 999-XX-9 */
  {"eu-nl", GST_ANPR_REGION_EU, 0.50f,
      {{"D", 2, 2}, {"v", 3, 3}, {"D", 1, 1}}, NULL, FALSE},
  {"eu-nl", GST_ANPR_REGION_EU, 0.50f,
      {{"D", 1, 1}, {"v", 3, 3}, {"D", 2, 2}}, NULL, FALSE},
  {"eu-nl", GST_ANPR_REGION_EU, 0.50f,
      {{"v", 1, 2}, {"D", 3, 3}, {"v", 1, 2}}, NULL, FALSE},
  {"eu-nl", GST_ANPR_REGION_EU, 0.50f,
      {{"v", 3, 3}, {"D", 2, 2}, {"v", 1, 1}}, NULL, FALSE},
  {"eu-nl", GST_ANPR_REGION_EU, 0.50f,
      {{"v", 1, 1}, {"D", 2, 2}, {"v", 3, 3}}, NULL, FALSE},
  {"eu-nl", GST_ANPR_REGION_EU, 0.50f,
      {{"D", 1, 1}, {"v", 2, 2}, {"D", 3, 3}}, NULL, FALSE},
  {"eu-nl", GST_ANPR_REGION_EU, 0.50f,
      {{"D", 3, 3}, {"v", 2, 2}, {"D", 1, 1}}, NULL, FALSE},
  /* Portugal: AA-00-AA, 00-AA-00, 00-00-AA, AA-00-00 */
  {"eu-pt", GST_ANPR_REGION_EU, 0.50f,
      {{"L", 2, 2}, {"D", 2, 2}, {"L", 2, 2}}, NULL, FALSE},
  {"eu-pt", GST_ANPR_REGION_EU, 0.50f,
      {{"D", 2, 2}, {"L", 2, 2}, {"D", 2, 2}}, NULL, FALSE},
  {"eu-pt", GST_ANPR_REGION_EU, 0.50f,
      {{"D", 4, 4}, {"L", 2, 2}}, NULL, FALSE},
  {"eu-pt", GST_ANPR_REGION_EU, 0.50f,
      {{"L", 2, 2}, {"D", 4, 4}}, NULL, FALSE},
  /* Austria: district, coat of arms, number and letters (W 12345 A) */
  {"eu-at", GST_ANPR_REGION_EU, 0.50f,
      {{"L", 1, 2}, {"x", 0, 1}, {"n", 1, 1}, {"D", 0, 4}, {"L", 1, 3}},
      check_at, FALSE},
  /* Germany: district (1-3 letters), 1-2 letters, 1-4 digits, never a
   * leading 0.  With no separator in a read this fits much, so modest. */
  {"eu-de", GST_ANPR_REGION_EU, 0.50f,
      {{"L", 2, 5}, {"n", 1, 1}, {"D", 0, 3}}, check_de, FALSE},
  {"eu", GST_ANPR_REGION_EU, 0.40f, {{"A", 4, 9}}, check_generic, TRUE},

  /* United States: the common standard issues, named after a state that
   * uses them.  Letters are 'u', no O: states do not issue it on standard
   * plates (most draw O and 0 alike), so an O read there is a 0. */
  {"us-ca", GST_ANPR_REGION_US, 1.00f,
      {{"n", 1, 1}, {"u", 3, 3}, {"D", 3, 3}}, NULL, FALSE},
  /* NY, PA, TX, GA, NC, OH, VA, MI, AZ, WA, ... */
  {"us-ny", GST_ANPR_REGION_US, 1.00f,
      {{"u", 3, 3}, {"D", 4, 4}}, NULL, FALSE},
  /* older issues of many states, and MN, CO, OR, WI, ... */
  {"us-mn", GST_ANPR_REGION_US, 0.60f,
      {{"u", 3, 3}, {"D", 3, 3}}, NULL, FALSE},
  {"us-mn", GST_ANPR_REGION_US, 0.60f,
      {{"D", 3, 3}, {"u", 3, 3}}, NULL, FALSE},
  {"us-ma", GST_ANPR_REGION_US, 0.60f,
      {{"n", 1, 1}, {"u", 2, 3}, {"D", 2, 3}}, NULL, FALSE},
  {"us-md", GST_ANPR_REGION_US, 0.60f,
      {{"n", 1, 1}, {"u", 2, 2}, {"D", 4, 4}}, NULL, FALSE},
  {"us-il", GST_ANPR_REGION_US, 0.60f,
      {{"u", 2, 2}, {"D", 5, 5}}, NULL, FALSE},
  {"us-nj", GST_ANPR_REGION_US, 0.60f,
      {{"u", 1, 1}, {"D", 2, 2}, {"u", 3, 3}}, NULL, FALSE},
  /* Missouri: AB1 C2D.  Six places alternating letters and digits: a
   * read that dropped, added or shifted a character does not fit it, as
   * it fits the short or loose layouts above, so a fit is between theirs
   * and a principal format's in worth.  (At 0.6, US reads that fitted
   * it lost to the catch-all's reading of a 9 as S, a Z as 7; 0.8 took
   * 2 of the 65 US-set plates of this layout back and lost none; 0.9 and
   * 1.0 also turned a YF2U68 into YF2U6B.) */
  {"us-mo", GST_ANPR_REGION_US, 0.80f,
      {{"u", 2, 2}, {"D", 1, 1}, {"u", 1, 1}, {"D", 1, 1}, {"u", 1, 1}},
      NULL, FALSE},
  {"us", GST_ANPR_REGION_US, 0.55f, {{"U", 2, 8}}, check_us_generic, TRUE},
};

const guint _gst_anpr_plate_n_formats =
    G_N_ELEMENTS (_gst_anpr_plate_formats);

static CharMask
class_mask (gchar cls)
{
  switch (cls) {
    case 'M':
    case 'R':
      return mask_letters_except ("IQZ");
    case 'Y':
      return mask_letters_except ("IOQUZ");
    case 'S':
      return mask_letters_except ("IQ");
    case 'L':
      return mask_letters_except ("");
    case 'D':
      return mask_of ("0123456789");
    case 'n':
      return mask_of ("123456789");
    case 'k':
      return mask_of ("ABCEHJKLMPSTUZ");
    case 'c':
      return mask_letters_except ("GOQW");
    case 'p':
      return mask_of ("BCDEFGKLNOPRSTWZ");
    case 'w':
      return mask_letters_except ("BDIOZ");
    case 'b':
      return mask_of ("AEJKMOT");
    case 'g':
      return mask_of ("ABCEHKMOPTXY");
    case 'e':
      return mask_of ("BCDFGHJKLMNPRSTVWXYZ");
    case 'v':
      return mask_of ("BDFGHJKLNPRSTVXZ");
    case 'm':
      return mask_letters_except ("IQSZ");
    case 'd':
      return mask_of ("DX");
    case 'u':
      return mask_letters_except ("O");
    case 'U':
      return mask_letters_except ("O") | mask_of ("0123456789");
    default:
      return mask_letters_except ("") | mask_of ("0123456789");
  }
}

static GArray *templates;       /* of Template, built once */

static void
expand_tokens (const FormatDef * def, guint tok, Template * cur)
{
  const Token *t;
  guint rep, j;

  if (tok == G_N_ELEMENTS (def->tokens) || def->tokens[tok].cls == NULL) {
    if (cur->len > 0)
      g_array_append_val (templates, *cur);
    return;
  }
  t = &def->tokens[tok];
  for (rep = t->min; rep <= t->max; rep++) {
    Template next = *cur;
    if (next.len + rep > MAX_TEMPLATE_LEN)
      break;
    for (j = 0; j < rep; j++) {
      if (t->cls[0] == 'x')
        next.junk |= 1u << next.len;
      if (t->cls[0] == '=')
        next.cls[next.len++] = G_GUINT64_CONSTANT (1) <<
            symbol_index (t->cls[1 + j]);
      else
        next.cls[next.len++] = class_mask (t->cls[0]);
    }
    expand_tokens (def, tok + 1, &next);
  }
}

GArray *
_gst_anpr_plate_templates (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once)) {
    guint i;

    templates = g_array_new (FALSE, TRUE, sizeof (Template));
    for (i = 0; i < _gst_anpr_plate_n_formats; i++) {
      Template t = { &_gst_anpr_plate_formats[i], 0, {0}, 0 };
      expand_tokens (&_gst_anpr_plate_formats[i], 0, &t);
    }
    g_once_init_leave (&once, 1);
  }
  return templates;
}
