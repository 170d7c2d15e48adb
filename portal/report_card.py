"""A unit's report card: everything its public page and its JSON answer show, from
portal.stats."""
from flask import current_app

from portal import stats

YEARS_BACK = 5


def unit_report(unit, year):
    """Everything a unit's report card and its API answer show, from portal.stats."""
    ikm = stats.ikm_for(unit, year)
    return {
        "ikm": ikm,
        # more answers than recorded service users: shown beside the IKM
        "population_exceeded": stats.answers_over_population(ikm),
        "ikm_kabupaten": stats.ikm_kabupaten(year),
        "indicators": stats.indicators_for(unit, year),
        "complaints": stats.complaint_summary(year, unit),
        "predikat": stats.predikat_distribution(unit, year),
        "predikat_appraised": stats.has_final_appraisals(unit, year),
        "predikat_states": stats.predikat_states(unit, year),
        "min_group": current_app.config["PUBLISH_MIN_GROUP"],
        "ikm_services": stats.ikm_by_service(unit, year),
        # the requested year first, then the years before it
        "satisfaction": stats.satisfaction_by_year(
            list(range(year, year - YEARS_BACK, -1)), unit),
    }
