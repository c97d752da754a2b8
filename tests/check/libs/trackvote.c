/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* plateocr's vote over a track's readings (platetrackvote.c) and its
 * choice of which sightings to read (plateocrtracks.c). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <gst/anpr/anpr.h>

#include "anprcheck.h"
#include "plateocrtracks.h"
#include "platetrackvote.h"

/* A meta read as @text (confidence @conf, every character @conf) with
 * @alt as the second candidate, @height px high. */
static void
fill (GstAnprPlateMeta * m, const gchar * text, gfloat conf,
    const gchar * alt, gint height)
{
  GstAnprCandidate c[2];
  gfloat cc[GST_ANPR_MAX_TEXT];
  guint i;

  memset (m, 0, sizeof (*m));
  m->x = 100;
  m->y = 100;
  m->width = height * 4;
  m->height = height;
  g_strlcpy (c[0].text, text, sizeof (c[0].text));
  c[0].confidence = conf;
  g_strlcpy (c[1].text, alt ? alt : "", sizeof (c[1].text));
  c[1].confidence = conf / 3;
  for (i = 0; i < GST_ANPR_MAX_TEXT; i++)
    cc[i] = conf;
  gst_anpr_plate_meta_set_reading (m, "gb",
      gst_anpr_plate_match_format (GST_ANPR_REGION_GB, text), c,
      alt ? 2 : 1, cc);
}

/* The next frame, on which track @id (flagged @flags) shows @m as fill ()
 * left it, boxed like @sig: read when the tracks say so, and the track
 * updated.  Returns whether it was read. */
static gboolean
sight (PlateOcrTracks * t, GstAnprPlateMeta * m, guint64 id, guint flags,
    const PlateOcrSignature * sig, const PlateOcrTrackParams * p)
{
  gboolean r;

  plate_ocr_tracks_next_frame (t);
  m->track_id = id;
  m->track_flags = flags;
  r = plate_ocr_tracks_should_read (t, m, sig, p);
  plate_ocr_tracks_update (t, m, r, FALSE, sig, GST_ANPR_REGION_GB, p);
  return r;
}

GST_START_TEST (test_agreement_raises_confidence)
{
  PlateTrackVote *v = plate_track_vote_new (GST_ANPR_REGION_GB);
  PlateTrackRead r;
  GstAnprPlateMeta m;
  gint i;

  fail_if (plate_track_vote_result (v, &r));
  for (i = 0; i < 5; i++) {
    fill (&m, "RL54MWS", 0.8f, "RL54NWS", 40);
    plate_track_vote_add (v, &m, FALSE);
  }
  fail_unless (plate_track_vote_result (v, &r));
  fail_unless_equals_string (r.text, "RL54MWS");
  fail_unless_equals_string (r.format, "gb-current");
  /* five agreeing frames are worth more than any one of them */
  fail_unless (r.confidence > 0.85f, "%f", r.confidence);
  fail_unless (r.confidence < 1.0f);
  fail_unless_equals_int (r.n_agreeing, 5);
  fail_unless_equals_string (r.candidates[0].text, "RL54MWS");
  fail_unless_equals_string (r.candidates[1].text, "RL54NWS");
  plate_track_vote_free (v);
}

GST_END_TEST;

/* A runner-up more confident than the reading it follows (the reader ranks
 * by format as well: C11, an extra border character read, is a valid
 * plate too) never wins the track: no reading agrees with it, and the
 * vehicle would be reported with no confidence. */
GST_START_TEST (test_runner_up_never_wins)
{
  PlateTrackVote *v = plate_track_vote_new (GST_ANPR_REGION_GB);
  PlateTrackRead r;
  GstAnprPlateMeta m;
  GstAnprCandidate c[2];
  gfloat cc[GST_ANPR_MAX_TEXT];
  guint i, k;

  for (k = 0; k < 2; k++) {
    memset (&m, 0, sizeof (m));
    m.x = m.y = 100;
    m.width = 160;
    m.height = 40;
    g_strlcpy (c[0].text, "C1", sizeof (c[0].text));
    c[0].confidence = 0.35f;
    g_strlcpy (c[1].text, "C11", sizeof (c[1].text));
    c[1].confidence = 0.5f;
    for (i = 0; i < GST_ANPR_MAX_TEXT; i++)
      cc[i] = 0.6f;
    gst_anpr_plate_meta_set_reading (&m, "gb", "gb-dateless", c, 2, cc);
    plate_track_vote_add (v, &m, FALSE);
  }
  fail_unless (plate_track_vote_result (v, &r));
  fail_unless_equals_string (r.text, "C1");
  fail_unless_equals_int (r.n_agreeing, 2);
  fail_unless (r.confidence >= 0.35f, "%f", r.confidence);
  plate_track_vote_free (v);
}

GST_END_TEST;

GST_START_TEST (test_disagreement_holds_back)
{
  PlateTrackVote *v = plate_track_vote_new (GST_ANPR_REGION_GB);
  PlateTrackRead r, alone;
  GstAnprPlateMeta m;

  fill (&m, "RL54MWS", 0.8f, NULL, 40);
  plate_track_vote_add (v, &m, FALSE);
  plate_track_vote_add (v, &m, FALSE);
  plate_track_vote_result (v, &alone);
  fill (&m, "RL64MWS", 0.7f, NULL, 40);
  plate_track_vote_add (v, &m, FALSE);
  plate_track_vote_result (v, &r);
  fail_unless_equals_string (r.text, "RL54MWS");
  fail_unless (r.confidence < alone.confidence, "%f >= %f", r.confidence,
      alone.confidence);
  plate_track_vote_free (v);
}

GST_END_TEST;

/* Each frame misreads a different character: no frame has the plate
 * whole, the characters' vote does. */
GST_START_TEST (test_characters_vote)
{
  PlateTrackVote *v = plate_track_vote_new (GST_ANPR_REGION_GB);
  PlateTrackRead r;
  GstAnprPlateMeta m;
  const gchar *reads[] = { "RL54MWZ", "RL5AMWS", "PL54MWS", "RL54MW5",
    "RL54HWS"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (reads); i++) {
    fill (&m, reads[i], 0.6f, NULL, 40);
    plate_track_vote_add (v, &m, FALSE);
  }
  plate_track_vote_result (v, &r);
  fail_unless_equals_string (r.text, "RL54MWS");
  /* no reading had it: it is not believed as much as an agreed one */
  fail_unless (r.confidence < 0.9f, "%f", r.confidence);
  plate_track_vote_free (v);
}

GST_END_TEST;

/* The first sighting, cut by the frame edge, read T53KRM: the whole plate
 * read later decides, and cut readings alone never reach confidence. */
GST_START_TEST (test_cut_plate_never_decides)
{
  PlateTrackVote *v = plate_track_vote_new (GST_ANPR_REGION_GB);
  PlateTrackRead r;
  GstAnprPlateMeta m;
  gint i;

  for (i = 0; i < 4; i++) {
    fill (&m, "T53KRM", 0.9f, NULL, 40);
    plate_track_vote_add (v, &m, TRUE);
  }
  plate_track_vote_result (v, &r);
  fail_unless (r.confidence <= 0.5f, "%f", r.confidence);
  fail_unless_equals_int (r.n_agreeing, 0);

  fill (&m, "GT53KRM", 0.75f, NULL, 40);
  plate_track_vote_add (v, &m, FALSE);
  plate_track_vote_result (v, &r);
  fail_unless_equals_string (r.text, "GT53KRM");
  plate_track_vote_free (v);
}

GST_END_TEST;

/* Small far plates count less than large near ones. */
GST_START_TEST (test_size_weighs)
{
  PlateTrackVote *v = plate_track_vote_new (GST_ANPR_REGION_GB);
  PlateTrackRead r;
  GstAnprPlateMeta m;
  gint i;

  for (i = 0; i < 3; i++) {
    fill (&m, "AB12CDF", 0.7f, NULL, 9);
    plate_track_vote_add (v, &m, FALSE);
  }
  fill (&m, "AB12CDE", 0.7f, NULL, 45);
  plate_track_vote_add (v, &m, FALSE);
  plate_track_vote_add (v, &m, FALSE);
  plate_track_vote_result (v, &r);
  fail_unless_equals_string (r.text, "AB12CDE");
  fail_unless_equals_int (plate_track_vote_max_height (v), 45);
  plate_track_vote_free (v);
}

GST_END_TEST;

/* A vehicle parked for minutes: the vote keeps its best readings, within
 * its bounds. */
GST_START_TEST (test_long_track_bounded)
{
  PlateTrackVote *v = plate_track_vote_new (GST_ANPR_REGION_GB);
  PlateTrackRead r;
  GstAnprPlateMeta m;
  gint i;

  for (i = 0; i < 3000; i++) {
    fill (&m, "AB12CDE", 0.5f + (i % 40) / 100.0f, NULL, 40);
    plate_track_vote_add (v, &m, FALSE);
  }
  plate_track_vote_result (v, &r);
  fail_unless_equals_string (r.text, "AB12CDE");
  fail_unless_equals_int (r.n_readings, PLATE_TRACK_VOTE_MAX_READINGS);
  plate_track_vote_free (v);
}

GST_END_TEST;

/* A settled track is read every check-interval sightings, or when seen
 * clearly larger; an unsettled one every other sighting (each one when it
 * grows); a static one rarely. */
GST_START_TEST (test_settled_track_read_rarely)
{
  PlateOcrTracks *t = plate_ocr_tracks_new ();
  PlateOcrTrackParams p = { 8, 0.9, 3, 5 };
  GstAnprPlateMeta m;
  guint reads = 0, i;
  guint64 seen, read, recalled, confirmed;

  for (i = 0; i < 100; i++) {
    gboolean r;

    plate_ocr_tracks_next_frame (t);
    fill (&m, "AB12CDE", 0.95f, NULL, 40);
    m.track_id = 3;
    r = plate_ocr_tracks_should_read (t, &m, NULL, &p);
    if (!r)
      gst_anpr_plate_meta_set_reading (&m, "gb", NULL, NULL, 0, NULL);
    plate_ocr_tracks_update (t, &m, r, FALSE, NULL, GST_ANPR_REGION_GB, &p);
    reads += r;
    /* unsettled: read, not the very next frame (same size), read again */
    if (i == 0 || i == 2)
      fail_unless (r && !(m.track_flags & GST_ANPR_TRACK_FLAG_SETTLED));
    if (i == 1)
      fail_if (r);
    if (!r && i > 4) {
      fail_unless (m.track_flags & GST_ANPR_TRACK_FLAG_NOT_READ);
      fail_unless (m.track_flags & GST_ANPR_TRACK_FLAG_SETTLED);
      fail_unless_equals_string (m.track_text, "AB12CDE");
      fail_if (m.text[0]);
    }
  }
  /* three to settle (frames 0, 2, 4), then one in eight */
  fail_unless (reads >= 3 + 95 / 8 && reads <= 3 + 95 / 8 + 2, "%u", reads);
  plate_ocr_tracks_get_counts (t, &seen, &read, &recalled, &confirmed);
  fail_unless_equals_uint64 (recalled, 0);
  fail_unless_equals_uint64 (seen, 100);
  fail_unless_equals_uint64 (read, reads);

  /* a clearly larger view is read at once */
  plate_ocr_tracks_next_frame (t);
  fill (&m, "AB12CDE", 0.95f, NULL, 60);
  m.track_id = 3;
  fail_unless (plate_ocr_tracks_should_read (t, &m, NULL, &p));

  /* static text: rarely */
  reads = 0;
  for (i = 0; i < 200; i++) {
    fill (&m, "CAM07", 0.6f, NULL, 20);
    reads += sight (t, &m, 9, GST_ANPR_TRACK_FLAG_STATIC, NULL, &p);
  }
  fail_unless (reads <= 200 / 40 + 2, "%u", reads);

  /* a growing plate is read on consecutive frames while unsettled */
  for (i = 0; i < 3; i++) {
    plate_ocr_tracks_next_frame (t);
    fill (&m, i % 2 ? "XY12ZZZ" : "QR34WWW", 0.5f, NULL, 20 + 3 * i);
    m.track_id = 11;
    fail_unless (plate_ocr_tracks_should_read (t, &m, NULL, &p));
    plate_ocr_tracks_update (t, &m, TRUE, FALSE, NULL, GST_ANPR_REGION_GB,
        &p);
  }

  /* text that never settles (readings keep disagreeing) is read like a
   * settled track once it has had its share of readings */
  reads = 0;
  for (i = 0; i < 200; i++) {
    fill (&m, i % 2 ? "AB12CDE" : "XY34FGH", 0.4f, NULL, 30);
    reads += sight (t, &m, 12, 0, NULL, &p);
  }
  fail_unless (reads >= 8 && reads <= 8 + 200 / 8 + 2, "%u", reads);

  /* an ended track is forgotten: read afresh */
  plate_ocr_tracks_end (t, 3);
  fill (&m, "AB12CDE", 0.95f, NULL, 40);
  m.track_id = 3;
  fail_unless (plate_ocr_tracks_should_read (t, &m, NULL, &p));
  plate_ocr_tracks_free (t);
}

GST_END_TEST;

/* Two 64x16 pictures, stripes one way and the other, told apart by their
 * signatures */
typedef struct
{
  guint8 a[64 * 16], b[64 * 16];
  PlateOcrSignature sa, sb;
} TwoPictures;

static void
two_pictures_init (TwoPictures * p)
{
  PlateFrame img = { PLATE_FRAME_PIXELS_LUMA, p->a, 64, 16, 64, 1, 0, 0, 0,
    0
  };
  guint i;

  for (i = 0; i < sizeof (p->a); i++) {
    p->a[i] = (i % 64) < 32 ? 30 : 220;
    p->b[i] = (i % 64) < 32 ? 220 : 30;
  }
  plate_ocr_signature_compute (&img, 0, 0, 64, 16, &p->sa);
  img.data = p->b;
  plate_ocr_signature_compute (&img, 0, 0, 64, 16, &p->sb);
  fail_unless (p->sa.valid && p->sb.valid);
}

/* Track @id settled on AB12CDE, boxed like @sig: five sightings, three of
 * them read; no check of its text while it is unsettled. */
static void
settle (PlateOcrTracks * t, GstAnprPlateMeta * m, guint64 id,
    const PlateOcrSignature * sig, const PlateOcrTrackParams * p)
{
  guint i;

  for (i = 0; i < 5; i++) {
    plate_ocr_tracks_next_frame (t);
    fill (m, "AB12CDE", 0.95f, NULL, 40);
    m->track_id = id;
    fail_if (plate_ocr_tracks_check_text (t, m));
    plate_ocr_tracks_update (t, m, i % 2 == 0, FALSE, sig,
        GST_ANPR_REGION_GB, p);
  }
  fail_unless (m->track_flags & GST_ANPR_TRACK_FLAG_SETTLED);
}

/* A picture of character strokes, 3 pixels of ink every 10, on light
 * ground, 200x50. */
static void
strokes (guint8 * px)
{
  gint x, y;

  for (y = 0; y < 50; y++)
    for (x = 0; x < 200; x++)
      px[y * 200 + x] = y >= 10 && y < 40 && x % 10 < 3 ? 30 : 220;
}

/* The detector's box moving by a pixel against the plate shows the same
 * picture (point samples on the strokes flipped between ink and ground);
 * the box on the vehicle's body shows something else. */
GST_START_TEST (test_signature_box_jitter)
{
  guint8 px[200 * 50];
  PlateFrame img = { PLATE_FRAME_PIXELS_LUMA, px, 200, 50, 200, 1, 0, 0, 0,
    0
  };
  PlateOcrTracks *t = plate_ocr_tracks_new ();
  PlateOcrTrackParams p = { 8, 0.9, 3, 5 };
  PlateOcrSignature at, jitter, other;
  GstAnprPlateMeta m;

  strokes (px);
  plate_ocr_signature_compute (&img, 10, 5, 180, 40, &at);
  plate_ocr_signature_compute (&img, 11, 6, 180, 40, &jitter);
  /* the box on the vehicle's body: no plate in it any more */
  memset (px, 120, sizeof (px));
  plate_ocr_signature_compute (&img, 10, 5, 180, 40, &other);

  settle (t, &m, 4, &at, &p);
  plate_ocr_tracks_next_frame (t);
  fill (&m, "", 0.0f, NULL, 40);
  m.track_id = 4;
  fail_if (plate_ocr_tracks_should_read (t, &m, &jitter, &p));
  fail_unless (plate_ocr_tracks_should_read (t, &m, &other, &p));
  plate_ocr_tracks_free (t);
}

GST_END_TEST;

/* A settled track whose box shows something else (another image at the
 * same place) is read again at once. */
GST_START_TEST (test_changed_picture_read)
{
  PlateOcrTracks *t = plate_ocr_tracks_new ();
  PlateOcrTrackParams p = { 8, 0.9, 3, 5 };
  TwoPictures pic;
  GstAnprPlateMeta m;
  guint i;

  two_pictures_init (&pic);
  for (i = 0; i < 5; i++) {
    plate_ocr_tracks_next_frame (t);
    fill (&m, "AB12CDE", 0.95f, NULL, 40);
    m.x = m.y = 0;
    m.track_id = 4;
    if (i >= 3)
      fail_if (plate_ocr_tracks_should_read (t, &m, &pic.sa, &p));
    plate_ocr_tracks_update (t, &m, i < 3, FALSE, &pic.sa,
        GST_ANPR_REGION_GB, &p);
  }
  fail_unless (plate_ocr_tracks_should_read (t, &m, &pic.sb, &p));
  plate_ocr_tracks_free (t);
}

GST_END_TEST;

/* An unsettled track whose box stays put showing the same picture (a
 * window the detector took for a plate) is read like a settled one; moved,
 * it is read again at once. */
GST_START_TEST (test_still_box_read_rarely)
{
  PlateOcrTracks *t = plate_ocr_tracks_new ();
  PlateOcrTrackParams p = { 8, 0.9, 3, 5 };
  TwoPictures pic;
  GstAnprPlateMeta m;
  guint i, reads = 0;

  two_pictures_init (&pic);
  for (i = 0; i < 40; i++) {
    fill (&m, i % 2 ? "W0" : "4M", 0.1f, NULL, 40);
    reads += sight (t, &m, 6, 0, &pic.sa, &p);
  }
  fail_unless (reads >= 40 / 8 && reads <= 40 / 8 + 1, "%u", reads);
  plate_ocr_tracks_next_frame (t);
  fill (&m, "W0", 0.1f, NULL, 40);
  m.track_id = 6;
  m.x += 20;
  fail_unless (plate_ocr_tracks_should_read (t, &m, &pic.sa, &p));
  plate_ocr_tracks_free (t);
}

GST_END_TEST;

/* Static text whose picture keeps changing (a clock) is read as rarely as
 * static text that does not: not on every change. */
GST_START_TEST (test_ticking_clock_read_rarely)
{
  PlateOcrTracks *t = plate_ocr_tracks_new ();
  PlateOcrTrackParams p = { 8, 0.9, 3, 5 };
  TwoPictures pic;
  GstAnprPlateMeta m;
  guint i, reads = 0;

  two_pictures_init (&pic);
  for (i = 0; i < 200; i++) {
    fill (&m, "I0I513", 0.3f, NULL, 20);
    reads += sight (t, &m, 8, GST_ANPR_TRACK_FLAG_STATIC,
        i % 2 ? &pic.sa : &pic.sb, &p);
  }
  fail_unless (reads >= 200 / 40 && reads <= 200 / 40 + 2, "%u", reads);
  plate_ocr_tracks_free (t);
}

GST_END_TEST;

/* A static box at a place read before, showing the same picture, has its
 * reading recalled, whichever track it is on now; another picture there,
 * another place or a moving track is read. */
GST_START_TEST (test_static_reading_recalled)
{
  PlateOcrTracks *t = plate_ocr_tracks_new ();
  TwoPictures pic;
  PlateReading r, got;
  GstAnprPlateMeta m;
  guint64 seen, read, recalled, confirmed;

  two_pictures_init (&pic);

  memset (&r, 0, sizeof (r));
  r.n_candidates = 1;
  g_strlcpy (r.candidates[0].text, "CAM07", sizeof (r.candidates[0].text));
  r.candidates[0].confidence = 0.4f;

  plate_ocr_tracks_next_frame (t);
  fill (&m, "CAM07", 0.4f, NULL, 40);
  m.track_id = 21;
  m.track_flags = GST_ANPR_TRACK_FLAG_STATIC;
  fail_if (plate_ocr_tracks_recall_static (t, &m, &pic.sa, &got));
  plate_ocr_tracks_remember_static (t, &m, &pic.sa, &r);

  /* another track, one pixel off, the same picture */
  plate_ocr_tracks_next_frame (t);
  fill (&m, "", 0.0f, NULL, 40);
  m.x += 1;
  m.track_id = 22;
  m.track_flags = GST_ANPR_TRACK_FLAG_STATIC | GST_ANPR_TRACK_FLAG_NEW;
  fail_unless (plate_ocr_tracks_recall_static (t, &m, &pic.sa, &got));
  fail_unless_equals_string (got.candidates[0].text, "CAM07");
  /* another picture there */
  fail_if (plate_ocr_tracks_recall_static (t, &m, &pic.sb, &got));
  /* another place */
  m.x += 20;
  fail_if (plate_ocr_tracks_recall_static (t, &m, &pic.sa, &got));
  /* a moving track at the same place */
  m.x -= 20;
  m.track_flags = 0;
  fail_if (plate_ocr_tracks_recall_static (t, &m, &pic.sa, &got));

  plate_ocr_tracks_get_counts (t, &seen, &read, &recalled, &confirmed);
  fail_unless_equals_uint64 (recalled, 1);
  plate_ocr_tracks_free (t);
}

GST_END_TEST;

/* A new track of static text on static text read before (another piece
 * of a caption, boxed otherwise) waits for its turn; a new static track
 * elsewhere (text found when the stream starts: maybe a parked vehicle)
 * and a new moving track there are read at once. */
GST_START_TEST (test_static_piece_waits)
{
  PlateOcrTracks *t = plate_ocr_tracks_new ();
  PlateOcrTrackParams p = { 8, 0.9, 3, 5 };
  TwoPictures pic;
  PlateReading r;
  GstAnprPlateMeta m;
  guint i, reads = 0;

  two_pictures_init (&pic);
  memset (&r, 0, sizeof (r));
  r.n_candidates = 1;
  g_strlcpy (r.candidates[0].text, "CAM07202612",
      sizeof (r.candidates[0].text));
  r.candidates[0].confidence = 0.5f;

  /* the whole caption, 160x40 at 100,100, read on its first sighting */
  fill (&m, "CAM07202612", 0.5f, NULL, 40);
  fail_unless (sight (t, &m, 31, GST_ANPR_TRACK_FLAG_STATIC |
          GST_ANPR_TRACK_FLAG_NEW, &pic.sa, &p));
  plate_ocr_tracks_remember_static (t, &m, &pic.sa, &r);

  /* its right half on a new track, showing another picture (the clock
   * ticked): not read until its turn */
  fill (&m, "", 0.0f, NULL, 40);
  m.x += 80;
  m.width = 80;
  fail_if (sight (t, &m, 32, GST_ANPR_TRACK_FLAG_STATIC |
          GST_ANPR_TRACK_FLAG_NEW, &pic.sb, &p));
  for (i = 1; i < 8 * 5; i++)
    reads += sight (t, &m, 32, GST_ANPR_TRACK_FLAG_STATIC, &pic.sb, &p);
  fail_unless_equals_int (reads, 1);

  /* static text found elsewhere: read at once */
  fill (&m, "", 0.0f, NULL, 40);
  m.y += 200;
  fail_unless (sight (t, &m, 33, GST_ANPR_TRACK_FLAG_STATIC |
          GST_ANPR_TRACK_FLAG_NEW, &pic.sa, &p));
  /* a box that only touches the caption's corner is not a piece of it */
  fill (&m, "", 0.0f, NULL, 40);
  m.x += 150;
  m.y += 30;
  fail_unless (sight (t, &m, 34, GST_ANPR_TRACK_FLAG_STATIC |
          GST_ANPR_TRACK_FLAG_NEW, &pic.sa, &p));
  /* a vehicle passing over the caption: read at once */
  fill (&m, "", 0.0f, NULL, 40);
  fail_unless (sight (t, &m, 35, GST_ANPR_TRACK_FLAG_NEW, &pic.sa, &p));
  plate_ocr_tracks_free (t);
}

GST_END_TEST;

/* A settled track's look (a larger view, a changed picture) may be a
 * check of its text instead of a reading; what a check confirmed counts
 * as looked at.  An unsettled or a static track is read. */
GST_START_TEST (test_settled_track_checked)
{
  PlateOcrTracks *t = plate_ocr_tracks_new ();
  PlateOcrTrackParams p = { 8, 0.9, 3, 5 };
  TwoPictures pic;
  GstAnprPlateMeta m;
  guint64 seen, read, recalled, confirmed;

  two_pictures_init (&pic);
  /* unsettled: no check */
  settle (t, &m, 9, &pic.sa, &p);

  /* a larger view: to be looked at, and a check will do */
  plate_ocr_tracks_next_frame (t);
  fill (&m, "", 0.0f, NULL, 60);
  m.track_id = 9;
  fail_unless (plate_ocr_tracks_should_read (t, &m, &pic.sa, &p));
  fail_unless_equals_string (plate_ocr_tracks_check_text (t, &m),
      "AB12CDE");
  /* the box showing something else: read at once, but a check may do */
  fail_unless (plate_ocr_tracks_should_read (t, &m, &pic.sb, &p));
  fail_unless_equals_string (plate_ocr_tracks_check_text (t, &m),
      "AB12CDE");
  m.track_flags = GST_ANPR_TRACK_FLAG_STATIC;
  fail_if (plate_ocr_tracks_check_text (t, &m));
  m.track_flags = 0;
  plate_ocr_tracks_confirmed (t, &m, &pic.sa, &p);
  fail_unless (m.track_flags & GST_ANPR_TRACK_FLAG_SETTLED);
  fail_unless (m.track_flags & GST_ANPR_TRACK_FLAG_NOT_READ);
  fail_unless_equals_string (m.track_text, "AB12CDE");

  /* the confirmed size is the one to beat, and the look was done */
  plate_ocr_tracks_next_frame (t);
  fill (&m, "", 0.0f, NULL, 64);
  m.track_id = 9;
  fail_if (plate_ocr_tracks_should_read (t, &m, &pic.sa, &p));
  plate_ocr_tracks_update (t, &m, FALSE, FALSE, &pic.sa, GST_ANPR_REGION_GB,
      &p);
  plate_ocr_tracks_next_frame (t);
  fill (&m, "", 0.0f, NULL, 76);
  m.track_id = 9;
  fail_unless (plate_ocr_tracks_should_read (t, &m, &pic.sa, &p));

  plate_ocr_tracks_get_counts (t, &seen, &read, &recalled, &confirmed);
  fail_unless_equals_uint64 (confirmed, 1);
  fail_unless_equals_uint64 (read, 3);
  fail_unless_equals_uint64 (seen, 7);
  plate_ocr_tracks_free (t);
}

GST_END_TEST;

static Suite *
trackvote_suite (void)
{
  Suite *s = suite_create ("trackvote");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_agreement_raises_confidence);
  tcase_add_test (tc, test_disagreement_holds_back);
  tcase_add_test (tc, test_runner_up_never_wins);
  tcase_add_test (tc, test_characters_vote);
  tcase_add_test (tc, test_cut_plate_never_decides);
  tcase_add_test (tc, test_size_weighs);
  tcase_add_test (tc, test_long_track_bounded);
  tcase_add_test (tc, test_settled_track_read_rarely);
  tcase_add_test (tc, test_changed_picture_read);
  tcase_add_test (tc, test_still_box_read_rarely);
  tcase_add_test (tc, test_ticking_clock_read_rarely);
  tcase_add_test (tc, test_static_reading_recalled);
  tcase_add_test (tc, test_static_piece_waits);
  tcase_add_test (tc, test_signature_box_jitter);
  tcase_add_test (tc, test_settled_track_checked);
  return s;
}

GST_CHECK_MAIN (trackvote);
