// The map component: Leaflet (shipped by django-leaflet) with vector layers served by Watchkeeper.
// Works offline: without a configured tile URL the bundled roads and ward boundaries are the map.
window.Watchkeeper = window.Watchkeeper || {};
(function (W) {
  var styles = {
    ward: { color: "#1d4e89", weight: 2, fillOpacity: 0.04 },
    road: { color: "#777", weight: 1 },
    covered: { color: "#2a7d2a", weight: 2 },
    uncovered: { color: "#c0392b", weight: 2 },
    route: { color: "#6a1b9a", weight: 5 },
    pspo: { color: "#b35900", weight: 2, fillOpacity: 0.2 },
  };
  W.styles = styles;
  W.map = function (elementId, layers, options) {
    options = options || {};
    var el = document.getElementById(elementId);
    var map = L.map(el, { preferCanvas: true, zoomSnap: 0.25 }).setView(options.center || [51.545, -0.16], options.zoom || 13);
    var tiles = el.dataset.tiles;
    if (tiles) {
      L.tileLayer(tiles, { attribution: "© OpenStreetMap contributors" }).addTo(map);
    }
    map.attributionControl.addAttribution("© OpenStreetMap contributors · OGL v3.0");
    var control = L.control.layers(null, null, { collapsed: false }).addTo(map);
    var fitted = false;
    (layers || []).forEach(function (spec) {
      fetch(spec.url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) return;
          var layer = L.geoJSON(data, {
            style: styles[spec.style] || {},
            onEachFeature: function (feature, lyr) {
              if (feature.properties && feature.properties.name) lyr.bindTooltip(feature.properties.name);
              // A popup is lines of plain text (never HTML: the text may be a partner's words).
              if (feature.properties && feature.properties.popup) {
                var box = document.createElement("div");
                feature.properties.popup.forEach(function (line) {
                  var p = document.createElement("p");
                  p.textContent = line;
                  box.appendChild(p);
                });
                lyr.bindPopup(box);
              }
            },
            pointToLayer: function (feature, latlng) {
              return L.circleMarker(latlng, { radius: 6, color: feature.properties.colour || "#1d4e89" });
            },
          }).addTo(map);
          control.addOverlay(layer, spec.name);
          if (!fitted && spec.style === "ward" && data.features.length) {
            map.fitBounds(layer.getBounds());
            fitted = true;
          }
        });
    });
    W.current = map;
    return map;
  };
})(window.Watchkeeper);

// Pages declare their maps in data attributes (the Content-Security-Policy allows no inline script):
// data-layers names a JSON block listing the layers; data-cells draws wards plus a layer of cells.
document.querySelectorAll(".map[data-layers], .map[data-cells]").forEach(function (el) {
  var d = el.dataset, layers, options = {};
  if (d.layers) {
    layers = JSON.parse(document.getElementById(d.layers).textContent);
  } else {
    layers = [{ name: "Wards", url: d.wards, style: "ward" }, { name: d.cellsName, url: d.cells, style: "cells" }];
  }
  if (d.center) options = { center: d.center.split(",").map(Number), zoom: Number(d.zoom) };
  window.Watchkeeper.map(el.id, layers, options);
});
