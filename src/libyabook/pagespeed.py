"""Sphinx extension: lighter pages for a phone on a slow network (Lighthouse), the way the theme allows.

- Scripts that Sphinx and the extensions put in ``<head>`` load with ``defer``, so they no longer hold up the
  first paint; ``documentation_options.js`` stays as it is (inline scripts use it at once). The search page's
  own scripts are deferred by ``_templates/search.html``, after these (deferred scripts run in order). Once the
  site is built, every deferred script is taken out of the page and loaded, in the same order, by a small inline
  loader after the page's first contentful paint (``after_paint``): on a slow network they no longer share the
  bandwidth with the page and its stylesheet before the text shows.
- Every chart ``<img>`` gets its intrinsic ``width`` and ``height`` (the page keeps its layout while charts
  load), ``decoding="async"`` and ``loading="lazy"`` (every chart sits below a chapter's opening text, more
  than 1,200 px down on a phone and on a desktop; tests/test_pagespeed.py checks it); not in the single-page
  build, which is printed to PDF.
- The stylesheets every page links (Sphinx's, the theme's, the extensions' and ours) are served as one file,
  in the same order with their ``url()`` references rebased: one request before the first paint instead of ten.
  A stylesheet only some pages link stays a link of its own. Each page links its own file,
  ``_static/libyabook-<sha256>.css``, which keeps only the style rules that page's HTML can use (``csspurge``;
  pages with the same rules share a file): 70 to 100 KB. The site-wide file, ``_static/libyabook-bundle.css``,
  keeps the rules any page or script can use (menus opened, search results, copy buttons): 417 KB -> 154 KB;
  the loader links it after the first paint, before the scripts run, so every state is styled as before.
- The theme's stylesheet is served without Font Awesome's glyph table and ``@font-face`` rules (86 KB of its
  397 KB; 20 KB gzipped): no page uses the icon font, ``_static/icons.css`` draws the icons it shows. The
  trimmed copy, ``_static/styles/pydata-sphinx-theme-lite.css``, is written under ``_build/`` from the
  installed theme at each build and added to ``html_static_path``; our template links it instead.
- Charts' PNGs are re-encoded where myst-nb writes them, before Sphinx copies them into the site, with a
  palette (Pillow, median cut, at most 256 colours, no dithering): a chart with fewer colours is unchanged
  pixel for pixel, the others within a few levels at anti-aliased edges, at about a third of the bytes.
  Deterministic, cached by the original's sha256, and one thread per core (Pillow releases the GIL).

The templates in ``_templates/`` do the rest: no ``fontawesome.js`` (``_static/icons.css`` draws the icons)
and no search index on pages that do not search (README, Page speed).
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import json
import os
import posixpath
import re
import struct
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from libyabook import csspurge

#: Head scripts that must run where they stand: inline scripts right after them read DOCUMENTATION_OPTIONS.
KEEP_BLOCKING = ("documentation_options.js",)
IMG_TAG = re.compile(r"<img\b([^>]*?)\s*/?>")
SRC = re.compile(r'\ssrc="([^"]+)"')
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: A rule that only maps Font Awesome icon classes to glyphs (``.fa-x:before,.fa-y:before{content:"\\f000"}``),
#: after the end of another rule, and Font Awesome's @font-face rules.
GLYPH_RULE = re.compile(r'(?<=\})(?:\.fa-[a-z0-9-]+:{1,2}before,)*\.fa-[a-z0-9-]+:{1,2}before\{content:"[^"]*"\}')
ICON_FONT_FACE = re.compile(r"@font-face\{[^{}]*font-family:\s*\"?Font Awesome[^{}]*\}")
#: The source map comment: the theme's map describes the untrimmed file.
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")
THEME_CSS = "styles/pydata-sphinx-theme.css"
BUNDLE = "libyabook-bundle.css"
#: The theme's stylesheets, which our template no longer links: the bundle opens with them.
THEME_STYLESHEETS = ("basic.css", "styles/pydata-sphinx-theme-lite.css")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CHARSET = re.compile(r'@charset\s+"[^"]*";\s*')
LITE_CSS = "styles/pydata-sphinx-theme-lite.css"
#: Bump when the re-encoding changes, so cached files from the old one are not reused.
PALETTE_VERSION = "2"
#: A deferred external script as the templates write it (``defer`` or ``defer="defer"``).
DEFERRED_SCRIPT = re.compile(r'<script defer(?:="defer")? src="([^"]*)"></script>\n?')
#: Once the page's first contentful paint is reported (Paint Timing; where that API is missing, the frame after the
#: first), or after 3 s (a page opened in a background tab paints only when shown): links the site-wide stylesheet
#: ``CSS`` (the rules of every state, e.g. an open menu), then, once it has loaded, the scripts ``URLS`` in order.
#: ``libyabookReady`` turns true when the last script has run (the browser tests wait for it).
LOADER = (
    "<script>window.libyabookReady=false;(function(){var u=URLS,c=CSS,started=false;"
    "function run(){u.forEach(function(src,i){var s=document.createElement('script');s.src=src;s.async=false;"
    "if(i===u.length-1)s.onload=function(){window.libyabookReady=true};document.head.appendChild(s)})}"
    "function go(){if(started)return;started=true;if(!c)return run();var l=document.createElement('link');"
    "l.rel='stylesheet';l.href=c;l.onload=l.onerror=run;document.head.appendChild(l)}"
    "var P=window.PerformanceObserver;if(P&&(P.supportedEntryTypes||[]).indexOf('paint')>=0){"
    "new P(function(l,o){if(l.getEntriesByName('first-contentful-paint').length){o.disconnect();setTimeout(go)}})"
    ".observe({type:'paint',buffered:true})}else{requestAnimationFrame(function(){setTimeout(go)})}"
    "setTimeout(go,3000)})()</script>"
)
#: A loader already in a page, with its scripts and stylesheet (an incremental build keeps pages Sphinx did not write).
LOADER_FOUND = re.compile(r'<script>window\.libyabookReady=false;.*?var u=(\[.*?\]),c=(null|".*?"),started.*?</script>')
#: The link to the site's stylesheet or to a page's own (``libyabook-<sha256, 16 digits>.css``).
STYLESHEET_LINK = re.compile(
    r'<link href="([^"]*?)libyabook-(?:bundle|[0-9a-f]{16})\.css(?:\?[^"]*)?" rel="stylesheet" />'
)


def deferred(scripts: list) -> list:
    """The page's scripts with ``defer`` on every external one, except those in KEEP_BLOCKING (and async ones)."""
    from sphinx.builders.html._assets import _JavaScript

    out = []
    for js in scripts:
        name = str(getattr(js, "filename", js) or "")
        attrs = dict(getattr(js, "attributes", {}))
        blocking = name and not name.split("?")[0].endswith(KEEP_BLOCKING) and not {"defer", "async"} & set(attrs)
        out.append(_JavaScript(js.filename, priority=js.priority, **attrs, defer="defer") if blocking else js)
    return out


def without_icon_font(css: str) -> str:
    """The theme's stylesheet without Font Awesome's glyph rules, @font-face rules and source map comment."""
    return SOURCE_MAP.sub("", ICON_FONT_FACE.sub("", GLYPH_RULE.sub("", css)))


def lighter_theme_css(target_dir: Path) -> Path:
    """Write ``without_icon_font`` of the installed theme's stylesheet to ``target_dir/styles/``; return the dir."""
    import pydata_sphinx_theme

    source = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static" / THEME_CSS
    target = target_dir / LITE_CSS
    text = without_icon_font(source.read_text(encoding="utf-8"))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    return target_dir


def rebase_css_urls(css: str, source: str, target: str) -> str:
    """The relative ``url()`` references of a stylesheet at ``source`` rewritten for one at ``target`` (paths under
    the same root, e.g. 'styles/a.css' and 'bundle.css')."""

    def rebase(m: re.Match) -> str:
        quote, url = m.group(1), m.group(2).strip()
        if re.match(r"([a-z][a-z0-9+.-]*:|/|#)", url, re.I):
            return m.group(0)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), url))
        return f"url({quote}{posixpath.relpath(path, posixpath.dirname(target) or '.')}{quote})"

    return CSS_URL.sub(rebase, css)


def stylesheet_text(static: Path, name: str, target: str = BUNDLE) -> str:
    """The stylesheet ``name`` (a path under ``static``) as the bundle ``target`` holds it: @charset and source map
    comments dropped (one @charset opens the bundle), ``url()`` references rebased."""
    css = SOURCE_MAP.sub("", CHARSET.sub("", (static / name).read_text(encoding="utf-8")))
    return rebase_css_urls(css, name, target)


def parse_stylesheets(static: Path, names: list[str], target: str = BUNDLE) -> list[tuple[str, tuple]]:
    """The stylesheets ``names`` (``stylesheet_text``), each parsed once (``csspurge.parse``) for the many purges
    of a build (the site's and every page's)."""
    return [(name, csspurge.parse(stylesheet_text(static, name, target))) for name in names]


def purged_bundle(parsed: list[tuple[str, tuple]], used: frozenset[str]) -> str:
    """The parsed stylesheets as one, in order, without the rules a page using only ``used`` cannot use."""
    parts = ['@charset "UTF-8";\n']
    for name, rules in parsed:
        parts.append(f"/* {name} */\n{csspurge.purge_parsed(rules, used).css.strip()}\n")
    return "".join(parts)


def page_names(outdir: Path) -> dict[Path, frozenset[str]]:
    """``csspurge.used_names`` of each HTML file of a built site, each read and parsed once."""
    return {p: csspurge.used_names([p.read_text(encoding="utf-8")], []) for p in sorted(outdir.rglob("*.html"))}


def site_names(outdir: Path, pages: dict[Path, frozenset[str]] | None = None) -> frozenset[str]:
    """``csspurge.used_names`` of a built site: its HTML pages (``page_names``, if already read) and the scripts
    under ``_static/``."""
    scripts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((outdir / "_static").rglob("*.js"))]
    pages = page_names(outdir) if pages is None else pages
    return csspurge.used_names([], scripts).union(*pages.values())


def _js(value) -> str:
    """``value`` as a JavaScript literal that cannot end the inline script it sits in."""
    return json.dumps(value).replace("</", "<\\/")


def after_paint(page: str) -> str:
    """``page`` (HTML) with its deferred scripts, and the site-wide stylesheet it links, loaded after its first paint.

    Deferred scripts are fetched while the page loads; on a slow network they share the bandwidth with the page and
    its stylesheet, and Lighthouse counts them before the first text is painted. Every script here starts on
    DOMContentLoaded or at once when it has passed (README, Page speed). The page keeps a link to a stylesheet for
    what it shows before any script runs (``page_stylesheet_name``). A loader already in the page is written again with
    the same scripts and stylesheet, so running this twice gives the same page.
    """
    urls, css = [], None
    if found := LOADER_FOUND.search(page):
        urls, css = json.loads(found.group(1).replace("<\\/", "</")), json.loads(found.group(2).replace("<\\/", "</"))
        page = page[: found.start()] + page[found.end() :]
    urls += [html.unescape(u) for u in DEFERRED_SCRIPT.findall(page)]
    if (link := STYLESHEET_LINK.search(page)) and BUNDLE in link.group(0):
        css = html.unescape(re.search(r'href="([^"]*)"', link.group(0)).group(1))
    if not (urls or css) or "</body>" not in page:
        return page
    loader = LOADER.replace("URLS", _js(urls)).replace("CSS", _js(css))
    body_end = page.rindex("</body>")
    return DEFERRED_SCRIPT.sub("", page[:body_end]) + loader + page[body_end:]


def page_stylesheet_name(css: str) -> str:
    """The file name of a page's own stylesheet: named by its content, so pages with the same rules share one."""
    return f"libyabook-{hashlib.sha256(css.encode()).hexdigest()[:16]}.css"


def link_stylesheet(page: str, name: str) -> str:
    """``page`` linking the stylesheet ``name`` (in ``_static/``) instead of the site's or another page's."""
    return STYLESHEET_LINK.sub(lambda m: f'<link href="{m.group(1)}{name}" rel="stylesheet" />', page, count=1)


def png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) from a PNG's header, or None when the file is not a PNG."""
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or not head.startswith(PNG_SIGNATURE) or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def size_images(body: str, size_of, lazy_after: int = 0) -> str:
    """``body`` with width/height (from ``size_of(src)``, None when unknown) and lazy loading on its <img> tags.

    Attributes an <img> already has are kept; images after the first ``lazy_after`` get ``loading="lazy"``.
    """
    count = 0

    def tag(m: re.Match) -> str:
        nonlocal count
        attrs = m.group(1)
        src = SRC.search(attrs)
        size = size_of(html.unescape(src.group(1))) if src else None
        if size is None:
            return m.group(0)
        count += 1
        extra = {"width": str(size[0]), "height": str(size[1]), "decoding": "async"}
        if count > lazy_after:
            extra["loading"] = "lazy"
        added = "".join(f' {k}="{v}"' for k, v in extra.items() if not re.search(rf"\s{k}=", attrs))
        return f"<img{attrs}{added} />"

    return IMG_TAG.sub(tag, body)


def palette_png(data: bytes) -> bytes:
    """A fully opaque PNG re-encoded with a palette of at most 256 colours; other PNGs, or no gain, unchanged."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        if im.mode == "P" or (im.mode == "RGBA" and im.getextrema()[3][0] < 255):
            return data
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = io.BytesIO()
        small.save(out, "PNG")  # zlib's default level: optimize=True saves 8 % more for 7 times the time
    return out.getvalue() if len(out.getvalue()) < len(data) else data


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file of this thread's own (``shrink_pngs`` runs threads)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _original_of(data: bytes, cache: Path) -> bytes:
    """The PNG myst-nb wrote, when ``data`` is what an earlier build (maybe an older PALETTE_VERSION) made of it."""
    ref = cache / "from" / _digest(data)
    return (cache / "orig" / f"{ref.read_text()}.png").read_bytes() if ref.exists() else data


def _small(original: bytes, cache: Path) -> bytes:
    """``palette_png(original)``, from the cache when this version made it before; records where it came from."""
    cached = cache / f"{_digest(PALETTE_VERSION.encode() + original)}.png"
    if cached.exists():
        return cached.read_bytes()
    small = palette_png(original)
    _write(cached, small)
    if small != original:
        _write(cache / "orig" / f"{_digest(original)}.png", original)
        _write(cache / "from" / _digest(small), _digest(original).encode())
    return small


def shrink_pngs(paths: list[Path], cache: Path) -> int:
    """Re-encode each PNG of ``paths`` in place with ``palette_png``; return the bytes saved.

    The files are myst-nb's, re-encoded where they lie: ``cache`` keeps each original, so a file an earlier build
    re-encoded is made again from its original (same bytes as a clean build, whatever version made it before).
    """
    found = {path: path.read_bytes() for path in sorted(paths)}
    originals = {path: _original_of(data, cache) for path, data in found.items()}
    unique = sorted(set(originals.values()))
    # Pillow lets go of the GIL while it quantizes and compresses: one thread per core halves the wall time.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        smalls = dict(zip(unique, pool.map(functools.partial(_small, cache=cache), unique)))
    saved = 0
    for path, data in found.items():
        small = smalls[originals[path]]
        if small != data:
            path.write_bytes(small)
            saved += len(data) - len(small)
    return saved


def _image_sizes(app) -> dict[str, tuple[int, int]]:
    """Output image name ('abc.png') -> its size, for the images the builder copies into _images/."""
    sizes = {}
    for src, name in getattr(app.builder, "images", {}).items():
        path = Path(app.srcdir, src)
        if path.suffix.lower() == ".png" and path.is_file() and (size := png_size(path)):
            sizes[name] = size
    return sizes


def _bundled(app, css_files: list) -> list:
    """The page's stylesheets less those the bundle holds; the first pages written decide what it holds."""
    bundle = getattr(app, "libyabook_bundle", None)
    plain = [c for c in css_files if set(c.attributes) <= {"rel", "type"} and not str(c.filename).startswith("http")]
    if bundle is None:
        bundle = app.libyabook_bundle = [*THEME_STYLESHEETS, *(str(c.filename).removeprefix("_static/") for c in plain)]
    return [c for c in css_files if str(c.filename).removeprefix("_static/") not in bundle]


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        context["script_files"] = deferred(context["script_files"])
    if "css_files" in context:
        context["css_files"] = _bundled(app, context["css_files"])
    if "body" in context and "<img" in context["body"]:
        sizes = _image_sizes(app)
        lazy_after = 10**6 if app.builder.name == "singlehtml" else 0
        context["body"] = size_images(context["body"], lambda src: sizes.get(src.rsplit("/", 1)[-1]), lazy_after)


def _shrink_images(app, env) -> None:
    """After reading, before writing: the PNGs the pages show, re-encoded where they are, so Sphinx copies those."""
    if app.builder.format == "html":
        paths = [Path(app.srcdir, src) for src in env.images]
        shrink_pngs(
            [p for p in paths if p.suffix.lower() == ".png" and p.is_file()], Path(app.outdir).parent / ".png-palette"
        )


def _static_override(app, config) -> None:
    static = lighter_theme_css(Path(app.outdir).parent / ".pagespeed-static")
    config.html_static_path = [*config.html_static_path, str(static)]


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _restyle_site(app, exception) -> None:
    """After the build: each page with ``after_paint``, the site-wide stylesheet (purged against every page and
    script) and each page's own (purged against that page alone: what it shows before its scripts run)."""
    names = getattr(app, "libyabook_bundle", None)
    if exception is not None or app.builder.format != "html" or not names:
        return
    outdir, site = Path(app.outdir), app.builder.name == "html"
    static = outdir / "_static"
    pages = book_pages(outdir) if site else []
    for path in pages:  # first, so that the names read below are those of the pages as served
        _write_if_changed(path, after_paint(path.read_text(encoding="utf-8")))
    parsed = parse_stylesheets(static, names)
    used = page_names(outdir)
    _write_if_changed(static / BUNDLE, purged_bundle(parsed, site_names(outdir, used)))
    own = set()
    for path in pages:
        text = path.read_text(encoding="utf-8")
        css = purged_bundle(parsed, used[path])
        name = page_stylesheet_name(css)
        own.add(name)
        _write_if_changed(static / name, css)
        _write_if_changed(path, link_stylesheet(text, name))
    for old in static.glob("libyabook-*.css"):
        if site and old.name != BUNDLE and old.name not in own:
            old.unlink()


def book_pages(outdir: Path) -> list[Path]:
    """The site's own HTML pages: not the sources, downloads, static or served data files."""
    skip = {"_static", "_sources", "_images", "_downloads", "data"}
    return [p for p in sorted(outdir.rglob("*.html")) if p.relative_to(outdir).parts[0] not in skip]


def setup(app):
    app.connect("config-inited", _static_override)
    app.connect("html-page-context", _page_context, priority=999)
    app.connect("env-updated", _shrink_images)
    # after the theme's own build-finished handler, which rewrites _static/pygments.css with its light/dark colours
    app.connect("build-finished", _restyle_site, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
