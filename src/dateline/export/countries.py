"""Countries as ACLED writes them: name, ISO 3166 numeric code and ACLED region, by ISO alpha-2 code.

Names and numeric codes come from GeoNames' country table (``data/countries.json``); ACLED's regions
and the names ACLED spells its own way ("Democratic Republic of Congo", "Palestine") from
``data/acled_regions.json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any


def load_data(name: str) -> dict[str, Any]:
    """The JSON file ``name`` of ``dateline/export/data``."""
    return json.loads(resources.files("dateline.export").joinpath("data", name).read_text("utf-8"))


@dataclass(frozen=True, slots=True)
class Countries:
    """ISO 3166 codes to ACLED's country names, ISO numeric codes and ACLED regions (package data)."""

    by_code: Mapping[str, Mapping[str, Any]]
    regions: Mapping[str, str] = field(default_factory=dict)
    acled_names: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Countries:
        acled = load_data("acled_regions.json")
        return cls(
            load_data("countries.json")["countries"],
            acled["region_by_country"],
            acled["acled_country_names"],
        )

    def _entry(self, code: str | None) -> Mapping[str, Any] | None:
        return self.by_code.get(code.upper()) if code else None

    def name(self, code: str | None) -> str | None:
        """ACLED's name of the country (GeoNames' where ACLED has none of its own); an unknown code as
        given."""
        if not code:
            return None
        acled = self.acled_names.get(code.upper())
        if acled:
            return acled
        entry = self._entry(code)
        return entry["name"] if entry else code

    def numeric(self, code: str | None) -> int | None:
        entry = self._entry(code)
        return entry["numeric"] if entry else None

    def region(self, code: str | None) -> str | None:
        """ACLED's region of the country ("Western Africa", "Middle East", ...)."""
        return self.regions.get(code.upper()) if code else None
