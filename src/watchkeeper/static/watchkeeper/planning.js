// Planning pages: plotly charts from <script type="application/json"> blocks named by data-chart.
(function () {
  function draw(el) {
    var data = document.getElementById(el.dataset.chart);
    if (!data || !window.Plotly) return;
    var fig = JSON.parse(data.textContent);
    window.Plotly.newPlot(el, fig.data, fig.layout, { displaylogo: false, responsive: true });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(draw);
  });
})();
