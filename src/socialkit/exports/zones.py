"""Which time zone a column's times are in, and the sentence that says so in the load report.

In order: ``tz=`` given by the user (it overrides everything but an offset written in the cells);
a zone named in the header ("Date (GMT)", "Review Created (UTC)"); the zone known for the source
(Facebook Insights: Pacific Time; LinkedIn's data download: UTC). Otherwise the zone is unknown,
and times without an offset make the load fail with a message asking for ``tz=`` — never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from socialkit.exports.errors import Advice, ExportError, Said
from socialkit.exports.generic import zone_named_in
from socialkit.exports.profiles import Profile


@dataclass(frozen=True)
class Zone:
    """The zone to read naive times in (None: unknown), why it is unknown, and the sentence for the report."""

    name: str | None
    unknown_why: str = ""
    sentence: str = ""
    replaced: str = ""  # the zone the file or its source states, when tz= replaced it (in words)


def check(tz: str) -> None:
    """An ExportError unless ``tz`` is a zone name pandas knows ('Europe/Paris', 'UTC')."""
    import pandas as pd

    try:
        pd.Timestamp("2025-01-01").tz_localize(tz)
    except Exception:
        raise ExportError(Advice("tz", "not_a_zone", tz), " Use a zone name such as 'Europe/Paris', "
                          "'America/New_York' or 'UTC'.") from None


def resolve(header: str, profile: Profile | None, tz: str | None) -> Zone:
    """The zone for the times in column ``header`` of a file read with ``profile`` (None: generic)."""
    named = zone_named_in(header)
    known = profile.zone if profile is not None else None
    if tz is not None:
        instead = (f", instead of {named}, named in the header" if named else
                   f", instead of {known} ({profile.zone_reason})" if known else "")
        replaced = (f"{named}, named in the header {header!r}" if named else
                    f"{known}: {profile.zone_reason}" if known else "")
        return Zone(tz, "", Said(f"times in {header!r} read in {tz}, ", Advice("tz", "given", tz), instead),
                    replaced if (named or known) != tz else "")
    if named is not None:
        return Zone(named, "", Said(f"times in {header!r} read as {named}, the zone its header names ",
                                    Advice("tz", "overrides")))
    if known is not None:
        return Zone(known, "", Said(f"times in {header!r} read in {known}: {profile.zone_reason} ",
                                    Advice("tz", "overrides")))
    return Zone(None, profile.zone_reason if profile is not None else "")
