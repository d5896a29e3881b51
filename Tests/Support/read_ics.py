#!/usr/bin/python3
"""Reads an iCalendar file with the icalendar package (Debian's python3-icalendar) and prints its
events as JSON, so Swift tests can check what a real parser sees."""
import json
import sys

import icalendar

with open(sys.argv[1], "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
events = []
for event in calendar.walk("VEVENT"):
    events.append({
        "uid": str(event.get("UID")),
        "summary": str(event.get("SUMMARY")),
        "location": str(event.get("LOCATION", "")),
        "description": str(event.get("DESCRIPTION", "")),
        "start": event.decoded("DTSTART").isoformat(),
        "end": event.decoded("DTEND").isoformat(),
        "status": str(event.get("STATUS", "")),
        "sequence": int(event.get("SEQUENCE", 0)),
    })
print(json.dumps({"name": str(calendar.get("X-WR-CALNAME", "")), "events": events}))
