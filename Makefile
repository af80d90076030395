# mgo: `make run` and `make test` work on a fresh Debian 12 machine; both
# install what is missing first (apt-get, as root or through sudo).
BUILD      ?= build
BUILD_ASAN ?= build-asan
JOBS       ?= $(shell nproc)
CMAKE_GEN  := -G Ninja

# Debian packages the build, the tests and the benchmarks need.
DEPS := g++ cmake ninja-build re2c bison libfmt-dev libedit-dev libgtest-dev \
        libgmock-dev python3 golang-go libbenchmark-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test asan test-asan test-tsan stress clean bench bench-runtime bench-conc

all: build

deps:
	@missing=""; for p in $(DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/mgo run examples/hello.mgo

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# AddressSanitizer + UndefinedBehaviorSanitizer build, running the same tests.
$(BUILD_ASAN)/build.ninja: | deps
	cmake -S . -B $(BUILD_ASAN) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMGO_SANITIZE=address,undefined

asan: deps $(BUILD_ASAN)/build.ninja
	cmake --build $(BUILD_ASAN) -j $(JOBS)

test-asan: asan
	ASAN_OPTIONS=detect_leaks=0 ctest --test-dir $(BUILD_ASAN) --output-on-failure -j $(JOBS)

# ThreadSanitizer build of the runtime and its tests (fiber-annotated).
BUILD_TSAN ?= build-tsan
$(BUILD_TSAN)/build.ninja: | deps
	cmake -S . -B $(BUILD_TSAN) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMGO_SANITIZE=thread

test-tsan: deps $(BUILD_TSAN)/build.ninja
	cmake --build $(BUILD_TSAN) -j $(JOBS) --target mgo_runtime_tests
	$(BUILD_TSAN)/mgo_runtime_tests --gtest_brief=1

# Concurrency tests repeated until one fails (plain build; N rounds).
# Not the million-goroutine test: 4 GB and ~10 s a run, once is enough.
STRESS_N ?= 30
stress: build
	ctest --test-dir $(BUILD) -L runtime -E 'ParkedGoroutines.Million' --repeat until-fail:$(STRESS_N) -j $(JOBS)

bench: build
	bench/run.sh --mgo $(BUILD)/mgo

# Goroutines and channels beside Go and yaegi (bench/conc/run.sh; table in bench/README.md).
bench-conc: build
	bench/conc/run.sh --mgo $(BUILD)/mgo

# The native runtime beside Go (bench/runtime/run.sh; table in bench/README.md).
bench-runtime: deps $(BUILD)/build.ninja
	bench/runtime/run.sh --build $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_TSAN)
