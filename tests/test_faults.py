"""The extraction under faults: all or nothing on a failed write or a kill, verified loads, one-line OSErrors."""

import errno
import hashlib
import json
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from libyabook import cli
from libyabook.analysis import tables
from libyabook.errors import PageError
from libyabook.extract import pipeline
from libyabook.extract.corpus import read_page
from libyabook.extract.events import EvidenceError
from libyabook.extract.pipeline import FILE_NAMES, OutputError, serialise, serialised, write_files, write_stream
from libyabook.reference import RAW_PAGE, REPO

OTHER = REPO / "tests" / "data" / "other-page.txt"


@pytest.fixture(scope="module")
def sets():
    """The files of two different pages (the study page and the synthetic other page)."""
    return serialise(read_page(RAW_PAGE), RAW_PAGE.name), serialise(read_page(OTHER), OTHER.name)


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.libyabook-"))


def test_a_new_set_replaces_the_old_and_keeps_foreign_files(tmp_path, sets):
    a, b = sets
    out = tmp_path / "out"
    assert write_files(a, out) == sorted(a)
    (out / "README.md").write_text("kept\n")
    changed = write_files(b, out)
    assert contents(out) == {**b, "README.md": b"kept\n"}
    assert set(changed) == {name for name in b if a[name] != b[name]}
    assert write_files(b, out) == [] and leftovers(out) == []


def test_unchanged_files_keep_their_inode(tmp_path, sets):
    a, _ = sets
    out = tmp_path / "out"
    write_files(a, out)
    before = {p.name: p.stat().st_ino for p in out.iterdir()}
    modified = {**a, "claims.csv": a["claims.csv"] + b"x\n"}
    assert write_files(modified, out) == ["claims.csv"]
    after = {p.name: p.stat().st_ino for p in out.iterdir()}
    assert {n for n in after if after[n] != before[n]} == {"claims.csv"}


@pytest.mark.parametrize("k", range(1, 9))
def test_failing_the_kth_write_leaves_the_old_set(tmp_path, sets, monkeypatch, k):
    a, b = sets
    out = tmp_path / "out"
    write_files(a, out)
    calls = []
    real = pipeline.write_file

    def failing(path, data):
        calls.append(path)
        if len(calls) == k:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(pipeline, "write_file", failing)
    with pytest.raises(OSError, match="No space"):
        write_files(b, out)
    assert contents(out) == a and leftovers(out) == []


def test_a_failing_swap_leaves_the_old_set(tmp_path, sets, monkeypatch):
    a, b = sets
    out = tmp_path / "out"
    write_files(a, out)

    def refuse(x, y):
        raise OSError(errno.EIO, "Input/output error", str(y))

    monkeypatch.setattr(pipeline, "_exchange", refuse)
    with pytest.raises(OSError):
        write_files(b, out)
    assert contents(out) == a and leftovers(out) == []


WRITER = """
import pickle, sys
from libyabook.extract.pipeline import write_files
sets = pickle.load(open(sys.argv[1], "rb"))
print("ready", flush=True)
for k in range(10**6):
    write_files(sets[k % 2], sys.argv[2])
"""


def test_killed_at_random_moments_leaves_old_or_new(tmp_path, sets):
    """A process swapping the two sets in a loop, SIGKILLed at random moments: never a mix, leftovers cleaned."""
    a, b = sets
    out = tmp_path / "out"
    write_files(a, out)
    blob = tmp_path / "sets.pickle"
    blob.write_bytes(pickle.dumps(sets))
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    rng = random.Random(13)
    for _ in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(blob), str(out)], env=env, stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        now = contents(out)
        assert now in (a, b), "a mix of two sets"
        verified = tables.verified_files(out, json.loads(now["datapackage.json"]))
        assert set(verified) >= {"articles.csv", "events.csv"}
    write_files(a, out)
    assert contents(out) == a and leftovers(out) == []


EXTRACTOR = """
import sys
from libyabook.extract.corpus import read_page
from libyabook.extract.pipeline import FILE_NAMES, serialised, write_stream
pages = [read_page(p) for p in sys.argv[1:3]]
print("ready", flush=True)
for k in range(10**6):
    write_stream(FILE_NAMES, serialised(pages[k % 2], "page.txt"), sys.argv[3])
"""


def test_killed_while_extracting_and_writing_table_by_table_leaves_old_or_new(tmp_path):
    """The command's own path (each table written as it is made), SIGKILLed at random moments: old or new."""
    out = tmp_path / "out"
    a, b = (dict(serialised(read_page(p), "page.txt")) for p in (RAW_PAGE, OTHER))
    write_files(a, out)
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    rng = random.Random(31)
    for _ in range(4):
        cmd = [sys.executable, "-c", EXTRACTOR, str(RAW_PAGE), str(OTHER), str(out)]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.5))  # one extraction and write takes 0.1-0.4 s here
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert contents(out) in (a, b), "a mix of two sets"
    assert write_stream(FILE_NAMES, iter(a.items()), out) in ([], sorted(n for n in a if a[n] != b[n]))
    assert contents(out) == a and leftovers(out) == []


def test_a_failure_half_way_through_the_stream_leaves_the_old_set(tmp_path, sets):
    """A bad page found after some tables were written: the old set stays, and nothing the run made is left."""
    a, b = sets

    def half():
        for k, item in enumerate(b.items()):
            if k == 5:
                raise PageError("page.txt", 7, "expected a headline")
            yield item

    out = tmp_path / "out"
    write_files(a, out)
    with pytest.raises(PageError, match="page.txt:7"):
        write_stream(list(b), half(), out)
    assert contents(out) == a and leftovers(out) == []
    with pytest.raises(PageError):
        write_stream(list(b), half(), tmp_path / "new" / "deeper" / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_stream_of_other_names_than_announced_is_refused(tmp_path, sets):
    a, b = sets
    out = tmp_path / "out"
    write_files(a, out)
    with pytest.raises(ValueError, match="expected exactly"):
        write_stream(list(b), iter([*b.items(), ("extra.csv", b"x\n")]), out)
    assert contents(out) == a and leftovers(out) == []


def test_each_table_is_written_as_soon_as_it_is_made(tmp_path, monkeypatch):
    """When the mentions are looked for, articles.csv is already in the temporary folder, the manifest not yet."""
    seen = []
    real = pipeline.find_mentions

    def spy(page, articles):
        seen.extend(p.name for p in tmp_path.glob(".o.libyabook-*/*"))
        return real(page, articles)

    monkeypatch.setattr(pipeline, "find_mentions", spy)
    assert cli.main(["extract", str(OTHER), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    assert {"articles.csv", "references.bib", "page_lines.csv"} <= set(seen)
    assert "mentions.csv" not in seen and "datapackage.json" not in seen
    assert list(serialised(read_page(OTHER), OTHER.name))[-1][0] == "datapackage.json"


def test_a_later_run_removes_leftovers_of_a_killed_one(tmp_path, sets):
    a, _ = sets
    out = tmp_path / "out"
    write_files(a, out)
    stale = tmp_path / ".out.libyabook-zzz"
    stale.mkdir()
    (stale / "articles.csv").write_bytes(b"half")
    assert write_files(a, out) == []
    assert leftovers(out) == [] and contents(out) == a


def test_an_old_set_left_aside_by_two_renames_is_moved_back(tmp_path, sets):
    a, _ = sets
    out = tmp_path / "out"
    write_files(a, out)
    out.rename(tmp_path / ".out.libyabook-abc-old")  # killed between the two renames of the fallback
    write_files(a, out)
    assert contents(out) == a and leftovers(out) == []


def test_repro_a_folder_where_a_table_goes_leaves_the_old_set(tmp_path):
    out = tmp_path / "o"
    assert cli.main(["extract", str(RAW_PAGE), "--out", str(out), "--quiet"]) == 0
    before = contents(out)
    (out / "events.csv").unlink()
    (out / "events.csv").mkdir()
    del before["events.csv"]
    assert cli.main(["extract", str(OTHER), "--out", str(out), "--quiet"]) == 2
    (out / "events.csv").rmdir()
    assert contents(out) == before


# ------------------------------------------------------------------ load() refuses a damaged or mixed folder


def test_load_verifies_every_file(tmp_path, monkeypatch, sets):
    a, b = sets
    folder = tmp_path / "processed"
    write_files(a, folder)
    monkeypatch.setattr(tables, "PROCESSED_DIR", folder)
    assert len(tables.load(RAW_PAGE).articles) > 0
    (folder / "claims.csv").write_bytes(b["claims.csv"])  # a table of another page
    with pytest.raises(PageError, match=r"claims\.csv: sha256 does not match datapackage\.json; re-run `make data`"):
        tables.load(RAW_PAGE)
    (folder / "claims.csv").unlink()
    with pytest.raises(PageError, match="claims.csv: cannot read"):
        tables.load(RAW_PAGE)
    (folder / "datapackage.json").write_text("{not json")
    with pytest.raises(PageError, match="datapackage.json: unreadable"):
        tables.load(RAW_PAGE)


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.update(resources=None),
        lambda d: d.update(resources="abc"),
        lambda d: d["resources"].__setitem__(0, "articles.csv"),
        lambda d: d["resources"][0].update(hash=12),
        lambda d: d["resources"][0].update(path=["articles.csv"]),
        lambda d: d.update(files=None),
        lambda d: d["files"].__setitem__(0, "references.bib"),
    ],
)
def test_load_refuses_a_datapackage_of_the_wrong_shape(tmp_path, monkeypatch, sets, edit):
    """Valid JSON whose resources or files are not what extract writes: one line, never a TypeError."""
    folder = tmp_path / "processed"
    write_files(sets[0], folder)
    monkeypatch.setattr(tables, "PROCESSED_DIR", folder)
    desc = json.loads((folder / "datapackage.json").read_bytes())
    edit(desc)
    (folder / "datapackage.json").write_text(json.dumps(desc))
    with pytest.raises(PageError, match=r"datapackage\.json: unreadable \(.*\); re-run `make data`"):
        tables.load(RAW_PAGE)


def test_load_refuses_a_deeply_nested_datapackage(tmp_path, monkeypatch, sets):
    folder = tmp_path / "processed"
    write_files(sets[0], folder)
    monkeypatch.setattr(tables, "PROCESSED_DIR", folder)
    (folder / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(PageError, match=r"datapackage\.json: unreadable \(maximum recursion depth"):
        tables.load(RAW_PAGE)


# ------------------------------------------------------------------ every OSError is one line, exit 2


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    return err.strip()


def test_page_is_a_directory(tmp_path, capsys):
    assert cli.main(["extract", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert "is a directory" in one_line(capsys)


@pytest.mark.parametrize(
    "make_path, reason",
    [
        (lambda d: d / "file.txt" / "page.txt", "Not a directory"),
        (lambda d: d / ("a" * 300), "File name too long"),
        (lambda d: d / "loop", "Too many levels of symbolic links"),
    ],
)
def test_unreadable_page_paths(tmp_path, capsys, make_path, reason):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "loop").symlink_to("loop")
    page = make_path(tmp_path)
    assert cli.main(["extract", str(page), "--out", str(tmp_path / "o")]) == 2
    line = one_line(capsys)
    assert str(page) in line and reason in line
    assert not (tmp_path / "o").exists()


def test_permission_denied_on_the_page(tmp_path, capsys, monkeypatch):
    from libyabook.extract import corpus

    def denied(path, mode="r"):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(corpus, "open", denied, raising=False)  # root reads any file: simulate
    assert cli.main(["extract", str(RAW_PAGE), "--out", str(tmp_path / "o")]) == 2
    assert "Permission denied" in one_line(capsys)


def test_page_larger_than_the_bound(tmp_path, capsys, monkeypatch):
    from libyabook.extract import corpus

    monkeypatch.setattr(corpus, "MAX_PAGE_BYTES", 1000)
    assert cli.main(["extract", str(RAW_PAGE), "--out", str(tmp_path / "o")]) == 2
    assert "larger than" in one_line(capsys)


@pytest.mark.parametrize(
    "make_out, reason",
    [
        (lambda d: d / "file.txt" / "o", "is not a folder"),
        (lambda d: d / "file.txt", "is not a folder"),
        (lambda d: d / ("a" * 300), "File name too long"),
        (lambda d: d / "loop", "Not a directory"),
    ],
)
def test_unwritable_output_paths(tmp_path, capsys, make_out, reason):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "loop").symlink_to("loop")
    assert cli.main(["extract", str(OTHER), "--out", str(make_out(tmp_path))]) == 2
    assert reason in one_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "loop"]


def test_permission_denied_and_disk_full_on_writing(tmp_path, capsys, monkeypatch):
    for err in (errno.EACCES, errno.ENOSPC):

        def fail(path, data, err=err):
            raise OSError(err, os.strerror(err), str(path))

        monkeypatch.setattr(pipeline, "write_file", fail)
        assert cli.main(["extract", str(OTHER), "--out", str(tmp_path / "o")]) == 2
        assert os.strerror(err) in one_line(capsys)
        assert list(tmp_path.iterdir()) == []


def test_an_unexpected_exception_is_a_bug_not_bad_input(tmp_path, monkeypatch):
    def broken(page, name):
        yield "articles.csv", b"half\n"
        raise KeyError("a bug")

    monkeypatch.setattr(pipeline, "serialised", broken)
    with pytest.raises(KeyError):
        cli.main(["extract", str(OTHER), "--out", str(tmp_path / "o")])
    assert list(tmp_path.iterdir()) == []  # the temporary folder is removed even then


@pytest.mark.parametrize(
    "evidence, edited, message, names",
    [
        (  # LBY002's evidence
            "Heftir returned to Libya and took part in an uprising",
            "Heftir went back to Libya",
            r"edited\.txt:\d+: event LBY002 of data/reference/events\.csv",
            ["LBY002", "linked-06"],
        ),
        (  # execution_video_toll's: it raised a bare ValueError (a traceback), found by fuzzing on 2 December
            "He appears in one video in which 20 people are apparently killed.",
            "He appears in one video.",
            r"edited\.txt:\d+: disagreements topic 'execution_video_toll' of data/reference/disagreements\.csv",
            ["execution_video_toll", "to contain 'He appears in one video in which"],
        ),
    ],
)
def test_a_page_that_no_longer_matches_a_reference_table(tmp_path, capsys, evidence, edited, message, names):
    text = RAW_PAGE.read_text(encoding="utf-8")
    assert evidence in text
    page = tmp_path / "edited.txt"
    page.write_text(text.replace(evidence, edited), encoding="utf-8")
    with pytest.raises(EvidenceError, match=message):
        serialise(read_page(page), page.name)
    assert cli.main(["extract", str(page), "--out", str(tmp_path / "o" / "p")]) == 2
    line = one_line(capsys)
    assert all(name in line for name in names) and str(page) in line
    assert list(tmp_path.iterdir()) == [page]  # found half-way: nothing written, no folder left


def test_output_folder_holding_a_foreign_folder_is_refused(tmp_path, capsys, sets):
    out = tmp_path / "o"
    write_files(sets[0], out)
    (out / "notes").mkdir()
    with pytest.raises(OutputError, match="not written by the extraction"):
        write_files(sets[1], out)
    assert contents(out) == sets[0] and (out / "notes").is_dir()


def test_datapackage_records_each_file_sha256(sets):
    a, _ = sets
    recorded = pipeline.datapackage.recorded_hashes(json.loads(a["datapackage.json"]))
    assert recorded == {n: hashlib.sha256(d).hexdigest() for n, d in a.items() if n != "datapackage.json"}


def test_notebook_parameter_naming_a_directory(tmp_path):
    from libyabook.params import ParameterError, check_path

    with pytest.raises(ParameterError, match="is a directory; expected the path of a page file"):
        check_path(tmp_path)
    with pytest.raises(ParameterError, match="no such file"):
        check_path(tmp_path / "nope.txt")
    assert check_path(RAW_PAGE) == RAW_PAGE


def test_the_two_rename_fallback_swaps_and_restores_on_failure(tmp_path, sets, monkeypatch):
    """Without RENAME_EXCHANGE the swap is two renames; a failure of the second puts the old set back."""
    a, b = sets
    out = tmp_path / "out"
    write_files(a, out)
    monkeypatch.setattr(pipeline.ctypes, "CDLL", lambda *args, **kw: object())  # no renameat2
    write_files(b, out)
    assert contents(out) == b and leftovers(out) == []
    real = os.rename
    calls = []

    def second_fails(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error", str(dst))
        real(src, dst)

    monkeypatch.setattr(pipeline.os, "rename", second_fails)
    with pytest.raises(OSError):
        write_files(a, out)
    monkeypatch.setattr(pipeline.os, "rename", real)
    assert contents(out) == b and leftovers(out) == []


# ------------------------------------------------------------------ Ctrl-C, SIGTERM, SIGHUP: one line, the old set kept

SIGNALLED = """
import os, signal, sys
from libyabook import cli
from libyabook.extract import pipeline
real_serialised, real_exchange = pipeline.serialised, pipeline._exchange
sig, at = getattr(signal, sys.argv[1]), sys.argv[2]
class Swallowing:
    def __del__(self):  # Python reports an exception raised here as 'Exception ignored' and goes on
        os.kill(os.getpid(), sig)
def serialised(page, name):
    for k, item in enumerate(real_serialised(page, name)):
        if str(k) == at:
            os.kill(os.getpid(), sig)
        if f"del{k}" == at:
            Swallowing()
        yield item
def exchange(a, b):
    if at == "swap":
        os.kill(os.getpid(), sig)
    real_exchange(a, b)
pipeline.serialised, pipeline._exchange = serialised, exchange
sys.exit(cli.main(["extract", sys.argv[3], "--out", sys.argv[4], "--quiet"]))
"""


@pytest.mark.parametrize(
    "sig, at", [("SIGINT", "0"), ("SIGTERM", "9"), ("SIGHUP", "20"), ("SIGTERM", "del5"), ("SIGINT", "swap")]
)
def test_a_stop_signal_is_one_line_and_keeps_the_old_set(tmp_path, sets, sig, at):
    """Ctrl-C, SIGTERM or SIGHUP while the tables are made: one line, exit 2, the old set, no temporary folder,
    also when it comes where Python swallows exceptions (``__del__``: 'del5'). One that comes once the swap has
    begun is too late to stop the run: the new set is in, exit 0."""
    a, b = sets
    out = tmp_path / "out"
    write_files(a, out)
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    cmd = [sys.executable, "-c", SIGNALLED, sig, at, str(OTHER), str(out)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert leftovers(out) == [] and "Traceback" not in proc.stderr, proc.stderr
    if at == "swap":
        assert (proc.returncode, proc.stderr, contents(out)) == (0, "", b)
        return
    assert proc.returncode == 2 and contents(out) == a
    assert proc.stderr.strip() == f"libyabook: error: interrupted by {sig}; the output folder keeps the tables it had"
