"""`python -m scenes`: the `derivatives` command (the entry point; no module imports this one)."""

from scenes.pipeline.command.cli import main

raise SystemExit(main())
