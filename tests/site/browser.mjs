// Browser checks of a built Concord site, in Debian's Chromium driven by playwright-core:
// axe-core finds no serious or critical violation on the home, an article, an organisation, a
// partner, a place, the organisation and partner indexes and the search page (light and dark,
// and the search page again showing results); no console error on any of them; no request to
// another host; screenshots at 1280 and 390 px wide. Search: a word only an article's body holds
// finds it and is highlighted, the oldest article's too; a word no article holds fetches no older
// part of the index; ?q= restores a search; an organisation's other name (acronym)
// finds its articles; "Search these articles" on its page lists exactly its articles, newest
// first; a year filter narrows the results to that year; newest first is in date order.
//
// usage: node browser.mjs BASE_URL SCREENSHOT_DIR      (NODE_PATH must reach playwright-core, axe-core)
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH || process.cwd(), "x.js"));
const { chromium } = require("playwright-core");
const axePath = require.resolve("axe-core/axe.min.js");

const [base, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const problems = [];

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function open(url, { width = 1280, scheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith(new URL(base).origin)) errors.push(`request to another host: ${r.url()}`); });
  const response = await page.goto(url, { waitUntil: "networkidle" });
  if (!response || response.status() !== 200) problems.push(`${url}: status ${response && response.status()}`);
  return { page, context, errors, requests };
}

async function firstLink(url, selector) {
  const { page, context } = await open(url);
  const href = await page.locator(selector).first().getAttribute("href");
  await context.close();
  if (!href) throw new Error(`${url}: no ${selector}`);
  return new URL(href, url).href;
}

const pages = {
  home: base,
  article: await firstLink(base, ".article-item-title a"),
  organisation: await firstLink(base + "organisations/", ".term-list a"),
  partner: await firstLink(base + "partners/", ".term-list a"),
  "organisation index": base + "organisations/",
  "partner index (network view)": base + "partners/",
  place: await firstLink(base + "places/", ".term-list a"),
  search: base + "search/",
};

for (const [name, url] of Object.entries(pages)) {
  for (const scheme of ["light", "dark"]) {
    const { page, context, errors } = await open(url, { scheme });
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    for (const v of result.violations) {
      if (v.impact === "serious" || v.impact === "critical") {
        problems.push(`${name} (${scheme}): axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
      }
    }
    for (const e of errors) problems.push(`${name} (${scheme}): console: ${e}`);
    if (scheme === "light") {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${name}: ${overflow} px of horizontal scrolling at ${width} px wide`);
        await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
      }
    }
    console.log(`${name} (${scheme}): ${result.violations.length} axe findings in all, ${errors.length} console errors`);
    await context.close();
  }
}

// Search (Pagefind's index, the theme's page). Every check runs at / and under a sub-path.
async function results(page) {
  await page.waitForFunction(() => {
    // Every part of the index has answered ("… so far; searching the older articles…" first).
    const s = document.getElementById("search-status").textContent;
    return (/match/.test(s) && !/so far/.test(s)) || /could not/.test(s);
  }, null, { timeout: 15000 });
  const status = (await page.locator("#search-status").textContent()).trim();
  const count = /^No articles/.test(status) ? 0 : parseInt(status, 10);
  return { status, count };
}
// The URLs of the results shown, after showing more until `want` is among them (or all are).
async function shownUrls(page, want) {
  for (let i = 0; i < 40; i++) {
    const urls = await page.locator("#search-results .article-item-title a").evaluateAll((as) => as.map((a) => a.href));
    if ((want && urls.includes(want)) || !(await page.locator("#search-more").isVisible())) return urls;
    const before = urls.length;
    await page.locator("#search-more").click();
    await page.waitForFunction((n) => document.querySelectorAll("#search-results li").length > n, before);
  }
  return page.locator("#search-results .article-item-title a").evaluateAll((as) => as.map((a) => a.href));
}
async function search(query, { width = 390, url = pages.search } = {}) {
  const opened = await open(url, { width });
  if (query !== null) {
    await opened.page.locator("#search-query").pressSequentially(query, { delay: 10 });
  }
  return { ...opened, ...(await results(opened.page)) };
}
function check(ok, what) { if (!ok) problems.push(`search: ${what}`); }

{
  // 1. A word only the body of an article holds finds that article.
  const { page: art, context: c1 } = await open(pages.article);
  const title = (await art.locator("h1").textContent()).toLowerCase();
  const bodyWords = (await art.locator(".body").textContent()).match(/[A-Za-z]{7,}/g) || [];
  const word = bodyWords.filter((w) => !title.includes(w.toLowerCase())).sort((a, b) => b.length - a.length)[0];
  await c1.close();
  check(word, `no body word found on ${pages.article}`);
  const body = await search(word);
  const urls = await shownUrls(body.page, pages.article);
  check(urls.includes(pages.article), `the body word ${JSON.stringify(word)} does not find ${pages.article} (${body.status})`);
  const marks = await body.page.locator("#search-results mark").allTextContents();
  check(marks.some((m) => m.toLowerCase().includes(word.toLowerCase())), `the body word ${JSON.stringify(word)} is not highlighted`);
  await body.page.screenshot({ path: path.join(shots, "search-body-word-390.png"), fullPage: true });
  for (const scheme of ["light", "dark"]) {
    await body.page.emulateMedia({ colorScheme: scheme });
    await body.page.addScriptTag({ path: axePath });
    const axe = await body.page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    for (const v of axe.violations) {
      if (v.impact === "serious" || v.impact === "critical") problems.push(`search results (${scheme}): axe ${v.impact} ${v.id}: ${v.help}`);
    }
  }
  for (const e of body.errors) problems.push(`search: console: ${e}`);
  console.log(`search body word ${JSON.stringify(word)}: ${body.status}`);
  await body.context.close();

  // 1b. So does a word of the oldest article's body (in the older articles' index, when the
  // site splits its index: the example does at ten articles).
  const allYears = await (async () => {
    const { page, context } = await open(pages.search);
    const ys = await page.locator("#search-year option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    await context.close();
    return ys;
  })();
  const oldest = await (async () => {
    const { page, context } = await open(`${base}archive/${allYears[allYears.length - 1]}/`);
    const links = await page.locator(".article-item-title a").evaluateAll((as) => as.map((a) => a.href));
    await context.close();
    return links[links.length - 1];
  })();
  const { page: old, context: c3 } = await open(oldest);
  const oldTitle = (await old.locator("h1").textContent()).toLowerCase();
  const oldWords = ((await old.locator(".body").textContent()).match(/[A-Za-z]{7,}/g) || [])
    .filter((w) => !oldTitle.includes(w.toLowerCase())).sort((a, b) => b.length - a.length);
  await c3.close();
  check(oldWords.length > 0, `no body word found on ${oldest}`);
  if (oldWords.length > 0) {
    const older = await search(oldWords[0]);
    check((await shownUrls(older.page, oldest)).includes(oldest),
      `the body word ${JSON.stringify(oldWords[0])} does not find the oldest article ${oldest} (${older.status})`);
    for (const e of older.errors) problems.push(`search (oldest): console: ${e}`);
    console.log(`search body word of the oldest article ${JSON.stringify(oldWords[0])}: ${older.status}`);
    await older.context.close();
  }

  // 1c. A word no article holds: "No articles match", and no older part of the index is
  // fetched (the router says none holds it).
  const none = await search("qzxwvkjfy");
  check(none.status === "No articles match.", `a word no article holds: ${none.status}`);
  const fetched = none.requests.filter((u) => u.includes("/pagefind/older/"));
  check(fetched.length === 0, `a word no article holds fetched older parts: ${fetched.slice(0, 3).join(" ")}`);
  console.log(`search a word no article holds: ${none.status} (${none.requests.filter((u) => u.includes("/pagefind/")).length} index files fetched)`);
  await none.context.close();

  // 2. ?q= restores a search: the box holds the words, the same results show.
  const again = await open(`${pages.search}?q=${encodeURIComponent(word)}`);
  const restored = await results(again.page);
  check(await again.page.locator("#search-query").inputValue() === word, "?q= does not fill the search box");
  check(restored.count === body.count, `?q= shows ${restored.count} results, typing showed ${body.count}`);
  for (const e of again.errors) problems.push(`search ?q=: console: ${e}`);
  await again.context.close();

  // 3. An organisation's other name (an acronym) finds the organisation's articles.
  const { page: index, context: c2 } = await open(base + "organisations/");
  const orgUrls = await index.locator(".term-list a").evaluateAll((as) => as.map((a) => a.href));
  await c2.close();
  let alias = null;
  for (const url of orgUrls.slice(0, 40)) {
    const { page, context } = await open(url);
    const meta = await page.locator("h1 + .meta").textContent();
    const m = meta.match(/also written ([^·,]+)/);
    if (m) {
      alias = {
        form: m[1].trim(), url, name: (await page.locator("h1").textContent()).trim(),
        articles: await page.locator(".article-item-title a").evaluateAll((as) => as.map((a) => a.href)),
        count: parseInt(meta, 10), within: await page.locator("h1 + .meta a", { hasText: "Search these articles" }).getAttribute("href"),
      };
    }
    await context.close();
    if (alias) break;
  }
  check(alias, "no organisation page says 'also written'");
  if (alias) {
    const found = await search(alias.form);
    const first = await shownUrls(found.page, null);
    check(alias.articles.includes(first[0]), `${JSON.stringify(alias.form)} (${alias.name}): first result ${first[0]} is not one of its articles`);
    console.log(`search ${JSON.stringify(alias.form)} for ${alias.name}: ${found.status}`);
    for (const e of found.errors) problems.push(`search alias: console: ${e}`);
    await found.context.close();

    // 4. The organisation page's "Search these articles" filters to its articles, newest first.
    const within = await search(null, { url: new URL(alias.within, alias.url).href });
    check(within.count === alias.count, `searching within ${alias.name}: ${within.count} results, its page lists ${alias.count}`);
    const listed = await shownUrls(within.page, null);
    check(listed[0] === alias.articles[0], `searching within ${alias.name}: first ${listed[0]}, its newest is ${alias.articles[0]}`);
    check(await within.page.locator("#search-filters button").count() === 1, "the organisation filter is not shown");
    for (const e of within.errors) problems.push(`search within: console: ${e}`);
    await within.context.close();
  }

  // 5. A filter narrows: a year keeps only that year's articles.
  const wide = await search("the");
  const years = await wide.page.locator("#search-year option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  await wide.page.selectOption("#search-year", years[years.length - 1]);
  await wide.page.waitForFunction((n) => !/Searching|so far/.test(document.getElementById("search-status").textContent)
    && parseInt(document.getElementById("search-status").textContent, 10) !== n, wide.count, { timeout: 15000 }).catch(() => {});
  const narrow = await results(wide.page);
  const dates = await wide.page.locator("#search-results time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
  check(narrow.count > 0 && narrow.count < wide.count, `year ${years[years.length - 1]}: ${narrow.count} of ${wide.count} results`);
  check(dates.every((d) => d.startsWith(years[years.length - 1])), `year filter shows other years: ${dates.join(", ")}`);
  check(new URL(wide.page.url()).searchParams.get("year") === years[years.length - 1], "the year is not in the address");
  console.log(`search "the": ${wide.count}, in ${years[years.length - 1]}: ${narrow.count}`);
  for (const e of wide.errors) problems.push(`search filter: console: ${e}`);
  await wide.context.close();

  // 6. Newest first: every result, from both parts of the index, in date order.
  const byDate = await open(`${pages.search}?q=the&sort=date`);
  const sorted = await results(byDate.page);
  await shownUrls(byDate.page, null);
  const when = await byDate.page.locator("#search-results time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
  check(when.length === sorted.count, `newest first: ${when.length} shown of ${sorted.count}`);
  check(when.every((d, i) => i === 0 || when[i - 1] >= d), `newest first is not in date order: ${when.join(", ")}`);
  console.log(`search "the", newest first: ${sorted.count}, ${when[0]} … ${when[when.length - 1]}`);
  for (const e of byDate.errors) problems.push(`search newest first: console: ${e}`);
  await byDate.context.close();
}

await browser.close();
for (const p of problems) console.log("error:", p);
console.log(`${base}: ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
