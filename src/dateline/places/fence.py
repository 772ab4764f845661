"""The provinces a text's addresses name fence its other small places.

Conflict notes and local news give an address once ("in Villahermosa, Tabasco", "in Carvajal,
Trujillo state") and then name sectors, quarters and villages bare ("the Valle Verde sector",
"residents from the El Filo sector"). Such a bare name is a place of the addressed province that
the gazetteer may not know; a village of that name in another province is a false friend.

So a bare name keeps, among its village and town readings, only those inside a province an
address of the text names. An address is a name followed by the province, district or town that
holds it, where some reading of the name lies in the container's likeliest province ("Cornwall,
Sharon" is a list). The fence holds for a name written with a unit word or a locality word ("the
Valle Verde sector", "the village of Zunnar", "Colonia Libertad"), and for the readings of any
name whose population is unknown (hamlets): a town of some size in a neighbouring province is
often named bare in local news ("Pewaukee" beside "Bolingbrook, Ill.").

Readings a reader knows without their province (units, seats of units, towns of
:data:`_TOWN_POPULATION` or more) stay wherever they lie, when the name is written as theirs; a
close spelling outside the addressed provinces never stays ("Morro do Juiz" in a note on Belford
Roxo, Rio de Janeiro, is no Muriaé of Minas Gerais). A name left with no reading is "not in
the gazetteer", and :mod:`dateline.places.located` may then place it at the address.

A name is bare when no address holds it and it holds none (it is in no chain, and no container is
written beside it).
"""

from __future__ import annotations

from collections.abc import Sequence

from dateline.gazetteer.entry import Entry
from dateline.places.chains import SEAT_GROUPS, Item, keep, likeliest, named
from dateline.places.features import Option

__all__ = ["keep_to_addressed_provinces"]

#: A town this populous is known without its province ("Monterrey", "Aleppo").
_TOWN_POPULATION = 10_000
#: First words of names of a town's quarters and a district's hamlets ("Colonia Libertad").
_LOCALITY_WORDS = frozenset({"colonia", "barrio", "fraccionamiento", "barangay", "sitio", "purok", "mohalla"})


def keep_to_addressed_provinces(items: Sequence[Item]) -> None:
    """Narrow each bare name's small-place readings to the provinces the text's addresses name."""
    provinces = _addressed_provinces(items)
    if not provinces:
        return
    for item in items:
        if not item.options or not _bare(item):
            continue
        # "the Valle Verde sector", "the village of Zunnar", "Colonia Libertad"
        first = item.mention.name.split()[:1]
        local = item.mention.unit is not None or (bool(first) and first[0].lower() in _LOCALITY_WORDS)
        kept = [
            o
            for o in item.options
            if _province(o.entry) in provinces
            or (named(o) and not (_small_place(o) and (local or o.entry.population == 0)))
        ]
        if kept:
            keep(item, kept)
        else:
            item.options, item.scores, item.probs = (), [], []


def _addressed_provinces(items: Sequence[Item]) -> set[tuple[str, str]]:
    """(country, admin-1 code) of each address's container: the likeliest reading of a name that
    holds another ("Tabasco" in "Villahermosa, Tabasco")."""
    out: set[tuple[str, str]] = set()
    for item in items:
        if item.inside is None or not items[item.inside].options:
            continue
        outer = likeliest(items[item.inside])
        province = _province(outer.entry)
        # the name inside may lie there too, or is a place the gazetteer does not know ("Cornwall,
        # Sharon" is a list: no Cornwall lies in the likeliest Sharon's province)
        inside = not item.options or any(_province(o.entry) == province for o in item.options)
        if province is not None and named(outer) and inside:
            out.add(province)
    return out


def _bare(item: Item) -> bool:
    return item.inside is None and not item.container_entries and not getattr(item, "holds", ())


def _province(entry: Entry) -> tuple[str, str] | None:
    if entry.country_code is None or entry.admin1_code is None:
        return None
    return entry.country_code, entry.admin1_code


def _small_place(option: Option) -> bool:
    """A village, hamlet or town under :data:`_TOWN_POPULATION` that seats no unit."""
    entry = option.entry
    return (
        entry.feature_class == "P" and entry.population < _TOWN_POPULATION and option.group not in SEAT_GROUPS
    )
