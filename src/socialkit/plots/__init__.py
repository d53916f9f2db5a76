"""Charts for the lessons and dashboards: pure functions that draw on an ``ax`` and return it.

One file per topic (``listening`` …) on a shared style (``_style``); this package re-exports them,
so notebooks write ``plots.volume_with_alerts``.

Each function takes data that is already computed (by ``socialkit.analytics``), draws it on
the Matplotlib axes it is given (or on a new figure when ``ax`` is None) and returns the axes,
in the style of VanderPlas' *Python Data Science Handbook*. Axis labels always carry the unit.
The brands keep the same colour everywhere in the kit (``BRAND_COLORS``), chosen from the
Okabe–Ito palette so that colour-blind readers can tell them apart.
"""

from socialkit.plots._style import (  # noqa: F401
    ALERT_COLOR, BRAND_COLORS, BRAND_NAMES, BRANDS, GROUP_LABELS, LANGUAGE_NAMES, SENTIMENT_COLORS, TOPIC_LABELS,
    brand_color, brand_name, in_words,
)
from socialkit.plots.listening import (  # noqa: F401
    METRIC_LABELS, METRIC_TITLES, net_sentiment_by_group, rising_topics, sentiment_confusion, share_of_voice,
    volume_with_alerts,
)
from socialkit.plots.adoption import (  # noqa: F401
    CHANNEL_COLORS, TECHNOLOGY_COLORS, adoption_curves, bass_vs_published, channel_mix,
)
