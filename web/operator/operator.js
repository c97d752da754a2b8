/* gst-anpr operator view: subscribes, read only, to
 *   <prefix>/+/match          hotlist hits (docs/mqtt.md, event JSON)
 *   <prefix>/+/read           every vehicle read (publish-reads=true)
 *   <prefix>/+/status         camera health (retained)
 *   <prefix>/service/+/status the camera service's health (retained)
 * and shows them.  Every string of a message is untrusted (a hotlist's
 * reason is free text): it reaches the page through textContent only,
 * and a picture only as a checked base64 JPEG data: URL. */
(function () {
  "use strict";

  var MAX_HITS = 200;
  var MAX_READS = 500;
  var MAX_SEEN = 2000;            /* event_ids remembered to drop resends */
  var MAX_PICTURE = 200000;       /* base64 characters of one crop */

  var params = new URLSearchParams(location.search);
  var prefix = (params.get("prefix") || "anpr").replace(/^\/+|\/+$/g, "");
  var brokerUrl = params.get("broker") || defaultBroker();

  var client = null;
  var hits = [];                  /* sorted: priority, then newest */
  var reads = [];                 /* newest first */
  var seen = new Map();           /* event_id -> true, insertion order */
  var cameras = new Map();        /* camera id (topic level) -> status */
  var services = new Map();       /* service id -> status */

  function $(id) { return document.getElementById(id); }

  function defaultBroker() {
    if (location.protocol !== "http:" && location.protocol !== "https:")
      return "";
    return (location.protocol === "https:" ? "wss://" : "ws://") +
      location.host + "/";
  }

  /* ---- small helpers ---------------------------------------------------- */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls)
      e.className = cls;
    if (text !== undefined && text !== null)
      e.textContent = String(text);
    return e;
  }

  function str(v) {
    return typeof v === "string" ? v : (typeof v === "number" ? String(v) : "");
  }

  function obj(v) {
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  }

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  /* Local wall clock of an ISO 8601 time, "HH:MM:SS", with the date when
   * it is not today; the text itself when it does not parse. */
  function clock(iso, withDate) {
    var d = new Date(str(iso));
    if (isNaN(d.getTime()))
      return str(iso) || "-";
    var t = pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" +
      pad(d.getSeconds());
    var now = new Date();
    if (withDate || d.toDateString() !== now.toDateString())
      t = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" +
        pad(d.getDate()) + " " + t;
    return t;
  }

  function ago(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    if (s < 90)
      return s + " s ago";
    if (s < 5400)
      return Math.round(s / 60) + " min ago";
    if (s < 172800)
      return Math.round(s / 3600) + " h ago";
    return Math.round(s / 86400) + " days ago";
  }

  function normalisePlate(s) {
    return String(s || "").toUpperCase().replace(/[^A-Z0-9]/g, "");
  }

  function direction(ev) {
    var v = obj(ev.vehicle);
    var d = str(v.direction);
    if (!d)
      return "-";
    if (str(v.passage))
      d += " (" + str(v.passage) + ")";
    return d;
  }

  function jpegDataUrl(picture) {
    var b64 = str(obj(picture).jpeg_base64);
    if (!b64 || b64.length > MAX_PICTURE || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)
        || b64.slice(0, 4) !== "/9j/")
      return null;
    return "data:image/jpeg;base64," + b64;
  }

  /* true the first time an event_id is seen (delivery is at least once) */
  function firstTime(ev) {
    var id = str(ev.event_id);
    if (!id)
      return true;
    if (seen.has(id))
      return false;
    seen.set(id, true);
    if (seen.size > MAX_SEEN)
      seen.delete(seen.keys().next().value);
    return true;
  }

  /* ---- hits ------------------------------------------------------------- */

  function priorityOf(ev) {
    var p = obj(ev.hotlist).priority;
    return typeof p === "number" && isFinite(p) ? p : Infinity;
  }

  function timeOf(ev) {
    var t = Date.parse(str(ev.timestamp));
    return isNaN(t) ? 0 : t;
  }

  function addHit(ev) {
    hits.push({ ev: ev, priority: priorityOf(ev), time: timeOf(ev),
      arrived: Date.now() });
    hits.sort(function (a, b) {
      return a.priority - b.priority || b.time - a.time ||
        b.arrived - a.arrived;
    });
    if (hits.length > MAX_HITS)
      hits.length = MAX_HITS;
    renderHits();
  }

  function field(dl, name, value, cls) {
    dl.appendChild(el("dt", null, name));
    dl.appendChild(el("dd", cls, value === "" ? "-" : value));
  }

  function hitElement(h) {
    var ev = h.ev, plate = obj(ev.plate), hl = obj(ev.hotlist);
    var match = obj(ev.match), evidence = obj(ev.evidence);
    var li = el("li", "hit");
    li.dataset.eventId = str(ev.event_id);
    var p = h.priority;
    if (p !== Infinity)
      li.classList.add("priority-" + (p <= 1 ? 1 : p === 2 ? 2 : 3));

    var pic = el("div", "crop");
    var url = jpegDataUrl(evidence.crop) || jpegDataUrl(evidence.frame);
    if (url) {
      var img = el("img");
      img.alt = "plate picture";
      img.src = url;
      pic.appendChild(img);
    } else {
      pic.appendChild(el("span", "nopic", "no picture"));
    }
    li.appendChild(pic);

    var body = el("div", "hit-body");
    var head = el("div", "hit-head");
    head.appendChild(el("span", "plate plate-read", str(plate.text)));
    head.appendChild(el("span", "action", str(hl.action) || "no action"));
    head.appendChild(el("span", "priority",
        p === Infinity ? "priority -" : "priority " + p));
    body.appendChild(head);

    var dl = el("dl");
    field(dl, "listed as", str(hl.listed) || str(hl.plate), "plate-listed");
    field(dl, "list", str(hl.list), "list");
    field(dl, "reason", str(hl.reason), "reason");
    field(dl, "camera", str(ev.camera_id), "camera");
    field(dl, "time", clock(ev.timestamp, true), "time");
    field(dl, "direction", direction(ev), "direction");
    var how = str(match.kind);
    if (how === "fuzzy")
      how += ", distance " + str(match.distance) + " (check the picture)";
    if (typeof match.candidate === "number" && match.candidate > 0)
      how += ", candidate " + match.candidate;
    field(dl, "match", how, "match-kind");
    if (str(hl.notes))
      field(dl, "notes", str(hl.notes), "notes");
    body.appendChild(dl);
    li.appendChild(body);
    return li;
  }

  function renderHits() {
    var ol = $("hits");
    var frag = document.createDocumentFragment();
    hits.forEach(function (h) { frag.appendChild(hitElement(h)); });
    if (!hits.length)
      frag.appendChild(el("li", "empty", "no hits yet"));
    ol.replaceChildren(frag);
    $("hit-count").textContent = hits.length ? "(" + hits.length + ")" : "";
  }

  /* ---- reads ------------------------------------------------------------ */

  function addRead(ev) {
    reads.unshift(ev);
    if (reads.length > MAX_READS)
      reads.length = MAX_READS;
    renderReads();
  }

  function renderReads() {
    var want = normalisePlate($("read-filter").value);
    var tbody = $("reads");
    var frag = document.createDocumentFragment();
    var shown = 0;
    reads.forEach(function (ev) {
      var plate = obj(ev.plate);
      var text = str(plate.text);
      if (want && normalisePlate(text).indexOf(want) < 0)
        return;
      shown++;
      var tr = el("tr", "read");
      tr.dataset.eventId = str(ev.event_id);
      tr.appendChild(el("td", "time", clock(ev.timestamp)));
      tr.appendChild(el("td", "plate", text));
      tr.appendChild(el("td", "camera", str(ev.camera_id)));
      tr.appendChild(el("td", "direction", direction(ev)));
      tr.appendChild(el("td", "confidence",
          typeof plate.confidence === "number" ?
          plate.confidence.toFixed(2) : "-"));
      tr.appendChild(el("td", "format", str(plate.format) || "-"));
      frag.appendChild(tr);
    });
    if (!shown) {
      var tr = el("tr", "empty");
      var td = el("td", null, reads.length ? "no read matches the filter" :
          "no reads yet");
      td.colSpan = 6;
      tr.appendChild(td);
      frag.appendChild(tr);
    }
    tbody.replaceChildren(frag);
    $("read-count").textContent = want ? "(" + shown + " of " + reads.length +
      ")" : reads.length ? "(" + reads.length + ")" : "";
  }

  /* ---- health ----------------------------------------------------------- */

  var STATES = ["online", "no-video", "reconnecting", "offline"];
  var STALE_MS = 90000;

  function renderCameras() {
    var ul = $("cameras");
    var frag = document.createDocumentFragment();
    var now = Date.now();
    Array.from(cameras.keys()).sort().forEach(function (id) {
      var c = cameras.get(id), s = c.status;
      var state = str(s.state) || "unknown";
      var li = el("li", "cam state-" +
          (STATES.indexOf(state) >= 0 ? state : "unknown"));
      li.dataset.camera = id;
      li.appendChild(el("span", "camera-id", str(s.camera_id) || id));
      li.appendChild(el("span", "state", state));
      var facts = [];
      if (typeof s.fps === "number" && state === "online")
        facts.push(s.fps.toFixed(1) + " fps");
      if (c.lastRead)
        facts.push("last read " + clock(new Date(c.lastRead).toISOString()));
      else if (s.last_read_age_s === null)
        facts.push("no read yet");
      if (typeof s.frames_dropped === "number" && s.frames_dropped > 0)
        facts.push(s.frames_dropped + " frames dropped");
      if (typeof s.queue_depth === "number" && s.queue_depth > 0)
        facts.push(s.queue_depth + " messages waiting");
      /* the status's own time when it has one: a retained status may be
       * old; a camera that says it runs but has not said so for three
       * default status intervals is stale */
      var at = Date.parse(str(s.timestamp));
      var age = now - (isNaN(at) ? c.received : Math.min(at, c.received));
      facts.push("status " + ago(age));
      if (state !== "offline" && age > STALE_MS) {
        li.classList.add("stale");
        facts.push("stale");
      }
      li.appendChild(el("span", "facts", facts.join(" \u00b7 ")));
      frag.appendChild(li);
    });
    if (!cameras.size)
      frag.appendChild(el("li", "empty", "no camera status yet"));
    ul.replaceChildren(frag);

    var parts = [];
    Array.from(services.keys()).sort().forEach(function (id) {
      var s = services.get(id).status;
      var n = Object.keys(obj(s.cameras)).length;
      parts.push("service " + (str(s.service_id) || id) + ": " +
        (str(s.state) || "unknown") + (n ? ", " + n + " cameras" : ""));
    });
    $("services").textContent = parts.join("; ");
  }

  /* ---- MQTT ------------------------------------------------------------- */

  function topics() {
    return [prefix + "/+/match", prefix + "/+/read", prefix + "/+/status",
      prefix + "/service/+/status"];
  }

  function onMessage(topic, payload) {
    if (topic.slice(0, prefix.length + 1) !== prefix + "/")
      return;
    var levels = topic.slice(prefix.length + 1).split("/");
    var text = new TextDecoder().decode(payload);
    var msg = null;
    if (text.length) {
      try { msg = JSON.parse(text); } catch (e) { return; }
      if (!msg || typeof msg !== "object" || Array.isArray(msg))
        return;
    }
    if (levels.length === 3 && levels[0] === "service" &&
        levels[2] === "status") {
      if (msg)
        services.set(levels[1], { status: msg, received: Date.now() });
      else
        services.delete(levels[1]);
      renderCameras();
      return;
    }
    if (levels.length !== 2)
      return;
    if (levels[1] === "status") {
      /* an empty retained message clears a camera; the offline status
       * (a last will) says only that: the last read known stays */
      if (msg) {
        var prev = cameras.get(levels[0]);
        var at = Date.parse(str(msg.timestamp));
        var lastRead = prev ? prev.lastRead : 0;
        if (typeof msg.last_read_age_s === "number" && !isNaN(at))
          lastRead = at - msg.last_read_age_s * 1000;
        cameras.set(levels[0], { status: msg, received: Date.now(),
          lastRead: lastRead });
      } else {
        cameras.delete(levels[0]);
      }
      renderCameras();
    } else if (msg && levels[1] === "match" && msg.type === "match") {
      if (firstTime(msg))
        addHit(msg);
    } else if (msg && levels[1] === "read" && msg.type === "read") {
      if (firstTime(msg))
        addRead(msg);
    }
  }

  function setConnection(text, cls) {
    var p = $("connection");
    p.textContent = text;
    p.className = "conn " + cls;
  }

  /* what the last user saw goes with them */
  function clearView() {
    hits = [];
    reads = [];
    seen.clear();
    cameras.clear();
    services.clear();
    $("read-filter").value = "";
    renderHits();
    renderReads();
    renderCameras();
    $("view").hidden = true;
  }

  function showLogin(error) {
    $("login").hidden = false;
    $("logout").hidden = true;
    $("password").value = "";
    var e = $("login-error");
    e.textContent = error || "";
    e.hidden = !error;
  }

  function disconnect() {
    if (client) {
      client.end(true);
      client = null;
    }
  }

  function connect(username, password) {
    disconnect();
    if (typeof window.mqtt === "undefined") {
      showLogin("The MQTT client (mqtt.min.js) did not load: run " +
        "tools/install-deps.sh, which installs web/node_modules.");
      return;
    }
    if (!brokerUrl) {
      showLogin("No broker: open this page over http(s), or give " +
        "?broker=ws://HOST:PORT/ in its address.");
      return;
    }
    $("login").hidden = true;
    $("logout").hidden = false;
    $("view").hidden = false;
    setConnection("connecting to " + brokerUrl + " as " + username, "conn-wait");
    var c = window.mqtt.connect(brokerUrl, {
      username: username,
      password: password,
      clientId: "operator-view-" + Math.random().toString(16).slice(2, 10),
      clean: true,
      protocolVersion: 4,
      reconnectPeriod: 3000,
      connectTimeout: 10000,
      keepalive: 30
    });
    client = c;
    c.on("connect", function () {
      if (c !== client)
        return;
      setConnection("connected to " + brokerUrl + " as " + username +
        ", subscribing", "conn-wait");
      c.subscribe(topics(), { qos: 1 }, function (err, granted) {
        if (c !== client)
          return;
        var refused = (granted || []).filter(function (g) {
          return g.qos === 128;
        }).map(function (g) { return g.topic; });
        if (err || refused.length)
          setConnection("connected as " + username + ", but not allowed " +
            "to read " + (refused.join(", ") || String(err)), "conn-warn");
        else
          setConnection("connected to " + brokerUrl + " as " + username +
            ", topics " + prefix + "/...", "conn-on");
      });
    });
    c.on("message", function (topic, payload) {
      if (c === client)
        onMessage(topic, payload);
    });
    c.on("reconnect", function () {
      if (c === client)
        setConnection("reconnecting to " + brokerUrl + "...", "conn-wait");
    });
    c.on("offline", function () {
      if (c === client)
        setConnection("broker unreachable (" + brokerUrl + "), retrying",
          "conn-off");
    });
    c.on("error", function (err) {
      if (c !== client)
        return;
      /* CONNACK 4: bad user name or password, 5: not authorised */
      if (err && (err.code === 4 || err.code === 5 || err.code === 134 ||
          err.code === 135)) {
        disconnect();
        setConnection("not connected", "conn-off");
        clearView();
        showLogin("The broker refused the login (" + err.message + ").");
      }
    });
  }

  /* Credentials from the fragment (#username=...&password=...), which
   * the browser never sends; taken out of the address bar at once. */
  function credentialsFromFragment() {
    if (location.hash.length < 2)
      return null;
    var f = new URLSearchParams(location.hash.slice(1));
    history.replaceState(null, "", location.pathname + location.search);
    var u = f.get("username") || f.get("user");
    return u ? { username: u, password: f.get("password") || "" } : null;
  }

  function start() {
    $("broker-url").textContent = brokerUrl || "(none: give ?broker=)";
    $("topic-prefix").textContent = prefix;
    $("login").addEventListener("submit", function (e) {
      e.preventDefault();
      var u = $("username").value.trim();
      var pw = $("password").value;
      $("password").value = "";
      if (u)
        connect(u, pw);
    });
    $("logout").addEventListener("click", function () {
      disconnect();
      setConnection("not connected", "conn-off");
      clearView();
      showLogin(null);
    });
    $("read-filter").addEventListener("input", renderReads);
    setInterval(renderCameras, 5000);
    renderHits();
    renderReads();
    renderCameras();
    var cred = credentialsFromFragment();
    if (cred) {
      $("username").value = cred.username;
      connect(cred.username, cred.password);
    }
  }

  start();
}());
