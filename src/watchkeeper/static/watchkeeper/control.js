// Intake: choosing an address from the search fills the place id and coordinates, then refreshes
// the history and duplicate panel; Enter in any single-line field submits the form.
(function () {
  var form = document.getElementById("intake-form");
  if (!form) return;
  document.addEventListener("click", function (event) {
    var choice = event.target.closest("[data-place]");
    if (!choice) return;
    document.getElementById("place").value = choice.dataset.place;
    document.getElementById("lat").value = choice.dataset.lat;
    document.getElementById("lon").value = choice.dataset.lon;
    document.getElementById("location_text").value = choice.dataset.name;
    document.getElementById("place-options").innerHTML = "";
    document.getElementById("place").dispatchEvent(new Event("change", { bubbles: true }));
    document.getElementById("category").focus();
  });
  document.getElementById("location_text").addEventListener("input", function () {
    document.getElementById("place").value = "";
  });
})();
