#!/bin/sh
# seeds-score.sh - extraction accuracy on the seed corpus, when the shared
# corpus sits next to the checkout (../shared); skipped otherwise.
# The seeds must score micro F1 1.0 with every gold entity one node
# (--merged); the dev corpus, when present, must not fall below 0.95.
. "$top_srcdir/tests/cli/lib.sh"

shared=$top_srcdir/../shared
PYTHON3=${PYTHON3:-}
if [ ! -f "$shared/eval/score.py" ] || [ ! -d "$shared/corpus/seeds/docs" ]; then
  echo "no ../shared/eval and ../shared/corpus/seeds next to the source tree: skipped"
  exit 77
fi
if [ -z "$PYTHON3" ]; then
  echo "no python3: skipped"
  exit 77
fi
"$PYTHON3" "$shared/eval/score.py" --cmd "$RK extract -f ntriples" --merged --min-f1 1.0 \
  "$shared/corpus/seeds" || exit 1
if [ -d "$shared/corpus/dev/docs" ]; then
  "$PYTHON3" "$shared/eval/score.py" --cmd "$RK extract -f ntriples" --min-f1 0.95 \
    "$shared/corpus/dev" || exit 1
fi
