"""Debian's Chromium as the book drives it: the PDF edition, Lighthouse and the browser tests share these flags.

Headless, no sandbox (CI runs as root), and nothing that would reach the network on its own (updates,
sync, QUIC), so every request a page makes is one the book itself asked for.
"""

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
