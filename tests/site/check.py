#!/usr/bin/env python3
"""Crawls a built Concord site over HTTP and checks what static hosts, feed readers and search
engines will read: every internal link, src and #fragment resolves; nothing loads from another
host; every Atom feed parses with feedparser (no bozo) and xmllint; every sitemap loc exists and
every crawled page is in the sitemap.

usage: check.py BASE_URL        (e.g. http://127.0.0.1:8000/archive/)
"""
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser

BASE = sys.argv[1]
ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(BASE))
problems = []
cache = {}


def fetch(url):
    """(status, content type, body) of a URL, fetched once."""
    if url not in cache:
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                cache[url] = (r.status, r.headers.get_content_type(), r.read())
        except urllib.error.HTTPError as e:
            cache[url] = (e.code, "", b"")
    return cache[url]


class Page(HTMLParser):
    """Links (with the attribute that holds them) and ids of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src", "action", "data-index"):
            if a.get(attr) is not None:
                self.links.append((tag, attr, a[attr]))


def parse(body):
    p = Page()
    p.feed(body.decode("utf-8"))
    return p


def xmllint(body, what):
    with tempfile.NamedTemporaryFile(suffix=".xml") as f:
        f.write(body)
        f.flush()
        r = subprocess.run(["xmllint", "--noout", f.name], capture_output=True, text=True)
        if r.returncode:
            problems.append(f"{what}: xmllint: {r.stderr.strip()}")


pages, feeds, queue, seen = {}, set(), [BASE], {BASE}
while queue:
    url = queue.pop()
    status, ctype, body = fetch(url)
    if status != 200:
        continue  # reported where it is linked from
    if ctype != "text/html":
        continue
    page = parse(body)
    pages[url] = page
    for tag, attr, raw in page.links:
        target = urljoin(url, raw)
        if not target.startswith(ORIGIN + "/"):
            if attr != "href" or tag != "a":
                problems.append(f"{url}: <{tag} {attr}> loads from another host: {raw}")
            continue
        if tag == "form":
            continue
        doc, _ = urldefrag(target)
        # A static host serves the same file whatever the query (`search/?q=x` is `search/`).
        doc = doc.split("?", 1)[0]
        status, ctype, _ = fetch(doc)
        if status != 200:
            problems.append(f"{url}: <{tag} {attr}={raw!r}> is broken ({status})")
            continue
        if doc.endswith("feed.xml"):
            feeds.add(doc)
        if ctype == "text/html" and doc not in seen and doc.startswith(BASE):
            seen.add(doc)
            queue.append(doc)

# Fragments, now that every page is parsed.
fragments = 0
for url, page in pages.items():
    for tag, attr, raw in page.links:
        target = urljoin(url, raw)
        doc, frag = urldefrag(target)
        if frag and target.startswith(ORIGIN + "/"):
            fragments += 1
            ids = pages[doc].ids if doc in pages else parse(fetch(doc)[2]).ids
            if frag not in ids:
                problems.append(f"{url}: #{frag} does not exist in {doc}")

for feed in sorted(feeds):
    body = fetch(feed)[2]
    parsed = feedparser.parse(body)
    if parsed.bozo:
        problems.append(f"{feed}: feedparser: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        problems.append(f"{feed}: not Atom 1.0 ({parsed.version!r})")
    xmllint(body, feed)
    for entry in parsed.entries:
        if fetch(entry.link)[0] != 200:
            problems.append(f"{feed}: entry link {entry.link} is broken")

robots = fetch(BASE + "robots.txt")
if robots[0] != 200 or f"Sitemap: {BASE}sitemap.xml" not in robots[2].decode():
    problems.append("robots.txt does not name the sitemap")
status, _, sitemap = fetch(BASE + "sitemap.xml")
locs = set()
if status != 200:
    problems.append("sitemap.xml is missing")
else:
    xmllint(sitemap, "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(sitemap)
    files = [sitemap]
    if root.tag.endswith("sitemapindex"):
        files = [fetch(loc.text)[2] for loc in root.findall("s:sitemap/s:loc", ns)]
    for body in files:
        for loc in ET.fromstring(body).findall("s:url/s:loc", ns):
            locs.add(loc.text)
    for loc in sorted(locs):
        if fetch(loc)[0] != 200:
            problems.append(f"sitemap.xml: {loc} does not exist")
    for url in pages:
        if url not in locs:
            problems.append(f"{url} is not in sitemap.xml")

for p in problems:
    print("error:", p)
links = sum(len(p.links) for p in pages.values())
print(
    f"{BASE}: {len(pages)} pages, {links} links, {fragments} fragments, {len(feeds)} feeds, "
    f"{len(locs)} sitemap URLs: {len(problems)} problems"
)
sys.exit(1 if problems else 0)
