// Road travel time on the map: the route a unit would drive to an incident, and the coverage layer
// (roads the available units reach within the target in green, the rest in red). Needs map.js.
window.Watchkeeper = window.Watchkeeper || {};
(function (W) {
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.detail || "HTTP " + r.status);
        return body;
      });
    });
  }

  // Draw (or replace) the route from unitId to incidentId; resolves with the route's properties
  // (seconds, minutes, streets, method: "road" or "straight-line" when it is only an estimate).
  W.showRoute = function (map, incidentId, unitId) {
    var url = "/api/incidents/" + encodeURIComponent(incidentId) + "/route?unit=" + encodeURIComponent(unitId);
    return getJSON(url).then(function (feature) {
      if (map._watchkeeperRoute) map.removeLayer(map._watchkeeperRoute);
      var props = feature.properties;
      var style = Object.assign({}, W.styles && W.styles.route, props.estimate ? { dashArray: "6 6" } : {});
      var layer = L.geoJSON(feature, { style: style }).addTo(map);
      var label = props.minutes + " min" + (props.estimate ? " (straight-line estimate)" : "");
      if (props.streets && props.streets.length) label += ": " + props.streets.join(", ");
      layer.bindTooltip(label, { sticky: true });
      map._watchkeeperRoute = layer;
      map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [20, 20] });
      return props;
    });
  };

  // Load the coverage layer for `minutes` (blank: the Immediate target); resolves with the answer.
  W.showCoverage = function (map, minutes) {
    var url = "/api/coverage" + (minutes ? "?minutes=" + encodeURIComponent(minutes) : "");
    return getJSON(url).then(function (answer) {
      if (map._watchkeeperCoverage) map.removeLayer(map._watchkeeperCoverage);
      if (!answer.geojson) return answer;
      var colours = { covered: "#2a7d2a", partial: "#e0a800", uncovered: "#c0392b" };
      map._watchkeeperCoverage = L.geoJSON(answer.geojson, {
        style: function (f) { return { color: colours[f.properties.coverage], weight: 2 }; },
      }).addTo(map);
      return answer;
    });
  };
})(window.Watchkeeper);

// The coverage page (moved out of the template: the Content-Security-Policy allows no inline script).
(function (W) {
  var form = document.getElementById("coverage-form");
  if (!form) return;
  var map = W.map("map", []);
  function show(minutes) {
    W.showCoverage(map, minutes).then(function (a) {
      document.getElementById("coverage-share").textContent =
        a.covered_share === null ? "no road network" : (100 * a.covered_share).toFixed(1) + "%";
      document.getElementById("coverage-minutes").textContent = a.minutes;
      document.getElementById("coverage-units").textContent = a.units;
      var note = document.getElementById("coverage-note");
      note.hidden = !a.closures_applied;
      note.textContent = "Road closures in force are applied.";
    }).catch(function (e) { document.getElementById("coverage-share").textContent = e.message; });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    show(new FormData(e.target).get("minutes"));
  });
  show(form.dataset.minutes);
})(window.Watchkeeper);
