"""The course's metrics as small pure functions on DataFrames, one file per topic.

Topics: ``listening`` (module 01), ``engagement`` (02), ``care`` (03); this package re-exports every
public name, so notebooks write ``analytics.share_of_voice``.

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
from socialkit.analytics.care import (  # noqa: F401
    response_hours, response_rate, first_response_time, sla_compliance, private_share, resolution_rate,
    resolution_public_vs_private, sentiment_change, backlash_half_life,
)
from socialkit.analytics.adoption import (  # noqa: F401
    BassFit, NotFittable, adoption_series, adoption_sources, adoption_table, channel_contacts, channel_shares,
    fit_bass, why_no_fit,
)
