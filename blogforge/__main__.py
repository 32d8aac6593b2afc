"""`python -m blogforge` runs the command-line interface."""

from blogforge.cli import main

raise SystemExit(main())
