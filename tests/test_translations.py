"""The English catalogues are complete and compiled.

Every entry of every ``posko/**/locale/*/LC_MESSAGES/django.po`` must have a translation, no
fuzzy flag, the same placeholders as its source string, and the compiled ``.mo`` next to it must
hold exactly the translations of the ``.po`` (so a forgotten ``make messages`` fails here).
The ``.mo`` is compared by content, not by modification time: git does not keep mtimes.

After adding strings: ``makemessages`` (see the header of posko/locale/en/LC_MESSAGES/django.po),
translate the new entries, then ``make messages``.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted((ROOT / "posko").glob("**/locale/*/LC_MESSAGES/django.po"))
EXPECTED = [
    ROOT / "posko" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    ROOT / "posko" / "sitrep" / "locale" / "en" / "LC_MESSAGES" / "django.po",
]
# %(name)s, %(n)d, %(p).2g, %s, %d ... in python-format strings; {name} in python-brace-format.
PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")
BRACE = re.compile(r"\{[^{}]*\}")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)


def parse_po(path: Path) -> list[Entry]:
    """A small PO reader: enough for what gettext's makemessages writes (obsolete #~ skipped)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None  # which field the continuation lines extend

    def add(field_name: str, index: int, text: str) -> None:
        assert entry is not None
        if field_name == "msgstr":
            entry.msgstr[index] = entry.msgstr.get(index, "") + text
        else:
            setattr(entry, field_name, (getattr(entry, field_name) or "") + text)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("#,")):
            if not line and entry is not None and entry.msgstr:
                entries.append(entry)
                entry, target = None, None
            continue
        if entry is None or (entry.msgstr and not line.startswith(('"', "msgstr"))):
            if entry is not None:
                entries.append(entry)
            entry, target = Entry(line=number), None
        if line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            assert target is not None, f"{path}:{number}: string without a keyword"
            add(target[0], target[1], ast.literal_eval(line))
            continue
        match = re.fullmatch(r"(msgctxt|msgid|msgid_plural|msgstr)(?:\[(\d+)\])?", keyword)
        assert match, f"{path}:{number}: cannot read {raw!r}"
        target = (match[1], int(match[2] or 0))
        add(target[0], target[1], ast.literal_eval(rest))
    if entry is not None:
        entries.append(entry)
    return entries


def messages(path: Path) -> list[Entry]:
    """The entries that carry translations (everything but the header)."""
    return [e for e in parse_po(path) if e.msgid or e.msgctxt]


def label(path: Path, entry: Entry) -> str:
    return f"{path.relative_to(ROOT)}:{entry.line}: {entry.msgid[:70]!r}"


def test_the_catalogues_are_found() -> None:
    missing = [str(p.relative_to(ROOT)) for p in EXPECTED if p not in CATALOGUES]
    assert not missing, f"catalogues not found: {missing}"
    for path in CATALOGUES:
        assert len(messages(path)) > 10, f"{path} looks unreadable"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated_and_not_fuzzy(path: Path) -> None:
    problems = []
    for entry in messages(path):
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {label(path, entry)}")
        expected_forms = 2 if entry.msgid_plural is not None else 1
        forms = [entry.msgstr.get(i, "") for i in range(expected_forms)]
        if not all(s.strip() for s in forms):
            problems.append(f"untranslated: {label(path, entry)}")
    assert not problems, "translate these entries:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_placeholders_are_kept(path: Path) -> None:
    problems = []
    for entry in messages(path):
        patterns = [PERCENT] if "python-format" in entry.flags else []
        if "python-brace-format" in entry.flags:
            patterns.append(BRACE)
        for pattern in patterns:
            sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
            wanted = sorted(set().union(*(pattern.findall(s) for s in sources)))
            for translation in entry.msgstr.values():
                if translation and sorted(set(pattern.findall(translation))) != wanted:
                    problems.append(f"{label(path, entry)} -> {translation[:70]!r}")
    assert not problems, "placeholders differ from the source:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_mo_file_matches_the_po_file(path: Path) -> None:
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} is missing: run `make messages`"
    with mo.open("rb") as handle:
        compiled = dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
    compiled.pop("", None)  # the header
    expected: dict[object, str] = {}
    for entry in messages(path):
        if "fuzzy" in entry.flags:  # msgfmt leaves fuzzy entries out
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            if entry.msgstr.get(0):
                expected[key] = entry.msgstr[0]
        elif all(entry.msgstr.values()):
            expected.update({(key, i): s for i, s in entry.msgstr.items()})
    stale = sorted(repr(k)[:80] for k in expected.keys() ^ compiled.keys())
    stale += sorted(
        repr(k)[:80] for k in expected.keys() & compiled.keys() if expected[k] != compiled[k]
    )
    assert not stale, (
        f"{mo.relative_to(ROOT)} is out of date with its .po ({len(stale)} entries differ, e.g. "
        f"{stale[:5]}): run `make messages`"
    )


def test_shared_strings_agree_with_the_main_catalogue() -> None:
    """posko/locale (LOCALE_PATHS) wins over an app's own catalogue for the same msgid."""
    main_dir = ROOT / "posko" / "locale"
    problems = []
    for path in CATALOGUES:
        main_po = main_dir / path.relative_to(path.parents[2])  # same language, same domain
        if main_dir in path.parents or not main_po.exists():
            continue
        winner = {(e.msgctxt, e.msgid): e.msgstr for e in messages(main_po)}
        for entry in messages(path):
            key = (entry.msgctxt, entry.msgid)
            if key in winner and winner[key] != entry.msgstr:
                problems.append(f"{label(path, entry)}: {entry.msgstr} vs main {winner[key]}")
    assert not problems, "posko/locale overrides these app translations; make them equal:\n" + (
        "\n".join(problems)
    )
