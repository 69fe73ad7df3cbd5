(function () {
  // tuyenvan serve: live reload. Injected by the dev server only; never in `build` output.
  var me = document.currentScript;
  var generation = me.getAttribute("data-generation");
  // The page is reported so that the server renders it first after a change.
  var source = new EventSource(me.getAttribute("data-events") + "?page=" + encodeURIComponent(location.pathname));
  var overlayId = "tuyenvan-overlay";

  function showErrors(errors) {
    var box = document.getElementById(overlayId) || document.createElement("div");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.93);color:#fff;font:15px/1.5 monospace;padding:2em;white-space:pre-wrap";
    box.textContent = "";
    var title = document.createElement("h2");
    title.textContent = me.getAttribute("data-title");
    title.style.cssText = "color:#ff8a80;font:bold 18px sans-serif;margin:0 0 1em";
    box.appendChild(title);
    errors.forEach(function (e) {
      var p = document.createElement("p");
      p.textContent = e.location + ": " + e.message + (e.help ? "\n  " + me.getAttribute("data-help") + ": " + e.help : "");
      box.appendChild(p);
    });
    if (!box.parentNode) document.body.appendChild(box);
  }

  function swapStylesheets(paths) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      var hit = paths.some(function (p) { return url.pathname.slice(-(p.length + 1)) === "/" + p; });
      if (!hit) return;
      url.searchParams.set("tuyenvan", generation);
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = function () { link.remove(); };
      link.after(fresh);
    });
  }

  source.addEventListener("hello", function (e) {
    if (e.data !== generation) location.reload();
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function (e) {
    var data = JSON.parse(e.data);
    generation = String(data.generation);
    swapStylesheets(data.paths);
  });
  source.addEventListener("build-error", function (e) { showErrors(JSON.parse(e.data)); });
  window.addEventListener("pagehide", function () { source.close(); });
})();
