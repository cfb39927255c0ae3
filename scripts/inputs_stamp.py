"""Clear the notebook execution cache when anything a chapter reads has changed since the last build.

jupyter-cache re-executes a notebook only when its code changes; the chapters also read data/ and
import src/libyabook, so a change there must invalidate the cache. Usage: inputs_stamp.py STAMPFILE
"""

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ["data/processed", "data/reference", "data/raw", "src/libyabook"]


def digest() -> str:
    h = hashlib.sha256()
    for folder in INPUTS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def main(stamp: str) -> None:
    stamp_path = ROOT / stamp
    now = digest()
    if stamp_path.exists() and stamp_path.read_text() == now:
        return
    cache = ROOT / "_build" / ".jupyter_cache"
    if cache.exists():
        print("==> [data] inputs changed since the last build: clearing the notebook cache")
        shutil.rmtree(cache)
    stamp_path.parent.mkdir(parents=True, exist_ok=True)
    stamp_path.write_text(now)


if __name__ == "__main__":
    main(sys.argv[1])
