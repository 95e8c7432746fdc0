// Browser checks of a built Concord site, in Debian's Chromium driven by playwright-core:
// axe-core finds no serious or critical violation on the home, an article, an organisation, a
// partner, a place, the organisation and partner indexes and the search page (light and dark); no console error on any of them; searching for an
// organisation's name shows its newest article first; screenshots at 1280 and 390 px wide.
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
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith(new URL(base).origin)) errors.push(`request to another host: ${r.url()}`); });
  const response = await page.goto(url, { waitUntil: "networkidle" });
  if (!response || response.status() !== 200) problems.push(`${url}: status ${response && response.status()}`);
  return { page, context, errors };
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

// Search: an organisation's name finds its newest article first.
{
  const { page: orgPage, context: c1 } = await open(pages.organisation);
  const orgName = (await orgPage.locator("h1").textContent()).trim();
  const newest = new URL(await orgPage.locator(".article-item-title a").first().getAttribute("href"), pages.organisation).href;
  await c1.close();
  const { page, context, errors } = await open(pages.search, { width: 390 });
  await page.locator("#search-query").pressSequentially(orgName, { delay: 10 });
  const first = page.locator("#search-results li a").first();
  await first.waitFor({ timeout: 5000 });
  const got = new URL(await first.getAttribute("href"), pages.search).href;
  if (got !== newest) problems.push(`search for ${JSON.stringify(orgName)}: first result ${got}, expected ${newest}`);
  const marks = await page.locator("#search-results mark").count();
  if (marks === 0) problems.push(`search for ${JSON.stringify(orgName)}: no highlighted hits`);
  const status = (await page.locator("#search-status").textContent()).trim();
  await page.screenshot({ path: path.join(shots, "search-results-390.png"), fullPage: true });
  for (const e of errors) problems.push(`search: console: ${e}`);
  console.log(`search ${JSON.stringify(orgName)}: ${status} first = ${got}`);
  await context.close();
}

await browser.close();
for (const p of problems) console.log("error:", p);
console.log(`${base}: ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
