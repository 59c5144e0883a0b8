// Intelligence pages: plotly charts from <script type="application/json"> blocks, and map styling
// for hotspot/tasking cells (each GeoJSON feature carries a "colour" property).
window.Watchkeeper = window.Watchkeeper || {};
(function (W) {
  W.styles = W.styles || {};
  W.styles.cells = function (feature) {
    var c = (feature.properties && feature.properties.colour) || "#c0392b";
    return { color: c, weight: 0.5, fillColor: c, fillOpacity: 0.55 };
  };
  function draw(chartId, dataId) {
    var el = document.getElementById(chartId), data = document.getElementById(dataId);
    if (!el || !data || !window.Plotly) return;
    var fig = JSON.parse(data.textContent);
    window.Plotly.newPlot(el, fig.data, fig.layout, { displaylogo: false, responsive: true });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(function (el) { draw(el.id, el.dataset.chart); });
    draw("trend-chart", "trend-data");
    draw("category-chart", "category-data");
  });
})(window.Watchkeeper);
