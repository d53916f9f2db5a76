"""The course's metrics as small pure functions on DataFrames, one file per topic.

Topics: ``listening`` (module 01), ``engagement`` (02), ``care`` and ``replies`` (03), ``expertise`` (04),
``screening`` (05), ``networks`` (06), ``team`` (07), ``policy`` and ``experiments`` (08), ``competition`` and
``reviews`` (09), ``adoption`` (10). This package re-exports every public name, so notebooks write
``analytics.share_of_voice``.

Each function takes a table shaped like the sample data (see ``socialkit.schema``)
and returns a plain number, Series or DataFrame. Its docstring gives the formula
and where it comes from. Conventions:

- Percentages are 0–100 (a "%" in a name or docstring means that scale).
- Time buckets are UTC calendar days / weeks (Monday–Sunday) / months, labelled by
  their first day as a timezone-free timestamp in an index named ``period``
  (``day`` for daily series), so ``result.loc["2025-04-14"]`` works.
- Functions never modify the DataFrame they are given.
- A function given the wrong kind of input (a column of True/False where the
  rows it selects were meant, a number where a table is needed) raises
  ``WrongInput``, a TypeError whose message says in plain words what to write.
"""

from socialkit.analytics._inputs import METRIC_TABLES, METRICS, WrongInput, metric, period_start  # noqa: F401
from socialkit.analytics.listening import (  # noqa: F401
    daily_volume, spikes, share_of_voice, net_sentiment, with_author_role, rising_topics, net_sentiment_by_group,
)
from socialkit.analytics.engagement import (  # noqa: F401
    engagements, post_engagement_rates, engagement_rate, kaushik_rates, answer_rate, influencer_score,
)
from socialkit.analytics.engagement import (  # noqa: F401
    INFLUENCE_METHODS, compare_rankings, expected_engagements, reach_rate,
)
from socialkit.analytics._inputs import MissingColumn, WrongSetting  # noqa: F401
from socialkit.analytics.care import (  # noqa: F401
    response_hours, response_rate, first_response_time, sla_compliance, private_share, resolution_rate,
    resolution_public_vs_private, sentiment_change, backlash_half_life,
)
from socialkit.analytics.care import (  # noqa: F401
    daily_threads, daily_negative_share, simulate_staffing, sentiment_by_wait, expected_sentiment_change,
    backlash_profile, sla_by_weekday, outcomes_by_channel,
)
from socialkit.analytics.replies import coach_posts  # noqa: F401  (the reply rubric: analytics.replies)
from socialkit.analytics.screening import (  # noqa: F401
    wasted_hours, meeting_outcomes, valuable_share_by_level, signal_information, screening_score, precision_recall,
    confusion_table, screening_tradeoff,
)
from socialkit.analytics.networks import (  # noqa: F401
    NetworkError, network, reach, reach_by_continent, continents_reached, door_openers, brokers, structural_holes,
    tie_types, introduction_path,
)
from socialkit.analytics.team import (  # noqa: F401
    participation_rate, platform_adoption, advocacy_reach, brand_reach, advocacy_vs_brand, with_employee, topic_mix,
    with_auto_sentiment, topic_mood, posts_by_purpose,
)
from socialkit.analytics.reviews import (  # noqa: F401
    star_distribution, bayesian_average, review_volume, average_rating, review_response, complaint_themes,
)
from socialkit.analytics.competition import (  # noqa: F401
    follower_growth, engagement_rate_per_post, competitor_trend, linear_trend, months_to_catch_up,
)
from socialkit.analytics.competition import competitor_summary, catch_up_by_period  # noqa: F401
from socialkit.analytics.adoption import (  # noqa: F401
    BassFit, NotFittable, adoption_series, adoption_sources, adoption_table, channel_contacts, channel_shares,
    fit_bass, why_no_fit,
)
from socialkit.analytics.policy import (  # noqa: F401
    against_policy, flag_posts, screen_outcomes, violation_rate, violations_by_kind, word_rule,
)
from socialkit.analytics.experiments import (  # noqa: F401
    experiment_by_week, experiment_posts, experiment_uplift,
)
from socialkit.analytics.expertise import (  # noqa: F401  (the intervals themselves: analytics.expertise)
    compare_responders, leader_engagement, outcomes_by_responder, thread_outcome, topical_focus,
)
