"""Static checks of the chapters: parameters, exact quotations, computed numbers, captioned figures, clean outputs."""

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from libyabook.reference import RAW_PAGE, REPO

CHAPTERS = sorted((REPO / "chapters").glob("[0-9][0-9]_*.ipynb"))
PAGE_TEXT = RAW_PAGE.read_text(encoding="utf-8")
# Chapters that tell part of the story over a period take a date window.
PERIOD_CHAPTERS = {"02_background", "03_offensive_2014", "04_benghazi_icc_2017", "05_maritime_2017"}
NARRATIVE = PERIOD_CHAPTERS
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell) -> str:
    return "".join(cell["source"])


def markdown(nb) -> list[str]:
    return [source(c) for c in nb["cells"] if c["cell_type"] == "markdown"]


def ids(paths):
    return [p.stem for p in paths]


def test_there_are_chapters_in_toc_order():
    toc = yaml.safe_load((REPO / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    numbered = [f for f in files if re.match(r"chapters/\d\d_", f)]
    assert numbered == sorted(numbered), "chapters must appear in the TOC in number order"
    assert {f"chapters/{p.stem}" for p in CHAPTERS} == set(numbered)


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_parameters_cell_then_validation(path):
    nb = load(path)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    params = [c for c in code if "parameters" in c["metadata"].get("tags", [])]
    assert len(params) == 1 and params[0] is code[0], "the first code cell is the one tagged 'parameters'"
    text = source(params[0])
    assert re.search(r'^corpus_path = "data/raw/libya-entanglement.txt"$', text, re.M)
    if path.stem in PERIOD_CHAPTERS:
        assert re.search(r'^start_date = "\d{4}-\d\d-\d\d"$', text, re.M)
        assert re.search(r'^end_date = "\d{4}-\d\d-\d\d"$', text, re.M)
    check = source(code[1])
    assert "params.check_path(corpus_path)" in check
    if path.stem in PERIOD_CHAPTERS:
        assert "params.check_window(start_date, end_date)" in check


QUOTED = re.compile(r"“([^”]+)”|(?<![\w=])\"([^\"\n]+)\"(?!\w)")


def prose_quotations(nb) -> list[str]:
    found = []
    for text in markdown(nb):
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        text = re.sub(r"\{[a-z:]+\}`[^`]*`", "", text)
        found += [a or b for a, b in QUOTED.findall(text)]
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_every_quotation_in_prose_is_copied_exactly_from_the_page(path):
    quotes = prose_quotations(load(path))
    for q in quotes:
        assert q in PAGE_TEXT, f"not on the page, character for character: “{q}”"
    if path.stem in NARRATIVE:
        assert len([q for q in quotes if len(q.split()) >= 4]) >= 3, "at least three quotations of a sentence or more"


def strip_allowed(text: str) -> str:
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"^#+ .*$", "", text, flags=re.M)  # headings carry chapter numbers
    text = re.sub(r"\{[a-z:-]+\}`[^`]*`", "", text)  # glue, cite, doc, ref roles
    text = re.sub(r"\[[^\]]*\]\([^)]*\)", "", text)  # links
    text = re.sub(r"`[^`]*`", "", text)  # inline code (names of files, parameters)
    text = QUOTED.sub("", text)
    text = re.sub(
        r"(?i)\bfrance ?24\b|\bUTF-8\b|\bsha256\b|\bISO 8601\b|\bCC BY 4\.0\b|\bCOVID-19\b", "", text
    )  # names with digits
    text = re.sub(rf"\b\d{{1,2}}(st|nd|rd|th)? ({MONTHS})\b", "", text)  # 25 July
    text = re.sub(rf"\b({MONTHS}) \d{{1,2}}(st|nd|rd|th)?\b", "", text)  # July 25
    text = re.sub(r"\b(1[89]\d\d|20\d\d)s?\b", "", text)  # years, decades
    text = re.sub(r"\b(19|20)\d\d[-–](19|20)?\d\d\b", "", text)
    return text


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_numbers_in_prose_are_computed_not_typed(path):
    for text in markdown(load(path)):
        rest = strip_allowed(text)
        digits = re.findall(r"[^\n]{0,30}\d[^\n]{0,30}", rest)
        assert not digits, f"typed number(s) in prose; glue them instead: {digits[:3]}"


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_figures_have_caption_and_alt_text(path):
    nb = load(path)
    figures = [
        c
        for c in nb["cells"]
        if c["cell_type"] == "code" and any("image/png" in o.get("data", {}) for o in c.get("outputs", []))
    ]
    assert len(figures) >= 2, "at least two charts"
    names = set()
    for cell in figures:
        meta = cell["metadata"].get("mystnb", {})
        caption = meta.get("figure", {}).get("caption", "")
        alt = meta.get("image", {}).get("alt", "")
        assert len(caption.split()) >= 8, f"figure without a real caption: {source(cell)[:60]}"
        assert len(alt.split()) >= 8 and not re.match(r"(?i)(figure|chart|image)\s*\d*$", alt), (
            "alt text says what the chart shows"
        )
        assert "hide-input" in cell["metadata"].get("tags", [])
        names.add(meta["figure"].get("name"))
        assert re.search(r"\bchart\(", source(cell)), "a chart cell makes its chart with one figures.chart call"
        assert meta.get("image", {}).get("width") == "100%", "charts fill the column and link to the full-size PNG"
    assert len(names) == len(figures) and None not in names, "every figure has a unique name"


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_stored_outputs_are_clean(path):
    nb = load(path)
    raw = path.read_text(encoding="utf-8")
    assert not re.search(r'"/(tmp|root|home|work)/|site-packages', raw), "absolute path of this machine"
    assert not re.search(r"0x[0-9a-f]{6,}", raw), "memory address in an output"
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        assert cell.get("execution_count") is not None, "cell not executed"
        assert all(o["output_type"] != "error" for o in cell["outputs"])
        assert "execution" not in cell["metadata"], "timing metadata (use make notebooks)"
        for o in cell["outputs"]:
            if o["output_type"] == "execute_result":
                text = json.dumps(o.get("data", {}).get("text/plain", ""))
                assert "<Figure size" not in text and "<matplotlib." not in text, (
                    "a plotting object's repr left in output"
                )
        tags = cell["metadata"].get("tags", [])
        if any(t.startswith("nbval-") for t in tags):
            assert re.search(r"^# nbval: .{10,}", source(cell), re.M), (
                "an nbval marker needs a one-line '# nbval: reason'"
            )


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_chapter_opens_with_overview_and_closes_with_findings(path):
    texts = markdown(load(path))
    assert re.match(r"# \d+\. \S", texts[0]), "first cell: '# N. Title' and an overview"
    assert "{cite}" in "".join(texts), "cites its sources through the bibliography"
    joined = "\n".join(texts)
    assert "## What we found" in joined and "## What the page cannot tell us" in joined


def prose_words(nb) -> int:
    words = 0
    for text in markdown(nb):
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        text = re.sub(r"“[^”]*”", "", text)
        words += len(re.findall(r"[A-Za-z][\w'’-]*", text))
    return words


@pytest.mark.parametrize(
    "path", [p for p in CHAPTERS if p.stem in NARRATIVE], ids=ids([p for p in CHAPTERS if p.stem in NARRATIVE])
)
def test_narrative_chapters_have_enough_prose(path):
    assert prose_words(load(path)) >= 900


def test_landing_page_links_every_notebook_and_table():
    index = (REPO / "index.md").read_text(encoding="utf-8")
    for path in CHAPTERS:
        assert f"<chapters/{path.name}>" in index, f"index.md has no download link for {path.name}"
    for table in ["articles", "mentions", "quotes", "claims", "events", "boilerplate"]:
        assert f"<data/processed/{table}.csv>" in index


def code_lines(cell) -> list[str]:
    return [line for line in source(cell).splitlines() if line.strip() and not line.strip().startswith("#")]


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_code_cells_are_thin(path):
    """Chapters load, call, draw with one call and explain: the logic lives in the package."""
    for cell in load(path)["cells"]:
        if cell["cell_type"] != "code" or "parameters" in cell["metadata"].get("tags", []):
            continue
        text = source(cell)
        assert len(code_lines(cell)) <= 15, f"code cell over 15 lines: {text[:80]!r}"
        for banned in (r"\bplt\.", r"\bmatplotlib\b", r"\bax\.", r"^\s*def ", r"\blambda\b", r"^\s*(for|while) "):
            assert not re.search(banned, text, re.M), f"{banned} in a chapter cell: {text[:80]!r}"


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_no_dataframe_is_displayed_raw(path):
    for cell in load(path)["cells"]:
        for out in cell.get("outputs", []):
            html_out = "".join(out.get("data", {}).get("text/html", ""))
            assert 'class="dataframe"' not in html_out and "<style scoped" not in html_out, source(cell)[:80]


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_findings_are_checks_shown_with_their_status(path):
    """'What we found' is one call that shows the chapter's checked findings; a re-run elsewhere says so."""
    cells = load(path)["cells"]
    heading = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and "## What we found" in source(c))
    shown = [c for c in cells[heading:] if c["cell_type"] == "code" and "show_findings(" in source(c)]
    assert shown, "the findings section shows the checks (show_findings)"
    statuses = "".join("".join(o.get("data", {}).get("text/html", "")) for o in shown[0]["outputs"])
    assert statuses.count('class="finding"') >= 3 and "finding-status holds" in statuses
    assert "finding-status fails" not in statuses and "finding-status untestable" not in statuses
    setup = [c for c in cells if c["cell_type"] == "code"][1]
    assert "study_note(" in source(setup), "the setup cell notes when the chapter runs on another page"


# --- chapters read published tables only -------------------------------------------------------------------------
#: Calls that open a file or read the page (a chapter gets its data from ``tables.load`` and the package's loaders).
FILE_CALLS = {
    "open",
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "read_csv",
    "read_json",
    "read_excel",
    "read_parquet",
    "read_page",
    "page_from_bytes",
    "loadtxt",
    "genfromtxt",
}
#: Names that point a chapter at files or at the page itself.
FILE_NAMES = {"PROCESSED_DIR", "REFERENCE_DIR", "RAW_PAGE", "REPO"}


def page_or_file_reads(code: str) -> list[str]:
    """What in a code cell touches ``.page`` or opens a file: attribute/call/name found, in source order."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Attribute) and node.attr in {"page", "lines"} | FILE_NAMES:
            found.append(f".{node.attr}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in FILE_CALLS or (
                name == "load" and getattr(func.value, "id", "") == "json" if isinstance(func, ast.Attribute) else False
            ):
                found.append(f"{name}()")
        elif isinstance(node, ast.Name) and node.id in FILE_NAMES:
            found.append(node.id)
        elif isinstance(node, ast.alias) and node.name.split(".")[-1] in FILE_CALLS | FILE_NAMES:
            found.append(f"import {node.name}")
    return found


def test_the_page_and_file_detector_catches_reads():
    assert sorted(page_or_file_reads("n = len(t.page.lines)")) == [".lines", ".page"]
    assert page_or_file_reads("d = json.loads((tables.PROCESSED_DIR / 'x').read_text())")
    assert page_or_file_reads("with open('data/raw/x.txt') as fh:\n    pass") == ["open()"]
    assert page_or_file_reads("df = pd.read_csv('x.csv')") == ["read_csv()"]
    assert page_or_file_reads("from libyabook.reference import RAW_PAGE") == ["import RAW_PAGE"]
    assert page_or_file_reads("book = ledger.claims_with_sources(t.claims, t.articles, t.claims_ledger)") == []


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_chapters_read_tables_not_the_page_or_files(path):
    nb = load(path)
    for k, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            reads = page_or_file_reads(source(cell))
            assert not reads, f"{path.name} cell {k} reads the page or a file: {reads}"
