"""Questions of module 00 · Start here: a two-question warm-up on the story and the data.

No answers are stored here: Q1's expected count is computed from the sample
data when the learner checks; Q2's right letter is stored only as a sha256 digest.
"""

from __future__ import annotations

from functools import lru_cache

from socialkit import checks

MODULE = "00_start_here"


@lru_cache(maxsize=1)
def _posts_per_brand() -> dict[str, int]:
    """How many public posts in the sample data mention each brand (loaded once per session)."""
    from socialkit import data

    counts = data.load("mentions")["brand"].value_counts()
    return {str(brand): int(n) for brand, n in counts.items()}


def _mentions_of(brand: str) -> int:
    """Posts about one brand (a code: lumiere, grano, maison)."""
    return _posts_per_brand().get(brand, 0)


def _all_mentions() -> int:
    """Posts about all three brands together."""
    return sum(_posts_per_brand().values())


checks.register(
    checks.Question(
        id=f"{MODULE}.q1",
        prompt="How many public posts in 2025 mention Café Lumière?",
        hints=[
            "The table in the setup cell is called `mentions`; its column `brand` says which brand each "
            "post is about. Café Lumière's code there is \"lumiere\".",
            "Run `mentions[\"brand\"].value_counts()` in a new cell: it counts the posts of each brand.",
            "Read the number next to `lumiere` in that list and type it after the = sign, without quotes "
            "or spaces (for 1 234 type 1234).",
        ],
        judge=checks.number(
            lambda: _mentions_of("lumiere"),
            unit="posts",
            mistakes=[
                (_all_mentions, "that is the number of posts about all three brands together; "
                                "count only the posts about Café Lumière (\"lumiere\")."),
                (lambda: _mentions_of("grano"), "that is Grano & Co's count (\"grano\"); "
                                                "Café Lumière's code is \"lumiere\"."),
                (lambda: _mentions_of("maison"), "that is Maison Torréfaction's count (\"maison\"); "
                                                 "Café Lumière's code is \"lumiere\"."),
            ],
            right_message="that is how many posts talked about Café Lumière in 2025. "
                          "Module 1 shows what they were saying.",
            reduce_advice="Pick out Café Lumière's number: the one next to lumiere (or, if you kept only "
                          "Café Lumière's posts, count them with len(...)).",
        ),
        section="section 5 of the lesson (The data)",
    ),
    checks.Question(
        id=f"{MODULE}.q2",
        prompt="Which competitor should worry Café Lumière most online?",
        hints=[
            "Re-read the cast in \"The situation\" at the top of the lesson: what does each company do "
            "on social media?",
            "One competitor is absent from social media; the other is digital-savvy and growing fast. "
            "Online, which of the two can take customers' attention away from you?",
        ],
        judge=checks.choice(
            "df7e70e5021544f4834bbee64a9e3789febc4be81470df629cad6ddb03320a5c",
            {
                "A": "Maison Torréfaction is a real rival in the high street, but it is absent from social "
                     "media: online it takes no customers' attention from you today.",
                "B": "Grano & Co is digital-savvy and growing fast online: the competitor that will catch "
                     "up with you if you leave it the field (the article's reason 9).",
                "C": "Café Lumière is your own company, the one you manage in this course.",
                "D": "the course's whole point is the opposite: your customers and competitors are already "
                     "online, and coffee is no exception.",
            },
        ),
        section="\"The situation\" at the top of the lesson (the cast)",
    ),
)
