"""Settings: every field checked on construction, with the library's own error."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import holidays
import pytest

from chronology import InvalidValue, Settings
from chronology.settings import DEFAULT, HOLIDAY_REGIONS


def test_the_holiday_regions_are_those_the_holidays_package_knows() -> None:
    assert set(HOLIDAY_REGIONS) == set(holidays.UK.subdivisions)
    for region in HOLIDAY_REGIONS:
        assert holidays.country_holidays("GB", subdiv=region, years=2012)


BAD = [
    ({"holiday_region": "XX"}, "holiday_region must be one of"),
    ({"holiday_region": "eng"}, "holiday_region must be one of"),
    ({"holiday_region": 3}, "not a value of type int"),
    ({"seasons": "lunar"}, "seasons must be one of"),
    ({"seasons": ["meteorological"]}, "not a value of type list"),
    ({"reporting_year": "calendar"}, "reporting_year must be one of"),
    ({"day_first": 1}, "day_first must be True or False"),
    ({"day_first": "yes"}, "day_first must be True or False"),
    ({"week_tolerance_days": -1}, "from 0 to 6"),
    ({"week_tolerance_days": 7}, "from 0 to 6"),
    ({"week_tolerance_days": True}, "from 0 to 6, not True"),
    ({"week_tolerance_days": 3.0}, "from 0 to 6, not 3.0"),
    ({"month_tolerance_days": 28}, "from 0 to 27"),
    ({"year_tolerance_months": 12}, "from 0 to 11"),
    ({"short_gap_days": 367}, "from 0 to 366"),
    ({"short_gap_days": 10**100}, "from 0 to 366"),
    ({"hedge_factor": 0.5}, "from 1 to 4"),
    ({"hedge_factor": 5}, "from 1 to 4"),
    ({"hedge_factor": float("nan")}, "finite number"),
    ({"hedge_factor": float("inf")}, "finite number"),
    ({"hedge_factor": "half again"}, "finite number"),
    ({"hedge_factor": "1" * 100}, "a number such as"),
    ({"hedge_factor": True}, "not a value of type bool"),
    ({"hedge_factor": None}, "not a value of type NoneType"),
]


@pytest.mark.parametrize(("fields", "says"), BAD, ids=[f"{next(iter(f))}={f[next(iter(f))]!r:.20}" for f, _ in BAD])
def test_a_bad_field_is_refused_on_construction(fields: dict[str, Any], says: str) -> None:
    with pytest.raises(InvalidValue, match=says.replace("(", r"\(")):
        Settings(**fields)
    with pytest.raises(InvalidValue, match=says.replace("(", r"\(")):
        DEFAULT.replace(**fields)


@pytest.mark.parametrize(
    ("fields", "field", "value"),
    [
        ({"hedge_factor": "3/2"}, "hedge_factor", Fraction(3, 2)),
        ({"hedge_factor": 2}, "hedge_factor", Fraction(2)),
        ({"hedge_factor": 1.25}, "hedge_factor", Fraction(5, 4)),
        ({"holiday_region": "SCT"}, "holiday_region", "SCT"),
        ({"week_tolerance_days": 0}, "week_tolerance_days", 0),
        ({"short_gap_days": 366}, "short_gap_days", 366),
    ],
)
def test_good_fields_are_kept(fields: dict[str, Any], field: str, value: object) -> None:
    assert getattr(Settings(**fields), field) == value


def test_replace_refuses_a_field_settings_has_not() -> None:
    with pytest.raises(InvalidValue, match="no field 'tolerance'"):
        DEFAULT.replace(tolerance=3)
