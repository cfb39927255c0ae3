"""Lighthouse scores (performance, accessibility, best practices, SEO) of every page of the built book.

    python scripts/lighthouse.py [--preset mobile|desktop] [--serve gzip|plain] [--json-dir DIR] [--min N] [PAGE ...]

Serves _build/html on 127.0.0.1 (``gzip``: text files gzipped as GitHub Pages serves them; ``plain``: as
``python -m http.server`` does, the worst case) and runs the Lighthouse CLI on each page with Debian's Chromium
(``CHROME_PATH``, default scripts/chromium.py's). Prints one line per page: the four scores, FCP, LCP, TBT and the
bytes transferred. Exit 1 when a score is under ``--min`` (default 95), 2 when Lighthouse or the build is missing.
Nothing is installed at run time: Lighthouse is ``$LIGHTHOUSE``, ``lighthouse`` on PATH, or what
``npx --no-install lighthouse`` finds (a local npm install); otherwise the script says how to get it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chromium import CHROMIUM  # noqa: E402  (one place for the browser path; also imported from tests)

REPO = Path(__file__).resolve().parent.parent
HTML = REPO / "_build" / "html"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: What GitHub Pages serves gzipped (text); images, fonts, zips and PDFs go as they are.
GZIP_SUFFIXES = {".html", ".css", ".js", ".svg", ".json", ".csv", ".txt", ".map", ".bib", ".md"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-sync"
HOW_TO_GET = (
    "lighthouse not found: install it with npm (e.g. `npm install --prefix /tmp/lh lighthouse@12.8.2`) and set"
    " LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse, or put `lighthouse` on PATH"
)


@dataclass(frozen=True)
class Scores:
    """One page's Lighthouse result: the four category scores (0-100) and the metrics behind performance."""

    page: str
    performance: int
    accessibility: int
    best_practices: int
    seo: int
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    transfer_kb: float

    def lowest(self) -> int:
        return min(self.performance, self.accessibility, self.best_practices, self.seo)

    def line(self) -> str:
        return (
            f"{self.page:38} {self.performance:4} {self.accessibility:4} {self.best_practices:4} {self.seo:4}"
            f" {self.fcp_ms / 1000:6.2f} {self.lcp_ms / 1000:6.2f} {self.tbt_ms:6.0f} {self.transfer_kb:8.0f}"
        )


HEADER = (
    f"{'page':38} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'FCP s':>6} {'LCP s':>6} {'TBT ms':>6} {'KB sent':>8}"
)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; with ``gzip_text`` set, text files are sent gzipped to a client that accepts it."""

    gzip_text = False

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip_text and accepts and path.is_file() and path.suffix in GZIP_SUFFIXES):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, gzip_text: bool):
    """Serve ``folder`` on an ephemeral 127.0.0.1 port (text gzipped or not); yields the base URL."""
    handler = functools.partial(type("H", (_Handler,), {"gzip_text": gzip_text}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse_command() -> list[str] | None:
    """The Lighthouse CLI already on this machine, or None (nothing is downloaded)."""
    if os.environ.get("LIGHTHOUSE"):
        return [os.environ["LIGHTHOUSE"]]
    if shutil.which("lighthouse"):
        return ["lighthouse"]
    if shutil.which("npx"):
        probe = subprocess.run(["npx", "--no-install", "lighthouse", "--version"], capture_output=True, text=True)
        if probe.returncode == 0:
            return ["npx", "--no-install", "lighthouse"]
    return None


def book_pages(html: Path) -> list[str]:
    """Every HTML page of the built book (not the theme's, the sources' or the served data's files)."""
    skip = {"_static", "_sources", "_images", "_downloads", "data"}
    return sorted(
        p.relative_to(html).as_posix() for p in html.rglob("*.html") if p.relative_to(html).parts[0] not in skip
    )


def scores_from(page: str, report: dict) -> Scores:
    """The four scores and key metrics of one Lighthouse JSON report."""
    cats, audits = report["categories"], report["audits"]

    def score(key: str) -> int:
        return round((cats[key]["score"] or 0) * 100)

    def value(key: str) -> float:
        return float(audits[key].get("numericValue") or 0)

    return Scores(
        page,
        score("performance"),
        score("accessibility"),
        score("best-practices"),
        score("seo"),
        value("first-contentful-paint"),
        value("largest-contentful-paint"),
        value("total-blocking-time"),
        value("total-byte-weight") / 1024,
    )


def run_page(command: list[str], url: str, preset: str, out: Path) -> dict:
    """Run Lighthouse once on ``url`` and return its JSON report (also written to ``out``)."""
    args = [*command, url, "--output=json", f"--output-path={out}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"]
    args.append(f"--only-categories={','.join(CATEGORIES)}")
    if preset == "desktop":
        args.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages relative to _build/html (default: every page)")
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile")
    parser.add_argument("--serve", choices=("gzip", "plain"), default="gzip")
    parser.add_argument("--json-dir", type=Path, help="keep each page's Lighthouse JSON report here")
    parser.add_argument("--min", type=int, default=95, help="exit 1 when any score is under this")
    parser.add_argument("--html", type=Path, default=HTML, help="the built book (default _build/html)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    command = lighthouse_command()
    if command is None:
        print(HOW_TO_GET, file=sys.stderr)
        return 2
    if not (args.html / "index.html").is_file():
        print(f"{args.html}/index.html: no built book; run `make book` first", file=sys.stderr)
        return 2
    pages = args.pages or book_pages(args.html)
    json_dir = args.json_dir or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    json_dir.mkdir(parents=True, exist_ok=True)
    print(f"Lighthouse, {args.preset} preset, {args.serve} serving, {args.html}")
    print(HEADER)
    results = []
    with serve(args.html, args.serve == "gzip") as base:
        for page in pages:
            out = json_dir / f"{page.replace('/', '__')}.{args.preset}.{args.serve}.json"
            results.append(scores_from(page, run_page(command, f"{base}/{page}", args.preset, out)))
            print(results[-1].line(), flush=True)
    low = [r.page for r in results if r.lowest() < args.min]
    if low:
        print(f"{len(low)} page(s) with a score under {args.min}: {', '.join(low)}")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
