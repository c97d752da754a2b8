/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The element's properties: their gtk-doc, defaults and ranges, and their
 * values, read and written under the object lock.  What a property does is
 * in the file of its concern. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "hotlistevidence.h"
#include "hotlistload.h"
#include "hotlistmqtt.h"
#include "hotlistprops.h"

#define DEFAULT_PROP_HOTLIST NULL
#define DEFAULT_PROP_HOTLIST_ENCODING "UTF-8"
#define DEFAULT_PROP_RELOAD_INTERVAL 0.5
#define DEFAULT_PROP_MQTT_URL NULL
#define DEFAULT_PROP_CAMERA_ID "camera0"
#define DEFAULT_PROP_TOPIC_PREFIX "anpr"
#define DEFAULT_PROP_PUBLISH_READS FALSE
#define DEFAULT_PROP_MQTT_QOS 1
#define DEFAULT_PROP_MQTT_CLIENT_ID NULL
#define DEFAULT_PROP_MQTT_USERNAME NULL
#define DEFAULT_PROP_MQTT_PASSWORD_FILE NULL
#define DEFAULT_PROP_DEDUP_WINDOW 60.0
#define DEFAULT_PROP_MAX_DISTANCE GST_ANPR_HOTLIST_DEFAULT_MAX_DISTANCE
#define DEFAULT_PROP_QUEUE_SIZE 1000
#define DEFAULT_PROP_MQTT_CA_FILE NULL
#define DEFAULT_PROP_MQTT_CERT_FILE NULL
#define DEFAULT_PROP_MQTT_KEY_FILE NULL
#define DEFAULT_PROP_MQTT_KEEPALIVE 30
#define DEFAULT_PROP_SPOOL_DIR NULL
#define DEFAULT_PROP_SPOOL_MAX_MESSAGES 10000
#define DEFAULT_PROP_SPOOL_MAX_BYTES (64 * 1024 * 1024)
#define DEFAULT_PROP_READ_MAX_AGE (24 * 60 * 60)
#define DEFAULT_PROP_EVIDENCE GST_HOTLIST_MATCH_EVIDENCE_NONE
#define DEFAULT_PROP_EVIDENCE_MAX_BYTES (64 * 1024)
#define DEFAULT_PROP_FLUSH_TIMEOUT 5.0
#define DEFAULT_PROP_STATUS_INTERVAL 30
#define DEFAULT_PROP_NO_VIDEO_TIMEOUT 10.0
#define DEFAULT_PROP_SOURCE_STATE GST_HOTLIST_MATCH_SOURCE_LIVE
#define DEFAULT_PROP_ENTERING GST_HOTLIST_MATCH_ENTERING_NONE
#define DEFAULT_PROP_POST_BEST_FRAME FALSE
/* under it, a track's read is mostly fragments and other text (a
 * vehicle's, even a poorly read one, rarely is) */
#define DEFAULT_PROP_VEHICLE_MIN_CONFIDENCE 0.3
/* hotlists over MQTT (hotlistremote.c): off */
#define DEFAULT_PROP_HOTLIST_NAME NULL
#define DEFAULT_PROP_HOTLIST_CACHE NULL

enum
{
  PROP_0,
  PROP_HOTLIST,
  PROP_RELOAD_INTERVAL,
  PROP_MQTT_URL,
  PROP_CAMERA_ID,
  PROP_TOPIC_PREFIX,
  PROP_PUBLISH_READS,
  PROP_MQTT_QOS,
  PROP_MQTT_CLIENT_ID,
  PROP_MQTT_USERNAME,
  PROP_MQTT_PASSWORD_FILE,
  PROP_DEDUP_WINDOW,
  PROP_MAX_DISTANCE,
  PROP_QUEUE_SIZE,
  PROP_MQTT_CA_FILE,
  PROP_MQTT_CERT_FILE,
  PROP_MQTT_KEY_FILE,
  PROP_MQTT_KEEPALIVE,
  PROP_SPOOL_DIR,
  PROP_SPOOL_MAX_MESSAGES,
  PROP_SPOOL_MAX_BYTES,
  PROP_READ_MAX_AGE,
  PROP_EVIDENCE,
  PROP_EVIDENCE_MAX_BYTES,
  PROP_FLUSH_TIMEOUT,
  PROP_STATUS_INTERVAL,
  PROP_NO_VIDEO_TIMEOUT,
  PROP_SOURCE_STATE,
  PROP_HOTLIST_ENCODING,
  PROP_ENTERING,
  PROP_POST_BEST_FRAME,
  PROP_VEHICLE_MIN_CONFIDENCE,
  PROP_HOTLIST_NAME,
  PROP_HOTLIST_CACHE,
  PROP_HOTLIST_VERSION,
};

void
gst_hotlist_match_install_properties (GObjectClass * gobject_class)
{
  /**
   * GstHotlistMatch:hotlist:
   *
   * The hotlist: one or more CSV files (see #GstAnprHotlist for the
   * format), separated by ',' or ';'.  At start a list that cannot be
   * loaded is an error: a file missing, unreadable, not a regular file
   * (a FIFO or a device is refused without waiting on it), larger than
   * %GST_ANPR_HOTLIST_MAX_FILE_SIZE or without a `plate` column, or files
   * that hold no entries at all (empty, header row only, every line
   * malformed).  Set while the element runs, the new list is loaded at
   * once, in the caller's thread, and replaces the current one between two
   * frames; a list that cannot be loaded leaves the current one in force
   * and posts a warning.  Unset (or empty), nothing matches.
   */
  g_object_class_install_property (gobject_class, PROP_HOTLIST,
      g_param_spec_string ("hotlist", "Hotlist",
          "Hotlist CSV file(s), separated by ',' or ';'.  Setting it while "
          "running reloads the list (the previous one stays on error)",
          DEFAULT_PROP_HOTLIST,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:hotlist-encoding:
   *
   * The character set of the hotlist files: UTF-8 (a byte order mark is
   * fine), or one that g_convert() knows, such as ISO-8859-1 or
   * WINDOWS-1252, converted to UTF-8 as the files are read.  In a UTF-8 list
   * a line with bytes that are not UTF-8 still loads, with those bytes
   * replaced by U+FFFD and a warning pointing here.  A file that is not
   * valid in a named character set, or a set g_convert() does not know,
   * fails the load.  Used from the next load on (start, setting
   * #GstHotlistMatch:hotlist, a file change).
   */
  g_object_class_install_property (gobject_class, PROP_HOTLIST_ENCODING,
      g_param_spec_string ("hotlist-encoding", "Hotlist encoding",
          "Character set of the hotlist files (UTF-8, ISO-8859-1, "
          "WINDOWS-1252, ...), converted to UTF-8 when loaded",
          DEFAULT_PROP_HOTLIST_ENCODING,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:reload-interval:
   *
   * Seconds between two looks at the hotlist files (inode, size,
   * modification time).  A file edited or replaced is loaded again in the
   * watching thread and swapped in whole between two frames; streaming never
   * waits for a load.  Replace files atomically (write a new file, rename it
   * over the old); a file edited in place is loaded once it has stopped
   * changing.  A list that fails to load (unreadable, deleted, no `plate`
   * column, no entries left: see #GstHotlistMatch:hotlist) leaves the
   * current one in force and posts a warning saying why, once per change.
   * 0 watches nothing.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_RELOAD_INTERVAL,
      g_param_spec_double ("reload-interval", "Reload interval",
          "Seconds between checks of the hotlist files: an edited or "
          "replaced (atomically renamed) file is reloaded in the background "
          "and takes effect without disturbing the stream (a file that "
          "fails to load leaves the current list in force, with a warning); "
          "0 disables watching", 0.0, 3600.0, DEFAULT_PROP_RELOAD_INTERVAL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-url:
   *
   * The broker: `mqtt://host[:port]`, or `mqtts://host[:port]` for TLS.
   * Empty: no MQTT; matches are only posted on the bus.  A user name or
   * password in the URL is refused.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_URL,
      g_param_spec_string ("mqtt-url", "MQTT URL",
          "Broker as mqtt://host:port; empty: no MQTT, bus messages only",
          DEFAULT_PROP_MQTT_URL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:camera-id:
   *
   * The camera's name, in every event and in the topics; one topic level,
   * so without '/', '+' or '#'.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_CAMERA_ID,
      g_param_spec_string ("camera-id", "Camera id",
          "Camera name in events and topics (no '/', '+' or '#')",
          DEFAULT_PROP_CAMERA_ID,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:topic-prefix:
   *
   * The first level(s) of the topics
   * `<topic-prefix>/<camera-id>/{match,read,status}`; may contain '/', not
   * '+' or '#'.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_TOPIC_PREFIX,
      g_param_spec_string ("topic-prefix", "Topic prefix",
          "Topics are <topic-prefix>/<camera-id>/{match,read,status}",
          DEFAULT_PROP_TOPIC_PREFIX,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:publish-reads:
   *
   * Also publish every vehicle's read, deduplicated like matches but keyed
   * on the read text, to `<topic-prefix>/<camera-id>/read` (for roadside
   * boards).  Reads are never posted on the bus.  Takes effect with the next
   * buffer.
   */
  g_object_class_install_property (gobject_class, PROP_PUBLISH_READS,
      g_param_spec_boolean ("publish-reads", "Publish reads",
          "Also publish every vehicle's read (deduplicated) to "
          "<topic-prefix>/<camera-id>/read",
          DEFAULT_PROP_PUBLISH_READS,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:mqtt-qos:
   *
   * The MQTT QoS (0, 1 or 2) of match and read messages; the status topic
   * always uses 1.  Not to be confused with #GstBaseTransform:qos, the
   * element's Quality-of-Service switch.  Takes effect with the next message
   * queued.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_QOS,
      g_param_spec_int ("mqtt-qos", "MQTT QoS",
          "MQTT QoS of match and read events",
          0, 2, DEFAULT_PROP_MQTT_QOS,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:mqtt-client-id:
   *
   * The MQTT client id; not set, `gst-anpr-<camera-id>-<random>`.  Read at
   * start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_CLIENT_ID,
      g_param_spec_string ("mqtt-client-id", "MQTT client id",
          "MQTT client id (default: gst-anpr-<camera-id>-<random>)",
          DEFAULT_PROP_MQTT_CLIENT_ID,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-username:
   *
   * The MQTT user name; not set, anonymous.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_USERNAME,
      g_param_spec_string ("mqtt-username", "MQTT user name",
          "MQTT user name (empty: anonymous)",
          DEFAULT_PROP_MQTT_USERNAME,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-password-file:
   *
   * A file whose first line is the MQTT password.  Not set: the environment
   * variable ANPR_MQTT_PASSWORD, if any.  The password is never a property,
   * never shown and never logged.  The file is read at start; one that cannot
   * be read is an error.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_PASSWORD_FILE,
      g_param_spec_string ("mqtt-password-file", "MQTT password file",
          "File holding the MQTT password (first line); when not set the "
          "password comes from the environment variable "
          HOTLIST_MQTT_PASSWORD_ENV
          ", if any.  The password itself is never shown or logged",
          DEFAULT_PROP_MQTT_PASSWORD_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:dedup-window:
   *
   * Seconds a listed vehicle (for reads, a plate text) must go unseen at
   * this camera before it is reported again.  The window slides with every
   * sighting, so a vehicle standing in view alerts once.  Times are the
   * buffers' running time, the wall clock for buffers without one.  0
   * reports every sighting.  Takes effect with the next buffer.
   */
  g_object_class_install_property (gobject_class, PROP_DEDUP_WINDOW,
      g_param_spec_double ("dedup-window", "Deduplication window",
          "Seconds a listed plate (or, for reads, a plate text) must go "
          "unseen at this camera before it is reported again; 0 reports "
          "every sighting", 0.0, 7 * 24 * 3600.0, DEFAULT_PROP_DEDUP_WINDOW,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:max-distance:
   *
   * The most a fuzzy match may cost, in weighted edits: a confusion between
   * look-alike characters (0/O, 8/B, ...) costs 0.5, any other edit 1.  0
   * allows exact and partial matches only.  The default, 0.5, allows one
   * look-alike confusion: the mistake a reader makes.  A plate one other
   * character away from a listed one (RL64MWS for RL54MWS) is as often
   * another vehicle as a misread; 1 alerts on those too, at the cost of
   * sending officers after wrong cars.  Takes effect with the next
   * buffer.
   */
  g_object_class_install_property (gobject_class, PROP_MAX_DISTANCE,
      g_param_spec_double ("max-distance", "Maximum distance",
          "Fuzzy match budget: a confusable substitution (0/O, 8/B, ...) "
          "costs 0.5, other edits 1; 0 disables fuzzy matching",
          0.0, 4.0, DEFAULT_PROP_MAX_DISTANCE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:queue-size:
   *
   * The most MQTT messages held in memory while the broker is slow or away;
   * beyond it the oldest not yet sent is dropped and a warning says how many
   * were.  With #GstHotlistMatch:spool-dir: how many more are kept in memory
   * once the spool is full.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_QUEUE_SIZE,
      g_param_spec_uint ("queue-size", "Queue size",
          "Most MQTT messages kept in memory while the broker is slow or "
          "away; beyond it the oldest are dropped with a warning",
          1, 1000000, DEFAULT_PROP_QUEUE_SIZE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-ca-file:
   *
   * With an `mqtts://` URL: the CA certificate(s), PEM, the broker's
   * certificate must chain to; not set, the system's trusted CAs.  The
   * broker's certificate must name the URL's host.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_CA_FILE,
      g_param_spec_string ("mqtt-ca-file", "MQTT CA file",
          "With mqtts://: CA certificate(s) (PEM) the broker's certificate "
          "must chain to; not set: the system's trusted CAs",
          DEFAULT_PROP_MQTT_CA_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-cert-file:
   *
   * With an `mqtts://` URL: a client certificate, PEM, for brokers that ask
   * for one; needs #GstHotlistMatch:mqtt-key-file.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_CERT_FILE,
      g_param_spec_string ("mqtt-cert-file", "MQTT client certificate",
          "With mqtts://: client certificate (PEM), with mqtt-key-file",
          DEFAULT_PROP_MQTT_CERT_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-key-file:
   *
   * With an `mqtts://` URL: the client certificate's private key, PEM and
   * unencrypted (the element never prompts for a passphrase).  Read at
   * start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_KEY_FILE,
      g_param_spec_string ("mqtt-key-file", "MQTT client key",
          "With mqtts://: the client certificate's key (PEM, unencrypted)",
          DEFAULT_PROP_MQTT_KEY_FILE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:mqtt-keepalive:
   *
   * Seconds between MQTT keepalives; the broker publishes the retained
   * `offline` last will after 1.5 times this without traffic.  Read at
   * start.
   */
  g_object_class_install_property (gobject_class, PROP_MQTT_KEEPALIVE,
      g_param_spec_uint ("mqtt-keepalive", "MQTT keepalive",
          "Seconds between MQTT keepalives; the broker publishes the "
          "'offline' last will after 1.5 times this without traffic",
          5, 65535, DEFAULT_PROP_MQTT_KEEPALIVE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:spool-dir:
   *
   * A directory where every MQTT message is also kept, one file each, until
   * the broker acknowledges it; what is left there is sent after the next
   * start, oldest first (only files for this camera's own topics).  One
   * element per directory; it must belong to the pipeline's user and not be
   * writable by others (a missing one is made with mode 0700).  One that
   * cannot be used is refused with a warning, and messages are then kept in
   * memory only.  Not set: memory only.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_SPOOL_DIR,
      g_param_spec_string ("spool-dir", "Spool directory",
          "Keep MQTT messages not yet acknowledged on disk here (one file "
          "each) and send what is left there at the next start; not set: "
          "in memory only (queue-size)", DEFAULT_PROP_SPOOL_DIR,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:spool-max-messages:
   *
   * With #GstHotlistMatch:spool-dir: the most messages kept on disk; beyond
   * it messages are kept in memory only (#GstHotlistMatch:queue-size more),
   * with a warning.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_SPOOL_MAX_MESSAGES,
      g_param_spec_uint ("spool-max-messages", "Spool maximum messages",
          "With spool-dir: most messages kept on disk; beyond it they are "
          "kept in memory only (queue-size more), with a warning", 1, G_MAXUINT,
          DEFAULT_PROP_SPOOL_MAX_MESSAGES,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:spool-max-bytes:
   *
   * With #GstHotlistMatch:spool-dir: the most payload bytes kept on disk;
   * beyond it messages are kept in memory only, with a warning.  Read at
   * start.
   */
  g_object_class_install_property (gobject_class, PROP_SPOOL_MAX_BYTES,
      g_param_spec_uint64 ("spool-max-bytes", "Spool maximum bytes",
          "With spool-dir: most payload bytes kept on disk; beyond it "
          "messages are kept in memory only, with a warning", 1024,
          G_MAXUINT64,
          DEFAULT_PROP_SPOOL_MAX_BYTES,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:read-max-age:
   *
   * Seconds a read (#GstHotlistMatch:publish-reads) may wait undelivered,
   * in memory or in the spool, before it is deleted unsent: a read of a
   * vehicle on no list is personal data, not to be kept for the length of
   * any outage.  Matches are never deleted.  0 keeps reads until they are
   * delivered.  Takes effect with the next read.
   */
  g_object_class_install_property (gobject_class, PROP_READ_MAX_AGE,
      g_param_spec_uint ("read-max-age", "Read maximum age",
          "Seconds a read may wait undelivered (memory or spool) before it "
          "is deleted unsent; matches are never deleted; 0: until delivered",
          0, G_MAXUINT, DEFAULT_PROP_READ_MAX_AGE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:evidence:
   *
   * Pictures in match events (JPEG, base64): none, the plate, or the plate
   * and the whole frame.  Only for raw video in system memory.  Takes effect
   * with the next match.
   */
  g_object_class_install_property (gobject_class, PROP_EVIDENCE,
      g_param_spec_enum ("evidence", "Evidence",
          "Pictures embedded (JPEG, base64) in match events",
          GST_TYPE_HOTLIST_MATCH_EVIDENCE, DEFAULT_PROP_EVIDENCE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:evidence-max-bytes:
   *
   * The largest JPEG, before base64, of each picture: the quality, then the
   * size, go down until it fits.  Takes effect with the next match.
   */
  g_object_class_install_property (gobject_class, PROP_EVIDENCE_MAX_BYTES,
      g_param_spec_uint ("evidence-max-bytes", "Evidence maximum bytes",
          "Largest JPEG (before base64) per picture: quality, then size, "
          "are lowered until it fits", 1024, 16 * 1024 * 1024,
          DEFAULT_PROP_EVIDENCE_MAX_BYTES,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:flush-timeout:
   *
   * At EOS, how long the element waits for queued MQTT messages to be
   * acknowledged before it passes EOS on (and, on stop, before it
   * disconnects).  What is still undelivered then stays in the spool when
   * there is one; otherwise it is lost, and a WARNING message says how
   * many (details: an `anpr-undelivered` structure with a `count` field).
   */
  g_object_class_install_property (gobject_class, PROP_FLUSH_TIMEOUT,
      g_param_spec_double ("flush-timeout", "Flush timeout",
          "Seconds to wait at EOS and stop for queued MQTT messages to be "
          "delivered", 0.0, 3600.0, DEFAULT_PROP_FLUSH_TIMEOUT,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:status-interval:
   *
   * Seconds between retained status messages on
   * `<topic-prefix>/<camera-id>/status` (besides one on every connection
   * and every change of state).
   */
  g_object_class_install_property (gobject_class, PROP_STATUS_INTERVAL,
      g_param_spec_uint ("status-interval", "Status interval",
          "Seconds between MQTT status messages (also sent on connection "
          "and on every change of state)", 1, 86400,
          DEFAULT_PROP_STATUS_INTERVAL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:no-video-timeout:
   *
   * Seconds without a buffer after which the status says `no-video`.
   */
  g_object_class_install_property (gobject_class, PROP_NO_VIDEO_TIMEOUT,
      g_param_spec_double ("no-video-timeout", "No video timeout",
          "Seconds without a buffer before the MQTT status says no-video",
          0.1, 86400.0, DEFAULT_PROP_NO_VIDEO_TIMEOUT,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:source-state:
   *
   * Set by the application while it reconnects the video source, so the
   * status says `reconnecting` rather than `no-video`; the next buffer sets
   * it back to `live`.  Safe to set from any thread while playing.
   */
  g_object_class_install_property (gobject_class, PROP_SOURCE_STATE,
      g_param_spec_enum ("source-state", "Source state",
          "What the application knows of the video source: live, or "
          "reconnecting (the next buffer sets it back to live)",
          GST_TYPE_HOTLIST_MATCH_SOURCE_STATE, DEFAULT_PROP_SOURCE_STATE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:entering:
   *
   * Which direction of travel, seen from this camera, enters the area the
   * camera guards (a borough boundary, a car park): vehicles going that
   * way are `entering` in the events' `vehicle.passage`, the others
   * `leaving`.  `none` leaves `passage` null.
   */
  g_object_class_install_property (gobject_class, PROP_ENTERING,
      g_param_spec_enum ("entering", "Entering",
          "Direction of travel that enters the guarded area: towards (the "
          "camera), away, or none",
          GST_TYPE_HOTLIST_MATCH_ENTERING, DEFAULT_PROP_ENTERING,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:post-best-frame:
   *
   * Attach to `anpr-match` and `anpr-vehicle` messages the vehicle's best
   * frame as a #GstSample (`best-frame`), for applications that draw their
   * own snapshots.  The frame is kept (copied when it belongs to a pool)
   * from the time it is the track's best until the vehicle is published.
   */
  g_object_class_install_property (gobject_class, PROP_POST_BEST_FRAME,
      g_param_spec_boolean ("post-best-frame", "Post best frame",
          "Attach the vehicle's best frame (GstSample) to anpr-match and "
          "anpr-vehicle messages", DEFAULT_PROP_POST_BEST_FRAME,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:vehicle-min-confidence:
   *
   * A tracked plate whose combined read stays below this confidence is
   * not reported at all (neither read nor match): what never reads better
   * than that is a fragment, a sign or a reflection far more often than a
   * vehicle.  Plates that are not tracked are not concerned.
   */
  g_object_class_install_property (gobject_class, PROP_VEHICLE_MIN_CONFIDENCE,
      g_param_spec_double ("vehicle-min-confidence",
          "Vehicle minimum confidence",
          "Tracked plates whose combined read stays below this are not "
          "reported", 0.0, 1.0, DEFAULT_PROP_VEHICLE_MIN_CONFIDENCE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstHotlistMatch:hotlist-name:
   *
   * A hotlist received over MQTT (docs/mqtt.md, "Hotlists over MQTT"):
   * its name, one topic level.  The element subscribes, on its
   * #GstHotlistMatch:mqtt-url connection, to the retained full list on
   * `<topic-prefix>/hotlist/<name>/full` and to the retained delta on
   * `<topic-prefix>/hotlist/<name>/delta`; each new version (versioned,
   * checksummed) is built in a thread of its own and swapped in whole.  A
   * message that is malformed, fails its checksum, holds a line the
   * hotlist parser refuses, or is older than the version running is
   * refused whole with a WARNING, and the running list stays.  This list
   * is matched beside the #GstHotlistMatch:hotlist files; an event's
   * `hotlist.source` says which matched (`mqtt:<name>@v<version>` for this
   * one).  Empty: none.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_HOTLIST_NAME,
      g_param_spec_string ("hotlist-name", "Hotlist name",
          "Hotlist received over MQTT on <topic-prefix>/hotlist/<name>/full "
          "and .../delta, matched beside the hotlist files; empty: none",
          DEFAULT_PROP_HOTLIST_NAME,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:hotlist-cache:
   *
   * With #GstHotlistMatch:hotlist-name: a file where each list applied is
   * kept (written to a temporary file, fsynced and renamed over it; mode
   * 0600, its directory made when missing).  At start the list there, its
   * checksum verified again, is loaded before the broker is reached, so a
   * camera restarted without the broker still matches against its last
   * good list; a newer list from the broker replaces it.  One file per
   * element.  Empty (default): none.  Read at start.
   */
  g_object_class_install_property (gobject_class, PROP_HOTLIST_CACHE,
      g_param_spec_string ("hotlist-cache", "Hotlist cache",
          "File keeping the last good hotlist received over MQTT, loaded at "
          "start (restarts without the broker); empty: none",
          DEFAULT_PROP_HOTLIST_CACHE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
          GST_PARAM_MUTABLE_READY));

  /**
   * GstHotlistMatch:hotlist-version:
   *
   * The version of the hotlist received over MQTT (or read from
   * #GstHotlistMatch:hotlist-cache) that is matched against now; 0 when
   * there is none.  Notified (from the element's own thread) whenever a
   * version is applied.
   */
  g_object_class_install_property (gobject_class, PROP_HOTLIST_VERSION,
      g_param_spec_uint64 ("hotlist-version", "Hotlist version",
          "Version of the MQTT hotlist in use (0: none)", 0, G_MAXUINT64, 0,
          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

GType
gst_hotlist_match_entering_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    {GST_HOTLIST_MATCH_ENTERING_NONE, "No area: passage is not reported",
        "none"},
    {GST_HOTLIST_MATCH_ENTERING_TOWARDS,
        "Vehicles coming towards the camera are entering", "towards"},
    {GST_HOTLIST_MATCH_ENTERING_AWAY,
        "Vehicles going away from the camera are entering", "away"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstHotlistMatchEntering", values);
    g_once_init_leave (&type, t);
  }
  return (GType) type;
}

GType
gst_hotlist_match_source_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    {GST_HOTLIST_MATCH_SOURCE_LIVE, "The video source is delivering", "live"},
    {GST_HOTLIST_MATCH_SOURCE_RECONNECTING,
        "The application is reconnecting the video source", "reconnecting"},
    {0, NULL, NULL}
  };

  if (g_once_init_enter (&type)) {
    GType t = g_enum_register_static ("GstHotlistMatchSourceState", values);
    g_once_init_leave (&type, t);
  }
  return (GType) type;
}

void
gst_hotlist_match_init_properties (GstHotlistMatch * self)
{
  self->hotlist_path = g_strdup (DEFAULT_PROP_HOTLIST);
  self->hotlist_encoding = g_strdup (DEFAULT_PROP_HOTLIST_ENCODING);
  self->reload_interval = DEFAULT_PROP_RELOAD_INTERVAL;
  self->mqtt_url = g_strdup (DEFAULT_PROP_MQTT_URL);
  self->camera_id = g_strdup (DEFAULT_PROP_CAMERA_ID);
  self->topic_prefix = g_strdup (DEFAULT_PROP_TOPIC_PREFIX);
  self->publish_reads = DEFAULT_PROP_PUBLISH_READS;
  self->mqtt_qos = DEFAULT_PROP_MQTT_QOS;
  self->client_id = g_strdup (DEFAULT_PROP_MQTT_CLIENT_ID);
  self->username = g_strdup (DEFAULT_PROP_MQTT_USERNAME);
  self->password_file = g_strdup (DEFAULT_PROP_MQTT_PASSWORD_FILE);
  self->dedup_window = DEFAULT_PROP_DEDUP_WINDOW;
  self->max_distance = DEFAULT_PROP_MAX_DISTANCE;
  self->queue_size = DEFAULT_PROP_QUEUE_SIZE;
  self->ca_file = g_strdup (DEFAULT_PROP_MQTT_CA_FILE);
  self->cert_file = g_strdup (DEFAULT_PROP_MQTT_CERT_FILE);
  self->key_file = g_strdup (DEFAULT_PROP_MQTT_KEY_FILE);
  self->keepalive = DEFAULT_PROP_MQTT_KEEPALIVE;
  self->spool_dir = g_strdup (DEFAULT_PROP_SPOOL_DIR);
  self->spool_max_messages = DEFAULT_PROP_SPOOL_MAX_MESSAGES;
  self->spool_max_bytes = DEFAULT_PROP_SPOOL_MAX_BYTES;
  self->read_max_age = DEFAULT_PROP_READ_MAX_AGE;
  self->evidence = DEFAULT_PROP_EVIDENCE;
  self->evidence_max_bytes = DEFAULT_PROP_EVIDENCE_MAX_BYTES;
  self->flush_timeout = DEFAULT_PROP_FLUSH_TIMEOUT;
  self->status_interval = DEFAULT_PROP_STATUS_INTERVAL;
  self->no_video_timeout = DEFAULT_PROP_NO_VIDEO_TIMEOUT;
  self->source_state = DEFAULT_PROP_SOURCE_STATE;
  self->entering = DEFAULT_PROP_ENTERING;
  self->post_best_frame = DEFAULT_PROP_POST_BEST_FRAME;
  self->vehicle_min_confidence = DEFAULT_PROP_VEHICLE_MIN_CONFIDENCE;
  self->hotlist_name = g_strdup (DEFAULT_PROP_HOTLIST_NAME);
  self->hotlist_cache = g_strdup (DEFAULT_PROP_HOTLIST_CACHE);
}

void
gst_hotlist_match_clear_properties (GstHotlistMatch * self)
{
  g_free (self->hotlist_path);
  g_free (self->hotlist_encoding);
  g_free (self->mqtt_url);
  g_free (self->camera_id);
  g_free (self->topic_prefix);
  g_free (self->client_id);
  g_free (self->username);
  g_free (self->password_file);
  g_free (self->ca_file);
  g_free (self->cert_file);
  g_free (self->key_file);
  g_free (self->spool_dir);
  g_free (self->hotlist_name);
  g_free (self->hotlist_cache);
}

void
gst_hotlist_match_set_property (GObject * object, guint prop_id,
    const GValue * value, GParamSpec * pspec)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (object);

  if (prop_id == PROP_HOTLIST) {
    /* a reload when running, outside the lock */
    gst_hotlist_match_set_hotlist (self, g_value_get_string (value));
    return;
  }

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_HOTLIST_ENCODING:
      g_free (self->hotlist_encoding);
      self->hotlist_encoding = g_value_dup_string (value);
      break;
    case PROP_RELOAD_INTERVAL:
      self->reload_interval = g_value_get_double (value);
      break;
    case PROP_MQTT_URL:
      g_free (self->mqtt_url);
      self->mqtt_url = g_value_dup_string (value);
      break;
    case PROP_CAMERA_ID:
      g_free (self->camera_id);
      self->camera_id = g_value_dup_string (value);
      break;
    case PROP_TOPIC_PREFIX:
      g_free (self->topic_prefix);
      self->topic_prefix = g_value_dup_string (value);
      break;
    case PROP_PUBLISH_READS:
      self->publish_reads = g_value_get_boolean (value);
      break;
    case PROP_MQTT_QOS:
      self->mqtt_qos = g_value_get_int (value);
      break;
    case PROP_MQTT_CLIENT_ID:
      g_free (self->client_id);
      self->client_id = g_value_dup_string (value);
      break;
    case PROP_MQTT_USERNAME:
      g_free (self->username);
      self->username = g_value_dup_string (value);
      break;
    case PROP_MQTT_PASSWORD_FILE:
      g_free (self->password_file);
      self->password_file = g_value_dup_string (value);
      break;
    case PROP_DEDUP_WINDOW:
      self->dedup_window = g_value_get_double (value);
      break;
    case PROP_MAX_DISTANCE:
      self->max_distance = g_value_get_double (value);
      break;
    case PROP_QUEUE_SIZE:
      self->queue_size = g_value_get_uint (value);
      break;
    case PROP_MQTT_CA_FILE:
      g_free (self->ca_file);
      self->ca_file = g_value_dup_string (value);
      break;
    case PROP_MQTT_CERT_FILE:
      g_free (self->cert_file);
      self->cert_file = g_value_dup_string (value);
      break;
    case PROP_MQTT_KEY_FILE:
      g_free (self->key_file);
      self->key_file = g_value_dup_string (value);
      break;
    case PROP_MQTT_KEEPALIVE:
      self->keepalive = g_value_get_uint (value);
      break;
    case PROP_SPOOL_DIR:
      g_free (self->spool_dir);
      self->spool_dir = g_value_dup_string (value);
      break;
    case PROP_SPOOL_MAX_MESSAGES:
      self->spool_max_messages = g_value_get_uint (value);
      break;
    case PROP_SPOOL_MAX_BYTES:
      self->spool_max_bytes = g_value_get_uint64 (value);
      break;
    case PROP_READ_MAX_AGE:
      self->read_max_age = g_value_get_uint (value);
      break;
    case PROP_EVIDENCE:
      self->evidence = g_value_get_enum (value);
      break;
    case PROP_EVIDENCE_MAX_BYTES:
      self->evidence_max_bytes = g_value_get_uint (value);
      break;
    case PROP_FLUSH_TIMEOUT:
      self->flush_timeout = g_value_get_double (value);
      break;
    case PROP_STATUS_INTERVAL:
      self->status_interval = g_value_get_uint (value);
      break;
    case PROP_NO_VIDEO_TIMEOUT:
      self->no_video_timeout = g_value_get_double (value);
      break;
    case PROP_SOURCE_STATE:
      /* read by the MQTT thread's status tick, cleared by the streaming
       * thread: all under the object lock */
      self->source_state = g_value_get_enum (value);
      break;
    case PROP_ENTERING:
      self->entering = g_value_get_enum (value);
      break;
    case PROP_POST_BEST_FRAME:
      self->post_best_frame = g_value_get_boolean (value);
      break;
    case PROP_VEHICLE_MIN_CONFIDENCE:
      self->vehicle_min_confidence = g_value_get_double (value);
      break;
    case PROP_HOTLIST_NAME:
      g_free (self->hotlist_name);
      self->hotlist_name = g_value_dup_string (value);
      break;
    case PROP_HOTLIST_CACHE:
      g_free (self->hotlist_cache);
      self->hotlist_cache = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

void
gst_hotlist_match_get_property (GObject * object, guint prop_id,
    GValue * value, GParamSpec * pspec)
{
  GstHotlistMatch *self = GST_HOTLIST_MATCH (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_HOTLIST:
      g_value_set_string (value, self->hotlist_path);
      break;
    case PROP_HOTLIST_ENCODING:
      g_value_set_string (value, self->hotlist_encoding);
      break;
    case PROP_RELOAD_INTERVAL:
      g_value_set_double (value, self->reload_interval);
      break;
    case PROP_MQTT_URL:
      g_value_set_string (value, self->mqtt_url);
      break;
    case PROP_CAMERA_ID:
      g_value_set_string (value, self->camera_id);
      break;
    case PROP_TOPIC_PREFIX:
      g_value_set_string (value, self->topic_prefix);
      break;
    case PROP_PUBLISH_READS:
      g_value_set_boolean (value, self->publish_reads);
      break;
    case PROP_MQTT_QOS:
      g_value_set_int (value, self->mqtt_qos);
      break;
    case PROP_MQTT_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_MQTT_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_MQTT_PASSWORD_FILE:
      g_value_set_string (value, self->password_file);
      break;
    case PROP_DEDUP_WINDOW:
      g_value_set_double (value, self->dedup_window);
      break;
    case PROP_MAX_DISTANCE:
      g_value_set_double (value, self->max_distance);
      break;
    case PROP_QUEUE_SIZE:
      g_value_set_uint (value, self->queue_size);
      break;
    case PROP_MQTT_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;
    case PROP_MQTT_CERT_FILE:
      g_value_set_string (value, self->cert_file);
      break;
    case PROP_MQTT_KEY_FILE:
      g_value_set_string (value, self->key_file);
      break;
    case PROP_MQTT_KEEPALIVE:
      g_value_set_uint (value, self->keepalive);
      break;
    case PROP_SPOOL_DIR:
      g_value_set_string (value, self->spool_dir);
      break;
    case PROP_SPOOL_MAX_MESSAGES:
      g_value_set_uint (value, self->spool_max_messages);
      break;
    case PROP_SPOOL_MAX_BYTES:
      g_value_set_uint64 (value, self->spool_max_bytes);
      break;
    case PROP_READ_MAX_AGE:
      g_value_set_uint (value, self->read_max_age);
      break;
    case PROP_EVIDENCE:
      g_value_set_enum (value, self->evidence);
      break;
    case PROP_EVIDENCE_MAX_BYTES:
      g_value_set_uint (value, self->evidence_max_bytes);
      break;
    case PROP_FLUSH_TIMEOUT:
      g_value_set_double (value, self->flush_timeout);
      break;
    case PROP_STATUS_INTERVAL:
      g_value_set_uint (value, self->status_interval);
      break;
    case PROP_NO_VIDEO_TIMEOUT:
      g_value_set_double (value, self->no_video_timeout);
      break;
    case PROP_SOURCE_STATE:
      g_value_set_enum (value, self->source_state);
      break;
    case PROP_ENTERING:
      g_value_set_enum (value, self->entering);
      break;
    case PROP_POST_BEST_FRAME:
      g_value_set_boolean (value, self->post_best_frame);
      break;
    case PROP_VEHICLE_MIN_CONFIDENCE:
      g_value_set_double (value, self->vehicle_min_confidence);
      break;
    case PROP_HOTLIST_NAME:
      g_value_set_string (value, self->hotlist_name);
      break;
    case PROP_HOTLIST_CACHE:
      g_value_set_string (value, self->hotlist_cache);
      break;
    case PROP_HOTLIST_VERSION:
      g_value_set_uint64 (value, self->remote_version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}
