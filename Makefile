# smskpi -- PGXS build.  See README.md for the two commands (./dev.sh demo, ./dev.sh test).

EXTENSION = smskpi
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big = smskpi
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script of the current version is built from sql/parts/*.sql
# (joined in sorted order); the frozen install scripts of earlier versions
# (sql/smskpi--0.1.0.sql: what that version installed, byte for byte) and the
# change scripts sql/smskpi--A--B.sql ship as they are.  See doc/CONTRIBUTING.md,
# "Versions and upgrades".
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*.sql))

# pg_regress tests: test/NAME.sql with expected/NAME.out
REGRESS = $(sort $(basename $(notdir $(wildcard test/*.sql))))
REGRESS_OPTS = --inputdir=build/regress --outputdir=build/regress --load-extension=$(EXTENSION)

PG_CPPFLAGS = -Isrc -DSMSKPI_VERSION=\"$(EXTVERSION)\"
EXTRA_CLEAN = build

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# every object depends on every header (generated tables included)
$(OBJS): $(wildcard src/*.h)

sql/$(EXTENSION)--$(EXTVERSION).sql: $(sort $(wildcard sql/parts/*.sql)) $(EXTENSION).control
	cat $(sort $(wildcard sql/parts/*.sql)) > $@

# PostgreSQL 15's pg_regress reads INPUTDIR/sql and INPUTDIR/expected:
# give it our test/ and expected/ folders under those names.
build/regress:
	mkdir -p build/regress
	ln -sfn ../../test build/regress/sql
	ln -sfn ../../expected build/regress/expected

installcheck: build/regress

# make installcheck-upgrade: the same pg_regress tests in a database where smskpi
# was installed at the oldest shipped version (UPGRADE_FROM) and updated with
# ALTER EXTENSION smskpi UPDATE (test/upgrade/regress-db.sh prepares it, pg_regress
# --use-existing runs in it).  UPGRADE_TESTS=all runs every test, UPGRADE_TESTS="a b"
# those; the default leaves out the four volume and timing tests (60 of the 70 s;
# see doc/hardening.md, "Upgrades and dump/restore").
UPGRADE_DB = smskpi_regress_upgraded
UPGRADE_FROM = 0.1.0
UPGRADE_SKIP = cancel campaign_random response_time_memory response_time_random
UPGRADE_TESTS ?= $(filter-out $(UPGRADE_SKIP),$(REGRESS))
UPGRADE_REGRESS = $(if $(filter all,$(UPGRADE_TESTS)),$(REGRESS),$(UPGRADE_TESTS))

.PHONY: installcheck-upgrade
installcheck-upgrade: build/regress
	sh test/upgrade/regress-db.sh $(UPGRADE_DB) $(UPGRADE_FROM)
	mkdir -p build/regress-upgrade
	$(pg_regress_installcheck) --inputdir=build/regress --outputdir=build/regress-upgrade \
		--use-existing --dbname=$(UPGRADE_DB) $(UPGRADE_REGRESS)

# Developer entry points (dev.sh does the set-up: packages, build, install).
#   make fuzz            long libFuzzer runs, >= 10M executions per harness
#                        (./dev.sh fuzz; FUZZ_ARGS="RUNS TARGET..." to choose)
#   make valgrind-check  the regression suite against a server under valgrind
#                        (./dev.sh valgrind; as root; VALGRIND_TESTS=... to choose)
.PHONY: demo test bench fuzz valgrind-check
demo:
	./dev.sh demo
test:
	./dev.sh test
bench:
	./dev.sh bench
fuzz:
	./dev.sh fuzz $(FUZZ_ARGS)
valgrind-check:
	./dev.sh valgrind
