"""One-command benchmarks: `python3 -m bench`."""
