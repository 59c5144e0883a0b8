// The officer's phone page: the route to the incident on a map (the routing engine's route API),
// and the live part (status, incident) refreshed as soon as the board's websocket says this unit or
// its incident changed. While the socket is down (or refused) the page polls every 4 s instead, so
// despatches still appear by themselves. The status form is left alone while a result is typed.
(function () {
  "use strict";
  var page = document.getElementById("field-page");
  if (!page) return;

  function drawRoute() {
    var el = document.getElementById("field-map");
    if (!el || !window.L || el.dataset.drawn) return;
    el.dataset.drawn = "1";
    var at = [Number(el.dataset.lat), Number(el.dataset.lon)];
    var map = L.map(el, { zoomSnap: 0.25 }).setView(at, 15);
    map.attributionControl.addAttribution("© OpenStreetMap contributors");
    L.circleMarker(at, { radius: 8, color: "#b00020" }).addTo(map).bindTooltip("Incident");
    fetch(el.dataset.route, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (feature) {
        var summary = document.getElementById("route-summary");
        if (!feature) { summary.textContent = "No route available: head for the marked point."; return; }
        var layer = L.geoJSON(feature, { style: { color: "#6a1b9a", weight: 5 } }).addTo(map);
        try { map.fitBounds(layer.getBounds(), { padding: [16, 16] }); } catch (e) { /* a single point */ }
        var p = feature.properties || {};
        var parts = [];
        if (p.seconds != null) parts.push(Math.round(p.seconds / 60) + " min");
        if (p.metres != null) parts.push((p.metres / 1000).toFixed(1) + " km");
        if (p.method) parts.push(p.method);
        if (p.streets && p.streets.length) parts.push("via " + p.streets.slice(0, 4).join(", "));
        summary.textContent = parts.length ? "Route: " + parts.join(" · ") : "Route shown on the map.";
      });
  }

  function busy() {
    var a = document.activeElement;
    return a && a.tagName === "TEXTAREA" && a.value !== "";
  }

  // force: a message said something changed (a grade or street can change with the same status).
  function refresh(force) {
    if (busy() || (document.hidden && !force)) return;
    fetch(page.dataset.refresh, { credentials: "same-origin", headers: { "X-Requested-With": "poll" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html || busy()) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("field-page");
        var now = document.getElementById("field-page");
        if (!fresh || !now) return;
        var before = now.querySelector("[data-testid=unit-status]");
        var after = fresh.querySelector("[data-testid=unit-status]");
        var inc = now.querySelector("[data-incident]"), inc2 = fresh.querySelector("[data-incident]");
        var same = before && after && before.textContent === after.textContent &&
          (inc ? inc.dataset.incident : "") === (inc2 ? inc2.dataset.incident : "");
        if (same && !force) return;
        now.innerHTML = fresh.innerHTML;
        drawRoute();
      });
  }

  function currentIncident() {
    var inc = document.querySelector("#field-page [data-incident]");
    return inc ? inc.dataset.incident : "";
  }

  var socketOpen = false, delay = 2000;
  function connect() {
    if (!window.WebSocket || !page.dataset.unit) return;
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + page.dataset.ws);
    socket.onopen = function () {
      socketOpen = true;
      delay = 2000;
      page.dataset.live = "socket";
      refresh(true); // anything missed while connecting
    };
    socket.onmessage = function (event) {
      var msg = JSON.parse(event.data);
      var mine = (msg.type === "unit" && String(msg.id) === page.dataset.unit) ||
        (msg.type === "incident" && currentIncident() !== "" && String(msg.id) === currentIncident());
      if (mine) refresh(true);
    };
    socket.onclose = function (event) {
      socketOpen = false;
      page.dataset.live = "poll";
      if (event.code === 4401 || event.code === 4403) return; // not allowed: polling carries on
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }

  drawRoute();
  connect();
  setInterval(function () { if (!socketOpen) refresh(false); }, 4000);
})();
