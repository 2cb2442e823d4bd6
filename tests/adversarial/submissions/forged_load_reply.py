"""Answers the load request itself with a reply whose list of names is not a table."""

import json
import os
import struct
import time


def _reply_pipe():
    """The write end of a pipe that is not stdout or stderr: the grader's reply channel."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:  # (the descriptor listdir itself used is gone by now)
            if fd <= 2 or not os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
                continue
            with open(f"/proc/self/fdinfo/{fd}") as info:
                flags = int(info.read().split("flags:")[1].split()[0], 8)
        except OSError:
            continue
        if flags & 0o3 == 0o1:  # O_WRONLY
            return fd
    raise SystemExit("no reply pipe")


FD_OUT = _reply_pipe()

text = json.dumps({"ok": True, "names": [["double", 1], 2]}).encode()
os.write(FD_OUT, struct.pack("<4sII", b"GRD2", len(text), 0) + text)
time.sleep(30)
