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

#include "toolcommon.h"

gboolean
tool_require_elements (const gchar * tool, const gchar * const *names)
{
  GString *missing = g_string_new (NULL);
  guint i;

  for (i = 0; names[i]; i++) {
    GstElementFactory *f = gst_element_factory_find (names[i]);

    if (f)
      gst_object_unref (f);
    else
      g_string_append_printf (missing, "%s%s", missing->len ? ", " : "",
          names[i]);
  }
  if (missing->len == 0) {
    g_string_free (missing, TRUE);
    return TRUE;
  }
  g_printerr ("%s: GStreamer finds no element %s.\n"
      "Install gst-anpr where GStreamer looks for plugins (README, "
      "\"Installing\"), or run %s from the build tree through the\n"
      "uninstalled environment: meson devenv -C BUILD_DIR -w \"$PWD\" %s "
      "...\n", tool, missing->str, tool, tool);
  g_string_free (missing, TRUE);
  return FALSE;
}

void
tool_print_element_origins (const gchar * const *names)
{
  guint i;

  for (i = 0; names[i]; i++) {
    GstElementFactory *f = gst_element_factory_find (names[i]);
    GstPlugin *p = f ? GST_PLUGIN (gst_plugin_feature_get_plugin
        (GST_PLUGIN_FEATURE (f))) : NULL;

    g_print ("%-28s %s\n", names[i], p && gst_plugin_get_filename (p) ?
        gst_plugin_get_filename (p) : "(not found)");
    if (p)
      gst_object_unref (p);
    if (f)
      gst_object_unref (f);
  }
}
