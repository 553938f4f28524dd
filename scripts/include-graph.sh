#!/usr/bin/env bash
# include-graph.sh - checks "the house" (../shared/DESIGN.md, README's Design section):
# a room includes only rooms below it. Low to high:
#
#   core → db → audit → auth → entity (the engine) → http → the areas → app → main.c
#
# Among the areas, an area includes only the areas it declares below (AREA_DEPS), and
# the declared dependencies form no cycle. Prints every include that breaks the rule
# and exits 1 if there is one; prints the allowed exceptions with their reasons, so they
# stay in sight. Run by make check (scripts/check.sh) and on its own:
#   scripts/include-graph.sh          # the check
#   scripts/include-graph.sh --dot    # the declared area dependencies and the listed
#                                     # exceptions (red), as Graphviz
set -uo pipefail
cd "$(dirname "$0")/.."

# the rooms below the areas, by height
declare -A LEVEL=([core]=0 [db]=1 [audit]=2 [auth]=3 [entity]=4 [http]=5 [app]=7 [main]=8)
AREA_LEVEL=6

# Each area and the areas it may include (lower in the house). A new area adds a line.
declare -A AREA_DEPS=(
  [org]=""
  [pdf]=""
  [inventory]="org"
  [classification]="inventory org"
  [risks]="inventory org"
  [actions]="org pdf risks"
  [requirements]="classification actions inventory org"
  [imports]="inventory org"
  [coverage]="classification requirements"
  [incidents]="org"
  [continuity]="classification inventory org pdf risks suppliers"
  [forum]="incidents org pdf risks"
  [dashboard]="actions awareness continuity incidents org pdf requirements risks scans suppliers"
  [twostep]="org"
  [documents]="org"
  [sso]="mail org"
  [scim]="org"
  [scans]=""
  [followup]="actions awareness dashboard pdf requirements"
  [suppliers]="classification imports incidents inventory org requirements risks"
  [yearwheel]=""
  [mail]=""
  [remind]="incidents mail"
  [csl]="incidents org suppliers"
  [awareness]="documents imports org"
)

# Known exceptions: "including-file-or-room|included-header|why". Each is a debt with its
# reason, printed on every run; remove the line when the debt is paid.
EXCEPTIONS=(
  "auth|http/http.h|the request and response types (they need only core and db) live in http/; auth and the engine read requests"
  "entity|http/http.h|the request and response types (they need only core and db) live in http/; auth and the engine read requests"
  "entity|http/page.h|the engine's list, record and form pages are framed by page_begin/page_end"
  "auth/handlers.c|http/page.h|the login, account and token pages are handlers: they belong above http/ (to move once the trust fixes in auth/ have landed)"
  "auth/handlers.c|http/router.h|the login, account and token pages are handlers: they belong above http/ (to move once the trust fixes in auth/ have landed)"
  "auth/handlers.c|entity/entity.h|the token pages use the tokens' descriptor: they belong above the engine (as above)"
)

# "area:dep dep" lines and "who|what|why" lines, for awk
deps=$(for a in "${!AREA_DEPS[@]}"; do echo "$a:${AREA_DEPS[$a]}"; done)
levels=$(for r in "${!LEVEL[@]}"; do echo "$r:${LEVEL[$r]}"; done)
exceptions=$(printf '%s\n' "${EXCEPTIONS[@]}")

# every #include "…" in src/ as "file<TAB>header", resolved in awk to a path under src/
# (generated headers in build/ and system headers are outside the house). A view's header
# (build/views/NAME.h) is followed: the file includes what views/NAME.html names, written
# here as "/AREA/x.h" (from src/).
view_includes() { grep -Ho '^{{! include: "\.\./src/[^"]*"' views/*.html 2>/dev/null |
  sed 's|^views/\(.*\)\.html:{{! include: "\.\./src|\1\t|; s|"$||'; }
includes() {
  (cd src && grep -rHo --include='*.[ch]' '^#include "[^"]*"' . | sort) |
    sed 's|^\./||; s|:#include "|\t|; s|"$||' |
    awk -F'\t' -v views="$(view_includes)" '
      BEGIN { n = split(views, V, "\n"); for (i = 1; i <= n; i++) { split(V[i], kv, "\t"); inc[kv[1]] = inc[kv[1]] kv[2] "\n" } }
      { print }
      match($2, /build\/views\/[a-z0-9_]+\.h$/) {
        name = substr($2, RSTART + 12, RLENGTH - 14)
        m = split(inc[name], H, "\n"); for (i = 1; i < m; i++) print $1 "\t" H[i]
      }'
}

# shellcheck disable=SC2016
check_awk='
function resolve(file, header,   parts, n, i, out, k, stack) {
  if (substr(header, 1, 1) == "/") return substr(header, 2)
  n = split(file, parts, "/"); k = 0
  for (i = 1; i < n; i++) stack[++k] = parts[i]
  n = split(header, parts, "/")
  for (i = 1; i <= n; i++) {
    if (parts[i] == "..") { if (k == 0) return ""; k-- }
    else if (parts[i] != ".") stack[++k] = parts[i]
  }
  out = stack[1]; for (i = 2; i <= k; i++) out = out "/" stack[i]
  return out
}
function room(path) {
  if (path == "main.c") return "main"
  if (path == "app.h") return "db"  # the running app: a pool and settings
  if (index(path, "/")) return substr(path, 1, index(path, "/") - 1)
  return "unknown"
}
function level(r) { return (r in LVL) ? LVL[r] : ((r in DEPS) ? AREA : -1) }
BEGIN {
  FS = "\t"; AREA = 6
  n = split(levels, L, "\n"); for (i = 1; i <= n; i++) { split(L[i], kv, ":"); LVL[kv[1]] = kv[2] }
  n = split(deps, D, "\n")
  for (i = 1; i <= n; i++) { split(D[i], kv, ":"); DEPS[kv[1]] = " " kv[2] " " }
  n = split(exceptions, E, "\n")
  for (i = 1; i <= n; i++) if (E[i] != "") { split(E[i], x, "|"); EXC[x[1] "|" x[2]] = x[3] }
}
{
  file = $1; path = resolve(file, $2)
  if (path == "" || path ~ /^build/) next
  from = room(file); to = room(path)
  if (from == to) next
  lf = level(from); lt = level(to)
  if (lf < 0 || lt < 0) {
    printf "BAD: src/%s includes %s: unknown room (%s -> %s); add it to scripts/include-graph.sh\n", file, $2, from, to
    bad++; next
  }
  if (lf == AREA && lt == AREA) { if (index(DEPS[from], " " to " ")) next }
  else if (lt < lf) next
  why = (file "|" path) in EXC ? EXC[file "|" path] : ((from "|" path) in EXC ? EXC[from "|" path] : "")
  if (why != "") {
    allowed++
    if (!((from "|" path) in shown)) { shown[from "|" path] = 1; printf "allowed: %s -> %s: %s\n", from, path, why }
    next
  }
  if (lf == AREA && lt == AREA) printf "BAD: src/%s includes %s: area %s does not declare %s\n", file, $2, from, to
  else printf "BAD: src/%s includes %s: %s (level %d) is below %s (level %d)\n", file, $2, from, lf, to, lt
  bad++
}
END { printf "COUNTS %d %d\n", bad, allowed }
'

if [ "${1:-}" = "--dot" ]; then
  echo "digraph lis {"
  includes | awk -v levels="$levels" -v deps="$deps" -v exceptions="" "$check_awk" |
    sed -n 's/^.*: \([a-z]*\) (level [0-9]*) is below \([a-z]*\).*/  "\1" -> "\2" [color=red];/p' | sort -u
  for a in "${!AREA_DEPS[@]}"; do for d in ${AREA_DEPS[$a]}; do echo "  \"$a\" -> \"$d\";"; done; done
  echo "}"
  exit 0
fi

report=$(includes | awk -v levels="$levels" -v deps="$deps" -v exceptions="$exceptions" "$check_awk")
grep -v '^COUNTS ' <<<"$report"
read -r _ bad allowed < <(grep '^COUNTS ' <<<"$report")

# the declared area dependencies form no cycle (tsort names it if they do)
pairs=""
for area in "${!AREA_DEPS[@]}"; do
  pairs+="$area $area"$'\n'
  for dep in ${AREA_DEPS[$area]}; do pairs+="$dep $area"$'\n'; done
done
if cycle=$(printf '%s' "$pairs" | tsort 2>&1 >/dev/null) && [ -z "$cycle" ]; then :; else
  echo "BAD: the declared area dependencies have a cycle: $cycle"
  bad=$((bad + 1))
fi

echo "include graph: $bad forbidden, $allowed allowed by a listed exception" \
  "(areas low to high: $(printf '%s' "$pairs" | tsort 2>/dev/null | tr '\n' ' '))"
[ "$bad" -eq 0 ]
