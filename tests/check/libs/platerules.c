/* gst-anpr: plate rules tests */
#include <string.h>
#include "anprcheck.h"
#include <gst/anpr/anpr.h>

static const gchar *
best (GstAnprRegion region, const gchar * raw, const gchar ** format)
{
  static GstAnprCandidate out[GST_ANPR_MAX_CANDIDATES];
  const gchar *formats[GST_ANPR_MAX_CANDIDATES];
  guint n = gst_anpr_plate_correct (region, raw, out, formats,
      GST_ANPR_MAX_CANDIDATES);

  if (n == 0)
    return NULL;
  if (format)
    *format = formats[0];
  return out[0].text;
}

GST_START_TEST (test_normalise)
{
  gchar out[16];

  gst_anpr_plate_normalise ("ab12 cde", out, sizeof (out));
  fail_unless_equals_string (out, "AB12CDE");
  gst_anpr_plate_normalise (" AB-12-CDE\t", out, sizeof (out));
  fail_unless_equals_string (out, "AB12CDE");
  gst_anpr_plate_normalise ("", out, sizeof (out));
  fail_unless_equals_string (out, "");
  gst_anpr_plate_normalise (NULL, out, sizeof (out));
  fail_unless_equals_string (out, "");
  /* truncation keeps the terminator */
  gst_anpr_plate_normalise ("ABCDEFGH", out, 4);
  fail_unless_equals_string (out, "ABC");
}

GST_END_TEST;

GST_START_TEST (test_confusable)
{
  fail_unless (gst_anpr_chars_confusable ('0', 'O'));
  fail_unless (gst_anpr_chars_confusable ('o', 'D'));
  fail_unless (gst_anpr_chars_confusable ('1', 'I'));
  fail_unless (gst_anpr_chars_confusable ('T', 'L'));
  fail_unless (gst_anpr_chars_confusable ('8', 'B'));
  fail_unless (gst_anpr_chars_confusable ('4', 'A'));
  fail_if (gst_anpr_chars_confusable ('A', 'B'));
  fail_if (gst_anpr_chars_confusable ('O', 'O'));
  fail_if (gst_anpr_chars_confusable ('7', '1'));

  /* the classes behind it: one representative a group, case folded */
  fail_unless_equals_int (gst_anpr_char_confusion_class ('q'), '0');
  fail_unless_equals_int (gst_anpr_char_confusion_class ('T'), '1');
  fail_unless_equals_int (gst_anpr_char_confusion_class ('A'), '4');
  fail_unless_equals_int (gst_anpr_char_confusion_class ('8'), '8');
  fail_unless_equals_int (gst_anpr_char_confusion_class ('x'), 'X');
  fail_unless_equals_int (gst_anpr_char_confusion_class ('7'), '7');
}

GST_END_TEST;

GST_START_TEST (test_gb_formats)
{
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "AB12CDE"), "gb-current");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "LR69ZXK"), "non-standard");    /* Z not a random letter */
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "A123BCD"), "gb-prefix");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "ABC123D"), "gb-suffix");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "ABZ1234"), "gb-ni");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "IA123"), "gb-ni");
  /* NI plates end their letters with a county code: DI is none, and D1187
   * is a dateless plate, not DI187 read into NI */
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "DI187"), "gb-dateless");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "D1187"), "gb-dateless");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "K1"), "gb-dateless");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "1ABC"), "gb-dateless");
  /* age identifier 99 was never issued: what is written, but no
   * registration */
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "AB99CDE"), "non-standard");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "ABCDEFG"), "non-standard");
  fail_unless (gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
          "ABCDEFGH") == NULL);
  /* EU and US: national formats, and a catch-all within plausible
   * lengths for the rest */
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_EU,
          "WA56660"), "eu-pl");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_EU,
          "FANT0MAS"), "eu");
  fail_unless (gst_anpr_plate_match_format (GST_ANPR_REGION_EU,
          "ABCDEFGHIJKL") == NULL);
  /* personalised plates of letters only (Sweden, Norway), not words of
   * four letters and fewer (fragments, signs) */
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_EU,
          "BIMMIAN"), "eu");
  fail_unless (gst_anpr_plate_match_format (GST_ANPR_REGION_EU,
          "STOP") == NULL);
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "7ABC123"), "us-ca");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "G0BLUE"), "us");
  /* no US format has the letter O: states draw it as 0 */
  fail_unless (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "GOBLUE") == NULL);
  /* eight digits are a camera's burnt-in date, not a US plate; seven
   * can be one, and eight characters with a letter too */
  fail_unless (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "20140514") == NULL);
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "1268205"), "us");
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "2014051A"), "us");
  /* a state's name is the plate's header, not its registration */
  fail_unless (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "TEXAS") == NULL);
  fail_unless (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "FLORIDA") == NULL);
  fail_unless (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "EXAS") == NULL);
  fail_unless (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "TEXA") == NULL);
  fail_unless_equals_string (gst_anpr_plate_match_format (GST_ANPR_REGION_US,
          "TEXAS1"), "us");
  /* auto tries GB first */
  fail_unless_equals_string (gst_anpr_plate_match_format
      (GST_ANPR_REGION_AUTO, "AB12CDE"), "gb-current");
  fail_unless_equals_string (gst_anpr_plate_match_format
      (GST_ANPR_REGION_AUTO, "BA1234XY"), "eu-rs");
}

GST_END_TEST;

/* Plates of the Crown dependencies and diplomatic plates, read under gb
 * with their own format names */
GST_START_TEST (test_gb_other_plates)
{
  static const struct
  {
    const gchar *text, *format;
  } cases[] = {
    /* Isle of Man: every series round MN and MAN, though each is also a
     * GB dateless, suffix or prefix plate as text */
    {"MN1234", "gb-iom"}, {"MAN12", "gb-iom"}, {"BMN123", "gb-iom"},
    {"1234MN", "gb-iom"}, {"999MAN", "gb-iom"}, {"12YMN", "gb-iom"},
    {"MAN12A", "gb-iom"}, {"A123MAN", "gb-iom"}, {"NMN835H", "gb-iom"},
    /* a GB current plate with MN as its memory tag stays one */
    {"MN12ABC", "gb-current"},
    /* Jersey and Alderney: the long numbers only; shorter ones are GB
     * dateless plates as text */
    {"J123456", "gb-jersey"}, {"J12345", "gb-jersey"},
    {"J1234", "gb-dateless"}, {"AY12345", "gb-alderney"},
    {"AY123", "gb-dateless"},
    /* Guernsey: numbers alone, from four digits */
    {"12345", "gb-guernsey"}, {"1234", "gb-guernsey"}, {"123", NULL},
    {"01234", NULL},
    /* diplomatic: D for a diplomat, X for other staff */
    {"123D456", "gb-diplomatic"}, {"270X123", "gb-diplomatic"},
    {"123A456", "non-standard"},
  };
  GstAnprCharChoice chars[7];
  GstAnprCandidate out[5];
  const gchar *formats[5];
  const gchar *read = "1230456";
  guint i, n;

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    const gchar *f = gst_anpr_plate_match_format (GST_ANPR_REGION_GB,
        cases[i].text);
    fail_unless (g_strcmp0 (f, cases[i].format) == 0, "%s: %s, not %s",
        cases[i].text, f ? f : "no format", cases[i].format ?
        cases[i].format : "no format");
  }
  /* the other regions do not read them as such */
  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    const gchar *f = gst_anpr_plate_match_format (GST_ANPR_REGION_EU,
        cases[i].text);
    fail_if (f && g_str_has_prefix (f, "gb-"), "%s read as %s under eu",
        cases[i].text, f);
  }

  /* a diplomatic plate's D read as a zero, by a reader unsure of it, is
   * put right by position */
  for (i = 0; i < 7; i++) {
    chars[i].n = 1;
    chars[i].ch[0] = read[i];
    chars[i].conf[0] = i == 3 ? 0.5f : 0.95f;
  }
  n = gst_anpr_plate_decode (GST_ANPR_REGION_GB, chars, 7, out, formats, 5);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "123D456");
  fail_unless_equals_string (formats[0], "gb-diplomatic");

  /* a Manx plate decoded: named gb-iom, at the evidence the suffix format
   * would give it */
  for (i = 0; i < 7; i++) {
    chars[i].ch[0] = "NMN835H"[i];
    chars[i].conf[0] = 0.95f;
  }
  n = gst_anpr_plate_decode (GST_ANPR_REGION_GB, chars, 7, out, formats, 5);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "NMN835H");
  fail_unless_equals_string (formats[0], "gb-iom");
  fail_unless (out[0].confidence > 0.6f);
}

GST_END_TEST;

GST_START_TEST (test_gb_position_correction)
{
  const gchar *fmt = NULL;

  /* O and 0, I and 1, S and 5, B and 8, Z and 2, G and 6 by position */
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "AB12C0E", &fmt),
      "AB12COE");
  fail_unless_equals_string (fmt, "gb-current");
  /* an 8 seen where a valid prefix plate has it is not made a B: B is
   * another glyph (decode_choices: it is when the reader doubted) */
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "A8I2CDE", &fmt),
      "A812CDE");
  fail_unless_equals_string (fmt, "gb-prefix");
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "ABI2CDE", NULL),
      "AB12CDE");
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "AB1ZCDE", NULL),
      "AB12CDE");
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "5N69GXO", NULL),
      "SN69GXO");
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "LG0GKJK", NULL),
      "LG06KJK");
  /* prefix and suffix plates */
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "P4SABC", &fmt),
      "P45ABC");
  fail_unless_equals_string (fmt, "gb-prefix");
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "A8C123D", &fmt),
      "ABC123D");
  fail_unless_equals_string (fmt, "gb-suffix");
  /* a border read as a character at either end is dropped */
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "IAB12CDE", NULL),
      "AB12CDE");
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "AB12CDE1", NULL),
      "AB12CDE");
  /* spaces and case do not matter */
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "ab12 cde", NULL),
      "AB12CDE");
  /* nothing GB can be made of this: longer than any GB plate with a
   * border dropped at each end, and digits alone, which even the
   * non-standard catch-all refuses */
  fail_unless (best (GST_ANPR_REGION_GB, "XXXXXXXXXX", NULL) == NULL);
  fail_unless (best (GST_ANPR_REGION_GB, "12345678", NULL) == NULL);
}

GST_END_TEST;

/* @text as a reader saw it, every character at @conf, decoded under gb */
static guint
decode_seen (const gchar * text, gfloat conf, GstAnprCandidate * out,
    const gchar ** formats)
{
  GstAnprCharChoice chars[GST_ANPR_MAX_TEXT];
  guint i;

  for (i = 0; text[i]; i++) {
    chars[i].n = 1;
    chars[i].ch[0] = g_ascii_toupper (text[i]);
    /* a lower-case character is one the reader doubted */
    chars[i].conf[0] = g_ascii_islower (text[i]) ? 0.6f : conf;
  }
  return gst_anpr_plate_decode (GST_ANPR_REGION_GB, chars, i, out, formats,
      GST_ANPR_MAX_CANDIDATES);
}

static gboolean
among_candidates (const GstAnprCandidate * out, guint n, const gchar * text)
{
  guint i;

  for (i = 0; i < n; i++)
    if (strcmp (out[i].text, text) == 0)
      return TRUE;
  return FALSE;
}

/* A plate drawn to spell a word: read as written when the reader was
 * sure of the glyphs a format would have to change, and marked
 * non-standard, with the registration it stands for still among the
 * candidates (a hotlist lists that); put right when it doubted them. */
GST_START_TEST (test_gb_non_standard)
{
  GstAnprCandidate out[GST_ANPR_MAX_CANDIDATES];
  const gchar *formats[GST_ANPR_MAX_CANDIDATES];
  guint n;

  /* ST16 HRS, drawn as a word */
  n = decode_seen ("STIGHRS", 0.95f, out, formats);
  fail_unless (n >= 2);
  fail_unless_equals_string (out[0].text, "STIGHRS");
  fail_unless_equals_string (formats[0], "non-standard");
  fail_unless (gst_anpr_plate_format_is_fallback (formats[0]));
  fail_unless (among_candidates (out, n, "ST16HRS"));

  /* the same read with the I and the G doubted: a misread 1 and 6, put
   * right */
  n = decode_seen ("STigHRS", 0.95f, out, formats);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "ST16HRS");
  fail_unless_equals_string (formats[0], "gb-current");

  /* one look-alike: put right when the reader had doubts (readers do
   * confuse 2 and Z), read as written when it was sure */
  n = decode_seen ("AB1zCDE", 0.95f, out, formats);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "AB12CDE");
  n = decode_seen ("AB1ZCDE", 0.95f, out, formats);
  fail_unless (n >= 2);
  fail_unless_equals_string (out[0].text, "AB1ZCDE");
  fail_unless_equals_string (formats[0], "non-standard");
  fail_unless (among_candidates (out, n, "AB12CDE"));

  /* the GB font's 1 has a flag: a sure I is an I, a doubted one a 1 */
  n = decode_seen ("P9I9KBR", 0.95f, out, formats);
  fail_unless (n >= 2);
  fail_unless_equals_string (out[0].text, "P9I9KBR");
  fail_unless_equals_string (formats[0], "non-standard");
  fail_unless (among_candidates (out, n, "P919KBR"));
  n = decode_seen ("P9i9KBR", 0.95f, out, formats);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "P919KBR");
  fail_unless_equals_string (formats[0], "gb-prefix");
  /* O and 0 differ by a width a soft image loses: even a sure O in the
   * digits is a 0 */
  n = decode_seen ("F1OOJJN", 0.95f, out, formats);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "F100JJN");
  fail_unless_equals_string (formats[0], "gb-prefix");

  /* a sure last character is the plate's, not dropped to fit a format;
   * a screw or border read as 1 at the end is */
  n = decode_seen ("D93SJUK", 0.95f, out, formats);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "D93SJUK");
  fail_unless_equals_string (formats[0], "non-standard");
  n = decode_seen ("D93SJU1", 0.95f, out, formats);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "D93SJU");
  fail_unless_equals_string (formats[0], "gb-prefix");
}

GST_END_TEST;

GST_START_TEST (test_decode_choices)
{
  GstAnprCharChoice chars[7];
  GstAnprCandidate out[5];
  const gchar *formats[5];
  const gchar *read = "AB12CDE";
  guint i, n;

  for (i = 0; i < 7; i++) {
    chars[i].n = 1;
    chars[i].ch[0] = read[i];
    chars[i].conf[0] = 0.95f;
  }
  /* position 3 (a digit) was read as a Z first, 7 second: 7 wins over the
   * corrected Z only if it is more believed; a digit class accepts 7 as is */
  chars[3].n = 2;
  chars[3].ch[0] = 'Q';
  chars[3].conf[0] = 0.6f;
  chars[3].ch[1] = '7';
  chars[3].conf[1] = 0.55f;
  n = gst_anpr_plate_decode (GST_ANPR_REGION_GB, chars, 7, out, formats, 5);
  fail_unless (n >= 2);
  fail_unless_equals_string (out[0].text, "AB17CDE");
  fail_unless_equals_string (formats[0], "gb-current");
  /* the Q read as a zero is among the runners-up, less believed */
  for (i = 1; i < n && strcmp (out[i].text, "AB10CDE") != 0; i++);
  fail_unless (i < n, "AB10CDE not among the candidates");
  fail_unless (out[0].confidence > out[i].confidence);

  /* a read that fits a prefix plate as seen and the common current
   * format one look-alike away: as seen first, the current one next ... */
  fail_unless_equals_int (gst_anpr_plate_correct (GST_ANPR_REGION_GB,
          "A812CDE", out, formats, 5) >= 2, TRUE);
  fail_unless_equals_string (out[0].text, "A812CDE");
  fail_unless_equals_string (formats[0], "gb-prefix");
  fail_unless_equals_string (out[1].text, "AB12CDE");
  fail_unless (out[0].confidence > out[1].confidence);
  /* ... unless the reader offered the B itself: then the current format,
   * at the B's confidence */
  for (i = 0; i < 7; i++) {
    chars[i].n = 1;
    chars[i].ch[0] = "A812CDE"[i];
    chars[i].conf[0] = 0.95f;
  }
  chars[1].n = 2;
  chars[1].ch[1] = 'B';
  chars[1].conf[1] = 0.9f;
  n = gst_anpr_plate_decode (GST_ANPR_REGION_GB, chars, 7, out, formats, 5);
  fail_unless (n >= 2);
  fail_unless_equals_string (out[0].text, "AB12CDE");
  fail_unless_equals_string (formats[0], "gb-current");
  for (i = 0; i < n; i++)
    fail_unless (out[i].confidence > 0.0f && out[i].confidence <= 1.0f);
  /* confidence is the product of the characters' */
  fail_unless (out[0].confidence < 0.95f * 0.95f);

  /* EU keeps the reading as it is */
  n = gst_anpr_plate_correct (GST_ANPR_REGION_EU, "BA-123-XY", out, formats,
      5);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "BA123XY");
  fail_unless_equals_string (formats[0], "eu-sk");

  /* nothing in, nothing out */
  fail_unless_equals_int (gst_anpr_plate_decode (GST_ANPR_REGION_GB, chars,
          0, out, formats, 5), 0);

  /* a doubtful first character is kept: dropping it would only fit the
   * same catch-all, and dropping costs what the reader saw there on top
   * (wts-lg-000048 in the US set: FE5R2D was read as E5R2D) */
  read = "FE5R2D";
  for (i = 0; i < 6; i++) {
    chars[i].n = 1;
    chars[i].ch[0] = read[i];
    chars[i].conf[0] = i == 0 ? 0.5f : 0.9f;
  }
  n = gst_anpr_plate_decode (GST_ANPR_REGION_US, chars, 6, out, formats, 5);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "FE5R2D");
}

GST_END_TEST;

/* Format name of @text under @region, "none" when it fits none. */
static const gchar *
fmt (GstAnprRegion region, const gchar * text)
{
  const gchar *f = gst_anpr_plate_match_format (region, text);
  return f ? f : "none";
}

GST_START_TEST (test_eu_formats)
{
  const GstAnprRegion eu = GST_ANPR_REGION_EU;

  fail_unless_equals_string (fmt (eu, "RK026AJ"), "eu-sk");
  fail_unless_equals_string (fmt (eu, "4B04979"), "eu-cz");
  fail_unless_equals_string (fmt (eu, "1AB1234"), "eu-cz");
  /* Czech letters have no O (nor G, Q, W) */
  fail_unless_equals_string (fmt (eu, "4BO4979"), "eu");
  fail_unless_equals_string (fmt (eu, "ZG1234AB"), "eu-hr");
  fail_unless_equals_string (fmt (eu, "ST123A"), "eu-hr");
  fail_unless_equals_string (fmt (eu, "RK1234AB"), "eu-rs");
  fail_unless_equals_string (fmt (eu, "A12E345"), "eu-ba");
  fail_unless_equals_string (fmt (eu, "WY1234A"), "eu-pl");
  fail_unless_equals_string (fmt (eu, "WOT1234"), "eu-pl");
  fail_unless_equals_string (fmt (eu, "1234BCD"), "eu-es");
  fail_unless_equals_string (fmt (eu, "MXY12"), "eu-de");
  /* a German number never starts with 0 */
  fail_unless_equals_string (fmt (eu, "MXY01"), "eu");
  /* the Romanian layout is the GB current one's */
  fail_unless_equals_string (fmt (eu, "CJ12ABC"), "eu-ro");
}

GST_END_TEST;

GST_START_TEST (test_eu_position_correction)
{
  GstAnprCandidate out[GST_ANPR_MAX_CANDIDATES];
  const gchar *formats[GST_ANPR_MAX_CANDIDATES];
  const gchar *f = NULL;
  guint n, i;

  /* a letter where Slovakia has digits, digits where it has letters */
  fail_unless_equals_string (best (GST_ANPR_REGION_EU, "RKO26AJ", &f),
      "RK026AJ");
  fail_unless_equals_string (f, "eu-sk");
  fail_unless_equals_string (best (GST_ANPR_REGION_EU, "RK896A0", &f),
      "RK896AO");
  fail_unless_equals_string (best (GST_ANPR_REGION_EU, "RKI43AT", &f),
      "RK143AT");
  /* Czech: no O in the letters, so the O is a zero */
  fail_unless_equals_string (best (GST_ANPR_REGION_EU, "4BO4979", &f),
      "4B04979");
  fail_unless_equals_string (f, "eu-cz");
  fail_unless_equals_string (best (GST_ANPR_REGION_EU, "I8I9839", &f),
      "1B19839");
  /* Polish, Croatian, Bosnian */
  fail_unless_equals_string (best (GST_ANPR_REGION_EU, "WA5G660", &f),
      "WA56660");
  fail_unless_equals_string (f, "eu-pl");
  fail_unless_equals_string (best (GST_ANPR_REGION_EU, "ZGI234AB", &f),
      "ZG1234AB");
  fail_unless_equals_string (f, "eu-hr");
  fail_unless_equals_string (best (GST_ANPR_REGION_EU, "AI2E345", &f),
      "A12E345");
  fail_unless_equals_string (f, "eu-ba");
  /* the coat of arms between district and number read as a character */
  fail_unless_equals_string (best (GST_ANPR_REGION_EU, "RK3959AF", &f),
      "RK959AF");
  fail_unless_equals_string (f, "eu-sk");
  /* ... but a Croatian plate that has four digits keeps them */
  fail_unless_equals_string (best (GST_ANPR_REGION_EU, "ZG1234AB", &f),
      "ZG1234AB");

  /* a clean read that fits only the catch-all keeps it, and its
   * confidence: that is evidence, not how common the format is */
  n = gst_anpr_plate_correct (GST_ANPR_REGION_EU, "FANT0MAS", out, formats,
      GST_ANPR_MAX_CANDIDATES);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "FANT0MAS");
  fail_unless_equals_string (formats[0], "eu");
  fail_unless_equals_float (out[0].confidence, 1.0f);

  /* a corrected reading does not report the confidence of the read */
  n = gst_anpr_plate_correct (GST_ANPR_REGION_EU, "RKO26AJ", out, formats,
      GST_ANPR_MAX_CANDIDATES);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "RK026AJ");
  fail_unless (out[0].confidence < 1.0f);
  /* ... and the raw read (a rare Polish layout, or the catch-all) stays
   * among the candidates, below it but with more confidence: it ranks
   * lower for its format alone */
  for (i = 1; i < n && strcmp (out[i].text, "RKO26AJ") != 0; i++);
  fail_unless (i < n, "the raw read RKO26AJ is not among the candidates");
  fail_unless (out[i].confidence > out[0].confidence);
}

GST_END_TEST;

GST_START_TEST (test_us_position_correction)
{
  GstAnprCandidate out[GST_ANPR_MAX_CANDIDATES];
  const gchar *formats[GST_ANPR_MAX_CANDIDATES];
  const gchar *f = NULL;
  guint n;

  fail_unless_equals_string (fmt (GST_ANPR_REGION_US, "ABC1234"), "us-ny");
  fail_unless_equals_string (fmt (GST_ANPR_REGION_US, "ABC123"), "us-mn");
  fail_unless_equals_string (fmt (GST_ANPR_REGION_US, "123ABC"), "us-mn");
  fail_unless_equals_string (fmt (GST_ANPR_REGION_US, "1AB234"), "us-ma");
  fail_unless_equals_string (fmt (GST_ANPR_REGION_US, "1AB2345"), "us-md");
  fail_unless_equals_string (fmt (GST_ANPR_REGION_US, "AB12345"), "us-il");
  fail_unless_equals_string (fmt (GST_ANPR_REGION_US, "A12BCD"), "us-nj");
  fail_unless_equals_string (fmt (GST_ANPR_REGION_US, "AB1C2D"), "us-mo");

  /* California: digit, three letters, three digits */
  fail_unless_equals_string (best (GST_ANPR_REGION_US, "7ABCI23", &f),
      "7ABC123");
  fail_unless_equals_string (f, "us-ca");
  fail_unless_equals_string (best (GST_ANPR_REGION_US, "SABC123", &f),
      "5ABC123");
  fail_unless_equals_string (best (GST_ANPR_REGION_US, "A8C1234", &f),
      "ABC1234");
  fail_unless_equals_string (f, "us-ny");

  /* vanity plates: what was read, at its own confidence */
  n = gst_anpr_plate_correct (GST_ANPR_REGION_US, "GETBUSY", out, formats,
      GST_ANPR_MAX_CANDIDATES);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "GETBUSY");
  fail_unless_equals_string (formats[0], "us");
  fail_unless_equals_float (out[0].confidence, 1.0f);
  /* ... except O, which is 0 on US plates (a read O is a confusion the
   * format fixes, so it ranks first but is not "as read") */
  n = gst_anpr_plate_correct (GST_ANPR_REGION_US, "GOBLUE", out, formats,
      GST_ANPR_MAX_CANDIDATES);
  fail_unless (n >= 1);
  fail_unless_equals_string (out[0].text, "G0BLUE");
  fail_unless_equals_string (formats[0], "us");
  fail_unless (out[0].confidence < 1.0f);
  /* 0SG719 read with an O: no standard format, the catch-all fixes it */
  fail_unless_equals_string (best (GST_ANPR_REGION_US, "OSG719", &f),
      "0SG719");
}

GST_END_TEST;

GST_START_TEST (test_auto_keeps_gb)
{
  const gchar *f = NULL;

  /* GB formats rank first under auto: the same fixes as under gb */
  fail_unless_equals_string (best (GST_ANPR_REGION_AUTO, "AB12C0E", &f),
      "AB12COE");
  fail_unless_equals_string (f, "gb-current");
  fail_unless_equals_string (best (GST_ANPR_REGION_AUTO, "5N69GXO", &f),
      "SN69GXO");
  fail_unless_equals_string (best (GST_ANPR_REGION_AUTO, "A8C123D", &f),
      "ABC123D");
  /* and continental plates are still read */
  fail_unless_equals_string (best (GST_ANPR_REGION_AUTO, "4BO4979", &f),
      "4B04979");
  fail_unless_equals_string (f, "eu-cz");
  /* GB keeps every reading (a prefix plate read as seen goes before the
   * current one it could also be) */
  fail_unless_equals_string (best (GST_ANPR_REGION_GB, "A812CDE", NULL),
      "A812CDE");
}

GST_END_TEST;

GST_START_TEST (test_decode_scores)
{
  GstAnprCharChoice chars[GST_ANPR_MAX_TEXT];
  GstAnprCandidate out[GST_ANPR_MAX_CANDIDATES], plain[GST_ANPR_MAX_CANDIDATES];
  const gchar *formats[GST_ANPR_MAX_CANDIDATES];
  gfloat scores[GST_ANPR_MAX_CANDIDATES];
  const gchar *read = "RKO26AJ";
  guint i, n;

  for (i = 0; i < 7; i++) {
    chars[i].n = 1;
    chars[i].ch[0] = read[i];
    chars[i].conf[0] = 0.9f;
  }
  n = gst_anpr_plate_decode_full (GST_ANPR_REGION_EU, chars, 7, out,
      formats, scores, GST_ANPR_MAX_CANDIDATES);
  fail_unless (n >= 2);
  /* ranked by score: evidence times the format's prior, never above the
   * evidence; the confidences are not in that order */
  for (i = 0; i < n; i++) {
    fail_unless (scores[i] > 0.0f);
    fail_unless (scores[i] <= out[i].confidence + 1e-6f);
    if (i > 0)
      fail_unless (scores[i] <= scores[i - 1]);
  }
  for (i = 1; i < n && strcmp (out[i].text, read) != 0; i++);
  fail_unless (i < n, "the raw read is not among the candidates");
  fail_unless (out[i].confidence > out[0].confidence);
  fail_unless (scores[i] < scores[0]);

  /* the plain call gives the same readings in the same order */
  fail_unless_equals_int (gst_anpr_plate_decode (GST_ANPR_REGION_EU, chars,
          7, plain, NULL, GST_ANPR_MAX_CANDIDATES), n);
  for (i = 0; i < n; i++) {
    fail_unless_equals_string (plain[i].text, out[i].text);
    fail_unless_equals_float (plain[i].confidence, out[i].confidence);
  }

  /* US too: the full ranked list, vanity reading included */
  n = gst_anpr_plate_correct (GST_ANPR_REGION_US, "7ABCI23", out, formats,
      GST_ANPR_MAX_CANDIDATES);
  fail_unless (n >= 2);
  fail_unless_equals_string (out[0].text, "7ABC123");
  for (i = 1; i < n && strcmp (out[i].text, "7ABCI23") != 0; i++);
  fail_unless (i < n, "the raw read 7ABCI23 is not among the candidates");
  fail_unless_equals_string (formats[i], "us");

  /* a catch-all reading of two or three characters is mostly a fragment:
   * it ranks at half the prior of a longer one, its confidence (the
   * evidence) untouched */
  for (i = 0; i < 6; i++) {
    chars[i].n = 1;
    chars[i].ch[0] = "CJUJ79"[i];
    chars[i].conf[0] = 1.0f;
  }
  n = gst_anpr_plate_decode_full (GST_ANPR_REGION_US, chars, 6, out,
      formats, scores, 1);
  fail_unless_equals_int (n, 1);
  fail_unless_equals_string (out[0].text, "CJUJ79");
  fail_unless_equals_string (formats[0], "us");
  {
    gfloat long_score = scores[0];

    n = gst_anpr_plate_decode_full (GST_ANPR_REGION_US, chars, 2, out,
        formats, scores, 1);
    fail_unless_equals_int (n, 1);
    fail_unless_equals_string (out[0].text, "CJ");
    fail_unless_equals_string (formats[0], "us");
    fail_unless_equals_float (out[0].confidence, 1.0f);
    fail_unless_equals_float (scores[0], long_score * 0.5f);
  }

  /* the Missouri layout (AB1C2D) is one a shifted or dropped character
   * does not fit: a fit outranks the catch-all's reading of a doubted
   * character (a 9 read as S, 0.55 against 0.45) */
  for (i = 0; i < 6; i++) {
    chars[i].n = 1;
    chars[i].ch[0] = "UGSL8U"[i];
    chars[i].conf[0] = 1.0f;
  }
  chars[2].n = 2;
  chars[2].conf[0] = 0.55f;
  chars[2].ch[1] = '9';
  chars[2].conf[1] = 0.45f;
  n = gst_anpr_plate_decode_full (GST_ANPR_REGION_US, chars, 6, out,
      formats, scores, GST_ANPR_MAX_CANDIDATES);
  fail_unless (n >= 2);
  fail_unless_equals_string (out[0].text, "UG9L8U");
  fail_unless_equals_string (formats[0], "us-mo");
  for (i = 1; i < n && strcmp (out[i].text, "UGSL8U") != 0; i++);
  fail_unless (i < n, "the read as it is, UGSL8U, is not among the candidates");
  fail_unless (out[i].confidence > out[0].confidence);
}

GST_END_TEST;

GST_START_TEST (test_format_is_fallback)
{
  fail_unless (gst_anpr_plate_format_is_fallback ("eu"));
  fail_unless (gst_anpr_plate_format_is_fallback ("us"));
  fail_if (gst_anpr_plate_format_is_fallback ("eu-sk"));
  fail_if (gst_anpr_plate_format_is_fallback ("gb-dateless"));
  fail_if (gst_anpr_plate_format_is_fallback ("us-ca"));
  fail_if (gst_anpr_plate_format_is_fallback (""));
  fail_if (gst_anpr_plate_format_is_fallback (NULL));
}

GST_END_TEST;

GST_START_TEST (test_region_enum)
{
  GstAnprRegion r;
  GEnumClass *klass = g_type_class_ref (GST_ANPR_TYPE_REGION);

  fail_unless (gst_anpr_region_from_string ("GB", &r));
  fail_unless_equals_int (r, GST_ANPR_REGION_GB);
  fail_unless (gst_anpr_region_from_string ("auto", &r));
  fail_unless_equals_int (r, GST_ANPR_REGION_AUTO);
  fail_if (gst_anpr_region_from_string ("mars", &r));
  fail_unless_equals_string (gst_anpr_region_to_string (GST_ANPR_REGION_US),
      "us");
  fail_unless_equals_int (g_enum_get_value_by_nick (klass, "eu")->value,
      GST_ANPR_REGION_EU);
  g_type_class_unref (klass);
}

GST_END_TEST;

static Suite *
platerules_suite (void)
{
  Suite *s = suite_create ("platerules");
  TCase *tc = tcase_create ("general");

  anpr_check_fatal_log_domains ();
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_normalise);
  tcase_add_test (tc, test_confusable);
  tcase_add_test (tc, test_gb_formats);
  tcase_add_test (tc, test_gb_other_plates);
  tcase_add_test (tc, test_gb_position_correction);
  tcase_add_test (tc, test_gb_non_standard);
  tcase_add_test (tc, test_decode_choices);
  tcase_add_test (tc, test_eu_formats);
  tcase_add_test (tc, test_eu_position_correction);
  tcase_add_test (tc, test_us_position_correction);
  tcase_add_test (tc, test_auto_keeps_gb);
  tcase_add_test (tc, test_decode_scores);
  tcase_add_test (tc, test_format_is_fallback);
  tcase_add_test (tc, test_region_enum);
  return s;
}

GST_CHECK_MAIN (platerules);
