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

#include <stdlib.h>
#include <string.h>

#include "platemotion.h"

/* Samples per cell: every SAMPLE_X-th pixel of every SAMPLE_Y-th row, 32
 * in a whole cell, enough to average noise away at a small fraction of
 * the cost of touching every pixel. */
#define SAMPLE_X 2
#define SAMPLE_Y 4

struct _PlateMotion
{
  gint width, height;           /* of the last look, 0: none yet */
  gint gw, gh;                  /* cells */
  guint32 *sums;                /* scratch, gw * gh */
  guint16 *counts;              /* samples per cell, gw * gh */
  guint8 *means, *last;         /* this look's and the last look's */
  guint8 *mask, *grown;         /* changed cells, and grown by the margin */
  gint *stack;                  /* flood fill */
  gint threshold;
};

PlateMotion *
plate_motion_new (void)
{
  PlateMotion *m = g_new0 (PlateMotion, 1);

  m->threshold = PLATE_MOTION_DEFAULT_THRESHOLD;
  return m;
}

static void
free_grids (PlateMotion * m)
{
  g_clear_pointer (&m->sums, g_free);
  g_clear_pointer (&m->counts, g_free);
  g_clear_pointer (&m->means, g_free);
  g_clear_pointer (&m->last, g_free);
  g_clear_pointer (&m->mask, g_free);
  g_clear_pointer (&m->grown, g_free);
  g_clear_pointer (&m->stack, g_free);
  m->width = m->height = m->gw = m->gh = 0;
}

void
plate_motion_free (PlateMotion * motion)
{
  if (!motion)
    return;
  free_grids (motion);
  g_free (motion);
}

void
plate_motion_reset (PlateMotion * motion)
{
  free_grids (motion);
}

void
plate_motion_set_threshold (PlateMotion * motion, gint threshold)
{
  motion->threshold = MAX (threshold, 0);
}

static void
alloc_grids (PlateMotion * m, gint width, gint height)
{
  gsize n;

  free_grids (m);
  m->width = width;
  m->height = height;
  m->gw = (width + PLATE_MOTION_CELL - 1) / PLATE_MOTION_CELL;
  m->gh = (height + PLATE_MOTION_CELL - 1) / PLATE_MOTION_CELL;
  n = (gsize) m->gw * m->gh;
  m->sums = g_new0 (guint32, n);
  m->counts = g_new0 (guint16, n);
  m->means = g_new0 (guint8, n);
  m->last = g_new0 (guint8, n);
  m->mask = g_new0 (guint8, n);
  m->grown = g_new0 (guint8, n);
  m->stack = g_new (gint, n);
}

/* Mean luma of every cell of @f into m->means. */
static void
cell_means (PlateMotion * m, const PlateFrame * f)
{
  gint ps = f->pixel_stride, off, x, y, cx;
  gsize n = (gsize) m->gw * m->gh, i;

  /* packed RGB: green alone follows luma closely enough for motion */
  off = f->pixels == PLATE_FRAME_PIXELS_RGB ? f->green_offset : f->luma_offset;
  memset (m->sums, 0, n * sizeof (guint32));
  memset (m->counts, 0, n * sizeof (guint16));
  for (y = 0; y < f->height; y += SAMPLE_Y) {
    const guint8 *row = f->data + (gsize) y * f->stride + off;
    guint32 *sums = m->sums + (gsize) (y / PLATE_MOTION_CELL) * m->gw;
    guint16 *counts = m->counts + (gsize) (y / PLATE_MOTION_CELL) * m->gw;

    for (cx = 0; cx < m->gw; cx++) {
      gint x0 = cx * PLATE_MOTION_CELL;
      gint x1 = MIN (x0 + PLATE_MOTION_CELL, f->width);
      guint32 s = 0;
      guint16 c = 0;

      for (x = x0; x < x1; x += SAMPLE_X) {
        s += row[(gsize) x * ps];
        c++;
      }
      sums[cx] += s;
      counts[cx] += c;
    }
  }
  for (i = 0; i < n; i++)
    m->means[i] = m->counts[i] ? m->sums[i] / m->counts[i] : 0;
}

/* m->mask grown by @cells in every direction into m->grown (a square
 * structuring element, done as a row pass and a column pass). */
static void
grow_mask (PlateMotion * m, gint cells)
{
  gint x, y, k, gw = m->gw, gh = m->gh;
  guint8 *tmp = m->means;       /* free again: reused as scratch */

  for (y = 0; y < gh; y++)
    for (x = 0; x < gw; x++) {
      guint8 v = 0;

      for (k = MAX (x - cells, 0); k <= MIN (x + cells, gw - 1) && !v; k++)
        v = m->mask[y * gw + k];
      tmp[y * gw + x] = v;
    }
  for (y = 0; y < gh; y++)
    for (x = 0; x < gw; x++) {
      guint8 v = 0;

      for (k = MAX (y - cells, 0); k <= MIN (y + cells, gh - 1) && !v; k++)
        v = tmp[k * gw + x];
      m->grown[y * gw + x] = v;
    }
}

/* The bounding boxes of the 4-connected components of m->grown. */
static void
component_boxes (PlateMotion * m, GArray * regions)
{
  gint gw = m->gw, gh = m->gh, i, n = gw * gh;

  for (i = 0; i < n; i++) {
    gint top = 0, x0, x1, y0, y1;
    PlateMotionRegion r = { 0, 0, 0, 0, 0, 0 };

    if (m->grown[i] != 1)
      continue;
    x0 = x1 = i % gw;
    y0 = y1 = i / gw;
    m->grown[i] = 2;
    m->stack[top++] = i;
    while (top > 0) {
      gint c = m->stack[--top], cx = c % gw, cy = c / gw;
      gint nb[4] = { cx > 0 ? c - 1 : -1, cx + 1 < gw ? c + 1 : -1,
        cy > 0 ? c - gw : -1, cy + 1 < gh ? c + gw : -1
      };
      gint k;

      x0 = MIN (x0, cx);
      x1 = MAX (x1, cx);
      y0 = MIN (y0, cy);
      y1 = MAX (y1, cy);
      for (k = 0; k < 4; k++)
        if (nb[k] >= 0 && m->grown[nb[k]] == 1) {
          m->grown[nb[k]] = 2;
          m->stack[top++] = nb[k];
        }
    }
    r.x = x0 * PLATE_MOTION_CELL;
    r.y = y0 * PLATE_MOTION_CELL;
    r.width = MIN ((x1 + 1) * PLATE_MOTION_CELL, m->width) - r.x;
    r.height = MIN ((y1 + 1) * PLATE_MOTION_CELL, m->height) - r.y;
    g_array_append_val (regions, r);
  }
}

gdouble
plate_motion_look (PlateMotion * motion, const PlateFrame * frame,
    gint margin, GArray * regions)
{
  PlateMotion *m = motion;
  gboolean first = FALSE;
  gsize n, i, changed = 0;
  guint8 *swap;

  if (frame->width != m->width || frame->height != m->height || !m->means) {
    alloc_grids (m, frame->width, frame->height);
    first = TRUE;
  }
  n = (gsize) m->gw * m->gh;
  cell_means (m, frame);
  for (i = 0; i < n; i++) {
    m->mask[i] = first || abs ((gint) m->means[i] - (gint) m->last[i]) >
        m->threshold;
    changed += m->mask[i];
  }
  swap = m->last;
  m->last = m->means;
  m->means = swap;

  if (first) {
    PlateMotionRegion r = { 0, 0, frame->width, frame->height, 0, 0 };

    g_array_append_val (regions, r);
    return 1.0;
  }
  if (changed > 0) {
    grow_mask (m, (MAX (margin, 0) + PLATE_MOTION_CELL - 1) /
        PLATE_MOTION_CELL);
    component_boxes (m, regions);
  }
  return n ? (gdouble) changed / n : 0.0;
}

static gboolean
touch (const PlateMotionRegion * a, const PlateMotionRegion * b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
      a->y <= b->y + b->height && b->y <= a->y + a->height;
}

gint64
plate_motion_merge_regions (GArray * regions)
{
  gboolean merged = TRUE;
  gint64 area = 0;
  guint i, j;

  /* few regions (a handful of vehicles and tracks): quadratic is fine */
  while (merged) {
    merged = FALSE;
    for (i = 0; i < regions->len && !merged; i++)
      for (j = i + 1; j < regions->len && !merged; j++) {
        PlateMotionRegion *a =
            &g_array_index (regions, PlateMotionRegion, i);
        const PlateMotionRegion *b =
            &g_array_index (regions, PlateMotionRegion, j);
        gint x0, y0, x1, y1;

        if (!touch (a, b))
          continue;
        x0 = MIN (a->x, b->x);
        y0 = MIN (a->y, b->y);
        x1 = MAX (a->x + a->width, b->x + b->width);
        y1 = MAX (a->y + a->height, b->y + b->height);
        /* Only where the box round both costs no more than the two: two
         * boxes meeting at a corner (two vehicles, a vehicle and a track
         * off its side) would otherwise be searched as the square they
         * span, mostly road.  Their overlap is then searched twice. */
        if ((gint64) (x1 - x0) * (y1 - y0) > (gint64) a->width * a->height
            + (gint64) b->width * b->height)
          continue;
        a->x = x0;
        a->y = y0;
        a->width = x1 - x0;
        a->height = y1 - y0;
        /* plates of both sizes looked for; of any when either is */
        if (a->plate_max_height > 0 && b->plate_max_height > 0) {
          a->plate_min_height = MIN (a->plate_min_height,
              b->plate_min_height);
          a->plate_max_height = MAX (a->plate_max_height,
              b->plate_max_height);
        } else {
          a->plate_min_height = a->plate_max_height = 0;
        }
        g_array_remove_index (regions, j);
        merged = TRUE;
      }
  }
  for (i = 0; i < regions->len; i++) {
    const PlateMotionRegion *r =
        &g_array_index (regions, PlateMotionRegion, i);
    area += (gint64) r->width * r->height;
  }
  return area;
}
