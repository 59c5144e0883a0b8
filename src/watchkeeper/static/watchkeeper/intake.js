// The intake screen: the address combobox (WAI-ARIA 1.2 combobox with a listbox popup), the
// suggested grade from the category, and the intake map (a click takes the nearest address).
(function () {
  "use strict";
  var form = document.getElementById("intake-form");
  if (!form) return;
  var input = document.getElementById("location_text");
  var list = document.getElementById("place-options");
  var status = document.getElementById("place-status");
  var placeField = document.getElementById("place");
  var lat = document.getElementById("lat");
  var lon = document.getElementById("lon");
  var mapClick = document.getElementById("map_click");
  var ward = document.getElementById("place-ward");
  var active = -1;
  var timer = null;
  var asked = "";
  var marker = null;
  var map = null;

  function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var opts = options();
    if (!opts.length) return;
    active = (index + opts.length) % opts.length;
    opts.forEach(function (o, i) { o.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", opts[active].id);
    opts[active].scrollIntoView({ block: "nearest" });
  }

  function changed(el) { el.dispatchEvent(new Event("change", { bubbles: true })); }

  function setPoint(latitude, longitude, placeId, name, byMap, wardName) {
    placeField.value = placeId || "";
    if (ward) ward.textContent = wardName || (placeId ? "not known for this address" : "found from the point when recorded");
    lat.value = Number(latitude).toFixed(6);
    lon.value = Number(longitude).toFixed(6);
    mapClick.value = byMap && !placeId ? "1" : "";
    if (name) input.value = name;
    if (map) {
      if (marker) marker.setLatLng([latitude, longitude]);
      else marker = L.marker([latitude, longitude], { keyboard: false }).addTo(map);
      map.panTo([latitude, longitude]);
    }
    changed(placeField);
  }

  // Taking an address fills the place, the point and the ward, then moves on to the category: the
  // coordinates are already set, so the handler's next field is what happened.
  function choose(option, moveOn) {
    var d = option.dataset;
    setPoint(d.lat, d.lon, d.place, d.name, false, d.ward);
    status.textContent = "Location set: " + d.name + (d.ward ? ", " + d.ward + " ward" : "") + ".";
    close();
    if (moveOn) document.getElementById("category").focus();
  }

  function search() {
    var q = input.value.trim();
    if (q.length < 2) { close(); list.innerHTML = ""; status.textContent = ""; return; }
    if (q === asked) return;
    asked = q;
    fetch(input.dataset.search + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        if (q !== input.value.trim()) return; // a newer search is on its way
        list.innerHTML = html;
        var count = options().length;
        active = -1;
        input.removeAttribute("aria-activedescendant");
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = count ? count + (count === 1 ? " place found" : " places found") + ": arrow down to choose."
                                   : "No match for " + q + ": try a street, a postcode such as NW1 7, or click the map.";
      });
  }

  input.addEventListener("input", function () {
    placeField.value = "";
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });

  input.addEventListener("keydown", function (e) {
    var open = !list.hidden && options().length;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (list.hidden && list.innerHTML) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      highlight(active + 1);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      highlight(active <= 0 ? options().length - 1 : active - 1);
    } else if (e.key === "Enter" && !e.ctrlKey && !e.metaKey) {
      // Enter takes the highlighted (or only / first) address and never submits the form from here.
      if (open) { e.preventDefault(); choose(options()[active >= 0 ? active : 0], true); }
      else if (!placeField.value && input.value.trim()) { e.preventDefault(); asked = ""; search(); }
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); close(); }
    } else if (e.key === "Home" || e.key === "End") {
      close();
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 200); });

  list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep focus in the box
  list.addEventListener("click", function (e) {
    var option = e.target.closest("[role=option]");
    if (option) choose(option);
  });

  // Ctrl+Enter records the call from any field (Enter in the address box only takes an address).
  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
  });

  [lat, lon].forEach(function (el) {
    el.addEventListener("input", function () { placeField.value = ""; mapClick.value = ""; });
  });

  // The category's suggested grade is chosen unless the handler already chose one.
  var category = document.getElementById("category");
  var grade = document.getElementById("grade");
  var chosenByHand = grade.value !== "";
  grade.addEventListener("change", function () { chosenByHand = true; });
  category.addEventListener("change", function () {
    var option = category.options[category.selectedIndex];
    var suggested = option && option.dataset.grade;
    if (suggested && !chosenByHand) {
      for (var i = 0; i < grade.options.length; i++) {
        if (grade.options[i].value.toUpperCase() === suggested.toUpperCase()) grade.selectedIndex = i;
      }
    }
  });

  // The intake map: wards drawn, a click sets the location to the nearest address.
  var el = document.getElementById("intake-map");
  if (el && window.L) {
    var centre = (el.dataset.centre || "51.545,-0.16").split(",").map(Number);
    map = L.map(el, { zoomSnap: 0.25, keyboard: false }).setView(centre, 13);
    map.attributionControl.addAttribution("© OpenStreetMap contributors · OGL v3.0");
    fetch(el.dataset.wards, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !data.features || !data.features.length) return;
        var layer = L.geoJSON(data, { style: { color: "#1d4e89", weight: 2, fillOpacity: 0.04 } }).addTo(map);
        if (!lat.value) map.fitBounds(layer.getBounds());
      });
    if (lat.value && lon.value) setPoint(lat.value, lon.value, placeField.value, "", false);
    map.on("click", function (e) {
      var q = "?lat=" + e.latlng.lat.toFixed(6) + "&lon=" + e.latlng.lng.toFixed(6);
      fetch(el.dataset.nearest + q, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (found) {
          if (found.place) {
            setPoint(found.lat, found.lon, found.place, found.name, true, found.ward);
            status.textContent = "Map: nearest address " + found.name + " (" + found.metres + " m from the click).";
          } else {
            setPoint(e.latlng.lat, e.latlng.lng, "", "", true);
            status.textContent = "Map: no address within 150 m; the clicked point is used.";
          }
        });
    });
  }
})();
