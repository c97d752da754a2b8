#!/usr/bin/python3
# gst-anpr: anpr-track-eval
# Copyright (C) 2026 gst-anpr developers
# SPDX-License-Identifier: LGPL-2.0-or-later
"""Scores tracking on a video anpr-synth generated (its truth TSV and
hotlist): reads per vehicle, vehicle read accuracy (the track's vote
against its single best frame), directions, alerts (listed, decoys, the
near miss), readings per decoded frame and, with --live, the latency from
a vehicle's last sighting to its report.

  anpr-track-eval.py [--live] [--max-distance D] [--platedetect PROPS]
                     VIDEO TRUTH HOTLIST

Run it in the build's environment (meson devenv -C build, or
tools/uninstalled-env.sh).  Prints one block of figures; --json prints
them as JSON instead.
"""

import argparse
import csv
import json
import statistics
import sys
import time

import gi

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # noqa: E402


def normalise(text):
    return "".join(c for c in text.upper() if c.isalnum())


def load_truth(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return {r["plate"]: r for r in rows}


def load_hotlist(path):
    with open(path, newline="") as f:
        return {normalise(r["plate"]) for r in csv.DictReader(f)}


def load_decoys(truth_path):
    try:
        with open(truth_path + ".decoys", newline="") as f:
            return {r["plate"]: r["kind"] for r in csv.DictReader(f, delimiter="\t")}
    except FileNotFoundError:
        return {}


def run(video, hotlist, live, max_distance, tracking, detect_props=""):
    desc = (
        "filesrc name=src ! decodebin ! platedetect tracking=%s %s ! "
        "plateocr region=gb ! hotlistmatch name=match entering=towards%s ! "
        "fakesink name=sink sync=%s"
        % (
            "true" if tracking else "false",
            detect_props,
            "" if max_distance is None else " max-distance=%g" % max_distance,
            "true" if live else "false",
        )
    )
    pipe = Gst.parse_launch(desc)
    pipe.get_by_name("src").set_property("location", video)
    pipe.get_by_name("match").set_property("hotlist", hotlist)
    frames = [0]

    def on_buffer(pad, info):
        frames[0] += 1
        return Gst.PadProbeReturn.OK

    pipe.get_by_name("sink").get_static_pad("sink").add_probe(
        Gst.PadProbeType.BUFFER, on_buffer
    )
    reads, vehicles, matches = [], [], []
    bus = pipe.get_bus()
    t0 = time.monotonic()
    pipe.set_state(Gst.State.PLAYING)
    while True:
        msg = bus.timed_pop_filtered(
            Gst.SECOND, Gst.MessageType.ELEMENT | Gst.MessageType.EOS | Gst.MessageType.ERROR
        )
        if msg is None:
            continue
        if msg.type == Gst.MessageType.ERROR:
            err, dbg = msg.parse_error()
            sys.exit("error: %s\n%s" % (err.message, dbg))
        if msg.type == Gst.MessageType.EOS:
            break
        s = msg.get_structure()
        now = time.time()
        name = s.get_name()
        if name == "anpr-read":
            reads.append(
                {
                    "track": s.get_value("track-id"),
                    "text": s.get_string("text"),
                    "conf": s.get_value("confidence"),
                    "width": s.get_value("width"),
                }
            )
        elif name == "anpr-vehicle":
            v = json.loads(s.get_string("json"))
            v["_received"] = now
            vehicles.append(v)
        elif name == "anpr-match":
            m = json.loads(s.get_string("json"))
            m["_received"] = now
            matches.append(m)
    pipe.set_state(Gst.State.NULL)
    return frames[0], reads, vehicles, matches, time.monotonic() - t0


def iso_to_epoch(ts):
    from datetime import datetime, timezone

    return datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()


def pct(values, q):
    if not values:
        return None
    values = sorted(values)
    k = min(len(values) - 1, int(round(q / 100.0 * (len(values) - 1))))
    return values[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("video")
    ap.add_argument("truth")
    ap.add_argument("hotlist")
    ap.add_argument("--live", action="store_true", help="play at the video's own speed")
    ap.add_argument("--max-distance", type=float, default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--platedetect", default="", metavar="PROPS",
                    help="more platedetect properties for the tracked run, "
                    "e.g. 'detect-interval=0 motion=false' (every frame, whole)")
    ap.add_argument("--no-before", action="store_true",
                    help="skip the frame-by-frame run (read_events_before)")
    args = ap.parse_args()
    Gst.init(None)

    truth = load_truth(args.truth)
    listed = load_hotlist(args.hotlist) & set(truth)
    decoys = load_decoys(args.truth)
    n = len(truth)

    # frame by frame, as before tracking: a roadside board got one read per
    # distinct text (the dedup window is longer than the video)
    reads_untracked = []
    before_reads = None
    if not args.no_before:
        _, reads_untracked, _, _, _ = run(args.video, args.hotlist, False, args.max_distance, False)
        before_reads = len({r["text"] for r in reads_untracked if r["text"]})

    frames, reads, vehicles, matches, secs = run(
        args.video, args.hotlist, args.live, args.max_distance, True,
        args.platedetect
    )
    texts = [v["plate"]["text"] for v in vehicles]
    right = sum(1 for t in texts if t in truth)
    dir_right = sum(
        1 for v in vehicles
        if v["plate"]["text"] in truth
        and v["vehicle"]["direction"] == truth[v["plate"]["text"]]["direction"]
    )
    # the single best frame of each reported track: its widest reading
    best_right = 0
    for v in vehicles:
        tid = v["vehicle"]["track_id"]
        own = [r for r in reads if r["track"] == tid]
        if own and max(own, key=lambda r: r["width"])["text"] in truth:
            best_right += 1
    alerted = [m["hotlist"]["plate"] for m in matches]
    lat_end = [
        v["_received"] - iso_to_epoch(v["vehicle"]["last_seen"])
        for v in vehicles if v["vehicle"]["decided"] == "track-end"
    ]
    lat_settled = [
        v["_received"] - iso_to_epoch(v["vehicle"]["last_seen"])
        for v in vehicles if v["vehicle"]["decided"] == "settled"
    ]
    res = {
        "vehicles": n,
        "read_events_before": before_reads,
        "read_events": len(vehicles),
        "right_text": right,
        "right_direction": dir_right,
        "best_frame_right": best_right,
        "listed": len(listed),
        "listed_alerted": len(set(alerted) & listed),
        "alerts": len(alerted),
        "decoy_alerts": sorted(a for a in alerted if a in decoys),
        "missed_vehicles": sorted(set(truth) - set(texts)),
        "wrong_reads": sorted(t for t in texts if t not in truth),
        "wrong_directions": sorted(
            "%s:%s" % (v["plate"]["text"], v["vehicle"]["direction"])
            for v in vehicles
            if v["plate"]["text"] in truth
            and v["vehicle"]["direction"] != truth[v["plate"]["text"]]["direction"]),
        "frames": frames,
        "readings": len(reads),
        "readings_untracked": len(reads_untracked),
        "seconds": round(secs, 1),
        "latency_track_end_p50": pct(lat_end, 50),
        "latency_track_end_p99": pct(lat_end, 99),
        "latency_settled_p50": pct(lat_settled, 50),
        "latency_settled_p99": pct(lat_settled, 99),
    }
    if args.json:
        print(json.dumps(res))
        return
    for k, v in res.items():
        if isinstance(v, float):
            v = round(v, 3)
        print("%-24s %s" % (k, v))


if __name__ == "__main__":
    main()
