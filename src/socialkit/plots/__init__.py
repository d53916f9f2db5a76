"""Charts for the lessons and dashboards: pure functions that draw on an ``ax`` and return it.

One file per topic (``listening``, ``care`` …) on a shared style (``_style``); this package re-exports them,
so notebooks write ``plots.volume_with_alerts``.

Each function takes data that is already computed (by ``socialkit.analytics``), draws it on
the Matplotlib axes it is given (or on a new figure when ``ax`` is None) and returns the axes,
in the style of VanderPlas' *Python Data Science Handbook*. Axis labels always carry the unit.
The brands keep the same colour everywhere in the kit (``BRAND_COLORS``), chosen from the
Okabe–Ito palette so that colour-blind readers can tell them apart.
"""

from socialkit.plots._style import (  # noqa: F401
    ALERT_COLOR, BRAND_COLORS, BRAND_NAMES, BRANDS, CHANGE_COLORS, GROUP_LABELS, LANGUAGE_NAMES, SENTIMENT_COLORS,
    TOPIC_LABELS, brand_color, brand_name, in_words,
)
from socialkit.plots.listening import (  # noqa: F401
    METRIC_LABELS, METRIC_TITLES, net_sentiment_by_group, rising_topics, sentiment_confusion, share_of_voice,
    volume_with_alerts,
)
from socialkit.plots.engagement import (  # noqa: F401
    MEASURES, answer_rates, engagement_by_audience, influence_scatter, influencer_ranking, kaushik_rates,
    measure_label, post_mix,
)
from socialkit.plots.care import (  # noqa: F401
    backlash_decay, compliance_by_weekday, outcomes_by_channel, response_time_curve,
)
from socialkit.plots.replies import rubric_bars  # noqa: F401
from socialkit.plots.screening import (  # noqa: F401
    confusion_table, meeting_outcomes, outcome_name, screening_tradeoff, valuable_share_by_level,
)
from socialkit.plots.networks import (  # noqa: F401
    CONTINENT_COLORS, brokers, city_layout, continent_color, door_openers, network_map, reach_by_continent, reach_map,
    small_network, tie_types, ties_per_year,
)
from socialkit.plots.team import (  # noqa: F401
    adoption_heatmap, archive_by_purpose, participation_bars, reach_bars, reach_inset, topic_mood,
)
from socialkit.plots.reviews import SITE_NAMES, bayesian_ranking, page_label, review_response, star_distribution  # noqa: F401
from socialkit.plots.competition import TREND_LABELS, monthly_lines, trend_projection  # noqa: F401
from socialkit.plots.adoption import (  # noqa: F401
    CHANNEL_COLORS, TECHNOLOGY_COLORS, adoption_curves, bass_vs_published, channel_mix, year_in_words,
)
from socialkit.plots.policy import BREACH_COLORS, screen_outcomes, violation_bars  # noqa: F401
from socialkit.plots.experiments import (  # noqa: F401
    experiment_bars,
    experiment_result,
    experiment_weeks,
    p_value_text,
)
from socialkit.plots.expertise import ROLE_COLORS, differences, posts_by_author, rates_with_intervals, role_word  # noqa: F401
