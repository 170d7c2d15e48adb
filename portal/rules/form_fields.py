"""The rules of low-code forms, with plain values: field types, choices, keys,
show-this-field-when conditions, opening times and export columns.

A field is a mapping (or any object with these attributes): ``key``, ``type``,
``required``, ``show_when_key``, ``show_when_value``. An answer is what the
browser sent for a field: a string, a list of strings (multiple choice) or None.

Conditions: a field with ``show_when_key`` is shown when that other field is
shown *and* its answer equals ``show_when_value`` (case and surrounding spaces
ignored; for a multiple-choice answer, when one of the ticked choices equals
it). A hidden field is never required and its answer is discarded. A condition
on a field that does not exist (removed later) hides the field; a loop of
conditions hides every field in it. The form builder refuses a condition that can
never be true (``condition_problem``): on the field itself, on a later field or one
without options, on an answer the field does not offer, or a loop.
"""
import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

TYPES = ("short_text", "long_text", "number", "date", "email", "phone", "single_choice",
         "multiple_choice", "yes_no", "file")
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice"})
STATUSES = ("draft", "published", "closed")
AUDIENCES = ("public",)
YES, NO = "yes", "no"
KEY_MAX = 40
CHOICE_MAX = 200


def _get(field, name, default=None):
    if isinstance(field, dict):
        return field.get(name, default)
    return getattr(field, name, default)


def parse_choices(text):
    """The choices written one per line: stripped, empty lines and repeats dropped."""
    seen, result = set(), []
    for line in (text or "").splitlines():
        choice = line.strip()[:CHOICE_MAX]
        if choice and choice.casefold() not in seen:
            seen.add(choice.casefold())
            result.append(choice)
    return result


def slug_key(label, taken=()):
    """A stable field key from a label: ``Nama lengkap`` → ``nama_lengkap``; unique
    among ``taken`` (``_2``, ``_3`` … appended)."""
    text = unicodedata.normalize("NFKD", label or "").encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:KEY_MAX - 4] or "field"
    if base[0].isdigit():
        base = "f_" + base
    taken = set(taken)
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    return key


KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def valid_key(key):
    """Keys are lower-case ASCII letters, digits and underscores, starting with a letter."""
    return bool(KEY_PATTERN.match(key or ""))


def is_empty(answer):
    if answer is None:
        return True
    if isinstance(answer, (list, tuple)):
        return not any(str(item).strip() for item in answer)
    return not str(answer).strip()


def answer_matches(answer, expected):
    """True when ``answer`` equals ``expected`` (one of a list's items for multiple choice)."""
    wanted = (expected or "").strip().casefold()
    if isinstance(answer, bool):
        answer = YES if answer else NO
    items = answer if isinstance(answer, (list, tuple)) else [answer]
    return any(str(item).strip().casefold() == wanted for item in items if item is not None)


def visible_keys(fields, answers):
    """The keys of the fields shown, given ``answers`` (key → answer)."""
    by_key = {_get(f, "key"): f for f in fields}
    memo = {}

    def shown(key, trail):
        if key in memo:
            return memo[key]
        field = by_key.get(key)
        if field is None or key in trail:
            return False
        when = (_get(field, "show_when_key") or "").strip()
        if not when:
            result = True
        else:
            result = shown(when, trail | {key}) and answer_matches(
                answers.get(when), _get(field, "show_when_value"))
        memo[key] = result
        return result

    return {key for key in by_key if shown(key, frozenset())}


def required_now(field, visible):
    """A field must be answered when it is required and shown."""
    return bool(_get(field, "required")) and _get(field, "key") in visible


def missing_required(fields, answers):
    """The keys of required, shown fields left empty."""
    visible = visible_keys(fields, answers)
    return [_get(f, "key") for f in fields
            if required_now(f, visible) and is_empty(answers.get(_get(f, "key")))]


def kept_answers(fields, answers):
    """The answers of shown fields only: what a hidden field received is discarded."""
    visible = visible_keys(fields, answers)
    return {key: value for key, value in answers.items() if key in visible}


def option_values(field):
    """The answers a field offers as stored keys: ``yes``/``no`` for a yes/no field, the
    choices of a single or multiple choice; nothing for the other types."""
    kind = _get(field, "type")
    if kind == "yes_no":
        return [YES, NO]
    if kind in CHOICE_TYPES:
        return parse_choices(_get(field, "choices"))
    return []


def _loops(key, by_key):
    """True when following the conditions from ``key`` comes back to it."""
    seen, current = set(), key
    while True:
        field = by_key.get(current)
        when = (_get(field, "show_when_key") or "").strip() if field is not None else ""
        if not when or when in seen:
            return False
        if when == key:
            return True
        seen.add(when)
        current = when


def condition_problem(field, fields):
    """Why the condition of ``field`` can never be true, or None.

    ``fields`` are the form's active fields in the order the public sees them.
    Problems: ``self`` (on itself), ``unknown`` (no such field), ``loop`` (a chain of
    conditions comes back to the field), ``later`` (on a field asked after it),
    ``no_options`` (on a field whose answers are typed, not chosen), ``no_answer``
    (no answer chosen), ``option`` (an answer the field does not offer).
    """
    key = _get(field, "key")
    when = (_get(field, "show_when_key") or "").strip()
    if not when:
        return None
    if when == key:
        return "self"
    order = [_get(f, "key") for f in fields]
    by_key = {_get(f, "key"): f for f in fields}
    if when not in by_key:
        return "unknown"
    if _loops(key, by_key):
        return "loop"
    if key in order and order.index(when) > order.index(key):
        return "later"
    offered = option_values(by_key[when])
    if not offered:
        return "no_options"
    wanted = (_get(field, "show_when_value") or "").strip()
    if not wanted:
        return "no_answer"
    if wanted.casefold() not in {value.casefold() for value in offered}:
        return "option"
    return None


def condition_problems(fields):
    """(field, problem) for every field of ``fields`` (in form order) whose condition can
    never be true."""
    fields = list(fields)
    found = []
    for field in fields:
        problem = condition_problem(field, fields)
        if problem:
            found.append((field, problem))
    return found


def parse_number(text):
    """A number typed the Indonesian or the English way: ``1.234,5``, ``1234.5``, ``12``.

    Returns a Decimal, or None when it is not a number."""
    value = (text or "").strip().replace(" ", "")
    if not value:
        return None
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        value = value.replace(",", ".")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    if not re.match(r"^[+-]?\d+(\.\d+)?$", value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover — the pattern already checked it
        return None


def is_open(status, opens_at, closes_at, now):
    """A form takes answers when published and ``now`` is within its optional dates."""
    if status != "published":
        return False
    if opens_at is not None and now < opens_at:
        return False
    if closes_at is not None and now >= closes_at:
        return False
    return True


def dates_problem(opens_at, closes_at):
    return bool(opens_at and closes_at and closes_at <= opens_at)


def export_columns(current_keys, answered_keys):
    """One column per field key: the current fields in their order, then keys that
    only old submissions have (removed fields), in the order first met."""
    columns = list(dict.fromkeys(current_keys))
    seen = set(columns)
    for key in answered_keys:
        if key not in seen:
            seen.add(key)
            columns.append(key)
    return columns


def clean_value(kind, value):
    """The stored text of an answer (what exports and details show)."""
    if value is None:
        return ""
    if kind == "multiple_choice":
        items = value if isinstance(value, (list, tuple)) else [value]
        return "\n".join(str(item).strip() for item in items if str(item).strip())
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return YES if value else NO
    return str(value).strip()
