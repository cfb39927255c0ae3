"""`python -m libyabook extract`: output files, determinism, one-line errors, nothing written on failure."""

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from libyabook import cli
from libyabook.extract import datapackage
from libyabook.reference import RAW_PAGE, REPO

DATA = REPO / "tests" / "data"
OUTPUTS = {f"{t}.csv" for t in datapackage.TABLES} | {"datapackage.json", "references.bib"}


def run(*args, cwd=None):
    """The command in a process of its own, with a random hash seed: for what only a process shows."""
    env = dict(os.environ, PYTHONHASHSEED="random")
    return subprocess.run(
        [sys.executable, "-m", "libyabook", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def call(*args) -> subprocess.CompletedProcess:
    """The command's ``main`` in this process (no interpreter to start), with what it printed: an exception it
    lets out fails the test, as a traceback would. ``--help`` exits through argparse, so its code is kept."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([*map(str, args)])
        except SystemExit as exc:
            code = exc.code
    return subprocess.CompletedProcess(["libyabook", *map(str, args)], code, out.getvalue(), err.getvalue())


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_help_explains_the_format():
    out = call("extract", "--help")
    assert out.returncode == 0
    for words in ["PAGE", "--out", "Would you like to know more?", "(outlet, Mon D, YYYY)", "writes nothing"]:
        assert words in out.stdout


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    """One extraction of the study page (a process of its own, with a random hash seed): its run and folder.

    The tests below compare other runs with it; the one that extracts into it again writes the same bytes.
    """
    folder = tmp_path_factory.mktemp("study") / "out"
    return run("extract", RAW_PAGE, "--out", folder), folder


def test_extract_writes_every_table(study):
    out, folder = study
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert {p.name for p in folder.iterdir()} == OUTPUTS


def test_two_runs_give_identical_bytes(study, tmp_path):
    assert run("extract", RAW_PAGE, "--out", tmp_path / "b").returncode == 0
    assert digest(study[1]) == digest(tmp_path / "b")


def test_unchanged_files_are_not_rewritten(study):
    folder = study[1]
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    time.sleep(0.01)
    out = call("extract", RAW_PAGE, "--out", folder)
    assert "0 changed" in out.stdout
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


@pytest.mark.parametrize("page", ["other-page.txt", "hostile-page.txt"])
def test_other_pages_of_the_format(tmp_path, page):
    out = call("extract", DATA / page, "--out", tmp_path)
    assert out.returncode == 0, out.stderr
    assert {p.name for p in tmp_path.iterdir()} == OUTPUTS


def test_bom_and_crlf_give_the_same_tables(study, tmp_path):
    text = RAW_PAGE.read_text(encoding="utf-8")
    variant = tmp_path / "crlf.txt"
    variant.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    call("extract", variant, "--out", tmp_path / "b")
    a, b = digest(study[1]), digest(tmp_path / "b")
    # datapackage.json records the source's name and checksum, which differ; every table is identical
    assert {k: v for k, v in a.items() if k != "datapackage.json"} == {
        k: v for k, v in b.items() if k != "datapackage.json"
    }


def _bad(tmp_path, name, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


BAD = [
    ("empty.txt", b"", None, "empty"),
    ("latin1.txt", RAW_PAGE.read_bytes().replace(b"Sisi", b"S\xeds\xed"), 11, "not UTF-8"),
    ("notapage.txt", b"Hello\n\nThis is a shopping list.\n", None, "Would you like to know more?"),
    ("baddate.txt", RAW_PAGE.read_bytes().replace(b"Jul 23, 2017", b"Jul 35, 2017"), 62, "impossible"),
    ("noheader.txt", RAW_PAGE.read_bytes().replace(b"(abcnews, Aug 14, 2017):", b":"), 209, "(outlet, Mon D, YYYY)"),
]


@pytest.mark.parametrize("name, content, line, fragment", BAD, ids=[b[0] for b in BAD])
def test_bad_input_one_line_no_traceback_nothing_written(tmp_path, name, content, line, fragment):
    page = _bad(tmp_path, name, content)
    out_dir = tmp_path / "out"
    out = call("extract", page, "--out", out_dir)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "Traceback" not in out.stderr
    assert str(page) + (f":{line}:" if line else ":") in lines[0]
    assert fragment in lines[0]
    assert not out_dir.exists()


def test_missing_file(tmp_path):
    """In a process of its own: the exit code and the one line are what a shell sees."""
    out = run("extract", tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert out.returncode == 2 and "not found" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", [b"new\nline.txt", b"not-utf8-\xff.txt"])
def test_a_page_name_with_a_newline_or_a_byte_that_is_not_utf8(tmp_path, name):
    """Extracted: the name in datapackage.json is valid text; a refusal naming such a path stays on one line."""
    page = Path(os.fsdecode(bytes(tmp_path) + b"/" + name))
    page.write_bytes(RAW_PAGE.read_bytes())
    out = call("extract", page, "--out", tmp_path / "out")
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert "Traceback" not in out.stdout and len(out.stdout.splitlines()) == 1
    desc = json.loads((tmp_path / "out" / "datapackage.json").read_bytes())
    assert desc["sources"][0]["title"].startswith(("new", "not-utf8-"))
    out = call("extract", page.with_name(page.name + ".missing"), "--out", tmp_path / "out")
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1 and "file not found" in out.stderr


def test_a_usage_error_is_one_line():
    out = call("extract", "page.txt")
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        "libyabook: error: the following arguments are required: --out; see 'python -m libyabook extract --help'"
    ]


class _Full(io.StringIO):
    """A stream that takes nothing: a closed pipe or a full disk."""

    def write(self, text):
        raise OSError(28, "No space left on device")


def test_an_unwritable_stdout_or_stderr_is_no_traceback(tmp_path, monkeypatch):
    """The summary to a closed pipe or a full disk: the tables are written, exit 0, one warning line; an error line
    that cannot be printed still exits 2."""
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", _Full())
    monkeypatch.setattr(sys, "stderr", err)
    assert cli.main(["extract", str(DATA / "other-page.txt"), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "datapackage.json").exists()
    assert err.getvalue().splitlines() == [
        f"libyabook: warning: {tmp_path / 'out'}: the tables were written; the summary could not be printed"
    ]
    monkeypatch.setattr(sys, "stderr", _Full())
    assert cli.main(["extract", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")]) == 2


def test_an_empty_path_is_refused_not_the_working_folder(tmp_path, monkeypatch):
    """``--out ''`` would swap the working folder for the tables; an empty PAGE is not '.' either."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.txt").write_text("mine\n")
    out = call("extract", DATA / "other-page.txt", "--out", "")
    assert (out.returncode, out.stderr) == (
        2,
        "libyabook: error: '': is an empty path; expected a folder path for the tables\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]
    out = call("extract", "", "--out", tmp_path / "out")
    assert (out.returncode, out.stderr) == (2, "libyabook: error: '': is an empty path; expected a page file\n")
