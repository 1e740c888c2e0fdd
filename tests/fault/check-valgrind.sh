#!/bin/sh
# tests/fault/check-valgrind.sh - make check-valgrind: every command-line
# query, on the bundled document and on documents from tests/data, and
# scripted reader sessions (tests/fault/*.script), under valgrind's
# memcheck.  One line per run; fails on any valgrind error or definite
# leak, or an exit status other than the expected one.
#
# Usage: check-valgrind.sh VALGRIND [OPTION...]
# with $LECTERN, $TOPSRC, $TESTDATA and $TMPDIR set, as the Makefile's
# TEST_ENV sets them.

if [ $# -eq 0 ]; then
	echo "usage: $0 VALGRIND [OPTION...]" >&2
	exit 2
fi
lectern=${LECTERN:?LECTERN is not set}
top=${TOPSRC:?TOPSRC is not set}
data=${TESTDATA:?TESTDATA is not set}
dir=${TMPDIR:-/tmp}/check-valgrind
rm -rf "$dir"
mkdir -p "$dir/home" || exit 2
HOME=$dir/home
XDG_STATE_HOME=$dir/home/state
XDG_CONFIG_HOME=$dir/home/config
LECTERN_CONFIG=/dev/null
LC_ALL=C.UTF-8
export HOME XDG_STATE_HOME XDG_CONFIG_HOME LECTERN_CONFIG LC_ALL
unset LINES COLUMNS LECTERN_DATADIR

iom=$top/resources/iom-dg-response.txt
runs=0 failed=0 input=/dev/null

# run STATUS ARGS...: lectern ARGS under valgrind, standard input from
# $input; STATUS is the exit status expected, or "-" for the one lectern
# has without valgrind.
run() {
	want=$1
	shift
	runs=$((runs + 1))
	log=$dir/$runs.valgrind
	if [ "$want" = - ]; then
		"$lectern" "$@" <"$input" >/dev/null 2>&1
		want=$?
	fi
	VALGRIND_OPTS= "$vg" $vgopts --log-file="$log" "$lectern" "$@" \
	    <"$input" >"$dir/$runs.out" 2>"$dir/$runs.err"
	status=$?
	name=$(for a in "$@"; do case $a in
		/*) printf ' %s' "${a##*/}" ;;
		*) printf ' %s' "$a" ;;
		esac; done)
	if [ "$status" -eq 3 ] || [ -s "$log" ]; then
		echo "FAIL:$name: valgrind found errors or leaks (status $status):"
		sed 's/^/    /' "$log"
		failed=$((failed + 1))
	elif [ "$status" -ne "$want" ]; then
		echo "FAIL:$name: exit status $status, expected $want"
		sed 's/^/    /' "$dir/$runs.err"
		failed=$((failed + 1))
	else
		echo "PASS:$name (status $status, $(wc -c <"$dir/$runs.out" | tr -d ' ') bytes out)"
	fi
}

vg=$1
shift
vgopts="$*"

# The queries, on the bundled document.
run 0 --dump "$iom"
run 0 --dump --width=40 "$iom"
run 0 --outline "$iom"
run 0 --outline --json "$iom"
run 0 --print=5b "$iom"
run 1 --print=99z "$iom"
run 0 --lists "$iom"
run 0 --lists --json "$iom"
run 0 --xrefs "$iom"
run 0 --xrefs --json "$iom"
run 0 --terms "$iom"
run 0 --terms --json "$iom"
run 0 --search=duplicat "$iom"
run 0 --search=duplicat --json "$iom"
run 0 "--resolve=the three concerns" "$iom"
run 0 "--resolve=the three concerns" --json "$iom"
run 0 "--resolve=Working Group" --all "$iom"
run 1 --resolve=nothing-at-all "$iom"
run - --lint "$iom"
run 2 --bogus "$iom"
run 2 "$dir/no-such-file"

# Other documents: other encodings, an RFC, Markdown, escape sequences.
for doc in escapes.txt same.cp1252.txt same.utf16le.txt \
    index/rfc-small.txt index/law.md index/resolution.txt; do
	run 0 --dump "$data/$doc"
	run 0 --outline --json "$data/$doc"
	run 0 --lists --json "$data/$doc"
	run 0 --xrefs --json "$data/$doc"
	run 0 --terms --json "$data/$doc"
	run - --lint "$data/$doc"
done
run 0 --encoding=ISO-8859-1 --dump "$data/same.cp1252.txt"
input=$iom
run 0 --outline -
input=/dev/null

# Scripted reader sessions: the bundled document; from standard input;
# with a start command; and a document larger than what is indexed at
# once, read on a second thread behind a window.
script=$top/tests/fault/valgrind.script
run 0 --script "$script" "$iom"
run 0 --script "$script" "$iom"
input=$iom
run 0 --no-state --script "$script" -
input=/dev/null
run 0 --no-state --width=50 --script "$script" +5b "$iom"
run 0 --no-state --script "$script" +/duplicat "$iom"
i=0
while [ $i -lt 400 ]; do
	cat "$iom"
	i=$((i + 1))
done | LC_ALL=C awk '/^[0-9]+\. / { n++; sub(/^[0-9]+/, n) } { print }' \
    >"$dir/large.txt"
run 0 --script "$top/tests/fault/valgrind-large.script" "$dir/large.txt"

echo "check-valgrind: $runs runs, $((runs - failed)) passed, $failed failed"
if [ "$failed" -eq 0 ]; then
	rm -rf "$dir"
	exit 0
fi
echo "check-valgrind: the logs are in $dir"
exit 1
