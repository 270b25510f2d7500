#!/usr/bin/env python3
"""One Vietnamese word per English term (issue 12, Build item 9).

Reads every bilingual text pair written as literals in Sources/ -
  t("vi", "en")                 (ctx.t, lang.t)
  vi: "…", en: "…"              (AppError, tables with labelled tuples)
  ("vi", "en")                  (tables typed (vi: String, en: String), e.g. AuditWords)
  Word(vi: "…", en: "…")        (the catalogue, Sources/PhuongSoApp/Shared/Words.swift)
  var vi / var en, vietnameseName / englishName switches, paired by their `case`
- and reports every short term (five words or fewer) that has two translations: an English
term rendered by two different Vietnamese texts, or a Vietnamese term rendered by two
different English texts. Texts are compared without case, surrounding space and trailing
punctuation; pairs with interpolation (\\( … )) are left out. Prints file:line of each
occurrence and exits 1 when anything is found.

A real homonym (one word, two meanings a reader tells apart by the page) goes in ALLOWED
with the reason; anything else is made consistent in the code, using the ward's legal
words (docs/GLOSSARY.md).

  python3 scripts/check_terms.py            check
  python3 scripts/check_terms.py --quiet    the same, silent when all is well (scripts/lint)
  python3 scripts/check_terms.py --list     print every short pair found (to review the catalogue)
"""

import os
import re
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "Sources")
# A short term: five English words, or eight Vietnamese ones (a Vietnamese word is one syllable,
# "thủ tục hành chính" is four of them).
MAX_WORDS = {"en": 5, "vi": 8}

# Normalised texts that may keep two translations, each with its reason. Keys are
# ("en", text) for an English term with two Vietnamese texts, ("vi", text) for the reverse.
ALLOWED = {
    ("vi", "đối tượng"): "whom or what a thing is aimed at: the audience of a communication activity,"
    " the record an audit line concerns",
    ("vi", "tổ chức"): "the noun (an organisation applying) and the verb (an activity held)",
}


class Literal:
    def __init__(self, value, line, interpolated):
        self.value, self.line, self.interpolated = value, line, interpolated


def tokens(text):
    """Swift tokens sufficient for finding literal pairs: identifiers, punctuation and string
    literals (escapes decoded, interpolation flagged); comments are skipped."""
    i, line, n = 0, 1, len(text)
    out = []
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    line += text[i] == "\n"
                    i += 1
        elif c == '"' or (c == "#" and re.match(r'#+"', text[i:])):
            hashes = 0
            while text[i] == "#":
                hashes, i = hashes + 1, i + 1
            start_line = line
            multi = text.startswith('"""', i)
            i += 3 if multi else 1
            close = ('"""' if multi else '"') + "#" * hashes
            escape = "\\" + "#" * hashes
            value, interpolated = [], False
            while i < n and not text.startswith(close, i):
                if text.startswith(escape, i):
                    j = i + len(escape)
                    e = text[j] if j < n else ""
                    if e == "(":
                        interpolated, depth, j = True, 1, j + 1
                        while j < n and depth:
                            depth += {"(": 1, ")": -1}.get(text[j], 0)
                            line += text[j] == "\n"
                            j += 1
                        value.append("\u0000")
                        i = j
                        continue
                    line += e == "\n"
                    value.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'", "0": "\0"}.get(e, e))
                    i = j + 1
                    continue
                line += text[i] == "\n"
                value.append(text[i])
                i += 1
            i += len(close)
            out.append(Literal("".join(value), start_line, interpolated))
        elif c.isalnum() or c == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            out.append((text[i:j], line))
            i = j
        else:
            out.append((c, line))
            i += 1
    return out


def is_(tok, s):
    return isinstance(tok, tuple) and tok[0] == s


def literal_at(toks, k):
    """A string expression made only of literals joined by +: (Literal, next index) or None."""
    if k >= len(toks) or not isinstance(toks[k], Literal):
        return None
    first = toks[k]
    parts, interpolated, k = [first.value], first.interpolated, k + 1
    while k + 1 < len(toks) and is_(toks[k], "+") and isinstance(toks[k + 1], Literal):
        parts.append(toks[k + 1].value)
        interpolated = interpolated or toks[k + 1].interpolated
        k += 2
    return Literal("".join(parts), first.line, interpolated), k


def pairs_in(path):
    """(vi Literal, en Literal) for every literal pair in one file."""
    with open(path, encoding="utf-8") as f:
        toks = tokens(f.read())
    found = []
    for k, tok in enumerate(toks):
        # t("vi", "en")
        if is_(tok, "t") and k + 1 < len(toks) and is_(toks[k + 1], "("):
            a = literal_at(toks, k + 2)
            if a and a[1] < len(toks) and is_(toks[a[1]], ","):
                b = literal_at(toks, a[1] + 1)
                if b and b[1] < len(toks) and is_(toks[b[1]], ")"):
                    found.append((a[0], b[0]))
        # vi: "…", en: "…"
        elif is_(tok, "vi") and k + 1 < len(toks) and is_(toks[k + 1], ":"):
            a = literal_at(toks, k + 2)
            if a and a[1] + 2 < len(toks) and is_(toks[a[1]], ",") and is_(toks[a[1] + 1], "en"):
                if is_(toks[a[1] + 2], ":"):
                    b = literal_at(toks, a[1] + 3)
                    if b:
                        found.append((a[0], b[0]))
        # ("vi", "en"): an unlabelled tuple of two literals, not a call's arguments
        elif is_(tok, "(") and not (k > 0 and is_call(toks[k - 1])):
            a = literal_at(toks, k + 1)
            if a and a[1] < len(toks) and is_(toks[a[1]], ","):
                b = literal_at(toks, a[1] + 1)
                if b and b[1] < len(toks) and is_(toks[b[1]], ")") and translation(a[0].value, b[0].value):
                    found.append((a[0], b[0]))
    found.extend(switch_pairs(toks))
    return found


KEYWORDS = {"return", "in", "case", "else", "try", "await", "throw", "where", "let", "var"}


def is_call(prev):
    """Whether a "(" after this token opens a call's arguments rather than a tuple."""
    if isinstance(prev, Literal):
        return False
    word = prev[0]
    return word in (")", "]", "?", "!", ">") or (re.match(r"\w", word) is not None and word not in KEYWORDS)


def translation(vi, en):
    """Whether an unlabelled tuple of two texts reads as Vietnamese then English, rather than a
    stored value and its label such as ("một phần", "Một phần")."""
    return vietnamese(vi) and not vietnamese(en)


def vietnamese(s):
    return re.search(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", s.lower()) is not None

SWITCH_NAMES = {("vi", "en"), ("vietnameseName", "englishName")}


def switch_pairs(toks):
    """Pairs from `var vi: String { switch self { case .x: return "…" } }` and its `var en` twin,
    matched by the text of each case's pattern."""
    blocks = {}
    for k, tok in enumerate(toks):
        if is_(tok, "var") and k + 4 < len(toks) and isinstance(toks[k + 1], tuple):
            name = toks[k + 1][0]
            if not any(name in p for p in SWITCH_NAMES):
                continue
            if not (is_(toks[k + 2], ":") and is_(toks[k + 3], "String") and is_(toks[k + 4], "{")):
                continue
            depth, j, cases, pattern = 1, k + 5, {}, None
            while j < len(toks) and depth:
                t = toks[j]
                if is_(t, "{"):
                    depth += 1
                elif is_(t, "}"):
                    depth -= 1
                elif is_(t, "case") and depth == 2:
                    m = j + 1
                    words = []
                    while m < len(toks) and not is_(toks[m], ":"):
                        words.append(toks[m].value if isinstance(toks[m], Literal) else toks[m][0])
                        m += 1
                    pattern, j = " ".join(words), m
                elif isinstance(t, Literal) and pattern is not None and (
                    is_(toks[j - 1], "return") or is_(toks[j - 1], ":")
                ):
                    lit = literal_at(toks, j)
                    if lit and lit[1] < len(toks) and (is_(toks[lit[1]], "case") or is_(toks[lit[1]], "}")):
                        cases[pattern] = lit[0]
                    pattern = None
                j += 1
            blocks.setdefault(name, []).append((k, cases))
    found = []
    for vi_name, en_name in SWITCH_NAMES:
        # twin blocks: each vi block with the next en block after it
        for k, vi_cases in blocks.get(vi_name, []):
            later = [c for j, c in blocks.get(en_name, []) if j > k]
            if not later:
                continue
            en_cases = later[0]
            for pattern, vi in vi_cases.items():
                if pattern in en_cases:
                    found.append((vi, en_cases[pattern]))
    return found


def normal(s):
    """Case, spacing and trailing punctuation do not make a different text."""
    s = " ".join(s.split()).lower()
    return re.sub(r"[\s.,:;!?…]+$", "", s)


def vietnamese_key(s):
    """A Vietnamese text as a term: without the markers of the past and the plural that English
    marks on the word ("Đã lưu" / "Saved" is the term "Lưu" / "Save", "Các hoạt động" is "Hoạt động")."""
    return re.sub(r"^(đã|các|những|một) ", "", normal(s))


def english_key(s):
    """An English text as a term: its words without articles, plurals or tense, in any order -
    Vietnamese marks none of these ("Tiếp nhận hồ sơ" is the button "Receive the dossier" and the
    timeline's "Dossier received"), so they do not make another term."""
    words = re.findall(r"[\w'’]+|[^\w\s]", normal(s))
    return " ".join(sorted(stem(w) for w in words if w not in FUNCTION_WORDS))


# Words that carry grammar, not the term: articles and the auxiliaries of "The plan is issued".
FUNCTION_WORDS = {"a", "an", "the", "is", "are", "was", "were", "be", "been", "has", "have", "had", "your"}


IRREGULAR = {"sent": "send", "took": "take", "taken": "take", "paid": "pay", "held": "hold", "given": "give",
             "done": "do", "made": "make", "chosen": "choose", "written": "write", "kept": "keep", "set": "set",
             "began": "begin", "begun": "begin", "found": "find", "left": "leave", "got": "get", "won": "win"}


def stem(w):
    """A rough English stem, enough to equate "receive", "received" and "receives"."""
    if w in IRREGULAR:
        return IRREGULAR[w]
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ed", ""), ("es", ""), ("s", "")):
        if len(w) > len(suffix) + 2 and w.endswith(suffix) and not w.endswith(("ss", "us", "is")):
            w = w[: -len(suffix)] + keep
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeious":
        w = w[:-1]  # submitted -> submit
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def fragment(s):
    """A piece of a sentence glued to other text (" ngày ", "tính đến "), not a term."""
    return s[:1].isspace() or (s[-1:].isspace() and not s.rstrip().endswith(":"))


def short(s, lang):
    return 0 < len(s.split()) <= MAX_WORDS[lang]


def collect():
    occurrences = []  # (vi Literal, en Literal, file)
    for folder, _, files in os.walk(SOURCES):
        for name in sorted(files):
            if name.endswith(".swift"):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, ROOT)
                for vi, en in pairs_in(path):
                    if not (vi.interpolated or en.interpolated or fragment(vi.value) or fragment(en.value)):
                        occurrences.append((vi, en, rel))
    return occurrences


def conflicts(occurrences):
    """[(side, term, {translation: [(vi, en, "file:line")]})] for each term with two translations."""
    by = {"en": defaultdict(lambda: defaultdict(list)), "vi": defaultdict(lambda: defaultdict(list))}
    for vi, en, rel in occurrences:
        v, e = vietnamese_key(vi.value), english_key(en.value)
        if not v or not e:
            continue
        seen = (vi.value.strip(), en.value.strip(), "%s:%d" % (rel, vi.line))
        if short(en.value, "en"):
            by["en"][e][v].append(seen)
        if short(vi.value, "vi"):
            by["vi"][v][e].append(seen)
    found = []
    for side in ("en", "vi"):
        for term, renderings in sorted(by[side].items()):
            if len(renderings) > 1 and (side, term) not in ALLOWED:
                found.append((side, term, renderings))
    return found


def main():
    occurrences = collect()
    if "--list" in sys.argv:
        for vi, en, rel in sorted(occurrences, key=lambda o: normal(o[1].value)):
            if short(vi.value, "vi") or short(en.value, "en"):
                print("%s:%d\t%s\t%s" % (rel, vi.line, vi.value, en.value))
        return 0
    found = conflicts(occurrences)
    for side, term, renderings in found:
        seen = [o for places in renderings.values() for o in places]
        word = seen[0][1] if side == "en" else seen[0][0]
        other = "Vietnamese" if side == "en" else "English"
        print('"%s" has %d %s texts:' % (word, len(renderings), other))
        for places in renderings.values():
            vi, en = places[0][0], places[0][1]
            print('  "%s" / "%s"  %s' % (vi, en, ", ".join(p[2] for p in places)))
    if found:
        print("check_terms: %d terms with more than one translation (one Vietnamese word per English term;"
              " see docs/GLOSSARY.md)" % len(found))
        return 1
    if "--quiet" not in sys.argv:
        print("check_terms: %d text pairs, one translation per short term" % len(occurrences))
    return 0


if __name__ == "__main__":
    sys.exit(main())
