// The live control-room board: open incidents by grade and age against target, units on the map by
// status. The server renders the first paint (table rows and a JSON state block); this script then
// applies each websocket message in place (row and marker updated, added or removed) and reconnects
// with back-off when the line drops, re-reading the state so nothing missed while away is lost.
// Rows stay in order as they change: ungraded first (their clock runs from the call), then by grade
// rank, then oldest first. A new Immediate call or a breach of target sounds (Web Audio) and flashes
// until acknowledged; mute is remembered per screen (localStorage).
window.Watchkeeper = window.Watchkeeper || {};
(function (W) {
  var UNIT_COLOURS = {
    available: "#00703c", en_route: "#1d70b8", committed: "#1d70b8", at_scene: "#b10e1e",
    unavailable: "#505a5f", off_duty: "#b1b4b6",
  };
  var CLOSED = { closed: true, cancelled: true, resolved: true };
  var STAGES = { open: "open", despatched: "despatched", at_scene: "at scene", closed: "closed", cancelled: "cancelled" };
  var MUTE_KEY = "watchkeeper.board.muted";
  var UNGRADED_TARGET = 5; // minutes: an ungraded call is treated as the most urgent

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function minutesSince(iso, now) { return Math.max(0, (now - new Date(iso).getTime()) / 60000); }

  function ageText(minutes) {
    if (minutes < 60) return Math.floor(minutes) + " min";
    var h = Math.floor(minutes / 60);
    return h + " h " + Math.floor(minutes % 60) + " min";
  }

  // Past target: red. Within the last quarter of the target: amber. Otherwise green.
  function ragFor(minutes, target) {
    if (!target) return "";
    if (minutes > target) return "rag-red";
    if (minutes > target * 0.75) return "rag-amber";
    return "rag-green";
  }

  W.board = function (stateId) {
    var state = JSON.parse(document.getElementById(stateId).textContent);
    var grades = state.grades || {};
    var tbody = document.getElementById("board-incidents");
    var statusLine = document.getElementById("board-status");
    var counter = document.getElementById("board-count");
    var incidents = {};
    var units = {};
    var map = null, unitLayer = null, incidentLayer = null, lineLayer = null;
    var live = false; // alerts only for what arrives after the first paint

    if (window.L && document.getElementById("board-map")) {
      map = W.map("board-map", state.layers || [], state.center ? { center: state.center, zoom: 11 } : {});
      lineLayer = L.layerGroup().addTo(map);
      unitLayer = L.layerGroup().addTo(map);
      incidentLayer = L.layerGroup().addTo(map);
    }

    function target(grade) {
      if (!grade) return UNGRADED_TARGET;
      return grades[grade] ? grades[grade].target_minutes : null;
    }
    function rank(grade) { return grade ? (grades[grade] ? grades[grade].rank : 99) : 0; }
    function isImmediate(grade) { return !!(grade && grades[grade] && grades[grade].immediate); }

    // --- alerts: sound and flash, acknowledge, mute per screen -------------------------------
    var alertBox = document.getElementById("board-alert");
    var alertText = document.getElementById("board-alert-text");
    var muteButton = document.getElementById("board-mute");
    var ackButton = document.getElementById("board-ack");
    var audio = null;
    function muted() { try { return localStorage.getItem(MUTE_KEY) === "1"; } catch (e) { return false; } }
    function showMute() {
      if (!muteButton) return;
      muteButton.textContent = muted() ? "Unmute board alerts" : "Mute board alerts";
      muteButton.setAttribute("aria-pressed", muted() ? "true" : "false");
    }
    function beep() {
      if (muted()) return;
      try {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        [0, 0.3].forEach(function (offset) {
          var osc = audio.createOscillator(), gain = audio.createGain();
          osc.frequency.value = 880;
          gain.gain.value = 0.2;
          osc.connect(gain); gain.connect(audio.destination);
          osc.start(audio.currentTime + offset); osc.stop(audio.currentTime + offset + 0.18);
        });
      } catch (e) { /* no audio device: the flash still shows */ }
    }
    function raise(id, text) {
      var row = document.getElementById("incident-" + id);
      if (row) row.classList.add("flash");
      if (alertBox) {
        alertText.textContent = text;
        alertBox.hidden = false;
      }
      W.boardAlerts = (W.boardAlerts || 0) + 1;
      beep();
    }
    if (ackButton) ackButton.addEventListener("click", function () {
      tbody.querySelectorAll("tr.flash").forEach(function (r) { r.classList.remove("flash"); });
      alertBox.hidden = true;
    });
    if (muteButton) muteButton.addEventListener("click", function () {
      try { localStorage.setItem(MUTE_KEY, muted() ? "0" : "1"); } catch (e) { /* private mode */ }
      showMute();
    });
    showMute();
    document.addEventListener("keydown", function () {
      if (audio && audio.state === "suspended") audio.resume();
    });

    function renderRow(inc) {
      var row = document.getElementById("incident-" + inc.id);
      if (!row) {
        row = el("tr", { id: "incident-" + inc.id, "data-id": inc.id });
        ["reference", "grade", "category", "location", "status", "age"].forEach(function (name) {
          row.appendChild(el("td", { "data-col": name }));
        });
      }
      var cells = {};
      row.querySelectorAll("td").forEach(function (td) { cells[td.dataset.col] = td; });
      cells.reference.textContent = "";
      var link = el("a", { href: inc.url || ("/control/incidents/" + inc.id + "/") }, inc.reference || ("#" + inc.id));
      cells.reference.appendChild(link);
      cells.grade.textContent = inc.grade ? inc.grade + (grades[inc.grade] ? " " + grades[inc.grade].label : "") : "ungraded";
      cells.category.textContent = inc.category_label || inc.category || "";
      cells.grade.className = inc.grade ? "" : "ungraded";
      if (cells.location) cells.location.textContent = inc.location || "";
      var stage = inc.stage || inc.status || "open";
      cells.status.textContent = STAGES[stage] || stage.replace(/_/g, " ");
      row.dataset.stage = stage;
      row.dataset.received = inc.received_at || "";
      row.dataset.grade = inc.grade || "";
      place(row);
      tickRow(row, Date.now());
    }

    function sortKey(row) { return [rank(row.dataset.grade), row.dataset.received || "", Number(row.dataset.id)]; }
    function before(a, b) {
      for (var i = 0; i < a.length; i++) { if (a[i] < b[i]) return true; if (a[i] > b[i]) return false; }
      return false;
    }
    // Put the row where it belongs (ungraded, then grade rank, then oldest first).
    function place(row) {
      var key = sortKey(row), next = null;
      var rows = tbody.querySelectorAll("tr[data-id]");
      for (var i = 0; i < rows.length; i++) {
        if (rows[i] !== row && before(key, sortKey(rows[i]))) { next = rows[i]; break; }
      }
      if (next) { if (row.nextSibling !== next) tbody.insertBefore(row, next); }
      else if (row !== tbody.lastElementChild || !row.parentNode) tbody.appendChild(row);
    }

    function tickRow(row, now) {
      var cell = row.querySelector('td[data-col="age"]');
      if (!cell || !row.dataset.received) return;
      var minutes = minutesSince(row.dataset.received, now);
      var t = target(row.dataset.grade);
      var badge = el("span", { class: ragFor(minutes, t) }, ageText(minutes));
      cell.textContent = "";
      cell.appendChild(badge);
      if (t) cell.appendChild(document.createTextNode(" / " + t + " min" + (row.dataset.grade ? "" : " to grade")));
      var overdue = !!t && minutes > t;
      // A breach: the row just went past target while open and not yet attended.
      if (overdue && row.dataset.overdue === "no" && row.dataset.stage !== "at_scene") {
        raise(row.dataset.id, "Past target: " + row.querySelector("a").textContent);
      }
      row.dataset.overdue = overdue ? "yes" : "no";
      row.classList.toggle("overdue", overdue);
    }

    function incidentMarker(inc) {
      if (!incidentLayer) return;
      var existing = incidents[inc.id] && incidents[inc.id].marker;
      if (existing) incidentLayer.removeLayer(existing);
      if (inc.lat == null || inc.lon == null || CLOSED[inc.status]) return null;
      var overdue = target(inc.grade) && minutesSince(inc.received_at, Date.now()) > target(inc.grade);
      var marker = L.circleMarker([inc.lat, inc.lon], {
        radius: 7, weight: 3, color: overdue ? "#b10e1e" : "#1b1b1b", fillColor: "#ffdd00", fillOpacity: 0.9,
      }).bindTooltip((inc.reference || "") + " " + (inc.grade || "") + " " + (inc.category || ""));
      incidentLayer.addLayer(marker);
      return marker;
    }

    function applyIncident(inc) {
      if (CLOSED[inc.status]) {
        var gone = document.getElementById("incident-" + inc.id);
        if (gone) gone.remove();
        if (incidents[inc.id] && incidents[inc.id].marker && incidentLayer) incidentLayer.removeLayer(incidents[inc.id].marker);
        delete incidents[inc.id];
      } else {
        var known = incidents[inc.id] || {};
        var merged = Object.assign({}, known, inc);
        renderRow(merged);
        if (live && isImmediate(merged.grade) && !isImmediate(known.grade)) {
          raise(merged.id, "New Immediate call: " + (merged.reference || "#" + merged.id) + " " + (merged.category || ""));
        }
        merged.marker = incidentMarker(merged);
        incidents[inc.id] = merged;
      }
      if (counter) counter.textContent = Object.keys(incidents).length;
    }

    function sinceText(iso) {
      if (!iso) return "";
      return ageText(minutesSince(iso, Date.now()));
    }

    // The line from a unit to its incident on the map.
    function unitLine(merged) {
      if (!lineLayer) return;
      if (merged.line) { lineLayer.removeLayer(merged.line); merged.line = null; }
      if (merged.incident_id && merged.incident_lat != null && merged.lat != null) {
        merged.line = L.polyline([[merged.lat, merged.lon], [merged.incident_lat, merged.incident_lon]], {
          color: UNIT_COLOURS[merged.status] || "#1d4e89", weight: 2, dashArray: "6 4",
        }).addTo(lineLayer);
      }
    }

    function applyUnit(unit) {
      var merged = Object.assign({}, units[unit.id] || {}, unit);
      if (!unit.incident_id) { merged.incident_id = null; merged.incident_reference = ""; merged.street = ""; }
      var colour = UNIT_COLOURS[merged.status] || "#1d4e89";
      var label = (merged.call_sign || "unit " + merged.id) + ": " + (merged.status || "").replace(/_/g, " ") +
        (merged.incident_reference ? " to " + merged.incident_reference : "");
      if (unitLayer && merged.lat != null && merged.lon != null) {
        if (merged.marker) {
          merged.marker.setLatLng([merged.lat, merged.lon]);
          merged.marker.setStyle({ color: colour, fillColor: colour });
          merged.marker.setTooltipContent(label);
        } else {
          merged.marker = L.circleMarker([merged.lat, merged.lon], {
            radius: 6, color: colour, fillColor: colour, fillOpacity: 0.8,
          }).bindTooltip(label, { permanent: true, direction: "right", className: "unit-label" }).addTo(unitLayer);
        }
        unitLine(merged);
      }
      var item = document.getElementById("unit-" + merged.id);
      if (item) {
        item.querySelector('[data-col="status"]').textContent = (merged.status || "").replace(/_/g, " ");
        item.dataset.status = merged.status || "";
        item.dataset.since = merged.status_since || "";
        var job = item.querySelector('[data-col="incident"]');
        if (job) {
          job.textContent = "";
          if (merged.incident_id) {
            job.appendChild(el("a", { href: "/control/incidents/" + merged.incident_id + "/" }, merged.incident_reference || ("#" + merged.incident_id)));
            if (merged.street) job.appendChild(document.createTextNode(" " + merged.street));
          }
        }
        var since = item.querySelector('[data-col="since"]');
        if (since) since.textContent = sinceText(merged.status_since);
      }
      units[unit.id] = merged;
    }

    function load(data) {
      (data.incidents || []).forEach(applyIncident);
      (data.units || []).forEach(applyUnit);
    }

    function refresh() {
      if (!state.state_url) return;
      fetch(state.state_url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) return;
          // Drop rows for incidents closed while the line was down.
          var open = {};
          (data.incidents || []).forEach(function (i) { open[i.id] = true; });
          Object.keys(incidents).forEach(function (id) {
            if (!open[id]) applyIncident({ id: id, status: "closed" });
          });
          load(data);
        });
    }

    var delay = 1000, socket = null, everConnected = false;
    function connect() {
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      socket = new WebSocket(scheme + location.host + (state.ws_path || "/ws/board/"));
      socket.onopen = function () {
        delay = 1000;
        statusLine.textContent = "Live";
        statusLine.className = "rag-green";
        if (everConnected) refresh();
        everConnected = true;
      };
      socket.onmessage = function (event) {
        var msg = JSON.parse(event.data);
        if (msg.type === "incident") applyIncident(msg);
        else if (msg.type === "unit") applyUnit(msg);
        W.boardLastMessage = msg;
      };
      socket.onclose = function (event) {
        if (event.code === 4401 || event.code === 4403) {
          statusLine.textContent = event.code === 4401 ? "Signed out: reload to sign in" : "Live updates not permitted";
          statusLine.className = "rag-red";
          return;
        }
        statusLine.textContent = "Reconnecting…";
        statusLine.className = "rag-amber";
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 15000);
      };
    }

    tbody.querySelectorAll("tr[data-id]").forEach(function (row) {
      incidents[row.dataset.id] = incidents[row.dataset.id] || { id: row.dataset.id };
    });
    load(state);
    live = true;
    connect();
    setInterval(function () {
      var now = Date.now();
      tbody.querySelectorAll("tr[data-id]").forEach(function (row) { tickRow(row, now); });
      Object.keys(units).forEach(function (id) {
        var cell = document.querySelector("#unit-" + id + ' [data-col="since"]');
        if (cell) cell.textContent = sinceText(units[id].status_since);
      });
    }, 15000);
    W.boardState = { incidents: incidents, units: units, socket: function () { return socket; } };
    return W.boardState;
  };
})(window.Watchkeeper);

if (document.getElementById("board-state")) window.Watchkeeper.board("board-state");
