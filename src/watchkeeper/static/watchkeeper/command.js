// The command line (control/commands): "?" shows its help, "/" returns to it, Escape leaves it, and a
// close command (C ...) is confirmed by pressing Enter a second time on the same line.
(function () {
  "use strict";
  var form = document.getElementById("command-form");
  if (!form) return;
  var input = document.getElementById("command");
  var confirm = document.getElementById("command-confirm");
  var confirmText = document.getElementById("command-confirm-text");
  var help = document.getElementById("command-help");
  var armed = "";

  function showHelp(show) {
    help.hidden = !show;
    if (show) document.getElementById("command-help-close").focus();
    else input.focus();
  }
  document.getElementById("command-help-close").addEventListener("click", function () { showHelp(false); });

  input.addEventListener("input", function () {
    if (input.value.trim() === "?") { input.value = ""; showHelp(true); }
    if (armed && input.value.trim() !== armed) { armed = ""; confirm.value = ""; confirmText.textContent = ""; }
  });
  input.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); input.blur(); } });

  form.addEventListener("submit", function (e) {
    var line = input.value.trim();
    if (!line) { e.preventDefault(); return; }
    // A close is the one command that is never undone: it needs the same line entered twice.
    if (/^(#?\d{1,4}(\/\w+)?\s+)?c/i.test(line) && armed !== line) {
      e.preventDefault();
      armed = line;
      confirm.value = "";
      confirmText.textContent = "Press Enter again to confirm: " + line;
      return;
    }
    confirm.value = armed === line ? "yes" : "";
  });

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "Escape" && !help.hidden) { showHelp(false); return; }
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "/") { e.preventDefault(); input.focus(); }
  });
})();
