// The officer's phone page: the route to the incident on a map (the routing engine's route API),
// and a refresh every few seconds of the live part (status, incident) so despatches appear by
// themselves. The status form is left alone while the officer is typing a result.
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

  function refresh() {
    if (busy() || document.hidden) return;
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
        if (same) return;
        now.innerHTML = fresh.innerHTML;
        drawRoute();
      });
  }

  drawRoute();
  setInterval(refresh, 4000);
})();
