// Behaviour shared by every page, wired from data attributes: the Content-Security-Policy allows no
// inline script and no on*= handlers.
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-action=print]");
  if (target) window.print();
});
