"""How long and how deep the pieces of a feed may be before we stop reading them.

A feed is hostile input, and its size cap (15 MiB) does not bound the cost of its pieces: the
HTML sanitizer (html5ever, through nh3) takes time quadratic in nesting depth — 100,000
nested ``<div>`` (1.1 MB) cost 98 s — and Qt lays out an unbroken run of characters in time
quadratic in its length — a 1 MiB title froze the reader for two minutes. So, at parse time:

* a title keeps ``MAX_TITLE_CHARS`` characters;
* an entry's HTML (or text) is read up to ``MAX_ENTRY_CHARS`` characters;
* elements nested deeper than ``MAX_DEPTH`` lose their tags (their text is kept).

Each cut is noted so the source shows a warning; nothing is cut silently. Real content stays
well inside these bounds: long-read articles are 20–200 KB of HTML nested 10–20 deep.

Before anything is shown, ``breakable`` puts break opportunities (U+200B) into runs of text
longer than ``MAX_RUN`` characters, so a text layout never meets an unbreakable megabyte.
"""

from __future__ import annotations

import re
from collections import Counter

MAX_TITLE_CHARS = 500
MAX_ENTRY_CHARS = 512 * 1024
MAX_DEPTH = 100
MAX_RUN = 200
# What a reader shows of one item (Qt lays a 640 KB paragraph out in a second, 160 KB in a
# fifth); the whole item stays searchable. Stored items are bounded at parse time, but a
# database written by an older version (or another program) may hold anything.
MAX_DISPLAY_CHARS = 256 * 1024

# Notes collected while parsing one feed; ``warning_for`` words them for the source.
CUT_TITLE = "title"
CUT_CONTENT = "content"
FLATTENED = "depth"

# HTML's void elements never nest; everything else does until it is closed, explicitly or
# (for the elements with optional end tags) by its next sibling.
VOID = frozenset({"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr",
                  "image", "img", "input", "keygen", "link", "meta", "param", "source",
                  "track", "wbr"})
# An opening tag of these closes the nearest open element named (and whatever is open inside
# it), unless a boundary element comes first: the HTML parsing algorithm's implied end tags,
# simplified to what keeps a depth count honest.
_CLOSES: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
_P_CLOSERS = ("address article aside blockquote details dialog div dl fieldset figcaption figure "
              "footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section "
              "table ul").split()
for _name in _P_CLOSERS:
    _CLOSES[_name] = (frozenset({"p"}), frozenset({"td", "th", "table", "button", "body"}))
_CLOSES["li"] = (frozenset({"li"}), frozenset({"ul", "ol", "menu"}))
_CLOSES["dt"] = _CLOSES["dd"] = (frozenset({"dt", "dd"}), frozenset({"dl"}))
_CLOSES["tr"] = (frozenset({"tr"}), frozenset({"table", "tbody", "thead", "tfoot"}))
_CLOSES["td"] = _CLOSES["th"] = (frozenset({"td", "th"}), frozenset({"tr", "table"}))
for _name in ("tbody", "thead", "tfoot"):
    _CLOSES[_name] = (frozenset({"tbody", "thead", "tfoot"}), frozenset({"table"}))
_CLOSES["option"] = (frozenset({"option"}), frozenset({"select", "datalist"}))
# Elements the sanitizer removes with everything inside: never flattened (that would turn a
# script into visible text) and never counted (their content is not markup).
RAW_TEXT = frozenset({"script", "style"})
BLOCK = frozenset(_P_CLOSERS) | {"li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot"}

# A tag as a depth count needs it: no attribute parsing (a ``>`` inside a quoted value ends
# the match early, which only leaves some text behind for the sanitizer). Bounded so a
# hostile run of ``<a`` without ``>`` costs linear time.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})[^<>]{0,4000}?(/?)>")
_LONG_RUN = re.compile(rf"[^\s<>&\u200b]{{{MAX_RUN + 1},}}")


def cut_text(text: str, limit: int, notes: set[str] | None, note: str) -> str:
    """``text`` up to ``limit`` characters, an ellipsis marking the cut; the cut is noted."""
    if len(text) <= limit:
        return text
    if notes is not None:
        notes.add(note)
    return text[:limit - 1].rstrip() + "…"


def cut_html(raw: str, limit: int = MAX_ENTRY_CHARS, notes: set[str] | None = None) -> str:
    """The first ``limit`` characters of an HTML fragment, not ending inside a tag.

    The sanitizer that follows closes whatever was left open.
    """
    if len(raw) <= limit:
        return raw
    if notes is not None:
        notes.add(CUT_CONTENT)
    head = raw[:limit]
    lt = head.rfind("<")
    if lt > limit - 4096 and head.find(">", lt) < 0:  # cut inside a tag: drop the tag
        head = head[:lt]
    return head + " …"


def limit_depth(raw: str, max_depth: int = MAX_DEPTH, notes: set[str] | None = None) -> str:
    """``raw`` with the tags of elements nested deeper than ``max_depth`` removed.

    A linear pass over the tags with a stack of open elements that applies HTML's implied
    end tags (``<p>``, ``<li>``, table parts...), so flat documents written with optional end
    tags keep all of theirs. Text is never removed; a dropped block-level tag leaves a space
    so words on both sides stay apart. What comes out still goes through the sanitizer.
    """
    if raw.count("<") <= max_depth:  # too few tags to nest that deep: the common case
        return raw
    stack = _OpenElements()
    dropped: Counter[str] = Counter()
    out: list[str] = []
    position = 0
    for match in _TAG.finditer(raw):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        keep = True
        if name in RAW_TEXT:
            continue
        if closing:
            if dropped[name]:  # the innermost opens were dropped: so are their closes
                dropped[name] -= 1
                keep = False
            else:
                stack.close(name)
        elif name not in VOID and not self_closing:
            stack.close_implied(name)
            if len(stack.names) >= max_depth:
                dropped[name] += 1
                keep = False
            else:
                stack.open(name)
        if not keep:
            out.append(raw[position:match.start()])
            out.append(" " if name in BLOCK else "")
            position = match.end()
    if position == 0:
        return raw
    if notes is not None:
        notes.add(FLATTENED)
    out.append(raw[position:])
    return "".join(out)


class _OpenElements:
    """The stack of open elements, with a count per name so "is a <p> open?" costs nothing."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.count: Counter[str] = Counter()

    def open(self, name: str) -> None:
        self.names.append(name)
        self.count[name] += 1

    def close(self, name: str) -> None:
        """Close ``name`` and everything opened inside it; a stray close tag does nothing."""
        if self.count[name]:
            self._pop_to(len(self.names) - 1 - self.names[::-1].index(name))

    def close_implied(self, name: str) -> None:
        rule = _CLOSES.get(name)
        if rule is None or not any(self.count[c] for c in rule[0]):
            return
        closes, boundary = rule
        for index in range(len(self.names) - 1, -1, -1):
            if self.names[index] in closes:
                self._pop_to(index)
                return
            if self.names[index] in boundary:
                return

    def _pop_to(self, index: int) -> None:
        for name in self.names[index:]:
            self.count[name] -= 1
        del self.names[index:]


def displayable(html: str) -> tuple[str, bool]:
    """Stored HTML made safe to lay out on the GUI thread: at most ``MAX_DISPLAY_CHARS``
    characters, nested at most ``MAX_DEPTH`` deep, long runs breakable. Linear time.

    Returns the HTML and whether it was cut short (the reader then says so).
    """
    notes: set[str] = set()
    bounded = limit_depth(cut_html(html, MAX_DISPLAY_CHARS, notes))
    return breakable(bounded), CUT_CONTENT in notes


def breakable(html: str) -> str:
    """Sanitized HTML with a zero-width space every ``MAX_RUN`` characters of unbroken text,
    so a layout engine can wrap it (Qt's line layout is quadratic in a run's length).

    Only text between tags is touched (the input is the sanitizer's output, where ``<`` and
    ``>`` in text are escaped), never a tag or an attribute.
    """
    if len(html) <= MAX_RUN or not _LONG_RUN.search(html):
        return html
    parts = re.split(r"(<[^>]*>)", html)
    for index in range(0, len(parts), 2):  # even indexes are text, odd ones tags
        if len(parts[index]) > MAX_RUN:
            parts[index] = _LONG_RUN.sub(_break_run, parts[index])
    return "".join(parts)


def break_text(text: str) -> str:
    """Plain text with the same break opportunities as ``breakable`` gives HTML."""
    return _LONG_RUN.sub(_break_run, text) if len(text) > MAX_RUN else text


def _break_run(match: re.Match[str]) -> str:
    run = match.group(0)
    return "\u200b".join(run[i:i + MAX_RUN] for i in range(0, len(run), MAX_RUN))


def warning_for(notes: set[str]) -> str | None:
    """The source's warning for what was cut while parsing its feed."""
    words = []
    if CUT_TITLE in notes:
        words.append(f"titles longer than {MAX_TITLE_CHARS} characters were shortened")
    if CUT_CONTENT in notes:
        words.append(f"entries longer than {MAX_ENTRY_CHARS // 1024} KiB were cut")
    if FLATTENED in notes:
        words.append(f"HTML nested deeper than {MAX_DEPTH} levels was flattened")
    return "; ".join(words) or None
