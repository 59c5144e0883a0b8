// Load before plotly.min.js. plotly.js adds MapLibre's stylesheet as an inline <style>, which the
// Content-Security-Policy refuses, unless an element with this id exists already. Watchkeeper draws
// no MapLibre maps with plotly, so a placeholder is enough. The id is fixed in the plotly.js that
// plotly==7.1.0 bundles; if an upgrade changes it, tests/ui/test_csp_browser.py reports a violation.
(function () {
  var placeholder = document.createElement("meta");
  placeholder.id = "9f215cf04c5486422605d13261cb87401f4e7763b6296af81e98efbc0130da53";
  document.head.appendChild(placeholder);
})();
