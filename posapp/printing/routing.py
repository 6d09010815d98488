"""Kitchen routing: which kitchen printer (station) prints which items of an order.

Every kitchen printer prints. A printer with a station ("hot kitchen", "drinks bar") prints only the
items routed to that station; a printer without one prints the whole order (the pass, or a shop with
one kitchen printer). Items are routed by rules, first match wins: a rule's ``match`` is an item's
code (Keeta's ``spuOpenItemCode`` / ``skuOpenItemCode``), its English or Chinese name, or a category
written as a code or name prefix ending in ``*`` (``DRINK-*``). Keeta's order push carries no menu
category, so the shop's item codes are the categories. An item no rule sends to a station with a
printer prints on every printer without a station — or, when every printer has one, on the first
kitchen printer, so no item is ever left off every ticket.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from posapp.domain.order import Order, OrderLine


@dataclass(frozen=True)
class Route:
    match: str
    station: str

    def matches(self, line: OrderLine) -> bool:
        key = self.match.strip().casefold()
        if not key:
            return False
        names = [v.casefold() for v in (line.item_code, line.name, line.name_zh) if v]
        if key.endswith("*"):
            prefix = key[:-1]
            return bool(prefix) and any(v.startswith(prefix) for v in names)
        return key in names


@dataclass(frozen=True)
class StationPrinter:
    printer: str
    station: str = ""  # "": prints the whole order


@dataclass(frozen=True)
class StationTicket:
    """One printer's share of an order: the items it prints (all of them when ``whole``)."""

    printer: str
    station: str
    lines: tuple[OrderLine, ...]
    whole: bool


def routes_from_settings(entries: Iterable[Mapping[str, Any]]) -> tuple[Route, ...]:
    routes = []
    for entry in entries:
        match = str(entry.get("match") or "").strip()
        station = str(entry.get("station") or "").strip()
        if match and station:
            routes.append(Route(match, station))
    return tuple(routes)


@dataclass(frozen=True)
class KitchenRouting:
    printers: tuple[StationPrinter, ...] = ()
    routes: tuple[Route, ...] = ()

    @property
    def stations(self) -> list[str]:
        """The stations that have a printer, in settings order."""
        seen: list[str] = []
        for p in self.printers:
            if p.station and p.station not in seen:
                seen.append(p.station)
        return seen

    def station_of(self, line: OrderLine) -> str:
        """The station with a printer that ``line`` goes to, or "" (the whole-order printers)."""
        stations = self.stations
        for route in self.routes:
            if route.matches(line):
                return route.station if route.station in stations else ""
        return ""

    def split(self, order: Order) -> list[StationTicket]:
        """One share per kitchen printer that has something to print, in settings order."""
        if not self.printers:
            return []
        by_station: dict[str, list[OrderLine]] = {}
        for line in order.lines:
            by_station.setdefault(self.station_of(line), []).append(line)
        unrouted = tuple(by_station.get("", ()))
        catch_all = any(not p.station for p in self.printers)
        shares: list[StationTicket] = []
        for index, p in enumerate(self.printers):
            if not p.station:
                shares.append(StationTicket(p.printer, "", order.lines, whole=True))
                continue
            lines = list(by_station.get(p.station, ()))
            if index == 0 and unrouted and not catch_all:
                lines.extend(unrouted)  # no printer takes the whole order: the first takes the rest
            if lines:
                shares.append(StationTicket(p.printer, p.station, _in_order(order.lines, lines), False))
        return shares


def _in_order(all_lines: Sequence[OrderLine], chosen: list[OrderLine]) -> tuple[OrderLine, ...]:
    wanted = {id(line) for line in chosen}
    return tuple(line for line in all_lines if id(line) in wanted)
