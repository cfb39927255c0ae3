"""Page furniture (issue 12): folded parameters cells, meta descriptions, chart links, licences, one title."""

from __future__ import annotations

import json
import re
import sys

import pytest
import yaml

from libyabook.reference import PROCESSED_DIR, REPO

sys.path.insert(0, str(REPO / "scripts"))
import chapter_furniture

CHAPTERS = sorted((REPO / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_furniture_is_up_to_date(path):
    before = path.read_text(encoding="utf-8")
    after = json.dumps(chapter_furniture.furnished(json.loads(before)), indent=1, ensure_ascii=False) + "\n"
    assert after == before, f"run: python scripts/chapter_furniture.py {path.relative_to(REPO)}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_parameters_cell_stays_for_papermill_but_is_folded(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1 and "hide-input" in tagged[0]["metadata"]["tags"]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_meta_description_is_plain_prose(path):
    text = json.loads(path.read_text(encoding="utf-8"))["metadata"]["myst"]["html_meta"]["description"]
    assert len(text) >= chapter_furniture.MIN_DESCRIPTION
    assert not re.search(r"[{}`*#]", text), text
    assert text[0].isupper() and text[-1] in ".?!:"


def test_description_skips_roles_and_joins_short_sentences():
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "source": [
                    "# 4. Title\n",
                    "\n",
                    "This chapter reads (from {glue:text}`a` to {glue:text}`b`) the page {cite}`x`.\n",
                    "It is *short*. And it goes on for a while longer than that, to be long enough.\n",
                ],
            }
        ]
    }
    assert chapter_furniture.description(nb) == (
        "This chapter reads the page. It is short. And it goes on for a while longer than that, to be long enough."
    )


@pytest.mark.parametrize("page", ["index.md", "chapters/sources.md"])
def test_markdown_pages_have_a_description(page):
    text = (REPO / page).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert len(front["myst"]["html_meta"]["description"]) >= 80


def test_citation_states_both_licences():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["license"] == ["MIT", "CC-BY-4.0"]
    assert "MIT" in cff["abstract"] and "CC-BY-4.0" in cff["abstract"]


def test_data_package_title_is_the_books():
    book = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))["title"]
    from libyabook.extract import datapackage

    assert json.loads((PROCESSED_DIR / "datapackage.json").read_text(encoding="utf-8"))["title"] == book
    assert datapackage.descriptor("page.txt", "0" * 64)["title"] == book


def test_config_folds_search_and_links_charts():
    cfg = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    assert cfg["html_theme_options"]["navbar_persistent"] == []
    assert cfg["nb_render_image_options"]["width"] == "100%"
    assert "libyabook.publish" in cfg["extensions"]
