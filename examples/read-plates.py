#!/usr/bin/python3
# gst-anpr
# Copyright (C) 2026 gst-anpr developers
#
# This library is free software; you can redistribute it and/or
# modify it under the terms of the GNU Library General Public
# License as published by the Free Software Foundation; either
# version 2 of the License, or (at your option) any later version.

"""read-plates.py: read-plates.c in Python, through PyGObject.

Reads the number plates of an image or a video and prints them twice, as
an application embedding the elements sees them:

  - from the GstAnprPlateMeta on each buffer, in a pad probe (text,
    confidence, box, candidates): "plate" lines;
  - from plateocr's anpr-read bus messages (text and the candidates
    list): "anpr-read" lines.

Usage: read-plates.py FILE-OR-URI [REGION]
REGION is plateocr's region property: gb (default), eu, us or auto.

Needs python3-gi, the GstAnpr-1.0 typelib (installed with gst-anpr; from
a build tree, GI_TYPELIB_PATH and LD_LIBRARY_PATH set to build/gst/anpr)
and python3-gst-1.0, whose overrides turn the candidates list (a
GstValueList) into a Python sequence.
"""

import sys
import threading

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstAnpr', '1.0')
from gi.repository import GLib, Gst, GstAnpr  # noqa: E402


# The probe runs on the streaming thread, the bus messages are handled on
# the main thread: one lock keeps each one's lines together.
_output = threading.Lock()


def say(lines):
    with _output:
        print('\n'.join(lines), flush=True)


def on_buffer(pad, info):
    """Every plate on a buffer leaving plateocr."""
    buf = info.get_buffer()
    for plate in GstAnpr.buffer_get_plate_metas(buf):
        # The struct's text fields are C arrays, which bindings cannot
        # read: the accessors give them as strings.
        text = plate.get_text()
        if not text:
            # a box the reader could not read
            continue
        lines = ['plate %s %.2f at %d,%d %dx%d format %s' % (
            text, plate.confidence, plate.x, plate.y, plate.width,
            plate.height, plate.get_format() or '-')]
        for i in range(plate.get_n_candidates()):
            cand, conf = plate.get_candidate(i)
            lines.append('  candidate %s %.2f' % (cand, conf))
        say(lines)
    return Gst.PadProbeReturn.OK


def print_read_message(s):
    """The candidates of an anpr-read message: a GstValueList of
    "candidate" structures, each with text and confidence."""
    lines = ['anpr-read %s %.2f' % (s.get_string('text'),
                                    s.get_double('confidence')[1])]
    # python3-gst-1.0's overrides make the list a Gst.ValueList, a
    # sequence of Gst.Structure; without them PyGObject cannot convert it.
    for c in s.get_value('candidates'):
        lines.append('  candidate %s %.2f' % (c.get_string('text'),
                                              c.get_double('confidence')[1]))
    say(lines)


def main(argv):
    Gst.init(None)
    if len(argv) not in (2, 3):
        print('usage: %s FILE-OR-URI [gb|eu|us|auto]' % argv[0],
              file=sys.stderr)
        return 2
    if not hasattr(Gst, 'ValueList'):
        print('the Gst overrides are missing: install python3-gst-1.0',
              file=sys.stderr)
        return 1
    region = argv[2] if len(argv) > 2 else 'gb'
    if Gst.uri_is_valid(argv[1]):
        uri = argv[1]
    else:
        try:
            uri = Gst.filename_to_uri(argv[1])
        except GLib.Error as e:
            print('%s: %s' % (argv[1], e.message), file=sys.stderr)
            return 1

    try:
        pipeline = Gst.parse_launch(
            'uridecodebin uri="%s" ! videoconvert ! platedetect '
            '! plateocr region=%s ! fakesink name=sink' % (uri, region))
    except GLib.Error as e:
        print('pipeline: %s' % e.message, file=sys.stderr)
        return 1

    pad = pipeline.get_by_name('sink').get_static_pad('sink')
    pad.add_probe(Gst.PadProbeType.BUFFER, on_buffer)

    bus = pipeline.get_bus()
    # a failure posts an error message, which the loop below reports
    pipeline.set_state(Gst.State.PLAYING)
    ok = True
    while True:
        msg = bus.timed_pop_filtered(
            Gst.CLOCK_TIME_NONE,
            Gst.MessageType.ELEMENT | Gst.MessageType.ERROR |
            Gst.MessageType.EOS)
        if msg.type == Gst.MessageType.ELEMENT:
            s = msg.get_structure()
            if s.has_name('anpr-read'):
                print_read_message(s)
        elif msg.type == Gst.MessageType.ERROR:
            err, _ = msg.parse_error()
            print('error from %s: %s' % (msg.src.get_name(), err.message),
                  file=sys.stderr)
            ok = False
            break
        else:  # EOS
            break

    pipeline.set_state(Gst.State.NULL)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
