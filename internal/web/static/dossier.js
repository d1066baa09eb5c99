// Dossier's only script. Every page reads the same without it; this adds
// conveniences: citations open on hover, Escape closes them, "/" goes to
// search, and j/k move through the items of a list.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var cites = Array.prototype.slice.call(document.querySelectorAll("details.cite"));
  var hover = window.matchMedia && window.matchMedia("(hover: hover)").matches;
  cites.forEach(function (d) {
    // One citation open at a time: they overlap the text.
    d.addEventListener("toggle", function () {
      if (!d.open) return;
      cites.forEach(function (o) { if (o !== d) o.open = false; });
    });
    if (!hover) return;
    var byHover = false;
    d.addEventListener("mouseenter", function () { if (!d.open) { d.open = true; byHover = true; } });
    d.addEventListener("mouseleave", function () { if (byHover) { d.open = false; byHover = false; } });
    // A click on a citation opened by hovering keeps it open.
    d.querySelector("summary").addEventListener("click", function (e) {
      if (byHover) { e.preventDefault(); byHover = false; }
    });
  });

  var items = Array.prototype.slice.call(document.querySelectorAll("main .item"));
  var at = -1;
  function move(step) {
    if (!items.length) return;
    if (at >= 0) items[at].classList.remove("current");
    at = Math.max(0, Math.min(items.length - 1, at + step));
    var it = items[at];
    it.classList.add("current");
    var link = it.querySelector("a[href]");
    if (link) link.focus({ preventScroll: true });
    it.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      cites.forEach(function (d) {
        if (d.open) { d.open = false; d.querySelector("summary").focus(); }
      });
      return;
    }
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) return;
    if (e.key === "/") {
      var q = document.getElementById("q") || document.getElementById("top-q");
      if (q) { e.preventDefault(); q.focus(); }
    } else if (e.key === "j") {
      move(1);
    } else if (e.key === "k") {
      move(-1);
    }
  });
})();
