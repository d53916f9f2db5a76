"""The course's one module table: every other list of modules (CLI choices, release, present,
grading, progress, tests) derives from it or from the folders it names.

A module is available when its lesson notebook exists; ``MODULES`` lists the whole course, in the
order of the article's ten reasons, with their English and French titles.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ARTICLE_FR = "10 raisons pour lesquelles les managers ne peuvent pas ignorer les réseaux sociaux"


@dataclass(frozen=True)
class Module:
    """One module: its slug (folder and nbgrader assignment id), titles, question file and dashboards.

    ``questions`` names the file under ``socialkit/questions/`` that declares its questions (by
    topic, never by number); ``dashboards`` the builders in ``socialkit.widgets`` its lesson shows;
    ``minutes`` the honest self-paced time of lesson + exercises, as the lesson states it.
    """

    number: int
    slug: str
    title: str
    title_fr: str
    questions: str
    dashboards: tuple[str, ...] = ()
    minutes: int | None = None

    @property
    def heading(self) -> str:
        """``Module 1 · Learn to listen``, as the lesson's first line."""
        return f"Module {self.number} · {self.title}"

    @property
    def notebook_name(self) -> str:
        """The exercise notebook's name without extension, e.g. ``01_listen_exercises``."""
        return f"{self.slug}_exercises"

    def lesson(self, root: Path) -> Path:
        """``course/<slug>/<slug>.ipynb``."""
        return Path(root) / "course" / self.slug / f"{self.slug}.ipynb"

    def solutions(self, root: Path) -> Path:
        """``solutions/<slug>/<slug>_exercises.ipynb``: answers and hidden tests (nbgrader's source)."""
        return Path(root) / "solutions" / self.slug / f"{self.notebook_name}.ipynb"

    def exercises(self, root: Path) -> Path:
        """``exercises/<slug>/<slug>_exercises.ipynb``: the learners' release, generated from solutions."""
        return Path(root) / "exercises" / self.slug / f"{self.notebook_name}.ipynb"

    def guide(self, root: Path) -> Path:
        """``facilitator/<slug>.md``: the facilitator guide."""
        return Path(root) / "facilitator" / f"{self.slug}.md"

    def is_available(self, root: Path) -> bool:
        """True when the module's lesson exists in the kit at ``root``."""
        return self.lesson(root).is_file()


MODULES: tuple[Module, ...] = (
    Module(0, "00_start_here", "Start here", ARTICLE_FR, "start_here", minutes=45),
    Module(1, "01_listen", "Learn to listen", "Apprenez à écouter", "listen",
           dashboards=("listen_dashboard",), minutes=120),
    Module(2, "02_speak", "Speak", "Parlez", "speak",
           dashboards=("post_mix_dashboard", "influencer_dashboard"), minutes=120),
    Module(3, "03_debate", "Don't fear debate", "Ne craignez pas le débat", "debate",
           dashboards=("response_simulator_dashboard", "reply_coach_dashboard"), minutes=120),
    Module(4, "04_expertise", "Experience and expertise",
           "Rappelez-vous la valeur de l'expérience et de l'expertise", "expertise",
           dashboards=("who_speaks_dashboard",), minutes=110),
    Module(5, "05_time", "Social doesn't mean wasting time", "Social ne signifie pas perdre du temps", "screening",
           dashboards=("screening_dashboard",), minutes=110),
    Module(6, "06_networks", "Networks", "Réseaux", "networks",
           dashboards=("network_explorer",), minutes=120),
    Module(7, "07_team", "Follow your team", "Suivez votre équipe", "team",
           dashboards=("team_map_dashboard",), minutes=110),
    Module(8, "08_trust", "Trust your staff", "Faites confiance à votre personnel", "trust",
           dashboards=("policy_screen_dashboard", "experiment_dashboard"), minutes=120),
    Module(9, "09_competition", "Don't get left behind", "Ne vous laissez pas distancer", "competition",
           dashboards=("competitor_dashboard",), minutes=120),
    Module(10, "10_here_to_stay", "Social media isn't going away", "Les médias sociaux ne disparaissent pas",
           "here_to_stay", dashboards=("adoption_dashboard",), minutes=150),
)

_BY_SLUG = {m.slug: m for m in MODULES}


def time_text(minutes: int) -> str:
    """An honest time in words, as lessons and guides state it: ``about 1 hour 50 minutes``."""
    hours, rest = divmod(int(minutes), 60)
    parts = ([f"{hours} hour{'s' if hours > 1 else ''}"] if hours else []) + ([f"{rest} minutes"] if rest else [])
    return "about " + " ".join(parts)


def slugs() -> list[str]:
    """Every module slug of the course, in order."""
    return [m.slug for m in MODULES]


def get(slug: str) -> Module:
    """The module with this slug; a plain error listing the slugs otherwise."""
    module = _BY_SLUG.get(str(slug).strip().lower())
    if module is None:
        raise KeyError(f"There is no module {slug!r}. Modules: {', '.join(slugs())}.")
    return module


def available(root: Path | None = None) -> list[Module]:
    """The modules whose lesson exists in the kit at ``root`` (default: this kit), in course order."""
    if root is None:
        from socialkit.paths import kit_root

        root = kit_root()
    return [m for m in MODULES if m.is_available(root)]
