# The two commands of the quick start. Each first runs scripts/setup, which installs only what is missing.
.PHONY: render test setup

render:
	@scripts/setup
	.venv/bin/derivatives render
	.venv/bin/derivatives render --lecture more-examples
	.venv/bin/derivatives render --lecture computation-graph
	.venv/bin/derivatives render --lecture graph-derivatives

test:
	@scripts/setup --test
	.venv/bin/ruff check .
	.venv/bin/python -m pytest -n auto --dist loadfile

setup:
	@scripts/setup --test
