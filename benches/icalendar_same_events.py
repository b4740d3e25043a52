"""The yardstick of graded's iCalendar speed goal: the Python `icalendar` library writing the
same events as `graded --example plan --format ics`.

    python icalendar_same_events.py extract PLAN.ics > events.json   # once, untimed
    python icalendar_same_events.py write events.json > out.ics       # the timed run

`extract` reads graded's file into plain data (each event's properties and its alarm);
`write` builds the calendar from that data with `icalendar` (its VTIMEZONE made by the
library from the zone's rules) and writes it, as a program that used the library would.
`cargo bench --bench ratios` times `write` as a whole process beside graded's own.
"""

import json
import sys


def extract(path):
    import icalendar

    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    events = []
    for ev in cal.walk("VEVENT"):
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        alarm = next(iter(ev.walk("VALARM")), None)
        events.append(
            {
                "uid": str(ev["UID"]),
                "dtstamp": ev.decoded("DTSTAMP").strftime("%Y%m%dT%H%M%SZ"),
                "sequence": int(ev.get("SEQUENCE", 0)),
                "start": start.strftime("%Y-%m-%dT%H:%M:%S"),
                "end": end.strftime("%Y-%m-%dT%H:%M:%S"),
                "tzid": str(ev["DTSTART"].params["TZID"]),
                "summary": str(ev["SUMMARY"]),
                "description": str(ev["DESCRIPTION"]),
                "categories": [str(c) for c in ev["CATEGORIES"].cats],
                "transp": str(ev["TRANSP"]),
                "status": str(ev["STATUS"]),
                "alarm": None
                if alarm is None
                else {
                    "description": str(alarm["DESCRIPTION"]),
                    "trigger_min": int(alarm.decoded("TRIGGER").total_seconds() // 60),
                },
            }
        )
    json.dump(
        {
            "name": str(cal["X-WR-CALNAME"]),
            "tzid": str(cal["X-WR-TIMEZONE"]),
            "events": events,
        },
        sys.stdout,
    )


def write(path):
    from datetime import datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    import icalendar

    data = json.load(open(path))
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//graded//graded rehab planner//EN")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", data["name"])
    cal.add("x-wr-timezone", data["tzid"])
    for e in data["events"]:
        tz = ZoneInfo(e["tzid"])
        ev = icalendar.Event()
        ev.add("uid", e["uid"])
        ev.add(
            "dtstamp",
            datetime.strptime(e["dtstamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc),
        )
        ev.add("sequence", e["sequence"])
        ev.add("dtstart", datetime.fromisoformat(e["start"]).replace(tzinfo=tz))
        ev.add("dtend", datetime.fromisoformat(e["end"]).replace(tzinfo=tz))
        ev.add("summary", e["summary"])
        ev.add("description", e["description"])
        ev.add("categories", e["categories"])
        ev.add("transp", e["transp"])
        ev.add("status", e["status"])
        if e["alarm"]:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", e["alarm"]["description"])
            alarm.add("trigger", timedelta(minutes=-e["alarm"]["trigger_min"]))
            ev.add_component(alarm)
        cal.add_component(ev)
    cal.add_missing_timezones()
    sys.stdout.buffer.write(cal.to_ical())


if __name__ == "__main__":
    {"extract": extract, "write": write}[sys.argv[1]](sys.argv[2])
