/*
 * tuyenvan – search page script. No dependencies.
 *
 * Reads ?q= from the address, downloads only what the query needs from the static index
 * that `tuyenvan build` writes (its folder is the script tag's data-index; the format is
 * described at the top of src/search.rs), ranks and shows the results.
 *
 * It starts from the page's <head> (the default theme inlines it there, before the style sheet;
 * a script element with src and async there does too): it asks for the index files of ?q=
 * while the page is still being parsed, and waits for the document only to show the
 * results. With `defer`, or at the end of <body>, it works the same, only later.
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

  // Pieces of a text within which words are adjacent: a pair never spans punctuation.
  var GAP = /[^\p{Alphabetic}\p{N}\p{M}\s]+/u;

  // The distinct adjacent pairs of the query's folded words ("dan van"), as
  // `search::query_pairs` gives them: the index holds each pair as one term.
  function queryPairs(query) {
    var out = [];
    query.split(GAP).forEach(function (run) {
      var previous = null;
      words(run).forEach(function (w) {
        words(fold(w)).forEach(function (piece) {
          var p = previous === null ? null : previous + " " + piece;
          if (p !== null && out.indexOf(p) < 0) out.push(p);
          previous = piece;
        });
      });
    });
    return out.slice(0, 63);
  }

  // Digit value by character code; -1 for anything else.
  var DIGIT = new Int8Array(128).fill(-1);
  for (var i = 0; i < DIGITS.length; i++) DIGIT[DIGITS.charCodeAt(i)] = i;

  // Index of the shard holding `term`: the last whose first term is not greater.
  function shardOf(firsts, term) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // The phrase in the title, then the phrase anywhere, then exact-mark matches, then title
  // matches, then newer (higher id) first: one number per hit, so that a typed-array sort
  // orders ten thousand hits in a few milliseconds. Four counts of 6 bits and 24 bits of
  // document stay within the 53 exact bits of a number.
  var DOC = 16777216; // 2^24 documents at most; counts stay below 64 query words

  // Resolves to a result: { hits, total, complete, meta, … }. `hits` holds ranked hits as
  // numbers (see `hit`): every hit when `complete`, otherwise at least the first page's.
  // `total` is the number of hits. The shards alone may leave older hits unranked; their
  // tails are fetched then (`complete`), here if the first page needs them, later if the
  // reader asks for a page past `hits`.
  function search(load, query, meta) {
    var wanted = queryTerms(query).slice(0, 63);
    if (!wanted.length) {
      return Promise.resolve({ hits: new Float64Array(0), total: 0, complete: true, meta: meta || null });
    }
    var manifest = meta ? Promise.resolve(meta) : load("meta.json");
    return manifest.then(function (meta) {
      // ?v= ties every file to this manifest's build, whatever a cache holds.
      var pairs = queryPairs(query);
      var terms = wanted.map(function (q) { return q.term; }).concat(pairs);
      var names = terms.map(function (term) {
        return "t/" + shardOf(meta.terms, term) + ".json?v=" + meta.version;
      });
      return Promise.all(names.map(load)).then(function (shards) {
        var result = {
          wanted: wanted, pairs: pairs, meta: meta, tails: null,
          entries: terms.map(function (term, i) { return entry(shards[i], term); }),
        };
        rank(result);
        return result.hits.length < Math.min(PAGE, result.total) ? complete(load, result) : result;
      });
    });
  }

  // Fetches the tails of the query's split terms and ranks every hit.
  function complete(load, result) {
    if (result.complete) return Promise.resolve(result);
    return Promise.all(result.entries.map(function (e) {
      return e.tail ? load("x/" + e.tail + ".json?v=" + result.meta.version) : null;
    })).then(function (tails) {
      result.tails = tails;
      rank(result);
      return result;
    });
  }

  // Marks the documents of one spelling's postings in `here` (1 found, 2 exact, 4 in the
  // title), listing each newly marked one in `touched` from `n`; returns the new length.
  // It decodes as it reads: a common word has ten thousand postings, and an array of them
  // made first cost a cold (not yet optimized) run several times the rest.
  function mark(postings, bits, docs, here, touched, n) {
    var acc = 0, id = 0;
    for (var i = 0; i < postings.length; i++) {
      var c = postings.charCodeAt(i), d = c < 128 ? DIGIT[c] : -1;
      if (d < 0) break;
      acc = acc * 32 + (d & 31);
      if (d >= 32) continue; // a continuing digit
      var inTitle = acc % 2;
      id += (acc - inTitle) / 2;
      acc = 0;
      if (id >= docs) break;
      if (!here[id]) touched[n++] = id;
      here[id] |= bits | (inTitle << 2);
    }
    return n;
  }

  // Marks with `bits` the documents before `cut` that a split term's `has` or `titles`
  // lists: `+` and their ids, `~` and the ids of the others, each as `id - previous - 1`,
  // or `*` and a bitmap, six documents a digit (see src/search/tiers.rs).
  function members(has, cut, bits, docs, here, touched, n) {
    var kind = has.charAt(0), end = Math.min(cut, docs), id, c, d;
    if (kind === "*") {
      for (var k = 1; k < has.length; k++) {
        c = has.charCodeAt(k);
        var six = c < 128 ? DIGIT[c] : -1;
        for (var j = 0; j < 6 && six > 0; j++, six >>= 1) {
          id = (k - 1) * 6 + j;
          if (!(six & 1) || id >= end) continue;
          if (!here[id]) touched[n++] = id;
          here[id] |= bits;
        }
      }
      return n;
    }
    // The listed ids; with `~`, the documents between them.
    var others = kind === "~", acc = 0, next = 0;
    id = -1;
    for (var i = 1; i <= has.length; i++) {
      if (i < has.length) {
        c = has.charCodeAt(i);
        d = c < 128 ? DIGIT[c] : -1;
        if (d < 0) break;
        acc = acc * 32 + (d & 31);
        if (d >= 32) continue;
        id += acc + 1;
        acc = 0;
      } else {
        id = end; // past the last listed id
      }
      if (id > end) id = end;
      if (others) {
        for (; next < id; next++) {
          if (!here[next]) touched[n++] = next;
          here[next] |= bits;
        }
        next = id + 1;
      } else if (id < end) {
        if (!here[id]) touched[n++] = id;
        here[id] |= bits;
      }
      if (id >= end) break;
    }
    return n;
  }

  // A term's entry in its shard as { cut, tail, has, v: [[identity, postings, flags]] }: a
  // whole one (an array of spellings) has no cut. Own properties only: a query word such
  // as "constructor" is not in every shard.
  function entry(shard, term) {
    var e = Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : [];
    return Array.isArray(e) ? { cut: 0, tail: null, has: null, v: e } : e;
  }

  // For documents before entry `i`'s cut, while its tail is not here (their titles are
  // known): whether the tail may add one to the exact (a word) or phrase (a pair) count;
  // null when nothing is missing.
  function unknown(result, i) {
    var e = result.entries[i];
    if (!e.cut || (result.tails && result.tails[i])) return null;
    var typed = i < result.wanted.length ? result.wanted[i].typed : null, more = 0;
    e.v.forEach(function (variant) {
      if ((variant[2] & 1) && (!typed || typed.indexOf(variant[0]) >= 0)) more = 1;
    });
    return { cut: e.cut, more: more };
  }

  // Ranks the documents holding every query word (`result.entries` holds the entry of each
  // query word, then of each pair) as sort keys: sets `hits`, `total` and `complete`. Hits
  // before a cut whose tail is not here may rank higher once it is: only the first hits,
  // each above the best any later one could reach, are kept (with the counts known).
  function rank(result) {
    var wanted = result.wanted, pairs = result.pairs, docs = result.meta.docs;
    var entries = result.entries, tails = result.tails || [];
    // Per document: query words matched so far, exact ones, ones in the title.
    var count = new Uint8Array(docs), exact = new Uint8Array(docs), title = new Uint8Array(docs);
    var here = new Uint8Array(docs), touched = new Int32Array(docs), n = 0;
    var gaps = entries.map(function (e, i) { return unknown(result, i); });
    wanted.forEach(function (q, w) {
      n = 0;
      var e = entries[w];
      e.v.forEach(function (variant, i) {
        var bits = q.typed.indexOf(variant[0]) >= 0 ? 3 : 1;
        if (tails[w]) n = mark(tails[w][i], bits, docs, here, touched, n);
        n = mark(variant[1], bits, docs, here, touched, n);
      });
      if (gaps[w]) {
        n = members(e.has, e.cut, 1, docs, here, touched, n);
        if (e.titles) n = members(e.titles, e.cut, 5, docs, here, touched, n);
      }
      for (var i = 0; i < n; i++) {
        var doc = touched[i], b = here[doc];
        here[doc] = 0;
        if (count[doc] !== w) continue;
        count[doc] = w + 1;
        exact[doc] += (b >> 1) & 1;
        title[doc] += (b >> 2) & 1;
      }
    });
    // Every document holding all the words is among those of the last word.
    var all = touched.slice(0, n), phrase = new Uint8Array(docs), phraseTitle = new Uint8Array(docs);
    // Per document, the pairs with a tail not here that are known from their titles.
    var titled = new Uint8Array(docs);
    pairs.forEach(function (p, i) {
      var at = wanted.length + i, e = entries[at];
      function count(m, known) {
        for (var i2 = 0; i2 < m; i2++) {
          var doc = touched[i2], b = here[doc];
          here[doc] = 0;
          phrase[doc] += 1;
          phraseTitle[doc] += (b >> 2) & 1;
          titled[doc] += known;
        }
      }
      e.v.forEach(function (variant, s) {
        var m = tails[at] ? mark(tails[at][s], 1, docs, here, touched, 0) : 0;
        count(mark(variant[1], 1, docs, here, touched, m), 0);
      });
      if (gaps[at] && e.titles) count(members(e.titles, e.cut, 5, docs, here, touched, 0), 1);
    });
    // With tails missing, the best each hit may turn out (by document): a hit's place is
    // told once it stays above the best any later one may turn out.
    var best = gaps.some(Boolean) ? new Float64Array(docs) : null;
    var keys = new Float64Array(n), k = 0;
    for (var j = 0; j < n; j++) {
      var d = all[j];
      if (count[d] !== wanted.length) continue;
      var key = (((phraseTitle[d] * 64 + phrase[d]) * 64 + exact[d]) * 64 + title[d]) * DOC + d;
      keys[k++] = key;
      if (!best) continue;
      // The phrase and exact counts the missing tails could add.
      var morePhrase = -titled[d], moreExact = 0;
      for (var g = 0; g < gaps.length; g++) {
        if (!gaps[g] || d >= gaps[g].cut) continue;
        if (g < wanted.length) moreExact += gaps[g].more; else morePhrase += gaps[g].more;
      }
      best[d] = (((phraseTitle[d] * 64 + phrase[d] + morePhrase) * 64 + exact[d] + moreExact) * 64 + title[d]) * DOC + d;
    }
    // Kept as numbers: a hit becomes an object only when its page is shown (ten thousand
    // objects cost a cold run more than all the ranking).
    var ranked = keys.subarray(0, k).sort().reverse(), told = k;
    if (best) {
      var after = new Float64Array(k + 1);
      after[k] = -1;
      for (var i3 = k - 1; i3 >= 0; i3--) after[i3] = Math.max(after[i3 + 1], best[ranked[i3] % DOC]);
      told = 0;
      while (told < k && ranked[told] > after[told + 1]) told++;
    }
    result.hits = ranked.subarray(0, told);
    result.total = k;
    result.complete = told === k;
  }

  // A ranked key as { doc, exact, inTitle, phrase, phraseInTitle }.
  function hit(key) {
    var doc = key % DOC, rest = (key - doc) / DOC, counts = [];
    for (var c = 0; c < 4; c++) {
      counts.push(rest % 64);
      rest = Math.floor(rest / 64);
    }
    return { doc: doc, inTitle: counts[0], exact: counts[1], phrase: counts[2], phraseInTitle: counts[3] };
  }

  // The newest documents' rows, when the index has them in one file (`recent` of the
  // manifest); the page asks for it beside the term shards.
  function recent(load, meta) {
    return meta && meta.recent ? load("d/recent.json?v=" + meta.version) : Promise.resolve([]);
  }

  // The document rows of hits `from`..`from + PAGE` of a `search` result: from the recent
  // rows, and from the chunks of the others (only those chunks are fetched). Hits not
  // ranked yet are ranked first, with the tails.
  function rows(load, result, from) {
    var ready = result.hits.length < Math.min(from + PAGE, result.total) ? complete(load, result) : null;
    if (ready) return ready.then(function () { return rows(load, result, from); });
    var meta = result.meta, page = Array.from(result.hits.subarray(from, from + PAGE), hit);
    var firstRecent = meta ? meta.docs - (meta.recent || 0) : 0;
    var old = page.filter(function (h) { return h.doc < firstRecent; });
    var chunks = Array.from(new Set(old.map(function (h) { return Math.floor(h.doc / meta.per_chunk); })));
    var newest = old.length < page.length ? recent(load, meta) : Promise.resolve([]);
    var loads = chunks.map(function (k) { return load("d/" + k + ".json?v=" + meta.version); });
    return Promise.all([newest].concat(loads)).then(function (loaded) {
      return page.map(function (h) {
        // Recent rows are counted from the end: the newest document is the last row.
        if (h.doc >= firstRecent) return loaded[0][loaded[0].length - (meta.docs - h.doc)];
        return loaded[1 + chunks.indexOf(Math.floor(h.doc / meta.per_chunk))][h.doc % meta.per_chunk];
      });
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { fold: fold, identity: identity, terms: terms, queryPairs: queryPairs, search: search, complete: complete, hit: hit, rows: rows };
  }
  if (typeof document === "undefined") return;

  /* ---------- Fetching: from the moment the script runs ---------- */

  var script = document.currentScript || document.querySelector("script[data-index]");
  if (!script) return;
  var base = new URL(script.getAttribute("data-index") || "", window.location.href);
  // The manifest comes inside the page when the theme passes it (one round trip fewer);
  // otherwise it is fetched.
  var inline = null;
  try { inline = JSON.parse(script.getAttribute("data-manifest") || "null"); } catch (e) { inline = null; }
  var cache = new Map();

  function load(path) {
    if (!cache.has(path)) {
      // The manifest names this build's version; it alone must be checked with the server.
      var options = path === "meta.json" ? { cache: "no-cache" } : {};
      cache.set(path, fetch(new URL(path, base), options).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.json();
      }).catch(function (e) {
        cache.delete(path); // so that searching again tries again
        throw e;
      }));
    }
    return cache.get(path);
  }

  function timing(name) {
    if (window.performance && performance.mark) performance.mark("tuyenvan:" + name);
  }

  // The manifest of the build the index files are fetched for. The one inside the page is
  // as new as the page, so the first search trusts it when the page came from the server;
  // every other search (or a page from the browser's cache) also asks for meta.json, beside
  // the term shards, and starts again with it if the site was built again since: the files
  // of two builds must never be read together (document numbers and shard bounds move).
  var manifest = inline;
  var trusted = !!inline && fromServer();

  function fromServer() {
    var nav = window.performance && performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    return !!nav && nav.transferSize > 0;
  }

  function latest() {
    return fetch(new URL("meta.json", base), { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " meta.json");
      return r.json();
    });
  }

  function searchLatest(query) {
    if (trusted) {
      trusted = false;
      return search(load, query, manifest);
    }
    var known = manifest, guess = known ? search(load, query, known) : null;
    if (guess) guess.catch(function () {}); // reported below if it is the answer
    return latest().then(function (meta) {
      if (guess && meta.version === known.version) return guess;
      manifest = meta;
      cache.clear(); // the files of the older build
      return search(load, query, meta);
    }, function (error) {
      // No answer about the version: the search with the page's manifest is the best left.
      if (guess) return guess;
      throw error;
    });
  }

  // A query's ranked hits and the rows of their first page, fetched with no wait for the
  // document: the term shards and the recent rows, then at once any chunks still needed.
  var pending = { query: null, answer: null };
  function answer(query) {
    if (pending.query !== query) {
      timing("search-start");
      // In the same round trip as the term shards: often the whole first page.
      if (queryTerms(query).length) recent(load, manifest).catch(function () {});
      var promise = searchLatest(query).then(function (result) {
        timing("search-ranked");
        return rows(load, result, 0).then(function (first) { return { result: result, first: first }; });
      });
      // A failure is reported where the answer is shown, which may be after it happens;
      // searching again tries again.
      promise.catch(function () {
        if (pending.answer === promise) pending = { query: null, answer: null };
      });
      pending = { query: query, answer: promise };
    }
    return pending.answer;
  }

  function fromAddress() {
    return new URLSearchParams(window.location.search).get("q") || "";
  }

  if (fromAddress().trim()) answer(fromAddress());

  /* ---------- The page ---------- */

  function el(tag, className, content) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (content) e.textContent = content;
    return e;
  }

  // `value` with every word whose folded form the query holds wrapped in <mark>.
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

  // Appends the rows to the list; returns the first new item.
  function show(list, found, folded) {
    var first = null;
    found.forEach(function (row) {
      var li = list.appendChild(item(row, folded));
      first = first || li;
    });
    return first;
  }

  function page() {
    var box = document.getElementById("q");
    var region = document.getElementById("search-results");
    if (!box || !region) return;
    var text = function (name, fallback) { return region.getAttribute("data-" + name) || fallback; };
    // A theme without the status line still gets one, as a live region before the results.
    var status = document.getElementById("search-status");
    if (!status) {
      status = region.parentNode.insertBefore(el("p", "search-status"), region);
      status.setAttribute("role", "status");
    }
    var pageTitle = document.title;
    var runs = 0;

    function run(query) {
      var run = ++runs;
      region.textContent = "";
      region.removeAttribute("aria-busy");
      status.textContent = "";
      box.value = query;
      document.title = pageTitle;
      if (!query.trim()) return;
      document.title = query + " – " + pageTitle;
      region.setAttribute("aria-busy", "true");
      status.textContent = text("loading", "…");
      var list = el("ol", "item-list search-list");
      list.setAttribute("aria-label", text("list-label", query));
      var folded = new Set(queryTerms(query).map(function (q) { return q.term; }));
      answer(query).then(function (found) {
        if (run !== runs) return;
        var count = found.result.total;
        status.textContent = count
          // Split and joined, not replaced: "$&" in a query is text, not a pattern.
          ? text("found", "{count}").split("{count}").join(count).split("{query}").join(query)
          : text("no-results", "");
        if (!count) return;
        region.appendChild(list);
        show(list, found.first, folded);
        more(found.result, folded, list, run, status.textContent);
      }).catch(function () {
        if (run === runs) status.textContent = text("error", "");
      }).then(function () {
        if (run !== runs) return;
        region.removeAttribute("aria-busy");
        timing("search-results");
      });
    }

    // A "more" button while results remain, for the search `run` that showed `list` and
    // said `found`; the first new result takes the focus so a keyboard user carries on
    // reading where the list grew. A failure says so and leaves the button to try again.
    function more(result, folded, list, run, found) {
      var shown = list.children.length;
      if (shown >= result.total) return;
      var button = region.appendChild(el("button", "button button--secondary search-more", text("more", "+")));
      button.type = "button";
      button.addEventListener("click", function () {
        button.disabled = true;
        region.setAttribute("aria-busy", "true");
        rows(load, result, shown).then(function (next) {
          if (run !== runs) return;
          button.remove();
          if (status.textContent !== found) status.textContent = found;
          var first = show(list, next, folded);
          var link = first && first.querySelector("a");
          if (link) link.focus();
          more(result, folded, list, run, found);
        }, function () {
          if (run !== runs) return;
          button.disabled = false;
          status.textContent = text("error", "");
        }).then(function () {
          if (run === runs) region.removeAttribute("aria-busy");
        });
      });
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
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", page);
  else page();
})();
