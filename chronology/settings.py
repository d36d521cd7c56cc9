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

from chronology.errors import InvalidValue

__all__ = ["Settings", "DEFAULT"]

SeasonConvention = Literal["meteorological", "astronomical"]
YearConvention = Literal["financial", "academic"]


def _choice(*allowed: str):  # type: ignore[no-untyped-def]
    def check(instance: object, attribute: attrs.Attribute, value: object) -> None:  # type: ignore[type-arg]
        if value not in allowed:
            raise InvalidValue(f"Settings.{attribute.name} must be one of {allowed}, not {value!r}")

    return check


def _non_negative(instance: object, attribute: attrs.Attribute, value: int) -> None:  # type: ignore[type-arg]
    if not isinstance(value, int) or value < 0:
        raise InvalidValue(f"Settings.{attribute.name} must be a whole number >= 0, not {value!r}")


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
      (``"ENG"`` for England and Wales).
    - ``short_gap_days``: how long "shortly after" or "soon" may be.
    """

    seasons: SeasonConvention = attrs.field(
        default="meteorological", validator=_choice("meteorological", "astronomical")
    )
    day_first: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    week_tolerance_days: int = attrs.field(default=3, validator=_non_negative)
    month_tolerance_days: int = attrs.field(default=15, validator=_non_negative)
    year_tolerance_months: int = attrs.field(default=6, validator=_non_negative)
    hedge_factor: Fraction = attrs.field(default=Fraction(3, 2), converter=Fraction)
    reporting_year: YearConvention = attrs.field(default="financial", validator=_choice("financial", "academic"))
    holiday_region: str = attrs.field(default="ENG", validator=attrs.validators.instance_of(str))
    short_gap_days: int = attrs.field(default=28, validator=_non_negative)

    @hedge_factor.validator
    def _check_hedge(self, attribute: attrs.Attribute, value: Fraction) -> None:  # type: ignore[type-arg]
        if value < 1:
            raise InvalidValue(f"Settings.hedge_factor must be at least 1, not {value}")

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied.

        >>> DEFAULT.replace(day_first=False).day_first
        False
        """
        return attrs.evolve(self, **changes)


DEFAULT = Settings()
