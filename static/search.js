// Concord search: reads search/index.json once, searches as you type. No framework, no other host.
// Ranking: articles of an organisation whose name is exactly the query come first, newest first;
// then by the number of query words in the title, then in organisations and partners, then in the
// summary (the full text, when the index has it, only decides whether an article matches);
// newest first among equals.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var LIMIT = 50;
  var entries = null;

  function norm(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function prepare(e) {
    e.orgs = (e.o || []).concat(e.p ? [e.p] : []);
    e.nt = norm(e.t);
    e.no = e.orgs.map(norm);
    e.ns = norm(e.s);
    e.nx = norm(e.x);
    return e;
  }

  function count(haystack, terms) {
    var n = 0;
    for (var i = 0; i < terms.length; i++) if (haystack.indexOf(terms[i]) !== -1) n++;
    return n;
  }

  function score(e, query, terms) {
    var orgs = e.no.join(" \u0001 ");
    var exact = e.no.indexOf(query) !== -1 ? 1 : 0;
    var title = count(e.nt, terms), org = count(orgs, terms), summary = count(e.ns, terms);
    var all = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      if (e.nt.indexOf(t) !== -1 || orgs.indexOf(t) !== -1 || e.ns.indexOf(t) !== -1 || e.nx.indexOf(t) !== -1) all++;
    }
    if (all < terms.length) return null;
    // A query that is exactly an organisation's name lists its articles as its page does: by date.
    return exact ? [1, 0, 0, 0] : [0, title, org, summary];
  }

  function compare(a, b) {
    for (var i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return b.rank[i] - a.rank[i];
    return a.e.d < b.e.d ? 1 : a.e.d > b.e.d ? -1 : 0;
  }

  // Appends `text` to `parent`, with every occurrence of a term wrapped in <mark>.
  function highlight(parent, text, terms) {
    var lower = norm(text);
    var marks = [];
    terms.forEach(function (t) {
      var from = 0, at;
      while (t && (at = lower.indexOf(t, from)) !== -1) { marks.push([at, at + t.length]); from = at + t.length; }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      parent.appendChild(document.createTextNode(text.slice(pos, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      parent.appendChild(mark);
      pos = m[1];
    });
    parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  function show(results, terms) {
    list.textContent = "";
    results.slice(0, LIMIT).forEach(function (r) {
      var e = r.e;
      var li = document.createElement("li");
      li.className = "article-item";
      var h = document.createElement("h2");
      h.className = "article-item-title";
      var a = document.createElement("a");
      a.href = e.u;
      highlight(a, e.t, terms);
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement("p");
      meta.className = "meta";
      var time = document.createElement("time");
      time.dateTime = e.d;
      time.textContent = e.d;
      meta.appendChild(time);
      if (e.orgs.length) {
        meta.appendChild(document.createTextNode(" · "));
        highlight(meta, e.orgs.join(", "), terms);
      }
      li.appendChild(meta);
      if (e.s) {
        var p = document.createElement("p");
        p.className = "summary";
        highlight(p, e.s, terms);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  function run() {
    if (!entries) return;
    var query = norm(input.value).trim().replace(/\s+/g, " ");
    var terms = query ? query.split(" ") : [];
    if (!terms.length) {
      list.textContent = "";
      status.textContent = "Type to search " + entries.length + " articles.";
      return;
    }
    var results = [];
    for (var i = 0; i < entries.length; i++) {
      var rank = score(entries[i], query, terms);
      if (rank) results.push({ e: entries[i], rank: rank });
    }
    results.sort(compare);
    status.textContent = results.length === 0 ? "No articles match." :
      results.length + (results.length === 1 ? " article matches." : " articles match.") +
      (results.length > LIMIT ? " Showing the first " + LIMIT + "." : "");
    show(results, terms);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  status.textContent = "Loading the search index…";
  fetch(form.getAttribute("data-index"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      return response.json();
    })
    .then(function (data) {
      entries = data.map(prepare);
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) input.value = q;
      run();
    })
    .catch(function (error) {
      status.textContent = "The search index could not be loaded (" + error.message + "). Browse the archive instead.";
    });
})();
