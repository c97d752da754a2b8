/* gst-anpr
 * Copyright (C) 2026 gst-anpr developers
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* The reader module's entry point (platereaderapi.h), the one symbol the
 * module exports.  C++ so that a function whose type differs from its
 * slot in the table is an error, not a warning. */

#include <type_traits>

#include <gmodule.h>

#include "platereaderapi.h"

extern "C" G_MODULE_EXPORT const PlateReaderApi *plate_reader_module_api (void);

static PlateReaderApi
plate_reader_api_table ()
{
  PlateReaderApi api = { };

  api.version = PLATE_READER_API_VERSION;
  api.size = sizeof (PlateReaderApi);
  api.reader_new = plate_reader_new;
  api.reader_free = plate_reader_free;
  api.get_datapath = plate_reader_get_datapath;
  api.set_char_model = plate_reader_set_char_model;
  api.default_char_model = plate_reader_default_char_model;
  api.set_plate_model = plate_reader_set_plate_model;
  api.default_plate_model = plate_reader_default_plate_model;
  api.read = plate_reader_read;
  api.confirms = plate_reader_confirms;
  return api;
}

extern "C" G_MODULE_EXPORT const PlateReaderApi *
plate_reader_module_api (void)
{
  static_assert (std::is_same < decltype (&plate_reader_module_api),
      PlateReaderApiGetFunc >::value, "the loader calls it as this type");
  static const PlateReaderApi api = plate_reader_api_table ();

  return &api;
}
