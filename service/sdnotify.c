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

#include "sdnotify.h"

#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

void
sd_notify_send (const gchar * state)
{
  const gchar *path = g_getenv ("NOTIFY_SOCKET");
  struct sockaddr_un addr;
  socklen_t len;
  int fd;

  if (path == NULL || (path[0] != '/' && path[0] != '@')
      || strlen (path) >= sizeof (addr.sun_path))
    return;
  memset (&addr, 0, sizeof (addr));
  addr.sun_family = AF_UNIX;
  strcpy (addr.sun_path, path);
  if (path[0] == '@')           /* abstract namespace */
    addr.sun_path[0] = '\0';
  len = offsetof (struct sockaddr_un, sun_path) + strlen (path);
  fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return;
  (void) sendto (fd, state, strlen (state), MSG_NOSIGNAL,
      (struct sockaddr *) &addr, len);
  close (fd);
}

void
sd_notify_printf (const gchar * format, ...)
{
  va_list args;
  gchar *s;

  if (g_getenv ("NOTIFY_SOCKET") == NULL)
    return;
  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  sd_notify_send (s);
  g_free (s);
}

guint
sd_notify_watchdog_interval_s (guint fallback_s)
{
  const gchar *usec = g_getenv ("WATCHDOG_USEC");
  guint64 us;

  if (usec == NULL || !g_ascii_string_to_unsigned (usec, 10, 1, G_MAXUINT64,
          &us, NULL))
    return fallback_s;
  return (guint) MAX (us / G_USEC_PER_SEC / 2, 1);
}
