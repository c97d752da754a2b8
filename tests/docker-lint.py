#!/usr/bin/python3
# gst-anpr: docker-lint
# Copyright (C) 2026 gst-anpr developers
# SPDX-License-Identifier: LGPL-2.0-or-later
"""Checks docker/Dockerfile and docker/compose.yaml against the project's
rules for its images (no Docker engine needed):

Dockerfile: every base image pinned (a point release, a date or a digest;
not `latest`, no tag, nor a bare major or codename); the final stage runs
as a user that is not root, has a HEALTHCHECK, installs no compiler or
-dev package (tools/install-deps.sh only with --runtime, whose section of
tools/debian-packages.txt is checked too) and copies no source or build
tree; no ENV or ARG named like a secret (PASSWORD, SECRET, TOKEN, KEY...)
holds a value (a *_FILE name pointing at a file is fine).

compose.yaml: images pinned as above; no port published on every
interface (only 127.0.0.1 or ::1), no host networking; the service built
here restarts `unless-stopped` and takes its password from `secrets:`; no
secret in `environment:`; a mosquitto broker's configuration has TLS on
every listener and no anonymous access; a camera service configuration
mounted in speaks mqtts:// and reads its password from /run/secrets.

  docker-lint.py [--dockerfile FILE] [--compose FILE] [--packages LIST]
  docker-lint.py --self-test DIR

Each problem is printed as FILE:LINE: PROBLEM; exit status 1 when there
is one.  --self-test checks that every DIR/bad-* fixture is rejected with
the reason its first line names (`# expect: TEXT`).  Exit status 77
(skipped) without python3-yaml.
"""

import argparse
import configparser
import os
import re
import shlex
import sys

try:
    import yaml
except ImportError:
    print("SKIP: docker-lint: python3-yaml is not installed "
          "(tools/install-deps.sh)")
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)

# Names of variables that would hold a secret; a name ending in one of
# SAFE_SUFFIXES names where the secret is, not the secret.
SECRET_WORDS = {"PASSWORD", "PASSWD", "PASS", "SECRET", "SECRETS", "TOKEN",
                "KEY", "APIKEY", "CREDENTIAL", "CREDENTIALS", "PRIVATE",
                "AUTH"}
SAFE_SUFFIXES = ("_FILE", "_PATH", "_DIR")

# Packages that build software rather than run it.
BUILD_PACKAGE = re.compile(
    r"(-dev|-dev:[a-z0-9]+)$|^(build-essential|gcc|g\+\+|cpp|clang|llvm"
    r"|make|cmake|meson|ninja-build|pkg-config|pkgconf|libtool|autoconf"
    r"|automake|bison|flex)(-[0-9.]+)?$")


class Problems:
    def __init__(self):
        self.items = []

    def add(self, path, line, text):
        self.items.append("%s:%s: %s" % (path, line, text))


def is_secret_name(name):
    upper = name.upper()
    if upper.endswith(SAFE_SUFFIXES):
        return False
    return any(part in SECRET_WORDS for part in re.split(r"[^A-Z0-9]+", upper))


def image_pin_problem(ref):
    """Why the image reference @ref is not pinned, or None."""
    if ref == "scratch":
        return None
    if "@sha256:" in ref:
        return None
    name, _, tag = ref.rpartition(":") if ":" in ref.split("/")[-1] else (
        ref, "", "")
    if not tag:
        return "image %s has no tag (that is `latest`): pin a release" % ref
    if tag == "latest":
        return "image %s: `latest` is not a pinned version" % ref
    if not re.search(r"\d+\.\d+|\d{8}", tag):
        return ("image %s: tag `%s` is a moving major or codename, pin a "
                "point release (12.11-slim, 2.0.22), a date or a digest"
                % (ref, tag))
    return None


# ---- Dockerfile ------------------------------------------------------------

def dockerfile_instructions(path):
    """(line number, INSTRUCTION, arguments) with continuations joined."""
    out = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        start = i
        text = lines[i].strip()
        i += 1
        if not text or text.startswith("#"):
            continue
        while text.endswith("\\") and i < len(lines):
            text = text[:-1]
            nxt = lines[i].strip()
            i += 1
            if nxt.startswith("#"):
                continue
            text += " " + nxt
        word, _, args = text.partition(" ")
        out.append((start + 1, word.upper(), args.strip()))
    return out


def env_pairs(args):
    """The name=value pairs of ENV (both of its forms) or ARG."""
    if "=" not in args.split(" ")[0]:
        name, _, value = args.partition(" ")
        return [(name, value.strip())]
    pairs = []
    for word in shlex.split(args, posix=True):
        name, eq, value = word.partition("=")
        pairs.append((name, value if eq else None))
    return pairs


def split_from(args):
    words = [w for w in args.split() if not w.startswith("--")]
    ref = words[0] if words else ""
    name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
    return ref, name


def apt_packages(command):
    """Packages named by apt-get/apt install in a shell command."""
    pkgs = []
    for part in re.split(r"&&|\|\||;|\|", command):
        try:
            words = shlex.split(part)
        except ValueError:
            words = part.split()
        for j, w in enumerate(words):
            if os.path.basename(w) in ("apt-get", "apt", "aptitude") and \
                    "install" in words[j + 1:]:
                k = words.index("install", j + 1)
                pkgs += [p for p in words[k + 1:] if not p.startswith("-")]
                break
    return pkgs


def runtime_section(packages):
    """The [runtime] section of tools/debian-packages.txt."""
    section, out = "main", []
    with open(packages, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            m = re.match(r"^\[([a-z]+)\]$", s)
            if m:
                section = m.group(1)
            elif s and not s.startswith("#") and section == "runtime":
                out.append((n, s.split()[0]))
    return out


def lint_dockerfile(path, packages, problems):
    instructions = dockerfile_instructions(path)
    args_before_from = {}
    stages = []                 # [(line, ref, name, [instructions])]
    for n, word, args in instructions:
        if word == "FROM":
            ref, name = split_from(args)
            for k, v in args_before_from.items():
                ref = ref.replace("${%s}" % k, v).replace("$" + k, v)
            stages.append((n, ref, name, []))
        elif not stages:
            if word == "ARG":
                for k, v in env_pairs(args):
                    if v is not None:
                        args_before_from[k] = v
        if stages and word != "FROM":
            stages[-1][3].append((n, word, args))
        if word in ("ENV", "ARG"):
            for k, v in env_pairs(args):
                if not is_secret_name(k):
                    continue
                if word == "ENV" and v:
                    problems.add(path, n, "ENV %s holds a secret in the "
                                 "image: read it from a file (secrets)" % k)
                elif word == "ARG":
                    problems.add(path, n, "ARG %s: a build argument named "
                                 "like a secret ends up in the image's "
                                 "history" % k)
    if not stages:
        problems.add(path, 1, "no FROM")
        return
    names = {s[2] for s in stages if s[2]}
    for n, ref, _, _ in stages:
        if ref in names:
            continue
        if "$" in ref:
            problems.add(path, n, "image %s: a variable without a default, "
                         "not pinned" % ref)
            continue
        why = image_pin_problem(ref)
        if why:
            problems.add(path, n, why)

    n_from, _, _, final = stages[-1]
    users = [(n, a) for n, w, a in final if w == "USER"]
    if not users:
        problems.add(path, n_from, "the final stage has no USER: it runs "
                     "as root")
    else:
        n, user = users[-1]
        if user.split(":")[0] in ("root", "0"):
            problems.add(path, n, "the final stage runs as root (USER %s)"
                         % user)
    checks = [(n, a) for n, w, a in final if w == "HEALTHCHECK"]
    if not checks:
        problems.add(path, n_from, "the final stage has no HEALTHCHECK")
    elif checks[-1][1].upper().startswith("NONE"):
        problems.add(path, checks[-1][0], "HEALTHCHECK NONE")

    for n, word, args in final:
        if word == "RUN":
            for p in apt_packages(args):
                if BUILD_PACKAGE.search(p):
                    problems.add(path, n, "the final stage installs %s, a "
                                 "build tool or -dev package" % p)
            if "install-deps.sh" in args:
                if "--runtime" not in args:
                    problems.add(path, n, "the final stage runs "
                                 "install-deps.sh without --runtime: it "
                                 "installs compilers and headers")
                elif packages:
                    for ln, p in runtime_section(packages):
                        if BUILD_PACKAGE.search(p):
                            problems.add(packages, ln, "[runtime] lists %s, "
                                         "a build tool or -dev package" % p)
        elif word in ("COPY", "ADD"):
            words = [w for w in args.split() if not w.startswith("--")]
            from_stage = [w for w in args.split() if w.startswith("--from=")]
            for src in words[:-1]:
                if not from_stage and src in (".", "./"):
                    problems.add(path, n, "the final stage copies the whole "
                                 "source tree")
                if from_stage and re.match(r"^/(src|build)(/|$)", src):
                    problems.add(path, n, "the final stage copies %s of "
                                 "the build stage: only the installed files "
                                 "belong in it" % src)


# ---- compose.yaml ----------------------------------------------------------

LOOPBACK = ("127.", "::1", "[::1]")


def port_problem(spec):
    """Why a `ports:` entry publishes beyond loopback, or None."""
    if isinstance(spec, dict):
        if "published" not in spec:
            return None if "host_ip" in spec and \
                str(spec["host_ip"]).startswith(LOOPBACK) else \
                "port %s published without host_ip: on every interface" % \
                spec.get("target")
        ip = str(spec.get("host_ip", ""))
        if not ip.startswith(LOOPBACK):
            return "port %s published on %s" % (
                spec.get("published"), ip or "every interface")
        return None
    s = str(spec).split("/")[0]
    if s.startswith("["):
        ip = s[: s.index("]") + 1]
    else:
        parts = s.split(":")
        ip = parts[0] if len(parts) == 3 else ""
    if not ip.startswith(LOOPBACK):
        return "port %s is published on %s: bind it to 127.0.0.1" % (
            spec, ip if ip and ip != "0.0.0.0" else "every interface")
    return None


def env_items(env):
    if isinstance(env, dict):
        return [(k, v) for k, v in env.items()]
    out = []
    for e in env or []:
        k, eq, v = str(e).partition("=")
        out.append((k, v if eq else None))
    return out


def line_of(path, needle, regex=False):
    """The first line of @path holding @needle (a regex with @regex)."""
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if (re.search(needle, line) if regex else needle in line):
                    return n
    except OSError:
        pass
    return 1


def mounts(service, base):
    """(host path, container path) of a service's bind mounts."""
    out = []
    for v in service.get("volumes") or []:
        if isinstance(v, dict):
            src, dst = v.get("source", ""), v.get("target", "")
        else:
            parts = str(v).split(":")
            if len(parts) < 2:
                continue
            src, dst = parts[0], parts[1]
        if src.startswith((".", "/")) and "$" not in src:
            out.append((os.path.normpath(os.path.join(base, src)), dst))
    return out


def lint_mosquitto_conf(path, problems):
    listeners = []              # [line, port, certfile, keyfile]
    anonymous = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            if words[0] == "listener":
                listeners.append([n, words[1] if len(words) > 1 else "?",
                                  False, False])
            elif words[0] in ("certfile", "keyfile") and listeners:
                listeners[-1][2 if words[0] == "certfile" else 3] = True
            elif words[0] == "allow_anonymous":
                anonymous = (n, words[1] if len(words) > 1 else "")
    if not listeners:
        problems.add(path, 1, "no listener: mosquitto's default one is "
                     "plain MQTT")
    for n, port, cert, key in listeners:
        if port != "0" and not (cert and key):
            problems.add(path, n, "listener %s without TLS (certfile and "
                         "keyfile)" % port)
    if anonymous is None or anonymous[1] != "false":
        problems.add(path, anonymous[0] if anonymous else 1,
                     "the broker must say allow_anonymous false")


def lint_service_conf(path, problems):
    kf = configparser.ConfigParser(interpolation=None, strict=False,
                                   comment_prefixes=("#", ";"))
    try:
        kf.read(path, encoding="utf-8")
    except configparser.Error as e:
        problems.add(path, 1, "not a key file: %s" % e)
        return
    for group in kf.sections():
        sec = kf[group]
        url = sec.get("mqtt-url")
        if url and not url.startswith("mqtts://"):
            problems.add(path, line_of(path, "mqtt-url"), "[%s] mqtt-url %s "
                         "is not TLS (mqtts://)" % (group, url))
        pw = sec.get("mqtt-password-file")
        if sec.get("mqtt-username") and not pw:
            problems.add(path, line_of(path, "mqtt-username"), "[%s] a user "
                         "name without mqtt-password-file" % group)
        if pw and not pw.startswith("/run/secrets/"):
            problems.add(path, line_of(path, "mqtt-password-file"),
                         "[%s] mqtt-password-file %s is not a secret "
                         "(/run/secrets/...)" % (group, pw))


def lint_compose(path, problems):
    base = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict) or not isinstance(doc.get("services"), dict):
        problems.add(path, 1, "no services")
        return
    top_secrets = doc.get("secrets") or {}
    built = 0
    for name, svc in doc["services"].items():
        svc = svc or {}
        at = line_of(path, r"^\s+%s:\s*(#.*)?$" % re.escape(name), True)
        if "image" in svc and "build" not in svc:
            why = image_pin_problem(str(svc["image"]))
            if why:
                problems.add(path, line_of(path, str(svc["image"])),
                             "%s: %s" % (name, why))
        if svc.get("network_mode") == "host":
            problems.add(path, line_of(path, "network_mode"), "%s: host "
                         "networking puts every port on every interface"
                         % name)
        for spec in svc.get("ports") or []:
            why = port_problem(spec)
            if why:
                problems.add(path, line_of(path, str(spec).split("/")[0])
                             if not isinstance(spec, dict) else at,
                             "%s: %s" % (name, why))
        for k, v in env_items(svc.get("environment")):
            if is_secret_name(k) and v:
                problems.add(path, line_of(path, k), "%s: environment %s "
                             "holds a secret: use secrets:" % (name, k))
        image = str(svc.get("image", ""))
        if "mosquitto" in image and not any(
                d.endswith(".conf") for _, d in mounts(svc, base)):
            problems.add(path, at, "%s: no configuration of ours mounted: "
                         "the image's own has no TLS" % name)
        for src, dst in mounts(svc, base):
            broker = "mosquitto" in image and dst.endswith(".conf")
            service = dst.startswith("/etc/gst-anpr/") and \
                dst.endswith(".conf")
            if (broker or service) and not os.path.isfile(src):
                problems.add(path, line_of(path, dst), "%s: %s mounted at "
                             "%s is missing" % (name, src, dst))
            elif broker:
                lint_mosquitto_conf(src, problems)
            elif service:
                lint_service_conf(src, problems)
        if "build" in svc:
            built += 1
            if svc.get("restart") != "unless-stopped":
                problems.add(path, line_of(path, "restart:") if "restart" in
                             svc else at, "%s: restart must be "
                             "unless-stopped, not %s" % (
                                 name, svc.get("restart", "missing")))
            hc = svc.get("healthcheck") or {}
            if hc.get("disable") or hc.get("test") in (["NONE"], "NONE"):
                problems.add(path, line_of(path, "healthcheck:"), "%s: "
                             "health check disabled" % name)
            used = svc.get("secrets") or []
            if not used:
                problems.add(path, at, "%s: no secrets: the MQTT password "
                             "must come from a secret file" % name)
            for s in used:
                src = s.get("source") if isinstance(s, dict) else s
                if src not in top_secrets:
                    problems.add(path, at, "%s: secret %s is not defined "
                                 "under secrets:" % (name, src))
    if built == 0:
        problems.add(path, 1, "no service built from the Dockerfile "
                     "(build:)")


# ---- main ------------------------------------------------------------------

def lint(dockerfile=None, compose=None, packages=None):
    problems = Problems()
    if dockerfile:
        lint_dockerfile(dockerfile, packages, problems)
    if compose:
        lint_compose(compose, problems)
    return problems.items


def lint_fixture(path):
    """A fixture's problems; a Dockerfile's with the package list beside
    it (NAME.packages.txt) or else the project's."""
    if path.endswith(".Dockerfile"):
        own = path[: -len(".Dockerfile")] + ".packages.txt"
        return lint(dockerfile=path, packages=own if os.path.exists(own)
                    else os.path.join(TOP, "tools", "debian-packages.txt"))
    return lint(compose=path)


def self_test(folder):
    """Every bad-* fixture must be rejected for the one reason its first
    line names, and nothing else; every good-* fixture must pass."""
    failures = rejected = passed = 0
    fixtures = sorted(f for f in os.listdir(folder)
                      if f.startswith(("bad-", "good-"))
                      and f.endswith((".Dockerfile", ".yaml")))
    bad = [f for f in fixtures if f.startswith("bad-")]
    if not bad:
        print("docker-lint: no bad-* fixtures in %s" % folder)
        return 1
    for name in fixtures:
        path = os.path.join(folder, name)
        found = lint_fixture(path)
        if name.startswith("good-"):
            if found:
                print("FAIL %s: a good fixture rejected: %s" % (name, found))
                failures += 1
            else:
                print("passed %s" % name)
                passed += 1
            continue
        with open(path, encoding="utf-8") as f:
            m = re.match(r"#\s*expect:\s*(.+)", f.readline())
        if not m:
            print("FAIL %s: no `# expect:` first line" % name)
            failures += 1
            continue
        expect = m.group(1).strip()
        hits = [p for p in found if expect in p]
        if hits and len(hits) == len(found):
            print("rejected %s: %s" % (name, hits[0].split(": ", 1)[1]))
            rejected += 1
        else:
            print("FAIL %s: expected only '%s'; found: %s" % (
                name, expect, found or "nothing"))
            failures += 1
    print("docker-lint self-test: %d of %d bad fixtures rejected for their "
          "reason alone, %d of %d good ones passed" % (
              rejected, len(bad), passed, len(fixtures) - len(bad)))
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dockerfile")
    ap.add_argument("--compose")
    ap.add_argument("--packages",
                    default=os.path.join(TOP, "tools", "debian-packages.txt"))
    ap.add_argument("--self-test", metavar="DIR")
    a = ap.parse_args()
    if a.self_test:
        return self_test(a.self_test)
    if not a.dockerfile and not a.compose:
        a.dockerfile = os.path.join(TOP, "docker", "Dockerfile")
        a.compose = os.path.join(TOP, "docker", "compose.yaml")
    found = lint(a.dockerfile, a.compose, a.packages)
    for p in found:
        print(p)
    checked = " and ".join(f for f in (a.dockerfile, a.compose) if f)
    print("docker-lint: %s: %s" % (checked, "%d problem(s)" % len(found)
                                   if found else "OK"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
