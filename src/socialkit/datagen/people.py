"""People around the manager: the professional network, meeting candidates, employees and their posts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.datagen import text as T
from socialkit.datagen._common import (
    CITIES, DAYS_IN_YEAR, FIRST_NAMES_EN, FIRST_NAMES_FR, LAST_NAMES_EN, LAST_NAMES_FR, choose_rows,
    hourly_intensity, ids, pick, sample_seconds, scaled, to_datetime,
)
from socialkit.schema import PLATFORMS, POLICY_LABELS

# --- contacts -----------------------------------------------------------------------------
CONTACTS = 1_500
# P0001 is the learner: Café Lumière's managing director (the course calls her "you").
MANAGER = ("You", "Lyon", "food_service", "Managing director, Café Lumière", "executive")
CONTACT_CITIES = {
    "Lyon": 0.21, "Paris": 0.19, "Marseille": 0.03, "Bordeaux": 0.02, "Brussels": 0.06, "London": 0.09,
    "Geneva": 0.03, "Milan": 0.03, "Berlin": 0.03, "Amsterdam": 0.03, "Barcelona": 0.02,
    "Montréal": 0.06, "Toronto": 0.02, "New York": 0.04, "San Francisco": 0.02,
    "São Paulo": 0.03, "Bogotá": 0.03, "Addis Ababa": 0.02, "Nairobi": 0.02, "Tokyo": 0.015,
    "Singapore": 0.015, "Sydney": 0.01,
}
INDUSTRIES = ("coffee_trade", "food_service", "retail", "hospitality", "media", "finance",
              "technology", "agriculture", "logistics", "consulting")
INDUSTRY_MIX = {  # by continent; producers' countries lean to agriculture and trade
    "Europe": (0.16, 0.20, 0.12, 0.12, 0.08, 0.08, 0.08, 0.02, 0.06, 0.08),
    "North America": (0.14, 0.18, 0.12, 0.10, 0.10, 0.10, 0.14, 0.02, 0.04, 0.06),
    "South America": (0.30, 0.05, 0.05, 0.05, 0.03, 0.04, 0.03, 0.35, 0.08, 0.02),
    "Africa": (0.30, 0.05, 0.04, 0.05, 0.03, 0.03, 0.03, 0.38, 0.07, 0.02),
    "Asia": (0.20, 0.15, 0.15, 0.10, 0.08, 0.10, 0.12, 0.02, 0.05, 0.03),
    "Oceania": (0.20, 0.20, 0.12, 0.12, 0.08, 0.08, 0.08, 0.02, 0.05, 0.05),
}
SENIORITIES = ("junior", "mid", "senior", "executive")
# Job titles by industry, then by level (junior, mid, senior, executive).
JOB_TITLES = {
    "coffee_trade": (("Trading assistant", "Logistics coordinator"), ("Green coffee buyer", "Coffee quality manager"),
                     ("Head of sourcing", "Senior coffee trader"), ("Founder, coffee importer", "Managing director")),
    "food_service": (("Barista trainer", "Assistant café manager"), ("Café manager", "Operations manager"),
                     ("Director of operations", "Head of food and beverage"), ("Founder", "Chief executive")),
    "retail": (("Assistant buyer", "Store coordinator"), ("Buyer", "Category manager"),
               ("Head of retail", "Senior buyer"), ("Chief executive", "Managing director")),
    "hospitality": (("Front-office coordinator", "Events assistant"), ("Hotel manager", "Events manager"),
                    ("Director of operations", "Head of food and beverage"), ("General manager", "Owner")),
    "media": (("Reporter", "Social media editor"), ("Editor", "Food writer"),
              ("Editor-in-chief", "Senior journalist"), ("Publisher", "Founder")),
    "finance": (("Analyst", "Credit analyst"), ("Investment manager", "Account manager"),
                ("Partner", "Head of lending"), ("Chief financial officer", "Managing partner")),
    "technology": (("Developer", "Product analyst"), ("Product manager", "Project manager"),
                   ("Head of product", "Director of engineering"), ("Chief executive", "Chief technology officer")),
    "agriculture": (("Farm assistant", "Field technician"), ("Farm manager", "Cooperative coordinator"),
                    ("Cooperative director", "Head agronomist"), ("Farm owner", "President of a cooperative")),
    "logistics": (("Shipping coordinator", "Customs assistant"), ("Freight manager", "Account manager"),
                  ("Head of logistics", "Director of operations"), ("Managing director", "Founder")),
    "consulting": (("Junior consultant", "Analyst"), ("Consultant", "Project manager"),
                   ("Partner", "Senior consultant"), ("Managing partner", "Founder")),
}
# Names for the cities where neither French nor English names are usual: (first names, last names).
LOCAL_NAMES = {
    "Spanish": (("Camila", "Valentina", "Daniela", "Lucía", "Mariana", "Paula", "Andrés", "Santiago",
                 "Juan", "Carlos", "Felipe", "Diego"),
                ("García", "Rodríguez", "Martínez", "López", "Gómez", "Pérez", "Ramírez", "Torres",
                 "Vargas", "Castro", "Rojas", "Moreno")),
    "Portuguese": (("Ana", "Beatriz", "Juliana", "Larissa", "Fernanda", "Camila", "João", "Pedro",
                    "Lucas", "Rafael", "Gustavo", "Thiago"),
                   ("Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Ferreira",
                    "Almeida", "Ribeiro", "Carvalho", "Rocha")),
    "Italian": (("Giulia", "Chiara", "Francesca", "Sara", "Martina", "Elena", "Marco", "Luca",
                 "Matteo", "Andrea", "Davide", "Paolo"),
                ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
                 "Marino", "Greco", "Bruno", "Conti")),
    "German": (("Anna", "Lena", "Laura", "Julia", "Katharina", "Sophie", "Lukas", "Jonas", "Felix",
                "Maximilian", "Jan", "Tobias"),
               ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
                "Hoffmann", "Schulz", "Koch", "Richter")),
    "Dutch": (("Emma", "Sanne", "Lotte", "Fleur", "Anouk", "Eva", "Daan", "Sem", "Bram", "Thijs",
               "Ruben", "Lars"),
              ("de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
               "de Boer", "Mulder", "Bos", "Vos")),
    "Ethiopian": (("Hana", "Meron", "Selam", "Tigist", "Bethlehem", "Liya", "Dawit", "Abebe", "Yonas",
                   "Bereket", "Samuel", "Kebede"),
                  ("Tesfaye", "Bekele", "Girma", "Haile", "Alemu", "Mekonnen", "Tadesse", "Assefa",
                   "Wolde", "Negash", "Desta", "Gebre")),
    "Kenyan": (("Wanjiru", "Akinyi", "Njeri", "Atieno", "Faith", "Mercy", "Kamau", "Otieno", "Kipchoge",
                "Mwangi", "Brian", "Kevin"),
               ("Kamau", "Odhiambo", "Wanjiku", "Mutua", "Kiprono", "Njoroge", "Ochieng", "Kariuki",
                "Omondi", "Chebet", "Mwangi", "Wambui")),
    "Japanese": (("Yui", "Haruka", "Aoi", "Sakura", "Yuna", "Mei", "Haruto", "Ren", "Sota", "Yuto",
                  "Takumi", "Kenji"),
                 ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
                  "Kobayashi", "Kato", "Yoshida", "Yamada")),
    "Singaporean": (("Wei Ling", "Hui Min", "Siti", "Priya", "Mei Xin", "Nur", "Wei Jie", "Jun Hao",
                     "Arjun", "Hafiz", "Zhi Hao", "Ravi"),
                    ("Tan", "Lim", "Lee", "Ng", "Wong", "Goh", "Chua", "Ong", "Rahman", "Kumar",
                     "Teo", "Koh")),
}
NAMES_OF_CITY = {
    "Bogotá": "Spanish", "Barcelona": "Spanish", "São Paulo": "Portuguese", "Milan": "Italian",
    "Berlin": "German", "Amsterdam": "Dutch", "Addis Ababa": "Ethiopian", "Nairobi": "Kenyan",
    "Tokyo": "Japanese", "Singapore": "Singaporean",
}
DEGREE = 1.4  # mean extra ties of an ordinary person (before friends of friends meet)
BROKERS = 12  # people who bridge cities and continents (coffee traders, journalists, consultants)


def _names(rng: np.random.Generator, city: np.ndarray, taken=("You",)) -> np.ndarray:
    """A different full name for each person, in the usual names of their city (French, English or local).

    A name already given is drawn again (up to 20 times), then gets a middle initial, so a manager can
    name anyone without ambiguity.
    """
    used = set(taken)
    names = np.empty(len(city), dtype=object)
    french_share = np.array([CITIES[c][2] for c in city])
    for i, c in enumerate(city):
        if c in NAMES_OF_CITY:
            firsts, lasts = LOCAL_NAMES[NAMES_OF_CITY[c]]
        elif rng.random() < french_share[i]:
            firsts, lasts = FIRST_NAMES_FR, LAST_NAMES_FR
        else:
            firsts, lasts = FIRST_NAMES_EN, LAST_NAMES_EN
        for attempt in range(21):
            first, last = firsts[rng.integers(len(firsts))], lasts[rng.integers(len(lasts))]
            name = f"{first} {last}" if attempt < 20 else f"{first} {chr(65 + int(rng.integers(26)))}. {last}"
            if name not in used:
                break
        while name in used:  # a crowded city at a large scale: letters until the name is free
            name = f"{first} {chr(65 + int(rng.integers(26)))}. {chr(65 + int(rng.integers(26)))}. {last}"
        used.add(name)
        names[i] = name
    return names


def build_contacts(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """~1,500 people in the managing director's network (P0001 is her, "You"), across six continents."""
    n = scaled(CONTACTS, scale)
    m = n - 1
    city = pick(rng, tuple(CONTACT_CITIES), m, p=list(CONTACT_CITIES.values()))
    continent = np.array([CITIES[c][1] for c in city], dtype=object)
    industry = np.empty(m, dtype=object)
    for cont, mix in INDUSTRY_MIX.items():
        mask = continent == cont
        industry[mask] = pick(rng, INDUSTRIES, int(mask.sum()), p=mix)
    seniority = pick(rng, SENIORITIES, m, p=(0.25, 0.40, 0.25, 0.10))
    level = [SENIORITIES.index(s) for s in seniority]
    variant = rng.integers(0, 2, size=m)
    role = np.array([JOB_TITLES[i][lv][v] for i, lv, v in zip(industry, level, variant)], dtype=object)
    name = _names(rng, city)
    me_name, me_city, me_industry, me_role, me_level = MANAGER
    df = pd.DataFrame({
        "contact_id": ids("P", n, 4),
        "name": np.concatenate([[me_name], name]),
        "city": np.concatenate([[me_city], city]),
        "industry": np.concatenate([[me_industry], industry]),
        "role": np.concatenate([[me_role], role]),
        "seniority": np.concatenate([[me_level], seniority]),
    })
    df["country"] = [CITIES[c][0] for c in df["city"]]
    df["continent"] = [CITIES[c][1] for c in df["city"]]
    # brokers: senior people in trade, media or consulting, spread over different cities
    candidates = df.index[(df.index > 0) & df["industry"].isin(["coffee_trade", "media", "consulting"])
                          & df["seniority"].isin(["senior", "executive"])].to_numpy()
    k = min(max(3, int(round(BROKERS * min(scale, 4)))), len(candidates))
    df["broker"] = False
    df.loc[rng.choice(candidates, size=k, replace=False), "broker"] = True
    return df


CLOSURE = 0.55  # chance that two of a person's same-city contacts also know each other (per pair drawn)


def _close_triangles(rng: np.random.Generator, a: np.ndarray, b: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """New same-city ties between contacts of a common contact (triadic closure: friends of friends meet).

    For each person with k ≥ 2 same-city contacts, about CLOSURE × (k − 1) pairs of them get a tie,
    so strong local ties sit inside triangles (Granovetter's "forbidden triad" rarely stays open).
    """
    neighbours = [[] for _ in range(n)]
    for x, y in zip(a.tolist(), b.tolist()):
        neighbours[x].append(y)
        neighbours[y].append(x)
    new_a, new_b = [], []
    for person in range(n):
        around = neighbours[person]
        k = len(around)
        if k < 2:
            continue
        for _ in range(rng.binomial(k - 1, CLOSURE)):
            i, j = rng.choice(k, size=2, replace=False)
            new_a.append(around[i])
            new_b.append(around[j])
    return np.array(new_a, dtype=np.int64), np.array(new_b, dtype=np.int64)


def build_connections(rng: np.random.Generator, scale: float, contacts: pd.DataFrame) -> pd.DataFrame:
    """~6,000 ties: dense and closed within a city, rare across cities, bridged by a few brokers; weak ties far away."""
    n = len(contacts)
    city = contacts["city"].to_numpy()
    continent = contacts["continent"].to_numpy()
    order = np.argsort(city, kind="stable")
    sorted_city = city[order]
    city_names, city_start, city_size = np.unique(sorted_city, return_index=True, return_counts=True)
    city_index = np.searchsorted(city_names, city)
    cont_names = np.unique(continent)
    cont_members = {c: np.flatnonzero(continent == c) for c in cont_names}

    # ordinary people: a few ties each, mostly in their own city
    degree = 1 + rng.poisson(DEGREE, n)
    source = np.repeat(np.arange(n), degree)
    kind = pick(rng, ("city", "continent", "world"), len(source), p=(0.93, 0.055, 0.015))
    target = np.empty(len(source), dtype=np.int64)
    local = kind == "city"
    c = city_index[source[local]]
    target[local] = order[city_start[c] + (rng.random(int(local.sum())) * city_size[c]).astype(np.int64)]
    near = np.flatnonzero(kind == "continent")
    for cont in cont_names:
        rows = near[continent[source[near]] == cont]
        target[rows] = rng.choice(cont_members[cont], size=len(rows))
    world = kind == "world"
    target[world] = rng.integers(0, n, size=int(world.sum()))

    # brokers: many ties to every continent
    brokers = np.flatnonzero(contacts["broker"].to_numpy())
    b_degree = rng.integers(25, 45, size=len(brokers))
    b_source = np.repeat(brokers, b_degree)
    b_cont = pick(rng, tuple(cont_names), len(b_source))
    b_target = np.array([rng.choice(cont_members[c]) for c in b_cont], dtype=np.int64)
    b_kind = np.full(len(b_source), "world", dtype=object)

    # the managing director: well connected at home and in Europe, nowhere else (her reach beyond is via brokers)
    home = np.flatnonzero(np.isin(city, ["Lyon", "Paris"]))
    europe = cont_members["Europe"]
    european_brokers = brokers[continent[brokers] == "Europe"]
    m_target = np.concatenate([rng.choice(home, min(26, len(home)), replace=False),
                               rng.choice(europe, min(8, len(europe)), replace=False),
                               rng.choice(european_brokers, min(2, len(european_brokers)), replace=False)])
    m_source = np.zeros(len(m_target), dtype=np.int64)
    m_kind = np.where(np.isin(m_target, home), "city", "continent").astype(object)

    src = np.concatenate([source, b_source, m_source])
    dst = np.concatenate([target, b_target, m_target])
    kinds = np.concatenate([kind, b_kind, m_kind])
    # friends of friends in the same city meet: close triangles among same-city ties
    same_city = (kinds == "city") & (city[src] == city[dst]) & (src != dst)
    t_a, t_b = _close_triangles(rng, src[same_city], dst[same_city], n)
    src, dst = np.concatenate([src, t_a]), np.concatenate([dst, t_b])
    kinds = np.concatenate([kinds, np.full(len(t_a), "city", dtype=object)])
    a, b = np.minimum(src, dst), np.maximum(src, dst)
    edges = pd.DataFrame({"a": a, "b": b, "kind": kinds})
    edges = edges[edges["a"] != edges["b"]].drop_duplicates(["a", "b"], keep="first")
    edges = edges.sort_values(["a", "b"], kind="stable").reset_index(drop=True)
    k = len(edges)
    far = (edges["kind"] != "city").to_numpy()
    # strong ties at home, weak ties far away (Granovetter)
    strength = np.where(far, 2.5, 14.0) * np.exp(0.8 * rng.standard_normal(k))
    strength = np.maximum(1, np.round(strength)).astype(np.int64)
    # long-distance ties are mostly recent (social media made them); ties at home build up over decades
    start = np.where(far, np.datetime64("2006-01-01"), np.datetime64("2000-01-01")).astype("datetime64[D]")
    span = (np.datetime64("2025-12-31") - start).astype(np.int64)
    since = start + (span * rng.beta(np.where(far, 2.2, 1.2), 1.0, k)).astype(np.int64).astype("timedelta64[D]")
    cid = contacts["contact_id"].to_numpy()
    return pd.DataFrame({
        "source": cid[edges["a"].to_numpy()], "target": cid[edges["b"].to_numpy()],
        "strength": strength, "since": since,
    })


# --- meeting candidates -------------------------------------------------------------------
MEETING_CANDIDATES = 600
MEETING_ACCEPT_RATE = 0.35  # share of requests the managing director accepted in 2025
SELLER_SHARE = 0.28  # requesters who really want to sell something
VALUABLE_OUTCOMES = {"customer": 0.35, "partner": 0.25, "supplier": 0.15, "press": 0.15, "hire": 0.10}


def build_meeting_candidates(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """~600 people who asked to meet in 2025: online signals predict who proves valuable.

    About 28 % of requesters really want to sell something: their posts are less relevant to the
    business, they post more and show more red flags, and their meetings mostly turn out to be sales
    pitches. The managing director said yes to about one request in three, first come first served
    (``met`` is independent of the signals, so the meetings that took place are a fair test of a
    screening rule). What a meeting turned out to be (``turned_out``) and whether it proved valuable
    are known only for the people met: both are empty for the others.
    """
    n = scaled(MEETING_CANDIDATES, scale)
    seller = rng.random(n) < SELLER_SHARE
    relevance = np.where(seller, rng.beta(1.6, 3.0, n), rng.beta(2.2, 2.4, n))
    mutual = rng.poisson(0.5 + 7.0 * relevance * rng.gamma(2.0, 0.5, n))
    posts = np.where(seller, rng.negative_binomial(2.0, 0.07, n), rng.negative_binomial(1.2, 0.09, n))
    red_flags = rng.poisson(np.where(seller, 1.1, 0.1))
    logit = -3.0 + 4.2 * relevance + 0.20 * mutual - 0.9 * red_flags - 1.4 * seller
    valuable = rng.random(n) < 1 / (1 + np.exp(-logit))
    met = rng.random(n) < MEETING_ACCEPT_RATE
    hours = np.round(2.2 * np.exp(0.45 * rng.standard_normal(n)) * 4) / 4  # quarter hours
    gain = pick(rng, tuple(VALUABLE_OUTCOMES), n, p=tuple(VALUABLE_OUTCOMES.values()))
    turned_out = np.where(valuable, np.where(seller, "supplier", gain),  # a useful seller becomes a supplier
                          np.where(seller, "sales_pitch", "nothing"))
    return pd.DataFrame({
        "candidate_id": ids("K", n, 4),
        "relevance": relevance,
        "posts_90d": posts,
        "mutual_connections": mutual,
        "red_flags": red_flags,
        "met": met,
        "meeting_hours": np.maximum(hours, 0.5),
        "turned_out": pd.Series(turned_out, dtype=object).where(met),  # unknown (empty) when not met
        "valuable": pd.Series(valuable, dtype="boolean").where(met),
    })


# --- employees ----------------------------------------------------------------------------
EMPLOYEES = 400
TEAMS = {  # team: (share, job titles, advocacy opt-in rate)
    "cafes": (0.52, ("Barista", "Head barista", "Café manager", "Shift lead"), 0.18),
    "roastery": (0.10, ("Roaster", "Quality controller", "Head roaster", "Packer"), 0.30),
    "marketing": (0.06, ("Social media manager", "Brand manager", "Content creator", "Marketing intern"), 0.65),
    "sales": (0.07, ("Account manager", "Wholesale manager", "Sales assistant"), 0.50),
    "customer_care": (0.07, ("Community manager", "Care advisor", "Care team lead"), 0.40),
    "finance": (0.05, ("Accountant", "Controller", "Finance director"), 0.10),
    "it": (0.05, ("Developer", "IT support", "Product owner"), 0.15),
    "hr": (0.03, ("HR partner", "Recruiter"), 0.35),
    "management": (0.05, ("Director", "Chief executive", "Regional manager"), 0.45),
}
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55+")
AGE_MIX = {"cafes": (0.42, 0.38, 0.12, 0.05, 0.03)}
AGE_MIX_OFFICE = (0.08, 0.40, 0.30, 0.15, 0.07)
# probability of being active on each platform, by age band: x, linkedin, instagram, facebook, tiktok
PLATFORM_BY_AGE = {
    "18-24": (0.15, 0.20, 0.85, 0.20, 0.65), "25-34": (0.22, 0.50, 0.75, 0.35, 0.35),
    "35-44": (0.20, 0.60, 0.55, 0.55, 0.15), "45-54": (0.15, 0.55, 0.35, 0.60, 0.06),
    "55+": (0.10, 0.40, 0.20, 0.60, 0.03),
}
OFFICE_LINKEDIN_BOOST = 1.35


def build_employees(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """~400 employees: team, age, platforms they are active on, followers, advocacy opt-in."""
    n = scaled(EMPLOYEES, scale)
    team = pick(rng, tuple(TEAMS), n, p=[v[0] for v in TEAMS.values()])
    role = np.empty(n, dtype=object)
    age = np.empty(n, dtype=object)
    for t, (_, titles, _) in TEAMS.items():
        mask = team == t
        k = int(mask.sum())
        role[mask] = pick(rng, titles, k, p=np.linspace(2, 1, len(titles)))
        age[mask] = pick(rng, AGE_BANDS, k, p=AGE_MIX.get(t, AGE_MIX_OFFICE))
    age_rank = np.searchsorted(np.array(AGE_BANDS), age)
    seniority = np.minimum(np.round(rng.exponential(1.5 + 2.5 * age_rank)), 3 + 8 * age_rank).astype(np.int64)
    active = np.array([PLATFORM_BY_AGE[a] for a in age])
    office = team != "cafes"
    active[:, 1] = np.minimum(active[:, 1] * np.where(office, OFFICE_LINKEDIN_BOOST, 0.6), 0.95)
    flags = rng.random(active.shape) < active
    followers = np.round(220 * np.exp(1.2 * rng.standard_normal(n))
                         * np.where(np.isin(team, ["marketing", "management"]), 4.0, 1.0)).astype(np.int64)
    opt_in = (rng.random(n) < np.array([TEAMS[t][2] for t in team])) & flags.any(axis=1)
    df = pd.DataFrame({
        "employee_id": ids("E", n, 4), "team": team, "role": role, "seniority_years": seniority,
        "age_band": age,
    })
    for j, p in enumerate(PLATFORMS):
        df[f"active_{p}"] = flags[:, j]
    df["followers"] = followers
    df["advocacy_opt_in"] = opt_in
    return df


# --- employee posts -----------------------------------------------------------------------
EMPLOYEE_POSTS = 8_000
EXPERIMENT_START, EXPERIMENT_END = np.datetime64("2025-03-17"), np.datetime64("2025-05-26")
VIOLATION_RATES = {  # insult, profanity, confidential, off_values — by team (else OFFICE)
    "cafes": (0.030, 0.035, 0.004, 0.012),
    "roastery": (0.010, 0.030, 0.008, 0.010),
    "finance": (0.002, 0.004, 0.050, 0.004),
    "sales": (0.006, 0.010, 0.040, 0.008),
    "management": (0.002, 0.004, 0.030, 0.010),
    "it": (0.004, 0.010, 0.035, 0.006),
}
VIOLATION_RATES_OFFICE = (0.006, 0.012, 0.015, 0.008)
COMPLAINTS_BY_LABEL = {"ok": 0.04, "insult": 1.6, "profanity": 0.6, "confidential": 0.15, "off_values": 1.1}
EXPERIMENT_LIKES_UPLIFT = 1.25
EXPERIMENT_SHARE_UPLIFT = 1.3


def build_employee_posts(rng: np.random.Generator, scale: float, employees: pd.DataFrame) -> pd.DataFrame:
    """~8,000 employee posts with policy labels (ground truth) and the spring experiment's uplift."""
    n = scaled(EMPLOYEE_POSTS, scale)
    flags = employees[[f"active_{p}" for p in PLATFORMS]].to_numpy()
    posting = np.flatnonzero(flags.any(axis=1))
    opt_in = employees["advocacy_opt_in"].to_numpy()
    activity = np.exp(1.0 * rng.standard_normal(len(employees))) * np.where(opt_in, 2.0, 1.0)
    w = activity[posting]
    author = posting[rng.choice(len(posting), size=n, p=w / w.sum())]
    platform = np.asarray(PLATFORMS, dtype=object)[choose_rows(rng, flags[author].astype(float))]
    seconds = np.zeros(n, dtype=np.int64)
    for p in PLATFORMS:
        mask = platform == p
        seconds[mask] = sample_seconds(rng, hourly_intensity(np.ones(DAYS_IN_YEAR), p, "Europe/Paris"), int(mask.sum()))
    order = np.argsort(seconds, kind="stable")
    author, platform, seconds = author[order], platform[order], seconds[order]
    ts = to_datetime(seconds)
    team = employees["team"].to_numpy()[author]
    lang = np.where(rng.random(n) < 0.74, "fr", "en").astype(object)

    rates = np.array([VIOLATION_RATES.get(t, VIOLATION_RATES_OFFICE) for t in team])
    label_w = np.column_stack([1 - rates.sum(axis=1), rates])
    label = np.asarray(POLICY_LABELS, dtype=object)[choose_rows(rng, label_w)]
    in_window = (ts >= EXPERIMENT_START) & (ts < EXPERIMENT_END)
    is_experiment = in_window & opt_in[author] & (rng.random(n) < 0.5)

    topic = np.empty(n, dtype=object)
    template = np.empty(n, dtype=object)
    for (lg, lab), table in T.EMPLOYEE_POST_TEMPLATES.items():
        table_flags = np.array(["e" in t[1] for t in table])
        for experiment in (False, True):
            mask = (lang == lg) & (label == lab) & (is_experiment == experiment)
            if not mask.any():
                continue
            allowed = table_flags == experiment if lab == "ok" else np.ones(len(table), bool)
            options = np.flatnonzero(allowed)
            chosen = options[rng.integers(0, len(options), size=int(mask.sum()))]
            topic[mask] = np.array([t[0] for t in table], dtype=object)[chosen]
            template[mask] = np.array([t[2] for t in table], dtype=object)[chosen]
    sentiment = np.where(label == "ok", "positive", "negative").astype(object)
    slots = T.slot_values(rng, lang, sentiment)
    origin = np.empty(n, dtype=object)
    for lg in ("en", "fr"):
        mask = lang == lg
        options = np.asarray(T.BRAND_POST_SLOTS[lg]["origin"], dtype=object)
        origin[mask] = options[rng.integers(0, len(options), size=int(mask.sum()))]
    slots["origin"] = origin
    slots.update(T.origin_phrases(origin))
    slots["city"] = pick(rng, ("Lyon", "Paris", "Brussels", "London", "Montréal"), n, p=(0.4, 0.25, 0.1, 0.15, 0.1))
    texts = T.fill(template, slots)
    mentions_company = np.array(["Café Lumière" in s for s in texts]) | (
        rng.random(n) < np.where(opt_in[author], 0.55, 0.2))

    followers = employees["followers"].to_numpy(dtype=float)[author]
    uplift = np.where(is_experiment, EXPERIMENT_LIKES_UPLIFT, 1.0)
    expected = 0.35 * followers ** 0.6 * uplift * np.exp(0.6 * rng.standard_normal(n))
    likes = rng.poisson(expected)
    shares = rng.poisson(expected * 0.05 * np.where(is_experiment, EXPERIMENT_SHARE_UPLIFT, 1.0))
    complaints = rng.poisson(np.array([COMPLAINTS_BY_LABEL[x] for x in label]) * np.where(is_experiment, 1.1, 1.0))
    return pd.DataFrame({
        "post_id": ids("EP", n, 5),
        "employee_id": employees["employee_id"].to_numpy()[author],
        "ts": ts,
        "platform": platform,
        "lang": lang,
        "text": texts,
        "mentions_company": mentions_company,
        "topic": topic,
        "likes": likes,
        "shares": shares,
        "is_experiment": is_experiment,
        "complaints": complaints,
        "policy_label": label,
    })
