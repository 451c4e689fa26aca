#!/usr/bin/env python3
"""Conformance run of folio's importers over ../shared/corpora (issue 8).

Every XML file of the suites below goes through tests/conform (which loads
each in a child process and prints one JSON line a file).  Per suite we
count the files loaded, rejected (with an error naming a line, or not),
misread, and crashed, hung or leaking.  For feedparser the files' `Expect:`
lines are turned into checks where they translate to folio's model (feed
title, entry count, entry titles, authors, links, language, bodies, bozo),
and the files whose checks all pass are counted.

    tests/conformance.py [--conform tests/conform] [--floor N] [CORPORA]

CORPORA defaults to $srcdir/../shared/corpora; when it is missing the run
is skipped (exit 77).  The details of every failure go to
tests/conformance-failures.txt (--failures); --raw keeps every file's
result.  Exits 1 when a file crashed, hung or leaked, or when fewer
feedparser files passed than --floor.

What is compared, and where folio legitimately differs from feedparser:
 - Strings are compared after collapsing whitespace (folio collapses it
   as HTML does; feedparser keeps it).  U+00A0 is not whitespace here.
 - folio strips markup from titles and stores text, not HTML: a title or
   author that matches once the expected HTML is turned into text (tags
   dropped, entities decoded) counts as "differs (model)", not failed; so
   does feedparser's "name (email)" for an author folio gives as the name.
 - Bodies (description, summary, content) are compared as text: the
   expected HTML's text (images as folio shows them, "[alt]") against
   the article's blocks, all whitespace ignored.  folio keeps one body an
   article, where feedparser keeps summary and content apart.
 - folio needs something to show: a feed with neither title nor items is
   rejected, and a feed without a title is named after its file; checks
   that only fail for that are "differs (model)" too.
 - bozo: folio's counterpart is any error, or a warning about the XML or
   its encoding (the model's own warnings, such as "the feed has no
   items", do not count).
 - Files with `Header:` lines, or named http_*, stand for documents
   fetched over HTTP (headers, a document URL) that a file does not have:
   not translated.  Neither are terms about fields folio has no place for
   (feed links, ids, dates, tags, enclosures, encodings...).
 - feedparser's entry order is the document's: folio's articles are
   sorted by the line where they start.

For the other suites, "misread" is a judgement: a file that loads with no
entry though it has items or entries, or with no text though it has an
NITF body, inline NewsML content, NewsML 1 data, ALTO strings or a METS
issue.  feedvalidator's `Expect: !Error` files (valid feeds) must load;
IPTC's should_fail files (schema-invalid) may load or be rejected.
"""

import argparse
import ast
import html
import html.parser
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

# (name, folder under the corpora, kind).  The last three are not named by
# issue 8: they are run for crashes and counts only.
SUITES = [
    ("feedparser/wellformed", "feedparser/tests/wellformed", "feedparser"),
    ("feedparser/illformed", "feedparser/tests/illformed", "feedparser"),
    ("feedparser/encoding", "feedparser/tests/encoding", "feedparser"),
    ("feedparser/entities", "feedparser/tests/entities", "feedparser"),
    ("feedvalidator", "feedvalidator/testcases", "feedvalidator"),
    ("iptc-newsml-g2", "iptc-newsml-g2", "iptc"),
    ("superdesk", "superdesk-core-fixtures", "generic"),
    ("dti-nitf", "dti-nitf", "generic"),
    ("bl-mets-alto", "bl-mets-alto", "generic"),
    ("(feedparser/docs)", "feedparser/docs", "generic"),
    ("(condenast-pam)", "condenast-pam", "generic"),
    ("(own-examples)", "own-examples", "generic"),
]

SKIP_EXT = {".xsd", ".json", ".md", ".txt", ".dtd", ".py", ".sh"}


def is_xml_file(path):
    """An XML file of a corpus: .xml or .rdf, or no extension and '<'
    first (superdesk's Reuters fixtures have no extension)."""
    base = os.path.basename(path)
    ext = os.path.splitext(base)[1].lower()
    if ext in (".xml", ".rdf"):
        return True
    if ext in SKIP_EXT or base in ("LICENSE", "SOURCE.txt"):
        return False
    if ext and not re.match(r"^\.[\w-]+$", ext):
        ext = ""
    try:
        with open(path, "rb") as f:
            head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return not ext and head.startswith(b"<")


def walk(root):
    out = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(d, f)
            if is_xml_file(p):
                out.append(p)
    return out


def run_conform(conform, corpora, files, jobs):
    """tests/conform over files (relative to corpora), in jobs batches run
    side by side.  Returns {file: result}."""
    results = {}
    if not files:
        return results
    n = max(1, min(jobs, len(files)))
    batches = [files[i::n] for i in range(n)]

    def one(batch):
        p = subprocess.run([conform], input="\n".join(batch).encode() +
                           b"\n", cwd=corpora, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        return p.stdout, p.stderr

    with ThreadPoolExecutor(n) as ex:
        for out, err in ex.map(one, batches):
            for line in out.decode("utf-8", "replace").splitlines():
                try:
                    r = json.loads(line)
                except ValueError:
                    sys.stderr.write("conformance: bad line from conform: "
                                     "%.200s\n" % line)
                    continue
                results[r["file"]] = r
            if err.strip():
                sys.stderr.write(err.decode("utf-8", "replace"))
    return results


# ---------------------------------------------------------------- text

WS = re.compile(r"[ \t\n\r\f\v]+")


def norm(s):
    """Whitespace collapsed as folio does (U+00A0 kept)."""
    return WS.sub(" ", s or "").strip(" ")


BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "blockquote", "h1", "h2",
              "h3", "h4", "h5", "h6", "pre", "table", "tr", "td", "th",
              "dl", "dt", "dd", "hr", "section", "article", "figure",
              "figcaption", "header", "footer", "address"}
DROP_TAGS = {"script", "style", "iframe", "object", "embed", "noscript",
             "head", "title", "form", "select", "textarea", "applet"}


class _Text(html.parser.HTMLParser):
    def __init__(self, alt):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.drop = 0
        self.alt = alt

    def handle_starttag(self, tag, attrs):
        if tag in DROP_TAGS:
            self.drop += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "img" and self.alt and not self.drop:
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(" [%s] " % alt)

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "img":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in DROP_TAGS:
            self.drop = max(0, self.drop - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.drop:
            self.parts.append(data)


def html_text(s, alt=False):
    """The text of a string of HTML: tags dropped (with what scripts and
    styles hold), entities decoded, whitespace collapsed; with alt, an
    image's alt text in brackets, as folio shows it in a body."""
    p = _Text(alt)
    try:
        p.feed(s or "")
        p.close()
    except Exception:  # HTMLParser is lenient; be safe anyway
        return norm(html.unescape(re.sub(r"<[^>]*>", " ", s or "")))
    return norm("".join(p.parts))


def squeeze(s):
    """No whitespace at all: for bodies, whose block breaks differ."""
    return re.sub(r"\s+", "", s or "")


# ---------------------------------------------------- feedparser's Expect

EXPECT_RE = re.compile(r"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->")
BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be")]
NULLS = [(b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
         (b"\x00<\x00", "utf-16-be"), (b"<\x00", "utf-16-le")]


def decode_test(data):
    """A feedparser test file's bytes as text, for its comment only."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    for head, enc in NULLS:
        if data.startswith(head):
            return data.decode(enc, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = re.search(rb"encoding=[\"']([\w.:-]+)", data[:200])
    if m:
        try:
            return data.decode(m.group(1).decode(), "replace")
        except LookupError:
            pass
    return data.decode("latin-1")


def subscript_path(node):
    """feed['a'][0]['b'] or feed.a as ['feed', 'a', 0, 'b'], else None."""
    path = []
    while True:
        if isinstance(node, ast.Subscript):
            k = node.slice
            if isinstance(k, ast.Index):  # Python < 3.9
                k = k.value
            if not isinstance(k, ast.Constant):
                return None
            path.append(k.value)
            node = node.value
        elif isinstance(node, ast.Attribute):
            path.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            path.append(node.id)
            return path[::-1]
        else:
            return None


# Field paths folio has a place for: (root, path after it) -> field.
FEED_FIELDS = {
    ("title",): "feed_title",
    ("title_detail", "value"): "feed_title",
    ("language",): "lang",
}
ENTRY_FIELDS = {
    ("title",): "title",
    ("title_detail", "value"): "title",
    ("author",): "author",
    ("author_detail", "name"): "author",
    ("link",): "link",
    # The body: folio keeps one text an article, not feedparser's several.
    ("description",): "body",
    ("summary",): "body",
    ("summary_detail", "value"): "body",
    ("content", 0, "value"): "body",
}


class Check:
    def __init__(self, text, field, expected, negate=False, index=None):
        self.text = text          # the term as written
        self.field = field        # bozo, count, feed_title, lang, title...
        self.expected = expected
        self.negate = negate
        self.index = index        # the entry, for entry fields


def translate_term(node, src):
    """A Check for one term of an Expect, or None when it does not
    translate."""
    text = ast.get_source_segment(src, node) or ast.dump(node)
    if isinstance(node, ast.Name) and node.id == "bozo":
        return Check(text, "bozo", True)
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) and
            isinstance(node.operand, ast.Name) and node.operand.id == "bozo"):
        return Check(text, "bozo", False)
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and
            isinstance(node.ops[0], (ast.Eq, ast.NotEq))):
        return None
    negate = isinstance(node.ops[0], ast.NotEq)
    try:
        expected = ast.literal_eval(node.comparators[0])
    except (ValueError, SyntaxError, TypeError):
        return None
    left = node.left
    if (isinstance(left, ast.Call) and isinstance(left.func, ast.Name) and
            left.func.id == "len" and len(left.args) == 1 and
            isinstance(left.args[0], ast.Name) and
            left.args[0].id == "entries" and isinstance(expected, int)):
        return Check(text, "count", expected, negate)
    path = subscript_path(left)
    if not path or not isinstance(expected, str):
        return None
    if path[0] == "feed" and tuple(path[1:]) in FEED_FIELDS:
        return Check(text, FEED_FIELDS[tuple(path[1:])], expected, negate)
    if (path[0] == "entries" and len(path) > 2 and
            isinstance(path[1], int) and
            tuple(path[2:]) in ENTRY_FIELDS):
        return Check(text, ENTRY_FIELDS[tuple(path[2:])], expected, negate,
                     path[1])
    return None


def feedparser_expect(path):
    """(checks, why): the file's checks, or None and why it has none.
    checks may be partial: a list holding None for terms that do not
    translate."""
    with open(path, "rb") as f:
        text = decode_test(f.read())
    m = EXPECT_RE.search(text)
    if not m:
        return None, "no Expect"
    head = text[:m.end()]
    if (re.search(r"^\s*Header:", head, re.M) or
            os.path.basename(path).startswith("http")):
        return None, "HTTP headers"
    expr = m.group(2).strip()
    try:
        tree = ast.parse(expr, mode="eval").body
    except SyntaxError:
        return None, "not Python 3"
    terms = (tree.values if isinstance(tree, ast.BoolOp) and
             isinstance(tree.op, ast.And) else [tree])
    return [translate_term(t, expr) for t in terms], None


# Warnings about the model, not about the XML: no bozo.
MODEL_WARNINGS = re.compile(r"the feed has no items|a link that is not "
                            r"http|an edition offered|^(\d+:\d+: )?article")


def folio_bozo(r):
    if r.get("status") or r.get("nerrors"):
        return True
    ws = r.get("first_warnings", [])
    if r.get("warnings", 0) > len(ws):
        return True
    return any(not MODEL_WARNINGS.search(w) for w in ws)


def rejected_empty(r):
    return any("no title and no items" in e for e in r.get("errors", []))


def evaluate(c, r, path):
    """'pass', 'model' (differs as folio's model does on purpose) or
    'fail', and what folio gave."""
    entries = r.get("entries")
    if c.field == "bozo":
        got = folio_bozo(r)
        if got == c.expected:
            return "pass", got
        if not c.expected and rejected_empty(r):
            return "model", "rejected: no title and no items"
        return "fail", got
    if entries is None:
        # Rejected as empty: right when what was expected is no text.
        if rejected_empty(r) and (c.field in ("lang", "count") or
                                  not html_text(c.expected)):
            return "model", "rejected: no title and no items"
        return "fail", "not loaded"
    if c.field == "count":
        got = len(entries)
        ok = (got == c.expected) != c.negate
        return ("pass" if ok else "fail"), got
    made_up = False
    if c.field == "feed_title":
        got = r.get("title")
        made_up = got == os.path.basename(path)
    elif c.field == "lang":
        got = r.get("lang") or ""
        ok = (got.lower() == norm(c.expected).lower()) != c.negate
        return ("pass" if ok else "fail"), got
    elif c.index >= len(entries):
        return "fail", "no entry %d" % c.index
    elif c.field == "body":
        got = entries[c.index].get("text") or ""
        ok = (squeeze(got) in (squeeze(html_text(c.expected, True)),
                               squeeze(c.expected))) != c.negate
        return ("pass" if ok else "fail"), got
    else:
        got = entries[c.index].get(c.field)
    got = got or ""
    ok = (got == norm(c.expected)) != c.negate
    if ok:
        return "pass", got
    if not c.negate:
        if got == html_text(c.expected):
            return "model", got
        if made_up and not html_text(c.expected):
            return "model", got
        # feedparser writes an author "name (email)"; folio the name
        m = re.match(r"^(.*) \(([^()]*@[^()]*)\)$", norm(c.expected))
        if c.field == "author" and m and got == m.group(1):
            return "model", got
    return "fail", got


# ----------------------------------------------------------- the others

ITEM_RE = re.compile(rb"<(?:\w+:)?(?:item|entry)[\s>/]")
# Elements whose text is a story: NITF's body, NewsML-G2's inline
# content, NewsML 1's data, ALTO's strings (in CONTENT=, so any will do).
TEXT_RE = re.compile(rb"<((?:\w+:)?(?:body\.content|inlineXML|inlineData|"
                     rb"DataContent))(?:\s[^>]*)?>(.*?)</\1\s*>", re.S)
ALTO_RE = re.compile(rb"<(?:\w+:)?String\s[^>]*CONTENT=\"[^\"]*\w")
METS_RE = re.compile(rb"<(?:\w+:)?mets[\s>]")


def stories(path):
    """What the file plainly holds: ("text", 1) for an NITF body, inline
    NewsML content or NewsML 1 data with words in it, ALTO strings or a
    METS issue; ("items", n) for a feed's items or entries; else None."""
    try:
        with open(path, "rb") as f:
            data = f.read(4 << 20)
    except OSError:
        return None
    data = re.sub(rb"<!--.*?-->", b"", data, flags=re.S)
    for m in TEXT_RE.finditer(data):
        if re.search(rb"\w", re.sub(rb"<[^>]*>", b"", m.group(2))):
            return ("text", 1)
    if ALTO_RE.search(data) or METS_RE.search(data):
        return ("text", 1)
    n = len(ITEM_RE.findall(data))
    return ("items", n) if n else None


def misread_why(r, path):
    """Why a loaded file counts as misread, or None: no entry from a feed
    with items, or no text from a file with stories."""
    what = stories(path)
    if not what:
        return None
    es = r.get("entries") or []
    text = sum(e.get("text_len", 0) for e in es)
    if what[0] == "items" and not es:
        return "%d items or entries in the file, folio read none" % what[1]
    if what[0] == "text" and not text:
        return "the file holds text, folio read %d entries and no text" % (
            len(es))
    return None


def feedvalidator_expect(path):
    with open(path, "rb") as f:
        m = re.search(rb"Expect:\s*(!?)(\w+)", f.read(4096))
    return (m.group(1) + m.group(2)).decode() if m else None


# ---------------------------------------------------------------- main

def status_of(r):
    """crashed, hung, leaked, loaded, rejected (line named) or rejected
    (no line)."""
    if "status" not in r:
        return "hung" if r.get("signal") == 14 else "crashed"
    if r.get("exit") == 23:
        return "leaked"
    if r["status"] == 0:
        return "loaded"
    errs = r.get("errors") or []
    if errs and re.match(r"\d+:\d+: ", errs[0]):
        return "rejected"
    return "rejected-noline"


def describe(r):
    if "status" not in r:
        how = ("hung (over 10 s)" if r.get("signal") == 14 else
               "signal %d" % r["signal"] if r.get("signal") else
               "exit %d" % r.get("exit"))
        s = how
        if r.get("alone"):
            s += " (not alone: only after other files)"
        if r.get("stderr"):
            s += "\n      " + r["stderr"].strip().replace("\n", "\n      ")
        return s
    if r["status"]:
        return "rejected (%d): %s" % (r["status"], "; ".join(
            r.get("errors", [])[:2]) or "no message")
    es = r.get("entries", [])
    return "loaded: title %r, %d entries%s" % (
        r.get("title"), len(es), "; warnings: " + "; ".join(
            r["first_warnings"][:2]) if r.get("first_warnings") else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="?", default=os.path.join(
        os.environ.get("srcdir", "."), "..", "shared", "corpora"))
    ap.add_argument("--conform", default=os.path.join(
        os.environ.get("top_builddir", "."), "tests", "conform"))
    ap.add_argument("--failures", default=os.path.join(
        os.environ.get("top_builddir", "."), "tests",
        "conformance-failures.txt"))
    ap.add_argument("--raw", help="write every file's result (JSON lines)")
    ap.add_argument("--floor", type=int, default=0,
                    help="fail when fewer feedparser checks pass")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1))
    a = ap.parse_args()

    if not os.path.isdir(a.corpora):
        print("conformance: %s not found: skipped" % a.corpora)
        return 77
    corpora = os.path.abspath(a.corpora)
    conform = os.path.abspath(a.conform)
    t0 = time.time()

    suite_files = []
    for name, sub, kind in SUITES:
        root = os.path.join(corpora, sub)
        files = [os.path.relpath(p, corpora) for p in walk(root)]
        suite_files.append((name, kind, files))
    every = [f for _, _, fs in suite_files for f in fs]
    results = run_conform(conform, corpora, every, a.jobs)
    if a.raw:
        with open(a.raw, "w", encoding="utf-8") as f:
            for p in every:
                f.write(json.dumps(results.get(p, {"file": p})) + "\n")

    cols = ["files", "loaded", "rejected", "rejected-noline", "misread",
            "crashed", "hung", "leaked"]
    rows = []
    notes = []
    fails = []        # (suite, file, lines)
    fp = {"files": 0, "translated": 0, "passed": 0, "model": 0,
          "failed": 0, "partial": 0, "partial_failed": 0, "headers": 0,
          "untranslated": 0, "checks": 0, "checks_passed": 0,
          "checks_model": 0, "checks_failed": 0}
    by_field = {}     # field -> {pass, model, fail}
    bad = 0
    for name, kind, files in suite_files:
        n = dict.fromkeys(cols, 0)
        extra = {}
        for f in files:
            r = results.get(f, {"file": f, "signal": -1, "exit": -1,
                                "stderr": "no line from conform"})
            st = status_of(r)
            n["files"] += 1
            n[st] += 1
            if st in ("crashed", "hung", "leaked"):
                bad += 1
                fails.append((name, f, [st + ": " + describe(r)]))
                continue
            path = os.path.join(corpora, f)
            lines = []
            misread = False
            if kind == "feedparser":
                fp["files"] += 1
                checks, why = feedparser_expect(path)
                if checks is None:
                    fp["headers" if why == "HTTP headers"
                       else "untranslated"] += 1
                else:
                    real = [c for c in checks if c is not None]
                    full = len(real) == len(checks)
                    if not full and not any(c.field != "bozo"
                                            for c in real):
                        fp["untranslated"] += 1
                        real = []
                    elif full:
                        fp["translated"] += 1
                    else:
                        fp["partial"] += 1
                    verdicts = []
                    for c in real:
                        v, got = evaluate(c, r, path)
                        verdicts.append(v)
                        fp["checks"] += 1
                        fp["checks_" + {"pass": "passed", "model": "model",
                                        "fail": "failed"}[v]] += 1
                        by_field.setdefault(c.field, {"pass": 0, "model": 0,
                                                      "fail": 0})[v] += 1
                        if v != "pass":
                            lines.append("%s: %s, folio gives %r" % (
                                "FAIL" if v == "fail" else "differs (model)",
                                c.text, got))
                    if real:
                        failed = "fail" in verdicts
                        if full:
                            if failed:
                                fp["failed"] += 1
                            elif "model" in verdicts:
                                fp["model"] += 1
                            else:
                                fp["passed"] += 1
                        elif failed:
                            fp["partial_failed"] += 1
                        misread = failed and st == "loaded"
            elif kind == "feedvalidator":
                exp = feedvalidator_expect(path)
                if exp == "!Error":
                    extra["valid"] = extra.get("valid", 0) + 1
                    if st != "loaded":
                        extra["valid_rejected"] = extra.get(
                            "valid_rejected", 0) + 1
                        lines.append("FAIL: Expect !Error (a valid feed) "
                                     "but " + describe(r))
            elif kind == "iptc" and "/should_fail/" in f:
                extra["should_fail"] = extra.get("should_fail", 0) + 1
            if kind != "feedparser" and st == "loaded":
                why = misread_why(r, path)
                if why:
                    misread = True
                    lines.append("MISREAD: " + why)
            if st != "loaded" and kind != "feedparser" and stories(path):
                extra["stories_rejected"] = extra.get(
                    "stories_rejected", 0) + 1
                if not lines:
                    lines.append("REJECTED, has stories: " + describe(r))
            if misread:
                n["misread"] += 1
            if lines:
                fails.append((name, f, [describe(r)] + lines))
        rows.append((name, n))
        if extra.get("valid"):
            notes.append("%s: %d of the %d `Expect: !Error` (valid) files "
                         "rejected" % (name, extra.get("valid_rejected", 0),
                                       extra["valid"]))
        if extra.get("stories_rejected"):
            notes.append("%s: %d rejected files plainly hold stories" % (
                name, extra["stories_rejected"]))
        if extra.get("should_fail"):
            notes.append("%s: %d should_fail files (schema-invalid: "
                         "loading or rejecting both fine)" % (
                             name, extra["should_fail"]))

    # The report.
    heads = ["suite", "files", "loaded", "rejected", "(no line)", "misread",
             "crashed", "hung", "leaked"]
    w0 = max(len(x[0]) for x in rows + [("suite",)])
    fmt = "%-*s" + " %9s" * (len(heads) - 1)
    print(fmt % ((w0,) + tuple(heads)))
    tot = dict.fromkeys(cols, 0)
    for name, n in rows:
        print(fmt % ((w0, name) + tuple(n[c] for c in cols)))
        for c in cols:
            tot[c] += n[c]
    print(fmt % ((w0, "total") + tuple(tot[c] for c in cols)))
    print()
    print("rejected: the error names a line; (no line): it does not.  "
          "misread: loaded,\nbut a translated check failed (feedparser) "
          "or no entry or no text from a\nfile that plainly holds "
          "stories (the others).  Suites in () are not named\nby issue 8.")
    for s in notes:
        print("  " + s)
    print()
    print("feedparser: %d files; %d translated: %d passed, %d differ only "
          "as folio's model\ndoes, %d failed; %d partly translated (%d with "
          "a failed check); %d with\nHTTP headers and %d with terms folio "
          "has no place for, not translated." % (
              fp["files"], fp["translated"], fp["passed"], fp["model"],
              fp["failed"], fp["partial"], fp["partial_failed"],
              fp["headers"], fp["untranslated"]))
    print("feedparser checks (terms): %d, %d passed, %d differ (model), "
          "%d failed" % (fp["checks"], fp["checks_passed"],
                         fp["checks_model"], fp["checks_failed"]))
    print("  by field: " + ", ".join(
        "%s %d/%d/%d" % (f, v["pass"], v["model"], v["fail"])
        for f, v in sorted(by_field.items())) + "  (passed/model/failed)")
    print("conformance: %d files in %.1f s; failures in %s" % (
        len(every), time.time() - t0, a.failures))

    os.makedirs(os.path.dirname(os.path.abspath(a.failures)), exist_ok=True)
    with open(a.failures, "w", encoding="utf-8") as f:
        f.write("# folio conformance run: what failed, file by file.\n"
                "# corpora: %s\n" % corpora)
        for suite, file, lines in fails:
            f.write("%s: %s\n" % (suite, file))
            for x in lines:
                f.write("    %s\n" % x)

    status = 0
    if bad:
        print("FAIL: %d files crashed, hung or leaked (see %s)" % (
            bad, a.failures))
        status = 1
    if fp["passed"] < a.floor:
        print("FAIL: %d feedparser files pass, fewer than the floor %d" % (
            fp["passed"], a.floor))
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
