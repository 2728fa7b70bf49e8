"""Who is in a scene: speaking cues, and characters detected in the action."""

from __future__ import annotations

import re

# Extensions and markers a cue may carry: (V.O.), (O.S.), (CONT'D), (on the radio).
_EXTENSION = re.compile(r"\([^()]*\)")  # not `.*?`: a cue of many "(" stays linear
_CONTINUED = re.compile(r"\bCONT['’]?D\b|\bCONTINUED\b", re.IGNORECASE)
# A character introduced in action: a name in capitals followed by an age, "LEV ORLOV (50)".
_INTRODUCTION = re.compile(
    r"(?<![\w'])((?:[A-Z\"“][A-Z'\-.\"”]*\s+){0,3}[A-Z\"“][A-Z'\-\"”]*[A-Z])\s*"
    r"\((?:\d{1,3}|\d0S|\d0s|LATE \d0S|EARLY \d0S|MID-\d0S)\)"
)
_QUOTES = '"“”'
# Capitalised words that are never somebody's name when they start an introduction.
_NOT_NAME_WORDS = frozenset(
    ["A", "AN", "THE", "DR", "DR.", "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "PROFESSOR", "CAPTAIN"]
)


def cue_name(cue: str) -> str:
    """The character a cue names: extensions, CONT'D, `@` and `^` removed, upper case."""
    name = cue.strip().removeprefix("@").removesuffix("^").strip()
    name = _EXTENSION.sub(" ", name)
    name = _CONTINUED.sub(" ", name)
    return " ".join(name.split()).upper()


def is_voice_over(cue: str) -> bool:
    """True for a cue marked (V.O.): the voice is recorded apart from the picture."""
    # "(V.O.)", "(V. O.)", "(v.o.)", "(VO)", "(V.O., CONT'D)" all squeeze to "VO..."
    squeezed = ("".join(ext.upper().split()).replace(".", "") for ext in _EXTENSION.findall(cue))
    return any(ext.startswith("(VO") for ext in squeezed)


def introduced_names(action: str) -> list[str]:
    """Names introduced in capitals with an age in parentheses ("TIMUR SABIROV (38)")."""
    names = []
    for match in _INTRODUCTION.finditer(action):
        words = [w.strip(_QUOTES) for w in match.group(1).split()]
        words = [w for w in words if w and w.upper() not in _NOT_NAME_WORDS]
        if words:
            names.append(" ".join(words))
    return names


_TOKEN = re.compile(r"\S+")
_TRAILING = '.,:;!?)"”’'


def _bare(word: str) -> str:
    word = word.rstrip(_TRAILING)
    for possessive in ("'S", "’S", "'s", "’s"):
        word = word.removesuffix(possessive)
    return word.lstrip('("“‘')


def longest_name_words(known: set[str]) -> int:
    """How many words the longest known name has (what `mentioned` needs to look ahead)."""
    return max((name.count(" ") + 1 for name in known), default=0)


class _NameTrie:
    """Known names word by word, so a run of capitals is matched by walking, not by slicing."""

    def __init__(self, known: set[str]):
        self.root: dict = {}
        for name in known:
            node = self.root
            for word in name.split(" "):
                node = node.setdefault(word, {})
            node[None] = name  # the key None marks the end of a whole name

    def longest_at(self, words: list[str], upper: list[bool], i: int) -> tuple[str | None, int]:
        """The longest known name the words from `i` spell (last word bare), and its length."""
        node, best, length = self.root, None, 0
        k = i
        while k < len(words) and upper[k]:
            end = node.get(_bare(words[k]))
            if end is not None and None in end:
                best, length = end[None], k - i + 1
            node = node.get(words[k])
            if node is None:
                break
            k += 1
        return best, length


def name_trie(known: set[str]) -> _NameTrie:
    """The known names arranged for `mentioned`; build it once per script."""
    return _NameTrie(known)


def mentioned(
    known: set[str], action: str, longest: int, trie: _NameTrie | None = None
) -> list[str]:
    """Which known names the action writes in capitals, in order of first appearance.

    Capitals mark presence: "the song she sang when Masha was small" is only a mention.
    Runs of upper-case words are walked through a trie of the known names, so the cost
    stays linear in the text however many and however long the names are. (`longest` is
    kept for callers; the trie bounds the walk by itself.) Pass `trie=name_trie(known)`
    when calling for every paragraph of a script.
    """
    if not known:
        return []
    words = [w.group() for w in _TOKEN.finditer(action)]
    upper = [_is_upper_word(w) for w in words]
    trie = trie or _NameTrie(known)
    found: dict[str, None] = {}
    i = 0
    while i < len(words):
        name, length = trie.longest_at(words, upper, i)
        if name is not None:
            found.setdefault(name, None)
        i += length or 1
    return list(found)


def _is_upper_word(word: str) -> bool:
    bare = _bare(word)
    return any(c.isalpha() for c in bare) and bare == bare.upper()


def match_known(introduced: str, known: set[str]) -> str:
    """An introduced full name ("LEV ORLOV") as the cue it speaks under ("ORLOV"), if any."""
    if introduced in known:
        return introduced
    words = introduced.split()
    # Surname first, then given name, then the rest: a fixed order, never the set's.
    for word in [words[-1], words[0], *words[1:-1]]:
        if word in known:
            return word
    return introduced
