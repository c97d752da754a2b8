/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* anpr-rtsp-serve: serves an H.264 MP4 (anpr-synth video) as an RTSP
 * camera, to try a pipeline or the service without one: every client gets
 * the video from its start, at its own pace, and the end of the file is
 * the end of the stream (as a camera that stops would look).  Prints the
 * URL once it listens. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib-unix.h>
#include <gst/gst.h>
#include <gst/rtsp-server/rtsp-server.h>

static gboolean
on_signal (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  gchar *address = g_strdup ("127.0.0.1"), *mount = g_strdup ("/camera1");
  gint port = 8554;
  GOptionEntry entries[] = {
    {"address", 'a', 0, G_OPTION_ARG_STRING, &address,
        "Address to listen on (default 127.0.0.1)", "ADDR"},
    {"port", 'p', 0, G_OPTION_ARG_INT, &port,
        "Port (default 8554; 0: any free port)", "PORT"},
    {"mount", 'm', 0, G_OPTION_ARG_STRING, &mount,
        "Path of the stream (default /camera1)", "PATH"},
    {NULL}
  };
  GOptionContext *ctx;
  GError *err = NULL;
  GMainLoop *loop;
  GstRTSPServer *server;
  GstRTSPMountPoints *mounts;
  GstRTSPMediaFactory *factory;
  gchar *launch, *service, *location;

  ctx = g_option_context_new ("VIDEO.mp4 - serve a video as an RTSP camera");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  if (!g_option_context_parse (ctx, &argc, &argv, &err) || argc != 2
      || port < 0 || port > 65535 || mount[0] != '/') {
    g_printerr ("anpr-rtsp-serve: %s\n", err ? err->message :
        "one VIDEO.mp4 expected, a port from 0 to 65535, a PATH from /");
    return 2;
  }
  g_option_context_free (ctx);
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR)) {
    g_printerr ("anpr-rtsp-serve: %s: not a file\n", argv[1]);
    return 2;
  }

  loop = g_main_loop_new (NULL, FALSE);
  server = gst_rtsp_server_new ();
  gst_rtsp_server_set_address (server, address);
  service = g_strdup_printf ("%d", port);
  gst_rtsp_server_set_service (server, service);
  g_free (service);
  factory = gst_rtsp_media_factory_new ();
  location = g_strescape (argv[1], NULL);
  launch = g_strdup_printf ("( filesrc location=\"%s\" ! qtdemux ! "
      "h264parse config-interval=-1 ! rtph264pay name=pay0 pt=96 )",
      location);
  g_free (location);
  gst_rtsp_media_factory_set_launch (factory, launch);
  g_free (launch);
  mounts = gst_rtsp_server_get_mount_points (server);
  gst_rtsp_mount_points_add_factory (mounts, mount, factory);
  g_object_unref (mounts);
  if (gst_rtsp_server_attach (server, NULL) == 0) {
    g_printerr ("anpr-rtsp-serve: cannot listen on %s:%d\n", address, port);
    return 1;
  }
  g_print ("rtsp://%s:%d%s\n", address,
      gst_rtsp_server_get_bound_port (server), mount);
  fflush (stdout);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);
  g_object_unref (server);
  g_main_loop_unref (loop);
  g_free (address);
  g_free (mount);
  return 0;
}
