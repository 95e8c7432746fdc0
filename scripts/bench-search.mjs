// What a reader on a phone downloads before the first search result appears, and how long it takes.
//
// Serves a built Concord site from a small HTTP server that gzips text as a static host does
// (Pagefind's index files are compressed already and are sent as they are), opens its search page
// in Chromium with a cold cache, the network throttled like Lighthouse's mobile profile (slow 4G:
// 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up) and the CPU 4x slower, and for each query
// loads `search/?q=QUERY` (or `search/QUERY` for a QUERY that starts with "?", a filter) and waits for the first result, then for every part of the index to have
// answered. Prints, per query: the bytes transferred (as Chromium counts them, headers included) by
// the requests made before the first result appeared, the time from navigation to that first
// result, and the same until all results are known.
//
// usage: node scripts/bench-search.mjs SITE_DIR QUERY...   (NODE_PATH must reach playwright-core)
//        scripts/bench-search wraps it: generates, builds, installs.
import { createRequire } from "node:module";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH || process.cwd(), "x.js"));
const { chromium } = require("playwright-core");

const [site, ...queries] = process.argv.slice(2);
if (!site || queries.length === 0) {
  console.error("usage: node scripts/bench-search.mjs SITE_DIR QUERY...");
  process.exit(2);
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
};
const server = createServer(async (req, res) => {
  try {
    let file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(path.resolve(site))) throw new Error("outside");
    if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
    let body = await readFile(file);
    const type = TYPES[path.extname(file)];
    const headers = { "content-type": type || "application/octet-stream" };
    if (type && /gzip/.test(req.headers["accept-encoding"] || "")) {
      body = gzipSync(body, { level: 6 });
      headers["content-encoding"] = "gzip";
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end("not found");
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});
console.log(`site ${site}; network: slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up); CPU 4x slower; cold cache`);
console.log(`${"query".padEnd(28)} ${"results".padStart(8)} ${"kB".padStart(8)} ${"first result".padStart(13)} ${"kB".padStart(8)} ${"all results".padStart(13)}`);
let worst = 0;
let none = 0;
for (const query of queries) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  // Every request of the page and of its worker (Pagefind searches in a web worker): when it
  // started and what it transferred.
  const started = new Map();
  const done = [];
  context.on("request", (request) => started.set(request, Date.now()));
  context.on("requestfinished", async (request) => {
    const sizes = await request.sizes();
    done.push({ url: request.url(), at: started.get(request), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  const t0 = Date.now();
  // A query that starts with "?" is the search page's whole address (filters: "?year=2012").
  const address = query.startsWith("?") ? query : `?q=${encodeURIComponent(query)}`;
  await page.goto(`${origin}search/${address}`, { waitUntil: "commit" });
  await page.waitForFunction(() => document.querySelector("#search-results li")
    || /No articles/.test(document.getElementById("search-status").textContent), null, { timeout: 120000, polling: 50 });
  const first = Date.now();
  // Then every part of the index has answered (the status no longer says it is searching).
  await page.waitForFunction(() => !/Searching|so far/.test(document.getElementById("search-status").textContent),
    null, { timeout: 300000, polling: 50 });
  const all = Date.now();
  // Let requests in flight finish, so they are counted.
  await page.waitForTimeout(500);
  const before = (t) => done.filter((r) => r.at <= t).reduce((sum, r) => sum + r.bytes, 0);
  const bytes = before(first);
  const status = (await page.locator("#search-status").textContent()).trim();
  const count = /^No/.test(status) ? 0 : parseInt(status, 10) || (await page.locator("#search-results li").count());
  // A query with no result has no first result: its answer is counted apart.
  if (count > 0) worst = Math.max(worst, bytes); else none = Math.max(none, bytes);
  if (process.env.VERBOSE) console.log(done.map((r) => `${r.at <= first ? "first" : "later"} ${r.bytes} ${r.url}`).join("\n"));
  console.log(`${JSON.stringify(query).padEnd(28)} ${String(count).padStart(8)} ${(bytes / 1000).toFixed(1).padStart(8)} ${((first - t0) / 1000).toFixed(2).padStart(11)} s ${(before(all) / 1000).toFixed(1).padStart(8)} ${((all - t0) / 1000).toFixed(2).padStart(11)} s`);
  await context.close();
}
console.log(`most transferred before the first result: ${(worst / 1000).toFixed(1)} kB`);
if (none > 0) console.log(`most transferred before "No articles match": ${(none / 1000).toFixed(1)} kB`);
await browser.close();
server.close();
