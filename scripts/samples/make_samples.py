#!/usr/bin/env python3
"""Generate the fictional BAS and PAS samples and their population margins.

Everything this script writes is invented: business names, contact and first names, telephone numbers
(Ofcom's drama ranges only) and population counts. The shapes (mostly micro businesses; professional
services, information and communication, and retail/wholesale leading; Westminster, the City, Camden
and Tower Hamlets with the most businesses) are plausible shapes informed by published ONS/business
register figures; the numbers are invented.

Deterministic: one seeded generator, standard library only, and only `Random.random()` is used
(no `choices`/`shuffle`/`randrange`), so the output is byte for byte the same on every Python 3.

    python3 scripts/samples/make_samples.py            # writes into Questionnaires/samples/
    python3 scripts/samples/make_samples.py --out DIR  # writes the same files into DIR

Files: bas-sample.csv, pas-sample.csv, margins-bas.csv, margins-pas.csv (see Questionnaires/samples/README.md).
"""
from __future__ import annotations

import argparse
import bisect
import csv
import io
import random
from pathlib import Path

SEED = 20251020
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "Questionnaires" / "samples"

# --------------------------------------------------------------------------------------------------
# Code frames (values as the sample carries them; they match bas.json's sampleFields and code frames)
# --------------------------------------------------------------------------------------------------

# The 33 areas: labels exactly as in bas.json's "borough" code frame. Relative weight of business
# counts (invented; shape: central London dominates).
BUSINESS_AREA_WEIGHTS = [
    ("Barking and Dagenham", 1.3), ("Barnet", 4.4), ("Bexley", 1.8), ("Brent", 3.4), ("Bromley", 3.0),
    ("Camden", 6.0), ("City of London", 5.6), ("Croydon", 3.4), ("Ealing", 3.5), ("Enfield", 3.0),
    ("Greenwich", 2.1), ("Hackney", 4.6), ("Hammersmith and Fulham", 2.8), ("Haringey", 2.7),
    ("Harrow", 2.7), ("Havering", 2.0), ("Hillingdon", 2.8), ("Hounslow", 2.5), ("Islington", 4.6),
    ("Kensington and Chelsea", 3.1), ("Kingston upon Thames", 1.8), ("Lambeth", 3.3), ("Lewisham", 2.2),
    ("Merton", 2.2), ("Newham", 2.6), ("Redbridge", 3.0), ("Richmond upon Thames", 2.6), ("Southwark", 4.3),
    ("Sutton", 1.7), ("Tower Hamlets", 4.6), ("Waltham Forest", 2.5), ("Wandsworth", 3.2),
    ("Westminster", 10.5),
]
AREAS = [name for name, _ in BUSINESS_AREA_WEIGHTS]
CENTRAL = {"Westminster", "City of London", "Camden", "Islington", "Tower Hamlets", "Southwark",
           "Hackney", "Kensington and Chelsea", "Lambeth", "Hammersmith and Fulham"}
OUTER_INDUSTRIAL = {"Barking and Dagenham", "Bexley", "Enfield", "Havering", "Hillingdon", "Newham",
                    "Croydon", "Hounslow", "Brent", "Greenwich", "Waltham Forest"}

# Size bands on the sample frame (employees at the site), as the sample carries them.
SIZE_BANDS = ["1-9", "10-49", "50-249", "250+"]
# Target sampling fraction by size band: larger businesses are sampled with higher probability.
SAMPLING_FRACTION = {"1-9": 0.008, "10-49": 0.03, "50-249": 0.08, "250+": 0.20}

# SIC 2007 sections in scope (bas.json screens out O public administration, T households as
# employers and U extraterritorial organisations, so the frame leaves them out).
# section: (share of London business units in %, size-band distribution in % for 1-9/10-49/50-249/250+)
SECTORS = {
    "A": (0.3, (96.0, 3.4, 0.5, 0.1)),
    "B": (0.1, (88.0, 7.0, 3.5, 1.5)),
    "C": (2.6, (82.0, 13.5, 3.7, 0.8)),
    "D": (0.3, (86.0, 8.0, 4.0, 2.0)),
    "E": (0.3, (70.0, 20.0, 8.0, 2.0)),
    "F": (9.2, (93.5, 5.3, 1.0, 0.2)),
    "G": (12.3, (86.0, 10.5, 2.8, 0.7)),
    "H": (4.2, (91.0, 6.0, 2.2, 0.8)),
    "I": (6.1, (72.0, 23.0, 4.3, 0.7)),
    "J": (12.0, (93.5, 4.9, 1.2, 0.4)),
    "K": (3.6, (86.0, 8.0, 4.0, 2.0)),
    "L": (4.9, (92.0, 6.3, 1.4, 0.3)),
    "M": (21.8, (93.0, 5.2, 1.4, 0.4)),
    "N": (8.1, (89.0, 7.7, 2.5, 0.8)),
    "P": (2.1, (68.0, 20.0, 10.0, 2.0)),
    "Q": (4.0, (70.0, 21.0, 7.5, 1.5)),
    "R": (3.8, (90.0, 7.8, 1.8, 0.4)),
    "S": (4.3, (92.0, 6.8, 1.0, 0.2)),
}
BAS_POPULATION = 498_750  # business units (sites) in scope, invented

# Where sectors and size bands lean (multipliers on the area weights above; invented).
SECTOR_AREA_LEAN = {
    "K": {"City of London": 6.0, "Tower Hamlets": 2.5, "Westminster": 1.6},
    "J": {"Camden": 1.8, "Islington": 1.8, "Hackney": 2.0, "Westminster": 1.4, "Southwark": 1.3},
    "M": {"City of London": 1.9, "Westminster": 1.5, "Camden": 1.3, "Islington": 1.2},
    "I": {"Westminster": 1.6, "Camden": 1.3, "Kensington and Chelsea": 1.3},
    "R": {"Westminster": 1.5, "Hackney": 1.3, "Camden": 1.2},
    "L": {"Kensington and Chelsea": 1.6, "Westminster": 1.4, "Barnet": 1.3},
    "H": {"Hillingdon": 3.0, "Hounslow": 1.8, "Barking and Dagenham": 1.8, "Newham": 1.6},
}
SECTOR_AREA_GROUP_LEAN = {  # sector: (multiplier for CENTRAL, multiplier for OUTER_INDUSTRIAL)
    "C": (0.4, 1.8), "F": (0.6, 1.5), "H": (0.6, 1.5), "E": (0.3, 2.0), "A": (0.1, 1.5),
    "G": (1.0, 1.2), "Q": (0.9, 1.1), "S": (0.9, 1.1),
}
BAND_AREA_LEAN = {
    "250+": {"City of London": 4.0, "Westminster": 2.0, "Tower Hamlets": 2.0, "Camden": 1.5},
    "50-249": {"City of London": 2.0, "Westminster": 1.5, "Tower Hamlets": 1.3},
}

# Residents: the PAS covers the 32 boroughs (the Metropolitan Police area; the City of London has its
# own police force and is not in the PAS). Residents aged 16 or over by borough, invented, in thousands.
PAS_BOROUGH_THOUSANDS = [
    ("Barking and Dagenham", 165), ("Barnet", 318), ("Bexley", 199), ("Brent", 275), ("Bromley", 271),
    ("Camden", 183), ("Croydon", 314), ("Ealing", 291), ("Enfield", 265), ("Greenwich", 228),
    ("Hackney", 215), ("Hammersmith and Fulham", 157), ("Haringey", 217), ("Harrow", 212),
    ("Havering", 211), ("Hillingdon", 252), ("Hounslow", 234), ("Islington", 183),
    ("Kensington and Chelsea", 125), ("Kingston upon Thames", 136), ("Lambeth", 261), ("Lewisham", 246),
    ("Merton", 174), ("Newham", 283), ("Redbridge", 254), ("Richmond upon Thames", 160), ("Southwark", 255),
    ("Sutton", 168), ("Tower Hamlets", 257), ("Waltham Forest", 224), ("Wandsworth", 271),
    ("Westminster", 172),
]
PAS_POPULATION = 7_163_940  # residents aged 16+, invented
# Age bands: cell keys are pas-online.json's o_age option names. Shares in %, invented.
PAS_AGE_SHARES = [("a16_24", 13.1), ("a25_34", 21.9), ("a35_44", 19.2), ("a45_54", 16.0),
                  ("a55_64", 12.9), ("a65_plus", 16.9)]
PAS_SEX_SHARES = [("female", 50.7), ("male", 49.3)]
PAS_PER_BOROUGH = 110  # issued cases per borough: equal allocation, as the PAS aims at ~100 interviews each
REPLICATES = 10

# Telephone numbers: only Ofcom's ranges reserved for drama.
LONDON_DRAMA = [f"020 7946 {n:04d}" for n in range(0, 1000)]        # 020 7946 0000-0999
MOBILE_DRAMA = [f"07700 900{n:03d}" for n in range(0, 1000)]        # 07700 900000-900999

# --------------------------------------------------------------------------------------------------
# Invented words
# --------------------------------------------------------------------------------------------------

STEM_START = ["Quor", "Vesk", "Thal", "Brin", "Zov", "Kal", "Drev", "Ysm", "Pell", "Orr", "Fenn", "Glim",
              "Hask", "Jarn", "Lusk", "Mirr", "Nesk", "Ovar", "Prax", "Rund", "Sav", "Trel", "Ulv", "Wend",
              "Yev", "Carr", "Dolv", "Ebb", "Fesk", "Grun", "Holm", "Isk", "Kev", "Lorn", "Morv", "Norv",
              "Pask", "Quill", "Rask", "Stav", "Tusk", "Vorn", "Wisk", "Zarn", "Brask", "Cleth", "Dunv",
              "Elth", "Frav", "Gorv"]
STEM_MIDDLE = ["a", "e", "i", "o", "el", "an", "or", "in", "u", "y"]
STEM_END = ["quay", "vane", "holt", "mere", "wick", "den", "stow", "ley", "dale", "ridge", "brook", "croft",
            "gate", "moor", "field", "thorn", "marsh", "combe", "ness", "wold"]
SURNAME_END = ["son", "ley", "ard", "ick", "ani", "ova", "ez", "ski", "ini", "well", "ton", "ah", "opoulos",
               "berg", "ington", "ade", "ović", "ström", "ucci", "ayo"]
FIRST_NAMES = ["Priya", "Tom", "Amina", "James", "Chloé", "Mohammed", "Sarah", "Kwame", "Zoë", "Daniel",
               "Fatima", "Oliver", "Siân", "Raj", "Emily", "Tunde", "Grace", "Łukasz", "Hannah", "Yusuf",
               "Aoife", "José", "Mei", "David", "Olivia", "Ahmed", "Lucy", "Kofi", "Sofia", "Ben", "Nadia",
               "Samuel", "Ayesha", "George", "Ana", "Chidi", "Eleni", "Marcus", "Leila", "Patrick", "Ruth",
               "Hamza", "Isabel", "Femi", "Noor", "Jack", "Zainab", "Tomasz", "Joy", "Arjun"]
DESCRIPTORS = {
    "A": ["Growers", "Market Garden", "Nurseries", "City Farm"],
    "B": ["Minerals", "Aggregates", "Resources"],
    "C": ["Print Works", "Joinery", "Bakery", "Brewing Co", "Fabrication", "Textiles", "Engineering"],
    "D": ["Energy", "Power", "Heat Networks"],
    "E": ["Recycling", "Waste Services", "Water Services"],
    "F": ["Builders", "Construction", "Roofing", "Plumbing & Heating", "Electrical", "Interiors"],
    "G": ["Hardware", "Stores", "Trading", "Wholesale", "Motors", "Pharmacy", "Books", "Grocers", "Fashions"],
    "H": ["Logistics", "Couriers", "Removals", "Freight", "Cars"],
    "I": ["Café", "Kitchen", "Hotel", "Bistro", "Catering", "Bar & Grill", "Bakehouse"],
    "J": ["Digital", "Software", "Media", "Studios", "Publishing", "Networks", "Data"],
    "K": ["Capital", "Partners", "Insurance Brokers", "Finance", "Wealth Management"],
    "L": ["Properties", "Estates", "Lettings", "Property Management"],
    "M": ["Associates", "Consulting", "Architects", "Accountancy", "Legal", "Design", "Surveyors", "Research"],
    "N": ["Cleaning Services", "Recruitment", "Facilities", "Security Services", "Travel", "Staffing"],
    "P": ["Tutors", "Academy", "Training", "Language School", "Learning"],
    "Q": ["Dental Practice", "Care Services", "Clinic", "Physiotherapy", "Home Care", "Health Centre"],
    "R": ["Gym", "Theatre Company", "Gallery", "Fitness", "Arts", "Music", "Events"],
    "S": ["Hair Studio", "Barbers", "Beauty", "Dry Cleaners", "Repairs", "Tailors"],
}
PARTNERSHIP_SECTORS = {"K", "L", "M"}


# --------------------------------------------------------------------------------------------------
# Helpers (only Random.random() is used, for byte-for-byte reproducibility)
# --------------------------------------------------------------------------------------------------

def below(rng: random.Random, n: int) -> int:
    return min(int(rng.random() * n), n - 1)


def pick(rng: random.Random, items: list):
    return items[below(rng, len(items))]


def weighted(rng: random.Random, items: list, weights: list[float]):
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return items[min(bisect.bisect_right(cumulative, rng.random() * total), len(items) - 1)]


def shuffled(rng: random.Random, items: list) -> list:
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = below(rng, i + 1)
        out[i], out[j] = out[j], out[i]
    return out


def largest_remainder(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to weights that sum exactly to total (ties broken by position)."""
    s = sum(weights)
    exact = [total * w / s for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def stem(rng: random.Random) -> str:
    return pick(rng, STEM_START) + pick(rng, STEM_MIDDLE) + pick(rng, STEM_END)


def surname(rng: random.Random) -> str:
    base = pick(rng, STEM_START) + pick(rng, SURNAME_END)
    r = rng.random()
    if r < 0.05:
        return base + "-" + pick(rng, STEM_START) + pick(rng, SURNAME_END)
    if r < 0.08:
        return "O'" + base
    return base


def contact_name(rng: random.Random) -> str:
    return pick(rng, FIRST_NAMES) + " " + surname(rng)


def business_name(rng: random.Random, sector: str) -> str:
    r = rng.random()
    if sector in PARTNERSHIP_SECTORS and r < 0.25:
        a, b = stem(rng), stem(rng)
        form = rng.random()
        if form < 0.4:
            return f"{a} & {b} LLP"
        if form < 0.7:
            return f"{a}, {b} & Partners"  # a comma: the CSV cell is quoted
        return f"{a} & {b}"
    name = stem(rng) + " " + pick(rng, DESCRIPTORS[sector])
    suffix = rng.random()
    if suffix < 0.55:
        return name + " Ltd"
    if suffix < 0.60:
        return name + " Limited"
    if suffix < 0.62:
        return name + " & Co"
    return name


def csv_text(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


# --------------------------------------------------------------------------------------------------
# BAS
# --------------------------------------------------------------------------------------------------

def area_weights(sector: str, band: str) -> list[float]:
    central, outer = SECTOR_AREA_GROUP_LEAN.get(sector, (1.0, 1.0))
    weights = []
    for name, w in BUSINESS_AREA_WEIGHTS:
        w *= SECTOR_AREA_LEAN.get(sector, {}).get(name, 1.0)
        w *= BAND_AREA_LEAN.get(band, {}).get(name, 1.0)
        if name in CENTRAL:
            w *= central
        if name in OUTER_INDUSTRIAL:
            w *= outer
        weights.append(w)
    return weights


def bas_population() -> dict[tuple[str, str], int]:
    """Business units by (size band, sector): invented counts summing to BAS_POPULATION."""
    cells, weights = [], []
    for sector, (share, bands) in SECTORS.items():
        for band, band_share in zip(SIZE_BANDS, bands):
            cells.append((band, sector))
            weights.append(share * band_share)
    counts = largest_remainder(BAS_POPULATION, weights)
    return dict(zip(cells, counts))


def bas_area_population(population: dict[tuple[str, str], int]) -> list[int]:
    expected = [0.0] * len(AREAS)
    for (band, sector), n in population.items():
        weights = area_weights(sector, band)
        total = sum(weights)
        for i, w in enumerate(weights):
            expected[i] += n * w / total
    return largest_remainder(BAS_POPULATION, expected)


def bas_sample(rng: random.Random, population: dict[tuple[str, str], int]) -> list[list]:
    units = []  # (replicate, order key, band, sector, probability)
    for band in SIZE_BANDS:
        for sector in SECTORS:
            n_pop = population[(band, sector)]
            if n_pop == 0:
                continue
            n = min(n_pop, max(1, round(n_pop * SAMPLING_FRACTION[band])))
            probability = n / n_pop
            start = below(rng, REPLICATES)
            for k in range(n):
                units.append(((start + k) % REPLICATES + 1, rng.random(), band, sector, probability))
    units.sort(key=lambda u: (u[0], u[1]))

    rows, names = [], set()
    phones = LONDON_DRAMA + MOBILE_DRAMA
    for index, (replicate, _, band, sector, probability) in enumerate(units, start=1):
        name = business_name(rng, sector)
        while name in names:
            name = business_name(rng, sector)
        names.add(name)
        contact = contact_name(rng) if rng.random() < 0.7 else ""
        # Mostly London landlines; some micro businesses give a mobile.
        if band == "1-9" and rng.random() < 0.2:
            phone = pick(rng, MOBILE_DRAMA)
        else:
            phone = pick(rng, LONDON_DRAMA)
        assert phone in phones
        area = weighted(rng, AREAS, area_weights(sector, band))
        rows.append([f"BAS-{index:05d}", name, contact, phone, sector, band, area, replicate,
                     f"{probability:.8f}"])
    return rows


# --------------------------------------------------------------------------------------------------
# PAS
# --------------------------------------------------------------------------------------------------

def pas_sample(rng: random.Random) -> list[list]:
    units = []
    for borough, _ in PAS_BOROUGH_THOUSANDS:
        start = below(rng, REPLICATES)
        for k in range(PAS_PER_BOROUGH):
            units.append(((start + k) % REPLICATES + 1, rng.random(), borough))
    units.sort(key=lambda u: (u[0], u[1]))
    rows = []
    for index, (replicate, _, borough) in enumerate(units, start=1):
        first = pick(rng, FIRST_NAMES) if rng.random() < 0.85 else ""
        phone = pick(rng, MOBILE_DRAMA) if rng.random() < 0.6 else pick(rng, LONDON_DRAMA)
        rows.append([f"PAS-{index:05d}", first, phone, borough, replicate])
    return rows


def pas_margins() -> list[list]:
    rows = []
    boroughs = largest_remainder(PAS_POPULATION, [w for _, w in PAS_BOROUGH_THOUSANDS])
    rows += [["borough", name, n] for (name, _), n in zip(PAS_BOROUGH_THOUSANDS, boroughs)]
    ages = largest_remainder(PAS_POPULATION, [w for _, w in PAS_AGE_SHARES])
    rows += [["age_band", name, n] for (name, _), n in zip(PAS_AGE_SHARES, ages)]
    sexes = largest_remainder(PAS_POPULATION, [w for _, w in PAS_SEX_SHARES])
    rows += [["sex", name, n] for (name, _), n in zip(PAS_SEX_SHARES, sexes)]
    return rows


# --------------------------------------------------------------------------------------------------

def build() -> dict[str, bytes]:
    rng = random.Random(SEED)
    population = bas_population()
    bas_rows = bas_sample(rng, population)
    pas_rows = pas_sample(rng)

    bas_margin_rows = [["size_band x sector", f"{band}|{sector}", population[(band, sector)]]
                       for band in SIZE_BANDS for sector in SECTORS]
    bas_margin_rows += [["borough", name, n] for name, n in zip(AREAS, bas_area_population(population))]

    assert len(bas_rows) >= 5000, len(bas_rows)
    assert {r[6] for r in bas_rows} == set(AREAS)
    assert len(pas_rows) >= 3000, len(pas_rows)
    return {
        "bas-sample.csv": csv_text(["case_id", "business_name", "contact_name", "phone", "sector", "size_band",
                                    "borough", "replicate", "selection_probability"], bas_rows),
        "pas-sample.csv": csv_text(["case_id", "first_name", "phone", "borough", "replicate"], pas_rows),
        "margins-bas.csv": csv_text(["margin", "cell", "population"], bas_margin_rows),
        "margins-pas.csv": csv_text(["margin", "cell", "population"], pas_margins()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in build().items():
        (args.out / name).write_bytes(data)
        rows = data.count(b"\n") - 1
        print(f"{args.out / name}: {rows} rows")


if __name__ == "__main__":
    main()
