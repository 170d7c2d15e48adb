"""The demo low-code form: published, answerable, with old answers of a removed field."""
from portal.db import db
from portal.models import CustomForm, FormAnswer, FormField, FormSubmission


def test_demo_form(runner, app, client):
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123", "--seed", "7"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        form = CustomForm.get(CustomForm.slug == "klinik-perizinan-umkm")
        assert form.status == "published" and form.unit.code == "DPMPTSP"
        assert FormSubmission.select().where(FormSubmission.form == form.id).count() == 24
        removed = FormField.get(FormField.key == "alamat")
        assert not removed.active
        assert FormAnswer.select().where(FormAnswer.field == removed.id).exists()
        # the condition holds in the demo answers too: no NIB number without a NIB
        for submission in form.submissions:
            answers = submission.answer_map()
            if answers["punya_nib"].value == "no":
                assert "nomor_nib" not in answers
        extra = CustomForm.get(CustomForm.slug == "pertanyaan-bimtek-skp")
        event_id = extra.event_id
    assert "Sudah pernah menyusun SKP di e-Kinerja?" in \
        client.get(f"/acara/{event_id}").get_data(as_text=True)
    page = client.get("/formulir/klinik-perizinan-umkm")
    assert page.status_code == 200 and "Nomor NIB" in page.get_data(as_text=True)
    assert "Alamat usaha" not in page.get_data(as_text=True)
