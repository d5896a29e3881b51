#!/usr/bin/python3
"""Prints the decoded bytes of the first text/csv attachment of a message, exactly."""
import email, email.policy, sys

msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
for part in msg.walk():
    if part.get_content_type() == "text/csv":
        sys.stdout.buffer.write(part.get_payload(decode=True))
        break
