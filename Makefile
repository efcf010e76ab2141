# The README's two commands. Each installs missing Debian packages, configures and builds first.
#   make run   - the live demo (headless simulation with live progress)
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

run: build
	$(BIN)/cleave simulate --use-case camera --devices 4 --rounds 10 --steps 50 --split fastest

test: build
	@ctest --preset $(PRESET)

bench: build
	@bash bench/run_all.sh $(BIN) docs/bench-results

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
