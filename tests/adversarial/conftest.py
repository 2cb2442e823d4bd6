"""Fixtures of the adversarial suite; the arena itself is in ``adversarial_harness.py``."""

from adversarial_harness import arena, backend, listener

__all__ = ["arena", "backend", "listener"]
