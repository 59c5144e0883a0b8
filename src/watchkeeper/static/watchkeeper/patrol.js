// The phone page: send the officer's position every minute while the page is open.
(function () {
  var box = document.getElementById("patrol-position");
  if (!box || !navigator.geolocation) return;
  var csrf = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";
  function fill(pos) {
    document.querySelectorAll(".patrol-lat").forEach(function (el) { if (!el.value) el.value = pos.coords.latitude.toFixed(6); });
    document.querySelectorAll(".patrol-lon").forEach(function (el) { if (!el.value) el.value = pos.coords.longitude.toFixed(6); });
  }
  function send(pos) {
    fill(pos);
    var body = {points: [{at: new Date(pos.timestamp).toISOString(), lat: pos.coords.latitude, lon: pos.coords.longitude}]};
    fetch("/api/patrol/positions", {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf}, body: JSON.stringify(body)})
      .then(function (r) {
        if (r.ok) { box.textContent = "Position sent at " + new Date().toLocaleTimeString(); return; }
        // Say why (the API's own words), not only the status code.
        return r.json().then(function (j) { box.textContent = "Position not accepted: " + (j.detail || r.status); },
                             function () { box.textContent = "Position not accepted (" + r.status + ")"; });
      });
  }
  function tick() { navigator.geolocation.getCurrentPosition(send, function () { box.textContent = "No position from this phone."; }); }
  tick();
  setInterval(tick, 60000);
})();
