"""Interactive dashboards for the lessons, one file per topic, on one shared base (``_base.Dashboard``).

A builder (``listen_dashboard(mentions, accounts)``) returns an ``ipywidgets.VBox`` that keeps
handles to its controls and exposes the data it shows (``.table``, ``.alerts`` …), so a test or a
curious learner can read the numbers behind the chart. Builders are imported only when first used,
so ``from socialkit import widgets`` stays cheap however many dashboards the course has.
"""

from __future__ import annotations

import importlib

# builder or name -> the file (under socialkit.widgets) that defines it
_WHERE = {
    "listen_dashboard": "listening", "ListenDashboard": "listening", "EVERYONE": "listening",
    "METRIC_OPTIONS": "listening", "BASELINE_DAYS": "listening",
    "response_simulator_dashboard": "care", "ResponseSimulator": "care",
    "response_times_dashboard": "care", "ResponseTimes": "care",
    "reviews_dashboard": "reviews", "ReviewsDashboard": "reviews",
    "own_data_panel": "own_data", "OwnDataPanel": "own_data", "open_dashboard": "own_data",
    "OwnDataRefused": "own_data",
    "reply_coach_dashboard": "replies", "ReplyCoach": "replies",
    "screening_dashboard": "screening", "ScreeningDashboard": "screening", "LENGTH_OPTIONS": "screening",
    "competitor_dashboard": "competition", "CompetitorDashboard": "competition", "BENCHMARK_METRICS": "competition",
    "Dashboard": "_base", "Chart": "_base",
    "post_mix_dashboard": "engagement", "PostMixDashboard": "engagement",
    "influencer_dashboard": "engagement", "InfluencerDashboard": "engagement",
    "network_explorer": "networks", "NetworkExplorer": "networks",
    "team_map_dashboard": "team", "TeamMapDashboard": "team",
    "adoption_dashboard": "adoption", "AdoptionDashboard": "adoption",
    "policy_screen_dashboard": "policy", "PolicyScreenDashboard": "policy", "AGENCY_WORDS": "policy",
    "experiment_dashboard": "experiments", "ExperimentDashboard": "experiments",
    "who_speaks_dashboard": "expertise", "WhoSpeaksDashboard": "expertise",
}


def __getattr__(name: str):
    """Import the file that defines ``name`` the first time a notebook asks for it (PEP 562)."""
    if name in _WHERE:
        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"socialkit.widgets has no {name!r}. Dashboards: "
                         f"{', '.join(sorted(n for n in _WHERE if n[0].islower() and _WHERE[n] != '_base'))}.")


def __dir__():
    return sorted(_WHERE)
