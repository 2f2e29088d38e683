#!/usr/bin/env python3
"""Generates a realistic corpus of claims (JSON Lines, docs/claim-format.md) for benchmarks.

    tools/generate_claims.py [N] [--seed 2024] [--output FILE]

N claims (default 1,000,000), the same bytes for a given seed (Python 3 standard library only;
every draw comes from one random.Random(seed); checked with Python 3.11). The corpus follows the
shipped rules (rules/) so that it exercises every path of the engine:

- dates over 2024-01-01..2026-12-31, as many sessions each working day, fewer on Saturdays,
  few on Sundays; each patient has one or more series of sessions, every 2 to 7 days, the same
  patient id across claims and increasing dates;
- regions (90 % metropole, 10 % drom), places (cabinet, domicile, etablissement);
- 1 to 3 lines per claim: the act's cotation in force on the date (RAM 7.49 from 2024-02-22,
  RAM 8.09 from 2026-01-01 after the +0.6 revaluation and its amendment, ...), the old AMS 7.5
  during the transition (2024-02-22..2024-05-31) and before the new nomenclature, at home IFD
  and IK (IKM in the mountains) with a distance written as a string ("7.5"), never a float;
- some outdated cotations (RAM 7.49 in 2026, AMS 7.5 after the transition), unknown codes,
  series beyond the HAS thresholds (prior approval granted or not), claims without series (the
  batch derives the counts from the patient's earlier claims), and 0.5 % of malformed lines
  (bad JSON, missing fields, dates that do not exist, negative distances, wrong types, unknown
  fields) that must come out "invalid".

Every amount in a claim is written from integers: distances are tenths of a kilometre.
"""

import argparse
import datetime
import heapq
import json
import random
import sys

FIRST_DAY = datetime.date(2024, 1, 1)
LAST_DAY = datetime.date(2026, 12, 31)
NEW_NOMENCLATURE = datetime.date(2024, 2, 22)  # av7: new key letters and cotations
TRANSITION_END = datetime.date(2024, 5, 31)  # AMS 7.5 accepted until then
REVALUATION = datetime.date(2026, 1, 1)  # +0.6, moved from 2025-07-01 by the amendment

# The acts of rules/titre-xiv/article-1.cot: (weight, cotation before the revaluation, after it).
ACTS = [
    (45, ("RAM", 749), ("RAM", 809)),  # lombalgie_commune (HAS: 15 per series, 30 in 12 months)
    (15, ("RAM", 748), ("RAM", 808)),  # traumatisme_rachis_cervical (HAS: 10 per series)
    (25, ("RAM", 751), ("RAM", 811)),  # rachis_lombo_sacre_sans_chirurgie
    (15, ("RAO", 749), ("RAO", 809)),  # rachis_lombo_sacre_avec_chirurgie
]
OLD_COTATION = ("AMS", 750)

# Codes that match nothing in the rules on any date, as practitioners mistype them. "TMK 99": the
# telecare letter with a coefficient no act has ("TMK 8" bills the acts coted 8 since TMK became
# the telecare letter of every act: rules/lettres-cles.cot).
UNKNOWN_CODES = ["XYZ 1", "AMK 7", "RAM 9.99", "IFV", "ik", "RAM7.49", "TMK 99", "RIM 7.49", "IFX"]

# Share of claim lines that are malformed, and how.
MALFORMED_SHARE = 0.005
MALFORMED_KINDS = [
    "truncated", "not_json", "missing_id", "missing_lines", "missing_code", "empty_lines",
    "nonexistent_date", "bad_date_format", "negative_distance", "wrong_type", "unknown_field",
    "unknown_enum", "trailing_garbage",
]

WEEKDAY_WEIGHT = [10, 10, 10, 10, 10, 5, 1]  # Monday .. Sunday


def coefficient_text(hundredths):
    """7.49 from 749, 7.5 from 750: the coefficient as the fund's tables write it."""
    text = f"{hundredths // 100}.{hundredths % 100:02d}"
    return text.rstrip("0").rstrip(".") if text.endswith("0") else text


def code(cotation):
    letter, hundredths = cotation
    return f"{letter} {coefficient_text(hundredths)}"


def distance_text(tenths):
    return f"{tenths // 10}.{tenths % 10}"


class Patient:
    __slots__ = ("id", "age", "first_day", "birth_date", "region", "place", "act", "distance", "same_agglomeration",
                 "mountain", "prescription", "series_length", "session_number", "session_dates", "next_day",
                 "gap_days", "series_left", "with_series_fields", "prior_approval", "telehealth_prone")


class Generator:
    def __init__(self, count, seed):
        self.count = count
        self.rng = random.Random(seed)
        self.patients = 0
        self.claims = 0

    # ------------------------------------------------------------------ patients

    def new_patient(self, day):
        rng = self.rng
        p = Patient()
        self.patients += 1
        p.id = f"p{self.patients:07d}"
        age = min(99, max(0, int(rng.gauss(52, 20))))
        p.age, p.first_day = age, day
        p.birth_date = None
        if rng.random() < 0.2:  # a birth date instead of an age, on any day of the year
            born = datetime.date(day.year - age - 1, 1, 1) + datetime.timedelta(days=rng.randrange(365))
            p.birth_date, p.age = born.isoformat(), None
        p.region = "metropole" if rng.random() < 0.9 else "drom"
        draw = rng.random()
        p.place = "cabinet" if draw < 0.70 else "domicile" if draw < 0.92 else "etablissement"
        p.act = rng.choices(ACTS, weights=[a[0] for a in ACTS])[0]
        p.distance = None
        p.same_agglomeration = None
        p.mountain = False
        if p.place == "domicile":
            # one way, in tenths of a km: mostly close, a tail up to 30 km, a few exactly at 2 km
            p.distance = 20 if rng.random() < 0.03 else max(1, int(rng.expovariate(1 / 60)) % 300)
            p.same_agglomeration = rng.random() < 0.4
            p.mountain = rng.random() < 0.05
        draw = rng.random()
        p.prescription = "medical" if draw < 0.8 else "renewal" if draw < 0.9 else "direct_access"
        p.with_series_fields = rng.random() < 0.85  # else the batch derives the counts
        p.telehealth_prone = rng.random() < 0.03
        p.session_dates = []
        p.series_left = 1 + (rng.random() < 0.3) + (rng.random() < 0.1)
        self.start_series(p, day)
        return p

    def start_series(self, p, day):
        rng = self.rng
        p.series_left -= 1
        p.series_length = rng.choice([5, 8, 10, 10, 12, 15, 15, 20, 25, 30, 40])
        p.session_number = 0
        p.gap_days = rng.choice([2, 3, 3, 4, 7])
        p.prior_approval = rng.random() < 0.5  # granted when the series goes beyond the thresholds
        p.next_day = day

    def after_session(self, p, day):
        """The patient's next session day, or None when the patient is done."""
        if p.session_number < p.series_length:
            return day + datetime.timedelta(days=p.gap_days + (self.rng.random() < 0.2))
        if p.series_left > 0:
            self.start_series(p, day + datetime.timedelta(days=self.rng.randrange(20, 200)))
            return p.next_day
        return None

    # ------------------------------------------------------------------ one claim

    def act_code(self, p, day):
        rng = self.rng
        draw = rng.random()
        if draw < 0.01:
            return rng.choice(UNKNOWN_CODES)
        if day < NEW_NOMENCLATURE:
            return code(OLD_COTATION)  # what was billed then; the rules start with av7
        if day <= TRANSITION_END and draw < 0.35:
            return code(OLD_COTATION)  # still accepted during the transition
        if draw < 0.04:  # outdated: the other period's cotation, or AMS after the transition
            if day >= REVALUATION:
                return code(p.act[1])
            return code(OLD_COTATION) if rng.random() < 0.5 else code(p.act[2])
        return code(p.act[2] if day >= REVALUATION else p.act[1])

    def claim(self, p, day):
        rng = self.rng
        self.claims += 1
        p.session_number += 1
        year_before = day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else day.replace(
            year=day.year - 1, day=28)
        before = sum(1 for d in p.session_dates if year_before <= d < day)
        p.session_dates.append(day)
        if len(p.session_dates) > 64:
            del p.session_dates[:-64]

        lines = [{"code": self.act_code(p, day)}]
        if p.place == "domicile":
            if rng.random() < 0.92:
                lines.append({"code": "IFD"})
            if rng.random() < 0.85:
                lines.append({"code": "IKM" if p.mountain else "IK"})
        elif rng.random() < 0.04:  # a second act in the same session
            lines.append({"code": code(rng.choice(ACTS)[2 if day >= REVALUATION else 1])})
        elif rng.random() < 0.01:
            lines.append({"code": rng.choice(UNKNOWN_CODES)})

        claim = {"id": f"c{self.claims:08d}", "date": day.isoformat(), "region": p.region, "place": p.place}
        patient = {"id": p.id}
        if p.age is not None:
            patient["age"] = p.age + (day - p.first_day).days // 365
        else:
            patient["birth_date"] = p.birth_date
        claim["patient"] = patient
        claim["lines"] = lines
        if p.place == "domicile":
            claim["travel"] = {"distance_km": distance_text(p.distance),
                               "same_agglomeration": p.same_agglomeration}
        claim["prescription"] = {"kind": p.prescription}
        # What the renewal and direct-access rules read, drawn from nothing random so that the
        # rest of the corpus stays the same: renewed within the 12 months, in a health home.
        if p.prescription == "renewal":
            claim["prescription"].update({"initial_date": (p.first_day - datetime.timedelta(days=200)).isoformat(),
                                          "renewal_date": p.first_day.isoformat(),
                                          "prescriber_number": "291991123"})
        elif p.prescription == "direct_access":
            claim["prescription"]["prior_diagnosis"] = False
            claim["practitioner"] = {"structure": "health_home"}
        if p.with_series_fields:
            claim["series"] = {"session_number": p.session_number, "sessions_12_months_before": before,
                               "prior_approval": p.prior_approval and p.session_number > 10}
        urgent = rng.random() < 0.01
        claim["time"] = {"night": urgent and rng.random() < 0.3, "sunday_or_holiday": day.weekday() == 6,
                         "urgent": urgent}
        claim["telehealth"] = p.telehealth_prone and rng.random() < 0.5
        if rng.random() < MALFORMED_SHARE:
            return self.malformed(claim)
        return json.dumps(claim, ensure_ascii=False, separators=(",", ":"))

    def malformed(self, claim):
        rng = self.rng
        kind = rng.choice(MALFORMED_KINDS)
        if kind == "missing_id":
            del claim["id"]
        elif kind == "missing_lines":
            del claim["lines"]
        elif kind == "missing_code":
            claim["lines"][0] = {}
        elif kind == "empty_lines":
            claim["lines"] = []
        elif kind == "nonexistent_date":
            claim["date"] = rng.choice(["2025-02-29", "2024-04-31", "2026-13-01", "2024-02-30", "2025-06-00"])
        elif kind == "bad_date_format":
            claim["date"] = "{:02d}/{:02d}/{}".format(rng.randrange(1, 29), rng.randrange(1, 13), 2025)
        elif kind == "negative_distance":
            claim["travel"] = {"distance_km": "-" + distance_text(rng.randrange(1, 200)), "same_agglomeration": False}
        elif kind == "wrong_type":
            claim["patient"]["age"] = str(claim["patient"].pop("age", 40))
        elif kind == "unknown_field":
            claim["telehealt"] = False
        elif kind == "unknown_enum":
            claim["region"] = "corse"
        text = json.dumps(claim, ensure_ascii=False, separators=(",", ":"))
        if kind == "truncated":
            return text[: rng.randrange(1, len(text) - 1)]
        if kind == "not_json":  # a bare word as a value: no string of the claim holds a colon
            colons = [i for i, c in enumerate(text) if c == ":"]
            cut = rng.choice(colons) + 1
            return text[:cut] + "x" + text[cut:]
        if kind == "trailing_garbage":
            return text + " ,"
        return text

    # ------------------------------------------------------------------ the timeline

    def lines(self):
        """Yields the claims day after day: the sessions due that day, and new patients to
        meet the day's share of the corpus."""
        rng = self.rng
        days = []
        day = FIRST_DAY
        while day <= LAST_DAY:
            days.append(day)
            day += datetime.timedelta(days=1)
        weights = [WEEKDAY_WEIGHT[d.weekday()] for d in days]
        total = sum(weights)
        # the day's share of the corpus, so that the counts add up to exactly self.count
        quotas, running, produced = [], 0, 0
        for w in weights:
            running += w
            target = self.count * running // total
            quotas.append(target - produced)
            produced = target
        due = []  # heap of (day, sequence, patient)
        sequence = 0
        for day, quota in zip(days, quotas):
            today = []
            while due and due[0][0] <= day and len(today) < quota:
                today.append(heapq.heappop(due)[2])
            # sessions due that could not fit today move to the next day, keeping dates increasing
            postponed = []
            while due and due[0][0] <= day:
                postponed.append(heapq.heappop(due)[2])
            for p in postponed:
                sequence += 1
                heapq.heappush(due, (day + datetime.timedelta(days=1), sequence, p))
            while len(today) < quota:
                today.append(self.new_patient(day))
            rng.shuffle(today)
            for p in today:
                yield self.claim(p, day)
                following = self.after_session(p, day)
                if following is not None:
                    sequence += 1
                    heapq.heappush(due, (following, sequence, p))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=1_000_000, help="number of claims (default 1000000)")
    parser.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    parser.add_argument("--output", "-o", help="output file (default: standard output)")
    args = parser.parse_args()
    if args.count < 0:
        parser.error("the number of claims must not be negative")
    out = open(args.output, "w", encoding="utf-8", newline="\n") if args.output else sys.stdout
    try:
        generator = Generator(args.count, args.seed)
        buffer = []
        for line in generator.lines():
            buffer.append(line)
            if len(buffer) >= 4096:
                out.write("\n".join(buffer) + "\n")
                buffer.clear()
        if buffer:
            out.write("\n".join(buffer) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
