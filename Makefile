# Developer shortcuts; the README's two commands are ./run.sh and ./test.sh.
.PHONY: run test lint bench soak screenshots bundle
run:
	./run.sh
test:
	./test.sh
lint:
	scripts/bootstrap.sh test && .venv/bin/ruff check kiosk ui hardware tests bench && .venv/bin/mypy && .venv/bin/lint-imports
bench:
	scripts/bootstrap.sh test && .venv/bin/python bench/run_all.py && \
	  for b in bench/bench_*.py; do .venv/bin/python $$b || exit 1; done
soak:
	scripts/bootstrap.sh test && .venv/bin/python bench/soak.py --days 7
screenshots:
	scripts/screenshots.sh
bundle:
	scripts/bootstrap.sh test && installer/build.sh
