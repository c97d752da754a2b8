#!/usr/bin/python3
# gst-anpr: anpr-bench
# Copyright (C) 2026 gst-anpr developers
# SPDX-License-Identifier: LGPL-2.0-or-later
"""Speed of the whole pipeline against decoding the same video, on
generated traffic (anpr-synth video --scenario traffic), per frame size.

For each size (default 720p and 1080p, 60 s at 25 fps, camera-like 4:2:0
H.264), in one run:
  - decode-only and pipeline CPU seconds on one core (runs alternate, the
    best of each is kept; the start-up of an empty pipeline is taken off
    both), their ratio, and frames per second of wall time on one core and
    on every core;
  - frames platedetect searched per frame decoded, and the share of the
    frame it searched (its anpr-frames message);
  - peak resident memory of the pipeline process;
  - played live (at the video's own speed), the latency of each vehicle's
    report (anpr-vehicle; an alert on a listed vehicle goes out in the same
    call): from the frame it was decided on (settled), and from its last
    sighting (at its track's end);
  - vehicles read: against the truth, and against the same pipeline
    searching every frame whole at full resolution (the reference: no read
    may be lost);
  - with --cameras N, N copies played live at once, as N cameras on this
    machine: how far the slowest fell behind the video (past the elements'
    start-up);
  - with --service N, the camera service (one process for a machine's
    cameras) with one camera and with N: its peak resident memory, and
    what each camera costs.

  anpr-bench.py [--sizes 720,1080] [--seconds 60] [--runs 2] [--workdir DIR]
                [--json] [--no-reference] [--no-live] [--cameras N]
                [--service N]

Run it in the build's environment (meson devenv -C build, or
tools/uninstalled-env.sh), or installed.  Generated videos are kept in the
work directory and reused.
"""

import argparse
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PIPE_ELEMENTS = "platedetect {detect} ! plateocr region=gb ! hotlistmatch hotlist={hotlist}"
REFERENCE = "detect-interval=0 motion=false process-width=0"
FRAMES_RE = re.compile(r"anpr-frames, (.*);?$")
FIELD_RE = re.compile(r"([a-z-]+)=\((\w+)\)([^,;]+)")


def find_tool(name, subdir, env):
    here = os.path.dirname(os.path.abspath(__file__))
    for cand in (os.environ.get(env),
                 os.path.join(here, "..", "build", subdir, name),
                 shutil.which(name)):
        if cand and os.access(cand, os.X_OK):
            return cand
    sys.exit("anpr-bench: no %s (set %s, build, or install)" % (name, env))


def find_synth():
    return find_tool("anpr-synth", "tools", "ANPR_SYNTH")


def generate(workdir, height, seconds, seed, vehicles):
    width = height * 16 // 9
    base = os.path.join(workdir, "traffic-%dp-%ds-s%d-v%d" % (height, seconds, seed, vehicles))
    video, truth, hotlist = base + ".mp4", base + ".tsv", base + ".csv"
    if not all(os.path.exists(p) for p in (video, truth, hotlist)):
        r = subprocess.run([find_synth(), "video", "--scenario", "traffic",
                            "--width", str(width), "--height", str(height),
                            "--seconds", str(seconds), "--vehicles", str(vehicles),
                            "--overlay-text", "--seed", str(seed),
                            "--out", video, "--truth", truth, "--hotlist", hotlist],
                           stdout=subprocess.DEVNULL)
        if r.returncode != 0:
            sys.exit("anpr-bench: anpr-synth could not generate the video")
    return video, truth, hotlist


def measure(argv, cores=None):
    """Runs argv, on @cores only when given; returns (wall seconds, stdout)."""
    def pin():
        if cores is not None:
            os.sched_setaffinity(0, cores)
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=pin, text=True)
    out, err = proc.communicate()
    wall = time.monotonic() - t0
    if proc.returncode != 0:
        sys.exit("anpr-bench: failed (%d): %s\n%s" % (proc.returncode, " ".join(argv), err[-2000:]))
    return wall, out


class Runner:
    """Runs one process at a time: its CPU time is the growth of the
    children's totals (RUSAGE_CHILDREN) over the run."""

    def run(self, argv, cores=None):
        # taken afresh: children run outside the runner (the memory and
        # camera runs) count when reaped, not in the next measurement
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, out = measure(argv, cores)
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (now.ru_utime - before.ru_utime) + (now.ru_stime - before.ru_stime)
        return cpu, wall, out


def peak_rss_mib(argv):
    """Peak resident memory of one run, from GNU time's own wait4."""
    with tempfile.NamedTemporaryFile("r") as f:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f.name] + argv,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(f.read().strip().splitlines()[-1]) / 1024.0


def launch(video, tail):
    return ["gst-launch-1.0", "-m", "filesrc", "location=" + video, "!",
            "decodebin", "!"] + tail.split() + ["!", "fakesink", "sync=false"]


def parse_frames(out):
    stats = None
    for line in out.splitlines():
        m = FRAMES_RE.search(line)
        if m:
            stats = {k: float(v) for k, _, v in FIELD_RE.findall(m.group(1))}
    return stats


def vehicles_run(video, hotlist, detect, live):
    """In process (PyGObject): the vehicles reported, and with @live the
    latency of each report from its deciding frame's release."""
    import gi
    gi.require_version("Gst", "1.0")
    from gi.repository import Gst
    Gst.init(None)
    # identity sync=true releases each frame at its time, as a camera
    # would: what follows works as it would live
    desc = ("filesrc name=src ! decodebin ! %s%s ! fakesink sync=false"
            % ("identity sync=true ! " if live else "",
               PIPE_ELEMENTS.format(detect=detect, hotlist="__HOTLIST__")))
    desc = desc.replace("hotlist=__HOTLIST__", "name=match")
    pipe = Gst.parse_launch(desc)
    pipe.get_by_name("src").set_property("location", video)
    pipe.get_by_name("match").set_property("hotlist", hotlist)
    bus = pipe.get_bus()
    pipe.set_state(Gst.State.PLAYING)
    vehicles = []
    while True:
        msg = bus.timed_pop_filtered(Gst.SECOND, Gst.MessageType.ELEMENT
                                     | Gst.MessageType.EOS | Gst.MessageType.ERROR)
        if msg is None:
            continue
        if msg.type == Gst.MessageType.ERROR:
            err, dbg = msg.parse_error()
            sys.exit("anpr-bench: %s\n%s" % (err.message, dbg))
        if msg.type == Gst.MessageType.EOS:
            break
        s = msg.get_structure()
        if s.get_name() != "anpr-vehicle":
            continue
        v = json.loads(s.get_string("json"))
        clock = pipe.get_clock()
        if live and clock is not None:
            # running time now against the running time of the frame it
            # was decided on: the latest sighting (its PTS in seconds; a
            # file's segment starts at 0)
            now = (clock.get_time() - pipe.get_base_time()) / 1e9
            v["_latency"] = now - v["vehicle"]["last_pts"]
        vehicles.append(v)
    pipe.set_state(Gst.State.NULL)
    return vehicles


def pct(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100.0 * (len(values) - 1))))]


def load_truth(path):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    head = rows[0]
    return {r[head.index("plate")] for r in rows[1:] if r and r[0]}


def cameras_run(video, hotlist, n, seconds):
    """@n copies of the pipeline played live at once (each frame released
    at its time, as from a camera), as one machine carrying @n cameras:
    the slowest one's wall time against the video's length plus the
    elements' start-up (models loaded, measured alone)."""
    pipe = "identity sync=true ! " + PIPE_ELEMENTS.format(detect="",
                                                          hotlist=hotlist)
    # start-up: the same pipeline on the video's first two frames
    t0 = time.monotonic()
    subprocess.run(launch(video, "identity eos-after=2 ! " + pipe), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    startup = time.monotonic() - t0 - 2 / 25.0
    procs = []
    for _ in range(n):
        f = tempfile.NamedTemporaryFile("r")
        argv = ["/usr/bin/time", "-f", "%e %U %S", "-o", f.name] + \
            launch(video, pipe)
        procs.append((subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL), f))
    walls, cpus = [], []
    for p, f in procs:
        if p.wait() != 0:
            sys.exit("anpr-bench: a camera's pipeline failed")
        wall, user, sys_ = (float(x) for x in f.read().split()[-3:])
        f.close()
        walls.append(wall)
        cpus.append(user + sys_)
    behind = max(walls) - seconds - startup
    return {
        "cameras": n,
        "camera_startup_s": round(startup, 2),
        "camera_wall_max_s": round(max(walls), 2),
        "camera_cpu_mean_s": round(sum(cpus) / n, 2),
        # a second behind over the video is a queue of 25 frames: a
        # machine that keeps up stays within a few frames of it
        "cameras_behind_s": round(max(behind, 0.0), 2),
    }


def service_peak_rss_mib(video, hotlist, n, seconds):
    """Peak resident memory of anpr-service running @n cameras, each
    playing @video at its own pace, after @seconds."""
    with tempfile.TemporaryDirectory() as state:
        conf = os.path.join(state, "cameras.conf")
        with open(conf, "w") as f:
            f.write("[service]\nid = anpr-bench\n[defaults]\nregion = gb\n"
                    "hotlist = %s\n" % hotlist)
            for i in range(n):
                f.write("[camera bench%d]\nurl = file://%s\n"
                        % (i + 1, os.path.abspath(video)))
        env = dict(os.environ, STATE_DIRECTORY=state)
        proc = subprocess.Popen([find_tool("anpr-service", "service",
                                           "ANPR_SERVICE"), "--config", conf],
                                env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(seconds)
        with open("/proc/%d/status" % proc.pid) as f:
            hwm = [int(line.split()[1]) for line in f
                   if line.startswith("VmHWM:")][0]
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return hwm / 1024.0


def service_run(video, hotlist, n, seconds):
    """Memory a camera costs in the camera service, which runs a machine's
    cameras in one process (libraries and models loaded once): the peak
    with one camera, with @n, and what each camera past the first adds."""
    one = service_peak_rss_mib(video, hotlist, 1, seconds)
    many = service_peak_rss_mib(video, hotlist, n, seconds)
    return {
        "service_cameras": n,
        "service_rss_1_mib": round(one, 1),
        "service_rss_n_mib": round(many, 1),
        "service_rss_per_camera_mib": round(many / n, 1),
        "service_rss_added_camera_mib": round((many - one) / (n - 1), 1),
    }


def bench_size(args, height, runner):
    video, truth_path, hotlist = generate(args.workdir, height, args.seconds,
                                          args.seed, args.vehicles)
    truth = load_truth(truth_path)
    pipe_tail = PIPE_ELEMENTS.format(detect="", hotlist=hotlist)
    one = {0}
    # the start-up of an empty pipeline, taken off both costs
    init_cpu = min(runner.run(["gst-launch-1.0", "-q", "fakesrc", "num-buffers=1",
                               "!", "fakesink"], one)[0] for _ in range(2))
    dec, pip, dec_wall, pip_wall = [], [], [], []
    stats = None
    for _ in range(args.runs):
        cpu, wall, _ = runner.run(launch(video, "identity"), one)
        dec.append(cpu - init_cpu)
        dec_wall.append(wall)
        cpu, wall, out = runner.run(launch(video, pipe_tail), one)
        pip.append(cpu - init_cpu)
        pip_wall.append(wall)
        stats = parse_frames(out) or stats
    _, wall_all, _ = runner.run(launch(video, pipe_tail))
    frames = stats["frames"] if stats else 0
    res = {
        "size": "%dp" % height,
        "video": os.path.basename(video),
        "seconds": args.seconds,
        "frames": int(frames),
        "vehicles": len(truth),
        "decode_cpu_s": round(min(dec), 2),
        "pipeline_cpu_s": round(min(pip), 2),
        "ratio": round(min(pip) / min(dec), 2) if min(dec) > 0 else None,
        "searched_per_decoded": round(stats["searched"] / frames, 3) if frames else None,
        "searched_whole_per_decoded": round(stats["searched-whole"] / frames, 3) if frames else None,
        "searched_share": round(stats["searched-share"], 3) if stats else None,
        "fps_1_core": round(frames / min(pip_wall), 1) if frames else None,
        "fps_all_cores": round(frames / wall_all, 1) if frames else None,
        "cores": len(os.sched_getaffinity(0)),
        "decode_fps_1_core": round(frames / min(dec_wall), 1) if frames else None,
        "peak_rss_mib": round(peak_rss_mib(launch(video, pipe_tail)), 1),
    }
    got = None
    if not args.no_live:
        vs = vehicles_run(video, hotlist, "", True)
        got = {v["plate"]["text"] for v in vs}
        settled = [v["_latency"] for v in vs if "_latency" in v and v["vehicle"]["decided"] == "settled"]
        ended = [v["_latency"] for v in vs if "_latency" in v and v["vehicle"]["decided"] != "settled"]
        res.update({
            "reports": len(vs),
            "settled_reports": len(settled),
            "latency_settled_p50_ms": round(1000 * pct(settled, 50)) if settled else None,
            "latency_settled_p99_ms": round(1000 * pct(settled, 99)) if settled else None,
            "latency_track_end_p50_ms": round(1000 * pct(ended, 50)) if ended else None,
            "latency_track_end_p99_ms": round(1000 * pct(ended, 99)) if ended else None,
        })
    else:
        got = {v["plate"]["text"] for v in vehicles_run(video, hotlist, "", False)}
    res["read_right"] = len(got & truth)
    res["wrong_reads"] = sorted(got - truth)
    if not args.no_reference:
        ref = {v["plate"]["text"] for v in vehicles_run(video, hotlist, REFERENCE, False)}
        res["reference_read_right"] = len(ref & truth)
        res["lost_against_reference"] = sorted((ref & truth) - got)
    return res


def table(results):
    cols = [("size", "video"), ("decode_cpu_s", "decode CPU s"),
            ("pipeline_cpu_s", "pipeline CPU s"), ("ratio", "ratio"),
            ("searched_per_decoded", "searched/decoded"),
            ("fps_1_core", "fps 1 core"), ("fps_all_cores", "fps all cores"),
            ("latency_settled_p50_ms", "settled p50 ms"),
            ("latency_settled_p99_ms", "settled p99 ms"),
            ("latency_track_end_p99_ms", "track-end p99 ms"),
            ("peak_rss_mib", "peak RSS MiB"),
            ("service_rss_per_camera_mib", "service MiB a camera"),
            ("read_right", "read right"),
            ("reference_read_right", "reference")]
    lines = ["| " + " | ".join(c[1] for c in cols) + " |",
             "|" + "---|" * len(cols)]
    for r in results:
        cells = []
        for key, _ in cols:
            v = r.get(key)
            if key == "read_right":
                v = "%s of %s" % (v, r["vehicles"])
            cells.append("-" if v is None else str(v))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="720,1080", help="frame heights, comma separated")
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--vehicles", type=int, default=0,
                    help="vehicles per video (default: 16 a minute)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs", type=int, default=2, help="alternating runs of each cost")
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "anpr-bench"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-live", action="store_true", help="no latency run")
    ap.add_argument("--no-reference", action="store_true",
                    help="no run searching every frame whole")
    ap.add_argument("--cameras", type=int, default=0, metavar="N",
                    help="also play N copies live at once, as N cameras on this "
                    "machine, and say how far the slowest fell behind")
    ap.add_argument("--service", type=int, default=0, metavar="N",
                    help="also run anpr-service with one camera and with N "
                    "(at least 2) and say what memory each camera costs")
    args = ap.parse_args()
    if args.service == 1:
        ap.error("--service wants 2 cameras or more (it compares with one)")
    if args.vehicles <= 0:
        # the traffic scenario wants 6 at least (overtaking, abreast, a bus)
        args.vehicles = max(6, round(16 * args.seconds / 60))
    os.makedirs(args.workdir, exist_ok=True)
    # one OpenCV thread, as anpr-eval measures: CPU seconds of one stream
    os.environ.setdefault("OPENCV_FOR_THREADS_NUM", "1")
    runner = Runner()
    heights = [int(h) for h in args.sizes.split(",")]
    results = [bench_size(args, h, runner) for h in heights]
    # the runs that load both cores for minutes last: a machine just out
    # of them measured the next video's costs up to a fifth higher
    for h, res in zip(heights, results):
        video, _, hotlist = generate(args.workdir, h, args.seconds, args.seed,
                                     args.vehicles)
        if args.cameras > 0:
            res.update(cameras_run(video, hotlist, args.cameras, args.seconds))
        if args.service > 1:
            res.update(service_run(video, hotlist, args.service,
                                   min(args.seconds, 50)))
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print(table(results))
        for r in results:
            if r.get("wrong_reads") or r.get("lost_against_reference"):
                print("%s: wrong %s, lost against the reference %s"
                      % (r["size"], r.get("wrong_reads"), r.get("lost_against_reference")))


if __name__ == "__main__":
    main()
