"""Set each chapter's page furniture in its notebook JSON: a folded parameters cell and a meta description.

    python scripts/chapter_furniture.py chapters/*.ipynb          # write
    python scripts/chapter_furniture.py --check chapters/*.ipynb  # exit 1 if a notebook is out of date

The cell tagged ``parameters`` (papermill's) also gets ``hide-input``, so the page folds it; a chart cell's
``mystnb.image`` block gets ``width: 100%`` (so the chart links to its full-size PNG); the notebook metadata gets ``myst.html_meta.description`` from the chapter's opening sentence, so every page has a
<meta name="description">. Outputs and cell sources are left exactly as they are.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_ROLE = re.compile(r"\s*\{[a-z:]+\}`[^`]*`")
_PAREN_WITH_ROLE = re.compile(r"\s*\([^()]*\{[a-z:]+\}`[^`]*`[^()]*\)")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")


def plain_sentences(markdown: str) -> list[str]:
    """The prose sentences of a markdown cell, without headings, roles, emphasis or code marks."""
    text = " ".join(line for line in markdown.splitlines() if not line.startswith("#"))
    text = _PAREN_WITH_ROLE.sub("", text)
    out = []
    for sentence in _SENTENCE_END.split(" ".join(text.split())):
        if "{" in _ROLE.sub("", sentence) or "`" in _ROLE.sub("", sentence).replace("``", ""):
            continue
        sentence = _ROLE.sub("", sentence).replace("*", "").replace("`", "")
        if sentence:
            out.append(sentence.strip())
    return out


MIN_DESCRIPTION = 80
#: A cell's own ``mystnb: image:`` block replaces the global nb_render_image_options, so it repeats the width
#: that makes Sphinx link each chart to its full-size PNG.
CHART_WIDTH = "100%"


def description(nb: dict) -> str:
    """The chapter's opening sentence (the first free of roles; the next joined while under 80 characters)."""
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            sentences = plain_sentences("".join(cell["source"]))
            if sentences:
                out = sentences[0]
                for more in sentences[1:]:
                    if len(out) >= MIN_DESCRIPTION:
                        break
                    out += " " + more
                return out
    raise ValueError("no prose sentence in any markdown cell")


def furnished(nb: dict) -> dict:
    """The notebook with hide-input on its parameters cell and its meta description set (nothing else changes)."""
    params = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(params) != 1:
        raise ValueError(f"expected one cell tagged parameters, found {len(params)}")
    tags = params[0]["metadata"]["tags"]
    if "hide-input" not in tags:
        tags.append("hide-input")
    for cell in nb["cells"]:
        image = cell.get("metadata", {}).get("mystnb", {}).get("image")
        if image is not None and "width" not in image:
            image["width"] = CHART_WIDTH
    nb["metadata"].setdefault("myst", {}).setdefault("html_meta", {})["description"] = description(nb)
    return nb


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name in [a for a in argv if a != "--check"]:
        path = Path(name)
        before = path.read_text(encoding="utf-8")
        try:
            after = json.dumps(furnished(json.loads(before)), indent=1, ensure_ascii=False) + "\n"
        except ValueError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            return 2
        if after != before:
            stale.append(path)
            if not check:
                path.write_text(after, encoding="utf-8")
    for path in stale:
        print(f"{'out of date' if check else 'updated'}: {path}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
