/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* A real RTSP camera for the tests: anpr-rtsp-serve (gst-rtsp-server)
 * serving the generated traffic video as a process of its own, which a
 * test can kill, freeze (SIGSTOP) and start again on the same port. */

#ifndef __RTSP_CAMERA_H__
#define __RTSP_CAMERA_H__

#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>
#include <gst/check/gstcheck.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include "anprcheck.h"

typedef struct
{
  GSubprocess *proc;
  gint port;
} Camera;

static inline gint
free_port (void)
{
  struct sockaddr_in addr = { 0, };
  socklen_t len = sizeof (addr);
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  fail_unless (bind (fd, (struct sockaddr *) &addr, sizeof (addr)) == 0);
  fail_unless (getsockname (fd, (struct sockaddr *) &addr, &len) == 0);
  close (fd);
  return ntohs (addr.sin_port);
}

/* Serves @video (camera_start: the sample video) on @cam->port (a free one
 * when 0) and waits
 * until it listens. */
static inline void
camera_start_video (Camera * cam, const gchar * video)
{
  gchar *port = g_strdup_printf ("%d", cam->port);
  GError *err = NULL;
  GDataInputStream *out;
  gchar *line;

  cam->proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &err,
      g_getenv ("ANPR_RTSP_SERVE"), "--port", port, video, NULL);
  fail_unless (cam->proc != NULL, "anpr-rtsp-serve: %s",
      err ? err->message : "?");
  g_free (port);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (cam->proc));
  line = g_data_input_stream_read_line (out, NULL, NULL, NULL);
  fail_unless (line != NULL && g_str_has_prefix (line, "rtsp://"),
      "anpr-rtsp-serve did not start");
  cam->port = atoi (strrchr (line, ':') + 1);
  g_free (line);
  g_object_unref (out);
}

static inline void
camera_start (Camera * cam)
{
  camera_start_video (cam, g_getenv ("ANPR_SAMPLE_VIDEO"));
}

static inline void
camera_signal (Camera * cam, gint sig)
{
  g_subprocess_send_signal (cam->proc, sig);
}

static inline void
camera_kill (Camera * cam)
{
  if (cam->proc == NULL)
    return;
  g_subprocess_force_exit (cam->proc);
  g_subprocess_wait (cam->proc, NULL, NULL);
  g_clear_object (&cam->proc);
}

static inline gchar *
camera_url (Camera * cam)
{
  return g_strdup_printf ("rtsp://127.0.0.1:%d/camera1", cam->port);
}

/* NULL when the camera can be served (the sample video, anpr-rtsp-serve),
 * else why not. */
static inline gchar *
camera_missing (void)
{
  gchar *why = anpr_check_missing_env_path ("ANPR_SAMPLE_VIDEO");

  if (why == NULL)
    why = anpr_check_missing_env_path ("ANPR_RTSP_SERVE");
  return why;
}

#endif /* __RTSP_CAMERA_H__ */
