"""Achievement of a numeric target (capaian), for people's IKI and unit indicators.

One documented function, so every percentage the portal shows agrees.
"""

HIGHER = "higher"   # more is better: patients served, coverage, accuracy
LOWER = "lower"     # less is better: time, cost
POLARITIES = (HIGHER, LOWER)

# Formulas for "less is better" (domain.md §2, marked *(check)*).
DIFFERENCE = "difference"   # (2 × target − realisation) / target × 100   (default)
RATIO = "ratio"             # target / realisation × 100
LOWER_FORMULAS = (DIFFERENCE, RATIO)
DEFAULT_LOWER_FORMULA = DIFFERENCE


def _number(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return float(value)


def achievement_pct(target, realisation, polarity=HIGHER, lower_formula=DEFAULT_LOWER_FORMULA):
    """Achievement of ``realisation`` against ``target`` in percent, or None.

    - ``polarity="higher"`` (more is better): ``realisation / target × 100``.
    - ``polarity="lower"`` (less is better, e.g. days to finish a document,
      minutes to respond to an emergency), by ``lower_formula``:

      * ``"difference"`` (default): ``(2 × target − realisation) / target × 100``
        — meeting the target exactly gives 100 %, each unit faster adds as
        much as each unit slower takes away; it can fall below zero.
      * ``"ratio"``: ``target / realisation × 100``.

      *(check)* The sources disagree on which formula applies; the portal
      takes ``"difference"`` unless the office configures ``"ratio"``
      (setting ``ACHIEVEMENT_LOWER_FORMULA``).

    Returns None when the target is zero or empty, when the realisation is
    empty, or (ratio formula) when the realisation is zero — there is no
    meaningful percentage then. Values may be numbers or numeric strings.
    """
    if polarity not in POLARITIES:
        raise ValueError(f"unknown polarity: {polarity!r}")
    if lower_formula not in LOWER_FORMULAS:
        raise ValueError(f"unknown formula: {lower_formula!r}")
    target, realisation = _number(target), _number(realisation)
    if not target or realisation is None:
        return None
    if polarity == HIGHER:
        return realisation / target * 100
    if lower_formula == RATIO:
        return None if realisation == 0 else target / realisation * 100
    return (2 * target - realisation) / target * 100


LOWER_IS_BETTER_ASPECTS = ("waktu", "biaya")


def polarity_for_aspect(aspect):
    """An IKI's polarity from its aspect: time and cost are better when lower (domain.md §2)."""
    return LOWER if aspect in LOWER_IS_BETTER_ASPECTS else HIGHER


PERCENT_UNITS = ("%", "persen", "percent")


def is_cumulative(aspect, measurement_unit):
    """True when an indicator's realisations add up over the year.

    A count of things done (aspect *kuantitas*, measured in anything but a
    percentage: patients served, documents issued) is reported per month or
    quarter against a yearly target, so the year's realisation is the sum so
    far. Rates, quality, time and cost (a percentage, or any other aspect)
    are levels: the year's realisation is the latest reported value.
    """
    unit = (measurement_unit or "").strip().lower()
    return aspect == "kuantitas" and unit not in PERCENT_UNITS


def year_to_date(values, cumulative):
    """The realisation so far after each period, in period order: running sums
    for a cumulative indicator, the values themselves otherwise."""
    result, total = [], 0.0
    for value in values:
        total += float(value)
        result.append(total if cumulative else float(value))
    return result
