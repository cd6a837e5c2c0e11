"""Administrative units (rows of the store) from the ``vietnam-provinces`` catalogue (34 provinces, 3,321 communes).

A unit's electronic identifier (``one_stop_code``) is never derived from its codes (Decision 20/2020/QĐ-TTg
as amended by Decision 09/2025/QĐ-TTg: each province assigns them; see :mod:`counter_app.domain.identifiers`):
the catalogue loads every unit with the placeholder :func:`~counter_app.domain.identifiers.unconfigured`,
and setup (or the central store, from the unit's own counter) sets the real one.
"""

from __future__ import annotations

from sqlmodel import Session, select

from counter_app.db.models import Counter, Unit
from counter_app.domain.identifiers import unconfigured
from counter_app.domain.vntext import fold

PROVINCE_UNIT_PREFIX = "P"


def province_centre_id(province_code: int) -> str:
    """Unit id of a province's public administrative service centre."""
    return f"{PROVINCE_UNIT_PREFIX}{province_code:02d}"


def load_catalogue(session: Session) -> int:
    """Insert every ward/commune and every provincial centre the store does not have yet."""
    from vietnam_provinces import Province, Ward

    known = set(session.exec(select(Unit.id)).all())
    provinces = {int(p.code): p for p in Province.iter_all()}
    added = 0
    for code, province in provinces.items():
        unit_id = province_centre_id(code)
        if unit_id not in known:
            name = f"Trung tâm Phục vụ hành chính công {province.name if province.name.startswith('Thành phố') else 'tỉnh ' + province.name}"
            session.add(
                Unit(
                    id=unit_id,
                    name=name,
                    name_folded=fold(name),
                    kind="province",
                    province_code=code,
                    province_name=province.name,
                    one_stop_code=unconfigured(unit_id),
                    head_title="Giám đốc",
                )
            )
            added += 1
    for ward in Ward.iter_all():
        unit_id = str(int(ward.code))
        if unit_id in known:
            continue
        province = provinces[int(ward.province_code)]
        kind = {"xã": "commune", "phường": "ward", "đặc khu": "special"}.get(
            ward.division_type.value, "commune"
        )
        session.add(
            Unit(
                id=unit_id,
                name=ward.name,
                name_folded=fold(f"{ward.name} {province.name}"),
                kind=kind,
                province_code=int(ward.province_code),
                province_name=province.name,
                one_stop_code=unconfigured(unit_id),
                head_title="Chủ tịch Ủy ban nhân dân",
            )
        )
        added += 1
    session.flush()
    return added


def ensure_counter(session: Session, unit: Unit, number: int) -> Counter:
    counter_id = f"{unit.one_stop_code}#{number}"
    counter = session.get(Counter, counter_id)
    if counter is None:
        counter = Counter(id=counter_id, unit_id=unit.id, number=number, name=f"Quầy số {number}")
        session.add(counter)
        session.flush()
    return counter
