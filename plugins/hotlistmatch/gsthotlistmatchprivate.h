/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The element's instance struct and debug category, shared by the files
 * hotlistmatch is made of (see gsthotlistmatch.c).  Not installed. */

#ifndef __GST_HOTLIST_MATCH_PRIVATE_H__
#define __GST_HOTLIST_MATCH_PRIVATE_H__

#include <gst/gst.h>
#include <gst/base/gstbasetransform.h>
#include <gst/video/video.h>
#include <gst/anpr/anpr.h>

#include "analysis.h"
#include "gsthotlistmatch.h"
#include "mqttpublisher.h"

G_BEGIN_DECLS

GST_DEBUG_CATEGORY_EXTERN (gst_hotlist_match_debug);

struct _GstHotlistMatch
{
  GstBaseTransform parent;

  /* properties (hotlistprops.c), under the object lock */
  gchar *hotlist_path;
  gchar *hotlist_encoding;
  gdouble reload_interval;
  gchar *mqtt_url;
  gchar *camera_id;
  gchar *topic_prefix;
  gboolean publish_reads;
  gint mqtt_qos;
  gchar *client_id;
  gchar *username;
  gchar *password_file;
  gdouble dedup_window;
  gdouble max_distance;
  guint queue_size;
  /* MQTT TLS, keepalive, spool, evidence */
  gchar *ca_file;
  gchar *cert_file;
  gchar *key_file;
  guint keepalive;
  gchar *spool_dir;
  guint spool_max_messages;
  guint64 spool_max_bytes;
  guint read_max_age;           /* seconds, 0: none */
  gint evidence;                /* GstHotlistMatchEvidence */
  guint evidence_max_bytes;
  gdouble flush_timeout;
  guint status_interval;
  gdouble no_video_timeout;
  gint source_state;            /* GstHotlistMatchSourceState */
  gint entering;                /* GstHotlistMatchEntering */
  gboolean post_best_frame;
  gdouble vehicle_min_confidence;

  /* the hotlist (hotlistload.c), swapped under the object lock; file
   * watch thread, generations, hotlists swapped out while the streaming
   * thread held them (released off it) */
  GstAnprHotlist *hotlist;
  gboolean started;
  guint hotlist_gen;            /* bumped by every hotlist property set */
  guint loaded_gen;             /* generation loaded_sig belongs to */
  gchar *loaded_sig;            /* files' state at the last load or try */
  GSList *retired;              /* GstAnprHotlist */
  GThread *watch_thread;
  GMutex watch_lock;
  GCond watch_cond;
  gboolean watch_stop;          /* under watch_lock */

  /* hotlists over MQTT (hotlistremote.c): the properties; the list
   * received (or read from hotlist-cache), swapped under the object lock
   * like the files' one, and what the status says of it; the thread that
   * builds it, from start to stop */
  gchar *hotlist_name;
  gchar *hotlist_cache;
  GstAnprHotlist *remote_hotlist;       /* NULL: none, or the empty list */
  guint64 remote_version;       /* 0: none yet */
  gchar *remote_sha256;
  guint remote_entries;
  const gchar *remote_from;     /* "broker" or "cache" */
  gint64 remote_updated_us;     /* wall clock of the swap */
  gchar *remote_refused;        /* the last refusal, until a list applies */
  struct _HotlistRemote *remote;
  gint remote_status_due;       /* atomic: the status is to say it now */

  /* MQTT (hotlistmqtt.c) and reporting (hotlistpublish.c) */
  MqttPublisher *mqtt;          /* created in start, freed in stop */
  gchar *topic_match;
  gchar *topic_read;
  GHashTable *seen;             /* dedup key -> last seen (gint64 ns) */
  guint seen_calls;
  guint drops_unreported;
  gint64 last_drop_warning;
  gboolean eos_flushed;         /* EOS waited and reported the rest */

  /* health, for the status topic (hotlistmqtt.c): counted by the
   * streaming thread, read by the MQTT thread, under status_lock */
  GMutex status_lock;
  gint64 started_us;            /* monotonic */
  gint64 last_buffer_us;        /* 0: none yet */
  gint64 last_read_us;          /* a plate read; 0: none yet */
  guint64 frames_analysed;
  guint64 frames_dropped;
  /* from platedetect's anpr-frames (GST_ANPR_FRAMES): frames it searched,
   * and skipped by design; -1 until one arrives */
  gint64 frames_searched;
  gint64 frames_skipped;
  /* the MQTT thread's own */
  const gchar *status_state;    /* last published, NULL: none */
  gint64 last_status_us;
  guint64 status_frames;        /* frames_analysed then */

  /* dropped frames, streaming thread only */
  GstClockTime frame_duration;  /* from the caps, else NONE */
  GstClockTime last_pts;
  guint64 frames_dropped_unreported;
  gint64 last_frames_warning_us;

  /* the negotiated video, parsed in set_caps, for the evidence
   * (hotlistevidence.c); streaming thread only */
  GstVideoInfo info;
  gboolean evidence_readable;   /* raw video in system memory */
  AnalysisSkips skips;          /* evidence frames that would not map */

  /* vehicles being followed (hotlisttrack.c): track id -> HotlistTrack;
   * streaming thread only */
  GHashTable *tracks;
  GHashTable *reported_texts;   /* vehicle read -> its running time */
  guint64 frame_no;             /* buffers seen since start */
};

G_END_DECLS

#endif /* __GST_HOTLIST_MATCH_PRIVATE_H__ */
