"""The overview picture: the whole timeline at a glance, as a static SVG made at build time.

One mark per event on a date axis, each a link to its event page, its shape
and colour telling its status. Events known to the day or month stand in
columns above the axis, one column per month; events known only to a quarter,
a season or a year lie below it as bars over the time they may stand for, so
a year-only event is never drawn as if it were 1 January. A dashed line joins
claims that conflict. When the marks would crowd (a month of more events than
a column holds, or months too narrow for a mark), the picture counts events
per month or per year instead, each count a link to its part of the list.

Positions along the axis are percentages of the picture's width and sizes are
in CSS pixels, so the picture fills any screen while marks and words keep a
legible size; on right-to-left pages the axis runs from the right. The SVG is
built with ElementTree, which escapes every text and attribute: titles from
events.yaml are data, never markup. Colours come from CSS (timeline.css), so
dark mode and print are the stylesheet's business.
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from generator.data.dates import FuzzyDate, Precision
from generator.data.model import Event, conflict_clusters
from generator.languages.localize import Localizer

CELL = 11  # px: the height of one mark in a column, and of one lane of bars
MARK = 4.5  # px: the radius of a mark
AXIS_LABELS = 18  # px: the band of year labels under the axis
NARROWEST = 340  # px: the narrowest picture the layout is chosen for (a 360 px phone)
MAX_BAR = 64  # px: the tallest count bar when events are counted
LABEL_CHARACTER = 7  # px: the width of a digit of a year's label (12 px, timeline.css), rounded up
LABEL_GAP = 6  # px: the least space between two years' labels


@dataclass(frozen=True)
class Layout:
    """How crowded a picture may get before it counts instead of drawing each event."""

    column: int  # the most marks a month's column holds
    lanes: int  # the most lanes of bars below the axis


FULL = Layout(column=16, lanes=10)
COMPACT = Layout(column=6, lanes=4)


@dataclass(frozen=True)
class Links:
    """Where the picture's links lead, from the page it is on."""

    event: Callable[[Event], str]  # an event's page
    period: Callable[[str], str]  # a heading of the timeline page, by its id (render.period_anchor)


class _Axis:
    """Dates to horizontal positions, in percent of the width, earliest on the reading side's start."""

    def __init__(self, first_year: int, last_year: int, rtl: bool) -> None:
        self.start = dt.date(first_year, 1, 1)
        self.end = dt.date(last_year + 1, 1, 1)
        self.first_year, self.last_year = first_year, last_year
        self.rtl = rtl
        self.months = 12 * (last_year - first_year + 1)

    def fraction(self, day: dt.date) -> float:
        return (day - self.start).days / (self.end - self.start).days

    def x(self, day: dt.date) -> float:
        # A small margin on both sides keeps the first and last marks whole.
        position = 1.5 + 97 * self.fraction(day)
        return 100 - position if self.rtl else position

    def month_middle(self, year: int, month: int) -> float:
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return (self.x(first) + self.x(following)) / 2


def _pct(value: float) -> str:
    return f"{value:.3f}%"


def _px(value: float) -> str:
    return f"{value:g}"


def _mark_shape(parent: ET.Element, status: str, x: str, y: float) -> None:
    """The status as a shape (colour only helps): filled disc, ring, dashed ring, cross, diamond."""
    # A fixed-size shape at a position given in percent: a nested svg placed
    # at x (its left edge), shifted back by half its width.
    half = MARK + 1
    shape = ET.SubElement(parent, "g", {"class": f"tl-ov__mark tl-ov__mark--{status}", "transform": f"translate({_px(-half)} {_px(y)})"})
    holder = ET.SubElement(shape, "svg", {"x": x, "y": _px(-half), "width": _px(2 * half), "height": _px(2 * half), "overflow": "visible"})
    centre = _px(0)
    inner = ET.SubElement(holder, "g", {"transform": f"translate({_px(half)} {_px(half)})"})
    ET.SubElement(inner, "circle", {"class": "tl-ov__target", "cx": centre, "cy": centre, "r": _px(MARK + 1)})
    if status == "denied":
        d = MARK * 0.8
        ET.SubElement(inner, "path", {"class": "tl-ov__glyph", "d": f"M{-d:g} {-d:g}L{d:g} {d:g}M{d:g} {-d:g}L{-d:g} {d:g}"})
    elif status == "disputed":
        m = MARK + 0.5
        ET.SubElement(inner, "path", {"class": "tl-ov__glyph tl-ov__glyph--solid", "d": f"M0 {-m:g}L{m:g} 0L0 {m:g}L{-m:g} 0Z"})
    else:
        ET.SubElement(inner, "circle", {"class": "tl-ov__glyph" + (" tl-ov__glyph--solid" if status == "happened" else ""), "cx": centre, "cy": centre, "r": _px(MARK - 0.5)})


class Overview:
    def __init__(self, events: Sequence[Event], localizer: Localizer, links: Links, layout: Layout = FULL, name: str = "overview") -> None:
        self.events = tuple(events)
        self.L = localizer
        self.links = links
        self.layout = layout
        self.name = name  # prefix of the picture's ids: unique on its page
        self.rtl = localizer.language.direction == "rtl"

    # -- which picture -------------------------------------------------------------

    def _columns(self) -> dict[tuple[int, int], list[Event]]:
        columns: dict[tuple[int, int], list[Event]] = {}
        for event in self.events:
            if not event.vague and not event.open:
                columns.setdefault((event.date.start.year, event.date.start.month), []).append(event)
        return columns

    def _lanes(self, axis: _Axis) -> list[tuple[Event, int]]:
        """Bars below the axis, each in the first lane free over its whole span."""
        ends: list[float] = []
        placed = []
        # Placed by where each bar starts on the axis: packing the drawing, not the timeline's order.
        spread = [event for event in self.events if event.vague or event.open]
        for event in sorted(spread, key=lambda event: (self._earliest(event), event.date.end, event.id)):
            low, high = sorted((axis.fraction(self._earliest(event)), axis.fraction(_after(event.date))))
            lane = next((index for index, end in enumerate(ends) if end <= low), len(ends))
            if lane == len(ends):
                ends.append(high)
            else:
                ends[lane] = high
            placed.append((event, lane))
        return placed

    def _earliest(self, event: Event) -> dt.date:
        """Where an event's bar starts: its first possible day; for an open date (`../2025-12-10`) the earliest bound
        known, the date of the event it followed (`after`), else the start of its bound's year."""
        if not event.open:
            return event.date.start
        followed = next((other for other in self.events if other.id == event.after), None) if event.after else None
        if followed is not None and followed.date.start <= event.date.start:
            return followed.date.start
        return dt.date(event.date.start.year, 1, 1)

    def svg(self) -> Markup:
        if not self.events:
            return Markup("")
        first_year = min(self._earliest(event).year for event in self.events)
        last_year = max((event.end or event.date).end.year for event in self.events)
        axis = _Axis(first_year, last_year, self.rtl)
        columns = self._columns()
        lanes = self._lanes(axis)
        month_wide = NARROWEST / axis.months >= 2 * MARK
        one_by_one = (
            month_wide
            and max((len(members) for members in columns.values()), default=0) <= self.layout.column
            and max((lane for _, lane in lanes), default=-1) < self.layout.lanes
        )
        if one_by_one:
            return self._each(axis, columns, lanes)
        return self._counted(axis, by_month=month_wide)

    # -- the picture's frame ---------------------------------------------------------

    def _frame(self, height: float, description: str) -> tuple[ET.Element, ET.Element]:
        svg = ET.Element("svg", {
            "class": "tl-ov__svg", "width": "100%", "height": _px(height),
            "role": "group", "aria-labelledby": f"{self.name}-title {self.name}-desc",
        })
        ET.SubElement(svg, "title", {"id": f"{self.name}-title"}).text = self.L.t("overview")
        ET.SubElement(svg, "desc", {"id": f"{self.name}-desc"}).text = description
        return svg, ET.SubElement(svg, "g", {"class": "tl-ov__plot"})

    def _description(self, key: str) -> str:
        dates = [event.date for event in self.events]
        first = min(dates, key=lambda date: (date.start, date.end))
        last = max(dates, key=lambda date: (date.end, date.start))
        return self.L.t(key, count=self.L.count("events_count", len(self.events)), first=self.L.date(first), last=self.L.date(last))

    def _axis(self, plot: ET.Element, axis: _Axis, y: float, top: float, bottom: float, counts: dict[int, int] | None = None) -> None:
        ticks = ET.SubElement(plot, "g", {"class": "tl-ov__axis", "aria-hidden": "true"})
        ET.SubElement(ticks, "line", {"x1": _pct(axis.x(axis.start)), "x2": _pct(axis.x(axis.end)), "y1": _px(y), "y2": _px(y)})
        quarter_wide = NARROWEST / (axis.months / 3) >= 24
        labels = self._year_labels(axis, counts)
        for year in range(axis.first_year, axis.last_year + 2):
            x = _pct(axis.x(dt.date(year, 1, 1)))
            ET.SubElement(ticks, "line", {"class": "tl-ov__year-tick", "x1": x, "x2": x, "y1": _px(top), "y2": _px(bottom)})
            if year > axis.last_year:
                break
            if year in labels:
                label = ET.SubElement(ticks, "text", {"class": "tl-ov__year", "x": _pct((axis.x(dt.date(year, 1, 1)) + axis.x(dt.date(year + 1, 1, 1))) / 2), "y": _px(y + 14)})
                label.text = labels[year]
            for month in range(2, 13):
                minor = quarter_wide and month in (4, 7, 10)
                if not minor and NARROWEST / axis.months < 6:
                    continue
                xm = _pct(axis.x(dt.date(year, month, 1)))
                ET.SubElement(ticks, "line", {"class": "tl-ov__tick" + (" tl-ov__tick--quarter" if minor else ""), "x1": xm, "x2": xm, "y1": _px(y), "y2": _px(y + (5 if minor else 3))})

    def _year_labels(self, axis: _Axis, counts: dict[int, int] | None) -> dict[int, str]:
        """The label under each year ("2025 · 40" when counted), as many as fit side by side on the narrowest screen.

        Over many years a year is too narrow for its label: the counts go first (each bar's title
        still gives its count), then every second, third... year keeps its label, so labels never overlap.
        """
        years = range(axis.first_year, axis.last_year + 1)
        room = NARROWEST / len(years)
        labels = {year: self.L.year(year) + (f" · {self.L.digits(str(counts[year]))}" if counts and year in counts else "") for year in years}
        if max(len(text) for text in labels.values()) * LABEL_CHARACTER + LABEL_GAP > room:
            labels = {year: self.L.year(year) for year in years}
        step = math.ceil((max(len(text) for text in labels.values()) * LABEL_CHARACTER + LABEL_GAP) / room)
        return {year: text for year, text in labels.items() if (year - axis.first_year) % step == 0}

    # -- one mark per event ----------------------------------------------------------

    def _each(self, axis: _Axis, columns: dict[tuple[int, int], list[Event]], lanes: list[tuple[Event, int]]) -> Markup:
        tallest = max((len(members) for members in columns.values()), default=0)
        axis_y = 8 + tallest * CELL
        lane_count = 1 + max((lane for _, lane in lanes), default=-1)
        height = axis_y + AXIS_LABELS + lane_count * CELL + 6
        svg, plot = self._frame(height, self._description("overview_description"))
        self._axis(plot, axis, axis_y, 0, height)
        where: dict[str, tuple[float, float]] = {}
        marks = ET.Element("g", {"class": "tl-ov__marks"})
        for (year, month), members in columns.items():
            x = axis.month_middle(year, month)
            for index, event in enumerate(members):
                y = axis_y - CELL / 2 - 2 - index * CELL
                link = self._link(marks, event)
                _mark_shape(link, event.status, _pct(x), y)
                where[event.id] = (x, y)
        for event, lane in lanes:
            y = axis_y + AXIS_LABELS + CELL / 2 + lane * CELL
            start, end = axis.x(self._earliest(event)), axis.x(_after(event.date))
            link = self._link(marks, event)
            left, right = sorted((start, end))
            span = {
                "class": f"tl-ov__span tl-ov__span--{event.status}", "x": _pct(left), "width": _pct(right - left),
                "y": _px(y - 3), "height": "6", "rx": "3",
            }
            if event.open:
                # Known only as on or before its bound: the bar fades back towards the earliest bound known, its mark at the bound.
                span["class"] += " tl-ov__span--open"
                span["mask"] = f"url(#{self._fade(svg)})"
                start = axis.x(event.date.start)
            ET.SubElement(link, "rect", span)
            _mark_shape(link, event.status, _pct(start), y)
            where[event.id] = (start, y)
        self._pairs(plot, where)
        plot.append(marks)  # above the lines that pair them
        return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))

    def _fade(self, svg: ET.Element) -> str:
        """The mask (made once per picture) that fades a bar out towards the past: the reading side's start."""
        name = f"{self.name}-fade"
        if svg.find(f"./defs/mask[@id='{name}']") is None:
            defs = svg.find("./defs")
            if defs is None:
                defs = ET.Element("defs")
                svg.insert(2, defs)  # after the title and description
            gradient = ET.SubElement(defs, "linearGradient", {"id": f"{name}-gradient", "x1": "1" if self.rtl else "0", "x2": "0" if self.rtl else "1"})
            ET.SubElement(gradient, "stop", {"offset": "0", "stop-color": "#fff", "stop-opacity": "0.08"})
            ET.SubElement(gradient, "stop", {"offset": "1", "stop-color": "#fff", "stop-opacity": "1"})
            mask = ET.SubElement(defs, "mask", {"id": name, "maskContentUnits": "objectBoundingBox"})
            ET.SubElement(mask, "rect", {"width": "1", "height": "1", "fill": f"url(#{name}-gradient)"})
        return name

    def _link(self, parent: ET.Element, event: Event) -> ET.Element:
        link = ET.SubElement(parent, "a", {"href": self.links.event(event), "class": "tl-ov__link", "data-event": event.id})
        title = event.title.best(self.L.lang)
        ET.SubElement(link, "title").text = self.L.t(
            "overview_mark", title=title[0] if title else event.id,
            date=self.L.date_range(event.date, event.end), status=self.L.t(f"status.{event.status}"),
        )
        return link

    def _pairs(self, plot: ET.Element, where: dict[str, tuple[float, float]]) -> None:
        pairs = ET.SubElement(plot, "g", {"class": "tl-ov__conflicts", "aria-hidden": "true"})
        for cluster in conflict_clusters(self.events):
            for first, second in zip(cluster, cluster[1:], strict=False):
                if first.id in where and second.id in where:
                    (x1, y1), (x2, y2) = where[first.id], where[second.id]
                    ET.SubElement(pairs, "line", {"class": "tl-ov__conflict", "x1": _pct(x1), "y1": _px(y1), "x2": _pct(x2), "y2": _px(y2)})

    # -- counts when marks would crowd ---------------------------------------------

    def _counted(self, axis: _Axis, by_month: bool) -> Markup:
        precise: dict[tuple[int, int], list[Event]] = {}
        vague: dict[int, list[Event]] = {}
        opened: dict[str, list[Event]] = {}  # by the heading of their group: never counted in their bound's month
        for event in self.events:
            if event.open:
                opened.setdefault(period_anchor(event), []).append(event)
            elif event.vague:
                vague.setdefault(event.date.start.year, []).append(event)
            else:
                precise.setdefault((event.date.start.year, event.date.start.month if by_month else 0), []).append(event)
        most = max((len(members) for members in precise.values()), default=1)
        axis_y = 8 + MAX_BAR
        height = axis_y + AXIS_LABELS + (CELL + 4 if vague else 0) + (CELL + 4 if opened else 0) + 6
        svg, plot = self._frame(height, self._description("overview_grouped"))
        totals = {year: 0 for year in range(axis.first_year, axis.last_year + 1)}
        for event in self.events:
            totals[event.date.start.year] = totals.get(event.date.start.year, 0) + 1
        self._axis(plot, axis, axis_y, 0, height, counts=totals)
        bars = ET.SubElement(plot, "g", {"class": "tl-ov__marks"})
        for (year, month), members in precise.items():
            if by_month:
                low, high = axis.x(dt.date(year, month, 1)), axis.x(dt.date(year + month // 12, month % 12 + 1, 1))
                href = self.links.period(period_anchor(members[0]))
                period = self.L.date(FuzzyDate(Precision.MONTH, year, month))
            else:
                low, high = axis.x(dt.date(year, 1, 1)), axis.x(dt.date(year + 1, 1, 1))
                href = self.links.period(f"year-{year}")
                period = self.L.year(year)
            left, right = sorted((low, high))
            bar_height = max(3.0, MAX_BAR * len(members) / most)
            link = ET.SubElement(bars, "a", {"href": href, "class": "tl-ov__link tl-ov__group", "data-count": str(len(members))})
            ET.SubElement(link, "title").text = self.L.t("overview_group", period=period, count=self.L.count("events_count", len(members)))
            ET.SubElement(link, "rect", {
                "class": "tl-ov__bar", "x": _pct(left + 0.08 * (right - left)), "width": _pct(0.84 * (right - left)),
                "y": _px(axis_y - bar_height), "height": _px(bar_height),
            })
        for year, members in vague.items():
            low, high = sorted((axis.x(dt.date(year, 1, 1)), axis.x(dt.date(year + 1, 1, 1))))
            link = ET.SubElement(bars, "a", {"href": self.links.period(f"year-{year}-sometime"), "class": "tl-ov__link tl-ov__group", "data-count": str(len(members))})
            ET.SubElement(link, "title").text = self.L.t(
                "overview_group", period=self.L.t("sometime_in_year", year=self.L.year(year)), count=self.L.count("events_count", len(members)),
            )
            y = axis_y + AXIS_LABELS + 2
            ET.SubElement(link, "rect", {"class": "tl-ov__span", "x": _pct(low + 0.5), "width": _pct(high - low - 1), "y": _px(y), "height": _px(CELL - 2), "rx": "3"})
        for anchor, members in opened.items():
            # A group of open dates: one bar fading back from their bound to the earliest bound known of them.
            low, high = sorted((axis.x(min(self._earliest(event) for event in members)), axis.x(_after(members[0].date))))
            link = ET.SubElement(bars, "a", {"href": self.links.period(anchor), "class": "tl-ov__link tl-ov__group", "data-count": str(len(members))})
            ET.SubElement(link, "title").text = self.L.t(
                "overview_group", period=self.L.t("open_group", date=self.L.date(members[0].date.bound)), count=self.L.count("events_count", len(members)),
            )
            y = axis_y + AXIS_LABELS + 2 + (CELL + 4 if vague else 0)
            ET.SubElement(link, "rect", {
                "class": "tl-ov__span tl-ov__span--open", "x": _pct(low), "width": _pct(high - low), "y": _px(y), "height": _px(CELL - 2), "rx": "3",
                "mask": f"url(#{self._fade(svg)})",
            })
        return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))


def period_anchor(event: Event) -> str:
    """The id of the timeline heading an event is listed under: its month, its year's 'sometime' part, or for an
    open date the group of its bound (year-2025-12-by-10 for ../2025-12-10; year-2025-12-by for ../2025-12)."""
    if event.vague:
        return f"year-{event.date.start.year}-sometime"
    month = f"year-{event.date.start.year}-{event.date.start.month:02d}"
    if event.open:
        return f"{month}-by-{event.date.day:02d}" if event.date.day else f"{month}-by"
    return month


def status_symbol(status: str) -> Markup:
    """A status's shape on its own, as the legend shows it beside the word (decorative: the word says it)."""
    svg = ET.Element("svg", {"class": "tl-ov tl-symbol", "width": _px(2 * MARK + 2), "height": _px(2 * MARK + 2), "aria-hidden": "true", "focusable": "false"})
    _mark_shape(svg, status, _px(MARK + 1), MARK + 1)
    return Markup(ET.tostring(svg, encoding="unicode"))


def _after(date: FuzzyDate) -> dt.date:
    """The day after the last day a date may stand for: where its bar ends."""
    return date.end + dt.timedelta(days=1)
