"""Worked examples for the public page "Cara angka dihitung" (/kriteria).

Each example runs small, fixed inputs through the very rules behind the public
numbers (portal.rules.ikm, portal.rules.achievement, portal.rules.predikat and the
complaint and satisfaction helpers of portal.stats), so the page can never explain a
formula the portal does not use.
"""
import statistics

from flask import current_app

from portal import stats
from portal.rules import achievement, ikm, predikat

# two respondents' answers to U1…U9
IKM_ANSWERS = ((4, 3, 3, 4, 3, 3, 4, 3, 3), (3, 3, 2, 4, 3, 4, 4, 3, 2))
SAMPLE_POPULATIONS = (20, 300)
# a count reported per month against a yearly target, a level per quarter, a time
COUNT_EXAMPLE = {"target": 1000, "unit": "pasien", "values": (100, 150, 50)}
LEVEL_EXAMPLE = {"target": 95, "unit": "%", "values": (80, 90)}
LOWER_EXAMPLE = {"target": 5, "unit": "hari", "value": 4}
# ten complaints received in a year, by what has become of them
COMPLAINT_EXAMPLE = {"received": 10, "closed_within": 5, "closed_late": 1,
                     "open_past_limit": 2, "open_within_limit": 1, "answered_waiting": 1}
RESOLVE_DAYS = (3.0, 10.0, 12.0, 20.0, 45.0, 70.5)
SATISFACTION_RATINGS = (4, 3, 3, 2, 4)
PREDIKAT_EXAMPLE = {predikat.BAIK: 6, predikat.SANGAT_BAIK: 2}


def ikm_example():
    totals = {code: sum(row[i] for row in IKM_ANSWERS)
              for i, code in enumerate(ikm.ELEMENT_CODES)}
    counts = {code: len(IKM_ANSWERS) for code in ikm.ELEMENT_CODES}
    result = ikm.summarise(totals, counts)
    first = ikm.ELEMENT_CODES[0]
    return {"answers": IKM_ANSWERS, "first": first,
            "first_answers": [row[0] for row in IKM_ANSWERS],
            "first_nrr": result["nrr"][first],
            "nrr_sum": sum(result["nrr"].values()), "ikm": result["ikm"],
            "mutu": result["mutu"], "respondents": len(IKM_ANSWERS)}


def sample_example():
    return [(n, ikm.minimum_sample(n)) for n in SAMPLE_POPULATIONS]


def indicator_examples():
    formula = current_app.config["ACHIEVEMENT_LOWER_FORMULA"]
    count, level, lower = COUNT_EXAMPLE, LEVEL_EXAMPLE, LOWER_EXAMPLE
    so_far = achievement.year_to_date(count["values"], True)[-1]
    latest = achievement.year_to_date(level["values"], False)[-1]
    return {
        "count": {**count, "so_far": so_far,
                  "pct": achievement.achievement_pct(count["target"], so_far)},
        "level": {**level, "latest": latest,
                  "pct": achievement.achievement_pct(level["target"], latest)},
        "lower": {**lower, "formula": formula,
                  "pct": achievement.achievement_pct(lower["target"], lower["value"],
                                                     achievement.LOWER, formula)},
    }


def complaint_example():
    c = COMPLAINT_EXAMPLE
    resolved = c["closed_within"] + c["closed_late"]
    row = {"resolved": resolved, "overdue": c["open_past_limit"], "within": c["closed_within"]}
    _overdue, share = stats._share_within(row)  # the report card's own formula
    return {**c, "resolved": resolved, "share_pct": round(share * 100, 1),
            "days": RESOLVE_DAYS, "median": round(statistics.median(RESOLVE_DAYS), 1)}


def satisfaction_example(minimum):
    ratings = SATISFACTION_RATINGS
    result = stats._satisfaction_result(len(ratings), sum(ratings),
                                        sum(1 for r in ratings if r in stats.SATISFIED), minimum)
    return {**result, "ratings": ratings}


def predikat_example(minimum):
    total = sum(PREDIKAT_EXAMPLE.values())
    states = predikat.publication_states(PREDIKAT_EXAMPLE, minimum)
    return {"total": total, "rows": [(code, PREDIKAT_EXAMPLE.get(code, 0), states[code])
                                     for code in predikat.PREDIKATS]}


def resolution_limit():
    """(unit, amount) of the office's resolution limit ("days" or "working_days")."""
    return current_app.config["COMPLAINT_LIMITS"]["resolution"]


def examples():
    """Everything the criteria page's worked examples show."""
    minimum = current_app.config["PUBLISH_MIN_GROUP"]
    return {"ikm_example": ikm_example(), "sample_example": sample_example(),
            "indicator_example": indicator_examples(),
            "complaint_example": complaint_example(),
            "satisfaction_example": satisfaction_example(minimum),
            "predikat_example": predikat_example(minimum),
            "resolution_limit": resolution_limit(), "min_group": minimum,
            "timezone": current_app.config["PORTAL_TIMEZONE"]}
