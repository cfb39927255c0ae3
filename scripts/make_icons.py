"""Write _static/icons.css: the few Font Awesome icons the book shows, as CSS masks, instead of fontawesome.js.

Usage:  python scripts/make_icons.py [--out _static/icons.css]

The theme (pydata-sphinx-theme, pinned) loads ``_static/scripts/fontawesome.js`` on every page: 1.49 MB (543 KB
gzipped) of JavaScript that turns each ``<i class="fa-solid fa-...">`` into an inline SVG. The book shows about
fifteen icons (header buttons, search, theme switch, sidebar and page-navigation arrows), so our template
(``_templates/static/webpack-macros.html``) leaves that script out and this file draws those icons: each one's SVG
path, read from the theme's own copy of Font Awesome Free's solid set, becomes a ``data:`` URL used as a CSS mask
painted in the text colour, at the icon's own width. Font Awesome Free: icons CC BY 4.0, code MIT
(https://fontawesome.com/license/free); the notice travels in the CSS. Run again when the theme is upgraded;
``tests/test_pagespeed.py`` fails when a page uses an icon this file does not draw.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: Icons the theme, sphinx-book-theme's header buttons and the theme's scripts can show with this configuration.
ICONS = (
    "angle-left",
    "angle-right",
    "arrow-up",
    "bars",
    "chevron-down",
    "circle-half-stroke",
    "code",
    "download",
    "expand",
    "file",
    "file-pdf",
    "list",
    "magnifying-glass",
    "moon",
    "sun",
    "xmark",
)
#: Elements whose icon the theme's stylesheet draws with the icon font in a pseudo-element, and that icon.
PSEUDO = {"a.reference.download": "download"}
#: One icon of the theme's script: "name":[width,height,[aliases],"unicode","path"] (names quoted or bare).
ICON = re.compile(r'(?:"([\w-]+)"|([A-Za-z_$][\w$]*)|(\d+)):\[(\d+),(\d+),\[([^\]]*)\],"([0-9a-f]+)","(M[^"]+)"\]')
HEADER = """/* Icons the book shows, drawn from Font Awesome Free {version} (solid), https://fontawesome.com
 * Icons: CC BY 4.0; code: MIT (https://fontawesome.com/license/free). Copyright Fonticons, Inc.
 * Written by scripts/make_icons.py from the theme's fontawesome.js, which the book does not load (1.5 MB):
 * each icon is its SVG path as a mask painted in the text colour. Icon elements and the theme's pseudo-element
 * icons the book shows use the text font, so the icon font (156 KB) is never downloaded. */
.fa-solid, .fas, .fa {{ font-family: inherit; }}
.fa-solid::before, .fas::before, .fa::before, a.reference.download::before {{
  content: "" !important; display: inline-block; height: 1em; width: var(--lb-icon-width, 1em);
  vertical-align: -0.125em; background-color: currentColor;
  -webkit-mask: var(--lb-icon) center / contain no-repeat; mask: var(--lb-icon) center / contain no-repeat;
}}
a.reference.download::before {{ font: inherit; font-size: 0.8em; }}
"""


def theme_fontawesome() -> str:
    """The fontawesome.js shipped by the installed pydata-sphinx-theme, after its licence notice (which has the
    version)."""
    import pydata_sphinx_theme

    source = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/scripts/fontawesome.js"
    licence = source.with_name("fontawesome.js.LICENSE.txt")
    return (licence.read_text(encoding="utf-8") if licence.exists() else "") + source.read_text(encoding="utf-8")


def solid_icons(script: str) -> dict[str, tuple[int, int, str, list[str]]]:
    """name -> (width, height, svg path, aliases) of Font Awesome's solid set (the pack registered as "fas")."""
    end = script.index('d("fas",p)')
    start = script.rindex("var p={", 0, end)
    icons = {}
    for m in ICON.finditer(script, start, end):
        name = m.group(1) or m.group(2) or m.group(3)
        aliases = re.findall(r'"([a-z][\w-]*)"', m.group(6))
        icons[name] = (int(m.group(4)), int(m.group(5)), m.group(8), aliases)
    return icons


def data_url(width: int, height: int, path: str) -> str:
    """The icon as an SVG data: URL (only the characters CSS and URLs need escaped)."""
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
    return "data:image/svg+xml," + svg.replace("%", "%25").replace("<", "%3C").replace(">", "%3E").replace("#", "%23")


def icons_css(script: str, names: tuple[str, ...] = ICONS) -> str:
    """The stylesheet: the shared mask rule, then one rule per icon (and its aliases) with its path and width."""
    version = re.search(r"Font Awesome Free ([\d.]+)", script)
    icons = solid_icons(script)
    missing = [n for n in names if n not in icons]
    if missing:
        raise SystemExit(f"make_icons: not in the theme's Font Awesome solid set: {', '.join(missing)}")
    out = [HEADER.format(version=version.group(1) if version else "6")]
    for name in names:
        width, height, path, aliases = icons[name]
        selector = ", ".join([f".fa-{n}" for n in [name, *aliases]] + [k for k, v in PSEUDO.items() if v == name])
        url = data_url(width, height, path)
        out.append(f'{selector} {{ --lb-icon-width: {width / height:.4g}em; --lb-icon: url("{url}"); }}\n')
    return "".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "_static" / "icons.css")
    args = parser.parse_args(argv)
    args.out.write_text(icons_css(theme_fontawesome()), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
