/*
 * tuyenvan – default theme reader helpers. No dependencies; every page works without it.
 *
 *  - Text size: the A− / 100% / A+ buttons of an article page ([data-reader-tools]) scale
 *    the article text through the CSS variable --reader-scale. The choice is remembered in
 *    localStorage and applied on every page.
 *  - Print button ([data-print]); links of the article text get their absolute address in
 *    data-print-href, which the print stylesheet writes after them.
 *  - Back to top: the footer link ".back-to-top" floats once the reader has scrolled down,
 *    scrolls smoothly (unless reduced motion is asked for) and moves focus to the top.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var KEY = "tuyenvan:text-size";
  var MIN = 80, MAX = 160, STEP = 10, DEFAULT = 100;

  root.classList.add("js");

  /* ---------- Text size ---------- */

  function load() {
    try {
      var v = parseInt(window.localStorage.getItem(KEY), 10);
      if (v >= MIN && v <= MAX) return v;
    } catch (e) { /* storage disabled: keep the default */ }
    return DEFAULT;
  }

  function save(v) {
    try {
      if (v === DEFAULT) window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, String(v));
    } catch (e) { /* ignore */ }
  }

  var size = load();

  function apply() {
    if (size === DEFAULT) root.style.removeProperty("--reader-scale");
    else root.style.setProperty("--reader-scale", String(size / 100));
    var outputs = document.querySelectorAll("[data-text-size-value]");
    for (var i = 0; i < outputs.length; i++) outputs[i].textContent = size + "%";
    var buttons = document.querySelectorAll("[data-text-size]");
    for (var j = 0; j < buttons.length; j++) {
      var kind = buttons[j].getAttribute("data-text-size");
      buttons[j].disabled = (kind === "down" && size <= MIN) || (kind === "up" && size >= MAX);
    }
  }

  function setSize(v) {
    size = Math.max(MIN, Math.min(MAX, v));
    save(size);
    apply();
  }

  apply();

  var tools = document.querySelectorAll("[data-reader-tools]");
  for (var k = 0; k < tools.length; k++) {
    tools[k].hidden = false;
    tools[k].addEventListener("click", function (ev) {
      var btn = ev.target.closest ? ev.target.closest("button") : null;
      if (!btn) return;
      if (btn.hasAttribute("data-print")) { window.print(); return; }
      var kind = btn.getAttribute("data-text-size");
      if (kind === "up") setSize(size + STEP);
      else if (kind === "down") setSize(size - STEP);
      else if (kind === "reset") setSize(DEFAULT);
    });
  }

  // Another tab changed the size: follow it.
  window.addEventListener("storage", function (ev) {
    if (ev.key === KEY || ev.key === null) { size = load(); apply(); }
  });

  /* ---------- Print: absolute link addresses ---------- */

  var textLinks = document.querySelectorAll("[data-reader-text] a[href]");
  for (var n = 0; n < textLinks.length; n++) {
    var href = textLinks[n].getAttribute("href");
    if (href.charAt(0) !== "#" && !/^(mailto|tel|javascript):/i.test(href)) {
      textLinks[n].setAttribute("data-print-href", textLinks[n].href);
    }
  }

  /* ---------- Back to top ---------- */

  var link = document.querySelector(".back-to-top");
  if (!link) return;

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  var ticking = false;

  function update() {
    ticking = false;
    var show = (window.pageYOffset || root.scrollTop) > Math.max(400, window.innerHeight * 0.75);
    link.classList.toggle("is-visible", show);
  }

  window.addEventListener("scroll", function () {
    if (!ticking) { ticking = true; window.requestAnimationFrame(update); }
  }, { passive: true });
  // Once the page is laid out for its first frame: reading the scroll position now would
  // force a layout of the half-loaded page, which delays everything else it does (the
  // search page's results among them). Fade in and out from the next frame on, not while
  // the page settles.
  window.requestAnimationFrame(function () {
    update();
    window.requestAnimationFrame(function () { link.classList.add("can-animate"); });
  });

  link.addEventListener("click", function (ev) {
    ev.preventDefault();
    var smooth = !(reduceMotion && reduceMotion.matches);
    try {
      window.scrollTo({ top: 0, behavior: smooth ? "smooth" : "auto" });
    } catch (e) {
      window.scrollTo(0, 0);
    }
    // Keyboard and screen-reader users continue from the top of the page.
    var target = document.querySelector(".site-header") || document.body;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    try { target.focus({ preventScroll: true }); } catch (e) { target.focus(); }
    if (window.history && window.history.replaceState && location.hash === "#top") {
      window.history.replaceState(null, "", location.pathname + location.search);
    }
  });
})();
