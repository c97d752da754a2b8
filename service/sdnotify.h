/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The systemd notification protocol (sd_notify(3)), spoken directly so
 * the service needs no libsystemd; does nothing outside systemd. */

#ifndef __SD_NOTIFY_H__
#define __SD_NOTIFY_H__

#include <glib.h>

G_BEGIN_DECLS

void sd_notify_send (const gchar * state);
void sd_notify_printf (const gchar * format, ...) G_GNUC_PRINTF (1, 2);

/* Half the unit's WatchdogSec when it has one, else @fallback_s. */
guint sd_notify_watchdog_interval_s (guint fallback_s);

G_END_DECLS

#endif /* __SD_NOTIFY_H__ */
