from portal.rules import complaint_fields as f


def test_problems_names_each_wrong_field_once():
    assert f.problems({"title": "Jalan rusak", "description": "x" * 20}) == {}
    assert f.problems({"title": "", "description": "pendek"}) == {
        "title": "required", "description": "length"}
    assert f.problems({"reporter_email": "a@b", "reporter_phone": "12"}) == {
        "reporter_email": "email", "reporter_phone": "phone"}
    assert f.problems({"reporter_email": "x" * 195 + "@contoh.id"}) == {
        "reporter_email": "length"}
    assert f.problems({"place": "", "reporter_name": ""}) == {}


def test_patterns():
    assert f.valid_email("warga@contoh.id") and not f.valid_email("warga@contoh")
    assert f.valid_phone("+62 812-3456-7890") and not f.valid_phone("telepon")
