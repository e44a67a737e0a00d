"""A synthetic Guangdong: 14 aided cities, 83 counties, 3,409 poor villages,
about 367,000 poor households and 1.59 million people, from a fixed seed.

Codes follow the 12-digit statistical scheme with the real city codes; county,
township and village codes below them are synthetic. `scale` shrinks the
number of villages (and so everything below) for smoke runs."""
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

PROVINCE = ("440000000000", "Guangdong")
# The less developed prefecture-level cities that host poor villages.
CITIES = [("4402", "Shaoguan"), ("4405", "Shantou"), ("4407", "Jiangmen"), ("4408", "Zhanjiang"),
          ("4409", "Maoming"), ("4412", "Zhaoqing"), ("4414", "Meizhou"), ("4415", "Shanwei"),
          ("4416", "Heyuan"), ("4417", "Yangjiang"), ("4418", "Qingyuan"), ("4451", "Chaozhou"),
          ("4452", "Jieyang"), ("4453", "Yunfu")]
COUNTIES, VILLAGES, HOUSEHOLDS, PEOPLE = 83, 3409, 367_000, 1_590_000
VILLAGES_PER_TOWNSHIP = 8
CATEGORIES = (("able_to_work", 0.58), ("dibao", 0.35), ("wubao", 0.07))
SURNAMES = "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Liang Tang Fang Pan Deng".split()
GIVEN = "Ming Hua Li Jun Fang Yan Qiang Lei Mei Ping Hong Jie Xia Bo Ning Yu Tao Jing Lan Shan".split()
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent: str


@dataclass(frozen=True)
class Person:
    name: str
    national_id: str
    relation: str
    sex: str
    birth_date: str


@dataclass(frozen=True)
class Household:
    household_id: str
    village_code: str
    category: str
    members: tuple[Person, ...]
    # Per-capita net income of the year's survey, in fen.
    survey_income_per_capita_fen: int = 0


@dataclass
class Province:
    scale: float
    seed: int
    divisions: list[Division] = field(default_factory=list)
    villages: list[str] = field(default_factory=list)
    households_per_village: list[int] = field(default_factory=list)

    @property
    def household_count(self) -> int:
        return sum(self.households_per_village)


def check_digit(first17: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def build(scale: float = 1.0, seed: int = 20101) -> Province:
    """Divisions and household counts per village; households are generated lazily."""
    rng = random.Random(seed)
    villages_wanted = max(1, round(VILLAGES * scale))
    counties_wanted = max(1, min(COUNTIES, round(COUNTIES * scale) or 1))
    province = Province(scale=scale, seed=seed)
    province.divisions.append(Division(PROVINCE[0], PROVINCE[1], "province", ""))
    counties: list[str] = []
    for n in range(counties_wanted):
        city_code, city_name = CITIES[n % len(CITIES)]
        city = city_code + "0" * 8
        if not any(d.code == city for d in province.divisions):
            province.divisions.append(Division(city, city_name, "city", PROVINCE[0]))
        county = f"{city_code}{31 + n // len(CITIES):02d}000000"
        province.divisions.append(Division(county, f"{city_name} county {n // len(CITIES) + 1}", "county", city))
        counties.append(county)
    for v in range(villages_wanted):
        county = counties[v % len(counties)]
        index_in_county = v // len(counties)
        township = f"{county[:6]}{100 + index_in_county // VILLAGES_PER_TOWNSHIP:03d}000"
        if index_in_county % VILLAGES_PER_TOWNSHIP == 0:
            province.divisions.append(Division(township, f"Town {township[6:9]} of {county[:6]}", "township", county))
        village = f"{township[:9]}{200 + index_in_county % VILLAGES_PER_TOWNSHIP:03d}"
        province.divisions.append(Division(village, f"Village {village[9:]} of {township[:9]}", "village", township))
        province.villages.append(village)
    mean = HOUSEHOLDS / VILLAGES
    province.households_per_village = [max(1, round(rng.gauss(mean, mean * 0.25))) for _ in province.villages]
    return province


def households(province: Province) -> Iterator[Household]:
    """Every household of the province, deterministic from the seed."""
    rng = random.Random(province.seed + 1)
    # Wubao households have one member; the others carry the rest of the people.
    non_wubao_size = (PEOPLE - HOUSEHOLDS * CATEGORIES[2][1]) / (HOUSEHOLDS * (1 - CATEGORIES[2][1])) - 0.015
    serial = 0
    people_in_county: dict[str, int] = {}
    birth_origin = date(1930, 1, 1)
    for village, count in zip(province.villages, province.households_per_village):
        for _ in range(count):
            serial += 1
            size = max(1, min(9, round(rng.gauss(non_wubao_size, 1.4))))
            category = rng.choices([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
            if category == "wubao":
                size = 1
            members = []
            for m in range(size):
                index = people_in_county[village[:6]] = people_in_county.get(village[:6], -1) + 1
                # (birth date, sequence) is a bijection of the person's index in the
                # county (7919 is coprime with 29200 days), so IDs never collide.
                born = birth_origin + timedelta(days=(index // 1000) * 7919 % 29200)
                first17 = f"{village[:6]}{born:%Y%m%d}{index % 1000:03d}"
                members.append(Person(
                    name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                    national_id=first17 + check_digit(first17),
                    relation="head" if m == 0 else rng.choice(("spouse", "child", "parent", "grandchild")),
                    sex=rng.choice(("male", "female")), birth_date=born.isoformat()))
            yield Household(household_id=f"00000000-0000-4000-8000-{serial:012d}", village_code=village,
                            category=category, members=tuple(members),
                            survey_income_per_capita_fen=rng.randrange(120_000, 800_000))
