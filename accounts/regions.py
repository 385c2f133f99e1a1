"""Which office a dispute belongs to, from the regencies where the worker works (UU 2/2004 Pasal 4(1);
Permenakertrans 17/2014 Pasal 4): one kabupaten/kota -> its Disnaker; several of one province -> the province's
Disnaker; several provinces -> the Ministry (Kemnaker, Direktorat Jenderal PHI dan Jamsos)."""

from __future__ import annotations

from collections.abc import Iterable

MINISTRY = "00"


def province_of(code: str) -> str:
    """The province code of a region code: "32.73" -> "32", "32" -> "32"."""
    return code.split(".")[0]


def is_regency(code: str) -> bool:
    return code.count(".") == 1


def office_code_for_workplaces(codes: Iterable[str]) -> str:
    """The office code for workplaces in these region codes (a province code stands for several of its regencies,
    the Ministry's code for several provinces)."""
    distinct = sorted(set(codes))
    if not distinct:
        raise ValueError("no workplace")
    if len(distinct) == 1:
        return distinct[0]
    if MINISTRY in distinct:
        return MINISTRY
    provinces = {province_of(code) for code in distinct}
    return provinces.pop() if len(provinces) == 1 else MINISTRY
