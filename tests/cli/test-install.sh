# test-install.sh — `make install` and `make uninstall` with PREFIX and
# DESTDIR: the binary, the man page fokus(1), the bash completion, the
# systemd units and the docs land where they should and leave again; the
# man page says exactly what `fokus --help` and `fokus help NAME` say (read
# back from its roff, and formatted by man without a warning); the bash
# completion completes commands, subcommands, options and option values;
# the units pass `systemd-analyze verify`.
. "$OLDPWD/tests/cli/lib.sh"
ROOT=$OLDPWD
PY=/usr/bin/python3
export LANG=C.UTF-8

make -s -C "$ROOT" install DESTDIR="$T/root" PREFIX=/usr > make.txt 2>&1 || fail "make install: $(cat make.txt)"
R=$T/root/usr
for f in bin/fokus share/man/man1/fokus.1 share/bash-completion/completions/fokus \
	lib/systemd/system/fokus-categorize.service lib/systemd/system/fokus-categorize.timer \
	lib/systemd/system/fokus-pulse.service lib/systemd/system/fokus-pulse.timer \
	lib/systemd/system/fokus-serve.service share/doc/fokus/fokus.default share/doc/fokus/follow-up.md; do
	[ -f "$R/$f" ] || fail "make install did not install $f"
done
[ -x "$R/bin/fokus" ] || fail "the binary is not executable"
"$R/bin/fokus" --version | grep -q '^fokus ' || fail "the installed binary runs"
make -s -C "$ROOT" install DESTDIR="$T/root2" > /dev/null 2>&1 || fail "make install, default PREFIX"
[ -x "$T/root2/usr/local/bin/fokus" ] && [ -f "$T/root2/usr/local/share/man/man1/fokus.1" ] || fail "default PREFIX /usr/local"

# --- the man page is the help text ------------------------------------------------
"$R/bin/fokus" --help > help.txt
for c in $("$R/bin/fokus" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p'); do
	"$R/bin/fokus" help "$c" > "help-$c.txt" || fail "help $c"
done
$PY - "$R/share/man/man1/fokus.1" <<'EOF' || fail "the man page and the help disagree"
import re, sys, glob
src = open(sys.argv[1], encoding='utf-8').read()
def unroff(line):
    if line.startswith('\\&'):
        line = line[2:]
    return line.replace('\\-', '-').replace('\\e', '\\')
blocks, cur, section = {}, None, None
for line in src.split('\n'):
    if line.startswith('.SS '):
        section = line[4:].strip()
    elif line.startswith('.SH '):
        section = line[4:].strip()
    elif line == '.nf':
        cur = []
    elif line == '.fi':
        blocks.setdefault(section, []).append('\n'.join(cur) + '\n')
        cur = None
    elif cur is not None:
        cur.append('' if line == '.sp' else unroff(line))
assert blocks['DESCRIPTION'][0] == open('help.txt', encoding='utf-8').read(), 'fokus --help'
names = [f[5:-4] for f in glob.glob('help-*.txt')]
assert len(names) >= 20, names
for n in names:
    want = open('help-%s.txt' % n, encoding='utf-8').read()
    assert n in blocks, 'no section for ' + n
    assert blocks[n][0] == want, n + ': the man page differs from fokus help ' + n
assert set(names) == set(k for k in blocks if k not in ('DESCRIPTION',)), sorted(blocks)
EOF
man --warnings -E UTF-8 -l -Tutf8 -Z "$R/share/man/man1/fokus.1" > /dev/null 2> manwarn.txt || fail "man: $(cat manwarn.txt)"
[ -s manwarn.txt ] && fail "man warns: $(head -5 manwarn.txt)"
MANWIDTH=100 man -l "$R/share/man/man1/fokus.1" 2>/dev/null | col -b > man.txt
expect_grep 'newsletter send --template FILE.md --subject TEXT' man.txt
expect_grep 'FOKUS_SMTP_PASSWORD' man.txt
grep -q 'fokus help --man' "$R/share/man/man1/fokus.1" || fail "the page says where it comes from"

# --- bash completion ----------------------------------------------------------------
complete_words() {
	bash -c ". '$R/share/bash-completion/completions/fokus'; COMP_WORDS=($1); COMP_CWORD=$2; _fokus; printf '%s\n' \"\${COMPREPLY[@]}\"" | sort | tr '\n' ' '
}
expect_eq "$(complete_words 'fokus new' 1)" "newsletter " "a command"
expect_eq "$(complete_words 'fokus newsletter ""' 2)" "bounce resubscribe send status suppressed unsubscribe " "subcommands"
complete_words 'fokus newsletter send --' 3 | grep -q -- '--template .*--subject\|--subject .*--template' || fail "options of newsletter send: $(complete_words 'fokus newsletter send --' 3)"
expect_eq "$(complete_words 'fokus adherence --format ""' 3)" "csv html json text " "values of --format"
expect_eq "$(complete_words 'fokus pulse --lang ""' 3)" "en sv " "values of --lang"
expect_eq "$(complete_words 'fokus --db x.db pul' 3)" "pulse " "after --db"
expect_eq "$(complete_words 'fokus user fe' 2)" "feed-token " "user subcommands"
expect_eq "$(complete_words 'fokus help adh' 2)" "adherence " "help completes commands"
complete_words 'fokus settings ""' 2 | grep -q 'set' || fail "settings subcommands"
expect_eq "$(complete_words 'fokus -' 1 | grep -c -- '--db')" "1" "global options"

# --- the systemd units ------------------------------------------------------------------
if command -v systemd-analyze > /dev/null; then
	mkdir units
	for u in "$R"/lib/systemd/system/*; do
		sed "s|/usr/bin/fokus|$R/bin/fokus|" "$u" > "units/$(basename "$u")"
	done
	systemd-analyze verify --man=no units/*.service units/*.timer > verify.txt 2>&1 || fail "systemd-analyze verify: $(cat verify.txt)"
	[ -s verify.txt ] && fail "systemd-analyze verify: $(cat verify.txt)"
fi
grep -q '^ExecStart=/usr/bin/fokus categorize --keep' "$R/lib/systemd/system/fokus-categorize.service" || fail "nightly categorize --keep"
grep -q '^OnCalendar=Mon ' "$R/lib/systemd/system/fokus-pulse.timer" || fail "Monday pulse"

# --- uninstall -------------------------------------------------------------------------
make -s -C "$ROOT" uninstall DESTDIR="$T/root" PREFIX=/usr > /dev/null 2>&1 || fail "make uninstall"
left=$(find "$T/root" -type f | wc -l)
expect_eq "$left" "0" "make uninstall left files: $(find "$T/root" -type f | head -5)"
exit 0
