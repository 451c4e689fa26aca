#!/usr/bin/env python3
"""gen-edition: a synthetic edition of any size, and its twins, for make bench.

  gen-edition.py [--pages N] [--articles-per-page K] [--paras P] [--seed S]
                 [--jump-rate R] [--back-rate R] [--photo-rate R]
                 [--cjk-rate R] [-o EDITION] [--rss FILE] [--text FILE]
                 [--html FILE] [--only ID] [--wrap N] [--manifest FILE]

The edition (format version 1) goes to -o, else standard output.  Pages are
labelled by section (A1..A50 Front, B1..B50 Nation, ...).  The same articles
can be written as:

  --rss FILE    its RSS 2.0 twin: one item per article, in page order, the
                category the section of its first page, the whole article
                (every part, photos as figures) as content:encoded HTML,
                the deck as description, the byline as dc:creator; the
                items are dated a second apart, newest first, so a feed
                reader lists them in the edition's order
  --text FILE   the articles as plain text (what less shows); --wrap N
                folds paragraphs at N columns (0: one line a paragraph)
  --html FILE   the articles as one HTML document (what w3m shows)
  --only ID     --text and --html hold only that article

Every article has an id; the front page's first article is always "lead", a
long read of 36 paragraphs in three parts: A1, a page half-way through the
edition, then back to page A2 (a jump forward, then one backward).  Other
articles jump with probability --jump-rate to one to three other pages,
each earlier than the part before with probability --back-rate.  Articles
carry photos (caption, credit, src) with probability --photo-rate, a page
its own photo with a quarter of it; --cjk-rate of the articles are Chinese.
--manifest writes per article id the pages of its parts in reading order,
its paragraphs and words, so a test can check nothing was lost.

Deterministic: the same options give the same bytes.  Python 3 standard
library only.
"""
import argparse
import datetime
import json
import random
import sys
import textwrap
from xml.sax.saxutils import escape, quoteattr

WORDS = ("the of and to in a is that for on with as by at from this be are "
         "was it an science research energy railway satellite cable network "
         "program cooperation partner country university engineers "
         "laboratory data students young city ocean river market policy "
         "report minister innovation technology digital observatory telescope "
         "medicine climate solar wind harbour bridge library archive editor "
         "reader column photograph morning evening weekly annual "
         "international regional national local quickly carefully openly "
         "together council budget ferry tram orchard museum school").split()
ODD = ["co-operation", "long-term", "sci-tech", "Zürich", "São Paulo",
       "naïve", "“quoted”", "Łódź", "Ærø", "café", "résumé", "— dash —"]
CJK = "科技日报国际合作创新发展研究中心青年科学家数字丝绸之路开放共享互利共赢"
NAMES = ["Zoë Marchetti", "Marcus Oyelaran", "Ruth Engström", "Ann Writer",
         "Tomasz Wójcik", "Lena Abernathy", "Piotr Nowak", "Mei Ling Chen",
         "Samuel Adeyemi", "Inés Moreno", "Hiroshi Tanaka", "Staff Reporter"]
PLACES = ["WRENFIELD", "SPRINGFIELD", "PORTSMOUTH", "GENEVA", "NAIROBI",
          "OSAKA", "VALPARAÍSO", "TROMSØ"]
SECTIONS = ["Front", "Nation", "World", "Science", "Business", "Comment",
            "Culture", "Sport"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec"]
SITE = "https://synthetic.example"


def sentence(r, cjk):
    """One sentence: English words, or a run of CJK ideographs."""
    if cjk:
        return "".join(r.choice(CJK) for _ in range(r.randint(12, 40))) + "。"
    n = r.randint(6, 24)
    w = [r.choice(WORDS) for _ in range(n)]
    w[0] = w[0].capitalize()
    if r.random() < 0.1:
        w.insert(r.randint(1, n - 1), r.choice(ODD))
    return " ".join(w) + r.choice([".", ".", ".", "?", "!"])


def paragraph(r, cjk):
    """A paragraph as runs (style, text); style "", "em", "strong" or a
    link's href.  CJK paragraphs are one plain run."""
    n = r.randint(2, 6)
    if cjk:
        return [("", "".join(sentence(r, True) for _ in range(n)))]
    words = " ".join(sentence(r, False) for _ in range(n)).split(" ")
    x = r.random()
    if x < 0.25 and len(words) > 3:
        i = r.randint(1, len(words) - 2)
        style = ("em" if x < 0.15 else "strong" if x < 0.21 else
                 "%s/%s" % (SITE, words[i].strip(".?!,“”").lower()))
        return [("", " ".join(words[:i]) + " "), (style, words[i]),
                ("", " " + " ".join(words[i + 1:]))]
    return [("", " ".join(words))]


def headline(r, cjk, limit=70):
    h = sentence(r, cjk).rstrip(".?!。")
    if len(h) > limit:
        h = h[:limit].rsplit(" ", 1)[0] if not cjk else h[:limit // 3]
    return h


class Article:
    """One article: its heads, its blocks in reading order, and its parts
    as (page index, first block, end block)."""

    def __init__(self, aid, page, cjk):
        self.id, self.page, self.cjk = aid, page, cjk
        self.kicker = self.deck = self.byline = self.dateline = None
        self.headline = ""
        self.blocks = []    # ("p", runs) ("subhead", s) ("quote", s)
        self.parts = []     # ("photo", credit, src, caption)
        self.jump_heads = []


def labels(npages):
    """Page labels: the pages split into up to eight sections, A1.., B1.."""
    nsec = min(len(SECTIONS), npages)
    per = -(-npages // nsec)
    out = []
    for p in range(npages):
        s = p // per
        out.append(("%c%d" % (ord("A") + s, p - s * per + 1), SECTIONS[s]))
    return out


def make_article(r, a, aid, p, k, npages, lead):
    cjk = not lead and r.random() < a.cjk_rate
    art = Article(aid, p, cjk)
    nparas = 36 if lead else max(1, int(r.gauss(a.paras, a.paras / 3)))
    art.kicker = SECTIONS[p * len(SECTIONS) // npages] if r.random() < 0.7 \
        else None
    art.headline = headline(r, cjk)
    if lead or r.random() < 0.5:
        art.deck = sentence(r, cjk).rstrip(".?!。")
    art.byline = "By " + r.choice(NAMES)
    if r.random() < 0.5:
        art.dateline = r.choice(PLACES)
    for j in range(nparas):
        if j and r.random() < 0.08:
            art.blocks.append(("subhead", headline(r, cjk, 50)))
        if j > 2 and r.random() < 0.03:
            art.blocks.append(("quote", sentence(r, cjk)))
        art.blocks.append(("p", paragraph(r, cjk)))
    nphotos = 0
    if lead or r.random() < a.photo_rate:
        nphotos = r.randint(1, 2)
    for n in range(nphotos):
        at = r.randint(0, len(art.blocks))
        art.blocks.insert(at, ("photo", r.choice(NAMES) + " / Synthetic",
                               "photos/%s-%d.jpg" % (aid, n + 1),
                               sentence(r, cjk)))
    # The pages of the parts, in reading order.
    chain = [p]
    if lead and npages >= 3:
        chain += [npages // 2, 1]
    elif lead and npages == 2:
        chain += [1]
    elif not lead and npages > 1 and nparas >= 4 and \
            r.random() < a.jump_rate:
        for _ in range(r.randint(1, 3)):
            last = chain[-1]
            back = [x for x in range(last) if x not in chain]
            fwd = [x for x in range(last + 1, npages) if x not in chain]
            pool = back if back and (not fwd or r.random() < a.back_rate) \
                else fwd
            if not pool:
                break
            # A near page more often than a far one, as in print.
            pool = pool[-8:] if pool is back else pool[:40]
            chain.append(r.choice(pool))
    # Cut the blocks into parts at paragraph boundaries.
    paras = [i for i, b in enumerate(art.blocks) if b[0] == "p" and i]
    ncuts = min(len(chain) - 1, len(paras))
    chain = chain[:ncuts + 1]
    cuts = sorted(r.sample(paras, ncuts)) if ncuts else []
    bounds = [0] + cuts + [len(art.blocks)]
    art.parts = [(chain[i], bounds[i], bounds[i + 1])
                 for i in range(len(chain))]
    art.jump_heads = [headline(r, cjk, 30) for _ in art.parts[1:]]
    return art


def generate(a):
    r = random.Random(a.seed)
    labs = labels(a.pages)
    arts = []
    for p in range(a.pages):
        for k in range(a.articles_per_page):
            lead = p == 0 and k == 0
            aid = "lead" if lead else "p%d-a%d" % (p + 1, k + 1)
            arts.append(make_article(r, a, aid, p, k, a.pages, lead))
    page_photos = {}
    for p in range(a.pages):
        if r.random() < a.photo_rate / 4:
            page_photos[p] = (r.choice(NAMES), sentence(r, False))
    return labs, arts, page_photos


# ---- inline text in each output -------------------------------------------

def runs_xml(runs):
    out = []
    for style, t in runs:
        if not style:
            out.append(escape(t))
        elif style in ("em", "strong"):
            out.append("<%s>%s</%s>" % (style, escape(t), style))
        else:
            out.append("<a href=%s>%s</a>" % (quoteattr(style), escape(t)))
    return "".join(out)


def runs_text(runs):
    return "".join(t for _, t in runs)


def block_xml(b):
    if b[0] == "p":
        return "<p>%s</p>" % runs_xml(b[1])
    if b[0] == "photo":
        return "<photo credit=%s src=%s><caption>%s</caption></photo>" % (
            quoteattr(b[1]), quoteattr(b[2]), escape(b[3]))
    return "<%s>%s</%s>" % (b[0], escape(b[1]), b[0])


def block_html(b):
    if b[0] == "p":
        return "<p>%s</p>" % runs_xml(b[1])
    if b[0] == "photo":
        return ("<figure><img src=%s alt=\"\"><figcaption>%s <small>%s"
                "</small></figcaption></figure>" % (
                    quoteattr(SITE + "/" + b[2]), escape(b[3]),
                    escape(b[1])))
    if b[0] == "subhead":
        return "<h3>%s</h3>" % escape(b[1])
    return "<blockquote>%s</blockquote>" % escape(b[1])


# ---- the edition ----------------------------------------------------------

def write_edition(f, a, labs, arts, page_photos):
    date = "2026-01-%02d" % (a.seed % 28 + 1)
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    f.write('<edition version="1" title="The Synthetic Daily" date="%s" '
            'edition="Seed %d" publisher="gen-edition.py" lang="en">\n'
            % (date, a.seed))
    on_page = [[] for _ in labs]
    for art in arts:
        for i, part in enumerate(art.parts):
            on_page[part[0]].append((art, i))
    for p, (label, section) in enumerate(labs):
        f.write('<page number="%s" section="%s">\n' % (label, section))
        for art, i in on_page[p]:
            pg, lo, hi = art.parts[i]
            x = []
            if i == 0:
                x.append('<article id="%s">' % art.id)
                if art.kicker:
                    x.append("<kicker>%s</kicker>" % escape(art.kicker))
                x.append("<headline>%s</headline>" % escape(art.headline))
                if art.deck:
                    x.append("<deck>%s</deck>" % escape(art.deck))
                x.append("<byline>%s</byline>" % escape(art.byline))
                if art.dateline:
                    x.append("<dateline>%s</dateline>" %
                             escape(art.dateline))
            else:
                x.append('<continuation article="%s" from="%s">' % (
                    art.id, labs[art.parts[i - 1][0]][0]))
                x.append("<headline>%s</headline>" %
                         escape(art.jump_heads[i - 1]))
            x += [block_xml(b) for b in art.blocks[lo:hi]]
            if i + 1 < len(art.parts):
                x.append('<jump to="%s"/>' % labs[art.parts[i + 1][0]][0])
            x.append("</article>" if i == 0 else "</continuation>")
            f.write("\n".join(x) + "\n")
        if p in page_photos:
            credit, caption = page_photos[p]
            f.write('<photo credit=%s><caption>%s</caption></photo>\n' % (
                quoteattr(credit), escape(caption)))
        f.write("</page>\n")
    f.write("</edition>\n")


# ---- the twins --------------------------------------------------------------

def article_html(art):
    x = ["<article id=%s>" % quoteattr(art.id)]
    if art.kicker:
        x.append("<p><small>%s</small></p>" % escape(art.kicker))
    x.append("<h2>%s</h2>" % escape(art.headline))
    if art.deck:
        x.append("<p><em>%s</em></p>" % escape(art.deck))
    x.append("<p>%s%s</p>" % (escape(art.byline), " &mdash; " +
                              escape(art.dateline) if art.dateline else ""))
    x += [block_html(b) for b in art.blocks]
    x.append("</article>")
    return "\n".join(x)


def write_rss(f, a, labs, arts):
    day = a.seed % 28 + 1
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
            '<title>The Synthetic Daily</title>\n<link>%s/</link>\n'
            '<description>Seed %d, the RSS twin of an edition made by '
            'gen-edition.py</description>\n<language>en</language>\n'
            % (SITE, a.seed))
    start = datetime.datetime(2026, 1, day, 23, 59, 59)
    for n, art in enumerate(arts):
        # Newest first, a second apart, so readers list the edition's order.
        t = start - datetime.timedelta(seconds=n)
        stamp = "%s, %02d %s %d %s +0000" % (
            DAYS[t.weekday()], t.day, MONTHS[t.month - 1], t.year,
            t.strftime("%H:%M:%S"))
        f.write("<item>\n<title>%s</title>\n<link>%s/%s</link>\n"
                '<guid isPermaLink="false">%s</guid>\n'
                "<category>%s</category>\n<dc:creator>%s</dc:creator>\n"
                "<pubDate>%s</pubDate>\n" % (
                    escape(art.headline), SITE, art.id, art.id,
                    labs[art.page][1], escape(art.byline[3:]), stamp))
        if art.deck:
            f.write("<description>%s</description>\n" % escape(art.deck))
        body = article_html(art).replace("]]>", "]]]]><![CDATA[>")
        f.write("<content:encoded><![CDATA[%s]]></content:encoded>\n"
                "</item>\n" % body)
    f.write("</channel>\n</rss>\n")


def fold(s, width):
    if not width:
        return s
    return "\n".join(textwrap.wrap(s, width, break_on_hyphens=False)) or s


def write_text(f, a, arts):
    for art in arts:
        x = []
        if art.kicker:
            x.append(art.kicker.upper())
        x.append(fold(art.headline, a.wrap))
        if art.deck:
            x.append(fold(art.deck, a.wrap))
        x.append(art.byline)
        x.append("")
        first = True
        for b in art.blocks:
            if b[0] == "p":
                t = runs_text(b[1])
                if first and art.dateline:
                    t = art.dateline + " — " + t
                first = False
                x.append(fold(t, a.wrap))
            elif b[0] == "photo":
                x.append(fold("[Photo: %s (%s)]" % (b[3], b[1]), a.wrap))
            elif b[0] == "subhead":
                x.append(b[1].upper())
            else:
                x.append(fold("    “%s”" % b[1], a.wrap))
            x.append("")
        f.write("\n".join(x) + "\n")


def write_html(f, arts):
    f.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<title>The Synthetic Daily</title></head><body>\n')
    for art in arts:
        f.write(article_html(art) + "\n")
    f.write("</body></html>\n")


def main():
    ap = argparse.ArgumentParser(description="a synthetic edition and its "
                                 "twins (RSS, text, HTML)")
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--articles-per-page", type=int, default=5)
    ap.add_argument("--paras", type=int, default=8,
                    help="mean body paragraphs an article")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jump-rate", type=float, default=0.3)
    ap.add_argument("--back-rate", type=float, default=0.25,
                    help="share of jumps to an earlier page")
    ap.add_argument("--photo-rate", type=float, default=0.4)
    ap.add_argument("--cjk-rate", type=float, default=0.05)
    ap.add_argument("-o", "--output", help="the edition (default stdout)")
    ap.add_argument("--rss", help="write the RSS 2.0 twin here")
    ap.add_argument("--text", help="write the articles as plain text here")
    ap.add_argument("--html", help="write the articles as HTML here")
    ap.add_argument("--only", metavar="ID",
                    help="--text and --html: that article only")
    ap.add_argument("--wrap", type=int, default=0,
                    help="--text: fold paragraphs at this width")
    ap.add_argument("--manifest", help="write each article's parts here")
    a = ap.parse_args()
    if a.pages < 1 or a.articles_per_page < 1:
        ap.error("--pages and --articles-per-page must be at least 1")
    labs, arts, page_photos = generate(a)
    some = [x for x in arts if not a.only or x.id == a.only]
    if a.only and not some:
        ap.error("no article %r" % a.only)

    def out(path, fn):
        if path in (None, "-"):
            fn(sys.stdout)
            return
        with open(path, "w", encoding="utf-8") as f:
            fn(f)

    if a.output or not (a.rss or a.text or a.html or a.manifest):
        out(a.output, lambda f: write_edition(f, a, labs, arts, page_photos))
    if a.rss:
        out(a.rss, lambda f: write_rss(f, a, labs, arts))
    if a.text:
        out(a.text, lambda f: write_text(f, a, some))
    if a.html:
        out(a.html, lambda f: write_html(f, some))
    if a.manifest:
        man = {x.id: {"pages": [labs[p][0] for p, _, _ in x.parts],
                      "paragraphs": sum(1 for b in x.blocks if b[0] == "p"),
                      "words": sum(len(runs_text(b[1]).split())
                                   for b in x.blocks if b[0] == "p"),
                      "headline": x.headline} for x in arts}
        out(a.manifest, lambda f: json.dump(man, f, indent=1,
                                            ensure_ascii=False))


if __name__ == "__main__":
    main()
