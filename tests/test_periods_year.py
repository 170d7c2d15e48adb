"""The Periods list creates a whole year's periods in one step (admin/periods.py)."""
import re

from portal.db import db
from portal.models import AuditEntry, Period
from portal.rules.periods import year_bounds
from portal.holidays import local_today
from tests.conftest import csrf_token


def create_year(client, year):
    token = csrf_token(client.get("/admin/period/").get_data(as_text=True))
    return client.post("/admin/period/year/", data={"csrf_token": token, "year": year},
                       follow_redirects=True)


def this_year(app):
    with app.app_context():
        return local_today().year


def test_operator_creates_a_year_and_only_what_is_missing(app, client, auth, users):
    year = this_year(app)
    with db.connection_context():
        kept = Period.create(year=year, quarter=2, open=False)
    auth.login("operator")
    page = client.get("/admin/period/").get_data(as_text=True)
    assert "Buat periode satu tahun" in page and f'value="{year}"' in page
    page = create_year(client, year).get_data(as_text=True)
    assert f"16 periode tahun {year} dibuat. 1 sudah ada dan tidak diubah." in page
    with db.connection_context():
        periods = list(Period.select().where(Period.year == year))
        assert len(periods) == 17
        assert {(p.quarter, p.month) for p in periods} == \
            {(None, None), (1, None), (2, None), (3, None), (4, None)} | \
            {(None, m) for m in range(1, 13)}
        assert not Period.get_by_id(kept.id).open  # the one there was left as it was
        assert AuditEntry.select().where(AuditEntry.object_type == "Period").count() == 16
    # the list now shows the year's periods, TW I–IV and the months among them
    assert "TW" in page or "Triwulan" in page or "Kuartal" in page
    again = create_year(client, year).get_data(as_text=True)
    assert f"Semua periode tahun {year} sudah ada; tidak ada yang dibuat." in again
    with db.connection_context():
        assert Period.select().where(Period.year == year).count() == 17


def test_a_bad_year_is_refused_with_a_message_and_nothing_is_created(app, client, auth, users):
    auth.login("admin")
    first, last = year_bounds(this_year(app))
    for bad in (str(first - 1), str(last + 1), "dua ribu", ""):
        page = create_year(client, bad).get_data(as_text=True)
        assert "Buat periode satu tahun" in page, bad
        assert (f"Masukkan tahun dari {first} sampai {last}." in page
                or "Isi tahunnya." in page or "bilangan bulat" in page), bad
    with db.connection_context():
        assert Period.select().count() == 0


def test_without_the_form_token_nothing_is_created(app, client, auth, users):
    auth.login("admin")
    response = client.post("/admin/period/year/", data={"year": this_year(app)},
                           follow_redirects=True)
    assert "Formulir kedaluwarsa" in response.get_data(as_text=True) or \
        "kedaluwarsa" in response.get_data(as_text=True)
    with db.connection_context():
        assert Period.select().count() == 0


def test_a_refused_year_stays_in_the_field(app, client, auth, users):
    auth.login("operator")
    page = create_year(client, "1999").get_data(as_text=True)
    assert 'value="1999"' in page
    # once: the next visit offers this year again
    assert f'value="{this_year(app)}"' in client.get("/admin/period/").get_data(as_text=True)


def test_the_year_box_offers_the_first_year_not_complete(app, client, auth, users):
    year = this_year(app)
    auth.login("operator")
    create_year(client, year)
    page = client.get("/admin/period/").get_data(as_text=True)
    assert f'id="year-periods-year" value="{year + 1}"' in page
    with db.connection_context():
        Period.delete().where((Period.year == year) & (Period.month == 5)).execute()
    page = client.get("/admin/period/").get_data(as_text=True)
    assert f'id="year-periods-year" value="{year}"' in page


def test_the_list_names_quarters_and_months_and_closes_the_ticked_periods(app, client, auth,
                                                                         users):
    year = this_year(app)
    auth.login("operator")
    page = create_year(client, year).get_data(as_text=True)
    cells = {re.sub(r"<[^>]*>", "", "<td" + cell.split("</td>")[0]).strip()
             for cell in page.split("<td")[1:]}
    assert {"Triwulan I", "Triwulan IV", "Januari", "Desember"} <= cells
    assert not {"1", "4", "12"} & cells
    assert "Tutup periode" in page and "Buka periode" in page
    assert "Tutup periode yang dipilih?" in page    # the list's confirmation question
    with db.connection_context():
        first = Period.get((Period.year == year) & (Period.quarter == 1))
        january = Period.get((Period.year == year) & (Period.month == 1))
    token = csrf_token(page)
    done = client.post("/admin/period/action/", data={
        "csrf_token": token, "action": "close", "rowid": [first.id, january.id]},
        follow_redirects=True).get_data(as_text=True)
    assert f"Ditutup: Triwulan I {year}, Januari {year}." in done
    with db.connection_context():
        assert not Period.get_by_id(first.id).open and not Period.get_by_id(january.id).open
        assert Period.select().where(Period.open == False).count() == 2  # noqa: E712
        assert AuditEntry.select().where((AuditEntry.object_type == "Period")
                                         & (AuditEntry.action == "update")).count() == 2
    again = client.post("/admin/period/action/", data={
        "csrf_token": token, "action": "open", "rowid": [first.id]},
        follow_redirects=True).get_data(as_text=True)
    assert f"Dibuka: Triwulan I {year}." in again
    # the start page's "close the period" item lands on that year's list
    landed = client.get(f"/admin/period/of/{year}/", follow_redirects=True)
    assert landed.request.args.to_dict() == {"flt0_0": str(year)}
    assert "Tutup periode" in landed.get_data(as_text=True)
