// Concord search: the theme's search page over the Pagefind index the build writes (pagefind/).
// Pagefind loads only the parts of the index a query needs. This script reads the form, asks
// Pagefind, and shows the results as the rest of the theme shows lists of articles. The query,
// filters and sort live in the address (?q=…&organisation=…&sort=date), so a search can be shared,
// bookmarked and restored with the back button. Nothing is fetched from another host.
//
// A large archive's index comes in parts (data-bundles, newest first): the newest articles', then
// the older articles' in parts of as many, and a router (data-router) that holds every word of
// each older part once. The first search asks the newest part and the router together, shows
// the newest part's results at once, then merges in only the older parts the router says hold
// the words typed (Pagefind's mergeIndex: one script and one WebAssembly for all) and ranks the
// list again over them (or, once the reader has moved into the results, what is shown stays and
// the rest follows it). A word no older article holds costs nothing more.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var base = form.getAttribute("data-base") || "";
  var bundles = (form.getAttribute("data-bundles") || "").split(" ").filter(Boolean);
  var router = form.getAttribute("data-router");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var chips = document.getElementById("search-filters");
  var PAGE = 10;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  // The filters a search can carry: the address parameter and how the page names it.
  var FILTERS = [
    ["organisation", "Organisation"], ["partners", "Partners"], ["place", "Place"],
    ["person", "Person"], ["year", "Year"], ["source", "Source"]
  ];
  var results = [];
  var shown = 0;
  var asked = 0;
  // Whether the reader has moved into the results (or asked for more) since they were shown.
  var engaged = false;
  // Matches in the title and the names count above matches in the text. Each part's pages carry
  // the filter "part" (the part's folder), so a search can ask some parts alone.
  function settings(part) {
    return {
      excerptLength: 28,
      ranking: { metaWeights: { title: 8, organisations: 5, partners: 5, people: 4, places: 3, source: 1, date: 0 } },
      mergeFilter: { part: part }
    };
  }
  var pagefind = null;
  var merged = {};

  // Pagefind with the newest articles' part, and the router merged in.
  function load() {
    if (!pagefind) {
      pagefind = import(base + bundles[0] + "pagefind.js").then(function (pf) {
        return pf.options(settings(bundles[0])).then(function () {
          return router && pf.mergeIndex(base + router);
        }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // Pagefind with these parts merged in too.
  function including(pf, parts) {
    return Promise.all(parts.map(function (part) {
      if (!merged[part]) merged[part] = pf.mergeIndex(base + part, settings(part));
      return merged[part];
    })).then(function () { return pf; });
  }

  // The older parts that may hold results for q with these filters: those the router finds
  // them in (it holds each part's words and filter values once, so it answers whether a part
  // holds them all, not whether one article does). In the order of data-bundles.
  function olderParts(pf, q, filters) {
    var older = bundles.slice(1);
    if (!older.length) return Promise.resolve([]);
    if (!router) return Promise.resolve(older);
    // The router holds words, not phrases: quotes are left out.
    var routed = { filters: Object.assign({}, filters, { route: { any: older } }) };
    return pf.search(q && q.replace(/"/g, " "), routed).then(function (found) {
      var counts = (found && found.filters && found.filters.route) || {};
      return older.filter(function (part) { return counts[part] > 0; });
    });
  }

  // Pagefind's search options: these filters, and newest first or best match first.
  function asking(filters, byDate) {
    var options = { filters: filters };
    if (byDate) options.sort = { date: "desc" };
    return options;
  }

  // Every result of these parts. Newest first, each part is asked alone (Pagefind sorts within
  // a part, and every article of a part is newer than the next part's); best match first,
  // Pagefind ranks the results of the parts together.
  function searchParts(pf, q, filters, parts, byDate) {
    var only = function (which) { return Object.assign({}, filters, { part: which }); };
    if (!byDate || parts.length === 1) {
      var which = parts.length === 1 ? parts[0] : { any: parts };
      return pf.search(q, asking(only(which), byDate)).then(function (found) { return found && found.results; });
    }
    return Promise.all(parts.map(function (part) {
      return pf.search(q, asking(only(part), true));
    })).then(function (found) {
      if (found.some(function (f) { return !f; })) return null;
      return found.reduce(function (all, f) { return all.concat(f.results); }, []);
    });
  }

  function state() {
    var params = new URLSearchParams(location.search);
    var filters = {};
    FILTERS.forEach(function (f) {
      var values = params.getAll(f[0]).filter(Boolean);
      if (values.length) filters[f[0]] = values.length === 1 ? values[0] : { all: values };
    });
    return { q: params.get("q") || "", filters: filters, sort: params.get("sort") === "date" ? "date" : "" };
  }

  function address(next) {
    var params = new URLSearchParams();
    if (next.q) params.set("q", next.q);
    FILTERS.forEach(function (f) {
      var v = next.filters[f[0]];
      if (v === undefined) return;
      (typeof v === "string" ? [v] : v.all).forEach(function (one) { params.append(f[0], one); });
    });
    if (next.sort) params.set("sort", next.sort);
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function formState() {
    var current = state();
    ["year", "source"].forEach(function (name) {
      var select = form.elements[name];
      if (!select) return;
      if (select.value) current.filters[name] = select.value; else delete current.filters[name];
    });
    current.q = input.value.trim();
    current.sort = form.elements.sort && form.elements.sort.value === "date" ? "date" : "";
    return current;
  }

  function formatDate(iso) {
    var p = (iso || "").split("-");
    if (p.length !== 3) return iso || "";
    return parseInt(p[2], 10) + " " + MONTHS[parseInt(p[1], 10) - 1] + " " + p[0];
  }

  // Pagefind's excerpt is the article's text with <mark> around the matched words: the text is
  // put in as text, never as HTML, and only those marks become elements.
  function excerpt(parent, html) {
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (part) {
        if (marked) {
          var mark = document.createElement("mark");
          mark.textContent = part;
          parent.appendChild(mark);
        } else {
          parent.appendChild(document.createTextNode(part));
        }
      }
      return marked;
    }, false);
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "article-item";
    var h = document.createElement("h2");
    h.className = "article-item-title";
    var a = document.createElement("a");
    a.href = data.url;
    a.textContent = data.meta.title || data.url;
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "meta";
    var time = document.createElement("time");
    time.setAttribute("datetime", data.meta.date || "");
    time.textContent = formatDate(data.meta.date);
    meta.appendChild(time);
    if (data.meta.source) meta.appendChild(document.createTextNode(" · " + data.meta.source));
    li.appendChild(meta);
    var p = document.createElement("p");
    p.className = "summary";
    excerpt(p, data.excerpt || "");
    li.appendChild(p);
    return li;
  }

  function showMore(ticket) {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = true;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (ticket !== asked) return;
      data.forEach(function (d) { list.appendChild(item(d)); });
      more.hidden = shown >= results.length;
    });
  }

  // Puts the first `count` results on the page in one step (the old list stays until then).
  function showFirst(ticket, count) {
    var next = results.slice(0, count);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (ticket !== asked) return;
      var items = document.createDocumentFragment();
      data.forEach(function (d) { items.appendChild(item(d)); });
      list.textContent = "";
      list.appendChild(items);
      shown = next.length;
      more.hidden = shown >= results.length;
    });
  }

  // The whole answer, in the order it is shown: what the reader is already reading stays where
  // it is.
  function settled(all) {
    if (!engaged) return all;
    var kept = results.slice(0, shown);
    var ids = {};
    kept.forEach(function (r) { ids[r.id] = true; });
    return kept.concat(all.filter(function (r) { return !ids[r.id]; }));
  }

  function counted(n, complete) {
    if (!complete) {
      return n === 0 ? "Searching the older articles…"
        : (n === 1 ? "1 article matches" : n + " articles match") + " so far; searching the older articles…";
    }
    return n === 0 ? "No articles match." : n === 1 ? "1 article matches." : n + " articles match.";
  }

  function showFilters(current) {
    chips.textContent = "";
    FILTERS.forEach(function (f) {
      var v = current.filters[f[0]];
      if (v === undefined) return;
      (typeof v === "string" ? [v] : v.all).forEach(function (value) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = f[1] + ": " + value + " ×";
        button.setAttribute("aria-label", "Remove the filter " + f[1] + ": " + value);
        button.addEventListener("click", function () {
          var next = formState();
          var left = (typeof v === "string" ? [v] : v.all).filter(function (x) { return x !== value; });
          if (left.length === 0) delete next.filters[f[0]];
          else next.filters[f[0]] = left.length === 1 ? left[0] : { all: left };
          if (form.elements[f[0]]) form.elements[f[0]].value = "";
          go(next, true);
          input.focus();
        });
        li.appendChild(button);
        chips.appendChild(li);
      });
    });
    chips.hidden = !chips.firstChild;
  }

  function run(current) {
    var ticket = ++asked;
    showFilters(current);
    var filtered = Object.keys(current.filters).length > 0;
    if (!current.q && !filtered) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "Type to search the archive.";
      return Promise.resolve();
    }
    status.textContent = "Searching…";
    var byDate = current.sort === "date" || !current.q;
    var q = current.q || null;
    var filters = current.filters;
    engaged = false;
    var drawn = false;
    // Puts the results of one step on the page: the first step's as they come; a later step's
    // ranked again with them, unless the reader has moved into the list (then what is shown
    // stays and the rest follows it). The count is announced with the results on the page.
    function show(found, complete) {
      if (ticket !== asked || !found) return Promise.resolve(false);
      results = drawn ? settled(found) : found;
      var shownBefore = drawn ? Math.max(PAGE, shown) : PAGE;
      var redraw = drawn && engaged ? Promise.resolve() : showFirst(ticket, shownBefore);
      return redraw.then(function () {
        if (ticket !== asked) return false;
        drawn = true;
        more.hidden = shown >= results.length;
        status.textContent = counted(results.length, complete);
        return true;
      });
    }
    return load().then(function (pf) {
      // The newest part and the router are asked together; then the older parts that may hold
      // results, the newest of them alone first when the newest part found nothing.
      return Promise.all([searchParts(pf, q, filters, [bundles[0]], byDate), olderParts(pf, q, filters)])
        .then(function (answers) {
          var older = answers[1];
          var steps = [];
          if (older.length > 1 && answers[0] && !answers[0].length) steps.push(older.slice(0, 1));
          if (older.length) steps.push(older);
          return steps.reduce(function (before, step, i) {
            return before.then(function (going) {
              if (!going) return false;
              return including(pf, step).then(function () {
                return searchParts(pf, q, filters, [bundles[0]].concat(step), byDate);
              }).then(function (found) { return show(found, i === steps.length - 1); });
            });
          }, show(answers[0], !steps.length));
        });
    }).catch(function (e) {
      if (ticket !== asked) return;
      status.textContent = drawn
        ? counted(results.length, true) + " The older articles' index could not load."
        : "Search could not load its index. Browse the archive instead.";
      if (window.console) console.error(e);
    });
  }

  function go(next, push) {
    var url = address(next);
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    return run(next);
  }

  function fill(current) {
    input.value = current.q;
    ["year", "source"].forEach(function (name) {
      var select = form.elements[name];
      var v = current.filters[name];
      if (select) select.value = typeof v === "string" ? v : "";
    });
    if (form.elements.sort) form.elements.sort.value = current.sort;
  }

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { go(formState(), false); }, 200);
  });
  form.addEventListener("change", function (e) {
    if (e.target !== input) go(formState(), true);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(typing);
    go(formState(), true);
  });
  more.addEventListener("click", function () { engaged = true; showMore(asked); });
  list.addEventListener("focusin", function () { engaged = true; });
  window.addEventListener("popstate", function () {
    var current = state();
    fill(current);
    run(current);
  });
  document.querySelectorAll(".search-js").forEach(function (el) { el.hidden = false; });
  var initial = state();
  fill(initial);
  run(initial);
  // Start fetching the script and the index's entry while the reader types the first word.
  input.addEventListener("focus", function () { load(); }, { once: true });
})();
