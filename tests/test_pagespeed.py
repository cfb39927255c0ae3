"""Page weight: what libyabook.pagespeed and the templates in _templates/ do, and a byte budget for the built pages.

Lighthouse itself is too slow for pytest (about 20 s a page): `make lighthouse` runs it. These tests hold what
its scores rest on, cheaply: no page loads fontawesome.js or an icon font, head scripts are deferred, the bytes
a page needs before its first paint stay under a budget, every chart has its size and loads lazily after the first.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import io
import json
import random
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from libyabook import csspurge, pagespeed
from libyabook.reference import REPO

HTML = REPO / "_build" / "html"
#: Gzipped bytes of the stylesheets and synchronous scripts a page needs before it can paint (15 to 20.2 KB on the
#: build of 1 December 2026 with each page's own stylesheet; 29 KB with the site-wide one, 64 KB unpurged; 133 KB
#: before libyabook.pagespeed: the full theme stylesheet, ten files, the search index).
RENDER_BLOCKING_GZ_BUDGET = 23_000
#: The same served uncompressed (``python -m http.server``), the page included: 220 KB for chapter 9 (120 KB of HTML,
#: 100 KB of stylesheet) on 1 December 2026; 274 KB with the site-wide stylesheet, when Lighthouse's mobile preset
#: gave chapter 9 a first paint 0.3 s later (README, Page speed).
FIRST_PAINT_PLAIN_BUDGET = 230_000
#: Gzipped bytes of a page, its stylesheets and all its scripts, images aside, the site-wide stylesheet loaded after
#: the first paint included (89 to 119 KB on 1 December 2026; 760 to 770 KB before, 543 KB of it fontawesome.js).
PAGE_GZ_BUDGET = 135_000
#: No single stylesheet or script a page loads may be larger than this, uncompressed (the one stylesheet was 409 KB;
#: bootstrap.js, 81 KB, is the largest file now).
FILE_BUDGET = 450_000
#: The one stylesheet, uncompressed: 154 KB on the build of 1 December 2026, purged of the rules no page uses (417 KB
#: before; 64 KB gzipped then, 28 KB now). Lighthouse's slow 4G reads it before the first paint on every page.
BUNDLE_BUDGET = 160_000
#: A page's own stylesheet, uncompressed: 70 to 100 KB on 1 December 2026.
PAGE_CSS_BUDGET = 110_000
ICON_MODIFIERS = {"fa-solid", "fa-lg", "fa-regular", "fa-brands", "fa-fw"}


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png(colours: int, size=(40, 20), alpha: int = 255) -> bytes:
    im = Image.new("RGBA", size, (255, 255, 255, alpha))
    for x in range(size[0]):
        shade = (x * colours // size[0]) * 255 // max(colours - 1, 1)
        for y in range(size[1] // 2):
            im.putpixel((x, y), (shade, 255 - shade, (shade * 7) % 256, alpha))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


class _Js:
    """Stand-in for Sphinx's _JavaScript: a filename, a priority and attributes."""

    def __init__(self, filename, priority=500, **attributes):
        self.filename, self.priority, self.attributes = filename, priority, attributes


def test_head_scripts_are_deferred_except_those_inline_code_needs_at_once():
    scripts = [
        _Js("_static/documentation_options.js?v=1"),
        _Js("_static/doctools.js"),
        _Js(None, body="let x = 1;"),
        _Js("_static/already.js", **{"async": "async"}),
    ]
    out = pagespeed.deferred(scripts)
    assert [dict(js.attributes) for js in out] == [{}, {"defer": "defer"}, {"body": "let x = 1;"}, {"async": "async"}]
    assert [js.filename for js in out] == [js.filename for js in scripts]


def test_deferred_scripts_and_the_site_stylesheet_load_after_the_first_paint_in_their_order():
    page = (
        '<html><head><link href="../_static/libyabook-bundle.css?digest=1" rel="stylesheet" />'
        '<script src="opts.js"></script><script defer="defer" src="a.js?v=1&amp;x=2"></script>\n'
        '</head><body><p>text</p><script>var inline = 1;</script><script defer src="b.js"></script></body></html>'
    )
    out = pagespeed.after_paint(page)
    assert "defer" not in out and '<script src="opts.js"></script>' in out and "var inline = 1;" in out
    loader = re.search(r"<script>([^<]*)</script></body>", out).group(1)
    assert 'var u=["a.js?v=1&x=2", "b.js"],c="../_static/libyabook-bundle.css?digest=1",' in loader
    assert "first-contentful-paint" in loader
    assert pagespeed.after_paint(out) == out  # a rebuilt page is left as it is
    older = out.replace("setTimeout(go,3000)", "setTimeout(go,9)")  # a page an earlier version wrote
    assert pagespeed.after_paint(older) == out
    own = pagespeed.link_stylesheet(out, pagespeed.page_stylesheet_name("p{x:1}"))
    assert re.search(r'<link href="\.\./_static/libyabook-[0-9a-f]{16}\.css" rel="stylesheet" />', own)
    assert pagespeed.after_paint(own) == own  # the loader still names the site's stylesheet
    assert pagespeed.after_paint("<p>no scripts</p>") == "<p>no scripts</p>"
    hostile = pagespeed.after_paint('<script defer src="x</script>.js"></script></body>')
    assert hostile.count("</script>") == 1 and ",c=null," in hostile


def test_a_page_stylesheet_is_named_by_its_content():
    assert pagespeed.page_stylesheet_name("p{x:1}") == pagespeed.page_stylesheet_name("p{x:1}")
    assert pagespeed.page_stylesheet_name("p{x:1}") != pagespeed.page_stylesheet_name("p{x:2}")
    other = '<link href="a.css" rel="stylesheet" />'
    assert pagespeed.link_stylesheet(other, "x") == other


def test_images_get_their_size_and_load_lazily():
    body = '<p>x</p><img alt="a" src="../_images/a.png" style="width: 100%;" /><img src="b.png" width="9">'
    body += '<img src="unknown.png" />'
    sizes = {"../_images/a.png": (1280, 800), "b.png": (640, 400)}
    out = pagespeed.size_images(body, sizes.get)
    tags = re.findall(r"<img[^>]*>", out)
    assert 'width="1280" height="800" decoding="async" loading="lazy"' in tags[0]
    assert 'width="9"' in tags[1] and 'width="640"' not in tags[1] and 'loading="lazy"' in tags[1]
    assert tags[2] == '<img src="unknown.png" />'
    eager_first = re.findall(r"<img[^>]*>", pagespeed.size_images(body, sizes.get, lazy_after=1))
    assert "loading" not in eager_first[0] and 'loading="lazy"' in eager_first[1]
    assert 'loading="lazy"' not in pagespeed.size_images(body, sizes.get, lazy_after=10)


def test_png_size_reads_the_header(tmp_path):
    (tmp_path / "a.png").write_bytes(_png(4, size=(33, 21)))
    (tmp_path / "b.png").write_bytes(b"not a png at all, long enough to read")
    assert pagespeed.png_size(tmp_path / "a.png") == (33, 21)
    assert pagespeed.png_size(tmp_path / "b.png") is None


def test_a_chart_with_few_colours_gets_a_palette_and_keeps_every_pixel():
    data = _png(40, size=(400, 200))
    small = pagespeed.palette_png(data)
    assert len(small) < len(data)
    assert Image.open(io.BytesIO(small)).mode == "P"
    assert (
        Image.open(io.BytesIO(small)).convert("RGB").tobytes() == Image.open(io.BytesIO(data)).convert("RGB").tobytes()
    )
    assert pagespeed.palette_png(data) == small  # deterministic


def test_a_transparent_png_is_left_as_it_is():
    data = _png(3, alpha=128)
    assert pagespeed.palette_png(data) == data


def test_shrink_pngs_rewrites_in_place_and_reuses_its_cache(tmp_path, monkeypatch):
    path = tmp_path / "c.png"
    original = _png(40, size=(400, 200))
    path.write_bytes(original)
    saved = pagespeed.shrink_pngs([path], tmp_path / "cache")
    small = path.read_bytes()
    assert saved == len(original) - len(small) > 0 and Image.open(path).mode == "P"
    assert pagespeed.shrink_pngs([path], tmp_path / "cache") == 0 and path.read_bytes() == small
    # a new re-encoding starts again from myst-nb's original, not from the earlier small file
    monkeypatch.setattr(pagespeed, "PALETTE_VERSION", "test")
    monkeypatch.setattr(pagespeed, "palette_png", lambda data: b"from " + data[:8])
    pagespeed.shrink_pngs([path], tmp_path / "cache")
    assert path.read_bytes() == b"from " + original[:8]


def test_shrink_pngs_in_threads_gives_each_file_its_own_palette_and_leaves_no_temporary_file(tmp_path):
    """Files re-encoded side by side, two of them the same chart: each ends as palette_png of its original."""
    originals = [_png(40, size=(400, 200)), _png(60, size=(300, 300)), _png(40, size=(400, 200)), _png(90)]
    paths = [tmp_path / f"{i}.png" for i in range(len(originals))]
    for path, data in zip(paths, originals):
        path.write_bytes(data)
    pagespeed.shrink_pngs(paths, tmp_path / "cache")
    assert [p.read_bytes() for p in paths] == [pagespeed.palette_png(d) for d in originals]
    assert not list((tmp_path / "cache").rglob("*.tmp"))


def test_theme_css_loses_the_icon_font_and_nothing_else():
    css = (
        'a{b:c}.fa-x:before,.fa-y::before{content:"\\f00"}.q,.fa-z:before{content:"x"}'
        "@font-face{font-display:block;font-family:Font Awesome\\ 6 Free;src:url(a.woff2)}"
        "@font-face{font-family:Other;src:url(b)}\n/*# sourceMappingURL=t.css.map*/"
    )
    assert (
        pagespeed.without_icon_font(css)
        == 'a{b:c}.q,.fa-z:before{content:"x"}@font-face{font-family:Other;src:url(b)}\n'
    )


def test_the_installed_theme_css_is_trimmed_and_stays_balanced(tmp_path):
    lite = (pagespeed.lighter_theme_css(tmp_path) / pagespeed.LITE_CSS).read_text(encoding="utf-8")
    import pydata_sphinx_theme

    full = (
        Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static" / pagespeed.THEME_CSS
    ).read_text()
    assert len(full) - len(lite) > 60_000
    assert "fa-solid-900" not in lite and ".fa-magnifying-glass:before" not in lite
    assert lite.count("{") == lite.count("}")
    assert ".bd-sidebar-primary" in lite


def test_the_template_override_follows_the_installed_theme():
    """Our webpack-macros.html copies the theme's but for fontawesome.js: a theme upgrade changes the digest."""
    import pydata_sphinx_theme

    theirs = (
        Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/webpack-macros.html"
    ).read_text()
    ours = (REPO / "_templates" / "static" / "webpack-macros.html").read_text()
    digests = set(re.findall(r"digest=(\w+)", theirs))
    assert digests == set(re.findall(r"digest=(\w+)", ours)), "pydata-sphinx-theme changed: review _templates/"
    assert "fontawesome.js" in theirs and "fontawesome.js" not in re.sub(r"\{#.*?#\}", "", ours, flags=re.S)
    body = re.compile(r"macro body_post\(\) %\}(.*?)\{% endmacro", re.S)
    assert body.search(theirs).group(1).strip() == body.search(ours).group(1).strip()


def test_every_icon_made_is_in_the_themes_font_awesome():
    make_icons = _load_script("make_icons")
    css = make_icons.icons_css(make_icons.theme_fontawesome())
    assert (REPO / "_static" / "icons.css").read_text(encoding="utf-8") == css, "run scripts/make_icons.py"
    with pytest.raises(SystemExit, match="no-such-icon"):
        make_icons.icons_css(make_icons.theme_fontawesome(), ("no-such-icon",))


# --- the built site (make book / make test build it first) ---------------------------------------------------


def _pages() -> list[Path]:
    assert (HTML / "index.html").exists(), "no _build/html: run `make book` first"
    return pagespeed.book_pages(HTML)


@functools.cache
def _soup(page: Path) -> BeautifulSoup:
    """A built page parsed once for the module (the tests only read it): html.parser takes 0.05-0.2 s a page."""
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


@functools.cache
def _gz(path: Path) -> int:
    """Gzipped size of a file; the same stylesheets and scripts are weighed for every page."""
    return len(gzip.compress(path.read_bytes()))


def _local(page: Path, url: str) -> Path:
    return (page.parent / url.split("?")[0].split("#")[0]).resolve()


def _loaded_after_paint(text: str) -> list[str]:
    """The URLs a page's loader (pagespeed.LOADER) adds after the first paint: the site's stylesheet, the scripts."""
    found = pagespeed.LOADER_FOUND.search(text)
    return [u for u in (json.loads(found.group(2)), *json.loads(found.group(1))) if u] if found else []


def _weights(page: Path) -> dict[str, int]:
    """Gzipped bytes: the page, its render-blocking stylesheets and scripts, and every script it loads."""
    soup = _soup(page)
    gz = {"page": _gz(page), "blocking": 0, "scripts": 0, "after_paint": 0}
    gz["plain_first_paint"] = page.stat().st_size
    for link in soup.find_all("link", rel="stylesheet"):
        gz["blocking"] += _gz(_local(page, link["href"]))
        gz["plain_first_paint"] += _local(page, link["href"]).stat().st_size
    for script in soup.find_all("script", src=True):
        size = _gz(_local(page, script["src"]))
        gz["scripts"] += size
        if script.find_parent("head") and not (script.has_attr("defer") or script.has_attr("async")):
            gz["blocking"] += size
            gz["plain_first_paint"] += _local(page, script["src"]).stat().st_size
    for url in _loaded_after_paint(page.read_text(encoding="utf-8")):
        gz["after_paint"] += _gz(_local(page, url))
    return gz


def test_no_page_loads_fontawesome_or_a_big_file():
    for page in _pages():
        soup = _soup(page)
        urls = [
            t.get("src") or t.get("href") for t in soup.find_all(["script", "link"]) if t.get("src") or t.get("href")
        ]
        assert not [u for u in urls if "fontawesome" in u], f"{page.name} loads fontawesome"
        for url in urls:
            path = _local(page, url)
            if path.suffix in (".css", ".js") and path.is_file():
                assert path.stat().st_size <= FILE_BUDGET, f"{page.name}: {url} is {path.stat().st_size} bytes"


def test_bytes_before_first_paint_stay_under_budget():
    for page in _pages():
        gz = _weights(page)
        assert gz["blocking"] <= RENDER_BLOCKING_GZ_BUDGET, f"{page.name}: {gz}"
        assert gz["plain_first_paint"] <= FIRST_PAINT_PLAIN_BUDGET, f"{page.name}: {gz}"
        assert gz["page"] + gz["blocking"] + gz["scripts"] + gz["after_paint"] <= PAGE_GZ_BUDGET, f"{page.name}: {gz}"


def test_every_page_loads_its_scripts_after_its_first_paint():
    """No deferred script is left in a page; the loader names scripts that exist, the theme's last."""
    for page in _pages():
        text = page.read_text(encoding="utf-8")
        assert not pagespeed.DEFERRED_SCRIPT.search(text), page.name
        urls = _loaded_after_paint(text)
        assert urls[0].split("?")[0].endswith(pagespeed.BUNDLE), page.name
        assert urls[-1].split("?")[0].endswith("pydata-sphinx-theme.js"), page.name
        assert all(_local(page, u).is_file() for u in urls), page.name


def test_the_budget_would_catch_fontawesome(tmp_path):
    page = tmp_path / "p.html"
    (tmp_path / "fa.js").write_bytes(random.Random(0).randbytes(RENDER_BLOCKING_GZ_BUDGET + 1))
    page.write_text('<html><head><script src="fa.js"></script></head><body></body></html>', encoding="utf-8")
    assert _weights(page)["blocking"] > RENDER_BLOCKING_GZ_BUDGET


def test_every_chart_has_its_size_and_loads_lazily():
    for page in _pages():
        for img in _soup(page).find_all("img"):
            size = pagespeed.png_size(_local(page, img["src"]))
            assert size and (int(img["width"]), int(img["height"])) == size, f"{page.name}: {img['src']}"
            assert img.get("loading") == "lazy", f"{page.name}: {img['src']} loading={img.get('loading')}"


def test_css_urls_are_rebased_for_the_bundle(tmp_path):
    css = "a{background:url(../vendor/x.png)}b{background:url(\"data:image/svg+xml,%3Csvg\")}c{background:url('y.png')}"
    out = pagespeed.rebase_css_urls(css, "styles/t.css", "bundle.css")
    assert out.startswith('a{background:url(vendor/x.png)}b{background:url("data:image/svg+xml,%3Csvg")}')
    assert out.endswith("c{background:url('styles/y.png')}")
    (tmp_path / "styles").mkdir()
    (tmp_path / "a.css").write_text(
        '@charset "UTF-8";\np{color:red}\n/*# sourceMappingURL=a.css.map*/', encoding="utf-8"
    )
    (tmp_path / "styles" / "b.css").write_text("q{background:url(../i.png)}", encoding="utf-8")
    bundle = pagespeed.purged_bundle(pagespeed.parse_stylesheets(tmp_path, ["a.css", "styles/b.css"]), frozenset())
    assert bundle == '@charset "UTF-8";\n/* a.css */\np{color:red}\n/* styles/b.css */\nq{background:url(i.png)}\n'


def test_pages_link_their_own_stylesheet_and_the_sites_after_the_first_paint():
    """The site's stylesheet holds the theme's and ours, purged against every page and script; each page links its
    own, purged against that page alone, and its loader adds the site's after the first paint."""
    bundle = (HTML / "_static" / pagespeed.BUNDLE).read_text(encoding="utf-8")
    for name in ("basic.css", "styles/pydata-sphinx-theme-lite.css", "mystnb.", "custom.css", "icons.css"):
        assert f"/* {name}" in bundle, name
    names = re.findall(r"^/\* (\S+\.css) \*/$", bundle, re.M)
    parsed = pagespeed.parse_stylesheets(HTML / "_static", names)
    assert bundle == pagespeed.purged_bundle(parsed, pagespeed.site_names(HTML)), "not what the served files hold"
    assert len(bundle.encode()) <= BUNDLE_BUDGET
    whole = sum(len(pagespeed.stylesheet_text(HTML / "_static", name).encode()) for name in names)
    assert whole > 2 * BUNDLE_BUDGET  # what the purge takes off
    assert 'html[data-theme="light"] .highlight .m' in bundle  # the theme's pygments.css, not Sphinx's first one
    for page in _pages():
        text = page.read_text(encoding="utf-8")
        links = _soup(page).find_all("link", rel="stylesheet")
        assert len(links) == 1 and re.fullmatch(r"libyabook-[0-9a-f]{16}\.css", links[0]["href"].rsplit("/")[-1])
        own = _local(page, links[0]["href"]).read_text(encoding="utf-8")
        assert own == pagespeed.purged_bundle(parsed, csspurge.used_names([text], [])), page.name
        assert len(own.encode()) <= PAGE_CSS_BUDGET, page.name
        site_css = json.loads(pagespeed.LOADER_FOUND.search(text).group(2))
        assert _local(page, site_css) == (HTML / "_static" / pagespeed.BUNDLE).resolve(), page.name


def test_charts_are_served_with_a_palette():
    pngs = sorted((HTML / "_images").glob("*.png"))
    assert pngs, "no charts in _build/html/_images"
    for png in pngs:
        assert Image.open(png).mode in ("P", "RGBA"), png.name
    assert sum(Image.open(p).mode == "P" for p in pngs) >= len(pngs) * 0.9


def test_every_icon_a_page_uses_is_drawn():
    icons = (REPO / "_static" / "icons.css").read_text(encoding="utf-8")
    drawn = set(re.findall(r"\.(fa-[a-z0-9-]+)\b", icons))
    for page in _pages():
        classes = re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8"))
        used = {c for cls in classes for c in cls.split() if c.startswith("fa-")}
        missing = used - drawn - ICON_MODIFIERS
        assert not missing, f"{page.name}: icons not in _static/icons.css: {sorted(missing)}"


def test_icons_show_and_no_icon_font_is_fetched(browser, site):
    """In Chromium: every visible icon has a box and a mask; no font file and no fontawesome.js is requested."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        fetched = []
        page.on("request", lambda r: fetched.append(r.url))
        for path in ("index.html", "chapters/07_events_atlas.html", "search.html"):
            page.goto(f"{site}/{path}", wait_until="load")
            boxes = page.evaluate(
                """() => Array.from(document.querySelectorAll('.fa-solid, .fas, a.reference.download'))
                .filter(e => e.checkVisibility()).map(e => { const s = getComputedStyle(e, '::before');
                return [e.className, parseFloat(s.width), s.maskImage.startsWith('url(')]; })"""
            )
            assert boxes, path
            assert [b for b in boxes if not (b[1] > 0 and b[2])] == [], path
        assert [u for u in fetched if re.search(r"\.(woff2?|ttf|otf)$|fontawesome", u)] == []
    finally:
        context.close()


def test_every_page_has_a_description():
    """Search engines and Lighthouse's SEO audit read <meta name="description">: the generated pages have one too."""
    for page in _pages():
        meta = _soup(page).find("meta", attrs={"name": "description"})
        assert meta is not None and len(meta.get("content", "").split()) >= 4, page.name
