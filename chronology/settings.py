"""Settings: the few conventions a user may choose, passed explicitly.

There is no global state: every function that reads a convention takes a
``Settings`` (or uses :data:`DEFAULT`).  ``Settings`` is frozen; derive a
variant with :func:`attrs.evolve` or :meth:`Settings.replace`.

>>> s = Settings(seasons="astronomical")
>>> s.seasons, DEFAULT.seasons
('astronomical', 'meteorological')
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

import attrs

from chronology.errors import InvalidValue, shown

__all__ = ["Settings", "DEFAULT", "HOLIDAY_REGIONS"]

SeasonConvention = Literal["meteorological", "astronomical"]
YearConvention = Literal["financial", "academic"]


def _choice(*allowed: str):  # type: ignore[no-untyped-def]
    def check(instance: object, attribute: attrs.Attribute, value: object) -> None:  # type: ignore[type-arg]
        if type(value) is not str or value not in allowed:
            shown = repr(value[:40]) if type(value) is str else f"a value of type {type(value).__name__}"
            raise InvalidValue(f"Settings.{attribute.name} must be one of {allowed}, not {shown}")

    return check


def _whole(low: int, high: int):  # type: ignore[no-untyped-def]
    def check(instance: object, attribute: attrs.Attribute, value: object) -> None:  # type: ignore[type-arg]
        if type(value) is not int or not low <= value <= high:
            shown = repr(value) if type(value) in (int, float, bool, str) else f"a value of type {type(value).__name__}"
            raise InvalidValue(f"Settings.{attribute.name} must be a whole number from {low} to {high}, not {shown}")

    return check


def _flag(instance: object, attribute: attrs.Attribute, value: object) -> None:  # type: ignore[type-arg]
    if type(value) is not bool:
        raise InvalidValue(
            f"Settings.{attribute.name} must be True or False, not a value of type {type(value).__name__}"
        )


def _fraction(value: object) -> Fraction:
    """A hedge factor as an exact fraction: from an int, a Fraction, a finite float or a string such as '3/2'."""
    if type(value) is bool or not isinstance(value, (int, float, str, Fraction)):
        raise InvalidValue(f"Settings.hedge_factor must be a number, not a value of type {type(value).__name__}")
    if isinstance(value, str) and len(value) > 40:
        raise InvalidValue("Settings.hedge_factor must be a number such as 1.5 or '3/2'")
    try:
        return Fraction(value)
    except (ValueError, OverflowError, ZeroDivisionError, TypeError):
        raise InvalidValue(f"Settings.hedge_factor must be a finite number, not {shown(value)}") from None


# The UK subdivisions whose bank holidays the `holidays` package knows (holidays.UK.subdivisions;
# tests/test_settings.py checks the two agree).  Named here so that the ground imports nothing.
HOLIDAY_REGIONS = ("ENG", "NIR", "SCT", "WLS")
# How far a count may be from its exact length, at most: less than the unit itself.
_MAX_TOLERANCE = {"week_tolerance_days": 6, "month_tolerance_days": 27, "year_tolerance_months": 11}


@attrs.frozen(kw_only=True, cache_hash=True)  # hashed on every cached look-up keyed by settings
class Settings:
    """Conventions for reading phrases.  Defaults follow docs/conventions.md.

    - ``seasons``: UK ``"meteorological"`` seasons (spring = Mar-May) or
      ``"astronomical"`` (spring = 20 Mar .. 20 Jun, summer = 21 Jun .. 22 Sep,
      autumn = 23 Sep .. 20 Dec, winter = 21 Dec .. 19 Mar, with each boundary
      day allowed either side because equinoxes and solstices move).
    - ``day_first``: numeric dates are day-first (UK, ``09/07/2013`` = 9 July).
    - ``week_tolerance_days``, ``month_tolerance_days``,
      ``year_tolerance_months``: how far a count of weeks, months or years may
      be from its exact length; ``hedge_factor`` widens that for "about".
    - ``reporting_year``: what ``2014-15`` means: the ``"financial"`` year
      (1 April .. 31 March) or the ``"academic"`` year (1 September .. 31 August).
    - ``holiday_region``: the UK subdivision whose bank holidays count
      (``"ENG"`` for England and Wales; ``"NIR"``, ``"SCT"``, ``"WLS"``).
    - ``short_gap_days``: how long "shortly after" or "soon" may be.

    Every field is checked on construction: its type (``True`` is not a number here),
    and its range (a tolerance is less than its unit; ``hedge_factor`` from 1 to 4;
    ``short_gap_days`` at most a year).

    >>> Settings(holiday_region="XX")
    Traceback (most recent call last):
    ...
    chronology.errors.InvalidValue: Settings.holiday_region must be one of ('ENG', 'NIR', 'SCT', 'WLS'), not 'XX'
    """

    seasons: SeasonConvention = attrs.field(
        default="meteorological", validator=_choice("meteorological", "astronomical")
    )
    day_first: bool = attrs.field(default=True, validator=_flag)
    week_tolerance_days: int = attrs.field(default=3, validator=_whole(0, _MAX_TOLERANCE["week_tolerance_days"]))
    month_tolerance_days: int = attrs.field(default=15, validator=_whole(0, _MAX_TOLERANCE["month_tolerance_days"]))
    year_tolerance_months: int = attrs.field(default=6, validator=_whole(0, _MAX_TOLERANCE["year_tolerance_months"]))
    hedge_factor: Fraction = attrs.field(default=Fraction(3, 2), converter=_fraction)
    reporting_year: YearConvention = attrs.field(default="financial", validator=_choice("financial", "academic"))
    holiday_region: str = attrs.field(default="ENG", validator=_choice(*HOLIDAY_REGIONS))
    short_gap_days: int = attrs.field(default=28, validator=_whole(0, 366))

    @hedge_factor.validator
    def _check_hedge(self, attribute: attrs.Attribute, value: Fraction) -> None:  # type: ignore[type-arg]
        if not 1 <= value <= 4:
            raise InvalidValue(f"Settings.hedge_factor must be from 1 to 4, not {value}")

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (checked as a new one is; an unknown field is an error).

        >>> DEFAULT.replace(day_first=False).day_first
        False
        """
        unknown = sorted(name for name in changes if name not in attrs.fields_dict(Settings))
        if unknown:
            raise InvalidValue(f"Settings has no field {unknown[0]!r}")
        return attrs.evolve(self, **changes)


DEFAULT = Settings()
