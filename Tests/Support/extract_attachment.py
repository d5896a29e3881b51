#!/usr/bin/python3
"""Prints the decoded bytes of the attachment with the given filename (or the first image if '*image')."""
import email, email.policy, sys

msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
for part in msg.walk():
    name = part.get_filename()
    if name == sys.argv[2] or (sys.argv[2] == "*image" and part.get_content_maintype() == "image"):
        sys.stdout.buffer.write(part.get_payload(decode=True))
        break
