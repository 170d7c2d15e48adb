from portal.rules import org, ranks


def test_kelurahan_sits_only_under_a_kecamatan():
    assert org.parent_error("kelurahan", "kecamatan") is None
    assert org.parent_error("kelurahan", "dinas") == "kelurahan_under_kecamatan"
    assert org.parent_error("kelurahan", None) == "kelurahan_under_kecamatan"


def test_top_level_units_and_upt():
    assert org.parent_error("dinas", None) is None
    assert org.parent_error("dinas", "kecamatan") == "bad_parent"
    assert org.parent_error("upt", "dinas") is None
    assert org.parent_error("upt", None) == "bad_parent"


def test_cycles_are_detected_in_any_tree():
    parents = {1: None, 2: 1, 3: 2}
    assert org.creates_cycle(1, 3, parents.get)      # 1 under its own grandchild
    assert org.creates_cycle(2, 2, parents.get)      # under itself
    assert not org.creates_cycle(3, 1, parents.get)  # moving up is fine


def test_golongan_labels_follow_the_domain_table():
    assert len(ranks.GOLONGAN) == 17
    assert ranks.golongan_label("III/c") == "Penata (III/c)"
    assert ranks.golongan_label("IV/e") == "Pembina Utama (IV/e)"
    assert ranks.golongan_label("I/b") == "Juru Muda Tingkat I (I/b)"


def test_pns_needs_golongan_and_pppk_has_none():
    assert ranks.employment_error("pns", "III/a") is None
    assert ranks.employment_error("pns", None) == "pns_needs_golongan"
    assert ranks.employment_error("pppk", "III/a") == "pppk_has_no_golongan"
    assert ranks.employment_error("pppk", None) is None
    assert ranks.employment_error("pns", "V/a") == "unknown_golongan"
