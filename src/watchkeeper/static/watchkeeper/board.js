// The live control-room board: open incidents by grade and age against target, units on the map by
// status. The server renders the first paint (table rows and a JSON state block); this script then
// applies each websocket message in place (row and marker updated, added or removed) and reconnects
// with back-off when the line drops, re-reading the state so nothing missed while away is lost.
window.Watchkeeper = window.Watchkeeper || {};
(function (W) {
  var UNIT_COLOURS = {
    available: "#00703c", en_route: "#1d70b8", committed: "#1d70b8", at_scene: "#b10e1e",
    unavailable: "#505a5f", off_duty: "#b1b4b6",
  };
  var CLOSED = { closed: true, cancelled: true, resolved: true };

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
    var map = null, unitLayer = null, incidentLayer = null;

    if (window.L && document.getElementById("board-map")) {
      map = W.map("board-map", state.layers || [], {});
      unitLayer = L.layerGroup().addTo(map);
      incidentLayer = L.layerGroup().addTo(map);
    }

    function target(grade) { return grades[grade] ? grades[grade].target_minutes : null; }

    function renderRow(inc) {
      var row = document.getElementById("incident-" + inc.id);
      if (!row) {
        row = el("tr", { id: "incident-" + inc.id, "data-id": inc.id });
        ["reference", "grade", "category", "status", "age"].forEach(function (name) {
          row.appendChild(el("td", { "data-col": name }));
        });
        tbody.insertBefore(row, tbody.firstChild);
      }
      var cells = {};
      row.querySelectorAll("td").forEach(function (td) { cells[td.dataset.col] = td; });
      cells.reference.textContent = "";
      var link = el("a", { href: inc.url || ("/control/incidents/" + inc.id + "/") }, inc.reference || ("#" + inc.id));
      cells.reference.appendChild(link);
      cells.grade.textContent = inc.grade ? inc.grade + (grades[inc.grade] ? " " + grades[inc.grade].label : "") : "ungraded";
      cells.category.textContent = inc.category_label || inc.category || "";
      cells.status.textContent = (inc.status || "").replace(/_/g, " ");
      row.dataset.received = inc.received_at || "";
      row.dataset.grade = inc.grade || "";
      tickRow(row, Date.now());
    }

    function tickRow(row, now) {
      var cell = row.querySelector('td[data-col="age"]');
      if (!cell || !row.dataset.received) return;
      var minutes = minutesSince(row.dataset.received, now);
      var t = target(row.dataset.grade);
      var badge = el("span", { class: ragFor(minutes, t) }, ageText(minutes));
      cell.textContent = "";
      cell.appendChild(badge);
      if (t) cell.appendChild(document.createTextNode(" / " + t + " min"));
      row.classList.toggle("overdue", !!t && minutes > t);
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
        var merged = Object.assign({}, incidents[inc.id] || {}, inc);
        renderRow(merged);
        merged.marker = incidentMarker(merged);
        incidents[inc.id] = merged;
      }
      if (counter) counter.textContent = Object.keys(incidents).length;
    }

    function applyUnit(unit) {
      var merged = Object.assign({}, units[unit.id] || {}, unit);
      var colour = UNIT_COLOURS[merged.status] || "#1d4e89";
      var label = (merged.call_sign || "unit " + merged.id) + ": " + (merged.status || "").replace(/_/g, " ");
      if (unitLayer && merged.lat != null && merged.lon != null) {
        if (merged.marker) {
          merged.marker.setLatLng([merged.lat, merged.lon]);
          merged.marker.setStyle({ color: colour, fillColor: colour });
          merged.marker.setTooltipContent(label);
        } else {
          merged.marker = L.circleMarker([merged.lat, merged.lon], {
            radius: 6, color: colour, fillColor: colour, fillOpacity: 0.8,
          }).bindTooltip(label).addTo(unitLayer);
        }
      }
      var item = document.getElementById("unit-" + merged.id);
      if (item) {
        item.querySelector('[data-col="status"]').textContent = (merged.status || "").replace(/_/g, " ");
        item.dataset.status = merged.status || "";
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
    connect();
    setInterval(function () {
      var now = Date.now();
      tbody.querySelectorAll("tr[data-id]").forEach(function (row) { tickRow(row, now); });
    }, 15000);
    W.boardState = { incidents: incidents, units: units, socket: function () { return socket; } };
    return W.boardState;
  };
})(window.Watchkeeper);

if (document.getElementById("board-state")) window.Watchkeeper.board("board-state");
