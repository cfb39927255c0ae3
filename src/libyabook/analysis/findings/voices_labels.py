"""The findings of chapter 6 (voices and labels), each a check on the page's quotations, mentions and labels.

Keys are ``voices_labels.<name>``. A finding about named people (Haftar, Sarraj) or named words (renegade)
is not testable on a page that never names them.
"""

from __future__ import annotations

from libyabook.analysis import words
from libyabook.analysis.chapters import voices_labels as chapter
from libyabook.analysis.findings import Finding, check
from libyabook.analysis.tables import Tables

#: Entities the page names as enemies in Haftar's words (line 105) or as still fighting his forces (line 79).
FOUGHT = ("isis", "al_qaeda", "muslim_brotherhood", "mstb")
LOADED = ("renegade", "self-styled", "so-called")


def speakers(f: chapter.VoicesLabelsFacts) -> list[Finding]:
    """Who is quoted: Haftar most, mostly in words and phrases, and from one interview; others by one outlet."""
    sp = f.speakers
    h = sp[sp["speaker"] == "haftar"]
    hq = f.quotations[f.quotations["speaker"] == "haftar"]
    f24 = int((hq["outlet"] == "france24").sum())
    top = len(sp) > 0 and sp["speaker"].iloc[0] == "haftar"
    several = sp.loc[sp["n_outlets"] > 1, "speaker_name"].tolist()
    return [
        check(
            "voices_labels.haftar_most_quoted",
            "Haftar is quoted more than anyone else, but more often in single words and phrases than in "
            "statements, and mostly from one France 24 interview.",
            holds=top and int(h["terms"].iloc[0]) > int(h["statements"].iloc[0]) and f24 * 2 > len(hq),
            evidence=f"{f.glue['haftar_statements']} and {f.glue['haftar_terms']}; "
            f"{words.number(f24)} of them from France 24"
            if len(h)
            else "Haftar is not quoted",
            testable=len(h) > 0,
        ),
        check(
            "voices_labels.one_outlet_each",
            "Outlets rarely share a speaker: only Haftar and the eastern parliament are quoted by more than "
            "one outlet.",
            holds=set(several) == {"Khalifa Haftar", "House of Representatives"},
            evidence="quoted by several outlets: " + (words.join(several) or "nobody"),
            testable=len(h) > 0,
        ),
    ]


def silences(f: chapter.VoicesLabelsFacts) -> list[Finding]:
    """Who is only spoken about, and which opponents do speak."""
    g, q = f.graph, f.quotations
    fought = [e for e in FOUGHT if e in g]
    quoted_fought = int(q["speaker"].isin(FOUGHT).sum())
    tripoli = int((q["side"] == "Tripoli authorities").sum())
    n, silent = g.number_of_nodes(), len(f.silent)
    sarraj = g.nodes["sarraj"] if "sarraj" in g else {}
    return [
        check(
            "voices_labels.fought_unheard",
            "The groups Haftar calls enemies (the Islamic State, al Qaeda, the Muslim Brotherhood) and the "
            "alliance The New Arab says is still fighting his forces in Benghazi are named but never quoted.",
            holds=quoted_fought == 0,
            evidence=f"{words.count(len(fought), 'group')} named, {words.count(quoted_fought, 'quotation')} from them",
            testable=len(fought) > 0,
        ),
        check(
            "voices_labels.rivals_heard",
            "Voices of the other camp are heard: in 2014 the “Libyan authorities” who, Channel NewsAsia reports, "
            "branded him an outlaw; in 2017 navy and coastguard officers in Tripoli, seat of the rival government.",
            holds=tripoli > 0 and bool((q["speaker"] == "Libyan authorities").any()),
            evidence=f"{words.count(tripoli, 'quotation')} from the navy and coastguard in Tripoli",
            testable=tripoli > 0 or bool((q["speaker"] == "Libyan authorities").any()),
        ),
        check(
            "voices_labels.sarraj_unheard",
            "Fayez al-Sarraj, prime minister of the UN-backed government, is named in several items and never quoted.",
            holds=bool(sarraj) and sarraj["n_items"] > 1 and sarraj["n_quotes"] == 0,
            evidence=f"named {f.glue['sarraj_mentions']} in {f.glue['sarraj_items']}",
            testable=bool(sarraj),
        ),
        check(
            "voices_labels.mostly_unheard",
            "Most of the people and organisations the page names are never quoted.",
            holds=silent * 2 > n,
            evidence=f"{words.number(silent)} of {f.glue['n_entities']}",
            testable=n > 0,
        ),
    ]


def names_and_labels(f: chapter.VoicesLabelsFacts) -> list[Finding]:
    """How Haftar is spelled and labelled, and whose words the hard labels are."""
    sp, uses = f.spellings, f.label_uses
    first = sp["spelling"].iloc[0] if len(sp) else ""
    loaded = uses[uses["label"].isin(LOADED)]
    ext = uses[uses["label"] == "extremists"]
    said = f.quotations[(f.quotations["speaker"] == "haftar") & f.quotations["quote"].str.contains("extremists")]
    rebels = set(f.rebels["outlet"])
    return [
        check(
            "voices_labels.spelling",
            "Most outlets write *Haftar*; only Business Insider and ABC News spell him otherwise (*Hifter*, "
            "*Heftir*, *Hiftar*).",
            holds=first == "Haftar" and f.glue["variant_outlets"] == "ABC News and Business Insider",
            evidence=f"*Haftar* {f.glue['n_spelled_haftar']} of {f.glue['n_haftar_named']}; other spellings: "
            f"{f.glue['variant_outlets']}",
            testable=len(sp) > 0,
        ),
        check(
            "voices_labels.loaded_labels",
            "The loaded words for Haftar and his army, *renegade*, *self-styled* and *so-called*, come from three "
            "outlets: Channel NewsAsia, ABC News and Middle East Eye.",
            holds=set(loaded["outlet"]) == {"channelnewsasia", "abcnews", "middleeasteye"},
            evidence=f"{words.count(len(loaded), 'use')} in "
            + words.join(chapter.outlet_names(sorted(set(loaded["outlet"])))),
            testable=len(loaded) > 0,
        ),
        check(
            "voices_labels.extremists_his_word",
            "*Extremists* is Haftar's word: every use is in the France 24 item, where he is quoted using it.",
            holds=len(ext) > 0 and set(ext["outlet"]) == {"france24"} and len(said) >= len(set(ext["line"])),
            evidence=f"{f.glue['n_extremists']}, {words.count(len(said), 'quotation')} of Haftar with the word",
            testable=len(ext) > 0,
        ),
        check(
            "voices_labels.rebels_both_sides",
            "*Rebels* names both sides: Business Insider's rebels of 1996 and 2011 are the side Haftar joined, "
            "The New Arab's former rebels of 2017 are among those his forces fight.",
            holds={"businessinsider", "alaraby"} <= rebels,
            evidence=f"{f.glue['n_rebels']} in {f.glue['n_rebels_outlets']}",
            testable=len(rebels) > 0,
        ),
    ]


def findings(t: Tables) -> list[Finding]:
    """Chapter 6's findings, checked on the tables of a page (the whole page: no date window)."""
    f = chapter.facts(t)
    return [*speakers(f), *silences(f), *names_and_labels(f)]
