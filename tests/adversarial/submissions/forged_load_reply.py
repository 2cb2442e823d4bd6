"""Answers the load request itself with a reply whose list of names is not a table."""

import json
import os
import struct
import time

with open("/proc/self/cmdline", "rb") as handle:
    FD_OUT = json.loads(handle.read().split(b"\0")[-2])["fd_out"]

text = json.dumps({"ok": True, "names": [["double", 1], 2]}).encode()
os.write(FD_OUT, struct.pack("<4sII", b"GRD2", len(text), 0) + text)
time.sleep(30)
