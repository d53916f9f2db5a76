"""Module 00 · Start here: a two-question warm-up on the story and the data, declared as data.

No answers are stored here: Q1's expected count is computed from the sample data when the
learner checks; Q2's right letter is stored only as a salted digest.
"""

from __future__ import annotations

from socialkit import data
from socialkit.judging import Choice, Number, Other, QuestionSet, Vary


def posts_about(brand: str | None = "lumiere") -> int:
    """How many public posts in the sample data mention one brand (None: all three)."""
    brands = data.load("mentions")["brand"]
    return int(len(brands) if brand is None else (brands == brand).sum())


QUESTIONS = QuestionSet("00_start_here", [
    Number(
        "q1", "How many public posts in 2025 mention Café Lumière?",
        var="lumiere_posts", points=2, answer=posts_about, unit="posts",
        mistakes=[
            Vary(brand=None, say="that is the number of posts about all three brands together; count only the "
                                 "posts about Café Lumière (\"lumiere\")."),
            Vary(brand="grano", say="that is Grano & Co's count (\"grano\"); Café Lumière's code is \"lumiere\"."),
            Vary(brand="maison", say="that is Maison Torréfaction's count (\"maison\"); Café Lumière's code is "
                                     "\"lumiere\"."),
            Other(lambda: posts_about() / 1000, "in Python the point is for decimals, as in English: write "
                                                "a count with no point and no spaces (12345, not 12.345)."),
        ],
        right="that is how many posts talked about Café Lumière in 2025. Module 1 shows what they were saying.",
        reduce_advice="Pick out Café Lumière's number: the one next to lumiere (or, if you kept only Café "
                      "Lumière's posts, count them with len(...)).",
        hints=[
            "Count rows with move 1 of the three moves (section 5 of the lesson): run "
            "`mentions[\"brand\"].value_counts()` in a new cell; it counts the posts of each brand.",
            "In that list, Café Lumière's code is \"lumiere\" (the column `brand` says which brand each post "
            "is about).",
            "Read the number next to `lumiere` and type it after the = sign, without quotes or spaces (for "
            "1 234 type 1234).",
        ],
        section="section 5 of the lesson (The data)",
    ),
    Choice(
        "q2", "Which competitor should worry Café Lumière most online?",
        var="q2_answer", points=3,
        answer_digest="6f905b1d93164a6aaf1867bfb192e5d946d77deead4010e7eb3041946b7a48a0",
        options={
            "A": "Maison Torréfaction is a real rival in the high street, but it is absent from social media: "
                 "online it takes no customers' attention from you today.",
            "B": "Grano & Co is digital-savvy and growing fast online: the competitor that will catch up with you "
                 "if you leave it the field (the article's reason 9).",
            "C": "Café Lumière is your own company, the one you manage in this course.",
            "D": "the course's whole point is the opposite: your customers and competitors are already online, "
                 "and coffee is no exception.",
        },
        hints=[
            "Re-read the cast in \"The situation\" at the top of the lesson: what does each company do on social "
            "media?",
            "One competitor is absent from social media; the other is digital-savvy and growing fast. Online, "
            "which of the two can take customers' attention away from you?",
        ],
        section="\"The situation\" at the top of the lesson (the cast)",
    ),
])
