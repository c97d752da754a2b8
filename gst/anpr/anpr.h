/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The public API of libgstanpr-1.0: include this header only. */

#ifndef __GST_ANPR_H__
#define __GST_ANPR_H__

#include <gst/anpr/anprplatemeta.h>
#include <gst/anpr/anprplaterules.h>
#include <gst/anpr/anprhotlist.h>
#include <gst/anpr/anprevent.h>
#include <gst/anpr/anprtrack.h>

#endif /* __GST_ANPR_H__ */
