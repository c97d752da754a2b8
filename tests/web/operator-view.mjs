// gst-anpr: the operator view (web/operator) end to end, nothing mocked.
//
// A real mosquitto on two free loopback ports (MQTT, and WebSockets with
// the page served from web/ by its http_dir), a password file with a
// camera user that may only write its camera's topics and an operator
// user that may only read; the real pipeline, gst-launch-1.0 filesrc !
// decodebin ! platedetect ! plateocr ! hotlistmatch, on the build's sample
// traffic video with a hotlist listing the listed vehicles it shows,
// publishing as the camera; headless Chromium (Debian's, driven by
// playwright-core) logged in as the operator.  Checked: a wrong password
// is refused; every match the broker delivered is a hit on the page with
// its fields (the hotlist reason, which holds markup, shown as text),
// ordered by priority then time; the camera in the health strip, online
// while the video plays and offline after; every read in the recent
// feed, and the search box filters it; a second login through the URL
// fragment sees the retained status and leaves no password in the
// address; the operator's credentials cannot publish.  Leaves a
// screenshot (printed path).
//
//   node operator-view.mjs WEB_DIR SCREENSHOT_PNG
// Environment (tests/meson.build): ANPR_SAMPLE_VIDEO, ANPR_SAMPLE_TRUTH,
// ANPR_SAMPLE_HOTLIST, the GStreamer plugin path; ANPR_CHROMIUM (default
// /usr/bin/chromium).  operator-view.sh checks what is needed first.

import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const [webDir, screenshotPath] = process.argv.slice(2);
if (!webDir || !screenshotPath) {
  console.error("usage: operator-view.mjs WEB_DIR SCREENSHOT_PNG");
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(webDir), "package.json"));
const { chromium } = require("playwright-core");
const mqtt = require("mqtt");

const CAMERA = "web-cam-1";
const PREFIX = "testboro/anpr";          // a prefix of two levels, not anpr
const MARKUP_REASON = 'Reported <b>2026-11-01</b> & "<img src=x onerror=alert(1)>"';
const started = Date.now();
const children = [];
let browser = null, witness = null, work = null;

function log(...a) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s]`, ...a);
}

class Failure extends Error {}
function check(cond, what) {
  if (!cond)
    throw new Failure(what);
}

function normalise(s) {
  return String(s || "").toUpperCase().replace(/[^A-Z0-9]/g, "");
}

async function until(what, seconds, fn) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await fn();
    if (v)
      return v;
    if (Date.now() > end)
      throw new Failure(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function accepts(port) {
  return new Promise((resolve) => {
    const c = net.connect({ host: "127.0.0.1", port });
    c.on("connect", () => { c.destroy(); resolve(true); });
    c.on("error", () => resolve(false));
  });
}

// A child whose output is kept for the failure report; ended in cleanup.
function start(name, cmd, args, opts = {}) {
  const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
  p.output = "";
  p.exited = new Promise((resolve) => p.on("exit", (code, sig) => {
    p.code = code;
    p.signal = sig;
    resolve(code);
  }));
  p.on("error", (e) => { p.output += `${name}: ${e.message}\n`; });
  p.stdout.on("data", (d) => { p.output += d; });
  p.stderr.on("data", (d) => { p.output += d; });
  p.label = name;
  children.push(p);
  return p;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  check(r.status === 0, `${cmd} failed: ${r.error ? r.error.message : r.stderr}`);
  return r.stdout;
}

function readCsv(file) {
  // the generator's hotlist: a header, no quoted fields
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l);
  const head = lines[0].split(",");
  return lines.slice(1).map((l) => {
    const f = l.split(",");
    return Object.fromEntries(head.map((h, i) => [h, f[i] ?? ""]));
  });
}

function csvField(s) {
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// ---- the broker --------------------------------------------------------

async function startBroker() {
  const users = {
    camera: crypto.randomBytes(18).toString("base64url"),
    operator: crypto.randomBytes(18).toString("base64url"),
  };
  // user:password lines hashed in place: no password on a command line
  const passwd = path.join(work, "passwd");
  fs.writeFileSync(passwd, Object.entries(users).map(([u, p]) => `${u}:${p}\n`).join(""));
  run("mosquitto_passwd", ["-U", passwd]);
  // as docs/deployment.md, "Access control"
  fs.writeFileSync(path.join(work, "acl"), [
    "user camera", `topic write ${PREFIX}/${CAMERA}/#`, "",
    "user operator", `topic read ${PREFIX}/+/match`, `topic read ${PREFIX}/+/read`,
    `topic read ${PREFIX}/+/status`, `topic read ${PREFIX}/service/+/status`, ""].join("\n"));
  fs.writeFileSync(path.join(work, "camera.pw"), users.camera + "\n", { mode: 0o600 });
  const mqttPort = await freePort(), wsPort = await freePort();
  // The WebSockets listener names the interface, lo: Debian 12's mosquitto
  // (2.0.11) ignores an address there and would listen on every interface.
  // It needs the plain listener beside it to start at all.
  fs.writeFileSync(path.join(work, "mosquitto.conf"), [
    "per_listener_settings false",
    "allow_anonymous false",
    `password_file ${passwd}`,
    `acl_file ${path.join(work, "acl")}`,
    "persistence false",
    "log_dest stderr",
    `listener ${mqttPort} 127.0.0.1`,
    `listener ${wsPort} lo`,
    "protocol websockets",
    `http_dir ${path.resolve(webDir)}`, ""].join("\n"));
  // mosquitto, started as root, reads them as the user mosquitto
  for (const f of ["passwd", "acl", "mosquitto.conf"])
    fs.chmodSync(path.join(work, f), 0o644);
  fs.chmodSync(work, 0o755);
  const exe = fs.existsSync("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
  const broker = start("mosquitto", exe, ["-c", path.join(work, "mosquitto.conf")]);
  await until("mosquitto to listen", 10, async () => {
    check(broker.code === undefined, "mosquitto exited: " + broker.output);
    return (await accepts(mqttPort)) && (await accepts(wsPort));
  });
  const ss = spawnSync("ss", ["-Hltn", `sport = :${wsPort}`], { encoding: "utf8" });
  if (ss.status === 0) {
    check(!/(^|\s)(\*|0\.0\.0\.0|\[::\]):\d+/m.test(ss.stdout),
      `the WebSockets listener is on every interface: ${ss.stdout}`);
    log("websockets listener:", ss.stdout.trim().split(/\s+/)[3]);
  }
  return { users, mqttPort, wsPort, broker };
}

// A subscriber as the operator over plain MQTT: what the broker delivers
// to the operator, to compare the page with.
async function startWitness(b) {
  const got = [];
  const c = mqtt.connect(`mqtt://127.0.0.1:${b.mqttPort}`, {
    username: "operator", password: b.users.operator, clean: true,
    protocolVersion: 4, reconnectPeriod: 0, clientId: "test-witness",
  });
  c.on("message", (topic, payload) => got.push({ topic, payload: payload.toString() }));
  await new Promise((resolve, reject) => {
    c.once("connect", resolve);
    c.once("error", reject);
  });
  const granted = await c.subscribeAsync([`${PREFIX}/+/match`, `${PREFIX}/+/read`,
    `${PREFIX}/+/status`], { qos: 1 });
  check(granted.every((g) => g.qos !== 128), "the operator may not subscribe: " +
    JSON.stringify(granted));
  c.got = got;
  return c;
}

// ---- the page ----------------------------------------------------------

async function openPage(url) {
  const page = await browser.newPage({ viewport: { width: 960, height: 640 } });
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push("page error: " + e.message));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning")
      page.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(url);
  return page;
}

async function hitsOnPage(page) {
  return page.$$eval("#hits li.hit", (lis) => lis.map((li) => {
    const t = (sel) => { const e = li.querySelector(sel); return e ? e.textContent : null; };
    const img = li.querySelector(".crop img");
    const reason = li.querySelector(".reason");
    return {
      id: li.dataset.eventId, read: t(".plate-read"), listed: t(".plate-listed"),
      list: t(".list"), reason: t(".reason"), action: t(".action"),
      camera: t(".camera"), time: t(".time"), direction: t(".direction"),
      priority: t(".priority"),
      reasonElements: reason ? reason.children.length : -1,
      img: img ? { w: img.naturalWidth, h: img.naturalHeight, complete: img.complete } : null,
    };
  }));
}

async function readsOnPage(page) {
  return page.$$eval("#reads tr.read", (trs) => trs.map((tr) => ({
    id: tr.dataset.eventId, plate: tr.querySelector(".plate").textContent,
    camera: tr.querySelector(".camera").textContent,
  })));
}

// ---- the test ----------------------------------------------------------

async function main() {
  const video = process.env.ANPR_SAMPLE_VIDEO, truth = process.env.ANPR_SAMPLE_TRUTH;
  const sampleHotlist = process.env.ANPR_SAMPLE_HOTLIST;
  work = fs.mkdtempSync(path.join(os.tmpdir(), "anpr-web-"));

  // The hotlist: the sample's entries for the vehicles the video shows,
  // priorities 1, 2, ... in the order they appear, so that the page's
  // order (priority first) is not the order of time (newest first); the
  // first in lower case (listed text and read differ) and with markup in
  // its reason.
  const inVideo = new Map(fs.readFileSync(truth, "utf8").split("\n").slice(1)
    .filter((l) => l.trim()).map((l) => l.split("\t"))
    .map((f) => [normalise(f[0]), parseFloat(f[3])]));
  const rows = readCsv(sampleHotlist).filter((r) => inVideo.has(normalise(r.plate)))
    .sort((a, b) => inVideo.get(normalise(a.plate)) - inVideo.get(normalise(b.plate)));
  check(rows.length >= 2, `the sample video shows ${rows.length} listed vehicles, not 2 or more`);
  rows.forEach((r, i) => { r.priority = String(i + 1); });
  rows[0].plate = rows[0].plate.toLowerCase();
  rows[0].reason = MARKUP_REASON;
  const hotlist = path.join(work, "hotlist.csv");
  fs.writeFileSync(hotlist, "plate,list,reason,priority,action\n" + rows.map((r) =>
    [r.plate, r.list, r.reason, r.priority, r.action].map(csvField).join(",")).join("\n") + "\n");
  const listedBy = new Map(rows.map((r) => [normalise(r.plate), r]));
  log(`hotlist: ${rows.map((r) => r.plate).join(", ")}`);

  const b = await startBroker();
  log(`mosquitto: MQTT on 127.0.0.1:${b.mqttPort}, WebSockets and the page on 127.0.0.1:${b.wsPort}`);
  witness = await startWitness(b);

  browser = await chromium.launch({
    executablePath: process.env.ANPR_CHROMIUM || "/usr/bin/chromium",
    // no sandbox as root; nothing of Chromium's own goes on the network
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const pageUrl = `http://127.0.0.1:${b.wsPort}/operator/?prefix=${encodeURIComponent(PREFIX)}`;

  // 1. a wrong password is refused, and says so
  const page = await openPage(pageUrl);
  await page.fill("#username", "operator");
  await page.fill("#password", "not-the-password");
  await page.click("#login button[type=submit]");
  await page.waitForSelector("#login-error:not([hidden])", { timeout: 15000 });
  const refusal = await page.textContent("#login-error");
  check(/refused/.test(refusal), `the refusal says: ${refusal}`);
  check(await page.isHidden("#view"), "the view is shown after a refused login");
  log("wrong password refused:", refusal);

  // 2. the operator logs in with the form
  await page.fill("#username", "operator");
  await page.fill("#password", b.users.operator);
  await page.click("#login button[type=submit]");
  await page.waitForSelector("#connection.conn-on", { timeout: 15000 });
  check(await page.inputValue("#password") === "", "the password stays in the form");
  log("page:", await page.textContent("#connection"));
  // the states the camera goes through, as the page shows them
  await page.evaluate(() => {
    window.cameraStates = [];
    window.cameraFacts = [];
    new MutationObserver(() => {
      document.querySelectorAll("#cameras .cam").forEach((c) => {
        const state = c.querySelector(".state").textContent;
        if (window.cameraStates[window.cameraStates.length - 1] !== state)
          window.cameraStates.push(state);
        window.cameraFacts.push(state + ": " + c.querySelector(".facts").textContent);
      });
    }).observe(document.getElementById("cameras"), { childList: true, subtree: true });
  });

  // 3. the real pipeline, publishing as the camera
  // under `meson test --setup asan` the plugins are instrumented and the
  // system's gst-launch-1.0 is not: ASan's runtime first (read-plates.sh)
  const gstEnv = { ...process.env };
  if (process.env.ANPR_ASAN_RUNTIME) {
    gstEnv.LD_PRELOAD = process.env.ANPR_ASAN_RUNTIME;
    gstEnv.ASAN_OPTIONS = "detect_leaks=0";
  }
  const gst = start("gst-launch-1.0", "gst-launch-1.0", [
    "filesrc", `location=${video}`, "!", "decodebin", "!", "platedetect", "!",
    "plateocr", "region=gb", "!", "hotlistmatch", `hotlist=${hotlist}`,
    `mqtt-url=mqtt://127.0.0.1:${b.mqttPort}`, "mqtt-username=camera",
    `mqtt-password-file=${path.join(work, "camera.pw")}`, `camera-id=${CAMERA}`,
    `topic-prefix=${PREFIX}`, "publish-reads=true", "evidence=crop", "status-interval=2",
    // in real time, as a camera delivers it: the status has a frame rate
    // and the camera stays online for the screenshot
    "!", "fakesink", "sync=true"], { env: gstEnv });
  log("gst-launch-1.0 filesrc ! decodebin ! platedetect ! plateocr ! hotlistmatch started");
  await until("the camera online on the page", 60, async () => {
    check(gst.code === undefined || gst.code === 0, "gst-launch-1.0 failed: " + gst.output);
    return page.$(`#cameras .cam[data-camera="${CAMERA}"].state-online`);
  });
  log("camera online in the health strip:", await page.textContent(`#cameras .cam[data-camera="${CAMERA}"]`));
  // every listed vehicle alerts once: the screenshot as soon as all are in
  await until("a hit for every listed vehicle on the page", 120, async () => {
    check(gst.code === undefined || gst.code === 0, "gst-launch-1.0 failed: " + gst.output);
    return (await page.$$("#hits li.hit")).length >= rows.length;
  });
  fs.mkdirSync(path.dirname(path.resolve(screenshotPath)), { recursive: true });
  await page.screenshot({ path: screenshotPath, fullPage: true });
  log(`screenshot: ${path.resolve(screenshotPath)}`);
  const code = await Promise.race([gst.exited,
    new Promise((r) => setTimeout(() => r("timeout"), 240000))]);
  check(code === 0, `gst-launch-1.0 ended with ${code}: ${gst.output}`);
  log("pipeline done");
  check(!/refused|not authori[sz]ed/i.test(gst.output), "the broker refused the camera: " + gst.output);

  // What the broker delivered to the operator: the clean stop's retained
  // offline status is the camera's last message.
  const statusTopic = `${PREFIX}/${CAMERA}/status`;
  await until("the offline status at the witness", 20, () => {
    const st = witness.got.filter((m) => m.topic === statusTopic);
    return st.length && JSON.parse(st[st.length - 1].payload).state === "offline";
  });
  const events = (kind) => witness.got.filter((m) => m.topic === `${PREFIX}/${CAMERA}/${kind}`)
    .map((m) => JSON.parse(m.payload));
  const matches = events("match"), reads = events("read");
  const alerted = new Set(matches.map((m) => normalise(m.hotlist.plate)));
  check(alerted.size === listedBy.size && [...listedBy.keys()].every((p) => alerted.has(p)),
    `hits for ${[...alerted].join(", ")}, listed and in the video ${[...listedBy.keys()].join(", ")}`);
  log(`broker delivered ${matches.length} matches and ${reads.length} reads`);

  // 4. the hits: every match, with its fields, priority first then newest
  await until("every hit on the page", 20, async () =>
    (await page.$$("#hits li.hit")).length === matches.length);
  const shown = await hitsOnPage(page);
  const order = [...matches].sort((x, y) => x.hotlist.priority - y.hotlist.priority ||
    Date.parse(y.timestamp) - Date.parse(x.timestamp)).map((m) => m.event_id);
  check(JSON.stringify(shown.map((h) => h.id)) === JSON.stringify(order),
    `hits in the order ${shown.map((h) => h.id)}, not ${order}`);
  for (const m of matches) {
    const h = shown.find((s) => s.id === m.event_id);
    const row = listedBy.get(normalise(m.hotlist.plate));
    const want = {
      read: m.plate.text, listed: row.plate, list: row.list, reason: row.reason,
      action: row.action, camera: CAMERA, priority: "priority " + row.priority,
    };
    for (const [k, v] of Object.entries(want))
      check(h[k] === v, `hit ${m.plate.text}: ${k} is ${JSON.stringify(h[k])}, not ${JSON.stringify(v)}`);
    check(h.reasonElements === 0, `hit ${m.plate.text}: the reason's markup became elements`);
    check(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(h.time), `hit time ${h.time}`);
    check(h.direction.startsWith(m.vehicle.direction), `hit direction ${h.direction}, event ${m.vehicle.direction}`);
    check(m.evidence && m.evidence.crop, `match ${m.plate.text} has no crop`);
    check(h.img && h.img.complete && h.img.w === m.evidence.crop.width &&
      h.img.h === m.evidence.crop.height,
      `hit ${m.plate.text}: crop shown ${JSON.stringify(h.img)}, event ${m.evidence.crop.width}x${m.evidence.crop.height}`);
    log(`hit: ${h.read} listed as "${h.listed}" (${h.list}, ${h.priority}, ${h.action}) ${h.time} ${h.direction}`);
  }
  check(await page.$$eval("#hits img", (imgs) => imgs.every((i) => i.src.startsWith("data:image/jpeg;base64,"))),
    "a picture that is not the event's JPEG");
  check(await page.evaluate(() => document.querySelectorAll("img[onerror], b").length === 0),
    "markup from a message reached the page");

  // 5. the health strip: online while it played, offline now
  await page.waitForSelector(`#cameras .cam[data-camera="${CAMERA}"].state-offline`, { timeout: 10000 });
  const states = await page.evaluate(() => window.cameraStates);
  check(states.includes("online") && states[states.length - 1] === "offline",
    `camera states on the page: ${states}`);
  const facts = await page.evaluate(() => window.cameraFacts);
  const live = facts.filter((f) => /^online: .*\b(\d+\.\d) fps.*last read \d\d:\d\d:\d\d/.test(f) &&
    parseFloat(f.match(/(\d+\.\d) fps/)[1]) > 0);
  check(live.length > 0, `no frame rate and last read while online: ${facts.join(" | ")}`);
  const final = await page.textContent(`#cameras .cam[data-camera="${CAMERA}"] .facts`);
  check(/last read \d\d:\d\d:\d\d/.test(final), `offline, the last read is gone: ${final}`);
  log(`health strip: ${states.join(" -> ")}; online: ${live[live.length - 1]}; now: ${final}`);

  // 6. the recent reads, and the search box
  await until("every read on the page", 20, async () =>
    (await page.$$("#reads tr.read")).length === reads.length);
  let rowsShown = await readsOnPage(page);
  check(JSON.stringify(rowsShown.map((r) => r.id)) === JSON.stringify(reads.map((r) => r.event_id).reverse()),
    "the reads are not the delivered ones, newest first");
  check(rowsShown.every((r) => r.camera === CAMERA), "a read of another camera");
  const target = matches[0].plate.text;
  const needle = target.slice(2, 5).toLowerCase();
  await page.fill("#read-filter", needle);
  rowsShown = await readsOnPage(page);
  const expected = reads.filter((r) => normalise(r.plate.text).includes(normalise(needle)));
  check(JSON.stringify(rowsShown.map((r) => r.id)) ===
    JSON.stringify(expected.map((r) => r.event_id).reverse()) &&
    rowsShown.some((r) => r.plate === target) && rowsShown.length < reads.length,
    `filter "${needle}" shows ${rowsShown.map((r) => r.plate)}`);
  log(`search "${needle}": ${rowsShown.length} of ${reads.length} reads (${rowsShown.map((r) => r.plate).join(", ")})`);
  await page.fill("#read-filter", "ZZZZZZZZ");
  check((await readsOnPage(page)).length === 0 &&
    /no read matches/.test(await page.textContent("#reads")), "a filter matching nothing");
  await page.fill("#read-filter", "");
  check((await readsOnPage(page)).length === reads.length, "clearing the filter");

  // 7. a login through the fragment: no password left in the address, and
  // the retained status is there at once
  const page2 = await openPage(`${pageUrl}#username=operator&password=${encodeURIComponent(b.users.operator)}`);
  await page2.waitForSelector("#connection.conn-on", { timeout: 15000 });
  check(await page2.evaluate(() => location.hash === "" && !location.href.includes("password")),
    "the password stays in the address");
  await page2.waitForSelector(`#cameras .cam[data-camera="${CAMERA}"].state-offline`, { timeout: 10000 });
  log("fragment login: connected, address cleared, retained camera status shown");

  // 8. the operator cannot publish: a match, a read and a retained status
  // forged with its credentials never reach a subscriber, while a camera's
  // message published after them does.
  const forged = { schema: "gst-anpr.event", schema_version: "1.2", type: "match",
    event_id: crypto.randomUUID(), camera_id: CAMERA, timestamp: new Date().toISOString(),
    plate: { text: "FORGED1" }, hotlist: { plate: "FORGED1", listed: "FORGED1", priority: 1 } };
  const pub = (user, topic, payload, retain) => spawnSync("mosquitto_pub", ["-h", "127.0.0.1",
    "-p", String(b.mqttPort), "-u", user, "-P", b.users[user], "-q", "1", "-V", "mqttv311",
    "-t", topic, "-m", JSON.stringify(payload), ...(retain ? ["-r"] : [])], { encoding: "utf8" });
  const before = witness.got.length;
  pub("operator", `${PREFIX}/${CAMERA}/match`, forged);
  pub("operator", `${PREFIX}/${CAMERA}/read`, { ...forged, type: "read", event_id: crypto.randomUUID() });
  pub("operator", `${PREFIX}/forged-cam/status`, { camera_id: "forged-cam", state: "online" }, true);
  const probe = { ...forged, type: "read", event_id: crypto.randomUUID(), plate: { text: "PROBE1" } };
  delete probe.hotlist;
  const r = pub("camera", `${PREFIX}/${CAMERA}/read`, probe);
  check(r.status === 0, "the camera cannot publish its read: " + r.stderr);
  await until("the camera's probe at the witness", 10, () =>
    witness.got.slice(before).some((m) => m.payload.includes("PROBE1")));
  const after = witness.got.slice(before);
  check(after.length === 1, `the operator's messages were delivered: ${after.map((m) => m.topic)}`);
  await page.waitForSelector("#reads td.plate:text-is('PROBE1')", { timeout: 10000 });
  check(!(await page.textContent("body")).includes("FORGED1") &&
    !(await page.$('#cameras .cam[data-camera="forged-cam"]')),
    "a message the operator published is on the page");
  log("operator credentials cannot publish: 3 messages denied, the camera's probe after them arrived");

  for (const p of [page, page2])
    check(p.problems.length === 0, "the page reported: " + p.problems.join("; "));
}

async function cleanup() {
  if (witness)
    witness.end(true);
  if (browser)
    await browser.close().catch(() => {});
  for (const p of children)
    if (p.code === undefined && p.signal === undefined)
      p.kill("SIGTERM");
  await Promise.all(children.map((p) => Promise.race([p.exited,
    new Promise((r) => setTimeout(() => { p.kill("SIGKILL"); r(); }, 5000))])));
  if (work)
    fs.rmSync(work, { recursive: true, force: true });
}

for (const sig of ["SIGINT", "SIGTERM"])
  process.on(sig, () => { cleanup().finally(() => process.exit(1)); });

let status = 0;
try {
  await main();
  log("PASS");
} catch (e) {
  status = 1;
  console.log("FAIL:", e instanceof Failure ? e.message : e.stack);
  for (const p of children)
    if (p.output)
      console.log(`---- ${p.label} output ----\n${p.output.slice(-4000)}`);
}
await cleanup();
process.exit(status);
