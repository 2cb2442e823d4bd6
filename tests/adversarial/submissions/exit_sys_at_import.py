"""Exits with sys.exit while loading."""

import sys

print("bye")
sys.exit(3)
