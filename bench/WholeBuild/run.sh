#!/usr/bin/env bash
# Whole-build and whole-process benchmark (docs/benchmarks.md, "Whole build" and "No-op deploy as a whole process").
#
#   bench/WholeBuild/run.sh [iterations]          (as root: it starts a throwaway PostgreSQL as the postgres user)
#
# SECTIONS="build 10k noop" (the default) chooses the parts to run.
# VARIANTS="none floor after" leaves out the generator of BEFORE_REV in the build section; "floor" is BindingFloor/,
# a generator that only binds what any generator mapping these models must read (the peer of SchemaGen's own cost);
# "find" (not in the default list) is the same generator built to stop after finding the classes (FIND_ONLY).
# The environment decides whether Csc runs in the compiler server: this machine sets UseSharedCompilation=false (a fresh
# compiler process per build, the JIT paid every time); UseSharedCompilation=true measures a warm server instead.
# WARMUP=0 counts the first round too (on a busy machine a build takes minutes and there is no time to waste).
# 1. Real `dotnet build -c Release --no-incremental` of the 1,000-table x 20-column benchmark model, in the same run:
#    without any generator, with this branch's generator, and with the generator of BEFORE_REV (default: the
#    merge-base with main); reports the Csc task time (-clp:PerformanceSummary), the generator's own time
#    (-p:ReportAnalyzer=true) and the assembly size. Round 0 is a warm-up and is not counted (unless WARMUP=0).
# 2. The 10,000-table model, built once with this branch's generator (BEFORE_10K=1 also tries
#    BEFORE_REV's generator, which overflows the 16 MB #US heap).
# 3. A no-op deploy of the 200-table model as a whole process (/usr/bin/time -v: wall time, peak RSS), with this
#    branch and BEFORE_REV, next to a bare program that opens an Npgsql connection and runs one catalog query.
# Everything is built and run under OUT (default /tmp/schemagen-wholebuild); results go to OUT/results.txt.
set -euo pipefail

ITERATIONS=${1:-3}
FIRST=$([ "${WARMUP:-1}" = 0 ] && echo 1 || echo 0)
SECTIONS=" ${SECTIONS:-build 10k noop} "
REPO=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-/tmp/schemagen-wholebuild}
BEFORE_REV=${BEFORE_REV:-$(git -C "$REPO" merge-base HEAD main)}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
version() { sed -n "s/.*Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$REPO/Directory.Packages.props"; }
NPGSQL=$(version Npgsql)
LOGGING=$(version Microsoft.Extensions.Logging.Abstractions)

# REUSE=1 keeps OUT (and the runtimes built there) from an earlier run.
[ "${REUSE:-0}" = 1 ] || rm -rf "$OUT"
mkdir -p "$OUT" && chmod 755 "$OUT"
cp "$REPO/nuget.config" "$OUT/"
RESULTS="$OUT/results.txt"
say() { echo "$*" | tee -a "$RESULTS"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# --- the runtime and generator: this branch, and BEFORE_REV extracted (git archive, no checkout) -------------------
echo "building this branch's runtime and generator (Release)"
dotnet build "$REPO/src/SchemaGen" -c Release -v:q -nologo >/dev/null
if [ ! -d "$OUT/before-src" ]; then
  mkdir -p "$OUT/before-src"
  git -C "$REPO" archive "$BEFORE_REV" src Directory.Build.props Directory.Packages.props nuget.config | tar -x -C "$OUT/before-src"
fi
if [[ $SECTIONS == *" build "* || $SECTIONS == *" noop "* ]]; then  # the sections that compare with BEFORE_REV
  echo "building the runtime and generator of $BEFORE_REV (Release)"
  dotnet build "$OUT/before-src/src/SchemaGen" -c Release -v:q -nologo >/dev/null
fi
declare -A SRC=([after]="$REPO/src" [before]="$OUT/before-src/src")

# A project of the model sources; $2 = none | after | before chooses the generator.
project() {
  local dir=$1 generator=$2 exe=${3:-}
  local src=${SRC[$generator]:-${SRC[after]}}
  {
    echo '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>'
    echo '<TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><LangVersion>latest</LangVersion>'
    echo '<RootNamespace>BenchModels</RootNamespace><AssemblyName>BenchModels</AssemblyName><NoWarn>CS1591</NoWarn>'
    [ -n "$exe" ] && echo '<OutputType>Exe</OutputType>'
    echo '</PropertyGroup><ItemGroup>'
    echo "<PackageReference Include=\"Npgsql\" Version=\"$NPGSQL\" />"
    echo "<PackageReference Include=\"Microsoft.Extensions.Logging.Abstractions\" Version=\"$LOGGING\" />"
    echo "<Reference Include=\"SchemaGen\"><HintPath>$src/SchemaGen/bin/Release/net10.0/SchemaGen.dll</HintPath></Reference>"
    [ "$generator" = floor ] && echo "<Analyzer Include=\"$REPO/bench/WholeBuild/BindingFloor/bin/Release/netstandard2.0/BindingFloor.dll\" />"
    [ "$generator" = find ] && echo "<Analyzer Include=\"$OUT/find-only/BindingFloor.dll\" />"
    [ "$generator" != none ] && [ "$generator" != floor ] && [ "$generator" != find ] && echo "<Analyzer Include=\"$src/SchemaGen.Generators/bin/Release/netstandard2.0/SchemaGen.Generators.dll\" />"
    echo '</ItemGroup></Project>'
  } > "$dir/BenchModels.csproj"
}

model() { # $1 = directory, $2 = tables
  mkdir -p "$1"
  dotnet run -c Release --project "$REPO/bench/SchemaGen.Bench" -- write-model "$1" "$2" >/dev/null
}

# --- 1. the 1,000-table build -----------------------------------------------------------------------------------
if [[ $SECTIONS == *" build "* ]]; then
dotnet build "$REPO/bench/WholeBuild/BindingFloor" -c Release -v:q -nologo >/dev/null
dotnet build "$REPO/bench/WholeBuild/BindingFloor" -c Release -v:q -nologo -p:FindOnly=true -o "$OUT/find-only" >/dev/null
model "$OUT/model1000" 1000
for variant in ${VARIANTS:-none floor after before}; do
  mkdir -p "$OUT/build-$variant" && cp -r "$OUT/model1000/." "$OUT/build-$variant/"
  project "$OUT/build-$variant" "$variant"
  dotnet restore "$OUT/build-$variant" -v:q >/dev/null
done

build() { # $1 = variant, $2 = log; prints "csc_ms generator_s bytes"
  dotnet build "$OUT/build-$1" -c Release --no-restore --no-incremental -nologo -v:d -clp:PerformanceSummary -p:ReportAnalyzer=true > "$2" 2>&1
  local csc gen bytes
  csc=$(awk '/Task Performance Summary/{t=1} t && $3=="Csc" {print $1; exit}' "$2")
  gen=$(grep -m1 -E 'SchemaGen.Generators.SchemaGenerator|BindingFloor.BindingFloorGenerator' "$2" | awk '{print $1}' || true)
  bytes=$(stat -c %s "$OUT/build-$1/bin/Release/net10.0/BenchModels.dll")
  echo "$csc ${gen:--} $bytes"
}

say "# whole build, 1,000 tables x 20 columns, $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
say "round variant csc_ms generator_s assembly_bytes"
for round in $(seq "$FIRST" "$ITERATIONS"); do
  for variant in ${VARIANTS:-none floor after before}; do
    read -r csc gen bytes < <(build "$variant" "$OUT/build-$variant-$round.log")
    say "$round $variant $csc $gen $bytes"
  done
done
for variant in ${VARIANTS:-none floor after before}; do
  say "median (rounds 1-$ITERATIONS) $variant: $(awk -v v=$variant '$1>0 && $2==v {print $3}' "$RESULTS" | median) ms"
done
fi

# --- 2. the 10,000-table build ------------------------------------------------------------------------------------
if [[ $SECTIONS == *" 10k "* ]]; then
  model "$OUT/build10k-after" 10000
  for variant in after $([ "${BEFORE_10K:-0}" = 1 ] && echo before); do
    [ "$variant" = before ] && mkdir -p "$OUT/build10k-before" && cp -r "$OUT/build10k-after/." "$OUT/build10k-before/"
    project "$OUT/build10k-$variant" "$variant"
    dotnet restore "$OUT/build10k-$variant" -v:q >/dev/null
    start=$(date +%s.%N)
    if dotnet build "$OUT/build10k-$variant" -c Release --no-restore -nologo -v:n -clp:PerformanceSummary > "$OUT/build10k-$variant.log" 2>&1; then
      say "10,000 tables, $variant: built in $(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $start}") s, Csc $(awk '/Task Performance Summary/{t=1} t && $3=="Csc" {print $1; exit}' "$OUT/build10k-$variant.log") ms, assembly $(stat -c %s "$OUT/build10k-$variant/bin/Release/net10.0/BenchModels.dll") bytes"
    else
      say "10,000 tables, $variant: FAILED: $(grep -m1 -E 'error' "$OUT/build10k-$variant.log")"
    fi
  done
fi

# --- 3. no-op deploy of 200 tables as a whole process -------------------------------------------------------------
[[ $SECTIONS == *" noop "* || $SECTIONS == *" first "* || $SECTIONS == *" fleet "* ]] || exit 0
rm -rf "$OUT/pg" && mkdir -p "$OUT/pg" && chown postgres "$OUT/pg"   # the server's data, socket and log, owned by postgres
runuser -u postgres -- "$PGBIN/initdb" -D "$OUT/pg/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$OUT/pg/data" -l "$OUT/pg/log" -w -o "-p $PORT -k $OUT/pg -c listen_addresses=127.0.0.1" start >/dev/null
trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$OUT/pg/data" -m fast stop >/dev/null || true' EXIT
model "$OUT/model200" 200
mkdir -p "$OUT/bare" && cp "$REPO/bench/WholeBuild/BareNpgsql.cs" "$OUT/bare/"
cat > "$OUT/bare/Bare.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
<ItemGroup><PackageReference Include="Npgsql" Version="$NPGSQL" /></ItemGroup></Project>
XML
dotnet build "$OUT/bare" -c Release -nologo -v:q >/dev/null
measure() { # $1 = name, then the command
  local name=$1; shift
  /usr/bin/time -v -o "$OUT/time.txt" "$@" >/dev/null
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); print (n==3 ? p[1]*3600+p[2]*60+p[3] : p[1]*60+p[2])}' "$OUT/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt")
  say "$round $name $wall $rss"
}
cs() { echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$1;Pooling=false"; }
psql_file() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -1 -h 127.0.0.1 -p "$PORT" -U postgres -d "$1" -f "$OUT/schema.sql"; }
export -f psql_file; export PGBIN PORT OUT

# --- 4. first deploy (200 tables) and a fleet of 100 databases, next to psql -1 -f Schema.Sql -------------------
if [[ $SECTIONS == *" first "* || $SECTIONS == *" fleet "* ]]; then
  mkdir -p "$OUT/fleet" && cp -r "$OUT/model200/." "$OUT/fleet/" && cp "$REPO/bench/WholeBuild/FleetDeploy.cs" "$OUT/fleet/"
  project "$OUT/fleet" after exe
  dotnet build "$OUT/fleet" -c Release -nologo -v:q >/dev/null
  deploy=(dotnet "$OUT/fleet/bin/Release/net10.0/BenchModels.dll")
  "${deploy[@]}" --write-sql "$OUT/schema.sql"
  if [[ $SECTIONS == *" first "* ]]; then
    say "# first deploy and no-op, 200 tables, whole process (/usr/bin/time -v), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    say "round program wall_s max_rss_kb"
    for round in $(seq "$FIRST" "$ITERATIONS"); do
      for side in deploy psql bare; do runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" "first_${side}_$round"; done
      measure first-deploy "${deploy[@]}" "$(cs "first_deploy_$round")"
      measure first-psql bash -c "psql_file first_psql_$round"
      # The floor of a first deploy through Npgsql: start, connect, the script in one transaction, nothing else.
      measure first-bare-script dotnet "$OUT/bare/bin/Release/net10.0/Bare.dll" "$(cs "first_bare_$round")" --script "$OUT/schema.sql"
      measure noop-deploy "${deploy[@]}" "$(cs "first_deploy_$round")" --expect-no-op
      measure noop-bare dotnet "$OUT/bare/bin/Release/net10.0/Bare.dll" "$(cs "first_deploy_$round")"
      # The same once the catalogs are vacuumed, as autovacuum leaves them some time after a deployment: right after
      # one, the stamp's scans check the visibility of every new catalog row version (docs/benchmarks.md).
      "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d "first_deploy_$round" -c VACUUM
      measure noop-settled-deploy "${deploy[@]}" "$(cs "first_deploy_$round")" --expect-no-op
      measure noop-settled-bare dotnet "$OUT/bare/bin/Release/net10.0/Bare.dll" "$(cs "first_deploy_$round")"
    done
    for program in first-deploy first-psql first-bare-script noop-deploy noop-bare noop-settled-deploy noop-settled-bare; do
      say "median (rounds 1-$ITERATIONS) $program: $(awk -v p=$program 'NF==4 && $1>0 && $2==p {print $3}' "$RESULTS" | median) s, $(awk -v p=$program 'NF==4 && $1>0 && $2==p {print $4}' "$RESULTS" | median) kB"
    done
  fi
  if [[ $SECTIONS == *" fleet "* ]]; then
    FLEET=${FLEET:-100}
    say "# fleet of $FLEET databases, 200 tables, 4 at a time, whole process, load $(cut -d' ' -f1-3 /proc/loadavg)"
    say "round program wall_s max_rss_kb"
    for round in $(seq "$FIRST" "$ITERATIONS"); do
      : > "$OUT/fleet-$round.txt"; : > "$OUT/fleet-psql-$round.txt"
      for i in $(seq 1 "$FLEET"); do
        runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" "fleet_${round}_$i"
        runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" "fleetpsql_${round}_$i"
        cs "fleet_${round}_$i" >> "$OUT/fleet-$round.txt"; echo "fleetpsql_${round}_$i" >> "$OUT/fleet-psql-$round.txt"
      done
      measure fleet-first-deploy "${deploy[@]}" "@$OUT/fleet-$round.txt"
      measure fleet-first-psql bash -c "xargs -P 4 -I{} bash -c 'psql_file {}' < $OUT/fleet-psql-$round.txt"
      measure fleet-noop-deploy "${deploy[@]}" "@$OUT/fleet-$round.txt" --expect-no-op
      # The floor of any no-op check: connect to each of the same databases, one catalog query, 4 at a time.
      measure fleet-noop-bare dotnet "$OUT/bare/bin/Release/net10.0/Bare.dll" "@$OUT/fleet-$round.txt"
      # The same once autovacuum has been through the fleet (VACUUM of every database, then no autovacuum worker left):
      # the state a fleet is in when a release finds nothing to do, some time after the deployment that made it.
      runuser -u postgres -- "$PGBIN/vacuumdb" -q -h 127.0.0.1 -p "$PORT" -U postgres --all
      while [ "$("$PGBIN/psql" -X -At -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")" != 0 ]; do sleep 1; done
      measure fleet-noop-settled-deploy "${deploy[@]}" "@$OUT/fleet-$round.txt" --expect-no-op
      measure fleet-noop-settled-bare dotnet "$OUT/bare/bin/Release/net10.0/Bare.dll" "@$OUT/fleet-$round.txt"
    done
    for program in fleet-first-deploy fleet-first-psql fleet-noop-deploy fleet-noop-bare fleet-noop-settled-deploy fleet-noop-settled-bare; do
      say "median (rounds 1-$ITERATIONS) $program: $(awk -v p=$program 'NF==4 && $1>0 && $2==p {print $3}' "$RESULTS" | median) s, $(awk -v p=$program 'NF==4 && $1>0 && $2==p {print $4}' "$RESULTS" | median) kB"
    done
  fi
  [[ $SECTIONS == *" noop "* ]] || exit 0
fi

for variant in after before; do
  runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" "noop_$variant"
  mkdir -p "$OUT/noop-$variant" && cp -r "$OUT/model200/." "$OUT/noop-$variant/" && cp "$REPO/bench/WholeBuild/NoOpDeploy.cs" "$OUT/noop-$variant/"
  project "$OUT/noop-$variant" "$variant" exe
  dotnet build "$OUT/noop-$variant" -c Release -nologo -v:q >/dev/null
done

dotnet "$OUT/noop-after/bin/Release/net10.0/BenchModels.dll" "$(cs noop_after)"    # the first deploy
dotnet "$OUT/noop-before/bin/Release/net10.0/BenchModels.dll" "$(cs noop_before)"
say "# no-op deploy, 200 tables, whole process (/usr/bin/time -v), load $(cut -d' ' -f1-3 /proc/loadavg)"
say "round program wall_s max_rss_kb"
for round in $(seq "$FIRST" $((ITERATIONS * 3))); do
  measure bare dotnet "$OUT/bare/bin/Release/net10.0/Bare.dll" "$(cs noop_after)"
  measure after dotnet "$OUT/noop-after/bin/Release/net10.0/BenchModels.dll" "$(cs noop_after)" --expect-no-op
  measure before dotnet "$OUT/noop-before/bin/Release/net10.0/BenchModels.dll" "$(cs noop_before)" --expect-no-op
done
for program in bare after before; do
  say "median (rounds 1-$((ITERATIONS * 3))) $program: $(awk -v p=$program 'NF==4 && $1>0 && $2==p {print $3}' "$RESULTS" | median) s, $(awk -v p=$program 'NF==4 && $1>0 && $2==p {print $4}' "$RESULTS" | median) kB"
done
