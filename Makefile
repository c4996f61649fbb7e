# The two commands a newcomer needs:  make run   and   make test
# Both create or update .venv from the pinned constraints first.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run test test-fast install schema bench bench-throughput clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/tenets run corpus --out out

test: $(STAMP)
	$(VENV)/bin/python -m pytest

# Everything but the end-to-end (Prefect runs) and browser (Chromium) tests,
# spread over the cores (pytest-xdist): the quick check while working.
test-fast: $(STAMP)
	$(VENV)/bin/python -m pytest -m "not e2e and not browser" -n auto --dist worksteal -q

schema: $(STAMP)
	$(VENV)/bin/tenets schema --out schemas

bench: $(STAMP)
	$(VENV)/bin/python bench/parse_speed.py

bench-throughput: $(STAMP)
	$(VENV)/bin/python bench/throughput.py --sizes 100,1000,5000

clean:
	rm -rf out .data .prefect
