"""The open data described for machines: a DCAT catalogue (JSON-LD, DCAT-AP shape) that
CKAN's DCAT harvester and Satu Data portals read, and a Frictionless Data Package.

Both list one dataset per CSV family (portal/rules/open_data.py) with one file per
year that has numbers (portal.stats.open_data_coverage), the office as publisher and
the licence of ``OPEN_DATA_LICENCE``. Titles and descriptions are given in Indonesian
and English. Every address is absolute (portal.mail.external_url: PORTAL_BASE_URL when
set). Nothing personal is described: the files hold counts and averages per unit.
"""
import datetime
import re
from types import SimpleNamespace

from flask import current_app
from flask_babel import force_locale, format_date, gettext
from flask_babel import lazy_gettext as _l

from portal import labels, stats
from portal.mail import external_url
from portal.rules import open_data

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
CSV_MEDIA_TYPE = "https://www.iana.org/assignments/media-types/text/csv"
CSV_FORMAT = "http://publications.europa.eu/resource/authority/file-type/CSV"
LANGUAGES = {"id": "http://publications.europa.eu/resource/authority/language/IND",
             "en": "http://publications.europa.eu/resource/authority/language/ENG"}

# slug → (title, description, keywords, CSV endpoint)
DATASETS = {
    "units": (_l("Government units"),
              _l("The active government units of the region with their code, kind and the "
                 "unit they belong to."),
              (_l("government unit"), _l("organisation")), "opendata.units_csv"),
    "ikm": (_l("Community satisfaction index (IKM) per unit"),
            _l("The community satisfaction index (IKM, PermenPANRB 14/2017) of every service "
               "unit for a year: the index, its quality band, the answers received, the "
               "minimum sample and the average answer to each survey element."),
            (_l("community satisfaction index"), _l("public service"), _l("survey")),
            "opendata.ikm_csv"),
    "complaints": (_l("Complaint handling per unit"),
                   _l("Complaints received, verified and resolved by every unit for a year, "
                      "the share closed within the time limit, the median days to answer and "
                      "to resolve, and the reporters' satisfaction."),
                   (_l("complaint"), _l("public service")), "opendata.complaints_csv"),
    "report": (_l("Report card summary per unit"),
               _l("Every unit's report card for a year in one line: IKM, performance "
                  "indicators, complaint handling, reporters' satisfaction and the number of "
                  "employees per final performance rating (small groups are left empty)."),
               (_l("performance"), _l("community satisfaction index"), _l("complaint")),
               "opendata.report_csv"),
}


def licence():
    return current_app.config["OPEN_DATA_LICENCE"]


def dataset_years(coverage=None):
    """{slug: [years with numbers, ascending]} for the yearly families."""
    coverage = coverage or stats.open_data_coverage()
    last = datetime.date.today().year + 1
    report = set(coverage["ikm"]) | set(coverage["complaints"]) \
        | set(coverage["indicators"]) | set(coverage["predikat"])
    years = {"ikm": set(coverage["ikm"]), "complaints": set(coverage["complaints"]),
             "report": report}
    return {slug: sorted(y for y in found if 2000 <= y <= last) for slug, found in years.items()}


def files(coverage=None):
    """[(slug, year or None, file name, absolute URL)] of every CSV file published."""
    years = dataset_years(coverage)
    found = []
    for slug, (*_, endpoint) in DATASETS.items():
        for year in (years[slug] if open_data.is_yearly(slug) else [None]):
            values = {"year": year} if year is not None else {}
            found.append((slug, year, open_data.file_name(slug, year),
                          external_url(endpoint, **values)))
    return found


def _texts(text):
    """A text in both languages: [{"@value", "@language"}], Indonesian first."""
    result = []
    for language in ("id", "en"):
        with force_locale(language):
            result.append({"@value": str(text), "@language": language})
    return result


def _date(value):
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _period(first, last):
    end = min(datetime.date(last, 12, 31), datetime.date.today())
    return {"@type": "dct:PeriodOfTime", "dcat:startDate": _date(datetime.date(first, 1, 1)),
            "dcat:endDate": _date(max(end, datetime.date(first, 1, 1)))}


def catalogue():
    """The DCAT catalogue as a JSON-LD document (plain dicts)."""
    page = external_url("opendata.docs")
    publisher = {"@id": external_url("public.home") + "#publisher", "@type": "foaf:Organization",
                 "foaf:name": current_app.config["PORTAL_REGION"],
                 "foaf:homepage": {"@id": external_url("public.home")}}
    contact = {"@type": "vcard:Organization", "vcard:fn": current_app.config["PORTAL_REGION"],
               "vcard:hasURL": {"@id": page}}
    licence_ref = {"@id": licence()["url"]}
    today = _date(datetime.date.today())
    by_slug = {}
    for slug, year, name, url in files():
        by_slug.setdefault(slug, []).append((year, name, url))
    datasets = []
    for slug, (title, description, keywords, _endpoint) in DATASETS.items():
        distributions = []
        for year, name, url in by_slug.get(slug, []):
            distribution = {
                "@id": f"{page}#{name}", "@type": "dcat:Distribution",
                "dct:title": name, "dcat:downloadURL": {"@id": url},
                "dcat:accessURL": {"@id": page}, "dcat:mediaType": {"@id": CSV_MEDIA_TYPE},
                "dct:format": {"@id": CSV_FORMAT}, "dct:license": licence_ref,
                "dct:conformsTo": {"@id": external_url("opendata.datapackage")},
            }
            if year is not None:
                distribution["dct:temporal"] = _period(year, year)
            distributions.append(distribution)
        dataset = {
            "@id": f"{page}#dataset-{slug}", "@type": "dcat:Dataset", "dct:identifier": slug,
            "dct:title": _texts(title), "dct:description": _texts(description),
            "dcat:keyword": [text for keyword in keywords for text in _texts(keyword)],
            "dct:publisher": {"@id": publisher["@id"]}, "dcat:contactPoint": contact,
            "dct:license": licence_ref, "dcat:landingPage": {"@id": page},
            "dct:language": [{"@id": uri} for uri in LANGUAGES.values()],
            "dct:modified": today, "dcat:distribution": distributions,
        }
        years = [year for year, *_ in by_slug.get(slug, []) if year is not None]
        if years:
            dataset["dct:temporal"] = _period(years[0], years[-1])
            dataset["dct:issued"] = _date(datetime.date(years[0], 1, 1))
        datasets.append(dataset)
    return {
        "@context": CONTEXT, "@id": external_url("opendata.catalogue"), "@type": "dcat:Catalog",
        "dct:title": _catalogue_title(),
        "dct:description": _texts(_l("Public performance, satisfaction (IKM) and complaint "
                                     "numbers, free to reuse under the stated licence.")),
        "dct:publisher": publisher, "dct:license": licence_ref,
        "foaf:homepage": {"@id": page}, "dct:modified": today,
        "dct:language": [{"@id": uri} for uri in LANGUAGES.values()],
        "dcat:dataset": datasets,
    }


def _catalogue_title():
    region = current_app.config["PORTAL_REGION"]
    result = []
    for language in ("id", "en"):
        with force_locale(language):
            result.append({"@value": gettext("Open data of %(region)s", region=region),
                           "@language": language})
    return result


def package():
    """The Frictionless Data Package (tabular-data-package) of every CSV file."""
    terms = licence()
    licences = [{"path": terms["url"], "title": terms["title"],
                 **({"name": terms["id"]} if terms.get("id") else {})}]
    name = re.sub(r"[^a-z0-9._-]+", "-", current_app.config["PORTAL_NAME"].lower()).strip("-")
    title = _catalogue_title()[0]["@value"]
    resources = []
    for slug, year, file_name, url in files():
        label = _say("id", DATASETS[slug][0]) + (f" {year}" if year is not None else "")
        resources.append({
            "name": file_name.removesuffix(".csv"), "path": url, "title": label,
            "description": _say("id", DATASETS[slug][1]),
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8-sig", "schema": open_data.table_schema(slug),
        })
    return {
        "profile": "tabular-data-package", "name": f"{name or 'portal'}-open-data",
        "title": title, "homepage": external_url("opendata.docs"),
        "created": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        .isoformat(),
        "licenses": licences, "resources": resources,
    }


def _say(language, text):
    with force_locale(language):
        return str(text)


def _month_runs(year, months):
    """Months as runs in words: "Januari–Maret, Mei"."""
    runs = []
    for month in months:
        if runs and runs[-1][1] == month - 1:
            runs[-1][1] = month
        else:
            runs.append([month, month])

    def name(month):
        return format_date(datetime.date(year, month, 1), "MMMM")
    return ", ".join(name(a) if a == b else f"{name(a)}–{name(b)}" for a, b in runs)


def _indicator_periods(year, periods):
    """The months as runs ("Januari–Maret"), then the quarters and the year in words."""
    months = _month_runs(year, [m for _q, m in periods if m])
    others = [labels.period_label(SimpleNamespace(year=year, quarter=q, month=None))
              for q, m in periods if not m]
    return ", ".join(([months] if months else []) + others)


def year_rows(coverage=None):
    """What the open-data page lists per year, newest first: the survey months, whether
    complaints were received, the indicator periods reported and the year's files."""
    coverage = coverage or stats.open_data_coverage()
    by_year = {}
    for slug, year, file_name, url in files(coverage):
        if year is not None:
            by_year.setdefault(year, []).append((DATASETS[slug][0], file_name, url))
    return [{
        "year": year,
        "survey_months": _month_runs(year, coverage["ikm"].get(year, [])),
        "complaints": year in coverage["complaints"],
        "indicator_periods": _indicator_periods(year, coverage["indicators"].get(year, [])),
        "files": found,
    } for year, found in sorted(by_year.items(), reverse=True)]
