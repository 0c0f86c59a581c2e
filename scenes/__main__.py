"""`python -m scenes` is the `derivatives` command."""

from scenes.cli import main

raise SystemExit(main())
