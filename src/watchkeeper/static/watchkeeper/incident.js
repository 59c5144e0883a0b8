// Incident page shortcuts (documented on the page and in the ? overlay): g + grade letter, d + n to
// send the n-th suitable unit, c to close, n for a note, b for the board. Keys typed into a field are
// left alone, except Ctrl+Enter, which submits that field's form.
(function () {
  var help = document.getElementById("key-help");
  if (!help) return;
  var pending = null;

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function toggleHelp(show) {
    help.hidden = !show;
    if (show) document.getElementById("key-help-close").focus();
  }
  document.getElementById("key-help-close").addEventListener("click", function () { toggleHelp(false); });

  // Number the suitable available units in the order they are offered.
  var sends = Array.prototype.slice.call(document.querySelectorAll("button[data-send]"));
  document.querySelectorAll(".send-index").forEach(function (span, i) { span.textContent = String(i + 1); });

  function grade(letter) {
    var select = document.getElementById("grade-select");
    if (!select) return false;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value.toLowerCase() === letter) {
        select.value = select.options[i].value;
        document.getElementById("grade-rationale").focus();
        return true;
      }
    }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && typing(event.target) && event.target.form) {
      event.preventDefault();
      event.target.form.requestSubmit();
      return;
    }
    if (event.key === "Escape" && !help.hidden) { toggleHelp(false); return; }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    var key = event.key;
    if (pending === "g") { pending = null; if (grade(key.toLowerCase())) event.preventDefault(); return; }
    if (pending === "d") {
      pending = null;
      var n = parseInt(key, 10);
      if (n >= 1 && n <= sends.length) { event.preventDefault(); sends[n - 1].form.requestSubmit(sends[n - 1]); }
      return;
    }
    if (key === "g" || key === "d") { pending = key; event.preventDefault(); return; }
    var target = { c: "closing-code", n: "note-text" }[key];
    if (target && document.getElementById(target)) { event.preventDefault(); document.getElementById(target).focus(); return; }
    if (key === "b") { window.location.href = "/control/"; return; }
    if (key === "?") { event.preventDefault(); toggleHelp(help.hidden); }
  });
})();
