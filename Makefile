# The README's two commands. Each installs missing Debian packages, configures and builds first.
#   make run   - the studio with a local camera fleet; with no display, the same fleet headless
#                (cleave-cloud --demo) printing a live table per round
#   make test  - every test
PRESET ?= dev
BUILD  := build/$(PRESET)
BIN    := $(BUILD)/bin

.PHONY: all deps configure build run test bench format clean
all: build

deps:
	@bash .ci/deps

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET)

RUN_DIR := $(BUILD)/run
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "cleave-studio: a local camera fleet of 4 agents"; \
	  $(BIN)/cleave-studio --local-fleet 4 --use-case camera; \
	else \
	  echo "no display: the same local camera fleet, headless (the studio needs a display)"; \
	  mkdir -p $(RUN_DIR); \
	  $(BIN)/cleave-cloud --demo 4 --use-case camera --rounds 10 --steps 50 --split fastest \
	    --keys $(RUN_DIR)/keys --session $(RUN_DIR)/camera-$$(date +%Y%m%d-%H%M%S).cleave \
	    --json $(RUN_DIR)/rounds.json --listen 'tcp://127.0.0.1:*' --control 'tcp://127.0.0.1:*' \
	    --events 'tcp://127.0.0.1:*'; \
	fi

test: build
	@ctest --preset $(PRESET)

bench: build
	@bash bench/run_all.sh $(BIN) docs/bench-results

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
