"""The shape of the unit (OPD) tree and of supervisor chains (domain.md §1)."""

UNIT_KINDS = (
    "sekretariat_daerah",
    "sekretariat_dprd",
    "inspektorat",
    "dinas",
    "badan",
    "kecamatan",
    "kelurahan",
    "upt",
)

# Which kinds a unit of a kind may sit under; None means at the top of the tree.
ALLOWED_PARENTS = {
    "sekretariat_daerah": {None},
    "sekretariat_dprd": {None},
    "inspektorat": {None},
    "dinas": {None},
    "badan": {None},
    "kecamatan": {None},
    "kelurahan": {"kecamatan"},
    "upt": {"dinas", "badan"},
}


def parent_error(kind, parent_kind):
    """Why a unit of ``kind`` cannot sit under a unit of ``parent_kind``, or None."""
    if parent_kind not in ALLOWED_PARENTS.get(kind, {None}):
        return "kelurahan_under_kecamatan" if kind == "kelurahan" else "bad_parent"
    return None


def creates_cycle(node_id, new_parent_id, parent_of):
    """True when making ``new_parent_id`` the parent of ``node_id`` closes a loop.

    ``parent_of(id)`` returns an id's current parent id (or None). Works for the
    unit tree and the supervisor chain alike.
    """
    seen = set()
    current = new_parent_id
    while current is not None:
        if current == node_id or current in seen:
            return True
        seen.add(current)
        current = parent_of(current)
    return False


# What a UPT serves, when the comparison page should set it apart from other UPTs.
FACILITIES = ("puskesmas", "sekolah")

# The kinds the public comparison page filters by: the unit's kind, or for a UPT
# what it serves (a puskesmas, a school).
COMPARE_KINDS = ("dinas", "badan", "kecamatan", "kelurahan", "puskesmas", "sekolah")

_SCHOOL_PREFIXES = ("sd ", "sdn ", "smp ", "smpn ", "sma ", "sman ", "smk ", "smkn ", "slb ")


def facility_from_name(kind, name):
    """What a UPT serves, read from its name ("UPTD Puskesmas …", "SD Negeri …"), else
    None: the first guess for units created before the field existed (migration 0031
    applies the same patterns); the back office corrects it."""
    if kind != "upt":
        return None
    text = (name or "").strip().lower()
    if "puskesmas" in text:
        return "puskesmas"
    if "sekolah" in text or text.startswith(_SCHOOL_PREFIXES):
        return "sekolah"
    return None


def compare_kind(kind, facility=None):
    """The kind a unit is filtered by on the comparison page."""
    return facility if kind == "upt" and facility in FACILITIES else kind
