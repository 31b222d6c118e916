#!/bin/sh
# seeds-score.sh - extraction accuracy on the seed corpus, when the shared
# corpus sits next to the checkout (../shared); skipped otherwise.
# The threshold is micro F1 >= 0.97 for now (to be raised to 1.0).
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
"$PYTHON3" "$shared/eval/score.py" --cmd "$RK extract -f ntriples" --merged --min-f1 0.97 \
  "$shared/corpus/seeds"
