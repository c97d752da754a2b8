/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* What the user-facing tools (anpr-eval, anpr-run) share. */

#ifndef __TOOL_COMMON_H__
#define __TOOL_COMMON_H__

#include <gst/gst.h>

G_BEGIN_DECLS

/* TRUE when GStreamer finds every element factory in @names (NULL
 * terminated).  Otherwise prints which are missing and how to make them
 * found (install, or run the tool uninstalled through meson devenv), and
 * returns FALSE.  Call after gst_init (). */
gboolean tool_require_elements (const gchar * tool,
    const gchar * const *names);

/* Prints the file each element in @names (NULL terminated) is loaded
 * from, so that a measurement says which build it measured. */
void tool_print_element_origins (const gchar * const *names);

G_END_DECLS

#endif /* __TOOL_COMMON_H__ */
