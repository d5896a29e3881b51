#!/usr/bin/python3
"""Parses each message given on the command line with Python's email package (policy.strict, which
raises on defects, then policy.default, which records them) and prints one JSON object per file:
its defects, selected decoded headers, the text part and the calendar part."""
import email, email.policy, json, sys

for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    result = {"file": path, "defects": [], "errors": []}
    try:
        email.message_from_bytes(raw, policy=email.policy.strict)
    except Exception as e:  # strict raises on the first defect
        result["errors"].append(repr(e))
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    for part in msg.walk():
        result["defects"] += [repr(d) for d in part.defects]
        for name, value in part.items():
            result["defects"] += [repr(d) for d in getattr(value, "defects", [])]
    headers = {}
    for name in set(msg.keys()):
        headers[name.lower()] = [str(v) for v in msg.get_all(name)]
    result["headers"] = headers
    body = msg.get_body(("plain",))
    result["text"] = body.get_content() if body is not None else None
    html = msg.get_body(("html",))
    result["html"] = html.get_content() if html is not None else None
    cal = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    result["calendar"] = cal[0].get_content() if cal else None
    result["calendar_method"] = cal[0].get_param("method") if cal else None
    result["attachments"] = [a.get_filename() or "" for a in msg.iter_attachments()]
    result["attachment_texts"] = [a.get_content() if a.get_content_maintype() == "text" else "" for a in msg.iter_attachments()]
    result["date_parses"] = bool(email.utils.parsedate_to_datetime(msg["Date"])) if msg["Date"] else False
    lines = raw.split(b"\r\n")
    result["bare_lf"] = b"\n" in raw.replace(b"\r\n", b"")
    result["bare_cr"] = b"\r" in raw.replace(b"\r\n", b"")
    # A folded line holding one URI alone (List-Unsubscribe's signed links) cannot be folded further
    # (RFC 5322 folds only at whitespace): it counts against the 998-octet limit, not the 78 recommended.
    def unbreakable(l):
        t = l.strip().rstrip(b",")
        return (t.startswith(b"<http") or t.startswith(b"<mailto:")) and b" " not in t and len(l) <= 998
    result["longest_line"] = max(len(l) for l in lines if not unbreakable(l)) if lines else 0
    result["eight_bit"] = any(b > 127 for b in raw)
    print(json.dumps(result))
