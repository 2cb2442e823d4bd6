"""Correct, but at import it fills the scratch folder: 20,000 empty files, then files
as large as the file size limit allows until no space is left. The next submission
forked by the same fork server must still find room to work."""

import errno
import os

import numpy as np

for _i in range(20_000):
    with open(f"f{_i}", "w"):
        pass
_n = 0
while _n < 1000:
    try:
        with open(f"big{_n}", "wb") as _handle:
            while True:
                _handle.write(b"\0" * (1 << 20))
    except OSError as _error:
        if _error.errno != errno.EFBIG:  # full (ENOSPC), or any other refusal: done
            break
        _n += 1  # this file reached the size limit: the next one
print("files in scratch:", len(os.listdir(".")))


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
