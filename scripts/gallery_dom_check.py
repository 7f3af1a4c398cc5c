#!/usr/bin/env python3
"""Checks one DOM that headless Chromium dumped from the gallery page (scripts/test.d/gallery-chromium.sh).
  gallery_dom_check.py DOM loaded N PAGE   every thumbnail (N of them) loaded, none broken; user text stayed text;
                                           every full-image link of PAGE (a file path, or - for none) resolves
  gallery_dom_check.py DOM shown N STATUS  the filter shows exactly N cards, all of STATUS (- for any)"""
import os, sys, urllib.parse
from html.parser import HTMLParser

dom_path, what, number, extra = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

class Cards(HTMLParser):
    def __init__(self):
        super().__init__()
        self.thumbs, self.links, self.cards, self.sections, self.body = [], [], [], [], {}
        self.count_text = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "body":
            self.body = a
        if tag == "img" and "thumb" in classes:
            self.thumbs.append(a)
        if tag == "a" and "full" in classes:
            self.links.append(a.get("href"))
        if tag == "figure" and "card" in classes:
            self.cards.append(a)
        if tag == "section" and "job" in (a.get("class") or ""):
            self.sections.append(a)
        if tag == "output" and a.get("id") == "shown":
            self.count_text = a.get("data-count")

dom = open(dom_path, encoding="utf-8").read()
cards = Cards()
cards.feed(dom)
problems = []
if what == "loaded":
    states = [t.get("data-load") for t in cards.thumbs]
    if len(cards.thumbs) != number:
        problems.append(f"{len(cards.thumbs)} thumbnails, expected {number}")
    broken = [t.get("src") for t in cards.thumbs if t.get("data-load") != "loaded"]
    if broken:
        problems.append(f"{len(broken)} thumbnail(s) not loaded, e.g. {broken[:3]} ({states.count('broken')} broken)")
    if "data-pwned" in cards.body:
        problems.append("a prompt's <script> ran")
    if "<script>document.body" in dom or "&lt;script&gt;document.body" not in dom:
        problems.append("the prompt holding HTML is not shown as text")
    if "&lt;b&gt;Bold&lt;/b&gt; &amp; \"quoted\"" not in dom:
        problems.append("the title holding HTML is not shown as text")
    if extra != "-":
        folder = os.path.dirname(extra)
        for href in cards.links:
            target = os.path.join(folder, urllib.parse.unquote(href))
            if href.startswith(("/", "file:", "http")) or not os.path.isfile(target):
                problems.append(f"link {href} does not resolve to a file next to the page")
                break
        if len(cards.links) != number:
            problems.append(f"{len(cards.links)} full-image links, expected {number}")
elif what == "shown":
    visible = [c for c in cards.cards if "hidden" not in c]
    if len(visible) != number:
        problems.append(f"the filter shows {len(visible)} cards, expected {number}")
    if extra != "-" and any(c.get("data-status") != extra for c in visible):
        problems.append(f"the filter shows cards of another status than {extra}: {sorted({c.get('data-status') for c in visible})}")
    if cards.count_text != str(number):
        problems.append(f"the page's count says {cards.count_text}, expected {number}")
    hidden_sections = [s for s in cards.sections if "hidden" in s]
    if number == 0 and len(hidden_sections) != len(cards.sections):
        problems.append("sections without a visible card are not hidden")
for problem in problems:
    print(f"gallery-dom-check ({os.path.basename(dom_path)}): {problem}")
sys.exit(1 if problems else 0)
