/*
 * tuyenvan – search page script. No dependencies.
 *
 * Reads ?q= from the address, downloads only what the query needs from the static index
 * that `tuyenvan build` writes (its folder is the script tag's data-index; the format is
 * described at the top of src/search.rs), ranks and shows the results.
 *
 * fold(), identity() and terms() must give exactly what src/vietnamese.rs (`fold`,
 * `term_identity`) and src/search.rs (`terms`) give: tests/search.rs runs them under node
 * against the Rust functions. The ranking mirrors `search::rank`.
 */
(function () {
  "use strict";

  var MARK = /\p{M}/u;
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var TONES = { "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5 };
  var DIGITS = "0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";
  var PAGE = 10;

  /* ---------- Text: the same rules as the Rust side ---------- */

  // Lowercase, every mark removed, đ -> d. Characters are lowercased one by one, as Rust's
  // char::to_lowercase does (String.toLowerCase would treat a final Σ differently).
  function fold(text) {
    var out = "";
    for (var c of text.normalize("NFD")) {
      if (MARK.test(c)) continue;
      out += c === "đ" || c === "Đ" ? "d" : c.toLowerCase();
    }
    return out;
  }

  // A word's spelling with the tone mark moved to the end, so `ủy` and `uỷ` are equal but
  // `tuyên` and `tuyền` are not.
  function identity(word) {
    return word.split(/\s+/).filter(Boolean).map(function (w) {
      var out = "", tone = 0;
      for (var c of w.normalize("NFD")) {
        if (TONES[c]) tone = TONES[c];
        else out += c.toLowerCase();
      }
      return tone ? out + tone : out;
    }).join(" ").normalize("NFC");
  }

  function words(text) {
    return text.match(WORD) || [];
  }

  // [folded, identity] for every word of a text.
  function terms(text) {
    var out = [];
    words(text).forEach(function (w) {
      var id = identity(w);
      words(fold(w)).forEach(function (piece) { out.push([piece, id]); });
    });
    return out;
  }

  // Distinct folded query words, each with the spellings typed for it.
  function queryTerms(query) {
    var out = [];
    terms(query).forEach(function (t) {
      var found = out.find(function (q) { return q.term === t[0]; });
      if (found) found.typed.push(t[1]);
      else out.push({ term: t[0], typed: [t[1]] });
    });
    return out;
  }

  // Digit value by character code; -1 for anything else.
  var DIGIT = new Int8Array(128).fill(-1);
  for (var i = 0; i < DIGITS.length; i++) DIGIT[DIGITS.charCodeAt(i)] = i;

  function decode(text) {
    var out = [], acc = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i), d = c < 128 ? DIGIT[c] : -1;
      if (d < 0) break;
      acc = acc * 32 + (d & 31);
      if (d < 32) { out.push(acc); acc = 0; }
    }
    return out;
  }

  // Index of the shard holding `term`: the last whose first term is not greater.
  function shardOf(firsts, term) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // Exact-mark matches, then title matches, then newer (higher id) first: one number per
  // hit, so that a typed-array sort orders ten thousand hits in a few milliseconds.
  var DOC = 16777216; // 2^24 documents at most; counts stay below 64 query words

  function search(load, query, meta) {
    var wanted = queryTerms(query).slice(0, 63);
    if (!wanted.length) return Promise.resolve({ hits: [], meta: meta || null });
    var manifest = meta ? Promise.resolve(meta) : load("meta.json");
    return manifest.then(function (meta) {
      // ?v= ties every file to this manifest's build, whatever a cache holds.
      var names = wanted.map(function (q) { return "t/" + shardOf(meta.terms, q.term) + ".json?v=" + meta.version; });
      return Promise.all(names.map(load)).then(function (shards) {
        // Per document: query words matched so far, exact ones, ones in the title.
        var count = new Uint8Array(meta.docs), exact = new Uint8Array(meta.docs), title = new Uint8Array(meta.docs);
        var here = new Uint8Array(meta.docs); // this word: 1 found, 2 exact, 4 in title
        var touched = [];
        wanted.forEach(function (q, n) {
          touched.length = 0;
          (shards[n][q.term] || []).forEach(function (variant) {
            var bits = q.typed.indexOf(variant[0]) >= 0 ? 3 : 1, id = 0, posts = decode(variant[1]);
            for (var i = 0; i < posts.length; i++) {
              id += Math.floor(posts[i] / 2);
              if (id >= meta.docs) break;
              if (!here[id]) touched.push(id);
              here[id] |= bits | (posts[i] % 2 ? 4 : 0);
            }
          });
          for (var i = 0; i < touched.length; i++) {
            var doc = touched[i], b = here[doc];
            here[doc] = 0;
            if (count[doc] !== n) continue;
            count[doc] = n + 1;
            exact[doc] += (b >> 1) & 1;
            title[doc] += (b >> 2) & 1;
          }
        });
        var keys = [];
        for (var doc = 0; doc < meta.docs; doc++) {
          if (count[doc] === wanted.length) keys.push((exact[doc] * 64 + title[doc]) * DOC + doc);
        }
        var sorted = Float64Array.from(keys).sort().reverse();
        var hits = Array.from(sorted, function (k) {
          var doc = k % DOC, rest = (k - doc) / DOC;
          return { doc: doc, exact: Math.floor(rest / 64), inTitle: rest % 64 };
        });
        return { hits: hits, meta: meta };
      });
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { fold: fold, identity: identity, terms: terms, decode: decode, search: search };
  }
  if (typeof document === "undefined") return;

  /* ---------- The page ---------- */

  var script = document.currentScript || document.querySelector("script[data-index]");
  var box = document.getElementById("q");
  var region = document.getElementById("search-results");
  if (!script || !box || !region) return;
  var base = new URL(script.getAttribute("data-index") || "", window.location.href);
  // The manifest comes inside the page when the theme passes it (one round trip fewer);
  // otherwise it is fetched.
  var inline = null;
  try { inline = JSON.parse(script.getAttribute("data-manifest") || "null"); } catch (e) { inline = null; }
  var text = function (name, fallback) { return region.getAttribute("data-" + name) || fallback; };
  var cache = new Map();
  // A theme without the status line still gets one, as a live region before the results.
  var status = document.getElementById("search-status");
  if (!status) {
    status = region.parentNode.insertBefore(el("p", "search-status"), region);
    status.setAttribute("role", "status");
  }
  var pageTitle = document.title;

  function load(path) {
    if (!cache.has(path)) {
      // The manifest names this build's version; it alone must be checked with the server.
      var options = path === "meta.json" ? { cache: "no-cache" } : {};
      cache.set(path, fetch(new URL(path, base), options).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.json();
      }));
    }
    return cache.get(path);
  }

  function el(tag, className, content) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (content) e.textContent = content;
    return e;
  }

  // `text` with every word whose folded form the query holds wrapped in <mark>.
  function highlighted(parent, value, folded) {
    var last = 0;
    value.replace(WORD, function (w, at) {
      if (folded.has(fold(w))) {
        parent.appendChild(document.createTextNode(value.slice(last, at)));
        parent.appendChild(el("mark", "", w));
        last = at + w.length;
      }
      return w;
    });
    parent.appendChild(document.createTextNode(value.slice(last)));
    return parent;
  }

  function item(row, folded) {
    var li = el("li");
    var article = li.appendChild(el("article", "item"));
    var body = article.appendChild(el("div", "item-body"));
    var link = el("a");
    link.href = row[0];
    body.appendChild(el("h2", "item-title")).appendChild(highlighted(link, row[1], folded));
    var meta = body.appendChild(el("p", "item-meta"));
    var time = meta.appendChild(el("time", "", row[2]));
    time.setAttribute("datetime", row[3]);
    if (row[4]) {
      var sep = meta.appendChild(el("span", "sep", " | "));
      sep.setAttribute("aria-hidden", "true");
      var category = meta.appendChild(el("a", "item-category", row[4]));
      category.href = row[5];
    }
    if (row[6]) body.appendChild(highlighted(el("p", "item-summary"), row[6], folded));
    return li;
  }

  // Shows results `from`..`from + PAGE`, fetching only the document chunks they are in.
  function show(result, folded, list, from) {
    var meta = result.meta, page = result.hits.slice(from, from + PAGE);
    var chunks = Array.from(new Set(page.map(function (h) { return Math.floor(h.doc / meta.per_chunk); })));
    return Promise.all(chunks.map(function (k) { return load("d/" + k + ".json?v=" + meta.version); })).then(function (loaded) {
      var first = null;
      page.forEach(function (h) {
        var k = Math.floor(h.doc / meta.per_chunk);
        var li = item(loaded[chunks.indexOf(k)][h.doc % meta.per_chunk], folded);
        list.appendChild(li);
        first = first || li;
      });
      return first;
    });
  }

  var runs = 0;

  function run(query) {
    var run = ++runs;
    region.textContent = "";
    status.textContent = "";
    box.value = query;
    if (!query.trim()) return;
    document.title = query + " – " + pageTitle;
    if (window.performance && performance.mark) performance.mark("tuyenvan:search-start");
    region.setAttribute("aria-busy", "true");
    status.textContent = text("loading", "…");
    var list = el("ol", "item-list search-list");
    list.setAttribute("aria-label", text("list-label", query));
    var folded = new Set(queryTerms(query).map(function (q) { return q.term; }));
    search(load, query, inline).then(function (result) {
      if (run !== runs) return null;
      var count = result.hits.length;
      status.textContent = count
        ? text("found", "{count}").replace("{count}", count).replace("{query}", query)
        : text("no-results", "");
      if (!count) return null;
      region.appendChild(list);
      return show(result, folded, list, 0).then(function () { more(result, folded, list); });
    }).catch(function () {
      if (run === runs) status.textContent = text("error", "");
    }).then(function () {
      if (run !== runs) return;
      region.removeAttribute("aria-busy");
      if (window.performance && performance.mark) performance.mark("tuyenvan:search-results");
    });
  }

  // A "more" button while results remain; the first new result takes the focus so a
  // keyboard user carries on reading where the list grew.
  function more(result, folded, list) {
    var shown = list.children.length;
    if (shown >= result.hits.length) return;
    var button = region.appendChild(el("button", "button button--secondary search-more", text("more", "+")));
    button.type = "button";
    button.addEventListener("click", function () {
      button.disabled = true;
      show(result, folded, list, shown).then(function (first) {
        button.remove();
        if (first) {
          var link = first.querySelector("a");
          if (link) link.focus();
        }
        more(result, folded, list);
      });
    });
  }

  function fromAddress() {
    return new URLSearchParams(window.location.search).get("q") || "";
  }

  // Searching from the page's own box keeps the address linkable without a reload.
  var form = box.form;
  if (form && window.history && history.pushState) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", box.value);
      history.pushState(null, "", url);
      run(box.value);
    });
    window.addEventListener("popstate", function () { run(fromAddress()); });
  }
  run(fromAddress());
})();
