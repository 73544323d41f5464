"""The build's date, read once where a build starts and handed to what writes it (the packed sitemaps' header).

Two builds of the same input must be byte-identical, so no file may carry
the day of the build: the date is SOURCE_DATE_EPOCH when it is set
(https://reproducible-builds.org/specs/source-date-epoch/), else the latest
date the data records. The generator never sets the variable itself.

MkDocs reads SOURCE_DATE_EPOCH too, for its own sitemap.xml (lastmod) and
the header of sitemap.xml.gz, and otherwise takes the day of the build: both
files are replaced by the generator's (generator/site/sitemaps.py, dated by
the data and by this date), so MkDocs' date reaches no published file.
"""

from __future__ import annotations

import calendar
import datetime
import os

from generator.data.errors import BuildError
from generator.data.iso import as_of
from generator.data.model import Timeline

# The gzip header keeps the date in 32 bits.
_LATEST = 2**32 - 1


def today() -> datetime.date:
    """The day `check` finds expectations overdue against: SOURCE_DATE_EPOCH's when set (as the build's), else today (UTC)."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is not None and given.strip().isdigit() and int(given) <= _LATEST:
        return datetime.datetime.fromtimestamp(int(given), datetime.UTC).date()
    return datetime.datetime.now(datetime.UTC).date()


def build_day(epoch: int) -> datetime.date:
    """The build's day (UTC) from its SOURCE_DATE_EPOCH."""
    return datetime.datetime.fromtimestamp(epoch, datetime.UTC).date()


def source_date_epoch(timeline: Timeline) -> int:
    """SOURCE_DATE_EPOCH when set; otherwise the latest date the data records, so two builds of one file agree.

    The latest publication, access or update date is when the data last changed;
    event dates are not used, since a planned event may lie in the future.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is not None:
        # Refused here, in words, rather than by MkDocs (which reads the variable too) with a ValueError: an empty
        # value as well, which a CI file that sets it from a missing value gives.
        try:
            epoch = int(given)
        except ValueError:
            epoch = -1
        if not 0 <= epoch <= _LATEST:
            raise BuildError(
                f"SOURCE_DATE_EPOCH={given!r}: must be a whole number of seconds since 1970-01-01 UTC (at most {_LATEST})."
                " Set it to the time of the last commit (git log -1 --format=%ct), or unset it: the build is then dated by the data."
            )
        return epoch
    latest = as_of(timeline) or max((event.date.start for event in timeline.events), default=datetime.date(1970, 1, 1))
    return calendar.timegm((latest.year, latest.month, latest.day, 0, 0, 0))
