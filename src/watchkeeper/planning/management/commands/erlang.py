"""`watchkeeper erlang --calls N --interval-minutes M --aht-seconds S --answer-seconds T
--service-level L [--patience-seconds P] [--json]`: the agents one interval needs, so anyone can
check a figure. Erlang C, or Erlang A (abandonment) when a mean patience is given. Prints agents,
P(wait), service level, ASA and occupancy (and the abandonment share for Erlang A); `--json` prints
one object with keys agents, p_wait, service_level, asa_seconds, occupancy (and abandon).
The service level is a share (0.9) or a percentage (90)."""

from __future__ import annotations

import json
import math

from django.core.management import BaseCommand, CommandError

from watchkeeper.planning.staffing.erlang import Interval, required_agents


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value


class Command(BaseCommand):
    help = "Agents needed for one interval (Erlang C, or Erlang A with --patience-seconds)."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--calls", required=True, help="Calls offered in the interval")
        parser.add_argument("--interval-minutes", required=True, help="Length of the interval in minutes")
        parser.add_argument("--aht-seconds", required=True, help="Average handling time in seconds")
        parser.add_argument("--answer-seconds", required=True, help="Target answer time in seconds")
        parser.add_argument("--service-level", required=True, help="Share to answer within the target (0.9 or 90)")
        parser.add_argument("--patience-seconds", help="Mean caller patience in seconds (Erlang A)")
        parser.add_argument("--max-occupancy", default="1", help="Occupancy cap, 0-1 (default: no cap)")
        parser.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args, **o):
        try:
            level = _number(o["service_level"])
            if 1 < level <= 100:
                level /= 100
            interval = Interval(_number(o["calls"]), _number(o["interval_minutes"]), _number(o["aht_seconds"]))
            patience = _number(o["patience_seconds"]) if o["patience_seconds"] is not None else None
            result = required_agents(
                interval, _number(o["answer_seconds"]), level, patience, max_occupancy=_number(o["max_occupancy"])
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        figures = {
            "agents": result.agents,
            "p_wait": result.p_wait,
            "service_level": result.service_level,
            "asa_seconds": result.asa_seconds,
            "occupancy": result.occupancy,
        }
        if patience is not None:
            figures["abandon"] = result.abandon
        if o["json"]:
            self.stdout.write(json.dumps(figures))
            return
        model = "Erlang A" if patience is not None else "Erlang C"
        self.stdout.write(f"{model}: {interval.traffic:.4f} Erlangs offered")
        self.stdout.write(f"agents         {result.agents}")
        self.stdout.write(f"P(wait)        {result.p_wait:.7f}")
        self.stdout.write(f"service level  {result.service_level:.7f}")
        self.stdout.write(f"ASA            {result.asa_seconds:.3f} s")
        self.stdout.write(f"occupancy      {result.occupancy:.4f}")
        if patience is not None:
            self.stdout.write(f"abandoned      {result.abandon:.4f}")
